/* bekal-author-results.h: the "results" command and "report items" of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bekal-author results export|import|push …; @argv[0] is the program name. Returns the exit
 * status: 0 done, 1 refused or failed, 2 usage. */
int bekal_author_run_results      (int    argc,
                                   char **argv);
/* bekal-author report items --data-dir DIR [--csv] [--module ID] */
int bekal_author_run_report_items (int    argc,
                                   char **argv);

G_END_DECLS
