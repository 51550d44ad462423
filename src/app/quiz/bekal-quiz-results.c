/* bekal-quiz-results.c: the score of a finished attempt, per topic, and the way from the
 * pre-test to the post-test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-report.h>

#include "bekal-quiz-results.h"
#include "bekal-quiz-widgets.h"

typedef struct
{
  double sum;
  guint  n;
  double pre_sum;   /* over the questions also answered in the pre-test */
  double post_sum;
  guint  n_compared;
} TopicTally;

struct _BekalQuizResults
{
  GtkWidget  parent_instance;

  char      *score_text;
  char      *comparison_text;
  guint      n_topics;

  GtkLabel  *title_label;
  GtkWidget *score_box;
  GtkLabel  *score_label;
  GtkWidget *verdict_box;
  GtkImage  *verdict_icon;
  GtkLabel  *verdict_label;
  GtkLabel  *score_caption;
  GtkWidget *start_hint_label;
  GtkWidget *comparison_box;
  GtkLabel  *comparison_label;
  GtkLabel  *gain_label;
  GtkWidget *topics_title;
  GtkBox    *topics_box;
};

G_DEFINE_FINAL_TYPE (BekalQuizResults, bekal_quiz_results, GTK_TYPE_WIDGET)

/* Helpers */

static TopicTally *
get_tally (GHashTable *tallies,
           GPtrArray  *order,
           const char *topic_id)
{
  TopicTally *tally = g_hash_table_lookup (tallies, topic_id);

  if (tally == NULL)
    {
      tally = g_new0 (TopicTally, 1);
      g_hash_table_insert (tallies, g_strdup (topic_id), tally);
      g_ptr_array_add (order, g_strdup (topic_id));
    }

  return tally;
}

/* The first finished pre-test of the learner in the module: what they knew before it (the
 * gap report counts the same attempt) */
static BekalQuizAttempt *
find_first_pretest (BekalStore  *store,
                    gint64       profile_id,
                    const char  *module_id)
{
  g_autoptr(GPtrArray) attempts = bekal_store_list_attempts (store, profile_id, module_id, NULL,
                                                             NULL);

  if (attempts == NULL)
    return NULL;

  for (guint i = 0; i < attempts->len; i++)
    {
      BekalQuizAttempt *attempt = g_ptr_array_index (attempts, i);

      if (attempt->role == BEKAL_QUIZ_PRETEST && attempt->finished_at > 0 && attempt->score >= 0)
        return g_ptr_array_steal_index (attempts, i);
    }

  return NULL;
}

/* TRANSLATORS: the way from the pre-test to the post-test, e.g. "from 40% to 85%" */
static char *
format_from_to (double pre,
                double post)
{
  return g_strdup_printf (_("from %d%% to %d%%"), (int) (pre * 100 + 0.5),
                          (int) (post * 100 + 0.5));
}

static char *
format_gain (double pre,
             double post)
{
  g_autofree char *value = NULL;

  /* nothing was left to gain: the gain does not exist */
  if (pre >= 1.0)
    value = g_strdup ("—");
  else
    value = g_strdup_printf ("%.2f", (post - pre) / (1.0 - pre));

  /* TRANSLATORS: (post − pre) / (100 − pre): the share of what was left to learn that was
   * learnt; %s is a number such as "0.75" */
  return g_strdup_printf (_("Normalised gain: %s"), value);
}

static void
clear_topics (BekalQuizResults *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box))) != NULL)
    gtk_box_remove (self->topics_box, child);
  self->n_topics = 0;
}

static void
add_topic_bar (BekalQuizResults *self,
               const char       *name,
               double            score,
               const char       *comparison)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  g_autofree char *percent = bekal_quiz_format_score (score);
  GtkWidget *percent_label = gtk_label_new (percent);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  g_autofree char *bar_name = NULL;

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (percent_label, "numeric");
  gtk_widget_add_css_class (percent_label, "heading");
  gtk_box_append (GTK_BOX (line), name_label);
  gtk_box_append (GTK_BOX (line), percent_label);

  /* the offsets colour a low bar as a warning, which reads as a judgement: one colour */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (score, 0, 1));
  /* TRANSLATORS: the name of a topic's bar for screen readers, e.g. "5R stages: 85%" */
  bar_name = g_strdup_printf (_("%s: %s"), name, percent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_name,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent, -1);
  gtk_widget_add_css_class (bar, "quiz-topic-bar");

  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bar);
  if (comparison != NULL)
    {
      GtkWidget *label = gtk_label_new (comparison);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_box_append (self->topics_box, box);
  self->n_topics++;
}

static guint
topic_position (BekalModule *module,
                const char  *topic_id)
{
  guint n = bekal_module_get_n_topics (module);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (bekal_module_get_topic (module, i)->id, topic_id))
      return i;

  return n;
}

static int
compare_topics (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  BekalModule *module = user_data;
  guint position_a = topic_position (module, *(const char * const *) a);
  guint position_b = topic_position (module, *(const char * const *) b);

  return position_a < position_b ? -1 : position_a > position_b ? 1 : 0;
}

static const char *
topic_name (BekalModule *module,
            const char  *topic_id)
{
  const BekalTopic *topic = module != NULL ? bekal_module_find_topic (module, topic_id) : NULL;

  return topic != NULL ? topic->name : topic_id;
}

/* Overrides */

static void
bekal_quiz_results_dispose (GObject *object)
{
  BekalQuizResults *self = BEKAL_QUIZ_RESULTS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_QUIZ_RESULTS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bekal_quiz_results_parent_class)->dispose (object);
}

static void
bekal_quiz_results_finalize (GObject *object)
{
  BekalQuizResults *self = BEKAL_QUIZ_RESULTS (object);

  g_free (self->score_text);
  g_free (self->comparison_text);

  G_OBJECT_CLASS (bekal_quiz_results_parent_class)->finalize (object);
}

static void
bekal_quiz_results_class_init (BekalQuizResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_quiz_results_dispose;
  object_class->finalize = bekal_quiz_results_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-quiz-results.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, score_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, score_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, score_caption);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, start_hint_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, comparison_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, comparison_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, gain_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, topics_title);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizResults, topics_box);
}

static void
bekal_quiz_results_init (BekalQuizResults *self)
{
  bekal_quiz_widgets_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
bekal_quiz_results_new (void)
{
  return g_object_new (BEKAL_TYPE_QUIZ_RESULTS, NULL);
}

void
bekal_quiz_results_show_session (BekalQuizResults *self,
                                 BekalStore       *store,
                                 gint64            profile_id,
                                 BekalModule      *module,
                                 BekalQuizSession *session)
{
  BekalFeedbackFlags flags;
  BekalSessionKind kind;
  double score;
  int pass_mark;
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GPtrArray) topic_order = NULL;
  g_autoptr(BekalQuizAttempt) pretest = NULL;
  guint n_answered = 0;
  guint n;

  g_return_if_fail (BEKAL_IS_QUIZ_RESULTS (self));
  g_return_if_fail (BEKAL_IS_QUIZ_SESSION (session));

  flags = bekal_quiz_session_get_feedback_policy (session, BEKAL_FEEDBACK_AFTER_FINISH);
  kind = bekal_quiz_session_get_kind (session);
  score = bekal_quiz_session_get_score (session);
  pass_mark = bekal_quiz_session_get_pass_mark (session);
  n = bekal_quiz_session_get_n_questions (session);

  g_clear_pointer (&self->score_text, g_free);
  g_clear_pointer (&self->comparison_text, g_free);
  clear_topics (self);

  /* the score */
  gtk_widget_set_visible (self->score_box, (flags & BEKAL_FEEDBACK_SCORE) != 0);
  if (flags & BEKAL_FEEDBACK_SCORE)
    {
      g_autofree char *caption = NULL;

      for (guint i = 0; i < n; i++)
        if (bekal_quiz_session_get_response (session, i) != NULL)
          n_answered++;

      self->score_text = bekal_quiz_format_score (score);
      gtk_label_set_text (self->score_label, self->score_text);
      caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u question answered",
                                              "%u of %u questions answered", n),
                                 n_answered, n);
      gtk_label_set_text (self->score_caption, caption);
    }

  /* passed or not */
  gtk_widget_set_visible (self->verdict_box, FALSE);
  if ((flags & BEKAL_FEEDBACK_VERDICT) && pass_mark >= 0)
    {
      BekalQuizVerdict verdict = bekal_quiz_session_get_verdict (session);
      g_autofree char *text = NULL;

      if (verdict == BEKAL_QUIZ_VERDICT_PASSED)
        {
          text = g_strdup_printf (_("Passed. The pass mark is %d%%."), pass_mark);
          gtk_image_set_from_icon_name (self->verdict_icon, "object-select-symbolic");
          gtk_widget_remove_css_class (self->verdict_box, "verdict-incorrect");
          gtk_widget_add_css_class (self->verdict_box, "verdict-correct");
        }
      else
        {
          text = g_strdup_printf (_("Not passed yet. The pass mark is %d%%."), pass_mark);
          gtk_image_set_from_icon_name (self->verdict_icon, "view-refresh-symbolic");
          gtk_widget_remove_css_class (self->verdict_box, "verdict-correct");
          gtk_widget_add_css_class (self->verdict_box, "verdict-incorrect");
        }
      gtk_label_set_text (self->verdict_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_widget_set_visible (self->verdict_box, TRUE);
    }

  gtk_widget_set_visible (self->start_hint_label, (flags & BEKAL_FEEDBACK_START_HINT) != 0);

  /* the way from the first pre-test, after a post-test */
  gtk_widget_set_visible (self->comparison_box, FALSE);
  tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  topic_order = g_ptr_array_new_with_free_func (g_free);
  if (kind == BEKAL_SESSION_POSTTEST && store != NULL && module != NULL && score >= 0
      && (flags & BEKAL_FEEDBACK_SCORE))
    pretest = find_first_pretest (store, profile_id, bekal_module_get_id (module));

  if (pretest != NULL)
    {
      g_autofree char *gain = format_gain (pretest->score, score);
      g_autoptr(GPtrArray) items = NULL;

      self->comparison_text = format_from_to (pretest->score, score);
      gtk_label_set_text (self->comparison_label, self->comparison_text);
      gtk_label_set_text (self->gain_label, gain);
      gtk_widget_set_visible (self->comparison_box, TRUE);

      items = bekal_report_compare_attempts (store, pretest->id,
                                             bekal_quiz_session_get_attempt_id (session), NULL);
      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          BekalItemComparison *item = g_ptr_array_index (items, i);
          TopicTally *tally;

          if (item->first_score < 0 || item->second_score < 0 || item->topic_id == NULL)
            continue;
          tally = get_tally (tallies, topic_order, item->topic_id);
          tally->pre_sum += item->first_score;
          tally->post_sum += item->second_score;
          tally->n_compared++;
        }
    }

  /* a bar per topic; a pre-test shows only its score */
  if ((flags & BEKAL_FEEDBACK_SCORE) && kind != BEKAL_SESSION_PRETEST)
    {
      for (guint i = 0; i < n; i++)
        {
          BekalQuestion *question = bekal_quiz_session_get_question (session, i);
          double item_score = bekal_quiz_session_get_item_score (session, i);
          TopicTally *tally;

          if (question == NULL || !bekal_question_is_scored (question))
            continue;
          tally = get_tally (tallies, topic_order, bekal_question_get_topic_id (question));
          /* unanswered questions count as 0, as in the score */
          tally->sum += MAX (item_score, 0);
          tally->n++;
        }

      /* in the order of the module's topics */
      if (module != NULL)
        g_ptr_array_sort_with_data (topic_order, compare_topics, module);
      for (guint i = 0; i < topic_order->len; i++)
        {
          const char *topic_id = g_ptr_array_index (topic_order, i);
          TopicTally *tally = g_hash_table_lookup (tallies, topic_id);
          g_autofree char *comparison = NULL;

          if (tally->n == 0)
            continue;
          if (tally->n_compared > 0)
            {
              g_autofree char *from_to = format_from_to (tally->pre_sum / tally->n_compared,
                                                         tally->post_sum / tally->n_compared);

              /* TRANSLATORS: %s is "from 40% to 85%", over the questions of this topic that
               * both the pre-test and this post-test asked */
              comparison = g_strdup_printf (_("Questions asked in both tests: %s"), from_to);
            }
          add_topic_bar (self, topic_name (module, topic_id), tally->sum / tally->n, comparison);
        }
    }
  gtk_widget_set_visible (self->topics_title, self->n_topics > 0);
}

const char *
bekal_quiz_results_get_score_text (BekalQuizResults *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_RESULTS (self), NULL);

  return self->score_text;
}

const char *
bekal_quiz_results_get_comparison_text (BekalQuizResults *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_RESULTS (self), NULL);

  return self->comparison_text;
}

guint
bekal_quiz_results_get_n_topics (BekalQuizResults *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_RESULTS (self), 0);

  return self->n_topics;
}
