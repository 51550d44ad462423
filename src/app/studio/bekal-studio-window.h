/* bekal-studio-window.h: the authoring studio: a module's files beside a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-lesson-view.h"
#include "bekal-studio-editor.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_STUDIO_WINDOW (bekal_studio_window_get_type ())

G_DECLARE_FINAL_TYPE (BekalStudioWindow, bekal_studio_window, BEKAL, STUDIO_WINDOW, AdwWindow)

/*
 * Signals:
 *   "checked" (): a check of the text finished and its diagnostics are shown
 *   "preview-updated" (): the preview shows a lesson again after a check or a cursor move
 */

/* @settings: the app's, for the preview's text size; may be NULL */
BekalStudioWindow *bekal_studio_window_new             (GtkApplication    *application,
                                                        GSettings         *settings);
/* Opens the module in @folder: module.id.xml, and module.en.xml beside it when there is one */
gboolean           bekal_studio_window_open_folder     (BekalStudioWindow *self,
                                                        const char        *folder,
                                                        GError           **error);
/* Writes a new module in @folder (which may not hold one yet), then opens it */
gboolean           bekal_studio_window_create_module   (BekalStudioWindow *self,
                                                        const char        *folder,
                                                        GError           **error);
const char        *bekal_studio_window_get_folder      (BekalStudioWindow *self);
/* The editor of @language ("id" or "en"), or NULL */
BekalStudioEditor *bekal_studio_window_get_editor      (BekalStudioWindow *self,
                                                        const char        *language);
/* Shows the editor of @language */
void               bekal_studio_window_show_editor     (BekalStudioWindow *self,
                                                        const char        *language);
BekalLessonView   *bekal_studio_window_get_preview     (BekalStudioWindow *self);
GtkListBox        *bekal_studio_window_get_problems    (BekalStudioWindow *self);
/* The diagnostics of the last check, errors and warnings of every file */
GPtrArray         *bekal_studio_window_get_diagnostics (BekalStudioWindow *self);
/* Checks the text now, without waiting for the pause in typing */
void               bekal_studio_window_check_now       (BekalStudioWindow *self);
/* Saves every file with unsaved text */
void               bekal_studio_window_save            (BekalStudioWindow *self);

G_END_DECLS
