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

/* How one part of an answer (an option, or the left side of a pair) is marked after it is
 * given; see bekal_quiz_mark_part () */
typedef enum
{
  BEKAL_PART_MARK_NONE,    /* nothing to say: not chosen and not to be chosen, or unscored */
  BEKAL_PART_MARK_CORRECT, /* chosen (or matched) and right */
  BEKAL_PART_MARK_MISSED,  /* not chosen, but part of the correct answer */
  BEKAL_PART_MARK_WRONG,   /* chosen (or matched) and wrong */
} BekalPartMark;

#define BEKAL_TYPE_RESPONSE (bekal_response_get_type ())

typedef struct _BekalResponse BekalResponse;

GType              bekal_response_get_type        (void) G_GNUC_CONST;

/* An empty response to a question of @kind: no option chosen, no pair, no value */
BekalResponse     *bekal_response_new             (BekalQuestionType     kind);
BekalResponse     *bekal_response_ref             (BekalResponse        *self);
void               bekal_response_unref           (BekalResponse        *self);

/* Decodes @text, written for a question of @kind. Only the form is checked (ids that could
 * be ids, LEFT=RIGHT pairs, a whole number on a scale), not whether the ids exist: use
 * bekal_quiz_check_response () for that. Text that does not have the form (say, from a
 * damaged database) gives NULL and BEKAL_QUIZ_ERROR_INVALID_RESPONSE. */
BekalResponse     *bekal_response_parse           (BekalQuestionType     kind,
                                                   const char           *text,
                                                   GError              **error);
/* The text that is scored and stored */
char              *bekal_response_to_string       (const BekalResponse  *self);

BekalQuestionType  bekal_response_get_kind        (const BekalResponse  *self);

/* single, truefalse, multiple: a chosen option; order: the next item in the learner's order.
 * @id must be a module id (no ',' and no '='). */
void               bekal_response_add_id          (BekalResponse        *self,
                                                   const char           *id);
guint              bekal_response_get_n_ids       (const BekalResponse  *self);
const char        *bekal_response_get_id          (const BekalResponse  *self,
                                                   guint                 index);
gboolean           bekal_response_has_id          (const BekalResponse  *self,
                                                   const char           *id);

/* match: @right_id (the pair whose right side was put next to @left_id) or NULL when the
 * left side was left unmatched */
void               bekal_response_add_pair        (BekalResponse        *self,
                                                   const char           *left_id,
                                                   const char           *right_id);
guint              bekal_response_get_n_pairs     (const BekalResponse  *self);
const char        *bekal_response_get_left_id     (const BekalResponse  *self,
                                                   guint                 index);
/* The right side put next to @left_id; NULL when unmatched or not in the response */
const char        *bekal_response_get_match       (const BekalResponse  *self,
                                                   const char           *left_id);

/* scale */
void               bekal_response_set_value       (BekalResponse        *self,
                                                   int                   value);
/* FALSE while no value is set */
gboolean           bekal_response_get_value       (const BekalResponse  *self,
                                                   int                  *out_value);

/* Scores @response as bekal_quiz_score_response () scores its text */
double             bekal_quiz_score               (BekalQuestion        *question,
                                                   const BekalResponse  *response,
                                                   GError              **error);
/* How @part_id (an option id for single, multiple and truefalse; a pair id, the left side,
 * for match) is marked once @response is given. Order and scale questions have no marks
 * per part. */
BekalPartMark      bekal_quiz_mark_part           (BekalQuestion        *question,
                                                   const BekalResponse  *response,
                                                   const char           *part_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalResponse, bekal_response_unref)

G_END_DECLS
