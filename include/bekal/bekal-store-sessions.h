/* bekal-store-sessions.h: group sessions at a training: the session, its roster, the answers
 * taken in it (attempts of the participants' profiles) and the room totals counted by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-store.h"

G_BEGIN_DECLS

/**
 * BEKAL_GROUP_SESSION_MAX_PARTICIPANTS:
 *
 * The most participants a group session's roster holds (the live server's limit).
 */
#define BEKAL_GROUP_SESSION_MAX_PARTICIPANTS 300

/**
 * BEKAL_ROOM_TOTAL_MAX_COUNT:
 *
 * The largest count of one option the trainer may type as a room total.
 */
#define BEKAL_ROOM_TOTAL_MAX_COUNT 10000

/**
 * BekalGroupSessionState:
 * @BEKAL_GROUP_SESSION_OPEN: running, or paused (the laptop slept, Bekal closed): it can be
 *   resumed at its position
 * @BEKAL_GROUP_SESSION_ENDED: the trainer ended it; listed afterwards
 *
 * Where a group session stands.
 */
typedef enum
{
  BEKAL_GROUP_SESSION_OPEN,
  BEKAL_GROUP_SESSION_ENDED,
} BekalGroupSessionState;

/**
 * BekalGroupSessionMode:
 * @BEKAL_GROUP_SESSION_PHONES: participants answer on their phones (the live server)
 * @BEKAL_GROUP_SESSION_PAPER: no Wi-Fi: answers by show of hands or on paper, counted by the
 *   trainer as room totals
 *
 * How the room answers.
 */
typedef enum
{
  BEKAL_GROUP_SESSION_PHONES,
  BEKAL_GROUP_SESSION_PAPER,
} BekalGroupSessionMode;

/**
 * BekalRosterEntry:
 * @seat: the participant's place on the roster, from 0, in the order they were added; it
 *   never changes (parallel forms are given by it, see bekal_quiz_form_for_seat())
 * @profile_id: the participant's profile
 * @name: the profile's name
 * @unit: the profile's sentra or unit
 * @role: the profile's role
 * @trained_before: whether the participant was trained before
 * @added_at: when the participant was added, in Unix seconds
 *
 * One participant of a group session, with the profile's fields as they are now.
 */
typedef struct
{
  guint     seat;
  gint64    profile_id;
  char     *name;
  char     *unit;
  char     *role;
  gboolean  trained_before;
  gint64    added_at;
} BekalRosterEntry;

/**
 * BekalGroupSession:
 * @id: the session's id
 * @module_id: the module presented
 * @lessons: (array zero-terminated=1) (nullable): the ids of the lessons chosen, in module
 *   order; %NULL for all
 * @room_code: the room code phones join with; `""` when none was given
 * @mode: how the room answers
 * @state: open or ended
 * @position: the screen the session is at, as the app counts its screens; it resumes there
 * @seed: the seed the room's quizzes are drawn with, chosen when the session was made: give it
 *   to bekal_quiz_session_start_in_group() and bekal_quiz_draw_questions_of_form(), so that
 *   everyone in a form gets the same questions, also after a restart
 * @created_at: when it was made, in Unix seconds
 * @updated_at: when it last changed (position, roster, state), in Unix seconds
 * @ended_at: when it was ended, in Unix seconds; 0 while open
 * @roster: (element-type BekalRosterEntry): the participants by seat
 *
 * A group session as stored.
 */
typedef struct
{
  gint64                  id;
  char                   *module_id;
  char                  **lessons;
  char                   *room_code;
  BekalGroupSessionMode   mode;
  BekalGroupSessionState  state;
  guint                   position;
  guint32                 seed;
  gint64                  created_at;
  gint64                  updated_at;
  gint64                  ended_at;
  GPtrArray              *roster;
} BekalGroupSession;

/**
 * BekalRoomTotal:
 * @quiz_id: the quiz
 * @question_id: the question
 * @option: an option's id, or for a scale question the value as decimal text
 * @count: how many in the room chose it
 * @entered_at: when the trainer typed it, in Unix seconds
 *
 * One count typed by the trainer for a session run without phones: how many in the room chose
 * @option. Room totals belong to no learner: the gap report, My results and the item analysis
 * never count them.
 */
typedef struct
{
  char   *quiz_id;
  char   *question_id;
  char   *option;
  guint   count;
  gint64  entered_at;
} BekalRoomTotal;

/**
 * bekal_roster_entry_free:
 * @entry: (nullable) (transfer full): an entry
 *
 * Frees @entry.
 */
void                bekal_roster_entry_free                (BekalRosterEntry     *entry);

/**
 * bekal_group_session_free:
 * @session: (nullable) (transfer full): a session
 *
 * Frees @session and its roster.
 */
void                bekal_group_session_free               (BekalGroupSession    *session);

/**
 * bekal_room_total_free:
 * @total: (nullable) (transfer full): a room total
 *
 * Frees @total.
 */
void                bekal_room_total_free                  (BekalRoomTotal       *total);

/**
 * bekal_store_create_group_session:
 * @self: a #BekalStore
 * @module_id: the module presented
 * @lessons: (array zero-terminated=1) (nullable): the lessons chosen; %NULL or empty for all
 * @room_code: (nullable): the room code phones join with
 * @mode: how the room answers
 * @error: return location for a #GError
 *
 * Saves a new open group session at position 0 with an empty roster and a new random seed,
 * durably.
 *
 * Returns: the session's id; 0 with @error set (%BEKAL_STORE_ERROR_INVALID for an empty
 *   module id or a lesson id with a comma)
 */
gint64              bekal_store_create_group_session       (BekalStore           *self,
                                                            const char           *module_id,
                                                            const char * const   *lessons,
                                                            const char           *room_code,
                                                            BekalGroupSessionMode mode,
                                                            GError              **error);

/**
 * bekal_store_dup_group_session:
 * @self: a #BekalStore
 * @session_id: the session
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the session with its roster; %NULL with @error set
 *   (%BEKAL_STORE_ERROR_NOT_FOUND for an unknown session)
 */
BekalGroupSession  *bekal_store_dup_group_session          (BekalStore           *self,
                                                            gint64                session_id,
                                                            GError              **error);

/**
 * bekal_store_list_group_sessions:
 * @self: a #BekalStore
 * @module_id: (nullable): only the sessions of this module; %NULL for all
 * @error: return location for a #GError
 *
 * The sessions kept, to resume an open one or to look back at what a room did: each with its
 * date, module and participants.
 *
 * Returns: (transfer full) (element-type BekalGroupSession): the sessions, newest first; %NULL
 *   with @error set
 */
GPtrArray          *bekal_store_list_group_sessions        (BekalStore           *self,
                                                            const char           *module_id,
                                                            GError              **error);

/**
 * bekal_store_set_group_session_position:
 * @self: a #BekalStore
 * @session_id: the session
 * @position: the screen the session is at
 * @error: return location for a #GError
 *
 * Saves where the session is, durably, so that it resumes there after the laptop slept or
 * Bekal was closed.
 *
 * Returns: %TRUE on success
 */
gboolean            bekal_store_set_group_session_position (BekalStore           *self,
                                                            gint64                session_id,
                                                            guint                 position,
                                                            GError              **error);

/**
 * bekal_store_set_group_session_room_code:
 * @self: a #BekalStore
 * @session_id: the session
 * @room_code: (nullable): the new room code (a resumed session's server makes a new one)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean            bekal_store_set_group_session_room_code (BekalStore          *self,
                                                             gint64               session_id,
                                                             const char          *room_code,
                                                             GError             **error);

/**
 * bekal_store_set_group_session_mode:
 * @self: a #BekalStore
 * @session_id: the session
 * @mode: how the room answers from now on
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean            bekal_store_set_group_session_mode     (BekalStore           *self,
                                                            gint64                session_id,
                                                            BekalGroupSessionMode mode,
                                                            GError              **error);

/**
 * bekal_store_set_group_session_state:
 * @self: a #BekalStore
 * @session_id: the session
 * @state: %BEKAL_GROUP_SESSION_ENDED to end it (its end date is now), or
 *   %BEKAL_GROUP_SESSION_OPEN to open an ended session again
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean            bekal_store_set_group_session_state    (BekalStore           *self,
                                                            gint64                session_id,
                                                            BekalGroupSessionState state,
                                                            GError              **error);

/**
 * bekal_store_delete_group_session:
 * @self: a #BekalStore
 * @session_id: the session
 * @error: return location for a #GError
 *
 * Deletes the session, its roster and its room totals. The attempts taken in it stay: they
 * are the participants' own, and they lose only their mark (their session id becomes 0).
 *
 * Returns: %TRUE on success
 */
gboolean            bekal_store_delete_group_session       (BekalStore           *self,
                                                            gint64                session_id,
                                                            GError              **error);

/**
 * bekal_store_add_group_session_participant:
 * @self: a #BekalStore
 * @session_id: the session
 * @profile_id: an existing profile
 * @out_seat: (out) (optional): the participant's seat
 * @error: return location for a #GError
 *
 * Adds an existing profile to the roster, durably. A profile already on the roster keeps its
 * seat.
 *
 * Returns: %TRUE on success; %FALSE with @error set (%BEKAL_STORE_ERROR_NOT_FOUND for an
 *   unknown session or profile, %BEKAL_STORE_ERROR_INVALID when the roster is full)
 */
gboolean            bekal_store_add_group_session_participant (BekalStore        *self,
                                                               gint64             session_id,
                                                               gint64             profile_id,
                                                               guint             *out_seat,
                                                               GError           **error);

/**
 * bekal_store_add_group_session_newcomer:
 * @self: a #BekalStore
 * @session_id: the session
 * @name: the participant's name
 * @unit: (nullable): the sentra or unit
 * @role: (nullable): the role
 * @trained_before: whether the participant was trained before
 * @out_seat: (out) (optional): the participant's seat
 * @error: return location for a #GError
 *
 * Adds a participant who has no profile yet: a profile is created as
 * bekal_store_create_profile() does and put on the roster, in one transaction.
 *
 * Returns: the new profile's id; 0 with @error set (%BEKAL_STORE_ERROR_INVALID for an empty
 *   name or a full roster)
 */
gint64              bekal_store_add_group_session_newcomer (BekalStore           *self,
                                                            gint64                session_id,
                                                            const char           *name,
                                                            const char           *unit,
                                                            const char           *role,
                                                            gboolean              trained_before,
                                                            guint                *out_seat,
                                                            GError              **error);

/**
 * bekal_store_remove_group_session_participant:
 * @self: a #BekalStore
 * @session_id: the session
 * @profile_id: a participant
 * @error: return location for a #GError
 *
 * Takes a participant added by mistake off the roster; the profile and its attempts stay, and
 * the other participants keep their seats.
 *
 * Returns: %TRUE on success (also when the profile was not on the roster)
 */
gboolean            bekal_store_remove_group_session_participant (BekalStore     *self,
                                                                  gint64          session_id,
                                                                  gint64          profile_id,
                                                                  GError        **error);

/**
 * bekal_store_start_group_attempt:
 * @self: a #BekalStore
 * @session_id: the group session the attempt is taken in
 * @profile_id: the participant; must be on the session's roster
 * @module_id: the module
 * @module_version: the module's version
 * @content_hash: the module file's SHA-256
 * @quiz_id: the quiz
 * @role: what the quiz is for
 * @seed: the seed the questions and orders were drawn with
 * @question_order: (array zero-terminated=1): the question ids in the order asked
 * @error: return location for a #GError
 *
 * Like bekal_store_start_attempt(), for an attempt taken in a group session: the attempt is
 * the participant's like any other (the gap report, My results and the item analysis count
 * it) and carries the session's id (#BekalQuizAttempt's @session_id).
 *
 * Returns: the new attempt's id; 0 with @error set (%BEKAL_STORE_ERROR_INVALID when the
 *   profile is not on the roster, %BEKAL_STORE_ERROR_NOT_FOUND for an unknown session)
 */
gint64              bekal_store_start_group_attempt        (BekalStore           *self,
                                                            gint64                session_id,
                                                            gint64                profile_id,
                                                            const char           *module_id,
                                                            const char           *module_version,
                                                            const char           *content_hash,
                                                            const char           *quiz_id,
                                                            BekalQuizRole         role,
                                                            gint64                seed,
                                                            const char * const   *question_order,
                                                            GError              **error);

/**
 * bekal_store_find_group_attempt:
 * @self: a #BekalStore
 * @session_id: the session
 * @profile_id: the participant
 * @quiz_id: the quiz
 * @error: return location for a #GError
 *
 * The participant's latest attempt at @quiz_id in this session, finished or not: a resumed
 * session goes on with it instead of starting another.
 *
 * Returns: (transfer full) (nullable): the attempt; %NULL with no error when there is none,
 *   %NULL with @error set on a failure
 */
BekalQuizAttempt   *bekal_store_find_group_attempt         (BekalStore           *self,
                                                            gint64                session_id,
                                                            gint64                profile_id,
                                                            const char           *quiz_id,
                                                            GError              **error);

/**
 * bekal_store_list_group_attempts:
 * @self: a #BekalStore
 * @session_id: the session
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BekalQuizAttempt): the attempts taken in the
 *   session, oldest first; %NULL with @error set
 */
GPtrArray          *bekal_store_list_group_attempts        (BekalStore           *self,
                                                            gint64                session_id,
                                                            GError              **error);

/**
 * bekal_store_set_room_totals:
 * @self: a #BekalStore
 * @session_id: the session
 * @quiz_id: the quiz
 * @question_id: the question
 * @options: (array length=n_options): the options' ids (or a scale's values as decimal text)
 * @counts: (array length=n_options): how many chose each
 * @n_options: the length of @options and @counts
 * @error: return location for a #GError
 *
 * Saves the counts the trainer typed for one question of a session run without phones,
 * durably, replacing those typed before for that question. They are kept as room totals, apart
 * from every learner's answers.
 *
 * Returns: %TRUE on success; %FALSE with @error set (%BEKAL_STORE_ERROR_INVALID for an empty
 *   or repeated option or a count over %BEKAL_ROOM_TOTAL_MAX_COUNT)
 */
gboolean            bekal_store_set_room_totals            (BekalStore           *self,
                                                            gint64                session_id,
                                                            const char           *quiz_id,
                                                            const char           *question_id,
                                                            const char * const   *options,
                                                            const guint          *counts,
                                                            guint                 n_options,
                                                            GError              **error);

/**
 * bekal_store_list_room_totals:
 * @self: a #BekalStore
 * @session_id: the session
 * @error: return location for a #GError
 *
 * The room totals of a session, for its summary.
 *
 * Returns: (transfer full) (element-type BekalRoomTotal): the totals by question in the order
 *   they were typed (a question typed again moves to the end), each question's options in the
 *   order given; %NULL with @error set
 */
GPtrArray          *bekal_store_list_room_totals           (BekalStore           *self,
                                                            gint64                session_id,
                                                            GError              **error);

/* Asynchronous forms, for the app's main thread: each write goes through
 * bekal_store_write_async() (in order with the app's other durable writes, tried again while
 * another process holds the lock); the list of sessions is read in a worker thread. */

/**
 * bekal_store_list_group_sessions_async:
 * @self: a #BekalStore
 * @module_id: (nullable): only the sessions of this module; %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: data for @callback
 *
 * bekal_store_list_group_sessions() in a worker thread, on a connection of its own to the
 * same database, so that the window never waits on the disk.
 */
void                bekal_store_list_group_sessions_async  (BekalStore           *self,
                                                            const char           *module_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/**
 * bekal_store_list_group_sessions_finish:
 * @self: a #BekalStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type BekalGroupSession): the sessions, newest first;
 *   %NULL with @error set
 */
GPtrArray          *bekal_store_list_group_sessions_finish (BekalStore           *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/**
 * bekal_store_create_group_session_async:
 * @self: a #BekalStore
 * @module_id: the module presented
 * @lessons: (array zero-terminated=1) (nullable): the lessons chosen; %NULL for all
 * @room_code: (nullable): the room code
 * @mode: how the room answers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the session is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_create_group_session() without waiting; see bekal_store_write_async().
 */
void                bekal_store_create_group_session_async (BekalStore           *self,
                                                            const char           *module_id,
                                                            const char * const   *lessons,
                                                            const char           *room_code,
                                                            BekalGroupSessionMode mode,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/**
 * bekal_store_create_group_session_finish:
 * @self: a #BekalStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the session's id; 0 with @error set
 */
gint64              bekal_store_create_group_session_finish (BekalStore          *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/**
 * bekal_store_add_group_session_newcomer_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @name: the participant's name
 * @unit: (nullable): the sentra or unit
 * @role: (nullable): the role
 * @trained_before: whether the participant was trained before
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the participant is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_add_group_session_newcomer() without waiting.
 */
void                bekal_store_add_group_session_newcomer_async (BekalStore     *self,
                                                                  gint64          session_id,
                                                                  const char     *name,
                                                                  const char     *unit,
                                                                  const char     *role,
                                                                  gboolean        trained_before,
                                                                  GCancellable   *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer        user_data);

/**
 * bekal_store_add_group_session_newcomer_finish:
 * @self: a #BekalStore
 * @result: the result given to the callback
 * @out_seat: (out) (optional): the participant's seat
 * @error: return location for a #GError
 *
 * Returns: the new profile's id; 0 with @error set
 */
gint64              bekal_store_add_group_session_newcomer_finish (BekalStore    *self,
                                                                   GAsyncResult  *result,
                                                                   guint         *out_seat,
                                                                   GError       **error);

/**
 * bekal_store_add_group_session_participant_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @profile_id: an existing profile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the participant is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_add_group_session_participant() without waiting.
 */
void                bekal_store_add_group_session_participant_async (BekalStore  *self,
                                                                     gint64       session_id,
                                                                     gint64       profile_id,
                                                                     GCancellable *cancellable,
                                                                     GAsyncReadyCallback callback,
                                                                     gpointer     user_data);

/**
 * bekal_store_add_group_session_participant_finish:
 * @self: a #BekalStore
 * @result: the result given to the callback
 * @out_seat: (out) (optional): the participant's seat
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the participant is on the roster
 */
gboolean            bekal_store_add_group_session_participant_finish (BekalStore   *self,
                                                                      GAsyncResult *result,
                                                                      guint        *out_seat,
                                                                      GError      **error);

/**
 * bekal_store_set_group_session_position_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @position: the screen the session is at
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when it is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_set_group_session_position() without waiting. Finish with
 * bekal_store_write_finish().
 */
void                bekal_store_set_group_session_position_async (BekalStore     *self,
                                                                  gint64          session_id,
                                                                  guint           position,
                                                                  GCancellable   *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer        user_data);

/**
 * bekal_store_set_group_session_state_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @state: the new state
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when it is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_set_group_session_state() without waiting. Finish with
 * bekal_store_write_finish().
 */
void                bekal_store_set_group_session_state_async (BekalStore        *self,
                                                               gint64             session_id,
                                                               BekalGroupSessionState state,
                                                               GCancellable      *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer           user_data);

/**
 * bekal_store_set_group_session_room_code_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @room_code: (nullable): the new room code
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when it is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_set_group_session_room_code() without waiting. Finish with
 * bekal_store_write_finish().
 */
void                bekal_store_set_group_session_room_code_async (BekalStore    *self,
                                                                   gint64         session_id,
                                                                   const char    *room_code,
                                                                   GCancellable  *cancellable,
                                                                   GAsyncReadyCallback callback,
                                                                   gpointer       user_data);

/**
 * bekal_store_set_group_session_mode_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @mode: how the room answers from now on
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when it is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_set_group_session_mode() without waiting. Finish with
 * bekal_store_write_finish().
 */
void                bekal_store_set_group_session_mode_async (BekalStore         *self,
                                                              gint64              session_id,
                                                              BekalGroupSessionMode mode,
                                                              GCancellable       *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);

/**
 * bekal_store_remove_group_session_participant_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @profile_id: a participant
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when it is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_remove_group_session_participant() without waiting. Finish with
 * bekal_store_write_finish().
 */
void    bekal_store_remove_group_session_participant_async (BekalStore          *self,
                                                            gint64               session_id,
                                                            gint64               profile_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

/**
 * bekal_store_delete_group_session_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when it is deleted or failed
 * @user_data: data for @callback
 *
 * bekal_store_delete_group_session() without waiting. Finish with bekal_store_write_finish().
 */
void                bekal_store_delete_group_session_async (BekalStore           *self,
                                                            gint64                session_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/**
 * bekal_store_set_room_totals_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @quiz_id: the quiz
 * @question_id: the question
 * @options: (array length=n_options): the options' ids (or a scale's values)
 * @counts: (array length=n_options): how many chose each
 * @n_options: the length of @options and @counts
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when they are saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_set_room_totals() without waiting; the arrays are copied. Finish with
 * bekal_store_write_finish().
 */
void                bekal_store_set_room_totals_async      (BekalStore           *self,
                                                            gint64                session_id,
                                                            const char           *quiz_id,
                                                            const char           *question_id,
                                                            const char * const   *options,
                                                            const guint          *counts,
                                                            guint                 n_options,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/**
 * bekal_store_start_group_attempt_async:
 * @self: a #BekalStore
 * @session_id: the session
 * @profile_id: the participant
 * @module_id: the module
 * @module_version: the module's version
 * @content_hash: the module file's SHA-256
 * @quiz_id: the quiz
 * @role: what the quiz is for
 * @seed: the seed
 * @question_order: (array zero-terminated=1): the question ids in the order asked
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the attempt is saved or failed
 * @user_data: data for @callback
 *
 * bekal_store_start_group_attempt() without waiting; the strings are copied.
 */
void                bekal_store_start_group_attempt_async  (BekalStore           *self,
                                                            gint64                session_id,
                                                            gint64                profile_id,
                                                            const char           *module_id,
                                                            const char           *module_version,
                                                            const char           *content_hash,
                                                            const char           *quiz_id,
                                                            BekalQuizRole         role,
                                                            gint64                seed,
                                                            const char * const   *question_order,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/**
 * bekal_store_start_group_attempt_finish:
 * @self: a #BekalStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the new attempt's id; 0 with @error set
 */
gint64              bekal_store_start_group_attempt_finish (BekalStore           *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalRosterEntry, bekal_roster_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalGroupSession, bekal_group_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalRoomTotal, bekal_room_total_free)

G_END_DECLS
