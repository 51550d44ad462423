/* bench-item-analysis.c: the item analysis on a store of 10 000 learners × 6 modules × 2 tests
 * against the same SQL run by the sqlite3 command (its own .timer)
 *
 * The store is built by bench-report (its data set, kept with --data-dir), so both benchmarks
 * time the same data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-store.h>

#include "bench-util.h"

#define TARGET_MS    300.0
#define TARGET_RATIO 1.2
#define REPEATS      20

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sql_path = NULL;
  g_autofree char *sqlite3_command = g_find_program_in_path ("sqlite3");
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GString) script = g_string_new (".timer on\n");
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cli = g_array_new (FALSE, FALSE, sizeof (double));
  double ours_ms, cli_ms, ratio;
  guint n_tests = 0;

  if (argc < 2 || sqlite3_command == NULL)
    {
      g_printerr ("usage: bench-item-analysis BENCH-REPORT (and sqlite3 in PATH)\n");
      return 2;
    }

  dir = g_dir_make_tmp ("bench-items-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *build[] = { argv[1], "--data-dir", dir, "--api-answers", "0", "--runs", "1",
                            NULL };
    int status = 0;

    g_print ("Building the store with %s\n", argv[1]);
    if (!g_spawn_sync (NULL, (char **) build, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                       NULL, &status, &error))
      {
        g_printerr ("bench-item-analysis: %s\n", error->message);
        return 1;
      }
  }

  store = bekal_store_open (dir, &error);
  g_assert_no_error (error);

  /* the two queries, REPEATS times each: one run is about a millisecond, below .timer's
   * resolution */
  for (int i = 0; i < REPEATS; i++)
    g_string_append_printf (script, "%s%s", bekal_item_analysis_sql (),
                            bekal_item_analysis_options_sql ());
  sql_path = g_build_filename (dir, "items.sql", NULL);
  g_file_set_contents (sql_path, script->str, -1, &error);
  g_assert_no_error (error);

  for (int run = 0; run < 5; run++)
    {
      g_autofree char *read = g_strdup_printf (".read %s", sql_path);
      const char *cmd[] = { sqlite3_command, "-readonly", "-cmd", read,
                            bekal_store_get_path (store), ".quit", NULL };
      g_autofree char *out = NULL;
      gint64 start = g_get_monotonic_time ();
      const char *p;
      double ms = 0;
      int status = 0;

      for (int i = 0; i < REPEATS; i++)
        {
          g_autoptr(GPtrArray) tests = bekal_item_analysis_run (store, NULL, &error);

          g_assert_no_error (error);
          n_tests = tests->len;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0 / REPEATS;
      g_array_append_val (ours, ms);

      if (!g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error))
        {
          g_printerr ("bench-item-analysis: %s\n", error->message);
          return 1;
        }
      ms = 0;
      for (p = out; (p = strstr (p, "Run Time: real ")) != NULL; p++)
        ms += g_ascii_strtod (p + 15, NULL) * 1000;
      ms /= REPEATS;
      g_array_append_val (cli, ms);
    }

  ours_ms = bench_median (ours);
  cli_ms = bench_median (cli);
  ratio = cli_ms > 0 ? ours_ms / cli_ms : 0;

  g_print ("item analysis: %u tests\n", n_tests);
  g_print ("  Bekal (bekal_item_analysis_run)  median %.2f ms per run\n", ours_ms);
  g_print ("  sqlite3 command, .timer real     median %.2f ms per run (same two queries)\n",
           cli_ms);
  g_print ("  ratio Bekal / sqlite3: %.2f   target <= %.1f: %s\n", ratio, TARGET_RATIO,
           ratio <= TARGET_RATIO ? "met" : "NOT MET");
  g_print ("  time %.2f ms   target < %.0f ms: %s\n", ours_ms, TARGET_MS,
           ours_ms < TARGET_MS ? "met" : "NOT MET");

  g_clear_object (&store);
  bench_remove_tree (dir);

  return ratio <= TARGET_RATIO && ours_ms < TARGET_MS ? 0 : 1;
}
