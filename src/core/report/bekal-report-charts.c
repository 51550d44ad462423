/* bekal-report-charts.c: what the charts and the certificate need beyond the gap report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include <bekal/bekal-report.h>

#include "bekal-store-private.h"

/* Each learner's counted pre-test and post-test of a module (docs/scoring.md, the view
 * counted_attempts), sorted by the change so that a chart reads from the largest loss to the
 * largest gain; learners with only one of the two come last */
static const char change_sql[] =
  "SELECT p.id, p.name, p.trained_before,\n"
  "       100.0 * pre.score, 100.0 * post.score\n"
  "FROM profiles p\n"
  "LEFT JOIN counted_attempts pre\n"
  "  ON pre.profile_id = p.id AND pre.module_id = ?1 AND pre.role = 'pretest'\n"
  "LEFT JOIN counted_attempts post\n"
  "  ON post.profile_id = p.id AND post.module_id = ?1 AND post.role = 'posttest'\n"
  "WHERE pre.score IS NOT NULL OR post.score IS NOT NULL\n"
  "ORDER BY pre.score IS NULL OR post.score IS NULL, post.score - pre.score, p.name, p.id";

/* Per calendar month (UTC) of the counted attempts of a module, both groups together */
static const char trend_sql[] =
  "SELECT strftime ('%Y-%m', finished_at, 'unixepoch') AS month,\n"
  "       100.0 * avg (CASE WHEN role = 'pretest' THEN score END),\n"
  "       count (CASE WHEN role = 'pretest' THEN 1 END),\n"
  "       100.0 * avg (CASE WHEN role = 'posttest' THEN score END),\n"
  "       count (CASE WHEN role = 'posttest' THEN 1 END)\n"
  "FROM counted_attempts\n"
  "WHERE module_id = ?1 AND score IS NOT NULL\n"
  "GROUP BY month ORDER BY month";

static const char certificate_sql[] =
  "SELECT p.name, p.unit, c.score, c.finished_at, a.passed\n"
  "FROM counted_attempts c\n"
  "JOIN profiles p ON p.id = c.profile_id\n"
  "JOIN quiz_attempts a ON a.id = c.id\n"
  "WHERE c.profile_id = ?1 AND c.module_id = ?2 AND c.role = 'posttest'";

static double
column_percent (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;

  return sqlite3_column_double (stmt, column);
}

static sqlite3_stmt *
prepare (BekalStore  *store,
         const char  *sql,
         GError     **error)
{
  sqlite3 *db = bekal_store_get_connection (store);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("The report could not be computed: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

static gboolean
finish (BekalStore    *store,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3 *db = bekal_store_get_connection (store);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("The report could not be computed: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

void
bekal_learner_change_free (BekalLearnerChange *change)
{
  if (change == NULL)
    return;

  g_free (change->name);
  g_free (change);
}

void
bekal_month_trend_free (BekalMonthTrend *trend)
{
  if (trend == NULL)
    return;

  g_free (trend->month);
  g_free (trend);
}

void
bekal_certificate_info_free (BekalCertificateInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->unit);
  g_free (info);
}

GPtrArray *
bekal_report_learner_changes (BekalStore  *store,
                              const char  *module_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  if ((stmt = prepare (store, change_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, module_id, -1, SQLITE_TRANSIENT);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_learner_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BekalLearnerChange *change = g_new0 (BekalLearnerChange, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      change->profile_id = sqlite3_column_int64 (stmt, 0);
      change->name = g_strdup (name != NULL ? name : "");
      change->trained_before = sqlite3_column_int (stmt, 2) != 0;
      change->pre = column_percent (stmt, 3);
      change->post = column_percent (stmt, 4);
      g_ptr_array_add (changes, change);
    }

  if (!finish (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&changes);
}

GPtrArray *
bekal_report_trend (BekalStore  *store,
                    const char  *module_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) months = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  if ((stmt = prepare (store, trend_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, module_id, -1, SQLITE_TRANSIENT);

  months = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_month_trend_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BekalMonthTrend *trend = g_new0 (BekalMonthTrend, 1);

      trend->month = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      trend->pre_mean = column_percent (stmt, 1);
      trend->pre_n = (guint) sqlite3_column_int64 (stmt, 2);
      trend->post_mean = column_percent (stmt, 3);
      trend->post_n = (guint) sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (months, trend);
    }

  if (!finish (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&months);
}

BekalCertificateInfo *
bekal_report_certificate_info (BekalStore  *store,
                               gint64       profile_id,
                               const char  *module_id,
                               GError     **error)
{
  g_autoptr(BekalCertificateInfo) info = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (module_id != NULL, NULL);

  if ((stmt = prepare (store, certificate_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, profile_id);
  sqlite3_bind_text (stmt, 2, module_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (!finish (store, stmt, rc, error))
        return NULL;
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                   _("Learner %lld has not finished the post-test of module “%s”: "
                     "no certificate can be made."),
                   (long long) profile_id, module_id);
      return NULL;
    }

  if (sqlite3_column_int (stmt, 4) != 1)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND,
                   _("Learner %lld has not passed the post-test of module “%s” (the post-test "
                     "that counts is the latest one): no certificate can be made."),
                   (long long) profile_id, module_id);
      return NULL;
    }

  info = g_new0 (BekalCertificateInfo, 1);
  info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  info->score = column_percent (stmt, 2) * 100.0;
  info->finished_at = sqlite3_column_int64 (stmt, 3);
  sqlite3_finalize (stmt);

  return g_steal_pointer (&info);
}
