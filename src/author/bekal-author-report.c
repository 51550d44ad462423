/* bekal-author-report.c: the "report" command of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

#include "bekal-author-report.h"
#include "bekal-paper.h"
#include "bekal-author-results.h"

enum
{
  REPORT_EXIT_OK    = 0,
  REPORT_EXIT_USAGE = 2,
};

/* A table of text cells, printed with every column as wide as its widest cell */
typedef struct
{
  GPtrArray *rows;        /* GStrv */
  guint      n_columns;
} Table;

static void
table_add_row (Table              *table,
               const char * const *cells)
{
  g_ptr_array_add (table->rows, g_strdupv ((char **) cells));
}

/* Numbers are aligned right, text left */
static void
table_print (Table          *table,
             const gboolean *numeric)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < table->n_columns; c++)
        {
          guint padding = widths[c] - (guint) g_utf8_strlen (cells[c], -1);

          if (c > 0)
            g_string_append (line, "  ");
          if (numeric[c] && r > 0)
            {
              for (guint i = 0; i < padding; i++)
                g_string_append_c (line, ' ');
              g_string_append (line, cells[c]);
            }
          else
            {
              g_string_append (line, cells[c]);
              if (c + 1 < table->n_columns)
                for (guint i = 0; i < padding; i++)
                  g_string_append_c (line, ' ');
            }
        }

      g_print ("%s\n", line->str);
    }
}

/* "—" stands for a value that does not exist (no learner, or a gain with a pre-test of 100) */
static char *
format_mean (double value,
             guint  n)
{
  if (isnan (value))
    return g_strdup_printf ("— (%u)", n);

  return g_strdup_printf ("%.1f (%u)", value, n);
}

/* @with_sign: a difference, shown with its sign */
static char *
format_number (double   value,
               int      decimals,
               gboolean with_sign)
{
  if (isnan (value))
    return g_strdup ("—");

  return g_strdup_printf (with_sign ? "%+.*f" : "%.*f", decimals, value);
}

static void
print_gap_table (GPtrArray *rows)
{
  const gboolean numeric[] = { FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
                               TRUE, TRUE };
  const char *header[] = {
    _("Module"), _("Topic"), _("Month"),
    _("Untrained pre (n)"), _("Untrained post (n)"), _("Gain"),
    _("Trained pre (n)"), _("Trained post (n)"), _("Gain"),
    _("Gap pre"), _("Gap post"),
    NULL
  };
  Table table = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                  G_N_ELEMENTS (header) - 1 };

  table_add_row (&table, header);

  for (guint i = 0; i < rows->len; i++)
    {
      const BekalGapRow *row = g_ptr_array_index (rows, i);
      g_auto(GStrv) cells = g_new0 (char *, G_N_ELEMENTS (header));

      cells[0] = g_strdup (row->module_id);
      cells[1] = g_strdup (*row->topic_id != '\0' ? row->topic_id : _("(all topics)"));
      cells[2] = g_strdup (*row->month != '\0' ? row->month : _("(all)"));
      cells[3] = format_mean (row->untrained.pre_mean, row->untrained.pre_n);
      cells[4] = format_mean (row->untrained.post_mean, row->untrained.post_n);
      cells[5] = format_number (row->untrained.gain, 2, FALSE);
      cells[6] = format_mean (row->trained.pre_mean, row->trained.pre_n);
      cells[7] = format_mean (row->trained.post_mean, row->trained.post_n);
      cells[8] = format_number (row->trained.gain, 2, FALSE);
      cells[9] = format_number (row->pre_gap, 1, TRUE);
      cells[10] = format_number (row->post_gap, 1, TRUE);
      table_add_row (&table, (const char * const *) cells);
    }

  table_print (&table, numeric);
  g_ptr_array_unref (table.rows);

  g_print ("\n%s\n",
           _("Scores in percent; (n) is the number of learners. Untrained: no previous training.\n"
             "Counted: each learner's first finished pre-test and latest finished post-test per "
             "module.\n"
             "Gain: (post − pre) / (100 − pre) of the means; — when it does not exist.\n"
             "Gap: trained minus untrained."));
}

/* The installed modules in the interface's language, to name modules and topics in the PDF:
 * the default module folders and @extra ones, read as the app reads them */
static GPtrArray *
dup_installed_modules (const char * const *extra)
{
  g_auto(GStrv) module_dirs = bekal_catalog_default_module_dirs (extra);
  g_auto(GStrv) media_dirs = bekal_catalog_default_media_dirs (NULL);
  g_autoptr(BekalCatalog) catalog = bekal_catalog_new ((const char * const *) module_dirs,
                                                       (const char * const *) media_dirs);

  bekal_catalog_load (catalog);
  return bekal_catalog_dup_modules (catalog, g_get_language_names ());
}

static int
run_gap (int    argc,
         char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *pdf = NULL;
  g_auto(GStrv) modules_dirs = NULL;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "modules-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &modules_dirs,
      N_("Also name modules and topics from the modules in DIR (PDF)"), N_("DIR") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("Print CSV (RFC 4180, UTF-8) instead of a table"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the report with its charts as an A4 PDF file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *db_path = NULL;

  context = g_option_context_new (_("— pre-test and post-test means of untrained and trained "
                                    "peksos"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author report gap: %s\n", error->message);
      return REPORT_EXIT_USAGE;
    }

  if (data_dir == NULL || argc > 1)
    {
      g_printerr (_("bekal-author report gap: give the data folder, for example: "
                    "bekal-author report gap --data-dir ~/.local/share/bekal\n"));
      return REPORT_EXIT_USAGE;
    }

  /* a mistyped folder would leave modules unnamed in the PDF without a word */
  for (guint i = 0; modules_dirs != NULL && modules_dirs[i] != NULL; i++)
    if (!g_file_test (modules_dirs[i], G_FILE_TEST_IS_DIR))
      {
        g_printerr (_("bekal-author report gap: the module folder “%s” does not exist or is not "
                      "a folder. Give the folder that holds the module folders, or leave out "
                      "--modules-dir.\n"), modules_dirs[i]);
        return REPORT_EXIT_USAGE;
      }

  /* Opening a store creates one when there is none; a report must not */
  db_path = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("bekal-author report gap: there is no database “%s”\n"), db_path);
      return REPORT_EXIT_USAGE;
    }

  store = bekal_store_open (data_dir, &error);
  if (store != NULL)
    rows = bekal_report_gap (store, &error);
  if (rows == NULL)
    {
      g_printerr ("bekal-author report gap: %s\n", error->message);
      return REPORT_EXIT_USAGE;
    }

  if (pdf != NULL)
    {
      g_autoptr(GPtrArray) tests = bekal_item_analysis_run (store, NULL, &error);
      g_autoptr(GPtrArray) modules = dup_installed_modules ((const char * const *) modules_dirs);

      /* the item analysis follows the charts and tables */
      if (tests == NULL
          || !bekal_paper_write_gap_report_with_modules (store, modules, data_dir, pdf,
                                                         bekal_paper_item_analysis_section, tests,
                                                         &error))
        {
          g_printerr ("bekal-author report gap: %s\n", error->message);
          return REPORT_EXIT_USAGE;
        }
      g_print (_("Wrote %s\n"), pdf);
    }
  else if (csv)
    {
      g_autofree char *text = bekal_report_gap_to_csv (rows);

      fwrite (text, 1, strlen (text), stdout);
      fflush (stdout);
    }
  else
    print_gap_table (rows);

  return REPORT_EXIT_OK;
}

int
bekal_author_run_certificate (int    argc,
                              char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *module_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *output = NULL;
  gint64 profile_id = 0;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { "profile", 0, 0, G_OPTION_ARG_INT64, &profile_id, N_("The learner's profile id"),
      N_("ID") },
    { "module", 0, 0, G_OPTION_ARG_STRING, &module_id, N_("The module id"), N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("The module's title as printed (the module id when not given)"), N_("TEXT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("The certificate's language: id (default) or en"), N_("LANG") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autofree char *db_path = NULL;

  context = g_option_context_new (_("— a certificate of completion for a learner who passed "
                                    "a module's post-test"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author certificate: %s\n", error->message);
      return REPORT_EXIT_USAGE;
    }

  if (data_dir == NULL || module_id == NULL || output == NULL || profile_id <= 0 || argc > 1
      || (lang != NULL && !g_str_equal (lang, "id") && !g_str_equal (lang, "en")))
    {
      g_printerr (_("bekal-author certificate: give the data folder, the profile, the module "
                    "and the file, for example: bekal-author certificate --data-dir DIR "
                    "--profile 3 --module kesehatan-jiwa --lang id -o sertifikat.pdf\n"));
      return REPORT_EXIT_USAGE;
    }

  db_path = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("bekal-author certificate: there is no database “%s”\n"), db_path);
      return REPORT_EXIT_USAGE;
    }

  store = bekal_store_open (data_dir, &error);
  if (store == NULL
      || !bekal_paper_write_certificate (store, profile_id, module_id,
                                         title != NULL ? title : module_id,
                                         lang != NULL ? lang : "id", output, &error))
    {
      g_printerr ("bekal-author certificate: %s\n", error->message);
      return REPORT_EXIT_USAGE;
    }

  g_print (_("Wrote %s\n"), output);
  return REPORT_EXIT_OK;
}

static void
print_report_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: bekal-author report REPORT [OPTION…]\n"
                      "\n"
                      "Reports:\n"
                      "  gap   Pre-test and post-test means of peksos with and without previous "
                      "training, per module, topic and month\n"
                      "  items Facility, discrimination and reliability of the tests' "
                      "questions\n"
                      "\n"
                      "Run “bekal-author report REPORT --help” for the options.\n"));
}

int
bekal_author_run_report (int    argc,
                         char **argv)
{
  const char *report;

  if (argc < 2)
    {
      print_report_usage (stderr);
      return REPORT_EXIT_USAGE;
    }

  report = argv[1];
  argv[1] = argv[0];
  if (report[0] != '-')
    {
      /* the usage line of --help names the whole command */
      g_autofree char *prgname = g_strdup_printf ("bekal-author report %s", report);

      g_set_prgname (prgname);
    }

  if (g_str_equal (report, "gap"))
    return run_gap (argc - 1, argv + 1);
  if (g_str_equal (report, "items"))
    return bekal_author_run_report_items (argc - 1, argv + 1);
  if (g_str_equal (report, "--help") || g_str_equal (report, "-h"))
    {
      print_report_usage (stdout);
      return REPORT_EXIT_OK;
    }

  g_printerr (_("bekal-author report: unknown report “%s”\n"), report);
  print_report_usage (stderr);
  return REPORT_EXIT_USAGE;
}
