/* bekal-store.c: the store object: opening, checking and recovering the database,
 * transactions, cached statements and settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

/* How long opening (checking, creating, migrating) waits for another process, a second Bekal
 * window, to finish its own; it happens once, at start */
#define BUSY_TIMEOUT_MS 5000

/* How long a durable write (an answer, an attempt, a reflection, a profile, a setting) waits
 * for another process's write lock before it fails with BEKAL_STORE_ERROR_BUSY. Bekal's own
 * transactions hold the lock for milliseconds; this rides out a backup tool or a second window
 * holding it for up to two seconds, since the callers write on the main thread and do not try
 * again yet (with 250 ms, the quiz of bench-ui-stalls could not start). Soft writes never wait
 * (bekal-store-queue.c). */
#define WRITE_BUSY_TIMEOUT_MS 2500

#define SQLITE_HEADER "SQLite format 3"

G_DEFINE_FINAL_TYPE (BekalStore, bekal_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_WAITING_FOR_LOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (bekal-store-error-quark, bekal_store_error)

gint64
_bekal_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
is_read_only_code (int rc)
{
  int primary = rc & 0xff;

  return primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM;
}

gboolean
_bekal_store_set_read_only_error (BekalStore  *self,
                                  GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY,
               _("Nothing was saved: the data folder “%s” cannot be written (it may be on a "
                 "write-protected USB stick). Start Bekal with --data-dir and a folder you "
                 "can write to."),
               self->data_dir);
  return FALSE;
}

gboolean
_bekal_store_set_corrupt_error (const char  *path,
                                GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_CORRUPT,
               _("The file “%s” is not a Bekal database or it is damaged. It was left as it "
                 "is. Move it away, or start Bekal with --data-dir and another folder."),
               path);
  return FALSE;
}

/* Turns an SQLite failure on @db into a GError the learner can act on; always FALSE */
gboolean
_bekal_store_set_sqlite_error (BekalStore  *self,
                               sqlite3     *db,
                               int          rc,
                               GError     **error)
{
  g_debug ("SQLite error %d (%s) on %s: %s", rc, sqlite3_errstr (rc), self->path,
           db != NULL ? sqlite3_errmsg (db) : "no connection");

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL,
                           _("The disk is full. Free some space; your answer is kept in "
                             "memory and will be saved again."));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY,
                   _("The database “%s” is busy in another Bekal window. Close the other "
                     "window and try again."),
                   self->path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      _bekal_store_set_read_only_error (self, error);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      _bekal_store_set_corrupt_error (self->path, error);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal could not read or write its database “%s” (%s). If the data folder "
                     "is on a USB stick, check that the stick is still plugged in."),
                   self->path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                             _("The profile this belongs to no longer exists; nothing was "
                               "saved."));
      else
        g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                     _("The database refused a value: %s"), sqlite3_errmsg (db));
      break;

    default:
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal could not use its database “%s”: %s"),
                   self->path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

void
_bekal_store_reset_statement (BorrowedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Prepares @sql once per store; @sql must be a string literal (it is the cache key) */
BorrowedStatement *
_bekal_store_borrow (BekalStore  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _bekal_store_set_sqlite_error (self, self->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

void
_bekal_store_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_bekal_store_bind_score (sqlite3_stmt *stmt,
                         int           index,
                         double        score)
{
  if (isnan (score) || score < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, score);
}

double
_bekal_store_column_score (sqlite3_stmt *stmt,
                           int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return BEKAL_STORE_NO_SCORE;

  return sqlite3_column_double (stmt, column);
}

char *
_bekal_store_column_dup_text (sqlite3_stmt *stmt,
                              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/* Runs a statement that returns no rows */
gboolean
_bekal_store_step_done (BekalStore    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);

  return TRUE;
}

/* TRUE with *out_has_row set on success */
gboolean
_bekal_store_step_row (BekalStore    *self,
                       sqlite3_stmt  *stmt,
                       gboolean      *out_has_row,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out_has_row = (rc == SQLITE_ROW);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);

  return TRUE;
}

static gboolean
run_simple_statement (BekalStore  *self,
                      const char  *sql,
                      GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = _bekal_store_borrow (self, sql, error);

  return stmt != NULL && _bekal_store_step_done (self, stmt, error);
}

/* BEGIN IMMEDIATE takes the write lock at once, so a second process waits here (up to the
 * busy timeout) instead of failing half-way through a change. The queued soft writes go into
 * the same transaction, before the change: they are written in the order they were made. */
gboolean
_bekal_store_begin_write (BekalStore        *self,
                          WriteTransaction  *txn,
                          GError           **error)
{
  g_assert (txn->store == NULL);

  if (self->read_only)
    return _bekal_store_set_read_only_error (self, error);

  if (!run_simple_statement (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  txn->store = self;
  return _bekal_store_write_soft_writes (self, error);
}

static void
rollback_if_open (BekalStore *self)
{
  /* A failed COMMIT may already have rolled back (SQLITE_FULL does) */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_bekal_store_commit_write (WriteTransaction  *txn,
                           GError           **error)
{
  BekalStore *self = g_steal_pointer (&txn->store);

  g_assert (self != NULL);

  if (!run_simple_statement (self, "COMMIT", error))
    {
      rollback_if_open (self);
      return FALSE;
    }

  self->n_commits++;
  _bekal_store_forget_soft_writes (self);
  return TRUE;
}

void
_bekal_store_write_transaction_clear (WriteTransaction *txn)
{
  if (txn->store != NULL)
    rollback_if_open (g_steal_pointer (&txn->store));
}

void
_bekal_store_release_setup_lock (SetupLock fd)
{
  close (fd); /* closing releases the lock */
}

/* Checking, creating and migrating the database happen under an exclusive lock on
 * bekal.db.lock, one process at a time. SQLite alone does not make this safe: a process that
 * opens a WAL database while another one is still creating it can delete the other's -wal
 * file. A folder where the lock file cannot be made is used without it. */
gboolean
_bekal_store_take_setup_lock (BekalStore  *self,
                              SetupLock   *out_lock,
                              GError     **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_debug ("No setup lock %s: %s", lock_path, g_strerror (errno));
      return TRUE;
    }

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if ((errno != EWOULDBLOCK && errno != EINTR) || g_get_monotonic_time () > deadline)
        {
          close (fd);
          g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY,
                       _("The database “%s” is busy in another Bekal window. Close the other "
                         "window and try again."),
                       self->path);
          return FALSE;
        }
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }

  *out_lock = fd;
  return TRUE;
}

gboolean
_bekal_store_inspect_file (const char         *path,
                           DatabaseFileState  *out_state,
                           GError            **error)
{
  char header[sizeof SQLITE_HEADER] = { 0 };
  struct stat st;
  ssize_t n_read;
  int saved_errno;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        {
          *out_state = DATABASE_MISSING;
          return TRUE;
        }

      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal cannot read its database “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return _bekal_store_set_corrupt_error (path, error);
    }

  do
    n_read = read (fd, header, sizeof header);
  while (n_read < 0 && errno == EINTR);
  saved_errno = errno;
  close (fd);

  if (n_read < 0)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal cannot read its database “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (n_read == 0)
    {
      *out_state = DATABASE_EMPTY;
      return TRUE;
    }

  /* The header check keeps SQLite (and its journal handling) away from foreign files */
  if ((size_t) n_read < sizeof header || memcmp (header, SQLITE_HEADER, sizeof header) != 0)
    return _bekal_store_set_corrupt_error (path, error);

  *out_state = DATABASE_PRESENT;
  return TRUE;
}

/* quick_check reads every page, so damage is found at start and not in the middle of a
 * lesson; databases here are small enough for it to be fast */
static int
check_database_integrity (sqlite3  *db,
                          gboolean *out_ok)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *result = (const char *) sqlite3_column_text (stmt, 0);

          *out_ok = g_strcmp0 (result, "ok") == 0;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Every connection Bekal makes: extended result codes, no writing to sqlite_schema, and no
 * function with side effects called from a view or trigger (trusted_schema off), so that a
 * planted schema object has as little reach as possible until the schema check refuses it */
int
_bekal_store_harden_connection (sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  return sqlite3_exec (db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
}

static int
open_read_only_connection (const char  *path,
                           gboolean     immutable,
                           sqlite3    **out_db)
{
  g_autofree char *file_uri = NULL;
  g_autofree char *uri = NULL;
  int rc;

  file_uri = g_filename_to_uri (path, NULL, NULL);
  if (file_uri == NULL)
    return SQLITE_CANTOPEN;
  uri = g_strconcat (file_uri, immutable ? "?mode=ro&immutable=1" : "?mode=ro", NULL);

  rc = sqlite3_open_v2 (uri, out_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (*out_db != NULL)
    sqlite3_busy_timeout (*out_db, BUSY_TIMEOUT_MS);
  if (rc == SQLITE_OK)
    rc = _bekal_store_harden_connection (*out_db);

  return rc;
}

static gboolean
set_bad_version_error (BekalStore  *self,
                       int          version,
                       GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BAD_VERSION,
               _("The database “%s” has the format number %d, which no version of Bekal writes: "
                 "it was not made by Bekal, or it is damaged. It was left as it is. Move it "
                 "away, or start Bekal with --data-dir and another folder."),
               self->path, version);
  return FALSE;
}

gboolean
_bekal_store_examine (BekalStore   *self,
                      sqlite3     **out_db,
                      GPtrArray   **out_findings,
                      GError      **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  sqlite3 *db = NULL;
  gboolean schema_empty = FALSE;
  gboolean intact = FALSE;
  int version = 0;
  int rc;

  rc = open_read_only_connection (self->path, FALSE, &db);
  if (rc == SQLITE_OK)
    rc = _bekal_store_read_schema_version (db, &version);

  /* A WAL database in a folder that cannot be written: its -shm index cannot be created.
   * Read the main file as it is; it is complete as long as no -wal file is left over, and
   * when one is, SQLite could open it above. */
  if (is_read_only_code (rc))
    {
      g_debug ("Reading %s as immutable (SQLite error %d)", self->path, rc);
      g_clear_pointer (&db, sqlite3_close_v2);
      rc = open_read_only_connection (self->path, TRUE, &db);
      if (rc == SQLITE_OK)
        rc = _bekal_store_read_schema_version (db, &version);
    }

  /* The version is checked before anything else is read: it chooses the migrations */
  if (rc == SQLITE_OK && version < 0)
    {
      sqlite3_close_v2 (db);
      return set_bad_version_error (self, version, error);
    }
  if (rc == SQLITE_OK && version > BEKAL_STORE_SCHEMA_VERSION)
    {
      sqlite3_close_v2 (db);
      return _bekal_store_set_newer_version_error (self, version, error);
    }

  if (rc == SQLITE_OK && version == 0)
    rc = _bekal_store_check_schema_is_empty (db, &schema_empty);
  if (rc == SQLITE_OK && version > 0)
    {
      findings = _bekal_store_compare_schema (self, db, version, error);
      if (findings == NULL)
        {
          sqlite3_close_v2 (db);
          return FALSE;
        }
    }
  if (rc == SQLITE_OK)
    rc = check_database_integrity (db, &intact);

  if (rc != SQLITE_OK)
    {
      _bekal_store_set_sqlite_error (self, db, rc, error);
      g_clear_pointer (&db, sqlite3_close_v2);
      return FALSE;
    }

  if ((version == 0 && !schema_empty) || !intact)
    {
      sqlite3_close_v2 (db);
      return _bekal_store_set_corrupt_error (self->path, error);
    }

  if (out_findings != NULL)
    *out_findings = findings != NULL ? g_steal_pointer (&findings)
                                     : g_ptr_array_new_with_free_func (
                                         (GDestroyNotify) bekal_schema_finding_free);
  if (out_db != NULL)
    *out_db = db;
  else
    sqlite3_close_v2 (db);
  return TRUE;
}

/* Opens the existing database without any right to change it and checks that it is a Bekal
 * database this build can use, with Bekal's schema and nothing else. Nothing is written to
 * the file, whatever is found. */
static gboolean
probe_database (BekalStore  *self,
                sqlite3    **out_db,
                GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  sqlite3 *db = NULL;

  if (!_bekal_store_examine (self, &db, &findings, error))
    return FALSE;

  if (findings->len > 0)
    {
      sqlite3_close_v2 (db);
      return _bekal_store_set_foreign_schema_error (self, findings, error);
    }

  *out_db = db;
  return TRUE;
}

/* Cached statements belong to the connection: they go with it */
static void
close_connection (BekalStore *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static gboolean
exec_pragma (BekalStore  *self,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);

  return TRUE;
}

static gboolean
configure_connection (BekalStore  *self,
                      GError     **error)
{
  int rc = _bekal_store_harden_connection (self->db);

  if (rc != SQLITE_OK)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);

  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  return exec_pragma (self, "PRAGMA foreign_keys = ON", error);
}

/* WAL lets a second process read while this one writes, and never rewrites the main file in
 * the middle of a transaction */
static int
use_wal_journal (BekalStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *journal_mode = (const char *) sqlite3_column_text (stmt, 0);

      /* Some file systems have no shared memory; the rollback journal is safe there */
      if (g_strcmp0 (journal_mode, "wal") != 0)
        g_debug ("Database %s uses journal mode %s", self->path, journal_mode);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Learners' answers and reflections are for this computer account only: the folder 0700, the
 * database and its WAL files 0600. Wider modes left by an older Bekal or a copy are narrowed;
 * a file system without modes (FAT on a USB stick) refuses, which is not an error. */
static void
restrict_permissions (BekalStore *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  GStatBuf st;

  if (g_stat (self->data_dir, &st) == 0 && (st.st_mode & 077) != 0
      && g_chmod (self->data_dir, 0700) != 0)
    g_debug ("Could not restrict the permissions of %s: %s", self->data_dir, g_strerror (errno));

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->path, suffixes[i], NULL);

      if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0 && g_chmod (path, 0600) != 0)
        g_debug ("Could not restrict the permissions of %s: %s", path, g_strerror (errno));
    }
}

/* FALSE with no error when the file turned out not to be writable after all */
static gboolean
open_read_write (BekalStore  *self,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK && sqlite3_db_readonly (self->db, "main") == 1)
    rc = SQLITE_READONLY;

  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
      rc = _bekal_store_harden_connection (self->db);
    }
  if (rc == SQLITE_OK)
    rc = use_wal_journal (self);

  /* synchronous=FULL syncs the WAL at every commit: NORMAL survives a killed process but
   * may lose the last answers on a power cut or a USB stick pulled out, both common where
   * Bekal is used; one sync per answer costs nothing a learner would notice */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);

  if (is_read_only_code (rc))
    {
      g_debug ("Database %s cannot be written (SQLite error %d)", self->path, rc);
      close_connection (self);
      return FALSE;
    }

  if (rc != SQLITE_OK)
    {
      _bekal_store_set_sqlite_error (self, self->db, rc, error);
      close_connection (self);
      return FALSE;
    }

  if (!configure_connection (self, error) || !_bekal_store_migrate (self, TRUE, &local_error))
    {
      close_connection (self);
      if (local_error != NULL && g_error_matches (local_error, BEKAL_STORE_ERROR,
                                                  BEKAL_STORE_ERROR_FULL))
        g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL,
                             _("The disk is full, so Bekal cannot update its database. Free "
                               "some space and start Bekal again."));
      else if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Read-only mode works on a copy in memory: the file on the write-protected medium is read
 * once and then let go, and a database of an older format can be migrated in memory so that
 * the learner still sees their progress. query_only makes every write fail. */
static gboolean
open_read_only_copy (BekalStore  *self,
                     sqlite3     *source,
                     GError     **error)
{
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (self->db, "main", source, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (self->db);
    }

  if (rc != SQLITE_OK)
    {
      _bekal_store_set_sqlite_error (self, source, rc, error);
      return FALSE;
    }

  if (!configure_connection (self, error) || !_bekal_store_migrate (self, FALSE, error))
    return FALSE;

  self->read_only = TRUE;
  return exec_pragma (self, "PRAGMA query_only = ON", error);
}

static void
bekal_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BekalStore *self = BEKAL_STORE (object);

  switch (prop_id)
    {
    case PROP_WAITING_FOR_LOCK:
      g_value_set_boolean (value, self->waiting_for_lock);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_store_dispose (GObject *object)
{
  BekalStore *self = BEKAL_STORE (object);
  g_autoptr(GError) error = NULL;

  _bekal_store_cancel_pending_writes (self);

  /* what was queued is written before the store goes; waiting is fine when it closes */
  if (!_bekal_store_flush_soft_writes (self, TRUE, &error))
    g_warning ("Progress could not be saved: %s", error->message);
  _bekal_store_forget_soft_writes (self);

  G_OBJECT_CLASS (bekal_store_parent_class)->dispose (object);
}

static void
bekal_store_finalize (GObject *object)
{
  BekalStore *self = BEKAL_STORE (object);

  close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->soft_writes, g_hash_table_unref);
  g_free (self->data_dir);
  g_free (self->path);

  G_OBJECT_CLASS (bekal_store_parent_class)->finalize (object);
}

static void
bekal_store_class_init (BekalStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bekal_store_dispose;
  object_class->finalize = bekal_store_finalize;
  object_class->get_property = bekal_store_get_property;

  /**
   * BekalStore:waiting-for-lock:
   *
   * Whether a write given to bekal_store_write_async() has waited more than a second for
   * another process's write lock (it is still tried again).
   */
  properties[PROP_WAITING_FOR_LOCK] =
    g_param_spec_boolean ("waiting-for-lock", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bekal_store_init (BekalStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->soft_writes = _bekal_store_new_soft_write_table ();
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  g_queue_init (&self->pending_writes);
}

void
_bekal_store_notify_waiting_for_lock (BekalStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_FOR_LOCK]);
}

/* Store */

char *
bekal_store_dup_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "bekal", NULL);
}

BekalStore *
bekal_store_open (const char  *data_dir,
                  GError     **error)
{
  g_autoptr(BekalStore) self = NULL;
  g_auto(SetupLock) setup_lock = -1;
  sqlite3 *existing = NULL;
  DatabaseFileState state;
  gboolean force_read_only;
  gboolean folder_writable;
  gboolean writable;

  self = g_object_new (BEKAL_TYPE_STORE, NULL);
  self->data_dir = data_dir != NULL ? g_strdup (data_dir) : bekal_store_dup_default_data_dir ();
  self->path = g_build_filename (self->data_dir, BEKAL_STORE_FILE_NAME, NULL);

  force_read_only = g_strcmp0 (g_getenv (BEKAL_STORE_FORCE_READ_ONLY_ENV), "1") == 0;

  if (!force_read_only && g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      if (!g_file_test (self->data_dir, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY,
                       _("Bekal cannot create its data folder “%s”: %s. Start Bekal with "
                         "--data-dir and a folder you can write to."),
                       self->data_dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  folder_writable = !force_read_only && access (self->data_dir, W_OK) == 0;
  if (folder_writable && !_bekal_store_take_setup_lock (self, &setup_lock, error))
    return NULL;

  if (!_bekal_store_inspect_file (self->path, &state, error))
    return NULL;

  writable = folder_writable && (state == DATABASE_MISSING || access (self->path, W_OK) == 0);

  if (state == DATABASE_PRESENT && !probe_database (self, &existing, error))
    return NULL;

  if (writable)
    {
      g_autoptr(GError) local_error = NULL;

      g_clear_pointer (&existing, sqlite3_close_v2);
      if (open_read_write (self, &local_error))
        {
          self->busy_timeout_ms = WRITE_BUSY_TIMEOUT_MS;
          sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
          restrict_permissions (self);
          return g_steal_pointer (&self);
        }

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* The file system refused to write after all (mounted read-only): go on read-only */
      if (state == DATABASE_PRESENT && !probe_database (self, &existing, error))
        return NULL;
    }

  if (existing == NULL)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY,
                   _("Bekal cannot create its database because the folder “%s” cannot be "
                     "written. Start Bekal with --data-dir and a folder you can write to."),
                   self->data_dir);
      return NULL;
    }

  if (!open_read_only_copy (self, existing, error))
    {
      sqlite3_close_v2 (existing);
      return NULL;
    }

  sqlite3_close_v2 (existing);
  return g_steal_pointer (&self);
}

BekalStore *
bekal_store_open_existing (const char  *data_dir,
                           GError     **error)
{
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  db_path = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("There is no Bekal database in “%s” (no file “%s”). Give the folder Bekal "
                     "keeps its data in."),
                   data_dir, BEKAL_STORE_FILE_NAME);
      return NULL;
    }

  return bekal_store_open (data_dir, error);
}

const char *
bekal_store_get_data_dir (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  return self->data_dir;
}

const char *
bekal_store_get_path (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  return self->path;
}

gboolean
bekal_store_is_read_only (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), TRUE);

  return self->read_only;
}

sqlite3 *
bekal_store_get_connection_for_testing (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  return self->db;
}

sqlite3 *
bekal_store_get_connection (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  return self->db;
}

void
bekal_store_set_busy_timeout_for_testing (BekalStore *self,
                                          int         timeout_ms)
{
  g_return_if_fail (BEKAL_IS_STORE (self));

  self->busy_timeout_ms = timeout_ms;
  sqlite3_busy_timeout (self->db, timeout_ms);
}

/* Settings */

char *
bekal_store_dup_value (BekalStore  *self,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  stmt = _bekal_store_borrow (self, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;

  _bekal_store_bind_text (stmt, 1, key);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return _bekal_store_column_dup_text (stmt, 0);
}

gboolean
bekal_store_set_value (BekalStore  *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  if (value != NULL)
    stmt = _bekal_store_borrow (self,
                                "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                error);
  else
    stmt = _bekal_store_borrow (self, "DELETE FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _bekal_store_bind_text (stmt, 1, key);
  if (value != NULL)
    _bekal_store_bind_text (stmt, 2, value);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}
