/* test-package.c: .bekal packages: pack, verify, install, upgrades, and hostile packages
 *
 * The hostile packages are written here with libarchive (and, for what its zip writer cannot
 * express, by patching the bytes it wrote), each refused with a message that names the problem
 * and without a byte written outside the temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>
#include <utime.h>
#include <sys/wait.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-package.h>
#include <bekal/bekal-paths.h>
#include <bekal/bekal-store.h>

#include "test-util.h"

#define MODULE_ID "orientasi-sentra"

typedef struct
{
  char *root;        /* everything a test writes is under here */
  char *modules_dir; /* root/data/modules */
  char *media_dir;   /* root/data/media */
} Fixture;

/* One entry of a hand-made archive */
typedef struct
{
  const char *name;
  const char *data;  /* NULL for none */
  gssize      length; /* -1: strlen (data) */
  mode_t      type;  /* 0: a regular file */
  const char *link;  /* for symbolic links */
} Entry;

/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = test_make_tmp_dir ();
  fixture->modules_dir = g_build_filename (fixture->root, "data", "modules", NULL);
  fixture->media_dir = g_build_filename (fixture->root, "data", "media", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->modules_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fixture->media_dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->modules_dir);
  g_free (fixture->media_dir);
}

static char *
read_text (const char *path)
{
  char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Every path under @root, sorted, with the size of each file */
static void
list_tree_into (const char *root,
                const char *relative,
                GPtrArray  *out)
{
  g_autofree char *folder = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = relative ? g_build_filename (relative, name, NULL)
                                        : g_strdup (name);
      g_autofree char *path = g_build_filename (root, child, NULL);
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      g_ptr_array_add (out, g_strdup_printf ("%s %o %" G_GINT64_FORMAT, child,
                                             (unsigned) st.st_mode, (gint64) st.st_size));
      if (S_ISDIR (st.st_mode))
        list_tree_into (root, child, out);
    }
}

static char **
list_tree (const char *root)
{
  GPtrArray *out = g_ptr_array_new ();

  list_tree_into (root, NULL, out);
  g_ptr_array_sort (out, bekal_compare_strings);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* A copy of a bundled module in @dest, returns its folder */
static char *
copy_bundled_module (const char *dest,
                     const char *id)
{
  g_autofree char *source = NULL;
  g_autofree char *modules = test_source_path ("modules");
  char *folder = g_build_filename (dest, id, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  source = g_build_filename (modules, id, NULL);
  dir = g_dir_open (source, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (folder, name, NULL);
      g_autofree char *text = read_text (from);

      write_text (to, text);
    }

  return folder;
}

static void
replace_in_module (const char *folder,
                   const char *from,
                   const char *to)
{
  const char *languages[] = { "id", "en", NULL };

  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *name = g_strdup_printf ("module.%s.xml", languages[i]);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *text = read_text (path);
      g_auto(GStrv) parts = g_strsplit (text, from, 2);
      g_autofree char *changed = NULL;

      g_assert_nonnull (parts[1]);
      changed = g_strjoinv (to, parts);
      write_text (path, changed);
    }
}

static char **
source_media_dirs (void)
{
  g_autofree char *media = test_source_path ("media");
  char **dirs = g_new0 (char *, 2);

  dirs[0] = g_steal_pointer (&media);
  return dirs;
}

/* Packs the folder into @output and checks that it worked */
static BekalPackageInfo *
pack (const char *folder,
      const char *output)
{
  g_auto(GStrv) media_dirs = source_media_dirs ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalPackageInfo *info;

  info = bekal_package_write (folder, (const char * const *) media_dirs, output, diagnostics,
                              &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

static BekalPackageInfo *
install (Fixture                  *fixture,
         const char               *package,
         BekalPackageInstallFlags  flags,
         GError                  **error)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  BekalPackageInfo *info;

  info = bekal_package_install (package, fixture->modules_dir, NULL, flags, diagnostics, error);
  test_dump_diagnostics (diagnostics);
  return info;
}

static char *
sha256_hex (const char *data,
            gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* The minimal test module, in Indonesian only */
static char *
minimal_module (void)
{
  g_autofree char *path = g_build_filename (test_fixtures_dir (), "valid", "minimal",
                                            "module.id.xml", NULL);

  return read_text (path);
}

static char *
file_line (const char *path,
           const char *data,
           gsize       length)
{
  g_autofree char *sha256 = sha256_hex (data, length);

  return g_strdup_printf ("<file path=\"%s\" size=\"%" G_GSIZE_FORMAT "\" sha256=\"%s\"/>",
                          path, length, sha256);
}

/* A manifest for the minimal module plus @extra lines inside <files> */
static char *
minimal_manifest (const char *extra)
{
  g_autofree char *module = minimal_module ();
  g_autofree char *line = file_line ("module/module.id.xml", module, strlen (module));

  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<package xmlns=\"urn:bekal:package:1\" format=\"1\">\n"
                          "  <module id=\"minimal\" version=\"1.0\">\n"
                          "    <title lang=\"id\">Modul minimal</title>\n"
                          "  </module>\n"
                          "  <files>%s%s</files>\n"
                          "</package>\n", line, extra ? extra : "");
}

/* Writes a zip with libarchive; names are written as UTF-8 */
static void
write_zip (const char  *path,
           const Entry *entries,
           guint        n_entries)
{
  struct archive *archive = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);

  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = entries[i].data == NULL ? 0
                     : entries[i].length < 0 ? strlen (entries[i].data)
                     : (gsize) entries[i].length;
      mode_t type = entries[i].type ? entries[i].type : AE_IFREG;

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, type);
      archive_entry_set_perm (entry, type == AE_IFLNK ? 0777 : 0644);
      if (entries[i].link)
        archive_entry_set_symlink (entry, entries[i].link);
      archive_entry_set_size (entry, type == AE_IFREG ? (la_int64_t) length : 0);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      if (type == AE_IFREG && length > 0)
        g_assert_cmpint (archive_write_data (archive, entries[i].data, length), ==, length);
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* Replaces every occurrence of @from by @to (the same length) in a file */
static void
patch_file (const char *path,
            const char *from,
            const char *to)
{
  g_autofree char *data = NULL;
  gsize length = 0, n = strlen (from);
  guint replaced = 0;

  g_assert_cmpuint (strlen (to), ==, n);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, from, n) == 0)
      {
        memcpy (data + i, to, n);
        replaced++;
      }
  g_assert_cmpuint (replaced, >, 0);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

/* Gives the entry @name the Unix file type @mode in the zip's central directory, as another
 * zip tool could write it (libarchive's writer only writes files, folders and links) */
static void
set_zip_mode (const char *path,
              const char *name,
              guint32     mode)
{
  g_autofree char *data = NULL;
  gsize length = 0, name_length = strlen (name);
  guint patched = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  for (gsize i = 0; i + 46 <= length; i++)
    {
      guchar *p = (guchar *) data + i;
      guint16 stored_length;
      guint32 attributes;

      if (memcmp (p, "PK\1\2", 4) != 0)
        continue;
      stored_length = (guint16) (p[28] | p[29] << 8);
      if (stored_length != name_length || i + 46 + name_length > length
          || memcmp (p + 46, name, name_length) != 0)
        continue;
      p[5] = 3; /* made on Unix */
      attributes = mode << 16;
      p[38] = attributes & 0xff;
      p[39] = (attributes >> 8) & 0xff;
      p[40] = (attributes >> 16) & 0xff;
      p[41] = (attributes >> 24) & 0xff;
      patched++;
    }
  g_assert_cmpuint (patched, ==, 1);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

/* A package of the minimal module with @extra entries after it; @manifest_extra goes into
 * the manifest's <files> */
static char *
hostile_package (Fixture     *fixture,
                 const char  *manifest_extra,
                 const Entry *extra,
                 guint        n_extra)
{
  g_autofree char *manifest = minimal_manifest (manifest_extra);
  g_autofree char *module = minimal_module ();
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  char *path = g_build_filename (fixture->root, "hostile.bekal", NULL);
  Entry first[] = {
    { "manifest.xml", manifest, -1, 0, NULL },
    { "module/module.id.xml", module, -1, 0, NULL },
  };

  g_array_append_vals (entries, first, G_N_ELEMENTS (first));
  g_array_append_vals (entries, extra, n_extra);
  write_zip (path, (Entry *) entries->data, entries->len);
  return path;
}

/* Installs @package and checks that it is refused with @code and a message holding @needle,
 * and that nothing changed under the test's folder but for the package itself; then the same
 * through bekal_package_verify() */
static void
assert_refused (Fixture    *fixture,
                const char *package,
                int         code,
                const char *needle)
{
  g_auto(GStrv) before = list_tree (fixture->root);
  g_auto(GStrv) after = NULL;
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(BekalPackageInfo) verified = NULL;
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) verify_error = NULL;

  info = install (fixture, package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_null (info);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, BEKAL_PACKAGE_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));

  after = list_tree (fixture->root);
  g_assert_cmpstrv (before, after);

  verified = bekal_package_verify (package, diagnostics, &verify_error);
  g_assert_null (verified);
  g_assert_error (verify_error, BEKAL_PACKAGE_ERROR, code);
}

/* Runs the built bekal-author; returns its exit status */
static int
run_author (char       **out,
            char       **err,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *author = g_getenv ("BEKAL_AUTHOR");
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) (author ? author : BEKAL_BUILD_ROOT
                                     "/src/author/bekal-author"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout:\n%s\nstderr:\n%s", *out, *err);

  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* Tests: packing, verifying, installing */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *package = g_build_filename (fixture->root, "orientasi.bekal", NULL);
  g_autoptr(BekalPackageInfo) packed = pack (folder, package);
  g_autoptr(BekalPackageInfo) verified = NULL;
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *installed_folder = g_build_filename (fixture->modules_dir, MODULE_ID, NULL);
  g_autofree char *installed_en = g_build_filename (installed_folder, "module.en.xml", NULL);
  g_autofree char *source_en = g_build_filename (folder, "module.en.xml", NULL);
  g_autofree char *webm = g_build_filename (fixture->media_dir, "sampel-01-orientasi.webm",
                                            NULL);
  g_autofree char *source_webm = test_source_path ("media/sampel-01-orientasi.webm");
  g_autofree char *text_installed = NULL;
  g_autofree char *text_source = NULL;
  const char *media_dirs[] = { fixture->media_dir, NULL };
  const char *module_dirs[] = { fixture->modules_dir, NULL };
  g_autoptr(BekalCatalog) catalog = NULL;
  BekalCatalogEntry *entry;
  guint64 total = 0;

  g_assert_cmpstr (bekal_package_info_get_id (packed), ==, MODULE_ID);
  g_assert_cmpstr (bekal_package_info_get_version (packed), ==, "1.0");

  verified = bekal_package_verify (package, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (verified);
  g_assert_false (bekal_diagnostics_has_errors (diagnostics));
  g_assert_cmpstr (bekal_package_info_get_id (verified), ==, MODULE_ID);
  g_assert_cmpstr (bekal_package_info_get_version (verified), ==, "1.0");
  g_assert_cmpstrv (bekal_package_info_get_languages (verified),
                    ((const char * const[]) { "en", "id", NULL }));
  g_assert_cmpstr (bekal_package_info_get_title (verified, "id"), ==,
                   "Orientasi: bekerja dengan klien terasosiasi ekstremisme di sentra");
  g_assert_cmpstrv (bekal_package_info_get_media (verified),
                    ((const char * const[]) { "sampel-01-orientasi.en.vtt",
                                              "sampel-01-orientasi.id.vtt",
                                              "sampel-01-orientasi.jpg",
                                              "sampel-01-orientasi.webm", NULL }));
  g_assert_cmpuint (bekal_package_info_get_n_files (verified), ==, 6);
  for (guint i = 0; i < bekal_package_info_get_n_files (verified); i++)
    {
      g_assert_cmpstr (bekal_package_info_get_file_path (verified, i), ==,
                       bekal_package_info_get_file_path (packed, i));
      g_assert_cmpstr (bekal_package_info_get_file_sha256 (verified, i), ==,
                       bekal_package_info_get_file_sha256 (packed, i));
      total += bekal_package_info_get_file_size (verified, i);
    }
  g_assert_cmpuint (bekal_package_info_get_total_size (verified), ==, total);
  g_assert_cmpint (bekal_package_info_compare_installed (verified, fixture->modules_dir, NULL,
                                                         NULL),
                   ==, BEKAL_PACKAGE_STATUS_NOT_INSTALLED);

  installed = install (fixture, package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_package_info_get_installed_folder (installed), ==, installed_folder);
  g_assert_null (bekal_package_info_get_backup_folder (installed));

  /* the files arrived unchanged, the media beside the modules folder */
  text_installed = read_text (installed_en);
  text_source = read_text (source_en);
  g_assert_cmpstr (text_installed, ==, text_source);
  {
    g_autofree char *a = NULL, *b = NULL;
    gsize la = 0, lb = 0;

    g_assert_true (g_file_get_contents (webm, &a, &la, NULL));
    g_assert_true (g_file_get_contents (source_webm, &b, &lb, NULL));
    g_assert_cmpmem (a, la, b, lb);
  }

  /* and the module opens from there, with its media */
  catalog = bekal_catalog_new (module_dirs, media_dirs);
  bekal_catalog_load (catalog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);
  entry = bekal_catalog_find (catalog, MODULE_ID);
  g_assert_nonnull (entry);
  test_dump_diagnostics (bekal_catalog_entry_get_diagnostics (entry));
  g_assert_false (bekal_catalog_entry_is_broken (entry));

  g_assert_cmpint (bekal_package_info_compare_installed (verified, fixture->modules_dir, NULL,
                                                         NULL),
                   ==, BEKAL_PACKAGE_STATUS_SAME);

  /* installing the same again changes nothing */
  {
    g_autoptr(BekalPackageInfo) again = NULL;
    g_autoptr(GError) again_error = NULL;

    again = install (fixture, package, BEKAL_PACKAGE_INSTALL_DEFAULT, &again_error);
    g_assert_null (again);
    g_assert_error (again_error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_VERSION);
    g_assert_nonnull (strstr (again_error->message, "already installed"));
  }
}

static void
test_reproducible (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *first = g_build_filename (fixture->root, "a.bekal", NULL);
  g_autofree char *second = g_build_filename (fixture->root, "b.bekal", NULL);
  g_autoptr(BekalPackageInfo) a = pack (folder, first);
  g_autoptr(BekalPackageInfo) b = NULL;
  g_autofree char *bytes_a = NULL, *bytes_b = NULL;
  gsize length_a = 0, length_b = 0;
  g_autofree char *module_id = g_build_filename (folder, "module.id.xml", NULL);

  /* another date on a file must not change the package */
  g_assert_cmpint (g_utime (module_id, &(struct utimbuf) { 1000000000, 1000000000 }), ==, 0);
  b = pack (folder, second);

  g_assert_true (g_file_get_contents (first, &bytes_a, &length_a, NULL));
  g_assert_true (g_file_get_contents (second, &bytes_b, &length_b, NULL));
  g_assert_cmpuint (length_a, >, 100000);
  g_assert_cmpmem (bytes_a, length_a, bytes_b, length_b);
}

static void
test_default_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *name = bekal_package_default_filename ("orientasi-sentra", "1.2");

  g_assert_cmpstr (name, ==, "orientasi-sentra-1.2.bekal");
  g_assert_cmpint (bekal_package_compare_versions ("1", "1.0"), ==, 0);
  g_assert_cmpint (bekal_package_compare_versions ("1.10", "1.9"), >, 0);
  g_assert_cmpint (bekal_package_compare_versions ("1.9", "1.10"), <, 0);
  g_assert_cmpint (bekal_package_compare_versions ("2", "1.9.9"), >, 0);
  g_assert_cmpint (bekal_package_compare_versions ("1.0.1", "1.0"), >, 0);
}

static void
test_invalid_module_not_packed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *package = g_build_filename (fixture->root, "x.bekal", NULL);
  g_auto(GStrv) media_dirs = source_media_dirs ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalPackageInfo) info = NULL;

  replace_in_module (folder, "media:sampel-01-orientasi.webm", "media:hilang.webm");
  info = bekal_package_write (folder, (const char * const *) media_dirs, package, diagnostics,
                              &error);
  g_assert_null (info);
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_INVALID_MODULE);
  g_assert_true (test_has_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "hilang.webm"));
  g_assert_false (g_file_test (package, G_FILE_TEST_EXISTS));
}

static void
test_upgrade_keeps_backup (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *old_package = g_build_filename (fixture->root, "old.bekal", NULL);
  g_autofree char *new_package = g_build_filename (fixture->root, "new.bekal", NULL);
  g_autoptr(BekalPackageInfo) old_info = pack (folder, old_package);
  g_autoptr(BekalPackageInfo) new_info = NULL;
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->modules_dir, ".bekal-backups",
                                              MODULE_ID "-1.0", NULL);
  g_autofree char *backup_file = g_build_filename (backup, "module.id.xml", NULL);
  g_autofree char *current_file = g_build_filename (fixture->modules_dir, MODULE_ID,
                                                    "module.id.xml", NULL);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  const char *media_dirs[] = { fixture->media_dir, NULL };
  const char *module_dirs[] = { fixture->modules_dir, NULL };
  g_autoptr(BekalCatalog) catalog = NULL;
  BekalCatalogEntry *entry;

  replace_in_module (folder, "id=\"orientasi-sentra\" version=\"1.0\"",
                     "id=\"orientasi-sentra\" version=\"1.1\"");
  replace_in_module (folder, "</summary>", " (1.1)</summary>");
  new_info = pack (folder, new_package);

  installed = install (fixture, old_package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&installed);

  installed = install (fixture, new_package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_package_info_get_backup_folder (installed), ==, backup);
  g_assert_cmpstr (bekal_package_info_get_replaced_version (installed), ==, "1.0");

  old_text = read_text (backup_file);
  new_text = read_text (current_file);
  g_assert_nonnull (strstr (old_text, "sentra\" version=\"1.0\""));
  g_assert_nonnull (strstr (new_text, "sentra\" version=\"1.1\""));
  g_assert_nonnull (strstr (new_text, " (1.1)</summary>"));

  /* the catalog lists the new version only: the backups folder is not a module */
  catalog = bekal_catalog_new (module_dirs, media_dirs);
  bekal_catalog_load (catalog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);
  entry = bekal_catalog_find (catalog, MODULE_ID);
  g_assert_false (bekal_catalog_entry_is_broken (entry));
  g_assert_cmpstr (bekal_module_get_version (bekal_catalog_entry_get_module (entry, NULL)), ==,
                   "1.1");
  g_assert_cmpstr (bekal_catalog_entry_get_folder (entry), ==,
                   bekal_package_info_get_installed_folder (installed));

  /* a second upgrade keeps both backups */
  {
    g_autofree char *third = g_build_filename (fixture->root, "third.bekal", NULL);
    g_autofree char *backup2 = g_build_filename (fixture->modules_dir, ".bekal-backups",
                                                 MODULE_ID "-1.1", NULL);
    g_autoptr(BekalPackageInfo) third_info = NULL;
    g_autoptr(BekalPackageInfo) again = NULL;

    replace_in_module (folder, "id=\"orientasi-sentra\" version=\"1.1\"",
                         "id=\"orientasi-sentra\" version=\"1.2\"");
    third_info = pack (folder, third);
    again = install (fixture, third, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_DIR));
    g_assert_true (g_file_test (backup2, G_FILE_TEST_IS_DIR));
  }
}

static void
test_older_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *old_package = g_build_filename (fixture->root, "old.bekal", NULL);
  g_autofree char *new_package = g_build_filename (fixture->root, "new.bekal", NULL);
  g_autoptr(BekalPackageInfo) old_info = pack (folder, old_package);
  g_autoptr(BekalPackageInfo) new_info = NULL;
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current_file = g_build_filename (fixture->modules_dir, MODULE_ID,
                                                    "module.id.xml", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  char *installed_version = NULL;

  replace_in_module (folder, "id=\"orientasi-sentra\" version=\"1.0\"",
                     "id=\"orientasi-sentra\" version=\"1.1\"");
  new_info = pack (folder, new_package);

  installed = install (fixture, new_package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&installed);

  g_assert_cmpint (bekal_package_info_compare_installed (old_info, fixture->modules_dir, NULL,
                                                         &installed_version),
                   ==, BEKAL_PACKAGE_STATUS_NEWER_INSTALLED);
  g_assert_cmpstr (installed_version, ==, "1.1");
  g_free (installed_version);

  before = list_tree (fixture->root);
  installed = install (fixture, old_package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_null (installed);
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);
  after = list_tree (fixture->root);
  g_assert_cmpstrv (before, after);

  /* --force goes back, keeping 1.1 as a backup */
  installed = install (fixture, old_package, BEKAL_PACKAGE_INSTALL_FORCE, &error);
  g_assert_no_error (error);
  text = read_text (current_file);
  g_assert_nonnull (strstr (text, "sentra\" version=\"1.0\""));
  g_assert_cmpstr (bekal_package_info_get_replaced_version (installed), ==, "1.1");
}

static void
test_same_version_changed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *first = g_build_filename (fixture->root, "first.bekal", NULL);
  g_autofree char *second = g_build_filename (fixture->root, "second.bekal", NULL);
  g_autoptr(BekalPackageInfo) first_info = pack (folder, first);
  g_autoptr(BekalPackageInfo) second_info = NULL;
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  installed = install (fixture, first, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&installed);

  replace_in_module (folder, "</summary>", " (diubah)</summary>");
  second_info = pack (folder, second);
  g_assert_cmpint (bekal_package_info_compare_installed (second_info, fixture->modules_dir,
                                                         NULL, NULL),
                   ==, BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED);

  installed = install (fixture, second, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_null (installed);
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "version must grow"));

  /* verify --modules-dir warns */
  status = run_author (&out, &err, "verify", second, "--modules-dir", fixture->modules_dir,
                       NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "warning: the content differs from the installed "
                                 MODULE_ID " 1.0, but the version is the same"));
  g_free (out);
  g_free (err);
  status = run_author (&out, &err, "verify", first, "--modules-dir", fixture->modules_dir,
                       NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "warning"));
  g_assert_nonnull (strstr (out, "Installed: this version, with the same content"));
}

static void
test_media_conflict (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *package = g_build_filename (fixture->root, "p.bekal", NULL);
  g_autofree char *existing = g_build_filename (fixture->media_dir, "sampel-01-orientasi.jpg",
                                                NULL);
  g_autoptr(BekalPackageInfo) info = pack (folder, package);
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  write_text (existing, "another picture");
  installed = install (fixture, package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_null (installed);
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "sampel-01-orientasi.jpg"));
  kept = read_text (existing);
  g_assert_cmpstr (kept, ==, "another picture");
  /* nothing half-installed: neither the module nor its other media */
  {
    g_autofree char *module = g_build_filename (fixture->modules_dir, MODULE_ID, NULL);
    g_autofree char *webm = g_build_filename (fixture->media_dir, "sampel-01-orientasi.webm",
                                              NULL);

    g_assert_false (g_file_test (module, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (webm, G_FILE_TEST_EXISTS));
  }
}

static void
test_author_commands (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "modules", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *package = g_build_filename (fixture->root, "cli.bekal", NULL);
  g_autofree char *media = test_source_path ("media");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *installed = g_build_filename (fixture->modules_dir, MODULE_ID,
                                                 "module.en.xml", NULL);
  int status;

  status = run_author (&out, &err, "pack", folder, "-o", package, "--media-dir", media, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Packed " MODULE_ID " 1.0 (6 files"));
  g_assert_true (g_file_test (package, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_author (&out, &err, "verify", package, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_regex_match_simple ("^Module: +" MODULE_ID "$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Version: +1\\.0$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Languages: +en, id$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Title \\(id\\): Orientasi", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  media/sampel-01-orientasi\\.webm  [0-9]+  [0-9a-f]{64}$",
                                       out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Media: +sampel-01-orientasi\\.en\\.vtt, ", out,
                                       G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_author (&out, &err, "install", package, "--modules-dir", fixture->modules_dir,
                       NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Installed " MODULE_ID " 1.0 into "));
  g_assert_true (g_file_test (installed, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the installed module validates where it is, finding its media beside the modules */
  status = run_author (&out, &err, "validate", "--no-media-probe", fixture->modules_dir, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_author (&out, &err, "install", package, "--modules-dir", fixture->modules_dir,
                       NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "already installed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a file that is not a package: exit 1 and a clear message */
  status = run_author (&out, &err, "verify", installed, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "is not a Bekal package"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_author (&out, &err, "pack", NULL);
  g_assert_cmpint (status, ==, 2);
}

/* Tests: hostile packages */

static void
test_hostile_parent (Fixture       *fixture,
                     gconstpointer  data)
{
  const Entry extra[] = { { "module/../../../escaped.txt", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "points outside its folder");
}

static void
test_hostile_absolute (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->root, "absolute.txt", NULL);
  const Entry extra[] = { { target, "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "is an absolute path");
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_hostile_symlink (Fixture       *fixture,
                      gconstpointer  data)
{
  const Entry extra[] = { { "module/gambar.svg", NULL, 0, AE_IFLNK, "/etc/passwd" } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "is a symbolic link");
}

static void
test_hostile_hard_link (Fixture       *fixture,
                        gconstpointer  data)
{
  /* zip has no hard links; a tar holding one is not a package at all */
  g_autofree char *package = g_build_filename (fixture->root, "hardlink.bekal", NULL);
  struct archive *archive = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();

  archive_write_set_format_pax_restricted (archive);
  g_assert_cmpint (archive_write_open_filename (archive, package), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "module/module.id.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_hardlink (entry, "/etc/passwd");
  archive_entry_set_size (entry, 0);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  archive_entry_free (entry);
  archive_write_close (archive);
  archive_write_free (archive);

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_CORRUPT, "is not a zip file");
}

static void
test_hostile_device (Fixture       *fixture,
                     gconstpointer  data)
{
  const Entry extra[] = { { "module/perangkat", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  set_zip_mode (package, "module/perangkat", S_IFCHR | 0644);
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "is a device file");
}

static void
test_hostile_block_device (Fixture       *fixture,
                           gconstpointer  data)
{
  const Entry extra[] = { { "module/disk", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  set_zip_mode (package, "module/disk", S_IFBLK | 0644);
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "is a device file");
}

static void
test_hostile_fifo (Fixture       *fixture,
                   gconstpointer  data)
{
  const Entry extra[] = { { "module/pipa", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  set_zip_mode (package, "module/pipa", S_IFIFO | 0644);
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "is a FIFO");
}

static void
test_hostile_too_large_total (Fixture       *fixture,
                              gconstpointer  data)
{
  /* five files of 450 MiB: each under the per-file limit, together over 2 GiB; refused from
   * the manifest before anything is unpacked */
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *package = NULL;

  for (guint i = 0; i < 5; i++)
    g_string_append_printf (lines, "<file path=\"module/besar-%u.bin\" size=\"%" G_GUINT64_FORMAT
                            "\" sha256=\"%064d\"/>", i, (guint64) 450 * 1024 * 1024, 0);
  package = hostile_package (fixture, lines->str, NULL, 0);
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_TOO_LARGE, "more than 2 GiB");
}

static void
test_hostile_too_large_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *line = g_strdup_printf ("<file path=\"module/besar.bin\" size=\"%"
                                           G_GUINT64_FORMAT "\" sha256=\"%064d\"/>",
                                           (guint64) 600 * 1024 * 1024, 0);
  g_autofree char *package = hostile_package (fixture, line, NULL, 0);

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_TOO_LARGE, "larger than 500 MiB");
}

static void
test_hostile_zip_bomb (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 64 MiB of zeros, honestly listed: refused after a little more than 1 MiB is unpacked */
  gsize length = 64 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (length);
  g_autofree char *line = file_line ("module/nol.bin", zeros, length);
  const Entry extra[] = { { "module/nol.bin", zeros, (gssize) length, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, line, extra, G_N_ELEMENTS (extra));
  GStatBuf st;

  g_assert_cmpint (g_stat (package, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 1024 * 1024);
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_TOO_LARGE, "as in a zip bomb");
}

static void
test_hostile_duplicate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *module = minimal_module ();
  const Entry extra[] = { { "module/module.id.xml", module, -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "appears twice");
}

static void
test_hostile_case (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *module = minimal_module ();
  const Entry extra[] = { { "module/Module.ID.xml", module, -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE,
                  "only in upper and lower case");
}

static void
test_hostile_not_utf8 (Fixture       *fixture,
                       gconstpointer  data)
{
  const Entry extra[] = { { "module/nama-QQ.txt", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  patch_file (package, "nama-QQ", "nama-\xff\xfe");
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "not valid UTF-8");
}

static void
test_hostile_not_utf8_unflagged (Fixture       *fixture,
                                 gconstpointer  data)
{
  /* the same without the zip's UTF-8 flag: the raw bytes are checked */
  const Entry extra[] = { { "module/nama-QQ.txt", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));
  g_autofree char *bytes = NULL;
  gsize length = 0;

  patch_file (package, "nama-QQ", "nama-\xff\xfe");
  g_assert_true (g_file_get_contents (package, &bytes, &length, NULL));
  for (gsize i = 0; i + 12 <= length; i++)
    {
      if (memcmp (bytes + i, "PK\3\4", 4) == 0)
        bytes[i + 7] &= ~0x08; /* general purpose flags, bit 11 */
      else if (memcmp (bytes + i, "PK\1\2", 4) == 0)
        bytes[i + 9] &= ~0x08;
    }
  g_assert_true (g_file_set_contents (package, bytes, length, NULL));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_UNSAFE, "not valid UTF-8");
}

static void
test_hostile_not_in_manifest (Fixture       *fixture,
                              gconstpointer  data)
{
  const Entry extra[] = { { "module/tambahan.txt", "tidak terdaftar", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MISMATCH,
                  "is not listed in the package's manifest");
}

static void
test_hostile_missing_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *line = file_line ("module/hilang.txt", "x", 1);
  g_autofree char *package = hostile_package (fixture, line, NULL, 0);

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MISMATCH,
                  "“module/hilang.txt” is listed in its manifest but missing");
}

static void
test_hostile_size_larger (Fixture       *fixture,
                          gconstpointer  data)
{
  /* the manifest says 4 bytes; 100 000 come out: stopped while reading */
  g_autofree char *big = g_strnfill (100000, 'a');
  g_autofree char *line = g_strdup_printf ("<file path=\"module/catatan.txt\" size=\"4\" "
                                           "sha256=\"%064d\"/>", 0);
  const Entry extra[] = { { "module/catatan.txt", big, -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, line, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MISMATCH,
                  "is larger than the size its manifest gives");
}

/* Sets the uncompressed size of the entry @name to @size in the zip's local and central
 * headers, as a hostile tool could write it */
static void
set_zip_size (const char *path,
              const char *name,
              guint32     size)
{
  g_autofree char *data = NULL;
  gsize length = 0, name_length = strlen (name);
  guint patched = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  for (gsize i = 0; i + 46 + name_length <= length; i++)
    {
      guchar *p = (guchar *) data + i;
      gsize offset;

      if (memcmp (p, "PK\3\4", 4) == 0 && (gsize) (p[26] | p[27] << 8) == name_length
          && memcmp (p + 30, name, name_length) == 0)
        offset = 22;
      else if (memcmp (p, "PK\1\2", 4) == 0 && (gsize) (p[28] | p[29] << 8) == name_length
               && memcmp (p + 46, name, name_length) == 0)
        offset = 24;
      else
        continue;
      p[offset] = size & 0xff;
      p[offset + 1] = (size >> 8) & 0xff;
      p[offset + 2] = (size >> 16) & 0xff;
      p[offset + 3] = (size >> 24) & 0xff;
      patched++;
    }
  g_assert_cmpuint (patched, >=, 1);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

static void
test_hostile_lying_header (Fixture       *fixture,
                           gconstpointer  data)
{
  /* the zip says 4 bytes, the data inflates to 100 000, the manifest tells the truth: what
   * comes out is counted, not what the header says */
  g_autofree char *big = g_strnfill (100000, 'a');
  g_autofree char *line = file_line ("module/catatan.txt", big, 100000);
  const Entry extra[] = { { "module/catatan.txt", big, -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, line, extra, G_N_ELEMENTS (extra));

  set_zip_size (package, "module/catatan.txt", 4);
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_CORRUPT,
                  "the entry “module/catatan.txt” cannot be read (ZIP uncompressed data is "
                  "wrong size (read 100000, expected 4)). Copy the package again.");
}

static void
test_hostile_size_smaller (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *line = g_strdup_printf ("<file path=\"module/catatan.txt\" size=\"1000\" "
                                           "sha256=\"%064d\"/>", 0);
  const Entry extra[] = { { "module/catatan.txt", "pendek", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, line, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MISMATCH,
                  "has 6 bytes, but its manifest gives 1000");
}

static void
test_hostile_hash (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *line = file_line ("module/catatan.txt", "asli", 4);
  const Entry extra[] = { { "module/catatan.txt", "palsu", 4, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, line, extra, G_N_ELEMENTS (extra));

  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MISMATCH,
                  "does not match the SHA-256 its manifest gives");
}

static void
test_hostile_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *package = g_build_filename (fixture->root, "cut.bekal", NULL);
  g_autoptr(BekalPackageInfo) info = pack (folder, package);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (package, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (package, bytes, length / 2, NULL));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_CORRUPT, "truncated");
}

static void
test_hostile_truncated_directory (Fixture       *fixture,
                                  gconstpointer  data)
{
  /* only the last bytes missing: the zip's central directory is incomplete */
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *package = g_build_filename (fixture->root, "cut.bekal", NULL);
  g_autoptr(BekalPackageInfo) info = pack (folder, package);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (package, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (package, bytes, length - 10, NULL));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_CORRUPT, "truncated");
}

static void
test_hostile_not_zip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *package = g_build_filename (fixture->root, "teks.bekal", NULL);

  write_text (package, "Ini bukan paket, hanya teks biasa.\n");
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_CORRUPT, "is not a zip file");
}

static void
test_hostile_manifest_entities (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *laughs =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE package [\n"
    "  <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
    "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
    "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
    "]>\n"
    "<package xmlns=\"urn:bekal:package:1\" format=\"1\"><module id=\"minimal\" "
    "version=\"1.0\"><title lang=\"id\">&c;</title></module><files/></package>\n";
  g_autofree char *module = minimal_module ();
  g_autofree char *package = g_build_filename (fixture->root, "laughs.bekal", NULL);
  const Entry entries[] = {
    { "manifest.xml", laughs, -1, 0, NULL },
    { "module/module.id.xml", module, -1, 0, NULL },
  };

  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MANIFEST, "DOCTYPE");
}

static void
test_hostile_manifest_external (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *external =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE package SYSTEM \"http://127.0.0.1:9/package.dtd\">\n"
    "<package xmlns=\"urn:bekal:package:1\" format=\"1\"/>\n";
  g_autofree char *package = g_build_filename (fixture->root, "external.bekal", NULL);
  const Entry entries[] = { { "manifest.xml", external, -1, 0, NULL } };

  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MANIFEST, "DOCTYPE");
}

static void
test_hostile_manifest_malformed (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *package = g_build_filename (fixture->root, "malformed.bekal", NULL);
  const Entry entries[] = {
    { "manifest.xml", "<package xmlns=\"urn:bekal:package:1\" format=\"1\"><module>", -1, 0,
      NULL },
  };

  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MANIFEST, "not well-formed XML");
}

static void
test_hostile_manifest_huge (Fixture       *fixture,
                            gconstpointer  data)
{
  /* a comment of 2 MiB: stopped when the first 1 MiB has been read */
  gsize length = 2 * 1024 * 1024;
  g_autofree char *huge = g_malloc (length + 1);
  g_autofree char *package = g_build_filename (fixture->root, "huge.bekal", NULL);
  const Entry entries[] = { { "manifest.xml", huge, (gssize) length, 0, NULL } };

  memset (huge, ' ', length);
  memcpy (huge, "<!--", 4);
  huge[length] = '\0';
  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_TOO_LARGE, "larger than 1 MiB");
}

static void
test_hostile_manifest_not_first (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *module = minimal_module ();
  g_autofree char *manifest = minimal_manifest (NULL);
  g_autofree char *package = g_build_filename (fixture->root, "order.bekal", NULL);
  const Entry entries[] = {
    { "module/module.id.xml", module, -1, 0, NULL },
    { "manifest.xml", manifest, -1, 0, NULL },
  };

  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_CORRUPT,
                  "does not start with its manifest.xml");
}

static void
test_hostile_invalid_module (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *broken = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<module xmlns=\"urn:bekal:module:1\" id=\"minimal\" version=\"1.0\" "
                       "xml:lang=\"id\"><title>Modul minimal</title></module>\n";
  g_autofree char *line = file_line ("module/module.id.xml", broken, strlen (broken));
  g_autofree char *manifest = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"urn:bekal:package:1\" format=\"1\">"
    "<module id=\"minimal\" version=\"1.0\"><title lang=\"id\">Modul minimal</title></module>"
    "<files>%s</files></package>\n", line);
  g_autofree char *package = g_build_filename (fixture->root, "invalid.bekal", NULL);
  const Entry entries[] = {
    { "manifest.xml", manifest, -1, 0, NULL },
    { "module/module.id.xml", broken, -1, 0, NULL },
  };
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalPackageInfo) info = NULL;

  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_INVALID_MODULE, "has errors");

  /* the diagnostics name the file inside the package, not the temporary folder */
  info = bekal_package_verify (package, diagnostics, &error);
  g_assert_null (info);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const char *file = bekal_diagnostic_get_file (g_ptr_array_index (diagnostics, i));
      g_autofree char *expected = g_build_filename (package, "module", "module.id.xml", NULL);

      g_assert_cmpstr (file, ==, expected);
    }
}

static void
test_hostile_unused_media (Fixture       *fixture,
                           gconstpointer  data)
{
  /* a media file the module never names would land in the shared media folder */
  g_autofree char *module = minimal_module ();
  g_autofree char *module_line = file_line ("module/module.id.xml", module, strlen (module));
  g_autofree char *media_line = file_line ("media/lain.webm", "bukan video", 11);
  g_autofree char *manifest = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"urn:bekal:package:1\" format=\"1\">"
    "<module id=\"minimal\" version=\"1.0\"><title lang=\"id\">Modul minimal</title></module>"
    "<files>%s%s</files><media><item name=\"lain.webm\"/></media></package>\n",
    module_line, media_line);
  g_autofree char *package = g_build_filename (fixture->root, "unused.bekal", NULL);
  const Entry entries[] = {
    { "manifest.xml", manifest, -1, 0, NULL },
    { "module/module.id.xml", module, -1, 0, NULL },
    { "media/lain.webm", "bukan video", -1, 0, NULL },
  };

  write_zip (package, entries, G_N_ELEMENTS (entries));
  assert_refused (fixture, package, BEKAL_PACKAGE_ERROR_MISMATCH,
                  "“lain.webm”, which its module does not use");
}

/* The app's path: verify and install in a worker thread */
static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static BekalPackageInfo *
install_async (Fixture    *fixture,
               const char *package,
               GPtrArray **diagnostics,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bekal_package_install_async (package, fixture->modules_dir, NULL,
                               BEKAL_PACKAGE_INSTALL_DEFAULT, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bekal_package_install_finish (result, diagnostics, error);
}

static void
test_async_upgrade_reports_resets (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *old_package = g_build_filename (fixture->root, "old.bekal", NULL);
  g_autofree char *new_package = g_build_filename (fixture->root, "new.bekal", NULL);
  g_autoptr(BekalPackageInfo) old_info = pack (folder, old_package);
  g_autoptr(BekalPackageInfo) new_info = NULL;
  g_autoptr(BekalPackageInfo) first = NULL;
  g_autoptr(BekalPackageInfo) second = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BekalPackageInfo) verified = NULL;
  g_auto(GStrv) again = NULL;
  const char *media_dirs[] = { fixture->media_dir, NULL };
  const char * const *reset;

  replace_in_module (folder, "id=\"orientasi-sentra\" version=\"1.0\"",
                     "id=\"orientasi-sentra\" version=\"1.1\"");
  replace_in_module (folder, "id=\"p-konteks-istilah\"", "id=\"p-konteks-istilah-baru\"");
  new_info = pack (folder, new_package);

  /* the summary the install dialog shows */
  bekal_package_verify_async (new_package, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  verified = bekal_package_verify_finish (result, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (diagnostics);
  g_assert_false (bekal_diagnostics_has_errors (diagnostics));
  g_assert_cmpstr (bekal_package_info_get_version (verified), ==, "1.1");
  g_assert_cmpuint (bekal_package_info_get_total_size (verified), ==,
                    bekal_package_info_get_total_size (new_info));
  g_clear_pointer (&diagnostics, g_ptr_array_unref);

  first = install_async (fixture, old_package, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (bekal_package_info_get_backup_folder (first));
  g_assert_null (bekal_package_info_get_reset_ids (first));

  second = install_async (fixture, new_package, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (diagnostics);
  g_assert_cmpstr (bekal_package_info_get_replaced_version (second), ==, "1.0");

  /* the renamed question's results are reset; every lesson, quiz and other question carries
   * over */
  reset = bekal_package_info_get_reset_ids (second);
  g_assert_nonnull (reset);
  g_assert_cmpuint (g_strv_length ((char **) reset), ==, 1);
  g_assert_cmpstr (reset[0], ==, "question:p-konteks-istilah");

  /* and the other way round, the new id is what the old version lacks */
  again = bekal_package_compare_folders (bekal_package_info_get_installed_folder (second),
                                         bekal_package_info_get_backup_folder (second),
                                         media_dirs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (again), ==, 1);
  g_assert_cmpstr (again[0], ==, "question:p-konteks-istilah-baru");
}

/* Lists the blocks of pelajaran-konteks seen by @profile as "i,j,…" */
static char *
seen_in_lesson (BekalStore *store,
                gint64      profile)
{
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  seen = bekal_store_list_seen_blocks (store, profile, MODULE_ID, "pelajaran-konteks", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < seen->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? "," : "",
                            ((BekalSeenBlock *) g_ptr_array_index (seen, i))->block_index);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_async_upgrade_moves_blocks (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *old_package = g_build_filename (fixture->root, "old.bekal", NULL);
  g_autofree char *new_package = g_build_filename (fixture->root, "new.bekal", NULL);
  g_autofree char *data_dir = g_build_filename (fixture->root, "data", NULL);
  g_autoptr(BekalPackageInfo) old_info = pack (folder, old_package);
  g_autoptr(BekalPackageInfo) new_info = NULL;
  g_autoptr(BekalPackageInfo) first = NULL;
  g_autoptr(BekalPackageInfo) second = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) gone =
    g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_block_move_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *lesson = NULL;
  BekalBlockMove *move;
  GPtrArray *moves;
  guint block = 0;
  gint64 learner, other;

  /* version 1.1 has a new note before the video: the video (1) and every block after it move
   * one place down, the first paragraph (0) stays */
  replace_in_module (folder, "id=\"orientasi-sentra\" version=\"1.0\"",
                     "id=\"orientasi-sentra\" version=\"1.1\"");
  replace_in_module (folder, "<video id=\"video-orientasi\"",
                     "<note kind=\"tip\">Catatan baru.</note>\n    <video id=\"video-orientasi\"");
  new_info = pack (folder, new_package);

  store = bekal_store_open (data_dir, &error);
  g_assert_no_error (error);
  learner = bekal_store_create_profile (store, "Sari", "Sentra Handayani", "Peksos", 1, FALSE,
                                        &error);
  g_assert_no_error (error);
  other = bekal_store_create_profile (store, "Budi", "Sentra Handayani", "Peksos", 2, TRUE,
                                      &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (bekal_store_mark_block_seen (store, learner, MODULE_ID, "pelajaran-konteks",
                                                  i, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bekal_store_set_position (store, learner, MODULE_ID, "pelajaran-konteks", 2,
                                           &error));
  g_assert_true (bekal_store_mark_block_seen (store, other, MODULE_ID, "pelajaran-konteks", 0,
                                              &error));
  g_assert_true (bekal_store_set_position (store, other, MODULE_ID, "pelajaran-konteks", 0,
                                           &error));
  g_assert_no_error (error);

  first = install_async (fixture, old_package, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (bekal_package_info_get_block_moves (first));
  second = install_async (fixture, new_package, NULL, &error);
  g_assert_no_error (error);
  moves = bekal_package_info_get_block_moves (second);
  g_assert_nonnull (moves);
  g_assert_cmpuint (moves->len, >, 3);
  for (guint i = 0; i < moves->len; i++)
    {
      move = g_ptr_array_index (moves, i);
      g_assert_cmpstr (move->lesson_id, ==, "pelajaran-konteks");
      g_assert_cmpint (move->new_index, ==, (int) move->old_index + 1);
      g_assert_cmpuint (move->old_index, >=, 1);
    }

  g_assert_true (bekal_store_move_blocks (store, MODULE_ID, moves, &error));
  g_assert_no_error (error);
  seen = seen_in_lesson (store, learner);
  g_assert_cmpstr (seen, ==, "0,2,3,4");
  g_clear_pointer (&seen, g_free);
  g_assert_true (bekal_store_get_position (store, learner, MODULE_ID, &lesson, &block, &error));
  g_assert_cmpstr (lesson, ==, "pelajaran-konteks");
  g_assert_cmpuint (block, ==, 3);
  g_clear_pointer (&lesson, g_free);
  /* the other learner's unmoved block and position stay */
  seen = seen_in_lesson (store, other);
  g_assert_cmpstr (seen, ==, "0");
  g_clear_pointer (&seen, g_free);
  g_assert_true (bekal_store_get_position (store, other, MODULE_ID, &lesson, &block, &error));
  g_assert_cmpuint (block, ==, 0);
  g_clear_pointer (&lesson, g_free);

  /* a block the new version lacks loses its mark; a position on it goes to the lesson's start */
  move = g_new0 (BekalBlockMove, 1);
  move->lesson_id = g_strdup ("pelajaran-konteks");
  move->old_index = 3;
  move->new_index = -1;
  g_ptr_array_add (gone, move);
  g_assert_true (bekal_store_move_blocks (store, MODULE_ID, gone, &error));
  g_assert_no_error (error);
  seen = seen_in_lesson (store, learner);
  g_assert_cmpstr (seen, ==, "0,2,4");
  g_assert_true (bekal_store_get_position (store, learner, MODULE_ID, &lesson, &block, &error));
  g_assert_cmpuint (block, ==, 0);
}

static void
test_backups_listed_and_removed (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->root, "src", NULL);
  g_autofree char *folder = copy_bundled_module (source, MODULE_ID);
  g_autofree char *old_package = g_build_filename (fixture->root, "old.bekal", NULL);
  g_autofree char *new_package = g_build_filename (fixture->root, "new.bekal", NULL);
  g_autofree char *outside = g_build_filename (fixture->modules_dir, "keep", NULL);
  g_autoptr(BekalPackageInfo) old_info = pack (folder, old_package);
  g_autoptr(BekalPackageInfo) new_info = NULL;
  g_autoptr(BekalPackageInfo) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *module_file = g_build_filename (fixture->modules_dir, MODULE_ID,
                                                   "module.id.xml", NULL);

  none = bekal_package_list_backups (fixture->modules_dir);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  replace_in_module (folder, "id=\"orientasi-sentra\" version=\"1.0\"",
                     "id=\"orientasi-sentra\" version=\"2.0\"");
  new_info = pack (folder, new_package);
  installed = install (fixture, old_package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&installed);
  installed = install (fixture, new_package, BEKAL_PACKAGE_INSTALL_DEFAULT, &error);
  g_assert_no_error (error);

  /* kept until the trainer removes it */
  backups = bekal_package_list_backups (fixture->modules_dir);
  g_assert_cmpuint (g_strv_length (backups), ==, 1);
  g_assert_cmpstr (backups[0], ==, MODULE_ID "-1.0");

  /* nothing but a backup folder can be named */
  g_assert_cmpint (g_mkdir_with_parents (outside, 0755), ==, 0);
  g_assert_false (bekal_package_remove_backup (fixture->modules_dir, "../keep", &error));
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE);
  g_clear_error (&error);
  g_assert_false (bekal_package_remove_backup (fixture->modules_dir, "..", &error));
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE);
  g_clear_error (&error);
  g_assert_false (bekal_package_remove_backup (fixture->modules_dir, "nothing-1.0", &error));
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_DIR));

  g_assert_true (bekal_package_remove_backup (fixture->modules_dir, backups[0], &error));
  g_assert_no_error (error);
  g_strfreev (none);
  none = bekal_package_list_backups (fixture->modules_dir);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  /* the installed version is untouched */
  g_assert_true (g_file_test (module_file, G_FILE_TEST_IS_REGULAR));
}

static void
test_async_hostile_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  const Entry extra[] = { { "module/../../../escaped.txt", "x", -1, 0, NULL } };
  g_autofree char *package = hostile_package (fixture, NULL, extra, G_N_ELEMENTS (extra));
  g_auto(GStrv) before = list_tree (fixture->root);
  g_auto(GStrv) after = NULL;
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;

  info = install_async (fixture, package, &diagnostics, &error);
  g_assert_null (info);
  g_assert_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "points outside its folder"));
  g_assert_nonnull (diagnostics);
  after = list_tree (fixture->root);
  g_assert_cmpstrv (before, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/package/round-trip", test_round_trip);
  ADD ("/package/reproducible", test_reproducible);
  ADD ("/package/default-name-and-versions", test_default_name);
  ADD ("/package/invalid-module-not-packed", test_invalid_module_not_packed);
  ADD ("/package/upgrade-keeps-backup", test_upgrade_keeps_backup);
  ADD ("/package/older-refused", test_older_refused);
  ADD ("/package/same-version-changed", test_same_version_changed);
  ADD ("/package/media-conflict", test_media_conflict);
  ADD ("/package/author-commands", test_author_commands);
  ADD ("/package/hostile/parent", test_hostile_parent);
  ADD ("/package/hostile/absolute", test_hostile_absolute);
  ADD ("/package/hostile/symlink", test_hostile_symlink);
  ADD ("/package/hostile/hard-link", test_hostile_hard_link);
  ADD ("/package/hostile/device", test_hostile_device);
  ADD ("/package/hostile/block-device", test_hostile_block_device);
  ADD ("/package/hostile/fifo", test_hostile_fifo);
  ADD ("/package/hostile/too-large-total", test_hostile_too_large_total);
  ADD ("/package/hostile/too-large-file", test_hostile_too_large_file);
  ADD ("/package/hostile/zip-bomb", test_hostile_zip_bomb);
  ADD ("/package/hostile/duplicate", test_hostile_duplicate);
  ADD ("/package/hostile/case", test_hostile_case);
  ADD ("/package/hostile/not-utf8", test_hostile_not_utf8);
  ADD ("/package/hostile/not-utf8-unflagged", test_hostile_not_utf8_unflagged);
  ADD ("/package/hostile/not-in-manifest", test_hostile_not_in_manifest);
  ADD ("/package/hostile/missing-file", test_hostile_missing_file);
  ADD ("/package/hostile/size-larger", test_hostile_size_larger);
  ADD ("/package/hostile/size-smaller", test_hostile_size_smaller);
  ADD ("/package/hostile/lying-header", test_hostile_lying_header);
  ADD ("/package/hostile/hash", test_hostile_hash);
  ADD ("/package/hostile/truncated", test_hostile_truncated);
  ADD ("/package/hostile/truncated-directory", test_hostile_truncated_directory);
  ADD ("/package/hostile/not-zip", test_hostile_not_zip);
  ADD ("/package/hostile/manifest-entities", test_hostile_manifest_entities);
  ADD ("/package/hostile/manifest-external-dtd", test_hostile_manifest_external);
  ADD ("/package/hostile/manifest-malformed", test_hostile_manifest_malformed);
  ADD ("/package/hostile/manifest-huge", test_hostile_manifest_huge);
  ADD ("/package/hostile/manifest-not-first", test_hostile_manifest_not_first);
  ADD ("/package/hostile/invalid-module", test_hostile_invalid_module);
  ADD ("/package/hostile/unused-media", test_hostile_unused_media);
  ADD ("/package/async/upgrade-reports-resets", test_async_upgrade_reports_resets);
  ADD ("/package/async/upgrade-moves-blocks", test_async_upgrade_moves_blocks);
  ADD ("/package/async/hostile-refused", test_async_hostile_refused);
  ADD ("/package/backups-listed-and-removed", test_backups_listed_and_removed);

  return g_test_run ();
}
