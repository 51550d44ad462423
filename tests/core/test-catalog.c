/* test-catalog.c: the catalog of the modules found in the module folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>

#include "test-util.h"

typedef struct
{
  char         *tmp;
  char         *first_dir;  /* searched first */
  char         *second_dir;
  char         *media_dir;
  BekalCatalog *catalog;
  guint         n_changes;
} CatalogFixture;

/* Helpers */

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_fixture (const char *relative_path)
{
  g_autofree char *path = g_build_filename (test_fixtures_dir (), relative_path, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
replace_all (const char *text,
             const char *old,
             const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  return g_strjoinv (replacement, parts);
}

/* Writes a module folder @dir/@name from fixture files; @rename_to gives the module another
 * id and @title another title, when set */
static char *
add_module (const char  *dir,
            const char  *name,
            const char  *fixture_folder,
            const char **languages,
            const char  *rename_to,
            const char  *title)
{
  char *folder = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *file = g_strdup_printf ("module.%s.xml", languages[i]);
      g_autofree char *source = g_build_filename (fixture_folder, file, NULL);
      g_autofree char *target = g_build_filename (folder, file, NULL);
      g_autofree char *contents = read_fixture (source);

      if (rename_to)
        {
          g_autofree char *renamed = replace_all (contents, "id=\"minimal\"", rename_to);
          g_free (contents);
          contents = g_steal_pointer (&renamed);
        }
      if (title)
        {
          g_autofree char *retitled = replace_all (contents, "<title>Modul minimal</title>",
                                                   title);
          g_free (contents);
          contents = g_steal_pointer (&retitled);
        }
      write_file (target, contents);
    }

  return folder;
}

static BekalCatalogEntry *
entry_at (BekalCatalog *catalog,
          guint         position)
{
  g_autoptr(BekalCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), position);

  /* the catalog keeps its own reference */
  return entry;
}

static void
on_items_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  CatalogFixture *fixture)
{
  fixture->n_changes++;
}

/* Fixture: two module folders. The first holds the minimal module (id and en), a single
 * language module and a broken one; the second holds another copy of the minimal module,
 * which must lose against the first, and a module found only there. */

static void
catalog_setup (CatalogFixture *fixture,
               gconstpointer   data)
{
  const char *both[] = { "id", "en", NULL };
  const char *only_id[] = { "id", NULL };
  g_autofree char *minimal = NULL;
  g_autofree char *single = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *second_only = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *broken_file = NULL;
  g_autofree char *broken_contents = read_fixture ("invalid/unknown-topic.xml");
  g_autofree char *not_a_module = NULL;
  g_autofree char *readme = NULL;
  const char *module_dirs[3];
  const char *media_dirs[2];

  fixture->tmp = test_make_tmp_dir ();
  fixture->first_dir = g_build_filename (fixture->tmp, "pertama", NULL);
  fixture->second_dir = g_build_filename (fixture->tmp, "kedua", NULL);
  fixture->media_dir = test_source_path ("media");

  minimal = add_module (fixture->first_dir, "minimal", "valid/minimal", both, NULL, NULL);
  single = add_module (fixture->first_dir, "satu-bahasa", "valid/minimal", only_id,
                       "id=\"satu-bahasa\"", NULL);
  copy = add_module (fixture->second_dir, "salinan", "valid/minimal", both, NULL,
                     "<title>Salinan kedua</title>");
  second_only = add_module (fixture->second_dir, "hanya-kedua", "valid/minimal", only_id,
                            "id=\"hanya-kedua\"", NULL);

  /* sorted between "minimal" and "satu-bahasa", so that it is loaded between them */
  broken = g_build_filename (fixture->first_dir, "rusak", NULL);
  g_assert_cmpint (g_mkdir_with_parents (broken, 0700), ==, 0);
  broken_file = g_build_filename (broken, "module.id.xml", NULL);
  write_file (broken_file, broken_contents);

  /* a folder without module files and a plain file are skipped */
  not_a_module = g_build_filename (fixture->first_dir, "catatan", NULL);
  g_assert_cmpint (g_mkdir_with_parents (not_a_module, 0700), ==, 0);
  readme = g_build_filename (fixture->first_dir, "README.txt", NULL);
  write_file (readme, "not a module\n");

  module_dirs[0] = fixture->first_dir;
  module_dirs[1] = fixture->second_dir;
  module_dirs[2] = NULL;
  media_dirs[0] = fixture->media_dir;
  media_dirs[1] = NULL;
  fixture->catalog = bekal_catalog_new (module_dirs, media_dirs);
  g_signal_connect (fixture->catalog, "items-changed", G_CALLBACK (on_items_changed), fixture);
  bekal_catalog_load (fixture->catalog);
}

static void
catalog_teardown (CatalogFixture *fixture,
                  gconstpointer   data)
{
  g_clear_object (&fixture->catalog);
  test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->first_dir);
  g_free (fixture->second_dir);
  g_free (fixture->media_dir);
}

/* Tests */

static void
test_listing (CatalogFixture *fixture,
              gconstpointer   data)
{
  GListModel *model = G_LIST_MODEL (fixture->catalog);
  const char *expected_ids[] = { "minimal", "rusak", "satu-bahasa", "hanya-kedua" };

  g_assert_true (g_list_model_get_item_type (model) == BEKAL_TYPE_CATALOG_ENTRY);
  g_assert_cmpuint (fixture->n_changes, ==, 1);

  /* folder by folder, sorted by name inside each; the copy in the second folder is dropped */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected_ids));
  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    g_assert_cmpstr (bekal_catalog_entry_get_id (entry_at (fixture->catalog, i)), ==,
                     expected_ids[i]);
  g_assert_null (g_list_model_get_item (model, G_N_ELEMENTS (expected_ids)));

  g_assert_true (bekal_catalog_find (fixture->catalog, "hanya-kedua")
                 == entry_at (fixture->catalog, 3));
  g_assert_null (bekal_catalog_find (fixture->catalog, "tidak-ada"));
  g_assert_null (bekal_catalog_find (fixture->catalog, "catatan"));

  /* loading again gives the same list, and says so */
  bekal_catalog_load (fixture->catalog);
  g_assert_cmpuint (fixture->n_changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected_ids));
}

static void
test_first_folder_wins (CatalogFixture *fixture,
                        gconstpointer   data)
{
  BekalCatalogEntry *entry = bekal_catalog_find (fixture->catalog, "minimal");
  g_autofree char *expected = g_build_filename (fixture->first_dir, "minimal", NULL);
  const char *indonesian[] = { "id", NULL };
  BekalModule *module;

  g_assert_nonnull (entry);
  g_assert_cmpstr (bekal_catalog_entry_get_folder (entry), ==, expected);
  module = bekal_catalog_entry_get_module (entry, indonesian);
  g_assert_cmpstr (bekal_module_get_title (module), ==, "Modul minimal");
  g_assert_true (g_str_has_prefix (bekal_module_get_path (module), fixture->first_dir));
}

static void
test_broken_entry (CatalogFixture *fixture,
                   gconstpointer   data)
{
  BekalCatalogEntry *broken = bekal_catalog_find (fixture->catalog, "rusak");
  BekalCatalogEntry *valid = bekal_catalog_find (fixture->catalog, "minimal");
  GPtrArray *diagnostics;
  g_auto(GStrv) languages = NULL;
  const char *indonesian[] = { "id", NULL };
  gboolean mentions_topic = FALSE;

  /* listed under its folder name, broken, with the reasons */
  g_assert_nonnull (broken);
  g_assert_true (bekal_catalog_entry_is_broken (broken));
  g_assert_true (g_str_has_suffix (bekal_catalog_entry_get_folder (broken), "/rusak"));
  g_assert_null (bekal_catalog_entry_get_module (broken, indonesian));
  g_assert_null (bekal_catalog_entry_get_module (broken, NULL));
  languages = bekal_catalog_entry_dup_languages (broken);
  g_assert_cmpuint (g_strv_length (languages), ==, 0);

  diagnostics = bekal_catalog_entry_get_diagnostics (broken);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_true (g_str_has_suffix (bekal_diagnostic_get_file (d), "/rusak/module.id.xml"));
      if (strstr (bekal_diagnostic_get_message (d), "topik-hilang"))
        {
          mentions_topic = TRUE;
          g_assert_cmpint (bekal_diagnostic_get_line (d), ==, 18);
        }
    }
  g_assert_true (mentions_topic);

  /* and it does not stop the others */
  g_assert_false (bekal_catalog_entry_is_broken (valid));
  g_assert_cmpuint (bekal_catalog_entry_get_diagnostics (valid)->len, ==, 0);
  g_assert_false (bekal_catalog_entry_is_broken (bekal_catalog_find (fixture->catalog,
                                                                     "satu-bahasa")));
  g_assert_false (bekal_catalog_entry_is_broken (bekal_catalog_find (fixture->catalog,
                                                                     "hanya-kedua")));
}

static void
test_languages (CatalogFixture *fixture,
                gconstpointer   data)
{
  BekalCatalogEntry *entry = bekal_catalog_find (fixture->catalog, "minimal");
  BekalCatalogEntry *single = bekal_catalog_find (fixture->catalog, "satu-bahasa");
  const char *english_locale[] = { "en_US.UTF-8", "en", NULL };
  const char *english_first[] = { "en", "id", NULL };
  const char *french[] = { "fr", NULL };
  const char *french_then_english[] = { "fr_FR", "en_GB.UTF-8", NULL };
  const char *indonesian_locale[] = { "id_ID.UTF-8", NULL };
  const char *indonesian_first[] = { "id", "en", NULL };
  const char *upper_case[] = { "EN", NULL };
  const char *prefix_only[] = { "eng", NULL };
  const char *with_modifier[] = { "en@shaw", NULL };
  g_auto(GStrv) languages = bekal_catalog_entry_dup_languages (entry);

  g_assert_cmpuint (g_strv_length (languages), ==, 2);
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (languages[1], ==, "id");

  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              english_locale)),
                   ==, "en");
  g_assert_cmpstr (bekal_module_get_title (bekal_catalog_entry_get_module (entry,
                                                                           english_locale)),
                   ==, "Minimal module");
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              english_first)),
                   ==, "en");
  /* not available: Indonesian, the original */
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry, french)),
                   ==, "id");
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry, NULL)),
                   ==, "id");
  /* the first language that is available wins */
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              french_then_english)),
                   ==, "en");
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              indonesian_locale)),
                   ==, "id");
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              indonesian_first)),
                   ==, "id");
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              upper_case)),
                   ==, "en");
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              with_modifier)),
                   ==, "en");
  /* "eng" is not "en" */
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (entry,
                                                                              prefix_only)),
                   ==, "id");

  /* a module in Indonesian only is shown in Indonesian to everyone */
  g_assert_cmpstr (bekal_module_get_language (bekal_catalog_entry_get_module (single,
                                                                              english_locale)),
                   ==, "id");
}

static void
test_reload_entry (CatalogFixture *fixture,
                   gconstpointer   data)
{
  BekalCatalogEntry *entry = bekal_catalog_find (fixture->catalog, "satu-bahasa");
  g_autofree char *folder = g_strdup (bekal_catalog_entry_get_folder (entry));
  g_autofree char *path = g_build_filename (folder, "module.id.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *broken_contents = NULL;
  BekalCatalogEntry *fresh;
  BekalCatalogEntry *again;
  const char *indonesian[] = { "id", NULL };
  guint position = 0;
  guint changes_before = fixture->n_changes;

  g_assert_false (bekal_catalog_entry_is_broken (entry));
  g_assert_nonnull (bekal_catalog_entry_get_module (entry, indonesian));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->catalog)); i++)
    if (entry_at (fixture->catalog, i) == entry)
      position = i;

  /* edit the file on disk: a question names a topic that does not exist */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  broken_contents = replace_all (contents, "topic=\"dasar\"", "topic=\"topik-baru\"");
  g_assert_cmpstr (broken_contents, !=, contents);
  write_file (path, broken_contents);

  fresh = bekal_catalog_reload_entry (fixture->catalog, entry);
  g_assert_nonnull (fresh);
  g_assert_true (bekal_catalog_entry_is_broken (fresh));
  g_assert_null (bekal_catalog_entry_get_module (fresh, indonesian));
  g_assert_true (bekal_diagnostics_has_errors (bekal_catalog_entry_get_diagnostics (fresh)));
  g_assert_cmpstr (bekal_catalog_entry_get_folder (fresh), ==, folder);
  /* same place in the list, and the list says it changed */
  g_assert_true (entry_at (fixture->catalog, position) == fresh);
  g_assert_true (bekal_catalog_find (fixture->catalog, "satu-bahasa") == fresh);
  g_assert_cmpuint (fixture->n_changes, ==, changes_before + 1);

  /* and back */
  write_file (path, contents);
  again = bekal_catalog_reload_entry (fixture->catalog, fresh);
  g_assert_false (bekal_catalog_entry_is_broken (again));
  g_assert_nonnull (bekal_catalog_entry_get_module (again, indonesian));
  g_assert_true (entry_at (fixture->catalog, position) == again);
}

static void
test_empty_and_missing_dirs (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (tmp, "tidak-ada", NULL);
  const char *module_dirs[] = { missing, tmp, NULL };
  g_autoptr(BekalCatalog) catalog = bekal_catalog_new (module_dirs, NULL);
  g_autoptr(BekalCatalog) no_dirs = bekal_catalog_new (NULL, NULL);

  bekal_catalog_load (catalog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
  bekal_catalog_load (no_dirs);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (no_dirs)), ==, 0);

  test_remove_tree (tmp);
}

static void
test_default_module_dirs (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *extra_a = g_build_filename (tmp, "extra-a", NULL);
  g_autofree char *extra_b = g_build_filename (tmp, "extra-b", NULL);
  g_autofree char *env_a = g_build_filename (tmp, "env-a", NULL);
  g_autofree char *env_b = g_build_filename (tmp, "env-b", NULL);
  g_autofree char *env_value = g_strjoin (G_SEARCHPATH_SEPARATOR_S, env_a, env_b, extra_a, NULL);
  g_autofree char *media_env = g_build_filename (tmp, "media-env", NULL);
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "bekal", "modules", NULL);
  const char *extra[] = { extra_a, extra_b, NULL };
  g_auto(GStrv) dirs = NULL;
  g_auto(GStrv) without_env = NULL;
  g_auto(GStrv) media_dirs = NULL;
  g_autofree char *previous = g_strdup (g_getenv ("BEKAL_MODULES_PATH"));
  g_autofree char *previous_media = g_strdup (g_getenv ("BEKAL_MEDIA_PATH"));

  g_setenv ("BEKAL_MODULES_PATH", env_value, TRUE);
  dirs = bekal_catalog_default_module_dirs (extra);

  /* the extra folders first, then the environment, without repeating extra_a */
  g_assert_cmpstr (dirs[0], ==, extra_a);
  g_assert_cmpstr (dirs[1], ==, extra_b);
  g_assert_cmpstr (dirs[2], ==, env_a);
  g_assert_cmpstr (dirs[3], ==, env_b);
  g_assert_true (g_strv_contains ((const char * const *) dirs, user_dir));
  for (guint i = 0; dirs[i]; i++)
    for (guint j = i + 1; dirs[j]; j++)
      g_assert_cmpstr (dirs[i], !=, dirs[j]);

  g_unsetenv ("BEKAL_MODULES_PATH");
  without_env = bekal_catalog_default_module_dirs (NULL);
  g_assert_false (g_strv_contains ((const char * const *) without_env, env_a));
  g_assert_false (g_strv_contains ((const char * const *) without_env, extra_a));

  /* the media folders follow the same pattern */
  g_setenv ("BEKAL_MEDIA_PATH", media_env, TRUE);
  media_dirs = bekal_catalog_default_media_dirs (extra);
  g_assert_cmpstr (media_dirs[0], ==, extra_a);
  g_assert_cmpstr (media_dirs[2], ==, media_env);

  if (previous)
    g_setenv ("BEKAL_MODULES_PATH", previous, TRUE);
  if (previous_media)
    g_setenv ("BEKAL_MEDIA_PATH", previous_media, TRUE);
  else
    g_unsetenv ("BEKAL_MEDIA_PATH");
  test_remove_tree (tmp);
}

/* Everything a user sees of a catalog's entries, one line each, in order */
static char *
describe_catalog (BekalCatalog *catalog)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      BekalCatalogEntry *entry = entry_at (catalog, i);
      GPtrArray *diagnostics = bekal_catalog_entry_get_diagnostics (entry);
      g_auto(GStrv) languages = bekal_catalog_entry_dup_languages (entry);
      g_autofree char *joined = g_strjoinv (",", languages);

      g_string_append_printf (text, "%s %s [%s]%s\n", bekal_catalog_entry_get_id (entry),
                              bekal_catalog_entry_get_folder (entry), joined,
                              bekal_catalog_entry_is_broken (entry) ? " broken" : "");
      for (guint j = 0; j < diagnostics->len; j++)
        {
          g_autofree char *line = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, j));

          g_string_append_printf (text, "  %s\n", line);
        }
    }

  return g_string_free (text, FALSE);
}

/* Loading on several threads gives the catalog that one thread gives: the same entries with
 * the same diagnostics, in the same order, the first folder still winning a shared id */
static void
test_load_threads (void)
{
  const char *both[] = { "id", "en", NULL };
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *first_dir = g_build_filename (tmp, "pertama", NULL);
  g_autofree char *second_dir = g_build_filename (tmp, "kedua", NULL);
  g_autofree char *media_dir = test_source_path ("media");
  g_autofree char *broken_contents = read_fixture ("invalid/unknown-topic.xml");
  const char *module_dirs[] = { first_dir, second_dir, NULL };
  const char *media_dirs[] = { media_dir, NULL };
  g_autofree char *one = NULL;
  guint n_entries;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("modul-%02u", i);
      g_autofree char *rename = g_strdup_printf ("id=\"modul-%02u\"", i);
      g_autofree char *folder = NULL;

      if (i % 5 == 3)
        {
          g_autofree char *file = NULL;

          folder = g_build_filename (first_dir, name, NULL);
          g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
          file = g_build_filename (folder, "module.id.xml", NULL);
          write_file (file, broken_contents);
        }
      else
        folder = add_module (i % 2 ? second_dir : first_dir, name, "valid/minimal", both, rename,
                             NULL);
    }
  /* the same id in both folders: the first folder's copy is kept */
  g_free (add_module (second_dir, "modul-00-salinan", "valid/minimal", both,
                      "id=\"modul-00\"", "<title>Salinan kedua</title>"));

  for (guint n_threads = 1; n_threads <= 8; n_threads *= 2)
    {
      g_autoptr(BekalCatalog) catalog = bekal_catalog_new (module_dirs, media_dirs);
      g_autofree char *described = NULL;

      bekal_catalog_set_load_threads (catalog, n_threads);
      bekal_catalog_load (catalog);
      described = describe_catalog (catalog);

      if (n_threads == 1)
        {
          one = g_steal_pointer (&described);
          n_entries = g_list_model_get_n_items (G_LIST_MODEL (catalog));
          /* 40 folders, the copy dropped; the broken ones are listed under their folder name */
          g_assert_cmpuint (n_entries, ==, 40);
          g_assert_true (strstr (one, "broken\n") != NULL);
          g_assert_null (strstr (one, "modul-00-salinan"));
        }
      else
        g_assert_cmpstr (described, ==, one);
    }

  test_remove_tree (tmp);
}

static void
add_catalog_test (const char *name,
                  void      (*func) (CatalogFixture *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/catalog/%s", name);

  g_test_add (path, CatalogFixture, NULL, catalog_setup, func, catalog_teardown);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* before any test starts a thread (loading a catalog does), since it changes the
   * environment */
  g_test_add_func ("/catalog/default-module-dirs", test_default_module_dirs);
  add_catalog_test ("listing", test_listing);
  add_catalog_test ("first-folder-wins", test_first_folder_wins);
  add_catalog_test ("broken-entry", test_broken_entry);
  add_catalog_test ("languages", test_languages);
  add_catalog_test ("reload-entry", test_reload_entry);
  g_test_add_func ("/catalog/empty-and-missing-dirs", test_empty_and_missing_dirs);
  g_test_add_func ("/catalog/load-threads", test_load_threads);

  return g_test_run ();
}
