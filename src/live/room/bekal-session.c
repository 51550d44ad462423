/* bekal-session.c: the state of a group session. Both windows show it and change it only
 * through these calls; "screen-changed" says the current screen moved, "room-changed" that
 * the counts, the tally or what the projector may show changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz.h>

#include "bekal-session.h"

struct _BekalSession
{
  GObject      parent_instance;

  BekalModule *module;
  gint64       store_id;      /* the group session in the store, 0 until stored */
  gint64       created_at;    /* unix seconds */
  gboolean     use_forms;
  GStrv        lessons;       /* NULL: all */
  GArray      *screens;       /* BekalScreen */
  guint        current;
  GPtrArray   *participants;  /* BekalParticipant */

  guint       *tally;
  guint        n_tally;
  gboolean     open;          /* the phones may answer the current question */
  gboolean     revealed;
  gboolean     show_tally;
  gboolean     room_score_on;
  guint        room_right;    /* answers that were right, over the questions revealed */
  guint        room_total;

  char        *listen_address; /* the interface the trainer chose, or NULL for every one */
  char        *address;
  char        *room_code;
  GBytes      *qr;
  guint        qr_width;
};

enum
{
  SIGNAL_SCREEN_CHANGED,
  SIGNAL_ROOM_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalSession, bekal_session, G_TYPE_OBJECT)

/* Helpers */

static void
participant_free (gpointer data)
{
  BekalParticipant *participant = data;

  g_free (participant->name);
  g_free (participant->sentra);
  g_free (participant->role);
  g_free (participant);
}

/* The questions a quiz asks the room: its own or its pool's; with a draw smaller than the
 * pool, the pre-test takes the first ones and the post-test the last ones, so that a shared
 * pool gives the room different questions after the lessons as far as it allows */
static GPtrArray *
dup_room_questions (BekalQuiz *quiz)
{
  BekalQuiz *source = bekal_quiz_get_n_questions (quiz) == 0 && bekal_quiz_get_pool (quiz) != NULL
                      ? bekal_quiz_get_pool (quiz) : quiz;
  guint n = bekal_quiz_get_n_questions (source);
  guint draw = bekal_quiz_get_draw (quiz);
  guint first = 0;
  GPtrArray *questions = g_ptr_array_new ();

  if (draw > 0 && draw < n)
    {
      if (bekal_quiz_get_role (quiz) == BEKAL_QUIZ_POSTTEST)
        first = n - draw;
      n = first + draw;
    }
  for (guint i = first; i < n; i++)
    g_ptr_array_add (questions, bekal_quiz_get_question (source, i));
  return questions;
}

/* The questions of one parallel form of a test's pool, in the pool's order (those without a
 * form belong to both) */
static GPtrArray *
dup_form_questions (BekalQuiz  *quiz,
                    const char *form)
{
  BekalQuiz *source = bekal_quiz_get_n_questions (quiz) == 0 && bekal_quiz_get_pool (quiz) != NULL
                      ? bekal_quiz_get_pool (quiz) : quiz;
  GPtrArray *questions = g_ptr_array_new ();

  for (guint i = 0; i < bekal_quiz_get_n_questions (source); i++)
    {
      BekalQuestion *question = bekal_quiz_get_question (source, i);
      const char *own = bekal_question_get_form (question);

      if (own == NULL || g_str_equal (own, form))
        g_ptr_array_add (questions, question);
    }
  return questions;
}

/* A test with parallel forms: at each place, form A's question and form B's; half of the room
 * answers each (bekal_quiz_form_for_seat()) */
static void
add_form_screens (BekalSession *self,
                  BekalQuiz    *quiz)
{
  g_autoptr(GPtrArray) form_a = dup_form_questions (quiz, "a");
  g_autoptr(GPtrArray) form_b = dup_form_questions (quiz, "b");
  guint n = MIN (form_a->len, form_b->len);
  guint draw = bekal_quiz_get_draw (quiz);

  if (draw > 0 && draw < n)
    n = draw;
  for (guint i = 0; i < n; i++)
    {
      BekalScreen screen = { .kind = BEKAL_SCREEN_QUESTION, .quiz = quiz,
                             .question = g_ptr_array_index (form_a, i),
                             .form_b_question = g_ptr_array_index (form_b, i),
                             .number = i + 1, .of = n };

      g_array_append_val (self->screens, screen);
    }
}

static void
add_quiz_screens (BekalSession *self,
                  BekalLesson  *lesson,
                  BekalQuiz    *quiz)
{
  g_autoptr(GPtrArray) questions = NULL;
  BekalQuizRole role = bekal_quiz_get_role (quiz);

  if ((role == BEKAL_QUIZ_PRETEST || role == BEKAL_QUIZ_POSTTEST) && bekal_quiz_has_forms (quiz))
    {
      add_form_screens (self, quiz);
      return;
    }
  questions = dup_room_questions (quiz);

  for (guint i = 0; i < questions->len; i++)
    {
      BekalScreen screen = { .kind = BEKAL_SCREEN_QUESTION, .lesson = lesson, .quiz = quiz,
                             .question = g_ptr_array_index (questions, i), .number = i + 1,
                             .of = questions->len };

      g_array_append_val (self->screens, screen);
    }
}

static BekalQuiz *
find_quiz_of (BekalModule   *module,
              BekalQuestion *question)
{
  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);

      for (guint q = 0; q < bekal_quiz_get_n_questions (quiz); q++)
        if (bekal_quiz_get_question (quiz, q) == question)
          return quiz;
    }
  return NULL;
}

/* A video's checkpoints are asked to the room after the video, one screen each */
static void
add_checkpoint_screens (BekalSession *self,
                        BekalLesson  *lesson,
                        BekalBlock   *block)
{
  BekalMedia *media = bekal_block_get_kind (block) == BEKAL_BLOCK_VIDEO
                      || bekal_block_get_kind (block) == BEKAL_BLOCK_AUDIO
                      ? bekal_block_get_media (block) : NULL;
  guint n = media != NULL ? bekal_media_get_n_checkpoints (media) : 0;

  for (guint i = 0; i < n; i++)
    {
      const BekalCheckpoint *checkpoint = bekal_media_get_checkpoint (media, i);
      BekalQuestion *question = bekal_module_find_question (self->module,
                                                            checkpoint->question_id);
      BekalQuiz *quiz = question != NULL ? find_quiz_of (self->module, question) : NULL;
      BekalScreen screen = { .kind = BEKAL_SCREEN_QUESTION, .lesson = lesson, .quiz = quiz,
                             .question = question, .number = i + 1, .of = n,
                             .checkpoint = TRUE };

      if (quiz != NULL)
        g_array_append_val (self->screens, screen);
    }
}

static gboolean
is_text_block (BekalBlock *block)
{
  BekalBlockKind kind = bekal_block_get_kind (block);

  return kind == BEKAL_BLOCK_PARAGRAPH || kind == BEKAL_BLOCK_LIST || kind == BEKAL_BLOCK_NOTE;
}

static gboolean
lesson_is_chosen (BekalLesson        *lesson,
                  const char * const *lessons)
{
  return lessons == NULL || g_strv_contains (lessons, bekal_lesson_get_id (lesson));
}

static void
build_screens (BekalSession       *self,
               const char * const *lessons)
{
  BekalScreen join = { .kind = BEKAL_SCREEN_JOIN };
  BekalScreen end = { .kind = BEKAL_SCREEN_END };
  BekalQuiz *pre = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST);
  BekalQuiz *post = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_POSTTEST);

  g_array_append_val (self->screens, join);
  if (pre != NULL)
    add_quiz_screens (self, NULL, pre);

  for (guint i = 0; i < bekal_module_get_n_lessons (self->module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (self->module, i);

      if (!lesson_is_chosen (lesson, lessons))
        continue;
      for (guint b = 0; b < bekal_lesson_get_n_blocks (lesson); b++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, b);
          BekalBlock *next = b + 1 < bekal_lesson_get_n_blocks (lesson)
                             ? bekal_lesson_get_block (lesson, b + 1) : NULL;
          BekalScreen screen = { .kind = BEKAL_SCREEN_BLOCK, .lesson = lesson, .block = block };

          /* a heading alone is an empty screen: it comes with the text it introduces */
          if (bekal_block_get_kind (block) == BEKAL_BLOCK_HEADING && next != NULL
              && is_text_block (next))
            {
              screen.next_block = next;
              b++;
            }

          /* a practice quiz inside a lesson is asked to the room question by question */
          if (bekal_block_get_kind (block) == BEKAL_BLOCK_QUIZ && bekal_block_get_quiz (block))
            add_quiz_screens (self, lesson, bekal_block_get_quiz (block));
          else
            {
              g_array_append_val (self->screens, screen);
              add_checkpoint_screens (self, lesson, block);
            }
        }
    }

  if (post != NULL)
    add_quiz_screens (self, NULL, post);
  g_array_append_val (self->screens, end);
}

static void
clear_answers (BekalSession *self)
{
  const BekalScreen *screen = bekal_session_get_screen (self, self->current);

  g_clear_pointer (&self->tally, g_free);
  self->n_tally = 0;
  self->revealed = FALSE;
  self->show_tally = FALSE;
  self->open = FALSE;
  for (guint i = 0; i < self->participants->len; i++)
    ((BekalParticipant *) g_ptr_array_index (self->participants, i))->answered = FALSE;

  if (screen->kind == BEKAL_SCREEN_QUESTION)
    {
      BekalQuestion *question = screen->question;

      /* the halves of the room answer different questions: counted, never tallied together */
      if (bekal_session_screen_has_forms (self, self->current))
        self->n_tally = 0;
      /* a scale is counted per point, every other kind per option */
      else if (bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
        self->n_tally = (guint) MAX (0, bekal_question_get_scale_max (question)
                                        - bekal_question_get_scale_min (question) + 1);
      else
        self->n_tally = bekal_question_get_n_options (question);
      self->tally = g_new0 (guint, MAX (self->n_tally, 1));
      /* the room's tests are answered screen by screen; practice waits for the trainer */
      self->open = bekal_quiz_get_role (screen->quiz) == BEKAL_QUIZ_PRETEST
                   || bekal_quiz_get_role (screen->quiz) == BEKAL_QUIZ_POSTTEST;
    }
}

/* The right answers of the question being revealed, for the room score */
static void
count_room_score (BekalSession *self)
{
  const BekalScreen *screen = bekal_session_get_screen (self, self->current);
  BekalQuestion *question = screen->question;
  BekalQuestionType kind = bekal_question_get_kind (question);

  if (!bekal_question_is_scored (question)
      || (kind != BEKAL_QUESTION_SINGLE && kind != BEKAL_QUESTION_TRUEFALSE))
    return;

  for (guint i = 0; i < self->n_tally; i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (bekal_option_get_correct (option))
        self->room_right += self->tally[i];
      self->room_total += self->tally[i];
    }
}

static void
emit_room_changed (BekalSession *self)
{
  g_signal_emit (self, signals[SIGNAL_ROOM_CHANGED], 0);
}

/* Overrides */

static void
bekal_session_finalize (GObject *object)
{
  BekalSession *self = BEKAL_SESSION (object);

  g_clear_object (&self->module);
  g_clear_pointer (&self->lessons, g_strfreev);
  g_clear_pointer (&self->screens, g_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->tally, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->listen_address, g_free);
  g_clear_pointer (&self->room_code, g_free);
  g_clear_pointer (&self->qr, g_bytes_unref);

  G_OBJECT_CLASS (bekal_session_parent_class)->finalize (object);
}

static void
bekal_session_class_init (BekalSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bekal_session_finalize;

  signals[SIGNAL_SCREEN_CHANGED] = g_signal_new ("screen-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
  signals[SIGNAL_ROOM_CHANGED] = g_signal_new ("room-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
}

static void
bekal_session_init (BekalSession *self)
{
  self->screens = g_array_new (FALSE, TRUE, sizeof (BekalScreen));
  self->use_forms = TRUE;
  self->participants = g_ptr_array_new_with_free_func (participant_free);
}

/* Public API */

BekalSession *
bekal_session_new (BekalModule        *module,
                   const char * const *lessons)
{
  BekalSession *self;

  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);

  self = g_object_new (BEKAL_TYPE_SESSION, NULL);
  self->module = g_object_ref (module);
  self->lessons = g_strdupv ((char **) lessons);
  self->created_at = g_get_real_time () / G_USEC_PER_SEC;
  build_screens (self, lessons);
  clear_answers (self);
  return self;
}

BekalModule *
bekal_session_get_module (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  return self->module;
}

gint64
bekal_session_get_store_id (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  return self->store_id;
}

gint64
bekal_session_get_created_at (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  return self->created_at;
}

const char * const *
bekal_session_get_lessons (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  return (const char * const *) self->lessons;
}

void
bekal_session_set_identity (BekalSession *self,
                            gint64        store_id,
                            gint64        created_at)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  self->store_id = store_id;
  self->created_at = created_at;
}

void
bekal_session_set_use_forms (BekalSession *self,
                             gboolean      use_forms)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  if (self->use_forms == !!use_forms)
    return;
  self->use_forms = !!use_forms;
  clear_answers (self);
  g_signal_emit (self, signals[SIGNAL_SCREEN_CHANGED], 0);
  emit_room_changed (self);
}

gboolean
bekal_session_get_use_forms (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);
  return self->use_forms;
}

gboolean
bekal_session_screen_has_forms (BekalSession *self,
                                guint         index)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);

  return self->use_forms && index < self->screens->len
         && bekal_session_get_screen (self, index)->form_b_question != NULL;
}

BekalQuestion *
bekal_session_get_participant_question (BekalSession *self,
                                        guint         participant,
                                        guint         index)
{
  const BekalScreen *screen;
  BekalParticipant *who;

  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->screens->len, NULL);

  screen = bekal_session_get_screen (self, index);
  if (!bekal_session_screen_has_forms (self, index) || participant >= self->participants->len)
    return screen->question;
  who = bekal_session_get_participant (self, participant);
  return g_strcmp0 (bekal_quiz_form_for_seat (screen->quiz, who->seat), "b") == 0
         ? screen->form_b_question : screen->question;
}

guint
bekal_session_get_n_screens (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  return self->screens->len;
}

const BekalScreen *
bekal_session_get_screen (BekalSession *self,
                          guint         index)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->screens->len, NULL);
  return &g_array_index (self->screens, BekalScreen, index);
}

guint
bekal_session_get_current (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  return self->current;
}

void
bekal_session_go_to (BekalSession *self,
                     guint         index)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  index = MIN (index, self->screens->len - 1);
  if (index == self->current)
    return;

  self->current = index;
  clear_answers (self);
  g_signal_emit (self, signals[SIGNAL_SCREEN_CHANGED], 0);
  emit_room_changed (self);
}

gboolean
bekal_session_next (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);

  if (self->current + 1 >= self->screens->len)
    return FALSE;
  bekal_session_go_to (self, self->current + 1);
  return TRUE;
}

gboolean
bekal_session_previous (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);

  if (self->current == 0)
    return FALSE;
  bekal_session_go_to (self, self->current - 1);
  return TRUE;
}

gboolean
bekal_session_start_quiz (BekalSession  *self,
                          BekalQuizRole  role)
{
  BekalQuiz *quiz;

  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);

  quiz = bekal_module_find_quiz_by_role (self->module, role);
  if (quiz == NULL)
    return FALSE;

  for (guint i = 0; i < self->screens->len; i++)
    {
      const BekalScreen *screen = bekal_session_get_screen (self, i);

      if (screen->kind == BEKAL_SCREEN_QUESTION && screen->quiz == quiz && !screen->checkpoint)
        {
          bekal_session_go_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

char *
bekal_session_dup_screen_title (BekalSession *self,
                                guint         index)
{
  const BekalScreen *screen;

  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);

  if (index >= self->screens->len)
    return g_strdup (_("End of the session"));

  screen = bekal_session_get_screen (self, index);
  switch (screen->kind)
    {
    case BEKAL_SCREEN_JOIN:
      return g_strdup (_("Join screen"));
    case BEKAL_SCREEN_END:
      return g_strdup (_("End of the session"));
    case BEKAL_SCREEN_QUESTION:
      {
        BekalQuizRole role = bekal_quiz_get_role (screen->quiz);
        const char *what = screen->checkpoint ? _("Video checkpoint")
                           : role == BEKAL_QUIZ_PRETEST ? _("Pre-test")
                           : role == BEKAL_QUIZ_POSTTEST ? _("Post-test") : _("Practice");

        /* Translators: "Pre-test, question 2 of 10" */
        return g_strdup_printf (_("%s, question %u of %u"), what, screen->number,
                                screen->of);
      }
    case BEKAL_SCREEN_BLOCK:
    default:
      {
        BekalText *text = bekal_block_get_text (screen->block);
        const char *plain = text != NULL ? bekal_text_get_plain (text) : NULL;
        BekalBlockKind kind = bekal_block_get_kind (screen->block);
        g_autofree char *start = NULL;

        if (plain == NULL || *plain == '\0')
          return g_strdup_printf ("%s: %s", bekal_lesson_get_title (screen->lesson),
                                  bekal_block_kind_to_string (kind));
        start = g_utf8_substring (plain, 0, MIN (g_utf8_strlen (plain, -1), 60));
        return g_strdup_printf ("%s: %s%s", bekal_lesson_get_title (screen->lesson), start,
                                g_utf8_strlen (plain, -1) > 60 ? "…" : "");
      }
    }
}

char **
bekal_session_dup_question_ids (BekalSession *self,
                                BekalQuiz    *quiz,
                                guint         participant)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);

  for (guint i = 0; i < self->screens->len; i++)
    {
      const BekalScreen *screen = bekal_session_get_screen (self, i);

      if (screen->kind == BEKAL_SCREEN_QUESTION && screen->quiz == quiz && !screen->checkpoint)
        g_ptr_array_add (ids, g_strdup (bekal_question_get_id (
                                bekal_session_get_participant_question (self, participant, i))));
    }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

char *
bekal_session_dup_trainer_note (BekalSession *self,
                                guint         index)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);

  /* the module's <trainer-note>s for a lesson screen (the lesson's own before its first block,
   * then each block's); for a question, its explanation is what the trainer needs at hand */
  if (index < self->screens->len)
    {
      const BekalScreen *screen = bekal_session_get_screen (self, index);
      g_autoptr(GString) notes = g_string_new (NULL);
      BekalBlock *blocks[2] = { screen->block, screen->next_block };

      if (bekal_session_screen_has_forms (self, index))
        /* Translators: the two questions of a place of a test, with parallel forms */
        return g_strdup_printf (_("Form A: %s\n\nForm B: %s"),
                                bekal_text_get_plain (bekal_question_get_prompt (screen->question)),
                                bekal_text_get_plain (bekal_question_get_prompt (
                                  screen->form_b_question)));
      if (screen->kind == BEKAL_SCREEN_QUESTION
          && bekal_question_get_explanation (screen->question) != NULL)
        return g_strdup (bekal_text_get_plain (bekal_question_get_explanation (screen->question)));
      if (screen->kind != BEKAL_SCREEN_BLOCK)
        return NULL;

      if (bekal_block_get_index (screen->block) == 0
          && bekal_lesson_get_trainer_note (screen->lesson) != NULL)
        g_string_append (notes, bekal_lesson_get_trainer_note (screen->lesson));
      for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
        if (blocks[i] != NULL && bekal_block_get_trainer_note (blocks[i]) != NULL)
          g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n\n" : "",
                                  bekal_block_get_trainer_note (blocks[i]));
      if (notes->len > 0)
        return g_string_free (g_steal_pointer (&notes), FALSE);
    }
  return NULL;
}

void
bekal_session_add_participant (BekalSession *self,
                               const char   *name,
                               const char   *sentra,
                               const char   *role,
                               gboolean      trained_before,
                               gint64        profile_id)
{
  guint seat = 0;

  g_return_if_fail (BEKAL_IS_SESSION (self));

  for (guint i = 0; i < self->participants->len; i++)
    seat = MAX (seat, bekal_session_get_participant (self, i)->seat + 1);
  bekal_session_add_seated_participant (self, seat, name, sentra, role, trained_before,
                                        profile_id);
}

void
bekal_session_add_seated_participant (BekalSession *self,
                                      guint         seat,
                                      const char   *name,
                                      const char   *sentra,
                                      const char   *role,
                                      gboolean      trained_before,
                                      gint64        profile_id)
{
  BekalParticipant *participant;

  g_return_if_fail (BEKAL_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  participant = g_new0 (BekalParticipant, 1);
  participant->seat = seat;
  participant->name = g_strdup (name);
  participant->sentra = g_strdup (sentra != NULL ? sentra : "");
  participant->role = g_strdup (role != NULL ? role : "");
  participant->trained_before = trained_before;
  participant->profile_id = profile_id;
  g_ptr_array_add (self->participants, participant);
  emit_room_changed (self);
}

guint
bekal_session_get_n_participants (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  return self->participants->len;
}

BekalParticipant *
bekal_session_get_participant (BekalSession *self,
                               guint         index)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->participants->len, NULL);
  return g_ptr_array_index (self->participants, index);
}

void
bekal_session_set_joined (BekalSession *self,
                          guint         participant,
                          gboolean      joined)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));
  g_return_if_fail (participant < self->participants->len);

  bekal_session_get_participant (self, participant)->joined = joined;
  emit_room_changed (self);
}

guint
bekal_session_count_joined (BekalSession *self)
{
  guint n = 0;

  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  for (guint i = 0; i < self->participants->len; i++)
    n += bekal_session_get_participant (self, i)->joined ? 1 : 0;
  return n;
}

guint
bekal_session_count_answered (BekalSession *self)
{
  guint n = 0;

  g_return_val_if_fail (BEKAL_IS_SESSION (self), 0);
  for (guint i = 0; i < self->participants->len; i++)
    n += bekal_session_get_participant (self, i)->answered ? 1 : 0;
  return n;
}

gboolean
bekal_session_record_answer (BekalSession *self,
                             guint         participant,
                             const guint  *options,
                             guint         n_options)
{
  BekalParticipant *who;

  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);

  if (participant >= self->participants->len || self->revealed || !self->open)
    return FALSE;
  for (guint i = 0; i < n_options; i++)
    if (options[i] >= self->n_tally)
      return FALSE;
  who = bekal_session_get_participant (self, participant);
  if (who->answered)
    return FALSE;

  who->answered = TRUE;
  who->joined = TRUE;
  for (guint i = 0; i < n_options; i++)
    self->tally[options[i]]++;
  emit_room_changed (self);
  return TRUE;
}

void
bekal_session_set_counts (BekalSession *self,
                          const guint  *counts,
                          guint         n_counts)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  for (guint i = 0; i < self->n_tally; i++)
    self->tally[i] = i < n_counts ? counts[i] : 0;
  emit_room_changed (self);
}

const guint *
bekal_session_get_tally (BekalSession *self,
                         guint        *out_n)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);

  *out_n = self->n_tally;
  return self->tally;
}

gboolean
bekal_session_get_revealed (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);
  return self->revealed;
}

void
bekal_session_reveal (BekalSession *self)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  if (self->revealed || bekal_session_get_screen (self, self->current)->kind
                        != BEKAL_SCREEN_QUESTION)
    return;
  self->revealed = TRUE;
  self->open = FALSE;
  count_room_score (self);
  emit_room_changed (self);
}

gboolean
bekal_session_get_question_open (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);
  return self->open;
}

gboolean
bekal_session_send_question (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);

  if (self->revealed || self->n_tally == 0)
    return FALSE;
  self->open = TRUE;
  emit_room_changed (self);
  return TRUE;
}

gboolean
bekal_session_get_show_tally (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);
  return self->show_tally;
}

void
bekal_session_set_show_tally (BekalSession *self,
                              gboolean      show)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));
  self->show_tally = show;
  emit_room_changed (self);
}

gboolean
bekal_session_get_room_score_on (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), FALSE);
  return self->room_score_on;
}

void
bekal_session_set_room_score_on (BekalSession *self,
                                 gboolean      on)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));
  self->room_score_on = on;
  emit_room_changed (self);
}

int
bekal_session_get_room_score (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), -1);

  if (self->room_total == 0)
    return -1;
  return (int) ((self->room_right * 100 + self->room_total / 2) / self->room_total);
}

void
bekal_session_set_room (BekalSession *self,
                        const char   *address,
                        const char   *room_code,
                        GBytes       *qr_modules,
                        guint         qr_width)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  g_free (self->address);
  self->address = g_strdup (address);
  g_free (self->room_code);
  self->room_code = g_strdup (room_code);
  g_clear_pointer (&self->qr, g_bytes_unref);
  if (qr_modules != NULL && qr_width > 0
      && g_bytes_get_size (qr_modules) == (gsize) qr_width * qr_width)
    {
      self->qr = g_bytes_ref (qr_modules);
      self->qr_width = qr_width;
    }
  emit_room_changed (self);
}

void
bekal_session_set_listen_address (BekalSession *self,
                                  const char   *address)
{
  g_return_if_fail (BEKAL_IS_SESSION (self));

  g_free (self->listen_address);
  self->listen_address = g_strdup (address);
}

const char *
bekal_session_get_listen_address (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  return self->listen_address;
}

const char *
bekal_session_get_address (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  return self->address;
}

const char *
bekal_session_get_room_code (BekalSession *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);
  return self->room_code;
}

GBytes *
bekal_session_get_qr (BekalSession *self,
                      guint        *out_width)
{
  g_return_val_if_fail (BEKAL_IS_SESSION (self), NULL);

  *out_width = self->qr != NULL ? self->qr_width : 0;
  return self->qr;
}
