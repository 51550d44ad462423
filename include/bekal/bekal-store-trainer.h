/* bekal-store-trainer.h: the trainer passphrase, learners' PINs, and managing learners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-store.h"

G_BEGIN_DECLS

/**
 * BEKAL_TRAINER_PASSPHRASE_MIN_LENGTH:
 *
 * The fewest characters (not bytes) a trainer passphrase may have.
 */
#define BEKAL_TRAINER_PASSPHRASE_MIN_LENGTH 8

/**
 * BEKAL_PIN_MIN_DIGITS:
 *
 * The fewest digits of a learner's PIN.
 */
#define BEKAL_PIN_MIN_DIGITS 4

/**
 * BEKAL_PIN_MAX_DIGITS:
 *
 * The most digits of a learner's PIN.
 */
#define BEKAL_PIN_MAX_DIGITS 8

/**
 * BEKAL_SECRET_FREE_TRIES:
 *
 * How many wrong tries of a passphrase or PIN are allowed before a wait applies. After that the
 * wait starts at 30 seconds and doubles with every further wrong try, up to 15 minutes.
 */
#define BEKAL_SECRET_FREE_TRIES 5

/**
 * BekalProfileSummary:
 * @n_attempts: quiz attempts (pre-tests, practice, post-tests)
 * @n_answers: answers given in those attempts
 * @n_reflections: reflections written
 * @n_progress_rows: reading positions, blocks seen, lessons completed, module states, media
 *   progress and checkpoint answers
 *
 * What is recorded for one learner: what a deletion removes, or a merge moves.
 */
typedef struct
{
  guint n_attempts;
  guint n_answers;
  guint n_reflections;
  guint n_progress_rows;
} BekalProfileSummary;

/**
 * bekal_store_check_trainer_passphrase:
 * @passphrase: a candidate passphrase
 * @error: return location for a #BEKAL_STORE_ERROR_INVALID error
 *
 * Whether @passphrase is acceptable as a trainer passphrase: valid UTF-8 of at least
 * %BEKAL_TRAINER_PASSPHRASE_MIN_LENGTH characters.
 *
 * Returns: %TRUE when it is
 */
gboolean  bekal_store_check_trainer_passphrase   (const char           *passphrase,
                                                  GError              **error);

/**
 * bekal_store_check_pin:
 * @pin: a candidate PIN
 * @error: return location for a #BEKAL_STORE_ERROR_INVALID error
 *
 * Whether @pin is acceptable as a learner's PIN: %BEKAL_PIN_MIN_DIGITS to
 * %BEKAL_PIN_MAX_DIGITS ASCII digits and nothing else.
 *
 * Returns: %TRUE when it is
 */
gboolean  bekal_store_check_pin                  (const char           *pin,
                                                  GError              **error);

/**
 * bekal_store_has_trainer_passphrase:
 * @self: a #BekalStore
 * @out_has: (out): whether a trainer passphrase is set
 * @error: return location for an error
 *
 * Returns: %TRUE when the store could be read
 */
gboolean  bekal_store_has_trainer_passphrase     (BekalStore           *self,
                                                  gboolean             *out_has,
                                                  GError              **error);

/**
 * bekal_store_set_trainer_passphrase:
 * @self: a #BekalStore
 * @passphrase: the new passphrase (see bekal_store_check_trainer_passphrase())
 * @error: return location for an error
 *
 * Stores the Argon2id hash of @passphrase (never the passphrase) and clears the failed tries.
 * Hashing takes a fraction of a second and 64 MiB: call it from a worker thread, or use
 * bekal_store_set_trainer_passphrase_async() in an application.
 *
 * Returns: %TRUE when it was saved
 */
gboolean  bekal_store_set_trainer_passphrase     (BekalStore           *self,
                                                  const char           *passphrase,
                                                  GError              **error);

/**
 * bekal_store_verify_trainer_passphrase:
 * @self: a #BekalStore
 * @passphrase: the passphrase typed
 * @error: return location for an error
 *
 * Compares @passphrase with the stored hash. A wrong passphrase is counted with its time; after
 * %BEKAL_SECRET_FREE_TRIES wrong tries, tries made before the wait is over fail with
 * #BEKAL_STORE_ERROR_THROTTLED without being checked. A right one clears the count.
 *
 * Returns: %TRUE when @passphrase is right; %FALSE with #BEKAL_STORE_ERROR_WRONG_SECRET,
 *   #BEKAL_STORE_ERROR_THROTTLED, #BEKAL_STORE_ERROR_NOT_FOUND (no passphrase set) or another
 *   error
 */
gboolean  bekal_store_verify_trainer_passphrase  (BekalStore           *self,
                                                  const char           *passphrase,
                                                  GError              **error);

/**
 * bekal_store_get_trainer_wait:
 * @self: a #BekalStore
 * @out_seconds: (out): seconds before the next try is checked, 0 when it can be now
 * @out_failed_tries: (out) (optional): wrong tries since the last right one
 * @error: return location for an error
 *
 * Returns: %TRUE when the store could be read
 */
gboolean  bekal_store_get_trainer_wait           (BekalStore           *self,
                                                  gint64               *out_seconds,
                                                  guint                *out_failed_tries,
                                                  GError              **error);

/**
 * bekal_store_reset_trainer:
 * @self: a #BekalStore
 * @error: return location for an error
 *
 * Removes the trainer passphrase and the count of failed tries, for a forgotten passphrase.
 * Learners' data and PINs are not touched.
 *
 * Returns: %TRUE when it was done
 */
gboolean  bekal_store_reset_trainer              (BekalStore           *self,
                                                  GError              **error);

/**
 * bekal_store_set_trainer_passphrase_async:
 * @self: a #BekalStore
 * @passphrase: the new passphrase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Like bekal_store_set_trainer_passphrase(), with the hashing in a worker thread; the store is
 * written on the calling thread when the hash is ready.
 */
void      bekal_store_set_trainer_passphrase_async  (BekalStore          *self,
                                                     const char          *passphrase,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/**
 * bekal_store_set_trainer_passphrase_finish:
 * @self: a #BekalStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when the passphrase was saved
 */
gboolean  bekal_store_set_trainer_passphrase_finish (BekalStore          *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/**
 * bekal_store_verify_trainer_passphrase_async:
 * @self: a #BekalStore
 * @passphrase: the passphrase typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Like bekal_store_verify_trainer_passphrase(), with the hash comparison in a worker thread.
 */
void      bekal_store_verify_trainer_passphrase_async  (BekalStore          *self,
                                                        const char          *passphrase,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/**
 * bekal_store_verify_trainer_passphrase_finish:
 * @self: a #BekalStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: as bekal_store_verify_trainer_passphrase()
 */
gboolean  bekal_store_verify_trainer_passphrase_finish (BekalStore          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/**
 * bekal_store_profile_has_pin:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @out_has: (out): whether the profile is protected by a PIN
 * @error: return location for an error
 *
 * Returns: %TRUE when the store could be read
 */
gboolean  bekal_store_profile_has_pin            (BekalStore           *self,
                                                  gint64                profile_id,
                                                  gboolean             *out_has,
                                                  GError              **error);

/**
 * bekal_store_set_profile_pin:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @pin: the new PIN (see bekal_store_check_pin())
 * @error: return location for an error
 *
 * Sets or changes the profile's PIN (the caller asks for the old one first when changing) and
 * clears its failed tries. Hashes on the calling thread, like
 * bekal_store_set_trainer_passphrase().
 *
 * Returns: %TRUE when it was saved
 */
gboolean  bekal_store_set_profile_pin            (BekalStore           *self,
                                                  gint64                profile_id,
                                                  const char           *pin,
                                                  GError              **error);

/**
 * bekal_store_remove_profile_pin:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @error: return location for an error
 *
 * Removes the profile's PIN, if it has one.
 *
 * Returns: %TRUE when it was done
 */
gboolean  bekal_store_remove_profile_pin         (BekalStore           *self,
                                                  gint64                profile_id,
                                                  GError              **error);

/**
 * bekal_store_verify_profile_pin:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @pin: the PIN typed
 * @error: return location for an error
 *
 * Compares @pin with the profile's, counting wrong tries per profile as
 * bekal_store_verify_trainer_passphrase() does. A profile without a PIN fails with
 * #BEKAL_STORE_ERROR_NOT_FOUND.
 *
 * Returns: %TRUE when @pin is right
 */
gboolean  bekal_store_verify_profile_pin         (BekalStore           *self,
                                                  gint64                profile_id,
                                                  const char           *pin,
                                                  GError              **error);

/**
 * bekal_store_get_profile_pin_wait:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @out_seconds: (out): seconds before the next try is checked, 0 when it can be now
 * @out_failed_tries: (out) (optional): wrong tries since the last right one
 * @error: return location for an error
 *
 * Returns: %TRUE when the store could be read
 */
gboolean  bekal_store_get_profile_pin_wait       (BekalStore           *self,
                                                  gint64                profile_id,
                                                  gint64               *out_seconds,
                                                  guint                *out_failed_tries,
                                                  GError              **error);

/**
 * bekal_store_set_profile_pin_async:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @pin: the new PIN
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Like bekal_store_set_profile_pin(), with the hashing in a worker thread.
 */
void      bekal_store_set_profile_pin_async      (BekalStore           *self,
                                                  gint64                profile_id,
                                                  const char           *pin,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/**
 * bekal_store_set_profile_pin_finish:
 * @self: a #BekalStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when the PIN was saved
 */
gboolean  bekal_store_set_profile_pin_finish     (BekalStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/**
 * bekal_store_verify_profile_pin_async:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @pin: the PIN typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Like bekal_store_verify_profile_pin(), with the hash comparison in a worker thread.
 */
void      bekal_store_verify_profile_pin_async   (BekalStore           *self,
                                                  gint64                profile_id,
                                                  const char           *pin,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/**
 * bekal_store_verify_profile_pin_finish:
 * @self: a #BekalStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: as bekal_store_verify_profile_pin()
 */
gboolean  bekal_store_verify_profile_pin_finish  (BekalStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/**
 * bekal_store_summarize_profile:
 * @self: a #BekalStore
 * @profile_id: a profile
 * @out_summary: (out caller-allocates): what is recorded for the profile
 * @error: return location for an error
 *
 * Counts what is recorded for a learner, to name it before a deletion or a merge.
 *
 * Returns: %TRUE when the profile exists and could be read
 */
gboolean  bekal_store_summarize_profile          (BekalStore           *self,
                                                  gint64                profile_id,
                                                  BekalProfileSummary  *out_summary,
                                                  GError              **error);

/**
 * bekal_store_merge_profiles:
 * @self: a #BekalStore
 * @keep_id: the profile that stays
 * @merge_id: the profile whose records move to @keep_id, then is deleted
 * @error: return location for an error
 *
 * Moves the attempts with their answers, the reflections and the progress of @merge_id into
 * @keep_id and deletes @merge_id, in one transaction. Where both have a record of the same
 * thing (a reflection, a reading position, a module's state), @keep_id's stays. Which attempts
 * count is decided afterwards by the view counted_attempts, as for any learner.
 *
 * Returns: %TRUE when it was done
 */
gboolean  bekal_store_merge_profiles             (BekalStore           *self,
                                                  gint64                keep_id,
                                                  gint64                merge_id,
                                                  GError              **error);

G_END_DECLS
