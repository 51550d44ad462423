/* bekal-quiz-page.c: one attempt at a quiz, one question per screen, then its results
 *
 * Every answer goes to the session the moment it is confirmed; the session saves it at
 * once. When the store cannot save it (disk full, database busy), the answer stays in the
 * session and a banner offers to try again: the learner never has to answer twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-quiz-page.h"
#include "bekal-quiz-results.h"
#include "bekal-quiz-widgets.h"

/* Keys 1 to 9 choose an option; longer lists are chosen with the mouse or Tab */
#define MAX_KEYED_CHOICES 9

enum
{
  SIGNAL_FINISHED,
  SIGNAL_CLOSED,
  N_SIGNALS
};

struct _BekalQuizPage
{
  GtkWidget         parent_instance;

  BekalStore       *store;
  BekalModule      *module;
  BekalQuizSession *session;
  gint64            profile_id;

  guint             index;
  /* practice: the answer was checked and its feedback shown; Enter goes on */
  gboolean          showing_feedback;
  /* the attempt must be finished once the pending answers are saved */
  gboolean          finish_wanted;
  gboolean          time_up;
  gint64            deadline;      /* unix seconds, 0 without a time limit */
  guint             timer_source;

  /* the answer widgets of the question shown (owned by answer_box) */
  GPtrArray        *choices;       /* toggle or check buttons, in the order shown */
  GPtrArray        *match_drops;   /* GtkDropDown per left side */
  GPtrArray        *match_left_ids;
  char            **match_right_ids; /* pair ids in the order of the drop-down items */
  GtkListBox       *order_list;

  GtkRevealer      *save_error_revealer;
  GtkLabel         *save_error_label;
  GtkButton        *retry_button;
  GtkStack         *stack;
  GtkScrolledWindow *question_scroller;
  GtkLabel         *quiz_title_label;
  GtkLabel         *time_label;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkLabel         *prompt_label;
  GtkLabel         *hint_label;
  GtkBox           *answer_box;
  GtkBox           *feedback_box;
  GtkLabel         *key_hint_label;
  GtkButton        *confirm_button;
  GtkLabel         *time_up_label;
  BekalQuizResults *results;
  GtkLabel         *review_title;
  GtkBox           *review_box;
  GtkButton        *retake_button;
  GtkButton        *close_button;
};

static guint signals[N_SIGNALS];

static void                finish_attempt        (BekalQuizPage            *self);
static gboolean            on_timer_tick         (gpointer                  user_data);
static void                on_choice_toggled     (BekalQuizPage            *self);
static void                on_move_up_clicked    (GtkButton                *button,
                                                  GtkWidget                *row);
static void                on_move_down_clicked  (GtkButton                *button,
                                                  GtkWidget                *row);
static GdkContentProvider *on_order_drag_prepare (GtkDragSource            *source,
                                                  double                    x,
                                                  double                    y,
                                                  GtkWidget                *row);
static void                on_order_drag_begin   (GtkDragSource            *source,
                                                  GdkDrag                  *drag,
                                                  GtkWidget                *row);
static gboolean            on_order_drop         (GtkDropTarget            *target,
                                                  const GValue             *value,
                                                  double                    x,
                                                  double                    y,
                                                  GtkWidget                *row);
static void                on_match_item_setup   (GtkSignalListItemFactory *factory,
                                                  GtkListItem              *item);
static void                on_match_item_bind    (GtkSignalListItemFactory *factory,
                                                  GtkListItem              *item);
static void                on_match_selected     (BekalQuizPage            *self);

G_DEFINE_FINAL_TYPE (BekalQuizPage, bekal_quiz_page, GTK_TYPE_WIDGET)


/* Helpers: general */

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static BekalQuestion *
current_question (BekalQuizPage *self)
{
  if (self->session == NULL || self->index >= bekal_quiz_session_get_n_questions (self->session))
    return NULL;

  return bekal_quiz_session_get_question (self->session, self->index);
}

static void
forget_answer_widgets (BekalQuizPage *self)
{
  g_ptr_array_set_size (self->choices, 0);
  g_ptr_array_set_size (self->match_drops, 0);
  g_ptr_array_set_size (self->match_left_ids, 0);
  g_clear_pointer (&self->match_right_ids, g_strfreev);
  self->order_list = NULL;
  remove_children (self->answer_box);
}

static void
show_save_error (BekalQuizPage *self,
                 const char    *message)
{
  g_autofree char *text = g_strdup_printf (_("Your answer is kept, but it could not be saved "
                                             "yet: %s"), message);

  gtk_label_set_text (self->save_error_label, text);
  gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
}

static void
hide_save_error (BekalQuizPage *self)
{
  gtk_revealer_set_reveal_child (self->save_error_revealer, FALSE);
}

/* Helpers: the timer */

static void
stop_timer (BekalQuizPage *self)
{
  g_clear_handle_id (&self->timer_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), FALSE);
}

static gboolean
update_time_label (BekalQuizPage *self)
{
  gint64 left = self->deadline - g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (left <= 0)
    return FALSE;

  /* whole minutes only: a ticking clock of seconds would hurry the learner */
  if (left <= 60)
    text = g_strdup (_("Less than a minute left"));
  else
    {
      guint minutes = (guint) ((left + 59) / 60);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u minute left",
                                           "About %u minutes left", minutes), minutes);
    }

  if (g_strcmp0 (gtk_label_get_text (self->time_label), text) != 0)
    gtk_label_set_text (self->time_label, text);

  return TRUE;
}

static void
start_timer (BekalQuizPage *self)
{
  BekalQuiz *quiz = bekal_quiz_session_get_quiz (self->session);
  guint minutes = quiz != NULL ? bekal_quiz_get_time_limit_minutes (quiz) : 0;
  g_autoptr(BekalQuizAttempt) attempt = NULL;
  gint64 started_at;

  stop_timer (self);
  self->deadline = 0;
  if (minutes == 0 || bekal_quiz_session_get_kind (self->session) == BEKAL_SESSION_CHECKPOINT
      || bekal_quiz_session_is_finished (self->session))
    return;

  /* the time counts from the start of the attempt, also across a resume */
  if (self->store != NULL)
    attempt = bekal_store_get_attempt (self->store,
                                       bekal_quiz_session_get_attempt_id (self->session), NULL);
  started_at = attempt != NULL ? attempt->started_at : g_get_real_time () / G_USEC_PER_SEC;
  self->deadline = started_at + (gint64) minutes * 60;

  gtk_widget_set_visible (GTK_WIDGET (self->time_label), TRUE);
  self->timer_source = g_timeout_add_seconds (1, on_timer_tick, self);
  if (!update_time_label (self))
    {
      g_clear_handle_id (&self->timer_source, g_source_remove);
      self->time_up = TRUE;
    }
}

/* Helpers: reading the answer */

static const char *
choice_id (GtkWidget *choice)
{
  return g_object_get_data (G_OBJECT (choice), "bekal-option-id");
}

static gboolean
choice_is_active (GtkWidget *choice)
{
  if (GTK_IS_CHECK_BUTTON (choice))
    return gtk_check_button_get_active (GTK_CHECK_BUTTON (choice));

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (choice));
}

/* The response the widgets hold now, or NULL while it is not complete */
static char *
read_response (BekalQuizPage *self)
{
  BekalQuestion *question = current_question (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (question == NULL)
    return NULL;

  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_SCALE:
      for (guint i = 0; i < self->choices->len; i++)
        if (choice_is_active (g_ptr_array_index (self->choices, i)))
          return g_strdup (choice_id (g_ptr_array_index (self->choices, i)));
      return NULL;

    case BEKAL_QUESTION_MULTIPLE:
      for (guint i = 0; i < self->choices->len; i++)
        if (choice_is_active (g_ptr_array_index (self->choices, i)))
          g_ptr_array_add (ids, (gpointer) choice_id (g_ptr_array_index (self->choices, i)));
      if (ids->len == 0)
        return NULL;
      g_ptr_array_add (ids, NULL);
      return bekal_quiz_response_from_ids ((const char * const *) ids->pdata);

    case BEKAL_QUESTION_ORDER:
      if (self->order_list == NULL)
        return NULL;
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->order_list));
           row != NULL; row = gtk_widget_get_next_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row))
          g_ptr_array_add (ids, (gpointer) choice_id (row));
      g_ptr_array_add (ids, NULL);
      return bekal_quiz_response_from_ids ((const char * const *) ids->pdata);

    case BEKAL_QUESTION_MATCH:
      for (guint i = 0; i < self->match_drops->len; i++)
        {
          guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->match_drops, i));

          /* item 0 is "Choose…" */
          if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
            return NULL;
          g_ptr_array_add (ids, self->match_right_ids[selected - 1]);
        }
      g_ptr_array_add (ids, NULL);
      g_ptr_array_add (self->match_left_ids, NULL);
      {
        char *response = bekal_quiz_response_from_pairs (
          (const char * const *) self->match_left_ids->pdata,
          (const char * const *) ids->pdata);

        g_ptr_array_set_size (self->match_left_ids, self->match_left_ids->len - 1);
        return response;
      }

    default:
      return NULL;
    }
}

static void
update_confirm (BekalQuizPage *self)
{
  g_autofree char *response = NULL;

  if (self->showing_feedback || self->finish_wanted)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), TRUE);
      return;
    }

  response = read_response (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), response != NULL);
}

/* Helpers: building the answer widgets */

static GtkWidget *
create_choice_content (guint        number,
                       const char  *markup,
                       GtkWidget  **out_status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *status_icon = gtk_image_new ();
  GtkWidget *status_label = gtk_label_new (NULL);

  if (number > 0 && number <= MAX_KEYED_CHOICES)
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

  gtk_box_append (GTK_BOX (status), status_icon);
  gtk_box_append (GTK_BOX (status), status_label);
  gtk_widget_add_css_class (status_label, "caption-heading");
  gtk_widget_set_visible (status, FALSE);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), status);

  *out_status = status;
  return box;
}

static void
set_choice_status (GtkWidget  *choice,
                   const char *css_class,
                   const char *icon_name,
                   const char *text)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (choice), "bekal-status");
  GtkWidget *icon = gtk_widget_get_first_child (status);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);

  gtk_widget_add_css_class (choice, css_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (status, TRUE);
}

static GtkWidget *
add_choice (BekalQuizPage *self,
            GtkWidget     *parent,
            gboolean       check,
            const char    *id,
            const char    *markup,
            const char    *plain)
{
  guint number = self->choices->len + 1;
  GtkWidget *status = NULL;
  GtkWidget *content = create_choice_content (number, markup, &status);
  GtkWidget *choice;
  g_autofree char *accessible = NULL;

  if (check)
    {
      choice = gtk_check_button_new ();
      gtk_check_button_set_child (GTK_CHECK_BUTTON (choice), content);
      g_signal_connect_swapped (choice, "toggled", G_CALLBACK (on_choice_toggled), self);
    }
  else
    {
      choice = gtk_toggle_button_new ();
      gtk_button_set_child (GTK_BUTTON (choice), content);
      if (self->choices->len > 0 && GTK_IS_TOGGLE_BUTTON (g_ptr_array_index (self->choices, 0)))
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (choice),
                                     g_ptr_array_index (self->choices, 0));
      g_signal_connect_swapped (choice, "toggled", G_CALLBACK (on_choice_toggled), self);
    }

  /* TRANSLATORS: the name of an answer option for screen readers: its key and its text */
  accessible = number <= MAX_KEYED_CHOICES ? g_strdup_printf (_("%u: %s"), number, plain)
                                           : g_strdup (plain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_add_css_class (choice, "quiz-choice");
  g_object_set_data_full (G_OBJECT (choice), "bekal-option-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (choice), "bekal-status", status);
  g_ptr_array_add (self->choices, choice);
  gtk_box_append (GTK_BOX (parent), choice);

  return choice;
}

static void
build_choices (BekalQuizPage *self,
               BekalQuestion *question,
               gboolean       check)
{
  const char * const *order = bekal_quiz_session_get_option_order (self->session, self->index);

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      BekalOption *option = bekal_question_find_option (question, order[i]);
      g_autofree char *markup = NULL;
      const char *plain;

      if (option == NULL)
        continue;
      markup = bekal_quiz_option_markup (question, option);
      if (bekal_question_get_kind (question) == BEKAL_QUESTION_TRUEFALSE)
        plain = g_str_equal (order[i], "true") ? _("True") : _("False");
      else
        plain = bekal_text_get_plain (bekal_option_get_text (option));
      add_choice (self, GTK_WIDGET (self->answer_box), check, order[i], markup, plain);
    }
}

static void
build_scale (BekalQuizPage *self,
             BekalQuestion *question)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  int min = bekal_question_get_scale_min (question);
  int max = bekal_question_get_scale_max (question);
  GtkWidget *first = NULL;

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_add_css_class (row, "quiz-scale");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scale"), -1);

  for (int value = min; value <= max; value++)
    {
      g_autofree char *id = g_strdup_printf ("%d", value);
      BekalOption *label = bekal_question_find_option (question, id);
      const char *plain = label != NULL ? bekal_text_get_plain (bekal_option_get_text (label)) : "";
      GtkWidget *choice = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *number = gtk_label_new (id);
      GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *accessible = NULL;

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
      gtk_box_append (GTK_BOX (status), gtk_image_new ());
      gtk_box_append (GTK_BOX (status), gtk_label_new (NULL));
      gtk_widget_set_visible (status, FALSE);
      gtk_box_append (GTK_BOX (box), status);
      gtk_button_set_child (GTK_BUTTON (choice), box);

      accessible = plain[0] != '\0' ? g_strdup_printf ("%s: %s", id, plain) : g_strdup (id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (choice), GTK_TOGGLE_BUTTON (first));
      else
        first = choice;
      gtk_widget_add_css_class (choice, "quiz-choice");
      gtk_widget_add_css_class (choice, "quiz-scale-value");
      g_object_set_data_full (G_OBJECT (choice), "bekal-option-id", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (choice), "bekal-status", status);
      g_signal_connect_swapped (choice, "toggled", G_CALLBACK (on_choice_toggled), self);
      g_ptr_array_add (self->choices, choice);
      gtk_box_append (GTK_BOX (row), choice);
    }

  gtk_box_append (self->answer_box, row);
}

/* Helpers: the order question */

static void
update_order_rows (BekalQuizPage *self)
{
  guint n = 0;
  guint position = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->order_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->order_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *position_label = g_object_get_data (G_OBJECT (row), "bekal-position");
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "bekal-up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "bekal-down");
      const char *plain = g_object_get_data (G_OBJECT (row), "bekal-plain");
      g_autofree char *number = NULL;
      g_autofree char *row_name = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      position++;
      number = g_strdup_printf ("%u.", position);
      gtk_label_set_text (GTK_LABEL (position_label), number);
      /* TRANSLATORS: an item of a list to put in order, for screen readers: "2 of 5: Text" */
      row_name = g_strdup_printf (_("%u of %u: %s"), position, n, plain);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      row_name, -1);
      gtk_widget_set_sensitive (up, position > 1 && !self->showing_feedback);
      gtk_widget_set_sensitive (down, position < n && !self->showing_feedback);
    }
}

static guint
count_order_rows (BekalQuizPage *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->order_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;

  return n;
}

static gboolean
move_order_row (BekalQuizPage *self,
                GtkWidget     *row,
                int            position)
{
  if (self->order_list == NULL || self->showing_feedback || position < 0
      || position >= (int) count_order_rows (self)
      || position == gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)))
    return FALSE;

  g_object_ref (row);
  gtk_list_box_remove (self->order_list, row);
  gtk_list_box_insert (self->order_list, row, position);
  g_object_unref (row);
  update_order_rows (self);
  update_confirm (self);

  return TRUE;
}

static GtkWidget *
create_move_button (const char *icon_name,
                    const char *name,
                    GCallback   callback,
                    GtkWidget  *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_signal_connect (button, "clicked", callback, row);

  return button;
}

static void
build_order (BekalQuizPage *self,
             BekalQuestion *question)
{
  const char * const *order = bekal_quiz_session_get_option_order (self->session, self->index);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "quiz-order");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items to put in order"), -1);
  self->order_list = GTK_LIST_BOX (list);

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      BekalOption *item = bekal_question_find_option (question, order[i]);
      const char *plain;
      GtkWidget *row;
      GtkWidget *box;
      GtkWidget *handle;
      GtkWidget *position;
      GtkWidget *text;
      GtkWidget *up;
      GtkWidget *down;
      GtkDragSource *drag;
      GtkDropTarget *drop;
      g_autofree char *up_name = NULL;
      g_autofree char *down_name = NULL;

      if (item == NULL)
        continue;
      plain = bekal_text_get_plain (bekal_option_get_text (item));

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (box, "quiz-order-row");
      handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Drag to move"), -1);
      gtk_widget_add_css_class (handle, "dim-label");
      position = gtk_label_new (NULL);
      gtk_widget_add_css_class (position, "quiz-key");
      gtk_widget_set_valign (position, GTK_ALIGN_CENTER);
      text = bekal_quiz_create_text_label (bekal_option_get_text (item));
      gtk_widget_set_hexpand (text, TRUE);
      gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

      /* TRANSLATORS: a button that moves an item of a list to put in order */
      up_name = g_strdup_printf (_("Move “%s” up"), plain);
      down_name = g_strdup_printf (_("Move “%s” down"), plain);
      up = create_move_button ("go-up-symbolic", up_name, G_CALLBACK (on_move_up_clicked), row);
      down = create_move_button ("go-down-symbolic", down_name, G_CALLBACK (on_move_down_clicked),
                                 row);

      gtk_box_append (GTK_BOX (box), handle);
      gtk_box_append (GTK_BOX (box), position);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (GTK_BOX (box), up);
      gtk_box_append (GTK_BOX (box), down);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_order_drag_prepare), row);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (on_order_drag_begin), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
      drop = gtk_drop_target_new (GTK_TYPE_LIST_BOX_ROW, GDK_ACTION_MOVE);
      g_signal_connect (drop, "drop", G_CALLBACK (on_order_drop), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

      g_object_set_data_full (G_OBJECT (row), "bekal-option-id", g_strdup (order[i]), g_free);
      g_object_set_data_full (G_OBJECT (row), "bekal-plain", g_strdup (plain), g_free);
      g_object_set_data (G_OBJECT (row), "bekal-position", position);
      g_object_set_data (G_OBJECT (row), "bekal-up", up);
      g_object_set_data (G_OBJECT (row), "bekal-down", down);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_box_append (self->answer_box, list);
  update_order_rows (self);
}

/* Helpers: the match question */

static void
build_match (BekalQuizPage *self,
             BekalQuestion *question)
{
  const char * const *left_order = bekal_quiz_session_get_option_order (self->session, self->index);
  const char * const *right_order = bekal_quiz_session_get_match_order (self->session, self->index);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GPtrArray) right_ids = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (factory, "setup", G_CALLBACK (on_match_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_match_item_bind), NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pairs to match"), -1);

  for (guint i = 0; right_order != NULL && right_order[i] != NULL; i++)
    g_ptr_array_add (right_ids, g_strdup (right_order[i]));
  g_ptr_array_add (right_ids, NULL);
  self->match_right_ids = (char **) g_ptr_array_free (g_steal_pointer (&right_ids), FALSE);

  for (guint i = 0; left_order != NULL && left_order[i] != NULL; i++)
    {
      BekalOption *pair = bekal_question_find_option (question, left_order[i]);
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
      g_autofree char *placeholder = g_markup_escape_text (_("Choose…"), -1);
      g_autofree char *drop_name = NULL;
      GtkWidget *row;
      GtkWidget *box;
      GtkWidget *left;
      GtkWidget *drop;
      GtkWidget *status;

      if (pair == NULL)
        continue;

      gtk_string_list_append (strings, placeholder);
      for (guint j = 0; self->match_right_ids[j] != NULL; j++)
        {
          BekalOption *right = bekal_question_find_option (question, self->match_right_ids[j]);
          g_autofree char *markup = NULL;

          markup = bekal_text_to_pango_markup (bekal_option_get_match_text (right));

          gtk_string_list_append (strings, markup);
        }

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (box, "quiz-match-row");
      left = bekal_quiz_create_text_label (bekal_option_get_text (pair));
      gtk_widget_set_hexpand (left, TRUE);
      gtk_widget_set_valign (left, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (left, "heading");

      drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
      gtk_drop_down_set_factory (GTK_DROP_DOWN (drop), factory);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), 0);
      gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (drop, 260, -1);
      /* TRANSLATORS: the name of the drop-down next to an item to match, e.g. "Match for
       * “Repatriation”" */
      drop_name = g_strdup_printf (_("Match for “%s”"),
                                   bekal_text_get_plain (bekal_option_get_text (pair)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      drop_name, -1);
      g_signal_connect_swapped (drop, "notify::selected", G_CALLBACK (on_match_selected), self);

      status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (status), gtk_image_new ());
      gtk_box_append (GTK_BOX (status), gtk_label_new (NULL));
      gtk_widget_set_visible (status, FALSE);
      gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (drop), "bekal-status", status);
      g_object_set_data_full (G_OBJECT (drop), "bekal-option-id", g_strdup (left_order[i]),
                              g_free);

      gtk_box_append (GTK_BOX (box), left);
      gtk_box_append (GTK_BOX (box), drop);
      gtk_box_append (GTK_BOX (box), status);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (list), row);

      g_ptr_array_add (self->match_drops, drop);
      g_ptr_array_add (self->match_left_ids, g_strdup (left_order[i]));
    }

  gtk_box_append (self->answer_box, list);
}

/* Helpers: feedback right after an answer */

static void
mark_answer_widgets (BekalQuizPage *self,
                     BekalQuestion *question,
                     const char    *response)
{
  BekalQuestionType kind = bekal_question_get_kind (question);

  if (kind == BEKAL_QUESTION_SINGLE || kind == BEKAL_QUESTION_MULTIPLE
      || kind == BEKAL_QUESTION_TRUEFALSE)
    {
      for (guint i = 0; i < self->choices->len; i++)
        {
          GtkWidget *choice = g_ptr_array_index (self->choices, i);
          BekalOption *option = bekal_question_find_option (question, choice_id (choice));
          gboolean chosen = bekal_quiz_response_has_id (response, choice_id (choice));

          /* icons and words, not colour alone */
          if (option != NULL && bekal_option_get_correct (option))
            set_choice_status (choice, "choice-correct", "object-select-symbolic",
                               chosen ? _("Your choice, correct") : _("Correct answer"));
          else if (chosen)
            set_choice_status (choice, "choice-incorrect", "window-close-symbolic",
                               _("Your choice, not correct"));
        }
    }
  else if (kind == BEKAL_QUESTION_MATCH)
    {
      for (guint i = 0; i < self->match_drops->len; i++)
        {
          GtkWidget *drop = g_ptr_array_index (self->match_drops, i);
          const char *left_id = choice_id (drop);
          g_autofree char *right_id = bekal_quiz_response_dup_match (response, left_id);

          if (g_strcmp0 (left_id, right_id) == 0)
            set_choice_status (drop, "choice-correct", "object-select-symbolic", _("Correct"));
          else
            set_choice_status (drop, "choice-incorrect", "window-close-symbolic",
                               _("Not correct"));
        }
    }
}

static void
lock_answer_widgets (BekalQuizPage *self)
{
  /* kept readable (not greyed out) but no longer changeable */
  gtk_widget_set_can_target (GTK_WIDGET (self->answer_box), FALSE);
  for (guint i = 0; i < self->choices->len; i++)
    gtk_widget_set_focusable (g_ptr_array_index (self->choices, i), FALSE);
  for (guint i = 0; i < self->match_drops->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->match_drops, i), FALSE);
  if (self->order_list != NULL)
    update_order_rows (self);
}

static gboolean
is_last_question (BekalQuizPage *self)
{
  return bekal_quiz_session_get_current_index (self->session)
         >= bekal_quiz_session_get_n_questions (self->session);
}

static void
show_answer_feedback (BekalQuizPage      *self,
                      BekalFeedbackFlags  flags)
{
  BekalQuestion *question = current_question (self);
  const char *response = bekal_quiz_session_get_response (self->session, self->index);

  self->showing_feedback = TRUE;
  lock_answer_widgets (self);
  if (flags & BEKAL_FEEDBACK_CORRECTNESS)
    mark_answer_widgets (self, question, response);

  remove_children (self->feedback_box);
  gtk_box_append (self->feedback_box,
                  bekal_quiz_create_answer_feedback (self->session, self->index, flags, FALSE));
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_box), TRUE);

  if (bekal_quiz_session_get_kind (self->session) == BEKAL_SESSION_CHECKPOINT)
    gtk_button_set_label (self->confirm_button, _("_Continue"));
  else if (is_last_question (self))
    gtk_button_set_label (self->confirm_button, _("See the _Results"));
  else
    gtk_button_set_label (self->confirm_button, _("_Next Question"));
  gtk_label_set_text (self->key_hint_label, _("Enter goes on"));
  update_confirm (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
}

/* Helpers: steps */

/* The keyboard focus goes to the first answer of a question, or to the results */
static void
focus_step (BekalQuizPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->results));
  else if (self->showing_feedback || self->finish_wanted)
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
  else if (self->choices->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->choices, 0));
  else if (self->match_drops->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->match_drops, 0));
  else if (self->order_list != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->order_list)));
}

static const char *
question_hint (BekalQuestionType kind)
{
  switch (kind)
    {
    case BEKAL_QUESTION_SINGLE:
      return _("Choose one answer.");
    case BEKAL_QUESTION_MULTIPLE:
      return _("Choose every answer that is right.");
    case BEKAL_QUESTION_TRUEFALSE:
      return _("Is this statement true or false?");
    case BEKAL_QUESTION_ORDER:
      return _("Put the items in the right order: drag them, or use the arrow buttons "
               "(Alt+Up and Alt+Down move the selected item).");
    case BEKAL_QUESTION_MATCH:
      return _("For each item on the left, choose the matching description.");
    case BEKAL_QUESTION_SCALE:
      return _("Choose the number that fits you best. This answer is not scored.");
    default:
      return "";
    }
}

static void
show_question (BekalQuizPage *self,
               guint          index)
{
  guint n = bekal_quiz_session_get_n_questions (self->session);
  BekalQuestion *question;
  g_autofree char *progress = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *key_hint = NULL;
  BekalQuestionType kind;

  self->index = index;
  self->showing_feedback = FALSE;
  forget_answer_widgets (self);
  remove_children (self->feedback_box);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_box), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->answer_box), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "question");

  question = current_question (self);
  if (question == NULL)
    return;
  kind = bekal_question_get_kind (question);

  /* TRANSLATORS: progress through a quiz, e.g. "3 of 10" */
  progress = g_strdup_printf (_("%u of %u"), index + 1, n);
  gtk_label_set_text (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) index / n : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress, -1);

  prompt = bekal_text_to_pango_markup (bekal_question_get_prompt (question));
  gtk_label_set_markup (self->prompt_label, prompt);
  gtk_label_set_text (self->hint_label, question_hint (kind));

  switch (kind)
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_TRUEFALSE:
      build_choices (self, question, FALSE);
      break;
    case BEKAL_QUESTION_MULTIPLE:
      build_choices (self, question, TRUE);
      break;
    case BEKAL_QUESTION_ORDER:
      build_order (self, question);
      break;
    case BEKAL_QUESTION_MATCH:
      build_match (self, question);
      break;
    case BEKAL_QUESTION_SCALE:
      build_scale (self, question);
      break;
    default:
      break;
    }

  if (self->choices->len > 0)
    {
      guint keyed = MIN (self->choices->len, MAX_KEYED_CHOICES);

      if (kind == BEKAL_QUESTION_MULTIPLE)
        key_hint = g_strdup_printf (_("Keys 1 to %u or Space tick an answer; Enter confirms"),
                                    keyed);
      else
        key_hint = g_strdup_printf (_("Keys 1 to %u choose; Enter confirms"), keyed);
    }
  else
    key_hint = g_strdup (_("Enter confirms"));
  gtk_label_set_text (self->key_hint_label, key_hint);

  if (self->finish_wanted)
    gtk_button_set_label (self->confirm_button, _("_Finish"));
  else
    gtk_button_set_label (self->confirm_button, _("_Confirm Answer"));
  update_confirm (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->question_scroller), 0);
  focus_step (self);
}

static void
show_results (BekalQuizPage *self)
{
  BekalFeedbackFlags flags = bekal_quiz_session_get_feedback_policy (self->session,
                                                                     BEKAL_FEEDBACK_AFTER_FINISH);
  BekalSessionKind kind = bekal_quiz_session_get_kind (self->session);
  int retakes = bekal_quiz_session_get_retakes_remaining (self->session);
  guint n = bekal_quiz_session_get_n_questions (self->session);

  self->index = n;
  stop_timer (self);
  forget_answer_widgets (self);
  gtk_widget_set_visible (GTK_WIDGET (self->time_up_label), self->time_up);
  bekal_quiz_results_show_session (self->results, self->store, self->profile_id, self->module,
                                   self->session);

  remove_children (self->review_box);
  gtk_widget_set_visible (GTK_WIDGET (self->review_title), (flags & BEKAL_FEEDBACK_REVIEW) != 0);
  if (flags & BEKAL_FEEDBACK_REVIEW)
    for (guint i = 0; i < n; i++)
      {
        GtkWidget *item = bekal_quiz_create_answer_feedback (self->session, i, flags, TRUE);

        gtk_widget_add_css_class (item, "card");
        gtk_widget_add_css_class (item, "quiz-review-item");
        gtk_box_append (self->review_box, item);
      }

  gtk_widget_set_visible (GTK_WIDGET (self->retake_button),
                          self->store != NULL && self->module != NULL
                          && (kind == BEKAL_SESSION_POSTTEST || kind == BEKAL_SESSION_PRACTICE)
                          && retakes != 0);

  gtk_stack_set_visible_child_name (self->stack, "results");
  focus_step (self);
}

static void
finish_attempt (BekalQuizPage *self)
{
  g_autoptr(GError) error = NULL;

  if (bekal_quiz_session_get_kind (self->session) == BEKAL_SESSION_CHECKPOINT)
    {
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
      return;
    }

  if (!bekal_quiz_session_is_finished (self->session)
      && !bekal_quiz_session_finish (self->session, &error))
    {
      /* the pending answers must be saved first; the banner offers to try again */
      self->finish_wanted = TRUE;
      show_save_error (self, error->message);
      gtk_button_set_label (self->confirm_button, _("_Finish"));
      self->showing_feedback = FALSE;
      lock_answer_widgets (self);
      update_confirm (self);
      return;
    }

  self->finish_wanted = FALSE;
  hide_save_error (self);
  show_results (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->session);
}

static void
go_on (BekalQuizPage *self)
{
  guint next = bekal_quiz_session_get_current_index (self->session);

  if (next >= bekal_quiz_session_get_n_questions (self->session))
    finish_attempt (self);
  else
    show_question (self, next);
}

/* Callbacks */

static gboolean
on_timer_tick (gpointer user_data)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (user_data);

  if (update_time_label (self))
    return G_SOURCE_CONTINUE;

  self->timer_source = 0;
  self->time_up = TRUE;
  finish_attempt (self);

  return G_SOURCE_REMOVE;
}


static void
on_choice_toggled (BekalQuizPage *self)
{
  update_confirm (self);
}


static void
on_move_up_clicked (GtkButton *button,
                    GtkWidget *row)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (gtk_widget_get_ancestor (row, BEKAL_TYPE_QUIZ_PAGE));

  move_order_row (self, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) - 1);
  gtk_widget_grab_focus (gtk_widget_get_sensitive (GTK_WIDGET (button)) ? GTK_WIDGET (button)
                                                                         : row);
}


static void
on_move_down_clicked (GtkButton *button,
                      GtkWidget *row)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (gtk_widget_get_ancestor (row, BEKAL_TYPE_QUIZ_PAGE));

  move_order_row (self, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  gtk_widget_grab_focus (gtk_widget_get_sensitive (GTK_WIDGET (button)) ? GTK_WIDGET (button)
                                                                         : row);
}


static GdkContentProvider *
on_order_drag_prepare (GtkDragSource *source,
                       double         x,
                       double         y,
                       GtkWidget     *row)
{
  return gdk_content_provider_new_typed (GTK_TYPE_LIST_BOX_ROW, row);
}


static void
on_order_drag_begin (GtkDragSource *source,
                     GdkDrag       *drag,
                     GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}


static gboolean
on_order_drop (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               GtkWidget     *row)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (gtk_widget_get_ancestor (row, BEKAL_TYPE_QUIZ_PAGE));
  GtkWidget *dragged = g_value_get_object (value);

  if (self == NULL || dragged == NULL
      || gtk_widget_get_parent (dragged) != GTK_WIDGET (self->order_list))
    return FALSE;

  return move_order_row (self, dragged, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}


static void
on_match_item_setup (GtkSignalListItemFactory *factory,
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
on_match_item_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  /* the strings are markup made by bekal_text_to_pango_markup () */
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)),
                        gtk_string_object_get_string (string));
}


static void
on_match_selected (BekalQuizPage *self)
{
  update_confirm (self);
}

static void
on_confirm_clicked (BekalQuizPage *self)
{
  g_autofree char *response = NULL;
  g_autoptr(GError) error = NULL;
  BekalFeedbackFlags flags;

  if (self->session == NULL)
    return;

  if (self->finish_wanted)
    {
      finish_attempt (self);
      return;
    }

  if (self->showing_feedback)
    {
      go_on (self);
      return;
    }

  response = read_response (self);
  if (response == NULL)
    return;

  if (!bekal_quiz_session_answer (self->session, self->index, response, &error))
    {
      if (error->domain == BEKAL_QUIZ_ERROR)
        {
          /* not kept: the learner can change the answer and confirm again */
          show_save_error (self, error->message);
          return;
        }
      /* kept in memory as pending: the quiz goes on, the banner offers to try again */
      show_save_error (self, error->message);
    }

  flags = bekal_quiz_session_get_feedback_policy (self->session, BEKAL_FEEDBACK_AFTER_ANSWER);
  if (flags & (BEKAL_FEEDBACK_CORRECTNESS | BEKAL_FEEDBACK_OPTIONS | BEKAL_FEEDBACK_EXPLANATION))
    show_answer_feedback (self, flags);
  else
    go_on (self);
}

static void
on_retry_clicked (BekalQuizPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  if (!bekal_quiz_session_retry (self->session, &error))
    {
      show_save_error (self, error->message);
      return;
    }

  hide_save_error (self);
  if (self->finish_wanted || self->time_up)
    finish_attempt (self);
}

static void
on_n_pending_changed (BekalQuizPage *self)
{
  /* saved by a later answer: nothing is waiting any more */
  if (bekal_quiz_session_get_n_pending (self->session) == 0 && !self->finish_wanted)
    hide_save_error (self);
}

static void
on_retake_clicked (BekalQuizPage *self)
{
  g_autoptr(GError) error = NULL;
  BekalQuiz *quiz = bekal_quiz_session_get_quiz (self->session);

  if (!bekal_quiz_page_start (self, self->store, self->profile_id, self->module, quiz, &error))
    {
      gtk_label_set_text (self->save_error_label, error->message);
      gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
    }
}

static void
on_close_clicked (BekalQuizPage *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static int
key_to_number (guint keyval)
{
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_1) + 1;
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_1) + 1;

  return 0;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BekalQuizPage         *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_drop_down = focus != NULL
                          && gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN) != NULL;
  int number;

  if (self->session == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") != 0)
    return FALSE;

  /* the open list of a drop-down keeps its own keys */
  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;

  if ((state & GDK_ALT_MASK) && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down
                                 || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Down))
    {
      GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW)
                                     : NULL;
      int delta = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;

      if (row == NULL || self->order_list == NULL
          || gtk_widget_get_parent (row) != GTK_WIDGET (self->order_list))
        return FALSE;

      move_order_row (self, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + delta);
      gtk_widget_grab_focus (row);
      return TRUE;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  number = key_to_number (keyval);
  if (number > 0)
    {
      GtkWidget *choice;

      if (self->showing_feedback || self->finish_wanted || (guint) number > self->choices->len
          || in_drop_down)
        return FALSE;

      choice = g_ptr_array_index (self->choices, number - 1);
      if (GTK_IS_CHECK_BUTTON (choice))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (choice),
                                     !gtk_check_button_get_active (GTK_CHECK_BUTTON (choice)));
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (choice), TRUE);
      gtk_widget_grab_focus (choice);
      return TRUE;
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      /* other buttons (move up, try again) do what they say */
      if (focus != NULL && GTK_IS_BUTTON (focus) && !GTK_IS_TOGGLE_BUTTON (focus)
          && focus != GTK_WIDGET (self->confirm_button))
        return FALSE;
      if (!gtk_widget_get_sensitive (GTK_WIDGET (self->confirm_button)))
        return !in_drop_down; /* on a drop-down, Enter opens it while a match is missing */
      on_confirm_clicked (self);
      return TRUE;
    }

  return FALSE;
}

/* Overrides */

static void
bekal_quiz_page_map (GtkWidget *widget)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (bekal_quiz_page_parent_class)->map (widget);

  /* a page filled before it was shown could not take the focus yet */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (self->session != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, widget)))
    focus_step (self);
}

static void
bekal_quiz_page_dispose (GObject *object)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->timer_source, g_source_remove);
  forget_answer_widgets (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_QUIZ_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->module);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bekal_quiz_page_parent_class)->dispose (object);
}

static void
bekal_quiz_page_finalize (GObject *object)
{
  BekalQuizPage *self = BEKAL_QUIZ_PAGE (object);

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->match_drops, g_ptr_array_unref);
  g_clear_pointer (&self->match_left_ids, g_ptr_array_unref);
  g_clear_pointer (&self->match_right_ids, g_strfreev);

  G_OBJECT_CLASS (bekal_quiz_page_parent_class)->finalize (object);
}

static void
bekal_quiz_page_class_init (BekalQuizPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_quiz_page_dispose;
  object_class->finalize = bekal_quiz_page_finalize;
  widget_class->map = bekal_quiz_page_map;

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BEKAL_TYPE_QUIZ_SESSION);
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (BEKAL_TYPE_QUIZ_RESULTS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/bekal-quiz-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, quiz_title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, key_hint_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, time_up_label);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, results);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, review_title);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, retake_button);
  gtk_widget_class_bind_template_child (widget_class, BekalQuizPage, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retake_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
}

static void
bekal_quiz_page_init (BekalQuizPage *self)
{
  GtkEventController *keys;

  bekal_quiz_widgets_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = g_ptr_array_new ();
  self->match_drops = g_ptr_array_new ();
  self->match_left_ids = g_ptr_array_new_with_free_func (g_free);

  /* before the focused button sees Enter, so that Enter confirms from any option */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self->results), TRUE);
}

/* Public API */

GtkWidget *
bekal_quiz_page_new (void)
{
  return g_object_new (BEKAL_TYPE_QUIZ_PAGE, NULL);
}

gboolean
bekal_quiz_page_start (BekalQuizPage  *self,
                       BekalStore     *store,
                       gint64          profile_id,
                       BekalModule    *module,
                       BekalQuiz      *quiz,
                       GError        **error)
{
  g_autoptr(BekalQuizSession) session = NULL;

  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), FALSE);
  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), FALSE);
  g_return_val_if_fail (BEKAL_IS_QUIZ (quiz), FALSE);

  session = bekal_quiz_session_start (store, profile_id, module, quiz, error);
  if (session == NULL)
    return FALSE;

  bekal_quiz_page_set_session (self, store, profile_id, module, session);
  return TRUE;
}

void
bekal_quiz_page_set_session (BekalQuizPage    *self,
                             BekalStore       *store,
                             gint64            profile_id,
                             BekalModule      *module,
                             BekalQuizSession *session)
{
  BekalQuiz *quiz;
  const char *title;

  g_return_if_fail (BEKAL_IS_QUIZ_PAGE (self));
  g_return_if_fail (store == NULL || BEKAL_IS_STORE (store));
  g_return_if_fail (module == NULL || BEKAL_IS_MODULE (module));
  g_return_if_fail (BEKAL_IS_QUIZ_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->store, store);
  g_set_object (&self->module, module);
  g_set_object (&self->session, session);
  self->profile_id = profile_id;
  self->finish_wanted = FALSE;
  self->time_up = FALSE;
  hide_save_error (self);
  g_signal_connect_swapped (session, "notify::n-pending", G_CALLBACK (on_n_pending_changed), self);

  quiz = bekal_quiz_session_get_quiz (session);
  title = quiz != NULL ? bekal_quiz_get_title (quiz) : NULL;
  if (title == NULL || title[0] == '\0')
    title = quiz != NULL ? bekal_quiz_role_display_name (bekal_quiz_get_role (quiz))
                         : _("Question");
  gtk_label_set_text (self->quiz_title_label, title);

  if (bekal_quiz_session_is_finished (session))
    {
      stop_timer (self);
      show_results (self);
      return;
    }

  start_timer (self);
  if (self->time_up)
    {
      finish_attempt (self);
      return;
    }

  go_on (self);
}

BekalQuizSession *
bekal_quiz_page_get_session (BekalQuizPage *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), NULL);

  return self->session;
}

guint
bekal_quiz_page_get_index (BekalQuizPage *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), 0);

  return self->index;
}

const char *
bekal_quiz_page_get_step (BekalQuizPage *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
