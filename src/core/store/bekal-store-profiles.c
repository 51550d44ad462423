/* bekal-store-profiles.c: the learners' profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

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

G_DEFINE_FINAL_TYPE (BekalProfile, bekal_profile, G_TYPE_OBJECT)

static GParamSpec *profile_properties[N_PROFILE_PROPS];

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

  _bekal_store_bind_text (stmt, 2, clean_name);
  _bekal_store_bind_text (stmt, 3, clean_unit);
  _bekal_store_bind_text (stmt, 4, clean_role);
  sqlite3_bind_int (stmt, 5, years_as_peksos);
  sqlite3_bind_int (stmt, 6, trained_before ? 1 : 0);
}

static BekalProfile *
profile_from_row (sqlite3_stmt *stmt)
{
  BekalProfile *profile = g_object_new (BEKAL_TYPE_PROFILE, NULL);

  profile->id = sqlite3_column_int64 (stmt, 0);
  profile->name = _bekal_store_column_dup_text (stmt, 1);
  profile->unit = _bekal_store_column_dup_text (stmt, 2);
  profile->role = _bekal_store_column_dup_text (stmt, 3);
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

/* Store: profiles */

gint64
bekal_store_create_profile (BekalStore  *self,
                            const char  *name,
                            const char  *unit,
                            const char  *role,
                            int          years_as_peksos,
                            gboolean     trained_before,
                            GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  gint64 id;

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);

  if (!check_profile_fields (name, years_as_peksos, error))
    return 0;

  if (!_bekal_store_begin_write (self, &txn, error))
    return 0;

  id = _bekal_store_insert_profile (self, name, unit, role, years_as_peksos, trained_before,
                                    error);
  if (id == 0 || !_bekal_store_commit_write (&txn, error))
    return 0;

  return id;
}

gint64
_bekal_store_insert_profile (BekalStore  *self,
                             const char  *name,
                             const char  *unit,
                             const char  *role,
                             int          years_as_peksos,
                             gboolean     trained_before,
                             GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;

  if (!check_profile_fields (name, years_as_peksos, error))
    return 0;

  stmt = _bekal_store_borrow (self,
                              "INSERT INTO profiles (created_at, name, unit, role, years_as_peksos,"
                              " trained_before) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, _bekal_store_now ());
  bind_profile_fields (stmt, name, unit, role, years_as_peksos, trained_before);
  if (!_bekal_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
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
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!check_profile_fields (name, years_as_peksos, error))
    return FALSE;

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "UPDATE profiles SET name = ?2, unit = ?3, role = ?4,"
                              " years_as_peksos = ?5, trained_before = ?6 WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  bind_profile_fields (stmt, name, unit, role, years_as_peksos, trained_before);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_profile_not_found_error (error);

  return _bekal_store_commit_write (&txn, error);
}

gboolean
bekal_store_delete_profile (BekalStore  *self,
                            gint64       profile_id,
                            GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) delete_stmt = NULL;
  g_autoptr(BorrowedStatement) forget_stmt = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, profile_id);

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  delete_stmt = _bekal_store_borrow (self, "DELETE FROM profiles WHERE id = ?1", error);
  if (delete_stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (delete_stmt, 1, profile_id);
  if (!_bekal_store_step_done (self, delete_stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_profile_not_found_error (error);

  /* Do not offer a deleted profile at the next start */
  forget_stmt = _bekal_store_borrow (self, "DELETE FROM settings WHERE key = ?1 AND value = ?2",
                                     error);
  if (forget_stmt == NULL)
    return FALSE;

  _bekal_store_bind_text (forget_stmt, 1, BEKAL_STORE_KEY_LAST_PROFILE);
  _bekal_store_bind_text (forget_stmt, 2, id_text);
  if (!_bekal_store_step_done (self, forget_stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

BekalProfile *
bekal_store_dup_profile (BekalStore  *self,
                         gint64       profile_id,
                         GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT id, name, unit, role, years_as_peksos, trained_before,"
                              " created_at FROM profiles WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
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
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GListStore) profiles = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT id, name, unit, role, years_as_peksos, trained_before,"
                              " created_at FROM profiles ORDER BY name COLLATE NOCASE, id",
                              error);
  if (stmt == NULL)
    return NULL;

  profiles = g_list_store_new (BEKAL_TYPE_PROFILE);
  for (;;)
    {
      g_autoptr(BekalProfile) profile = NULL;

      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      profile = profile_from_row (stmt);
      g_list_store_append (profiles, profile);
    }

  return G_LIST_MODEL (g_steal_pointer (&profiles));
}
