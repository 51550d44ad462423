/* bekal-author-trainer.h: the "trainer" command of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bekal-author trainer reset --data-dir DIR [--yes]; @argv[0] is the program name. Returns the
 * exit status: 0 done, 1 not done (refused, declined or failed), 2 usage. */
int bekal_author_run_trainer (int    argc,
                              char **argv);

G_END_DECLS
