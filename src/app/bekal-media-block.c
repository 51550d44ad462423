/* bekal-media-block.c: a video or audio item in a lesson (poster and transcript for now)
 *
 * This widget stands in for the media player: it shows the poster, the title, the content
 * note and the transcript read from the subtitle file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-media-block.h"

/* subtitle files are small; anything bigger is not read into a label */
#define MAX_SUBTITLE_FILE_SIZE (1024 * 1024)

struct _BekalMediaBlock
{
  GtkWidget    parent_instance;

  BekalMedia  *media;
  GSettings   *settings;

  GtkImage    *kind_icon;
  GtkLabel    *title_label;
  GtkStack    *state_stack;
  GtkLabel    *note_label;
  GtkButton   *transcript_instead_button;
  GtkPicture  *poster;
  GtkExpander *transcript_expander;
  GtkLabel    *transcript_label;
};

G_DEFINE_FINAL_TYPE (BekalMediaBlock, bekal_media_block, GTK_TYPE_WIDGET)

/* Helpers */

static void
append_without_tags (GString    *out,
                     const char *line)
{
  gboolean in_tag = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
}

static const BekalSubtitleTrack *
choose_subtitles (BekalMediaBlock *self)
{
  g_autofree char *preferred = NULL;
  const char * const *languages = g_get_language_names ();
  const BekalSubtitleTrack *track = NULL;

  if (bekal_media_get_n_subtitles (self->media) == 0)
    return NULL;

  if (self->settings != NULL)
    preferred = g_settings_get_string (self->settings, "subtitle-language");
  if (preferred != NULL && preferred[0] != '\0' && !g_str_equal (preferred, "off"))
    track = bekal_media_find_subtitles (self->media, preferred);

  for (guint i = 0; track == NULL && languages[i] != NULL; i++)
    {
      g_autofree char *language = g_strdup (languages[i]);

      /* "id_ID.UTF-8" → "id" */
      language[strcspn (language, "_.@")] = '\0';
      track = bekal_media_find_subtitles (self->media, language);
    }

  return track != NULL ? track : bekal_media_get_subtitles (self->media, 0);
}

static void
load_transcript (BekalMediaBlock *self)
{
  const BekalSubtitleTrack *track = choose_subtitles (self);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (track == NULL)
    {
      gtk_label_set_text (self->transcript_label, _("This item has no transcript."));
      return;
    }

  if (!g_file_get_contents (track->path, &contents, &length, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The transcript cannot be read: %s"),
                                                  error->message);
      gtk_label_set_text (self->transcript_label, message);
      return;
    }

  if (length > MAX_SUBTITLE_FILE_SIZE || !g_utf8_validate (contents, length, NULL))
    {
      gtk_label_set_text (self->transcript_label, _("The transcript cannot be shown."));
      return;
    }

  text = bekal_subtitles_to_text (contents);
  gtk_label_set_text (self->transcript_label, text);
}

static void
fill (BekalMediaBlock *self)
{
  const char *note = bekal_media_get_content_note (self->media);
  const char *poster = bekal_media_get_poster_path (self->media);
  gboolean video = bekal_media_is_video (self->media);

  gtk_image_set_from_icon_name (self->kind_icon,
                                video ? "camera-video-symbolic" : "audio-x-generic-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  video ? _("Video") : _("Audio"), -1);
  gtk_label_set_text (self->title_label, bekal_media_get_title (self->media));

  if (poster != NULL)
    {
      gtk_picture_set_filename (self->poster, poster);
      gtk_picture_set_alternative_text (self->poster, bekal_media_get_title (self->media));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->poster), poster != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->transcript_instead_button),
                          bekal_media_get_n_subtitles (self->media) > 0);
  load_transcript (self);

  if (note != NULL && note[0] != '\0')
    {
      gtk_label_set_text (self->note_label, note);
      gtk_stack_set_visible_child_name (self->state_stack, "note");
    }
  else
    gtk_stack_set_visible_child_name (self->state_stack, "media");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bekal_media_get_title (self->media), -1);
}

/* Callbacks */

static void
on_show_clicked (BekalMediaBlock *self)
{
  const char *note = bekal_media_get_content_note (self->media);

  gtk_stack_set_visible_child_name (self->state_stack,
                                    note != NULL && note[0] != '\0' ? "note" : "media");
}

/* Overrides */

static void
bekal_media_block_dispose (GObject *object)
{
  BekalMediaBlock *self = BEKAL_MEDIA_BLOCK (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_MEDIA_BLOCK);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->media);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bekal_media_block_parent_class)->dispose (object);
}

static void
bekal_media_block_class_init (BekalMediaBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_media_block_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-media-block.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, state_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, note_label);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, transcript_instead_button);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, poster);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, transcript_expander);
  gtk_widget_class_bind_template_child (widget_class, BekalMediaBlock, transcript_label);
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
  if (context != NULL && context->settings != NULL)
    self->settings = g_object_ref (context->settings);
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

void
bekal_media_block_continue (BekalMediaBlock *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  gtk_widget_set_visible (GTK_WIDGET (self->poster),
                          bekal_media_get_poster_path (self->media) != NULL);
  gtk_stack_set_visible_child_name (self->state_stack, "media");
}

void
bekal_media_block_read_transcript (BekalMediaBlock *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  /* the learner chose words over pictures: the poster stays hidden too */
  gtk_widget_set_visible (GTK_WIDGET (self->poster), FALSE);
  gtk_expander_set_expanded (self->transcript_expander, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "media");
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_expander));
}

void
bekal_media_block_skip (BekalMediaBlock *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_BLOCK (self));

  gtk_stack_set_visible_child_name (self->state_stack, "skipped");
}

char *
bekal_subtitles_to_text (const char *contents)
{
  g_auto(GStrv) lines = NULL;
  GString *text = g_string_new (NULL);
  gboolean in_cue = FALSE;
  gboolean cue_started = FALSE;

  g_return_val_if_fail (contents != NULL, NULL);

  /* the text of a cue is every line after its timing line up to a blank line, in WebVTT as
   * in SubRip; headers, cue numbers and NOTE blocks never follow a timing line */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (line[0] == '\0')
        {
          in_cue = FALSE;
          continue;
        }
      if (strstr (line, "-->") != NULL)
        {
          in_cue = TRUE;
          cue_started = FALSE;
          continue;
        }
      if (!in_cue)
        continue;

      if (text->len > 0)
        g_string_append_c (text, cue_started ? ' ' : '\n');
      append_without_tags (text, line);
      cue_started = TRUE;
    }

  return g_string_free (text, FALSE);
}
