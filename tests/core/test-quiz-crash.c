/* test-quiz-crash.c: answers survive a learner's process killed at any moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include <bekal/bekal-loader.h>
#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"
#include "test-util.h"

#define N_KILLS        200
#define MAX_KILL_DELAY 60000 /* microseconds: a few answers, each with its fsync, on a busy disk */
#define N_QUESTIONS    24
#define N_DRAWN        16

typedef struct
{
  char        *dir;
  BekalModule *module;
  BekalQuiz   *quiz;
  gint64       profile_id;
  GHashTable  *reported;          /* "ATTEMPT/QUESTION" -> response, as the child reported */
  GHashTable  *reported_finished; /* attempt id (as text) */
  guint        n_reported;
} Crash;

static BekalModule *
write_module (const char *dir)
{
  g_autofree char *folder = g_build_filename (dir, "uji-crash", NULL);
  g_autofree char *path = g_build_filename (folder, "module.id.xml", NULL);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalModule *module;

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<module xmlns=\"urn:bekal:module:1\" id=\"uji-crash\" version=\"1\""
                          " xml:lang=\"id\"><title>T</title><summary>S</summary>"
                          "<meta><author>A</author></meta>"
                          "<topics><topic id=\"t\">T</topic></topics>"
                          "<quiz id=\"pre\" role=\"pretest\" draw=\"%d\" shuffle=\"true\">\n",
                          N_DRAWN);
  for (guint i = 0; i < N_QUESTIONS; i++)
    g_string_append_printf (xml,
                            "<question id=\"q%u\" topic=\"t\" type=\"multiple\"><prompt>P</prompt>"
                            "<option id=\"a\" correct=\"true\">A</option>"
                            "<option id=\"b\">B</option><option id=\"c\" correct=\"true\">C"
                            "</option><explanation>E</explanation></question>\n", i);
  g_string_append (xml, "</quiz><lesson id=\"l\"><title>L</title><p>P</p></lesson></module>\n");

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  g_assert_no_error (error);

  return module;
}

/* The learner: answers question after question, attempt after attempt, until killed. Each
 * line goes to the parent only after the store said the answer is committed. */
G_GNUC_NORETURN static void
run_child (Crash *crash,
           int    fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = bekal_store_open (crash->dir, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (3);
    }
  /* ready: the kill's random delay starts now, so that it falls while answering however long
   * opening the store took on a busy machine */
  if (write (fd, "R\n", 2) != 2)
    _exit (6);

  for (;;)
    {
      g_autoptr(BekalQuizSession) session = NULL;
      guint n;

      session = bekal_quiz_session_start (store, crash->profile_id, crash->module, crash->quiz,
                                          &error);
      if (session == NULL)
        {
          g_printerr ("child: %s\n", error->message);
          _exit (4);
        }

      n = bekal_quiz_session_get_n_questions (session);
      for (guint i = bekal_quiz_session_get_current_index (session); i < n; i++)
        {
          /* the answer varies with the attempt, so a lost or stale answer shows */
          const char *response = (bekal_quiz_session_get_attempt_id (session) + i) % 3 == 0
                                 ? "a,c" : (i % 2 ? "b" : "c");
          g_autofree char *line = NULL;

          if (!bekal_quiz_session_answer (session, i, response, &error))
            {
              g_printerr ("child: %s\n", error->message);
              _exit (5);
            }

          line = g_strdup_printf ("A %" G_GINT64_FORMAT " %s %s\n",
                                  bekal_quiz_session_get_attempt_id (session),
                                  bekal_quiz_session_get_question_id (session, i), response);
          if (write (fd, line, strlen (line)) < 0)
            _exit (6);
        }

      if (!bekal_quiz_session_finish (session, &error))
        {
          g_printerr ("child: %s\n", error->message);
          _exit (7);
        }
      {
        g_autofree char *line = g_strdup_printf ("F %" G_GINT64_FORMAT "\n",
                                                 bekal_quiz_session_get_attempt_id (session));
        if (write (fd, line, strlen (line)) < 0)
          _exit (6);
      }
    }
}

static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;

  for (;;)
    {
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }

  return g_string_free (text, FALSE);
}

/* Complete lines only: the child may be killed in the middle of a write */
static void
collect_reports (Crash      *crash,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines);

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_str_equal (fields[0], "A"))
        {
          g_assert_cmpuint (g_strv_length (fields), ==, 4);
          g_hash_table_insert (crash->reported, g_strdup_printf ("%s/%s", fields[1], fields[2]),
                               g_strdup (fields[3]));
          crash->n_reported++;
        }
      else
        {
          g_assert_cmpstr (fields[0], ==, "F");
          g_hash_table_add (crash->reported_finished, g_strdup (fields[1]));
        }
    }
}

static void
check_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
check_store (Crash *crash)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = bekal_store_open (crash->dir, &error);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) finished = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BekalQuizAttempt) unfinished = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  db = bekal_store_get_connection_for_testing (store);
  check_integrity (db);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT attempt_id, question_id, response"
                                       " FROM quiz_answers", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (stored,
                         g_strdup_printf ("%s/%s", sqlite3_column_text (stmt, 0),
                                          sqlite3_column_text (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM quiz_attempts"
                                       " WHERE finished_at IS NOT NULL", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (finished, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  /* No committed answer is missing or changed */
  g_hash_table_iter_init (&iter, crash->reported);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *in_store = g_hash_table_lookup (stored, key);

      if (g_strcmp0 (in_store, value) != 0)
        g_error ("answer %s reported as %s is %s in the store", (char *) key, (char *) value,
                 in_store != NULL ? in_store : "missing");
    }

  g_hash_table_iter_init (&iter, crash->reported_finished);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (finished, key));

  /* The attempt resumes where it stopped: same draw, every stored answer before the
   * current question, none after it */
  unfinished = bekal_store_find_unfinished_attempt (store, crash->profile_id, "uji-crash", "pre",
                                                    &error);
  g_assert_no_error (error);
  if (unfinished != NULL)
    {
      g_autoptr(BekalQuizSession) session = NULL;
      g_auto(GStrv) replayed = bekal_quiz_draw_questions (crash->quiz, (guint32) unfinished->seed);
      guint current;

      g_assert_cmpstrv (replayed, unfinished->question_order);

      session = bekal_quiz_session_start (store, crash->profile_id, crash->module, crash->quiz,
                                          &error);
      g_assert_no_error (error);
      g_assert_cmpint (bekal_quiz_session_get_attempt_id (session), ==, unfinished->id);
      current = bekal_quiz_session_get_current_index (session);

      for (guint i = 0; i < bekal_quiz_session_get_n_questions (session); i++)
        {
          g_autofree char *answer_key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s",
                                                         unfinished->id,
                                                         unfinished->question_order[i]);
          gboolean has_answer = g_hash_table_contains (stored, answer_key);

          g_assert_cmpstr (bekal_quiz_session_get_question_id (session, i), ==,
                           unfinished->question_order[i]);
          g_assert_true (has_answer == (i < current));
          if (has_answer)
            g_assert_cmpstr (bekal_quiz_session_get_response (session, i), ==,
                             g_hash_table_lookup (stored, answer_key));
        }
    }
}

static void
test_kill_while_answering (void)
{
  Crash crash = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_unfinished_kills = 0;

  crash.dir = test_make_tmp_dir ();
  crash.module = write_module (crash.dir);
  crash.quiz = bekal_module_find_quiz (crash.module, "pre");
  crash.reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  crash.reported_finished = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  {
    g_autoptr(BekalStore) store = bekal_store_open (crash.dir, &error);

    g_assert_no_error (error);
    crash.profile_id = bekal_store_create_profile (store, "Eka", "", "", 0, FALSE, &error);
    g_assert_no_error (error);
  }

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autofree char *text = NULL;
      int fds[2];
      int status = 0;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_child (&crash, fds[1]);
        }

      close (fds[1]);
      {
        char ready[2];

        /* the child's "R\n", or nothing when it failed before (its status says why) */
        while (read (fds[0], ready, 2) < 0 && errno == EINTR)
          ;
      }
      g_usleep (g_test_rand_int_range (0, MAX_KILL_DELAY + 1));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      text = read_all (fds[0]);
      close (fds[0]);

      /* the child must have died from the kill, not from a failure of its own */
      if (!WIFSIGNALED (status))
        g_error ("child ended by itself with status %d", WEXITSTATUS (status));

      collect_reports (&crash, text);
      check_store (&crash);
      n_unfinished_kills++;
    }

  g_test_message ("%u kills, %u answers reported, %u attempts finished", n_unfinished_kills,
                  crash.n_reported, g_hash_table_size (crash.reported_finished));
  /* the kills must have hit children that were answering */
  g_assert_cmpuint (crash.n_reported, >, N_KILLS);

  g_hash_table_unref (crash.reported);
  g_hash_table_unref (crash.reported_finished);
  g_object_unref (crash.module);
  test_remove_tree (crash.dir);
  g_free (crash.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quiz-crash/kill-while-answering", test_kill_while_answering);

  return g_test_run ();
}
