/* fuzz-loader.c: libFuzzer harness for the module loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>

/* An input holding this line is a translation pair: the text before it becomes module.id.xml,
 * the text after it module.en.xml, and both are loaded as one module folder, so the
 * comparison of translations is fuzzed too. Any other input is one module.id.xml file. */
#define PAIR_MARKER "\n<!-- bekal-fuzz: module.en.xml -->\n"

typedef struct
{
  char        *folder;
  char        *original_path;
  char        *translation_path;
  char        *outside_file;
  BekalLoader *loader;
} FuzzContext;

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static FuzzContext fuzz;

static void
write_file_or_die (const char *path,
                   const void *data,
                   gsize       size)
{
  const char *bytes = data;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_printerr ("fuzz-loader: cannot write %s: %s\n", path, g_strerror (errno));
      exit (1);
    }

  while (done < size)
    {
      gssize n = write (fd, bytes + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_printerr ("fuzz-loader: cannot write %s: %s\n", path, g_strerror (errno));
          exit (1);
        }
      done += (gsize) n;
    }

  close (fd);
}

/* Files that references in the fuzzed module can point to: a local figure, one in a
 * sub-folder, a folder, and a link that leaves the module folder. */
static void
populate_module_folder (const char *folder)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n";
  g_autofree char *diagram = g_build_filename (folder, "diagram-5r.svg", NULL);
  g_autofree char *figure = g_build_filename (folder, "figur.svg", NULL);
  g_autofree char *sub = g_build_filename (folder, "gambar", NULL);
  g_autofree char *sub_figure = g_build_filename (sub, "foto.svg", NULL);
  g_autofree char *link = g_build_filename (folder, "keluar.svg", NULL);

  write_file_or_die (diagram, svg, strlen (svg));
  write_file_or_die (figure, svg, strlen (svg));
  g_mkdir (sub, 0700);
  write_file_or_die (sub_figure, svg, strlen (svg));
  if (symlink (fuzz.outside_file, link) != 0)
    g_printerr ("fuzz-loader: cannot create %s: %s\n", link, g_strerror (errno));
}

static void
remove_module_folder (void)
{
  const char *names[] = {
    "module.id.xml", "module.en.xml", "diagram-5r.svg", "figur.svg", "gambar/foto.svg",
    "keluar.svg", "gambar",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fuzz.folder, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (fuzz.folder);
  g_remove (fuzz.outside_file);

  {
    g_autofree char *parent = g_path_get_dirname (fuzz.folder);

    g_rmdir (parent);
  }
}

static void
on_exit_cb (void)
{
  g_clear_object (&fuzz.loader);
  remove_module_folder ();
  g_clear_pointer (&fuzz.folder, g_free);
  g_clear_pointer (&fuzz.original_path, g_free);
  g_clear_pointer (&fuzz.translation_path, g_free);
  g_clear_pointer (&fuzz.outside_file, g_free);
}

/* The fuzzer reports an abort as a crash and keeps the input */
G_GNUC_NORETURN
static void
contract_broken (const char *what)
{
  g_printerr ("fuzz-loader: %s\n", what);
  abort ();
}

static const uint8_t *
find_marker (const uint8_t *data,
             size_t         size)
{
  const size_t marker_len = strlen (PAIR_MARKER);

  if (size < marker_len)
    return NULL;

  for (size_t i = 0; i + marker_len <= size; i++)
    if (data[i] == PAIR_MARKER[0] && memcmp (data + i, PAIR_MARKER, marker_len) == 0)
      return data + i;

  return NULL;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *fixture_media = g_build_filename (BEKAL_SOURCE_ROOT, "tests", "fixtures",
                                                    "media", NULL);
  g_autofree char *source_media = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  g_autoptr(GStrvBuilder) media_builder = g_strv_builder_new ();
  g_auto(GStrv) media_dirs = NULL;

  root = g_dir_make_tmp ("bekal-fuzz-XXXXXX", &error);
  if (root == NULL)
    {
      g_printerr ("fuzz-loader: %s\n", error->message);
      exit (1);
    }

  /* the module folder is one level down so that a link can point next to it */
  fuzz.folder = g_build_filename (root, "modul", NULL);
  fuzz.outside_file = g_build_filename (root, "di-luar.svg", NULL);
  g_mkdir (fuzz.folder, 0700);
  write_file_or_die (fuzz.outside_file, "<svg/>\n", strlen ("<svg/>\n"));
  populate_module_folder (fuzz.folder);
  fuzz.original_path = g_build_filename (fuzz.folder, "module.id.xml", NULL);
  fuzz.translation_path = g_build_filename (fuzz.folder, "module.en.xml", NULL);

  if (g_file_test (fixture_media, G_FILE_TEST_IS_DIR))
    g_strv_builder_add (media_builder, fixture_media);
  g_strv_builder_add (media_builder, source_media);
  media_dirs = g_strv_builder_end (media_builder);

  fuzz.loader = bekal_loader_new ((const char * const *) media_dirs);
  atexit (on_exit_cb);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  const uint8_t *marker = find_marker (data, size);

  if (marker == NULL)
    {
      g_autoptr(BekalModule) module = NULL;

      g_remove (fuzz.translation_path);
      write_file_or_die (fuzz.original_path, data, size);
      module = bekal_loader_load_file (fuzz.loader, fuzz.original_path, diagnostics, &error);

      /* the contract of the API: a module, or an error; an invalid module is explained */
      if ((module == NULL) == (error == NULL))
        contract_broken ("load_file must return either a module or an error");
      if (module != NULL && bekal_diagnostics_has_errors (diagnostics))
        contract_broken ("load_file returned a module that has errors");
      if (g_error_matches (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID)
          && !bekal_diagnostics_has_errors (diagnostics))
        contract_broken ("load_file rejected a module without an error diagnostic");
    }
  else
    {
      const uint8_t *translation = marker + strlen (PAIR_MARKER);
      g_autoptr(GHashTable) variants = NULL;

      write_file_or_die (fuzz.original_path, data, (gsize) (marker - data));
      write_file_or_die (fuzz.translation_path, translation,
                         (gsize) (data + size - translation));
      variants = bekal_loader_load_folder (fuzz.loader, fuzz.folder, diagnostics, &error);

      if (variants == NULL)
        contract_broken ("load_folder must return a table for a folder with module files");
    }

  return 0;
}
