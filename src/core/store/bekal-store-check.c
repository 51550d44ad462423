/* bekal-store-check.c: a database's schema compared with the one Bekal creates, and its repair
 *
 * A data folder travels on USB sticks, so its bekal.db may carry tables, views, indexes or
 * triggers that Bekal never made: a trigger runs inside Bekal's own writes and can delete or
 * rewrite learners' records. Bekal's schema at each version is what its migrations make, so
 * the expected schema is made by running them in a database in memory, and every object of
 * the file (type, name, table and SQL text, whitespace aside) must match it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

/* How many objects an error message names before it says how many more there are */
#define MAX_NAMED_FINDINGS 8

typedef struct
{
  char *type;
  char *name;
  char *table;
  char *sql;            /* as stored; NULL for objects SQLite makes itself */
  char *normalised_sql; /* whitespace runs made one space */
} SchemaObject;

static void schema_object_free (SchemaObject *object);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SchemaObject, schema_object_free)

static void
schema_object_free (SchemaObject *object)
{
  if (object == NULL)
    return;

  g_free (object->type);
  g_free (object->name);
  g_free (object->table);
  g_free (object->sql);
  g_free (object->normalised_sql);
  g_free (object);
}

/* The same statement may be laid out differently; the words and symbols are what count */
static char *
normalise_sql (const char *sql)
{
  GString *out;
  gboolean pending_space = FALSE;

  if (sql == NULL)
    return NULL;

  out = g_string_sized_new (strlen (sql));
  for (const char *p = sql; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Objects SQLite makes on its own: the indexes behind UNIQUE and PRIMARY KEY constraints follow
 * from their table's SQL, compared already, and sqlite_sequence only counts for AUTOINCREMENT
 * tables (any such table is foreign) */
static gboolean
is_internal_object (const char *name)
{
  return g_str_has_prefix (name, "sqlite_autoindex_") || g_str_equal (name, "sqlite_sequence");
}

/* name -> SchemaObject */
static int
read_schema_objects (sqlite3     *db,
                     GHashTable **out_objects)
{
  g_autoptr(GHashTable) objects = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) schema_object_free);

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema", -1,
                           &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      SchemaObject *object;

      if (name == NULL || is_internal_object (name))
        {
          rc = SQLITE_OK;
          continue;
        }

      object = g_new0 (SchemaObject, 1);
      object->type = _bekal_store_column_dup_text (stmt, 0);
      object->name = g_strdup (name);
      object->table = _bekal_store_column_dup_text (stmt, 2);
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      object->normalised_sql = normalise_sql (object->sql);
      /* a name appears once in sqlite_schema; should it not, the first one is compared */
      if (!g_hash_table_contains (objects, object->name))
        g_hash_table_insert (objects, object->name, object);
      else
        schema_object_free (object);
      rc = SQLITE_OK;
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK)
    *out_objects = g_steal_pointer (&objects);

  return rc;
}

/* Bekal's own schema at @version, as its migrations make it; made once per process, since
 * every open compares with it */
static GHashTable *
expected_schema (BekalStore  *self,
                 int          version,
                 GError     **error)
{
  G_LOCK_DEFINE_STATIC (schemas);
  static GHashTable *schemas[BEKAL_STORE_SCHEMA_VERSION + 1];
  GHashTable *objects = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (version >= 0 && version <= BEKAL_STORE_SCHEMA_VERSION, NULL);

  G_LOCK (schemas);
  if (schemas[version] != NULL)
    objects = g_hash_table_ref (schemas[version]);
  G_UNLOCK (schemas);
  if (objects != NULL)
    return objects;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = _bekal_store_harden_connection (db);
  if (rc == SQLITE_OK)
    rc = _bekal_store_create_schema (db, version);
  if (rc == SQLITE_OK)
    rc = read_schema_objects (db, &objects);

  if (rc != SQLITE_OK)
    _bekal_store_set_sqlite_error (self, db, rc, error);
  sqlite3_close_v2 (db);

  if (objects != NULL)
    {
      G_LOCK (schemas);
      if (schemas[version] == NULL)
        schemas[version] = g_hash_table_ref (objects);
      G_UNLOCK (schemas);
    }

  return objects;
}

static BekalSchemaFinding *
finding_new (BekalSchemaProblem  problem,
             const SchemaObject *object)
{
  BekalSchemaFinding *finding = g_new0 (BekalSchemaFinding, 1);

  finding->problem = problem;
  finding->type = g_strdup (object->type);
  finding->name = g_strdup (object->name);
  finding->table = g_strdup (object->table);

  return finding;
}

/* Triggers first, tables last: the order in which they can be dropped */
static int
type_rank (const char *type)
{
  static const char * const order[] = { "trigger", "view", "index", "table" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (type, order[i]) == 0)
      return (int) i;

  return G_N_ELEMENTS (order);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const BekalSchemaFinding *first = *(const BekalSchemaFinding * const *) a;
  const BekalSchemaFinding *second = *(const BekalSchemaFinding * const *) b;
  int by_type = type_rank (first->type) - type_rank (second->type);

  return by_type != 0 ? by_type : strcmp (first->name, second->name);
}

static gboolean
same_object (const SchemaObject *found,
             const SchemaObject *expected)
{
  return g_str_equal (found->type, expected->type)
         && g_str_equal (found->table, expected->table)
         && g_strcmp0 (found->normalised_sql, expected->normalised_sql) == 0;
}

static const char *
describe_type (const char *type)
{
  if (g_strcmp0 (type, "trigger") == 0)
    return _("trigger");
  if (g_strcmp0 (type, "view") == 0)
    return _("view");
  if (g_strcmp0 (type, "index") == 0)
    return _("index");
  if (g_strcmp0 (type, "table") == 0)
    return _("table");

  return type;
}

/* A changed or missing table cannot be put back without losing what it holds */
static gboolean
is_repairable (const BekalSchemaFinding *finding)
{
  return finding->problem == BEKAL_SCHEMA_OBJECT_FOREIGN
         || g_strcmp0 (finding->type, "table") != 0;
}

static BekalStore *
store_for_data_dir (const char *data_dir)
{
  BekalStore *self = g_object_new (BEKAL_TYPE_STORE, NULL);

  self->data_dir = g_strdup (data_dir);
  self->path = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);

  return self;
}

static char *
quote_identifier (const char *name)
{
  g_autofree char *doubled = NULL;
  g_auto(GStrv) parts = g_strsplit (name, "\"", -1);

  doubled = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", doubled);
}

static gboolean
exec_or_set_error (BekalStore  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal could not repair the database “%s” (%s); it was left as it was. "
                     "Move it away, or start Bekal with --data-dir and another folder."),
                   self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}

static char *
make_backup_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *backup_path = g_strdup_printf ("%s.bak-%s", path, stamp);

  for (guint i = 2; g_file_test (backup_path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (backup_path);
      backup_path = g_strdup_printf ("%s.bak-%s-%u", path, stamp, i);
    }

  return backup_path;
}

/* Drops the foreign and changed objects, then creates Bekal's changed and missing ones, in one
 * transaction */
static gboolean
apply_repair (BekalStore  *self,
              GPtrArray   *findings,
              GHashTable  *expected,
              GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  /* findings are sorted triggers first, so nothing is dropped before what depends on it */
  for (guint i = 0; i < findings->len; i++)
    {
      const BekalSchemaFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *keyword = NULL;

      if (finding->problem == BEKAL_SCHEMA_OBJECT_MISSING)
        continue;

      quoted = quote_identifier (finding->name);
      keyword = g_ascii_strup (finding->type, -1);
      sql = g_strdup_printf ("DROP %s IF EXISTS %s", keyword, quoted);
      if (!exec_or_set_error (self, sql, error))
        return FALSE;
    }

  /* tables and indexes before the views and triggers that use them */
  for (guint i = findings->len; i > 0; i--)
    {
      const BekalSchemaFinding *finding = g_ptr_array_index (findings, i - 1);
      const SchemaObject *object;

      if (finding->problem == BEKAL_SCHEMA_OBJECT_FOREIGN)
        continue;

      object = g_hash_table_lookup (expected, finding->name);
      if (object != NULL && object->sql != NULL && !exec_or_set_error (self, object->sql, error))
        return FALSE;
    }

  return _bekal_store_commit_write (&txn, error);
}

GPtrArray *
_bekal_store_compare_schema (BekalStore  *self,
                             sqlite3     *db,
                             int          version,
                             GError     **error)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GHashTableIter iter;
  SchemaObject *object;
  int rc;

  expected = expected_schema (self, version, error);
  if (expected == NULL)
    return NULL;

  rc = read_schema_objects (db, &found);
  if (rc != SQLITE_OK)
    {
      _bekal_store_set_sqlite_error (self, db, rc, error);
      return NULL;
    }

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_schema_finding_free);

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      const SchemaObject *own = g_hash_table_lookup (expected, object->name);

      if (own == NULL)
        g_ptr_array_add (findings, finding_new (BEKAL_SCHEMA_OBJECT_FOREIGN, object));
      else if (!same_object (object, own))
        g_ptr_array_add (findings, finding_new (BEKAL_SCHEMA_OBJECT_CHANGED, own));
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    if (!g_hash_table_contains (found, object->name))
      g_ptr_array_add (findings, finding_new (BEKAL_SCHEMA_OBJECT_MISSING, object));

  g_ptr_array_sort (findings, compare_findings);
  return g_steal_pointer (&findings);
}

gboolean
_bekal_store_set_foreign_schema_error (BekalStore  *self,
                                       GPtrArray   *findings,
                                       GError     **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *quoted_dir = g_shell_quote (self->data_dir);
  gboolean repairable = TRUE;

  for (guint i = 0; i < findings->len; i++)
    {
      const BekalSchemaFinding *finding = g_ptr_array_index (findings, i);

      repairable = repairable && is_repairable (finding);
      if (i < MAX_NAMED_FINDINGS)
        {
          g_autofree char *description = bekal_schema_finding_dup_description (finding);

          if (i > 0)
            g_string_append (list, "; ");
          g_string_append (list, description);
        }
    }
  if (findings->len > MAX_NAMED_FINDINGS)
    g_string_append_printf (list, _("; and %u more"), findings->len - MAX_NAMED_FINDINGS);

  if (repairable)
    g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA,
                 _("Bekal did not open the database “%s” because its structure is not Bekal's: "
                   "%s. Such objects can change or delete learners' records. The file was left "
                   "as it is. To keep a backup copy and remove them, run:\n"
                   "bekal-author store repair --data-dir %s"),
                 self->path, list->str, quoted_dir);
  else
    g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA,
                 _("Bekal did not open the database “%s” because its structure is not Bekal's: "
                   "%s. A changed table cannot be repaired. The file was left as it is. Move it "
                   "away, or start Bekal with --data-dir and another folder."),
                 self->path, list->str);

  return FALSE;
}

/* Public API */

void
bekal_schema_finding_free (BekalSchemaFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->type);
  g_free (finding->name);
  g_free (finding->table);
  g_free (finding);
}

char *
bekal_schema_finding_dup_description (const BekalSchemaFinding *finding)
{
  const char *type;

  g_return_val_if_fail (finding != NULL, NULL);

  type = describe_type (finding->type);

  switch (finding->problem)
    {
    case BEKAL_SCHEMA_OBJECT_FOREIGN:
      if (g_str_equal (finding->type, "trigger") || g_str_equal (finding->type, "index"))
        /* Translators: a database object Bekal did not create, e.g. trigger “x” on table “y” */
        return g_strdup_printf (_("%s “%s” on table “%s”, not made by Bekal"), type,
                                finding->name, finding->table);
      return g_strdup_printf (_("%s “%s”, not made by Bekal"), type, finding->name);

    case BEKAL_SCHEMA_OBJECT_CHANGED:
      return g_strdup_printf (_("Bekal's %s “%s”, changed"), type, finding->name);

    case BEKAL_SCHEMA_OBJECT_MISSING:
    default:
      return g_strdup_printf (_("Bekal's %s “%s”, missing"), type, finding->name);
    }
}

GPtrArray *
bekal_store_check_schema (const char  *data_dir,
                          GError     **error)
{
  g_autoptr(BekalStore) self = NULL;
  GPtrArray *findings = NULL;
  DatabaseFileState state;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = store_for_data_dir (data_dir);
  if (!_bekal_store_inspect_file (self->path, &state, error))
    return NULL;

  if (state == DATABASE_MISSING)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                   _("There is no database “%s”."), self->path);
      return NULL;
    }

  if (state == DATABASE_EMPTY)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_schema_finding_free);

  if (!_bekal_store_examine (self, NULL, &findings, error))
    return NULL;

  return findings;
}

gboolean
bekal_store_repair_schema (const char  *data_dir,
                           char       **out_backup_path,
                           GPtrArray  **out_repaired,
                           GError     **error)
{
  g_autoptr(BekalStore) self = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autofree char *backup_path = NULL;
  g_auto(SetupLock) setup_lock = -1;
  sqlite3 *db = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  self = store_for_data_dir (data_dir);

  /* no Bekal may open, create or migrate the file meanwhile */
  if (!_bekal_store_take_setup_lock (self, &setup_lock, error))
    return FALSE;

  findings = bekal_store_check_schema (data_dir, error);
  if (findings == NULL)
    return FALSE;

  if (findings->len > 0)
    {
      for (guint i = 0; i < findings->len; i++)
        if (!is_repairable (g_ptr_array_index (findings, i)))
          return _bekal_store_set_foreign_schema_error (self, findings, error);

      if (!_bekal_store_examine (self, &db, NULL, error))
        return FALSE;
      rc = _bekal_store_read_schema_version (db, &version);
      sqlite3_close_v2 (db);
      if (rc != SQLITE_OK)
        return _bekal_store_set_sqlite_error (self, NULL, rc, error);

      expected = expected_schema (self, version, error);
      if (expected == NULL)
        return FALSE;

      rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL);
      if (rc == SQLITE_OK)
        rc = _bekal_store_harden_connection (self->db);
      if (rc == SQLITE_OK)
        sqlite3_busy_timeout (self->db, 5000);
      if (rc != SQLITE_OK)
        return _bekal_store_set_sqlite_error (self, self->db, rc, error);

      backup_path = make_backup_path (self->path);
      if (!_bekal_store_backup_database (self, backup_path, error)
          || !apply_repair (self, findings, expected, error))
        return FALSE;

      /* what is left must be exactly Bekal's */
      g_hash_table_remove_all (self->statements);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      remaining = bekal_store_check_schema (data_dir, error);
      if (remaining == NULL)
        return FALSE;
      if (remaining->len > 0)
        return _bekal_store_set_foreign_schema_error (self, remaining, error);
    }

  if (out_backup_path != NULL)
    *out_backup_path = g_steal_pointer (&backup_path);
  if (out_repaired != NULL)
    *out_repaired = g_steal_pointer (&findings);

  return TRUE;
}
