/* test-report.c: the gap report and mastery against figures computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"
#include "test-util.h"

typedef struct
{
  const char *question_id;
  const char *topic_id;
  double      score;       /* BEKAL_STORE_NO_SCORE for a scale answer */
} Answer;

typedef struct
{
  char       *dir;
  BekalStore *store;
  gint64      p1, p2, p3, p4;
  gint64      p1_practice;
} Fixture;

static gint64
utc (int year,
     int month,
     int day)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (time);
}

/* An attempt with @answers; finished at @finished_at unless it is 0 */
static gint64
add_attempt (Fixture       *fixture,
             gint64         profile_id,
             const char    *module_id,
             const char    *quiz_id,
             BekalQuizRole  role,
             gint64         finished_at,
             double         attempt_score,
             const Answer  *answers,
             guint          n_answers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *sql = NULL;
  gint64 id;

  for (guint i = 0; i < n_answers; i++)
    g_ptr_array_add (order, (gpointer) answers[i].question_id);
  g_ptr_array_add (order, NULL);

  id = bekal_store_start_attempt (fixture->store, profile_id, module_id, "1.0", "hash", quiz_id,
                                  role, 1, (const char * const *) order->pdata, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_answers; i++)
    {
      bekal_store_record_answer (fixture->store, id, answers[i].question_id, answers[i].topic_id,
                                 "r", answers[i].score, &error);
      g_assert_no_error (error);
    }

  if (finished_at == 0)
    return id;

  bekal_store_finish_attempt (fixture->store, id, attempt_score, BEKAL_QUIZ_VERDICT_NONE, &error);
  g_assert_no_error (error);

  /* the store stamps the present time; the fixture spreads the attempts over months */
  sql = g_strdup_printf ("UPDATE quiz_attempts SET started_at = %" G_GINT64_FORMAT " - 600,"
                         " finished_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         finished_at, finished_at, id);
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (fixture->store), sql,
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  return id;
}

#define ADD(fixture, profile, module, quiz, role, when, score, ...) \
  G_STMT_START { \
    const Answer answers_[] = { __VA_ARGS__ }; \
    add_attempt (fixture, profile, module, quiz, role, when, score, answers_, \
                 G_N_ELEMENTS (answers_)); \
  } G_STMT_END

/*
 * The fixture. Module "m", topics a (q1, q2) and b (q3); module "m2", topic c.
 * Scores per answer in 0..1, attempt scores in 0..1.
 *
 * P1 untrained  pre   2026-01-10  q1 a 1, q2 a 0, q3 b 0.5     score 0.5     counted (first)
 *               pre   2026-02-01  all 1                        score 1       not counted
 *               post  2026-02-05  q1 a 1, q2 a 1, q3 b 0       score 2/3     not counted
 *               post  2026-03-02  q1 a 1, q2 a 1, q3 b 1       score 1       counted (latest)
 *               post  unfinished  q1 a 0                                     not counted
 *               practice 2026-03-20  q1 a 0                    score 0       not counted
 * P2 untrained  pre   2026-01-20  q1 a 0, q2 a 0, q3 b 1       score 1/3     counted
 * P3 trained    pre   2026-01-15  q1 a 1, q2 a 1, q3 b 0.5,
 *                                 sc a (scale, unscored)       score 2.5/3   counted
 *               post  2026-02-10  q1 a 1, q2 a 1, q3 b 1       score 1       counted
 *               m2 pre  2026-04-02  c1 c 1                     score 1       counted
 *               m2 post 2026-04-03  c1 c 1                     score 1       counted
 * P4 trained    pre   2026-02-03  q1 a 1, q2 a 0, q3 b 0       score 1/3     counted
 *               post  2026-03-15  q1 a 0.5, q2 a 1, q3 b 1     score 2.5/3   counted
 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);

  fixture->p1 = bekal_store_create_profile (fixture->store, "P1", "", "", 0, FALSE, &error);
  fixture->p2 = bekal_store_create_profile (fixture->store, "P2", "", "", 0, FALSE, &error);
  fixture->p3 = bekal_store_create_profile (fixture->store, "P3", "", "", 5, TRUE, &error);
  fixture->p4 = bekal_store_create_profile (fixture->store, "P4", "", "", 2, TRUE, &error);
  g_assert_no_error (error);

  ADD (fixture, fixture->p1, "m", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 1, 10), 0.5,
       { "q1", "a", 1 }, { "q2", "a", 0 }, { "q3", "b", 0.5 });
  ADD (fixture, fixture->p1, "m", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 2, 1), 1,
       { "q1", "a", 1 }, { "q2", "a", 1 }, { "q3", "b", 1 });
  ADD (fixture, fixture->p1, "m", "post", BEKAL_QUIZ_POSTTEST, utc (2026, 2, 5), 2.0 / 3,
       { "q1", "a", 1 }, { "q2", "a", 1 }, { "q3", "b", 0 });
  ADD (fixture, fixture->p1, "m", "post", BEKAL_QUIZ_POSTTEST, utc (2026, 3, 2), 1,
       { "q1", "a", 1 }, { "q2", "a", 1 }, { "q3", "b", 1 });
  ADD (fixture, fixture->p1, "m", "post", BEKAL_QUIZ_POSTTEST, 0, 0,
       { "q1", "a", 0 });
  ADD (fixture, fixture->p1, "m", "latihan", BEKAL_QUIZ_PRACTICE, utc (2026, 3, 20), 0,
       { "q1", "a", 0 });

  ADD (fixture, fixture->p2, "m", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 1, 20), 1.0 / 3,
       { "q1", "a", 0 }, { "q2", "a", 0 }, { "q3", "b", 1 });

  ADD (fixture, fixture->p3, "m", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 1, 15), 2.5 / 3,
       { "q1", "a", 1 }, { "q2", "a", 1 }, { "q3", "b", 0.5 }, { "sc", "a", BEKAL_STORE_NO_SCORE });
  ADD (fixture, fixture->p3, "m", "post", BEKAL_QUIZ_POSTTEST, utc (2026, 2, 10), 1,
       { "q1", "a", 1 }, { "q2", "a", 1 }, { "q3", "b", 1 });
  ADD (fixture, fixture->p3, "m2", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 4, 2), 1,
       { "c1", "c", 1 });
  ADD (fixture, fixture->p3, "m2", "post", BEKAL_QUIZ_POSTTEST, utc (2026, 4, 3), 1,
       { "c1", "c", 1 });

  ADD (fixture, fixture->p4, "m", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 2, 3), 1.0 / 3,
       { "q1", "a", 1 }, { "q2", "a", 0 }, { "q3", "b", 0 });
  ADD (fixture, fixture->p4, "m", "post", BEKAL_QUIZ_POSTTEST, utc (2026, 3, 15), 2.5 / 3,
       { "q1", "a", 0.5 }, { "q2", "a", 1 }, { "q3", "b", 1 });
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static const BekalGapRow *
find_row (GPtrArray  *rows,
          const char *module_id,
          const char *topic_id,
          const char *month)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const BekalGapRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->module_id, module_id) && g_str_equal (row->topic_id, topic_id)
          && g_str_equal (row->month, month))
        return row;
    }

  g_error ("no row %s/%s/%s", module_id, topic_id, month);
  return NULL;
}

#define assert_value(actual, expected) \
  g_assert_cmpfloat_with_epsilon ((actual), (expected), 1e-9)

static void
assert_group (const BekalGapGroup *group,
              double               pre_mean,
              guint                pre_n,
              double               post_mean,
              guint                post_n,
              double               gain)
{
  g_assert_cmpuint (group->pre_n, ==, pre_n);
  g_assert_cmpuint (group->post_n, ==, post_n);
  if (isnan (pre_mean))
    g_assert_true (isnan (group->pre_mean));
  else
    assert_value (group->pre_mean, pre_mean);
  if (isnan (post_mean))
    g_assert_true (isnan (group->post_mean));
  else
    assert_value (group->post_mean, post_mean);
  if (isnan (gain))
    g_assert_true (isnan (group->gain));
  else
    assert_value (group->gain, gain);
}

static void
test_gap (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = bekal_report_gap (fixture->store, &error);
  const BekalGapRow *row;

  g_assert_no_error (error);
  /* m: topics '', a, b × months '', 01, 02, 03; m2: topics '', c × months '', 04 */
  g_assert_cmpuint (rows->len, ==, 16);

  /* m, whole module, all time (percent):
   *   untrained pre:  P1 50, P2 33.33             → 41.667, n 2
   *   untrained post: P1 100 (latest post)        → 100, n 1
   *   untrained gain: (100 − 41.667) / (100 − 41.667) = 1
   *   trained pre:    P3 83.33, P4 33.33          → 58.333, n 2
   *   trained post:   P3 100, P4 83.33            → 91.667, n 2
   *   trained gain:   (91.667 − 58.333) / 41.667  = 0.8
   *   gaps: pre 58.333 − 41.667 = 16.667; post 91.667 − 100 = −8.333 */
  row = find_row (rows, "m", "", "");
  assert_group (&row->untrained, 125.0 / 3, 2, 100, 1, 1.0);
  assert_group (&row->trained, 175.0 / 3, 2, 275.0 / 3, 2, 0.8);
  assert_value (row->pre_gap, 50.0 / 3);
  assert_value (row->post_gap, -25.0 / 3);

  /* m, topic a (mean of the attempt's scored answers on a; the scale answer is left out):
   *   untrained pre:  P1 (1+0)/2 = 50, P2 (0+0)/2 = 0     → 25, n 2
   *   untrained post: P1 (1+1)/2 = 100                    → 100, n 1; gain 75/75 = 1
   *   trained pre:    P3 (1+1)/2 = 100, P4 (1+0)/2 = 50   → 75, n 2
   *   trained post:   P3 100, P4 (0.5+1)/2 = 75           → 87.5, n 2; gain 12.5/25 = 0.5
   *   gaps: pre 75 − 25 = 50; post 87.5 − 100 = −12.5 */
  row = find_row (rows, "m", "a", "");
  assert_group (&row->untrained, 25, 2, 100, 1, 1.0);
  assert_group (&row->trained, 75, 2, 87.5, 2, 0.5);
  assert_value (row->pre_gap, 50);
  assert_value (row->post_gap, -12.5);

  /* m, topic b: untrained pre P1 50, P2 100 → 75; post P1 100; gain 25/25 = 1
   *             trained pre P3 50, P4 0 → 25; post 100, 100 → 100; gain 75/75 = 1
   *             gaps −50 and 0 */
  row = find_row (rows, "m", "b", "");
  assert_group (&row->untrained, 75, 2, 100, 1, 1.0);
  assert_group (&row->trained, 25, 2, 100, 2, 1.0);
  assert_value (row->pre_gap, -50);
  assert_value (row->post_gap, 0);

  /* per month, by the month the counted attempt was finished:
   *   2026-01: pre P1 50, P2 33.33 (untrained → 41.667, n 2), P3 83.33 (trained, n 1) */
  row = find_row (rows, "m", "", "2026-01");
  assert_group (&row->untrained, 125.0 / 3, 2, NAN, 0, NAN);
  assert_group (&row->trained, 250.0 / 3, 1, NAN, 0, NAN);
  assert_value (row->pre_gap, 125.0 / 3);
  g_assert_true (isnan (row->post_gap));

  /*   2026-02: P4 pre 33.33 and P3 post 100 (trained); P1's second pre-test and first
   *            post-test do not count. Gain (100 − 33.33) / 66.67 = 1 */
  row = find_row (rows, "m", "", "2026-02");
  assert_group (&row->untrained, NAN, 0, NAN, 0, NAN);
  assert_group (&row->trained, 100.0 / 3, 1, 100, 1, 1.0);

  /*   2026-03: P1 post 100 (untrained), P4 post 83.33 (trained); post gap −16.667 */
  row = find_row (rows, "m", "", "2026-03");
  assert_group (&row->untrained, NAN, 0, 100, 1, NAN);
  assert_group (&row->trained, NAN, 0, 250.0 / 3, 1, NAN);
  assert_value (row->post_gap, -50.0 / 3);

  /* m2: a pre-test mean of 100 leaves the gain undefined; nobody untrained */
  row = find_row (rows, "m2", "", "");
  assert_group (&row->trained, 100, 1, 100, 1, NAN);
  assert_group (&row->untrained, NAN, 0, NAN, 0, NAN);
  g_assert_true (isnan (row->pre_gap));
  row = find_row (rows, "m2", "c", "2026-04");
  assert_group (&row->trained, 100, 1, 100, 1, NAN);

  /* sorted by module, topic and month, the whole module and all time first */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->module_id, ==, "m");
  g_assert_cmpstr (row->topic_id, ==, "");
  g_assert_cmpstr (row->month, ==, "");
  row = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (row->topic_id, ==, "a");
  g_assert_cmpstr (row->month, ==, "");
}

static void
assert_same_number (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat_with_epsilon (a, b, 1e-9);
}

static void
assert_same_group (const BekalGapGroup *a,
                   const BekalGapGroup *b)
{
  assert_same_number (a->pre_mean, b->pre_mean);
  g_assert_cmpuint (a->pre_n, ==, b->pre_n);
  assert_same_number (a->post_mean, b->post_mean);
  g_assert_cmpuint (a->post_n, ==, b->post_n);
  assert_same_number (a->gain, b->gain);
}

/* The running sums give exactly what the definition computes from every answer */
static void
assert_sums_match_answers (BekalStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fast = bekal_report_gap (store, &error);
  g_autoptr(GPtrArray) reference = NULL;

  g_assert_no_error (error);
  reference = bekal_report_gap_from_answers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fast->len, ==, reference->len);

  for (guint i = 0; i < fast->len; i++)
    {
      const BekalGapRow *a = g_ptr_array_index (fast, i);
      const BekalGapRow *b = g_ptr_array_index (reference, i);

      g_assert_cmpstr (a->module_id, ==, b->module_id);
      g_assert_cmpstr (a->topic_id, ==, b->topic_id);
      g_assert_cmpstr (a->month, ==, b->month);
      assert_same_group (&a->untrained, &b->untrained);
      assert_same_group (&a->trained, &b->trained);
      assert_same_number (a->pre_gap, b->pre_gap);
      assert_same_number (a->post_gap, b->post_gap);
    }
}

static void
test_sums_follow_changes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  assert_sums_match_answers (fixture->store);

  /* P2 turns out to have been trained before: moves from one group to the other */
  g_assert_true (bekal_store_update_profile (fixture->store, fixture->p2, "P2", "", "", 0, TRUE,
                                             &error));
  g_assert_no_error (error);
  assert_sums_match_answers (fixture->store);
  rows = bekal_report_gap (fixture->store, &error);
  /* untrained pre-test of m is now P1 alone: 50, n 1 */
  assert_group (&find_row (rows, "m", "", "")->untrained, 50, 1, 100, 1, 1.0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a later post-test replaces P3's counted one; a later pre-test does not */
  ADD (fixture, fixture->p3, "m", "post", BEKAL_QUIZ_POSTTEST, utc (2026, 5, 1), 0,
       { "q1", "a", 0 }, { "q2", "a", 0 }, { "q3", "b", 0 });
  ADD (fixture, fixture->p3, "m", "pre", BEKAL_QUIZ_PRETEST, utc (2026, 5, 2), 0,
       { "q1", "a", 0 });
  assert_sums_match_answers (fixture->store);

  /* deleting a learner takes away everything they counted for */
  g_assert_true (bekal_store_delete_profile (fixture->store, fixture->p4, &error));
  g_assert_no_error (error);
  assert_sums_match_answers (fixture->store);
  rows = bekal_report_gap (fixture->store, &error);
  /* trained pre-test of m: P2 33.33 and P3 83.33 → 58.33, n 2; post: P3 0, n 1 */
  assert_group (&find_row (rows, "m", "", "")->trained, 175.0 / 3, 2, 0, 1, -1.4);
}

/* A database of schema version 2 gets its running sums from the answers it holds */
static void
test_sums_filled_by_migration (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);

  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP INDEX quiz_attempts_by_session;"
                                 "ALTER TABLE quiz_attempts DROP COLUMN session_id;"
                                 "DROP TABLE group_session_room_totals;"
                                 "DROP TABLE group_session_roster;"
                                 "DROP TABLE group_sessions;"
                                 "DROP TABLE trainer_lock;"
                                 "DROP TABLE profile_pins;"
                                 "DROP TRIGGER report_items_added;"
                                 "DROP TRIGGER report_items_removed;"
                                 "DROP TABLE report_item_contributions;"
                                 "DROP TABLE report_item_counts;"
                                 "DROP TABLE report_option_counts;"
                                 "DROP TABLE lrs_sent;"
                                 "DROP TRIGGER profile_uuid_given;"
                                 "DROP INDEX profiles_by_uuid;"
                                 "ALTER TABLE profiles DROP COLUMN uuid;"
                                 "DROP VIEW counted_attempts;"
                                 "DROP TRIGGER report_attempt_changed;"
                                 "DROP TRIGGER report_attempt_removed;"
                                 "DROP TRIGGER report_trained_before_changed;"
                                 "DROP TABLE report_contributions;"
                                 "DROP TABLE report_gap_sums;"
                                 "DROP INDEX quiz_attempts_by_learner_test;"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&fixture->store);

  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  assert_sums_match_answers (fixture->store);
  {
    g_autoptr(GPtrArray) rows = bekal_report_gap (fixture->store, &error);

    g_assert_cmpuint (rows->len, ==, 16);
  }
}

static void
test_gap_empty_store (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = bekal_store_open (dir, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  rows = bekal_report_gap (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  csv = bekal_report_gap_to_csv (rows);
  g_assert_true (g_str_has_prefix (csv, "module,topic,month,"));
  g_assert_true (g_str_has_suffix (csv, "post_gap\r\n"));

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_gap_csv (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = bekal_report_gap (fixture->store, &error);
  g_autofree char *csv = bekal_report_gap_to_csv (rows);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_true (g_utf8_validate (csv, -1, NULL));
  /* a header, 16 records, and nothing after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 18);
  g_assert_cmpstr (lines[17], ==, "");
  g_assert_null (strchr (lines[1], '\n'));
  g_assert_cmpstr (lines[0], ==,
                   "module,topic,month,untrained_pre_mean,untrained_pre_n,untrained_post_mean,"
                   "untrained_post_n,untrained_gain,trained_pre_mean,trained_pre_n,"
                   "trained_post_mean,trained_post_n,trained_gain,pre_gap,post_gap");
  g_assert_cmpstr (lines[1], ==,
                   "m,,,41.67,2,100.00,1,1.000,58.33,2,91.67,2,0.800,16.67,-8.33");
  /* missing values are empty fields */
  g_assert_cmpstr (lines[2], ==, "m,,2026-01,41.67,2,,0,,83.33,1,,0,,41.67,");
}

static void
test_csv_quoting (void)
{
  const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "",
                           NULL, " space", "Peksos — ñ" };
  g_autoptr(GString) csv = g_string_new (NULL);

  bekal_csv_append_row (csv, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (csv->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,,"
                   "\" space\",Peksos — ñ\r\n");
}

static void
test_mastery (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  const BekalTopicMastery *mastery;

  /* P1: topic a comes from the practice of 2026-03-20 (q1 0 → 0), the latest finished
   * attempt with answers on a; topic b from the post-test of 2026-03-02 (q3 1 → 1). The
   * unfinished post-test does not count. */
  topics = bekal_report_mastery (fixture->store, fixture->p1, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 2);
  mastery = g_ptr_array_index (topics, 0);
  g_assert_cmpstr (mastery->topic_id, ==, "a");
  assert_value (mastery->score, 0);
  g_assert_cmpuint (mastery->n_answers, ==, 1);
  g_assert_cmpint (mastery->finished_at, ==, utc (2026, 3, 20));
  mastery = g_ptr_array_index (topics, 1);
  g_assert_cmpstr (mastery->topic_id, ==, "b");
  assert_value (mastery->score, 1);
  g_assert_cmpint (mastery->finished_at, ==, utc (2026, 3, 2));
  g_clear_pointer (&topics, g_ptr_array_unref);

  /* P4: a from the post-test (0.5 + 1) / 2 = 0.75 */
  topics = bekal_report_mastery (fixture->store, fixture->p4, "m", &error);
  g_assert_no_error (error);
  mastery = g_ptr_array_index (topics, 0);
  assert_value (mastery->score, 0.75);
  g_assert_cmpuint (mastery->n_answers, ==, 2);
  g_clear_pointer (&topics, g_ptr_array_unref);

  topics = bekal_report_mastery (fixture->store, fixture->p2, "m2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 0);
}

static void
test_compare_attempts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const BekalItemComparison *item;
  gint64 pre, post;

  /* P3's pre-test (q1 1, q2 1, q3 0.5, sc unscored) against the post-test (q1 1, q2 1, q3 1) */
  attempts = bekal_store_list_attempts (fixture->store, fixture->p3, "m", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 2);
  pre = ((BekalQuizAttempt *) g_ptr_array_index (attempts, 0))->id;
  post = ((BekalQuizAttempt *) g_ptr_array_index (attempts, 1))->id;
  if (((BekalQuizAttempt *) g_ptr_array_index (attempts, 0))->role != BEKAL_QUIZ_PRETEST)
    {
      gint64 tmp = pre;
      pre = post;
      post = tmp;
    }

  items = bekal_report_compare_attempts (fixture->store, pre, post, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 4);
  item = g_ptr_array_index (items, 2);
  g_assert_cmpstr (item->question_id, ==, "q3");
  g_assert_cmpstr (item->topic_id, ==, "b");
  assert_value (item->first_score, 0.5);
  assert_value (item->second_score, 1);
  item = g_ptr_array_index (items, 3);
  g_assert_cmpstr (item->question_id, ==, "sc");
  g_assert_cmpfloat (item->first_score, ==, BEKAL_STORE_NO_SCORE);
  g_assert_cmpfloat (item->second_score, ==, BEKAL_STORE_NO_SCORE);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *missing = NULL;
  int status = 0;

  if (author == NULL)
    {
      g_test_skip ("BEKAL_AUTHOR is not set");
      return;
    }

  rows = bekal_report_gap (fixture->store, &error);
  expected = bekal_report_gap_to_csv (rows);

  {
    const char *argv[] = { author, "report", "gap", "--data-dir", fixture->dir, "--csv", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (out, ==, expected);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *argv[] = { author, "report", "gap", "--data-dir", fixture->dir, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "41.7 (2)"));
    g_assert_nonnull (strstr (out, "-8.3"));
    g_assert_nonnull (strstr (out, "2026-03"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* a folder without a database is an error, and no database is created there */
  missing = g_build_filename (fixture->dir, "none", NULL);
  {
    const char *argv[] = { author, "report", "gap", "--data-dir", missing, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* a module folder that does not exist is named, and no PDF is written */
  {
    g_autofree char *pdf = g_build_filename (fixture->dir, "gap.pdf", NULL);
    const char *argv[] = { author, "report", "gap", "--data-dir", fixture->dir, "--pdf", pdf,
                           "--modules-dir", missing, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, missing));
    g_assert_nonnull (strstr (err, "--modules-dir"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

/* Each learner's counted pre → post in module m: P3 +16.7, P1 and P4 +50, P2 without post */
static void
test_learner_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  BekalLearnerChange *change;

  changes = bekal_report_learner_changes (fixture->store, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);

  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->profile_id, ==, fixture->p3);
  g_assert_cmpstr (change->name, ==, "P3");
  g_assert_true (change->trained_before);
  g_assert_cmpfloat_with_epsilon (change->pre, 250.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (change->post, 100, 1e-9);

  /* P1 and P4 both gain 50 (in doubles either may come first) */
  for (guint i = 1; i <= 2; i++)
    {
      change = g_ptr_array_index (changes, i);
      g_assert_true (change->profile_id == fixture->p1 || change->profile_id == fixture->p4);
      g_assert_cmpfloat_with_epsilon (change->post - change->pre, 50, 1e-9);
      if (change->profile_id == fixture->p1)
        {
          g_assert_false (change->trained_before);
          g_assert_cmpfloat_with_epsilon (change->pre, 50, 1e-9);
        }
    }
  g_assert_cmpint (((BekalLearnerChange *) g_ptr_array_index (changes, 1))->profile_id, !=,
                   ((BekalLearnerChange *) g_ptr_array_index (changes, 2))->profile_id);

  change = g_ptr_array_index (changes, 3);
  g_assert_cmpint (change->profile_id, ==, fixture->p2);
  g_assert_cmpfloat_with_epsilon (change->pre, 100.0 / 3, 1e-9);
  g_assert_true (isnan (change->post));

  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = bekal_report_learner_changes (fixture->store, "none", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* Counted attempts of m per month: January three pre-tests (50, 33.3, 83.3), February P4's
 * pre (33.3) and P3's post (100), March P1's and P4's posts (100, 83.3) */
static void
test_trend (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) months = NULL;
  BekalMonthTrend *month;

  months = bekal_report_trend (fixture->store, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 3);

  month = g_ptr_array_index (months, 0);
  g_assert_cmpstr (month->month, ==, "2026-01");
  g_assert_cmpfloat_with_epsilon (month->pre_mean, (50 + 100.0 / 3 + 250.0 / 3) / 3, 1e-9);
  g_assert_cmpuint (month->pre_n, ==, 3);
  g_assert_true (isnan (month->post_mean));
  g_assert_cmpuint (month->post_n, ==, 0);

  month = g_ptr_array_index (months, 1);
  g_assert_cmpstr (month->month, ==, "2026-02");
  g_assert_cmpfloat_with_epsilon (month->pre_mean, 100.0 / 3, 1e-9);
  g_assert_cmpuint (month->pre_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (month->post_mean, 100, 1e-9);
  g_assert_cmpuint (month->post_n, ==, 1);

  month = g_ptr_array_index (months, 2);
  g_assert_cmpstr (month->month, ==, "2026-03");
  g_assert_true (isnan (month->pre_mean));
  g_assert_cmpuint (month->pre_n, ==, 0);
  g_assert_cmpfloat_with_epsilon (month->post_mean, (100 + 250.0 / 3) / 2, 1e-9);
  g_assert_cmpuint (month->post_n, ==, 2);
}

/* A certificate only for a passed counted (latest) post-test */
static void
test_certificate_info (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalCertificateInfo) info = NULL;
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);

  /* P1 passed the February post-test but the March one counts, and it is not marked passed */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE quiz_attempts SET passed = 1 WHERE finished_at = "
                                 "(SELECT min (finished_at) FROM quiz_attempts WHERE role = "
                                 "'posttest' AND profile_id = 1)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  info = bekal_report_certificate_info (fixture->store, fixture->p1, "m", &error);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_assert_null (info);
  g_assert_nonnull (strstr (error->message, "not passed"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE profiles SET unit = 'Sentra Mulya' WHERE id = 1;"
                                 "UPDATE quiz_attempts SET passed = 1 WHERE role = 'posttest' "
                                 "AND profile_id = 1 AND score = 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  info = bekal_report_certificate_info (fixture->store, fixture->p1, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "P1");
  g_assert_cmpstr (info->unit, ==, "Sentra Mulya");
  g_assert_cmpfloat_with_epsilon (info->score, 100, 1e-9);
  g_assert_cmpint (info->finished_at, ==, utc (2026, 3, 2));
  g_clear_pointer (&info, bekal_certificate_info_free);

  /* P2 never finished a post-test */
  info = bekal_report_certificate_info (fixture->store, fixture->p2, "m", &error);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_assert_null (info);
  g_assert_nonnull (strstr (error->message, "not finished"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/report/gap", test_gap);
  ADD_TEST ("/report/gap-csv", test_gap_csv);
  ADD_TEST ("/report/sums-follow-changes", test_sums_follow_changes);
  ADD_TEST ("/report/sums-filled-by-migration", test_sums_filled_by_migration);
  g_test_add_func ("/report/gap-empty", test_gap_empty_store);
  g_test_add_func ("/report/csv-quoting", test_csv_quoting);
  ADD_TEST ("/report/mastery", test_mastery);
  ADD_TEST ("/report/compare-attempts", test_compare_attempts);
  ADD_TEST ("/report/cli", test_cli);
  ADD_TEST ("/report/learner-changes", test_learner_changes);
  ADD_TEST ("/report/trend", test_trend);
  ADD_TEST ("/report/certificate-info", test_certificate_info);

#undef ADD_TEST

  return g_test_run ();
}
