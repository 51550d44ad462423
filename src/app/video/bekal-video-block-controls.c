/* bekal-video-block-controls.c: the video block's playback controls, keyboard and full screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-video-block-private.h"

/* A choice of the speed menu */
typedef struct
{
  BekalVideoBlock *block;
  double           rate;
} RateChoice;

static void     on_rate_toggled             (GtkCheckButton  *button,
                                             RateChoice      *choice);
static gboolean on_fullscreen_close_request (GtkWindow       *window,
                                             BekalVideoBlock *self);

/* Helpers */

static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

void
_bekal_video_block_update_position (BekalVideoBlock *self,
                                    gint64           position_ms)
{
  g_autofree char *text = NULL;

  if (position_ms < 0)
    return;

  text = _bekal_video_block_format_time (position_ms);
  gtk_label_set_text (self->position_label, text);
  gtk_adjustment_set_value (self->seek_adjustment, position_ms / 1000.0);
  _bekal_video_block_show_subtitle (self, position_ms);
  _bekal_video_block_highlight_transcript (self, position_ms);
}

void
_bekal_video_block_seek_to (BekalVideoBlock *self,
                            gint64           position_ms)
{
  gint64 duration = bekal_player_get_duration (self->player);

  position_ms = MAX (position_ms, 0);
  if (duration > 0)
    position_ms = MIN (position_ms, duration);

  bekal_player_seek (self->player, position_ms);
  self->last_tick_ms = position_ms;
  bekal_media_progress_tracker_seeked (self->progress, position_ms);
  _bekal_video_block_update_position (self, position_ms);
}

static void
skip_by (BekalVideoBlock *self,
         gint64           delta_ms)
{
  _bekal_video_block_seek_to (self, bekal_player_get_position (self->player) + delta_ms);
}

static void
build_speed_menu (BekalVideoBlock *self)
{
  static const double rates[] = { 0.75, 1.0, 1.25, 1.5 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkCheckButton *group = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *label = g_strdup_printf ("%g×", rates[i]);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      RateChoice *choice = g_new (RateChoice, 1);

      *choice = (RateChoice) { self, rates[i] };
      if (group)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), rates[i] == 1.0);
      g_signal_connect_data (check, "toggled", G_CALLBACK (on_rate_toggled), choice,
                             free_closure_data, 0);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->speed_button, popover);
}

/* Callbacks */

static void
on_rate_toggled (GtkCheckButton *button,
                 RateChoice     *choice)
{
  BekalVideoBlock *self = choice->block;
  double rate = choice->rate;
  g_autofree char *label = NULL;

  if (!gtk_check_button_get_active (button))
    return;

  bekal_player_set_rate (self->player, rate);
  label = g_strdup_printf ("%g×", rate);
  gtk_menu_button_set_label (self->speed_button, label);
}

static gboolean
on_fullscreen_close_request (GtkWindow       *window,
                             BekalVideoBlock *self)
{
  bekal_video_block_set_fullscreen (self, FALSE);
  return TRUE;
}

static void
on_play_clicked (GtkButton       *button,
                 BekalVideoBlock *self)
{
  bekal_video_block_toggle_play (self);
}

static void
on_back_clicked (GtkButton       *button,
                 BekalVideoBlock *self)
{
  skip_by (self, -SKIP_MS);
}

static void
on_forward_clicked (GtkButton       *button,
                    BekalVideoBlock *self)
{
  skip_by (self, SKIP_MS);
}

static gboolean
on_seek_change_value (GtkRange        *range,
                      GtkScrollType    scroll,
                      double           value,
                      BekalVideoBlock *self)
{
  _bekal_video_block_seek_to (self, (gint64) (value * 1000));
  return TRUE;
}

static void
on_mute_toggled (GtkToggleButton *button,
                 BekalVideoBlock *self)
{
  gboolean muted = gtk_toggle_button_get_active (button);

  bekal_player_set_muted (self->player, muted);
  gtk_button_set_icon_name (GTK_BUTTON (button), muted ? "audio-volume-muted-symbolic"
                                                       : "audio-volume-high-symbolic");
}

static void
on_volume_changed (GtkAdjustment   *adjustment,
                   BekalVideoBlock *self)
{
  bekal_player_set_volume (self->player, gtk_adjustment_get_value (adjustment));
}

static void
on_fullscreen_clicked (GtkButton       *button,
                       BekalVideoBlock *self)
{
  bekal_video_block_set_fullscreen (self, self->fullscreen_window == NULL);
}

static void
on_stage_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  BekalVideoBlock *self)
{
  if (self->active_checkpoint >= 0 || self->failed)
    return;

  gtk_widget_grab_focus (self->stage);
  if (n_press == 2)
    bekal_video_block_set_fullscreen (self, self->fullscreen_window == NULL);
  else if (n_press == 1)
    bekal_video_block_toggle_play (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BekalVideoBlock       *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  if (keyval == GDK_KEY_Escape && self->fullscreen_window)
    {
      bekal_video_block_set_fullscreen (self, FALSE);
      return TRUE;
    }

  /* the checkpoint question has the keyboard while it is shown */
  if (self->active_checkpoint >= 0 || self->failed)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      bekal_video_block_toggle_play (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      skip_by (self, -SKIP_MS);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      skip_by (self, SKIP_MS);
      return TRUE;
    case GDK_KEY_f:
    case GDK_KEY_F:
      bekal_video_block_set_fullscreen (self, self->fullscreen_window == NULL);
      return TRUE;
    case GDK_KEY_m:
    case GDK_KEY_M:
      gtk_toggle_button_set_active (self->mute_button,
                                    !gtk_toggle_button_get_active (self->mute_button));
      return TRUE;
    default:
      return FALSE;
    }
}

/* Internal API */

void
_bekal_video_block_init_controls (BekalVideoBlock *self)
{
  GtkEventController *keys;
  GtkGesture *click;

  g_signal_connect (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  g_signal_connect (self->big_play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect (self->forward_button, "clicked", G_CALLBACK (on_forward_clicked), self);
  g_signal_connect (self->seek_scale, "change-value", G_CALLBACK (on_seek_change_value), self);
  g_signal_connect (self->mute_button, "toggled", G_CALLBACK (on_mute_toggled), self);
  g_signal_connect (self->volume_adjustment, "value-changed", G_CALLBACK (on_volume_changed),
                    self);
  g_signal_connect (self->fullscreen_button, "clicked", G_CALLBACK (on_fullscreen_clicked), self);

  /* capture: the player's keys win over the focused button's own (Space, arrows) */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->player_box, keys);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_stage_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->stage_stack), GTK_EVENT_CONTROLLER (click));

  build_speed_menu (self);
}

/* Public API */

void
bekal_video_block_toggle_play (BekalVideoBlock *self)
{
  BekalPlayerState state;

  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  state = bekal_player_get_state (self->player);
  if (self->failed || self->active_checkpoint >= 0)
    return;

  if (state == BEKAL_PLAYER_STATE_PLAYING)
    {
      bekal_player_pause (self->player);
      return;
    }

  if (!self->started)
    {
      gint64 duration = bekal_player_get_duration (self->player);
      gint64 resume_ms = bekal_media_progress_tracker_get_resume_position (self->progress);

      self->started = TRUE;
      if (resume_ms > RESUME_MARGIN_MS
          && (duration <= 0 || resume_ms < duration - RESUME_MARGIN_MS))
        _bekal_video_block_seek_to (self, resume_ms);
    }
  self->last_tick_ms = MAX (bekal_player_get_position (self->player), 0);
  bekal_media_progress_tracker_seeked (self->progress, self->last_tick_ms);
  bekal_player_play (self->player);
  _bekal_video_block_set_stage_page (self);
}

void
bekal_video_block_set_fullscreen (BekalVideoBlock *self,
                                  gboolean         fullscreen)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  if (fullscreen == (self->fullscreen_window != NULL))
    return;

  g_object_ref (self->player_box);
  if (fullscreen)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      self->fullscreen_window = gtk_window_new ();
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->fullscreen_window), GTK_WINDOW (root));
      gtk_window_set_title (GTK_WINDOW (self->fullscreen_window),
                            bekal_media_get_title (self->media));
      g_signal_connect (self->fullscreen_window, "close-request",
                        G_CALLBACK (on_fullscreen_close_request), self);

      self->fullscreen_placeholder = gtk_label_new (_("Playing in full screen. Press Esc to "
                                                      "come back."));
      gtk_widget_add_css_class (self->fullscreen_placeholder, "dim-label");
      gtk_widget_insert_after (self->fullscreen_placeholder, GTK_WIDGET (self),
                               self->player_box);
      gtk_widget_unparent (self->player_box);
      gtk_window_set_child (GTK_WINDOW (self->fullscreen_window), self->player_box);
      gtk_widget_add_css_class (self->player_box, "fullscreen");
      gtk_button_set_icon_name (self->fullscreen_button, "view-restore-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button),
                                   _("Leave Full Screen (Esc)"));
      gtk_window_fullscreen (GTK_WINDOW (self->fullscreen_window));
      gtk_window_present (GTK_WINDOW (self->fullscreen_window));
      gtk_widget_grab_focus (self->stage);
    }
  else
    {
      GtkWidget *window = g_steal_pointer (&self->fullscreen_window);

      gtk_window_set_child (GTK_WINDOW (window), NULL);
      gtk_widget_insert_after (self->player_box, GTK_WIDGET (self),
                               GTK_WIDGET (self->title_label));
      g_clear_pointer (&self->fullscreen_placeholder, gtk_widget_unparent);
      gtk_widget_remove_css_class (self->player_box, "fullscreen");
      gtk_button_set_icon_name (self->fullscreen_button, "view-fullscreen-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button), _("Full Screen (F)"));
      gtk_window_destroy (GTK_WINDOW (window));
      gtk_widget_grab_focus (self->stage);
    }
  g_object_unref (self->player_box);
}
