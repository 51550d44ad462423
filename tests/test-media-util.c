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
