/* bekal-trainer-write.c: a trainer's change to the store made in a worker thread
 *
 * Deleting a learner removes every answer, attempt and running sum of theirs, and merging two
 * profiles moves them: hundreds of milliseconds on a large store, and a wait when another
 * program holds the database. The change runs on a connection of its own in a worker thread,
 * with the store's usual lock wait, as the reports read theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-trainer-write.h"

typedef struct
{
  char                  *data_dir;
  BekalTrainerWriteFunc  func;
  gpointer               data;
  GDestroyNotify         data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->data_dir);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(BekalStore) store = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = bekal_store_open (job->data_dir, &error);
  if (store == NULL || !job->func (store, job->data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
bekal_trainer_write_async (BekalStore            *store,
                           BekalTrainerWriteFunc  func,
                           gpointer               data,
                           GDestroyNotify         data_free,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (BEKAL_IS_STORE (store));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->data_dir = g_strdup (bekal_store_get_data_dir (store));
  job->func = func;
  job->data = data;
  job->data_free = data_free;

  /* no source object: the task must not keep a page that went away alive */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bekal_trainer_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
bekal_trainer_write_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
