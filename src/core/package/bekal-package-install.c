/* bekal-package-install.c: installing a package into a modules folder
 *
 * The package is unpacked into a temporary folder inside the modules folder (so that the last
 * step is a rename on one file system), checked completely, and only then put in place:
 * its media files into the media folder beside the modules folder (which the app and
 * bekal-author search for media:NAME), then the module folder, swapped atomically with the
 * installed version, which is kept under .bekal-backups/ID-VERSION. The catalog lists only
 * folders that hold module files directly, so neither the temporary folder nor the backups
 * appear in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include <bekal/bekal-loader.h>
#include <bekal/bekal-paths.h>

#include "bekal-package-private.h"

/* Helpers */

static gboolean
set_io_error (GError     **error,
              const char  *what,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO, "%s %s: %s", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

/* The version of an installed module, read from the start of its first module file */
static char *
read_installed_version (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = NULL;
  char *version = NULL;
  const char *name;
  xmlTextReaderPtr reader;
  gsize length = 0;
  FILE *stream;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *language = bekal_loader_language_from_filename (name);

      if (language != NULL)
        g_ptr_array_add (files, g_build_filename (folder, name, NULL));
    }
  if (files->len == 0)
    return NULL;
  g_ptr_array_sort (files, bekal_compare_strings);

  /* the root element is near the start; the rest is not needed */
  stream = g_fopen (g_ptr_array_index (files, 0), "rb");
  if (stream == NULL)
    return NULL;
  head = g_malloc (64 * 1024);
  length = fread (head, 1, 64 * 1024, stream);
  fclose (stream);

  reader = xmlReaderForMemory (head, (int) length, NULL, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader == NULL)
    return NULL;
  while (xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT)
      {
        xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) "version");

        version = value ? g_strdup ((const char *) value) : NULL;
        xmlFree (value);
        break;
      }
  xmlFreeTextReader (reader);

  return version;
}

/* Whether the installed module folder and media hold exactly the package's files */
static gboolean
same_content (BekalPackageInfo *info,
              const char       *folder,
              const char       *media_dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_module_files = 0;

  if (!bekal_package_list_folder (folder, NULL, names, NULL))
    return FALSE;

  for (guint i = 0; i < info->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (info->files, i);
      g_autofree char *path = NULL;
      g_autofree char *sha256 = NULL;
      guint64 size = 0;

      if (g_str_has_prefix (file->path, BEKAL_PACKAGE_MODULE_PREFIX))
        {
          path = g_build_filename (folder, file->path + strlen (BEKAL_PACKAGE_MODULE_PREFIX),
                                   NULL);
          n_module_files++;
        }
      else
        path = g_build_filename (media_dir, file->path + strlen (BEKAL_PACKAGE_MEDIA_PREFIX),
                                 NULL);

      sha256 = bekal_package_hash_file (path, &size, NULL);
      if (sha256 == NULL || size != file->size || !g_str_equal (sha256, file->sha256))
        return FALSE;
    }

  /* a file the installed folder has and the package has not is a change too */
  return names->len == n_module_files;
}

static char *
backup_path (const char *modules_dir,
             const char *id,
             const char *version)
{
  g_autofree char *backups = g_build_filename (modules_dir, BEKAL_PACKAGE_BACKUPS_DIR, NULL);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("%s-%s", id, version ? version : "unknown")
        : g_strdup_printf ("%s-%s-%u", id, version ? version : "unknown", n);
      g_autofree char *path = g_build_filename (backups, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* Moves one unpacked media file into the media folder; copies when the media folder is on
 * another file system, into a temporary name first so that no half file is ever visible */
static gboolean
move_media (const char  *source,
            const char  *target,
            GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (target);
  g_autofree char *partial = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (g_mkdir_with_parents (parent, 0755) != 0)
    return set_io_error (error, _("Cannot create the media folder"), parent, errno);

  if (g_rename (source, target) == 0)
    return TRUE;
  if (errno != EXDEV)
    return set_io_error (error, _("Cannot install the media file"), target, errno);

  partial = g_strconcat (target, ".bekal-partial", NULL);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (partial);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL,
                    NULL, NULL, error))
    return FALSE;
  if (g_rename (partial, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      return set_io_error (error, _("Cannot install the media file"), target, saved_errno);
    }

  return TRUE;
}

/* Puts @source at @target; an existing @target is moved to @backup. Atomic where the system
 * can swap two folders (Linux renameat2), else two renames with a roll-back. */
static gboolean
swap_into_place (const char  *source,
                 const char  *target,
                 const char  *backup,
                 GError     **error)
{
  if (backup == NULL)
    {
      if (renameat2 (AT_FDCWD, source, AT_FDCWD, target, RENAME_NOREPLACE) == 0)
        return TRUE;
      if (errno != EINVAL && errno != ENOSYS)
        return set_io_error (error, _("Cannot install the module into"), target, errno);
      if (g_rename (source, target) != 0)
        return set_io_error (error, _("Cannot install the module into"), target, errno);
      return TRUE;
    }

  {
    g_autofree char *backups = g_path_get_dirname (backup);

    if (g_mkdir_with_parents (backups, 0755) != 0)
      return set_io_error (error, _("Cannot create the backup folder"), backups, errno);
  }

  if (renameat2 (AT_FDCWD, source, AT_FDCWD, target, RENAME_EXCHANGE) == 0)
    {
      /* @source now holds the old version; if it cannot be kept, swap back rather than
       * let the temporary folder's removal take it */
      if (g_rename (source, backup) != 0)
        {
          int saved_errno = errno;

          renameat2 (AT_FDCWD, source, AT_FDCWD, target, RENAME_EXCHANGE);
          return set_io_error (error, _("Cannot keep the previous version in"), backup,
                               saved_errno);
        }
      return TRUE;
    }
  if (errno != EINVAL && errno != ENOSYS)
    return set_io_error (error, _("Cannot install the module into"), target, errno);

  if (g_rename (target, backup) != 0)
    return set_io_error (error, _("Cannot keep the previous version in"), backup, errno);
  if (g_rename (source, target) != 0)
    {
      int saved_errno = errno;

      g_rename (backup, target);
      return set_io_error (error, _("Cannot install the module into"), target, saved_errno);
    }

  return TRUE;
}

static gboolean
check_media_conflicts (BekalPackageInfo          *info,
                       const char                *media_dir,
                       BekalPackageInstallFlags   flags,
                       GHashTable                *skip,
                       GError                   **error)
{
  for (guint i = 0; i < info->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (info->files, i);
      const char *name = file->path + strlen (BEKAL_PACKAGE_MEDIA_PREFIX);
      g_autofree char *target = NULL;
      g_autofree char *sha256 = NULL;
      guint64 size = 0;
      GStatBuf st;

      if (!g_str_has_prefix (file->path, BEKAL_PACKAGE_MEDIA_PREFIX))
        continue;

      target = g_build_filename (media_dir, name, NULL);
      if (g_lstat (target, &st) != 0)
        continue;

      if (S_ISREG (st.st_mode))
        sha256 = bekal_package_hash_file (target, &size, NULL);
      if (sha256 != NULL && size == file->size && g_str_equal (sha256, file->sha256))
        {
          g_hash_table_add (skip, g_strdup (file->path));
          continue;
        }

      if (!S_ISREG (st.st_mode) || !(flags & BEKAL_PACKAGE_INSTALL_FORCE))
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_CONFLICT,
                       _("The media folder %s already holds another file named “%s”, which "
                         "other modules may use. Ask the package's author to give the new "
                         "file another name, or install with --force to replace it."),
                       media_dir, name);
          return FALSE;
        }
    }

  return TRUE;
}

/* Public API */

BekalPackageStatus
bekal_package_info_compare_installed (BekalPackageInfo  *self,
                                      const char        *modules_dir,
                                      const char        *media_dir,
                                      char             **installed_version)
{
  g_autofree char *default_modules = NULL;
  g_autofree char *default_media = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *version = NULL;
  int cmp;

  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), BEKAL_PACKAGE_STATUS_NOT_INSTALLED);

  if (installed_version)
    *installed_version = NULL;
  if (modules_dir == NULL)
    modules_dir = default_modules = bekal_package_default_modules_dir ();
  if (media_dir == NULL)
    media_dir = default_media = bekal_package_default_media_dir (modules_dir);

  folder = g_build_filename (modules_dir, self->id, NULL);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) || !bekal_loader_folder_has_module_file (folder))
    return BEKAL_PACKAGE_STATUS_NOT_INSTALLED;

  /* an installed module without a readable version is broken: an upgrade may replace it */
  version = read_installed_version (folder);
  if (installed_version)
    *installed_version = g_strdup (version);
  if (version == NULL)
    return BEKAL_PACKAGE_STATUS_OLDER_INSTALLED;

  cmp = bekal_package_compare_versions (self->version, version);
  if (cmp > 0)
    return BEKAL_PACKAGE_STATUS_OLDER_INSTALLED;
  if (cmp < 0)
    return BEKAL_PACKAGE_STATUS_NEWER_INSTALLED;

  return same_content (self, folder, media_dir) ? BEKAL_PACKAGE_STATUS_SAME
                                                : BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED;
}

BekalPackageInfo *
bekal_package_install (const char                *path,
                       const char                *modules_dir,
                       const char                *media_dir,
                       BekalPackageInstallFlags   flags,
                       GPtrArray                 *diagnostics,
                       GError                   **error)
{
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GHashTable) skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_modules = NULL;
  g_autofree char *default_media = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *unpacked = NULL;
  g_autofree char *target = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *installed_version = NULL;
  BekalPackageStatus status;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (modules_dir == NULL)
    modules_dir = default_modules = bekal_package_default_modules_dir ();
  if (media_dir == NULL)
    media_dir = default_media = bekal_package_default_media_dir (modules_dir);

  if (g_mkdir_with_parents (modules_dir, 0755) != 0)
    {
      set_io_error (error, _("Cannot create the modules folder"), modules_dir, errno);
      return NULL;
    }

  tmp = g_build_filename (modules_dir, ".bekal-install-XXXXXX", NULL);
  if (g_mkdtemp_full (tmp, 0700) == NULL)
    {
      set_io_error (error, _("Cannot create a temporary folder in"), modules_dir, errno);
      return NULL;
    }

  info = bekal_package_unpack (path, tmp, TRUE, error);
  if (info == NULL || !bekal_package_check_module (info, tmp, diagnostics, error))
    goto out;

  status = bekal_package_info_compare_installed (info, modules_dir, media_dir,
                                                 &installed_version);
  if (!(flags & BEKAL_PACKAGE_INSTALL_FORCE))
    {
      switch (status)
        {
        case BEKAL_PACKAGE_STATUS_SAME:
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_VERSION,
                       _("%s %s is already installed, with the same content. Nothing to do."),
                       info->id, info->version);
          goto out;
        case BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED:
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_VERSION,
                       _("%s %s is already installed with other content. A module's version "
                         "must grow when its content changes: ask its author to raise the "
                         "version and pack it again (or install with --force)."),
                       info->id, info->version);
          goto out;
        case BEKAL_PACKAGE_STATUS_NEWER_INSTALLED:
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_VERSION,
                       _("A newer version of %s (%s) is already installed; the package holds "
                         "%s. Install with --force to go back to the older version."),
                       info->id, installed_version, info->version);
          goto out;
        case BEKAL_PACKAGE_STATUS_NOT_INSTALLED:
        case BEKAL_PACKAGE_STATUS_OLDER_INSTALLED:
        default:
          break;
        }
    }

  if (!check_media_conflicts (info, media_dir, flags, skip, error))
    goto out;

  target = g_build_filename (modules_dir, info->id, NULL);
  if (g_file_test (target, G_FILE_TEST_EXISTS) || g_file_test (target, G_FILE_TEST_IS_SYMLINK))
    {
      backup = backup_path (modules_dir, info->id, installed_version);
      if (backup == NULL)
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                       _("Too many backups of %s in %s; remove some."), info->id, modules_dir);
          goto out;
        }
    }

  /* the media first: the new module must find them when it appears */
  for (guint i = 0; info->media[i]; i++)
    {
      g_autofree char *entry = g_strconcat (BEKAL_PACKAGE_MEDIA_PREFIX, info->media[i], NULL);
      g_autofree char *source = g_build_filename (tmp, entry, NULL);
      g_autofree char *media_target = g_build_filename (media_dir, info->media[i], NULL);
      gboolean existed;

      if (g_hash_table_contains (skip, entry))
        continue;
      existed = g_file_test (media_target, G_FILE_TEST_EXISTS);
      if (!move_media (source, media_target, error))
        goto out;
      if (!existed)
        g_ptr_array_add (added, g_steal_pointer (&media_target));
    }

  unpacked = g_build_filename (tmp, "module", NULL);
  if (!swap_into_place (unpacked, target, backup, error))
    goto out;

  info->installed_folder = g_steal_pointer (&target);
  if (backup != NULL)
    {
      info->backup_folder = g_steal_pointer (&backup);
      info->replaced_version = g_steal_pointer (&installed_version);
    }
  ok = TRUE;

out:
  /* media added for a module that did not get installed are of no use to anyone */
  if (!ok)
    for (guint i = 0; i < added->len; i++)
      g_unlink (g_ptr_array_index (added, i));
  bekal_package_remove_tree (tmp);

  return ok ? g_steal_pointer (&info) : NULL;
}
