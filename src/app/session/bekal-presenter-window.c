/* bekal-presenter-window.c: what the room sees on the projector: the join screen, the lesson
 * blocks one screen at a time in the projector's text size, and the questions. It never shows
 * who answered what, nor a trainer's note; the tally only once the answer is revealed or when
 * the trainer shows it, the anonymous room score only when the trainer turned it on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-block-widgets.h"
#include "bekal-presenter-window.h"
#include "bekal-qr-view.h"
#include "bekal-tally-view.h"

struct _BekalPresenterWindow
{
  AdwWindow       parent_instance;

  BekalSession   *session;
  GSettings      *settings;
  gulong          screen_handler;
  gulong          room_handler;

  GtkStack       *stack;
  BekalQrView    *qr_view;
  GtkLabel       *address_label;
  GtkLabel       *code_label;
  GtkBox         *block_box;
  GtkLabel       *question_kicker;
  GtkLabel       *prompt_label;
  GtkBox         *options_box;
  BekalTallyView *tally_view;
  GtkLabel       *explanation_label;
  GtkLabel       *answered_label;
  GtkLabel       *score_label;
};

G_DEFINE_FINAL_TYPE (BekalPresenterWindow, bekal_presenter_window, ADW_TYPE_WINDOW)

/* Helpers */

static void
clear_box (GtkBox *box)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (box));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  /* the window must not keep pointing at a widget about to go */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (box)))
    gtk_root_set_focus (root, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* "A", "B" … for options; the points of a scale */
static GStrv
dup_tally_labels (BekalQuestion *question,
                  guint          n)
{
  GStrv labels = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      if (bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
        labels[i] = g_strdup_printf ("%d", bekal_question_get_scale_min (question) + (int) i);
      else if (i < 26)
        labels[i] = g_strdup_printf ("%c", 'A' + i);
      else
        labels[i] = g_strdup_printf ("%u", i + 1);
    }
  return labels;
}

static gboolean
option_is_marked (BekalQuestion *question)
{
  BekalQuestionType kind = bekal_question_get_kind (question);

  return kind == BEKAL_QUESTION_SINGLE || kind == BEKAL_QUESTION_MULTIPLE
         || kind == BEKAL_QUESTION_TRUEFALSE;
}

static void
show_block (BekalPresenterWindow *self,
            const BekalScreen    *screen)
{
  BekalBlockContext context = { bekal_session_get_module (self->session), NULL, 0,
                                self->settings, NULL };

  clear_box (self->block_box);
  /* the lesson's title above its first block, so that the room knows where it is */
  if (bekal_block_get_index (screen->block) == 0)
    {
      GtkWidget *title = gtk_label_new (bekal_lesson_get_title (screen->lesson));

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_box_append (self->block_box, title);
    }
  gtk_box_append (self->block_box, bekal_block_widget_new (screen->block, &context));
  if (screen->next_block != NULL)
    gtk_box_append (self->block_box, bekal_block_widget_new (screen->next_block, &context));
}

static void
show_question (BekalPresenterWindow *self,
               const BekalScreen    *screen)
{
  BekalQuestion *question = screen->question;
  BekalModule *module = bekal_session_get_module (self->session);
  BekalText *explanation = bekal_question_get_explanation (question);
  guint current = bekal_session_get_current (self->session);
  g_autofree char *kicker = bekal_session_dup_screen_title (self->session, current);
  g_autofree char *prompt = bekal_text_to_pango_markup (bekal_question_get_prompt (question));
  guint n_options = bekal_question_get_n_options (question);
  g_auto(GStrv) labels = dup_tally_labels (question, MAX (n_options, 1));

  gtk_label_set_text (self->question_kicker, kicker);
  gtk_label_set_markup (self->prompt_label, prompt);

  clear_box (self->options_box);
  /* the halves of the room answer different questions: the projector shows neither */
  if (bekal_session_screen_has_forms (self->session, current))
    {
      gtk_label_set_text (self->prompt_label,
                          _("Each half of the room has its own question here. "
                            "Answer it on your phone."));
      gtk_label_set_text (self->explanation_label, "");
      return;
    }
  if (bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
    {
      g_autofree char *range = g_strdup_printf (_("From %d to %d"),
                                                bekal_question_get_scale_min (question),
                                                bekal_question_get_scale_max (question));

      gtk_box_append (self->options_box, gtk_label_new (range));
    }
  for (guint i = 0; i < n_options; i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
      GtkWidget *letter = gtk_label_new (labels[i]);
      GtkWidget *text = bekal_text_label_new (bekal_option_get_text (option), module);

      /* nothing to select on a projector, and no focus ring on the first option */
      gtk_label_set_selectable (GTK_LABEL (text), FALSE);

      gtk_widget_add_css_class (letter, "option-letter");
      gtk_widget_set_valign (letter, GTK_ALIGN_START);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (row), letter);
      gtk_box_append (GTK_BOX (row), text);
      gtk_widget_add_css_class (row, "projector-option");
      gtk_box_append (self->options_box, row);
    }

  if (explanation != NULL)
    {
      g_autofree char *markup = bekal_text_to_pango_markup (explanation);

      gtk_label_set_markup (self->explanation_label, markup);
    }
  else
    gtk_label_set_text (self->explanation_label, "");
}

static void
update_room (BekalPresenterWindow *self)
{
  const BekalScreen *screen = bekal_session_get_screen (self->session,
                                                        bekal_session_get_current (self->session));
  const char *address = bekal_session_get_address (self->session);
  const char *code = bekal_session_get_room_code (self->session);
  GBytes *qr;
  guint qr_width;

  qr = bekal_session_get_qr (self->session, &qr_width);
  bekal_qr_view_set_matrix (self->qr_view, qr, qr_width);
  gtk_label_set_text (self->address_label, address != NULL ? address
                                           : _("Without Wi-Fi: answer by show of hands"));
  gtk_label_set_text (self->code_label, code != NULL ? code : "—");

  if (screen->kind == BEKAL_SCREEN_QUESTION)
    {
      gboolean revealed = bekal_session_get_revealed (self->session);
      guint n, answered = bekal_session_count_answered (self->session);
      const guint *tally = bekal_session_get_tally (self->session, &n);
      g_auto(GStrv) labels = dup_tally_labels (screen->question, n);
      g_autofree char *count = NULL;
      int correct = -1;
      guint i = 0;

      if (revealed && option_is_marked (screen->question))
        for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->options_box));
             row != NULL; row = gtk_widget_get_next_sibling (row), i++)
          {
            BekalQuestion *question = screen->question;
            gboolean right = i < bekal_question_get_n_options (question)
                             && bekal_option_get_correct (bekal_question_get_option (question, i));

            if (right)
              {
                gtk_widget_add_css_class (row, "right-option");
                if (correct < 0)
                  correct = (int) i;
              }
          }

      bekal_tally_view_set_data (self->tally_view, (const char * const *) labels, tally, n,
                                 correct);
      gtk_widget_set_visible (GTK_WIDGET (self->tally_view),
                              revealed || bekal_session_get_show_tally (self->session));
      gtk_widget_set_visible (GTK_WIDGET (self->explanation_label),
                              revealed && *gtk_label_get_text (self->explanation_label) != '\0');

      /* a count of the room, never names */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer received",
                                            "%u answers received", answered), answered);
      gtk_label_set_text (self->answered_label, count);

      if (bekal_session_get_room_score_on (self->session)
          && bekal_session_get_room_score (self->session) >= 0)
        {
          g_autofree char *score = g_strdup_printf (_("Room score: %d%% of the answers right"),
                                                    bekal_session_get_room_score (self->session));

          gtk_label_set_text (self->score_label, score);
          gtk_widget_set_visible (GTK_WIDGET (self->score_label), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (self->score_label), FALSE);
    }
}

static void
update_screen (BekalPresenterWindow *self)
{
  const BekalScreen *screen = bekal_session_get_screen (self->session,
                                                        bekal_session_get_current (self->session));

  switch (screen->kind)
    {
    case BEKAL_SCREEN_JOIN:
      gtk_stack_set_visible_child_name (self->stack, "join");
      break;
    case BEKAL_SCREEN_BLOCK:
      show_block (self, screen);
      gtk_stack_set_visible_child_name (self->stack, "block");
      break;
    case BEKAL_SCREEN_QUESTION:
      show_question (self, screen);
      gtk_stack_set_visible_child_name (self->stack, "question");
      break;
    case BEKAL_SCREEN_END:
    default:
      gtk_stack_set_visible_child_name (self->stack, "end");
      break;
    }
  /* a focused label would show its text selected to the whole room */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  update_room (self);
}

/* Callbacks */

static void
on_screen_changed (BekalSession         *session,
                   BekalPresenterWindow *self)
{
  update_screen (self);
}

static void
on_room_changed (BekalSession         *session,
                 BekalPresenterWindow *self)
{
  update_room (self);
}

static void
on_next (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  bekal_session_next (BEKAL_PRESENTER_WINDOW (widget)->session);
}

static void
on_previous (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bekal_session_previous (BEKAL_PRESENTER_WINDOW (widget)->session);
}

/* Overrides */

static void
bekal_presenter_window_dispose (GObject *object)
{
  BekalPresenterWindow *self = BEKAL_PRESENTER_WINDOW (object);

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->screen_handler, self->session);
      g_clear_signal_handler (&self->room_handler, self->session);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bekal_presenter_window_parent_class)->dispose (object);
}

static void
bekal_presenter_window_class_init (BekalPresenterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_presenter_window_dispose;

  g_type_ensure (BEKAL_TYPE_QR_VIEW);
  g_type_ensure (BEKAL_TYPE_TALLY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/"
                                               "bekal-presenter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, qr_view);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, address_label);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, code_label);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, block_box);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, question_kicker);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, options_box);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, tally_view);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, answered_label);
  gtk_widget_class_bind_template_child (widget_class, BekalPresenterWindow, score_label);

  gtk_widget_class_install_action (widget_class, "session.next", NULL, on_next);
  gtk_widget_class_install_action (widget_class, "session.previous", NULL, on_previous);
}

static void
bekal_presenter_window_init (BekalPresenterWindow *self)
{
  bekal_session_load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  bekal_session_add_keys (GTK_WIDGET (self));
}

/* Public API */

BekalPresenterWindow *
bekal_presenter_window_new (BekalSession *session,
                            GSettings    *settings)
{
  BekalPresenterWindow *self;

  g_return_val_if_fail (BEKAL_IS_SESSION (session), NULL);

  self = g_object_new (BEKAL_TYPE_PRESENTER_WINDOW, NULL);
  self->session = g_object_ref (session);
  g_set_object (&self->settings, settings);
  self->screen_handler = g_signal_connect (session, "screen-changed",
                                           G_CALLBACK (on_screen_changed), self);
  self->room_handler = g_signal_connect (session, "room-changed",
                                         G_CALLBACK (on_room_changed), self);
  update_screen (self);
  return self;
}

BekalSession *
bekal_presenter_window_get_session (BekalPresenterWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_PRESENTER_WINDOW (self), NULL);
  return self->session;
}

const char *
bekal_presenter_window_get_page (BekalPresenterWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_PRESENTER_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
bekal_presenter_window_place (BekalPresenterWindow *self,
                              GdkMonitor           *monitor)
{
  g_return_if_fail (BEKAL_IS_PRESENTER_WINDOW (self));

  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1024, 768);
}

void
bekal_session_load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/bekal_peksos/Bekal/bekal-session.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
bekal_session_add_keys (GtkWidget *window)
{
  /* presenter clickers send Page Down/Up; the keys are caught before a focused scrolled
   * window or text could take them for scrolling */
  static const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_Page_Down, "session.next" },
    { GDK_KEY_KP_Page_Down, "session.next" },
    { GDK_KEY_Page_Up, "session.previous" },
    { GDK_KEY_KP_Page_Up, "session.previous" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_LOCAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key,
                                                                                    0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (window, controller);
}
