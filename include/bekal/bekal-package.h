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

#define BEKAL_TYPE_PACKAGE_INFO (bekal_package_info_get_type ())

G_DECLARE_FINAL_TYPE (BekalPackageInfo, bekal_package_info, BEKAL, PACKAGE_INFO, GObject)

GQuark              bekal_package_error_quark               (void);

char               *bekal_package_default_filename          (const char          *module_id,
                                                             const char          *version);
char               *bekal_package_default_modules_dir       (void);
char               *bekal_package_default_media_dir         (const char          *modules_dir);
int                 bekal_package_compare_versions          (const char          *a,
                                                             const char          *b);

BekalPackageInfo   *bekal_package_write                     (const char          *folder,
                                                             const char * const  *media_dirs,
                                                             const char          *output,
                                                             GPtrArray           *diagnostics,
                                                             GError             **error);
BekalPackageInfo   *bekal_package_verify                    (const char          *path,
                                                             GPtrArray           *diagnostics,
                                                             GError             **error);
BekalPackageInfo   *bekal_package_install                   (const char          *path,
                                                             const char          *modules_dir,
                                                             const char          *media_dir,
                                                             BekalPackageInstallFlags flags,
                                                             GPtrArray           *diagnostics,
                                                             GError             **error);

BekalPackageStatus  bekal_package_info_compare_installed    (BekalPackageInfo    *self,
                                                             const char          *modules_dir,
                                                             const char          *media_dir,
                                                             char               **installed_version);

const char         *bekal_package_info_get_path             (BekalPackageInfo    *self);
const char         *bekal_package_info_get_id               (BekalPackageInfo    *self);
const char         *bekal_package_info_get_version          (BekalPackageInfo    *self);
const char * const *bekal_package_info_get_languages        (BekalPackageInfo    *self);
const char         *bekal_package_info_get_title            (BekalPackageInfo    *self,
                                                             const char          *language);
guint               bekal_package_info_get_n_files          (BekalPackageInfo    *self);
const char         *bekal_package_info_get_file_path        (BekalPackageInfo    *self,
                                                             guint                index);
guint64             bekal_package_info_get_file_size        (BekalPackageInfo    *self,
                                                             guint                index);
const char         *bekal_package_info_get_file_sha256      (BekalPackageInfo    *self,
                                                             guint                index);
guint64             bekal_package_info_get_total_size       (BekalPackageInfo    *self);
const char * const *bekal_package_info_get_media            (BekalPackageInfo    *self);
const char         *bekal_package_info_get_installed_folder (BekalPackageInfo    *self);
const char         *bekal_package_info_get_backup_folder    (BekalPackageInfo    *self);
const char         *bekal_package_info_get_replaced_version (BekalPackageInfo    *self);

G_END_DECLS
