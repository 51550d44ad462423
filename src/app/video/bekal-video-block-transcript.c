/* bekal-video-block-transcript.c: the video block's subtitles and searchable transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bekal-video-block-private.h"

/* A choice of the subtitles menu */
typedef struct
{
  BekalVideoBlock *block;
  char            *language;   /* NULL: subtitles off */
} LanguageChoice;

/* A line of the transcript, with its text case-folded for the search */
#define BEKAL_TYPE_TRANSCRIPT_ROW (bekal_transcript_row_get_type ())
G_DECLARE_FINAL_TYPE (BekalTranscriptRow, bekal_transcript_row, BEKAL, TRANSCRIPT_ROW,
                      GtkListBoxRow)

struct _BekalTranscriptRow
{
  GtkListBoxRow  parent_instance;

  char          *folded;
};

G_DEFINE_FINAL_TYPE (BekalTranscriptRow, bekal_transcript_row, GTK_TYPE_LIST_BOX_ROW)

/* Pango attributes for a cue's styled runs, shifted by @offset bytes (for a speaker's name put
 * before the text): the styles come from the reader's runs, never from markup */
static PangoAttrList *
cue_attributes (const BekalCue *cue,
                guint           offset,
                guint           name_length)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  if (name_length > 0)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      /* a warm yellow, as broadcasters set a speaker apart, readable on the dark box */
      PangoAttribute *colour = pango_attr_foreground_new (0xf9f9, 0xe2e2, 0xafaf);

      bold->start_index = colour->start_index = 0;
      bold->end_index = colour->end_index = name_length;
      pango_attr_list_insert (attributes, bold);
      pango_attr_list_insert (attributes, colour);
    }

  for (guint i = 0; cue->runs != NULL && i < cue->runs->len; i++)
    {
      const BekalCueRun *run = &g_array_index (cue->runs, BekalCueRun, i);
      PangoAttribute *attribute;

      if (run->style & BEKAL_CUE_STYLE_BOLD)
        {
          attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
          attribute->start_index = offset + run->start;
          attribute->end_index = offset + run->end;
          pango_attr_list_insert (attributes, attribute);
        }
      if (run->style & BEKAL_CUE_STYLE_ITALIC)
        {
          attribute = pango_attr_style_new (PANGO_STYLE_ITALIC);
          attribute->start_index = offset + run->start;
          attribute->end_index = offset + run->end;
          pango_attr_list_insert (attributes, attribute);
        }
      if (run->style & BEKAL_CUE_STYLE_UNDERLINE)
        {
          attribute = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
          attribute->start_index = offset + run->start;
          attribute->end_index = offset + run->end;
          pango_attr_list_insert (attributes, attribute);
        }
    }

  return attributes;
}

/* Whether @cues[@index] is spoken by someone else than the cue before it */
static gboolean
speaker_changes_at (GPtrArray *cues,
                    guint      index)
{
  const BekalCue *cue = g_ptr_array_index (cues, index);
  const BekalCue *previous = index > 0 ? g_ptr_array_index (cues, index - 1) : NULL;

  return cue->speaker != NULL
         && (previous == NULL || g_strcmp0 (previous->speaker, cue->speaker) != 0);
}

static void on_subtitle_language_toggled (GtkCheckButton *button,
                                          LanguageChoice *choice);

static void
bekal_transcript_row_finalize (GObject *object)
{
  g_free (BEKAL_TRANSCRIPT_ROW (object)->folded);

  G_OBJECT_CLASS (bekal_transcript_row_parent_class)->finalize (object);
}

static void
bekal_transcript_row_class_init (BekalTranscriptRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_transcript_row_finalize;
}

static void
bekal_transcript_row_init (BekalTranscriptRow *self)
{
}

/* Helpers */

static LanguageChoice *
language_choice_new (BekalVideoBlock *block,
                     const char      *language)
{
  LanguageChoice *choice = g_new (LanguageChoice, 1);

  choice->block = block;
  choice->language = g_strdup (language);
  return choice;
}

static void
language_choice_free (gpointer  data,
                      GClosure *closure)
{
  LanguageChoice *choice = data;

  g_free (choice->language);
  g_free (choice);
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

/* Cues of @language, or NULL: no such track, a track that could not be read, or not read yet */
GPtrArray *
_bekal_video_block_cues_for (BekalVideoBlock *self,
                             const char      *language)
{
  if (language == NULL || self->subtitles_cancellable != NULL)
    return NULL;

  return g_hash_table_lookup (self->cues_by_language, language);
}

/* Runs in a worker thread: subtitle files are read through a GStreamer pipeline, which may
 * take seconds from a slow stick. @task_data holds language, path, language, path, ... */
static void
load_subtitles_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  GStrv tracks = task_data;
  g_autoptr(GHashTable) cues_by_language =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                           (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; tracks[i] != NULL && tracks[i + 1] != NULL; i += 2)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *cues;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (g_hash_table_contains (cues_by_language, tracks[i]))
        continue;

      cues = bekal_subtitles_load (tracks[i + 1], &error);
      if (error)
        g_warning ("Subtitles %s (%s): %s", tracks[i + 1], tracks[i], error->message);
      /* a failure is remembered too, so that the file is read once */
      g_hash_table_insert (cues_by_language, g_strdup (tracks[i]), cues);
    }

  g_task_return_pointer (task, g_steal_pointer (&cues_by_language),
                         (GDestroyNotify) g_hash_table_unref);
}

void
_bekal_video_block_show_subtitle (BekalVideoBlock *self,
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
      g_autoptr(PangoAttrList) attributes = NULL;
      g_autofree char *text = NULL;
      guint name_length = 0;

      /* on a change of speaker, the name before the words, as in a printed interview */
      if (speaker_changes_at (self->subtitle_cues, cue))
        {
          g_autofree char *name = g_strdup_printf (_("%s:"), current->speaker);

          name_length = strlen (name);
          text = g_strconcat (name, " ", current->text, NULL);
        }
      else
        text = g_strdup (current->text);
      attributes = cue_attributes (current, name_length > 0 ? name_length + 1 : 0, name_length);
      gtk_label_set_text (self->subtitle_label, text);
      gtk_label_set_attributes (self->subtitle_label, attributes);
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

void
_bekal_video_block_highlight_transcript (BekalVideoBlock *self,
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

void
_bekal_video_block_build_subtitles_menu (BekalVideoBlock *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *off = gtk_check_button_new_with_label (_("Off"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (off), self->subtitle_language == NULL);
  g_signal_connect_data (off, "toggled", G_CALLBACK (on_subtitle_language_toggled),
                         language_choice_new (self, NULL), language_choice_free, 0);
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
      g_signal_connect_data (check, "toggled", G_CALLBACK (on_subtitle_language_toggled),
                             language_choice_new (self, track->language), language_choice_free,
                             0);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->subtitles_button, popover);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitles_button),
                          bekal_media_get_n_subtitles (self->media) > 0);
}

const char *
_bekal_video_block_default_language (BekalVideoBlock *self)
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


static gboolean
filter_transcript_row (GtkListBoxRow *row,
                       gpointer       user_data)
{
  BekalVideoBlock *self = user_data;
  const char *folded = BEKAL_TRANSCRIPT_ROW (row)->folded;

  if (self->search_folded == NULL || self->search_folded[0] == '\0')
    return TRUE;
  return folded && strstr (folded, self->search_folded) != NULL;
}

void
_bekal_video_block_build_transcript (BekalVideoBlock *self)
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
      g_autofree char *time = _bekal_video_block_format_time (cue->start_ms);
      g_autofree char *single_line = g_strdelimit (g_strdup (cue->text), "\n", ' ');
      BekalTranscriptRow *row = g_object_new (BEKAL_TYPE_TRANSCRIPT_ROW, NULL);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *time_label = gtk_label_new (time);
      GtkWidget *text = gtk_label_new (single_line);
      g_autoptr(PangoAttrList) attributes = cue_attributes (cue, 0, 0);
      g_autofree char *searched = NULL;

      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "dim-label");
      gtk_label_set_yalign (GTK_LABEL (time_label), 0);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      /* line breaks became spaces, one byte for one: the runs' offsets still hold */
      gtk_label_set_attributes (GTK_LABEL (text), attributes);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (box), time_label);
      if (speaker_changes_at (self->transcript_cues, i))
        {
          /* the speaker's name over their first line, each time the speaker changes */
          GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *speaker = gtk_label_new (cue->speaker);

          gtk_widget_add_css_class (speaker, "heading");
          gtk_widget_add_css_class (speaker, "transcript-speaker");
          gtk_label_set_xalign (GTK_LABEL (speaker), 0);
          gtk_label_set_wrap (GTK_LABEL (speaker), TRUE);
          gtk_box_append (GTK_BOX (column), speaker);
          gtk_box_append (GTK_BOX (column), text);
          gtk_widget_set_hexpand (column, TRUE);
          gtk_box_append (GTK_BOX (box), column);
        }
      else
        gtk_box_append (GTK_BOX (box), text);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* the search finds the speaker's name on every line they speak */
      searched = cue->speaker != NULL ? g_strconcat (cue->speaker, " ", single_line, NULL)
                                      : g_strdup (single_line);
      row->folded = g_utf8_casefold (searched, -1);
      gtk_list_box_append (self->transcript_list, GTK_WIDGET (row));
    }

  {
    GtkWidget *none = gtk_label_new (_("No line of the transcript matches."));

    gtk_widget_add_css_class (none, "dim-label");
    gtk_list_box_set_placeholder (self->transcript_list, none);
  }
}

void
_bekal_video_block_set_transcript_language (BekalVideoBlock *self,
                                            const char      *language)
{
  GPtrArray *cues = _bekal_video_block_cues_for (self, language);

  if (cues == NULL || cues == self->transcript_cues)
    return;
  self->transcript_cues = cues;
  _bekal_video_block_build_transcript (self);
}

static void
check_transcript_read (BekalVideoBlock *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->transcript_scroller);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (bekal_media_progress_tracker_get_transcript_read (self->progress) || self->autoscrolling
      || self->transcript_cues == NULL
      || !gtk_revealer_get_child_revealed (self->transcript_revealer)
      || gtk_adjustment_get_upper (adjustment) <= 0
      || (self->search_folded && self->search_folded[0]))
    return;

  if (gtk_adjustment_get_value (adjustment) >= end - 2)
    {
      bekal_media_progress_tracker_set_duration (self->progress,
                                                 bekal_player_get_duration (self->player));
      /* counts as done, and is saved at once */
      bekal_media_progress_tracker_set_transcript_read (self->progress,
                                                        bekal_player_get_position (self->player));
    }
}

/* Callbacks */

static void
on_subtitle_language_toggled (GtkCheckButton *button,
                              LanguageChoice *choice)
{
  if (gtk_check_button_get_active (button))
    bekal_video_block_set_subtitle_language (choice->block, choice->language);
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
  _bekal_video_block_seek_to (self, cue->start_ms);
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
on_subtitles_loaded (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GHashTable) cues_by_language = NULL;
  g_autoptr(GError) error = NULL;
  BekalVideoBlock *self;
  GHashTableIter iter;
  gpointer language, cues;

  /* cancelled: the block was disposed and must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_VIDEO_BLOCK (user_data);
  g_clear_object (&self->subtitles_cancellable);
  cues_by_language = g_task_propagate_pointer (task, &error);
  if (cues_by_language != NULL)
    {
      g_hash_table_iter_init (&iter, cues_by_language);
      while (g_hash_table_iter_next (&iter, &language, &cues))
        {
          g_hash_table_insert (self->cues_by_language, g_strdup (language), cues);
          g_hash_table_iter_steal (&iter);
          g_free (language);
        }
    }

  /* what the block would have shown had the files been read at once */
  self->subtitle_cues = _bekal_video_block_cues_for (self, self->subtitle_language);
  self->subtitle_cue = -1;
  _bekal_video_block_set_transcript_language (self, self->subtitle_language);
  for (guint i = 0; self->transcript_cues == NULL && i < bekal_media_get_n_subtitles (self->media);
       i++)
    _bekal_video_block_set_transcript_language (self,
                                                bekal_media_get_subtitles (self->media,
                                                                           i)->language);
  if (self->transcript_cues == NULL)
    _bekal_video_block_build_transcript (self);
  if (self->failed)
    gtk_widget_set_visible (self->error_transcript_button, self->transcript_cues != NULL);
  _bekal_video_block_show_subtitle (self, MAX (bekal_player_get_position (self->player), 0));
}

/* Internal API */

/* Reads every subtitle file of the item in a worker thread; until then there are no cues */
void
_bekal_video_block_load_subtitles (BekalVideoBlock *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < bekal_media_get_n_subtitles (self->media); i++)
    {
      const BekalSubtitleTrack *track = bekal_media_get_subtitles (self->media, i);

      if (track->language == NULL || track->path == NULL)
        continue;
      g_strv_builder_add (builder, track->language);
      g_strv_builder_add (builder, track->path);
    }

  self->subtitles_cancellable = g_cancellable_new ();
  /* no source object: the task must not keep a block that went away alive */
  task = g_task_new (NULL, self->subtitles_cancellable, on_subtitles_loaded, self);
  g_task_set_source_tag (task, _bekal_video_block_load_subtitles);
  g_task_set_task_data (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, load_subtitles_in_thread);
}

void
_bekal_video_block_init_transcript (BekalVideoBlock *self)
{
  g_signal_connect (self->transcript_button, "toggled", G_CALLBACK (on_transcript_toggled), self);
  g_signal_connect (self->transcript_revealer, "notify::child-revealed",
                    G_CALLBACK (on_transcript_revealed), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->transcript_scroller),
                    "value-changed", G_CALLBACK (on_transcript_scrolled), self);
  g_signal_connect (self->transcript_list, "row-activated",
                    G_CALLBACK (on_transcript_row_activated), self);
  g_signal_connect (self->transcript_search, "search-changed",
                    G_CALLBACK (on_transcript_search_changed), self);
  gtk_list_box_set_filter_func (self->transcript_list, filter_transcript_row, self, NULL);
}

/* Public API */

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
  self->subtitle_cues = _bekal_video_block_cues_for (self, language);
  self->subtitle_cue = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  /* the transcript follows the subtitles; with subtitles off it keeps its language */
  if (language)
    _bekal_video_block_set_transcript_language (self, language);
  _bekal_video_block_show_subtitle (self, MAX (bekal_player_get_position (self->player), 0));
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
