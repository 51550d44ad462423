/* bekal-video-block-chapters.c: the video block's chapter list and marks on the seek bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-video-block-private.h"

void
_bekal_video_block_build_chapters (BekalVideoBlock *self)
{
  guint n = bekal_media_get_n_chapters (self->media);

  for (guint i = 0; i < n; i++)
    {
      const BekalChapter *chapter = bekal_media_get_chapter (self->media, i);
      g_autofree char *time = _bekal_video_block_format_time (chapter->at_ms);
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

void
_bekal_video_block_add_chapter_marks (BekalVideoBlock *self)
{
  gtk_scale_clear_marks (self->seek_scale);
  for (guint i = 0; i < bekal_media_get_n_chapters (self->media); i++)
    {
      const BekalChapter *chapter = bekal_media_get_chapter (self->media, i);

      if (chapter->at_ms > 0)
        gtk_scale_add_mark (self->seek_scale, chapter->at_ms / 1000.0, GTK_POS_TOP, NULL);
    }
}

/* Callbacks */

static void
on_chapter_activated (GtkListBox      *list,
                      GtkListBoxRow   *row,
                      BekalVideoBlock *self)
{
  const BekalChapter *chapter = bekal_media_get_chapter (self->media,
                                                         gtk_list_box_row_get_index (row));

  _bekal_video_block_seek_to (self, chapter->at_ms);
}

/* Internal API */

void
_bekal_video_block_init_chapters (BekalVideoBlock *self)
{
  g_signal_connect (self->chapters_list, "row-activated", G_CALLBACK (on_chapter_activated), self);
}
