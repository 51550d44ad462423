/* test-loader.c: the loader, its model and every diagnostic rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <bekal/bekal-model.h>

#include "bekal-loader-private.h"
#include "bekal-text-private.h"
#include "test-util.h"

#define EXAMPLE_FOLDER "examples/contoh-semua-elemen"

/* Replaces the end of the minimal fixture's paragraph: the figure lands on line 17 */
#define FIGURE_AFTER_PARAGRAPH \
  "</p>\n    <figure src=\"%s\" alt=\"Gambar\">\n      <caption>Gambar</caption>\n    </figure>\n"

/* One diagnostic rule, checked on the fixture tests/fixtures/invalid/NAME.xml (or
 * NAME/module.LANG.xml for a rule that needs a folder) */
typedef struct
{
  const char    *name;
  BekalSeverity  severity;
  const char    *needle;  /* what the message must mention: an id, a name, a value */
  const char    *needle2; /* a second thing it must mention, or NULL */
  int            line;
  const char    *at;      /* the text the column points to on that line */
} RuleCase;

/* A rule on the translations of a module folder: the diagnostic is in module.en.xml */
typedef struct
{
  const char *name;
  const char *needle;
  const char *needle2;
  int         line;
  guint       n_messages; /* one for each mistake */
} TranslationCase;

static const RuleCase rule_cases[] = {
  { "duplicate-id", BEKAL_SEVERITY_ERROR, "pelajaran-1", "14", 17, "id=" },
  /* a wrong attribute value is named with the values allowed (issue 15) */
  { "attribute-value-note", BEKAL_SEVERITY_ERROR, "kind=\"warning\" is not allowed on <note>",
    "write one of tip, important, care", 24, "<note" },
  { "attribute-value-quiz-role", BEKAL_SEVERITY_ERROR, "role=\"latihan\"",
    "pretest, practice, posttest", 29, "<quiz" },
  /* a time with a dot is refused with the form to write (issue 15) */
  { "time-with-dot", BEKAL_SEVERITY_ERROR, "at=\"1:05\"", "1 min 05 s", 21, "at=" },
  { "time-with-dot-fraction", BEKAL_SEVERITY_ERROR, "at=\"0.3\" has a dot", "(1:15)", 21,
    "at=" },
  { "unknown-topic", BEKAL_SEVERITY_ERROR, "topik-hilang", "q1", 18, "<question" },
  { "unknown-checkpoint-question", BEKAL_SEVERITY_ERROR, "q-hilang", "klip", 21, "<checkpoint" },
  { "unknown-pool", BEKAL_SEVERITY_ERROR, "pool-hilang", "postes", 26, "<quiz" },
  { "pool-of-pool", BEKAL_SEVERITY_ERROR, "postes", "pretes", 27, "<quiz" },
  { "pool-with-questions", BEKAL_SEVERITY_ERROR, "postes", "latihan", 26, "<quiz" },
  { "quiz-without-questions", BEKAL_SEVERITY_ERROR, "kosong", NULL, 26, "<quiz" },
  { "single-no-correct", BEKAL_SEVERITY_ERROR, "q1", "0", 18, "<question" },
  { "single-two-correct", BEKAL_SEVERITY_ERROR, "q1", "2", 18, "<question" },
  { "multiple-no-correct", BEKAL_SEVERITY_ERROR, "q1", "correct", 18, "<question" },
  { "draw-too-large", BEKAL_SEVERITY_ERROR, "latihan", "5", 17, "<quiz" },
  { "term-missing-entry", BEKAL_SEVERITY_ERROR, "entri-hilang", NULL, 16, "ref=" },
  /* terms are checked in every kind of inline text, at the term's own line */
  { "term-multiline", BEKAL_SEVERITY_ERROR, "entri-hilang", NULL, 18, "ref=" },
  { "term-in-explanation", BEKAL_SEVERITY_ERROR, "entri-hilang", NULL, 22, "ref=" },
  { "term-in-feedback", BEKAL_SEVERITY_ERROR, "entri-hilang", NULL, 21, "ref=" },
  { "bad-time", BEKAL_SEVERITY_ERROR, "1:75", NULL, 21, "at=" },
  { "scale-min-max", BEKAL_SEVERITY_ERROR, "min=5", "max=3", 24, "<question" },
  { "scale-label-outside", BEKAL_SEVERITY_ERROR, "7", "1 to 5", 27, "value=" },
  { "duplicate-subtitles", BEKAL_SEVERITY_ERROR, "subtitle", "id", 20, "<subtitles" },
  { "media-not-found", BEKAL_SEVERITY_ERROR, "video-hilang.webm", NULL, 17, "src=" },
  { "relative-missing", BEKAL_SEVERITY_ERROR, "gambar/tidak-ada.png", NULL, 17, "src=" },
  { "absolute-path", BEKAL_SEVERITY_ERROR, "/etc/hosts", NULL, 17, "src=" },
  { "dotdot-escape", BEKAL_SEVERITY_ERROR, "../../etc/passwd", NULL, 17, "src=" },
  { "http-url", BEKAL_SEVERITY_ERROR, "http://example.org/video.webm", NULL, 17, "src=" },
  { "wrong-root", BEKAL_SEVERITY_ERROR, "<modul>", NULL, 2, "<modul" },
  { "wrong-namespace", BEKAL_SEVERITY_ERROR, "urn:bekal:module:2", "urn:bekal:module:1", 2,
    "<module" },
  { "unknown-element", BEKAL_SEVERITY_ERROR, "<paragraph>", NULL, 17, "<paragraph" },
  { "missing-attribute", BEKAL_SEVERITY_ERROR, "<note>", NULL, 17, "<note" },
  { "no-explanation", BEKAL_SEVERITY_WARNING, "q1", "<explanation>", 18, "<question" },
  { "lang-mismatch/module.en", BEKAL_SEVERITY_ERROR, "xml:lang", "en", 2, "<module" },
  /* ids: empty, padded, too long or not lower case, on elements and in references (issue 12) */
  { "empty-id", BEKAL_SEVERITY_ERROR, "empty", "“id” of <lesson>", 21, "id=" },
  { "padded-id", BEKAL_SEVERITY_ERROR, "latihan", "spaces", 29, "id=" },
  { "tab-id", BEKAL_SEVERITY_ERROR, "q1", "spaces", 30, "id=" },
  { "long-id", BEKAL_SEVERITY_ERROR, "not an id", "64", 21, "id=" },
  { "empty-option-id", BEKAL_SEVERITY_ERROR, "empty", "<option>", 33, "id=" },
  { "padded-topic-ref", BEKAL_SEVERITY_ERROR, "dasar", "topic", 30, "topic=" },
  { "uppercase-id", BEKAL_SEVERITY_ERROR, "Klip", "lower-case", 24, "id=" },
  /* accepted before, but wrong (issue 12) */
  { "checkpoint-test-question", BEKAL_SEVERITY_ERROR, "t1", "pretes", 27, "<checkpoint" },
  { "order-same-items", BEKAL_SEVERITY_ERROR, "i3", "u1", 40, "<item" },
  { "match-same-right", BEKAL_SEVERITY_ERROR, "Pendamping", "right side", 39, "<pair" },
  { "two-pretests", BEKAL_SEVERITY_ERROR, "pretes-2", "pretes", 38, "<quiz" },
  { "two-posttests", BEKAL_SEVERITY_ERROR, "postes-2", "postes", 39, "<quiz" },
  /* what each question type has, checked by the loader (the schema's variants are too slow) */
  { "item-in-single", BEKAL_SEVERITY_ERROR, "<item>", "single", 34, "<item" },
  { "truefalse-no-answer", BEKAL_SEVERITY_ERROR, "answer", "truefalse", 12, "<question" },
  { "answer-on-single", BEKAL_SEVERITY_ERROR, "answer", "single", 30, "answer=" },
  { "scale-without-max", BEKAL_SEVERITY_ERROR, "min", "max", 36, "<question" },
  /* parallel forms (issue 17) */
  { "form-missing", BEKAL_SEVERITY_ERROR, "t3", "form", 20, "<question" },
  { "form-too-few", BEKAL_SEVERITY_ERROR, "postes", "“b” has only 1", 42, "<quiz" },
  { "form-scale-in-pool", BEKAL_SEVERITY_ERROR, "s1", "practice quiz", 20, "<question" },
  { "form-outside-test", BEKAL_SEVERITY_ERROR, "q1", "latihan", 30, "<question" },
};

/* Rules on translations; the diagnostic is found by its line, and its column points at the
 * element the message names (issue 15: every place with a column) */
static const TranslationCase translation_cases[] = {
  /* a missing part is shown where it belongs in the translation (issue 15: not line 1) */
  { "translation-missing-lesson", "lacks <lesson id=\"pelajaran-2\">", "line 26", 14, 1 },
  /* one message for an extra question, not one more for each of its options (issue 15) */
  { "translation-extra-question", "<question id=\"q2\">", "remove it", 24, 1 },
  { "translation-order", "q2", "q1", 18, 1 },
  /* the right answer moved is one message, at the option marked in the translation */
  { "translation-correct-option", "marks “b” as correct", "marks “a”", 21, 1 },
  /* values a translation may not change (issue 12, issue 17) */
  { "translation-pass", "pass", "80", 38, 1 },
  { "translation-checkpoint-at", "at", "0:05", 27, 1 },
  { "translation-video-src", "src", "sampel-01-orientasi.webm", 24, 1 },
  { "translation-scale-range", "max", "5", 36, 1 },
  /* two questions that swapped their forms: two mistakes */
  { "translation-form", "form", "t1", 12, 2 },
  /* kinds, times and files that carry meaning beyond the words (issue 15) */
  { "translation-note-kind", "kind", "tip", 24, 1 },
  { "translation-list-kind", "kind", "number", 25, 1 },
  { "translation-chapter-at", "at", "0:02", 32, 1 },
  { "translation-subtitle-src", "src", "sampel-01-orientasi.id.vtt", 31, 1 },
  { "translation-feedback", "has no <feedback> in <option id=\"b\">", "line 39", 39, 1 },
  /* a trainer's note the translation lacks (group sessions), named by its first words */
  { "translation-trainer-note", "the trainer note “Tanyakan pengalaman peserta.”", "line 24",
    24, 1 },
};

/* Helpers */

static char *
media_dir (void)
{
  return test_source_path ("media");
}

static BekalLoader *
new_loader (void)
{
  g_autofree char *media = media_dir ();
  const char *media_dirs[] = { media, NULL };

  return bekal_loader_new (media_dirs);
}

static GPtrArray *
load_path (const char   *path,
           BekalModule **module_out,
           GError      **error)
{
  g_autoptr(BekalLoader) loader = new_loader ();
  GPtrArray *diagnostics = bekal_diagnostics_new ();
  BekalModule *module = bekal_loader_load_file (loader, path, diagnostics, error);

  if (module_out)
    *module_out = module;
  else
    g_clear_object (&module);

  return diagnostics;
}

/* The first diagnostic of @severity that mentions @needle, on @line unless it is -1 */
static const BekalDiagnostic *
find_diagnostic_at (GPtrArray     *diagnostics,
                    BekalSeverity  severity,
                    const char    *needle,
                    int            line)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (bekal_diagnostic_get_severity (d) == severity
          && strstr (bekal_diagnostic_get_message (d), needle) != NULL
          && (line < 0 || bekal_diagnostic_get_line (d) == line))
        return d;
    }

  return NULL;
}

static const BekalDiagnostic *
find_diagnostic (GPtrArray     *diagnostics,
                 BekalSeverity  severity,
                 const char    *needle)
{
  return find_diagnostic_at (diagnostics, severity, needle, -1);
}

/* The 1-based column (in characters) of @needle on line @line of @path */
static int
column_in_file (const char *path,
                int         line,
                const char *needle)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *found;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, (guint) line);

  found = strstr (lines[line - 1], needle);
  g_assert_nonnull (found);

  return (int) g_utf8_strlen (lines[line - 1], found - lines[line - 1]) + 1;
}

static char *
read_fixture (const char *relative_path)
{
  g_autofree char *path = g_build_filename (test_fixtures_dir (), relative_path, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A module file with the head of the minimal fixture and the given lessons */
static char *
module_with_body (const char *body)
{
  g_autofree char *minimal = read_fixture ("valid/minimal/module.id.xml");
  const char *end_of_head = strstr (minimal, "  <lesson");

  g_assert_nonnull (end_of_head);
  return g_strdup_printf ("%.*s%s</module>\n", (int) (end_of_head - minimal), minimal, body);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *replacement)
{
  const char *found = strstr (text, old);

  g_assert_nonnull (found);
  return g_strdup_printf ("%.*s%s%s", (int) (found - text), text, replacement,
                          found + strlen (old));
}

static void
assert_span (BekalText      *text,
             guint           index,
             BekalSpanStyle  style,
             const char     *content,
             const char     *term_ref)
{
  const BekalSpan *span;

  g_assert_nonnull (text);
  g_assert_cmpuint (index, <, bekal_text_get_n_spans (text));
  span = bekal_text_get_span (text, index);
  g_assert_cmpint (span->style, ==, style);
  g_assert_cmpstr (span->text, ==, content);
  g_assert_cmpstr (span->term_ref, ==, term_ref);
}

static BekalModule *
load_example (const char *language)
{
  g_autofree char *name = g_strdup_printf ("module.%s.xml", language);
  g_autofree char *path = g_build_filename (BEKAL_SOURCE_ROOT, EXAMPLE_FOLDER, name, NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  BekalModule *module = NULL;

  diagnostics = load_path (path, &module, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  return module;
}

static char *
example_file (const char *name)
{
  g_autofree char *path = g_build_filename (BEKAL_SOURCE_ROOT, EXAMPLE_FOLDER, name, NULL);
  char *real = realpath (path, NULL);
  char *copy;

  g_assert_nonnull (real);
  copy = g_strdup (real);
  free (real);

  return copy;
}

static char *
media_file (const char *name)
{
  g_autofree char *media = media_dir ();
  g_autofree char *path = g_build_filename (media, name, NULL);
  char *real = realpath (path, NULL);
  char *copy;

  g_assert_nonnull (real);
  copy = g_strdup (real);
  free (real);

  return copy;
}

/* Diagnostic rules */

static void
test_rule (gconstpointer data)
{
  const RuleCase *rule = data;
  g_autofree char *relative = g_strdup_printf ("invalid/%s.xml", rule->name);
  g_autofree char *path = g_build_filename (test_fixtures_dir (), relative, NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GError) error = NULL;
  const BekalDiagnostic *d;

  diagnostics = load_path (path, &module, &error);
  test_dump_diagnostics (diagnostics);

  if (rule->severity == BEKAL_SEVERITY_ERROR)
    {
      g_assert_null (module);
      g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
      g_assert_true (bekal_diagnostics_has_errors (diagnostics));
    }
  else
    {
      /* warnings never stop a module from loading */
      g_assert_no_error (error);
      g_assert_nonnull (module);
      g_assert_false (bekal_diagnostics_has_errors (diagnostics));
    }

  /* on the expected line first, so that a wrong line shows as such below */
  d = find_diagnostic_at (diagnostics, rule->severity, rule->needle, rule->line);
  if (d == NULL)
    d = find_diagnostic (diagnostics, rule->severity, rule->needle);
  g_assert_nonnull (d);
  if (rule->needle2)
    g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), rule->needle2));
  g_assert_cmpstr (bekal_diagnostic_get_file (d), ==, path);
  g_assert_cmpint (bekal_diagnostic_get_line (d), ==, rule->line);
  g_assert_cmpint (bekal_diagnostic_get_column (d), >, 0);
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==,
                   column_in_file (path, rule->line, rule->at));

  /* one mistake gives one message, not a cascade of follow-up schema errors */
  g_assert_cmpuint (diagnostics->len, ==, 1);
}

static void
test_translation_rule (gconstpointer data)
{
  const TranslationCase *rule = data;
  g_autofree char *folder = g_build_filename (test_fixtures_dir (), "invalid", rule->name, NULL);
  g_autofree char *original = g_build_filename (folder, "module.id.xml", NULL);
  g_autofree char *translation = g_build_filename (folder, "module.en.xml", NULL);
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) single = NULL;
  const BekalDiagnostic *d;

  /* each file is valid on its own: only the comparison fails */
  single = load_path (original, NULL, NULL);
  g_assert_cmpuint (single->len, ==, 0);
  g_clear_pointer (&single, g_ptr_array_unref);
  single = load_path (translation, NULL, NULL);
  g_assert_cmpuint (single->len, ==, 0);

  variants = bekal_loader_load_folder (loader, folder, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (variants);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));

  d = NULL;
  for (guint i = 0; i < diagnostics->len && d == NULL; i++)
    if (bekal_diagnostic_get_line (g_ptr_array_index (diagnostics, i)) == rule->line)
      d = g_ptr_array_index (diagnostics, i);
  g_assert_nonnull (d);
  g_assert_cmpint (bekal_diagnostic_get_severity (d), ==, BEKAL_SEVERITY_ERROR);
  g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), rule->needle));
  if (rule->needle2)
    g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), rule->needle2));
  /* the file as it was named, relative paths staying relative (issue 15) */
  g_assert_cmpstr (bekal_diagnostic_get_file (d), ==, translation);
  /* the column of the element the message is about (issue 15) */
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==,
                   column_in_file (translation, rule->line, "<"));
  /* one mistake, one message */
  g_assert_cmpuint (diagnostics->len, ==, rule->n_messages);

  /* the original itself is never blamed */
  for (guint i = 0; i < diagnostics->len; i++)
    g_assert_false (g_str_has_suffix (bekal_diagnostic_get_file (g_ptr_array_index (diagnostics,
                                                                                     i)),
                                      "module.id.xml"));
}

static void
test_rule_symlink_outside (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (tmp, "modul", NULL);
  g_autofree char *outside_dir = g_build_filename (tmp, "luar", NULL);
  g_autofree char *outside = g_build_filename (outside_dir, "rahasia.svg", NULL);
  g_autofree char *inside = g_build_filename (folder, "asli.svg", NULL);
  g_autofree char *link_out = g_build_filename (folder, "gambar.svg", NULL);
  g_autofree char *link_in = g_build_filename (folder, "tautan.svg", NULL);
  g_autofree char *path = g_build_filename (folder, "module.id.xml", NULL);
  g_autofree char *minimal = read_fixture ("valid/minimal/module.id.xml");
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  g_autofree char *real_inside = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *figure_out = g_strdup_printf (FIGURE_AFTER_PARAGRAPH, "gambar.svg");
  g_autofree char *figure_in = g_strdup_printf (FIGURE_AFTER_PARAGRAPH, "tautan.svg");
  const BekalDiagnostic *d;
  BekalBlock *block;
  char *real;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (outside_dir, 0700), ==, 0);
  write_file (outside, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
  write_file (inside, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
  g_assert_cmpint (symlink (outside, link_out), ==, 0);
  g_assert_cmpint (symlink ("asli.svg", link_in), ==, 0);

  /* a link inside the module folder that points out of it */
  bad = replace_once (minimal, "</p>\n", figure_out);
  write_file (path, bad);
  diagnostics = load_path (path, &module, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_null (module);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
  d = find_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "gambar.svg");
  g_assert_nonnull (d);
  g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), "outside"));
  g_assert_cmpstr (bekal_diagnostic_get_file (d), ==, path);
  g_assert_cmpint (bekal_diagnostic_get_line (d), ==, 17);
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==, column_in_file (path, 17, "src="));

  /* a link that stays inside is fine, and resolves to the real file */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  g_clear_error (&error);
  good = replace_once (minimal, "</p>\n", figure_in);
  write_file (path, good);
  diagnostics = load_path (path, &module, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);
  block = bekal_lesson_get_block (bekal_module_get_lesson (module, 0), 1);
  g_assert_cmpint (bekal_block_get_kind (block), ==, BEKAL_BLOCK_FIGURE);
  real = realpath (inside, NULL);
  real_inside = g_strdup (real);
  free (real);
  g_assert_cmpstr (bekal_block_get_figure_path (block), ==, real_inside);

  test_remove_tree (tmp);
}

/* Valid modules */

static void
test_minimal_fixture (void)
{
  g_autofree char *folder = g_build_filename (test_fixtures_dir (), "valid", "minimal", NULL);
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GError) error = NULL;
  BekalModule *id, *en;

  variants = bekal_loader_load_folder (loader, folder, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (variants), ==, 2);

  id = g_hash_table_lookup (variants, "id");
  en = g_hash_table_lookup (variants, "en");
  g_assert_nonnull (id);
  g_assert_nonnull (en);
  g_assert_cmpstr (bekal_module_get_id (id), ==, "minimal");
  g_assert_cmpstr (bekal_module_get_id (en), ==, "minimal");
  g_assert_cmpstr (bekal_module_get_title (id), ==, "Modul minimal");
  g_assert_cmpstr (bekal_module_get_title (en), ==, "Minimal module");
  g_assert_cmpstr (bekal_module_get_language (en), ==, "en");
  /* optional parts that are absent */
  g_assert_null (bekal_module_get_audience (id));
  g_assert_null (bekal_module_get_content_note (id));
  g_assert_cmpuint (bekal_module_get_duration_minutes (id), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) bekal_module_get_sources (id)), ==, 0);
  g_assert_cmpuint (bekal_module_get_n_media (id), ==, 0);
  g_assert_null (bekal_module_find_quiz_by_role (id, BEKAL_QUIZ_PRETEST));
  g_assert_nonnull (bekal_module_find_quiz_by_role (id, BEKAL_QUIZ_PRACTICE));
  g_assert_null (bekal_module_find_question (id, "tidak-ada"));
  g_assert_null (bekal_module_find_lesson (id, "tidak-ada"));
}

static void
test_negative_scale (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  BekalQuestion *question;

  diagnostics = test_load_fixture ("valid/scale-negative.xml", &module);
  test_dump_diagnostics (diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  question = bekal_module_find_question (module, "kesiapan");
  g_assert_nonnull (question);
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_SCALE);
  g_assert_cmpint (bekal_question_get_scale_min (question), ==, -2);
  g_assert_cmpint (bekal_question_get_scale_max (question), ==, 2);
  g_assert_cmpuint (bekal_question_get_n_options (question), ==, 3);
  g_assert_cmpstr (bekal_option_get_id (bekal_question_get_option (question, 0)), ==, "-2");
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (bekal_question_get_option (question,
                                                                                          2))),
                   ==, "Sangat setuju");
}

/* Parallel forms: read from the attribute, NULL where there is none; a post-test without
 * retakes allows the default */
static void
test_forms (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;

  diagnostics = test_load_fixture ("valid/forms.xml", &module);
  test_dump_diagnostics (diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  g_assert_cmpstr (bekal_question_get_form (bekal_module_find_question (module, "t1")), ==, "a");
  g_assert_cmpstr (bekal_question_get_form (bekal_module_find_question (module, "t2")), ==, "b");
  g_assert_null (bekal_question_get_form (bekal_module_find_question (module, "q1")));
  g_assert_cmpint (bekal_quiz_get_retakes (bekal_module_find_quiz (module, "postes")), ==,
                   BEKAL_QUIZ_DEFAULT_RETAKES);
  g_assert_cmpint (bekal_quiz_get_retakes (bekal_module_find_quiz (module, "latihan")), ==, -1);
}

static void
test_io_errors (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (tmp, "module.id.xml", NULL);
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GError) error = NULL;
  BekalModule *module;

  module = bekal_loader_load_file (loader, missing, diagnostics, &error);
  g_assert_null (module);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO);
  g_clear_error (&error);

  /* a folder is not a module file */
  module = bekal_loader_load_file (loader, tmp, diagnostics, &error);
  g_assert_null (module);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO);
  g_clear_error (&error);

  /* a folder without module files */
  variants = bekal_loader_load_folder (loader, tmp, diagnostics, &error);
  g_assert_null (variants);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO);

  test_remove_tree (tmp);
}

static void
test_language_from_filename (void)
{
  struct
  {
    const char *path;
    const char *language;
  } cases[] = {
    { "module.id.xml", "id" },
    { "module.en.xml", "en" },
    { "/srv/modules/contoh/module.pt-BR.xml", "pt-BR" },
    { "module.zh_Hant.xml", "zh_Hant" },
    { "module.xml", NULL },
    { "module..xml", NULL },
    { "modul.id.xml", NULL },
    { "module.id.xml.bak", NULL },
    { "module.id.XML", NULL },
    { "module.a b.xml", NULL },
    { "module.../x.xml", NULL },
    { "module.abcdefghijklmnopq.xml", NULL },
    { "diagram-5r.svg", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *language = bekal_loader_language_from_filename (cases[i].path);

      g_assert_cmpstr (language, ==, cases[i].language);
    }
}

static void
test_parse_time (void)
{
  struct
  {
    const char *value;
    gint64      ms;
  } cases[] = {
    { "0", 0 },
    { "7", 7000 },
    { "75", 75000 },
    { "59", 59000 },
    { "12.5", 12500 },
    { "12.05", 12050 },
    { "12.005", 12005 },
    { "0.001", 1 },
    { "1:05", 65000 },
    { "01:05", 65000 },
    { "1:15", 75000 },
    { "10:00", 600000 },
    { "0:59.999", 59999 },
    { "0:01:05.500", 65500 },
    { "0:01:15", 75000 },
    { "1:00:00", 3600000 },
    { "2:03:04.005", 7384005 },
    /* invalid: -1 */
    { NULL, -1 },
    { "", -1 },
    { "abc", -1 },
    { "-5", -1 },
    { "+5", -1 },
    { " 5", -1 },
    { "5 ", -1 },
    { "0x10", -1 },
    { "1e3", -1 },
    { "1:60", -1 },
    { "1:5", -1 },
    { "0:1:05", -1 },
    { "0:1:60", -1 },
    { "1:60:00", -1 },
    { "1:2:3:4", -1 },
    { "1::2", -1 },
    { ":5", -1 },
    { "5:", -1 },
    { "1.", -1 },
    { ".5", -1 },
    { "1.2345", -1 },
    { "1.5:00", -1 },
    { "1:2.5.6", -1 },
    { "1,5", -1 },
    { "99999999999", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 ms = bekal_loader_parse_time (cases[i].value);

      if (ms != cases[i].ms)
        g_test_message ("parse_time (\"%s\") gave %" G_GINT64_FORMAT,
                        cases[i].value ? cases[i].value : "(null)", ms);
      g_assert_cmpint (ms, ==, cases[i].ms);
    }
}

/* The example module, in detail. The example is also documentation and its wording changes,
 * so its parts are found by id and kind; exact text and spans are checked on the fixture
 * valid/inline.xml below. */

static BekalBlock *
find_block (BekalModule    *module,
            BekalBlockKind  kind,
            guint           nth)
{
  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, j);

          if (bekal_block_get_kind (block) == kind && nth-- == 0)
            return block;
        }
    }

  return NULL;
}

static BekalBlock *
find_block_by_id (BekalModule *module,
                  const char  *id)
{
  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, j);

          if (g_strcmp0 (bekal_block_get_id (block), id) == 0)
            return block;
        }
    }

  return NULL;
}

/* The first span of @text with exactly @style (and @term_ref when it is a term), or NULL */
static const BekalSpan *
find_span (BekalText      *text,
           BekalSpanStyle  style,
           const char     *term_ref)
{
  for (guint i = 0; text && i < bekal_text_get_n_spans (text); i++)
    {
      const BekalSpan *span = bekal_text_get_span (text, i);

      if (span->style == style
          && (!(style & BEKAL_SPAN_TERM) || g_strcmp0 (span->term_ref, term_ref) == 0))
        return span;
    }

  return NULL;
}

/* Whether a block of @module (text or list item) has a span like that */
static const BekalSpan *
module_find_span (BekalModule    *module,
                  BekalSpanStyle  style,
                  const char     *term_ref)
{
  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, j);
          const BekalSpan *span = find_span (bekal_block_get_text (block), style, term_ref);

          for (guint k = 0; span == NULL && k < bekal_block_get_n_items (block); k++)
            span = find_span (bekal_block_get_item (block, k), style, term_ref);
          if (span)
            return span;
        }
    }

  return NULL;
}

static void
test_example_module (void)
{
  g_autoptr(BekalModule) module = load_example ("id");
  const char * const *authors = bekal_module_get_authors (module);
  const char * const *sources = bekal_module_get_sources (module);
  const BekalTopic *topic;
  const BekalGlossaryEntry *entry;
  guint words = 0;

  g_assert_cmpstr (bekal_module_get_id (module), ==, "contoh-semua-elemen");
  g_assert_cmpstr (bekal_module_get_version (module), ==, "1.0");
  g_assert_cmpstr (bekal_module_get_language (module), ==, "id");
  g_assert_cmpstr (bekal_module_get_title (module), ==, "Contoh: semua elemen format modul");
  /* whitespace of the multi-line summary is normalised */
  g_assert_true (g_str_has_prefix (bekal_module_get_summary (module), "Modul pendek tentang"));
  g_assert_null (strchr (bekal_module_get_summary (module), '\n'));
  g_assert_null (strstr (bekal_module_get_summary (module), "  "));
  g_assert_nonnull (bekal_module_get_audience (module));
  g_assert_cmpuint (bekal_module_get_duration_minutes (module), ==, 30);
  g_assert_cmpuint (g_strv_length ((char **) authors), >=, 1);
  g_assert_cmpstr (authors[0], ==, "Tim pelatih Bekal");
  g_assert_cmpuint (g_strv_length ((char **) sources), >=, 1);
  g_assert_nonnull (bekal_module_get_content_note (module));
  g_assert_null (strchr (bekal_module_get_content_note (module), '\n'));

  /* where it came from */
  g_assert_true (g_path_is_absolute (bekal_module_get_path (module)));
  g_assert_true (g_str_has_suffix (bekal_module_get_path (module),
                                   "/" EXAMPLE_FOLDER "/module.id.xml"));
  g_assert_true (g_str_has_suffix (bekal_module_get_folder (module), "/" EXAMPLE_FOLDER));
  g_assert_cmpuint (strlen (bekal_module_get_content_hash (module)), ==, 64);

  /* topics and glossary */
  g_assert_cmpuint (bekal_module_get_n_topics (module), ==, 2);
  topic = bekal_module_get_topic (module, 0);
  g_assert_cmpstr (topic->id, ==, "5r");
  g_assert_cmpstr (topic->name, ==, "Pendekatan 5R");
  g_assert_true (bekal_module_find_topic (module, "peran") == bekal_module_get_topic (module, 1));
  g_assert_null (bekal_module_find_topic (module, "tidak-ada"));

  g_assert_cmpuint (bekal_module_get_n_glossary (module), ==, 3);
  entry = bekal_module_find_glossary_entry (module, "reintegrasi-sosial");
  g_assert_nonnull (entry);
  g_assert_true (entry == bekal_module_get_glossary_entry (module, 1));
  g_assert_cmpstr (entry->term, ==, "Reintegrasi sosial");
  g_assert_true (g_str_has_prefix (entry->definition, "Proses ketika seseorang kembali"));
  g_assert_null (strchr (entry->definition, '\n'));
  g_assert_null (bekal_module_find_glossary_entry (module, "tidak-ada"));

  /* lessons */
  g_assert_cmpuint (bekal_module_get_n_lessons (module), ==, 2);
  g_assert_true (bekal_module_find_lesson (module, "peran-peksos")
                 == bekal_module_get_lesson (module, 1));
  g_assert_cmpuint (bekal_lesson_get_index (bekal_module_get_lesson (module, 1)), ==, 1);
  g_assert_cmpstr (bekal_lesson_get_id (bekal_module_get_lesson (module, 0)), ==, "mengenal-5r");
  g_assert_cmpstr (bekal_lesson_get_title (bekal_module_get_lesson (module, 0)), ==,
                   "Mengenal pendekatan 5R");
  g_assert_null (bekal_lesson_get_content_note (bekal_module_get_lesson (module, 0)));
  g_assert_nonnull (bekal_lesson_get_content_note (bekal_module_get_lesson (module, 1)));
  /* declared reading time, and an estimate for the lesson without minutes="" */
  g_assert_cmpuint (bekal_lesson_get_reading_minutes (bekal_module_get_lesson (module, 0)), ==, 8);
  g_assert_cmpuint (bekal_lesson_get_reading_minutes (bekal_module_get_lesson (module, 1)), ==,
                    MAX (1, (bekal_lesson_count_words (bekal_module_get_lesson (module, 1)) + 149)
                            / 150));

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    words += bekal_lesson_count_words (bekal_module_get_lesson (module, i));
  g_assert_cmpuint (bekal_module_count_words (module), ==, words);
  g_assert_cmpuint (words, >, 200);
}

static void
test_example_blocks (void)
{
  g_autoptr(BekalModule) module = load_example ("id");
  g_autofree char *svg = example_file ("diagram-5r.svg");
  g_autofree char *folder = example_file (".");
  g_autofree char *folder_prefix = g_strconcat (folder, "/", NULL);
  g_autofree char *markup = NULL;
  guint seen_kinds = 0;
  guint seen_notes = 0;
  const BekalSpan *span;
  BekalBlock *block;

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      g_assert_cmpuint (bekal_lesson_get_n_blocks (lesson), >, 0);
      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          block = bekal_lesson_get_block (lesson, j);
          g_assert_cmpuint (bekal_block_get_index (block), ==, j);
          seen_kinds |= 1u << bekal_block_get_kind (block);
          if (bekal_block_get_kind (block) == BEKAL_BLOCK_NOTE)
            seen_notes |= 1u << bekal_block_get_note_kind (block);
          /* text blocks have text; media and quiz blocks have none */
          switch (bekal_block_get_kind (block))
            {
            case BEKAL_BLOCK_HEADING:
            case BEKAL_BLOCK_PARAGRAPH:
            case BEKAL_BLOCK_NOTE:
            case BEKAL_BLOCK_FIGURE:
            case BEKAL_BLOCK_REFLECTION:
              g_assert_nonnull (bekal_block_get_text (block));
              g_assert_cmpstr (bekal_text_get_plain (bekal_block_get_text (block)), !=, "");
              break;
            case BEKAL_BLOCK_LIST:
              g_assert_cmpuint (bekal_block_get_n_items (block), >, 0);
              break;
            case BEKAL_BLOCK_VIDEO:
            case BEKAL_BLOCK_AUDIO:
              g_assert_nonnull (bekal_block_get_media (block));
              g_assert_cmpstr (bekal_block_get_id (block), ==,
                               bekal_media_get_id (bekal_block_get_media (block)));
              break;
            case BEKAL_BLOCK_QUIZ:
              g_assert_true (bekal_block_get_quiz (block)
                             == bekal_module_find_quiz (module, bekal_block_get_id (block)));
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }
  /* every kind of block and of note is used */
  g_assert_cmpuint (seen_kinds, ==, (1u << (BEKAL_BLOCK_QUIZ + 1)) - 1);
  g_assert_cmpuint (seen_notes, ==, (1u << (BEKAL_NOTE_CARE + 1)) - 1);

  /* inline spans: em, strong, both nested, term with and without ref */
  g_assert_nonnull (module_find_span (module, BEKAL_SPAN_EMPHASIS, NULL));
  span = module_find_span (module, BEKAL_SPAN_STRONG, NULL);
  g_assert_nonnull (span);
  g_assert_cmpstr (span->term_ref, ==, NULL);
  g_assert_nonnull (module_find_span (module, BEKAL_SPAN_STRONG | BEKAL_SPAN_EMPHASIS, NULL));
  span = module_find_span (module, BEKAL_SPAN_TERM, "returni");
  g_assert_nonnull (span);
  g_assert_cmpstr (span->text, ==, "returni");
  g_assert_nonnull (module_find_span (module, BEKAL_SPAN_TERM, "resiliensi"));
  span = module_find_span (module, BEKAL_SPAN_TERM, NULL);
  g_assert_nonnull (span);
  g_assert_null (span->term_ref);
  /* every term ref names an entry of the glossary */
  g_assert_nonnull (bekal_module_find_glossary_entry (module, "returni"));

  /* lists: a numbered one whose items start with a strong word, and a bullet one */
  block = find_block (module, BEKAL_BLOCK_LIST, 0);
  g_assert_true (bekal_block_get_list_numbered (block));
  g_assert_cmpuint (bekal_block_get_n_items (block), ==, 5);
  for (guint i = 0; i < bekal_block_get_n_items (block); i++)
    g_assert_cmpint (bekal_text_get_span (bekal_block_get_item (block, i), 0)->style, ==,
                     BEKAL_SPAN_STRONG);
  g_assert_cmpstr (bekal_text_get_span (bekal_block_get_item (block, 0), 0)->text, ==,
                   "Repatriasi");
  block = find_block (module, BEKAL_BLOCK_LIST, 1);
  g_assert_false (bekal_block_get_list_numbered (block));

  /* the figure is resolved inside the module folder */
  block = find_block (module, BEKAL_BLOCK_FIGURE, 0);
  g_assert_cmpstr (bekal_block_get_figure_path (block), ==, svg);
  g_assert_true (g_str_has_prefix (bekal_block_get_figure_path (block), folder_prefix));
  g_assert_true (g_str_has_prefix (bekal_block_get_figure_alt (block), "Lima kotak"));
  g_assert_nonnull (find_span (bekal_block_get_text (block), BEKAL_SPAN_EMPHASIS, NULL));

  /* the nested strong + emphasis comes out as nested Pango markup */
  for (guint i = 0; (block = find_block (module, BEKAL_BLOCK_NOTE, i)) != NULL; i++)
    if (bekal_block_get_note_kind (block) == BEKAL_NOTE_CARE)
      break;
  g_assert_nonnull (block);
  markup = bekal_text_to_pango_markup (bekal_block_get_text (block));
  g_assert_nonnull (strstr (markup, "<b><i>batas profesional</i></b>"));

  /* reflections */
  block = find_block_by_id (module, "refleksi-perasaan");
  g_assert_nonnull (block);
  g_assert_cmpint (bekal_block_get_kind (block), ==, BEKAL_BLOCK_REFLECTION);
  g_assert_nonnull (find_span (bekal_block_get_text (block), BEKAL_SPAN_EMPHASIS, NULL));
}

static void
test_example_media (void)
{
  g_autoptr(BekalModule) module = load_example ("id");
  BekalBlock *block = find_block_by_id (module, "video-orientasi");
  BekalMedia *video;
  BekalMedia *audio;
  const BekalSubtitleTrack *track;
  const BekalCheckpoint *checkpoint;
  BekalQuestion *question;
  g_autofree char *webm = media_file ("sampel-01-orientasi.webm");
  g_autofree char *poster = media_file ("sampel-01-orientasi.jpg");
  g_autofree char *vtt_id = media_file ("sampel-01-orientasi.id.vtt");
  g_autofree char *vtt_en = media_file ("sampel-01-orientasi.en.vtt");
  g_autofree char *ogg = media_file ("sampel-podcast-01.ogg");
  g_autofree char *ogg_poster = media_file ("sampel-podcast-01.jpg");

  g_assert_nonnull (block);
  g_assert_cmpint (bekal_block_get_kind (block), ==, BEKAL_BLOCK_VIDEO);
  video = bekal_block_get_media (block);
  g_assert_true (video == bekal_module_get_media (module, 0));
  g_assert_cmpstr (bekal_media_get_id (video), ==, "video-orientasi");
  g_assert_true (bekal_media_is_video (video));
  g_assert_nonnull (bekal_media_get_title (video));
  g_assert_nonnull (bekal_media_get_content_note (video));
  g_assert_cmpstr (bekal_media_get_src (video), ==, "media:sampel-01-orientasi.webm");
  g_assert_cmpstr (bekal_media_get_path (video), ==, webm);
  g_assert_cmpstr (bekal_media_get_poster_path (video), ==, poster);

  /* subtitles in two languages, resolved to absolute paths */
  g_assert_cmpuint (bekal_media_get_n_subtitles (video), ==, 2);
  track = bekal_media_get_subtitles (video, 0);
  g_assert_cmpstr (track->language, ==, "id");
  g_assert_cmpstr (track->src, ==, "media:sampel-01-orientasi.id.vtt");
  g_assert_cmpstr (track->path, ==, vtt_id);
  g_assert_true (g_path_is_absolute (track->path));
  track = bekal_media_find_subtitles (video, "en");
  g_assert_nonnull (track);
  g_assert_true (track == bekal_media_get_subtitles (video, 1));
  g_assert_cmpstr (track->path, ==, vtt_en);
  g_assert_null (bekal_media_find_subtitles (video, "fr"));

  /* chapters in milliseconds, from 0, increasing */
  g_assert_cmpuint (bekal_media_get_n_chapters (video), >=, 2);
  g_assert_cmpint (bekal_media_get_chapter (video, 0)->at_ms, ==, 0);
  for (guint i = 1; i < bekal_media_get_n_chapters (video); i++)
    {
      g_assert_cmpint (bekal_media_get_chapter (video, i)->at_ms, >,
                       bekal_media_get_chapter (video, i - 1)->at_ms);
      g_assert_cmpint (bekal_media_get_chapter (video, i)->at_ms % 1000, ==, 0);
    }

  /* the checkpoint asks a question of the module; here one of a quiz further down */
  g_assert_cmpuint (bekal_media_get_n_checkpoints (video), ==, 1);
  g_assert_cmpint (bekal_media_get_checkpoint (video, 0)->at_ms, >, 0);
  g_assert_nonnull (bekal_media_get_checkpoint (video, 0)->question_id);
  checkpoint = bekal_media_get_checkpoint (video, 0);
  question = bekal_module_find_question (module, checkpoint->question_id);
  g_assert_nonnull (question);
  g_assert_cmpstr (bekal_question_get_id (question), ==, checkpoint->question_id);

  /* audio, with a chapter time that has milliseconds */
  block = find_block_by_id (module, "audio-podcast");
  g_assert_cmpint (bekal_block_get_kind (block), ==, BEKAL_BLOCK_AUDIO);
  audio = bekal_block_get_media (block);
  g_assert_true (audio == bekal_module_get_media (module, 1));
  g_assert_false (bekal_media_is_video (audio));
  g_assert_cmpstr (bekal_media_get_path (audio), ==, ogg);
  g_assert_cmpstr (bekal_media_get_poster_path (audio), ==, ogg_poster);
  g_assert_null (bekal_media_get_content_note (audio));
  g_assert_cmpuint (bekal_media_get_n_subtitles (audio), ==, 2);
  g_assert_cmpuint (bekal_media_get_n_chapters (audio), >=, 2);
  g_assert_cmpint (bekal_media_get_chapter (audio, 1)->at_ms % 1000, !=, 0);
  g_assert_cmpuint (bekal_media_get_n_checkpoints (audio), ==, 0);
}

static void
test_example_quizzes (void)
{
  g_autoptr(BekalModule) module = load_example ("id");
  BekalQuiz *pretest = bekal_module_find_quiz (module, "pretes");
  BekalQuiz *practice = bekal_module_find_quiz (module, "latihan-5r");
  BekalQuiz *self_check = bekal_module_find_quiz (module, "cek-diri");
  BekalQuiz *posttest = bekal_module_find_quiz (module, "postes");

  g_assert_nonnull (pretest);
  g_assert_nonnull (practice);
  g_assert_nonnull (self_check);
  g_assert_nonnull (posttest);
  g_assert_null (bekal_module_find_quiz (module, "tidak-ada"));

  /* every quiz, module-level and inside lessons, in document order */
  g_assert_cmpuint (bekal_module_get_n_quizzes (module), ==, 4);
  g_assert_true (bekal_module_get_quiz (module, 0) == pretest);
  g_assert_true (bekal_module_get_quiz (module, 1) == practice);
  g_assert_true (bekal_module_get_quiz (module, 2) == self_check);
  g_assert_true (bekal_module_get_quiz (module, 3) == posttest);

  /* roles */
  g_assert_cmpint (bekal_quiz_get_role (pretest), ==, BEKAL_QUIZ_PRETEST);
  g_assert_cmpint (bekal_quiz_get_role (practice), ==, BEKAL_QUIZ_PRACTICE);
  g_assert_cmpint (bekal_quiz_get_role (self_check), ==, BEKAL_QUIZ_PRACTICE);
  g_assert_cmpint (bekal_quiz_get_role (posttest), ==, BEKAL_QUIZ_POSTTEST);
  g_assert_true (bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRETEST) == pretest);
  g_assert_true (bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRACTICE) == practice);
  g_assert_true (bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_POSTTEST) == posttest);

  /* pretest: own questions, draw, shuffle, defaults for the rest */
  g_assert_cmpstr (bekal_quiz_get_title (pretest), ==, "Pretes");
  g_assert_cmpuint (bekal_quiz_get_n_questions (pretest), ==, 4);
  g_assert_cmpuint (bekal_quiz_get_draw (pretest), ==, 3);
  g_assert_true (bekal_quiz_get_shuffle (pretest));
  g_assert_cmpint (bekal_quiz_get_pass_mark (pretest), ==, -1);
  g_assert_cmpint (bekal_quiz_get_retakes (pretest), ==, -1);
  g_assert_cmpuint (bekal_quiz_get_time_limit_minutes (pretest), ==, 0);
  g_assert_null (bekal_quiz_get_pool_id (pretest));
  g_assert_true (bekal_quiz_get_pool (pretest) == pretest);

  /* posttest: drawn from the pretest pool, pass mark, retakes, time limit */
  g_assert_cmpstr (bekal_quiz_get_title (posttest), ==, "Postes");
  g_assert_cmpstr (bekal_quiz_get_pool_id (posttest), ==, "pretes");
  g_assert_true (bekal_quiz_get_pool (posttest) == pretest);
  g_assert_cmpuint (bekal_quiz_get_n_questions (posttest), ==, 0);
  g_assert_cmpuint (bekal_quiz_get_draw (posttest), ==, 3);
  g_assert_true (bekal_quiz_get_shuffle (posttest));
  g_assert_cmpint (bekal_quiz_get_pass_mark (posttest), ==, 60);
  g_assert_cmpint (bekal_quiz_get_retakes (posttest), ==, 2);
  g_assert_cmpuint (bekal_quiz_get_time_limit_minutes (posttest), ==, 15);

  /* practice: every question, in order */
  g_assert_cmpuint (bekal_quiz_get_draw (practice), ==, 0);
  g_assert_false (bekal_quiz_get_shuffle (practice));
  g_assert_cmpuint (bekal_quiz_get_n_questions (practice), >=, 2);
  g_assert_true (find_block_by_id (module, "latihan-5r") != NULL);

  g_assert_cmpstr (bekal_quiz_role_to_string (BEKAL_QUIZ_POSTTEST), ==, "posttest");
  g_assert_cmpstr (bekal_question_type_to_string (BEKAL_QUESTION_TRUEFALSE), ==, "truefalse");
  g_assert_cmpstr (bekal_block_kind_to_string (BEKAL_BLOCK_PARAGRAPH), ==, "p");
}

static guint
count_correct (BekalQuestion *question)
{
  guint n = 0;

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    if (bekal_option_get_correct (bekal_question_get_option (question, i)))
      n++;

  return n;
}

static void
test_example_questions (void)
{
  g_autoptr(BekalModule) module = load_example ("id");
  BekalQuestion *question;
  BekalOption *option;
  static const char * const order_ids[] = {
    "repatriasi", "rehabilitasi", "relokasi", "reintegrasi", "resiliensi"
  };

  /* single: one correct option, feedback kept apart from the option text */
  question = bekal_module_find_question (module, "p-repatriasi");
  g_assert_nonnull (question);
  g_assert_cmpstr (bekal_question_get_id (question), ==, "p-repatriasi");
  g_assert_cmpstr (bekal_question_get_topic_id (question), ==, "5r");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_SINGLE);
  g_assert_true (bekal_question_is_scored (question));
  g_assert_nonnull (find_span (bekal_question_get_prompt (question), BEKAL_SPAN_EMPHASIS, NULL));
  g_assert_nonnull (find_span (bekal_question_get_explanation (question), BEKAL_SPAN_STRONG,
                               NULL));
  g_assert_cmpuint (bekal_question_get_n_options (question), ==, 3);
  g_assert_cmpuint (count_correct (question), ==, 1);
  option = bekal_question_get_option (question, 0);
  g_assert_cmpstr (bekal_option_get_id (option), ==, "a");
  g_assert_true (bekal_option_get_correct (option));
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (option)), ==, "Repatriasi");
  g_assert_true (g_str_has_prefix (bekal_text_get_plain (bekal_option_get_feedback (option)),
                                   "Benar."));
  g_assert_null (bekal_option_get_match_text (option));
  option = bekal_question_find_option (question, "b");
  g_assert_true (option == bekal_question_get_option (question, 1));
  g_assert_false (bekal_option_get_correct (option));
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (option)), ==, "Relokasi");
  g_assert_null (bekal_question_find_option (question, "d"));

  /* multiple: two correct, feedback with emphasis, text without the feedback */
  question = bekal_module_find_question (module, "p-jaga-diri");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_MULTIPLE);
  g_assert_cmpstr (bekal_question_get_topic_id (question), ==, "peran");
  g_assert_cmpuint (count_correct (question), ==, 2);
  option = bekal_question_find_option (question, "c");
  g_assert_false (bekal_option_get_correct (option));
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (option)), ==,
                   "Memendam semua perasaan sendirian");
  g_assert_nonnull (find_span (bekal_option_get_feedback (option), BEKAL_SPAN_EMPHASIS, NULL));

  /* truefalse, answer true: synthesised options "true" and "false" with their feedback */
  question = bekal_module_find_question (module, "p-tahap-akhir");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_TRUEFALSE);
  g_assert_cmpuint (bekal_question_get_n_options (question), ==, 2);
  option = bekal_question_get_option (question, 0);
  g_assert_cmpstr (bekal_option_get_id (option), ==, "true");
  g_assert_true (bekal_option_get_correct (option));
  g_assert_true (g_str_has_prefix (bekal_text_get_plain (bekal_option_get_feedback (option)),
                                   "Benar."));
  option = bekal_question_get_option (question, 1);
  g_assert_cmpstr (bekal_option_get_id (option), ==, "false");
  g_assert_false (bekal_option_get_correct (option));
  g_assert_true (g_str_has_prefix (bekal_text_get_plain (bekal_option_get_feedback (option)),
                                   "Belum tepat."));
  g_assert_nonnull (find_span (bekal_question_get_prompt (question), BEKAL_SPAN_TERM,
                               "reintegrasi-sosial"));

  /* truefalse, answer false */
  question = bekal_module_find_question (module, "cek-urutan");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_TRUEFALSE);
  g_assert_false (bekal_option_get_correct (bekal_question_find_option (question, "true")));
  g_assert_true (bekal_option_get_correct (bekal_question_find_option (question, "false")));
  option = bekal_question_find_option (question, "false");
  g_assert_true (g_str_has_prefix (bekal_text_get_plain (bekal_option_get_feedback (option)),
                                   "Tepat."));

  /* match: left side as text, right side as match text */
  question = bekal_module_find_question (module, "p-pasangan");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_MATCH);
  g_assert_cmpuint (bekal_question_get_n_options (question), ==, 3);
  option = bekal_question_find_option (question, "relokasi");
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (option)), ==, "Relokasi");
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_match_text (option)), ==,
                   "Penempatan di tempat tinggal yang aman");
  g_assert_cmpuint (count_correct (question), ==, 0);

  /* order: items in the written (correct) order */
  question = bekal_module_find_question (module, "urutkan-5r");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_ORDER);
  g_assert_cmpuint (bekal_question_get_n_options (question), ==, G_N_ELEMENTS (order_ids));
  for (guint i = 0; i < G_N_ELEMENTS (order_ids); i++)
    g_assert_cmpstr (bekal_option_get_id (bekal_question_get_option (question, i)), ==,
                     order_ids[i]);
  option = bekal_question_get_option (question, 1);
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (option)), ==, "Rehabilitasi");

  /* scale: unscored, min and max, labels */
  question = bekal_module_find_question (module, "kesiapan");
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_SCALE);
  g_assert_false (bekal_question_is_scored (question));
  g_assert_cmpint (bekal_question_get_scale_min (question), ==, 1);
  g_assert_cmpint (bekal_question_get_scale_max (question), ==, 5);
  g_assert_cmpuint (bekal_question_get_n_options (question), ==, 3);
  option = bekal_question_get_option (question, 1);
  g_assert_cmpstr (bekal_option_get_id (option), ==, "3");
  g_assert_cmpstr (bekal_text_get_plain (bekal_option_get_text (option)), ==, "Cukup siap");
  g_assert_nonnull (find_span (bekal_question_get_prompt (question), BEKAL_SPAN_TERM, "returni"));
}

/* <trainer-note> goes with the block before it, or the lesson when it comes first; the
 * learner's blocks are the same as without it */
static void
test_trainer_note (void)
{
  g_autoptr(BekalModule) module = load_example ("id");
  BekalLesson *lesson = bekal_module_get_lesson (module, 0);

  g_assert_cmpstr (bekal_lesson_get_id (lesson), ==, "mengenal-5r");
  g_assert_nonnull (strstr (bekal_lesson_get_trainer_note (lesson), "returni atau deportan"));
  g_assert_cmpint (bekal_block_get_kind (bekal_lesson_get_block (lesson, 0)), ==,
                   BEKAL_BLOCK_PARAGRAPH);
  g_assert_nonnull (strstr (bekal_block_get_trainer_note (bekal_lesson_get_block (lesson, 0)),
                            "Berhenti sejenak"));
  g_assert_cmpint (bekal_block_get_kind (bekal_lesson_get_block (lesson, 1)), ==,
                   BEKAL_BLOCK_HEADING);
  g_assert_null (bekal_block_get_trainer_note (bekal_lesson_get_block (lesson, 1)));
  g_assert_null (bekal_lesson_get_trainer_note (bekal_module_get_lesson (module, 1)));
}

static void
test_example_translation (void)
{
  g_autofree char *folder = g_build_filename (BEKAL_SOURCE_ROOT, EXAMPLE_FOLDER, NULL);
  g_autoptr(BekalLoader) loader = new_loader ();
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GError) error = NULL;
  BekalModule *id, *en;

  variants = bekal_loader_load_folder (loader, folder, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (variants), ==, 2);

  id = g_hash_table_lookup (variants, "id");
  en = g_hash_table_lookup (variants, "en");
  g_assert_cmpstr (bekal_module_get_language (en), ==, "en");
  g_assert_cmpstr (bekal_module_get_id (en), ==, bekal_module_get_id (id));
  g_assert_cmpstr (bekal_module_get_title (en), !=, bekal_module_get_title (id));
  g_assert_cmpuint (bekal_module_get_n_quizzes (en), ==, bekal_module_get_n_quizzes (id));
  /* same ids, other text, other file */
  g_assert_nonnull (bekal_module_find_question (en, "kesiapan"));
  g_assert_cmpstr (bekal_module_get_content_hash (en), !=, bekal_module_get_content_hash (id));
}

/* Exact text and spans, on a fixture that does not change */
static void
test_inline_fixture (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autofree char *poster = media_file ("sampel-01-orientasi.jpg");
  g_autofree char *markup = NULL;
  BekalLesson *lesson;
  BekalBlock *block;
  BekalText *text;
  BekalMedia *audio;

  diagnostics = test_load_fixture ("valid/inline.xml", &module);
  test_dump_diagnostics (diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  lesson = bekal_module_find_lesson (module, "teks");

  /* plain, term with ref, plain, strong, plain; the line break is one space */
  text = bekal_block_get_text (bekal_lesson_get_block (lesson, 0));
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 5);
  assert_span (text, 0, BEKAL_SPAN_PLAIN, "Seorang ", NULL);
  assert_span (text, 1, BEKAL_SPAN_TERM, "peksos", "peksos");
  assert_span (text, 2, BEKAL_SPAN_PLAIN, " memakai kerangka ", NULL);
  assert_span (text, 3, BEKAL_SPAN_STRONG, "5R", NULL);
  assert_span (text, 4, BEKAL_SPAN_PLAIN, ": lima tahap.", NULL);
  g_assert_cmpstr (bekal_text_get_plain (text), ==,
                   "Seorang peksos memakai kerangka 5R: lima tahap.");

  /* numbered list */
  block = bekal_lesson_get_block (lesson, 1);
  g_assert_true (bekal_block_get_list_numbered (block));
  g_assert_cmpuint (bekal_block_get_n_items (block), ==, 2);
  text = bekal_block_get_item (block, 1);
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 4);
  assert_span (text, 0, BEKAL_SPAN_STRONG, "Resiliensi", NULL);
  assert_span (text, 1, BEKAL_SPAN_PLAIN, ": ", NULL);
  assert_span (text, 2, BEKAL_SPAN_TERM, "ketahanan", "peksos");
  assert_span (text, 3, BEKAL_SPAN_PLAIN, " klien.", NULL);

  /* strong with emphasis inside, across a line break */
  block = bekal_lesson_get_block (lesson, 2);
  g_assert_cmpint (bekal_block_get_note_kind (block), ==, BEKAL_NOTE_CARE);
  text = bekal_block_get_text (block);
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 4);
  assert_span (text, 0, BEKAL_SPAN_PLAIN, "Kenali tanda stres, ", NULL);
  assert_span (text, 1, BEKAL_SPAN_STRONG, "jaga ", NULL);
  assert_span (text, 2, BEKAL_SPAN_STRONG | BEKAL_SPAN_EMPHASIS, "batas profesional", NULL);
  assert_span (text, 3, BEKAL_SPAN_PLAIN, ", dan minta supervisi.", NULL);
  markup = bekal_text_to_pango_markup (text);
  g_assert_cmpstr (markup, ==,
                   "Kenali tanda stres, <b>jaga </b><b><i>batas profesional</i></b>, dan minta "
                   "supervisi.");

  /* a term without ref and an emphasis, both across line breaks */
  text = bekal_block_get_text (bekal_lesson_get_block (lesson, 3));
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 5);
  assert_span (text, 1, BEKAL_SPAN_TERM, "ekstremisme berbasis kekerasan", NULL);
  assert_span (text, 3, BEKAL_SPAN_EMPHASIS, "kolaborasi antarpemangku kepentingan", NULL);
  g_clear_pointer (&markup, g_free);
  markup = bekal_text_to_pango_markup (text);
  g_assert_nonnull (strstr (markup, "<span underline=\"single\">ekstremisme berbasis "
                                    "kekerasan</span>"));

  /* a figure from the media folder */
  block = bekal_lesson_get_block (lesson, 4);
  g_assert_cmpint (bekal_block_get_kind (block), ==, BEKAL_BLOCK_FIGURE);
  g_assert_cmpstr (bekal_block_get_figure_path (block), ==, poster);
  g_assert_cmpstr (bekal_block_get_figure_alt (block), ==, "Poster klip");
  text = bekal_block_get_text (block);
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 3);
  assert_span (text, 1, BEKAL_SPAN_EMPHASIS, "bukan garis akhir", NULL);

  /* chapter and checkpoint times in milliseconds */
  audio = bekal_block_get_media (bekal_lesson_get_block (lesson, 5));
  g_assert_cmpuint (bekal_media_get_n_chapters (audio), ==, 4);
  g_assert_cmpint (bekal_media_get_chapter (audio, 0)->at_ms, ==, 0);
  g_assert_cmpint (bekal_media_get_chapter (audio, 1)->at_ms, ==, 8000);
  g_assert_cmpint (bekal_media_get_chapter (audio, 2)->at_ms, ==, 12500);
  g_assert_cmpint (bekal_media_get_chapter (audio, 3)->at_ms, ==, 3723004);
  g_assert_cmpstr (bekal_media_get_chapter (audio, 3)->title, ==, "Keempat");
  g_assert_cmpint (bekal_media_get_checkpoint (audio, 0)->at_ms, ==, 75000);
  g_assert_cmpstr (bekal_media_get_checkpoint (audio, 0)->question_id, ==, "q1");
  g_assert_null (bekal_media_get_poster_path (audio));
}

/* Reading time, hashes, whitespace */

static void
test_reading_minutes (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "module.id.xml", NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  struct
  {
    const char *id;
    guint       words;
    guint       declared;
    guint       minutes;
  } cases[] = {
    { "satu-kata", 1, 0, 1 },
    { "seratus-lima-puluh", 150, 0, 1 },
    { "seratus-lima-puluh-satu", 151, 0, 2 },
    { "tiga-ratus", 300, 0, 2 },
    { "tiga-ratus-satu", 301, 0, 3 },
    /* a declared time wins over the estimate */
    { "dinyatakan", 1000, 7, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (cases[i].declared)
        g_string_append_printf (body, "  <lesson id=\"%s\" minutes=\"%u\">\n", cases[i].id,
                                cases[i].declared);
      else
        g_string_append_printf (body, "  <lesson id=\"%s\">\n", cases[i].id);
      g_string_append (body, "    <title>Judul yang tidak dihitung</title>\n    <p>");
      for (guint j = 0; j < cases[i].words; j++)
        g_string_append (body, j % 12 == 11 ? "kata\n      " : "kata ");
      g_string_append (body, "</p>\n  </lesson>\n");
    }

  /* words in headings, list items, notes and captions count; quizzes do not */
  g_string_append (body,
                   "  <lesson id=\"campuran\">\n"
                   "    <title>Campuran</title>\n"
                   "    <heading>dua kata</heading>\n"
                   "    <list><item>tiga kata <em>ini</em></item><item>satu</item></list>\n"
                   "    <note kind=\"tip\">empat kata di <strong>sini</strong></note>\n"
                   "    <p>satu<em>kata</em> lagi</p>\n"
                   "    <quiz id=\"kuis\" role=\"practice\">\n"
                   "      <question id=\"q\" topic=\"dasar\" type=\"truefalse\" answer=\"true\">\n"
                   "        <prompt>kata kata kata kata kata kata kata kata</prompt>\n"
                   "        <explanation>kata kata kata</explanation>\n"
                   "      </question>\n"
                   "    </quiz>\n"
                   "  </lesson>\n");
  contents = module_with_body (body->str);
  write_file (path, contents);

  diagnostics = load_path (path, &module, NULL);
  test_dump_diagnostics (diagnostics);
  g_assert_nonnull (module);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BekalLesson *lesson = bekal_module_find_lesson (module, cases[i].id);

      g_assert_nonnull (lesson);
      g_assert_cmpuint (bekal_lesson_count_words (lesson), ==, cases[i].words);
      g_assert_cmpuint (bekal_lesson_get_reading_minutes (lesson), ==, cases[i].minutes);
    }

  {
    BekalLesson *mixed = bekal_module_find_lesson (module, "campuran");

    /* 2 + (3 + 1) + 4 + 2 ("satukata lagi") */
    g_assert_cmpuint (bekal_lesson_count_words (mixed), ==, 12);
    g_assert_cmpuint (bekal_lesson_get_reading_minutes (mixed), ==, 1);
  }

  test_remove_tree (tmp);
}

static void
test_content_hash (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "module.id.xml", NULL);
  g_autofree char *svg_copy = g_build_filename (tmp, "diagram-5r.svg", NULL);
  g_autofree char *original_path = example_file ("module.id.xml");
  g_autofree char *svg_path = example_file ("diagram-5r.svg");
  g_autofree char *contents = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first_hash = NULL;
  gsize length = 0;
  char *marker;
  char saved;
  g_autoptr(BekalModule) first = NULL;
  g_autoptr(BekalModule) second = NULL;
  g_autoptr(BekalModule) changed = NULL;
  g_autoptr(BekalModule) restored = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_assert_true (g_file_get_contents (original_path, &contents, &length, NULL));
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  write_file (path, contents);
  write_file (svg_copy, svg);

  diagnostics = load_path (path, &first, NULL);
  g_assert_nonnull (first);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = load_path (path, &second, NULL);
  g_assert_nonnull (second);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);

  /* stable, and the SHA-256 of the file's bytes */
  first_hash = g_strdup (bekal_module_get_content_hash (first));
  g_assert_cmpstr (bekal_module_get_content_hash (second), ==, first_hash);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (first_hash, ==, expected);

  /* one byte changed, in a comment: still valid, but another hash */
  marker = strstr (contents, "An example module");
  g_assert_nonnull (marker);
  saved = marker[4];
  marker[4] = 'X';
  write_file (path, contents);
  diagnostics = load_path (path, &changed, NULL);
  g_assert_nonnull (changed);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  g_assert_cmpstr (bekal_module_get_content_hash (changed), !=, first_hash);

  /* and back */
  marker[4] = saved;
  write_file (path, contents);
  diagnostics = load_path (path, &restored, NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (bekal_module_get_content_hash (restored), ==, first_hash);

  test_remove_tree (tmp);
}

static void
test_whitespace (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "module.id.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *with_title = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  BekalLesson *lesson;
  BekalText *text;

  contents = module_with_body ("  <lesson id=\"spasi\">\n"
                               "    <title>\n      Judul\t\tdengan\n\n   spasi   </title>\n"
                               "    <p>\n   Satu  \t dua\n\n  <em> tiga </em>  empat "
                               "<strong>lima</strong>\n</p>\n"
                               "    <p>a <em>b</em> c</p>\n"
                               "    <p><strong>  awal</strong>  tengah  <em>akhir  </em>  </p>\n"
                               "    <p>tanpa\xc2\xa0putus dan \xe2\x80\x83 lebar</p>\n"
                               "  </lesson>\n");
  /* the module title too */
  with_title = replace_once (contents, "<title>Modul minimal</title>",
                             "<title>  Modul\n    minimal  </title>");
  write_file (path, with_title);

  diagnostics = load_path (path, &module, NULL);
  test_dump_diagnostics (diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpstr (bekal_module_get_title (module), ==, "Modul minimal");

  lesson = bekal_module_get_lesson (module, 0);
  g_assert_cmpstr (bekal_lesson_get_title (lesson), ==, "Judul dengan spasi");

  text = bekal_block_get_text (bekal_lesson_get_block (lesson, 0));
  g_assert_cmpstr (bekal_text_get_plain (text), ==, "Satu dua tiga empat lima");
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 4);
  assert_span (text, 0, BEKAL_SPAN_PLAIN, "Satu dua ", NULL);
  assert_span (text, 1, BEKAL_SPAN_EMPHASIS, "tiga ", NULL);
  assert_span (text, 2, BEKAL_SPAN_PLAIN, "empat ", NULL);
  assert_span (text, 3, BEKAL_SPAN_STRONG, "lima", NULL);
  g_assert_cmpuint (bekal_text_count_words (text), ==, 5);

  /* spaces around inline elements are kept, once */
  text = bekal_block_get_text (bekal_lesson_get_block (lesson, 1));
  g_assert_cmpstr (bekal_text_get_plain (text), ==, "a b c");
  g_assert_cmpuint (bekal_text_get_n_spans (text), ==, 3);
  assert_span (text, 0, BEKAL_SPAN_PLAIN, "a ", NULL);
  assert_span (text, 1, BEKAL_SPAN_EMPHASIS, "b", NULL);
  assert_span (text, 2, BEKAL_SPAN_PLAIN, " c", NULL);

  /* leading and trailing whitespace of the whole text is dropped, even inside spans */
  text = bekal_block_get_text (bekal_lesson_get_block (lesson, 2));
  g_assert_cmpstr (bekal_text_get_plain (text), ==, "awal tengah akhir");
  assert_span (text, 0, BEKAL_SPAN_STRONG, "awal", NULL);
  assert_span (text, bekal_text_get_n_spans (text) - 1, BEKAL_SPAN_EMPHASIS, "akhir", NULL);

  /* only XML whitespace collapses: a no-break space and an em space are text */
  text = bekal_block_get_text (bekal_lesson_get_block (lesson, 3));
  g_assert_cmpstr (bekal_text_get_plain (text), ==,
                   "tanpa\xc2\xa0putus dan \xe2\x80\x83 lebar");

  test_remove_tree (tmp);
}

/* Files written on other systems: a byte order mark, CRLF line ends */
static void
test_bom_and_crlf (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "module.id.xml", NULL);
  g_autofree char *minimal = read_fixture ("valid/minimal/module.id.xml");
  g_autofree char *invalid = read_fixture ("invalid/unknown-topic.xml");
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", minimal, NULL);
  g_auto(GStrv) lines = g_strsplit (invalid, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalModule) module = NULL;
  const BekalDiagnostic *d;
  BekalText *text;

  write_file (path, with_bom);
  diagnostics = load_path (path, &module, NULL);
  test_dump_diagnostics (diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpstr (bekal_module_get_title (module), ==, "Modul minimal");
  g_clear_object (&module);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);

  /* same lines and columns as with LF */
  write_file (path, crlf);
  diagnostics = load_path (path, &module, NULL);
  g_assert_null (module);
  d = find_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "topik-hilang");
  g_assert_nonnull (d);
  g_assert_cmpint (bekal_diagnostic_get_line (d), ==, 18);
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==, 7);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);

  /* and no carriage return in the text */
  g_strfreev (lines);
  lines = g_strsplit (minimal, "\n", -1);
  g_free (crlf);
  crlf = g_strjoinv ("\r\n", lines);
  write_file (path, crlf);
  diagnostics = load_path (path, &module, NULL);
  g_assert_nonnull (module);
  text = bekal_block_get_text (bekal_lesson_get_block (bekal_module_get_lesson (module, 0), 0));
  g_assert_cmpstr (bekal_text_get_plain (text), ==, "Seorang peksos mendampingi klien.");
  g_assert_null (strchr (bekal_module_get_summary (module), '\r'));

  test_remove_tree (tmp);
}

/* Builds a text from (style, text) pairs and describes its spans: "text|style" a span, then
 * "=" and the plain form */
static char *
seal_and_describe (const char * const *pieces)
{
  g_autoptr(BekalText) text = bekal_text_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; pieces[i] != NULL; i += 2)
    bekal_text_append (text, (BekalSpanStyle) atoi (pieces[i]), NULL, pieces[i + 1], -1);
  bekal_text_seal (text);

  for (guint i = 0; i < bekal_text_get_n_spans (text); i++)
    {
      const BekalSpan *span = bekal_text_get_span (text, i);

      g_assert_cmpstr (span->text, !=, "");
      g_string_append_printf (out, "%s|%d ", span->text, span->style);
    }
  g_string_append_printf (out, "=%s", bekal_text_get_plain (text));

  return g_string_free (out, FALSE);
}

/* Sealing trims the two ends of the text (not the spans inside), drops the spans left empty,
 * merges pieces of one style, and the plain form is the spans one after another */
static void
test_text_seal (void)
{
  static const struct
  {
    const char *pieces[9];
    const char *expected;
  } cases[] = {
    { { "0", "  satu  ", NULL }, "satu|0 =satu" },
    { { "0", "   ", NULL }, "=" },
    { { NULL }, "=" },
    { { "0", " ", "2", "tebal", NULL }, "tebal|2 =tebal" },
    { { "0", "a ", "1", " ", NULL }, "a |0 =a " },
    { { "0", " ", "1", " ", NULL }, "=" },
    { { "0", " a", "0", "b ", "2", "c", "0", " d ", NULL }, "ab |0 c|2  d|0 =ab c d" },
    { { "1", "x", "0", " ", "2", "y", NULL }, "x|1  |0 y|2 =x y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *described = seal_and_describe (cases[i].pieces);

      g_assert_cmpstr (described, ==, cases[i].expected);
    }

  {
    g_autoptr(BekalText) plain = bekal_text_new_plain ("  kata  ");

    g_assert_cmpstr (bekal_text_get_plain (plain), ==, "kata");
    g_assert_cmpuint (bekal_text_get_n_spans (plain), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/example/module", test_example_module);
  g_test_add_func ("/loader/example/blocks", test_example_blocks);
  g_test_add_func ("/loader/example/media", test_example_media);
  g_test_add_func ("/loader/example/quizzes", test_example_quizzes);
  g_test_add_func ("/loader/example/questions", test_example_questions);
  g_test_add_func ("/loader/example/trainer-note", test_trainer_note);
  g_test_add_func ("/loader/example/translation", test_example_translation);
  g_test_add_func ("/loader/valid/inline", test_inline_fixture);
  g_test_add_func ("/loader/valid/minimal", test_minimal_fixture);
  g_test_add_func ("/loader/valid/negative-scale", test_negative_scale);
  g_test_add_func ("/loader/valid/forms", test_forms);
  g_test_add_func ("/loader/io-errors", test_io_errors);
  g_test_add_func ("/loader/language-from-filename", test_language_from_filename);
  g_test_add_func ("/loader/parse-time", test_parse_time);
  g_test_add_func ("/loader/reading-minutes", test_reading_minutes);
  g_test_add_func ("/loader/content-hash", test_content_hash);
  g_test_add_func ("/loader/whitespace", test_whitespace);
  g_test_add_func ("/loader/text-seal", test_text_seal);
  g_test_add_func ("/loader/bom-and-crlf", test_bom_and_crlf);

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/loader/rule/%s", rule_cases[i].name);

      g_test_add_data_func (test_path, &rule_cases[i], test_rule);
    }
  for (guint i = 0; i < G_N_ELEMENTS (translation_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/loader/rule/%s",
                                                    translation_cases[i].name);

      g_test_add_data_func (test_path, &translation_cases[i], test_translation_rule);
    }
  g_test_add_func ("/loader/rule/symlink-outside", test_rule_symlink_outside);

  return g_test_run ();
}
