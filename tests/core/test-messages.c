/* test-messages.c: the exact place and wording of the loader's messages (issue 15)
 *
 * Each case loads a small module file or folder of tests/fixtures, named relative to that
 * folder as an author would name it, and compares every message with the one expected, word
 * for word: the file as given, the line and column of the element the message is about, one
 * message for each mistake, in line order, saying what to write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>

#include "test-util.h"

typedef struct
{
  const char *path;         /* under tests/fixtures: a module file, or a folder of them */
  const char *expected[4];  /* every message, in order, ending with NULL */
} MessageCase;

static const MessageCase message_cases[] = {
  /* a missing time is one message, not one more for an empty time */
  { "messages/chapter-without-at.xml",
    {
      "messages/chapter-without-at.xml:32:7: error: <chapter> needs the attribute “at”; see the "
      "format reference.",
      NULL,
    } },
  /* a closing tag with another name: the name to write, at the closing tag */
  { "messages/closing-tag-misspelled.xml",
    {
      "messages/closing-tag-misspelled.xml:23:41: error: <p> is closed with </pp>: write </p>.",
      NULL,
    } },
  /* an <explanation> before the answers is reported at itself, not at an option */
  { "messages/explanation-first.xml",
    {
      "messages/explanation-first.xml:38:9: error: <explanation> is not allowed at this place: "
      "it comes last in a <question>, after the answers.",
      NULL,
    } },
  /* a missing file is named with the module file as given, no full path */
  { "messages/missing-relative-file.xml",
    {
      "messages/missing-relative-file.xml:25:13: error: There is no file “gambar/tidak-ada.png” "
      "in the folder of messages/missing-relative-file.xml: copy it there, or correct the name.",
      NULL,
    } },
  /* a misspelled attribute: the one it likely meant */
  { "messages/misspelled-attribute.xml",
    {
      "messages/misspelled-attribute.xml:35:5: error: <quiz> has no attribute “shufle”. Did you "
      "mean “shuffle”?",
      NULL,
    } },
  /* a misspelled correct: one message, not a second about the question's right option */
  { "messages/misspelled-correct-attribute.xml",
    {
      "messages/misspelled-correct-attribute.xml:38:9: error: <option> has no attribute "
      "“corect”. Did you mean “correct”?",
      NULL,
    } },
  /* a misspelled element: one message, with the element it likely meant */
  { "messages/misspelled-element.xml",
    {
      "messages/misspelled-element.xml:24:5: error: <nota> is not an element of the module "
      "format. Did you mean <note>?",
      NULL,
    } },
  /* a misspelled right option: no second message about the question's correct options */
  { "messages/misspelled-correct-option.xml",
    {
      "messages/misspelled-correct-option.xml:38:9: error: <optoin> is not an element of the "
      "module format. Did you mean <option>?",
      NULL,
    } },
  /* a misspelled lesson quiz: no message on the correct checkpoint that asks its question */
  { "messages/misspelled-lesson-quiz.xml",
    {
      "messages/misspelled-lesson-quiz.xml:35:5: error: <quis> is not an element of the module "
      "format. Did you mean <quiz>?",
      NULL,
    } },
  /* two mistakes: two messages, in the order of the lines (the schema's first, before) */
  { "messages/two-mistakes.xml",
    {
      "messages/two-mistakes.xml:36:7: error: Question “q1” names the topic “dasr”, which is "
      "not listed in <topics>. Did you mean “dasar”?",
      "messages/two-mistakes.xml:44:3: error: <quiz> has no attribute “pas”. Did you mean "
      "“pass”?",
      NULL,
    } },
  /* a misspelled reference: the id it likely meant */
  { "messages/misspelled-checkpoint-question.xml",
    {
      "messages/misspelled-checkpoint-question.xml:33:7: error: A checkpoint of “klip” asks the "
      "question “ql”, which does not exist in this module. Did you mean “q1”?",
      NULL,
    } },
  /* two letters swapped count as one slip */
  { "messages/transposed-letters.xml",
    {
      "messages/transposed-letters.xml:24:5: error: <ntoe> is not an element of the module "
      "format. Did you mean <note>?",
      NULL,
    } },
  /* a misspelled element in a question: not a hint about answers */
  { "messages/misspelled-question-child.xml",
    {
      "messages/misspelled-question-child.xml:37:9: error: <promt> is not an element of the "
      "module format. Did you mean <prompt>?",
      NULL,
    } },
  /* a misspelled required attribute: named at itself, with the one meant */
  { "messages/misspelled-required-attribute.xml",
    {
      "messages/misspelled-required-attribute.xml:33:29: error: <checkpoint> has no attribute "
      "“questoin”. Did you mean “question”?",
      NULL,
    } },
  /* a time with a dot (at="0.30") is refused with the form to write */
  { "messages/time-dot-seconds.xml",
    {
      "messages/time-dot-seconds.xml:33:19: error: at=\"0.30\" has a dot, which Bekal does not "
      "read as minutes. To mean 0 min 30 s, write at=\"0:30\"; for seconds alone write a whole "
      "number.",
      NULL,
    } },
  /* a block of another kind: both named by kind and first words */
  { "messages/translation-block-kind",
    {
      "messages/translation-block-kind/module.en.xml:23:5: error: The translation has the "
      "heading “A social worker” here, where the original module.id.xml has the paragraph "
      "“Seorang peksos mendampingi klien.” (line 23): a translation keeps the blocks of the "
      "original, in the same order.",
      NULL,
    } },
  /* an extra block named by its kind and first words, at itself */
  { "messages/translation-extra-note",
    {
      "messages/translation-extra-note/module.en.xml:25:5: error: The translation has the note "
      "“Take care.” here, which the original module.id.xml does not have: remove it, or add it "
      "to the original too.",
      NULL,
    } },
  /* an option's <feedback> deleted in the translation */
  { "messages/translation-feedback-deleted",
    {
      "messages/translation-feedback-deleted/module.en.xml:39:9: error: The translation has no "
      "<feedback> in <option id=\"b\"> of <question id=\"q1\">, which the original module.id.xml "
      "has on line 39: translate it too.",
      NULL,
    } },
  /* an id edited in the original: one message, not an extra and a missing lesson */
  { "messages/translation-lesson-id-in-original",
    {
      "messages/translation-lesson-id-in-original/module.en.xml:21:3: error: The translation has "
      "<lesson id=\"pelajaran-1\"> where the original module.id.xml has <lesson "
      "id=\"pelajaran-satu\"> (line 21). Ids are the same in every language: write "
      "id=\"pelajaran-satu\".",
      NULL,
    } },
  /* a missing option where it belongs, after its neighbour */
  { "messages/translation-missing-option",
    {
      "messages/translation-missing-option/module.en.xml:39:9: error: The translation lacks "
      "<option id=\"c\"> of <question id=\"q1\">, which the original module.id.xml has on line "
      "40: translate it and add it after <option id=\"b\"> of <question id=\"q1\">.",
      NULL,
    } },
  /* a missing block by its kind, first words and line in the original, where it belongs */
  { "messages/translation-missing-paragraph",
    {
      "messages/translation-missing-paragraph/module.en.xml:23:5: error: The translation lacks "
      "the paragraph “Seorang peksos mendampingi klien.”, which the original module.id.xml has "
      "on line 23: translate it and add it before the note “Catat.”.",
      NULL,
    } },
  /* an extra trainer note at the end of a lesson */
  { "messages/translation-extra-trainer-note",
    {
      "messages/translation-extra-trainer-note/module.en.xml:43:5: error: The translation has the "
      "trainer note “Ask the room.” here, which the original module.id.xml does not have: remove "
      "it, or add it to the original too.",
      NULL,
    } },
  /* a checked attribute edited in the original: one message */
  { "messages/translation-pass-in-original",
    {
      "messages/translation-pass-in-original/module.en.xml:44:3: error: The translation changes "
      "“pass” of <quiz id=\"postes\"> from “75” to “70”. Only the text differs between "
      "languages: write pass=\"75\" as in the original module.id.xml.",
      NULL,
    } },
  /* a time the original writes with a dot: one message, none about its translation */
  { "messages/translation-time-in-original",
    {
      "messages/translation-time-in-original/module.id.xml:33:19: error: at=\"0.05\" has a dot, "
      "which Bekal does not read as minutes. To mean 0 min 05 s, write at=\"0:05\"; for seconds "
      "alone write a whole number.",
      NULL,
    } },
  /* a post-test with its own questions instead of a pool: one message, no pool="" */
  { "messages/translation-pool-left-out",
    {
      "messages/translation-pool-left-out/module.en.xml:45:5: error: The translation has "
      "<question id=\"p1\">, which the original module.id.xml does not have: remove it, or add "
      "it to the original too.",
      NULL,
    } },
  /* a changed question type: one message, not one for each option */
  { "messages/translation-question-type",
    {
      "messages/translation-question-type/module.en.xml:36:7: error: The translation changes "
      "“type” of <question id=\"q1\"> from “single” to “multiple”. Only the text differs between "
      "languages: write type=\"single\" as in the original module.id.xml.",
      NULL,
    } },
  /* a changed truefalse answer: no internal <option id="true"> */
  { "messages/translation-truefalse-answer",
    {
      "messages/translation-truefalse-answer/module.en.xml:16:5: error: The translation changes "
      "“answer” of <question id=\"t2\"> from “false” to “true”. Only the text differs between "
      "languages: write answer=\"false\" as in the original module.id.xml.",
      NULL,
    } },
  /* an element left open: at its start tag, with the closing tag to write */
  { "messages/unclosed-element.xml",
    {
      "messages/unclosed-element.xml:23:5: error: <p> is not closed: write </p> where it ends, "
      "before </lesson> on line 43.",
      NULL,
    } },
  /* an unknown attribute: the attributes the element takes */
  { "messages/unknown-attribute.xml",
    {
      "messages/unknown-attribute.xml:24:5: error: <note> has no attribute “color”: it takes "
      "kind.",
      NULL,
    } },
  /* a wrong value of an optional attribute names it and the values allowed */
  { "messages/value-boolean.xml",
    {
      "messages/value-boolean.xml:35:5: error: shuffle=\"ya\" is not allowed on <quiz>: write "
      "one of true, false.",
      NULL,
    } },
  /* a wrong role of a lesson quiz: one message, with a place */
  { "messages/value-lesson-quiz-role.xml",
    {
      "messages/value-lesson-quiz-role.xml:35:5: error: role=\"latihan\" is not allowed on "
      "<quiz>: write one of pretest, practice, posttest.",
      NULL,
    } },
  /* a wrong list kind names the attribute and the values allowed */
  { "messages/value-list-kind.xml",
    {
      "messages/value-list-kind.xml:25:5: error: kind=\"numbered\" is not allowed on <list>: "
      "write one of bullet, number.",
      NULL,
    } },
  /* note kind="warning" names the attribute and the values allowed */
  { "messages/value-note-kind.xml",
    {
      "messages/value-note-kind.xml:24:5: error: kind=\"warning\" is not allowed on <note>: "
      "write one of tip, important, care.",
      NULL,
    } },
  /* a wrong question type lists all six types */
  { "messages/value-question-type.xml",
    {
      "messages/value-question-type.xml:36:7: error: type=\"singel\" is not allowed on "
      "<question>: write one of single, multiple, truefalse, order, match, scale.",
      NULL,
    } },
  /* a chapter's at changed, at the chapter */
  { "invalid/translation-chapter-at",
    {
      "invalid/translation-chapter-at/module.en.xml:32:7: error: The translation changes “at” of "
      "<chapter> 1 of <video id=\"klip\"> from “0:02” to “0:03”. Only the text differs between "
      "languages: write at=\"0:02\" as in the original module.id.xml.",
      NULL,
    } },
  /* a checkpoint's at changed, at the checkpoint */
  { "invalid/translation-checkpoint-at",
    {
      "invalid/translation-checkpoint-at/module.en.xml:27:7: error: The translation changes “at” "
      "of <checkpoint question=\"q1\"> from “0:05” to “0:07”. Only the text differs between "
      "languages: write at=\"0:05\" as in the original module.id.xml.",
      NULL,
    } },
  /* the right answer moved: one message, at the option marked */
  { "invalid/translation-correct-option",
    {
      "invalid/translation-correct-option/module.en.xml:21:9: error: The translation marks “b” "
      "as correct in <question id=\"q1\">, where the original module.id.xml marks “a”: write "
      "correct=\"true\" on the same options as the original.",
      NULL,
    } },
  /* an extra question: one message, not one more for each option */
  { "invalid/translation-extra-question",
    {
      "invalid/translation-extra-question/module.en.xml:24:7: error: The translation has "
      "<question id=\"q2\">, which the original module.id.xml does not have: remove it, or add "
      "it to the original too.",
      NULL,
    } },
  /* an option's <feedback> missing */
  { "invalid/translation-feedback",
    {
      "invalid/translation-feedback/module.en.xml:39:9: error: The translation has no <feedback> "
      "in <option id=\"b\"> of <question id=\"q1\">, which the original module.id.xml has on "
      "line 39: translate it too.",
      NULL,
    } },
  /* two forms swapped: two messages in line order */
  { "invalid/translation-form",
    {
      "invalid/translation-form/module.en.xml:12:5: error: The translation changes “form” of "
      "<question id=\"t1\"> from “a” to “b”. Only the text differs between languages: write "
      "form=\"a\" as in the original module.id.xml.",
      "invalid/translation-form/module.en.xml:16:5: error: The translation changes “form” of "
      "<question id=\"t2\"> from “b” to “a”. Only the text differs between languages: write "
      "form=\"b\" as in the original module.id.xml.",
      NULL,
    } },
  /* a list kind changed */
  { "invalid/translation-list-kind",
    {
      "invalid/translation-list-kind/module.en.xml:25:5: error: The translation changes “kind” "
      "of <list> 3 of <lesson id=\"pelajaran-1\"> from “number” to “bullet”. Only the text "
      "differs between languages: write kind=\"number\" as in the original module.id.xml.",
      NULL,
    } },
  /* a missing lesson where it belongs, not at line 1 */
  { "invalid/translation-missing-lesson",
    {
      "invalid/translation-missing-lesson/module.en.xml:14:3: error: The translation lacks "
      "<lesson id=\"pelajaran-2\">, which the original module.id.xml has on line 26: translate "
      "it and add it after <lesson id=\"pelajaran-1\">.",
      NULL,
    } },
  /* note kinds swapped */
  { "invalid/translation-note-kind",
    {
      "invalid/translation-note-kind/module.en.xml:24:5: error: The translation changes “kind” "
      "of <note> 2 of <lesson id=\"pelajaran-1\"> from “tip” to “care”. Only the text differs "
      "between languages: write kind=\"tip\" as in the original module.id.xml.",
      NULL,
    } },
  /* questions in another order */
  { "invalid/translation-order",
    {
      "invalid/translation-order/module.en.xml:18:7: error: The translation has <question "
      "id=\"q2\"> here, where the original module.id.xml has <question id=\"q1\"> (line 18): "
      "keep the elements in the order of the original.",
      NULL,
    } },
  /* a quiz pass changed */
  { "invalid/translation-pass",
    {
      "invalid/translation-pass/module.en.xml:38:3: error: The translation changes “pass” of "
      "<quiz id=\"postes\"> from “70” to “80”. Only the text differs between languages: write "
      "pass=\"70\" as in the original module.id.xml.",
      NULL,
    } },
  /* a scale range changed */
  { "invalid/translation-scale-range",
    {
      "invalid/translation-scale-range/module.en.xml:36:7: error: The translation changes “max” "
      "of <question id=\"s1\"> from “5” to “7”. Only the text differs between languages: write "
      "max=\"5\" as in the original module.id.xml.",
      NULL,
    } },
  /* a subtitle src changed, at the subtitles */
  { "invalid/translation-subtitle-src",
    {
      "invalid/translation-subtitle-src/module.en.xml:31:7: error: The translation changes “src” "
      "of <subtitles> 1 of <video id=\"klip\"> from “media:sampel-01-orientasi.id.vtt” to "
      "“media:sampel-02-ekstremisme.id.vtt”. Only the text differs between languages: write "
      "src=\"media:sampel-01-orientasi.id.vtt\" as in the original module.id.xml.",
      NULL,
    } },
  /* a missing trainer note by its first words */
  { "invalid/translation-trainer-note",
    {
      "invalid/translation-trainer-note/module.en.xml:24:5: error: The translation lacks the "
      "trainer note “Tanyakan pengalaman peserta.”, which the original module.id.xml has on line "
      "24: translate it and add it before <video id=\"klip\">.",
      NULL,
    } },
  /* a video src changed */
  { "invalid/translation-video-src",
    {
      "invalid/translation-video-src/module.en.xml:24:5: error: The translation changes “src” of "
      "<video id=\"klip\"> from “media:sampel-01-orientasi.webm” to "
      "“media:sampel-02-ekstremisme.webm”. Only the text differs between languages: write "
      "src=\"media:sampel-01-orientasi.webm\" as in the original module.id.xml.",
      NULL,
    } },
  /* at="1.05" refused with the form 1:05 */
  { "invalid/time-with-dot.xml",
    {
      "invalid/time-with-dot.xml:21:19: error: at=\"1.05\" has a dot, which Bekal does not read "
      "as minutes. To mean 1 min 05 s, write at=\"1:05\"; for seconds alone write a whole number.",
      NULL,
    } },
  /* at="0.3" refused with the forms to write */
  { "invalid/time-with-dot-fraction.xml",
    {
      "invalid/time-with-dot-fraction.xml:21:19: error: at=\"0.3\" has a dot. Write seconds as a "
      "whole number (75) or minutes and seconds (1:15); a fraction of a second goes after them "
      "(1:15.5).",
      NULL,
    } },
  /* a missing file, the module file as given */
  { "invalid/relative-missing.xml",
    {
      "invalid/relative-missing.xml:17:13: error: There is no file “gambar/tidak-ada.png” in the "
      "folder of invalid/relative-missing.xml: copy it there, or correct the name.",
      NULL,
    } },
  /* the allowed values of a required attribute */
  { "invalid/attribute-value-note.xml",
    {
      "invalid/attribute-value-note.xml:24:5: error: kind=\"warning\" is not allowed on <note>: "
      "write one of tip, important, care.",
      NULL,
    } },
  /* an unknown element, no guess when none is close */
  { "invalid/unknown-element.xml",
    {
      "invalid/unknown-element.xml:17:5: error: <paragraph> is not an element of the module "
      "format. Check its spelling in the format reference.",
      NULL,
    } },
};

static void
test_message (gconstpointer data)
{
  const MessageCase *message_case = data;
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autofree char *cwd = g_get_current_dir ();
  guint n_expected = 0;

  /* relative, as a trainer types it in the fixtures folder */
  g_assert_cmpint (g_chdir (test_fixtures_dir ()), ==, 0);
  if (g_file_test (message_case->path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GHashTable) variants = NULL;
      g_autoptr(GError) error = NULL;

      variants = bekal_loader_load_folder (loader, message_case->path, diagnostics, &error);
      g_assert_no_error (error);
      g_assert_nonnull (variants);
    }
  else
    {
      g_autoptr(BekalModule) module = NULL;

      module = bekal_loader_load_file (loader, message_case->path, diagnostics, NULL);
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  while (message_case->expected[n_expected] != NULL)
    n_expected++;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_test_message ("%s", text);
      g_assert_cmpuint (i, <, n_expected);
      g_assert_cmpstr (text, ==, message_case->expected[i]);
    }
  g_assert_cmpuint (diagnostics->len, ==, n_expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (message_cases); i++)
    {
      g_autofree char *name = g_path_get_basename (message_cases[i].path);
      g_autofree char *dir = g_path_get_dirname (message_cases[i].path);
      g_autofree char *test_path = g_strdup_printf ("/messages/%s/%s", dir, name);

      g_test_add_data_func (test_path, &message_cases[i], test_message);
    }

  return g_test_run ();
}
