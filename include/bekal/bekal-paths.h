/* bekal-paths.h: where Bekal finds its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the running program is the one in the build tree, not an installed copy */
gboolean  bekal_paths_running_uninstalled (void);
/* The default folder for the learner store: $XDG_DATA_HOME/bekal */
char     *bekal_paths_default_data_dir    (void);
/* Folders named NAME to search, in order: @extra_dirs, the entries of the environment variable
 * @env_var, $XDG_DATA_HOME/bekal/NAME, the installed PKGDATADIR/NAME and, when running
 * uninstalled, the source tree's NAME folder. Duplicates are removed. */
char    **bekal_paths_search_dirs         (const char         *name,
                                           const char         *env_var,
                                           const char * const *extra_dirs);

/* A GCompareFunc for g_ptr_array_sort() and qsort() over arrays of strings */
int       bekal_compare_strings           (gconstpointer       a,
                                           gconstpointer       b);

G_END_DECLS
