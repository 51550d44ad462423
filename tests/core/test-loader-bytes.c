/* test-loader-bytes.c: loading module text held in memory, as the studio does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <bekal/bekal-loader.h>

#include "test-util.h"

#define EXAMPLE_FOLDER "examples/contoh-semua-elemen"

static BekalLoader *
new_loader (void)
{
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };

  return bekal_loader_new (media_dirs);
}

static GBytes *
read_example (const char *language,
              char      **path_out)
{
  g_autofree char *name = g_strdup_printf ("module.%s.xml", language);
  g_autofree char *relative = g_build_filename (EXAMPLE_FOLDER, name, NULL);
  g_autofree char *path = test_source_path (relative);
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gsize length = 0;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  *path_out = g_steal_pointer (&path);

  return g_bytes_new_take (text, length);
}

/* The same text gives the same module from memory as from the file */
static void
test_same_as_file (void)
{
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) from_file = bekal_diagnostics_new ();
  g_autoptr(GPtrArray) from_bytes = bekal_diagnostics_new ();
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = read_example ("id", &path);
  g_autoptr(BekalModule) file_module = NULL;
  g_autoptr(BekalModule) bytes_module = NULL;
  g_autoptr(GError) error = NULL;

  file_module = bekal_loader_load_file (loader, path, from_file, &error);
  g_assert_no_error (error);
  bytes_module = bekal_loader_load_bytes (loader, path, bytes, from_bytes, &error);
  test_dump_diagnostics (from_bytes);
  g_assert_no_error (error);
  g_assert_nonnull (bytes_module);
  g_assert_cmpuint (from_bytes->len, ==, from_file->len);
  g_assert_cmpstr (bekal_module_get_id (bytes_module), ==, bekal_module_get_id (file_module));
  g_assert_cmpuint (bekal_module_get_n_lessons (bytes_module), ==,
                    bekal_module_get_n_lessons (file_module));
  g_assert_cmpstr (bekal_module_get_path (bytes_module), ==, bekal_module_get_path (file_module));
  g_assert_cmpstr (bekal_module_get_content_hash (bytes_module), ==,
                   bekal_module_get_content_hash (file_module));
}

/* An edit in memory is what gets checked, at its line, under the file's name; the file on the
 * disk is not read */
static void
test_unsaved_edit (void)
{
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = read_example ("id", &path);
  const char *text = g_bytes_get_data (bytes, NULL);
  const char *lesson = strstr (text, "<lesson ");
  g_autoptr(GString) edited = g_string_new_len (text, g_bytes_get_size (bytes));
  g_autoptr(GBytes) edited_bytes = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GError) error = NULL;
  int line = 1;

  g_assert_nonnull (lesson);
  for (const char *p = text; p < lesson; p++)
    line += *p == '\n';
  /* an element the format does not know, where a lesson starts */
  g_string_insert (edited, lesson - text, "<lessen/>");
  edited_bytes = g_string_free_to_bytes (g_steal_pointer (&edited));

  module = bekal_loader_load_bytes (loader, path, edited_bytes, diagnostics, &error);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
  g_assert_null (module);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      BekalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_assert_cmpstr (bekal_diagnostic_get_file (diagnostic), ==, path);
      if (bekal_diagnostic_get_severity (diagnostic) == BEKAL_SEVERITY_ERROR)
        g_assert_cmpint (bekal_diagnostic_get_line (diagnostic), ==, line);
    }
}

static void
test_empty_and_too_large (void)
{
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  gsize size = BEKAL_LOADER_MAX_FILE_SIZE + 1;
  g_autoptr(GBytes) large = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GError) error = NULL;

  module = bekal_loader_load_bytes (loader, "/nowhere/module.id.xml", empty, diagnostics, &error);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
  g_assert_null (module);
  g_assert_true (test_has_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "empty"));
  g_clear_error (&error);

  g_ptr_array_set_size (diagnostics, 0);
  module = bekal_loader_load_bytes (loader, "/nowhere/module.id.xml", large, diagnostics, &error);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
  g_assert_null (module);
  g_assert_true (test_has_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "too large"));
}

/* The translation check on two modules from memory finds a changed id */
static void
test_check_translation (void)
{
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autofree char *id_path = NULL;
  g_autofree char *en_path = NULL;
  g_autoptr(GBytes) id_bytes = read_example ("id", &id_path);
  g_autoptr(GBytes) en_bytes = read_example ("en", &en_path);
  g_autoptr(BekalModule) original = NULL;
  g_autoptr(BekalModule) translation = NULL;
  g_autoptr(BekalModule) changed = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GBytes) edited_bytes = NULL;
  const char *text = g_bytes_get_data (en_bytes, NULL);
  const char *lesson = strstr (text, "<lesson id=\"");

  original = bekal_loader_load_bytes (loader, id_path, id_bytes, diagnostics, NULL);
  translation = bekal_loader_load_bytes (loader, en_path, en_bytes, diagnostics, NULL);
  g_assert_nonnull (original);
  g_assert_nonnull (translation);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  bekal_loader_check_translation (original, translation, diagnostics);
  test_dump_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  /* the first lesson's id changed in the English text only */
  g_assert_nonnull (lesson);
  edited = g_string_new_len (text, g_bytes_get_size (en_bytes));
  g_string_insert (edited, lesson - text + strlen ("<lesson id=\""), "x");
  edited_bytes = g_string_free_to_bytes (g_steal_pointer (&edited));
  changed = bekal_loader_load_bytes (loader, en_path, edited_bytes, diagnostics, NULL);
  g_assert_nonnull (changed);
  bekal_loader_check_translation (original, changed, diagnostics);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader-bytes/same-as-file", test_same_as_file);
  g_test_add_func ("/loader-bytes/unsaved-edit", test_unsaved_edit);
  g_test_add_func ("/loader-bytes/empty-and-too-large", test_empty_and_too_large);
  g_test_add_func ("/loader-bytes/check-translation", test_check_translation);

  return g_test_run ();
}
