/* test-author.c: the bekal-author command-line tool, run as trainers run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "test-util.h"

typedef struct
{
  int   status; /* exit status, or -1 when killed */
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

static const char *
author_path (void)
{
  const char *path = g_getenv ("BEKAL_AUTHOR");

  return path ? path : BEKAL_BUILD_ROOT "/src/author/bekal-author";
}

/* Runs bekal-author with the arguments (NULL-terminated) in the C.UTF-8 locale */
static void
run_author (Run        *run,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) author_path ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* untranslated messages, and UTF-8 output that is not converted */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  command = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("running %s", command);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit status %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

static gboolean
has_line (const char *text,
          const char *pattern)
{
  return g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0);
}

static char *
fixture_path (const char *relative_path)
{
  return g_build_filename (test_fixtures_dir (), relative_path, NULL);
}

/* Tests */

static void
test_valid_module (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *folder = fixture_path ("valid/minimal");

  run_author (&run, "validate", folder, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "^1 module checked: 0 errors, 0 warnings\\.$"));
  g_assert_false (has_line (run.out, ": (error|warning): "));
}

static void
test_invalid_module (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *path = fixture_path ("invalid/duplicate-id.xml");
  g_autofree char *escaped = g_regex_escape_string (path, -1);
  g_autofree char *expected = g_strdup_printf ("^%s:17:11: error: .*pelajaran-1", escaped);

  run_author (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* FILE:LINE:COL: error: message, as compilers write it */
  g_assert_true (has_line (run.out, "^.+:[0-9]+:[0-9]+: error: .+$"));
  g_assert_true (has_line (run.out, expected));
  g_assert_true (has_line (run.out, "^1 module checked: 1 error, 0 warnings\\.$"));
}

static void
test_warnings_only (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *path = fixture_path ("invalid/no-explanation.xml");

  run_author (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "^.+:18:7: warning: .*q1"));
  g_assert_true (has_line (run.out, "^1 module checked: 0 errors, 1 warning\\.$"));
}

static void
test_translation_folder (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *folder = fixture_path ("invalid/translation-order");

  g_autofree char *escaped = g_regex_escape_string (folder, -1);
  g_autofree char *pattern = NULL;

  run_author (&run, "validate", folder, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* the file under the folder as given, with the line and column of the element (issue 15) */
  pattern = g_strdup_printf ("^%s/module\\.en\\.xml:18:7: error: ", escaped);
  g_assert_true (has_line (run.out, pattern));
}

static void
test_several_paths (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *valid = fixture_path ("valid/minimal");
  g_autofree char *invalid = fixture_path ("invalid/unknown-topic.xml");

  /* one invalid module makes the whole run fail */
  run_author (&run, "validate", valid, invalid, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (has_line (run.out, "^2 modules checked: 1 error, 0 warnings\\.$"));
}

static void
test_usage_errors (void)
{
  g_autofree char *missing = fixture_path ("tidak-ada/module.id.xml");
  g_autofree char *valid = fixture_path ("valid/minimal");

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "validate", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, missing));
  }

  {
    /* a missing path wins over valid ones: the run could not check everything */
    g_auto(Run) run = { 0, };

    run_author (&run, "validate", valid, missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0, };

    run_author (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "validate"));
    g_assert_cmpstr (run.out, ==, "");
  }

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "validate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "validate", "--no-such-option", valid, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "frobnicate"));
  }

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    /* asked for, the help is the output, on stdout */
    g_assert_nonnull (strstr (run.out, "Commands:"));
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    /* a command's help names the command, and its arguments once */
    g_auto(Run) run = { 0, };

    run_author (&run, "validate", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "bekal-author validate [OPTION…] PATH… — "));
    g_assert_null (strstr (run.out, "PATH… PATH…"));
    g_assert_nonnull (strstr (run.out, "--no-media-probe"));
  }

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "import", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "bekal-author import [OPTION…] moodle|gift FILE — "));
    g_assert_null (strstr (run.out, "FILE moodle"));
  }

  /* every command and sub-command: its help on stdout, its usage line naming it whole
   * (issue 15) */
  {
    static const char * const commands[][2] = {
      { "new", NULL }, { "validate", NULL }, { "stats", NULL }, { "lint", NULL },
      { "report", NULL }, { "report", "gap" }, { "report", "items" }, { "certificate", NULL },
      { "results", NULL }, { "results", "export" }, { "results", "import" },
      { "results", "push" }, { "subtitles", NULL }, { "store", NULL }, { "store", "check" },
      { "store", "repair" }, { "trainer", NULL }, { "trainer", "reset" }, { "pack", NULL },
      { "verify", NULL }, { "install", NULL }, { "import", NULL }, { "export", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_auto(Run) run = { 0, };
        g_autofree char *name = commands[i][1]
                                ? g_strdup_printf ("bekal-author %s %s ", commands[i][0],
                                                   commands[i][1])
                                : g_strdup_printf ("bekal-author %s ", commands[i][0]);

        if (commands[i][1] != NULL)
          run_author (&run, commands[i][0], commands[i][1], "--help", NULL);
        else
          run_author (&run, commands[i][0], "--help", NULL);
        g_test_message ("%s--help", name);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_cmpstr (run.err, ==, "");
        g_assert_nonnull (strstr (run.out, name));
      }
  }
}

/* bekal-author new: a module that validates and passes lint as it is; never over a folder */
static void
test_new (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "pendampingan-keluarga", NULL);
  g_autofree char *english = g_build_filename (folder, "module.en.xml", NULL);
  g_autofree char *text = NULL;

  {
    g_auto(Run) run = { 0, };

    run_author (&run, "new", "--dir", dir, "pendampingan-keluarga", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "validate"));
  }
  g_assert_true (g_file_get_contents (english, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "id=\"pendampingan-keluarga\""));
  /* one example of every question type */
  for (guint i = 0; i < 6; i++)
    {
      const char *types[] = { "single", "multiple", "truefalse", "order", "match", "scale" };
      g_autofree char *needle = g_strdup_printf ("type=\"%s\"", types[i]);

      g_assert_nonnull (strstr (text, needle));
    }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "validate", folder, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "0 errors, 0 warnings"));
  }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "lint", folder, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "0 findings"));
  }
  /* a finding names the file as given, with the line and column of its element */
  {
    g_auto(Run) run = { 0, };
    g_autofree char *indonesian = g_build_filename (folder, "module.id.xml", NULL);
    g_autofree char *source = NULL;
    g_autoptr(GString) changed = NULL;
    g_autofree char *expected = NULL;
    g_auto(GStrv) lines = NULL;
    guint line = 0;

    g_assert_true (g_file_get_contents (indonesian, &source, NULL, NULL));
    lines = g_strsplit (source, "\n", -1);
    for (guint i = 0; lines[i] != NULL && line == 0; i++)
      if (strstr (lines[i], "<quiz id=\"latihan\" role=\"practice\" shuffle=\"true\">") != NULL)
        line = i + 1;
    g_assert_cmpuint (line, >, 0);
    changed = g_string_new (source);
    g_assert_cmpuint (g_string_replace (changed, " role=\"practice\" shuffle=\"true\"",
                                        " role=\"practice\"", 1), ==, 1);
    g_assert_true (g_file_set_contents (indonesian, changed->str, -1, NULL));
    /* the translation keeps the same attributes */
    {
      g_autofree char *translation = NULL;
      g_autoptr(GString) changed_translation = NULL;

      g_assert_true (g_file_get_contents (english, &translation, NULL, NULL));
      changed_translation = g_string_new (translation);
      g_assert_cmpuint (g_string_replace (changed_translation,
                                          " role=\"practice\" shuffle=\"true\"",
                                          " role=\"practice\"", 1), ==, 1);
      g_assert_true (g_file_set_contents (english, changed_translation->str, -1, NULL));
    }
    expected = g_strdup_printf ("%s:%u:%d: warning [practice-no-shuffle]: ", indonesian, line,
                                (int) (strstr (lines[line - 1], "<quiz") - lines[line - 1]) + 1);
    run_author (&run, "lint", folder, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, expected));
  }
  {
    g_auto(Run) run = { 0, };

    g_autofree char *expected = g_strdup_printf ("bekal-author new: “%s” exists already; "
                                                 "nothing was written. Choose a new folder, or "
                                                 "delete that one first.\n", folder);

    run_author (&run, "new", "--dir", dir, "pendampingan-keluarga", NULL);
    g_assert_cmpint (run.status, ==, 2);
    /* the exact message, which says what to do (issue 15) */
    g_assert_cmpstr (run.err, ==, expected);
  }
  {
    g_auto(Run) run = { 0, };

    run_author (&run, "new", "--dir", dir, "Modul Baru", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "bekal-author new: “Modul Baru” cannot be a module id: write "
                                  "lower-case letters, digits and “-”, starting with a letter, "
                                  "for example “pendampingan-keluarga”.\n");
  }
  test_remove_tree (dir);
}

static JsonObject *
parse_json (const char  *text,
            JsonParser **parser_out)
{
  JsonParser *parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  *parser_out = parser;
  return json_node_get_object (root);
}

static void
test_json (void)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) valid_run = { 0, };
  g_autofree char *path = fixture_path ("invalid/duplicate-id.xml");
  g_autofree char *warning_path = fixture_path ("invalid/no-explanation.xml");
  g_autofree char *valid = fixture_path ("valid/minimal");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) valid_parser = NULL;
  JsonObject *result;
  JsonArray *diagnostics;
  guint n_errors = 0, n_warnings = 0;
  gboolean found = FALSE;

  run_author (&run, "validate", "--json", path, warning_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  result = parse_json (run.out, &parser);

  g_assert_cmpint (json_object_get_int_member (result, "modules"), ==, 2);
  diagnostics = json_object_get_array_member (result, "diagnostics");
  g_assert_nonnull (diagnostics);
  g_assert_cmpuint (json_array_get_length (diagnostics), >=, 2);

  for (guint i = 0; i < json_array_get_length (diagnostics); i++)
    {
      JsonObject *d = json_array_get_object_element (diagnostics, i);
      const char *severity = json_object_get_string_member (d, "severity");

      g_assert_true (json_object_has_member (d, "file"));
      g_assert_true (json_object_has_member (d, "line"));
      g_assert_true (json_object_has_member (d, "column"));
      g_assert_true (json_object_has_member (d, "message"));
      g_assert_cmpstr (json_object_get_string_member (d, "message"), !=, "");
      g_assert_true (g_str_equal (severity, "error") || g_str_equal (severity, "warning"));
      if (g_str_equal (severity, "error"))
        n_errors++;
      else
        n_warnings++;

      if (g_str_equal (json_object_get_string_member (d, "file"), path)
          && strstr (json_object_get_string_member (d, "message"), "pelajaran-1"))
        {
          found = TRUE;
          g_assert_cmpstr (severity, ==, "error");
          g_assert_cmpint (json_object_get_int_member (d, "line"), ==, 17);
          g_assert_cmpint (json_object_get_int_member (d, "column"), ==, 11);
        }
    }
  g_assert_true (found);
  g_assert_cmpint (json_object_get_int_member (result, "errors"), ==, n_errors);
  g_assert_cmpint (json_object_get_int_member (result, "warnings"), ==, n_warnings);
  g_assert_cmpuint (n_errors, ==, 1);
  g_assert_cmpuint (n_warnings, ==, 1);

  /* nothing but JSON on standard output */
  g_assert_false (has_line (run.out, "modules? checked"));

  run_author (&valid_run, "validate", "--json", valid, NULL);
  g_assert_cmpint (valid_run.status, ==, 0);
  result = parse_json (valid_run.out, &valid_parser);
  g_assert_cmpint (json_object_get_int_member (result, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "warnings"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "diagnostics")),
                    ==, 0);
}

static void
test_stats (void)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) invalid_run = { 0, };
  g_autofree char *example = test_source_path ("examples/contoh-semua-elemen/module.id.xml");
  g_autofree char *invalid = fixture_path ("invalid/unknown-topic.xml");

  run_author (&run, "stats", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "\\(contoh-semua-elemen, "));
  g_assert_true (has_line (run.out, "^\\s+Lessons: 2$"));
  g_assert_true (has_line (run.out, "^\\s+Words: [1-9][0-9]*$"));
  g_assert_true (has_line (run.out, "^\\s+Estimated reading time: [1-9][0-9]* min$"));
  g_assert_true (has_line (run.out, "^\\s+Media items: 1 video, 1 audio$"));
  g_assert_true (has_line (run.out, "^\\s+Questions per topic"));
  /* one line per topic: pretest / practice / posttest */
  g_assert_true (has_line (run.out, "^\\s+5r\\s+[1-9][0-9]* /\\s+[0-9]+ /\\s+[0-9]+\\s+"
                                    "Pendekatan 5R$"));
  g_assert_true (has_line (run.out, "^\\s+peran\\s+[0-9]+ /\\s+[0-9]+ /\\s+[0-9]+\\s+"));
  g_assert_true (has_line (run.out, "“postes”.*“pretes”"));

  /* a post-test that shares the pre-test's pool counts the pool's questions (issue 15), and
   * the module file is named as given */
  {
    g_auto(Run) pooled = { 0, };
    g_autofree char *path = fixture_path ("invalid/translation-feedback/module.id.xml");
    g_autofree char *escaped = g_regex_escape_string (path, -1);
    g_autofree char *title = g_strdup_printf ("^Modul minimal \\(minimal, %s\\)$", escaped);

    run_author (&pooled, "stats", path, NULL);
    g_assert_cmpint (pooled.status, ==, 0);
    g_assert_true (has_line (pooled.out, title));
    g_assert_true (has_line (pooled.out, "^  Quiz “postes” \\(posttest\\) draws 1 question from "
                                         "“pretes”$"));
    g_assert_true (has_line (pooled.out, "^\\s+dasar\\s+2 /\\s+1 /\\s+2\\s+Dasar$"));
  }

  /* no statistics for a module with errors */
  run_author (&invalid_run, "stats", invalid, NULL);
  g_assert_cmpint (invalid_run.status, ==, 1);
  g_assert_false (has_line (invalid_run.out, "Lessons:"));
}

/* Also the check that every module shipped with Bekal is valid */
static void
test_shipped_modules (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *modules = test_source_path ("modules");
  g_autofree char *examples = test_source_path ("examples");

  run_author (&run, "validate", modules, examples, NULL);
  if (run.status != 0)
    g_printerr ("Shipped modules with problems:\n%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (has_line (run.out, "^[0-9]+ modules checked: 0 errors, [0-9]+ warnings?\\.$"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/author/validate/valid", test_valid_module);
  g_test_add_func ("/author/validate/invalid", test_invalid_module);
  g_test_add_func ("/author/validate/warnings-only", test_warnings_only);
  g_test_add_func ("/author/validate/translation-folder", test_translation_folder);
  g_test_add_func ("/author/validate/several-paths", test_several_paths);
  g_test_add_func ("/author/validate/usage-errors", test_usage_errors);
  g_test_add_func ("/author/validate/json", test_json);
  g_test_add_func ("/author/stats", test_stats);
  g_test_add_func ("/author/new", test_new);
  g_test_add_func ("/author/shipped-modules", test_shipped_modules);

  return g_test_run ();
}
