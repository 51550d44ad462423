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

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  bekal_loader_add_diagnostic (state, severity, line, bekal_loader_column_of (state, line, needle),
                               message);
}

static void
check_question (LoadState     *state,
                BekalQuestion *question)
{
  guint n_correct = 0;

  if (question->topic_id && !bekal_module_find_topic (state->module, question->topic_id))
    line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                  _("Question “%s” names the topic “%s”, which is not listed in <topics>."),
                  question->id, question->topic_id);

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
             guint      *checkpoint_index)
{
  for (guint i = 0; i < media->checkpoints->len; i++)
    {
      const BekalCheckpoint *checkpoint = &g_array_index (media->checkpoints, BekalCheckpoint, i);
      int line = g_array_index (state->checkpoint_lines, int, (*checkpoint_index)++);

      /* a missing or empty question attribute is reported where it is read */
      if (checkpoint->question_id != NULL
          && !bekal_module_find_question (state->module, checkpoint->question_id))
        line_problem (state, BEKAL_SEVERITY_ERROR, "checkpoint", line,
                      _("A checkpoint of “%s” asks the question “%s”, which does not exist in "
                        "this module."), media->id,
                      checkpoint->question_id ? checkpoint->question_id : "");
    }

  if (media->subtitles->len == 0)
    line_problem (state, BEKAL_SEVERITY_WARNING, media->is_video ? "video" : "audio",
                  media->line,
                  _("“%s” has no subtitles, so it has no transcript. Learners who cannot or "
                    "do not want to listen need one."), media->id);
}

void
bekal_loader_check_module (LoadState *state)
{
  BekalModule *module = state->module;
  g_autofree char *file_language = bekal_loader_language_from_filename (state->path);
  guint checkpoint_index = 0;

  if (file_language && module->language
      && g_ascii_strcasecmp (file_language, module->language) != 0)
    line_problem (state, BEKAL_SEVERITY_ERROR, "module", state->root_line,
                  _("The file name says the language is “%s”, but xml:lang says “%s”. Name the "
                    "file module.%s.xml or correct xml:lang."), file_language, module->language,
                  module->language);

  for (guint i = 0; i < module->quizzes->len; i++)
    check_quiz (state, g_ptr_array_index (module->quizzes, i));

  for (guint i = 0; i < module->media->len; i++)
    check_media (state, g_ptr_array_index (module->media, i), &checkpoint_index);
}
