/* bekal-video-block.c: a video or audio item of a lesson, with its player and transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-video-block-private.h"

enum
{
  PROP_0,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean on_tick (gpointer user_data);

G_DEFINE_FINAL_TYPE (BekalVideoBlock, bekal_video_block, GTK_TYPE_WIDGET)

/* Helpers */

char *
_bekal_video_block_format_time (gint64 ms)
{
  gint64 seconds = MAX (ms, 0) / 1000;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
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

void
_bekal_video_block_set_stage_page (BekalVideoBlock *self)
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
  _bekal_video_block_set_stage_page (self);

  /* the keyboard stays in the player rather than on a control that no longer works */
  if (can_retry && focus_in_player)
    gtk_widget_grab_focus (self->retry_button);
}

static void
ensure_tick (BekalVideoBlock *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
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
  _bekal_video_block_seek_to (self, self->retry_from_ms);
  bekal_player_play (self->player);
  _bekal_video_block_set_stage_page (self);
  gtk_widget_grab_focus (self->stage);
}

/* Callbacks */

static gboolean
on_tick (gpointer user_data)
{
  BekalVideoBlock *self = user_data;
  BekalPlayerState state = bekal_player_get_state (self->player);
  gint64 position = bekal_player_get_position (self->player);

  _bekal_video_block_update_position (self, position);

  if (state == BEKAL_PLAYER_STATE_PLAYING && position >= 0)
    {
      bekal_media_progress_tracker_set_duration (self->progress,
                                                 bekal_player_get_duration (self->player));
      _bekal_video_block_check_checkpoints (self, position);
      self->last_tick_ms = position;
      /* the furthest point, the done flag and a save every few seconds */
      bekal_media_progress_tracker_played (self->progress, position);
    }

  if (bekal_player_get_state (self->player) != BEKAL_PLAYER_STATE_PLAYING)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
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
      _bekal_video_block_update_position (self, bekal_player_get_position (player));
      _bekal_video_block_save_progress (self, bekal_player_get_position (player));
      break;

    case BEKAL_PLAYER_STATE_ENDED:
      _bekal_video_block_update_position (self, bekal_player_get_duration (player));
      bekal_media_progress_tracker_set_duration (self->progress,
                                                 bekal_player_get_duration (player));
      /* saved as watched to the end, and to start from the beginning next time */
      bekal_media_progress_tracker_ended (self->progress);
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

  _bekal_video_block_set_stage_page (self);
}

static void
on_player_duration_changed (BekalPlayer     *player,
                            GParamSpec      *pspec,
                            BekalVideoBlock *self)
{
  gint64 duration = bekal_player_get_duration (player);
  g_autofree char *text = _bekal_video_block_format_time (duration);

  if (duration <= 0)
    return;

  bekal_media_progress_tracker_set_duration (self->progress, duration);
  gtk_adjustment_set_upper (self->seek_adjustment, duration / 1000.0);
  gtk_label_set_text (self->duration_label, text);
  _bekal_video_block_add_chapter_marks (self);
}

static void
on_player_has_video_changed (BekalPlayer     *player,
                             GParamSpec      *pspec,
                             BekalVideoBlock *self)
{
  _bekal_video_block_set_stage_page (self);
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
      g_value_set_boolean (value, bekal_media_progress_tracker_get_done (self->progress));
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
    _bekal_video_block_save_progress (self, bekal_player_get_position (self->player));

  if (self->fullscreen_window)
    bekal_video_block_set_fullscreen (self, FALSE);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->subtitles_cancellable);
  g_clear_object (&self->subtitles_cancellable);
  if (self->player)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      bekal_player_close (self->player);
    }
  g_clear_object (&self->player);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->progress)
    g_signal_handlers_disconnect_by_data (self->progress, self);
  g_clear_object (&self->progress);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_VIDEO_BLOCK);

  G_OBJECT_CLASS (bekal_video_block_parent_class)->dispose (object);
}

static void
bekal_video_block_finalize (GObject *object)
{
  BekalVideoBlock *self = BEKAL_VIDEO_BLOCK (object);

  g_clear_object (&self->media);
  g_clear_object (&self->store);
  g_clear_object (&self->learner);
  g_clear_object (&self->module);
  g_free (self->module_id);
  g_free (self->subtitle_language);
  g_free (self->search_folded);
  g_hash_table_unref (self->cues_by_language);
  g_array_unref (self->asked);
  g_clear_object (&self->checkpoint_session);

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

  g_type_ensure (BEKAL_TYPE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/"
                                               "bekal-video-block.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, player_box);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, stage);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, stage_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalVideoBlock, poster_image);
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
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();
  gtk_picture_set_can_shrink (bekal_image_get_picture (self->poster_image), TRUE);

  self->cues_by_language = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  self->asked = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->active_checkpoint = -1;
  self->subtitle_cue = -1;
  self->transcript_cue = -1;
  self->player = bekal_player_new ();
  _bekal_video_block_init_progress (self);
  gtk_picture_set_paintable (self->video_picture, bekal_player_get_paintable (self->player));

  g_signal_connect (self->player, "notify::state", G_CALLBACK (on_player_state_changed), self);
  g_signal_connect (self->player, "notify::duration", G_CALLBACK (on_player_duration_changed),
                    self);
  g_signal_connect (self->player, "notify::has-video", G_CALLBACK (on_player_has_video_changed),
                    self);

  g_signal_connect (self->error_transcript_button, "clicked",
                    G_CALLBACK (on_error_transcript_clicked), self);
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked), self);

  _bekal_video_block_init_controls (self);
  _bekal_video_block_init_transcript (self);
  _bekal_video_block_init_chapters (self);

  self->settings = create_settings ();
  if (self->settings)
    {
      g_signal_connect (self->settings, "changed::text-size", G_CALLBACK (on_text_size_changed),
                        self);
      on_text_size_changed (self->settings, "text-size", self);
    }

}

/* Public API */

GtkWidget *
bekal_video_block_new (BekalMedia *media,
                       BekalStore *store,
                       gint64      profile_id,
                       const char *module_id)
{
  g_autoptr(BekalLearnerContext) learner = NULL;

  g_return_val_if_fail (BEKAL_IS_MEDIA (media), NULL);
  g_return_val_if_fail (store == NULL || BEKAL_IS_STORE (store), NULL);

  learner = bekal_learner_context_new (store, profile_id, module_id, NULL, NULL);
  return bekal_video_block_new_for_learner (media, learner);
}

GtkWidget *
bekal_video_block_new_for_learner (BekalMedia          *media,
                                   BekalLearnerContext *learner)
{
  BekalVideoBlock *self;
  g_autoptr(GError) error = NULL;
  const char *path;

  g_return_val_if_fail (BEKAL_IS_MEDIA (media), NULL);
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (learner), NULL);

  self = g_object_new (BEKAL_TYPE_VIDEO_BLOCK, NULL);
  self->media = g_object_ref (media);
  self->learner = g_object_ref (learner);
  /* progress belongs to a learner in a module: without either, nothing is kept */
  if (bekal_learner_context_has_learner (learner)
      && bekal_learner_context_get_module_id (learner) != NULL)
    {
      self->store = g_object_ref (bekal_learner_context_get_store (learner));
      self->profile_id = bekal_learner_context_get_profile_id (learner);
      self->module_id = g_strdup (bekal_learner_context_get_module_id (learner));
    }
  g_array_set_size (self->asked, bekal_media_get_n_checkpoints (media));

  gtk_label_set_text (self->title_label, bekal_media_get_title (media));
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), bekal_media_get_title (media) != NULL);
  /* read in a worker thread once on screen; a placeholder says when it cannot be shown */
  bekal_image_set_filename (self->poster_image, bekal_media_get_poster_path (media));
  gtk_picture_set_alternative_text (bekal_image_get_picture (self->poster_image),
                                    bekal_media_get_title (media));
  gtk_picture_set_alternative_text (self->video_picture, bekal_media_get_title (media));

  _bekal_video_block_load_progress (self);
  _bekal_video_block_build_chapters (self);

  self->subtitle_language = g_strdup (_bekal_video_block_default_language (self));
  _bekal_video_block_build_subtitles_menu (self);
  /* the subtitles and the transcript appear once their files are read */
  if (bekal_media_get_n_subtitles (media) > 0)
    _bekal_video_block_load_subtitles (self);
  else
    _bekal_video_block_build_transcript (self);

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
    _bekal_video_block_set_stage_page (self);

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

gboolean
bekal_video_block_get_done (BekalVideoBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_BLOCK (self), FALSE);

  return bekal_media_progress_tracker_get_done (self->progress);
}
