/* bekal-author-report.h: the "report" command of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bekal-author report gap --data-dir DIR [--csv]; @argv[0] is the program name. Returns the
 * exit status: 0 done, 2 usage or store errors. */
int bekal_author_run_report (int    argc,
                             char **argv);

/* bekal-author certificate: a learner's certificate of completion as PDF */
int bekal_author_run_certificate (int    argc,
                                  char **argv);

G_END_DECLS
