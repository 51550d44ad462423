/* bekal-loader-translation.c: a translation has the structure and ids of the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>

#include "bekal-loader-private.h"
#include "bekal-model-private.h"

/* Translations */

typedef struct
{
  char *key;  /* what must be the same in every language */
  int   line;
} ShapeItem;

static void
clear_shape_item (ShapeItem *item)
{
  g_free (item->key);
}

static void
add_shape (GArray     *shape,
           int         line,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_shape (GArray     *shape,
           int         line,
           const char *format,
           ...)
{
  ShapeItem item;
  va_list args;

  va_start (args, format);
  item.key = g_strdup_vprintf (format, args);
  va_end (args);
  item.line = line;

  g_array_append_val (shape, item);
}

static void
quiz_shape (GArray    *shape,
            BekalQuiz *quiz)
{
  add_shape (shape, quiz->line, "<quiz id=\"%s\" role=\"%s\" pool=\"%s\" draw=\"%u\">", quiz->id,
             bekal_quiz_role_to_string (quiz->role), quiz->pool_id ? quiz->pool_id : "",
             quiz->draw);

  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);

      add_shape (shape, question->line, "<question id=\"%s\" type=\"%s\" topic=\"%s\">",
                 question->id,
                 bekal_question_type_to_string (question->kind), question->topic_id);
      for (guint j = 0; j < question->options->len; j++)
        {
          BekalOption *option = g_ptr_array_index (question->options, j);

          add_shape (shape, option->line ? option->line : question->line,
                     "<option id=\"%s\"%s> in question “%s”", option->id,
                     option->correct ? " correct=\"true\"" : "", question->id);
        }
    }
}

/* What must be the same in every language, without the text: @ids gets every element that
 * has an id (with the attributes that matter), @structure gets the kinds of blocks of each
 * lesson, in document order */
static void
module_shape (BekalModule *module,
              GArray      *ids,
              GArray      *structure)
{
  add_shape (ids, 1, "<module id=\"%s\" version=\"%s\">", module->id, module->version);
  for (guint i = 0; i < module->topics->len; i++)
    add_shape (ids, 1, "<topic id=\"%s\">", g_array_index (module->topics, BekalTopic, i).id);
  for (guint i = 0; i < module->glossary->len; i++)
    add_shape (ids, 1, "<entry id=\"%s\">",
               g_array_index (module->glossary, BekalGlossaryEntry, i).id);

  for (guint i = 0; i < module->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (module->lessons, i);
      g_autoptr(GString) kinds = g_string_new (NULL);

      add_shape (ids, lesson->line, "<lesson id=\"%s\">", lesson->id);
      if (lesson->trainer_note != NULL)
        g_string_append (kinds, "trainer-note, ");
      for (guint j = 0; j < lesson->blocks->len; j++)
        {
          BekalBlock *block = g_ptr_array_index (lesson->blocks, j);

          g_string_append_printf (kinds, "%s%s%s", j > 0 ? ", " : "",
                                  bekal_block_kind_to_string (block->kind),
                                  block->trainer_note != NULL ? " + trainer-note" : "");
          if (block->kind == BEKAL_BLOCK_REFLECTION)
            add_shape (ids, block->line, "<reflection id=\"%s\">", block->id);
          if (block->media)
            {
              add_shape (ids, block->line, "<%s id=\"%s\">",
                         bekal_block_kind_to_string (block->kind),
                         block->id);
              for (guint k = 0; k < block->media->checkpoints->len; k++)
                add_shape (ids, block->line, "<checkpoint question=\"%s\"> in “%s”",
                           g_array_index (block->media->checkpoints, BekalCheckpoint,
                                          k).question_id, block->id);
            }
        }
      add_shape (structure, lesson->line, "<lesson id=\"%s\"> with the blocks %s", lesson->id,
                 kinds->str);
    }

  for (guint i = 0; i < module->quizzes->len; i++)
    quiz_shape (ids, g_ptr_array_index (module->quizzes, i));
}

static GArray *
shape_new (void)
{
  GArray *shape = g_array_new (FALSE, TRUE, sizeof (ShapeItem));

  g_array_set_clear_func (shape, (GDestroyNotify) clear_shape_item);
  return shape;
}

static void
add_translation_problem (GPtrArray   *diagnostics,
                         BekalModule *translation,
                         int          line,
                         char        *message)
{
  g_ptr_array_add (diagnostics, bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, translation->path,
                                                      line, 0, message));
  g_free (message);
}

/* Reports what one list has and the other lacks; returns how many differences there are */
static guint
compare_sets (GArray      *a,
              GArray      *b,
              BekalModule *translation,
              const char  *original_name,
              GPtrArray   *diagnostics)
{
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint i = 0; i < a->len; i++)
    g_hash_table_add (in_a, g_array_index (a, ShapeItem, i).key);
  for (guint i = 0; i < b->len; i++)
    g_hash_table_add (in_b, g_array_index (b, ShapeItem, i).key);

  for (guint i = 0; i < b->len; i++)
    {
      const ShapeItem *item = &g_array_index (b, ShapeItem, i);

      if (g_hash_table_contains (in_a, item->key))
        continue;

      add_translation_problem (diagnostics, translation, item->line,
                               g_strdup_printf (_("The translation has %s, which the original "
                                                  "%s does not have. A translation must keep "
                                                  "the same structure and ids."),
                                                item->key, original_name));
      n++;
    }

  for (guint i = 0; i < a->len; i++)
    {
      const ShapeItem *item = &g_array_index (a, ShapeItem, i);

      if (g_hash_table_contains (in_b, item->key))
        continue;

      add_translation_problem (diagnostics, translation, 1,
                               g_strdup_printf (_("The translation lacks %s, which the "
                                                  "original %s has on line %d."),
                                                item->key, original_name, item->line));
      n++;
    }

  return n;
}

/* Reports the first place where two lists with the same items differ in order */
static guint
compare_order (GArray      *a,
               GArray      *b,
               BekalModule *translation,
               const char  *original_name,
               GPtrArray   *diagnostics)
{
  for (guint i = 0; i < MIN (a->len, b->len); i++)
    {
      const ShapeItem *x = &g_array_index (a, ShapeItem, i);
      const ShapeItem *y = &g_array_index (b, ShapeItem, i);

      if (g_str_equal (x->key, y->key))
        continue;

      add_translation_problem (diagnostics, translation, y->line,
                               g_strdup_printf (_("The translation differs from the original "
                                                  "%s here: it has %s where the original has "
                                                  "%s (line %d)."),
                                                original_name, y->key, x->key, x->line));
      return 1;
    }

  return 0;
}

/* An attribute that must keep its value in every language */
typedef struct
{
  char *element; /* which element, for example <quiz id="post"> */
  const char *attribute;
  char *value;   /* "" when the attribute is absent */
  int   line;
} ValueItem;

static void
clear_value_item (ValueItem *item)
{
  g_free (item->element);
  g_free (item->value);
}

static void
add_value (GArray     *values,
           int         line,
           char       *element,
           const char *attribute,
           char       *value)
{
  ValueItem item = { element, attribute, value, line };

  g_array_append_val (values, item);
}

static char *
time_to_string (gint64 ms)
{
  gint64 seconds = ms / 1000;

  if (ms % 1000 != 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d.%03d", seconds / 60, (int) (seconds % 60),
                            (int) (ms % 1000));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static char *
number_or_empty (int number)
{
  return number >= 0 ? g_strdup_printf ("%d", number) : g_strdup ("");
}

/* The values a translator must not change, in document order: a pass mark or a checkpoint's
 * time changed in one language would make learners of that language pass or pause
 * differently, a changed src would show them another clip */
static GArray *
module_values (BekalModule *module)
{
  GArray *values = g_array_new (FALSE, TRUE, sizeof (ValueItem));

  g_array_set_clear_func (values, (GDestroyNotify) clear_value_item);

  for (guint i = 0; i < module->media->len; i++)
    {
      BekalMedia *media = g_ptr_array_index (module->media, i);
      const char *kind = media->is_video ? "video" : "audio";

      add_value (values, media->line, g_strdup_printf ("<%s id=\"%s\">", kind, media->id), "src",
                 g_strdup (media->src ? media->src : ""));
      add_value (values, media->line, g_strdup_printf ("<%s id=\"%s\">", kind, media->id),
                 "poster", g_strdup (media->poster_src ? media->poster_src : ""));
      for (guint k = 0; k < media->checkpoints->len; k++)
        {
          const BekalCheckpoint *checkpoint = &g_array_index (media->checkpoints,
                                                              BekalCheckpoint, k);

          add_value (values, media->line,
                     g_strdup_printf ("<checkpoint question=\"%s\"> of “%s”",
                                      checkpoint->question_id, media->id),
                     "at", time_to_string (checkpoint->at_ms));
        }
    }

  for (guint i = 0; i < module->media->len; i++)
    {
      BekalMedia *media = g_ptr_array_index (module->media, i);

      for (guint k = 0; k < media->chapters->len; k++)
        add_value (values, media->line,
                   g_strdup_printf ("<chapter> %u of “%s”", k + 1, media->id), "at",
                   time_to_string (g_array_index (media->chapters, BekalChapter, k).at_ms));
      for (guint k = 0; k < media->subtitles->len; k++)
        {
          const BekalSubtitleTrack *track = &g_array_index (media->subtitles,
                                                            BekalSubtitleTrack, k);

          add_value (values, media->line,
                     g_strdup_printf ("<subtitles> %u of “%s”", k + 1, media->id), "src",
                     g_strdup (track->src ? track->src : ""));
        }
    }

  /* the kinds of notes and lists, which carry meaning beyond their words */
  for (guint i = 0; i < module->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (module->lessons, i);

      for (guint j = 0; j < lesson->blocks->len; j++)
        {
          BekalBlock *block = g_ptr_array_index (lesson->blocks, j);

          if (block->kind == BEKAL_BLOCK_NOTE)
            add_value (values, block->line,
                       g_strdup_printf ("<note> (block %u of <lesson id=\"%s\">)", j + 1,
                                        lesson->id),
                       "kind", g_strdup (block->note_kind == BEKAL_NOTE_TIP ? "tip"
                                         : block->note_kind == BEKAL_NOTE_IMPORTANT ? "important"
                                         : "care"));
          else if (block->kind == BEKAL_BLOCK_LIST)
            add_value (values, block->line,
                       g_strdup_printf ("<list> (block %u of <lesson id=\"%s\">)", j + 1,
                                        lesson->id),
                       "kind", g_strdup (block->list_numbered ? "number" : "bullet"));
        }
    }

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);

      add_value (values, quiz->line, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "pass",
                 number_or_empty (quiz->pass_mark));
      add_value (values, quiz->line, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "retakes",
                 number_or_empty (quiz->retakes));
      add_value (values, quiz->line, g_strdup_printf ("<quiz id=\"%s\">", quiz->id),
                 "time-limit", number_or_empty ((int) quiz->time_limit_minutes));
      add_value (values, quiz->line, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "shuffle",
                 g_strdup (quiz->shuffle ? "true" : "false"));

      for (guint j = 0; j < quiz->questions->len; j++)
        {
          BekalQuestion *question = g_ptr_array_index (quiz->questions, j);

          add_value (values, question->line,
                     g_strdup_printf ("<question id=\"%s\">", question->id), "form",
                     g_strdup (question->form ? question->form : ""));
          /* an option's feedback is text, but a translation that drops it loses the
           * explanation the learner gets after a wrong choice */
          for (guint k = 0; k < question->options->len; k++)
            {
              BekalOption *option = g_ptr_array_index (question->options, k);

              add_value (values, option->line,
                         g_strdup_printf ("<option id=\"%s\"> of <question id=\"%s\">",
                                          option->id, question->id),
                         "<feedback>", g_strdup (option->feedback != NULL ? "yes" : ""));
            }
          if (question->kind != BEKAL_QUESTION_SCALE)
            continue;
          add_value (values, question->line,
                     g_strdup_printf ("<question id=\"%s\">", question->id), "min",
                     g_strdup_printf ("%d", question->scale_min));
          add_value (values, question->line,
                     g_strdup_printf ("<question id=\"%s\">", question->id), "max",
                     g_strdup_printf ("%d", question->scale_max));
        }
    }

  return values;
}

/* Reports every value the translation changed; the lists come from modules with the same ids
 * in the same order, so they line up */
static void
compare_values (BekalModule *original,
                BekalModule *translation,
                const char  *original_name,
                GPtrArray   *diagnostics)
{
  g_autoptr(GArray) a = module_values (original);
  g_autoptr(GArray) b = module_values (translation);

  for (guint i = 0; i < MIN (a->len, b->len); i++)
    {
      const ValueItem *x = &g_array_index (a, ValueItem, i);
      const ValueItem *y = &g_array_index (b, ValueItem, i);

      if (!g_str_equal (x->element, y->element) || g_str_equal (x->value, y->value))
        continue;

      /* an element that one language has and the other lacks, such as <feedback> */
      if (y->attribute[0] == '<')
        add_translation_problem (diagnostics, translation, y->line,
                                 x->value[0] != '\0'
                                 ? g_strdup_printf (_("The translation has no %s in %s, which "
                                                      "the original %s has on line %d: translate "
                                                      "it too."),
                                                    y->attribute, y->element, original_name,
                                                    x->line)
                                 : g_strdup_printf (_("The translation has a %s in %s, which "
                                                      "the original %s does not have: remove it, "
                                                      "or add it to the original too."),
                                                    y->attribute, y->element, original_name));
      else if (x->value[0] == '\0')
        add_translation_problem (diagnostics, translation, y->line,
                                 g_strdup_printf (_("The translation gives %s the attribute "
                                                    "%s=\"%s\", which the original %s does not "
                                                    "have. Only the text differs between "
                                                    "languages: remove it."),
                                                  y->element, y->attribute, y->value,
                                                  original_name));
      else
        add_translation_problem (diagnostics, translation, y->line,
                                 g_strdup_printf (_("The translation changes “%s” of %s from "
                                                    "“%s” to “%s”. Only the text differs "
                                                    "between languages: write %s=\"%s\" as in "
                                                    "the original %s."),
                                                  y->attribute, y->element, x->value,
                                                  y->value[0] ? y->value : _("(none)"),
                                                  y->attribute, x->value, original_name));
    }
}

void
bekal_loader_compare_translation (BekalModule *original,
                                  BekalModule *translation,
                                  GPtrArray   *diagnostics)
{
  g_autoptr(GArray) ids_a = shape_new ();
  g_autoptr(GArray) ids_b = shape_new ();
  g_autoptr(GArray) structure_a = shape_new ();
  g_autoptr(GArray) structure_b = shape_new ();
  g_autofree char *original_name = g_path_get_basename (original->path);

  module_shape (original, ids_a, structure_a);
  module_shape (translation, ids_b, structure_b);

  /* different ids explain everything else, so the structure is compared only without them */
  if (compare_sets (ids_a, ids_b, translation, original_name, diagnostics) > 0)
    return;
  if (compare_order (ids_a, ids_b, translation, original_name, diagnostics) > 0)
    return;
  if (compare_sets (structure_a, structure_b, translation, original_name, diagnostics) > 0)
    return;
  if (compare_order (structure_a, structure_b, translation, original_name, diagnostics) > 0)
    return;
  compare_values (original, translation, original_name, diagnostics);
}
