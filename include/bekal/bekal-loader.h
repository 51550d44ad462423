/* bekal-loader.h: reads module files safely and checks them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/* Limits applied to every module file */
#define BEKAL_LOADER_MAX_FILE_SIZE (32 * 1024 * 1024)
#define BEKAL_LOADER_MAX_DEPTH     64
#define BEKAL_LOADER_MAX_ATTRIBUTES 64 /* on one element, namespace declarations included */

#define BEKAL_LOADER_ERROR (bekal_loader_error_quark ())

typedef enum
{
  BEKAL_LOADER_ERROR_IO,
  BEKAL_LOADER_ERROR_INVALID,
} BekalLoaderError;

#define BEKAL_TYPE_LOADER (bekal_loader_get_type ())

G_DECLARE_FINAL_TYPE (BekalLoader, bekal_loader, BEKAL, LOADER, GObject)

GQuark              bekal_loader_error_quark    (void);
BekalLoader        *bekal_loader_new            (const char * const *media_dirs);
const char * const *bekal_loader_get_media_dirs (BekalLoader        *self);

/* Loads one module file. Problems in the content become diagnostics (appended to
 * @diagnostics) and give NULL with BEKAL_LOADER_ERROR_INVALID; a file that cannot be read
 * gives NULL with BEKAL_LOADER_ERROR_IO. A module with only warnings is returned. */
BekalModule        *bekal_loader_load_file      (BekalLoader        *self,
                                                 const char         *path,
                                                 GPtrArray          *diagnostics,
                                                 GError            **error);

/* Loads every module.LANG.xml of a module folder and checks that the translations have the
 * same structure and ids. Returns the valid variants (possibly empty), keyed by language. */
GHashTable         *bekal_loader_load_folder    (BekalLoader        *self,
                                                 const char         *folder,
                                                 GPtrArray          *diagnostics,
                                                 GError            **error);

/* The language of a file named module.LANG.xml, or NULL */
char               *bekal_loader_language_from_filename (const char *path);
/* Whether @folder holds at least one module.LANG.xml file */
gboolean            bekal_loader_folder_has_module_file (const char *folder);

G_END_DECLS
