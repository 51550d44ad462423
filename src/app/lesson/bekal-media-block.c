/* bekal-media-block.c: a video or audio item in a lesson, behind its content note
 *
 * An item with a content note shows the note first; the player (a BekalVideoBlock) is only
 * created once the learner chooses to watch or to read the transcript, so that skipping it
 * opens nothing and records nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-media-block.h"
#include "bekal-video-block.h"

struct _BekalMediaBlock
{
  GtkWidget    parent_instance;

  BekalMedia  *media;
  BekalModule *module;
  BekalLearnerContext *learner;
  GtkWidget   *video_block;

  GtkWidget   *frame_box;
  GtkWidget   *header_box;
  GtkImage    *kind_icon;
  GtkLabel    *title_label;
  GtkStack    *state_stack;
  GtkLabel    *note_label;
  GtkButton   *transcript_instead_button;
  GtkBox      *media_box;
};

enum
{
  PROP_0,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BekalMediaBlock, bekal_media_block, GTK_TYPE_WIDGET)

/* Helpers */

static gboolean
has_note (BekalMediaBlock *self)
{
  const char *note = bekal_media_get_content_note (self->media);

  return note != NULL && note[0] != '\0';
}

static void
on_video_done_changed (BekalMediaBlock *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static void
ensure_video_block (BekalMediaBlock *self)
{
  if (self->video_block != NULL)
    return;

  self->video_block = bekal_video_block_new_for_learner (self->media, self->learner);
  bekal_video_block_set_module (BEKAL_VIDEO_BLOCK (self->video_block), self->module);
  g_signal_connect_object (self->video_block, "notify::done",
                           G_CALLBACK (on_video_done_changed), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->media_box, self->video_block);

  if (bekal_video_block_get_done (BEKAL_VIDEO_BLOCK (self->video_block)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

/* The note and the skipped line sit on a card with the item's title; the player brings its
 * own title and frame */
static void
set_state (BekalMediaBlock *self,
           const char      *state)
{
  gboolean media = g_str_equal (state, "media");

  if (media)
    ensure_video_block (self);

  gtk_widget_set_visible (self->header_box, !media);
  if (media)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "card");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  g_object_set (self->frame_box,
                "margin-top", media ? 0 : 14, "margin-bottom", media ? 0 : 14,
                "margin-start", media ? 0 : 16, "margin-end", media ? 0 : 16,
                NULL);
  gtk_stack_set_visible_child_name (self->state_stack, state);
}

static void
fill (BekalMediaBlock *self)
{
  gboolean video = bekal_media_is_video (self->media);

  gtk_image_set_from_icon_name (self->kind_icon,
                                video ? "camera-video-symbolic" : "audio-x-generic-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  video ? _("Video") : _("Audio"), -1);
  gtk_label_set_text (self->title_label, bekal_media_get_title (self->media));
  gtk_widget_set_visible (GTK_WIDGET (self->transcript_instead_button),
                          bekal_media_get_n_subtitles (self->media) > 0);

  if (has_note (self))
    {
      gtk_label_set_text (self->note_label, bekal_media_get_content_note (self->media));
      set_state (self, "note");
    }
  else
    set_state (self, "media");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bekal_media_get_title (self->media), -1);
}

/* Callbacks */

static void
on_show_clicked (BekalMediaBlock *self)
{
  set_state (self, has_note (self) ? "note" : "media");
}

/* Overrides */

static void
bekal_media_block_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BekalMediaBlock *self = BEKAL_MEDIA_BLOCK (object);

  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_boolean (value, bekal_media_block_get_done (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_media_block_dispose (GObject *object)
{
  BekalMediaBlock *self = BEKAL_MEDIA_BLOCK (object);
  GtkWidget *child;

  self->video_block = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_MEDIA_BLOCK);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->media);
  g_clear_object (&self->module);
  g_clear_object (&self->learner);

  G_OBJECT_CLASS (bekal_media_block_parent_class)->dispose (object);
}

static void
bekal_media_block_class_init (BekalMediaBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_media_block_dispose;
  object_class->get_property = bekal_media_block_get_property;

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-media-block.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, frame_box);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, header_box);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, state_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, note_label);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, transcript_instead_button);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, media_box);
  gtk_widget_class_bind_template_callback (widget_class, bekal_media_block_continue);
  gtk_widget_class_bind_template_callback (widget_class, bekal_media_block_read_transcript);
  gtk_widget_class_bind_template_callback (widget_class, bekal_media_block_skip);
  gtk_widget_class_bind_template_callback (widget_class, on_show_clicked);
}

static void
bekal_media_block_init (BekalMediaBlock *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
bekal_media_block_new (BekalMedia              *media,
                       const BekalBlockContext *context)
{
  BekalMediaBlock *self;

  g_return_val_if_fail (BEKAL_IS_MEDIA (media), NULL);

  self = g_object_new (BEKAL_TYPE_MEDIA_BLOCK, NULL);
  self->media = g_object_ref (media);
  if (context != NULL)
    {
      g_set_object (&self->module, context->module);
      self->learner = bekal_block_context_dup_learner (context);
    }
  else
    self->learner = bekal_learner_context_new (NULL, 0, NULL, NULL, NULL);
  fill (self);

  return GTK_WIDGET (self);
}

BekalMedia *
bekal_media_block_get_media (BekalMediaBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_BLOCK (self), NULL);

  return self->media;
}

const char *
bekal_media_block_get_state (BekalMediaBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_BLOCK (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

GtkWidget *
bekal_media_block_get_video_block (BekalMediaBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_BLOCK (self), NULL);

  return self->video_block;
}

gboolean
bekal_media_block_get_done (BekalMediaBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_BLOCK (self), FALSE);

  return self->video_block != NULL
         && bekal_video_block_get_done (BEKAL_VIDEO_BLOCK (self->video_block));
}

void
bekal_media_block_continue (BekalMediaBlock *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  set_state (self, "media");
}

void
bekal_media_block_read_transcript (BekalMediaBlock *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  /* the learner chose words over pictures: the transcript opens, nothing plays */
  set_state (self, "media");
  bekal_video_block_show_transcript (BEKAL_VIDEO_BLOCK (self->video_block));
}

void
bekal_media_block_skip (BekalMediaBlock *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  if (self->video_block != NULL)
    bekal_media_block_stop (self);
  set_state (self, "skipped");
}

void
bekal_media_block_stop (BekalMediaBlock *self)
{
  BekalVideoBlock *video;
  BekalPlayer *player;
  BekalPlayerState state;

  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  if (self->video_block == NULL)
    return;

  video = BEKAL_VIDEO_BLOCK (self->video_block);
  player = bekal_video_block_get_player (video);
  state = bekal_player_get_state (player);
  bekal_video_block_set_fullscreen (video, FALSE);
  bekal_player_pause (player);

  /* a recording never started (or read only through its transcript) keeps the place saved
   * in an earlier session */
  if (bekal_player_get_position (player) > 0
      && (state == BEKAL_PLAYER_STATE_PLAYING || state == BEKAL_PLAYER_STATE_PAUSED))
    bekal_video_block_save_progress (video);
}
