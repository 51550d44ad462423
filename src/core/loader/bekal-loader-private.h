/* bekal-loader-private.h: loader internals shared with the tests and tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-loader.h>

G_BEGIN_DECLS

/* Parses a time such as 75, 1:15, 0:01:15.500; returns milliseconds, or -1 when invalid */
gint64 bekal_loader_parse_time         (const char *value);
/* How many times the parser asked for an external resource and was refused */
guint  bekal_loader_get_refused_loads  (void);

G_END_DECLS
