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

/* What follows is shared by the files of src/core/store only */

struct _BekalStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text (static) -> prepared sqlite3_stmt */
  gboolean    read_only;
};

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BorrowedStatement, _bekal_store_reset_statement)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriteTransaction, _bekal_store_write_transaction_clear)

G_END_DECLS
