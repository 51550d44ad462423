/* bekal-paths.h: where Bekal finds its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * bekal_paths_running_uninstalled:
 *
 * Returns: %TRUE when the running program is the one in the build tree, not an installed copy
 */
gboolean  bekal_paths_running_uninstalled (void);
/**
 * bekal_paths_default_data_dir:
 *
 * The default folder for the learner store: `$XDG_DATA_HOME/bekal`. Nothing is created.
 *
 * Returns: (transfer full): the folder
 */
char     *bekal_paths_default_data_dir    (void);
/**
 * bekal_paths_search_dirs:
 * @name: the kind of folder, such as `modules` or `media`
 * @env_var: (nullable): an environment variable holding a list of folders separated by
 *   `G_SEARCHPATH_SEPARATOR`
 * @extra_dirs: (array zero-terminated=1) (nullable): folders searched first
 *
 * Folders named @name to search, in order: @extra_dirs, the entries of @env_var,
 * `$XDG_DATA_HOME/bekal/NAME`, the installed `PKGDATADIR/NAME` and, when running uninstalled,
 * the source tree's @name folder. Duplicates are removed; the folders need not exist.
 *
 * Returns: (transfer full) (array zero-terminated=1): the folders; free with g_strfreev()
 */
char    **bekal_paths_search_dirs         (const char         *name,
                                           const char         *env_var,
                                           const char * const *extra_dirs);

/**
 * bekal_compare_strings:
 * @a: a pointer to a `const char *` (nullable string)
 * @b: another
 *
 * A #GCompareFunc for g_ptr_array_sort() and qsort() over arrays of strings, in byte order.
 *
 * Returns: a negative number, 0 or a positive number, as strcmp()
 */
int       bekal_compare_strings           (gconstpointer       a,
                                           gconstpointer       b);

G_END_DECLS
