/* bekal-module-page.c: a module: its lessons, content notes and the pre-test step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz-session.h>

#include "bekal-module-page.h"
#include "bekal-quiz-page.h"

#define MODULE_NOTE_KEY "module"

typedef enum
{
  NOTE_FOR_MODULE,
  NOTE_FOR_LESSON,
} NoteTarget;

/* Where the learner goes when they leave the quiz shown */
typedef enum
{
  QUIZ_FROM_PRETEST,
  QUIZ_FROM_PRACTICE,
  QUIZ_FROM_POSTTEST,
} QuizOrigin;

struct _BekalModulePage
{
  GtkWidget          parent_instance;

  BekalCatalogEntry *entry;
  BekalModule       *module;
  BekalStore        *store;
  GSettings         *settings;
  gint64             profile_id;
  BekalBlockContext  context;
  GHashTable        *acknowledged_notes; /* "module" and lesson ids, for this visit */
  NoteTarget         note_target;
  guint              pending_lesson;
  guint              pending_block;
  int                current_lesson;     /* -1 when no lesson is shown */
  char              *subtitle;
  QuizOrigin         quiz_origin;
  guint              quiz_lesson;        /* a practice quiz returns to this lesson ... */
  guint              quiz_block;         /* ... and block */

  AdwFlap           *flap;
  GtkLabel          *module_title_label;
  GtkListBox        *lesson_list;
  GtkStack          *content_stack;
  AdwStatusPage     *note_page;
  AdwStatusPage     *pretest_page;
  GtkButton         *skip_pretest_button;
  GtkButton         *start_pretest_button;
  GtkLabel          *pretest_status_label;
  GtkLabel          *posttest_status_label;
  AdwStatusPage     *finished_page;
  GtkButton         *posttest_button;
  BekalQuizPage     *quiz_page;
  GtkButton         *note_continue_button;
  BekalLessonView   *lesson_view;
};

G_DEFINE_FINAL_TYPE (BekalModulePage, bekal_module_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_PROGRESS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_lesson (BekalModulePage *self,
                         guint            index,
                         guint            block_index);

/* Helpers */

static gboolean
can_write (BekalModulePage *self)
{
  return self->store != NULL && self->profile_id != 0 && !bekal_store_is_read_only (self->store);
}

static void
set_subtitle (BekalModulePage *self,
              const char      *subtitle)
{
  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static BekalModuleFlag
get_flags (BekalModulePage *self)
{
  BekalModuleFlag flags = BEKAL_MODULE_FLAG_NONE;

  if (self->store != NULL && self->profile_id != 0)
    bekal_store_get_module_flags (self->store, self->profile_id,
                                  bekal_module_get_id (self->module), &flags, NULL);

  return flags;
}

static gboolean
pretest_pending (BekalModulePage *self)
{
  BekalModuleFlag flags;

  if (bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST) == NULL)
    return FALSE;

  flags = get_flags (self);
  return (flags & (BEKAL_MODULE_FLAG_PRETEST_SKIPPED | BEKAL_MODULE_FLAG_PRETEST_DONE)) == 0;
}

static gboolean
has_unfinished_attempt (BekalModulePage *self,
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
static gboolean
can_take_posttest (BekalModulePage  *self,
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

static gboolean
lesson_complete (BekalModulePage *self,
                 BekalLesson     *lesson)
{
  if (self->store == NULL || self->profile_id == 0)
    return FALSE;

  return bekal_store_is_lesson_complete (self->store, self->profile_id,
                                         bekal_module_get_id (self->module),
                                         bekal_lesson_get_id (lesson), NULL);
}

static void
update_actions (BekalModulePage *self)
{
  gboolean in_lesson = self->current_lesson >= 0
                       && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                     "lesson") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "module.previous-lesson",
                                 in_lesson && self->current_lesson > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "module.next-lesson", in_lesson);
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

static void
rebuild_sidebar (BekalModulePage *self)
{
  GtkWidget *child;
  BekalQuiz *pretest;
  BekalQuiz *posttest;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lesson_list))) != NULL)
    gtk_list_box_remove (self->lesson_list, child);

  if (self->module == NULL)
    return;

  pretest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST);
  if (pretest != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      BekalModuleFlag flags = get_flags (self);
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
      g_object_set_data (G_OBJECT (row), "bekal-pretest", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->lesson_list, row);
    }

  for (guint i = 0; i < bekal_module_get_n_lessons (self->module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (self->module, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, bekal_lesson_get_title (lesson));
      guint minutes = bekal_lesson_get_reading_minutes (lesson);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                                "%u minutes", minutes), minutes);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 create_status_icon (lesson_complete (self, lesson)));
      g_object_set_data (G_OBJECT (row), "bekal-lesson", GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (self->lesson_list, row);
    }

  posttest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_POSTTEST);
  if (posttest != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      gboolean passed = (get_flags (self) & BEKAL_MODULE_FLAG_POSTTEST_PASSED) != 0;
      const char *state;

      if (passed)
        state = _("Passed");
      else if (!can_take_posttest (self, posttest, NULL, NULL))
        state = _("No attempts left");
      else
        state = _("Take the post-test");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Post-test"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), create_status_icon (passed));
      g_object_set_data (G_OBJECT (row), "bekal-posttest", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->lesson_list, row);
    }
}

static void
select_sidebar_row (BekalModulePage *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lesson_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      guint lesson = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bekal-lesson"));
      gboolean is_pretest = g_object_get_data (G_OBJECT (row), "bekal-pretest") != NULL;
      gboolean is_posttest = g_object_get_data (G_OBJECT (row), "bekal-posttest") != NULL;
      const char *step = gtk_stack_get_visible_child_name (self->content_stack);
      gboolean in_quiz = g_strcmp0 (step, "quiz") == 0;

      if ((lesson > 0 && (int) lesson - 1 == self->current_lesson
           && g_strcmp0 (step, "lesson") == 0)
          || (lesson > 0 && in_quiz && self->quiz_origin == QUIZ_FROM_PRACTICE
              && lesson - 1 == self->quiz_lesson)
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

static void
show_step (BekalModulePage *self,
           const char      *step)
{
  if (g_strcmp0 (step, "lesson") != 0)
    bekal_lesson_view_clear (self->lesson_view);

  gtk_stack_set_visible_child_name (self->content_stack, step);
  /* the lessons of a module that broke cannot be opened */
  gtk_widget_set_sensitive (GTK_WIDGET (self->lesson_list), g_strcmp0 (step, "broken") != 0);
  update_actions (self);
  select_sidebar_row (self);
}

static void
show_note (BekalModulePage *self,
           NoteTarget       target,
           const char      *note)
{
  g_autofree char *escaped = g_markup_escape_text (note, -1);

  self->note_target = target;
  /* AdwStatusPage takes markup: module text is escaped */
  adw_status_page_set_description (self->note_page, escaped);
  adw_status_page_set_title (self->note_page, _("Content Note"));
  set_subtitle (self, target == NOTE_FOR_MODULE
                      ? _("Content note")
                      : bekal_lesson_get_title (bekal_module_get_lesson (self->module,
                                                                         self->pending_lesson)));
  show_step (self, "note");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_continue_button));
}

static void
display_lesson (BekalModulePage *self,
                guint            index,
                guint            block_index)
{
  BekalLesson *lesson = bekal_module_get_lesson (self->module, index);

  self->current_lesson = index;
  gtk_stack_set_visible_child_name (self->content_stack, "lesson");
  gtk_widget_set_sensitive (GTK_WIDGET (self->lesson_list), TRUE);
  bekal_lesson_view_show_lesson (self->lesson_view, &self->context, lesson, block_index);
  bekal_lesson_view_set_navigation (self->lesson_view, index + 1,
                                    bekal_module_get_n_lessons (self->module));
  set_subtitle (self, bekal_lesson_get_title (lesson));
  update_actions (self);
  select_sidebar_row (self);
  bekal_lesson_view_focus (self->lesson_view);
}

static void
open_lesson (BekalModulePage *self,
             guint            index,
             guint            block_index)
{
  BekalLesson *lesson;
  const char *note;

  if (index >= bekal_module_get_n_lessons (self->module))
    index = 0;

  lesson = bekal_module_get_lesson (self->module, index);
  note = bekal_lesson_get_content_note (lesson);

  if (note != NULL && note[0] != '\0'
      && !g_hash_table_contains (self->acknowledged_notes, bekal_lesson_get_id (lesson)))
    {
      self->pending_lesson = index;
      self->pending_block = block_index;
      self->current_lesson = -1;
      show_note (self, NOTE_FOR_LESSON, note);
      return;
    }

  display_lesson (self, index, block_index);
}

static void
go_to_saved_position (BekalModulePage *self)
{
  g_autofree char *lesson_id = NULL;
  guint block_index = 0;
  BekalLesson *lesson = NULL;

  if (self->store != NULL && self->profile_id != 0
      && bekal_store_get_position (self->store, self->profile_id,
                                   bekal_module_get_id (self->module), &lesson_id, &block_index,
                                   NULL))
    lesson = bekal_module_find_lesson (self->module, lesson_id);

  /* the lesson may be gone from a newer version of the module */
  if (lesson == NULL || block_index >= bekal_lesson_get_n_blocks (lesson))
    block_index = 0;

  open_lesson (self, lesson != NULL ? bekal_lesson_get_index (lesson) : 0, block_index);
}

static void
show_pretest (BekalModulePage *self)
{
  BekalQuiz *pretest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_PRETEST);
  const char *title = pretest != NULL ? bekal_quiz_get_title (pretest) : NULL;
  gboolean done = (get_flags (self) & BEKAL_MODULE_FLAG_PRETEST_DONE) != 0;
  gboolean pending = pretest_pending (self);

  self->current_lesson = -1;
  adw_status_page_set_title (self->pretest_page, title != NULL && title[0] != '\0'
                                                 ? title : _("Pre-test"));
  gtk_widget_set_visible (GTK_WIDGET (self->start_pretest_button), !done);
  gtk_button_set_label (self->start_pretest_button,
                        pretest != NULL && has_unfinished_attempt (self, pretest)
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
  set_subtitle (self, _("Pre-test"));
  show_step (self, "pretest");
  gtk_widget_grab_focus (GTK_WIDGET (done ? self->skip_pretest_button
                                          : self->start_pretest_button));
}

static void
update_posttest (BekalModulePage *self)
{
  BekalQuiz *posttest = bekal_module_find_quiz_by_role (self->module, BEKAL_QUIZ_POSTTEST);
  gboolean passed = (get_flags (self) & BEKAL_MODULE_FLAG_POSTTEST_PASSED) != 0;
  g_autofree char *reason = NULL;
  g_autofree char *status = NULL;
  int remaining = -1;
  gboolean can_take;

  gtk_widget_set_visible (GTK_WIDGET (self->posttest_button), posttest != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->posttest_status_label)),
                          posttest != NULL);
  if (posttest == NULL)
    return;

  can_take = can_take_posttest (self, posttest, &remaining, &reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->posttest_button), can_take);
  if (has_unfinished_attempt (self, posttest))
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

static guint
count_unread_lessons (BekalModulePage *self)
{
  guint unread = 0;

  for (guint i = 0; i < bekal_module_get_n_lessons (self->module); i++)
    if (!lesson_complete (self, bekal_module_get_lesson (self->module, i)))
      unread++;

  return unread;
}

/* The end of the module, where the post-test is taken; also reached from the lesson list
 * before every lesson is read */
static void
show_finished (BekalModulePage *self)
{
  guint unread = count_unread_lessons (self);

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
  set_subtitle (self, _("Finished"));
  show_step (self, "finished");
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

  if (!bekal_quiz_page_start (self->quiz_page, self->store, self->profile_id, self->module, quiz,
                              &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      if (origin == QUIZ_FROM_POSTTEST)
        show_finished (self);
      return;
    }

  self->quiz_origin = origin;
  if (title != NULL && title[0] != '\0')
    set_subtitle (self, title);
  else if (origin == QUIZ_FROM_PRETEST)
    set_subtitle (self, _("Pre-test"));
  else if (origin == QUIZ_FROM_POSTTEST)
    set_subtitle (self, _("Post-test"));
  else
    set_subtitle (self, _("Practice"));
  self->current_lesson = -1;
  show_step (self, "quiz");
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Back to where the quiz was opened from: the lessons after a pre-test, the same block of
 * the lesson after a practice, the end of the module after a post-test */
static void
leave_quiz (BekalModulePage *self)
{
  BekalQuizSession *session = bekal_quiz_page_get_session (self->quiz_page);
  gboolean finished = session != NULL && bekal_quiz_session_is_finished (session);

  rebuild_sidebar (self);
  switch (self->quiz_origin)
    {
    case QUIZ_FROM_PRETEST:
      if (finished)
        go_to_saved_position (self);
      else
        show_pretest (self);
      break;
    case QUIZ_FROM_PRACTICE:
      open_lesson (self, self->quiz_lesson, self->quiz_block);
      break;
    case QUIZ_FROM_POSTTEST:
    default:
      show_finished (self);
      break;
    }
}

static void
after_module_note (BekalModulePage *self)
{
  if (pretest_pending (self))
    show_pretest (self);
  else
    go_to_saved_position (self);
}

static void
start (BekalModulePage *self)
{
  const char *note = bekal_module_get_content_note (self->module);

  if (note != NULL && note[0] != '\0'
      && !g_hash_table_contains (self->acknowledged_notes, MODULE_NOTE_KEY))
    show_note (self, NOTE_FOR_MODULE, note);
  else
    after_module_note (self);
}

static void
set_module (BekalModulePage *self,
            BekalModule     *module)
{
  g_set_object (&self->module, module);
  self->context.module = module;
  self->context.store = self->store;
  self->context.profile_id = self->profile_id;
  self->context.settings = self->settings;

  gtk_label_set_text (self->module_title_label, bekal_module_get_title (module));
  rebuild_sidebar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Callbacks */

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  BekalModulePage *self)
{
  guint lesson = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bekal-lesson"));
  g_autofree char *saved_lesson = NULL;
  guint saved_block = 0;

  if (g_object_get_data (G_OBJECT (row), "bekal-pretest") != NULL)
    {
      show_pretest (self);
      return;
    }

  /* the end of the module, where the post-test is taken or why it cannot be */
  if (g_object_get_data (G_OBJECT (row), "bekal-posttest") != NULL)
    {
      bekal_lesson_view_flush (self->lesson_view);
      show_finished (self);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }

  if (lesson == 0)
    return;

  /* coming back to the lesson of the saved position returns to the saved block */
  if (self->store != NULL && self->profile_id != 0
      && bekal_store_get_position (self->store, self->profile_id,
                                   bekal_module_get_id (self->module), &saved_lesson,
                                   &saved_block, NULL)
      && g_strcmp0 (saved_lesson,
                    bekal_lesson_get_id (bekal_module_get_lesson (self->module, lesson - 1))) != 0)
    saved_block = 0;

  open_lesson (self, lesson - 1, saved_block);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_lesson_completed (BekalModulePage *self)
{
  rebuild_sidebar (self);
  select_sidebar_row (self);
}

static void
next_lesson_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  BekalLesson *lesson;
  g_autoptr(GError) error = NULL;

  if (self->current_lesson < 0)
    return;

  lesson = bekal_module_get_lesson (self->module, self->current_lesson);
  bekal_lesson_view_flush (self->lesson_view);
  if (can_write (self)
      && !bekal_store_mark_lesson_complete (self->store, self->profile_id,
                                            bekal_module_get_id (self->module),
                                            bekal_lesson_get_id (lesson), &error))
    g_warning ("Cannot record the lesson as complete: %s", error->message);

  rebuild_sidebar (self);

  if ((guint) self->current_lesson + 1 < bekal_module_get_n_lessons (self->module))
    open_lesson (self, self->current_lesson + 1, 0);
  else
    show_finished (self);
}

static void
previous_lesson_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);

  if (self->current_lesson > 0)
    open_lesson (self, self->current_lesson - 1, 0);
}

static void
skip_pretest_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (pretest_pending (self) && can_write (self)
      && !bekal_store_set_module_flag (self->store, self->profile_id,
                                       bekal_module_get_id (self->module),
                                       BEKAL_MODULE_FLAG_PRETEST_SKIPPED, &error))
    g_warning ("Cannot record the skipped pre-test: %s", error->message);

  rebuild_sidebar (self);
  go_to_saved_position (self);
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
on_quiz_finished (BekalModulePage  *self,
                  BekalQuizSession *session)
{
  /* the session set the module's flags (pre-test done, post-test passed) */
  rebuild_sidebar (self);
  select_sidebar_row (self);
  g_signal_emit (self, signals[SIGNAL_PROGRESS_CHANGED], 0);
}

static void
on_quiz_closed (BekalModulePage *self)
{
  leave_quiz (self);
}

static void
note_continue_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  BekalLesson *lesson;

  if (self->note_target == NOTE_FOR_MODULE)
    {
      g_hash_table_add (self->acknowledged_notes, g_strdup (MODULE_NOTE_KEY));
      after_module_note (self);
      return;
    }

  lesson = bekal_module_get_lesson (self->module, self->pending_lesson);
  g_hash_table_add (self->acknowledged_notes, g_strdup (bekal_lesson_get_id (lesson)));
  display_lesson (self, self->pending_lesson, self->pending_block);
}

static void
note_skip_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);

  if (self->note_target == NOTE_FOR_LESSON
      && self->pending_lesson + 1 < bekal_module_get_n_lessons (self->module))
    {
      open_lesson (self, self->pending_lesson + 1, 0);
      return;
    }

  /* nothing comes after: back to the library, nothing is recorded */
  gtk_widget_activate_action (widget, "win.go-back", NULL);
}

/* Overrides */

static void
bekal_module_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, bekal_module_page_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_module_page_dispose (GObject *object)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (object);
  GtkWidget *child;

  if (self->lesson_view != NULL)
    bekal_lesson_view_clear (self->lesson_view);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_MODULE_PAGE);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->entry);
  g_clear_object (&self->module);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bekal_module_page_parent_class)->dispose (object);
}

static void
bekal_module_page_finalize (GObject *object)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (object);

  g_hash_table_unref (self->acknowledged_notes);
  g_free (self->subtitle);

  G_OBJECT_CLASS (bekal_module_page_parent_class)->finalize (object);
}

static void
bekal_module_page_class_init (BekalModulePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bekal_module_page_get_property;
  object_class->dispose = bekal_module_page_dispose;
  object_class->finalize = bekal_module_page_finalize;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a quiz was finished: the module's state in the library may have changed */
  signals[SIGNAL_PROGRESS_CHANGED] =
    g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BEKAL_TYPE_LESSON_VIEW);
  g_type_ensure (BEKAL_TYPE_QUIZ_PAGE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-module-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, flap);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, module_title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, lesson_list);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, note_page);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, pretest_page);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, skip_pretest_button);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, start_pretest_button);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, pretest_status_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, posttest_status_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, finished_page);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, posttest_button);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, quiz_page);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, note_continue_button);
  gtk_widget_class_bind_template_child (widget_class, BekalModulePage, lesson_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_lesson_completed);
  gtk_widget_class_bind_template_callback (widget_class, on_quiz_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_quiz_closed);

  gtk_widget_class_install_action (widget_class, "module.next-lesson", NULL, next_lesson_cb);
  gtk_widget_class_install_action (widget_class, "module.previous-lesson", NULL,
                                   previous_lesson_cb);
  gtk_widget_class_install_action (widget_class, "module.skip-pretest", NULL, skip_pretest_cb);
  gtk_widget_class_install_action (widget_class, "module.start-pretest", NULL, start_pretest_cb);
  gtk_widget_class_install_action (widget_class, "module.start-practice", "u",
                                   start_practice_cb);
  gtk_widget_class_install_action (widget_class, "module.start-posttest", NULL,
                                   start_posttest_cb);
  gtk_widget_class_install_action (widget_class, "module.note-continue", NULL, note_continue_cb);
  gtk_widget_class_install_action (widget_class, "module.note-skip", NULL, note_skip_cb);
}

static void
bekal_module_page_init (BekalModulePage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  static const struct
  {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } keys[] = {
    { GDK_KEY_Page_Down, GDK_CONTROL_MASK, "module.next-lesson" },
    { GDK_KEY_Right, GDK_ALT_MASK, "module.next-lesson" },
    { GDK_KEY_Page_Up, GDK_CONTROL_MASK, "module.previous-lesson" },
  };

  self->acknowledged_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->current_lesson = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* before the scrolled window, which would take Ctrl+Page Up/Down for sideways scrolling */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcutTrigger *trigger = gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers);
      GtkShortcutAction *action = gtk_named_action_new (keys[i].action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (trigger, action));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_actions (self);
}

/* Public API */

void
bekal_module_page_open (BekalModulePage   *self,
                        BekalCatalogEntry *entry,
                        BekalModule       *module,
                        BekalStore        *store,
                        gint64             profile_id,
                        GSettings         *settings)
{
  g_return_if_fail (BEKAL_IS_MODULE_PAGE (self));
  g_return_if_fail (BEKAL_IS_CATALOG_ENTRY (entry));
  g_return_if_fail (BEKAL_IS_MODULE (module));

  bekal_module_page_close (self);

  g_set_object (&self->entry, entry);
  g_set_object (&self->store, store);
  g_set_object (&self->settings, settings);
  self->profile_id = profile_id;
  g_hash_table_remove_all (self->acknowledged_notes);
  set_module (self, module);

  start (self);
}

void
bekal_module_page_close (BekalModulePage *self)
{
  g_return_if_fail (BEKAL_IS_MODULE_PAGE (self));

  bekal_lesson_view_clear (self->lesson_view);
  self->current_lesson = -1;
  update_actions (self);
}

void
bekal_module_page_entry_reloaded (BekalModulePage   *self,
                                  BekalCatalogEntry *entry)
{
  BekalModule *module;
  BekalLesson *lesson;
  g_autofree char *lesson_id = NULL;
  guint block_index = 0;
  const char *step;

  g_return_if_fail (BEKAL_IS_MODULE_PAGE (self));
  g_return_if_fail (BEKAL_IS_CATALOG_ENTRY (entry));

  step = gtk_stack_get_visible_child_name (self->content_stack);
  lesson = bekal_lesson_view_get_lesson (self->lesson_view);
  if (lesson != NULL && g_strcmp0 (step, "lesson") == 0)
    {
      lesson_id = g_strdup (bekal_lesson_get_id (lesson));
      block_index = bekal_lesson_view_get_current_block (self->lesson_view);
    }

  /* saves the position before the old module goes */
  bekal_module_page_close (self);
  g_set_object (&self->entry, entry);

  module = bekal_catalog_entry_get_module (entry, g_get_language_names ());
  if (module == NULL)
    {
      set_subtitle (self, _("Changed on disk"));
      show_step (self, "broken");
      return;
    }

  set_module (self, module);

  if (lesson_id != NULL && (lesson = bekal_module_find_lesson (module, lesson_id)) != NULL)
    {
      if (block_index >= bekal_lesson_get_n_blocks (lesson))
        block_index = 0;
      open_lesson (self, bekal_lesson_get_index (lesson), block_index);
    }
  else if (g_strcmp0 (step, "lesson") == 0 || g_strcmp0 (step, "broken") == 0)
    go_to_saved_position (self);
  else
    start (self);
}

BekalCatalogEntry *
bekal_module_page_get_entry (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->entry;
}

BekalModule *
bekal_module_page_get_module (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->module;
}

BekalLessonView *
bekal_module_page_get_lesson_view (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->lesson_view;
}

const char *
bekal_module_page_get_step (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

const char *
bekal_module_page_get_title (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->module != NULL ? bekal_module_get_title (self->module) : NULL;
}

const char *
bekal_module_page_get_subtitle (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->subtitle;
}

AdwFlap *
bekal_module_page_get_flap (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->flap;
}

void
bekal_module_page_show_lesson (BekalModulePage *self,
                               guint            index)
{
  g_return_if_fail (BEKAL_IS_MODULE_PAGE (self));
  g_return_if_fail (self->module != NULL);

  open_lesson (self, index, 0);
}

BekalQuizPage *
bekal_module_page_get_quiz_page (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), NULL);

  return self->quiz_page;
}

gboolean
bekal_module_page_go_back (BekalModulePage *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_PAGE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "quiz") != 0)
    return FALSE;

  leave_quiz (self);
  return TRUE;
}
