/* bekal-package.c: .bekal packages: what a package holds, and writing one
 *
 * A package is a zip file: manifest.xml first, then the module folder's files under module/
 * and the media files it refers to (media:NAME) under media/NAME, each in name order, with
 * fixed dates and permissions so that the same module always gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-paths.h>

#include "bekal-model-private.h"
#include "bekal-package-private.h"

#define READ_CHUNK (256 * 1024)

G_DEFINE_FINAL_TYPE (BekalPackageInfo, bekal_package_info, G_TYPE_OBJECT)

G_DEFINE_QUARK (bekal-package-error-quark, bekal_package_error)

/* Helpers */

static void
package_file_free (BekalPackageFile *file)
{
  g_free (file->path);
  g_free (file->sha256);
  g_free (file);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const BekalPackageFile *x = *(const BekalPackageFile * const *) a;
  const BekalPackageFile *y = *(const BekalPackageFile * const *) b;

  return strcmp (x->path, y->path);
}

/* Media formats that are compressed already: deflating them again costs time for nothing */
static gboolean
is_compressed_format (const char *name)
{
  static const char * const suffixes[] = {
    ".webm", ".ogg", ".oga", ".ogv", ".opus", ".mp3", ".mp4", ".m4a", ".m4v", ".mkv",
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip", ".gz", NULL
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; suffixes[i]; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;

  return FALSE;
}

static void
add_media_ref (GHashTable *names,
               const char *src,
               const char *path)
{
  if (src != NULL && path != NULL && g_str_has_prefix (src, "media:"))
    g_hash_table_insert (names, g_strdup (src + strlen ("media:")), g_strdup (path));
}

/* Lists the regular files of a module folder (relative names, '/'-separated, sorted); hidden
 * files are left out, links and special files refused */
gboolean
bekal_package_list_folder (const char  *root,
             const char  *relative,
             GPtrArray   *names,
             GError     **error)
{
  g_autofree char *folder = relative ? g_build_filename (root, relative, NULL)
                                     : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.')
      g_ptr_array_add (children, g_strdup (name));
  g_ptr_array_sort (children, bekal_compare_strings);

  for (guint i = 0; i < children->len; i++)
    {
      const char *child = g_ptr_array_index (children, i);
      g_autofree char *child_relative = relative ? g_strconcat (relative, "/", child, NULL)
                                                 : g_strdup (child);
      g_autofree char *child_path = g_build_filename (root, child_relative, NULL);
      GStatBuf st;

      if (g_lstat (child_path, &st) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Cannot read %s: %s"), child_path, g_strerror (saved_errno));
          return FALSE;
        }

      if (S_ISDIR (st.st_mode))
        {
          if (!bekal_package_list_folder (root, child_relative, names, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode))
        g_ptr_array_add (names, g_steal_pointer (&child_relative));
      else
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE,
                       _("%s is a link or a special file, which a package cannot hold. Copy "
                         "the file itself into the module folder, or remove it."), child_path);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_entry_header (struct archive  *archive,
                    const char      *name,
                    guint64          size,
                    GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  int status;

  /* no date (the zip format's earliest, 1980-01-01, is written), no owner: reproducible */
  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) size);

  if (is_compressed_format (name))
    archive_write_zip_set_compression_store (archive);
  else
    archive_write_zip_set_compression_deflate (archive);

  status = archive_write_header (archive, entry);
  archive_entry_free (entry);

  if (status != ARCHIVE_OK)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write %s into the package: %s"), name,
                   archive_error_string (archive));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_data (struct archive  *archive,
            const char      *name,
            const void      *data,
            gsize            length,
            GError         **error)
{
  if (length > 0 && archive_write_data (archive, data, length) != (la_ssize_t) length)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write %s into the package: %s"), name,
                   archive_error_string (archive));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_file_entry (struct archive  *archive,
                  const char      *name,
                  const char      *source,
                  guint64          size,
                  GError         **error)
{
  g_autofree char *buffer = NULL;
  guint64 written = 0;
  int fd;

  if (!write_entry_header (archive, name, size, error))
    return FALSE;

  fd = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot read %s: %s"), source, g_strerror (saved_errno));
      return FALSE;
    }

  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = read (fd, buffer, READ_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                       _("Cannot read %s: %s"), source, g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      written += (guint64) n;
      if (written > size)
        break;
      if (!write_data (archive, name, buffer, (gsize) n, error))
        {
          close (fd);
          return FALSE;
        }
    }
  close (fd);

  if (written != size)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("%s changed while it was being packed. Pack the module again."), source);
      return FALSE;
    }

  return TRUE;
}

/* Overrides */

static void
bekal_package_info_finalize (GObject *object)
{
  BekalPackageInfo *self = BEKAL_PACKAGE_INFO (object);

  g_free (self->path);
  g_free (self->id);
  g_free (self->version);
  g_strfreev (self->languages);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_strfreev (self->media);
  g_free (self->installed_folder);
  g_free (self->backup_folder);
  g_free (self->replaced_version);
  g_strfreev (self->reset_ids);
  g_clear_pointer (&self->block_moves, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_package_info_parent_class)->finalize (object);
}

static void
bekal_package_info_class_init (BekalPackageInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_package_info_finalize;
}

static void
bekal_package_info_init (BekalPackageInfo *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) package_file_free);
  self->languages = g_new0 (char *, 1);
  self->media = g_new0 (char *, 1);
}

/* Private API */

BekalPackageInfo *
bekal_package_info_new (void)
{
  return g_object_new (BEKAL_TYPE_PACKAGE_INFO, NULL);
}

void
bekal_package_info_add_file (BekalPackageInfo *self,
                             const char       *path,
                             guint64           size,
                             const char       *sha256)
{
  BekalPackageFile *file = g_new0 (BekalPackageFile, 1);

  file->path = g_strdup (path);
  file->size = size;
  file->sha256 = g_strdup (sha256);
  g_ptr_array_add (self->files, file);
}

void
bekal_package_info_finish (BekalPackageInfo *self)
{
  g_autoptr(GStrvBuilder) media = g_strv_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  g_ptr_array_sort (self->files, compare_files);
  self->total_size = 0;
  for (guint i = 0; i < self->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (self->files, i);

      self->total_size += file->size;
      if (g_str_has_prefix (file->path, BEKAL_PACKAGE_MEDIA_PREFIX))
        g_strv_builder_add (media, file->path + strlen (BEKAL_PACKAGE_MEDIA_PREFIX));
    }
  g_strfreev (self->media);
  self->media = g_strv_builder_end (media);

  keys = g_hash_table_get_keys_as_array (self->titles, &n_keys);
  g_strfreev (self->languages);
  self->languages = g_new0 (char *, n_keys + 1);
  for (guint i = 0; i < n_keys; i++)
    self->languages[i] = g_strdup (keys[i]);
  qsort (self->languages, n_keys, sizeof (char *), bekal_compare_strings);
}

const BekalPackageFile *
bekal_package_info_find_file (BekalPackageInfo *self,
                              const char       *path)
{
  for (guint i = 0; i < self->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (self->files, i);

      if (g_str_equal (file->path, path))
        return file;
    }

  return NULL;
}

const char *
bekal_package_check_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || name[0] == '\0')
    return N_("has an empty name");
  if (!g_utf8_validate (name, -1, NULL))
    return N_("has a name that is not valid UTF-8");
  if (strlen (name) > 1024)
    return N_("has a name longer than 1024 bytes");
  if (name[0] == '/' || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return N_("is an absolute path");
  if (strchr (name, '\\') != NULL)
    return N_("holds a backslash, which some systems read as a folder separator");
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return N_("holds a control character");

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i]; i++)
    {
      if (g_str_equal (parts[i], ".."))
        return N_("points outside its folder (“..”)");
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        return N_("has an empty or “.” folder in its path");
      if (strlen (parts[i]) > 255)
        return N_("has a part longer than 255 bytes");
    }

  return NULL;
}

char *
bekal_package_fold_name (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (normal ? normal : name, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

void
bekal_package_collect_media (gpointer    module_pointer,
                             GHashTable *names)
{
  BekalModule *module = module_pointer;

  for (guint i = 0; i < module->media->len; i++)
    {
      BekalMedia *media = g_ptr_array_index (module->media, i);

      add_media_ref (names, media->src, media->path);
      add_media_ref (names, media->poster_src, media->poster_path);
      for (guint k = 0; k < media->subtitles->len; k++)
        {
          const BekalSubtitleTrack *track = &g_array_index (media->subtitles,
                                                            BekalSubtitleTrack, k);
          add_media_ref (names, track->src, track->path);
        }
    }

  for (guint i = 0; i < module->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (module->lessons, i);

      for (guint k = 0; k < lesson->blocks->len; k++)
        {
          BekalBlock *block = g_ptr_array_index (lesson->blocks, k);

          add_media_ref (names, block->figure_src, block->figure_path);
        }
    }
}

char *
bekal_package_hash_file (const char  *path,
                         guint64     *size,
                         GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *buffer = NULL;
  guint64 total = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO, _("Cannot read %s: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = read (fd, buffer, READ_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                       _("Cannot read %s: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, (const guchar *) buffer, n);
      total += (guint64) n;
    }
  close (fd);

  if (size)
    *size = total;
  return g_strdup (g_checksum_get_string (checksum));
}

void
bekal_package_remove_tree (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          bekal_package_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

gpointer
bekal_package_enter_utf8_locale (void)
{
  static gsize initialized = 0;
  static locale_t utf8 = (locale_t) 0;

  if (g_once_init_enter (&initialized))
    {
      utf8 = newlocale (LC_CTYPE_MASK, "C.UTF-8", (locale_t) 0);
      g_once_init_leave (&initialized, 1);
    }

  if (utf8 == (locale_t) 0)
    return NULL;

  return uselocale (utf8);
}

void
bekal_package_leave_utf8_locale (gpointer cookie)
{
  if (cookie != NULL)
    uselocale ((locale_t) cookie);
}

/* Public API */

char *
bekal_package_default_filename (const char *module_id,
                                const char *version)
{
  g_return_val_if_fail (module_id != NULL, NULL);

  return g_strdup_printf ("%s-%s.bekal", module_id, version ? version : "0");
}

char *
bekal_package_default_modules_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "bekal", "modules", NULL);
}

char *
bekal_package_default_media_dir (const char *modules_dir)
{
  g_autofree char *absolute = NULL;
  g_autofree char *parent = NULL;

  g_return_val_if_fail (modules_dir != NULL, NULL);

  absolute = g_canonicalize_filename (modules_dir, NULL);
  parent = g_path_get_dirname (absolute);
  return g_build_filename (parent, "media", NULL);
}

int
bekal_package_compare_versions (const char *a,
                                const char *b)
{
  const char *p = a ? a : "";
  const char *q = b ? b : "";

  while (*p || *q)
    {
      guint64 x = g_ascii_strtoull (p, (char **) &p, 10);
      guint64 y = g_ascii_strtoull (q, (char **) &q, 10);

      if (x != y)
        return x < y ? -1 : 1;
      /* skip to the next number; anything else than digits and dots is ignored */
      while (*p && !g_ascii_isdigit (*p))
        p++;
      while (*q && !g_ascii_isdigit (*q))
        q++;
    }

  return 0;
}

BekalPackageInfo *
bekal_package_write (const char          *folder,
                     const char * const  *media_dirs,
                     const char          *output,
                     GPtrArray           *diagnostics,
                     GError             **error)
{
  g_autoptr(BekalLoader) loader = NULL;
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autofree gpointer *media_names = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *output_dir = NULL;
  GHashTableIter iter;
  gpointer key, value;
  struct archive *archive = NULL;
  gpointer locale_cookie = NULL;
  gsize manifest_length = 0;
  guint n_media = 0;
  gboolean ok = FALSE;
  int fd = -1;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  loader = bekal_loader_new (media_dirs);
  variants = bekal_loader_load_folder (loader, folder, diagnostics, error);
  if (variants == NULL)
    return NULL;
  if (g_hash_table_size (variants) == 0 || bekal_diagnostics_has_errors (diagnostics))
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_INVALID_MODULE,
                   _("%s has errors, so it was not packed. Correct them (bekal-author "
                     "validate %s lists them) and pack it again."), folder, folder);
      return NULL;
    }

  info = bekal_package_info_new ();
  g_hash_table_iter_init (&iter, variants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      BekalModule *module = value;

      if (info->id == NULL)
        {
          info->id = g_strdup (bekal_module_get_id (module));
          info->version = g_strdup (bekal_module_get_version (module));
        }
      else if (g_strcmp0 (info->id, bekal_module_get_id (module)) != 0
               || g_strcmp0 (info->version, bekal_module_get_version (module)) != 0)
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_INVALID_MODULE,
                       _("The files of %s have different module ids or versions; every "
                         "language must have the same id and version."), folder);
          return NULL;
        }
      g_hash_table_insert (info->titles, g_strdup (key),
                           g_strdup (bekal_module_get_title (module)));
      bekal_package_collect_media (module, media);
    }

  if (info->version == NULL)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_INVALID_MODULE,
                   _("The module in %s has no version. Write version=\"1.0\" on its "
                     "<module> element: a package needs one."), folder);
      return NULL;
    }

  /* the module folder's files, then the media, each under its prefix */
  if (!bekal_package_list_folder (folder, NULL, names, error))
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_ptr_array_add (sources, g_build_filename (folder, name, NULL));
      g_ptr_array_index (names, i) = g_strconcat (BEKAL_PACKAGE_MODULE_PREFIX, name, NULL);
      g_free ((char *) name);
    }

  media_names = g_hash_table_get_keys_as_array (media, &n_media);
  qsort (media_names, n_media, sizeof (gpointer), bekal_compare_strings);
  for (guint i = 0; i < n_media; i++)
    {
      g_ptr_array_add (names, g_strconcat (BEKAL_PACKAGE_MEDIA_PREFIX, media_names[i], NULL));
      g_ptr_array_add (sources, g_strdup (g_hash_table_lookup (media, media_names[i])));
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *problem = bekal_package_check_name (name);
      g_autofree char *sha256 = NULL;
      guint64 size = 0;
      char *key_folded;

      if (problem != NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (name, -1);

          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE,
                       _("The file “%s” %s, so it cannot go into a package. Rename it."), shown,
                       _(problem));
          return NULL;
        }

      key_folded = bekal_package_fold_name (name);
      if (!g_hash_table_add (folded, key_folded))
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE,
                       _("Two files are named “%s” but for upper and lower case; on some "
                         "computers they would be the same file. Rename one of them."), name);
          return NULL;
        }

      sha256 = bekal_package_hash_file (g_ptr_array_index (sources, i), &size, error);
      if (sha256 == NULL)
        return NULL;
      if (size > BEKAL_PACKAGE_MAX_FILE_SIZE
          || info->total_size + size > BEKAL_PACKAGE_MAX_TOTAL_SIZE)
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                       _("%s is too large for a package (at most %s per file and %s in "
                         "all)."), (const char *) g_ptr_array_index (sources, i), "500 MiB",
                       "2 GiB");
          return NULL;
        }
      info->total_size += size;
      bekal_package_info_add_file (info, name, size, sha256);
    }
  bekal_package_info_finish (info);

  if (output != NULL)
    info->path = g_strdup (output);
  else
    info->path = bekal_package_default_filename (info->id, info->version);

  manifest = bekal_package_manifest_write (info, &manifest_length);

  /* written beside the output and renamed into place, so that no half package is left */
  output_dir = g_path_get_dirname (info->path);
  tmp_path = g_build_filename (output_dir, ".bekal-pack-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write the package in %s: %s"), output_dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  locale_cookie = bekal_package_enter_utf8_locale ();
  archive = archive_write_new ();
  if (archive_write_set_format_zip (archive) != ARCHIVE_OK
      || archive_write_set_format_option (archive, "zip", "hdrcharset", "UTF-8") != ARCHIVE_OK
      || archive_write_set_bytes_in_last_block (archive, 1) != ARCHIVE_OK
      || archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write the package %s: %s"), info->path,
                   archive_error_string (archive));
      goto out;
    }

  if (!write_entry_header (archive, BEKAL_PACKAGE_MANIFEST_NAME, manifest_length, error)
      || !write_data (archive, BEKAL_PACKAGE_MANIFEST_NAME, manifest, manifest_length, error))
    goto out;

  for (guint i = 0; i < names->len; i++)
    {
      const BekalPackageFile *file = bekal_package_info_find_file (info,
                                                                   g_ptr_array_index (names, i));

      if (!write_file_entry (archive, file->path, g_ptr_array_index (sources, i), file->size,
                             error))
        goto out;
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write the package %s: %s"), info->path,
                   archive_error_string (archive));
      goto out;
    }

  /* no fsync: a package can be made again, and the rename below already keeps a half-written
   * file from ever having the package's name */
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      fd = -1;
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write the package %s: %s"), info->path, g_strerror (saved_errno));
      goto out;
    }
  fd = -1;

  if (g_rename (tmp_path, info->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot write the package %s: %s"), info->path, g_strerror (saved_errno));
      goto out;
    }

  ok = TRUE;

out:
  if (archive != NULL)
    archive_write_free (archive);
  bekal_package_leave_utf8_locale (locale_cookie);
  if (fd >= 0)
    close (fd);
  if (!ok)
    {
      g_unlink (tmp_path);
      return NULL;
    }

  return g_steal_pointer (&info);
}

const char *
bekal_package_info_get_path (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return self->path;
}

const char *
bekal_package_info_get_id (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return self->id;
}

const char *
bekal_package_info_get_version (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return self->version;
}

const char * const *
bekal_package_info_get_languages (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return (const char * const *) self->languages;
}

const char *
bekal_package_info_get_title (BekalPackageInfo *self,
                              const char       *language)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return language ? g_hash_table_lookup (self->titles, language) : NULL;
}

guint
bekal_package_info_get_n_files (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), 0);
  return self->files->len;
}

const char *
bekal_package_info_get_file_path (BekalPackageInfo *self,
                                  guint             index)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return ((BekalPackageFile *) g_ptr_array_index (self->files, index))->path;
}

guint64
bekal_package_info_get_file_size (BekalPackageInfo *self,
                                  guint             index)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), 0);
  g_return_val_if_fail (index < self->files->len, 0);
  return ((BekalPackageFile *) g_ptr_array_index (self->files, index))->size;
}

const char *
bekal_package_info_get_file_sha256 (BekalPackageInfo *self,
                                    guint             index)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return ((BekalPackageFile *) g_ptr_array_index (self->files, index))->sha256;
}

guint64
bekal_package_info_get_total_size (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), 0);
  return self->total_size;
}

const char * const *
bekal_package_info_get_media (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return (const char * const *) self->media;
}

const char *
bekal_package_info_get_installed_folder (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return self->installed_folder;
}

const char *
bekal_package_info_get_backup_folder (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return self->backup_folder;
}

const char *
bekal_package_info_get_replaced_version (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);
  return self->replaced_version;
}
