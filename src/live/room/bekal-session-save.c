/* bekal-session-save.c: a group session kept in the store. Every write goes through
 * bekal_store_write_async(): the writes run in order, so the session exists before its roster
 * is written, and the attempt a participant's first answer starts exists when the next answer
 * is recorded; a busy database only delays them.
 *
 * What the writes learn from the store (the session's id, the participants' profiles, the
 * attempts) is kept in the saver's worker state, which only the writes touch; the session's
 * id also goes back to the BekalSession on the main thread. Checkpoints and practice
 * questions are stored like the tests, each in its own attempt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-quiz.h>
#include <bekal/bekal-quiz-response.h>
#include <bekal/bekal-store-sessions.h>

#include "bekal-session-save.h"

typedef struct
{
  gint          ref_count;
  gint64        attempt_id;   /* 0 until the first answer's write starts or finds it */
  BekalQuiz    *quiz;
  gboolean      checkpoint;
  GStrv         order;        /* the questions of the attempt */
  gboolean      finished;
} AttemptSlot;

/* One participant as the writes see it */
typedef struct
{
  char     *name;
  char     *sentra;
  char     *role;
  gboolean  trained_before;
  gint64    profile_id;      /* 0 until the roster write gives it a profile */
  gboolean  on_roster;
} Seat;

typedef enum
{
  WRITE_CREATE,
  WRITE_REOPEN,
  WRITE_PARTICIPANTS,
  WRITE_POSITION,
  WRITE_ROOM_CODE,
  WRITE_ANSWER,
  WRITE_TOTALS,
  WRITE_FINISH,
  WRITE_END,
} WriteKind;

typedef struct
{
  WriteKind          kind;
  BekalSessionSaver *saver;     /* owned */
  BekalModule       *module;    /* owned */
  guint              participant;
  guint              position;
  AttemptSlot       *slot;
  BekalQuestion     *question;
  char              *response;
  double             score;
  char              *quiz_id;
  char              *question_id;
  char              *room_code;
  GStrv              options;
  guint             *counts;
  guint              n_counts;
  GStrv              lessons;
} Write;

struct _BekalSessionSaver
{
  GObject       parent_instance;

  BekalStore   *store;
  BekalSession *session;
  GHashTable   *slots;      /* "participant/quiz id[/checkpoint question]" → AttemptSlot */
  guint         n_given;    /* the session's participants handed to the writes so far */
  guint         pending;
  guint         saved;
  guint         failed;

  /* worker state: only the writes, which run one after another, touch these, except that the
   * main thread appends seats under @seats_lock (a Seat's fields are the writes' alone) */
  gint64        group_id;
  GMutex        seats_lock;
  GPtrArray    *seats;      /* of Seat, by the session's participant index */
};

G_DEFINE_FINAL_TYPE (BekalSessionSaver, bekal_session_saver, G_TYPE_OBJECT)

/* Helpers */

static AttemptSlot *
slot_ref (AttemptSlot *slot)
{
  slot->ref_count++;
  return slot;
}

static void
slot_unref (gpointer data)
{
  AttemptSlot *slot = data;

  if (--slot->ref_count == 0)
    {
      g_strfreev (slot->order);
      g_free (slot);
    }
}

static void
seat_free (gpointer data)
{
  Seat *seat = data;

  g_free (seat->name);
  g_free (seat->sentra);
  g_free (seat->role);
  g_free (seat);
}

static void
write_free (gpointer data)
{
  Write *write = data;

  g_clear_object (&write->saver);
  g_clear_object (&write->module);
  g_clear_pointer (&write->slot, slot_unref);
  g_free (write->response);
  g_free (write->quiz_id);
  g_free (write->room_code);
  g_free (write->question_id);
  g_strfreev (write->options);
  g_free (write->counts);
  g_strfreev (write->lessons);
  g_free (write);
}

static Seat *
get_seat (BekalSessionSaver *self,
          guint              index)
{
  Seat *seat = NULL;

  g_mutex_lock (&self->seats_lock);
  if (index < self->seats->len)
    seat = g_ptr_array_index (self->seats, index);
  g_mutex_unlock (&self->seats_lock);
  return seat;
}

/* Puts every seat not yet on the stored roster there; each is its own transaction, so a busy
 * database that makes the write run again finds the ones already done */
static gboolean
write_roster (BekalSessionSaver  *self,
              BekalStore         *store,
              GError            **error)
{
  Seat *seat;

  for (guint i = 0; (seat = get_seat (self, i)) != NULL; i++)
    {
      if (seat->on_roster)
        continue;
      if (seat->profile_id == 0)
        {
          seat->profile_id = bekal_store_add_group_session_newcomer (store, self->group_id,
                                                                     seat->name, seat->sentra,
                                                                     seat->role,
                                                                     seat->trained_before, NULL,
                                                                     error);
          if (seat->profile_id == 0)
            return FALSE;
        }
      else if (!bekal_store_add_group_session_participant (store, self->group_id,
                                                           seat->profile_id, NULL, error))
        return FALSE;
      seat->on_roster = TRUE;
    }
  return TRUE;
}

/* The right share of the scored questions of @slot's attempt, from its stored answers: a
 * question left unanswered counts as wrong */
static gboolean
score_attempt (BekalStore   *store,
               BekalModule  *module,
               AttemptSlot  *slot,
               double       *out_score,
               GError      **error)
{
  g_autoptr(GPtrArray) answers = bekal_store_list_answers (store, slot->attempt_id, error);
  double sum = 0;
  guint n = 0;

  if (answers == NULL)
    return FALSE;
  for (guint i = 0; slot->order[i] != NULL; i++)
    {
      BekalQuestion *question = bekal_module_find_question (module, slot->order[i]);

      if (question == NULL || !bekal_question_is_scored (question))
        continue;
      n++;
      for (guint a = 0; a < answers->len; a++)
        {
          BekalQuizAnswer *answer = g_ptr_array_index (answers, a);

          if (g_str_equal (answer->question_id, slot->order[i]))
            sum += MAX (answer->score, 0);
        }
    }
  *out_score = n > 0 ? sum / n : BEKAL_STORE_NO_SCORE;
  return TRUE;
}

static gboolean
write_answer (Write       *write,
              BekalStore  *store,
              GError     **error)
{
  BekalSessionSaver *self = write->saver;
  AttemptSlot *slot = write->slot;
  Seat *seat = get_seat (self, write->participant);

  if (seat == NULL || seat->profile_id == 0 || self->group_id == 0)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                   "The participant is not on the stored roster");
      return FALSE;
    }
  if (slot->attempt_id == 0 && !slot->checkpoint)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(BekalQuizAttempt) earlier =
        bekal_store_find_group_attempt (store, self->group_id, seat->profile_id,
                                        bekal_quiz_get_id (slot->quiz), &local_error);

      /* a resumed session goes on with the attempt begun before, unless it was finished */
      if (earlier != NULL && earlier->finished_at == 0)
        slot->attempt_id = earlier->id;
      else if (local_error != NULL
               && !g_error_matches (local_error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (slot->attempt_id == 0)
    {
      BekalModule *module = write->module;

      slot->attempt_id = bekal_store_start_group_attempt (store, self->group_id,
                                                          seat->profile_id,
                                                          bekal_module_get_id (module),
                                                          bekal_module_get_version (module),
                                                          bekal_module_get_content_hash (module),
                                                          bekal_quiz_get_id (slot->quiz),
                                                          bekal_quiz_get_role (slot->quiz), 0,
                                                          (const char * const *) slot->order,
                                                          error);
      if (slot->attempt_id == 0)
        return FALSE;
    }
  return bekal_store_record_answer (store, slot->attempt_id,
                                    bekal_question_get_id (write->question),
                                    bekal_question_get_topic_id (write->question),
                                    write->response, write->score, error);
}

static gboolean
write_finish (Write       *write,
              BekalStore  *store,
              GError     **error)
{
  AttemptSlot *slot = write->slot;
  BekalQuizVerdict verdict = BEKAL_QUIZ_VERDICT_NONE;
  int pass_mark = bekal_quiz_get_pass_mark (slot->quiz);
  double score = 0;

  if (slot->attempt_id == 0 || slot->finished)
    return TRUE;
  if (!score_attempt (store, write->module, slot, &score, error))
    return FALSE;
  if (bekal_quiz_get_role (slot->quiz) == BEKAL_QUIZ_POSTTEST && pass_mark >= 0 && score >= 0)
    verdict = score * 100.0 + 1e-9 >= pass_mark ? BEKAL_QUIZ_VERDICT_PASSED
                                                 : BEKAL_QUIZ_VERDICT_FAILED;
  if (!bekal_store_finish_attempt (store, slot->attempt_id, score, verdict, error))
    return FALSE;
  slot->finished = TRUE;
  return TRUE;
}

static gboolean
run_write (BekalStore  *store,
           gpointer     user_data,
           GError     **error)
{
  Write *write = user_data;
  BekalSessionSaver *self = write->saver;

  switch (write->kind)
    {
    case WRITE_CREATE:
      if (self->group_id == 0)
        {
          self->group_id = bekal_store_create_group_session (store,
                                                             bekal_module_get_id (write->module),
                                                             (const char * const *) write->lessons,
                                                             NULL, BEKAL_GROUP_SESSION_PHONES,
                                                             error);
          if (self->group_id == 0)
            return FALSE;
        }
      return write_roster (self, store, error);

    case WRITE_REOPEN:
      return bekal_store_set_group_session_state (store, self->group_id,
                                                  BEKAL_GROUP_SESSION_OPEN, error);

    case WRITE_PARTICIPANTS:
      return self->group_id != 0 && write_roster (self, store, error);

    case WRITE_POSITION:
      return bekal_store_set_group_session_position (store, self->group_id, write->position,
                                                     error);

    case WRITE_ROOM_CODE:
      return bekal_store_set_group_session_room_code (store, self->group_id,
                                                      write->room_code, error);

    case WRITE_ANSWER:
      return write_answer (write, store, error);

    case WRITE_TOTALS:
      return bekal_store_set_room_totals (store, self->group_id, write->quiz_id,
                                          write->question_id,
                                          (const char * const *) write->options, write->counts,
                                          write->n_counts, error);

    case WRITE_FINISH:
      return write_finish (write, store, error);

    case WRITE_END:
    default:
      return bekal_store_set_group_session_state (store, self->group_id,
                                                  BEKAL_GROUP_SESSION_ENDED, error);
    }
}

/* Callbacks */

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BekalSessionSaver) self = user_data;
  g_autoptr(GError) error = NULL;

  self->pending--;
  if (bekal_store_write_finish (BEKAL_STORE (source), result, &error))
    self->saved++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->failed++;
      g_message ("A group session write was not saved: %s", error->message);
    }
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BekalSessionSaver) self = g_object_ref (user_data);

  /* the first write is done, so reading its id here cannot race with it; later writes never
   * change it */
  on_written (source, result, user_data);
  if (self->group_id != 0)
    bekal_session_set_identity (self->session, self->group_id,
                                bekal_session_get_created_at (self->session));
}

static void
queue_with (BekalSessionSaver   *self,
            Write               *write,
            GAsyncReadyCallback  callback)
{
  write->saver = g_object_ref (self);
  write->module = g_object_ref (bekal_session_get_module (self->session));
  self->pending++;
  bekal_store_write_async (self->store, run_write, write, write_free, NULL, callback,
                           g_object_ref (self));
}

static void
queue (BekalSessionSaver *self,
       Write             *write)
{
  queue_with (self, write, on_written);
}

static Write *
write_new (WriteKind kind)
{
  Write *write = g_new0 (Write, 1);

  write->kind = kind;
  return write;
}

/* Seats for the participants the writes have not seen yet. The seats array is worker state,
 * but a new seat is only appended here, before the write that reads it is queued, and the
 * queue orders the two. */
static gboolean
give_new_participants (BekalSessionSaver *self,
                       gboolean           stored)
{
  guint n = bekal_session_get_n_participants (self->session);
  gboolean any = FALSE;

  for (; self->n_given < n; self->n_given++)
    {
      BekalParticipant *participant = bekal_session_get_participant (self->session,
                                                                     self->n_given);
      Seat *seat = g_new0 (Seat, 1);

      seat->name = g_strdup (participant->name);
      seat->sentra = g_strdup (participant->sentra);
      seat->role = g_strdup (participant->role);
      seat->trained_before = participant->trained_before;
      seat->profile_id = participant->profile_id;
      seat->on_roster = stored;
      g_mutex_lock (&self->seats_lock);
      g_ptr_array_add (self->seats, seat);
      g_mutex_unlock (&self->seats_lock);
      any = TRUE;
    }
  return any;
}

/* Overrides */

static void
bekal_session_saver_finalize (GObject *object)
{
  BekalSessionSaver *self = BEKAL_SESSION_SAVER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->seats, g_ptr_array_unref);
  g_mutex_clear (&self->seats_lock);

  G_OBJECT_CLASS (bekal_session_saver_parent_class)->finalize (object);
}

static void
bekal_session_saver_class_init (BekalSessionSaverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_session_saver_finalize;
}

static void
bekal_session_saver_init (BekalSessionSaver *self)
{
  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, slot_unref);
  self->seats = g_ptr_array_new_with_free_func (seat_free);
  g_mutex_init (&self->seats_lock);
}

/* Public API */

BekalSessionSaver *
bekal_session_saver_new (BekalStore   *store,
                         BekalSession *session)
{
  BekalSessionSaver *self;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (BEKAL_IS_SESSION (session), NULL);

  self = g_object_new (BEKAL_TYPE_SESSION_SAVER, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->group_id = bekal_session_get_store_id (session);

  if (self->group_id == 0)
    {
      Write *write = write_new (WRITE_CREATE);

      give_new_participants (self, FALSE);
      write->lessons = g_strdupv ((char **) bekal_session_get_lessons (session));
      queue_with (self, write, on_created);
    }
  else
    {
      /* a resumed session: its roster is the stored one */
      give_new_participants (self, TRUE);
      queue (self, write_new (WRITE_REOPEN));
    }
  return self;
}

void
bekal_session_saver_add_participants (BekalSessionSaver *self)
{
  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));

  if (give_new_participants (self, FALSE))
    queue (self, write_new (WRITE_PARTICIPANTS));
}

void
bekal_session_saver_save_position (BekalSessionSaver *self)
{
  Write *write;

  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));

  write = write_new (WRITE_POSITION);
  write->position = bekal_session_get_current (self->session);
  queue (self, write);
}

void
bekal_session_saver_save_room_code (BekalSessionSaver *self)
{
  Write *write;

  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));

  if (bekal_session_get_room_code (self->session) == NULL)
    return;
  write = write_new (WRITE_ROOM_CODE);
  write->room_code = g_strdup (bekal_session_get_room_code (self->session));
  queue (self, write);
}

void
bekal_session_saver_save_answer (BekalSessionSaver *self,
                                 guint              participant,
                                 guint              index,
                                 BekalQuestion     *question,
                                 BekalResponse     *response)
{
  const BekalScreen *screen;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  AttemptSlot *slot;
  Write *write;
  double score;

  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));
  g_return_if_fail (BEKAL_IS_QUESTION (question));

  screen = bekal_session_get_screen (self->session, index);
  g_return_if_fail (screen != NULL && screen->kind == BEKAL_SCREEN_QUESTION);

  /* a participant who joined by typing a name is on the roster before its first answer */
  bekal_session_saver_add_participants (self);

  /* a video checkpoint is an attempt of its own, of its one question */
  key = g_strdup_printf ("%u/%s%s%s", participant, bekal_quiz_get_id (screen->quiz),
                         screen->checkpoint ? "/" : "",
                         screen->checkpoint ? bekal_question_get_id (question) : "");
  slot = g_hash_table_lookup (self->slots, key);
  if (slot == NULL)
    {
      slot = g_new0 (AttemptSlot, 1);
      slot->ref_count = 1;
      slot->quiz = screen->quiz;
      slot->checkpoint = screen->checkpoint;
      if (screen->checkpoint)
        {
          slot->order = g_new0 (char *, 2);
          slot->order[0] = g_strdup (bekal_question_get_id (question));
        }
      else
        slot->order = bekal_session_dup_question_ids (self->session, screen->quiz, participant);
      g_hash_table_insert (self->slots, g_steal_pointer (&key), slot);
    }

  score = bekal_quiz_score (question, response, &error);
  if (error != NULL)
    {
      g_message ("An answer could not be scored: %s", error->message);
      return;
    }

  write = write_new (WRITE_ANSWER);
  write->participant = participant;
  write->slot = slot_ref (slot);
  write->question = question;
  write->response = bekal_response_to_string (response);
  write->score = score;
  queue (self, write);
}

void
bekal_session_saver_save_room_totals (BekalSessionSaver *self)
{
  const BekalScreen *screen;
  const guint *tally;
  guint n = 0;
  Write *write;

  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));

  screen = bekal_session_get_screen (self->session, bekal_session_get_current (self->session));
  tally = bekal_session_get_tally (self->session, &n);
  if (screen->kind != BEKAL_SCREEN_QUESTION || n == 0)
    return;

  write = write_new (WRITE_TOTALS);
  write->quiz_id = g_strdup (bekal_quiz_get_id (screen->quiz));
  write->question_id = g_strdup (bekal_question_get_id (screen->question));
  write->options = g_new0 (char *, n + 1);
  write->counts = g_memdup2 (tally, n * sizeof (guint));
  write->n_counts = n;
  for (guint i = 0; i < n; i++)
    {
      /* a scale is counted per point: the point is its option */
      if (bekal_question_get_kind (screen->question) == BEKAL_QUESTION_SCALE)
        write->options[i] = g_strdup_printf ("%d",
                                             bekal_question_get_scale_min (screen->question)
                                             + (int) i);
      else
        write->options[i] = g_strdup (bekal_option_get_id (
                                        bekal_question_get_option (screen->question, i)));
    }
  queue (self, write);
}

void
bekal_session_saver_finish (BekalSessionSaver *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Write *write = write_new (WRITE_FINISH);

      write->slot = slot_ref (value);
      queue (self, write);
    }
  queue (self, write_new (WRITE_END));
}

guint
bekal_session_saver_get_pending (BekalSessionSaver *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_SAVER (self), 0);
  return self->pending;
}

guint
bekal_session_saver_get_saved (BekalSessionSaver *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_SAVER (self), 0);
  return self->saved;
}

guint
bekal_session_saver_get_failed (BekalSessionSaver *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_SAVER (self), 0);
  return self->failed;
}
