/* bekal-studio-editor.h: one module file in a source editor, with its diagnostics, search,
 * atomic saving and a recovery copy of unsaved text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_STUDIO_EDITOR (bekal_studio_editor_get_type ())

G_DECLARE_FINAL_TYPE (BekalStudioEditor, bekal_studio_editor, BEKAL, STUDIO_EDITOR, GtkWidget)

/*
 * Signals:
 *   "settled" (): the text changed and typing paused, or the file was read again from the
 *               disk: time to check it
 *   "message" (const char *text): something to tell the trainer (a toast)
 *   "saved" (): the file was saved
 */

BekalStudioEditor *bekal_studio_editor_new                (void);
/* Reads @path in a task; "settled" follows once the text is in. A recovery copy newer than
 * the file is offered first. */
void               bekal_studio_editor_open               (BekalStudioEditor *self,
                                                           const char        *path);
const char        *bekal_studio_editor_get_path           (BekalStudioEditor *self);
/* TRUE once the file's text is in the buffer */
gboolean           bekal_studio_editor_is_loaded          (BekalStudioEditor *self);
gboolean           bekal_studio_editor_get_modified       (BekalStudioEditor *self);
GBytes            *bekal_studio_editor_dup_text           (BekalStudioEditor *self);
GtkSourceBuffer   *bekal_studio_editor_get_buffer         (BekalStudioEditor *self);
GtkSourceView     *bekal_studio_editor_get_view           (BekalStudioEditor *self);
/* Shows the diagnostics of @diagnostics that name this file: underlines and gutter marks */
void               bekal_studio_editor_set_diagnostics    (BekalStudioEditor *self,
                                                           GPtrArray         *diagnostics);
/* The number of underlined ranges, for tests */
guint              bekal_studio_editor_get_n_underlines   (BekalStudioEditor *self);
/* Puts the cursor at @line, @column (from 1; 0 for "the whole line") and scrolls to it */
void               bekal_studio_editor_go_to              (BekalStudioEditor *self,
                                                           int                line,
                                                           int                column);
/* The id of the lesson the cursor is in, or NULL outside lessons */
char              *bekal_studio_editor_dup_cursor_lesson  (BekalStudioEditor *self);
/* Inserts template @name (bekal-studio-templates.h) at the cursor, as one undo step */
void               bekal_studio_editor_insert_template    (BekalStudioEditor *self,
                                                           const char        *name);
/* Saves atomically (a temporary file renamed over the old one); "saved" or "message" follow */
void               bekal_studio_editor_save               (BekalStudioEditor *self);
/* Shows the search bar, with the replace row when @replace */
void               bekal_studio_editor_show_search        (BekalStudioEditor *self,
                                                           gboolean           replace);
/* The recovery file of @path: in the user's data folder, one per module file */
char              *bekal_studio_editor_dup_recovery_path  (const char        *path);
/* Writes the recovery file now instead of after the pause (tests) */
void               bekal_studio_editor_write_recovery     (BekalStudioEditor *self);

G_END_DECLS
