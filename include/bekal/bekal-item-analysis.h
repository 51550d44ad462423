/* bekal-item-analysis.h: how each question of a pre-test or post-test behaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bekal-store.h"

G_BEGIN_DECLS

/**
 * BekalItemFlag:
 * @BEKAL_ITEM_FLAG_NONE: nothing to look at
 * @BEKAL_ITEM_FLAG_TOO_HARD: facility index under 0.2
 * @BEKAL_ITEM_FLAG_TOO_EASY: facility index over 0.9
 * @BEKAL_ITEM_FLAG_LOW_DISCRIMINATION: discrimination index under 0.2
 *
 * What the author of a module should look at in a question.
 */
typedef enum
{
  BEKAL_ITEM_FLAG_NONE               = 0,
  BEKAL_ITEM_FLAG_TOO_HARD           = 1 << 0,
  BEKAL_ITEM_FLAG_TOO_EASY           = 1 << 1,
  BEKAL_ITEM_FLAG_LOW_DISCRIMINATION = 1 << 2,
} BekalItemFlag;

/** BEKAL_ITEM_FACILITY_LOW: below this facility index a question is flagged too hard */
#define BEKAL_ITEM_FACILITY_LOW 0.2
/** BEKAL_ITEM_FACILITY_HIGH: above this facility index a question is flagged too easy */
#define BEKAL_ITEM_FACILITY_HIGH 0.9
/** BEKAL_ITEM_DISCRIMINATION_LOW: below this discrimination index a question is flagged */
#define BEKAL_ITEM_DISCRIMINATION_LOW 0.2

/**
 * BekalItemOption:
 * @option_id: an option id as the learners' responses hold it (for a question answered with
 *   several options, each one counts), or the whole response of other kinds of question
 * @n: how many counted attempts chose it
 * @fraction: @n divided by the number of counted attempts that answered the question
 *
 * How often one option of a question was chosen.
 */
typedef struct
{
  char   *option_id;
  guint   n;
  double  fraction;
} BekalItemOption;

/**
 * BekalItemStats:
 * @module_id: the module
 * @quiz_id: the quiz (test) of the module
 * @question_id: the question
 * @n: counted attempts with a scored answer to the question
 * @facility: facility index: the mean score of the question, 0..1 (a question is worth one
 *   point)
 * @sd: standard deviation of the question's score (sample, n − 1), 0..0.5 for right/wrong
 * @discrimination: discrimination index: the correlation of the question's score with the
 *   score on the rest of the test, −1..1; NAN when one of them does not vary
 * @efficiency: discriminative efficiency: the covariance of the question with the rest of the
 *   test divided by the largest covariance scores with the same spread could have, −1..1; NAN
 *   when that largest covariance is 0
 * @flags: what to look at
 * @options: (element-type BekalItemOption): the options chosen, most chosen first
 *
 * The figures of one question, computed as Moodle's quiz statistics define them.
 */
typedef struct
{
  char          *module_id;
  char          *quiz_id;
  char          *question_id;
  guint          n;
  double         facility;
  double         sd;
  double         discrimination;
  double         efficiency;
  BekalItemFlag  flags;
  GPtrArray     *options;
} BekalItemStats;

/**
 * BekalTestStats:
 * @module_id: the module
 * @quiz_id: the quiz
 * @n_attempts: counted attempts (per learner, the first finished pre-test and the latest
 *   finished post-test) with at least one scored answer
 * @n_items: questions with a scored answer
 * @mean: mean total score in points (one point per question)
 * @sd: standard deviation of the total score in points (sample, n − 1)
 * @alpha: Cronbach's alpha (equal to KR-20 when every question is right or wrong); NAN with
 *   fewer than two questions or when the total does not vary
 * @sem: standard error of measurement in points, @sd × √(1 − @alpha); NAN when @alpha is
 * @items: (element-type BekalItemStats): the questions sorted by id
 *
 * The figures of one test.
 */
typedef struct
{
  char      *module_id;
  char      *quiz_id;
  guint      n_attempts;
  guint      n_items;
  double     mean;
  double     sd;
  double     alpha;
  double     sem;
  GPtrArray *items;
} BekalTestStats;

/**
 * bekal_item_option_free:
 * @option: (transfer full) (nullable): an option
 *
 * Frees @option.
 */
void                bekal_item_option_free              (BekalItemOption  *option);

/**
 * bekal_item_stats_free:
 * @stats: (transfer full) (nullable): the figures of a question
 *
 * Frees @stats and its options.
 */
void                bekal_item_stats_free               (BekalItemStats   *stats);

/**
 * bekal_test_stats_free:
 * @stats: (transfer full) (nullable): the figures of a test
 *
 * Frees @stats and its questions.
 */
void                bekal_test_stats_free               (BekalTestStats   *stats);

/**
 * bekal_item_analysis_sql:
 *
 * The SQL query behind bekal_item_analysis_run() that reads the per-question sums: one
 * parameter, ?1, a module id or NULL for every module (the sqlite3 command binds an unset
 * parameter as NULL). It reads the running counts the store keeps, so that it can be run as it
 * is by the sqlite3 command on a copy of the store.
 *
 * Returns: (transfer none): the SQL text
 */
const char         *bekal_item_analysis_sql             (void);

/**
 * bekal_item_analysis_options_sql:
 *
 * The SQL query behind the options' counts, with the same parameter as
 * bekal_item_analysis_sql().
 *
 * Returns: (transfer none): the SQL text
 */
const char         *bekal_item_analysis_options_sql     (void);

/**
 * bekal_item_analysis_run:
 * @store: the store
 * @module_id: (nullable): one module, or %NULL for every module
 * @error: return location for a #GError
 *
 * Computes the item analysis of every test (pre-test and post-test quizzes) with counted
 * attempts: per learner and module, the first finished pre-test and the latest finished
 * post-test (docs/scoring.md). Practice quizzes and unscored questions are left out.
 *
 * Returns: (transfer full) (element-type BekalTestStats): the tests sorted by module and quiz,
 *   or %NULL on error
 */
GPtrArray          *bekal_item_analysis_run             (BekalStore       *store,
                                                         const char       *module_id,
                                                         GError          **error);

/**
 * bekal_item_analysis_reference_sql:
 *
 * The per-question sums of bekal_item_analysis_sql() computed from every attempt and answer
 * instead of the running counts: the definition the counts must match. Slow on large stores.
 *
 * Returns: (transfer none): the SQL text
 */
const char         *bekal_item_analysis_reference_sql   (void);

/**
 * bekal_item_analysis_run_from_answers:
 * @store: the store
 * @module_id: (nullable): one module, or %NULL for every module
 * @error: return location for a #GError
 *
 * Like bekal_item_analysis_run(), computed from every answer (for checks).
 *
 * Returns: (transfer full) (element-type BekalTestStats): the tests, or %NULL on error
 */
GPtrArray          *bekal_item_analysis_run_from_answers (BekalStore      *store,
                                                          const char      *module_id,
                                                          GError         **error);

/**
 * bekal_item_flag_hint:
 * @flag: a single flag
 *
 * A plain-language hint for the author of the module about what a flag means and what to
 * check, translated.
 *
 * Returns: (transfer none): the hint, or "" for %BEKAL_ITEM_FLAG_NONE
 */
const char         *bekal_item_flag_hint                (BekalItemFlag     flag);

/**
 * bekal_item_analysis_to_csv:
 * @tests: (element-type BekalTestStats): the result of bekal_item_analysis_run()
 *
 * The item analysis as CSV (RFC 4180, UTF-8, full stops in numbers, missing values empty):
 * one record per question, with its test's figures repeated, and the options as
 * "option=count" joined by ";".
 *
 * Returns: (transfer full): the CSV text with a header line
 */
char               *bekal_item_analysis_to_csv          (GPtrArray        *tests);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalItemOption, bekal_item_option_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalItemStats, bekal_item_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalTestStats, bekal_test_stats_free)

G_END_DECLS
