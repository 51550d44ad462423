/* bekal-window.c: the main window
 *
 * One window holds the screens of the learner app: the profile chooser, the library, a
 * module, the break screen, the learner's results and the trainer's reports. The header
 * bar is shared and follows the screen shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-window-private.h"
#include "bekal-save.h"

static void on_profile_chosen       (BekalWindow *self,
                                     gint64       profile_id);
static void on_module_title_changed (BekalWindow *self);
static void on_learner_removed      (BekalWindow *self,
                                     gint64       profile_id);
static void on_learners_message     (BekalWindow *self,
                                     const char  *text);
static void on_module_progress      (BekalWindow *self);

G_DEFINE_FINAL_TYPE (BekalWindow, bekal_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

static BekalStore *
get_store (BekalWindow *self)
{
  return bekal_application_get_store (self->application);
}

static void
apply_text_size (BekalWindow *self)
{
  GSettings *settings = bekal_application_get_settings (self->application);
  g_autofree char *size = g_settings_get_string (settings, "text-size");

  gtk_widget_remove_css_class (GTK_WIDGET (self), "text-large");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "text-projector");
  if (g_str_equal (size, "large"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "text-large");
  else if (g_str_equal (size, "projector"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "text-projector");
}

static void
restore_size (BekalWindow *self)
{
  GSettings *settings = bekal_application_get_settings (self->application);
  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 400));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gint64
find_last_learner (BekalWindow *self)
{
  BekalStore *store = get_store (self);
  g_autofree char *value = NULL;
  g_autoptr(BekalProfile) profile = NULL;
  gint64 id;

  if (store == NULL)
    return 0;

  value = bekal_store_dup_value (store, BEKAL_STORE_KEY_LAST_PROFILE, NULL);
  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  profile = bekal_store_dup_profile (store, id, NULL);
  return profile != NULL ? id : 0;
}

static char *
dup_learner_name (BekalWindow *self)
{
  g_autoptr(BekalProfile) profile = NULL;

  if (get_store (self) == NULL || self->profile_id == 0)
    return NULL;

  profile = bekal_store_dup_profile (get_store (self), self->profile_id, NULL);
  return profile != NULL ? g_strdup (bekal_profile_get_name (profile)) : NULL;
}

/* The pages other than the library are made when first shown, which keeps the start-up
 * short */
static BekalProfilePage *
ensure_profile_page (BekalWindow *self)
{
  if (self->profile_page == NULL)
    {
      self->profile_page = g_object_new (BEKAL_TYPE_PROFILE_PAGE, NULL);
      g_signal_connect_swapped (self->profile_page, "profile-chosen",
                                G_CALLBACK (on_profile_chosen), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->profile_page), "profiles");
      bekal_profile_page_load (self->profile_page, get_store (self));
    }

  return self->profile_page;
}

static BekalModulePage *
ensure_module_page (BekalWindow *self)
{
  if (self->module_page == NULL)
    {
      self->module_page = g_object_new (BEKAL_TYPE_MODULE_PAGE, NULL);
      g_signal_connect_swapped (self->module_page, "notify::title",
                                G_CALLBACK (on_module_title_changed), self);
      g_signal_connect_swapped (self->module_page, "notify::subtitle",
                                G_CALLBACK (on_module_title_changed), self);
      g_signal_connect_swapped (self->module_page, "progress-changed",
                                G_CALLBACK (on_module_progress), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->module_page), "module");
      self->lessons_binding =
        g_object_bind_property (bekal_module_page_get_flap (self->module_page), "reveal-flap",
                                self->lessons_button, "active",
                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }

  return self->module_page;
}

static BekalBreakPage *
ensure_break_page (BekalWindow *self)
{
  if (self->break_page == NULL)
    {
      self->break_page = g_object_new (BEKAL_TYPE_BREAK_PAGE, NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->break_page), "break");
    }

  return self->break_page;
}

static BekalMyResultsPage *
ensure_my_results_page (BekalWindow *self)
{
  if (self->my_results_page == NULL)
    {
      self->my_results_page = BEKAL_MY_RESULTS_PAGE (bekal_my_results_page_new ());
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->my_results_page), "results");
    }

  return self->my_results_page;
}

static BekalGapReportPage *
ensure_gap_report_page (BekalWindow *self)
{
  if (self->gap_report_page == NULL)
    {
      self->gap_report_page = BEKAL_GAP_REPORT_PAGE (bekal_gap_report_page_new ());
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->gap_report_page), "gap-report");
    }

  return self->gap_report_page;
}

static BekalLearnersPage *
ensure_learners_page (BekalWindow *self)
{
  if (self->learners_page == NULL)
    {
      self->learners_page = BEKAL_LEARNERS_PAGE (bekal_learners_page_new ());
      g_signal_connect_swapped (self->learners_page, "learner-removed",
                                G_CALLBACK (on_learner_removed), self);
      g_signal_connect_swapped (self->learners_page, "message",
                                G_CALLBACK (on_learners_message), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->learners_page), "learners");
    }

  return self->learners_page;
}

static BekalItemAnalysisPage *
ensure_item_analysis_page (BekalWindow *self)
{
  if (self->item_analysis_page == NULL)
    {
      self->item_analysis_page = BEKAL_ITEM_ANALYSIS_PAGE (bekal_item_analysis_page_new ());
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->item_analysis_page), "item-analysis");
    }

  return self->item_analysis_page;
}

/* Callbacks */

static void
on_profile_chosen (BekalWindow *self,
                   gint64       profile_id)
{
  bekal_window_open_learner (self, profile_id);
}

static void
on_learner_removed (BekalWindow *self,
                    gint64       profile_id)
{
  /* the profile in use went away: nobody is learning now */
  if (profile_id != self->profile_id)
    return;

  self->profile_id = 0;
  g_free (self->page_before_results);
  self->page_before_results = g_strdup ("profiles");
  if (self->profile_page != NULL)
    bekal_profile_page_load (self->profile_page, get_store (self));
}

static void
on_learners_message (BekalWindow *self,
                     const char  *text)
{
  bekal_window_show_toast (self, text);
}

static void
on_module_activated (BekalWindow       *self,
                     BekalCatalogEntry *entry)
{
  bekal_window_open_module (self, bekal_catalog_entry_get_id (entry));
}

static void
on_module_title_changed (BekalWindow *self)
{
  bekal_window_update_header (self);
}

static void
on_module_progress (BekalWindow *self)
{
  /* the card of the module shows "passed" as soon as the learner is back in the library */
  bekal_library_page_refresh (self->library_page);
}

static void
on_page_changed (BekalWindow *self)
{
  bekal_window_update_header (self);
}

static void
on_text_size_changed (GSettings   *settings,
                      const char  *key,
                      BekalWindow *self)
{
  apply_text_size (self);
}

static void
on_catalog_items_changed (GListModel  *catalog,
                          guint        position,
                          guint        removed,
                          guint        added,
                          BekalWindow *self)
{
  BekalCatalogEntry *open_entry = NULL;
  const char *page = bekal_window_get_page_name (self);
  g_autoptr(BekalCatalogEntry) entry = NULL;
  g_autofree char *message = NULL;

  if (self->module_page != NULL)
    open_entry = bekal_module_page_get_entry (self->module_page);
  if (open_entry == NULL || added != 1 || removed != 1)
    return;
  if (!g_str_equal (page, "module")
      && !(g_str_equal (page, "break") && g_strcmp0 (self->page_before_break, "module") == 0))
    return;

  entry = g_list_model_get_item (catalog, position);
  if (entry == NULL || entry == open_entry
      || g_strcmp0 (bekal_catalog_entry_get_folder (entry),
                    bekal_catalog_entry_get_folder (open_entry)) != 0)
    return;

  bekal_module_page_entry_reloaded (self->module_page, entry);
  message = bekal_catalog_entry_is_broken (entry)
            ? g_strdup (_("This module was changed on disk and now has problems. Your progress "
                          "is kept."))
            : g_strdup (_("This module was updated on disk."));
  bekal_window_show_toast (self, message);
}

static void
on_catalog_loading_changed (BekalWindow *self)
{
  bekal_library_page_set_loading (self->library_page,
                                  bekal_application_is_catalog_loading (self->application));
}

static gboolean
on_close_request (GtkWindow *window)
{
  BekalWindow *self = BEKAL_WINDOW (window);
  GSettings *settings = bekal_application_get_settings (self->application);
  int width, height;

  /* nothing read or typed is lost when the window closes */
  if (self->module_page != NULL)
    bekal_lesson_view_flush (bekal_module_page_get_lesson_view (self->module_page));

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));

  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_show_read_only_idle (gpointer user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);

  bekal_window_show_read_only (self);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static void
on_map (GtkWidget *widget)
{
  BekalWindow *self = BEKAL_WINDOW (widget);

  if (!bekal_application_is_read_only (self->application)
      || gtk_revealer_get_reveal_child (self->read_only_revealer))
    return;

  gtk_revealer_set_reveal_child (self->read_only_revealer, TRUE);
  /* once the window is on screen, so that the dialog comes on top of it */
  g_idle_add (on_show_read_only_idle, g_object_ref (self));
}

/* Overrides */

static void
bekal_window_dispose (GObject *object)
{
  BekalWindow *self = BEKAL_WINDOW (object);

  if (self->application != NULL)
    {
      g_signal_handlers_disconnect_by_data (bekal_application_get_catalog (self->application),
                                            self);
      g_signal_handlers_disconnect_by_data (bekal_application_get_settings (self->application),
                                            self);
    }
  g_clear_weak_pointer (&self->focus_before_break);
  g_clear_weak_pointer (&self->read_only_dialog);
  g_clear_pointer (&self->lessons_binding, g_binding_unbind);
  bekal_window_dispose_results (self);
  bekal_window_dispose_trainer (self);
  bekal_window_dispose_package (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_WINDOW);

  G_OBJECT_CLASS (bekal_window_parent_class)->dispose (object);
}

static void
bekal_window_finalize (GObject *object)
{
  BekalWindow *self = BEKAL_WINDOW (object);

  g_free (self->page_before_break);
  g_free (self->page_before_results);

  G_OBJECT_CLASS (bekal_window_parent_class)->finalize (object);
}

static void
bekal_window_class_init (BekalWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_window_dispose;
  object_class->finalize = bekal_window_finalize;

  g_type_ensure (BEKAL_TYPE_LIBRARY_PAGE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, lessons_button);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, break_button);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, BekalWindow, trainer_button);
  gtk_widget_class_bind_template_callback (widget_class, on_module_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
}

static void
bekal_window_init (BekalWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  bekal_window_install_actions (self);
  bekal_window_install_trainer_actions (self);
  bekal_window_install_session_actions (self);
}

/* Internal API */

void
bekal_window_show_page (BekalWindow *self,
                        const char  *name)
{
  if (g_str_equal (name, "profiles"))
    ensure_profile_page (self);
  else if (g_str_equal (name, "module"))
    ensure_module_page (self);
  else if (g_str_equal (name, "break"))
    ensure_break_page (self);
  else if (g_str_equal (name, "results"))
    ensure_my_results_page (self);
  else if (g_str_equal (name, "gap-report"))
    ensure_gap_report_page (self);
  else if (g_str_equal (name, "item-analysis"))
    ensure_item_analysis_page (self);

  gtk_stack_set_visible_child_name (self->stack, name);
  bekal_window_update_header (self);
}

void
bekal_window_update_header (BekalWindow *self)
{
  const char *page = bekal_window_get_page_name (self);
  g_autofree char *learner = dup_learner_name (self);
  gboolean on_module = g_str_equal (page, "module");
  gboolean on_break = g_str_equal (page, "break");
  gboolean on_results = g_str_equal (page, "results");
  gboolean on_report = g_str_equal (page, "gap-report");
  gboolean on_items = g_str_equal (page, "item-analysis");
  gboolean on_learners = g_str_equal (page, "learners");
  GAction *my_results = g_action_map_lookup_action (G_ACTION_MAP (self), "show-my-results");

  /* the header is first updated while the template is built, before the actions exist; on
   * the chooser, the next person must not open the last learner's results */
  if (my_results != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (my_results),
                                 self->profile_id != 0 && !g_str_equal (page, "profiles"));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          on_module || on_break || on_results || on_report || on_items
                          || on_learners);
  gtk_widget_set_visible (GTK_WIDGET (self->lessons_button), on_module);
  gtk_widget_set_visible (GTK_WIDGET (self->break_button), !on_break);

  if (g_str_equal (page, "profiles"))
    {
      adw_window_title_set_title (self->window_title, _("Bekal"));
      adw_window_title_set_subtitle (self->window_title, _("Welcome"));
    }
  else if (g_str_equal (page, "library"))
    {
      adw_window_title_set_title (self->window_title, _("Library"));
      adw_window_title_set_subtitle (self->window_title, learner ? learner : "");
    }
  else if (on_module && self->module_page != NULL)
    {
      const char *title = bekal_module_page_get_title (self->module_page);
      const char *subtitle = bekal_module_page_get_subtitle (self->module_page);

      adw_window_title_set_title (self->window_title, title ? title : "");
      adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
    }
  else if (on_break)
    {
      adw_window_title_set_title (self->window_title, _("Take a Break"));
      adw_window_title_set_subtitle (self->window_title, "");
    }
  else if (on_results)
    {
      adw_window_title_set_title (self->window_title, _("My Results"));
      adw_window_title_set_subtitle (self->window_title, learner ? learner : "");
    }
  else if (on_report)
    {
      adw_window_title_set_title (self->window_title, _("Gap Report"));
      adw_window_title_set_subtitle (self->window_title, _("Trainer’s view"));
    }
  else if (on_items)
    {
      adw_window_title_set_title (self->window_title, _("Item Analysis"));
      adw_window_title_set_subtitle (self->window_title, _("Trainer’s view"));
    }
  else if (on_learners)
    {
      adw_window_title_set_title (self->window_title, _("Learners"));
      adw_window_title_set_subtitle (self->window_title, _("Trainer’s view"));
    }
}

GPtrArray *
bekal_window_dup_modules (BekalWindow *self)
{
  return bekal_catalog_dup_modules (bekal_application_get_catalog (self->application),
                                    g_get_language_names ());
}

/* Public API */

BekalWindow *
bekal_window_new (BekalApplication *application)
{
  BekalWindow *self;
  GSettings *settings;
  gint64 last;

  g_return_val_if_fail (BEKAL_IS_APPLICATION (application), NULL);

  self = g_object_new (BEKAL_TYPE_WINDOW, "application", application, NULL);
  self->application = application;
  settings = bekal_application_get_settings (application);

  restore_size (self);
  apply_text_size (self);
  g_signal_connect (settings, "changed::text-size", G_CALLBACK (on_text_size_changed), self);
  g_signal_connect (bekal_application_get_catalog (application), "items-changed",
                    G_CALLBACK (on_catalog_items_changed), self);

  bekal_library_page_set_catalog (self->library_page, bekal_application_get_catalog (application));
  bekal_library_page_set_loading (self->library_page,
                                  bekal_application_is_catalog_loading (application));
  g_signal_connect_object (application, "notify::catalog-loading",
                           G_CALLBACK (on_catalog_loading_changed), self, G_CONNECT_SWAPPED);

  /* on a shared laptop, the next person must not land in the last learner's progress and
   * private reflections: the chooser comes first, with the last learner on top. Only the
   * start-up benchmark goes straight to the library. */
  last = find_last_learner (self);
  if (last != 0 && bekal_application_get_resume_last_profile (application))
    {
      /* a protected profile waits on the chooser for its PIN */
      bekal_window_show_page (self, "profiles");
      bekal_window_open_learner (self, last);
    }
  else
    bekal_window_show_page (self, "profiles");

  return self;
}

const char *
bekal_window_get_page_name (BekalWindow *self)
{
  const char *name;

  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->stack);
  return name != NULL ? name : "profiles";
}

gint64
bekal_window_get_learner (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), 0);

  return self->profile_id;
}

void
bekal_window_set_learner (BekalWindow *self,
                          gint64       profile_id)
{
  BekalStore *store;
  g_autofree char *value = NULL;

  g_return_if_fail (BEKAL_IS_WINDOW (self));

  store = get_store (self);
  self->profile_id = profile_id;
  value = g_strdup_printf ("%" G_GINT64_FORMAT, profile_id);
  if (store != NULL && !bekal_store_is_read_only (store))
    bekal_save_value (store, BEKAL_STORE_KEY_LAST_PROFILE, value);

  bekal_library_page_set_learner (self->library_page, store, profile_id);
  bekal_window_show_page (self, "library");
}

gboolean
bekal_window_open_module (BekalWindow *self,
                          const char  *module_id)
{
  BekalCatalog *catalog;
  BekalCatalogEntry *entry;
  BekalModule *module;

  g_return_val_if_fail (BEKAL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  catalog = bekal_application_get_catalog (self->application);
  entry = bekal_catalog_find (catalog, module_id);
  if (entry == NULL)
    return FALSE;

  module = bekal_catalog_entry_get_module (entry, g_get_language_names ());
  if (module == NULL)
    return FALSE;

  bekal_window_show_page (self, "module");
  bekal_module_page_open (ensure_module_page (self), entry, module, get_store (self),
                          self->profile_id, bekal_application_get_settings (self->application));
  bekal_window_update_header (self);

  return TRUE;
}

void
bekal_window_show_toast (BekalWindow *self,
                         const char  *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (BEKAL_IS_WINDOW (self));

  /* a toast's title is markup; messages may quote paths and errors */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

BekalProfilePage *
bekal_window_get_profile_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_profile_page (self);
}

BekalLibraryPage *
bekal_window_get_library_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return self->library_page;
}

BekalModulePage *
bekal_window_get_module_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_module_page (self);
}

BekalBreakPage *
bekal_window_get_break_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_break_page (self);
}

BekalMyResultsPage *
bekal_window_get_my_results_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_my_results_page (self);
}

BekalGapReportPage *
bekal_window_get_gap_report_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_gap_report_page (self);
}

BekalItemAnalysisPage *
bekal_window_get_item_analysis_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_item_analysis_page (self);
}

GtkWidget *
bekal_window_get_read_only_dialog (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return self->read_only_dialog;
}

BekalLearnersPage *
bekal_window_get_learners_page (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return ensure_learners_page (self);
}

/* Internal API */

void
bekal_window_show_learners_page (BekalWindow *self)
{
  const char *page = bekal_window_get_page_name (self);

  if (!g_str_equal (page, "results") && !g_str_equal (page, "gap-report")
      && !g_str_equal (page, "item-analysis") && !g_str_equal (page, "learners")
      && !g_str_equal (page, "break"))
    {
      g_free (self->page_before_results);
      self->page_before_results = g_strdup (page);
    }
  {
    g_autoptr(GPtrArray) modules = bekal_window_dup_modules (self);

    bekal_learners_page_set_modules (ensure_learners_page (self), modules);
  }
  bekal_learners_page_load (ensure_learners_page (self), get_store (self));
  bekal_window_show_page (self, "learners");
}
