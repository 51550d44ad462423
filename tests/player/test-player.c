/* test-player.c: the playback engine without a display: playing, seeking, rates, failures
 * and stalls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include <bekal/bekal-media-probe.h>

#include "bekal-player.h"
#include "bekal-player-private.h"
#include "fifo-writer.h"
#include "test-media-util.h"

/* Only a guard against a hung pipeline; no assertion depends on it */
#define WAIT_LIMIT_US (90 * G_USEC_PER_SEC)
/* A generous bound for playing a part of a clip and noticing that it stalled */
#define STALL_LIMIT_US (30 * G_USEC_PER_SEC)
/* The stall timeout of the tests */
#define TEST_STALL_TIMEOUT_MS 1000

typedef struct
{
  char        *tmp_dir;
  BekalPlayer *player;
} Fixture;

/* Looks at the position from a main loop timeout: how many looks in a row found it still */
typedef struct
{
  BekalPlayer *player;
  gint64       position;
  guint        n_still;
} LoopProbe;

/* Helpers */

static char *
media_path (const char *name)
{
  return g_build_filename (BEKAL_SOURCE_ROOT, "media", name, NULL);
}

static gboolean
wait_until_state_within (BekalPlayer      *player,
                         BekalPlayerState  state,
                         gint64            limit_us)
{
  gint64 limit = g_get_monotonic_time () + limit_us;

  while (bekal_player_get_state (player) != state && g_get_monotonic_time () < limit)
    {
      if (bekal_player_get_state (player) == BEKAL_PLAYER_STATE_FAILED
          || bekal_player_get_state (player) == BEKAL_PLAYER_STATE_ENDED)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  if (bekal_player_get_state (player) != state && bekal_player_get_error (player))
    g_test_message ("player failed: %s", bekal_player_get_error (player)->message);

  return bekal_player_get_state (player) == state;
}

static gboolean
wait_until_state (BekalPlayer      *player,
                  BekalPlayerState  state)
{
  return wait_until_state_within (player, state, WAIT_LIMIT_US);
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

static gboolean
wait_for_position (BekalPlayer *player,
                   gint64       at_least_ms)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (bekal_player_get_position (player) < at_least_ms && g_get_monotonic_time () < limit
         && bekal_player_get_state (player) != BEKAL_PLAYER_STATE_FAILED
         && bekal_player_get_state (player) != BEKAL_PLAYER_STATE_ENDED)
    iterate_for (20);

  return bekal_player_get_position (player) >= at_least_ms;
}

static gboolean
wait_for_new_frame (BekalPlayer *player,
                    guint64      after)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (bekal_player_get_n_frames (player) <= after && g_get_monotonic_time () < limit)
    iterate_for (10);
  /* let the frame reach the main thread */
  iterate_for (20);

  return bekal_player_get_n_frames (player) > after;
}

/* A short WebM clip with non-square pixels (2:1), made with the installed encoders */
static char *
make_clip (const char *dir,
           const char *name,
           const char *video_caps)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *description =
    g_strdup_printf ("webmmux name=mux ! filesink location=\"%s\" "
                     "videotestsrc num-buffers=30 ! %s ! vp8enc deadline=1 ! mux. "
                     "audiotestsrc num-buffers=150 samplesperbuffer=960 ! "
                     "audio/x-raw,rate=48000,channels=1 ! opusenc ! mux.",
                     path, video_caps);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);

  return g_steal_pointer (&path);
}

static gboolean
on_probe_tick (gpointer user_data)
{
  LoopProbe *probe = user_data;
  gint64 position = bekal_player_get_position (probe->player);

  if (position == probe->position)
    probe->n_still++;
  else
    probe->n_still = 0;
  probe->position = position;

  return G_SOURCE_CONTINUE;
}

/* Waits until everything the writer wrote was played and the position stands still */
static gboolean
wait_for_stand_still (BekalPlayer *player,
                      FifoWriter  *writer)
{
  LoopProbe probe = { player, -1, 0 };
  gint64 limit = g_get_monotonic_time () + STALL_LIMIT_US;
  guint probe_id = g_timeout_add (50, on_probe_tick, &probe);
  gboolean still = FALSE;

  /* 2 s without a move: 4 looks of the player's watchdog at its slowest */
  while (!still && bekal_player_get_state (player) == BEKAL_PLAYER_STATE_PLAYING
         && g_get_monotonic_time () < limit)
    {
      g_main_context_iteration (NULL, TRUE);
      still = probe.n_still >= 40
              && fifo_writer_get_written (writer) == fifo_writer_get_length (writer);
    }
  g_source_remove (probe_id);

  return still && bekal_player_get_state (player) == BEKAL_PLAYER_STATE_PLAYING;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp_dir = g_dir_make_tmp ("bekal-player-XXXXXX", NULL);
  g_assert_nonnull (fixture->tmp_dir);
  fixture->player = bekal_player_new ();
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->player);
  /* let idle callbacks holding references run */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  remove_dir (fixture->tmp_dir);
  g_free (fixture->tmp_dir);
}

/* Tests */

static void
test_play_to_end (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *clip = make_clip (fixture->tmp_dir, "par.webm",
                                     "video/x-raw,width=320,height=180,framerate=10/1,"
                                     "pixel-aspect-ratio=2/1");
  g_autoptr(GError) error = NULL;
  GdkPaintable *paintable = bekal_player_get_paintable (fixture->player);

  g_assert_true (bekal_player_open (fixture->player, clip, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  g_assert_true (bekal_player_has_video (fixture->player));
  g_assert_cmpint (bekal_player_get_duration (fixture->player), >=, 2900);
  g_assert_cmpint (bekal_player_get_duration (fixture->player), <=, 3200);

  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_ENDED));
  g_assert_cmpint (bekal_player_get_position (fixture->player), ==,
                   bekal_player_get_duration (fixture->player));

  /* every frame went through the sink as a texture; the last one is shown */
  g_assert_cmpuint (bekal_player_get_n_frames (fixture->player), >=, 30);
  iterate_for (50);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 180);
  /* 320 pixels twice as wide as high are shown 640 wide */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 640);
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (paintable),
                                  640.0 / 180.0, 0.01);

  /* playing again starts over */
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  g_assert_cmpint (bekal_player_get_position (fixture->player), <, 2000);
}

/* A red picture comes out red: the pixel layout handed to GDK matches the negotiated format */
static void
test_colours (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *red = g_build_filename (fixture->tmp_dir, "merah-pola.webm", NULL);
  g_autoptr(GdkPaintable) image = NULL;
  g_autofree guchar *pixels = g_malloc (64 * 48 * 4);
  const guchar *centre;

  {
    g_autofree char *description =
      g_strdup_printf ("videotestsrc pattern=red num-buffers=10 ! "
                       "video/x-raw,width=64,height=48,framerate=10/1 ! vp8enc ! webmmux ! "
                       "filesink location=\"%s\"", red);
    g_autoptr(GstElement) pipeline = gst_parse_launch (description, NULL);
    g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
    g_autoptr(GstMessage) message = NULL;

    gst_element_set_state (pipeline, GST_STATE_PLAYING);
    message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
                                          GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
    gst_element_set_state (pipeline, GST_STATE_NULL);
    g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  }

  g_assert_true (bekal_player_open (fixture->player, red, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  iterate_for (50);
  image = gdk_paintable_get_current_image (bekal_player_get_paintable (fixture->player));
  g_assert_true (GDK_IS_TEXTURE (image));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (image)), ==, 64);

  /* gdk_texture_download() gives Cairo's ARGB32: B, G, R, A in memory on little-endian */
  gdk_texture_download (GDK_TEXTURE (image), pixels, 64 * 4);
  centre = pixels + (24 * 64 + 32) * 4;
  g_assert_cmpuint (centre[2], >, 200);
  g_assert_cmpuint (centre[1], <, 60);
  g_assert_cmpuint (centre[0], <, 60);
  g_assert_cmpuint (centre[3], ==, 255);
}

static void
test_seek_accuracy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-01-orientasi.webm");
  const gint64 targets[] = { 12345, 3210, 27777, 500 };

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      guint64 frames = bekal_player_get_n_frames (fixture->player);
      gint64 position;

      bekal_player_seek (fixture->player, targets[i]);
      g_assert_true (wait_for_new_frame (fixture->player, frames));
      position = bekal_player_get_position (fixture->player);
      g_test_message ("seek to %" G_GINT64_FORMAT " ms: at %" G_GINT64_FORMAT " ms", targets[i],
                      position);
      g_assert_cmpint (ABS (position - targets[i]), <=, 100);
    }

  /* playing continues from there */
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  g_assert_true (wait_for_position (fixture->player, 700));
}

static void
test_seek_before_ready (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-02-ekstremisme.webm");

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_seek (fixture->player, 20000);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  iterate_for (200);
  g_assert_cmpint (ABS (bekal_player_get_position (fixture->player) - 20000), <=, 100);
}

static void
test_pause_resume (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-03-trauma.webm");
  gint64 paused_at;

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  g_assert_true (wait_for_position (fixture->player, 400));

  bekal_player_pause (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  iterate_for (100);
  paused_at = bekal_player_get_position (fixture->player);
  iterate_for (600);
  /* paused means the position stands still */
  g_assert_cmpint (bekal_player_get_position (fixture->player), ==, paused_at);

  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  g_assert_true (wait_for_position (fixture->player, paused_at + 300));
  g_assert_cmpint (bekal_player_get_position (fixture->player), >, paused_at);
}

static void
test_rate (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-04-reintegrasi.webm");
  gint64 before;

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  g_assert_cmpfloat (bekal_player_query_rate (fixture->player), ==, 1.0);

  bekal_player_play (fixture->player);
  g_assert_true (wait_for_position (fixture->player, 500));
  before = bekal_player_get_position (fixture->player);

  bekal_player_set_rate (fixture->player, 1.5);
  g_assert_cmpfloat (bekal_player_get_rate (fixture->player), ==, 1.5);
  iterate_for (300);
  g_assert_cmpfloat_with_epsilon (bekal_player_query_rate (fixture->player), 1.5, 0.001);
  /* the rate change does not jump back */
  g_assert_cmpint (bekal_player_get_position (fixture->player), >=, before);
  g_assert_true (wait_for_position (fixture->player, before + 500));

  bekal_player_set_rate (fixture->player, 0.75);
  iterate_for (300);
  g_assert_cmpfloat_with_epsilon (bekal_player_query_rate (fixture->player), 0.75, 0.001);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_PLAYING);

  /* out of range values are clamped */
  bekal_player_set_rate (fixture->player, 10.0);
  g_assert_cmpfloat (bekal_player_get_rate (fixture->player), ==, BEKAL_PLAYER_MAX_RATE);
}

static void
test_audio_only (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-podcast-01.ogg");

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  g_assert_false (bekal_player_has_video (fixture->player));
  g_assert_cmpint (ABS (bekal_player_get_duration (fixture->player) - 38100), <=, 100);

  bekal_player_set_volume (fixture->player, 0.5);
  bekal_player_set_muted (fixture->player, TRUE);
  g_assert_true (bekal_player_get_muted (fixture->player));
  g_assert_cmpfloat (bekal_player_get_volume (fixture->player), ==, 0.5);

  bekal_player_seek (fixture->player, 37000);
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_ENDED));
  g_assert_cmpuint (bekal_player_get_n_frames (fixture->player), ==, 0);
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "wawancara-hilang.webm", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (bekal_player_open (fixture->player, path, &error));
  g_assert_error (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_NOT_FOUND);
  /* the trainer learns which file to copy */
  g_assert_nonnull (strstr (error->message, "wawancara-hilang.webm"));
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_FAILED);
  g_assert_error (bekal_player_get_error (fixture->player), BEKAL_PLAYER_ERROR,
                  BEKAL_PLAYER_ERROR_NOT_FOUND);

  /* nothing happens afterwards */
  bekal_player_play (fixture->player);
  bekal_player_seek (fixture->player, 1000);
  iterate_for (100);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_FAILED);
}

static void
test_missing_codec (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-05-manajemen-kasus.webm");
  g_autoptr(GstPluginFeature) vp8dec = gst_registry_lookup_feature (gst_registry_get (), "vp8dec");
  const char * const *packages;
  const GError *error;
  guint rank;

  g_assert_nonnull (vp8dec);
  /* as with GST_PLUGIN_FEATURE_RANK=vp8dec:0: the decoder is there but never chosen */
  rank = gst_plugin_feature_get_rank (vp8dec);
  gst_plugin_feature_set_rank (vp8dec, GST_RANK_NONE);

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  gst_plugin_feature_set_rank (vp8dec, rank);

  error = bekal_player_get_error (fixture->player);
  g_assert_error (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_MISSING_PLUGIN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "VP8"));
  g_assert_nonnull (strstr (error->message, "gstreamer1.0-plugins-good"));
  packages = bekal_player_get_missing_packages (fixture->player);
  g_assert_true (g_strv_contains (packages, "gstreamer1.0-plugins-good"));

  /* the same file plays again once the decoder is back */
  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
}

static void
test_missing_h264_decoder (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = test_make_h264_file (fixture->tmp_dir);
  const GError *error;

  if (path == NULL)
    {
      g_test_skip ("an H.264 decoder is installed");
      return;
    }

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  error = bekal_player_get_error (fixture->player);
  g_test_message ("%s", error->message);
  g_assert_error (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_MISSING_PLUGIN);
  g_assert_nonnull (strstr (error->message, "H.264"));
  g_assert_nonnull (strstr (error->message, "gstreamer1.0-libav"));
  g_assert_true (g_strv_contains (bekal_player_get_missing_packages (fixture->player),
                                  "gstreamer1.0-libav"));
}

static void
test_package_table (void)
{
  g_assert_cmpstr (bekal_media_package_for_detail ("gstreamer|1.0|bekal|H.264 decoder|"
                                                   "decoder-video/x-h264, level=(string)3"),
                   ==, "gstreamer1.0-libav");
  g_assert_cmpstr (bekal_media_package_for_detail ("decoder-audio/mpeg, mpegversion=(int)4"),
                   ==, "gstreamer1.0-libav");
  g_assert_cmpstr (bekal_media_package_for_detail ("decoder-audio/mpeg, mpegversion=(int)1, "
                                                   "layer=(int)3"),
                   ==, "gstreamer1.0-plugins-good");
  g_assert_cmpstr (bekal_media_package_for_detail ("video/x-vp9"), ==,
                   "gstreamer1.0-plugins-good");
  g_assert_cmpstr (bekal_media_package_for_detail ("gstreamer|1.0|x|y|element-vp8dec"), ==,
                   "gstreamer1.0-plugins-good");
  g_assert_null (bekal_media_package_for_detail ("decoder-video/x-unheard-of"));
  g_assert_null (bekal_media_package_for_detail ("decoder-,,,"));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = media_path ("sampel-06-perawatan-diri.webm");
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "terpotong.webm", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const GError *error;

  /* the first quarter: a copy interrupted halfway through a USB transfer */
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 4, NULL));

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  /* at double speed, which also checks that the rate does not hide the cut */
  bekal_player_set_rate (fixture->player, 2.0);
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  error = bekal_player_get_error (fixture->player);
  g_test_message ("%s", error->message);
  g_assert_error (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "terpotong.webm"));
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "rusak.webm", NULL);
  g_autofree char *noise = g_malloc (8192);
  const GError *error;

  for (gsize i = 0; i < 8192; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, noise, 8192, NULL));

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  error = bekal_player_get_error (fixture->player);
  g_test_message ("%s", error->message);
  g_assert_error (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_DAMAGED);

  /* the same player still plays a good file afterwards */
  {
    g_autofree char *good = media_path ("sampel-01-orientasi.webm");

    g_assert_true (bekal_player_open (fixture->player, good, NULL));
    g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  }
}

/* Lets the FIFO's reader go on, then waits until every stalled pipeline has been shut down */
static void
finish_writer_and_wait (FifoWriter *writer)
{
  fifo_writer_finish (writer);
  bekal_player_wait_for_releases ();
  g_assert_cmpuint (bekal_player_count_pending_releases (), ==, 0);
}

static void
test_stall (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *source = media_path ("sampel-01-orientasi.webm");
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "flashdisk.webm", NULL);
  g_autofree char *good = media_path ("sampel-02-ekstremisme.webm");
  FifoWriter *writer = fifo_writer_new (path, source, 0.25);
  LoopProbe probe = { fixture->player, -1, 0 };
  g_autoptr(GError) error = NULL;
  const GError *failure;
  gint64 stalled_at;
  guint probe_id;

  bekal_player_set_stall_timeout (fixture->player, TEST_STALL_TIMEOUT_MS);
  g_assert_true (bekal_player_open (fixture->player, path, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));

  probe_id = g_timeout_add (50, on_probe_tick, &probe);
  g_assert_true (wait_until_state_within (fixture->player, BEKAL_PLAYER_STATE_FAILED,
                                          STALL_LIMIT_US));
  g_source_remove (probe_id);

  failure = bekal_player_get_error (fixture->player);
  g_test_message ("%s", failure->message);
  g_assert_error (failure, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_STALLED);
  g_assert_nonnull (strstr (failure->message, "flashdisk.webm"));
  /* it played what the writer wrote, and stopped where the writer stopped */
  g_assert_cmpuint (fifo_writer_get_written (writer), ==, fifo_writer_get_length (writer));
  stalled_at = bekal_player_get_position (fixture->player);
  g_test_message ("stalled at %" G_GINT64_FORMAT " ms", stalled_at);
  g_assert_cmpint (stalled_at, >, 1000);
  /* the main loop ran on while the position stood still, until the stall was reported */
  g_assert_cmpuint (probe.n_still, >=, 5);

  /* the read still hangs; neither closing, opening another file nor the last unref waits */
  g_assert_cmpuint (bekal_player_count_pending_releases (), ==, 1);
  bekal_player_close (fixture->player);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_EMPTY);
  g_assert_true (bekal_player_open (fixture->player, good, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  g_clear_object (&fixture->player);
  g_assert_cmpuint (bekal_player_count_pending_releases (), ==, 1);

  /* the stick answers again: the read returns and the stalled pipeline goes away */
  finish_writer_and_wait (writer);
}

/* Closing before the stall is reported does not wait for the read either, also when the
 * learner paused the frozen picture first */
static void
test_stall_close_early (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *source = media_path ("sampel-03-trauma.webm");
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "folder-jaringan.webm", NULL);
  FifoWriter *writer = fifo_writer_new (path, source, 0.2);

  /* longer than the test: the stall is never reported */
  bekal_player_set_stall_timeout (fixture->player, 600 * 1000);
  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  g_assert_true (wait_for_stand_still (fixture->player, writer));
  bekal_player_pause (fixture->player);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_PAUSED);
  iterate_for (100);

  bekal_player_close (fixture->player);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_EMPTY);
  g_assert_null (bekal_player_get_error (fixture->player));
  g_assert_cmpuint (bekal_player_count_pending_releases (), ==, 1);

  finish_writer_and_wait (writer);
}

/* A player made on a thread with a main context of its own: its messages come there, and
 * closing it removes its bus watch from that context, not from the global one */
static gpointer
play_in_own_context (gpointer data)
{
  const char *path = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;
  BekalPlayer *player;
  gboolean played;

  g_main_context_push_thread_default (context);
  player = bekal_player_new ();
  g_assert_true (bekal_player_open (player, path, NULL));
  bekal_player_play (player);
  while (bekal_player_get_state (player) != BEKAL_PLAYER_STATE_FAILED
         && (bekal_player_get_state (player) != BEKAL_PLAYER_STATE_PLAYING
             || bekal_player_get_position (player) < 300)
         && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (context, FALSE))
      g_usleep (1000);
  played = bekal_player_get_state (player) == BEKAL_PLAYER_STATE_PLAYING;

  bekal_player_close (player);
  g_object_unref (player);
  g_main_context_pop_thread_default (context);

  return GINT_TO_POINTER (played);
}

static void
test_own_main_context (void)
{
  g_autofree char *path = media_path ("sampel-01-orientasi.webm");
  GThread *thread = g_thread_new ("player-test", play_in_own_context, path);

  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
}

/* Opening a FIFO that nobody writes to fails instead of waiting for a writer */
static void
test_fifo_without_writer (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "kosong.webm", NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  g_test_message ("%s", bekal_player_get_error (fixture->player)->message);
  g_assert_error (bekal_player_get_error (fixture->player), BEKAL_PLAYER_ERROR,
                  BEKAL_PLAYER_ERROR_DAMAGED);
}

static void
test_paused_never_stalls (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-03-trauma.webm");

  bekal_player_set_stall_timeout (fixture->player, TEST_STALL_TIMEOUT_MS);
  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  g_assert_true (wait_for_position (fixture->player, 400));

  bekal_player_pause (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  iterate_for (3 * TEST_STALL_TIMEOUT_MS);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_PAUSED);
  g_assert_null (bekal_player_get_error (fixture->player));

  /* and playing again after the pause is not a stall either */
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  iterate_for (2 * TEST_STALL_TIMEOUT_MS);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_PLAYING);
}

static void
test_slow_rate_never_stalls (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = media_path ("sampel-04-reintegrasi.webm");
  gint64 before;

  bekal_player_set_stall_timeout (fixture->player, TEST_STALL_TIMEOUT_MS);
  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PAUSED));
  bekal_player_set_rate (fixture->player, BEKAL_PLAYER_MIN_RATE);
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  before = bekal_player_get_position (fixture->player);

  iterate_for (3 * TEST_STALL_TIMEOUT_MS);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_PLAYING);
  g_assert_cmpint (bekal_player_get_position (fixture->player), >, before);
}

/* The state is a registered enum, so that bindings and the inspector show its names */
static void
test_state_property_type (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (BEKAL_TYPE_PLAYER);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "state");
  g_autoptr(GEnumClass) states = NULL;
  GEnumValue *value;

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == BEKAL_TYPE_PLAYER_STATE);
  states = g_type_class_ref (BEKAL_TYPE_PLAYER_STATE);
  value = g_enum_get_value (states, BEKAL_PLAYER_STATE_PLAYING);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "playing");
}

/* Playlists, stream descriptions, images and redirects: a media file never makes GStreamer open
 * another file or address. The trap is a FIFO that the playlists list: a writer's
 * non-blocking open succeeds only while somebody has it open for reading. */
typedef struct
{
  char    *path;
  char    *uri;
  GThread *thread;
  int      stop;
  int      opened;
} Trap;

static gpointer
watch_trap (gpointer data)
{
  Trap *trap = data;

  while (!g_atomic_int_get (&trap->stop))
    {
      int fd = open (trap->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

      if (fd >= 0)
        {
          g_atomic_int_set (&trap->opened, TRUE);
          close (fd);
        }
      g_usleep (200);
    }

  return NULL;
}

static Trap *
trap_new (Fixture *fixture)
{
  Trap *trap = g_new0 (Trap, 1);

  trap->path = g_build_filename (fixture->tmp_dir, "perangkap.webm", NULL);
  trap->uri = g_filename_to_uri (trap->path, NULL, NULL);
  g_assert_cmpint (mkfifo (trap->path, 0600), ==, 0);
  trap->thread = g_thread_new ("trap", watch_trap, trap);

  return trap;
}

/* Whether anything opened the trap */
static gboolean
trap_finish (Trap *trap)
{
  gboolean opened;

  g_atomic_int_set (&trap->stop, TRUE);
  g_thread_join (trap->thread);
  opened = g_atomic_int_get (&trap->opened);
  g_free (trap->path);
  g_free (trap->uri);
  g_free (trap);

  return opened;
}

/* An M3U playlist listing the trap, a system file and a network address, long enough for
 * typefind to decide from a FIFO without its end */
static char *
make_playlist (const char *uri)
{
  GString *text = g_string_new ("#EXTM3U\n");

  while (text->len < 8192)
    g_string_append_printf (text, "#EXTINF:10,Klip\n%s\n#EXTINF:10,Rahasia\nfile:///etc/passwd\n"
                            "#EXTINF:10,Jaringan\nhttp://127.0.0.1:9/klip.webm\n", uri);

  return g_string_free (text, FALSE);
}

/* Refused as soon as it is opened: before any state change, so before GStreamer saw the file */
static void
assert_refused_at_open (Fixture    *fixture,
                        const char *name,
                        const char *needle)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  const GError *failure;

  g_assert_true (bekal_player_open (fixture->player, path, &error));
  g_assert_no_error (error);
  /* no main loop iteration yet: nothing came from a pipeline */
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_FAILED);
  failure = bekal_player_get_error (fixture->player);
  g_test_message ("%s", failure->message);
  g_assert_error (failure, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_DAMAGED);
  g_assert_nonnull (strstr (failure->message, name));
  g_assert_nonnull (strstr (failure->message, needle));
  g_assert_null (strstr (failure->message, "install"));

  /* nothing happens afterwards */
  bekal_player_play (fixture->player);
  iterate_for (200);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_FAILED);
}

static void
test_refuse_playlist (Fixture       *fixture,
                      gconstpointer  data)
{
  Trap *trap = trap_new (fixture);
  g_autofree char *playlist = make_playlist (trap->uri);
  g_autofree char *m3u = g_build_filename (fixture->tmp_dir, "daftar.webm", NULL);
  g_autofree char *sdp = g_build_filename (fixture->tmp_dir, "siaran.webm", NULL);
  g_autofree char *xspf = g_build_filename (fixture->tmp_dir, "daftar-xspf.webm", NULL);
  g_autofree char *xspf_text =
    g_strdup_printf ("<?xml version=\"1.0\"?>\n<playlist version=\"1\" xmlns=\"http://xspf.org/"
                     "ns/0/\"><trackList><track><location>%s</location></track></trackList>"
                     "</playlist>\n", trap->uri);

  g_assert_true (g_file_set_contents (m3u, playlist, -1, NULL));
  g_assert_true (g_file_set_contents (sdp, "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Siaran\r\n"
                                      "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5004 RTP/AVP 96\r\n"
                                      "a=rtpmap:96 VP8/90000\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (xspf, xspf_text, -1, NULL));

  assert_refused_at_open (fixture, "daftar.webm", "playlist");
  assert_refused_at_open (fixture, "siaran.webm", "stream description (SDP)");
  assert_refused_at_open (fixture, "daftar-xspf.webm", "playlist");

  g_assert_false (trap_finish (trap));
}

static void
test_refuse_image (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *png = g_build_filename (fixture->tmp_dir, "gambar.webm", NULL);
  g_autofree char *poster = media_path ("sampel-01-orientasi.jpg");
  g_autofree char *jpeg = g_build_filename (fixture->tmp_dir, "foto.webm", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* a PNG signature and header are enough to be refused */
  static const char header[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0u0\0\0u0\b\2\0\0\0";

  g_assert_true (g_file_set_contents (png, header, sizeof header - 1, NULL));
  g_assert_true (g_file_get_contents (poster, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (jpeg, contents, (gssize) length, NULL));

  assert_refused_at_open (fixture, "gambar.webm", "an image");
  assert_refused_at_open (fixture, "foto.webm", "an image");
}

/* A Motion-JPEG video whose track, or whose first frame, declares 30 000 × 30 000 pixels: the
 * player refuses it before the decoder allocates anything, and says which size and what to do;
 * the same video at its real size plays */
static void
assert_refused_size (Fixture    *fixture,
                     const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  const GError *failure;

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  failure = bekal_player_get_error (fixture->player);
  g_test_message ("%s", failure->message);
  g_assert_error (failure, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_DAMAGED);
  g_assert_nonnull (strstr (failure->message, name));
  g_assert_nonnull (strstr (failure->message, "30000×30000"));
  g_assert_null (strstr (failure->message, "install"));
}

static void
test_refuse_huge_frames (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *poster = media_path ("sampel-01-orientasi.jpg");
  g_autofree char *jpeg = g_build_filename (fixture->tmp_dir, "bingkai.jpg", NULL);
  g_autofree char *small = g_build_filename (fixture->tmp_dir, "biasa.mkv", NULL);
  g_autofree char *huge_track = g_build_filename (fixture->tmp_dir, "trek-raksasa.mkv", NULL);
  g_autofree char *huge_frame = g_build_filename (fixture->tmp_dir, "bingkai-raksasa.mkv", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (poster, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (jpeg, contents, (gssize) length, NULL));
  test_make_mjpeg_mkv (jpeg, small, 640, 360);
  test_make_mjpeg_mkv (jpeg, huge_track, 30000, 30000);
  test_patch_jpeg_size (jpeg, 30000, 30000);
  test_make_mjpeg_mkv (jpeg, huge_frame, 640, 360);

  g_assert_true (bekal_player_open (fixture->player, small, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_PLAYING));
  bekal_player_close (fixture->player);

  assert_refused_size (fixture, huge_track);
  assert_refused_size (fixture, huge_frame);
}

/* From a FIFO, which cannot be looked at first, the pipeline itself refuses the playlist: an
 * error about the file, not advice to install a plugin, and the listed files stay closed */
static void
test_refuse_playlist_in_fifo (Fixture       *fixture,
                              gconstpointer  data)
{
  Trap *trap = trap_new (fixture);
  g_autofree char *playlist = make_playlist (trap->uri);
  g_autofree char *source = g_build_filename (fixture->tmp_dir, "sumber.m3u", NULL);
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "daftar-fifo.webm", NULL);
  FifoWriter *writer;
  const GError *failure;

  g_assert_true (g_file_set_contents (source, playlist, -1, NULL));
  writer = fifo_writer_new (path, source, 1.0);

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  failure = bekal_player_get_error (fixture->player);
  g_test_message ("%s", failure->message);
  g_assert_error (failure, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_DAMAGED);
  g_assert_nonnull (strstr (failure->message, "daftar-fifo.webm"));
  g_assert_nonnull (strstr (failure->message, "text/uri-list"));
  g_assert_cmpuint (bekal_player_get_missing_packages (fixture->player)[0] == NULL, ==, TRUE);
  iterate_for (200);

  bekal_player_close (fixture->player);
  fifo_writer_finish (writer);
  bekal_player_wait_for_releases ();
  g_assert_false (trap_finish (trap));
}

/* A QuickTime reference movie: no streams, only the address of another movie */
static void
test_refuse_redirect (Fixture       *fixture,
                      gconstpointer  data)
{
  Trap *trap = trap_new (fixture);
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "rujukan.mov", NULL);
  g_autoptr(GByteArray) movie = g_byte_array_new ();
  gsize url_length = strlen (trap->uri) + 1;
  guint32 rdrf = 8 + 4 + 4 + 4 + (guint32) url_length;
  const GError *failure;

#define PUT32(v) G_STMT_START { guint32 be = GUINT32_TO_BE (v); \
                                g_byte_array_append (movie, (guint8 *) &be, 4); } G_STMT_END
#define PUT(s) g_byte_array_append (movie, (const guint8 *) (s), 4)
  PUT32 (20); PUT ("ftyp"); PUT ("qt  "); PUT32 (0); PUT ("qt  ");
  PUT32 (8 + 8 + 8 + rdrf); PUT ("moov");
  PUT32 (8 + 8 + rdrf); PUT ("rmra");
  PUT32 (8 + rdrf); PUT ("rmda");
  PUT32 (rdrf); PUT ("rdrf"); PUT32 (0); PUT ("url "); PUT32 ((guint32) url_length);
  g_byte_array_append (movie, (const guint8 *) trap->uri, (guint) url_length);
#undef PUT
#undef PUT32
  g_assert_true (g_file_set_contents (path, (const char *) movie->data, movie->len, NULL));

  g_assert_true (bekal_player_open (fixture->player, path, NULL));
  bekal_player_play (fixture->player);
  g_assert_true (wait_until_state (fixture->player, BEKAL_PLAYER_STATE_FAILED));
  failure = bekal_player_get_error (fixture->player);
  g_test_message ("%s", failure->message);
  g_assert_error (failure, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_DAMAGED);
  g_assert_nonnull (strstr (failure->message, "rujukan.mov"));
  g_assert_nonnull (strstr (failure->message, "points to another file or address"));
  iterate_for (200);
  g_assert_cmpint (bekal_player_get_state (fixture->player), ==, BEKAL_PLAYER_STATE_FAILED);

  g_assert_false (trap_finish (trap));
}

/* GStreamer starts on a worker thread: without anything more from this one it becomes
 * initialised, and a player made meanwhile waits for it instead of starting it twice */
static void
test_init_in_background (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(BekalPlayer) player = NULL;

      g_assert_false (gst_is_initialized ());
      bekal_player_init_in_background ();
      /* a second call while the first runs starts nothing more */
      bekal_player_init_in_background ();
      for (guint i = 0; i < 6000 && !gst_is_initialized (); i++)
        g_usleep (10 * 1000);
      g_assert_true (gst_is_initialized ());

      player = bekal_player_new ();
      g_assert_cmpint (bekal_player_get_state (player), ==, BEKAL_PLAYER_STATE_EMPTY);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* the subprocess of /player/init-in-background starts GStreamer its own way */
  if (!g_test_subprocess ())
    gst_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/player/play-to-end", test_play_to_end);
  ADD ("/player/colours", test_colours);
  ADD ("/player/seek-accuracy", test_seek_accuracy);
  ADD ("/player/seek-before-ready", test_seek_before_ready);
  ADD ("/player/pause-resume", test_pause_resume);
  ADD ("/player/rate", test_rate);
  ADD ("/player/audio-only", test_audio_only);
  ADD ("/player/error/missing-file", test_missing_file);
  ADD ("/player/error/missing-codec", test_missing_codec);
  ADD ("/player/error/missing-h264-decoder", test_missing_h264_decoder);
  ADD ("/player/error/truncated", test_truncated);
  ADD ("/player/error/corrupt", test_corrupt);
  ADD ("/player/error/refuse-playlist", test_refuse_playlist);
  ADD ("/player/error/refuse-image", test_refuse_image);
  ADD ("/player/error/refuse-huge-frames", test_refuse_huge_frames);
  ADD ("/player/error/refuse-playlist-in-fifo", test_refuse_playlist_in_fifo);
  ADD ("/player/error/refuse-redirect", test_refuse_redirect);
  ADD ("/player/stall/reported", test_stall);
  ADD ("/player/stall/close-early", test_stall_close_early);
  ADD ("/player/stall/fifo-without-writer", test_fifo_without_writer);
  ADD ("/player/stall/paused", test_paused_never_stalls);
  ADD ("/player/stall/slow-rate", test_slow_rate_never_stalls);
  g_test_add_func ("/player/package-table", test_package_table);
  g_test_add_func ("/player/own-main-context", test_own_main_context);
  g_test_add_func ("/player/state-property-type", test_state_property_type);
  g_test_add_func ("/player/init-in-background", test_init_in_background);

#undef ADD

  return g_test_run ();
}
