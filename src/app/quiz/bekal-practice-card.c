/* bekal-practice-card.c: the card of a practice quiz inside a lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-practice-card.h"

/* Helpers */

static guint
count_questions (BekalQuiz *quiz)
{
  guint available = bekal_quiz_get_n_questions (bekal_quiz_get_pool (quiz));
  guint draw = bekal_quiz_get_draw (quiz);

  return draw > 0 ? MIN (draw, available) : available;
}

/* The description of the last finished attempt, or NULL when there is none */
static char *
describe_last_attempt (BekalQuiz               *quiz,
                       const BekalBlockContext *context)
{
  g_autoptr(GPtrArray) attempts = NULL;

  if (context->store == NULL || context->profile_id == 0 || context->module == NULL)
    return NULL;

  attempts = bekal_store_list_attempts (context->store, context->profile_id,
                                        bekal_module_get_id (context->module),
                                        bekal_quiz_get_id (quiz), NULL);
  if (attempts == NULL)
    return NULL;

  for (guint i = attempts->len; i > 0; i--)
    {
      BekalQuizAttempt *attempt = g_ptr_array_index (attempts, i - 1);

      if (attempt->finished_at == 0)
        continue;
      if (attempt->score < 0)
        return g_strdup (_("Last attempt: done"));
      /* TRANSLATORS: the score of the learner's last practice attempt, e.g. "Last score: 50%" */
      return g_strdup_printf (_("Last score: %d%%"), (int) (attempt->score * 100.0 + 0.5));
    }

  return NULL;
}

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* Public API */

GtkWidget *
bekal_practice_card_new (BekalBlock              *block,
                         const BekalBlockContext *context)
{
  BekalQuiz *quiz;
  GtkWidget *box;
  GtkWidget *inner;
  GtkWidget *icon;
  GtkWidget *button;
  const char *title;
  guint n;
  gboolean attempted;
  g_autofree char *heading = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (BEKAL_IS_BLOCK (block), NULL);
  g_return_val_if_fail (context != NULL, NULL);

  quiz = bekal_block_get_quiz (block);
  if (quiz == NULL)
    return gtk_label_new (NULL);
  n = count_questions (quiz);
  title = bekal_quiz_get_title (quiz);
  /* TRANSLATORS: the card of a practice quiz inside a lesson */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Practice: %u question",
                                          "Practice: %u questions", n), n);
  last = describe_last_attempt (quiz, context);
  attempted = last != NULL;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  icon = gtk_image_new_from_icon_name ("view-list-bullet-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Practice"), -1);
  gtk_widget_set_hexpand (inner, TRUE);
  gtk_box_append (GTK_BOX (inner), create_label (heading, "heading"));
  if (title != NULL && title[0] != '\0')
    gtk_box_append (GTK_BOX (inner), create_label (title, NULL));
  if (last == NULL)
    last = g_strdup (_("Practise as often as you like: only the post-test decides whether you "
                       "pass."));
  gtk_box_append (GTK_BOX (inner), create_label (last, "dim-label"));

  button = gtk_button_new_with_mnemonic (attempted ? _("_Try Again") : _("_Start"));
  gtk_widget_set_name (button, "practice_start_button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "module.start-practice");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_uint32 (bekal_block_get_index (block)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), inner);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_add_css_class (box, "lesson-note");
  gtk_widget_add_css_class (box, "practice-card");

  return box;
}
