/* bekal-quiz-page-submit.c: confirming an answer, the feedback after it, finishing the attempt
 *
 * Every answer goes to the session the moment it is confirmed; the session saves it at
 * once. When the store cannot save it (disk full, database busy), the answer stays in the
 * session and a banner offers to try again: the learner never has to answer twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-quiz-page-private.h"
#include "bekal-quiz-widgets.h"

/* Helpers */

static gboolean
is_last_question (BekalQuizPage *self)
{
  return bekal_quiz_session_get_current_index (self->session)
         >= bekal_quiz_session_get_n_questions (self->session);
}

static void
show_answer_feedback (BekalQuizPage      *self,
                      BekalFeedbackFlags  flags)
{
  BekalQuestion *question = bekal_quiz_session_get_question (self->session, self->index);
  const char *text = bekal_quiz_session_get_response (self->session, self->index);

  self->showing_feedback = TRUE;
  if (self->view != NULL)
    {
      bekal_question_view_set_locked (self->view, TRUE);
      if ((flags & BEKAL_FEEDBACK_CORRECTNESS) && question != NULL && text != NULL)
        {
          g_autoptr(BekalResponse) response =
            bekal_response_parse (bekal_question_get_kind (question), text, NULL);

          bekal_question_view_show_marks (self->view, response);
        }
    }

  bekal_quiz_page_remove_children (self->feedback_box);
  gtk_box_append (self->feedback_box,
                  bekal_quiz_create_answer_feedback (self->session, self->index, flags, FALSE));
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_box), TRUE);

  if (bekal_quiz_session_get_kind (self->session) == BEKAL_SESSION_CHECKPOINT)
    gtk_button_set_label (self->confirm_button, _("_Continue"));
  else if (is_last_question (self))
    gtk_button_set_label (self->confirm_button, _("See the _Results"));
  else
    gtk_button_set_label (self->confirm_button, _("_Next Question"));
  gtk_label_set_text (self->key_hint_label, _("Enter goes on"));
  bekal_quiz_page_update_confirm (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
}

/* Internal API */

void
bekal_quiz_page_update_confirm (BekalQuizPage *self)
{
  gboolean can_confirm = self->showing_feedback || self->finish_wanted
                         || (self->view != NULL && bekal_question_view_get_answered (self->view));

  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), can_confirm);
}

void
bekal_quiz_page_show_save_error (BekalQuizPage *self,
                                 const char    *message)
{
  g_autofree char *text = g_strdup_printf (_("Your answer is kept, but it could not be saved "
                                             "yet: %s"), message);

  gtk_label_set_text (self->save_error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
  gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
}

gboolean
bekal_quiz_page_is_busy_error (const GError *error)
{
  return g_error_matches (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY);
}

typedef struct
{
  BekalQuizSession *session;
  gboolean          finish;
} BackgroundSave;

static void
background_save_free (BackgroundSave *save)
{
  g_object_unref (save->session);
  g_free (save);
}

/* Runs in the store's write queue, again and again while another process holds the lock;
 * the session keeps what is not saved yet, so each try takes up where the last one stopped */
static gboolean
write_pending_answers (BekalStore  *store,
                       gpointer     user_data,
                       GError     **error)
{
  BackgroundSave *save = user_data;

  if (save->finish)
    return bekal_quiz_session_finish (save->session, error);

  return bekal_quiz_session_retry (save->session, error);
}

static void
on_background_save_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(BekalQuizPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving_in_background = FALSE;
  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    {
      bekal_quiz_page_show_save_error (self, error->message);
      return;
    }

  bekal_quiz_page_hide_save_error (self);
  if (self->finish_wanted || self->time_up)
    bekal_quiz_page_finish_attempt (self);
}

/* Another Bekal holds the database: the answers stay in the session and the store tries
 * again without making the window wait; nothing is said to be saved before it is */
void
bekal_quiz_page_save_in_background (BekalQuizPage *self)
{
  BackgroundSave *save;

  gtk_label_set_text (self->save_error_label,
                      _("Another Bekal window is saving. Your answer is kept here and will be "
                        "saved as soon as it finishes."));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);

  if (self->saving_in_background || self->store == NULL)
    return;

  save = g_new0 (BackgroundSave, 1);
  save->session = g_object_ref (self->session);
  save->finish = self->finish_wanted || self->time_up;
  self->saving_in_background = TRUE;
  bekal_store_write_async (self->store, write_pending_answers, save,
                           (GDestroyNotify) background_save_free, NULL,
                           on_background_save_done, g_object_ref (self));
}

void
bekal_quiz_page_hide_save_error (BekalQuizPage *self)
{
  gtk_revealer_set_reveal_child (self->save_error_revealer, FALSE);
}

void
bekal_quiz_page_finish_attempt (BekalQuizPage *self)
{
  g_autoptr(GError) error = NULL;

  if (bekal_quiz_session_get_kind (self->session) == BEKAL_SESSION_CHECKPOINT)
    {
      g_signal_emit (self, bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_SIGNAL_CLOSED], 0);
      return;
    }

  if (!bekal_quiz_session_is_finished (self->session)
      && !bekal_quiz_session_finish (self->session, &error))
    {
      /* the pending answers must be saved first; the banner offers to try again, or the
       * store does when another process holds the lock */
      self->finish_wanted = TRUE;
      if (bekal_quiz_page_is_busy_error (error))
        bekal_quiz_page_save_in_background (self);
      else
        bekal_quiz_page_show_save_error (self, error->message);
      gtk_button_set_label (self->confirm_button, _("_Finish"));
      self->showing_feedback = FALSE;
      if (self->view != NULL)
        bekal_question_view_set_locked (self->view, TRUE);
      bekal_quiz_page_update_confirm (self);
      return;
    }

  self->finish_wanted = FALSE;
  bekal_quiz_page_hide_save_error (self);
  bekal_quiz_page_show_results (self);
  g_signal_emit (self, bekal_quiz_page_signals[BEKAL_QUIZ_PAGE_SIGNAL_FINISHED], 0,
                 self->session);
}

void
bekal_quiz_page_confirm (BekalQuizPage *self)
{
  g_autoptr(BekalResponse) response = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  BekalFeedbackFlags flags;

  if (self->session == NULL)
    return;

  if (self->finish_wanted)
    {
      bekal_quiz_page_finish_attempt (self);
      return;
    }

  if (self->showing_feedback)
    {
      bekal_quiz_page_go_on (self);
      return;
    }

  response = self->view != NULL ? bekal_question_view_dup_response (self->view) : NULL;
  if (response == NULL)
    return;

  /* written by core, never joined here */
  text = bekal_response_to_string (response);
  if (!bekal_quiz_session_answer (self->session, self->index, text, &error))
    {
      if (error->domain == BEKAL_QUIZ_ERROR)
        {
          /* not kept: the learner can change the answer and confirm again */
          bekal_quiz_page_show_save_error (self, error->message);
          return;
        }
      /* kept in memory as pending: the quiz goes on, the banner offers to try again, or
       * the store does when another process holds the lock */
      if (bekal_quiz_page_is_busy_error (error))
        bekal_quiz_page_save_in_background (self);
      else
        bekal_quiz_page_show_save_error (self, error->message);
    }

  flags = bekal_quiz_session_get_feedback_policy (self->session, BEKAL_FEEDBACK_AFTER_ANSWER);
  if (flags & (BEKAL_FEEDBACK_CORRECTNESS | BEKAL_FEEDBACK_OPTIONS | BEKAL_FEEDBACK_EXPLANATION))
    show_answer_feedback (self, flags);
  else
    bekal_quiz_page_go_on (self);
}

void
bekal_quiz_page_retry (BekalQuizPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  if (self->saving_in_background)
    return;

  if (!bekal_quiz_session_retry (self->session, &error))
    {
      if (bekal_quiz_page_is_busy_error (error))
        bekal_quiz_page_save_in_background (self);
      else
        bekal_quiz_page_show_save_error (self, error->message);
      return;
    }

  bekal_quiz_page_hide_save_error (self);
  if (self->finish_wanted || self->time_up)
    bekal_quiz_page_finish_attempt (self);
}

void
bekal_quiz_page_on_n_pending_changed (BekalQuizPage *self)
{
  /* saved by a later answer: nothing is waiting any more */
  if (bekal_quiz_session_get_n_pending (self->session) == 0 && !self->finish_wanted)
    bekal_quiz_page_hide_save_error (self);
}
