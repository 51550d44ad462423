/* bekal-author-package.c: the "pack", "verify" and "install" commands of bekal-author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-package.h>
#include <bekal/bekal-store.h>

#include "bekal-author-package.h"

enum
{
  EXIT_OK      = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE   = 2,
};

/* Helpers */

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_print ("%s\n", line);
    }
}

/* The media folders of a module folder: those given, a media/ folder beside the modules/
 * folder that holds it (as validate does), then those Bekal searches */
static char **
media_dirs_for (const char         *folder,
                const char * const *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *absolute = g_canonicalize_filename (folder, NULL);
  g_autofree char *parent = g_path_get_dirname (absolute);
  g_autofree char *parent_name = g_path_get_basename (parent);
  g_autofree char *top = g_path_get_dirname (parent);
  g_autofree char *sibling = g_build_filename (top, "media", NULL);
  g_auto(GStrv) given = NULL;

  for (guint i = 0; extra && extra[i]; i++)
    g_strv_builder_add (builder, extra[i]);
  if (g_str_equal (parent_name, "modules") && g_file_test (sibling, G_FILE_TEST_IS_DIR))
    g_strv_builder_add (builder, sibling);

  given = g_strv_builder_end (builder);
  return bekal_catalog_default_media_dirs ((const char * const *) given);
}

static void
print_info (BekalPackageInfo *info)
{
  const char * const *languages = bekal_package_info_get_languages (info);
  const char * const *media = bekal_package_info_get_media (info);
  g_autofree char *joined = g_strjoinv (", ", (char **) languages);
  g_autofree char *total = g_format_size (bekal_package_info_get_total_size (info));
  guint n_files = bekal_package_info_get_n_files (info);

  g_print (_("Package:   %s\n"), bekal_package_info_get_path (info));
  g_print (_("Module:    %s\n"), bekal_package_info_get_id (info));
  g_print (_("Version:   %s\n"), bekal_package_info_get_version (info));
  g_print (_("Languages: %s\n"), joined);
  for (guint i = 0; languages[i]; i++)
    g_print (_("Title (%s): %s\n"), languages[i],
             bekal_package_info_get_title (info, languages[i]));
  g_print (_("Files:     %u, %s in all\n"), n_files, total);
  for (guint i = 0; i < n_files; i++)
    g_print ("  %s  %" G_GUINT64_FORMAT "  %s\n", bekal_package_info_get_file_path (info, i),
             bekal_package_info_get_file_size (info, i),
             bekal_package_info_get_file_sha256 (info, i));
  if (media[0] == NULL)
    g_print (_("Media:     none\n"));
  else
    {
      g_autofree char *media_list = g_strjoinv (", ", (char **) media);

      g_print (_("Media:     %s\n"), media_list);
    }
}

static gboolean
parse_options (GOptionContext  *context,
               const char      *command,
               int             *argc,
               char          ***argv,
               char          ***paths,
               const char      *example)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("bekal-author %s", command);

  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("bekal-author %s: %s\n", command, error->message);
      return FALSE;
    }
  if (*paths == NULL || (*paths)[0] == NULL || (*paths)[1] != NULL)
    {
      g_printerr (_("bekal-author %s: name exactly one %s\n"), command, example);
      return FALSE;
    }

  return TRUE;
}

/* Public API */

int
bekal_author_run_pack (int    argc,
                       char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) media_dirs = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) all_media_dirs = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the package to FILE (default: ID-VERSION.bekal in the current folder)"),
      N_("FILE") },
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &media_dirs,
      N_("Also look for media:NAME files in DIR"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— pack a module folder and its media into one .bekal file"));
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;

  g_option_context_set_summary (context,
                                _("Checks the module, then writes a zip file holding a "
                                  "manifest (id, version, languages, titles, the size and "
                                  "SHA-256 of every file), the module folder and the media it "
                                  "refers to as media:NAME. An invalid module is not packed.\n"
                                  "Exit status: 0 packed, 1 invalid or not packed, 2 usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "pack", &argc, &argv, &paths, _("module folder")))
    return EXIT_USAGE;

  all_media_dirs = media_dirs_for (paths[0], (const char * const *) media_dirs);
  info = bekal_package_write (paths[0], (const char * const *) all_media_dirs, output,
                              diagnostics, &error);
  if (info == NULL)
    {
      print_diagnostics (diagnostics);
      g_printerr ("bekal-author pack: %s\n", error->message);
      return EXIT_INVALID;
    }

  /* warnings do not stop packing, but the author should see them */
  print_diagnostics (diagnostics);
  total = g_format_size (bekal_package_info_get_total_size (info));
  g_print (_("Packed %s %s (%u files, %s, %u media) into %s\n"), bekal_package_info_get_id (info),
           bekal_package_info_get_version (info), bekal_package_info_get_n_files (info), total,
           g_strv_length ((char **) bekal_package_info_get_media (info)),
           bekal_package_info_get_path (info));
  return EXIT_OK;
}

int
bekal_author_run_verify (int    argc,
                         char **argv)
{
  g_autofree char *modules_dir = NULL;
  g_autofree char *media_dir = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "modules-dir", 0, 0, G_OPTION_ARG_FILENAME, &modules_dir,
      N_("Also compare with the module installed in DIR"), N_("DIR") },
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME, &media_dir,
      N_("The media folder of DIR (default: the folder media beside it)"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— check a .bekal package and list what it holds"));
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
                                _("Checks every file of the package against its manifest and "
                                  "the limits, and the module with the same checks as "
                                  "validate, without installing anything. With --modules-dir, "
                                  "also says how the package relates to the installed module "
                                  "and warns when its content differs but its version does "
                                  "not.\n"
                                  "Exit status: 0 valid, 1 refused, 2 usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "verify", &argc, &argv, &paths, _("package file")))
    return EXIT_USAGE;

  info = bekal_package_verify (paths[0], diagnostics, &error);
  print_diagnostics (diagnostics);
  if (info == NULL)
    {
      g_printerr ("bekal-author verify: %s: %s\n", paths[0], error->message);
      return EXIT_INVALID;
    }

  print_info (info);

  if (modules_dir != NULL)
    {
      g_autofree char *installed = NULL;
      BekalPackageStatus status = bekal_package_info_compare_installed (info, modules_dir,
                                                                        media_dir, &installed);

      switch (status)
        {
        case BEKAL_PACKAGE_STATUS_NOT_INSTALLED:
          g_print (_("Installed: no\n"));
          break;
        case BEKAL_PACKAGE_STATUS_OLDER_INSTALLED:
          g_print (_("Installed: an older version (%s); installing upgrades it\n"),
                   installed ? installed : "?");
          break;
        case BEKAL_PACKAGE_STATUS_SAME:
          g_print (_("Installed: this version, with the same content\n"));
          break;
        case BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED:
          g_print (_("Installed: version %s, with other content\n"), installed);
          g_print (_("%s: warning: the content differs from the installed %s %s, but the "
                     "version is the same; raise the version when the content changes\n"),
                   paths[0], bekal_package_info_get_id (info), installed);
          break;
        case BEKAL_PACKAGE_STATUS_NEWER_INSTALLED:
        default:
          g_print (_("Installed: a newer version (%s)\n"), installed);
          break;
        }
    }

  g_print (_("%s: valid package\n"), paths[0]);
  return EXIT_OK;
}

static void
on_installed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

int
bekal_author_run_install (int    argc,
                          char **argv)
{
  g_autofree char *modules_dir = NULL;
  g_autofree char *media_dir = NULL;
  g_autofree char *data_dir = NULL;
  gboolean force = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "modules-dir", 0, 0, G_OPTION_ARG_FILENAME, &modules_dir,
      N_("Install into DIR (default: $XDG_DATA_HOME/bekal/modules)"), N_("DIR") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("When a newer version replaces an older one, carry the learners' progress in the "
         "Bekal data folder DIR over to it"), N_("DIR") },
    { "media-dir", 0, 0, G_OPTION_ARG_FILENAME, &media_dir,
      N_("Put the media into DIR (default: the folder media beside the modules folder)"),
      N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Install over a newer or the same version, and replace media files of the same name"),
      NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— install a .bekal package as the app does"));
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *reset;
  GPtrArray *moves;

  g_option_context_set_summary (context,
                                _("Unpacks the package into a temporary folder inside the "
                                  "modules folder, checks it as verify does, puts its media "
                                  "into the media folder and renames the module into place. A "
                                  "newer version replaces an older one, which is kept in "
                                  ".bekal-backups/ID-VERSION inside the modules folder.\n"
                                  "Exit status: 0 installed, 1 refused, 2 usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "install", &argc, &argv, &paths, _("package file")))
    return EXIT_USAGE;

  if (data_dir != NULL)
    {
      store = bekal_store_open_existing (data_dir, &error);
      if (store == NULL)
        {
          g_printerr ("bekal-author install: %s\n", error->message);
          return EXIT_USAGE;
        }
    }

  /* as the app does: it also compares a replaced version with the new one */
  bekal_package_install_async (paths[0], modules_dir, media_dir,
                               force ? BEKAL_PACKAGE_INSTALL_FORCE
                                     : BEKAL_PACKAGE_INSTALL_DEFAULT,
                               NULL, on_installed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  info = bekal_package_install_finish (result, &diagnostics, &error);
  print_diagnostics (diagnostics);
  if (info == NULL)
    {
      g_printerr ("bekal-author install: %s: %s\n", paths[0], error->message);
      return EXIT_INVALID;
    }

  g_print (_("Installed %s %s into %s\n"), bekal_package_info_get_id (info),
           bekal_package_info_get_version (info), bekal_package_info_get_installed_folder (info));
  if (bekal_package_info_get_backup_folder (info) != NULL)
    g_print (_("The previous version (%s) is kept in %s; remove that folder when it is no "
               "longer needed.\n"),
             bekal_package_info_get_replaced_version (info)
             ? bekal_package_info_get_replaced_version (info) : "?",
             bekal_package_info_get_backup_folder (info));

  reset = bekal_package_info_get_reset_ids (info);
  if (reset != NULL && reset[0] != NULL)
    {
      g_print ("%s", _("Learners' progress and results of these parts of the old version do "
                       "not carry over (the new version lacks their ids):\n"));
      for (guint i = 0; reset[i] != NULL; i++)
        g_print ("  %s\n", reset[i]);
    }
  moves = bekal_package_info_get_block_moves (info);
  if (store != NULL && moves != NULL
      && !bekal_store_move_blocks (store, bekal_package_info_get_id (info), moves, &error))
    {
      g_printerr (_("bekal-author install: the module is installed, but the learners' "
                    "progress could not be carried over: %s\n"), error->message);
      return EXIT_INVALID;
    }
  if (store != NULL && moves != NULL)
    g_print (_("Learners' progress in %s follows the blocks to their new places.\n"),
             data_dir);
  return EXIT_OK;
}
