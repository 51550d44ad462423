/* test-question-bank.c: question banks from Moodle XML and GIFT, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-question-bank.h>

#include "bekal-exchange-private.h"
#include "test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Helpers */

static char *
bank_fixture (const char *name)
{
  return g_build_filename (test_fixtures_dir (), "banks", name, NULL);
}

static BekalQuestionBank *
load_bank (const char *name)
{
  g_autofree char *path = bank_fixture (name);
  g_autoptr(GError) error = NULL;
  BekalQuestionBank *bank;

  bank = g_str_has_suffix (name, ".xml") ? bekal_question_bank_load_moodle_xml (path, &error)
                                         : bekal_question_bank_load_gift (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank);
  return bank;
}

/* The question, topic or skipped entry named; the test fails when there is none */
#define RETURNS_NONNULL __attribute__ ((returns_nonnull))

static const BekalBankQuestion *find_question (BekalQuestionBank *bank,
                                               const char        *id) RETURNS_NONNULL;
static const BekalBankTopic *find_topic (BekalQuestionBank *bank,
                                         const char        *id) RETURNS_NONNULL;
static const BekalBankSkipped *find_skipped (GPtrArray  *skipped,
                                             const char *name) RETURNS_NONNULL;

static const BekalBankQuestion *
find_question (BekalQuestionBank *bank,
               const char        *id)
{
  for (guint i = 0; i < bekal_question_bank_get_n_questions (bank); i++)
    {
      const BekalBankQuestion *question = bekal_question_bank_get_question (bank, i);

      if (g_str_equal (question->id, id))
        return question;
    }
  g_test_message ("no question %s", id);
  g_assert_not_reached ();
}

static const BekalBankTopic *
find_topic (BekalQuestionBank *bank,
            const char        *id)
{
  const BekalBankTopic *topic = bekal_question_bank_find_topic (bank, id);

  if (topic == NULL)
    {
      g_test_message ("no topic %s", id);
      g_assert_not_reached ();
    }
  return topic;
}

static const BekalBankOption *
option_at (const BekalBankQuestion *question,
           guint                    index)
{
  g_assert_cmpuint (index, <, question->options->len);
  return g_ptr_array_index (question->options, index);
}

static const BekalBankSkipped *
find_skipped (GPtrArray  *skipped,
              const char *name)
{
  for (guint i = 0; i < skipped->len; i++)
    {
      const BekalBankSkipped *entry = g_ptr_array_index (skipped, i);

      if (g_str_equal (entry->name, name))
        return entry;
    }
  g_test_message ("nothing skipped under the name %s", name);
  g_assert_not_reached ();
}

static gboolean
has_note (BekalQuestionBank *bank,
          const char        *question,
          const char        *needle)
{
  GPtrArray *notes = bekal_question_bank_get_notes (bank);

  for (guint i = 0; i < notes->len; i++)
    {
      const BekalBankNote *note = g_ptr_array_index (notes, i);

      if (g_strcmp0 (note->question, question) == 0 && strstr (note->message, needle))
        return TRUE;
    }
  return FALSE;
}

/* Builds a minimal module around a <topics> and a <quiz> fragment and loads it */
static BekalModule *
load_module_with (const char *topics,
                  const char *quiz,
                  GPtrArray  *diagnostics)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "module.id.xml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autoptr(GError) error = NULL;
  BekalModule *module;

  text = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<module xmlns=\"urn:bekal:module:1\" id=\"uji-bank-soal\" "
                          "version=\"1.0\" xml:lang=\"id\">\n"
                          "  <title>Uji bank soal</title>\n"
                          "  <summary>Modul untuk menguji impor bank soal.</summary>\n"
                          "  <meta><author>Tim uji</author></meta>\n"
                          "%s%s"
                          "  <lesson id=\"uji-pelajaran\"><title>Pelajaran</title>"
                          "<p>Teks.</p></lesson>\n"
                          "</module>\n", topics, quiz);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  if (module == NULL)
    g_test_message ("module:\n%s", text);
  test_remove_tree (dir);
  return module;
}

static BekalModule *
load_bank_as_module (BekalQuestionBank *bank,
                     BekalQuizRole      role)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *topics = bekal_question_bank_write_topics (bank);
  g_autofree char *quiz = bekal_question_bank_write_quiz (bank, "bank-quiz", role, &error);
  BekalModule *module;

  g_assert_no_error (error);
  module = load_module_with (topics, quiz, diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
  return module;
}

static char *
plain_of (const char *markup)
{
  return markup ? bekal_inline_to_plain (markup) : NULL;
}

/* Every question of @a is in @b with the same content */
static void
assert_same_questions (BekalQuestionBank *a,
                       BekalQuestionBank *b,
                       gboolean           without_order)
{
  guint expected = 0;

  for (guint i = 0; i < bekal_question_bank_get_n_questions (a); i++)
    {
      const BekalBankQuestion *qa = bekal_question_bank_get_question (a, i);
      const BekalBankQuestion *qb;
      const BekalBankTopic *ta, *tb;

      if (without_order && qa->type == BEKAL_QUESTION_ORDER)
        continue;
      expected++;

      qb = find_question (b, qa->id);
      g_assert_cmpint (qa->type, ==, qb->type);
      g_assert_cmpstr (qa->topic_id, ==, qb->topic_id);
      ta = find_topic (a, qa->topic_id);
      tb = find_topic (b, qb->topic_id);
      g_assert_cmpstr (ta->name, ==, tb->name);
      g_assert_cmpstr (qa->prompt, ==, qb->prompt);
      g_assert_cmpstr (qa->explanation, ==, qb->explanation);
      g_assert_cmpuint (qa->options->len, ==, qb->options->len);

      for (guint j = 0; j < qa->options->len; j++)
        {
          const BekalBankOption *oa = option_at (qa, j);
          const BekalBankOption *ob = option_at (qb, j);
          g_autofree char *right_a = plain_of (oa->match_text);
          g_autofree char *right_b = plain_of (ob->match_text);

          g_assert_cmpstr (oa->text, ==, ob->text);
          /* Moodle shows the right side of a pair in a drop-down list: plain text */
          g_assert_cmpstr (right_a, ==, right_b);
          g_assert_cmpstr (oa->feedback, ==, ob->feedback);
          g_assert_cmpint (oa->correct, ==, ob->correct);
        }
    }

  g_assert_cmpuint (bekal_question_bank_get_n_questions (b), ==, expected);
}

static char *
markup_of (const BekalText *text)
{
  g_autofree char *markup = text ? bekal_inline_from_text (text, NULL) : NULL;

  return markup && markup[0] ? g_steal_pointer (&markup) : NULL;
}

/* Every question of @bank is in @module with the same content */
static void
assert_module_holds (BekalModule       *module,
                     BekalQuestionBank *bank)
{
  for (guint i = 0; i < bekal_question_bank_get_n_questions (bank); i++)
    {
      const BekalBankQuestion *expected = bekal_question_bank_get_question (bank, i);
      BekalQuestion *question = bekal_module_find_question (module, expected->id);
      g_autofree char *prompt = NULL;
      g_autofree char *explanation = NULL;
      const BekalTopic *topic;

      g_assert_nonnull (question);
      g_assert_cmpint (bekal_question_get_kind (question), ==, expected->type);
      g_assert_cmpstr (bekal_question_get_topic_id (question), ==, expected->topic_id);
      topic = bekal_module_find_topic (module, expected->topic_id);
      g_assert_cmpstr (topic->name, ==,
                       find_topic (bank, expected->topic_id)->name);
      prompt = markup_of (bekal_question_get_prompt (question));
      g_assert_cmpstr (prompt, ==, expected->prompt);
      explanation = markup_of (bekal_question_get_explanation (question));
      g_assert_cmpstr (explanation, ==, expected->explanation);
      g_assert_cmpuint (bekal_question_get_n_options (question), ==, expected->options->len);

      for (guint j = 0; j < expected->options->len; j++)
        {
          const BekalBankOption *option = option_at (expected, j);
          BekalOption *actual = bekal_question_get_option (question, j);
          g_autofree char *text = markup_of (bekal_option_get_text (actual));
          g_autofree char *feedback = markup_of (bekal_option_get_feedback (actual));

          g_assert_cmpstr (text, ==, option->text);
          g_assert_cmpstr (feedback, ==, option->feedback);
          g_assert_cmpint (bekal_option_get_correct (actual), ==, option->correct);
          if (expected->type == BEKAL_QUESTION_MATCH)
            {
              g_autofree char *right = markup_of (bekal_option_get_match_text (actual));

              g_assert_cmpstr (right, ==, option->match_text);
            }
        }
    }
}

static void
run_author (Run        *run,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *author = g_getenv ("BEKAL_AUTHOR");
  int wait_status = 0;
  va_list args;

  if (author == NULL)
    author = BEKAL_BUILD_ROOT "/src/author/bekal-author";
  g_ptr_array_add (argv, (gpointer) author);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit status %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

/* The part of @text from @start up to and including @end */
static char *
cut_between (const char *text,
             const char *start,
             const char *end)
{
  const char *from = strstr (text, start);
  const char *to = from ? strstr (from, end) : NULL;

  g_assert_nonnull (to);
  return g_strndup (from, to + strlen (end) - from);
}

static GHashTable *
load_bundled_module (const char *folder)
{
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *variants;

  variants = bekal_loader_load_folder (loader, folder, diagnostics, &error);
  g_assert_no_error (error);
  test_dump_diagnostics (diagnostics);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
  return variants;
}

/* Tests: Moodle XML */

static void
test_moodle_types (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("moodle-all-types.xml");
  const BekalBankQuestion *q;

  g_assert_cmpuint (bekal_question_bank_get_n_questions (bank), ==, 7);

  /* categories: the last part of the path, with // a slash in a name */
  g_assert_cmpstr (find_topic (bank, "asesmen")->name, ==, "Asesmen Awal");
  g_assert_cmpstr (find_topic (bank, "keluarga-komunitas")->name, ==,
                   "Keluarga / Komunitas");

  /* multichoice, single: HTML kept as inline markup, the rest dropped */
  q = find_question (bank, "langkah-pertama-asesmen");
  g_assert_nonnull (q);
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_SINGLE);
  g_assert_cmpstr (q->topic_id, ==, "asesmen");
  g_assert_cmpstr (q->prompt, ==,
                   "What does a social worker do <strong>first</strong> when meeting a returnee "
                   "family? Choose <em>one</em> answer &amp; explain it to yourself.");
  g_assert_cmpstr (q->explanation, ==,
                   "Trust comes before <strong>any</strong> form: the guide says so.");
  g_assert_cmpuint (q->options->len, ==, 3);
  g_assert_true (option_at (q, 0)->correct);
  g_assert_false (option_at (q, 1)->correct);
  g_assert_cmpstr (option_at (q, 0)->text, ==, "Introduce yourself and build <em>trust</em>");
  g_assert_cmpstr (option_at (q, 0)->feedback, ==, "Right: rapport first.");
  g_assert_cmpstr (option_at (q, 1)->text, ==, "Fill in the intake form &lt;F-1&gt;");
  g_assert_cmpstr (option_at (q, 2)->text, ==, "Ask about the ideology right away");
  g_assert_null (option_at (q, 2)->feedback);
  g_assert_true (has_note (bank, q->id, "<script>"));
  g_assert_true (has_note (bank, q->id, "1 image left out"));
  g_assert_true (has_note (bank, q->id, "1 embedded file"));
  g_assert_true (has_note (bank, q->id, "hints"));
  g_assert_true (has_note (bank, q->id, "partly right"));

  /* multichoice, several right answers; an idnumber that is no Bekal id gives way to the name */
  q = find_question (bank, "sumber-dukungan-keluarga");
  g_assert_nonnull (q);
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_MULTIPLE);
  g_assert_true (option_at (q, 0)->correct);
  g_assert_true (option_at (q, 1)->correct);
  g_assert_false (option_at (q, 2)->correct);
  g_assert_cmpstr (option_at (q, 2)->feedback, ==, "No: this is a risk.");
  g_assert_null (q->explanation);

  /* plain text escaped, Markdown taken as it is, partial credit counted wrong */
  q = find_question (bank, "kunjungan-rumah");
  g_assert_nonnull (q);
  g_assert_cmpstr (q->topic_id, ==, "keluarga-komunitas");
  g_assert_cmpstr (q->prompt, ==,
                   "A home visit is planned. Who should know about it &lt;first&gt;?");
  g_assert_cmpstr (q->explanation, ==, "The **family** should always know.");
  g_assert_true (option_at (q, 0)->correct);
  g_assert_false (option_at (q, 1)->correct);
  g_assert_true (has_note (bank, q->id, "partial credit"));
  g_assert_true (has_note (bank, q->id, "Markdown"));

  q = find_question (bank, "stigma-tetangga");
  g_assert_nonnull (q);
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_TRUEFALSE);
  g_assert_cmpstr (option_at (q, 0)->id, ==, "true");
  g_assert_true (option_at (q, 0)->correct);
  g_assert_false (option_at (q, 1)->correct);
  g_assert_cmpstr (option_at (q, 0)->feedback, ==, "Yes, it can.");
  g_assert_cmpstr (option_at (q, 1)->feedback, ==, "Think again about isolation.");
  g_assert_cmpstr (q->prompt, ==, "Neighbours' stigma can make reintegration harder.");

  q = find_question (bank, "tahap-5r");
  g_assert_nonnull (q);
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_MATCH);
  g_assert_cmpuint (q->options->len, ==, 3);
  g_assert_cmpstr (option_at (q, 0)->text, ==, "<strong>Repatriation</strong>");
  g_assert_cmpstr (option_at (q, 1)->match_text, ==, "Recovering &amp; healing");
  g_assert_true (has_note (bank, q->id, "1 extra wrong answer"));

  /* ordering: by the position Moodle stores as the fraction */
  q = find_question (bank, "urutan-manajemen-kasus");
  g_assert_nonnull (q);
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_ORDER);
  g_assert_cmpstr (option_at (q, 0)->text, ==, "Engagement");
  g_assert_cmpstr (option_at (q, 1)->text, ==, "Assessment");
  g_assert_cmpstr (option_at (q, 3)->text, ==, "Review");

  /* a second question of the same name gets an id of its own */
  q = find_question (bank, "langkah-pertama-asesmen-2");
  g_assert_nonnull (q);
  g_assert_false (option_at (q, 0)->correct);
  g_assert_true (option_at (q, 1)->correct);
}

static void
test_moodle_unmapped (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("moodle-all-types.xml");
  GPtrArray *skipped = bekal_question_bank_get_skipped (bank);
  const struct { const char *name; const char *kind; const char *reason; } expected[] = {
    { "Pasangan kembar", "match", "same right side" },
    { "Gambar saja", "single", "Answer 1 is empty" },
    { "Singkatan PPA", "shortanswer", "types the answer" },
    { "Jumlah tahap", "numerical", "types a number" },
    { "Refleksi pengalaman", "essay", "marked by a teacher" },
    { "Hitung kunjungan", "calculated", "formulas" },
    { "Hitung sederhana", "calculatedsimple", "formulas" },
    { "Hitung pilihan", "calculatedmulti", "formulas" },
    { "Cloze layanan", "multianswer", "cloze" },
    { "Seret kata", "ddwtos", "drag and drop" },
    { "Seret ke gambar", "ddimageortext", "drag and drop" },
    { "Penanda peta", "ddmarker", "drag and drop" },
    { "Pilih kata", "gapselect", "gaps" },
    { "Random (Asesmen Awal)", "random", "Moodle category" },
    { "Acak cocok", "randomsamatch", "short-answer" },
    { "Pengantar bagian dua", "description", "nothing to answer" },
    { "Plugin lain", "someplugin", "does not know" },
  };

  g_assert_cmpuint (skipped->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const BekalBankSkipped *entry = find_skipped (skipped, expected[i].name);

      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->kind, ==, expected[i].kind);
      g_assert_nonnull (strstr (entry->reason, expected[i].reason));
      g_assert_cmpuint (entry->line, >, 0);
    }
}

static void
test_moodle_fragment_loads (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("moodle-all-types.xml");
  g_autoptr(BekalModule) practice = load_bank_as_module (bank, BEKAL_QUIZ_PRACTICE);
  g_autoptr(BekalModule) pretest = load_bank_as_module (bank, BEKAL_QUIZ_PRETEST);

  g_assert_nonnull (bekal_module_find_quiz_by_role (practice, BEKAL_QUIZ_PRACTICE));
  g_assert_nonnull (bekal_module_find_quiz_by_role (pretest, BEKAL_QUIZ_PRETEST));
  assert_module_holds (practice, bank);
}

/* Tests: GIFT */

static void
test_gift_types (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("gift-all-types.txt");
  const BekalBankQuestion *q;

  g_assert_cmpuint (bekal_question_bank_get_n_questions (bank), ==, 10);
  g_assert_cmpstr (find_topic (bank, "orientasi-sentra")->name, ==,
                   "Orientasi Sentra");
  g_assert_cmpstr (find_topic (bank, "etika-batas")->name, ==,
                   "Etika / Batas");

  /* [id:…] in a comment, [html], feedback and general feedback */
  q = find_question (bank, "peran-pendamping");
  g_assert_nonnull (q);
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_SINGLE);
  g_assert_cmpstr (q->name, ==, "Peran pendamping");
  g_assert_cmpstr (q->prompt, ==, "A <strong>case worker</strong> at the sentra mainly…");
  g_assert_cmpstr (q->explanation, ==,
                   "The case worker <em>accompanies</em>, the client decides.");
  g_assert_true (option_at (q, 0)->correct);
  g_assert_cmpstr (option_at (q, 0)->feedback, ==, "Yes: that is the core of the role.");
  g_assert_null (option_at (q, 2)->feedback);

  q = find_question (bank, "hak-klien");
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_MULTIPLE);
  g_assert_true (option_at (q, 0)->correct && option_at (q, 1)->correct);
  g_assert_false (option_at (q, 2)->correct);

  q = find_question (bank, "skor-parsial");
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_SINGLE);
  g_assert_true (option_at (q, 0)->correct);
  g_assert_false (option_at (q, 1)->correct);
  g_assert_true (has_note (bank, q->id, "partial credit"));

  /* {FALSE#for a wrong answer#for the right one####general} */
  q = find_question (bank, "kerahasiaan");
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_TRUEFALSE);
  g_assert_false (option_at (q, 0)->correct);
  g_assert_true (option_at (q, 1)->correct);
  g_assert_cmpstr (option_at (q, 0)->feedback, ==, "No: think about confidentiality.");
  g_assert_cmpstr (option_at (q, 1)->feedback, ==, "Right: notes are confidential.");
  g_assert_cmpstr (q->explanation, ==, "Confidentiality protects the client.");

  /* no name: the id comes from the text */
  q = find_question (bank, "sentra-staff-work-in-teams");
  g_assert_nonnull (q);
  g_assert_true (option_at (q, 0)->correct);

  q = find_question (bank, "istilah");
  g_assert_cmpint (q->type, ==, BEKAL_QUESTION_MATCH);
  g_assert_cmpuint (q->options->len, ==, 3);
  g_assert_cmpstr (option_at (q, 2)->match_text, ==, "the person receiving services");
  g_assert_true (has_note (bank, q->id, "1 extra wrong answer"));

  /* the missing word format with choices */
  q = find_question (bank, "the-first-meeting-should-build");
  g_assert_nonnull (q);
  g_assert_cmpstr (q->prompt, ==,
                   "The first meeting should build _____ between worker and client.");

  /* escapes */
  q = find_question (bank, "simbol-escape");
  g_assert_nonnull (q);
  g_assert_cmpstr (q->name, ==, "Simbol: escape");
  g_assert_cmpstr (q->prompt, ==, "Which sign means \"equal\" in a formula { like a = b }?");
  g_assert_cmpstr (option_at (q, 0)->text, ==, "the sign =");
  g_assert_cmpstr (option_at (q, 0)->feedback, ==, "Right: = means equal.");
  g_assert_cmpstr (option_at (q, 1)->text, ==, "the sign ~");
  g_assert_cmpstr (option_at (q, 2)->text, ==, "the sign #");
  g_assert_cmpstr (q->topic_id, ==, "etika-batas");

  q = find_question (bank, "plain-format");
  g_assert_cmpstr (q->prompt, ==, "Is &lt;b&gt; shown as text?");
  q = find_question (bank, "markdown");
  g_assert_cmpstr (q->prompt, ==, "Is **this** bold in Bekal?");
  g_assert_true (has_note (bank, q->id, "Markdown"));
}

static void
test_gift_unmapped (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("gift-all-types.txt");
  GPtrArray *skipped = bekal_question_bank_get_skipped (bank);
  const struct { const char *name; const char *kind; const char *reason; } expected[] = {
    { "The 5R ends with", "shortanswer", "missing word" },
    { "Singkatan", "shortanswer", "types the answer" },
    { "Angka", "numerical", "types a number" },
    { "Rentang", "numerical", "types a number" },
    { "Esai", "essay", "marked by a teacher" },
    { "Deskripsi", "description", "nothing to answer" },
    { "Kurung tidak tertutup", "", "no “}” closes them" },
    { "Kurung terbalik", "", "comes before" },
    { "Dua blok", "", "do not pair up" },
  };

  g_assert_cmpuint (skipped->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const BekalBankSkipped *entry = find_skipped (skipped, expected[i].name);

      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->kind, ==, expected[i].kind);
      g_assert_nonnull (strstr (entry->reason, expected[i].reason));
    }
  g_assert_cmpuint (find_skipped (skipped, "Kurung tidak tertutup")->line, ==, 66);
}

static void
test_gift_fragment_loads (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("gift-all-types.txt");
  g_autoptr(BekalModule) module = load_bank_as_module (bank, BEKAL_QUIZ_PRETEST);

  assert_module_holds (module, bank);
}

static void
test_gift_unbalanced (void)
{
  g_autoptr(BekalQuestionBank) bank = load_bank ("gift-unbalanced.txt");
  GPtrArray *skipped = bekal_question_bank_get_skipped (bank);

  g_assert_cmpuint (bekal_question_bank_get_n_questions (bank), ==, 0);
  g_assert_cmpuint (skipped->len, >=, 4);
  g_assert_nonnull (strstr (find_skipped (skipped, "Tanpa penutup")->reason, "no “}”"));
  g_assert_nonnull (strstr (find_skipped (skipped, "Penutup saja")->reason, "no “{” opened"));
  g_assert_nonnull (strstr (find_skipped (skipped, "Bersarang")->reason, "do not pair up"));
  g_assert_nonnull (strstr (find_skipped (skipped, "Putus baris")->reason, "blank line"));
}

/* Tests: round trips */

static void
round_trip_bank (BekalQuestionBank *original)
{
  g_autoptr(GPtrArray) not_written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = bekal_question_bank_write_moodle_xml (original, &not_written);
  g_autofree char *gift = NULL;
  g_autoptr(BekalQuestionBank) from_xml = NULL;
  g_autoptr(BekalQuestionBank) from_gift = NULL;
  g_autoptr(BekalModule) module = NULL;
  guint n_order = 0;

  g_assert_cmpuint (not_written->len, ==, 0);
  from_xml = bekal_question_bank_parse_moodle_xml (xml, strlen (xml), "export.xml", &error);
  g_assert_no_error (error);
  if (bekal_question_bank_get_skipped (from_xml)->len > 0)
    g_test_message ("%s", xml);
  g_assert_cmpuint (bekal_question_bank_get_skipped (from_xml)->len, ==, 0);
  assert_same_questions (original, from_xml, FALSE);

  /* and into a module, as a trainer pastes it */
  module = load_bank_as_module (from_xml, BEKAL_QUIZ_PRACTICE);
  assert_module_holds (module, from_xml);

  g_clear_pointer (&not_written, g_ptr_array_unref);
  gift = bekal_question_bank_write_gift (original, &not_written);
  for (guint i = 0; i < bekal_question_bank_get_n_questions (original); i++)
    if (bekal_question_bank_get_question (original, i)->type == BEKAL_QUESTION_ORDER)
      n_order++;
  g_assert_cmpuint (not_written->len, ==, n_order);
  from_gift = bekal_question_bank_parse_gift (gift, strlen (gift), "export.txt", &error);
  g_assert_no_error (error);
  if (bekal_question_bank_get_skipped (from_gift)->len > 0)
    g_test_message ("%s", gift);
  g_assert_cmpuint (bekal_question_bank_get_skipped (from_gift)->len, ==, 0);
  assert_same_questions (original, from_gift, TRUE);
}

static void
round_trip_folder (const char *folder,
                   guint      *n_modules,
                   guint      *n_scale)
{
  g_autoptr(GHashTable) variants = load_bundled_module (folder);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, variants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BekalModule *module = value;
      g_autoptr(BekalQuestionBank) bank = bekal_question_bank_new_from_module (module);
      guint n_questions = 0;

      g_test_message ("round trip of %s", bekal_module_get_path (module));
      for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
        n_questions += bekal_quiz_get_n_questions (bekal_module_get_quiz (module, i));
      g_assert_cmpuint (bekal_question_bank_get_n_questions (bank)
                        + bekal_question_bank_get_skipped (bank)->len, ==, n_questions);
      *n_scale += bekal_question_bank_get_skipped (bank)->len;

      round_trip_bank (bank);
      (*n_modules)++;
    }
}

/* Every bundled module and the example module, in each of their languages */
static void
test_round_trip_modules (void)
{
  g_autofree char *modules = test_source_path ("modules");
  g_autofree char *example = test_source_path ("examples/contoh-semua-elemen");
  g_autoptr(GDir) dir = g_dir_open (modules, 0, NULL);
  const char *name;
  guint n_modules = 0, n_scale = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *folder = g_build_filename (modules, name, NULL);

      if (!g_str_equal (name, "schema") && bekal_loader_folder_has_module_file (folder))
        round_trip_folder (folder, &n_modules, &n_scale);
    }
  round_trip_folder (example, &n_modules, &n_scale);

  g_assert_cmpuint (n_modules, >=, 16);
  /* the example module has a scale question, which is listed */
  g_assert_cmpuint (n_scale, >, 0);
}

static void
test_round_trip_imported (void)
{
  g_autoptr(BekalQuestionBank) moodle = load_bank ("moodle-all-types.xml");
  g_autoptr(BekalQuestionBank) gift = load_bank ("gift-all-types.txt");

  round_trip_bank (moodle);
  round_trip_bank (gift);
}

static void
test_export_fractions (void)
{
  const char *source =
    "::Lima pilihan:: Choose the three right ones. {\n"
    "~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-50%d ~%-50%e }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = bekal_question_bank_parse_gift (source, strlen (source),
                                                                      "t.txt", &error);
  g_autofree char *xml = NULL;
  g_autofree char *gift = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (bekal_question_bank_get_n_questions (bank), ==, 1);

  xml = bekal_question_bank_write_moodle_xml (bank, NULL);
  g_assert_nonnull (strstr (xml, "<single>false</single>"));
  g_assert_nonnull (strstr (xml, "fraction=\"33.33333\""));
  g_assert_nonnull (strstr (xml, "fraction=\"-50\""));
  g_assert_null (strstr (xml, "fraction=\"0\""));
  gift = bekal_question_bank_write_gift (bank, NULL);
  g_assert_nonnull (strstr (gift, "~%33.33333%a"));
  g_assert_nonnull (strstr (gift, "~%-50%e"));

  /* the fractions Moodle accepts */
  g_assert_cmpfloat_with_epsilon (bekal_bank_moodle_fraction (1.0 / 7), 0.1428571, 1e-9);
  g_assert_cmpfloat_with_epsilon (bekal_bank_moodle_fraction (-1.0 / 3), -0.3333333, 1e-9);
  /* 1/13 is not one of them: the closest is */
  g_assert_cmpfloat_with_epsilon (bekal_bank_moodle_fraction (1.0 / 13), 0.1, 1e-9);
}

static void
test_export_gift_escapes (void)
{
  const char *source =
    "// [id:tanda]\n::Tanda\\: khusus::[html]Is \\{a\\} \\= b \\~ c \\# d? "
    "{=yes \\# sure#right\\: yes ~no}\n"
    "\n"
    "::Persen:: A wrong answer that starts with a per cent sign {=none ~%0%%5 off}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = bekal_question_bank_parse_gift (source, strlen (source),
                                                                      "t.txt", &error);
  g_autoptr(BekalQuestionBank) again = NULL;
  g_autofree char *gift = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bekal_question_bank_get_question (bank, 0)->prompt, ==,
                   "Is {a} = b ~ c # d?");
  gift = bekal_question_bank_write_gift (bank, NULL);
  g_assert_nonnull (strstr (gift, "// [id:tanda]"));
  g_assert_nonnull (strstr (gift, "::Tanda\\: khusus::[html]Is \\{a\\} \\= b \\~ c \\# d?"));
  g_assert_nonnull (strstr (gift, "=yes \\# sure#right\\: yes"));
  g_assert_cmpstr (option_at (bekal_question_bank_get_question (bank, 1), 1)->text, ==, "%5 off");
  g_assert_nonnull (strstr (gift, "~%0%%5 off"));

  again = bekal_question_bank_parse_gift (gift, strlen (gift), "again.txt", &error);
  g_assert_no_error (error);
  assert_same_questions (bank, again, FALSE);
}

/* Tests: hostile input */

static void
assert_refused (const char *name,
                gint        code,
                const char *needle)
{
  g_autofree char *path = bank_fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = NULL;

  bank = g_str_has_suffix (name, ".xml") ? bekal_question_bank_load_moodle_xml (path, &error)
                                         : bekal_question_bank_load_gift (path, &error);
  g_assert_null (bank);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_hostile_files (void)
{
  assert_refused ("moodle-billion-laughs.xml", BEKAL_QUESTION_BANK_ERROR_INVALID,
                  "declares entities");
  assert_refused ("moodle-external-entity.xml", BEKAL_QUESTION_BANK_ERROR_INVALID,
                  "declares entities");
  assert_refused ("moodle-external-dtd.xml", BEKAL_QUESTION_BANK_ERROR_INVALID,
                  "external DTD");
  assert_refused ("moodle-not-quiz.xml", BEKAL_QUESTION_BANK_ERROR_INVALID, "not <quiz>");
  assert_refused ("moodle-truncated.xml", BEKAL_QUESTION_BANK_ERROR_INVALID, "not well-formed");
  assert_refused ("moodle-invalid-utf8.xml", BEKAL_QUESTION_BANK_ERROR_INVALID, ":5: ");
  assert_refused ("moodle-latin1.xml", BEKAL_QUESTION_BANK_ERROR_INVALID, "UTF-8");
  assert_refused ("gift-invalid-utf8.txt", BEKAL_QUESTION_BANK_ERROR_INVALID, ":4: ");
  assert_refused ("no-such-bank.xml", BEKAL_QUESTION_BANK_ERROR_IO, "cannot be opened");
}

static void
test_hostile_generated (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *huge = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><quiz>");
  g_autoptr(GString) deep_html = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = NULL;
  const char *ascii_latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><quiz/>";
  int fd;

  /* larger than the limit: refused before it is read */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, BEKAL_QUESTION_BANK_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  bank = bekal_question_bank_load_moodle_xml (huge, &error);
  g_assert_null (bank);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_TOO_LARGE);
  g_clear_error (&error);
  bank = bekal_question_bank_load_gift (huge, &error);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_TOO_LARGE);
  g_clear_error (&error);
  test_remove_tree (dir);

  /* a FIFO or a folder is not read */
  bank = bekal_question_bank_load_gift ("/", &error);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_IO);
  g_clear_error (&error);

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "<a>");
  bank = bekal_question_bank_parse_moodle_xml (deep->str, deep->len, "deep.xml", &error);
  g_assert_null (bank);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  bank = bekal_question_bank_parse_moodle_xml (ascii_latin, strlen (ascii_latin), "l.xml",
                                               &error);
  g_assert_null (bank);
  g_assert_nonnull (strstr (error->message, "ISO-8859-1"));
  g_clear_error (&error);

  bank = bekal_question_bank_parse_moodle_xml ("", 0, "empty.xml", &error);
  g_assert_null (bank);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_INVALID);
  g_clear_error (&error);

  /* HTML nested far deeper than anything real, in a GIFT question */
  g_string_append (deep_html, "::Dalam::[html]");
  for (guint i = 0; i < 20000; i++)
    g_string_append (deep_html, "<b><i>");
  g_string_append (deep_html, "deep {=yes ~no}\n");
  bank = bekal_question_bank_parse_gift (deep_html->str, deep_html->len, "deep.txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank);
  g_clear_object (&bank);

  bank = bekal_question_bank_parse_gift ("a\0b {T}", 7, "nul.txt", &error);
  g_assert_null (bank);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_INVALID);
}

/* Every prefix of the fixtures, and bytes changed at random: clear results, never a crash */
static void
test_truncated_and_mutated (void)
{
  const char *names[] = { "moodle-all-types.xml", "gift-all-types.txt" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *path = bank_fixture (names[n]);
      g_autofree char *data = NULL;
      gboolean xml = g_str_has_suffix (names[n], ".xml");
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      for (gsize cut = 0; cut < length; cut += 97)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(BekalQuestionBank) bank =
            xml ? bekal_question_bank_parse_moodle_xml (data, cut, "cut", &error)
                : bekal_question_bank_parse_gift (data, cut, "cut", &error);

          g_assert_true ((bank != NULL) != (error != NULL));
        }

      for (guint round = 0; round < 60; round++)
        {
          g_autofree char *copy = g_memdup2 (data, length);
          g_autoptr(GError) error = NULL;
          g_autoptr(BekalQuestionBank) bank = NULL;

          for (guint k = 0; k < 8; k++)
            copy[g_rand_int_range (rand, 0, (gint32) length)] = "<>{}=~#&;/\\:\"x\n\xc3"[
              g_rand_int_range (rand, 0, 17)];
          bank = xml ? bekal_question_bank_parse_moodle_xml (copy, length, "mutated", &error)
                     : bekal_question_bank_parse_gift (copy, length, "mutated", &error);
          g_assert_true ((bank != NULL) != (error != NULL));
        }
    }
}

/* Tests: text */

static char *
html (const char *text)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  BekalLosses losses;
  char *markup;

  bekal_losses_init (&losses);
  markup = bekal_inline_from_html (ctxt, text, -1, &losses);
  bekal_losses_clear (&losses);
  htmlFreeParserCtxt (ctxt);
  return markup;
}

static void
assert_html (const char *source,
             const char *expected)
{
  g_autofree char *markup = html (source);

  g_assert_cmpstr (markup, ==, expected);
}

static void
test_inline_html (void)
{
  assert_html ("plain   text\n with  spaces ", "plain text with spaces");
  assert_html ("<p>One</p><p>Two</p>", "One Two");
  assert_html ("<b>bold <b>again</b></b>", "<strong>bold again</strong>");
  assert_html ("<strong> spaced </strong>word", "<strong>spaced</strong> word");
  assert_html ("<em></em><b> </b>x", "x");
  assert_html ("a<br>b", "a b");
  assert_html ("<i>x <b>y</b></i>", "<em>x <strong>y</strong></em>");
  assert_html ("&lt;script&gt; &amp;&nbsp;&quot;&#233;", "&lt;script&gt; &amp; \"\xc3\xa9");
  assert_html ("<script>alert(1)</script><style>p{}</style>ok", "ok");
  assert_html ("<a href=\"javascript:x\" onclick=\"y\">link</a>", "link");
  assert_html ("<img src=x onerror=alert(1)>", "");
  assert_html ("x<!-- comment -->y", "xy");
  assert_html ("bad&#1;char", "badchar");
  assert_html ("<b>unclosed", "<strong>unclosed</strong>");
  assert_html ("</b>stray", "stray");
  assert_html ("<o:p>word</o:p> <sub>2</sub>", "word 2");
  assert_html ("<iframe src=\"http://127.0.0.1/\">inside</iframe>after", "after");
}

static void
assert_only_inline_elements (xmlNodePtr node)
{
  for (; node; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        g_assert_true (xmlStrEqual (node->name, BAD_CAST "p")
                       || xmlStrEqual (node->name, BAD_CAST "em")
                       || xmlStrEqual (node->name, BAD_CAST "strong"));
        g_assert_null (node->properties);
        assert_only_inline_elements (node->children);
      }
}

/* Whatever comes in, what comes out is well-formed XML with <em> and <strong> only */
static void
test_inline_html_safe (void)
{
  const char *inputs[] = {
    "<![CDATA[x]]>y", "<p <b>>x</b>", "<<b>>", "<b attr=\"<i>\">x</b>", "&#0;&#xD800;&#xFFFE;",
    "<svg><script>x</script></svg>", "<math><mi>x</mi></math>",
    ("<!DOCTYPE html SYSTEM \"http://127.0.0.1/x.dtd\"><p>&ext;</p>"), "<?php echo 1; ?>text",
    "<em><strong>a</em>b",
    "</p></p></p>", "<b>&amp;lt;</b>", "a\r\nb\tc\fd", "]]>", "<em>--></em>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *markup = html (inputs[i]);
      g_autofree char *wrapped = g_strdup_printf ("<p>%s</p>", markup);
      xmlDocPtr doc = xmlReadMemory (wrapped, strlen (wrapped), "t.xml", "UTF-8",
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

      g_test_message ("%s → %s", inputs[i], markup);
      g_assert_nonnull (doc);
      assert_only_inline_elements (xmlDocGetRootElement (doc));
      xmlFreeDoc (doc);
    }
}

static void
test_inline_losses (void)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  BekalLosses losses;
  g_autofree char *markup = NULL;
  g_autofree char *described = NULL;

  bekal_losses_init (&losses);
  markup = bekal_inline_from_html (ctxt, "<img><img><script>x</script><sub>2</sub><table>"
                                   "<tr><td>cell</td></tr></table>", -1, &losses);
  described = bekal_losses_describe (&losses);
  g_assert_cmpstr (markup, ==, "2 cell");
  g_assert_nonnull (strstr (described, "2 images left out"));
  g_assert_nonnull (strstr (described, "removed with their content: <script>"));
  g_assert_nonnull (strstr (described, "<sub>"));
  g_assert_nonnull (strstr (described, "<table>"));
  bekal_losses_clear (&losses);
  htmlFreeParserCtxt (ctxt);
}

static void
test_ids (void)
{
  g_autoptr(BekalQuestionBank) bank = bekal_question_bank_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *long_id = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quiz = NULL;

  made = bekal_bank_make_id ("  Étude — Ça va?  ", "q");
  g_assert_cmpstr (made, ==, "etude-ca-va");
  g_clear_pointer (&made, g_free);
  made = bekal_bank_make_id ("!!!", "q");
  g_assert_cmpstr (made, ==, "q");

  a = bekal_bank_claim_question_id (bank, NULL, "Soal 1");
  b = bekal_bank_claim_question_id (bank, NULL, "soal 1");
  c = bekal_bank_claim_question_id (bank, "Q-1", "soal-1");
  d = bekal_bank_claim_question_id (bank, "kode_7", "whatever");
  g_assert_cmpstr (a, ==, "soal-1");
  g_assert_cmpstr (b, ==, "soal-1-2");
  g_assert_cmpstr (c, ==, "soal-1-3");
  g_assert_cmpstr (d, ==, "kode_7");
  long_id = bekal_bank_claim_question_id (bank, NULL, "a very long question name that goes on "
                                          "and on well past the length of any id");
  g_assert_cmpuint (strlen (long_id), <=, 64);

  /* topics and questions share one set of ids, and the quiz may not take one of them */
  g_assert_cmpstr (bekal_bank_topic_for_category (bank, "$course$/top/Soal 1", NULL), ==,
                   "soal-1-4");
  g_assert_cmpstr (bekal_bank_topic_for_category (bank, "$course$/top/Soal 1", "x"), ==,
                   "soal-1-4");
  g_assert_cmpstr (bekal_bank_topic_for_category (bank, "$course$/top", NULL), ==, "imported");
  quiz = bekal_question_bank_write_quiz (bank, "soal-1", BEKAL_QUIZ_PRACTICE, &error);
  g_assert_null (quiz);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_BAD_ID);
  g_clear_error (&error);
  quiz = bekal_question_bank_write_quiz (bank, "Bad Id", BEKAL_QUIZ_PRACTICE, &error);
  g_assert_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_BAD_ID);
}

/* Tests: the command line */

static void
test_cli_import (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *output = g_build_filename (dir, "kuis.xml", NULL);
  g_autofree char *fixture = bank_fixture ("moodle-all-types.xml");
  g_autofree char *unbalanced = bank_fixture ("gift-unbalanced.txt");
  g_autofree char *gift = bank_fixture ("gift-all-types.txt");
  g_autofree char *text = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *quiz = NULL;
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(BekalModule) module = NULL;

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "import", "moodle", fixture, "-o", output, "--role", "pretest",
                "--quiz-id", "pra-bank", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "Imported 7 questions"));
    g_assert_nonnull (strstr (run.err, "17 questions could not be imported"));
    g_assert_nonnull (strstr (run.err, "“Singkatan PPA” (shortanswer)"));
    g_assert_nonnull (strstr (run.err, "“Cloze layanan” (multianswer)"));
    g_assert_nonnull (strstr (run.err, "<script>"));
  }

  /* pasted into a module as the comments say, it loads without errors */
  g_assert_true (g_file_get_contents (output, &text, NULL, NULL));
  topics = cut_between (text, "  <topics>\n", "</topics>");
  quiz = cut_between (text, "<quiz ", "</quiz>");
  g_assert_nonnull (strstr (quiz, "<quiz id=\"pra-bank\" role=\"pretest\">"));
  module = load_module_with (topics, quiz, diagnostics);
  g_assert_nonnull (module);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (bekal_quiz_get_n_questions (bekal_module_find_quiz (module, "pra-bank")),
                    ==, 7);

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "import", "gift", gift, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "<quiz id=\"bank-quiz\" role=\"practice\">"));
    g_assert_nonnull (strstr (run.err, "“Esai” (essay)"));
  }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "import", "gift", unbalanced, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no question"));
    g_assert_nonnull (strstr (run.err, "“Tanpa penutup”"));
  }
  {
    g_auto(Run) run = { 0, };
    g_autofree char *hostile = bank_fixture ("moodle-billion-laughs.xml");

    run_author (&run, "import", "moodle", hostile, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "entities"));
  }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "import", "moodle", fixture, "--quiz-id", "Not Valid", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "import", "word", fixture, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  test_remove_tree (dir);
}

static void
test_cli_export (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *xml = g_build_filename (dir, "bank.xml", NULL);
  g_autofree char *module = test_source_path ("examples/contoh-semua-elemen");
  g_autofree char *media = test_source_path ("media");
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = NULL;

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "export", "moodle", module, "--media-dir", media, "-o", xml, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "“kesiapan” (scale)"));
  }
  bank = bekal_question_bank_load_moodle_xml (xml, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_question (bank, "urutkan-5r"));
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "export", "gift", module, "--media-dir", media, "--lang", "en", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "$CATEGORY: $course$/top/"));
    g_assert_nonnull (strstr (run.err, "“urutkan-5r” (order)"));
  }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "export", "moodle", "/nonexistent/module", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank/moodle/types", test_moodle_types);
  g_test_add_func ("/bank/moodle/unmapped", test_moodle_unmapped);
  g_test_add_func ("/bank/moodle/fragment-loads", test_moodle_fragment_loads);
  g_test_add_func ("/bank/gift/types", test_gift_types);
  g_test_add_func ("/bank/gift/unmapped", test_gift_unmapped);
  g_test_add_func ("/bank/gift/fragment-loads", test_gift_fragment_loads);
  g_test_add_func ("/bank/gift/unbalanced", test_gift_unbalanced);
  g_test_add_func ("/bank/round-trip/modules", test_round_trip_modules);
  g_test_add_func ("/bank/round-trip/imported", test_round_trip_imported);
  g_test_add_func ("/bank/export/fractions", test_export_fractions);
  g_test_add_func ("/bank/export/gift-escapes", test_export_gift_escapes);
  g_test_add_func ("/bank/hostile/files", test_hostile_files);
  g_test_add_func ("/bank/hostile/generated", test_hostile_generated);
  g_test_add_func ("/bank/hostile/truncated-and-mutated", test_truncated_and_mutated);
  g_test_add_func ("/bank/text/inline-html", test_inline_html);
  g_test_add_func ("/bank/text/inline-html-safe", test_inline_html_safe);
  g_test_add_func ("/bank/text/losses", test_inline_losses);
  g_test_add_func ("/bank/ids", test_ids);
  g_test_add_func ("/bank/cli/import", test_cli_import);
  g_test_add_func ("/bank/cli/export", test_cli_export);

  return g_test_run ();
}
