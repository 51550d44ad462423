/* bekal-studio-trial.c: "Try as learner": a saved module opened with a throwaway profile
 *
 * The trial learner lives in a store of its own in a temporary folder: the learners' store,
 * its reports and exports never see it, and no migration is needed to mark a profile as a
 * trial. The folder is removed when the window closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-store.h>

#include "bekal-module-page.h"
#include "bekal-studio-trial.h"

struct _BekalStudioTrial
{
  AdwWindow          parent_instance;

  GSettings         *settings;
  GCancellable      *cancellable;
  char              *data_dir;
  BekalStore        *store;
  gint64             profile_id;
  BekalCatalogEntry *entry;
  gboolean           opened;   /* the module page shows the module */

  GtkStack          *stack;
  AdwStatusPage     *status_page;
  BekalModulePage   *module_page;
};

G_DEFINE_FINAL_TYPE (BekalStudioTrial, bekal_studio_trial, ADW_TYPE_WINDOW)

/* What the worker thread made */
typedef struct
{
  char              *data_dir;
  BekalStore        *store;
  gint64             profile_id;
  BekalCatalogEntry *entry;
} Prepared;

typedef struct
{
  char  *folder;
  char **media_dirs;
} PrepareData;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
prepared_free (Prepared *prepared)
{
  if (prepared->store != NULL)
    g_object_unref (prepared->store);
  if (prepared->data_dir != NULL)
    remove_tree (prepared->data_dir);
  g_free (prepared->data_dir);
  g_clear_object (&prepared->entry);
  g_free (prepared);
}

static void
prepare_data_free (PrepareData *data)
{
  g_free (data->folder);
  g_strfreev (data->media_dirs);
  g_free (data);
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(BekalCatalog) catalog = NULL;
  Prepared *prepared = g_new0 (Prepared, 1);
  GError *error = NULL;

  prepared->data_dir = g_dir_make_tmp ("bekal-trial-XXXXXX", &error);
  if (prepared->data_dir == NULL)
    goto failed;
  prepared->store = bekal_store_open (prepared->data_dir, &error);
  if (prepared->store == NULL)
    goto failed;
  prepared->profile_id = bekal_store_create_profile (prepared->store, _("Trial learner"), "", "",
                                                     0, FALSE, &error);
  if (prepared->profile_id == 0)
    goto failed;

  catalog = bekal_catalog_new (NULL, (const char * const *) data->media_dirs);
  prepared->entry = bekal_catalog_load_folder (catalog, data->folder);
  g_task_return_pointer (task, prepared, (GDestroyNotify) prepared_free);
  return;

failed:
  prepared_free (prepared);
  g_task_return_error (task, error);
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Prepared *prepared;
  BekalStudioTrial *self;
  BekalModule *module;
  g_autoptr(GError) error = NULL;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BEKAL_STUDIO_TRIAL (user_data);
  if (prepared == NULL)
    {
      adw_status_page_set_title (self->status_page, _("Cannot Open the Module"));
      adw_status_page_set_description (self->status_page, error->message);
      return;
    }

  self->data_dir = g_steal_pointer (&prepared->data_dir);
  self->store = g_steal_pointer (&prepared->store);
  self->profile_id = prepared->profile_id;
  self->entry = g_steal_pointer (&prepared->entry);
  prepared_free (prepared);

  module = bekal_catalog_entry_get_module (self->entry, g_get_language_names ());
  if (module == NULL)
    {
      adw_status_page_set_title (self->status_page, _("The Module Has Errors"));
      adw_status_page_set_description (self->status_page,
                                       _("Learners cannot open it yet. Fix the problems the "
                                         "studio lists, save, and try again."));
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), bekal_module_get_title (module));
  bekal_module_page_open (self->module_page, self->entry, module, self->store, self->profile_id,
                          self->settings);
  self->opened = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "module");
}

/* Overrides */

static void
bekal_studio_trial_dispose (GObject *object)
{
  BekalStudioTrial *self = BEKAL_STUDIO_TRIAL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->opened)
    bekal_module_page_close (self->module_page);
  self->opened = FALSE;

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_STUDIO_TRIAL);

  /* the store is closed before its folder goes */
  if (self->store != NULL)
    bekal_store_flush (self->store, NULL);
  g_clear_object (&self->store);
  if (self->data_dir != NULL)
    remove_tree (self->data_dir);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_object (&self->entry);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bekal_studio_trial_parent_class)->dispose (object);
}

static void
bekal_studio_trial_class_init (BekalStudioTrialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_studio_trial_dispose;

  g_type_ensure (BEKAL_TYPE_MODULE_PAGE);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-studio-trial.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalStudioTrial, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioTrial, status_page);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioTrial, module_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
bekal_studio_trial_init (BekalStudioTrial *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

BekalStudioTrial *
bekal_studio_trial_open (GtkWindow          *parent,
                         const char         *folder,
                         const char * const *media_dirs,
                         GSettings          *settings)
{
  BekalStudioTrial *self = g_object_new (BEKAL_TYPE_STUDIO_TRIAL, NULL);
  g_autoptr(GTask) task = NULL;
  PrepareData *data = g_new0 (PrepareData, 1);

  if (parent != NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (parent));
      int height = gtk_widget_get_height (GTK_WIDGET (parent));

      /* as large as the studio: the learner's view at the size the trainer works at */
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  g_set_object (&self->settings, settings);

  data->folder = g_strdup (folder);
  data->media_dirs = g_strdupv ((char **) media_dirs);
  task = g_task_new (NULL, self->cancellable, on_prepared, self);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_in_thread);

  gtk_window_present (GTK_WINDOW (self));

  return self;
}

const char *
bekal_studio_trial_get_data_dir (BekalStudioTrial *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_TRIAL (self), NULL);

  return self->data_dir;
}
