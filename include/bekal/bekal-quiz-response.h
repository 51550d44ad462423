/* bekal-quiz-response.h: a learner's answer to one question, decoded, and its text form
 *
 * The views build a BekalResponse from what the learner chose; core turns it into the text
 * that is scored and stored (see the format in bekal-quiz.h) and back. No other code joins
 * or splits answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/**
 * BekalPartMark:
 * @BEKAL_PART_MARK_NONE: nothing to say: not chosen and not to be chosen, or unscored
 * @BEKAL_PART_MARK_CORRECT: chosen (or matched) and right
 * @BEKAL_PART_MARK_MISSED: not chosen, but part of the correct answer
 * @BEKAL_PART_MARK_WRONG: chosen (or matched) and wrong
 *
 * How one part of an answer (an option, or the left side of a pair) is marked after it is
 * given; see bekal_quiz_mark_part().
 */
typedef enum
{
  BEKAL_PART_MARK_NONE,    /* nothing to say: not chosen and not to be chosen, or unscored */
  BEKAL_PART_MARK_CORRECT, /* chosen (or matched) and right */
  BEKAL_PART_MARK_MISSED,  /* not chosen, but part of the correct answer */
  BEKAL_PART_MARK_WRONG,   /* chosen (or matched) and wrong */
} BekalPartMark;

#define BEKAL_TYPE_RESPONSE (bekal_response_get_type ())

/**
 * BekalResponse:
 *
 * A learner's answer to one question, decoded: the chosen option ids (single, truefalse,
 * multiple), the items in order (order), the pairs (match) or the value (scale). Its text form
 * (bekal_response_to_string()) is what is scored and stored. A boxed type whose reference
 * count is not atomic: use a response from one thread at a time.
 */
typedef struct _BekalResponse BekalResponse;

GType              bekal_response_get_type        (void) G_GNUC_CONST;

/**
 * bekal_response_new:
 * @kind: the kind of question
 *
 * Returns: (transfer full): an empty response to a question of @kind: no option chosen, no
 *   pair, no value
 */
BekalResponse     *bekal_response_new             (BekalQuestionType     kind);

/**
 * bekal_response_ref:
 * @self: a #BekalResponse
 *
 * Returns: (transfer full): @self, with one more reference
 */
BekalResponse     *bekal_response_ref             (BekalResponse        *self);

/**
 * bekal_response_unref:
 * @self: (transfer full): a #BekalResponse
 *
 * Drops a reference; the last one frees the response.
 */
void               bekal_response_unref           (BekalResponse        *self);

/**
 * bekal_response_parse:
 * @kind: the kind of question @text was written for
 * @text: (nullable): a response in the stored format
 * @error: return location for a #GError
 *
 * Decodes @text. Only the form is checked (ids that could be ids, `LEFT=RIGHT` pairs, a whole
 * number on a scale), not whether the ids exist: use bekal_quiz_check_response() for that.
 *
 * Returns: (transfer full) (nullable): the response; %NULL with
 *   %BEKAL_QUIZ_ERROR_INVALID_RESPONSE for text without the form (say, from a damaged
 *   database)
 */
BekalResponse     *bekal_response_parse           (BekalQuestionType     kind,
                                                   const char           *text,
                                                   GError              **error);

/**
 * bekal_response_to_string:
 * @self: a #BekalResponse
 *
 * Returns: (transfer full): the text that is scored and stored
 */
char              *bekal_response_to_string       (const BekalResponse  *self);

/**
 * bekal_response_get_kind:
 * @self: a #BekalResponse
 *
 * Returns: the kind of question the response is for
 */
BekalQuestionType  bekal_response_get_kind        (const BekalResponse  *self);

/**
 * bekal_response_add_id:
 * @self: a #BekalResponse to a single, truefalse, multiple or order question
 * @id: a module id (no `,` and no `=`)
 *
 * Adds a chosen option (single, truefalse, multiple) or the next item in the learner's order
 * (order).
 */
void               bekal_response_add_id          (BekalResponse        *self,
                                                   const char           *id);

/**
 * bekal_response_get_n_ids:
 * @self: a #BekalResponse
 *
 * Returns: the number of ids; 0 for a match or scale response
 */
guint              bekal_response_get_n_ids       (const BekalResponse  *self);

/**
 * bekal_response_get_id:
 * @self: a #BekalResponse
 * @index: from 0 to bekal_response_get_n_ids() - 1
 *
 * Returns: (transfer none): the id at @index
 */
const char        *bekal_response_get_id          (const BekalResponse  *self,
                                                   guint                 index);

/**
 * bekal_response_has_id:
 * @self: a #BekalResponse
 * @id: (nullable): an option or item id
 *
 * Returns: whether @id is among the ids
 */
gboolean           bekal_response_has_id          (const BekalResponse  *self,
                                                   const char           *id);

/**
 * bekal_response_add_pair:
 * @self: a #BekalResponse to a match question
 * @left_id: a pair id: the left side
 * @right_id: (nullable): the pair whose right side was put next to @left_id, or %NULL when
 *   the left side was left unmatched
 *
 * Adds a pair to a match response.
 */
void               bekal_response_add_pair        (BekalResponse        *self,
                                                   const char           *left_id,
                                                   const char           *right_id);

/**
 * bekal_response_get_n_pairs:
 * @self: a #BekalResponse
 *
 * Returns: the number of pairs; 0 unless a match response
 */
guint              bekal_response_get_n_pairs     (const BekalResponse  *self);

/**
 * bekal_response_get_left_id:
 * @self: a #BekalResponse
 * @index: from 0 to bekal_response_get_n_pairs() - 1
 *
 * Returns: (transfer none): the left side of the pair at @index
 */
const char        *bekal_response_get_left_id     (const BekalResponse  *self,
                                                   guint                 index);

/**
 * bekal_response_get_match:
 * @self: a #BekalResponse
 * @left_id: (nullable): a pair id
 *
 * Returns: (transfer none) (nullable): the right side put next to @left_id; %NULL when
 *   unmatched or not in the response
 */
const char        *bekal_response_get_match       (const BekalResponse  *self,
                                                   const char           *left_id);

/**
 * bekal_response_set_value:
 * @self: a #BekalResponse to a scale question
 * @value: the chosen value
 *
 * Sets the value of a scale response.
 */
void               bekal_response_set_value       (BekalResponse        *self,
                                                   int                   value);

/**
 * bekal_response_get_value:
 * @self: a #BekalResponse
 * @out_value: (out) (optional): the value; 0 while none is set
 *
 * Returns: whether a value is set
 */
gboolean           bekal_response_get_value       (const BekalResponse  *self,
                                                   int                  *out_value);

/**
 * bekal_quiz_score:
 * @question: a question
 * @response: a response to it
 * @error: return location for a #GError
 *
 * Scores @response as bekal_quiz_score_response() scores its text.
 *
 * Returns: the score from 0 to 1, or %BEKAL_QUIZ_NO_SCORE for a scale question; -1 with
 *   @error set (%BEKAL_QUIZ_ERROR_INVALID_RESPONSE) for a response that does not fit
 */
double             bekal_quiz_score               (BekalQuestion        *question,
                                                   const BekalResponse  *response,
                                                   GError              **error);

/**
 * bekal_quiz_mark_part:
 * @question: a question
 * @response: a response to it
 * @part_id: an option id for single, multiple and truefalse; a pair id, the left side, for
 *   match
 *
 * How @part_id is marked once @response is given. Order and scale questions have no marks
 * per part.
 *
 * Returns: the mark
 */
BekalPartMark      bekal_quiz_mark_part           (BekalQuestion        *question,
                                                   const BekalResponse  *response,
                                                   const char           *part_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalResponse, bekal_response_unref)

G_END_DECLS
