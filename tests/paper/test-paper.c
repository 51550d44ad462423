/* test-paper.c: the gap report and certificate PDFs, read back with pdftotext and rendered
 * with pdftoppm (the PNGs stay in the build folder: look at them)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

#include "bekal-paper.h"
#include "bekal-store-private.h"
#include "test-util.h"

typedef struct
{
  char       *dir;
  BekalStore *store;
  gint64      passed, failed;
} Fixture;

static gint64
add_test (Fixture       *fixture,
          gint64         profile,
          BekalQuizRole  role,
          const char    *when,
          const double  *scores,
          gboolean       passed)
{
  static const char * const topics[] = { "hak-anak", "asesmen", "rujukan" };
  const char *order[] = { "q1", "q2", "q3", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  double total = 0;
  gint64 id;

  id = bekal_store_start_attempt (fixture->store, profile, "perlindungan-anak", "1", "h",
                                  role == BEKAL_QUIZ_PRETEST ? "pre" : "post", role, 1, order,
                                  &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      bekal_store_record_answer (fixture->store, id, order[i], topics[i], "r", scores[i],
                                 &error);
      g_assert_no_error (error);
      total += scores[i];
    }
  bekal_store_finish_attempt (fixture->store, id, total / 3,
                              passed ? BEKAL_QUIZ_VERDICT_PASSED : BEKAL_QUIZ_VERDICT_FAILED,
                              &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE quiz_attempts SET finished_at = strftime ('%%s', '%s')"
                         " WHERE id = %" G_GINT64_FORMAT, when, id);
  g_assert_cmpint (sqlite3_exec (bekal_store_get_connection_for_testing (fixture->store), sql,
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return id;
}

/* 14 learners, half trained before, over three months; the first passes, the last fails */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const names[] = {
    "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Marlina",
    "Yohanes Kristianto Wibisono Saputra", "Made Wirawan", "Nur Aini", "Teguh Prasetyo",
    "Maria Goreti", "Fajar Nugroho", "Intan Permata", "Hendra Gunawan", "Lina Marpaung",
  };
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->store = bekal_store_open (fixture->dir, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 p = bekal_store_create_profile (fixture->store, names[i], "Sentra Terpadu Inten "
                                             "Soeweno", "peksos", 1, i % 2, &error);
      double pre[3] = { (i % 3) / 3.0, (i % 4) / 4.0, 0.5 };
      double post[3] = { 1, (2 + i % 3) / 4.0, i % 5 == 4 ? 0.25 : 0.75 };
      char when[16];

      g_assert_no_error (error);
      g_snprintf (when, sizeof when, "2026-%02u-05", 1 + i % 3);
      add_test (fixture, p, BEKAL_QUIZ_PRETEST, when, pre, FALSE);
      g_snprintf (when, sizeof when, "2026-%02u-20", 1 + i % 3);
      if (i != 2)
        add_test (fixture, p, BEKAL_QUIZ_POSTTEST, when, post, i != 13);
      if (i == 0)
        fixture->passed = p;
      if (i == 13)
        fixture->failed = p;
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Renders every page to BUILD/paper-NAME-N.png at 100 dpi */
static void
render (const char *pdf,
        const char *name)
{
  g_autofree char *prefix = g_test_build_filename (G_TEST_BUILT, name, NULL);
  const char *argv[] = { "pdftoppm", "-r", "100", "-png", pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
have_poppler (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");
  g_autofree char *path2 = g_find_program_in_path ("pdftoppm");

  if (path != NULL && path2 != NULL)
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdftoppm) is not installed");
  return FALSE;
}

static void
test_gap_pdf (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "gap.pdf", NULL);
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  g_assert_true (bekal_paper_write_gap_report (fixture->store, "/data/sentra-inten", pdf, NULL,
                                               NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Gap report"));
  g_assert_nonnull (strstr (text, "/data/sentra-inten"));
  g_assert_nonnull (strstr (text, "perlindungan-anak"));
  g_assert_nonnull (strstr (text, "hak-anak"));
  g_assert_nonnull (strstr (text, "Budi Santoso"));
  g_assert_nonnull (strstr (text, "2026-03"));
  /* the table: the whole module's untrained pre-test (7 learners) */
  g_assert_nonnull (strstr (text, "(n=7)"));
  g_assert_nonnull (strstr (text, "Page 2"));
  render (pdf, "paper-gap");
}

/* An installed module's English model, loaded from modules/ */
static BekalModule *
load_module_en (const char *name)
{
  g_autofree char *modules = test_source_path ("modules");
  g_autofree char *media = test_source_path ("media");
  g_autofree char *folder = g_build_filename (modules, name, NULL);
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) variants = bekal_loader_load_folder (loader, folder, diagnostics,
                                                             &error);

  g_assert_no_error (error);
  g_assert_nonnull (variants);
  g_assert_nonnull (g_hash_table_lookup (variants, "en"));
  return g_object_ref (g_hash_table_lookup (variants, "en"));
}

/* Charts, their summaries and the PDF's table name topics as the installed module does, and
 * by their ids when the module is not installed or has no such topic */
static void
test_topic_names (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const topics[] = {
    "asesmen-keluarga", "pertemuan-keluarga", "topik-lama",
  };
  const char *order[] = { "q1", "q2", "q3", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = load_module_en ("keluarga-komunitas");
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "nama-topik.pdf", NULL);
  g_autofree char *pdf_ids = g_build_filename (fixture->dir, "id-topik.pdf", NULL);
  g_autofree char *text = NULL, *text_ids = NULL;
  g_autofree char *summary = NULL, *summary_ids = NULL;
  g_autofree char *flat = NULL;
  gint64 id;

  id = bekal_store_start_attempt (fixture->store, fixture->passed, "keluarga-komunitas", "1.0",
                                  "h", "pre", BEKAL_QUIZ_PRETEST, 1, order, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      bekal_store_record_answer (fixture->store, id, order[i], topics[i], "r", 0.5, &error);
      g_assert_no_error (error);
    }
  bekal_store_finish_attempt (fixture->store, id, 0.5, BEKAL_QUIZ_VERDICT_NONE, &error);
  g_assert_no_error (error);
  rows = bekal_report_gap (fixture->store, &error);
  g_assert_no_error (error);

  /* the summary read to screen readers */
  summary = bekal_chart_dup_gap_summary_with_module (rows, "keluarga-komunitas", module);
  g_assert_nonnull (strstr (summary, "Working with families and communities"));
  g_assert_nonnull (strstr (summary, "Family assessment and the child's best interests. "));
  g_assert_nonnull (strstr (summary, "Family meetings. "));
  g_assert_null (strstr (summary, "pertemuan-keluarga"));
  g_assert_nonnull (strstr (summary, "topik-lama. "));
  summary_ids = bekal_chart_dup_gap_summary_with_module (rows, "keluarga-komunitas", NULL);
  g_assert_nonnull (strstr (summary_ids, "pertemuan-keluarga. "));
  g_assert_null (strstr (summary_ids, "Family meetings"));

  if (!have_poppler ())
    return;

  /* the PDF: the chart's labels and the table */
  g_ptr_array_add (modules, module);
  g_assert_true (bekal_paper_write_gap_report_with_modules (fixture->store, modules,
                                                            "/data/sentra-inten", pdf, NULL,
                                                            NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Module Working with families and communities"));
  /* twice: under the chart's bars and in the table */
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "Family meetings"));
  g_assert_nonnull (strstr (strstr (flat, "Family meetings") + 1, "Family meetings"));
  g_assert_null (strstr (text, "pertemuan-keluarga"));
  g_assert_nonnull (strstr (text, "topik-lama"));
  /* the other module is not installed: its topics keep their ids */
  g_assert_nonnull (strstr (text, "Module perlindungan-anak"));
  g_assert_nonnull (strstr (text, "hak-anak"));
  render (pdf, "paper-topic-names");

  /* without the modules, ids as before */
  g_assert_true (bekal_paper_write_gap_report (fixture->store, "/data/sentra-inten", pdf_ids,
                                               NULL, NULL, &error));
  g_assert_no_error (error);
  text_ids = pdf_text (pdf_ids);
  g_assert_nonnull (strstr (text_ids, "pertemuan-keluarga"));
  g_assert_null (strstr (text_ids, "Family meetings"));
}

static void
test_certificate (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "cert.pdf", NULL);
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  g_assert_true (bekal_paper_write_certificate (fixture->store, fixture->passed,
                                                "perlindungan-anak", "Perlindungan Anak", "id",
                                                pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "SERTIFIKAT"));
  g_assert_nonnull (strstr (text, "Siti Rahmawati"));
  g_assert_nonnull (strstr (text, "Sentra Terpadu Inten Soeweno"));
  g_assert_nonnull (strstr (text, "Perlindungan Anak"));
  g_assert_nonnull (strstr (text, "nilai 75 dari 100"));
  g_assert_nonnull (strstr (text, "20 Januari 2026"));
  render (pdf, "paper-certificate-id");
  g_clear_pointer (&text, g_free);

  g_assert_true (bekal_paper_write_certificate (fixture->store, fixture->passed,
                                                "perlindungan-anak", "Child Protection", "en",
                                                pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "CERTIFICATE"));
  g_assert_nonnull (strstr (text, "score of 75 out of 100"));
  g_assert_nonnull (strstr (text, "20 January 2026"));
  render (pdf, "paper-certificate-en");
  g_assert_cmpint (g_unlink (pdf), ==, 0);

  /* failed the post-test: refused, nothing written */
  g_assert_false (bekal_paper_write_certificate (fixture->store, fixture->failed,
                                                 "perlindungan-anak", "x", "en", pdf, &error));
  g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* The item analysis alone, and appended to the gap report: the figures of the test and of
 * each question, the flags and their hints */
static void
test_items_pdf (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "items.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *alpha = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  BekalTestStats *post = NULL;
  BekalItemStats *q1 = NULL;

  if (!have_poppler ())
    return;

  tests = bekal_item_analysis_run (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, 2);
  for (guint i = 0; i < tests->len; i++)
    {
      BekalTestStats *test = g_ptr_array_index (tests, i);

      if (g_str_equal (test->quiz_id, "post"))
        post = test;
    }
  g_assert_nonnull (post);
  for (guint i = 0; i < post->items->len; i++)
    {
      BekalItemStats *item = g_ptr_array_index (post->items, i);

      if (g_str_equal (item->question_id, "q1"))
        q1 = item;
    }
  /* everyone got q1 of the post-test right: too easy */
  g_assert_nonnull (q1);
  g_assert_cmpfloat (q1->facility, ==, 1.0);
  g_assert_true (q1->flags & BEKAL_ITEM_FLAG_TOO_EASY);

  g_assert_true (bekal_paper_write_item_analysis (tests, "/data/sentra-inten", pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Item analysis"));
  g_assert_nonnull (strstr (text, "/data/sentra-inten"));
  g_assert_nonnull (strstr (text, "Module perlindungan-anak · test post"));
  g_assert_nonnull (strstr (text, "Module perlindungan-anak · test pre"));
  g_assert_nonnull (strstr (text, "Discrimination"));
  g_assert_nonnull (strstr (text, "Efficiency"));
  /* the post-test's reliability, as computed */
  alpha = g_strdup_printf ("KR-20 for right/wrong questions) %.2f", post->alpha);
  g_assert_nonnull (strstr (text, alpha));
  g_assert_nonnull (strstr (text, "too easy"));
  /* the hint of the flag, under the question (its first words: pdftotext breaks its lines) */
  g_assert_nonnull (strstr (text, "Almost every learner answers this question"));
  /* q1 of the post-test: 13 attempts, facility 1.00 */
  g_assert_true (g_regex_match_simple ("q1 +13 +1\\.00 +0\\.00", text, 0, 0));
  render (pdf, "paper-items");
  g_clear_pointer (&text, g_free);

  /* appended to the gap report, its pages numbered on */
  g_assert_true (bekal_paper_write_gap_report (fixture->store, "/data/sentra-inten", pdf,
                                               bekal_paper_item_analysis_section, tests,
                                               &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Gap report"));
  g_assert_nonnull (strstr (text, "Item analysis"));
  /* two pages of the gap report, then the item analysis on page 3, numbered on */
  g_assert_nonnull (strstr (text, "Page 2"));
  g_assert_nonnull (strstr (text, "Page 3"));
  g_assert_true (strstr (text, "Item analysis") > strstr (text, "Page 2"));
  g_assert_null (strstr (strstr (text, "Page 2"), "Page 1"));
  render (pdf, "paper-gap-items");
}

/* bekal-author report gap --pdf and certificate, on the same store */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  g_autofree char *pdf = g_build_filename (fixture->dir, "cli.pdf", NULL);
  g_autofree char *passed = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->passed);
  g_autofree char *failed = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->failed);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (author == NULL)
    {
      g_test_skip ("BEKAL_AUTHOR is not set");
      return;
    }
  if (!have_poppler ())
    return;
  /* the command opens the store itself */
  g_clear_object (&fixture->store);

  {
    const char *argv[] = { author, "report", "gap", "--data-dir", fixture->dir, "--pdf", pdf,
                           NULL };

    /* its "Wrote FILE" is not part of the test's output */
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "perlindungan-anak"));
    /* the item analysis follows the gap report */
    g_assert_nonnull (strstr (text, "Item analysis"));
    g_clear_pointer (&text, g_free);
  }
  {
    const char *argv[] = { author, "certificate", "--data-dir", fixture->dir, "--profile",
                           passed, "--module", "perlindungan-anak", "--title", "Perlindungan Anak",
                           "--lang", "en", "-o", pdf, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Siti Rahmawati"));
    g_assert_nonnull (strstr (text, "Perlindungan Anak"));
  }
  g_assert_cmpint (g_unlink (pdf), ==, 0);
  {
    const char *argv[] = { author, "report", "items", "--data-dir", fixture->dir, "--pdf", pdf,
                           NULL };

    g_clear_pointer (&text, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Item analysis"));
    g_assert_nonnull (strstr (text, "Module perlindungan-anak · test post"));
    g_assert_nonnull (strstr (text, "low discrimination"));
    render (pdf, "paper-cli-items");
  }
  g_assert_cmpint (g_unlink (pdf), ==, 0);
  {
    const char *argv[] = { author, "certificate", "--data-dir", fixture->dir, "--profile",
                           failed, "--module", "perlindungan-anak", "-o", pdf, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "not passed"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

/* The learners' chart asks for the room its rows take: a row each while they fit, else the
 * five bands' rows, never the most there is for a few rows */
static void
test_changes_height (void)
{
  const BekalChartStyle style = { FALSE, 0.72 };
  double one = bekal_chart_changes_height (&style, 1, 560);
  double six = bekal_chart_changes_height (&style, 6, 560);
  double bands = bekal_chart_changes_height (&style, 60, 560);

  g_assert_cmpfloat (one, <, six);
  g_assert_cmpfloat (six, <, 560);
  /* five bands: less room than six rows, more than one */
  g_assert_cmpfloat (bands, >, one);
  g_assert_cmpfloat (bands, <, six);
  g_assert_cmpfloat (bekal_chart_changes_height (&style, 600, 560), ==, bands);
  /* never past the room given */
  g_assert_cmpfloat (bekal_chart_changes_height (&style, 3, 40), <=, 40);
}

typedef struct
{
  double x0, y0, x1, y1;
  char  *text;
} WordBox;

static void
word_box_clear (WordBox *box)
{
  g_free (box->text);
}

/* Every word of the first page of @pdf with its box, from pdftotext -bbox */
static GArray *
pdf_word_boxes (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *out = NULL;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (WordBox));
  int status;

  g_array_set_clear_func (boxes, (GDestroyNotify) word_box_clear);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                       "yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, &error);
  g_assert_no_error (error);
  for (g_regex_match (regex, out, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      WordBox box;
      g_autofree char *x0 = g_match_info_fetch (match, 1);
      g_autofree char *y0 = g_match_info_fetch (match, 2);
      g_autofree char *x1 = g_match_info_fetch (match, 3);
      g_autofree char *y1 = g_match_info_fetch (match, 4);

      box.x0 = g_ascii_strtod (x0, NULL);
      box.y0 = g_ascii_strtod (y0, NULL);
      box.x1 = g_ascii_strtod (x1, NULL);
      box.y1 = g_ascii_strtod (y1, NULL);
      box.text = g_match_info_fetch (match, 5);
      g_array_append_val (boxes, box);
    }

  return boxes;
}

/* Twelve months of close means, each label as wide as it gets ("100 (n=120)"), drawn as wide
 * as the gap PDF draws its month chart: no two words may overlap */
static void
test_trend_labels (void)
{
  const BekalChartStyle style = { FALSE, 0.72 };
  g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "paper-trend-12.pdf", NULL);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                bekal_month_trend_free);
  g_autoptr(GArray) boxes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_values = 0;

  if (!have_poppler ())
    return;

  for (guint i = 0; i < 12; i++)
    {
      BekalMonthTrend *month = g_new0 (BekalMonthTrend, 1);

      month->month = g_strdup_printf ("2026-%02u", i + 1);
      month->pre_mean = 50 + (i % 2);
      month->pre_n = 120;
      month->post_mean = i % 3 == 0 ? 100 : 80 + (i % 2);
      month->post_n = 118;
      g_ptr_array_add (months, month);
    }

  surface = cairo_pdf_surface_create (pdf, 495, 190);
  cr = cairo_create (surface);
  bekal_chart_draw_trend (cr, 495, 190, &style, months);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  boxes = pdf_word_boxes (pdf);
  for (guint i = 0; i < boxes->len; i++)
    {
      const WordBox *a = &g_array_index (boxes, WordBox, i);

      if (strstr (a->text, "n=") != NULL)
        n_values++;
      for (guint j = i + 1; j < boxes->len; j++)
        {
          const WordBox *b = &g_array_index (boxes, WordBox, j);
          /* a quarter of a point of touching is the fonts' side bearings, not an overlap */
          gboolean overlap = a->x0 < b->x1 - 0.25 && b->x0 < a->x1 - 0.25
                             && a->y0 < b->y1 - 0.25 && b->y0 < a->y1 - 0.25;

          if (overlap)
            g_error ("“%s” (%.1f,%.1f–%.1f,%.1f) overlaps “%s” (%.1f,%.1f–%.1f,%.1f)", a->text,
                     a->x0, a->y0, a->x1, a->y1, b->text, b->x0, b->y0, b->x1, b->y1);
        }
    }
  /* every value label was drawn: one pre and one post a month */
  g_assert_cmpuint (n_values, ==, 24);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/paper/gap-pdf", Fixture, NULL, fixture_set_up, test_gap_pdf, fixture_tear_down);
  g_test_add ("/paper/topic-names", Fixture, NULL, fixture_set_up, test_topic_names,
              fixture_tear_down);
  g_test_add ("/paper/items-pdf", Fixture, NULL, fixture_set_up, test_items_pdf,
              fixture_tear_down);
  g_test_add ("/paper/certificate", Fixture, NULL, fixture_set_up, test_certificate,
              fixture_tear_down);
  g_test_add ("/paper/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add_func ("/paper/changes-height", test_changes_height);
  g_test_add_func ("/paper/trend-labels", test_trend_labels);
  return g_test_run ();
}
