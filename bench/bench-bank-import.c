/* bench-bank-import.c: importing a Moodle XML question bank, against libxml2 parsing the file
 *
 * Writes a Moodle XML bank of 2 000 questions (multichoice with one and with several right
 * answers, true/false, matching and ordering, in 20 categories, their text in HTML inside
 * CDATA as Moodle's editor writes it, with answer feedback and general feedback), then times,
 * in turns and in this process:
 *
 *   import   bekal_question_bank_load_moodle_xml(), then the <topics> and <quiz> fragments
 *            that `bekal-author import moodle` prints (the whole import but the printing);
 *   libxml2  the file read and parsed by xmlReadMemory(), which is what xmlReadFile() does
 *            (xmlReadFile() itself goes through the entity loader that Bekal replaces with
 *            one that refuses every file).
 *
 * Prints the best of each and the ratio import / libxml2. The target is an import under 1 s:
 * the program exits with 1 when the best import takes longer.
 *
 *   bench-bank-import [--questions N] [--runs N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include <bekal/bekal-question-bank.h>

#define TARGET_SECONDS 1.0

static int n_questions = 2000;
static int n_runs = 5;

static const GOptionEntry entries[] = {
  { "questions", 0, 0, G_OPTION_ARG_INT, &n_questions, "Questions in the bank (2000)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs of each (5)", "N" },
  { NULL }
};

static void
append_text (GString    *out,
             const char *element,
             const char *html)
{
  g_string_append_printf (out, "    <%s format=\"html\">\n      <text><![CDATA[%s]]></text>\n"
                          "    </%s>\n", element, html, element);
}

static void
append_answer (GString    *out,
               const char *fraction,
               const char *html,
               const char *feedback)
{
  g_string_append_printf (out, "    <answer fraction=\"%s\" format=\"html\">\n"
                          "      <text><![CDATA[%s]]></text>\n"
                          "      <feedback format=\"html\">\n"
                          "        <text><![CDATA[%s]]></text>\n"
                          "      </feedback>\n    </answer>\n", fraction, html, feedback);
}

static void
append_question (GString *out,
                 int      i)
{
  g_autofree char *prompt =
    g_strdup_printf ("<p dir=\"ltr\" style=\"text-align: left;\">Soal %d: apa yang "
                     "<strong>pertama</strong> dilakukan peksos saat bertemu keluarga "
                     "klien&nbsp;di rumah mereka? Pilih jawaban yang <em>paling</em> "
                     "tepat.<br></p>", i);
  const char *general = "<p>Membangun <b>kepercayaan</b> &amp; rasa aman selalu datang lebih "
                        "dulu; formulir dapat menunggu sampai keluarga siap.</p>";

  switch (i % 8)
    {
    case 0: case 1: case 2: case 3: case 4:
    case 5:
      {
        gboolean single = i % 8 != 5;

        g_string_append (out, "  <question type=\"multichoice\">\n");
        g_string_append_printf (out, "    <name>\n      <text>Soal pilihan %d</text>\n"
                                "    </name>\n", i);
        append_text (out, "questiontext", prompt);
        append_text (out, "generalfeedback", general);
        g_string_append_printf (out, "    <defaultgrade>1.0000000</defaultgrade>\n"
                                "    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"
                                "    <idnumber></idnumber>\n    <single>%s</single>\n"
                                "    <shuffleanswers>true</shuffleanswers>\n"
                                "    <answernumbering>abc</answernumbering>\n",
                                single ? "true" : "false");
        append_answer (out, single ? "100" : "50",
                       "<p>Memperkenalkan diri dan membangun <em>kepercayaan</em></p>",
                       "<p>Benar: hubungan lebih dulu.</p>");
        append_answer (out, single ? "0" : "50", "<p>Mendengarkan cerita keluarga</p>",
                       "<p>Penting, tetapi bukan yang pertama.</p>");
        append_answer (out, single ? "0" : "-50", "<p>Mengisi formulir asesmen &lt;F-1&gt;</p>",
                       "<p>Formulir dapat menunggu.</p>");
        append_answer (out, single ? "0" : "-50",
                       "<p>Menanyakan <span style=\"color: red;\">ideologi</span> klien</p>",
                       "<p>Ini dapat merusak kepercayaan.</p>");
        g_string_append (out, "  </question>\n\n");
      }
      break;

    case 6:
      g_string_append (out, "  <question type=\"truefalse\">\n");
      g_string_append_printf (out, "    <name>\n      <text>Soal benar salah %d</text>\n"
                              "    </name>\n", i);
      append_text (out, "questiontext", "<p>Stigma dari tetangga dapat menyulitkan "
                                        "<b>reintegrasi</b> keluarga.</p>");
      append_text (out, "generalfeedback", general);
      g_string_append (out, "    <penalty>1.0000000</penalty>\n");
      append_answer (out, "100", "true", "<p>Ya, stigma mengisolasi keluarga.</p>");
      append_answer (out, "0", "false", "<p>Pikirkan lagi tentang isolasi.</p>");
      g_string_append (out, "  </question>\n\n");
      break;

    default:
      if (i % 16 == 7)
        {
          g_string_append (out, "  <question type=\"matching\">\n");
          g_string_append_printf (out, "    <name>\n      <text>Soal pasangan %d</text>\n"
                                  "    </name>\n", i);
          append_text (out, "questiontext", "<p>Pasangkan tahap dengan kegiatannya.</p>");
          append_text (out, "generalfeedback", general);
          g_string_append (out, "    <shuffleanswers>true</shuffleanswers>\n");
          for (int k = 0; k < 4; k++)
            {
              static const char * const left[] = {
                "Repatriasi", "Rehabilitasi", "Relokasi", "Reintegrasi"
              };
              static const char * const right[] = {
                "Pulang ke tanah air", "Pemulihan", "Tempat tinggal baru",
                "Kembali hidup di masyarakat"
              };

              g_string_append_printf (out, "    <subquestion format=\"html\">\n"
                                      "      <text><![CDATA[<p><b>%s</b></p>]]></text>\n"
                                      "      <answer>\n        <text>%s</text>\n"
                                      "      </answer>\n    </subquestion>\n", left[k],
                                      right[k]);
            }
        }
      else
        {
          g_string_append (out, "  <question type=\"ordering\">\n");
          g_string_append_printf (out, "    <name>\n      <text>Soal urutan %d</text>\n"
                                  "    </name>\n", i);
          append_text (out, "questiontext", "<p>Urutkan langkah manajemen kasus.</p>");
          append_text (out, "generalfeedback", general);
          g_string_append (out, "    <layouttype>VERTICAL</layouttype>\n"
                           "    <selecttype>ALL</selecttype>\n");
          for (int k = 0; k < 4; k++)
            {
              static const char * const steps[] = {
                "Keterlibatan", "Asesmen", "Perencanaan", "Evaluasi"
              };

              g_string_append_printf (out, "    <answer fraction=\"%d.0000000\" format=\"html\">\n"
                                      "      <text><![CDATA[<p>%s</p>]]></text>\n"
                                      "    </answer>\n", k + 1, steps[k]);
            }
        }
      g_string_append (out, "  </question>\n\n");
      break;
    }
}

static char *
write_bank (const char *dir)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
  char *path = g_build_filename (dir, "bank.xml", NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n_questions; i++)
    {
      if (i % (n_questions / 20 > 0 ? n_questions / 20 : 1) == 0)
        g_string_append_printf (text, "  <question type=\"category\">\n    <category>\n"
                                "      <text>$course$/top/Pelatihan Peksos/Topik %d</text>\n"
                                "    </category>\n  </question>\n\n", i / 100 + 1);
      append_question (text, i);
    }
  g_string_append (text, "</quiz>\n");

  if (!g_file_set_contents (path, text->str, text->len, &error))
    g_printerr ("bench-bank-import: %s\n", error->message);
  return path;
}

static double
time_import (const char *path,
             guint      *n_imported)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = bekal_question_bank_load_moodle_xml (path, &error);
  g_autofree char *topics = NULL;
  g_autofree char *quiz = NULL;
  double seconds;

  if (bank == NULL)
    {
      g_printerr ("bench-bank-import: %s\n", error->message);
      return -1;
    }
  topics = bekal_question_bank_write_topics (bank);
  quiz = bekal_question_bank_write_quiz (bank, "bank-quiz", BEKAL_QUIZ_PRACTICE, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  *n_imported = bekal_question_bank_get_n_questions (bank);
  return quiz ? seconds : -1;
}

/* What xmlReadFile() does, reading the file itself: Bekal installs libxml2's refusing entity
 * loader for its own parsing, and xmlReadFile() opens files through that loader */
static double
time_libxml2 (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *data = NULL;
  gsize length = 0;
  xmlDocPtr doc;
  double seconds;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return -1;
  doc = xmlReadMemory (data, (int) length, path, NULL, XML_PARSE_NONET);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  if (doc == NULL)
    return -1;
  xmlFreeDoc (doc);
  return seconds;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time a Moodle XML import");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double best_import = G_MAXDOUBLE, best_libxml = G_MAXDOUBLE;
  guint n_imported = 0;
  GStatBuf info;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-bank-import: %s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("bekal-bench-bank-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-bank-import: %s\n", error->message);
      return 2;
    }
  path = write_bank (dir);
  g_stat (path, &info);

  for (int run = 0; run < n_runs; run++)
    {
      double import = time_import (path, &n_imported);
      double parse = time_libxml2 (path);

      if (import < 0 || parse < 0)
        {
          g_printerr ("bench-bank-import: the bank could not be read\n");
          return 2;
        }
      best_import = MIN (best_import, import);
      best_libxml = MIN (best_libxml, parse);
    }

  g_unlink (path);
  g_rmdir (dir);

  g_print ("Moodle XML bank: %d questions, %.1f MB; %u imported\n", n_questions,
           info.st_size / 1e6, n_imported);
  g_print ("import (load, convert, write the quiz): %8.1f ms (best of %d)\n",
           best_import * 1000, n_runs);
  g_print ("libxml2 read + xmlReadMemory (parse):   %8.1f ms (best of %d)\n",
           best_libxml * 1000, n_runs);
  g_print ("ratio import / libxml2 parse: %.2f\n", best_import / best_libxml);
  g_print ("target: import under %.1f s: %s\n", TARGET_SECONDS,
           best_import < TARGET_SECONDS ? "met" : "NOT MET");

  return best_import < TARGET_SECONDS ? 0 : 1;
}
