/* bekal-quiz-session.h: one attempt at a quiz, saved answer by answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bekal-model.h"
#include "bekal-quiz.h"
#include "bekal-store.h"

G_BEGIN_DECLS

/**
 * BekalSessionKind:
 * @BEKAL_SESSION_PRETEST: a pre-test
 * @BEKAL_SESSION_PRACTICE: a practice quiz
 * @BEKAL_SESSION_POSTTEST: a post-test
 * @BEKAL_SESSION_CHECKPOINT: the single question asked at a point of a video
 *
 * What a quiz session is used for. Pre-test, practice and post-test come from the quiz role.
 */
typedef enum
{
  BEKAL_SESSION_PRETEST,
  BEKAL_SESSION_PRACTICE,
  BEKAL_SESSION_POSTTEST,
  BEKAL_SESSION_CHECKPOINT,
} BekalSessionKind;

/**
 * BekalFeedbackMoment:
 * @BEKAL_FEEDBACK_AFTER_ANSWER: right after an answer is given
 * @BEKAL_FEEDBACK_AFTER_FINISH: once the attempt is finished
 *
 * When feedback is asked for; see bekal_quiz_session_get_feedback_policy().
 */
typedef enum
{
  BEKAL_FEEDBACK_AFTER_ANSWER, /* right after an answer is given */
  BEKAL_FEEDBACK_AFTER_FINISH, /* once the attempt is finished */
} BekalFeedbackMoment;

/**
 * BekalFeedbackFlags:
 * @BEKAL_FEEDBACK_NONE: nothing
 * @BEKAL_FEEDBACK_CORRECTNESS: right or wrong, and the correct answer
 * @BEKAL_FEEDBACK_OPTIONS: the feedback text of each option
 * @BEKAL_FEEDBACK_EXPLANATION: the explanation of the question
 * @BEKAL_FEEDBACK_SCORE: the total score
 * @BEKAL_FEEDBACK_VERDICT: passed or failed (quizzes with a pass mark)
 * @BEKAL_FEEDBACK_REVIEW: every question again with the learner's answer
 * @BEKAL_FEEDBACK_START_HINT: "this is where you start"
 *
 * What the quiz page may show at a moment.
 */
typedef enum
{
  BEKAL_FEEDBACK_NONE        = 0,
  BEKAL_FEEDBACK_CORRECTNESS = 1 << 0, /* right or wrong, and the correct answer */
  BEKAL_FEEDBACK_OPTIONS     = 1 << 1, /* the feedback text of each option */
  BEKAL_FEEDBACK_EXPLANATION = 1 << 2, /* the explanation of the question */
  BEKAL_FEEDBACK_SCORE       = 1 << 3, /* the total score */
  BEKAL_FEEDBACK_VERDICT     = 1 << 4, /* passed or failed (quizzes with a pass mark) */
  BEKAL_FEEDBACK_REVIEW      = 1 << 5, /* every question again with the learner's answer */
  BEKAL_FEEDBACK_START_HINT  = 1 << 6, /* "this is where you start" */
} BekalFeedbackFlags;

/**
 * BekalItemState:
 * @BEKAL_ITEM_UNANSWERED: not answered
 * @BEKAL_ITEM_PENDING: answered, kept in memory, not yet saved (disk full, database busy)
 * @BEKAL_ITEM_SAVED: answered and saved
 *
 * Where a question of the attempt stands.
 */
typedef enum
{
  BEKAL_ITEM_UNANSWERED,
  BEKAL_ITEM_PENDING,  /* answered, kept in memory, not yet saved (disk full, busy) */
  BEKAL_ITEM_SAVED,    /* answered and saved */
} BekalItemState;

/**
 * BekalQuizSession:
 *
 * A learner's attempt at a quiz, or the answer to a video checkpoint: the questions drawn
 * with the attempt's seed, their option orders, the answers, their scores and the saving of
 * each answer to the store at once. Scoring and answer encoding live here, not in the
 * widgets. Its read-only properties `current-index` (guint), `n-pending` (guint) and
 * `finished` (gboolean) notify when they change, for the quiz page to bind to. Use a session
 * in the thread of its store.
 */
#define BEKAL_TYPE_QUIZ_SESSION (bekal_quiz_session_get_type ())

G_DECLARE_FINAL_TYPE (BekalQuizSession, bekal_quiz_session, BEKAL, QUIZ_SESSION, GObject)

/**
 * bekal_quiz_session_start:
 * @store: the learner store
 * @profile_id: the learner's profile
 * @module: the module of @quiz
 * @quiz: a quiz of @module
 * @error: return location for a #GError
 *
 * Resumes the learner's unfinished attempt at @quiz (same draw, same orders, at the next
 * unanswered question), or starts a new one with a new seed, written to the store.
 *
 * Returns: (transfer full): the session; %NULL with %BEKAL_QUIZ_ERROR_NO_RETAKES when the
 *   module allows no further attempt, or with the store's error
 */
BekalQuizSession   *bekal_quiz_session_start                 (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              GError              **error);

/**
 * bekal_quiz_session_start_with_seed:
 * @store: the learner store
 * @profile_id: the learner's profile
 * @module: the module of @quiz
 * @quiz: a quiz of @module
 * @seed: the seed of a new attempt
 * @error: return location for a #GError
 *
 * As bekal_quiz_session_start(), but a new attempt uses @seed.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
BekalQuizSession   *bekal_quiz_session_start_with_seed       (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              guint32               seed,
                                                              GError              **error);

/**
 * bekal_quiz_session_start_in_group:
 * @store: the learner store
 * @group_id: the group session (see bekal-store-sessions.h)
 * @seat: the participant's seat on its roster
 * @module: the module of @quiz
 * @quiz: a quiz of @module
 * @seed: the room's seed (#BekalGroupSession's @seed): every participant given the same seed
 *   and form is asked the same questions in the same order
 * @error: return location for a #GError
 *
 * The quiz of one participant of a group session: resumes the participant's attempt at @quiz
 * in this session (a resumed session), or starts one for the participant's profile, marked
 * with the session, drawn from the participant's form (bekal_quiz_form_for_seat()); without
 * forms, the same draw as bekal_quiz_draw_questions(). The trainer runs the room's tests, so
 * the module's limit on retakes does not apply.
 *
 * Returns: (transfer full): the session; %NULL with @error set
 *   (%BEKAL_STORE_ERROR_NOT_FOUND when no participant has @seat)
 */
BekalQuizSession   *bekal_quiz_session_start_in_group        (BekalStore           *store,
                                                              gint64                group_id,
                                                              guint                 seat,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              guint32               seed,
                                                              GError              **error);

/**
 * bekal_quiz_session_open_attempt:
 * @store: the learner store
 * @module: the module the attempt was made in
 * @attempt_id: a stored attempt
 * @error: return location for a #GError
 *
 * Opens a stored attempt (finished or not) of @module, for example for the review after a
 * post-test or in "My results". Its questions are drawn again from the stored seed.
 *
 * Returns: (transfer full): the session; %NULL with %BEKAL_QUIZ_ERROR_NOT_FOUND when there is
 *   no such attempt, or with the store's error
 */
BekalQuizSession   *bekal_quiz_session_open_attempt          (BekalStore           *store,
                                                              BekalModule          *module,
                                                              gint64                attempt_id,
                                                              GError              **error);

/**
 * bekal_quiz_session_new_checkpoint:
 * @store: the learner store
 * @profile_id: the learner's profile
 * @module: the module
 * @media_id: the media item whose checkpoint asks the question
 * @question_id: the question asked
 * @error: return location for a #GError
 *
 * The question asked at @media_id's checkpoint; its answer is kept per media item.
 *
 * Returns: (transfer full): the session; %NULL with %BEKAL_QUIZ_ERROR_NOT_FOUND when the
 *   module has no such question, or with the store's error
 */
BekalQuizSession   *bekal_quiz_session_new_checkpoint        (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              const char           *media_id,
                                                              const char           *question_id,
                                                              GError              **error);

/**
 * bekal_quiz_session_get_kind:
 * @self: a #BekalQuizSession
 *
 * Returns: what the session is used for
 */
BekalSessionKind    bekal_quiz_session_get_kind              (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_quiz:
 * @self: a #BekalQuizSession
 *
 * Returns: (transfer none) (nullable): the quiz; %NULL for a checkpoint
 */
BekalQuiz          *bekal_quiz_session_get_quiz              (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_attempt_id:
 * @self: a #BekalQuizSession
 *
 * Returns: the stored attempt's id; 0 for a checkpoint
 */
gint64              bekal_quiz_session_get_attempt_id        (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_seed:
 * @self: a #BekalQuizSession
 *
 * Returns: the seed the questions and orders were drawn with
 */
guint32             bekal_quiz_session_get_seed              (BekalQuizSession     *self);

/**
 * bekal_quiz_session_is_content_changed:
 * @self: a #BekalQuizSession
 *
 * Returns: whether the attempt was made on other content than the module loaded now
 */
gboolean            bekal_quiz_session_is_content_changed    (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_feedback_policy:
 * @self: a #BekalQuizSession
 * @moment: when the feedback would be shown
 *
 * Returns: what the quiz page may show at @moment
 */
BekalFeedbackFlags  bekal_quiz_session_get_feedback_policy   (BekalQuizSession     *self,
                                                              BekalFeedbackMoment   moment);

/**
 * bekal_quiz_session_may_show_keys:
 * @self: a #BekalQuizSession
 *
 * Whether the right answers may be shown: always, except in a post-test, where only a
 * finished attempt that passed, or that was the last one allowed (or reviewed after a pass or
 * the last try), shows them. When %FALSE, a finished post-test shows the score and the verdict
 * only: no correctness, option feedback, explanations or review of the keys.
 *
 * Returns: whether the keys may be shown
 */
gboolean            bekal_quiz_session_may_show_keys         (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_n_questions:
 * @self: a #BekalQuizSession
 *
 * Returns: the number of questions, in the order asked
 */
guint               bekal_quiz_session_get_n_questions       (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_question_id:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: (transfer none) (nullable): the question's id; %NULL when @index is out of range
 */
const char         *bekal_quiz_session_get_question_id       (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_get_question:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: (transfer none) (nullable): the question; %NULL when the module no longer has it
 *   (the attempt was made on an older version): its answer, if any, is kept and such
 *   questions are skipped
 */
BekalQuestion      *bekal_quiz_session_get_question          (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_is_question_missing:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: %TRUE when the question at @index no longer exists in the module: its answer is
 *   kept and shown as belonging to a removed question
 */
gboolean            bekal_quiz_session_is_question_missing   (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_get_option_order:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the option ids in the order
 *   to show (see bekal_quiz_arrange_options()); %NULL when the question is missing
 */
const char * const *bekal_quiz_session_get_option_order      (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_get_match_order:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): for match, the pair ids in
 *   the order to show the right sides; %NULL for other types
 */
const char * const *bekal_quiz_session_get_match_order       (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_get_current_index:
 * @self: a #BekalQuizSession
 *
 * Returns: the first unanswered question that still exists; the number of questions when none
 */
guint               bekal_quiz_session_get_current_index     (BekalQuizSession     *self);

/**
 * bekal_quiz_session_answer:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 * @response: the response, in the format of bekal-quiz.h
 * @error: return location for a #GError
 *
 * Scores @response and saves it at once. A response that does not fit fails with
 * %BEKAL_QUIZ_ERROR_INVALID_RESPONSE and is not kept. When the store fails (disk full, another
 * process holding it too long), %FALSE is returned with the store's error but the answer is
 * kept in memory (%BEKAL_ITEM_PENDING) and saved again before anything else at the next call
 * that writes, or by bekal_quiz_session_retry(). Answering again replaces the answer until the
 * attempt is finished (%BEKAL_QUIZ_ERROR_FINISHED after).
 *
 * Returns: %TRUE when the answer is saved
 */
gboolean            bekal_quiz_session_answer                (BekalQuizSession     *self,
                                                              guint                 index,
                                                              const char           *response,
                                                              GError              **error);

/**
 * bekal_quiz_session_retry:
 * @self: a #BekalQuizSession
 * @error: return location for a #GError
 *
 * Saves the pending answers, oldest first.
 *
 * Returns: %TRUE when none is left; %FALSE with the store's error otherwise
 */
gboolean            bekal_quiz_session_retry                 (BekalQuizSession     *self,
                                                              GError              **error);

/**
 * bekal_quiz_session_get_n_pending:
 * @self: a #BekalQuizSession
 *
 * Returns: the number of answers kept in memory, not yet saved
 */
guint               bekal_quiz_session_get_n_pending         (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_item_state:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: where the question at @index stands
 */
BekalItemState      bekal_quiz_session_get_item_state        (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_get_response:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: (transfer none) (nullable): the response given, or %NULL when unanswered
 */
const char         *bekal_quiz_session_get_response          (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_get_item_score:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: the answer's score from 0 to 1; %BEKAL_QUIZ_NO_SCORE when unscored or unanswered
 */
double              bekal_quiz_session_get_item_score        (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_is_item_correct:
 * @self: a #BekalQuizSession
 * @index: from 0 to bekal_quiz_session_get_n_questions() - 1
 *
 * Returns: whether the answer got full marks (score 1); %FALSE for unscored questions
 */
gboolean            bekal_quiz_session_is_item_correct       (BekalQuizSession     *self,
                                                              guint                 index);

/**
 * bekal_quiz_session_finish:
 * @self: a #BekalQuizSession
 * @error: return location for a #GError
 *
 * Saves pending answers, then scores the attempt and marks it finished. Unanswered questions
 * score 0. A checkpoint has nothing to finish.
 *
 * Returns: %TRUE when the attempt is finished; %FALSE with @error set (the store's error, for
 *   example)
 */
gboolean            bekal_quiz_session_finish                (BekalQuizSession     *self,
                                                              GError              **error);

/**
 * bekal_quiz_session_is_finished:
 * @self: a #BekalQuizSession
 *
 * Returns: whether the attempt is finished
 */
gboolean            bekal_quiz_session_is_finished           (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_score:
 * @self: a #BekalQuizSession
 *
 * Valid at any time: before the finish, unanswered questions count as 0.
 *
 * Returns: from 0 to 1 over the scored questions that still exist; %BEKAL_QUIZ_NO_SCORE when
 *   none
 */
double              bekal_quiz_session_get_score             (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_pass_mark:
 * @self: a #BekalQuizSession
 *
 * Returns: the pass mark in percent, -1 when none
 */
int                 bekal_quiz_session_get_pass_mark         (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_verdict:
 * @self: a #BekalQuizSession
 *
 * Returns: whether the attempt passed
 */
BekalQuizVerdict    bekal_quiz_session_get_verdict           (BekalQuizSession     *self);

/**
 * bekal_quiz_session_get_retakes_remaining:
 * @self: a #BekalQuizSession
 *
 * Returns: the further attempts the module allows after this one; -1 when unlimited
 */
int                 bekal_quiz_session_get_retakes_remaining (BekalQuizSession     *self);

/**
 * bekal_quiz_can_start_attempt:
 * @store: the learner store
 * @profile_id: the learner's profile
 * @module: the module of @quiz
 * @quiz: a quiz
 * @out_remaining: (out) (optional): the further attempts after that one, -1 when unlimited
 * @error: return location for a #GError
 *
 * Whether the learner may start an attempt at @quiz now (checks retakes).
 *
 * Returns: %TRUE if so; %FALSE with @error saying why (%BEKAL_QUIZ_ERROR_NO_RETAKES, or the
 *   store's error)
 */
gboolean            bekal_quiz_can_start_attempt             (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              int                  *out_remaining,
                                                              GError              **error);

G_END_DECLS
