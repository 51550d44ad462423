/* test-util.c: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>

#include "test-util.h"

const char *
test_fixtures_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    dir = g_build_filename (TEST_DATA_DIR, "fixtures", NULL);

  return dir;
}

char *
test_source_path (const char *name)
{
  return g_build_filename (BEKAL_SOURCE_ROOT, name, NULL);
}

GPtrArray *
test_load_fixture (const char   *relative_path,
                   BekalModule **module_out)
{
  g_autofree char *path = g_build_filename (test_fixtures_dir (), relative_path, NULL);
  g_autofree char *media = test_source_path ("media");
  g_autofree char *fixture_media = g_build_filename (test_fixtures_dir (), "media", NULL);
  const char *media_dirs[] = { fixture_media, media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnostics = bekal_diagnostics_new ();
  BekalModule *module;

  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  if (module_out)
    *module_out = module;
  else
    g_clear_object (&module);

  return diagnostics;
}

gboolean
test_has_diagnostic (GPtrArray     *diagnostics,
                     BekalSeverity  severity,
                     const char    *needle)
{
  g_autofree char *wanted = g_utf8_casefold (needle, -1);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *message = g_utf8_casefold (bekal_diagnostic_get_message (d), -1);

      if (bekal_diagnostic_get_severity (d) == severity && strstr (message, wanted))
        return TRUE;
    }

  return FALSE;
}

void
test_dump_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s", line);
    }
}

char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bekal-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      test_remove_tree (child);
    }
  g_rmdir (path);
}
