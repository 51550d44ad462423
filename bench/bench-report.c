/* bench-report.c: answer inserts and the gap report on a store of 10 000 learners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

#define N_TOPICS             3
#define N_QUESTIONS          5
#define TARGET_REPORT_MS     200.0
#define TARGET_RATIO         1.2

static int n_learners = 10000;
static int n_modules = 6;
static int n_api_answers = 100000;
static int n_runs = 5;
static char *data_dir = NULL;
static char *sqlite3_command = NULL;
static gboolean reuse = FALSE;

static const GOptionEntry entries[] = {
  { "learners", 0, 0, G_OPTION_ARG_INT, &n_learners, "Learners (default 10000)", "N" },
  { "modules", 0, 0, G_OPTION_ARG_INT, &n_modules, "Modules (default 6)", "N" },
  { "api-answers", 0, 0, G_OPTION_ARG_INT, &n_api_answers,
    "Answers saved one by one through the store (default 100000)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each report timing (default 5)", "N" },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
    "Build the store in DIR and keep it (default: a temporary folder, removed)", "DIR" },
  { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse,
    "With --data-dir: time the reports on the store already there", NULL },
  { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &sqlite3_command,
    "The sqlite3 command (default: sqlite3 from PATH)", "PATH" },
  { NULL }
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values */
static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("bench-report: %s: %s\n", sql, message);
      exit (1);
    }
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-report: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }

  return stmt;
}

static void
step_or_die (sqlite3      *db,
             sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_printerr ("bench-report: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_reset (stmt);
}

/* The chance of a right answer: trained peksos start higher, everybody learns */
static double
chance_right (gboolean trained,
              gboolean post)
{
  if (post)
    return trained ? 0.82 : 0.74;

  return trained ? 0.62 : 0.41;
}

/* One attempt per learner, module and test: attempt id = 1 + index */
static gint64
attempt_index (int learner,
               int module,
               int post)
{
  return ((gint64) learner * n_modules + module) * 2 + post;
}

/* Profiles and (unfinished) attempts in one transaction */
static void
create_people_and_attempts (sqlite3 *db,
                            GRand   *rand)
{
  sqlite3_stmt *profile, *attempt;
  const char *order = "q1,q2,q3,q4,q5";

  exec_or_die (db, "BEGIN");
  profile = prepare_or_die (db, "INSERT INTO profiles (id, name, trained_before, created_at)"
                                " VALUES (?1, ?2, ?3, 1767225600)");
  attempt = prepare_or_die (db, "INSERT INTO quiz_attempts (id, profile_id, module_id,"
                                " module_version, content_hash, quiz_id, role, seed,"
                                " question_order, started_at)"
                                " VALUES (?1, ?2, ?3, '1.0', 'hash', ?4, ?5, ?6, ?7, ?8)");

  for (int learner = 0; learner < n_learners; learner++)
    {
      char name[32];

      g_snprintf (name, sizeof name, "Peksos %d", learner + 1);
      sqlite3_bind_int64 (profile, 1, learner + 1);
      sqlite3_bind_text (profile, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (profile, 3, g_rand_int_range (rand, 0, 100) < 40);
      step_or_die (db, profile);

      for (int module = 0; module < n_modules; module++)
        for (int post = 0; post < 2; post++)
          {
            char module_id[16];

            g_snprintf (module_id, sizeof module_id, "modul-%d", module + 1);
            sqlite3_bind_int64 (attempt, 1, attempt_index (learner, module, post) + 1);
            sqlite3_bind_int64 (attempt, 2, learner + 1);
            sqlite3_bind_text (attempt, 3, module_id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (attempt, 4, post ? "post" : "pre", -1, SQLITE_STATIC);
            sqlite3_bind_text (attempt, 5, post ? "posttest" : "pretest", -1, SQLITE_STATIC);
            sqlite3_bind_int64 (attempt, 6, g_rand_int (rand) & 0x7fffffff);
            sqlite3_bind_text (attempt, 7, order, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (attempt, 8, 1767225600);
            step_or_die (db, attempt);
          }
    }

  sqlite3_finalize (profile);
  sqlite3_finalize (attempt);
  exec_or_die (db, "COMMIT");
}

static gboolean
is_trained (sqlite3 *db,
            int      learner)
{
  static GArray *cache = NULL;

  if (cache == NULL)
    {
      sqlite3_stmt *stmt = prepare_or_die (db, "SELECT trained_before FROM profiles ORDER BY id");

      cache = g_array_new (FALSE, TRUE, sizeof (gboolean));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gboolean trained = sqlite3_column_int (stmt, 0) != 0;
          g_array_append_val (cache, trained);
        }
      sqlite3_finalize (stmt);
    }

  return g_array_index (cache, gboolean, learner);
}

static double
answer_score (GRand    *rand,
              gboolean  trained,
              gboolean  post)
{
  return g_rand_double (rand) < chance_right (trained, post) ? 1.0 : 0.0;
}

/* Saves n_api_answers answers through the store as the quiz page does, then the rest of the
 * answers and the finish of every attempt in bulk */
static void
build_data_set (BekalStore *store,
                sqlite3    *db,
                GRand      *rand,
                gint64      n_attempts)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *bulk_answer, *finish;
  gint64 n_total_answers = 0;
  double start, api_ms, bulk_ms;

  /* a large cache for the bulk load only; the store's own setting comes back after it */
  exec_or_die (db, "PRAGMA cache_size = -262144");
  create_people_and_attempts (db, rand);

  /* 1. Answers saved one by one, as the quiz page does: one committed transaction each */
  start = now_ms ();
  for (int i = 0; i < n_api_answers && i < n_attempts * N_QUESTIONS; i++)
    {
      gint64 index = i / N_QUESTIONS;
      int question = i % N_QUESTIONS;
      int learner = (int) (index / (n_modules * 2));
      gboolean post = index % 2;
      char question_id[8], topic_id[8];

      g_snprintf (question_id, sizeof question_id, "q%d", question + 1);
      g_snprintf (topic_id, sizeof topic_id, "t%d", question * N_TOPICS / N_QUESTIONS + 1);
      if (!bekal_store_record_answer (store, index + 1, question_id, topic_id, "a",
                                      answer_score (rand, is_trained (db, learner), post),
                                      &error))
        {
          g_printerr ("bench-report: %s\n", error->message);
          exit (1);
        }
      n_total_answers++;
    }
  api_ms = now_ms () - start;
  g_print ("\nbekal_store_record_answer x %" G_GINT64_FORMAT ": %.0f ms (%.3f ms per answer,"
           " %.0f answers/s)\n", n_total_answers, api_ms,
           n_total_answers ? api_ms / n_total_answers : 0.0,
           api_ms > 0 ? n_total_answers * 1000.0 / api_ms : 0.0);

  /* 2. The remaining answers and the finish of every attempt, in one transaction */
  start = now_ms ();
  exec_or_die (db, "BEGIN");
  bulk_answer = prepare_or_die (db, "INSERT INTO quiz_answers (attempt_id, question_id,"
                                    " topic_id, response, score, answered_at)"
                                    " VALUES (?1, ?2, ?3, 'a', ?4, 1767225600)");
  for (gint64 i = n_total_answers; i < n_attempts * N_QUESTIONS; i++)
    {
      gint64 index = i / N_QUESTIONS;
      int question = i % N_QUESTIONS;
      int learner = (int) (index / (n_modules * 2));
      char question_id[8], topic_id[8];

      g_snprintf (question_id, sizeof question_id, "q%d", question + 1);
      g_snprintf (topic_id, sizeof topic_id, "t%d", question * N_TOPICS / N_QUESTIONS + 1);
      sqlite3_bind_int64 (bulk_answer, 1, index + 1);
      sqlite3_bind_text (bulk_answer, 2, question_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (bulk_answer, 3, topic_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (bulk_answer, 4, answer_score (rand, is_trained (db, learner),
                                                         index % 2));
      step_or_die (db, bulk_answer);
      n_total_answers++;
    }
  sqlite3_finalize (bulk_answer);

  /* finished over twelve months, the post-test some weeks after the pre-test */
  finish = prepare_or_die (db, "UPDATE quiz_attempts SET finished_at = ?2,"
                               " score = (SELECT avg (score) FROM quiz_answers"
                               "          WHERE attempt_id = ?1)"
                               " WHERE id = ?1");
  for (gint64 index = 0; index < n_attempts; index += 2)
    {
      gint64 pre_at = 1767225600 + (gint64) g_rand_int_range (rand, 0, 330) * 86400;
      gint64 post_at = pre_at + (gint64) g_rand_int_range (rand, 7, 35) * 86400;

      sqlite3_bind_int64 (finish, 1, index + 1);
      sqlite3_bind_int64 (finish, 2, pre_at);
      step_or_die (db, finish);
      sqlite3_bind_int64 (finish, 1, index + 2);
      sqlite3_bind_int64 (finish, 2, post_at);
      step_or_die (db, finish);
    }
  sqlite3_finalize (finish);
  exec_or_die (db, "COMMIT");
  exec_or_die (db, "PRAGMA wal_checkpoint (TRUNCATE)");
  bulk_ms = now_ms () - start;
  g_print ("bulk: %" G_GINT64_FORMAT " answers in total, finished attempts: %.0f ms\n",
           n_total_answers, bulk_ms);

  exec_or_die (db, "PRAGMA cache_size = -2000");

}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the gap report");
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autofree char *sql_path = NULL;
  g_autofree double *ours = NULL;
  g_autofree double *cli_timer = NULL;
  gboolean keep = FALSE;
  sqlite3 *db;
  gint64 n_attempts;
  guint n_rows = 0;
  double start, first_ms;
  double reference_ms = 0;
  double ours_ms, cli_timer_ms, ratio;
  gboolean met;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }

  if (sqlite3_command == NULL)
    sqlite3_command = g_find_program_in_path ("sqlite3");
  if (sqlite3_command == NULL)
    {
      g_printerr ("bench-report: the sqlite3 command is needed (apt install sqlite3)\n");
      return 2;
    }

  keep = data_dir != NULL;
  if (data_dir == NULL)
    data_dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *existing = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);

    if (!keep || !reuse || !g_file_test (existing, G_FILE_TEST_EXISTS))
      {
        reuse = FALSE;
        g_remove (existing);
      }
  }

  store = bekal_store_open (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 1;
    }
  db = bekal_store_get_connection_for_testing (store);
  n_attempts = (gint64) n_learners * n_modules * 2;

  g_print ("Store %s\n", bekal_store_get_path (store));
  g_print ("%d learners x %d modules x 2 tests = %" G_GINT64_FORMAT " attempts, %d answers"
           " each\n", n_learners, n_modules, n_attempts, N_QUESTIONS);

  if (reuse)
    g_print ("Reusing the store as it is\n");
  else
    build_data_set (store, db, rand, n_attempts);


  /* The report in Bekal on the store's own connection, and the same SQL run by the sqlite3
   * command on the same file, taken in turns so that both see the same load. The command's
   * side is its own `.timer` figure: the query alone, without the process start-up, which a
   * wall-clock time would include and no subtraction removes reliably. */
  sql_path = g_build_filename (data_dir, "gap.sql", NULL);
  {
    g_autofree char *timed = g_strconcat (".timer on\n", bekal_report_gap_sql (), NULL);

    g_file_set_contents (sql_path, timed, -1, &error);
    g_assert_no_error (error);
  }

  ours = g_new0 (double, n_runs);
  cli_timer = g_new0 (double, n_runs);
  for (int run = 0; run < n_runs; run++)
    {
      const char *argv_report[] = { sqlite3_command, "-readonly", "-cmd",
                                    g_strdup_printf (".read %s", sql_path),
                                    bekal_store_get_path (store), ".quit", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *timer_line;
      int status = 0;

      {
        g_autoptr(GPtrArray) rows = NULL;

        start = now_ms ();
        rows = bekal_report_gap (store, &error);
        ours[run] = now_ms () - start;
        if (rows == NULL)
          {
            g_printerr ("bench-report: %s\n", error->message);
            return 1;
          }
        n_rows = rows->len;
      }

      if (!g_spawn_sync (NULL, (char **) argv_report, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                         &err, &status, &error) || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("bench-report: sqlite3: %s\n", error->message);
          return 1;
        }
      /* "Run Time: real 0.123 user ... sys ..." */
      timer_line = strstr (out, "Run Time: real ");
      if (timer_line == NULL)
        {
          g_printerr ("bench-report: sqlite3 printed no .timer line; is it sqlite3 3.x?\n");
          return 1;
        }
      cli_timer[run] = g_ascii_strtod (timer_line + 15, NULL) * 1000;
      if (cli_timer[run] <= 0)
        {
          /* .timer rounds to the millisecond: a query under it cannot give a ratio */
          g_printerr ("bench-report: sqlite3 timed the report at 0 ms; use more --learners\n");
          return 1;
        }

      if (run == 0)
        {
          g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
          guint n_lines = 0;

          for (guint i = 0; lines[i] != NULL; i++)
            if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "Run Time:"))
              n_lines++;
          if (n_lines != n_rows)
            g_printerr ("bench-report: sqlite3 printed %u rows, Bekal got %u\n", n_lines, n_rows);
        }

      g_free ((char *) argv_report[3]);
    }

  first_ms = ours[0];
  ours_ms = median (ours, n_runs);

  /* For comparison: the definition, computed from every attempt and answer */
  {
    g_autoptr(GPtrArray) rows = NULL;

    start = now_ms ();
    rows = bekal_report_gap_from_answers (store, &error);
    reference_ms = now_ms () - start;
    if (rows == NULL || rows->len != n_rows)
      {
        g_printerr ("bench-report: the reference report differs (%u rows)\n",
                    rows != NULL ? rows->len : 0);
        return 1;
      }
  }

  cli_timer_ms = median (cli_timer, n_runs);
  ratio = ours_ms / cli_timer_ms;
  met = ratio <= TARGET_RATIO && ours_ms < TARGET_REPORT_MS;

  g_print ("\ngap report: %u rows\n", n_rows);
  g_print ("  Bekal (bekal_report_gap)          median %7.1f ms   first run %7.1f ms"
           "   fastest %.1f ms\n", ours_ms, first_ms, ours[0]);
  g_print ("  sqlite3 command, .timer real      median %7.1f ms   fastest %.1f ms\n",
           cli_timer_ms, cli_timer[0]);
  g_print ("  reference (from every answer, bekal_report_gap_from_answers) %.1f ms\n",
           reference_ms);
  g_print ("  ratio Bekal / sqlite3 (.timer): %.2f   target <= %.1f\n", ratio, TARGET_RATIO);
  g_print ("  report time %.1f ms   target < %.0f ms: %s\n", ours_ms, TARGET_REPORT_MS,
           ours_ms < TARGET_REPORT_MS ? "met" : "NOT MET");

  g_clear_object (&store);
  if (!keep)
    {
      g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
      const char *name;

      /* the folder was made for this run: everything in it goes */
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (data_dir, name, NULL);
          g_remove (path);
        }
      g_rmdir (data_dir);
    }
  g_free (data_dir);
  g_free (sqlite3_command);

  return met ? 0 : 1;
}
