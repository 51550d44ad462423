/* bekal-order-view.c: order questions, rows moved by dragging, by buttons or Alt+Up/Down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-order-view.h"
#include "bekal-quiz-widgets.h"

struct _BekalOrderRow
{
  GtkListBoxRow  parent_instance;

  char          *item_id;
  char          *plain;    /* the item's text, for the names screen readers say */
  GtkWidget     *position;
  GtkWidget     *up;
  GtkWidget     *down;
};

struct _BekalOrderView
{
  BekalQuestionView  parent_instance;

  GtkListBox        *list;
};

G_DEFINE_FINAL_TYPE (BekalOrderRow, bekal_order_row, GTK_TYPE_LIST_BOX_ROW)
G_DEFINE_FINAL_TYPE (BekalOrderView, bekal_order_view, BEKAL_TYPE_QUESTION_VIEW)

static void on_move_up_clicked    (GtkButton     *button,
                                   BekalOrderRow *row);
static void on_move_down_clicked  (GtkButton     *button,
                                   BekalOrderRow *row);

/* The row */

static void
bekal_order_row_finalize (GObject *object)
{
  BekalOrderRow *self = BEKAL_ORDER_ROW (object);

  g_free (self->item_id);
  g_free (self->plain);

  G_OBJECT_CLASS (bekal_order_row_parent_class)->finalize (object);
}

static void
bekal_order_row_class_init (BekalOrderRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_order_row_finalize;
}

static void
bekal_order_row_init (BekalOrderRow *self)
{
}

static GtkWidget *
create_move_button (const char    *icon_name,
                    const char    *name,
                    GCallback      callback,
                    BekalOrderRow *row)
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

static BekalOrderRow *
order_row_new (const char *item_id,
               BekalText  *text)
{
  BekalOrderRow *self = g_object_new (BEKAL_TYPE_ORDER_ROW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *label = bekal_quiz_create_text_label (text);
  g_autofree char *up_name = NULL;
  g_autofree char *down_name = NULL;

  self->item_id = g_strdup (item_id);
  self->plain = g_strdup (bekal_text_get_plain (text));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (box, "quiz-order-row");
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drag to move"), -1);
  gtk_widget_add_css_class (handle, "dim-label");
  self->position = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->position, "quiz-key");
  gtk_widget_set_valign (self->position, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);

  /* TRANSLATORS: a button that moves an item of a list to put in order */
  up_name = g_strdup_printf (_("Move “%s” up"), self->plain);
  down_name = g_strdup_printf (_("Move “%s” down"), self->plain);
  self->up = create_move_button ("go-up-symbolic", up_name, G_CALLBACK (on_move_up_clicked),
                                 self);
  self->down = create_move_button ("go-down-symbolic", down_name,
                                   G_CALLBACK (on_move_down_clicked), self);

  gtk_box_append (GTK_BOX (box), handle);
  gtk_box_append (GTK_BOX (box), self->position);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), self->up);
  gtk_box_append (GTK_BOX (box), self->down);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  return self;
}

/* Helpers */

static guint
count_rows (BekalOrderView *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (BEKAL_IS_ORDER_ROW (row))
      n++;

  return n;
}

static void
update_rows (BekalOrderView *self)
{
  gboolean locked = bekal_question_view_get_locked (BEKAL_QUESTION_VIEW (self));
  guint n = count_rows (self);
  guint position = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      BekalOrderRow *row;
      g_autofree char *number = NULL;
      g_autofree char *row_name = NULL;

      if (!BEKAL_IS_ORDER_ROW (child))
        continue;

      row = BEKAL_ORDER_ROW (child);
      position++;
      number = g_strdup_printf ("%u.", position);
      gtk_label_set_text (GTK_LABEL (row->position), number);
      /* TRANSLATORS: an item of a list to put in order, for screen readers: "2 of 5: Text" */
      row_name = g_strdup_printf (_("%u of %u: %s"), position, n, row->plain);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      row_name, -1);
      gtk_widget_set_sensitive (row->up, position > 1 && !locked);
      gtk_widget_set_sensitive (row->down, position < n && !locked);
    }
}

/* Moves @row to @position; FALSE when it cannot go there or the view is locked */
static gboolean
move_row (BekalOrderView *self,
          BekalOrderRow  *row,
          int             position)
{
  if (bekal_question_view_get_locked (BEKAL_QUESTION_VIEW (self))
      || gtk_widget_get_parent (GTK_WIDGET (row)) != GTK_WIDGET (self->list) || position < 0
      || position >= (int) count_rows (self)
      || position == gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)))
    return FALSE;

  g_object_ref (row);
  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  gtk_list_box_insert (self->list, GTK_WIDGET (row), position);
  g_object_unref (row);
  update_rows (self);
  bekal_question_view_emit_changed (BEKAL_QUESTION_VIEW (self));

  return TRUE;
}

static void
move_by (BekalOrderRow *row,
         GtkButton     *button,
         int            delta)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (row), BEKAL_TYPE_ORDER_VIEW);

  if (view == NULL)
    return;

  move_row (BEKAL_ORDER_VIEW (view), row,
            gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + delta);
  gtk_widget_grab_focus (gtk_widget_get_sensitive (GTK_WIDGET (button)) ? GTK_WIDGET (button)
                                                                         : GTK_WIDGET (row));
}

/* Callbacks */

static void
on_move_up_clicked (GtkButton     *button,
                    BekalOrderRow *row)
{
  move_by (row, button, -1);
}

static void
on_move_down_clicked (GtkButton     *button,
                      BekalOrderRow *row)
{
  move_by (row, button, 1);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (GTK_TYPE_LIST_BOX_ROW, row);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  GtkWidget *view = gtk_widget_get_ancestor (row, BEKAL_TYPE_ORDER_VIEW);
  GtkWidget *dragged = g_value_get_object (value);

  if (view == NULL || !BEKAL_IS_ORDER_ROW (dragged))
    return FALSE;

  return move_row (BEKAL_ORDER_VIEW (view), BEKAL_ORDER_ROW (dragged),
                   gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

/* Overrides */

static void
bekal_order_view_build (BekalQuestionView  *view,
                        BekalQuestion      *question,
                        const char * const *option_order,
                        const char * const *match_order)
{
  BekalOrderView *self = BEKAL_ORDER_VIEW (view);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "quiz-order");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items to put in order"), -1);

  for (guint i = 0; option_order != NULL && option_order[i] != NULL; i++)
    {
      BekalOption *item = bekal_question_find_option (question, option_order[i]);
      BekalOrderRow *row;
      GtkDragSource *drag;
      GtkDropTarget *drop;

      if (item == NULL)
        continue;

      row = order_row_new (option_order[i], bekal_option_get_text (item));
      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), row);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), row);
      gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (drag));
      drop = gtk_drop_target_new (GTK_TYPE_LIST_BOX_ROW, GDK_ACTION_MOVE);
      g_signal_connect (drop, "drop", G_CALLBACK (on_drop), row);
      gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (drop));
      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }

  bekal_question_view_append (view, GTK_WIDGET (self->list));
  update_rows (self);
}

/* Every item in the order shown: an order is always complete */
static BekalResponse *
bekal_order_view_dup_response (BekalQuestionView *view)
{
  BekalOrderView *self = BEKAL_ORDER_VIEW (view);
  BekalResponse *response = bekal_response_new (BEKAL_QUESTION_ORDER);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (BEKAL_IS_ORDER_ROW (row))
      bekal_response_add_id (response, BEKAL_ORDER_ROW (row)->item_id);

  return response;
}

static void
bekal_order_view_set_response (BekalQuestionView   *view,
                               const BekalResponse *response)
{
  BekalOrderView *self = BEKAL_ORDER_VIEW (view);

  /* each item in turn to its place; items the response does not name stay below */
  for (guint i = 0; i < bekal_response_get_n_ids (response); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (BEKAL_IS_ORDER_ROW (row)
          && g_str_equal (BEKAL_ORDER_ROW (row)->item_id, bekal_response_get_id (response, i)))
        {
          move_row (self, BEKAL_ORDER_ROW (row), (int) i);
          break;
        }
}

static void
bekal_order_view_set_locked (BekalQuestionView *view,
                             gboolean           locked)
{
  BEKAL_QUESTION_VIEW_CLASS (bekal_order_view_parent_class)->set_locked (view, locked);
  update_rows (BEKAL_ORDER_VIEW (view));
}

/* Alt+Up and Alt+Down move the item that has the focus */
static gboolean
bekal_order_view_handle_key (BekalQuestionView *view,
                             guint              keyval,
                             GdkModifierType    state)
{
  BekalOrderView *self = BEKAL_ORDER_VIEW (view);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, BEKAL_TYPE_ORDER_ROW) : NULL;
  int delta;

  if (!(state & GDK_ALT_MASK) || (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down
                                  && keyval != GDK_KEY_KP_Up && keyval != GDK_KEY_KP_Down))
    return FALSE;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list))
    return FALSE;

  delta = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;
  move_row (self, BEKAL_ORDER_ROW (row),
            gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + delta);
  gtk_widget_grab_focus (row);

  return TRUE;
}

static const char *
bekal_order_view_get_hint (BekalQuestion *question)
{
  return _("Put the items in the right order: drag them, or use the arrow buttons "
           "(Alt+Up and Alt+Down move the selected item).");
}

static char *
numbered_list (BekalQuestion *question,
               guint          n,
               const char *(*get_id) (gconstpointer data, guint index),
               gconstpointer  data)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *id = get_id (data, i);
      BekalOption *item = bekal_question_find_option (question, id);
      g_autofree char *markup = item != NULL
                                ? bekal_question_view_text_markup (bekal_option_get_text (item))
                                : g_markup_escape_text (id, -1);

      if (lines->len > 0)
        g_string_append_c (lines, '\n');
      g_string_append_printf (lines, "%u. %s", i + 1, markup);
    }

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static const char *
response_id (gconstpointer data,
             guint         index)
{
  return bekal_response_get_id (data, index);
}

static const char *
document_id (gconstpointer data,
             guint         index)
{
  return bekal_option_get_id (bekal_question_get_option ((BekalQuestion *) data, index));
}

static char *
bekal_order_view_describe_response (BekalQuestion       *question,
                                    const BekalResponse *response)
{
  return numbered_list (question, bekal_response_get_n_ids (response), response_id, response);
}

static char *
bekal_order_view_describe_correct (BekalQuestion *question)
{
  return numbered_list (question, bekal_question_get_n_options (question), document_id,
                        question);
}

static gboolean
bekal_order_view_grab_focus (GtkWidget *widget)
{
  BekalOrderView *self = BEKAL_ORDER_VIEW (widget);
  GtkWidget *first = self->list != NULL ? gtk_widget_get_first_child (GTK_WIDGET (self->list))
                                        : NULL;

  return first != NULL && gtk_widget_grab_focus (first);
}

static void
bekal_order_view_class_init (BekalOrderViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BekalQuestionViewClass *view_class = BEKAL_QUESTION_VIEW_CLASS (klass);

  widget_class->grab_focus = bekal_order_view_grab_focus;

  view_class->build = bekal_order_view_build;
  view_class->dup_response = bekal_order_view_dup_response;
  view_class->set_response = bekal_order_view_set_response;
  view_class->set_locked = bekal_order_view_set_locked;
  view_class->handle_key = bekal_order_view_handle_key;
  view_class->get_hint = bekal_order_view_get_hint;
  view_class->describe_response = bekal_order_view_describe_response;
  view_class->describe_correct = bekal_order_view_describe_correct;
}

static void
bekal_order_view_init (BekalOrderView *self)
{
}

/* Public API */

const char *
bekal_order_row_get_item_id (BekalOrderRow *self)
{
  g_return_val_if_fail (BEKAL_IS_ORDER_ROW (self), NULL);

  return self->item_id;
}
