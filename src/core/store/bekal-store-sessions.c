/* bekal-store-sessions.c: group sessions, their roster, the attempts taken in them and the
 * room totals typed by the trainer (tables of migration 7)
 *
 * A participant is a profile like any other: the attempts taken in a session belong to it
 * and only carry the session's id, so every report counts them. Room totals are counts of a
 * whole room; they sit in a table of their own that no report reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store-sessions.h>

#include "bekal-store-private.h"

/* On-disk names; part of the file format */
static const char * const state_names[] = {
  [BEKAL_GROUP_SESSION_OPEN] = "open",
  [BEKAL_GROUP_SESSION_ENDED] = "ended",
};

static const char * const mode_names[] = {
  [BEKAL_GROUP_SESSION_PHONES] = "phones",
  [BEKAL_GROUP_SESSION_PAPER] = "paper",
};

#define SESSION_COLUMNS \
  "id, module_id, lessons, room_code, mode, state, position, created_at, updated_at, ended_at," \
  " seed"

typedef enum
{
  OP_CREATE,
  OP_ADD_PARTICIPANT,
  OP_ADD_NEWCOMER,
  OP_SET_POSITION,
  OP_SET_STATE,
  OP_SET_ROOM_CODE,
  OP_SET_MODE,
  OP_REMOVE_PARTICIPANT,
  OP_DELETE,
  OP_SET_TOTALS,
  OP_START_ATTEMPT,
} OpKind;

/* One write of the asynchronous forms: its arguments, copied, and what it returned */
typedef struct
{
  OpKind        kind;
  gint64        session_id;
  gint64        profile_id;
  char         *module_id;
  char         *module_version;
  char         *content_hash;
  char         *quiz_id;
  char         *question_id;
  char         *name;
  char         *unit;
  char         *role;
  char         *room_code;
  GStrv         strings;     /* lessons, options or question order */
  guint        *counts;
  guint         n;
  guint         number;      /* position, state, mode or quiz role */
  gboolean      flag;
  gint64        seed;

  GTask        *task;        /* the caller's, for the forms that return a value */
  gint64        result;
  guint         seat;
} Op;

/* What an operation returns, kept as the caller's task's data */
typedef struct
{
  gint64 result;
  guint  seat;
} OpResult;

/* Helpers */

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->module_id);
  g_free (op->module_version);
  g_free (op->content_hash);
  g_free (op->quiz_id);
  g_free (op->question_id);
  g_free (op->name);
  g_free (op->unit);
  g_free (op->role);
  g_free (op->room_code);
  g_strfreev (op->strings);
  g_free (op->counts);
  g_clear_object (&op->task);
  g_free (op);
}

static gboolean
set_session_not_found_error (GError **error)
{
  g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                       _("This group session no longer exists."));
  return FALSE;
}

/* Lesson ids are joined by commas, which ids cannot contain */
static char *
join_lessons (const char * const  *lessons,
              GError             **error)
{
  for (guint i = 0; lessons != NULL && lessons[i] != NULL; i++)
    if (*lessons[i] == '\0' || strchr (lessons[i], ',') != NULL)
      {
        g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                     _("The lesson id “%s” cannot be stored."), lessons[i]);
        return NULL;
      }

  if (lessons == NULL)
    return g_strdup ("");
  return g_strjoinv (",", (char **) lessons);
}

/* TRUE when the session exists; FALSE with NOT_FOUND or the database's error */
/* Runs @sql with ?1 bound to @session_id; with @must_change, a session that is not there is
 * an error. Inside the caller's transaction. */
static gboolean
run_for_session (BekalStore  *self,
                 const char  *sql,
                 gint64       session_id,
                 gboolean     must_change,
                 GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = _bekal_store_borrow (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;
  if (must_change && sqlite3_changes (self->db) == 0)
    return set_session_not_found_error (error);
  return TRUE;
}

/* One change of a session's own row, in a transaction of its own: @sql binds ?1 the id, ?2 the
 * new value (@text, or @number when @text is NULL) and ?3 the time */
static gboolean
update_session_row (BekalStore  *self,
                    const char  *sql,
                    gint64       session_id,
                    const char  *text,
                    gint64       number,
                    GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;
  stmt = _bekal_store_borrow (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  if (text != NULL)
    _bekal_store_bind_text (stmt, 2, text);
  else
    sqlite3_bind_int64 (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return set_session_not_found_error (error);
  return _bekal_store_commit_write (&txn, error);
}

static gboolean
check_session_exists (BekalStore  *self,
                      gint64       session_id,
                      GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  stmt = _bekal_store_borrow (self, "SELECT 1 FROM group_sessions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return set_session_not_found_error (error);
  return TRUE;
}

static gboolean
touch_session (BekalStore  *self,
               gint64       session_id,
               GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;

  stmt = _bekal_store_borrow (self, "UPDATE group_sessions SET updated_at = ?2 WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, _bekal_store_now ());
  return _bekal_store_step_done (self, stmt, error);
}

/* Puts @profile_id on the roster inside the open transaction; an entry already there keeps
 * its seat */
static gboolean
insert_participant (BekalStore  *self,
                    gint64       session_id,
                    gint64       profile_id,
                    guint       *out_seat,
                    GError     **error)
{
  gboolean has_row;
  gint64 seat;

  {
    g_autoptr(BorrowedStatement) stmt = NULL;

    stmt = _bekal_store_borrow (self,
                                "SELECT seat FROM group_session_roster"
                                " WHERE session_id = ?1 AND profile_id = ?2",
                                error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, session_id);
    sqlite3_bind_int64 (stmt, 2, profile_id);
    if (!_bekal_store_step_row (self, stmt, &has_row, error))
      return FALSE;
    if (has_row)
      {
        if (out_seat != NULL)
          *out_seat = (guint) sqlite3_column_int64 (stmt, 0);
        return TRUE;
      }
  }

  {
    g_autoptr(BorrowedStatement) stmt = NULL;

    stmt = _bekal_store_borrow (self,
                                "SELECT s.next_seat,"
                                " (SELECT count (*) FROM group_session_roster r"
                                "  WHERE r.session_id = s.id)"
                                " FROM group_sessions s WHERE s.id = ?1",
                                error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, session_id);
    if (!_bekal_store_step_row (self, stmt, &has_row, error))
      return FALSE;
    if (!has_row)
      return set_session_not_found_error (error);
    if (sqlite3_column_int64 (stmt, 1) >= BEKAL_GROUP_SESSION_MAX_PARTICIPANTS)
      {
        g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                     _("A group session has room for %d participants at most."),
                     BEKAL_GROUP_SESSION_MAX_PARTICIPANTS);
        return FALSE;
      }
    seat = sqlite3_column_int64 (stmt, 0);
  }

  {
    g_autoptr(BorrowedStatement) stmt = NULL;

    stmt = _bekal_store_borrow (self,
                                "INSERT INTO group_session_roster (session_id, seat, profile_id,"
                                " added_at) SELECT ?1, ?2, id, ?4 FROM profiles WHERE id = ?3",
                                error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, session_id);
    sqlite3_bind_int64 (stmt, 2, seat);
    sqlite3_bind_int64 (stmt, 3, profile_id);
    sqlite3_bind_int64 (stmt, 4, _bekal_store_now ());
    if (!_bekal_store_step_done (self, stmt, error))
      return FALSE;
    if (sqlite3_changes (self->db) == 0)
      {
        g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                             _("This profile no longer exists."));
        return FALSE;
      }
  }

  {
    g_autoptr(BorrowedStatement) stmt = NULL;

    /* a seat is never given twice, even after its participant was taken off */
    stmt = _bekal_store_borrow (self,
                                "UPDATE group_sessions SET next_seat = ?2, updated_at = ?3"
                                " WHERE id = ?1",
                                error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, session_id);
    sqlite3_bind_int64 (stmt, 2, seat + 1);
    sqlite3_bind_int64 (stmt, 3, _bekal_store_now ());
    if (!_bekal_store_step_done (self, stmt, error))
      return FALSE;
  }

  if (out_seat != NULL)
    *out_seat = (guint) seat;
  return TRUE;
}

static GPtrArray *
load_roster (BekalStore  *self,
             gint64       session_id,
             GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  gboolean has_row;

  stmt = _bekal_store_borrow (self,
                              "SELECT r.seat, r.profile_id, p.name, p.unit, p.role,"
                              " p.trained_before, r.added_at"
                              " FROM group_session_roster r JOIN profiles p ON p.id = r.profile_id"
                              " WHERE r.session_id = ?1 ORDER BY r.seat",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  roster = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_roster_entry_free);
  for (;;)
    {
      BekalRosterEntry *entry;

      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      entry = g_new0 (BekalRosterEntry, 1);
      entry->seat = (guint) sqlite3_column_int64 (stmt, 0);
      entry->profile_id = sqlite3_column_int64 (stmt, 1);
      entry->name = _bekal_store_column_dup_text (stmt, 2);
      entry->unit = _bekal_store_column_dup_text (stmt, 3);
      entry->role = _bekal_store_column_dup_text (stmt, 4);
      entry->trained_before = sqlite3_column_int (stmt, 5) != 0;
      entry->added_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (roster, entry);
    }

  return g_steal_pointer (&roster);
}

static BekalGroupSession *
session_from_row (sqlite3_stmt *stmt)
{
  BekalGroupSession *session = g_new0 (BekalGroupSession, 1);
  const char *lessons = (const char *) sqlite3_column_text (stmt, 2);
  const char *mode = (const char *) sqlite3_column_text (stmt, 4);
  const char *state = (const char *) sqlite3_column_text (stmt, 5);

  session->id = sqlite3_column_int64 (stmt, 0);
  session->module_id = _bekal_store_column_dup_text (stmt, 1);
  if (lessons != NULL && *lessons != '\0')
    session->lessons = g_strsplit (lessons, ",", -1);
  session->room_code = _bekal_store_column_dup_text (stmt, 3);
  session->mode = g_strcmp0 (mode, mode_names[BEKAL_GROUP_SESSION_PAPER]) == 0
                    ? BEKAL_GROUP_SESSION_PAPER : BEKAL_GROUP_SESSION_PHONES;
  session->state = g_strcmp0 (state, state_names[BEKAL_GROUP_SESSION_ENDED]) == 0
                     ? BEKAL_GROUP_SESSION_ENDED : BEKAL_GROUP_SESSION_OPEN;
  session->position = (guint) CLAMP (sqlite3_column_int64 (stmt, 6), 0, G_MAXUINT);
  session->created_at = sqlite3_column_int64 (stmt, 7);
  session->updated_at = sqlite3_column_int64 (stmt, 8);
  session->ended_at = sqlite3_column_int64 (stmt, 9);
  session->seed = (guint32) (sqlite3_column_int64 (stmt, 10) & 0x7fffffff);

  return session;
}

static gboolean
check_room_totals (const char * const  *options,
                   const guint         *counts,
                   guint                n_options,
                   GError             **error)
{
  for (guint i = 0; i < n_options; i++)
    {
      if (options[i] == NULL || *options[i] == '\0')
        {
          g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                               _("Every counted option needs its id."));
          return FALSE;
        }
      if (counts[i] > BEKAL_ROOM_TOTAL_MAX_COUNT)
        {
          g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                       _("A count of %u for one option is more than a room holds; type at most "
                         "%d."), counts[i], BEKAL_ROOM_TOTAL_MAX_COUNT);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (options[i], options[j]))
          {
            g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                         _("The option “%s” is counted twice."), options[i]);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean run_op_kind (BekalStore  *store,
                             Op          *op,
                             GError     **error);

static gboolean
run_op (BekalStore  *store,
        gpointer     user_data,
        GError     **error)
{
  Op *op = user_data;

  if (!run_op_kind (store, op, error))
    return FALSE;

  if (op->task != NULL)
    {
      OpResult *result = g_task_get_task_data (op->task);

      result->result = op->result;
      result->seat = op->seat;
    }
  return TRUE;
}

static gboolean
run_op_kind (BekalStore  *store,
             Op          *op,
             GError     **error)
{
  switch (op->kind)
    {
    case OP_CREATE:
      op->result = bekal_store_create_group_session (store, op->module_id,
                                                     (const char * const *) op->strings,
                                                     op->room_code,
                                                     (BekalGroupSessionMode) op->number, error);
      return op->result != 0;

    case OP_ADD_PARTICIPANT:
      op->result = op->profile_id;
      return bekal_store_add_group_session_participant (store, op->session_id, op->profile_id,
                                                        &op->seat, error);

    case OP_ADD_NEWCOMER:
      op->result = bekal_store_add_group_session_newcomer (store, op->session_id, op->name,
                                                           op->unit, op->role, op->flag,
                                                           &op->seat, error);
      return op->result != 0;

    case OP_SET_POSITION:
      return bekal_store_set_group_session_position (store, op->session_id, op->number, error);

    case OP_SET_STATE:
      return bekal_store_set_group_session_state (store, op->session_id,
                                                  (BekalGroupSessionState) op->number, error);

    case OP_SET_ROOM_CODE:
      return bekal_store_set_group_session_room_code (store, op->session_id, op->room_code,
                                                      error);

    case OP_SET_MODE:
      return bekal_store_set_group_session_mode (store, op->session_id,
                                                 (BekalGroupSessionMode) op->number, error);

    case OP_REMOVE_PARTICIPANT:
      return bekal_store_remove_group_session_participant (store, op->session_id,
                                                           op->profile_id, error);

    case OP_DELETE:
      return bekal_store_delete_group_session (store, op->session_id, error);

    case OP_SET_TOTALS:
      return bekal_store_set_room_totals (store, op->session_id, op->quiz_id, op->question_id,
                                          (const char * const *) op->strings, op->counts, op->n,
                                          error);

    case OP_START_ATTEMPT:
    default:
      op->result = bekal_store_start_group_attempt (store, op->session_id, op->profile_id,
                                                    op->module_id, op->module_version,
                                                    op->content_hash, op->quiz_id,
                                                    (BekalQuizRole) op->number, op->seed,
                                                    (const char * const *) op->strings, error);
      return op->result != 0;
    }
}

/* Callbacks */

/* The write of an operation that returns a value is done: its result is in the caller's
 * task's data (run_op() put it there) */
static void
on_op_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpResult *op_result = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, (gssize) op_result->result);
}

/* Helpers of the asynchronous forms */

static void
queue_op (BekalStore          *self,
          Op                  *op,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  if (source_tag == NULL)
    {
      bekal_store_write_async (self, run_op, op, op_free, cancellable, callback, user_data);
      return;
    }

  {
    g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
    OpResult *result = g_new0 (OpResult, 1);

    g_task_set_source_tag (task, source_tag);
    /* the task's data is where the operation leaves its result */
    g_task_set_task_data (task, result, g_free);
    op->task = g_object_ref (task);
    bekal_store_write_async (self, run_op, op, op_free, cancellable, on_op_written,
                             g_steal_pointer (&task));
  }
}

static gint64
finish_op (BekalStore    *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           guint         *out_seat,
           GError       **error)
{
  OpResult *op_result;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, 0);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value == -1 && error != NULL && *error != NULL)
    return 0;

  op_result = g_task_get_task_data (G_TASK (result));
  if (out_seat != NULL)
    *out_seat = op_result->seat;
  return (gint64) value;
}

/* Public API */

void
bekal_roster_entry_free (BekalRosterEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->unit);
  g_free (entry->role);
  g_free (entry);
}

void
bekal_group_session_free (BekalGroupSession *session)
{
  if (session == NULL)
    return;

  g_free (session->module_id);
  g_strfreev (session->lessons);
  g_free (session->room_code);
  g_clear_pointer (&session->roster, g_ptr_array_unref);
  g_free (session);
}

void
bekal_room_total_free (BekalRoomTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->quiz_id);
  g_free (total->question_id);
  g_free (total->option);
  g_free (total);
}

gint64
bekal_store_create_group_session (BekalStore            *self,
                                  const char            *module_id,
                                  const char * const    *lessons,
                                  const char            *room_code,
                                  BekalGroupSessionMode  mode,
                                  GError               **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autofree char *joined = NULL;
  gint64 now = _bekal_store_now ();
  gint64 id;

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), 0);

  if (module_id == NULL || *module_id == '\0')
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                           _("Choose a module for the group session."));
      return 0;
    }
  joined = join_lessons (lessons, error);
  if (joined == NULL)
    return 0;

  if (!_bekal_store_begin_write (self, &txn, error))
    return 0;

  stmt = _bekal_store_borrow (self,
                              "INSERT INTO group_sessions (module_id, lessons, room_code, mode,"
                              " created_at, updated_at, seed) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return 0;

  _bekal_store_bind_text (stmt, 1, module_id);
  _bekal_store_bind_text (stmt, 2, joined);
  _bekal_store_bind_text (stmt, 3, room_code != NULL ? room_code : "");
  _bekal_store_bind_text (stmt, 4, mode_names[mode]);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, g_random_int () & 0x7fffffff);
  if (!_bekal_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);
  if (!_bekal_store_commit_write (&txn, error))
    return 0;

  return id;
}

BekalGroupSession *
bekal_store_dup_group_session (BekalStore  *self,
                               gint64       session_id,
                               GError     **error)
{
  g_autoptr(BekalGroupSession) session = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  {
    g_autoptr(BorrowedStatement) stmt = NULL;
    gboolean has_row;

    stmt = _bekal_store_borrow (self,
                                "SELECT " SESSION_COLUMNS " FROM group_sessions WHERE id = ?1",
                                error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, session_id);
    if (!_bekal_store_step_row (self, stmt, &has_row, error))
      return NULL;
    if (!has_row)
      {
        set_session_not_found_error (error);
        return NULL;
      }
    session = session_from_row (stmt);
  }

  session->roster = load_roster (self, session_id, error);
  if (session->roster == NULL)
    return NULL;

  return g_steal_pointer (&session);
}

GPtrArray *
bekal_store_list_group_sessions (BekalStore  *self,
                                 const char  *module_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_group_session_free);
  {
    g_autoptr(BorrowedStatement) stmt = NULL;
    gboolean has_row;

    stmt = _bekal_store_borrow (self,
                                "SELECT " SESSION_COLUMNS " FROM group_sessions"
                                " WHERE ?1 IS NULL OR module_id = ?1"
                                " ORDER BY created_at DESC, id DESC",
                                error);
    if (stmt == NULL)
      return NULL;
    if (module_id != NULL)
      _bekal_store_bind_text (stmt, 1, module_id);
    for (;;)
      {
        if (!_bekal_store_step_row (self, stmt, &has_row, error))
          return NULL;
        if (!has_row)
          break;
        g_ptr_array_add (sessions, session_from_row (stmt));
      }
  }

  for (guint i = 0; i < sessions->len; i++)
    {
      BekalGroupSession *session = g_ptr_array_index (sessions, i);

      session->roster = load_roster (self, session->id, error);
      if (session->roster == NULL)
        return NULL;
    }

  return g_steal_pointer (&sessions);
}

gboolean
bekal_store_set_group_session_position (BekalStore  *self,
                                        gint64       session_id,
                                        guint        position,
                                        GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  return update_session_row (self,
                             "UPDATE group_sessions SET position = ?2, updated_at = ?3"
                             " WHERE id = ?1",
                             session_id, NULL, position, error);
}

gboolean
bekal_store_set_group_session_room_code (BekalStore  *self,
                                         gint64       session_id,
                                         const char  *room_code,
                                         GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  return update_session_row (self,
                             "UPDATE group_sessions SET room_code = ?2, updated_at = ?3"
                             " WHERE id = ?1",
                             session_id, room_code != NULL ? room_code : "", 0, error);
}

gboolean
bekal_store_set_group_session_mode (BekalStore             *self,
                                    gint64                  session_id,
                                    BekalGroupSessionMode   mode,
                                    GError                **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), FALSE);

  return update_session_row (self,
                             "UPDATE group_sessions SET mode = ?2, updated_at = ?3 WHERE id = ?1",
                             session_id, mode_names[mode], 0, error);
}

gboolean
bekal_store_set_group_session_state (BekalStore              *self,
                                     gint64                   session_id,
                                     BekalGroupSessionState   state,
                                     GError                 **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), FALSE);

  /* ending an ended session keeps its first end date */
  return update_session_row (self,
                             "UPDATE group_sessions SET state = ?2, updated_at = ?3,"
                             " ended_at = CASE WHEN ?2 = 'open' THEN NULL"
                             "                 ELSE coalesce (ended_at, ?3) END"
                             " WHERE id = ?1",
                             session_id, state_names[state], 0, error);
}

gboolean
bekal_store_delete_group_session (BekalStore  *self,
                                  gint64       session_id,
                                  GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  /* the attempts stay the participants' (the foreign key would do it too, but only while
   * foreign_keys is on) */
  if (!run_for_session (self, "UPDATE quiz_attempts SET session_id = NULL WHERE session_id = ?1",
                        session_id, FALSE, error)
      || !run_for_session (self, "DELETE FROM group_session_room_totals WHERE session_id = ?1",
                           session_id, FALSE, error)
      || !run_for_session (self, "DELETE FROM group_session_roster WHERE session_id = ?1",
                           session_id, FALSE, error)
      || !run_for_session (self, "DELETE FROM group_sessions WHERE id = ?1", session_id, TRUE,
                           error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

gboolean
bekal_store_add_group_session_participant (BekalStore  *self,
                                           gint64       session_id,
                                           gint64       profile_id,
                                           guint       *out_seat,
                                           GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  if (!insert_participant (self, session_id, profile_id, out_seat, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

gint64
bekal_store_add_group_session_newcomer (BekalStore  *self,
                                        gint64       session_id,
                                        const char  *name,
                                        const char  *unit,
                                        const char  *role,
                                        gboolean     trained_before,
                                        guint       *out_seat,
                                        GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  gint64 profile_id;

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);

  if (!_bekal_store_begin_write (self, &txn, error))
    return 0;

  if (!check_session_exists (self, session_id, error))
    return 0;

  profile_id = _bekal_store_insert_profile (self, name, unit, role, 0, trained_before, error);
  if (profile_id == 0)
    return 0;

  if (!insert_participant (self, session_id, profile_id, out_seat, error)
      || !_bekal_store_commit_write (&txn, error))
    return 0;

  return profile_id;
}

gboolean
bekal_store_remove_group_session_participant (BekalStore  *self,
                                              gint64       session_id,
                                              gint64       profile_id,
                                              GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "DELETE FROM group_session_roster"
                              " WHERE session_id = ?1 AND profile_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, profile_id);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0 && !touch_session (self, session_id, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

gint64
bekal_store_start_group_attempt (BekalStore          *self,
                                 gint64               session_id,
                                 gint64               profile_id,
                                 const char          *module_id,
                                 const char          *module_version,
                                 const char          *content_hash,
                                 const char          *quiz_id,
                                 BekalQuizRole        role,
                                 gint64               seed,
                                 const char * const  *question_order,
                                 GError             **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  gint64 id;

  g_return_val_if_fail (BEKAL_IS_STORE (self), 0);
  g_return_val_if_fail (module_id != NULL && quiz_id != NULL, 0);
  g_return_val_if_fail ((guint) role <= BEKAL_QUIZ_POSTTEST, 0);

  if (!_bekal_store_begin_write (self, &txn, error))
    return 0;

  {
    g_autoptr(BorrowedStatement) stmt = NULL;
    gboolean has_row;

    stmt = _bekal_store_borrow (self,
                                "SELECT s.module_id, (SELECT count (*) FROM group_session_roster r"
                                "  WHERE r.session_id = s.id AND r.profile_id = ?2)"
                                " FROM group_sessions s WHERE s.id = ?1",
                                error);
    if (stmt == NULL)
      return 0;
    sqlite3_bind_int64 (stmt, 1, session_id);
    sqlite3_bind_int64 (stmt, 2, profile_id);
    if (!_bekal_store_step_row (self, stmt, &has_row, error))
      return 0;
    if (!has_row)
      {
        set_session_not_found_error (error);
        return 0;
      }
    if (sqlite3_column_int64 (stmt, 1) == 0)
      {
        g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                             _("This participant is not on the group session's roster."));
        return 0;
      }
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), module_id) != 0)
      {
        g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                             _("This quiz is not of the group session's module."));
        return 0;
      }
  }

  id = _bekal_store_insert_attempt (self, profile_id, module_id, module_version, content_hash,
                                    quiz_id, role, seed, question_order, session_id, error);
  if (id == 0 || !_bekal_store_commit_write (&txn, error))
    return 0;

  return id;
}

BekalQuizAttempt *
bekal_store_find_group_attempt (BekalStore  *self,
                                gint64       session_id,
                                gint64       profile_id,
                                const char  *quiz_id,
                                GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (quiz_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT " _BEKAL_STORE_ATTEMPT_COLUMNS " FROM quiz_attempts"
                              " WHERE session_id = ?1 AND profile_id = ?2 AND quiz_id = ?3"
                              " ORDER BY id DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, profile_id);
  _bekal_store_bind_text (stmt, 3, quiz_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return _bekal_store_attempt_from_row (stmt);
}

GPtrArray *
bekal_store_list_group_attempts (BekalStore  *self,
                                 gint64       session_id,
                                 GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT " _BEKAL_STORE_ATTEMPT_COLUMNS " FROM quiz_attempts"
                              " WHERE session_id = ?1 ORDER BY started_at, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);

  attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_quiz_attempt_free);
  for (;;)
    {
      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (attempts, _bekal_store_attempt_from_row (stmt));
    }

  return g_steal_pointer (&attempts);
}

gboolean
bekal_store_set_room_totals (BekalStore          *self,
                             gint64               session_id,
                             const char          *quiz_id,
                             const char          *question_id,
                             const char * const  *options,
                             const guint         *counts,
                             guint                n_options,
                             GError             **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  gint64 now = _bekal_store_now ();

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_options == 0 || (options != NULL && counts != NULL), FALSE);

  if (quiz_id == NULL || *quiz_id == '\0' || question_id == NULL || *question_id == '\0')
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                           _("Room totals need the quiz and the question they count."));
      return FALSE;
    }
  if (!check_room_totals (options, counts, n_options, error))
    return FALSE;

  if (!_bekal_store_begin_write (self, &txn, error)
      || !check_session_exists (self, session_id, error))
    return FALSE;

  {
    g_autoptr(BorrowedStatement) stmt = NULL;

    stmt = _bekal_store_borrow (self,
                                "DELETE FROM group_session_room_totals"
                                " WHERE session_id = ?1 AND quiz_id = ?2 AND question_id = ?3",
                                error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, session_id);
    _bekal_store_bind_text (stmt, 2, quiz_id);
    _bekal_store_bind_text (stmt, 3, question_id);
    if (!_bekal_store_step_done (self, stmt, error))
      return FALSE;
  }

  for (guint i = 0; i < n_options; i++)
    {
      g_autoptr(BorrowedStatement) stmt = NULL;

      stmt = _bekal_store_borrow (self,
                                  "INSERT INTO group_session_room_totals (session_id, quiz_id,"
                                  " question_id, option, place, count, entered_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, session_id);
      _bekal_store_bind_text (stmt, 2, quiz_id);
      _bekal_store_bind_text (stmt, 3, question_id);
      _bekal_store_bind_text (stmt, 4, options[i]);
      sqlite3_bind_int64 (stmt, 5, i);
      sqlite3_bind_int64 (stmt, 6, counts[i]);
      sqlite3_bind_int64 (stmt, 7, now);
      if (!_bekal_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!touch_session (self, session_id, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

GPtrArray *
bekal_store_list_room_totals (BekalStore  *self,
                              gint64       session_id,
                              GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT quiz_id, question_id, option, count, entered_at"
                              " FROM group_session_room_totals WHERE session_id = ?1"
                              " ORDER BY entered_at, quiz_id, question_id, place",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);

  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_room_total_free);
  for (;;)
    {
      BekalRoomTotal *total;

      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      total = g_new0 (BekalRoomTotal, 1);
      total->quiz_id = _bekal_store_column_dup_text (stmt, 0);
      total->question_id = _bekal_store_column_dup_text (stmt, 1);
      total->option = _bekal_store_column_dup_text (stmt, 2);
      total->count = (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
      total->entered_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (totals, total);
    }

  return g_steal_pointer (&totals);
}

/* Asynchronous forms */

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **dir_and_module = task_data;   /* the data folder, then the module id or NULL */
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions;

  /* a store is used by one thread: this one gets a connection of its own */
  store = bekal_store_open_existing (dir_and_module[0], &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sessions = bekal_store_list_group_sessions (store, dir_and_module[1], &error);
  if (sessions == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, sessions, (GDestroyNotify) g_ptr_array_unref);
}

void
bekal_store_list_group_sessions_async (BekalStore          *self,
                                       const char          *module_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **dir_and_module;

  g_return_if_fail (BEKAL_IS_STORE (self));

  dir_and_module = g_new0 (char *, 3);
  dir_and_module[0] = g_strdup (bekal_store_get_data_dir (self));
  dir_and_module[1] = g_strdup (module_id);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bekal_store_list_group_sessions_async);
  g_task_set_task_data (task, dir_and_module, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, list_in_thread);
}

GPtrArray *
bekal_store_list_group_sessions_finish (BekalStore    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bekal_store_create_group_session_async (BekalStore            *self,
                                        const char            *module_id,
                                        const char * const    *lessons,
                                        const char            *room_code,
                                        BekalGroupSessionMode  mode,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_CREATE;
  op->module_id = g_strdup (module_id);
  op->strings = g_strdupv ((char **) lessons);
  op->room_code = g_strdup (room_code);
  op->number = mode;
  queue_op (self, op, bekal_store_create_group_session_async, cancellable, callback, user_data);
}

gint64
bekal_store_create_group_session_finish (BekalStore    *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_op (self, result, bekal_store_create_group_session_async, NULL, error);
}

void
bekal_store_add_group_session_newcomer_async (BekalStore          *self,
                                              gint64               session_id,
                                              const char          *name,
                                              const char          *unit,
                                              const char          *role,
                                              gboolean             trained_before,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_ADD_NEWCOMER;
  op->session_id = session_id;
  op->name = g_strdup (name);
  op->unit = g_strdup (unit);
  op->role = g_strdup (role);
  op->flag = trained_before;
  queue_op (self, op, bekal_store_add_group_session_newcomer_async, cancellable, callback,
            user_data);
}

gint64
bekal_store_add_group_session_newcomer_finish (BekalStore    *self,
                                               GAsyncResult  *result,
                                               guint         *out_seat,
                                               GError       **error)
{
  return finish_op (self, result, bekal_store_add_group_session_newcomer_async, out_seat,
                    error);
}

void
bekal_store_add_group_session_participant_async (BekalStore          *self,
                                                 gint64               session_id,
                                                 gint64               profile_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_ADD_PARTICIPANT;
  op->session_id = session_id;
  op->profile_id = profile_id;
  queue_op (self, op, bekal_store_add_group_session_participant_async, cancellable, callback,
            user_data);
}

gboolean
bekal_store_add_group_session_participant_finish (BekalStore    *self,
                                                  GAsyncResult  *result,
                                                  guint         *out_seat,
                                                  GError       **error)
{
  return finish_op (self, result, bekal_store_add_group_session_participant_async, out_seat,
                    error) != 0;
}

void
bekal_store_set_group_session_position_async (BekalStore          *self,
                                              gint64               session_id,
                                              guint                position,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_SET_POSITION;
  op->session_id = session_id;
  op->number = position;
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_set_group_session_state_async (BekalStore              *self,
                                           gint64                   session_id,
                                           BekalGroupSessionState   state,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_SET_STATE;
  op->session_id = session_id;
  op->number = state;
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_set_group_session_room_code_async (BekalStore          *self,
                                               gint64               session_id,
                                               const char          *room_code,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_SET_ROOM_CODE;
  op->session_id = session_id;
  op->room_code = g_strdup (room_code);
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_set_group_session_mode_async (BekalStore             *self,
                                          gint64                  session_id,
                                          BekalGroupSessionMode   mode,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_SET_MODE;
  op->session_id = session_id;
  op->number = mode;
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_remove_group_session_participant_async (BekalStore          *self,
                                                    gint64               session_id,
                                                    gint64               profile_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_REMOVE_PARTICIPANT;
  op->session_id = session_id;
  op->profile_id = profile_id;
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_delete_group_session_async (BekalStore          *self,
                                        gint64               session_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));

  op = g_new0 (Op, 1);
  op->kind = OP_DELETE;
  op->session_id = session_id;
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_set_room_totals_async (BekalStore          *self,
                                   gint64               session_id,
                                   const char          *quiz_id,
                                   const char          *question_id,
                                   const char * const  *options,
                                   const guint         *counts,
                                   guint                n_options,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (n_options == 0 || (options != NULL && counts != NULL));

  op = g_new0 (Op, 1);
  op->kind = OP_SET_TOTALS;
  op->session_id = session_id;
  op->quiz_id = g_strdup (quiz_id);
  op->question_id = g_strdup (question_id);
  op->strings = g_new0 (char *, n_options + 1);
  for (guint i = 0; i < n_options; i++)
    op->strings[i] = g_strdup (options[i]);
  op->counts = g_memdup2 (counts, sizeof (guint) * MAX (n_options, 1));
  op->n = n_options;
  queue_op (self, op, NULL, cancellable, callback, user_data);
}

void
bekal_store_start_group_attempt_async (BekalStore          *self,
                                       gint64               session_id,
                                       gint64               profile_id,
                                       const char          *module_id,
                                       const char          *module_version,
                                       const char          *content_hash,
                                       const char          *quiz_id,
                                       BekalQuizRole        role,
                                       gint64               seed,
                                       const char * const  *question_order,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Op *op;

  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (module_id != NULL && quiz_id != NULL);

  op = g_new0 (Op, 1);
  op->kind = OP_START_ATTEMPT;
  op->session_id = session_id;
  op->profile_id = profile_id;
  op->module_id = g_strdup (module_id);
  op->module_version = g_strdup (module_version);
  op->content_hash = g_strdup (content_hash);
  op->quiz_id = g_strdup (quiz_id);
  op->number = role;
  op->seed = seed;
  op->strings = g_strdupv ((char **) question_order);
  queue_op (self, op, bekal_store_start_group_attempt_async, cancellable, callback, user_data);
}

gint64
bekal_store_start_group_attempt_finish (BekalStore    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_op (self, result, bekal_store_start_group_attempt_async, NULL, error);
}
