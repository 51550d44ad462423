/* bekal-item-analysis.c: facility, discrimination and reliability of the questions of a test
 *
 * The figures follow Moodle's quiz statistics (docs/results.md gives the formulas). They are
 * computed from the joint counts of (score on the question, score on the rest of the test)
 * that the store keeps up to date for every counted attempt (report_item_counts, schema
 * version 4), so the query reads a few hundred rows whatever the number of answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-report.h>

#include "bekal-store-private.h"

/* A variance or covariance below this is taken as none (scores are multiples of 1e-6) */
#define TINY 1e-12

/* From the counts c (module, quiz, question, x, rest, n) to one row per question with n and
 * the sums Σx, Σx², Σr, Σr², Σxr and the largest Σxr the same scores could give: both lists
 * sorted and paired rank by rank, which for counts means overlapping their cumulative ranges.
 * Question '' carries the test totals in x. */
#define SUMS_FROM_COUNTS \
  "xs AS (SELECT module_id, quiz_id, question_id, x AS v, sum (n) AS n FROM c\n" \
  "       GROUP BY module_id, quiz_id, question_id, x),\n" \
  "rs AS (SELECT module_id, quiz_id, question_id, rest AS v, sum (n) AS n FROM c\n" \
  "       GROUP BY module_id, quiz_id, question_id, rest),\n" \
  "xr AS (SELECT module_id, quiz_id, question_id, v, n,\n" \
  "              sum (n) OVER (PARTITION BY module_id, quiz_id, question_id ORDER BY v\n" \
  "                            ROWS UNBOUNDED PRECEDING) AS hi FROM xs),\n" \
  "rr AS (SELECT module_id, quiz_id, question_id, v, n,\n" \
  "              sum (n) OVER (PARTITION BY module_id, quiz_id, question_id ORDER BY v\n" \
  "                            ROWS UNBOUNDED PRECEDING) AS hi FROM rs),\n" \
  "paired AS (\n" \
  "  SELECT a.module_id, a.quiz_id, a.question_id,\n" \
  "         total (a.v * b.v * (min (a.hi, b.hi) - max (a.hi - a.n, b.hi - b.n))) AS sxr_max\n" \
  "  FROM xr a JOIN rr b ON b.module_id = a.module_id AND b.quiz_id = a.quiz_id\n" \
  "                     AND b.question_id = a.question_id\n" \
  "  WHERE min (a.hi, b.hi) > max (a.hi - a.n, b.hi - b.n)\n" \
  "  GROUP BY a.module_id, a.quiz_id, a.question_id\n" \
  "),\n" \
  "moments AS (\n" \
  "  SELECT module_id, quiz_id, question_id, sum (n) AS n, total (n * x) AS sx,\n" \
  "         total (n * x * x) AS sxx, total (n * rest) AS sr, total (n * rest * rest) AS srr,\n" \
  "         total (n * x * rest) AS sxr\n" \
  "  FROM c GROUP BY module_id, quiz_id, question_id\n" \
  ")\n" \
  "SELECT m.module_id, m.quiz_id, m.question_id, m.n, m.sx, m.sxx, m.sr, m.srr, m.sxr,\n" \
  "       coalesce (p.sxr_max, 0)\n" \
  "FROM moments m LEFT JOIN paired p ON p.module_id = m.module_id AND p.quiz_id = m.quiz_id\n" \
  "                                  AND p.question_id = m.question_id\n" \
  "ORDER BY m.module_id, m.quiz_id, m.question_id;\n"

static const char items_sql[] =
  "WITH c AS MATERIALIZED (\n"
  "  SELECT module_id, quiz_id, question_id, x, rest, n FROM report_item_counts\n"
  "  WHERE ?1 IS NULL OR module_id = ?1\n"
  "),\n"
  SUMS_FROM_COUNTS;

/* The counted attempts as the gap report counts them (docs/scoring.md, the view
 * counted_attempts): the first finished pre-test and the latest finished post-test of each
 * learner and module, with a score */
#define COUNTED_ATTEMPTS \
  "counted AS MATERIALIZED (\n" \
  "  SELECT id, module_id, quiz_id FROM counted_attempts\n" \
  "  WHERE score IS NOT NULL AND (?1 IS NULL OR module_id = ?1)\n" \
  "),\n"

static const char reference_sql[] =
  "WITH " COUNTED_ATTEMPTS
  "answers AS MATERIALIZED (\n"
  "  SELECT c.id, c.module_id, c.quiz_id, s.question_id, s.score,\n"
  "         sum (s.score) OVER (PARTITION BY c.id) AS total\n"
  "  FROM counted c JOIN quiz_answers s ON s.attempt_id = c.id\n"
  "  WHERE s.score IS NOT NULL\n"
  "),\n"
  "c AS (\n"
  "  SELECT module_id, quiz_id, question_id, round (score, 6) AS x,\n"
  "         round (total - score, 6) AS rest, count (*) AS n\n"
  "  FROM answers GROUP BY 1, 2, 3, 4, 5\n"
  "  UNION ALL\n"
  "  SELECT module_id, quiz_id, '', round (total, 6), 0, count (*)\n"
  "  FROM (SELECT DISTINCT id, module_id, quiz_id, total FROM answers)\n"
  "  GROUP BY 1, 2, 3, 4, 5\n"
  "),\n"
  SUMS_FROM_COUNTS;

static const char options_sql[] =
  "SELECT module_id, quiz_id, question_id, response, n FROM report_option_counts\n"
  "WHERE ?1 IS NULL OR module_id = ?1\n"
  "ORDER BY module_id, quiz_id, question_id, response;\n";

static const char options_reference_sql[] =
  "WITH " COUNTED_ATTEMPTS
  "answers AS (\n"
  "  SELECT c.module_id, c.quiz_id, s.question_id, s.response\n"
  "  FROM counted c JOIN quiz_answers s ON s.attempt_id = c.id\n"
  "  WHERE s.score IS NOT NULL\n"
  ")\n"
  "SELECT module_id, quiz_id, question_id, response, count (*) FROM answers\n"
  "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;\n";

static const char * const csv_columns[] = {
  "module", "quiz", "question", "n", "facility", "sd", "discrimination", "efficiency", "flags",
  "options", "test_attempts", "test_items", "test_mean", "test_sd", "test_alpha", "test_sem",
  NULL
};

static gboolean
set_analysis_error (sqlite3  *db,
                    GError  **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
               _("The item analysis could not be computed: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static int
compare_options (gconstpointer a,
                 gconstpointer b)
{
  const BekalItemOption *x = *(BekalItemOption * const *) a;
  const BekalItemOption *y = *(BekalItemOption * const *) b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;

  return strcmp (x->option_id, y->option_id);
}

/* Sample variance from n, Σv and Σv² */
static double
variance (double n,
          double sum,
          double sum_squares)
{
  double v;

  if (n < 2)
    return NAN;

  v = (sum_squares - sum * sum / n) / (n - 1);
  return v < TINY ? 0 : v;
}

static void
compute_item (BekalItemStats *item,
              sqlite3_stmt   *stmt,
              double         *out_variance)
{
  double n = sqlite3_column_int64 (stmt, 3);
  double sx = sqlite3_column_double (stmt, 4);
  double sxx = sqlite3_column_double (stmt, 5);
  double sr = sqlite3_column_double (stmt, 6);
  double srr = sqlite3_column_double (stmt, 7);
  double sxr = sqlite3_column_double (stmt, 8);
  double sxr_max = sqlite3_column_double (stmt, 9);
  double var_x = variance (n, sx, sxx);
  double var_r = variance (n, sr, srr);
  double cov = NAN, cov_max = NAN;

  item->n = (guint) n;
  item->facility = n > 0 ? sx / n : NAN;
  item->sd = sqrt (var_x);
  if (n >= 2)
    {
      cov = (sxr - sx * sr / n) / (n - 1);
      cov_max = (sxr_max - sx * sr / n) / (n - 1);
    }

  item->discrimination = NAN;
  if (var_x > TINY && var_r > TINY)
    item->discrimination = CLAMP (cov / sqrt (var_x * var_r), -1.0, 1.0);
  item->efficiency = NAN;
  if (cov_max > TINY)
    item->efficiency = CLAMP (cov / cov_max, -1.0, 1.0);

  item->flags = BEKAL_ITEM_FLAG_NONE;
  if (item->facility < BEKAL_ITEM_FACILITY_LOW)
    item->flags |= BEKAL_ITEM_FLAG_TOO_HARD;
  if (item->facility > BEKAL_ITEM_FACILITY_HIGH)
    item->flags |= BEKAL_ITEM_FLAG_TOO_EASY;
  if (!isnan (item->discrimination) && item->discrimination < BEKAL_ITEM_DISCRIMINATION_LOW)
    item->flags |= BEKAL_ITEM_FLAG_LOW_DISCRIMINATION;

  *out_variance = var_x;
}

/* Cronbach's alpha = k / (k − 1) × (1 − Σ var(item) / var(total)) and the standard error of
 * measurement sd(total) × √(1 − alpha) */
static void
finish_test (BekalTestStats *test,
             double          sum_item_variances)
{
  double k = test->items->len;
  double var_total = test->sd * test->sd;

  test->n_items = test->items->len;
  test->alpha = NAN;
  test->sem = NAN;
  if (k >= 2 && var_total > TINY && !isnan (sum_item_variances))
    {
      test->alpha = k / (k - 1) * (1 - sum_item_variances / var_total);
      test->sem = test->alpha < 1 ? test->sd * sqrt (1 - test->alpha) : 0;
    }
}

static gboolean
read_items (sqlite3     *db,
            const char  *sql,
            const char  *module_id,
            GPtrArray   *tests,
            GHashTable  *by_question,
            GError     **error)
{
  BekalTestStats *test = NULL;
  double sum_variances = 0;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_analysis_error (db, error);
  if (module_id != NULL)
    sqlite3_bind_text (stmt, 1, module_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *module = (const char *) sqlite3_column_text (stmt, 0);
      const char *quiz = (const char *) sqlite3_column_text (stmt, 1);
      const char *question = (const char *) sqlite3_column_text (stmt, 2);
      BekalItemStats *item;
      double item_variance;

      if (module == NULL || quiz == NULL || question == NULL)
        continue;

      /* '' sorts first: the test's totals open each test */
      if (*question == '\0')
        {
          double n = sqlite3_column_int64 (stmt, 3);
          double sx = sqlite3_column_double (stmt, 4);
          double sxx = sqlite3_column_double (stmt, 5);

          if (test != NULL)
            finish_test (test, sum_variances);
          test = g_new0 (BekalTestStats, 1);
          test->module_id = g_strdup (module);
          test->quiz_id = g_strdup (quiz);
          test->n_attempts = (guint) n;
          test->mean = n > 0 ? sx / n : NAN;
          test->sd = sqrt (variance (n, sx, sxx));
          test->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_item_stats_free);
          g_ptr_array_add (tests, test);
          sum_variances = 0;
          continue;
        }

      /* a question without its test's totals cannot happen with consistent counts */
      if (test == NULL || strcmp (test->module_id, module) != 0
          || strcmp (test->quiz_id, quiz) != 0)
        continue;

      item = g_new0 (BekalItemStats, 1);
      item->module_id = g_strdup (module);
      item->quiz_id = g_strdup (quiz);
      item->question_id = g_strdup (question);
      item->options = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_item_option_free);
      compute_item (item, stmt, &item_variance);
      sum_variances += item_variance;
      g_ptr_array_add (test->items, item);
      g_hash_table_insert (by_question,
                           g_strjoin ("\x1f", module, quiz, question, NULL), item);
    }

  if (test != NULL)
    finish_test (test, sum_variances);

  if (rc != SQLITE_DONE)
    {
      set_analysis_error (db, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static void
count_option (BekalItemStats *item,
              GHashTable     *seen,
              const char     *option_id,
              guint           n)
{
  BekalItemOption *option = g_hash_table_lookup (seen, option_id);

  if (option == NULL)
    {
      option = g_new0 (BekalItemOption, 1);
      option->option_id = g_strdup (option_id);
      g_ptr_array_add (item->options, option);
      g_hash_table_insert (seen, option->option_id, option);
    }
  option->n += n;
}

/* A response of several options ("a,c") counts once for each of them */
static gboolean
read_options (sqlite3     *db,
              const char  *sql,
              const char  *module_id,
              GHashTable  *by_question,
              GError     **error)
{
  g_autoptr(GHashTable) seen = NULL;
  BekalItemStats *current = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_analysis_error (db, error);
  if (module_id != NULL)
    sqlite3_bind_text (stmt, 1, module_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strjoin ("\x1f", (const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2), NULL);
      g_autofree char *response = column_text (stmt, 3);
      guint n = (guint) sqlite3_column_int64 (stmt, 4);
      BekalItemStats *item = g_hash_table_lookup (by_question, key);
      g_auto(GStrv) parts = NULL;

      if (item == NULL)
        continue;
      if (item != current)
        {
          g_clear_pointer (&seen, g_hash_table_unref);
          seen = g_hash_table_new (g_str_hash, g_str_equal);
          current = item;
        }

      parts = g_strsplit (response, ",", -1);
      if (parts[0] == NULL)
        count_option (item, seen, "", n);
      for (guint i = 0; parts[i] != NULL; i++)
        count_option (item, seen, parts[i], n);
    }

  if (rc != SQLITE_DONE)
    {
      set_analysis_error (db, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static GPtrArray *
run_analysis (BekalStore  *store,
              const char  *module_id,
              const char  *sql,
              const char  *option_sql,
              GError     **error)
{
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GHashTable) by_question = NULL;
  sqlite3 *db = bekal_store_get_connection (store);

  tests = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_test_stats_free);
  by_question = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!read_items (db, sql, module_id, tests, by_question, error)
      || !read_options (db, option_sql, module_id, by_question, error))
    return NULL;

  for (guint t = 0; t < tests->len; t++)
    {
      BekalTestStats *test = g_ptr_array_index (tests, t);

      for (guint i = 0; i < test->items->len; i++)
        {
          BekalItemStats *item = g_ptr_array_index (test->items, i);

          for (guint o = 0; o < item->options->len; o++)
            {
              BekalItemOption *option = g_ptr_array_index (item->options, o);

              option->fraction = item->n > 0 ? (double) option->n / item->n : NAN;
            }
          g_ptr_array_sort (item->options, compare_options);
        }
    }

  return g_steal_pointer (&tests);
}

static void
append_number (GPtrArray *fields,
               double     value,
               int        decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value))
    {
      g_ptr_array_add (fields, g_strdup (""));
      return;
    }

  /* a rounding error below the last decimal must not print as "-0.000" */
  value = round (value * pow (10, decimals)) / pow (10, decimals) + 0.0;
  if (value == 0)
    value = 0;
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ptr_array_add (fields, g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value)));
}

static char *
flags_to_text (BekalItemFlag flags)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (flags & BEKAL_ITEM_FLAG_TOO_HARD)
    g_ptr_array_add (names, (gpointer) "too-hard");
  if (flags & BEKAL_ITEM_FLAG_TOO_EASY)
    g_ptr_array_add (names, (gpointer) "too-easy");
  if (flags & BEKAL_ITEM_FLAG_LOW_DISCRIMINATION)
    g_ptr_array_add (names, (gpointer) "low-discrimination");
  g_ptr_array_add (names, NULL);

  return g_strjoinv (";", (char **) names->pdata);
}

void
bekal_item_option_free (BekalItemOption *option)
{
  if (option == NULL)
    return;

  g_free (option->option_id);
  g_free (option);
}

void
bekal_item_stats_free (BekalItemStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->module_id);
  g_free (stats->quiz_id);
  g_free (stats->question_id);
  g_clear_pointer (&stats->options, g_ptr_array_unref);
  g_free (stats);
}

void
bekal_test_stats_free (BekalTestStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->module_id);
  g_free (stats->quiz_id);
  g_clear_pointer (&stats->items, g_ptr_array_unref);
  g_free (stats);
}

const char *
bekal_item_analysis_sql (void)
{
  return items_sql;
}

const char *
bekal_item_analysis_options_sql (void)
{
  return options_sql;
}

const char *
bekal_item_analysis_reference_sql (void)
{
  return reference_sql;
}

GPtrArray *
bekal_item_analysis_run (BekalStore  *store,
                         const char  *module_id,
                         GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);

  return run_analysis (store, module_id, items_sql, options_sql, error);
}

GPtrArray *
bekal_item_analysis_run_from_answers (BekalStore  *store,
                                      const char  *module_id,
                                      GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);

  return run_analysis (store, module_id, reference_sql, options_reference_sql, error);
}

const char *
bekal_item_flag_hint (BekalItemFlag flag)
{
  switch (flag)
    {
    case BEKAL_ITEM_FLAG_TOO_HARD:
      return _("Very few learners answer this question correctly. Check that the answer key is "
               "right, that the question is clear, and that the lessons teach what it asks.");
    case BEKAL_ITEM_FLAG_TOO_EASY:
      return _("Almost every learner answers this question correctly, so it says little about "
               "who has learnt the topic. Consider more convincing wrong options, or a question "
               "about applying the idea to a case.");
    case BEKAL_ITEM_FLAG_LOW_DISCRIMINATION:
      return _("Learners who do well on the rest of the test do not do better on this "
               "question. It may be ambiguous, have a second defensible answer, or ask about "
               "something the test does not cover; review its wording and its answer key.");
    case BEKAL_ITEM_FLAG_NONE:
    default:
      return "";
    }
}

char *
bekal_item_analysis_to_csv (GPtrArray *tests)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (tests != NULL, g_string_free (csv, FALSE));

  bekal_csv_append_row (csv, csv_columns, G_N_ELEMENTS (csv_columns) - 1);

  for (guint t = 0; t < tests->len; t++)
    {
      const BekalTestStats *test = g_ptr_array_index (tests, t);

      for (guint i = 0; i < test->items->len; i++)
        {
          const BekalItemStats *item = g_ptr_array_index (test->items, i);
          g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
          GString *options = g_string_new (NULL);

          g_ptr_array_add (fields, g_strdup (item->module_id));
          g_ptr_array_add (fields, g_strdup (item->quiz_id));
          g_ptr_array_add (fields, g_strdup (item->question_id));
          g_ptr_array_add (fields, g_strdup_printf ("%u", item->n));
          append_number (fields, item->facility, 3);
          append_number (fields, item->sd, 3);
          append_number (fields, item->discrimination, 3);
          append_number (fields, item->efficiency, 3);
          g_ptr_array_add (fields, flags_to_text (item->flags));
          for (guint o = 0; o < item->options->len; o++)
            {
              const BekalItemOption *option = g_ptr_array_index (item->options, o);

              g_string_append_printf (options, "%s%s=%u", o > 0 ? ";" : "", option->option_id,
                                      option->n);
            }
          g_ptr_array_add (fields, g_string_free (options, FALSE));
          g_ptr_array_add (fields, g_strdup_printf ("%u", test->n_attempts));
          g_ptr_array_add (fields, g_strdup_printf ("%u", test->n_items));
          append_number (fields, test->mean, 3);
          append_number (fields, test->sd, 3);
          append_number (fields, test->alpha, 3);
          append_number (fields, test->sem, 3);

          bekal_csv_append_row (csv, (const char * const *) fields->pdata, fields->len);
        }
    }

  return g_string_free (csv, FALSE);
}
