/* bekal-learner-context.c: who is learning, in which module, and where it is kept
 *
 * Widgets take one of these instead of a store, a profile and a module id each, so that
 * "is there a learner whose progress can be kept?" is answered in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-learner-context.h"

struct _BekalLearnerContext
{
  GObject      parent_instance;

  BekalStore  *store;
  gint64       profile_id;
  char        *module_id;
  BekalModule *module;
  GSettings   *settings;
};

G_DEFINE_FINAL_TYPE (BekalLearnerContext, bekal_learner_context, G_TYPE_OBJECT)

/* Overrides */

static void
bekal_learner_context_finalize (GObject *object)
{
  BekalLearnerContext *self = BEKAL_LEARNER_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->module);
  g_clear_object (&self->settings);
  g_free (self->module_id);

  G_OBJECT_CLASS (bekal_learner_context_parent_class)->finalize (object);
}

static void
bekal_learner_context_class_init (BekalLearnerContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_learner_context_finalize;
}

static void
bekal_learner_context_init (BekalLearnerContext *self)
{
}

/* Public API */

BekalLearnerContext *
bekal_learner_context_new (BekalStore  *store,
                           gint64       profile_id,
                           const char  *module_id,
                           BekalModule *module,
                           GSettings   *settings)
{
  BekalLearnerContext *self;

  g_return_val_if_fail (store == NULL || BEKAL_IS_STORE (store), NULL);
  g_return_val_if_fail (module == NULL || BEKAL_IS_MODULE (module), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BEKAL_TYPE_LEARNER_CONTEXT, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->profile_id = MAX (profile_id, 0);
  self->module = module != NULL ? g_object_ref (module) : NULL;
  self->module_id = g_strdup (module_id != NULL ? module_id
                              : module != NULL ? bekal_module_get_id (module) : NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;

  return self;
}

BekalLearnerContext *
bekal_learner_context_new_for_module (BekalLearnerContext *self,
                                      BekalModule         *module)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), NULL);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);

  return bekal_learner_context_new (self->store, self->profile_id, bekal_module_get_id (module),
                                    module, self->settings);
}

gboolean
bekal_learner_context_has_learner (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), FALSE);

  return self->store != NULL && self->profile_id > 0;
}

gboolean
bekal_learner_context_can_write (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), FALSE);

  /* a read-only data folder still shows earlier progress; it just keeps no new one */
  return bekal_learner_context_has_learner (self) && !bekal_store_is_read_only (self->store);
}

BekalStore *
bekal_learner_context_get_store (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), NULL);

  return self->store;
}

gint64
bekal_learner_context_get_profile_id (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), 0);

  return self->profile_id;
}

const char *
bekal_learner_context_get_module_id (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), NULL);

  return self->module_id;
}

BekalModule *
bekal_learner_context_get_module (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), NULL);

  return self->module;
}

GSettings *
bekal_learner_context_get_settings (BekalLearnerContext *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNER_CONTEXT (self), NULL);

  return self->settings;
}
