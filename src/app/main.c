/* main.c: starts Bekal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include <bekal/bekal-paths.h>

#include "bekal-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(BekalApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* run from the build folder, the translations are the ones just compiled there */
  bindtextdomain (GETTEXT_PACKAGE, bekal_paths_running_uninstalled ()
                                   ? BEKAL_BUILD_ROOT "/po" : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bekal_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
