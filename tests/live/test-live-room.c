/* test-live-room.c: a group session's rules and what the store keeps of it, without a display:
 * parallel forms by seat, the tally, a stored session resumed, and the writes of a room (its
 * roster, place, answers as attempts marked with it, room totals)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-quiz.h>
#include <bekal/bekal-store.h>
#include <bekal/bekal-store-sessions.h>

#include "bekal-session-list.h"
#include "bekal-session-save.h"
#include "test-util.h"

static BekalModule *
load_module (const char *relative)
{
  g_autofree char *path = test_source_path (relative);
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  BekalModule *module = bekal_loader_load_file (loader, path, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (module);
  return module;
}

/* A stored session comes back with its roster (seats, profiles) and at its place; without its
 * module, or with another one, nothing is resumed */
static void
test_restore (void)
{
  g_autofree char *data_dir = test_make_tmp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(BekalModule) module = load_module ("examples/contoh-semua-elemen/module.id.xml");
  g_autoptr(BekalModule) other = load_module ("modules/menjaga-diri/module.id.xml");
  g_autoptr(BekalGroupSession) stored = NULL;
  g_autoptr(BekalSession) session = NULL;
  g_autofree char *line = NULL;
  gint64 id, dewi, rahmat;

  store = bekal_store_open (data_dir, &error);
  g_assert_no_error (error);
  id = bekal_store_create_group_session (store, "contoh-semua-elemen", NULL, "ABC123",
                                         BEKAL_GROUP_SESSION_PHONES, &error);
  g_assert_no_error (error);
  dewi = bekal_store_add_group_session_newcomer (store, id, "Dewi", "Sentra A", "Peksos", FALSE,
                                                 NULL, &error);
  rahmat = bekal_store_add_group_session_newcomer (store, id, "Rahmat", "Sentra B", "", TRUE,
                                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bekal_store_remove_group_session_participant (store, id, dewi, &error));
  g_assert_true (bekal_store_add_group_session_participant (store, id, dewi, NULL, &error));
  g_assert_true (bekal_store_set_group_session_position (store, id, 4, &error));
  stored = bekal_store_dup_group_session (store, id, &error);
  g_assert_no_error (error);

  g_assert_null (bekal_group_session_restore (stored, NULL));
  g_assert_null (bekal_group_session_restore (stored, other));
  session = bekal_group_session_restore (stored, module);
  g_assert_nonnull (session);
  g_assert_cmpint (bekal_session_get_store_id (session), ==, id);
  g_assert_cmpuint (bekal_session_get_current (session), ==, 4);
  g_assert_cmpuint (bekal_session_get_n_participants (session), ==, 2);
  /* Dewi came back on a new seat: the seats are the store's, not the order of the list */
  g_assert_cmpint (bekal_session_get_participant (session, 0)->profile_id, ==, rahmat);
  g_assert_cmpuint (bekal_session_get_participant (session, 0)->seat, ==, 1);
  g_assert_true (bekal_session_get_participant (session, 0)->trained_before);
  g_assert_cmpint (bekal_session_get_participant (session, 1)->profile_id, ==, dewi);
  g_assert_cmpuint (bekal_session_get_participant (session, 1)->seat, ==, 2);
  g_assert_cmpstr (bekal_session_get_participant (session, 1)->sentra, ==, "Sentra A");

  line = bekal_group_session_describe (stored);
  g_assert_true (strstr (line, "Rahmat, Dewi") != NULL);
  test_remove_tree (data_dir);
}

/* Parallel forms in a room: at each place of the pre-test, the even seats answer form A and the
 * odd seats form B, the reverse in the post-test, so that no one meets a question twice; on
 * paper, everyone answers the projector's question */
static void
test_forms (void)
{
  g_autoptr(BekalModule) module = load_module ("modules/memahami-ekstremisme/module.id.xml");
  g_autoptr(BekalSession) session = bekal_session_new (module, NULL);
  BekalQuiz *pre = bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRETEST);
  BekalQuiz *post = bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_POSTTEST);
  g_auto(GStrv) pre_even = NULL, pre_odd = NULL, post_even = NULL, post_odd = NULL;
  guint place;

  g_assert_true (bekal_quiz_has_forms (pre));
  bekal_session_add_participant (session, "Sari", "", "", FALSE, 0);
  bekal_session_add_participant (session, "Budi", "", "", FALSE, 0);
  g_assert_cmpuint (bekal_session_get_participant (session, 1)->seat, ==, 1);

  g_assert_true (bekal_session_start_quiz (session, BEKAL_QUIZ_PRETEST));
  place = bekal_session_get_current (session);
  g_assert_true (bekal_session_screen_has_forms (session, place));
  g_assert_cmpstr (bekal_question_get_form (
                     bekal_session_get_participant_question (session, 0, place)), ==, "a");
  g_assert_cmpstr (bekal_question_get_form (
                     bekal_session_get_participant_question (session, 1, place)), ==, "b");

  pre_even = bekal_session_dup_question_ids (session, pre, 0);
  pre_odd = bekal_session_dup_question_ids (session, pre, 1);
  post_even = bekal_session_dup_question_ids (session, post, 0);
  post_odd = bekal_session_dup_question_ids (session, post, 1);
  g_assert_cmpuint (g_strv_length (pre_even), ==, (guint) bekal_quiz_get_draw (pre));
  g_assert_cmpuint (g_strv_length (pre_even), ==, g_strv_length (post_even));
  for (guint i = 0; pre_even[i] != NULL; i++)
    {
      g_assert_false (g_strv_contains ((const char * const *) post_even, pre_even[i]));
      g_assert_false (g_strv_contains ((const char * const *) pre_odd, pre_even[i]));
      g_assert_cmpstr (pre_even[i], ==, post_odd[i]);
      g_assert_cmpstr (pre_odd[i], ==, post_even[i]);
    }

  /* the halves' answers are counted, never tallied together */
  {
    guint n = 99;

    bekal_session_get_tally (session, &n);
    g_assert_cmpuint (n, ==, 0);
    g_assert_true (bekal_session_record_answer (session, 1, NULL, 0));
    g_assert_cmpuint (bekal_session_count_answered (session), ==, 1);
  }

  bekal_session_set_use_forms (session, FALSE);
  g_assert_false (bekal_session_screen_has_forms (session, place));
  g_assert_true (bekal_session_get_participant_question (session, 1, place)
                 == bekal_session_get_screen (session, place)->question);
}

static gboolean
saver_done (BekalSessionSaver *saver)
{
  while (bekal_session_saver_get_pending (saver) > 0)
    g_main_context_iteration (NULL, TRUE);
  return bekal_session_saver_get_failed (saver) == 0;
}

/* The first option of @question as a phone would send it: a choice, or the scale's minimum */
static BekalResponse *
some_response (BekalQuestion *question)
{
  g_autofree char *text = NULL;

  if (bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
    text = g_strdup_printf ("%d", bekal_question_get_scale_min (question));
  else if (bekal_question_get_kind (question) == BEKAL_QUESTION_TRUEFALSE)
    text = g_strdup ("true");
  else if (bekal_question_get_kind (question) == BEKAL_QUESTION_SINGLE
           || bekal_question_get_kind (question) == BEKAL_QUESTION_MULTIPLE)
    text = g_strdup (bekal_option_get_id (bekal_question_get_option (question, 0)));
  else
    {
      g_autoptr(GString) all = g_string_new (NULL);

      /* an order or a match: every item in its place */
      for (guint i = 0; i < bekal_question_get_n_options (question); i++)
        {
          const char *id = bekal_option_get_id (bekal_question_get_option (question, i));

          if (bekal_question_get_kind (question) == BEKAL_QUESTION_MATCH)
            g_string_append_printf (all, "%s%s=%s", i > 0 ? "," : "", id, id);
          else
            g_string_append_printf (all, "%s%s", i > 0 ? "," : "", id);
        }
      text = g_string_free (g_steal_pointer (&all), FALSE);
    }
  return bekal_response_parse (bekal_question_get_kind (question), text, NULL);
}

static void
answer_here (BekalSessionSaver *saver,
             BekalSession      *session,
             guint              participant)
{
  guint place = bekal_session_get_current (session);
  BekalQuestion *question = bekal_session_get_participant_question (session, participant, place);
  g_autoptr(BekalResponse) response = some_response (question);

  g_assert_nonnull (response);
  bekal_session_saver_save_answer (saver, participant, place, question, response);
}

static BekalQuizAttempt *
find_attempt (GPtrArray  *attempts,
              gint64      profile_id,
              const char *quiz_id)
{
  for (guint i = 0; i < attempts->len; i++)
    {
      BekalQuizAttempt *attempt = g_ptr_array_index (attempts, i);

      if (attempt->profile_id == profile_id && g_str_equal (attempt->quiz_id, quiz_id))
        return attempt;
    }
  g_assert_not_reached ();
}

/* A room's writes: the session and its roster, the place, answers as attempts of each form
 * marked with the session, a newcomer, a session resumed that goes on with the attempts begun,
 * room totals kept apart, and the end */
static void
test_saver (void)
{
  g_autofree char *data_dir = test_make_tmp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalStore) store = bekal_store_open (data_dir, &error);
  g_autoptr(BekalModule) module = load_module ("modules/memahami-ekstremisme/module.id.xml");
  g_autoptr(BekalSession) session = bekal_session_new (module, NULL);
  g_autoptr(BekalSession) resumed = NULL;
  g_autoptr(BekalSessionSaver) saver = NULL;
  g_autoptr(BekalSessionSaver) saver2 = NULL;
  g_autoptr(BekalGroupSession) stored = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  g_auto(GStrv) form_a = NULL;
  g_auto(GStrv) form_b = NULL;
  BekalQuiz *pre = bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRETEST);
  BekalQuizAttempt *attempt;
  gint64 sari, budi;
  guint first, practice = 0;
  const guint counts[] = { 5, 2, 0, 1, 0, 0, 0, 0 };

  g_assert_no_error (error);
  bekal_session_add_participant (session, "Sari", "Sentra A", "Peksos", FALSE, 0);
  bekal_session_add_participant (session, "Budi", "Sentra A", "", TRUE, 0);
  saver = bekal_session_saver_new (store, session);
  bekal_session_set_room (session, "http://127.0.0.1:1/", "482913", NULL, 0);
  bekal_session_saver_save_room_code (saver);
  g_assert_true (saver_done (saver));
  g_assert_cmpint (bekal_session_get_store_id (session), >, 0);

  /* the pre-test's first place: each half answers its own form */
  g_assert_true (bekal_session_start_quiz (session, BEKAL_QUIZ_PRETEST));
  first = bekal_session_get_current (session);
  bekal_session_saver_save_position (saver);
  answer_here (saver, session, 0);
  answer_here (saver, session, 1);
  /* a name typed on a phone joins the roster with a profile of its own */
  bekal_session_add_participant (session, "Ani", "", "", FALSE, 0);
  answer_here (saver, session, 2);
  g_assert_true (saver_done (saver));

  stored = bekal_store_dup_group_session (store, bekal_session_get_store_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->roster->len, ==, 3);
  g_assert_cmpuint (stored->position, ==, first);
  g_assert_cmpint (stored->state, ==, BEKAL_GROUP_SESSION_OPEN);
  g_assert_cmpstr (stored->room_code, ==, "482913");
  sari = ((BekalRosterEntry *) g_ptr_array_index (stored->roster, 0))->profile_id;
  budi = ((BekalRosterEntry *) g_ptr_array_index (stored->roster, 1))->profile_id;
  g_assert_cmpint (sari, >, 0);
  g_assert_cmpint (budi, >, 0);

  attempts = bekal_store_list_group_attempts (store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 3);
  form_a = bekal_session_dup_question_ids (session, pre, 0);
  form_b = bekal_session_dup_question_ids (session, pre, 1);
  attempt = find_attempt (attempts, sari, bekal_quiz_get_id (pre));
  g_assert_true (g_strv_equal ((const char * const *) attempt->question_order,
                               (const char * const *) form_a));
  g_assert_cmpint (attempt->session_id, ==, stored->id);
  attempt = find_attempt (attempts, budi, bekal_quiz_get_id (pre));
  g_assert_true (g_strv_equal ((const char * const *) attempt->question_order,
                               (const char * const *) form_b));
  g_clear_pointer (&attempts, g_ptr_array_unref);

  /* Bekal closed mid-test: the session comes back from the store and goes on with the
   * attempts begun */
  g_clear_object (&saver);
  resumed = bekal_group_session_restore (stored, module);
  g_assert_nonnull (resumed);
  /* the room code on the board still works */
  g_assert_cmpstr (bekal_session_get_room_code (resumed), ==, "482913");
  saver2 = bekal_session_saver_new (store, resumed);
  bekal_session_next (resumed);
  answer_here (saver2, resumed, 0);

  /* a practice question answered on paper: room totals, in no one's attempts */
  for (guint i = 0; i < bekal_session_get_n_screens (resumed) && practice == 0; i++)
    {
      const BekalScreen *screen = bekal_session_get_screen (resumed, i);

      if (screen->kind == BEKAL_SCREEN_QUESTION && !screen->checkpoint
          && bekal_quiz_get_role (screen->quiz) == BEKAL_QUIZ_PRACTICE
          && bekal_question_get_kind (screen->question) == BEKAL_QUESTION_SINGLE)
        practice = i;
    }
  g_assert_cmpuint (practice, >, 0);
  bekal_session_go_to (resumed, practice);
  bekal_session_set_counts (resumed, counts, G_N_ELEMENTS (counts));
  bekal_session_saver_save_room_totals (saver2);
  bekal_session_saver_finish (saver2);
  g_assert_true (saver_done (saver2));

  attempts = bekal_store_list_group_attempts (store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 3);
  attempt = find_attempt (attempts, sari, bekal_quiz_get_id (pre));
  g_assert_cmpint (attempt->finished_at, >, 0);
  {
    g_autoptr(GPtrArray) answers = bekal_store_list_answers (store, attempt->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (answers->len, ==, 2);
  }
  /* every question of the form counts: two answered of eight at most */
  g_assert_cmpfloat (attempt->score, <=, 2.0 / g_strv_length (form_a) + 1e-9);

  totals = bekal_store_list_room_totals (store, stored->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==,
                    bekal_question_get_n_options (bekal_session_get_screen (resumed,
                                                                            practice)->question));
  g_assert_cmpuint (((BekalRoomTotal *) g_ptr_array_index (totals, 0))->count, ==, 5);

  g_clear_pointer (&stored, bekal_group_session_free);
  stored = bekal_store_dup_group_session (store, bekal_session_get_store_id (resumed), &error);
  g_assert_cmpint (stored->state, ==, BEKAL_GROUP_SESSION_ENDED);
  test_remove_tree (data_dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-room/forms", test_forms);
  g_test_add_func ("/live-room/restore", test_restore);
  g_test_add_func ("/live-room/saver", test_saver);

  return g_test_run ();
}
