/* bekal-player-private.h: what the tests of the player look at beyond its public API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-player.h"

G_BEGIN_DECLS

/* Stalled pipelines whose shutdown, on a thread of its own, has not finished yet */
guint bekal_player_count_pending_releases (void);
/* Waits until every such shutdown has finished */
void  bekal_player_wait_for_releases      (void);

G_END_DECLS
