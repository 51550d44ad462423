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
  GCancellable *cancellable; /* of the reading under way, or NULL */
};

/* What a worker thread reads: the folders, and the catalog whose loader reads them */
typedef struct
{
  BekalCatalog *catalog;
  GStrv         folders;
} Reload;

G_DEFINE_FINAL_TYPE (BekalCatalogMonitor, bekal_catalog_monitor, G_TYPE_OBJECT)

static void on_folder_changed (GFileMonitor        *monitor,
                               GFile               *file,
                               GFile               *other_file,
                               GFileMonitorEvent    event,
                               BekalCatalogMonitor *self);

static gboolean on_reload_timeout (gpointer user_data);

/* Helpers */

static void
reload_free (Reload *reload)
{
  g_object_unref (reload->catalog);
  g_strfreev (reload->folders);
  g_free (reload);
}

/* Runs in a worker thread: a module folder on a slow stick may take seconds to read */
static void
reload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Reload *reload = task_data;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; reload->folders[i] != NULL; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (fresh, bekal_catalog_load_folder (reload->catalog, reload->folders[i]));
    }

  g_task_return_pointer (task, g_steal_pointer (&fresh), (GDestroyNotify) g_ptr_array_unref);
}

static void
schedule_reload (BekalCatalogMonitor *self)
{
  if (self->reload_source != 0)
    g_source_remove (self->reload_source);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout, self);
}

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

static void
on_reloaded (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Reload *reload = g_task_get_task_data (task);
  g_autoptr(GPtrArray) fresh = NULL;
  BekalCatalogMonitor *self;

  /* cancelled: the monitor was disposed and must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_CATALOG_MONITOR (user_data);
  g_clear_object (&self->cancellable);
  fresh = g_task_propagate_pointer (task, NULL);

  for (guint i = 0; fresh != NULL && i < fresh->len; i++)
    {
      BekalCatalogEntry *entry = find_entry_by_folder (self, reload->folders[i]);

      /* the catalog then tells its views that the entry changed */
      if (entry != NULL)
        bekal_catalog_replace_entry (self->catalog, entry, g_ptr_array_index (fresh, i));
    }

  /* changes that came while the folders were read */
  if (g_hash_table_size (self->pending) > 0)
    schedule_reload (self);
}

static gboolean
on_reload_timeout (gpointer user_data)
{
  BekalCatalogMonitor *self = BEKAL_CATALOG_MONITOR (user_data);
  g_autoptr(GTask) task = NULL;
  Reload *reload;

  self->reload_source = 0;
  /* one reading at a time: the catalog's loader is not shared between threads */
  if (self->cancellable != NULL)
    return G_SOURCE_REMOVE;

  reload = g_new0 (Reload, 1);
  reload->catalog = g_object_ref (self->catalog);
  reload->folders = (GStrv) g_hash_table_get_keys_as_array (self->pending, NULL);
  g_hash_table_steal_all (self->pending);

  self->cancellable = g_cancellable_new ();
  /* no source object: the task must not keep a monitor that went away alive */
  task = g_task_new (NULL, self->cancellable, on_reloaded, self);
  g_task_set_source_tag (task, on_reload_timeout);
  g_task_set_task_data (task, reload, (GDestroyNotify) reload_free);
  g_task_run_in_thread (task, reload_in_thread);

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

  schedule_reload (self);
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
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
