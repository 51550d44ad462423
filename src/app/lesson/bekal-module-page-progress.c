/* bekal-module-page-progress.c: what the learner has done in the module shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-module-page-private.h"

BekalModuleProgress *
_bekal_module_page_dup_progress (BekalModulePage *self)
{
  return bekal_module_progress_new (self->learner);
}

BekalModuleFlag
_bekal_module_page_get_flags (BekalModulePage *self)
{
  g_autoptr(BekalModuleProgress) progress = _bekal_module_page_dup_progress (self);

  return bekal_module_progress_get_flags (progress);
}

gboolean
_bekal_module_page_pretest_pending (BekalModulePage *self)
{
  g_autoptr(BekalModuleProgress) progress = _bekal_module_page_dup_progress (self);

  return bekal_module_progress_get_pretest_pending (progress);
}

gboolean
_bekal_module_page_has_unfinished_attempt (BekalModulePage *self,
                                           BekalQuiz       *quiz)
{
  BekalStore *store = bekal_learner_context_get_store (self->learner);
  gint64 profile_id = bekal_learner_context_get_profile_id (self->learner);
  g_autoptr(BekalQuizAttempt) attempt = NULL;

  if (!bekal_learner_context_has_learner (self->learner))
    return FALSE;

  attempt = bekal_store_find_unfinished_attempt (store, profile_id,
                                                 bekal_module_get_id (self->module),
                                                 bekal_quiz_get_id (quiz), NULL);
  return attempt != NULL;
}

/* Whether the post-test can be taken now; @out_reason (may be NULL) says why not */
gboolean
_bekal_module_page_can_take_posttest (BekalModulePage  *self,
                                      BekalQuiz        *posttest,
                                      int              *out_remaining,
                                      char            **out_reason)
{
  g_autoptr(GError) error = NULL;

  if (!bekal_learner_context_has_learner (self->learner))
    {
      if (out_reason != NULL)
        *out_reason = g_strdup (_("Choose a learner profile to take the post-test."));
      return FALSE;
    }

  if (bekal_quiz_can_start_attempt (bekal_learner_context_get_store (self->learner),
                                    bekal_learner_context_get_profile_id (self->learner),
                                    self->module, posttest,
                                    out_remaining, &error))
    return TRUE;

  if (out_reason != NULL)
    {
      if (g_error_matches (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_NO_RETAKES))
        *out_reason = g_strdup (_("You have used every attempt at the post-test that this "
                                  "module allows. Your results are kept; talk with your "
                                  "trainer about what comes next."));
      else
        *out_reason = g_strdup (error->message);
    }
  return FALSE;
}

guint
_bekal_module_page_count_unread_lessons (BekalModulePage *self)
{
  g_autoptr(BekalModuleProgress) progress = _bekal_module_page_dup_progress (self);

  return bekal_module_progress_get_n_unread (progress);
}
