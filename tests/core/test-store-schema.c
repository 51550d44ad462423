/* test-store-schema.c: the store's schema: the counted_attempts view and its migration, the
 * version check, and refusing, checking and repairing databases with objects Bekal did not make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"
#include "test-util.h"

typedef struct
{
  char *dir;      /* the data folder */
  char *db_path;
} Fixture;

/* What a hostile data folder may carry, one case per test (the descriptions) */
typedef struct
{
  const char *name;   /* of the object the test expects to be named */
  const char *type;
  const char *sql;
} Plant;

static const Plant plants[] = {
  /* deletes all reflections when an answer is saved */
  { "wipe_reflections", "trigger",
    "CREATE TRIGGER wipe_reflections AFTER INSERT ON quiz_answers BEGIN"
    "  DELETE FROM reflections;"
    "END;" },
  /* copies a reflection's text into another profile's name */
  { "leak_reflection", "trigger",
    "CREATE TRIGGER leak_reflection AFTER INSERT ON reflections BEGIN"
    "  UPDATE profiles SET name = NEW.text WHERE id <> NEW.profile_id;"
    "END;" },
  /* loops forever on a new attempt (with recursive triggers on) */
  { "endless_attempts", "trigger",
    "CREATE TRIGGER endless_attempts AFTER INSERT ON quiz_attempts BEGIN"
    "  INSERT INTO quiz_attempts (profile_id, module_id, module_version, content_hash, quiz_id,"
    "    role, seed, question_order, started_at)"
    "  VALUES (NEW.profile_id, NEW.module_id, '', '', NEW.quiz_id, NEW.role, 0, '', 0);"
    "END;" },
  /* aborts every update */
  { "refuse_updates", "trigger",
    "CREATE TRIGGER refuse_updates BEFORE UPDATE ON quiz_attempts BEGIN"
    "  SELECT RAISE (ABORT, 'no update');"
    "END;" },
  { "all_learners", "view",
    "CREATE VIEW all_learners AS SELECT name, unit FROM profiles;" },
  { "collected", "table",
    "CREATE TABLE collected (text TEXT);" },
  /* an index that makes the second answer of an attempt fail */
  { "one_answer_only", "index",
    "CREATE UNIQUE INDEX one_answer_only ON quiz_answers (attempt_id);" },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->db_path = g_build_filename (fixture->dir, BEKAL_STORE_FILE_NAME, NULL);
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

/* Helpers */

static BekalStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  BekalStore *store = bekal_store_open (fixture->dir, &error);

  g_assert_no_error (error);
  g_assert_true (BEKAL_IS_STORE (store));
  return store;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
raw_query (const char *path,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the data folder, sorted and joined by spaces. The -wal and -shm files are left
 * out: SQLite may make them empty when it reads a database in WAL mode, without changing it. */
static char *
list_folder (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (!g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A finished attempt with one scored answer, finished at @finished_at (unix seconds) */
static gint64
add_attempt (BekalStore    *store,
             gint64         profile,
             BekalQuizRole  role,
             double         score,
             gint64         finished_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 attempt;

  attempt = bekal_store_start_attempt (store, profile, "m", "1", "h",
                                       role == BEKAL_QUIZ_PRETEST ? "pre" : "post", role, 1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_true (bekal_store_record_answer (store, attempt, "q1", "t", "a", score, &error));
  g_assert_true (bekal_store_finish_attempt (store, attempt, score, BEKAL_QUIZ_VERDICT_NONE,
                                             &error));
  g_assert_no_error (error);

  /* the time decides, not the order of the ids */
  sql = g_strdup_printf ("UPDATE quiz_attempts SET finished_at = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, finished_at, attempt);
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (store), sql, NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  return attempt;
}

static gint64
counted_id (BekalStore    *store,
            gint64         profile,
            BekalQuizRole  role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuizAttempt) attempt = NULL;

  attempt = bekal_store_dup_counted_attempt (store, profile, "m", role, &error);
  g_assert_no_error (error);
  return attempt != NULL ? attempt->id : 0;
}

/* The attempt ids behind the module rows of the running sums, as "pre post" */
static char *
contributions (sqlite3 *db,
               gint64   profile)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT group_concat (attempt_id, ' ') FROM (SELECT attempt_id FROM report_contributions"
    " WHERE topic_id = '' AND profile_id = %" G_GINT64_FORMAT " ORDER BY role)", profile);
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

/* A store with two learners, a reflection and a finished attempt, closed again */
static void
make_used_store (Fixture *fixture)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  first = bekal_store_create_profile (store, "Siti", "", "", 1, FALSE, &error);
  second = bekal_store_create_profile (store, "Budi", "", "", 2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (bekal_store_save_reflection (store, first, "m", "r", "catatan", &error));
  g_assert_no_error (error);
  add_attempt (store, second, BEKAL_QUIZ_PRETEST, 0.5, 1000);
}

static void
assert_open_refused (Fixture    *fixture,
                     GQuark      domain,
                     int         code,
                     const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;

  store = bekal_store_open (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, part));
}

/* Tests */

/* Two pre-tests and three post-tests: the first pre-test and the latest post-test count */
static void
test_counted_attempts_view (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *expected = NULL;
  gint64 learner, other;
  gint64 late_pre, early_pre, post_a, post_latest, post_b;
  sqlite3 *db = bekal_store_get_connection_for_testing (store);

  learner = bekal_store_create_profile (store, "Dewi", "", "", 0, FALSE, &error);
  other = bekal_store_create_profile (store, "Eko", "", "", 0, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (counted_id (store, learner, BEKAL_QUIZ_PRETEST), ==, 0);

  late_pre = add_attempt (store, learner, BEKAL_QUIZ_PRETEST, 0.2, 2000);
  early_pre = add_attempt (store, learner, BEKAL_QUIZ_PRETEST, 0.4, 1000);
  post_a = add_attempt (store, learner, BEKAL_QUIZ_POSTTEST, 0.6, 3000);
  post_latest = add_attempt (store, learner, BEKAL_QUIZ_POSTTEST, 0.9, 5000);
  post_b = add_attempt (store, learner, BEKAL_QUIZ_POSTTEST, 0.7, 4000);
  /* neither an unfinished post-test nor another learner's attempt changes anything */
  g_assert_cmpint (bekal_store_start_attempt (store, learner, "m", "1", "h", "post",
                                              BEKAL_QUIZ_POSTTEST, 1, NULL, &error), >, 0);
  add_attempt (store, other, BEKAL_QUIZ_POSTTEST, 0.1, 9000);

  g_assert_cmpint (late_pre, <, early_pre);
  g_assert_cmpint (post_latest, <, post_b);
  g_assert_cmpint (post_a, <, post_latest);
  g_assert_cmpint (counted_id (store, learner, BEKAL_QUIZ_PRETEST), ==, early_pre);
  g_assert_cmpint (counted_id (store, learner, BEKAL_QUIZ_POSTTEST), ==, post_latest);

  /* the view itself: one row per learner and test */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM counted_attempts"), ==, 3);

  /* the running sums of the gap report count the same attempts */
  counted = contributions (db, learner);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, post_latest, early_pre);
  g_assert_cmpstr (counted, ==, expected);

  /* deleting the counted post-test makes the next latest count, here and in the sums */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM quiz_attempts WHERE score = 0.9", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_cmpint (counted_id (store, learner, BEKAL_QUIZ_POSTTEST), ==, post_b);
  g_clear_pointer (&counted, g_free);
  g_clear_pointer (&expected, g_free);
  counted = contributions (db, learner);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, post_b, early_pre);
  g_assert_cmpstr (counted, ==, expected);
}

/* A database of the previous version gets the view when it is opened */
/* The version that made counted_attempts; later ones come after it */
#define VIEW_VERSION 4

static void
test_migration_creates_view (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *version = NULL;
  g_autofree char *view = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *backup_path = g_strdup_printf ("%s.bak-v%d", fixture->db_path,
                                                  VIEW_VERSION - 1);
  sqlite3 *db;

  g_assert_true (bekal_store_create_database_for_testing (fixture->db_path,
                                                          VIEW_VERSION - 1,
                                                          &error));
  g_assert_no_error (error);
  /* a learner with two pre-tests and three post-tests, finished under the old triggers */
  raw_exec (fixture->db_path,
            "INSERT INTO profiles (id, name, created_at) VALUES (7, 'Siti', 1);"
            "INSERT INTO quiz_attempts (id, profile_id, module_id, module_version, content_hash,"
            "  quiz_id, role, seed, question_order, started_at) VALUES"
            "  (1, 7, 'm', '1', 'h', 'pre', 'pretest', 1, 'q1', 10),"
            "  (2, 7, 'm', '1', 'h', 'pre', 'pretest', 1, 'q1', 20),"
            "  (3, 7, 'm', '1', 'h', 'post', 'posttest', 1, 'q1', 30),"
            "  (4, 7, 'm', '1', 'h', 'post', 'posttest', 1, 'q1', 40),"
            "  (5, 7, 'm', '1', 'h', 'post', 'posttest', 1, 'q1', 50);"
            "INSERT INTO quiz_answers (attempt_id, question_id, topic_id, response, score,"
            "  answered_at) SELECT id, 'q1', 't', 'a', id / 10.0, 60 FROM quiz_attempts;"
            "UPDATE quiz_attempts SET finished_at = 2000, score = 0.1 WHERE id = 1;"
            "UPDATE quiz_attempts SET finished_at = 1000, score = 0.2 WHERE id = 2;"
            "UPDATE quiz_attempts SET finished_at = 3000, score = 0.3 WHERE id = 3;"
            "UPDATE quiz_attempts SET finished_at = 5000, score = 0.4 WHERE id = 4;"
            "UPDATE quiz_attempts SET finished_at = 4000, score = 0.5 WHERE id = 5;");
  view = raw_query (fixture->db_path,
                    "SELECT name FROM sqlite_schema WHERE name = 'counted_attempts'");
  g_assert_null (view);
  before = raw_query (fixture->db_path,
                      "SELECT group_concat (attempt_id || ':' || topic_id || ':' || score, ' ')"
                      " FROM report_contributions");
  g_assert_cmpstr (before, ==, "2::0.2 2:t:0.2 4::0.4 4:t:0.4");

  store = open_store (fixture);
  db = bekal_store_get_connection_for_testing (store);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, BEKAL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_schema"
                                  " WHERE type = 'view' AND name = 'counted_attempts'"), ==, 1);
  g_assert_cmpint (counted_id (store, 7, BEKAL_QUIZ_PRETEST), ==, 2);
  g_assert_cmpint (counted_id (store, 7, BEKAL_QUIZ_POSTTEST), ==, 4);

  /* the old database was copied first, and the running sums are the same */
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
  backup = raw_query (backup_path, "PRAGMA user_version");
  g_assert_cmpint (atoi (backup), ==, VIEW_VERSION - 1);
  counted = contributions (db, 7);
  g_assert_cmpstr (counted, ==, "4 2");

  /* the rebuilt triggers follow a later post-test */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE quiz_attempts SET finished_at = 6000 WHERE id = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&counted, g_free);
  counted = contributions (db, 7);
  g_assert_cmpstr (counted, ==, "3 2");
  g_clear_object (&store);

  version = raw_query (fixture->db_path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, BEKAL_STORE_SCHEMA_VERSION);
}

/* Every older version is Bekal's own schema for the check */
static void
test_older_versions_pass_check (Fixture       *fixture,
                                gconstpointer  user_data)
{
  for (int version = 1; version <= BEKAL_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(BekalStore) store = NULL;

      g_remove (fixture->db_path);
      g_assert_true (bekal_store_create_database_for_testing (fixture->db_path, version,
                                                              &error));
      findings = bekal_store_check_schema (fixture->dir, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (findings->len, ==, 0);

      store = open_store (fixture);
      g_clear_object (&store);
      g_clear_pointer (&findings, g_ptr_array_unref);
      findings = bekal_store_check_schema (fixture->dir, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
assert_version_refused (Fixture    *fixture,
                        int         version,
                        int         code,
                        const char *part)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  make_used_store (fixture);
  raw_exec (fixture->db_path, set_version);
  before = file_checksum (fixture->db_path);
  files_before = list_folder (fixture->dir);

  assert_open_refused (fixture, BEKAL_STORE_ERROR, code, part);
  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  assert_open_refused (fixture, BEKAL_STORE_ERROR, code, part);
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);

  findings = bekal_store_check_schema (fixture->dir, &error);
  g_assert_null (findings);
  g_assert_error (error, BEKAL_STORE_ERROR, code);
  g_clear_error (&error);
  g_assert_false (bekal_store_repair_schema (fixture->dir, NULL, NULL, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, code);

  after = file_checksum (fixture->db_path);
  files_after = list_folder (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (files_before, ==, files_after);
}

static void
test_negative_version_refused (Fixture       *fixture,
                               gconstpointer  user_data)
{
  assert_version_refused (fixture, -5, BEKAL_STORE_ERROR_BAD_VERSION, "-5");
}

static void
test_most_negative_version_refused (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  assert_version_refused (fixture, G_MININT32, BEKAL_STORE_ERROR_BAD_VERSION, "-2147483648");
}

static void
test_future_version_refused (Fixture       *fixture,
                             gconstpointer  user_data)
{
  assert_version_refused (fixture, BEKAL_STORE_SCHEMA_VERSION + 1,
                          BEKAL_STORE_ERROR_NEWER_VERSION, "Update Bekal");
}

/* One planted object: refused on open (nothing changed), found by the check, removed by the
 * repair after a backup, and then the store works as before */
static void
test_planted (Fixture       *fixture,
              gconstpointer  user_data)
{
  const Plant *plant = user_data;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) repaired = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *in_backup = NULL;
  g_autofree char *in_file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *named = NULL;
  g_autofree char *lookup = g_strdup_printf ("SELECT type FROM sqlite_schema WHERE name = '%s'",
                                             plant->name);
  const BekalSchemaFinding *finding;
  gint64 attempt;

  make_used_store (fixture);
  raw_exec (fixture->db_path, plant->sql);
  before = file_checksum (fixture->db_path);
  files_before = list_folder (fixture->dir);

  named = g_strdup_printf ("“%s”", plant->name);
  assert_open_refused (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA, named);
  assert_open_refused (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA,
                       "bekal-author store repair --data-dir");
  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  assert_open_refused (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA, named);
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);

  findings = bekal_store_check_schema (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (finding->problem, ==, BEKAL_SCHEMA_OBJECT_FOREIGN);
  g_assert_cmpstr (finding->name, ==, plant->name);
  g_assert_cmpstr (finding->type, ==, plant->type);

  /* nothing was written by opening or checking */
  after = file_checksum (fixture->db_path);
  files_after = list_folder (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (files_before, ==, files_after);

  g_assert_true (bekal_store_repair_schema (fixture->dir, &backup_path, &repaired, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (repaired->len, ==, 1);
  g_assert_true (g_str_has_prefix (backup_path, fixture->db_path));
  g_assert_nonnull (strstr (backup_path, ".bak-"));
  in_backup = raw_query (backup_path, lookup);
  g_assert_cmpstr (in_backup, ==, plant->type);
  in_file = raw_query (fixture->db_path, lookup);
  g_assert_null (in_file);

  /* the records are there and every kind of write works again */
  store = open_store (fixture);
  profiles = bekal_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
  attempt = bekal_store_start_attempt (store, 1, "m", "1", "h", "post", BEKAL_QUIZ_POSTTEST, 1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bekal_store_record_answer (store, attempt, "q1", "t", "a", 1, &error));
  g_assert_true (bekal_store_record_answer (store, attempt, "q2", "t", "a", 1, &error));
  g_assert_true (bekal_store_save_reflection (store, 1, "m", "r2", "baru", &error));
  g_assert_true (bekal_store_finish_attempt (store, attempt, 1, BEKAL_QUIZ_VERDICT_PASSED,
                                             &error));
  g_assert_no_error (error);
  text = bekal_store_load_reflection (store, 1, "m", "r", NULL, &error);
  g_assert_cmpstr (text, ==, "catatan");
  g_clear_object (&profiles);
  profiles = bekal_store_list_profiles (store, &error);
  g_assert_cmpstr (bekal_profile_get_name (g_list_model_get_item (profiles, 0)), ==, "Budi");
  g_object_unref (g_list_model_get_item (profiles, 0));
}

/* Bekal's own trigger rewritten: refused, and repaired by putting Bekal's back */
static void
test_changed_trigger_repaired (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) repaired = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GListModel) profiles = NULL;
  const BekalSchemaFinding *finding;

  make_used_store (fixture);
  raw_exec (fixture->db_path,
            "DROP TRIGGER report_attempt_removed;"
            "CREATE TRIGGER report_attempt_removed AFTER DELETE ON quiz_attempts BEGIN"
            "  DELETE FROM profiles;"
            "END;"
            "DROP INDEX quiz_attempts_by_quiz;");

  assert_open_refused (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA,
                       "“report_attempt_removed”, changed");

  findings = bekal_store_check_schema (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 2);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (finding->problem, ==, BEKAL_SCHEMA_OBJECT_CHANGED);
  g_assert_cmpstr (finding->name, ==, "report_attempt_removed");
  finding = g_ptr_array_index (findings, 1);
  g_assert_cmpint (finding->problem, ==, BEKAL_SCHEMA_OBJECT_MISSING);
  g_assert_cmpstr (finding->name, ==, "quiz_attempts_by_quiz");

  g_assert_true (bekal_store_repair_schema (fixture->dir, NULL, &repaired, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (repaired->len, ==, 2);

  store = open_store (fixture);
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (store),
                                 "DELETE FROM quiz_attempts", NULL, NULL, NULL), ==, SQLITE_OK);
  profiles = bekal_store_list_profiles (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
}

/* A table of Bekal's with another definition cannot be repaired: nothing is changed */
static void
test_changed_table_not_repaired (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;

  make_used_store (fixture);
  raw_exec (fixture->db_path,
            "DROP TABLE settings;"
            "CREATE TABLE settings (id INTEGER PRIMARY KEY, key TEXT, value TEXT);");
  before = file_checksum (fixture->db_path);
  files_before = list_folder (fixture->dir);

  assert_open_refused (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA,
                       "cannot be repaired");
  findings = bekal_store_check_schema (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_false (bekal_store_repair_schema (fixture->dir, NULL, NULL, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA);

  after = file_checksum (fixture->db_path);
  files_after = list_folder (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (files_before, ==, files_after);
}

static void
test_check_clean_and_missing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) repaired = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;

  findings = bekal_store_check_schema (fixture->dir, &error);
  g_assert_null (findings);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  make_used_store (fixture);
  files_before = list_folder (fixture->dir);
  findings = bekal_store_check_schema (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 0);

  /* nothing to repair: no backup either */
  g_assert_true (bekal_store_repair_schema (fixture->dir, &backup_path, &repaired, &error));
  g_assert_no_error (error);
  g_assert_null (backup_path);
  g_assert_cmpuint (repaired->len, ==, 0);
  files_after = list_folder (fixture->dir);
  g_assert_cmpstr (files_before, ==, files_after);
}

/* The connections the store makes run views and triggers without trusting the schema */
static void
test_trusted_schema_off (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);

  g_assert_cmpint (query_int (bekal_store_get_connection_for_testing (store),
                              "PRAGMA trusted_schema"), ==, 0);
  g_clear_object (&store);

  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  store = open_store (fixture);
  g_assert_true (bekal_store_is_read_only (store));
  g_assert_cmpint (query_int (bekal_store_get_connection_for_testing (store),
                              "PRAGMA trusted_schema"), ==, 0);
}

/* bekal-author store check|repair, run as a trainer runs it */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_author (Run        *run,
            const char *action,
            const char *data_dir)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  const char *argv[] = { author, "store", action, "--data-dir", data_dir, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (author);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("store %s: exit %d\n%s%s", action, run->status, run->out, run->err);
}

static void
test_author_check_and_repair (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_used_store (fixture);

  {
    g_auto(Run) run = { 0 };

    run_author (&run, "check", fixture->dir);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Bekal's own"));
  }

  raw_exec (fixture->db_path, plants[0].sql);
  raw_exec (fixture->db_path, plants[4].sql);
  before = file_checksum (fixture->db_path);

  {
    g_auto(Run) run = { 0 };

    run_author (&run, "check", fixture->dir);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "trigger “wipe_reflections” on table “quiz_answers”"));
    g_assert_nonnull (strstr (run.out, "view “all_learners”"));
    g_assert_nonnull (strstr (run.out, "bekal-author store repair --data-dir"));
  }
  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);

  {
    g_auto(Run) run = { 0 };

    run_author (&run, "repair", fixture->dir);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Backup copy: "));
    g_assert_nonnull (strstr (run.out, ".bak-"));
    g_assert_nonnull (strstr (run.out, "“wipe_reflections”"));
    g_assert_nonnull (strstr (run.out, "“all_learners”"));
  }

  {
    g_auto(Run) run = { 0 };

    run_author (&run, "check", fixture->dir);
    g_assert_cmpint (run.status, ==, 0);
  }

  {
    g_auto(Run) run = { 0 };

    raw_exec (fixture->db_path, "PRAGMA user_version = -5");
    run_author (&run, "check", fixture->dir);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "-5"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/store-schema/counted-attempts/view", NULL, test_counted_attempts_view);
  ADD_TEST ("/store-schema/counted-attempts/migration", NULL, test_migration_creates_view);
  ADD_TEST ("/store-schema/check/older-versions", NULL, test_older_versions_pass_check);
  ADD_TEST ("/store-schema/version/negative", NULL, test_negative_version_refused);
  ADD_TEST ("/store-schema/version/most-negative", NULL, test_most_negative_version_refused);
  ADD_TEST ("/store-schema/version/future", NULL, test_future_version_refused);
  for (guint i = 0; i < G_N_ELEMENTS (plants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store-schema/planted/%s/%s", plants[i].type,
                                               plants[i].name);

      ADD_TEST (path, &plants[i], test_planted);
    }
  ADD_TEST ("/store-schema/changed/trigger", NULL, test_changed_trigger_repaired);
  ADD_TEST ("/store-schema/changed/table", NULL, test_changed_table_not_repaired);
  ADD_TEST ("/store-schema/check/clean-and-missing", NULL, test_check_clean_and_missing);
  ADD_TEST ("/store-schema/trusted-schema-off", NULL, test_trusted_schema_off);
  ADD_TEST ("/store-schema/author", NULL, test_author_check_and_repair);

#undef ADD_TEST

  return g_test_run ();
}
