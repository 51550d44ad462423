/* bekal-author.c: the command-line tool for trainers who write modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-lint.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-image-check.h>
#include <bekal/bekal-media-probe.h>
#include <bekal/bekal-module-template.h>
#include <bekal/bekal-paths.h>

#include "bekal-author-package.h"
#include "bekal-author-bank.h"
#include "bekal-author-report.h"
#include "bekal-author-results.h"
#include "bekal-author-subtitles.h"
#include "bekal-author-store.h"
#include "bekal-author-trainer.h"


enum
{
  EXIT_VALID   = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE   = 2,
};

typedef struct
{
  char          *path;   /* a module folder or a single module file */
  gboolean       is_folder;
} Target;

static void
target_free (Target *target)
{
  g_free (target->path);
  g_free (target);
}

/* Helpers */

static void
add_target (GPtrArray  *targets,
            const char *path,
            gboolean    is_folder)
{
  Target *target = g_new0 (Target, 1);

  target->path = g_strdup (path);
  target->is_folder = is_folder;
  g_ptr_array_add (targets, target);
}

/* A path is a module file, a module folder, or a folder of module folders */
static gboolean
collect_targets (const char  *path,
                 GPtrArray   *targets,
                 GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint before = targets->len;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      add_target (targets, path, FALSE);
      return TRUE;
    }

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("%s: no such file or folder"), path);
      return FALSE;
    }

  if (bekal_loader_folder_has_module_file (path))
    {
      add_target (targets, path, TRUE);
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, bekal_compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);

      if (g_file_test (child, G_FILE_TEST_IS_DIR)
          && bekal_loader_folder_has_module_file (child))
        add_target (targets, child, TRUE);
    }

  if (targets->len == before)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("%s holds no module (a folder with module.LANG.xml files)"), path);
      return FALSE;
    }

  return TRUE;
}

/* The media folders: those given, those Bekal searches, and a media/ folder beside a
 * modules/ folder that holds the checked modules */
static char **
media_dirs_for (GPtrArray           *targets,
                const char * const  *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) defaults = NULL;
  g_auto(GStrv) result = NULL;

  for (guint i = 0; extra && extra[i]; i++)
    g_strv_builder_add (builder, extra[i]);

  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);
      g_autofree char *absolute = g_canonicalize_filename (target->path, NULL);
      g_autofree char *folder = target->is_folder ? g_strdup (absolute)
                                                  : g_path_get_dirname (absolute);
      g_autofree char *parent = g_path_get_dirname (folder);
      g_autofree char *parent_name = g_path_get_basename (parent);
      g_autofree char *top = g_path_get_dirname (parent);
      g_autofree char *sibling = g_build_filename (top, "media", NULL);

      if (g_str_equal (parent_name, "modules") && g_file_test (sibling, G_FILE_TEST_IS_DIR))
        g_strv_builder_add (builder, sibling);
    }

  result = g_strv_builder_end (builder);
  defaults = bekal_catalog_default_media_dirs ((const char * const *) result);

  return g_steal_pointer (&defaults);
}

/* The targets every path names, and a loader that finds their media; a path that cannot be
 * read is reported and sets @io_failed */
static BekalLoader *
load_targets (char       **paths,
              char       **media_dirs,
              GPtrArray   *targets,
              gboolean    *io_failed)
{
  g_auto(GStrv) all_media_dirs = NULL;

  for (guint i = 0; paths[i]; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!collect_targets (paths[i], targets, &local_error))
        {
          g_printerr ("bekal-author: %s\n", local_error->message);
          *io_failed = TRUE;
        }
    }

  all_media_dirs = media_dirs_for (targets, (const char * const *) media_dirs);
  return bekal_loader_new ((const char * const *) all_media_dirs);
}

static GPtrArray *
load_target (BekalLoader  *loader,
             Target       *target,
             GPtrArray    *diagnostics,
             GError      **error)
{
  GPtrArray *modules = g_ptr_array_new_with_free_func (g_object_unref);

  if (target->is_folder)
    {
      g_autoptr(GHashTable) variants = bekal_loader_load_folder (loader, target->path,
                                                                 diagnostics, error);
      g_autofree gpointer *keys = NULL;
      guint n = 0;

      if (variants == NULL)
        {
          g_ptr_array_unref (modules);
          return NULL;
        }

      keys = g_hash_table_get_keys_as_array (variants, &n);
      qsort (keys, n, sizeof (gpointer), bekal_compare_strings);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (modules, g_object_ref (g_hash_table_lookup (variants, keys[i])));
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      BekalModule *module = bekal_loader_load_file (loader, target->path, diagnostics,
                                                    &local_error);

      if (module)
        g_ptr_array_add (modules, module);
      else if (g_error_matches (local_error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_ptr_array_unref (modules);
          return NULL;
        }
    }

  return modules;
}

static void
print_json_diagnostics (GPtrArray *diagnostics,
                        guint      n_modules)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "modules");
  json_builder_add_int_value (builder, n_modules);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, bekal_diagnostics_count (diagnostics,
                                                                BEKAL_SEVERITY_ERROR));
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, bekal_diagnostics_count (diagnostics,
                                                                BEKAL_SEVERITY_WARNING));
  json_builder_set_member_name (builder, "diagnostics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, bekal_diagnostic_get_file (d));
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, bekal_diagnostic_get_line (d));
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, bekal_diagnostic_get_column (d));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder,
                                     bekal_severity_to_string (bekal_diagnostic_get_severity (d)));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, bekal_diagnostic_get_message (d));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Commands */

static int
run_validate (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  gboolean no_media_probe = FALSE;
  g_auto(GStrv) media_dirs = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &media_dirs,
      N_("Also look for media:NAME files in DIR"), N_("DIR") },
    { "no-media-probe", 0, 0, G_OPTION_ARG_NONE, &no_media_probe,
      N_("Do not open media files to check that they play (faster)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH… — check module files"));
  g_autoptr(BekalMediaProbe) probe = NULL;
  g_autoptr(GHashTable) checked_subtitles = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                   g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(BekalLoader) loader = NULL;
  guint n_modules = 0;
  guint n_errors, n_warnings;
  gboolean io_failed = FALSE;

  g_option_context_set_summary (context,
                                _("Checks module files and folders and reports every problem "
                                  "as FILE:LINE:COLUMN: error|warning: message.\n"
                                  "Exit status: 0 valid, 1 invalid, 2 usage or file errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author validate: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("bekal-author validate: name at least one module file or folder, for "
                    "example: bekal-author validate modules/\n"));
      return EXIT_USAGE;
    }

  loader = load_targets (paths, media_dirs, targets, &io_failed);
  if (!no_media_probe)
    probe = bekal_media_probe_new ();

  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) modules = load_target (loader, g_ptr_array_index (targets, i),
                                                  diagnostics, &local_error);

      n_modules++;
      /* each translation is checked: its chapters and checkpoints are its own */
      for (guint j = 0; probe && modules && j < modules->len; j++)
        bekal_media_probe_check_module (probe, g_ptr_array_index (modules, j), diagnostics);
      /* figures and posters are checked from their headers, which is quick: always */
      for (guint j = 0; !probe && modules && j < modules->len; j++)
        bekal_image_check_module (g_ptr_array_index (modules, j), diagnostics);
      for (guint j = 0; modules && j < modules->len; j++)
        bekal_author_check_subtitles (g_ptr_array_index (modules, j), probe, checked_subtitles,
                                      diagnostics);
      if (modules == NULL && local_error)
        {
          g_printerr ("bekal-author: %s\n", local_error->message);
          io_failed = TRUE;
        }
    }

  n_errors = bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR);
  n_warnings = bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_WARNING);

  if (json)
    print_json_diagnostics (diagnostics, n_modules);
  else
    {
      g_autofree char *errors_text = NULL;
      g_autofree char *warnings_text = NULL;

      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
          g_print ("%s\n", line);
        }

      errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                  n_errors), n_errors);
      warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                    "%u warnings", n_warnings), n_warnings);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u module checked: %s, %s.\n",
                            "%u modules checked: %s, %s.\n", n_modules),
               n_modules, errors_text, warnings_text);
    }

  if (io_failed)
    return EXIT_USAGE;

  return n_errors > 0 ? EXIT_INVALID : EXIT_VALID;
}

typedef struct
{
  guint by_role[3];
} TopicCounts;

static void
print_stats (BekalModule *module)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n_video = 0, n_audio = 0, n_reading_minutes = 0;
  guint n_lessons = bekal_module_get_n_lessons (module);

  for (guint i = 0; i < n_lessons; i++)
    n_reading_minutes += bekal_lesson_get_reading_minutes (bekal_module_get_lesson (module, i));

  for (guint i = 0; i < bekal_module_get_n_media (module); i++)
    {
      if (bekal_media_is_video (bekal_module_get_media (module, i)))
        n_video++;
      else
        n_audio++;
    }

  g_print ("%s (%s, %s)\n", bekal_module_get_title (module), bekal_module_get_id (module),
           bekal_module_get_display_path (module));
  g_print (_("  Lessons: %u\n"), n_lessons);
  g_print (_("  Words: %u\n"), bekal_module_count_words (module));
  g_print (_("  Estimated reading time: %u min\n"), n_reading_minutes);
  g_print (_("  Media items: %u video, %u audio\n"), n_video, n_audio);

  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);
      BekalQuizRole role = bekal_quiz_get_role (quiz);
      /* a quiz that draws from another one's pool asks that pool's questions */
      BekalQuiz *asked = bekal_quiz_get_pool (quiz) != NULL ? bekal_quiz_get_pool (quiz) : quiz;
      guint n_form_a = 0, n_form_b = 0;

      for (guint j = 0; j < bekal_quiz_get_n_questions (asked); j++)
        {
          BekalQuestion *question = bekal_quiz_get_question (asked, j);
          const char *topic = bekal_question_get_topic_id (question);
          TopicCounts *topic_counts = g_hash_table_lookup (counts, topic);

          if (topic_counts == NULL)
            {
              topic_counts = g_new0 (TopicCounts, 1);
              g_hash_table_insert (counts, (gpointer) topic, topic_counts);
            }
          topic_counts->by_role[role]++;
          if (asked == quiz && bekal_question_get_kind (question) != BEKAL_QUESTION_SCALE)
            {
              n_form_a += g_strcmp0 (bekal_question_get_form (question), "a") == 0;
              n_form_b += g_strcmp0 (bekal_question_get_form (question), "b") == 0;
            }
        }

      if (n_form_a + n_form_b > 0)
        g_print (_("  Quiz “%s” (%s) has parallel forms: %u scored questions in form A, %u in "
                   "form B\n"), bekal_quiz_get_id (quiz), bekal_quiz_role_to_string (role),
                 n_form_a, n_form_b);

      if (bekal_quiz_get_pool_id (quiz))
        {
          guint n = bekal_quiz_get_draw (quiz)
                    ? bekal_quiz_get_draw (quiz)
                    : bekal_quiz_get_n_questions (bekal_quiz_get_pool (quiz));

          g_print (g_dngettext (GETTEXT_PACKAGE, "  Quiz “%s” (%s) draws %u question from “%s”\n",
                                "  Quiz “%s” (%s) draws %u questions from “%s”\n", n),
                   bekal_quiz_get_id (quiz), bekal_quiz_role_to_string (role), n,
                   bekal_quiz_get_pool_id (quiz));
        }
    }

  g_print (_("  Questions per topic (pretest / practice / posttest):\n"));
  for (guint i = 0; i < bekal_module_get_n_topics (module); i++)
    {
      const BekalTopic *topic = bekal_module_get_topic (module, i);
      TopicCounts *topic_counts = g_hash_table_lookup (counts, topic->id);
      TopicCounts empty = { { 0, 0, 0 } };

      if (topic_counts == NULL)
        topic_counts = &empty;

      g_print ("    %-24s %3u / %3u / %3u   %s\n", topic->id, topic_counts->by_role[0],
               topic_counts->by_role[1], topic_counts->by_role[2], topic->name);
    }
}

static int
run_stats (int    argc,
           char **argv)
{
  g_auto(GStrv) media_dirs = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &media_dirs,
      N_("Also look for media:NAME files in DIR"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH… — count what modules hold"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_autoptr(BekalLoader) loader = NULL;
  gboolean io_failed = FALSE;
  int status = EXIT_VALID;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author stats: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("bekal-author stats: name at least one module file or folder\n"));
      return EXIT_USAGE;
    }

  loader = load_targets (paths, media_dirs, targets, &io_failed);
  if (io_failed)
    status = EXIT_USAGE;

  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
      g_autoptr(GPtrArray) modules = load_target (loader, g_ptr_array_index (targets, i),
                                                  diagnostics, &local_error);

      if (modules == NULL)
        {
          g_printerr ("bekal-author: %s\n", local_error->message);
          status = EXIT_USAGE;
          continue;
        }

      if (bekal_diagnostics_has_errors (diagnostics) || modules->len == 0)
        {
          g_printerr (_("bekal-author: %s has errors; run bekal-author validate %s\n"),
                      ((Target *) g_ptr_array_index (targets, i))->path,
                      ((Target *) g_ptr_array_index (targets, i))->path);
          if (status == EXIT_VALID)
            status = EXIT_INVALID;
          continue;
        }

      for (guint j = 0; j < modules->len; j++)
        print_stats (g_ptr_array_index (modules, j));
    }

  return status;
}

static int
run_new (int    argc,
         char **argv)
{
  g_autofree char *dir = NULL;
  g_auto(GStrv) ids = NULL;
  const GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      N_("Create the module folder inside DIR (default: the current folder)"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &ids, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("ID — create a new module folder to start from"));
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  g_option_context_set_summary (context,
                                _("Creates the folder ID with module.id.xml (the original, in "
                                  "Indonesian), module.en.xml (its translation) and a figure: "
                                  "one example of every block and question type, with comments "
                                  "that say what to change. It validates and passes lint as it "
                                  "is. Exit status: 0 created, 2 usage or the folder exists."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author new: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (ids == NULL || ids[0] == NULL || ids[1] != NULL)
    {
      g_printerr (_("bekal-author new: give the new module's id, for example: bekal-author new "
                    "pendampingan-keluarga\n"));
      return EXIT_USAGE;
    }

  folder = g_build_filename (dir != NULL ? dir : ".", ids[0], NULL);
  if (!bekal_module_template_write (folder, ids[0], &error))
    {
      g_printerr ("bekal-author new: %s\n", error->message);
      return EXIT_USAGE;
    }
  g_print (_("Created %s with module.id.xml and module.en.xml. Edit them, then run "
             "bekal-author validate %s\n"), folder, folder);
  return EXIT_VALID;
}

/* The original of a folder's languages: Indonesian when there is one, else the first */
static BekalModule *
original_of (GPtrArray *modules)
{
  for (guint i = 0; i < modules->len; i++)
    if (g_strcmp0 (bekal_module_get_language (g_ptr_array_index (modules, i)), "id") == 0)
      return g_ptr_array_index (modules, i);
  return modules->len > 0 ? g_ptr_array_index (modules, 0) : NULL;
}

static int
run_lint (int    argc,
          char **argv)
{
  g_auto(GStrv) media_dirs = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &media_dirs,
      N_("Also look for media:NAME files in DIR"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("PATH… — check how well the questions are written"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_autoptr(BekalLoader) loader = NULL;
  gboolean io_failed = FALSE;
  guint n_warnings = 0;
  int status = EXIT_VALID;

  g_option_context_set_summary (context,
                                _("Looks for patterns in the quizzes that let a learner guess "
                                  "without knowing, or that keep the pre- and post-test from "
                                  "measuring: the right option longest or always in the same "
                                  "place, the wrong option of multiple-answer questions always "
                                  "last, practice quizzes without shuffle, practice prompts "
                                  "that repeat the test's, self-ratings in a drawn pool, a pool "
                                  "too small for two draws, and options such as “all of the "
                                  "above”. A quiz turns a check off with lint-ignore=\"CHECK\" "
                                  "and lint-reason=\"WHY\".\n"
                                  "Exit status: 0 nothing found, 1 findings, 2 usage or file "
                                  "errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author lint: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("bekal-author lint: name at least one module file or folder\n"));
      return EXIT_USAGE;
    }

  loader = load_targets (paths, media_dirs, targets, &io_failed);
  if (io_failed)
    status = EXIT_USAGE;

  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
      g_autoptr(GPtrArray) modules = load_target (loader, target, diagnostics, &local_error);
      g_autoptr(GPtrArray) warnings = NULL;
      BekalModule *module;

      if (modules == NULL)
        {
          g_printerr ("bekal-author: %s\n", local_error->message);
          status = EXIT_USAGE;
          continue;
        }
      module = original_of (modules);
      if (bekal_diagnostics_has_errors (diagnostics) || module == NULL)
        {
          g_printerr (_("bekal-author: %s has errors; run bekal-author validate %s\n"),
                      target->path, target->path);
          status = EXIT_USAGE;
          continue;
        }

      warnings = bekal_lint_module (module);
      for (guint j = 0; j < warnings->len; j++)
        {
          BekalLintWarning *warning = g_ptr_array_index (warnings, j);

          g_autofree char *place = warning->column > 0
                                   ? g_strdup_printf ("%d:%d", warning->line, warning->column)
                                   : g_strdup_printf ("%d", warning->line);

          g_print ("%s:%s: %s [%s]: %s\n  %s\n", bekal_module_get_display_path (module), place,
                   _("warning"), warning->check, warning->message, warning->suggestion);
        }
      n_warnings += warnings->len;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u finding.\n", "%u findings.\n", n_warnings),
           n_warnings);
  if (status == EXIT_VALID && n_warnings > 0)
    status = EXIT_INVALID;
  return status;
}

/* On standard output when asked for (--help), on standard error after a mistake */
static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage: bekal-author COMMAND [OPTION…] PATH…\n"
                "\n"
                "Commands:\n"
                "  new        Create a new module folder to start from (new ID)\n"
                "  validate   Check module files and folders\n"
                "  stats      Count lessons, words, reading time, media and questions\n"
                "  lint       Check how well the questions are written\n"
                "  report     Reports from a learner store (report gap|items --data-dir DIR "
                "[--csv|--pdf FILE])\n"
                "  certificate A learner's certificate of completion as PDF\n"
                "  results    Move results between laptops and to an LRS (export, import, "
                "push)\n"
                "  subtitles  List the cues of subtitle files and check their quality\n"
                "  store      Check or repair a learner store (store check|repair --data-dir DIR)\n"
                "  trainer    Remove a forgotten trainer passphrase (trainer reset --data-dir "
                "DIR)\n"
                "  pack       Pack a module folder and its media into a .bekal file\n"
                "  verify     Check a .bekal package and list what it holds\n"
                "  install    Install a .bekal package (install FILE [--modules-dir DIR] "
                "[--data-dir DIR])\n"
                "  import     Turn a Moodle XML or GIFT question bank into a quiz\n"
                "  export     Write a module's questions as Moodle XML or GIFT\n"
                "\n"
                "Run “bekal-author COMMAND --help” for the options of a command.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = argv[1];
  /* let each command parse its own options, with the command as argv[0]; its usage line
   * names the command */
  argv[1] = argv[0];
  if (command[0] != '-')
    {
      g_autofree char *prgname = g_strdup_printf ("bekal-author %s", command);

      g_set_prgname (prgname);
    }

  if (g_str_equal (command, "validate"))
    return run_validate (argc - 1, argv + 1);
  if (g_str_equal (command, "stats"))
    return run_stats (argc - 1, argv + 1);
  if (g_str_equal (command, "new"))
    return run_new (argc - 1, argv + 1);
  if (g_str_equal (command, "lint"))
    return run_lint (argc - 1, argv + 1);
  if (g_str_equal (command, "report"))
    return bekal_author_run_report (argc - 1, argv + 1);
  if (g_str_equal (command, "certificate"))
    return bekal_author_run_certificate (argc - 1, argv + 1);
  if (g_str_equal (command, "subtitles"))
    return bekal_author_run_subtitles (argc - 1, argv + 1);
  if (g_str_equal (command, "store"))
    return bekal_author_run_store (argc - 1, argv + 1);
  if (g_str_equal (command, "trainer"))
    return bekal_author_run_trainer (argc - 1, argv + 1);
  if (g_str_equal (command, "pack"))
    return bekal_author_run_pack (argc - 1, argv + 1);
  if (g_str_equal (command, "verify"))
    return bekal_author_run_verify (argc - 1, argv + 1);
  if (g_str_equal (command, "install"))
    return bekal_author_run_install (argc - 1, argv + 1);
  if (g_str_equal (command, "import"))
    return bekal_author_run_import (argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return bekal_author_run_export (argc - 1, argv + 1);
  if (g_str_equal (command, "results"))
    return bekal_author_run_results (argc - 1, argv + 1);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h")
      || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return EXIT_VALID;
    }

  g_printerr (_("bekal-author: unknown command “%s”\n"), command);
  print_usage (stderr);
  return EXIT_USAGE;
}
