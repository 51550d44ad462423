/* bekal-session-list.c: the group sessions kept in the store's settings as one key file, a
 * group per session. Every save writes the whole file through the write queue; the queue
 * keeps writes in order, so the last one wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-save.h"
#include "bekal-session-list.h"

#define SESSIONS_KEY "group-sessions"
/* a laptop used for years keeps the latest sessions only */
#define MAX_SESSIONS 50

/* Helpers */

static GKeyFile *
load_key_file (BekalStore *store)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = bekal_store_dup_value (store, SESSIONS_KEY, &error);

  if (text != NULL && !g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, &error))
    {
      g_message ("The saved group sessions could not be read: %s", error->message);
      return g_key_file_new ();
    }
  return g_steal_pointer (&file);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const BekalSavedSession *left = *(BekalSavedSession * const *) a;
  const BekalSavedSession *right = *(BekalSavedSession * const *) b;

  return (left->created_at < right->created_at) - (left->created_at > right->created_at);
}

/* Public API */

void
bekal_saved_session_free (BekalSavedSession *saved)
{
  if (saved == NULL)
    return;
  g_free (saved->id);
  g_free (saved->module_id);
  g_strfreev (saved->lessons);
  g_strfreev (saved->names);
  g_strfreev (saved->sentras);
  g_strfreev (saved->roles);
  g_free (saved->profile_ids);
  g_free (saved->trained);
  g_free (saved);
}

void
bekal_session_list_save (BekalStore   *store,
                         BekalSession *session,
                         gboolean      ended)
{
  g_autoptr(GKeyFile) file = NULL;
  g_auto(GStrv) groups = NULL;
  const char *id = bekal_session_get_id (session);
  guint n = bekal_session_get_n_participants (session);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) sentras = g_ptr_array_new ();
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  g_autofree gboolean *trained = g_new0 (gboolean, MAX (n, 1));
  g_autoptr(GString) profiles = g_string_new (NULL);
  g_autofree char *text = NULL;
  gsize n_groups = 0;

  g_return_if_fail (BEKAL_IS_STORE (store));
  g_return_if_fail (BEKAL_IS_SESSION (session));

  file = load_key_file (store);
  for (guint i = 0; i < n; i++)
    {
      BekalParticipant *participant = bekal_session_get_participant (session, i);

      g_ptr_array_add (names, participant->name);
      g_ptr_array_add (sentras, participant->sentra);
      g_ptr_array_add (roles, participant->role);
      g_string_append_printf (profiles, "%s%" G_GINT64_FORMAT, i > 0 ? ";" : "",
                              participant->profile_id);
      trained[i] = participant->trained_before;
    }

  g_key_file_set_int64 (file, id, "created", bekal_session_get_created_at (session));
  g_key_file_set_string (file, id, "module",
                         bekal_module_get_id (bekal_session_get_module (session)));
  if (bekal_session_get_lessons (session) != NULL)
    g_key_file_set_string_list (file, id, "lessons", bekal_session_get_lessons (session),
                                g_strv_length ((char **) bekal_session_get_lessons (session)));
  g_key_file_set_integer (file, id, "current", (int) bekal_session_get_current (session));
  g_key_file_set_boolean (file, id, "ended", ended);
  g_key_file_set_string_list (file, id, "names", (const char * const *) names->pdata, n);
  g_key_file_set_string_list (file, id, "sentras", (const char * const *) sentras->pdata, n);
  g_key_file_set_string_list (file, id, "roles", (const char * const *) roles->pdata, n);
  g_key_file_set_string (file, id, "profiles", profiles->str);
  g_key_file_set_boolean_list (file, id, "trained", trained, n);

  /* the oldest go first once there are too many */
  groups = g_key_file_get_groups (file, &n_groups);
  if (n_groups > MAX_SESSIONS)
    {
      g_autoptr(GPtrArray) all = bekal_session_list_load (store);

      for (guint i = MAX_SESSIONS - 1; i < all->len; i++)
        {
          BekalSavedSession *old = g_ptr_array_index (all, i);

          if (!g_str_equal (old->id, id))
            g_key_file_remove_group (file, old->id, NULL);
        }
    }

  text = g_key_file_to_data (file, NULL, NULL);
  bekal_save_value (store, SESSIONS_KEY, text);
}

GPtrArray *
bekal_session_list_load (BekalStore *store)
{
  GPtrArray *sessions = g_ptr_array_new_with_free_func (
    (GDestroyNotify) bekal_saved_session_free);
  g_autoptr(GKeyFile) file = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (store), sessions);

  file = load_key_file (store);
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(BekalSavedSession) saved = g_new0 (BekalSavedSession, 1);
      g_autofree char *profiles = NULL;
      g_auto(GStrv) profile_texts = NULL;
      gsize n_names = 0, n_sentras = 0, n_roles = 0, n_trained = 0;

      saved->id = g_strdup (groups[i]);
      saved->created_at = g_key_file_get_int64 (file, groups[i], "created", NULL);
      saved->module_id = g_key_file_get_string (file, groups[i], "module", NULL);
      saved->lessons = g_key_file_get_string_list (file, groups[i], "lessons", NULL, NULL);
      saved->current = (guint) MAX (0, g_key_file_get_integer (file, groups[i], "current", NULL));
      saved->ended = g_key_file_get_boolean (file, groups[i], "ended", NULL);
      saved->names = g_key_file_get_string_list (file, groups[i], "names", &n_names, NULL);
      saved->sentras = g_key_file_get_string_list (file, groups[i], "sentras", &n_sentras, NULL);
      saved->roles = g_key_file_get_string_list (file, groups[i], "roles", &n_roles, NULL);
      saved->trained = g_key_file_get_boolean_list (file, groups[i], "trained", &n_trained, NULL);
      profiles = g_key_file_get_string (file, groups[i], "profiles", NULL);
      profile_texts = g_strsplit (profiles != NULL ? profiles : "", ";", -1);

      /* a session whose lists do not agree was not written by Bekal: left out */
      if (saved->module_id == NULL
          || (n_names > 0 && (n_sentras != n_names || n_roles != n_names
                              || n_trained != n_names
                              || g_strv_length (profile_texts) != n_names)))
        continue;
      saved->n_participants = (guint) n_names;
      saved->profile_ids = g_new0 (gint64, MAX (n_names, 1));
      for (guint p = 0; p < n_names; p++)
        saved->profile_ids[p] = g_ascii_strtoll (profile_texts[p], NULL, 10);
      g_ptr_array_add (sessions, g_steal_pointer (&saved));
    }

  g_ptr_array_sort (sessions, compare_newest_first);
  return sessions;
}

BekalSession *
bekal_saved_session_restore (const BekalSavedSession *saved,
                             BekalModule             *module)
{
  BekalSession *session;

  g_return_val_if_fail (saved != NULL, NULL);

  if (module == NULL || g_strcmp0 (bekal_module_get_id (module), saved->module_id) != 0)
    return NULL;

  session = bekal_session_new (module, (const char * const *) saved->lessons);
  bekal_session_set_identity (session, saved->id, saved->created_at);
  for (guint i = 0; i < saved->n_participants; i++)
    bekal_session_add_participant (session, saved->names[i], saved->sentras[i], saved->roles[i],
                                   saved->trained[i], saved->profile_ids[i]);
  bekal_session_go_to (session, saved->current);
  return session;
}
