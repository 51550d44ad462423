/* bench-ui-stalls.c: how long the main loop of the real window stops while a learner works
 *
 * Drives the application in this process through a scripted flow (open a module, read its
 * note, scroll a long lesson, play a video, take a quiz) while a second process holds a write
 * lock on the learner database for two seconds at a time, as a second Bekal or a backup tool
 * would. Meanwhile a high-priority timer measures how late the main loop comes back to it
 * (a stall: nothing can be drawn or clicked during it) and a tick callback records the interval
 * between frames. Prints the longest stall, the 99th percentile stall and frame interval, and
 * `longest stall: X ms`; exits non-zero above the target. With --reference, first runs that
 * program (meson gives `minimal-adw --switch-pages`: a libadwaita window crossfading from eight
 * cards to a status page, none of Bekal's code) on the same display and prints its longest
 * stall and the ratio: what the display itself costs a page switch.
 *
 *   bench-ui-stalls [--modules-dir DIR] [--module ID] [--lesson ID] [--trace] [--no-lock]
 *                   [--reference PROGRAM]
 *   bench-ui-stalls --hold-lock DB SECONDS    (the second process; started by the first)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "bekal-application.h"
#include "bekal-lesson-view.h"
#include "bekal-library-page.h"
#include "bekal-media-block.h"
#include "bekal-module-card.h"
#include "bekal-module-page.h"
#include "bekal-quiz-page.h"
#include "bekal-video-block.h"
#include "bekal-window.h"
#include "test-ui-util.h"

/* A stall longer than this is one a learner notices as a frozen window */
#define TARGET_STALL_MS   50.0
/* The probe's period: a stall is how much later than this the main loop comes back */
#define PROBE_INTERVAL_MS 2
/* How long the other process keeps its write lock each time, and lets go in between */
#define LOCK_HOLD_MS      2000
#define LOCK_GAP_MS       300

typedef struct
{
  GArray  *stalls;          /* double, ms: lateness of each probe */
  GArray  *frames;          /* double, ms: interval between two frames */
  gint64   last_probe_us;
  gint64   last_frame_us;
  guint    probe_id;
  guint    tick_id;
  gboolean measuring;
} Monitor;

static char *modules_dir = NULL;
static char *module_id = NULL;
static char *lesson_id = NULL;
static char *hold_lock_db = NULL;
static int hold_lock_seconds = 0;

/* What the flow is doing, named next to each long stall when --trace is given */
static const char *phase = "start";
static gboolean trace = FALSE;
/* The same flow with no second process: the floor that the machine itself (other processes on
 * its cores, its disk) sets, to tell the store's stalls from the rest */
static gboolean no_lock = FALSE;
static char *reference = NULL;

static const GOptionEntry entries[] = {
  { "modules-dir", 0, 0, G_OPTION_ARG_FILENAME, &modules_dir,
    "Folder of modules besides the bundled ones (default: the source tree's examples/)",
    "DIR" },
  { "module", 0, 0, G_OPTION_ARG_STRING, &module_id,
    "Module to open (default: the example module)", "ID" },
  { "lesson", 0, 0, G_OPTION_ARG_STRING, &lesson_id,
    "Its first lesson, which must have a video (default: mengenal-5r)", "ID" },
  { "trace", 0, 0, G_OPTION_ARG_NONE, &trace,
    "Name what the flow was doing at each stall over half the target", NULL },
  { "no-lock", 0, 0, G_OPTION_ARG_NONE, &no_lock,
    "Run the flow without the second process, for the machine's own floor", NULL },
  { "reference", 0, 0, G_OPTION_ARG_FILENAME, &reference,
    "minimal-adw, run with --switch-pages first as the display's yardstick", "PROGRAM" },
  { "hold-lock", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &hold_lock_db, NULL, NULL },
  { "seconds", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &hold_lock_seconds, NULL, NULL },
  { NULL }
};

static Monitor monitor;

static BekalApplication *app;
static gboolean flow_done;

/* The second process: takes the write lock, keeps it, lets go, until its time is up or its
 * parent is gone */
static int
hold_lock (const char *path,
           int         seconds)
{
  sqlite3 *db = NULL;
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  pid_t parent = getppid ();
  guint n_holds = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-ui-stalls: cannot open %s: %s\n", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return 1;
    }
  sqlite3_busy_timeout (db, 5000);

  while (g_get_monotonic_time () < end && getppid () == parent)
    {
      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
        {
          n_holds++;
          g_usleep (LOCK_HOLD_MS * 1000);
          sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
        }
      g_usleep (LOCK_GAP_MS * 1000);
    }

  sqlite3_close (db);
  g_print ("lock holder: held the write lock %u times\n", n_holds);
  return 0;
}

/* The longest stall of the reference program, or -1 when it failed */
static double
run_reference (const char *program)
{
  const char *argv[] = { program, "--switch-pages", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *line;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output,
                     NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-ui-stalls: the reference %s failed: %s\n", program, error->message);
      return -1;
    }

  line = strstr (output, "longest-stall-ms: ");
  if (line == NULL)
    {
      g_printerr ("bench-ui-stalls: the reference %s printed no stall\n", program);
      return -1;
    }

  return g_ascii_strtod (line + strlen ("longest-stall-ms: "), NULL);
}

/* Monitoring */

static gboolean
on_probe (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (monitor.measuring && monitor.last_probe_us != 0)
    {
      double late = (now - monitor.last_probe_us) / 1000.0 - PROBE_INTERVAL_MS;

      if (late < 0)
        late = 0;
      g_array_append_val (monitor.stalls, late);
      if (trace && late > TARGET_STALL_MS / 2)
        g_printerr ("stall of %.1f ms while: %s (at %.3f s)\n", late, phase, now / 1e6);
    }
  monitor.last_probe_us = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (monitor.measuring && monitor.last_frame_us != 0)
    {
      double interval = (now - monitor.last_frame_us) / 1000.0;

      g_array_append_val (monitor.frames, interval);
    }
  monitor.last_frame_us = now;

  return G_SOURCE_CONTINUE;
}

/* Steps of the flow */

static gboolean
page_is (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return g_strcmp0 (bekal_window_get_page_name (BEKAL_WINDOW (window)), data) == 0;
}

static gboolean
step_is (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  BekalModulePage *page = bekal_window_get_module_page (BEKAL_WINDOW (window));

  return g_strcmp0 (bekal_module_page_get_step (page), data) == 0;
}

static gboolean
lesson_is_settled (gpointer data)
{
  BekalLessonView *view = data;

  return bekal_lesson_view_get_lesson (view) != NULL && !bekal_lesson_view_is_restoring (view);
}

static gboolean
player_is_playing (gpointer data)
{
  return bekal_player_get_state (data) == BEKAL_PLAYER_STATE_PLAYING;
}

static gboolean
quiz_step_is_results (gpointer data)
{
  return g_strcmp0 (bekal_quiz_page_get_step (data), "results") == 0;
}

static GtkWidget *
find_module_card (BekalWindow *window,
                  const char  *id)
{
  GtkWidget *box = ui_require_id (GTK_WIDGET (bekal_window_get_library_page (window)),
                                  "card_box");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      BekalCatalogEntry *entry = bekal_module_card_get_entry (BEKAL_MODULE_CARD (card));

      if (g_str_equal (bekal_catalog_entry_get_id (entry), id))
        return child;
    }

  return NULL;
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          break;
        }
    }

  return handled;
}

/* As a learner would: the first option (key 1), or the first choice in each drop-down of a
 * match question, then Enter */
static gboolean
quiz_has_session (gpointer data)
{
  return bekal_quiz_page_get_session (data) != NULL;
}

static void
answer_quiz (BekalQuizPage *page)
{
  BekalQuizSession *session;
  guint n;

  /* the attempt starts once the other process lets go of the database */
  ui_wait_until (quiz_has_session, page, "the quiz to start");
  session = bekal_quiz_page_get_session (page);
  n = bekal_quiz_session_get_n_questions (session);

  for (guint i = 0; i < n && !quiz_step_is_results (page); i++)
    {
      guint index = bekal_quiz_page_get_index (page);
      BekalQuestion *question = bekal_quiz_session_get_question (session, index);

      switch (bekal_question_get_kind (question))
        {
        case BEKAL_QUESTION_MATCH:
          ui_choose_matches (GTK_WIDGET (page),
                             bekal_quiz_session_get_option_order (session, index),
                             bekal_quiz_session_get_match_order (session, index), FALSE);
          break;
        case BEKAL_QUESTION_ORDER:
          break;
        default:
          press_key (GTK_WIDGET (page), GDK_KEY_1);
          break;
        }
      press_key (GTK_WIDGET (page), GDK_KEY_Return);
      ui_settle (150);
    }
  ui_wait_until (quiz_step_is_results, page, "the quiz results");
}

static void
run_flow (BekalWindow *window)
{
  BekalModulePage *module_page = bekal_window_get_module_page (window);
  BekalLessonView *view;
  GtkWidget *card;
  GtkWidget *media;
  GtkWidget *video;
  BekalPlayer *player;

  ui_wait_until (page_is, (gpointer) "library", "the library");
  card = find_module_card (window, module_id);
  if (card == NULL)
    {
      g_printerr ("bench-ui-stalls: no module “%s” in the library\n", module_id);
      exit (1);
    }

  /* open the module; its content note, then its pre-test, taken */
  phase = "opening the module";
  gtk_widget_activate (card);
  ui_wait_until (page_is, (gpointer) "module", "the module page");
  ui_wait_until (step_is, (gpointer) "note", "the content note");
  ui_settle (300);
  gtk_widget_activate_action (GTK_WIDGET (module_page), "module.note-continue", NULL);
  ui_wait_until (step_is, (gpointer) "pretest", "the pre-test offer");
  gtk_widget_activate_action (GTK_WIDGET (module_page), "module.start-pretest", NULL);
  ui_wait_until (step_is, (gpointer) "quiz", "the pre-test");
  phase = "taking the pre-test";
  answer_quiz (bekal_module_page_get_quiz_page (module_page));
  ui_settle (500);

  /* the first lesson, scrolled through page by page */
  phase = "opening and scrolling the first lesson";
  bekal_module_page_show_lesson (module_page, 0);
  ui_wait_until (step_is, (gpointer) "lesson", "the first lesson");
  view = bekal_module_page_get_lesson_view (module_page);
  ui_wait_until (lesson_is_settled, view, "the lesson laid out");
  for (int i = 0; i < 12; i++)
    {
      bekal_lesson_view_scroll_pages (view, 0.5);
      ui_settle (250);
    }

  /* its video, past the content note, played for a few seconds */
  phase = "playing the video";
  media = ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_MEDIA_BLOCK);
  if (media != NULL)
    {
      bekal_media_block_read_transcript (BEKAL_MEDIA_BLOCK (media));
      video = ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_VIDEO_BLOCK);
      g_assert_nonnull (video);
      player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (video));
      bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (video));
      ui_wait_until (player_is_playing, player, "the video playing");
      ui_settle (4000);
      bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (video));
    }
  else
    g_printerr ("bench-ui-stalls: the lesson has no video; nothing was played\n");

  /* to the end of the lesson, and on to the next one */
  phase = "to the end of the lesson and the next";
  for (int i = 0; i < 12; i++)
    {
      bekal_lesson_view_scroll_pages (view, 1);
      ui_settle (200);
    }
  gtk_widget_activate_action (GTK_WIDGET (module_page), "module.next-lesson", NULL);
  ui_settle (1500);
}

static gboolean
run_benchmark (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  monitor.tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, NULL, NULL);
  monitor.measuring = TRUE;

  run_flow (BEKAL_WINDOW (window));

  monitor.measuring = FALSE;
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), monitor.tick_id);
  flow_done = TRUE;
  g_application_quit (G_APPLICATION (app));

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
      g_idle_add (run_benchmark, NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— main-loop stalls of the window");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *self = NULL;
  GPid holder = 0;
  double longest, p99_stall, p99_frame, median_frame;
  double reference_stall = -1;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-ui-stalls: %s\n", error->message);
      return 2;
    }

  if (hold_lock_db != NULL)
    return hold_lock (hold_lock_db, hold_lock_seconds > 0 ? hold_lock_seconds : 120);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-ui-stalls needs a display; run it under xvfb-run\n");
      return 77;
    }

  /* Under Xvfb there is no GPU: GTK's GL renderer then rasterizes every frame in software
   * (llvmpipe) on the main thread, 30 ms a frame on two cores, which a laptop's GPU does not
   * cost. Cairo keeps what is measured to the window's own work; GSK_RENDERER=gl measures the
   * other. */
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_print ("renderer: %s\n", g_getenv ("GSK_RENDERER"));

  /* before the flow, on the same display, so that both see the same machine */
  if (reference != NULL && (reference_stall = run_reference (reference)) < 0)
    return 1;

  if (modules_dir == NULL)
    modules_dir = g_build_filename (BEKAL_SOURCE_ROOT, "examples", NULL);
  if (module_id == NULL)
    module_id = g_strdup ("contoh-semua-elemen");
  if (lesson_id == NULL)
    lesson_id = g_strdup ("mengenal-5r");

  data_dir = g_dir_make_tmp ("bekal-stalls-XXXXXX", &error);
  if (data_dir == NULL || !bench_prepare_last_learner (data_dir))
    return 1;
  db_path = g_build_filename (data_dir, BEKAL_STORE_FILE_NAME, NULL);

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_int (settings, "window-width", 1366);
  g_settings_set_int (settings, "window-height", 768);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  /* the lock holder: this program again, in its second role */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (!no_lock)
    {
      g_autofree char *seconds = g_strdup_printf ("%d", 300);
      const char *holder_argv[] = { self != NULL ? self : argv[0], "--hold-lock", db_path,
                                    "--seconds", seconds, NULL };

      if (!g_spawn_async (NULL, (char **) holder_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                          &holder, &error))
        {
          g_printerr ("bench-ui-stalls: cannot start the lock holder: %s\n", error->message);
          return 1;
        }
    }

  monitor.stalls = g_array_new (FALSE, FALSE, sizeof (double));
  monitor.frames = g_array_new (FALSE, FALSE, sizeof (double));
  monitor.probe_id = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_INTERVAL_MS, on_probe, NULL, NULL);

  {
    const char *app_argv[] = { "bekal", "--data-dir", data_dir, "--modules-dir", modules_dir,
                               "--resume-last-profile", NULL };

    app = bekal_application_new ();
    g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
    g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
    status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1,
                                (char **) app_argv);
    g_clear_object (&app);
  }

  g_source_remove (monitor.probe_id);
  if (holder != 0)
    {
      kill (holder, SIGTERM);
      waitpid (holder, NULL, 0);
      g_spawn_close_pid (holder);
    }
  bench_remove_tree (data_dir);

  if (status != 0 || !flow_done)
    {
      g_printerr ("bench-ui-stalls: the flow did not finish (status %d)\n", status);
      return 1;
    }

  longest = bench_percentile (monitor.stalls, 1.0);
  p99_stall = bench_percentile (monitor.stalls, 0.99);
  p99_frame = bench_percentile (monitor.frames, 0.99);
  median_frame = bench_percentile (monitor.frames, 0.5);

  if (no_lock)
    g_print ("Main-loop stalls with no second process (--no-lock: the machine's floor)\n");
  else
    g_print ("Main-loop stalls while a second process holds the database's write lock "
             "for %d ms at a time\n", LOCK_HOLD_MS);
  g_print ("  probes: %u, frames: %u\n", monitor.stalls->len, monitor.frames->len);
  g_print ("  99th percentile stall: %.1f ms\n", p99_stall);
  g_print ("  frame interval: median %.1f ms, 99th percentile %.1f ms\n", median_frame,
           p99_frame);
  if (reference_stall >= 0)
    g_print ("  reference: a minimal libadwaita window switching pages on this display "
             "(minimal-adw --switch-pages), longest stall %.1f ms; Bekal/reference %.2f\n",
             reference_stall, reference_stall > 0 ? longest / reference_stall : 0.0);
  g_print ("longest stall: %.1f ms (target at most %.0f ms): %s\n", longest, TARGET_STALL_MS,
           longest <= TARGET_STALL_MS ? "met" : "NOT met");

  g_array_unref (monitor.stalls);
  g_array_unref (monitor.frames);

  return longest <= TARGET_STALL_MS ? 0 : 1;
}
