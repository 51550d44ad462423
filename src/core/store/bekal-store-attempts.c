/* bekal-store-attempts.c: quiz attempts and their answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

/* On-disk names of BekalQuizRole; part of the file format, so not shared with the loader */
static const char * const quiz_role_names[] = {
  [BEKAL_QUIZ_PRETEST] = "pretest",
  [BEKAL_QUIZ_PRACTICE] = "practice",
  [BEKAL_QUIZ_POSTTEST] = "posttest",
};


void
bekal_quiz_attempt_free (BekalQuizAttempt *attempt)
{
  if (attempt == NULL)
    return;

  g_free (attempt->module_id);
  g_free (attempt->module_version);
  g_free (attempt->content_hash);
  g_free (attempt->quiz_id);
  g_strfreev (attempt->question_order);
  g_free (attempt);
}

void
bekal_quiz_answer_free (BekalQuizAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->question_id);
  g_free (answer->topic_id);
  g_free (answer->response);
  g_free (answer);
}

/* Quiz attempts */

#define ATTEMPT_COLUMNS _BEKAL_STORE_ATTEMPT_COLUMNS

const char *
_bekal_store_quiz_role_name (BekalQuizRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (quiz_role_names), "practice");
  return quiz_role_names[role];
}

BekalQuizAttempt *
_bekal_store_attempt_from_row (sqlite3_stmt *stmt)
{
  BekalQuizAttempt *attempt = g_new0 (BekalQuizAttempt, 1);
  const char *role = (const char *) sqlite3_column_text (stmt, 6);
  const char *order = (const char *) sqlite3_column_text (stmt, 8);

  attempt->id = sqlite3_column_int64 (stmt, 0);
  attempt->profile_id = sqlite3_column_int64 (stmt, 1);
  attempt->module_id = _bekal_store_column_dup_text (stmt, 2);
  attempt->module_version = _bekal_store_column_dup_text (stmt, 3);
  attempt->content_hash = _bekal_store_column_dup_text (stmt, 4);
  attempt->quiz_id = _bekal_store_column_dup_text (stmt, 5);

  attempt->role = BEKAL_QUIZ_PRACTICE;
  for (guint i = 0; i < G_N_ELEMENTS (quiz_role_names); i++)
    if (g_strcmp0 (role, quiz_role_names[i]) == 0)
      attempt->role = (BekalQuizRole) i;

  attempt->seed = sqlite3_column_int64 (stmt, 7);
  if (order != NULL && *order != '\0')
    attempt->question_order = g_strsplit (order, ",", -1);
  else
    attempt->question_order = g_new0 (char *, 1);
  attempt->started_at = sqlite3_column_int64 (stmt, 9);
  attempt->finished_at = sqlite3_column_int64 (stmt, 10);
  attempt->score = _bekal_store_column_score (stmt, 11);

  if (sqlite3_column_type (stmt, 12) == SQLITE_NULL)
    attempt->verdict = BEKAL_QUIZ_VERDICT_NONE;
  else if (sqlite3_column_int (stmt, 12) != 0)
    attempt->verdict = BEKAL_QUIZ_VERDICT_PASSED;
  else
    attempt->verdict = BEKAL_QUIZ_VERDICT_FAILED;
  attempt->session_id = sqlite3_column_int64 (stmt, 13);

  return attempt;
}

static GPtrArray *
collect_attempts (BekalStore    *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) attempts = NULL;
  gboolean has_row;

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

/* Question ids are joined by commas, which module ids cannot contain */
static char *
join_question_order (const char * const  *question_order,
                     GError             **error)
{
  for (guint i = 0; question_order != NULL && question_order[i] != NULL; i++)
    {
      if (*question_order[i] == '\0' || strchr (question_order[i], ',') != NULL)
        {
          g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                       _("The question id “%s” cannot be stored."), question_order[i]);
          return NULL;
        }
    }

  if (question_order == NULL)
    return g_strdup ("");

  return g_strjoinv (",", (char **) question_order);
}

gint64
bekal_store_start_attempt (BekalStore          *self,
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
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (quiz_role_names), 0);

  if (!_bekal_store_begin_write (self, &txn, error))
    return 0;

  id = _bekal_store_insert_attempt (self, profile_id, module_id, module_version, content_hash,
                                    quiz_id, role, seed, question_order, 0, error);
  if (id == 0 || !_bekal_store_commit_write (&txn, error))
    return 0;

  return id;
}

gint64
_bekal_store_insert_attempt (BekalStore          *self,
                             gint64               profile_id,
                             const char          *module_id,
                             const char          *module_version,
                             const char          *content_hash,
                             const char          *quiz_id,
                             BekalQuizRole        role,
                             gint64               seed,
                             const char * const  *question_order,
                             gint64               session_id,
                             GError             **error)
{
  g_autofree char *order = NULL;
  g_autoptr(BorrowedStatement) stmt = NULL;

  order = join_question_order (question_order, error);
  if (order == NULL)
    return 0;

  stmt = _bekal_store_borrow (self,
                              "INSERT INTO quiz_attempts (profile_id, module_id, module_version,"
                              " content_hash, quiz_id, role, seed, question_order, started_at,"
                              " session_id)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, module_version != NULL ? module_version : "");
  _bekal_store_bind_text (stmt, 4, content_hash != NULL ? content_hash : "");
  _bekal_store_bind_text (stmt, 5, quiz_id);
  _bekal_store_bind_text (stmt, 6, quiz_role_names[role]);
  sqlite3_bind_int64 (stmt, 7, seed);
  _bekal_store_bind_text (stmt, 8, order);
  sqlite3_bind_int64 (stmt, 9, _bekal_store_now ());
  if (session_id > 0)
    sqlite3_bind_int64 (stmt, 10, session_id);
  else
    sqlite3_bind_null (stmt, 10);
  if (!_bekal_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/* Explains why an attempt took no change: it does not exist or it is finished */
static gboolean
set_attempt_unchanged_error (BekalStore  *self,
                             gint64       attempt_id,
                             GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  stmt = _bekal_store_borrow (self, "SELECT 1 FROM quiz_attempts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                         _("This quiz attempt is already finished; its answers cannot change."));
  else
    g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                         _("This quiz attempt no longer exists."));

  return FALSE;
}

gboolean
bekal_store_record_answer (BekalStore  *self,
                           gint64       attempt_id,
                           const char  *question_id,
                           const char  *topic_id,
                           const char  *response,
                           double       score,
                           GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (question_id != NULL && response != NULL, FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  /* The WHERE clause keeps answers out of finished (or missing) attempts */
  stmt = _bekal_store_borrow (self,
                              "INSERT INTO quiz_answers (attempt_id, question_id, topic_id,"
                              " response, score, answered_at)"
                              " SELECT id, ?2, ?3, ?4, ?5, ?6 FROM quiz_attempts"
                              " WHERE id = ?1 AND finished_at IS NULL "
                              "ON CONFLICT (attempt_id, question_id) DO UPDATE SET"
                              " topic_id = excluded.topic_id, response = excluded.response,"
                              " score = excluded.score, answered_at = excluded.answered_at",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  _bekal_store_bind_text (stmt, 2, question_id);
  _bekal_store_bind_text (stmt, 3, topic_id != NULL ? topic_id : "");
  _bekal_store_bind_text (stmt, 4, response);
  _bekal_store_bind_score (stmt, 5, score);
  sqlite3_bind_int64 (stmt, 6, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_attempt_unchanged_error (self, attempt_id, error);

  return _bekal_store_commit_write (&txn, error);
}

gboolean
bekal_store_finish_attempt (BekalStore        *self,
                            gint64             attempt_id,
                            double             score,
                            BekalQuizVerdict   verdict,
                            GError           **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self,
                              "UPDATE quiz_attempts SET finished_at = ?2, score = ?3, passed = ?4"
                              " WHERE id = ?1 AND finished_at IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  sqlite3_bind_int64 (stmt, 2, _bekal_store_now ());
  _bekal_store_bind_score (stmt, 3, score);
  if (verdict == BEKAL_QUIZ_VERDICT_NONE)
    sqlite3_bind_null (stmt, 4);
  else
    sqlite3_bind_int (stmt, 4, verdict == BEKAL_QUIZ_VERDICT_PASSED ? 1 : 0);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_attempt_unchanged_error (self, attempt_id, error);

  return _bekal_store_commit_write (&txn, error);
}

BekalQuizAttempt *
bekal_store_dup_attempt (BekalStore  *self,
                         gint64       attempt_id,
                         GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, attempt_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                           _("This quiz attempt no longer exists."));
      return NULL;
    }

  return _bekal_store_attempt_from_row (stmt);
}

GPtrArray *
bekal_store_list_attempts (BekalStore  *self,
                           gint64       profile_id,
                           const char  *module_id,
                           const char  *quiz_id,
                           GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts"
                              " WHERE profile_id = ?1 AND module_id = ?2"
                              " AND (?3 IS NULL OR quiz_id = ?3)"
                              " ORDER BY started_at, id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, quiz_id);

  return collect_attempts (self, stmt, error);
}

GPtrArray *
bekal_store_list_answers (BekalStore  *self,
                          gint64       attempt_id,
                          GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT id, attempt_id, question_id, topic_id, response, score,"
                              " answered_at FROM quiz_answers WHERE attempt_id = ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, attempt_id);

  answers = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_quiz_answer_free);
  for (;;)
    {
      BekalQuizAnswer *answer;

      if (!_bekal_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      answer = g_new0 (BekalQuizAnswer, 1);
      answer->id = sqlite3_column_int64 (stmt, 0);
      answer->attempt_id = sqlite3_column_int64 (stmt, 1);
      answer->question_id = _bekal_store_column_dup_text (stmt, 2);
      answer->topic_id = _bekal_store_column_dup_text (stmt, 3);
      answer->response = _bekal_store_column_dup_text (stmt, 4);
      answer->score = _bekal_store_column_score (stmt, 5);
      answer->answered_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (answers, answer);
    }

  return g_steal_pointer (&answers);
}

BekalQuizAttempt *
bekal_store_find_unfinished_attempt (BekalStore  *self,
                                     gint64       profile_id,
                                     const char  *module_id,
                                     const char  *quiz_id,
                                     GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL && quiz_id != NULL, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts"
                              " WHERE profile_id = ?1 AND module_id = ?2 AND quiz_id = ?3"
                              " AND finished_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, quiz_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return _bekal_store_attempt_from_row (stmt);
}

BekalQuizAttempt *
bekal_store_dup_counted_attempt (BekalStore     *self,
                                 gint64          profile_id,
                                 const char     *module_id,
                                 BekalQuizRole   role,
                                 GError        **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (BEKAL_IS_STORE (self), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);
  g_return_val_if_fail (role == BEKAL_QUIZ_PRETEST || role == BEKAL_QUIZ_POSTTEST, NULL);

  stmt = _bekal_store_borrow (self,
                              "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts WHERE id ="
                              " (SELECT id FROM counted_attempts"
                              "  WHERE profile_id = ?1 AND module_id = ?2 AND role = ?3)",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, module_id);
  _bekal_store_bind_text (stmt, 3, quiz_role_names[role]);
  if (!_bekal_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return _bekal_store_attempt_from_row (stmt);
}
