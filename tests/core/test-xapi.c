/* test-xapi.c: results files (export, import, refusals), xapi-validation, and pushing to an
 * LRS: a small loopback server of our own for 500s, timeouts and 409, and Learning Locker's
 * statements service (npm xapi-statements 5.0.1) on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-xapi.h>

#include "bekal-store-private.h"
#include "bekal-xapi-statements.h"
#include "test-util.h"

typedef struct
{
  char       *dir;
  BekalStore *store;
  char       *file;
} Fixture;

static gint64
add_attempt (BekalStore       *store,
             gint64            profile,
             const char       *quiz,
             BekalQuizRole     role,
             BekalQuizVerdict  verdict,
             const double     *scores,
             guint             n)
{
  g_autoptr(GError) error = NULL;
  const char *order[] = { "q1", "q2", "q3", "sc", NULL };
  double total = 0;
  gint64 id;

  id = bekal_store_start_attempt (store, profile, "m", "1.0", "abc", quiz, role, 42 + profile,
                                  order, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      bekal_store_record_answer (store, id, order[i], "t", scores[i] > 0 ? "a" : "b,\"c\"",
                                 scores[i], &error);
      g_assert_no_error (error);
      total += scores[i] > 0 ? scores[i] : 0;
    }
  bekal_store_record_answer (store, id, "sc", "t", "4", BEKAL_STORE_NO_SCORE, &error);
  g_assert_no_error (error);
  bekal_store_finish_attempt (store, id, total / n, verdict, &error);
  g_assert_no_error (error);
  return id;
}

/* Two learners (one named with quotes and a newline), pre-tests, post-tests passed and
 * failed, a practice attempt, an unfinished attempt, a lesson and a private reflection */
static void
fill_store (BekalStore *store)
{
  g_autoptr(GError) error = NULL;
  const double a[] = { 1, 0, 0.5 }, b[] = { 1, 1, 1 }, c[] = { 0, 0, 1 };
  gint64 p1, p2;

  p1 = bekal_store_create_profile (store, "Siti \"Nur\"\nAminah", "Sentra Mulya", "Peksos", 3,
                                   FALSE, &error);
  g_assert_no_error (error);
  p2 = bekal_store_create_profile (store, "Budi", "", "", 0, TRUE, &error);
  g_assert_no_error (error);

  add_attempt (store, p1, "pre", BEKAL_QUIZ_PRETEST, BEKAL_QUIZ_VERDICT_NONE, a, 3);
  add_attempt (store, p1, "post", BEKAL_QUIZ_POSTTEST, BEKAL_QUIZ_VERDICT_PASSED, b, 3);
  add_attempt (store, p2, "pre", BEKAL_QUIZ_PRETEST, BEKAL_QUIZ_VERDICT_NONE, c, 3);
  add_attempt (store, p2, "post", BEKAL_QUIZ_POSTTEST, BEKAL_QUIZ_VERDICT_FAILED, c, 3);
  add_attempt (store, p2, "latihan", BEKAL_QUIZ_PRACTICE, BEKAL_QUIZ_VERDICT_NONE, a, 3);
  bekal_store_start_attempt (store, p2, "m", "1.0", "abc", "post", BEKAL_QUIZ_POSTTEST, 9, NULL,
                             &error);
  g_assert_no_error (error);
  bekal_store_mark_lesson_complete (store, p1, "m", "pengantar", &error);
  g_assert_no_error (error);
  bekal_store_save_reflection (store, p1, "m", "r1", "RAHASIA-REFLEKSI", &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fill_store (fixture->store);
  fixture->file = g_build_filename (fixture->dir, "hasil.jsonl", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->file);
}

static char *
query_text (BekalStore *store,
            const char *sql)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
query_int (BekalStore *store,
           const char *sql)
{
  g_autofree char *text = query_text (store, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
assert_consistent (BekalStore *store)
{
  g_autofree char *check = query_text (store, "PRAGMA integrity_check");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gap = NULL;
  g_autoptr(GPtrArray) gap_ref = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_ref = NULL;

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  /* the running sums agree with the answers */
  gap = bekal_report_gap (store, &error);
  g_assert_no_error (error);
  gap_ref = bekal_report_gap_from_answers (store, &error);
  g_assert_no_error (error);
  csv = bekal_report_gap_to_csv (gap);
  csv_ref = bekal_report_gap_to_csv (gap_ref);
  g_assert_cmpstr (csv, ==, csv_ref);
}

/* After an import: the item analysis's running counts agree with the answers too, and the
 * schema is Bekal's */
static void
assert_counts_consistent (BekalStore *store)
{
  g_autoptr(GError) error = NULL;

  assert_consistent (store);
  {
    g_autoptr(GPtrArray) items = bekal_item_analysis_run (store, NULL, &error);
    g_autoptr(GPtrArray) items_ref = NULL;
    g_autofree char *items_csv = NULL;
    g_autofree char *items_csv_ref = NULL;

    g_assert_no_error (error);
    items_ref = bekal_item_analysis_run_from_answers (store, NULL, &error);
    g_assert_no_error (error);
    items_csv = bekal_item_analysis_to_csv (items);
    items_csv_ref = bekal_item_analysis_to_csv (items_ref);
    g_assert_cmpstr (items_csv, ==, items_csv_ref);
  }

  /* the import sets the row triggers of the running sums aside for a while: they are back,
   * as Bekal made them */
  {
    g_autoptr(GPtrArray) findings = bekal_store_check_schema (bekal_store_get_data_dir (store),
                                                              &error);

    g_assert_no_error (error);
    g_assert_cmpuint (findings->len, ==, 0);
    g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_master WHERE type ="
                                " 'trigger' AND name IN ('report_contribution_added',"
                                " 'report_items_added', 'report_item_added')"), ==, 3);
  }
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The statement lines: without the header (which names the time of the export) and the
 * checksum (which covers the header) */
static gboolean
same_statements (const char *a,
                 const char *b)
{
  const char *a_start = strchr (a, '\n') + 1, *b_start = strchr (b, '\n') + 1;
  const char *a_end = g_strrstr_len (a, (gssize) strlen (a) - 1, "\n");
  const char *b_end = g_strrstr_len (b, (gssize) strlen (b) - 1, "\n");

  return a_end - a_start == b_end - b_start && memcmp (a_start, b_start, a_end - a_start) == 0;
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir2 = test_make_tmp_dir ();
  g_autofree char *file2 = g_build_filename (dir2, "lagi.jsonl", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "lagi.jsonl", NULL);
  g_autofree char *text = NULL, *text_again = NULL, *text2 = NULL, *named = NULL;
  g_autoptr(BekalStore) store2 = NULL;
  BekalXapiImportSummary summary = { 0 };
  guint64 count = 0;
  g_autofree char *uuid = NULL;
  g_autofree char *gap1 = NULL, *gap2 = NULL, *items1 = NULL, *items2 = NULL;

  g_assert_true (bekal_xapi_export (fixture->store, fixture->file, BEKAL_XAPI_FLAGS_NONE, &count,
                                    &error));
  g_assert_no_error (error);
  /* 4 scored pre/post + 1 practice finished attempts: attempted + completed each (10), 2
   * verdicts, 5 × 4 answers, 1 lesson; the unfinished attempt is left out */
  g_assert_cmpuint (count, ==, 10 + 2 + 20 + 1);

  text = read_file (fixture->file);
  g_assert_null (strstr (text, "RAHASIA-REFLEKSI"));
  g_assert_null (strstr (text, "Aminah"));
  g_assert_null (strstr (text, "Sentra Mulya"));
  uuid = query_text (fixture->store, "SELECT uuid FROM profiles WHERE name = 'Budi'");
  g_assert_nonnull (strstr (text, uuid));

  /* the same ids and statements every time */
  g_assert_true (bekal_xapi_export (fixture->store, again, BEKAL_XAPI_FLAGS_NONE, NULL, &error));
  text_again = read_file (again);
  g_assert_true (same_statements (text, text_again));

  /* names only when asked */
  g_assert_true (bekal_xapi_export (fixture->store, again, BEKAL_XAPI_FLAGS_WITH_NAMES, NULL,
                                    &error));
  named = read_file (again);
  g_assert_nonnull (strstr (named, "\"name\":\"Siti \\\"Nur\\\"\\nAminah\""));
  g_assert_null (strstr (named, "RAHASIA-REFLEKSI"));

  /* into an empty folder: everything arrives */
  store2 = bekal_store_open (dir2, &error);
  g_assert_no_error (error);
  g_assert_true (bekal_xapi_import (store2, again, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_statements, ==, 33);
  g_assert_cmpuint (summary.n_profiles, ==, 2);
  g_assert_cmpuint (summary.n_attempts, ==, 5);
  g_assert_cmpuint (summary.n_answers, ==, 20);
  g_assert_cmpuint (summary.n_lessons, ==, 1);
  g_assert_cmpuint (summary.n_already_present, ==, 0);
  assert_counts_consistent (store2);
  g_assert_cmpint (query_int (store2, "SELECT count (*) FROM profiles WHERE name ="
                                      " 'Siti \"Nur\"' || char (10) || 'Aminah'"
                                      " AND unit = 'Sentra Mulya' AND years_as_peksos = 3"),
                   ==, 1);
  g_assert_cmpint (query_int (store2, "SELECT count (*) FROM reflections"), ==, 0);

  /* the reports there are the same */
  {
    g_autoptr(GPtrArray) a = bekal_report_gap (fixture->store, &error);
    g_autoptr(GPtrArray) b = bekal_report_gap (store2, &error);
    g_autoptr(GPtrArray) ia = bekal_item_analysis_run (fixture->store, NULL, &error);
    g_autoptr(GPtrArray) ib = bekal_item_analysis_run (store2, NULL, &error);

    gap1 = bekal_report_gap_to_csv (a);
    gap2 = bekal_report_gap_to_csv (b);
    items1 = bekal_item_analysis_to_csv (ia);
    items2 = bekal_item_analysis_to_csv (ib);
    g_assert_cmpstr (gap1, ==, gap2);
    g_assert_cmpstr (items1, ==, items2);
  }

  /* exported there, the statements are the same ones */
  g_assert_true (bekal_xapi_export (store2, file2, BEKAL_XAPI_FLAGS_WITH_NAMES, NULL, &error));
  text2 = read_file (file2);
  g_assert_true (same_statements (named, text2));

  /* twice adds nothing; back into the first folder adds nothing either */
  g_assert_true (bekal_xapi_import (store2, fixture->file, &summary, &error));
  g_assert_cmpuint (summary.n_profiles + summary.n_attempts + summary.n_answers
                    + summary.n_lessons, ==, 0);
  g_assert_cmpuint (summary.n_already_present, ==, 33);
  g_assert_true (bekal_xapi_import (fixture->store, file2, &summary, &error));
  g_assert_cmpuint (summary.n_already_present, ==, 33);
  assert_counts_consistent (fixture->store);

  /* a later post-test of Budi's on the second laptop: imported into the first, it becomes
   * his counted post-test there, and the sums lose the one counted before */
  {
    gint64 budi = query_int (store2, "SELECT id FROM profiles WHERE name = 'Budi'");
    const char *order[] = { "q1", "q2", "q3", NULL };
    g_autofree char *file3 = g_build_filename (dir2, "later.jsonl", NULL);
    gint64 before = query_int (fixture->store,
                               "SELECT attempt_id FROM report_contributions c"
                               " JOIN profiles p ON p.id = c.profile_id"
                               " WHERE p.name = 'Budi' AND c.role = 'posttest'"
                               " AND c.topic_id = ''");
    gint64 id;

    id = bekal_store_start_attempt (store2, budi, "m", "1.0", "abc", "post",
                                    BEKAL_QUIZ_POSTTEST, 777, order, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 3; i++)
      {
        bekal_store_record_answer (store2, id, order[i], "t", i < 2 ? "a" : "d", i < 2 ? 1 : 0,
                                   &error);
        g_assert_no_error (error);
      }
    bekal_store_finish_attempt (store2, id, 2 / 3.0, BEKAL_QUIZ_VERDICT_PASSED, &error);
    g_assert_no_error (error);
    /* later than the first laptop's post-test, whatever the clock did */
    g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (store2),
                                   "UPDATE quiz_attempts SET finished_at = finished_at + 100"
                                   " WHERE seed = 777", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (bekal_xapi_export (store2, file3, BEKAL_XAPI_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (bekal_xapi_import (fixture->store, file3, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.n_attempts, ==, 1);
    g_assert_cmpuint (summary.n_answers, ==, 3);
    g_assert_cmpint (query_int (fixture->store,
                                "SELECT attempt_id FROM report_contributions c"
                                " JOIN profiles p ON p.id = c.profile_id"
                                " WHERE p.name = 'Budi' AND c.role = 'posttest'"
                                " AND c.topic_id = ''"), !=, before);
    assert_counts_consistent (fixture->store);
  }

  /* an unnamed learner is a placeholder "Peserta" and the start of the UUID */
  g_clear_object (&store2);
  test_remove_tree (dir2);
  store2 = bekal_store_open (dir2, &error);
  g_assert_true (bekal_xapi_import (store2, fixture->file, &summary, &error));
  {
    g_autofree char *name = query_text (store2, "SELECT name FROM profiles ORDER BY name");
    g_autofree char *sql = g_strdup_printf ("SELECT name FROM profiles WHERE uuid = '%s'", uuid);
    g_autofree char *budi = query_text (store2, sql);
    g_autofree char *expected = g_strdup_printf ("Peserta %.8s", uuid);

    g_assert_true (g_str_has_prefix (name, "Peserta "));
    g_assert_cmpstr (budi, ==, expected);
  }
  g_clear_object (&store2);
  test_remove_tree (dir2);
}

/* Rewrites the statement lines with @edit and writes a valid header count and checksum, as a
 * forger with the format's documentation would */
static void
write_with_checksum (const char *path,
                     const char *header,
                     GPtrArray  *statements)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (out, "%s\n", header);
  for (guint i = 0; i < statements->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (statements, i));
  g_checksum_update (sum, (const guchar *) out->str, out->len);
  g_string_append_printf (out, "{\"sha256\":\"%s\",\"statements\":%u}\n",
                          g_checksum_get_string (sum), statements->len);
  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);
}

static void
assert_refused (BekalStore *store,
                const char *path,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  gint64 attempts = query_int (store, "SELECT count (*) FROM quiz_attempts");
  gint64 answers = query_int (store, "SELECT count (*) FROM quiz_answers");
  gint64 profiles = query_int (store, "SELECT count (*) FROM profiles");

  g_assert_false (bekal_xapi_import (store, path, NULL, &error));
  g_assert_error (error, BEKAL_XAPI_ERROR, code);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  /* nothing half-imported */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM quiz_attempts"), ==, attempts);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM quiz_answers"), ==, answers);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM profiles"), ==, profiles);
  assert_consistent (store);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir2 = test_make_tmp_dir ();
  g_autofree char *bad = g_build_filename (dir2, "rusak.jsonl", NULL);
  g_autoptr(BekalStore) store2 = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  guint n_lines;

  g_assert_true (bekal_xapi_export (fixture->store, fixture->file, BEKAL_XAPI_FLAGS_NONE, NULL,
                                    &error));
  text = read_file (fixture->file);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines) - 1; /* the file ends with a newline */
  for (guint i = 1; i + 1 < n_lines; i++)
    g_ptr_array_add (statements, g_strdup (lines[i]));

  store2 = bekal_store_open (dir2, &error);
  g_assert_no_error (error);

  /* truncated: the last lines cut off, or cut in the middle of a line */
  g_file_set_contents (bad, text, (gssize) (strlen (text) - strlen (lines[n_lines - 1]) - 1
                                             - strlen (lines[n_lines - 2]) - 1), &error);
  assert_refused (store2, bad, BEKAL_XAPI_ERROR_CHECKSUM, "checksum");
  g_file_set_contents (bad, text, (gssize) strlen (text) / 2, &error);
  assert_refused (store2, bad, BEKAL_XAPI_ERROR_CHECKSUM, NULL);

  /* edited: one digit of a score changed */
  {
    g_autofree char *edited = g_strdup (text);
    char *score = strstr (edited, "\"scaled\":1");

    score[9] = '0';
    g_file_set_contents (bad, edited, -1, &error);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_CHECKSUM, NULL);
  }

  /* a newer format */
  {
    g_autofree char *header = g_strdup (lines[0]);

    memcpy (strstr (header, "\"version\":1"), "\"version\":7", 11);
    write_with_checksum (bad, header, statements);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_NEWER_FORMAT, "newer");
  }

  /* not a results file at all, and an empty file */
  g_file_set_contents (bad, "{\"hello\":1}\n", -1, &error);
  assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, NULL);
  g_file_set_contents (bad, "", 0, &error);
  assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, NULL);

  /* a statement twice, with a header and checksum that agree */
  {
    g_autofree char *header = g_strdup_printf ("{\"format\":\"bekal-results\",\"version\":1,"
                                               "\"statements\":%u}", statements->len + 1);

    g_ptr_array_add (statements, g_strdup (g_ptr_array_index (statements, 3)));
    write_with_checksum (bad, header, statements);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_DUPLICATE_ID, "twice");
    g_ptr_array_remove_index (statements, statements->len - 1);
  }

  /* invalid JSON with a valid checksum */
  {
    g_autofree char *header = g_strdup_printf ("{\"format\":\"bekal-results\",\"version\":1,"
                                               "\"statements\":%u}", statements->len);
    char *saved = g_ptr_array_index (statements, 2);

    statements->pdata[2] = g_strdup ("{\"id\": [1, 2");
    write_with_checksum (bad, header, statements);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, "Line 4");
    g_free (statements->pdata[2]);

    /* nested deeper than the parser is allowed to recurse */
    {
      g_autoptr(GString) deep = g_string_new ("{\"id\":");

      for (guint i = 0; i < 5000; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < 5000; i++)
        g_string_append_c (deep, ']');
      g_string_append_c (deep, '}');
      statements->pdata[2] = g_string_free (g_steal_pointer (&deep), FALSE);
      write_with_checksum (bad, header, statements);
      assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, "nested more than 32 levels");
      g_free (statements->pdata[2]);
    }

    /* a line longer than an import reads */
    {
      g_autofree char *padding = g_strnfill (BEKAL_XAPI_MAX_LINE + 10, ' ');

      statements->pdata[2] = g_strconcat (saved, padding, NULL);
      write_with_checksum (bad, header, statements);
      assert_refused (store2, bad, BEKAL_XAPI_ERROR_TOO_LARGE, "longer than");
      g_free (statements->pdata[2]);
    }

    /* an empty line and a value that is not an object */
    statements->pdata[2] = g_strdup ("");
    write_with_checksum (bad, header, statements);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, "Line 4");
    g_free (statements->pdata[2]);
    statements->pdata[2] = g_strdup ("[\"id\"]");
    write_with_checksum (bad, header, statements);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, "Line 4");
    g_free (statements->pdata[2]);

    /* forged: a record changed under its old id (another answer's question) */
    statements->pdata[2] = g_strdup (saved);
    for (guint i = 0; i < statements->len; i++)
      {
        char *q = strstr (statements->pdata[i], "\"question\":\"q1\"");

        if (q != NULL)
          {
            q[13] = '2';
            break;
          }
      }
    write_with_checksum (bad, header, statements);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_FORGED_ID, "does not belong");
    g_free (saved);
  }

  /* forged against the store: the same ids, other content than what the store holds */
  g_assert_true (bekal_xapi_import (store2, fixture->file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (store2),
                                 "UPDATE quiz_answers SET response = 'z' WHERE id = 2", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  assert_refused (store2, fixture->file, BEKAL_XAPI_ERROR_FORGED_ID, "other content");
  g_assert_cmpint (query_int (store2, "SELECT count (*) FROM quiz_answers WHERE response = 'z'"),
                   ==, 1);

  /* huge: refused before reading */
  {
    int fd = g_open (bad, O_WRONLY | O_TRUNC, 0);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, BEKAL_XAPI_MAX_FILE_SIZE + 1), ==, 0);
    close (fd);
    assert_refused (store2, bad, BEKAL_XAPI_ERROR_TOO_LARGE, NULL);
  }

  g_clear_object (&store2);
  test_remove_tree (dir2);
}

/* Runs bekal-author results export on @dir, with or without names; returns the file's text */
static char *
author_export (const char *dir,
               gboolean    with_names)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  g_autofree char *file = g_build_filename (dir, with_names ? "named.jsonl" : "codes.jsonl",
                                            NULL);
  const char *argv[] = { author, "results", "export", "--data-dir", dir, "-o", file,
                         with_names ? "--with-names" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (author);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return read_file (file);
}

/* What a learner wrote for themselves never leaves the data folder; who they are leaves it
 * only when the trainer asks for names */
static void
test_privacy (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *private_words[] = { "REFLEKSI-PRIBADI", "RAHASIA-REFLEKSI", NULL };
  const char *who[] = { "Siti", "Aminah", "Sentra Mulya", "Peksos", "Budi", NULL };
  g_autofree char *api_codes = NULL, *api_named = NULL, *cli_codes = NULL, *cli_named = NULL;
  g_autoptr(GPtrArray) for_lrs = NULL;
  g_autoptr(GString) all_for_lrs = g_string_new (NULL);

  /* reflections on the lesson that has a statement, and one in every learner's profile */
  for (gint64 p = 1; p <= 2; p++)
    {
      g_autofree char *text = g_strdup_printf ("REFLEKSI-PRIBADI %" G_GINT64_FORMAT
                                               " \"kutipan\"\nbaris dua", p);

      g_assert_true (bekal_store_save_reflection (fixture->store, p, "m", "pengantar", text,
                                                  &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM reflections"), ==, 3);

  g_assert_true (bekal_xapi_export (fixture->store, fixture->file, BEKAL_XAPI_FLAGS_NONE, NULL,
                                    &error));
  api_codes = read_file (fixture->file);
  g_assert_true (bekal_xapi_export (fixture->store, fixture->file, BEKAL_XAPI_FLAGS_WITH_NAMES,
                                    NULL, &error));
  api_named = read_file (fixture->file);
  cli_codes = author_export (fixture->dir, FALSE);
  cli_named = author_export (fixture->dir, TRUE);
  /* what a push sends: always without names */
  for_lrs = bekal_xapi_list_statements (fixture->store, BEKAL_XAPI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < for_lrs->len; i++)
    g_string_append (all_for_lrs, g_ptr_array_index (for_lrs, i));

  for (guint i = 0; private_words[i] != NULL; i++)
    {
      g_assert_null (strstr (api_codes, private_words[i]));
      g_assert_null (strstr (api_named, private_words[i]));
      g_assert_null (strstr (cli_codes, private_words[i]));
      g_assert_null (strstr (cli_named, private_words[i]));
      g_assert_null (strstr (all_for_lrs->str, private_words[i]));
    }
  for (guint i = 0; who[i] != NULL; i++)
    {
      g_assert_null (strstr (api_codes, who[i]));
      g_assert_null (strstr (cli_codes, who[i]));
      g_assert_null (strstr (all_for_lrs->str, who[i]));
      g_assert_nonnull (strstr (api_named, who[i]));
      g_assert_nonnull (strstr (cli_named, who[i]));
    }
  g_assert_true (same_statements (api_codes, cli_codes));
  g_assert_true (same_statements (api_named, cli_named));
  /* the header says which kind of file it is */
  g_assert_nonnull (strstr (cli_codes, "\"with_names\":false"));
  g_assert_nonnull (strstr (cli_named, "\"with_names\":true"));
}

/* npm packages: installed by tests/npm/install.sh into BUILD_DIR/npm. Missing, they fail the
 * test under CI=true (CI must run it) and skip it elsewhere, saying how to install them. */

static char *
npm_modules (const char *package)
{
  const char *dir = g_getenv ("BEKAL_NPM_DIR");
  g_autofree char *modules = dir != NULL ? g_build_filename (dir, "node_modules", NULL) : NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *why = NULL;

  if (modules != NULL)
    manifest = g_build_filename (modules, package, "package.json", NULL);
  if (node == NULL)
    why = g_strdup ("node is not installed (apt-get install nodejs npm)");
  else if (manifest == NULL || !g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    why = g_strdup_printf ("the npm package %s is not installed in %s; run "
                           "build-aux/setup.sh --with-tests or tests/npm/install.sh BUILD_DIR",
                           package, dir != NULL ? dir : "BUILD_DIR/npm");
  if (why == NULL)
    return g_steal_pointer (&modules);

  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("CI=true and %s", why);
  else
    g_test_skip_printf ("%s", why);
  return NULL;
}

static void
test_xapi_validation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *modules = npm_modules ("xapi-validation");
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "npm",
                                              "xapi-validate.js", NULL);
  g_autofree char *out = NULL;
  int status = 0;

  if (modules == NULL)
    return;

  /* with names, so that the named actor is checked too */
  g_assert_true (bekal_xapi_export (fixture->store, fixture->file, BEKAL_XAPI_FLAGS_WITH_NAMES,
                                    NULL, &error));
  {
    const char *argv[] = { "node", script, modules, fixture->file, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "CHECKED 33 INVALID 0"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* every kind of statement Bekal writes was checked */
  g_assert_nonnull (strstr (out, "verbs/attempted http://adlnet.gov/expapi/activities/assessment"));
  g_assert_nonnull (strstr (out, "verbs/answered http://adlnet.gov/expapi/activities/"
                                 "cmi.interaction"));
  g_assert_nonnull (strstr (out, "verbs/completed http://adlnet.gov/expapi/activities/"
                                 "assessment"));
  g_assert_nonnull (strstr (out, "verbs/completed http://adlnet.gov/expapi/activities/lesson"));
  g_assert_nonnull (strstr (out, "verbs/passed http://adlnet.gov/expapi/activities/assessment"));
  g_assert_nonnull (strstr (out, "verbs/failed http://adlnet.gov/expapi/activities/assessment"));
}

/* Our own LRS on loopback, in a thread: answers by a script of status codes */

typedef struct
{
  GMutex      lock;
  GMainLoop  *loop;
  GMainContext *context;
  SoupServer *server;
  guint       port;
  GArray     *script;        /* guint status per request; 0 = hang (timeout); then 200 */
  guint       n_requests;
  GHashTable *ids;           /* statement ids received with 200 */
  gboolean    bad_headers;
  GThread    *thread;
  GPtrArray  *paused;        /* SoupServerMessage never answered, answered at the stop */
} OwnLrs;

static void
on_statements (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  OwnLrs *lrs = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  guint status = 200;
  guint index;

  g_mutex_lock (&lrs->lock);
  index = lrs->n_requests++;
  if (index < lrs->script->len)
    status = g_array_index (lrs->script, guint, index);
  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Experience-API-Version"), "1.0.3")
      != 0
      || g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"),
                    "Basic dXNlcjpyYWhhc2lh") != 0) /* user:rahasia */
    lrs->bad_headers = TRUE;

  if (status == 200)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      const char *p = text;

      while ((p = strstr (p, "{\"id\":\"")) != NULL)
        {
          /* statement ids, not the ids of verbs and parent activities */
          if (strlen (p + 7) > 36 && p[7 + 8] == '-' && p[7 + 36] == '"')
            g_hash_table_add (lrs->ids, g_strndup (p + 7, 36));
          p += 7;
        }
    }
  g_mutex_unlock (&lrs->lock);

  if (status == 0)
    {
      /* never answered: the client's timeout fires; the connection is dropped at the end */
      soup_server_message_pause (message);
      g_ptr_array_add (lrs->paused, g_object_ref (message));
      return;
    }
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static gpointer
own_lrs_thread (gpointer data)
{
  OwnLrs *lrs = data;

  g_main_context_push_thread_default (lrs->context);
  g_main_loop_run (lrs->loop);
  g_main_context_pop_thread_default (lrs->context);
  return NULL;
}

static OwnLrs *
own_lrs_start (const guint *script,
               guint        n)
{
  OwnLrs *lrs = g_new0 (OwnLrs, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  GSList *listeners;

  g_mutex_init (&lrs->lock);
  lrs->paused = g_ptr_array_new_with_free_func (g_object_unref);
  lrs->script = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (lrs->script, script, n);
  lrs->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lrs->context = g_main_context_new ();
  lrs->loop = g_main_loop_new (lrs->context, FALSE);

  g_main_context_push_thread_default (lrs->context);
  lrs->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (lrs->server, "/xAPI/statements", on_statements, lrs, NULL);
  g_assert_true (soup_server_listen (lrs->server, address, 0, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (lrs->context);
  /* the port from the listening socket (soup_server_get_uris () leaks an address) */
  listeners = soup_server_get_listeners (lrs->server);
  {
    g_autoptr(GSocketAddress) bound = g_socket_get_local_address (listeners->data, &error);

    g_assert_no_error (error);
    lrs->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  g_slist_free (listeners);

  lrs->thread = g_thread_new ("own-lrs", own_lrs_thread, lrs);
  return lrs;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
own_lrs_stop (OwnLrs *lrs)
{
  g_main_context_invoke (lrs->context, quit_loop, lrs->loop);
  g_thread_join (lrs->thread);
  g_main_context_push_thread_default (lrs->context);
  /* the requests left hanging end now, so that their connections are freed */
  for (guint i = 0; i < lrs->paused->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (lrs->paused, i);

      soup_server_message_set_status (message, 503, NULL);
      soup_server_message_unpause (message);
    }
  while (g_main_context_iteration (lrs->context, FALSE))
    ;
  g_ptr_array_unref (lrs->paused);
  soup_server_disconnect (lrs->server);
  g_object_unref (lrs->server);
  while (g_main_context_iteration (lrs->context, FALSE))
    ;
  g_main_context_pop_thread_default (lrs->context);
  g_main_loop_unref (lrs->loop);
  g_main_context_unref (lrs->context);
  g_hash_table_unref (lrs->ids);
  g_array_unref (lrs->script);
  g_mutex_clear (&lrs->lock);
  g_free (lrs);
}

static char *
own_lrs_endpoint (OwnLrs *lrs)
{
  return g_strdup_printf ("http://127.0.0.1:%u/xAPI/", lrs->port);
}

static const BekalXapiPushOptions quick = { 10, 1, 3, 20 };

static void
test_push_own_server (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BekalXapiPushSummary summary = { 0 };
  g_autofree char *endpoint = NULL;
  OwnLrs *lrs;

  /* 500, then a request that never gets an answer (timeout), then 200s: 33 statements in
   * batches of 10 arrive with two retries */
  {
    const guint script[] = { 500, 0 };

    lrs = own_lrs_start (script, G_N_ELEMENTS (script));
    endpoint = own_lrs_endpoint (lrs);
    g_assert_true (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &quick,
                                    &summary, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.n_sent, ==, 33);
    g_assert_cmpuint (summary.n_retries, ==, 2);
    g_assert_cmpuint (g_hash_table_size (lrs->ids), ==, 33);
    g_assert_cmpuint (lrs->n_requests, ==, 4 + 2);
    g_assert_false (lrs->bad_headers);

    /* nothing is sent twice */
    g_assert_true (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &quick,
                                    &summary, NULL, &error));
    g_assert_cmpuint (summary.n_sent, ==, 0);
    g_assert_cmpuint (summary.n_already_sent, ==, 33);
    g_assert_cmpuint (lrs->n_requests, ==, 6);
    own_lrs_stop (lrs);
    g_clear_pointer (&endpoint, g_free);
  }

  /* a new LRS: the first batch goes, then 500 for ever; the push gives up after its retries,
   * remembering the batch that arrived; the next push resumes with the second batch */
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (fixture->store),
                                 "DELETE FROM lrs_sent", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    const guint script[] = { 200, 500, 500, 500, 500 };

    lrs = own_lrs_start (script, G_N_ELEMENTS (script));
    endpoint = own_lrs_endpoint (lrs);
    g_assert_false (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &quick,
                                     &summary, NULL, &error));
    g_assert_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS);
    g_assert_nonnull (strstr (error->message, "500"));
    g_clear_error (&error);
    g_assert_cmpuint (summary.n_sent, ==, 10);
    g_assert_cmpuint (lrs->n_requests, ==, 1 + 4);

    g_assert_true (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &quick,
                                    &summary, NULL, &error));
    g_assert_cmpuint (summary.n_sent, ==, 23);
    g_assert_cmpuint (summary.n_already_sent, ==, 10);
    g_assert_cmpuint (g_hash_table_size (lrs->ids), ==, 33);
    own_lrs_stop (lrs);
    g_clear_pointer (&endpoint, g_free);
  }

  /* 409: reported, not tried again */
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (fixture->store),
                                 "DELETE FROM lrs_sent", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    const guint script[] = { 409 };

    lrs = own_lrs_start (script, G_N_ELEMENTS (script));
    endpoint = own_lrs_endpoint (lrs);
    g_assert_false (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &quick,
                                     &summary, NULL, &error));
    g_assert_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpuint (lrs->n_requests, ==, 1);
    g_assert_cmpuint (summary.n_retries, ==, 0);
    g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM lrs_sent"), ==, 0);
    own_lrs_stop (lrs);
  }

  /* not an LRS address */
  g_assert_false (bekal_xapi_push (fixture->store, "ftp://x", "user", "rahasia", &quick,
                                   &summary, NULL, &error));
  g_assert_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS);
  assert_consistent (fixture->store);
}

/* Learning Locker's statements service */

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Starts the LRS on 127.0.0.1:@port only (tests/npm/loopback-only.js), its files in @dir */
static GPid
start_learning_locker (const char *modules,
                       const char *dir,
                       guint       port)
{
  g_autofree char *index = g_build_filename (modules, "xapi-statements", "dist", "index.js",
                                             NULL);
  g_autofree char *loopback = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "npm",
                                                "loopback-only.js", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { "node", "-r", loopback, index, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  env = g_environ_setenv (env, "AUTH_REPO", "test", TRUE);
  env = g_environ_setenv (env, "EVENTS_REPO", "test", TRUE);
  env = g_environ_setenv (env, "MODELS_REPO", "memory", TRUE);
  env = g_environ_setenv (env, "STORAGE_REPO", "memory", TRUE);
  env = g_environ_setenv (env, "EXPRESS_PORT", port_text, TRUE);
  g_assert_true (g_spawn_async (dir, (char **) argv, env,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                                | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static void
stop_learning_locker (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

/* The statements the LRS holds, read with GET and its "more" cursor; -1 when it is not up */
static int
count_lrs_statements (guint port)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *next = g_strdup_printf ("/xAPI/statements?limit=50");
  int total = 0;

  while (next != NULL && *next != '\0')
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, next);
      g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
      g_autoptr(GBytes) reply = NULL;
      g_autofree char *text = NULL;
      const char *more, *p;

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "X-Experience-API-Version", "1.0.3");
      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    "Basic dXNlcjpyYWhhc2lh");
      reply = soup_session_send_and_read (session, message, NULL, NULL);
      if (reply == NULL || soup_message_get_status (message) != 200)
        return -1;
      text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
      for (p = text; (p = strstr (p, "\"verb\":")) != NULL; p++)
        total++;
      g_clear_pointer (&next, g_free);
      more = strstr (text, "\"more\":\"");
      if (more != NULL)
        next = g_strndup (more + 8, strcspn (more + 8, "\""));
    }

  return total;
}

static int
wait_for_lrs (guint port)
{
  for (int i = 0; i < 300; i++)
    {
      int n = count_lrs_statements (port);

      if (n >= 0)
        return n;
      g_usleep (100 * 1000);
    }
  return -1;
}

static void
test_push_learning_locker (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *modules = npm_modules ("xapi-statements");
  g_autofree char *endpoint = NULL;
  BekalXapiPushSummary summary = { 0 };
  const BekalXapiPushOptions options = { 10, 10, 1, 50 };
  guint port;
  GPid pid;

  if (modules == NULL)
    return;

  port = free_port ();
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/xAPI", port);
  pid = start_learning_locker (modules, fixture->dir, port);
  g_assert_cmpint (wait_for_lrs (port), ==, 0);

  /* every exported statement arrives */
  g_assert_true (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &options,
                                  &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_sent, ==, 33);
  g_assert_cmpint (count_lrs_statements (port), ==, 33);

  /* a second push adds none */
  g_assert_true (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &options,
                                  &summary, NULL, &error));
  g_assert_cmpuint (summary.n_sent, ==, 0);
  g_assert_cmpint (count_lrs_statements (port), ==, 33);

  /* interrupted: more results arrive, the LRS stops; the push fails and sends nothing; the
   * LRS comes back (empty: it keeps statements in memory) and the push resumes with only the
   * statements not delivered before */
  fill_store (fixture->store);
  stop_learning_locker (pid);
  g_assert_false (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &options,
                                   &summary, NULL, &error));
  g_assert_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS);
  g_clear_error (&error);
  g_assert_cmpuint (summary.n_sent, ==, 0);
  g_assert_cmpuint (summary.n_retries, ==, 1);

  pid = start_learning_locker (modules, fixture->dir, port);
  g_assert_cmpint (wait_for_lrs (port), ==, 0);
  g_assert_true (bekal_xapi_push (fixture->store, endpoint, "user", "rahasia", &options,
                                  &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_already_sent, ==, 33);
  g_assert_cmpuint (summary.n_sent, ==, 33);
  g_assert_cmpint (count_lrs_statements (port), ==, 33);
  stop_learning_locker (pid);
}

/* Statement ids are name-based UUIDs (RFC 4122 version 5); they must never change between
 * versions of Bekal, or a second import would add everything again. The expected value is
 * Python's uuid.uuid5 (UUID ('6f1c2d0e-5b7a-4c3e-9a41-2f8e7d6c5b4a'), 'answered\nx'). */
static void
test_name_uuid (void)
{
  char out[37];

  bekal_xapi_name_uuid ("answered\nx", strlen ("answered\nx"), out);
  g_assert_cmpstr (out, ==, "8a7d82d3-26bc-5bc9-9cea-7cb875f3bdd9");
}

/* A file of several thousand statements: imported whole, and of two bad lines far apart the
 * first is named */
static void
test_many_statements (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir2 = test_make_tmp_dir ();
  g_autofree char *bad = g_build_filename (dir2, "rusak.jsonl", NULL);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *header = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  BekalXapiImportSummary summary = { 0 };
  BekalStore *store2;
  guint n_lines;

  /* 600 more learners with a pre-test each: 6 statements a learner */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Peserta %u", i);
      const double scores[] = { i % 2, (i / 2) % 2, 1 };
      gint64 p = bekal_store_create_profile (fixture->store, name, "", "", 0, i % 3 == 0,
                                             &error);

      g_assert_no_error (error);
      add_attempt (fixture->store, p, "pre", BEKAL_QUIZ_PRETEST, BEKAL_QUIZ_VERDICT_NONE, scores,
                   3);
    }
  g_assert_true (bekal_xapi_export (fixture->store, fixture->file, BEKAL_XAPI_FLAGS_WITH_NAMES,
                                    NULL, &error));
  g_assert_no_error (error);

  store2 = bekal_store_open (dir2, &error);
  g_assert_no_error (error);
  g_assert_true (bekal_xapi_import (store2, fixture->file, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_statements, ==, 33 + 600 * 6);
  g_assert_cmpuint (summary.n_profiles, ==, 602);
  g_assert_cmpuint (summary.n_answers, ==, 20 + 600 * 4);
  assert_counts_consistent (store2);

  text = read_file (fixture->file);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines) - 1;
  g_assert_cmpuint (n_lines, >, 3000);
  for (guint i = 1; i + 1 < n_lines; i++)
    g_ptr_array_add (statements, g_strdup (lines[i]));
  header = g_strdup (lines[0]);

  /* a bad line far into the file */
  g_free (statements->pdata[2999]);
  statements->pdata[2999] = g_strdup ("{\"id\": 1");
  write_with_checksum (bad, header, statements);
  assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, "Line 3001 ");
  /* and one near its start: that one is named */
  g_free (statements->pdata[9]);
  statements->pdata[9] = g_strdup ("[]");
  write_with_checksum (bad, header, statements);
  assert_refused (store2, bad, BEKAL_XAPI_ERROR_INVALID, "Line 11 ");

  g_object_unref (store2);
  test_remove_tree (dir2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/xapi/name-uuid", test_name_uuid);
  ADD_TEST ("/xapi/export-import", test_export_import);
  ADD_TEST ("/xapi/bad-files", test_bad_files);
  ADD_TEST ("/xapi/privacy", test_privacy);
  ADD_TEST ("/xapi/many-statements", test_many_statements);
  ADD_TEST ("/xapi/npm/xapi-validation", test_xapi_validation);
  ADD_TEST ("/xapi/push-own-server", test_push_own_server);
  ADD_TEST ("/xapi/npm/push-learning-locker", test_push_learning_locker);

  return g_test_run ();
}
