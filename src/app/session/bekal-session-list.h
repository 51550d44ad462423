/* bekal-session-list.h: the group sessions kept in the store, to list and resume them.
 * Until the store has tables of its own for sessions (branch live-store), they are kept as
 * one key file in the store's settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-store.h>

#include "bekal-session.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  gint64    created_at;    /* unix seconds */
  char     *module_id;
  GStrv     lessons;       /* NULL: all */
  guint     current;
  gboolean  ended;
  GStrv     names;         /* the participants, in roster order */
  GStrv     sentras;
  GStrv     roles;
  gint64   *profile_ids;
  gboolean *trained;
  guint     n_participants;
} BekalSavedSession;

void       bekal_saved_session_free   (BekalSavedSession *saved);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSavedSession, bekal_saved_session_free)

/* Saves @session's module, lessons, roster and place, through the store's write queue */
void       bekal_session_list_save    (BekalStore   *store,
                                       BekalSession *session,
                                       gboolean      ended);
/* (element-type BekalSavedSession): the sessions kept, newest first; empty when none or
 * when they cannot be read */
GPtrArray *bekal_session_list_load    (BekalStore   *store);
/* (transfer full) (nullable): a session from @saved, at its place; NULL when @module is not
 * the one it was made with */
BekalSession *bekal_saved_session_restore (const BekalSavedSession *saved,
                                           BekalModule             *module);

G_END_DECLS
