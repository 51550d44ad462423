/* bekal-package-reader.c: reading and checking a .bekal package
 *
 * Every package is hostile until proven otherwise. Entries are read one by one from the zip's
 * central directory; each name is checked before anything is written, only plain files are
 * written, each into a fresh file under the destination folder, and the bytes are counted and
 * hashed as they are extracted: the sizes the archive states are never trusted. The manifest
 * comes first and every later entry must be listed in it with its size and SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-model.h>

#include "bekal-package-private.h"

#define DATA_CHUNK (256 * 1024)

/* What one unpacking needs along the way */
typedef struct
{
  const char       *path;
  const char       *dest;
  gboolean          keep_media;
  struct archive   *archive;
  BekalPackageInfo *info;
  GHashTable       *names;   /* exact names seen */
  GHashTable       *folded;  /* folded name → the first name seen */
  GHashTable       *done;    /* manifest paths extracted */
  guint64           total;
  guint             n_entries;
  char             *buffer;
} Unpack;

/* Helpers */

static void
unpack_clear (Unpack *unpack)
{
  if (unpack->archive != NULL)
    archive_read_free (unpack->archive);
  g_clear_object (&unpack->info);
  g_clear_pointer (&unpack->names, g_hash_table_unref);
  g_clear_pointer (&unpack->folded, g_hash_table_unref);
  g_clear_pointer (&unpack->done, g_hash_table_unref);
  g_clear_pointer (&unpack->buffer, g_free);
}

static char *
shown_name (const char *name)
{
  return name ? g_utf8_make_valid (name, -1) : g_strdup ("?");
}

/* libarchive's last message, without the line break it sometimes ends with */
static char *
archive_message (struct archive *archive)
{
  const char *message = archive_error_string (archive);

  return g_strstrip (g_utf8_make_valid (message ? message : "?", -1));
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BEKAL_PACKAGE_ERROR, code, message);

  return FALSE;
}

static gboolean
refuse_entry (GError     **error,
              int          code,
              const char  *name,
              const char  *problem)
{
  g_autofree char *shown = shown_name (name);

  return refuse (error, code, _("The package was refused: its entry “%s” %s. Nothing was "
                                "installed; ask for a package made with bekal-author pack."),
                 shown, problem);
}

static gboolean
check_entry_type (Unpack                *unpack,
                  struct archive_entry  *entry,
                  const char            *name,
                  gboolean              *is_dir,
                  GError               **error)
{
  mode_t type = archive_entry_filetype (entry);

  *is_dir = FALSE;

  if (archive_entry_hardlink (entry) != NULL)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is a hard link"));
  if (type == AE_IFLNK || archive_entry_symlink (entry) != NULL)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is a symbolic link"));
  if (type == AE_IFCHR || type == AE_IFBLK)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is a device file"));
  if (type == AE_IFIFO)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is a FIFO (named pipe)"));
  if (type == AE_IFSOCK)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is a socket"));
  if (type == AE_IFDIR)
    {
      *is_dir = TRUE;
      return TRUE;
    }
  if (type != AE_IFREG)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is not a plain file"));
  if (archive_entry_is_encrypted (entry))
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _("is encrypted"));

  return TRUE;
}

static guint32
read_le (const guchar *p,
         guint         n)
{
  guint32 value = 0;

  for (guint i = n; i > 0; i--)
    value = value << 8 | p[i - 1];
  return value;
}

/* libarchive reads a zip entry that says it is a FIFO as a plain file (and so would write
 * one), which is safe but hides what the package claims; the zip's central directory is read
 * here for the Unix file types, so that such a package is refused as the others are. What this
 * cannot parse is left to libarchive, which refuses a damaged directory on its own. */
static gboolean
check_central_directory (const char  *path,
                         GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  const guchar *data;
  gsize length, cd_offset, cd_size, pos, end;
  gssize eocd = -1;

  if (mapped == NULL)
    return TRUE;
  data = (const guchar *) g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (data == NULL || length < 22)
    return TRUE;

  /* the end record is in the last 22 + 65535 bytes (its comment is at most that long) */
  for (gsize i = length - 22 + 1; i > 0 && length - (i - 1) <= 22 + 65535; i--)
    if (memcmp (data + i - 1, "PK\5\6", 4) == 0)
      {
        eocd = (gssize) (i - 1);
        break;
      }
  if (eocd < 0)
    return TRUE;

  cd_size = read_le (data + eocd + 12, 4);
  cd_offset = read_le (data + eocd + 16, 4);
  if (cd_offset > length || cd_size > length - cd_offset)
    return TRUE;

  end = cd_offset + cd_size;
  for (pos = cd_offset; pos + 46 <= end && memcmp (data + pos, "PK\1\2", 4) == 0;)
    {
      guint made_by = data[pos + 5];
      gsize name_length = read_le (data + pos + 28, 2);
      gsize extra_length = read_le (data + pos + 30, 2);
      gsize comment_length = read_le (data + pos + 32, 2);
      guint32 type = (read_le (data + pos + 38, 4) >> 16) & 0170000;
      gsize next = pos + 46 + name_length + extra_length + comment_length;

      if (next > end)
        break;
      if (made_by == 3 && (type == 0010000 || type == 0020000 || type == 0060000
                           || type == 0140000))
        {
          g_autofree char *name = g_strndup ((const char *) data + pos + 46, name_length);

          return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name,
                               type == 0010000 ? _("is a FIFO (named pipe)")
                               : type == 0140000 ? _("is a socket")
                               : _("is a device file"));
        }
      pos = next;
    }

  return TRUE;
}

/* Records a name; refuses duplicates, also those that differ only in case */
static gboolean
check_unique (Unpack      *unpack,
              const char  *name,
              GError     **error)
{
  g_autofree char *folded = bekal_package_fold_name (name);
  const char *other;

  if (g_hash_table_contains (unpack->names, name))
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name,
                         _("appears twice in the package"));

  other = g_hash_table_lookup (unpack->folded, folded);
  if (other != NULL)
    {
      g_autofree char *shown = shown_name (other);
      g_autofree char *problem = g_strdup_printf (_("differs from the entry “%s” only in "
                                                    "upper and lower case"), shown);

      return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, problem);
    }

  g_hash_table_add (unpack->names, g_strdup (name));
  g_hash_table_insert (unpack->folded, g_steal_pointer (&folded), g_strdup (name));
  return TRUE;
}

/* Creates the folders of @name under the destination; the name was checked already */
static gboolean
make_parents (Unpack      *unpack,
              const char  *name,
              GError     **error)
{
  g_autofree char *path = g_build_filename (unpack->dest, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved_errno = errno;

      return refuse (error, BEKAL_PACKAGE_ERROR_IO, _("Cannot unpack “%s” into %s: %s"), name,
                     unpack->dest, g_strerror (saved_errno));
    }

  return TRUE;
}

static int
open_output (Unpack      *unpack,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = g_build_filename (unpack->dest, name, NULL);
  /* never through a link, never over a file that exists */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved_errno = errno;

      refuse (error, BEKAL_PACKAGE_ERROR_IO, _("Cannot unpack “%s” into %s: %s"), name,
              unpack->dest, g_strerror (saved_errno));
    }

  return fd;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *name,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          return refuse (error, BEKAL_PACKAGE_ERROR_IO, _("Cannot unpack “%s”: %s"), name,
                         g_strerror (saved_errno));
        }
      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

/* Reads the current entry's data, counting and hashing it as it comes. @limit is the most
 * bytes accepted (the manifest's size, or the manifest limit); @manifest_out, when given,
 * receives the bytes; otherwise they go to @fd when it is not -1. */
static gboolean
extract_data (Unpack      *unpack,
              const char  *name,
              guint64      limit,
              int          fd,
              GString     *manifest_out,
              guint64     *size_out,
              char       **sha256_out,
              GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  la_int64_t consumed_start = archive_filter_bytes (unpack->archive, 0);
  guint64 count = 0;

  for (;;)
    {
      la_ssize_t n = archive_read_data (unpack->archive, unpack->buffer, DATA_CHUNK);
      guint64 consumed;

      if (n == 0)
        break;
      if (n < 0)
        {
          g_autofree char *shown = shown_name (name);
          g_autofree char *message = archive_message (unpack->archive);

          return refuse (error, BEKAL_PACKAGE_ERROR_CORRUPT,
                         _("The package is damaged or truncated: the entry “%s” cannot be "
                           "read (%s). Copy the package again."), shown, message);
        }

      count += (guint64) n;
      unpack->total += (guint64) n;

      if (count > limit)
        {
          if (manifest_out != NULL)
            return refuse (error, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                           _("The package's manifest.xml is larger than %s; a real manifest "
                             "is far smaller. The package is damaged or hostile."), "1 MiB");
          return refuse_entry (error, BEKAL_PACKAGE_ERROR_MISMATCH, name,
                               _("is larger than the size its manifest gives"));
        }
      if (count > BEKAL_PACKAGE_MAX_FILE_SIZE)
        return refuse_entry (error, BEKAL_PACKAGE_ERROR_TOO_LARGE, name,
                             _("unpacks to more than 500 MiB, the most a package may hold "
                               "in one file"));
      if (unpack->total > BEKAL_PACKAGE_MAX_TOTAL_SIZE)
        return refuse (error, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                       _("The package was refused: it unpacks to more than 2 GiB, the most a "
                         "package may hold. Nothing was installed."));

      /* a zip bomb: far more bytes come out than went in */
      consumed = (guint64) MAX (archive_filter_bytes (unpack->archive, 0) - consumed_start, 1);
      if (count > BEKAL_PACKAGE_RATIO_MIN_SIZE && count / consumed > BEKAL_PACKAGE_MAX_RATIO)
        {
          g_autofree char *problem =
            g_strdup_printf (_("is compressed more than %d to 1, as in a zip bomb"),
                             BEKAL_PACKAGE_MAX_RATIO);

          return refuse_entry (error, BEKAL_PACKAGE_ERROR_TOO_LARGE, name, problem);
        }

      g_checksum_update (checksum, (const guchar *) unpack->buffer, n);
      if (manifest_out != NULL)
        g_string_append_len (manifest_out, unpack->buffer, n);
      else if (fd >= 0 && !write_all (fd, unpack->buffer, (gsize) n, name, error))
        return FALSE;
    }

  *size_out = count;
  *sha256_out = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static gboolean
read_manifest (Unpack      *unpack,
               GError     **error)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *sha256 = NULL;
  guint64 size = 0;

  if (!extract_data (unpack, BEKAL_PACKAGE_MANIFEST_NAME, BEKAL_PACKAGE_MAX_MANIFEST_SIZE, -1,
                     data, &size, &sha256, error))
    return FALSE;

  unpack->info = bekal_package_manifest_parse (data->str, data->len, error);
  return unpack->info != NULL;
}

static gboolean
read_file (Unpack      *unpack,
           const char  *name,
           GError     **error)
{
  const BekalPackageFile *file = bekal_package_info_find_file (unpack->info, name);
  gboolean is_media = g_str_has_prefix (name, BEKAL_PACKAGE_MEDIA_PREFIX);
  g_autofree char *sha256 = NULL;
  guint64 size = 0;
  gboolean ok;
  int fd;

  if (file == NULL)
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_MISMATCH, name,
                         _("is not listed in the package's manifest"));

  if (!make_parents (unpack, name, error))
    return FALSE;
  fd = open_output (unpack, name, error);
  if (fd < 0)
    return FALSE;

  /* checking a package needs the media only to exist (the loader resolves their names): the
   * bytes are counted and hashed, not kept */
  ok = extract_data (unpack, name, file->size, is_media && !unpack->keep_media ? -1 : fd, NULL,
                     &size, &sha256, error);
  if (close (fd) != 0 && ok)
    {
      int saved_errno = errno;

      return refuse (error, BEKAL_PACKAGE_ERROR_IO, _("Cannot unpack “%s”: %s"), name,
                     g_strerror (saved_errno));
    }
  if (!ok)
    return FALSE;

  if (size != file->size)
    {
      g_autofree char *actual = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
      g_autofree char *listed = g_strdup_printf ("%" G_GUINT64_FORMAT, file->size);
      g_autofree char *problem = g_strdup_printf (_("has %s bytes, but its manifest gives %s"),
                                                  actual, listed);

      return refuse_entry (error, BEKAL_PACKAGE_ERROR_MISMATCH, name, problem);
    }
  if (!g_str_equal (sha256, file->sha256))
    return refuse_entry (error, BEKAL_PACKAGE_ERROR_MISMATCH, name,
                         _("does not match the SHA-256 its manifest gives: it was changed "
                           "or damaged"));

  g_hash_table_add (unpack->done, g_strdup (name));
  return TRUE;
}

static gboolean
read_entries (Unpack      *unpack,
              GError     **error)
{
  struct archive_entry *entry;

  for (;;)
    {
      int status = archive_read_next_header (unpack->archive, &entry);
      g_autofree char *name = NULL;
      const char *problem;
      gboolean is_dir;

      if (status == ARCHIVE_EOF)
        break;
      if (status == ARCHIVE_WARN && archive_entry_pathname (entry) == NULL)
        return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, NULL,
                             _("has a name that is not valid UTF-8"));
      if (status != ARCHIVE_OK)
        {
          g_autofree char *message = archive_message (unpack->archive);

          return refuse (error, BEKAL_PACKAGE_ERROR_CORRUPT,
                         _("The package is damaged or truncated (%s). Copy it again, or ask "
                           "for a new one."), message);
        }

      if (++unpack->n_entries > BEKAL_PACKAGE_MAX_ENTRIES)
        return refuse (error, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                       _("The package was refused: it holds more than %d entries."),
                       BEKAL_PACKAGE_MAX_ENTRIES);

      name = g_strdup (archive_entry_pathname (entry));
      if (!check_entry_type (unpack, entry, name, &is_dir, error))
        return FALSE;
      /* a folder entry ends in '/'; its name is checked without it */
      if (is_dir && name != NULL && g_str_has_suffix (name, "/"))
        name[strlen (name) - 1] = '\0';

      problem = bekal_package_check_name (name);
      if (problem != NULL)
        return refuse_entry (error, BEKAL_PACKAGE_ERROR_UNSAFE, name, _(problem));
      if (!check_unique (unpack, name, error))
        return FALSE;
      if (is_dir)
        continue;

      if (unpack->info == NULL)
        {
          if (!g_str_equal (name, BEKAL_PACKAGE_MANIFEST_NAME))
            return refuse (error, BEKAL_PACKAGE_ERROR_CORRUPT,
                           _("The package does not start with its manifest.xml, so it is not "
                             "a Bekal package, or it is damaged."));
          if (!read_manifest (unpack, error))
            return FALSE;
          continue;
        }

      if (!read_file (unpack, name, error))
        return FALSE;
    }

  if (unpack->info == NULL)
    return refuse (error, BEKAL_PACKAGE_ERROR_CORRUPT,
                   _("The package holds no manifest.xml, so it is not a Bekal package."));

  for (guint i = 0; i < unpack->info->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (unpack->info->files, i);

      if (!g_hash_table_contains (unpack->done, file->path))
        return refuse (error, BEKAL_PACKAGE_ERROR_MISMATCH,
                       _("The package is incomplete: “%s” is listed in its manifest but "
                         "missing. Copy the package again, or ask for a new one."),
                       file->path);
    }

  return TRUE;
}

static void
add_rewritten (GPtrArray   *diagnostics,
               GPtrArray   *found,
               const char  *dest,
               const char  *package_path)
{
  g_autofree char *prefix = g_strconcat (dest, G_DIR_SEPARATOR_S, NULL);

  /* messages about the temporary folder name the file inside the package instead */
  for (guint i = 0; i < found->len; i++)
    {
      BekalDiagnostic *d = g_ptr_array_index (found, i);
      const char *file = bekal_diagnostic_get_file (d);
      g_autofree char *shown = NULL;

      if (file != NULL && g_str_has_prefix (file, prefix))
        shown = g_build_filename (package_path, file + strlen (prefix), NULL);
      g_ptr_array_add (diagnostics,
                       bekal_diagnostic_new (bekal_diagnostic_get_severity (d),
                                             shown ? shown : file,
                                             bekal_diagnostic_get_line (d),
                                             bekal_diagnostic_get_column (d),
                                             bekal_diagnostic_get_message (d)));
    }
}

/* Private API */

BekalPackageInfo *
bekal_package_unpack (const char  *path,
                      const char  *dest,
                      gboolean     keep_media,
                      GError     **error)
{
  Unpack unpack = { 0, };
  BekalPackageInfo *result = NULL;
  gpointer locale_cookie;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot open the package %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("%s is not a file."), path);
      return NULL;
    }

  unpack.path = path;
  unpack.dest = dest;
  unpack.keep_media = keep_media;
  unpack.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  unpack.folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  unpack.done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  unpack.buffer = g_malloc (DATA_CHUNK);

  /* names are read as UTF-8 whatever the locale; an invalid one is reported, not converted */
  locale_cookie = bekal_package_enter_utf8_locale ();

  if (!check_central_directory (path, error))
    {
      unpack_clear (&unpack);
      bekal_package_leave_utf8_locale (locale_cookie);
      return NULL;
    }

  unpack.archive = archive_read_new ();
  archive_read_support_format_zip_seekable (unpack.archive);
  if (archive_read_open_filename (unpack.archive, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_autofree char *message = archive_message (unpack.archive);

      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_CORRUPT,
                   _("%s is not a Bekal package: it is not a zip file, or it is truncated "
                     "(%s)."), path, message);
    }
  else if (read_entries (&unpack, error))
    {
      result = g_steal_pointer (&unpack.info);
      result->path = g_strdup (path);
    }

  unpack_clear (&unpack);
  bekal_package_leave_utf8_locale (locale_cookie);

  return result;
}

gboolean
bekal_package_check_module (BekalPackageInfo  *info,
                            const char        *dest,
                            GPtrArray         *diagnostics,
                            GError           **error)
{
  g_autofree char *media_dir = g_build_filename (dest, "media", NULL);
  g_autofree char *module_dir = g_build_filename (dest, "module", NULL);
  const char *media_dirs[] = { media_dir, NULL };
  g_autoptr(BekalLoader) loader = NULL;
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GPtrArray) found = bekal_diagnostics_new ();
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* only the package's own media: a package must bring every media file it needs */
  g_mkdir_with_parents (media_dir, 0755);
  loader = bekal_loader_new (media_dirs);
  variants = bekal_loader_load_folder (loader, module_dir, found, &local_error);
  add_rewritten (diagnostics, found, dest, info->path);

  if (variants == NULL || g_hash_table_size (variants) == 0
      || bekal_diagnostics_has_errors (found))
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_INVALID_MODULE,
                   _("The module in the package %s has errors (listed above), so it cannot be "
                     "installed. Ask its author to correct them and pack it again."),
                   info->path);
      return FALSE;
    }

  if (g_hash_table_size (variants) != g_strv_length (info->languages))
    return refuse (error, BEKAL_PACKAGE_ERROR_MISMATCH,
                   _("The package's manifest lists other languages than its module files."));

  g_hash_table_iter_init (&iter, variants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *title = g_hash_table_lookup (info->titles, key);

      if (g_strcmp0 (bekal_module_get_id (value), info->id) != 0
          || g_strcmp0 (bekal_module_get_version (value), info->version) != 0)
        return refuse (error, BEKAL_PACKAGE_ERROR_MISMATCH,
                       _("The package's manifest gives the module %s %s, but its module file "
                         "in “%s” says %s %s."), info->id, info->version, (const char *) key,
                       bekal_module_get_id (value), bekal_module_get_version (value));
      if (title == NULL || g_strcmp0 (title, bekal_module_get_title (value)) != 0)
        return refuse (error, BEKAL_PACKAGE_ERROR_MISMATCH,
                       _("The package's manifest gives another title in “%s” than its module "
                         "file."), (const char *) key);
      bekal_package_collect_media (value, media);
    }

  /* every media file of the package is used: nothing else may reach the media folder */
  for (guint i = 0; info->media[i]; i++)
    if (!g_hash_table_contains (media, info->media[i]))
      return refuse (error, BEKAL_PACKAGE_ERROR_MISMATCH,
                     _("The package holds the media file “%s”, which its module does not use."),
                     info->media[i]);

  return TRUE;
}

/* Public API */

BekalPackageInfo *
bekal_package_verify (const char  *path,
                      GPtrArray   *diagnostics,
                      GError     **error)
{
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autofree char *dest = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dest = g_dir_make_tmp ("bekal-verify-XXXXXX", error);
  if (dest == NULL)
    return NULL;

  info = bekal_package_unpack (path, dest, FALSE, error);
  if (info != NULL && !bekal_package_check_module (info, dest, diagnostics, error))
    g_clear_object (&info);

  bekal_package_remove_tree (dest);

  return g_steal_pointer (&info);
}
