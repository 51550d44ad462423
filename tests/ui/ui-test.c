/* ui-test.c: drives the real Bekal window under a virtual display
 *
 * Every test starts the application as a user would (with --data-dir), acts through the
 * widgets and actions, and checks both what is shown and what reached the learner store.
 * Screenshots of the main screens are written to BEKAL_SCREENSHOT_DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-package.h>
#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-store-trainer.h>
#include <bekal/bekal-xapi.h>

#include "bekal-store-private.h"
#include "bekal-text-private.h"

#include "bekal-application.h"
#include "bekal-chart-view.h"
#include "bekal-image.h"
#include "bekal-lesson-view.h"
#include "bekal-media-block.h"
#include "bekal-module-card.h"
#include "bekal-preferences-window.h"
#include "bekal-profile-row.h"
#include "bekal-quiz-page.h"
#include "bekal-reflection-block.h"
#include "bekal-video-block.h"
#include "bekal-window.h"
#include "test-ui-util.h"
#include "test-util.h"

#define EXAMPLE_MODULE "contoh-semua-elemen"

typedef void (*Scenario) (BekalApplication *app,
                          BekalWindow      *window,
                          gpointer          data);

typedef struct
{
  BekalApplication *app;
  Scenario          scenario;
  gpointer          data;
  gboolean          ran;
} Run;

static char *data_root;        /* removed at the end */
static char *screenshot_dir;
static const char *extra_option; /* one more command-line option for the next run, or NULL */

/* Helpers: waiting */

typedef struct
{
  BekalWindow *window;
  const char  *page;
} PageWait;

static gboolean
page_is_shown (gpointer data)
{
  PageWait *wait = data;

  return g_str_equal (bekal_window_get_page_name (wait->window), wait->page);
}

static void
wait_for_page (BekalWindow *window,
               const char  *page)
{
  PageWait wait = { window, page };
  g_autofree char *what = g_strdup_printf ("the page “%s”", page);

  ui_wait_until (page_is_shown, &wait, what);
}

typedef struct
{
  BekalModulePage *page;
  const char      *step;
} StepWait;

static gboolean
step_is_shown (gpointer data)
{
  StepWait *wait = data;

  return g_strcmp0 (bekal_module_page_get_step (wait->page), wait->step) == 0;
}

static void
wait_for_step (BekalWindow *window,
               const char  *step)
{
  StepWait wait = { bekal_window_get_module_page (window), step };
  g_autofree char *what = g_strdup_printf ("the module step “%s”", step);

  ui_wait_until (step_is_shown, &wait, what);
}

static gboolean
lesson_is_settled (gpointer data)
{
  BekalLessonView *view = data;

  return bekal_lesson_view_get_lesson (view) != NULL && !bekal_lesson_view_is_restoring (view)
         && gtk_widget_get_mapped (GTK_WIDGET (view));
}

static BekalLessonView *
wait_for_lesson (BekalWindow *window,
                 const char  *lesson_id)
{
  BekalLessonView *view = bekal_module_page_get_lesson_view (bekal_window_get_module_page (window));

  wait_for_step (window, "lesson");
  ui_wait_until (lesson_is_settled, view, "the lesson to be laid out");
  g_assert_cmpstr (bekal_lesson_get_id (bekal_lesson_view_get_lesson (view)), ==, lesson_id);

  return view;
}

/* Helpers: finding widgets */

static GtkWidget *
find_label_with_link (GtkWidget  *root,
                      const char *uri)
{
  g_autofree char *href = g_strdup_printf ("href=\"%s\"", uri);

  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), href) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_link (child, uri);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkFlowBoxChild *
find_module_card (BekalWindow *window,
                  const char  *module_id)
{
  GtkWidget *box = ui_require_id (GTK_WIDGET (bekal_window_get_library_page (window)), "card_box");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card_widget = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      BekalModuleCard *card = BEKAL_MODULE_CARD (card_widget);

      if (g_str_equal (bekal_catalog_entry_get_id (bekal_module_card_get_entry (card)), module_id))
        return GTK_FLOW_BOX_CHILD (child);
    }

  return NULL;
}

/* Every module card is at least as tall as its content needs at the width it was given, so
 * that no line of it is cut off */
static void
assert_cards_not_clipped (BekalWindow *window)
{
  GtkWidget *box = ui_require_id (GTK_WIDGET (bekal_window_get_library_page (window)), "card_box");
  guint n_cards = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *content = gtk_widget_get_first_child (card);
      int needed = 0;

      if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (card),
                          &needed, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (card), >=, needed);
      n_cards++;
    }
  g_assert_cmpuint (n_cards, >, 0);
}

/* Every widget that can take the keyboard focus has a name for screen readers: its label,
 * its text, or an accessible label */
static void
assert_focusables_named (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;

      if (GTK_IS_BUTTON (child) && !GTK_IS_TOGGLE_BUTTON (child)
          && gtk_widget_get_focusable (child))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (child));
          GtkWidget *content = gtk_button_get_child (GTK_BUTTON (child));
          gboolean named = (label != NULL && label[0] != '\0')
                           || ADW_IS_BUTTON_CONTENT (content) || GTK_IS_LABEL (content)
                           || gtk_widget_get_tooltip_text (child) != NULL;

          if (!named)
            g_error ("A button without a name: %s in %s in %s", G_OBJECT_TYPE_NAME (child),
                     G_OBJECT_TYPE_NAME (root),
                     G_OBJECT_TYPE_NAME (gtk_widget_get_parent (root)));
        }

      /* the parts of GTK's and libadwaita's own composite widgets are named by them */
      if (GTK_IS_SPIN_BUTTON (child) || ADW_IS_ENTRY_ROW (child) || GTK_IS_WINDOW_CONTROLS (child)
          || GTK_IS_DROP_DOWN (child))
        continue;

      assert_focusables_named (child);
    }
}

/* Helpers: screenshots */

static void
save_screenshot (BekalWindow *window,
                 const char  *name)
{
  ui_save_screenshot (GTK_WINDOW (window), screenshot_dir, name);
}

/* Helpers: running the application */

static gboolean
run_scenario (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  g_assert_true (BEKAL_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  run->scenario (run->app, BEKAL_WINDOW (window), run->data);
  run->ran = TRUE;

  /* as the learner would: the menu's Quit, which closes the window first */
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *application,
             Run          *run)
{
  if (!run->ran)
    g_idle_add (run_scenario, run);
}

static void
run_app (const char *data_dir,
         const char *modules_dir,
         int         width,
         int         height,
         Scenario    scenario,
         gpointer    data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *examples_dir = g_build_filename (BEKAL_SOURCE_ROOT, "examples", NULL);
  Run run = { 0, };
  int status;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  g_ptr_array_add (argv, (char *) "bekal");
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, (char *) data_dir);
  /* the bundled modules come from the source tree; the example module, which is not one of
   * them, from examples/ unless the scenario brings its own copy */
  g_ptr_array_add (argv, (char *) "--modules-dir");
  g_ptr_array_add (argv, (char *) (modules_dir != NULL ? modules_dir : examples_dir));
  if (extra_option != NULL)
    g_ptr_array_add (argv, (char *) extra_option);
  g_ptr_array_add (argv, NULL);

  run.app = bekal_application_new ();
  run.scenario = scenario;
  run.data = data;
  /* several runs share this process and there may be no session bus */
  g_application_set_flags (G_APPLICATION (run.app),
                           g_application_get_flags (G_APPLICATION (run.app))
                           | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (run.app, "activate", G_CALLBACK (on_activate), &run);

  status = g_application_run (G_APPLICATION (run.app), argv->len - 1, (char **) argv->pdata);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.ran);

  g_clear_object (&run.app);
}

static char *
new_data_dir (const char *name)
{
  return g_build_filename (data_root, name, NULL);
}

static BekalStore *
open_store (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  BekalStore *store = bekal_store_open (data_dir, &error);

  g_assert_no_error (error);
  return store;
}

/* Helpers: trainer mode and PINs */

#define TRAINER_PASSPHRASE "pelatih-sentra-2024"

static GtkWidget *
find_named (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
trainer_dialog_shown (gpointer data)
{
  GtkWidget *dialog = bekal_window_get_trainer_dialog (BEKAL_WINDOW (data));

  return dialog != NULL && gtk_widget_get_mapped (dialog) && gtk_widget_get_width (dialog) > 1;
}

static gboolean
trainer_unlocked (gpointer data)
{
  return bekal_trainer_mode_get_unlocked (bekal_window_get_trainer_mode (BEKAL_WINDOW (data)));
}

static gboolean
trainer_locked (gpointer data)
{
  return !trainer_unlocked (data);
}

/* The passphrase or PIN dialog, once shown */
static AdwMessageDialog *
wait_for_trainer_dialog (BekalWindow *window)
{
  ui_wait_until (trainer_dialog_shown, window, "the passphrase or PIN dialog");
  return ADW_MESSAGE_DIALOG (bekal_window_get_trainer_dialog (window));
}

static void
type_secret (AdwMessageDialog *dialog,
             const char       *entry_name,
             const char       *text)
{
  GtkWidget *entry = find_named (GTK_WIDGET (dialog), entry_name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* As a click on a response button: the dialog closes, then answers */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  gtk_window_destroy (GTK_WINDOW (dialog));
  adw_message_dialog_response (dialog, response);
  g_object_unref (dialog);
}

static AdwMessageDialog *
answer_trainer_dialog (BekalWindow      *window,
                       AdwMessageDialog *dialog,
                       const char       *response)
{
  respond (dialog, response);
  /* the window forgot the dialog at its response */
  g_assert_null (bekal_window_get_trainer_dialog (window));
  ui_wait_until (trainer_dialog_shown, window, "the dialog to come back with the reason");
  return ADW_MESSAGE_DIALOG (bekal_window_get_trainer_dialog (window));
}

/* Activates a trainer action and gives the passphrase (set in @store first when none is) */
static void
unlock_trainer_with (BekalWindow *window,
                     BekalStore  *store,
                     const char  *action)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gboolean has = FALSE;

  g_assert_true (bekal_store_has_trainer_passphrase (store, &has, &error));
  if (!has)
    g_assert_true (bekal_store_set_trainer_passphrase (store, TRAINER_PASSPHRASE, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dialog = wait_for_trainer_dialog (window);
  type_secret (dialog, "trainer-passphrase", TRAINER_PASSPHRASE);
  respond (dialog, "unlock");
  ui_wait_until (trainer_unlocked, window, "trainer mode to be unlocked");
}

/* Steps shared by the scenarios */

static void
create_profile (BekalWindow *window,
                const char  *name,
                const char  *screenshot)
{
  GtkWidget *page = GTK_WIDGET (bekal_window_get_profile_page (window));
  GtkWidget *create = ui_require_id (page, "create_button");

  wait_for_page (window, "profiles");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_require_id (page,
                                                                          "mode_stack"))),
                   ==, "create");
  g_assert_false (gtk_widget_get_sensitive (create));

  gtk_editable_set_text (GTK_EDITABLE (ui_require_id (page, "name_row")), name);
  gtk_editable_set_text (GTK_EDITABLE (ui_require_id (page, "unit_row")), "Sentra Handayani");
  gtk_editable_set_text (GTK_EDITABLE (ui_require_id (page, "role_row")), "Pekerja sosial");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_require_id (page, "years_spin")), 2);
  gtk_switch_set_active (GTK_SWITCH (ui_require_id (page, "trained_switch")), FALSE);
  g_assert_true (gtk_widget_get_sensitive (create));
  assert_focusables_named (page);

  if (screenshot != NULL)
    save_screenshot (window, screenshot);

  gtk_widget_activate (create);
  wait_for_page (window, "library");
  g_assert_cmpint (bekal_window_get_learner (window), >, 0);
}

/* After a restart: the chooser, with the last learner on top and focused, one Enter away */
static void
continue_as_last_learner (BekalWindow *window,
                          gint64       profile_id)
{
  GtkWidget *page = GTK_WIDGET (bekal_window_get_profile_page (window));
  GtkWidget *list = ui_require_id (page, "profile_list");
  GtkWidget *first = gtk_widget_get_first_child (list);
  GtkWidget *focus;

  wait_for_page (window, "profiles");
  g_assert_cmpint (bekal_window_get_learner (window), ==, 0);
  g_assert_nonnull (first);
  g_assert_true (BEKAL_IS_PROFILE_ROW (first));
  g_assert_cmpint (bekal_profile_row_get_profile_id (BEKAL_PROFILE_ROW (first)), ==, profile_id);
  g_assert_true (gtk_widget_has_css_class (first, "last-profile"));

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == first);
  /* Enter on the focused row */
  g_assert_true (gtk_widget_activate (focus));
  wait_for_page (window, "library");
  g_assert_cmpint (bekal_window_get_learner (window), ==, profile_id);
}

static void
open_example_module (BekalWindow *window)
{
  GtkFlowBoxChild *child = find_module_card (window, EXAMPLE_MODULE);

  g_assert_nonnull (child);
  gtk_widget_activate (GTK_WIDGET (child));
  wait_for_page (window, "module");
}

static void
continue_note (BekalWindow *window)
{
  wait_for_step (window, "note");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bekal_window_get_module_page (window)),
                                             "module.note-continue", NULL));
}

typedef struct
{
  BekalStore *store;
  gint64      profile_id;
  const char *lesson_id;
  guint       block_index;
} PositionWait;

static gboolean
position_is_saved (gpointer data)
{
  PositionWait *wait = data;
  g_autofree char *lesson_id = NULL;
  guint block_index = 0;

  return bekal_store_get_position (wait->store, wait->profile_id, EXAMPLE_MODULE, &lesson_id,
                                   &block_index, NULL)
         && g_strcmp0 (lesson_id, wait->lesson_id) == 0 && block_index == wait->block_index;
}

typedef struct
{
  BekalLibraryPage *library;
  guint             n_visible;
} SearchWait;

static gboolean
search_applied (gpointer data)
{
  SearchWait *wait = data;

  return bekal_library_page_get_n_visible (wait->library) == wait->n_visible;
}

/* The entry waits for a pause in typing before it searches */
static void
search_and_wait (BekalLibraryPage *library,
                 GtkWidget        *entry,
                 const char       *text,
                 guint             n_visible)
{
  SearchWait wait = { library, n_visible };
  g_autofree char *what = g_strdup_printf ("%u modules found for “%s”", n_visible, text);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  ui_wait_until (search_applied, &wait, what);
}

static gboolean
block_below_top (gpointer data)
{
  return bekal_lesson_view_get_current_block (data) > 0;
}

static gboolean
subtitle_is_shown (gpointer data)
{
  return bekal_video_block_get_subtitle_text (data) != NULL;
}

static gboolean
player_is_playing (gpointer data)
{
  return bekal_player_get_state (data) == BEKAL_PLAYER_STATE_PLAYING;
}

static gboolean
player_is_stopped (gpointer data)
{
  return bekal_player_get_state (data) != BEKAL_PLAYER_STATE_PLAYING;
}

/* What the lesson's own key handler does with @keyval, the focus being where it is */
static gboolean
lesson_handles_key (BekalLessonView *view,
                    guint            keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

typedef struct
{
  BekalStore *store;
  gint64      profile_id;
  const char *lesson_id;
  const char *reflection_text;
} StoredWait;

static gboolean
transcript_is_listed (gpointer data)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (data), 0) != NULL;
}

static gboolean
lesson_is_stored_complete (gpointer data)
{
  StoredWait *wait = data;

  return bekal_store_is_lesson_complete (wait->store, wait->profile_id, EXAMPLE_MODULE,
                                         wait->lesson_id, NULL);
}

static gboolean
reflection_is_stored (gpointer data)
{
  StoredWait *wait = data;
  g_autofree char *text = bekal_store_load_reflection (wait->store, wait->profile_id,
                                                       EXAMPLE_MODULE, "refleksi-perasaan", NULL,
                                                       NULL);

  return g_strcmp0 (text, wait->reflection_text) == 0;
}

/* The scenarios */

typedef struct
{
  char  *lesson_id;
  guint  block_index;
  gint64 profile_id;
} Reading;

static void
first_visit (BekalApplication *app,
             BekalWindow      *window,
             gpointer          data)
{
  Reading *reading = data;
  BekalStore *store = bekal_application_get_store (app);
  BekalLibraryPage *library = bekal_window_get_library_page (window);
  GtkWidget *search = ui_require_id (GTK_WIDGET (library), "search_entry");
  BekalLessonView *view;
  BekalModuleFlag flags = 0;
  GtkWidget *media;
  GtkWidget *video;
  BekalPlayer *player;
  GtkWidget *reflection;
  guint n_all;
  PositionWait wait;
  StoredWait stored = { 0, };
  GtkWidget *term;
  GtkWidget *popover;
  GtkDropDown *topics;
  guint n_blocks;
  gboolean handled = FALSE;

  g_assert_false (bekal_application_is_read_only (app));
  create_profile (window, "Sari Wulandari", "01-profile-1366x768-id.png");
  reading->profile_id = bekal_window_get_learner (window);

  /* the library: every bundled module, search and topic filter */
  n_all = bekal_library_page_get_n_visible (library);
  g_assert_cmpuint (n_all, >=, 6);
  save_screenshot (window, "02-library-1366x768-id.png");
  assert_cards_not_clipped (window);

  /* three modules speak of 5R, in their summary or glossary */
  search_and_wait (library, search, "5R", 3);
  search_and_wait (library, search, "no such words anywhere", 0);
  search_and_wait (library, search, "", n_all);

  topics = GTK_DROP_DOWN (ui_require_id (GTK_WIDGET (library), "topic_dropdown"));
  gtk_drop_down_set_selected (topics, 1);
  g_assert_cmpuint (bekal_library_page_get_n_visible (library), >=, 1);
  g_assert_cmpuint (bekal_library_page_get_n_visible (library), <=, n_all);
  gtk_drop_down_set_selected (topics, 0);
  g_assert_cmpuint (bekal_library_page_get_n_visible (library), ==, n_all);

  /* the module's content note comes first, then its pre-test */
  open_example_module (window);
  wait_for_step (window, "note");
  save_screenshot (window, "03-content-note-1366x768-id.png");
  continue_note (window);

  wait_for_step (window, "pretest");
  save_screenshot (window, "04-pretest-1366x768-id.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bekal_window_get_module_page (window)),
                                             "module.skip-pretest", NULL));
  bekal_store_get_module_flags (store, reading->profile_id, EXAMPLE_MODULE, &flags, NULL);
  g_assert_true (flags & BEKAL_MODULE_FLAG_PRETEST_SKIPPED);

  view = wait_for_lesson (window, "mengenal-5r");
  g_assert_cmpuint (bekal_lesson_view_get_current_block (view), ==, 0);
  /* the keyboard is with the lesson: arrows and page keys scroll it */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (view)));
  assert_focusables_named (GTK_WIDGET (window));
  save_screenshot (window, "05-lesson-1366x768-id.png");

  /* a term with a glossary entry is a link that opens its definition */
  term = find_label_with_link (GTK_WIDGET (view), "term:returni");
  g_assert_nonnull (term);
  g_signal_emit_by_name (term, "activate-link", "https://example.org/", &handled);
  g_assert_true (handled);
  g_assert_null (ui_find_by_type (term, GTK_TYPE_POPOVER));
  g_signal_emit_by_name (term, "activate-link", "term:returni", &handled);
  g_assert_true (handled);
  popover = ui_find_by_type (term, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  ui_wait_until ((UiCondition) gtk_widget_get_mapped, popover, "the glossary popover");
  g_assert_nonnull (find_label_with_text (popover, "kamp pengungsian"));
  save_screenshot (window, "05b-glossary-1366x768-id.png");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* the video has a content note: nothing is opened before the learner answers it */
  media = ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_MEDIA_BLOCK);
  g_assert_nonnull (media);
  g_assert_cmpstr (bekal_media_block_get_state (BEKAL_MEDIA_BLOCK (media)), ==, "note");
  g_assert_null (ui_find_by_type (media, BEKAL_TYPE_VIDEO_BLOCK));

  /* read its transcript instead: the player is there, with the transcript open, not playing */
  bekal_media_block_read_transcript (BEKAL_MEDIA_BLOCK (media));
  g_assert_cmpstr (bekal_media_block_get_state (BEKAL_MEDIA_BLOCK (media)), ==, "media");
  video = ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_VIDEO_BLOCK);
  g_assert_nonnull (video);
  g_assert_true (video == bekal_media_block_get_video_block (BEKAL_MEDIA_BLOCK (media)));
  player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (video));
  g_assert_cmpint (bekal_player_get_state (player), !=, BEKAL_PLAYER_STATE_PLAYING);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (ui_require_id (video,
                                                                         "transcript_revealer"))));
  /* the subtitle files are read in a worker thread */
  ui_wait_until (transcript_is_listed, ui_require_id (video, "transcript_list"),
                 "the transcript to be read");
  g_assert_nonnull (find_label_with_text (ui_require_id (video, "transcript_list"),
                                          "Sentra Handayani"));
  g_assert_null (find_label_with_text (ui_require_id (video, "transcript_list"), "-->"));
  g_assert_false (bekal_media_block_get_done (BEKAL_MEDIA_BLOCK (media)));
  n_blocks = bekal_lesson_get_n_blocks (bekal_lesson_view_get_lesson (view));
  bekal_lesson_view_scroll_to_block (view, n_blocks - 2);
  ui_wait_until (lesson_is_settled, view, "the scroll to the video");
  save_screenshot (window, "06-transcript-1366x768-id.png");

  /* Space scrolls the lesson, unless the keyboard is in the player */
  bekal_lesson_view_focus (view);
  g_assert_true (lesson_handles_key (view, GDK_KEY_space));
  g_assert_false (lesson_handles_key (view, GDK_KEY_f));
  gtk_widget_grab_focus (ui_require_id (video, "stage"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), video));
  g_assert_false (lesson_handles_key (view, GDK_KEY_space));
  g_assert_false (lesson_handles_key (view, GDK_KEY_Left));
  g_assert_true (lesson_handles_key (view, GDK_KEY_Page_Down));
  bekal_lesson_view_scroll_to_block (view, n_blocks - 2);
  ui_wait_until (lesson_is_settled, view, "the scroll back to the video");

  /* watching it, with Indonesian subtitles over the picture */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui_require_id (video, "transcript_button")),
                                FALSE);
  g_assert_cmpstr (bekal_video_block_get_subtitle_language (BEKAL_VIDEO_BLOCK (video)), ==, "id");
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (video));
  ui_wait_until (player_is_playing, player, "the video playing");
  ui_wait_until (subtitle_is_shown, video, "a subtitle over the video");
  ui_wait_until (lesson_is_settled, view, "the lesson around the playing video");
  save_screenshot (window, "06b-video-playing-1366x768-id.png");
  g_assert_cmpint (bekal_player_get_state (player), ==, BEKAL_PLAYER_STATE_PLAYING);

  /* a break stops it: no sound goes on behind the break screen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.take-break", NULL));
  wait_for_page (window, "break");
  ui_wait_until (player_is_stopped, player, "the video paused for the break");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.end-break", NULL));
  wait_for_page (window, "module");
  g_assert_cmpint (bekal_player_get_state (player), !=, BEKAL_PLAYER_STATE_PLAYING);

  /* reading to the end of the lesson completes it */
  for (int i = 0; i < 20; i++)
    bekal_lesson_view_scroll_pages (view, 1);
  stored.store = store;
  stored.profile_id = reading->profile_id;
  stored.lesson_id = "mengenal-5r";
  ui_wait_until (lesson_is_stored_complete, &stored, "the first lesson recorded as complete");

  /* the next lesson has its own content note */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bekal_window_get_module_page (window)),
                                             "module.next-lesson", NULL));
  wait_for_step (window, "note");
  continue_note (window);
  view = wait_for_lesson (window, "peran-peksos");

  /* a private reflection is saved while typing */
  reflection = ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_REFLECTION_BLOCK);
  g_assert_nonnull (reflection);
  gtk_text_buffer_set_text (bekal_reflection_block_get_buffer (BEKAL_REFLECTION_BLOCK (reflection)),
                            "Saya perlu bicara dengan supervisor.", -1);
  stored.reflection_text = "Saya perlu bicara dengan supervisor.";
  ui_wait_until (reflection_is_stored, &stored, "the reflection in the store, after the pause");

  /* scroll down a little: the block at the top becomes the saved position */
  bekal_lesson_view_scroll_pages (view, 0.5);
  bekal_lesson_view_scroll_pages (view, 0.5);
  ui_wait_until (block_below_top, view, "a block further down at the top of the view");
  wait.store = store;
  wait.profile_id = reading->profile_id;
  wait.lesson_id = "peran-peksos";
  wait.block_index = bekal_lesson_view_get_current_block (view);
  ui_wait_until (position_is_saved, &wait, "the reading position in the store");
  reading->lesson_id = g_strdup ("peran-peksos");
  reading->block_index = wait.block_index;

  /* a break and back: the same lesson and block */
  g_action_group_activate_action (G_ACTION_GROUP (window), "take-break", NULL);
  wait_for_page (window, "break");
  save_screenshot (window, "07-break-1366x768-id.png");
  g_action_group_activate_action (G_ACTION_GROUP (window), "end-break", NULL);
  wait_for_page (window, "module");
  g_assert_cmpstr (bekal_module_page_get_step (bekal_window_get_module_page (window)), ==,
                   "lesson");
  g_assert_cmpuint (bekal_lesson_view_get_current_block (view), ==, reading->block_index);
  g_assert_cmpstr (bekal_lesson_get_id (bekal_lesson_view_get_lesson (view)), ==, "peran-peksos");

  /* the break is also one keyboard shortcut away, from any screen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.take-break", NULL));
  wait_for_page (window, "break");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  wait_for_page (window, "module");
}

static void
second_visit (BekalApplication *app,
              BekalWindow      *window,
              gpointer          data)
{
  Reading *reading = data;
  BekalLessonView *view;
  GtkWidget *block;
  GtkAdjustment *adjustment;
  GtkWidget *scroller;
  GtkWidget *card;
  graphene_point_t point;

  /* the chooser comes first: nobody lands in the last learner's reflections by accident */
  save_screenshot (window, "08a-chooser-1366x768-id.png");
  continue_as_last_learner (window, reading->profile_id);
  card = gtk_flow_box_child_get_child (find_module_card (window, EXAMPLE_MODULE));
  g_assert_cmpint (bekal_module_card_get_state (BEKAL_MODULE_CARD (card)), ==,
                   BEKAL_MODULE_STATE_IN_PROGRESS);

  open_example_module (window);
  /* the content notes are shown again on a new visit; the skipped pre-test is not */
  continue_note (window);
  continue_note (window);
  view = wait_for_lesson (window, reading->lesson_id);
  g_assert_cmpuint (bekal_lesson_view_get_current_block (view), ==, reading->block_index);

  /* and that block is at the top of the view */
  scroller = ui_require_id (GTK_WIDGET (view), "scroller");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  block = bekal_lesson_view_get_block_widget (view, reading->block_index);
  g_assert_true (gtk_widget_compute_point (block, ui_require_id (GTK_WIDGET (view), "viewport"),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpfloat (point.y, >=, 0);
  g_assert_cmpfloat (point.y, <, 48);
  save_screenshot (window, "08-reopened-1366x768-id.png");

  /* the reflection written last time is still there */
  g_assert_nonnull (ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_REFLECTION_BLOCK));
}

/* The hidden option of the start-up benchmark: straight to the last learner's library */
static void
resumed_visit (BekalApplication *app,
               BekalWindow      *window,
               gpointer          data)
{
  Reading *reading = data;

  wait_for_page (window, "library");
  g_assert_cmpint (bekal_window_get_learner (window), ==, reading->profile_id);
}

static void
test_read_quit_reopen (void)
{
  g_autofree char *data_dir = new_data_dir ("reader");
  Reading reading = { 0, };

  run_app (data_dir, NULL, 1366, 768, first_visit, &reading);
  g_assert_nonnull (reading.lesson_id);
  run_app (data_dir, NULL, 1366, 768, second_visit, &reading);

  extra_option = "--resume-last-profile";
  run_app (data_dir, NULL, 1366, 768, resumed_visit, &reading);
  extra_option = NULL;

  g_free (reading.lesson_id);
}

/* Content notes: skipping a lesson's note goes on to the next lesson, and skipping the
 * module's note goes back to the library; neither records anything */
static void
content_notes (BekalApplication *app,
               BekalWindow      *window,
               gpointer          data)
{
  BekalModulePage *page = bekal_window_get_module_page (window);
  BekalStore *store = bekal_application_get_store (app);
  gint64 profile_id;
  g_autofree char *lesson_id = NULL;
  guint block = 0;

  create_profile (window, "Budi", NULL);
  profile_id = bekal_window_get_learner (window);

  open_example_module (window);
  wait_for_step (window, "note");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "module.note-skip", NULL));
  wait_for_page (window, "library");
  g_assert_false (bekal_store_get_position (store, profile_id, EXAMPLE_MODULE, &lesson_id, &block,
                                            NULL));

  open_example_module (window);
  continue_note (window);
  wait_for_step (window, "pretest");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "module.skip-pretest", NULL));
  wait_for_lesson (window, "mengenal-5r");

  /* the second lesson's note, skipped: there is no lesson after it, back to the library */
  bekal_module_page_show_lesson (page, 1);
  wait_for_step (window, "note");
  g_assert_cmpstr (bekal_module_page_get_subtitle (page), ==, "Peran peksos dan menjaga diri");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "module.note-skip", NULL));
  wait_for_page (window, "library");
  g_assert_false (bekal_store_is_lesson_complete (store, profile_id, EXAMPLE_MODULE,
                                                  "peran-peksos", NULL));

  /* a media item's note: skip for now, then show it again */
  open_example_module (window);
  continue_note (window);
  {
    BekalLessonView *view = wait_for_lesson (window, "mengenal-5r");
    GtkWidget *media = ui_find_by_type (GTK_WIDGET (view), BEKAL_TYPE_MEDIA_BLOCK);

    g_assert_cmpstr (bekal_media_block_get_state (BEKAL_MEDIA_BLOCK (media)), ==, "note");
    bekal_media_block_skip (BEKAL_MEDIA_BLOCK (media));
    g_assert_cmpstr (bekal_media_block_get_state (BEKAL_MEDIA_BLOCK (media)), ==, "skipped");
    g_assert_null (bekal_media_block_get_video_block (BEKAL_MEDIA_BLOCK (media)));
    bekal_media_block_continue (BEKAL_MEDIA_BLOCK (media));
    g_assert_cmpstr (bekal_media_block_get_state (BEKAL_MEDIA_BLOCK (media)), ==, "media");
    g_assert_true (BEKAL_IS_VIDEO_BLOCK (bekal_media_block_get_video_block (
      BEKAL_MEDIA_BLOCK (media))));
  }
}

static void
test_content_notes (void)
{
  g_autofree char *data_dir = new_data_dir ("notes");

  run_app (data_dir, NULL, 1366, 768, content_notes, NULL);
}

/* A data folder that cannot be written: a dialog, a read-only mode, nothing lost */
typedef struct
{
  gint64 profile_id;
} ReadOnly;

static void
prepare_read_only (BekalApplication *app,
                   BekalWindow      *window,
                   gpointer          data)
{
  ReadOnly *state = data;

  create_profile (window, "Dewi", NULL);
  state->profile_id = bekal_window_get_learner (window);
  bekal_store_set_position (bekal_application_get_store (app), state->profile_id, EXAMPLE_MODULE,
                            "peran-peksos", 2, NULL);
  bekal_store_set_module_flag (bekal_application_get_store (app), state->profile_id,
                               EXAMPLE_MODULE, BEKAL_MODULE_FLAG_PRETEST_SKIPPED, NULL);
}

typedef struct
{
  BekalWindow *window;
} DialogWait;

static gboolean
dialog_is_shown (gpointer data)
{
  GtkWidget *dialog = bekal_window_get_read_only_dialog (((DialogWait *) data)->window);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static void
use_read_only (BekalApplication *app,
               BekalWindow      *window,
               gpointer          data)
{
  ReadOnly *state = data;
  DialogWait wait = { window };
  BekalLessonView *view;
  GtkWidget *dialog;
  GtkWidget *revealer;

  g_assert_true (bekal_application_is_read_only (app));
  ui_wait_until (dialog_is_shown, &wait, "the read-only dialog");
  dialog = bekal_window_get_read_only_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "--data-dir"));
  save_screenshot (window, "09-read-only-1366x768-id.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  gtk_window_close (GTK_WINDOW (dialog));
  revealer = ui_require_id (GTK_WIDGET (window), "read_only_revealer");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* the learner and their place are still there */
  continue_as_last_learner (window, state->profile_id);
  open_example_module (window);
  continue_note (window);
  continue_note (window);
  view = wait_for_lesson (window, "peran-peksos");
  g_assert_cmpuint (bekal_lesson_view_get_current_block (view), ==, 2);

  /* reading on changes nothing on disk */
  for (int i = 0; i < 10; i++)
    bekal_lesson_view_scroll_pages (view, 1);
  ui_settle (600);
}

static void
use_unwritable_folder (BekalApplication *app,
                       BekalWindow      *window,
                       gpointer          data)
{
  DialogWait wait = { window };

  /* no database could be made: the learner can still go on, without saving */
  g_assert_true (bekal_application_is_read_only (app));
  ui_wait_until (dialog_is_shown, &wait, "the read-only dialog");
  gtk_window_close (GTK_WINDOW (bekal_window_get_read_only_dialog (window)));
  create_profile (window, "Tamu", NULL);
  open_example_module (window);
  continue_note (window);
  wait_for_step (window, "pretest");
}

static void
test_read_only (void)
{
  g_autofree char *data_dir = new_data_dir ("read-only");
  g_autofree char *blocker = new_data_dir ("not-a-folder");
  g_autofree char *below_file = g_build_filename (blocker, "bekal", NULL);
  g_autoptr(BekalStore) store = NULL;
  g_autofree char *lesson_id = NULL;
  ReadOnly state = { 0, };
  guint block = 0;

  run_app (data_dir, NULL, 1366, 768, prepare_read_only, &state);

  /* as on a write-protected USB stick */
  g_setenv ("BEKAL_STORE_FORCE_READ_ONLY", "1", TRUE);
  run_app (data_dir, NULL, 1366, 768, use_read_only, &state);
  g_unsetenv ("BEKAL_STORE_FORCE_READ_ONLY");

  store = open_store (data_dir);
  g_assert_true (bekal_store_get_position (store, state.profile_id, EXAMPLE_MODULE, &lesson_id,
                                           &block, NULL));
  g_assert_cmpstr (lesson_id, ==, "peran-peksos");
  g_assert_cmpuint (block, ==, 2);

  /* a "folder" that is a file cannot hold a database, even for root */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  run_app (below_file, NULL, 1366, 768, use_unwritable_folder, NULL);
  g_assert_false (g_file_test (below_file, G_FILE_TEST_EXISTS));
}

/* A module edited on disk while it is open */
typedef struct
{
  char *module_file;
  char *original;
} Edit;

typedef struct
{
  BekalWindow *window;
  gboolean     broken;
} ReloadWait;

static gboolean
module_reloaded (gpointer data)
{
  ReloadWait *wait = data;
  const char *step = bekal_module_page_get_step (bekal_window_get_module_page (wait->window));

  return wait->broken ? g_strcmp0 (step, "broken") == 0 : g_strcmp0 (step, "lesson") == 0;
}

static void
edit_while_open (BekalApplication *app,
                 BekalWindow      *window,
                 gpointer          data)
{
  Edit *edit = data;
  BekalStore *store = bekal_application_get_store (app);
  ReloadWait wait = { window, TRUE };
  PositionWait position;
  BekalLessonView *view;
  GtkWidget *broken_list;
  gint64 profile_id;

  create_profile (window, "Rina", NULL);
  profile_id = bekal_window_get_learner (window);
  open_example_module (window);
  continue_note (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bekal_window_get_module_page (window)),
                                             "module.skip-pretest", NULL));
  view = wait_for_lesson (window, "mengenal-5r");
  bekal_lesson_view_scroll_to_block (view, 3);
  ui_wait_until (lesson_is_settled, view, "the scroll to block 3");

  position.store = store;
  position.profile_id = profile_id;
  position.lesson_id = "mengenal-5r";
  position.block_index = 3;
  ui_wait_until (position_is_saved, &position, "the position before the edit");

  /* a trainer saves a broken file */
  g_assert_true (g_file_set_contents (edit->module_file, "<module", -1, NULL));
  ui_wait_until (module_reloaded, &wait, "the module shown as broken");
  g_assert_true (position_is_saved (&position));
  broken_list = ui_require_id (GTK_WIDGET (bekal_window_get_library_page (window)), "broken_list");
  g_assert_true (gtk_widget_get_visible (broken_list));
  g_assert_true (ADW_IS_EXPANDER_ROW (gtk_widget_get_first_child (broken_list)));
  g_assert_null (find_module_card (window, EXAMPLE_MODULE));
  save_screenshot (window, "10-module-broken-1366x768-id.png");

  /* and repairs it: the learner is back where they were */
  wait.broken = FALSE;
  g_assert_true (g_file_set_contents (edit->module_file, edit->original, -1, NULL));
  ui_wait_until (module_reloaded, &wait, "the module repaired");
  view = wait_for_lesson (window, "mengenal-5r");
  g_assert_cmpuint (bekal_lesson_view_get_current_block (view), ==, 3);
}

static void
copy_folder (const char *from,
             const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (target, contents, length, NULL));
    }
}

static void
test_module_edited (void)
{
  g_autofree char *data_dir = new_data_dir ("edited");
  g_autofree char *modules_dir = new_data_dir ("modules");
  g_autofree char *source = g_build_filename (BEKAL_SOURCE_ROOT, "examples", EXAMPLE_MODULE, NULL);
  g_autofree char *copy = g_build_filename (modules_dir, EXAMPLE_MODULE, NULL);
  Edit edit = { 0, };

  copy_folder (source, copy);
  edit.module_file = g_build_filename (copy, "module.id.xml", NULL);
  g_assert_true (g_file_get_contents (edit.module_file, &edit.original, NULL, NULL));

  run_app (data_dir, modules_dir, 1366, 768, edit_while_open, &edit);

  g_free (edit.module_file);
  g_free (edit.original);
}

/* Hostile figures: a PNG whose header claims 30 000 × 30 000 pixels (never decoded) and a
 * figure whose file went away after the module was read both show the placeholder, while the
 * window keeps drawing */
#define FIGURE_MODULE "gambar-uji"

typedef struct
{
  char  *folder;    /* the module's folder */
  guint  frames;    /* frames drawn since the module was opened */
} Figures;

static const char figure_module[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<module xmlns=\"urn:bekal:module:1\" id=\"" FIGURE_MODULE "\" version=\"1.0\" xml:lang=\"id\">\n"
  "  <title>Modul gambar</title>\n"
  "  <summary>Gambar yang tidak dapat ditampilkan.</summary>\n"
  "  <meta><author>Tim pengujian</author></meta>\n"
  "  <topics><topic id=\"dasar\">Dasar</topic></topics>\n"
  "  <lesson id=\"pelajaran-1\">\n"
  "    <title>Pelajaran bergambar</title>\n"
  "    <p>Gambar pertama terlalu besar.</p>\n"
  "    <figure src=\"gambar/besar.png\" alt=\"Gambar besar\"><caption>Besar</caption></figure>\n"
  "    <figure src=\"gambar/hilang.png\" alt=\"Gambar hilang\"><caption>Hilang</caption></figure>\n"
  "    <figure src=\"gambar/kecil.png\" alt=\"Gambar kecil\"><caption>Kecil</caption></figure>\n"
  "  </lesson>\n"
  "</module>\n";

static guint32
png_crc (const guchar *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }

  return crc ^ 0xffffffff;
}

static void
append_png_chunk (GByteArray   *png,
                  const char   *type,
                  const guchar *data,
                  guint32       length)
{
  g_autoptr(GByteArray) typed = g_byte_array_new ();
  guint32 be_length = GUINT32_TO_BE (length);
  guint32 be_crc;

  g_byte_array_append (typed, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (typed, data, length);
  be_crc = GUINT32_TO_BE (png_crc (typed->data, typed->len));

  g_byte_array_append (png, (const guint8 *) &be_length, 4);
  g_byte_array_append (png, typed->data, typed->len);
  g_byte_array_append (png, (const guint8 *) &be_crc, 4);
}

/* A PNG that is only a header: 30 000 × 30 000 RGBA, which would take 3.6 GB to decode */
static void
write_huge_png (const char *path)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint32 side = GUINT32_TO_BE (30000);
  guchar ihdr[13] = { 0, };
  static const guchar idat[] = { 0x78, 0x9c, 0x01, 0x00 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  FILE *file;

  memcpy (ihdr, &side, 4);
  memcpy (ihdr + 4, &side, 4);
  ihdr[8] = 8;  /* bits per channel */
  ihdr[9] = 6;  /* RGBA */
  g_byte_array_append (png, signature, sizeof signature);
  append_png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (png, "IDAT", idat, sizeof idat);
  append_png_chunk (png, "IEND", NULL, 0);

  /* written in place: the folder watch sees no new file, as when a stick is swapped */
  file = fopen (path, "wb");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (png->data, 1, png->len, file), ==, png->len);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
write_small_png (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 32);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Figures *figures = data;

  figures->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_drawn (gpointer data)
{
  Figures *figures = data;

  return figures->frames >= 10;
}

static void
hostile_figures (BekalApplication *app,
                 BekalWindow      *window,
                 gpointer          data)
{
  Figures *figures = data;
  g_autofree char *huge = g_build_filename (figures->folder, "gambar", "besar.png", NULL);
  g_autofree char *gone = g_build_filename (figures->folder, "gambar", "hilang.png", NULL);
  g_autoptr(GPtrArray) images = NULL;
  GtkFlowBoxChild *card;
  BekalLessonView *view;
  guint tick;

  create_profile (window, "Budi", NULL);
  card = find_module_card (window, FIGURE_MODULE);
  g_assert_nonnull (card);

  /* after the module was read: one figure becomes a bomb, one goes away */
  write_huge_png (huge);
  g_assert_cmpint (g_remove (gone), ==, 0);

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame, figures, NULL);
  gtk_widget_activate (GTK_WIDGET (card));
  wait_for_page (window, "module");
  view = wait_for_lesson (window, "pelajaran-1");

  images = ui_find_all (GTK_WIDGET (view), BEKAL_TYPE_IMAGE);
  g_assert_cmpuint (images->len, ==, 3);
  for (guint i = 0; i < images->len; i++)
    g_assert_false (bekal_image_is_loading (g_ptr_array_index (images, i)));
  g_assert_true (bekal_image_get_failed (g_ptr_array_index (images, 0)));
  g_assert_true (bekal_image_get_failed (g_ptr_array_index (images, 1)));
  g_assert_false (bekal_image_get_failed (g_ptr_array_index (images, 2)));
  g_assert_nonnull (gtk_picture_get_paintable (bekal_image_get_picture (
    g_ptr_array_index (images, 2))));
  /* decoded no larger than the file: 64 × 32 */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (
    bekal_image_get_picture (g_ptr_array_index (images, 2)))), ==, 64);

  /* the placeholder says so in words, in the learner's language */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = find_label_with_text (g_ptr_array_index (images, i),
                                               _("This image cannot be shown"));

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (label)));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bekal_image_get_picture (
        g_ptr_array_index (images, i)))));
    }
  g_assert_cmpstr (_("This image cannot be shown"), ==, "Gambar tidak dapat ditampilkan");
  save_screenshot (window, "28-figure-placeholder-1366x768-id.png");

  /* and the window went on drawing */
  figures->frames = 0;
  ui_wait_until (frames_drawn, figures, "the window to draw frames");
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
}

static void
test_hostile_figures (void)
{
  g_autofree char *data_dir = new_data_dir ("figures");
  g_autofree char *modules_dir = new_data_dir ("figure-modules");
  g_autofree char *pictures = NULL;
  g_autofree char *module_file = NULL;
  g_autofree char *path = NULL;
  Figures figures = { 0, };

  figures.folder = g_build_filename (modules_dir, FIGURE_MODULE, NULL);
  pictures = g_build_filename (figures.folder, "gambar", NULL);
  g_assert_cmpint (g_mkdir_with_parents (pictures, 0755), ==, 0);
  module_file = g_build_filename (figures.folder, "module.id.xml", NULL);
  g_assert_true (g_file_set_contents (module_file, figure_module, -1, NULL));
  /* every figure is a real image when the module is checked and read */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const names[] = { "besar.png", "hilang.png", "kecil.png" };

      g_free (path);
      path = g_build_filename (pictures, names[i], NULL);
      write_small_png (path);
    }

  run_app (data_dir, modules_dir, 1366, 768, hostile_figures, &figures);

  g_free (figures.folder);
}

/* English, at projector resolution, light and dark */
static GtkWidget *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (BEKAL_IS_PREFERENCES_WINDOW (toplevel) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }

  return NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  return find_preferences () != NULL;
}

static void
english_small_screen (BekalApplication *app,
                      BekalWindow      *window,
                      gpointer          data)
{
  GSettings *settings = bekal_application_get_settings (app);
  BekalLessonView *view;
  BekalModule *module;
  GtkWidget *preferences;
  GtkWidget *data_dir_row;

  create_profile (window, "Sari", "11-profile-1024x768-en.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  save_screenshot (window, "12-library-1024x768-en.png");
  assert_cards_not_clipped (window);

  open_example_module (window);
  /* the module variant follows the language */
  module = bekal_module_page_get_module (bekal_window_get_module_page (window));
  g_assert_cmpstr (bekal_module_get_language (module), ==, "en");
  continue_note (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bekal_window_get_module_page (window)),
                                             "module.skip-pretest", NULL));
  view = wait_for_lesson (window, "mengenal-5r");
  save_screenshot (window, "13-lesson-1024x768-en.png");

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  save_screenshot (window, "14-lesson-dark-1024x768-en.png");

  g_settings_set_string (settings, "text-size", "projector");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "text-projector"));
  ui_wait_until (lesson_is_settled, view, "the lesson after the text size change");
  /* bigger text never makes the window wider than the projector */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  save_screenshot (window, "15-lesson-projector-dark-1024x768-en.png");

  g_action_group_activate_action (G_ACTION_GROUP (window), "take-break", NULL);
  wait_for_page (window, "break");
  save_screenshot (window, "16-break-dark-1024x768-en.png");
  g_action_group_activate_action (G_ACTION_GROUP (window), "end-break", NULL);
  wait_for_page (window, "module");

  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "text-size");

  /* the preferences write GSettings, and the window follows at once */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ui_wait_until (preferences_shown, NULL, "the preferences window");
  preferences = find_preferences ();
  save_screenshot (window, "17-preferences-1024x768-en.png");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_require_id (preferences, "text_size_row")), 1);
  g_assert_cmpint (g_settings_get_enum (settings, "text-size"), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "text-large"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_require_id (preferences, "color_scheme_row")), 2);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  data_dir_row = ui_require_id (preferences, "data_dir_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (data_dir_row)),
                            "english"));
  gtk_window_close (GTK_WINDOW (preferences));
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "text-size");
}

static void
test_english (void)
{
  g_autofree char *data_dir = new_data_dir ("english");
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  /* the interface and the module variant follow the language of the session */
  g_setenv ("LANGUAGE", "en", TRUE);
  run_app (data_dir, NULL, 1024, 768, english_small_screen, NULL);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Module text never becomes markup, links included */
/* The whole module as a learner takes it: pre-test, a lesson with its practice, the post-test
 * passed, then "My results" and the trainer's gap report */

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* As the learner's key press on the quiz page, where its key handler sees it */
static gboolean
press_quiz_key (BekalQuizPage *page,
                guint          keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
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

/* Chooses the answer of the question shown, with the number keys and the drop-downs as a
 * learner would: the model's correct options when @correct, otherwise a wrong one */
static void
choose_answer (BekalQuizPage *page,
               gboolean       correct)
{
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  guint index = bekal_quiz_page_get_index (page);
  BekalQuestion *question = bekal_quiz_session_get_question (session, index);
  const char * const *order = bekal_quiz_session_get_option_order (session, index);

  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_MULTIPLE:
      for (guint i = 0; order[i] != NULL; i++)
        {
          gboolean right = bekal_option_get_correct (bekal_question_find_option (question,
                                                                                 order[i]));

          if (right == correct)
            {
              g_assert_true (press_quiz_key (page, GDK_KEY_1 + i));
              /* one wrong option is enough to be wrong */
              if (!correct)
                break;
            }
        }
      break;
    case BEKAL_QUESTION_MATCH:
      ui_choose_matches (GTK_WIDGET (page), order,
                         bekal_quiz_session_get_match_order (session, index), correct);
      break;
    case BEKAL_QUESTION_SCALE:
      g_assert_true (press_quiz_key (page, GDK_KEY_1));
      break;
    case BEKAL_QUESTION_ORDER:
    default:
      /* the items stay as shown, which is never the right order */
      break;
    }
}

static gboolean
quiz_shows_results (gpointer data)
{
  return g_strcmp0 (bekal_quiz_page_get_step (BEKAL_QUIZ_PAGE (data)), "results") == 0;
}

/* Answers every question, each confirmed with Enter; where the quiz gives feedback at once,
 * Enter goes on. @feedback_screenshot, if set, is taken at the first feedback. */
static void
answer_quiz (BekalWindow   *window,
             BekalQuizPage *page,
             gboolean       correct,
             const char    *feedback_screenshot)
{
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  guint n = bekal_quiz_session_get_n_questions (session);

  g_assert_cmpuint (n, >, 0);
  for (guint asked = 0; g_str_equal (bekal_quiz_page_get_step (page), "question"); asked++)
    {
      guint index = bekal_quiz_page_get_index (page);

      g_assert_cmpuint (asked, <, n);
      choose_answer (page, correct);
      g_assert_true (press_quiz_key (page, GDK_KEY_Return));
      g_assert_nonnull (bekal_quiz_session_get_response (session, index));

      /* still on the same question: its feedback is shown */
      if (g_str_equal (bekal_quiz_page_get_step (page), "question")
          && bekal_quiz_page_get_index (page) == index)
        {
          if (feedback_screenshot != NULL)
            {
              save_screenshot (window, feedback_screenshot);
              feedback_screenshot = NULL;
            }
          g_assert_true (press_quiz_key (page, GDK_KEY_Return));
        }
    }

  ui_wait_until (quiz_shows_results, page, "the results of the quiz");
  g_assert_true (bekal_quiz_session_is_finished (session));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
card_is_passed (gpointer data)
{
  BekalWindow *window = data;
  GtkFlowBoxChild *child = find_module_card (window, EXAMPLE_MODULE);

  return child != NULL
         && bekal_module_card_get_state (BEKAL_MODULE_CARD (gtk_flow_box_child_get_child (child)))
            == BEKAL_MODULE_STATE_PASSED;
}

static gboolean
my_results_read (gpointer data)
{
  return !bekal_my_results_page_is_loading (data);
}

static gboolean
gap_report_computed (gpointer data)
{
  return !bekal_gap_report_page_is_loading (data);
}

static void
quiz_flow (BekalApplication *app,
           BekalWindow      *window,
           gpointer          data)
{
  BekalStore *store = bekal_application_get_store (app);
  BekalModulePage *module_page = bekal_window_get_module_page (window);
  BekalQuizPage *quiz_page = bekal_module_page_get_quiz_page (module_page);
  BekalModule *module;
  BekalLessonView *view;
  BekalModuleFlag flags = 0;
  g_autoptr(GPtrArray) attempts = NULL;
  GtkWidget *practice_button;
  GtkWidget *posttest_button;
  BekalMyResultsPage *results;
  BekalGapReportPage *report;
  gint64 profile_id;
  guint practice_block;
  double practice_score;
  g_autofree char *last_score = NULL;

  create_profile (window, "Ayu Lestari", NULL);
  profile_id = bekal_window_get_learner (window);

  /* the pre-test: started from its step, answered, then on to the lessons */
  open_example_module (window);
  continue_note (window);
  wait_for_step (window, "pretest");
  g_assert_null (find_label_with_text (GTK_WIDGET (module_page), "later version"));
  g_assert_null (find_label_with_text (GTK_WIDGET (module_page), "versi berikutnya"));
  click (ui_require_id (GTK_WIDGET (module_page), "start_pretest_button"));
  wait_for_step (window, "quiz");
  g_assert_cmpint (bekal_quiz_session_get_kind (bekal_quiz_page_get_session (quiz_page)), ==,
                   BEKAL_SESSION_PRETEST);
  assert_focusables_named (GTK_WIDGET (quiz_page));
  save_screenshot (window, "20-pretest-1366x768-id.png");

  /* leaving half-way and coming back resumes the same attempt */
  choose_answer (quiz_page, FALSE);
  g_assert_true (press_quiz_key (quiz_page, GDK_KEY_Return));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  wait_for_step (window, "pretest");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (ui_require_id (GTK_WIDGET (module_page),
                                                                 "start_pretest_button"))),
                   ==, _("_Continue the Pre-test"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (module_page), "module.start-pretest",
                                             NULL));
  wait_for_step (window, "quiz");
  g_assert_cmpuint (bekal_quiz_page_get_index (quiz_page), ==, 1);

  answer_quiz (window, quiz_page, FALSE, NULL);
  bekal_store_get_module_flags (store, profile_id, EXAMPLE_MODULE, &flags, NULL);
  g_assert_true (flags & BEKAL_MODULE_FLAG_PRETEST_DONE);
  click (ui_require_id (GTK_WIDGET (quiz_page), "close_button"));
  view = wait_for_lesson (window, "mengenal-5r");

  /* the practice inside the lesson: a card, the quiz, and back to the same block */
  practice_button = find_by_name (GTK_WIDGET (view), "practice_start_button");
  g_assert_nonnull (practice_button);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), "Latihan: 2 soal"));
  practice_block = g_variant_get_uint32 (
    gtk_actionable_get_action_target_value (GTK_ACTIONABLE (practice_button)));
  bekal_lesson_view_scroll_to_block (view, practice_block);
  ui_wait_until (lesson_is_settled, view, "the scroll to the practice");
  save_screenshot (window, "21-practice-card-1366x768-id.png");
  click (practice_button);
  wait_for_step (window, "quiz");
  g_assert_cmpint (bekal_quiz_session_get_kind (bekal_quiz_page_get_session (quiz_page)), ==,
                   BEKAL_SESSION_PRACTICE);
  answer_quiz (window, quiz_page, TRUE, "22-practice-feedback-1366x768-id.png");
  practice_score = bekal_quiz_session_get_score (bekal_quiz_page_get_session (quiz_page));
  /* the true-false right, the order left as shown, which is never right */
  g_assert_cmpfloat (practice_score, >=, 0.5);
  g_assert_cmpfloat (practice_score, <, 1.0);
  click (ui_require_id (GTK_WIDGET (quiz_page), "close_button"));
  view = wait_for_lesson (window, "mengenal-5r");
  g_assert_cmpuint (bekal_lesson_view_get_current_block (view), ==, practice_block);
  /* the card shows the score of the last attempt */
  last_score = g_strdup_printf (_("Last score: %d%%"), (int) (practice_score * 100.0 + 0.5));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), last_score));

  /* read on to the end of the module */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (module_page), "module.next-lesson",
                                             NULL));
  continue_note (window);
  wait_for_lesson (window, "peran-peksos");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (module_page), "module.next-lesson",
                                             NULL));
  wait_for_step (window, "finished");
  posttest_button = ui_require_id (GTK_WIDGET (module_page), "posttest_button");
  g_assert_true (gtk_widget_get_sensitive (posttest_button));

  /* the post-test, passed with the right answers */
  click (posttest_button);
  wait_for_step (window, "quiz");
  g_assert_cmpint (bekal_quiz_session_get_kind (bekal_quiz_page_get_session (quiz_page)), ==,
                   BEKAL_SESSION_POSTTEST);
  answer_quiz (window, quiz_page, TRUE, NULL);
  g_assert_cmpint (bekal_quiz_session_get_verdict (bekal_quiz_page_get_session (quiz_page)), ==,
                   BEKAL_QUIZ_VERDICT_PASSED);
  save_screenshot (window, "23-posttest-results-1366x768-id.png");
  bekal_store_get_module_flags (store, profile_id, EXAMPLE_MODULE, &flags, NULL);
  g_assert_true (flags & BEKAL_MODULE_FLAG_POSTTEST_PASSED);
  click (ui_require_id (GTK_WIDGET (quiz_page), "close_button"));
  wait_for_step (window, "finished");
  save_screenshot (window, "24-finished-1366x768-id.png");

  /* the library card says so at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  wait_for_page (window, "library");
  ui_wait_until (card_is_passed, window, "the module card shown as passed");

  /* My results: the three attempts of this module */
  module = bekal_module_page_get_module (module_page);
  attempts = bekal_store_list_attempts (store, profile_id, bekal_module_get_id (module), NULL,
                                        NULL);
  g_assert_cmpuint (attempts->len, ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-my-results", NULL));
  wait_for_page (window, "results");
  results = bekal_window_get_my_results_page (window);
  /* read in a worker thread, on a connection of its own */
  ui_wait_until (my_results_read, results, "the results to be read");
  g_assert_cmpuint (bekal_my_results_page_get_n_attempts (results), ==, 3);
  save_screenshot (window, "25-my-results-1366x768-id.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  wait_for_page (window, "library");

  /* the trainer's view, reachable without a learner too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-learner", NULL));
  wait_for_page (window, "profiles");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-my-results"));
  /* trainer mode first: the passphrase */
  unlock_trainer_with (window, store, "win.show-gap-report");
  wait_for_page (window, "gap-report");
  report = bekal_window_get_gap_report_page (window);
  /* computed in a worker thread, on a connection of its own */
  ui_wait_until (gap_report_computed, report, "the gap report to be computed");
  g_assert_cmpuint (bekal_gap_report_page_get_n_rows (report), >, 0);
  save_screenshot (window, "26-gap-report-1366x768-id.png");
  /* the chart, in the dark style too */
  gtk_stack_set_visible_child_name (GTK_STACK (ui_require_id (GTK_WIDGET (report), "view_stack")),
                                    "chart");
  save_screenshot (window, "26-gap-report-chart-1366x768-id.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (window, "26-gap-report-chart-dark-1366x768-id.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  wait_for_page (window, "profiles");
}

static void
test_quiz_flow (void)
{
  g_autofree char *data_dir = new_data_dir ("quiz-flow");

  run_app (data_dir, NULL, 1366, 768, quiz_flow, NULL);
}

/* No attempt left at the post-test: its button cannot be used, and the page says why */
static void
no_retakes_left (BekalApplication *app,
                 BekalWindow      *window,
                 gpointer          data)
{
  BekalStore *store = bekal_application_get_store (app);
  BekalModulePage *module_page = bekal_window_get_module_page (window);
  BekalQuizPage *quiz_page = bekal_module_page_get_quiz_page (module_page);
  GtkWidget *button;
  GtkWidget *status;

  create_profile (window, "Joko", NULL);
  bekal_store_set_module_flag (store, bekal_window_get_learner (window), EXAMPLE_MODULE,
                               BEKAL_MODULE_FLAG_PRETEST_SKIPPED, NULL);
  open_example_module (window);
  continue_note (window);
  wait_for_lesson (window, "mengenal-5r");
  bekal_module_page_show_lesson (module_page, 1);
  continue_note (window);
  wait_for_lesson (window, "peran-peksos");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (module_page), "module.next-lesson",
                                             NULL));
  wait_for_step (window, "finished");
  button = ui_require_id (GTK_WIDGET (module_page), "posttest_button");

  /* the module allows two retakes: three failed attempts use them all */
  for (int i = 0; i < 3; i++)
    {
      click (button);
      wait_for_step (window, "quiz");
      answer_quiz (window, quiz_page, FALSE, NULL);
      g_assert_cmpint (bekal_quiz_session_get_verdict (bekal_quiz_page_get_session (quiz_page)),
                       ==, BEKAL_QUIZ_VERDICT_FAILED);
      /* the keys only after the last try: before it, no review and a word on why */
      g_assert_cmpint (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (quiz_page),
                                                              "keys_withheld_label")),
                       ==, i < 2);
      g_assert_cmpint (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (quiz_page),
                                                              "review_title")),
                       ==, i == 2);
      g_assert_cmpint (gtk_widget_get_first_child (ui_require_id (GTK_WIDGET (quiz_page),
                                                                  "review_box")) != NULL,
                       ==, i == 2);
      if (i == 0)
        save_screenshot (window, "27-keys-withheld-1366x768-id.png");
      click (ui_require_id (GTK_WIDGET (quiz_page), "close_button"));
      wait_for_step (window, "finished");
    }

  g_assert_false (gtk_widget_get_sensitive (button));
  status = ui_require_id (GTK_WIDGET (module_page), "posttest_status_label");
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), !=, "");
  save_screenshot (window, "27-no-retakes-1366x768-id.png");
}

static void
test_no_retakes (void)
{
  g_autofree char *data_dir = new_data_dir ("no-retakes");

  run_app (data_dir, NULL, 1366, 768, no_retakes_left, NULL);
}

/* Another process holds the database's write lock: the post-test starts, and an answer is
 * saved, only once it lets go; meanwhile the window says why and stays usable */
static sqlite3 *
hold_write_lock (BekalStore *store)
{
  g_autofree char *path = g_build_filename (bekal_store_get_data_dir (store),
                                            BEKAL_STORE_FILE_NAME, NULL);
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return other;
}

static void
release_write_lock (sqlite3 *other)
{
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
}

static gboolean
quiz_has_session (gpointer data)
{
  return bekal_quiz_page_get_session (data) != NULL;
}

static gboolean
quiz_answers_saved (gpointer data)
{
  BekalQuizPage *page = data;
  GtkWidget *banner = ui_require_id (GTK_WIDGET (page), "save_error_revealer");

  return bekal_quiz_session_get_n_pending (bekal_quiz_page_get_session (page)) == 0
         && !gtk_revealer_get_reveal_child (GTK_REVEALER (banner));
}

static void
busy_database (BekalApplication *app,
               BekalWindow      *window,
               gpointer          data)
{
  BekalStore *store = bekal_application_get_store (app);
  BekalModulePage *module_page = bekal_window_get_module_page (window);
  BekalQuizPage *quiz_page = bekal_module_page_get_quiz_page (module_page);
  GtkWidget *banner;
  GtkWidget *label;
  GtkWidget *retry;
  sqlite3 *other;
  g_autoptr(BekalQuizAttempt) attempt = NULL;
  g_autoptr(GError) error = NULL;

  create_profile (window, "Sari", NULL);
  bekal_store_set_module_flag (store, bekal_window_get_learner (window), EXAMPLE_MODULE,
                               BEKAL_MODULE_FLAG_PRETEST_SKIPPED, NULL);
  open_example_module (window);
  continue_note (window);
  wait_for_lesson (window, "mengenal-5r");
  bekal_module_page_show_lesson (module_page, 1);
  continue_note (window);
  wait_for_lesson (window, "peran-peksos");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (module_page), "module.next-lesson",
                                             NULL));
  wait_for_step (window, "finished");

  /* the attempt cannot start while the lock is held: the page says why, offers nothing to
   * click in vain, and the window keeps drawing */
  other = hold_write_lock (store);
  click (ui_require_id (GTK_WIDGET (module_page), "posttest_button"));
  wait_for_step (window, "quiz");
  ui_settle (600);
  g_assert_null (bekal_quiz_page_get_session (quiz_page));
  banner = ui_require_id (GTK_WIDGET (quiz_page), "save_error_revealer");
  label = ui_require_id (GTK_WIDGET (quiz_page), "save_error_label");
  retry = ui_require_id (GTK_WIDGET (quiz_page), "retry_button");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Bekal"));
  g_assert_false (gtk_widget_get_visible (retry));
  save_screenshot (window, "30-busy-database-1366x768-id.png");
  release_write_lock (other);
  ui_wait_until (quiz_has_session, quiz_page, "the attempt to start");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* an answer given while the lock is held is kept, not called saved, and saved after */
  other = hold_write_lock (store);
  choose_answer (quiz_page, TRUE);
  g_assert_true (press_quiz_key (quiz_page, GDK_KEY_Return));
  ui_settle (600);
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (bekal_quiz_page_get_session (quiz_page)),
                    ==, 1);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_false (gtk_widget_get_visible (retry));
  release_write_lock (other);
  ui_wait_until (quiz_answers_saved, quiz_page, "the kept answer to be saved");

  if (g_str_equal (bekal_quiz_page_get_step (quiz_page), "question")
      && bekal_quiz_page_get_index (quiz_page) == 0)
    g_assert_true (press_quiz_key (quiz_page, GDK_KEY_Return));
  answer_quiz (window, quiz_page, TRUE, NULL);

  attempt = bekal_store_dup_counted_attempt (store, bekal_window_get_learner (window),
                                             EXAMPLE_MODULE, BEKAL_QUIZ_POSTTEST, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attempt);
}

static void
test_busy_database (void)
{
  g_autofree char *data_dir = new_data_dir ("busy-database");

  run_app (data_dir, NULL, 1366, 768, busy_database, NULL);
}

/* The trainer's item analysis and the results files: learners' tests written into the store
 * (one question everyone gets right, so it is flagged), a results file from another laptop
 * imported through the window, the item analysis page showing both */

static gboolean
catalog_loaded (gpointer data)
{
  return !bekal_application_is_catalog_loading (data);
}

static gboolean
item_analysis_computed (gpointer data)
{
  return !bekal_item_analysis_page_is_loading (data);
}

static gboolean
widget_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 1;
}

static gboolean
results_exchanged (gpointer data)
{
  return !bekal_window_is_exchanging_results (data);
}

static BekalModule *
find_example_module (BekalApplication *app)
{
  GListModel *catalog = G_LIST_MODEL (bekal_application_get_catalog (app));

  ui_wait_until (catalog_loaded, app, "the catalog to be loaded");
  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(BekalCatalogEntry) entry = g_list_model_get_item (catalog, i);

      if (g_str_equal (bekal_catalog_entry_get_id (entry), EXAMPLE_MODULE))
        return bekal_catalog_entry_get_module (entry, g_get_language_names ());
    }

  return NULL;
}

/* @n_learners learners take the pre-test: learner i answers question q right when q is the
 * first one or when (i + q) is even, so the first question is too easy */
static void
add_test_results (BekalStore  *store,
                  BekalModule *module,
                  const char  *name,
                  guint        n_learners)
{
  BekalQuiz *quiz = bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRETEST);
  BekalQuiz *pool = bekal_quiz_get_pool (quiz);
  guint n = MIN (bekal_quiz_get_n_questions (pool), 6);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_learners; i++)
    {
      g_autofree char *learner = g_strdup_printf ("%s %u", name, i + 1);
      gint64 profile = bekal_store_create_profile (store, learner, "Sentra Uji", "Peksos", 1,
                                                   i % 2, &error);
      gint64 attempt;
      double total = 0;

      g_assert_no_error (error);
      attempt = bekal_store_start_attempt (store, profile, EXAMPLE_MODULE, "1", "hash",
                                           bekal_quiz_get_id (quiz), BEKAL_QUIZ_PRETEST, i, NULL,
                                           &error);
      g_assert_no_error (error);
      for (guint q = 0; q < n; q++)
        {
          BekalQuestion *question = bekal_quiz_get_question (pool, q);
          double score = q == 0 || (i + q + i / 3) % 2 == 0 ? 1 : 0;

          bekal_store_record_answer (store, attempt, bekal_question_get_id (question),
                                     bekal_question_get_topic_id (question),
                                     score > 0 ? "a" : "b", score, &error);
          g_assert_no_error (error);
          total += score;
        }
      bekal_store_finish_attempt (store, attempt, total / n, BEKAL_QUIZ_VERDICT_NONE, &error);
      g_assert_no_error (error);
    }
}

/* @data: the screenshots' suffix, "1366x768-id" or "1024x768-en" */
static void
item_analysis_and_results (BekalApplication *app,
                           BekalWindow      *window,
                           gpointer          data)
{
  const char *suffix = data;
  g_autofree char *dialog_shot = g_strdup_printf ("28-results-imported-%s.png", suffix);
  g_autofree char *page_shot = g_strdup_printf ("29-item-analysis-%s.png", suffix);
  BekalStore *store = bekal_application_get_store (app);
  BekalModule *module = find_example_module (app);
  g_autofree char *other_name = g_strdup_printf ("item-analysis-other-laptop-%s", suffix);
  g_autofree char *other_dir = new_data_dir (other_name);
  g_autofree char *other_file = g_build_filename (other_dir, "laptop-2.jsonl", NULL);
  g_autofree char *exported = g_build_filename (other_dir, "laptop-1.jsonl", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BekalItemAnalysisPage *page;
  GtkWidget *dialog = NULL;

  g_assert_nonnull (module);
  add_test_results (store, module, "Peserta A", 8);

  /* another laptop's results, as a file */
  {
    g_autoptr(BekalStore) other = open_store (other_dir);

    add_test_results (other, module, "Peserta B", 6);
    g_assert_true (bekal_xapi_export (other, other_file, BEKAL_XAPI_FLAGS_WITH_NAMES, NULL,
                                      &error));
    g_assert_no_error (error);
  }

  /* imported through the window: a dialog sums up what was added */
  file = g_file_new_for_path (other_file);
  bekal_window_import_results (window, file);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import-results"));
  ui_wait_until (results_exchanged, window, "the results file to be imported");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import-results"));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          dialog = GTK_WIDGET (toplevel);
      }
  }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), " 6 "));
  ui_wait_until (widget_shown, dialog, "the import's summary to be shown");
  ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir, dialog_shot);
  gtk_window_destroy (GTK_WINDOW (dialog));
  {
    g_autoptr(GListModel) profiles = bekal_store_list_profiles (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 8 + 6);
  }

  /* exported again from here, without names: both laptops' learners, as codes */
  g_clear_object (&file);
  file = g_file_new_for_path (exported);
  bekal_window_export_results (window, file, FALSE);
  ui_wait_until (results_exchanged, window, "the results file to be exported");
  g_assert_true (g_file_get_contents (exported, &text, NULL, &error));
  g_assert_null (strstr (text, "Peserta"));
  g_assert_nonnull (strstr (text, "\"statements\":"));

  /* the item analysis of both, in trainer mode */
  unlock_trainer_with (window, store, "win.show-item-analysis");
  wait_for_page (window, "item-analysis");
  page = bekal_window_get_item_analysis_page (window);
  ui_wait_until (item_analysis_computed, page, "the item analysis to be computed");
  g_assert_cmpuint (bekal_item_analysis_page_get_n_tests (page), ==, 1);
  g_assert_cmpuint (bekal_item_analysis_page_get_n_items (page), >=, 2);
  g_assert_cmpuint (bekal_item_analysis_page_get_n_flagged (page), >=, 1);
  /* every list of questions and every warning has a name for screen readers */
  {
    g_autoptr(GPtrArray) lists = ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX);

    g_assert_cmpuint (lists->len, ==, 1);
  }
  save_screenshot (window, page_shot);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  wait_for_page (window, "profiles");
}


/* @n_learners learners take the pre-test and the post-test of the example module, over three
 * months; the post-test is better for most, and the last learner fails it */
static void
add_pre_post_results (BekalStore  *store,
                      BekalModule *module,
                      guint        n_learners)
{
  static const char * const names[] = {
    "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Marlina",
    "Yohanes Kristianto Wibisono", "Made Wirawan", "Nur Aini", "Teguh Prasetyo",
    "Maria Goreti", "Fajar Nugroho", "Intan Permata",
  };
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_learners; i++)
    {
      gint64 profile = bekal_store_create_profile (store, names[i % G_N_ELEMENTS (names)],
                                                   "Sentra Uji", "Peksos", 1, i % 2, &error);

      g_assert_no_error (error);
      for (guint r = 0; r < 2; r++)
        {
          BekalQuizRole role = r == 0 ? BEKAL_QUIZ_PRETEST : BEKAL_QUIZ_POSTTEST;
          BekalQuiz *quiz = bekal_module_find_quiz_by_role (module, role);
          BekalQuiz *pool = bekal_quiz_get_pool (quiz);
          guint n = MIN (bekal_quiz_get_n_questions (pool), 6);
          g_autofree char *sql = NULL;
          double total = 0;
          gint64 attempt;

          attempt = bekal_store_start_attempt (store, profile, EXAMPLE_MODULE, "1", "hash",
                                               bekal_quiz_get_id (quiz), role, i, NULL, &error);
          g_assert_no_error (error);
          for (guint q = 0; q < n; q++)
            {
              BekalQuestion *question = bekal_quiz_get_question (pool, q);
              double score = (i * 7 + q * 3 + r * (3 + i % 4)) % 5 < 2 + 2 * r ? 1 : 0;

              /* the last learner fails the post-test */
              if (r == 1 && i == n_learners - 1)
                score = q == 0 ? 1 : 0;

              bekal_store_record_answer (store, attempt, bekal_question_get_id (question),
                                         bekal_question_get_topic_id (question),
                                         score > 0 ? "a" : "b", score, &error);
              g_assert_no_error (error);
              total += score;
            }
          bekal_store_finish_attempt (store, attempt, total / n,
                                      r == 0 ? BEKAL_QUIZ_VERDICT_NONE
                                      : total / n >= 0.7 ? BEKAL_QUIZ_VERDICT_PASSED
                                      : BEKAL_QUIZ_VERDICT_FAILED, &error);
          g_assert_no_error (error);
          sql = g_strdup_printf ("UPDATE quiz_attempts SET finished_at = strftime ('%%s',"
                                 " '2026-%02u-%02u') WHERE id = %" G_GINT64_FORMAT,
                                 1 + i % 3, 5 + 15 * r, attempt);
          g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        }
    }
}

/* The text of a PDF, through pdftotext */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
keep_message (GtkWidget   *page,
              const char  *text,
              char       **out)
{
  g_free (*out);
  *out = g_strdup (text);
}

static gboolean
string_is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* A learner whose counted post-test passed, or failed */
static gint64
learner_with_verdict (BekalStore *store,
                      int         passed)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT profile_id FROM quiz_attempts"
                                       " WHERE role = 'posttest' AND passed = ?1"
                                       " ORDER BY profile_id LIMIT 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, passed);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
passed_learner (BekalStore *store)
{
  return learner_with_verdict (store, 1);
}

static gint64
failed_learner (BekalStore *store)
{
  return learner_with_verdict (store, 0);
}

/* The gap report's three charts and their tables, in light and dark; @data: the screenshots'
 * suffix, "1366x768-id" or "1024x768-en" */
static void
report_charts (BekalApplication *app,
               BekalWindow      *window,
               gpointer          data)
{
  static const char * const views[] = { "chart", "changes", "trend" };
  const char *suffix = data;
  BekalStore *store = bekal_application_get_store (app);
  BekalModule *module = find_example_module (app);
  BekalGapReportPage *report;
  GtkStack *view_stack;

  g_assert_nonnull (module);
  add_pre_post_results (store, module, 12);

  wait_for_page (window, "profiles");
  unlock_trainer_with (window, store, "win.show-gap-report");
  wait_for_page (window, "gap-report");
  report = bekal_window_get_gap_report_page (window);
  ui_wait_until (gap_report_computed, report, "the gap report to be computed");
  g_assert_cmpuint (bekal_gap_report_page_get_n_rows (report), >, 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=,
                   g_str_has_prefix (suffix, "1024") ? 1024 : 1366);

  /* every chart has its table one click away: three charts of one module */
  {
    g_autoptr(GPtrArray) charts = ui_find_all (GTK_WIDGET (report), BEKAL_TYPE_CHART_VIEW);
    g_autoptr(GPtrArray) tables = ui_find_all (GTK_WIDGET (report), GTK_TYPE_EXPANDER);

    g_assert_cmpuint (charts->len, ==, 3);
    g_assert_cmpuint (tables->len, ==, 3);
  }

  view_stack = GTK_STACK (ui_require_id (GTK_WIDGET (report), "view_stack"));
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                          : ADW_COLOR_SCHEME_DEFAULT);
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          g_autofree char *shot = g_strdup_printf ("38-report-%s%s-%s.png", views[v],
                                                   dark ? "-dark" : "", suffix);

          gtk_stack_set_visible_child_name (view_stack, views[v]);
          save_screenshot (window, shot);
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* a chart's table, opened */
  {
    GtkWidget *box = ui_require_id (GTK_WIDGET (report), "changes_box");
    g_autoptr(GPtrArray) expanders = ui_find_all (box, GTK_TYPE_EXPANDER);
    g_autofree char *shot = g_strdup_printf ("38-report-changes-table-%s.png", suffix);

    gtk_stack_set_visible_child_name (view_stack, "changes");
    gtk_expander_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
    save_screenshot (window, shot);
  }

  /* the PDF of the report, written in a worker thread, the item analysis appended */
  {
    g_autofree char *pdf = g_build_filename (bekal_store_get_data_dir (store), "gap.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    g_autofree char *text = NULL;
    gboolean done = FALSE;
    gulong handler = g_signal_connect_swapped (report, "exported", G_CALLBACK (set_flag), &done);

    bekal_gap_report_page_export_pdf_to_file (report, file);
    /* the page stays usable meanwhile; its PDF button waits */
    g_assert_false (gtk_widget_get_sensitive (ui_require_id (GTK_WIDGET (report),
                                                             "pdf_button")));
    ui_wait_until (flag_is_set, &done, "the PDF to be written");
    g_signal_handler_disconnect (report, handler);
    g_assert_true (gtk_widget_get_sensitive (ui_require_id (GTK_WIDGET (report), "pdf_button")));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Siti Rahmawati"));
    /* topics by their names in the interface's language, as the table shows them */
    g_assert_nonnull (strstr (text, g_str_has_prefix (suffix, "1024") ? "The 5R approach"
                                                                       : "Pendekatan 5R"));
    g_assert_nonnull (strstr (text, g_str_has_prefix (suffix, "1024") ? "Item analysis"
                                                                       : "Analisis butir soal"));
    {
      g_autofree char *part = g_strconcat (pdf, ".part", NULL);

      g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
    }
  }

  /* the item analysis page's PDF (trainer mode is still on) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-item-analysis",
                                             NULL));
  wait_for_page (window, "item-analysis");
  {
    BekalItemAnalysisPage *items = bekal_window_get_item_analysis_page (window);
    g_autofree char *pdf = g_build_filename (bekal_store_get_data_dir (store), "items.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    g_autofree char *text = NULL;
    gboolean done = FALSE;

    ui_wait_until (item_analysis_computed, items, "the item analysis to be computed");
    g_signal_connect_swapped (items, "exported", G_CALLBACK (set_flag), &done);
    bekal_item_analysis_page_export_pdf_to_file (items, file);
    ui_wait_until (flag_is_set, &done, "the item analysis PDF to be written");
    g_signal_handlers_disconnect_by_data (items, &done);
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "contoh-semua-elemen"));
    g_assert_nonnull (strstr (text, "KR-20"));
  }

  /* a certificate from the learners page, in the language of the interface */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-learners", NULL));
  wait_for_page (window, "learners");
  {
    BekalLearnersPage *learners = bekal_window_get_learners_page (window);
    g_autofree char *pdf = g_build_filename (bekal_store_get_data_dir (store), "cert.pdf", NULL);
    g_autofree char *shot = g_strdup_printf ("39-certificate-dialog-%s.png", suffix);
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    g_autofree char *text = NULL;
    g_autofree char *message = NULL;
    GtkWidget *dialog;
    gint64 passed = passed_learner (store);

    dialog = bekal_learners_page_ask_certificate (learners, passed);
    g_assert_nonnull (dialog);
    ui_wait_until (widget_shown, dialog, "the certificate dialog to be shown");
    ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir, shot);
    gtk_window_destroy (GTK_WINDOW (dialog));

    g_signal_connect (learners, "message", G_CALLBACK (keep_message), &message);
    bekal_learners_page_write_certificate (learners, passed, EXAMPLE_MODULE, file);
    ui_wait_until (string_is_set, &message, "the certificate to be written");
    g_assert_nonnull (strstr (message, "cert.pdf"));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, g_str_has_prefix (suffix, "1024") ? "CERTIFICATE"
                                                                       : "SERTIFIKAT"));
    g_assert_nonnull (strstr (text, "Sentra Uji"));
    g_clear_pointer (&message, g_free);

    /* a learner who failed: refused, with the reason, and no file */
    g_assert_cmpint (g_unlink (pdf), ==, 0);
    bekal_learners_page_write_certificate (learners, failed_learner (store), EXAMPLE_MODULE,
                                           file);
    ui_wait_until (string_is_set, &message, "the certificate to be refused");
    g_signal_handlers_disconnect_by_data (learners, &message);
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    g_assert_null (strstr (message, "cert.pdf"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
}

static void
test_report_charts (void)
{
  g_autofree char *data_dir = new_data_dir ("report-charts");

  run_app (data_dir, NULL, 1366, 768, report_charts, (gpointer) "1366x768-id");
}

static void
test_report_charts_english (void)
{
  g_autofree char *data_dir = new_data_dir ("report-charts-en");
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "en", TRUE);
  run_app (data_dir, NULL, 1024, 768, report_charts, (gpointer) "1024x768-en");
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static gboolean
learners_page_written (gpointer data)
{
  return !bekal_learners_page_is_writing (BEKAL_LEARNERS_PAGE (data));
}

static gboolean
learners_page_shows (gpointer data)
{
  return bekal_learners_page_get_n_rows (BEKAL_LEARNERS_PAGE (data)) > 0;
}

/* Trainer mode: the passphrase set at first use, wrong passphrases and the wait, the gap
 * report only after the unlock, learner management, the end of trainer mode; then a learner's
 * PIN */
static void
trainer_and_privacy (BekalApplication *app,
                     BekalWindow      *window,
                     gpointer          data)
{
  BekalStore *store = bekal_application_get_store (app);
  BekalModule *module = find_example_module (app);
  sqlite3 *db = bekal_store_get_connection_for_testing (store);
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(BekalProfile) first = NULL;
  g_autoptr(GError) error = NULL;
  BekalLearnersPage *learners;
  AdwMessageDialog *dialog;
  GtkWidget *delete_dialog;
  gint64 first_id;
  guint n_before;

  g_assert_nonnull (module);
  add_test_results (store, module, "Peserta", 4);

  /* first use of a trainer feature: set the passphrase, twice */
  wait_for_page (window, "profiles");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gap-report", NULL));
  dialog = wait_for_trainer_dialog (window);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  type_secret (dialog, "trainer-new-passphrase", "pendek");
  type_secret (dialog, "trainer-repeat-passphrase", "pendek");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  type_secret (dialog, "trainer-new-passphrase", TRAINER_PASSPHRASE);
  type_secret (dialog, "trainer-repeat-passphrase", TRAINER_PASSPHRASE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_cmpstr (bekal_window_get_page_name (window), ==, "profiles");
  ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir,
                      "30-trainer-set-passphrase-1366x768-id.png");
  respond (dialog, "save");
  ui_wait_until (trainer_unlocked, window, "trainer mode to be on");
  wait_for_page (window, "gap-report");
  ui_wait_until (gap_report_computed, bekal_window_get_gap_report_page (window),
                 "the gap report to be computed");
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (window), "trainer_button")));
  save_screenshot (window, "31-trainer-mode-on-1366x768-id.png");

  /* ended on demand: the trainer's page closes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.end-trainer-mode", NULL));
  wait_for_page (window, "profiles");
  g_assert_false (trainer_unlocked (window));
  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (window), "trainer_button")));

  /* a wrong passphrase: refused, the gap report stays closed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gap-report", NULL));
  dialog = wait_for_trainer_dialog (window);
  type_secret (dialog, "trainer-passphrase", "bukan-ini");
  dialog = answer_trainer_dialog (window, dialog, "unlock");
  g_assert_true (gtk_widget_get_visible (find_by_name (GTK_WIDGET (dialog),
                                                       "trainer-gate-message")));
  g_assert_cmpstr (bekal_window_get_page_name (window), ==, "profiles");
  g_assert_false (trainer_unlocked (window));
  type_secret (dialog, "trainer-passphrase", "bukan-ini");
  ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir,
                      "32-trainer-wrong-passphrase-1366x768-id.png");

  /* five wrong tries: a wait, shown in the dialog, during which nothing is checked */
  for (int i = 1; i < BEKAL_SECRET_FREE_TRIES; i++)
    {
      type_secret (dialog, "trainer-passphrase", "bukan-ini");
      dialog = answer_trainer_dialog (window, dialog, "unlock");
    }
  type_secret (dialog, "trainer-passphrase", TRAINER_PASSPHRASE);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "unlock"));
  {
    GtkWidget *message = find_by_name (GTK_WIDGET (dialog), "trainer-gate-message");
    gint64 wait = 0;

    /* the label counts down the seconds the store says are left */
    g_assert_true (bekal_store_get_trainer_wait (store, &wait, NULL, &error));
    g_assert_cmpint (wait, >, 0);
    g_assert_true (gtk_widget_get_visible (message));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), !=, "");
  }
  ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir, "33-trainer-wait-1366x768-id.png");
  g_assert_cmpstr (bekal_window_get_page_name (window), ==, "profiles");
  respond (dialog, "cancel");

  /* after the wait, the right passphrase opens the gap report */
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE trainer_lock SET last_failed_at = last_failed_at - 31",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  unlock_trainer_with (window, store, "win.show-gap-report");
  wait_for_page (window, "gap-report");

  /* learner management: the list with counts, and a deletion that names what goes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-learners", NULL));
  wait_for_page (window, "learners");
  learners = bekal_window_get_learners_page (window);
  ui_wait_until (learners_page_shows, learners, "the learners to be listed");
  n_before = bekal_learners_page_get_n_rows (learners);
  g_assert_cmpuint (n_before, ==, 4);
  save_screenshot (window, "34-learners-1366x768-id.png");

  profiles = bekal_store_list_profiles (store, &error);
  first = g_list_model_get_item (profiles, 0);
  first_id = bekal_profile_get_id (first);
  delete_dialog = bekal_learners_page_ask_delete (learners, first_id);
  g_assert_nonnull (delete_dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (delete_dialog)),
                            bekal_profile_get_name (first)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (delete_dialog)),
                            "1 "));
  ui_wait_until (widget_shown, delete_dialog, "the deletion to be confirmed");
  ui_save_screenshot (GTK_WINDOW (delete_dialog), screenshot_dir,
                      "35-learner-delete-1366x768-id.png");
  respond (ADW_MESSAGE_DIALOG (delete_dialog), "delete");
  /* written in a worker thread: the window is not held meanwhile */
  g_assert_true (bekal_learners_page_is_writing (learners));
  ui_wait_until (learners_page_written, learners, "the deletion to be written");
  g_assert_cmpuint (bekal_learners_page_get_n_rows (learners), ==, n_before - 1);
  g_assert_null (bekal_store_dup_profile (store, first_id, NULL));

  /* two profiles of one person merged: the one kept gets the other's attempt */
  {
    g_autoptr(GListModel) left = bekal_store_list_profiles (store, &error);
    g_autoptr(BekalProfile) keep = g_list_model_get_item (left, 0);
    BekalProfileSummary summary = { 0 };
    GtkWidget *merge_dialog;

    merge_dialog = bekal_learners_page_ask_merge (learners, bekal_profile_get_id (keep));
    g_assert_nonnull (merge_dialog);
    ui_wait_until (widget_shown, merge_dialog, "the merge to be confirmed");
    ui_save_screenshot (GTK_WINDOW (merge_dialog), screenshot_dir,
                        "35b-learner-merge-1366x768-id.png");
    respond (ADW_MESSAGE_DIALOG (merge_dialog), "merge");
    ui_wait_until (learners_page_written, learners, "the merge to be written");
    g_assert_cmpuint (bekal_learners_page_get_n_rows (learners), ==, n_before - 2);
    g_assert_true (bekal_store_summarize_profile (store, bekal_profile_get_id (keep), &summary,
                                                  &error));
    g_assert_cmpuint (summary.n_attempts, ==, 2);
  }

  /* trainer mode ends by itself when nobody uses it */
  bekal_trainer_mode_set_idle_ms_for_testing (bekal_window_get_trainer_mode (window), 300);
  ui_wait_until (trainer_locked, window, "trainer mode to end when idle");
  wait_for_page (window, "profiles");
}

static void
pin_protected (BekalApplication *app,
               BekalWindow      *window,
               gpointer          data)
{
  BekalStore *store = bekal_application_get_store (app);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 ani;

  ani = bekal_store_create_profile (store, "Ani Lestari", "Sentra Handayani", "Peksos", 3, FALSE,
                                    &error);
  g_assert_true (bekal_store_set_profile_pin (store, ani, "2580", &error));
  g_assert_no_error (error);
  bekal_profile_page_load (bekal_window_get_profile_page (window), store);
  wait_for_page (window, "profiles");

  /* choosing the profile asks for the PIN; without it, the profile stays closed */
  g_signal_emit_by_name (bekal_window_get_profile_page (window), "profile-chosen", ani);
  dialog = wait_for_trainer_dialog (window);
  g_assert_cmpstr (bekal_window_get_page_name (window), ==, "profiles");
  g_assert_cmpint (bekal_window_get_learner (window), ==, 0);
  ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir, "36-pin-asked-1366x768-id.png");
  type_secret (dialog, "learner-pin", "1111");
  dialog = answer_trainer_dialog (window, dialog, "unlock");
  g_assert_cmpint (bekal_window_get_learner (window), ==, 0);
  g_assert_cmpstr (bekal_window_get_page_name (window), ==, "profiles");
  respond (dialog, "cancel");
  g_assert_cmpint (bekal_window_get_learner (window), ==, 0);

  /* the right PIN opens it */
  g_signal_emit_by_name (bekal_window_get_profile_page (window), "profile-chosen", ani);
  dialog = wait_for_trainer_dialog (window);
  type_secret (dialog, "learner-pin", "2580");
  respond (dialog, "unlock");
  wait_for_page (window, "library");
  g_assert_cmpint (bekal_window_get_learner (window), ==, ani);

  /* My results says who sees what, and offers to change the PIN */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-my-results", NULL));
  wait_for_page (window, "results");
  ui_wait_until (my_results_read, bekal_window_get_my_results_page (window),
                 "the results to be read");
  save_screenshot (window, "37-my-results-privacy-1366x768-id.png");
}

static void
test_trainer_mode (void)
{
  g_autofree char *data_dir = new_data_dir ("trainer-mode");

  run_app (data_dir, NULL, 1366, 768, trainer_and_privacy, NULL);
}

static void
test_pin (void)
{
  g_autofree char *data_dir = new_data_dir ("pin");

  run_app (data_dir, NULL, 1366, 768, pin_protected, NULL);
}

static void
test_item_analysis (void)
{
  g_autofree char *data_dir = new_data_dir ("item-analysis");

  run_app (data_dir, NULL, 1366, 768, item_analysis_and_results, (gpointer) "1366x768-id");
}

static void
test_item_analysis_english (void)
{
  g_autofree char *data_dir = new_data_dir ("item-analysis-en");

  run_app (data_dir, NULL, 1024, 768, item_analysis_and_results, (gpointer) "1024x768-en");
}

static void
test_text_markup (void)
{
  g_autoptr(BekalText) text = bekal_text_new ();
  g_autofree char *plain = NULL;
  g_autofree char *links = NULL;
  g_autoptr(GtkWidget) label = NULL;

  bekal_text_append (text, BEKAL_SPAN_PLAIN, NULL, "<a href=\"https://x\">&amp; ", -1);
  bekal_text_append (text, BEKAL_SPAN_TERM | BEKAL_SPAN_EMPHASIS, "returni", "re<tur>ni", -1);
  bekal_text_append (text, BEKAL_SPAN_TERM, NULL, " kamp", -1);
  bekal_text_seal (text);

  plain = bekal_text_to_pango_markup (text);
  g_assert_cmpstr (plain, ==, "&lt;a href=&quot;https://x&quot;&gt;&amp;amp; "
                              "<span underline=\"single\"><i>re&lt;tur&gt;ni</i></span>"
                              "<span underline=\"single\"> kamp</span>");

  links = bekal_text_to_pango_markup_full (text, BEKAL_TEXT_MARKUP_TERM_LINKS);
  g_assert_cmpstr (links, ==, "&lt;a href=&quot;https://x&quot;&gt;&amp;amp; "
                              "<a href=\"term:returni\"><i>re&lt;tur&gt;ni</i></a>"
                              "<span underline=\"single\"> kamp</span>");

  /* and GTK reads it back as the module's own words */
  gtk_init ();
  label = g_object_ref_sink (gtk_label_new (NULL));
  gtk_label_set_markup (GTK_LABEL (label), links);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "<a href=\"https://x\">&amp; re<tur>ni kamp");
}

/* Installing a module package: opened through the application's open path (as from the file
 * manager), on a data folder and a modules folder that do not have the module */
typedef struct
{
  const char *package;
  const char *broken;
  const char *newer;   /* version 1.1, one question renamed */
} InstallData;

static gboolean
install_dialog_checked (gpointer data)
{
  GtkWidget *dialog = bekal_window_get_install_dialog (data);

  return dialog != NULL
         && !GTK_IS_SPINNER (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
}

static gboolean
install_is_done (gpointer data)
{
  GtkWidget *dialog = bekal_window_get_install_dialog (data);

  return !bekal_window_is_installing (data) && dialog != NULL
         && !adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "install");
}

static gboolean
installed_card_is_shown (gpointer data)
{
  return find_module_card (data, EXAMPLE_MODULE) != NULL;
}

static gboolean
no_backups_left (gpointer data)
{
  g_auto(GStrv) backups = bekal_package_list_backups (NULL);

  return backups[0] == NULL;
}

static GtkWidget *
ui_require_descendant_of_type (GtkWidget *root,
                               GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = ui_require_descendant_of_type (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The blocks of mengenal-5r the window's learner has seen, as "i,j,…", each plus @shift */
static char *
seen_in_first_lesson (BekalWindow *window,
                      guint        shift)
{
  BekalApplication *app = BEKAL_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(GPtrArray) seen = NULL;
  GString *text = g_string_new (NULL);

  seen = bekal_store_list_seen_blocks (bekal_application_get_store (app),
                                       bekal_window_get_learner (window), EXAMPLE_MODULE,
                                       "mengenal-5r", NULL);
  for (guint i = 0; seen != NULL && i < seen->len; i++)
    g_string_append_printf (text, "%u,",
                            ((BekalSeenBlock *) g_ptr_array_index (seen, i))->block_index + shift);
  return g_string_free (text, FALSE);
}

static char *seen_expected;

static gboolean
seen_blocks_moved (gpointer data)
{
  g_autofree char *seen = seen_in_first_lesson (data, 0);

  return g_strcmp0 (seen, seen_expected) == 0;
}

static void
open_package (BekalApplication *app,
              BekalWindow      *window,
              const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  ui_wait_until (install_dialog_checked, window, "the package to be checked");
}

static void
install_package (BekalApplication *app,
                 BekalWindow      *window,
                 gpointer          data)
{
  InstallData *install = data;
  AdwMessageDialog *dialog;
  g_autofree char *media = g_build_filename (g_get_user_data_dir (), "bekal", "media",
                                             "sampel-01-orientasi.webm", NULL);
  BekalCatalogEntry *entry;

  create_profile (window, "Rina Pratiwi", NULL);
  g_assert_null (find_module_card (window, EXAMPLE_MODULE));

  /* a package that is not a whole zip file: refused, with the reason */
  open_package (app, window, install->broken);
  dialog = ADW_MESSAGE_DIALOG (bekal_window_get_install_dialog (window));
  g_assert_false (adw_message_dialog_has_response (dialog, "install"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   _("This Package Cannot Be Installed"));
  save_screenshot (window, "install-refused-1366x768.png");
  adw_message_dialog_response (dialog, "cancel");

  /* a valid one: what it holds, then Install */
  open_package (app, window, install->package);
  dialog = ADW_MESSAGE_DIALOG (bekal_window_get_install_dialog (window));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "install"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Install This Module?"));
  g_assert_nonnull (find_label_with_text (adw_message_dialog_get_extra_child (dialog),
                                          "sampel-01-orientasi.webm"));
  save_screenshot (window, "install-dialog-1366x768.png");

  /* opened from the file manager, the package is shown to anyone, but installing it asks for
   * the trainer passphrase first: nothing is installed before it is given */
  {
    BekalStore *store = bekal_application_get_store (app);
    AdwMessageDialog *gate;
    g_autoptr(GError) error = NULL;

    g_assert_false (trainer_unlocked (window));
    g_assert_true (bekal_store_set_trainer_passphrase (store, TRAINER_PASSPHRASE, &error));
    g_assert_no_error (error);
    adw_message_dialog_response (dialog, "install");
    gate = wait_for_trainer_dialog (window);
    g_assert_false (bekal_window_is_installing (window));
    g_assert_null (bekal_catalog_find (bekal_application_get_catalog (app), EXAMPLE_MODULE));
    type_secret (gate, "trainer-passphrase", TRAINER_PASSPHRASE);
    respond (gate, "unlock");
  }

  ui_wait_until (install_is_done, window, "the install to end");
  dialog = ADW_MESSAGE_DIALOG (bekal_window_get_install_dialog (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Module Installed"));
  save_screenshot (window, "install-done-1366x768.png");
  adw_message_dialog_response (dialog, "close");

  /* the library shows it, and it opens with its media found */
  ui_wait_until (installed_card_is_shown, window, "the installed module's card");
  g_assert_true (g_file_test (media, G_FILE_TEST_IS_REGULAR));
  entry = bekal_catalog_find (bekal_application_get_catalog (app), EXAMPLE_MODULE);
  g_assert_nonnull (entry);
  g_assert_false (bekal_catalog_entry_is_broken (entry));
  g_assert_true (g_str_has_prefix (bekal_catalog_entry_get_folder (entry),
                                   g_get_user_data_dir ()));
  open_example_module (window);

  /* a newer version replaces it: the old one is kept, and the dialog says what was reset */
  {
    BekalStore *store = bekal_application_get_store (app);
    g_autoptr(GError) error = NULL;

    g_assert_true (bekal_store_mark_block_seen (store, bekal_window_get_learner (window),
                                                EXAMPLE_MODULE, "mengenal-5r", 1, &error));
    g_assert_no_error (error);
    seen_expected = seen_in_first_lesson (window, 1);
    g_assert_nonnull (strstr (seen_expected, "2,"));
  }
  open_package (app, window, install->newer);
  dialog = ADW_MESSAGE_DIALOG (bekal_window_get_install_dialog (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   _("Replace the Installed Version?"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "install"));
  adw_message_dialog_response (dialog, "install");
  ui_wait_until (install_is_done, window, "the replacing install to end");
  dialog = ADW_MESSAGE_DIALOG (bekal_window_get_install_dialog (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Module Installed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "p-jaga-diri"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "p-repatriasi"));
  save_screenshot (window, "install-replaced-1366x768.png");
  adw_message_dialog_response (dialog, "close");

  /* the learner's progress followed the blocks: what was seen at i is now at i + 1 */
  ui_wait_until (seen_blocks_moved, window, "the seen blocks to follow their new places");
  g_clear_pointer (&seen_expected, g_free);

  /* the trainer removes the backup in Preferences */
  {
    GtkWidget *preferences = GTK_WIDGET (bekal_preferences_window_new (app));
    GtkWidget *row = NULL;
    g_auto(GStrv) backups = bekal_package_list_backups (NULL);

    g_assert_cmpuint (g_strv_length (backups), ==, 1);
    g_assert_cmpstr (backups[0], ==, EXAMPLE_MODULE "-1.0");
    gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
    gtk_window_present (GTK_WINDOW (preferences));
    row = find_label_with_text (preferences, EXAMPLE_MODULE "-1.0");
    g_assert_nonnull (row);
    row = gtk_widget_get_ancestor (row, ADW_TYPE_ACTION_ROW);
    g_assert_nonnull (row);
    save_screenshot (window, "install-backups-1366x768.png");
    gtk_widget_activate (ui_require_descendant_of_type (row, GTK_TYPE_BUTTON));
    ui_wait_until (no_backups_left, NULL, "the backup to be removed");
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
}

static void
test_install_package (void)
{
  g_autofree char *data_dir = new_data_dir ("install");
  g_autofree char *modules_dir = new_data_dir ("install-modules");
  g_autofree char *package = new_data_dir ("contoh.bekal");
  g_autofree char *broken = new_data_dir ("rusak.bekal");
  g_autofree char *example = g_build_filename (BEKAL_SOURCE_ROOT, "examples", EXAMPLE_MODULE,
                                               NULL);
  g_autofree char *source_media = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  const char *media_dirs[] = { source_media, NULL };
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autofree char *newer = new_data_dir ("contoh-1.1.bekal");
  g_autofree char *newer_folder = new_data_dir ("contoh-1.1/" EXAMPLE_MODULE);
  g_autoptr(BekalPackageInfo) newer_info = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  InstallData install = { package, broken, newer };

  g_assert_cmpint (g_mkdir_with_parents (modules_dir, 0755), ==, 0);
  info = bekal_package_write (example, media_dirs, package, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);

  /* version 1.1, where one question has a new id */
  g_assert_cmpint (g_mkdir_with_parents (newer_folder, 0755), ==, 0);
  dir = g_dir_open (example, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *from = g_build_filename (example, name, NULL);
      g_autofree char *to = g_build_filename (newer_folder, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *changed = NULL;

      g_assert_true (g_file_get_contents (from, &text, NULL, &error));
      if (g_str_has_suffix (name, ".xml"))
        {
          g_auto(GStrv) a = g_strsplit (text, "id=\"contoh-semua-elemen\" version=\"1.0\"", 2);
          g_autofree char *step = g_strjoinv ("id=\"contoh-semua-elemen\" version=\"1.1\"", a);
          g_auto(GStrv) b = g_strsplit (step, "id=\"p-jaga-diri\"", 2);

          g_autofree char *renamed = NULL;
          const char *lesson, *title_end;

          g_assert_nonnull (a[1]);
          g_assert_nonnull (b[1]);
          renamed = g_strjoinv ("id=\"p-jaga-diri-baru\"", b);
          /* and a new note opens the first lesson: its blocks move one place down */
          lesson = strstr (renamed, "<lesson id=\"mengenal-5r\"");
          g_assert_nonnull (lesson);
          title_end = strstr (lesson, "</title>");
          g_assert_nonnull (title_end);
          title_end += strlen ("</title>");
          changed = g_strdup_printf ("%.*s\n    <note kind=\"tip\">Baru.</note>%s",
                                     (int) (title_end - renamed), renamed, title_end);
        }
      g_assert_true (g_file_set_contents (to, changed ? changed : text, -1, &error));
    }
  newer_info = bekal_package_write (newer_folder, media_dirs, newer, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (newer_info);
  g_assert_true (g_file_get_contents (package, &contents, &length, &error));
  g_assert_true (g_file_set_contents (broken, contents, (gssize) length / 2, &error));

  run_app (data_dir, modules_dir, 1366, 768, install_package, &install);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = g_getenv ("BEKAL_SCREENSHOT_DIR");
  int status;

  setlocale (LC_ALL, "");
  /* the catalogues built in this build folder: the Indonesian screenshots are in Indonesian */
  bindtextdomain (GETTEXT_PACKAGE, g_file_test (BEKAL_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR)
                                   ? BEKAL_BUILD_LOCALEDIR : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  data_root = g_dir_make_tmp ("bekal-ui-XXXXXX", NULL);
  g_assert_nonnull (data_root);
  screenshot_dir = g_strdup (dir != NULL ? dir : g_get_tmp_dir ());
  /* modules installed by a test go under the test's folder, never the user's */
  {
    g_autofree char *xdg_data = g_build_filename (data_root, "xdg-data", NULL);

    g_setenv ("XDG_DATA_HOME", xdg_data, TRUE);
  }

  g_test_add_func ("/ui/id/text-markup", test_text_markup);
  g_test_add_func ("/ui/id/read-quit-reopen", test_read_quit_reopen);
  g_test_add_func ("/ui/id/content-notes", test_content_notes);
  g_test_add_func ("/ui/id/read-only", test_read_only);
  g_test_add_func ("/ui/id/module-edited", test_module_edited);
  g_test_add_func ("/ui/id/quiz-flow", test_quiz_flow);
  g_test_add_func ("/ui/id/no-retakes", test_no_retakes);
  g_test_add_func ("/ui/id/busy-database", test_busy_database);
  g_test_add_func ("/ui/id/item-analysis", test_item_analysis);
  g_test_add_func ("/ui/id/trainer-mode", test_trainer_mode);
  g_test_add_func ("/ui/id/pin", test_pin);
  g_test_add_func ("/ui/id/hostile-figures", test_hostile_figures);
  g_test_add_func ("/ui/id/install-package", test_install_package);
  g_test_add_func ("/ui/en/small-screen-dark", test_english);
  g_test_add_func ("/ui/en/item-analysis", test_item_analysis_english);
  g_test_add_func ("/ui/id/report-charts", test_report_charts);
  g_test_add_func ("/ui/en/report-charts", test_report_charts_english);

  status = g_test_run ();

  test_remove_tree (data_root);
  g_free (data_root);
  g_free (screenshot_dir);

  return status;
}
