/* bekal-scale-view.c: self-rating scale questions, one button per value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-quiz-widgets.h"
#include "bekal-scale-view.h"

typedef struct
{
  GtkWidget *button;
  int        value;
} Value;

struct _BekalScaleView
{
  BekalQuestionView  parent_instance;

  GArray            *values; /* Value, from the lowest */
};

G_DEFINE_FINAL_TYPE (BekalScaleView, bekal_scale_view, BEKAL_TYPE_QUESTION_VIEW)

static Value *
get_value (BekalScaleView *self,
           guint           index)
{
  return &g_array_index (self->values, Value, index);
}

/* The label a module gives a value, if any: labels are options whose id is the value */
static BekalOption *
find_label (BekalQuestion *question,
            int            value)
{
  g_autofree char *id = g_strdup_printf ("%d", value);

  return bekal_question_find_option (question, id);
}

/* Callbacks */

static void
on_value_toggled (BekalScaleView *self)
{
  bekal_question_view_emit_changed (BEKAL_QUESTION_VIEW (self));
}

/* Overrides */

static void
bekal_scale_view_build (BekalQuestionView  *view,
                        BekalQuestion      *question,
                        const char * const *option_order,
                        const char * const *match_order)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (view);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  int min = bekal_question_get_scale_min (question);
  int max = bekal_question_get_scale_max (question);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_add_css_class (row, "quiz-scale");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scale"), -1);

  for (int value = min; value <= max; value++)
    {
      BekalOption *label = find_label (question, value);
      const char *plain = label != NULL ? bekal_text_get_plain (bekal_option_get_text (label)) : "";
      g_autofree char *number_text = g_strdup_printf ("%d", value);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *number = gtk_label_new (number_text);
      GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *accessible = NULL;
      Value entry = { gtk_toggle_button_new (), value };

      gtk_widget_add_css_class (number, "title-3");
      gtk_box_append (GTK_BOX (box), number);
      if (label != NULL)
        {
          GtkWidget *text = bekal_quiz_create_text_label (bekal_option_get_text (label));

          gtk_label_set_xalign (GTK_LABEL (text), 0.5);
          gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
          gtk_widget_add_css_class (text, "caption");
          gtk_box_append (GTK_BOX (box), text);
        }
      /* the same room for a mark as the other views, though a scale is never marked */
      gtk_box_append (GTK_BOX (mark), gtk_image_new ());
      gtk_box_append (GTK_BOX (mark), gtk_label_new (NULL));
      gtk_widget_set_visible (mark, FALSE);
      gtk_box_append (GTK_BOX (box), mark);
      gtk_button_set_child (GTK_BUTTON (entry.button), box);

      accessible = plain[0] != '\0' ? g_strdup_printf ("%s: %s", number_text, plain)
                                    : g_strdup (number_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry.button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      if (self->values->len > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (entry.button),
                                     GTK_TOGGLE_BUTTON (get_value (self, 0)->button));
      gtk_widget_add_css_class (entry.button, "quiz-choice");
      gtk_widget_add_css_class (entry.button, "quiz-scale-value");
      g_signal_connect_swapped (entry.button, "toggled", G_CALLBACK (on_value_toggled), self);
      g_array_append_val (self->values, entry);
      gtk_box_append (GTK_BOX (row), entry.button);
    }

  bekal_question_view_append (view, row);
}

static BekalResponse *
bekal_scale_view_dup_response (BekalQuestionView *view)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (view);

  for (guint i = 0; i < self->values->len; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (get_value (self, i)->button)))
      {
        BekalResponse *response = bekal_response_new (BEKAL_QUESTION_SCALE);

        bekal_response_set_value (response, get_value (self, i)->value);
        return response;
      }

  return NULL;
}

static void
bekal_scale_view_set_response (BekalQuestionView   *view,
                               const BekalResponse *response)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (view);
  int value;

  if (!bekal_response_get_value (response, &value))
    return;

  for (guint i = 0; i < self->values->len; i++)
    if (get_value (self, i)->value == value)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (get_value (self, i)->button), TRUE);
}

static void
bekal_scale_view_set_locked (BekalQuestionView *view,
                             gboolean           locked)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (view);

  BEKAL_QUESTION_VIEW_CLASS (bekal_scale_view_parent_class)->set_locked (view, locked);
  for (guint i = 0; i < self->values->len; i++)
    gtk_widget_set_focusable (get_value (self, i)->button, !locked);
}

/* Keys 1 to 9: the value shown at that place */
static gboolean
bekal_scale_view_handle_key (BekalQuestionView *view,
                             guint              keyval,
                             GdkModifierType    state)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (view);
  int number = 0;
  GtkWidget *button;

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    number = (int) (keyval - GDK_KEY_1) + 1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    number = (int) (keyval - GDK_KEY_KP_1) + 1;

  if (number == 0 || (guint) number > self->values->len)
    return FALSE;

  button = get_value (self, number - 1)->button;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  gtk_widget_grab_focus (button);

  return TRUE;
}

static char *
bekal_scale_view_dup_key_hint (BekalQuestionView *view)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (view);

  if (self->values->len == 0)
    return NULL;

  return g_strdup_printf (_("Keys 1 to %u choose; Enter confirms"),
                          MIN (self->values->len, BEKAL_QUESTION_VIEW_MAX_KEYED));
}

static const char *
bekal_scale_view_get_hint (BekalQuestion *question)
{
  return _("Choose the number that fits you best. This answer is not scored.");
}

static char *
bekal_scale_view_describe_response (BekalQuestion       *question,
                                    const BekalResponse *response)
{
  BekalOption *label;
  g_autofree char *number = NULL;
  g_autofree char *label_markup = NULL;
  int value;

  if (!bekal_response_get_value (response, &value))
    return NULL;

  number = g_strdup_printf ("%d", value);
  label = find_label (question, value);
  if (label == NULL)
    return g_steal_pointer (&number);

  label_markup = bekal_question_view_text_markup (bekal_option_get_text (label));
  /* TRANSLATORS: a value on a self-rating scale and its label, e.g. "3 (Fairly ready)" */
  return g_strdup_printf (_("%s (%s)"), number, label_markup);
}

static gboolean
bekal_scale_view_grab_focus (GtkWidget *widget)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (widget);

  if (self->values->len == 0)
    return FALSE;

  return gtk_widget_grab_focus (get_value (self, 0)->button);
}

static void
bekal_scale_view_finalize (GObject *object)
{
  BekalScaleView *self = BEKAL_SCALE_VIEW (object);

  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (bekal_scale_view_parent_class)->finalize (object);
}

static void
bekal_scale_view_class_init (BekalScaleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BekalQuestionViewClass *view_class = BEKAL_QUESTION_VIEW_CLASS (klass);

  object_class->finalize = bekal_scale_view_finalize;
  widget_class->grab_focus = bekal_scale_view_grab_focus;

  view_class->build = bekal_scale_view_build;
  view_class->dup_response = bekal_scale_view_dup_response;
  view_class->set_response = bekal_scale_view_set_response;
  view_class->set_locked = bekal_scale_view_set_locked;
  view_class->handle_key = bekal_scale_view_handle_key;
  view_class->dup_key_hint = bekal_scale_view_dup_key_hint;
  view_class->get_hint = bekal_scale_view_get_hint;
  view_class->describe_response = bekal_scale_view_describe_response;
}

static void
bekal_scale_view_init (BekalScaleView *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (Value));
}
