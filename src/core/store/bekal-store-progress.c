/* bekal-store-progress.c: reading position, blocks seen, lessons completed, module
 * state, reflections, media progress and checkpoint answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"


void
bekal_seen_block_free (BekalSeenBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->lesson_id);
  g_free (block);
}

void
bekal_block_move_free (BekalBlockMove *move)
{
  if (move == NULL)
    return;

  g_free (move->lesson_id);
  g_free (move);
}

/* Runs one of bekal_store_move_blocks()'s statements: ?1 module, ?2 lesson, ?3 and ?4 indexes */
static gboolean
exec_move (BekalStore  *self,
           const char  *sql,
           const char  *module_id,
           const char  *lesson_id,
           gint64       from,
           gint64       to,
           GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = _bekal_store_borrow (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _bekal_store_bind_text (stmt, 1, module_id);
  _bekal_store_bind_text (stmt, 2, lesson_id);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  return _bekal_store_step_done (self, stmt, error);
}

/* As the SQL orders them: by lesson id (bytes), then block */
static int
compare_seen_blocks (gconstpointer a,
                     gconstpointer b)
{
  const BekalSeenBlock *first = *(const BekalSeenBlock * const *) a;
  const BekalSeenBlock *second = *(const BekalSeenBlock * const *) b;
  int by_lesson = strcmp (first->lesson_id, second->lesson_id);

  if (by_lesson != 0)
    return by_lesson;

  return first->block_index < second->block_index ? -1 : first->block_index > second->block_index;
}

/* Reading progress */

gboolean
bekal_store_set_position (BekalStore  *self,
                          gint64       profile_id,
                          const char  *module_id,
                          const char  *lesson_id,
                          guint        block_index,
                          GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  if (!_bekal_store_check_soft_write (self, profile_id, module_id, lesson_id, error))
    return FALSE;

  _bekal_store_queue_position (self, profile_id, module_id, lesson_id, block_index);
  return TRUE;
}

gboolean
bekal_store_get_position (BekalStore  *self,
                          gint64       profile_id,
                          const char  *module_id,
                          char       **out_lesson_id,
                          guint       *out_block_index,
                          GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  const char *queued_lesson_id;
  guint queued_block_index;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  /* the latest position is the one still queued, when there is one */
  if (_bekal_store_find_queued_position (self, profile_id, module_id, &queued_lesson_id,
                                         &queued_block_index) != NULL)
    {
      if (out_lesson_id != NULL)
        *out_lesson_id = g_strdup (queued_lesson_id);
      if (out_block_index != NULL)
        *out_block_index = queued_block_index;
      return TRUE;
    }

  stmt = _bekal_store_borrow (self,
                              "SELECT lesson_id, block_index FROM positions"
                              " WHERE profile_id = ?1 AND module_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return FALSE;

  if (out_lesson_id != NULL)
    *out_lesson_id = _bekal_store_column_dup_text (stmt, 0);
  if (out_block_index != NULL)
    *out_block_index = (guint) sqlite3_column_int64 (stmt, 1);

  return TRUE;
}

gboolean
bekal_store_mark_block_seen (BekalStore  *self,
                             gint64       profile_id,
                             const char  *module_id,
                             const char  *lesson_id,
                             guint        block_index,
                             GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  if (!_bekal_store_check_soft_write (self, profile_id, module_id, lesson_id, error))
    return FALSE;

  _bekal_store_queue_seen_block (self, profile_id, module_id, lesson_id, block_index);
  return TRUE;
}

GPtrArray *
bekal_store_list_seen_blocks (BekalStore  *self,
                              gint64       profile_id,
                              const char  *module_id,
                              const char  *lesson_id,
                              GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GHashTable) queued = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT lesson_id, block_index FROM seen_blocks"
                              " WHERE profile_id = ?1 AND module_id = ?2"
                              " AND (?3 IS NULL OR lesson_id = ?3)"
                              " ORDER BY lesson_id, block_index",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, lesson_id);

  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_seen_block_free);
  for (;;)
    {
      BekalSeenBlock *block;

      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      block = g_new0 (BekalSeenBlock, 1);
      block->lesson_id = _bekal_store_column_dup_text (stmt, 0);
      block->block_index = (guint) sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (blocks, block);
    }

  /* the blocks still queued, in the same order */
  queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _bekal_store_add_queued_seen_blocks (self, profile_id, module_id, lesson_id, queued);
  if (g_hash_table_size (queued) > 0)
    {
      GHashTableIter iter;
      const char *key;

      for (guint i = 0; i < blocks->len; i++)
        {
          BekalSeenBlock *block = g_ptr_array_index (blocks, i);
          g_autofree char *seen = g_strdup_printf ("%s\x1f%u", block->lesson_id,
                                                   block->block_index);

          g_hash_table_remove (queued, seen);
        }

      g_hash_table_iter_init (&iter, queued);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          BekalSeenBlock *block = g_new0 (BekalSeenBlock, 1);
          const char *separator = strrchr (key, '\x1f');

          block->lesson_id = g_strndup (key, (gsize) (separator - key));
          block->block_index = (guint) g_ascii_strtoull (separator + 1, NULL, 10);
          g_ptr_array_add (blocks, block);
        }
      g_ptr_array_sort (blocks, compare_seen_blocks);
    }

  return g_steal_pointer (&blocks);
}

gboolean
bekal_store_mark_lesson_complete (BekalStore  *self,
                                  gint64       profile_id,
                                  const char  *module_id,
                                  const char  *lesson_id,
                                  GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "INSERT INTO completed_lessons (profile_id, module_id, lesson_id,"
                              " completed_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, lesson_id);
  sqlite3_bind_int64 (stmt, 4, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

gboolean
bekal_store_is_lesson_complete (BekalStore  *self,
                                gint64       profile_id,
                                const char  *module_id,
                                const char  *lesson_id,
                                GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && lesson_id != NULL, FALSE);

  stmt = _bekal_store_borrow (self,
                              "SELECT 1 FROM completed_lessons"
                              " WHERE profile_id = ?1 AND module_id = ?2 AND lesson_id = ?3",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, lesson_id);

  return _bekal_store_step_row (self, stmt, &has_row, error) && has_row;
}

char **
bekal_store_list_completed_lessons (BekalStore  *self,
                                    gint64       profile_id,
                                    const char  *module_id,
                                    GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) lessons = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT lesson_id FROM completed_lessons"
                              " WHERE profile_id = ?1 AND module_id = ?2"
                              " ORDER BY completed_at, id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);

  lessons = g_strv_builder_new ();
  for (;;)
    {
      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      g_strv_builder_add (lessons, (const char *) sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (lessons);
}

/* Module state */

gboolean
bekal_store_set_module_flag (BekalStore       *self,
                             gint64            profile_id,
                             const char       *module_id,
                             BekalModuleFlag   flag,
                             GError          **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  /* ?3 is a mask of flags; COALESCE keeps the time a flag was first set */
  stmt = _bekal_store_borrow (self,
                              "INSERT INTO module_states (profile_id, module_id,"
                              " pretest_skipped_at, pretest_done_at, posttest_passed_at)"
                              " VALUES (?1, ?2, CASE WHEN ?3 & 1 THEN ?4 END,"
                              " CASE WHEN ?3 & 2 THEN ?4 END, CASE WHEN ?3 & 4 THEN ?4 END) "
                              "ON CONFLICT (profile_id, module_id) DO UPDATE SET"
                              " pretest_skipped_at ="
                              "  COALESCE (pretest_skipped_at, excluded.pretest_skipped_at),"
                              " pretest_done_at ="
                              "  COALESCE (pretest_done_at, excluded.pretest_done_at),"
                              " posttest_passed_at ="
                              "  COALESCE (posttest_passed_at, excluded.posttest_passed_at)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  sqlite3_bind_int (stmt, 3, flag);
  sqlite3_bind_int64 (stmt, 4, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

gboolean
bekal_store_clear_module_flag (BekalStore       *self,
                               gint64            profile_id,
                               const char       *module_id,
                               BekalModuleFlag   flag,
                               GError          **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "UPDATE module_states SET"
                              " pretest_skipped_at ="
                              "  CASE WHEN ?3 & 1 THEN NULL ELSE pretest_skipped_at END,"
                              " pretest_done_at ="
                              "  CASE WHEN ?3 & 2 THEN NULL ELSE pretest_done_at END,"
                              " posttest_passed_at ="
                              "  CASE WHEN ?3 & 4 THEN NULL ELSE posttest_passed_at END"
                              " WHERE profile_id = ?1 AND module_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  sqlite3_bind_int (stmt, 3, flag);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

static gboolean
load_module_state (BekalStore       *self,
                   gint64            profile_id,
                   const char       *module_id,
                   gint64            out_times[3],
                   GError          **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  out_times[0] = out_times[1] = out_times[2] = 0;

  stmt = _bekal_store_borrow (self,
                              "SELECT pretest_skipped_at, pretest_done_at, posttest_passed_at"
                              " FROM module_states WHERE profile_id = ?1 AND module_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  for (int i = 0; has_row && i < 3; i++)
    {
      /* A flag set in the very second of the epoch still counts as set */
      if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
        out_times[i] = MAX (sqlite3_column_int64 (stmt, i), 1);
    }

  return TRUE;
}

gboolean
bekal_store_get_module_flags (BekalStore       *self,
                              gint64            profile_id,
                              const char       *module_id,
                              BekalModuleFlag  *out_flags,
                              GError          **error)
{
  gint64 times[3];
  BekalModuleFlag flags = BEKAL_MODULE_FLAG_NONE;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);
  g_return_val_if_fail (out_flags != NULL, FALSE);

  if (!load_module_state (self, profile_id, module_id, times, error))
    return FALSE;

  if (times[0] != 0)
    flags |= BEKAL_MODULE_FLAG_PRETEST_SKIPPED;
  if (times[1] != 0)
    flags |= BEKAL_MODULE_FLAG_PRETEST_DONE;
  if (times[2] != 0)
    flags |= BEKAL_MODULE_FLAG_POSTTEST_PASSED;

  *out_flags = flags;
  return TRUE;
}

gint64
bekal_store_get_module_flag_time (BekalStore       *self,
                                  gint64            profile_id,
                                  const char       *module_id,
                                  BekalModuleFlag   flag,
                                  GError          **error)
{
  gint64 times[3];

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);
  g_return_val_if_fail (module_id != NULL, 0);
  g_return_val_if_fail (flag == BEKAL_MODULE_FLAG_PRETEST_SKIPPED
                        || flag == BEKAL_MODULE_FLAG_PRETEST_DONE
                        || flag == BEKAL_MODULE_FLAG_POSTTEST_PASSED, 0);

  if (!load_module_state (self, profile_id, module_id, times, error))
    return 0;

  switch (flag)
    {
    case BEKAL_MODULE_FLAG_PRETEST_SKIPPED:
      return times[0];
    case BEKAL_MODULE_FLAG_PRETEST_DONE:
      return times[1];
    case BEKAL_MODULE_FLAG_POSTTEST_PASSED:
      return times[2];
    case BEKAL_MODULE_FLAG_NONE:
    default:
      return 0;
    }
}

/* Reflections */

gboolean
bekal_store_save_reflection (BekalStore  *self,
                             gint64       profile_id,
                             const char  *module_id,
                             const char  *reflection_id,
                             const char  *text,
                             GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && reflection_id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "INSERT INTO reflections (profile_id, module_id, reflection_id, text,"
                              " updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                              "ON CONFLICT (profile_id, module_id, reflection_id) DO UPDATE SET"
                              " text = excluded.text, updated_at = excluded.updated_at",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, reflection_id);
  _bekal_store_bind_text (stmt, 4, text);
  sqlite3_bind_int64 (stmt, 5, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

char *
bekal_store_load_reflection (BekalStore  *self,
                             gint64       profile_id,
                             const char  *module_id,
                             const char  *reflection_id,
                             gint64      *out_updated_at,
                             GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL && reflection_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT text, updated_at FROM reflections"
                              " WHERE profile_id = ?1 AND module_id = ?2 AND reflection_id = ?3",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, reflection_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  if (out_updated_at != NULL)
    *out_updated_at = sqlite3_column_int64 (stmt, 1);

  return _bekal_store_column_dup_text (stmt, 0);
}

/* Media progress */

gboolean
bekal_store_save_media_progress (BekalStore                *self,
                                 gint64                     profile_id,
                                 const char                *module_id,
                                 const char                *media_id,
                                 const BekalMediaProgress  *progress,
                                 GError                   **error)
{
  BekalMediaProgress clean;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && media_id != NULL, FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  if (!_bekal_store_check_soft_write (self, profile_id, module_id, media_id, error))
    return FALSE;

  /* A player may report a position a little past the end */
  clean = *progress;
  clean.watched_fraction = isnan (progress->watched_fraction) ? 0.0 : progress->watched_fraction;
  clean.watched_fraction = CLAMP (clean.watched_fraction, 0.0, 1.0);
  clean.position_ms = MAX (progress->position_ms, 0);

  _bekal_store_queue_media_progress (self, profile_id, module_id, media_id, &clean);
  return TRUE;
}

gboolean
bekal_store_load_media_progress (BekalStore          *self,
                                 gint64               profile_id,
                                 const char          *module_id,
                                 const char          *media_id,
                                 BekalMediaProgress  *out_progress,
                                 GError             **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && media_id != NULL, FALSE);
  g_return_val_if_fail (out_progress != NULL, FALSE);

  stmt = _bekal_store_borrow (self,
                              "SELECT position_ms, watched_fraction, transcript_read_to_end, done,"
                              " updated_at FROM media_progress"
                              " WHERE profile_id = ?1 AND module_id = ?2 AND media_id = ?3",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, media_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    return _bekal_store_merge_queued_media_progress (self, profile_id, module_id, media_id, FALSE,
                                                     out_progress);

  out_progress->position_ms = sqlite3_column_int64 (stmt, 0);
  out_progress->watched_fraction = sqlite3_column_double (stmt, 1);
  out_progress->transcript_read_to_end = sqlite3_column_int (stmt, 2) != 0;
  out_progress->done = sqlite3_column_int (stmt, 3) != 0;
  out_progress->updated_at = sqlite3_column_int64 (stmt, 4);

  return _bekal_store_merge_queued_media_progress (self, profile_id, module_id, media_id, TRUE,
                                                   out_progress);
}

/* Checkpoint answers */

gboolean
bekal_store_save_checkpoint_response (BekalStore  *self,
                                      gint64       profile_id,
                                      const char  *module_id,
                                      const char  *media_id,
                                      const char  *question_id,
                                      const char  *response,
                                      GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL && media_id != NULL && question_id != NULL, FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "INSERT INTO checkpoint_responses (profile_id, module_id, media_id,"
                              " question_id, response, answered_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT (profile_id, module_id, media_id, question_id)"
                              " DO UPDATE SET response = excluded.response,"
                              " answered_at = excluded.answered_at",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, media_id);
  _bekal_store_bind_text (stmt, 4, question_id);
  _bekal_store_bind_text (stmt, 5, response);
  sqlite3_bind_int64 (stmt, 6, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

char *
bekal_store_load_checkpoint_response (BekalStore  *self,
                                      gint64       profile_id,
                                      const char  *module_id,
                                      const char  *media_id,
                                      const char  *question_id,
                                      gint64      *out_answered_at,
                                      GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL && media_id != NULL && question_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT response, answered_at FROM checkpoint_responses"
                              " WHERE profile_id = ?1 AND module_id = ?2 AND media_id = ?3"
                              " AND question_id = ?4",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, media_id);
  _bekal_store_bind_text (stmt, 4, question_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  if (out_answered_at != NULL)
    *out_answered_at = sqlite3_column_int64 (stmt, 1);

  return _bekal_store_column_dup_text (stmt, 0);
}

/* A block moved from 2 to 3 while another moves from 3 to 4: each move first goes to a place
 * no block has (its new index plus this), then all come down, so no move is applied twice and
 * no two rows meet on the unique key midway */
#define MOVE_OFFSET G_GINT64_CONSTANT (1000000000)

gboolean
bekal_store_move_blocks (BekalStore  *self,
                         const char  *module_id,
                         GPtrArray   *moves,
                         GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);
  g_return_val_if_fail (moves != NULL, FALSE);

  if (moves->len == 0)
    return TRUE;
  if (!_bekal_store_flush_soft_writes (self, TRUE, error)
      || !_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  for (guint i = 0; i < moves->len; i++)
    {
      BekalBlockMove *move = g_ptr_array_index (moves, i);
      gboolean ok;

      if (move->new_index < 0)
        ok = exec_move (self,
                        "DELETE FROM seen_blocks WHERE module_id = ?1 AND lesson_id = ?2"
                        "  AND block_index = ?3 AND ?4 = ?4",
                        module_id, move->lesson_id, move->old_index, 0, error)
             && exec_move (self,
                           "UPDATE positions SET block_index = ?4"
                           "  WHERE module_id = ?1 AND lesson_id = ?2 AND block_index = ?3",
                           module_id, move->lesson_id, move->old_index, 0, error);
      else
        ok = exec_move (self,
                        "UPDATE seen_blocks SET block_index = ?4"
                        "  WHERE module_id = ?1 AND lesson_id = ?2 AND block_index = ?3",
                        module_id, move->lesson_id, move->old_index,
                        move->new_index + MOVE_OFFSET, error)
             && exec_move (self,
                           "UPDATE positions SET block_index = ?4"
                           "  WHERE module_id = ?1 AND lesson_id = ?2 AND block_index = ?3",
                           module_id, move->lesson_id, move->old_index,
                           move->new_index + MOVE_OFFSET, error);
      if (!ok)
        return FALSE;
    }

  if (!exec_move (self,
                  "UPDATE seen_blocks SET block_index = block_index - ?3"
                  "  WHERE module_id = ?1 AND ?2 = ?2 AND block_index >= ?3 AND ?4 = ?4",
                  module_id, "", MOVE_OFFSET, 0, error)
      || !exec_move (self,
                     "UPDATE positions SET block_index = block_index - ?3"
                     "  WHERE module_id = ?1 AND ?2 = ?2 AND block_index >= ?3 AND ?4 = ?4",
                     module_id, "", MOVE_OFFSET, 0, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}
