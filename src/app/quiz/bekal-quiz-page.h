/* bekal-quiz-page.h: one attempt at a quiz, one question per screen, then its results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_QUIZ_PAGE (bekal_quiz_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalQuizPage, bekal_quiz_page, BEKAL, QUIZ_PAGE, GtkWidget)

/*
 * Signals:
 *   "finished" (BekalQuizSession *session): the attempt was scored and marked finished; the
 *              page now shows its results
 *   "closed"   (): the learner left the quiz (the "Close" button on the results, or
 *              "Continue" after a checkpoint question)
 */

GtkWidget        *bekal_quiz_page_new         (void);
/* Starts the learner's attempt at @quiz, or resumes the unfinished one at its next
 * unanswered question. FALSE with BEKAL_QUIZ_ERROR_NO_RETAKES when no attempt is left. */
gboolean          bekal_quiz_page_start       (BekalQuizPage    *self,
                                               BekalStore       *store,
                                               gint64            profile_id,
                                               BekalModule      *module,
                                               BekalQuiz        *quiz,
                                               GError          **error);
/* Shows @session, made by the caller (a checkpoint, a given seed, a stored attempt): its
 * next unanswered question, or its results when it is finished. @store, @profile_id and
 * @module are used for the results and for "Take Again". */
void              bekal_quiz_page_set_session (BekalQuizPage    *self,
                                               BekalStore       *store,
                                               gint64            profile_id,
                                               BekalModule      *module,
                                               BekalQuizSession *session);
BekalQuizSession *bekal_quiz_page_get_session (BekalQuizPage    *self);
/* The index of the question shown; the number of questions on the results */
guint             bekal_quiz_page_get_index   (BekalQuizPage    *self);
/* "question" or "results" */
const char       *bekal_quiz_page_get_step    (BekalQuizPage    *self);

G_END_DECLS
