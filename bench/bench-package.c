/* bench-package.c: packing and verifying the bundled modules against zip and unzip
 *
 * For every bundled module (each folder of modules/, with its media from media/), times in
 * turns and in the same run:
 *   pack:   bekal_package_write() (which also checks the module with the loader and hashes
 *           every file) against `zip -r -q` on a folder holding the same files;
 *   verify: bekal_package_verify() (every entry hashed and checked, the module loaded) against
 *           `unzip -t -q` on the same package file.
 * Each run does all modules; prints the median of the runs of each and the ratios Bekal /
 * reference, target at most 1.3 each; exits 1 when a target is missed.
 *
 *   bench-package [--runs N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/wait.h>

#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-package.h>
#include <bekal/bekal-paths.h>

#include "bench-util.h"

#define TARGET_RATIO 1.3

static int n_runs = 7;

static const GOptionEntry entries[] = {
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs of each (7)", "N" },
  { NULL }
};

typedef struct
{
  char *id;
  char *folder;   /* the bundled module */
  char *package;  /* written by Bekal */
  char *stage;    /* the same files for zip */
  char *zip;      /* written by zip */
} Module;

static void
module_free (Module *module)
{
  g_free (module->id);
  g_free (module->folder);
  g_free (module->package);
  g_free (module->stage);
  g_free (module->zip);
  g_free (module);
}

static void
run_or_die (const char * const *argv,
            const char         *cwd)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("bench-package: cannot run %s: %s (apt-get install zip unzip)\n", argv[0],
                  error->message);
      exit (2);
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-package: %s failed: %s\n", argv[0], error->message);
      exit (2);
    }
}

static void
copy_or_die (const char *from,
             const char *to)
{
  g_autofree char *data = NULL;
  g_autofree char *parent = g_path_get_dirname (to);
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  if (!g_file_get_contents (from, &data, &length, &error)
      || !g_file_set_contents (to, data, (gssize) length, &error))
    {
      g_printerr ("bench-package: %s\n", error->message);
      exit (2);
    }
}

static BekalPackageInfo *
pack (Module             *module,
      const char * const *media_dirs)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalPackageInfo *info = bekal_package_write (module->folder, media_dirs, module->package,
                                                diagnostics, &error);

  if (info == NULL)
    {
      g_printerr ("bench-package: %s\n", error->message);
      exit (2);
    }
  return info;
}

static void
verify (Module *module)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalPackageInfo) info = bekal_package_verify (module->package, diagnostics, &error);

  if (info == NULL)
    {
      g_printerr ("bench-package: %s\n", error->message);
      exit (2);
    }
}

static void
zip_module (Module *module)
{
  const char *argv[] = { "zip", "-r", "-q", module->zip, ".", NULL };

  g_unlink (module->zip);
  run_or_die (argv, module->stage);
}

static void
unzip_test (Module *module)
{
  const char *argv[] = { "unzip", "-t", "-q", module->package, NULL };

  run_or_die (argv, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time packing and verifying");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) module_free);
  g_autoptr(GArray) pack_ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pack_zip = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify_ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify_unzip = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *modules_dir = g_build_filename (BEKAL_SOURCE_ROOT, "modules", NULL);
  g_autofree char *media_dir = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  const char *media_dirs[] = { media_dir, NULL };
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tmp = NULL;
  guint64 total_bytes = 0;
  double pack_ratio, verify_ratio;
  const char *name;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_runs < 1)
    {
      g_printerr ("bench-package: %s\n", error != NULL ? error->message : "bad option");
      return 2;
    }

  tmp = g_dir_make_tmp ("bekal-bench-package-XXXXXX", &error);
  g_assert_no_error (error);

  dir = g_dir_open (modules_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, bekal_compare_strings);

  /* a first pack tells which files each package holds; the same files are staged for zip */
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *folder = g_build_filename (modules_dir, g_ptr_array_index (names, i),
                                                  NULL);
      g_autoptr(BekalPackageInfo) info = NULL;
      Module *module;

      if (!bekal_loader_folder_has_module_file (folder))
        continue;

      module = g_new0 (Module, 1);
      module->id = g_strdup (g_ptr_array_index (names, i));
      module->folder = g_steal_pointer (&folder);
      module->package = g_strdup_printf ("%s/%s.bekal", tmp, module->id);
      module->stage = g_strdup_printf ("%s/stage-%s", tmp, module->id);
      module->zip = g_strdup_printf ("%s/%s.zip", tmp, module->id);
      g_ptr_array_add (modules, module);

      info = pack (module, media_dirs);
      for (guint k = 0; k < bekal_package_info_get_n_files (info); k++)
        {
          const char *path = bekal_package_info_get_file_path (info, k);
          g_autofree char *to = g_build_filename (module->stage, path, NULL);
          g_autofree char *from = g_str_has_prefix (path, "module/")
            ? g_build_filename (module->folder, path + strlen ("module/"), NULL)
            : g_build_filename (media_dir, path + strlen ("media/"), NULL);

          copy_or_die (from, to);
        }
      total_bytes += bekal_package_info_get_total_size (info);
      zip_module (module);
      unzip_test (module);
      verify (module);
    }

  if (modules->len == 0)
    {
      g_printerr ("bench-package: no module in %s\n", modules_dir);
      return 2;
    }

  for (int run = 0; run < n_runs; run++)
    {
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      for (guint i = 0; i < modules->len; i++)
        g_object_unref (pack (g_ptr_array_index (modules, i), media_dirs));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (pack_ours, ms);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < modules->len; i++)
        zip_module (g_ptr_array_index (modules, i));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (pack_zip, ms);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < modules->len; i++)
        verify (g_ptr_array_index (modules, i));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (verify_ours, ms);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < modules->len; i++)
        unzip_test (g_ptr_array_index (modules, i));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (verify_unzip, ms);
    }

  bench_remove_tree (tmp);

  pack_ratio = bench_median (pack_ours) / bench_median (pack_zip);
  verify_ratio = bench_median (verify_ours) / bench_median (verify_unzip);

  g_print ("%u modules, %.1f MB of files, medians of %d runs\n", modules->len,
           total_bytes / 1e6, n_runs);
  g_print ("pack:   Bekal %8.1f ms   zip -r     %8.1f ms   ratio %.2f (target <= %.1f)\n",
           bench_median (pack_ours), bench_median (pack_zip), pack_ratio, TARGET_RATIO);
  g_print ("verify: Bekal %8.1f ms   unzip -t   %8.1f ms   ratio %.2f (target <= %.1f)\n",
           bench_median (verify_ours), bench_median (verify_unzip), verify_ratio, TARGET_RATIO);

  if (pack_ratio > TARGET_RATIO || verify_ratio > TARGET_RATIO)
    {
      g_print ("bench-package: target missed\n");
      return 1;
    }

  g_print ("bench-package: targets met\n");
  return 0;
}
