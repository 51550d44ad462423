/* bekal-quiz-page.c: one attempt at a quiz, one question per screen, then its results
 *
 * This file holds the widget and its steps; see bekal-quiz-page-private.h for the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-quiz-page-private.h"
#include "bekal-quiz-widgets.h"

guint bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalQuizPage, bekal_quiz_page, GTK_TYPE_WIDGET)

/* Callbacks */

static void
on_view_changed (BekalQuizPage *self)
{
  bekal_quiz_page_update_confirm (self);
}

static void
on_retake_clicked (BekalQuizPage *self)
{
  g_autoptr(GError) error = NULL;
  BekalQuiz *quiz = bekal_quiz_session_get_quiz (self->session);

  if (!bekal_quiz_page_start (self, self->store, self->profile_id, self->module, quiz, &error))
    {
      gtk_label_set_text (self->save_error_label, error->message);
      gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
    }
}

static void
on_close_clicked (BekalQuizPage *self)
{
  g_signal_emit (self, bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_SIGNAL_CLOSED], 0);
}

/* Helpers */

typedef struct
{
  BekalQuizPage    *page;
  gint64            profile_id;
  BekalModule      *module;
  BekalQuiz        *quiz;
  BekalQuizSession *session;   /* once started */
} PendingStart;

static void
pending_start_free (PendingStart *start)
{
  g_clear_object (&start->page);
  g_clear_object (&start->module);
  g_clear_object (&start->quiz);
  g_clear_object (&start->session);
  g_free (start);
}

static gboolean
write_start_attempt (BekalStore  *store,
                     gpointer     user_data,
                     GError     **error)
{
  PendingStart *start = user_data;

  start->session = bekal_quiz_session_start (store, start->profile_id, start->module,
                                             start->quiz, error);
  return start->session != NULL;
}

static void
on_attempt_started (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PendingStart *start = user_data;
  BekalQuizPage *self = start->page;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    {
      gtk_label_set_text (self->save_error_label, error->message);
      gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
      pending_start_free (start);
      return;
    }

  bekal_quiz_page_set_session (self, BEKAL_STORE (source), start->profile_id, start->module,
                               start->session);
  pending_start_free (start);
}

static void
show_question (BekalQuizPage *self,
               guint          index)
{
  guint n = bekal_quiz_session_get_n_questions (self->session);
  BekalQuestion *question;
  GtkWidget *view;
  g_autofree char *progress = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *key_hint = NULL;

  self->index = index;
  self->showing_feedback = FALSE;
  bekal_quiz_page_forget_view (self);
  bekal_quiz_page_remove_children (self->feedback_box);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_box), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "question");

  question = index < n ? bekal_quiz_session_get_question (self->session, index) : NULL;
  if (question == NULL)
    return;

  /* TRANSLATORS: progress through a quiz, e.g. "3 of 10" */
  progress = g_strdup_printf (_("%u of %u"), index + 1, n);
  gtk_label_set_text (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) index / n : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress, -1);

  prompt = bekal_text_to_pango_markup (bekal_question_get_prompt (question));
  gtk_label_set_markup (self->prompt_label, prompt);
  gtk_label_set_text (self->hint_label, bekal_question_view_get_hint (question));

  view = bekal_question_view_new_for_question (
    question, bekal_quiz_session_get_option_order (self->session, index),
    bekal_quiz_session_get_match_order (self->session, index), BEKAL_QUESTION_VIEW_FULL);
  if (view != NULL)
    {
      self->view = BEKAL_QUESTION_VIEW (view);
      g_signal_connect_swapped (view, "changed", G_CALLBACK (on_view_changed), self);
      gtk_box_append (self->answer_box, view);
      key_hint = bekal_question_view_dup_key_hint (self->view);
    }
  else
    key_hint = g_strdup (_("Enter confirms"));
  gtk_label_set_text (self->key_hint_label, key_hint);

  if (self->finish_wanted)
    gtk_button_set_label (self->confirm_button, _("_Finish"));
  else
    gtk_button_set_label (self->confirm_button, _("_Confirm Answer"));
  bekal_quiz_page_update_confirm (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->question_scroller), 0);
  bekal_quiz_page_focus_step (self);
}

/* Overrides */

static void
bekal_quiz_page_map (GtkWidget *widget)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (bekal_quiz_page_parent_class)->map (widget);

  /* a page filled before it was shown could not take the focus yet */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (self->session != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, widget)))
    bekal_quiz_page_focus_step (self);
}

static void
bekal_quiz_page_dispose (GObject *object)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->timer_source, g_source_remove);
  bekal_quiz_page_forget_view (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_QUIZ_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->module);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bekal_quiz_page_parent_class)->dispose (object);
}

static void
bekal_quiz_page_class_init (BekalQuizPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_quiz_page_dispose;
  widget_class->map = bekal_quiz_page_map;

  bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BEKAL_TYPE_QUIZ_SESSION);
  bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (BEKAL_TYPE_QUIZ_RESULTS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/bekal-quiz-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, quiz_title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, key_hint_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, time_up_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, results);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, review_title);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, keys_withheld_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, retake_button);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, close_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_confirm_clicked",
                                                G_CALLBACK (bekal_quiz_page_confirm));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_retry_clicked",
                                                G_CALLBACK (bekal_quiz_page_retry));
  gtk_widget_class_bind_template_callback (widget_class, on_retake_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
}

static void
bekal_quiz_page_init (BekalQuizPage *self)
{
  bekal_quiz_widgets_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* before the focused button sees Enter, so that Enter confirms from any option */
  bekal_quiz_page_add_key_controller (self);

  gtk_widget_set_focusable (GTK_WIDGET (self->results), TRUE);
}

/* Internal API */

void
bekal_quiz_page_remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
bekal_quiz_page_forget_view (BekalQuizPage *self)
{
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  self->view = NULL;
  if (self->answer_box != NULL)
    bekal_quiz_page_remove_children (self->answer_box);
}

/* The keyboard focus goes to the first answer of a question, or to the results */
void
bekal_quiz_page_focus_step (BekalQuizPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->results));
  else if (self->showing_feedback || self->finish_wanted)
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
  else if (self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

void
bekal_quiz_page_show_results (BekalQuizPage *self)
{
  BekalFeedbackFlags flags = bekal_quiz_session_get_feedback_policy (self->session,
                                                                     BEKAL_FEEDBACK_AFTER_FINISH);
  BekalSessionKind kind = bekal_quiz_session_get_kind (self->session);
  int retakes = bekal_quiz_session_get_retakes_remaining (self->session);
  guint n = bekal_quiz_session_get_n_questions (self->session);
  gboolean keys_withheld;

  self->index = n;
  bekal_quiz_page_stop_timer (self);
  bekal_quiz_page_forget_view (self);
  gtk_widget_set_visible (GTK_WIDGET (self->time_up_label), self->time_up);
  bekal_quiz_results_show_session (self->results, self->store, self->profile_id, self->module,
                                   self->session);

  /* a post-test shows its keys after a pass or the last try only: a learner with tries left
   * must not pass the next one by memory */
  keys_withheld = kind == BEKAL_SESSION_POSTTEST
                  && !bekal_quiz_session_may_show_keys (self->session);
  if (keys_withheld)
    {
      g_autofree char *text = NULL;

      flags &= ~(BEKAL_FEEDBACK_REVIEW | BEKAL_FEEDBACK_CORRECTNESS | BEKAL_FEEDBACK_OPTIONS
                 | BEKAL_FEEDBACK_EXPLANATION);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The right answers are shown once you pass, or after "
                                           "your last try. You have %d try left: read the topics "
                                           "above again first.",
                                           "The right answers are shown once you pass, or after "
                                           "your last try. You have %d tries left: read the "
                                           "topics above again first.", MAX (retakes, 0)),
                              MAX (retakes, 0));
      gtk_label_set_text (self->keys_withheld_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->keys_withheld_label), keys_withheld);

  bekal_quiz_page_remove_children (self->review_box);
  gtk_widget_set_visible (GTK_WIDGET (self->review_title), (flags & BEKAL_FEEDBACK_REVIEW) != 0);
  if (flags & BEKAL_FEEDBACK_REVIEW)
    for (guint i = 0; i < n; i++)
      {
        GtkWidget *item = bekal_quiz_create_answer_feedback (self->session, i, flags, TRUE);

        gtk_widget_add_css_class (item, "card");
        gtk_widget_add_css_class (item, "quiz-review-item");
        gtk_box_append (self->review_box, item);
      }

  gtk_widget_set_visible (GTK_WIDGET (self->retake_button),
                          self->store != NULL && self->module != NULL
                          && (kind == BEKAL_SESSION_POSTTEST || kind == BEKAL_SESSION_PRACTICE)
                          && retakes != 0);

  gtk_stack_set_visible_child_name (self->stack, "results");
  bekal_quiz_page_focus_step (self);
}

void
bekal_quiz_page_go_on (BekalQuizPage *self)
{
  guint next = bekal_quiz_session_get_current_index (self->session);

  if (next >= bekal_quiz_session_get_n_questions (self->session))
    bekal_quiz_page_finish_attempt (self);
  else
    show_question (self, next);
}

/* Public API */

GtkWidget *
bekal_quiz_page_new (void)
{
  return g_object_new (BEKAL_TYPE_QUIZ_PAGE, NULL);
}

gboolean
bekal_quiz_page_start (BekalQuizPage  *self,
                       BekalStore     *store,
                       gint64          profile_id,
                       BekalModule    *module,
                       BekalQuiz      *quiz,
                       GError        **error)
{
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  PendingStart *start;

  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), FALSE);
  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), FALSE);
  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), FALSE);

  session = bekal_quiz_session_start (store, profile_id, module, quiz, &local_error);
  if (session != NULL)
    {
      bekal_quiz_page_set_session (self, store, profile_id, module, session);
      return TRUE;
    }

  if (!bekal_quiz_page_is_busy_error (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* another process holds the database: the attempt starts once it lets go */
  start = g_new0 (PendingStart, 1);
  start->page = g_object_ref (self);
  start->profile_id = profile_id;
  start->module = g_object_ref (module);
  start->quiz = g_object_ref (quiz);
  g_set_object (&self->store, store);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), FALSE);
  gtk_label_set_text (self->save_error_label,
                      _("Another Bekal window is saving. The quiz starts as soon as it "
                        "finishes."));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
  bekal_store_write_async (store, write_start_attempt, start, NULL, NULL, on_attempt_started,
                           start);
  return TRUE;
}

void
bekal_quiz_page_set_session (BekalQuizPage    *self,
                             BekalStore       *store,
                             gint64            profile_id,
                             BekalModule      *module,
                             BekalQuizSession *session)
{
  BekalQuiz *quiz;
  const char *title;

  g_return_if_fail (BEKAL_IS_QUIZ_PAGE (self));
  g_return_if_fail (store == NULL || BEKAL_IS_STORE (store));
  g_return_if_fail (module == NULL || BEKAL_IS_MODULE (module));
  g_return_if_fail (BEKAL_IS_QUIZ_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->store, store);
  g_set_object (&self->module, module);
  g_set_object (&self->session, session);
  self->profile_id = profile_id;
  self->finish_wanted = FALSE;
  self->time_up = FALSE;
  bekal_quiz_page_hide_save_error (self);
  g_signal_connect_swapped (session, "notify::n-pending",
                            G_CALLBACK (bekal_quiz_page_on_n_pending_changed), self);

  quiz = bekal_quiz_session_get_quiz (session);
  title = quiz != NULL ? bekal_quiz_get_title (quiz) : NULL;
  if (title == NULL || title[0] == '\0')
    title = quiz != NULL ? bekal_quiz_role_display_name (bekal_quiz_get_role (quiz))
                         : _("Question");
  gtk_label_set_text (self->quiz_title_label, title);

  if (bekal_quiz_session_is_finished (session))
    {
      bekal_quiz_page_stop_timer (self);
      bekal_quiz_page_show_results (self);
      return;
    }

  bekal_quiz_page_start_timer (self);
  if (self->time_up)
    {
      bekal_quiz_page_finish_attempt (self);
      return;
    }

  bekal_quiz_page_go_on (self);
}

BekalQuizSession *
bekal_quiz_page_get_session (BekalQuizPage *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), NULL);

  return self->session;
}

guint
bekal_quiz_page_get_index (BekalQuizPage *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), 0);

  return self->index;
}

const char *
bekal_quiz_page_get_step (BekalQuizPage *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
