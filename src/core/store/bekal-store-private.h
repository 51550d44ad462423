/* bekal-store-private.h: hooks into the results store for the test suite
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

G_END_DECLS
