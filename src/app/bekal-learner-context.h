/* bekal-learner-context.h: who is learning, in which module, and where it is kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <bekal/bekal-model.h>
#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_LEARNER_CONTEXT (bekal_learner_context_get_type ())

G_DECLARE_FINAL_TYPE (BekalLearnerContext, bekal_learner_context, BEKAL, LEARNER_CONTEXT, GObject)

/* Immutable. @store may be NULL and @profile_id 0 (no learner: nothing is read or kept);
 * @module_id names the module progress belongs to (may be NULL outside a module); @module
 * and @settings may be NULL. */
BekalLearnerContext *bekal_learner_context_new            (BekalStore          *store,
                                                           gint64               profile_id,
                                                           const char          *module_id,
                                                           BekalModule         *module,
                                                           GSettings           *settings);
/* The same learner in @module */
BekalLearnerContext *bekal_learner_context_new_for_module (BekalLearnerContext *self,
                                                           BekalModule         *module);
/* The one answer to "is there a store and a profile (and a module, when it is about one)?":
 * TRUE when the learner's progress can be read */
gboolean             bekal_learner_context_has_learner    (BekalLearnerContext *self);
/* has_learner, and the data folder can be written */
gboolean             bekal_learner_context_can_write      (BekalLearnerContext *self);
BekalStore          *bekal_learner_context_get_store      (BekalLearnerContext *self);
gint64               bekal_learner_context_get_profile_id (BekalLearnerContext *self);
const char          *bekal_learner_context_get_module_id  (BekalLearnerContext *self);
BekalModule         *bekal_learner_context_get_module     (BekalLearnerContext *self);
GSettings           *bekal_learner_context_get_settings   (BekalLearnerContext *self);

G_END_DECLS
