/* bekal-author-bank.h: the "import" and "export" commands of bekal-author (question banks in
 * Moodle XML and GIFT)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bekal-author import moodle|gift FILE [-o FILE] [--role R] [--quiz-id ID]; @argv[0] is the
 * program name. Returns the exit status: 0 questions imported (the questions that could not be
 * are listed), 1 nothing imported or the file refused, 2 usage or a file that cannot be read. */
int bekal_author_run_import (int    argc,
                             char **argv);

/* bekal-author export moodle|gift MODULE [-o FILE] [--lang LANG]. Returns 0 written, 1 the
 * module has errors or no question to export, 2 usage or a file that cannot be read. */
int bekal_author_run_export (int    argc,
                             char **argv);

G_END_DECLS
