/* bekal-session-list.c: a stored group session back as a BekalSession, and its line in the
 * list of saved sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-session-list.h"

/* Public API */

BekalSession *
bekal_group_session_restore (const BekalGroupSession *stored,
                             BekalModule             *module)
{
  BekalSession *session;

  g_return_val_if_fail (stored != NULL, NULL);

  if (module == NULL || g_strcmp0 (bekal_module_get_id (module), stored->module_id) != 0)
    return NULL;

  session = bekal_session_new (module, (const char * const *) stored->lessons);
  bekal_session_set_identity (session, stored->id, stored->created_at);
  for (guint i = 0; stored->roster != NULL && i < stored->roster->len; i++)
    {
      const BekalRosterEntry *entry = g_ptr_array_index (stored->roster, i);

      bekal_session_add_seated_participant (session, entry->seat, entry->name,
                                            entry->unit, entry->role, entry->trained_before,
                                            entry->profile_id);
    }
  /* the room keeps the code written on the board, if the server can take it */
  if (stored->room_code != NULL && *stored->room_code != '\0')
    bekal_session_set_room (session, NULL, stored->room_code, NULL, 0);
  bekal_session_go_to (session, stored->position);
  return session;
}

char *
bekal_group_session_describe (const BekalGroupSession *stored)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GString) who = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (stored != NULL, NULL);

  date = g_date_time_new_from_unix_local (stored->created_at);
  when = date != NULL ? g_date_time_format (date, "%x %H:%M") : g_strdup ("");
  n = stored->roster != NULL ? stored->roster->len : 0;
  for (guint i = 0; i < MIN (n, 3); i++)
    g_string_append_printf (who, "%s%s", i > 0 ? ", " : "",
                            ((BekalRosterEntry *) g_ptr_array_index (stored->roster, i))->name);
  if (n > 3)
    g_string_append_printf (who, g_dngettext (GETTEXT_PACKAGE, " and %u other", " and %u others",
                                              n - 3), n - 3);
  if (n == 0)
    g_string_append (who, _("no participants"));
  /* Translators: a saved session: its date, then who took part */
  return g_strdup_printf (_("%s · %s"), when, who->str);
}
