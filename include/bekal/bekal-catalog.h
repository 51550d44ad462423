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

/**
 * BekalCatalog:
 *
 * The modules found in the module folders: a #GListModel of #BekalCatalogEntry, one a module
 * folder. Loading reads every module file and blocks on the disk; the app loads a separate
 * catalog in a worker thread and moves its entries with bekal_catalog_take_entries() in the
 * main thread. A catalog is used from one thread at a time.
 */
G_DECLARE_FINAL_TYPE (BekalCatalog, bekal_catalog, BEKAL, CATALOG, GObject)

/**
 * BekalCatalogEntry:
 *
 * One module folder of a catalog: the module's variants (one a language), loaded and checked,
 * and the diagnostics of every variant. Immutable once loaded: a changed folder gives a new
 * entry.
 */
G_DECLARE_FINAL_TYPE (BekalCatalogEntry, bekal_catalog_entry, BEKAL, CATALOG_ENTRY, GObject)

/**
 * bekal_catalog_default_module_dirs:
 * @extra_dirs: (array zero-terminated=1) (nullable): folders searched first (`--modules-dir`)
 *
 * The module folders searched, in order: @extra_dirs, `BEKAL_MODULES_PATH`,
 * `$XDG_DATA_HOME/bekal/modules`, the installed data folder, and the source tree's `modules/`
 * when running uninstalled (see bekal_paths_search_dirs()).
 *
 * Returns: (transfer full) (array zero-terminated=1): the folders
 */
char        **bekal_catalog_default_module_dirs (const char * const *extra_dirs);

/**
 * bekal_catalog_default_media_dirs:
 * @extra_dirs: (array zero-terminated=1) (nullable): folders searched first (`--media-dir`)
 *
 * The media folders searched, as bekal_catalog_default_module_dirs() with
 * `BEKAL_MEDIA_PATH` and `media`.
 *
 * Returns: (transfer full) (array zero-terminated=1): the folders
 */
char        **bekal_catalog_default_media_dirs  (const char * const *extra_dirs);

/**
 * bekal_catalog_new:
 * @module_dirs: (array zero-terminated=1) (nullable): the folders holding module folders;
 *   copied
 * @media_dirs: (array zero-terminated=1) (nullable): the folders searched for media; copied
 *
 * Creates an empty catalog; bekal_catalog_load() fills it.
 *
 * Returns: (transfer full): a new catalog
 */
BekalCatalog *bekal_catalog_new                  (const char * const *module_dirs,
                                                  const char * const *media_dirs);

/**
 * bekal_catalog_load:
 * @self: a #BekalCatalog
 *
 * Loads every module folder found, replacing the entries, in one #GListModel::items-changed.
 * A module that appears in two folders is taken from the first, so that a user's own copy wins
 * over the installed one. Folders that cannot be read are skipped; broken modules are kept as
 * broken entries. Blocks on the disk. The folders are read on several threads (see
 * bekal_catalog_set_load_threads()); the entries and their diagnostics come out the same, in
 * the same order, as on one.
 */
void          bekal_catalog_load                 (BekalCatalog       *self);

/**
 * bekal_catalog_set_load_threads:
 * @self: a #BekalCatalog
 * @n_threads: how many threads bekal_catalog_load() reads folders on; 0, the default, for one
 *   a processor (at most 8)
 *
 * Sets how many threads a load uses, for example 1 to measure one core.
 */
void          bekal_catalog_set_load_threads     (BekalCatalog       *self,
                                                  guint               n_threads);

/**
 * bekal_catalog_find:
 * @self: a #BekalCatalog
 * @module_id: (nullable): a module id
 *
 * Returns: (transfer none) (nullable): the entry of the module @module_id, or %NULL
 */
BekalCatalogEntry *bekal_catalog_find            (BekalCatalog       *self,
                                                  const char         *module_id);

/**
 * bekal_catalog_dup_modules:
 * @self: a #BekalCatalog
 * @languages: (array zero-terminated=1) (nullable): the languages wanted, best first, such
 *   as g_get_language_names()
 *
 * Returns: (transfer full) (element-type BekalModule): the module of each entry that is not
 *   broken, in the variant bekal_catalog_entry_get_module() picks, in the catalog's order
 */
GPtrArray    *bekal_catalog_dup_modules          (BekalCatalog       *self,
                                                  const char * const *languages);

/**
 * bekal_catalog_reload_entry:
 * @self: a #BekalCatalog
 * @entry: an entry of @self
 *
 * Loads @entry's folder again (after an edit on disk) and puts the new entry in its place;
 * @entry is released. Blocks on the disk: the app uses bekal_catalog_load_folder() in a worker
 * thread and bekal_catalog_replace_entry() instead.
 *
 * Returns: (transfer none) (nullable): the new entry, owned by @self; %NULL when @entry is not
 *   in the catalog
 */
BekalCatalogEntry *bekal_catalog_reload_entry    (BekalCatalog       *self,
                                                  BekalCatalogEntry  *entry);

/**
 * bekal_catalog_load_folder:
 * @self: a #BekalCatalog
 * @folder: a module folder
 *
 * The first half of bekal_catalog_reload_entry(), for a worker thread: reads @folder into a
 * new entry without changing the catalog. Only one call at a time per catalog (the loader is
 * shared). A folder that cannot be loaded gives a broken entry, never %NULL.
 *
 * Returns: (transfer full): the new entry
 */
BekalCatalogEntry *bekal_catalog_load_folder     (BekalCatalog       *self,
                                                  const char         *folder);

/**
 * bekal_catalog_replace_entry:
 * @self: a #BekalCatalog
 * @entry: the entry to replace
 * @fresh: the entry to put in its place, from bekal_catalog_load_folder(); a reference is
 *   taken
 *
 * The second half of bekal_catalog_reload_entry(), for the main thread.
 *
 * Returns: %TRUE if @entry was replaced; %FALSE when @entry is no longer in the catalog
 */
gboolean      bekal_catalog_replace_entry        (BekalCatalog       *self,
                                                  BekalCatalogEntry  *entry,
                                                  BekalCatalogEntry  *fresh);

/**
 * bekal_catalog_take_entries:
 * @self: a #BekalCatalog
 * @source: a catalog loaded in a worker thread
 *
 * Moves every entry of @source into @self, replacing @self's entries in one change; @source
 * is left empty.
 */
void          bekal_catalog_take_entries         (BekalCatalog       *self,
                                                  BekalCatalog       *source);

/**
 * bekal_catalog_entry_get_id:
 * @self: a #BekalCatalogEntry
 *
 * Returns: (transfer none): the module's id; the folder's name when no variant could be
 *   loaded
 */
const char   *bekal_catalog_entry_get_id          (BekalCatalogEntry  *self);

/**
 * bekal_catalog_entry_get_folder:
 * @self: a #BekalCatalogEntry
 *
 * Returns: (transfer none): the module folder
 */
const char   *bekal_catalog_entry_get_folder      (BekalCatalogEntry  *self);

/**
 * bekal_catalog_entry_is_broken:
 * @self: a #BekalCatalogEntry
 *
 * Returns: whether the module cannot be used: no variant loaded, or an error in one
 */
gboolean      bekal_catalog_entry_is_broken       (BekalCatalogEntry  *self);

/**
 * bekal_catalog_entry_get_diagnostics:
 * @self: a #BekalCatalogEntry
 *
 * Returns: (transfer none) (element-type BekalDiagnostic): every diagnostic of every variant,
 *   warnings included
 */
GPtrArray    *bekal_catalog_entry_get_diagnostics (BekalCatalogEntry  *self);

/**
 * bekal_catalog_entry_dup_languages:
 * @self: a #BekalCatalogEntry
 *
 * Returns: (transfer full) (array zero-terminated=1): the sorted languages this module is
 *   available in, possibly none
 */
char        **bekal_catalog_entry_dup_languages   (BekalCatalogEntry  *self);

/**
 * bekal_catalog_entry_get_module:
 * @self: a #BekalCatalogEntry
 * @languages: (array zero-terminated=1) (nullable): the languages wanted, best first, such
 *   as g_get_language_names()
 *
 * Returns: (transfer none) (nullable): the variant for the first matching language, falling
 *   back to Indonesian, then to any; %NULL when the entry is broken
 */
BekalModule  *bekal_catalog_entry_get_module      (BekalCatalogEntry  *self,
                                                   const char * const *languages);

G_END_DECLS
