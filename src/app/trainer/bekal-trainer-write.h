/* bekal-trainer-write.h: a trainer's change to the store made in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

/* The change, made with the store's synchronous calls on a connection of the thread's own */
typedef gboolean (*BekalTrainerWriteFunc) (BekalStore  *store,
                                           gpointer     data,
                                           GError     **error);

/* Runs @func in a worker thread on the data folder of @store, so that a change that rewrites
 * many rows (deleting or merging a learner, a PIN) never stalls the window; @data is freed
 * with @data_free in the end. @callback runs on the calling thread. */
void     bekal_trainer_write_async  (BekalStore            *store,
                                     BekalTrainerWriteFunc  func,
                                     gpointer               data,
                                     GDestroyNotify         data_free,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data);
gboolean bekal_trainer_write_finish (GAsyncResult          *result,
                                     GError               **error);

G_END_DECLS
