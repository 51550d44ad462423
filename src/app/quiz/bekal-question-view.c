/* bekal-question-view.c: the widget that asks one question, base of one view per answer kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-choice-view.h"
#include "bekal-match-view.h"
#include "bekal-order-view.h"
#include "bekal-question-view.h"
#include "bekal-scale-view.h"

typedef struct
{
  BekalQuestion          *question;
  BekalQuestionViewStyle  style;
  gboolean                answered;
  gboolean                locked;
} BekalQuestionViewPrivate;

enum
{
  PROP_0,
  PROP_QUESTION,
  PROP_STYLE,
  PROP_ANSWERED,
  PROP_LOCKED,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

G_DEFINE_ENUM_TYPE (BekalQuestionViewStyle, bekal_question_view_style,
                    G_DEFINE_ENUM_VALUE (BEKAL_QUESTION_VIEW_FULL, "full"),
                    G_DEFINE_ENUM_VALUE (BEKAL_QUESTION_VIEW_COMPACT, "compact"))
G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (BekalQuestionView, bekal_question_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The one place that maps a question type to its view: a new type adds one line here */
static GType
view_type_for_kind (BekalQuestionType kind)
{
  switch (kind)
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_MULTIPLE:
    case BEKAL_QUESTION_TRUEFALSE:
      return BEKAL_TYPE_CHOICE_VIEW;
    case BEKAL_QUESTION_ORDER:
      return BEKAL_TYPE_ORDER_VIEW;
    case BEKAL_QUESTION_MATCH:
      return BEKAL_TYPE_MATCH_VIEW;
    case BEKAL_QUESTION_SCALE:
      return BEKAL_TYPE_SCALE_VIEW;
    default:
      return G_TYPE_INVALID;
    }
}

/* The class of @question's view, to be released with g_type_class_unref (); NULL when none */
static BekalQuestionViewClass *
ref_view_class (BekalQuestion *question)
{
  GType type = view_type_for_kind (bekal_question_get_kind (question));

  return type != G_TYPE_INVALID ? g_type_class_ref (type) : NULL;
}

static BekalResponse *
parse_for (BekalQuestion *question,
           const char    *response)
{
  if (response == NULL)
    return NULL;

  /* a damaged stored answer is shown as unknown, never guessed at */
  return bekal_response_parse (bekal_question_get_kind (question), response, NULL);
}

/* Overrides */

static void
bekal_question_view_real_set_locked (BekalQuestionView *self,
                                     gboolean           locked)
{
  /* kept readable (not greyed out) but no longer changeable */
  gtk_widget_set_can_target (GTK_WIDGET (self), !locked);
}

static gboolean
bekal_question_view_real_handle_key (BekalQuestionView *self,
                                     guint              keyval,
                                     GdkModifierType    state)
{
  return FALSE;
}

static void
bekal_question_view_constructed (GObject *object)
{
  BekalQuestionView *self = BEKAL_QUESTION_VIEW (object);
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  G_OBJECT_CLASS (bekal_question_view_parent_class)->constructed (object);

  /* the spacing of the box each host put its answers in before there were views */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout),
                              priv->style == BEKAL_QUESTION_VIEW_COMPACT ? 12 : 8);
}

static void
bekal_question_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BekalQuestionView *self = BEKAL_QUESTION_VIEW (object);
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_object (value, priv->question);
      break;
    case PROP_STYLE:
      g_value_set_enum (value, priv->style);
      break;
    case PROP_ANSWERED:
      g_value_set_boolean (value, priv->answered);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, priv->locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_question_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BekalQuestionView *self = BEKAL_QUESTION_VIEW (object);
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_QUESTION:
      priv->question = g_value_dup_object (value);
      break;
    case PROP_STYLE:
      priv->style = g_value_get_enum (value);
      break;
    case PROP_LOCKED:
      bekal_question_view_set_locked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_question_view_dispose (GObject *object)
{
  BekalQuestionView *self = BEKAL_QUESTION_VIEW (object);
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->question);

  G_OBJECT_CLASS (bekal_question_view_parent_class)->dispose (object);
}

static void
bekal_question_view_class_init (BekalQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bekal_question_view_constructed;
  object_class->get_property = bekal_question_view_get_property;
  object_class->set_property = bekal_question_view_set_property;
  object_class->dispose = bekal_question_view_dispose;

  klass->set_locked = bekal_question_view_real_set_locked;
  klass->handle_key = bekal_question_view_real_handle_key;

  properties[PROP_QUESTION] =
    g_param_spec_object ("question", NULL, NULL, BEKAL_TYPE_QUESTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL, BEKAL_TYPE_QUESTION_VIEW_STYLE,
                       BEKAL_QUESTION_VIEW_FULL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWERED] =
    g_param_spec_boolean ("answered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
bekal_question_view_init (BekalQuestionView *self)
{
}

/* Public API */

GtkWidget *
bekal_question_view_new_for_question (BekalQuestion          *question,
                                      const char * const     *option_order,
                                      const char * const     *match_order,
                                      BekalQuestionViewStyle  style)
{
  BekalQuestionViewClass *klass;
  GtkWidget *view;
  BekalQuestionViewPrivate *priv;
  g_autoptr(BekalResponse) response = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), NULL);

  klass = ref_view_class (question);
  if (klass == NULL)
    return NULL;
  if (style == BEKAL_QUESTION_VIEW_COMPACT && !klass->supports_compact)
    {
      g_type_class_unref (klass);
      return NULL;
    }

  view = g_object_new (G_TYPE_FROM_CLASS (klass), "question", question, "style", style, NULL);
  klass->build (BEKAL_QUESTION_VIEW (view), question, option_order, match_order);
  g_type_class_unref (klass);

  /* an order question is answered as shown, before any change */
  priv = bekal_question_view_get_instance_private (BEKAL_QUESTION_VIEW (view));
  response = bekal_question_view_dup_response (BEKAL_QUESTION_VIEW (view));
  priv->answered = response != NULL;

  return view;
}

BekalQuestion *
bekal_question_view_get_question (BekalQuestionView *self)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), NULL);

  return priv->question;
}

BekalQuestionViewStyle
bekal_question_view_get_style (BekalQuestionView *self)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), BEKAL_QUESTION_VIEW_FULL);

  return priv->style;
}

BekalResponse *
bekal_question_view_dup_response (BekalQuestionView *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), NULL);

  return BEKAL_QUESTION_VIEW_GET_CLASS (self)->dup_response (self);
}

void
bekal_question_view_set_response (BekalQuestionView   *self,
                                  const BekalResponse *response)
{
  g_return_if_fail (BEKAL_IS_QUESTION_VIEW (self));
  g_return_if_fail (response != NULL);

  if (BEKAL_QUESTION_VIEW_GET_CLASS (self)->set_response != NULL)
    BEKAL_QUESTION_VIEW_GET_CLASS (self)->set_response (self, response);
  bekal_question_view_emit_changed (self);
}

gboolean
bekal_question_view_get_answered (BekalQuestionView *self)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), FALSE);

  return priv->answered;
}

gboolean
bekal_question_view_get_locked (BekalQuestionView *self)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), FALSE);

  return priv->locked;
}

void
bekal_question_view_set_locked (BekalQuestionView *self,
                                gboolean           locked)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  g_return_if_fail (BEKAL_IS_QUESTION_VIEW (self));

  locked = !!locked;
  if (priv->locked == locked)
    return;

  priv->locked = locked;
  BEKAL_QUESTION_VIEW_GET_CLASS (self)->set_locked (self, locked);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

void
bekal_question_view_show_marks (BekalQuestionView   *self,
                                const BekalResponse *response)
{
  g_return_if_fail (BEKAL_IS_QUESTION_VIEW (self));

  if (response != NULL && BEKAL_QUESTION_VIEW_GET_CLASS (self)->show_marks != NULL)
    BEKAL_QUESTION_VIEW_GET_CLASS (self)->show_marks (self, response);
}

gboolean
bekal_question_view_handle_key (BekalQuestionView *self,
                                guint              keyval,
                                GdkModifierType    state)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);

  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), FALSE);

  if (priv->locked)
    return FALSE;

  return BEKAL_QUESTION_VIEW_GET_CLASS (self)->handle_key (self, keyval, state);
}

char *
bekal_question_view_dup_key_hint (BekalQuestionView *self)
{
  char *hint = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION_VIEW (self), NULL);

  if (BEKAL_QUESTION_VIEW_GET_CLASS (self)->dup_key_hint != NULL)
    hint = BEKAL_QUESTION_VIEW_GET_CLASS (self)->dup_key_hint (self);

  return hint != NULL ? hint : g_strdup (_("Enter confirms"));
}

const char *
bekal_question_view_get_hint (BekalQuestion *question)
{
  BekalQuestionViewClass *klass;
  const char *hint = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), "");

  klass = ref_view_class (question);
  if (klass == NULL)
    return "";
  if (klass->get_hint != NULL)
    hint = klass->get_hint (question);
  g_type_class_unref (klass);

  return hint != NULL ? hint : "";
}

char *
bekal_question_view_describe_response (BekalQuestion *question,
                                       const char    *response)
{
  g_autoptr(BekalResponse) decoded = NULL;
  BekalQuestionViewClass *klass;
  char *markup = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), NULL);

  if (response == NULL)
    return g_markup_escape_text (_("Not answered"), -1);

  decoded = parse_for (question, response);
  klass = ref_view_class (question);
  if (decoded != NULL && klass != NULL && klass->describe_response != NULL)
    markup = klass->describe_response (question, decoded);
  if (klass != NULL)
    g_type_class_unref (klass);

  return markup != NULL ? markup : g_markup_escape_text (_("Unknown answer"), -1);
}

char *
bekal_question_view_describe_correct (BekalQuestion *question)
{
  BekalQuestionViewClass *klass;
  char *markup = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), NULL);

  klass = ref_view_class (question);
  if (klass == NULL)
    return NULL;
  if (klass->describe_correct != NULL)
    markup = klass->describe_correct (question);
  g_type_class_unref (klass);

  return markup;
}

char *
bekal_question_view_describe_part_feedback (BekalQuestion *question,
                                            const char    *response)
{
  g_autoptr(BekalResponse) decoded = NULL;
  BekalQuestionViewClass *klass;
  char *markup = NULL;

  g_return_val_if_fail (BEKAL_IS_QUESTION (question), NULL);

  decoded = parse_for (question, response);
  if (decoded == NULL)
    return NULL;

  klass = ref_view_class (question);
  if (klass == NULL)
    return NULL;
  if (klass->describe_part_feedback != NULL)
    markup = klass->describe_part_feedback (question, decoded);
  g_type_class_unref (klass);

  return markup;
}

void
bekal_question_view_emit_changed (BekalQuestionView *self)
{
  BekalQuestionViewPrivate *priv = bekal_question_view_get_instance_private (self);
  g_autoptr(BekalResponse) response = NULL;
  gboolean answered;

  g_return_if_fail (BEKAL_IS_QUESTION_VIEW (self));

  response = bekal_question_view_dup_response (self);
  answered = response != NULL;
  /* "answered" first, so that handlers of "changed" read the new value */
  if (answered != priv->answered)
    {
      priv->answered = answered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERED]);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
bekal_question_view_append (BekalQuestionView *self,
                            GtkWidget         *child)
{
  g_return_if_fail (BEKAL_IS_QUESTION_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

char *
bekal_question_view_text_markup (BekalText *text)
{
  return text != NULL ? bekal_text_to_pango_markup (text) : g_strdup ("");
}

void
bekal_question_view_set_mark (GtkWidget  *part,
                              GtkWidget  *mark,
                              const char *css_class,
                              const char *icon_name,
                              const char *text)
{
  GtkWidget *icon = gtk_widget_get_first_child (mark);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);

  gtk_widget_add_css_class (part, css_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (mark, TRUE);
}

void
bekal_question_view_append_line (GString    *lines,
                                 const char *markup)
{
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  g_string_append (lines, "• ");
  g_string_append (lines, markup);
}
