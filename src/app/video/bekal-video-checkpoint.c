/* bekal-video-checkpoint.c: questions asked while a recording plays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-video-block-private.h"

static void resume_after_checkpoint  (BekalVideoBlock *self);
static void on_answer_clicked        (GtkButton       *button,
                                      BekalVideoBlock *self);
static void on_skip_question_clicked (GtkButton       *button,
                                      BekalVideoBlock *self);

/* Checkpoint questions */

static void
clear_checkpoint_box (BekalVideoBlock *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checkpoint_box))))
    gtk_box_remove (self->checkpoint_box, child);
  self->question_view = NULL;
  g_clear_object (&self->checkpoint_session);
  self->answer_button = NULL;
  self->feedback_label = NULL;
  self->answered = FALSE;
}

static void
ask_checkpoint (BekalVideoBlock *self,
                guint            index)
{
  const BekalCheckpoint *checkpoint = bekal_media_get_checkpoint (self->media, index);
  BekalQuestion *question = self->module && checkpoint->question_id
                            ? bekal_module_find_question (self->module, checkpoint->question_id)
                            : NULL;
  g_autofree char *prompt = NULL;
  g_auto(GStrv) document_order = NULL;
  const char * const *option_order;
  GtkWidget *heading, *label, *buttons, *skip, *view;

  g_array_index (self->asked, gboolean, index) = TRUE;
  if (question == NULL)
    return;

  bekal_player_pause (self->player);
  clear_checkpoint_box (self);
  self->active_checkpoint = (int) index;

  heading = gtk_label_new (_("A Question Before You Go On"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (self->checkpoint_box, heading);

  prompt = bekal_text_to_pango_markup (bekal_question_get_prompt (question));
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), prompt);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_box_append (self->checkpoint_box, label);

  /* core's session scores and keeps the answer; without a store core scores it alone */
  if (self->store != NULL && self->profile_id > 0)
    {
      g_autoptr(GError) error = NULL;

      self->checkpoint_session =
        bekal_quiz_session_new_checkpoint (self->store, self->profile_id, self->module,
                                           bekal_media_get_id (self->media),
                                           checkpoint->question_id, &error);
      if (self->checkpoint_session == NULL)
        g_warning ("Could not open the answer to %s: %s", checkpoint->question_id,
                   error->message);
    }
  if (self->checkpoint_session != NULL)
    option_order = bekal_quiz_session_get_option_order (self->checkpoint_session, 0);
  else
    {
      /* the order a checkpoint session gives: a checkpoint has no quiz that shuffles */
      document_order = bekal_quiz_arrange_options (question, FALSE, 0, NULL);
      option_order = (const char * const *) document_order;
    }

  /* questions without a compact view are left to the practice quiz */
  view = bekal_question_view_new_for_question (question, option_order, NULL,
                                               BEKAL_QUESTION_VIEW_COMPACT);
  if (view != NULL)
    {
      self->question_view = BEKAL_QUESTION_VIEW (view);
      gtk_box_append (self->checkpoint_box, view);
    }
  else
    {
      label = gtk_label_new (_("This question is answered in the practice quiz of the lesson."));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->checkpoint_box, label);
      self->answered = TRUE;
    }

  self->feedback_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->feedback_label, TRUE);
  gtk_label_set_xalign (self->feedback_label, 0);
  gtk_label_set_max_width_chars (self->feedback_label, 50);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);
  gtk_box_append (self->checkpoint_box, GTK_WIDGET (self->feedback_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  if (!self->answered)
    {
      skip = gtk_button_new_with_label (_("Skip"));
      g_signal_connect (skip, "clicked", G_CALLBACK (on_skip_question_clicked), self);
      gtk_box_append (GTK_BOX (buttons), skip);
    }
  self->answer_button = gtk_button_new_with_label (self->answered ? _("Continue Watching")
                                                                  : _("Answer"));
  gtk_widget_add_css_class (self->answer_button, "suggested-action");
  g_signal_connect (self->answer_button, "clicked", G_CALLBACK (on_answer_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->answer_button);
  gtk_box_append (self->checkpoint_box, buttons);

  gtk_widget_set_visible (GTK_WIDGET (self->checkpoint_box), TRUE);
  _bekal_video_block_set_stage_page (self);
  if (self->question_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->question_view));
}

static void
resume_after_checkpoint (BekalVideoBlock *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->checkpoint_box), FALSE);
  clear_checkpoint_box (self);
  self->active_checkpoint = -1;
  gtk_widget_grab_focus (self->stage);
  bekal_player_play (self->player);
}

void
_bekal_video_block_check_checkpoints (BekalVideoBlock *self,
                                      gint64           position_ms)
{
  /* only when playback crossed the checkpoint; jumping past one does not ask it */
  if (position_ms < self->last_tick_ms || position_ms - self->last_tick_ms > CONTINUOUS_PLAY_MS)
    return;

  for (guint i = 0; i < bekal_media_get_n_checkpoints (self->media); i++)
    {
      const BekalCheckpoint *checkpoint = bekal_media_get_checkpoint (self->media, i);

      if (!g_array_index (self->asked, gboolean, i)
          && checkpoint->at_ms > self->last_tick_ms && checkpoint->at_ms <= position_ms)
        {
          ask_checkpoint (self, i);
          return;
        }
    }
}

static gboolean
write_checkpoint_answer (BekalStore  *store,
                         gpointer     user_data,
                         GError     **error)
{
  return bekal_quiz_session_retry (BEKAL_QUIZ_SESSION (user_data), error);
}

static void
on_checkpoint_answer_saved (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    g_warning ("Could not save a checkpoint answer: %s", error->message);
}

/* Callbacks */

static void
on_answer_clicked (GtkButton       *button,
                   BekalVideoBlock *self)
{
  const BekalCheckpoint *checkpoint;
  BekalQuestion *question;
  g_autoptr(BekalResponse) response = NULL;
  g_autoptr(GString) feedback = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean correct;

  if (self->answered || self->active_checkpoint < 0 || self->question_view == NULL)
    {
      resume_after_checkpoint (self);
      return;
    }

  checkpoint = bekal_media_get_checkpoint (self->media, self->active_checkpoint);
  question = bekal_question_view_get_question (self->question_view);
  response = bekal_question_view_dup_response (self->question_view);
  if (response == NULL)
    return;

  if (self->checkpoint_session != NULL)
    {
      g_autofree char *text = bekal_response_to_string (response);

      if (!bekal_quiz_session_answer (self->checkpoint_session, 0, text, &error))
        {
          /* not kept: the learner can change the answer */
          if (error->domain == BEKAL_QUIZ_ERROR)
            return;
          /* kept in the session: the learner is not asked again, and while another
           * Bekal holds the database the store saves it as soon as it can */
          if (g_error_matches (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY))
            bekal_store_write_async (self->store,
                                     write_checkpoint_answer,
                                     g_object_ref (self->checkpoint_session), g_object_unref,
                                     NULL, on_checkpoint_answer_saved, NULL);
          else
            g_warning ("Could not save the answer to %s: %s", checkpoint->question_id,
                       error->message);
        }
      correct = bekal_quiz_session_is_item_correct (self->checkpoint_session, 0);
    }
  else
    {
      double score = bekal_quiz_score (question, response, &error);

      if (error != NULL)
        return;
      correct = score >= 1.0;
    }

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (bekal_option_get_feedback (option)
          && bekal_response_has_id (response, bekal_option_get_id (option)))
        {
          g_autofree char *markup = bekal_text_to_pango_markup (bekal_option_get_feedback (option));

          g_string_append_printf (feedback, "\n%s", markup);
        }
    }

  if (bekal_question_get_explanation (question))
    {
      BekalText *explanation = bekal_question_get_explanation (question);
      g_autofree char *markup = bekal_text_to_pango_markup (explanation);

      g_string_append_printf (feedback, "\n%s", markup);
    }
  g_string_prepend (feedback, correct ? _("<b>Correct.</b>") : _("<b>Not quite.</b>"));

  bekal_question_view_set_locked (self->question_view, TRUE);
  gtk_label_set_markup (self->feedback_label, feedback->str);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), TRUE);
  gtk_button_set_label (GTK_BUTTON (self->answer_button), _("Continue Watching"));
  self->answered = TRUE;
}

static void
on_skip_question_clicked (GtkButton       *button,
                          BekalVideoBlock *self)
{
  resume_after_checkpoint (self);
}
