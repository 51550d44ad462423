/* bekal-window-actions.c: the actions of the main window (break, back, learner, results,
 * toasts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-window-private.h"
#include "bekal-studio-window.h"

/* Helpers */

static void
leave_module (BekalWindow *self)
{
  bekal_module_page_close (bekal_window_get_module_page (self));
  bekal_library_page_refresh (self->library_page);
  bekal_window_show_page (self, "library");
}

/* The results and report pages go back to the page they were opened from */
static gboolean
is_results_page (const char *page)
{
  return g_str_equal (page, "results") || g_str_equal (page, "gap-report")
         || g_str_equal (page, "item-analysis") || g_str_equal (page, "learners");
}

static void
remember_page (BekalWindow *self)
{
  const char *page = bekal_window_get_page_name (self);

  if (is_results_page (page) || g_str_equal (page, "break"))
    return;

  g_free (self->page_before_results);
  self->page_before_results = g_strdup (page);
}

static void
leave_results (BekalWindow *self)
{
  const char *page = self->page_before_results;

  if (page == NULL || (self->profile_id == 0 && !g_str_equal (page, "profiles")))
    page = self->profile_id != 0 ? "library" : "profiles";
  bekal_window_show_page (self, page);
}

static char *
describe_read_only (BekalWindow *self)
{
  const GError *problem = bekal_application_get_store_problem (self->application);
  const char *data_dir = bekal_application_get_data_dir (self->application);

  /* the store's message names what it found and the command that repairs it */
  if (g_error_matches (problem, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FOREIGN_SCHEMA))
    return g_strdup_printf (_("%s\n\nBekal is open with a temporary store: what you do now is "
                              "not kept after Bekal closes."),
                            problem->message);

  return g_strdup_printf (_("%s\n\nBekal is open in read-only mode: you can read every module, "
                            "but what you do now is not kept after Bekal closes. Progress saved "
                            "earlier in “%s” is safe and has not been changed.\n\nTo keep your "
                            "progress, ask for help to make the folder writable, or start Bekal "
                            "with a folder you can write to, for example on a USB stick:\n"
                            "bekal --data-dir FOLDER"),
                          problem != NULL ? problem->message : "", data_dir);
}

/* Callbacks */

static void
on_take_break (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);
  const char *page = bekal_window_get_page_name (self);

  if (g_str_equal (page, "break"))
    return;

  g_free (self->page_before_break);
  self->page_before_break = g_strdup (page);
  g_set_weak_pointer (&self->focus_before_break, gtk_root_get_focus (GTK_ROOT (self)));

  /* the place is saved now, in case the learner closes Bekal during the break */
  if (self->module_page != NULL)
    bekal_lesson_view_flush (bekal_module_page_get_lesson_view (self->module_page));

  bekal_window_show_page (self, "break");
  bekal_break_page_focus_return (bekal_window_get_break_page (self));
}

static void
on_end_break (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);

  if (!g_str_equal (bekal_window_get_page_name (self), "break"))
    return;

  bekal_window_show_page (self, self->page_before_break ? self->page_before_break : "library");
  if (self->focus_before_break != NULL && gtk_widget_get_mapped (self->focus_before_break))
    gtk_widget_grab_focus (self->focus_before_break);
  g_clear_weak_pointer (&self->focus_before_break);
}

static void
on_go_back (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);
  const char *page = bekal_window_get_page_name (self);

  if (g_str_equal (page, "break"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "end-break", NULL);
  else if (g_str_equal (page, "module"))
    {
      /* from a quiz, back to where it was opened */
      if (!bekal_module_page_go_back (bekal_window_get_module_page (self)))
        leave_module (self);
    }
  else if (is_results_page (page))
    leave_results (self);
  else if (g_str_equal (page, "profiles") && self->profile_id != 0)
    bekal_window_show_page (self, "library");
}

static void
on_switch_learner (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);

  if (self->module_page != NULL)
    bekal_module_page_close (self->module_page);
  bekal_profile_page_load (bekal_window_get_profile_page (self),
                           bekal_application_get_store (self->application));
  bekal_window_show_page (self, "profiles");
}

static void
on_show_my_results (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);
  g_autoptr(GPtrArray) modules = NULL;

  /* on the chooser, the next person must not see the last learner's results */
  if (self->profile_id == 0 || g_str_equal (bekal_window_get_page_name (self), "profiles"))
    return;

  modules = bekal_window_dup_modules (self);
  remember_page (self);
  bekal_my_results_page_load (bekal_window_get_my_results_page (self),
                              bekal_application_get_store (self->application), self->profile_id,
                              modules);
  bekal_window_update_pin_state (self);
  bekal_window_show_page (self, "results");
}

static void
show_gap_report (BekalWindow *self,
                 gpointer     data)
{
  g_autoptr(GPtrArray) modules = bekal_window_dup_modules (self);

  remember_page (self);
  bekal_gap_report_page_load (bekal_window_get_gap_report_page (self),
                              bekal_application_get_store (self->application), modules);
  bekal_window_show_page (self, "gap-report");
}

static void
show_item_analysis (BekalWindow *self,
                    gpointer     data)
{
  g_autoptr(GPtrArray) modules = bekal_window_dup_modules (self);

  remember_page (self);
  bekal_item_analysis_page_load (bekal_window_get_item_analysis_page (self),
                                 bekal_application_get_store (self->application), modules);
  bekal_window_show_page (self, "item-analysis");
}

/* The trainer's views ask for the trainer passphrase first (bekal-window-trainer.c) */
static void
on_show_gap_report (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), show_gap_report, NULL);
}

static void
on_show_item_analysis (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), show_item_analysis, NULL);
}

static void
show_studio (BekalWindow *self,
             gpointer     data)
{
  BekalStudioWindow *studio =
    bekal_studio_window_new (GTK_APPLICATION (self->application),
                             bekal_application_get_settings (self->application));

  gtk_window_present (GTK_WINDOW (studio));
}

static void
on_studio (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), show_studio, NULL);
}

static void
on_search (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);

  if (g_str_equal (bekal_window_get_page_name (self), "library"))
    bekal_library_page_focus_search (self->library_page);
}

static void
on_toast (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  bekal_window_show_toast (BEKAL_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_show_read_only_details (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  bekal_window_show_read_only (BEKAL_WINDOW (user_data));
}

/* Internal API */

void
bekal_window_show_read_only (BekalWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->read_only_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->read_only_dialog));
      return;
    }

  body = describe_read_only (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Your Progress Cannot Be Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "continue", _("_Continue Read-Only"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  g_set_weak_pointer (&self->read_only_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bekal_window_install_actions (BekalWindow *self)
{
  static const GActionEntry actions[] = {
    { "take-break", on_take_break },
    { "end-break", on_end_break },
    { "go-back", on_go_back },
    { "switch-learner", on_switch_learner },
    { "search", on_search },
    { "show-my-results", on_show_my_results },
    { "show-gap-report", on_show_gap_report },
    { "show-item-analysis", on_show_item_analysis },
    { "studio", on_studio },
    { "toast", on_toast, "s" },
    { "show-read-only-details", on_show_read_only_details },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  bekal_window_install_results_actions (self);
  bekal_window_install_package_actions (self);
}
