/* bekal-quiz-session.c: one attempt at a quiz, saved answer by answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-store-sessions.h>

typedef struct
{
  char            *question_id;
  BekalQuestion   *question;     /* borrowed from the module; NULL when it no longer exists */
  char           **option_order;
  char           **match_order;
  char            *response;     /* NULL while unanswered */
  double           score;
  BekalItemState   state;
} Item;

struct _BekalQuizSession
{
  GObject           parent_instance;

  BekalStore       *store;
  BekalModule      *module;
  BekalQuiz        *quiz;          /* NULL for a checkpoint, or when the quiz was removed */
  BekalSessionKind  kind;
  gint64            profile_id;
  gint64            attempt_id;
  guint32           seed;
  char             *media_id;      /* checkpoint only */
  gboolean          content_changed;

  GArray           *items;         /* Item */
  GQueue            pending;       /* item indices + 1, oldest first */

  gboolean          finished;
  gboolean          flags_saved;   /* the module flags a finish sets */
  double            final_score;
  BekalQuizVerdict  verdict;
  int               retakes_remaining;
  gboolean          keys_unlocked; /* post-test: passed, or no attempt left (issue 17) */
};

enum
{
  PROP_0,
  PROP_CURRENT_INDEX,
  PROP_N_PENDING,
  PROP_FINISHED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BekalQuizSession, bekal_quiz_session, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
item_clear (Item *item)
{
  g_free (item->question_id);
  g_strfreev (item->option_order);
  g_strfreev (item->match_order);
  g_free (item->response);
}

static BekalSessionKind
kind_from_role (BekalQuizRole role)
{
  switch (role)
    {
    case BEKAL_QUIZ_PRETEST:
      return BEKAL_SESSION_PRETEST;
    case BEKAL_QUIZ_POSTTEST:
      return BEKAL_SESSION_POSTTEST;
    case BEKAL_QUIZ_PRACTICE:
    default:
      return BEKAL_SESSION_PRACTICE;
    }
}

static BekalQuizSession *
session_new (BekalStore       *store,
             BekalModule      *module,
             BekalQuiz        *quiz,
             BekalSessionKind  kind,
             gint64            profile_id)
{
  BekalQuizSession *self = g_object_new (BEKAL_TYPE_QUIZ_SESSION, NULL);

  self->store = g_object_ref (store);
  self->module = g_object_ref (module);
  self->quiz = quiz != NULL ? g_object_ref (quiz) : NULL;
  self->kind = kind;
  self->profile_id = profile_id;
  self->final_score = BEKAL_QUIZ_NO_SCORE;
  self->retakes_remaining = -1;

  return self;
}

static void
add_item (BekalQuizSession *self,
          const char       *question_id)
{
  Item item = { 0 };
  gboolean shuffle = self->quiz != NULL && bekal_quiz_get_shuffle (self->quiz);

  item.question_id = g_strdup (question_id);
  item.question = bekal_module_find_question (self->module, question_id);
  item.score = BEKAL_QUIZ_NO_SCORE;
  item.state = BEKAL_ITEM_UNANSWERED;
  if (item.question != NULL)
    item.option_order = bekal_quiz_arrange_options (item.question, shuffle, self->seed,
                                                    &item.match_order);

  g_array_append_val (self->items, item);
}

static Item *
get_item (BekalQuizSession *self,
          guint             index)
{
  if (index >= self->items->len)
    return NULL;

  return &g_array_index (self->items, Item, index);
}

/* The quiz page binds to these; notify only what may have changed */
static void
notify_progress (BekalQuizSession *self,
                 guint             old_current,
                 guint             old_pending)
{
  if (bekal_quiz_session_get_current_index (self) != old_current)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_INDEX]);
  if (self->pending.length != old_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static int
count_finished (GPtrArray *attempts)
{
  int count = 0;

  for (guint i = 0; i < attempts->len; i++)
    if (((BekalQuizAttempt *) g_ptr_array_index (attempts, i))->finished_at != 0)
      count++;

  return count;
}

/* Further attempts allowed once @n_used attempts (counting the current one) are made */
static int
retakes_left (BekalQuiz *quiz,
              int        n_used)
{
  int retakes = quiz != NULL ? bekal_quiz_get_retakes (quiz) : -1;

  if (retakes < 0)
    return -1;

  return MAX (0, retakes + 1 - n_used);
}

static gboolean
compute_retakes (BekalQuizSession  *self,
                 GError           **error)
{
  g_autoptr(GPtrArray) attempts = NULL;
  int n_used = 0;

  if (self->quiz == NULL || bekal_quiz_get_retakes (self->quiz) < 0)
    {
      self->retakes_remaining = -1;
      return TRUE;
    }

  attempts = bekal_store_list_attempts (self->store, self->profile_id,
                                        bekal_module_get_id (self->module),
                                        bekal_quiz_get_id (self->quiz), error);
  if (attempts == NULL)
    return FALSE;

  /* Attempts up to and including this one */
  for (guint i = 0; i < attempts->len; i++)
    {
      BekalQuizAttempt *attempt = g_ptr_array_index (attempts, i);

      n_used++;
      if (attempt->id == self->attempt_id)
        break;
    }

  self->retakes_remaining = retakes_left (self->quiz, n_used);

  /* an earlier attempt reviewed after a pass or after the last try shows the keys too */
  for (guint i = 0; i < attempts->len; i++)
    {
      BekalQuizAttempt *attempt = g_ptr_array_index (attempts, i);

      if (attempt->finished_at != 0 && attempt->verdict == BEKAL_QUIZ_VERDICT_PASSED)
        self->keys_unlocked = TRUE;
    }
  if (count_finished (attempts) >= bekal_quiz_get_retakes (self->quiz) + 1)
    self->keys_unlocked = TRUE;

  return TRUE;
}

static gboolean
load_attempt (BekalQuizSession  *self,
              BekalQuizAttempt  *attempt,
              GError           **error)
{
  g_autoptr(GPtrArray) answers = NULL;

  self->attempt_id = attempt->id;
  self->profile_id = attempt->profile_id;
  self->seed = (guint32) attempt->seed;
  self->content_changed = g_strcmp0 (attempt->content_hash,
                                     bekal_module_get_content_hash (self->module)) != 0;

  /* The stored order is the truth: the pool may have changed since the draw */
  for (guint i = 0; attempt->question_order[i] != NULL; i++)
    add_item (self, attempt->question_order[i]);

  answers = bekal_store_list_answers (self->store, attempt->id, error);
  if (answers == NULL)
    return FALSE;

  for (guint i = 0; i < answers->len; i++)
    {
      BekalQuizAnswer *answer = g_ptr_array_index (answers, i);

      for (guint k = 0; k < self->items->len; k++)
        {
          Item *item = get_item (self, k);

          if (g_strcmp0 (item->question_id, answer->question_id) != 0)
            continue;

          g_free (item->response);
          item->response = g_strdup (answer->response);
          item->score = answer->score;
          item->state = BEKAL_ITEM_SAVED;
        }
    }

  if (attempt->finished_at != 0)
    {
      self->finished = TRUE;
      self->flags_saved = TRUE;
      self->final_score = attempt->score;
      self->verdict = attempt->verdict;
    }

  return compute_retakes (self, error);
}

static gboolean
save_item (BekalQuizSession  *self,
           Item              *item,
           GError           **error)
{
  if (self->kind == BEKAL_SESSION_CHECKPOINT)
    return bekal_store_save_checkpoint_response (self->store, self->profile_id,
                                                 bekal_module_get_id (self->module),
                                                 self->media_id, item->question_id,
                                                 item->response, error);

  return bekal_store_record_answer (self->store, self->attempt_id, item->question_id,
                                    bekal_question_get_topic_id (item->question),
                                    item->response, item->score, error);
}

static gboolean
flush_pending (BekalQuizSession  *self,
               GError           **error)
{
  while (!g_queue_is_empty (&self->pending))
    {
      guint index = GPOINTER_TO_UINT (g_queue_peek_head (&self->pending)) - 1;
      Item *item = get_item (self, index);

      if (!save_item (self, item, error))
        return FALSE;

      g_queue_pop_head (&self->pending);
      item->state = BEKAL_ITEM_SAVED;
    }

  return TRUE;
}

static double
compute_score (BekalQuizSession *self)
{
  double sum = 0;
  guint n_scored = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = get_item (self, i);

      if (item->question == NULL || !bekal_question_is_scored (item->question))
        continue;

      n_scored++;
      if (item->response != NULL && item->score >= 0)
        sum += item->score;
    }

  if (n_scored == 0)
    return BEKAL_QUIZ_NO_SCORE;

  return sum / n_scored;
}

static gboolean
save_finish_flags (BekalQuizSession  *self,
                   GError           **error)
{
  const char *module_id = bekal_module_get_id (self->module);

  if (self->flags_saved)
    return TRUE;

  if (self->kind == BEKAL_SESSION_PRETEST
      && !bekal_store_set_module_flag (self->store, self->profile_id, module_id,
                                       BEKAL_MODULE_FLAG_PRETEST_DONE, error))
    return FALSE;

  if (self->kind == BEKAL_SESSION_POSTTEST && self->verdict == BEKAL_QUIZ_VERDICT_PASSED
      && !bekal_store_set_module_flag (self->store, self->profile_id, module_id,
                                       BEKAL_MODULE_FLAG_POSTTEST_PASSED, error))
    return FALSE;

  self->flags_saved = TRUE;
  return TRUE;
}

static void
bekal_quiz_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BekalQuizSession *self = BEKAL_QUIZ_SESSION (object);

  switch (prop_id)
    {
    case PROP_CURRENT_INDEX:
      g_value_set_uint (value, bekal_quiz_session_get_current_index (self));
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->pending.length);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_quiz_session_finalize (GObject *object)
{
  BekalQuizSession *self = BEKAL_QUIZ_SESSION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->module);
  g_clear_object (&self->quiz);
  g_clear_pointer (&self->media_id, g_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_queue_clear (&self->pending);

  G_OBJECT_CLASS (bekal_quiz_session_parent_class)->finalize (object);
}

static void
bekal_quiz_session_class_init (BekalQuizSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bekal_quiz_session_get_property;
  object_class->finalize = bekal_quiz_session_finalize;

  properties[PROP_CURRENT_INDEX] =
    g_param_spec_uint ("current-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bekal_quiz_session_init (BekalQuizSession *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
  g_queue_init (&self->pending);
}

gboolean
bekal_quiz_can_start_attempt (BekalStore   *store,
                              gint64        profile_id,
                              BekalModule  *module,
                              BekalQuiz    *quiz,
                              int          *out_remaining,
                              GError      **error)
{
  g_autoptr(GPtrArray) attempts = NULL;
  int n_finished;
  int retakes;

  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), FALSE);
  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), FALSE);

  retakes = bekal_quiz_get_retakes (quiz);
  if (out_remaining != NULL)
    *out_remaining = -1;

  attempts = bekal_store_list_attempts (store, profile_id, bekal_module_get_id (module),
                                        bekal_quiz_get_id (quiz), error);
  if (attempts == NULL)
    return FALSE;

  if (retakes < 0)
    return TRUE;

  n_finished = count_finished (attempts);

  /* An unfinished attempt is resumed, not a new one */
  if ((guint) n_finished < attempts->len)
    {
      if (out_remaining != NULL)
        *out_remaining = retakes_left (quiz, attempts->len);
      return TRUE;
    }

  if (n_finished >= retakes + 1)
    {
      g_set_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NO_RETAKES,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This test may be taken %d time, and it has been.",
                                "This test may be taken %d times, and it has been.",
                                retakes + 1),
                   retakes + 1);
      return FALSE;
    }

  if (out_remaining != NULL)
    *out_remaining = retakes_left (quiz, n_finished + 1);
  return TRUE;
}

BekalQuizSession *
bekal_quiz_session_start_with_seed (BekalStore   *store,
                                    gint64        profile_id,
                                    BekalModule  *module,
                                    BekalQuiz    *quiz,
                                    guint32       seed,
                                    GError      **error)
{
  g_autoptr(BekalQuizSession) self = NULL;
  g_autoptr(BekalQuizAttempt) unfinished = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) order = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);
  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), NULL);

  self = session_new (store, module, quiz, kind_from_role (bekal_quiz_get_role (quiz)),
                      profile_id);

  unfinished = bekal_store_find_unfinished_attempt (store, profile_id,
                                                    bekal_module_get_id (module),
                                                    bekal_quiz_get_id (quiz), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (unfinished != NULL)
    {
      if (!load_attempt (self, unfinished, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!bekal_quiz_can_start_attempt (store, profile_id, module, quiz,
                                     &self->retakes_remaining, error))
    return NULL;

  self->seed = seed & 0x7fffffff;
  /* with parallel forms, the pre-test and the post-test draw from different forms */
  order = bekal_quiz_draw_questions_of_form (quiz,
                                             bekal_quiz_form_for_learner (module, quiz,
                                                                          profile_id),
                                             self->seed);
  self->attempt_id = bekal_store_start_attempt (store, profile_id, bekal_module_get_id (module),
                                                bekal_module_get_version (module),
                                                bekal_module_get_content_hash (module),
                                                bekal_quiz_get_id (quiz),
                                                bekal_quiz_get_role (quiz), self->seed,
                                                (const char * const *) order, error);
  if (self->attempt_id == 0)
    return NULL;

  for (guint i = 0; order[i] != NULL; i++)
    add_item (self, order[i]);

  return g_steal_pointer (&self);
}

BekalQuizSession *
bekal_quiz_session_start (BekalStore   *store,
                          gint64        profile_id,
                          BekalModule  *module,
                          BekalQuiz    *quiz,
                          GError      **error)
{
  return bekal_quiz_session_start_with_seed (store, profile_id, module, quiz,
                                             bekal_quiz_new_seed (), error);
}

BekalQuizSession *
bekal_quiz_session_start_in_group (BekalStore   *store,
                                   gint64        group_id,
                                   guint         seat,
                                   BekalModule  *module,
                                   BekalQuiz    *quiz,
                                   guint32       seed,
                                   GError      **error)
{
  g_autoptr(BekalQuizSession) self = NULL;
  g_autoptr(BekalGroupSession) group = NULL;
  g_autoptr(BekalQuizAttempt) earlier = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) order = NULL;
  gint64 profile_id = 0;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);
  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), NULL);

  group = bekal_store_dup_group_session (store, group_id, error);
  if (group == NULL)
    return NULL;
  for (guint i = 0; i < group->roster->len; i++)
    {
      BekalRosterEntry *entry = g_ptr_array_index (group->roster, i);

      if (entry->seat == seat)
        profile_id = entry->profile_id;
    }
  if (profile_id == 0)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                   _("No participant of this group session has seat %u."), seat);
      return NULL;
    }

  self = session_new (store, module, quiz, kind_from_role (bekal_quiz_get_role (quiz)),
                      profile_id);

  /* a resumed session goes on with the attempt it started */
  earlier = bekal_store_find_group_attempt (store, group_id, profile_id,
                                            bekal_quiz_get_id (quiz), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (earlier != NULL)
    {
      if (!load_attempt (self, earlier, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  self->seed = seed & 0x7fffffff;
  order = bekal_quiz_draw_questions_of_form (quiz, bekal_quiz_form_for_seat (quiz, seat),
                                             self->seed);
  self->attempt_id = bekal_store_start_group_attempt (store, group_id, profile_id,
                                                      bekal_module_get_id (module),
                                                      bekal_module_get_version (module),
                                                      bekal_module_get_content_hash (module),
                                                      bekal_quiz_get_id (quiz),
                                                      bekal_quiz_get_role (quiz), self->seed,
                                                      (const char * const *) order, error);
  if (self->attempt_id == 0)
    return NULL;

  for (guint i = 0; order[i] != NULL; i++)
    add_item (self, order[i]);

  if (!compute_retakes (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

BekalQuizSession *
bekal_quiz_session_open_attempt (BekalStore   *store,
                                 BekalModule  *module,
                                 gint64        attempt_id,
                                 GError      **error)
{
  g_autoptr(BekalQuizSession) self = NULL;
  g_autoptr(BekalQuizAttempt) attempt = NULL;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);

  attempt = bekal_store_dup_attempt (store, attempt_id, error);
  if (attempt == NULL)
    return NULL;

  if (g_strcmp0 (attempt->module_id, bekal_module_get_id (module)) != 0)
    {
      g_set_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NOT_FOUND,
                   _("This attempt belongs to another module (“%s”)."), attempt->module_id);
      return NULL;
    }

  self = session_new (store, module, bekal_module_find_quiz (module, attempt->quiz_id),
                      kind_from_role (attempt->role), attempt->profile_id);
  if (!load_attempt (self, attempt, error))
    return NULL;

  return g_steal_pointer (&self);
}

BekalQuizSession *
bekal_quiz_session_new_checkpoint (BekalStore   *store,
                                   gint64        profile_id,
                                   BekalModule  *module,
                                   const char   *media_id,
                                   const char   *question_id,
                                   GError      **error)
{
  g_autoptr(BekalQuizSession) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *response = NULL;
  Item *item;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);
  g_return_val_if_fail (media_id != NULL && question_id != NULL, NULL);

  if (bekal_module_find_question (module, question_id) == NULL)
    {
      g_set_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NOT_FOUND,
                   _("The module has no question “%s”."), question_id);
      return NULL;
    }

  self = session_new (store, module, NULL, BEKAL_SESSION_CHECKPOINT, profile_id);
  self->media_id = g_strdup (media_id);
  add_item (self, question_id);

  response = bekal_store_load_checkpoint_response (store, profile_id,
                                                   bekal_module_get_id (module), media_id,
                                                   question_id, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  item = get_item (self, 0);
  if (response != NULL)
    {
      item->score = bekal_quiz_score_response (item->question, response, &local_error);
      if (local_error != NULL)
        {
          /* Written for an older version of the question: ask again */
          item->score = BEKAL_QUIZ_NO_SCORE;
          g_clear_error (&local_error);
        }
      else
        {
          item->response = g_steal_pointer (&response);
          item->state = BEKAL_ITEM_SAVED;
        }
    }

  return g_steal_pointer (&self);
}

BekalSessionKind
bekal_quiz_session_get_kind (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), BEKAL_SESSION_PRACTICE);

  return self->kind;
}

BekalQuiz *
bekal_quiz_session_get_quiz (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), NULL);

  return self->quiz;
}

gint64
bekal_quiz_session_get_attempt_id (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), 0);

  return self->attempt_id;
}

guint32
bekal_quiz_session_get_seed (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), 0);

  return self->seed;
}

gboolean
bekal_quiz_session_is_content_changed (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), FALSE);

  return self->content_changed;
}

BekalFeedbackFlags
bekal_quiz_session_get_feedback_policy (BekalQuizSession    *self,
                                        BekalFeedbackMoment  moment)
{
  const BekalFeedbackFlags per_answer = BEKAL_FEEDBACK_CORRECTNESS | BEKAL_FEEDBACK_OPTIONS
                                        | BEKAL_FEEDBACK_EXPLANATION;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), BEKAL_FEEDBACK_NONE);

  switch (self->kind)
    {
    case BEKAL_SESSION_PRETEST:
      /* Nothing that could teach the answers before the module is read */
      return moment == BEKAL_FEEDBACK_AFTER_FINISH
             ? BEKAL_FEEDBACK_SCORE | BEKAL_FEEDBACK_START_HINT
             : BEKAL_FEEDBACK_NONE;

    case BEKAL_SESSION_PRACTICE:
      return moment == BEKAL_FEEDBACK_AFTER_ANSWER
             ? per_answer
             : BEKAL_FEEDBACK_SCORE | BEKAL_FEEDBACK_REVIEW | per_answer;

    case BEKAL_SESSION_POSTTEST:
      {
        BekalFeedbackFlags after = BEKAL_FEEDBACK_SCORE | BEKAL_FEEDBACK_REVIEW | per_answer;

        if (self->quiz != NULL && bekal_quiz_get_pass_mark (self->quiz) >= 0)
          after |= BEKAL_FEEDBACK_VERDICT;

        return moment == BEKAL_FEEDBACK_AFTER_FINISH ? after : BEKAL_FEEDBACK_NONE;
      }

    case BEKAL_SESSION_CHECKPOINT:
      return moment == BEKAL_FEEDBACK_AFTER_ANSWER ? per_answer : BEKAL_FEEDBACK_NONE;

    default:
      return BEKAL_FEEDBACK_NONE;
    }
}

gboolean
bekal_quiz_session_may_show_keys (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), TRUE);

  /* otherwise a learner could pass the next try by memory (issue 17) */
  if (self->kind != BEKAL_SESSION_POSTTEST || self->quiz == NULL
      || self->retakes_remaining == -1)
    return TRUE;

  return self->finished && self->keys_unlocked;
}

guint
bekal_quiz_session_get_n_questions (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), 0);

  return self->items->len;
}

const char *
bekal_quiz_session_get_question_id (BekalQuizSession *self,
                                    guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), NULL);

  item = get_item (self, index);
  return item != NULL ? item->question_id : NULL;
}

BekalQuestion *
bekal_quiz_session_get_question (BekalQuizSession *self,
                                 guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), NULL);

  item = get_item (self, index);
  return item != NULL ? item->question : NULL;
}

gboolean
bekal_quiz_session_is_question_missing (BekalQuizSession *self,
                                        guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), FALSE);

  item = get_item (self, index);
  return item != NULL && item->question == NULL;
}

const char * const *
bekal_quiz_session_get_option_order (BekalQuizSession *self,
                                     guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), NULL);

  item = get_item (self, index);
  return item != NULL ? (const char * const *) item->option_order : NULL;
}

const char * const *
bekal_quiz_session_get_match_order (BekalQuizSession *self,
                                    guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), NULL);

  item = get_item (self, index);
  return item != NULL ? (const char * const *) item->match_order : NULL;
}

guint
bekal_quiz_session_get_current_index (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = get_item (self, i);

      if (item->question != NULL && item->response == NULL)
        return i;
    }

  return self->items->len;
}

gboolean
bekal_quiz_session_retry (BekalQuizSession  *self,
                          GError           **error)
{
  guint old_current, old_pending;
  gboolean saved;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), FALSE);

  old_current = bekal_quiz_session_get_current_index (self);
  old_pending = self->pending.length;
  saved = flush_pending (self, error);
  notify_progress (self, old_current, old_pending);

  return saved;
}

gboolean
bekal_quiz_session_answer (BekalQuizSession  *self,
                           guint              index,
                           const char        *response,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  guint old_current, old_pending;
  gboolean saved;
  Item *item;
  double score;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  item = get_item (self, index);
  if (item == NULL || item->question == NULL)
    {
      g_set_error_literal (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NOT_FOUND,
                           _("This question is no longer part of the module."));
      return FALSE;
    }

  if (self->finished)
    {
      g_set_error_literal (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_FINISHED,
                           _("This attempt is finished; its answers cannot change."));
      return FALSE;
    }

  score = bekal_quiz_score_response (item->question, response, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  old_current = bekal_quiz_session_get_current_index (self);
  old_pending = self->pending.length;

  g_free (item->response);
  item->response = g_strdup (response);
  item->score = score;
  if (item->state != BEKAL_ITEM_PENDING)
    g_queue_push_tail (&self->pending, GUINT_TO_POINTER (index + 1));
  item->state = BEKAL_ITEM_PENDING;

  saved = flush_pending (self, error);
  notify_progress (self, old_current, old_pending);

  return saved;
}

guint
bekal_quiz_session_get_n_pending (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), 0);

  return self->pending.length;
}

BekalItemState
bekal_quiz_session_get_item_state (BekalQuizSession *self,
                                   guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), BEKAL_ITEM_UNANSWERED);

  item = get_item (self, index);
  return item != NULL ? item->state : BEKAL_ITEM_UNANSWERED;
}

const char *
bekal_quiz_session_get_response (BekalQuizSession *self,
                                 guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), NULL);

  item = get_item (self, index);
  return item != NULL ? item->response : NULL;
}

double
bekal_quiz_session_get_item_score (BekalQuizSession *self,
                                   guint             index)
{
  Item *item;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), BEKAL_QUIZ_NO_SCORE);

  item = get_item (self, index);
  if (item == NULL || item->response == NULL)
    return BEKAL_QUIZ_NO_SCORE;

  return item->score;
}

gboolean
bekal_quiz_session_is_item_correct (BekalQuizSession *self,
                                    guint             index)
{
  return bekal_quiz_session_get_item_score (self, index) >= 1.0;
}

gboolean
bekal_quiz_session_finish (BekalQuizSession  *self,
                           GError           **error)
{
  double score;
  BekalQuizVerdict verdict = BEKAL_QUIZ_VERDICT_NONE;
  int pass_mark;

  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), FALSE);

  if (self->kind == BEKAL_SESSION_CHECKPOINT)
    return bekal_quiz_session_retry (self, error);

  if (self->finished)
    return save_finish_flags (self, error);

  /* A score must never be stored without the answers it was computed from */
  if (!bekal_quiz_session_retry (self, error))
    return FALSE;

  score = compute_score (self);
  pass_mark = bekal_quiz_session_get_pass_mark (self);
  if (self->kind == BEKAL_SESSION_POSTTEST && pass_mark >= 0 && score >= 0)
    /* the small tolerance keeps 7/10 at a pass mark of 70 a pass despite rounding */
    verdict = score * 100.0 + 1e-9 >= pass_mark ? BEKAL_QUIZ_VERDICT_PASSED
                                                 : BEKAL_QUIZ_VERDICT_FAILED;

  if (!bekal_store_finish_attempt (self->store, self->attempt_id, score, verdict, error))
    return FALSE;

  self->finished = TRUE;
  self->final_score = score;
  self->verdict = verdict;
  if (verdict == BEKAL_QUIZ_VERDICT_PASSED || self->retakes_remaining == 0)
    self->keys_unlocked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);

  return save_finish_flags (self, error);
}

gboolean
bekal_quiz_session_is_finished (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), FALSE);

  return self->finished;
}

double
bekal_quiz_session_get_score (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), BEKAL_QUIZ_NO_SCORE);

  /* A finished attempt keeps the score it was given, even if the module changed since */
  if (self->finished)
    return self->final_score;

  return compute_score (self);
}

int
bekal_quiz_session_get_pass_mark (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), -1);

  if (self->quiz == NULL || self->kind != BEKAL_SESSION_POSTTEST)
    return -1;

  return bekal_quiz_get_pass_mark (self->quiz);
}

BekalQuizVerdict
bekal_quiz_session_get_verdict (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), BEKAL_QUIZ_VERDICT_NONE);

  return self->verdict;
}

int
bekal_quiz_session_get_retakes_remaining (BekalQuizSession *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_SESSION (self), 0);

  return self->retakes_remaining;
}
