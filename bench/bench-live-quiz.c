/* bench-live-quiz.c: a room of 150 phones answering 20 questions, over loopback
 *
 * 150 WebSocket clients (libsoup, in this process's main thread) join Bekal's live-session
 * server and answer each question the moment it arrives; the time from sending an answer to
 * its acknowledgement is measured. The same clients then run the same load against a bare
 * libsoup WebSocket server that only acknowledges (the floor). Each server runs in a thread of
 * its own, so that its CPU time can be read, and a 5 ms timer on its main context measures
 * how long that context ever went without running (in the app the server shares the window's
 * main context, so this is the stall it would add to the window).
 *
 * Prints `lost: N`, `p99: X ms` (Bekal, then the floor) and `ratio p99 Bekal / floor: R`.
 * Targets: p99 at most 1.5 × the floor and under 50 ms, nothing lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-live-server.h>
#include <bekal/bekal-loader.h>

#include "bench-util.h"

#define N_CLIENTS   150
#define N_QUESTIONS 20

typedef enum
{
  SERVER_BEKAL,
  SERVER_FLOOR,
} ServerKind;

typedef struct
{
  ServerKind       kind;
  GMainContext    *context;
  GMainLoop       *loop;
  GThread         *thread;
  guint            port;
  GMutex           lock;
  GCond            ready;
  gboolean         started;
  double           cpu_ms;
  double           longest_stall_ms;
  gint64           last_tick;
  /* Bekal */
  BekalLiveServer *live;
  GPtrArray       *questions;   /* of BekalQuestion */
  /* floor */
  SoupServer      *soup;
  GPtrArray       *sockets;     /* of SoupWebsocketConnection */
} Server;

typedef struct _Run Run;

typedef struct
{
  Run                     *run;
  SoupSession             *session;
  SoupWebsocketConnection *socket;
  char                    *name;
  gboolean                 joined;
  char                    *asked;     /* the question answered last */
  gint64                   sent_at;
  guint                    acks;
} Client;

struct _Run
{
  Server    *server;
  GPtrArray *clients;
  GArray    *latencies;  /* ms */
  guint      acks;
  guint      joined;
  guint      connected;
};

static const char *floor_question =
  "{\"type\":\"question\",\"id\":\"q\",\"kind\":\"single\",\"prompt\":\"?\",\"answered\":false,"
  "\"open\":true,\"options\":[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\",\"text\":\"B\"}]}";

/* Server threads */

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static gboolean
on_tick (gpointer data)
{
  Server *server = data;
  gint64 now = g_get_monotonic_time ();

  if (server->last_tick != 0)
    server->longest_stall_ms = MAX (server->longest_stall_ms,
                                    (now - server->last_tick) / 1000.0 - 5.0);
  server->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_floor_message (SoupWebsocketConnection *socket,
                  int                      type,
                  GBytes                  *bytes,
                  gpointer                 user_data)
{
  soup_websocket_connection_send_text (socket, "{\"type\":\"ack\",\"question\":\"q\"}");
}

static void
on_floor_socket (SoupServer              *soup,
                 SoupServerMessage       *msg,
                 const char              *path,
                 SoupWebsocketConnection *socket,
                 gpointer                 user_data)
{
  Server *server = user_data;

  g_ptr_array_add (server->sockets, g_object_ref (socket));
  g_signal_connect (socket, "message", G_CALLBACK (on_floor_message), server);
  soup_websocket_connection_send_text (socket, "{\"type\":\"joined\",\"token\":\"x\","
                                               "\"name\":\"x\"}");
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  double cpu_start;

  g_main_context_push_thread_default (server->context);
  g_ptr_array_add (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  if (server->kind == SERVER_BEKAL)
    {
      const BekalLiveLimits limits = { N_CLIENTS + 10, N_CLIENTS + 10, 120 };

      server->live = bekal_live_server_new ();
      bekal_live_server_set_limits (server->live, &limits);
      if (!bekal_live_server_start (server->live, addresses, 0, &error))
        g_error ("%s", error->message);
      server->port = bekal_live_server_get_port (server->live);
    }
  else
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (addresses->pdata[0], 0);
      GSList *uris;

      server->soup = soup_server_new (NULL, NULL);
      server->sockets = g_ptr_array_new_with_free_func (g_object_unref);
      soup_server_add_websocket_handler (server->soup, "/ws", NULL, NULL, on_floor_socket,
                                         server, NULL);
      if (!soup_server_listen (server->soup, address, 0, &error))
        g_error ("%s", error->message);
      uris = soup_server_get_uris (server->soup);
      server->port = (guint) g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  {
    GSource *tick = g_timeout_source_new (5);

    g_source_set_callback (tick, on_tick, server, NULL);
    g_source_attach (tick, server->context);
    g_source_unref (tick);
  }

  g_mutex_lock (&server->lock);
  server->started = TRUE;
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);

  cpu_start = thread_cpu_ms ();
  g_main_loop_run (server->loop);
  server->cpu_ms = thread_cpu_ms () - cpu_start;

  if (server->live != NULL)
    {
      bekal_live_server_stop (server->live);
      g_clear_object (&server->live);
    }
  if (server->soup != NULL)
    {
      soup_server_disconnect (server->soup);
      g_clear_object (&server->soup);
      g_clear_pointer (&server->sockets, g_ptr_array_unref);
    }
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

typedef struct
{
  Server *server;
  guint   index;
} Ask;

/* Runs in the server's thread */
static gboolean
ask_question (gpointer data)
{
  Ask *ask = data;
  Server *server = ask->server;

  if (server->kind == SERVER_BEKAL)
    bekal_live_server_open_question (server->live,
                                     g_ptr_array_index (server->questions,
                                                        ask->index % server->questions->len));
  else
    for (guint i = 0; i < server->sockets->len; i++)
      soup_websocket_connection_send_text (g_ptr_array_index (server->sockets, i),
                                           floor_question);
  g_free (ask);
  return G_SOURCE_REMOVE;
}

static gboolean
stop_server (gpointer data)
{
  Server *server = data;

  g_main_loop_quit (server->loop);
  return G_SOURCE_REMOVE;
}

/* Clients, in the main thread */

static void
on_client_message (SoupWebsocketConnection *socket,
                   int                      type,
                   GBytes                   *bytes,
                   gpointer                 user_data)
{
  Client *client = user_data;
  Run *run = client->run;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *object;
  const char *kind;

  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (object, "type", "");

  if (g_str_equal (kind, "joined") && !client->joined)
    {
      client->joined = TRUE;
      run->joined++;
    }
  else if (g_str_equal (kind, "question") && json_object_get_boolean_member (object, "open")
           && g_strcmp0 (client->asked, json_object_get_string_member (object, "id")) != 0)
    {
      JsonArray *options = json_object_get_array_member (object, "options");
      JsonObject *first = json_array_get_object_element (options, 0);
      g_autofree char *answer = NULL;

      g_free (client->asked);
      client->asked = g_strdup (json_object_get_string_member (object, "id"));
      answer = g_strdup_printf ("{\"type\":\"answer\",\"question\":\"%s\",\"response\":\"%s\"}",
                                client->asked, json_object_get_string_member (first, "id"));
      client->sent_at = g_get_monotonic_time ();
      soup_websocket_connection_send_text (socket, answer);
    }
  else if (g_str_equal (kind, "ack") && client->sent_at != 0)
    {
      double ms = (g_get_monotonic_time () - client->sent_at) / 1000.0;

      g_array_append_val (run->latencies, ms);
      client->sent_at = 0;
      run->acks++;
    }
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  client->socket = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (client->socket == NULL)
    g_error ("A client could not connect: %s", error->message);
  g_signal_connect (client->socket, "message", G_CALLBACK (on_client_message), client);
}

static void
client_free (Client *client)
{
  if (client->socket != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->socket, client);
      soup_websocket_connection_close (client->socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (client->socket);
    }
  g_object_unref (client->session);
  g_free (client->asked);
  g_free (client->name);
  g_free (client);
}

static void
wait_for (guint *counter,
          guint  target,
          double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (*counter < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
all_connected (GPtrArray *clients)
{
  for (guint i = 0; i < clients->len; i++)
    if (((Client *) g_ptr_array_index (clients, i))->socket == NULL)
      return FALSE;
  return TRUE;
}

/* Returns the answers lost */
static guint
run_load (Server *server,
          GArray *latencies,
          const char *room_code)
{
  Run run = { server, g_ptr_array_new_with_free_func ((GDestroyNotify) client_free), latencies };
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", server->port);
  gint64 deadline;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      Client *client = g_new0 (Client, 1);
      g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

      client->run = &run;
      client->session = soup_session_new ();
      client->name = g_strdup_printf ("Peserta %u", i + 1);
      soup_session_websocket_connect_async (client->session, message, NULL, NULL,
                                            G_PRIORITY_DEFAULT, NULL, on_connected, client);
      g_ptr_array_add (run.clients, client);
    }
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!all_connected (run.clients) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!all_connected (run.clients))
    g_error ("Not every client connected in 30 s");

  for (guint i = 0; i < run.clients->len; i++)
    {
      Client *client = g_ptr_array_index (run.clients, i);
      g_autofree char *join = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%s\","
                                               "\"name\":\"%s\"}", room_code, client->name);

      if (server->kind == SERVER_BEKAL)
        soup_websocket_connection_send_text (client->socket, join);
    }
  wait_for (&run.joined, N_CLIENTS, 30);
  if (run.joined < N_CLIENTS)
    g_error ("Only %u of %d clients joined", run.joined, N_CLIENTS);

  for (guint q = 0; q < N_QUESTIONS; q++)
    {
      Ask *ask = g_new0 (Ask, 1);
      guint target = (q + 1) * N_CLIENTS;

      ask->server = server;
      ask->index = q;
      /* the floor asks the same question each time: the clients answer it again */
      if (server->kind == SERVER_FLOOR)
        for (guint i = 0; i < run.clients->len; i++)
          g_clear_pointer (&((Client *) g_ptr_array_index (run.clients, i))->asked, g_free);
      g_main_context_invoke (server->context, ask_question, ask);
      wait_for (&run.acks, target, 20);
    }

  g_ptr_array_unref (run.clients);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return N_QUESTIONS * N_CLIENTS - run.acks;
}

static Server *
server_start (ServerKind  kind,
              GPtrArray  *questions)
{
  Server *server = g_new0 (Server, 1);

  server->kind = kind;
  server->questions = questions;
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->thread = g_thread_new ("bench-server", server_thread, server);
  g_mutex_lock (&server->lock);
  while (!server->started)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static void
server_stop (Server *server)
{
  g_main_context_invoke (server->context, stop_server, server);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);
}

static GPtrArray *
load_questions (void)
{
  g_autofree char *path = g_build_filename (BEKAL_SOURCE_ROOT, "modules", "orientasi-sentra",
                                            "module.id.xml", NULL);
  g_autofree char *media = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = bekal_loader_load_file (loader, path, diagnostics, &error);
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_object_unref);

  if (module == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);

      for (guint j = 0; j < bekal_quiz_get_n_questions (quiz); j++)
        {
          BekalQuestion *question = bekal_quiz_get_question (quiz, j);
          BekalQuestionType kind = bekal_question_get_kind (question);

          /* the clients answer with the first option, which fits these kinds */
          if (kind == BEKAL_QUESTION_SINGLE || kind == BEKAL_QUESTION_TRUEFALSE
              || kind == BEKAL_QUESTION_MULTIPLE)
            g_ptr_array_add (questions, g_object_ref (question));
        }
    }
  if (questions->len < N_QUESTIONS)
    g_error ("The module has %u questions; the benchmark asks %d", questions->len,
             N_QUESTIONS);
  return questions;
}

static void
report (const char *label,
        GArray     *latencies,
        guint       lost,
        Server     *server)
{
  g_print ("%s: %u answers\n", label, latencies->len);
  g_print ("  lost: %u\n", lost);
  g_print ("  p50: %.2f ms\n", bench_percentile (latencies, 0.50));
  g_print ("  p99: %.2f ms\n", bench_percentile (latencies, 0.99));
  g_print ("  server CPU time: %.0f ms\n", server->cpu_ms);
  g_print ("  longest stall of the server's main context: %.1f ms\n",
           server->longest_stall_ms);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) questions = load_questions ();
  g_autoptr(GArray) bekal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_latencies = g_array_new (FALSE, FALSE, sizeof (double));
  Server *live;
  Server *floor_server;
  guint bekal_lost, floor_lost;
  double ratio;
  gboolean met;

  g_print ("%d participants over loopback answer %d questions each\n", N_CLIENTS, N_QUESTIONS);

  live = server_start (SERVER_BEKAL, questions);
  bekal_lost = run_load (live, bekal, bekal_live_server_get_room_code (live->live));
  server_stop (live);

  floor_server = server_start (SERVER_FLOOR, NULL);
  floor_lost = run_load (floor_server, floor_latencies, "0");
  server_stop (floor_server);

  report ("Bekal's live-session server", bekal, bekal_lost, live);
  report ("Floor: a bare libsoup WebSocket server that only acknowledges", floor_latencies,
          floor_lost, floor_server);

  ratio = bench_percentile (bekal, 0.99) / MAX (bench_percentile (floor_latencies, 0.99), 0.001);
  g_print ("ratio p99 Bekal / floor: %.2f (target at most 1.5)\n", ratio);
  met = bekal_lost == 0 && ratio <= 1.5 && bench_percentile (bekal, 0.99) < 50;
  g_print ("targets (0 lost, ratio at most 1.5, p99 under 50 ms): %s\n", met ? "met" : "NOT met");

  g_free (live);
  g_free (floor_server);
  return 0;
}
