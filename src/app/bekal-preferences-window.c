/* bekal-preferences-window.c: text size, colour scheme, subtitles, the data folder and the
 * backups of replaced module versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-package.h>

#include "bekal-preferences-window.h"

struct _BekalPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  BekalApplication     *application;
  GSettings            *settings;

  AdwComboRow          *text_size_row;
  AdwComboRow          *color_scheme_row;
  AdwComboRow          *subtitle_row;
  AdwActionRow         *data_dir_row;
  AdwActionRow         *store_state_row;
  AdwPreferencesPage   *general_page;
  AdwPreferencesGroup  *backups_group;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (BekalPreferencesWindow, bekal_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* in the order of the rows' models */
static const char *text_sizes[] = { "normal", "large", "projector" };
static const char *color_schemes[] = { "default", "light", "dark" };
static const char *subtitle_languages[] = { "", "id", "en", "off" };

/* Helpers */

static guint
find_value (const char * const *values,
            guint               n_values,
            const char         *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

static void
select_from_settings (AdwComboRow        *row,
                      GSettings          *settings,
                      const char         *key,
                      const char * const *values,
                      guint               n_values)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  adw_combo_row_set_selected (row, find_value (values, n_values, value));
}

static void
save_selection (BekalPreferencesWindow *self,
                AdwComboRow            *row,
                const char             *key,
                const char * const     *values,
                guint                   n_values)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings == NULL || selected >= n_values)
    return;

  g_settings_set_string (self->settings, key, values[selected]);
}

/* Callbacks */

static void
on_text_size_selected (BekalPreferencesWindow *self)
{
  save_selection (self, self->text_size_row, "text-size", text_sizes, G_N_ELEMENTS (text_sizes));
}

static void
on_color_scheme_selected (BekalPreferencesWindow *self)
{
  save_selection (self, self->color_scheme_row, "color-scheme", color_schemes,
                  G_N_ELEMENTS (color_schemes));
}

static void
on_subtitle_selected (BekalPreferencesWindow *self)
{
  save_selection (self, self->subtitle_row, "subtitle-language", subtitle_languages,
                  G_N_ELEMENTS (subtitle_languages));
}

static void
on_open_data_dir_clicked (BekalPreferencesWindow *self)
{
  const char *data_dir = bekal_application_get_data_dir (self->application);
  g_autoptr(GFile) folder = g_file_new_for_path (data_dir);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The folder cannot be opened: %s"),
                                                  error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      /* a toast's title is markup */
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
}

/* Overrides */

/* Runs in a worker thread: a backup is a whole module folder */
static void
remove_backup_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;

  if (bekal_package_remove_backup (NULL, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_backup_removed (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GtkWidget *row = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_set_sensitive (row, TRUE);
    }
  g_object_unref (row);
}

static void
on_remove_backup_clicked (GtkButton              *button,
                          BekalPreferencesWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_backup_removed,
                                      g_object_ref (row));

  gtk_widget_set_sensitive (row, FALSE);
  g_task_set_task_data (task, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))),
                        g_free);
  g_task_run_in_thread (task, remove_backup_in_thread);
}

/* The previous versions kept when newer ones were installed, until the trainer removes them;
 * listing them is one read of one small folder */
static void
add_backups_group (BekalPreferencesWindow *self)
{
  g_auto(GStrv) backups = bekal_package_list_backups (NULL);

  if (backups[0] == NULL)
    return;

  self->backups_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->backups_group, _("Module Backups"));
  adw_preferences_group_set_description (self->backups_group,
                                         _("Previous versions kept when a newer version of a "
                                           "module was installed. Learners' progress does not "
                                           "depend on them."));
  for (guint i = 0; backups[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), backups[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove this backup"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove this backup"), -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_backup_clicked), self,
                               0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->backups_group, row);
    }
  adw_preferences_page_add (self->general_page, self->backups_group);
}

static void
bekal_preferences_window_dispose (GObject *object)
{
  BekalPreferencesWindow *self = BEKAL_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (bekal_preferences_window_parent_class)->dispose (object);
}

static void
bekal_preferences_window_class_init (BekalPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalPreferencesWindow, text_size_row);
  gtk_widget_class_bind_template_child (widget_class, BekalPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, BekalPreferencesWindow, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, BekalPreferencesWindow, data_dir_row);
  gtk_widget_class_bind_template_child (widget_class, BekalPreferencesWindow, store_state_row);
  gtk_widget_class_bind_template_child (widget_class, BekalPreferencesWindow, general_page);
  gtk_widget_class_bind_template_callback (widget_class, on_text_size_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_color_scheme_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_subtitle_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_open_data_dir_clicked);
}

static void
bekal_preferences_window_init (BekalPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

BekalPreferencesWindow *
bekal_preferences_window_new (BekalApplication *application)
{
  BekalPreferencesWindow *self;
  GSettings *settings;
  BekalStore *store;
  const char *state;

  g_return_val_if_fail (BEKAL_IS_APPLICATION (application), NULL);

  self = g_object_new (BEKAL_TYPE_PREFERENCES_WINDOW, NULL);
  settings = bekal_application_get_settings (application);
  store = bekal_application_get_store (application);

  /* the rows show the settings before they start writing them */
  select_from_settings (self->text_size_row, settings, "text-size", text_sizes,
                        G_N_ELEMENTS (text_sizes));
  select_from_settings (self->color_scheme_row, settings, "color-scheme", color_schemes,
                        G_N_ELEMENTS (color_schemes));
  select_from_settings (self->subtitle_row, settings, "subtitle-language", subtitle_languages,
                        G_N_ELEMENTS (subtitle_languages));
  self->application = g_object_ref (application);
  self->settings = g_object_ref (settings);

  adw_action_row_set_subtitle (self->data_dir_row, bekal_application_get_data_dir (application));

  if (bekal_application_is_read_only (application))
    state = _("Read-only: nothing is saved in this session");
  else if (store != NULL)
    state = _("Progress is saved as you go");
  else
    state = _("Not available");
  adw_action_row_set_subtitle (self->store_state_row, state);
  add_backups_group (self);

  return self;
}
