/* bekal-paths.c: where Bekal finds its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-paths.h>

gboolean
bekal_paths_running_uninstalled (void)
{
  static gsize initialized = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *build_root = g_canonicalize_filename (BEKAL_BUILD_ROOT, NULL);
      g_autofree char *prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);

      uninstalled = exe != NULL && g_str_has_prefix (exe, prefix);
      g_once_init_leave (&initialized, 1);
    }

  return uninstalled;
}

char *
bekal_paths_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "bekal", NULL);
}

static void
add_unique (GPtrArray  *dirs,
            const char *dir)
{
  g_autofree char *canonical = NULL;

  if (dir == NULL || dir[0] == '\0')
    return;

  canonical = g_canonicalize_filename (dir, NULL);
  for (guint i = 0; i < dirs->len; i++)
    if (g_str_equal (g_ptr_array_index (dirs, i), canonical))
      return;

  g_ptr_array_add (dirs, g_steal_pointer (&canonical));
}

char **
bekal_paths_search_dirs (const char         *name,
                         const char         *env_var,
                         const char * const *extra_dirs)
{
  GPtrArray *dirs = g_ptr_array_new ();
  const char *env = env_var ? g_getenv (env_var) : NULL;
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "bekal", name, NULL);
  g_autofree char *installed_dir = g_build_filename (PKGDATADIR, name, NULL);

  for (guint i = 0; extra_dirs && extra_dirs[i]; i++)
    add_unique (dirs, extra_dirs[i]);

  if (env)
    {
      g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; parts[i]; i++)
        add_unique (dirs, parts[i]);
    }

  add_unique (dirs, user_dir);
  add_unique (dirs, installed_dir);

  if (bekal_paths_running_uninstalled ())
    {
      g_autofree char *source_dir = g_build_filename (BEKAL_SOURCE_ROOT, name, NULL);
      add_unique (dirs, source_dir);
    }

  g_ptr_array_add (dirs, NULL);
  return (char **) g_ptr_array_free (dirs, FALSE);
}

int
bekal_compare_strings (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}
