/* test-store-sessions.c: group sessions in the store: sessions, roster, attempts taken in a
 * session (counted by the reports), room totals (never counted), parallel forms by seat, the
 * asynchronous forms, and migration 7
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store-sessions.h>
#include <bekal/bekal-store-trainer.h>

#include "bekal-store-private.h"
#include "test-util.h"

typedef struct
{
  char       *dir;
  BekalStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
query_int (BekalStore *store,
           const char *sql)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A finished attempt of @profile in session @session with one answer per question */
static gint64
add_group_attempt (BekalStore    *store,
                   gint64         session,
                   gint64         profile,
                   const char    *quiz_id,
                   BekalQuizRole  role,
                   const double  *scores,
                   guint          n)
{
  static const char * const ids[] = { "q1", "q2", "q3", "q4", NULL };
  g_autoptr(GError) error = NULL;
  double total = 0;
  gint64 id;

  g_assert_cmpuint (n, <=, 4);
  id = bekal_store_start_group_attempt (store, session, profile, "m", "1", "hash", quiz_id,
                                        role, 7, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  for (guint i = 0; i < n; i++)
    {
      bekal_store_record_answer (store, id, ids[i], "t", scores[i] > 0.5 ? "a" : "b",
                                 scores[i], &error);
      g_assert_no_error (error);
      total += scores[i];
    }
  bekal_store_finish_attempt (store, id, total / n, BEKAL_QUIZ_VERDICT_NONE, &error);
  g_assert_no_error (error);
  return id;
}

static const BekalGapRow *
find_module_row (GPtrArray *rows)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const BekalGapRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->module_id, "m") && *row->topic_id == '\0' && *row->month == '\0')
        return row;
    }
  return NULL;
}

/* Sessions: made, listed newest first with their roster, moved, ended, reopened, deleted */
static void
test_sessions (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const lessons[] = { "pengantar", "latihan", NULL };
  const char * const bad_lessons[] = { "a,b", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(BekalGroupSession) first = NULL;
  g_autoptr(BekalGroupSession) again = NULL;
  gint64 one, two;

  g_assert_cmpint (bekal_store_create_group_session (fixture->store, "", NULL, NULL,
                                                     BEKAL_GROUP_SESSION_PHONES, &error),
                   ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bekal_store_create_group_session (fixture->store, "m", bad_lessons, NULL,
                                                     BEKAL_GROUP_SESSION_PHONES, &error),
                   ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  one = bekal_store_create_group_session (fixture->store, "m", lessons, "K7Q2",
                                          BEKAL_GROUP_SESSION_PHONES, &error);
  g_assert_no_error (error);
  two = bekal_store_create_group_session (fixture->store, "m2", NULL, NULL,
                                          BEKAL_GROUP_SESSION_PAPER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (one, >, 0);
  g_assert_cmpint (two, >, one);

  first = bekal_store_dup_group_session (fixture->store, one, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->module_id, ==, "m");
  g_assert_nonnull (first->lessons);
  g_assert_cmpstrv (first->lessons, lessons);
  g_assert_cmpstr (first->room_code, ==, "K7Q2");
  g_assert_cmpint (first->mode, ==, BEKAL_GROUP_SESSION_PHONES);
  g_assert_cmpint (first->state, ==, BEKAL_GROUP_SESSION_OPEN);
  g_assert_cmpuint (first->position, ==, 0);
  g_assert_cmpint (first->ended_at, ==, 0);
  g_assert_cmpint (first->created_at, >, 0);
  g_assert_cmpuint (first->roster->len, ==, 0);

  /* the place, the code and the mode survive a restart of the store */
  g_assert_true (bekal_store_set_group_session_position (fixture->store, one, 17, &error));
  g_assert_true (bekal_store_set_group_session_room_code (fixture->store, one, "ZZ99", &error));
  g_assert_true (bekal_store_set_group_session_mode (fixture->store, one,
                                                     BEKAL_GROUP_SESSION_PAPER, &error));
  g_assert_true (bekal_store_set_group_session_state (fixture->store, one,
                                                      BEKAL_GROUP_SESSION_ENDED, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);

  again = bekal_store_dup_group_session (fixture->store, one, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->position, ==, 17);
  /* the room's draw stays the same after a restart */
  g_assert_cmpuint (again->seed, ==, first->seed);
  g_assert_cmpstr (again->room_code, ==, "ZZ99");
  g_assert_cmpint (again->mode, ==, BEKAL_GROUP_SESSION_PAPER);
  g_assert_cmpint (again->state, ==, BEKAL_GROUP_SESSION_ENDED);
  g_assert_cmpint (again->ended_at, >, 0);
  g_assert_cmpint (again->updated_at, >=, again->created_at);

  sessions = bekal_store_list_group_sessions (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 2);
  /* same second: the later id first */
  g_assert_cmpint (((BekalGroupSession *) g_ptr_array_index (sessions, 0))->id, ==, two);
  g_assert_null (((BekalGroupSession *) g_ptr_array_index (sessions, 0))->lessons);
  /* each session draws with a seed of its own (equal by chance once in 2^31) */
  g_assert_cmpuint (((BekalGroupSession *) g_ptr_array_index (sessions, 0))->seed, !=,
                    ((BekalGroupSession *) g_ptr_array_index (sessions, 1))->seed);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = bekal_store_list_group_sessions (fixture->store, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpint (((BekalGroupSession *) g_ptr_array_index (sessions, 0))->id, ==, one);

  /* opened again, it loses its end date */
  g_assert_true (bekal_store_set_group_session_state (fixture->store, one,
                                                      BEKAL_GROUP_SESSION_OPEN, &error));
  g_clear_pointer (&again, bekal_group_session_free);
  again = bekal_store_dup_group_session (fixture->store, one, &error);
  g_assert_cmpint (again->state, ==, BEKAL_GROUP_SESSION_OPEN);
  g_assert_cmpint (again->ended_at, ==, 0);

  /* unknown sessions */
  g_assert_null (bekal_store_dup_group_session (fixture->store, 999, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bekal_store_set_group_session_position (fixture->store, 999, 1, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (bekal_store_delete_group_session (fixture->store, two, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = bekal_store_list_group_sessions (fixture->store, NULL, &error);
  g_assert_cmpuint (sessions->len, ==, 1);
}

/* The roster: existing profiles and newcomers, seats that never change nor come back */
static void
test_roster (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalGroupSession) session = NULL;
  g_autoptr(BekalProfile) profile = NULL;
  gint64 id, ani, budi, citra;
  guint seat = G_MAXUINT;
  gint64 n_profiles;

  id = bekal_store_create_group_session (fixture->store, "m", NULL, NULL,
                                         BEKAL_GROUP_SESSION_PHONES, &error);
  ani = bekal_store_create_profile (fixture->store, "Ani", "Sentra Handayani", "Peksos", 3,
                                    TRUE, &error);
  g_assert_no_error (error);

  g_assert_true (bekal_store_add_group_session_participant (fixture->store, id, ani, &seat,
                                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seat, ==, 0);
  /* added twice: the same seat, no second entry */
  seat = G_MAXUINT;
  g_assert_true (bekal_store_add_group_session_participant (fixture->store, id, ani, &seat,
                                                            &error));
  g_assert_cmpuint (seat, ==, 0);

  budi = bekal_store_add_group_session_newcomer (fixture->store, id, "  Budi  ",
                                                 "Sentra Paramita", "Pendamping", FALSE, &seat,
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (budi, >, ani);
  g_assert_cmpuint (seat, ==, 1);
  /* a newcomer is a profile like any other */
  profile = bekal_store_dup_profile (fixture->store, budi, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_profile_get_name (profile), ==, "Budi");
  g_assert_cmpstr (bekal_profile_get_unit (profile), ==, "Sentra Paramita");
  g_assert_cmpstr (bekal_profile_get_role (profile), ==, "Pendamping");
  g_assert_false (bekal_profile_get_trained_before (profile));

  /* an empty name leaves no profile behind */
  n_profiles = query_int (fixture->store, "SELECT count (*) FROM profiles");
  g_assert_cmpint (bekal_store_add_group_session_newcomer (fixture->store, id, "   ", NULL, NULL,
                                                           FALSE, NULL, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* nor does an unknown session */
  g_assert_cmpint (bekal_store_add_group_session_newcomer (fixture->store, 999, "Dewi", NULL,
                                                           NULL, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM profiles"), ==, n_profiles);

  g_assert_false (bekal_store_add_group_session_participant (fixture->store, id, 4242, NULL,
                                                             &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the last seat taken off is not given again */
  citra = bekal_store_add_group_session_newcomer (fixture->store, id, "Citra", NULL, NULL, TRUE,
                                                  &seat, &error);
  g_assert_cmpuint (seat, ==, 2);
  g_assert_true (bekal_store_remove_group_session_participant (fixture->store, id, citra,
                                                               &error));
  g_assert_no_error (error);
  bekal_store_add_group_session_newcomer (fixture->store, id, "Dewi", NULL, NULL, TRUE, &seat,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seat, ==, 3);

  session = bekal_store_dup_group_session (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (session->roster->len, ==, 3);
  {
    BekalRosterEntry *first = g_ptr_array_index (session->roster, 0);
    BekalRosterEntry *second = g_ptr_array_index (session->roster, 1);
    BekalRosterEntry *third = g_ptr_array_index (session->roster, 2);

    g_assert_cmpuint (first->seat, ==, 0);
    g_assert_cmpint (first->profile_id, ==, ani);
    g_assert_cmpstr (first->name, ==, "Ani");
    g_assert_cmpstr (first->unit, ==, "Sentra Handayani");
    g_assert_true (first->trained_before);
    g_assert_cmpuint (second->seat, ==, 1);
    g_assert_cmpstr (second->name, ==, "Budi");
    g_assert_cmpuint (third->seat, ==, 3);
    g_assert_cmpstr (third->name, ==, "Dewi");
  }

  /* a merged profile keeps its seat under the profile kept */
  g_assert_true (bekal_store_merge_profiles (fixture->store, citra, budi, &error));
  g_assert_no_error (error);
  g_clear_pointer (&session, bekal_group_session_free);
  session = bekal_store_dup_group_session (fixture->store, id, &error);
  g_assert_cmpuint (session->roster->len, ==, 3);
  g_assert_cmpint (((BekalRosterEntry *) g_ptr_array_index (session->roster, 1))->profile_id,
                   ==, citra);
  g_assert_cmpuint (((BekalRosterEntry *) g_ptr_array_index (session->roster, 1))->seat, ==, 1);

  /* a deleted profile leaves the roster */
  g_assert_true (bekal_store_delete_profile (fixture->store, ani, &error));
  g_clear_pointer (&session, bekal_group_session_free);
  session = bekal_store_dup_group_session (fixture->store, id, &error);
  g_assert_cmpuint (session->roster->len, ==, 2);
}

/* At most BEKAL_GROUP_SESSION_MAX_PARTICIPANTS on a roster */
static void
test_roster_full (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bekal_store_create_group_session (fixture->store, "m", NULL, NULL,
                                         BEKAL_GROUP_SESSION_PHONES, &error);
  for (guint i = 0; i < BEKAL_GROUP_SESSION_MAX_PARTICIPANTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Peserta %u", i);
      guint seat;

      bekal_store_add_group_session_newcomer (fixture->store, id, name, NULL, NULL, FALSE,
                                              &seat, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (seat, ==, i);
    }
  g_assert_cmpint (bekal_store_add_group_session_newcomer (fixture->store, id, "Satu lagi", NULL,
                                                           NULL, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM profiles"), ==,
                   BEKAL_GROUP_SESSION_MAX_PARTICIPANTS);
}

/* Attempts taken in a session are the participants' own: the gap report, the counted attempt
 * (My results) and the item analysis count them, and they carry the session */
static void
test_attempts_counted (Fixture       *fixture,
                       gconstpointer  data)
{
  const double low[] = { 1, 0, 0 };
  const double high[] = { 1, 1, 1 };
  const double mid[] = { 1, 1, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(BekalQuizAttempt) counted = NULL;
  const BekalGapRow *row;
  gint64 id, other, ani, budi, outsider, pre;

  id = bekal_store_create_group_session (fixture->store, "m", NULL, NULL,
                                         BEKAL_GROUP_SESSION_PHONES, &error);
  ani = bekal_store_add_group_session_newcomer (fixture->store, id, "Ani", NULL, NULL, FALSE,
                                                NULL, &error);
  budi = bekal_store_add_group_session_newcomer (fixture->store, id, "Budi", NULL, NULL, TRUE,
                                                 NULL, &error);
  outsider = bekal_store_create_profile (fixture->store, "Luar", "", "", 0, FALSE, &error);
  other = bekal_store_create_group_session (fixture->store, "m2", NULL, NULL,
                                            BEKAL_GROUP_SESSION_PHONES, &error);
  bekal_store_add_group_session_participant (fixture->store, other, outsider, NULL, &error);
  g_assert_no_error (error);

  /* nobody off the roster, and no quiz of another module */
  g_assert_cmpint (bekal_store_start_group_attempt (fixture->store, id, outsider, "m", "1", "h",
                                                    "pre", BEKAL_QUIZ_PRETEST, 1, NULL, &error),
                   ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bekal_store_start_group_attempt (fixture->store, other, outsider, "m", "1",
                                                    "h", "pre", BEKAL_QUIZ_PRETEST, 1, NULL,
                                                    &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bekal_store_start_group_attempt (fixture->store, 999, ani, "m", "1", "h",
                                                    "pre", BEKAL_QUIZ_PRETEST, 1, NULL, &error),
                   ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  pre = add_group_attempt (fixture->store, id, ani, "pre", BEKAL_QUIZ_PRETEST, low, 3);
  add_group_attempt (fixture->store, id, ani, "post", BEKAL_QUIZ_POSTTEST, high, 3);
  add_group_attempt (fixture->store, id, budi, "pre", BEKAL_QUIZ_PRETEST, mid, 3);
  add_group_attempt (fixture->store, id, budi, "post", BEKAL_QUIZ_POSTTEST, high, 3);

  rows = bekal_report_gap (fixture->store, &error);
  g_assert_no_error (error);
  row = find_module_row (rows);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->untrained.pre_n, ==, 1);
  g_assert_cmpuint (row->untrained.post_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->untrained.pre_mean, 100.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (row->untrained.post_mean, 100.0, 1e-6);
  g_assert_cmpuint (row->trained.pre_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->trained.pre_mean, 200.0 / 3, 1e-6);
  /* the running sums agree with the answers */
  reference = bekal_report_gap_from_answers (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reference->len, ==, rows->len);
  g_assert_cmpuint (find_module_row (reference)->untrained.pre_n, ==, 1);

  counted = bekal_store_dup_counted_attempt (fixture->store, ani, "m", BEKAL_QUIZ_PRETEST,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (counted->id, ==, pre);
  g_assert_cmpint (counted->session_id, ==, id);

  tests = bekal_item_analysis_run (fixture->store, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, 2);
  g_assert_cmpuint (((BekalTestStats *) g_ptr_array_index (tests, 0))->n_attempts, ==, 2);

  attempts = bekal_store_list_group_attempts (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 4);
  for (guint i = 0; i < attempts->len; i++)
    g_assert_cmpint (((BekalQuizAttempt *) g_ptr_array_index (attempts, i))->session_id, ==, id);

  {
    g_autoptr(BekalQuizAttempt) found = NULL;

    found = bekal_store_find_group_attempt (fixture->store, id, budi, "post", &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_cmpint (found->profile_id, ==, budi);
    g_assert_null (bekal_store_find_group_attempt (fixture->store, other, budi, "post", &error));
    g_assert_no_error (error);
  }

  /* deleting the session keeps the attempts, unmarked, and the report */
  g_assert_true (bekal_store_delete_group_session (fixture->store, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&counted, bekal_quiz_attempt_free);
  counted = bekal_store_dup_attempt (fixture->store, pre, &error);
  g_assert_no_error (error);
  g_assert_cmpint (counted->session_id, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = bekal_report_gap (fixture->store, &error);
  g_assert_cmpuint (find_module_row (rows)->untrained.pre_n, ==, 1);
}

/* Room totals: kept, replaced, refused when they cannot be right, and never counted as a
 * learner's */
static void
test_room_totals (Fixture       *fixture,
                  gconstpointer  data)
{
  const double scores[] = { 1, 0, 1 };
  const char * const options[] = { "a", "b", "c" };
  const guint counts[] = { 12, 3, 0 };
  const guint fixed[] = { 10, 5 };
  const guint too_many[] = { BEKAL_ROOM_TOTAL_MAX_COUNT + 1 };
  const char * const twice[] = { "a", "a" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) items_before = NULL;
  g_autoptr(GPtrArray) items_after = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  gint64 id, ani;

  id = bekal_store_create_group_session (fixture->store, "m", NULL, NULL,
                                         BEKAL_GROUP_SESSION_PAPER, &error);
  ani = bekal_store_add_group_session_newcomer (fixture->store, id, "Ani", NULL, NULL, FALSE,
                                                NULL, &error);
  add_group_attempt (fixture->store, id, ani, "pre", BEKAL_QUIZ_PRETEST, scores, 3);
  before = bekal_report_gap (fixture->store, &error);
  items_before = bekal_item_analysis_run (fixture->store, "m", &error);
  g_assert_no_error (error);

  g_assert_true (bekal_store_set_room_totals (fixture->store, id, "pre", "q1", options, counts,
                                              3, &error));
  g_assert_no_error (error);
  g_assert_true (bekal_store_set_room_totals (fixture->store, id, "pre", "q2", options, counts,
                                              3, &error));
  /* typed again: replaces */
  g_assert_true (bekal_store_set_room_totals (fixture->store, id, "pre", "q1", options, fixed, 2,
                                              &error));
  g_assert_no_error (error);

  g_assert_false (bekal_store_set_room_totals (fixture->store, id, "pre", "q3", options,
                                               too_many, 1, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_set_room_totals (fixture->store, id, "pre", "q3", twice, fixed, 2,
                                               &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_set_room_totals (fixture->store, id, "", "q3", options, fixed, 2,
                                               &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bekal_store_set_room_totals (fixture->store, 999, "pre", "q3", options, fixed,
                                               2, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  totals = bekal_store_list_room_totals (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 5);
  {
    guint q1 = 0, q2 = 0, sum_q1 = 0;

    for (guint i = 0; i < totals->len; i++)
      {
        BekalRoomTotal *total = g_ptr_array_index (totals, i);

        g_assert_cmpstr (total->quiz_id, ==, "pre");
        if (g_str_equal (total->question_id, "q1"))
          {
            q1++;
            sum_q1 += total->count;
            g_assert_cmpstr (total->option, ==, options[q1 - 1]);
          }
        else
          q2++;
      }
    g_assert_cmpuint (q1, ==, 2);
    g_assert_cmpuint (sum_q1, ==, 15);
    g_assert_cmpuint (q2, ==, 3);
  }

  /* the reports did not move */
  after = bekal_report_gap (fixture->store, &error);
  items_after = bekal_item_analysis_run (fixture->store, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (find_module_row (after)->untrained.pre_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (find_module_row (after)->untrained.pre_mean,
                                  find_module_row (before)->untrained.pre_mean, 1e-9);
  g_assert_cmpuint (items_after->len, ==, items_before->len);
  {
    BekalTestStats *test_before = g_ptr_array_index (items_before, 0);
    BekalTestStats *test_after = g_ptr_array_index (items_after, 0);

    g_assert_cmpuint (test_after->n_attempts, ==, 1);
    g_assert_cmpuint (test_after->n_attempts, ==, test_before->n_attempts);
    for (guint i = 0; i < test_after->items->len; i++)
      {
        BekalItemStats *item = g_ptr_array_index (test_after->items, i);

        g_assert_cmpuint (item->n, ==, 1);
        for (guint k = 0; k < item->options->len; k++)
          g_assert_cmpuint (((BekalItemOption *) g_ptr_array_index (item->options, k))->n, ==, 1);
      }
  }
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM quiz_answers"), ==, 3);

  /* deleting the session takes its totals along */
  g_assert_true (bekal_store_delete_group_session (fixture->store, id, &error));
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count (*) FROM group_session_room_totals"), ==, 0);
}

/* The asynchronous forms give the same results as the calls they wrap */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  const char * const lessons[] = { "l1", NULL };
  const char * const order[] = { "q1", "q2", NULL };
  const char * const options[] = { "a", "b" };
  const guint counts[] = { 4, 6 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalGroupSession) session = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  GAsyncResult *result = NULL;
  gint64 id, budi, ani, attempt;
  guint seat = G_MAXUINT;

  bekal_store_create_group_session_async (fixture->store, "m", lessons, "AB12",
                                          BEKAL_GROUP_SESSION_PHONES, NULL, on_async_done,
                                          &result);
  id = bekal_store_create_group_session_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&result);

  bekal_store_add_group_session_newcomer_async (fixture->store, id, "Budi", "S", "R", TRUE,
                                                NULL, on_async_done, &result);
  budi = bekal_store_add_group_session_newcomer_finish (fixture->store, wait_for (&result),
                                                        &seat, &error);
  g_assert_no_error (error);
  g_assert_cmpint (budi, >, 0);
  g_assert_cmpuint (seat, ==, 0);
  g_clear_object (&result);

  bekal_store_add_group_session_newcomer_async (fixture->store, id, "", NULL, NULL, FALSE, NULL,
                                                on_async_done, &result);
  g_assert_cmpint (bekal_store_add_group_session_newcomer_finish (fixture->store,
                                                                  wait_for (&result), NULL,
                                                                  &error), ==, 0);
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  ani = bekal_store_create_profile (fixture->store, "Ani", "", "", 0, FALSE, &error);
  bekal_store_add_group_session_participant_async (fixture->store, id, ani, NULL, on_async_done,
                                                   &result);
  g_assert_true (bekal_store_add_group_session_participant_finish (fixture->store,
                                                                   wait_for (&result), &seat,
                                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seat, ==, 1);
  g_clear_object (&result);

  bekal_store_set_group_session_position_async (fixture->store, id, 5, NULL, on_async_done,
                                                &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_clear_object (&result);
  bekal_store_set_group_session_state_async (fixture->store, id, BEKAL_GROUP_SESSION_ENDED,
                                             NULL, on_async_done, &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_clear_object (&result);
  bekal_store_set_group_session_room_code_async (fixture->store, id, "CD34", NULL, on_async_done,
                                                 &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_clear_object (&result);
  bekal_store_set_group_session_mode_async (fixture->store, id, BEKAL_GROUP_SESSION_PAPER, NULL,
                                            on_async_done, &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_clear_object (&result);
  bekal_store_set_room_totals_async (fixture->store, id, "pre", "q1", options, counts, 2, NULL,
                                     on_async_done, &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  bekal_store_start_group_attempt_async (fixture->store, id, budi, "m", "1", "h", "pre",
                                         BEKAL_QUIZ_PRETEST, 3, order, NULL, on_async_done,
                                         &result);
  attempt = bekal_store_start_group_attempt_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (attempt, >, 0);
  g_clear_object (&result);

  session = bekal_store_dup_group_session (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (session->position, ==, 5);
  g_assert_cmpint (session->state, ==, BEKAL_GROUP_SESSION_ENDED);
  g_assert_cmpuint (session->roster->len, ==, 2);
  totals = bekal_store_list_room_totals (fixture->store, id, &error);
  g_assert_cmpuint (totals->len, ==, 2);

  bekal_store_list_group_sessions_async (fixture->store, "m", NULL, on_async_done, &result);
  list = bekal_store_list_group_sessions_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((BekalGroupSession *) g_ptr_array_index (list, 0))->roster->len, ==, 2);
  g_assert_cmpstr (((BekalGroupSession *) g_ptr_array_index (list, 0))->room_code, ==, "CD34");
  g_assert_cmpint (((BekalGroupSession *) g_ptr_array_index (list, 0))->mode, ==,
                   BEKAL_GROUP_SESSION_PAPER);
  g_clear_object (&result);

  bekal_store_remove_group_session_participant_async (fixture->store, id, ani, NULL,
                                                      on_async_done, &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_clear_object (&result);
  g_clear_pointer (&session, bekal_group_session_free);
  session = bekal_store_dup_group_session (fixture->store, id, &error);
  g_assert_cmpuint (session->roster->len, ==, 1);

  bekal_store_delete_group_session_async (fixture->store, id, NULL, on_async_done, &result);
  g_assert_true (bekal_store_write_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_null (bekal_store_dup_group_session (fixture->store, id, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
}

/* A version 6 database keeps its attempts, unmarked, and gets the session tables */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  sqlite3 *db = NULL;
  g_autoptr(GDir) dir = NULL;
  gboolean has_backup = FALSE;

  g_clear_object (&fixture->store);
  path = g_build_filename (fixture->dir, BEKAL_STORE_FILE_NAME, NULL);
  g_remove (path);
  g_assert_true (bekal_store_create_database_for_testing (path, 6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO profiles (id, name, created_at) VALUES (1, 'Ani', 1);"
                                 "INSERT INTO quiz_attempts (profile_id, module_id, module_version,"
                                 " content_hash, quiz_id, role, seed, question_order, started_at)"
                                 " VALUES (1, 'm', '1', 'h', 'pre', 'pretest', 1, 'q1', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "PRAGMA user_version"), ==, 7);

  attempts = bekal_store_list_attempts (fixture->store, 1, "m", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  g_assert_cmpint (((BekalQuizAttempt *) g_ptr_array_index (attempts, 0))->session_id, ==, 0);

  sessions = bekal_store_list_group_sessions (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_assert_cmpint (bekal_store_create_group_session (fixture->store, "m", NULL, NULL,
                                                     BEKAL_GROUP_SESSION_PHONES, &error), >, 0);
  g_assert_no_error (error);

  /* the file of version 6 is kept beside */
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  for (const char *name = g_dir_read_name (dir); name != NULL; name = g_dir_read_name (dir))
    if (g_str_equal (name, BEKAL_STORE_FILE_NAME ".bak-v6"))
      has_backup = TRUE;
  g_assert_true (has_backup);
}

/* Parallel forms in a room */

/* A pool of eight questions, in forms a and b when @with_forms; both tests draw three */
static BekalModule *
load_forms_module (const char *dir,
                   gboolean    with_forms)
{
  g_autofree char *folder = g_build_filename (dir, with_forms ? "uji-bentuk" : "uji-tanpa",
                                              NULL);
  g_autofree char *path = g_build_filename (folder, "module.id.xml", NULL);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalModule *module;

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<module xmlns=\"urn:bekal:module:1\" id=\"%s\" version=\"1\" "
                          "xml:lang=\"id\"><title>T</title><summary>S</summary>"
                          "<meta><author>A</author></meta><topics><topic id=\"t\">T</topic>"
                          "</topics>\n"
                          "<quiz id=\"pre\" role=\"pretest\" draw=\"3\" shuffle=\"true\">\n",
                          with_forms ? "uji-bentuk" : "uji-tanpa");
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (xml,
                            "<question id=\"q%u\" topic=\"t\" type=\"truefalse\" "
                            "answer=\"true\"%s><prompt>P</prompt><explanation>E</explanation>"
                            "</question>\n", i,
                            !with_forms ? "" : i % 2 == 0 ? " form=\"a\"" : " form=\"b\"");
  g_string_append (xml,
                   "</quiz>\n<lesson id=\"l\"><title>L</title><p>P</p></lesson>\n"
                   "<quiz id=\"latihan\" role=\"practice\"><question id=\"x\" topic=\"t\" "
                   "type=\"truefalse\" answer=\"true\"><prompt>P</prompt></question></quiz>\n"
                   "<quiz id=\"post\" role=\"posttest\" pool=\"pre\" draw=\"3\" pass=\"70\"/>\n"
                   "</module>\n");

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  if (module == NULL)
    test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);

  return module;
}

static void
test_form_for_seat (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = load_forms_module (dir, TRUE);
  g_autoptr(BekalModule) plain = load_forms_module (dir, FALSE);
  BekalQuiz *pre = bekal_module_find_quiz (module, "pre");
  BekalQuiz *post = bekal_module_find_quiz (module, "post");
  guint starts_a = 0;

  /* seat 0: a then b; seat 1: b then a; and so on, whatever the module */
  g_assert_cmpstr (bekal_quiz_form_for_seat (pre, 0), ==, "a");
  g_assert_cmpstr (bekal_quiz_form_for_seat (post, 0), ==, "b");
  g_assert_cmpstr (bekal_quiz_form_for_seat (pre, 1), ==, "b");
  g_assert_cmpstr (bekal_quiz_form_for_seat (post, 1), ==, "a");
  for (guint seat = 0; seat < 150; seat++)
    {
      const char *first = bekal_quiz_form_for_seat (pre, seat);

      g_assert_cmpstr (first, !=, bekal_quiz_form_for_seat (post, seat));
      starts_a += g_str_equal (first, "a");
    }
  g_assert_cmpuint (starts_a, ==, 75);

  /* no forms, or a practice quiz: everyone gets the same draw */
  g_assert_null (bekal_quiz_form_for_seat (bekal_module_find_quiz (plain, "pre"), 0));
  g_assert_null (bekal_quiz_form_for_seat (bekal_module_find_quiz (plain, "post"), 1));
  g_assert_null (bekal_quiz_form_for_seat (bekal_module_find_quiz (module, "latihan"), 0));

  test_remove_tree (dir);
}

/* Quiz sessions in a room: each participant's form, the session marked, the same draw for a
 * form, resumed rather than started twice */
static void
test_group_quiz_session (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BekalModule) module = load_forms_module (fixture->dir, TRUE);
  g_autoptr(BekalModule) plain = load_forms_module (fixture->dir, FALSE);
  BekalQuiz *pre = bekal_module_find_quiz (module, "pre");
  BekalQuiz *post = bekal_module_find_quiz (module, "post");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id, plain_id;

  id = bekal_store_create_group_session (fixture->store, bekal_module_get_id (module), NULL,
                                         NULL, BEKAL_GROUP_SESSION_PHONES, &error);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Peserta %u", i);

      bekal_store_add_group_session_newcomer (fixture->store, id, name, NULL, NULL, FALSE, NULL,
                                              &error);
      g_assert_no_error (error);
    }

  for (guint seat = 0; seat < 4; seat++)
    {
      g_autoptr(BekalQuizSession) pre_session = NULL;
      g_autoptr(BekalQuizSession) post_session = NULL;
      g_autoptr(BekalQuizSession) resumed = NULL;
      g_autoptr(BekalQuizAttempt) attempt = NULL;
      g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);
      const char *pre_form = seat % 2 == 0 ? "a" : "b";
      const char *post_form = seat % 2 == 0 ? "b" : "a";

      pre_session = bekal_quiz_session_start_in_group (fixture->store, id, seat, module, pre,
                                                       77, &error);
      g_assert_no_error (error);
      post_session = bekal_quiz_session_start_in_group (fixture->store, id, seat, module, post,
                                                        78, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (bekal_quiz_session_get_n_questions (pre_session), ==, 3);
      g_assert_cmpuint (bekal_quiz_session_get_n_questions (post_session), ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          BekalQuestion *question = bekal_quiz_session_get_question (pre_session, i);

          g_assert_cmpstr (bekal_question_get_form (question), ==, pre_form);
          g_hash_table_add (asked, (gpointer) bekal_question_get_id (question));
        }
      for (guint i = 0; i < 3; i++)
        {
          BekalQuestion *question = bekal_quiz_session_get_question (post_session, i);

          g_assert_cmpstr (bekal_question_get_form (question), ==, post_form);
          g_assert_false (g_hash_table_contains (asked, bekal_question_get_id (question)));
        }

      attempt = bekal_store_dup_attempt (fixture->store,
                                         bekal_quiz_session_get_attempt_id (pre_session), &error);
      g_assert_no_error (error);
      g_assert_cmpint (attempt->session_id, ==, id);

      /* asked again (the session resumed): the same attempt */
      resumed = bekal_quiz_session_start_in_group (fixture->store, id, seat, module, pre, 99,
                                                   &error);
      g_assert_no_error (error);
      g_assert_cmpint (bekal_quiz_session_get_attempt_id (resumed), ==,
                       bekal_quiz_session_get_attempt_id (pre_session));
      g_ptr_array_add (sessions, g_steal_pointer (&pre_session));
    }

  /* one form and one seed: the same questions in the same order for everyone */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (bekal_quiz_session_get_question_id (g_ptr_array_index (sessions, 0), i),
                       ==,
                       bekal_quiz_session_get_question_id (g_ptr_array_index (sessions, 2), i));
      g_assert_cmpstr (bekal_quiz_session_get_question_id (g_ptr_array_index (sessions, 1), i),
                       ==,
                       bekal_quiz_session_get_question_id (g_ptr_array_index (sessions, 3), i));
    }

  /* no such seat */
  g_assert_null (bekal_quiz_session_start_in_group (fixture->store, id, 40, module, pre, 1,
                                                    &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* without forms: the draw every learner gets with that seed */
  plain_id = bekal_store_create_group_session (fixture->store, bekal_module_get_id (plain), NULL,
                                               NULL, BEKAL_GROUP_SESSION_PHONES, &error);
  bekal_store_add_group_session_newcomer (fixture->store, plain_id, "Ani", NULL, NULL, FALSE,
                                          NULL, &error);
  {
    g_autoptr(BekalQuizSession) session = NULL;
    BekalQuiz *plain_pre = bekal_module_find_quiz (plain, "pre");
    g_auto(GStrv) expected = bekal_quiz_draw_questions (plain_pre, 77);

    session = bekal_quiz_session_start_in_group (fixture->store, plain_id, 0, plain, plain_pre,
                                                 77, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bekal_quiz_session_get_n_questions (session), ==,
                      g_strv_length (expected));
    for (guint i = 0; expected[i] != NULL; i++)
      g_assert_cmpstr (bekal_quiz_session_get_question_id (session, i), ==, expected[i]);
  }
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/store-sessions/sessions", test_sessions);
  add_test ("/store-sessions/roster", test_roster);
  add_test ("/store-sessions/roster-full", test_roster_full);
  add_test ("/store-sessions/attempts-counted", test_attempts_counted);
  add_test ("/store-sessions/room-totals", test_room_totals);
  add_test ("/store-sessions/async", test_async);
  add_test ("/store-sessions/migration", test_migration);
  g_test_add_func ("/store-sessions/form-for-seat", test_form_for_seat);
  add_test ("/store-sessions/group-quiz-session", test_group_quiz_session);

  return g_test_run ();
}
