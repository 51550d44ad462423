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

/* What a quiz is used for. Pre-test, practice and post-test come from the quiz role; a
 * checkpoint is the single question asked from a video. */
typedef enum
{
  BEKAL_SESSION_PRETEST,
  BEKAL_SESSION_PRACTICE,
  BEKAL_SESSION_POSTTEST,
  BEKAL_SESSION_CHECKPOINT,
} BekalSessionKind;

/* When feedback is asked for */
typedef enum
{
  BEKAL_FEEDBACK_AFTER_ANSWER, /* right after an answer is given */
  BEKAL_FEEDBACK_AFTER_FINISH, /* once the attempt is finished */
} BekalFeedbackMoment;

/* What the quiz page may show at a moment */
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

/* Where a question of the attempt stands */
typedef enum
{
  BEKAL_ITEM_UNANSWERED,
  BEKAL_ITEM_PENDING,  /* answered, kept in memory, not yet saved (disk full, busy) */
  BEKAL_ITEM_SAVED,    /* answered and saved */
} BekalItemState;

/* Read-only properties, notified when they change, for the quiz page to bind to:
 * "current-index" (guint), "n-pending" (guint) and "finished" (gboolean). */
#define BEKAL_TYPE_QUIZ_SESSION (bekal_quiz_session_get_type ())

G_DECLARE_FINAL_TYPE (BekalQuizSession, bekal_quiz_session, BEKAL, QUIZ_SESSION, GObject)

/* Resumes the learner's unfinished attempt at @quiz (same draw, same orders, at the next
 * unanswered question), or starts a new one with a new seed. Fails with
 * BEKAL_QUIZ_ERROR_NO_RETAKES when the module allows no further attempt. */
BekalQuizSession   *bekal_quiz_session_start                 (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              GError              **error);
/* As bekal_quiz_session_start, but a new attempt uses @seed */
BekalQuizSession   *bekal_quiz_session_start_with_seed       (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              guint32               seed,
                                                              GError              **error);
/* Opens a stored attempt (finished or not) of @module, e.g. for the review after a
 * post-test or in "My results". Its questions are drawn again from the stored seed. */
BekalQuizSession   *bekal_quiz_session_open_attempt          (BekalStore           *store,
                                                              BekalModule          *module,
                                                              gint64                attempt_id,
                                                              GError              **error);
/* The question asked at @media_id's checkpoint; its answer is kept per media item */
BekalQuizSession   *bekal_quiz_session_new_checkpoint        (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              const char           *media_id,
                                                              const char           *question_id,
                                                              GError              **error);

BekalSessionKind    bekal_quiz_session_get_kind              (BekalQuizSession     *self);
BekalQuiz          *bekal_quiz_session_get_quiz              (BekalQuizSession     *self);
/* 0 for a checkpoint */
gint64              bekal_quiz_session_get_attempt_id        (BekalQuizSession     *self);
guint32             bekal_quiz_session_get_seed              (BekalQuizSession     *self);
/* Whether the attempt was made on other content than the module loaded now */
gboolean            bekal_quiz_session_is_content_changed    (BekalQuizSession     *self);
BekalFeedbackFlags  bekal_quiz_session_get_feedback_policy   (BekalQuizSession     *self,
                                                              BekalFeedbackMoment   moment);

/* Whether the right answers may be shown: always, except in a post-test, where only a
 * finished attempt that passed, or that was the last one allowed (or reviewed after a pass
 * or the last try), shows them. When FALSE, a finished post-test shows the score and the
 * verdict only: no correctness, option feedback, explanations or review of the keys. */
gboolean            bekal_quiz_session_may_show_keys         (BekalQuizSession     *self);

/* Questions in the order asked */
guint               bekal_quiz_session_get_n_questions       (BekalQuizSession     *self);
const char         *bekal_quiz_session_get_question_id       (BekalQuizSession     *self,
                                                              guint                 index);
/* NULL when the module no longer has this question (the attempt was made on an older
 * version); its answer, if any, is kept and such questions are skipped */
BekalQuestion      *bekal_quiz_session_get_question          (BekalQuizSession     *self,
                                                              guint                 index);
/* TRUE when the question at @index no longer exists in the module: its answer is kept and
 * shown as belonging to a removed question */
gboolean            bekal_quiz_session_is_question_missing   (BekalQuizSession     *self,
                                                              guint                 index);
/* Option ids in the order to show (see bekal_quiz_arrange_options); NULL when missing */
const char * const *bekal_quiz_session_get_option_order      (BekalQuizSession     *self,
                                                              guint                 index);
/* match: pair ids in the order to show the right sides; NULL for other types */
const char * const *bekal_quiz_session_get_match_order       (BekalQuizSession     *self,
                                                              guint                 index);
/* The first unanswered question that still exists; the number of questions when none */
guint               bekal_quiz_session_get_current_index     (BekalQuizSession     *self);

/* Scores @response (see bekal-quiz.h) and saves it at once. A response that does not fit
 * fails with BEKAL_QUIZ_ERROR_INVALID_RESPONSE and is not kept. When the store fails (disk
 * full, another process holding it too long), FALSE is returned with the store's error but
 * the answer is kept in memory (BEKAL_ITEM_PENDING) and saved again before anything else at
 * the next call that writes, or by bekal_quiz_session_retry (). Answering again replaces the
 * answer until the attempt is finished. */
gboolean            bekal_quiz_session_answer                (BekalQuizSession     *self,
                                                              guint                 index,
                                                              const char           *response,
                                                              GError              **error);
/* Saves the pending answers, oldest first; TRUE when none is left */
gboolean            bekal_quiz_session_retry                 (BekalQuizSession     *self,
                                                              GError              **error);
guint               bekal_quiz_session_get_n_pending         (BekalQuizSession     *self);
BekalItemState      bekal_quiz_session_get_item_state        (BekalQuizSession     *self,
                                                              guint                 index);
/* NULL when unanswered */
const char         *bekal_quiz_session_get_response          (BekalQuizSession     *self,
                                                              guint                 index);
/* 0..1, BEKAL_QUIZ_NO_SCORE when unscored or unanswered */
double              bekal_quiz_session_get_item_score        (BekalQuizSession     *self,
                                                              guint                 index);
/* Whether the answer got full marks (score 1); FALSE for unscored questions */
gboolean            bekal_quiz_session_is_item_correct       (BekalQuizSession     *self,
                                                              guint                 index);

/* Saves pending answers, then scores the attempt and marks it finished. Unanswered
 * questions score 0. A checkpoint has nothing to finish. */
gboolean            bekal_quiz_session_finish                (BekalQuizSession     *self,
                                                              GError              **error);
gboolean            bekal_quiz_session_is_finished           (BekalQuizSession     *self);
/* 0..1 over the scored questions that still exist; BEKAL_QUIZ_NO_SCORE when none. Valid
 * at any time: before the finish, it counts unanswered questions as 0. */
double              bekal_quiz_session_get_score             (BekalQuizSession     *self);
/* Pass mark in percent, -1 when none */
int                 bekal_quiz_session_get_pass_mark         (BekalQuizSession     *self);
BekalQuizVerdict    bekal_quiz_session_get_verdict           (BekalQuizSession     *self);
/* Further attempts the module allows after this one: -1 unlimited */
int                 bekal_quiz_session_get_retakes_remaining (BekalQuizSession     *self);

/* Whether the learner may start an attempt at @quiz now (checks retakes); on FALSE @error
 * says why. @out_remaining (may be NULL) gets the further attempts after that one, -1 when
 * unlimited. */
gboolean            bekal_quiz_can_start_attempt             (BekalStore           *store,
                                                              gint64                profile_id,
                                                              BekalModule          *module,
                                                              BekalQuiz            *quiz,
                                                              int                  *out_remaining,
                                                              GError              **error);

G_END_DECLS
