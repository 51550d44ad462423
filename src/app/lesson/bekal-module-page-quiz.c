/* bekal-module-page-quiz.c: the module page's pre-test, practice and post-test steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz-session.h>

#include "bekal-module-page-private.h"
#include "bekal-save.h"
#include "bekal-quiz-page.h"

void
_bekal_module_page_show_pretest (BekalModulePage *self)
{
  BekalQuiz *pretest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST);
  const char *title = pretest != NULL ? bekal_quiz_get_title (pretest) : NULL;
  gboolean done = (_bekal_module_page_get_flags (self) & BEKAL_MODULE_FLAG_PRETEST_DONE) != 0;
  gboolean pending = _bekal_module_page_pretest_pending (self);

  self->current_lesson = -1;
  adw_status_page_set_title (self->pretest_page, title != NULL && title[0] != '\0'
                                                 ? title : _("Pre-test"));
  gtk_widget_set_visible (GTK_WIDGET (self->start_pretest_button), !done);
  gtk_button_set_label (self->start_pretest_button,
                        pretest != NULL && _bekal_module_page_has_unfinished_attempt (self, pretest)
                        ? _("_Continue the Pre-test") : _("_Start the Pre-test"));
  /* the label sits in a clamp, which keeps its lines short */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->pretest_status_label)), done);
  gtk_label_set_text (self->pretest_status_label,
                      _("You have taken the pre-test. Your results are in “My Results”."));
  gtk_button_set_label (self->skip_pretest_button,
                        pending ? _("S_kip the Pre-test") : _("_Go to the Lessons"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->skip_pretest_button), "suggested-action");
  if (done)
    gtk_widget_add_css_class (GTK_WIDGET (self->skip_pretest_button), "suggested-action");
  _bekal_module_page_set_subtitle (self, _("Pre-test"));
  _bekal_module_page_show_step (self, "pretest");
  gtk_widget_grab_focus (GTK_WIDGET (done ? self->skip_pretest_button
                                          : self->start_pretest_button));
}

static void
update_posttest (BekalModulePage *self)
{
  BekalQuiz *posttest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_POSTTEST);
  gboolean passed = (_bekal_module_page_get_flags (self) & BEKAL_MODULE_FLAG_POSTTEST_PASSED) != 0;
  g_autofree char *reason = NULL;
  g_autofree char *status = NULL;
  int remaining = -1;
  gboolean can_take;

  gtk_widget_set_visible (GTK_WIDGET (self->posttest_button), posttest != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->posttest_status_label)),
                          posttest != NULL);
  if (posttest == NULL)
    return;

  can_take = _bekal_module_page_can_take_posttest (self, posttest, &remaining, &reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->posttest_button), can_take);
  if (_bekal_module_page_has_unfinished_attempt (self, posttest))
    gtk_button_set_label (self->posttest_button, _("_Continue the Post-test"));
  else if (passed)
    gtk_button_set_label (self->posttest_button, _("_Take the Post-test Again"));
  else
    gtk_button_set_label (self->posttest_button, _("_Take the Post-test"));

  if (!can_take)
    status = g_steal_pointer (&reason);
  else if (passed)
    status = g_strdup (_("You passed the post-test. Well done!"));
  else if (remaining < 0)
    status = g_strdup (_("The post-test shows what you learned in this module."));
  else
    /* TRANSLATORS: %d is the number of further post-test attempts after the next one */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The post-test shows what you learned in this "
                                           "module. If you do not pass, you can take it %d "
                                           "more time.",
                                           "The post-test shows what you learned in this "
                                           "module. If you do not pass, you can take it %d "
                                           "more times.", remaining), remaining);
  gtk_label_set_text (self->posttest_status_label, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->posttest_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status, -1);
}

/* The end of the module, where the post-test is taken; also reached from the lesson list
 * before every lesson is read */
void
_bekal_module_page_show_finished (BekalModulePage *self)
{
  guint unread = _bekal_module_page_count_unread_lessons (self);

  self->current_lesson = -1;
  if (unread == 0)
    {
      adw_status_page_set_title (self->finished_page, _("You Have Read Every Lesson"));
      adw_status_page_set_description (self->finished_page,
                                       _("Well done. Your reading progress is saved."));
    }
  else
    {
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u lesson is not finished yet. You can read it first, "
                                      "or take the post-test when you feel ready.",
                                      "%u lessons are not finished yet. You can read them "
                                      "first, or take the post-test when you feel ready.",
                                      unread), unread);

      adw_status_page_set_title (self->finished_page, _("Post-test"));
      adw_status_page_set_description (self->finished_page, description);
    }
  update_posttest (self);
  _bekal_module_page_set_subtitle (self, _("Finished"));
  _bekal_module_page_show_step (self, "finished");
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->posttest_button))
      && gtk_widget_get_visible (GTK_WIDGET (self->posttest_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->posttest_button));
}

static void
open_quiz (BekalModulePage *self,
           BekalQuiz       *quiz,
           QuizOrigin       origin)
{
  g_autoptr(GError) error = NULL;
  const char *title = bekal_quiz_get_title (quiz);

  if (!bekal_quiz_page_start (self->quiz_page, bekal_learner_context_get_store (self->learner),
                              bekal_learner_context_get_profile_id (self->learner), self->module,
                              quiz,
                              &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      if (origin == QUIZ_FROM_POSTTEST)
        _bekal_module_page_show_finished (self);
      return;
    }

  self->quiz_origin = origin;
  if (title != NULL && title[0] != '\0')
    _bekal_module_page_set_subtitle (self, title);
  else if (origin == QUIZ_FROM_PRETEST)
    _bekal_module_page_set_subtitle (self, _("Pre-test"));
  else if (origin == QUIZ_FROM_POSTTEST)
    _bekal_module_page_set_subtitle (self, _("Post-test"));
  else
    _bekal_module_page_set_subtitle (self, _("Practice"));
  self->current_lesson = -1;
  _bekal_module_page_show_step (self, "quiz");
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Back to where the quiz was opened from: the lessons after a pre-test, the same block of
 * the lesson after a practice, the end of the module after a post-test */
void
_bekal_module_page_leave_quiz (BekalModulePage *self)
{
  BekalQuizSession *session = bekal_quiz_page_get_session (self->quiz_page);
  gboolean finished = session != NULL && bekal_quiz_session_is_finished (session);

  _bekal_module_page_rebuild_sidebar (self);
  switch (self->quiz_origin)
    {
    case QUIZ_FROM_PRETEST:
      if (finished)
        _bekal_module_page_go_to_saved_position (self);
      else
        _bekal_module_page_show_pretest (self);
      break;
    case QUIZ_FROM_PRACTICE:
      _bekal_module_page_open_lesson (self, self->quiz_lesson, self->quiz_block);
      break;
    case QUIZ_FROM_POSTTEST:
    default:
      _bekal_module_page_show_finished (self);
      break;
    }
}

/* Callbacks */

static void
skip_pretest_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);

  if (_bekal_module_page_pretest_pending (self) && bekal_learner_context_can_write (self->learner))
    bekal_save_module_flag (bekal_learner_context_get_store (self->learner),
                            bekal_learner_context_get_profile_id (self->learner),
                            bekal_module_get_id (self->module),
                            BEKAL_MODULE_FLAG_PRETEST_SKIPPED, NULL, NULL);

  _bekal_module_page_rebuild_sidebar (self);
  _bekal_module_page_go_to_saved_position (self);
}

static void
start_pretest_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  BekalQuiz *pretest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST);

  if (pretest != NULL)
    open_quiz (self, pretest, QUIZ_FROM_PRETEST);
}

static void
start_practice_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  guint block_index = g_variant_get_uint32 (parameter);
  BekalLesson *lesson = bekal_lesson_view_get_lesson (self->lesson_view);
  BekalBlock *block;

  if (lesson == NULL || self->current_lesson < 0
      || block_index >= bekal_lesson_get_n_blocks (lesson))
    return;

  block = bekal_lesson_get_block (lesson, block_index);
  if (bekal_block_get_kind (block) != BEKAL_BLOCK_QUIZ || bekal_block_get_quiz (block) == NULL)
    return;

  self->quiz_lesson = self->current_lesson;
  self->quiz_block = block_index;
  /* the place is kept: the learner comes back to this block */
  bekal_lesson_view_flush (self->lesson_view);
  open_quiz (self, bekal_block_get_quiz (block), QUIZ_FROM_PRACTICE);
}

static void
start_posttest_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  BekalQuiz *posttest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_POSTTEST);

  if (posttest != NULL)
    open_quiz (self, posttest, QUIZ_FROM_POSTTEST);
}

static void
on_quiz_closed (BekalModulePage *self)
{
  _bekal_module_page_leave_quiz (self);
}

/* Internal API */

void
_bekal_module_page_class_init_quiz (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_quiz_closed);

  gtk_widget_class_install_action (widget_class, "module.skip-pretest", NULL, skip_pretest_cb);
  gtk_widget_class_install_action (widget_class, "module.start-pretest", NULL, start_pretest_cb);
  gtk_widget_class_install_action (widget_class, "module.start-practice", "u",
                                   start_practice_cb);
  gtk_widget_class_install_action (widget_class, "module.start-posttest", NULL,
                                   start_posttest_cb);
}
