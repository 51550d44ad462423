/* bekal-author-store.c: the "store" command of bekal-author: checking and repairing the
 * structure of a learners' database brought from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-store.h>

#include "bekal-author-store.h"

enum
{
  STORE_EXIT_OK       = 0,
  STORE_EXIT_PROBLEMS = 1,
  STORE_EXIT_USAGE    = 2,
};

/* Parses "--data-dir DIR" for @action; NULL (and a message) on a usage error */
static char *
parse_data_dir (const char   *action,
                int           argc,
                char        **argv)
{
  g_autofree char *data_dir = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_option_context_new (g_str_equal (action, "check")
                                  ? _("— list what in the database Bekal did not make")
                                  : _("— back the database up, then remove what Bekal did not "
                                      "make"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author store %s: %s\n", action, error->message);
      return NULL;
    }

  if (data_dir == NULL || argc > 1)
    {
      g_printerr (_("bekal-author store %s: give the data folder, for example: "
                    "bekal-author store %s --data-dir ~/.local/share/bekal\n"), action, action);
      return NULL;
    }

  return g_steal_pointer (&data_dir);
}

static void
print_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *line = bekal_schema_finding_dup_description (g_ptr_array_index (findings,
                                                                                      i));

      g_print ("  %s\n", line);
    }
}

static int
run_check (int    argc,
           char **argv)
{
  g_autofree char *data_dir = parse_data_dir ("check", argc, argv);
  g_autofree char *quoted_dir = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  if (data_dir == NULL)
    return STORE_EXIT_USAGE;

  findings = bekal_store_check_schema (data_dir, &error);
  if (findings == NULL)
    {
      g_printerr ("bekal-author store check: %s\n", error->message);
      return STORE_EXIT_PROBLEMS;
    }

  if (findings->len == 0)
    {
      g_print (_("The structure of the database in “%s” is Bekal's own.\n"), data_dir);
      return STORE_EXIT_OK;
    }

  quoted_dir = g_shell_quote (data_dir);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "The database in “%s” holds %u object that is not Bekal's:\n",
                        "The database in “%s” holds %u objects that are not Bekal's:\n",
                        findings->len),
           data_dir, findings->len);
  print_findings (findings);
  g_print (_("Bekal will not open it. To keep a backup copy and remove them, run:\n"
             "  bekal-author store repair --data-dir %s\n"), quoted_dir);
  return STORE_EXIT_PROBLEMS;
}

static int
run_repair (int    argc,
            char **argv)
{
  g_autofree char *data_dir = parse_data_dir ("repair", argc, argv);
  g_autofree char *backup_path = NULL;
  g_autoptr(GPtrArray) repaired = NULL;
  g_autoptr(GError) error = NULL;

  if (data_dir == NULL)
    return STORE_EXIT_USAGE;

  if (!bekal_store_repair_schema (data_dir, &backup_path, &repaired, &error))
    {
      g_printerr ("bekal-author store repair: %s\n", error->message);
      return STORE_EXIT_PROBLEMS;
    }

  if (repaired->len == 0)
    {
      g_print (_("Nothing to repair: the structure of the database in “%s” is Bekal's own.\n"),
               data_dir);
      return STORE_EXIT_OK;
    }

  g_print (_("Backup copy: %s\n"), backup_path);
  g_print ("%s", _("Removed or put back:\n"));
  print_findings (repaired);
  g_print ("%s", _("The database is Bekal's again; Bekal can open it.\n"));
  return STORE_EXIT_OK;
}

static void
print_store_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: bekal-author store ACTION --data-dir DIR\n"
                      "\n"
                      "Actions:\n"
                      "  check    List the tables, views, indexes and triggers in bekal.db that "
                      "Bekal did not make, or that were changed (exit status 1 when there are "
                      "any)\n"
                      "  repair   Copy bekal.db to a timestamped backup next to it, then remove "
                      "what check lists\n"));
}

int
bekal_author_run_store (int    argc,
                        char **argv)
{
  const char *action;

  if (argc < 2)
    {
      print_store_usage (stderr);
      return STORE_EXIT_USAGE;
    }

  action = argv[1];
  argv[1] = argv[0];
  if (action[0] != '-')
    {
      /* the usage line of --help names the whole command */
      g_autofree char *prgname = g_strdup_printf ("bekal-author store %s", action);

      g_set_prgname (prgname);
    }

  if (g_str_equal (action, "check"))
    return run_check (argc - 1, argv + 1);
  if (g_str_equal (action, "repair"))
    return run_repair (argc - 1, argv + 1);
  if (g_str_equal (action, "--help") || g_str_equal (action, "-h"))
    {
      print_store_usage (stdout);
      return STORE_EXIT_OK;
    }

  g_printerr (_("bekal-author store: unknown action “%s”\n"), action);
  print_store_usage (stderr);
  return STORE_EXIT_USAGE;
}
