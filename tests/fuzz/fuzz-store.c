/* fuzz-store.c: libFuzzer harness for opening a learners' database (bekal.db) brought from
 * elsewhere
 *
 * Each input is written as DATA/bekal.db in a private temporary folder and opened with the
 * store, which checks, migrates and uses it; then the schema check runs on it, as
 * `bekal-author store check` does. With BEKAL_FUZZ_STORE_SEEDS=DIR set, the harness writes its
 * seed corpus to DIR instead (real store files made by the store itself) and exits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

#define SEEDS_ENV "BEKAL_FUZZ_STORE_SEEDS"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static char *root;     /* the private temporary folder */
static char *data_dir; /* root/data, holding bekal.db */
static char *db_path;
static volatile gsize sink; /* what was read goes here, so that nothing is optimised away */

G_GNUC_NORETURN
static void
die (const char *what,
     const char *detail)
{
  g_printerr ("fuzz-store: %s: %s\n", what, detail);
  exit (1);
}

/* The fuzzer reports an abort as a crash and keeps the input */
G_GNUC_NORETURN
static void
contract_broken (const char *what)
{
  g_printerr ("fuzz-store: %s\n", what);
  abort ();
}

static void
write_file_or_die (const char *path,
                   const void *data,
                   gsize       size)
{
  const char *bytes = data;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    die (path, g_strerror (errno));

  while (done < size)
    {
      gssize n = write (fd, bytes + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        die (path, g_strerror (errno));
      done += (gsize) n;
    }

  close (fd);
}

/* Everything the store leaves next to bekal.db: journals, the setup lock, backups */
static void
empty_folder (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  if (folder == NULL)
    return;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
}

static void
on_exit_cb (void)
{
  if (data_dir != NULL)
    {
      empty_folder (data_dir);
      g_rmdir (data_dir);
    }
  if (root != NULL)
    g_rmdir (root);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&data_dir, g_free);
  g_clear_pointer (&root, g_free);
}

/* Seeds */

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    die (sql, message);
}

/* A copy of the store file with small pages and no WAL, so that seeds stay a few kilobytes */
static void
save_seed (const char *seeds_dir,
           const char *name)
{
  g_autofree char *seed_path = g_build_filename (seeds_dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize length = 0;

  if (sqlite3_open (db_path, &db) != SQLITE_OK)
    die (db_path, sqlite3_errmsg (db));
  exec_or_die (db, "PRAGMA journal_mode = DELETE");
  exec_or_die (db, "PRAGMA page_size = 512");
  exec_or_die (db, "VACUUM");
  sqlite3_close (db);

  if (!g_file_get_contents (db_path, &contents, &length, &error)
      || !g_file_set_contents (seed_path, contents, (gssize) length, &error))
    die (seed_path, error->message);
}

/* A used store of the current version */
static void
fill_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = bekal_store_open (data_dir, &error);
  const char * const order[] = { "q1", "q2", NULL };
  BekalMediaProgress progress = { .position_ms = 5000, .watched_fraction = 0.5 };
  gint64 profile, attempt;

  if (store == NULL)
    die ("seed store", error->message);

  profile = bekal_store_create_profile (store, "Siti", "Sentra", "Peksos", 3, TRUE, &error);
  if (profile == 0
      || !bekal_store_set_value (store, BEKAL_STORE_KEY_LAST_PROFILE, "1", &error)
      || !bekal_store_set_position (store, profile, "m", "l1", 2, &error)
      || !bekal_store_mark_block_seen (store, profile, "m", "l1", 0, &error)
      || !bekal_store_mark_lesson_complete (store, profile, "m", "l1", &error)
      || !bekal_store_set_module_flag (store, profile, "m", BEKAL_MODULE_FLAG_PRETEST_DONE,
                                       &error)
      || !bekal_store_save_reflection (store, profile, "m", "r1", "catatan", &error)
      || !bekal_store_save_media_progress (store, profile, "m", "v1", &progress, &error)
      || !bekal_store_save_checkpoint_response (store, profile, "m", "v1", "q1", "a", &error))
    die ("seed store", error->message);

  for (int role = BEKAL_QUIZ_PRETEST; role <= BEKAL_QUIZ_POSTTEST; role++)
    {
      attempt = bekal_store_start_attempt (store, profile, "m", "1", "h", "kuis",
                                           (BekalQuizRole) role, 7, order, &error);
      if (attempt == 0
          || !bekal_store_record_answer (store, attempt, "q1", "t1", "a", 1.0, &error)
          || !bekal_store_record_answer (store, attempt, "q2", "t2", "b,c", 0.0, &error)
          || !bekal_store_finish_attempt (store, attempt, 0.5, BEKAL_QUIZ_VERDICT_FAILED,
                                          &error))
        die ("seed store", error->message);
    }
}

static void
make_seeds (const char *seeds_dir)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_mkdir_with_parents (seeds_dir, 0700);

  fill_store ();
  save_seed (seeds_dir, "store-current.db");

  /* a planted trigger, refused when opened */
  if (sqlite3_open (db_path, &db) != SQLITE_OK)
    die (db_path, sqlite3_errmsg (db));
  exec_or_die (db, "CREATE TRIGGER planted AFTER INSERT ON quiz_answers BEGIN"
                   " DELETE FROM reflections; END");
  sqlite3_close (db);
  save_seed (seeds_dir, "store-planted-trigger.db");

  /* every older version, migrated when opened */
  for (int version = 0; version < BEKAL_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("store-v%d.db", version);

      empty_folder (data_dir);
      if (!bekal_store_create_database_for_testing (db_path, version, &error))
        die ("seed store", error->message);
      save_seed (seeds_dir, name);
    }

  empty_folder (data_dir);
  g_print ("fuzz-store: seeds written to %s\n", seeds_dir);
}

/* libFuzzer */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *seeds_dir = g_getenv (SEEDS_ENV);

  root = g_dir_make_tmp ("bekal-fuzz-store-XXXXXX", &error);
  if (root == NULL)
    die ("temporary folder", error->message);
  data_dir = g_build_filename (root, "data", NULL);
  db_path = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);
  g_mkdir (data_dir, 0700);
  atexit (on_exit_cb);

  if (seeds_dir != NULL)
    {
      make_seeds (seeds_dir);
      exit (0);
    }

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  empty_folder (data_dir);
  write_file_or_die (db_path, data, size);

  store = bekal_store_open (data_dir, &error);
  if ((store == NULL) == (error == NULL))
    contract_broken ("bekal_store_open must return either a store or an error");

  if (store != NULL)
    {
      g_autoptr(GListModel) profiles = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *last = NULL;

      profiles = bekal_store_list_profiles (store, NULL);
      rows = bekal_report_gap (store, NULL);
      last = bekal_store_dup_value (store, BEKAL_STORE_KEY_LAST_PROFILE, NULL);
      sink += (rows != NULL ? rows->len : 0) + (last != NULL ? strlen (last) : 0);

      /* reads and writes of a learner, when there is one */
      if (profiles != NULL && g_list_model_get_n_items (profiles) > 0)
        {
          g_autoptr(BekalProfile) profile = g_list_model_get_item (profiles, 0);
          gint64 id = bekal_profile_get_id (profile);
          g_autoptr(GPtrArray) attempts = NULL;
          g_autoptr(GPtrArray) seen = NULL;
          g_autoptr(BekalQuizAttempt) counted = NULL;
          g_autofree char *lesson = NULL;
          gint64 attempt;

          attempts = bekal_store_list_attempts (store, id, "m", NULL, NULL);
          seen = bekal_store_list_seen_blocks (store, id, "m", NULL, NULL);
          counted = bekal_store_dup_counted_attempt (store, id, "m", BEKAL_QUIZ_POSTTEST, NULL);
          bekal_store_get_position (store, id, "m", &lesson, NULL, NULL);
          sink += (attempts != NULL ? attempts->len : 0) + (seen != NULL ? seen->len : 0)
                  + (counted != NULL) + (lesson != NULL);

          bekal_store_set_position (store, id, "m", "l2", 3, NULL);
          attempt = bekal_store_start_attempt (store, id, "m", "1", "h", "kuis",
                                               BEKAL_QUIZ_POSTTEST, 1, NULL, NULL);
          if (attempt != 0)
            {
              bekal_store_record_answer (store, attempt, "q1", "t1", "a", 1.0, NULL);
              bekal_store_finish_attempt (store, attempt, 1.0, BEKAL_QUIZ_VERDICT_PASSED, NULL);
            }
          bekal_store_flush (store, NULL);
        }
    }
  g_clear_object (&store);

  g_clear_error (&error);
  findings = bekal_store_check_schema (data_dir, &error);
  if ((findings == NULL) == (error == NULL))
    contract_broken ("bekal_store_check_schema must return either findings or an error");

  return 0;
}
