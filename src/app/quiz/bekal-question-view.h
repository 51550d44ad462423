/* bekal-question-view.h: the widget that asks one question, base of one view per answer kind
 *
 * A view shows the answer widgets of a question (the prompt and the buttons around it belong
 * to its host: the quiz page or the video checkpoint) and hands out what the learner chose as
 * a BekalResponse; core encodes, scores and stores it. bekal_question_view_new_for_question ()
 * is the one place that maps a question type to its view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-quiz-response.h>

G_BEGIN_DECLS

/* Keys 1 to 9 choose an option; longer lists are chosen with the mouse or Tab */
#define BEKAL_QUESTION_VIEW_MAX_KEYED 9

/* How a view presents its question */
typedef enum
{
  BEKAL_QUESTION_VIEW_FULL,    /* the quiz page: large targets, keys 1 to 9, marks per option */
  BEKAL_QUESTION_VIEW_COMPACT, /* over a paused video: plain check buttons */
} BekalQuestionViewStyle;

#define BEKAL_TYPE_QUESTION_VIEW_STYLE (bekal_question_view_style_get_type ())

GType bekal_question_view_style_get_type (void) G_GNUC_CONST;

#define BEKAL_TYPE_QUESTION_VIEW (bekal_question_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (BekalQuestionView, bekal_question_view, BEKAL, QUESTION_VIEW, GtkWidget)

/*
 * Properties: "question" (BekalQuestion, construct-only), "style" (BekalQuestionViewStyle,
 * construct-only), "answered" (gboolean, read-only: the learner's answer is complete),
 * "locked" (gboolean: readable, no longer changeable).
 * Signals: "changed" (): the learner changed the answer.
 */
struct _BekalQuestionViewClass
{
  GtkWidgetClass parent_class;

  /* Whether the view can show itself in BEKAL_QUESTION_VIEW_COMPACT */
  gboolean        supports_compact;

  /* Instance methods */

  /* Makes the answer widgets. @option_order and @match_order come from core's arrangement
   * (bekal_quiz_session_get_option_order and _get_match_order). */
  void            (*build)                    (BekalQuestionView     *self,
                                               BekalQuestion         *question,
                                               const char * const    *option_order,
                                               const char * const    *match_order);
  /* What the widgets hold now; NULL while the answer is not complete */
  BekalResponse  *(*dup_response)             (BekalQuestionView     *self);
  /* Shows @response in the widgets (an answer given before) */
  void            (*set_response)             (BekalQuestionView     *self,
                                               const BekalResponse   *response);
  void            (*set_locked)               (BekalQuestionView     *self,
                                               gboolean               locked);
  /* Marks right and wrong on the parts of the answer, from core's bekal_quiz_mark_part () */
  void            (*show_marks)               (BekalQuestionView     *self,
                                               const BekalResponse   *response);
  /* A key the host passes on while the view is unlocked: the number keys and Alt+Up/Down */
  gboolean        (*handle_key)               (BekalQuestionView     *self,
                                               guint                  keyval,
                                               GdkModifierType        state);
  /* The line about the keys under the question; NULL for the default "Enter confirms" */
  char           *(*dup_key_hint)             (BekalQuestionView     *self);

  /* Class methods, for the review of answers without a view: markup, NULL when nothing */

  /* What the learner is asked to do */
  const char     *(*get_hint)                 (BekalQuestion         *question);
  /* The learner's answer, one line per part */
  char           *(*describe_response)        (BekalQuestion         *question,
                                               const BekalResponse   *response);
  /* The correct answer; NULL when there is none (scale) */
  char           *(*describe_correct)         (BekalQuestion         *question);
  /* The feedback texts of the parts the learner chose */
  char           *(*describe_part_feedback)   (BekalQuestion         *question,
                                               const BekalResponse   *response);

  gpointer padding[8];
};

/* The view for @question, built with the given orders; NULL when its type has no view in
 * @style */
GtkWidget     *bekal_question_view_new_for_question   (BekalQuestion          *question,
                                                       const char * const     *option_order,
                                                       const char * const     *match_order,
                                                       BekalQuestionViewStyle  style);

BekalQuestion *bekal_question_view_get_question       (BekalQuestionView      *self);
BekalQuestionViewStyle
               bekal_question_view_get_style          (BekalQuestionView      *self);
/* NULL while the answer is not complete */
BekalResponse *bekal_question_view_dup_response      (BekalQuestionView      *self);
void           bekal_question_view_set_response       (BekalQuestionView      *self,
                                                       const BekalResponse    *response);
gboolean       bekal_question_view_get_answered      (BekalQuestionView      *self);
gboolean       bekal_question_view_get_locked         (BekalQuestionView      *self);
void           bekal_question_view_set_locked         (BekalQuestionView      *self,
                                                       gboolean                locked);
void           bekal_question_view_show_marks         (BekalQuestionView      *self,
                                                       const BekalResponse    *response);
gboolean       bekal_question_view_handle_key         (BekalQuestionView      *self,
                                                       guint                   keyval,
                                                       GdkModifierType         state);
char          *bekal_question_view_dup_key_hint       (BekalQuestionView      *self);

/* For the review, by question type, without a view (markup) */
const char    *bekal_question_view_get_hint           (BekalQuestion          *question);
char          *bekal_question_view_describe_response  (BekalQuestion          *question,
                                                       const char             *response);
char          *bekal_question_view_describe_correct   (BekalQuestion          *question);
char          *bekal_question_view_describe_part_feedback (BekalQuestion      *question,
                                                       const char             *response);

/* For subclasses */

/* Tells the host the answer changed: emits "changed" and updates "answered" */
void           bekal_question_view_emit_changed       (BekalQuestionView      *self);
/* Adds @child below the children made so far */
void           bekal_question_view_append             (BekalQuestionView      *self,
                                                       GtkWidget              *child);
/* The markup of a module text (escaped, with its emphasis); "" for NULL */
char          *bekal_question_view_text_markup        (BekalText              *text);
/* Shows @mark (a hidden box of an icon and a label next to @part) with @icon_name and @text,
 * and gives @part @css_class: marks are words, not colour alone */
void           bekal_question_view_set_mark           (GtkWidget              *part,
                                                       GtkWidget              *mark,
                                                       const char             *css_class,
                                                       const char             *icon_name,
                                                       const char             *text);
/* Adds a line to a list of answers, with a bullet so that a screen reader reads them apart */
void           bekal_question_view_append_line        (GString                *lines,
                                                       const char             *markup);

G_END_DECLS
