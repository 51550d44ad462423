/* bekal-module-template.c: writing a new module folder from the template in the resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-module-template.h>

#include "bekal-core-resources.h"

#define TEMPLATE_RES "/io/github/bekal_peksos/Bekal/template/"

static gboolean
is_module_id (const char *id)
{
  if (id == NULL || !g_ascii_islower (id[0]) || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return id[strlen (id) - 1] != '-';
}

static GBytes *
template_file (const char  *name,
               const char  *id,
               GError     **error)
{
  g_autofree char *path = g_strconcat (TEMPLATE_RES, name, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (bekal_core_get_resource (), path, 0, error);
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gsize length;

  if (bytes == NULL || !g_str_has_suffix (name, ".xml"))
    return g_steal_pointer (&bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  parts = g_strsplit (text, "@ID@", -1);
  g_free (text);
  text = g_strjoinv (id, parts);
  length = strlen (text);
  return g_bytes_new_take (g_steal_pointer (&text), length);
}

gboolean
bekal_module_template_write (const char  *folder,
                             const char  *id,
                             GError     **error)
{
  static const char * const files[] = { "module.id.xml", "module.en.xml", "gambar.svg" };
  g_autofree char *parent = NULL;
  gboolean existed = FALSE;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (!is_module_id (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be a module id: write lower-case letters, digits and “-”, "
                     "starting with a letter, for example “pendampingan-keluarga”."),
                   id != NULL ? id : "");
      return FALSE;
    }
  /* an empty folder, as a file chooser makes, will do */
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” exists already; nothing was written. Choose a new folder, or "
                         "delete that one first."), folder);
          return FALSE;
        }
      existed = TRUE;
    }
  parent = g_path_get_dirname (folder);
  if (!existed && (g_mkdir_with_parents (parent, 0755) != 0 || g_mkdir (folder, 0755) != 0))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (folder, files[i], NULL);
      g_autoptr(GBytes) bytes = template_file (files[i], id, error);

      if (bytes == NULL
          || !g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error))
        {
          /* nothing half written stays behind */
          for (guint j = 0; j <= i; j++)
            {
              g_autofree char *written = g_build_filename (folder, files[j], NULL);

              g_unlink (written);
            }
          if (!existed)
            g_rmdir (folder);
          return FALSE;
        }
    }
  return TRUE;
}
