/* bekal-store.h: the learners' profiles, progress, notes and answers, kept in one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/**
 * BEKAL_STORE_SCHEMA_VERSION:
 *
 * The schema version this build writes; older databases are migrated when opened.
 */
#define BEKAL_STORE_SCHEMA_VERSION 7

/**
 * BEKAL_STORE_FILE_NAME:
 *
 * The database file inside the data folder.
 */
#define BEKAL_STORE_FILE_NAME "bekal.db"

/**
 * BEKAL_STORE_KEY_LAST_PROFILE:
 *
 * The setting key holding the id of the profile used last (as decimal text).
 */
#define BEKAL_STORE_KEY_LAST_PROFILE "last-profile"

/**
 * BEKAL_STORE_NO_SCORE:
 *
 * A score that is absent (an unscored answer, an attempt without scored questions).
 */
#define BEKAL_STORE_NO_SCORE (-1.0)

/**
 * BEKAL_STORE_ERROR:
 *
 * The error domain of the store.
 */
#define BEKAL_STORE_ERROR (bekal_store_error_quark ())

/**
 * BekalStoreError:
 * @BEKAL_STORE_ERROR_FAILED: any other failure of the database
 * @BEKAL_STORE_ERROR_NEWER_VERSION: written by a newer Bekal; left untouched
 * @BEKAL_STORE_ERROR_CORRUPT: not a Bekal database, or damaged; left untouched
 * @BEKAL_STORE_ERROR_READ_ONLY: the folder or file cannot be written
 * @BEKAL_STORE_ERROR_FULL: the disk is full
 * @BEKAL_STORE_ERROR_BUSY: another process kept the database locked too long
 * @BEKAL_STORE_ERROR_NOT_FOUND: no such profile or attempt
 * @BEKAL_STORE_ERROR_INVALID: a value the database does not accept
 * @BEKAL_STORE_ERROR_BAD_VERSION: a schema version no Bekal writes (negative); left untouched
 * @BEKAL_STORE_ERROR_FOREIGN_SCHEMA: tables, views, indexes or triggers Bekal did not create,
 *   or changed ones; left untouched (see bekal_store_repair_schema())
 * @BEKAL_STORE_ERROR_WRONG_SECRET: a wrong trainer passphrase or learner PIN
 * @BEKAL_STORE_ERROR_THROTTLED: too many wrong tries: wait before the next one
 *
 * Why the store failed. The messages are meant for people.
 */
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

/**
 * BekalModuleFlag:
 * @BEKAL_MODULE_FLAG_NONE: no flag
 * @BEKAL_MODULE_FLAG_PRETEST_SKIPPED: the learner skipped the pre-test
 * @BEKAL_MODULE_FLAG_PRETEST_DONE: the learner finished the pre-test
 * @BEKAL_MODULE_FLAG_POSTTEST_PASSED: the learner passed the post-test
 *
 * A learner's state in a module; the flags combine.
 */
typedef enum
{
  BEKAL_MODULE_FLAG_NONE            = 0,
  BEKAL_MODULE_FLAG_PRETEST_SKIPPED = 1 << 0,
  BEKAL_MODULE_FLAG_PRETEST_DONE    = 1 << 1,
  BEKAL_MODULE_FLAG_POSTTEST_PASSED = 1 << 2,
} BekalModuleFlag;

/**
 * BekalQuizVerdict:
 * @BEKAL_QUIZ_VERDICT_NONE: unfinished, or the quiz has no pass mark
 * @BEKAL_QUIZ_VERDICT_FAILED: below the pass mark
 * @BEKAL_QUIZ_VERDICT_PASSED: at or above the pass mark
 *
 * The outcome of an attempt.
 */
typedef enum
{
  BEKAL_QUIZ_VERDICT_NONE,   /* unfinished, or the quiz has no pass mark */
  BEKAL_QUIZ_VERDICT_FAILED,
  BEKAL_QUIZ_VERDICT_PASSED,
} BekalQuizVerdict;

/**
 * BekalSchemaProblem:
 * @BEKAL_SCHEMA_OBJECT_FOREIGN: Bekal never creates it: repair removes it
 * @BEKAL_SCHEMA_OBJECT_CHANGED: Bekal's own name, another definition: repair restores Bekal's
 *   (not for a table)
 * @BEKAL_SCHEMA_OBJECT_MISSING: Bekal's own, missing: repair re-creates it (not for a table)
 *
 * How an object of a database's schema differs from what Bekal creates.
 */
typedef enum
{
  BEKAL_SCHEMA_OBJECT_FOREIGN, /* Bekal never creates it: repair removes it */
  BEKAL_SCHEMA_OBJECT_CHANGED, /* Bekal's own name, another definition: repair restores Bekal's
                                * (not for a table) */
  BEKAL_SCHEMA_OBJECT_MISSING, /* Bekal's own, missing: repair re-creates it (not for a table) */
} BekalSchemaProblem;

/**
 * BekalSchemaFinding:
 * @problem: how the object differs
 * @type: `table`, `index`, `view` or `trigger`
 * @name: the object's name
 * @table: the table it belongs to (its own name for a table or view)
 *
 * One object of a database's schema that differs from what Bekal creates; see
 * bekal_store_check_schema().
 */
typedef struct
{
  BekalSchemaProblem  problem;
  char               *type;  /* "table", "index", "view" or "trigger" */
  char               *name;
  char               *table; /* the table it belongs to (its own name for a table or view) */
} BekalSchemaFinding;

/**
 * BekalSeenBlock:
 * @lesson_id: the lesson
 * @block_index: the block's place in the lesson, from 0
 *
 * One block a learner has seen.
 */
typedef struct
{
  char  *lesson_id;
  guint  block_index;
} BekalSeenBlock;

/**
 * BekalBlockMove:
 * @lesson_id: the lesson
 * @old_index: the block's place in the version installed before, from 0
 * @new_index: its place in the new version, or -1 when the new version lacks it
 *
 * Where one block of a module went when a new version of the module replaced the old one.
 */
typedef struct
{
  char  *lesson_id;
  guint  old_index;
  int    new_index;
} BekalBlockMove;

/**
 * BekalMediaProgress:
 * @position_ms: where playback was, in milliseconds
 * @watched_fraction: from 0 to 1, the furthest point reached
 * @transcript_read_to_end: whether the transcript was read to its end
 * @done: whether the media item counts as done
 * @updated_at: when it was saved, in Unix seconds; ignored when saving
 *
 * A learner's progress through one media item.
 */
typedef struct
{
  gint64   position_ms;
  double   watched_fraction;       /* 0..1, the furthest point reached */
  gboolean transcript_read_to_end;
  gboolean done;
  gint64   updated_at;             /* unix seconds; ignored when saving */
} BekalMediaProgress;

/**
 * BekalQuizAttempt:
 * @id: the attempt's id
 * @profile_id: the learner
 * @module_id: the module
 * @module_version: the module's version when the attempt started
 * @content_hash: the module file's SHA-256 when the attempt started
 * @quiz_id: the quiz
 * @role: what the quiz is for
 * @seed: the seed the questions and orders were drawn with
 * @question_order: (array zero-terminated=1): the question ids in the order asked
 * @started_at: when it started, in Unix seconds
 * @finished_at: when it was finished, in Unix seconds; 0 while unfinished
 * @score: from 0 to 1, or %BEKAL_STORE_NO_SCORE
 * @verdict: the outcome
 * @session_id: the group session it was taken in (see bekal-store-sessions.h); 0 when taken
 *   alone
 *
 * One attempt at a quiz, as stored.
 */
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
  gint64            session_id;     /* the group session, 0 when taken alone */
} BekalQuizAttempt;

/**
 * BekalQuizAnswer:
 * @id: the answer's id
 * @attempt_id: the attempt
 * @question_id: the question
 * @topic_id: its topic; `""` when none
 * @response: the response, in the format of bekal-quiz.h
 * @score: from 0 to 1, or %BEKAL_STORE_NO_SCORE
 * @answered_at: when it was given, in Unix seconds
 *
 * One answer of an attempt, as stored.
 */
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

/**
 * BekalStore:
 *
 * The learners' profiles, progress, notes and answers, kept in one SQLite database
 * (`DATA_DIR/bekal.db`). Every write either is durable when its call returns %TRUE or, for the
 * soft writes (reading position, blocks seen, media progress), is queued (see
 * bekal_store_flush()). Not thread-safe: use one store from one thread; a worker thread opens
 * its own store. Reads and writes may wait for another process's lock (see
 * bekal_store_set_lock_wait()).
 */
G_DECLARE_FINAL_TYPE (BekalStore, bekal_store, BEKAL, STORE, GObject)

/**
 * BekalProfile:
 *
 * A snapshot of one learner's profile row; ask the store again after a change. Immutable.
 */
G_DECLARE_FINAL_TYPE (BekalProfile, bekal_profile, BEKAL, PROFILE, GObject)

/**
 * bekal_store_error_quark:
 *
 * Returns: the quark of %BEKAL_STORE_ERROR
 */
GQuark            bekal_store_error_quark             (void);

/**
 * bekal_seen_block_free:
 * @block: (nullable) (transfer full): a seen block
 *
 * Frees a seen block.
 */
void              bekal_seen_block_free               (BekalSeenBlock      *block);

/**
 * bekal_block_move_free:
 * @move: (nullable): a #BekalBlockMove
 *
 * Frees @move.
 */
void              bekal_block_move_free               (BekalBlockMove      *move);

/**
 * bekal_quiz_attempt_free:
 * @attempt: (nullable) (transfer full): an attempt
 *
 * Frees an attempt.
 */
void              bekal_quiz_attempt_free             (BekalQuizAttempt    *attempt);

/**
 * bekal_quiz_answer_free:
 * @answer: (nullable) (transfer full): an answer
 *
 * Frees an answer.
 */
void              bekal_quiz_answer_free              (BekalQuizAnswer     *answer);

/**
 * bekal_schema_finding_free:
 * @finding: (nullable) (transfer full): a finding
 *
 * Frees a finding.
 */
void              bekal_schema_finding_free           (BekalSchemaFinding  *finding);

/**
 * bekal_schema_finding_dup_description:
 * @finding: a finding
 *
 * Returns: (transfer full): one translated line for a person, such as `trigger “x” on table “y”,
 *   not made by Bekal`
 */
char             *bekal_schema_finding_dup_description (const BekalSchemaFinding *finding);

/**
 * bekal_profile_get_id:
 * @self: a #BekalProfile
 *
 * Returns: the profile's id
 */
gint64            bekal_profile_get_id                (BekalProfile        *self);

/**
 * bekal_profile_get_name:
 * @self: a #BekalProfile
 *
 * Returns: (transfer none): the learner's name
 */
const char       *bekal_profile_get_name              (BekalProfile        *self);

/**
 * bekal_profile_get_unit:
 * @self: a #BekalProfile
 *
 * Returns: (transfer none): the sentra or unit, possibly empty
 */
const char       *bekal_profile_get_unit              (BekalProfile        *self);

/**
 * bekal_profile_get_role:
 * @self: a #BekalProfile
 *
 * Returns: (transfer none): the job title, possibly empty
 */
const char       *bekal_profile_get_role              (BekalProfile        *self);

/**
 * bekal_profile_get_years_as_peksos:
 * @self: a #BekalProfile
 *
 * Returns: the years of work as a social worker
 */
int               bekal_profile_get_years_as_peksos   (BekalProfile        *self);

/**
 * bekal_profile_get_trained_before:
 * @self: a #BekalProfile
 *
 * Returns: whether the learner was trained on the subject before
 */
gboolean          bekal_profile_get_trained_before    (BekalProfile        *self);

/**
 * bekal_profile_get_created_at:
 * @self: a #BekalProfile
 *
 * Returns: when the profile was made, in Unix seconds
 */
gint64            bekal_profile_get_created_at        (BekalProfile        *self);

/**
 * bekal_store_dup_default_data_dir:
 *
 * Returns: (transfer full): the default data folder, `$XDG_DATA_HOME/bekal`
 */
char             *bekal_store_dup_default_data_dir    (void);

/**
 * bekal_store_open:
 * @data_dir: (nullable): the data folder; %NULL for bekal_store_dup_default_data_dir()
 * @error: return location for a #GError
 *
 * Opens `DATA_DIR/bekal.db`, creating the folder and the database and migrating an older
 * schema when needed. When the folder or file cannot be written, an existing database is opened
 * read-only. A newer, damaged or foreign database is left untouched. Blocks on the disk.
 *
 * Returns: (transfer full): the store, or %NULL with a %BEKAL_STORE_ERROR
 */
BekalStore       *bekal_store_open                    (const char          *data_dir,
                                                       GError             **error);

/**
 * bekal_store_open_existing:
 * @data_dir: the data folder
 * @error: return location for a #GError
 *
 * Like bekal_store_open(), but never creates a database: for tools given a data folder by hand,
 * where a missing database means a mistyped folder. Fails with %G_FILE_ERROR_NOENT and a
 * message that names the folder when it holds no database.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
BekalStore       *bekal_store_open_existing           (const char          *data_dir,
                                                       GError             **error);

/**
 * bekal_store_get_data_dir:
 * @self: a #BekalStore
 *
 * Returns: (transfer none): the data folder
 */
const char       *bekal_store_get_data_dir            (BekalStore          *self);

/**
 * bekal_store_get_path:
 * @self: a #BekalStore
 *
 * Returns: (transfer none): the database file
 */
const char       *bekal_store_get_path                (BekalStore          *self);

/**
 * bekal_store_is_read_only:
 * @self: a #BekalStore
 *
 * Returns: whether the database was opened read-only; writes then fail with
 *   %BEKAL_STORE_ERROR_READ_ONLY
 */
gboolean          bekal_store_is_read_only            (BekalStore          *self);

/**
 * bekal_store_dup_value:
 * @self: a #BekalStore
 * @key: a setting key
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the setting's value; %NULL with no error when the key is
 *   unset, %NULL with @error set on a failure
 */
char             *bekal_store_dup_value               (BekalStore          *self,
                                                       const char          *key,
                                                       GError             **error);

/**
 * bekal_store_set_value:
 * @self: a #BekalStore
 * @key: a setting key
 * @value: (nullable): the value; %NULL removes the key
 * @error: return location for a #GError
 *
 * Sets a setting, durably.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_set_value               (BekalStore          *self,
                                                       const char          *key,
                                                       const char          *value,
                                                       GError             **error);

/**
 * bekal_store_create_profile:
 * @self: a #BekalStore
 * @name: the learner's name
 * @unit: the sentra or unit; may be empty
 * @role: the job title; may be empty
 * @years_as_peksos: the years of work as a social worker
 * @trained_before: whether the learner was trained on the subject before
 * @error: return location for a #GError
 *
 * Creates a profile, durably.
 *
 * Returns: the new profile's id; 0 with @error set on failure (%BEKAL_STORE_ERROR_INVALID for
 *   a value the database does not accept)
 */
gint64            bekal_store_create_profile          (BekalStore          *self,
                                                       const char          *name,
                                                       const char          *unit,
                                                       const char          *role,
                                                       int                  years_as_peksos,
                                                       gboolean             trained_before,
                                                       GError             **error);

/**
 * bekal_store_update_profile:
 * @self: a #BekalStore
 * @profile_id: the profile
 * @name: the learner's name
 * @unit: the sentra or unit; may be empty
 * @role: the job title; may be empty
 * @years_as_peksos: the years of work as a social worker
 * @trained_before: whether the learner was trained on the subject before
 * @error: return location for a #GError
 *
 * Changes a profile, durably.
 *
 * Returns: %TRUE on success; %FALSE with @error set (%BEKAL_STORE_ERROR_NOT_FOUND for an
 *   unknown profile)
 */
gboolean          bekal_store_update_profile          (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *name,
                                                       const char          *unit,
                                                       const char          *role,
                                                       int                  years_as_peksos,
                                                       gboolean             trained_before,
                                                       GError             **error);

/**
 * bekal_store_delete_profile:
 * @self: a #BekalStore
 * @profile_id: the profile
 * @error: return location for a #GError
 *
 * Deletes the profile and everything recorded for it, durably.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_delete_profile          (BekalStore          *self,
                                                       gint64               profile_id,
                                                       GError             **error);

/**
 * bekal_store_dup_profile:
 * @self: a #BekalStore
 * @profile_id: the profile
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a snapshot of the profile; %NULL with @error set
 *   (%BEKAL_STORE_ERROR_NOT_FOUND for an unknown profile)
 */
BekalProfile     *bekal_store_dup_profile             (BekalStore          *self,
                                                       gint64               profile_id,
                                                       GError             **error);

/**
 * bekal_store_list_profiles:
 * @self: a #BekalStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BekalProfile sorted by name; %NULL with @error
 *   set
 */
GListModel       *bekal_store_list_profiles           (BekalStore          *self,
                                                       GError             **error);

/**
 * bekal_store_set_position:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @lesson_id: the lesson
 * @block_index: the block reached
 * @error: return location for a #GError
 *
 * Saves the reading position in a module: a soft write, queued (see bekal_store_flush()).
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_set_position            (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       guint                block_index,
                                                       GError             **error);

/**
 * bekal_store_get_position:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @out_lesson_id: (out) (optional) (transfer full): the lesson
 * @out_block_index: (out) (optional): the block
 * @error: return location for a #GError
 *
 * Reads the reading position in a module, queued writes included.
 *
 * Returns: %TRUE when a position was saved; %FALSE with no error when none was, or with
 *   @error set on a failure
 */
gboolean          bekal_store_get_position            (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       char               **out_lesson_id,
                                                       guint               *out_block_index,
                                                       GError             **error);

/**
 * bekal_store_mark_block_seen:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @lesson_id: the lesson
 * @block_index: the block seen
 * @error: return location for a #GError
 *
 * Records that a block was seen: a soft write, queued (see bekal_store_flush()).
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_mark_block_seen         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       guint                block_index,
                                                       GError             **error);

/**
 * bekal_store_move_blocks:
 * @self: a #BekalStore
 * @module_id: the module a new version of which replaced the old one
 * @moves: (element-type BekalBlockMove): where each block that changed place went
 * @error: return location for a #GError
 *
 * Carries every learner's blocks seen and reading position of @module_id over to the places
 * the blocks have in the new version, in one transaction: a block that moved keeps its
 * "seen" mark, one the new version lacks loses it, and a position on such a block goes back to
 * the start of its lesson.
 *
 * Returns: %TRUE when saved; %FALSE with @error set
 */
gboolean          bekal_store_move_blocks             (BekalStore          *self,
                                                       const char          *module_id,
                                                       GPtrArray           *moves,
                                                       GError             **error);

/**
 * bekal_store_list_seen_blocks:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @lesson_id: (nullable): a lesson; %NULL for every lesson
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BekalSeenBlock): the blocks seen, sorted by lesson
 *   then block; %NULL with @error set
 */
GPtrArray        *bekal_store_list_seen_blocks        (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       GError             **error);

/**
 * bekal_store_mark_lesson_complete:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @lesson_id: the lesson
 * @error: return location for a #GError
 *
 * Records that a lesson was completed, durably.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_mark_lesson_complete    (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       GError             **error);

/**
 * bekal_store_is_lesson_complete:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @lesson_id: the lesson
 * @error: return location for a #GError
 *
 * Returns: whether the lesson was completed; %FALSE also on error: check @error when it
 *   matters
 */
gboolean          bekal_store_is_lesson_complete      (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *lesson_id,
                                                       GError             **error);

/**
 * bekal_store_list_completed_lessons:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (array zero-terminated=1): the completed lesson ids in the order
 *   they were completed, empty when none; %NULL with @error set
 */
char            **bekal_store_list_completed_lessons  (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       GError             **error);

/**
 * bekal_store_set_module_flag:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @flag: the flags to set
 * @error: return location for a #GError
 *
 * Sets module flags, durably. Setting a flag again keeps the time it was first set.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_set_module_flag         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag      flag,
                                                       GError             **error);

/**
 * bekal_store_clear_module_flag:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @flag: the flags to clear
 * @error: return location for a #GError
 *
 * Clears module flags, durably.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_clear_module_flag       (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag      flag,
                                                       GError             **error);

/**
 * bekal_store_get_module_flags:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @out_flags: (out): the flags set
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_get_module_flags        (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag     *out_flags,
                                                       GError             **error);

/**
 * bekal_store_get_module_flag_time:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @flag: a single flag
 * @error: return location for a #GError
 *
 * Returns: when @flag was set, in Unix seconds; 0 when it is not set or on error
 */
gint64            bekal_store_get_module_flag_time    (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalModuleFlag      flag,
                                                       GError             **error);

/**
 * bekal_store_save_reflection:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @reflection_id: the reflection block
 * @text: the learner's private note
 * @error: return location for a #GError
 *
 * Saves a reflection, a private note of the learner, durably.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_save_reflection         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *reflection_id,
                                                       const char          *text,
                                                       GError             **error);

/**
 * bekal_store_load_reflection:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @reflection_id: the reflection block
 * @out_updated_at: (out) (optional): when it was saved, in Unix seconds
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the note; %NULL with no error when nothing was written
 *   yet, %NULL with @error set on a failure
 */
char             *bekal_store_load_reflection         (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *reflection_id,
                                                       gint64              *out_updated_at,
                                                       GError             **error);

/**
 * bekal_store_save_media_progress:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @media_id: the media item
 * @progress: the progress
 * @error: return location for a #GError
 *
 * Saves the progress through a media item: a soft write, queued (see bekal_store_flush()).
 * Saving keeps the furthest watched fraction, and once the transcript was read to the end or
 * the item was done, it stays so.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_save_media_progress     (BekalStore               *self,
                                                       gint64                    profile_id,
                                                       const char               *module_id,
                                                       const char               *media_id,
                                                       const BekalMediaProgress *progress,
                                                       GError                  **error);

/**
 * bekal_store_load_media_progress:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @media_id: the media item
 * @out_progress: (out caller-allocates): the progress
 * @error: return location for a #GError
 *
 * Returns: %TRUE when progress was saved; %FALSE with no error when nothing was saved for this
 *   media item, or with @error set on a failure
 */
gboolean          bekal_store_load_media_progress     (BekalStore               *self,
                                                       gint64                    profile_id,
                                                       const char               *module_id,
                                                       const char               *media_id,
                                                       BekalMediaProgress       *out_progress,
                                                       GError                  **error);

/**
 * bekal_store_save_checkpoint_response:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @media_id: the media item
 * @question_id: the checkpoint's question
 * @response: the response
 * @error: return location for a #GError
 *
 * Saves the answer to a question asked at a media checkpoint, durably; the last answer is kept.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_save_checkpoint_response (BekalStore         *self,
                                                        gint64              profile_id,
                                                        const char         *module_id,
                                                        const char         *media_id,
                                                        const char         *question_id,
                                                        const char         *response,
                                                        GError            **error);

/**
 * bekal_store_load_checkpoint_response:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @media_id: the media item
 * @question_id: the checkpoint's question
 * @out_answered_at: (out) (optional): when it was given, in Unix seconds
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the last response; %NULL with no error when none was
 *   given, %NULL with @error set on a failure
 */
char             *bekal_store_load_checkpoint_response (BekalStore         *self,
                                                        gint64              profile_id,
                                                        const char         *module_id,
                                                        const char         *media_id,
                                                        const char         *question_id,
                                                        gint64             *out_answered_at,
                                                        GError            **error);

/**
 * bekal_store_start_attempt:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @module_version: the module's version
 * @content_hash: the module file's SHA-256
 * @quiz_id: the quiz
 * @role: what the quiz is for
 * @seed: the seed the questions and orders are drawn with
 * @question_order: (array zero-terminated=1): the question ids in the order asked
 * @error: return location for a #GError
 *
 * Starts a quiz attempt, durably.
 *
 * Returns: the new attempt's id; 0 with @error set on failure
 */
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

/**
 * bekal_store_record_answer:
 * @self: a #BekalStore
 * @attempt_id: the attempt
 * @question_id: the question
 * @topic_id: (nullable): its topic
 * @response: the response
 * @score: from 0 to 1, or %BEKAL_STORE_NO_SCORE
 * @error: return location for a #GError
 *
 * Saves an answer at once, durably; answering the same question again replaces the answer. A
 * finished attempt accepts no more answers.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_record_answer           (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       const char          *question_id,
                                                       const char          *topic_id,
                                                       const char          *response,
                                                       double               score,
                                                       GError             **error);

/**
 * bekal_store_finish_attempt:
 * @self: a #BekalStore
 * @attempt_id: the attempt
 * @score: from 0 to 1, or %BEKAL_STORE_NO_SCORE
 * @verdict: the outcome
 * @error: return location for a #GError
 *
 * Marks an attempt finished with its score, durably.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_finish_attempt          (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       double               score,
                                                       BekalQuizVerdict     verdict,
                                                       GError             **error);

/**
 * bekal_store_dup_attempt:
 * @self: a #BekalStore
 * @attempt_id: the attempt
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the attempt; %NULL with @error set (%BEKAL_STORE_ERROR_NOT_FOUND
 *   for an unknown attempt)
 */
BekalQuizAttempt *bekal_store_dup_attempt             (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       GError             **error);

/**
 * bekal_store_list_attempts:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @quiz_id: (nullable): a quiz; %NULL for every quiz of the module
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BekalQuizAttempt): the attempts, oldest first; %NULL
 *   with @error set
 */
GPtrArray        *bekal_store_list_attempts           (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *quiz_id,
                                                       GError             **error);

/**
 * bekal_store_list_answers:
 * @self: a #BekalStore
 * @attempt_id: the attempt
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BekalQuizAnswer): the answers in the order they were
 *   first given; %NULL with @error set
 */
GPtrArray        *bekal_store_list_answers            (BekalStore          *self,
                                                       gint64               attempt_id,
                                                       GError             **error);

/**
 * bekal_store_find_unfinished_attempt:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @quiz_id: the quiz
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the latest unfinished attempt; %NULL with no error when
 *   there is none, %NULL with @error set on a failure
 */
BekalQuizAttempt *bekal_store_find_unfinished_attempt (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       const char          *quiz_id,
                                                       GError             **error);

/**
 * bekal_store_dup_counted_attempt:
 * @self: a #BekalStore
 * @profile_id: the learner
 * @module_id: the module
 * @role: %BEKAL_QUIZ_PRETEST or %BEKAL_QUIZ_POSTTEST
 * @error: return location for a #GError
 *
 * The attempt that counts in reports: the first finished pre-test, the latest finished
 * post-test (the view `counted_attempts`).
 *
 * Returns: (transfer full) (nullable): the attempt; %NULL with no error when there is none,
 *   %NULL with @error set on a failure
 */
BekalQuizAttempt *bekal_store_dup_counted_attempt     (BekalStore          *self,
                                                       gint64               profile_id,
                                                       const char          *module_id,
                                                       BekalQuizRole        role,
                                                       GError             **error);

/**
 * bekal_store_flush:
 * @self: a #BekalStore
 * @error: return location for a #GError
 *
 * Soft writes (reading position, blocks seen, media progress) are queued and written together
 * in one transaction within about 250 ms, or at once by this call and when the store goes
 * away; reads see them at once. A soft write never waits for another process's lock: when the
 * database is busy it stays queued and is tried again. Every other write is durable when its
 * call returns %TRUE. The writes given to bekal_store_write_async() that still wait are run
 * first.
 *
 * Returns: %TRUE when everything queued is written; %FALSE with @error set when the queue
 *   could not be written (it is kept and tried again)
 */
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

/**
 * bekal_store_check_schema:
 * @data_dir: the data folder
 * @error: return location for a #GError
 *
 * Compares the schema of `DATA_DIR/bekal.db` with what Bekal creates, for
 * `bekal-author store check`, without opening it as a store. Nothing in the file changes.
 *
 * Returns: (transfer full) (element-type BekalSchemaFinding): the findings, empty when the
 *   schema is Bekal's own; %NULL with @error set when the file cannot be examined (missing,
 *   not a database, damaged, unknown version)
 */
GPtrArray        *bekal_store_check_schema            (const char          *data_dir,
                                                       GError             **error);

/**
 * bekal_store_repair_schema:
 * @data_dir: the data folder
 * @out_backup_path: (out) (optional) (nullable) (transfer full): the backup made
 * @out_repaired: (out) (optional) (transfer full) (element-type BekalSchemaFinding): the
 *   findings acted on
 * @error: return location for a #GError
 *
 * For `bekal-author store repair`: copies `bekal.db` to a timestamped backup next to it, then
 * removes the foreign objects and restores Bekal's changed or missing indexes, views and
 * triggers. When there was nothing to do, @out_repaired is empty and no backup is made. A
 * changed or missing table cannot be repaired: %FALSE with an error, nothing changed.
 *
 * Returns: %TRUE on success
 */
gboolean          bekal_store_repair_schema           (const char          *data_dir,
                                                       char               **out_backup_path,
                                                       GPtrArray          **out_repaired,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSeenBlock, bekal_seen_block_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalBlockMove, bekal_block_move_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalQuizAttempt, bekal_quiz_attempt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalQuizAnswer, bekal_quiz_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSchemaFinding, bekal_schema_finding_free)

G_END_DECLS
