/* test-ui-util.h: helpers shared by the tests that drive widgets under a virtual display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a wait may last before the test fails instead of hanging */
#define UI_WAIT_LIMIT_SECONDS 20

typedef gboolean (*UiCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test, naming @what, after
 * UI_WAIT_LIMIT_SECONDS */
void        ui_wait_until          (UiCondition  condition,
                                    gpointer     data,
                                    const char  *what);
/* Lets the main loop run for a while: for things that have no event to wait for, such as
 * the end of a crossfade before a screenshot */
void        ui_settle              (guint        milliseconds);
/* Runs the main loop until no stack or revealer below @root is in a transition */
void        ui_wait_for_transitions (GtkWidget  *root);

/* The widget below @root (or @root) whose template or builder id is @id */
GtkWidget  *ui_find_by_id          (GtkWidget   *root,
                                    const char  *id);
/* The same, failing the test when there is none */
GtkWidget  *ui_require_id          (GtkWidget   *root,
                                    const char  *id);
/* The first widget of @type below @root (or @root), depth first */
GtkWidget  *ui_find_by_type        (GtkWidget   *root,
                                    GType        type);
/* Every widget of @type below @root (and @root), depth first */
GPtrArray  *ui_find_all            (GtkWidget   *root,
                                    GType        type);

/* Sets the drop-downs below @root of a match question. @left and @right are pair ids: the left
 * sides in the order shown, and the right sides in the order each drop-down lists them after
 * its placeholder. With @correct each left side gets its own pair's right side, otherwise the
 * first one. */
void        ui_choose_matches      (GtkWidget          *root,
                                    const char * const *left,
                                    const char * const *right,
                                    gboolean            correct);

/* Saves what the X server shows of @window as @dir/@file_name, once its transitions are over;
 * without a window manager the window sits in the top left corner of the screen */
void        ui_save_screenshot     (GtkWindow   *window,
                                    const char  *dir,
                                    const char  *file_name);

G_END_DECLS
