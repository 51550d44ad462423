/* bekal-choice-view.c: single, multiple and true/false questions, one button per option
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-choice-view.h"
#include "bekal-quiz-widgets.h"

typedef struct
{
  GtkWidget *button; /* a toggle button (one answer) or a check button (several) */
  char      *id;
  GtkWidget *mark;   /* NULL in the compact style */
} Choice;

struct _BekalChoiceView
{
  BekalQuestionView  parent_instance;

  BekalQuestionType  kind;
  GArray            *choices; /* Choice, in the order shown */
};

G_DEFINE_FINAL_TYPE (BekalChoiceView, bekal_choice_view, BEKAL_TYPE_QUESTION_VIEW)

static void
choice_clear (Choice *choice)
{
  g_free (choice->id);
}

static Choice *
get_choice (BekalChoiceView *self,
            guint            index)
{
  return &g_array_index (self->choices, Choice, index);
}

static gboolean
choice_is_active (Choice *choice)
{
  if (GTK_IS_CHECK_BUTTON (choice->button))
    return gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->button));

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (choice->button));
}

static void
choice_set_active (Choice   *choice,
                   gboolean  active)
{
  if (GTK_IS_CHECK_BUTTON (choice->button))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (choice->button), active);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (choice->button), active);
}

/* The display text of an option: true/false options say "True" and "False" */
static char *
option_markup (BekalQuestion *question,
               BekalOption   *option)
{
  if (bekal_question_get_kind (question) == BEKAL_QUESTION_TRUEFALSE)
    return g_markup_escape_text (g_str_equal (bekal_option_get_id (option), "true") ? _("True")
                                                                                     : _("False"),
                                 -1);

  return bekal_question_view_text_markup (bekal_option_get_text (option));
}

static const char *
option_plain (BekalQuestion *question,
              BekalOption   *option)
{
  if (bekal_question_get_kind (question) == BEKAL_QUESTION_TRUEFALSE)
    return g_str_equal (bekal_option_get_id (option), "true") ? _("True") : _("False");

  return bekal_text_get_plain (bekal_option_get_text (option));
}

static GtkWidget *
create_choice_content (guint        number,
                       const char  *markup,
                       GtkWidget  **out_mark)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *mark_label = gtk_label_new (NULL);

  if (number > 0 && number <= BEKAL_QUESTION_VIEW_MAX_KEYED)
    {
      g_autofree char *text = g_strdup_printf ("%u", number);
      GtkWidget *key = gtk_label_new (text);

      gtk_widget_add_css_class (key, "quiz-key");
      gtk_widget_set_valign (key, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), key);
    }

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_box_append (GTK_BOX (mark), gtk_image_new ());
  gtk_box_append (GTK_BOX (mark), mark_label);
  gtk_widget_add_css_class (mark_label, "caption-heading");
  gtk_widget_set_visible (mark, FALSE);
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), mark);

  *out_mark = mark;
  return box;
}

static void on_choice_toggled (BekalChoiceView *self);

/* The quiz page: a large button with its key, its text and room for a mark */
static void
add_full_choice (BekalChoiceView *self,
                 const char      *id,
                 const char      *markup,
                 const char      *plain)
{
  guint number = self->choices->len + 1;
  Choice choice = { 0 };
  GtkWidget *content = create_choice_content (number, markup, &choice.mark);
  g_autofree char *accessible = NULL;

  if (self->kind == BEKAL_QUESTION_MULTIPLE)
    {
      choice.button = gtk_check_button_new ();
      gtk_check_button_set_child (GTK_CHECK_BUTTON (choice.button), content);
    }
  else
    {
      choice.button = gtk_toggle_button_new ();
      gtk_button_set_child (GTK_BUTTON (choice.button), content);
      if (self->choices->len > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (choice.button),
                                     GTK_TOGGLE_BUTTON (get_choice (self, 0)->button));
    }
  g_signal_connect_swapped (choice.button, "toggled", G_CALLBACK (on_choice_toggled), self);

  if (number <= BEKAL_QUESTION_VIEW_MAX_KEYED)
    /* TRANSLATORS: the name of an answer option for screen readers: its key and its text */
    accessible = g_strdup_printf (_("%u: %s"), number, plain);
  else
    accessible = g_strdup (plain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice.button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_add_css_class (choice.button, "quiz-choice");
  choice.id = g_strdup (id);
  g_array_append_val (self->choices, choice);
  bekal_question_view_append (BEKAL_QUESTION_VIEW (self), choice.button);
}

/* Over a paused video: a plain check button (a radio button for one answer) */
static void
add_compact_choice (BekalChoiceView *self,
                    BekalQuestion   *question,
                    BekalOption     *option)
{
  Choice choice = { 0 };
  GtkWidget *text = gtk_label_new (NULL);

  if (self->kind == BEKAL_QUESTION_TRUEFALSE)
    gtk_label_set_text (GTK_LABEL (text), option_plain (question, option));
  else
    {
      g_autofree char *markup = option_markup (question, option);

      gtk_label_set_markup (GTK_LABEL (text), markup);
    }
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);

  choice.button = gtk_check_button_new ();
  gtk_check_button_set_child (GTK_CHECK_BUTTON (choice.button), text);
  if (self->kind != BEKAL_QUESTION_MULTIPLE && self->choices->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (choice.button),
                                GTK_CHECK_BUTTON (get_choice (self, 0)->button));
  g_signal_connect_swapped (choice.button, "toggled", G_CALLBACK (on_choice_toggled), self);
  choice.id = g_strdup (bekal_option_get_id (option));
  g_array_append_val (self->choices, choice);
  bekal_question_view_append (BEKAL_QUESTION_VIEW (self), choice.button);
}

/* Callbacks */

static void
on_choice_toggled (BekalChoiceView *self)
{
  bekal_question_view_emit_changed (BEKAL_QUESTION_VIEW (self));
}

/* Overrides */

static void
bekal_choice_view_build (BekalQuestionView  *view,
                         BekalQuestion      *question,
                         const char * const *option_order,
                         const char * const *match_order)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);
  gboolean compact = bekal_question_view_get_style (view) == BEKAL_QUESTION_VIEW_COMPACT;

  self->kind = bekal_question_get_kind (question);
  for (guint i = 0; option_order != NULL && option_order[i] != NULL; i++)
    {
      BekalOption *option = bekal_question_find_option (question, option_order[i]);
      g_autofree char *markup = NULL;

      if (option == NULL)
        continue;
      if (compact)
        {
          add_compact_choice (self, question, option);
          continue;
        }
      markup = option_markup (question, option);
      add_full_choice (self, option_order[i], markup, option_plain (question, option));
    }
}

static BekalResponse *
bekal_choice_view_dup_response (BekalQuestionView *view)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);
  g_autoptr(BekalResponse) response = bekal_response_new (self->kind);

  for (guint i = 0; i < self->choices->len; i++)
    if (choice_is_active (get_choice (self, i)))
      bekal_response_add_id (response, get_choice (self, i)->id);

  if (bekal_response_get_n_ids (response) == 0)
    return NULL;

  return g_steal_pointer (&response);
}

static void
bekal_choice_view_set_response (BekalQuestionView   *view,
                                const BekalResponse *response)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = get_choice (self, i);

      choice_set_active (choice, bekal_response_has_id (response, choice->id));
    }
}

static void
bekal_choice_view_set_locked (BekalQuestionView *view,
                              gboolean           locked)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);
  gboolean compact = bekal_question_view_get_style (view) == BEKAL_QUESTION_VIEW_COMPACT;

  BEKAL_QUESTION_VIEW_CLASS (bekal_choice_view_parent_class)->set_locked (view, locked);

  /* over a video the options are greyed out; on the quiz page they stay readable */
  for (guint i = 0; i < self->choices->len; i++)
    if (compact)
      gtk_widget_set_sensitive (get_choice (self, i)->button, !locked);
    else
      gtk_widget_set_focusable (get_choice (self, i)->button, !locked);
}

static void
bekal_choice_view_show_marks (BekalQuestionView   *view,
                              const BekalResponse *response)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);
  BekalQuestion *question = bekal_question_view_get_question (view);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = get_choice (self, i);

      if (choice->mark == NULL)
        continue;

      switch (bekal_quiz_mark_part (question, response, choice->id))
        {
        case BEKAL_PART_MARK_CORRECT:
          bekal_question_view_set_mark (choice->button, choice->mark, "choice-correct",
                                        "object-select-symbolic", _("Your choice, correct"));
          break;
        case BEKAL_PART_MARK_MISSED:
          bekal_question_view_set_mark (choice->button, choice->mark, "choice-correct",
                                        "object-select-symbolic", _("Correct answer"));
          break;
        case BEKAL_PART_MARK_WRONG:
          bekal_question_view_set_mark (choice->button, choice->mark, "choice-incorrect",
                                        "window-close-symbolic", _("Your choice, not correct"));
          break;
        case BEKAL_PART_MARK_NONE:
        default:
          break;
        }
    }
}

/* Keys 1 to 9: the option with that number */
static gboolean
bekal_choice_view_handle_key (BekalQuestionView *view,
                              guint              keyval,
                              GdkModifierType    state)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);
  int number = 0;
  Choice *choice;

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    number = (int) (keyval - GDK_KEY_1) + 1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    number = (int) (keyval - GDK_KEY_KP_1) + 1;

  if (number == 0 || (guint) number > self->choices->len)
    return FALSE;

  choice = get_choice (self, number - 1);
  if (GTK_IS_CHECK_BUTTON (choice->button) && self->kind == BEKAL_QUESTION_MULTIPLE)
    choice_set_active (choice, !choice_is_active (choice));
  else
    choice_set_active (choice, TRUE);
  gtk_widget_grab_focus (choice->button);

  return TRUE;
}

static char *
bekal_choice_view_dup_key_hint (BekalQuestionView *view)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (view);
  guint keyed = MIN (self->choices->len, BEKAL_QUESTION_VIEW_MAX_KEYED);

  if (self->choices->len == 0)
    return NULL;

  if (self->kind == BEKAL_QUESTION_MULTIPLE)
    return g_strdup_printf (_("Keys 1 to %u or Space tick an answer; Enter confirms"), keyed);

  return g_strdup_printf (_("Keys 1 to %u choose; Enter confirms"), keyed);
}

static const char *
bekal_choice_view_get_hint (BekalQuestion *question)
{
  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_MULTIPLE:
      return _("Choose every answer that is right.");
    case BEKAL_QUESTION_TRUEFALSE:
      return _("Is this statement true or false?");
    case BEKAL_QUESTION_SINGLE:
    default:
      return _("Choose one answer.");
    }
}

static char *
bekal_choice_view_describe_response (BekalQuestion       *question,
                                     const BekalResponse *response)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (bekal_response_has_id (response, bekal_option_get_id (option)))
        {
          g_autofree char *markup = option_markup (question, option);

          bekal_question_view_append_line (lines, markup);
        }
    }
  if (lines->len == 0)
    g_string_append (lines, _("Nothing chosen"));

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static char *
bekal_choice_view_describe_correct (BekalQuestion *question)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (bekal_option_get_correct (option))
        {
          g_autofree char *markup = option_markup (question, option);

          bekal_question_view_append_line (lines, markup);
        }
    }

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static char *
bekal_choice_view_describe_part_feedback (BekalQuestion       *question,
                                          const BekalResponse *response)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  gboolean multiple = bekal_question_get_kind (question) == BEKAL_QUESTION_MULTIPLE;

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);
      BekalText *feedback = bekal_option_get_feedback (option);
      g_autofree char *feedback_markup = NULL;

      if (feedback == NULL || !bekal_response_has_id (response, bekal_option_get_id (option)))
        continue;

      feedback_markup = bekal_text_to_pango_markup (feedback);
      if (multiple)
        {
          g_autofree char *markup = option_markup (question, option);
          g_autofree char *line = g_strdup_printf ("<b>%s</b>: %s", markup, feedback_markup);

          bekal_question_view_append_line (lines, line);
        }
      else
        {
          if (lines->len > 0)
            g_string_append_c (lines, '\n');
          g_string_append (lines, feedback_markup);
        }
    }

  if (lines->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static gboolean
bekal_choice_view_grab_focus (GtkWidget *widget)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (widget);

  if (self->choices->len == 0)
    return FALSE;

  return gtk_widget_grab_focus (get_choice (self, 0)->button);
}

static void
bekal_choice_view_finalize (GObject *object)
{
  BekalChoiceView *self = BEKAL_CHOICE_VIEW (object);

  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (bekal_choice_view_parent_class)->finalize (object);
}

static void
bekal_choice_view_class_init (BekalChoiceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BekalQuestionViewClass *view_class = BEKAL_QUESTION_VIEW_CLASS (klass);

  object_class->finalize = bekal_choice_view_finalize;
  widget_class->grab_focus = bekal_choice_view_grab_focus;

  view_class->supports_compact = TRUE;
  view_class->build = bekal_choice_view_build;
  view_class->dup_response = bekal_choice_view_dup_response;
  view_class->set_response = bekal_choice_view_set_response;
  view_class->set_locked = bekal_choice_view_set_locked;
  view_class->show_marks = bekal_choice_view_show_marks;
  view_class->handle_key = bekal_choice_view_handle_key;
  view_class->dup_key_hint = bekal_choice_view_dup_key_hint;
  view_class->get_hint = bekal_choice_view_get_hint;
  view_class->describe_response = bekal_choice_view_describe_response;
  view_class->describe_correct = bekal_choice_view_describe_correct;
  view_class->describe_part_feedback = bekal_choice_view_describe_part_feedback;
}

static void
bekal_choice_view_init (BekalChoiceView *self)
{
  self->choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  g_array_set_clear_func (self->choices, (GDestroyNotify) choice_clear);
}
