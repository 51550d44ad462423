/* fuzz-package.c: libFuzzer harness for the .bekal package reader and installer
 *
 * An input that starts with "PK" (as every zip file does) is a package file. Any other input is
 * a manifest: the harness packs it, as manifest.xml, with a small valid module file (so that
 * mutations reach the manifest's parser and the checks behind it, which a mutated zip rarely
 * does, its checksums being wrong). Each package is checked with bekal_package_verify(), then
 * installed with bekal_package_install() into a modules folder of the harness's private
 * temporary folder (made once per process; TMPDIR points into it, so the verifier's temporary
 * folders are made there too), which is emptied again afterwards. Besides the sanitizers it
 * checks the contract and aborts (a crash for the fuzzer) when it is broken: a result or an
 * error, never both and never neither; an error of the package domain with a message in UTF-8;
 * a result with an id, a version and a title in each language; after each input the private
 * folder holds only the input and the modules and media folders: nothing was written anywhere
 * else, and no temporary folder was left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-package.h>

#include "bekal-package-private.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* The module packed with a manifest input: tests/fixtures/valid/minimal/module.id.xml */
static const char module_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<module xmlns=\"urn:bekal:module:1\" id=\"minimal\" version=\"1.0\" xml:lang=\"id\">\n"
  "  <title>Modul minimal</title>\n"
  "  <summary>Modul kecil untuk pengujian.</summary>\n"
  "  <meta>\n"
  "    <author>Tim pengujian</author>\n"
  "  </meta>\n"
  "  <topics>\n"
  "    <topic id=\"dasar\">Dasar</topic>\n"
  "  </topics>\n"
  "  <glossary>\n"
  "    <entry id=\"peksos\"><term>Peksos</term><definition>Pekerja sosial.</definition></entry>\n"
  "  </glossary>\n"
  "  <lesson id=\"pelajaran-1\">\n"
  "    <title>Pelajaran pertama</title>\n"
  "    <p>Seorang <term ref=\"peksos\">peksos</term> mendampingi klien.</p>\n"
  "    <quiz id=\"latihan\" role=\"practice\">\n"
  "      <question id=\"q1\" topic=\"dasar\" type=\"single\">\n"
  "        <prompt>Siapa yang mendampingi klien?</prompt>\n"
  "        <option id=\"a\" correct=\"true\">Peksos</option>\n"
  "        <option id=\"b\">Tidak ada</option>\n"
  "        <explanation>Peksos mendampingi klien.</explanation>\n"
  "      </question>\n"
  "    </quiz>\n"
  "  </lesson>\n"
  "</module>\n";

static char *root;
static char *input_path;
static char *data_dir;
static char *modules_dir;
static char *media_dir;

static void
remove_root (void)
{
  bekal_package_remove_tree (root);
}

static void
check_result (BekalPackageInfo *info,
              GError           *error)
{
  if ((info == NULL) == (error == NULL))
    abort ();

  if (error != NULL)
    {
      if (error->domain != BEKAL_PACKAGE_ERROR || error->message == NULL
          || !g_utf8_validate (error->message, -1, NULL) || error->message[0] == '\0')
        abort ();
      return;
    }

  if (bekal_package_info_get_id (info) == NULL || bekal_package_info_get_version (info) == NULL)
    abort ();
  for (const char * const *lang = bekal_package_info_get_languages (info); *lang; lang++)
    if (bekal_package_info_get_title (info, *lang) == NULL)
      abort ();
}

/* Only input.bekal and data/ at the top, only modules/ and media/ inside data/ */
static void
check_nothing_outside (void)
{
  g_autoptr(GDir) top = g_dir_open (root, 0, NULL);
  g_autoptr(GDir) data = g_dir_open (data_dir, 0, NULL);
  const char *name;

  if (top == NULL || data == NULL)
    abort ();
  while ((name = g_dir_read_name (top)))
    if (!g_str_equal (name, "input.bekal") && !g_str_equal (name, "data"))
      {
        g_printerr ("fuzz-package: %s was left in %s\n", name, root);
        abort ();
      }
  while ((name = g_dir_read_name (data)))
    if (!g_str_equal (name, "modules") && !g_str_equal (name, "media"))
      {
        g_printerr ("fuzz-package: %s was written in %s\n", name, data_dir);
        abort ();
      }
}

static void
add_entry (struct archive *archive,
           const char     *name,
           const void     *data,
           size_t          size)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) size);
  if (archive_write_header (archive, entry) != ARCHIVE_OK
      || (size > 0 && archive_write_data (archive, data, size) != (la_ssize_t) size))
    abort ();
  archive_entry_free (entry);
}

/* Writes a package of the manifest @data and the module */
static void
write_manifest_package (const uint8_t *data,
                        size_t         size)
{
  struct archive *archive = archive_write_new ();

  if (archive_write_set_format_zip (archive) != ARCHIVE_OK
      || archive_write_open_filename (archive, input_path) != ARCHIVE_OK)
    abort ();
  add_entry (archive, "manifest.xml", data, size);
  add_entry (archive, "module/module.id.xml", module_xml, strlen (module_xml));
  if (archive_write_close (archive) != ARCHIVE_OK)
    abort ();
  archive_write_free (archive);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  root = g_dir_make_tmp ("bekal-fuzz-package-XXXXXX", &error);
  if (root == NULL)
    {
      g_printerr ("fuzz-package: %s\n", error->message);
      exit (1);
    }
  atexit (remove_root);

  input_path = g_build_filename (root, "input.bekal", NULL);
  data_dir = g_build_filename (root, "data", NULL);
  modules_dir = g_build_filename (data_dir, "modules", NULL);
  media_dir = g_build_filename (data_dir, "media", NULL);

  /* before anything asks for it: GLib reads TMPDIR once */
  g_setenv ("TMPDIR", data_dir, TRUE);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GPtrArray) install_diagnostics = bekal_diagnostics_new ();
  g_autoptr(BekalPackageInfo) verified = NULL;
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) install_error = NULL;
  FILE *stream;

  if (g_mkdir_with_parents (modules_dir, 0700) != 0)
    abort ();
  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    {
      /* a plain write: g_file_set_contents() would sync the disk for every input */
      stream = g_fopen (input_path, "wb");
      if (stream == NULL || fwrite (data, 1, size, stream) != size || fclose (stream) != 0)
        abort ();
    }
  else
    write_manifest_package (data, size);

  verified = bekal_package_verify (input_path, diagnostics, &error);
  check_result (verified, error);

  installed = bekal_package_install (input_path, modules_dir, media_dir,
                                     BEKAL_PACKAGE_INSTALL_DEFAULT, install_diagnostics,
                                     &install_error);
  check_result (installed, install_error);

  /* both read the same bytes: they agree */
  if ((verified == NULL) != (installed == NULL))
    abort ();
  if (installed != NULL
      && (bekal_package_info_get_installed_folder (installed) == NULL
          || !g_file_test (bekal_package_info_get_installed_folder (installed),
                           G_FILE_TEST_IS_DIR)))
    abort ();

  for (guint i = 0; i < diagnostics->len; i++)
    if (bekal_diagnostic_get_message (g_ptr_array_index (diagnostics, i)) == NULL)
      abort ();

  check_nothing_outside ();

  bekal_package_remove_tree (data_dir);
  g_mkdir_with_parents (data_dir, 0700);
  return 0;
}
