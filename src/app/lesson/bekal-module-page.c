/* bekal-module-page.c: a module: its lessons, content notes and the pre-test step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz-session.h>

#include "bekal-module-page-private.h"
#include "bekal-save.h"
#include "bekal-quiz-page.h"

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

/* Helpers */

void
_bekal_module_page_set_subtitle (BekalModulePage *self,
                                 const char      *subtitle)
{
  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
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

void
_bekal_module_page_show_step (BekalModulePage *self,
                              const char      *step)
{
  if (g_strcmp0 (step, "lesson") != 0)
    bekal_lesson_view_clear (self->lesson_view);

  gtk_stack_set_visible_child_name (self->content_stack, step);
  /* the lessons of a module that broke cannot be opened */
  gtk_widget_set_sensitive (GTK_WIDGET (self->lesson_list), g_strcmp0 (step, "broken") != 0);
  update_actions (self);
  _bekal_module_page_select_sidebar_row (self);
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
  _bekal_module_page_set_subtitle (self, target == NOTE_FOR_MODULE
                                         ? _("Content note")
                                         : bekal_lesson_get_title (
                                             bekal_module_get_lesson (self->module,
                                                                      self->pending_lesson)));
  _bekal_module_page_show_step (self, "note");
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
  _bekal_module_page_set_subtitle (self, bekal_lesson_get_title (lesson));
  update_actions (self);
  _bekal_module_page_select_sidebar_row (self);
  bekal_lesson_view_focus (self->lesson_view);
}

void
_bekal_module_page_open_lesson (BekalModulePage *self,
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

void
_bekal_module_page_go_to_saved_position (BekalModulePage *self)
{
  g_autofree char *lesson_id = NULL;
  guint block_index = 0;
  BekalLesson *lesson = NULL;

  if (bekal_learner_context_has_learner (self->learner)
      && bekal_store_get_position (bekal_learner_context_get_store (self->learner),
                                   bekal_learner_context_get_profile_id (self->learner),
                                   bekal_module_get_id (self->module), &lesson_id, &block_index,
                                   NULL))
    lesson = bekal_module_find_lesson (self->module, lesson_id);

  /* the lesson may be gone from a newer version of the module */
  if (lesson == NULL || block_index >= bekal_lesson_get_n_blocks (lesson))
    block_index = 0;

  _bekal_module_page_open_lesson (self, lesson != NULL ? bekal_lesson_get_index (lesson) : 0,
                                  block_index);
}

static void
after_module_note (BekalModulePage *self)
{
  if (_bekal_module_page_pretest_pending (self))
    _bekal_module_page_show_pretest (self);
  else
    _bekal_module_page_go_to_saved_position (self);
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
  BekalLearnerContext *learner = bekal_learner_context_new_for_module (self->learner, module);

  g_set_object (&self->module, module);
  g_set_object (&self->learner, learner);
  g_object_unref (learner);
  self->context.module = module;
  self->context.store = bekal_learner_context_get_store (learner);
  self->context.profile_id = bekal_learner_context_get_profile_id (learner);
  self->context.settings = bekal_learner_context_get_settings (learner);
  self->context.learner = learner;

  gtk_label_set_text (self->module_title_label, bekal_module_get_title (module));
  _bekal_module_page_rebuild_sidebar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Callbacks */

static void
next_lesson_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);
  BekalLesson *lesson;

  if (self->current_lesson < 0)
    return;

  lesson = bekal_module_get_lesson (self->module, self->current_lesson);
  bekal_lesson_view_flush (self->lesson_view);
  if (bekal_learner_context_can_write (self->learner))
    bekal_save_lesson_complete (bekal_learner_context_get_store (self->learner),
                                bekal_learner_context_get_profile_id (self->learner),
                                bekal_module_get_id (self->module),
                                bekal_lesson_get_id (lesson), NULL, NULL);

  _bekal_module_page_rebuild_sidebar (self);

  if ((guint) self->current_lesson + 1 < bekal_module_get_n_lessons (self->module))
    _bekal_module_page_open_lesson (self, self->current_lesson + 1, 0);
  else
    _bekal_module_page_show_finished (self);
}

static void
previous_lesson_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BekalModulePage *self = BEKAL_MODULE_PAGE (widget);

  if (self->current_lesson > 0)
    _bekal_module_page_open_lesson (self, self->current_lesson - 1, 0);
}

static void
on_quiz_finished (BekalModulePage  *self,
                  BekalQuizSession *session)
{
  /* the session set the module's flags (pre-test done, post-test passed) */
  _bekal_module_page_rebuild_sidebar (self);
  _bekal_module_page_select_sidebar_row (self);
  g_signal_emit (self, signals[SIGNAL_PROGRESS_CHANGED], 0);
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
      _bekal_module_page_open_lesson (self, self->pending_lesson + 1, 0);
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
  g_clear_object (&self->learner);
  self->context.learner = NULL;

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
  gtk_widget_class_bind_template_callback (widget_class, on_quiz_finished);

  gtk_widget_class_install_action (widget_class, "module.next-lesson", NULL, next_lesson_cb);
  gtk_widget_class_install_action (widget_class, "module.previous-lesson", NULL,
                                   previous_lesson_cb);
  gtk_widget_class_install_action (widget_class, "module.note-continue", NULL, note_continue_cb);
  gtk_widget_class_install_action (widget_class, "module.note-skip", NULL, note_skip_cb);

  _bekal_module_page_class_init_sidebar (widget_class);
  _bekal_module_page_class_init_quiz (widget_class);
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
  g_clear_object (&self->learner);
  self->learner = bekal_learner_context_new (store, profile_id, NULL, module, settings);
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
      _bekal_module_page_set_subtitle (self, _("Changed on disk"));
      _bekal_module_page_show_step (self, "broken");
      return;
    }

  set_module (self, module);

  if (lesson_id != NULL && (lesson = bekal_module_find_lesson (module, lesson_id)) != NULL)
    {
      if (block_index >= bekal_lesson_get_n_blocks (lesson))
        block_index = 0;
      _bekal_module_page_open_lesson (self, bekal_lesson_get_index (lesson), block_index);
    }
  else if (g_strcmp0 (step, "lesson") == 0 || g_strcmp0 (step, "broken") == 0)
    _bekal_module_page_go_to_saved_position (self);
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

  _bekal_module_page_open_lesson (self, index, 0);
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

  _bekal_module_page_leave_quiz (self);
  return TRUE;
}
