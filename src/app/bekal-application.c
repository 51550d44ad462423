/* bekal-application.c: the Bekal application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-paths.h>

#include "bekal-application.h"
#include "bekal-catalog-monitor.h"
#include "bekal-player.h"
#include "bekal-preferences-window.h"
#include "bekal-window.h"

/* How long a write may wait for another process's lock: on the main thread, and at exit */
#define INTERACTIVE_LOCK_WAIT_MS 15
#define CLOSING_LOCK_WAIT_MS     5000

struct _BekalApplication
{
  AdwApplication       parent_instance;

  BekalCatalog        *catalog;
  GMutex               catalog_lock;
  BekalCatalog        *catalog_result;  /* read by the worker thread, not taken yet */
  gboolean             catalog_loading; /* the worker thread has not handed it over yet */
  BekalCatalogMonitor *catalog_monitor;
  BekalStore          *store;
  GError              *store_problem;
  char                *temporary_dir; /* holds a throw-away store when the real one failed */
  GSettings           *settings;
  GStrv                module_dirs;
  char                *data_dir;
  gboolean             quit_after_first_frame;
  gboolean             resume_last_profile;
};

enum
{
  PROP_0,
  PROP_CATALOG_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BekalApplication, bekal_application, ADW_TYPE_APPLICATION)

/* Helpers */

static BekalCatalog *
load_catalog (const char * const *extra_module_dirs)
{
  g_auto(GStrv) module_dirs = bekal_catalog_default_module_dirs (extra_module_dirs);
  g_auto(GStrv) media_dirs = bekal_catalog_default_media_dirs (NULL);
  BekalCatalog *catalog = bekal_catalog_new ((const char * const *) module_dirs,
                                             (const char * const *) media_dirs);

  bekal_catalog_load (catalog);
  return catalog;
}

/* Runs in a worker thread while GTK starts: the catalog touches neither. The result is left
 * where the main thread can take it as soon as it is there, without waiting for the task's
 * callback. */
static void
load_catalog_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  BekalApplication *self = BEKAL_APPLICATION (source_object);
  BekalCatalog *catalog = load_catalog ((const char * const *) task_data);

  g_mutex_lock (&self->catalog_lock);
  self->catalog_result = catalog;
  g_mutex_unlock (&self->catalog_lock);

  g_task_return_boolean (task, TRUE);
}

/* Takes what the worker thread read, if it is done: it becomes the catalog, or fills the
 * empty one the window already shows */
static void
take_catalog_result (BekalApplication *self)
{
  BekalCatalog *result;

  g_mutex_lock (&self->catalog_lock);
  result = g_steal_pointer (&self->catalog_result);
  g_mutex_unlock (&self->catalog_lock);

  if (result == NULL)
    return;

  if (self->catalog == NULL)
    self->catalog = result;
  else
    {
      bekal_catalog_take_entries (self->catalog, result);
      g_object_unref (result);
    }

  self->catalog_loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_LOADING]);
}

static void
ensure_catalog (BekalApplication *self)
{
  if (self->catalog != NULL)
    return;

  take_catalog_result (self);
  /* still being read: the window starts with an empty catalog that fills when it is read */
  if (self->catalog == NULL && self->catalog_loading)
    {
      g_auto(GStrv) module_dirs =
        bekal_catalog_default_module_dirs ((const char * const *) self->module_dirs);
      g_auto(GStrv) media_dirs = bekal_catalog_default_media_dirs (NULL);

      self->catalog = bekal_catalog_new ((const char * const *) module_dirs,
                                         (const char * const *) media_dirs);
    }
  else if (self->catalog == NULL)
    self->catalog = load_catalog ((const char * const *) self->module_dirs);

  self->catalog_monitor = bekal_catalog_monitor_new (self->catalog);
}

/* The schema of an uninstalled build lives in the build tree; it has to be known before
 * GSettings is first used */
static void
use_uninstalled_schemas (void)
{
  const char *current = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *dir = g_build_filename (BEKAL_BUILD_ROOT, "data", NULL);
  g_autofree char *value = NULL;

  if (!bekal_paths_running_uninstalled ())
    return;
  if (current != NULL && g_str_has_prefix (current, dir))
    return;

  if (current != NULL && current[0] != '\0')
    value = g_strconcat (dir, G_SEARCHPATH_SEPARATOR_S, current, NULL);
  else
    value = g_strdup (dir);

  g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);
}

static gboolean
schema_is_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  return schema != NULL;
}

static void
remove_temporary_dir (const char *dir)
{
  static const char *names[] = {
    BEKAL_STORE_FILE_NAME,
    BEKAL_STORE_FILE_NAME "-wal",
    BEKAL_STORE_FILE_NAME "-shm",
    BEKAL_STORE_FILE_NAME "-journal",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* A store that cannot be opened must not stop the learner: Bekal goes on with a throw-away
 * store, says so, and leaves the real data folder untouched */
static void
open_store (BekalApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->store = bekal_store_open (bekal_application_get_data_dir (self), &error);
  if (self->store != NULL)
    {
      /* the window never waits for another process's lock: writes go through
       * bekal_store_write_async(), which tries again without blocking */
      bekal_store_set_lock_wait (self->store, INTERACTIVE_LOCK_WAIT_MS);
      if (bekal_store_is_read_only (self->store))
        self->store_problem = g_error_new (BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_READ_ONLY,
                                           _("The data folder “%s” cannot be written."),
                                           bekal_application_get_data_dir (self));
      return;
    }

  g_message ("Cannot open the learner store: %s", error->message);
  self->store_problem = g_steal_pointer (&error);

  self->temporary_dir = g_dir_make_tmp ("bekal-XXXXXX", &error);
  if (self->temporary_dir != NULL)
    self->store = bekal_store_open (self->temporary_dir, &error);

  if (self->store == NULL)
    g_warning ("Cannot open a temporary store either: %s", error ? error->message : "");
}

static void
apply_color_scheme (BekalApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Callbacks */

/* Once the window is drawn, GStreamer starts on a worker thread, so that opening the first
 * video never waits for it (after an update it rebuilds its plugin registry: seconds) */
static gboolean
on_idle_init_player (gpointer data)
{
  bekal_player_init_in_background ();
  return G_SOURCE_REMOVE;
}

static void
on_catalog_loaded (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* the task holds the application: it is still there */
  take_catalog_result (BEKAL_APPLICATION (source_object));
}

/* Runs in a worker thread: the folders read again after a module was installed */
static void
reload_catalog_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  g_task_return_pointer (task, load_catalog ((const char * const *) task_data), g_object_unref);
}

static void
on_catalog_reloaded (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BekalApplication *self = BEKAL_APPLICATION (source_object);
  g_autoptr(BekalCatalog) catalog = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GTask) done = user_data;

  if (catalog != NULL && self->catalog != NULL)
    bekal_catalog_take_entries (self->catalog, catalog);
  if (done != NULL)
    g_task_return_boolean (done, TRUE);
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  BekalApplication *self = BEKAL_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* closing the windows lets them save what is pending */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  BekalApplication *self = BEKAL_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  BekalPreferencesWindow *preferences = bekal_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BekalApplication *self = BEKAL_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Bekal team"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Bekal"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Orientation for new social workers who support clients "
                                       "associated with violent extremism. Works fully offline."),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_color_scheme_changed (GSettings        *settings,
                         const char       *key,
                         BekalApplication *self)
{
  apply_color_scheme (self);
}

static void
on_first_frame_painted (GdkFrameClock *frame_clock,
                        gpointer       user_data)
{
  /* for bench/bench-startup: the monotonic clock is shared by all processes */
  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (frame_clock, on_first_frame_painted, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_window_mapped_quit (GtkWidget *window,
                       gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame_painted), user_data);
}

/* Overrides */

static int
bekal_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  BekalApplication *self = BEKAL_APPLICATION (application);
  /* "^a&ay" borrows the strings from the option variant: only the array is ours to free */
  g_autofree const char **module_dirs = NULL;
  const char *data_dir = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("bekal %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "modules-dir", "^a&ay", &module_dirs))
    self->module_dirs = g_strdupv ((char **) module_dirs);
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");
  self->resume_last_profile = g_variant_dict_contains (options, "resume-last-profile");

  use_uninstalled_schemas ();
  if (!schema_is_installed ())
    {
      g_printerr (_("The settings schema %s is not installed. Install Bekal with “meson install”, "
                    "or start it from its build folder.\n"), APPLICATION_ID);
      return 1;
    }

  return -1;
}

static void
bekal_application_activate (GApplication *application)
{
  BekalApplication *self = BEKAL_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      ensure_catalog (self);
      window = GTK_WINDOW (bekal_window_new (self));

      if (self->quit_after_first_frame)
        g_signal_connect (window, "map", G_CALLBACK (on_window_mapped_quit), self);
      else
        g_idle_add_full (G_PRIORITY_LOW, on_idle_init_player, NULL, NULL);
    }

  gtk_window_present (window);
}

/* A .bekal file opened from the file manager: the window shows what it holds */
static void
bekal_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GtkWindow *window;

  bekal_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  for (int i = 0; i < n_files && window != NULL; i++)
    bekal_window_open_package (BEKAL_WINDOW (window), files[i]);
}

static void
bekal_application_startup (GApplication *application)
{
  BekalApplication *self = BEKAL_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "quit", on_quit_activated },
    { "preferences", on_preferences_activated },
    { "about", on_about_activated },
  };
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.take-break", { "<Control>b", NULL } },
    { "win.go-back", { "<Alt>Left", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.switch-learner", { "<Control><Shift>l", NULL } },
  };

  use_uninstalled_schemas ();

  /* the modules are read on a second core while GTK and libadwaita start: the catalog
   * touches neither, and it is handed over when it is read, never waited for */
  if (self->catalog == NULL && !self->catalog_loading)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, on_catalog_loaded, NULL);

      self->catalog_loading = TRUE;
      g_task_set_source_tag (task, bekal_application_startup);
      g_task_set_task_data (task, g_strdupv (self->module_dirs), (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, load_catalog_in_thread);
    }

  G_APPLICATION_CLASS (bekal_application_parent_class)->startup (application);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, 0);
  apply_color_scheme (self);

  /* the app icon of an uninstalled build is in the source tree */
  if (bekal_paths_running_uninstalled ())
    {
      g_autofree char *icons = g_build_filename (BEKAL_SOURCE_ROOT, "data", "icons", NULL);

      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      icons);
    }

  open_store (self);

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions),
                                   application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action,
                                           accels[i].accels);
}

static void
bekal_application_shutdown (GApplication *application)
{
  BekalApplication *self = BEKAL_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (bekal_application_parent_class)->shutdown (application);

  /* queued progress and answers are written even if something still holds the store;
   * closing may wait for another process, the window is gone */
  if (self->store != NULL)
    bekal_store_set_lock_wait (self->store, CLOSING_LOCK_WAIT_MS);
  if (self->store != NULL && !bekal_store_flush (self->store, &error))
    g_warning ("Progress could not be saved: %s", error->message);

  g_clear_object (&self->catalog_monitor);
  g_clear_object (&self->store);
  if (self->temporary_dir != NULL)
    remove_temporary_dir (self->temporary_dir);
  g_clear_pointer (&self->temporary_dir, g_free);
}

static void
bekal_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BekalApplication *self = BEKAL_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CATALOG_LOADING:
      g_value_set_boolean (value, bekal_application_is_catalog_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_application_finalize (GObject *object)
{
  BekalApplication *self = BEKAL_APPLICATION (object);

  g_clear_object (&self->catalog_result);
  g_mutex_clear (&self->catalog_lock);

  g_clear_object (&self->catalog_monitor);
  g_clear_object (&self->catalog);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_problem);
  if (self->temporary_dir != NULL)
    remove_temporary_dir (self->temporary_dir);
  g_free (self->temporary_dir);
  g_strfreev (self->module_dirs);
  g_free (self->data_dir);

  G_OBJECT_CLASS (bekal_application_parent_class)->finalize (object);
}

static void
bekal_application_class_init (BekalApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = bekal_application_get_property;
  object_class->finalize = bekal_application_finalize;
  app_class->handle_local_options = bekal_application_handle_local_options;
  app_class->startup = bekal_application_startup;
  app_class->shutdown = bekal_application_shutdown;
  app_class->activate = bekal_application_activate;
  app_class->open = bekal_application_open;

  /* TRUE while the modules are read and the catalog may still be empty */
  properties[PROP_CATALOG_LOADING] =
    g_param_spec_boolean ("catalog-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bekal_application_init (BekalApplication *self)
{
  const GOptionEntry options[] = {
    { "modules-dir", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("Also look for modules in DIR"), N_("DIR") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep profiles and results in DIR (for example on a USB stick)"), N_("DIR") },
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    /* for the start-up benchmark, which times the library: learners always start on the
     * profile chooser */
    { "resume-last-profile", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_mutex_init (&self->catalog_lock);
}

/* Public API */

BekalApplication *
bekal_application_new (void)
{
  return g_object_new (BEKAL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/bekal_peksos/Bekal",
                       NULL);
}

gboolean
bekal_application_is_catalog_loading (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), FALSE);

  return self->catalog_loading;
}

BekalCatalog *
bekal_application_get_catalog (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  ensure_catalog (self);
  return self->catalog;
}

const char *
bekal_application_get_data_dir (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  if (self->data_dir == NULL)
    self->data_dir = bekal_paths_default_data_dir ();

  return self->data_dir;
}

GSettings *
bekal_application_get_settings (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  return self->settings;
}

BekalStore *
bekal_application_get_store (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  return self->store;
}

gboolean
bekal_application_is_read_only (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), TRUE);

  return self->store_problem != NULL;
}

gboolean
bekal_application_get_resume_last_profile (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), FALSE);

  return self->resume_last_profile;
}

const GError *
bekal_application_get_store_problem (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  return self->store_problem;
}

void
bekal_application_reload_catalog (BekalApplication    *self,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *done = NULL;

  g_return_if_fail (BEKAL_IS_APPLICATION (self));

  if (callback != NULL)
    done = g_task_new (self, NULL, callback, user_data);
  task = g_task_new (self, NULL, on_catalog_reloaded, done);
  g_task_set_task_data (task, g_strdupv (self->module_dirs), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, reload_catalog_in_thread);
}
