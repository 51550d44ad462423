/* test-media-ref.c: file references never lead out of the module folder or the media folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bekal_media_ref_resolve() is the only way a module names a file. Each case below is one
 * thing it guards against, tried on real folders with real links: a temporary tree holds a
 * module folder, two media folders and a "secret" folder outside all of them.
 */

#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bekal-loader-private.h"
#include "test-util.h"

typedef struct
{
  char  *tmp;
  char  *module;    /* the module folder */
  char  *media[3];  /* two media folders, NULL-terminated */
  char  *secret;    /* a folder outside all of them */
  char **real_media; /* the cache the loader keeps */
} Tree;

/* The canonical form of @path, as the resolver returns it */
static char *
real (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy = g_strdup (resolved);

  free (resolved);
  g_assert_nonnull (copy);
  return copy;
}

static void
write_file (const char *folder,
            const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, "isi\n", -1, &error);
  g_assert_no_error (error);
}

static void
link_to (const char *target,
         const char *folder,
         const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
tree_set_up (Tree          *tree,
             gconstpointer  data)
{
  g_autofree char *secret_file = NULL;
  g_autofree char *secret_dir_file = NULL;

  tree->tmp = test_make_tmp_dir ();
  tree->module = g_build_filename (tree->tmp, "modul", NULL);
  tree->media[0] = g_build_filename (tree->tmp, "media-1", NULL);
  tree->media[1] = g_build_filename (tree->tmp, "media-2", NULL);
  tree->secret = g_build_filename (tree->tmp, "rahasia", NULL);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (g_mkdir (tree->media[i], 0700), ==, 0);
  g_assert_cmpint (g_mkdir (tree->module, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (tree->secret, 0700), ==, 0);

  write_file (tree->module, "gambar.png");
  write_file (tree->module, "gambar/alur.png");
  write_file (tree->module, "%2e%2e/isi.png");
  write_file (tree->media[0], "klip.webm");
  write_file (tree->media[0], "handayani/wawancara.webm");
  write_file (tree->media[1], "klip.webm");
  write_file (tree->media[1], "hanya-di-dua.webm");
  write_file (tree->secret, "passwd");

  /* links out of the folders, a link that stays inside, and folders where files belong */
  secret_file = g_build_filename (tree->secret, "passwd", NULL);
  link_to (secret_file, tree->module, "tautan-keluar.png");
  link_to (tree->secret, tree->module, "folder-keluar");
  link_to ("gambar.png", tree->module, "tautan-dalam.png");
  link_to (secret_file, tree->media[0], "tautan-keluar.webm");
  link_to (tree->secret, tree->media[0], "folder-keluar");
  link_to ("../rahasia/passwd", tree->media[0], "relatif-keluar.webm");
  secret_dir_file = g_build_filename (tree->media[1], "hanya-di-dua.webm", NULL);
  /* a link from one media folder into another is a link out of the first one */
  link_to (secret_dir_file, tree->media[0], "ke-media-2.webm");

  tree->real_media = g_new0 (char *, 3);
  tree->real_media[0] = g_strdup ("");
  tree->real_media[1] = g_strdup ("");
}

static void
tree_tear_down (Tree          *tree,
                gconstpointer  data)
{
  test_remove_tree (tree->tmp);
  g_free (tree->tmp);
  g_free (tree->module);
  g_free (tree->media[0]);
  g_free (tree->media[1]);
  g_free (tree->secret);
  g_strfreev (tree->real_media);
}

/* Resolves @ref and checks the result; @expected_path is relative to @expected_folder */
static void
assert_ref (Tree                *tree,
            const char          *ref,
            BekalMediaRefResult  expected,
            const char          *expected_folder,
            const char          *expected_path)
{
  BekalMediaRefResult result = BEKAL_MEDIA_REF_OK;
  g_autofree char *path = bekal_media_ref_resolve (ref, tree->module,
                                                   (const char * const *) tree->media,
                                                   tree->real_media, &result);

  if (result != expected)
    g_error ("“%s”: result %d, expected %d", ref, result, expected);

  if (expected != BEKAL_MEDIA_REF_OK)
    {
      g_assert_null (path);
      return;
    }

  {
    g_autofree char *joined = g_build_filename (expected_folder, expected_path, NULL);
    g_autofree char *wanted = real (joined);

    g_assert_cmpstr (path, ==, wanted);
  }
}

static void
test_relative (Tree          *tree,
               gconstpointer  data)
{
  assert_ref (tree, "gambar.png", BEKAL_MEDIA_REF_OK, tree->module, "gambar.png");
  assert_ref (tree, "gambar/alur.png", BEKAL_MEDIA_REF_OK, tree->module, "gambar/alur.png");
  assert_ref (tree, "./gambar.png", BEKAL_MEDIA_REF_OK, tree->module, "gambar.png");
  assert_ref (tree, "gambar//alur.png", BEKAL_MEDIA_REF_OK, tree->module, "gambar/alur.png");
  /* a link that stays inside resolves to the file it points to */
  assert_ref (tree, "tautan-dalam.png", BEKAL_MEDIA_REF_OK, tree->module, "gambar.png");
  assert_ref (tree, "tidak-ada.png", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  /* ~ is not a home folder: a name like any other */
  assert_ref (tree, "~/gambar.png", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "", BEKAL_MEDIA_REF_EMPTY, NULL, NULL);
}

static void
test_parent (Tree          *tree,
             gconstpointer  data)
{
  /* every “..” is refused, even one that would stay inside, with either separator */
  assert_ref (tree, "../rahasia/passwd", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  assert_ref (tree, "gambar/../gambar.png", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  assert_ref (tree, "gambar/../../rahasia/passwd", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  assert_ref (tree, "./../rahasia/passwd", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  assert_ref (tree, "..\\rahasia\\passwd", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  assert_ref (tree, "gambar\\..\\..\\rahasia", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  assert_ref (tree, "..", BEKAL_MEDIA_REF_PARENT, NULL, NULL);
  /* a name that only starts with dots is a name */
  assert_ref (tree, "...", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
}

static void
test_absolute (Tree          *tree,
               gconstpointer  data)
{
  g_autofree char *secret_file = g_build_filename (tree->secret, "passwd", NULL);
  g_autofree char *inside = g_build_filename (tree->module, "gambar.png", NULL);

  assert_ref (tree, secret_file, BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  /* even the absolute path of a file that is inside */
  assert_ref (tree, inside, BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  assert_ref (tree, "/etc/passwd", BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  assert_ref (tree, "//server/share/x.png", BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  assert_ref (tree, "\\etc\\passwd", BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  assert_ref (tree, "\\\\server\\share\\x.png", BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  assert_ref (tree, "C:\\video.webm", BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
  assert_ref (tree, "c:/video.webm", BEKAL_MEDIA_REF_ABSOLUTE, NULL, NULL);
}

static void
test_uri (Tree          *tree,
          gconstpointer  data)
{
  static const char * const uris[] = {
    "http://example.org/video.webm", "https://127.0.0.1/x.png", "file:///etc/passwd",
    "file:/etc/passwd", "file:gambar.png", "ftp://x/y", "data:image/png;base64,AAAA",
    "smb://server/share", "FILE:///etc/passwd", "Media:klip.webm", "x-custom+scheme.1:abc",
  };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    assert_ref (tree, uris[i], BEKAL_MEDIA_REF_URI, NULL, NULL);
}

static void
test_links_out (Tree          *tree,
                gconstpointer  data)
{
  /* a link to a file outside, and a file reached through a linked folder */
  assert_ref (tree, "tautan-keluar.png", BEKAL_MEDIA_REF_OUTSIDE, NULL, NULL);
  assert_ref (tree, "folder-keluar/passwd", BEKAL_MEDIA_REF_OUTSIDE, NULL, NULL);
  /* in a media folder a link out is ignored, so the name is simply not found */
  assert_ref (tree, "media:tautan-keluar.webm", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:folder-keluar/passwd", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:relatif-keluar.webm", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  /* a link from the first media folder into the second is out of the first; the second
   * folder's own file is still found by its own name */
  assert_ref (tree, "media:ke-media-2.webm", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:hanya-di-dua.webm", BEKAL_MEDIA_REF_OK, tree->media[1],
              "hanya-di-dua.webm");
}

static void
test_media_names (Tree          *tree,
                  gconstpointer  data)
{
  /* the first folder that has the file wins; sub-folders are allowed */
  assert_ref (tree, "media:klip.webm", BEKAL_MEDIA_REF_OK, tree->media[0], "klip.webm");
  assert_ref (tree, "media:handayani/wawancara.webm", BEKAL_MEDIA_REF_OK, tree->media[0],
              "handayani/wawancara.webm");
  assert_ref (tree, "media:handayani//wawancara.webm", BEKAL_MEDIA_REF_OK, tree->media[0],
              "handayani/wawancara.webm");

  /* empty, absolute or with “..”: not a media name */
  assert_ref (tree, "media:", BEKAL_MEDIA_REF_BAD_MEDIA_NAME, NULL, NULL);
  assert_ref (tree, "media:/etc/passwd", BEKAL_MEDIA_REF_BAD_MEDIA_NAME, NULL, NULL);
  assert_ref (tree, "media:\\etc\\passwd", BEKAL_MEDIA_REF_BAD_MEDIA_NAME, NULL, NULL);
  assert_ref (tree, "media:../rahasia/passwd", BEKAL_MEDIA_REF_BAD_MEDIA_NAME, NULL, NULL);
  assert_ref (tree, "media:handayani/../../rahasia/passwd", BEKAL_MEDIA_REF_BAD_MEDIA_NAME,
              NULL, NULL);
  assert_ref (tree, "media:..\\rahasia\\passwd", BEKAL_MEDIA_REF_BAD_MEDIA_NAME, NULL, NULL);
  assert_ref (tree, "media:..", BEKAL_MEDIA_REF_BAD_MEDIA_NAME, NULL, NULL);

  /* a folder is not a media file, nor is the media folder itself */
  assert_ref (tree, "media:handayani", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:.", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:handayani/", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:tidak-ada.webm", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  /* only "media:" in lower case, at the start, is the media prefix */
  assert_ref (tree, " media:klip.webm", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
}

static void
test_percent_encoding (Tree          *tree,
                       gconstpointer  data)
{
  /* nothing is decoded: %2e%2e is a folder name, never “..” */
  assert_ref (tree, "%2e%2e/isi.png", BEKAL_MEDIA_REF_OK, tree->module, "%2e%2e/isi.png");
  assert_ref (tree, "%2e%2e/rahasia/passwd", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "%2E%2E%2Frahasia%2Fpasswd", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "..%2frahasia%2fpasswd", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:%2e%2e/rahasia/passwd", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "media:..%2f..%2frahasia%2fpasswd", BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, NULL,
              NULL);
  assert_ref (tree, "%2fetc%2fpasswd", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  /* a query or fragment is part of the name too */
  assert_ref (tree, "gambar.png?x=1", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
  assert_ref (tree, "gambar.png#x", BEKAL_MEDIA_REF_NOT_FOUND, NULL, NULL);
}

static void
test_not_regular (Tree          *tree,
                  gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (tree->module, "pipa", NULL);

  assert_ref (tree, "gambar", BEKAL_MEDIA_REF_NOT_REGULAR, NULL, NULL);
  /* the module folder itself is not a file inside it */
  assert_ref (tree, ".", BEKAL_MEDIA_REF_OUTSIDE, NULL, NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_ref (tree, "pipa", BEKAL_MEDIA_REF_NOT_REGULAR, NULL, NULL);
}

static void
test_media_folder_made_later (Tree          *tree,
                              gconstpointer  data)
{
  g_autofree char *later = g_build_filename (tree->tmp, "media-nanti", NULL);
  const char *dirs[] = { later, NULL };
  g_auto(GStrv) cache = g_new0 (char *, 2);
  BekalMediaRefResult result;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  cache[0] = g_strdup ("");

  /* a media folder that does not exist yet is looked for again at the next reference */
  first = bekal_media_ref_resolve ("media:klip.webm", tree->module, dirs, cache, &result);
  g_assert_null (first);
  g_assert_cmpint (result, ==, BEKAL_MEDIA_REF_MEDIA_NOT_FOUND);

  write_file (later, "klip.webm");
  second = bekal_media_ref_resolve ("media:klip.webm", tree->module, dirs, cache, &result);
  g_assert_cmpint (result, ==, BEKAL_MEDIA_REF_OK);
  g_assert_nonnull (second);
  g_assert_true (g_str_has_suffix (second, "/media-nanti/klip.webm"));

  /* and the same without a cache */
  g_clear_pointer (&second, g_free);
  second = bekal_media_ref_resolve ("media:klip.webm", tree->module, dirs, NULL, &result);
  g_assert_cmpint (result, ==, BEKAL_MEDIA_REF_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Tree, NULL, tree_set_up, func, tree_tear_down)

  ADD ("/media-ref/relative", test_relative);
  ADD ("/media-ref/parent", test_parent);
  ADD ("/media-ref/absolute", test_absolute);
  ADD ("/media-ref/uri", test_uri);
  ADD ("/media-ref/links-out", test_links_out);
  ADD ("/media-ref/media-names", test_media_names);
  ADD ("/media-ref/percent-encoding", test_percent_encoding);
  ADD ("/media-ref/not-regular", test_not_regular);
  ADD ("/media-ref/media-folder-made-later", test_media_folder_made_later);

#undef ADD

  return g_test_run ();
}
