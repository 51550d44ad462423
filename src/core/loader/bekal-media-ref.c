/* bekal-media-ref.c: file references (security code): keeps every media: name and relative
 * path inside the folders it may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

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

/* The canonical path of @name inside the canonical folder @real_folder when @name is a
 * plain file there: one lstat() instead of realpath()'s look at every component. NULL when
 * @name has a folder in it or is a link, a folder or missing; the caller then takes the
 * slow path, which follows links and judges where they lead. */
static char *
dup_plain_file_inside (const char *real_folder,
                       const char *name)
{
  g_autofree char *candidate = NULL;
  GStatBuf st;

  if (real_folder == NULL || strpbrk (name, "/\\") != NULL || g_str_equal (name, ".")
      || g_str_equal (name, ".."))
    return NULL;

  candidate = g_build_filename (real_folder, name, NULL);
  if (g_lstat (candidate, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;

  return g_steal_pointer (&candidate);
}

/* The canonical path of media folder @index, kept in @real_dirs ("" until it exists) when
 * given: a folder that did not exist is looked for again, since it may have been made since */
static char *
dup_real_media_dir (const char * const *dirs,
                    char              **real_dirs,
                    guint               index)
{
  g_autofree char *copy = NULL;
  char *real_dir;

  if (real_dirs != NULL && real_dirs[index][0] != '\0')
    return g_strdup (real_dirs[index]);

  real_dir = realpath (dirs[index], NULL);
  if (real_dir == NULL)
    return NULL;
  copy = g_strdup (real_dir);
  free (real_dir);

  if (real_dirs != NULL)
    {
      g_free (real_dirs[index]);
      real_dirs[index] = g_strdup (copy);
    }

  return g_steal_pointer (&copy);
}

static char *
resolve_media_name (const char          *name,
                    const char * const  *media_dirs,
                    char               **real_media_dirs,
                    BekalMediaRefResult *result)
{
  if (name[0] == '\0' || name[0] == '/' || name[0] == '\\' || has_parent_component (name))
    {
      *result = BEKAL_MEDIA_REF_BAD_MEDIA_NAME;
      return NULL;
    }

  for (guint i = 0; media_dirs != NULL && media_dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (media_dirs[i], name, NULL);
      g_autofree char *real_dir = dup_real_media_dir (media_dirs, real_media_dirs, i);
      g_autofree char *real_candidate = NULL;
      char *real;

      if (real_dir == NULL)
        continue;
      real_candidate = dup_plain_file_inside (real_dir, name);
      if (real_candidate != NULL)
        {
          *result = BEKAL_MEDIA_REF_OK;
          return g_steal_pointer (&real_candidate);
        }
      real = realpath (candidate, NULL);
      if (real == NULL)
        continue;
      real_candidate = g_strdup (real);
      free (real);
      /* a link out of the media folder, or to something that is not a file, is ignored */
      if (!path_is_inside (real_candidate, real_dir))
        continue;
      if (!g_file_test (real_candidate, G_FILE_TEST_IS_REGULAR))
        continue;

      *result = BEKAL_MEDIA_REF_OK;
      return g_steal_pointer (&real_candidate);
    }

  *result = BEKAL_MEDIA_REF_MEDIA_NOT_FOUND;
  return NULL;
}

char *
bekal_media_ref_resolve (const char          *ref,
                         const char          *module_folder,
                         const char * const  *media_dirs,
                         char               **real_media_dirs,
                         BekalMediaRefResult *result)
{
  g_autofree char *candidate = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *real_candidate = NULL;
  char *real;

  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  if (ref[0] == '\0')
    {
      *result = BEKAL_MEDIA_REF_EMPTY;
      return NULL;
    }

  if (g_str_has_prefix (ref, "media:"))
    return resolve_media_name (ref + strlen ("media:"), media_dirs, real_media_dirs, result);

  if (looks_like_uri (ref))
    {
      *result = BEKAL_MEDIA_REF_URI;
      return NULL;
    }

  if (g_path_is_absolute (ref) || ref[0] == '\\' || (g_ascii_isalpha (ref[0]) && ref[1] == ':'))
    {
      *result = BEKAL_MEDIA_REF_ABSOLUTE;
      return NULL;
    }

  if (has_parent_component (ref))
    {
      *result = BEKAL_MEDIA_REF_PARENT;
      return NULL;
    }

  real = realpath (module_folder, NULL);
  real_folder = g_strdup (real);
  free (real);

  real_candidate = dup_plain_file_inside (real_folder, ref);
  if (real_candidate != NULL)
    {
      *result = BEKAL_MEDIA_REF_OK;
      return g_steal_pointer (&real_candidate);
    }

  candidate = g_build_filename (module_folder, ref, NULL);
  real = realpath (candidate, NULL);
  if (real == NULL)
    {
      *result = BEKAL_MEDIA_REF_NOT_FOUND;
      return NULL;
    }
  real_candidate = g_strdup (real);
  free (real);

  if (real_folder == NULL || !path_is_inside (real_candidate, real_folder))
    {
      *result = BEKAL_MEDIA_REF_OUTSIDE;
      return NULL;
    }

  if (!g_file_test (real_candidate, G_FILE_TEST_IS_REGULAR))
    {
      *result = BEKAL_MEDIA_REF_NOT_REGULAR;
      return NULL;
    }

  *result = BEKAL_MEDIA_REF_OK;
  return g_steal_pointer (&real_candidate);
}

/* Resolves a media or figure reference; returns the absolute path or NULL with a diagnostic */
char *
bekal_loader_resolve_ref (LoadState  *state,
                          xmlNodePtr  node,
                          const char *attr)
{
  g_autofree char *ref = bekal_loader_get_attr (node, attr);
  const char * const *dirs = (const char * const *) state->loader->media_dirs;
  BekalMediaRefResult result;
  char *path;

  if (ref == NULL)
    return NULL;

  path = bekal_media_ref_resolve (ref, state->folder, dirs, state->loader->real_media_dirs,
                                  &result);

  switch (result)
    {
    case BEKAL_MEDIA_REF_OK:
      break;

    case BEKAL_MEDIA_REF_EMPTY:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("The file name in “%s” is empty."), attr);
      break;

    case BEKAL_MEDIA_REF_BAD_MEDIA_NAME:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is not a valid media name: after “media:” write only "
                                   "the file name, for example media:interview-01.webm."), ref);
      break;

    case BEKAL_MEDIA_REF_MEDIA_NOT_FOUND:
      {
        g_autofree char *searched = dirs && dirs[0] ? g_strjoinv (", ", (char **) dirs)
                                                    : g_strdup (_("(none)"));

        bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                   _("The media file “%s” was not found in the media folders "
                                     "(%s). Copy the file into one of them, or correct the "
                                     "name."), ref + strlen ("media:"), searched);
      }
      break;

    case BEKAL_MEDIA_REF_URI:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is a web address. Bekal works offline and never "
                                   "downloads: copy the file into the module folder and write "
                                   "its file name."), ref);
      break;

    case BEKAL_MEDIA_REF_ABSOLUTE:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is an absolute path, which will not exist on another "
                                   "computer. Copy the file into the module folder and write a "
                                   "path relative to it."), ref);
      break;

    case BEKAL_MEDIA_REF_PARENT:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” points outside the module folder (“..”). Keep every "
                                   "file of a module inside its folder."), ref);
      break;

    case BEKAL_MEDIA_REF_NOT_FOUND:
      /* the file as the author named it, not the full path Bekal made of its folder */
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("There is no file “%s” in the folder of %s: copy it there, "
                                   "or correct the name."), ref, state->path);
      break;

    case BEKAL_MEDIA_REF_OUTSIDE:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is a link that points outside the module folder. Copy "
                                   "the file itself into the module folder."), ref);
      break;

    case BEKAL_MEDIA_REF_NOT_REGULAR:
    default:
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("“%s” is not a regular file."), ref);
      break;
    }

  return path;
}
