/* bekal-catalog.c: the modules found on this machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-paths.h>

struct _BekalCatalogEntry
{
  GObject     parent_instance;
  char       *id;
  char       *folder;
  GHashTable *variants;    /* language → BekalModule */
  GPtrArray  *diagnostics;
};

struct _BekalCatalog
{
  GObject      parent_instance;
  GStrv        module_dirs;
  GStrv        media_dirs;
  BekalLoader *loader;
  GPtrArray   *entries;
  guint        load_threads; /* 0: one a processor */
};

/* Loading a catalog's folders on several threads: each thread takes the next folder and has a
 * loader of its own, since a loader caches the media folders it has resolved */
typedef struct
{
  GPtrArray           *folders;
  BekalCatalogEntry  **entries;     /* one a folder, in the folders' order */
  const char * const  *media_dirs;
  guint                next;        /* atomic: the next folder to load */
} LoadJob;

/* More threads than this gain little: the disk and malloc become the limit */
#define MAX_LOAD_THREADS 8

static void bekal_catalog_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (BekalCatalogEntry, bekal_catalog_entry, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (BekalCatalog, bekal_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bekal_catalog_list_model_init))

/* Helpers */

static BekalCatalogEntry *
load_entry (BekalLoader *loader,
            const char  *folder)
{
  BekalCatalogEntry *entry = g_object_new (BEKAL_TYPE_CATALOG_ENTRY, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  entry->folder = g_strdup (folder);
  entry->variants = bekal_loader_load_folder (loader, folder, entry->diagnostics, &error);

  if (entry->variants == NULL)
    {
      entry->variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_ptr_array_add (entry->diagnostics,
                       bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, folder, 0, 0, error->message));
    }

  g_hash_table_iter_init (&iter, entry->variants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *id = bekal_module_get_id (value);

      if (entry->id == NULL)
        entry->id = g_strdup (id);
      else if (g_strcmp0 (entry->id, id) != 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("The files of this module have different ids (“%s” and “%s”); "
                               "every language must use the same module id."), entry->id, id);

          g_ptr_array_add (entry->diagnostics,
                           bekal_diagnostic_new (BEKAL_SEVERITY_ERROR,
                                                 bekal_module_get_path (value), 1, 0, message));
        }
    }

  /* a broken module is still listed, under its folder name */
  if (entry->id == NULL)
    entry->id = g_path_get_basename (folder);

  return entry;
}

static gpointer
load_job_run (gpointer data)
{
  LoadJob *job = data;
  g_autoptr(BekalLoader) loader = bekal_loader_new (job->media_dirs);
  guint index;

  while ((index = (guint) g_atomic_int_add (&job->next, 1)) < job->folders->len)
    job->entries[index] = load_entry (loader, g_ptr_array_index (job->folders, index));

  return NULL;
}

static guint
count_load_threads (BekalCatalog *self,
                    guint         n_folders)
{
  guint n = self->load_threads != 0 ? self->load_threads : g_get_num_processors ();

  return CLAMP (MIN (n, n_folders), 1, MAX_LOAD_THREADS);
}

/* Every module folder in the module folders, in the order they are searched */
static GPtrArray *
list_module_folders (BekalCatalog *self)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->module_dirs && self->module_dirs[i]; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (self->module_dirs[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;

      while ((name = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, bekal_compare_strings);

      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *folder = g_build_filename (self->module_dirs[i],
                                                      g_ptr_array_index (names, j), NULL);

          if (g_file_test (folder, G_FILE_TEST_IS_DIR)
              && bekal_loader_folder_has_module_file (folder))
            g_ptr_array_add (folders, g_steal_pointer (&folder));
        }
    }

  return folders;
}

static gboolean
language_matches (const char *wanted,
                  const char *available)
{
  gsize len = strlen (available);

  /* "id_ID.UTF-8" and "id" both match a module in "id" */
  return g_ascii_strncasecmp (wanted, available, len) == 0
         && (wanted[len] == '\0' || wanted[len] == '_' || wanted[len] == '-'
             || wanted[len] == '.' || wanted[len] == '@');
}

/* GListModel */

static GType
bekal_catalog_get_item_type (GListModel *model)
{
  return BEKAL_TYPE_CATALOG_ENTRY;
}

static guint
bekal_catalog_get_n_items (GListModel *model)
{
  return BEKAL_CATALOG (model)->entries->len;
}

static gpointer
bekal_catalog_get_item (GListModel *model,
                        guint       position)
{
  BekalCatalog *self = BEKAL_CATALOG (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
bekal_catalog_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bekal_catalog_get_item_type;
  iface->get_n_items = bekal_catalog_get_n_items;
  iface->get_item = bekal_catalog_get_item;
}

/* Overrides */

static void
bekal_catalog_entry_finalize (GObject *object)
{
  BekalCatalogEntry *self = BEKAL_CATALOG_ENTRY (object);

  g_free (self->id);
  g_free (self->folder);
  g_clear_pointer (&self->variants, g_hash_table_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_catalog_entry_parent_class)->finalize (object);
}

static void
bekal_catalog_entry_class_init (BekalCatalogEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_catalog_entry_finalize;
}

static void
bekal_catalog_entry_init (BekalCatalogEntry *self)
{
  self->diagnostics = bekal_diagnostics_new ();
}

static void
bekal_catalog_finalize (GObject *object)
{
  BekalCatalog *self = BEKAL_CATALOG (object);

  g_strfreev (self->module_dirs);
  g_strfreev (self->media_dirs);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_catalog_parent_class)->finalize (object);
}

static void
bekal_catalog_class_init (BekalCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_catalog_finalize;
}

static void
bekal_catalog_init (BekalCatalog *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

char **
bekal_catalog_default_module_dirs (const char * const *extra_dirs)
{
  return bekal_paths_search_dirs ("modules", "BEKAL_MODULES_PATH", extra_dirs);
}

char **
bekal_catalog_default_media_dirs (const char * const *extra_dirs)
{
  return bekal_paths_search_dirs ("media", "BEKAL_MEDIA_PATH", extra_dirs);
}

BekalCatalog *
bekal_catalog_new (const char * const *module_dirs,
                   const char * const *media_dirs)
{
  BekalCatalog *self = g_object_new (BEKAL_TYPE_CATALOG, NULL);

  self->module_dirs = g_strdupv ((char **) module_dirs);
  self->media_dirs = g_strdupv ((char **) media_dirs);
  self->loader = bekal_loader_new (media_dirs);

  return self;
}

void
bekal_catalog_set_load_threads (BekalCatalog *self,
                                guint         n_threads)
{
  g_return_if_fail (BEKAL_IS_CATALOG (self));

  self->load_threads = n_threads;
}

/* Loads every module folder found; a module that appears in two folders is taken from the
 * first, so that a user's own copy wins over the installed one */
void
bekal_catalog_load (BekalCatalog *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) folders = NULL;
  g_autofree BekalCatalogEntry **entries = NULL;
  guint n_threads;
  guint old_len;

  g_return_if_fail (BEKAL_IS_CATALOG (self));

  folders = list_module_folders (self);
  entries = g_new0 (BekalCatalogEntry *, folders->len + 1);
  n_threads = count_load_threads (self, folders->len);

  if (n_threads == 1)
    {
      for (guint i = 0; i < folders->len; i++)
        entries[i] = load_entry (self->loader, g_ptr_array_index (folders, i));
    }
  else
    {
      LoadJob job = { folders, entries, (const char * const *) self->media_dirs, 0 };
      g_autoptr(GPtrArray) threads = g_ptr_array_new ();

      for (guint i = 1; i < n_threads; i++)
        {
          GThread *thread = g_thread_try_new ("bekal-catalog", load_job_run, &job, NULL);

          if (thread != NULL)
            g_ptr_array_add (threads, thread);
        }
      /* this thread loads too, so that a thread that cannot start loses no folder */
      load_job_run (&job);
      for (guint i = 0; i < threads->len; i++)
        g_thread_join (g_ptr_array_index (threads, i));
    }

  old_len = self->entries->len;
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; i < folders->len; i++)
    {
      BekalCatalogEntry *entry = entries[i];

      if (g_hash_table_contains (seen, entry->id))
        {
          g_object_unref (entry);
          continue;
        }

      g_hash_table_add (seen, entry->id);
      g_ptr_array_add (self->entries, entry);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->entries->len);
}

BekalCatalogEntry *
bekal_catalog_find (BekalCatalog *self,
                    const char   *module_id)
{
  g_return_val_if_fail (BEKAL_IS_CATALOG (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      BekalCatalogEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->id, module_id) == 0)
        return entry;
    }

  return NULL;
}

GPtrArray *
bekal_catalog_dup_modules (BekalCatalog       *self,
                           const char * const *languages)
{
  GPtrArray *modules = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (BEKAL_IS_CATALOG (self), modules);

  for (guint i = 0; i < self->entries->len; i++)
    {
      BekalModule *module = bekal_catalog_entry_get_module (g_ptr_array_index (self->entries, i),
                                                            languages);

      if (module != NULL)
        g_ptr_array_add (modules, g_object_ref (module));
    }

  return modules;
}

BekalCatalogEntry *
bekal_catalog_reload_entry (BekalCatalog      *self,
                            BekalCatalogEntry *entry)
{
  guint position;
  BekalCatalogEntry *fresh;

  g_return_val_if_fail (BEKAL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (entry), NULL);

  if (!g_ptr_array_find (self->entries, entry, &position))
    return NULL;

  fresh = load_entry (self->loader, entry->folder);
  g_ptr_array_index (self->entries, position) = fresh;
  g_object_unref (entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);

  return fresh;
}

BekalCatalogEntry *
bekal_catalog_load_folder (BekalCatalog *self,
                           const char   *folder)
{
  g_return_val_if_fail (BEKAL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  return load_entry (self->loader, folder);
}

gboolean
bekal_catalog_replace_entry (BekalCatalog      *self,
                             BekalCatalogEntry *entry,
                             BekalCatalogEntry *fresh)
{
  guint position;

  g_return_val_if_fail (BEKAL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (entry), FALSE);
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (fresh), FALSE);

  if (!g_ptr_array_find (self->entries, entry, &position))
    return FALSE;

  g_ptr_array_index (self->entries, position) = g_object_ref (fresh);
  g_object_unref (entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);

  return TRUE;
}

void
bekal_catalog_take_entries (BekalCatalog *self,
                            BekalCatalog *source)
{
  guint old_len;

  g_return_if_fail (BEKAL_IS_CATALOG (self));
  g_return_if_fail (BEKAL_IS_CATALOG (source));

  old_len = self->entries->len;
  g_ptr_array_set_size (self->entries, 0);
  g_ptr_array_extend_and_steal (self->entries, g_steal_pointer (&source->entries));
  source->entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->entries->len);
  g_list_model_items_changed (G_LIST_MODEL (source), 0, self->entries->len, 0);
}

const char *
bekal_catalog_entry_get_id (BekalCatalogEntry *self)
{
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (self), NULL);
  return self->id;
}

const char *
bekal_catalog_entry_get_folder (BekalCatalogEntry *self)
{
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (self), NULL);
  return self->folder;
}

gboolean
bekal_catalog_entry_is_broken (BekalCatalogEntry *self)
{
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (self), TRUE);
  return g_hash_table_size (self->variants) == 0
         || bekal_diagnostics_has_errors (self->diagnostics);
}

GPtrArray *
bekal_catalog_entry_get_diagnostics (BekalCatalogEntry *self)
{
  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (self), NULL);
  return self->diagnostics;
}

char **
bekal_catalog_entry_dup_languages (BekalCatalogEntry *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  char **languages;

  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->variants, &n);
  languages = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    languages[i] = g_strdup (keys[i]);
  qsort (languages, n, sizeof (char *), bekal_compare_strings);

  return languages;
}

BekalModule *
bekal_catalog_entry_get_module (BekalCatalogEntry  *self,
                                const char * const *languages)
{
  GHashTableIter iter;
  gpointer key, value;
  BekalModule *fallback = NULL;

  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (self), NULL);

  if (bekal_catalog_entry_is_broken (self))
    return NULL;

  for (guint i = 0; languages && languages[i]; i++)
    {
      g_hash_table_iter_init (&iter, self->variants);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (language_matches (languages[i], key))
          return value;
    }

  if ((fallback = g_hash_table_lookup (self->variants, "id")))
    return fallback;

  g_hash_table_iter_init (&iter, self->variants);
  if (g_hash_table_iter_next (&iter, NULL, &value))
    return value;

  return NULL;
}
