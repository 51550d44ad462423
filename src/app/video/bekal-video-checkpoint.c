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
  g_ptr_array_set_size (self->answer_buttons, 0);
  self->answer_button = NULL;
  self->feedback_label = NULL;
  self->answered = FALSE;
}

static gboolean
answer_is_correct (BekalQuestion *question,
                   GPtrArray     *buttons)
{
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkCheckButton *button = g_ptr_array_index (buttons, i);
      BekalOption *option = g_object_get_data (G_OBJECT (button), "option");

      if (gtk_check_button_get_active (button) != bekal_option_get_correct (option))
        return FALSE;
    }

  return TRUE;
}

static void
ask_checkpoint (BekalVideoBlock *self,
                guint            index)
{
  const BekalCheckpoint *checkpoint = bekal_media_get_checkpoint (self->media, index);
  BekalQuestion *question = self->module && checkpoint->question_id
                            ? bekal_module_find_question (self->module, checkpoint->question_id)
                            : NULL;
  BekalQuestionType kind;
  g_autofree char *prompt = NULL;
  GtkWidget *heading, *label, *buttons, *skip;
  GtkCheckButton *group = NULL;

  g_array_index (self->asked, gboolean, index) = TRUE;
  if (question == NULL)
    return;

  bekal_player_pause (self->player);
  clear_checkpoint_box (self);
  self->active_checkpoint = (int) index;
  kind = bekal_question_get_kind (question);

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

  if (kind == BEKAL_QUESTION_SINGLE || kind == BEKAL_QUESTION_MULTIPLE
      || kind == BEKAL_QUESTION_TRUEFALSE)
    {
      for (guint i = 0; i < bekal_question_get_n_options (question); i++)
        {
          BekalOption *option = bekal_question_get_option (question, i);
          GtkWidget *check = gtk_check_button_new ();
          GtkWidget *text = gtk_label_new (NULL);

          if (kind == BEKAL_QUESTION_TRUEFALSE)
            gtk_label_set_text (GTK_LABEL (text),
                                g_str_equal (bekal_option_get_id (option), "true")
                                ? _("True") : _("False"));
          else
            {
              g_autofree char *markup = bekal_text_to_pango_markup (bekal_option_get_text (option));

              gtk_label_set_markup (GTK_LABEL (text), markup);
            }
          gtk_label_set_wrap (GTK_LABEL (text), TRUE);
          gtk_label_set_xalign (GTK_LABEL (text), 0);
          gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
          if (kind != BEKAL_QUESTION_MULTIPLE)
            {
              if (group)
                gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
              else
                group = GTK_CHECK_BUTTON (check);
            }
          g_object_set_data (G_OBJECT (check), "option", option);
          g_ptr_array_add (self->answer_buttons, check);
          gtk_box_append (self->checkpoint_box, check);
        }
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
  if (self->answer_buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->answer_buttons, 0));
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

/* Callbacks */

static void
on_answer_clicked (GtkButton       *button,
                   BekalVideoBlock *self)
{
  const BekalCheckpoint *checkpoint;
  BekalQuestion *question;
  g_autoptr(GString) response = g_string_new (NULL);
  g_autoptr(GString) feedback = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (self->answered || self->active_checkpoint < 0)
    {
      resume_after_checkpoint (self);
      return;
    }

  checkpoint = bekal_media_get_checkpoint (self->media, self->active_checkpoint);
  question = bekal_module_find_question (self->module, checkpoint->question_id);

  for (guint i = 0; i < self->answer_buttons->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->answer_buttons, i);
      BekalOption *option = g_object_get_data (G_OBJECT (check), "option");

      if (!gtk_check_button_get_active (check))
        continue;
      if (response->len > 0)
        g_string_append_c (response, ',');
      g_string_append (response, bekal_option_get_id (option));
      if (bekal_option_get_feedback (option))
        {
          g_autofree char *markup = bekal_text_to_pango_markup (bekal_option_get_feedback (option));

          g_string_append_printf (feedback, "\n%s", markup);
        }
    }

  if (response->len == 0)
    return;

  if (self->store && self->module_id && self->profile_id > 0
      && !bekal_store_save_checkpoint_response (self->store, self->profile_id, self->module_id,
                                                bekal_media_get_id (self->media),
                                                checkpoint->question_id, response->str, &error))
    g_warning ("Could not save the answer to %s: %s", checkpoint->question_id, error->message);

  if (bekal_question_get_explanation (question))
    {
      BekalText *explanation = bekal_question_get_explanation (question);
      g_autofree char *markup = bekal_text_to_pango_markup (explanation);

      g_string_append_printf (feedback, "\n%s", markup);
    }
  g_string_prepend (feedback, answer_is_correct (question, self->answer_buttons)
                              ? _("<b>Correct.</b>") : _("<b>Not quite.</b>"));

  for (guint i = 0; i < self->answer_buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->answer_buttons, i), FALSE);
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
