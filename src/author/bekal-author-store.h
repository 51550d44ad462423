/* bekal-author-store.h: the "store" command of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bekal-author store check|repair --data-dir DIR; @argv[0] is the program name. Returns the
 * exit status: 0 nothing found (check) or repaired (repair), 1 findings (check) or not
 * repaired (repair), 2 usage. */
int bekal_author_run_store (int    argc,
                            char **argv);

G_END_DECLS
