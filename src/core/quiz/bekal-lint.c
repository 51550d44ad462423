/* bekal-lint.c: item-writing checks on a module's quizzes
 *
 * Each check looks for a pattern that lets a learner find the answer without knowing it (the
 * right option longest, always in the same place), or that keeps a pre/post measurement from
 * meaning much (a pool too small to vary, practice prompts that repeat the test's). They are
 * advice: an author who means the pattern turns the check off for the quiz with
 * `lint-ignore="CHECK"` and says why in `lint-reason`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-lint.h>
#include <bekal/bekal-text.h>

#include "bekal-model-private.h"

/* The right option counts as "noticeably longer" at this many times the wrong ones' mean */
#define LENGTH_FACTOR 1.3
/* Prompts this alike (shared words over all words) are near-duplicates */
#define DUPLICATE_SIMILARITY 0.8

/* Helpers */

static const char *
plain (BekalText *text)
{
  return text != NULL ? bekal_text_get_plain (text) : "";
}

static void
add_warning (GPtrArray     *warnings,
             const char    *check,
             BekalQuiz     *quiz,
             BekalQuestion *question,
             char          *message,
             const char    *suggestion)
{
  BekalLintWarning *warning = g_new0 (BekalLintWarning, 1);

  warning->check = g_strdup (check);
  warning->quiz_id = g_strdup (quiz->id);
  warning->question_id = question != NULL ? g_strdup (question->id) : NULL;
  warning->line = question != NULL ? question->line : quiz->line;
  warning->column = question != NULL ? question->column : quiz->column;
  warning->message = message;
  warning->suggestion = g_strdup (suggestion);
  g_ptr_array_add (warnings, warning);
}

static gboolean
is_ignored (BekalQuiz  *quiz,
            const char *check)
{
  return quiz->lint_ignore != NULL && g_strv_contains ((const char * const *) quiz->lint_ignore,
                                                       check);
}

static gboolean
is_choice (BekalQuestion *question)
{
  return question->kind == BEKAL_QUESTION_SINGLE || question->kind == BEKAL_QUESTION_MULTIPLE;
}

/* The right option noticeably longer than the wrong ones in most single-answer questions */
static void
check_option_length (BekalQuiz *quiz,
                     GPtrArray *warnings)
{
  guint n = 0, longer = 0;

  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);
      double right = 0, wrong = 0;
      guint n_wrong = 0;

      if (question->kind != BEKAL_QUESTION_SINGLE || question->options->len < 3)
        continue;
      for (guint j = 0; j < question->options->len; j++)
        {
          BekalOption *option = g_ptr_array_index (question->options, j);
          glong length = g_utf8_strlen (plain (option->text), -1);

          if (option->correct)
            right = length;
          else
            {
              wrong += length;
              n_wrong++;
            }
        }
      n++;
      if (n_wrong > 0 && right > LENGTH_FACTOR * (wrong / n_wrong))
        longer++;
    }

  if (n >= 3 && longer * 2 > n)
    add_warning (warnings, "option-length", quiz, NULL,
                 g_strdup_printf (_("In %u of the %u single-answer questions of this quiz, the "
                                    "right option is much longer than the others: a learner "
                                    "can pick it by its length."), longer, n),
                 _("Make the wrong options as full and precise as the right one, or the right "
                   "one shorter."));
}

/* The right option always in the same place, when the options are not shuffled */
static void
check_answer_position (BekalQuiz *quiz,
                       GPtrArray *warnings)
{
  int place = -1;
  guint n = 0;

  if (quiz->shuffle)
    return;
  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);
      int right = -1;

      if (question->kind != BEKAL_QUESTION_SINGLE || question->options->len < 3)
        continue;
      for (guint j = 0; j < question->options->len; j++)
        if (((BekalOption *) g_ptr_array_index (question->options, j))->correct)
          right = (int) j;
      if (n > 0 && right != place)
        return;
      place = right;
      n++;
    }

  if (n >= 3)
    add_warning (warnings, "answer-position", quiz, NULL,
                 g_strdup_printf (_("The right option is option %d in every one of the %u "
                                    "single-answer questions: a learner who notices can answer "
                                    "without reading."), place + 1, n),
                 _("Put the right option in different places, or add shuffle=\"true\" to the "
                   "quiz."));
}

/* In multiple-answer questions with one wrong option, that option always last */
static void
check_wrong_option_last (BekalQuiz *quiz,
                         GPtrArray *warnings)
{
  guint n = 0, last = 0;

  if (quiz->shuffle)
    return;
  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);
      int wrong = -1;
      guint n_wrong = 0;

      if (question->kind != BEKAL_QUESTION_MULTIPLE || question->options->len < 3)
        continue;
      for (guint j = 0; j < question->options->len; j++)
        if (!((BekalOption *) g_ptr_array_index (question->options, j))->correct)
          {
            wrong = (int) j;
            n_wrong++;
          }
      if (n_wrong != 1)
        continue;
      n++;
      if (wrong == (int) question->options->len - 1)
        last++;
    }

  if (n >= 2 && last == n)
    add_warning (warnings, "wrong-option-last", quiz, NULL,
                 g_strdup_printf (_("In all %u multiple-answer questions with one wrong option, "
                                    "the wrong option is the last: a learner can tick all but "
                                    "the last."), n),
                 _("Put the wrong option in different places, add more than one wrong option, "
                   "or add shuffle=\"true\" to the quiz."));
}

static void
check_practice_shuffle (BekalQuiz *quiz,
                        GPtrArray *warnings)
{
  if (quiz->role == BEKAL_QUIZ_PRACTICE && !quiz->shuffle && quiz->questions->len >= 2)
    add_warning (warnings, "practice-no-shuffle", quiz, NULL,
                 g_strdup (_("This practice quiz always shows its questions and options in the "
                             "same order: learners who try it again remember places, not "
                             "answers.")),
                 _("Add shuffle=\"true\" to the quiz."));
}

static void
check_scale_in_pool (BekalQuiz *quiz,
                     GPtrArray *warnings)
{
  if (quiz->draw == 0 || quiz->draw >= quiz->questions->len)
    return;
  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);

      if (question->kind == BEKAL_QUESTION_SCALE)
        add_warning (warnings, "scale-in-pool", quiz, question,
                     g_strdup_printf (_("The self-rating “%s” is in a pool that draws %u of %u "
                                        "questions: some learners are asked it and others not, "
                                        "so the ratings cannot be compared."),
                                      question->id, quiz->draw, quiz->questions->len),
                     _("Move self-ratings to a quiz that asks all its questions."));
    }
}

/* A pre-test pool that a post-test draws from again must be large enough for the two draws to
 * differ */
static void
check_pool_size (BekalModule *module,
                 BekalQuiz   *quiz,
                 GPtrArray   *warnings)
{
  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *other = g_ptr_array_index (module->quizzes, i);
      guint draw = other->draw > 0 ? other->draw : quiz->questions->len;

      guint form_a = 0, form_b = 0;

      if (other->pool != quiz || other == quiz)
        continue;
      /* parallel forms: the pre-test asks one form and the post-test the other */
      for (guint j = 0; j < quiz->questions->len; j++)
        {
          const char *form = ((BekalQuestion *) g_ptr_array_index (quiz->questions, j))->form;

          form_a += g_strcmp0 (form, "A") == 0;
          form_b += g_strcmp0 (form, "B") == 0;
        }
      if (form_a >= draw && form_b >= draw)
        continue;
      if (quiz->questions->len < 2 * draw)
        add_warning (warnings, "pool-too-small", quiz, NULL,
                     g_strdup_printf (_("“%s” draws %u questions from this pool of %u: the "
                                        "pre- and post-test must share questions, so a gain may be "
                                        "memory of the same questions."),
                                      other->id, draw, quiz->questions->len),
                     _("Write at least twice as many questions as are drawn, or mark parallel "
                       "forms with form=\"a\" and form=\"b\"."));
    }
}

static gboolean
is_catch_all (const char *text)
{
  static const char * const phrases[] = {
    "all of the above", "none of the above", "all the above",
    "semua jawaban benar", "semua benar", "semua jawaban di atas", "semua di atas",
    "tidak ada yang benar", "tidak ada jawaban yang benar", "bukan salah satu di atas",
  };
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (strstr (folded, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
check_catch_all (BekalQuiz *quiz,
                 GPtrArray *warnings)
{
  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);

      if (!is_choice (question))
        continue;
      for (guint j = 0; j < question->options->len; j++)
        {
          BekalOption *option = g_ptr_array_index (question->options, j);

          if (is_catch_all (plain (option->text)))
            {
              add_warning (warnings, "all-of-the-above", quiz, question,
                           g_strdup_printf (_("Option “%s” of “%s” says “%s”: a learner who "
                                              "knows two options are right, or one is wrong, "
                                              "can answer without knowing the rest."),
                                            option->id, question->id, plain (option->text)),
                           _("Write a multiple-answer question instead, or an option of its "
                             "own."));
              break;
            }
        }
    }
}

/* The words of @text, lower-case, as a set */
static GHashTable *
word_set (const char *text)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) parts = g_regex_split_simple ("[^\\p{L}\\p{N}]+", folded, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_hash_table_add (words, g_strdup (parts[i]));
  return words;
}

static double
similarity (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer word;
  guint shared = 0, all;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (b, word))
      shared++;
  all = g_hash_table_size (a) + g_hash_table_size (b) - shared;
  return all > 0 ? (double) shared / all : 0;
}

/* Practice prompts nearly the same as pre/post-test prompts: practising them teaches the test */
static void
check_near_duplicates (BekalModule *module,
                       GPtrArray   *warnings)
{
  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *practice = g_ptr_array_index (module->quizzes, i);

      if (practice->role != BEKAL_QUIZ_PRACTICE || is_ignored (practice, "near-duplicate"))
        continue;
      for (guint q = 0; q < practice->questions->len; q++)
        {
          BekalQuestion *question = g_ptr_array_index (practice->questions, q);
          g_autoptr(GHashTable) words = word_set (plain (question->prompt));
          gboolean found = FALSE;

          if (g_hash_table_size (words) < 4)
            continue;
          for (guint k = 0; k < module->quizzes->len && !found; k++)
            {
              BekalQuiz *test = g_ptr_array_index (module->quizzes, k);

              if (test->role == BEKAL_QUIZ_PRACTICE)
                continue;
              for (guint t = 0; t < test->questions->len && !found; t++)
                {
                  BekalQuestion *other = g_ptr_array_index (test->questions, t);
                  g_autoptr(GHashTable) other_words = word_set (plain (other->prompt));

                  if (similarity (words, other_words) >= DUPLICATE_SIMILARITY)
                    {
                      add_warning (warnings, "near-duplicate", practice, question,
                                   g_strdup_printf (_("The practice question “%s” is nearly "
                                                      "the same as “%s” of the test “%s”: "
                                                      "practising it teaches the test's "
                                                      "answer."),
                                                    question->id, other->id, test->id),
                                   _("Practise the idea with another case or wording."));
                      found = TRUE;
                    }
                }
            }
        }
    }
}

/* Public API */

void
bekal_lint_warning_free (BekalLintWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->check);
  g_free (warning->quiz_id);
  g_free (warning->question_id);
  g_free (warning->message);
  g_free (warning->suggestion);
  g_free (warning);
}

GPtrArray *
bekal_lint_module (BekalModule *module)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_lint_warning_free);

  g_return_val_if_fail (BEKAL_IS_MODULE (module), warnings);

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);
      g_autoptr(GPtrArray) found =
        g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_lint_warning_free);

      if (quiz->lint_ignore != NULL
          && (quiz->lint_reason == NULL || g_strstrip (quiz->lint_reason)[0] == '\0'))
        add_warning (warnings, "ignore-without-reason", quiz, NULL,
                     g_strdup (_("This quiz turns item-writing checks off without saying why.")),
                     _("Write the reason in lint-reason=\"…\", so the next author knows it is "
                       "meant."));

      check_option_length (quiz, found);
      check_answer_position (quiz, found);
      check_wrong_option_last (quiz, found);
      check_practice_shuffle (quiz, found);
      check_scale_in_pool (quiz, found);
      check_pool_size (module, quiz, found);
      check_catch_all (quiz, found);
      for (guint j = 0; j < found->len; j++)
        {
          BekalLintWarning *warning = g_ptr_array_index (found, j);

          if (!is_ignored (quiz, warning->check))
            g_ptr_array_add (warnings, g_ptr_array_steal_index (found, j--));
        }
    }
  check_near_duplicates (module, warnings);

  return warnings;
}
