/* bench-startup.c: times Bekal's start-up to the first frame of its library
 *
 * Against a minimal libadwaita program that opens one window with a header bar, in the same
 * run and on the same display: libadwaita alone costs 1.4-1.5 times a bare GTK window, which
 * no libadwaita app can win back, so Bekal is measured against the smallest libadwaita app.
 * A minimal GTK 4 program is timed in the same turns and printed for reference. All three are
 * started several times in turn and quit after their first painted frame
 * (--quit-after-first-frame); the median wall-clock time of each is reported.
 * Bekal opens on its library because a learner was used last in a throw-away data folder and
 * it is asked to resume that learner (the hidden --resume-last-profile: learners themselves
 * always start on the profile chooser); it reads the bundled modules as it does for a
 * learner.
 *
 *   bench-startup [--runs N] BEKAL MINIMAL-GTK MINIMAL-ADW
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <bekal/bekal-store.h>

#include "bench-util.h"

/* Bekal may take this much longer than the minimal libadwaita program */
#define TARGET_RATIO 1.5

static int n_runs = 7;

static const GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Start-ups of each program; the median is kept (7)",
    "N" },
  { NULL }
};

/* Seconds from the start of @argv to its first painted frame, which the program prints as
 * "first-frame-us: TIME" on the monotonic clock (shared by all processes); negative when it
 * failed. Quitting is not timed: it is not part of the start-up. */
static double
time_start_up (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *value = NULL;
  const char *line;
  int wait_status = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 first_frame;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output,
                     NULL, &wait_status, &error))
    {
      g_printerr ("Cannot start %s: %s\n", argv[0], error->message);
      return -1;
    }
  if (!g_spawn_check_wait_status (wait_status, &error))
    {
      g_printerr ("%s failed: %s\n", argv[0], error->message);
      return -1;
    }

  line = output != NULL ? strstr (output, "first-frame-us: ") : NULL;
  if (line != NULL)
    value = g_strstrip (g_strndup (line + 16, strcspn (line + 16, "\n")));
  if (value == NULL
      || !g_ascii_string_to_signed (value, 10, start, G_MAXINT64, &first_frame, NULL))
    {
      g_printerr ("%s did not report its first frame\n", argv[0]);
      return -1;
    }

  return (first_frame - start) / (double) G_USEC_PER_SEC;
}

/* A data folder whose last learner exists, so that Bekal resumes it on the library */
int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("BEKAL MINIMAL-GTK MINIMAL-ADW");
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GArray) bekal_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) adw_times = g_array_new (FALSE, FALSE, sizeof (double));
  double bekal, minimal, adw, ratio;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 4
      || n_runs < 1)
    {
      g_printerr ("%s\nUsage: bench-startup [--runs N] BEKAL MINIMAL-GTK MINIMAL-ADW\n",
                  error ? error->message : "");
      return 2;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display; run it under xvfb-run\n");
      return 77;
    }

  data_dir = g_dir_make_tmp ("bekal-bench-XXXXXX", &error);
  if (data_dir == NULL || !bench_prepare_last_learner (data_dir))
    return 1;

  {
    const char *bekal_argv[] = { argv[1], "--data-dir", data_dir, "--resume-last-profile",
                                 "--quit-after-first-frame", NULL };
    const char *minimal_argv[] = { argv[2], "--quit-after-first-frame", NULL };
    const char *adw_argv[] = { argv[3], "--quit-after-first-frame", NULL };

    /* a first start of each warms the disk cache and the font cache, then they take turns */
    ok = time_start_up (minimal_argv) >= 0 && time_start_up (bekal_argv) >= 0
         && time_start_up (adw_argv) >= 0;
    for (int i = 0; ok && i < n_runs; i++)
      {
        double m = time_start_up (minimal_argv);
        double b = time_start_up (bekal_argv);
        double a = time_start_up (adw_argv);

        ok = m >= 0 && b >= 0 && a >= 0;
        g_array_append_val (minimal_times, m);
        g_array_append_val (bekal_times, b);
        g_array_append_val (adw_times, a);
      }
  }

  bench_remove_tree (data_dir);
  if (!ok)
    return 1;

  minimal = bench_median (minimal_times);
  adw = bench_median (adw_times);
  bekal = bench_median (bekal_times);
  ratio = bekal / adw;

  g_print ("Start-up to the first frame, median of %d runs\n", n_runs);
  g_print ("  minimal GTK 4 window:       %7.3f s (reference)\n", minimal);
  g_print ("  minimal libadwaita window:  %7.3f s\n", adw);
  g_print ("  Bekal library:              %7.3f s\n", bekal);
  g_print ("  ratio libadwaita window / GTK 4 window: %5.2f (libadwaita's own share, reference)\n",
           adw / minimal);
  g_print ("  ratio Bekal / GTK 4 window:             %5.2f (reference)\n", bekal / minimal);
  g_print ("  ratio Bekal / libadwaita window:        %5.2f (target at most %.1f): %s\n", ratio,
           TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "NOT met");

  return ratio <= TARGET_RATIO ? 0 : 1;
}
