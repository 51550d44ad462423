/* bekal-subtitles.c: subtitle files (WebVTT, SubRip) read through GStreamer's subparse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include <bekal/bekal-subtitles.h>

/* Parsing a subtitle file takes milliseconds; this only guards against a stuck pipeline */
#define LOAD_TIMEOUT (20 * GST_SECOND)

typedef struct
{
  GMutex     lock;
  GPtrArray *cues;
} Collector;

static GPtrArray *bekal_subtitles_new_array (void);

G_DEFINE_QUARK (bekal-subtitles-error-quark, bekal_subtitles_error)

/* Helpers */

static GPtrArray *
bekal_subtitles_new_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_cue_free);
}

static void
collect_markup_text (GMarkupParseContext  *context,
                     const char           *text,
                     gsize                 text_len,
                     gpointer              user_data,
                     GError              **error)
{
  g_string_append_len (user_data, text, text_len);
}

/* subparse gives Pango markup (<i>, <b>, &amp;); the transcript and the overlay want text */
static char *
markup_to_plain (const char *markup,
                 gsize       length)
{
  static const GMarkupParser parser = { NULL, NULL, collect_markup_text, NULL, NULL };
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) wrapped = g_string_new ("<cue>");
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *stripped = NULL;

  g_string_append_len (wrapped, markup, length);
  g_string_append (wrapped, "</cue>");
  context = g_markup_parse_context_new (&parser, 0, plain, NULL);

  if (!g_markup_parse_context_parse (context, wrapped->str, wrapped->len, NULL)
      || !g_markup_parse_context_end_parse (context, NULL))
    {
      /* not well-formed markup: keep the text as written rather than lose the cue */
      g_string_truncate (plain, 0);
      g_string_append_len (plain, markup, length);
    }

  stripped = g_strstrip (g_strdup (plain->str));
  return g_utf8_make_valid (stripped, -1);
}

static int
compare_cues (gconstpointer a,
              gconstpointer b)
{
  const BekalCue *cue_a = *(const BekalCue * const *) a;
  const BekalCue *cue_b = *(const BekalCue * const *) b;

  if (cue_a->start_ms != cue_b->start_ms)
    return cue_a->start_ms < cue_b->start_ms ? -1 : 1;
  return 0;
}

/* Callbacks */

static void
on_handoff (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            gpointer    user_data)
{
  Collector *collector = user_data;
  GstMapInfo map;
  BekalCue *cue;

  if (!GST_BUFFER_PTS_IS_VALID (buffer) || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;

  cue = g_new0 (BekalCue, 1);
  cue->start_ms = (gint64) (GST_BUFFER_PTS (buffer) / GST_MSECOND);
  cue->end_ms = GST_BUFFER_DURATION_IS_VALID (buffer)
                ? (gint64) ((GST_BUFFER_PTS (buffer) + GST_BUFFER_DURATION (buffer)) / GST_MSECOND)
                : cue->start_ms;
  cue->text = markup_to_plain ((const char *) map.data, map.size);
  gst_buffer_unmap (buffer, &map);

  if (cue->text[0] == '\0')
    {
      bekal_cue_free (cue);
      return;
    }

  g_mutex_lock (&collector->lock);
  g_ptr_array_add (collector->cues, cue);
  g_mutex_unlock (&collector->lock);
}

/* Public API */

void
bekal_cue_free (BekalCue *cue)
{
  if (cue == NULL)
    return;
  g_free (cue->text);
  g_free (cue);
}

GPtrArray *
bekal_subtitles_load (const char  *path,
                      GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autofree char *display_name = NULL;
  GstElement *source, *parser, *sink;
  GStatBuf info;
  Collector collector;
  GPtrArray *result = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_name (path);

  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_NOT_FOUND,
                   _("The subtitle file “%s” was not found."), display_name);
      return NULL;
    }
  if (info.st_size > BEKAL_SUBTITLES_MAX_FILE_SIZE)
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_TOO_LARGE,
                   _("The subtitle file “%s” is too large (%lld bytes) to be a subtitle file."),
                   display_name, (long long) info.st_size);
      return NULL;
    }

  if (!gst_is_initialized () && !gst_init_check (NULL, NULL, error))
    return NULL;

  pipeline = gst_object_ref_sink (gst_pipeline_new ("subtitles"));
  source = gst_element_factory_make ("filesrc", NULL);
  parser = gst_element_factory_make ("subparse", NULL);
  sink = gst_element_factory_make ("fakesink", NULL);
  if (source == NULL || parser == NULL || sink == NULL)
    {
      g_clear_object (&source);
      g_clear_object (&parser);
      g_clear_object (&sink);
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID,
                   _("Subtitles cannot be read: the GStreamer subparse element is missing. "
                     "Install the package gstreamer1.0-plugins-base."));
      return NULL;
    }

  g_object_set (source, "location", path, NULL);
  g_object_set (sink, "signal-handoffs", TRUE, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), source, parser, sink, NULL);
  if (!gst_element_link_many (source, parser, sink, NULL))
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID,
                   _("The subtitle file “%s” cannot be read."), display_name);
      return NULL;
    }

  g_mutex_init (&collector.lock);
  collector.cues = bekal_subtitles_new_array ();
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), &collector);

  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE)
    message = gst_bus_timed_pop_filtered (bus, LOAD_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (message == NULL || GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      if (message)
        gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID,
                   _("“%s” is not a subtitle file that can be read (WebVTT or SubRip): %s"),
                   display_name, gst_error ? gst_error->message : _("reading took too long"));
    }
  else if (collector.cues->len == 0)
    g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_EMPTY,
                 _("The subtitle file “%s” holds no cue that can be read. Check that every cue "
                   "has a time line such as “00:00:01.000 --> 00:00:04.000”."), display_name);
  else
    {
      g_ptr_array_sort (collector.cues, compare_cues);
      result = g_ptr_array_ref (collector.cues);
    }

  g_ptr_array_unref (collector.cues);
  g_mutex_clear (&collector.lock);

  return result;
}

int
bekal_subtitles_find_cue (GPtrArray *cues,
                          gint64     position_ms)
{
  int found = -1;

  g_return_val_if_fail (cues != NULL, -1);

  /* cues may overlap; the latest one that started wins, as on screen */
  for (guint i = 0; i < cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (cues, i);

      if (cue->start_ms > position_ms)
        break;
      if (position_ms < cue->end_ms)
        found = (int) i;
    }

  return found;
}

gint64
bekal_subtitles_get_end (GPtrArray *cues)
{
  gint64 end = 0;

  g_return_val_if_fail (cues != NULL, 0);

  for (guint i = 0; i < cues->len; i++)
    end = MAX (end, ((const BekalCue *) g_ptr_array_index (cues, i))->end_ms);

  return end;
}
