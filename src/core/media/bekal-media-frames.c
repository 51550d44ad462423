/* bekal-media-frames.c: the size of a video's pictures, found before anything decodes them
 *
 * A decoder allocates what a stream declares: a Matroska file whose track or whose first
 * frame claims 30 000 × 30 000 pixels makes it ask for gigabytes. The container's caps and
 * the first frame's own header (VP8 key frames, Motion-JPEG frames, Theora's identification
 * header) are read here, from the demuxer's output, and a picture wider or taller than
 * BEKAL_IMAGE_MAX_SIDE is refused before a decoder sees it. The media probe does this in a
 * pipeline of its own (parsebin and fake sinks) before GstDiscoverer; the player does it with
 * a pad probe in front of its video decoder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/gst.h>

#include <bekal/bekal-image-check.h>
#include <bekal/bekal-media-probe.h>

#include "bekal-media-private.h"

typedef struct
{
  GMutex      lock;
  GError     *refusal;       /* the first stream refused */
  char       *name;
  GstElement *pipeline;
  guint       n_streams;     /* linked to a sink */
  guint       n_seen;        /* whose first frame was checked */
  gboolean    all_exposed;   /* parsebin said no more pads */
} StreamCheck;

/* Posted when one more stream's first frame was checked */
#define FRAME_CHECKED "bekal-frame-checked"


static gboolean
refuse_size (const char  *name,
             guint64      width,
             guint64      height,
             GError     **error)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
               _("The pictures of “%s” are %d×%d pixels; Bekal plays video up to %d×%d. "
                 "Convert it to at most 1920×1080 (see media/README.md)."),
               name, (int) MIN (width, G_MAXINT32), (int) MIN (height, G_MAXINT32),
               BEKAL_IMAGE_MAX_SIDE, BEKAL_IMAGE_MAX_SIDE);
  return FALSE;
}

static gboolean
check_size (const char  *name,
            guint64      width,
            guint64      height,
            GError     **error)
{
  if (width > BEKAL_IMAGE_MAX_SIDE || height > BEKAL_IMAGE_MAX_SIDE)
    return refuse_size (name, width, height, error);
  return TRUE;
}

/* A VP8 key frame: a 3-byte tag whose lowest bit is 0, the start code 9d 01 2a, then 14-bit
 * width and height (RFC 6386, 9.1) */
static gboolean
check_vp8 (const char   *name,
           const guint8 *data,
           gsize         length,
           GError      **error)
{
  if (length < 10 || (data[0] & 1) != 0 || data[3] != 0x9d || data[4] != 0x01 || data[5] != 0x2a)
    return TRUE; /* an inter frame carries no size: the key frame before it was checked */

  return check_size (name, (data[6] | data[7] << 8) & 0x3fff, (data[8] | data[9] << 8) & 0x3fff,
                     error);
}

/* Theora's identification header (the first of the stream headers): 0x80 "theora", the
 * version, then the frame size in 16-pixel macroblocks */
static gboolean
check_theora_headers (const char    *name,
                      GstStructure  *structure,
                      GError       **error)
{
  const GValue *headers = gst_structure_get_value (structure, "streamheader");

  if (headers == NULL || !GST_VALUE_HOLDS_ARRAY (headers))
    return TRUE;

  for (guint i = 0; i < gst_value_array_get_size (headers); i++)
    {
      const GValue *value = gst_value_array_get_value (headers, i);
      GstBuffer *buffer = G_VALUE_HOLDS (value, GST_TYPE_BUFFER) ? gst_value_get_buffer (value)
                                                                : NULL;
      GstMapInfo map;
      gboolean ok = TRUE;

      if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
        continue;
      if (map.size >= 14 && map.data[0] == 0x80 && memcmp (map.data + 1, "theora", 6) == 0)
        ok = check_size (name, (guint64) ((map.data[10] << 8) | map.data[11]) * 16,
                         (guint64) ((map.data[12] << 8) | map.data[13]) * 16, error);
      gst_buffer_unmap (buffer, &map);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

gboolean
bekal_media_check_frame (const char  *name,
                         GstCaps     *caps,
                         GstBuffer   *buffer,
                         GError     **error)
{
  GstStructure *structure;
  const char *media_type;
  int width = 0;
  int height = 0;
  GstMapInfo map;
  gboolean ok = TRUE;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (caps == NULL || gst_caps_get_size (caps) == 0)
    return TRUE;

  structure = gst_caps_get_structure (caps, 0);
  media_type = gst_structure_get_name (structure);
  if (!g_str_has_prefix (media_type, "video/") && !g_str_equal (media_type, "image/jpeg"))
    return TRUE;

  /* what the container declares (negative values are no size at all) */
  if (gst_structure_get_int (structure, "width", &width)
      && gst_structure_get_int (structure, "height", &height)
      && (width < 0 || height < 0 || !check_size (name, width, height, error)))
    return width < 0 || height < 0 ? refuse_size (name, G_MAXINT32, G_MAXINT32, error) : FALSE;

  if (g_str_equal (media_type, "video/x-theora")
      && !check_theora_headers (name, structure, error))
    return FALSE;

  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return TRUE;

  if (g_str_equal (media_type, "video/x-vp8"))
    ok = check_vp8 (name, map.data, map.size, error);
  else if (g_str_equal (media_type, "image/jpeg"))
    {
      guint64 jpeg_width = 0;
      guint64 jpeg_height = 0;
      g_autoptr(GError) damaged = NULL;

      /* a damaged frame is the decoder's to skip; only a declared size is refused here */
      if (bekal_image_jpeg_frame_size (name, map.data, map.size, &jpeg_width, &jpeg_height,
                                       &damaged) || jpeg_width > 0)
        ok = check_size (name, jpeg_width, jpeg_height, error);
    }
  gst_buffer_unmap (buffer, &map);

  return ok;
}

/* The probe's own pipeline */

static void
on_handoff (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            gpointer    user_data)
{
  StreamCheck *check = user_data;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GError) refusal = NULL;

  /* the first frame of each stream is enough: its header declares the size */
  if (g_object_get_data (G_OBJECT (sink), FRAME_CHECKED) != NULL)
    return;
  g_object_set_data (G_OBJECT (sink), FRAME_CHECKED, GINT_TO_POINTER (1));

  caps = gst_pad_get_current_caps (pad);
  bekal_media_check_frame (check->name, caps, buffer, &refusal);

  g_mutex_lock (&check->lock);
  if (refusal != NULL && check->refusal == NULL)
    check->refusal = g_steal_pointer (&refusal);
  check->n_seen++;
  g_mutex_unlock (&check->lock);

  gst_element_post_message (sink, gst_message_new_application (GST_OBJECT (sink),
                                                               gst_structure_new_empty (
                                                                 FRAME_CHECKED)));
}

static void
on_no_more_pads (GstElement *parsebin,
                 gpointer    user_data)
{
  StreamCheck *check = user_data;

  g_mutex_lock (&check->lock);
  check->all_exposed = TRUE;
  g_mutex_unlock (&check->lock);
  gst_element_post_message (parsebin, gst_message_new_application (GST_OBJECT (parsebin),
                                                                   gst_structure_new_empty (
                                                                     FRAME_CHECKED)));
}

static gboolean
all_checked (StreamCheck *check)
{
  gboolean done;

  g_mutex_lock (&check->lock);
  done = check->refusal != NULL
         || (check->all_exposed && check->n_streams > 0 && check->n_seen >= check->n_streams);
  g_mutex_unlock (&check->lock);

  return done;
}

static void
on_pad_added (GstElement *parsebin,
              GstPad     *pad,
              gpointer    user_data)
{
  StreamCheck *check = user_data;
  GstElement *pipeline = GST_ELEMENT (gst_element_get_parent (parsebin));
  GstElement *queue = gst_element_factory_make ("queue", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr(GstPad) queue_pad = NULL;

  if (pipeline == NULL || queue == NULL || sink == NULL)
    {
      g_clear_object (&queue);
      g_clear_object (&sink);
      gst_clear_object (&pipeline);
      return;
    }

  /* a queue per stream: a sink holding its first frame must not stop the demuxer from
   * reaching the other streams' first frames */
  g_object_set (sink, "signal-handoffs", TRUE, "sync", FALSE, "async", FALSE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), check);
  g_mutex_lock (&check->lock);
  check->n_streams++;
  g_mutex_unlock (&check->lock);
  gst_bin_add_many (GST_BIN (pipeline), queue, sink, NULL);
  gst_element_link (queue, sink);
  queue_pad = gst_element_get_static_pad (queue, "sink");
  gst_pad_link (pad, queue_pad);
  gst_element_sync_state_with_parent (sink);
  gst_element_sync_state_with_parent (queue);
  gst_object_unref (pipeline);
}

gboolean
bekal_media_check_streams (const char  *path,
                           guint        timeout_seconds,
                           GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *display_name = g_filename_display_name (path);
  GstElement *source;
  GstElement *parsebin;
  StreamCheck check = { 0 };
  gint64 deadline;

  if (!gst_is_initialized () && !gst_init_check (NULL, NULL, error))
    return FALSE;

  pipeline = gst_pipeline_new (NULL);
  source = gst_element_factory_make ("filesrc", NULL);
  parsebin = gst_element_factory_make ("parsebin", NULL);
  if (source == NULL || parsebin == NULL)
    {
      /* without parsebin (an incomplete GStreamer) the discoverer still says what is missing */
      g_clear_object (&source);
      g_clear_object (&parsebin);
      return TRUE;
    }

  g_mutex_init (&check.lock);
  check.name = display_name;
  g_object_set (source, "location", path, NULL);
  gst_bin_add_many (GST_BIN (pipeline), source, parsebin, NULL);
  gst_element_link (source, parsebin);
  g_signal_connect (parsebin, "pad-added", G_CALLBACK (on_pad_added), &check);

  g_signal_connect (parsebin, "no-more-pads", G_CALLBACK (on_no_more_pads), &check);

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  /* until every stream's first frame was checked, a refusal, an error (a codec parsebin
   * cannot parse is left to the discoverer, which says what is missing) or the end; out of
   * time, the discoverer's own limit and message apply */
  deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  while (!all_checked (&check))
    {
      gint64 left = deadline - g_get_monotonic_time ();
      g_autoptr(GstMessage) message = NULL;

      if (left <= 0)
        break;
      message = gst_bus_timed_pop_filtered (bus, (GstClockTime) left * GST_USECOND,
                                            GST_MESSAGE_APPLICATION | GST_MESSAGE_ERROR
                                            | GST_MESSAGE_EOS);
      if (message == NULL || GST_MESSAGE_TYPE (message) != GST_MESSAGE_APPLICATION)
        break;
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_signal_handlers_disconnect_by_data (parsebin, &check);

  g_mutex_clear (&check.lock);
  if (check.refusal != NULL)
    {
      g_propagate_error (error, check.refusal);
      return FALSE;
    }

  return TRUE;
}
