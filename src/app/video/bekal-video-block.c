/* bekal-video-block.c: a video or audio item of a lesson, with its player and transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-subtitles.h>

#include "bekal-video-block.h"

#define SKIP_MS              10000
#define TICK_MS              100
#define SAVE_EVERY_US        (5 * G_USEC_PER_SEC)
#define DONE_FRACTION        0.9
/* a position moving further than this between ticks was a seek, not playback */
#define CONTINUOUS_PLAY_MS   1500
/* resuming closer than this to either end starts over instead */
#define RESUME_MARGIN_MS     3000

struct _BekalVideoBlock
{
  GtkWidget        parent_instance;

  /* template */
  GtkLabel        *title_label;
  GtkWidget       *player_box;
  GtkWidget       *stage;
  GtkStack        *stage_stack;
  GtkPicture      *poster_picture;
  GtkPicture      *video_picture;
  GtkLabel        *error_label;
  GtkWidget       *error_transcript_button;
  GtkWidget       *retry_button;
  gint64           retry_from_ms;   /* where playback stood when it stalled */
  GtkWidget       *big_play_button;
  GtkLabel        *subtitle_label;
  GtkBox          *checkpoint_box;
  GtkLabel        *position_label;
  GtkScale        *seek_scale;
  GtkAdjustment   *seek_adjustment;
  GtkLabel        *duration_label;
  GtkWidget       *controls_box;
  GtkButton       *play_button;
  GtkWidget       *back_button;
  GtkWidget       *forward_button;
  GtkToggleButton *mute_button;
  GtkWidget       *volume_scale;
  GtkAdjustment   *volume_adjustment;
  GtkMenuButton   *speed_button;
  GtkMenuButton   *subtitles_button;
  GtkToggleButton *transcript_button;
  GtkButton       *fullscreen_button;
  GtkWidget       *chapters_box;
  GtkListBox      *chapters_list;
  GtkRevealer     *transcript_revealer;
  GtkSearchEntry  *transcript_search;
  GtkScrolledWindow *transcript_scroller;
  GtkListBox      *transcript_list;

  BekalMedia      *media;
  BekalStore      *store;
  gint64           profile_id;
  char            *module_id;
  BekalModule     *module;
  BekalPlayer     *player;
  GSettings       *settings;

  GHashTable      *cues_by_language; /* language → GPtrArray of BekalCue */
  char            *subtitle_language;
  GPtrArray       *subtitle_cues;    /* borrowed from cues_by_language */
  GPtrArray       *transcript_cues;  /* borrowed from cues_by_language */
  int              subtitle_cue;
  int              transcript_cue;
  char            *search_folded;

  guint            tick_id;
  gboolean         started;
  gboolean         failed;
  gint64           last_tick_ms;
  gint64           furthest_ms;
  gint64           resume_ms;
  gint64           last_saved_us;
  gboolean         transcript_read;
  gboolean         done;
  gboolean         autoscrolling;

  GArray          *asked;            /* of gboolean, one per checkpoint */
  int              active_checkpoint;
  GPtrArray       *answer_buttons;   /* GtkCheckButton, option id in "option-id" */
  GtkWidget       *answer_button;
  GtkLabel        *feedback_label;
  gboolean         answered;

  GtkWidget       *fullscreen_window;
  GtkWidget       *fullscreen_placeholder;
};

enum
{
  PROP_0,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     update_position              (BekalVideoBlock *self,
                                              gint64           position_ms);
static void     resume_after_checkpoint      (BekalVideoBlock *self);
static void     on_answer_clicked            (GtkButton       *button,
                                              BekalVideoBlock *self);
static void     on_skip_question_clicked     (GtkButton       *button,
                                              BekalVideoBlock *self);
static gboolean on_tick                      (gpointer         user_data);
static void     on_rate_toggled              (GtkCheckButton  *button,
                                              BekalVideoBlock *self);
static void     on_subtitle_language_toggled (GtkCheckButton  *button,
                                              BekalVideoBlock *self);
static void     on_chapter_activated         (GtkListBox      *list,
                                              GtkListBoxRow   *row,
                                              BekalVideoBlock *self);
static gboolean on_fullscreen_close_request  (GtkWindow       *window,
                                              BekalVideoBlock *self);

G_DEFINE_FINAL_TYPE (BekalVideoBlock, bekal_video_block, GTK_TYPE_WIDGET)

/* Helpers */

static char *
format_time (gint64 ms)
{
  gint64 seconds = MAX (ms, 0) / 1000;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static const char *
language_name (const char *language)
{
  /* named in their own language, as learners look for them */
  if (g_strcmp0 (language, "id") == 0)
    return "Bahasa Indonesia";
  if (g_strcmp0 (language, "en") == 0)
    return "English";
  return language;
}

static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/bekal_peksos/Bekal/bekal-video-block.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* the block also works where the schema is not installed (tests, other front ends) */
  if (source)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "text-size"))
    return NULL;

  return g_settings_new (APPLICATION_ID);
}

static GPtrArray *
cues_for (BekalVideoBlock *self,
          const char      *language)
{
  const BekalSubtitleTrack *track;
  g_autoptr(GError) error = NULL;
  GPtrArray *cues;

  if (language == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->cues_by_language, language, NULL, (gpointer *) &cues))
    return cues;

  track = bekal_media_find_subtitles (self->media, language);
  cues = track && track->path ? bekal_subtitles_load (track->path, &error) : NULL;
  if (error)
    g_warning ("Subtitles of %s (%s): %s", bekal_media_get_id (self->media), language,
               error->message);
  /* a failure is remembered too, so that the file is read once */
  g_hash_table_insert (self->cues_by_language, g_strdup (language), cues);

  return cues;
}

static void
set_done_if_reached (BekalVideoBlock *self)
{
  gint64 duration = bekal_player_get_duration (self->player);
  gboolean watched = duration > 0 && self->furthest_ms >= DONE_FRACTION * duration;

  if (self->done || !(watched || self->transcript_read))
    return;

  self->done = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static void
set_stage_page (BekalVideoBlock *self)
{
  const char *page = "poster";

  if (self->failed)
    page = "error";
  else if (self->started && bekal_player_has_video (self->player))
    page = "video";

  gtk_stack_set_visible_child_name (self->stage_stack, page);
  gtk_widget_set_visible (self->big_play_button,
                          !self->failed
                          && bekal_player_get_state (self->player) != BEKAL_PLAYER_STATE_PLAYING
                          && self->active_checkpoint < 0);
}

static void
set_controls_sensitive (BekalVideoBlock *self,
                        gboolean         sensitive)
{
  GtkWidget *controls[] = {
    GTK_WIDGET (self->play_button), self->back_button, self->forward_button,
    GTK_WIDGET (self->seek_scale), GTK_WIDGET (self->mute_button), self->volume_scale,
    GTK_WIDGET (self->speed_button), GTK_WIDGET (self->fullscreen_button),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], sensitive);
}

/* @can_retry: the failure may pass (the file could not be read for a while) */
static void
show_failure (BekalVideoBlock *self,
              const char      *message,
              gboolean         can_retry)
{
  GtkRoot *root = gtk_widget_get_root (self->player_box);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean focus_in_player = focus && gtk_widget_is_ancestor (focus, self->player_box);

  self->failed = TRUE;
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->retry_button, can_retry);
  gtk_widget_set_visible (self->error_transcript_button, self->transcript_cues != NULL);
  /* one suggested action: trying again, when it may help */
  if (can_retry)
    gtk_widget_remove_css_class (self->error_transcript_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->error_transcript_button, "suggested-action");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  set_controls_sensitive (self, FALSE);
  set_stage_page (self);

  /* the keyboard stays in the player rather than on a control that no longer works */
  if (can_retry && focus_in_player)
    gtk_widget_grab_focus (self->retry_button);
}

static void
show_subtitle (BekalVideoBlock *self,
               gint64           position_ms)
{
  int cue = self->subtitle_cues ? bekal_subtitles_find_cue (self->subtitle_cues, position_ms)
                                : -1;

  if (cue == self->subtitle_cue)
    return;

  self->subtitle_cue = cue;
  if (cue >= 0 && !self->failed)
    {
      const BekalCue *current = g_ptr_array_index (self->subtitle_cues, cue);

      gtk_label_set_text (self->subtitle_label, current->text);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
}

static void
scroll_to_row (BekalVideoBlock *self,
               GtkWidget       *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->transcript_scroller);
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->transcript_list), &bounds))
    return;

  self->autoscrolling = TRUE;
  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  self->autoscrolling = FALSE;
}

static void
highlight_transcript (BekalVideoBlock *self,
                      gint64           position_ms)
{
  int cue = self->transcript_cues ? bekal_subtitles_find_cue (self->transcript_cues, position_ms)
                                  : -1;
  GtkListBoxRow *row;

  if (cue == self->transcript_cue || cue < 0)
    return;

  self->transcript_cue = cue;
  row = gtk_list_box_get_row_at_index (self->transcript_list, cue);
  if (row == NULL)
    return;

  gtk_list_box_select_row (self->transcript_list, row);
  if (gtk_revealer_get_reveal_child (self->transcript_revealer)
      && (self->search_folded == NULL || self->search_folded[0] == '\0'))
    scroll_to_row (self, GTK_WIDGET (row));
}

static void
save_progress (BekalVideoBlock *self,
               gint64           position_ms)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0, };
  gint64 duration = bekal_player_get_duration (self->player);

  self->last_saved_us = g_get_monotonic_time ();
  /* a read-only data folder still shows earlier progress; it just keeps no new one */
  if (self->store == NULL || self->module_id == NULL || self->profile_id <= 0
      || bekal_store_is_read_only (self->store))
    return;

  progress.position_ms = MAX (position_ms, 0);
  progress.watched_fraction = duration > 0 ? CLAMP ((double) self->furthest_ms / duration, 0, 1)
                                           : 0.0;
  progress.transcript_read_to_end = self->transcript_read;
  progress.done = self->done;

  if (!bekal_store_save_media_progress (self->store, self->profile_id, self->module_id,
                                        bekal_media_get_id (self->media), &progress, &error))
    g_warning ("Could not save the progress of %s: %s", bekal_media_get_id (self->media),
               error->message);
}

static void
load_progress (BekalVideoBlock *self)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0, };

  if (self->store == NULL || self->module_id == NULL || self->profile_id <= 0)
    return;

  if (!bekal_store_load_media_progress (self->store, self->profile_id, self->module_id,
                                        bekal_media_get_id (self->media), &progress, &error))
    {
      if (error)
        g_warning ("Could not read the progress of %s: %s", bekal_media_get_id (self->media),
                   error->message);
      return;
    }

  self->resume_ms = progress.position_ms;
  self->transcript_read = progress.transcript_read_to_end;
  self->done = progress.done;
}

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
  set_stage_page (self);
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

static void
check_checkpoints (BekalVideoBlock *self,
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

/* Position updates */

static void
update_position (BekalVideoBlock *self,
                 gint64           position_ms)
{
  g_autofree char *text = NULL;

  if (position_ms < 0)
    return;

  text = format_time (position_ms);
  gtk_label_set_text (self->position_label, text);
  gtk_adjustment_set_value (self->seek_adjustment, position_ms / 1000.0);
  show_subtitle (self, position_ms);
  highlight_transcript (self, position_ms);
}


static void
ensure_tick (BekalVideoBlock *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
}

static void
seek_to (BekalVideoBlock *self,
         gint64           position_ms)
{
  gint64 duration = bekal_player_get_duration (self->player);

  position_ms = MAX (position_ms, 0);
  if (duration > 0)
    position_ms = MIN (position_ms, duration);

  bekal_player_seek (self->player, position_ms);
  self->last_tick_ms = position_ms;
  update_position (self, position_ms);
}

static void
skip_by (BekalVideoBlock *self,
         gint64           delta_ms)
{
  seek_to (self, bekal_player_get_position (self->player) + delta_ms);
}

/* Opens the recording again and plays on from where it stopped */
static void
retry_playback (BekalVideoBlock *self)
{
  const char *path = bekal_media_get_path (self->media);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;

  self->failed = FALSE;
  gtk_widget_set_visible (self->retry_button, FALSE);
  set_controls_sensitive (self, TRUE);
  /* the stick may still be out: the learner can try again once it is back */
  if (!bekal_player_open (self->player, path, &error))
    {
      show_failure (self, error->message, TRUE);
      return;
    }

  /* the subtitle on screen before the failure is shown again */
  self->subtitle_cue = -1;
  seek_to (self, self->retry_from_ms);
  bekal_player_play (self->player);
  set_stage_page (self);
  gtk_widget_grab_focus (self->stage);
}

/* Menus */


static void
build_speed_menu (BekalVideoBlock *self)
{
  static const double rates[] = { 0.75, 1.0, 1.25, 1.5 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkCheckButton *group = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *label = g_strdup_printf ("%g×", rates[i]);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      g_object_set_data (G_OBJECT (check), "rate", (gpointer) &rates[i]);
      if (group)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), rates[i] == 1.0);
      g_signal_connect (check, "toggled", G_CALLBACK (on_rate_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->speed_button, popover);
}


static void
build_subtitles_menu (BekalVideoBlock *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *off = gtk_check_button_new_with_label (_("Off"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (off), self->subtitle_language == NULL);
  g_signal_connect (off, "toggled", G_CALLBACK (on_subtitle_language_toggled), self);
  gtk_box_append (GTK_BOX (box), off);

  for (guint i = 0; i < bekal_media_get_n_subtitles (self->media); i++)
    {
      const BekalSubtitleTrack *track = bekal_media_get_subtitles (self->media, i);
      GtkWidget *check;

      if (track->language == NULL)
        continue;
      check = gtk_check_button_new_with_label (language_name (track->language));
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (off));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strcmp0 (self->subtitle_language, track->language) == 0);
      g_object_set_data_full (G_OBJECT (check), "language", g_strdup (track->language), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_subtitle_language_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->subtitles_button, popover);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitles_button),
                          bekal_media_get_n_subtitles (self->media) > 0);
}

static const char *
default_language (BekalVideoBlock *self)
{
  const char * const *languages = g_get_language_names ();

  if (bekal_media_get_n_subtitles (self->media) == 0)
    return NULL;

  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *code = g_strndup (languages[i], strcspn (languages[i], "_.@"));

      if (bekal_media_find_subtitles (self->media, code))
        return bekal_media_find_subtitles (self->media, code)->language;
    }

  /* the original language of Bekal's modules */
  if (bekal_media_find_subtitles (self->media, "id"))
    return "id";
  return bekal_media_get_subtitles (self->media, 0)->language;
}

/* Chapters and transcript */


static void
build_chapters (BekalVideoBlock *self)
{
  guint n = bekal_media_get_n_chapters (self->media);

  for (guint i = 0; i < n; i++)
    {
      const BekalChapter *chapter = bekal_media_get_chapter (self->media, i);
      g_autofree char *time = format_time (chapter->at_ms);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *time_label = gtk_label_new (time);
      GtkWidget *title = gtk_label_new (chapter->title);

      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_box_append (GTK_BOX (box), time_label);
      gtk_box_append (GTK_BOX (box), title);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->chapters_list, row);
    }

  gtk_widget_set_visible (self->chapters_box, n > 1);
}

static void
add_chapter_marks (BekalVideoBlock *self)
{
  gtk_scale_clear_marks (self->seek_scale);
  for (guint i = 0; i < bekal_media_get_n_chapters (self->media); i++)
    {
      const BekalChapter *chapter = bekal_media_get_chapter (self->media, i);

      if (chapter->at_ms > 0)
        gtk_scale_add_mark (self->seek_scale, chapter->at_ms / 1000.0, GTK_POS_TOP, NULL);
    }
}

static gboolean
filter_transcript_row (GtkListBoxRow *row,
                       gpointer       user_data)
{
  BekalVideoBlock *self = user_data;
  const char *folded = g_object_get_data (G_OBJECT (row), "folded");

  if (self->search_folded == NULL || self->search_folded[0] == '\0')
    return TRUE;
  return folded && strstr (folded, self->search_folded) != NULL;
}

static void
build_transcript (BekalVideoBlock *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->transcript_list))))
    gtk_list_box_remove (self->transcript_list, child);
  self->transcript_cue = -1;

  if (self->transcript_cues == NULL)
    {
      GtkWidget *empty = gtk_label_new (_("This recording has no transcript."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_set_placeholder (self->transcript_list, empty);
      return;
    }

  for (guint i = 0; i < self->transcript_cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (self->transcript_cues, i);
      g_autofree char *time = format_time (cue->start_ms);
      g_autofree char *single_line = g_strdelimit (g_strdup (cue->text), "\n", ' ');
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *time_label = gtk_label_new (time);
      GtkWidget *text = gtk_label_new (single_line);

      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "dim-label");
      gtk_label_set_yalign (GTK_LABEL (time_label), 0);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (box), time_label);
      gtk_box_append (GTK_BOX (box), text);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "folded", g_utf8_casefold (single_line, -1),
                              g_free);
      gtk_list_box_append (self->transcript_list, row);
    }

  {
    GtkWidget *none = gtk_label_new (_("No line of the transcript matches."));

    gtk_widget_add_css_class (none, "dim-label");
    gtk_list_box_set_placeholder (self->transcript_list, none);
  }
}

static void
set_transcript_language (BekalVideoBlock *self,
                         const char      *language)
{
  GPtrArray *cues = cues_for (self, language);

  if (cues == NULL || cues == self->transcript_cues)
    return;
  self->transcript_cues = cues;
  build_transcript (self);
}

static void
check_transcript_read (BekalVideoBlock *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->transcript_scroller);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->transcript_read || self->autoscrolling || self->transcript_cues == NULL
      || !gtk_revealer_get_child_revealed (self->transcript_revealer)
      || gtk_adjustment_get_upper (adjustment) <= 0
      || (self->search_folded && self->search_folded[0]))
    return;

  if (gtk_adjustment_get_value (adjustment) >= end - 2)
    {
      self->transcript_read = TRUE;
      set_done_if_reached (self);
      save_progress (self, bekal_player_get_position (self->player));
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

static gboolean
on_tick (gpointer user_data)
{
  BekalVideoBlock *self = user_data;
  BekalPlayerState state = bekal_player_get_state (self->player);
  gint64 position = bekal_player_get_position (self->player);

  update_position (self, position);

  if (state == BEKAL_PLAYER_STATE_PLAYING && position >= 0)
    {
      if (position >= self->last_tick_ms && position - self->last_tick_ms <= CONTINUOUS_PLAY_MS)
        self->furthest_ms = MAX (self->furthest_ms, position);
      check_checkpoints (self, position);
      self->last_tick_ms = position;
      set_done_if_reached (self);
      if (g_get_monotonic_time () - self->last_saved_us > SAVE_EVERY_US)
        save_progress (self, position);
    }

  if (bekal_player_get_state (self->player) != BEKAL_PLAYER_STATE_PLAYING)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_rate_toggled (GtkCheckButton  *button,
                 BekalVideoBlock *self)
{
  double rate = *(double *) g_object_get_data (G_OBJECT (button), "rate");
  g_autofree char *label = NULL;

  if (!gtk_check_button_get_active (button))
    return;

  bekal_player_set_rate (self->player, rate);
  label = g_strdup_printf ("%g×", rate);
  gtk_menu_button_set_label (self->speed_button, label);
}

static void
on_subtitle_language_toggled (GtkCheckButton  *button,
                              BekalVideoBlock *self)
{
  if (gtk_check_button_get_active (button))
    bekal_video_block_set_subtitle_language (self, g_object_get_data (G_OBJECT (button),
                                                                      "language"));
}

static void
on_chapter_activated (GtkListBox      *list,
                      GtkListBoxRow   *row,
                      BekalVideoBlock *self)
{
  const BekalChapter *chapter = bekal_media_get_chapter (self->media,
                                                         gtk_list_box_row_get_index (row));

  seek_to (self, chapter->at_ms);
}

static gboolean
on_fullscreen_close_request (GtkWindow       *window,
                             BekalVideoBlock *self)
{
  bekal_video_block_set_fullscreen (self, FALSE);
  return TRUE;
}

static void
on_player_state_changed (BekalPlayer     *player,
                         GParamSpec      *pspec,
                         BekalVideoBlock *self)
{
  BekalPlayerState state = bekal_player_get_state (player);
  gboolean playing = state == BEKAL_PLAYER_STATE_PLAYING;

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));

  switch (state)
    {
    case BEKAL_PLAYER_STATE_PLAYING:
      ensure_tick (self);
      break;

    case BEKAL_PLAYER_STATE_PAUSED:
      update_position (self, bekal_player_get_position (player));
      save_progress (self, bekal_player_get_position (player));
      break;

    case BEKAL_PLAYER_STATE_ENDED:
      self->furthest_ms = MAX (self->furthest_ms, bekal_player_get_duration (player));
      update_position (self, bekal_player_get_duration (player));
      set_done_if_reached (self);
      /* next time, start from the beginning */
      save_progress (self, 0);
      break;

    case BEKAL_PLAYER_STATE_FAILED:
      {
        const GError *error = bekal_player_get_error (player);
        gboolean stalled = g_error_matches (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_STALLED);

        /* kept by the block: a try that finds the stick still out forgets the position */
        if (stalled)
          self->retry_from_ms = MAX (bekal_player_get_position (player), 0);
        show_failure (self, error->message, stalled);
        break;
      }

    case BEKAL_PLAYER_STATE_EMPTY:
    case BEKAL_PLAYER_STATE_LOADING:
    default:
      break;
    }

  set_stage_page (self);
}

static void
on_player_duration_changed (BekalPlayer     *player,
                            GParamSpec      *pspec,
                            BekalVideoBlock *self)
{
  gint64 duration = bekal_player_get_duration (player);
  g_autofree char *text = format_time (duration);

  if (duration <= 0)
    return;

  gtk_adjustment_set_upper (self->seek_adjustment, duration / 1000.0);
  gtk_label_set_text (self->duration_label, text);
  add_chapter_marks (self);
}

static void
on_player_has_video_changed (BekalPlayer     *player,
                             GParamSpec      *pspec,
                             BekalVideoBlock *self)
{
  set_stage_page (self);
}

static void
on_play_clicked (GtkButton       *button,
                 BekalVideoBlock *self)
{
  bekal_video_block_toggle_play (self);
}

static void
on_back_clicked (GtkButton       *button,
                 BekalVideoBlock *self)
{
  skip_by (self, -SKIP_MS);
}

static void
on_forward_clicked (GtkButton       *button,
                    BekalVideoBlock *self)
{
  skip_by (self, SKIP_MS);
}

static gboolean
on_seek_change_value (GtkRange        *range,
                      GtkScrollType    scroll,
                      double           value,
                      BekalVideoBlock *self)
{
  seek_to (self, (gint64) (value * 1000));
  return TRUE;
}

static void
on_mute_toggled (GtkToggleButton *button,
                 BekalVideoBlock *self)
{
  gboolean muted = gtk_toggle_button_get_active (button);

  bekal_player_set_muted (self->player, muted);
  gtk_button_set_icon_name (GTK_BUTTON (button), muted ? "audio-volume-muted-symbolic"
                                                       : "audio-volume-high-symbolic");
}

static void
on_volume_changed (GtkAdjustment   *adjustment,
                   BekalVideoBlock *self)
{
  bekal_player_set_volume (self->player, gtk_adjustment_get_value (adjustment));
}

static void
on_transcript_toggled (GtkToggleButton *button,
                       BekalVideoBlock *self)
{
  gtk_revealer_set_reveal_child (self->transcript_revealer, gtk_toggle_button_get_active (button));
}

static void
on_transcript_revealed (GtkRevealer     *revealer,
                        GParamSpec      *pspec,
                        BekalVideoBlock *self)
{
  check_transcript_read (self);
}

static void
on_transcript_scrolled (GtkAdjustment   *adjustment,
                        BekalVideoBlock *self)
{
  check_transcript_read (self);
}

static void
on_transcript_row_activated (GtkListBox      *list,
                             GtkListBoxRow   *row,
                             BekalVideoBlock *self)
{
  const BekalCue *cue;

  if (self->transcript_cues == NULL || self->failed)
    return;
  cue = g_ptr_array_index (self->transcript_cues, gtk_list_box_row_get_index (row));
  seek_to (self, cue->start_ms);
}

static void
on_transcript_search_changed (GtkSearchEntry  *entry,
                              BekalVideoBlock *self)
{
  g_free (self->search_folded);
  self->search_folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_list_box_invalidate_filter (self->transcript_list);
}

static void
on_error_transcript_clicked (GtkButton       *button,
                             BekalVideoBlock *self)
{
  bekal_video_block_show_transcript (self);
}

static void
on_retry_clicked (GtkButton       *button,
                  BekalVideoBlock *self)
{
  retry_playback (self);
}

static void
on_fullscreen_clicked (GtkButton       *button,
                       BekalVideoBlock *self)
{
  bekal_video_block_set_fullscreen (self, self->fullscreen_window == NULL);
}

static void
on_stage_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  BekalVideoBlock *self)
{
  if (self->active_checkpoint >= 0 || self->failed)
    return;

  gtk_widget_grab_focus (self->stage);
  if (n_press == 2)
    bekal_video_block_set_fullscreen (self, self->fullscreen_window == NULL);
  else if (n_press == 1)
    bekal_video_block_toggle_play (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BekalVideoBlock       *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  if (keyval == GDK_KEY_Escape && self->fullscreen_window)
    {
      bekal_video_block_set_fullscreen (self, FALSE);
      return TRUE;
    }

  /* the checkpoint question has the keyboard while it is shown */
  if (self->active_checkpoint >= 0 || self->failed)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      bekal_video_block_toggle_play (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      skip_by (self, -SKIP_MS);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      skip_by (self, SKIP_MS);
      return TRUE;
    case GDK_KEY_f:
    case GDK_KEY_F:
      bekal_video_block_set_fullscreen (self, self->fullscreen_window == NULL);
      return TRUE;
    case GDK_KEY_m:
    case GDK_KEY_M:
      gtk_toggle_button_set_active (self->mute_button,
                                    !gtk_toggle_button_get_active (self->mute_button));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_text_size_changed (GSettings       *settings,
                      const char      *key,
                      BekalVideoBlock *self)
{
  g_autofree char *size = g_settings_get_string (settings, "text-size");

  gtk_widget_remove_css_class (self->player_box, "text-large");
  gtk_widget_remove_css_class (self->player_box, "text-projector");
  if (g_strcmp0 (size, "large") == 0)
    gtk_widget_add_css_class (self->player_box, "text-large");
  else if (g_strcmp0 (size, "projector") == 0)
    gtk_widget_add_css_class (self->player_box, "text-projector");
}

/* Overrides */

static void
bekal_video_block_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BekalVideoBlock *self = BEKAL_VIDEO_BLOCK (object);

  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_video_block_unmap (GtkWidget *widget)
{
  BekalVideoBlock *self = BEKAL_VIDEO_BLOCK (widget);

  /* a lesson page that goes away stops its recording */
  if (self->fullscreen_window == NULL)
    bekal_player_pause (self->player);

  GTK_WIDGET_CLASS (bekal_video_block_parent_class)->unmap (widget);
}

static void
bekal_video_block_dispose (GObject *object)
{
  BekalVideoBlock *self = BEKAL_VIDEO_BLOCK (object);

  if (self->player && self->started && !self->failed
      && bekal_player_get_state (self->player) != BEKAL_PLAYER_STATE_ENDED)
    save_progress (self, bekal_player_get_position (self->player));

  if (self->fullscreen_window)
    bekal_video_block_set_fullscreen (self, FALSE);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->player)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      bekal_player_close (self->player);
    }
  g_clear_object (&self->player);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_VIDEO_BLOCK);

  G_OBJECT_CLASS (bekal_video_block_parent_class)->dispose (object);
}

static void
bekal_video_block_finalize (GObject *object)
{
  BekalVideoBlock *self = BEKAL_VIDEO_BLOCK (object);

  g_clear_object (&self->media);
  g_clear_object (&self->store);
  g_clear_object (&self->module);
  g_free (self->module_id);
  g_free (self->subtitle_language);
  g_free (self->search_folded);
  g_hash_table_unref (self->cues_by_language);
  g_array_unref (self->asked);
  g_ptr_array_unref (self->answer_buttons);

  G_OBJECT_CLASS (bekal_video_block_parent_class)->finalize (object);
}

static void
bekal_video_block_class_init (BekalVideoBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bekal_video_block_get_property;
  object_class->dispose = bekal_video_block_dispose;
  object_class->finalize = bekal_video_block_finalize;
  widget_class->unmap = bekal_video_block_unmap;

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/"
                                               "bekal-video-block.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, player_box);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, stage);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, stage_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, poster_picture);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, video_picture);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, error_label);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, error_transcript_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, retry_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, big_play_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, checkpoint_box);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, position_label);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, seek_scale);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, seek_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, duration_label);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, controls_box);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, play_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, back_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, forward_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, mute_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, volume_scale);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, volume_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, speed_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, subtitles_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, transcript_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, chapters_box);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, chapters_list);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, transcript_revealer);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, transcript_search);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, transcript_scroller);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, transcript_list);

  gtk_widget_class_set_css_name (widget_class, "bekalvideoblock");
}

static void
bekal_video_block_init (BekalVideoBlock *self)
{
  GtkEventController *keys;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  self->cues_by_language = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  self->asked = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->answer_buttons = g_ptr_array_new ();
  self->active_checkpoint = -1;
  self->subtitle_cue = -1;
  self->transcript_cue = -1;
  self->player = bekal_player_new ();
  gtk_picture_set_paintable (self->video_picture, bekal_player_get_paintable (self->player));

  g_signal_connect (self->player, "notify::state", G_CALLBACK (on_player_state_changed), self);
  g_signal_connect (self->player, "notify::duration", G_CALLBACK (on_player_duration_changed),
                    self);
  g_signal_connect (self->player, "notify::has-video", G_CALLBACK (on_player_has_video_changed),
                    self);

  g_signal_connect (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  g_signal_connect (self->big_play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect (self->forward_button, "clicked", G_CALLBACK (on_forward_clicked), self);
  g_signal_connect (self->seek_scale, "change-value", G_CALLBACK (on_seek_change_value), self);
  g_signal_connect (self->mute_button, "toggled", G_CALLBACK (on_mute_toggled), self);
  g_signal_connect (self->volume_adjustment, "value-changed", G_CALLBACK (on_volume_changed),
                    self);
  g_signal_connect (self->transcript_button, "toggled", G_CALLBACK (on_transcript_toggled), self);
  g_signal_connect (self->transcript_revealer, "notify::child-revealed",
                    G_CALLBACK (on_transcript_revealed), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->transcript_scroller),
                    "value-changed", G_CALLBACK (on_transcript_scrolled), self);
  g_signal_connect (self->transcript_list, "row-activated",
                    G_CALLBACK (on_transcript_row_activated), self);
  g_signal_connect (self->transcript_search, "search-changed",
                    G_CALLBACK (on_transcript_search_changed), self);
  g_signal_connect (self->chapters_list, "row-activated", G_CALLBACK (on_chapter_activated), self);
  g_signal_connect (self->error_transcript_button, "clicked",
                    G_CALLBACK (on_error_transcript_clicked), self);
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked), self);
  g_signal_connect (self->fullscreen_button, "clicked", G_CALLBACK (on_fullscreen_clicked), self);
  gtk_list_box_set_filter_func (self->transcript_list, filter_transcript_row, self, NULL);

  /* capture: the player's keys win over the focused button's own (Space, arrows) */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->player_box, keys);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_stage_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->stage_stack), GTK_EVENT_CONTROLLER (click));

  self->settings = create_settings ();
  if (self->settings)
    {
      g_signal_connect (self->settings, "changed::text-size", G_CALLBACK (on_text_size_changed),
                        self);
      on_text_size_changed (self->settings, "text-size", self);
    }

  build_speed_menu (self);
}

/* Public API */

GtkWidget *
bekal_video_block_new (BekalMedia *media,
                       BekalStore *store,
                       gint64      profile_id,
                       const char *module_id)
{
  BekalVideoBlock *self;
  g_autoptr(GError) error = NULL;
  const char *path;

  g_return_val_if_fail (BEKAL_IS_MEDIA (media), NULL);
  g_return_val_if_fail (store == NULL || BEKAL_IS_STORE (store), NULL);

  self = g_object_new (BEKAL_TYPE_VIDEO_BLOCK, NULL);
  self->media = g_object_ref (media);
  self->store = store ? g_object_ref (store) : NULL;
  self->profile_id = profile_id;
  self->module_id = g_strdup (module_id);
  g_array_set_size (self->asked, bekal_media_get_n_checkpoints (media));

  gtk_label_set_text (self->title_label, bekal_media_get_title (media));
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), bekal_media_get_title (media) != NULL);
  if (bekal_media_get_poster_path (media))
    gtk_picture_set_filename (self->poster_picture, bekal_media_get_poster_path (media));
  gtk_picture_set_alternative_text (self->poster_picture, bekal_media_get_title (media));
  gtk_picture_set_alternative_text (self->video_picture, bekal_media_get_title (media));

  load_progress (self);
  build_chapters (self);

  self->subtitle_language = g_strdup (default_language (self));
  self->subtitle_cues = cues_for (self, self->subtitle_language);
  set_transcript_language (self, self->subtitle_language);
  for (guint i = 0; self->transcript_cues == NULL && i < bekal_media_get_n_subtitles (media); i++)
    set_transcript_language (self, bekal_media_get_subtitles (media, i)->language);
  build_subtitles_menu (self);
  if (self->transcript_cues == NULL)
    build_transcript (self);

  path = bekal_media_get_path (media);
  if (path == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The recording “%s” was not found in the media folders. Tell your "
                           "trainer: the file has to be copied into a media folder."),
                         bekal_media_get_src (media) ? bekal_media_get_src (media) : "");

      show_failure (self, message, FALSE);
    }
  else if (!bekal_player_open (self->player, path, &error))
    show_failure (self, error->message, FALSE);
  else
    set_stage_page (self);

  return GTK_WIDGET (self);
}

void
bekal_video_block_set_module (BekalVideoBlock *self,
                              BekalModule     *module)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));
  g_return_if_fail (module == NULL || BEKAL_IS_MODULE (module));

  g_set_object (&self->module, module);
}

BekalMedia *
bekal_video_block_get_media (BekalVideoBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_BLOCK (self), NULL);

  return self->media;
}

BekalPlayer *
bekal_video_block_get_player (BekalVideoBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_BLOCK (self), NULL);

  return self->player;
}

void
bekal_video_block_show_transcript (BekalVideoBlock *self)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  if (self->fullscreen_window)
    bekal_video_block_set_fullscreen (self, FALSE);
  gtk_toggle_button_set_active (self->transcript_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_search));
}

void
bekal_video_block_set_subtitle_language (BekalVideoBlock *self,
                                         const char      *language)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  if (g_strcmp0 (language, self->subtitle_language) == 0)
    return;

  g_free (self->subtitle_language);
  self->subtitle_language = g_strdup (language);
  self->subtitle_cues = cues_for (self, language);
  self->subtitle_cue = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  /* the transcript follows the subtitles; with subtitles off it keeps its language */
  if (language)
    set_transcript_language (self, language);
  show_subtitle (self, MAX (bekal_player_get_position (self->player), 0));
}

const char *
bekal_video_block_get_subtitle_language (BekalVideoBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_BLOCK (self), NULL);

  return self->subtitle_language;
}

const char *
bekal_video_block_get_subtitle_text (BekalVideoBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_BLOCK (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->subtitle_label)))
    return NULL;
  return gtk_label_get_text (self->subtitle_label);
}

gboolean
bekal_video_block_get_done (BekalVideoBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_BLOCK (self), FALSE);

  return self->done;
}

void
bekal_video_block_toggle_play (BekalVideoBlock *self)
{
  BekalPlayerState state;

  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  state = bekal_player_get_state (self->player);
  if (self->failed || self->active_checkpoint >= 0)
    return;

  if (state == BEKAL_PLAYER_STATE_PLAYING)
    {
      bekal_player_pause (self->player);
      return;
    }

  if (!self->started)
    {
      gint64 duration = bekal_player_get_duration (self->player);

      self->started = TRUE;
      if (self->resume_ms > RESUME_MARGIN_MS
          && (duration <= 0 || self->resume_ms < duration - RESUME_MARGIN_MS))
        seek_to (self, self->resume_ms);
    }
  self->last_tick_ms = MAX (bekal_player_get_position (self->player), 0);
  bekal_player_play (self->player);
  set_stage_page (self);
}

void
bekal_video_block_set_fullscreen (BekalVideoBlock *self,
                                  gboolean         fullscreen)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  if (fullscreen == (self->fullscreen_window != NULL))
    return;

  g_object_ref (self->player_box);
  if (fullscreen)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      self->fullscreen_window = gtk_window_new ();
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->fullscreen_window), GTK_WINDOW (root));
      gtk_window_set_title (GTK_WINDOW (self->fullscreen_window),
                            bekal_media_get_title (self->media));
      g_signal_connect (self->fullscreen_window, "close-request",
                        G_CALLBACK (on_fullscreen_close_request), self);

      self->fullscreen_placeholder = gtk_label_new (_("Playing in full screen. Press Esc to "
                                                      "come back."));
      gtk_widget_add_css_class (self->fullscreen_placeholder, "dim-label");
      gtk_widget_insert_after (self->fullscreen_placeholder, GTK_WIDGET (self),
                               self->player_box);
      gtk_widget_unparent (self->player_box);
      gtk_window_set_child (GTK_WINDOW (self->fullscreen_window), self->player_box);
      gtk_widget_add_css_class (self->player_box, "fullscreen");
      gtk_button_set_icon_name (self->fullscreen_button, "view-restore-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button),
                                   _("Leave Full Screen (Esc)"));
      gtk_window_fullscreen (GTK_WINDOW (self->fullscreen_window));
      gtk_window_present (GTK_WINDOW (self->fullscreen_window));
      gtk_widget_grab_focus (self->stage);
    }
  else
    {
      GtkWidget *window = g_steal_pointer (&self->fullscreen_window);

      gtk_window_set_child (GTK_WINDOW (window), NULL);
      gtk_widget_insert_after (self->player_box, GTK_WIDGET (self),
                               GTK_WIDGET (self->title_label));
      g_clear_pointer (&self->fullscreen_placeholder, gtk_widget_unparent);
      gtk_widget_remove_css_class (self->player_box, "fullscreen");
      gtk_button_set_icon_name (self->fullscreen_button, "view-fullscreen-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button), _("Full Screen (F)"));
      gtk_window_destroy (GTK_WINDOW (window));
      gtk_widget_grab_focus (self->stage);
    }
  g_object_unref (self->player_box);
}

void
bekal_video_block_save_progress (BekalVideoBlock *self)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  save_progress (self, MAX (bekal_player_get_position (self->player), 0));
}
