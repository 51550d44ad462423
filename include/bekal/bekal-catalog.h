/* bekal-catalog.h: the modules found on this machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-model.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_CATALOG       (bekal_catalog_get_type ())
#define BEKAL_TYPE_CATALOG_ENTRY (bekal_catalog_entry_get_type ())

G_DECLARE_FINAL_TYPE (BekalCatalog, bekal_catalog, BEKAL, CATALOG, GObject)
G_DECLARE_FINAL_TYPE (BekalCatalogEntry, bekal_catalog_entry, BEKAL, CATALOG_ENTRY, GObject)

/* The folders searched, in order: the given extra folders (--modules-dir), BEKAL_MODULES_PATH,
 * $XDG_DATA_HOME/bekal/modules, the installed data folder, and the source tree's modules/
 * when running uninstalled. Media folders follow the same pattern with BEKAL_MEDIA_PATH. */
char        **bekal_catalog_default_module_dirs (const char * const *extra_dirs);
char        **bekal_catalog_default_media_dirs  (const char * const *extra_dirs);

/* A catalog is a GListModel of BekalCatalogEntry */
BekalCatalog *bekal_catalog_new                  (const char * const *module_dirs,
                                                  const char * const *media_dirs);
void          bekal_catalog_load                 (BekalCatalog       *self);
BekalCatalogEntry *bekal_catalog_find            (BekalCatalog       *self,
                                                  const char         *module_id);
/* Loads one folder again (after an edit on disk) and replaces its entry */
BekalCatalogEntry *bekal_catalog_reload_entry    (BekalCatalog       *self,
                                                  BekalCatalogEntry  *entry);
/* The two halves of bekal_catalog_reload_entry(), for a worker thread and the main one:
 * reads @folder into a new entry without changing the catalog (one at a time per catalog),
 * then puts @fresh in the place of @entry; FALSE when @entry is no longer in the catalog */
BekalCatalogEntry *bekal_catalog_load_folder     (BekalCatalog       *self,
                                                  const char         *folder);
gboolean      bekal_catalog_replace_entry        (BekalCatalog       *self,
                                                  BekalCatalogEntry  *entry,
                                                  BekalCatalogEntry  *fresh);
/* Moves every entry of @source (loaded in a worker thread) into @self, in one change */
void          bekal_catalog_take_entries         (BekalCatalog       *self,
                                                  BekalCatalog       *source);

const char   *bekal_catalog_entry_get_id          (BekalCatalogEntry  *self);
const char   *bekal_catalog_entry_get_folder      (BekalCatalogEntry  *self);
gboolean      bekal_catalog_entry_is_broken       (BekalCatalogEntry  *self);
/* every diagnostic of every variant, warnings included */
GPtrArray    *bekal_catalog_entry_get_diagnostics (BekalCatalogEntry  *self);
/* the sorted list of languages this module is available in */
char        **bekal_catalog_entry_dup_languages   (BekalCatalogEntry  *self);
/* the variant for the first matching language, falling back to Indonesian, then to any */
BekalModule  *bekal_catalog_entry_get_module      (BekalCatalogEntry  *self,
                                                   const char * const *languages);

G_END_DECLS
