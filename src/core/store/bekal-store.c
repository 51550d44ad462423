/* bekal-store.c: the learners' profiles, progress, notes and answers in one SQLite database
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

/* How long a write waits for another process (a second Bekal window) to finish its own */
#define BUSY_TIMEOUT_MS 5000

#define SQLITE_HEADER "SQLite format 3"

struct _BekalStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text (static) -> prepared sqlite3_stmt */
  gboolean    read_only;
};

struct _BekalProfile
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *unit;
  char     *role;
  int       years_as_peksos;
  gboolean  trained_before;
  gint64    created_at;
};

enum
{
  PROFILE_PROP_0,
  PROFILE_PROP_ID,
  PROFILE_PROP_NAME,
  PROFILE_PROP_UNIT,
  PROFILE_PROP_ROLE,
  PROFILE_PROP_YEARS_AS_PEKSOS,
  PROFILE_PROP_TRAINED_BEFORE,
  PROFILE_PROP_CREATED_AT,
  N_PROFILE_PROPS
};

typedef enum
{
  DATABASE_MISSING,
  DATABASE_EMPTY,   /* a zero-length file: SQLite treats it as a new database */
  DATABASE_PRESENT,
} DatabaseFileState;

/* A cached statement borrowed for one use: reset and unbound when it goes out of scope */
typedef sqlite3_stmt BorrowedStatement;

/* The write transaction in progress; rolled back when it goes out of scope uncommitted */
typedef struct
{
  BekalStore *store;
} WriteTransaction;

/* A file descriptor holding the setup lock, or -1 */
typedef int SetupLock;

static void reset_statement           (BorrowedStatement *stmt);
static void write_transaction_clear   (WriteTransaction  *txn);
static void release_setup_lock        (SetupLock          fd);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BorrowedStatement, reset_statement)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriteTransaction, write_transaction_clear)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SetupLock, release_setup_lock, -1)

G_DEFINE_FINAL_TYPE (BekalStore, bekal_store, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalProfile, bekal_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (bekal-store-error-quark, bekal_store_error)

static GParamSpec *profile_properties[N_PROFILE_PROPS];

/* Schema migrations: migrations[N] takes a database from user_version N to N + 1. A released
 * migration is never edited; a change of schema is a new entry. A migration that rebuilds a
 * table must not rely on foreign_keys being off: the pragma is a no-op inside the migration's
 * transaction, so copy rows before dropping a parent table. */
static const char * const migrations[] = {
  /* 1: profiles and reading progress */
  "CREATE TABLE profiles ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT '',"
  "  years_as_peksos INTEGER NOT NULL DEFAULT 0 CHECK (years_as_peksos >= 0),"
  "  trained_before INTEGER NOT NULL DEFAULT 0 CHECK (trained_before IN (0, 1)),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE positions ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  block_index INTEGER NOT NULL CHECK (block_index >= 0),"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id)"
  ");"
  "CREATE TABLE seen_blocks ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  block_index INTEGER NOT NULL CHECK (block_index >= 0),"
  "  seen_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, lesson_id, block_index)"
  ");"
  "CREATE TABLE completed_lessons ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  completed_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, lesson_id)"
  ");"
  "CREATE TABLE module_states ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  pretest_skipped_at INTEGER,"
  "  pretest_done_at INTEGER,"
  "  posttest_passed_at INTEGER,"
  "  UNIQUE (profile_id, module_id)"
  ");",

  /* 2: settings, reflections, media progress, checkpoint answers, quiz attempts */
  "CREATE TABLE settings ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (key <> ''),"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE reflections ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  reflection_id TEXT NOT NULL CHECK (reflection_id <> ''),"
  "  text TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, reflection_id)"
  ");"
  "CREATE TABLE media_progress ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  media_id TEXT NOT NULL CHECK (media_id <> ''),"
  "  position_ms INTEGER NOT NULL DEFAULT 0 CHECK (position_ms >= 0),"
  "  watched_fraction REAL NOT NULL DEFAULT 0"
  "    CHECK (watched_fraction >= 0 AND watched_fraction <= 1),"
  "  transcript_read_to_end INTEGER NOT NULL DEFAULT 0"
  "    CHECK (transcript_read_to_end IN (0, 1)),"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, media_id)"
  ");"
  "CREATE TABLE checkpoint_responses ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  media_id TEXT NOT NULL CHECK (media_id <> ''),"
  "  question_id TEXT NOT NULL CHECK (question_id <> ''),"
  "  response TEXT NOT NULL,"
  "  answered_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, media_id, question_id)"
  ");"
  "CREATE TABLE quiz_attempts ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  module_version TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  quiz_id TEXT NOT NULL CHECK (quiz_id <> ''),"
  "  role TEXT NOT NULL CHECK (role IN ('pretest', 'practice', 'posttest')),"
  "  seed INTEGER NOT NULL,"
  "  question_order TEXT NOT NULL," /* question ids joined by commas */
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),"
  "  passed INTEGER CHECK (passed IS NULL OR passed IN (0, 1)),"
  "  CHECK (finished_at IS NOT NULL OR (score IS NULL AND passed IS NULL))"
  ");"
  "CREATE INDEX quiz_attempts_by_quiz ON quiz_attempts (profile_id, module_id, quiz_id);"
  "CREATE TABLE quiz_answers ("
  "  id INTEGER PRIMARY KEY,"
  "  attempt_id INTEGER NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,"
  "  question_id TEXT NOT NULL CHECK (question_id <> ''),"
  "  topic_id TEXT NOT NULL,"
  "  response TEXT NOT NULL,"
  "  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),"
  "  answered_at INTEGER NOT NULL,"
  "  UNIQUE (attempt_id, question_id)"
  ");",

  /* 3: running sums behind the gap report (bekal-report.c, docs/scoring.md). The counted
   * attempts of each learner, module and test (the first finished pre-test, the latest
   * finished post-test) are kept in report_contributions, one row for the whole attempt
   * (topic '') and one per topic; report_gap_sums adds them up per module, topic, month, test
   * and group, so that the report reads a few hundred rows instead of every answer. Triggers
   * keep both exact when an attempt is finished or deleted and when trained_before changes;
   * the rows of existing databases are filled in at the end. */
  "CREATE TABLE report_contributions ("
  "  attempt_id INTEGER NOT NULL,"
  "  topic_id TEXT NOT NULL,"
  "  profile_id INTEGER NOT NULL,"
  "  module_id TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  month TEXT NOT NULL,"
  "  trained_before INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  PRIMARY KEY (attempt_id, topic_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX report_contributions_by_learner"
  "  ON report_contributions (profile_id, module_id, role);"
  "CREATE TABLE report_gap_sums ("
  "  module_id TEXT NOT NULL,"
  "  topic_id TEXT NOT NULL,"
  "  month TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  trained_before INTEGER NOT NULL,"
  "  score_sum REAL NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (module_id, topic_id, month, role, trained_before)"
  ") WITHOUT ROWID;"
  "CREATE INDEX quiz_attempts_by_learner_test"
  "  ON quiz_attempts (profile_id, module_id, role, finished_at) WHERE finished_at IS NOT NULL;"
  "CREATE TRIGGER report_contribution_added AFTER INSERT ON report_contributions BEGIN"
  "  INSERT INTO report_gap_sums (module_id, topic_id, month, role, trained_before, score_sum, n)"
  "  VALUES (NEW.module_id, NEW.topic_id, NEW.month, NEW.role, NEW.trained_before, NEW.score, 1)"
  "  ON CONFLICT DO UPDATE SET score_sum = score_sum + excluded.score_sum, n = n + 1;"
  "END;"
  "CREATE TRIGGER report_contribution_removed AFTER DELETE ON report_contributions BEGIN"
  "  UPDATE report_gap_sums SET score_sum = score_sum - OLD.score, n = n - 1"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before;"
  "  DELETE FROM report_gap_sums"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before AND n <= 0;"
  "END;"
  "CREATE TRIGGER report_contribution_moved AFTER UPDATE OF trained_before"
  "  ON report_contributions BEGIN"
  "  UPDATE report_gap_sums SET score_sum = score_sum - OLD.score, n = n - 1"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before;"
  "  DELETE FROM report_gap_sums"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before AND n <= 0;"
  "  INSERT INTO report_gap_sums (module_id, topic_id, month, role, trained_before, score_sum, n)"
  "  VALUES (NEW.module_id, NEW.topic_id, NEW.month, NEW.role, NEW.trained_before, NEW.score, 1)"
  "  ON CONFLICT DO UPDATE SET score_sum = score_sum + excluded.score_sum, n = n + 1;"
  "END;"
  "CREATE TRIGGER report_trained_before_changed AFTER UPDATE OF trained_before ON profiles"
  "  WHEN OLD.trained_before IS NOT NEW.trained_before BEGIN"
  "  UPDATE report_contributions SET trained_before = NEW.trained_before"
  "  WHERE profile_id = NEW.id;"
  "END;"
  "CREATE TRIGGER report_attempt_changed AFTER UPDATE OF finished_at, score ON quiz_attempts"
  "  WHEN NEW.role IN ('pretest', 'posttest') BEGIN"
  "  DELETE FROM report_contributions"
  "  WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, '', a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, a.score"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE NEW.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE NEW.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  WHERE a.score IS NOT NULL;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, avg (s.score)"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE NEW.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE NEW.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  WHERE s.score IS NOT NULL"
  "  GROUP BY s.topic_id;"
  "END;"
  "CREATE TRIGGER report_attempt_removed AFTER DELETE ON quiz_attempts"
  "  WHEN OLD.role IN ('pretest', 'posttest') BEGIN"
  "  DELETE FROM report_contributions"
  "  WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, '', a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, a.score"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE OLD.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE OLD.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  WHERE a.score IS NOT NULL;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, avg (s.score)"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE OLD.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE OLD.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  WHERE s.score IS NOT NULL"
  "  GROUP BY s.topic_id;"
  "END;"
  "INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                  trained_before, score)"
  "WITH ranked AS ("
  "  SELECT *, row_number () OVER (PARTITION BY profile_id, module_id, role"
  "    ORDER BY CASE role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "             CASE role WHEN 'pretest' THEN id ELSE -id END) AS rank"
  "  FROM quiz_attempts"
  "  WHERE finished_at IS NOT NULL AND role IN ('pretest', 'posttest')"
  "),"
  "counted AS ("
  "  SELECT r.id, r.profile_id, r.module_id, r.role, r.score, p.trained_before,"
  "         strftime ('%Y-%m', r.finished_at, 'unixepoch') AS month"
  "  FROM ranked r JOIN profiles p ON p.id = r.profile_id WHERE r.rank = 1"
  ")"
  "SELECT id, '', profile_id, module_id, role, month, trained_before, score"
  "  FROM counted WHERE score IS NOT NULL "
  "UNION ALL "
  "SELECT c.id, s.topic_id, c.profile_id, c.module_id, c.role, c.month, c.trained_before,"
  "       avg (s.score)"
  "  FROM counted c JOIN quiz_answers s ON s.attempt_id = c.id"
  "  WHERE s.score IS NOT NULL"
  "  GROUP BY c.id, s.topic_id;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BEKAL_STORE_SCHEMA_VERSION);

/* On-disk names of BekalQuizRole; part of the file format, so not shared with the loader */
static const char * const quiz_role_names[] = {
  [BEKAL_QUIZ_PRETEST] = "pretest",
  [BEKAL_QUIZ_PRACTICE] = "practice",
  [BEKAL_QUIZ_POSTTEST] = "posttest",
};

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
is_read_only_code (int rc)
{
  int primary = rc & 0xff;

  return primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM;
}

static gboolean
set_read_only_error (BekalStore  *self,
                     GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY,
               _("Nothing was saved: the data folder “%s” cannot be written (it may be on a "
                 "write-protected USB stick). Start Bekal with --data-dir and a folder you "
                 "can write to."),
               self->data_dir);
  return FALSE;
}

static gboolean
set_corrupt_error (const char  *path,
                   GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_CORRUPT,
               _("The file “%s” is not a Bekal database or it is damaged. It was left as it "
                 "is. Move it away, or start Bekal with --data-dir and another folder."),
               path);
  return FALSE;
}

/* Turns an SQLite failure on @db into a GError the learner can act on; always FALSE */
static gboolean
set_sqlite_error (BekalStore  *self,
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
      set_read_only_error (self, error);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      set_corrupt_error (self->path, error);
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

static void
reset_statement (BorrowedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Prepares @sql once per store; @sql must be a string literal (it is the cache key) */
static BorrowedStatement *
borrow_statement (BekalStore  *self,
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
      set_sqlite_error (self, self->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_score (sqlite3_stmt *stmt,
            int           index,
            double        score)
{
  if (isnan (score) || score < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, score);
}

static double
column_score (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return BEKAL_STORE_NO_SCORE;

  return sqlite3_column_double (stmt, column);
}

static char *
column_dup_text (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/* Runs a statement that returns no rows */
static gboolean
step_done (BekalStore    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, self->db, rc, error);

  return TRUE;
}

/* TRUE with *out_has_row set on success */
static gboolean
step_row (BekalStore    *self,
          sqlite3_stmt  *stmt,
          gboolean      *out_has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out_has_row = (rc == SQLITE_ROW);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, self->db, rc, error);

  return TRUE;
}

static gboolean
run_simple_statement (BekalStore  *self,
                      const char  *sql,
                      GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = borrow_statement (self, sql, error);

  return stmt != NULL && step_done (self, stmt, error);
}

/* BEGIN IMMEDIATE takes the write lock at once, so a second process waits here (up to the
 * busy timeout) instead of failing half-way through a change */
static gboolean
write_transaction_begin (BekalStore        *self,
                         WriteTransaction  *txn,
                         GError           **error)
{
  g_assert (txn->store == NULL);

  if (self->read_only)
    return set_read_only_error (self, error);

  if (!run_simple_statement (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  txn->store = self;
  return TRUE;
}

static void
rollback_if_open (BekalStore *self)
{
  /* A failed COMMIT may already have rolled back (SQLITE_FULL does) */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
write_transaction_commit (WriteTransaction  *txn,
                          GError           **error)
{
  BekalStore *self = g_steal_pointer (&txn->store);

  g_assert (self != NULL);

  if (!run_simple_statement (self, "COMMIT", error))
    {
      rollback_if_open (self);
      return FALSE;
    }

  return TRUE;
}

static void
write_transaction_clear (WriteTransaction *txn)
{
  if (txn->store != NULL)
    rollback_if_open (g_steal_pointer (&txn->store));
}

static void
release_setup_lock (SetupLock fd)
{
  close (fd); /* closing releases the lock */
}

/* Checking, creating and migrating the database happen under an exclusive lock on
 * bekal.db.lock, one process at a time. SQLite alone does not make this safe: a process that
 * opens a WAL database while another one is still creating it can delete the other's -wal
 * file. A folder where the lock file cannot be made is used without it. */
static gboolean
take_setup_lock (BekalStore  *self,
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

static gboolean
inspect_database_file (const char         *path,
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
      return set_corrupt_error (path, error);
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
    return set_corrupt_error (path, error);

  *out_state = DATABASE_PRESENT;
  return TRUE;
}

/* Runs a statement that yields one integer; SQLITE_OK when it did */
static int
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *out_value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

static int
read_schema_version (sqlite3 *db,
                     int     *out_version)
{
  gint64 version = 0;
  int rc = query_int64 (db, "PRAGMA user_version", &version);

  if (rc == SQLITE_OK)
    *out_version = (int) version;

  return rc;
}

/* SQLITE_OK when the database holds no table, view or index */
static int
check_schema_is_empty (sqlite3  *db,
                       gboolean *out_empty)
{
  gint64 count = 0;
  int rc = query_int64 (db, "SELECT count(*) FROM sqlite_schema", &count);

  if (rc == SQLITE_OK)
    *out_empty = count == 0;

  return rc;
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

static gboolean
set_newer_version_error (BekalStore  *self,
                         int          version,
                         GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NEWER_VERSION,
               _("The database “%s” was written by a newer version of Bekal (format %d; this "
                 "version knows up to %d). Update Bekal to open it; the file was not changed."),
               self->path, version, BEKAL_STORE_SCHEMA_VERSION);
  return FALSE;
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
    {
      sqlite3_extended_result_codes (*out_db, 1);
      sqlite3_busy_timeout (*out_db, BUSY_TIMEOUT_MS);
    }

  return rc;
}

/* Opens the existing database without any right to change it and checks that it is a Bekal
 * database this build can use. Nothing is written to the file, whatever is found. */
static gboolean
probe_database (BekalStore  *self,
                sqlite3    **out_db,
                GError     **error)
{
  sqlite3 *db = NULL;
  gboolean schema_empty = FALSE;
  gboolean intact = FALSE;
  int version = 0;
  int rc;

  rc = open_read_only_connection (self->path, FALSE, &db);
  if (rc == SQLITE_OK)
    rc = read_schema_version (db, &version);

  /* A WAL database in a folder that cannot be written: its -shm index cannot be created.
   * Read the main file as it is; it is complete as long as no -wal file is left over, and
   * when one is, SQLite could open it above. */
  if (is_read_only_code (rc))
    {
      g_debug ("Reading %s as immutable (SQLite error %d)", self->path, rc);
      g_clear_pointer (&db, sqlite3_close_v2);
      rc = open_read_only_connection (self->path, TRUE, &db);
      if (rc == SQLITE_OK)
        rc = read_schema_version (db, &version);
    }

  if (rc == SQLITE_OK && version == 0)
    rc = check_schema_is_empty (db, &schema_empty);
  if (rc == SQLITE_OK && version <= BEKAL_STORE_SCHEMA_VERSION)
    rc = check_database_integrity (db, &intact);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, db, rc, error);
      g_clear_pointer (&db, sqlite3_close_v2);
      return FALSE;
    }

  if (version > BEKAL_STORE_SCHEMA_VERSION)
    {
      sqlite3_close_v2 (db);
      return set_newer_version_error (self, version, error);
    }

  if ((version == 0 && !schema_empty) || !intact)
    {
      sqlite3_close_v2 (db);
      return set_corrupt_error (self->path, error);
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
    return set_sqlite_error (self, self->db, rc, error);

  return TRUE;
}

static gboolean
configure_connection (BekalStore  *self,
                      GError     **error)
{
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  return exec_pragma (self, "PRAGMA foreign_keys = ON", error);
}

/* Copies the whole database to @dest_path through the backup API, which reads a consistent
 * snapshot even in WAL mode (a plain file copy could miss the -wal part) */
static gboolean
backup_database (BekalStore  *self,
                 const char  *dest_path,
                 GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (dest_path, ".tmp", NULL);
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  int rc;

  g_remove (tmp_path);
  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          /* Another process may hold the write lock for a moment */
          for (guint tries = 0; tries < 100; tries++)
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
              sqlite3_sleep (50);
            }
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (dest);
        }
      else
        rc = sqlite3_errcode (dest);
    }

  /* A single self-contained file is easier to copy around by hand */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, dest, rc, error);
      sqlite3_close_v2 (dest);
      g_remove (tmp_path);
      return FALSE;
    }

  sqlite3_close_v2 (dest);

  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal could not save a backup copy “%s”: %s"),
                   dest_path, g_strerror (saved_errno));
      g_remove (tmp_path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_migration (BekalStore  *self,
                 int          from_version,
                 gboolean    *out_applied,
                 GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autofree char *set_version = NULL;
  int version = 0;
  int rc;

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  /* Another Bekal may have migrated the file while this one was making its backup */
  rc = read_schema_version (self->db, &version);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, self->db, rc, error);
  if (version != from_version)
    {
      *out_applied = FALSE;
      return TRUE;
    }

  rc = sqlite3_exec (self->db, migrations[from_version], NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, self->db, rc, error);

  set_version = g_strdup_printf ("PRAGMA user_version = %d", from_version + 1);
  rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, self->db, rc, error);

  *out_applied = TRUE;
  return write_transaction_commit (&txn, error);
}

/* Brings the schema to BEKAL_STORE_SCHEMA_VERSION, one migration per transaction. An existing
 * database is first copied to bekal.db.bak-vN (N = its version) when @keep_backup is set; a
 * new one (version 0, checked to be empty) has nothing worth a copy. */
static gboolean
migrate (BekalStore  *self,
         gboolean     keep_backup,
         GError     **error)
{
  gboolean backed_up = !keep_backup;
  gboolean first = TRUE;

  for (;;)
    {
      gboolean applied = FALSE;
      int version = 0;
      int rc;

      rc = read_schema_version (self->db, &version);
      if (rc != SQLITE_OK)
        return set_sqlite_error (self, self->db, rc, error);

      if (version == BEKAL_STORE_SCHEMA_VERSION)
        return TRUE;
      if (version > BEKAL_STORE_SCHEMA_VERSION)
        return set_newer_version_error (self, version, error);

      if (first && version == 0)
        backed_up = TRUE;
      first = FALSE;

      if (!backed_up)
        {
          g_autofree char *backup_path = g_strdup_printf ("%s.bak-v%d", self->path, version);

          if (!backup_database (self, backup_path, error))
            return FALSE;
          backed_up = TRUE;
        }

      if (!apply_migration (self, version, &applied, error))
        return FALSE;
    }
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

/* FALSE with no error when the file turned out not to be writable after all */
static gboolean
open_read_write (BekalStore  *self,
                 GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK && sqlite3_db_readonly (self->db, "main") == 1)
    rc = SQLITE_READONLY;

  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
      rc = use_wal_journal (self);
    }

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
      set_sqlite_error (self, self->db, rc, error);
      close_connection (self);
      return FALSE;
    }

  if (!configure_connection (self, error) || !migrate (self, TRUE, &local_error))
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
      set_sqlite_error (self, source, rc, error);
      return FALSE;
    }

  if (!configure_connection (self, error) || !migrate (self, FALSE, error))
    return FALSE;

  self->read_only = TRUE;
  return exec_pragma (self, "PRAGMA query_only = ON", error);
}

static void
bekal_profile_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BekalProfile *self = BEKAL_PROFILE (object);

  switch (prop_id)
    {
    case PROFILE_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROFILE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROFILE_PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROFILE_PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROFILE_PROP_YEARS_AS_PEKSOS:
      g_value_set_int (value, self->years_as_peksos);
      break;

    case PROFILE_PROP_TRAINED_BEFORE:
      g_value_set_boolean (value, self->trained_before);
      break;

    case PROFILE_PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_profile_finalize (GObject *object)
{
  BekalProfile *self = BEKAL_PROFILE (object);

  g_free (self->name);
  g_free (self->unit);
  g_free (self->role);

  G_OBJECT_CLASS (bekal_profile_parent_class)->finalize (object);
}

static void
bekal_store_finalize (GObject *object)
{
  BekalStore *self = BEKAL_STORE (object);

  close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_free (self->data_dir);
  g_free (self->path);

  G_OBJECT_CLASS (bekal_store_parent_class)->finalize (object);
}

static void
bekal_profile_class_init (BekalProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = bekal_profile_get_property;
  object_class->finalize = bekal_profile_finalize;

  profile_properties[PROFILE_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  profile_properties[PROFILE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL, flags);
  profile_properties[PROFILE_PROP_YEARS_AS_PEKSOS] =
    g_param_spec_int ("years-as-peksos", NULL, NULL, 0, G_MAXINT, 0, flags);
  profile_properties[PROFILE_PROP_TRAINED_BEFORE] =
    g_param_spec_boolean ("trained-before", NULL, NULL, FALSE, flags);
  profile_properties[PROFILE_PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROFILE_PROPS, profile_properties);
}

static void
bekal_profile_init (BekalProfile *self)
{
}

static void
bekal_store_class_init (BekalStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bekal_store_finalize;
}

static void
bekal_store_init (BekalStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/* Profiles */

gint64
bekal_profile_get_id (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), 0);

  return self->id;
}

const char *
bekal_profile_get_name (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), NULL);

  return self->name;
}

const char *
bekal_profile_get_unit (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), NULL);

  return self->unit;
}

const char *
bekal_profile_get_role (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), NULL);

  return self->role;
}

int
bekal_profile_get_years_as_peksos (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), 0);

  return self->years_as_peksos;
}

gboolean
bekal_profile_get_trained_before (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), FALSE);

  return self->trained_before;
}

gint64
bekal_profile_get_created_at (BekalProfile *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE (self), 0);

  return self->created_at;
}

void
bekal_seen_block_free (BekalSeenBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->lesson_id);
  g_free (block);
}

void
bekal_quiz_attempt_free (BekalQuizAttempt *attempt)
{
  if (attempt == NULL)
    return;

  g_free (attempt->module_id);
  g_free (attempt->module_version);
  g_free (attempt->content_hash);
  g_free (attempt->quiz_id);
  g_strfreev (attempt->question_order);
  g_free (attempt);
}

void
bekal_quiz_answer_free (BekalQuizAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->question_id);
  g_free (answer->topic_id);
  g_free (answer->response);
  g_free (answer);
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
  g_autoptr (BekalStore) self = NULL;
  g_auto (SetupLock) setup_lock = -1;
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
  if (folder_writable && !take_setup_lock (self, &setup_lock, error))
    return NULL;

  if (!inspect_database_file (self->path, &state, error))
    return NULL;

  writable = folder_writable && (state == DATABASE_MISSING || access (self->path, W_OK) == 0);

  if (state == DATABASE_PRESENT && !probe_database (self, &existing, error))
    return NULL;

  if (writable)
    {
      g_autoptr (GError) local_error = NULL;

      g_clear_pointer (&existing, sqlite3_close_v2);
      if (open_read_write (self, &local_error))
        return g_steal_pointer (&self);

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

  sqlite3_busy_timeout (self->db, timeout_ms);
}

/* Settings */

char *
bekal_store_get_value (BekalStore  *self,
                       const char  *key,
                       GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  stmt = borrow_statement (self, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, key);
  if (!step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return column_dup_text (stmt, 0);
}

gboolean
bekal_store_set_value (BekalStore  *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  if (value != NULL)
    stmt = borrow_statement (self,
                             "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  else
    stmt = borrow_statement (self, "DELETE FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

/* Profiles */

static gboolean
check_profile_fields (const char  *name,
                      int          years_as_peksos,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                           _("Enter a name for the profile."));
      return FALSE;
    }

  if (years_as_peksos < 0)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                           _("The years of work as a social worker cannot be negative."));
      return FALSE;
    }

  return TRUE;
}

static void
bind_profile_fields (sqlite3_stmt *stmt,
                     const char   *name,
                     const char   *unit,
                     const char   *role,
                     int           years_as_peksos,
                     gboolean      trained_before)
{
  g_autofree char *clean_name = g_strstrip (g_strdup (name));
  g_autofree char *clean_unit = g_strstrip (g_strdup (unit != NULL ? unit : ""));
  g_autofree char *clean_role = g_strstrip (g_strdup (role != NULL ? role : ""));

  bind_text (stmt, 2, clean_name);
  bind_text (stmt, 3, clean_unit);
  bind_text (stmt, 4, clean_role);
  sqlite3_bind_int (stmt, 5, years_as_peksos);
  sqlite3_bind_int (stmt, 6, trained_before ? 1 : 0);
}

static BekalProfile *
profile_from_row (sqlite3_stmt *stmt)
{
  BekalProfile *profile = g_object_new (BEKAL_TYPE_PROFILE, NULL);

  profile->id = sqlite3_column_int64 (stmt, 0);
  profile->name = column_dup_text (stmt, 1);
  profile->unit = column_dup_text (stmt, 2);
  profile->role = column_dup_text (stmt, 3);
  profile->years_as_peksos = sqlite3_column_int (stmt, 4);
  profile->trained_before = sqlite3_column_int (stmt, 5) != 0;
  profile->created_at = sqlite3_column_int64 (stmt, 6);

  return profile;
}

static gboolean
set_profile_not_found_error (GError **error)
{
  g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                       _("This profile no longer exists."));
  return FALSE;
}

gint64
bekal_store_create_profile (BekalStore  *self,
                            const char  *name,
                            const char  *unit,
                            const char  *role,
                            int          years_as_peksos,
                            gboolean     trained_before,
                            GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);

  if (!check_profile_fields (name, years_as_peksos, error))
    return 0;

  if (!write_transaction_begin (self, &txn, error))
    return 0;

  stmt = borrow_statement (self,
                           "INSERT INTO profiles (created_at, name, unit, role, years_as_peksos,"
                           " trained_before) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, now_seconds ());
  bind_profile_fields (stmt, name, unit, role, years_as_peksos, trained_before);
  if (!step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);
  if (!write_transaction_commit (&txn, error))
    return 0;

  return id;
}

gboolean
bekal_store_update_profile (BekalStore  *self,
                            gint64       profile_id,
                            const char  *name,
                            const char  *unit,
                            const char  *role,
                            int          years_as_peksos,
                            gboolean     trained_before,
                            GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!check_profile_fields (name, years_as_peksos, error))
    return FALSE;

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "UPDATE profiles SET name = ?2, unit = ?3, role = ?4,"
                           " years_as_peksos = ?5, trained_before = ?6 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_profile_fields (stmt, name, unit, role, years_as_peksos, trained_before);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_profile_not_found_error (error);

  return write_transaction_commit (&txn, error);
}

gboolean
bekal_store_delete_profile (BekalStore  *self,
                            gint64       profile_id,
                            GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) delete_stmt = NULL;
  g_autoptr (BorrowedStatement) forget_stmt = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, profile_id);

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  delete_stmt = borrow_statement (self, "DELETE FROM profiles WHERE id = ?1", error);
  if (delete_stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (delete_stmt, 1, profile_id);
  if (!step_done (self, delete_stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_profile_not_found_error (error);

  /* Do not offer a deleted profile at the next start */
  forget_stmt = borrow_statement (self, "DELETE FROM settings WHERE key = ?1 AND value = ?2",
                                  error);
  if (forget_stmt == NULL)
    return FALSE;

  bind_text (forget_stmt, 1, BEKAL_STORE_KEY_LAST_PROFILE);
  bind_text (forget_stmt, 2, id_text);
  if (!step_done (self, forget_stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

BekalProfile *
bekal_store_get_profile (BekalStore  *self,
                         gint64       profile_id,
                         GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = borrow_statement (self,
                           "SELECT id, name, unit, role, years_as_peksos, trained_before,"
                           " created_at FROM profiles WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      set_profile_not_found_error (error);
      return NULL;
    }

  return profile_from_row (stmt);
}

GListModel *
bekal_store_list_profiles (BekalStore  *self,
                           GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  g_autoptr (GListStore) profiles = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = borrow_statement (self,
                           "SELECT id, name, unit, role, years_as_peksos, trained_before,"
                           " created_at FROM profiles ORDER BY name COLLATE NOCASE, id",
                           error);
  if (stmt == NULL)
    return NULL;

  profiles = g_list_store_new (BEKAL_TYPE_PROFILE);
  for (;;)
    {
      g_autoptr (BekalProfile) profile = NULL;

      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      profile = profile_from_row (stmt);
      g_list_store_append (profiles, profile);
    }

  return G_LIST_MODEL (g_steal_pointer (&profiles));
}

/* Reading progress */

gboolean
bekal_store_set_position (BekalStore  *self,
                          gint64       profile_id,
                          const char  *module_id,
                          const char  *lesson_id,
                          guint        block_index,
                          GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "INSERT INTO positions (profile_id, module_id, lesson_id, block_index,"
                           " updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (profile_id, module_id) DO UPDATE SET"
                           " lesson_id = excluded.lesson_id, block_index = excluded.block_index,"
                           " updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, lesson_id);
  sqlite3_bind_int64 (stmt, 4, block_index);
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

gboolean
bekal_store_get_position (BekalStore  *self,
                          gint64       profile_id,
                          const char  *module_id,
                          char       **out_lesson_id,
                          guint       *out_block_index,
                          GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  stmt = borrow_statement (self,
                           "SELECT lesson_id, block_index FROM positions"
                           " WHERE profile_id = ?1 AND module_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  if (!step_row (self, stmt, &has_row, error) || !has_row)
    return FALSE;

  if (out_lesson_id != NULL)
    *out_lesson_id = column_dup_text (stmt, 0);
  if (out_block_index != NULL)
    *out_block_index = (guint) sqlite3_column_int64 (stmt, 1);

  return TRUE;
}

gboolean
bekal_store_mark_block_seen (BekalStore  *self,
                             gint64       profile_id,
                             const char  *module_id,
                             const char  *lesson_id,
                             guint        block_index,
                             GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "INSERT INTO seen_blocks (profile_id, module_id, lesson_id,"
                           " block_index, seen_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, lesson_id);
  sqlite3_bind_int64 (stmt, 4, block_index);
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

GPtrArray *
bekal_store_list_seen_blocks (BekalStore  *self,
                              gint64       profile_id,
                              const char  *module_id,
                              const char  *lesson_id,
                              GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  g_autoptr (GPtrArray) blocks = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  stmt = borrow_statement (self,
                           "SELECT lesson_id, block_index FROM seen_blocks"
                           " WHERE profile_id = ?1 AND module_id = ?2"
                           " AND (?3 IS NULL OR lesson_id = ?3)"
                           " ORDER BY lesson_id, block_index",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, lesson_id);

  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_seen_block_free);
  for (;;)
    {
      BekalSeenBlock *block;

      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      block = g_new0 (BekalSeenBlock, 1);
      block->lesson_id = column_dup_text (stmt, 0);
      block->block_index = (guint) sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (blocks, block);
    }

  return g_steal_pointer (&blocks);
}

gboolean
bekal_store_mark_lesson_complete (BekalStore  *self,
                                  gint64       profile_id,
                                  const char  *module_id,
                                  const char  *lesson_id,
                                  GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "INSERT INTO completed_lessons (profile_id, module_id, lesson_id,"
                           " completed_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, lesson_id);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

gboolean
bekal_store_is_lesson_complete (BekalStore  *self,
                                gint64       profile_id,
                                const char  *module_id,
                                const char  *lesson_id,
                                GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  stmt = borrow_statement (self,
                           "SELECT 1 FROM completed_lessons"
                           " WHERE profile_id = ?1 AND module_id = ?2 AND lesson_id = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, lesson_id);

  return step_row (self, stmt, &has_row, error) && has_row;
}

char **
bekal_store_list_completed_lessons (BekalStore  *self,
                                    gint64       profile_id,
                                    const char  *module_id,
                                    GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  g_autoptr (GStrvBuilder) lessons = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  stmt = borrow_statement (self,
                           "SELECT lesson_id FROM completed_lessons"
                           " WHERE profile_id = ?1 AND module_id = ?2"
                           " ORDER BY completed_at, id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);

  lessons = g_strv_builder_new ();
  for (;;)
    {
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      g_strv_builder_add (lessons, (const char *) sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (lessons);
}

/* Module state */

gboolean
bekal_store_set_module_flag (BekalStore       *self,
                             gint64            profile_id,
                             const char       *module_id,
                             BekalModuleFlag   flag,
                             GError          **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  /* ?3 is a mask of flags; COALESCE keeps the time a flag was first set */
  stmt = borrow_statement (self,
                           "INSERT INTO module_states (profile_id, module_id,"
                           " pretest_skipped_at, pretest_done_at, posttest_passed_at)"
                           " VALUES (?1, ?2, CASE WHEN ?3 & 1 THEN ?4 END,"
                           " CASE WHEN ?3 & 2 THEN ?4 END, CASE WHEN ?3 & 4 THEN ?4 END) "
                           "ON CONFLICT (profile_id, module_id) DO UPDATE SET"
                           " pretest_skipped_at ="
                           "  COALESCE (pretest_skipped_at, excluded.pretest_skipped_at),"
                           " pretest_done_at ="
                           "  COALESCE (pretest_done_at, excluded.pretest_done_at),"
                           " posttest_passed_at ="
                           "  COALESCE (posttest_passed_at, excluded.posttest_passed_at)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  sqlite3_bind_int (stmt, 3, flag);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

gboolean
bekal_store_clear_module_flag (BekalStore       *self,
                               gint64            profile_id,
                               const char       *module_id,
                               BekalModuleFlag   flag,
                               GError          **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "UPDATE module_states SET"
                           " pretest_skipped_at ="
                           "  CASE WHEN ?3 & 1 THEN NULL ELSE pretest_skipped_at END,"
                           " pretest_done_at = CASE WHEN ?3 & 2 THEN NULL ELSE pretest_done_at END,"
                           " posttest_passed_at ="
                           "  CASE WHEN ?3 & 4 THEN NULL ELSE posttest_passed_at END"
                           " WHERE profile_id = ?1 AND module_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  sqlite3_bind_int (stmt, 3, flag);
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

static gboolean
load_module_state (BekalStore       *self,
                   gint64            profile_id,
                   const char       *module_id,
                   gint64            out_times[3],
                   GError          **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  out_times[0] = out_times[1] = out_times[2] = 0;

  stmt = borrow_statement (self,
                           "SELECT pretest_skipped_at, pretest_done_at, posttest_passed_at"
                           " FROM module_states WHERE profile_id = ?1 AND module_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  if (!step_row (self, stmt, &has_row, error))
    return FALSE;

  for (int i = 0; has_row && i < 3; i++)
    {
      /* A flag set in the very second of the epoch still counts as set */
      if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
        out_times[i] = MAX (sqlite3_column_int64 (stmt, i), 1);
    }

  return TRUE;
}

gboolean
bekal_store_get_module_flags (BekalStore       *self,
                              gint64            profile_id,
                              const char       *module_id,
                              BekalModuleFlag  *out_flags,
                              GError          **error)
{
  gint64 times[3];
  BekalModuleFlag flags = BEKAL_MODULE_FLAG_NONE;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);
  g_return_val_if_fail (out_flags != NULL, FALSE);

  if (!load_module_state (self, profile_id, module_id, times, error))
    return FALSE;

  if (times[0] != 0)
    flags |= BEKAL_MODULE_FLAG_PRETEST_SKIPPED;
  if (times[1] != 0)
    flags |= BEKAL_MODULE_FLAG_PRETEST_DONE;
  if (times[2] != 0)
    flags |= BEKAL_MODULE_FLAG_POSTTEST_PASSED;

  *out_flags = flags;
  return TRUE;
}

gint64
bekal_store_get_module_flag_time (BekalStore       *self,
                                  gint64            profile_id,
                                  const char       *module_id,
                                  BekalModuleFlag   flag,
                                  GError          **error)
{
  gint64 times[3];

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);
  g_return_val_if_fail (module_id != NULL, 0);
  g_return_val_if_fail (flag == BEKAL_MODULE_FLAG_PRETEST_SKIPPED
                        || flag == BEKAL_MODULE_FLAG_PRETEST_DONE
                        || flag == BEKAL_MODULE_FLAG_POSTTEST_PASSED, 0);

  if (!load_module_state (self, profile_id, module_id, times, error))
    return 0;

  switch (flag)
    {
    case BEKAL_MODULE_FLAG_PRETEST_SKIPPED:
      return times[0];
    case BEKAL_MODULE_FLAG_PRETEST_DONE:
      return times[1];
    case BEKAL_MODULE_FLAG_POSTTEST_PASSED:
      return times[2];
    case BEKAL_MODULE_FLAG_NONE:
    default:
      return 0;
    }
}

/* Reflections */

gboolean
bekal_store_save_reflection (BekalStore  *self,
                             gint64       profile_id,
                             const char  *module_id,
                             const char  *reflection_id,
                             const char  *text,
                             GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && reflection_id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "INSERT INTO reflections (profile_id, module_id, reflection_id, text,"
                           " updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (profile_id, module_id, reflection_id) DO UPDATE SET"
                           " text = excluded.text, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, reflection_id);
  bind_text (stmt, 4, text);
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

char *
bekal_store_load_reflection (BekalStore  *self,
                             gint64       profile_id,
                             const char  *module_id,
                             const char  *reflection_id,
                             gint64      *out_updated_at,
                             GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL && reflection_id != NULL, NULL);

  stmt = borrow_statement (self,
                           "SELECT text, updated_at FROM reflections"
                           " WHERE profile_id = ?1 AND module_id = ?2 AND reflection_id = ?3",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, reflection_id);
  if (!step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  if (out_updated_at != NULL)
    *out_updated_at = sqlite3_column_int64 (stmt, 1);

  return column_dup_text (stmt, 0);
}

/* Media progress */

gboolean
bekal_store_save_media_progress (BekalStore                *self,
                                 gint64                     profile_id,
                                 const char                *module_id,
                                 const char                *media_id,
                                 const BekalMediaProgress  *progress,
                                 GError                   **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;
  double fraction;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && media_id != NULL, FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  /* A player may report a position a little past the end */
  fraction = isnan (progress->watched_fraction) ? 0.0 : progress->watched_fraction;
  fraction = CLAMP (fraction, 0.0, 1.0);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "INSERT INTO media_progress (profile_id, module_id, media_id,"
                           " position_ms, watched_fraction, transcript_read_to_end, done,"
                           " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                           "ON CONFLICT (profile_id, module_id, media_id) DO UPDATE SET"
                           " position_ms = excluded.position_ms,"
                           " watched_fraction = max (watched_fraction, excluded.watched_fraction),"
                           " transcript_read_to_end ="
                           "  max (transcript_read_to_end, excluded.transcript_read_to_end),"
                           " done = max (done, excluded.done),"
                           " updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, media_id);
  sqlite3_bind_int64 (stmt, 4, MAX (progress->position_ms, 0));
  sqlite3_bind_double (stmt, 5, fraction);
  sqlite3_bind_int (stmt, 6, progress->transcript_read_to_end ? 1 : 0);
  sqlite3_bind_int (stmt, 7, progress->done ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

gboolean
bekal_store_load_media_progress (BekalStore          *self,
                                 gint64               profile_id,
                                 const char          *module_id,
                                 const char          *media_id,
                                 BekalMediaProgress  *out_progress,
                                 GError             **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && media_id != NULL, FALSE);
  g_return_val_if_fail (out_progress != NULL, FALSE);

  stmt = borrow_statement (self,
                           "SELECT position_ms, watched_fraction, transcript_read_to_end, done,"
                           " updated_at FROM media_progress"
                           " WHERE profile_id = ?1 AND module_id = ?2 AND media_id = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, media_id);
  if (!step_row (self, stmt, &has_row, error) || !has_row)
    return FALSE;

  out_progress->position_ms = sqlite3_column_int64 (stmt, 0);
  out_progress->watched_fraction = sqlite3_column_double (stmt, 1);
  out_progress->transcript_read_to_end = sqlite3_column_int (stmt, 2) != 0;
  out_progress->done = sqlite3_column_int (stmt, 3) != 0;
  out_progress->updated_at = sqlite3_column_int64 (stmt, 4);

  return TRUE;
}

/* Checkpoint answers */

gboolean
bekal_store_save_checkpoint_response (BekalStore  *self,
                                      gint64       profile_id,
                                      const char  *module_id,
                                      const char  *media_id,
                                      const char  *question_id,
                                      const char  *response,
                                      GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && media_id != NULL && question_id != NULL, FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "INSERT INTO checkpoint_responses (profile_id, module_id, media_id,"
                           " question_id, response, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                           "ON CONFLICT (profile_id, module_id, media_id, question_id)"
                           " DO UPDATE SET response = excluded.response,"
                           " answered_at = excluded.answered_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, media_id);
  bind_text (stmt, 4, question_id);
  bind_text (stmt, 5, response);
  sqlite3_bind_int64 (stmt, 6, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return write_transaction_commit (&txn, error);
}

char *
bekal_store_load_checkpoint_response (BekalStore  *self,
                                      gint64       profile_id,
                                      const char  *module_id,
                                      const char  *media_id,
                                      const char  *question_id,
                                      gint64      *out_answered_at,
                                      GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL && media_id != NULL && question_id != NULL, NULL);

  stmt = borrow_statement (self,
                           "SELECT response, answered_at FROM checkpoint_responses"
                           " WHERE profile_id = ?1 AND module_id = ?2 AND media_id = ?3"
                           " AND question_id = ?4",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, media_id);
  bind_text (stmt, 4, question_id);
  if (!step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  if (out_answered_at != NULL)
    *out_answered_at = sqlite3_column_int64 (stmt, 1);

  return column_dup_text (stmt, 0);
}

/* Quiz attempts */

#define ATTEMPT_COLUMNS \
  "id, profile_id, module_id, module_version, content_hash, quiz_id, role, seed," \
  " question_order, started_at, finished_at, score, passed"

static BekalQuizAttempt *
attempt_from_row (sqlite3_stmt *stmt)
{
  BekalQuizAttempt *attempt = g_new0 (BekalQuizAttempt, 1);
  const char *role = (const char *) sqlite3_column_text (stmt, 6);
  const char *order = (const char *) sqlite3_column_text (stmt, 8);

  attempt->id = sqlite3_column_int64 (stmt, 0);
  attempt->profile_id = sqlite3_column_int64 (stmt, 1);
  attempt->module_id = column_dup_text (stmt, 2);
  attempt->module_version = column_dup_text (stmt, 3);
  attempt->content_hash = column_dup_text (stmt, 4);
  attempt->quiz_id = column_dup_text (stmt, 5);

  attempt->role = BEKAL_QUIZ_PRACTICE;
  for (guint i = 0; i < G_N_ELEMENTS (quiz_role_names); i++)
    if (g_strcmp0 (role, quiz_role_names[i]) == 0)
      attempt->role = (BekalQuizRole) i;

  attempt->seed = sqlite3_column_int64 (stmt, 7);
  if (order != NULL && *order != '\0')
    attempt->question_order = g_strsplit (order, ",", -1);
  else
    attempt->question_order = g_new0 (char *, 1);
  attempt->started_at = sqlite3_column_int64 (stmt, 9);
  attempt->finished_at = sqlite3_column_int64 (stmt, 10);
  attempt->score = column_score (stmt, 11);

  if (sqlite3_column_type (stmt, 12) == SQLITE_NULL)
    attempt->verdict = BEKAL_QUIZ_VERDICT_NONE;
  else if (sqlite3_column_int (stmt, 12) != 0)
    attempt->verdict = BEKAL_QUIZ_VERDICT_PASSED;
  else
    attempt->verdict = BEKAL_QUIZ_VERDICT_FAILED;

  return attempt;
}

static GPtrArray *
collect_attempts (BekalStore    *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr (GPtrArray) attempts = NULL;
  gboolean has_row;

  attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_quiz_attempt_free);
  for (;;)
    {
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      g_ptr_array_add (attempts, attempt_from_row (stmt));
    }

  return g_steal_pointer (&attempts);
}

/* Question ids are joined by commas, which module ids cannot contain */
static char *
join_question_order (const char * const  *question_order,
                     GError             **error)
{
  for (guint i = 0; question_order != NULL && question_order[i] != NULL; i++)
    {
      if (*question_order[i] == '\0' || strchr (question_order[i], ',') != NULL)
        {
          g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                       _("The question id “%s” cannot be stored."), question_order[i]);
          return NULL;
        }
    }

  if (question_order == NULL)
    return g_strdup ("");

  return g_strjoinv (",", (char **) question_order);
}

gint64
bekal_store_start_attempt (BekalStore          *self,
                           gint64               profile_id,
                           const char          *module_id,
                           const char          *module_version,
                           const char          *content_hash,
                           const char          *quiz_id,
                           BekalQuizRole        role,
                           gint64               seed,
                           const char * const  *question_order,
                           GError             **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autofree char *order = NULL;
  g_autoptr (BorrowedStatement) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);
  g_return_val_if_fail (module_id != NULL && quiz_id != NULL, 0);
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (quiz_role_names), 0);

  order = join_question_order (question_order, error);
  if (order == NULL)
    return 0;

  if (!write_transaction_begin (self, &txn, error))
    return 0;

  stmt = borrow_statement (self,
                           "INSERT INTO quiz_attempts (profile_id, module_id, module_version,"
                           " content_hash, quiz_id, role, seed, question_order, started_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, module_version != NULL ? module_version : "");
  bind_text (stmt, 4, content_hash != NULL ? content_hash : "");
  bind_text (stmt, 5, quiz_id);
  bind_text (stmt, 6, quiz_role_names[role]);
  sqlite3_bind_int64 (stmt, 7, seed);
  bind_text (stmt, 8, order);
  sqlite3_bind_int64 (stmt, 9, now_seconds ());
  if (!step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);
  if (!write_transaction_commit (&txn, error))
    return 0;

  return id;
}

/* Explains why an attempt took no change: it does not exist or it is finished */
static gboolean
set_attempt_unchanged_error (BekalStore  *self,
                             gint64       attempt_id,
                             GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  stmt = borrow_statement (self, "SELECT 1 FROM quiz_attempts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  if (!step_row (self, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                         _("This quiz attempt is already finished; its answers cannot change."));
  else
    g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                         _("This quiz attempt no longer exists."));

  return FALSE;
}

gboolean
bekal_store_record_answer (BekalStore  *self,
                           gint64       attempt_id,
                           const char  *question_id,
                           const char  *topic_id,
                           const char  *response,
                           double       score,
                           GError     **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (question_id != NULL && response != NULL, FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  /* The WHERE clause keeps answers out of finished (or missing) attempts */
  stmt = borrow_statement (self,
                           "INSERT INTO quiz_answers (attempt_id, question_id, topic_id, response,"
                           " score, answered_at)"
                           " SELECT id, ?2, ?3, ?4, ?5, ?6 FROM quiz_attempts"
                           " WHERE id = ?1 AND finished_at IS NULL "
                           "ON CONFLICT (attempt_id, question_id) DO UPDATE SET"
                           " topic_id = excluded.topic_id, response = excluded.response,"
                           " score = excluded.score, answered_at = excluded.answered_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  bind_text (stmt, 2, question_id);
  bind_text (stmt, 3, topic_id != NULL ? topic_id : "");
  bind_text (stmt, 4, response);
  bind_score (stmt, 5, score);
  sqlite3_bind_int64 (stmt, 6, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_attempt_unchanged_error (self, attempt_id, error);

  return write_transaction_commit (&txn, error);
}

gboolean
bekal_store_finish_attempt (BekalStore        *self,
                            gint64             attempt_id,
                            double             score,
                            BekalQuizVerdict   verdict,
                            GError           **error)
{
  g_auto (WriteTransaction) txn = { NULL };
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!write_transaction_begin (self, &txn, error))
    return FALSE;

  stmt = borrow_statement (self,
                           "UPDATE quiz_attempts SET finished_at = ?2, score = ?3, passed = ?4"
                           " WHERE id = ?1 AND finished_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  bind_score (stmt, 3, score);
  if (verdict == BEKAL_QUIZ_VERDICT_NONE)
    sqlite3_bind_null (stmt, 4);
  else
    sqlite3_bind_int (stmt, 4, verdict == BEKAL_QUIZ_VERDICT_PASSED ? 1 : 0);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_attempt_unchanged_error (self, attempt_id, error);

  return write_transaction_commit (&txn, error);
}

BekalQuizAttempt *
bekal_store_get_attempt (BekalStore  *self,
                         gint64       attempt_id,
                         GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = borrow_statement (self,
                           "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                           _("This quiz attempt no longer exists."));
      return NULL;
    }

  return attempt_from_row (stmt);
}

GPtrArray *
bekal_store_list_attempts (BekalStore  *self,
                           gint64       profile_id,
                           const char  *module_id,
                           const char  *quiz_id,
                           GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  stmt = borrow_statement (self,
                           "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts"
                           " WHERE profile_id = ?1 AND module_id = ?2"
                           " AND (?3 IS NULL OR quiz_id = ?3)"
                           " ORDER BY started_at, id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, quiz_id);

  return collect_attempts (self, stmt, error);
}

GPtrArray *
bekal_store_list_answers (BekalStore  *self,
                          gint64       attempt_id,
                          GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  g_autoptr (GPtrArray) answers = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = borrow_statement (self,
                           "SELECT id, attempt_id, question_id, topic_id, response, score,"
                           " answered_at FROM quiz_answers WHERE attempt_id = ?1 ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, attempt_id);

  answers = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_quiz_answer_free);
  for (;;)
    {
      BekalQuizAnswer *answer;

      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      answer = g_new0 (BekalQuizAnswer, 1);
      answer->id = sqlite3_column_int64 (stmt, 0);
      answer->attempt_id = sqlite3_column_int64 (stmt, 1);
      answer->question_id = column_dup_text (stmt, 2);
      answer->topic_id = column_dup_text (stmt, 3);
      answer->response = column_dup_text (stmt, 4);
      answer->score = column_score (stmt, 5);
      answer->answered_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (answers, answer);
    }

  return g_steal_pointer (&answers);
}

BekalQuizAttempt *
bekal_store_find_unfinished_attempt (BekalStore  *self,
                                     gint64       profile_id,
                                     const char  *module_id,
                                     const char  *quiz_id,
                                     GError     **error)
{
  g_autoptr (BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL && quiz_id != NULL, NULL);

  stmt = borrow_statement (self,
                           "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts"
                           " WHERE profile_id = ?1 AND module_id = ?2 AND quiz_id = ?3"
                           " AND finished_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_text (stmt, 2, module_id);
  bind_text (stmt, 3, quiz_id);
  if (!step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return attempt_from_row (stmt);
}
