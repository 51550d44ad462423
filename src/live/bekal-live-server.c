/* bekal-live-server.c: the HTTP and WebSocket server of a group session
 *
 * Runs on the thread-default main context it is started on; every handler only updates
 * memory and queues a few bytes, so the window that owns it never waits on a phone. Nothing
 * is read from disk: the phone page comes from this library's GResource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <qrencode.h>
#include <sodium.h>

#include <bekal/bekal-live-server.h>
#include <bekal/bekal-quiz.h>

#include "bekal-live-private.h"
#include "bekal-live-resources.h"

#define RESOURCE_PREFIX "/io/github/bekal_peksos/Bekal/live/"
#define MAX_WRONG_ROOM_CODES 10

/* Nobody needs a script, style or frame from elsewhere: the page is three files of ours */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " \
  "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

typedef struct
{
  guint       id;
  char       *name;
  char        token[BEKAL_LIVE_TOKEN_LENGTH + 1];
  GHashTable *answers;     /* question id → response */
  gpointer    connection;  /* Connection, weak: the phone's current link */
  BekalQuestion *question; /* a parallel form's question in place of the room's, or NULL */
} Participant;

typedef struct
{
  BekalLiveServer         *server;    /* not owned */
  SoupWebsocketConnection *socket;
  char                    *address;
  Participant             *participant;
  gint64                   last_heard;
} Connection;

typedef struct
{
  guint connections;
  guint joins;
  guint wrong_codes;
} AddressUse;

struct _BekalLiveServer
{
  GObject          parent_instance;

  char             room_code[8];
  BekalLiveLimits  limits;
  SoupServer      *soup;
  guint            port;
  GPtrArray       *urls;          /* of char * */
  GStrv            roster;

  GPtrArray       *participants;  /* of Participant, by id - 1 */
  GHashTable      *tokens;        /* token → Participant */
  GList           *connections;   /* of Connection */
  GHashTable      *addresses;     /* address → AddressUse */
  guint            idle_source;

  BekalQuestion   *question;      /* the open or last question */
  Participant     *joining;       /* while "participant-joined" is emitted */
  gboolean         open;
  gboolean         revealed;
  guint            n_answered;
};

enum
{
  PARTICIPANT_JOINED,
  ANSWER_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalLiveServer, bekal_live_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (bekal-live-error-quark, bekal_live_error)

/* Helpers */

static void
participant_free (Participant *participant)
{
  g_free (participant->name);
  g_clear_pointer (&participant->answers, g_hash_table_unref);
  g_clear_object (&participant->question);
  g_free (participant);
}

/* The question @participant is asked: its form's, or the room's */
static BekalQuestion *
question_of (BekalLiveServer *self,
             Participant     *participant)
{
  if (participant != NULL && participant->question != NULL && self->question != NULL)
    return participant->question;
  return self->question;
}

static AddressUse *
address_use (BekalLiveServer *self,
             const char      *address)
{
  AddressUse *use = g_hash_table_lookup (self->addresses, address);

  if (use == NULL)
    {
      use = g_new0 (AddressUse, 1);
      g_hash_table_insert (self->addresses, g_strdup (address), use);
    }
  return use;
}

static void
send_text (Connection *connection,
           const char *text)
{
  if (soup_websocket_connection_get_state (connection->socket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (connection->socket, text);
}

static void
send_simple (Connection *connection,
             const char *type,
             const char *key,
             const char *value)
{
  g_autofree char *text = _bekal_live_simple_json (type, key, value);

  send_text (connection, text);
}

static void
send_error (Connection *connection,
            const char *code)
{
  send_simple (connection, "error", "code", code);
}

/* What a phone shows now: the open question, its answer once revealed, or a wait */
static void
send_state (BekalLiveServer *self,
            Connection      *connection)
{
  Participant *participant = connection->participant;
  BekalQuestion *question = question_of (self, participant);

  if (question == NULL)
    {
      send_simple (connection, "wait", NULL, NULL);
      return;
    }
  {
    const char *id = bekal_question_get_id (question);
    gboolean answered = participant != NULL
                        && g_hash_table_contains (participant->answers, id);
    g_autofree char *text = _bekal_live_question_to_json (question, answered, self->open);

    send_text (connection, text);
  }
  if (self->revealed)
    {
      g_autofree char *text = _bekal_live_reveal_to_json (question);

      send_text (connection, text);
    }
}

/* The participants who answered the question they are asked now */
static void
count_answered (BekalLiveServer *self)
{
  self->n_answered = 0;
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);
      BekalQuestion *question = question_of (self, participant);

      if (question != NULL
          && g_hash_table_contains (participant->answers, bekal_question_get_id (question)))
        self->n_answered++;
    }
}

static void
broadcast_state (BekalLiveServer *self)
{
  for (GList *l = self->connections; l != NULL; l = l->next)
    {
      Connection *connection = l->data;

      if (connection->participant != NULL)
        send_state (self, connection);
    }
}

static void
send_joined (BekalLiveServer *self,
             Connection      *connection)
{
  g_autofree char *text = _bekal_live_joined_json (connection->participant->token,
                                                   connection->participant->name);

  send_text (connection, text);
  send_state (self, connection);
}

static void
send_roster (BekalLiveServer *self,
             Connection      *connection)
{
  g_autofree char *text = _bekal_live_roster_json ((const char * const *) self->roster);

  send_text (connection, text);
}

static void
attach (Connection  *connection,
        Participant *participant)
{
  Connection *previous = participant->connection;

  /* the same phone back on a new link, or the page open twice: the newest link wins */
  if (previous != NULL && previous != connection)
    {
      previous->participant = NULL;
      soup_websocket_connection_close (previous->socket, SOUP_WEBSOCKET_CLOSE_NORMAL,
                                       "replaced");
    }
  participant->connection = connection;
  connection->participant = participant;
}

/* A wrong room code counts against the address; too many and it may not try again */
static gboolean
check_room (BekalLiveServer *self,
            Connection      *connection,
            const char      *room)
{
  AddressUse *use = address_use (self, connection->address);

  if (use->wrong_codes >= MAX_WRONG_ROOM_CODES)
    {
      send_error (connection, "too-many-tries");
      soup_websocket_connection_close (connection->socket, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       NULL);
      return FALSE;
    }
  if (!g_str_equal (room, self->room_code))
    {
      use->wrong_codes++;
      send_error (connection, "wrong-room");
      return FALSE;
    }
  return TRUE;
}

static void
handle_join (BekalLiveServer  *self,
             Connection       *connection,
             BekalLiveMessage *message)
{
  AddressUse *use;
  Participant *participant;
  guchar bytes[BEKAL_LIVE_TOKEN_LENGTH / 2];

  if (connection->participant != NULL)
    {
      send_joined (self, connection);
      return;
    }
  if (!check_room (self, connection, message->room))
    return;
  use = address_use (self, connection->address);
  if (self->participants->len >= BEKAL_LIVE_MAX_PARTICIPANTS)
    {
      send_error (connection, "room-full");
      return;
    }
  if (use->joins >= self->limits.max_joins_per_address)
    {
      send_error (connection, "too-many-joins");
      return;
    }
  use->joins++;

  participant = g_new0 (Participant, 1);
  participant->id = self->participants->len + 1;
  participant->name = g_strdup (message->name);
  participant->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  randombytes_buf (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_snprintf (participant->token + 2 * i, 3, "%02x", bytes[i]);
  g_ptr_array_add (self->participants, participant);
  g_hash_table_insert (self->tokens, participant->token, participant);
  attach (connection, participant);

  /* told first, so that a handler giving the newcomer a parallel form's question does so
   * before the phone is sent what to show */
  self->joining = participant;
  g_signal_emit (self, signals[PARTICIPANT_JOINED], 0, participant->id, participant->name);
  self->joining = NULL;
  if (connection->participant == participant)
    send_joined (self, connection);
}

static void
handle_rejoin (BekalLiveServer  *self,
               Connection       *connection,
               BekalLiveMessage *message)
{
  Participant *participant = g_hash_table_lookup (self->tokens, message->token);

  if (participant == NULL)
    {
      send_error (connection, "unknown-token");
      return;
    }
  attach (connection, participant);
  send_joined (self, connection);
}

static void
handle_answer (BekalLiveServer  *self,
               Connection       *connection,
               BekalLiveMessage *message)
{
  Participant *participant = connection->participant;
  BekalQuestion *question;
  const char *id;
  const char *earlier;

  if (participant == NULL)
    {
      send_error (connection, "not-joined");
      return;
    }
  question = question_of (self, participant);
  id = question != NULL ? bekal_question_get_id (question) : NULL;
  earlier = g_hash_table_lookup (participant->answers, message->question);
  /* a repeat (a phone that did not see its acknowledgement) gets it again, nothing more */
  if (earlier != NULL)
    {
      send_simple (connection, "ack", "question", message->question);
      return;
    }
  if (!self->open || g_strcmp0 (id, message->question) != 0)
    {
      send_error (connection, "question-closed");
      return;
    }
  if (!bekal_quiz_check_response (question, message->response, NULL))
    {
      send_error (connection, "invalid-answer");
      return;
    }

  g_hash_table_insert (participant->answers, g_strdup (message->question),
                       g_strdup (message->response));
  self->n_answered++;
  send_simple (connection, "ack", "question", message->question);
  g_signal_emit (self, signals[ANSWER_RECEIVED], 0, participant->id, message->question,
                 message->response);
}

/* Callbacks */

static void
on_message (SoupWebsocketConnection *socket,
            int                      type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Connection *connection = user_data;
  BekalLiveServer *self = connection->server;
  g_autoptr(BekalLiveMessage) message = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  connection->last_heard = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      soup_websocket_connection_close (socket, SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA, NULL);
      return;
    }
  message = _bekal_live_message_parse (data, length, NULL);
  if (message == NULL)
    {
      send_error (connection, "bad-message");
      return;
    }

  switch (message->type)
    {
    case BEKAL_LIVE_MESSAGE_CHECK_ROOM:
      if (check_room (self, connection, message->room))
        send_roster (self, connection);
      break;
    case BEKAL_LIVE_MESSAGE_JOIN:
      handle_join (self, connection, message);
      break;
    case BEKAL_LIVE_MESSAGE_REJOIN:
      handle_rejoin (self, connection, message);
      break;
    case BEKAL_LIVE_MESSAGE_ANSWER:
      handle_answer (self, connection, message);
      break;
    case BEKAL_LIVE_MESSAGE_PING:
      send_simple (connection, "pong", NULL, NULL);
      break;
    default:
      break;
    }
}

static void
forget_connection (BekalLiveServer *self,
                   Connection      *connection)
{
  AddressUse *use = g_hash_table_lookup (self->addresses, connection->address);

  if (use != NULL && use->connections > 0)
    use->connections--;
  if (connection->participant != NULL && connection->participant->connection == connection)
    connection->participant->connection = NULL;
  self->connections = g_list_remove (self->connections, connection);
  g_signal_handlers_disconnect_by_data (connection->socket, connection);
  g_object_unref (connection->socket);
  g_free (connection->address);
  g_free (connection);
}

static void
on_closed (SoupWebsocketConnection *socket,
           gpointer                 user_data)
{
  Connection *connection = user_data;

  forget_connection (connection->server, connection);
}

static gboolean
on_idle_check (gpointer user_data)
{
  BekalLiveServer *self = user_data;
  gint64 limit = g_get_monotonic_time ()
                 - (gint64) self->limits.idle_timeout_seconds * G_USEC_PER_SEC;

  for (GList *l = self->connections; l != NULL; l = l->next)
    {
      Connection *connection = l->data;

      if (connection->last_heard < limit
          && soup_websocket_connection_get_state (connection->socket)
             == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection->socket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY,
                                         "idle");
    }
  return G_SOURCE_CONTINUE;
}

static char *
remote_address (SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);

  return g_strdup (host != NULL ? host : "?");
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *socket,
              gpointer                 user_data)
{
  BekalLiveServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");
  g_autofree char *address = remote_address (msg);
  AddressUse *use = address_use (self, address);
  Connection *connection;

  /* a browser always names the page that opens the socket: only ours may */
  if (origin != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("http://%s", host != NULL ? host : "");

      if (!g_str_equal (origin, expected))
        {
          soup_websocket_connection_close (socket, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           "origin");
          return;
        }
    }
  if (use->connections >= self->limits.max_connections_per_address)
    {
      soup_websocket_connection_close (socket, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       "too many connections");
      return;
    }
  use->connections++;

  connection = g_new0 (Connection, 1);
  connection->server = self;
  connection->socket = g_object_ref (socket);
  connection->address = g_steal_pointer (&address);
  connection->last_heard = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (socket, BEKAL_LIVE_MAX_MESSAGE);
  self->connections = g_list_prepend (self->connections, connection);
  g_signal_connect (socket, "message", G_CALLBACK (on_message), connection);
  g_signal_connect (socket, "closed", G_CALLBACK (on_closed), connection);
}

/* Before a request's body is read: only GET and HEAD, with no body, are served */
static void
on_early_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  else if (soup_message_headers_get_content_length (headers) > 0
           || soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  static const struct
  {
    const char *path;
    const char *file;
    const char *type;
  } files[] = {
    { "/", "index.html", "text/html; charset=utf-8" },
    { "/app.js", "app.js", "text/javascript; charset=utf-8" },
    { "/style.css", "style.css", "text/css; charset=utf-8" },
  };
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_str_equal (path, files[i].path))
      {
        g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, files[i].file, NULL);
        g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);

        if (bytes == NULL)
          break;
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, files[i].type, SOUP_MEMORY_COPY,
                                          g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes));
        return;
      }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* Overrides */

static void
bekal_live_server_dispose (GObject *object)
{
  BekalLiveServer *self = BEKAL_LIVE_SERVER (object);

  bekal_live_server_stop (self);
  g_clear_object (&self->question);

  G_OBJECT_CLASS (bekal_live_server_parent_class)->dispose (object);
}

static void
bekal_live_server_finalize (GObject *object)
{
  BekalLiveServer *self = BEKAL_LIVE_SERVER (object);

  g_clear_pointer (&self->urls, g_ptr_array_unref);
  g_strfreev (self->roster);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->addresses, g_hash_table_unref);

  G_OBJECT_CLASS (bekal_live_server_parent_class)->finalize (object);
}

static void
bekal_live_server_class_init (BekalLiveServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bekal_live_server_dispose;
  object_class->finalize = bekal_live_server_finalize;

  /**
   * BekalLiveServer::participant-joined:
   * @self: the server
   * @participant: the participant's number, from 1
   * @name: the name picked or typed on the phone
   *
   * A new participant joined (not emitted when one comes back with its token).
   */
  signals[PARTICIPANT_JOINED] =
    g_signal_new ("participant-joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * BekalLiveServer::answer-received:
   * @self: the server
   * @participant: the participant's number
   * @question_id: the open question
   * @response: the answer in Bekal's stored form, checked against the question
   *
   * A participant's first answer to the open question.
   */
  signals[ANSWER_RECEIVED] =
    g_signal_new ("answer-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING);

  /* links the page's resource into programs that use this static library */
  g_resources_register (bekal_live_get_resource ());

  if (sodium_init () < 0)
    g_warning ("libsodium could not start; room codes and tokens use GLib's random numbers");
}

static void
bekal_live_server_init (BekalLiveServer *self)
{
  self->limits.max_connections_per_address = 4;
  self->limits.max_joins_per_address = 4;
  self->limits.idle_timeout_seconds = 75;
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) participant_free);
  self->tokens = g_hash_table_new (g_str_hash, g_str_equal);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->urls = g_ptr_array_new_with_free_func (g_free);
  g_snprintf (self->room_code, sizeof self->room_code, "%06u", randombytes_uniform (1000000));
}

/* Public API */

BekalLiveServer *
bekal_live_server_new (void)
{
  return g_object_new (BEKAL_TYPE_LIVE_SERVER, NULL);
}

gboolean
bekal_live_server_set_room_code (BekalLiveServer *self,
                                 const char      *room_code)
{
  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), FALSE);

  /* a code kept in a data folder is not trusted: six digits or nothing */
  if (room_code == NULL || strlen (room_code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (room_code[i]))
      return FALSE;
  g_strlcpy (self->room_code, room_code, sizeof self->room_code);
  return TRUE;
}

const char *
bekal_live_server_get_room_code (BekalLiveServer *self)
{
  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), NULL);

  return self->room_code;
}

void
bekal_live_server_set_limits (BekalLiveServer       *self,
                              const BekalLiveLimits *limits)
{
  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));
  g_return_if_fail (limits != NULL);

  self->limits = *limits;
}

gboolean
bekal_live_server_start (BekalLiveServer  *self,
                         GPtrArray        *addresses,
                         guint             port,
                         GError          **error)
{
  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if (addresses == NULL || addresses->len == 0)
    {
      g_set_error_literal (error, BEKAL_LIVE_ERROR, BEKAL_LIVE_ERROR_NO_ADDRESS,
                           "No network address was chosen to listen on.");
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_early_handler (self->soup, NULL, on_early_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_request, self, NULL);
  soup_server_add_websocket_handler (self->soup, "/ws", NULL, NULL, on_websocket, self, NULL);

  for (guint i = 0; i < addresses->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (addresses, i);
      g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GSList) uris = NULL;

      if (!soup_server_listen (self->soup, socket_address, 0, &local_error))
        {
          g_autofree char *text = g_inet_address_to_string (address);

          g_set_error (error, BEKAL_LIVE_ERROR, BEKAL_LIVE_ERROR_LISTEN,
                       "Cannot listen on %s: %s", text, local_error->message);
          bekal_live_server_stop (self);
          return FALSE;
        }
      /* every address gets the port the first one got */
      uris = soup_server_get_uris (self->soup);
      for (GSList *l = uris; l != NULL; l = l->next)
        {
          if (port == 0)
            port = (guint) g_uri_get_port (l->data);
        }
      g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
    }
  self->port = port;

  {
    GSList *uris = soup_server_get_uris (self->soup);

    for (GSList *l = uris; l != NULL; l = l->next)
      {
        const char *host = g_uri_get_host (l->data);
        gboolean v6 = strchr (host, ':') != NULL;

        g_ptr_array_add (self->urls, g_strdup_printf ("http://%s%s%s:%u/", v6 ? "[" : "", host,
                                                      v6 ? "]" : "", self->port));
      }
    g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  }

  self->idle_source = g_timeout_add_seconds (5, on_idle_check, self);
  return TRUE;
}

void
bekal_live_server_stop (BekalLiveServer *self)
{
  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));

  g_clear_handle_id (&self->idle_source, g_source_remove);
  while (self->connections != NULL)
    {
      Connection *connection = self->connections->data;

      if (soup_websocket_connection_get_state (connection->socket) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection->socket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY,
                                         "the session ended");
      forget_connection (self, connection);
    }
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  self->port = 0;
  g_ptr_array_set_size (self->urls, 0);
}

guint
bekal_live_server_get_port (BekalLiveServer *self)
{
  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), 0);

  return self->port;
}

char **
bekal_live_server_dup_urls (BekalLiveServer *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **urls;

  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), NULL);

  for (guint i = 0; i < self->urls->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->urls, i));
  urls = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return urls;
}

void
bekal_live_server_set_roster (BekalLiveServer    *self,
                              const char * const *names)
{
  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));

  g_strfreev (self->roster);
  self->roster = g_strdupv ((char **) names);
}

void
bekal_live_server_open_question (BekalLiveServer *self,
                                 BekalQuestion   *question)
{
  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));
  g_return_if_fail (BEKAL_IS_QUESTION (question));

  g_set_object (&self->question, question);
  self->open = TRUE;
  self->revealed = FALSE;
  for (guint i = 0; i < self->participants->len; i++)
    g_clear_object (&((Participant *) g_ptr_array_index (self->participants, i))->question);
  count_answered (self);
  broadcast_state (self);
}

void
bekal_live_server_set_participant_question (BekalLiveServer *self,
                                            guint            participant,
                                            BekalQuestion   *question)
{
  Participant *who;

  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));
  g_return_if_fail (question == NULL || BEKAL_IS_QUESTION (question));

  if (participant == 0 || participant > self->participants->len || self->question == NULL)
    return;
  who = g_ptr_array_index (self->participants, participant - 1);
  if (question == self->question)
    question = NULL;
  if (who->question == question)
    return;
  g_set_object (&who->question, question);
  count_answered (self);
  if (who->connection != NULL && who != self->joining)
    send_state (self, who->connection);
}

void
bekal_live_server_close_question (BekalLiveServer *self)
{
  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));

  if (self->question == NULL || !self->open)
    return;
  self->open = FALSE;
  broadcast_state (self);
}

void
bekal_live_server_reveal (BekalLiveServer *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (BEKAL_IS_LIVE_SERVER (self));

  if (self->question == NULL)
    return;
  self->open = FALSE;
  self->revealed = TRUE;
  text = _bekal_live_reveal_to_json (self->question);
  for (GList *l = self->connections; l != NULL; l = l->next)
    {
      Connection *connection = l->data;
      g_autofree char *own = NULL;

      if (connection->participant == NULL)
        continue;
      /* a parallel form's question is revealed with its own answer */
      if (connection->participant->question != NULL)
        {
          own = _bekal_live_reveal_to_json (connection->participant->question);
          send_text (connection, own);
        }
      else
        send_text (connection, text);
    }
}

guint
bekal_live_server_get_n_joined (BekalLiveServer *self)
{
  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), 0);

  return self->participants->len;
}

guint
bekal_live_server_get_n_answered (BekalLiveServer *self)
{
  g_return_val_if_fail (BEKAL_IS_LIVE_SERVER (self), 0);

  return self->n_answered;
}

GBytes *
bekal_live_qr_encode (const char  *text,
                      guint       *out_width,
                      GError     **error)
{
  QRcode *code;
  guint8 *modules;
  gsize size;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (out_width != NULL, NULL);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot make a QR code of “%s”: it is too long.", text);
      return NULL;
    }
  size = (gsize) code->width * (gsize) code->width;
  modules = g_malloc (size);
  /* libqrencode keeps other flags in the upper bits; the lowest is the colour */
  for (gsize i = 0; i < size; i++)
    modules[i] = code->data[i] & 1;
  *out_width = (guint) code->width;
  QRcode_free (code);
  return g_bytes_new_take (modules, size);
}
