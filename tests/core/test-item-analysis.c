/* test-item-analysis.c: every figure of the item analysis against values computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"
#include "test-util.h"

#define EPS 1e-6

typedef struct
{
  const char *question_id;
  const char *response;
  double      score;
} Answer;

typedef struct
{
  char       *dir;
  BekalStore *store;
  gint64      learners[6];
} Fixture;

static gint64
add_attempt (Fixture       *fixture,
             gint64         profile_id,
             const char    *quiz_id,
             BekalQuizRole  role,
             gint64         finished_at,
             const Answer  *answers,
             guint          n_answers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *sql = NULL;
  double total = 0;
  gint64 id;

  for (guint i = 0; i < n_answers; i++)
    {
      g_ptr_array_add (order, (gpointer) answers[i].question_id);
      if (answers[i].score >= 0)
        total += answers[i].score;
    }
  g_ptr_array_add (order, NULL);

  id = bekal_store_start_attempt (fixture->store, profile_id, "m", "1.0", "hash", quiz_id, role,
                                  7, (const char * const *) order->pdata, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_answers; i++)
    {
      bekal_store_record_answer (fixture->store, id, answers[i].question_id, "t",
                                 answers[i].response, answers[i].score, &error);
      g_assert_no_error (error);
    }
  bekal_store_finish_attempt (fixture->store, id, total / n_answers, BEKAL_QUIZ_VERDICT_NONE,
                              &error);
  g_assert_no_error (error);

  /* first pre-test and latest post-test count: the fixture sets the order explicitly */
  sql = g_strdup_printf ("UPDATE quiz_attempts SET finished_at = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, finished_at, id);
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (fixture->store), sql,
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return id;
}

#define ADD(fixture, learner, quiz, role, when, ...) \
  G_STMT_START { \
    const Answer answers_[] = { __VA_ARGS__ }; \
    add_attempt (fixture, (fixture)->learners[learner], quiz, role, when, answers_, \
                 G_N_ELEMENTS (answers_)); \
  } G_STMT_END

/*
 * Module "m", pre-test quiz "pre" (three right/wrong questions), counted attempts:
 *
 *   learner  q1 (response)  q2  q3  total
 *   A        1 (a)          1   1   3
 *   B        1 (a)          1   0   2
 *   C        1 (a)          0   1   2
 *   D        0 (b,c)        1   0   1
 *   E        1 (a)          0   0   1
 *   F        0 (c)          0   0   0
 *
 * Not counted: A's second pre-test (later, all wrong), a practice attempt, and A's scale answer
 * "sc" (unscored). Post-test quiz "post": A 1,0,1  B 1,0,0  C 1,0,1 (q1, q2, q3).
 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "A", "B", "C", "D", "E", "F" };

  fixture->dir = test_make_tmp_dir ();
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      fixture->learners[i] = bekal_store_create_profile (fixture->store, names[i], "", "", 0,
                                                         FALSE, &error);
      g_assert_no_error (error);
    }

  ADD (fixture, 0, "pre", BEKAL_QUIZ_PRETEST, 1000, { "q1", "a", 1 }, { "q2", "a", 1 },
       { "q3", "a", 1 }, { "sc", "4", BEKAL_STORE_NO_SCORE });
  ADD (fixture, 0, "pre", BEKAL_QUIZ_PRETEST, 2000, { "q1", "b", 0 }, { "q2", "b", 0 },
       { "q3", "b", 0 });
  ADD (fixture, 0, "practice", BEKAL_QUIZ_PRACTICE, 2500, { "q1", "b", 0 });
  ADD (fixture, 1, "pre", BEKAL_QUIZ_PRETEST, 1000, { "q1", "a", 1 }, { "q2", "a", 1 },
       { "q3", "b", 0 });
  ADD (fixture, 2, "pre", BEKAL_QUIZ_PRETEST, 1000, { "q1", "a", 1 }, { "q2", "b", 0 },
       { "q3", "a", 1 });
  ADD (fixture, 3, "pre", BEKAL_QUIZ_PRETEST, 1000, { "q1", "b,c", 0 }, { "q2", "a", 1 },
       { "q3", "b", 0 });
  ADD (fixture, 4, "pre", BEKAL_QUIZ_PRETEST, 1000, { "q1", "a", 1 }, { "q2", "b", 0 },
       { "q3", "b", 0 });
  ADD (fixture, 5, "pre", BEKAL_QUIZ_PRETEST, 1000, { "q1", "c", 0 }, { "q2", "b", 0 },
       { "q3", "b", 0 });

  ADD (fixture, 0, "post", BEKAL_QUIZ_POSTTEST, 3000, { "q1", "a", 1 }, { "q2", "b", 0 },
       { "q3", "a", 1 });
  ADD (fixture, 1, "post", BEKAL_QUIZ_POSTTEST, 3000, { "q1", "a", 1 }, { "q2", "b", 0 },
       { "q3", "b", 0 });
  ADD (fixture, 2, "post", BEKAL_QUIZ_POSTTEST, 3000, { "q1", "a", 1 }, { "q2", "b", 0 },
       { "q3", "a", 1 });
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static const BekalTestStats *
find_test (GPtrArray  *tests,
           const char *quiz_id)
{
  for (guint i = 0; i < tests->len; i++)
    {
      const BekalTestStats *test = g_ptr_array_index (tests, i);

      if (g_str_equal (test->quiz_id, quiz_id))
        return test;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
assert_close (double value,
              double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, EPS);
}

static void
check_pretest (const BekalTestStats *test)
{
  const BekalItemStats *q1, *q2, *q3;
  const BekalItemOption *option;

  g_assert_cmpstr (test->module_id, ==, "m");
  g_assert_cmpuint (test->n_attempts, ==, 6);
  g_assert_cmpuint (test->n_items, ==, 3);
  g_assert_cmpuint (test->items->len, ==, 3);
  q1 = g_ptr_array_index (test->items, 0);
  q2 = g_ptr_array_index (test->items, 1);
  q3 = g_ptr_array_index (test->items, 2);
  g_assert_cmpstr (q1->question_id, ==, "q1");
  g_assert_cmpstr (q3->question_id, ==, "q3");

  /* Totals 3,2,2,1,1,0: mean 9/6 = 1.5; sample variance ((1.5² + 0.5² × 4 + 1.5²) / 5)
   * = 5.5 / 5 = 1.1, SD √1.1 = 1.0488088 */
  assert_close (test->mean, 1.5);
  assert_close (test->sd, sqrt (1.1));

  /* q1: x = 1,1,1,0,1,0 (n 6, Σx 4, Σx² 4): facility 4/6 = 0.6666667;
   * var = (4 − 16/6) / 5 = 0.2666667, SD 0.5163978.
   * rest r = total − x = 2,1,1,1,0,0 (Σr 5, Σr² 7): var_r = (7 − 25/6) / 5 = 0.5666667.
   * Σxr = 2+1+1 = 4: cov = (4 − 4×5/6) / 5 = 0.1333333.
   * discrimination = 0.1333333 / √(0.2666667 × 0.5666667) = 0.3429972.
   * Sorted x 0,0,1,1,1,1 paired with sorted r 0,0,1,1,1,2: Σ = 5, cov_max = (5 − 20/6) / 5
   * = 0.3333333; efficiency 0.1333333 / 0.3333333 = 0.4. No flag. */
  g_assert_cmpuint (q1->n, ==, 6);
  assert_close (q1->facility, 4.0 / 6);
  assert_close (q1->sd, sqrt (4.0 / 15));
  assert_close (q1->discrimination, 0.3429972);
  assert_close (q1->efficiency, 0.4);
  g_assert_cmpint (q1->flags, ==, BEKAL_ITEM_FLAG_NONE);

  /* q1's options: a 4 times, c twice (D's "b,c" and F's "c"), b once; of 6 answers */
  g_assert_cmpuint (q1->options->len, ==, 3);
  option = g_ptr_array_index (q1->options, 0);
  g_assert_cmpstr (option->option_id, ==, "a");
  g_assert_cmpuint (option->n, ==, 4);
  assert_close (option->fraction, 4.0 / 6);
  option = g_ptr_array_index (q1->options, 1);
  g_assert_cmpstr (option->option_id, ==, "c");
  g_assert_cmpuint (option->n, ==, 2);
  assert_close (option->fraction, 2.0 / 6);
  option = g_ptr_array_index (q1->options, 2);
  g_assert_cmpstr (option->option_id, ==, "b");
  g_assert_cmpuint (option->n, ==, 1);
  assert_close (option->fraction, 1.0 / 6);

  /* q2: x = 1,1,0,1,0,0 (Σx 3): facility 0.5; var = (3 − 9/6) / 5 = 0.3, SD 0.5477226.
   * r = 2,1,2,0,1,0 (Σr 6, Σr² 10): var_r = (10 − 6) / 5 = 0.8. Σxr = 2+1 = 3:
   * cov = (3 − 3×6/6) / 5 = 0: discrimination 0, flagged. Sorted pairing 0,0,0,1,1,1 with
   * 0,0,1,1,2,2: Σ = 5, cov_max = (5 − 3) / 5 = 0.4; efficiency 0. */
  assert_close (q2->facility, 0.5);
  assert_close (q2->sd, sqrt (0.3));
  assert_close (q2->discrimination, 0);
  assert_close (q2->efficiency, 0);
  g_assert_cmpint (q2->flags, ==, BEKAL_ITEM_FLAG_LOW_DISCRIMINATION);

  /* q3: x = 1,0,1,0,0,0 (Σx 2): facility 1/3; var = (2 − 4/6) / 5 = 0.2666667.
   * r = 2,2,1,1,1,0 (Σr 7, Σr² 11): var_r = (11 − 49/6) / 5 = 0.5666667. Σxr = 2+1 = 3:
   * cov = (3 − 2×7/6) / 5 = 0.1333333; discrimination 0.3429972 as q1. Sorted 0,0,0,0,1,1
   * with 0,1,1,1,2,2: Σ = 4, cov_max = (4 − 14/6) / 5 = 0.3333333; efficiency 0.4. */
  assert_close (q3->facility, 1.0 / 3);
  assert_close (q3->sd, sqrt (4.0 / 15));
  assert_close (q3->discrimination, 0.3429972);
  assert_close (q3->efficiency, 0.4);
  g_assert_cmpint (q3->flags, ==, BEKAL_ITEM_FLAG_NONE);

  /* alpha = 3/2 × (1 − (0.2666667 + 0.3 + 0.2666667) / 1.1) = 1.5 × (1 − 0.7575758)
   * = 0.3636364 (KR-20 with p·q and population variances gives the same: 1.5 × (1 −
   * 0.6944444 / 0.9166667)). SEM = √1.1 × √(1 − 0.3636364) = √0.7 = 0.8366600. */
  assert_close (test->alpha, 0.3636364);
  assert_close (test->sem, sqrt (0.7));
}

static void
check_posttest (const BekalTestStats *test)
{
  const BekalItemStats *q1, *q2, *q3;

  /* A 1,0,1  B 1,0,0  C 1,0,1: totals 2,1,2, mean 5/3, var (0.1111×2 + 0.4444) / 2 = 1/3 */
  g_assert_cmpuint (test->n_attempts, ==, 3);
  assert_close (test->mean, 5.0 / 3);
  assert_close (test->sd, sqrt (1.0 / 3));
  q1 = g_ptr_array_index (test->items, 0);
  q2 = g_ptr_array_index (test->items, 1);
  q3 = g_ptr_array_index (test->items, 2);

  /* q1 all right: facility 1, SD 0, no correlation (no variance), too easy */
  assert_close (q1->facility, 1);
  assert_close (q1->sd, 0);
  g_assert_true (isnan (q1->discrimination));
  g_assert_true (isnan (q1->efficiency));
  g_assert_cmpint (q1->flags, ==, BEKAL_ITEM_FLAG_TOO_EASY);

  /* q2 all wrong: too hard */
  assert_close (q2->facility, 0);
  g_assert_cmpint (q2->flags, ==, BEKAL_ITEM_FLAG_TOO_HARD);

  /* q3: x 1,0,1, var (2 − 4/3) / 2 = 1/3; rest 1,1,1 does not vary: no discrimination */
  assert_close (q3->facility, 2.0 / 3);
  assert_close (q3->sd, sqrt (1.0 / 3));
  g_assert_true (isnan (q3->discrimination));
  g_assert_cmpint (q3->flags, ==, BEKAL_ITEM_FLAG_NONE);

  /* alpha = 3/2 × (1 − (0 + 0 + 1/3) / (1/3)) = 0; SEM = SD × √1 */
  assert_close (test->alpha, 0);
  assert_close (test->sem, sqrt (1.0 / 3));
}

static void
test_by_hand (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GPtrArray) reference = NULL;

  tests = bekal_item_analysis_run (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, 2);
  check_pretest (find_test (tests, "pre"));
  check_posttest (find_test (tests, "post"));

  /* the definition from every answer gives the same figures */
  reference = bekal_item_analysis_run_from_answers (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reference->len, ==, 2);
  check_pretest (find_test (reference, "pre"));
  check_posttest (find_test (reference, "post"));

  /* one module only */
  g_clear_pointer (&tests, g_ptr_array_unref);
  tests = bekal_item_analysis_run (fixture->store, "other", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, 0);
}

/* The running counts follow deletions: without F (0,0,0) the pre-test has five attempts and
 * q1 keeps its options of the other five (a 4, b 1, c 1) */
static void
test_counts_follow_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  const BekalTestStats *pre, *pre_ref;
  const BekalItemStats *q1;

  bekal_store_delete_profile (fixture->store, fixture->learners[5], &error);
  g_assert_no_error (error);

  tests = bekal_item_analysis_run (fixture->store, "m", &error);
  g_assert_no_error (error);
  reference = bekal_item_analysis_run_from_answers (fixture->store, "m", &error);
  g_assert_no_error (error);
  pre = find_test (tests, "pre");
  pre_ref = find_test (reference, "pre");
  g_assert_cmpuint (pre->n_attempts, ==, 5);
  /* totals 3,2,2,1,1: mean 9/5 = 1.8 */
  assert_close (pre->mean, 1.8);
  assert_close (pre->alpha, pre_ref->alpha);
  assert_close (pre->sem, pre_ref->sem);
  for (guint i = 0; i < pre->items->len; i++)
    {
      const BekalItemStats *a = g_ptr_array_index (pre->items, i);
      const BekalItemStats *b = g_ptr_array_index (pre_ref->items, i);

      g_assert_cmpstr (a->question_id, ==, b->question_id);
      g_assert_cmpuint (a->n, ==, b->n);
      assert_close (a->facility, b->facility);
      assert_close (a->discrimination, b->discrimination);
      assert_close (a->efficiency, b->efficiency);
    }
  q1 = g_ptr_array_index (pre->items, 0);
  g_assert_cmpuint (q1->options->len, ==, 3);
  g_assert_cmpuint (((BekalItemOption *) g_ptr_array_index (q1->options, 0))->n, ==, 4);
  g_assert_cmpuint (((BekalItemOption *) g_ptr_array_index (q1->options, 1))->n, ==, 1);
}

static void
test_csv_and_hints (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  tests = bekal_item_analysis_run (fixture->store, NULL, &error);
  g_assert_no_error (error);
  csv = bekal_item_analysis_to_csv (tests);
  lines = g_strsplit (csv, "\r\n", -1);
  /* header, 3 + 3 questions, and the empty string after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_true (g_str_has_prefix (lines[0], "module,quiz,question,n,facility,sd,"));
  g_assert_cmpstr (lines[1], ==, "m,post,q1,3,1.000,0.000,,,too-easy,a=3,3,3,1.667,0.577,0.000,"
                                 "0.577");
  g_assert_cmpstr (lines[4], ==, "m,pre,q1,6,0.667,0.516,0.343,0.400,,a=4;c=2;b=1,6,3,1.500,"
                                 "1.049,0.364,0.837");
  g_assert_cmpstr (lines[5], ==, "m,pre,q2,6,0.500,0.548,0.000,0.000,low-discrimination,"
                                 "a=3;b=3,6,3,1.500,1.049,0.364,0.837");

  g_assert_cmpstr (bekal_item_flag_hint (BEKAL_ITEM_FLAG_NONE), ==, "");
  g_assert_nonnull (strstr (bekal_item_flag_hint (BEKAL_ITEM_FLAG_TOO_HARD), "answer key"));
  g_assert_cmpuint (strlen (bekal_item_flag_hint (BEKAL_ITEM_FLAG_TOO_EASY)), >, 20);
  g_assert_cmpuint (strlen (bekal_item_flag_hint (BEKAL_ITEM_FLAG_LOW_DISCRIMINATION)), >, 20);
}

/* Every profile gets its own UUID (schema version 4), also those made after the migration */
static void
test_profile_uuids (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) pattern = g_regex_new ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                                            "-[0-9a-f]{12}$", 0, 0, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid FROM profiles", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_nonnull (uuid);
      g_assert_true (g_regex_match (pattern, uuid, 0, NULL));
      g_assert_true (g_hash_table_add (seen, g_strdup (uuid)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/item-analysis/by-hand", test_by_hand);
  ADD_TEST ("/item-analysis/counts-follow-changes", test_counts_follow_changes);
  ADD_TEST ("/item-analysis/csv-and-hints", test_csv_and_hints);
  ADD_TEST ("/item-analysis/profile-uuids", test_profile_uuids);

  return g_test_run ();
}
