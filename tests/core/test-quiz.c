/* test-quiz.c: scoring, draw and shuffle, and quiz sessions on a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include <bekal/bekal-loader.h>
#include <bekal/bekal-quiz.h>
#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"
#include "test-util.h"

/* The draw and option order of seed 12345: part of the stored format (docs/scoring.md) */
#define STABLE_DRAW_12345    "s1,tf1,o1,m1"
#define STABLE_OPTIONS_12345 "c,d,a,b"

typedef struct
{
  char        *dir;
  BekalModule *module;
  BekalStore  *store;
  gint64       profile_id;
} Fixture;

/* Every question type, a pre-test pool shared by the post-test, and a practice quiz */
static const char module_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<module xmlns=\"urn:bekal:module:1\" id=\"uji-kuis\" version=\"1.0\" xml:lang=\"id\">\n"
  "  <title>Uji kuis</title><summary>Modul untuk pengujian kuis.</summary>\n"
  "  <meta><author>Tim pengujian</author></meta>\n"
  "  <topics><topic id=\"t1\">Satu</topic><topic id=\"t2\">Dua</topic></topics>\n"
  "  <quiz id=\"pre\" role=\"pretest\"%s shuffle=\"true\">\n"
  "    <question id=\"s1\" topic=\"t1\" type=\"single\"><prompt>P</prompt>\n"
  "      <option id=\"a\" correct=\"true\">A<feedback>Benar.</feedback></option>\n"
  "      <option id=\"b\">B</option><option id=\"c\">C</option>\n"
  "      <explanation>E</explanation></question>\n"
  "    <question id=\"m1\" topic=\"t1\" type=\"multiple\"><prompt>P</prompt>\n"
  "      <option id=\"a\" correct=\"true\">A</option><option id=\"b\" correct=\"true\">B</option>\n"
  "      <option id=\"c\">C</option><option id=\"d\">D</option>\n"
  "      <explanation>E</explanation></question>\n"
  "    <question id=\"tf1\" topic=\"t2\" type=\"truefalse\" answer=\"false\"><prompt>P</prompt>\n"
  "      <explanation>E</explanation></question>\n"
  "    <question id=\"o1\" topic=\"t2\" type=\"order\"><prompt>P</prompt>\n"
  "      <item id=\"i1\">1</item><item id=\"i2\">2</item><item id=\"i3\">3</item>\n"
  "      <item id=\"i4\">4</item><explanation>E</explanation></question>\n"
  "    <question id=\"p1\" topic=\"t2\" type=\"match\"><prompt>P</prompt>\n"
  "      <pair id=\"x\"><left>X</left><right>x</right></pair>\n"
  "      <pair id=\"y\"><left>Y</left><right>y</right></pair>\n"
  "      <pair id=\"z\"><left>Z</left><right>z</right></pair>\n"
  "      <explanation>E</explanation></question>\n"
  "%s"
  "    <question id=\"sc1\" topic=\"t1\" type=\"scale\" min=\"1\" max=\"5\"><prompt>P</prompt>\n"
  "      <label value=\"1\">Rendah</label><label value=\"5\">Tinggi</label></question>\n"
  "  </quiz>\n"
  "  <lesson id=\"l1\"><title>Pelajaran</title><p>Teks.</p>\n"
  "    <quiz id=\"latihan\" role=\"practice\">\n"
  "      <question id=\"lat1\" topic=\"t1\" type=\"single\"><prompt>P</prompt>\n"
  "        <option id=\"a\" correct=\"true\">A</option><option id=\"b\">B</option>\n"
  "        <explanation>E</explanation></question>\n"
  "    </quiz>\n"
  "  </lesson>\n"
  "  <quiz id=\"post\" role=\"posttest\" pass=\"70\"%s shuffle=\"true\" pool=\"pre\"%s/>\n"
  "</module>\n";

/* Writes and loads the test module; @draw is the draw attribute or "", @extra_questions go
 * into the pool before the scale */
static BekalModule *
load_module (const char *dir,
             const char *draw,
             const char *extra_questions,
             const char *post_attributes)
{
  g_autofree char *folder = g_build_filename (dir, "uji-kuis", NULL);
  g_autofree char *path = g_build_filename (folder, "module.id.xml", NULL);
  g_autofree char *xml = g_strdup_printf (module_xml, draw, extra_questions, draw,
                                          post_attributes);
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalModule *module;

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));

  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  if (module == NULL)
    test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);

  return module;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->module = load_module (fixture->dir, " draw=\"4\"", "", " retakes=\"1\"");
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->profile_id = bekal_store_create_profile (fixture->store, "Sari", "Sentra", "Peksos",
                                                    1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->profile_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->module);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static BekalQuestion *
question (Fixture    *fixture,
          const char *id)
{
  BekalQuestion *found = bekal_module_find_question (fixture->module, id);

  g_assert_nonnull (found);
  return found;
}

static double
score (Fixture    *fixture,
       const char *question_id,
       const char *response)
{
  g_autoptr(GError) error = NULL;
  double value = bekal_quiz_score_response (question (fixture, question_id), response, &error);

  g_assert_no_error (error);
  return value;
}

static void
assert_invalid (Fixture    *fixture,
                const char *question_id,
                const char *response)
{
  g_autoptr(GError) error = NULL;

  bekal_quiz_score_response (question (fixture, question_id), response, &error);
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE);
}

/* Scoring */

static void
test_score_single (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpfloat (score (fixture, "s1", "a"), ==, 1.0);
  g_assert_cmpfloat (score (fixture, "s1", "b"), ==, 0.0);
  assert_invalid (fixture, "s1", "");
  assert_invalid (fixture, "s1", "a,b");
  assert_invalid (fixture, "s1", "q");
  assert_invalid (fixture, "s1", "a,a");
  assert_invalid (fixture, "s1", NULL);
  assert_invalid (fixture, "s1", "\xff");

  /* practice question inside a lesson */
  g_assert_cmpfloat (score (fixture, "lat1", "a"), ==, 1.0);
}

static void
test_score_truefalse (Fixture       *fixture,
                      gconstpointer  data)
{
  g_assert_cmpfloat (score (fixture, "tf1", "false"), ==, 1.0);
  g_assert_cmpfloat (score (fixture, "tf1", "true"), ==, 0.0);
  assert_invalid (fixture, "tf1", "yes");
  assert_invalid (fixture, "tf1", "true,false");
  assert_invalid (fixture, "tf1", "");
}

static void
test_score_multiple (Fixture       *fixture,
                     gconstpointer  data)
{
  /* correct: a, b; wrong: c, d. Score (right − wrong) / 2, never below 0 */
  g_assert_cmpfloat (score (fixture, "m1", "a,b"), ==, 1.0);
  g_assert_cmpfloat (score (fixture, "m1", "b,a"), ==, 1.0);
  g_assert_cmpfloat (score (fixture, "m1", "a"), ==, 0.5);
  g_assert_cmpfloat (score (fixture, "m1", "a,b,c"), ==, 0.5);
  g_assert_cmpfloat (score (fixture, "m1", "a,c"), ==, 0.0);
  g_assert_cmpfloat (score (fixture, "m1", "a,c,d"), ==, 0.0);
  g_assert_cmpfloat (score (fixture, "m1", "a,b,c,d"), ==, 0.0);
  g_assert_cmpfloat (score (fixture, "m1", "c"), ==, 0.0);
  g_assert_cmpfloat (score (fixture, "m1", ""), ==, 0.0);
  assert_invalid (fixture, "m1", "a,a");
  assert_invalid (fixture, "m1", "a,e");
  assert_invalid (fixture, "m1", "a,");
}

static void
test_score_order (Fixture       *fixture,
                  gconstpointer  data)
{
  /* 1 − (items to move) / (n − 1), n = 4 */
  g_assert_cmpfloat (score (fixture, "o1", "i1,i2,i3,i4"), ==, 1.0);
  g_assert_cmpfloat (score (fixture, "o1", "i4,i3,i2,i1"), ==, 0.0);
  /* one item out of place: 1 − 1/3 */
  g_assert_cmpfloat_with_epsilon (score (fixture, "o1", "i1,i3,i2,i4"), 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (score (fixture, "o1", "i2,i3,i4,i1"), 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (score (fixture, "o1", "i4,i1,i2,i3"), 2.0 / 3, 1e-12);
  /* two out of place: 1 − 2/3 */
  g_assert_cmpfloat_with_epsilon (score (fixture, "o1", "i2,i1,i4,i3"), 1.0 / 3, 1e-12);
  assert_invalid (fixture, "o1", "i1,i2,i3");
  assert_invalid (fixture, "o1", "i1,i2,i3,i3");
  assert_invalid (fixture, "o1", "i1,i2,i3,i4,i5");
  assert_invalid (fixture, "o1", "");
}

static void
test_score_match (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpfloat (score (fixture, "p1", "x=x,y=y,z=z"), ==, 1.0);
  g_assert_cmpfloat (score (fixture, "p1", "z=z,x=x,y=y"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (score (fixture, "p1", "x=x,y=z,z=y"), 1.0 / 3, 1e-12);
  g_assert_cmpfloat (score (fixture, "p1", "x=y,y=z,z=x"), ==, 0.0);
  /* unmatched pairs and a right side used twice are allowed and simply not right */
  g_assert_cmpfloat_with_epsilon (score (fixture, "p1", "x=x,y=,z="), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (score (fixture, "p1", "x=x,y=x,z=z"), 2.0 / 3, 1e-12);
  assert_invalid (fixture, "p1", "x=x,y=y");
  assert_invalid (fixture, "p1", "x=x,x=y,z=z");
  assert_invalid (fixture, "p1", "x=x,y=y,z=w");
  assert_invalid (fixture, "p1", "x,y,z");
  assert_invalid (fixture, "p1", "");
}

static void
test_score_scale (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpfloat (score (fixture, "sc1", "1"), ==, BEKAL_QUIZ_NO_SCORE);
  g_assert_cmpfloat (score (fixture, "sc1", "5"), ==, BEKAL_QUIZ_NO_SCORE);
  g_assert_false (bekal_question_is_scored (question (fixture, "sc1")));
  assert_invalid (fixture, "sc1", "0");
  assert_invalid (fixture, "sc1", "6");
  assert_invalid (fixture, "sc1", "3.5");
  assert_invalid (fixture, "sc1", "tiga");
  assert_invalid (fixture, "sc1", "");
  assert_invalid (fixture, "sc1", " 3");
}

static void
test_response_helpers (void)
{
  const char *ids[] = { "a", "c", NULL };
  const char *left[] = { "x", "y", NULL };
  const char *right[] = { "y", "x", NULL };
  g_autofree char *joined = bekal_quiz_response_from_ids (ids);
  g_autofree char *pairs = bekal_quiz_response_from_pairs (left, right);
  g_autofree char *match_x = bekal_quiz_response_dup_match (pairs, "x");
  g_autofree char *match_w = bekal_quiz_response_dup_match (pairs, "w");

  g_assert_cmpstr (joined, ==, "a,c");
  g_assert_cmpstr (pairs, ==, "x=y,y=x");
  g_assert_cmpstr (match_x, ==, "y");
  g_assert_null (match_w);
  g_assert_true (bekal_quiz_response_has_id ("a,c", "c"));
  g_assert_false (bekal_quiz_response_has_id ("a,cc", "c"));
  g_assert_false (bekal_quiz_response_has_id ("", "a"));
}

/* Decoded responses: the one encoder and decoder of the text form */

static void
assert_round_trip (BekalQuestionType  kind,
                   const char        *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalResponse) response = bekal_response_parse (kind, text, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_cmpint (bekal_response_get_kind (response), ==, kind);
  again = bekal_response_to_string (response);
  g_assert_cmpstr (again, ==, text);
}

static void
test_response_round_trip (void)
{
  g_autoptr(BekalResponse) multiple = bekal_response_new (BEKAL_QUESTION_MULTIPLE);
  g_autoptr(BekalResponse) match = bekal_response_new (BEKAL_QUESTION_MATCH);
  g_autoptr(BekalResponse) scale = bekal_response_new (BEKAL_QUESTION_SCALE);
  g_autoptr(BekalResponse) order = NULL;
  g_autofree char *multiple_text = NULL;
  g_autofree char *match_text = NULL;
  g_autofree char *empty_scale = NULL;
  g_autofree char *scale_text = NULL;
  int value = 0;

  /* built by a view, written by core */
  bekal_response_add_id (multiple, "a");
  bekal_response_add_id (multiple, "c");
  multiple_text = bekal_response_to_string (multiple);
  g_assert_cmpstr (multiple_text, ==, "a,c");
  g_assert_true (bekal_response_has_id (multiple, "c"));
  g_assert_false (bekal_response_has_id (multiple, "b"));

  bekal_response_add_pair (match, "x", "y");
  bekal_response_add_pair (match, "y", NULL);
  match_text = bekal_response_to_string (match);
  g_assert_cmpstr (match_text, ==, "x=y,y=");
  g_assert_cmpstr (bekal_response_get_match (match, "x"), ==, "y");
  g_assert_null (bekal_response_get_match (match, "y"));
  g_assert_null (bekal_response_get_match (match, "z"));
  g_assert_cmpuint (bekal_response_get_n_pairs (match), ==, 2);
  g_assert_cmpuint (bekal_response_get_n_ids (match), ==, 0);

  empty_scale = bekal_response_to_string (scale);
  g_assert_cmpstr (empty_scale, ==, "");
  g_assert_false (bekal_response_get_value (scale, NULL));
  bekal_response_set_value (scale, -2);
  scale_text = bekal_response_to_string (scale);
  g_assert_cmpstr (scale_text, ==, "-2");
  g_assert_true (bekal_response_get_value (scale, &value));
  g_assert_cmpint (value, ==, -2);

  /* read back from the store, written again unchanged */
  assert_round_trip (BEKAL_QUESTION_SINGLE, "b");
  assert_round_trip (BEKAL_QUESTION_TRUEFALSE, "false");
  assert_round_trip (BEKAL_QUESTION_MULTIPLE, "a,c");
  assert_round_trip (BEKAL_QUESTION_MULTIPLE, "");
  assert_round_trip (BEKAL_QUESTION_ORDER, "i3,i1,i2");
  assert_round_trip (BEKAL_QUESTION_MATCH, "p1=p2,p2=p1");
  assert_round_trip (BEKAL_QUESTION_MATCH, "p1=,p2=p2");
  assert_round_trip (BEKAL_QUESTION_SCALE, "4");
  assert_round_trip (BEKAL_QUESTION_SCALE, "-3");

  order = bekal_response_parse (BEKAL_QUESTION_ORDER, "i3,i1,i2", NULL);
  g_assert_cmpuint (bekal_response_get_n_ids (order), ==, 3);
  g_assert_cmpstr (bekal_response_get_id (order, 0), ==, "i3");
  g_assert_cmpstr (bekal_response_get_id (order, 2), ==, "i2");
}

static void
assert_malformed (BekalQuestionType  kind,
                  const char        *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalResponse) response = bekal_response_parse (kind, text, &error);

  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE);
  g_assert_null (response);
}

/* What a damaged or edited database may hold gives an error, never a crash or a guess */
static void
test_response_malformed (void)
{
  const char invalid_utf8[] = { 'a', (char) 0xff, 0 };

  assert_malformed (BEKAL_QUESTION_SINGLE, NULL);
  assert_malformed (BEKAL_QUESTION_SINGLE, invalid_utf8);
  assert_malformed (BEKAL_QUESTION_MULTIPLE, "a,,b");
  assert_malformed (BEKAL_QUESTION_MULTIPLE, ",");
  assert_malformed (BEKAL_QUESTION_ORDER, "i1,i2=i3");
  assert_malformed (BEKAL_QUESTION_MATCH, "x");
  assert_malformed (BEKAL_QUESTION_MATCH, "x=y,z");
  assert_malformed (BEKAL_QUESTION_MATCH, "=y");
  assert_malformed (BEKAL_QUESTION_MATCH, "x=y=z");
  assert_malformed (BEKAL_QUESTION_MATCH, "x=y,,z=z");
  assert_malformed (BEKAL_QUESTION_SCALE, "");
  assert_malformed (BEKAL_QUESTION_SCALE, "-");
  assert_malformed (BEKAL_QUESTION_SCALE, "+3");
  assert_malformed (BEKAL_QUESTION_SCALE, " 3");
  assert_malformed (BEKAL_QUESTION_SCALE, "3.5");
  assert_malformed (BEKAL_QUESTION_SCALE, "99999999999999999999");
  assert_malformed (BEKAL_QUESTION_SCALE, "tiga");

  /* the old text helpers ignore what they cannot read */
  g_assert_false (bekal_quiz_response_has_id ("a,,b", "a"));
  g_assert_null (bekal_quiz_response_dup_match ("x=y,z", "x"));
}

/* A decoded response scores as its text does; marks per option and per pair come from core */
static void
test_response_score_and_marks (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalResponse) multiple = bekal_response_new (BEKAL_QUESTION_MULTIPLE);
  g_autoptr(BekalResponse) match = bekal_response_parse (BEKAL_QUESTION_MATCH, "x=x,y=z,z=",
                                                          &error);
  g_autoptr(BekalResponse) order = bekal_response_parse (BEKAL_QUESTION_ORDER, "i1,i2,i3,i4",
                                                          NULL);
  g_autoptr(BekalResponse) wrong_kind = bekal_response_new (BEKAL_QUESTION_SINGLE);
  g_autoptr(BekalResponse) scale = bekal_response_new (BEKAL_QUESTION_SCALE);
  BekalQuestion *m1 = question (fixture, "m1");
  BekalQuestion *p1 = question (fixture, "p1");

  g_assert_no_error (error);
  bekal_response_add_id (multiple, "a");
  bekal_response_add_id (multiple, "c");
  g_assert_cmpfloat (bekal_quiz_score (m1, multiple, &error), ==, 0.0);
  g_assert_no_error (error);
  g_assert_cmpfloat (score (fixture, "m1", "a,c"), ==, 0.0);
  g_assert_cmpint (bekal_quiz_mark_part (m1, multiple, "a"), ==, BEKAL_PART_MARK_CORRECT);
  g_assert_cmpint (bekal_quiz_mark_part (m1, multiple, "b"), ==, BEKAL_PART_MARK_MISSED);
  g_assert_cmpint (bekal_quiz_mark_part (m1, multiple, "c"), ==, BEKAL_PART_MARK_WRONG);
  g_assert_cmpint (bekal_quiz_mark_part (m1, multiple, "d"), ==, BEKAL_PART_MARK_NONE);

  g_assert_cmpfloat_with_epsilon (bekal_quiz_score (p1, match, &error), 1.0 / 3, 1e-9);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_mark_part (p1, match, "x"), ==, BEKAL_PART_MARK_CORRECT);
  g_assert_cmpint (bekal_quiz_mark_part (p1, match, "y"), ==, BEKAL_PART_MARK_WRONG);
  g_assert_cmpint (bekal_quiz_mark_part (p1, match, "z"), ==, BEKAL_PART_MARK_WRONG);

  g_assert_cmpfloat (bekal_quiz_score (question (fixture, "o1"), order, &error), ==, 1.0);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_mark_part (question (fixture, "o1"), order, "i1"), ==,
                   BEKAL_PART_MARK_NONE);

  /* a response built for another kind of question, and a scale without a value */
  bekal_response_add_id (wrong_kind, "a");
  bekal_quiz_score (m1, wrong_kind, &error);
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  bekal_quiz_score (question (fixture, "sc1"), scale, &error);
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  bekal_response_set_value (scale, 5);
  g_assert_cmpfloat (bekal_quiz_score (question (fixture, "sc1"), scale, &error), ==,
                     BEKAL_QUIZ_NO_SCORE);
  g_assert_no_error (error);
}

/* Draw and shuffle */

static void
test_draw_deterministic (Fixture       *fixture,
                         gconstpointer  data)
{
  BekalQuiz *pre = bekal_module_find_quiz (fixture->module, "pre");
  BekalQuiz *post = bekal_module_find_quiz (fixture->module, "post");
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint32 seed = 0; seed < 200; seed++)
    {
      g_auto(GStrv) first = bekal_quiz_draw_questions (pre, seed);
      g_auto(GStrv) again = bekal_quiz_draw_questions (pre, seed);
      g_auto(GStrv) from_post = bekal_quiz_draw_questions (post, seed);

      g_assert_cmpstrv (first, again);
      g_assert_cmpuint (g_strv_length (first), ==, 4);
      /* the post-test draws from the pre-test's pool, so items compare one to one */
      g_assert_cmpstrv (first, from_post);

      for (guint i = 0; first[i] != NULL; i++)
        {
          g_assert_nonnull (bekal_module_find_question (fixture->module, first[i]));
          for (guint j = 0; j < i; j++)
            g_assert_cmpstr (first[i], !=, first[j]);
        }

      g_hash_table_add (orders, g_strjoinv (",", first));
    }

  /* 6 questions, 4 drawn in order: 360 possible orders; 200 seeds reach many of them */
  g_assert_cmpuint (g_hash_table_size (orders), >, 100);
}

/* Fixed expectations: if this fails, the algorithm changed and stored seeds no longer replay */
static void
test_draw_stable (Fixture       *fixture,
                  gconstpointer  data)
{
  BekalQuiz *pre = bekal_module_find_quiz (fixture->module, "pre");
  g_auto(GStrv) order = bekal_quiz_draw_questions (pre, 12345);
  g_auto(GStrv) options = bekal_quiz_arrange_options (question (fixture, "m1"), TRUE, 12345,
                                                       NULL);
  g_autofree char *joined = g_strjoinv (",", order);
  g_autofree char *joined_options = g_strjoinv (",", options);

  g_test_message ("seed 12345: %s / %s", joined, joined_options);
  g_assert_cmpstr (joined, ==, STABLE_DRAW_12345);
  g_assert_cmpstr (joined_options, ==, STABLE_OPTIONS_12345);
}

static void
test_draw_without_shuffle (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = NULL;
  BekalQuiz *quiz;

  module = load_module (dir, " draw=\"3\"", "", "");
  quiz = bekal_module_find_quiz (module, "latihan");
  g_assert_false (bekal_quiz_get_shuffle (quiz));

  for (guint32 seed = 0; seed < 20; seed++)
    {
      g_auto(GStrv) order = bekal_quiz_draw_questions (quiz, seed);
      g_auto(GStrv) options = bekal_quiz_arrange_options (bekal_quiz_get_question (quiz, 0),
                                                           FALSE, seed, NULL);

      g_assert_cmpuint (g_strv_length (order), ==, 1);
      g_assert_cmpstr (order[0], ==, "lat1");
      g_assert_cmpstr (options[0], ==, "a");
      g_assert_cmpstr (options[1], ==, "b");
    }

  test_remove_tree (dir);
}

static void
test_arrange_options (Fixture       *fixture,
                      gconstpointer  data)
{
  gboolean single_moved = FALSE;

  for (guint32 seed = 0; seed < 300; seed++)
    {
      g_auto(GStrv) order_items = bekal_quiz_arrange_options (question (fixture, "o1"), FALSE,
                                                               seed, NULL);
      g_auto(GStrv) again = bekal_quiz_arrange_options (question (fixture, "o1"), FALSE, seed,
                                                         NULL);
      g_auto(GStrv) tf = bekal_quiz_arrange_options (question (fixture, "tf1"), TRUE, seed,
                                                      NULL);
      g_auto(GStrv) single = bekal_quiz_arrange_options (question (fixture, "s1"), TRUE, seed,
                                                          NULL);
      g_auto(GStrv) right = NULL;
      g_auto(GStrv) left = bekal_quiz_arrange_options (question (fixture, "p1"), TRUE, seed,
                                                        &right);
      g_autofree char *order_joined = g_strjoinv (",", order_items);

      g_assert_cmpstrv (order_items, again);
      /* the items of an order question are never shown in the correct order */
      g_assert_cmpstr (order_joined, !=, "i1,i2,i3,i4");
      g_assert_cmpfloat (score (fixture, "o1", order_joined), <, 1.0);

      g_assert_cmpstr (tf[0], ==, "true");
      g_assert_cmpstr (tf[1], ==, "false");

      g_assert_cmpuint (g_strv_length (single), ==, 3);
      if (g_strcmp0 (single[0], "a") != 0)
        single_moved = TRUE;

      /* the right sides are never all next to their own left side */
      g_assert_nonnull (right);
      g_assert_cmpuint (g_strv_length (right), ==, 3);
      g_assert_false (g_strv_equal ((const char * const *) left,
                                    (const char * const *) right));
    }

  g_assert_true (single_moved);
}

/* Sessions */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
answer_ok (BekalQuizSession *session,
           guint             index,
           const char       *response)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bekal_quiz_session_answer (session, index, response, &error));
  g_assert_no_error (error);
}

/* The full-marks response for any question of the test module */
static char *
correct_response (BekalQuestion *q)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  switch (bekal_question_get_kind (q))
    {
    case BEKAL_QUESTION_MATCH:
      for (guint i = 0; i < bekal_question_get_n_options (q); i++)
        {
          const char *id = bekal_option_get_id (bekal_question_get_option (q, i));

          g_ptr_array_add (parts, g_strdup_printf ("%s=%s", id, id));
        }
      break;

    case BEKAL_QUESTION_ORDER:
      for (guint i = 0; i < bekal_question_get_n_options (q); i++)
        g_ptr_array_add (parts, g_strdup (bekal_option_get_id (bekal_question_get_option (q, i))));
      break;

    case BEKAL_QUESTION_SCALE:
      g_ptr_array_add (parts, g_strdup ("3"));
      break;

    default:
      for (guint i = 0; i < bekal_question_get_n_options (q); i++)
        {
          BekalOption *option = bekal_question_get_option (q, i);

          if (bekal_option_get_correct (option))
            g_ptr_array_add (parts, g_strdup (bekal_option_get_id (option)));
        }
      break;
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (",", (char **) parts->pdata);
}

/* A response that scores 0 for a scored question */
static char *
wrong_response (BekalQuestion *q)
{
  switch (bekal_question_get_kind (q))
    {
    case BEKAL_QUESTION_MATCH:
      return g_strdup ("x=y,y=z,z=x");
    case BEKAL_QUESTION_ORDER:
      return g_strdup ("i4,i3,i2,i1");
    case BEKAL_QUESTION_SCALE:
      return g_strdup ("1");
    case BEKAL_QUESTION_TRUEFALSE:
      return g_strdup (bekal_option_get_correct (bekal_question_find_option (q, "true"))
                       ? "false" : "true");
    case BEKAL_QUESTION_MULTIPLE:
      return g_strdup ("c");
    default:
      return g_strdup (bekal_option_get_correct (bekal_question_get_option (q, 0)) ? "b" : "a");
    }
}

static void
test_session_resume (Fixture       *fixture,
                     gconstpointer  data)
{
  BekalQuiz *pre = bekal_module_find_quiz (fixture->module, "pre");
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(BekalQuizSession) resumed = NULL;
  g_autoptr(BekalQuizAttempt) attempt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_response = NULL;
  g_auto(GStrv) replayed = NULL;
  gint64 attempt_id;

  session = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                                fixture->module, pre, 777, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_kind (session), ==, BEKAL_SESSION_PRETEST);
  g_assert_cmpuint (bekal_quiz_session_get_n_questions (session), ==, 4);
  g_assert_cmpuint (bekal_quiz_session_get_current_index (session), ==, 0);
  attempt_id = bekal_quiz_session_get_attempt_id (session);

  /* a pre-test teaches nothing before the end, then gives the score and the start hint */
  g_assert_cmpint (bekal_quiz_session_get_feedback_policy (session, BEKAL_FEEDBACK_AFTER_ANSWER),
                   ==, BEKAL_FEEDBACK_NONE);
  g_assert_cmpint (bekal_quiz_session_get_feedback_policy (session, BEKAL_FEEDBACK_AFTER_FINISH),
                   ==, BEKAL_FEEDBACK_SCORE | BEKAL_FEEDBACK_START_HINT);

  /* a response that does not fit is refused and not kept */
  g_assert_false (bekal_quiz_session_answer (session, 0, "no-such-option,,", &error));
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_null (bekal_quiz_session_get_response (session, 0));

  first_response = correct_response (bekal_quiz_session_get_question (session, 0));
  answer_ok (session, 0, first_response);
  g_assert_cmpint (bekal_quiz_session_get_item_state (session, 0), ==, BEKAL_ITEM_SAVED);
  g_assert_cmpuint (bekal_quiz_session_get_current_index (session), ==, 1);
  {
    g_autofree char *second = wrong_response (bekal_quiz_session_get_question (session, 1));
    answer_ok (session, 1, second);
  }

  /* as if Bekal were closed: the same attempt, draw and order come back at question 3 */
  resumed = bekal_quiz_session_start (fixture->store, fixture->profile_id, fixture->module, pre,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_attempt_id (resumed), ==, attempt_id);
  g_assert_cmpuint (bekal_quiz_session_get_seed (resumed), ==, 777);
  g_assert_cmpuint (bekal_quiz_session_get_current_index (resumed), ==, 2);
  g_assert_false (bekal_quiz_session_is_content_changed (resumed));
  g_assert_cmpstr (bekal_quiz_session_get_response (resumed, 0), ==, first_response);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpstr (bekal_quiz_session_get_question_id (resumed, i), ==,
                       bekal_quiz_session_get_question_id (session, i));
      g_assert_cmpstrv (bekal_quiz_session_get_option_order (resumed, i),
                        bekal_quiz_session_get_option_order (session, i));
      g_assert_cmpstrv (bekal_quiz_session_get_match_order (resumed, i),
                        bekal_quiz_session_get_match_order (session, i));
    }

  /* the stored seed replays the stored draw */
  attempt = bekal_store_dup_attempt (fixture->store, attempt_id, &error);
  g_assert_no_error (error);
  replayed = bekal_quiz_draw_questions (pre, (guint32) attempt->seed);
  g_assert_cmpstrv (replayed, attempt->question_order);

  for (guint i = 2; i < 4; i++)
    {
      g_autofree char *response = correct_response (bekal_quiz_session_get_question (resumed, i));
      answer_ok (resumed, i, response);
    }

  g_assert_true (bekal_quiz_session_finish (resumed, &error));
  g_assert_no_error (error);
  g_assert_true (bekal_quiz_session_is_finished (resumed));
  g_assert_cmpint (bekal_quiz_session_get_verdict (resumed), ==, BEKAL_QUIZ_VERDICT_NONE);

  /* answers are closed once finished */
  g_assert_false (bekal_quiz_session_answer (resumed, 0, first_response, &error));
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_FINISHED);
  g_clear_error (&error);

  /* the next start is a new attempt with a new draw */
  {
    g_autoptr(BekalQuizSession) next = NULL;
    BekalModuleFlag flags = 0;

    next = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                               fixture->module, pre, 778, &error);
    g_assert_no_error (error);
    g_assert_cmpint (bekal_quiz_session_get_attempt_id (next), !=, attempt_id);
    g_assert_cmpuint (bekal_quiz_session_get_current_index (next), ==, 0);

    g_assert_true (bekal_store_get_module_flags (fixture->store, fixture->profile_id,
                                                 "uji-kuis", &flags, &error));
    g_assert_true (flags & BEKAL_MODULE_FLAG_PRETEST_DONE);
  }
}

/* Counts scored questions of the session, and gives full marks to the first @n_right */
static guint
answer_all (BekalQuizSession *session,
            guint             n_right)
{
  guint n_scored = 0;

  for (guint i = 0; i < bekal_quiz_session_get_n_questions (session); i++)
    {
      BekalQuestion *q = bekal_quiz_session_get_question (session, i);
      g_autofree char *response = NULL;

      if (bekal_question_is_scored (q))
        n_scored++;
      response = (bekal_question_is_scored (q) && n_scored <= n_right)
                 ? correct_response (q) : wrong_response (q);
      answer_ok (session, i, response);
    }

  return n_scored;
}

static void
test_session_posttest (Fixture       *fixture,
                       gconstpointer  data)
{
  BekalQuiz *post = bekal_module_find_quiz (fixture->module, "post");
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuizSession) first = NULL;
  g_autoptr(BekalQuizSession) second = NULL;
  g_autoptr(BekalQuizSession) third = NULL;
  g_autoptr(BekalQuizSession) review = NULL;
  BekalFeedbackFlags after;
  guint n_finished_notes = 0;
  guint n_scored;
  int remaining = 0;

  g_assert_true (bekal_quiz_can_start_attempt (fixture->store, fixture->profile_id,
                                               fixture->module, post, &remaining, &error));
  g_assert_cmpint (remaining, ==, 1);

  first = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                              fixture->module, post, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_retakes_remaining (first), ==, 1);
  g_assert_cmpint (bekal_quiz_session_get_pass_mark (first), ==, 70);
  g_assert_cmpint (bekal_quiz_session_get_feedback_policy (first, BEKAL_FEEDBACK_AFTER_ANSWER),
                   ==, BEKAL_FEEDBACK_NONE);
  after = bekal_quiz_session_get_feedback_policy (first, BEKAL_FEEDBACK_AFTER_FINISH);
  g_assert_true (after & BEKAL_FEEDBACK_REVIEW);
  g_assert_true (after & BEKAL_FEEDBACK_EXPLANATION);
  g_assert_true (after & BEKAL_FEEDBACK_VERDICT);

  g_signal_connect (first, "notify::finished", G_CALLBACK (count_notify), &n_finished_notes);

  /* nothing right: fails */
  n_scored = answer_all (first, 0);
  g_assert_cmpuint (n_scored, >, 0);
  g_assert_true (bekal_quiz_session_finish (first, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (bekal_quiz_session_get_score (first), ==, 0.0);
  g_assert_cmpint (bekal_quiz_session_get_verdict (first), ==, BEKAL_QUIZ_VERDICT_FAILED);
  g_assert_cmpuint (n_finished_notes, ==, 1);

  /* the one retake: all right, passes; a new seed means a new draw */
  second = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                               fixture->module, post, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_retakes_remaining (second), ==, 0);
  n_scored = answer_all (second, G_MAXUINT);
  g_assert_true (bekal_quiz_session_finish (second, &error));
  g_assert_cmpfloat (bekal_quiz_session_get_score (second), ==, 1.0);
  g_assert_cmpint (bekal_quiz_session_get_verdict (second), ==, BEKAL_QUIZ_VERDICT_PASSED);

  /* retakes="1": no third attempt */
  third = bekal_quiz_session_start (fixture->store, fixture->profile_id, fixture->module, post,
                                    &error);
  g_assert_null (third);
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NO_RETAKES);
  g_clear_error (&error);

  /* the review reopens the first attempt with its answers and its score */
  review = bekal_quiz_session_open_attempt (fixture->store, fixture->module,
                                            bekal_quiz_session_get_attempt_id (first), &error);
  g_assert_no_error (error);
  g_assert_true (bekal_quiz_session_is_finished (review));
  g_assert_cmpint (bekal_quiz_session_get_verdict (review), ==, BEKAL_QUIZ_VERDICT_FAILED);
  g_assert_cmpint (bekal_quiz_session_get_retakes_remaining (review), ==, 1);
  for (guint i = 0; i < bekal_quiz_session_get_n_questions (review); i++)
    g_assert_cmpstr (bekal_quiz_session_get_response (review, i), ==,
                     bekal_quiz_session_get_response (first, i));
}

static void
test_session_pass_mark_boundary (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GString *extra = g_string_new (NULL);
  g_autofree char *extra_text = NULL;
  gint64 profile;

  /* 10 single questions (and the scale) asked in full: 7 right of 10 is exactly 70 % */
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (extra,
                            "<question id=\"e%u\" topic=\"t1\" type=\"single\"><prompt>P</prompt>"
                            "<option id=\"a\" correct=\"true\">A</option>"
                            "<option id=\"b\">B</option><explanation>E</explanation>"
                            "</question>\n", i);
  extra_text = g_string_free (extra, FALSE);
  module = load_module (dir, "", extra_text, "");
  store = bekal_store_open (dir, &error);
  g_assert_no_error (error);
  profile = bekal_store_create_profile (store, "Budi", "", "", 0, TRUE, &error);

  session = bekal_quiz_session_start (store, profile, module,
                                      bekal_module_find_quiz (module, "post"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bekal_quiz_session_get_n_questions (session), ==, 11);
  g_assert_cmpuint (answer_all (session, 7), ==, 10);
  g_assert_true (bekal_quiz_session_finish (session, &error));
  g_assert_cmpfloat_with_epsilon (bekal_quiz_session_get_score (session), 0.7, 1e-12);
  g_assert_cmpint (bekal_quiz_session_get_verdict (session), ==, BEKAL_QUIZ_VERDICT_PASSED);
  /* a post-test without retakes="…" allows BEKAL_QUIZ_DEFAULT_RETAKES more (issue 17) */
  g_assert_cmpint (bekal_quiz_session_get_retakes_remaining (session), ==,
                   BEKAL_QUIZ_DEFAULT_RETAKES);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_session_unanswered_score_zero (Fixture       *fixture,
                                    gconstpointer  data)
{
  BekalQuiz *practice = bekal_module_find_quiz (fixture->module, "latihan");
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = bekal_quiz_session_start (fixture->store, fixture->profile_id, fixture->module,
                                      practice, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_feedback_policy (session, BEKAL_FEEDBACK_AFTER_ANSWER),
                   ==, BEKAL_FEEDBACK_CORRECTNESS | BEKAL_FEEDBACK_OPTIONS
                       | BEKAL_FEEDBACK_EXPLANATION);
  g_assert_true (bekal_quiz_session_finish (session, &error));
  g_assert_cmpfloat (bekal_quiz_session_get_score (session), ==, 0.0);
  g_assert_cmpint (bekal_quiz_session_get_verdict (session), ==, BEKAL_QUIZ_VERDICT_NONE);
}

static void
test_session_content_changed (Fixture       *fixture,
                              gconstpointer  data)
{
  BekalQuiz *pre = bekal_module_find_quiz (fixture->module, "pre");
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(BekalQuizSession) resumed = NULL;
  g_autoptr(BekalModule) edited = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited_dir = test_make_tmp_dir ();
  guint removed_index = G_MAXUINT;
  const char *removed_id;
  gint64 attempt_id;

  /* no draw: every question, so the match question p1 is asked */
  g_clear_object (&fixture->module);
  fixture->module = load_module (fixture->dir, "", "", "");
  pre = bekal_module_find_quiz (fixture->module, "pre");
  session = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                                fixture->module, pre, 5, &error);
  g_assert_no_error (error);
  attempt_id = bekal_quiz_session_get_attempt_id (session);

  for (guint i = 0; i < bekal_quiz_session_get_n_questions (session); i++)
    if (g_strcmp0 (bekal_quiz_session_get_question_id (session, i), "p1") == 0)
      removed_index = i;
  g_assert_cmpuint (removed_index, !=, G_MAXUINT);
  answer_ok (session, removed_index, "x=x,y=y,z=z");
  removed_id = bekal_quiz_session_get_question_id (session, removed_index);
  g_assert_cmpstr (removed_id, ==, "p1");

  /* a trainer removes the match question */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "uji-kuis", "module.id.xml", NULL);
    g_autofree char *text = NULL;
    g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
    g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
    char *start, *end;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    start = strstr (text, "    <question id=\"p1\"");
    end = strstr (start, "</question>\n") + strlen ("</question>\n");
    memmove (start, end, strlen (end) + 1);
    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    edited = bekal_loader_load_file (loader, path, diagnostics, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (bekal_module_get_content_hash (edited), !=,
                   bekal_module_get_content_hash (fixture->module));

  resumed = bekal_quiz_session_start (fixture->store, fixture->profile_id, edited,
                                      bekal_module_find_quiz (edited, "pre"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_attempt_id (resumed), ==, attempt_id);
  g_assert_true (bekal_quiz_session_is_content_changed (resumed));
  /* kept and marked: the answer is there, its question is not */
  g_assert_null (bekal_quiz_session_get_question (resumed, removed_index));
  g_assert_true (bekal_quiz_session_is_question_missing (resumed, removed_index));
  g_assert_false (bekal_quiz_session_is_question_missing (resumed, removed_index == 0 ? 1 : 0));
  g_assert_cmpstr (bekal_quiz_session_get_response (resumed, removed_index), ==, "x=x,y=y,z=z");
  g_assert_false (bekal_quiz_session_answer (resumed, removed_index, "x=x,y=y,z=z", &error));
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the removed question is skipped; finishing scores the questions that still exist */
  for (guint i = bekal_quiz_session_get_current_index (resumed);
       i < bekal_quiz_session_get_n_questions (resumed);
       i = bekal_quiz_session_get_current_index (resumed))
    {
      g_autofree char *response = correct_response (bekal_quiz_session_get_question (resumed, i));

      g_assert_cmpuint (i, !=, removed_index);
      answer_ok (resumed, i, response);
    }
  g_assert_true (bekal_quiz_session_finish (resumed, &error));
  g_assert_cmpfloat (bekal_quiz_session_get_score (resumed), ==, 1.0);

  answers = bekal_store_list_answers (fixture->store, attempt_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, bekal_quiz_session_get_n_questions (resumed));

  test_remove_tree (edited_dir);
}

static void
test_session_disk_full (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  GString *extra = g_string_new (NULL);
  g_autofree char *extra_text = NULL;
  sqlite3 *db;
  gint64 profile;
  guint n_questions;
  guint full_at = G_MAXUINT;
  guint n_pending_notes = 0;
  guint n_pending = 0;
  int page_count = 0;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (extra,
                            "<question id=\"e%u\" topic=\"t1\" type=\"single\"><prompt>P</prompt>"
                            "<option id=\"a\" correct=\"true\">A</option>"
                            "<option id=\"b\">B</option><explanation>E</explanation>"
                            "</question>\n", i);
  extra_text = g_string_free (extra, FALSE);
  module = load_module (dir, "", extra_text, "");
  store = bekal_store_open (dir, &error);
  g_assert_no_error (error);
  profile = bekal_store_create_profile (store, "Citra", "", "", 0, FALSE, &error);
  session = bekal_quiz_session_start (store, profile, module,
                                      bekal_module_find_quiz (module, "pre"), &error);
  g_assert_no_error (error);
  n_questions = bekal_quiz_session_get_n_questions (session);
  g_signal_connect (session, "notify::n-pending", G_CALLBACK (count_notify), &n_pending_notes);

  /* No page may be added from now on: the next answer that needs a page fails */
  db = bekal_store_get_connection_for_testing (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  {
    g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %d", page_count);
    g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  for (guint i = 0; i < n_questions; i++)
    {
      g_autofree char *response = correct_response (bekal_quiz_session_get_question (session, i));

      if (!bekal_quiz_session_answer (session, i, response, &error))
        {
          g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL);
          g_test_message ("full at answer %u: %s", i, error->message);
          g_clear_error (&error);
          full_at = i;
          break;
        }
    }
  g_assert_cmpuint (full_at, <, n_questions - 2);

  /* kept in memory, not dropped, and the quiz goes on */
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), ==, 1);
  g_assert_cmpuint (n_pending_notes, ==, 1);
  g_object_get (session, "n-pending", &n_pending, NULL);
  g_assert_cmpuint (n_pending, ==, 1);
  g_assert_cmpint (bekal_quiz_session_get_item_state (session, full_at), ==, BEKAL_ITEM_PENDING);
  g_assert_nonnull (bekal_quiz_session_get_response (session, full_at));
  g_assert_cmpuint (bekal_quiz_session_get_current_index (session), ==, full_at + 1);
  {
    g_autofree char *response = correct_response (bekal_quiz_session_get_question (session,
                                                                                  full_at + 1));
    g_assert_false (bekal_quiz_session_answer (session, full_at + 1, response, &error));
    g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL);
    g_clear_error (&error);
  }
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), ==, 2);
  g_assert_false (bekal_quiz_session_retry (session, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL);
  g_clear_error (&error);
  /* nor can it finish with answers unsaved */
  g_assert_false (bekal_quiz_session_finish (session, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (bekal_quiz_session_is_finished (session));

  /* space is freed: the retry saves both, oldest first */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (bekal_quiz_session_retry (session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), ==, 0);
  /* 0 → 1, 1 → 2, 2 → 0 */
  g_assert_cmpuint (n_pending_notes, ==, 3);
  g_assert_cmpint (bekal_quiz_session_get_item_state (session, full_at + 1), ==,
                   BEKAL_ITEM_SAVED);

  answers = bekal_store_list_answers (store, bekal_quiz_session_get_attempt_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, full_at + 2);
  for (guint i = 0; i < answers->len; i++)
    g_assert_cmpstr (((BekalQuizAnswer *) g_ptr_array_index (answers, i))->question_id, ==,
                     bekal_quiz_session_get_question_id (session, i));

  g_clear_object (&session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A pending answer is saved first by the next answer once there is room again */
static void
test_session_disk_full_next_call (Fixture       *fixture,
                                  gconstpointer  data)
{
  BekalQuiz *pre = bekal_module_find_quiz (fixture->module, "pre");
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  session = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                                fixture->module, pre, 9, &error);
  g_assert_no_error (error);
  first = correct_response (bekal_quiz_session_get_question (session, 0));
  second = correct_response (bekal_quiz_session_get_question (session, 1));

  /* query_only makes every write fail the way a full disk does for the session */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (bekal_quiz_session_answer (session, 0, first, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), ==, 1);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = OFF", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  answer_ok (session, 1, second);
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), ==, 0);

  answers = bekal_store_list_answers (fixture->store, bekal_quiz_session_get_attempt_id (session),
                                      &error);
  g_assert_cmpuint (answers->len, ==, 2);
  g_assert_cmpstr (((BekalQuizAnswer *) g_ptr_array_index (answers, 0))->response, ==, first);
}

static void
test_session_two_instances (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(BekalStore) other_store = NULL;
  g_autoptr(BekalQuizSession) mine = NULL;
  g_autoptr(BekalQuizSession) theirs = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 other_profile;
  BekalQuiz *pre;
  guint n;

  g_clear_object (&fixture->module);
  fixture->module = load_module (fixture->dir, "", "", "");
  pre = bekal_module_find_quiz (fixture->module, "pre");

  other_store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  other_profile = bekal_store_create_profile (other_store, "Dewi", "", "", 0, TRUE, &error);
  g_assert_no_error (error);

  mine = bekal_quiz_session_start (fixture->store, fixture->profile_id, fixture->module, pre,
                                   &error);
  g_assert_no_error (error);
  theirs = bekal_quiz_session_start (other_store, other_profile, fixture->module, pre, &error);
  g_assert_no_error (error);

  n = bekal_quiz_session_get_n_questions (mine);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = correct_response (bekal_quiz_session_get_question (mine, i));
      g_autofree char *b = wrong_response (bekal_quiz_session_get_question (theirs, i));

      answer_ok (mine, i, a);
      answer_ok (theirs, i, b);
    }
  g_assert_true (bekal_quiz_session_finish (theirs, &error));
  g_assert_true (bekal_quiz_session_finish (mine, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) a = bekal_store_list_answers (other_store,
                                                        bekal_quiz_session_get_attempt_id (mine),
                                                        &error);
    g_autoptr(GPtrArray) b = bekal_store_list_answers (fixture->store,
                                                        bekal_quiz_session_get_attempt_id (theirs),
                                                        &error);
    g_assert_cmpuint (a->len, ==, n);
    g_assert_cmpuint (b->len, ==, n);
  }

  g_assert_cmpint (sqlite3_prepare_v2 (bekal_store_get_connection_for_testing (other_store),
                                       "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static void
test_session_checkpoint (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(BekalQuizSession) again = NULL;
  g_autoptr(GError) error = NULL;

  session = bekal_quiz_session_new_checkpoint (fixture->store, fixture->profile_id,
                                               fixture->module, "video-1", "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bekal_quiz_session_get_kind (session), ==, BEKAL_SESSION_CHECKPOINT);
  g_assert_cmpuint (bekal_quiz_session_get_n_questions (session), ==, 1);
  g_assert_true (bekal_quiz_session_get_feedback_policy (session, BEKAL_FEEDBACK_AFTER_ANSWER)
                 & BEKAL_FEEDBACK_EXPLANATION);
  answer_ok (session, 0, "b");
  g_assert_false (bekal_quiz_session_is_item_correct (session, 0));
  answer_ok (session, 0, "a");
  g_assert_true (bekal_quiz_session_is_item_correct (session, 0));

  again = bekal_quiz_session_new_checkpoint (fixture->store, fixture->profile_id,
                                             fixture->module, "video-1", "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bekal_quiz_session_get_response (again, 0), ==, "a");
  g_assert_cmpfloat (bekal_quiz_session_get_item_score (again, 0), ==, 1.0);

  g_assert_null (bekal_quiz_session_new_checkpoint (fixture->store, fixture->profile_id,
                                                    fixture->module, "video-1", "nope",
                                                    &error));
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NOT_FOUND);
}

/* Parallel forms */

/* A pool of six questions in form a and six in form b; both tests draw four */
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

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<module xmlns=\"urn:bekal:module:1\" id=\"uji-bentuk\" version=\"1\" "
                   "xml:lang=\"id\"><title>T</title><summary>S</summary>"
                   "<meta><author>A</author></meta><topics><topic id=\"t\">T</topic></topics>\n"
                   "<quiz id=\"pre\" role=\"pretest\" draw=\"4\" shuffle=\"true\">\n");
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (xml,
                            "<question id=\"q%u\" topic=\"t\" type=\"truefalse\" "
                            "answer=\"true\"%s><prompt>P</prompt><explanation>E</explanation>"
                            "</question>\n", i,
                            !with_forms ? "" : i % 2 == 0 ? " form=\"a\"" : " form=\"b\"");
  g_string_append (xml,
                   "</quiz>\n<lesson id=\"l\"><title>L</title><p>P</p></lesson>\n"
                   "<quiz id=\"post\" role=\"posttest\" pool=\"pre\" draw=\"4\" pass=\"70\"/>\n"
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
test_forms_pre_and_post_differ (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = load_forms_module (dir, TRUE);
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BekalQuiz *pre = bekal_module_find_quiz (module, "pre");
  BekalQuiz *post = bekal_module_find_quiz (module, "post");

  g_assert_true (bekal_quiz_has_forms (pre));
  g_assert_true (bekal_quiz_has_forms (post));
  g_assert_cmpstr (bekal_question_get_form (bekal_module_find_question (module, "q0")), ==, "a");
  g_assert_cmpstr (bekal_question_get_form (bekal_module_find_question (module, "q1")), ==, "b");

  store = bekal_store_open (dir, &error);
  g_assert_no_error (error);

  /* several learners, several seeds: the two tests of one learner never share a question,
   * and each test keeps to one form */
  for (guint learner = 0; learner < 6; learner++)
    {
      g_autofree char *name = g_strdup_printf ("Peserta %u", learner);
      gint64 profile = bekal_store_create_profile (store, name, "", "", 0, FALSE, &error);
      g_autoptr(BekalQuizSession) pre_session = NULL;
      g_autoptr(BekalQuizSession) post_session = NULL;
      g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);
      const char *pre_form = bekal_quiz_form_for_learner (module, pre, profile);
      const char *post_form = bekal_quiz_form_for_learner (module, post, profile);

      g_assert_no_error (error);
      g_assert_nonnull (pre_form);
      g_assert_nonnull (post_form);
      g_assert_cmpstr (pre_form, !=, post_form);

      pre_session = bekal_quiz_session_start_with_seed (store, profile, module, pre,
                                                        1000 + learner, &error);
      g_assert_no_error (error);
      post_session = bekal_quiz_session_start_with_seed (store, profile, module, post,
                                                         1000 + learner, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (bekal_quiz_session_get_n_questions (pre_session), ==, 4);
      g_assert_cmpuint (bekal_quiz_session_get_n_questions (post_session), ==, 4);

      for (guint i = 0; i < 4; i++)
        {
          BekalQuestion *q = bekal_quiz_session_get_question (pre_session, i);

          g_assert_cmpstr (bekal_question_get_form (q), ==, pre_form);
          g_hash_table_add (asked, (gpointer) bekal_question_get_id (q));
        }
      for (guint i = 0; i < 4; i++)
        {
          BekalQuestion *q = bekal_quiz_session_get_question (post_session, i);

          g_assert_cmpstr (bekal_question_get_form (q), ==, post_form);
          g_assert_false (g_hash_table_contains (asked, bekal_question_get_id (q)));
        }
    }

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_forms_half_start_with_each (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = load_forms_module (dir, TRUE);
  BekalQuiz *pre = bekal_module_find_quiz (module, "pre");
  guint n_a = 0;
  guint n_b = 0;

  /* profiles are numbered 1, 2, 3… as they are made: learners alternate */
  for (gint64 profile = 1; profile <= 200; profile++)
    {
      const char *form = bekal_quiz_form_for_learner (module, pre, profile);

      g_assert_cmpstr (form, ==, bekal_quiz_form_for_learner (module, pre, profile));
      if (g_str_equal (form, "a"))
        n_a++;
      else
        n_b++;
    }
  g_assert_cmpuint (n_a, ==, 100);
  g_assert_cmpuint (n_b, ==, 100);

  test_remove_tree (dir);
}

static void
test_forms_none_unchanged (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = load_forms_module (dir, FALSE);
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(BekalQuizSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected = NULL;
  BekalQuiz *pre = bekal_module_find_quiz (module, "pre");
  BekalQuiz *post = bekal_module_find_quiz (module, "post");
  gint64 profile;

  g_assert_false (bekal_quiz_has_forms (pre));
  g_assert_null (bekal_quiz_form_for_learner (module, pre, 1));
  g_assert_null (bekal_quiz_form_for_learner (module, post, 2));

  for (guint32 seed = 0; seed < 50; seed++)
    {
      g_auto(GStrv) plain = bekal_quiz_draw_questions (post, seed);
      g_auto(GStrv) of_none = bekal_quiz_draw_questions_of_form (post, NULL, seed);

      g_assert_true (g_strv_equal ((const char * const *) plain,
                                   (const char * const *) of_none));
    }

  /* a session asks exactly today's draw of its seed */
  store = bekal_store_open (dir, &error);
  g_assert_no_error (error);
  profile = bekal_store_create_profile (store, "Budi", "", "", 0, FALSE, &error);
  g_assert_no_error (error);
  session = bekal_quiz_session_start_with_seed (store, profile, module, post, 77, &error);
  g_assert_no_error (error);
  expected = bekal_quiz_draw_questions (post, 77);
  g_assert_cmpuint (bekal_quiz_session_get_n_questions (session), ==, g_strv_length (expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (bekal_quiz_session_get_question_id (session, i), ==, expected[i]);

  g_clear_object (&session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A post-test without retakes allows two more attempts; the right answers may be shown only
 * after a pass or after the last attempt (the feedback policy still lists what a finished
 * post-test can show; bekal_quiz_session_may_show_keys() says whether the keys are among it) */
static void
test_posttest_keys_after_pass_or_last_try (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(BekalModule) module = load_forms_module (dir, FALSE);
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BekalQuiz *post = bekal_module_find_quiz (module, "post");
  const BekalFeedbackFlags keys = BEKAL_FEEDBACK_CORRECTNESS | BEKAL_FEEDBACK_OPTIONS
                                  | BEKAL_FEEDBACK_EXPLANATION | BEKAL_FEEDBACK_REVIEW;
  gint64 failing;
  gint64 passing;

  g_assert_cmpint (bekal_quiz_get_retakes (post), ==, BEKAL_QUIZ_DEFAULT_RETAKES);
  g_assert_cmpint (BEKAL_QUIZ_DEFAULT_RETAKES, ==, 2);

  store = bekal_store_open (dir, &error);
  g_assert_no_error (error);
  failing = bekal_store_create_profile (store, "Gagal", "", "", 0, FALSE, &error);
  passing = bekal_store_create_profile (store, "Lulus", "", "", 0, FALSE, &error);
  g_assert_no_error (error);

  /* three failed attempts: no keys after the first two, keys after the third and last */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(BekalQuizSession) session = NULL;
      BekalFeedbackFlags after;

      session = bekal_quiz_session_start (store, failing, module, post, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bekal_quiz_session_get_retakes_remaining (session), ==, 2 - attempt);
      answer_all (session, 0);
      g_assert_true (bekal_quiz_session_finish (session, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bekal_quiz_session_get_verdict (session), ==, BEKAL_QUIZ_VERDICT_FAILED);

      after = bekal_quiz_session_get_feedback_policy (session, BEKAL_FEEDBACK_AFTER_FINISH);
      g_assert_true (after & BEKAL_FEEDBACK_SCORE);
      g_assert_true (after & BEKAL_FEEDBACK_VERDICT);
      g_assert_cmpint (after & keys, ==, keys);
      g_assert_cmpint (bekal_quiz_session_may_show_keys (session), ==, attempt == 2);
    }

  g_assert_false (bekal_quiz_can_start_attempt (store, failing, module, post, NULL, &error));
  g_assert_error (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NO_RETAKES);
  g_clear_error (&error);

  /* the first attempt, reviewed now that no try is left, shows the keys too */
  {
    g_autoptr(GPtrArray) attempts = bekal_store_list_attempts (store, failing, "uji-bentuk",
                                                                "post", &error);
    g_autoptr(BekalQuizSession) review = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (attempts->len, ==, 3);
    review = bekal_quiz_session_open_attempt (store, module,
                                              ((BekalQuizAttempt *) attempts->pdata[0])->id,
                                              &error);
    g_assert_no_error (error);
    g_assert_true (bekal_quiz_session_may_show_keys (review));
  }

  /* a pass at the first attempt shows the keys at once */
  {
    g_autoptr(BekalQuizSession) session = bekal_quiz_session_start (store, passing, module,
                                                                     post, &error);

    g_assert_no_error (error);
    /* nothing is shown while the attempt runs */
    g_assert_false (bekal_quiz_session_may_show_keys (session));
    answer_all (session, G_MAXUINT);
    g_assert_true (bekal_quiz_session_finish (session, &error));
    g_assert_cmpint (bekal_quiz_session_get_verdict (session), ==, BEKAL_QUIZ_VERDICT_PASSED);
    g_assert_true (bekal_quiz_session_may_show_keys (session));
  }

  /* other quizzes always may */
  {
    g_autoptr(BekalQuizSession) pre = bekal_quiz_session_start (store, passing, module,
                                                                 bekal_module_find_quiz (module,
                                                                                         "pre"),
                                                                 &error);

    g_assert_no_error (error);
    g_assert_true (bekal_quiz_session_may_show_keys (pre));
  }

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/quiz/score/single", test_score_single);
  ADD ("/quiz/score/truefalse", test_score_truefalse);
  ADD ("/quiz/score/multiple", test_score_multiple);
  ADD ("/quiz/score/order", test_score_order);
  ADD ("/quiz/score/match", test_score_match);
  ADD ("/quiz/score/scale", test_score_scale);
  g_test_add_func ("/quiz/response-helpers", test_response_helpers);
  g_test_add_func ("/quiz/response/round-trip", test_response_round_trip);
  g_test_add_func ("/quiz/response/malformed", test_response_malformed);
  ADD ("/quiz/response/score-and-marks", test_response_score_and_marks);
  ADD ("/quiz/draw/deterministic", test_draw_deterministic);
  ADD ("/quiz/draw/stable", test_draw_stable);
  g_test_add_func ("/quiz/draw/without-shuffle", test_draw_without_shuffle);
  ADD ("/quiz/draw/options", test_arrange_options);
  ADD ("/quiz/session/resume", test_session_resume);
  ADD ("/quiz/session/posttest", test_session_posttest);
  g_test_add_func ("/quiz/session/pass-mark-boundary", test_session_pass_mark_boundary);
  ADD ("/quiz/session/unanswered", test_session_unanswered_score_zero);
  ADD ("/quiz/session/content-changed", test_session_content_changed);
  g_test_add_func ("/quiz/session/disk-full", test_session_disk_full);
  ADD ("/quiz/session/disk-full-next-call", test_session_disk_full_next_call);
  ADD ("/quiz/session/two-instances", test_session_two_instances);
  ADD ("/quiz/session/checkpoint", test_session_checkpoint);
  g_test_add_func ("/quiz/forms/pre-and-post-differ", test_forms_pre_and_post_differ);
  g_test_add_func ("/quiz/forms/half-start-with-each", test_forms_half_start_with_each);
  g_test_add_func ("/quiz/forms/none-unchanged", test_forms_none_unchanged);
  g_test_add_func ("/quiz/session/posttest-keys", test_posttest_keys_after_pass_or_last_try);

#undef ADD

  return g_test_run ();
}
