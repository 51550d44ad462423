/* bekal-quiz.h: scoring of answers and the seeded draw and shuffle of quizzes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bekal-model.h"
#include "bekal-quiz-response.h"

G_BEGIN_DECLS

/**
 * BEKAL_QUIZ_NO_SCORE:
 *
 * The score of an unscored (scale) answer; equal to %BEKAL_STORE_NO_SCORE.
 */
#define BEKAL_QUIZ_NO_SCORE (-1.0)

/**
 * BEKAL_QUIZ_ERROR:
 *
 * The error domain of quiz scoring and quiz sessions.
 */
#define BEKAL_QUIZ_ERROR (bekal_quiz_error_quark ())

/**
 * BekalQuizError:
 * @BEKAL_QUIZ_ERROR_INVALID_RESPONSE: a response that does not fit the question
 * @BEKAL_QUIZ_ERROR_NO_RETAKES: the module allows no further attempt
 * @BEKAL_QUIZ_ERROR_FINISHED: the attempt is finished
 * @BEKAL_QUIZ_ERROR_UNANSWERED: a pending or missing answer prevents finishing
 * @BEKAL_QUIZ_ERROR_NOT_FOUND: no such quiz, question or attempt
 *
 * Why a quiz operation failed.
 */
typedef enum
{
  BEKAL_QUIZ_ERROR_INVALID_RESPONSE, /* a response that does not fit the question */
  BEKAL_QUIZ_ERROR_NO_RETAKES,       /* the module allows no further attempt */
  BEKAL_QUIZ_ERROR_FINISHED,         /* the attempt is finished */
  BEKAL_QUIZ_ERROR_UNANSWERED,       /* a pending or missing answer prevents finishing */
  BEKAL_QUIZ_ERROR_NOT_FOUND,        /* no such quiz, question or attempt */
} BekalQuizError;

/*
 * Responses are plain text, stored as they are in the answers table:
 *
 *   single, truefalse   the chosen option id                       "b", "true"
 *   multiple            the chosen option ids, joined by commas    "a,c"  ("" = none chosen)
 *   order               every item id in the learner's order       "i3,i1,i2"
 *   match               LEFT=RIGHT for every pair, where LEFT is a pair id and RIGHT the id
 *                       of the pair whose right side the learner put next to it
 *                                                                  "p1=p2,p2=p1"
 *   scale               the chosen value as a decimal integer      "4"
 *
 * Ids cannot contain ',' or '=' (the module format allows [a-z0-9_-] only).
 */

/**
 * bekal_quiz_error_quark:
 *
 * Returns: the quark of %BEKAL_QUIZ_ERROR
 */
GQuark   bekal_quiz_error_quark         (void);

/**
 * bekal_quiz_score_response:
 * @question: a question
 * @response: a response in the stored format (see above)
 * @error: return location for a #GError
 *
 * Checks @response against @question and scores it (see `docs/scoring.md`). A response that
 * does not fit gives %BEKAL_QUIZ_ERROR_INVALID_RESPONSE. Callers must check @error, not the
 * value, since -1 is also %BEKAL_QUIZ_NO_SCORE.
 *
 * Returns: the score from 0 to 1, or %BEKAL_QUIZ_NO_SCORE for a scale question; -1 with
 *   @error set for a response that does not fit
 */
double   bekal_quiz_score_response      (BekalQuestion       *question,
                                         const char          *response,
                                         GError             **error);

/**
 * bekal_quiz_check_response:
 * @question: a question
 * @response: a response in the stored format
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @response fits @question; otherwise %FALSE with
 *   %BEKAL_QUIZ_ERROR_INVALID_RESPONSE
 */
gboolean bekal_quiz_check_response      (BekalQuestion       *question,
                                         const char          *response,
                                         GError             **error);

/**
 * bekal_quiz_response_from_ids:
 * @ids: (array zero-terminated=1): option ids (single, truefalse, multiple) or item ids in
 *   the learner's order (order)
 *
 * Encodes ids as a response, for the quiz page.
 *
 * Returns: (transfer full): the response, ids joined by commas
 */
char    *bekal_quiz_response_from_ids   (const char * const  *ids);

/**
 * bekal_quiz_response_from_pairs:
 * @left_ids: (array zero-terminated=1): pair ids
 * @right_ids: (array zero-terminated=1): as long as @left_ids: `right_ids[i]` was put next to
 *   `left_ids[i]`
 *
 * Encodes a match response.
 *
 * Returns: (transfer full): the response, `LEFT=RIGHT` pairs joined by commas; `""` when the
 *   arrays are %NULL or of different lengths
 */
char    *bekal_quiz_response_from_pairs (const char * const  *left_ids,
                                         const char * const  *right_ids);

/**
 * bekal_quiz_response_has_id:
 * @response: (nullable): a response
 * @option_id: an option or item id
 *
 * Returns: whether @option_id is chosen (single, truefalse, multiple) or listed (order) in
 *   @response
 */
gboolean bekal_quiz_response_has_id     (const char          *response,
                                         const char          *option_id);

/**
 * bekal_quiz_response_dup_match:
 * @response: (nullable): a match response
 * @left_id: a pair id
 *
 * Returns: (transfer full) (nullable): the id of the pair whose right side was put next to
 *   @left_id, or %NULL
 */
char    *bekal_quiz_response_dup_match  (const char          *response,
                                         const char          *left_id);

/**
 * bekal_quiz_new_seed:
 *
 * Returns: a new seed for an attempt: a non-negative 31-bit number, so that it is stored
 *   unchanged
 */
guint32  bekal_quiz_new_seed            (void);

/*
 * Draw and shuffle. These functions are part of the stored format: an attempt stores its
 * seed, and the same seed must give the same questions and option orders in every future
 * version. Never change the algorithm (see docs/scoring.md); add a new one instead.
 */

/**
 * bekal_quiz_draw_questions:
 * @quiz: a quiz
 * @seed: the attempt's seed
 *
 * The questions asked, in order: @quiz's draw from its pool (see bekal_quiz_get_pool()) with
 * @seed. Part of the stored format: the same seed gives the same questions in every version.
 *
 * Returns: (transfer full) (array zero-terminated=1): the question ids
 */
char   **bekal_quiz_draw_questions      (BekalQuiz           *quiz,
                                         guint32              seed);
/*
 * Parallel forms. A pool whose questions carry form="a" or form="b" gives each learner's
 * pre-test one form and the post-test the other, so that the two tests share no question.
 * Which form a learner starts with: the parity of the profile id plus a fixed hash of the
 * module id. Profiles are numbered in the order they are made, so half of the learners of
 * a sentra start with each form, and one learner does not start with the same form in
 * every module.
 */

/**
 * bekal_quiz_has_forms:
 * @quiz: a quiz
 *
 * Returns: whether the pool @quiz draws from has questions with a form
 */
gboolean     bekal_quiz_has_forms           (BekalQuiz           *quiz);

/**
 * bekal_quiz_form_for_learner:
 * @module: the module of @quiz
 * @quiz: a quiz
 * @profile_id: a learner's profile id
 *
 * Returns: (transfer none) (nullable): `"a"` or `"b"`, a static string: the form @profile_id
 *   answers in @quiz (a pre-test or post-test); %NULL when the pool has no forms or @quiz is a
 *   practice quiz
 */
const char  *bekal_quiz_form_for_learner    (BekalModule         *module,
                                             BekalQuiz           *quiz,
                                             gint64               profile_id);

/**
 * bekal_quiz_form_for_seat:
 * @quiz: a quiz
 * @seat: a participant's seat on a group session's roster (#BekalRosterEntry's @seat)
 *
 * The form a participant of a group session answers in @quiz. Seats alternate: even seats
 * take form A as the pre-test and form B as the post-test, odd seats the reverse, so that half
 * of the room starts with each form whatever the profiles' ids, and the room's pre-test and
 * post-test are each answered in both forms.
 *
 * Returns: (transfer none) (nullable): `"a"` or `"b"`, a static string; %NULL when the pool
 *   has no forms or @quiz is a practice quiz (every participant then gets the same draw)
 */
const char  *bekal_quiz_form_for_seat       (BekalQuiz           *quiz,
                                             guint                seat);

/**
 * bekal_quiz_draw_questions_of_form:
 * @quiz: a quiz
 * @form: (nullable): `"a"`, `"b"`, or %NULL for every question
 * @seed: the attempt's seed
 *
 * Like bekal_quiz_draw_questions(), from the questions of @form only (and those without a
 * form); with @form %NULL exactly bekal_quiz_draw_questions().
 *
 * Returns: (transfer full) (array zero-terminated=1): the question ids
 */
char       **bekal_quiz_draw_questions_of_form (BekalQuiz        *quiz,
                                                const char       *form,
                                                guint32           seed);

/**
 * bekal_quiz_arrange_options:
 * @question: a question
 * @shuffle: whether to shuffle the options of single, multiple and match questions
 * @seed: the attempt's seed
 * @out_match_order: (out) (optional) (nullable) (transfer full) (array zero-terminated=1):
 *   for match, the pair ids in the order to show the right sides (never all next to their
 *   own left side); %NULL for other types
 *
 * The option ids of @question in the order to show them. Options of single and multiple are
 * shuffled when @shuffle is set; order items are always shuffled and never shown in the
 * correct order; truefalse and scale keep their order; match keeps its left sides in order
 * unless @shuffle is set. Part of the stored format, like bekal_quiz_draw_questions().
 *
 * Returns: (transfer full) (array zero-terminated=1): the option ids
 */
char   **bekal_quiz_arrange_options     (BekalQuestion       *question,
                                         gboolean             shuffle,
                                         guint32              seed,
                                         char              ***out_match_order);

G_END_DECLS
