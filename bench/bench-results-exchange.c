/* bench-results-exchange.c: a results file of 600 000 answers exported from one store and
 * imported into an empty one, against the sqlite3 command's own .import of the same rows
 *
 * The store is bench-report's data set (10 000 learners × 6 modules × pre- and post-test × 5
 * questions = 600 000 answers, 120 000 attempts), built by running bench-report. The same
 * rows of profiles, quiz_attempts and quiz_answers are written as CSV files beforehand (not
 * timed), and the reference is one sqlite3 command that .imports them into a copy of an empty
 * store, timed alone (wall time of that process). For information, two more sqlite3 runs are
 * timed: the .import into tables of the same columns without Bekal's indexes and triggers,
 * and an import that leaves the store consistent as Bekal's does: the attempts inserted
 * unfinished, then their answers, then finished by an UPDATE, which fires the store's triggers
 * that keep the gap report's and the item analysis's running sums (an .import of finished
 * attempts fires none of them).
 *
 * Last, the floor that the file's format sets, for information: json-glib parsing every line of
 * the results file and nothing else (no checks, no store). xAPI statements are JSON, and
 * json-glib is the JSON library Bekal uses rather than its own code.
 *
 *   bench-results-exchange BENCH-REPORT [--runs N] [--learners N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>
#include <bekal/bekal-xapi.h>

#include "bench-util.h"

#define TARGET_RATIO 2.0

static int n_runs = 3;
static int n_learners = 10000;

static const GOptionEntry entries[] = {
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs (default 3; the median is kept)", "N" },
  { "learners", 0, 0, G_OPTION_ARG_INT, &n_learners,
    "Learners in the data set (default 10000: 600 000 answers)", "N" },
  { NULL }
};

static const char *const tables[] = { "profiles", "quiz_attempts", "quiz_answers" };

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-results-exchange: %s: %s\n", what, error != NULL ? error->message : "");
  exit (1);
}

/* json-glib reading each line of @path into a tree, and nothing else; returns the ms taken */
static double
json_parse_floor (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *text, *end;
  double start;

  if (mapped == NULL)
    die ("results file", error);
  text = g_mapped_file_get_contents (mapped);
  end = text + g_mapped_file_get_length (mapped);
  start = now_ms ();
  while (text < end)
    {
      const char *line_end = memchr (text, '\n', end - text);

      if (line_end == NULL)
        line_end = end;
      if (line_end > text && !json_parser_load_from_data (parser, text, line_end - text, &error))
        die ("json-glib", error);
      text = line_end + 1;
    }
  return now_ms () - start;
}

/* Runs sqlite3 with @script on its standard input; returns its wall time in ms */
static double
run_sqlite3 (const char *sqlite3_command,
             const char *database,
             const char *script_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read = g_strdup_printf (".read %s", script_path);
  const char *argv[] = { sqlite3_command, "-bail", "-cmd", read, database, ".quit", NULL };
  g_autofree char *err = NULL;
  int status = 0;
  double start = now_ms ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     &err, &status, &error))
    die ("sqlite3", error);
  if (!g_spawn_check_wait_status (status, &error) || (err != NULL && *err != '\0'))
    {
      g_printerr ("bench-results-exchange: sqlite3 %s: %s\n", script_path, err);
      exit (1);
    }

  return now_ms () - start;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);

  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    die ("copy", error);
}

/* A fresh empty store in @dir, copied from @template (an empty store's database file) */
static void
fresh_store (const char *dir,
             const char *template)
{
  g_autofree char *db = g_build_filename (dir, BEKAL_STORE_FILE_NAME, NULL);

  bench_remove_tree (dir);
  g_mkdir_with_parents (dir, 0700);
  copy_file (template, db);
}

/* "a, nullif (b, ''), …" for the columns of @table: CSV has no NULL, so an empty field of a
 * column that may be NULL is one; with @unfinished, an attempt's end is left NULL */
static char *
dup_select_list (const char *database,
                 const char *table,
                 gboolean    unfinished)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT name, \"notnull\" FROM pragma_table_info ('%s')",
                                          table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-results-exchange: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (list->len > 0)
        g_string_append (list, ", ");
      if (unfinished && (g_str_equal (name, "finished_at") || g_str_equal (name, "score")
                         || g_str_equal (name, "passed")))
        g_string_append (list, "NULL");
      else
        g_string_append_printf (list, sqlite3_column_int (stmt, 1) ? "%s" : "nullif (%s, '')",
                                name);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("BENCH-REPORT");
  g_autofree char *sqlite3_command = g_find_program_in_path ("sqlite3");
  g_autofree char *root = NULL;
  g_autofree char *source_dir = NULL, *empty_dir = NULL, *target_dir = NULL;
  g_autofree char *template = NULL, *results = NULL;
  g_autofree char *dump_sql = NULL, *import_sql = NULL, *bare_sql = NULL;
  g_autofree char *consistent_sql = NULL;
  g_autofree char *bare_db = NULL, *target_db = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) exports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) consistent = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) script = g_string_new (NULL);
  BekalXapiImportSummary summary = { 0 };
  guint64 n_statements = 0;
  double ours_ms, reference_ms, bare_ms, consistent_ms, floor_ms, ratio;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2
      || sqlite3_command == NULL || n_runs < 1)
    {
      g_printerr ("usage: bench-results-exchange BENCH-REPORT [--runs N] (and sqlite3 in "
                  "PATH)\n");
      return 2;
    }

  root = g_dir_make_tmp ("bench-results-XXXXXX", &error);
  if (root == NULL)
    die ("temporary folder", error);
  source_dir = g_build_filename (root, "source", NULL);
  empty_dir = g_build_filename (root, "empty", NULL);
  target_dir = g_build_filename (root, "target", NULL);
  results = g_build_filename (root, "hasil.jsonl", NULL);
  target_db = g_build_filename (target_dir, BEKAL_STORE_FILE_NAME, NULL);
  bare_db = g_build_filename (root, "bare.db", NULL);

  /* 1. The data set, by bench-report */
  {
    g_autofree char *learners = g_strdup_printf ("%d", n_learners);
    const char *build[] = { argv[1], "--data-dir", source_dir, "--api-answers", "0",
                            "--runs", "1", "--learners", learners, NULL };
    int status = 0;
    double start = now_ms ();

    g_print ("Building the store with %s (%d learners)\n", argv[1], n_learners);
    if (!g_spawn_sync (NULL, (char **) build, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                       NULL, NULL, &status, &error)
        || !g_spawn_check_wait_status (status, &error))
      die ("bench-report", error);
    g_print ("  built in %.1f s\n", (now_ms () - start) / 1000);
  }

  /* 2. An empty store: its database file is the template of every import's target */
  {
    g_autoptr(BekalStore) empty = bekal_store_open (empty_dir, &error);

    if (empty == NULL)
      die ("empty store", error);
    template = g_strdup (bekal_store_get_path (empty));
  }

  /* 3. The same rows as CSV, for sqlite3's .import (not timed) */
  {
    g_autofree char *source_db = g_build_filename (source_dir, BEKAL_STORE_FILE_NAME, NULL);

    g_string_assign (script, ".mode csv\n.headers off\n");
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      g_string_append_printf (script, ".output %s/%s.csv\nSELECT * FROM %s;\n", root, tables[i],
                              tables[i]);
    g_string_append (script, ".output stdout\n");
    dump_sql = g_build_filename (root, "dump.sql", NULL);
    g_file_set_contents (dump_sql, script->str, -1, NULL);
    g_print ("CSV files written by sqlite3 in %.0f ms\n",
             run_sqlite3 (sqlite3_command, source_db, dump_sql));

    /* into an empty store: the same rows, the same tables, their indexes and triggers; CSV
     * has no NULL, so each file goes into a temporary table and empty fields become NULL */
    g_string_assign (script, "BEGIN;\n");
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *select = dup_select_list (template, tables[i], FALSE);

        g_string_append_printf (script, "CREATE TEMP TABLE csv_%s AS SELECT * FROM main.%s"
                                " WHERE 0;\n.import --csv %s/%s.csv csv_%s\n"
                                "INSERT INTO main.%s SELECT %s FROM csv_%s;\n",
                                tables[i], tables[i], root, tables[i], tables[i], tables[i],
                                select, tables[i]);
      }
    g_string_append (script, "COMMIT;\n");
    import_sql = g_build_filename (root, "import.sql", NULL);
    g_file_set_contents (import_sql, script->str, -1, NULL);

    /* into an empty store, left consistent: attempts finished after their answers */
    g_string_assign (script, "BEGIN;\n");
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *select = dup_select_list (template, tables[i], TRUE);

        g_string_append_printf (script, "CREATE TEMP TABLE csv_%s AS SELECT * FROM main.%s"
                                " WHERE 0;\n.import --csv %s/%s.csv csv_%s\n"
                                "INSERT INTO main.%s SELECT %s FROM csv_%s;\n",
                                tables[i], tables[i], root, tables[i], tables[i], tables[i],
                                select, tables[i]);
      }
    g_string_append (script, "CREATE INDEX temp.csv_attempts_by_id ON csv_quiz_attempts (id);\n"
                             "UPDATE quiz_attempts SET finished_at = nullif (c.finished_at, ''),"
                             " score = nullif (c.score, ''), passed = nullif (c.passed, '')"
                             " FROM csv_quiz_attempts c WHERE quiz_attempts.id = c.id;\n"
                             "COMMIT;\n");
    consistent_sql = g_build_filename (root, "consistent.sql", NULL);
    g_file_set_contents (consistent_sql, script->str, -1, NULL);

    /* into bare tables of the same columns, for information */
    g_string_assign (script, "PRAGMA journal_mode = WAL;\nBEGIN;\n");
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      g_string_append_printf (script, "CREATE TABLE %s AS SELECT * FROM src.%s WHERE 0;\n",
                              tables[i], tables[i]);
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      g_string_append_printf (script, ".import --csv %s/%s.csv %s\n", root, tables[i], tables[i]);
    g_string_append (script, "COMMIT;\n");
    {
      g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS src;\n", template);

      g_string_prepend (script, attach);
    }
    bare_sql = g_build_filename (root, "bare.sql", NULL);
    g_file_set_contents (bare_sql, script->str, -1, NULL);
  }

  /* 4. The runs, each on fresh copies of the empty store */
  for (int run = 0; run < n_runs; run++)
    {
      g_autoptr(BekalStore) source = bekal_store_open (source_dir, &error);
      g_autoptr(BekalStore) target = NULL;
      double start, export_ms, import_ms, ms;

      if (source == NULL)
        die ("source store", error);
      fresh_store (target_dir, template);
      target = bekal_store_open (target_dir, &error);
      if (target == NULL)
        die ("target store", error);

      start = now_ms ();
      if (!bekal_xapi_export (source, results, BEKAL_XAPI_FLAGS_NONE, &n_statements, &error))
        die ("export", error);
      export_ms = now_ms () - start;
      start = now_ms ();
      if (!bekal_xapi_import (target, results, &summary, &error))
        die ("import", error);
      import_ms = now_ms () - start;
      ms = export_ms + import_ms;
      g_array_append_val (exports, export_ms);
      g_array_append_val (imports, import_ms);
      g_array_append_val (ours, ms);
      g_clear_object (&target);

      fresh_store (target_dir, template);
      ms = run_sqlite3 (sqlite3_command, target_db, import_sql);
      g_array_append_val (reference, ms);

      g_remove (bare_db);
      ms = run_sqlite3 (sqlite3_command, bare_db, bare_sql);
      g_array_append_val (bare, ms);

      fresh_store (target_dir, template);
      ms = run_sqlite3 (sqlite3_command, target_db, consistent_sql);
      g_array_append_val (consistent, ms);

      g_print ("run %d: Bekal export %.0f ms + import %.0f ms; sqlite3 .import %.0f ms "
               "(bare tables %.0f ms, consistent store %.0f ms)\n", run + 1, export_ms,
               import_ms, g_array_index (reference, double, run),
               g_array_index (bare, double, run), g_array_index (consistent, double, run));
    }

  floor_ms = json_parse_floor (results);
  ours_ms = bench_median (ours);
  reference_ms = bench_median (reference);
  bare_ms = bench_median (bare);
  consistent_ms = bench_median (consistent);
  ratio = ours_ms / reference_ms;

  g_print ("\nresults exchange: %" G_GUINT64_FORMAT " statements (%" G_GUINT64_FORMAT
           " answers, %" G_GUINT64_FORMAT " attempts, %" G_GUINT64_FORMAT " learners), "
           "file of %.0f MB\n", n_statements, summary.n_answers, summary.n_attempts,
           summary.n_profiles, file_size (results) / 1e6);
  g_print ("  Bekal export + import           median %.0f ms (export %.0f, import %.0f)\n",
           ours_ms, bench_median (exports), bench_median (imports));
  g_print ("  sqlite3 .import, empty store    median %.0f ms (the same rows as CSV, through a "
           "temporary table for NULLs)\n",
           reference_ms);
  g_print ("  sqlite3 .import, bare tables    median %.0f ms (no indexes or triggers; "
           "information)\n", bare_ms);
  g_print ("  sqlite3, consistent store       median %.0f ms (attempts finished after their "
           "answers, firing the store's triggers; information)\n", consistent_ms);
  g_print ("  ratio Bekal / sqlite3 .import: %.2f   target <= %.1f: %s\n", ratio, TARGET_RATIO,
           ratio <= TARGET_RATIO ? "met" : "NOT met");
  g_print ("  (against bare tables: %.2f; against the consistent store: %.2f)\n",
           ours_ms / bare_ms, ours_ms / consistent_ms);
  g_print ("  floor of the format: json-glib parsing the file's lines alone %.0f ms, "
           "%.2f times the sqlite3 .import\n", floor_ms, floor_ms / reference_ms);

  bench_remove_tree (root);
  return ratio <= TARGET_RATIO ? 0 : 1;
}
