/* bekal-store-queue.c: soft writes (reading position, blocks seen, media progress), queued and
 * written together
 *
 * Scrolling a lesson or playing a video reports progress many times a second, and each write
 * with synchronous=FULL costs a sync. These writes are not acknowledged to the learner, so they
 * wait in memory, merged by what they describe, and are written in one transaction: within
 * FLUSH_DELAY_MS, with the next durable write (in its transaction), on bekal_store_flush() and
 * when the store goes away. Reads merge what is queued, so the store behaves as if it had been
 * written. A queued write never waits for another process's lock: when the database is busy it
 * stays queued and is tried again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

#define FLUSH_DELAY_MS 250

typedef enum
{
  SOFT_POSITION,
  SOFT_SEEN_BLOCK,
  SOFT_MEDIA_PROGRESS,
} SoftWriteKind;

struct _SoftWrite
{
  SoftWriteKind       kind;
  guint64             sequence;    /* order of arrival */
  gint64              profile_id;
  char               *module_id;
  char               *item_id;     /* the lesson, or the media item */
  guint               block_index;
  BekalMediaProgress  progress;
  gint64              at;          /* unix seconds of the (first or latest) call */
};

static void
soft_write_free (SoftWrite *write)
{
  g_free (write->module_id);
  g_free (write->item_id);
  g_free (write);
}

/* Ids hold no control characters (the loader refuses them), so \x1f separates fields */
static char *
make_key (SoftWriteKind  kind,
          gint64         profile_id,
          const char    *module_id,
          const char    *item_id,
          guint          block_index)
{
  return g_strdup_printf ("%d\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%u", kind, profile_id,
                          module_id, item_id != NULL ? item_id : "", block_index);
}

static int
compare_sequence (gconstpointer a,
                  gconstpointer b)
{
  const SoftWrite *first = *(const SoftWrite * const *) a;
  const SoftWrite *second = *(const SoftWrite * const *) b;

  return first->sequence < second->sequence ? -1 : first->sequence > second->sequence;
}

static gboolean
on_flush_timeout (gpointer user_data)
{
  BekalStore *self = user_data;
  g_autoptr(GError) error = NULL;

  if (_bekal_store_flush_soft_writes (self, FALSE, &error))
    {
      g_clear_pointer (&self->flush_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  /* busy (another Bekal writes), or the disk is full: try again later */
  g_debug ("Progress not saved yet, trying again: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
schedule_flush (BekalStore *self)
{
  g_autoptr(GMainContext) context = NULL;

  if (self->flush_source != NULL)
    return;

  context = g_main_context_ref_thread_default ();
  self->flush_source = g_timeout_source_new (FLUSH_DELAY_MS);
  g_source_set_name (self->flush_source, "[bekal] store soft writes");
  g_source_set_callback (self->flush_source, on_flush_timeout, self, NULL);
  g_source_attach (self->flush_source, context);
}

/* A refused write must say so at once, as it did when it was written at once */
gboolean
_bekal_store_check_soft_write (BekalStore  *self,
                               gint64       profile_id,
                               const char  *module_id,
                               const char  *item_id,
                               GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  if (self->read_only)
    return _bekal_store_set_read_only_error (self, error);

  if (*module_id == '\0' || *item_id == '\0')
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                           _("The database refused a value: an empty id."));
      return FALSE;
    }

  stmt = _bekal_store_borrow (self, "SELECT 1 FROM profiles WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                           _("The profile this belongs to no longer exists; nothing was "
                             "saved."));
      return FALSE;
    }

  return TRUE;
}

/* The queued write for this key, created when there is none; TRUE in *out_new when created */
static SoftWrite *
lookup_or_add (BekalStore    *self,
               SoftWriteKind  kind,
               gint64         profile_id,
               const char    *module_id,
               const char    *item_id,
               guint          block_index,
               gboolean      *out_new)
{
  g_autofree char *key = make_key (kind, profile_id, module_id, item_id, block_index);
  SoftWrite *write = g_hash_table_lookup (self->soft_writes, key);

  *out_new = write == NULL;
  if (write != NULL)
    return write;

  write = g_new0 (SoftWrite, 1);
  write->kind = kind;
  write->sequence = self->soft_write_sequence++;
  write->profile_id = profile_id;
  write->module_id = g_strdup (module_id);
  write->item_id = g_strdup (item_id);
  write->block_index = block_index;
  g_hash_table_insert (self->soft_writes, g_steal_pointer (&key), write);

  schedule_flush (self);
  return write;
}

static gboolean
write_one (BekalStore       *self,
           const SoftWrite  *write,
           GError          **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;

  switch (write->kind)
    {
    case SOFT_POSITION:
      stmt = _bekal_store_borrow (self,
                                  "INSERT INTO positions (profile_id, module_id, lesson_id,"
                                  " block_index, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                  "ON CONFLICT (profile_id, module_id) DO UPDATE SET"
                                  " lesson_id = excluded.lesson_id,"
                                  " block_index = excluded.block_index,"
                                  " updated_at = excluded.updated_at",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, write->block_index);
      sqlite3_bind_int64 (stmt, 5, write->at);
      break;

    case SOFT_SEEN_BLOCK:
      stmt = _bekal_store_borrow (self,
                                  "INSERT INTO seen_blocks (profile_id, module_id, lesson_id,"
                                  " block_index, seen_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                  "ON CONFLICT DO NOTHING",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, write->block_index);
      sqlite3_bind_int64 (stmt, 5, write->at);
      break;

    case SOFT_MEDIA_PROGRESS:
    default:
      stmt = _bekal_store_borrow (self,
                                  "INSERT INTO media_progress (profile_id, module_id, media_id,"
                                  " position_ms, watched_fraction, transcript_read_to_end, done,"
                                  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                                  "ON CONFLICT (profile_id, module_id, media_id) DO UPDATE SET"
                                  " position_ms = excluded.position_ms,"
                                  " watched_fraction ="
                                  "  max (watched_fraction, excluded.watched_fraction),"
                                  " transcript_read_to_end ="
                                  "  max (transcript_read_to_end, excluded.transcript_read_to_end),"
                                  " done = max (done, excluded.done),"
                                  " updated_at = excluded.updated_at",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, write->progress.position_ms);
      sqlite3_bind_double (stmt, 5, write->progress.watched_fraction);
      sqlite3_bind_int (stmt, 6, write->progress.transcript_read_to_end ? 1 : 0);
      sqlite3_bind_int (stmt, 7, write->progress.done ? 1 : 0);
      sqlite3_bind_int64 (stmt, 8, write->at);
      break;
    }

  sqlite3_bind_int64 (stmt, 1, write->profile_id);
  _bekal_store_bind_text (stmt, 2, write->module_id);
  _bekal_store_bind_text (stmt, 3, write->item_id);

  return _bekal_store_step_done (self, stmt, error);
}

gboolean
_bekal_store_write_soft_writes (BekalStore  *self,
                                GError     **error)
{
  g_autoptr(GPtrArray) writes = NULL;
  GHashTableIter iter;
  gpointer write;

  if (g_hash_table_size (self->soft_writes) == 0)
    return TRUE;

  /* GLib 2.74 has no g_hash_table_get_values_as_ptr_array () */
  writes = g_ptr_array_sized_new (g_hash_table_size (self->soft_writes));
  g_hash_table_iter_init (&iter, self->soft_writes);
  while (g_hash_table_iter_next (&iter, NULL, &write))
    g_ptr_array_add (writes, write);
  g_ptr_array_sort (writes, compare_sequence);

  for (guint i = 0; i < writes->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (write_one (self, g_ptr_array_index (writes, i), &local_error))
        continue;

      /* checked when queued: the profile was deleted since (by another window) or the value
       * is refused; that one write is dropped, the others go on */
      if (g_error_matches (local_error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND)
          || g_error_matches (local_error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID))
        {
          g_debug ("A queued progress write was dropped: %s", local_error->message);
          continue;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
_bekal_store_forget_soft_writes (BekalStore *self)
{
  g_hash_table_remove_all (self->soft_writes);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
}

gboolean
_bekal_store_flush_soft_writes (BekalStore  *self,
                                gboolean     wait,
                                GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  gboolean ok;

  if (g_hash_table_size (self->soft_writes) == 0 || self->db == NULL)
    return TRUE;

  /* Beginning the transaction writes the queue (see _bekal_store_begin_write); without
   * waiting, a busy database fails at once and the queue stays.
   *
   * The timer's flush commits without syncing the WAL (synchronous=NORMAL for this one
   * transaction): a sync can take hundreds of milliseconds on a busy disk, and this runs on the
   * main loop several times a minute while a learner scrolls or watches. What it writes was
   * never acknowledged; it survives a killed process (it is in the WAL) and is synced by the
   * next durable commit, which syncs the whole WAL before it returns. A power cut may lose it,
   * as it loses what is still queued. */
  if (!wait)
    {
      sqlite3_busy_timeout (self->db, 0);
      sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    }
  ok = _bekal_store_begin_write (self, &txn, error) && _bekal_store_commit_write (&txn, error);
  if (!wait)
    {
      sqlite3_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
      sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
    }

  return ok;
}

void
_bekal_store_queue_position (BekalStore *self,
                             gint64      profile_id,
                             const char *module_id,
                             const char *lesson_id,
                             guint       block_index)
{
  gboolean added;
  SoftWrite *write = lookup_or_add (self, SOFT_POSITION, profile_id, module_id, NULL, 0, &added);

  g_free (write->item_id);
  write->item_id = g_strdup (lesson_id);
  write->block_index = block_index;
  write->at = _bekal_store_now ();
}

void
_bekal_store_queue_seen_block (BekalStore *self,
                               gint64      profile_id,
                               const char *module_id,
                               const char *lesson_id,
                               guint       block_index)
{
  gboolean added;
  SoftWrite *write = lookup_or_add (self, SOFT_SEEN_BLOCK, profile_id, module_id, lesson_id,
                                    block_index, &added);

  /* the time it was first seen counts */
  if (added)
    write->at = _bekal_store_now ();
}

void
_bekal_store_queue_media_progress (BekalStore               *self,
                                   gint64                    profile_id,
                                   const char               *module_id,
                                   const char               *media_id,
                                   const BekalMediaProgress *progress)
{
  gboolean added;
  SoftWrite *write = lookup_or_add (self, SOFT_MEDIA_PROGRESS, profile_id, module_id, media_id,
                                    0, &added);

  /* the rules of the SQL that writes it: the latest position, the furthest point, and the
   * flags once set stay set */
  write->progress.position_ms = progress->position_ms;
  write->progress.watched_fraction = added ? progress->watched_fraction
                                           : MAX (write->progress.watched_fraction,
                                                  progress->watched_fraction);
  write->progress.transcript_read_to_end = (!added && write->progress.transcript_read_to_end)
                                           || progress->transcript_read_to_end;
  write->progress.done = (!added && write->progress.done) || progress->done;
  write->at = _bekal_store_now ();
}

const SoftWrite *
_bekal_store_find_queued_position (BekalStore *self,
                                   gint64      profile_id,
                                   const char *module_id,
                                   const char **out_lesson_id,
                                   guint      *out_block_index)
{
  g_autofree char *key = make_key (SOFT_POSITION, profile_id, module_id, NULL, 0);
  const SoftWrite *write = g_hash_table_lookup (self->soft_writes, key);

  if (write != NULL)
    {
      *out_lesson_id = write->item_id;
      *out_block_index = write->block_index;
    }

  return write;
}

void
_bekal_store_add_queued_seen_blocks (BekalStore *self,
                                     gint64      profile_id,
                                     const char *module_id,
                                     const char *lesson_id,
                                     GHashTable *seen)
{
  GHashTableIter iter;
  SoftWrite *write;

  g_hash_table_iter_init (&iter, self->soft_writes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &write))
    {
      if (write->kind != SOFT_SEEN_BLOCK || write->profile_id != profile_id
          || !g_str_equal (write->module_id, module_id)
          || (lesson_id != NULL && !g_str_equal (write->item_id, lesson_id)))
        continue;

      g_hash_table_add (seen, g_strdup_printf ("%s\x1f%u", write->item_id, write->block_index));
    }
}

gboolean
_bekal_store_merge_queued_media_progress (BekalStore         *self,
                                          gint64              profile_id,
                                          const char         *module_id,
                                          const char         *media_id,
                                          gboolean            saved,
                                          BekalMediaProgress *progress)
{
  g_autofree char *key = make_key (SOFT_MEDIA_PROGRESS, profile_id, module_id, media_id, 0);
  const SoftWrite *write = g_hash_table_lookup (self->soft_writes, key);

  if (write == NULL)
    return saved;

  progress->position_ms = write->progress.position_ms;
  progress->watched_fraction = saved ? MAX (progress->watched_fraction,
                                            write->progress.watched_fraction)
                                     : write->progress.watched_fraction;
  progress->transcript_read_to_end = (saved && progress->transcript_read_to_end)
                                     || write->progress.transcript_read_to_end;
  progress->done = (saved && progress->done) || write->progress.done;
  progress->updated_at = write->at;

  return TRUE;
}

GHashTable *
_bekal_store_new_soft_write_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) soft_write_free);
}

guint
bekal_store_get_n_queued_writes_for_testing (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);

  return g_hash_table_size (self->soft_writes);
}

guint
bekal_store_get_n_commits_for_testing (BekalStore *self)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);

  return self->n_commits;
}

gboolean
bekal_store_flush (BekalStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return TRUE;

  /* the durable writes first: they were made before what is queued now */
  return _bekal_store_run_pending_writes_now (self, error)
         && _bekal_store_flush_soft_writes (self, TRUE, error);
}
