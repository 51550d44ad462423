/* bekal-quiz-page-timer.c: the time limit of an attempt
 *
 * The time counts from the start of the attempt, also across a resume. The label says whole
 * minutes only: a ticking clock of seconds would hurry the learner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-quiz-page-private.h"

/* Helpers */

static gboolean
update_time_label (BekalQuizPage *self)
{
  gint64 left = self->deadline - g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (left <= 0)
    return FALSE;

  if (left <= 60)
    text = g_strdup (_("Less than a minute left"));
  else
    {
      guint minutes = (guint) ((left + 59) / 60);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u minute left",
                                           "About %u minutes left", minutes), minutes);
    }

  if (g_strcmp0 (gtk_label_get_text (self->time_label), text) != 0)
    gtk_label_set_text (self->time_label, text);

  return TRUE;
}

/* Callbacks */

static gboolean
on_timer_tick (gpointer user_data)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (user_data);

  if (update_time_label (self))
    return G_SOURCE_CONTINUE;

  self->timer_source = 0;
  self->time_up = TRUE;
  bekal_quiz_page_finish_attempt (self);

  return G_SOURCE_REMOVE;
}

/* Internal API */

void
bekal_quiz_page_stop_timer (BekalQuizPage *self)
{
  g_clear_handle_id (&self->timer_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), FALSE);
}

void
bekal_quiz_page_start_timer (BekalQuizPage *self)
{
  BekalQuiz *quiz = bekal_quiz_session_get_quiz (self->session);
  guint minutes = quiz != NULL ? bekal_quiz_get_time_limit_minutes (quiz) : 0;
  g_autoptr(BekalQuizAttempt) attempt = NULL;
  gint64 started_at;

  bekal_quiz_page_stop_timer (self);
  self->deadline = 0;
  if (minutes == 0 || bekal_quiz_session_get_kind (self->session) == BEKAL_SESSION_CHECKPOINT
      || bekal_quiz_session_is_finished (self->session))
    return;

  if (self->store != NULL)
    attempt = bekal_store_dup_attempt (self->store,
                                       bekal_quiz_session_get_attempt_id (self->session), NULL);
  started_at = attempt != NULL ? attempt->started_at : g_get_real_time () / G_USEC_PER_SEC;
  self->deadline = started_at + (gint64) minutes * 60;

  gtk_widget_set_visible (GTK_WIDGET (self->time_label), TRUE);
  self->timer_source = g_timeout_add_seconds (1, on_timer_tick, self);
  if (!update_time_label (self))
    {
      g_clear_handle_id (&self->timer_source, g_source_remove);
      self->time_up = TRUE;
    }
}
