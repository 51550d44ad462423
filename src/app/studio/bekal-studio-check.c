/* bekal-studio-check.c: the studio's check of unsaved text, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-lint.h>

#include "bekal-studio-check.h"

typedef struct
{
  char              **media_dirs;
  BekalStudioSource   original;
  BekalStudioSource   translation; /* path NULL when there is none */
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_strfreev (data->media_dirs);
  g_free (data->original.path);
  g_clear_pointer (&data->original.text, g_bytes_unref);
  g_free (data->translation.path);
  g_clear_pointer (&data->translation.text, g_bytes_unref);
  g_free (data);
}

static void
copy_source (BekalStudioSource       *to,
             const BekalStudioSource *from)
{
  if (from == NULL || from->path == NULL || from->text == NULL)
    return;

  to->path = g_strdup (from->path);
  to->text = g_bytes_ref (from->text);
}

static void
run_check (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  CheckData *data = task_data;

  g_task_return_pointer (task,
                         bekal_studio_check_run ((const char * const *) data->media_dirs,
                                                 &data->original,
                                                 data->translation.path != NULL
                                                   ? &data->translation : NULL),
                         (GDestroyNotify) bekal_studio_check_free);
}

/* The item-writing checks (bekal-author lint) of the original, as warnings with their
 * suggestion; the translation has the same questions */
static GPtrArray *
dup_lint_warnings (BekalModule *original,
                   const char  *path)
{
  g_autoptr(GPtrArray) warnings = bekal_lint_module (original);
  GPtrArray *diagnostics = bekal_diagnostics_new ();

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      BekalLintWarning *warning = g_ptr_array_index (warnings, i);
      /* TRANSLATORS: an item-writing warning: the check's name, what it found, what to do */
      g_autofree char *message = g_strdup_printf (_("Question writing (%s): %s %s"),
                                                  warning->check, warning->message,
                                                  warning->suggestion != NULL
                                                    ? warning->suggestion : "");

      g_ptr_array_add (diagnostics,
                       bekal_diagnostic_new (BEKAL_SEVERITY_WARNING, path, warning->line,
                                             warning->column, message));
    }
  return diagnostics;
}

static void
run_lint (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  BekalModule *original = task_data;

  g_task_return_pointer (task, dup_lint_warnings (original, g_object_get_data (G_OBJECT (task),
                                                                                "path")),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
bekal_studio_check_free (BekalStudioCheck *check)
{
  if (check == NULL)
    return;

  g_clear_object (&check->original);
  g_clear_object (&check->translation);
  g_clear_pointer (&check->diagnostics, g_ptr_array_unref);
  g_free (check);
}

BekalStudioCheck *
bekal_studio_check_run (const char * const      *media_dirs,
                        const BekalStudioSource *original,
                        const BekalStudioSource *translation)
{
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  BekalStudioCheck *check = g_new0 (BekalStudioCheck, 1);

  check->diagnostics = bekal_diagnostics_new ();
  if (original != NULL && original->text != NULL)
    check->original = bekal_loader_load_bytes (loader, original->path, original->text,
                                               check->diagnostics, NULL);
  if (translation != NULL && translation->text != NULL)
    check->translation = bekal_loader_load_bytes (loader, translation->path, translation->text,
                                                  check->diagnostics, NULL);
  if (check->original != NULL && check->translation != NULL)
    bekal_loader_check_translation (check->original, check->translation, check->diagnostics);

  return check;
}

void
bekal_studio_check_async (const char * const      *media_dirs,
                          const BekalStudioSource *original,
                          const BekalStudioSource *translation,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  CheckData *data = g_new0 (CheckData, 1);

  data->media_dirs = g_strdupv ((char **) media_dirs);
  copy_source (&data->original, original);
  copy_source (&data->translation, translation);
  g_task_set_source_tag (task, bekal_studio_check_async);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, run_check);
}

BekalStudioCheck *
bekal_studio_check_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bekal_studio_lint_async (BekalModule         *original,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (BEKAL_IS_MODULE (original));

  /* the model is immutable: the thread only reads it */
  g_task_set_source_tag (task, bekal_studio_lint_async);
  g_task_set_task_data (task, g_object_ref (original), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, run_lint);
}

GPtrArray *
bekal_studio_lint_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
