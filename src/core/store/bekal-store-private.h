/* bekal-store-private.h: what the files of the store share, and hooks for the test suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

/* Set to 1 to open every database read-only, as on a write-protected USB stick */
#define BEKAL_STORE_FORCE_READ_ONLY_ENV "BEKAL_STORE_FORCE_READ_ONLY"

/* The store's own connection, to set limits (max_page_count) and check pragmas */
sqlite3 *bekal_store_get_connection_for_testing   (BekalStore *self);
void     bekal_store_set_busy_timeout_for_testing (BekalStore *self,
                                                   int         timeout_ms);
/* The store's connection, for read-only reports inside libbekal (bekal-report.c) */
sqlite3 *bekal_store_get_connection               (BekalStore *self);

/* Writes a database at @path with Bekal's schema of @version (0..BEKAL_STORE_SCHEMA_VERSION),
 * as that version of Bekal made it: fixtures of older databases */
gboolean bekal_store_create_database_for_testing  (const char *path,
                                                   int         version,
                                                   GError    **error);

/* Counters and the queue of soft writes, for the tests of bekal-store-queue.c */
guint    bekal_store_get_n_queued_writes_for_testing (BekalStore *self);
guint    bekal_store_get_n_commits_for_testing       (BekalStore *self);

/* What follows is shared by the files of src/core/store only */

typedef struct _SoftWrite SoftWrite;

struct _BekalStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *path;
  sqlite3    *db;
  GHashTable *statements;          /* SQL text (static) -> prepared sqlite3_stmt */
  gboolean    read_only;
  int         busy_timeout_ms;     /* of the connection, outside soft writes */
  guint       n_commits;           /* write transactions committed */

  GHashTable *soft_writes;         /* key -> SoftWrite, see bekal-store-queue.c */
  guint64     soft_write_sequence;
  GSource    *flush_source;

  GQueue      pending_writes;      /* GTask, see bekal-store-write.c */
  guint       write_retry_source;
  gboolean    waiting_for_lock;
};

typedef enum
{
  DATABASE_MISSING,
  DATABASE_EMPTY,   /* a zero-length file: SQLite treats it as a new database */
  DATABASE_PRESENT,
} DatabaseFileState;

/* A file descriptor holding the setup lock, or -1 */
typedef int SetupLock;

/* A cached statement borrowed for one use: reset and unbound when it goes out of scope */
typedef sqlite3_stmt BorrowedStatement;

/* The write transaction in progress; rolled back when it goes out of scope uncommitted */
typedef struct
{
  BekalStore *store;
} WriteTransaction;

/* bekal-store.c: errors, statements and transactions */
gint64             _bekal_store_now                     (void);
gboolean           _bekal_store_set_sqlite_error        (BekalStore        *self,
                                                         sqlite3           *db,
                                                         int                rc,
                                                         GError           **error);
/* Prepares @sql once per store; @sql must be a string literal (it is the cache key) */
BorrowedStatement *_bekal_store_borrow                  (BekalStore        *self,
                                                         const char        *sql,
                                                         GError           **error);
void               _bekal_store_reset_statement         (BorrowedStatement *stmt);
void               _bekal_store_bind_text               (sqlite3_stmt      *stmt,
                                                         int                index,
                                                         const char        *text);
void               _bekal_store_bind_score              (sqlite3_stmt      *stmt,
                                                         int                index,
                                                         double             score);
double             _bekal_store_column_score            (sqlite3_stmt      *stmt,
                                                         int                column);
char              *_bekal_store_column_dup_text         (sqlite3_stmt      *stmt,
                                                         int                column);
gboolean           _bekal_store_step_done               (BekalStore        *self,
                                                         sqlite3_stmt      *stmt,
                                                         GError           **error);
gboolean           _bekal_store_step_row                (BekalStore        *self,
                                                         sqlite3_stmt      *stmt,
                                                         gboolean          *out_has_row,
                                                         GError           **error);
gboolean           _bekal_store_begin_write             (BekalStore        *self,
                                                         WriteTransaction  *txn,
                                                         GError           **error);
gboolean           _bekal_store_commit_write            (WriteTransaction  *txn,
                                                         GError           **error);
void               _bekal_store_write_transaction_clear (WriteTransaction  *txn);
gboolean           _bekal_store_set_corrupt_error       (const char        *path,
                                                         GError           **error);
gboolean           _bekal_store_set_read_only_error     (BekalStore        *self,
                                                         GError           **error);
/* Checking, creating, migrating and repairing happen under this lock, one process at a time */
gboolean           _bekal_store_take_setup_lock         (BekalStore        *self,
                                                         SetupLock         *out_lock,
                                                         GError           **error);
void               _bekal_store_release_setup_lock      (SetupLock          fd);
/* Whether the file exists and starts like an SQLite database; CORRUPT error when it does not */
gboolean           _bekal_store_inspect_file            (const char        *path,
                                                         DatabaseFileState *out_state,
                                                         GError           **error);
int                _bekal_store_harden_connection       (sqlite3           *db);
/* Opens the existing database read-only and checks its version, schema and pages: FALSE with
 * an error when it is no Bekal database this build can use; the differences from Bekal's
 * schema are returned (BekalSchemaFinding), not refused */
gboolean           _bekal_store_examine                 (BekalStore        *self,
                                                         sqlite3          **out_db,
                                                         GPtrArray        **out_findings,
                                                         GError           **error);

/* bekal-store-write.c: durable writes queued by bekal_store_write_async() */
void               _bekal_store_cancel_pending_writes   (BekalStore        *self);
gboolean           _bekal_store_run_pending_writes_now  (BekalStore        *self,
                                                         GError           **error);
/* bekal-store.c */
void               _bekal_store_notify_waiting_for_lock (BekalStore        *self);

/* bekal-store-profiles.c: inserts a profile inside the open write transaction, as
 * bekal_store_create_profile() does; 0 with @error set */
gint64             _bekal_store_insert_profile          (BekalStore        *self,
                                                         const char        *name,
                                                         const char        *unit,
                                                         const char        *role,
                                                         int                years_as_peksos,
                                                         gboolean           trained_before,
                                                         GError           **error);

/* bekal-store-attempts.c: the on-disk name of @role, and inserting an attempt inside the open
 * write transaction (@session_id 0 for none); 0 with @error set */
const char        *_bekal_store_quiz_role_name          (BekalQuizRole      role);
gint64             _bekal_store_insert_attempt          (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char        *module_version,
                                                         const char        *content_hash,
                                                         const char        *quiz_id,
                                                         BekalQuizRole      role,
                                                         gint64             seed,
                                                         const char * const *question_order,
                                                         gint64             session_id,
                                                         GError           **error);
/* reads a row of the attempt columns below (13 + session_id) */
#define _BEKAL_STORE_ATTEMPT_COLUMNS \
  "id, profile_id, module_id, module_version, content_hash, quiz_id, role, seed," \
  " question_order, started_at, finished_at, score, passed, session_id"
BekalQuizAttempt  *_bekal_store_attempt_from_row        (sqlite3_stmt      *stmt);

/* bekal-store-schema.c: schema version and migrations */
int                _bekal_store_read_schema_version     (sqlite3           *db,
                                                         int               *out_version);
int                _bekal_store_check_schema_is_empty   (sqlite3           *db,
                                                         gboolean          *out_empty);
gboolean           _bekal_store_set_newer_version_error (BekalStore        *self,
                                                         int                version,
                                                         GError           **error);
gboolean           _bekal_store_migrate                 (BekalStore        *self,
                                                         gboolean           keep_backup,
                                                         GError           **error);
/* Runs the migrations from user_version 0 to @version on an empty database, in one go */
int                _bekal_store_create_schema           (sqlite3           *db,
                                                         int                version);
gboolean           _bekal_store_backup_database         (BekalStore        *self,
                                                         const char        *dest_path,
                                                         GError           **error);

/* bekal-store-queue.c: soft writes */
GHashTable        *_bekal_store_new_soft_write_table    (void);
gboolean           _bekal_store_check_soft_write        (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char        *item_id,
                                                         GError           **error);
void               _bekal_store_queue_position          (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char        *lesson_id,
                                                         guint              block_index);
void               _bekal_store_queue_seen_block        (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char        *lesson_id,
                                                         guint              block_index);
void               _bekal_store_queue_media_progress    (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char        *media_id,
                                                         const BekalMediaProgress *progress);
/* Runs the queued writes inside the open write transaction; the queue stays */
gboolean           _bekal_store_write_soft_writes       (BekalStore        *self,
                                                         GError           **error);
/* After the transaction that wrote them was committed, or when the store goes away */
void               _bekal_store_forget_soft_writes      (BekalStore        *self);
/* Writes the queue in one transaction; @wait FALSE fails at once when the database is busy */
gboolean           _bekal_store_flush_soft_writes       (BekalStore        *self,
                                                         gboolean           wait,
                                                         GError           **error);
/* Reads merge the queue: */
const SoftWrite   *_bekal_store_find_queued_position    (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char       **out_lesson_id,
                                                         guint             *out_block_index);
/* adds "LESSON\x1fBLOCK" strings to @seen */
void               _bekal_store_add_queued_seen_blocks  (BekalStore        *self,
                                                         gint64             profile_id,
                                                         const char        *module_id,
                                                         const char        *lesson_id,
                                                         GHashTable        *seen);
/* TRUE when something was saved or is queued; @progress holds what was saved when @saved */
gboolean           _bekal_store_merge_queued_media_progress (BekalStore         *self,
                                                             gint64              profile_id,
                                                             const char         *module_id,
                                                             const char         *media_id,
                                                             gboolean            saved,
                                                             BekalMediaProgress *progress);

/* bekal-store-check.c: the schema compared with Bekal's own */
GPtrArray         *_bekal_store_compare_schema          (BekalStore        *self,
                                                         sqlite3           *db,
                                                         int                version,
                                                         GError           **error);
gboolean           _bekal_store_set_foreign_schema_error (BekalStore       *self,
                                                          GPtrArray        *findings,
                                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BorrowedStatement, _bekal_store_reset_statement)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriteTransaction, _bekal_store_write_transaction_clear)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SetupLock, _bekal_store_release_setup_lock, -1)

G_END_DECLS
