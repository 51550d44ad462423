/* bekal-studio-check.h: the studio's check of unsaved text, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <bekal/bekal-loader.h>

G_BEGIN_DECLS

/* One file of the module: where it is and the editor's text */
typedef struct
{
  char   *path;
  GBytes *text;
} BekalStudioSource;

/* What the check found: the module of each source that loaded (NULL where it did not), and
 * the diagnostics of all of them, translation check included, each naming its file */
typedef struct
{
  BekalModule *original;     /* the Indonesian file */
  BekalModule *translation;  /* the English file, when there is one */
  GPtrArray   *diagnostics;
} BekalStudioCheck;

void              bekal_studio_check_free   (BekalStudioCheck    *check);
/* Loads @original (and @translation when not NULL) from their text with a loader on
 * @media_dirs, then compares them; the sources are copied */
void              bekal_studio_check_async  (const char * const  *media_dirs,
                                             const BekalStudioSource *original,
                                             const BekalStudioSource *translation,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
BekalStudioCheck *bekal_studio_check_finish (GAsyncResult        *result,
                                             GError             **error);
/* The same, in the calling thread (the benchmark's reference path goes through it too) */
/* The item-writing checks of @original, once its preview is shown: (element-type
 * BekalDiagnostic) warnings at @path */
void              bekal_studio_lint_async   (BekalModule         *original,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray        *bekal_studio_lint_finish  (GAsyncResult        *result,
                                             GError             **error);
BekalStudioCheck *bekal_studio_check_run    (const char * const  *media_dirs,
                                             const BekalStudioSource *original,
                                             const BekalStudioSource *translation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalStudioCheck, bekal_studio_check_free)

G_END_DECLS
