/* test-store-trainer.c: the trainer passphrase, learners' PINs, merging and deleting learners,
 * and the permissions of the data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>
#include <bekal/bekal-store-trainer.h>

#include "bekal-store-private.h"

#define PASSPHRASE "kunci-pelatih-2024"

typedef struct
{
  char *dir;
  char *data_dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bekal-trainer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->db_path = g_build_filename (fixture->data_dir, "bekal.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_remove (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->db_path);
}

static BekalStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  BekalStore *store = bekal_store_open (fixture->data_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
query_int (BekalStore *store,
           const char *sql)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_sql (BekalStore *store,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (store), sql, NULL, NULL,
                                 NULL), ==, SQLITE_OK);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_passphrase_never_in_clear (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  BekalStore *store = open_store (fixture);
  gboolean has = TRUE;

  g_assert_true (bekal_store_has_trainer_passphrase (store, &has, &error));
  g_assert_no_error (error);
  g_assert_false (has);

  /* too short: 7 characters, even though it is more than 8 bytes */
  g_assert_false (bekal_store_set_trainer_passphrase (store, "ééééééé", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "8"));
  g_clear_error (&error);

  g_assert_true (bekal_store_set_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (bekal_store_has_trainer_passphrase (store, &has, &error));
  g_assert_true (has);

  g_assert_true (bekal_store_verify_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (bekal_store_verify_trainer_passphrase (store, "kunci-pelatih-2025", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  /* while open, the WAL may hold the page; after closing, the file itself */
  g_assert_false (file_contains (fixture->db_path, PASSPHRASE));
  g_assert_false (file_contains (wal, PASSPHRASE));
  g_object_unref (store);

  g_assert_false (file_contains (fixture->db_path, PASSPHRASE));
  g_assert_false (file_contains (wal, PASSPHRASE));
  /* what is there is an Argon2id hash */
  g_assert_true (file_contains (fixture->db_path, "$argon2id$"));
}

static void
test_throttle_persists (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BekalStore *store = open_store (fixture);
  gint64 wait = -1;
  guint failed = 0;
  gboolean has = FALSE;

  g_assert_true (bekal_store_set_trainer_passphrase (store, PASSPHRASE, &error));

  for (int i = 0; i < BEKAL_SECRET_FREE_TRIES; i++)
    {
      g_assert_true (bekal_store_get_trainer_wait (store, &wait, &failed, &error));
      g_assert_cmpint (wait, ==, 0);
      g_assert_cmpuint (failed, ==, (guint) i);
      g_assert_false (bekal_store_verify_trainer_passphrase (store, "salah-salah", &error));
      g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
      g_clear_error (&error);
    }

  g_assert_true (bekal_store_get_trainer_wait (store, &wait, &failed, &error));
  g_assert_cmpuint (failed, ==, BEKAL_SECRET_FREE_TRIES);
  g_assert_cmpint (wait, >, 25);
  g_assert_cmpint (wait, <=, 30);

  /* even the right passphrase is not checked during the wait */
  g_assert_false (bekal_store_verify_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_THROTTLED);
  g_clear_error (&error);
  g_object_unref (store);

  /* kept across a restart */
  store = open_store (fixture);
  g_assert_false (bekal_store_verify_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_THROTTLED);
  g_clear_error (&error);

  /* the wait doubles with each further wrong try, up to 15 minutes */
  exec_sql (store, "UPDATE trainer_lock SET failed_tries = 6, last_failed_at = strftime('%s')");
  g_assert_true (bekal_store_get_trainer_wait (store, &wait, NULL, &error));
  g_assert_cmpint (wait, >, 55);
  g_assert_cmpint (wait, <=, 60);
  exec_sql (store, "UPDATE trainer_lock SET failed_tries = 40, last_failed_at = strftime('%s')");
  g_assert_true (bekal_store_get_trainer_wait (store, &wait, NULL, &error));
  g_assert_cmpint (wait, >, 890);
  g_assert_cmpint (wait, <=, 900);

  /* once the wait is over, a wrong try is checked again and counted */
  exec_sql (store, "UPDATE trainer_lock SET failed_tries = 5,"
                   " last_failed_at = strftime('%s') - 31");
  g_assert_false (bekal_store_verify_trainer_passphrase (store, "salah-lagi", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT failed_tries FROM trainer_lock"), ==, 6);

  /* the right one after the wait clears the count */
  exec_sql (store, "UPDATE trainer_lock SET last_failed_at = strftime('%s') - 61");
  g_assert_true (bekal_store_verify_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT failed_tries FROM trainer_lock"), ==, 0);

  /* the reset forgets the passphrase and the count */
  exec_sql (store, "UPDATE trainer_lock SET failed_tries = 9, last_failed_at = strftime('%s')");
  g_assert_true (bekal_store_reset_trainer (store, &error));
  g_assert_true (bekal_store_has_trainer_passphrase (store, &has, &error));
  g_assert_false (has);
  g_assert_true (bekal_store_get_trainer_wait (store, &wait, &failed, &error));
  g_assert_cmpint (wait, ==, 0);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_false (bekal_store_verify_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_object_unref (store);
}

static void
test_pin_rules (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const refused[] = { "123", "123456789", "12a4", "", "12 34", "١٢٣٤" };
  g_autoptr(GError) error = NULL;
  BekalStore *store = open_store (fixture);
  gint64 ani, budi;
  gboolean has = TRUE;
  gint64 wait = 0;

  ani = bekal_store_create_profile (store, "Ani", "Sentra A", "", 1, FALSE, &error);
  budi = bekal_store_create_profile (store, "Budi", "Sentra A", "", 1, FALSE, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (bekal_store_set_profile_pin (store, ani, refused[i], &error));
      g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "4"));
      g_assert_nonnull (strstr (error->message, "8"));
      g_clear_error (&error);
    }
  g_assert_true (bekal_store_profile_has_pin (store, ani, &has, &error));
  g_assert_false (has);

  g_assert_true (bekal_store_set_profile_pin (store, ani, "2580", &error));
  g_assert_no_error (error);
  g_assert_true (bekal_store_profile_has_pin (store, ani, &has, &error));
  g_assert_true (has);
  g_assert_true (bekal_store_profile_has_pin (store, budi, &has, &error));
  g_assert_false (has);

  g_assert_true (bekal_store_verify_profile_pin (store, ani, "2580", &error));
  g_assert_no_error (error);
  /* the PIN of one profile is not another's */
  g_assert_false (bekal_store_verify_profile_pin (store, budi, "2580", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* change to 8 digits; the old one no longer opens */
  g_assert_true (bekal_store_set_profile_pin (store, ani, "12345678", &error));
  g_assert_false (bekal_store_verify_profile_pin (store, ani, "2580", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_false (file_contains (fixture->db_path, "12345678"));

  /* throttled per profile */
  g_assert_true (bekal_store_set_profile_pin (store, budi, "9999", &error));
  for (int i = 1; i < BEKAL_SECRET_FREE_TRIES; i++)
    {
      g_assert_false (bekal_store_verify_profile_pin (store, ani, "0000", &error));
      g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
      g_clear_error (&error);
    }
  g_assert_false (bekal_store_verify_profile_pin (store, ani, "12345678", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_THROTTLED);
  g_clear_error (&error);
  g_assert_true (bekal_store_get_profile_pin_wait (store, ani, &wait, NULL, &error));
  g_assert_cmpint (wait, >, 0);
  g_assert_true (bekal_store_verify_profile_pin (store, budi, "9999", &error));
  g_assert_no_error (error);

  g_assert_true (bekal_store_remove_profile_pin (store, ani, &error));
  g_assert_true (bekal_store_profile_has_pin (store, ani, &has, &error));
  g_assert_false (has);

  /* a profile that does not exist gets no PIN */
  g_assert_false (bekal_store_set_profile_pin (store, 4242, "1234", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_object_unref (store);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BekalStore *store = open_store (fixture);
  GAsyncResult *result = NULL;
  gint64 ani;

  ani = bekal_store_create_profile (store, "Ani", "", "", 0, FALSE, &error);

  bekal_store_set_trainer_passphrase_async (store, "pendek", NULL, on_async_done, &result);
  g_assert_false (bekal_store_set_trainer_passphrase_finish (store, wait_for (&result), &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  bekal_store_set_trainer_passphrase_async (store, PASSPHRASE, NULL, on_async_done, &result);
  g_assert_true (bekal_store_set_trainer_passphrase_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  bekal_store_verify_trainer_passphrase_async (store, "bukan-kuncinya", NULL, on_async_done,
                                               &result);
  g_assert_false (bekal_store_verify_trainer_passphrase_finish (store, wait_for (&result),
                                                                &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (query_int (store, "SELECT failed_tries FROM trainer_lock"), ==, 1);

  bekal_store_verify_trainer_passphrase_async (store, PASSPHRASE, NULL, on_async_done, &result);
  g_assert_true (bekal_store_verify_trainer_passphrase_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (query_int (store, "SELECT failed_tries FROM trainer_lock"), ==, 0);

  bekal_store_set_profile_pin_async (store, ani, "123", NULL, on_async_done, &result);
  g_assert_false (bekal_store_set_profile_pin_finish (store, wait_for (&result), &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  bekal_store_set_profile_pin_async (store, ani, "4321", NULL, on_async_done, &result);
  g_assert_true (bekal_store_set_profile_pin_finish (store, wait_for (&result), &error));
  g_clear_object (&result);
  bekal_store_verify_profile_pin_async (store, ani, "4321", NULL, on_async_done, &result);
  g_assert_true (bekal_store_verify_profile_pin_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_object_unref (store);
}

/* Waits for @slot while @other holds the write lock, which it lets go once the store says a
 * write waits for it; returns whether it did */
static gboolean
wait_behind_lock (BekalStore    *store,
                  sqlite3       *other,
                  GAsyncResult **slot)
{
  gboolean waited = FALSE;

  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  while (*slot == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      if (!waited && bekal_store_get_waiting_for_lock (store))
        {
          waited = TRUE;
          g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
        }
      g_usleep (2000);
    }
  if (!waited)
    g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  return waited;
}

/* Another program holds the database while a passphrase is checked and a PIN set: the
 * results wait for it, written when it lets go, instead of failing as busy */
static void
test_async_busy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BekalStore *store = open_store (fixture);
  g_autofree char *path = g_build_filename (fixture->data_dir, BEKAL_STORE_FILE_NAME, NULL);
  GAsyncResult *result = NULL;
  sqlite3 *other = NULL;
  gint64 ani;

  ani = bekal_store_create_profile (store, "Ani", "", "", 0, FALSE, &error);
  g_assert_true (bekal_store_set_trainer_passphrase (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  bekal_store_set_lock_wait (store, 15);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);

  bekal_store_verify_trainer_passphrase_async (store, "bukan-kuncinya", NULL, on_async_done,
                                               &result);
  g_assert_true (wait_behind_lock (store, other, &result));
  g_assert_false (bekal_store_verify_trainer_passphrase_finish (store, result, &error));
  /* wrong, and counted once the lock was free: not "busy" */
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (query_int (store, "SELECT failed_tries FROM trainer_lock"), ==, 1);

  bekal_store_set_profile_pin_async (store, ani, "4321", NULL, on_async_done, &result);
  g_assert_true (wait_behind_lock (store, other, &result));
  g_assert_true (bekal_store_set_profile_pin_finish (store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (bekal_store_verify_profile_pin (store, ani, "4321", &error));
  g_assert_no_error (error);

  sqlite3_close (other);
  g_object_unref (store);
}

static gint64
add_attempt (BekalStore *store,
             gint64      profile_id,
             BekalQuizRole role,
             double      score)
{
  static const char * const order[] = { "q1", "q2", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bekal_store_start_attempt (store, profile_id, "modul", "1", "hash", "tes", role, 1, order,
                                  &error);
  g_assert_no_error (error);
  g_assert_true (bekal_store_record_answer (store, id, "q1", "t1", "a", score, &error));
  g_assert_true (bekal_store_record_answer (store, id, "q2", "t2", "b", score, &error));
  g_assert_true (bekal_store_finish_attempt (store, id, score, BEKAL_QUIZ_VERDICT_NONE, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalProfile) gone = NULL;
  g_autoptr(BekalQuizAttempt) counted = NULL;
  g_autofree char *kept_text = NULL;
  g_autofree char *moved_text = NULL;
  BekalStore *store = open_store (fixture);
  BekalProfileSummary summary = { 0 };
  g_autofree char *sql = NULL;
  gint64 ani, ani2, pre_b, post_b;

  ani = bekal_store_create_profile (store, "Ani", "", "", 0, FALSE, &error);
  ani2 = bekal_store_create_profile (store, "Ani S.", "", "", 0, TRUE, &error);

  /* Ani did the post-test on the second profile only */
  add_attempt (store, ani, BEKAL_QUIZ_PRETEST, 0.5);
  pre_b = add_attempt (store, ani2, BEKAL_QUIZ_PRETEST, 0.25);
  post_b = add_attempt (store, ani2, BEKAL_QUIZ_POSTTEST, 1.0);
  g_assert_true (bekal_store_save_reflection (store, ani, "modul", "r1", "milik Ani", &error));
  g_assert_true (bekal_store_save_reflection (store, ani2, "modul", "r1", "kedua", &error));
  g_assert_true (bekal_store_save_reflection (store, ani2, "modul", "r2", "hanya kedua", &error));
  g_assert_true (bekal_store_mark_lesson_complete (store, ani2, "modul", "l1", &error));
  g_assert_true (bekal_store_set_profile_pin (store, ani2, "1111", &error));
  g_assert_true (bekal_store_set_value (store, BEKAL_STORE_KEY_LAST_PROFILE,
                                        sql = g_strdup_printf ("%" G_GINT64_FORMAT, ani2),
                                        &error));
  g_assert_no_error (error);

  g_assert_true (bekal_store_summarize_profile (store, ani2, &summary, &error));
  g_assert_cmpuint (summary.n_attempts, ==, 2);
  g_assert_cmpuint (summary.n_answers, ==, 4);
  g_assert_cmpuint (summary.n_reflections, ==, 2);
  g_assert_cmpuint (summary.n_progress_rows, ==, 1);

  g_assert_false (bekal_store_merge_profiles (store, ani, ani, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bekal_store_merge_profiles (store, ani, ani2, &error));
  g_assert_no_error (error);

  gone = bekal_store_dup_profile (store, ani2, &error);
  g_assert_null (gone);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (bekal_store_summarize_profile (store, ani, &summary, &error));
  g_assert_cmpuint (summary.n_attempts, ==, 3);
  g_assert_cmpuint (summary.n_answers, ==, 6);
  g_assert_cmpuint (summary.n_reflections, ==, 2);
  g_assert_cmpuint (summary.n_progress_rows, ==, 1);

  /* the kept profile's reflection stays where both had one */
  kept_text = bekal_store_load_reflection (store, ani, "modul", "r1", NULL, &error);
  g_assert_cmpstr (kept_text, ==, "milik Ani");
  moved_text = bekal_store_load_reflection (store, ani, "modul", "r2", NULL, &error);
  g_assert_cmpstr (moved_text, ==, "hanya kedua");

  /* the view decides: the first pre-test (Ani's own, made first), the latest post-test */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM counted_attempts"), ==, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM counted_attempts WHERE id = %" G_GINT64_FORMAT
                         " AND profile_id = %" G_GINT64_FORMAT, post_b, ani);
  g_assert_cmpint (query_int (store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM counted_attempts WHERE id = %" G_GINT64_FORMAT,
                         pre_b);
  g_assert_cmpint (query_int (store, sql), ==, 0);

  /* the report's sums follow the view and name no deleted profile */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM report_contributions WHERE profile_id = %"
                         G_GINT64_FORMAT, ani2);
  g_assert_cmpint (query_int (store, sql), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM report_contributions c"
                                     " LEFT JOIN counted_attempts a ON a.id = c.attempt_id"
                                     " WHERE a.id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM report_contributions"
                                     " WHERE topic_id = ''"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT sum(n) FROM report_gap_sums WHERE topic_id = ''"),
                   ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM profile_pins"), ==, 0);

  /* the start-up profile follows the merge */
  g_clear_pointer (&sql, g_free);
  sql = bekal_store_dup_value (store, BEKAL_STORE_KEY_LAST_PROFILE, &error);
  g_assert_cmpint (g_ascii_strtoll (sql, NULL, 10), ==, ani);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_object_unref (store);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const tables[] = {
    "quiz_attempts", "reflections", "positions", "completed_lessons", "profile_pins",
    "report_contributions",
  };
  g_autoptr(GError) error = NULL;
  BekalStore *store = open_store (fixture);
  BekalProfileSummary summary = { 0 };
  gint64 ani, budi;

  ani = bekal_store_create_profile (store, "Ani", "", "", 0, FALSE, &error);
  budi = bekal_store_create_profile (store, "Budi", "", "", 0, FALSE, &error);
  add_attempt (store, ani, BEKAL_QUIZ_PRETEST, 0.5);
  add_attempt (store, budi, BEKAL_QUIZ_PRETEST, 0.75);
  g_assert_true (bekal_store_save_reflection (store, ani, "modul", "r1", "catatan", &error));
  g_assert_true (bekal_store_set_position (store, ani, "modul", "l1", 2, &error));
  g_assert_true (bekal_store_flush (store, &error));
  g_assert_true (bekal_store_set_profile_pin (store, ani, "1234", &error));
  g_assert_no_error (error);

  g_assert_true (bekal_store_summarize_profile (store, ani, &summary, &error));
  g_assert_cmpuint (summary.n_attempts, ==, 1);
  g_assert_cmpuint (summary.n_answers, ==, 2);
  g_assert_cmpuint (summary.n_reflections, ==, 1);
  g_assert_cmpuint (summary.n_progress_rows, ==, 1);

  g_assert_true (bekal_store_delete_profile (store, ani, &error));
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE profile_id = %"
                                              G_GINT64_FORMAT, tables[i], ani);

      g_assert_cmpint (query_int (store, sql), ==, 0);
    }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM quiz_answers"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT sum(n) FROM report_gap_sums WHERE topic_id = ''"),
                   ==, 1);

  g_assert_false (bekal_store_summarize_profile (store, ani, &summary, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_object_unref (store);
}

static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  BekalStore *store;
  GStatBuf st;

  /* a new store */
  store = open_store (fixture);
  g_assert_cmpint (g_stat (fixture->data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (fixture->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_object_unref (store);

  /* wider modes, as a copy or an older Bekal left them, are narrowed at the next open */
  g_assert_cmpint (g_chmod (fixture->data_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (fixture->db_path, 0644), ==, 0);
  store = open_store (fixture);
  g_assert_cmpint (g_stat (fixture->data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (fixture->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_object_unref (store);
}

/* Runs bekal-author with stdin from /dev/null, as in CI; returns its exit status */
static int
run_author (char       **out,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *author = g_getenv ("BEKAL_AUTHOR");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (author);
  g_ptr_array_add (argv, (gpointer) author);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout:\n%s\nstderr:\n%s", *out, err);
  /* what went to stderr is part of what the trainer reads */
  {
    char *both = g_strconcat (*out, err, NULL);

    g_free (*out);
    *out = both;
  }
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_author_reset (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *empty = g_build_filename (fixture->dir, "kosong", NULL);
  BekalStore *store = open_store (fixture);
  BekalProfileSummary summary = { 0 };
  gboolean has = FALSE;
  gint64 ani;

  ani = bekal_store_create_profile (store, "Ani", "", "", 0, FALSE, &error);
  g_assert_true (bekal_store_save_reflection (store, ani, "modul", "r1", "catatan", &error));
  g_assert_true (bekal_store_set_profile_pin (store, ani, "1234", &error));
  g_assert_true (bekal_store_set_trainer_passphrase (store, PASSPHRASE, &error));
  exec_sql (store, "UPDATE trainer_lock SET failed_tries = 7, last_failed_at = strftime('%s')");
  g_assert_no_error (error);
  g_object_unref (store);

  /* no terminal to confirm on, no --yes: refused, nothing changed */
  g_assert_cmpint (run_author (&out, "trainer", "reset", "--data-dir", fixture->data_dir, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (out, "removes the trainer passphrase"));
  g_assert_nonnull (strstr (out, "not touched"));
  g_assert_nonnull (strstr (out, "--yes"));
  g_clear_pointer (&out, g_free);
  store = open_store (fixture);
  g_assert_true (bekal_store_has_trainer_passphrase (store, &has, &error));
  g_assert_true (has);
  g_object_unref (store);

  /* usage errors */
  g_assert_cmpint (run_author (&out, "trainer", "reset", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_author (&out, "trainer", "forget", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  /* a folder without a database: none is made */
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_assert_cmpint (run_author (&out, "trainer", "reset", "--yes", "--data-dir", empty, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (out, "no Bekal database"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&out, g_free);
  out = g_build_filename (empty, "bekal.db", NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_author (&out, "trainer", "reset", "--yes", "--data-dir",
                               fixture->data_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "was removed"));

  store = open_store (fixture);
  g_assert_true (bekal_store_has_trainer_passphrase (store, &has, &error));
  g_assert_false (has);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM trainer_lock"), ==, 0);
  /* the learner's data and PIN are still there */
  g_assert_true (bekal_store_summarize_profile (store, ani, &summary, &error));
  g_assert_cmpuint (summary.n_reflections, ==, 1);
  g_assert_true (bekal_store_profile_has_pin (store, ani, &has, &error));
  g_assert_true (has);
  g_object_unref (store);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/store-trainer/passphrase-never-in-clear", test_passphrase_never_in_clear);
  add_test ("/store-trainer/throttle-persists", test_throttle_persists);
  add_test ("/store-trainer/pin-rules", test_pin_rules);
  add_test ("/store-trainer/async", test_async);
  add_test ("/store-trainer/async-busy", test_async_busy);
  add_test ("/store-trainer/merge", test_merge);
  add_test ("/store-trainer/delete", test_delete);
  add_test ("/store-trainer/permissions", test_permissions);
  add_test ("/store-trainer/author-reset", test_author_reset);

  return g_test_run ();
}
