/* bekal-author-bank.c: the "import" and "export" commands of bekal-author (question banks in
 * Moodle XML and GIFT)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-paths.h>
#include <bekal/bekal-question-bank.h>

#include "bekal-author-bank.h"

enum
{
  EXIT_OK      = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE   = 2,
};

#define DEFAULT_QUIZ_ID "bank-quiz"

/* Helpers */

static void
print_skipped (const char *file,
               GPtrArray  *skipped)
{
  for (guint i = 0; i < skipped->len; i++)
    {
      const BekalBankSkipped *entry = g_ptr_array_index (skipped, i);
      g_autofree char *where = entry->line > 0 ? g_strdup_printf ("%s:%u: ", file, entry->line)
                                               : g_strdup ("");

      if (entry->kind[0] != '\0')
        g_printerr ("  %s“%s” (%s): %s\n", where, entry->name, entry->kind, entry->reason);
      else
        g_printerr ("  %s“%s”: %s\n", where, entry->name, entry->reason);
    }
}

static void
print_notes (GPtrArray *notes)
{
  if (notes->len == 0)
    return;

  g_printerr ("%s\n", _("Changed on the way:"));
  for (guint i = 0; i < notes->len; i++)
    {
      const BekalBankNote *note = g_ptr_array_index (notes, i);

      if (note->question)
        g_printerr ("  “%s”: %s\n", note->question, note->message);
      else
        g_printerr ("  %s\n", note->message);
    }
}

static gboolean
write_output (const char  *output,
              const char  *text,
              GError     **error)
{
  if (output == NULL || g_str_equal (output, "-"))
    {
      g_print ("%s", text);
      return TRUE;
    }
  return g_file_set_contents (output, text, -1, error);
}

/* An XML comment may not hold "--" */
static char *
comment_safe (const char *text)
{
  g_autoptr(GString) safe = g_string_new (text);

  while (strstr (safe->str, "--") != NULL)
    g_string_replace (safe, "--", "- -", 0);
  return g_string_free (g_steal_pointer (&safe), FALSE);
}

static BekalModule *
load_module (const char  *path,
             const char  *language,
             const char * const *media_dirs)
{
  g_auto(GStrv) dirs = bekal_catalog_default_media_dirs (media_dirs);
  g_autoptr(BekalLoader) loader = bekal_loader_new ((const char * const *) dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalModule *module = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GHashTable) variants = bekal_loader_load_folder (loader, path, diagnostics,
                                                                 &error);

      if (variants != NULL)
        {
          const char *wanted = language ? language : "id";

          module = g_hash_table_lookup (variants, wanted);
          if (module == NULL && language == NULL && g_hash_table_size (variants) > 0)
            {
              g_autofree const char **keys =
                (const char **) g_hash_table_get_keys_as_array (variants, NULL);

              qsort (keys, g_hash_table_size (variants), sizeof (char *), bekal_compare_strings);
              module = g_hash_table_lookup (variants, keys[0]);
            }
          if (module)
            g_object_ref (module);
          else if (error == NULL && !bekal_diagnostics_has_errors (diagnostics))
            g_printerr (_("bekal-author export: %s has no module in the language “%s”.\n"), path,
                        wanted);
        }
    }
  else
    module = bekal_loader_load_file (loader, path, diagnostics, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (bekal_diagnostic_get_severity (diagnostic) != BEKAL_SEVERITY_ERROR)
        continue;
      line = bekal_diagnostic_to_string (diagnostic);
      g_printerr ("%s\n", line);
    }
  if (module == NULL && error != NULL)
    g_printerr ("bekal-author export: %s\n", error->message);
  if (module == NULL && bekal_diagnostics_has_errors (diagnostics))
    g_printerr (_("bekal-author export: fix the errors above first (bekal-author validate "
                  "lists them all).\n"));

  return module;
}

/* Commands */

int
bekal_author_run_import (int    argc,
                         char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *quiz_id = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the quiz to FILE instead of the standard output"), N_("FILE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      N_("The quiz's role: practice (the default) or pretest"), N_("ROLE") },
    { "quiz-id", 0, 0, G_OPTION_ARG_STRING, &quiz_id,
      N_("The id of the quiz (default: bank-quiz)"), N_("ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("moodle|gift FILE — turn a question bank into a Bekal quiz"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuestionBank) bank = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *quiz = NULL;
  g_autofree char *base = NULL;
  g_autofree char *safe_base = NULL;
  g_autoptr(GString) text = NULL;
  BekalQuizRole role = BEKAL_QUIZ_PRACTICE;
  GPtrArray *skipped;
  const char *format, *path;
  guint n_questions;

  g_option_context_set_summary (context,
                                _("Reads a Moodle XML or GIFT question file and prints a Bekal "
                                  "<quiz> with the questions Bekal can hold, and the <topics> "
                                  "they use, to paste into a module. Questions that cannot be "
                                  "imported are listed with the reason.\n"
                                  "Exit status: 0 imported, 1 nothing imported, 2 usage or "
                                  "file errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author import: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (args == NULL || g_strv_length (args) != 2
      || !(g_str_equal (args[0], "moodle") || g_str_equal (args[0], "gift")))
    {
      g_printerr (_("bekal-author import: name the format and one file, for example: "
                    "bekal-author import moodle questions.xml\n"));
      return EXIT_USAGE;
    }
  format = args[0];
  path = args[1];

  if (role_name != NULL)
    {
      if (g_str_equal (role_name, "practice"))
        role = BEKAL_QUIZ_PRACTICE;
      else if (g_str_equal (role_name, "pretest"))
        role = BEKAL_QUIZ_PRETEST;
      else
        {
          g_printerr (_("bekal-author import: --role is practice or pretest, not “%s”.\n"),
                      role_name);
          return EXIT_USAGE;
        }
    }

  bank = g_str_equal (format, "moodle") ? bekal_question_bank_load_moodle_xml (path, &error)
                                        : bekal_question_bank_load_gift (path, &error);
  if (bank == NULL)
    {
      g_printerr ("bekal-author import: %s\n", error->message);
      return g_error_matches (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_IO)
             ? EXIT_USAGE : EXIT_INVALID;
    }

  skipped = bekal_question_bank_get_skipped (bank);
  n_questions = bekal_question_bank_get_n_questions (bank);

  if (n_questions == 0)
    {
      g_printerr (_("bekal-author import: no question of %s could be imported.\n"), path);
      print_skipped (path, skipped);
      return EXIT_INVALID;
    }

  if (quiz_id != NULL)
    quiz = bekal_question_bank_write_quiz (bank, quiz_id, role, &error);
  else
    for (guint n = 1; quiz == NULL; n++)
      {
        g_autofree char *candidate = n == 1 ? g_strdup (DEFAULT_QUIZ_ID)
                                            : g_strdup_printf (DEFAULT_QUIZ_ID "-%u", n);

        g_clear_error (&error);
        quiz = bekal_question_bank_write_quiz (bank, candidate, role, &error);
      }
  if (quiz == NULL)
    {
      g_printerr ("bekal-author import: %s\n", error->message);
      return EXIT_USAGE;
    }
  topics = bekal_question_bank_write_topics (bank);

  base = g_path_get_basename (path);
  safe_base = comment_safe (base);
  text = g_string_new (NULL);
  g_string_append_printf (text,
                          "<!-- %u questions imported by bekal-author from %s.\n"
                          "     1. Add these topics to the <topics> of the module, leaving out "
                          "any it already has. -->\n", n_questions, safe_base);
  g_string_append (text, topics);
  g_string_append (text,
                   "<!-- 2. Paste the quiz into the module: a pretest before the first "
                   "<lesson>, a practice quiz\n"
                   "     inside a lesson after its text. Then run bekal-author validate. -->\n");
  g_string_append (text, quiz);

  if (!write_output (output, text->str, &error))
    {
      g_printerr ("bekal-author import: %s\n", error->message);
      return EXIT_USAGE;
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u question from %s.\n",
                           "Imported %u questions from %s.\n", n_questions), n_questions, path);
  if (skipped->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u question could not be imported:\n",
                               "%u questions could not be imported:\n", skipped->len),
                  skipped->len);
      print_skipped (path, skipped);
    }
  print_notes (bekal_question_bank_get_notes (bank));

  return EXIT_OK;
}

int
bekal_author_run_export (int    argc,
                         char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *language = NULL;
  g_auto(GStrv) media_dirs = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Export the module.LANG.xml of a folder (default: id)"), N_("LANG") },
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &media_dirs,
      N_("Also look for media:NAME files in DIR"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("moodle|gift MODULE — write a module's questions for Moodle"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(BekalQuestionBank) bank = NULL;
  g_autoptr(GPtrArray) not_written = NULL;
  g_autofree char *text = NULL;
  GPtrArray *skipped;
  guint n_written;

  g_option_context_set_summary (context,
                                _("Writes the questions of every quiz of a module as a Moodle "
                                  "XML or GIFT file, one category per topic. Questions the "
                                  "format cannot hold are listed with the reason.\n"
                                  "Exit status: 0 written, 1 module with errors or without "
                                  "questions, 2 usage or file errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author export: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (args == NULL || g_strv_length (args) != 2
      || !(g_str_equal (args[0], "moodle") || g_str_equal (args[0], "gift")))
    {
      g_printerr (_("bekal-author export: name the format and one module, for example: "
                    "bekal-author export moodle modules/my-module\n"));
      return EXIT_USAGE;
    }

  if (!g_file_test (args[1], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("bekal-author export: %s: no such file or folder\n"), args[1]);
      return EXIT_USAGE;
    }

  module = load_module (args[1], language, (const char * const *) media_dirs);
  if (module == NULL)
    return EXIT_INVALID;

  bank = bekal_question_bank_new_from_module (module);
  text = g_str_equal (args[0], "moodle") ? bekal_question_bank_write_moodle_xml (bank,
                                                                                 &not_written)
                                         : bekal_question_bank_write_gift (bank, &not_written);
  skipped = bekal_question_bank_get_skipped (bank);
  n_written = bekal_question_bank_get_n_questions (bank) - not_written->len;

  if (n_written == 0)
    {
      g_printerr (_("bekal-author export: %s has no question that %s can hold.\n"), args[1],
                  g_str_equal (args[0], "moodle") ? "Moodle XML" : "GIFT");
      print_skipped (args[1], skipped);
      print_skipped (args[1], not_written);
      return EXIT_INVALID;
    }

  if (!write_output (output, text, &error))
    {
      g_printerr ("bekal-author export: %s\n", error->message);
      return EXIT_USAGE;
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u question.\n",
                           "Exported %u questions.\n", n_written), n_written);
  if (skipped->len + not_written->len > 0)
    {
      guint n = skipped->len + not_written->len;

      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u question was not exported:\n",
                               "%u questions were not exported:\n", n), n);
      print_skipped (args[1], skipped);
      print_skipped (args[1], not_written);
    }
  print_notes (bekal_question_bank_get_notes (bank));

  return EXIT_OK;
}
