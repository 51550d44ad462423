/* bekal-store-trainer.c: the trainer passphrase, learners' PINs, merging and summing up learners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include <bekal/bekal-store-trainer.h>

#include "bekal-store-private.h"

/* The wait after BEKAL_SECRET_FREE_TRIES wrong tries: 30 s, doubled with each further one */
#define FIRST_WAIT_SECONDS 30
#define MAX_WAIT_SECONDS   (15 * 60)

/* profile_id TRAINER names the trainer passphrase; any other value a profile's PIN */
#define TRAINER 0

typedef struct
{
  gint64    profile_id;
  char     *secret;   /* wiped when freed */
  char     *hash;
  gboolean  right;
  GTask    *outer;    /* the task of the caller of _async */
} SecretJob;

static void
secret_job_free (SecretJob *job)
{
  if (job->secret != NULL)
    {
      sodium_memzero (job->secret, strlen (job->secret));
      g_free (job->secret);
    }
  g_free (job->hash);
  g_clear_object (&job->outer);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretJob, secret_job_free)

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }

  if (!ok)
    g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                         _("Bekal could not start its password library (libsodium)."));
  return ok;
}

/* Argon2id with libsodium's interactive limits (about 64 MiB); FALSE when out of memory */
static char *
hash_secret (const char  *secret,
             GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str_alg (hash, secret, strlen (secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                           _("There was not enough memory to protect the passphrase or PIN. "
                             "Close other programs and try again."));
      return NULL;
    }

  return g_strdup (hash);
}

static gboolean
verify_secret (const char *hash,
               const char *secret)
{
  if (!ensure_sodium (NULL))
    return FALSE;
  return crypto_pwhash_str_verify (hash, secret, strlen (secret)) == 0;
}

static gint64
wait_after (guint  failed_tries,
            gint64 last_failed_at)
{
  gint64 wait;
  gint64 left;

  if (failed_tries < BEKAL_SECRET_FREE_TRIES)
    return 0;

  wait = (gint64) FIRST_WAIT_SECONDS << MIN (failed_tries - BEKAL_SECRET_FREE_TRIES, 10u);
  wait = MIN (wait, MAX_WAIT_SECONDS);
  left = last_failed_at + wait - _bekal_store_now ();

  return CLAMP (left, 0, MAX_WAIT_SECONDS);
}

static gboolean
set_throttled_error (gint64   seconds,
                     GError **error)
{
  if (seconds >= 60)
    g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_THROTTLED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Too many wrong tries. Try again in %d minute.",
                              "Too many wrong tries. Try again in %d minutes.",
                              (gulong) ((seconds + 59) / 60)),
                 (int) ((seconds + 59) / 60));
  else
    g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_THROTTLED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Too many wrong tries. Try again in %d second.",
                              "Too many wrong tries. Try again in %d seconds.",
                              (gulong) seconds),
                 (int) seconds);
  return FALSE;
}

static gboolean
set_wrong_error (gint64   profile_id,
                 GError **error)
{
  g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET,
                       profile_id == TRAINER ? _("That is not the trainer passphrase.")
                                             : _("That is not this profile’s PIN."));
  return FALSE;
}

static gboolean
set_no_secret_error (gint64   profile_id,
                     GError **error)
{
  g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                       profile_id == TRAINER ? _("No trainer passphrase has been set yet.")
                                             : _("This profile has no PIN."));
  return FALSE;
}

/* The hash (NULL when none) and the failed tries of the trainer or of a profile */
static gboolean
read_lock (BekalStore  *self,
           gint64       profile_id,
           char       **out_hash,
           guint       *out_failed_tries,
           gint64      *out_last_failed_at,
           GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row = FALSE;

  if (profile_id == TRAINER)
    stmt = _bekal_store_borrow (self,
                                "SELECT hash, failed_tries, last_failed_at FROM trainer_lock "
                                "WHERE id = 1", error);
  else
    stmt = _bekal_store_borrow (self,
                                "SELECT hash, failed_tries, last_failed_at FROM profile_pins "
                                "WHERE profile_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  if (profile_id != TRAINER)
    sqlite3_bind_int64 (stmt, 1, profile_id);

  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  *out_hash = has_row ? _bekal_store_column_dup_text (stmt, 0) : NULL;
  *out_failed_tries = has_row ? (guint) CLAMP (sqlite3_column_int64 (stmt, 1), 0, G_MAXINT) : 0;
  *out_last_failed_at = has_row ? sqlite3_column_int64 (stmt, 2) : 0;

  return TRUE;
}

static gboolean
check_profile_exists (BekalStore  *self,
                      gint64       profile_id,
                      GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = _bekal_store_borrow (self, "SELECT 1 FROM profiles WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                           _("This profile no longer exists."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_hash (BekalStore  *self,
            gint64       profile_id,
            const char  *hash,
            GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  if (profile_id == TRAINER)
    stmt = _bekal_store_borrow (self,
                                "INSERT INTO trainer_lock (id, hash) VALUES (1, ?2) "
                                "ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, "
                                "failed_tries = 0, last_failed_at = 0", error);
  else
    {
      if (!check_profile_exists (self, profile_id, error))
        return FALSE;
      stmt = _bekal_store_borrow (self,
                                  "INSERT INTO profile_pins (profile_id, hash) VALUES (?1, ?2) "
                                  "ON CONFLICT (profile_id) DO UPDATE SET hash = excluded.hash, "
                                  "failed_tries = 0, last_failed_at = 0", error);
    }
  if (stmt == NULL)
    return FALSE;

  if (profile_id != TRAINER)
    sqlite3_bind_int64 (stmt, 1, profile_id);
  _bekal_store_bind_text (stmt, 2, hash);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

static gboolean
record_try (BekalStore  *self,
            gint64       profile_id,
            gboolean     right,
            GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  if (profile_id == TRAINER && right)
    stmt = _bekal_store_borrow (self,
                                "UPDATE trainer_lock SET failed_tries = 0, last_failed_at = 0 "
                                "WHERE id = 1 AND ?1 = ?1", error);
  else if (profile_id == TRAINER)
    stmt = _bekal_store_borrow (self,
                                "UPDATE trainer_lock SET failed_tries = failed_tries + 1, "
                                "last_failed_at = ?2 WHERE id = 1 AND ?1 = ?1", error);
  else if (right)
    stmt = _bekal_store_borrow (self,
                                "UPDATE profile_pins SET failed_tries = 0, last_failed_at = 0 "
                                "WHERE profile_id = ?1", error);
  else
    stmt = _bekal_store_borrow (self,
                                "UPDATE profile_pins SET failed_tries = failed_tries + 1, "
                                "last_failed_at = ?2 WHERE profile_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!right)
    sqlite3_bind_int64 (stmt, 2, _bekal_store_now ());
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

/* The part of a verification before the hash comparison: the hash, or FALSE with an error
 * (no secret set, or a wait) */
static gboolean
prepare_verify (BekalStore  *self,
                gint64       profile_id,
                char       **out_hash,
                GError     **error)
{
  g_autofree char *hash = NULL;
  guint failed_tries = 0;
  gint64 last_failed_at = 0;
  gint64 wait;

  if (!read_lock (self, profile_id, &hash, &failed_tries, &last_failed_at, error))
    return FALSE;
  if (hash == NULL || *hash == '\0')
    return set_no_secret_error (profile_id, error);

  wait = wait_after (failed_tries, last_failed_at);
  if (wait > 0)
    return set_throttled_error (wait, error);

  *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

static gboolean
finish_verify (BekalStore  *self,
               gint64       profile_id,
               gboolean     right,
               GError     **error)
{
  if (!record_try (self, profile_id, right, error))
    return FALSE;
  if (!right)
    return set_wrong_error (profile_id, error);
  return TRUE;
}

static gboolean
verify (BekalStore  *self,
        gint64       profile_id,
        const char  *secret,
        GError     **error)
{
  g_autofree char *hash = NULL;

  if (!prepare_verify (self, profile_id, &hash, error))
    return FALSE;

  return finish_verify (self, profile_id, verify_secret (hash, secret), error);
}

static gboolean
get_wait (BekalStore  *self,
          gint64       profile_id,
          gint64      *out_seconds,
          guint       *out_failed_tries,
          GError     **error)
{
  g_autofree char *hash = NULL;
  guint failed_tries = 0;
  gint64 last_failed_at = 0;

  if (!read_lock (self, profile_id, &hash, &failed_tries, &last_failed_at, error))
    return FALSE;

  *out_seconds = wait_after (failed_tries, last_failed_at);
  if (out_failed_tries != NULL)
    *out_failed_tries = failed_tries;
  return TRUE;
}

static gboolean
check_secret (gint64       profile_id,
              const char  *secret,
              GError     **error)
{
  return profile_id == TRAINER ? bekal_store_check_trainer_passphrase (secret, error)
                               : bekal_store_check_pin (secret, error);
}

static void
hash_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SecretJob *job = task_data;
  GError *error = NULL;

  job->hash = hash_secret (job->secret, &error);
  if (job->hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SecretJob *job = task_data;

  job->right = verify_secret (job->hash, job->secret);
  g_task_return_boolean (task, TRUE);
}

/* What a hash or a try changes in the store, written back on the caller's thread through
 * bekal_store_write_async(): in order with the other durable writes, and tried again while
 * another program holds the database instead of failing or holding the caller */
typedef struct
{
  gint64    profile_id;
  char     *hash;   /* a new hash, or NULL for a try */
  gboolean  right;  /* a try: was the secret right */
} LockChange;

static void
lock_change_free (LockChange *change)
{
  g_free (change->hash);
  g_free (change);
}

static gboolean
write_lock_change (BekalStore  *store,
                   gpointer     data,
                   GError     **error)
{
  LockChange *change = data;

  if (change->hash != NULL)
    return write_hash (store, change->profile_id, change->hash, error);

  return record_try (store, change->profile_id, change->right, error);
}

static void
on_lock_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  LockChange *change = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    g_task_return_error (outer, error);
  else if (change->hash == NULL && !change->right)
    {
      set_wrong_error (change->profile_id, &error);
      g_task_return_error (outer, error);
    }
  else
    g_task_return_boolean (outer, TRUE);
}

/* @cancellable: NULL for a try, which is always counted once the comparison started */
static void
write_lock_change_async (BekalStore   *self,
                         GTask        *outer,
                         LockChange   *change,
                         GCancellable *cancellable)
{
  LockChange *copy = g_new0 (LockChange, 1);

  copy->profile_id = change->profile_id;
  copy->hash = g_strdup (change->hash);
  copy->right = change->right;
  /* the outer task keeps what its callback reports */
  g_task_set_task_data (outer, change, (GDestroyNotify) lock_change_free);
  bekal_store_write_async (self, write_lock_change, copy, (GDestroyNotify) lock_change_free,
                           cancellable, on_lock_written,
                           g_object_ref (outer));
}

/* Back on the caller's thread: the store is written there */
static void
on_hashed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  BekalStore *self = BEKAL_STORE (source);
  SecretJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&job->outer);
  LockChange *change;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || g_task_return_error_if_cancelled (outer))
    {
      if (error != NULL)
        g_task_return_error (outer, error);
      return;
    }

  change = g_new0 (LockChange, 1);
  change->profile_id = job->profile_id;
  change->hash = g_strdup (job->hash);
  write_lock_change_async (self, outer, change, g_task_get_cancellable (outer));
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BekalStore *self = BEKAL_STORE (source);
  SecretJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&job->outer);
  LockChange *change;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  change = g_new0 (LockChange, 1);
  change->profile_id = job->profile_id;
  change->right = job->right;
  write_lock_change_async (self, outer, change, NULL);
}

static void
start_set_async (BekalStore          *self,
                 gint64               profile_id,
                 const char          *secret,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  SecretJob *job;
  GError *error = NULL;

  g_task_set_source_tag (outer, source_tag);

  if (!check_secret (profile_id, secret, &error)
      || (profile_id != TRAINER && !check_profile_exists (self, profile_id, &error))
      || (bekal_store_is_read_only (self) && !_bekal_store_set_read_only_error (self, &error)))
    {
      g_task_return_error (outer, error);
      return;
    }

  job = g_new0 (SecretJob, 1);
  job->profile_id = profile_id;
  job->secret = g_strdup (secret);
  job->outer = g_steal_pointer (&outer);

  inner = g_task_new (self, cancellable, on_hashed, NULL);
  g_task_set_task_data (inner, job, (GDestroyNotify) secret_job_free);
  g_task_run_in_thread (inner, hash_in_thread);
}

static void
start_verify_async (BekalStore          *self,
                    gint64               profile_id,
                    const char          *secret,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  g_autofree char *hash = NULL;
  SecretJob *job;
  GError *error = NULL;

  g_task_set_source_tag (outer, source_tag);

  if (!prepare_verify (self, profile_id, &hash, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  job = g_new0 (SecretJob, 1);
  job->profile_id = profile_id;
  job->secret = g_strdup (secret);
  job->hash = g_steal_pointer (&hash);
  job->outer = g_steal_pointer (&outer);

  /* No cancellable: a verification that started is always counted */
  inner = g_task_new (self, NULL, on_verified, NULL);
  g_task_set_task_data (inner, job, (GDestroyNotify) secret_job_free);
  g_task_run_in_thread (inner, verify_in_thread);
}

static guint
count_rows (BekalStore  *self,
            const char  *sql,
            gint64       profile_id,
            gboolean    *ok,
            GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;
  gboolean has_row = FALSE;

  if (!*ok)
    return 0;

  stmt = _bekal_store_borrow (self, sql, error);
  if (stmt == NULL)
    {
      *ok = FALSE;
      return 0;
    }

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!_bekal_store_step_row (self, stmt, &has_row, error))
    {
      *ok = FALSE;
      return 0;
    }

  return has_row ? (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT) : 0;
}

static gboolean
exec_bound (BekalStore  *self,
            const char  *sql,
            gint64       keep_id,
            gint64       merge_id,
            GError     **error)
{
  g_autoptr(BorrowedStatement) stmt = _bekal_store_borrow (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, keep_id);
  sqlite3_bind_int64 (stmt, 2, merge_id);
  return _bekal_store_step_done (self, stmt, error);
}

gboolean
bekal_store_check_trainer_passphrase (const char  *passphrase,
                                      GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL)
      || g_utf8_strlen (passphrase, -1) < BEKAL_TRAINER_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                   _("The trainer passphrase needs at least %d characters."),
                   BEKAL_TRAINER_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }

  return TRUE;
}

gboolean
bekal_store_check_pin (const char  *pin,
                       GError     **error)
{
  gsize length = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                     _("A PIN is made of digits only (0 to 9), %d to %d of them."),
                     BEKAL_PIN_MIN_DIGITS, BEKAL_PIN_MAX_DIGITS);
        return FALSE;
      }

  if (length < BEKAL_PIN_MIN_DIGITS || length > BEKAL_PIN_MAX_DIGITS)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                   _("A PIN has %d to %d digits; this one has %d."),
                   BEKAL_PIN_MIN_DIGITS, BEKAL_PIN_MAX_DIGITS, (int) length);
      return FALSE;
    }

  return TRUE;
}

gboolean
bekal_store_has_trainer_passphrase (BekalStore  *self,
                                    gboolean    *out_has,
                                    GError     **error)
{
  g_autofree char *hash = NULL;
  guint failed_tries = 0;
  gint64 last_failed_at = 0;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!read_lock (self, TRAINER, &hash, &failed_tries, &last_failed_at, error))
    return FALSE;

  *out_has = hash != NULL && *hash != '\0';
  return TRUE;
}

gboolean
bekal_store_set_trainer_passphrase (BekalStore  *self,
                                    const char  *passphrase,
                                    GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!bekal_store_check_trainer_passphrase (passphrase, error))
    return FALSE;

  hash = hash_secret (passphrase, error);
  return hash != NULL && write_hash (self, TRAINER, hash, error);
}

gboolean
bekal_store_verify_trainer_passphrase (BekalStore  *self,
                                       const char  *passphrase,
                                       GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return verify (self, TRAINER, passphrase, error);
}

gboolean
bekal_store_get_trainer_wait (BekalStore  *self,
                              gint64      *out_seconds,
                              guint       *out_failed_tries,
                              GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  return get_wait (self, TRAINER, out_seconds, out_failed_tries, error);
}

gboolean
bekal_store_reset_trainer (BekalStore  *self,
                           GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self, "DELETE FROM trainer_lock", error);
  if (stmt == NULL || !_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

void
bekal_store_set_trainer_passphrase_async (BekalStore          *self,
                                          const char          *passphrase,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (BEKAL_IS_STORE (self));

  start_set_async (self, TRAINER, passphrase, cancellable, callback, user_data,
                   bekal_store_set_trainer_passphrase_async);
}

gboolean
bekal_store_set_trainer_passphrase_finish (BekalStore    *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bekal_store_verify_trainer_passphrase_async (BekalStore          *self,
                                             const char          *passphrase,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (passphrase != NULL);

  start_verify_async (self, TRAINER, passphrase, cancellable, callback, user_data,
                      bekal_store_verify_trainer_passphrase_async);
}

gboolean
bekal_store_verify_trainer_passphrase_finish (BekalStore    *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bekal_store_profile_has_pin (BekalStore  *self,
                             gint64       profile_id,
                             gboolean    *out_has,
                             GError     **error)
{
  g_autofree char *hash = NULL;
  guint failed_tries = 0;
  gint64 last_failed_at = 0;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (profile_id != TRAINER, FALSE);

  if (!read_lock (self, profile_id, &hash, &failed_tries, &last_failed_at, error))
    return FALSE;

  *out_has = hash != NULL && *hash != '\0';
  return TRUE;
}

gboolean
bekal_store_set_profile_pin (BekalStore  *self,
                             gint64       profile_id,
                             const char  *pin,
                             GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (profile_id != TRAINER, FALSE);

  if (!bekal_store_check_pin (pin, error) || !check_profile_exists (self, profile_id, error))
    return FALSE;

  hash = hash_secret (pin, error);
  return hash != NULL && write_hash (self, profile_id, hash, error);
}

gboolean
bekal_store_remove_profile_pin (BekalStore  *self,
                                gint64       profile_id,
                                GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  stmt = _bekal_store_borrow (self, "DELETE FROM profile_pins WHERE profile_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  if (!_bekal_store_step_done (self, stmt, error))
    return FALSE;

  return _bekal_store_commit_write (&txn, error);
}

gboolean
bekal_store_verify_profile_pin (BekalStore  *self,
                                gint64       profile_id,
                                const char  *pin,
                                GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (profile_id != TRAINER, FALSE);
  g_return_val_if_fail (pin != NULL, FALSE);

  return verify (self, profile_id, pin, error);
}

gboolean
bekal_store_get_profile_pin_wait (BekalStore  *self,
                                  gint64       profile_id,
                                  gint64      *out_seconds,
                                  guint       *out_failed_tries,
                                  GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (profile_id != TRAINER, FALSE);

  return get_wait (self, profile_id, out_seconds, out_failed_tries, error);
}

void
bekal_store_set_profile_pin_async (BekalStore          *self,
                                   gint64               profile_id,
                                   const char          *pin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (profile_id != TRAINER);

  start_set_async (self, profile_id, pin, cancellable, callback, user_data,
                   bekal_store_set_profile_pin_async);
}

gboolean
bekal_store_set_profile_pin_finish (BekalStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bekal_store_verify_profile_pin_async (BekalStore          *self,
                                      gint64               profile_id,
                                      const char          *pin,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (BEKAL_IS_STORE (self));
  g_return_if_fail (profile_id != TRAINER);
  g_return_if_fail (pin != NULL);

  start_verify_async (self, profile_id, pin, cancellable, callback, user_data,
                      bekal_store_verify_profile_pin_async);
}

gboolean
bekal_store_verify_profile_pin_finish (BekalStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bekal_store_summarize_profile (BekalStore           *self,
                               gint64                profile_id,
                               BekalProfileSummary  *out_summary,
                               GError              **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_summary != NULL, FALSE);

  if (!check_profile_exists (self, profile_id, error))
    return FALSE;

  out_summary->n_attempts =
    count_rows (self, "SELECT count(*) FROM quiz_attempts WHERE profile_id = ?1",
                profile_id, &ok, error);
  out_summary->n_answers =
    count_rows (self, "SELECT count(*) FROM quiz_answers s JOIN quiz_attempts a "
                "ON a.id = s.attempt_id WHERE a.profile_id = ?1", profile_id, &ok, error);
  out_summary->n_reflections =
    count_rows (self, "SELECT count(*) FROM reflections WHERE profile_id = ?1",
                profile_id, &ok, error);
  out_summary->n_progress_rows =
    count_rows (self,
                "SELECT (SELECT count(*) FROM positions WHERE profile_id = ?1)"
                " + (SELECT count(*) FROM seen_blocks WHERE profile_id = ?1)"
                " + (SELECT count(*) FROM completed_lessons WHERE profile_id = ?1)"
                " + (SELECT count(*) FROM module_states WHERE profile_id = ?1)"
                " + (SELECT count(*) FROM media_progress WHERE profile_id = ?1)"
                " + (SELECT count(*) FROM checkpoint_responses WHERE profile_id = ?1)",
                profile_id, &ok, error);

  return ok;
}

gboolean
bekal_store_merge_profiles (BekalStore  *self,
                            gint64       keep_id,
                            gint64       merge_id,
                            GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  /* ?1 is the profile kept, ?2 the one merged into it. The rows of the merged profile that
   * collide with the kept one's stay behind and go with it when it is deleted. The report's
   * sums of the merged profile are taken away first and the kept profile's rebuilt last, with
   * the triggers that keep them (an update of score fires them). */
  static const char * const steps[] = {
    "DELETE FROM report_contributions WHERE profile_id = ?2 AND ?1 = ?1",
    "UPDATE quiz_attempts SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE positions SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE seen_blocks SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE completed_lessons SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE module_states SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE reflections SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE media_progress SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE checkpoint_responses SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE lrs_sent SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE OR IGNORE group_session_roster SET profile_id = ?1 WHERE profile_id = ?2",
    "UPDATE quiz_attempts SET score = score WHERE profile_id = ?1 AND ?2 = ?2"
    "  AND finished_at IS NOT NULL AND role IN ('pretest', 'posttest')",
    "UPDATE settings SET value = CAST (?1 AS TEXT)"
    "  WHERE key = '" BEKAL_STORE_KEY_LAST_PROFILE "' AND value = CAST (?2 AS TEXT)",
    "DELETE FROM profiles WHERE id = ?2 AND ?1 = ?1",
  };

  g_return_val_if_fail (BEKAL_IS_STORE (self), FALSE);

  if (keep_id == merge_id)
    {
      g_set_error_literal (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                           _("Choose two different profiles to merge."));
      return FALSE;
    }

  if (!_bekal_store_flush_soft_writes (self, TRUE, error)
      || !_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  if (!check_profile_exists (self, keep_id, error)
      || !check_profile_exists (self, merge_id, error))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      /* Each step is a literal, so it can be the statement cache's key */
      if (!exec_bound (self, steps[i], keep_id, merge_id, error))
        return FALSE;
    }

  return _bekal_store_commit_write (&txn, error);
}
