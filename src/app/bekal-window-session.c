/* bekal-window-session.c: win.group-session, behind the trainer gate: the preparation dialog,
 * then the session's control and presenter windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-session-dialog.h"
#include "bekal-session-room.h"
#include "bekal-window-private.h"

/* Callbacks */

static void
on_session_start (BekalSessionDialog *dialog,
                  BekalSession       *session,
                  BekalWindow        *self)
{
  bekal_session_room_start (session, bekal_application_get_store (self->application),
                            bekal_application_get_settings (self->application),
                            GTK_WINDOW (self));
}

static void
prepare_session (BekalWindow *self,
                 gpointer     data)
{
  g_autoptr(GPtrArray) modules = bekal_window_dup_modules (self);
  BekalSessionDialog *dialog;

  if (modules->len == 0)
    {
      bekal_window_show_toast (self, _("There is no module to lead a session with yet."));
      return;
    }

  dialog = bekal_session_dialog_new (GTK_WINDOW (self), modules,
                                     bekal_application_get_store (self->application));
  g_signal_connect_object (dialog, "start", G_CALLBACK (on_session_start), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_group_session (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), prepare_session, NULL);
}

/* Internal API */

void
bekal_window_install_session_actions (BekalWindow *self)
{
  static const GActionEntry actions[] = {
    { "group-session", on_group_session },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}
