/* test-store-queue.c: soft writes (reading position, blocks seen, media progress) are queued,
 * written together in one transaction, and never wait for another process's lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"
#include "test-util.h"

typedef struct
{
  char       *dir;
  char       *db_path;
  BekalStore *store;
  gint64      profile;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->db_path = g_build_filename (fixture->dir, BEKAL_STORE_FILE_NAME, NULL);
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->profile = bekal_store_create_profile (fixture->store, "Rina", "", "", 1, FALSE,
                                                 &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

/* Helpers */

/* The first column of the first row of @sql, read through a connection of its own */
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

static void
assert_raw (Fixture    *fixture,
            const char *sql,
            const char *expected)
{
  g_autofree char *result = raw_query (fixture->db_path, sql);

  g_assert_cmpstr (result, ==, expected);
}

static gboolean
on_guard_timeout (gpointer user_data)
{
  g_error ("the queued writes were not written in time");
  return G_SOURCE_REMOVE;
}

/* Runs the main context until the queue is empty (the store's timer wrote it) */
static void
iterate_until_written (BekalStore *store)
{
  guint guard = g_timeout_add_seconds (20, on_guard_timeout, NULL);

  while (bekal_store_get_n_queued_writes_for_testing (store) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
}

static gboolean
on_quit_timeout (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for @ms milliseconds */
static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_quit_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Tests */

/* A burst of 100 soft writes is one transaction; reads see them before it */
static void
test_burst_is_one_transaction (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autofree char *lesson = NULL;
  BekalMediaProgress progress = { 0 };
  BekalMediaProgress loaded = { 0 };
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);
  guint commits = bekal_store_get_n_commits_for_testing (fixture->store);
  gint64 changes = sqlite3_total_changes64 (db);
  guint block_index = 0;

  for (guint i = 0; i < 50; i++)
    g_assert_true (bekal_store_mark_block_seen (fixture->store, fixture->profile, "m", "l1", i,
                                                &error));
  for (guint i = 0; i < 25; i++)
    g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l1", i,
                                             &error));
  for (guint i = 0; i < 25; i++)
    {
      progress.position_ms = 1000 * i;
      progress.watched_fraction = i == 10 ? 0.8 : 0.01 * i;
      progress.transcript_read_to_end = i == 3;
      g_assert_true (bekal_store_save_media_progress (fixture->store, fixture->profile, "m",
                                                      "video-1", &progress, &error));
    }
  g_assert_no_error (error);

  /* nothing written yet: 50 blocks, one position and one media item wait */
  g_assert_cmpuint (bekal_store_get_n_commits_for_testing (fixture->store), ==, commits);
  g_assert_cmpint (sqlite3_total_changes64 (db), ==, changes);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 52);
  assert_raw (fixture, "SELECT count (*) FROM seen_blocks", "0");

  /* the store reads what is queued */
  g_assert_true (bekal_store_get_position (fixture->store, fixture->profile, "m", &lesson,
                                           &block_index, &error));
  g_assert_cmpstr (lesson, ==, "l1");
  g_assert_cmpuint (block_index, ==, 24);
  seen = bekal_store_list_seen_blocks (fixture->store, fixture->profile, "m", NULL, &error);
  g_assert_cmpuint (seen->len, ==, 50);
  g_assert_cmpuint (((BekalSeenBlock *) g_ptr_array_index (seen, 49))->block_index, ==, 49);
  g_assert_true (bekal_store_load_media_progress (fixture->store, fixture->profile, "m",
                                                  "video-1", &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded.position_ms, ==, 24000);
  g_assert_cmpfloat_with_epsilon (loaded.watched_fraction, 0.8, 1e-9);
  g_assert_true (loaded.transcript_read_to_end);

  g_assert_true (bekal_store_flush (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bekal_store_get_n_commits_for_testing (fixture->store), ==, commits + 1);
  g_assert_cmpint (sqlite3_total_changes64 (db) - changes, ==, 52);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 0);

  /* visible to another connection, as the learner left it */
  assert_raw (fixture, "SELECT count (*) FROM seen_blocks", "50");
  assert_raw (fixture, "SELECT lesson_id || ':' || block_index FROM positions", "l1:24");
  assert_raw (fixture, "SELECT position_ms || ':' || watched_fraction || ':'"
                       " || transcript_read_to_end FROM media_progress", "24000:0.8:1");

  /* a flush with nothing queued writes nothing */
  g_assert_true (bekal_store_flush (fixture->store, &error));
  g_assert_cmpuint (bekal_store_get_n_commits_for_testing (fixture->store), ==, commits + 1);
}

/* Without any call, the queue is written shortly, by a timer of the main context */
static void
test_written_by_timer (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint commits = bekal_store_get_n_commits_for_testing (fixture->store);

  g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l3", 7,
                                           &error));
  g_assert_true (bekal_store_mark_block_seen (fixture->store, fixture->profile, "m", "l3", 7,
                                              &error));
  g_assert_no_error (error);
  assert_raw (fixture, "SELECT count (*) FROM positions", "0");

  iterate_until_written (fixture->store);
  g_assert_cmpuint (bekal_store_get_n_commits_for_testing (fixture->store), ==, commits + 1);
  assert_raw (fixture, "SELECT lesson_id || ':' || block_index FROM positions", "l3:7");
  assert_raw (fixture, "SELECT count (*) FROM seen_blocks", "1");
}

/* Another process holds the write lock: the soft write returns at once, still queued, and is
 * written after the lock is released */
static void
test_busy_database_keeps_queue (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lesson = NULL;
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l2", 5,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 1);
  g_assert_true (bekal_store_get_position (fixture->store, fixture->profile, "m", &lesson, NULL,
                                           &error));
  g_assert_cmpstr (lesson, ==, "l2");

  /* the timer tries (more than once) and gives up at once each time */
  iterate_for (800);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 1);

  /* an explicit flush waits only the busy timeout, then says so; the queue stays */
  bekal_store_set_busy_timeout_for_testing (fixture->store, 20);
  g_assert_false (bekal_store_flush (fixture->store, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 1);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  iterate_until_written (fixture->store);
  assert_raw (fixture, "SELECT lesson_id || ':' || block_index FROM positions", "l2:5");
}

/* A durable write takes the queue along in its own transaction */
static void
test_durable_write_carries_queue (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint commits = bekal_store_get_n_commits_for_testing (fixture->store);

  g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l4", 2,
                                           &error));
  g_assert_true (bekal_store_save_reflection (fixture->store, fixture->profile, "m", "r",
                                              "tulisan", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (bekal_store_get_n_commits_for_testing (fixture->store), ==, commits + 1);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 0);
  assert_raw (fixture, "SELECT lesson_id FROM positions", "l4");
  assert_raw (fixture, "SELECT text FROM reflections", "tulisan");
}

/* Closing the store writes the queue */
static void
test_close_writes_queue (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { .position_ms = 4200, .watched_fraction = 0.3 };

  g_assert_true (bekal_store_save_media_progress (fixture->store, fixture->profile, "m", "v",
                                                  &progress, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  assert_raw (fixture, "SELECT position_ms FROM media_progress", "4200");
}

/* Deleting a profile takes its queued writes along; a profile deleted by another window drops
 * only its own queued writes */
static void
test_deleted_profile (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 other_profile;
  g_autofree char *delete_sql = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l1", 1,
                                           &error));
  g_assert_true (bekal_store_delete_profile (fixture->store, fixture->profile, &error));
  g_assert_no_error (error);
  g_assert_false (bekal_store_get_position (fixture->store, fixture->profile, "m", NULL, NULL,
                                            &error));
  g_assert_no_error (error);
  assert_raw (fixture, "SELECT count (*) FROM positions", "0");

  fixture->profile = bekal_store_create_profile (fixture->store, "Sari", "", "", 0, FALSE,
                                                 &error);
  other_profile = bekal_store_create_profile (fixture->store, "Tono", "", "", 0, FALSE, &error);
  g_assert_true (bekal_store_mark_block_seen (fixture->store, fixture->profile, "m", "l1", 0,
                                              &error));
  g_assert_true (bekal_store_mark_block_seen (fixture->store, other_profile, "m", "l1", 0,
                                              &error));
  g_assert_no_error (error);

  {
    sqlite3 *other = NULL;

    delete_sql = g_strdup_printf ("PRAGMA foreign_keys = ON; DELETE FROM profiles WHERE id = %"
                                  G_GINT64_FORMAT, other_profile);
    g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, delete_sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (other);
  }

  g_assert_true (bekal_store_flush (fixture->store, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->profile);
  assert_raw (fixture, "SELECT group_concat (profile_id) FROM seen_blocks", expected);
}

/* What the database would refuse is refused at once, as before */
static void
test_refused_at_once (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0 };

  g_assert_false (bekal_store_set_position (fixture->store, fixture->profile, "m", "", 0,
                                            &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_mark_block_seen (fixture->store, fixture->profile, "", "l", 0,
                                               &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_save_media_progress (fixture->store, 424242, "m", "v", &progress,
                                                   &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/store-queue/burst", test_burst_is_one_transaction);
  ADD_TEST ("/store-queue/timer", test_written_by_timer);
  ADD_TEST ("/store-queue/busy", test_busy_database_keeps_queue);
  ADD_TEST ("/store-queue/durable-write", test_durable_write_carries_queue);
  ADD_TEST ("/store-queue/close", test_close_writes_queue);
  ADD_TEST ("/store-queue/deleted-profile", test_deleted_profile);
  ADD_TEST ("/store-queue/refused", test_refused_at_once);

#undef ADD_TEST

  return g_test_run ();
}
