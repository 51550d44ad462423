/* test-store.c: tests of the results store (profiles, progress, answers, migrations)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

#define NOBODY_ID      65534
#define EXIT_SKIPPED   77
#define FORK_WRITES    60

typedef struct
{
  char *dir;      /* the temporary folder of the test */
  char *data_dir; /* dir/data, where the store lives */
  char *db_path;
} Fixture;

/* The schema of version 1 as released; a copy, so that changes in the store do not change
 * what an old database looks like */
static const char schema_v1[] =
  "CREATE TABLE profiles ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT '',"
  "  years_as_peksos INTEGER NOT NULL DEFAULT 0 CHECK (years_as_peksos >= 0),"
  "  trained_before INTEGER NOT NULL DEFAULT 0 CHECK (trained_before IN (0, 1)),"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE positions ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  block_index INTEGER NOT NULL CHECK (block_index >= 0),"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id));"
  "CREATE TABLE seen_blocks ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  block_index INTEGER NOT NULL CHECK (block_index >= 0),"
  "  seen_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, lesson_id, block_index));"
  "CREATE TABLE completed_lessons ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  completed_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, lesson_id));"
  "CREATE TABLE module_states ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  pretest_skipped_at INTEGER,"
  "  pretest_done_at INTEGER,"
  "  posttest_passed_at INTEGER,"
  "  UNIQUE (profile_id, module_id));"
  "INSERT INTO profiles VALUES (7, 'Siti Rahma', 'Sentra Handayani', 'Pekerja sosial', 3, 1,"
  "  1700000000);"
  "INSERT INTO positions VALUES (1, 7, 'dasar-5r', 'pelajaran-2', 4, 1700000100);"
  "INSERT INTO seen_blocks VALUES (1, 7, 'dasar-5r', 'pelajaran-1', 0, 1700000010);"
  "INSERT INTO seen_blocks VALUES (2, 7, 'dasar-5r', 'pelajaran-1', 1, 1700000020);"
  "INSERT INTO completed_lessons VALUES (1, 7, 'dasar-5r', 'pelajaran-1', 1700000050);"
  "INSERT INTO module_states VALUES (1, 7, 'dasar-5r', 1700000001, NULL, NULL);"
  "PRAGMA user_version = 1;";

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bekal-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->db_path = g_build_filename (fixture->data_dir, BEKAL_STORE_FILE_NAME, NULL);
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);
  remove_tree (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
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
  g_assert_true (BEKAL_IS_STORE (store));
  return store;
}

static gint64
create_profile (BekalStore *store,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = bekal_store_create_profile (store, name, "Sentra Galih Pakuan", "Peksos", 2, FALSE,
                                          &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
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

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open (path, &db);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The first column of the first row of @sql, as text */
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

static char *
connection_query (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static void
assert_integrity_ok (const char *path)
{
  g_autofree char *result = raw_query (path, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
}

static void
make_data_dir (Fixture *fixture)
{
  g_assert_cmpint (g_mkdir_with_parents (fixture->data_dir, 0700), ==, 0);
}

static void
test_open_creates_folder (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *foreign_keys = NULL;
  g_autofree char *synchronous = NULL;
  g_autofree char *version = NULL;
  g_autofree char *expected_version = NULL;
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  struct stat st;
  sqlite3 *db;

  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));

  store = open_store (fixture);
  g_assert_false (bekal_store_is_read_only (store));
  g_assert_cmpstr (bekal_store_get_data_dir (store), ==, fixture->data_dir);
  g_assert_cmpstr (bekal_store_get_path (store), ==, fixture->db_path);
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (fixture->data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  db = bekal_store_get_connection_for_testing (store);
  journal_mode = connection_query (db, "PRAGMA journal_mode");
  foreign_keys = connection_query (db, "PRAGMA foreign_keys");
  synchronous = connection_query (db, "PRAGMA synchronous");
  version = connection_query (db, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%d", BEKAL_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpstr (foreign_keys, ==, "1");
  g_assert_cmpstr (synchronous, ==, "2"); /* FULL */
  g_assert_cmpstr (version, ==, expected_version);

  /* a fresh database needs no backup */
  g_clear_object (&store);
  dir = g_dir_open (fixture->data_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".bak-"));

  default_dir = bekal_store_dup_default_data_dir ();
  g_assert_true (g_str_has_prefix (default_dir, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (default_dir, G_DIR_SEPARATOR_S "bekal"));
}

static void
test_profiles (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(BekalProfile) profile = NULL;
  g_autoptr(BekalProfile) first = NULL;
  g_autofree char *name = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_id = NULL;
  gint64 created_at = 0;
  gint64 yusuf, ani;
  gboolean trained = FALSE;
  int years = -1;

  yusuf = bekal_store_create_profile (store, "  Yusuf Hakim ", "Sentra Terpadu", "Pendamping",
                                      4, TRUE, &error);
  g_assert_no_error (error);
  ani = bekal_store_create_profile (store, "Ani Ñuñez", NULL, NULL, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yusuf, >, 0);
  g_assert_cmpint (ani, !=, yusuf);

  profiles = bekal_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
  g_assert_true (g_list_model_get_item_type (profiles) == BEKAL_TYPE_PROFILE);
  first = g_list_model_get_item (profiles, 0);
  g_assert_cmpstr (bekal_profile_get_name (first), ==, "Ani Ñuñez"); /* sorted by name */
  g_assert_cmpstr (bekal_profile_get_unit (first), ==, "");
  g_clear_object (&profiles);

  profile = bekal_store_dup_profile (store, yusuf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_profile_get_id (profile), ==, yusuf);
  g_assert_cmpstr (bekal_profile_get_name (profile), ==, "Yusuf Hakim");
  g_assert_cmpstr (bekal_profile_get_unit (profile), ==, "Sentra Terpadu");
  g_assert_cmpstr (bekal_profile_get_role (profile), ==, "Pendamping");
  g_assert_cmpint (bekal_profile_get_years_as_peksos (profile), ==, 4);
  g_assert_true (bekal_profile_get_trained_before (profile));
  g_assert_cmpint (bekal_profile_get_created_at (profile), >, 1600000000);
  g_object_get (profile,
                "name", &name,
                "years-as-peksos", &years,
                "trained-before", &trained,
                "created-at", &created_at,
                NULL);
  g_assert_cmpstr (name, ==, "Yusuf Hakim");
  g_assert_cmpint (years, ==, 4);
  g_assert_true (trained);
  g_assert_cmpint (created_at, ==, bekal_profile_get_created_at (profile));
  g_clear_object (&profile);

  g_assert_true (bekal_store_update_profile (store, yusuf, "Yusuf H.", "Sentra Mulya",
                                             "Koordinator", 5, FALSE, &error));
  g_assert_no_error (error);
  profile = bekal_store_dup_profile (store, yusuf, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_profile_get_name (profile), ==, "Yusuf H.");
  g_assert_cmpstr (bekal_profile_get_unit (profile), ==, "Sentra Mulya");
  g_assert_cmpstr (bekal_profile_get_role (profile), ==, "Koordinator");
  g_assert_cmpint (bekal_profile_get_years_as_peksos (profile), ==, 5);
  g_assert_false (bekal_profile_get_trained_before (profile));
  g_clear_object (&profile);

  /* refused values */
  g_assert_cmpint (bekal_store_create_profile (store, "   ", "", "", 1, FALSE, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bekal_store_create_profile (store, "Budi", "", "", -1, FALSE, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_update_profile (store, yusuf, "", "", "", 1, FALSE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_update_profile (store, 9999, "Budi", "", "", 1, FALSE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* delete: cascades to progress and forgets the last-used profile */
  g_assert_true (bekal_store_set_position (store, yusuf, "m", "l1", 2, &error));
  g_assert_no_error (error);
  last_id = g_strdup_printf ("%" G_GINT64_FORMAT, yusuf);
  g_assert_true (bekal_store_set_value (store, BEKAL_STORE_KEY_LAST_PROFILE, last_id, &error));
  g_assert_no_error (error);
  g_assert_true (bekal_store_delete_profile (store, yusuf, &error));
  g_assert_no_error (error);

  profile = bekal_store_dup_profile (store, yusuf, &error);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_assert_null (profile);
  g_clear_error (&error);
  g_assert_false (bekal_store_get_position (store, yusuf, "m", NULL, NULL, &error));
  g_assert_no_error (error);
  last = bekal_store_dup_value (store, BEKAL_STORE_KEY_LAST_PROFILE, &error);
  g_assert_no_error (error);
  g_assert_null (last);
  g_assert_false (bekal_store_delete_profile (store, yusuf, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* progress for a profile that does not exist is refused */
  g_assert_false (bekal_store_mark_block_seen (store, yusuf, "m", "l1", 0, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  profiles = bekal_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  char *value;

  value = bekal_store_dup_value (store, "missing", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (bekal_store_set_value (store, BEKAL_STORE_KEY_LAST_PROFILE, "12", &error));
  g_assert_true (bekal_store_set_value (store, "ui-language", "id", &error));
  g_assert_true (bekal_store_set_value (store, "ui-language", "en", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture);
  value = bekal_store_dup_value (store, BEKAL_STORE_KEY_LAST_PROFILE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "12");
  g_free (value);
  value = bekal_store_dup_value (store, "ui-language", &error);
  g_assert_cmpstr (value, ==, "en");
  g_free (value);

  g_assert_true (bekal_store_set_value (store, "ui-language", NULL, &error));
  g_assert_no_error (error);
  value = bekal_store_dup_value (store, "ui-language", &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_progress_round_trip (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_auto(GStrv) completed = NULL;
  g_autofree char *lesson = NULL;
  BekalModuleFlag flags = BEKAL_MODULE_FLAG_NONE;
  gint64 skipped_at;
  BekalSeenBlock *block;
  guint block_index = 0;
  gint64 profile, other;

  profile = create_profile (store, "Dewi");
  other = create_profile (store, "Eko");

  g_assert_false (bekal_store_get_position (store, profile, "dasar-5r", &lesson, &block_index,
                                            &error));
  g_assert_no_error (error);
  g_assert_null (lesson);

  g_assert_true (bekal_store_set_position (store, profile, "dasar-5r", "pelajaran-1", 3, &error));
  g_assert_true (bekal_store_set_position (store, profile, "dasar-5r", "pelajaran-2", 1, &error));
  g_assert_true (bekal_store_set_position (store, other, "dasar-5r", "pelajaran-9", 9, &error));
  /* seen out of order and twice */
  g_assert_true (bekal_store_mark_block_seen (store, profile, "dasar-5r", "pelajaran-2", 1, NULL));
  g_assert_true (bekal_store_mark_block_seen (store, profile, "dasar-5r", "pelajaran-1", 0, NULL));
  g_assert_true (bekal_store_mark_block_seen (store, profile, "dasar-5r", "pelajaran-1", 1, NULL));
  g_assert_true (bekal_store_mark_block_seen (store, profile, "dasar-5r", "pelajaran-1", 0, NULL));
  g_assert_true (bekal_store_mark_block_seen (store, profile, "lain", "pelajaran-1", 5, NULL));
  g_assert_true (bekal_store_mark_lesson_complete (store, profile, "dasar-5r", "pelajaran-1",
                                                   &error));
  g_assert_true (bekal_store_mark_lesson_complete (store, profile, "dasar-5r", "pelajaran-1",
                                                   &error));
  g_assert_true (bekal_store_set_module_flag (store, profile, "dasar-5r",
                                              BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error));
  g_assert_true (bekal_store_set_module_flag (store, profile, "dasar-5r",
                                              BEKAL_MODULE_FLAG_POSTTEST_PASSED, &error));
  g_assert_no_error (error);
  skipped_at = bekal_store_get_module_flag_time (store, profile, "dasar-5r",
                                                 BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (skipped_at, >, 0);

  g_clear_object (&store);
  store = open_store (fixture);

  g_assert_true (bekal_store_get_position (store, profile, "dasar-5r", &lesson, &block_index,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lesson, ==, "pelajaran-2");
  g_assert_cmpuint (block_index, ==, 1);

  seen = bekal_store_list_seen_blocks (store, profile, "dasar-5r", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  block = g_ptr_array_index (seen, 0);
  g_assert_cmpstr (block->lesson_id, ==, "pelajaran-1");
  g_assert_cmpuint (block->block_index, ==, 0);
  block = g_ptr_array_index (seen, 1);
  g_assert_cmpstr (block->lesson_id, ==, "pelajaran-1");
  g_assert_cmpuint (block->block_index, ==, 1);
  block = g_ptr_array_index (seen, 2);
  g_assert_cmpstr (block->lesson_id, ==, "pelajaran-2");
  g_assert_cmpuint (block->block_index, ==, 1);
  g_clear_pointer (&seen, g_ptr_array_unref);

  seen = bekal_store_list_seen_blocks (store, profile, "dasar-5r", "pelajaran-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_clear_pointer (&seen, g_ptr_array_unref);
  seen = bekal_store_list_seen_blocks (store, other, "dasar-5r", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 0);

  g_assert_true (bekal_store_is_lesson_complete (store, profile, "dasar-5r", "pelajaran-1",
                                                 &error));
  g_assert_false (bekal_store_is_lesson_complete (store, profile, "dasar-5r", "pelajaran-2",
                                                  &error));
  g_assert_false (bekal_store_is_lesson_complete (store, other, "dasar-5r", "pelajaran-1",
                                                  &error));
  g_assert_no_error (error);
  completed = bekal_store_list_completed_lessons (store, profile, "dasar-5r", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (completed), ==, 1);
  g_assert_cmpstr (completed[0], ==, "pelajaran-1");

  g_assert_true (bekal_store_get_module_flags (store, profile, "dasar-5r", &flags, &error));
  g_assert_no_error (error);
  g_assert_cmpint (flags, ==,
                   BEKAL_MODULE_FLAG_PRETEST_SKIPPED | BEKAL_MODULE_FLAG_POSTTEST_PASSED);

  /* setting again keeps the first time; clearing removes only that flag */
  g_assert_true (bekal_store_set_module_flag (store, profile, "dasar-5r",
                                              BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error));
  g_assert_cmpint (bekal_store_get_module_flag_time (store, profile, "dasar-5r",
                                                     BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error),
                   ==, skipped_at);
  g_assert_true (bekal_store_clear_module_flag (store, profile, "dasar-5r",
                                                BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error));
  g_assert_true (bekal_store_set_module_flag (store, profile, "dasar-5r",
                                              BEKAL_MODULE_FLAG_PRETEST_DONE, &error));
  g_assert_true (bekal_store_get_module_flags (store, profile, "dasar-5r", &flags, &error));
  g_assert_no_error (error);
  g_assert_cmpint (flags, ==, BEKAL_MODULE_FLAG_PRETEST_DONE | BEKAL_MODULE_FLAG_POSTTEST_PASSED);
  g_assert_cmpint (bekal_store_get_module_flag_time (store, profile, "dasar-5r",
                                                     BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error),
                   ==, 0);
  g_assert_true (bekal_store_get_module_flags (store, other, "dasar-5r", &flags, &error));
  g_assert_cmpint (flags, ==, BEKAL_MODULE_FLAG_NONE);
  g_assert_no_error (error);
}

static void
test_reflections (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char first_text[] =
    "Saya merasa ragu ketika klien bercerita tentang keluarganya…\n"
    "“Kepercayaan” dibangun pelan-pelan — bukan dengan ceramah. 🙂\n"
    "Ñandú, 日本語, عربى, and a tab\there.";
  static const char second_text[] = "Catatan kedua: empati ≠ setuju. ✔";
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  gint64 updated_at = 0;
  gint64 profile;
  char *text;

  profile = create_profile (store, "Fajar");

  text = bekal_store_load_reflection (store, profile, "dasar-5r", "refleksi-1", &updated_at,
                                      &error);
  g_assert_no_error (error);
  g_assert_null (text);

  g_assert_true (bekal_store_save_reflection (store, profile, "dasar-5r", "refleksi-1", first_text,
                                              &error));
  g_assert_true (bekal_store_save_reflection (store, profile, "dasar-5r", "refleksi-2", "",
                                              &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture);
  text = bekal_store_load_reflection (store, profile, "dasar-5r", "refleksi-1", &updated_at,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, first_text);
  g_assert_cmpint (updated_at, >, 1600000000);
  g_free (text);

  text = bekal_store_load_reflection (store, profile, "dasar-5r", "refleksi-2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "");
  g_free (text);

  g_assert_true (bekal_store_save_reflection (store, profile, "dasar-5r", "refleksi-1",
                                              second_text, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture);
  text = bekal_store_load_reflection (store, profile, "dasar-5r", "refleksi-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, second_text);
  g_free (text);
}

static void
test_media_progress (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0 };
  BekalMediaProgress loaded = { 0 };
  gint64 profile;

  profile = create_profile (store, "Gita");

  g_assert_false (bekal_store_load_media_progress (store, profile, "m", "video-1", &loaded,
                                                   &error));
  g_assert_no_error (error);

  progress.position_ms = 12500;
  progress.watched_fraction = 0.5;
  progress.transcript_read_to_end = TRUE;
  g_assert_true (bekal_store_save_media_progress (store, profile, "m", "video-1", &progress,
                                                  &error));
  g_assert_no_error (error);

  /* going back keeps the furthest point and the transcript flag */
  progress.position_ms = 3000;
  progress.watched_fraction = 0.25;
  progress.transcript_read_to_end = FALSE;
  g_assert_true (bekal_store_save_media_progress (store, profile, "m", "video-1", &progress,
                                                  &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture);
  g_assert_true (bekal_store_load_media_progress (store, profile, "m", "video-1", &loaded,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded.position_ms, ==, 3000);
  g_assert_cmpfloat_with_epsilon (loaded.watched_fraction, 0.5, 1e-9);
  g_assert_true (loaded.transcript_read_to_end);
  g_assert_false (loaded.done);
  g_assert_cmpint (loaded.updated_at, >, 1600000000);

  /* a position reported past the end is kept within 0..1; done stays done */
  progress.position_ms = 30000;
  progress.watched_fraction = 1.02;
  progress.done = TRUE;
  g_assert_true (bekal_store_save_media_progress (store, profile, "m", "video-1", &progress,
                                                  &error));
  progress.watched_fraction = 0.1;
  progress.done = FALSE;
  g_assert_true (bekal_store_save_media_progress (store, profile, "m", "video-1", &progress,
                                                  &error));
  g_assert_no_error (error);
  g_assert_true (bekal_store_load_media_progress (store, profile, "m", "video-1", &loaded,
                                                  &error));
  g_assert_cmpfloat_with_epsilon (loaded.watched_fraction, 1.0, 1e-9);
  g_assert_true (loaded.done);

  g_assert_false (bekal_store_load_media_progress (store, profile, "m", "audio-1", &loaded,
                                                   &error));
  g_assert_no_error (error);
}

static void
test_checkpoint_responses (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  gint64 answered_at = 0;
  gint64 profile;
  char *response;

  profile = create_profile (store, "Hana");

  response = bekal_store_load_checkpoint_response (store, profile, "m", "video-1", "q1", NULL,
                                                   &error);
  g_assert_no_error (error);
  g_assert_null (response);

  g_assert_true (bekal_store_save_checkpoint_response (store, profile, "m", "video-1", "q1", "b",
                                                       &error));
  g_assert_true (bekal_store_save_checkpoint_response (store, profile, "m", "video-1", "q1", "c",
                                                       &error));
  g_assert_true (bekal_store_save_checkpoint_response (store, profile, "m", "video-2", "q1", "a",
                                                       &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture);
  response = bekal_store_load_checkpoint_response (store, profile, "m", "video-1", "q1",
                                                   &answered_at, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response, ==, "c");
  g_assert_cmpint (answered_at, >, 1600000000);
  g_free (response);
  response = bekal_store_load_checkpoint_response (store, profile, "m", "video-2", "q1", NULL,
                                                   &error);
  g_assert_cmpstr (response, ==, "a");
  g_free (response);
}

static void
test_quiz_attempts (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char * const order[] = { "q3", "q1", "q2", NULL };
  static const char * const bad_order[] = { "q1", "q,2", NULL };
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuizAttempt) attempt = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  BekalQuizAnswer *answer;
  BekalQuizAttempt *listed;
  gint64 profile, first, second;

  profile = create_profile (store, "Indra");

  attempt = bekal_store_find_unfinished_attempt (store, profile, "m", "pre", &error);
  g_assert_no_error (error);
  g_assert_null (attempt);

  first = bekal_store_start_attempt (store, profile, "m", "1.0", "sha256:abc", "pre",
                                     BEKAL_QUIZ_PRETEST, G_GINT64_CONSTANT (-8070450532247928832),
                                     order, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);

  g_assert_true (bekal_store_record_answer (store, first, "q3", "5r", "b", 1.0, &error));
  g_assert_true (bekal_store_record_answer (store, first, "q1", "5r", "a", 0.0, &error));
  g_assert_true (bekal_store_record_answer (store, first, "q2", "etika", "4", BEKAL_STORE_NO_SCORE,
                                            &error));
  /* answering again replaces the answer */
  g_assert_true (bekal_store_record_answer (store, first, "q1", "5r", "c", 1.0, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* an interrupted quiz is found again after a restart */
  store = open_store (fixture);
  attempt = bekal_store_find_unfinished_attempt (store, profile, "m", "pre", &error);
  g_assert_no_error (error);
  g_assert_nonnull (attempt);
  g_assert_cmpint (attempt->id, ==, first);
  g_assert_cmpint (attempt->profile_id, ==, profile);
  g_assert_cmpstr (attempt->module_id, ==, "m");
  g_assert_cmpstr (attempt->module_version, ==, "1.0");
  g_assert_cmpstr (attempt->content_hash, ==, "sha256:abc");
  g_assert_cmpstr (attempt->quiz_id, ==, "pre");
  g_assert_cmpint (attempt->role, ==, BEKAL_QUIZ_PRETEST);
  g_assert_cmpint (attempt->seed, ==, G_GINT64_CONSTANT (-8070450532247928832));
  g_assert_cmpstrv (attempt->question_order, order);
  g_assert_cmpint (attempt->finished_at, ==, 0);
  g_assert_cmpfloat (attempt->score, ==, BEKAL_STORE_NO_SCORE);
  g_assert_cmpint (attempt->verdict, ==, BEKAL_QUIZ_VERDICT_NONE);
  g_clear_pointer (&attempt, bekal_quiz_attempt_free);

  answers = bekal_store_list_answers (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 3);
  answer = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (answer->question_id, ==, "q3");
  g_assert_cmpfloat (answer->score, ==, 1.0);
  answer = g_ptr_array_index (answers, 1);
  g_assert_cmpstr (answer->question_id, ==, "q1");
  g_assert_cmpstr (answer->response, ==, "c");
  g_assert_cmpstr (answer->topic_id, ==, "5r");
  g_assert_cmpfloat (answer->score, ==, 1.0);
  g_assert_cmpint (answer->attempt_id, ==, first);
  answer = g_ptr_array_index (answers, 2);
  g_assert_cmpstr (answer->question_id, ==, "q2");
  g_assert_cmpfloat (answer->score, ==, BEKAL_STORE_NO_SCORE);
  g_assert_cmpint (answer->answered_at, >, 1600000000);
  g_clear_pointer (&answers, g_ptr_array_unref);

  g_assert_true (bekal_store_finish_attempt (store, first, 1.0, BEKAL_QUIZ_VERDICT_NONE, &error));
  g_assert_no_error (error);

  /* a finished attempt is closed */
  g_assert_false (bekal_store_record_answer (store, first, "q1", "5r", "a", 0.0, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_finish_attempt (store, first, 0.5, BEKAL_QUIZ_VERDICT_NONE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_record_answer (store, 4242, "q1", "5r", "a", 0.0, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bekal_store_finish_attempt (store, 4242, 0.5, BEKAL_QUIZ_VERDICT_NONE, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (bekal_store_start_attempt (store, profile, "m", "1.0", "h", "pre",
                                              BEKAL_QUIZ_PRETEST, 1, bad_order, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  attempt = bekal_store_find_unfinished_attempt (store, profile, "m", "pre", &error);
  g_assert_no_error (error);
  g_assert_null (attempt);

  second = bekal_store_start_attempt (store, profile, "m", "1.1", "sha256:def", "post",
                                      BEKAL_QUIZ_POSTTEST, 42, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bekal_store_finish_attempt (store, second, 0.6, BEKAL_QUIZ_VERDICT_FAILED,
                                             &error));
  g_assert_no_error (error);

  attempt = bekal_store_dup_attempt (store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attempt->role, ==, BEKAL_QUIZ_POSTTEST);
  g_assert_cmpuint (g_strv_length (attempt->question_order), ==, 0);
  g_assert_cmpint (attempt->finished_at, >=, attempt->started_at);
  g_assert_cmpfloat_with_epsilon (attempt->score, 0.6, 1e-9);
  g_assert_cmpint (attempt->verdict, ==, BEKAL_QUIZ_VERDICT_FAILED);
  g_clear_pointer (&attempt, bekal_quiz_attempt_free);

  attempts = bekal_store_list_attempts (store, profile, "m", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 2);
  listed = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (listed->id, ==, first);
  g_assert_cmpint (listed->finished_at, >, 0);
  g_assert_cmpfloat (listed->score, ==, 1.0);
  listed = g_ptr_array_index (attempts, 1);
  g_assert_cmpint (listed->id, ==, second);
  g_clear_pointer (&attempts, g_ptr_array_unref);

  attempts = bekal_store_list_attempts (store, profile, "m", "post", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  g_clear_pointer (&attempts, g_ptr_array_unref);

  /* deleting the profile takes its attempts and answers with it */
  g_assert_true (bekal_store_delete_profile (store, profile, &error));
  g_assert_no_error (error);
  attempt = bekal_store_dup_attempt (store, first, &error);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_assert_null (attempt);
  g_clear_error (&error);
  answers = bekal_store_list_answers (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 0);
}

static void
test_migration_from_v1 (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(BekalProfile) profile = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = g_strconcat (fixture->db_path, ".bak-v1", NULL);
  g_autofree char *backup_tmp = g_strconcat (backup_path, ".tmp", NULL);
  g_autofree char *version = NULL;
  g_autofree char *expected_version = NULL;
  g_autofree char *backup_version = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *backup_reflections = NULL;
  g_autofree char *lesson = NULL;
  g_autofree char *text = NULL;
  BekalModuleFlag flags = BEKAL_MODULE_FLAG_NONE;
  guint block_index = 0;

  /* A database as Bekal 1 left it: WAL mode, version 1, some progress */
  make_data_dir (fixture);
  raw_exec (fixture->db_path, "PRAGMA journal_mode = WAL;");
  raw_exec (fixture->db_path, schema_v1);
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));

  store = open_store (fixture);
  g_assert_false (bekal_store_is_read_only (store));

  profile = bekal_store_dup_profile (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_profile_get_name (profile), ==, "Siti Rahma");
  g_assert_cmpstr (bekal_profile_get_unit (profile), ==, "Sentra Handayani");
  g_assert_cmpint (bekal_profile_get_years_as_peksos (profile), ==, 3);
  g_assert_true (bekal_profile_get_trained_before (profile));
  g_assert_cmpint (bekal_profile_get_created_at (profile), ==, 1700000000);

  g_assert_true (bekal_store_get_position (store, 7, "dasar-5r", &lesson, &block_index, &error));
  g_assert_cmpstr (lesson, ==, "pelajaran-2");
  g_assert_cmpuint (block_index, ==, 4);
  seen = bekal_store_list_seen_blocks (store, 7, "dasar-5r", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (bekal_store_is_lesson_complete (store, 7, "dasar-5r", "pelajaran-1", &error));
  g_assert_true (bekal_store_get_module_flags (store, 7, "dasar-5r", &flags, &error));
  g_assert_cmpint (flags, ==, BEKAL_MODULE_FLAG_PRETEST_SKIPPED);
  g_assert_cmpint (bekal_store_get_module_flag_time (store, 7, "dasar-5r",
                                                     BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error),
                   ==, 1700000001);
  g_assert_no_error (error);

  /* the tables of version 2 work */
  g_assert_true (bekal_store_save_reflection (store, 7, "dasar-5r", "r1", "Baru", &error));
  g_assert_no_error (error);
  text = bekal_store_load_reflection (store, 7, "dasar-5r", "r1", NULL, &error);
  g_assert_cmpstr (text, ==, "Baru");
  g_clear_object (&store);

  version = raw_query (fixture->db_path, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%d", BEKAL_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (version, ==, expected_version);
  assert_integrity_ok (fixture->db_path);

  /* the backup is a valid database of version 1 with the old data */
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (backup_tmp, G_FILE_TEST_EXISTS));
  assert_integrity_ok (backup_path);
  backup_version = raw_query (backup_path, "PRAGMA user_version");
  g_assert_cmpstr (backup_version, ==, "1");
  backup_name = raw_query (backup_path, "SELECT name FROM profiles WHERE id = 7");
  g_assert_cmpstr (backup_name, ==, "Siti Rahma");
  backup_reflections = raw_query (backup_path,
                                  "SELECT name FROM sqlite_schema WHERE name = 'reflections'");
  g_assert_null (backup_reflections);

  /* a second open has nothing to migrate and keeps the backup as it is */
  {
    g_autofree char *before = file_checksum (backup_path);
    g_autofree char *after = NULL;

    store = open_store (fixture);
    g_clear_object (&store);
    after = file_checksum (backup_path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
write_newer_database (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE profiles (id INTEGER PRIMARY KEY, x);"
                                          "CREATE TABLE future_things (id INTEGER PRIMARY KEY);"
                                          "INSERT INTO profiles VALUES (1, 'kept');"
                                          "PRAGMA user_version = %d;",
                                          BEKAL_STORE_SCHEMA_VERSION + 1);

  make_data_dir (fixture);
  raw_exec (fixture->db_path, sql);
}

static void
assert_open_fails (Fixture    *fixture,
                   GQuark      domain,
                   int         code,
                   const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = bekal_store_open (fixture->data_dir, &error);

  g_assert_null (store);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, expected_in_message));
}

static void
test_newer_version_refused (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *expected_version = NULL;

  write_newer_database (fixture);
  before = file_checksum (fixture->db_path);

  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NEWER_VERSION, "Update Bekal");
  /* asking twice changes nothing either */
  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NEWER_VERSION, "Update Bekal");

  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
  version = raw_query (fixture->db_path, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%d", BEKAL_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpstr (version, ==, expected_version);
  backup_path = g_strdup_printf ("%s.bak-v%d", fixture->db_path, BEKAL_STORE_SCHEMA_VERSION + 1);
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));

  /* read-only mode refuses it the same way */
  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NEWER_VERSION, "Update Bekal");
  g_clear_pointer (&after, g_free);
  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

/* A newer Bekal killed with changes still in its -wal file: neither file may change, which
 * a read-write connection would do by checkpointing when it closes */
static void
test_newer_version_with_wal_refused (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *wal_path = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *db_after = NULL;
  g_autofree char *wal_after = NULL;
  sqlite3 *db = NULL;

  make_data_dir (fixture);
  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA journal_mode = WAL;"
                         "CREATE TABLE profiles (id INTEGER PRIMARY KEY, x);"
                         "INSERT INTO profiles VALUES (1, 'in the wal');"
                         "PRAGMA user_version = %d;",
                         BEKAL_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_IS_REGULAR));

  db_before = file_checksum (fixture->db_path);
  wal_before = file_checksum (wal_path);

  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NEWER_VERSION, "Update Bekal");

  db_after = file_checksum (fixture->db_path);
  wal_after = file_checksum (wal_path);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpstr (wal_before, ==, wal_after);
}

static void
assert_corrupt_file_left_alone (Fixture    *fixture,
                                const char *contents,
                                gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_data_dir (fixture);
  g_file_set_contents (fixture->db_path, contents, length, &error);
  g_assert_no_error (error);
  before = file_checksum (fixture->db_path);

  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_CORRUPT, fixture->db_path);

  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_garbage_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *garbage = g_malloc (4096);

  for (guint i = 0; i < 4096; i++)
    garbage[i] = (char) ((i * 7919 + 13) & 0xff);

  assert_corrupt_file_left_alone (fixture, garbage, 4096);
}

static void
test_text_file_refused (Fixture       *fixture,
                        gconstpointer  user_data)
{
  assert_corrupt_file_left_alone (fixture, "bukan basis data\n", -1);
}

/* The right magic followed by rubbish */
static void
test_bad_header_refused (Fixture       *fixture,
                         gconstpointer  user_data)
{
  char contents[1024];

  memset (contents, 0x5a, sizeof contents);
  memcpy (contents, "SQLite format 3", 16);

  assert_corrupt_file_left_alone (fixture, contents, sizeof contents);
}

static void
test_damaged_database_refused (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* a real database with a page of its table overwritten */
  make_data_dir (fixture);
  raw_exec (fixture->db_path,
            "PRAGMA page_size = 1024;"
            "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT);"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
            " INSERT INTO profiles SELECT i, printf ('profil nomor %d', i) FROM n;"
            "PRAGMA user_version = 1;");
  g_file_get_contents (fixture->db_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 6 * 1024);
  memset (contents + 3 * 1024, 0xa5, 1024);

  assert_corrupt_file_left_alone (fixture, contents, length);
}

/* An SQLite file of some other program */
static void
test_foreign_database_refused (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_data_dir (fixture);
  raw_exec (fixture->db_path,
            "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
  before = file_checksum (fixture->db_path);

  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_CORRUPT, fixture->db_path);

  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

static gint64
fill_store (Fixture *fixture)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  gint64 profile = create_profile (store, "Joko");

  g_assert_true (bekal_store_set_position (store, profile, "m", "l2", 3, &error));
  g_assert_true (bekal_store_save_reflection (store, profile, "m", "r1", "Tetap aman", &error));
  g_assert_no_error (error);

  return profile;
}

/* Every kind of write fails with READ_ONLY and says what to do */
static void
assert_writes_refused (BekalStore *store,
                       gint64      profile)
{
  BekalMediaProgress progress = { .position_ms = 1, .watched_fraction = 0.1 };
  g_autoptr(GError) error = NULL;

  g_assert_false (bekal_store_set_position (store, profile, "m", "l9", 9, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "--data-dir"));
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  g_clear_error (&error);

  g_assert_cmpint (bekal_store_create_profile (store, "Baru", "", "", 0, FALSE, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (bekal_store_save_reflection (store, profile, "m", "r1", "Hilang", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (bekal_store_set_value (store, "k", "v", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (bekal_store_save_media_progress (store, profile, "m", "v", &progress, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (bekal_store_delete_profile (store, profile, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (bekal_store_start_attempt (store, profile, "m", "1", "h", "q",
                                              BEKAL_QUIZ_PRACTICE, 1, NULL, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
}

static void
assert_filled_data (BekalStore *store,
                    gint64      profile)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lesson = NULL;
  g_autofree char *text = NULL;
  guint block_index = 0;

  g_assert_true (bekal_store_get_position (store, profile, "m", &lesson, &block_index, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lesson, ==, "l2");
  g_assert_cmpuint (block_index, ==, 3);
  text = bekal_store_load_reflection (store, profile, "m", "r1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Tetap aman");
}

static void
test_read_only_forced (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 profile;

  profile = fill_store (fixture);
  before = file_checksum (fixture->db_path);

  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  store = open_store (fixture);
  g_assert_true (bekal_store_is_read_only (store));
  profiles = bekal_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);
  assert_filled_data (store, profile);
  assert_writes_refused (store, profile);
  assert_filled_data (store, profile);
  g_clear_object (&store);

  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);

  /* writable again: the data is intact and can change */
  g_unsetenv (BEKAL_STORE_FORCE_READ_ONLY_ENV);
  store = open_store (fixture);
  g_assert_false (bekal_store_is_read_only (store));
  assert_filled_data (store, profile);
  g_assert_true (bekal_store_set_position (store, profile, "m", "l3", 0, &error));
  g_assert_no_error (error);
}

/* A WAL database whose -wal and -shm cannot be created (read-only folder): the store falls
 * back to reading the main file as immutable. A directory in place of the -wal file makes
 * the plain read-only open fail even for root. */
static void
test_read_only_without_wal_index (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autofree char *wal_path = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 profile;
  sqlite3 *db = NULL;

  profile = fill_store (fixture);
  before = file_checksum (fixture->db_path);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir (wal_path, 0700), ==, 0);

  /* the case the fallback is for */
  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM profiles", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  sqlite3_close (db);

  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  store = open_store (fixture);
  g_assert_true (bekal_store_is_read_only (store));
  assert_filled_data (store, profile);
  assert_writes_refused (store, profile);
  g_clear_object (&store);

  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

/* The read-only connection names the file by URI: characters that mean something in a URI
 * must not change which file is opened */
static void
test_read_only_odd_folder_name (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  gint64 profile;

  g_free (fixture->data_dir);
  g_free (fixture->db_path);
  fixture->data_dir = g_build_filename (fixture->dir, "data dir?mode=rw#50% ü", NULL);
  fixture->db_path = g_build_filename (fixture->data_dir, BEKAL_STORE_FILE_NAME, NULL);

  profile = fill_store (fixture);
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));

  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  store = open_store (fixture);
  g_assert_true (bekal_store_is_read_only (store));
  assert_filled_data (store, profile);
}

/* An old database on a read-only medium is migrated in memory only */
static void
test_read_only_older_version (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(BekalProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reflection = NULL;
  g_autofree char *version = NULL;
  g_autofree char *backup_path = g_strconcat (fixture->db_path, ".bak-v1", NULL);

  make_data_dir (fixture);
  raw_exec (fixture->db_path, schema_v1);
  before = file_checksum (fixture->db_path);

  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);
  store = open_store (fixture);
  g_assert_true (bekal_store_is_read_only (store));
  profile = bekal_store_dup_profile (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_profile_get_name (profile), ==, "Siti Rahma");
  reflection = bekal_store_load_reflection (store, 7, "dasar-5r", "r1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (reflection);
  assert_writes_refused (store, 7);
  g_clear_object (&store);

  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
  version = raw_query (fixture->db_path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
}

static void
test_read_only_no_database (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_setenv (BEKAL_STORE_FORCE_READ_ONLY_ENV, "1", TRUE);

  /* no folder at all */
  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY, "--data-dir");
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));

  /* a folder without a database */
  make_data_dir (fixture);
  assert_open_fails (fixture, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY, "--data-dir");
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

/* Drops root rights in the child, so that file permissions apply */
static void
become_nobody (Fixture *fixture)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (geteuid () != 0)
    return;

  g_assert_cmpint (chown (fixture->dir, NOBODY_ID, NOBODY_ID), ==, 0);
  g_assert_cmpint (chown (fixture->data_dir, NOBODY_ID, NOBODY_ID), ==, 0);
  dir = g_dir_open (fixture->data_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->data_dir, name, NULL);

      g_assert_cmpint (chown (path, NOBODY_ID, NOBODY_ID), ==, 0);
    }

  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (NOBODY_ID), ==, 0);
  g_assert_cmpint (setuid (NOBODY_ID), ==, 0);
}

static void
test_read_only_permissions (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *empty_dir = g_build_filename (fixture->dir, "empty", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 profile;
  int status = 0;
  pid_t pid;

  profile = fill_store (fixture);
  g_assert_cmpint (g_mkdir (empty_dir, 0700), ==, 0);
  before = file_checksum (fixture->db_path);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(BekalStore) store = NULL;
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0)
        g_assert_cmpint (chown (empty_dir, NOBODY_ID, NOBODY_ID), ==, 0);
      become_nobody (fixture);
      g_assert_cmpint (g_chmod (fixture->db_path, 0400), ==, 0);
      g_assert_cmpint (g_chmod (fixture->data_dir, 0500), ==, 0);
      g_assert_cmpint (g_chmod (empty_dir, 0500), ==, 0);
      if (access (fixture->data_dir, W_OK) == 0)
        _exit (EXIT_SKIPPED); /* rights that ignore permissions */

      store = bekal_store_open (fixture->data_dir, &error);
      g_assert_no_error (error);
      g_assert_true (bekal_store_is_read_only (store));
      assert_filled_data (store, profile);
      assert_writes_refused (store, profile);
      g_clear_object (&store);

      store = bekal_store_open (empty_dir, &error);
      g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "--data-dir"));
      g_assert_null (store);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == EXIT_SKIPPED)
    {
      g_test_skip ("file permissions are not enforced for this user");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_cmpint (g_chmod (fixture->data_dir, 0700), ==, 0);
  after = file_checksum (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *page_count = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *big = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db;
  gint64 profile;

  profile = create_profile (store, "Kartika");
  g_assert_true (bekal_store_save_reflection (store, profile, "m", "r1", "pendek", &error));
  g_assert_no_error (error);

  /* the database may not grow any more */
  db = bekal_store_get_connection_for_testing (store);
  page_count = connection_query (db, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %s", page_count);
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  big = g_strnfill (256 * 1024, 'x');
  g_assert_false (bekal_store_save_reflection (store, profile, "m", "r1", big, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* the failed change left nothing half-done and the store keeps working */
  text = bekal_store_load_reflection (store, profile, "m", "r1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "pendek");
  g_clear_pointer (&text, g_free);
  g_assert_true (bekal_store_set_position (store, profile, "m", "l1", 0, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (bekal_store_save_reflection (store, profile, "m", "r1", big, &error));
  g_assert_no_error (error);
  text = bekal_store_load_reflection (store, profile, "m", "r1", NULL, &error);
  g_assert_cmpstr (text, ==, big);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  sqlite3 *other = NULL;
  gint64 profile;

  profile = create_profile (store, "Lestari");

  /* another process holds the write lock longer than the store waits; a durable write (a
   * reading position is a soft write now, queued instead: see test-store-queue.c) */
  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  bekal_store_set_busy_timeout_for_testing (store, 50);

  g_assert_false (bekal_store_save_reflection (store, profile, "m", "r1", "isi", &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* reading still works while the other one writes */
  g_assert_null (bekal_store_load_reflection (store, profile, "m", "r1", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (bekal_store_save_reflection (store, profile, "m", "r1", "isi", &error));
  g_assert_no_error (error);
  text = bekal_store_load_reflection (store, profile, "m", "r1", NULL, &error);
  g_assert_cmpstr (text, ==, "isi");
}

static void
test_two_stores (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(BekalStore) first = open_store (fixture);
  g_autoptr(BekalStore) second = open_store (fixture);
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 profile;

  profile = create_profile (first, "Maya");
  profiles = bekal_store_list_profiles (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);

  for (guint i = 0; i < 40; i++)
    {
      g_assert_true (bekal_store_mark_block_seen (first, profile, "m", "a", i, &error));
      g_assert_true (bekal_store_mark_block_seen (second, profile, "m", "b", i, &error));
      g_assert_no_error (error);
    }

  g_assert_true (bekal_store_save_reflection (second, profile, "m", "r", "dari jendela kedua",
                                              &error));
  text = bekal_store_load_reflection (first, profile, "m", "r", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "dari jendela kedua");

  seen = bekal_store_list_seen_blocks (first, profile, "m", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 80);

  g_clear_object (&first);
  g_clear_object (&second);
  assert_integrity_ok (fixture->db_path);
}

static void
write_many (BekalStore *store,
            gint64      profile,
            gint64      attempt,
            const char *who)
{
  for (guint i = 0; i < FORK_WRITES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *question = g_strdup_printf ("%s-%u", who, i);

      if (!bekal_store_mark_block_seen (store, profile, "m", who, i, &error)
          || !bekal_store_record_answer (store, attempt, question, "t", "a", 1.0, &error)
          || !bekal_store_set_position (store, profile, "m", who, i, &error))
        g_error ("%s could not write: %s", who, error->message);
    }
}

/* Two processes write at the same time */
static void
test_concurrent_processes (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 profile, attempt;
  pid_t pid;

  store = open_store (fixture);
  profile = create_profile (store, "Nur");
  attempt = bekal_store_start_attempt (store, profile, "m", "1", "h", "latihan",
                                       BEKAL_QUIZ_PRACTICE, 7, NULL, &error);
  g_assert_no_error (error);
  /* no connection may cross the fork */
  g_clear_object (&store);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;
      BekalStore *child_store = bekal_store_open (fixture->data_dir, &child_error);

      if (child_store == NULL)
        g_error ("child could not open: %s", child_error->message);
      write_many (child_store, profile, attempt, "child");
      g_object_unref (child_store);
      _exit (0);
    }

  store = open_store (fixture);
  write_many (store, profile, attempt, "parent");

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  seen = bekal_store_list_seen_blocks (store, profile, "m", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2 * FORK_WRITES);
  answers = bekal_store_list_answers (store, attempt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 2 * FORK_WRITES);
  g_clear_object (&store);

  assert_integrity_ok (fixture->db_path);
}

/* Several processes open a database that does not exist yet, all at once */
static void
test_concurrent_first_open (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *expected_version = NULL;
  pid_t children[3];

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = fork ();
      g_assert_cmpint (children[i], >=, 0);
      if (children[i] == 0)
        {
          g_autoptr(GError) child_error = NULL;
          BekalStore *child_store = bekal_store_open (fixture->data_dir, &child_error);

          if (child_store == NULL
              || bekal_store_create_profile (child_store, "Anak", "", "", 0, FALSE,
                                             &child_error) == 0)
            g_error ("child could not write: %s", child_error->message);
          g_object_unref (child_store);
          _exit (0);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  store = open_store (fixture);
  profiles = bekal_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, G_N_ELEMENTS (children));
  g_clear_object (&store);

  version = raw_query (fixture->db_path, "PRAGMA user_version");
  expected_version = g_strdup_printf ("%d", BEKAL_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (version, ==, expected_version);
  assert_integrity_ok (fixture->db_path);
}

/* What was saved survives the process being killed without closing anything */
static void
test_survives_kill (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status = 0;
  gint64 profile, attempt;
  pid_t pid;

  store = open_store (fixture);
  profile = create_profile (store, "Oki");
  attempt = bekal_store_start_attempt (store, profile, "m", "1", "h", "post",
                                       BEKAL_QUIZ_POSTTEST, 7, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;
      BekalStore *child_store = bekal_store_open (fixture->data_dir, &child_error);

      if (child_store == NULL
          || !bekal_store_record_answer (child_store, attempt, "q1", "t", "b", 1.0, &child_error)
          || !bekal_store_record_answer (child_store, attempt, "q2", "t", "a", 0.0, &child_error)
          || !bekal_store_save_reflection (child_store, profile, "m", "r", "sebelum mati",
                                           &child_error))
        _exit (1);
      kill (getpid (), SIGKILL);
      _exit (2);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  store = open_store (fixture);
  answers = bekal_store_list_answers (store, attempt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 2);
  text = bekal_store_load_reflection (store, profile, "m", "r", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "sebelum mati");
  g_clear_object (&store);

  assert_integrity_ok (fixture->db_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/store/open/creates-folder", test_open_creates_folder);
  ADD_TEST ("/store/profiles", test_profiles);
  ADD_TEST ("/store/settings", test_settings);
  ADD_TEST ("/store/progress/round-trip", test_progress_round_trip);
  ADD_TEST ("/store/reflections", test_reflections);
  ADD_TEST ("/store/media-progress", test_media_progress);
  ADD_TEST ("/store/checkpoint-responses", test_checkpoint_responses);
  ADD_TEST ("/store/quiz-attempts", test_quiz_attempts);
  ADD_TEST ("/store/migration/from-v1", test_migration_from_v1);
  ADD_TEST ("/store/refused/newer-version", test_newer_version_refused);
  ADD_TEST ("/store/refused/newer-version-with-wal", test_newer_version_with_wal_refused);
  ADD_TEST ("/store/refused/garbage", test_garbage_refused);
  ADD_TEST ("/store/refused/text-file", test_text_file_refused);
  ADD_TEST ("/store/refused/bad-header", test_bad_header_refused);
  ADD_TEST ("/store/refused/damaged", test_damaged_database_refused);
  ADD_TEST ("/store/refused/foreign-database", test_foreign_database_refused);
  ADD_TEST ("/store/read-only/forced", test_read_only_forced);
  ADD_TEST ("/store/read-only/without-wal-index", test_read_only_without_wal_index);
  ADD_TEST ("/store/read-only/odd-folder-name", test_read_only_odd_folder_name);
  ADD_TEST ("/store/read-only/older-version", test_read_only_older_version);
  ADD_TEST ("/store/read-only/no-database", test_read_only_no_database);
  ADD_TEST ("/store/read-only/permissions", test_read_only_permissions);
  ADD_TEST ("/store/errors/disk-full", test_disk_full);
  ADD_TEST ("/store/errors/busy", test_busy);
  ADD_TEST ("/store/concurrency/two-stores", test_two_stores);
  ADD_TEST ("/store/concurrency/processes", test_concurrent_processes);
  ADD_TEST ("/store/concurrency/first-open", test_concurrent_first_open);
  ADD_TEST ("/store/durability/killed-process", test_survives_kill);

#undef ADD_TEST

  return g_test_run ();
}
