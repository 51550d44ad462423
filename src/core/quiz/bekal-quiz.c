/* bekal-quiz.c: scoring of answers and the seeded draw and shuffle of quizzes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz.h>
#include <bekal/bekal-quiz-response.h>

G_DEFINE_QUARK (bekal-quiz-error-quark, bekal_quiz_error)

/* Random numbers. Only g_rand_int () (the Mersenne Twister output, fixed since GLib 2.0) and
 * g_rand_new_with_seed_array () are used: GLib's own range functions changed once before,
 * and a stored seed must replay the same draw forever. */

/* Uniform in 0..bound-1 by rejection, so that no value is favoured */
static guint32
rand_below (GRand   *rand,
            guint32  bound)
{
  guint32 threshold;
  guint32 value;

  g_assert (bound > 0);

  threshold = (guint32) (-bound) % bound;
  do
    value = g_rand_int (rand);
  while (value < threshold);

  return value % bound;
}

/* FNV-1a: a fixed hash of a question id, mixed into the seed of its option order */
static guint32
hash_id (const char *id)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }

  return hash;
}

/* Fisher–Yates over the first @n_steps positions of @items (all of them when equal to len) */
static void
shuffle_prefix (GRand     *rand,
                gpointer  *items,
                guint      len,
                guint      n_steps)
{
  for (guint i = 0; i < n_steps && i + 1 < len; i++)
    {
      guint j = i + rand_below (rand, len - i);
      gpointer tmp = items[i];

      items[i] = items[j];
      items[j] = tmp;
    }
}

static gboolean
same_order (gpointer *a,
            gpointer *b,
            guint     len)
{
  for (guint i = 0; i < len; i++)
    if (a[i] != b[i])
      return FALSE;

  return TRUE;
}

static char **
option_ids_from_array (gpointer *options,
                       guint     len)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  for (guint i = 0; i < len; i++)
    g_strv_builder_add (builder, bekal_option_get_id (options[i]));

  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE, message);
  return FALSE;
}

/* Fills @chosen (option index -> TRUE) from the ids of @response, each known and given once */
static gboolean
collect_chosen (BekalQuestion        *question,
                const BekalResponse  *response,
                gboolean             *chosen,
                guint                *out_count,
                GError              **error)
{
  guint n_options = bekal_question_get_n_options (question);
  guint count = 0;

  for (guint i = 0; i < bekal_response_get_n_ids (response); i++)
    {
      const char *id = bekal_response_get_id (response, i);
      guint index = G_MAXUINT;

      for (guint k = 0; k < n_options; k++)
        if (g_strcmp0 (bekal_option_get_id (bekal_question_get_option (question, k)), id) == 0)
          index = k;

      if (index == G_MAXUINT)
        return set_invalid (error, _("The answer names an option the question does not have."));
      if (chosen[index])
        return set_invalid (error, _("The answer names the same option twice."));

      chosen[index] = TRUE;
      count++;
    }

  *out_count = count;
  return TRUE;
}

static double
score_choice (BekalQuestion        *question,
              const BekalResponse  *response,
              gboolean              multiple,
              GError              **error)
{
  guint n_options = bekal_question_get_n_options (question);
  g_autofree gboolean *chosen = g_new0 (gboolean, n_options);
  guint n_correct = 0;
  int right = 0;
  int wrong = 0;
  guint count = 0;

  if (!collect_chosen (question, response, chosen, &count, error))
    return -1;

  if (!multiple && count != 1)
    {
      set_invalid (error, _("Choose exactly one answer."));
      return -1;
    }

  for (guint k = 0; k < n_options; k++)
    {
      gboolean correct = bekal_option_get_correct (bekal_question_get_option (question, k));

      n_correct += correct ? 1 : 0;
      if (chosen[k])
        {
          if (correct)
            right++;
          else
            wrong++;
        }
    }

  if (!multiple)
    return right == 1 ? 1.0 : 0.0;

  /* multiple: each correct option chosen earns 1/n_correct, each wrong one chosen takes as
   * much away, never below 0 (docs/scoring.md) */
  if (n_correct == 0 || right <= wrong)
    return 0.0;

  return (double) (right - wrong) / n_correct;
}

static double
score_order (BekalQuestion        *question,
             const BekalResponse  *response,
             GError              **error)
{
  guint n_items = bekal_question_get_n_options (question);
  g_autofree gboolean *chosen = g_new0 (gboolean, n_items);
  g_autofree guint *correct_index = g_new0 (guint, n_items);
  g_autofree guint *run = g_new0 (guint, n_items);
  guint count = 0;
  guint longest = 0;

  if (!collect_chosen (question, response, chosen, &count, error))
    return -1;
  if (count != n_items)
    {
      set_invalid (error, _("The answer must list every item once."));
      return -1;
    }

  if (n_items < 2)
    return 1.0;

  /* correct_index[i]: where the item the learner put at i belongs */
  for (guint i = 0; i < n_items; i++)
    for (guint k = 0; k < n_items; k++)
      if (g_strcmp0 (bekal_option_get_id (bekal_question_get_option (question, k)),
                     bekal_response_get_id (response, i)) == 0)
        correct_index[i] = k;

  /* The items already in the right order relative to each other form the longest increasing
   * run of correct indices; every other item must be moved. Score: 1 − moves / (n − 1), so
   * that a reversed list scores 0 and every item out of place costs the same. */
  for (guint i = 0; i < n_items; i++)
    {
      run[i] = 1;
      for (guint j = 0; j < i; j++)
        if (correct_index[j] < correct_index[i] && run[j] + 1 > run[i])
          run[i] = run[j] + 1;
      longest = MAX (longest, run[i]);
    }

  return 1.0 - (double) (n_items - longest) / (n_items - 1);
}

static double
score_match (BekalQuestion        *question,
             const BekalResponse  *response,
             GError              **error)
{
  guint n_pairs = bekal_question_get_n_options (question);
  g_autofree gboolean *seen = g_new0 (gboolean, n_pairs);
  guint n_entries = bekal_response_get_n_pairs (response);
  guint right = 0;

  for (guint i = 0; i < n_entries; i++)
    {
      const char *left = bekal_response_get_left_id (response, i);
      const char *chosen = bekal_response_get_match (response, left);
      guint index = G_MAXUINT;

      for (guint k = 0; k < n_pairs; k++)
        if (g_strcmp0 (bekal_option_get_id (bekal_question_get_option (question, k)), left) == 0)
          index = k;

      if (index == G_MAXUINT || seen[index])
        {
          set_invalid (error, _("The answer must name every left side once."));
          return -1;
        }
      seen[index] = TRUE;

      /* NULL is a pair left unmatched */
      if (chosen != NULL && bekal_question_find_option (question, chosen) == NULL)
        {
          set_invalid (error, _("The answer names a right side the question does not have."));
          return -1;
        }

      if (g_strcmp0 (chosen, left) == 0)
        right++;
    }

  if (n_entries != n_pairs)
    {
      set_invalid (error, _("The answer must name every left side once."));
      return -1;
    }

  return (double) right / n_pairs;
}

static double
check_scale (BekalQuestion        *question,
             const BekalResponse  *response,
             GError              **error)
{
  int value;

  if (!bekal_response_get_value (response, &value)
      || value < bekal_question_get_scale_min (question)
      || value > bekal_question_get_scale_max (question))
    {
      set_invalid (error, _("Choose a value on the scale."));
      return -1;
    }

  return BEKAL_QUIZ_NO_SCORE;
}

double
bekal_quiz_score (BekalQuestion        *question,
                  const BekalResponse  *response,
                  GError              **error)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (question), -1);
  g_return_val_if_fail (response != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (bekal_response_get_kind (response) != bekal_question_get_kind (question))
    {
      set_invalid (error, _("This type of question cannot be answered."));
      return -1;
    }

  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_TRUEFALSE:
      return score_choice (question, response, FALSE, error);

    case BEKAL_QUESTION_MULTIPLE:
      return score_choice (question, response, TRUE, error);

    case BEKAL_QUESTION_ORDER:
      return score_order (question, response, error);

    case BEKAL_QUESTION_MATCH:
      return score_match (question, response, error);

    case BEKAL_QUESTION_SCALE:
      return check_scale (question, response, error);

    default:
      set_invalid (error, _("This type of question cannot be answered."));
      return -1;
    }
}

double
bekal_quiz_score_response (BekalQuestion  *question,
                           const char     *response,
                           GError        **error)
{
  g_autoptr(BekalResponse) decoded = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  decoded = bekal_response_parse (bekal_question_get_kind (question), response, error);
  if (decoded == NULL)
    return -1;

  return bekal_quiz_score (question, decoded, error);
}

gboolean
bekal_quiz_check_response (BekalQuestion  *question,
                           const char     *response,
                           GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  bekal_quiz_score_response (question, response, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

BekalPartMark
bekal_quiz_mark_part (BekalQuestion       *question,
                      const BekalResponse *response,
                      const char          *part_id)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (question), BEKAL_PART_MARK_NONE);
  g_return_val_if_fail (response != NULL, BEKAL_PART_MARK_NONE);

  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_MULTIPLE:
      {
        BekalOption *option = bekal_question_find_option (question, part_id);
        gboolean correct = option != NULL && bekal_option_get_correct (option);
        gboolean chosen = bekal_response_has_id (response, part_id);

        if (correct)
          return chosen ? BEKAL_PART_MARK_CORRECT : BEKAL_PART_MARK_MISSED;
        return chosen ? BEKAL_PART_MARK_WRONG : BEKAL_PART_MARK_NONE;
      }

    case BEKAL_QUESTION_MATCH:
      /* a pair is right when its own right side was put next to it */
      return g_strcmp0 (bekal_response_get_match (response, part_id), part_id) == 0
             ? BEKAL_PART_MARK_CORRECT : BEKAL_PART_MARK_WRONG;

    case BEKAL_QUESTION_ORDER:
    case BEKAL_QUESTION_SCALE:
    default:
      return BEKAL_PART_MARK_NONE;
    }
}

char *
bekal_quiz_response_from_ids (const char * const *ids)
{
  g_autoptr(BekalResponse) response = bekal_response_new (BEKAL_QUESTION_MULTIPLE);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    bekal_response_add_id (response, ids[i]);

  return bekal_response_to_string (response);
}

char *
bekal_quiz_response_from_pairs (const char * const *left_ids,
                                const char * const *right_ids)
{
  g_autoptr(BekalResponse) response = bekal_response_new (BEKAL_QUESTION_MATCH);

  g_return_val_if_fail (left_ids != NULL && right_ids != NULL, g_strdup (""));
  g_return_val_if_fail (g_strv_length ((char **) left_ids) == g_strv_length ((char **) right_ids),
                        g_strdup (""));

  for (guint i = 0; left_ids[i] != NULL; i++)
    bekal_response_add_pair (response, left_ids[i], right_ids[i]);

  return bekal_response_to_string (response);
}

gboolean
bekal_quiz_response_has_id (const char *response,
                            const char *option_id)
{
  g_autoptr(BekalResponse) decoded = NULL;

  if (response == NULL || option_id == NULL)
    return FALSE;

  decoded = bekal_response_parse (BEKAL_QUESTION_MULTIPLE, response, NULL);
  return decoded != NULL && bekal_response_has_id (decoded, option_id);
}

char *
bekal_quiz_response_dup_match (const char *response,
                               const char *left_id)
{
  g_autoptr(BekalResponse) decoded = NULL;

  if (response == NULL || left_id == NULL)
    return NULL;

  decoded = bekal_response_parse (BEKAL_QUESTION_MATCH, response, NULL);
  return decoded != NULL ? g_strdup (bekal_response_get_match (decoded, left_id)) : NULL;
}

guint32
bekal_quiz_new_seed (void)
{
  return g_random_int () & 0x7fffffff;
}

/* The draw of @quiz from @candidates (questions of its pool in document order). This is the
 * stored algorithm of bekal_quiz_draw_questions: never change what it gives for a seed. */
static char **
draw_from (BekalQuiz *quiz,
           GPtrArray *candidates,
           guint32    seed)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_copy (candidates, NULL, NULL);
  g_autoptr(GRand) rand = NULL;
  GStrvBuilder *builder;
  char **ids;
  guint n_drawn;
  guint draw;

  draw = bekal_quiz_get_draw (quiz);
  n_drawn = (draw == 0 || draw > questions->len) ? questions->len : draw;

  rand = g_rand_new_with_seed (seed);

  /* Every question stays in document order unless drawing or shuffling asks otherwise */
  if (n_drawn < questions->len || bekal_quiz_get_shuffle (quiz))
    shuffle_prefix (rand, questions->pdata, questions->len, n_drawn);

  /* Without shuffle the drawn questions are asked in document order */
  if (n_drawn < questions->len && !bekal_quiz_get_shuffle (quiz))
    {
      g_autoptr(GHashTable) drawn = g_hash_table_new (NULL, NULL);
      guint n_ordered = 0;

      for (guint i = 0; i < n_drawn; i++)
        g_hash_table_add (drawn, questions->pdata[i]);

      for (guint k = 0; k < candidates->len; k++)
        if (g_hash_table_contains (drawn, candidates->pdata[k]))
          questions->pdata[n_ordered++] = candidates->pdata[k];
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n_drawn; i++)
    g_strv_builder_add (builder, bekal_question_get_id (questions->pdata[i]));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ids;
}

char **
bekal_quiz_draw_questions (BekalQuiz *quiz,
                           guint32    seed)
{
  BekalQuiz *pool;
  g_autoptr(GPtrArray) questions = NULL;

  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), NULL);

  pool = bekal_quiz_get_pool (quiz);
  if (pool == NULL)
    pool = quiz;

  questions = g_ptr_array_new ();
  for (guint i = 0; i < bekal_quiz_get_n_questions (pool); i++)
    g_ptr_array_add (questions, bekal_quiz_get_question (pool, i));

  return draw_from (quiz, questions, seed);
}

gboolean
bekal_quiz_has_forms (BekalQuiz *quiz)
{
  BekalQuiz *pool;

  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), FALSE);

  pool = bekal_quiz_get_pool (quiz);
  for (guint i = 0; pool != NULL && i < bekal_quiz_get_n_questions (pool); i++)
    if (bekal_question_get_form (bekal_quiz_get_question (pool, i)) != NULL)
      return TRUE;

  return FALSE;
}

char **
bekal_quiz_draw_questions_of_form (BekalQuiz  *quiz,
                                   const char *form,
                                   guint32     seed)
{
  BekalQuiz *pool;
  g_autoptr(GPtrArray) questions = NULL;

  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), NULL);

  if (form == NULL)
    return bekal_quiz_draw_questions (quiz, seed);

  pool = bekal_quiz_get_pool (quiz);
  if (pool == NULL)
    pool = quiz;

  questions = g_ptr_array_new ();
  for (guint i = 0; i < bekal_quiz_get_n_questions (pool); i++)
    {
      BekalQuestion *question = bekal_quiz_get_question (pool, i);
      const char *question_form = bekal_question_get_form (question);

      if (question_form == NULL || g_str_equal (question_form, form))
        g_ptr_array_add (questions, question);
    }

  return draw_from (quiz, questions, seed);
}

const char *
bekal_quiz_form_for_learner (BekalModule *module,
                             BekalQuiz   *quiz,
                             gint64       profile_id)
{
  guint start;

  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);
  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), NULL);

  if (bekal_quiz_get_role (quiz) == BEKAL_QUIZ_PRACTICE || !bekal_quiz_has_forms (quiz))
    return NULL;

  /* Profiles are numbered 1, 2, 3… in the order they are made, so consecutive learners
   * alternate; the module's id shifts the alternation, so that a learner does not start
   * with form A in every module */
  start = (guint) (((guint64) profile_id + hash_id (bekal_module_get_id (module))) & 1);
  if (bekal_quiz_get_role (quiz) == BEKAL_QUIZ_POSTTEST)
    start ^= 1;

  return start == 0 ? "a" : "b";
}

const char *
bekal_quiz_form_for_seat (BekalQuiz *quiz,
                          guint      seat)
{
  guint start;

  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), NULL);

  if (bekal_quiz_get_role (quiz) == BEKAL_QUIZ_PRACTICE || !bekal_quiz_has_forms (quiz))
    return NULL;

  /* seats are given 0, 1, 2… as participants are added, so any half of the roster by seat
   * order alternates; the post-test gives each seat the other form */
  start = seat & 1;
  if (bekal_quiz_get_role (quiz) == BEKAL_QUIZ_POSTTEST)
    start ^= 1;

  return start == 0 ? "a" : "b";
}

char **
bekal_quiz_arrange_options (BekalQuestion   *question,
                            gboolean         shuffle,
                            guint32          seed,
                            char          ***out_match_order)
{
  guint n_options;
  guint32 key[2];
  g_autoptr(GRand) rand = NULL;
  g_autofree gpointer *options = NULL;
  g_autofree gpointer *document = NULL;
  BekalQuestionType kind;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), NULL);

  if (out_match_order != NULL)
    *out_match_order = NULL;

  kind = bekal_question_get_kind (question);
  n_options = bekal_question_get_n_options (question);
  options = g_new0 (gpointer, n_options + 1);
  document = g_new0 (gpointer, n_options + 1);
  for (guint i = 0; i < n_options; i++)
    options[i] = document[i] = bekal_question_get_option (question, i);

  /* Each question has its own stream, so its order does not depend on the questions
   * asked before it */
  key[0] = seed;
  key[1] = hash_id (bekal_question_get_id (question));
  rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));

  switch (kind)
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_MULTIPLE:
      if (shuffle)
        shuffle_prefix (rand, options, n_options, n_options);
      break;

    case BEKAL_QUESTION_ORDER:
      /* Shown in the correct order, the question would answer itself */
      do
        shuffle_prefix (rand, options, n_options, n_options);
      while (n_options >= 2 && same_order (options, document, n_options));
      break;

    case BEKAL_QUESTION_MATCH:
      {
        g_autofree gpointer *right = g_new0 (gpointer, n_options + 1);

        if (shuffle)
          shuffle_prefix (rand, options, n_options, n_options);

        memcpy (right, document, n_options * sizeof (gpointer));
        do
          shuffle_prefix (rand, right, n_options, n_options);
        while (n_options >= 2 && same_order (right, options, n_options));

        if (out_match_order != NULL)
          *out_match_order = option_ids_from_array (right, n_options);
      }
      break;

    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_SCALE:
    default:
      break;
    }

  return option_ids_from_array (options, n_options);
}
