/* bekal-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <bekal/bekal-diagnostic.h>

#include "bekal-window.h"

struct _BekalWindow
{
  AdwApplicationWindow  parent_instance;

  GtkStack             *stack;
  GtkListBox           *module_list;
};

G_DEFINE_FINAL_TYPE (BekalWindow, bekal_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

static GtkWidget *
create_broken_row (BekalCatalogEntry *entry)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GPtrArray *diagnostics = bekal_catalog_entry_get_diagnostics (entry);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (_("This module has problems and cannot be opened (%u). Details for "
                                "the trainer:"),
                              bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_catalog_entry_get_id (entry));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "module-broken");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "caption");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
    }

  return row;
}

static GtkWidget *
create_module_row (BekalModule *module)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *duration;
  g_autofree char *minutes = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_module_get_title (module));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bekal_module_get_summary (module));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                          bekal_module_get_duration_minutes (module)),
                             bekal_module_get_duration_minutes (module));
  duration = gtk_label_new (minutes);
  gtk_widget_add_css_class (duration, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), duration);

  return row;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  BekalCatalogEntry *entry = item;
  BekalModule *module = bekal_catalog_entry_get_module (entry, g_get_language_names ());

  if (module == NULL)
    return create_broken_row (entry);

  return create_module_row (module);
}

static void
update_page (BekalWindow *self,
             GListModel  *catalog)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (catalog) > 0 ? "library" : "empty");
}

/* Callbacks */

static void
on_catalog_items_changed (GListModel  *catalog,
                          guint        position,
                          guint        removed,
                          guint        added,
                          BekalWindow *self)
{
  update_page (self, catalog);
}

/* Overrides */

static void
bekal_window_class_init (BekalWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/bekal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, module_list);
}

static void
bekal_window_init (BekalWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

BekalWindow *
bekal_window_new (BekalApplication *application)
{
  BekalWindow *self = g_object_new (BEKAL_TYPE_WINDOW, "application", application, NULL);
  GListModel *catalog = G_LIST_MODEL (bekal_application_get_catalog (application));

  gtk_list_box_bind_model (self->module_list, catalog, create_row, self, NULL);
  g_signal_connect_object (catalog, "items-changed", G_CALLBACK (on_catalog_items_changed), self,
                           0);
  update_page (self, catalog);

  return self;
}
