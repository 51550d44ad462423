/* bekal-save.c: the app's durable writes, through the store's queue
 *
 * The store's synchronous calls wait only briefly for the write lock in the app (see
 * bekal_store_set_lock_wait()); these wrappers hand each change to bekal_store_write_async(),
 * which keeps the order and tries again while another Bekal holds the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-save.h"

typedef enum
{
  SAVE_LESSON_COMPLETE,
  SAVE_MODULE_FLAG,
  SAVE_REFLECTION,
  SAVE_VALUE,
  SAVE_BLOCK_MOVES,
} SaveKind;

typedef struct
{
  SaveKind         kind;
  gint64           profile_id;
  char            *module_id;
  char            *item_id;   /* the lesson, the reflection, or the settings key */
  char            *text;      /* the reflection, or the value */
  BekalModuleFlag  flag;
  GPtrArray       *moves;     /* of BekalBlockMove */
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_free (request->module_id);
  g_free (request->item_id);
  g_free (request->text);
  g_clear_pointer (&request->moves, g_ptr_array_unref);
  g_free (request);
}

static gboolean
write_request (BekalStore  *store,
               gpointer     user_data,
               GError     **error)
{
  SaveRequest *request = user_data;

  switch (request->kind)
    {
    case SAVE_LESSON_COMPLETE:
      return bekal_store_mark_lesson_complete (store, request->profile_id, request->module_id,
                                               request->item_id, error);
    case SAVE_MODULE_FLAG:
      return bekal_store_set_module_flag (store, request->profile_id, request->module_id,
                                          request->flag, error);
    case SAVE_REFLECTION:
      return bekal_store_save_reflection (store, request->profile_id, request->module_id,
                                          request->item_id, request->text, error);
    case SAVE_VALUE:
      return bekal_store_set_value (store, request->item_id, request->text, error);
    case SAVE_BLOCK_MOVES:
      return bekal_store_move_blocks (store, request->module_id, request->moves, error);
    default:
      g_assert_not_reached ();
    }
}

static void
on_save_logged (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    g_warning ("A change could not be saved: %s", error->message);
}

static void
queue_request (BekalStore          *store,
               SaveRequest         *request,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  bekal_store_write_async (store, write_request, request, (GDestroyNotify) save_request_free,
                           NULL, callback != NULL ? callback : on_save_logged, user_data);
}

void
bekal_save_lesson_complete (BekalStore          *store,
                            gint64               profile_id,
                            const char          *module_id,
                            const char          *lesson_id,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  g_return_if_fail (BEKAL_IS_STORE (store));

  request->kind = SAVE_LESSON_COMPLETE;
  request->profile_id = profile_id;
  request->module_id = g_strdup (module_id);
  request->item_id = g_strdup (lesson_id);
  queue_request (store, request, callback, user_data);
}

void
bekal_save_module_flag (BekalStore          *store,
                        gint64               profile_id,
                        const char          *module_id,
                        BekalModuleFlag      flag,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  g_return_if_fail (BEKAL_IS_STORE (store));

  request->kind = SAVE_MODULE_FLAG;
  request->profile_id = profile_id;
  request->module_id = g_strdup (module_id);
  request->flag = flag;
  queue_request (store, request, callback, user_data);
}

void
bekal_save_reflection (BekalStore          *store,
                       gint64               profile_id,
                       const char          *module_id,
                       const char          *reflection_id,
                       const char          *text,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  g_return_if_fail (BEKAL_IS_STORE (store));

  request->kind = SAVE_REFLECTION;
  request->profile_id = profile_id;
  request->module_id = g_strdup (module_id);
  request->item_id = g_strdup (reflection_id);
  request->text = g_strdup (text);
  queue_request (store, request, callback, user_data);
}

void
bekal_save_value (BekalStore *store,
                  const char *key,
                  const char *value)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  g_return_if_fail (BEKAL_IS_STORE (store));

  request->kind = SAVE_VALUE;
  request->item_id = g_strdup (key);
  request->text = g_strdup (value);
  queue_request (store, request, NULL, NULL);
}

void
bekal_save_block_moves (BekalStore          *store,
                        const char          *module_id,
                        GPtrArray           *moves,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  g_return_if_fail (BEKAL_IS_STORE (store));

  request->kind = SAVE_BLOCK_MOVES;
  request->module_id = g_strdup (module_id);
  request->moves = g_ptr_array_ref (moves);
  queue_request (store, request, callback, user_data);
}
