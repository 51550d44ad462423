/* ui-session-util.c: finding the group session's windows and acting as a trainer on them,
 * shared by the session's UI test and the end-to-end driver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-window.h"
#include "test-ui-util.h"
#include "ui-session-util.h"

GtkWidget *
ui_session_find_named (GtkWidget  *root,
                       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_session_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWindow *
ui_session_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

gboolean
ui_session_toplevel_is_shown (gpointer data)
{
  GtkWindow *window = ui_session_find_toplevel ((GType) GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window))
         && gtk_widget_get_width (GTK_WIDGET (window)) > 1;
}

gboolean
ui_session_toplevel_is_gone (gpointer data)
{
  return ui_session_find_toplevel ((GType) GPOINTER_TO_SIZE (data)) == NULL;
}

GtkWindow *
ui_session_wait_for_toplevel (GType       type,
                              const char *what)
{
  ui_wait_until (ui_session_toplevel_is_shown, GSIZE_TO_POINTER (type), what);
  return ui_session_find_toplevel (type);
}

gboolean
ui_session_trainer_dialog_shown (gpointer data)
{
  GtkWidget *dialog = bekal_window_get_trainer_dialog (BEKAL_WINDOW (data));

  return dialog != NULL && gtk_widget_get_mapped (dialog) && gtk_widget_get_width (dialog) > 1;
}

void
ui_session_screenshot_alone (GtkWindow  *window,
                             GtkWindow  *other,
                             const char *dir,
                             const char *name)
{
  gtk_widget_set_visible (GTK_WIDGET (other), FALSE);
  ui_save_screenshot (window, dir, name);
  gtk_widget_set_visible (GTK_WIDGET (other), TRUE);
}

void
ui_session_press_key (GtkWidget *widget,
                      guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (gtk_event_controller_get_propagation_phase (
                         GTK_EVENT_CONTROLLER (controller)), ==, GTK_PHASE_CAPTURE);
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget, NULL));
              found = TRUE;
              break;
            }
        }
    }
  g_object_unref (controllers);
  g_assert_true (found);
}

void
ui_session_open_as_trainer (BekalWindow *window,
                            const char  *passphrase)
{
  AdwMessageDialog *gate;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.group-session", NULL));
  ui_wait_until (ui_session_trainer_dialog_shown, window, "the passphrase dialog");
  gate = ADW_MESSAGE_DIALOG (bekal_window_get_trainer_dialog (window));
  gtk_editable_set_text (GTK_EDITABLE (ui_session_find_named (GTK_WIDGET (gate),
                                                              "trainer-passphrase")),
                         passphrase);
  g_object_ref (gate);
  gtk_window_destroy (GTK_WINDOW (gate));
  adw_message_dialog_response (gate, "unlock");
  g_object_unref (gate);
}
