/* ui-quiz-test.c: drives the quiz page and the results pages under a virtual display
 *
 * Each test puts one widget in a window of the size given by BEKAL_UI_WIDTH and
 * BEKAL_UI_HEIGHT, acts through its widgets and its key handler as a learner would, and
 * checks both what is shown and what reached the store. Screenshots are written to
 * BEKAL_SCREENSHOT_DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-loader.h>
#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

#include "bekal-choice-view.h"
#include "bekal-gap-report-page.h"
#include "bekal-match-view.h"
#include "bekal-my-results-page.h"
#include "bekal-order-view.h"
#include "bekal-quiz-page.h"
#include "bekal-quiz-results.h"
#include "bekal-scale-view.h"
#include "test-ui-util.h"
#include "test-util.h"

#define EXAMPLE_MODULE "contoh-semua-elemen"

typedef struct
{
  char        *data_dir;
  BekalStore  *store;
  BekalModule *module;
  gint64       profile_id;
  GtkWindow   *window;
} Fixture;

static char *screenshot_dir;
static int window_width = 1366;
static int window_height = 768;

/* Helpers: finding widgets */

/* Whether the widget and all its ancestors up to @top are visible */
static gboolean
is_shown (GtkWidget *widget,
          GtkWidget *top)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
        return FALSE;
      if (w == top)
        break;
    }

  return gtk_widget_get_mapped (widget);
}

/* A shown label whose text holds @needle */
static GtkWidget *
find_label_with (GtkWidget  *root,
                 const char *needle)
{
  g_autoptr(GPtrArray) labels = ui_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));

      if (text != NULL && strstr (text, needle) != NULL && is_shown (label, root))
        return label;
    }

  return NULL;
}

/* Every control that takes the keyboard focus has a name for screen readers */
static void
assert_controls_named (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = ui_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *label = gtk_button_get_label (GTK_BUTTON (button));
      GtkWidget *content = gtk_button_get_child (GTK_BUTTON (button));

      /* the button inside a drop-down is named by the drop-down */
      if (!is_shown (button, root) || gtk_widget_get_ancestor (button, GTK_TYPE_DROP_DOWN) != NULL)
        continue;
      if (GTK_IS_TOGGLE_BUTTON (button))
        continue; /* answer options carry an accessible label set by the page */
      if ((label == NULL || label[0] == '\0') && !GTK_IS_LABEL (content)
          && gtk_widget_get_tooltip_text (button) == NULL)
        g_error ("A button without a name in %s", G_OBJECT_TYPE_NAME (root));
    }
}

/* Helpers: screenshots */

static void
save_screenshot (GtkWindow  *window,
                 const char *name)
{
  g_autofree char *file_name = g_strdup_printf ("%s-%dx%d.png", name, window_width, window_height);

  ui_save_screenshot (window, screenshot_dir, file_name);
}

/* Helpers: fixtures */

static BekalModule *
load_example_module (void)
{
  g_autofree char *media = g_build_filename (BEKAL_SOURCE_DIR, "media", NULL);
  g_autofree char *path = g_build_filename (BEKAL_SOURCE_DIR, "examples", EXAMPLE_MODULE,
                                            "module.id.xml", NULL);
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  BekalModule *module = bekal_loader_load_file (loader, path, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (module);
  return module;
}

static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->data_dir = g_dir_make_tmp ("bekal-ui-quiz-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = bekal_store_open (fixture->data_dir, &error);
  g_assert_no_error (error);
  fixture->profile_id = bekal_store_create_profile (fixture->store, "Sari", "Sentra Handayani",
                                                    "Pekerja sosial", 1, FALSE, &error);
  g_assert_no_error (error);
  fixture->module = load_example_module ();
}

static void
fixture_tear_down (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->module);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->data_dir);
  g_free (fixture->data_dir);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  fixture_set_up (fixture);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  fixture_tear_down (fixture);
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data))
         && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
show_in_window (Fixture   *fixture,
                GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Bekal");
  gtk_window_set_default_size (GTK_WINDOW (window), window_width, window_height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  /* as after the first key press: the screenshots show where the keyboard focus is */
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
  fixture->window = GTK_WINDOW (window);
  ui_wait_until (window_drawn, window, "the window to be shown");
  ui_settle (100);
}

static BekalQuiz *
find_quiz (Fixture    *fixture,
           const char *quiz_id)
{
  BekalQuiz *quiz = bekal_module_find_quiz (fixture->module, quiz_id);

  g_assert_nonnull (quiz);
  return quiz;
}

/* A seed whose draw of @quiz asks @question_id */
static guint32
seed_asking (BekalQuiz  *quiz,
             const char *question_id)
{
  for (guint32 seed = 1; seed < 1000; seed++)
    {
      g_auto(GStrv) ids = bekal_quiz_draw_questions (quiz, seed);

      if (g_strv_contains ((const char * const *) ids, question_id))
        return seed;
    }

  g_assert_not_reached ();
  return 0;
}

static BekalQuizPage *
open_quiz (Fixture    *fixture,
           const char *quiz_id,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuizSession) session = NULL;
  GtkWidget *page = bekal_quiz_page_new ();

  session = bekal_quiz_session_start_with_seed (fixture->store, fixture->profile_id,
                                                fixture->module, find_quiz (fixture, quiz_id),
                                                seed, &error);
  g_assert_no_error (error);
  bekal_quiz_page_set_session (BEKAL_QUIZ_PAGE (page), fixture->store, fixture->profile_id,
                               fixture->module, session);
  show_in_window (fixture, page);

  return BEKAL_QUIZ_PAGE (page);
}

/* Helpers: acting as the learner */

static gboolean
press_key (BekalQuizPage   *page,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          break;
        }
    }

  return handled;
}

static BekalQuestion *
shown_question (BekalQuizPage *page)
{
  return bekal_quiz_session_get_question (bekal_quiz_page_get_session (page),
                                          bekal_quiz_page_get_index (page));
}

/* Sets the drop-downs of a match question; @correct chooses each pair's own right side,
 * otherwise the first one */
static void
choose_matches (BekalQuizPage *page,
                gboolean       correct)
{
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  guint index = bekal_quiz_page_get_index (page);
  const char * const *left = bekal_quiz_session_get_option_order (session, index);
  const char * const *right = bekal_quiz_session_get_match_order (session, index);

  ui_choose_matches (GTK_WIDGET (page), left, right, correct);
}

/* Answers the question shown with key 1 (or the drop-downs) and Enter */
static void
answer_shown_question (BekalQuizPage *page)
{
  BekalQuestion *question = shown_question (page);

  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_MATCH:
      choose_matches (page, FALSE);
      break;
    case BEKAL_QUESTION_ORDER:
      break;
    default:
      g_assert_true (press_key (page, GDK_KEY_1, 0));
      break;
    }
  g_assert_true (press_key (page, GDK_KEY_Return, 0));
}

static gboolean
step_is_results (gpointer data)
{
  return g_strcmp0 (bekal_quiz_page_get_step (BEKAL_QUIZ_PAGE (data)), "results") == 0;
}

static void
on_finished (BekalQuizPage    *page,
             BekalQuizSession *session,
             guint            *n_finished)
{
  g_assert_true (bekal_quiz_session_is_finished (session));
  (*n_finished)++;
}

/* As a click: "clicked" at once (activating a button waits for its press animation) */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Tests */

static void
test_pretest (Fixture       *fixture,
              gconstpointer  data)
{
  BekalQuizPage *page = open_quiz (fixture, "pretes", seed_asking (find_quiz (fixture, "pretes"),
                                                                   "p-jaga-diri"));
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  GtkWidget *feedback = ui_require_id (GTK_WIDGET (page), "feedback_box");
  GtkWidget *results = ui_require_id (GTK_WIDGET (page), "results");
  guint n = bekal_quiz_session_get_n_questions (session);
  guint n_finished = 0;
  const char *score;

  g_signal_connect (page, "finished", G_CALLBACK (on_finished), &n_finished);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (bekal_quiz_page_get_step (page), ==, "question");
  {
    g_autofree char *progress = g_strdup_printf (_("%u of %u"), 1, 3);

    g_assert_nonnull (find_label_with (GTK_WIDGET (page), progress));
  }
  /* no timer without a time limit */
  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "time_label")));
  assert_controls_named (GTK_WIDGET (page));
  /* the keyboard starts on the first answer */
  {
    g_autoptr(GPtrArray) checks = ui_find_all (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON);

    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    g_assert_true (focus == g_ptr_array_index (checks, 0));
  }
  save_screenshot (fixture->window, "quiz-01-pretest-question");

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (bekal_quiz_page_get_index (page), ==, i);
      answer_shown_question (page);
      /* saved at once, and nothing said about right or wrong */
      g_assert_cmpint (bekal_quiz_session_get_item_state (session, i), ==, BEKAL_ITEM_SAVED);
      g_assert_false (gtk_widget_get_visible (feedback));
    }

  ui_wait_until (step_is_results, page, "the results");
  g_assert_cmpuint (n_finished, ==, 1);
  g_assert_true (bekal_quiz_session_is_finished (session));
  g_assert_nonnull (bekal_quiz_results_get_score_text (BEKAL_QUIZ_RESULTS (results)));
  score = bekal_quiz_results_get_score_text (BEKAL_QUIZ_RESULTS (results));
  g_assert_nonnull (find_label_with (results, score));
  /* only the score and where the learner starts: no review, no topics, no verdict */
  g_assert_true (is_shown (ui_require_id (results, "start_hint_label"), results));
  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "review_title")));
  g_assert_null (gtk_widget_get_first_child (ui_require_id (GTK_WIDGET (page), "review_box")));
  g_assert_cmpuint (bekal_quiz_results_get_n_topics (BEKAL_QUIZ_RESULTS (results)), ==, 0);
  g_assert_false (gtk_widget_get_visible (ui_require_id (results, "verdict_box")));
  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "retake_button")));
  assert_controls_named (GTK_WIDGET (page));
  save_screenshot (fixture->window, "quiz-02-pretest-results");
}

static void
test_practice_feedback (Fixture       *fixture,
                        gconstpointer  data)
{
  BekalQuizPage *page = open_quiz (fixture, "latihan-5r", 7);
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  GtkWidget *feedback = ui_require_id (GTK_WIDGET (page), "feedback_box");
  BekalQuestion *question = shown_question (page);
  BekalOption *chosen;

  g_assert_cmpstr (bekal_question_get_id (question), ==, "cek-urutan");
  g_assert_false (gtk_widget_get_visible (feedback));

  /* "True" is the first option and the wrong answer */
  g_assert_true (press_key (page, GDK_KEY_1, 0));
  g_assert_true (press_key (page, GDK_KEY_Return, 0));
  g_assert_cmpstr (bekal_quiz_session_get_response (session, 0), ==, "true");
  g_assert_true (gtk_widget_get_visible (feedback));

  chosen = bekal_question_find_option (question, "true");
  g_assert_nonnull (find_label_with (feedback,
                                     bekal_text_get_plain (bekal_option_get_feedback (chosen))));
  g_assert_nonnull (find_label_with (
    feedback, bekal_text_get_plain (bekal_question_get_explanation (question))));
  /* not by colour alone: words next to the options */
  g_assert_nonnull (find_label_with (GTK_WIDGET (page), _("Your choice, not correct")));
  g_assert_nonnull (find_label_with (GTK_WIDGET (page), _("Correct answer")));
  /* the options no longer change */
  g_assert_false (press_key (page, GDK_KEY_2, 0));
  g_assert_cmpstr (bekal_quiz_session_get_response (session, 0), ==, "true");
  save_screenshot (fixture->window, "quiz-03-practice-feedback");

  /* Enter goes on to the next question */
  g_assert_true (press_key (page, GDK_KEY_Return, 0));
  g_assert_cmpuint (bekal_quiz_page_get_index (page), ==, 1);
  g_assert_false (gtk_widget_get_visible (feedback));
}

/* The item an order row shows; NULL for other rows */
static const char *
row_item_id (gpointer row)
{
  return BEKAL_IS_ORDER_ROW (row) ? bekal_order_row_get_item_id (BEKAL_ORDER_ROW (row)) : NULL;
}

static char *
read_order (BekalQuizPage *page)
{
  g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, (gpointer) row_item_id (g_ptr_array_index (rows, i)));
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (",", (char **) ids->pdata);
}

/* What a drop of @dragged on @target does, without the pointer */
static gboolean
drop_row (GtkWidget *target,
          GtkWidget *dragged)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (target);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, GTK_TYPE_LIST_BOX_ROW);
  g_value_set_object (&value, dragged);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 1.0, 1.0, &accepted);
    }

  return accepted;
}

static void
test_order_keyboard (Fixture       *fixture,
                     gconstpointer  data)
{
  BekalQuizPage *page = open_quiz (fixture, "latihan-5r", 11);
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  BekalQuestion *question;
  guint n_items;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) correct = g_ptr_array_new ();
  g_autoptr(GPtrArray) move_buttons = NULL;
  guint n_named = 0;

  /* the true/false question first, then on to the order question */
  answer_shown_question (page);
  g_assert_true (press_key (page, GDK_KEY_Return, 0));
  question = shown_question (page);
  g_assert_cmpint (bekal_question_get_kind (question), ==, BEKAL_QUESTION_ORDER);
  n_items = bekal_question_get_n_options (question);
  for (guint i = 0; i < n_items; i++)
    {
      BekalOption *item = bekal_question_get_option (question, i);

      g_ptr_array_add (correct, (gpointer) bekal_option_get_id (item));
    }
  g_ptr_array_add (correct, NULL);

  before = read_order (page);
  {
    g_autofree char *correct_order = g_strjoinv (",", (char **) correct->pdata);

    /* an order question is never shown in the right order */
    g_assert_cmpstr (before, !=, correct_order);
  }
  save_screenshot (fixture->window, "quiz-04-order-before");

  /* each move button says what it moves */
  move_buttons = ui_find_all (GTK_WIDGET (page), GTK_TYPE_BUTTON);
  for (guint i = 0; i < n_items; i++)
    {
      BekalOption *item = bekal_question_get_option (question, i);
      const char *plain = bekal_text_get_plain (bekal_option_get_text (item));
      g_autofree char *up = g_strdup_printf (_("Move “%s” up"), plain);
      g_autofree char *down = g_strdup_printf (_("Move “%s” down"), plain);

      for (guint j = 0; j < move_buttons->len; j++)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (g_ptr_array_index (move_buttons, j));

          if (g_strcmp0 (tooltip, up) == 0 || g_strcmp0 (tooltip, down) == 0)
            n_named++;
        }
    }
  g_assert_cmpuint (n_named, ==, 2 * n_items);

  /* drag and drop: the last item dropped on the first moves to the top */
  {
    g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);
    GtkWidget *first = g_ptr_array_index (rows, 0);
    GtkWidget *last = g_ptr_array_index (rows, rows->len - 1);
    const char *last_id = row_item_id (last);
    g_autoptr(GPtrArray) moved = NULL;

    g_assert_true (drop_row (first, last));
    moved = ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);
    g_assert_cmpstr (row_item_id (g_ptr_array_index (moved, 0)), ==,
                     last_id);
  }

  /* put it right with Alt+Up only: bring each item up to its place */
  for (guint target = 0; target < n_items; target++)
    {
      g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);
      GtkWidget *row = NULL;
      guint position = 0;

      for (guint i = 0; i < rows->len; i++)
        if (g_str_equal (row_item_id (g_ptr_array_index (rows, i)),
                         g_ptr_array_index (correct, target)))
          {
            row = g_ptr_array_index (rows, i);
            position = i;
          }
      g_assert_nonnull (row);
      gtk_widget_grab_focus (row);
      for (guint step = position; step > target; step--)
        {
          g_assert_true (press_key (page, GDK_KEY_Up, GDK_ALT_MASK));
          /* the moved item keeps the focus */
          g_assert_true (gtk_widget_has_focus (row));
        }
    }

  after = read_order (page);
  {
    g_autofree char *expected = g_strjoinv (",", (char **) correct->pdata);

    g_assert_cmpstr (after, ==, expected);
  }
  /* and the first item one step down and back up again */
  {
    g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);

    gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
  }
  g_assert_true (press_key (page, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (press_key (page, GDK_KEY_Up, GDK_ALT_MASK));

  g_assert_true (press_key (page, GDK_KEY_Return, 0));
  g_assert_true (bekal_quiz_session_is_item_correct (session, 1));
  g_assert_nonnull (find_label_with (GTK_WIDGET (page), _("Correct")));
  save_screenshot (fixture->window, "quiz-05-order-after");
}

static void
test_match_dropdowns (Fixture       *fixture,
                      gconstpointer  data)
{
  BekalQuiz *quiz = find_quiz (fixture, "pretes");
  BekalQuizPage *page = open_quiz (fixture, "pretes", seed_asking (quiz, "p-pasangan"));
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  GtkWidget *confirm = ui_require_id (GTK_WIDGET (page), "confirm_button");
  gboolean matched = FALSE;

  while (!step_is_results (page))
    {
      guint index = bekal_quiz_page_get_index (page);

      if (bekal_question_get_kind (shown_question (page)) != BEKAL_QUESTION_MATCH)
        {
          answer_shown_question (page);
          continue;
        }

      /* nothing to confirm until every item has its match */
      g_assert_false (gtk_widget_get_sensitive (confirm));
      assert_controls_named (GTK_WIDGET (page));
      choose_matches (page, TRUE);
      g_assert_true (gtk_widget_get_sensitive (confirm));
      save_screenshot (fixture->window, "quiz-06-match");
      g_assert_true (press_key (page, GDK_KEY_Return, 0));
      g_assert_true (bekal_quiz_session_is_item_correct (session, index));
      matched = TRUE;
    }

  g_assert_true (matched);
}

/* A response to question @index: right, or wrong where the question allows */
static char *
make_response (BekalQuizSession *session,
               guint             index,
               gboolean          correct)
{
  BekalQuestion *question = bekal_quiz_session_get_question (session, index);
  const char * const *order = bekal_quiz_session_get_option_order (session, index);

  switch (bekal_question_get_kind (question))
    {
    case BEKAL_QUESTION_MATCH:
      return bekal_quiz_response_from_pairs (
        order, correct ? order : bekal_quiz_session_get_match_order (session, index));
    case BEKAL_QUESTION_MULTIPLE:
      return g_strdup (correct ? "a,b" : "c");
    case BEKAL_QUESTION_SINGLE:
      return g_strdup (correct ? "a" : "c");
    case BEKAL_QUESTION_TRUEFALSE:
      return g_strdup (correct ? "true" : "false");
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static void
finish_quiz_in_store (Fixture    *fixture,
                      const char *quiz_id,
                      gboolean    correct)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuizSession) session = bekal_quiz_session_start (fixture->store,
                                                                  fixture->profile_id,
                                                                  fixture->module,
                                                                  find_quiz (fixture, quiz_id),
                                                                  &error);

  g_assert_no_error (error);
  for (guint i = 0; i < bekal_quiz_session_get_n_questions (session); i++)
    {
      g_autofree char *response = make_response (session, i, correct);

      bekal_quiz_session_answer (session, i, response, &error);
      g_assert_no_error (error);
    }
  bekal_quiz_session_finish (session, &error);
  g_assert_no_error (error);
}

/* After a pass or the last try of a post-test: every answer reviewed with its explanation */
static void
assert_review_with_keys (BekalQuizPage    *page,
                         BekalQuizSession *session)
{
  GtkWidget *review_box = ui_require_id (GTK_WIDGET (page), "review_box");
  guint n = bekal_quiz_session_get_n_questions (session);
  guint n_items = 0;

  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page),
                                                         "keys_withheld_label")));
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "review_title")));
  for (GtkWidget *item = gtk_widget_get_first_child (review_box); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      BekalQuestion *question = bekal_quiz_session_get_question (session, n_items);
      BekalText *explanation = bekal_question_get_explanation (question);

      g_assert_nonnull (find_label_with (
        item, bekal_text_get_plain (bekal_question_get_prompt (question))));
      g_assert_nonnull (find_label_with (item, _("Your answer:")));
      if (explanation != NULL)
        g_assert_nonnull (find_label_with (item, bekal_text_get_plain (explanation)));
      n_items++;
    }
  g_assert_cmpuint (n_items, ==, n);
}

/* After a failed post-test with tries left: no answer, key or explanation, and a word on when
 * they will be shown */
static void
assert_keys_withheld (BekalQuizPage *page)
{
  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "review_title")));
  g_assert_null (gtk_widget_get_first_child (ui_require_id (GTK_WIDGET (page), "review_box")));
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page),
                                                        "keys_withheld_label")));
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "retake_button")));
}

static void
test_posttest_review (Fixture       *fixture,
                      gconstpointer  data)
{
  BekalQuizPage *page;
  BekalQuizSession *session;
  GtkWidget *results;
  GtkWidget *review_box;
  GtkWidget *scroller;
  const char *comparison;

  /* a pre-test with everything wrong, so that there is a way to show */
  finish_quiz_in_store (fixture, "pretes", FALSE);

  page = open_quiz (fixture, "postes", 5);
  session = bekal_quiz_page_get_session (page);
  results = ui_require_id (GTK_WIDGET (page), "results");
  review_box = ui_require_id (GTK_WIDGET (page), "review_box");

  /* the quiz has a time limit: a calm label in whole minutes */
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "time_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_require_id (GTK_WIDGET (page), "time_label"))),
                   !=, "");

  while (!step_is_results (page))
    {
      guint index = bekal_quiz_page_get_index (page);

      if (bekal_question_get_kind (shown_question (page)) == BEKAL_QUESTION_MATCH)
        choose_matches (page, TRUE);
      else
        g_assert_true (press_key (page, GDK_KEY_1, 0));
      if (index == 0)
        save_screenshot (fixture->window, "quiz-07-posttest-question");
      g_assert_true (press_key (page, GDK_KEY_Return, 0));
      /* nothing shown during a post-test */
      g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "feedback_box")));
    }

  /* the score, passed or not; the review of every answer with its explanation once the keys
   * may be shown (a pass, or the last try), otherwise a word on when they will be */
  g_assert_true (gtk_widget_get_visible (ui_require_id (results, "verdict_box")));
  if (bekal_quiz_session_may_show_keys (session))
    assert_review_with_keys (page, session);
  else
    assert_keys_withheld (page);

  /* from the first pre-test to this post-test */
  comparison = bekal_quiz_results_get_comparison_text (BEKAL_QUIZ_RESULTS (results));
  g_assert_nonnull (comparison);
  {
    g_autofree char *prefix = g_strdup (_("from %d%% to %d%%"));

    *strchr (prefix, '%') = '\0';
    g_assert_true (g_str_has_prefix (comparison, prefix));
  }
  g_assert_nonnull (find_label_with (results, comparison));
  g_assert_cmpuint (bekal_quiz_results_get_n_topics (BEKAL_QUIZ_RESULTS (results)), >, 0);

  /* retakes="2": a new attempt with a new draw */
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (page), "retake_button")));
  assert_controls_named (GTK_WIDGET (page));
  save_screenshot (fixture->window, "quiz-08-posttest-results");

  scroller = gtk_widget_get_ancestor (review_box, GTK_TYPE_SCROLLED_WINDOW);
  {
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  save_screenshot (fixture->window, "quiz-09-posttest-review");

  click (ui_require_id (GTK_WIDGET (page), "retake_button"));
  g_assert_cmpstr (bekal_quiz_page_get_step (page), ==, "question");
  g_assert_false (bekal_quiz_session_is_finished (bekal_quiz_page_get_session (page)));
  g_assert_cmpuint (bekal_quiz_page_get_index (page), ==, 0);

  /* retakes="2": by the last try at the latest, the review shows every key */
  for (guint attempt = 1; attempt < 3; attempt++)
    {
      session = bekal_quiz_page_get_session (page);
      while (!step_is_results (page))
        answer_shown_question (page);
      if (bekal_quiz_session_may_show_keys (session))
        break;
      assert_keys_withheld (page);
      click (ui_require_id (GTK_WIDGET (page), "retake_button"));
    }
  g_assert_true (bekal_quiz_session_may_show_keys (session));
  assert_review_with_keys (page, session);
  save_screenshot (fixture->window, "quiz-10-posttest-keys");
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

/* Fills the store's file up to a page limit, as a full disk would, with answers to another
 * attempt (so that the pages of the answers are full too); or frees it again */
static void
set_disk_full (Fixture  *fixture,
               gboolean  full)
{
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);
  const char *order[] = { "filler", NULL };
  const guint sizes[] = { 2000, 200, 20, 1 };
  g_autofree char *limit = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 attempt;
  guint n = 0;

  if (!full)
    {
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==,
                       SQLITE_OK);
      return;
    }

  attempt = bekal_store_start_attempt (fixture->store, fixture->profile_id, "filler-module", "1",
                                       "", "filler", BEKAL_QUIZ_PRACTICE, 1, order, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  limit = g_strdup_printf ("PRAGMA max_page_count = %d", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  /* big answers first, then smaller ones, until not even a tiny one fits */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *response = g_strnfill (sizes[i], 'x');

      while (TRUE)
        {
          g_autofree char *question = g_strdup_printf ("q%u", n++);

          if (!bekal_store_record_answer (fixture->store, attempt, question, "t", response, 0,
                                          &error))
            {
              g_assert_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FULL);
              g_clear_error (&error);
              break;
            }
        }
    }
}

static void
test_full_disk_retry (Fixture       *fixture,
                      gconstpointer  data)
{
  BekalQuizPage *page = open_quiz (fixture, "pretes", 3);
  BekalQuizSession *session = bekal_quiz_page_get_session (page);
  GtkWidget *revealer = ui_require_id (GTK_WIDGET (page), "save_error_revealer");
  guint n = bekal_quiz_session_get_n_questions (session);
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  guint n_finished = 0;

  g_signal_connect (page, "finished", G_CALLBACK (on_finished), &n_finished);
  set_disk_full (fixture, TRUE);

  while (!banner_shown (revealer) && !step_is_results (page))
    answer_shown_question (page);

  /* the answer is kept, the learner is told, and can go on or try again */
  g_assert_true (banner_shown (revealer));
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), >, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_require_id (revealer, "save_error_label"))),
                   !=, "");
  g_assert_false (bekal_quiz_session_is_finished (session));
  save_screenshot (fixture->window, "quiz-10-disk-full");

  /* trying again while the disk is still full changes nothing */
  click (ui_require_id (revealer, "retry_button"));
  g_assert_true (banner_shown (revealer));
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), >, 0);

  /* space is freed: the retry saves every answer */
  set_disk_full (fixture, FALSE);
  click (ui_require_id (revealer, "retry_button"));
  g_assert_false (banner_shown (revealer));
  g_assert_cmpuint (bekal_quiz_session_get_n_pending (session), ==, 0);

  while (!step_is_results (page))
    answer_shown_question (page);
  g_assert_cmpuint (n_finished, ==, 1);

  answers = bekal_store_list_answers (fixture->store, bekal_quiz_session_get_attempt_id (session),
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, n);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BekalQuiz *quiz = find_quiz (fixture, "pretes");
  GtkWidget *page = bekal_quiz_page_new ();
  g_autofree char *progress = g_strdup_printf (_("%u of %u"), 2, 3);
  gint64 attempt_id;

  /* an attempt interrupted after its first answer */
  {
    g_autoptr(BekalQuizSession) session = bekal_quiz_session_start (fixture->store,
                                                                    fixture->profile_id,
                                                                    fixture->module, quiz, &error);
    g_autofree char *response = NULL;

    g_assert_no_error (error);
    response = make_response (session, 0, TRUE);
    g_assert_true (bekal_quiz_session_answer (session, 0, response, &error));
    attempt_id = bekal_quiz_session_get_attempt_id (session);
  }

  show_in_window (fixture, page);
  g_assert_true (bekal_quiz_page_start (BEKAL_QUIZ_PAGE (page), fixture->store, fixture->profile_id,
                                        fixture->module, quiz, &error));
  g_assert_no_error (error);
  /* the same attempt, at its next unanswered question */
  g_assert_cmpint (bekal_quiz_session_get_attempt_id (
                     bekal_quiz_page_get_session (BEKAL_QUIZ_PAGE (page))), ==, attempt_id);
  g_assert_cmpuint (bekal_quiz_page_get_index (BEKAL_QUIZ_PAGE (page)), ==, 1);
  g_assert_nonnull (find_label_with (page, progress));
  g_assert_cmpuint (bekal_quiz_page_get_index (BEKAL_QUIZ_PAGE (page)), ==,
                    bekal_quiz_session_get_current_index (
                      bekal_quiz_page_get_session (BEKAL_QUIZ_PAGE (page))));
}

static void
on_closed (BekalQuizPage *page,
           gboolean      *closed)
{
  *closed = TRUE;
}

/* A post-test resumed after its time limit: it is finished with what was answered */
static void
test_time_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BekalQuiz *quiz = find_quiz (fixture, "postes");
  GtkWidget *page = bekal_quiz_page_new ();
  sqlite3 *db = bekal_store_get_connection_for_testing (fixture->store);
  BekalQuizSession *session;
  gboolean closed = FALSE;
  guint n_finished = 0;

  {
    g_autoptr(BekalQuizSession) started = bekal_quiz_session_start (fixture->store,
                                                                    fixture->profile_id,
                                                                    fixture->module, quiz, &error);

    g_assert_no_error (error);
    g_assert_nonnull (started);
  }
  /* started two hours ago; the limit is 15 minutes */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE quiz_attempts SET started_at = started_at - 7200",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_signal_connect (page, "finished", G_CALLBACK (on_finished), &n_finished);
  g_signal_connect (page, "closed", G_CALLBACK (on_closed), &closed);
  show_in_window (fixture, page);
  g_assert_true (bekal_quiz_page_start (BEKAL_QUIZ_PAGE (page), fixture->store, fixture->profile_id,
                                        fixture->module, quiz, &error));
  g_assert_no_error (error);
  session = bekal_quiz_page_get_session (BEKAL_QUIZ_PAGE (page));

  g_assert_cmpstr (bekal_quiz_page_get_step (BEKAL_QUIZ_PAGE (page)), ==, "results");
  g_assert_cmpuint (n_finished, ==, 1);
  g_assert_true (bekal_quiz_session_is_finished (session));
  g_assert_true (gtk_widget_get_visible (ui_require_id (page, "time_up_label")));
  g_assert_false (gtk_widget_get_visible (ui_require_id (page, "time_label")));
  save_screenshot (fixture->window, "quiz-15-time-up");

  click (ui_require_id (page, "close_button"));
  g_assert_true (closed);
}

/* The question asked from a video: feedback at once, then "closed" */
static void
test_checkpoint (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalQuizSession) session = NULL;
  GtkWidget *page = bekal_quiz_page_new ();
  GtkWidget *feedback;
  gboolean closed = FALSE;

  session = bekal_quiz_session_new_checkpoint (fixture->store, fixture->profile_id,
                                               fixture->module, "video-orientasi", "cek-urutan",
                                               &error);
  g_assert_no_error (error);
  bekal_quiz_page_set_session (BEKAL_QUIZ_PAGE (page), fixture->store, fixture->profile_id,
                               fixture->module, session);
  g_signal_connect (page, "closed", G_CALLBACK (on_closed), &closed);
  show_in_window (fixture, page);
  feedback = ui_require_id (page, "feedback_box");

  /* "False" is the right answer */
  g_assert_true (press_key (BEKAL_QUIZ_PAGE (page), GDK_KEY_2, 0));
  g_assert_true (press_key (BEKAL_QUIZ_PAGE (page), GDK_KEY_Return, 0));
  g_assert_true (gtk_widget_get_visible (feedback));
  g_assert_nonnull (find_label_with (feedback, _("Correct")));
  g_assert_false (closed);
  save_screenshot (fixture->window, "quiz-16-checkpoint");

  g_assert_true (press_key (BEKAL_QUIZ_PAGE (page), GDK_KEY_Return, 0));
  g_assert_true (closed);
}

/* the results are read in a worker thread */
static gboolean
my_results_read (gpointer data)
{
  return !bekal_my_results_page_is_loading (data);
}

static void
on_view_changed (BekalQuestionView *view,
                 guint             *n_changed)
{
  (*n_changed)++;
}

/* The text of a correct answer to @question, written by core */
static char *
correct_response (BekalQuestion *question)
{
  g_autoptr(BekalResponse) response = bekal_response_new (bekal_question_get_kind (question));

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);
      const char *id = bekal_option_get_id (option);

      switch (bekal_question_get_kind (question))
        {
        case BEKAL_QUESTION_MATCH:
          bekal_response_add_pair (response, id, id);
          break;
        case BEKAL_QUESTION_ORDER:
          bekal_response_add_id (response, id);
          break;
        case BEKAL_QUESTION_SCALE:
          break;
        default:
          if (bekal_option_get_correct (option))
            bekal_response_add_id (response, id);
          break;
        }
    }
  if (bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
    bekal_response_set_value (response, bekal_question_get_scale_max (question));

  return bekal_response_to_string (response);
}

/* Every question type has its view from the one factory; a view restores an answer, hands
 * it back unchanged, and takes no key once locked */
static void
test_question_views (Fixture       *fixture,
                     gconstpointer  data)
{
  const struct
  {
    const char *question_id;
    GType       view_type;
    gboolean    compact;
  } cases[] = {
    { "p-repatriasi", BEKAL_TYPE_CHOICE_VIEW, TRUE },
    { "p-jaga-diri", BEKAL_TYPE_CHOICE_VIEW, TRUE },
    { "p-tahap-akhir", BEKAL_TYPE_CHOICE_VIEW, TRUE },
    { "p-pasangan", BEKAL_TYPE_MATCH_VIEW, FALSE },
    { "urutkan-5r", BEKAL_TYPE_ORDER_VIEW, FALSE },
    { "kesiapan", BEKAL_TYPE_SCALE_VIEW, FALSE },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  show_in_window (fixture, box);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BekalQuestion *question = bekal_module_find_question (fixture->module,
                                                            cases[i].question_id);
      BekalQuestionType kind;
      g_auto(GStrv) order = NULL;
      g_auto(GStrv) match_order = NULL;
      g_autofree char *text = NULL;
      g_autofree char *again = NULL;
      g_autofree char *described = NULL;
      g_autofree char *unknown = NULL;
      g_autoptr(BekalResponse) response = NULL;
      g_autoptr(BekalResponse) read_back = NULL;
      g_autoptr(GError) error = NULL;
      GtkWidget *widget;
      GtkWidget *compact;
      BekalQuestionView *view;
      guint n_changed = 0;

      g_assert_nonnull (question);
      kind = bekal_question_get_kind (question);
      order = bekal_quiz_arrange_options (question, TRUE, 7, &match_order);
      widget = bekal_question_view_new_for_question (question, (const char * const *) order,
                                                     (const char * const *) match_order,
                                                     BEKAL_QUESTION_VIEW_FULL);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (widget, cases[i].view_type));
      view = BEKAL_QUESTION_VIEW (widget);
      gtk_box_append (GTK_BOX (box), widget);
      g_assert_true (bekal_question_view_get_question (view) == question);
      /* an order is complete as shown; everything else waits for the learner */
      g_assert_cmpint (bekal_question_view_get_answered (view), ==, kind == BEKAL_QUESTION_ORDER);
      g_signal_connect (view, "changed", G_CALLBACK (on_view_changed), &n_changed);

      /* restored from its text, handed back as the same text */
      text = correct_response (question);
      response = bekal_response_parse (kind, text, &error);
      g_assert_no_error (error);
      bekal_question_view_set_response (view, response);
      g_assert_cmpuint (n_changed, >, 0);
      g_assert_true (bekal_question_view_get_answered (view));
      read_back = bekal_question_view_dup_response (view);
      g_assert_nonnull (read_back);
      again = bekal_response_to_string (read_back);
      /* pairs come in the order their left sides are shown, which scoring ignores */
      if (kind == BEKAL_QUESTION_MATCH)
        for (guint k = 0; k < bekal_question_get_n_options (question); k++)
          {
            const char *left = bekal_option_get_id (bekal_question_get_option (question, k));

            g_assert_cmpstr (bekal_response_get_match (read_back, left), ==,
                             bekal_response_get_match (response, left));
          }
      else
        g_assert_cmpstr (again, ==, text);
      if (bekal_question_is_scored (question))
        g_assert_cmpfloat (bekal_quiz_score (question, read_back, &error), ==, 1.0);
      g_assert_no_error (error);

      /* locked: the number keys choose nothing */
      bekal_question_view_set_locked (view, TRUE);
      g_assert_true (bekal_question_view_get_locked (view));
      g_assert_false (bekal_question_view_handle_key (view, GDK_KEY_1, 0));
      g_assert_false (gtk_widget_get_can_target (widget));

      /* the review describes the answer; a damaged stored answer is shown as unknown */
      described = bekal_question_view_describe_response (question, text);
      g_assert_cmpstr (described, !=, "");
      g_assert_cmpstr (described, !=, _("Unknown answer"));
      unknown = bekal_question_view_describe_response (question, "a,,=");
      g_assert_cmpstr (unknown, ==, _("Unknown answer"));

      /* only choices can be asked over a video */
      compact = bekal_question_view_new_for_question (question, (const char * const *) order,
                                                      (const char * const *) match_order,
                                                      BEKAL_QUESTION_VIEW_COMPACT);
      g_assert_cmpint (compact != NULL, ==, cases[i].compact);
      if (compact != NULL)
        {
          g_object_ref_sink (compact);
          g_object_unref (compact);
        }
    }
}

/* The marks after an answer come from core: words next to each option, not colour alone */
static void
test_question_view_marks (Fixture       *fixture,
                          gconstpointer  data)
{
  BekalQuestion *question = bekal_module_find_question (fixture->module, "p-jaga-diri");
  g_auto(GStrv) order = bekal_quiz_arrange_options (question, FALSE, 1, NULL);
  GtkWidget *widget = bekal_question_view_new_for_question (question,
                                                            (const char * const *) order, NULL,
                                                            BEKAL_QUESTION_VIEW_FULL);
  BekalQuestionView *view = BEKAL_QUESTION_VIEW (widget);
  g_autoptr(BekalResponse) response = bekal_response_new (BEKAL_QUESTION_MULTIPLE);
  guint n_correct = 0;
  guint n_wrong = 0;

  show_in_window (fixture, widget);
  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (bekal_option_get_correct (option))
        n_correct++;
      else if (n_wrong++ == 0)
        bekal_response_add_id (response, bekal_option_get_id (option));
    }
  g_assert_cmpuint (n_correct, >, 0);
  g_assert_cmpuint (n_wrong, >, 0);

  /* key 1 ticks the first option, key 1 again clears it */
  g_assert_true (bekal_question_view_handle_key (view, GDK_KEY_1, 0));
  g_assert_true (bekal_question_view_get_answered (view));
  g_assert_true (bekal_question_view_handle_key (view, GDK_KEY_1, 0));
  g_assert_false (bekal_question_view_get_answered (view));
  g_assert_false (bekal_question_view_handle_key (view, GDK_KEY_9, 0));

  bekal_question_view_set_response (view, response);
  bekal_question_view_set_locked (view, TRUE);
  bekal_question_view_show_marks (view, response);
  g_assert_nonnull (find_label_with (widget, _("Your choice, not correct")));
  g_assert_nonnull (find_label_with (widget, _("Correct answer")));
  g_assert_null (find_label_with (widget, _("Your choice, correct")));
}

static void
test_my_results (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *page = bekal_my_results_page_new ();
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();

  g_ptr_array_add (modules, fixture->module);
  bekal_my_results_page_load (BEKAL_MY_RESULTS_PAGE (page), fixture->store, fixture->profile_id,
                              modules);
  ui_wait_until (my_results_read, page, "the results");
  g_assert_cmpuint (bekal_my_results_page_get_n_attempts (BEKAL_MY_RESULTS_PAGE (page)), ==, 0);

  finish_quiz_in_store (fixture, "pretes", FALSE);
  finish_quiz_in_store (fixture, "postes", TRUE);
  bekal_my_results_page_load (BEKAL_MY_RESULTS_PAGE (page), fixture->store, fixture->profile_id,
                              modules);
  ui_wait_until (my_results_read, page, "the results");
  g_assert_cmpuint (bekal_my_results_page_get_n_attempts (BEKAL_MY_RESULTS_PAGE (page)), ==, 2);
  show_in_window (fixture, page);
  g_assert_nonnull (find_label_with (page, "Pretes"));
  g_assert_nonnull (find_label_with (page, "Postes"));
  save_screenshot (fixture->window, "quiz-11-my-results");
}

static void
on_exported (BekalGapReportPage *page,
             GFile              *file,
             const GError       *error,
             int                *outcome)
{
  *outcome = error == NULL ? 1 : 2;
}

static gboolean
outcome_known (gpointer data)
{
  return *(int *) data != 0;
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static gboolean
gap_report_computed (gpointer data)
{
  return !bekal_gap_report_page_is_loading (data);
}

static void
test_gap_report (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *page = bekal_gap_report_page_new ();
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->data_dir, "laporan.csv", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->data_dir, "no-such-folder", "x.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  GtkWidget *dialog;
  int outcome = 0;

  /* an untrained and a trained learner, each with a pre-test and a post-test */
  finish_quiz_in_store (fixture, "pretes", FALSE);
  finish_quiz_in_store (fixture, "postes", TRUE);
  fixture->profile_id = bekal_store_create_profile (fixture->store, "Budi", "Sentra Handayani",
                                                    "Pekerja sosial", 6, TRUE, &error);
  g_assert_no_error (error);
  finish_quiz_in_store (fixture, "pretes", TRUE);
  finish_quiz_in_store (fixture, "postes", TRUE);

  g_ptr_array_add (modules, fixture->module);
  bekal_gap_report_page_load (BEKAL_GAP_REPORT_PAGE (page), fixture->store, modules);
  show_in_window (fixture, page);
  /* computed in a worker thread */
  ui_wait_until (gap_report_computed, page, "the gap report");
  g_assert_cmpuint (bekal_gap_report_page_get_n_rows (BEKAL_GAP_REPORT_PAGE (page)), >, 0);
  g_assert_nonnull (find_label_with (page, _("Whole module")));
  g_assert_nonnull (find_label_with (page, "(n=1)"));
  assert_controls_named (page);
  save_screenshot (fixture->window, "quiz-12-gap-report");

  /* the month filter */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *month = g_date_time_format (now, "%Y-%m");
    guint all_time = bekal_gap_report_page_get_n_rows (BEKAL_GAP_REPORT_PAGE (page));

    bekal_gap_report_page_set_month (BEKAL_GAP_REPORT_PAGE (page), month);
    g_assert_cmpuint (bekal_gap_report_page_get_n_rows (BEKAL_GAP_REPORT_PAGE (page)), ==,
                      all_time);
    bekal_gap_report_page_set_month (BEKAL_GAP_REPORT_PAGE (page), "");
  }

  /* export: the file holds exactly the report's CSV */
  g_signal_connect (page, "exported", G_CALLBACK (on_exported), &outcome);
  bekal_gap_report_page_export_to_file (BEKAL_GAP_REPORT_PAGE (page), file);
  ui_wait_until (outcome_known, &outcome, "the export");
  g_assert_cmpint (outcome, ==, 1);
  rows = bekal_report_gap (fixture->store, &error);
  g_assert_no_error (error);
  expected = bekal_report_gap_to_csv (rows);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
  g_assert_true (g_str_has_suffix (written, "\r\n"));
  save_screenshot (fixture->window, "quiz-13-gap-report-exported");

  /* a folder that does not exist: a clear dialog, and the button works again */
  outcome = 0;
  bekal_gap_report_page_export_to_file (BEKAL_GAP_REPORT_PAGE (page), bad_file);
  ui_wait_until (outcome_known, &outcome, "the failed export");
  g_assert_cmpint (outcome, ==, 2);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_sensitive (ui_require_id (page, "export_button")));
  save_screenshot (fixture->window, "quiz-14-gap-report-failed");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  const char *dir = g_getenv ("BEKAL_SCREENSHOT_DIR");
  const char *width = g_getenv ("BEKAL_UI_WIDTH");
  const char *height = g_getenv ("BEKAL_UI_HEIGHT");
  int status;

  setlocale (LC_ALL, "");
  /* the catalogues built in this build folder, so that the test reads the translation */
  bindtextdomain (GETTEXT_PACKAGE, g_file_test (BEKAL_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR)
                                   ? BEKAL_BUILD_LOCALEDIR : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  if (width != NULL)
    window_width = atoi (width);
  if (height != NULL)
    window_height = atoi (height);
  screenshot_dir = g_strdup (dir != NULL ? dir : g_get_tmp_dir ());

  g_test_add ("/ui-quiz/pretest", Fixture, NULL, set_up, test_pretest, tear_down);
  g_test_add ("/ui-quiz/practice-feedback", Fixture, NULL, set_up, test_practice_feedback,
              tear_down);
  g_test_add ("/ui-quiz/order-keyboard", Fixture, NULL, set_up, test_order_keyboard, tear_down);
  g_test_add ("/ui-quiz/match-dropdowns", Fixture, NULL, set_up, test_match_dropdowns, tear_down);
  g_test_add ("/ui-quiz/posttest-review", Fixture, NULL, set_up, test_posttest_review, tear_down);
  g_test_add ("/ui-quiz/full-disk-retry", Fixture, NULL, set_up, test_full_disk_retry, tear_down);
  g_test_add ("/ui-quiz/resume", Fixture, NULL, set_up, test_resume, tear_down);
  g_test_add ("/ui-quiz/time-up", Fixture, NULL, set_up, test_time_up, tear_down);
  g_test_add ("/ui-quiz/checkpoint", Fixture, NULL, set_up, test_checkpoint, tear_down);
  g_test_add ("/ui-quiz/question-views", Fixture, NULL, set_up, test_question_views, tear_down);
  g_test_add ("/ui-quiz/question-view-marks", Fixture, NULL, set_up, test_question_view_marks,
              tear_down);
  g_test_add ("/ui-quiz/my-results", Fixture, NULL, set_up, test_my_results, tear_down);
  g_test_add ("/ui-quiz/gap-report", Fixture, NULL, set_up, test_gap_report, tear_down);

  status = g_test_run ();
  g_free (screenshot_dir);

  return status;
}
