/* bekal-quiz-page-keys.c: the keyboard on the quiz page
 *
 * The page sees keys before the focused widget does, so that Enter confirms from any option.
 * Keys that choose or move an answer (1 to 9, Alt+Up/Down) go to the question view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-quiz-page-private.h"

/* Callbacks */

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
  gboolean is_move = (state & GDK_ALT_MASK)
                     && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down
                         || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Down);
  gboolean is_number = (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
                       || (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9);

  if (self->session == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") != 0)
    return FALSE;

  /* the open list of a drop-down keeps its own keys */
  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;

  if (is_move)
    return self->view != NULL && bekal_question_view_handle_key (self->view, keyval, state);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  if (is_number)
    {
      if (self->showing_feedback || self->finish_wanted || in_drop_down || self->view == NULL)
        return FALSE;

      return bekal_question_view_handle_key (self->view, keyval, state);
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      /* other buttons (move up, try again) do what they say */
      if (focus != NULL && GTK_IS_BUTTON (focus) && !GTK_IS_TOGGLE_BUTTON (focus)
          && focus != GTK_WIDGET (self->confirm_button))
        return FALSE;
      if (!gtk_widget_get_sensitive (GTK_WIDGET (self->confirm_button)))
        return !in_drop_down; /* on a drop-down, Enter opens it while a match is missing */
      bekal_quiz_page_confirm (self);
      return TRUE;
    }

  return FALSE;
}

/* Internal API */

void
bekal_quiz_page_add_key_controller (BekalQuizPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
