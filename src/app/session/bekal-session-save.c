/* bekal-session-save.c: a group session's answers as attempts of the participants' profiles.
 * Every write goes through bekal_store_write_async(): the writes run in order, so the attempt
 * a participant's first answer starts exists when the next answer is recorded, and a busy
 * database only delays them. Attempts are shared between writes through a refcounted slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-quiz-response.h>

#include "bekal-session-save.h"

typedef struct
{
  gint          ref_count;
  gint64        attempt_id;   /* 0 until the first answer's write starts it */
  BekalQuiz    *quiz;
  GStrv         order;        /* the questions of the attempt */
  double        score_sum;
  guint         n_scored;
  gboolean      finished;
} AttemptSlot;

typedef enum
{
  WRITE_PROFILE,
  WRITE_ANSWER,
  WRITE_FINISH,
} WriteKind;

typedef struct
{
  WriteKind          kind;
  BekalSessionSaver *saver;     /* owned */
  BekalModule       *module;    /* owned */
  guint              participant;
  gint64             profile_id;
  AttemptSlot       *slot;
  BekalQuestion     *question;
  char              *response;
  double             score;
} Write;

struct _BekalSessionSaver
{
  GObject       parent_instance;

  BekalStore   *store;
  BekalSession *session;
  GHashTable   *slots;     /* "participant/quiz id" → AttemptSlot */
  guint         pending;
  guint         saved;
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
write_free (gpointer data)
{
  Write *write = data;

  g_clear_object (&write->saver);
  g_clear_object (&write->module);
  g_clear_pointer (&write->slot, slot_unref);
  g_free (write->response);
  g_free (write);
}

static gboolean
run_write (BekalStore  *store,
           gpointer     user_data,
           GError     **error)
{
  Write *write = user_data;
  BekalParticipant *participant = NULL;

  if (write->participant < bekal_session_get_n_participants (write->saver->session))
    participant = bekal_session_get_participant (write->saver->session, write->participant);

  switch (write->kind)
    {
    case WRITE_PROFILE:
      {
        gint64 id;

        if (participant == NULL || participant->profile_id != 0)
          return TRUE;
        id = bekal_store_create_profile (store, participant->name, participant->sentra,
                                         participant->role, 0, participant->trained_before,
                                         error);
        if (id == 0)
          return FALSE;
        participant->profile_id = id;
        return TRUE;
      }

    case WRITE_ANSWER:
      {
        AttemptSlot *slot = write->slot;

        if (participant == NULL || participant->profile_id == 0)
          {
            g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID,
                         "The participant has no profile yet");
            return FALSE;
          }
        if (slot->attempt_id == 0)
          {
            BekalModule *module = write->module;

            slot->attempt_id = bekal_store_start_attempt (store, participant->profile_id,
                                                          bekal_module_get_id (module),
                                                          bekal_module_get_version (module),
                                                          bekal_module_get_content_hash (module),
                                                          bekal_quiz_get_id (slot->quiz),
                                                          bekal_quiz_get_role (slot->quiz),
                                                          0,
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

    case WRITE_FINISH:
    default:
      {
        AttemptSlot *slot = write->slot;
        double score = slot->n_scored > 0 ? slot->score_sum / slot->n_scored : -1;
        BekalQuizVerdict verdict = BEKAL_QUIZ_VERDICT_NONE;
        int pass_mark = bekal_quiz_get_pass_mark (slot->quiz);

        if (slot->attempt_id == 0 || slot->finished)
          return TRUE;
        if (bekal_quiz_get_role (slot->quiz) == BEKAL_QUIZ_POSTTEST && pass_mark >= 0
            && score >= 0)
          verdict = score * 100.0 + 1e-9 >= pass_mark ? BEKAL_QUIZ_VERDICT_PASSED
                                                       : BEKAL_QUIZ_VERDICT_FAILED;
        if (!bekal_store_finish_attempt (store, slot->attempt_id, MAX (score, 0), verdict,
                                         error))
          return FALSE;
        slot->finished = TRUE;
        return TRUE;
      }
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
    g_message ("A group session answer was not saved: %s", error->message);
}

static void
queue (BekalSessionSaver *self,
       Write             *write)
{
  write->saver = g_object_ref (self);
  write->module = g_object_ref (bekal_session_get_module (self->session));
  self->pending++;
  bekal_store_write_async (self->store, run_write, write, write_free, NULL, on_written,
                           g_object_ref (self));
}

/* Overrides */

static void
bekal_session_saver_finalize (GObject *object)
{
  BekalSessionSaver *self = BEKAL_SESSION_SAVER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->slots, g_hash_table_unref);

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
  return self;
}

void
bekal_session_saver_create_profiles (BekalSessionSaver *self)
{
  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));

  for (guint i = 0; i < bekal_session_get_n_participants (self->session); i++)
    if (bekal_session_get_participant (self->session, i)->profile_id == 0)
      {
        Write *write = g_new0 (Write, 1);

        write->kind = WRITE_PROFILE;
        write->participant = i;
        queue (self, write);
      }
}

void
bekal_session_saver_save_answer (BekalSessionSaver *self,
                                 guint              participant,
                                 const BekalScreen *screen,
                                 BekalResponse     *response)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  AttemptSlot *slot;
  Write *write;
  double score;

  g_return_if_fail (BEKAL_IS_SESSION_SAVER (self));
  g_return_if_fail (screen != NULL && screen->kind == BEKAL_SCREEN_QUESTION);

  /* a video checkpoint is an attempt of its own, of its one question */
  key = g_strdup_printf ("%u/%s%s%s", participant, bekal_quiz_get_id (screen->quiz),
                         screen->checkpoint ? "/" : "",
                         screen->checkpoint ? bekal_question_get_id (screen->question) : "");
  slot = g_hash_table_lookup (self->slots, key);
  if (slot == NULL)
    {
      slot = g_new0 (AttemptSlot, 1);
      slot->ref_count = 1;
      slot->quiz = screen->quiz;
      if (screen->checkpoint)
        {
          slot->order = g_new0 (char *, 2);
          slot->order[0] = g_strdup (bekal_question_get_id (screen->question));
        }
      else
        slot->order = bekal_session_dup_question_ids (self->session, screen->quiz);
      g_hash_table_insert (self->slots, g_steal_pointer (&key), slot);
    }

  score = bekal_quiz_score (screen->question, response, &error);
  if (error != NULL)
    {
      g_message ("An answer could not be scored: %s", error->message);
      return;
    }
  if (bekal_question_is_scored (screen->question))
    {
      slot->score_sum += MAX (score, 0);
      slot->n_scored++;
    }

  write = g_new0 (Write, 1);
  write->kind = WRITE_ANSWER;
  write->participant = participant;
  write->slot = slot_ref (slot);
  write->question = screen->question;
  write->response = bekal_response_to_string (response);
  write->score = score;
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
      Write *write = g_new0 (Write, 1);

      write->kind = WRITE_FINISH;
      write->participant = G_MAXUINT;
      write->slot = slot_ref (value);
      queue (self, write);
    }
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
