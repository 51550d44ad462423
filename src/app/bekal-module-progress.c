/* bekal-module-progress.c: what a learner has done in a module, read from the store at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-module-progress.h"

struct _BekalModuleProgress
{
  GObject          parent_instance;

  BekalModule     *module;
  BekalModuleFlag  flags;
  GHashTable      *completed;  /* ids of completed lessons that exist in the module */
  gboolean         any_seen;   /* a block of the module was seen */
};

G_DEFINE_FINAL_TYPE (BekalModuleProgress, bekal_module_progress, G_TYPE_OBJECT)

/* Helpers */

static void
read_store (BekalModuleProgress *self,
            BekalLearnerContext *context)
{
  BekalStore *store = bekal_learner_context_get_store (context);
  gint64 profile_id = bekal_learner_context_get_profile_id (context);
  const char *module_id = bekal_module_get_id (self->module);
  g_auto(GStrv) completed = NULL;
  g_autoptr(GPtrArray) seen = NULL;

  bekal_store_get_module_flags (store, profile_id, module_id, &self->flags, NULL);
  completed = bekal_store_list_completed_lessons (store, profile_id, module_id, NULL);
  seen = bekal_store_list_seen_blocks (store, profile_id, module_id, NULL, NULL);

  /* only lessons that still exist in this version of the module count */
  for (guint i = 0; completed != NULL && completed[i] != NULL; i++)
    if (bekal_module_find_lesson (self->module, completed[i]) != NULL)
      g_hash_table_add (self->completed, g_strdup (completed[i]));

  self->any_seen = seen != NULL && seen->len > 0;
}

/* Overrides */

static void
bekal_module_progress_finalize (GObject *object)
{
  BekalModuleProgress *self = BEKAL_MODULE_PROGRESS (object);

  g_clear_object (&self->module);
  g_hash_table_unref (self->completed);

  G_OBJECT_CLASS (bekal_module_progress_parent_class)->finalize (object);
}

static void
bekal_module_progress_class_init (BekalModuleProgressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_module_progress_finalize;
}

static void
bekal_module_progress_init (BekalModuleProgress *self)
{
  self->completed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

BekalModuleProgress *
bekal_module_progress_new (BekalLearnerContext *context)
{
  BekalModuleProgress *self;
  BekalModule *module;

  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (context), NULL);
  module = bekal_learner_context_get_module (context);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);

  self = g_object_new (BEKAL_TYPE_MODULE_PROGRESS, NULL);
  self->module = g_object_ref (module);
  if (bekal_learner_context_has_learner (context))
    read_store (self, context);

  return self;
}

BekalModuleFlag
bekal_module_progress_get_flags (BekalModuleProgress *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), BEKAL_MODULE_FLAG_NONE);

  return self->flags;
}

gboolean
bekal_module_progress_is_lesson_complete (BekalModuleProgress *self,
                                          BekalLesson         *lesson)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), FALSE);
  g_return_val_if_fail (BEKAL_IS_LESSON (lesson), FALSE);

  return g_hash_table_contains (self->completed, bekal_lesson_get_id (lesson));
}

guint
bekal_module_progress_get_n_completed (BekalModuleProgress *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), 0);

  return g_hash_table_size (self->completed);
}

guint
bekal_module_progress_get_n_unread (BekalModuleProgress *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), 0);

  return bekal_module_get_n_lessons (self->module) - g_hash_table_size (self->completed);
}

double
bekal_module_progress_get_fraction (BekalModuleProgress *self)
{
  guint n_lessons;

  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), 0.0);

  n_lessons = bekal_module_get_n_lessons (self->module);
  return n_lessons > 0 ? (double) g_hash_table_size (self->completed) / n_lessons : 0.0;
}

gboolean
bekal_module_progress_get_pretest_pending (BekalModuleProgress *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), FALSE);

  if (bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST) == NULL)
    return FALSE;

  return (self->flags & (BEKAL_MODULE_FLAG_PRETEST_SKIPPED | BEKAL_MODULE_FLAG_PRETEST_DONE)) == 0;
}

BekalModuleState
bekal_module_progress_get_state (BekalModuleProgress *self)
{
  guint n_completed;

  g_return_val_if_fail (BEKAL_IS_MODULE_PROGRESS (self), BEKAL_MODULE_STATE_NOT_STARTED);

  n_completed = g_hash_table_size (self->completed);
  if (self->flags & BEKAL_MODULE_FLAG_POSTTEST_PASSED)
    return BEKAL_MODULE_STATE_PASSED;
  if ((self->flags & BEKAL_MODULE_FLAG_PRETEST_DONE) && n_completed == 0)
    return BEKAL_MODULE_STATE_PRETEST_DONE;
  if (n_completed > 0 || self->any_seen || self->flags != BEKAL_MODULE_FLAG_NONE)
    return BEKAL_MODULE_STATE_IN_PROGRESS;
  return BEKAL_MODULE_STATE_NOT_STARTED;
}
