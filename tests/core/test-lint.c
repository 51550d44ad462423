/* test-lint.c: the item-writing checks, each on a module that shows its pattern and on one
 * that does not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-lint.h>
#include <bekal/bekal-loader.h>

#include "test-util.h"

typedef struct
{
  const char *name;
  const char *check;      /* the check the module must trigger, or NULL for none */
  const char *pretest;    /* the attributes and questions of the pre-test */
  const char *posttest;   /* the post-test's attributes */
  const char *practice;   /* the attributes and questions of the lesson's practice quiz */
} LintCase;

#define SINGLE(ID, A, B, C, RIGHT) \
  "<question id=\"" ID "\" topic=\"dasar\" type=\"single\"><prompt>Pertanyaan " ID \
  " tentang pendampingan klien?</prompt>" \
  "<option id=\"a\"" RIGHT##_A ">" A "</option><option id=\"b\"" RIGHT##_B ">" B "</option>" \
  "<option id=\"c\"" RIGHT##_C ">" C "</option><explanation>Karena itu.</explanation>" \
  "</question>"
#define FIRST_A " correct=\"true\""
#define FIRST_B ""
#define FIRST_C ""
#define SECOND_A ""
#define SECOND_B " correct=\"true\""
#define SECOND_C ""
#define THIRD_A ""
#define THIRD_B ""
#define THIRD_C " correct=\"true\""

#define MULTI(ID, OPTIONS) \
  "<question id=\"" ID "\" topic=\"dasar\" type=\"multiple\"><prompt>Mana yang benar " ID \
  "?</prompt>" OPTIONS "<explanation>Karena itu.</explanation></question>"
#define WRONG_LAST \
  "<option id=\"a\" correct=\"true\">Satu</option><option id=\"b\" correct=\"true\">Dua" \
  "</option><option id=\"c\">Tiga</option>"
#define WRONG_FIRST \
  "<option id=\"a\">Satu</option><option id=\"b\" correct=\"true\">Dua</option>" \
  "<option id=\"c\" correct=\"true\">Tiga</option>"

#define TF(ID) \
  "<question id=\"" ID "\" topic=\"dasar\" type=\"truefalse\" answer=\"true\"><prompt>" \
  "Pernyataan " ID " tentang peksos yang mendampingi klien.</prompt>" \
  "<explanation>Ya.</explanation></question>"

#define SCALE(ID) \
  "<question id=\"" ID "\" topic=\"dasar\" type=\"scale\" min=\"1\" max=\"5\"><prompt>" \
  "Seberapa siap Anda?</prompt></question>"

#define FOUR_TF TF ("t1") TF ("t2") TF ("t3") TF ("t4")
#define EIGHT_TF FOUR_TF TF ("t5") TF ("t6") TF ("t7") TF ("t8")

static const LintCase cases[] = {
  /* the right option much longer in most questions */
  { "option-length", "option-length",
    "draw=\"4\">" EIGHT_TF
    SINGLE ("s1", "Mendengarkan klien dengan sabar dan tanpa menghakimi", "Diam", "Pergi", FIRST)
    SINGLE ("s2", "Ya", "Mencatat semua kebutuhan klien dengan rinci", "Tidak", SECOND)
    SINGLE ("s3", "Lari", "Tidur", "Bertanya kepada supervisor sebelum memutuskan", THIRD),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  { "option-length-even", NULL,
    "draw=\"4\">" EIGHT_TF
    SINGLE ("s1", "Mendengarkan klien", "Menasihati klien", "Menghindari klien", FIRST)
    SINGLE ("s2", "Menunda catatan", "Mencatat kebutuhan", "Menebak kebutuhan", SECOND)
    SINGLE ("s3", "Memutuskan sendiri", "Menunggu perintah", "Bertanya ke supervisor", THIRD),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  /* the right option always first, options not shuffled */
  { "answer-position", "answer-position",
    "draw=\"4\">" EIGHT_TF
    SINGLE ("s1", "Mendengarkan", "Menasihati", "Menghindari", FIRST)
    SINGLE ("s2", "Mencatat", "Menunda", "Menebak", FIRST)
    SINGLE ("s3", "Bertanya", "Memutuskan", "Menunggu", FIRST),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  { "answer-position-shuffled", NULL,
    "draw=\"4\" shuffle=\"true\">" EIGHT_TF
    SINGLE ("s1", "Mendengarkan", "Menasihati", "Menghindari", FIRST)
    SINGLE ("s2", "Mencatat", "Menunda", "Menebak", FIRST)
    SINGLE ("s3", "Bertanya", "Memutuskan", "Menunggu", FIRST),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  /* the one wrong option of multiple-answer questions always last */
  { "wrong-option-last", "wrong-option-last",
    "draw=\"4\">" EIGHT_TF MULTI ("m1", WRONG_LAST) MULTI ("m2", WRONG_LAST),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  { "wrong-option-varied", NULL,
    "draw=\"4\">" EIGHT_TF MULTI ("m1", WRONG_LAST) MULTI ("m2", WRONG_FIRST),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  /* practice without shuffle */
  { "practice-no-shuffle", "practice-no-shuffle",
    "draw=\"4\">" EIGHT_TF,
    "draw=\"4\"", ">" TF ("p1") TF ("p2") },
  /* a self-rating in a drawn pool */
  { "scale-in-pool", "scale-in-pool",
    "draw=\"4\">" EIGHT_TF SCALE ("r1"),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  { "scale-asked-to-all", NULL,
    ">" EIGHT_TF SCALE ("r1"),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  /* a post-test drawing 4 of a pool of 5 */
  { "pool-too-small", "pool-too-small",
    "draw=\"4\">" FOUR_TF TF ("t5"),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  /* "all of the above", in either language */
  { "all-of-the-above", "all-of-the-above",
    "draw=\"4\">" EIGHT_TF
    SINGLE ("s1", "Mendengarkan", "Mencatat", "Semua jawaban benar", THIRD),
    "draw=\"4\"", "shuffle=\"true\">" TF ("p1") TF ("p2") },
  /* a practice question that repeats a test question */
  { "near-duplicate", "near-duplicate",
    "draw=\"4\">" EIGHT_TF,
    "draw=\"4\"", "shuffle=\"true\">" TF ("t1x") TF ("p2") },
  /* a check turned off with a reason, and one without */
  { "ignored-with-reason", NULL,
    "draw=\"4\">" EIGHT_TF,
    "draw=\"4\"", "shuffle=\"false\" lint-ignore=\"practice-no-shuffle\" lint-reason=\"Urutannya "
    "mengikuti alur cerita.\">" TF ("p1") TF ("p2") },
  { "ignored-without-reason", "ignore-without-reason",
    "draw=\"4\">" EIGHT_TF,
    "draw=\"4\"", "lint-ignore=\"practice-no-shuffle\" lint-reason=\" \">" TF ("p1") TF ("p2") },
};

static char *
module_text (const LintCase *lint)
{
  /* TF ("t1x") is t1's prompt with another id: a near-duplicate */
  g_autofree char *practice = NULL;
  g_auto(GStrv) parts = g_strsplit (lint->practice, "Pernyataan t1x", -1);

  practice = g_strjoinv ("Pernyataan t1", parts);
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<module xmlns=\"urn:bekal:module:1\" id=\"lint\" version=\"1.0\" xml:lang=\"id\">\n"
    "<title>Modul</title><summary>Untuk pengujian.</summary>\n"
    "<meta><author>Tim</author></meta>\n"
    "<topics><topic id=\"dasar\">Dasar</topic></topics>\n"
    "<quiz id=\"pretes\" role=\"pretest\" %s</quiz>\n"
    "<lesson id=\"pelajaran\"><title>Pelajaran</title><p>Teks.</p>\n"
    "<quiz id=\"latihan\" role=\"practice\" %s</quiz></lesson>\n"
    "<quiz id=\"postes\" role=\"posttest\" pool=\"pretes\" %s/>\n"
    "</module>\n",
    lint->pretest, practice, lint->posttest);
}

static void
test_case (gconstpointer data)
{
  const LintCase *lint = data;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "module.id.xml", NULL);
  g_autofree char *text = module_text (lint);
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);

  warnings = bekal_lint_module (module);
  for (guint i = 0; i < warnings->len; i++)
    {
      BekalLintWarning *warning = g_ptr_array_index (warnings, i);

      g_test_message ("%s (line %d): %s", warning->check, warning->line, warning->message);
      g_assert_cmpuint (strlen (warning->suggestion), >, 0);
      g_assert_cmpint (warning->line, >, 0);
    }
  if (lint->check == NULL)
    g_assert_cmpuint (warnings->len, ==, 0);
  else
    {
      g_assert_cmpuint (warnings->len, ==, 1);
      g_assert_cmpstr (((BekalLintWarning *) g_ptr_array_index (warnings, 0))->check, ==,
                       lint->check);
    }
  test_remove_tree (dir);
}

/* The modules Bekal ships pass: the checks are advice the bundled content follows */
static void
test_bundled_modules (void)
{
  g_autofree char *modules = test_source_path ("modules");
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GDir) dir = g_dir_open (modules, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (modules, name, "module.id.xml", NULL);
      g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(BekalModule) module = NULL;
      g_autoptr(GPtrArray) warnings = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      module = bekal_loader_load_file (loader, path, diagnostics, &error);
      g_assert_no_error (error);
      warnings = bekal_lint_module (module);
      for (guint i = 0; i < warnings->len; i++)
        g_test_message ("%s: %s", name,
                        ((BekalLintWarning *) g_ptr_array_index (warnings, i))->message);
      g_assert_cmpuint (warnings->len, ==, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lint/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/lint/bundled-modules", test_bundled_modules);

  return g_test_run ();
}
