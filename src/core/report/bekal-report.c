/* bekal-report.c: the gap report, mastery per topic and CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-report.h>

#include "bekal-store-private.h"

/* The gap report from the running sums that schema version 3 keeps (report_gap_sums, see the
 * migrations in bekal-store-schema.c): the same figures as gap_reference_sql, read from a few
 * hundred rows instead of every answer */
static const char gap_sql[] =
  "WITH sums AS (\n"
  "  SELECT module_id, topic_id, month, role, trained_before, score_sum, n\n"
  "  FROM report_gap_sums\n"
  "  UNION ALL\n"
  "  SELECT module_id, topic_id, '', role, trained_before, sum (score_sum), sum (n)\n"
  "  FROM report_gap_sums\n"
  "  GROUP BY module_id, topic_id, role, trained_before\n"
  "),\n"
  "groups AS (\n"
  "  SELECT module_id, topic_id, month,\n"
  "    100.0 * sum (CASE WHEN trained_before = 0 AND role = 'pretest' THEN score_sum END)\n"
  "      / sum (CASE WHEN trained_before = 0 AND role = 'pretest' THEN n END) AS u_pre,\n"
  "    total (CASE WHEN trained_before = 0 AND role = 'pretest' THEN n END) AS u_pre_n,\n"
  "    100.0 * sum (CASE WHEN trained_before = 0 AND role = 'posttest' THEN score_sum END)\n"
  "      / sum (CASE WHEN trained_before = 0 AND role = 'posttest' THEN n END) AS u_post,\n"
  "    total (CASE WHEN trained_before = 0 AND role = 'posttest' THEN n END) AS u_post_n,\n"
  "    100.0 * sum (CASE WHEN trained_before = 1 AND role = 'pretest' THEN score_sum END)\n"
  "      / sum (CASE WHEN trained_before = 1 AND role = 'pretest' THEN n END) AS t_pre,\n"
  "    total (CASE WHEN trained_before = 1 AND role = 'pretest' THEN n END) AS t_pre_n,\n"
  "    100.0 * sum (CASE WHEN trained_before = 1 AND role = 'posttest' THEN score_sum END)\n"
  "      / sum (CASE WHEN trained_before = 1 AND role = 'posttest' THEN n END) AS t_post,\n"
  "    total (CASE WHEN trained_before = 1 AND role = 'posttest' THEN n END) AS t_post_n\n"
  "  FROM sums\n"
  "  GROUP BY module_id, topic_id, month\n"
  ")\n"
  "SELECT module_id, topic_id, month,\n"
  "  u_pre, CAST (u_pre_n AS INTEGER), u_post, CAST (u_post_n AS INTEGER),\n"
  "  CASE WHEN 100 - u_pre > 1e-9 THEN (u_post - u_pre) / (100 - u_pre) END AS u_gain,\n"
  "  t_pre, CAST (t_pre_n AS INTEGER), t_post, CAST (t_post_n AS INTEGER),\n"
  "  CASE WHEN 100 - t_pre > 1e-9 THEN (t_post - t_pre) / (100 - t_pre) END AS t_gain,\n"
  "  t_pre - u_pre AS pre_gap, t_post - u_post AS post_gap\n"
  "FROM groups\n"
  "ORDER BY module_id, topic_id, month;\n";

/* The definition of the gap report, computed from every attempt and answer. Which attempts
 * count (docs/scoring.md: per learner and module, the first finished pre-test and the latest
 * finished post-test) is the view counted_attempts of the store. A module row uses the attempt
 * score (unanswered questions count 0); a topic row uses the mean of the attempt's scored
 * answers on that topic. Every counted attempt appears once in the all-time rows ('' month) and
 * once in the row of the month (UTC) it was finished. The groups are profiles.trained_before 0
 * and 1. */
static const char gap_reference_sql[] =
  "WITH counted AS MATERIALIZED (\n"
  "  SELECT c.id, c.module_id, c.role, c.score, p.trained_before,\n"
  "         strftime ('%Y-%m', c.finished_at, 'unixepoch') AS month\n"
  "  FROM counted_attempts c JOIN profiles p ON p.id = c.profile_id\n"
  "),\n"
  "scores AS MATERIALIZED (\n"
  "  SELECT module_id, '' AS topic_id, month, role, trained_before, score * 100 AS score\n"
  "  FROM counted WHERE score IS NOT NULL\n"
  "  UNION ALL\n"
  "  SELECT c.module_id, s.topic_id, c.month, c.role, c.trained_before, avg (s.score) * 100\n"
  "  FROM counted c JOIN quiz_answers s ON s.attempt_id = c.id\n"
  "  WHERE s.score IS NOT NULL\n"
  "  GROUP BY c.id, s.topic_id\n"
  "),\n"
  "groups AS (\n"
  "  SELECT module_id, topic_id, month,\n"
  "    avg (CASE WHEN trained_before = 0 AND role = 'pretest' THEN score END) AS u_pre,\n"
  "    count (CASE WHEN trained_before = 0 AND role = 'pretest' THEN 1 END) AS u_pre_n,\n"
  "    avg (CASE WHEN trained_before = 0 AND role = 'posttest' THEN score END) AS u_post,\n"
  "    count (CASE WHEN trained_before = 0 AND role = 'posttest' THEN 1 END) AS u_post_n,\n"
  "    avg (CASE WHEN trained_before = 1 AND role = 'pretest' THEN score END) AS t_pre,\n"
  "    count (CASE WHEN trained_before = 1 AND role = 'pretest' THEN 1 END) AS t_pre_n,\n"
  "    avg (CASE WHEN trained_before = 1 AND role = 'posttest' THEN score END) AS t_post,\n"
  "    count (CASE WHEN trained_before = 1 AND role = 'posttest' THEN 1 END) AS t_post_n\n"
  "  FROM (SELECT module_id, topic_id, '' AS month, role, trained_before, score FROM scores\n"
  "        UNION ALL\n"
  "        SELECT module_id, topic_id, month, role, trained_before, score FROM scores)\n"
  "  GROUP BY module_id, topic_id, month\n"
  ")\n"
  "SELECT module_id, topic_id, month,\n"
  "  u_pre, u_pre_n, u_post, u_post_n,\n"
  "  CASE WHEN 100 - u_pre > 1e-9 THEN (u_post - u_pre) / (100 - u_pre) END AS u_gain,\n"
  "  t_pre, t_pre_n, t_post, t_post_n,\n"
  "  CASE WHEN 100 - t_pre > 1e-9 THEN (t_post - t_pre) / (100 - t_pre) END AS t_gain,\n"
  "  t_pre - u_pre AS pre_gap, t_post - u_post AS post_gap\n"
  "FROM groups\n"
  "ORDER BY module_id, topic_id, month;\n";

static const char * const gap_columns[] = {
  "module", "topic", "month",
  "untrained_pre_mean", "untrained_pre_n", "untrained_post_mean", "untrained_post_n",
  "untrained_gain",
  "trained_pre_mean", "trained_pre_n", "trained_post_mean", "trained_post_n",
  "trained_gain",
  "pre_gap", "post_gap",
  NULL
};

static const char mastery_sql[] =
  "WITH topic_attempts AS (\n"
  "  SELECT s.topic_id, a.id AS attempt_id, a.finished_at,\n"
  "         avg (s.score) AS score, count (*) AS n\n"
  "  FROM quiz_attempts a JOIN quiz_answers s ON s.attempt_id = a.id\n"
  "  WHERE a.profile_id = ?1 AND a.module_id = ?2 AND a.finished_at IS NOT NULL\n"
  "    AND s.score IS NOT NULL\n"
  "  GROUP BY a.id, s.topic_id\n"
  "),\n"
  "ranked AS (\n"
  "  SELECT *, row_number () OVER (PARTITION BY topic_id\n"
  "                                ORDER BY finished_at DESC, attempt_id DESC) AS rank\n"
  "  FROM topic_attempts\n"
  ")\n"
  "SELECT topic_id, score, n, attempt_id, finished_at FROM ranked WHERE rank = 1\n"
  "ORDER BY topic_id";

static const char compare_sql[] =
  "SELECT coalesce (a.question_id, b.question_id), coalesce (a.topic_id, b.topic_id),\n"
  "       a.score, b.score, a.answered IS NULL\n"
  "FROM (SELECT id, question_id, topic_id, score, 1 AS answered FROM quiz_answers\n"
  "      WHERE attempt_id = ?1) AS a\n"
  "FULL OUTER JOIN (SELECT id, question_id, topic_id, score FROM quiz_answers\n"
  "                 WHERE attempt_id = ?2) AS b\n"
  "  ON a.question_id = b.question_id\n"
  "ORDER BY a.answered IS NULL, a.id, b.id";

static double
column_value (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;

  return sqlite3_column_double (stmt, column);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static void
read_group (sqlite3_stmt  *stmt,
            int            first_column,
            BekalGapGroup *group)
{
  group->pre_mean = column_value (stmt, first_column);
  group->pre_n = (guint) sqlite3_column_int64 (stmt, first_column + 1);
  group->post_mean = column_value (stmt, first_column + 2);
  group->post_n = (guint) sqlite3_column_int64 (stmt, first_column + 3);
  group->gain = column_value (stmt, first_column + 4);
}

static gboolean
set_report_error (sqlite3  *db,
                  GError  **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
               _("The report could not be computed: %s"), sqlite3_errmsg (db));
  return FALSE;
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

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ptr_array_add (fields, g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value)));
}

static void
append_group (GPtrArray           *fields,
              const BekalGapGroup *group)
{
  append_number (fields, group->pre_mean, 2);
  g_ptr_array_add (fields, g_strdup_printf ("%u", group->pre_n));
  append_number (fields, group->post_mean, 2);
  g_ptr_array_add (fields, g_strdup_printf ("%u", group->post_n));
  append_number (fields, group->gain, 3);
}

void
bekal_gap_row_free (BekalGapRow *row)
{
  if (row == NULL)
    return;

  g_free (row->module_id);
  g_free (row->topic_id);
  g_free (row->month);
  g_free (row);
}

void
bekal_topic_mastery_free (BekalTopicMastery *mastery)
{
  if (mastery == NULL)
    return;

  g_free (mastery->topic_id);
  g_free (mastery);
}

void
bekal_item_comparison_free (BekalItemComparison *comparison)
{
  if (comparison == NULL)
    return;

  g_free (comparison->question_id);
  g_free (comparison->topic_id);
  g_free (comparison);
}

const char *
bekal_report_gap_sql (void)
{
  return gap_sql;
}

const char * const *
bekal_report_gap_columns (void)
{
  return gap_columns;
}

static GPtrArray *
run_gap_query (BekalStore  *store,
               const char  *sql,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  db = bekal_store_get_connection (store);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_report_error (db, error);
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_gap_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BekalGapRow *row = g_new0 (BekalGapRow, 1);

      row->module_id = column_text (stmt, 0);
      row->topic_id = column_text (stmt, 1);
      row->month = column_text (stmt, 2);
      read_group (stmt, 3, &row->untrained);
      read_group (stmt, 8, &row->trained);
      row->pre_gap = column_value (stmt, 13);
      row->post_gap = column_value (stmt, 14);
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      set_report_error (db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&rows);
}

GPtrArray *
bekal_report_gap (BekalStore  *store,
                  GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);

  return run_gap_query (store, gap_sql, error);
}

const char *
bekal_report_gap_reference_sql (void)
{
  return gap_reference_sql;
}

GPtrArray *
bekal_report_gap_from_answers (BekalStore  *store,
                               GError     **error)
{
  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);

  return run_gap_query (store, gap_reference_sql, error);
}

char *
bekal_csv_quote_field (const char *field)
{
  GString *quoted;
  gsize len;

  if (field == NULL)
    return g_strdup ("");

  len = strlen (field);
  /* Leading or trailing spaces are quoted too, so that no spreadsheet trims them */
  if (strpbrk (field, ",\"\r\n") == NULL
      && !(len > 0 && (field[0] == ' ' || field[len - 1] == ' ')))
    return g_strdup (field);

  quoted = g_string_sized_new (len + 2);
  g_string_append_c (quoted, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

void
bekal_csv_append_row (GString            *csv,
                      const char * const *fields,
                      guint               n_fields)
{
  g_return_if_fail (csv != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *quoted = bekal_csv_quote_field (fields[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, quoted);
    }
  g_string_append (csv, "\r\n");
}

char *
bekal_report_gap_to_csv (GPtrArray *rows)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL, g_string_free (csv, FALSE));

  bekal_csv_append_row (csv, gap_columns, G_N_ELEMENTS (gap_columns) - 1);

  for (guint i = 0; i < rows->len; i++)
    {
      const BekalGapRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (fields, g_strdup (row->module_id));
      g_ptr_array_add (fields, g_strdup (row->topic_id));
      g_ptr_array_add (fields, g_strdup (row->month));
      append_group (fields, &row->untrained);
      append_group (fields, &row->trained);
      append_number (fields, row->pre_gap, 2);
      append_number (fields, row->post_gap, 2);

      bekal_csv_append_row (csv, (const char * const *) fields->pdata, fields->len);
    }

  return g_string_free (csv, FALSE);
}

GPtrArray *
bekal_report_mastery (BekalStore  *store,
                      gint64       profile_id,
                      const char  *module_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  db = bekal_store_get_connection (store);
  if (sqlite3_prepare_v2 (db, mastery_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_report_error (db, error);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, profile_id);
  sqlite3_bind_text (stmt, 2, module_id, -1, SQLITE_TRANSIENT);

  topics = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_topic_mastery_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BekalTopicMastery *mastery = g_new0 (BekalTopicMastery, 1);

      mastery->topic_id = column_text (stmt, 0);
      mastery->score = sqlite3_column_double (stmt, 1);
      mastery->n_answers = (guint) sqlite3_column_int64 (stmt, 2);
      mastery->attempt_id = sqlite3_column_int64 (stmt, 3);
      mastery->finished_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (topics, mastery);
    }

  if (rc != SQLITE_DONE)
    {
      set_report_error (db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&topics);
}

GPtrArray *
bekal_report_compare_attempts (BekalStore  *store,
                               gint64       first_attempt_id,
                               gint64       second_attempt_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);

  db = bekal_store_get_connection (store);
  if (sqlite3_prepare_v2 (db, compare_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_report_error (db, error);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, first_attempt_id);
  sqlite3_bind_int64 (stmt, 2, second_attempt_id);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_item_comparison_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BekalItemComparison *item = g_new0 (BekalItemComparison, 1);
      double first = column_value (stmt, 2);
      double second = column_value (stmt, 3);

      item->question_id = column_text (stmt, 0);
      item->topic_id = column_text (stmt, 1);
      item->first_score = isnan (first) ? BEKAL_STORE_NO_SCORE : first;
      item->second_score = isnan (second) ? BEKAL_STORE_NO_SCORE : second;
      g_ptr_array_add (items, item);
    }

  if (rc != SQLITE_DONE)
    {
      set_report_error (db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&items);
}
