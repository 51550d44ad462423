/* bekal-package.h: .bekal module packages (one zip file holding a module and its media)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * BEKAL_PACKAGE_MAX_TOTAL_SIZE:
 *
 * The most bytes a package may unpack to, all files together (2 GiB). Counted while the files
 * are extracted; the sizes written in the archive are never trusted.
 */
#define BEKAL_PACKAGE_MAX_TOTAL_SIZE    (G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024)

/**
 * BEKAL_PACKAGE_MAX_FILE_SIZE:
 *
 * The most bytes one file of a package may unpack to (500 MiB).
 */
#define BEKAL_PACKAGE_MAX_FILE_SIZE     (G_GUINT64_CONSTANT (500) * 1024 * 1024)

/**
 * BEKAL_PACKAGE_MAX_RATIO:
 *
 * The highest compression ratio accepted for a file that unpacks to more than
 * %BEKAL_PACKAGE_RATIO_MIN_SIZE bytes: above it the package is treated as a zip bomb.
 */
#define BEKAL_PACKAGE_MAX_RATIO         100

/**
 * BEKAL_PACKAGE_RATIO_MIN_SIZE:
 *
 * Files that unpack to at most this many bytes (1 MiB) are not checked for their ratio.
 */
#define BEKAL_PACKAGE_RATIO_MIN_SIZE    (1024 * 1024)

/**
 * BEKAL_PACKAGE_MAX_ENTRIES:
 *
 * The most entries (files and folders) a package may hold.
 */
#define BEKAL_PACKAGE_MAX_ENTRIES       10000

/**
 * BEKAL_PACKAGE_MAX_MANIFEST_SIZE:
 *
 * The largest `manifest.xml` accepted (1 MiB).
 */
#define BEKAL_PACKAGE_MAX_MANIFEST_SIZE (1024 * 1024)

/**
 * BEKAL_PACKAGE_ERROR:
 *
 * The error domain of package operations.
 */
#define BEKAL_PACKAGE_ERROR (bekal_package_error_quark ())

/**
 * BekalPackageError:
 * @BEKAL_PACKAGE_ERROR_IO: a file could not be read or written
 * @BEKAL_PACKAGE_ERROR_CORRUPT: not a zip file, truncated or damaged, or without a manifest
 * @BEKAL_PACKAGE_ERROR_UNSAFE: an entry that could write outside its folder or is not a plain
 *   file: `..`, an absolute path, a link, a device, a FIFO, a duplicate name, a name that
 *   differs from another only in case, a name that is not valid UTF-8
 * @BEKAL_PACKAGE_ERROR_TOO_LARGE: over a size limit, or a compression ratio of a zip bomb
 * @BEKAL_PACKAGE_ERROR_MANIFEST: `manifest.xml` is not a valid package manifest
 * @BEKAL_PACKAGE_ERROR_MISMATCH: the files differ from the manifest (a file not listed, a
 *   listed file missing, a size or SHA-256 that does not match)
 * @BEKAL_PACKAGE_ERROR_INVALID_MODULE: the module has errors (see the diagnostics)
 * @BEKAL_PACKAGE_ERROR_VERSION: the installed version is newer, or the same
 * @BEKAL_PACKAGE_ERROR_CONFLICT: a media file of the same name but another content is already
 *   installed
 *
 * Why a package could not be written, read or installed.
 */
typedef enum
{
  BEKAL_PACKAGE_ERROR_IO,
  BEKAL_PACKAGE_ERROR_CORRUPT,
  BEKAL_PACKAGE_ERROR_UNSAFE,
  BEKAL_PACKAGE_ERROR_TOO_LARGE,
  BEKAL_PACKAGE_ERROR_MANIFEST,
  BEKAL_PACKAGE_ERROR_MISMATCH,
  BEKAL_PACKAGE_ERROR_INVALID_MODULE,
  BEKAL_PACKAGE_ERROR_VERSION,
  BEKAL_PACKAGE_ERROR_CONFLICT,
} BekalPackageError;

/**
 * BekalPackageInstallFlags:
 * @BEKAL_PACKAGE_INSTALL_DEFAULT: refuse an older or equal version and media conflicts
 * @BEKAL_PACKAGE_INSTALL_FORCE: install even over a newer or equal version, and replace media
 *   files of the same name
 *
 * How bekal_package_install() treats what is already installed.
 */
typedef enum
{
  BEKAL_PACKAGE_INSTALL_DEFAULT = 0,
  BEKAL_PACKAGE_INSTALL_FORCE   = 1 << 0,
} BekalPackageInstallFlags;

/**
 * BekalPackageStatus:
 * @BEKAL_PACKAGE_STATUS_NOT_INSTALLED: no module of this id is installed
 * @BEKAL_PACKAGE_STATUS_OLDER_INSTALLED: an older version is installed (an upgrade)
 * @BEKAL_PACKAGE_STATUS_SAME: the same version with the same content is installed
 * @BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED: the same version is installed, but its content
 *   differs: the author changed the module without raising its version
 * @BEKAL_PACKAGE_STATUS_NEWER_INSTALLED: a newer version is installed
 *
 * How a package relates to what a modules folder holds.
 */
typedef enum
{
  BEKAL_PACKAGE_STATUS_NOT_INSTALLED,
  BEKAL_PACKAGE_STATUS_OLDER_INSTALLED,
  BEKAL_PACKAGE_STATUS_SAME,
  BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED,
  BEKAL_PACKAGE_STATUS_NEWER_INSTALLED,
} BekalPackageStatus;

/**
 * BekalPackageInfo:
 *
 * What a package holds, as its manifest lists it and the checks confirmed: the module's id,
 * version, languages and titles, every file with its size and SHA-256, and the media. After
 * bekal_package_install(), also where the module went and what it replaced. Immutable.
 */
#define BEKAL_TYPE_PACKAGE_INFO (bekal_package_info_get_type ())

G_DECLARE_FINAL_TYPE (BekalPackageInfo, bekal_package_info, BEKAL, PACKAGE_INFO, GObject)

/**
 * bekal_package_error_quark:
 *
 * Returns: the quark of %BEKAL_PACKAGE_ERROR
 */
GQuark              bekal_package_error_quark               (void);

/**
 * bekal_package_default_filename:
 * @module_id: the module's id
 * @version: the module's version
 *
 * The name `bekal-author pack` gives a package: `ID-VERSION.bekal`.
 *
 * Returns: (transfer full): the file name
 */
char               *bekal_package_default_filename          (const char          *module_id,
                                                             const char          *version);

/**
 * bekal_package_default_modules_dir:
 *
 * The folder modules are installed into by default: `$XDG_DATA_HOME/bekal/modules`, the
 * user's folder that the app searches.
 *
 * Returns: (transfer full): the folder
 */
char               *bekal_package_default_modules_dir       (void);

/**
 * bekal_package_default_media_dir:
 * @modules_dir: a modules folder
 *
 * The folder media files are installed into along with modules installed in @modules_dir:
 * the folder `media` beside it (for `$XDG_DATA_HOME/bekal/modules`,
 * `$XDG_DATA_HOME/bekal/media`, which the app and `bekal-author validate` search).
 *
 * Returns: (transfer full): the folder
 */
char               *bekal_package_default_media_dir         (const char          *modules_dir);

/**
 * bekal_package_compare_versions:
 * @a: a module version, such as `1`, `1.2` or `2.0.1`
 * @b: another
 *
 * Compares two versions number by number; a missing number counts as 0, so `1` and `1.0`
 * are the same version.
 *
 * Returns: a negative number when @a is older than @b, 0 when they are the same, a positive
 *   number when @a is newer
 */
int                 bekal_package_compare_versions          (const char          *a,
                                                             const char          *b);

/**
 * bekal_package_write:
 * @folder: a module folder (holding module.LANG.xml files)
 * @media_dirs: (array zero-terminated=1) (nullable): the folders searched for `media:NAME`
 * @output: (nullable): the package file to write; %NULL for `ID-VERSION.bekal` in the current
 *   folder
 * @diagnostics: (element-type BekalDiagnostic): receives the module's diagnostics
 * @error: return location for a #GError
 *
 * Checks the module with the loader and writes it into a package with the media it refers to
 * and a manifest of every file's size and SHA-256. An invalid module is refused
 * (%BEKAL_PACKAGE_ERROR_INVALID_MODULE, its errors in @diagnostics). The package is written
 * beside @output and renamed into place, so a failure leaves no partial file. The same module
 * and media always give the same bytes.
 *
 * Returns: (transfer full): what the package holds, or %NULL with @error set
 */
BekalPackageInfo   *bekal_package_write                     (const char          *folder,
                                                             const char * const  *media_dirs,
                                                             const char          *output,
                                                             GPtrArray           *diagnostics,
                                                             GError             **error);

/**
 * bekal_package_verify:
 * @path: a package file
 * @diagnostics: (element-type BekalDiagnostic): receives the module's diagnostics
 * @error: return location for a #GError
 *
 * Checks a package completely, as bekal_package_install() does before it installs anything:
 * every entry against the limits and the manifest, and the module with the loader. The files
 * are unpacked into a temporary folder (media are only hashed), which is removed.
 *
 * Returns: (transfer full): what the package holds, or %NULL with @error set; the message
 *   names the problem
 */
BekalPackageInfo   *bekal_package_verify                    (const char          *path,
                                                             GPtrArray           *diagnostics,
                                                             GError             **error);

/**
 * bekal_package_install:
 * @path: a package file
 * @modules_dir: (nullable): the modules folder to install into (created when missing); %NULL
 *   for bekal_package_default_modules_dir()
 * @media_dir: (nullable): where the media go; %NULL for bekal_package_default_media_dir()
 * @flags: what to do about what is installed already
 * @diagnostics: (element-type BekalDiagnostic): receives the module's diagnostics
 * @error: return location for a #GError
 *
 * Installs a package the way the app does. It is unpacked into a temporary folder inside
 * @modules_dir and checked as bekal_package_verify() does; then its media are put into
 * @media_dir and the module folder, `MODULES_DIR/ID`, is swapped into place atomically. A
 * newer version replaces an older one, which is kept in `MODULES_DIR/.bekal-backups/ID-VERSION`
 * until removed. An older or equal version is refused (%BEKAL_PACKAGE_ERROR_VERSION), and so
 * is a media file of the same name and another content (%BEKAL_PACKAGE_ERROR_CONFLICT), unless
 * @flags has %BEKAL_PACKAGE_INSTALL_FORCE. Whatever happens, the temporary folder is removed
 * and nothing else is written before the package has passed every check.
 *
 * Returns: (transfer full): what was installed (see
 *   bekal_package_info_get_installed_folder() and bekal_package_info_get_backup_folder()),
 *   or %NULL with @error set
 */
BekalPackageInfo   *bekal_package_install                   (const char          *path,
                                                             const char          *modules_dir,
                                                             const char          *media_dir,
                                                             BekalPackageInstallFlags flags,
                                                             GPtrArray           *diagnostics,
                                                             GError             **error);

/**
 * bekal_package_info_compare_installed:
 * @self: a #BekalPackageInfo, from bekal_package_verify() for example
 * @modules_dir: (nullable): the modules folder; %NULL for
 *   bekal_package_default_modules_dir()
 * @media_dir: (nullable): its media folder; %NULL for bekal_package_default_media_dir()
 * @installed_version: (out) (optional) (nullable) (transfer full): the installed version
 *
 * Compares the package with the module of the same id in @modules_dir (the folder named by
 * the id). Two versions that compare equal are compared file by file, media included, so that
 * a module changed without a new version is found.
 *
 * Returns: how the package relates to what is installed
 */
BekalPackageStatus  bekal_package_info_compare_installed (BekalPackageInfo    *self,
                                                          const char          *modules_dir,
                                                          const char          *media_dir,
                                                          char               **installed_version);

/**
 * bekal_package_info_get_path:
 * @self: a #BekalPackageInfo
 *
 * Returns: (transfer none): the package file this describes
 */
const char         *bekal_package_info_get_path             (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_id:
 * @self: a #BekalPackageInfo
 *
 * Returns: (transfer none): the id of the packed module
 */
const char         *bekal_package_info_get_id               (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_version:
 * @self: a #BekalPackageInfo
 *
 * Returns: (transfer none): the version of the packed module
 */
const char         *bekal_package_info_get_version          (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_languages:
 * @self: a #BekalPackageInfo
 *
 * Returns: (array zero-terminated=1) (transfer none): the languages of the module, sorted
 */
const char * const *bekal_package_info_get_languages        (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_title:
 * @self: a #BekalPackageInfo
 * @language: a language code from bekal_package_info_get_languages()
 *
 * Returns: (transfer none) (nullable): the module's title in @language
 */
const char         *bekal_package_info_get_title            (BekalPackageInfo    *self,
                                                             const char          *language);

/**
 * bekal_package_info_get_n_files:
 * @self: a #BekalPackageInfo
 *
 * Returns: how many files the package holds (module files and media, not the manifest)
 */
guint               bekal_package_info_get_n_files          (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_file_path:
 * @self: a #BekalPackageInfo
 * @index: a file, below bekal_package_info_get_n_files()
 *
 * Returns: (transfer none): the file's name in the package: `module/…` or `media/…`
 */
const char         *bekal_package_info_get_file_path        (BekalPackageInfo    *self,
                                                             guint                index);

/**
 * bekal_package_info_get_file_size:
 * @self: a #BekalPackageInfo
 * @index: a file, below bekal_package_info_get_n_files()
 *
 * Returns: the file's size in bytes, unpacked
 */
guint64             bekal_package_info_get_file_size        (BekalPackageInfo    *self,
                                                             guint                index);

/**
 * bekal_package_info_get_file_sha256:
 * @self: a #BekalPackageInfo
 * @index: a file, below bekal_package_info_get_n_files()
 *
 * Returns: (transfer none): the file's SHA-256, 64 lower-case hexadecimal digits
 */
const char         *bekal_package_info_get_file_sha256      (BekalPackageInfo    *self,
                                                             guint                index);

/**
 * bekal_package_info_get_total_size:
 * @self: a #BekalPackageInfo
 *
 * Returns: the size of all files, unpacked, in bytes
 */
guint64             bekal_package_info_get_total_size       (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_media:
 * @self: a #BekalPackageInfo
 *
 * Returns: (array zero-terminated=1) (transfer none): the names of the media files the module
 *   refers to as `media:NAME`, sorted
 */
const char * const *bekal_package_info_get_media            (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_installed_folder:
 * @self: a #BekalPackageInfo
 *
 * Returns: (transfer none) (nullable): after bekal_package_install(), the module's folder
 */
const char         *bekal_package_info_get_installed_folder (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_backup_folder:
 * @self: a #BekalPackageInfo
 *
 * Returns: (transfer none) (nullable): after bekal_package_install() replaced another
 *   version, the folder that now holds that version
 */
const char         *bekal_package_info_get_backup_folder    (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_replaced_version:
 * @self: a #BekalPackageInfo
 *
 * Returns: (transfer none) (nullable): after bekal_package_install() replaced another
 *   version, that version
 */
const char         *bekal_package_info_get_replaced_version (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_reset_ids:
 * @self: a package info returned by bekal_package_install_finish()
 *
 * After a newer version replaced an older one, what the older version had and the new one
 * lacks, each as `KIND:ID` (`lesson:`, `block:`, `quiz:`, `question:`, `media:`), sorted.
 * Learners' progress and results are kept by module, lesson, quiz, question and media ids, so
 * they carry over wherever an id is unchanged; those listed here are reset.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the ids, or %NULL when
 *   nothing was replaced or the versions could not be compared
 */
const char * const *bekal_package_info_get_reset_ids    (BekalPackageInfo    *self);

/**
 * bekal_package_info_get_block_moves:
 * @self: a package info returned by bekal_package_install_finish()
 *
 * After a newer version replaced an older one, the blocks of the older version that are in
 * another place in the new one, or gone from it; give them to bekal_store_move_blocks() so
 * that the learners' "seen" marks and reading positions follow the blocks. A block with an id
 * is followed by its id, one without by its kind and text.
 *
 * Returns: (nullable) (element-type BekalBlockMove) (transfer none): the moves, or %NULL when
 *   nothing was replaced or the versions could not be compared
 */
GPtrArray          *bekal_package_info_get_block_moves  (BekalPackageInfo    *self);

/**
 * bekal_package_compare_folders:
 * @old_folder: the folder of one version of a module
 * @new_folder: the folder of another version of the same module
 * @media_dirs: (nullable) (array zero-terminated=1): the folders the modules' media are in
 * @error: return location for a #GError
 *
 * Lists the lessons, blocks, quizzes, questions and media of @old_folder whose ids
 * @new_folder lacks, each as `KIND:ID`, sorted. Reads the first module file (by name) of each
 * folder.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the ids (empty when all
 *   carry over), or %NULL with @error set when a folder cannot be read as a module
 */
char              **bekal_package_compare_folders       (const char          *old_folder,
                                                         const char          *new_folder,
                                                         const char * const  *media_dirs,
                                                         GError             **error);

/**
 * bekal_package_verify_async:
 * @path: the package file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when the check is done
 * @user_data: data for @callback
 *
 * Runs bekal_package_verify() in a worker thread.
 */
void                bekal_package_verify_async          (const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);

/**
 * bekal_package_verify_finish:
 * @result: the result given to the callback
 * @diagnostics: (out) (optional) (transfer full) (element-type BekalDiagnostic): the loader's
 *   diagnostics of the packaged module, also when the package is refused
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the package holds, or %NULL with @error set
 */
BekalPackageInfo   *bekal_package_verify_finish         (GAsyncResult        *result,
                                                         GPtrArray          **diagnostics,
                                                         GError             **error);

/**
 * bekal_package_install_async:
 * @path: the package file
 * @modules_dir: (nullable): as for bekal_package_install()
 * @media_dir: (nullable): as for bekal_package_install()
 * @flags: as for bekal_package_install()
 * @cancellable: (nullable): a #GCancellable; cancelling only stops an install that has not
 *   started yet (an install is atomic and is never left half done)
 * @callback: called on the calling thread's main context when the install is done
 * @user_data: data for @callback
 *
 * Runs bekal_package_install() in a worker thread and, when it replaced another version,
 * compares the two (see bekal_package_info_get_reset_ids()).
 */
void                bekal_package_install_async         (const char          *path,
                                                         const char          *modules_dir,
                                                         const char          *media_dir,
                                                         BekalPackageInstallFlags flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);

/**
 * bekal_package_install_finish:
 * @result: the result given to the callback
 * @diagnostics: (out) (optional) (transfer full) (element-type BekalDiagnostic): the loader's
 *   diagnostics of the packaged module
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what was installed, or %NULL with @error set
 */
BekalPackageInfo   *bekal_package_install_finish        (GAsyncResult        *result,
                                                         GPtrArray          **diagnostics,
                                                         GError             **error);

/**
 * bekal_package_list_backups:
 * @modules_dir: (nullable): the modules folder; %NULL for
 *   bekal_package_default_modules_dir()
 *
 * The previous versions bekal_package_install() kept, as names of folders in
 * `MODULES_DIR/.bekal-backups` (`ID-VERSION`), sorted.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, possibly none
 */
char              **bekal_package_list_backups          (const char          *modules_dir);

/**
 * bekal_package_remove_backup:
 * @modules_dir: (nullable): the modules folder; %NULL for
 *   bekal_package_default_modules_dir()
 * @name: a name bekal_package_list_backups() returned
 * @error: return location for a #GError
 *
 * Removes one kept previous version. Refuses any name that is not a folder directly in the
 * backups folder.
 *
 * Returns: %TRUE when the backup is gone
 */
gboolean            bekal_package_remove_backup         (const char          *modules_dir,
                                                         const char          *name,
                                                         GError             **error);

G_END_DECLS
