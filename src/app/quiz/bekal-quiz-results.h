/* bekal-quiz-results.h: the score of a finished attempt, per topic, and the way from the
 * pre-test to the post-test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_QUIZ_RESULTS (bekal_quiz_results_get_type ())

G_DECLARE_FINAL_TYPE (BekalQuizResults, bekal_quiz_results, BEKAL, QUIZ_RESULTS, GtkWidget)

GtkWidget  *bekal_quiz_results_new                 (void);
/* Shows the results of @session (finished), as far as its feedback policy allows: the
 * score, the verdict of a post-test, a bar per topic, and after a post-test the way from
 * the learner's first finished pre-test of @module */
void        bekal_quiz_results_show_session        (BekalQuizResults *self,
                                                    BekalStore       *store,
                                                    gint64            profile_id,
                                                    BekalModule      *module,
                                                    BekalQuizSession *session);
/* The score as shown ("85%"), or NULL when it is not shown */
const char *bekal_quiz_results_get_score_text      (BekalQuizResults *self);
/* The pre → post line as shown ("from 40% to 85%"), or NULL when there is none */
const char *bekal_quiz_results_get_comparison_text (BekalQuizResults *self);
/* The number of topic bars shown */
guint       bekal_quiz_results_get_n_topics        (BekalQuizResults *self);

G_END_DECLS
