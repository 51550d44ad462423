/* test-media-util.c: media files made on the fly for the tests of the player and the probe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>

#include "test-media-util.h"

char *
test_make_h264_file (const char *dir)
{
  static const char *decoders[] = { "avdec_h264", "openh264dec", "vah264dec", "nvh264dec" };
  g_autofree char *path = g_build_filename (dir, "kamera.mkv", NULL);
  g_autofree char *description =
    g_strdup_printf ("fakesrc num-buffers=20 sizetype=fixed sizemax=200 filltype=random "
                     "datarate=2000 format=time ! video/x-h264,stream-format=avc,alignment=au,"
                     "width=320,height=240,framerate=10/1,codec_data=(buffer)"
                     "01640014ffe1000967640014acd94141fb0110000003001000000303c8f14299600100"
                     "0568ebecb22c ! matroskamux ! filesink location=\"%s\"", path);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (decoders); i++)
    {
      g_autoptr(GstPluginFeature) decoder = gst_registry_lookup_feature (gst_registry_get (),
                                                                         decoders[i]);

      if (decoder)
        return NULL;
    }

  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);

  return g_steal_pointer (&path);
}

/* Sets the frame size a JPEG file declares in its frame header (SOF) */
void
test_patch_jpeg_size (const char *path,
                      guint16     width,
                      guint16     height)
{
  g_autofree char *data = NULL;
  gsize length;
  gsize offset = 2;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  while (offset + 9 < length)
    {
      guint8 marker = (guint8) data[offset + 1];
      gsize segment = ((guint8) data[offset + 2] << 8) | (guint8) data[offset + 3];

      g_assert_cmpint ((guint8) data[offset], ==, 0xff);
      if (marker >= 0xc0 && marker <= 0xc2)
        {
          data[offset + 5] = (char) (height >> 8);
          data[offset + 6] = (char) (height & 0xff);
          data[offset + 7] = (char) (width >> 8);
          data[offset + 8] = (char) (width & 0xff);
          g_assert_true (g_file_set_contents (path, data, length, NULL));
          return;
        }
      offset += 2 + segment;
    }
  g_assert_not_reached ();
}

/* Muxes three copies of @jpeg into a Matroska file whose track declares @width × @height */
void
test_make_mjpeg_mkv (const char *jpeg,
                     const char *mkv,
                     int         width,
                     int         height)
{
  g_autofree char *description = NULL;
  g_autofree char *frame = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) source = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (jpeg, &frame, &length, NULL));
  description = g_strdup_printf ("appsrc name=source format=time ! matroskamux ! "
                                 "filesink location=\"%s\"", mkv);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  caps = gst_caps_new_simple ("image/jpeg", "width", G_TYPE_INT, width, "height", G_TYPE_INT,
                              height, "framerate", GST_TYPE_FRACTION, 1, 1, NULL);
  g_object_set (source, "caps", caps, NULL);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GstBuffer) buffer = gst_buffer_new_memdup (frame, length);
      GstFlowReturn flow = GST_FLOW_ERROR;

      GST_BUFFER_PTS (buffer) = i * GST_SECOND;
      GST_BUFFER_DURATION (buffer) = GST_SECOND;
      /* the action signals: no link to the app library for one fixture */
      g_signal_emit_by_name (source, "push-buffer", buffer, &flow);
      g_assert_cmpint (flow, ==, GST_FLOW_OK);
    }
  g_signal_emit_by_name (source, "end-of-stream", &(GstFlowReturn) { GST_FLOW_OK });

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}
