/* bekal-loader-translation.c: a translation has the structure, ids and values of the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>

#include "bekal-loader-private.h"
#include "bekal-model-private.h"

/* Types */

/* An element with an id (or another identity), which every language must have */
typedef struct
{
  char       *key;    /* the identity, the same in every language */
  char       *parent; /* the key of the element it belongs to, or NULL */
  const char *kind;   /* its element name */
  const char *attr;   /* the attribute that carries its identity */
  char       *id;     /* that attribute's value */
  /* for a checkpoint or an option, the element it belongs to, which its name in messages
   * mentions (see element_label()) */
  const char *owner_kind;
  const char *owner_id;
  BekalPlace  place;
} Element;

/* A value a translator must not change */
typedef struct
{
  char       *label;     /* which element, for example <quiz id="post"> */
  const char *attribute; /* or an element such as <feedback> when it starts with '<' */
  char       *value;     /* "" when absent */
  BekalPlace  place;
} Value;

/* One block of a lesson (or a trainer's note between them), for comparing their kinds; named
 * by part_label() only when a message needs it */
typedef struct
{
  const char *kind;
  BekalBlock *block; /* NULL for a trainer's note */
  const char *note;
  BekalPlace  place;
} Part;

/* What the comparison needs along the way */
typedef struct
{
  BekalModule *translation;
  const char  *original_name;
  GPtrArray   *diagnostics;
} Comparison;

/* Helpers */

static void
clear_element (Element *element)
{
  g_free (element->key);
  g_free (element->parent);
  g_free (element->id);
}

static void
clear_value (Value *value)
{
  g_free (value->label);
  g_free (value->value);
}

static BekalPlace
place_of (int line,
          int column)
{
  BekalPlace place = { line, column };

  return place;
}

static void
problem (Comparison *comparison,
         BekalPlace  place,
         char       *message)
{
  g_ptr_array_add (comparison->diagnostics,
                   bekal_diagnostic_new (BEKAL_SEVERITY_ERROR,
                                         comparison->translation->display_path
                                         ? comparison->translation->display_path
                                         : comparison->translation->path,
                                         place.line, place.column, message));
  g_free (message);
}

/* The first words of @text, enough to find it again: “Seorang peksos mendampingi klien…” */
static char *
first_words (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");
  words = g_strsplit_set (text, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n == 6)
        {
          g_string_append (result, "…");
          break;
        }
      g_string_append_printf (result, "%s%s", n > 0 ? " " : "", words[i]);
      n++;
    }
  return g_string_free (g_steal_pointer (&result), FALSE);
}

static const char *
text_plain (const BekalText *text)
{
  return text != NULL ? bekal_text_get_plain (text) : NULL;
}

/* How a block is named in a message: its kind and first words, or its id */
static char *
block_label (BekalBlock *block)
{
  g_autofree char *words = NULL;

  switch (block->kind)
    {
    case BEKAL_BLOCK_HEADING:
      words = first_words (text_plain (block->text));
      return g_strdup_printf (_("the heading “%s”"), words);
    case BEKAL_BLOCK_PARAGRAPH:
      words = first_words (text_plain (block->text));
      return g_strdup_printf (_("the paragraph “%s”"), words);
    case BEKAL_BLOCK_LIST:
      words = first_words (block->items->len > 0
                           ? text_plain (g_ptr_array_index (block->items, 0)) : NULL);
      return g_strdup_printf (_("the list “%s”"), words);
    case BEKAL_BLOCK_NOTE:
      words = first_words (text_plain (block->text));
      return g_strdup_printf (_("the note “%s”"), words);
    case BEKAL_BLOCK_FIGURE:
      return g_strdup_printf ("<figure src=\"%s\">", block->figure_src ? block->figure_src : "");
    case BEKAL_BLOCK_VIDEO:
    case BEKAL_BLOCK_AUDIO:
    case BEKAL_BLOCK_REFLECTION:
    case BEKAL_BLOCK_QUIZ:
    default:
      return g_strdup_printf ("<%s id=\"%s\">", bekal_block_kind_to_string (block->kind),
                              block->id ? block->id : "");
    }
}

static char *
trainer_note_label (const char *note)
{
  g_autofree char *words = first_words (note);

  return g_strdup_printf (_("the trainer note “%s”"), words);
}

static const char *
option_element (BekalQuestion *question)
{
  switch (question->kind)
    {
    case BEKAL_QUESTION_ORDER:
      return "item";
    case BEKAL_QUESTION_MATCH:
      return "pair";
    case BEKAL_QUESTION_SCALE:
      return "label";
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_MULTIPLE:
    case BEKAL_QUESTION_TRUEFALSE:
    default:
      return "option";
    }
}

/* Elements */

static void
add_element (GArray     *elements,
             const char *parent,
             const char *kind,
             const char *attr,
             const char *id,
             const char *owner_kind,
             const char *owner_id,
             BekalPlace  place)
{
  Element element = {
    g_strdup_printf ("%s %s %s", parent ? parent : "", kind, id ? id : ""),
    g_strdup (parent), kind, attr, g_strdup (id ? id : ""), owner_kind, owner_id, place
  };

  g_array_append_val (elements, element);
}

/* How messages name an element, as the author wrote it: <quiz id="post">, or
 * <option id="b"> of <question id="q1">; made only when a message needs it */
static char *
element_label (const Element *element)
{
  if (element->owner_kind != NULL)
    return g_strdup_printf ("<%s %s=\"%s\"> of <%s id=\"%s\">", element->kind, element->attr,
                            element->id, element->owner_kind,
                            element->owner_id ? element->owner_id : "");
  return g_strdup_printf ("<%s %s=\"%s\">", element->kind, element->attr, element->id);
}

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const BekalPlace *x = a;
  const BekalPlace *y = b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  return compare_places (&((const Element *) a)->place, &((const Element *) b)->place);
}

static void
quiz_elements (GArray     *elements,
               BekalQuiz  *quiz,
               const char *lesson_key,
               GHashTable *skip_options)
{
  g_autofree char *quiz_key = NULL;

  add_element (elements, lesson_key, "quiz", "id", quiz->id, NULL, NULL,
               place_of (quiz->line, quiz->column));
  quiz_key = g_strdup (g_array_index (elements, Element, elements->len - 1).key);

  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);
      g_autofree char *question_key = NULL;

      add_element (elements, quiz_key, "question", "id", question->id, NULL, NULL,
                   place_of (question->line, question->column));
      question_key = g_strdup (g_array_index (elements, Element, elements->len - 1).key);

      /* a truefalse question's two answers are Bekal's, not elements the author wrote; a
       * question whose type changed is reported once, for its type */
      if (question->kind == BEKAL_QUESTION_TRUEFALSE
          || g_hash_table_contains (skip_options, question->id))
        continue;

      for (guint j = 0; j < question->options->len; j++)
        {
          BekalOption *option = g_ptr_array_index (question->options, j);
          const char *kind = option_element (question);
          const char *attr = question->kind == BEKAL_QUESTION_SCALE ? "value" : "id";

          add_element (elements, question_key, kind, attr, option->id, "question",
                       question->id, place_of (option->line, option->column));
        }
    }
}

/* Every element with an identity, in the order of the file */
static GArray *
module_elements (BekalModule *module,
                 GHashTable  *skip_options)
{
  GArray *elements = g_array_new (FALSE, TRUE, sizeof (Element));
  g_autoptr(GHashTable) lesson_of_quiz = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  g_array_set_clear_func (elements, (GDestroyNotify) clear_element);

  for (guint i = 0; i < module->topics->len; i++)
    {
      const char *id = g_array_index (module->topics, BekalTopic, i).id;

      add_element (elements, NULL, "topic", "id", id, NULL, NULL,
                   g_array_index (module->topic_places, BekalPlace, i));
    }
  for (guint i = 0; i < module->glossary->len; i++)
    {
      const char *id = g_array_index (module->glossary, BekalGlossaryEntry, i).id;

      add_element (elements, NULL, "entry", "id", id, NULL, NULL,
                   g_array_index (module->entry_places, BekalPlace, i));
    }

  for (guint i = 0; i < module->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (module->lessons, i);

      g_autofree char *lesson_key = NULL;

      add_element (elements, NULL, "lesson", "id", lesson->id, NULL, NULL,
                   place_of (lesson->line, lesson->column));
      lesson_key = g_strdup (g_array_index (elements, Element, elements->len - 1).key);
      for (guint j = 0; j < lesson->blocks->len; j++)
        {
          BekalBlock *block = g_ptr_array_index (lesson->blocks, j);
          const char *kind = bekal_block_kind_to_string (block->kind);
          g_autofree char *media_key = NULL;

          if (block->quiz != NULL)
            g_hash_table_insert (lesson_of_quiz, block->quiz, g_strdup (lesson_key));
          if (block->kind != BEKAL_BLOCK_REFLECTION && block->media == NULL)
            continue;
          add_element (elements, lesson_key, kind, "id", block->id, NULL, NULL,
                       place_of (block->line, block->column));
          if (block->media == NULL)
            continue;

          media_key = g_strdup (g_array_index (elements, Element, elements->len - 1).key);
          for (guint k = 0; k < block->media->checkpoints->len; k++)
            {
              const char *question = g_array_index (block->media->checkpoints,
                                                    BekalCheckpoint, k).question_id;

              add_element (elements, media_key, "checkpoint", "question", question, kind,
                           block->id,
                           g_array_index (block->media->checkpoint_places, BekalPlace, k));
            }
        }
    }

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);

      quiz_elements (elements, quiz, g_hash_table_lookup (lesson_of_quiz, quiz), skip_options);
    }

  g_array_sort (elements, compare_elements);

  return elements;
}

static const Element *
find_element (GHashTable *index,
              const char *key)
{
  return key != NULL ? g_hash_table_lookup (index, key) : NULL;
}

static GHashTable *
index_elements (GArray *elements)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < elements->len; i++)
    {
      Element *element = &g_array_index (elements, Element, i);

      if (!g_hash_table_contains (index, element->key))
        g_hash_table_insert (index, element->key, element);
    }
  return index;
}

/* Whether @element or an element it belongs to is in @set */
static gboolean
within (const Element *element,
        GHashTable    *index,
        GHashTable    *set)
{
  for (guint depth = 0; element != NULL && depth < 4; depth++)
    {
      if (g_hash_table_contains (set, element->key))
        return TRUE;
      element = find_element (index, element->parent);
    }
  return FALSE;
}

/* Questions whose type differs: reported once, and their options are not compared */
static guint
compare_types (Comparison  *comparison,
               BekalModule *original,
               GHashTable  *changed)
{
  guint n = 0;

  for (guint i = 0; i < comparison->translation->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (comparison->translation->quizzes, i);

      for (guint j = 0; j < quiz->questions->len; j++)
        {
          BekalQuestion *question = g_ptr_array_index (quiz->questions, j);
          BekalQuestion *first = g_hash_table_lookup (original->questions_by_id, question->id);
          g_autofree char *label = NULL;

          if (first == NULL || first->kind == question->kind)
            continue;

          label = g_strdup_printf ("<question id=\"%s\">", question->id);
          g_hash_table_add (changed, question->id);
          problem (comparison, place_of (question->line, question->column),
                   g_strdup_printf (_("The translation changes “%s” of %s from “%s” to “%s”. "
                                      "Only the text differs between languages: write "
                                      "%s=\"%s\" as in the original %s."),
                                    "type", label,
                                    bekal_question_type_to_string (first->kind),
                                    bekal_question_type_to_string (question->kind), "type",
                                    bekal_question_type_to_string (first->kind),
                                    comparison->original_name));
          n++;
        }
    }
  return n;
}

/* Reports the elements one language has and the other lacks, once for each mistake: an id
 * changed in one file is one message, not an extra and a missing element, and the options of
 * an extra or missing question are not listed again. Returns how many were reported. */
static guint
compare_ids (Comparison *comparison,
             GArray     *a,
             GArray     *b)
{
  g_autoptr(GHashTable) in_a = index_elements (a);
  g_autoptr(GHashTable) in_b = index_elements (b);
  g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) paired = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) missing_by_slot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 (GDestroyNotify) g_queue_free);
  guint n = 0;

  for (guint i = 0; i < a->len; i++)
    {
      Element *x = &g_array_index (a, Element, i);

      if (!g_hash_table_contains (in_b, x->key))
        g_hash_table_add (missing, x->key);
    }
  for (guint i = 0; i < b->len; i++)
    {
      Element *y = &g_array_index (b, Element, i);

      if (!g_hash_table_contains (in_a, y->key))
        g_hash_table_add (extra, y->key);
    }

  /* the missing elements that an extra one could be, by kind and parent */
  for (guint i = 0; i < a->len; i++)
    {
      Element *x = &g_array_index (a, Element, i);
      g_autofree char *slot = NULL;
      GQueue *candidates;

      if (!g_hash_table_contains (missing, x->key))
        continue;
      slot = g_strdup_printf ("%s %s", x->parent ? x->parent : "", x->kind);
      candidates = g_hash_table_lookup (missing_by_slot, slot);
      if (candidates == NULL)
        {
          candidates = g_queue_new ();
          g_hash_table_insert (missing_by_slot, g_steal_pointer (&slot), candidates);
        }
      g_queue_push_tail (candidates, x);
    }

  /* in the order of the translation: renamed and extra elements */
  for (guint i = 0; i < b->len; i++)
    {
      Element *y = &g_array_index (b, Element, i);
      const Element *parent = find_element (in_b, y->parent);
      Element *renamed = NULL;
      g_autofree char *y_label = NULL;

      if (!g_hash_table_contains (extra, y->key) || (parent && within (parent, in_b, extra)))
        continue;

      /* the same kind of element in the same place with another id is a changed id: the
       * first missing one of its kind and parent, taken in order */
      {
        g_autofree char *slot = g_strdup_printf ("%s %s", y->parent ? y->parent : "", y->kind);
        GQueue *candidates = g_hash_table_lookup (missing_by_slot, slot);

        if (candidates != NULL)
          renamed = g_queue_pop_head (candidates);
      }

      y_label = element_label (y);
      if (renamed != NULL)
        {
          g_autofree char *renamed_label = element_label (renamed);

          g_hash_table_add (paired, renamed);
          problem (comparison, y->place,
                   g_strdup_printf (_("The translation has %s where the original %s has %s "
                                      "(line %d). Ids are the same in every language: write "
                                      "%s=\"%s\"."), y_label, comparison->original_name,
                                    renamed_label, renamed->place.line, renamed->attr,
                                    renamed->id));
        }
      else
        problem (comparison, y->place,
                 g_strdup_printf (_("The translation has %s, which the original %s does not "
                                    "have: remove it, or add it to the original too."),
                                  y_label, comparison->original_name));
      n++;
    }

  /* missing elements, at the place in the translation where they belong */
  for (guint i = 0; i < a->len; i++)
    {
      Element *x = &g_array_index (a, Element, i);
      const Element *parent = find_element (in_a, x->parent);
      const Element *next = NULL;
      const Element *previous = NULL;
      g_autofree char *x_label = NULL;
      g_autofree char *beside_label = NULL;

      if (!g_hash_table_contains (missing, x->key) || g_hash_table_contains (paired, x)
          || (parent && within (parent, in_a, missing)))
        continue;

      /* the next element beside it, else the one before it, else the one it belongs to */
      /* a few hundred steps at most: a hostile file may lack a hundred thousand elements */
      for (guint j = i + 1; j < a->len && j <= i + 256 && next == NULL; j++)
        {
          Element *after = &g_array_index (a, Element, j);

          if (g_strcmp0 (after->parent, x->parent) == 0 && !within (after, in_a, missing))
            next = find_element (in_b, after->key);
        }
      for (guint j = i; j > 0 && j + 256 > i && next == NULL && previous == NULL; j--)
        {
          Element *before = &g_array_index (a, Element, j - 1);

          if (g_strcmp0 (before->parent, x->parent) == 0 && !within (before, in_a, missing))
            previous = find_element (in_b, before->key);
        }

      x_label = element_label (x);
      if (next != NULL || previous != NULL)
        {
          const Element *beside = next != NULL ? next : previous;

          beside_label = element_label (beside);
          problem (comparison, beside->place,
                   g_strdup_printf (next != NULL
                                    ? _("The translation lacks %s, which the original %s has on "
                                        "line %d: translate it and add it before %s.")
                                    : _("The translation lacks %s, which the original %s has on "
                                        "line %d: translate it and add it after %s."),
                                    x_label, comparison->original_name, x->place.line,
                                    beside_label));
        }
      else
        {
          const Element *home = find_element (in_b, x->parent);

          beside_label = home != NULL ? element_label (home) : g_strdup ("<module>");
          problem (comparison, home != NULL ? home->place : comparison->translation->place,
                   g_strdup_printf (_("The translation lacks %s, which the original %s has on "
                                      "line %d: translate it and add it to %s."),
                                    x_label, comparison->original_name, x->place.line,
                                    beside_label));
        }
      n++;
    }

  return n;
}

/* Reports the first element that stands in another order than in the original */
static guint
compare_order (Comparison *comparison,
               GArray     *a,
               GArray     *b)
{
  for (guint i = 0; i < MIN (a->len, b->len); i++)
    {
      const Element *x = &g_array_index (a, Element, i);
      const Element *y = &g_array_index (b, Element, i);

      g_autofree char *x_label = NULL;
      g_autofree char *y_label = NULL;

      if (g_str_equal (x->key, y->key))
        continue;

      x_label = element_label (x);
      y_label = element_label (y);
      problem (comparison, y->place,
               g_strdup_printf (_("The translation has %s here, where the original %s has %s "
                                  "(line %d): keep the elements in the order of the original."),
                                y_label, comparison->original_name, x_label, x->place.line));
      return 1;
    }

  return 0;
}

/* Lesson structure */

static GArray *
lesson_parts (BekalLesson *lesson)
{
  GArray *parts = g_array_sized_new (FALSE, TRUE, sizeof (Part), lesson->blocks->len + 1);

  if (lesson->trainer_note != NULL)
    {
      Part part = { "trainer-note", NULL, lesson->trainer_note, lesson->trainer_note_place };

      g_array_append_val (parts, part);
    }
  for (guint i = 0; i < lesson->blocks->len; i++)
    {
      BekalBlock *block = g_ptr_array_index (lesson->blocks, i);
      Part part = { bekal_block_kind_to_string (block->kind), block, NULL,
                    place_of (block->line, block->column) };

      g_array_append_val (parts, part);
      if (block->trainer_note != NULL)
        {
          Part note = { "trainer-note", NULL, block->trainer_note, block->trainer_note_place };

          g_array_append_val (parts, note);
        }
    }
  return parts;
}

static char *
part_label (const Part *part)
{
  return part->block != NULL ? block_label (part->block) : trainer_note_label (part->note);
}

static const char *
part_kind (GArray *parts,
           guint   i)
{
  return i < parts->len ? g_array_index (parts, Part, i).kind : "";
}

/* Reports the first block where a lesson of the translation differs from the original: one
 * the translation lacks, one it adds, or one of another kind */
static guint
compare_lesson (Comparison  *comparison,
                BekalLesson *original,
                BekalLesson *translated)
{
  g_autoptr(GArray) a = lesson_parts (original);
  g_autoptr(GArray) b = lesson_parts (translated);
  guint i = 0;
  const Part *x;
  const Part *y;
  g_autofree char *x_label = NULL;
  g_autofree char *y_label = NULL;

  while (i < a->len && i < b->len && g_str_equal (part_kind (a, i), part_kind (b, i)))
    i++;
  if (i == a->len && i == b->len)
    return 0;

  x = i < a->len ? &g_array_index (a, Part, i) : NULL;
  y = i < b->len ? &g_array_index (b, Part, i) : NULL;
  x_label = x != NULL ? part_label (x) : NULL;
  y_label = y != NULL ? part_label (y) : NULL;

  if (a->len > b->len && g_str_equal (part_kind (a, i + 1), part_kind (b, i)))
    {
      if (y != NULL)
        problem (comparison, y->place,
                 g_strdup_printf (_("The translation lacks %s, which the original %s has on "
                                    "line %d: translate it and add it before %s."),
                                  x_label, comparison->original_name, x->place.line,
                                  y_label));
      else if (b->len > 0)
        {
          const Part *last = &g_array_index (b, Part, b->len - 1);
          g_autofree char *last_label = part_label (last);

          problem (comparison, last->place,
                   g_strdup_printf (_("The translation lacks %s, which the original %s has on "
                                      "line %d: translate it and add it after %s."),
                                    x_label, comparison->original_name, x->place.line,
                                    last_label));
        }
      else
        problem (comparison, place_of (translated->line, translated->column),
                 g_strdup_printf (_("The translation lacks %s, which the original %s has on "
                                    "line %d: translate it and add it to %s."),
                                  x_label, comparison->original_name, x->place.line,
                                  "<lesson>"));
    }
  else if (b->len > a->len && g_str_equal (part_kind (b, i + 1), part_kind (a, i)))
    problem (comparison, y->place,
             g_strdup_printf (_("The translation has %s here, which the original %s does not "
                                "have: remove it, or add it to the original too."),
                              y_label, comparison->original_name));
  else if (x != NULL && y != NULL)
    problem (comparison, y->place,
             g_strdup_printf (_("The translation has %s here, where the original %s has %s "
                                "(line %d): a translation keeps the blocks of the original, in "
                                "the same order."),
                              y_label, comparison->original_name, x_label, x->place.line));
  else
    return 0;

  return 1;
}

static guint
compare_structure (Comparison  *comparison,
                   BekalModule *original)
{
  guint n = 0;

  for (guint i = 0; i < comparison->translation->lessons->len; i++)
    {
      BekalLesson *translated = g_ptr_array_index (comparison->translation->lessons, i);
      BekalLesson *first = bekal_module_find_lesson (original, translated->id);

      if (first != NULL)
        n += compare_lesson (comparison, first, translated);
    }
  return n;
}

/* Values */

static void
add_value (GArray     *values,
           BekalPlace  place,
           char       *label,
           const char *attribute,
           char       *value)
{
  Value item = { label, attribute, value, place };

  g_array_append_val (values, item);
}

/* The value of a time the loader could not read: it matches any other, since its own error
 * already names the mistake */
#define UNKNOWN_TIME "?"

static char *
time_to_string (gint64 ms)
{
  gint64 seconds = ms / 1000;

  if (ms < 0)
    return g_strdup (UNKNOWN_TIME);

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

static char *
positive_or_empty (guint number)
{
  return number > 0 ? g_strdup_printf ("%u", number) : g_strdup ("");
}

static void
media_values (GArray     *values,
              BekalMedia *media)
{
  const char *kind = media->is_video ? "video" : "audio";
  BekalPlace place = place_of (media->line, media->column);

  add_value (values, place, g_strdup_printf ("<%s id=\"%s\">", kind, media->id), "src",
             g_strdup (media->src ? media->src : ""));
  add_value (values, place, g_strdup_printf ("<%s id=\"%s\">", kind, media->id), "poster",
             g_strdup (media->poster_src ? media->poster_src : ""));

  for (guint k = 0; k < media->subtitles->len; k++)
    {
      const BekalSubtitleTrack *track = &g_array_index (media->subtitles, BekalSubtitleTrack, k);

      add_value (values, g_array_index (media->subtitle_places, BekalPlace, k),
                 g_strdup_printf ("<subtitles> %u of <%s id=\"%s\">", k + 1, kind, media->id),
                 "src", g_strdup (track->src ? track->src : ""));
    }
  for (guint k = 0; k < media->chapters->len; k++)
    add_value (values, g_array_index (media->chapter_places, BekalPlace, k),
               g_strdup_printf ("<chapter> %u of <%s id=\"%s\">", k + 1, kind, media->id), "at",
               time_to_string (g_array_index (media->chapters, BekalChapter, k).at_ms));
  for (guint k = 0; k < media->checkpoints->len; k++)
    {
      const BekalCheckpoint *checkpoint = &g_array_index (media->checkpoints, BekalCheckpoint,
                                                          k);

      add_value (values, g_array_index (media->checkpoint_places, BekalPlace, k),
                 g_strdup_printf ("<checkpoint question=\"%s\">", checkpoint->question_id),
                 "at", time_to_string (checkpoint->at_ms));
    }
}

static void
question_values (GArray        *values,
                 BekalQuestion *question)
{
  BekalPlace place = place_of (question->line, question->column);
  g_autoptr(GString) correct = g_string_new (NULL);
  BekalPlace correct_place = place;

  add_value (values, place, g_strdup_printf ("<question id=\"%s\">", question->id), "topic",
             g_strdup (question->topic_id ? question->topic_id : ""));
  add_value (values, place, g_strdup_printf ("<question id=\"%s\">", question->id), "form",
             g_strdup (question->form ? question->form : ""));

  if (question->kind == BEKAL_QUESTION_TRUEFALSE)
    {
      BekalOption *yes = g_ptr_array_index (question->options, 0);

      add_value (values, place, g_strdup_printf ("<question id=\"%s\">", question->id),
                 "answer", g_strdup (yes->correct ? "true" : "false"));
    }
  else if (question->kind == BEKAL_QUESTION_SCALE)
    {
      add_value (values, place, g_strdup_printf ("<question id=\"%s\">", question->id), "min",
                 g_strdup_printf ("%d", question->scale_min));
      add_value (values, place, g_strdup_printf ("<question id=\"%s\">", question->id), "max",
                 g_strdup_printf ("%d", question->scale_max));
    }

  /* which options are right is one value of the question: moving correct="true" from one
   * option to another is one mistake */
  for (guint k = 0; k < question->options->len; k++)
    {
      BekalOption *option = g_ptr_array_index (question->options, k);

      if (!option->correct || question->kind == BEKAL_QUESTION_TRUEFALSE)
        continue;
      if (correct->len == 0)
        correct_place = place_of (option->line, option->column);
      g_string_append_printf (correct, "%s“%s”", correct->len > 0 ? ", " : "", option->id);
    }
  if (question->kind == BEKAL_QUESTION_SINGLE || question->kind == BEKAL_QUESTION_MULTIPLE)
    add_value (values, correct_place,
               g_strdup_printf ("<question id=\"%s\">", question->id), "correct",
               g_strdup (correct->str));

  /* an option's feedback is text, but a translation that drops it loses the explanation the
   * learner gets after a wrong choice */
  for (guint k = 0; k < question->options->len; k++)
    {
      BekalOption *option = g_ptr_array_index (question->options, k);

      if (question->kind == BEKAL_QUESTION_TRUEFALSE)
        add_value (values, option->line > 0 ? place_of (option->line, option->column) : place,
                   g_strdup_printf ("<question id=\"%s\">", question->id),
                   k == 0 ? "<feedback for=\"true\">" : "<feedback for=\"false\">",
                   g_strdup (option->feedback != NULL ? "yes" : ""));
      else
        add_value (values, place_of (option->line, option->column),
                   g_strdup_printf ("<%s id=\"%s\"> of <question id=\"%s\">",
                                    option_element (question), option->id, question->id),
                   "<feedback>", g_strdup (option->feedback != NULL ? "yes" : ""));
    }
}

/* The values a translator must not change, in document order: a pass mark or a checkpoint's
 * time changed in one language would make learners of that language pass or pause
 * differently, a changed src would show them another clip */
static GArray *
module_values (BekalModule *module)
{
  GArray *values = g_array_new (FALSE, TRUE, sizeof (Value));

  g_array_set_clear_func (values, (GDestroyNotify) clear_value);

  add_value (values, module->place, g_strdup ("<module>"), "id", g_strdup (module->id));
  add_value (values, module->place, g_strdup ("<module>"), "version",
             g_strdup (module->version ? module->version : ""));

  for (guint i = 0; i < module->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (module->lessons, i);

      for (guint j = 0; j < lesson->blocks->len; j++)
        {
          BekalBlock *block = g_ptr_array_index (lesson->blocks, j);
          BekalPlace place = place_of (block->line, block->column);

          /* the kinds of notes and lists carry meaning beyond their words */
          if (block->kind == BEKAL_BLOCK_NOTE)
            add_value (values, place,
                       g_strdup_printf (_("<note> %u of <lesson id=\"%s\">"), j + 1,
                                        lesson->id),
                       "kind", g_strdup (block->note_kind == BEKAL_NOTE_TIP ? "tip"
                                         : block->note_kind == BEKAL_NOTE_IMPORTANT ? "important"
                                         : "care"));
          else if (block->kind == BEKAL_BLOCK_LIST)
            add_value (values, place,
                       g_strdup_printf (_("<list> %u of <lesson id=\"%s\">"), j + 1,
                                        lesson->id),
                       "kind", g_strdup (block->list_numbered ? "number" : "bullet"));
          else if (block->kind == BEKAL_BLOCK_FIGURE)
            add_value (values, place,
                       g_strdup_printf (_("<figure> %u of <lesson id=\"%s\">"), j + 1,
                                        lesson->id),
                       "src", g_strdup (block->figure_src ? block->figure_src : ""));
          else if (block->media != NULL)
            media_values (values, block->media);
        }
    }

  for (guint i = 0; i < module->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (module->quizzes, i);
      BekalPlace place = place_of (quiz->line, quiz->column);

      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "role",
                 g_strdup (bekal_quiz_role_to_string (quiz->role)));
      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "pool",
                 g_strdup (quiz->pool_id ? quiz->pool_id : ""));
      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "draw",
                 positive_or_empty (quiz->draw));
      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "pass",
                 number_or_empty (quiz->pass_mark));
      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "retakes",
                 number_or_empty (quiz->retakes));
      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "time-limit",
                 positive_or_empty (quiz->time_limit_minutes));
      add_value (values, place, g_strdup_printf ("<quiz id=\"%s\">", quiz->id), "shuffle",
                 g_strdup (quiz->shuffle ? "true" : "false"));

      for (guint j = 0; j < quiz->questions->len; j++)
        question_values (values, g_ptr_array_index (quiz->questions, j));
    }

  return values;
}

/* Reports every value the translation changed; the lists come from modules with the same ids
 * and blocks in the same order, so they line up */
static void
compare_values (Comparison  *comparison,
                BekalModule *original)
{
  g_autoptr(GArray) a = module_values (original);
  g_autoptr(GArray) b = module_values (comparison->translation);
  const char *name = comparison->original_name;

  for (guint i = 0; i < MIN (a->len, b->len); i++)
    {
      const Value *x = &g_array_index (a, Value, i);
      const Value *y = &g_array_index (b, Value, i);

      if (!g_str_equal (x->label, y->label) || g_str_equal (x->attribute, y->attribute) == FALSE
          || g_str_equal (x->value, y->value))
        continue;
      if (g_str_equal (x->attribute, "at")
          && (g_str_equal (x->value, UNKNOWN_TIME) || g_str_equal (y->value, UNKNOWN_TIME)))
        continue;

      /* an element that one language has and the other lacks, such as <feedback> */
      if (y->attribute[0] == '<')
        problem (comparison, y->place,
                 x->value[0] != '\0'
                 ? g_strdup_printf (_("The translation has no %s in %s, which the original %s "
                                      "has on line %d: translate it too."),
                                    y->attribute, y->label, name, x->place.line)
                 : g_strdup_printf (_("The translation has a %s in %s, which the original %s "
                                      "does not have: remove it, or add it to the original "
                                      "too."), y->attribute, y->label, name));
      else if (g_str_equal (y->attribute, "correct"))
        problem (comparison, y->place,
                 g_strdup_printf (_("The translation marks %s as correct in %s, where the "
                                    "original %s marks %s: write correct=\"true\" on the same "
                                    "options as the original."),
                                  y->value[0] ? y->value : _("no option"), y->label, name,
                                  x->value[0] ? x->value : _("no option")));
      else if (x->value[0] == '\0')
        problem (comparison, y->place,
                 g_strdup_printf (_("The translation gives %s the attribute %s=\"%s\", which "
                                    "the original %s does not have. Only the text differs "
                                    "between languages: remove it."),
                                  y->label, y->attribute, y->value, name));
      else if (y->value[0] == '\0')
        problem (comparison, y->place,
                 g_strdup_printf (_("The translation leaves out %s=\"%s\" of %s, which the "
                                    "original %s has on line %d. Only the text differs between "
                                    "languages: write %s=\"%s\" as in the original."),
                                  x->attribute, x->value, y->label, name, x->place.line,
                                  x->attribute, x->value));
      else
        problem (comparison, y->place,
                 g_strdup_printf (_("The translation changes “%s” of %s from “%s” to “%s”. "
                                    "Only the text differs between languages: write %s=\"%s\" "
                                    "as in the original %s."),
                                  y->attribute, y->label, x->value, y->value, y->attribute,
                                  x->value, name));
    }
}

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const BekalDiagnostic *x = *(BekalDiagnostic * const *) a;
  const BekalDiagnostic *y = *(BekalDiagnostic * const *) b;
  BekalPlace p = place_of (bekal_diagnostic_get_line (x), bekal_diagnostic_get_column (x));
  BekalPlace q = place_of (bekal_diagnostic_get_line (y), bekal_diagnostic_get_column (y));

  return compare_places (&p, &q);
}

static void
compare_all (Comparison  *comparison,
             BekalModule *original)
{
  g_autoptr(GHashTable) changed_types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  guint n;

  n = compare_types (comparison, original, changed_types);
  a = module_elements (original, changed_types);
  b = module_elements (comparison->translation, changed_types);

  /* different ids explain everything else, so the rest is compared only without them */
  n += compare_ids (comparison, a, b);
  if (n > 0)
    return;
  if (compare_order (comparison, a, b) > 0)
    return;
  if (compare_structure (comparison, original) > 0)
    return;
  compare_values (comparison, original);
}

void
bekal_loader_compare_translation (BekalModule *original,
                                  BekalModule *translation,
                                  GPtrArray   *diagnostics)
{
  g_autofree char *original_name = g_path_get_basename (original->path);
  Comparison comparison = { translation, original_name, diagnostics };
  guint start = diagnostics->len;

  compare_all (&comparison, original);

  /* in the order of the lines, as the author reads the file */
  if (diagnostics->len > start + 1)
    g_qsort_with_data (diagnostics->pdata + start, (int) (diagnostics->len - start),
                       sizeof (gpointer), compare_diagnostics, NULL);
}
