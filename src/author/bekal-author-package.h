/* bekal-author-package.h: the "pack", "verify" and "install" commands of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bekal-author pack DIR [-o FILE]; @argv[0] is the program name. Returns the exit status:
 * 0 packed, 1 the module is invalid or cannot be packed, 2 usage. */
int bekal_author_run_pack    (int    argc,
                              char **argv);

/* bekal-author verify FILE [--modules-dir DIR]: 0 valid, 1 refused, 2 usage */
int bekal_author_run_verify  (int    argc,
                              char **argv);

/* bekal-author install FILE [--modules-dir DIR] [--force]: 0 installed, 1 refused, 2 usage */
int bekal_author_run_install (int    argc,
                              char **argv);

G_END_DECLS
