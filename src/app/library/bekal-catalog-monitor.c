/* bekal-catalog-monitor.c: reloads a module when its files change on disk
 *
 * A trainer may edit a module while a learner has Bekal open. Each module folder is watched;
 * a burst of changes is reloaded once, shortly after it settles, and the catalog then tells its
 * views that the entry changed (a module that broke is shown as broken).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-catalog-monitor.h"

#define RELOAD_DELAY_MS 400

struct _BekalCatalogMonitor
{
  GObject       parent_instance;

  BekalCatalog *catalog;
  GHashTable   *monitors; /* folder → GFileMonitor */
  GHashTable   *pending;  /* folders with changes not reloaded yet */
  guint         reload_source;
};

G_DEFINE_FINAL_TYPE (BekalCatalogMonitor, bekal_catalog_monitor, G_TYPE_OBJECT)

static void on_folder_changed (GFileMonitor        *monitor,
                               GFile               *file,
                               GFile               *other_file,
                               GFileMonitorEvent    event,
                               BekalCatalogMonitor *self);

/* Helpers */

static void
watch_catalog (BekalCatalogMonitor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);
      const char *folder = bekal_catalog_entry_get_folder (entry);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFileMonitor) monitor = NULL;
      g_autoptr(GError) error = NULL;

      if (g_hash_table_contains (self->monitors, folder))
        continue;

      file = g_file_new_for_path (folder);
      monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (monitor == NULL)
        {
          g_debug ("Not watching %s: %s", folder, error->message);
          continue;
        }

      g_signal_connect_object (monitor, "changed", G_CALLBACK (on_folder_changed), self, 0);
      g_hash_table_insert (self->monitors, g_strdup (folder), g_steal_pointer (&monitor));
    }
}

static BekalCatalogEntry *
find_entry_by_folder (BekalCatalogMonitor *self,
                      const char          *folder)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);

      if (g_strcmp0 (bekal_catalog_entry_get_folder (entry), folder) == 0)
        return entry;
    }

  return NULL;
}

/* Callbacks */

static gboolean
on_reload_timeout (gpointer user_data)
{
  BekalCatalogMonitor *self = BEKAL_CATALOG_MONITOR (user_data);
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->pending);
  GHashTableIter iter;
  gpointer folder;

  self->reload_source = 0;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &folder, NULL))
    {
      BekalCatalogEntry *entry = find_entry_by_folder (self, folder);

      if (entry != NULL)
        bekal_catalog_reload_entry (self->catalog, entry);
    }

  return G_SOURCE_REMOVE;
}

static void
on_folder_changed (GFileMonitor        *monitor,
                   GFile               *file,
                   GFile               *other_file,
                   GFileMonitorEvent    event,
                   BekalCatalogMonitor *self)
{
  GHashTableIter iter;
  gpointer folder, value;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_CHANGED:
      break;
    default:
      return;
    }

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &folder, &value))
    if (value == monitor)
      g_hash_table_add (self->pending, g_strdup (folder));

  if (self->reload_source != 0)
    g_source_remove (self->reload_source);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout, self);
}

static void
on_catalog_items_changed (GListModel          *catalog,
                          guint                position,
                          guint                removed,
                          guint                added,
                          BekalCatalogMonitor *self)
{
  watch_catalog (self);
}

/* Overrides */

static void
bekal_catalog_monitor_dispose (GObject *object)
{
  BekalCatalogMonitor *self = BEKAL_CATALOG_MONITOR (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitors != NULL)
    {
      GHashTableIter iter;
      gpointer monitor;

      g_hash_table_iter_init (&iter, self->monitors);
      while (g_hash_table_iter_next (&iter, NULL, &monitor))
        g_file_monitor_cancel (monitor);
    }
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (bekal_catalog_monitor_parent_class)->dispose (object);
}

static void
bekal_catalog_monitor_class_init (BekalCatalogMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bekal_catalog_monitor_dispose;
}

static void
bekal_catalog_monitor_init (BekalCatalogMonitor *self)
{
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

BekalCatalogMonitor *
bekal_catalog_monitor_new (BekalCatalog *catalog)
{
  BekalCatalogMonitor *self;

  g_return_val_if_fail (BEKAL_IS_CATALOG (catalog), NULL);

  self = g_object_new (BEKAL_TYPE_CATALOG_MONITOR, NULL);
  self->catalog = g_object_ref (catalog);
  g_signal_connect_object (catalog, "items-changed", G_CALLBACK (on_catalog_items_changed), self,
                           0);
  watch_catalog (self);

  return self;
}
