/* bekal-author-results.c: moving results between laptops and to an LRS; the item analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-xapi.h>

#include "bekal-author-results.h"
#include "bekal-paper.h"

enum
{
  RESULTS_EXIT_OK     = 0,
  RESULTS_EXIT_FAILED = 1,
  RESULTS_EXIT_USAGE  = 2,
};

/* Opening a store creates one when there is none; reading one must not */
static gboolean
parse_options (GOptionContext  *context,
               const char      *command,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("bekal-author %s: %s\n", command, error->message);
      return FALSE;
    }

  return TRUE;
}

static char *
format_value (double value,
              int    decimals)
{
  if (isnan (value))
    return g_strdup ("—");

  return g_strdup_printf ("%.*f", decimals, value);
}

static void
print_items (GPtrArray *tests)
{
  if (tests->len == 0)
    g_print ("%s\n", _("No finished pre-test or post-test yet: nothing to analyse."));

  for (guint t = 0; t < tests->len; t++)
    {
      const BekalTestStats *test = g_ptr_array_index (tests, t);
      g_autofree char *mean = format_value (test->mean, 2);
      g_autofree char *sd = format_value (test->sd, 2);
      g_autofree char *alpha = format_value (test->alpha, 2);
      g_autofree char *sem = format_value (test->sem, 2);

      g_print (_("%s / %s: %u learners, %u questions; total score mean %s, SD %s; "
                 "Cronbach's alpha %s; standard error %s\n"),
               test->module_id, test->quiz_id, test->n_attempts, test->n_items, mean, sd,
               alpha, sem);
      g_print ("  %-24s %5s %8s %6s %8s %8s  %s\n", _("Question"), "n", _("Facility"), "SD",
               _("Discr."), _("Effic."), _("Options chosen"));
      for (guint i = 0; i < test->items->len; i++)
        {
          const BekalItemStats *item = g_ptr_array_index (test->items, i);
          g_autofree char *facility = format_value (item->facility, 2);
          g_autofree char *item_sd = format_value (item->sd, 2);
          g_autofree char *discrimination = format_value (item->discrimination, 2);
          g_autofree char *efficiency = format_value (item->efficiency, 2);
          g_autoptr(GString) options = g_string_new (NULL);

          for (guint o = 0; o < item->options->len; o++)
            {
              const BekalItemOption *option = g_ptr_array_index (item->options, o);

              g_string_append_printf (options, "%s%s %.0f%%", o > 0 ? ", " : "",
                                      *option->option_id != '\0' ? option->option_id : "—",
                                      option->fraction * 100);
            }
          g_print ("  %-24s %5u %8s %6s %8s %8s  %s\n", item->question_id, item->n, facility,
                   item_sd, discrimination, efficiency, options->str);
          for (guint flag = BEKAL_ITEM_FLAG_TOO_HARD; flag <= BEKAL_ITEM_FLAG_LOW_DISCRIMINATION;
               flag <<= 1)
            if (item->flags & flag)
              g_print ("    ! %s\n", bekal_item_flag_hint ((BekalItemFlag) flag));
        }
      g_print ("\n");
    }

  g_print ("%s\n",
           _("Facility: share of the points learners got (0–1). Discr.: correlation with the "
             "rest of the test (−1–1; under 0.2 is weak). Effic.: discrimination as a share of "
             "the most this question could have. Counted: each learner's first pre-test and "
             "latest post-test. — : cannot be computed (no variation or too few learners)."));
}

int
bekal_author_run_report_items (int    argc,
                               char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *module_id = NULL;
  g_autofree char *pdf = NULL;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { "module", 0, 0, G_OPTION_ARG_STRING, &module_id, N_("Only this module"), N_("ID") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("Print CSV (RFC 4180, UTF-8) instead of a table"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the item analysis as a PDF file (A4) instead of a table"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— how each question of the "
                                                               "tests behaves"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) tests = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "report items", &argc, &argv))
    return RESULTS_EXIT_USAGE;
  if (data_dir == NULL || argc > 1)
    {
      g_printerr (_("bekal-author report items: give the data folder, for example: "
                    "bekal-author report items --data-dir ~/.local/share/bekal\n"));
      return RESULTS_EXIT_USAGE;
    }

  store = bekal_store_open_existing (data_dir, &error);
  if (store != NULL)
    tests = bekal_item_analysis_run (store, module_id, &error);
  if (tests == NULL)
    {
      g_printerr ("bekal-author report items: %s\n", error->message);
      return RESULTS_EXIT_USAGE;
    }

  if (pdf != NULL)
    {
      if (!bekal_paper_write_item_analysis (tests, data_dir, pdf, &error))
        {
          g_printerr ("bekal-author report items: %s\n", error->message);
          return RESULTS_EXIT_USAGE;
        }
      g_print (_("Wrote %s\n"), pdf);
    }
  else if (csv)
    {
      g_autofree char *text = bekal_item_analysis_to_csv (tests);

      fwrite (text, 1, strlen (text), stdout);
      fflush (stdout);
    }
  else
    print_items (tests);

  return RESULTS_EXIT_OK;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *output = NULL;
  gboolean with_names = FALSE;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The results file to write"),
      N_("FILE") },
    { "with-names", 0, 0, G_OPTION_ARG_NONE, &with_names,
      N_("Include the learners' names, units and job titles (default: a code per learner)"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write the learners' results "
                                                               "as xAPI statements"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  guint64 count = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "results export", &argc, &argv))
    return RESULTS_EXIT_USAGE;
  if (data_dir == NULL || output == NULL || argc > 1)
    {
      g_printerr (_("bekal-author results export: give the data folder and the file, for "
                    "example: bekal-author results export --data-dir DIR -o hasil.jsonl\n"));
      return RESULTS_EXIT_USAGE;
    }

  store = bekal_store_open_existing (data_dir, &error);
  if (store == NULL
      || !bekal_xapi_export (store, output, with_names ? BEKAL_XAPI_FLAGS_WITH_NAMES
                                                       : BEKAL_XAPI_FLAGS_NONE, &count, &error))
    {
      g_printerr ("bekal-author results export: %s\n", error->message);
      return RESULTS_EXIT_FAILED;
    }

  g_print (_("%llu statements written to %s%s\n"), (unsigned long long) count, output,
           with_names ? _(" (with names)") : "");
  return RESULTS_EXIT_OK;
}

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *data_dir = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — merge a results file "
                                                               "into the data folder"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  BekalXapiImportSummary summary = { 0 };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "results import", &argc, &argv))
    return RESULTS_EXIT_USAGE;
  if (data_dir == NULL || argc != 2)
    {
      g_printerr (_("bekal-author results import: give one file and the data folder, for "
                    "example: bekal-author results import hasil.jsonl --data-dir DIR\n"));
      return RESULTS_EXIT_USAGE;
    }

  /* importing into a new folder is allowed: it gathers the laptops' results */
  store = bekal_store_open (data_dir, &error);
  if (store == NULL || !bekal_xapi_import (store, argv[1], &summary, &error))
    {
      g_printerr ("bekal-author results import: %s\n", error->message);
      return RESULTS_EXIT_FAILED;
    }

  g_print (_("%llu statements read: %llu new learners, %llu quiz attempts, %llu answers, %llu "
             "completed lessons added; %llu were here already.\n"),
           (unsigned long long) summary.n_statements, (unsigned long long) summary.n_profiles,
           (unsigned long long) summary.n_attempts, (unsigned long long) summary.n_answers,
           (unsigned long long) summary.n_lessons,
           (unsigned long long) summary.n_already_present);
  return RESULTS_EXIT_OK;
}

static int
run_push (int    argc,
          char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *lrs = NULL;
  g_autofree char *user = NULL;
  g_autofree char *key_file = NULL;
  int batch = 0, timeout = 0;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (default: Bekal's own)"), N_("DIR") },
    { "lrs", 0, 0, G_OPTION_ARG_STRING, &lrs,
      N_("The LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The LRS client's key (user)"), N_("U") },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("A file holding the LRS client's secret on its first line"), N_("FILE") },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, N_("Statements per request (default 100)"),
      N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds one request may take (default 30)"), N_("S") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— send the results to an xAPI "
                                                               "Learning Record Store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autofree char *secret = NULL;
  BekalXapiPushOptions options = { 0 };
  BekalXapiPushSummary summary = { 0 };
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "results push", &argc, &argv))
    return RESULTS_EXIT_USAGE;
  if (lrs == NULL || user == NULL || key_file == NULL || argc > 1 || batch < 0 || timeout < 0)
    {
      g_printerr (_("bekal-author results push: give the LRS, the user and the key file, for "
                    "example: bekal-author results push --lrs https://lrs.example.org/xAPI "
                    "--user KEY --key-file secret.txt\n"));
      return RESULTS_EXIT_USAGE;
    }

  /* the secret stays out of the command line, where other users could read it */
  if (!g_file_get_contents (key_file, &secret, NULL, &error))
    {
      g_printerr ("bekal-author results push: %s\n", error->message);
      return RESULTS_EXIT_USAGE;
    }
  secret[strcspn (secret, "\r\n")] = '\0';

  store = data_dir != NULL ? bekal_store_open_existing (data_dir, &error)
                           : bekal_store_open (NULL, &error);
  if (store == NULL)
    {
      g_printerr ("bekal-author results push: %s\n", error->message);
      return RESULTS_EXIT_FAILED;
    }

  options.batch_size = (guint) batch;
  options.timeout_seconds = (guint) timeout;
  ok = bekal_xapi_push (store, lrs, user, secret, &options, &summary, NULL, &error);
  g_print (_("%llu statements sent, %llu sent before, %u requests tried again\n"),
           (unsigned long long) summary.n_sent, (unsigned long long) summary.n_already_sent,
           summary.n_retries);
  if (!ok)
    {
      g_printerr ("bekal-author results push: %s\n", error->message);
      return RESULTS_EXIT_FAILED;
    }

  return RESULTS_EXIT_OK;
}

static void
print_results_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: bekal-author results COMMAND [OPTION…]\n"
                      "\n"
                      "Commands:\n"
                      "  export  Write the learners' results as an xAPI file (-o FILE)\n"
                      "  import  Merge a results file from another laptop (FILE)\n"
                      "  push    Send the results to an xAPI Learning Record Store\n"
                      "\n"
                      "Run “bekal-author results COMMAND --help” for the options.\n"));
}

int
bekal_author_run_results (int    argc,
                          char **argv)
{
  const char *command;

  if (argc < 2)
    {
      print_results_usage (stderr);
      return RESULTS_EXIT_USAGE;
    }

  command = argv[1];
  argv[1] = argv[0];
  if (command[0] != '-')
    {
      /* the usage line of --help names the whole command */
      g_autofree char *prgname = g_strdup_printf ("bekal-author results %s", command);

      g_set_prgname (prgname);
    }

  if (g_str_equal (command, "export"))
    return run_export (argc - 1, argv + 1);
  if (g_str_equal (command, "import"))
    return run_import (argc - 1, argv + 1);
  if (g_str_equal (command, "push"))
    return run_push (argc - 1, argv + 1);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      print_results_usage (stdout);
      return RESULTS_EXIT_OK;
    }

  g_printerr (_("bekal-author results: unknown command “%s”\n"), command);
  print_results_usage (stderr);
  return RESULTS_EXIT_USAGE;
}
