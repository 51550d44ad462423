/* bekal-store.h: the learners' profiles, progress, notes and answers, kept in one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/* The schema version this build writes; older databases are migrated when opened */
#define BEKAL_STORE_SCHEMA_VERSION 6

/* The database file inside the data folder */
#define BEKAL_STORE_FILE_NAME "bekal.db"

/* Setting key holding the id of the profile used last (as decimal text) */
#define BEKAL_STORE_KEY_LAST_PROFILE "last-profile"

/* A score that is absent (an unscored answer, an attempt without scored questions) */
#define BEKAL_STORE_NO_SCORE (-1.0)

#define BEKAL_STORE_ERROR (bekal_store_error_quark ())

typedef enum
{
  BEKAL_STORE_ERROR_FAILED,
  BEKAL_STORE_ERROR_NEWER_VERSION, /* written by a newer Bekal; left untouched */
  BEKAL_STORE_ERROR_CORRUPT,       /* not a Bekal database, or damaged; left untouched */
  BEKAL_STORE_ERROR_READ_ONLY,     /* the folder or file cannot be written */
  BEKAL_STORE_ERROR_FULL,          /* the disk is full */
  BEKAL_STORE_ERROR_BUSY,          /* another process kept the database locked too long */
  BEKAL_STORE_ERROR_NOT_FOUND,     /* no such profile or attempt */
  BEKAL_STORE_ERROR_INVALID,       /* a value the database does not accept */
  BEKAL_STORE_ERROR_BAD_VERSION,   /* a schema version no Bekal writes (negative); untouched */
  BEKAL_STORE_ERROR_FOREIGN_SCHEMA, /* tables, views, indexes or triggers Bekal did not create, or
                                     * changed ones; untouched (see bekal_store_repair_schema) */
  BEKAL_STORE_ERROR_WRONG_SECRET,  /* a wrong trainer passphrase or learner PIN */
  BEKAL_STORE_ERROR_THROTTLED,     /* too many wrong tries: wait before the next one */
} BekalStoreError;

typedef enum
{
  BEKAL_MODULE_FLAG_NONE            = 0,
  BEKAL_MODULE_FLAG_PRETEST_SKIPPED = 1 << 0,
  BEKAL_MODULE_FLAG_PRETEST_DONE    = 1 << 1,
  BEKAL_MODULE_FLAG_POSTTEST_PASSED = 1 << 2,
} BekalModuleFlag;

typedef enum
{
  BEKAL_QUIZ_VERDICT_NONE,   /* unfinished, or the quiz has no pass mark */
  BEKAL_QUIZ_VERDICT_FAILED,
  BEKAL_QUIZ_VERDICT_PASSED,
} BekalQuizVerdict;

/* How an object of a database's schema differs from what Bekal creates */
typedef enum
{
  BEKAL_SCHEMA_OBJECT_FOREIGN, /* Bekal never creates it: repair removes it */
  BEKAL_SCHEMA_OBJECT_CHANGED, /* Bekal's own name, another definition: repair restores Bekal's
                                * (not for a table) */
  BEKAL_SCHEMA_OBJECT_MISSING, /* Bekal's own, missing: repair re-creates it (not for a table) */
} BekalSchemaProblem;

typedef struct
{
  BekalSchemaProblem  problem;
  char               *type;  /* "table", "index", "view" or "trigger" */
  char               *name;
  char               *table; /* the table it belongs to (its own name for a table or view) */
} BekalSchemaFinding;

/* One block a learner has seen */
typedef struct
{
  char  *lesson_id;
  guint  block_index;
} BekalSeenBlock;

typedef struct
{
  gint64   position_ms;
  double   watched_fraction;       /* 0..1, the furthest point reached */
  gboolean transcript_read_to_end;
  gboolean done;
  gint64   updated_at;             /* unix seconds; ignored when saving */
} BekalMediaProgress;

typedef struct
{
  gint64            id;
  gint64            profile_id;
  char             *module_id;
  char             *module_version;
  char             *content_hash;
  char             *quiz_id;
  BekalQuizRole     role;
  gint64            seed;
  char            **question_order; /* question ids in the order asked */
  gint64            started_at;     /* unix seconds */
  gint64            finished_at;    /* unix seconds, 0 while unfinished */
  double            score;          /* 0..1, or BEKAL_STORE_NO_SCORE */
  BekalQuizVerdict  verdict;
} BekalQuizAttempt;

typedef struct
{
  gint64  id;
  gint64  attempt_id;
  char   *question_id;
  char   *topic_id;
  char   *response;
  double  score;        /* 0..1, or BEKAL_STORE_NO_SCORE */
  gint64  answered_at;  /* unix seconds */
} BekalQuizAnswer;

#define BEKAL_TYPE_STORE   (bekal_store_get_type ())
#define BEKAL_TYPE_PROFILE (bekal_profile_get_type ())

G_DECLARE_FINAL_TYPE (BekalStore, bekal_store, BEKAL, STORE, GObject)
G_DECLARE_FINAL_TYPE (BekalProfile, bekal_profile, BEKAL, PROFILE, GObject)

GQuark            bekal_store_error_quark             (void);

void              bekal_seen_block_free               (BekalSeenBlock      *block);
void              bekal_quiz_attempt_free             (BekalQuizAttempt    *attempt);
void              bekal_quiz_answer_free              (BekalQuizAnswer     *answer);
void              bekal_schema_finding_free           (BekalSchemaFinding  *finding);
/* One line for a person, e.g. trigger “x” on table “y”, not made by Bekal */
char             *bekal_schema_finding_dup_description (const BekalSchemaFinding *finding);

/* Profile: a snapshot of one row; ask the store again after a change */
gint64            bekal_profile_get_id                (BekalProfile        *self);
const char       *bekal_profile_get_name              (BekalProfile        *self);
const char       *bekal_profile_get_unit              (BekalProfile        *self);
const char       *bekal_profile_get_role              (BekalProfile        *self);
int               bekal_profile_get_years_as_peksos   (BekalProfile        *self);
gboolean          bekal_profile_get_trained_before    (BekalProfile        *self);
gint64            bekal_profile_get_created_at        (BekalProfile        *self);

/* $XDG_DATA_HOME/bekal */
char             *bekal_store_dup_default_data_dir    (void);

/* Opens (creating and migrating when needed) DATA_DIR/bekal.db; @data_dir NULL means the
 * default. When the folder or file cannot be written, an existing database is opened
 * read-only. Not thread-safe: use one store from one thread. */
BekalStore       *bekal_store_open                    (const char          *data_dir,
                                                       GError             **error);
const char       *bekal_store_get_data_dir            (BekalStore          *self);
const char       *bekal_store_get_path                (BekalStore          *self);
gboolean          bekal_store_is_read_only            (BekalStore          *self);

/* Settings: NULL with no error when the key is unset; a NULL value removes the key */
char             *bekal_store_dup_value               (BekalStore          *self,
                                                       const char          *key,
                                                       GError             **error);
gboolean          bekal_store_set_value               (BekalStore          *self,
                                                       const char          *key,
                                                       const char          *value,
                                                       GError             **error);

/* Profiles. @unit is the sentra or unit, @role the job title; both may be empty. Returns
 * the new id, 0 on error. */
gint64            bekal_store_create_profile          (BekalStore          *self,
                                                       const char          *name,
                                                       const char          *unit,
                                                       const char          *role,
                                                       int                  years_as_peksos,
                                                       gboolean             trained_before,
                                                       GError             **error);
gboolean          bekal_store_update_profile          (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *name,
                                                       const char          *unit,
                                                       const char          *role,
                                                       int                  years_as_peksos,
                                                       gboolean             trained_before,
                                                       GError             **error);
/* Deletes the profile and everything recorded for it */
gboolean          bekal_store_delete_profile          (BekalStore          *self,
                                                       gint64               profile_id,
                                                       GError             **error);
BekalProfile     *bekal_store_dup_profile             (BekalStore          *self,
                                                       gint64               profile_id,
                                                       GError             **error);
/* A GListModel of BekalProfile sorted by name */
GListModel       *bekal_store_list_profiles           (BekalStore          *self,
                                                       GError             **error);

/* Reading position in a module */
gboolean          bekal_store_set_position            (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       guint                block_index,
                                                       GError             **error);
/* FALSE with no error when no position was saved */
gboolean          bekal_store_get_position            (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       char               **out_lesson_id,
                                                       guint               *out_block_index,
                                                       GError             **error);
gboolean          bekal_store_mark_block_seen         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       guint                block_index,
                                                       GError             **error);
/* BekalSeenBlock elements, sorted by lesson then block; @lesson_id NULL means all lessons */
GPtrArray        *bekal_store_list_seen_blocks        (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       GError             **error);
gboolean          bekal_store_mark_lesson_complete    (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       GError             **error);
/* FALSE also on error: check @error when it matters */
gboolean          bekal_store_is_lesson_complete      (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       GError             **error);
/* The completed lesson ids in the order they were completed (empty, not NULL, when none) */
char            **bekal_store_list_completed_lessons  (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       GError             **error);

/* Module state. Setting a flag again keeps the time it was first set. */
gboolean          bekal_store_set_module_flag         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag      flag,
                                                       GError             **error);
gboolean          bekal_store_clear_module_flag       (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag      flag,
                                                       GError             **error);
gboolean          bekal_store_get_module_flags        (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag     *out_flags,
                                                       GError             **error);
/* Unix seconds when @flag (a single flag) was set, 0 when it is not set or on error */
gint64            bekal_store_get_module_flag_time    (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag      flag,
                                                       GError             **error);

/* Reflections: private notes of the learner */
gboolean          bekal_store_save_reflection         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *reflection_id,
                                                       const char          *text,
                                                       GError             **error);
/* NULL with no error when nothing was written yet */
char             *bekal_store_load_reflection         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *reflection_id,
                                                       gint64              *out_updated_at,
                                                       GError             **error);

/* Media progress. Saving keeps the furthest watched fraction, and once the transcript was
 * read to the end or the item was done, it stays so. */
gboolean          bekal_store_save_media_progress     (BekalStore               *self,
                                                       gint64                    profile_id,
                                                       const char               *module_id,
                                                       const char               *media_id,
                                                       const BekalMediaProgress *progress,
                                                       GError                  **error);
/* FALSE with no error when nothing was saved for this media item */
gboolean          bekal_store_load_media_progress     (BekalStore               *self,
                                                       gint64                    profile_id,
                                                       const char               *module_id,
                                                       const char               *media_id,
                                                       BekalMediaProgress       *out_progress,
                                                       GError                  **error);

/* Answers to the questions asked at media checkpoints; the last answer is kept */
gboolean          bekal_store_save_checkpoint_response (BekalStore         *self,
                                                        gint64              profile_id,
                                                        const char         *module_id,
                                                        const char         *media_id,
                                                        const char         *question_id,
                                                        const char         *response,
                                                        GError            **error);
char             *bekal_store_load_checkpoint_response (BekalStore         *self,
                                                        gint64              profile_id,
                                                        const char         *module_id,
                                                        const char         *media_id,
                                                        const char         *question_id,
                                                        gint64             *out_answered_at,
                                                        GError            **error);

/* Quiz attempts. Returns the new attempt id, 0 on error. */
gint64            bekal_store_start_attempt           (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *module_version,
                                                       const char          *content_hash,
                                                       const char          *quiz_id,
                                                       BekalQuizRole        role,
                                                       gint64               seed,
                                                       const char * const  *question_order,
                                                       GError             **error);
/* Saved at once; answering the same question again replaces the answer. @score is 0..1 or
 * BEKAL_STORE_NO_SCORE. A finished attempt accepts no more answers. */
gboolean          bekal_store_record_answer           (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       const char          *question_id,
                                                       const char          *topic_id,
                                                       const char          *response,
                                                       double               score,
                                                       GError             **error);
gboolean          bekal_store_finish_attempt          (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       double               score,
                                                       BekalQuizVerdict     verdict,
                                                       GError             **error);
BekalQuizAttempt *bekal_store_dup_attempt             (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       GError             **error);
/* BekalQuizAttempt elements, oldest first; @quiz_id NULL means every quiz of the module */
GPtrArray        *bekal_store_list_attempts           (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *quiz_id,
                                                       GError             **error);
/* BekalQuizAnswer elements in the order they were first given */
GPtrArray        *bekal_store_list_answers            (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       GError             **error);
/* The latest unfinished attempt, or NULL with no error when there is none */
BekalQuizAttempt *bekal_store_find_unfinished_attempt (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *quiz_id,
                                                       GError             **error);

/* The attempt that counts in reports for a pre-test or post-test (@role): the first finished
 * pre-test, the latest finished post-test (the view counted_attempts). NULL with no error when
 * there is none. */
BekalQuizAttempt *bekal_store_dup_counted_attempt     (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalQuizRole        role,
                                                       GError             **error);

/* Soft writes (reading position, blocks seen, media progress) are queued and written together
 * in one transaction within about 250 ms, or at once by this call and when the store goes away;
 * reads see them at once. A soft write never waits for another process's lock: when the
 * database is busy it stays queued and is tried again. Every other write is durable when its
 * call returns TRUE. The writes given to bekal_store_write_async() that still wait are run
 * first. Returns FALSE with an error when the queue could not be written (it is kept and
 * tried again). */
gboolean          bekal_store_flush                   (BekalStore          *self,
                                                       GError             **error);

/**
 * BekalStoreWriteFunc:
 * @store: the store
 * @user_data: the data given to bekal_store_write_async()
 * @error: return location for an error
 *
 * One durable change, made with the store's synchronous calls. When it fails with
 * %BEKAL_STORE_ERROR_BUSY it is called again later, so it must leave nothing half done on
 * that error (each store call is one transaction) and may be called more than once.
 *
 * Returns: %TRUE when the change is saved
 */
typedef gboolean (*BekalStoreWriteFunc) (BekalStore  *store,
                                         gpointer     user_data,
                                         GError     **error);

/**
 * bekal_store_set_lock_wait:
 * @self: a store
 * @wait_ms: how long a write waits for another process's write lock, in milliseconds
 *
 * Sets how long the synchronous writes wait before they fail with %BEKAL_STORE_ERROR_BUSY
 * (2.5 s by default). The app sets a short wait and saves through bekal_store_write_async(),
 * so that its main loop never waits on another process; before it closes, it sets a long
 * wait again and calls bekal_store_flush(), which also runs the writes still queued.
 */
void              bekal_store_set_lock_wait           (BekalStore          *self,
                                                       int                  wait_ms);
/**
 * bekal_store_write_async:
 * @self: a store
 * @func: (scope notified): the change to make
 * @func_data: (closure func): data for @func
 * @func_data_free: (nullable): frees @func_data once the write is done or given up
 * @cancellable: (nullable): cancels the write while it waits for the lock
 * @callback: called once the change is saved, or failed for a reason other than a busy
 *   database
 * @user_data: data for @callback
 *
 * Makes a durable change without making the calling thread wait for another process's lock.
 * Writes run in the order they were given, on the thread-default main context of the call;
 * a write that meets a busy database is tried again every 40–400 ms until it succeeds, fails
 * for another reason or is cancelled, and the writes given after it wait behind it. The
 * change is on disk when @callback sees success. While a write has waited more than a second,
 * #BekalStore:waiting-for-lock is %TRUE.
 */
void              bekal_store_write_async             (BekalStore          *self,
                                                       BekalStoreWriteFunc  func,
                                                       gpointer             func_data,
                                                       GDestroyNotify       func_data_free,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/**
 * bekal_store_write_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the change was saved; %FALSE with the error of the last try, or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean          bekal_store_write_finish            (BekalStore          *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/**
 * bekal_store_get_waiting_for_lock:
 * @self: a store
 *
 * Returns: whether a queued write has waited more than a second for another process's lock
 */
gboolean          bekal_store_get_waiting_for_lock    (BekalStore          *self);
/**
 * bekal_store_get_n_pending_writes:
 * @self: a store
 *
 * Returns: how many writes given to bekal_store_write_async() are not done yet
 */
guint             bekal_store_get_n_pending_writes    (BekalStore          *self);

/* Schema check and repair, for `bekal-author store check|repair`. These work on
 * DATA_DIR/bekal.db without opening it as a store. */

/* BekalSchemaFinding elements (empty when the schema is Bekal's own); NULL with an error when
 * the file cannot be examined (missing, not a database, damaged, unknown version). Nothing in
 * the file changes. */
GPtrArray        *bekal_store_check_schema            (const char          *data_dir,
                                                       GError             **error);
/* Copies bekal.db to a timestamped backup next to it (@out_backup_path), then removes the
 * foreign objects and restores Bekal's changed or missing indexes, views and triggers;
 * @out_repaired gets the findings acted on (empty, and no backup, when there was nothing to
 * do). A changed or missing table cannot be repaired: FALSE with an error, nothing changed. */
gboolean          bekal_store_repair_schema           (const char          *data_dir,
                                                       char               **out_backup_path,
                                                       GPtrArray          **out_repaired,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSeenBlock, bekal_seen_block_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalQuizAttempt, bekal_quiz_attempt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalQuizAnswer, bekal_quiz_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSchemaFinding, bekal_schema_finding_free)

G_END_DECLS
