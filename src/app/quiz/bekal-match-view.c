/* bekal-match-view.c: match questions, a drop-down of right sides next to each left side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-match-view.h"
#include "bekal-quiz-widgets.h"

typedef struct
{
  GtkWidget *drop;    /* GtkDropDown: item 0 is "Choose…", then the right sides */
  char      *left_id;
  GtkWidget *mark;
} Pair;

struct _BekalMatchView
{
  BekalQuestionView   parent_instance;

  GArray             *pairs;     /* Pair, left sides in the order shown */
  char              **right_ids; /* pair ids in the order of the drop-down items */
};

G_DEFINE_FINAL_TYPE (BekalMatchView, bekal_match_view, BEKAL_TYPE_QUESTION_VIEW)

static void
pair_clear (Pair *pair)
{
  g_free (pair->left_id);
}

static Pair *
get_pair (BekalMatchView *self,
          guint           index)
{
  return &g_array_index (self->pairs, Pair, index);
}

/* Callbacks */

static void
on_item_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
on_item_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  /* the strings are markup made by bekal_text_to_pango_markup () */
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)),
                        gtk_string_object_get_string (string));
}

static void
on_selected_changed (BekalMatchView *self)
{
  bekal_question_view_emit_changed (BEKAL_QUESTION_VIEW (self));
}

/* Overrides */

static void
bekal_match_view_build (BekalQuestionView  *view,
                        BekalQuestion      *question,
                        const char * const *option_order,
                        const char * const *match_order)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (view);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list = gtk_list_box_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_item_bind), NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pairs to match"), -1);

  self->right_ids = g_strdupv ((char **) match_order);
  if (self->right_ids == NULL)
    self->right_ids = g_new0 (char *, 1);

  for (guint i = 0; option_order != NULL && option_order[i] != NULL; i++)
    {
      BekalOption *left_option = bekal_question_find_option (question, option_order[i]);
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
      g_autofree char *placeholder = g_markup_escape_text (_("Choose…"), -1);
      g_autofree char *drop_name = NULL;
      Pair pair = { 0 };
      GtkWidget *row;
      GtkWidget *box;
      GtkWidget *left;

      if (left_option == NULL)
        continue;

      gtk_string_list_append (strings, placeholder);
      for (guint j = 0; self->right_ids[j] != NULL; j++)
        {
          BekalOption *right = bekal_question_find_option (question, self->right_ids[j]);
          g_autofree char *markup = NULL;

          markup = bekal_question_view_text_markup (right != NULL
                                                    ? bekal_option_get_match_text (right) : NULL);
          gtk_string_list_append (strings, markup);
        }

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (box, "quiz-match-row");
      left = bekal_quiz_create_text_label (bekal_option_get_text (left_option));
      gtk_widget_set_hexpand (left, TRUE);
      gtk_widget_set_valign (left, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (left, "heading");

      pair.drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
      gtk_drop_down_set_factory (GTK_DROP_DOWN (pair.drop), factory);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (pair.drop), 0);
      gtk_widget_set_valign (pair.drop, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (pair.drop, 260, -1);
      /* TRANSLATORS: the name of the drop-down next to an item to match, e.g. "Match for
       * “Repatriation”" */
      drop_name = g_strdup_printf (_("Match for “%s”"),
                                   bekal_text_get_plain (bekal_option_get_text (left_option)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (pair.drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      drop_name, -1);
      g_signal_connect_swapped (pair.drop, "notify::selected", G_CALLBACK (on_selected_changed),
                                self);

      pair.mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (pair.mark), gtk_image_new ());
      gtk_box_append (GTK_BOX (pair.mark), gtk_label_new (NULL));
      gtk_widget_set_visible (pair.mark, FALSE);
      gtk_widget_set_valign (pair.mark, GTK_ALIGN_CENTER);
      pair.left_id = g_strdup (option_order[i]);

      gtk_box_append (GTK_BOX (box), left);
      gtk_box_append (GTK_BOX (box), pair.drop);
      gtk_box_append (GTK_BOX (box), pair.mark);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_array_append_val (self->pairs, pair);
    }

  bekal_question_view_append (view, list);
}

static BekalResponse *
bekal_match_view_dup_response (BekalQuestionView *view)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (view);
  g_autoptr(BekalResponse) response = bekal_response_new (BEKAL_QUESTION_MATCH);
  guint n_rights = g_strv_length (self->right_ids);

  for (guint i = 0; i < self->pairs->len; i++)
    {
      Pair *pair = get_pair (self, i);
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (pair->drop));

      /* item 0 is "Choose…": every left side needs its match */
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n_rights)
        return NULL;
      bekal_response_add_pair (response, pair->left_id, self->right_ids[selected - 1]);
    }

  return g_steal_pointer (&response);
}

static void
bekal_match_view_set_response (BekalQuestionView   *view,
                               const BekalResponse *response)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (view);

  for (guint i = 0; i < self->pairs->len; i++)
    {
      Pair *pair = get_pair (self, i);
      const char *right = bekal_response_get_match (response, pair->left_id);
      guint selected = 0;

      for (guint j = 0; right != NULL && self->right_ids[j] != NULL; j++)
        if (g_str_equal (self->right_ids[j], right))
          selected = j + 1;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (pair->drop), selected);
    }
}

static void
bekal_match_view_set_locked (BekalQuestionView *view,
                             gboolean           locked)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (view);

  BEKAL_QUESTION_VIEW_CLASS (bekal_match_view_parent_class)->set_locked (view, locked);
  for (guint i = 0; i < self->pairs->len; i++)
    gtk_widget_set_sensitive (get_pair (self, i)->drop, !locked);
}

static void
bekal_match_view_show_marks (BekalQuestionView   *view,
                             const BekalResponse *response)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (view);
  BekalQuestion *question = bekal_question_view_get_question (view);

  for (guint i = 0; i < self->pairs->len; i++)
    {
      Pair *pair = get_pair (self, i);

      if (bekal_quiz_mark_part (question, response, pair->left_id) == BEKAL_PART_MARK_CORRECT)
        bekal_question_view_set_mark (pair->drop, pair->mark, "choice-correct",
                                      "object-select-symbolic", _("Correct"));
      else
        bekal_question_view_set_mark (pair->drop, pair->mark, "choice-incorrect",
                                      "window-close-symbolic", _("Not correct"));
    }
}

static const char *
bekal_match_view_get_hint (BekalQuestion *question)
{
  return _("For each item on the left, choose the matching description.");
}

static char *
describe_pairs (BekalQuestion       *question,
                const BekalResponse *response)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *pair = bekal_question_get_option (question, i);
      const char *right_id = response != NULL
                             ? bekal_response_get_match (response, bekal_option_get_id (pair))
                             : bekal_option_get_id (pair);
      BekalOption *right = right_id != NULL ? bekal_question_find_option (question, right_id)
                                            : NULL;
      g_autofree char *left_markup = bekal_question_view_text_markup (bekal_option_get_text (pair));
      g_autofree char *right_markup = right != NULL
                                      ? bekal_question_view_text_markup (
                                          bekal_option_get_match_text (right))
                                      : g_markup_escape_text (_("(none)"), -1);
      g_autofree char *line = g_strdup_printf ("%s → %s", left_markup, right_markup);

      bekal_question_view_append_line (lines, line);
    }

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static char *
bekal_match_view_describe_response (BekalQuestion       *question,
                                    const BekalResponse *response)
{
  return describe_pairs (question, response);
}

/* Every left side next to its own right side */
static char *
bekal_match_view_describe_correct (BekalQuestion *question)
{
  return describe_pairs (question, NULL);
}

static gboolean
bekal_match_view_grab_focus (GtkWidget *widget)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (widget);

  if (self->pairs->len == 0)
    return FALSE;

  return gtk_widget_grab_focus (get_pair (self, 0)->drop);
}

static void
bekal_match_view_finalize (GObject *object)
{
  BekalMatchView *self = BEKAL_MATCH_VIEW (object);

  g_clear_pointer (&self->pairs, g_array_unref);
  g_clear_pointer (&self->right_ids, g_strfreev);

  G_OBJECT_CLASS (bekal_match_view_parent_class)->finalize (object);
}

static void
bekal_match_view_class_init (BekalMatchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BekalQuestionViewClass *view_class = BEKAL_QUESTION_VIEW_CLASS (klass);

  object_class->finalize = bekal_match_view_finalize;
  widget_class->grab_focus = bekal_match_view_grab_focus;

  view_class->build = bekal_match_view_build;
  view_class->dup_response = bekal_match_view_dup_response;
  view_class->set_response = bekal_match_view_set_response;
  view_class->set_locked = bekal_match_view_set_locked;
  view_class->show_marks = bekal_match_view_show_marks;
  view_class->get_hint = bekal_match_view_get_hint;
  view_class->describe_response = bekal_match_view_describe_response;
  view_class->describe_correct = bekal_match_view_describe_correct;
}

static void
bekal_match_view_init (BekalMatchView *self)
{
  self->pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  g_array_set_clear_func (self->pairs, (GDestroyNotify) pair_clear);
}
