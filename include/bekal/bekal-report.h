/* bekal-report.h: the gap report, mastery per topic and CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bekal-store.h"

G_BEGIN_DECLS

/* Scores in a report are percentages 0..100. A value that does not exist (no learner in a
 * group, a gain with a pre-test mean of 100) is NAN: test it with isnan (). */

typedef struct
{
  double pre_mean;   /* percent, NAN when pre_n is 0 */
  guint  pre_n;
  double post_mean;  /* percent, NAN when post_n is 0 */
  guint  post_n;
  double gain;       /* normalised gain (post − pre) / (100 − pre) of the means, or NAN */
} BekalGapGroup;

typedef struct
{
  char          *module_id;
  char          *topic_id;  /* "" for the whole module */
  char          *month;     /* "YYYY-MM" (UTC) of the counted attempts; "" for all time */
  BekalGapGroup  untrained; /* profiles.trained_before = 0 */
  BekalGapGroup  trained;   /* profiles.trained_before = 1 */
  double         pre_gap;   /* trained − untrained pre-test mean, or NAN */
  double         post_gap;  /* trained − untrained post-test mean, or NAN */
} BekalGapRow;

typedef struct
{
  char   *topic_id;
  double  score;       /* 0..1 */
  guint   n_answers;
  gint64  attempt_id;  /* the attempt the score comes from */
  gint64  finished_at; /* unix seconds */
} BekalTopicMastery;

/* One question answered in two attempts, e.g. a pre-test and a post-test sharing a pool */
typedef struct
{
  char   *question_id;
  char   *topic_id;
  double  first_score;  /* 0..1, BEKAL_STORE_NO_SCORE when unscored or not asked */
  double  second_score; /* idem */
} BekalItemComparison;

void                bekal_gap_row_free             (BekalGapRow          *row);
void                bekal_item_comparison_free     (BekalItemComparison  *comparison);
void                bekal_topic_mastery_free       (BekalTopicMastery    *mastery);

/* The single SQL query behind bekal_report_gap (), without parameters, so that it can be run
 * as it is by the sqlite3 command on a copy of the store. Columns: module, topic, month, then
 * for untrained and trained in turn pre_mean, pre_n, post_mean, post_n, gain, then pre_gap
 * and post_gap. Which attempts count is documented in docs/scoring.md. */
const char         *bekal_report_gap_sql           (void);

/* BekalGapRow elements sorted by module, topic ("" first) and month ("" first). Read from the
 * running sums the store keeps up to date (fast whatever the number of answers). */
GPtrArray          *bekal_report_gap               (BekalStore           *store,
                                                    GError              **error);

/* The same report computed from every attempt and answer: the definition the running sums
 * must match, for checks and for stores copied without their triggers. Slow on large stores. */
const char         *bekal_report_gap_reference_sql (void);
GPtrArray          *bekal_report_gap_from_answers  (BekalStore           *store,
                                                    GError              **error);

/* The column names of the CSV export, NULL-terminated */
const char * const *bekal_report_gap_columns       (void);

/* The gap report as CSV (RFC 4180: CRLF line ends, fields quoted when needed, UTF-8) with a
 * header line; numbers use a full stop; missing values are empty fields */
char               *bekal_report_gap_to_csv        (GPtrArray            *rows);

/* Mastery per topic of one learner in one module: for every topic, the mean score of the
 * learner's answers on that topic in the most recent finished attempt (of any quiz of the
 * module) that has scored answers on it. BekalTopicMastery elements sorted by topic id. */
GPtrArray          *bekal_report_mastery           (BekalStore           *store,
                                                    gint64                profile_id,
                                                    const char           *module_id,
                                                    GError              **error);

/* The questions of two attempts side by side, by question id: the questions of
 * @first_attempt_id in the order they were answered, then those only in @second_attempt_id.
 * BekalItemComparison elements. */
GPtrArray          *bekal_report_compare_attempts  (BekalStore           *store,
                                                    gint64                first_attempt_id,
                                                    gint64                second_attempt_id,
                                                    GError              **error);

/* Appends one CSV record (RFC 4180) ending in CRLF; a NULL field is written empty */
void                bekal_csv_append_row           (GString              *csv,
                                                    const char * const   *fields,
                                                    guint                 n_fields);
/* A field quoted as RFC 4180 asks: in double quotes, with quotes doubled, when it holds a
 * comma, a quote, CR or LF (or starts or ends with a space); unchanged otherwise */
char               *bekal_csv_quote_field          (const char           *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalGapRow, bekal_gap_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalTopicMastery, bekal_topic_mastery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalItemComparison, bekal_item_comparison_free)

G_END_DECLS
