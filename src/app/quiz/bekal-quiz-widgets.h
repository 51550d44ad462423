/* bekal-quiz-widgets.h: pieces shared by the quiz page and the results screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-quiz-session.h>

G_BEGIN_DECLS

/* Loads bekal-quiz.css once per display */
void        bekal_quiz_widgets_ensure_css      (void);
/* A score 0..1 as a whole percentage, rounded ("85%"); "—" for BEKAL_QUIZ_NO_SCORE */
char       *bekal_quiz_format_score            (double             score);
/* The name of a quiz role for the learner ("Pre-test") */
const char *bekal_quiz_role_display_name       (BekalQuizRole      role);
/* A wrapping label showing module text (escaped, with its emphasis) */
GtkWidget  *bekal_quiz_create_text_label       (BekalText         *text);
/* What was right or wrong with the answer to question @index, and why, as far as @flags
 * allow; with @with_question, the question and the learner's answer come first (a review) */
GtkWidget  *bekal_quiz_create_answer_feedback  (BekalQuizSession  *session,
                                                guint              index,
                                                BekalFeedbackFlags flags,
                                                gboolean           with_question);
/* An icon and a label saying correct, partly correct, not correct, not scored */
GtkWidget  *bekal_quiz_create_verdict_row      (BekalQuestion     *question,
                                                const char        *response,
                                                double             score);

G_END_DECLS
