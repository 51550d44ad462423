/* bekal-quiz-page-private.h: what the files of the quiz page share
 *
 *   bekal-quiz-page.c         the widget, its steps (question, results) and the navigation
 *   bekal-quiz-page-submit.c  confirming an answer, feedback after it, finishing, saving again
 *   bekal-quiz-page-timer.c   the time limit
 *   bekal-quiz-page-keys.c    the keyboard: number keys, Alt+Up/Down and Enter
 *
 * The answer widgets of the question shown are a BekalQuestionView; the page never looks
 * inside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-question-view.h"
#include "bekal-quiz-page.h"
#include "bekal-quiz-results.h"

G_BEGIN_DECLS

enum
{
  BEKAL_QUIZ_PAGE_SIGNAL_FINISHED,
  BEKAL_QUIZ_PAGE_SIGNAL_CLOSED,
  BEKAL_QUIZ_PAGE_N_SIGNALS
};

extern guint bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_N_SIGNALS];

struct _BekalQuizPage
{
  GtkWidget          parent_instance;

  BekalStore        *store;
  BekalModule       *module;
  BekalQuizSession  *session;
  gint64             profile_id;

  guint              index;
  /* the answer was checked and its feedback shown; Enter goes on */
  gboolean           showing_feedback;
  /* the attempt must be finished once the pending answers are saved */
  gboolean           finish_wanted;
  gboolean           time_up;
  /* answers (or the finish) wait in the store's queue for another process's lock */
  gboolean           saving_in_background;
  gint64             deadline;      /* unix seconds, 0 without a time limit */
  guint              timer_source;

  /* the answer widgets of the question shown (a child of answer_box), or NULL */
  BekalQuestionView *view;

  GtkRevealer       *save_error_revealer;
  GtkLabel          *save_error_label;
  GtkButton         *retry_button;
  GtkStack          *stack;
  GtkScrolledWindow *question_scroller;
  GtkLabel          *quiz_title_label;
  GtkLabel          *time_label;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkLabel          *prompt_label;
  GtkLabel          *hint_label;
  GtkBox            *answer_box;
  GtkBox            *feedback_box;
  GtkLabel          *key_hint_label;
  GtkButton         *confirm_button;
  GtkLabel          *time_up_label;
  BekalQuizResults  *results;
  GtkLabel          *review_title;
  GtkLabel          *keys_withheld_label;
  GtkBox            *review_box;
  GtkButton         *retake_button;
  GtkButton         *close_button;
};

/* bekal-quiz-page.c */
void      bekal_quiz_page_remove_children     (GtkBox        *box);
void      bekal_quiz_page_forget_view         (BekalQuizPage *self);
void      bekal_quiz_page_focus_step          (BekalQuizPage *self);
void      bekal_quiz_page_show_results        (BekalQuizPage *self);
/* The next unanswered question, or the end of the attempt */
void      bekal_quiz_page_go_on               (BekalQuizPage *self);

/* bekal-quiz-page-submit.c */
void      bekal_quiz_page_update_confirm      (BekalQuizPage *self);
void      bekal_quiz_page_show_save_error     (BekalQuizPage *self,
                                               const char    *message);
void      bekal_quiz_page_hide_save_error     (BekalQuizPage *self);
gboolean  bekal_quiz_page_is_busy_error       (const GError  *error);
void      bekal_quiz_page_save_in_background  (BekalQuizPage *self);
/* Finishes the attempt and shows its results; a checkpoint is closed instead */
void      bekal_quiz_page_finish_attempt      (BekalQuizPage *self);
void      bekal_quiz_page_confirm             (BekalQuizPage *self);
void      bekal_quiz_page_retry               (BekalQuizPage *self);
void      bekal_quiz_page_on_n_pending_changed (BekalQuizPage *self);

/* bekal-quiz-page-timer.c */
/* Starts the clock of a timed attempt; sets time_up when the time is already over */
void      bekal_quiz_page_start_timer         (BekalQuizPage *self);
void      bekal_quiz_page_stop_timer          (BekalQuizPage *self);

/* bekal-quiz-page-keys.c */
/* Adds the key handler that sees keys before the focused widget does */
void      bekal_quiz_page_add_key_controller  (BekalQuizPage *self);

G_END_DECLS
