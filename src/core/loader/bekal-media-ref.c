/* bekal-media-ref.c: file references (security code): keeps every media: name and relative
 * path inside the folders it may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "bekal-loader-private.h"

/* Helpers: media references */

static gboolean
looks_like_uri (const char *ref)
{
  const char *p = ref;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '.' || *p == '-')
    p++;

  /* one letter before the colon is a drive letter, which is an absolute path */
  return *p == ':' && p - ref > 1;
}

static gboolean
has_parent_component (const char *ref)
{
  g_auto(GStrv) parts = g_strsplit_set (ref, "/\\", -1);

  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;

  return FALSE;
}

static gboolean
path_is_inside (const char *real_path,
                const char *real_folder)
{
  g_autofree char *prefix = g_strconcat (real_folder, G_DIR_SEPARATOR_S, NULL);

  return g_str_has_prefix (real_path, prefix);
}

/* The canonical path of a media folder, resolved once per loader; a folder that did not exist
 * is looked for again, since it may have been created since */
static const char *
real_media_dir (BekalLoader *self,
                guint        index)
{
  char *real_dir;

  if (self->real_media_dirs[index][0] != '\0')
    return self->real_media_dirs[index];

  real_dir = realpath (self->media_dirs[index], NULL);
  if (real_dir == NULL)
    return NULL;

  g_free (self->real_media_dirs[index]);
  self->real_media_dirs[index] = g_strdup (real_dir);
  free (real_dir);

  return self->real_media_dirs[index];
}

/* Resolves a media or figure reference; returns the absolute path or NULL with a diagnostic */
char *
bekal_loader_resolve_ref (LoadState  *state,
                          xmlNodePtr  node,
                          const char *attr)
{
  g_autofree char *ref = bekal_loader_get_attr (node, attr);

  if (ref == NULL)
    return NULL;

  if (ref[0] == '\0')
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("The file name in “%s” is empty."), attr);
      return NULL;
    }

  if (g_str_has_prefix (ref, "media:"))
    {
      const char *name = ref + strlen ("media:");
      const char * const *dirs = (const char * const *) state->loader->media_dirs;
      g_autofree char *searched = NULL;

      if (name[0] == '\0' || name[0] == '/' || name[0] == '\\' || has_parent_component (name))
        {
          bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                     _("“%s” is not a valid media name: after “media:” write only "
                                       "the file name, for example media:interview-01.webm."), ref);
          return NULL;
        }

      for (guint i = 0; dirs && dirs[i]; i++)
        {
          g_autofree char *candidate = g_build_filename (dirs[i], name, NULL);
          const char *real_dir = real_media_dir (state->loader, i);
          g_autofree char *real_candidate = NULL;

          if (real_dir == NULL)
            continue;
          real_candidate = realpath (candidate, NULL);
          if (real_candidate == NULL)
            continue;
          if (!path_is_inside (real_candidate, real_dir))
            continue;
          if (!g_file_test (real_candidate, G_FILE_TEST_IS_REGULAR))
            continue;

          return g_steal_pointer (&real_candidate);
        }

      searched = dirs && dirs[0] ? g_strjoinv (", ", (char **) dirs) : g_strdup (_("(none)"));
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("The media file “%s” was not found in the media folders (%s). "
                                   "Copy the file into one of them, or correct the name."), name,
                                 searched);
      return NULL;
    }

  if (looks_like_uri (ref))
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is a web address. Bekal works offline and never "
                                   "downloads: copy the file into the module folder and write its "
                                   "file name."), ref);
      return NULL;
    }

  if (g_path_is_absolute (ref) || ref[0] == '\\' || (g_ascii_isalpha (ref[0]) && ref[1] == ':'))
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is an absolute path, which will not exist on another "
                                   "computer. Copy the file into the module folder and write a "
                                   "path relative to it."), ref);
      return NULL;
    }

  if (has_parent_component (ref))
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” points outside the module folder (“..”). Keep every file "
                                   "of a module inside its folder."), ref);
      return NULL;
    }

  {
    g_autofree char *candidate = g_build_filename (state->folder, ref, NULL);
    g_autofree char *real_candidate = realpath (candidate, NULL);

    if (real_candidate == NULL)
      {
        bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                   _("The file “%s” does not exist in the module folder %s."), ref,
                                   state->folder);
        return NULL;
      }

    if (state->real_folder == NULL || !path_is_inside (real_candidate, state->real_folder))
      {
        bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                   _("“%s” is a link that points outside the module folder. Copy "
                                     "the file itself into the module folder."), ref);
        return NULL;
      }

    if (!g_file_test (real_candidate, G_FILE_TEST_IS_REGULAR))
      {
        bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                   _("“%s” is not a regular file."), ref);
        return NULL;
      }

    return g_steal_pointer (&real_candidate);
  }
}
