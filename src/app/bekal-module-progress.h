/* bekal-module-progress.h: what a learner has done in a module, read from the store at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-learner-context.h"

G_BEGIN_DECLS

typedef enum
{
  BEKAL_MODULE_STATE_NOT_STARTED,
  BEKAL_MODULE_STATE_IN_PROGRESS,
  BEKAL_MODULE_STATE_PRETEST_DONE,
  BEKAL_MODULE_STATE_PASSED,
} BekalModuleState;

#define BEKAL_TYPE_MODULE_PROGRESS (bekal_module_progress_get_type ())

G_DECLARE_FINAL_TYPE (BekalModuleProgress, bekal_module_progress, BEKAL, MODULE_PROGRESS, GObject)

/* A snapshot of the learner of @context in its module (which must be set): the library card
 * and the module page read the same one. Without a learner everything is "not started". */
BekalModuleProgress *bekal_module_progress_new                (BekalLearnerContext *context);
BekalModuleFlag      bekal_module_progress_get_flags          (BekalModuleProgress *self);
gboolean             bekal_module_progress_is_lesson_complete (BekalModuleProgress *self,
                                                               BekalLesson         *lesson);
/* Lessons completed that still exist in this version of the module */
guint                bekal_module_progress_get_n_completed    (BekalModuleProgress *self);
guint                bekal_module_progress_get_n_unread       (BekalModuleProgress *self);
/* The share of lessons completed, 0..1 */
double               bekal_module_progress_get_fraction       (BekalModuleProgress *self);
/* The module has a pre-test that was neither taken nor skipped */
gboolean             bekal_module_progress_get_pretest_pending (BekalModuleProgress *self);
BekalModuleState     bekal_module_progress_get_state          (BekalModuleProgress *self);

G_END_DECLS
