/* bekal-bank.c: the question bank shared by the Moodle XML and GIFT readers and writers, and
 * the quiz fragments it writes for a module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-loader.h>

#include "bekal-exchange-private.h"

#define MAX_ID_LENGTH 64
/* room for a "-NNN" suffix when an id made from a name is taken */
#define MADE_ID_LENGTH 48

struct _BekalQuestionBank
{
  GObject     parent_instance;
  char       *title;
  GPtrArray  *topics;        /* of BekalBankTopic */
  GHashTable *topic_by_path; /* normalised category path → BekalBankTopic */
  GHashTable *ids;           /* every topic and question id */
  GHashTable *suffixes;      /* base of a made id → last suffix tried */
  GPtrArray  *questions;     /* of BekalBankQuestion */
  GPtrArray  *skipped;       /* of BekalBankSkipped */
  GPtrArray  *notes;         /* of BekalBankNote */
};

G_DEFINE_FINAL_TYPE (BekalQuestionBank, bekal_question_bank, G_TYPE_OBJECT)

G_DEFINE_QUARK (bekal-question-bank-error-quark, bekal_question_bank_error)

/* The fractions Moodle accepts for an answer (question_bank::fraction_options_full) */
static const double moodle_fractions[] = {
  1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
  0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
};

/* Helpers */

static void
topic_free (BekalBankTopic *topic)
{
  g_free (topic->id);
  g_free (topic->name);
  g_free (topic);
}

static void
option_free (BekalBankOption *option)
{
  g_free (option->id);
  g_free (option->text);
  g_free (option->match_text);
  g_free (option->feedback);
  g_free (option);
}

static void
note_free (BekalBankNote *note)
{
  g_free (note->question);
  g_free (note->message);
  g_free (note);
}

static gboolean
is_valid_id (const char *id)
{
  gsize length = id ? strlen (id) : 0;

  if (length == 0 || length > MAX_ID_LENGTH)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && id[i] != '-' && id[i] != '_')
      return FALSE;
  return TRUE;
}

/* @base, or @base-2, @base-3… whichever is free; the result is reserved. @suffixes remembers
 * the last suffix tried for each base, so that a bank of questions that all have the same
 * name does not take a time that grows with the square of their number. */
static char *
claim_unique (GHashTable *ids,
              GHashTable *suffixes,
              const char *base)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (suffixes, base));
  char *id = n == 0 ? g_strdup (base) : NULL;

  while (id == NULL || g_hash_table_contains (ids, id))
    {
      g_free (id);
      n = MAX (n, 1) + 1;
      id = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_insert (suffixes, g_strdup (base), GUINT_TO_POINTER (MAX (n, 1)));
  g_hash_table_add (ids, g_strdup (id));

  return id;
}

/* Splits a Moodle category path: "/" separates categories, "//" is a "/" in a name; the
 * context ($course$, $system$…) and Moodle's "top" category are left out */
static GPtrArray *
split_category_path (const char *path)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) segment = g_string_new (NULL);

  for (const char *p = path; ; p++)
    {
      if (*p == '/' && p[1] == '/')
        {
          g_string_append_c (segment, '/');
          p++;
          continue;
        }
      if (*p == '/' || *p == '\0')
        {
          g_autofree char *name = g_strstrip (g_strdup (segment->str));

          if (name[0] != '\0')
            g_ptr_array_add (segments, g_steal_pointer (&name));
          g_string_truncate (segment, 0);
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (segment, *p);
    }

  if (segments->len > 0)
    {
      const char *first = g_ptr_array_index (segments, 0);
      gsize length = strlen (first);

      if (length >= 2 && first[0] == '$' && first[length - 1] == '$')
        g_ptr_array_remove_index (segments, 0);
    }
  if (segments->len > 0 && g_str_equal (g_ptr_array_index (segments, 0), "top"))
    g_ptr_array_remove_index (segments, 0);

  return segments;
}

static void
append_category_segment (GString    *path,
                         const char *name)
{
  g_string_append_c (path, '/');
  for (const char *p = name; *p; p++)
    {
      if (*p == '/')
        g_string_append_c (path, '/');
      g_string_append_c (path, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
}

static BekalBankTopic *
add_topic (BekalQuestionBank *self,
           const char        *key,
           const char        *id,
           const char        *name)
{
  BekalBankTopic *topic = g_new0 (BekalBankTopic, 1);

  topic->id = g_strdup (id);
  topic->name = bekal_bank_clean_plain (name);
  g_ptr_array_add (self->topics, topic);
  g_hash_table_insert (self->topic_by_path, g_strdup (key), topic);

  return topic;
}

/* The ids of the topics that have questions */
static GHashTable *
used_topics (BekalQuestionBank *self)
{
  GHashTable *used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->questions->len; i++)
    {
      const BekalBankQuestion *question = g_ptr_array_index (self->questions, i);

      g_hash_table_add (used, question->topic_id);
    }
  return used;
}

static char *
option_id_for (guint index)
{
  if (index < 26)
    return g_strdup_printf ("%c", 'a' + index);
  return g_strdup_printf ("o%u", index + 1);
}

static gboolean
is_empty_markup (const char *markup)
{
  g_autofree char *plain = markup ? bekal_inline_to_plain (markup) : NULL;

  return plain == NULL || plain[0] == '\0';
}

/* Two options that read the same, without case; NULL when all differ */
static char *
find_same_text (BekalBankQuestion *question,
                gboolean           right_side)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < question->options->len; i++)
    {
      BekalBankOption *option = g_ptr_array_index (question->options, i);
      g_autofree char *plain = bekal_inline_to_plain (right_side ? option->match_text
                                                                 : option->text);
      char *key = g_utf8_casefold (plain, -1);

      if (!g_hash_table_add (seen, key))
        return g_steal_pointer (&plain);
    }
  return NULL;
}

static void
write_inline_element (GString    *out,
                      const char *indent,
                      const char *element,
                      const char *attributes,
                      const char *markup)
{
  g_string_append_printf (out, "%s<%s%s>%s</%s>\n", indent, element, attributes ? attributes : "",
                          markup, element);
}

static void
write_question (GString                 *out,
                const BekalBankQuestion *question)
{
  g_string_append (out, "    <question id=\"");
  bekal_append_escaped (out, question->id);
  g_string_append (out, "\" topic=\"");
  bekal_append_escaped (out, question->topic_id);
  g_string_append_printf (out, "\" type=\"%s\"", bekal_question_type_to_string (question->type));
  if (question->type == BEKAL_QUESTION_TRUEFALSE)
    {
      const BekalBankOption *true_option = g_ptr_array_index (question->options, 0);

      g_string_append_printf (out, " answer=\"%s\"", true_option->correct ? "true" : "false");
    }
  g_string_append (out, ">\n");
  write_inline_element (out, "      ", "prompt", NULL, question->prompt);

  for (guint i = 0; i < question->options->len; i++)
    {
      const BekalBankOption *option = g_ptr_array_index (question->options, i);

      switch (question->type)
        {
        case BEKAL_QUESTION_SINGLE:
        case BEKAL_QUESTION_MULTIPLE:
          g_string_append_printf (out, "      <option id=\"%s\"%s>%s", option->id,
                                  option->correct ? " correct=\"true\"" : "", option->text);
          if (option->feedback)
            g_string_append_printf (out, "<feedback>%s</feedback>", option->feedback);
          g_string_append (out, "</option>\n");
          break;

        case BEKAL_QUESTION_TRUEFALSE:
          if (option->feedback)
            {
              g_autofree char *attributes = g_strdup_printf (" for=\"%s\"", option->id);

              write_inline_element (out, "      ", "feedback", attributes, option->feedback);
            }
          break;

        case BEKAL_QUESTION_ORDER:
          g_string_append_printf (out, "      <item id=\"%s\">%s</item>\n", option->id,
                                  option->text);
          break;

        case BEKAL_QUESTION_MATCH:
          g_string_append_printf (out, "      <pair id=\"%s\"><left>%s</left><right>%s</right>"
                                  "</pair>\n", option->id, option->text, option->match_text);
          break;

        case BEKAL_QUESTION_SCALE:
        default:
          break;
        }
    }

  if (question->explanation)
    write_inline_element (out, "      ", "explanation", NULL, question->explanation);
  g_string_append (out, "    </question>\n");
}

static char *
markup_or_null (const BekalText *text,
                gboolean        *had_terms)
{
  g_autofree char *markup = text ? bekal_inline_from_text (text, had_terms) : NULL;

  if (markup == NULL || markup[0] == '\0')
    return NULL;
  return g_steal_pointer (&markup);
}

static void
add_module_question (BekalQuestionBank *self,
                     BekalQuestion     *source)
{
  BekalQuestionType type = bekal_question_get_kind (source);
  BekalBankQuestion *question;
  gboolean had_terms = FALSE;

  if (type == BEKAL_QUESTION_SCALE)
    {
      bekal_bank_add_skipped (self, bekal_question_get_id (source), "scale", 0,
                              _("A scale is a self-rating without a right answer; Moodle's "
                                "question types are all marked."));
      return;
    }

  question = bekal_bank_question_new (type);
  question->id = g_strdup (bekal_question_get_id (source));
  question->name = g_strdup (question->id);
  question->topic_id = g_strdup (bekal_question_get_topic_id (source));
  question->prompt = bekal_inline_from_text (bekal_question_get_prompt (source), &had_terms);
  question->explanation = markup_or_null (bekal_question_get_explanation (source), &had_terms);
  g_hash_table_add (self->ids, g_strdup (question->id));

  for (guint i = 0; i < bekal_question_get_n_options (source); i++)
    {
      BekalOption *option = bekal_question_get_option (source, i);
      BekalBankOption *copy;

      copy = bekal_bank_question_add_option (
        question, bekal_inline_from_text (bekal_option_get_text (option), &had_terms),
        type == BEKAL_QUESTION_MATCH
          ? bekal_inline_from_text (bekal_option_get_match_text (option), &had_terms) : NULL,
        markup_or_null (bekal_option_get_feedback (option), &had_terms),
        bekal_option_get_correct (option));
      /* the module's own ids, which a module written back from the bank keeps */
      g_free (copy->id);
      copy->id = g_strdup (bekal_option_get_id (option));
    }

  if (had_terms)
    bekal_bank_add_note (self, question->id,
                         _("glossary terms become plain text: Moodle has no glossary links"));
  g_ptr_array_add (self->questions, question);
}

/* Overrides */

static void
bekal_question_bank_finalize (GObject *object)
{
  BekalQuestionBank *self = BEKAL_QUESTION_BANK (object);

  g_free (self->title);
  g_ptr_array_unref (self->topics);
  g_hash_table_unref (self->topic_by_path);
  g_hash_table_unref (self->ids);
  g_hash_table_unref (self->suffixes);
  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->skipped);
  g_ptr_array_unref (self->notes);

  G_OBJECT_CLASS (bekal_question_bank_parent_class)->finalize (object);
}

static void
bekal_question_bank_class_init (BekalQuestionBankClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_question_bank_finalize;
}

static void
bekal_question_bank_init (BekalQuestionBank *self)
{
  self->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) topic_free);
  self->topic_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->suffixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_bank_question_free);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_bank_skipped_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
}

/* Internal API */

char *
bekal_bank_make_id (const char *text,
                    const char *fallback)
{
  g_autofree char *ascii = g_str_to_ascii (text ? text : "", "C");
  g_autoptr(GString) id = g_string_new (NULL);

  for (const char *p = ascii; *p && id->len < MADE_ID_LENGTH; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_islower (c) || g_ascii_isdigit (c))
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);

  if (id->len == 0)
    return g_strdup (fallback);
  return g_string_free (g_steal_pointer (&id), FALSE);
}

const char *
bekal_bank_default_topic (BekalQuestionBank *self)
{
  BekalBankTopic *topic = g_hash_table_lookup (self->topic_by_path, "");
  g_autofree char *id = NULL;

  if (topic != NULL)
    return topic->id;

  id = claim_unique (self->ids, self->suffixes, "imported");
  return add_topic (self, "", id, _("Imported questions"))->id;
}

const char *
bekal_bank_topic_for_category (BekalQuestionBank *self,
                               const char        *path,
                               const char        *idnumber)
{
  g_autoptr(GPtrArray) segments = split_category_path (path ? path : "");
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *made = NULL;
  BekalBankTopic *topic;
  const char *name;

  if (segments->len == 0)
    return bekal_bank_default_topic (self);

  g_ptr_array_add (segments, NULL);
  key = g_strjoinv ("\n", (char **) segments->pdata);
  topic = g_hash_table_lookup (self->topic_by_path, key);
  if (topic != NULL)
    return topic->id;

  name = g_ptr_array_index (segments, segments->len - 2);
  if (idnumber && is_valid_id (idnumber) && !g_hash_table_contains (self->ids, idnumber))
    id = claim_unique (self->ids, self->suffixes, idnumber);
  else
    {
      made = bekal_bank_make_id (name, "topic");
      id = claim_unique (self->ids, self->suffixes, made);
    }

  return add_topic (self, key, id, name)->id;
}

char *
bekal_bank_claim_question_id (BekalQuestionBank *self,
                              const char        *idnumber,
                              const char        *name)
{
  g_autofree char *made = NULL;

  if (idnumber && is_valid_id (idnumber) && !g_hash_table_contains (self->ids, idnumber))
    return claim_unique (self->ids, self->suffixes, idnumber);

  made = bekal_bank_make_id (name, "q");
  return claim_unique (self->ids, self->suffixes, made);
}

BekalBankQuestion *
bekal_bank_question_new (BekalQuestionType type)
{
  BekalBankQuestion *question = g_new0 (BekalBankQuestion, 1);

  question->type = type;
  question->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);

  return question;
}

void
bekal_bank_question_free (BekalBankQuestion *question)
{
  if (question == NULL)
    return;

  g_free (question->id);
  g_free (question->name);
  g_free (question->topic_id);
  g_free (question->prompt);
  g_free (question->explanation);
  g_ptr_array_unref (question->options);
  g_free (question);
}

BekalBankOption *
bekal_bank_question_add_option (BekalBankQuestion *question,
                                char              *text,
                                char              *match_text,
                                char              *feedback,
                                gboolean           correct)
{
  BekalBankOption *option = g_new0 (BekalBankOption, 1);

  option->id = option_id_for (question->options->len);
  option->text = text ? text : g_strdup ("");
  option->match_text = match_text;
  if (feedback != NULL && feedback[0] == '\0')
    g_clear_pointer (&feedback, g_free);
  option->feedback = feedback;
  option->correct = correct;
  g_ptr_array_add (question->options, option);

  return option;
}

char *
bekal_bank_check_question (BekalBankQuestion *question)
{
  guint n_correct = 0;
  g_autofree char *same = NULL;

  if (is_empty_markup (question->prompt))
    return g_strdup (_("The question text is empty once pictures and markup that Bekal cannot "
                       "show are left out."));

  for (guint i = 0; i < question->options->len; i++)
    {
      BekalBankOption *option = g_ptr_array_index (question->options, i);

      if (option->correct)
        n_correct++;
      if (is_empty_markup (option->text)
          || (question->type == BEKAL_QUESTION_MATCH && is_empty_markup (option->match_text)))
        return g_strdup_printf (_("Answer %u is empty once pictures and markup that Bekal cannot "
                                  "show are left out."), i + 1);
    }

  switch (question->type)
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_MULTIPLE:
      if (question->options->len < 2)
        return g_strdup (_("A choice question needs at least two answers."));
      if (question->type == BEKAL_QUESTION_SINGLE && n_correct != 1)
        return g_strdup_printf (_("A single-choice question needs exactly one right answer; "
                                  "this one has %u."), n_correct);
      if (question->type == BEKAL_QUESTION_MULTIPLE && n_correct == 0)
        return g_strdup (_("No answer is marked right (none has a grade above 0%)."));
      break;

    case BEKAL_QUESTION_TRUEFALSE:
      if (question->options->len != 2 || n_correct != 1)
        return g_strdup (_("A true/false question needs its answer, true or false."));
      break;

    case BEKAL_QUESTION_ORDER:
      if (question->options->len < 2)
        return g_strdup (_("An ordering question needs at least two items."));
      same = find_same_text (question, FALSE);
      if (same)
        return g_strdup_printf (_("Two items read the same (“%s”), so no one can tell which "
                                  "goes first."), same);
      break;

    case BEKAL_QUESTION_MATCH:
      if (question->options->len < 2)
        return g_strdup (_("A matching question needs at least two pairs."));
      same = find_same_text (question, FALSE);
      if (same)
        return g_strdup_printf (_("Two pairs have the same left side (“%s”)."), same);
      same = find_same_text (question, TRUE);
      if (same)
        return g_strdup_printf (_("Two pairs have the same right side (“%s”); in Bekal every "
                                  "left side has its own right side."), same);
      break;

    case BEKAL_QUESTION_SCALE:
    default:
      return g_strdup (_("A scale has no right answer."));
    }

  return NULL;
}

void
bekal_bank_discard_question (BekalQuestionBank *self,
                             BekalBankQuestion *question,
                             const char        *kind,
                             const char        *reason)
{
  bekal_bank_add_skipped (self, question->name, kind, question->line, reason);
  g_hash_table_remove (self->ids, question->id);
  bekal_bank_question_free (question);
}

gboolean
bekal_bank_add_question (BekalQuestionBank *self,
                         BekalBankQuestion *question)
{
  g_autofree char *reason = NULL;
  char *name = question->name;

  question->name = bekal_bank_clean_plain (name);
  g_free (name);
  reason = bekal_bank_check_question (question);
  if (reason != NULL)
    {
      bekal_bank_discard_question (self, question,
                                   bekal_question_type_to_string (question->type), reason);
      return FALSE;
    }

  g_ptr_array_add (self->questions, question);
  return TRUE;
}

BekalBankSkipped *
bekal_bank_skipped_new (const char *name,
                        const char *kind,
                        guint       line,
                        const char *reason)
{
  BekalBankSkipped *skipped = g_new0 (BekalBankSkipped, 1);

  skipped->name = bekal_bank_clean_plain (name);
  skipped->kind = g_strdup (kind ? kind : "");
  skipped->reason = g_strdup (reason);
  skipped->line = line;

  return skipped;
}

void
bekal_bank_add_skipped (BekalQuestionBank *self,
                        const char        *name,
                        const char        *kind,
                        guint              line,
                        const char        *reason)
{
  g_ptr_array_add (self->skipped, bekal_bank_skipped_new (name, kind, line, reason));
}

void
bekal_bank_add_note (BekalQuestionBank *self,
                     const char        *question,
                     const char        *message)
{
  BekalBankNote *note = g_new0 (BekalBankNote, 1);

  note->question = g_strdup (question);
  note->message = g_strdup (message);
  g_ptr_array_add (self->notes, note);
}

char *
bekal_bank_clean_plain (const char *text)
{
  g_autofree char *markup = bekal_inline_from_plain (text ? text : "", -1);

  return bekal_inline_to_plain (markup);
}

char *
bekal_bank_name_from_text (const char *plain)
{
  g_autofree char *copy = g_strstrip (g_strdup (plain ? plain : ""));
  const char *cut;
  const char *space;

  if (g_utf8_strlen (copy, -1) <= 40)
    return g_steal_pointer (&copy);

  /* about forty characters, cut at a word */
  cut = g_utf8_offset_to_pointer (copy, 40);
  space = g_strrstr_len (copy, cut - copy, " ");
  if (space != NULL && space > copy)
    cut = space;

  return g_strdup_printf ("%.*s…", (int) (cut - copy), copy);
}

void
bekal_bank_ensure_safe_parser (void)
{
  static gsize initialized = 0;

  /* The module loader installs libxml2's refusing entity loader when its first instance is
   * made; banks go through the same refusal rather than a second one */
  if (g_once_init_enter (&initialized))
    {
      g_object_unref (bekal_loader_new (NULL));
      g_once_init_leave (&initialized, 1);
    }
}

char *
bekal_bank_read_file (const char  *path,
                      gsize       *length,
                      GError     **error)
{
  g_autofree char *buffer = NULL;
  struct stat info;
  gsize total = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_IO,
                   _("%s cannot be opened: %s"), path, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_IO,
                   _("%s is not a regular file."), path);
      close (fd);
      return NULL;
    }

  if (info.st_size > BEKAL_QUESTION_BANK_MAX_FILE_SIZE)
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_TOO_LARGE,
                   _("%s is larger than %d MiB. Export the questions in smaller parts, for "
                     "example one category at a time."), path,
                   BEKAL_QUESTION_BANK_MAX_FILE_SIZE / (1024 * 1024));
      close (fd);
      return NULL;
    }

  buffer = g_malloc ((gsize) info.st_size + 1);
  while (total < (gsize) info.st_size)
    {
      gssize n = read (fd, buffer + total, (gsize) info.st_size - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_IO,
                       _("%s cannot be read: %s"), path, g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
    }
  close (fd);

  buffer[total] = '\0';
  *length = total;
  return g_steal_pointer (&buffer);
}

gboolean
bekal_bank_check_utf8 (const char  *data,
                       gsize        length,
                       const char  *name,
                       GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;

  g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_INVALID,
               _("%s:%u: the file is not UTF-8 text (or holds a zero byte). Save it as UTF-8 "
                 "and try again."), name, line);
  return FALSE;
}

char *
bekal_bank_category_path (BekalQuestionBank    *self,
                          const BekalBankTopic *topic)
{
  GString *path = g_string_new ("$course$/top");

  if (self->title != NULL)
    append_category_segment (path, self->title);
  append_category_segment (path, topic->name);

  return g_string_free (path, FALSE);
}

GHashTable *
bekal_bank_questions_by_topic (BekalQuestionBank *self)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->questions->len; i++)
    {
      BekalBankQuestion *question = g_ptr_array_index (self->questions, i);
      GPtrArray *group = g_hash_table_lookup (groups, question->topic_id);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, question->topic_id, group);
        }
      g_ptr_array_add (group, question);
    }
  return groups;
}

double
bekal_bank_moodle_fraction (double fraction)
{
  double magnitude = fabs (fraction);
  double best = moodle_fractions[0];

  for (guint i = 1; i < G_N_ELEMENTS (moodle_fractions); i++)
    if (fabs (moodle_fractions[i] - magnitude) < fabs (best - magnitude))
      best = moodle_fractions[i];

  return fraction < 0 ? -best : best;
}

char *
bekal_bank_format_percent (double fraction)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.5f", fraction * 100));
  char *dot = strchr (text, '.');

  if (dot != NULL)
    {
      char *last = text + strlen (text) - 1;

      while (last > dot && *last == '0')
        *last-- = '\0';
      if (last == dot)
        *last = '\0';
    }
  if (g_str_equal (text, "-0"))
    {
      g_free (text);
      text = g_strdup ("0");
    }

  return text;
}

/* Public API */

BekalQuestionBank *
bekal_question_bank_new (void)
{
  return g_object_new (BEKAL_TYPE_QUESTION_BANK, NULL);
}

BekalQuestionBank *
bekal_question_bank_new_from_module (BekalModule *module)
{
  BekalQuestionBank *self;

  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);

  self = bekal_question_bank_new ();
  self->title = g_strdup (bekal_module_get_title (module));

  for (guint i = 0; i < bekal_module_get_n_topics (module); i++)
    {
      const BekalTopic *topic = bekal_module_get_topic (module, i);

      g_hash_table_add (self->ids, g_strdup (topic->id));
      /* keyed by id: two topics of a module may share a name */
      add_topic (self, topic->id, topic->id, topic->name);
    }

  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);

      for (guint j = 0; j < bekal_quiz_get_n_questions (quiz); j++)
        add_module_question (self, bekal_quiz_get_question (quiz, j));
    }

  return self;
}

const char *
bekal_question_bank_get_title (BekalQuestionBank *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);
  return self->title;
}

guint
bekal_question_bank_get_n_topics (BekalQuestionBank *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), 0);
  return self->topics->len;
}

const BekalBankTopic *
bekal_question_bank_get_topic (BekalQuestionBank *self,
                               guint              index)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);
  g_return_val_if_fail (index < self->topics->len, NULL);
  return g_ptr_array_index (self->topics, index);
}

const BekalBankTopic *
bekal_question_bank_find_topic (BekalQuestionBank *self,
                                const char        *id)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);

  for (guint i = 0; id != NULL && i < self->topics->len; i++)
    {
      const BekalBankTopic *topic = g_ptr_array_index (self->topics, i);

      if (g_str_equal (topic->id, id))
        return topic;
    }
  return NULL;
}

guint
bekal_question_bank_get_n_questions (BekalQuestionBank *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), 0);
  return self->questions->len;
}

const BekalBankQuestion *
bekal_question_bank_get_question (BekalQuestionBank *self,
                                  guint              index)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);
  return g_ptr_array_index (self->questions, index);
}

GPtrArray *
bekal_question_bank_get_skipped (BekalQuestionBank *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);
  return self->skipped;
}

GPtrArray *
bekal_question_bank_get_notes (BekalQuestionBank *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);
  return self->notes;
}

char *
bekal_question_bank_write_topics (BekalQuestionBank *self)
{
  g_autoptr(GHashTable) used = NULL;
  GString *out;

  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);

  used = used_topics (self);
  out = g_string_new ("  <topics>\n");
  for (guint i = 0; i < self->topics->len; i++)
    {
      const BekalBankTopic *topic = g_ptr_array_index (self->topics, i);
      g_autofree char *name = bekal_inline_from_plain (topic->name, -1);

      if (!g_hash_table_contains (used, topic->id))
        continue;
      g_string_append_printf (out, "    <topic id=\"%s\">%s</topic>\n", topic->id, name);
    }
  g_string_append (out, "  </topics>\n");

  return g_string_free (out, FALSE);
}

char *
bekal_question_bank_write_quiz (BekalQuestionBank  *self,
                                const char         *quiz_id,
                                BekalQuizRole       role,
                                GError            **error)
{
  GString *out;

  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);
  g_return_val_if_fail (quiz_id != NULL, NULL);

  if (!is_valid_id (quiz_id))
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_BAD_ID,
                   _("“%s” is not a valid id: use lower-case letters a–z, digits, “-” and “_”, "
                     "starting with a letter or digit, at most 64 characters."), quiz_id);
      return NULL;
    }
  if (g_hash_table_contains (self->ids, quiz_id))
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_BAD_ID,
                   _("The id “%s” is already used by a topic or a question of the bank; choose "
                     "another id for the quiz."), quiz_id);
      return NULL;
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "  <quiz id=\"%s\" role=\"%s\">\n", quiz_id,
                          bekal_quiz_role_to_string (role));
  for (guint i = 0; i < self->questions->len; i++)
    write_question (out, g_ptr_array_index (self->questions, i));
  g_string_append (out, "  </quiz>\n");

  return g_string_free (out, FALSE);
}

void
bekal_bank_skipped_free (BekalBankSkipped *skipped)
{
  if (skipped == NULL)
    return;

  g_free (skipped->name);
  g_free (skipped->kind);
  g_free (skipped->reason);
  g_free (skipped);
}
