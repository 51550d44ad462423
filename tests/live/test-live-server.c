/* test-live-server.c: the group session's server, driven by real WebSocket and HTTP clients
 * (libsoup) over loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-live-server.h>
#include <bekal/bekal-loader.h>

#include "bekal-live-private.h"
#include "test-util.h"

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *socket;
  GQueue                   messages;   /* of JsonObject */
  gboolean                 closed;
  gushort                  close_code;
} Client;

typedef struct
{
  BekalLiveServer *server;
  BekalModule     *module;
  char            *url;          /* ws://127.0.0.1:PORT/ws */
  char            *http;         /* http://127.0.0.1:PORT */
  GPtrArray       *clients;
  guint            joined;
  guint            answers;
  char            *last_response;
} Fixture;

/* Clients */

static void
on_client_message (SoupWebsocketConnection *socket,
                   int                      type,
                   GBytes                  *bytes,
                   Client                  *client)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (json_parser_load_from_data (parser, data, (gssize) length, NULL));
  g_queue_push_tail (&client->messages, json_object_ref (json_node_get_object (
                                                           json_parser_get_root (parser))));
}

static void
on_client_closed (SoupWebsocketConnection *socket,
                  Client                  *client)
{
  client->closed = TRUE;
  client->close_code = soup_websocket_connection_get_close_code (socket);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  client->socket = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
client_free (Client *client)
{
  if (client->socket != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->socket, client);
      if (soup_websocket_connection_get_state (client->socket) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (client->socket);
    }
  g_queue_clear_full (&client->messages, (GDestroyNotify) json_object_unref);
  g_object_unref (client->session);
  g_free (client);
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
client_connected (gpointer data)
{
  return ((Client *) data)->socket != NULL;
}

static Client *
client_new_with_origin (Fixture    *fixture,
                        const char *origin)
{
  Client *client = g_new0 (Client, 1);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", fixture->url);

  client->session = soup_session_new ();
  soup_session_websocket_connect_async (client->session, message, origin, NULL,
                                        G_PRIORITY_DEFAULT, NULL, on_connected, client);
  iterate_until (client_connected, client);
  soup_websocket_connection_set_max_incoming_payload_size (client->socket, 1 << 20);
  g_signal_connect (client->socket, "message", G_CALLBACK (on_client_message), client);
  g_signal_connect (client->socket, "closed", G_CALLBACK (on_client_closed), client);
  g_ptr_array_add (fixture->clients, client);
  return client;
}

static Client *
client_new (Fixture *fixture)
{
  return client_new_with_origin (fixture, NULL);
}

static void
client_send (Client     *client,
             const char *text)
{
  soup_websocket_connection_send_text (client->socket, text);
}

static gboolean
client_has_message (gpointer data)
{
  Client *client = data;

  return client->messages.length > 0 || client->closed;
}

/* The next message, which must be of @type */
static JsonObject *
client_expect (Client     *client,
               const char *type)
{
  JsonObject *object;

  iterate_until (client_has_message, client);
  g_assert_cmpuint (client->messages.length, >, 0);
  object = g_queue_pop_head (&client->messages);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, type);
  return object;
}

static void
client_expect_error (Client     *client,
                     const char *code)
{
  g_autoptr(JsonObject) object = client_expect (client, "error");

  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
}

static gboolean
client_is_closed (gpointer data)
{
  return ((Client *) data)->closed;
}

/* Joins with @name; returns the token */
static char *
client_join (Fixture    *fixture,
             Client     *client,
             const char *name)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%s\",\"name\":\"%s\"}",
                                           bekal_live_server_get_room_code (fixture->server),
                                           name);
  g_autoptr(JsonObject) joined = NULL;
  g_autoptr(JsonObject) state = NULL;

  client_send (client, text);
  joined = client_expect (client, "joined");
  g_assert_cmpstr (json_object_get_string_member (joined, "name"), ==, name);
  /* and then what the room sees now */
  iterate_until (client_has_message, client);
  return g_strdup (json_object_get_string_member (joined, "token"));
}

static BekalQuestion *
find_question (Fixture           *fixture,
               BekalQuestionType  kind)
{
  for (guint i = 0; i < bekal_module_get_n_quizzes (fixture->module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (fixture->module, i);

      for (guint j = 0; j < bekal_quiz_get_n_questions (quiz); j++)
        if (bekal_question_get_kind (bekal_quiz_get_question (quiz, j)) == kind)
          return bekal_quiz_get_question (quiz, j);
    }
  g_assert_not_reached ();
}

static void
send_answer (Client        *client,
             BekalQuestion *question,
             const char    *response)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"answer\",\"question\":\"%s\","
                                           "\"response\":\"%s\"}",
                                           bekal_question_get_id (question), response);

  client_send (client, text);
}

/* Fixture */

static void
on_joined (BekalLiveServer *server,
           guint            participant,
           const char      *name,
           Fixture         *fixture)
{
  fixture->joined++;
}

static void
on_answer (BekalLiveServer *server,
           guint            participant,
           const char      *question_id,
           const char      *response,
           Fixture         *fixture)
{
  fixture->answers++;
  g_free (fixture->last_response);
  fixture->last_response = g_strdup (response);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = test_source_path ("examples/contoh-semua-elemen/module.id.xml");
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const BekalLiveLimits limits = { 400, 400, 60 };

  fixture->module = bekal_loader_load_file (loader, path, diagnostics, &error);
  g_assert_no_error (error);
  fixture->server = bekal_live_server_new ();
  if (data != NULL)
    bekal_live_server_set_limits (fixture->server, &limits);
  g_ptr_array_add (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  g_assert_true (bekal_live_server_start (fixture->server, addresses, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bekal_live_server_get_port (fixture->server), >, 0);
  fixture->url = g_strdup_printf ("ws://127.0.0.1:%u/ws",
                                  bekal_live_server_get_port (fixture->server));
  fixture->http = g_strdup_printf ("http://127.0.0.1:%u",
                                   bekal_live_server_get_port (fixture->server));
  fixture->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  g_signal_connect (fixture->server, "participant-joined", G_CALLBACK (on_joined), fixture);
  g_signal_connect (fixture->server, "answer-received", G_CALLBACK (on_answer), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->clients, g_ptr_array_unref);
  bekal_live_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->module);
  g_free (fixture->url);
  g_free (fixture->http);
  g_free (fixture->last_response);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Tests */

static void
test_join (Fixture       *fixture,
           gconstpointer  data)
{
  Client *client = client_new (fixture);
  const char *names[] = { "Sari", "Budi <b>", NULL };
  g_autofree char *check = g_strdup_printf ("{\"type\":\"check-room\",\"room\":\"%s\"}",
                                            bekal_live_server_get_room_code (fixture->server));
  g_autoptr(JsonObject) roster = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) urls = bekal_live_server_dup_urls (fixture->server);

  g_assert_cmpuint (strlen (bekal_live_server_get_room_code (fixture->server)), ==, 6);
  g_assert_nonnull (urls[0]);
  g_assert_true (g_str_has_prefix (urls[0], "http://127.0.0.1:"));

  bekal_live_server_set_roster (fixture->server, names);
  client_send (client, check);
  roster = client_expect (client, "roster");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster, "names")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (roster, "names"),
                                                  1), ==, "Budi <b>");

  token = client_join (fixture, client, "Sari");
  g_assert_cmpuint (strlen (token), ==, 32);
  g_assert_cmpuint (fixture->joined, ==, 1);
  g_assert_cmpuint (bekal_live_server_get_n_joined (fixture->server), ==, 1);
}

static void
test_wrong_code (Fixture       *fixture,
                 gconstpointer  data)
{
  Client *client = client_new (fixture);
  const char *code = bekal_live_server_get_room_code (fixture->server);
  g_autofree char *wrong = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%c%s\",\"name\":\"X\"}",
                                            code[0] == '9' ? '1' : '9', code + 1);

  client_send (client, wrong);
  client_expect_error (client, "wrong-room");
  g_assert_cmpuint (fixture->joined, ==, 0);

  /* guessing is cut short */
  for (guint i = 1; i < 10; i++)
    {
      client_send (client, wrong);
      client_expect_error (client, "wrong-room");
    }
  client_send (client, wrong);
  client_expect_error (client, "too-many-tries");
  iterate_until (client_is_closed, client);
  g_assert_cmpuint (fixture->joined, ==, 0);
}

/* A resumed session keeps its room code; a code from a data folder is six digits or nothing */
static void
test_room_code (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(BekalLiveServer) server = bekal_live_server_new ();
  g_autofree char *first = g_strdup (bekal_live_server_get_room_code (server));
  const char *refused[] = { "12345", "1234567", "12a456", "", " 12345", "١٢٣٤٥٦" };
  Client *client;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (bekal_live_server_set_room_code (server, refused[i]));
      g_assert_cmpstr (bekal_live_server_get_room_code (server), ==, first);
    }
  g_assert_false (bekal_live_server_set_room_code (server, NULL));

  g_assert_true (bekal_live_server_set_room_code (fixture->server, "482913"));
  g_assert_cmpstr (bekal_live_server_get_room_code (fixture->server), ==, "482913");
  client = client_new (fixture);
  g_free (client_join (fixture, client, "Sari"));
  g_assert_cmpuint (fixture->joined, ==, 1);
}

static void
test_answer (Fixture       *fixture,
             gconstpointer  data)
{
  Client *client = client_new (fixture);
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_SINGLE);
  g_autofree char *token = client_join (fixture, client, "Sari");
  g_autoptr(JsonObject) wait = client_expect (client, "wait");
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) reveal = NULL;
  const char *right = NULL;

  bekal_live_server_open_question (fixture->server, question);
  shown = client_expect (client, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==,
                   bekal_question_get_id (question));
  g_assert_cmpstr (json_object_get_string_member (shown, "kind"), ==, "single");
  g_assert_false (json_object_get_boolean_member (shown, "answered"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "options")), ==,
                    bekal_question_get_n_options (question));

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    if (bekal_option_get_correct (bekal_question_get_option (question, i)))
      right = bekal_option_get_id (bekal_question_get_option (question, i));
  send_answer (client, question, right);
  ack = client_expect (client, "ack");
  g_assert_cmpstr (json_object_get_string_member (ack, "question"), ==,
                   bekal_question_get_id (question));
  g_assert_cmpuint (fixture->answers, ==, 1);
  g_assert_cmpstr (fixture->last_response, ==, right);
  g_assert_cmpuint (bekal_live_server_get_n_answered (fixture->server), ==, 1);

  bekal_live_server_reveal (fixture->server);
  reveal = client_expect (client, "reveal");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reveal, "correct")), ==,
                    1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (reveal,
                                                                                "correct"), 0),
                   ==, right);
}

static void
test_duplicate_answer (Fixture       *fixture,
                       gconstpointer  data)
{
  Client *client = client_new (fixture);
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_MULTIPLE);
  g_autofree char *token = client_join (fixture, client, "Sari");
  const char *first = bekal_option_get_id (bekal_question_get_option (question, 0));
  const char *second = bekal_option_get_id (bekal_question_get_option (question, 1));
  g_autofree char *both = g_strdup_printf ("%s,%s", first, second);

  json_object_unref (client_expect (client, "wait"));
  bekal_live_server_open_question (fixture->server, question);
  json_object_unref (client_expect (client, "question"));
  send_answer (client, question, both);
  json_object_unref (client_expect (client, "ack"));
  /* a repeat, even with another answer, is acknowledged and changes nothing */
  send_answer (client, question, first);
  json_object_unref (client_expect (client, "ack"));
  g_assert_cmpuint (fixture->answers, ==, 1);
  g_assert_cmpstr (fixture->last_response, ==, both);
  g_assert_cmpuint (bekal_live_server_get_n_answered (fixture->server), ==, 1);
}

static void
test_closed_question (Fixture       *fixture,
                      gconstpointer  data)
{
  Client *client = client_new (fixture);
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_TRUEFALSE);
  BekalQuestion *other = find_question (fixture, BEKAL_QUESTION_SINGLE);
  g_autofree char *token = client_join (fixture, client, "Sari");
  g_autoptr(JsonObject) shown = NULL;

  json_object_unref (client_expect (client, "wait"));
  /* no question open yet */
  send_answer (client, question, "true");
  client_expect_error (client, "question-closed");

  bekal_live_server_open_question (fixture->server, question);
  json_object_unref (client_expect (client, "question"));
  /* an answer to another question than the open one */
  send_answer (client, other, bekal_option_get_id (bekal_question_get_option (other, 0)));
  client_expect_error (client, "question-closed");

  bekal_live_server_close_question (fixture->server);
  shown = client_expect (client, "question");
  g_assert_false (json_object_get_boolean_member (shown, "open"));
  send_answer (client, question, "true");
  client_expect_error (client, "question-closed");
  g_assert_cmpuint (fixture->answers, ==, 0);
}

static void
test_invalid_answer (Fixture       *fixture,
                     gconstpointer  data)
{
  Client *client = client_new (fixture);
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_ORDER);
  g_autofree char *token = client_join (fixture, client, "Sari");

  json_object_unref (client_expect (client, "wait"));
  bekal_live_server_open_question (fixture->server, question);
  json_object_unref (client_expect (client, "question"));
  send_answer (client, question, "no-such-item");
  client_expect_error (client, "invalid-answer");
  g_assert_cmpuint (fixture->answers, ==, 0);
}

static void
test_not_joined (Fixture       *fixture,
                 gconstpointer  data)
{
  Client *client = client_new (fixture);
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_TRUEFALSE);

  bekal_live_server_open_question (fixture->server, question);
  send_answer (client, question, "true");
  client_expect_error (client, "not-joined");
  g_assert_cmpuint (fixture->answers, ==, 0);
}

static void
test_rejoin (Fixture       *fixture,
             gconstpointer  data)
{
  Client *client = client_new (fixture);
  Client *again;
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_SCALE);
  g_autofree char *token = client_join (fixture, client, "Sari");
  g_autofree char *rejoin = g_strdup_printf ("{\"type\":\"rejoin\",\"token\":\"%s\"}", token);
  g_autofree char *value = g_strdup_printf ("%d", bekal_question_get_scale_min (question));
  g_autoptr(JsonObject) joined = NULL;
  g_autoptr(JsonObject) shown = NULL;

  json_object_unref (client_expect (client, "wait"));
  bekal_live_server_open_question (fixture->server, question);
  json_object_unref (client_expect (client, "question"));
  send_answer (client, question, value);
  json_object_unref (client_expect (client, "ack"));

  /* the phone slept: its link is gone, a new one comes back with the token */
  soup_websocket_connection_close (client->socket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  iterate_until (client_is_closed, client);
  again = client_new (fixture);
  client_send (again, rejoin);
  joined = client_expect (again, "joined");
  g_assert_cmpstr (json_object_get_string_member (joined, "name"), ==, "Sari");
  shown = client_expect (again, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==,
                   bekal_question_get_id (question));
  g_assert_true (json_object_get_boolean_member (shown, "answered"));
  g_assert_cmpuint (fixture->joined, ==, 1);

  /* a made-up token is refused */
  client_send (again, "{\"type\":\"rejoin\",\"token\":\"00000000000000000000000000000000\"}");
  client_expect_error (again, "unknown-token");
}

static void
test_late_join (Fixture       *fixture,
                gconstpointer  data)
{
  BekalQuestion *question = find_question (fixture, BEKAL_QUESTION_MATCH);
  Client *client;
  g_autofree char *code = g_strdup (bekal_live_server_get_room_code (fixture->server));
  g_autofree char *join = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%s\",\"name\":\"Ani\"}",
                                           code);
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(GString) pairs = g_string_new (NULL);

  bekal_live_server_open_question (fixture->server, question);
  client = client_new (fixture);
  client_send (client, join);
  json_object_unref (client_expect (client, "joined"));
  shown = client_expect (client, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "kind"), ==, "match");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "rights")), ==,
                    bekal_question_get_n_options (question));
  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      const char *id = bekal_option_get_id (bekal_question_get_option (question, i));

      g_string_append_printf (pairs, "%s%s=%s", i > 0 ? "," : "", id, id);
    }
  send_answer (client, question, pairs->str);
  json_object_unref (client_expect (client, "ack"));
  g_assert_cmpstr (fixture->last_response, ==, pairs->str);
}

/* A parallel form: the second participant is asked another question at the same place, and
 * only that one; a newcomer can be given it before the phone is sent anything */
static void
on_joined_give_form (BekalLiveServer *server,
                     guint            participant,
                     const char      *name,
                     BekalQuestion   *other)
{
  if (participant >= 2)
    bekal_live_server_set_participant_question (server, participant, other);
}

/* The right options of a single or multiple choice, as a phone sends them */
static char *
right_answer (BekalQuestion *question)
{
  g_autoptr(GString) answer = g_string_new (NULL);

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    if (bekal_option_get_correct (bekal_question_get_option (question, i)))
      g_string_append_printf (answer, "%s%s", answer->len > 0 ? "," : "",
                              bekal_option_get_id (bekal_question_get_option (question, i)));
  g_assert_cmpuint (answer->len, >, 0);
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static void
test_participant_question (Fixture       *fixture,
                           gconstpointer  data)
{
  BekalQuestion *room = find_question (fixture, BEKAL_QUESTION_SINGLE);
  BekalQuestion *other = find_question (fixture, BEKAL_QUESTION_MULTIPLE);
  g_autofree char *room_right = right_answer (room);
  g_autofree char *other_right = right_answer (other);
  Client *first = client_new (fixture);
  Client *second = client_new (fixture);
  Client *late;
  g_autofree char *token1 = client_join (fixture, first, "Sari");
  g_autofree char *token2 = client_join (fixture, second, "Budi");
  g_autofree char *join = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonObject) reveal = NULL;

  json_object_unref (client_expect (first, "wait"));
  json_object_unref (client_expect (second, "wait"));
  bekal_live_server_open_question (fixture->server, room);
  json_object_unref (client_expect (first, "question"));
  json_object_unref (client_expect (second, "question"));

  bekal_live_server_set_participant_question (fixture->server, 2, other);
  shown = client_expect (second, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==, bekal_question_get_id (other));
  /* nothing new for the first phone */
  g_assert_true (g_queue_is_empty (&first->messages));

  /* the room's question is closed to the second participant, its own is open */
  send_answer (second, room, room_right);
  client_expect_error (second, "question-closed");
  send_answer (second, other, other_right);
  json_object_unref (client_expect (second, "ack"));
  send_answer (first, other, other_right);
  client_expect_error (first, "question-closed");
  send_answer (first, room, room_right);
  json_object_unref (client_expect (first, "ack"));
  g_assert_cmpuint (fixture->answers, ==, 2);
  g_assert_cmpuint (bekal_live_server_get_n_answered (fixture->server), ==, 2);

  /* a newcomer given the other form is shown it at once, never the room's */
  g_signal_connect (fixture->server, "participant-joined", G_CALLBACK (on_joined_give_form),
                    other);
  late = client_new (fixture);
  join = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%s\",\"name\":\"Ani\"}",
                          bekal_live_server_get_room_code (fixture->server));
  client_send (late, join);
  json_object_unref (client_expect (late, "joined"));
  g_clear_pointer (&shown, json_object_unref);
  shown = client_expect (late, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==, bekal_question_get_id (other));

  /* each phone is shown its own question's answer */
  bekal_live_server_reveal (fixture->server);
  reveal = client_expect (second, "reveal");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (reveal,
                                                                                "correct"), 0),
                   ==, bekal_option_get_id (bekal_question_get_option (other, 0)));
  g_clear_pointer (&reveal, json_object_unref);
  reveal = client_expect (first, "reveal");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (reveal,
                                                                                "correct"), 0),
                   ==, room_right);

  /* the next question is the room's for everyone again */
  bekal_live_server_open_question (fixture->server, other);
  g_clear_pointer (&shown, json_object_unref);
  shown = client_expect (first, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==, bekal_question_get_id (other));
  g_clear_pointer (&shown, json_object_unref);
  shown = client_expect (second, "question");
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==, bekal_question_get_id (other));
  g_assert_true (json_object_get_boolean_member (shown, "answered"));
}

static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  Client *client = client_new (fixture);
  g_autofree char *big = g_strnfill (BEKAL_LIVE_MAX_MESSAGE + 100, 'x');

  Client *other;

  client_send (client, big);
  /* the server drops the link at once, without reading the rest */
  iterate_until (client_is_closed, client);
  g_assert_cmpuint (fixture->joined, ==, 0);
  other = client_new (fixture);
  client_send (other, "{\"type\":\"ping\"}");
  json_object_unref (client_expect (other, "pong"));
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  Client *client = client_new (fixture);
  const char *bad[] = {
    "not json", "[1,2]", "{\"type\":\"dance\"}", "{\"type\":7}", "{}",
    "{\"type\":\"join\",\"room\":\"1\"}", "{\"type\":\"join\",\"room\":\"abc\",\"name\":\"x\"}",
    "{\"type\":\"join\",\"room\":\"1\",\"name\":\"\\u0007\"}",
    "{\"type\":\"join\",\"room\":\"1\",\"name\":\"   \"}",
    "{\"type\":\"answer\",\"question\":\"../x\",\"response\":\"a\"}",
    "{\"type\":\"answer\",\"question\":\"q\",\"response\":[1]}",
    "{\"type\":\"rejoin\",\"token\":\"ABC\"}",
    "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}",
  };
  g_autoptr(GBytes) binary = g_bytes_new_static ("\x01\x02", 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      client_send (client, bad[i]);
      client_expect_error (client, "bad-message");
    }
  /* the connection still works */
  client_send (client, "{\"type\":\"ping\"}");
  json_object_unref (client_expect (client, "pong"));
  g_assert_cmpuint (fixture->joined, ==, 0);

  /* binary frames are not part of the protocol */
  soup_websocket_connection_send_message (client->socket, SOUP_WEBSOCKET_DATA_BINARY, binary);
  iterate_until (client_is_closed, client);
}

static void
test_origin (Fixture       *fixture,
             gconstpointer  data)
{
  Client *client = client_new_with_origin (fixture, "http://example.org");

  iterate_until (client_is_closed, client);
  g_assert_cmpuint (client->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
}

static void
test_connections_per_address (Fixture       *fixture,
                              gconstpointer  data)
{
  Client *last = NULL;

  /* the default limit: four links from one address at a time */
  for (guint i = 0; i < 4; i++)
    {
      Client *client = client_new (fixture);

      client_send (client, "{\"type\":\"ping\"}");
      json_object_unref (client_expect (client, "pong"));
    }
  last = client_new (fixture);
  iterate_until (client_is_closed, last);
}

static void
test_room_full (Fixture       *fixture,
                gconstpointer  data)
{
  Client *client;

  for (guint i = 0; i < BEKAL_LIVE_MAX_PARTICIPANTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Peserta %u", i + 1);
      g_autofree char *token = NULL;

      client = client_new (fixture);
      token = client_join (fixture, client, name);
    }
  g_assert_cmpuint (bekal_live_server_get_n_joined (fixture->server), ==,
                    BEKAL_LIVE_MAX_PARTICIPANTS);

  client = client_new (fixture);
  {
    g_autofree char *join = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%s\","
                                             "\"name\":\"Satu lagi\"}",
                                             bekal_live_server_get_room_code (fixture->server));

    client_send (client, join);
    client_expect_error (client, "room-full");
  }
  g_assert_cmpuint (fixture->joined, ==, BEKAL_LIVE_MAX_PARTICIPANTS);
}

typedef struct
{
  GBytes   *body;
  GError   *error;
  gboolean  done;
} Read;

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Read *read = user_data;

  read->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &read->error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((Read *) data)->done;
}

/* The server runs on this thread's main context, so the client must not block it */
static GBytes *
send_and_read (SoupSession  *session,
               SoupMessage  *message,
               GError      **error)
{
  Read read = { NULL, NULL, FALSE };

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_read, &read);
  iterate_until (read_done, &read);
  if (read.error != NULL)
    g_propagate_error (error, read.error);
  return read.body;
}

/* Plain HTTP: only the page's three files, with a strict policy; nothing else */
static guint
http_get (Fixture     *fixture,
          const char  *method,
          const char  *path,
          GBytes     **out_body,
          char       **out_type,
          char       **out_policy)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (fixture->http, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers;

  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GBytes) payload = g_bytes_new_static ("{\"a\":1}", 7);

      soup_message_set_request_body_from_bytes (message, "application/json", payload);
    }
  body = send_and_read (session, message, NULL);
  headers = soup_message_get_response_headers (message);
  if (out_type != NULL)
    *out_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (out_policy != NULL)
    *out_policy = g_strdup (soup_message_headers_get_one (headers, "Content-Security-Policy"));
  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);
  return soup_message_get_status (message);
}

static void
test_http (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GBytes) page = NULL;
  g_autofree char *type = NULL;
  g_autofree char *policy = NULL;
  gsize total = 0;
  const char *files[] = { "/", "/app.js", "/style.css" };

  g_assert_cmpuint (http_get (fixture, "GET", "/", &page, &type, &policy), ==, 200);
  g_assert_cmpstr (type, ==, "text/html");
  g_assert_nonnull (policy);
  g_assert_nonnull (strstr (policy, "default-src 'none'"));
  g_assert_nonnull (strstr (policy, "script-src 'self'"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page),
                                  "<script src=\"/app.js\""));
  /* no inline script: every <script has a src */
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));

    for (const char *p = strstr (text, "<script"); p != NULL; p = strstr (p + 1, "<script"))
      g_assert_true (g_str_has_prefix (p, "<script src="));
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) body = NULL;

      g_assert_cmpuint (http_get (fixture, "GET", files[i], &body, NULL, NULL), ==, 200);
      total += g_bytes_get_size (body);
    }
  /* the page stays small for old phones */
  g_assert_cmpuint (total, <, 100 * 1024);

  g_assert_cmpuint (http_get (fixture, "GET", "/etc/passwd", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (http_get (fixture, "GET", "/../../etc/passwd", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (http_get (fixture, "GET", "/index.html", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (http_get (fixture, "POST", "/", NULL, NULL, NULL), ==, 405);
  g_assert_cmpuint (http_get (fixture, "PUT", "/app.js", NULL, NULL, NULL), ==, 405);
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  Client *client = client_new (fixture);
  g_autofree char *token = client_join (fixture, client, "Sari");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (fixture->http, "/", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  /* the server listens only while the session is open */
  bekal_live_server_stop (fixture->server);
  iterate_until (client_is_closed, client);
  g_assert_cmpuint (bekal_live_server_get_port (fixture->server), ==, 0);
  body = send_and_read (session, message, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_parse (void)
{
  g_autoptr(BekalLiveMessage) join = NULL;
  g_autoptr(BekalLiveMessage) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "{\"type\":\"join\",\"room\":\"123456\",\"name\":\"  Siti Aminah  \"}";

  join = _bekal_live_message_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (join->type, ==, BEKAL_LIVE_MESSAGE_JOIN);
  g_assert_cmpstr (join->name, ==, "Siti Aminah");
  g_assert_cmpstr (join->room, ==, "123456");

  text = "{\"type\":\"answer\",\"question\":\"q-1\",\"response\":\"a,b\",\"extra\":1}";
  answer = _bekal_live_message_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->question, ==, "q-1");
  g_assert_cmpstr (answer->response, ==, "a,b");

  /* a NUL inside, and a 61-character name */
  g_assert_null (_bekal_live_message_parse ("{\"type\":\"ping\"}\0", 16, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  {
    g_autofree char *long_name = g_strnfill (61, 'a');
    g_autofree char *json = g_strdup_printf ("{\"type\":\"join\",\"room\":\"1\",\"name\":\"%s\"}",
                                             long_name);

    g_assert_null (_bekal_live_message_parse (json, strlen (json), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_qr (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) modules = NULL;
  guint width = 0;
  gsize size;
  const guint8 *data;
  guint dark = 0;

  modules = bekal_live_qr_encode ("http://192.168.1.10:8080/", &width, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, >=, 21);
  data = g_bytes_get_data (modules, &size);
  g_assert_cmpuint (size, ==, width * width);
  for (gsize i = 0; i < size; i++)
    {
      g_assert_cmpuint (data[i], <=, 1);
      dark += data[i];
    }
  /* the three finder patterns' corners are dark */
  g_assert_cmpuint (data[0], ==, 1);
  g_assert_cmpuint (data[width - 1], ==, 1);
  g_assert_cmpuint (data[(width - 1) * width], ==, 1);
  g_assert_cmpuint (dark, >, size / 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_WIDE(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (1), fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/live/parse", test_parse);
  g_test_add_func ("/live/qr", test_qr);
  ADD ("/live/join", test_join);
  ADD ("/live/wrong-code", test_wrong_code);
  ADD ("/live/room-code", test_room_code);
  ADD ("/live/answer", test_answer);
  ADD ("/live/duplicate-answer", test_duplicate_answer);
  ADD ("/live/closed-question", test_closed_question);
  ADD ("/live/invalid-answer", test_invalid_answer);
  ADD ("/live/not-joined", test_not_joined);
  ADD ("/live/rejoin", test_rejoin);
  ADD ("/live/late-join", test_late_join);
  ADD ("/live/participant-question", test_participant_question);
  ADD ("/live/oversized", test_oversized);
  ADD ("/live/malformed", test_malformed);
  ADD ("/live/origin", test_origin);
  ADD ("/live/connections-per-address", test_connections_per_address);
  ADD_WIDE ("/live/room-full", test_room_full);
  ADD ("/live/http", test_http);
  ADD ("/live/stop", test_stop);

  return g_test_run ();
}
