/* bekal-loader-checks.c: the checks that need the whole module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-loader-private.h"
#include "bekal-model-private.h"

/* Checks that need the whole module */

G_GNUC_PRINTF (5, 6)
static void
line_problem (LoadState     *state,
              BekalSeverity  severity,
              const char    *element,
              int            line,
              const char    *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *needle = element ? g_strdup_printf ("<%s", element) : NULL;
  va_list args;

  /* the element holds one already reported: what is missing from it follows from that */
  if (bekal_loader_follows_rejected (state, line, NULL))
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  bekal_loader_add_diagnostic (state, severity, line, bekal_loader_column_of (state, line, needle),
                               message);
}

/* The topic id that @id likely misspells, or NULL */
static const char *
suggest_topic (BekalModule *module,
               const char  *id)
{
  g_autofree const char **ids = g_new0 (const char *, module->topics->len + 1);

  for (guint i = 0; i < module->topics->len; i++)
    {
      const char *topic = g_array_index (module->topics, BekalTopic, i).id;

      ids[i] = topic != NULL ? topic : "";
    }
  return bekal_loader_suggest_name (id, ids);
}

/* The question id that @id likely misspells, or NULL */
static const char *
suggest_question (BekalModule *module,
                  const char  *id)
{
  g_autofree const char **ids = (const char **) g_hash_table_get_keys_as_array (
    module->questions_by_id, NULL);

  return bekal_loader_suggest_name (id, ids);
}

/* Two items of an order question, or two sides of a match question, that read the same make
 * the key ambiguous: the learner cannot tell them apart. Texts are compared without case. */
static void
check_same_texts (LoadState     *state,
                  BekalQuestion *question,
                  gboolean       right_sides)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < question->options->len; i++)
    {
      BekalOption *option = g_ptr_array_index (question->options, i);
      BekalText *text = right_sides ? option->match_text : option->text;
      const char *plain = text ? bekal_text_get_plain (text) : NULL;
      g_autofree char *key = NULL;
      BekalOption *first;

      if (plain == NULL || plain[0] == '\0')
        continue;

      key = g_utf8_casefold (plain, -1);
      first = g_hash_table_lookup (seen, key);
      if (first == NULL)
        {
          g_hash_table_insert (seen, g_steal_pointer (&key), option);
          continue;
        }

      if (question->kind == BEKAL_QUESTION_ORDER)
        line_problem (state, BEKAL_SEVERITY_ERROR, "item", option->line,
                      _("Items “%s” and “%s” of the order question “%s” read the same (“%s”), "
                        "so no one can tell which goes first. Make every step different."),
                      first->id, option->id, question->id, plain);
      else if (right_sides)
        line_problem (state, BEKAL_SEVERITY_ERROR, "pair", option->line,
                      _("Pairs “%s” and “%s” of the match question “%s” have the same right "
                        "side (“%s”), so either could be matched to it. Make every right side "
                        "different."), first->id, option->id, question->id, plain);
      else
        line_problem (state, BEKAL_SEVERITY_ERROR, "pair", option->line,
                      _("Pairs “%s” and “%s” of the match question “%s” have the same left side "
                        "(“%s”), so either could be matched to it. Make every left side "
                        "different."), first->id, option->id, question->id, plain);
    }
}

static void
check_question (LoadState     *state,
                BekalQuestion *question)
{
  guint n_correct = 0;

  if (question->topic_id && !bekal_module_find_topic (state->module, question->topic_id)
      && !bekal_loader_follows_rejected (state, 0, question->topic_id))
    {
      const char *meant = suggest_topic (state->module, question->topic_id);

      if (meant != NULL)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” names the topic “%s”, which is not listed in <topics>. "
                        "Did you mean “%s”?"), question->id, question->topic_id, meant);
      else
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” names the topic “%s”, which is not listed in <topics>."),
                      question->id, question->topic_id);
    }

  for (guint i = 0; i < question->options->len; i++)
    {
      BekalOption *option = g_ptr_array_index (question->options, i);

      if (option->correct)
        n_correct++;
    }

  switch (question->kind)
    {
    case BEKAL_QUESTION_SINGLE:
      if (n_correct != 1)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” is a single-choice question and needs exactly one "
                        "option with correct=\"true\"; it has %u."), question->id, n_correct);
      break;

    case BEKAL_QUESTION_MULTIPLE:
      if (n_correct < 1)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” is a multiple-choice question and needs at least one "
                        "option with correct=\"true\"."), question->id);
      break;

    case BEKAL_QUESTION_ORDER:
    case BEKAL_QUESTION_MATCH:
      if (question->options->len < 2)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” needs at least two items to put in order or to match."),
                      question->id);
      break;

    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_SCALE:
    default:
      break;
    }

  if (question->kind == BEKAL_QUESTION_ORDER)
    check_same_texts (state, question, FALSE);
  if (question->kind == BEKAL_QUESTION_MATCH)
    {
      check_same_texts (state, question, FALSE);
      check_same_texts (state, question, TRUE);
    }

  if (question->kind == BEKAL_QUESTION_SINGLE || question->kind == BEKAL_QUESTION_MULTIPLE)
    if (question->options->len < 2)
      line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                    _("Question “%s” needs at least two options."), question->id);

  if (bekal_question_is_scored (question) && question->explanation == NULL)
    line_problem (state, BEKAL_SEVERITY_WARNING, "question", question->line,
                  _("Question “%s” has no <explanation>. Learners understand their mistakes "
                    "better with one."), question->id);
}

static void
check_quiz (LoadState *state,
            BekalQuiz *quiz)
{
  guint pool_size;

  if (quiz->pool_id != NULL)
    {
      BekalQuiz *pool = bekal_module_find_quiz (state->module, quiz->pool_id);

      if (pool == NULL)
        {
          if (bekal_loader_follows_rejected (state, 0, quiz->pool_id))
            return;
          line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                        _("Quiz “%s” draws from the pool “%s”, but there is no quiz with that "
                          "id."), quiz->id, quiz->pool_id);
          return;
        }
      if (pool == quiz || pool->pool_id != NULL)
        {
          line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                        _("Quiz “%s” draws from “%s”, which itself has no questions of its "
                          "own. A pool must be a quiz that holds the questions."),
                        quiz->id, quiz->pool_id);
          return;
        }
      if (quiz->questions->len > 0)
        line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                      _("Quiz “%s” draws from the pool “%s” and also has questions of its own. "
                        "Move the questions into the pool."), quiz->id, quiz->pool_id);
      quiz->pool = pool;
    }
  else if (g_hash_table_contains (state->bad_pools, quiz))
    return;
  else if (quiz->questions->len == 0)
    {
      line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                    _("Quiz “%s” has no questions. Add <question> elements or draw from "
                      "another quiz with pool=\"…\"."), quiz->id);
      return;
    }

  pool_size = bekal_quiz_get_pool (quiz)->questions->len;
  if (quiz->draw > pool_size)
    line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                  _("Quiz “%s” draws %u questions, but its pool has only %u. Lower draw or "
                    "add questions."), quiz->id, quiz->draw, pool_size);

  if (quiz->pass_mark >= 0 && quiz->role != BEKAL_QUIZ_POSTTEST)
    line_problem (state, BEKAL_SEVERITY_WARNING, "quiz", quiz->line,
                  _("Quiz “%s” has a pass mark, but only a post-test uses one."), quiz->id);

  for (guint i = 0; i < quiz->questions->len; i++)
    check_question (state, g_ptr_array_index (quiz->questions, i));
}

static void
check_media (LoadState  *state,
             BekalMedia *media,
             GHashTable *test_questions,
             guint      *checkpoint_index)
{
  for (guint i = 0; i < media->checkpoints->len; i++)
    {
      const BekalCheckpoint *checkpoint = &g_array_index (media->checkpoints, BekalCheckpoint, i);
      int line = g_array_index (state->checkpoint_lines, int, (*checkpoint_index)++);

      BekalQuiz *test;

      /* a missing or empty question attribute is reported where it is read */
      if (checkpoint->question_id == NULL)
        continue;

      if (!bekal_module_find_question (state->module, checkpoint->question_id))
        {
          const char *meant = suggest_question (state->module, checkpoint->question_id);

          if (bekal_loader_follows_rejected (state, 0, checkpoint->question_id))
            continue;
          if (meant != NULL)
            line_problem (state, BEKAL_SEVERITY_ERROR, "checkpoint", line,
                          _("A checkpoint of “%s” asks the question “%s”, which does not "
                            "exist in this module. Did you mean “%s”?"), media->id,
                          checkpoint->question_id, meant);
          else
            line_problem (state, BEKAL_SEVERITY_ERROR, "checkpoint", line,
                          _("A checkpoint of “%s” asks the question “%s”, which does not "
                            "exist in this module."), media->id, checkpoint->question_id);
        }
      else if ((test = g_hash_table_lookup (test_questions, checkpoint->question_id)))
        line_problem (state, BEKAL_SEVERITY_ERROR, "checkpoint", line,
                      _("A checkpoint of “%s” asks “%s”, a question of “%s”, from which the "
                        "pre-test or the post-test draws: learners would see a test question "
                        "during the lesson. Ask a question of a practice quiz instead."),
                      media->id, checkpoint->question_id, test->id);
    }

  if (media->subtitles->len == 0)
    line_problem (state, BEKAL_SEVERITY_WARNING, media->is_video ? "video" : "audio",
                  media->line,
                  _("“%s” has no subtitles, so it has no transcript. Learners who cannot or "
                    "do not want to listen need one."), media->id);
}

/* The parallel forms of a pool that a pre-test or post-test draws from: every scored question
 * has a form or none has, each form has enough scored questions for every draw from the pool,
 * and no scale item is drawn instead of a scored one */
static void
check_forms (LoadState *state,
             BekalQuiz *pool)
{
  BekalModule *module = state->module;
  guint n_form[2] = { 0, 0 };
  guint n_scored = 0;

  for (guint i = 0; i < pool->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (pool->questions, i);

      if (!bekal_question_is_scored (question))
        continue;
      n_scored++;
      if (g_strcmp0 (question->form, "a") == 0)
        n_form[0]++;
      else if (g_strcmp0 (question->form, "b") == 0)
        n_form[1]++;
    }

  if (n_form[0] + n_form[1] == 0)
    return;

  for (guint i = 0; i < pool->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (pool->questions, i);

      if (!bekal_question_is_scored (question))
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("“%s” is a scale (self-rating) question in the pool “%s”, from which "
                        "the tests draw their questions: drawn, it would take the place of a "
                        "scored question. Move it to a practice quiz."),
                      question->id, pool->id);
      else if (question->form == NULL)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” has no form, but other questions of the pool “%s” have "
                        "one. When a pool has parallel forms, give every scored question "
                        "form=\"a\" or form=\"b\"."), question->id, pool->id);
    }

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);

      if (bekal_quiz_get_pool (quiz) != pool || quiz->role == BEKAL_QUIZ_PRACTICE)
        continue;

      for (guint f = 0; f < 2; f++)
        if (n_form[f] < MAX (quiz->draw, 1))
          line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                        _("Quiz “%s” draws %u questions from one form of the pool “%s”, but "
                          "form “%s” has only %u scored questions. Add questions to that form "
                          "or lower draw."), quiz->id, MAX (quiz->draw, 1), pool->id,
                        f == 0 ? "a" : "b", n_form[f]);
    }
}

/* A form only means something in a pool the pre-test and post-test draw from */
static void
check_forms_outside_tests (LoadState  *state,
                           GHashTable *test_pools)
{
  BekalModule *module = state->module;

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);

      if (g_hash_table_contains (test_pools, quiz))
        continue;

      for (guint j = 0; j < quiz->questions->len; j++)
        {
          BekalQuestion *question = g_ptr_array_index (quiz->questions, j);

          if (question->form != NULL)
            line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                          _("Question “%s” has form=\"%s\", but its quiz “%s” is not the pool "
                            "of a pre-test or post-test. Forms only split such a pool: remove "
                            "the attribute."), question->id, question->form, quiz->id);
        }
    }
}

void
bekal_loader_check_module (LoadState *state)
{
  BekalModule *module = state->module;
  g_autofree char *file_language = bekal_loader_language_from_filename (state->path);
  g_autoptr(GHashTable) test_questions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pools = g_hash_table_new (NULL, NULL);
  BekalQuiz *first_pretest = NULL;
  BekalQuiz *first_posttest = NULL;
  guint checkpoint_index = 0;

  if (file_language && module->language
      && g_ascii_strcasecmp (file_language, module->language) != 0)
    line_problem (state, BEKAL_SEVERITY_ERROR, "module", state->root_line,
                  _("The file name says the language is “%s”, but xml:lang says “%s”. Name the "
                    "file module.%s.xml or correct xml:lang."), file_language, module->language,
                  module->language);

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);
      BekalQuiz **first = quiz->role == BEKAL_QUIZ_PRETEST ? &first_pretest
                          : quiz->role == BEKAL_QUIZ_POSTTEST ? &first_posttest
                          : NULL;

      check_quiz (state, quiz);

      if (first != NULL && *first != NULL)
        line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                      quiz->role == BEKAL_QUIZ_PRETEST
                      ? _("“%s” is a second pre-test (the first is “%s”, line %d). A module has "
                          "at most one pre-test and one post-test, so that the gap report "
                          "compares the same two: give this quiz role=\"practice\" or remove "
                          "it.")
                      : _("“%s” is a second post-test (the first is “%s”, line %d). A module has "
                          "at most one pre-test and one post-test, so that the gap report "
                          "compares the same two: give this quiz role=\"practice\" or remove "
                          "it."),
                      quiz->id, (*first)->id, (*first)->line);
      else if (first != NULL)
        *first = quiz;
    }

  /* the questions the tests draw from, which must not be seen before them */
  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);
      BekalQuiz *pool = bekal_quiz_get_pool (quiz);

      if (quiz->role == BEKAL_QUIZ_PRACTICE || g_hash_table_contains (pools, pool))
        continue;
      g_hash_table_add (pools, pool);
      check_forms (state, pool);
      for (guint j = 0; j < pool->questions->len; j++)
        {
          BekalQuestion *question = g_ptr_array_index (pool->questions, j);

          if (question->id != NULL)
            g_hash_table_insert (test_questions, question->id, pool);
        }
    }
  check_forms_outside_tests (state, pools);

  for (guint i = 0; i < module->media->len; i++)
    check_media (state, g_ptr_array_index (module->media, i), test_questions,
                 &checkpoint_index);
}
