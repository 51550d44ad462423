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

/**
 * BekalGapGroup:
 * @pre_mean: the pre-test mean in percent, NAN when @pre_n is 0
 * @pre_n: the number of learners with a counted pre-test
 * @post_mean: the post-test mean in percent, NAN when @post_n is 0
 * @post_n: the number of learners with a counted post-test
 * @gain: the normalised gain of the means, (post − pre) / (100 − pre), or NAN
 *
 * The scores of one group of learners in a row of the gap report.
 */
typedef struct
{
  double pre_mean;   /* percent, NAN when pre_n is 0 */
  guint  pre_n;
  double post_mean;  /* percent, NAN when post_n is 0 */
  guint  post_n;
  double gain;       /* normalised gain (post − pre) / (100 − pre) of the means, or NAN */
} BekalGapGroup;

/**
 * BekalGapRow:
 * @module_id: the module
 * @topic_id: the topic; `""` for the whole module
 * @month: `YYYY-MM` (UTC) of the counted attempts; `""` for all time
 * @untrained: the learners whose profile says they were not trained before
 * @trained: the learners whose profile says they were trained before
 * @pre_gap: trained − untrained pre-test mean, or NAN
 * @post_gap: trained − untrained post-test mean, or NAN
 *
 * One row of the gap report: how learners trained before and those who were not compare, for
 * a module, a topic and a month. Scores are percentages from 0 to 100; a value that does not
 * exist is NAN (test it with isnan()).
 */
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

/**
 * BekalTopicMastery:
 * @topic_id: the topic
 * @score: the mean score from 0 to 1
 * @n_answers: the number of scored answers it is the mean of
 * @attempt_id: the attempt the score comes from
 * @finished_at: when that attempt was finished, in Unix seconds
 *
 * A learner's mastery of one topic; see bekal_report_mastery().
 */
typedef struct
{
  char   *topic_id;
  double  score;       /* 0..1 */
  guint   n_answers;
  gint64  attempt_id;  /* the attempt the score comes from */
  gint64  finished_at; /* unix seconds */
} BekalTopicMastery;

/**
 * BekalItemComparison:
 * @question_id: the question
 * @topic_id: its topic; `""` when it has none
 * @first_score: from 0 to 1 in the first attempt, %BEKAL_STORE_NO_SCORE when unscored or not
 *   asked
 * @second_score: the same in the second attempt
 *
 * One question answered in two attempts, such as a pre-test and a post-test sharing a pool;
 * see bekal_report_compare_attempts().
 */
typedef struct
{
  char   *question_id;
  char   *topic_id;
  double  first_score;  /* 0..1, BEKAL_STORE_NO_SCORE when unscored or not asked */
  double  second_score; /* idem */
} BekalItemComparison;

/**
 * bekal_gap_row_free:
 * @row: (nullable) (transfer full): a row
 *
 * Frees a row of the gap report.
 */
void                bekal_gap_row_free             (BekalGapRow          *row);

/**
 * bekal_item_comparison_free:
 * @comparison: (nullable) (transfer full): a comparison
 *
 * Frees a comparison.
 */
void                bekal_item_comparison_free     (BekalItemComparison  *comparison);

/**
 * bekal_topic_mastery_free:
 * @mastery: (nullable) (transfer full): a topic's mastery
 *
 * Frees a topic's mastery.
 */
void                bekal_topic_mastery_free       (BekalTopicMastery    *mastery);

/**
 * bekal_report_gap_sql:
 *
 * The single SQL query behind bekal_report_gap(), without parameters, so that it can be run as
 * it is by the `sqlite3` command on a copy of the store. Columns: module, topic, month, then for
 * untrained and trained in turn pre_mean, pre_n, post_mean, post_n, gain, then pre_gap and
 * post_gap. Which attempts count is documented in `docs/scoring.md`.
 *
 * Returns: (transfer none): the query, a static string
 */
const char         *bekal_report_gap_sql           (void);

/**
 * bekal_report_gap:
 * @store: a store
 * @error: return location for a #GError
 *
 * The gap report, read from the running sums the store keeps up to date (fast whatever the
 * number of answers). Reads the database: it may wait while another process holds a write
 * lock, up to the busy timeout, so the app does not call it in the main thread.
 *
 * Returns: (transfer full) (element-type BekalGapRow): the rows sorted by module, topic (`""`
 *   first) and month (`""` first); %NULL with a %BEKAL_STORE_ERROR on a database failure
 */
GPtrArray          *bekal_report_gap               (BekalStore           *store,
                                                    GError              **error);

/**
 * bekal_report_gap_reference_sql:
 *
 * The same report as bekal_report_gap_sql() computed from every attempt and answer: the
 * definition the running sums must match, for checks and for stores copied without their
 * triggers. Slow on large stores.
 *
 * Returns: (transfer none): the query, a static string
 */
const char         *bekal_report_gap_reference_sql (void);

/**
 * bekal_report_gap_from_answers:
 * @store: a store
 * @error: return location for a #GError
 *
 * The gap report computed with bekal_report_gap_reference_sql(); slow on large stores.
 *
 * Returns: (transfer full) (element-type BekalGapRow): the rows, sorted as by
 *   bekal_report_gap(); %NULL with a %BEKAL_STORE_ERROR on a database failure
 */
GPtrArray          *bekal_report_gap_from_answers  (BekalStore           *store,
                                                    GError              **error);

/**
 * bekal_report_gap_columns:
 *
 * Returns: (transfer none) (array zero-terminated=1): the column names of the CSV export
 */
const char * const *bekal_report_gap_columns       (void);

/**
 * bekal_report_gap_to_csv:
 * @rows: (element-type BekalGapRow): rows of the gap report
 *
 * The gap report as CSV (RFC 4180: CRLF line ends, fields quoted when needed, UTF-8) with a
 * header line (bekal_report_gap_columns()); numbers use a full stop; missing values are empty
 * fields.
 *
 * Returns: (transfer full): the CSV text
 */
char               *bekal_report_gap_to_csv        (GPtrArray            *rows);

/**
 * bekal_report_mastery:
 * @store: a store
 * @profile_id: a learner's profile
 * @module_id: a module
 * @error: return location for a #GError
 *
 * Mastery per topic of one learner in one module: for every topic, the mean score of the
 * learner's answers on that topic in the most recent finished attempt (of any quiz of the
 * module) that has scored answers on it. Reads the database.
 *
 * Returns: (transfer full) (element-type BekalTopicMastery): the topics sorted by id, possibly
 *   none; %NULL with a %BEKAL_STORE_ERROR on a database failure
 */
GPtrArray          *bekal_report_mastery           (BekalStore           *store,
                                                    gint64                profile_id,
                                                    const char           *module_id,
                                                    GError              **error);

/**
 * bekal_report_compare_attempts:
 * @store: a store
 * @first_attempt_id: an attempt, such as a pre-test
 * @second_attempt_id: another, such as a post-test
 * @error: return location for a #GError
 *
 * The questions of two attempts side by side, by question id: the questions of
 * @first_attempt_id in the order they were answered, then those only in @second_attempt_id.
 * Reads the database.
 *
 * Returns: (transfer full) (element-type BekalItemComparison): the questions; %NULL with a
 *   %BEKAL_STORE_ERROR on a database failure
 */
GPtrArray          *bekal_report_compare_attempts  (BekalStore           *store,
                                                    gint64                first_attempt_id,
                                                    gint64                second_attempt_id,
                                                    GError              **error);

/**
 * bekal_csv_append_row:
 * @csv: the CSV text to append to
 * @fields: (array length=n_fields): the fields; a %NULL field is written empty
 * @n_fields: the number of fields
 *
 * Appends one CSV record (RFC 4180), each field quoted as bekal_csv_quote_field() does,
 * ending in CRLF.
 */
void                bekal_csv_append_row           (GString              *csv,
                                                    const char * const   *fields,
                                                    guint                 n_fields);

/**
 * bekal_csv_quote_field:
 * @field: (nullable): a field; %NULL is written empty
 *
 * A field quoted as RFC 4180 asks: in double quotes, with quotes doubled, when it holds a comma,
 * a quote, CR or LF (or starts or ends with a space, so no spreadsheet trims it); unchanged
 * otherwise.
 *
 * Returns: (transfer full): the field as written in CSV
 */
char               *bekal_csv_quote_field          (const char           *field);


/**
 * BekalLearnerChange:
 * @profile_id: the learner
 * @name: the learner's name
 * @trained_before: profiles.trained_before
 * @pre: the counted pre-test score in percent, NAN when there is none
 * @post: the counted post-test score in percent, NAN when there is none
 *
 * One learner's counted pre-test → post-test change in a module (a dumbbell chart).
 */
typedef struct
{
  gint64    profile_id;
  char     *name;
  gboolean  trained_before;
  double    pre;
  double    post;
} BekalLearnerChange;

/**
 * BekalMonthTrend:
 * @month: "YYYY-MM" (UTC) in which the counted attempts were finished
 * @pre_mean: mean counted pre-test score in percent, NAN when @pre_n is 0
 * @pre_n: number of counted pre-tests
 * @post_mean: mean counted post-test score in percent, NAN when @post_n is 0
 * @post_n: number of counted post-tests
 *
 * The counted attempts of one module in one calendar month, both groups together.
 */
typedef struct
{
  char   *month;
  double  pre_mean;
  guint   pre_n;
  double  post_mean;
  guint   post_n;
} BekalMonthTrend;

/**
 * BekalCertificateInfo:
 * @name: the learner's name
 * @unit: the learner's unit (sentra), possibly ""
 * @score: the counted post-test score in percent
 * @finished_at: when that post-test was finished, unix seconds
 *
 * What a certificate of completion says about a learner who passed a module's post-test.
 */
typedef struct
{
  char   *name;
  char   *unit;
  double  score;
  gint64  finished_at;
} BekalCertificateInfo;

/**
 * bekal_learner_change_free:
 * @change: (nullable) (transfer full): a learner's change
 *
 * Frees a learner's change.
 */
void                bekal_learner_change_free      (BekalLearnerChange   *change);
/**
 * bekal_month_trend_free:
 * @trend: (nullable) (transfer full): a month of the trend
 *
 * Frees a month of the trend.
 */
void                bekal_month_trend_free         (BekalMonthTrend      *trend);
/**
 * bekal_certificate_info_free:
 * @info: (nullable) (transfer full): what a certificate says
 *
 * Frees what a certificate says.
 */
void                bekal_certificate_info_free    (BekalCertificateInfo *info);

/**
 * bekal_report_learner_changes:
 * @store: a store
 * @module_id: the module
 * @error: return location for an error
 *
 * Every learner with a counted pre-test or post-test in @module_id (the view
 * counted_attempts), sorted by the change post − pre (smallest first), learners with only one
 * of the two last.
 *
 * Returns: (transfer full) (element-type BekalLearnerChange) (nullable): the learners, or
 *   %NULL on error
 */
GPtrArray          *bekal_report_learner_changes   (BekalStore           *store,
                                                    const char           *module_id,
                                                    GError              **error);

/**
 * bekal_report_trend:
 * @store: a store
 * @module_id: the module
 * @error: return location for an error
 *
 * The mean counted pre-test and post-test scores of @module_id per calendar month (UTC) of
 * the attempts, both groups together, sorted by month. Months without attempts are absent.
 *
 * Returns: (transfer full) (element-type BekalMonthTrend) (nullable): the months, or %NULL on
 *   error
 */
GPtrArray          *bekal_report_trend             (BekalStore           *store,
                                                    const char           *module_id,
                                                    GError              **error);

/**
 * bekal_report_certificate_info:
 * @store: a store
 * @profile_id: the learner
 * @module_id: the module
 * @error: return location for an error
 *
 * What a certificate says, when the learner's counted post-test of @module_id (the latest
 * finished one) was passed. Fails with %BEKAL_STORE_ERROR_NOT_FOUND and a message that says
 * why when the learner has no finished post-test or did not pass it.
 *
 * Returns: (transfer full) (nullable): the information, or %NULL with @error set
 */
BekalCertificateInfo *bekal_report_certificate_info (BekalStore          *store,
                                                     gint64               profile_id,
                                                     const char          *module_id,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalGapRow, bekal_gap_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalTopicMastery, bekal_topic_mastery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalItemComparison, bekal_item_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalLearnerChange, bekal_learner_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalMonthTrend, bekal_month_trend_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalCertificateInfo, bekal_certificate_info_free)

G_END_DECLS
