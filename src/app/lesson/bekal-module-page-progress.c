/* bekal-module-page-progress.c: what the learner has done in the module shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-module-page-private.h"

gboolean
_bekal_module_page_can_write (BekalModulePage *self)
{
  return self->store != NULL && self->profile_id != 0 && !bekal_store_is_read_only (self->store);
}

BekalModuleFlag
_bekal_module_page_get_flags (BekalModulePage *self)
{
  BekalModuleFlag flags = BEKAL_MODULE_FLAG_NONE;

  if (self->store != NULL && self->profile_id != 0)
    bekal_store_get_module_flags (self->store, self->profile_id,
                                  bekal_module_get_id (self->module), &flags, NULL);

  return flags;
}

gboolean
_bekal_module_page_pretest_pending (BekalModulePage *self)
{
  BekalModuleFlag flags;

  if (bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST) == NULL)
    return FALSE;

  flags = _bekal_module_page_get_flags (self);
  return (flags & (BEKAL_MODULE_FLAG_PRETEST_SKIPPED | BEKAL_MODULE_FLAG_PRETEST_DONE)) == 0;
}

gboolean
_bekal_module_page_has_unfinished_attempt (BekalModulePage *self,
                                           BekalQuiz       *quiz)
{
  g_autoptr(BekalQuizAttempt) attempt = NULL;

  if (self->store == NULL || self->profile_id == 0)
    return FALSE;

  attempt = bekal_store_find_unfinished_attempt (self->store, self->profile_id,
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

  if (self->store == NULL || self->profile_id == 0)
    {
      if (out_reason != NULL)
        *out_reason = g_strdup (_("Choose a learner profile to take the post-test."));
      return FALSE;
    }

  if (bekal_quiz_can_start_attempt (self->store, self->profile_id, self->module, posttest,
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

gboolean
_bekal_module_page_lesson_complete (BekalModulePage *self,
                                    BekalLesson     *lesson)
{
  if (self->store == NULL || self->profile_id == 0)
    return FALSE;

  return bekal_store_is_lesson_complete (self->store, self->profile_id,
                                         bekal_module_get_id (self->module),
                                         bekal_lesson_get_id (lesson), NULL);
}

guint
_bekal_module_page_count_unread_lessons (BekalModulePage *self)
{
  guint unread = 0;

  for (guint i = 0; i < bekal_module_get_n_lessons (self->module); i++)
    if (!_bekal_module_page_lesson_complete (self, bekal_module_get_lesson (self->module, i)))
      unread++;

  return unread;
}
