/* bekal-control-window.c: the trainer's view of a group session: the current and next screen,
 * the notes, a timer, who joined and answered (names appear only here), the live tally and
 * the buttons that drive the room. Updates of the counts are gathered and drawn at most five
 * times a second, so that a room answering at once never stalls the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-control-window.h"
#include "bekal-presenter-window.h"
#include "bekal-tally-view.h"

#define ROOM_UPDATE_MS 200

struct _BekalControlWindow
{
  AdwWindow        parent_instance;

  BekalSession    *session;
  gulong           screen_handler;
  gulong           room_handler;
  guint            room_update;
  guint            clock;
  gint64           started_at;
  gint64           screen_started_at;
  GPtrArray       *paper_spins;   /* GtkSpinButton, one per option of the current question */

  AdwWindowTitle  *window_title;
  GtkLabel        *current_label;
  GtkLabel        *next_label;
  GtkLabel        *notes_label;
  GtkLabel        *timer_label;
  GtkLabel        *total_time_label;
  GtkButton       *timer_reset_button;
  GtkLabel        *question_label;
  GtkLabel        *counts_label;
  BekalTallyView  *tally_view;
  GtkCheckButton  *show_tally_check;
  GtkCheckButton  *room_score_check;
  GtkToggleButton *paper_button;
  GtkRevealer     *paper_revealer;
  GtkBox          *paper_box;
  GtkButton       *paper_save_button;
  GtkLabel        *room_label;
  GtkListBox      *people_list;
};

enum
{
  SIGNAL_END_SESSION,
  SIGNAL_COUNTS_SAVED,
  SIGNAL_SHOW_PROJECTOR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalControlWindow, bekal_control_window, ADW_TYPE_WINDOW)

/* Helpers */

static const BekalScreen *
current_screen (BekalControlWindow *self)
{
  return bekal_session_get_screen (self->session, bekal_session_get_current (self->session));
}

static char *
format_duration (gint64 microseconds)
{
  gint64 seconds = microseconds / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
update_clock (BekalControlWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *screen = format_duration (now - self->screen_started_at);
  g_autofree char *total = format_duration (now - self->started_at);
  g_autofree char *total_text = g_strdup_printf (_("Session: %s"), total);

  gtk_label_set_text (self->timer_label, screen);
  gtk_label_set_text (self->total_time_label, total_text);
}

static void
update_actions (BekalControlWindow *self)
{
  const BekalScreen *screen = current_screen (self);
  gboolean question = screen->kind == BEKAL_SCREEN_QUESTION;
  guint current = bekal_session_get_current (self->session);
  BekalModule *module = bekal_session_get_module (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.previous", current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.next",
                                 current + 1 < bekal_session_get_n_screens (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.send",
                                 question && !bekal_session_get_question_open (self->session)
                                 && !bekal_session_get_revealed (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.reveal",
                                 question && !bekal_session_get_revealed (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.start-pre-test",
                                 bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRETEST)
                                 != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.start-post-test",
                                 bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_POSTTEST)
                                 != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_tally_check), question);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_button), question);
}

static GtkWidget *
new_person_row (BekalParticipant *participant,
                gboolean          question)
{
  GtkWidget *row = adw_action_row_new ();
  const char *state;
  GtkWidget *status;

  /* module text and names reach Pango only escaped */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), participant->name);
  if (participant->sentra[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), participant->sentra);

  if (!participant->joined)
    state = _("Not joined");
  else if (question && participant->answered)
    state = _("Answered");
  else if (question)
    state = _("Waiting");
  else
    state = _("Joined");
  status = gtk_label_new (state);
  gtk_widget_add_css_class (status, participant->answered || (!question && participant->joined)
                                    ? "success" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

static void
update_people (BekalControlWindow *self)
{
  guint n = bekal_session_get_n_participants (self->session);
  guint joined = bekal_session_count_joined (self->session);
  gboolean question = current_screen (self)->kind == BEKAL_SCREEN_QUESTION;
  g_autofree char *room = NULL;
  GtkWidget *child;

  room = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u participant joined",
                                       "%u of %u participants joined", n), joined, n);
  gtk_label_set_text (self->room_label, room);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->people_list,
                         new_person_row (bekal_session_get_participant (self->session, i),
                                         question));
}

static void
append_block_text (GString    *preview,
                   BekalBlock *block)
{
  BekalText *text = block != NULL ? bekal_block_get_text (block) : NULL;

  if (text != NULL)
    g_string_append_printf (preview, "%s%s", preview->len > 0 ? "\n" : "",
                            bekal_text_get_plain (text));
  for (guint i = 0; block != NULL && i < bekal_block_get_n_items (block); i++)
    g_string_append_printf (preview, "%s• %s", preview->len > 0 ? "\n" : "",
                            bekal_text_get_plain (bekal_block_get_item (block, i)));
}

/* What the projector shows, in a few lines of plain text */
static char *
dup_preview (const BekalScreen *screen)
{
  g_autoptr(GString) preview = g_string_new (NULL);

  if (screen->kind != BEKAL_SCREEN_BLOCK)
    return g_strdup ("");
  append_block_text (preview, screen->block);
  append_block_text (preview, screen->next_block);
  if (g_utf8_strlen (preview->str, -1) > 600)
    {
      g_autofree char *start = g_utf8_substring (preview->str, 0, 600);

      return g_strconcat (start, "…", NULL);
    }
  return g_string_free (g_steal_pointer (&preview), FALSE);
}

/* The question with its options lettered as the tally names them, and the tally */
static void
update_question (BekalControlWindow *self,
                 const BekalScreen  *screen)
{
  guint n = 0;
  const guint *tally = bekal_session_get_tally (self->session, &n);
  g_auto(GStrv) labels = g_new0 (char *, n + 1);
  g_autoptr(GString) text = g_string_new (bekal_text_get_plain (
                                            bekal_question_get_prompt (screen->question)));
  int correct = -1;

  for (guint i = 0; i < n; i++)
    {
      if (bekal_question_get_kind (screen->question) == BEKAL_QUESTION_SCALE)
        labels[i] = g_strdup_printf ("%d", bekal_question_get_scale_min (screen->question)
                                           + (int) i);
      else
        {
          BekalOption *option = bekal_question_get_option (screen->question, i);

          labels[i] = g_strdup_printf ("%c", i < 26 ? 'A' + i : '?');
          /* the trainer sees the right answer before the room does */
          if (correct < 0 && bekal_option_get_correct (option))
            correct = (int) i;
        }
    }
  bekal_tally_view_set_data (self->tally_view, (const char * const *) labels, tally, n, correct);

  if (bekal_question_get_kind (screen->question) != BEKAL_QUESTION_SCALE)
    for (guint i = 0; i < n; i++)
      g_string_append_printf (text, "\n%s  %s", labels[i],
                              bekal_text_get_plain (bekal_option_get_text (
                                bekal_question_get_option (screen->question, i))));
  gtk_label_set_text (self->question_label, text->str);
}

static void
update_tally (BekalControlWindow *self)
{
  const BekalScreen *screen = current_screen (self);
  g_autofree char *counts = NULL;
  guint answered = bekal_session_count_answered (self->session);
  guint joined = bekal_session_count_joined (self->session);

  if (screen->kind != BEKAL_SCREEN_QUESTION)
    {
      g_autofree char *preview = dup_preview (screen);

      bekal_tally_view_set_data (self->tally_view, NULL, NULL, 0, -1);
      gtk_label_set_text (self->question_label, _("No question on this screen"));
      gtk_label_set_text (self->counts_label, preview);
      return;
    }

  if (bekal_session_screen_has_forms (self->session, bekal_session_get_current (self->session)))
    {
      /* the notes show both questions; each half's answers are counted, not tallied */
      bekal_tally_view_set_data (self->tally_view, NULL, NULL, 0, -1);
      gtk_label_set_text (self->question_label,
                          _("Parallel forms: each half of the room answers its own form's "
                            "question on their phones. Both questions are in the notes."));
    }
  else
    update_question (self, screen);

  if (bekal_session_get_revealed (self->session))
    counts = g_strdup_printf (_("Answer revealed. %u of %u answered."), answered, joined);
  else if (bekal_session_get_question_open (self->session))
    counts = g_strdup_printf (_("Open on the phones. %u of %u answered."), answered, joined);
  else
    counts = g_strdup (_("Not sent to the phones yet."));
  gtk_label_set_text (self->counts_label, counts);
}

static void
update_room (BekalControlWindow *self)
{
  update_people (self);
  update_tally (self);
  update_actions (self);
}

static void
build_paper_box (BekalControlWindow *self)
{
  const BekalScreen *screen = current_screen (self);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->paper_box))) != NULL)
    gtk_box_remove (self->paper_box, child);
  g_ptr_array_set_size (self->paper_spins, 0);

  if (screen->kind != BEKAL_SCREEN_QUESTION)
    return;
  bekal_session_get_tally (self->session, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 300, 1);
      g_autofree char *label = NULL;

      if (bekal_question_get_kind (screen->question) == BEKAL_QUESTION_SCALE)
        label = g_strdup_printf ("%d", bekal_question_get_scale_min (screen->question) + (int) i);
      else
        label = g_strdup_printf ("%c", i < 26 ? 'A' + i : '?');
      gtk_box_append (GTK_BOX (box), gtk_label_new (label));
      gtk_box_append (GTK_BOX (box), spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_box_append (self->paper_box, box);
      g_ptr_array_add (self->paper_spins, spin);
    }
}

static void
update_screen (BekalControlWindow *self)
{
  guint current = bekal_session_get_current (self->session);
  guint n = bekal_session_get_n_screens (self->session);
  g_autofree char *title = bekal_session_dup_screen_title (self->session, current);
  g_autofree char *next = NULL;
  g_autofree char *next_text = NULL;
  g_autofree char *note = bekal_session_dup_trainer_note (self->session, current);
  g_autofree char *place = g_strdup_printf (_("Screen %u of %u"), current + 1, n);

  adw_window_title_set_subtitle (self->window_title, place);
  gtk_label_set_text (self->current_label, title);
  if (current + 1 < n)
    {
      next = bekal_session_dup_screen_title (self->session, current + 1);
      next_text = g_strdup_printf (_("Next: %s"), next);
    }
  else
    next_text = g_strdup (_("This is the last screen."));
  gtk_label_set_text (self->next_label, next_text);
  gtk_label_set_text (self->notes_label, note != NULL ? note : _("No notes for this screen."));

  self->screen_started_at = g_get_monotonic_time ();
  update_clock (self);

  gtk_check_button_set_active (self->show_tally_check, FALSE);
  build_paper_box (self);
  update_room (self);
}

/* Callbacks */

static gboolean
on_room_update (gpointer user_data)
{
  BekalControlWindow *self = user_data;

  self->room_update = 0;
  update_room (self);
  return G_SOURCE_REMOVE;
}

static void
on_room_changed (BekalSession       *session,
                 BekalControlWindow *self)
{
  if (self->room_update == 0)
    self->room_update = g_timeout_add (ROOM_UPDATE_MS, on_room_update, self);
}

static void
on_screen_changed (BekalSession       *session,
                   BekalControlWindow *self)
{
  g_clear_handle_id (&self->room_update, g_source_remove);
  update_screen (self);
}

static gboolean
on_clock (gpointer user_data)
{
  update_clock (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_timer_reset (GtkButton          *button,
                BekalControlWindow *self)
{
  self->screen_started_at = g_get_monotonic_time ();
  update_clock (self);
}

static void
on_show_tally_toggled (GtkCheckButton     *check,
                       BekalControlWindow *self)
{
  if (bekal_session_get_show_tally (self->session) != gtk_check_button_get_active (check))
    bekal_session_set_show_tally (self->session, gtk_check_button_get_active (check));
}

static void
on_room_score_toggled (GtkCheckButton     *check,
                       BekalControlWindow *self)
{
  bekal_session_set_room_score_on (self->session, gtk_check_button_get_active (check));
}

static void
on_paper_toggled (GtkToggleButton    *button,
                  BekalControlWindow *self)
{
  gtk_revealer_set_reveal_child (self->paper_revealer, gtk_toggle_button_get_active (button));
}

static void
on_paper_save (GtkButton          *button,
               BekalControlWindow *self)
{
  g_autofree guint *counts = g_new0 (guint, MAX (self->paper_spins->len, 1));

  for (guint i = 0; i < self->paper_spins->len; i++)
    counts[i] = (guint) gtk_spin_button_get_value_as_int (g_ptr_array_index (self->paper_spins,
                                                                             i));
  bekal_session_set_counts (self->session, counts, self->paper_spins->len);
  g_signal_emit (self, signals[SIGNAL_COUNTS_SAVED], 0);
}

static void
on_next (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  bekal_session_next (BEKAL_CONTROL_WINDOW (widget)->session);
}

static void
on_previous (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bekal_session_previous (BEKAL_CONTROL_WINDOW (widget)->session);
}

static void
on_start_quiz (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bekal_session_start_quiz (BEKAL_CONTROL_WINDOW (widget)->session,
                            g_str_equal (action_name, "session.start-pre-test")
                            ? BEKAL_QUIZ_PRETEST : BEKAL_QUIZ_POSTTEST);
}

static void
on_send (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  bekal_session_send_question (BEKAL_CONTROL_WINDOW (widget)->session);
}

static void
on_reveal (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  bekal_session_reveal (BEKAL_CONTROL_WINDOW (widget)->session);
}

static void
on_show_projector (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_SHOW_PROJECTOR], 0);
}

static void
on_end (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_END_SESSION], 0);
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Overrides */

static void
bekal_control_window_dispose (GObject *object)
{
  BekalControlWindow *self = BEKAL_CONTROL_WINDOW (object);

  g_clear_handle_id (&self->room_update, g_source_remove);
  g_clear_handle_id (&self->clock, g_source_remove);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->screen_handler, self->session);
      g_clear_signal_handler (&self->room_handler, self->session);
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->paper_spins, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_control_window_parent_class)->dispose (object);
}

static void
bekal_control_window_class_init (BekalControlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_control_window_dispose;

  /* the trainer ended the session: the server stops, the projector closes */
  signals[SIGNAL_END_SESSION] = g_signal_new ("end-session", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);
  /* paper mode: the counts of the current question were typed in, to keep as room totals */
  signals[SIGNAL_COUNTS_SAVED] = g_signal_new ("counts-saved", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);

  /* the projector's window was closed or lost: it comes back */
  signals[SIGNAL_SHOW_PROJECTOR] = g_signal_new ("show-projector", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);

  g_type_ensure (BEKAL_TYPE_TALLY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/"
                                               "bekal-control-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, current_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, next_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, notes_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, timer_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, total_time_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, timer_reset_button);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, question_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, tally_view);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, show_tally_check);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, room_score_check);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, paper_button);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, paper_revealer);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, paper_box);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, paper_save_button);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, room_label);
  gtk_widget_class_bind_template_child (widget_class, BekalControlWindow, people_list);

  gtk_widget_class_install_action (widget_class, "session.next", NULL, on_next);
  gtk_widget_class_install_action (widget_class, "session.previous", NULL, on_previous);
  gtk_widget_class_install_action (widget_class, "session.start-pre-test", NULL, on_start_quiz);
  gtk_widget_class_install_action (widget_class, "session.start-post-test", NULL, on_start_quiz);
  gtk_widget_class_install_action (widget_class, "session.send", NULL, on_send);
  gtk_widget_class_install_action (widget_class, "session.reveal", NULL, on_reveal);
  gtk_widget_class_install_action (widget_class, "session.end", NULL, on_end);
  gtk_widget_class_install_action (widget_class, "session.show-projector", NULL,
                                   on_show_projector);
}

static void
bekal_control_window_init (BekalControlWindow *self)
{
  bekal_session_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  bekal_session_add_keys (GTK_WIDGET (self));

  self->paper_spins = g_ptr_array_new ();
  self->started_at = g_get_monotonic_time ();
  self->screen_started_at = self->started_at;
  g_signal_connect (self->timer_reset_button, "clicked", G_CALLBACK (on_timer_reset), self);
  g_signal_connect (self->show_tally_check, "toggled", G_CALLBACK (on_show_tally_toggled), self);
  g_signal_connect (self->room_score_check, "toggled", G_CALLBACK (on_room_score_toggled), self);
  g_signal_connect (self->paper_button, "toggled", G_CALLBACK (on_paper_toggled), self);
  g_signal_connect (self->paper_save_button, "clicked", G_CALLBACK (on_paper_save), self);
  self->clock = g_timeout_add_seconds (1, on_clock, self);
}

/* Public API */

BekalControlWindow *
bekal_control_window_new (BekalSession *session)
{
  BekalControlWindow *self;

  g_return_val_if_fail (BEKAL_IS_SESSION (session), NULL);

  self = g_object_new (BEKAL_TYPE_CONTROL_WINDOW, NULL);
  self->session = g_object_ref (session);
  self->screen_handler = g_signal_connect (session, "screen-changed",
                                           G_CALLBACK (on_screen_changed), self);
  self->room_handler = g_signal_connect (session, "room-changed",
                                         G_CALLBACK (on_room_changed), self);
  update_screen (self);
  return self;
}

BekalSession *
bekal_control_window_get_session (BekalControlWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_CONTROL_WINDOW (self), NULL);
  return self->session;
}
