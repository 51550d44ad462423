/* bekal-save.h: the app's durable writes, through the store's queue so that the window never
 * waits for another process's lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

/* Each call tries at once and, while another process holds the database, again later; the
 * callback (may be NULL: a failure is then logged) runs once the change is on disk or failed
 * for another reason. Finish with bekal_store_write_finish(). */
void bekal_save_lesson_complete (BekalStore          *store,
                                 gint64               profile_id,
                                 const char          *module_id,
                                 const char          *lesson_id,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void bekal_save_module_flag     (BekalStore          *store,
                                 gint64               profile_id,
                                 const char          *module_id,
                                 BekalModuleFlag      flag,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void bekal_save_reflection      (BekalStore          *store,
                                 gint64               profile_id,
                                 const char          *module_id,
                                 const char          *reflection_id,
                                 const char          *text,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void bekal_save_value           (BekalStore          *store,
                                 const char          *key,
                                 const char          *value);

/* Carries the learners' blocks seen and positions over to a new version of a module */
void bekal_save_block_moves     (BekalStore          *store,
                                 const char          *module_id,
                                 GPtrArray           *moves,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

G_END_DECLS
