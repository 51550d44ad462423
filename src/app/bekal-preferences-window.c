/* bekal-preferences-window.c: text size, colour scheme, subtitles and the data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

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

static void
bekal_preferences_window_dispose (GObject *object)
{
  BekalPreferencesWindow *self = BEKAL_PREFERENCES_WINDOW (object);

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
  gtk_widget_class_bind_template_callback (widget_class, on_text_size_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_color_scheme_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_subtitle_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_open_data_dir_clicked);
}

static void
bekal_preferences_window_init (BekalPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  return self;
}
