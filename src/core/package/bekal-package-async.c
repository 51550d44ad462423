/* bekal-package-async.c: what the app needs around bekal_package_verify() and
 * bekal_package_install(): both in a worker thread, the ids a replaced version had and the new
 * one lacks (the progress and results that do not carry over), and the backups kept under
 * MODULES_DIR/.bekal-backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-model.h>
#include <bekal/bekal-paths.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-text.h>

#include "bekal-package-private.h"

typedef struct
{
  char                     *path;
  char                     *modules_dir;
  char                     *media_dir;
  BekalPackageInstallFlags  flags;
  gboolean                  install;
  GPtrArray                *diagnostics;
} PackageJob;

static void
package_job_free (PackageJob *job)
{
  g_free (job->path);
  g_free (job->modules_dir);
  g_free (job->media_dir);
  g_clear_pointer (&job->diagnostics, g_ptr_array_unref);
  g_free (job);
}

/* Helpers */

/* Loads the module in @folder, in its first language */
static BekalModule *
load_any_language (const char          *folder,
                   const char * const  *media_dirs,
                   GError             **error)
{
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *language = bekal_loader_language_from_filename (name);

      if (language != NULL)
        g_ptr_array_add (files, g_build_filename (folder, name, NULL));
    }
  if (files->len == 0)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_INVALID_MODULE,
                   _("%s holds no module file"), folder);
      return NULL;
    }
  g_ptr_array_sort (files, bekal_compare_strings);

  return bekal_loader_load_file (loader, g_ptr_array_index (files, 0), diagnostics, error);
}

static void
add_ids (GHashTable *ids,
         BekalModule *module)
{
  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      g_hash_table_add (ids, g_strconcat ("lesson:", bekal_lesson_get_id (lesson), NULL));
      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          const char *id = bekal_block_get_id (bekal_lesson_get_block (lesson, j));

          if (id != NULL && id[0] != '\0')
            g_hash_table_add (ids, g_strconcat ("block:", id, NULL));
        }
    }
  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);

      g_hash_table_add (ids, g_strconcat ("quiz:", bekal_quiz_get_id (quiz), NULL));
      for (guint j = 0; j < bekal_quiz_get_n_questions (quiz); j++)
        g_hash_table_add (ids, g_strconcat ("question:",
                                            bekal_question_get_id (bekal_quiz_get_question (quiz,
                                                                                            j)),
                                            NULL));
    }
  for (guint i = 0; i < bekal_module_get_n_media (module); i++)
    g_hash_table_add (ids, g_strconcat ("media:",
                                        bekal_media_get_id (bekal_module_get_media (module, i)),
                                        NULL));
}

static const char *
plain_text (BekalBlock *block)
{
  BekalText *text = bekal_block_get_text (block);

  return text != NULL ? bekal_text_get_plain (text) : NULL;
}

/* The new place of the block at @old_index of @old_lesson in @new_lesson, or -1. A block with an
 * id goes where its id is; one without goes to a block of the same kind and text, else to the
 * same place when the block there is of the same kind and has no id either (its text was
 * edited). @taken marks the new blocks already given. */
static int
find_new_place (BekalLesson *old_lesson,
                guint        old_index,
                BekalLesson *new_lesson,
                gboolean    *taken)
{
  BekalBlock *block = bekal_lesson_get_block (old_lesson, old_index);
  const char *id = bekal_block_get_id (block);
  guint n_new = bekal_lesson_get_n_blocks (new_lesson);

  if (id != NULL && id[0] != '\0')
    {
      for (guint j = 0; j < n_new; j++)
        if (g_strcmp0 (bekal_block_get_id (bekal_lesson_get_block (new_lesson, j)), id) == 0)
          return j;
      return -1;
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < n_new; j++)
      {
        BekalBlock *candidate = bekal_lesson_get_block (new_lesson, j);
        const char *candidate_id = bekal_block_get_id (candidate);

        if (taken[j] || (candidate_id != NULL && candidate_id[0] != '\0')
            || bekal_block_get_kind (candidate) != bekal_block_get_kind (block))
          continue;
        if (pass == 0
            ? g_strcmp0 (plain_text (candidate), plain_text (block)) == 0
            : j == old_index)
          return j;
      }
  return -1;
}

/* The blocks of @old_module that are elsewhere, or gone, in @new_module */
static GPtrArray *
compare_block_places (BekalModule *old_module,
                      BekalModule *new_module)
{
  GPtrArray *moves = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_block_move_free);

  for (guint i = 0; i < bekal_module_get_n_lessons (old_module); i++)
    {
      BekalLesson *old_lesson = bekal_module_get_lesson (old_module, i);
      BekalLesson *new_lesson = NULL;
      guint n_old = bekal_lesson_get_n_blocks (old_lesson);
      g_autofree gboolean *taken = NULL;
      g_autofree int *places = g_new (int, MAX (n_old, 1));

      for (guint j = 0; j < bekal_module_get_n_lessons (new_module); j++)
        if (g_strcmp0 (bekal_lesson_get_id (bekal_module_get_lesson (new_module, j)),
                       bekal_lesson_get_id (old_lesson)) == 0)
          new_lesson = bekal_module_get_lesson (new_module, j);

      taken = g_new0 (gboolean,
                      new_lesson != NULL ? bekal_lesson_get_n_blocks (new_lesson) + 1 : 1);
      /* blocks with ids first, so that a block without one never takes an id's place */
      for (guint pass = 0; pass < 2; pass++)
        for (guint b = 0; b < n_old; b++)
          {
            const char *id = bekal_block_get_id (bekal_lesson_get_block (old_lesson, b));
            gboolean has_id = id != NULL && id[0] != '\0';

            if (has_id != (pass == 0))
              continue;
            places[b] = new_lesson != NULL ? find_new_place (old_lesson, b, new_lesson, taken) : -1;
            if (places[b] >= 0)
              taken[places[b]] = TRUE;
          }

      for (guint b = 0; b < n_old; b++)
        if (places[b] != (int) b)
          {
            BekalBlockMove *move = g_new0 (BekalBlockMove, 1);

            move->lesson_id = g_strdup (bekal_lesson_get_id (old_lesson));
            move->old_index = b;
            move->new_index = places[b];
            g_ptr_array_add (moves, move);
          }
    }
  return moves;
}

static char *
backups_dir (const char *modules_dir)
{
  g_autofree char *default_modules = NULL;

  if (modules_dir == NULL)
    modules_dir = default_modules = bekal_package_default_modules_dir ();
  return g_build_filename (modules_dir, BEKAL_PACKAGE_BACKUPS_DIR, NULL);
}

/* bekal_package_compare_folders(), and where the blocks went when @moves is given */
static char **
compare_folders (const char          *old_folder,
                 const char          *new_folder,
                 const char * const  *media_dirs,
                 GPtrArray          **moves,
                 GError             **error)
{
  g_autoptr(BekalModule) old_module = NULL;
  g_autoptr(BekalModule) new_module = NULL;
  g_autoptr(GHashTable) old_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (old_folder != NULL, NULL);
  g_return_val_if_fail (new_folder != NULL, NULL);

  old_module = load_any_language (old_folder, media_dirs, error);
  if (old_module == NULL)
    return NULL;
  new_module = load_any_language (new_folder, media_dirs, error);
  if (new_module == NULL)
    return NULL;

  if (moves != NULL)
    *moves = compare_block_places (old_module, new_module);
  add_ids (old_ids, old_module);
  add_ids (new_ids, new_module);

  g_hash_table_iter_init (&iter, old_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (new_ids, key))
      g_ptr_array_add (missing, g_strdup (key));
  g_ptr_array_sort (missing, bekal_compare_strings);
  g_ptr_array_add (missing, NULL);

  return (char **) g_ptr_array_steal (missing, NULL);
}

/* Runs in a worker thread */
static void
package_job_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PackageJob *job = task_data;
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!job->install)
    info = bekal_package_verify (job->path, job->diagnostics, &error);
  else
    {
      info = bekal_package_install (job->path, job->modules_dir, job->media_dir, job->flags,
                                    job->diagnostics, &error);
      /* the install is done: a failed comparison only leaves the report empty */
      if (info != NULL && info->backup_folder != NULL)
        {
          g_autofree char *modules_dir = job->modules_dir
                                         ? g_strdup (job->modules_dir)
                                         : bekal_package_default_modules_dir ();
          g_autofree char *media_dir = job->media_dir
                                       ? g_strdup (job->media_dir)
                                       : bekal_package_default_media_dir (modules_dir);
          const char *media_dirs[] = { media_dir, NULL };

          info->reset_ids = compare_folders (info->backup_folder, info->installed_folder,
                                             media_dirs, &info->block_moves, &error);
          if (info->reset_ids == NULL)
            g_debug ("Cannot compare the versions of %s: %s", info->id, error->message);
          g_clear_error (&error);
        }
    }

  if (info == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&info), g_object_unref);
}

static void
start_job (PackageJob          *job,
           gpointer             tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  job->diagnostics = bekal_diagnostics_new ();
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify) package_job_free);
  g_task_run_in_thread (task, package_job_run);
}

static BekalPackageInfo *
finish_job (GAsyncResult  *result,
            gpointer       tag,
            GPtrArray    **diagnostics,
            GError       **error)
{
  GTask *task = G_TASK (result);
  PackageJob *job = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == tag, NULL);

  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (job->diagnostics);
  return g_task_propagate_pointer (task, error);
}

/* Public API */

char **
bekal_package_compare_folders (const char          *old_folder,
                               const char          *new_folder,
                               const char * const  *media_dirs,
                               GError             **error)
{
  return compare_folders (old_folder, new_folder, media_dirs, NULL, error);
}

const char * const *
bekal_package_info_get_reset_ids (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);

  return (const char * const *) self->reset_ids;
}

void
bekal_package_verify_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PackageJob *job;

  g_return_if_fail (path != NULL);

  job = g_new0 (PackageJob, 1);
  job->path = g_strdup (path);
  start_job (job, bekal_package_verify_async, cancellable, callback, user_data);
}

BekalPackageInfo *
bekal_package_verify_finish (GAsyncResult  *result,
                             GPtrArray    **diagnostics,
                             GError       **error)
{
  return finish_job (result, bekal_package_verify_async, diagnostics, error);
}

void
bekal_package_install_async (const char                *path,
                             const char                *modules_dir,
                             const char                *media_dir,
                             BekalPackageInstallFlags   flags,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  PackageJob *job;

  g_return_if_fail (path != NULL);

  job = g_new0 (PackageJob, 1);
  job->path = g_strdup (path);
  job->modules_dir = g_strdup (modules_dir);
  job->media_dir = g_strdup (media_dir);
  job->flags = flags;
  job->install = TRUE;
  start_job (job, bekal_package_install_async, cancellable, callback, user_data);
}

BekalPackageInfo *
bekal_package_install_finish (GAsyncResult  *result,
                              GPtrArray    **diagnostics,
                              GError       **error)
{
  return finish_job (result, bekal_package_install_async, diagnostics, error);
}

char **
bekal_package_list_backups (const char *modules_dir)
{
  g_autofree char *folder = backups_dir (modules_dir);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (name[0] != '.' && g_file_test (path, G_FILE_TEST_IS_DIR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, bekal_compare_strings);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_steal (names, NULL);
}

gboolean
bekal_package_remove_backup (const char  *modules_dir,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *folder = backups_dir (modules_dir);
  g_autofree char *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* one folder directly under the backups folder, never anything else */
  if (name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_UNSAFE,
                   _("“%s” is not the name of a module backup"), name);
      return FALSE;
    }

  path = g_build_filename (folder, name, NULL);
  if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("There is no module backup named “%s” in %s"), name, folder);
      return FALSE;
    }

  bekal_package_remove_tree (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_IO,
                   _("Cannot remove all of %s; check its permissions"), path);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
bekal_package_info_get_block_moves (BekalPackageInfo *self)
{
  g_return_val_if_fail (BEKAL_IS_PACKAGE_INFO (self), NULL);

  return self->block_moves;
}
