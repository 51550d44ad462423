/* ui-session-test.c: a group session under a virtual display, from the main menu to the end:
 * the trainer gate, the preparation dialog, the presenter and control windows moved with the
 * keys a presenter clicker sends, answers taken into the tally and stored as attempts that
 * the gap report counts. Screenshots of the projector (1024×768) and of the control window
 * (1366×768) are written to BEKAL_SCREENSHOT_DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include <bekal/bekal-quiz-response.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-store-sessions.h>
#include <bekal/bekal-store-trainer.h>

#include "bekal-application.h"
#include "bekal-control-window.h"
#include "bekal-presenter-window.h"
#include "bekal-qr-view.h"
#include "bekal-session-dialog.h"
#include "bekal-session-list.h"
#include "bekal-session-room.h"
#include "bekal-tally-view.h"
#include "bekal-window.h"
#include "test-ui-util.h"
#include "test-util.h"
#include "ui-session-util.h"

#define TRAINER_PASSPHRASE "pelatih-sentra-2024"

typedef struct
{
  BekalApplication *app;
  const char       *language;
  gboolean          ran;
} Run;

static char *data_root;
static char *screenshot_dir;

/* Helpers */


static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}






/* Shows @window alone at the top left of the screen (there is no window manager), then saves
 * what the X server shows of it */

static char *
shot_name (const char *what,
           const char *size,
           const char *language)
{
  return g_strdup_printf ("session-%s-%s-%s.png", what, size, language);
}

/* As a clicker's key: the window's shortcut for @keyval, found among its controllers and
 * activated on it */

static BekalResponse *
choose (BekalQuestion *question,
        gboolean       right)
{
  BekalResponse *response = bekal_response_new (bekal_question_get_kind (question));

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (bekal_option_get_correct (option) == right)
        {
          bekal_response_add_id (response, bekal_option_get_id (option));
          if (bekal_question_get_kind (question) != BEKAL_QUESTION_MULTIPLE || !right)
            break;
        }
    }
  return response;
}

static guint
tally_sum (BekalSession *session)
{
  guint n, sum = 0;
  const guint *tally = bekal_session_get_tally (session, &n);

  for (guint i = 0; i < n; i++)
    sum += tally[i];
  return sum;
}

static gboolean
tally_is_typed (gpointer data)
{
  guint n;
  const guint *tally = bekal_session_get_tally (data, &n);

  return n > 0 && tally[0] == 7;
}

static gboolean
answers_saved (gpointer data)
{
  return bekal_session_room_get_pending (data) == 0;
}

/* A phone, as the phone page talks to the server: a WebSocket over loopback */

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *socket;
  guint                    n_messages;
} Phone;

static void
on_phone_connected (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Phone *phone = user_data;
  g_autoptr(GError) error = NULL;

  phone->socket = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
on_phone_message (SoupWebsocketConnection *socket,
                  int                      type,
                  GBytes                  *message,
                  Phone                   *phone)
{
  phone->n_messages++;
}

static gboolean
phone_connected (gpointer data)
{
  return ((Phone *) data)->socket != NULL;
}

static gboolean
phone_answered (gpointer data)
{
  return bekal_session_count_answered (data) == 2;
}

static gboolean
participant_joined (gpointer data)
{
  return bekal_session_get_participant (data, 1)->joined;
}

static Phone *
phone_join (BekalSession *session,
            const char   *room_code,
            const char   *name)
{
  Phone *phone = g_new0 (Phone, 1);
  g_autofree char *port = g_strdup (bekal_session_get_address (session)
                                    + strlen ("http://127.0.0.1:"));
  g_autofree char *url = NULL;
  g_autofree char *join = g_strdup_printf ("{\"type\":\"join\",\"room\":\"%s\","
                                           "\"name\":\"%s\"}", room_code, name);
  g_autoptr(SoupMessage) message = NULL;

  *strchr (port, '/') = '\0';
  url = g_strdup_printf ("ws://127.0.0.1:%s/ws", port);
  message = soup_message_new ("GET", url);
  phone->session = soup_session_new ();
  soup_session_websocket_connect_async (phone->session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_phone_connected, phone);
  ui_wait_until (phone_connected, phone, "the phone's WebSocket");
  g_signal_connect (phone->socket, "message", G_CALLBACK (on_phone_message), phone);
  soup_websocket_connection_send_text (phone->socket, join);
  return phone;
}

static void
phone_free (Phone *phone)
{
  if (phone->socket != NULL
      && soup_websocket_connection_get_state (phone->socket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (phone->socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&phone->socket);
  g_clear_object (&phone->session);
  g_free (phone);
}

static gboolean
has_resume_button (gpointer data)
{
  return ui_session_find_named (data, "resume") != NULL;
}

/* The scenario */

static void
run_session (BekalApplication *app,
             BekalWindow      *window,
             const char       *language)
{
  BekalStore *store = bekal_application_get_store (app);
  g_autoptr(GError) error = NULL;
  BekalSessionDialog *dialog;
  BekalControlWindow *control;
  BekalPresenterWindow *presenter;
  BekalSessionRoom *room;
  BekalSession *session;
  g_autofree char *name = NULL;
  const BekalScreen *screen;
  guint first_block = 0;
  guint last_place;
  GPtrArray *gap;
  gint64 dewi = 0;
  gboolean counted = FALSE;
  guint qr_width = 0;
  g_autofree char *paper_question = NULL;
  g_autofree char *room_code = NULL;
  Phone *phone;

  /* the trainer gate first */
  g_assert_true (bekal_store_set_trainer_passphrase (store, TRAINER_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_null (ui_session_find_toplevel (BEKAL_TYPE_SESSION_DIALOG));
  ui_session_open_as_trainer (window, TRAINER_PASSPHRASE);

  /* preparing: two participants added on the spot, one trained before */
  dialog = BEKAL_SESSION_DIALOG (ui_session_wait_for_toplevel (BEKAL_TYPE_SESSION_DIALOG,
                                                               "the session dialog"));
  bekal_session_dialog_add_participant (dialog, "Dewi <b>Lestari</b>", "Sentra Ciungwanara",
                                        "Peksos", FALSE);
  bekal_session_dialog_add_participant (dialog, "Rahmat Hidayat", "Sentra Ciungwanara",
                                        "Pendamping", TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 740);
  name = g_strdup_printf ("session-prepare-%s.png", language);
  ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir, name);
  gtk_widget_activate (ui_require_id (GTK_WIDGET (dialog), "start_button"));

  control = BEKAL_CONTROL_WINDOW (ui_session_wait_for_toplevel (BEKAL_TYPE_CONTROL_WINDOW,
                                                     "the control window"));
  presenter = BEKAL_PRESENTER_WINDOW (ui_session_wait_for_toplevel (BEKAL_TYPE_PRESENTER_WINDOW,
                                                         "the presenter window"));
  g_assert_null (ui_session_find_toplevel (BEKAL_TYPE_SESSION_DIALOG));
  room = bekal_session_room_from_window (GTK_WINDOW (control));
  g_assert_nonnull (room);
  session = bekal_session_room_get_session (room);
  g_assert_cmpuint (bekal_session_get_n_participants (session), ==, 2);
  g_assert_cmpstr (bekal_presenter_window_get_page (presenter), ==, "join");

  /* the live server listens on loopback here; its address, code and QR code are shown */
  g_assert_nonnull (bekal_session_room_get_server (room));
  g_assert_true (g_str_has_prefix (bekal_session_get_address (session), "http://127.0.0.1:"));
  g_assert_nonnull (bekal_session_get_qr (session, &qr_width));
  g_assert_cmpuint (qr_width, >=, 21);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_require_id (GTK_WIDGET (presenter),
                                                                "code_label"))), ==,
                   bekal_live_server_get_room_code (bekal_session_room_get_server (room)));
  bekal_session_set_joined (session, 0, TRUE);
  /* Rahmat joins from a phone, picking his name from the roster */
  phone = phone_join (session,
                      bekal_live_server_get_room_code (bekal_session_room_get_server (room)),
                      "Rahmat Hidayat");
  ui_wait_until (participant_joined, session, "Rahmat's phone to join");
  g_assert_cmpuint (bekal_session_get_n_participants (session), ==, 2);

  g_free (name);
  name = shot_name ("join", "1024x768", language);
  ui_session_screenshot_alone (GTK_WINDOW (presenter), GTK_WINDOW (control),
                               screenshot_dir, name);

  /* the projector's window closed by mistake comes back from the control window */
  gtk_window_close (GTK_WINDOW (presenter));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (presenter)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.show-projector",
                                             NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (presenter)));

  /* the pre-test: both answer, one right and one wrong; a repeat is not counted */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.start-pre-test",
                                             NULL));
  screen = bekal_session_get_screen (session, bekal_session_get_current (session));
  g_assert_cmpint (screen->kind, ==, BEKAL_SCREEN_QUESTION);
  g_assert_cmpint (bekal_quiz_get_role (screen->quiz), ==, BEKAL_QUIZ_PRETEST);
  g_assert_cmpstr (bekal_presenter_window_get_page (presenter), ==, "question");
  {
    g_autoptr(BekalResponse) right = choose (screen->question, TRUE);
    g_autoptr(BekalResponse) wrong = choose (screen->question, FALSE);

    g_assert_true (bekal_session_room_take_answer (room, 0, wrong));
    g_assert_true (bekal_session_room_take_answer (room, 1, right));
    g_assert_false (bekal_session_room_take_answer (room, 1, wrong));
  }
  g_assert_cmpuint (bekal_session_count_answered (session), ==, 2);
  g_assert_cmpuint (tally_sum (session), >=, 2);
  /* the tally stays off the projector until the trainer shows it or reveals the answer */
  g_assert_false (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (presenter), "tally_view")));
  g_free (name);
  name = shot_name ("control-question", "1366x768", language);
  ui_settle (300);
  ui_session_screenshot_alone (GTK_WINDOW (control), GTK_WINDOW (presenter),
                               screenshot_dir, name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.reveal", NULL));
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (presenter), "tally_view")));
  g_free (name);
  name = shot_name ("question-revealed", "1024x768", language);
  ui_session_screenshot_alone (GTK_WINDOW (presenter), GTK_WINDOW (control),
                               screenshot_dir, name);

  /* a room without phones: the trainer types the counts per option, kept as room totals */
  {
    GtkWidget *paper_box = ui_require_id (GTK_WIDGET (control), "paper_box");
    GtkWidget *first = gtk_widget_get_first_child (paper_box);

    g_assert_nonnull (first);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui_require_id (GTK_WIDGET (control),
                                                                    "paper_button")), TRUE);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_last_child (first)), 7);
    g_signal_emit_by_name (ui_require_id (GTK_WIDGET (control), "paper_save_button"), "clicked");
    g_assert_cmpuint (bekal_session_get_tally (session, &qr_width)[0], ==, 7);
    paper_question = g_strdup (bekal_question_get_id (screen->question));
  }

  /* through the lessons with Page Down and Page Up, in either window */
  while (bekal_session_get_screen (session, bekal_session_get_current (session))->kind
         != BEKAL_SCREEN_BLOCK)
    ui_session_press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Down);
  first_block = bekal_session_get_current (session);
  ui_session_press_key (GTK_WIDGET (control), GDK_KEY_Page_Down);
  g_assert_cmpuint (bekal_session_get_current (session), ==, first_block + 1);
  ui_session_press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Up);
  g_assert_cmpuint (bekal_session_get_current (session), ==, first_block);
  g_assert_cmpstr (bekal_presenter_window_get_page (presenter), ==, "block");
  /* the lesson's trainer note is on the laptop, never on the projector */
  {
    BekalLesson *lesson = bekal_session_get_screen (session, first_block)->lesson;
    const char *note = bekal_lesson_get_trainer_note (lesson);
    const char *shown = gtk_label_get_text (GTK_LABEL (ui_require_id (GTK_WIDGET (control),
                                                                      "notes_label")));

    g_assert_nonnull (note);
    g_assert_true (strstr (shown, note) != NULL);
    g_assert_null (find_label_text (GTK_WIDGET (presenter), note));
  }
  g_free (name);
  name = shot_name ("control-lesson", "1366x768", language);
  ui_session_screenshot_alone (GTK_WINDOW (control), GTK_WINDOW (presenter),
                               screenshot_dir, name);
  ui_session_press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Down);
  g_free (name);
  name = shot_name ("lesson", "1024x768", language);
  ui_session_screenshot_alone (GTK_WINDOW (presenter), GTK_WINDOW (control),
                               screenshot_dir, name);

  /* the video, large, then its checkpoint, which waits for the trainer to send it */
  for (;;)
    {
      screen = bekal_session_get_screen (session, bekal_session_get_current (session));
      if (screen->kind == BEKAL_SCREEN_BLOCK
          && bekal_block_get_kind (screen->block) == BEKAL_BLOCK_VIDEO)
        break;
      g_assert_true (bekal_session_next (session));
    }
  /* the trainer reads the content note to the room, then the video is shown */
  g_free (name);
  name = shot_name ("video-note", "1024x768", language);
  ui_session_screenshot_alone (GTK_WINDOW (presenter), GTK_WINDOW (control),
                               screenshot_dir, name);
  g_signal_emit_by_name (ui_require_id (GTK_WIDGET (presenter), "continue_button"), "clicked");
  g_free (name);
  name = shot_name ("video", "1024x768", language);
  ui_session_screenshot_alone (GTK_WINDOW (presenter), GTK_WINDOW (control),
                               screenshot_dir, name);
  ui_session_press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Down);
  screen = bekal_session_get_screen (session, bekal_session_get_current (session));
  g_assert_cmpint (screen->kind, ==, BEKAL_SCREEN_QUESTION);
  g_assert_true (screen->checkpoint);
  {
    g_autoptr(BekalResponse) right = choose (screen->question, TRUE);

    g_assert_false (bekal_session_room_take_answer (room, 0, right));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.send", NULL));
    g_assert_true (bekal_session_room_take_answer (room, 0, right));
  }

  /* without Wi-Fi: the counts typed per option replace the tally */
  {
    GtkWidget *paper = ui_require_id (GTK_WIDGET (control), "paper_button");
    GtkWidget *paper_box = ui_require_id (GTK_WIDGET (control), "paper_box");
    g_autoptr(GPtrArray) spins = ui_find_all (paper_box, GTK_TYPE_SPIN_BUTTON);
    guint n;
    const guint *tally;

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (paper), TRUE);
    g_assert_cmpuint (spins->len, ==, bekal_question_get_n_options (screen->question));
    for (guint i = 0; i < spins->len; i++)
      gtk_spin_button_set_value (g_ptr_array_index (spins, i), 7 + i);
    ui_wait_for_transitions (GTK_WIDGET (control));
    g_assert_true (gtk_widget_is_sensitive (ui_require_id (GTK_WIDGET (control),
                                                           "paper_save_button")));
    g_signal_emit_by_name (ui_require_id (GTK_WIDGET (control), "paper_save_button"), "clicked");
    ui_wait_until (tally_is_typed, session, "the typed counts");
    tally = bekal_session_get_tally (session, &n);
    g_assert_cmpuint (n, ==, spins->len);
    for (guint i = 0; i < n; i++)
      g_assert_cmpuint (tally[i], ==, 7 + i);
    g_free (name);
    name = shot_name ("control-paper", "1366x768", language);
    ui_session_screenshot_alone (GTK_WINDOW (control), GTK_WINDOW (presenter),
                                 screenshot_dir, name);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (paper), FALSE);
  }

  /* the post-test: both right */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.start-post-test",
                                             NULL));
  screen = bekal_session_get_screen (session, bekal_session_get_current (session));
  g_assert_cmpint (bekal_quiz_get_role (screen->quiz), ==, BEKAL_QUIZ_POSTTEST);
  {
    g_autoptr(BekalResponse) right = choose (screen->question, TRUE);
    g_autofree char *text = bekal_response_to_string (right);
    g_autofree char *answer = g_strdup_printf ("{\"type\":\"answer\",\"question\":\"%s\","
                                               "\"response\":\"%s\"}",
                                               bekal_question_get_id (screen->question), text);

    g_assert_true (bekal_session_room_take_answer (room, 0, right));
    /* Rahmat answers on his phone: the server's answer reaches the tally and the store */
    soup_websocket_connection_send_text (phone->socket, answer);
    ui_wait_until (phone_answered, session, "the phone's answer");
  }
  phone_free (phone);
  bekal_session_set_room_score_on (session, TRUE);
  bekal_session_reveal (session);
  g_assert_true (gtk_widget_get_visible (ui_require_id (GTK_WIDGET (presenter), "score_label")));

  /* the end: the projector closes with the control window, the attempts are finished */
  last_place = bekal_session_get_current (session);
  room_code = g_strdup (bekal_live_server_get_room_code (bekal_session_room_get_server (room)));
  g_object_ref (room);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.end", NULL));
  ui_wait_until (ui_session_toplevel_is_gone, GSIZE_TO_POINTER (BEKAL_TYPE_PRESENTER_WINDOW),
                 "the presenter to close");
  ui_wait_until (answers_saved, room, "the answers to be saved");
  g_object_unref (room);

  /* the session is listed with its module and participants, and opens again at its place */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.group-session", NULL));
  dialog = BEKAL_SESSION_DIALOG (ui_session_wait_for_toplevel (BEKAL_TYPE_SESSION_DIALOG,
                                                    "the session dialog again"));
  {
    GtkWidget *saved_list = ui_require_id (GTK_WIDGET (dialog), "saved_list");
    GtkWidget *resume;
    GtkWidget *row;

    /* the list is read from the store in a worker */
    ui_wait_until (has_resume_button, saved_list, "the saved sessions to be listed");
    resume = ui_session_find_named (saved_list, "resume");
    row = gtk_widget_get_first_child (saved_list);

    g_assert_nonnull (resume);
    g_assert_true (gtk_widget_get_sensitive (resume));
    g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                           "Dewi <b>Lestari</b>") != NULL);
    gtk_widget_set_size_request (GTK_WIDGET (dialog), -1, -1);
    gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 740);
    /* the saved sessions are at the bottom of the dialog */
    gtk_widget_grab_focus (resume);
    g_free (name);
    name = g_strdup_printf ("session-saved-%s.png", language);
    ui_save_screenshot (GTK_WINDOW (dialog), screenshot_dir, name);
    gtk_widget_activate (resume);
    control = BEKAL_CONTROL_WINDOW (ui_session_wait_for_toplevel (BEKAL_TYPE_CONTROL_WINDOW,
                                                       "the resumed control window"));
    session = bekal_control_window_get_session (control);
    g_assert_cmpuint (bekal_session_get_current (session), ==, last_place);
    g_assert_cmpuint (bekal_session_get_n_participants (session), ==, 2);
    g_assert_cmpint (bekal_session_get_participant (session, 0)->profile_id, !=, 0);
    /* the phones join the resumed session with the code the room already has */
    g_assert_cmpstr (bekal_live_server_get_room_code (bekal_session_room_get_server (
                       bekal_session_room_from_window (GTK_WINDOW (control)))), ==, room_code);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (control), "session.end", NULL));
    ui_wait_until (ui_session_toplevel_is_gone, GSIZE_TO_POINTER (BEKAL_TYPE_CONTROL_WINDOW),
                   "the resumed session to end");
  }

  /* the participants have profiles, and their attempts count in the gap report */
  {
    g_autoptr(GListModel) profiles = bekal_store_list_profiles (store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
      {
        g_autoptr(BekalProfile) profile = g_list_model_get_item (profiles, i);

        if (g_str_equal (bekal_profile_get_name (profile), "Dewi <b>Lestari</b>"))
          dewi = bekal_profile_get_id (profile);
      }
  }
  g_assert_cmpint (dewi, !=, 0);
  {
    g_autoptr(GPtrArray) attempts = bekal_store_list_attempts (store, dewi, "contoh-semua-elemen",
                                                               NULL, &error);

    g_assert_no_error (error);
    /* pre-test, video checkpoint, post-test */
    g_assert_cmpuint (attempts->len, ==, 3);
    /* the session is stored, ended, at its place, with its roster; the attempts are marked
     * with it, and the counts typed in are room totals */
    {
      g_autoptr(GPtrArray) sessions = bekal_store_list_group_sessions (store, NULL, &error);
      g_autoptr(GPtrArray) totals = NULL;
      BekalGroupSession *stored;

      g_assert_no_error (error);
      g_assert_cmpuint (sessions->len, ==, 1);
      stored = g_ptr_array_index (sessions, 0);
      g_assert_cmpint (stored->state, ==, BEKAL_GROUP_SESSION_ENDED);
      g_assert_cmpuint (stored->position, ==, last_place);
      g_assert_cmpuint (stored->roster->len, ==, 2);
      for (guint i = 0; i < attempts->len; i++)
        {
          BekalQuizAttempt *attempt = g_ptr_array_index (attempts, i);

          g_assert_cmpint (attempt->session_id, ==, stored->id);
          g_assert_cmpint (attempt->finished_at, >, 0);
        }
      totals = bekal_store_list_room_totals (store, stored->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (totals->len, >=, 1);
      {
        BekalRoomTotal *total = g_ptr_array_index (totals, 0);

        g_assert_cmpstr (total->question_id, ==, paper_question);
        g_assert_cmpuint (total->count, ==, 7);
      }
    }
  }
  gap = bekal_report_gap (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < gap->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (gap, i);

      if (row->topic_id[0] == '\0' && row->month[0] == '\0'
          && row->untrained.pre_n == 1 && row->untrained.post_n == 1
          && row->trained.pre_n == 1 && row->trained.post_n == 1)
        {
          counted = TRUE;
          g_assert_cmpfloat (row->untrained.pre_mean, <, row->untrained.post_mean);
        }
    }
  g_ptr_array_unref (gap);
  g_assert_true (counted);
}

/* Running the application */

static gboolean
run_scenario (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  g_assert_true (BEKAL_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  run_session (run->app, BEKAL_WINDOW (window), run->language);
  run->ran = TRUE;
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
test_session (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *data_dir = g_build_filename (data_root, language, NULL);
  g_autofree char *examples_dir = g_build_filename (BEKAL_SOURCE_ROOT, "examples", NULL);
  const char *argv[] = { "bekal", "--data-dir", data_dir, "--modules-dir", examples_dir, NULL };
  Run run = { 0, };

  g_settings_set_int (settings, "window-width", 1366);
  g_settings_set_int (settings, "window-height", 768);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  run.app = bekal_application_new ();
  run.language = language;
  g_application_set_flags (G_APPLICATION (run.app),
                           g_application_get_flags (G_APPLICATION (run.app))
                           | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (run.app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), G_N_ELEMENTS (argv) - 1,
                                      (char **) argv), ==, 0);
  g_assert_true (run.ran);
  g_clear_object (&run.app);
}

/* The projector's monitor: another one than the laptop's when there are two */
static void
test_monitor (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  GdkMonitor *chosen = bekal_session_room_choose_monitor (NULL);

  g_test_message ("%u monitors", g_list_model_get_n_items (monitors));
  if (g_list_model_get_n_items (monitors) < 2)
    g_assert_null (chosen);
  else
    {
      g_autoptr(GdkMonitor) first = g_list_model_get_item (monitors, 0);

      g_assert_nonnull (chosen);
      g_assert_true (chosen != first);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *dir = g_getenv ("BEKAL_SCREENSHOT_DIR");
  const char *language = g_getenv ("LANGUAGE");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_file_test (BEKAL_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR)
                                   ? BEKAL_BUILD_LOCALEDIR : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);

  data_root = g_dir_make_tmp ("bekal-ui-session-XXXXXX", NULL);
  g_assert_nonnull (data_root);
  screenshot_dir = g_strdup (dir != NULL ? dir : g_get_tmp_dir ());
  {
    g_autofree char *xdg_data = g_build_filename (data_root, "xdg-data", NULL);

    g_setenv ("XDG_DATA_HOME", xdg_data, TRUE);
  }

  /* network traffic in tests stays on loopback */
  {
    g_autoptr(GPtrArray) loopback = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (loopback, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
    bekal_session_room_set_default_addresses (loopback);
  }

  g_test_add_func ("/ui-session/monitor", test_monitor);
  g_test_add_data_func ("/ui-session/session", g_strcmp0 (language, "en") == 0 ? "en" : "id",
                        test_session);

  status = g_test_run ();
  bekal_session_room_set_default_addresses (NULL);

  test_remove_tree (data_root);
  g_free (data_root);
  g_free (screenshot_dir);
  return status;
}
