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

/* The connection's synchronous level, as PRAGMA synchronous reports it (2 is FULL) */
static int
connection_synchronous (BekalStore *store)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  sqlite3_stmt *stmt = NULL;
  int level;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA synchronous", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  level = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return level;
}

/* The timer's flush commits without a sync of its own (it is never acknowledged), and leaves
 * the connection syncing every other commit, also when the database was busy */
static void
test_timer_keeps_full_sync (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  g_assert_cmpint (connection_synchronous (fixture->store), ==, 2);

  g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l5", 3,
                                           &error));
  g_assert_no_error (error);
  iterate_until_written (fixture->store);
  assert_raw (fixture, "SELECT lesson_id || ':' || block_index FROM positions", "l5:3");
  g_assert_cmpint (connection_synchronous (fixture->store), ==, 2);

  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (bekal_store_set_position (fixture->store, fixture->profile, "m", "l5", 4,
                                           &error));
  g_assert_no_error (error);
  iterate_for (600);
  g_assert_cmpuint (bekal_store_get_n_queued_writes_for_testing (fixture->store), ==, 1);
  g_assert_cmpint (connection_synchronous (fixture->store), ==, 2);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  /* a durable write after it syncs as before, and takes the queue along */
  g_assert_true (bekal_store_set_value (fixture->store, "k", "v", &error));
  g_assert_no_error (error);
  g_assert_cmpint (connection_synchronous (fixture->store), ==, 2);
  assert_raw (fixture, "SELECT lesson_id || ':' || block_index FROM positions", "l5:4");
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

/* Durable writes given to bekal_store_write_async() */

typedef struct
{
  GString *order;       /* the keys, in the order their callbacks ran */
  GError  *last_error;
  guint    n_done;
} WriteLog;

typedef struct
{
  const char *key;
  const char *value;
  WriteLog   *log;
} SetValue;

static gboolean
write_set_value (BekalStore  *store,
                 gpointer     user_data,
                 GError     **error)
{
  SetValue *set = user_data;

  if (g_str_equal (set->key, "refused"))
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID, "refused");
      return FALSE;
    }

  return bekal_store_set_value (store, set->key, set->value, error);
}

static void
on_write_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SetValue *set = user_data;
  WriteLog *log = set->log;
  const char *key = set->key;

  g_clear_error (&log->last_error);
  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &log->last_error))
    g_string_append_c (log->order, '!');
  g_string_append (log->order, key);
  g_string_append_c (log->order, ' ');
  log->n_done++;
}

static void
queue_set_value (BekalStore   *store,
                 SetValue     *set,
                 GCancellable *cancellable,
                 WriteLog     *log)
{
  set->log = log;
  bekal_store_write_async (store, write_set_value, set, NULL, cancellable, on_write_done, set);
}

static void
iterate_until_done (WriteLog *log,
                    guint     n_done)
{
  guint guard = g_timeout_add_seconds (20, on_guard_timeout, NULL);

  while (log->n_done < n_done)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
}

/* Another process holds the write lock: the writes wait in order without blocking the caller,
 * the store says it is waiting, and both are saved once the lock is released */
static void
test_write_async_waits_for_lock (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  SetValue first = { "first", "1", NULL }, second = { "second", "2", NULL };
  WriteLog log = { g_string_new (NULL), NULL, 0 };
  sqlite3 *other = NULL;

  bekal_store_set_lock_wait (fixture->store, 10);
  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  queue_set_value (fixture->store, &first, NULL, &log);
  queue_set_value (fixture->store, &second, NULL, &log);
  g_assert_cmpuint (bekal_store_get_n_pending_writes (fixture->store), ==, 2);
  g_assert_false (bekal_store_get_waiting_for_lock (fixture->store));

  iterate_for (1300);
  g_assert_cmpuint (log.n_done, ==, 0);
  g_assert_cmpuint (bekal_store_get_n_pending_writes (fixture->store), ==, 2);
  g_assert_true (bekal_store_get_waiting_for_lock (fixture->store));
  g_assert_null (raw_query (fixture->db_path, "SELECT value FROM settings WHERE key = 'first'"));

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  iterate_until_done (&log, 2);
  g_assert_no_error (log.last_error);
  g_assert_cmpstr (log.order->str, ==, "first second ");
  g_assert_false (bekal_store_get_waiting_for_lock (fixture->store));
  g_assert_cmpuint (bekal_store_get_n_pending_writes (fixture->store), ==, 0);
  assert_raw (fixture, "SELECT group_concat (value, ',') FROM (SELECT value FROM settings "
              "WHERE key IN ('first', 'second') ORDER BY key)", "1,2");
  g_string_free (log.order, TRUE);
}

/* A write cancelled while it waits is never made; one refused for another reason reports its
 * error at once and does not hold up the next */
static void
test_write_async_cancel_and_errors (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  SetValue cancelled = { "cancelled", "x", NULL };
  SetValue refused = { "refused", "x", NULL };
  SetValue kept = { "kept", "3", NULL };
  WriteLog log = { g_string_new (NULL), NULL, 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  sqlite3 *other = NULL;

  bekal_store_set_lock_wait (fixture->store, 10);
  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  queue_set_value (fixture->store, &cancelled, cancellable, &log);
  iterate_for (100);
  g_cancellable_cancel (cancellable);
  iterate_until_done (&log, 1);
  g_assert_error (log.last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  queue_set_value (fixture->store, &refused, NULL, &log);
  queue_set_value (fixture->store, &kept, NULL, &log);
  iterate_until_done (&log, 3);
  g_assert_cmpstr (log.order->str, ==, "!cancelled !refused kept ");
  g_assert_no_error (log.last_error);
  g_assert_null (raw_query (fixture->db_path,
                            "SELECT value FROM settings WHERE key = 'cancelled'"));
  assert_raw (fixture, "SELECT value FROM settings WHERE key = 'kept'", "3");
  g_string_free (log.order, TRUE);
}

/* bekal_store_flush() runs the writes still waiting, so closing Bekal loses none */
static void
test_flush_runs_pending_writes (Fixture       *fixture,
                                gconstpointer  user_data)
{
  SetValue last = { "last", "4", NULL };
  WriteLog log = { g_string_new (NULL), NULL, 0 };
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  bekal_store_set_lock_wait (fixture->store, 10);
  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  queue_set_value (fixture->store, &last, NULL, &log);

  /* still locked: the flush says so and the write stays queued */
  g_assert_false (bekal_store_flush (fixture->store, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (bekal_store_get_n_pending_writes (fixture->store), ==, 1);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (bekal_store_flush (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bekal_store_get_n_pending_writes (fixture->store), ==, 0);
  assert_raw (fixture, "SELECT value FROM settings WHERE key = 'last'", "4");
  iterate_until_done (&log, 1);
  g_assert_cmpstr (log.order->str, ==, "last ");
  g_string_free (log.order, TRUE);
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
  ADD_TEST ("/store-queue/timer-keeps-full-sync", test_timer_keeps_full_sync);
  ADD_TEST ("/store-queue/busy", test_busy_database_keeps_queue);
  ADD_TEST ("/store-queue/durable-write", test_durable_write_carries_queue);
  ADD_TEST ("/store-queue/close", test_close_writes_queue);
  ADD_TEST ("/store-queue/deleted-profile", test_deleted_profile);
  ADD_TEST ("/store-queue/refused", test_refused_at_once);
  ADD_TEST ("/store-write/waits-for-lock", test_write_async_waits_for_lock);
  ADD_TEST ("/store-write/cancel-and-errors", test_write_async_cancel_and_errors);
  ADD_TEST ("/store-write/flush", test_flush_runs_pending_writes);

#undef ADD_TEST

  return g_test_run ();
}
