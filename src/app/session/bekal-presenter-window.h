/* bekal-presenter-window.h: the projector's window of a group session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-session.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_PRESENTER_WINDOW (bekal_presenter_window_get_type ())

G_DECLARE_FINAL_TYPE (BekalPresenterWindow, bekal_presenter_window, BEKAL, PRESENTER_WINDOW,
                      AdwWindow)

/* @settings: the app's, for the blocks that read preferences (subtitles) */
BekalPresenterWindow *bekal_presenter_window_new         (BekalSession *session,
                                                          GSettings    *settings);
BekalSession         *bekal_presenter_window_get_session (BekalPresenterWindow *self);
/* The page shown: "join", "block", "question" or "end" */
const char           *bekal_presenter_window_get_page    (BekalPresenterWindow *self);
/* Full screen on @monitor; NULL: a window of 1024×768 the trainer can drag */
void                  bekal_presenter_window_place       (BekalPresenterWindow *self,
                                                          GdkMonitor           *monitor);
/* Loads the session's style sheet once (the projector's text size, the control window) */
void                  bekal_session_load_css             (void);
/* Page Down/Up (what a presenter clicker sends) activate @window's actions "session.next"
 * and "session.previous", wherever the focus is */
void                  bekal_session_add_keys             (GtkWidget            *window);

G_END_DECLS
