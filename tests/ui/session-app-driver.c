/* session-app-driver.c: the real application leading a group session, for the end-to-end test
 * in which browser phones join it (tests/live/session-e2e.js)
 *
 * Starts Bekal under the virtual display with a fresh data folder and one bundled module,
 * sets a trainer passphrase, opens the group session from the main menu through the trainer
 * gate with two participants on the roster, and prints `url URL` and `code CODE` (the server
 * listens on 127.0.0.1 only). Then it follows commands read from standard input, one a line,
 * each answered by the lines below and `ok`:
 *   joined N      waits until N phones joined
 *   pretest       starts the room's pre-test: `screen pre K OF`
 *   checkpoint    moves to the first video checkpoint and sends it to the phones:
 *                 `screen checkpoint K OF`
 *   posttest      starts the room's post-test: `screen post K OF`
 *   next          waits until every joined phone answered, then moves on: `screen KIND K OF`,
 *                 or `screen other` when the test is over
 *   shot NAME     screenshots of the projector (1024×768) and the control window (1366×768)
 *   end           ends the session and prints what the store and the gap report count:
 *                 `session ended N attempts`, `gap untrained pre N post N`
 *   quit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-store-sessions.h>
#include <bekal/bekal-store-trainer.h>

#include "bekal-application.h"
#include "bekal-control-window.h"
#include "bekal-presenter-window.h"
#include "bekal-session-dialog.h"
#include "bekal-session-room.h"
#include "bekal-window.h"
#include "test-ui-util.h"
#include "test-util.h"
#include "ui-session-util.h"

#define TRAINER_PASSPHRASE "pelatih-sentra-2024"
#define MODULE_ID "memahami-ekstremisme"

static BekalApplication *app;
static BekalWindow *window;
static BekalSessionRoom *room;
static GIOChannel *input;
static char *screenshot_dir;
static const char *language;

/* Helpers */

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static BekalSession *
session (void)
{
  return bekal_session_room_get_session (room);
}

static const BekalScreen *
current_screen (void)
{
  return bekal_session_get_screen (session (), bekal_session_get_current (session ()));
}

static void
say_screen (void)
{
  const BekalScreen *screen = current_screen ();
  BekalQuizRole role;

  if (screen->kind != BEKAL_SCREEN_QUESTION)
    {
      say ("screen other");
      return;
    }
  role = bekal_quiz_get_role (screen->quiz);
  say ("screen %s %u %u",
       screen->checkpoint ? "checkpoint"
       : role == BEKAL_QUIZ_PRETEST ? "pre"
       : role == BEKAL_QUIZ_POSTTEST ? "post" : "practice",
       screen->number, screen->of);
}

static gboolean
has_joined (gpointer data)
{
  return bekal_session_count_joined (session ()) >= GPOINTER_TO_UINT (data);
}

static gboolean
all_answered (gpointer data)
{
  return bekal_session_count_answered (session ()) >= bekal_session_count_joined (session ());
}

static gboolean
nothing_pending (gpointer data)
{
  return bekal_session_room_get_pending (room) == 0;
}

static void
act (const char *action)
{
  BekalControlWindow *control = bekal_session_room_get_control (room);

  if (!gtk_widget_activate_action (GTK_WIDGET (control), action, NULL))
    {
      g_printerr ("session-app-driver: %s could not be done here\n", action);
      exit (1);
    }
}

static void
screenshots (const char *name)
{
  GtkWindow *presenter = GTK_WINDOW (bekal_session_room_get_presenter (room));
  GtkWindow *control = GTK_WINDOW (bekal_session_room_get_control (room));
  g_autofree char *projector = g_strdup_printf ("e2e-%s-projector-1024x768-%s.png", name,
                                                language);
  g_autofree char *laptop = g_strdup_printf ("e2e-%s-control-1366x768-%s.png", name, language);

  ui_settle (300);
  ui_session_screenshot_alone (presenter, control, screenshot_dir, projector);
  ui_session_screenshot_alone (control, presenter, screenshot_dir, laptop);
}

/* The session ended: what the store keeps of it and what the gap report counts */
static void
report (void)
{
  BekalStore *store = bekal_application_get_store (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = bekal_store_list_group_sessions (store, MODULE_ID, &error);
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) gap = NULL;

  if (sessions == NULL || sessions->len != 1)
    {
      g_printerr ("session-app-driver: %u sessions stored: %s\n",
                  sessions != NULL ? sessions->len : 0, error != NULL ? error->message : "");
      exit (1);
    }
  attempts = bekal_store_list_group_attempts (store,
                                              ((BekalGroupSession *) sessions->pdata[0])->id,
                                              &error);
  say ("session %s %u attempts",
       ((BekalGroupSession *) sessions->pdata[0])->state == BEKAL_GROUP_SESSION_ENDED
       ? "ended" : "open",
       attempts != NULL ? attempts->len : 0);

  gap = bekal_report_gap (store, &error);
  for (guint i = 0; gap != NULL && i < gap->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (gap, i);

      if (row->topic_id[0] == '\0' && row->month[0] == '\0'
          && g_strcmp0 (row->module_id, MODULE_ID) == 0)
        say ("gap untrained pre %u post %u", row->untrained.pre_n, row->untrained.post_n);
    }
}

static void
run_command (const char *line)
{
  if (g_str_has_prefix (line, "joined "))
    {
      guint n = (guint) g_ascii_strtoull (line + 7, NULL, 10);

      ui_wait_until (has_joined, GUINT_TO_POINTER (n), "the phones to join");
    }
  else if (g_str_equal (line, "pretest"))
    {
      act ("session.start-pre-test");
      say_screen ();
    }
  else if (g_str_equal (line, "posttest"))
    {
      act ("session.start-post-test");
      say_screen ();
    }
  else if (g_str_equal (line, "checkpoint"))
    {
      while (!current_screen ()->checkpoint)
        if (!bekal_session_next (session ()))
          {
            g_printerr ("session-app-driver: the module has no video checkpoint\n");
            exit (1);
          }
      act ("session.send");
      say_screen ();
    }
  else if (g_str_equal (line, "next"))
    {
      ui_wait_until (all_answered, NULL, "every phone to answer");
      ui_session_press_key (GTK_WIDGET (bekal_session_room_get_control (room)),
                            GDK_KEY_Page_Down);
      say_screen ();
    }
  else if (g_str_has_prefix (line, "shot "))
    screenshots (line + 5);
  else if (g_str_equal (line, "end"))
    {
      g_object_ref (room);
      act ("session.end");
      ui_wait_until (ui_session_toplevel_is_gone, GSIZE_TO_POINTER (BEKAL_TYPE_CONTROL_WINDOW),
                     "the control window to close");
      ui_wait_until (nothing_pending, NULL, "the answers to be saved");
      g_object_unref (room);
      room = NULL;
      report ();
    }
  else if (g_str_equal (line, "quit"))
    {
      g_application_quit (G_APPLICATION (app));
      return;
    }
  else
    {
      g_printerr ("session-app-driver: unknown command “%s”\n", line);
      exit (1);
    }
  say ("ok");
}

/* Callbacks */

static gboolean
on_command (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      data)
{
  g_autofree char *line = NULL;

  if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
    {
      g_application_quit (G_APPLICATION (app));
      return G_SOURCE_REMOVE;
    }
  g_strstrip (line);
  run_command (line);
  return G_SOURCE_CONTINUE;
}

static gboolean
start_session (gpointer data)
{
  BekalStore *store = bekal_application_get_store (app);
  g_autoptr(GError) error = NULL;
  BekalSessionDialog *dialog;
  BekalControlWindow *control;

  window = BEKAL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  if (!bekal_store_set_trainer_passphrase (store, TRAINER_PASSPHRASE, &error))
    {
      g_printerr ("session-app-driver: %s\n", error->message);
      exit (1);
    }
  ui_session_open_as_trainer (window, TRAINER_PASSPHRASE);
  dialog = BEKAL_SESSION_DIALOG (ui_session_wait_for_toplevel (BEKAL_TYPE_SESSION_DIALOG,
                                                               "the session dialog"));
  bekal_session_dialog_add_participant (dialog, "Sari Wulandari", "Sentra Handayani", "Peksos",
                                        FALSE);
  bekal_session_dialog_add_participant (dialog, "Budi Santoso", "Sentra Handayani", "Peksos",
                                        FALSE);
  gtk_widget_activate (ui_require_id (GTK_WIDGET (dialog), "start_button"));

  control = BEKAL_CONTROL_WINDOW (ui_session_wait_for_toplevel (BEKAL_TYPE_CONTROL_WINDOW,
                                                                "the control window"));
  room = bekal_session_room_from_window (GTK_WINDOW (control));
  if (room == NULL || bekal_session_room_get_server (room) == NULL)
    {
      g_printerr ("session-app-driver: the session's server did not start\n");
      exit (1);
    }
  ui_session_wait_for_toplevel (BEKAL_TYPE_PRESENTER_WINDOW, "the presenter window");
  screenshots ("join");

  say ("url %s", bekal_session_get_address (session ()));
  say ("code %s", bekal_session_get_room_code (session ()));

  input = g_io_channel_unix_new (STDIN_FILENO);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, on_command, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *application,
             gpointer      data)
{
  static gboolean started;

  if (!started)
    {
      started = TRUE;
      g_idle_add (start_session, NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_root = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *modules_dir = NULL;
  g_autofree char *module_link = NULL;
  g_autofree char *module_source = test_source_path ("modules/" MODULE_ID);
  g_autofree char *media = test_source_path ("media");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) loopback = g_ptr_array_new_with_free_func (g_object_unref);
  const char *dir = g_getenv ("BEKAL_SCREENSHOT_DIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_file_test (BEKAL_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR)
                                   ? BEKAL_BUILD_LOCALEDIR : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  language = g_strcmp0 (g_getenv ("LANGUAGE"), "en") == 0 ? "en" : "id";

  /* a fresh data folder, and the library holding one bundled module */
  data_root = g_dir_make_tmp ("bekal-e2e-XXXXXX", NULL);
  data_dir = g_build_filename (data_root, "data", NULL);
  modules_dir = g_build_filename (data_root, "modules", NULL);
  module_link = g_build_filename (modules_dir, MODULE_ID, NULL);
  g_assert_cmpint (g_mkdir_with_parents (modules_dir, 0700), ==, 0);
  g_assert_cmpint (symlink (module_source, module_link), ==, 0);
  g_setenv ("BEKAL_MEDIA_PATH", media, TRUE);
  screenshot_dir = g_strdup (dir != NULL ? dir : g_get_tmp_dir ());
  {
    g_autofree char *xdg_data = g_build_filename (data_root, "xdg-data", NULL);

    g_setenv ("XDG_DATA_HOME", xdg_data, TRUE);
  }

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", 1366);
  g_settings_set_int (settings, "window-height", 768);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  /* network traffic in tests stays on loopback */
  g_ptr_array_add (loopback, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  bekal_session_room_set_default_addresses (loopback);

  app = bekal_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  {
    const char *app_argv[] = { "bekal", "--data-dir", data_dir, "--modules-dir", modules_dir,
                               NULL };

    status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1,
                                (char **) app_argv);
  }

  bekal_session_room_set_default_addresses (NULL);
  g_clear_pointer (&input, g_io_channel_unref);
  g_clear_object (&app);
  test_remove_tree (data_root);
  g_free (screenshot_dir);
  return status;
}
