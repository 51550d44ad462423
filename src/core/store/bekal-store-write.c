/* bekal-store-write.c: durable writes that never make the window wait for another process
 *
 * A durable write waits for the database's write lock. When another process (a second Bekal,
 * a backup tool) holds it, the synchronous calls wait up to the lock wait and then fail with
 * BEKAL_STORE_ERROR_BUSY. An interactive caller sets a short lock wait and hands its writes
 * to bekal_store_write_async(): they run in the order they were given, on the caller's main
 * context, and one that meets a busy database is tried again a little later, without holding
 * up the main loop, until it succeeds, fails for another reason or is cancelled. Nothing is
 * acknowledged before its transaction has committed, so a crash loses nothing the caller was
 * told was saved. While a write has waited longer than WAITING_NOTICE_MS, the store's
 * "waiting-for-lock" property is TRUE, so the window can say why nothing is saved yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

/* How often a write that met a busy database is tried again, at first and at most */
#define RETRY_FIRST_MS     40
#define RETRY_MAX_MS       400
/* After this long the store says that a write is waiting for another process */
#define WAITING_NOTICE_MS  1000

typedef struct
{
  BekalStoreWriteFunc func;
  gpointer            func_data;
  GDestroyNotify      func_data_free;
  gint64              first_try_us;   /* 0 before the first try */
} PendingWrite;

static void run_pending_writes (BekalStore *self);

static void
pending_write_free (PendingWrite *write)
{
  if (write->func_data_free != NULL)
    write->func_data_free (write->func_data);
  g_free (write);
}

static void
set_waiting (BekalStore *self,
             gboolean    waiting)
{
  if (self->waiting_for_lock == waiting)
    return;

  self->waiting_for_lock = waiting;
  _bekal_store_notify_waiting_for_lock (self);
}

static gboolean
on_retry_timeout (gpointer user_data)
{
  BekalStore *self = user_data;

  self->write_retry_source = 0;
  run_pending_writes (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (BekalStore *self,
                gint64      waited_us)
{
  guint delay_ms = RETRY_FIRST_MS;

  /* slow down while the other process keeps its lock, but come back often enough that a
   * released lock is noticed within a fraction of a second */
  if (waited_us > 0)
    delay_ms = (guint) CLAMP (waited_us / G_TIME_SPAN_MILLISECOND / 4, RETRY_FIRST_MS,
                              RETRY_MAX_MS);

  if (waited_us >= WAITING_NOTICE_MS * G_TIME_SPAN_MILLISECOND)
    set_waiting (self, TRUE);

  g_clear_handle_id (&self->write_retry_source, g_source_remove);
  self->write_retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_retry_timeout,
                                                 self, NULL);
}

/* Runs the writes at the head of the queue until one meets a busy database */
static void
run_pending_writes (BekalStore *self)
{
  GTask *task;

  g_object_ref (self);

  while ((task = g_queue_peek_head (&self->pending_writes)) != NULL)
    {
      PendingWrite *write = g_task_get_task_data (task);
      g_autoptr(GError) error = NULL;
      gint64 now = g_get_monotonic_time ();

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (g_queue_pop_head (&self->pending_writes));
          continue;
        }

      if (write->first_try_us == 0)
        write->first_try_us = now;

      if (!write->func (self, write->func_data, &error)
          && g_error_matches (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY))
        {
          schedule_retry (self, now - write->first_try_us);
          g_object_unref (self);
          return;
        }

      g_queue_pop_head (&self->pending_writes);
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }

  set_waiting (self, FALSE);
  g_object_unref (self);
}

/* For bekal_store_flush(): runs what is queued now, waiting as the connection allows */
gboolean
_bekal_store_run_pending_writes_now (BekalStore  *self,
                                     GError     **error)
{
  if (self->pending_writes.length == 0)
    return TRUE;

  g_clear_handle_id (&self->write_retry_source, g_source_remove);
  run_pending_writes (self);
  if (self->pending_writes.length > 0)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY,
                   _("The database “%s” is busy in another Bekal window. Close the other "
                     "window and try again."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* Called by the store's dispose: what is still waiting fails, so that callers hear of it */
void
_bekal_store_cancel_pending_writes (BekalStore *self)
{
  GTask *task;

  g_clear_handle_id (&self->write_retry_source, g_source_remove);
  while ((task = g_queue_pop_head (&self->pending_writes)) != NULL)
    {
      g_task_return_new_error (task, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_BUSY,
                               _("Bekal closed the database before this change could be "
                                 "saved."));
      g_object_unref (task);
    }
}

/* Public API */

void
bekal_store_set_lock_wait (BekalStore *self,
                           int         wait_ms)
{
  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (wait_ms >= 0);

  self->busy_timeout_ms = wait_ms;
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, wait_ms);
}

gboolean
bekal_store_get_waiting_for_lock (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  return self->waiting_for_lock;
}

guint
bekal_store_get_n_pending_writes (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);

  return self->pending_writes.length;
}

void
bekal_store_write_async (BekalStore          *self,
                         BekalStoreWriteFunc  func,
                         gpointer             func_data,
                         GDestroyNotify       func_data_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PendingWrite *write;

  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (func != NULL);

  write = g_new0 (PendingWrite, 1);
  write->func = func;
  write->func_data = func_data;
  write->func_data_free = func_data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bekal_store_write_async);
  g_task_set_task_data (task, write, (GDestroyNotify) pending_write_free);

  g_queue_push_tail (&self->pending_writes, g_steal_pointer (&task));

  /* a write queued behind one that waits keeps its place in the order */
  if (self->write_retry_source == 0)
    run_pending_writes (self);
}

gboolean
bekal_store_write_finish (BekalStore    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
