/* bekal-quiz-widgets.c: pieces shared by the quiz page and the results screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "bekal-question-view.h"
#include "bekal-quiz-widgets.h"

/* Helpers */

static GtkWidget *
create_markup_label (const char *markup,
                     const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
create_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static char *
text_markup (BekalText *text)
{
  return text != NULL ? bekal_text_to_pango_markup (text) : g_strdup ("");
}

/* Public API */

void
bekal_quiz_widgets_ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/bekal_peksos/Bekal/bekal-quiz.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

char *
bekal_quiz_format_score (double score)
{
  if (score < 0 || isnan (score))
    return g_strdup ("—");

  /* TRANSLATORS: a score in percent, e.g. "85%" */
  return g_strdup_printf (_("%d%%"), (int) (score * 100 + 0.5));
}

const char *
bekal_quiz_role_display_name (BekalQuizRole role)
{
  switch (role)
    {
    case BEKAL_QUIZ_PRETEST:
      return _("Pre-test");
    case BEKAL_QUIZ_PRACTICE:
      return _("Practice");
    case BEKAL_QUIZ_POSTTEST:
      return _("Post-test");
    default:
      return _("Quiz");
    }
}

GtkWidget *
bekal_quiz_create_text_label (BekalText *text)
{
  g_autofree char *markup = text_markup (text);

  return create_markup_label (markup, NULL);
}

GtkWidget *
bekal_quiz_create_verdict_row (BekalQuestion *question,
                               const char    *response,
                               double         score)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  const char *icon_name;
  const char *css_class;
  g_autofree char *text = NULL;
  GtkWidget *icon;
  GtkWidget *label;

  if (response == NULL)
    {
      icon_name = "action-unavailable-symbolic";
      css_class = "verdict-none";
      text = g_strdup (_("Not answered"));
    }
  else if (!bekal_question_is_scored (question) || score < 0)
    {
      icon_name = "dialog-information-symbolic";
      css_class = "verdict-none";
      text = g_strdup (_("Not scored: this is a self-rating"));
    }
  else if (score >= 1.0)
    {
      icon_name = "object-select-symbolic";
      css_class = "verdict-correct";
      text = g_strdup (_("Correct"));
    }
  else if (score > 0)
    {
      g_autofree char *percent = bekal_quiz_format_score (score);

      icon_name = "view-more-horizontal-symbolic";
      css_class = "verdict-partial";
      /* TRANSLATORS: %s is a score such as "50%" */
      text = g_strdup_printf (_("Partly correct (%s)"), percent);
    }
  else
    {
      icon_name = "window-close-symbolic";
      css_class = "verdict-incorrect";
      text = g_strdup (_("Not correct"));
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "quiz-verdict");
  gtk_widget_add_css_class (box, css_class);

  return box;
}

GtkWidget *
bekal_quiz_create_answer_feedback (BekalQuizSession   *session,
                                   guint               index,
                                   BekalFeedbackFlags  flags,
                                   gboolean            with_question)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  BekalQuestion *question = bekal_quiz_session_get_question (session, index);
  const char *response = bekal_quiz_session_get_response (session, index);
  double score = bekal_quiz_session_get_item_score (session, index);
  gboolean correct = bekal_quiz_session_is_item_correct (session, index);

  gtk_widget_add_css_class (box, "quiz-feedback");

  if (with_question)
    {
      /* TRANSLATORS: the heading of one question in the review, e.g. "Question 3" */
      g_autofree char *title = g_strdup_printf (_("Question %u"), index + 1);

      gtk_box_append (GTK_BOX (box), create_heading (title));
    }

  if (question == NULL)
    {
      gtk_box_append (GTK_BOX (box),
                      create_markup_label (_("This question was removed from the module after "
                                             "you answered it. It does not count in the score."),
                                           "dim-label"));
      return box;
    }

  if (with_question)
    {
      g_autofree char *answer = bekal_question_view_describe_response (question, response);
      g_autofree char *line = g_strdup_printf ("<b>%s</b>\n%s",
                                               _("Your answer:"), answer);

      gtk_box_append (GTK_BOX (box),
                      bekal_quiz_create_text_label (bekal_question_get_prompt (question)));
      gtk_box_append (GTK_BOX (box), create_markup_label (line, NULL));
    }

  if (flags & BEKAL_FEEDBACK_CORRECTNESS)
    {
      g_autofree char *correct_markup = bekal_question_view_describe_correct (question);

      gtk_box_append (GTK_BOX (box), bekal_quiz_create_verdict_row (question, response, score));
      if (correct_markup != NULL && !correct)
        {
          g_autofree char *line = g_strdup_printf ("<b>%s</b>\n%s", _("The correct answer:"),
                                                   correct_markup);

          gtk_box_append (GTK_BOX (box), create_markup_label (line, "quiz-correct-answer"));
        }
    }

  if (flags & BEKAL_FEEDBACK_OPTIONS)
    {
      g_autofree char *feedback = bekal_question_view_describe_part_feedback (question, response);

      if (feedback != NULL)
        gtk_box_append (GTK_BOX (box), create_markup_label (feedback, "quiz-option-feedback"));
    }

  if ((flags & BEKAL_FEEDBACK_EXPLANATION) && bekal_question_get_explanation (question) != NULL)
    {
      g_autofree char *explanation = text_markup (bekal_question_get_explanation (question));

      gtk_box_append (GTK_BOX (box), create_heading (_("Why")));
      gtk_box_append (GTK_BOX (box), create_markup_label (explanation, "quiz-explanation"));
    }

  return box;
}
