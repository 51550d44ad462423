/* bekal-package-private.h: what the parts of the package code share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-package.h>

G_BEGIN_DECLS

#define BEKAL_PACKAGE_MANIFEST_NAME "manifest.xml"
#define BEKAL_PACKAGE_MODULE_PREFIX "module/"
#define BEKAL_PACKAGE_MEDIA_PREFIX  "media/"
#define BEKAL_PACKAGE_BACKUPS_DIR   ".bekal-backups"

/* One file of a package, as the manifest lists it */
typedef struct
{
  char    *path;   /* inside the package: module/… or media/… */
  guint64  size;
  char    *sha256; /* lower-case hex */
} BekalPackageFile;

struct _BekalPackageInfo
{
  GObject     parent_instance;
  char       *path;
  char       *id;
  char       *version;
  GStrv       languages;    /* sorted */
  GHashTable *titles;       /* language → title */
  GPtrArray  *files;        /* of BekalPackageFile, sorted by path */
  GStrv       media;        /* media names (after media/), sorted */
  guint64     total_size;
  char       *installed_folder;
  char       *backup_folder;
  char       *replaced_version;
  GStrv       reset_ids;    /* after replacing: "kind:id" the new version lacks */
  GPtrArray  *block_moves;  /* after replacing: of BekalBlockMove */
};

BekalPackageInfo *bekal_package_info_new           (void);
void              bekal_package_info_add_file      (BekalPackageInfo   *self,
                                                    const char         *path,
                                                    guint64             size,
                                                    const char         *sha256);
/* sorts the files, sums their sizes, lists the media and the languages */
void              bekal_package_info_finish        (BekalPackageInfo   *self);
const BekalPackageFile *bekal_package_info_find_file (BekalPackageInfo *self,
                                                      const char       *path);

/* The manifest */
char             *bekal_package_manifest_write     (BekalPackageInfo   *info,
                                                    gsize              *length);
BekalPackageInfo *bekal_package_manifest_parse     (const char         *data,
                                                    gsize               length,
                                                    GError            **error);

/* NULL when @name may be a file of a package, else why not (for a message) */
const char       *bekal_package_check_name         (const char         *name);
/* The key under which two names that differ only in case (or in Unicode normalisation) are
 * the same */
char             *bekal_package_fold_name          (const char         *name);

/* Unpacks @path into the existing empty folder @dest (dest/module/…, dest/media/…), checking
 * every entry against the limits and the manifest as it is read. Without @keep_media the media
 * are checked but written as empty files (enough for the loader, which only resolves them). */
BekalPackageInfo *bekal_package_unpack             (const char         *path,
                                                    const char         *dest,
                                                    gboolean            keep_media,
                                                    GError            **error);
/* Loads the unpacked module and checks that it matches the manifest */
gboolean          bekal_package_check_module       (BekalPackageInfo   *info,
                                                    const char         *dest,
                                                    GPtrArray          *diagnostics,
                                                    GError            **error);

/* Adds to @names (media name → resolved path) every media:NAME the module refers to */
void              bekal_package_collect_media      (gpointer            module,
                                                    GHashTable         *names);

/* Adds to @names the regular files under @root/@relative (@relative NULL for @root itself),
 * '/'-separated and relative to @root, in name order; hidden files are left out, links and
 * special files refused */
gboolean          bekal_package_list_folder        (const char         *root,
                                                    const char         *relative,
                                                    GPtrArray          *names,
                                                    GError            **error);

/* The SHA-256 of a file, in hex; its size in @size */
char             *bekal_package_hash_file          (const char         *path,
                                                    guint64            *size,
                                                    GError            **error);
/* Removes a folder and everything in it, never following links */
void              bekal_package_remove_tree        (const char         *path);

/* libarchive converts names through the current locale: these make it UTF-8 for the calling
 * thread only, whatever the program's locale */
gpointer          bekal_package_enter_utf8_locale  (void);
void              bekal_package_leave_utf8_locale  (gpointer            cookie);

G_END_DECLS
