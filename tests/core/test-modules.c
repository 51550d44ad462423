/* test-modules.c: the shipped orientation modules keep the promises made to learners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-model.h>

#include "test-util.h"

/* The orientation modules; the example module only shows the format */
static const char * const orientation_modules[] = {
  "orientasi-sentra",
  "memahami-ekstremisme",
  "praktik-berbasis-trauma",
  "reintegrasi-sosial-5r",
  "manajemen-kasus",
  "menjaga-diri",
  "keluarga-komunitas",
};

static GHashTable *
load_variants (const char *name)
{
  g_autofree char *modules = test_source_path ("modules");
  g_autofree char *media = test_source_path ("media");
  g_autofree char *folder = g_build_filename (modules, name, NULL);
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *variants = bekal_loader_load_folder (loader, folder, diagnostics, &error);

  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (variants);
  /* no error and no warning, in either language (translations compared too) */
  g_assert_cmpuint (diagnostics->len, ==, 0);

  return variants;
}

static gboolean
option_feedback_complete (BekalQuestion *question)
{
  if (bekal_question_get_kind (question) == BEKAL_QUESTION_ORDER
      || bekal_question_get_kind (question) == BEKAL_QUESTION_MATCH
      || bekal_question_get_kind (question) == BEKAL_QUESTION_SCALE)
    return TRUE;

  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    if (bekal_option_get_feedback (bekal_question_get_option (question, i)) == NULL)
      return FALSE;

  return TRUE;
}

static void
check_module (BekalModule *module)
{
  BekalQuiz *pretest = bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_PRETEST);
  BekalQuiz *posttest = bekal_module_find_quiz_by_role (module, BEKAL_QUIZ_POSTTEST);
  g_autoptr(GHashTable) topics_covered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) types = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n_lessons = bekal_module_get_n_lessons (module);
  guint n_videos = 0;

  g_test_message ("%s (%s)", bekal_module_get_id (module), bekal_module_get_language (module));

  /* 3 to 6 lessons, each with a reflection and a practice quiz */
  g_assert_cmpuint (n_lessons, >=, 3);
  g_assert_cmpuint (n_lessons, <=, 6);
  for (guint i = 0; i < n_lessons; i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);
      gboolean has_reflection = FALSE, has_practice = FALSE;

      g_assert_cmpuint (bekal_lesson_get_reading_minutes (lesson), >, 0);
      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, j);

          if (bekal_block_get_kind (block) == BEKAL_BLOCK_REFLECTION)
            has_reflection = TRUE;
          if (bekal_block_get_kind (block) == BEKAL_BLOCK_QUIZ
              && bekal_quiz_get_role (bekal_block_get_quiz (block)) == BEKAL_QUIZ_PRACTICE)
            has_practice = TRUE;
          if (bekal_block_get_kind (block) == BEKAL_BLOCK_VIDEO)
            {
              BekalMedia *media = bekal_block_get_media (block);

              n_videos++;
              g_assert_nonnull (bekal_media_find_subtitles (media, "id"));
              g_assert_nonnull (bekal_media_find_subtitles (media, "en"));
            }
        }

      g_assert_true (has_reflection);
      g_assert_true (has_practice);
    }
  g_assert_cmpuint (n_videos, >=, 1);

  /* a pre-test and a post-test drawn from one pool of at least 15 items */
  g_assert_nonnull (pretest);
  g_assert_nonnull (posttest);
  g_assert_true (bekal_quiz_get_pool (posttest) == pretest);
  g_assert_cmpuint (bekal_quiz_get_n_questions (pretest), >=, 15);
  g_assert_cmpuint (bekal_quiz_get_draw (pretest), <=, bekal_quiz_get_n_questions (pretest));
  g_assert_cmpuint (bekal_quiz_get_draw (posttest), <=, bekal_quiz_get_n_questions (pretest));
  g_assert_cmpint (bekal_quiz_get_pass_mark (posttest), >, 0);

  /* the pool covers every topic, mixes types, and explains every item */
  for (guint i = 0; i < bekal_quiz_get_n_questions (pretest); i++)
    {
      BekalQuestion *question = bekal_quiz_get_question (pretest, i);

      g_hash_table_add (topics_covered, (gpointer) bekal_question_get_topic_id (question));
      g_hash_table_add (types, GUINT_TO_POINTER (bekal_question_get_kind (question) + 1));
      if (bekal_question_is_scored (question))
        {
          g_assert_nonnull (bekal_question_get_explanation (question));
          g_assert_true (option_feedback_complete (question));
        }
    }

  for (guint i = 0; i < bekal_module_get_n_topics (module); i++)
    g_assert_true (g_hash_table_contains (topics_covered, bekal_module_get_topic (module, i)->id));
  g_assert_cmpuint (g_hash_table_size (types), >=, 4);

  /* sources are listed */
  g_assert_nonnull (bekal_module_get_sources (module));
  g_assert_cmpuint (g_strv_length ((char **) bekal_module_get_sources (module)), >=, 2);
}

static void
test_module (gconstpointer data)
{
  g_autoptr(GHashTable) variants = load_variants (data);
  BekalModule *original = g_hash_table_lookup (variants, "id");
  BekalModule *translation = g_hash_table_lookup (variants, "en");

  /* Indonesian is the original, English its translation, with the same module id */
  g_assert_nonnull (original);
  g_assert_nonnull (translation);
  g_assert_cmpuint (g_hash_table_size (variants), ==, 2);
  g_assert_cmpstr (bekal_module_get_id (original), ==, data);
  g_assert_cmpstr (bekal_module_get_id (translation), ==, data);
  g_assert_cmpstr (bekal_module_get_title (original), !=, bekal_module_get_title (translation));

  check_module (original);
  check_module (translation);
}

/* Where a module's trainer notes are: "lesson" or "lesson/block index", one per note place */
static GPtrArray *
list_trainer_notes (BekalModule *module)
{
  GPtrArray *places = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      if (bekal_lesson_get_trainer_note (lesson) != NULL)
        g_ptr_array_add (places, g_strdup (bekal_lesson_get_id (lesson)));
      for (guint b = 0; b < bekal_lesson_get_n_blocks (lesson); b++)
        if (bekal_block_get_trainer_note (bekal_lesson_get_block (lesson, b)) != NULL)
          g_ptr_array_add (places, g_strdup_printf ("%s/%u", bekal_lesson_get_id (lesson), b));
    }

  return places;
}

static const char *
first_trainer_note (BekalModule *module)
{
  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      if (bekal_lesson_get_trainer_note (lesson) != NULL)
        return bekal_lesson_get_trainer_note (lesson);
      for (guint b = 0; b < bekal_lesson_get_n_blocks (lesson); b++)
        if (bekal_block_get_trainer_note (bekal_lesson_get_block (lesson, b)) != NULL)
          return bekal_block_get_trainer_note (bekal_lesson_get_block (lesson, b));
    }
  return NULL;
}

/* The modules trainers present to a room first carry trainer notes in both languages, in the
 * same places, and in different words */
static void
test_trainer_notes (gconstpointer data)
{
  g_autoptr(GHashTable) variants = load_variants (data);
  BekalModule *original = g_hash_table_lookup (variants, "id");
  BekalModule *translation = g_hash_table_lookup (variants, "en");
  g_autoptr(GPtrArray) original_places = list_trainer_notes (original);
  g_autoptr(GPtrArray) translated_places = list_trainer_notes (translation);

  g_assert_cmpuint (original_places->len, >=, 1);
  g_assert_cmpuint (original_places->len, ==, translated_places->len);
  for (guint i = 0; i < original_places->len; i++)
    g_assert_cmpstr (g_ptr_array_index (original_places, i), ==,
                     g_ptr_array_index (translated_places, i));
  g_assert_cmpstr (first_trainer_note (original), !=, first_trainer_note (translation));
}

/* The learners' library holds the orientation modules and nothing else: the example module,
 * a trainer's reference, lives in examples/ */
static void
test_library_is_orientation_only (void)
{
  g_autofree char *modules = test_source_path ("modules");
  g_autoptr(GDir) dir = g_dir_open (modules, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (modules, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_str_equal (name, "schema"))
        g_ptr_array_add (found, g_strdup (name));
    }
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (orientation_modules));
  for (guint i = 0; i < found->len; i++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (orientation_modules); k++)
        known |= g_str_equal (orientation_modules[k], g_ptr_array_index (found, i));
      if (!known)
        g_error ("modules/%s is not an orientation module", (char *) g_ptr_array_index (found, i));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (orientation_modules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/modules/%s", orientation_modules[i]);

      g_test_add_data_func (path, orientation_modules[i], test_module);
    }
  g_test_add_func ("/modules/library-is-orientation-only", test_library_is_orientation_only);
  g_test_add_data_func ("/modules/trainer-notes/orientasi-sentra", "orientasi-sentra",
                        test_trainer_notes);
  g_test_add_data_func ("/modules/trainer-notes/reintegrasi-sosial-5r", "reintegrasi-sosial-5r",
                        test_trainer_notes);

  return g_test_run ();
}
