/* live-phone-driver.c: a live-session server for the phone-page browser test
 *
 * Starts Bekal's server on 127.0.0.1 with the example module's questions, prints `url URL` and
 * `code CODE`, then follows commands read from standard input, one a line:
 *   open KIND   open the example module's first question of KIND (single, multiple, …)
 *   reveal      reveal the open question
 *   quit
 * and prints `joined N NAME` and `answer N QUESTION RESPONSE` as phones join and answer, and
 * `ok` after each command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-live-server.h>
#include <bekal/bekal-loader.h>

static BekalModule *module;
static BekalLiveServer *server;
static GMainLoop *loop;

static BekalQuestion *
find_question (const char *kind)
{
  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);

      for (guint j = 0; j < bekal_quiz_get_n_questions (quiz); j++)
        {
          BekalQuestion *question = bekal_quiz_get_question (quiz, j);

          if (g_str_equal (bekal_question_type_to_string (bekal_question_get_kind (question)),
                           kind))
            return question;
        }
    }
  return NULL;
}

static void
on_joined (BekalLiveServer *self,
           guint            participant,
           const char      *name,
           gpointer         data)
{
  g_print ("joined %u %s\n", participant, name);
}

static void
on_answer (BekalLiveServer *self,
           guint            participant,
           const char      *question_id,
           const char      *response,
           gpointer         data)
{
  g_print ("answer %u %s %s\n", participant, question_id, response);
}

static gboolean
on_command (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      data)
{
  g_autofree char *line = NULL;
  GIOStatus status = g_io_channel_read_line (channel, &line, NULL, NULL, NULL);

  if (status != G_IO_STATUS_NORMAL)
    {
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }
  g_strstrip (line);
  if (g_str_has_prefix (line, "open "))
    {
      BekalQuestion *question = find_question (line + 5);

      if (question == NULL)
        {
          g_print ("error no question of kind %s\n", line + 5);
          return G_SOURCE_CONTINUE;
        }
      bekal_live_server_open_question (server, question);
      g_print ("opened %s\n", bekal_question_get_id (question));
    }
  else if (g_str_equal (line, "reveal"))
    bekal_live_server_reveal (server);
  else if (g_str_equal (line, "quit"))
    {
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }
  g_print ("ok\n");
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = g_build_filename (BEKAL_SOURCE_ROOT, "examples", "contoh-semua-elemen",
                                            "module.id.xml", NULL);
  g_autofree char *media = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  const char *media_dirs[] = { media, NULL };
  const char *roster[] = { "Sari Wulandari", "Budi Santoso", NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_auto(GStrv) urls = NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  if (module == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  server = bekal_live_server_new ();
  bekal_live_server_set_roster (server, roster);
  g_signal_connect (server, "participant-joined", G_CALLBACK (on_joined), NULL);
  g_signal_connect (server, "answer-received", G_CALLBACK (on_answer), NULL);
  g_ptr_array_add (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  if (!bekal_live_server_start (server, addresses, 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  urls = bekal_live_server_dup_urls (server);
  g_print ("url %s\n", urls[0]);
  g_print ("code %s\n", bekal_live_server_get_room_code (server));

  loop = g_main_loop_new (NULL, FALSE);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP, on_command, NULL);
  g_main_loop_run (loop);

  bekal_live_server_stop (server);
  g_clear_object (&server);
  g_clear_object (&module);
  g_main_loop_unref (loop);
  return 0;
}
