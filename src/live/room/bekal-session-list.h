/* bekal-session-list.h: the group sessions kept in the store (bekal-store-sessions.h), as the
 * preparation dialog lists them and resumes one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-store-sessions.h>

#include "bekal-session.h"

G_BEGIN_DECLS

/* (transfer full) (nullable): a session from @stored, with its roster and at its place;
 * NULL when @module is not the one it was made with */
BekalSession *bekal_group_session_restore  (const BekalGroupSession *stored,
                                            BekalModule             *module);
/* (transfer full): the date of @stored and who took part, for the list of saved sessions */
char         *bekal_group_session_describe (const BekalGroupSession *stored);

G_END_DECLS
