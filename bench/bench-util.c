/* bench-util.c: what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include <bekal/bekal-store.h>

#include "bench-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);

  return g_array_index (values, double, values->len / 2);
}

double
bench_percentile (GArray *values,
                  double  fraction)
{
  guint index;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  index = (guint) (fraction * (values->len - 1) + 0.5);

  return g_array_index (values, double, index);
}

void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

gboolean
bench_prepare_last_learner (const char *data_dir)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 id;

  store = bekal_store_open (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("Cannot open a store in %s: %s\n", data_dir, error->message);
      return FALSE;
    }

  id = bekal_store_create_profile (store, "Benchmark", "Sentra", "Peksos", 1, FALSE, &error);
  if (id == 0)
    {
      g_printerr ("Cannot create a profile: %s\n", error->message);
      return FALSE;
    }

  value = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!bekal_store_set_value (store, BEKAL_STORE_KEY_LAST_PROFILE, value, &error))
    {
      g_printerr ("Cannot remember the profile: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}
