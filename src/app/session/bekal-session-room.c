/* bekal-session-room.c: a running group session. It opens the two windows, takes the phones'
 * answers into the tally and the store, and closes everything when the trainer ends the
 * session (the server stops with it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-session-list.h"
#include "bekal-session-room.h"
#include "bekal-session-save.h"

struct _BekalSessionRoom
{
  GObject               parent_instance;

  BekalSession         *session;
  BekalStore           *store;      /* NULL when nothing can be saved */
  BekalSessionSaver    *saver;      /* NULL without a store */
  BekalControlWindow   *control;    /* weak */
  BekalPresenterWindow *presenter;  /* weak */
  gboolean              ended;
};

G_DEFINE_FINAL_TYPE (BekalSessionRoom, bekal_session_room, G_TYPE_OBJECT)

/* Helpers */

static void
end_session (BekalSessionRoom *self)
{
  if (self->ended)
    return;
  self->ended = TRUE;

  if (self->saver != NULL)
    bekal_session_saver_finish (self->saver);
  if (self->store != NULL)
    bekal_session_list_save (self->store, self->session, TRUE);
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  /* the reference the room kept on itself while it ran */
  g_object_unref (self);
}

/* The tally's places of @response: its options, or its scale point */
static GArray *
dup_tally_places (BekalQuestion *question,
                  BekalResponse *response)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (guint));

  if (bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
    {
      int value = 0;

      if (bekal_response_get_value (response, &value)
          && value >= bekal_question_get_scale_min (question))
        {
          guint place = (guint) (value - bekal_question_get_scale_min (question));

          g_array_append_val (places, place);
        }
      return places;
    }

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      /* an order or a match names every option: the tally counts the first place only */
      if (bekal_response_has_id (response, bekal_option_get_id (option)))
        {
          g_array_append_val (places, i);
          if (bekal_question_get_kind (question) == BEKAL_QUESTION_ORDER
              || bekal_question_get_kind (question) == BEKAL_QUESTION_MATCH)
            break;
        }
    }
  return places;
}

/* Callbacks */

static void
on_screen_changed (BekalSession     *session,
                   BekalSessionRoom *self)
{
  /* the place is kept, for a laptop that sleeps or a Bekal that closes */
  if (self->store != NULL && !self->ended)
    bekal_session_list_save (self->store, session, FALSE);
}

static void
on_end_session (BekalControlWindow *control,
                BekalSessionRoom   *self)
{
  end_session (self);
}

static void
on_show_projector (BekalControlWindow *control,
                   BekalSessionRoom   *self)
{
  if (self->presenter == NULL)
    return;
  bekal_presenter_window_place (self->presenter,
                                bekal_session_room_choose_monitor (GTK_WINDOW (control)));
  gtk_window_present (GTK_WINDOW (self->presenter));
}

static void
on_control_destroy (GtkWidget        *widget,
                    BekalSessionRoom *self)
{
  end_session (self);
}

/* Overrides */

static void
bekal_session_room_dispose (GObject *object)
{
  BekalSessionRoom *self = BEKAL_SESSION_ROOM (object);

  g_clear_weak_pointer (&self->control);
  g_clear_weak_pointer (&self->presenter);
  g_clear_object (&self->saver);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bekal_session_room_parent_class)->dispose (object);
}

static void
bekal_session_room_class_init (BekalSessionRoomClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bekal_session_room_dispose;
}

static void
bekal_session_room_init (BekalSessionRoom *self)
{
}

/* Public API */

GdkMonitor *
bekal_session_room_choose_monitor (GtkWindow *laptop)
{
  GdkDisplay *display = laptop != NULL ? gtk_widget_get_display (GTK_WIDGET (laptop))
                                       : gdk_display_get_default ();
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkMonitor *own = NULL;
  GdkSurface *surface;

  if (laptop != NULL && (surface = gtk_native_get_surface (GTK_NATIVE (laptop))) != NULL)
    own = gdk_display_get_monitor_at_surface (display, surface);

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      /* without the laptop's own monitor, any other one than the first is the projector */
      if (monitor != own && (own != NULL || i > 0))
        return monitor;
    }
  return NULL;
}

BekalSessionRoom *
bekal_session_room_start (BekalSession *session,
                          BekalStore   *store,
                          GSettings    *settings,
                          GtkWindow    *laptop)
{
  BekalSessionRoom *self;
  BekalControlWindow *control;
  BekalPresenterWindow *presenter;
  GtkApplication *application = laptop != NULL ? gtk_window_get_application (laptop) : NULL;

  g_return_val_if_fail (BEKAL_IS_SESSION (session), NULL);

  /* the reference is the running session's own, dropped when it ends */
  self = g_object_new (BEKAL_TYPE_SESSION_ROOM, NULL);
  self->session = g_object_ref (session);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->saver = bekal_session_saver_new (store, session);
      bekal_session_saver_create_profiles (self->saver);
      bekal_session_list_save (store, session, FALSE);
      g_signal_connect (session, "screen-changed", G_CALLBACK (on_screen_changed), self);
    }

  control = bekal_control_window_new (session);
  presenter = bekal_presenter_window_new (session, settings);
  g_set_weak_pointer (&self->control, control);
  g_set_weak_pointer (&self->presenter, presenter);
  /* for the tests and the server's answers, which start from a window */
  g_object_set_data_full (G_OBJECT (control), "bekal-session-room", g_object_ref (self),
                          g_object_unref);
  if (application != NULL)
    {
      gtk_window_set_application (GTK_WINDOW (control), application);
      gtk_window_set_application (GTK_WINDOW (presenter), application);
    }
  g_signal_connect_object (control, "end-session", G_CALLBACK (on_end_session), self, 0);
  g_signal_connect_object (control, "destroy", G_CALLBACK (on_control_destroy), self, 0);
  g_signal_connect_object (control, "show-projector", G_CALLBACK (on_show_projector), self, 0);
  /* closing the projector's window by mistake only hides it */
  gtk_window_set_hide_on_close (GTK_WINDOW (presenter), TRUE);

  bekal_presenter_window_place (presenter, bekal_session_room_choose_monitor (laptop));
  gtk_window_present (GTK_WINDOW (presenter));
  gtk_window_present (GTK_WINDOW (control));
  return self;
}

BekalSession *
bekal_session_room_get_session (BekalSessionRoom *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), NULL);
  return self->session;
}

BekalControlWindow *
bekal_session_room_get_control (BekalSessionRoom *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), NULL);
  return self->control;
}

BekalPresenterWindow *
bekal_session_room_get_presenter (BekalSessionRoom *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), NULL);
  return self->presenter;
}

BekalSessionRoom *
bekal_session_room_from_window (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "bekal-session-room");
}

gboolean
bekal_session_room_take_answer (BekalSessionRoom *self,
                                guint             participant,
                                BekalResponse    *response)
{
  const BekalScreen *screen;
  g_autoptr(GArray) places = NULL;

  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  screen = bekal_session_get_screen (self->session, bekal_session_get_current (self->session));
  if (screen->kind != BEKAL_SCREEN_QUESTION
      || bekal_response_get_kind (response) != bekal_question_get_kind (screen->question))
    return FALSE;

  places = dup_tally_places (screen->question, response);
  if (!bekal_session_record_answer (self->session, participant, (const guint *) places->data,
                                    places->len))
    return FALSE;
  if (self->saver != NULL)
    bekal_session_saver_save_answer (self->saver, participant, screen, response);
  return TRUE;
}

guint
bekal_session_room_get_pending (BekalSessionRoom *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), 0);
  return self->saver != NULL ? bekal_session_saver_get_pending (self->saver) : 0;
}
