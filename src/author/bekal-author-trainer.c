/* bekal-author-trainer.c: the "trainer" command of bekal-author: resetting a forgotten trainer
 * passphrase, for whoever can run commands on the computer account that holds the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-store.h>
#include <bekal/bekal-store-trainer.h>

#include "bekal-author-trainer.h"

enum
{
  TRAINER_EXIT_OK     = 0,
  TRAINER_EXIT_FAILED = 1,
  TRAINER_EXIT_USAGE  = 2,
};

static void
print_trainer_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: bekal-author trainer reset --data-dir DIR [--yes]\n"
                      "\n"
                      "Removes a forgotten trainer passphrase and the count of wrong tries, so "
                      "that the next person who opens a trainer feature in Bekal sets a new "
                      "passphrase. Learners' profiles, answers, progress, reflections and PINs "
                      "are not touched.\n"));
}

/* TRUE when the person at the terminal answers yes */
static gboolean
ask_confirmation (void)
{
  char line[64];

  g_print ("%s", _("Remove the trainer passphrase? [y/N] "));
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;

  g_strstrip (line);
  /* English and Indonesian answers */
  return g_ascii_strcasecmp (line, "y") == 0 || g_ascii_strcasecmp (line, "yes") == 0
         || g_ascii_strcasecmp (line, "ya") == 0;
}

static int
run_reset (int    argc,
           char **argv)
{
  g_autofree char *data_dir = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The folder holding the learners' database (bekal.db)"), N_("DIR") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had = FALSE;

  context = g_option_context_new (_("— remove a forgotten trainer passphrase"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author trainer reset: %s\n", error->message);
      return TRAINER_EXIT_USAGE;
    }

  if (data_dir == NULL || argc > 1)
    {
      g_printerr ("%s", _("bekal-author trainer reset: give the data folder, for example: "
                          "bekal-author trainer reset --data-dir ~/.local/share/bekal\n"));
      return TRAINER_EXIT_USAGE;
    }

  /* Never create a database where there was none: the folder was probably mistyped */
  store = bekal_store_open_existing (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("bekal-author trainer reset: %s\n", error->message);
      return TRAINER_EXIT_FAILED;
    }

  g_print (_("This removes the trainer passphrase and the count of wrong tries from the "
             "database in “%s”.\n"
             "Learners' profiles, answers, progress, reflections and PINs are not touched.\n"
             "The next person who opens a trainer feature in Bekal will set a new "
             "passphrase.\n"),
           data_dir);

  if (!yes)
    {
      if (!isatty (STDIN_FILENO))
        {
          g_printerr ("%s", _("bekal-author trainer reset: there is no terminal to confirm "
                              "on. Run it again with --yes if you are sure.\n"));
          return TRAINER_EXIT_FAILED;
        }
      if (!ask_confirmation ())
        {
          g_print ("%s", _("Nothing was changed.\n"));
          return TRAINER_EXIT_FAILED;
        }
    }

  if (!bekal_store_has_trainer_passphrase (store, &had, &error)
      || !bekal_store_reset_trainer (store, &error))
    {
      g_printerr ("bekal-author trainer reset: %s\n", error->message);
      return TRAINER_EXIT_FAILED;
    }

  g_print ("%s", had ? _("The trainer passphrase was removed.\n")
                     : _("No trainer passphrase was set; the count of wrong tries was "
                         "cleared.\n"));
  return TRAINER_EXIT_OK;
}

int
bekal_author_run_trainer (int    argc,
                          char **argv)
{
  const char *action;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      /* asked for, the help is the output */
      print_trainer_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? TRAINER_EXIT_USAGE : TRAINER_EXIT_OK;
    }

  action = argv[1];
  argv[1] = argv[0];
  if (action[0] != '-')
    {
      /* the usage line of --help names the whole command */
      g_autofree char *prgname = g_strdup_printf ("bekal-author trainer %s", action);

      g_set_prgname (prgname);
    }

  if (g_str_equal (action, "reset"))
    return run_reset (argc - 1, argv + 1);

  g_printerr (_("bekal-author trainer: unknown action “%s”\n"), action);
  print_trainer_usage (stderr);
  return TRAINER_EXIT_USAGE;
}
