/* bekal-module-page-sidebar.c: the module page's table of contents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-module-page-private.h"

/* What a row of the table of contents opens */
typedef enum
{
  TOC_PRETEST,
  TOC_LESSON,
  TOC_POSTTEST,
} TocKind;

#define BEKAL_TYPE_TOC_ROW (bekal_toc_row_get_type ())
G_DECLARE_FINAL_TYPE (BekalTocRow, bekal_toc_row, BEKAL, TOC_ROW, AdwActionRow)

struct _BekalTocRow
{
  AdwActionRow parent_instance;

  TocKind      kind;
  guint        lesson;    /* the lesson's index, for TOC_LESSON */
};

G_DEFINE_FINAL_TYPE (BekalTocRow, bekal_toc_row, ADW_TYPE_ACTION_ROW)

static void
bekal_toc_row_class_init (BekalTocRowClass *klass)
{
}

static void
bekal_toc_row_init (BekalTocRow *self)
{
}

static GtkWidget *
bekal_toc_row_new (TocKind kind,
                   guint   lesson)
{
  BekalTocRow *self = g_object_new (BEKAL_TYPE_TOC_ROW, NULL);

  self->kind = kind;
  self->lesson = lesson;
  return GTK_WIDGET (self);
}

static GtkWidget *
create_status_icon (gboolean complete)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (complete ? "object-select-symbolic" : NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, complete ? "lesson-complete" : "lesson-incomplete");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  complete ? _("Completed") : _("Not completed yet"), -1);

  return icon;
}

void
_bekal_module_page_rebuild_sidebar (BekalModulePage *self)
{
  g_autoptr(BekalModuleProgress) progress = NULL;
  GtkWidget *child;
  BekalQuiz *pretest;
  BekalQuiz *posttest;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lesson_list))) != NULL)
    gtk_list_box_remove (self->lesson_list, child);

  if (self->module == NULL)
    return;

  /* one reading of the store for every row */
  progress = _bekal_module_page_dup_progress (self);

  pretest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST);
  if (pretest != NULL)
    {
      GtkWidget *row = bekal_toc_row_new (TOC_PRETEST, 0);
      BekalModuleFlag flags = bekal_module_progress_get_flags (progress);
      const char *state;

      if (flags & BEKAL_MODULE_FLAG_PRETEST_DONE)
        state = _("Done");
      else if (flags & BEKAL_MODULE_FLAG_PRETEST_SKIPPED)
        state = _("Skipped");
      else
        state = _("Next step");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Pre-test"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 create_status_icon (flags & BEKAL_MODULE_FLAG_PRETEST_DONE));
      gtk_list_box_append (self->lesson_list, row);
    }

  for (guint i = 0; i < bekal_module_get_n_lessons (self->module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (self->module, i);
      GtkWidget *row = bekal_toc_row_new (TOC_LESSON, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, bekal_lesson_get_title (lesson));
      guint minutes = bekal_lesson_get_reading_minutes (lesson);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                                "%u minutes", minutes), minutes);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 create_status_icon (bekal_module_progress_is_lesson_complete (
                                                       progress, lesson)));
      gtk_list_box_append (self->lesson_list, row);
    }

  posttest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_POSTTEST);
  if (posttest != NULL)
    {
      GtkWidget *row = bekal_toc_row_new (TOC_POSTTEST, 0);
      gboolean passed = (bekal_module_progress_get_flags (progress)
                         & BEKAL_MODULE_FLAG_POSTTEST_PASSED) != 0;
      const char *state;

      if (passed)
        state = _("Passed");
      else if (!_bekal_module_page_can_take_posttest (self, posttest, NULL, NULL))
        state = _("No attempts left");
      else
        state = _("Take the post-test");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Post-test"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), create_status_icon (passed));
      gtk_list_box_append (self->lesson_list, row);
    }
}

void
_bekal_module_page_select_sidebar_row (BekalModulePage *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lesson_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      BekalTocRow *toc = BEKAL_TOC_ROW (row);
      gboolean is_lesson = toc->kind == TOC_LESSON;
      gboolean is_pretest = toc->kind == TOC_PRETEST;
      gboolean is_posttest = toc->kind == TOC_POSTTEST;
      const char *step = gtk_stack_get_visible_child_name (self->content_stack);
      gboolean in_quiz = g_strcmp0 (step, "quiz") == 0;

      if ((is_lesson && (int) toc->lesson == self->current_lesson
           && g_strcmp0 (step, "lesson") == 0)
          || (is_lesson && in_quiz && self->quiz_origin == QUIZ_FROM_PRACTICE
              && toc->lesson == self->quiz_lesson)
          || (is_pretest && (g_strcmp0 (step, "pretest") == 0
                             || (in_quiz && self->quiz_origin == QUIZ_FROM_PRETEST)))
          || (is_posttest && (g_strcmp0 (step, "finished") == 0
                              || (in_quiz && self->quiz_origin == QUIZ_FROM_POSTTEST))))
        {
          gtk_list_box_select_row (self->lesson_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }

  gtk_list_box_unselect_all (self->lesson_list);
}

/* Callbacks */

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  BekalModulePage *self)
{
  BekalTocRow *toc = BEKAL_TOC_ROW (row);
  g_autofree char *saved_lesson = NULL;
  guint saved_block = 0;

  if (toc->kind == TOC_PRETEST)
    {
      _bekal_module_page_show_pretest (self);
      return;
    }

  /* the end of the module, where the post-test is taken or why it cannot be */
  if (toc->kind == TOC_POSTTEST)
    {
      bekal_lesson_view_flush (self->lesson_view);
      _bekal_module_page_show_finished (self);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }

  /* coming back to the lesson of the saved position returns to the saved block */
  if (bekal_learner_context_has_learner (self->learner)
      && bekal_store_get_position (bekal_learner_context_get_store (self->learner),
                                   bekal_learner_context_get_profile_id (self->learner),
                                   bekal_module_get_id (self->module), &saved_lesson,
                                   &saved_block, NULL)
      && g_strcmp0 (saved_lesson,
                    bekal_lesson_get_id (bekal_module_get_lesson (self->module,
                                                                  toc->lesson))) != 0)
    saved_block = 0;

  _bekal_module_page_open_lesson (self, toc->lesson, saved_block);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_lesson_completed (BekalModulePage *self)
{
  _bekal_module_page_rebuild_sidebar (self);
  _bekal_module_page_select_sidebar_row (self);
}

/* Internal API */

void
_bekal_module_page_class_init_sidebar (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_lesson_completed);
}
