/* bekal-session-room.c: a running group session. It opens the two windows, takes the phones'
 * answers into the tally and the store, and closes everything when the trainer ends the
 * session (the server stops with it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <bekal/bekal-live-server.h>

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

  BekalLiveServer      *server;     /* NULL when it could not start: paper mode only */
  GHashTable           *phones;     /* the server's participant number → roster index + 1 */
  BekalQuestion        *asked;      /* the question open on the phones, or NULL */
  gboolean              revealed;   /* @asked was revealed on the phones */
};

/* the addresses the server listens on when the trainer did not choose (tests: loopback) */
static GPtrArray *default_addresses;

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
  if (self->server != NULL)
    bekal_live_server_stop (self->server);
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

/* The IPv4 addresses of the laptop's network interfaces, loopback left out: the room's
 * Wi-Fi is one of them */
GPtrArray *
bekal_session_room_dup_interface_addresses (void)
{
  GPtrArray *addresses = g_ptr_array_new_with_free_func (g_object_unref);
  struct ifaddrs *list = NULL;

  if (getifaddrs (&list) != 0)
    return addresses;
  for (struct ifaddrs *item = list; item != NULL; item = item->ifa_next)
    {
      GInetAddress *address;

      if (item->ifa_addr == NULL || item->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_inet_address_new_from_bytes (
        (const guint8 *) &((struct sockaddr_in *) item->ifa_addr)->sin_addr, G_SOCKET_FAMILY_IPV4);
      if (g_inet_address_get_is_loopback (address))
        g_object_unref (address);
      else
        g_ptr_array_add (addresses, address);
    }
  freeifaddrs (list);
  return addresses;
}

static void
start_server (BekalSessionRoom *self)
{
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) urls = NULL;
  g_autoptr(GBytes) qr = NULL;
  guint width = 0;

  if (default_addresses != NULL)
    addresses = g_ptr_array_ref (default_addresses);
  else if (bekal_session_get_listen_address (self->session) != NULL)
    {
      GInetAddress *chosen = g_inet_address_new_from_string (
        bekal_session_get_listen_address (self->session));

      addresses = g_ptr_array_new_with_free_func (g_object_unref);
      if (chosen != NULL)
        g_ptr_array_add (addresses, chosen);
    }
  else
    addresses = bekal_session_room_dup_interface_addresses ();
  if (addresses->len == 0)
    return;

  self->server = bekal_live_server_new ();
  /* a resumed session keeps the code the room already has */
  bekal_live_server_set_room_code (self->server, bekal_session_get_room_code (self->session));
  if (!bekal_live_server_start (self->server, addresses, 0, &error))
    {
      g_message ("The group session's server did not start: %s", error->message);
      g_clear_object (&self->server);
      return;
    }
  for (guint i = 0; i < bekal_session_get_n_participants (self->session); i++)
    g_ptr_array_add (names, bekal_session_get_participant (self->session, i)->name);
  g_ptr_array_add (names, NULL);
  bekal_live_server_set_roster (self->server, (const char * const *) names->pdata);

  urls = bekal_live_server_dup_urls (self->server);
  if (urls == NULL || urls[0] == NULL)
    return;
  qr = bekal_live_qr_encode (urls[0], &width, NULL);
  bekal_session_set_room (self->session, urls[0], bekal_live_server_get_room_code (self->server),
                          qr, width);
}

/* The phone of roster place @index is asked its own form's question at this place of a test */
static void
give_form (BekalSessionRoom *self,
           guint             number,
           guint             index)
{
  guint current = bekal_session_get_current (self->session);

  if (self->asked == NULL || !bekal_session_screen_has_forms (self->session, current))
    return;
  bekal_live_server_set_participant_question (
    self->server, number, bekal_session_get_participant_question (self->session, index, current));
}

static void
give_forms (BekalSessionRoom *self)
{
  GHashTableIter iter;
  gpointer number, index;

  g_hash_table_iter_init (&iter, self->phones);
  while (g_hash_table_iter_next (&iter, &number, &index))
    give_form (self, GPOINTER_TO_UINT (number), GPOINTER_TO_UINT (index) - 1);
}

/* What the phones show follows the current screen: its question while it is open, the answer
 * once revealed */
static void
sync_server (BekalSessionRoom *self)
{
  const BekalScreen *screen;
  BekalQuestion *question = NULL;

  if (self->server == NULL)
    return;
  screen = bekal_session_get_screen (self->session, bekal_session_get_current (self->session));
  if (screen->kind == BEKAL_SCREEN_QUESTION)
    question = screen->question;

  if (question != NULL && bekal_session_get_question_open (self->session)
      && self->asked != question)
    {
      bekal_live_server_open_question (self->server, question);
      self->asked = question;
      self->revealed = FALSE;
      give_forms (self);
    }
  else if (question != NULL && question == self->asked && bekal_session_get_revealed (self->session)
           && !self->revealed)
    {
      bekal_live_server_reveal (self->server);
      self->revealed = TRUE;
    }
  else if (self->asked != NULL && question != self->asked)
    {
      bekal_live_server_close_question (self->server);
      self->asked = NULL;
    }
}

/* Callbacks */

static void
on_participant_joined (BekalLiveServer  *server,
                       guint             number,
                       const char       *name,
                       BekalSessionRoom *self)
{
  guint n = bekal_session_get_n_participants (self->session);
  guint index = n;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (bekal_session_get_participant (self->session, i)->name, name) == 0
        && !bekal_session_get_participant (self->session, i)->joined)
      {
        index = i;
        break;
      }
  /* a name typed on the phone joins the roster, with a profile made for it */
  if (index == n)
    {
      bekal_session_add_participant (self->session, name, "", "", FALSE, 0);
      if (self->saver != NULL)
        bekal_session_saver_add_participants (self->saver);
    }
  g_hash_table_insert (self->phones, GUINT_TO_POINTER (number), GUINT_TO_POINTER (index + 1));
  give_form (self, number, index);
  bekal_session_set_joined (self->session, index, TRUE);
}

static void
on_answer_received (BekalLiveServer  *server,
                    guint             number,
                    const char       *question_id,
                    const char       *text,
                    BekalSessionRoom *self)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->phones, GUINT_TO_POINTER (number)));
  guint current = bekal_session_get_current (self->session);
  const BekalScreen *screen = bekal_session_get_screen (self->session, current);
  g_autoptr(BekalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  BekalQuestion *question;

  if (index == 0 || screen->kind != BEKAL_SCREEN_QUESTION)
    return;
  question = bekal_session_get_participant_question (self->session, index - 1, current);
  if (g_strcmp0 (bekal_question_get_id (question), question_id) != 0)
    return;
  response = bekal_response_parse (bekal_question_get_kind (question), text, &error);
  if (response == NULL)
    {
      g_message ("An answer from a phone was not understood: %s", error->message);
      return;
    }
  bekal_session_room_take_answer (self, index - 1, response);
}

static void
on_room_changed (BekalSession     *session,
                 BekalSessionRoom *self)
{
  sync_server (self);
}

static void
on_screen_changed (BekalSession     *session,
                   BekalSessionRoom *self)
{
  /* the place is kept, for a laptop that sleeps or a Bekal that closes */
  if (self->saver != NULL && !self->ended)
    bekal_session_saver_save_position (self->saver);
}

static void
on_counts_saved (BekalControlWindow *control,
                 BekalSessionRoom   *self)
{
  if (self->saver != NULL && !self->ended)
    bekal_session_saver_save_room_totals (self->saver);
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
  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      bekal_live_server_stop (self->server);
    }
  g_clear_object (&self->server);
  g_clear_pointer (&self->phones, g_hash_table_unref);

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
  self->phones = g_hash_table_new (NULL, NULL);
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
      g_signal_connect (session, "screen-changed", G_CALLBACK (on_screen_changed), self);
    }

  start_server (self);
  if (self->saver != NULL)
    bekal_session_saver_save_room_code (self->saver);
  /* without phones the room answers on paper or by hands, all of it the projector's question */
  bekal_session_set_use_forms (session, self->server != NULL);
  if (self->server != NULL)
    {
      g_signal_connect (self->server, "participant-joined", G_CALLBACK (on_participant_joined),
                        self);
      g_signal_connect (self->server, "answer-received", G_CALLBACK (on_answer_received), self);
    }
  g_signal_connect (session, "room-changed", G_CALLBACK (on_room_changed), self);

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
  g_signal_connect_object (control, "counts-saved", G_CALLBACK (on_counts_saved), self, 0);
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

void
bekal_session_room_set_default_addresses (GPtrArray *addresses)
{
  g_clear_pointer (&default_addresses, g_ptr_array_unref);
  if (addresses != NULL)
    default_addresses = g_ptr_array_ref (addresses);
}

BekalLiveServer *
bekal_session_room_get_server (BekalSessionRoom *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), NULL);
  return self->server;
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
  BekalQuestion *question;
  guint current;

  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  current = bekal_session_get_current (self->session);
  screen = bekal_session_get_screen (self->session, current);
  if (screen->kind != BEKAL_SCREEN_QUESTION)
    return FALSE;
  question = bekal_session_get_participant_question (self->session, participant, current);
  if (bekal_response_get_kind (response) != bekal_question_get_kind (question))
    return FALSE;

  /* the halves of the room answer different questions: counted, not tallied */
  if (bekal_session_screen_has_forms (self->session, current))
    places = g_array_new (FALSE, FALSE, sizeof (guint));
  else
    places = dup_tally_places (question, response);
  if (!bekal_session_record_answer (self->session, participant, (const guint *) places->data,
                                    places->len))
    return FALSE;
  if (self->saver != NULL)
    bekal_session_saver_save_answer (self->saver, participant, current, question, response);
  return TRUE;
}

guint
bekal_session_room_get_pending (BekalSessionRoom *self)
{
  g_return_val_if_fail (BEKAL_IS_SESSION_ROOM (self), 0);
  return self->saver != NULL ? bekal_session_saver_get_pending (self->saver) : 0;
}
