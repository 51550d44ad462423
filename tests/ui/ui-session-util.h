/* ui-session-util.h: finding the group session's windows and acting as a trainer on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-window.h"

G_BEGIN_DECLS

/* The widget named @name (gtk_widget_set_name()) under @root, or NULL */
GtkWidget *ui_session_find_named           (GtkWidget  *root,
                                            const char *name);
/* The visible toplevel of @type, or NULL */
GtkWindow *ui_session_find_toplevel        (GType       type);
/* For ui_wait_until(): data is a GType */
gboolean   ui_session_toplevel_is_shown    (gpointer    data);
gboolean   ui_session_toplevel_is_gone     (gpointer    data);
GtkWindow *ui_session_wait_for_toplevel    (GType       type,
                                            const char *what);
/* For ui_wait_until(): data is the BekalWindow */
gboolean   ui_session_trainer_dialog_shown (gpointer    data);
/* Shows @window alone at the top left of the screen (there is no window manager), then saves
 * what the X server shows of it as @dir/@name */
void       ui_session_screenshot_alone     (GtkWindow  *window,
                                            GtkWindow  *other,
                                            const char *dir,
                                            const char *name);
/* As a clicker's key: the window's shortcut for @keyval, found among its controllers and
 * activated on it */
void       ui_session_press_key            (GtkWidget  *widget,
                                            guint       keyval);

/* win.group-session through the trainer gate, unlocked with @passphrase (already set) */
void       ui_session_open_as_trainer      (BekalWindow *window,
                                            const char  *passphrase);

G_END_DECLS
