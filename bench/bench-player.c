/* bench-player.c: time to first frame and decoding throughput of the playback engine
 *
 * Plays a 60 s 1280×720 VP8 clip through BekalPlayer (frames delivered as GdkMemoryTextures,
 * clock sync off) and through
 *   gst-launch-1.0 filesrc ! decodebin ! videoconvert ! fakesink sync=false
 * on the same file, in the same run, and prints both, their ratio and the peak memory.
 *
 * Usage: bench-player [CLIP]  (default: /tmp/bekal-bench-720p.webm, made when absent)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/resource.h>

#include <gst/gst.h>

#include "bekal-player.h"

#define DEFAULT_CLIP "/tmp/bekal-bench-720p.webm"
#define N_RUNS       3
#define CLIP_FRAMES  1800 /* 60 s at 30 frames/s */

typedef struct
{
  double first_frame_ms;
  double total_s;
  guint64 frames;
} EngineRun;

/* Helpers */

static gboolean
make_clip (const char *path)
{
  g_autofree char *location = g_strdup_printf ("location=%s", path);
  g_autofree char *buffers = g_strdup_printf ("num-buffers=%d", CLIP_FRAMES);
  const char *argv[] = {
    "gst-launch-1.0", "-q", "-e",
    "videotestsrc", buffers, "pattern=smpte", "horizontal-speed=4", "!",
    "video/x-raw,width=1280,height=720,framerate=30/1", "!",
    "vp8enc", "deadline=1", "cpu-used=8", "threads=4", "target-bitrate=2500000",
    "keyframe-max-dist=60", "!",
    "webmmux", "!", "filesink", location, NULL
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_print ("Making %s (60 s, 1280x720, VP8)...\n", path);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-player: could not make the clip: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

static double
run_gst_launch (const char *path)
{
  g_autofree char *location = g_strdup_printf ("location=%s", path);
  const char *argv[] = {
    "gst-launch-1.0", "-q", "filesrc", location, "!", "decodebin", "!", "videoconvert", "!",
    "fakesink", "sync=false", NULL
  };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-player: gst-launch-1.0 failed: %s\n", error->message);
      return -1;
    }

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The same pipeline inside this process: the reference without process start-up */
static double
run_in_process_reference (const char *path,
                          const char *caps)
{
  g_autofree char *description =
    g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert %s%s ! "
                     "fakesink sync=false", path, caps ? "! " : "", caps ? caps : "");
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, NULL);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS ? seconds : -1;
}

static gboolean
run_engine (const char *path,
            EngineRun  *run)
{
  g_autoptr(BekalPlayer) player = bekal_player_new ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  GdkPaintable *paintable = bekal_player_get_paintable (player);

  bekal_player_set_clock_sync (player, FALSE);
  if (!bekal_player_open (player, path, &error))
    {
      g_printerr ("bench-player: %s\n", error->message);
      return FALSE;
    }

  /* the first frame has reached the main thread as a texture */
  while (gdk_paintable_get_intrinsic_width (paintable) == 0
         && bekal_player_get_state (player) != BEKAL_PLAYER_STATE_FAILED)
    g_main_context_iteration (NULL, TRUE);
  run->first_frame_ms = (g_get_monotonic_time () - start) / 1000.0;

  bekal_player_play (player);
  while (bekal_player_get_state (player) != BEKAL_PLAYER_STATE_ENDED
         && bekal_player_get_state (player) != BEKAL_PLAYER_STATE_FAILED)
    g_main_context_iteration (NULL, TRUE);
  run->total_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  run->frames = bekal_player_get_n_frames (player);

  if (bekal_player_get_state (player) == BEKAL_PLAYER_STATE_FAILED)
    {
      g_printerr ("bench-player: %s\n", bekal_player_get_error (player)->message);
      return FALSE;
    }

  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int    argc,
      char **argv)
{
  const char *clip = argc > 1 ? argv[1] : DEFAULT_CLIP;
  double launch_s[N_RUNS], reference_s[N_RUNS], rgba_s[N_RUNS], engine_s[N_RUNS];
  double first_frame_ms[N_RUNS];
  double launch, reference, rgba, engine;
  guint64 frames = 0;
  struct rusage usage;

  gst_init (&argc, &argv);
  /* this benchmark measures video; no sound card is needed */
  g_setenv ("BEKAL_AUDIO_SINK", "fakesink", FALSE);

  if (!g_file_test (clip, G_FILE_TEST_IS_REGULAR) && !make_clip (clip))
    return 1;

  for (guint i = 0; i < N_RUNS; i++)
    {
      EngineRun run = { 0, };

      launch_s[i] = run_gst_launch (clip);
      if (!run_engine (clip, &run))
        return 1;
      /* before the in-process references run: the peak of the engine alone */
      if (i == 0)
        getrusage (RUSAGE_SELF, &usage);
      reference_s[i] = run_in_process_reference (clip, NULL);
      rgba_s[i] = run_in_process_reference (clip, "video/x-raw,format=BGRA");
      if (launch_s[i] < 0 || reference_s[i] < 0 || rgba_s[i] < 0)
        return 1;
      engine_s[i] = run.total_s;
      first_frame_ms[i] = run.first_frame_ms;
      frames = run.frames;
    }

  launch = median (launch_s, N_RUNS);
  reference = median (reference_s, N_RUNS);
  rgba = median (rgba_s, N_RUNS);
  engine = median (engine_s, N_RUNS);

  g_print ("Clip: %s (median of %d runs)\n", clip, N_RUNS);
  g_print ("Engine: time to first frame          %8.1f ms\n", median (first_frame_ms, N_RUNS));
  g_print ("Engine: decode to textures           %8.3f s  (%" G_GUINT64_FORMAT " frames, "
           "%.0f frames/s)\n", engine, frames, frames / engine);
  g_print ("gst-launch-1.0 decodebin ! videoconvert ! fakesink sync=false\n");
  g_print ("        as a process                 %8.3f s  (%.0f frames/s)\n", launch,
           CLIP_FRAMES / launch);
  g_print ("        same pipeline in-process     %8.3f s  (%.0f frames/s)\n", reference,
           CLIP_FRAMES / reference);
  g_print ("        in-process, converted to BGRA %7.3f s  (%.0f frames/s; GDK 4.8 textures "
           "need RGB)\n", rgba, CLIP_FRAMES / rgba);
  g_print ("Ratio engine / gst-launch            %8.2f  (target at most 1.3)\n", engine / launch);
  g_print ("Ratio engine / in-process pipeline   %8.2f\n", engine / reference);
  g_print ("Ratio engine / in-process to BGRA    %8.2f\n", engine / rgba);
  g_print ("Peak memory while the engine played (max RSS) %5.1f MB\n", usage.ru_maxrss / 1024.0);

  return 0;
}
