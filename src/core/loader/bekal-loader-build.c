/* bekal-loader-build.c: builds the model of a module from its checked XML tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bekal-loader-private.h"
#include "bekal-model-private.h"
#include "bekal-text-private.h"

/* Helpers: reading the tree */

static char *read_id_attr (LoadState  *state,
                           xmlNodePtr  node,
                           const char *attr);

char *
bekal_loader_get_attr (xmlNodePtr  node,
                       const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);

  return copy;
}

static char *
get_lang (xmlNodePtr node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "lang", XML_XML_NAMESPACE);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);

  return copy;
}

static gboolean
parse_uint_attr (LoadState  *state,
                 xmlNodePtr  node,
                 const char *name,
                 guint       max,
                 guint      *out)
{
  g_autofree char *value = bekal_loader_get_attr (node, name);
  guint64 number = 0;

  if (value == NULL)
    return FALSE;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, name,
                                 _("“%s” must be a whole number from 0 to %u, not “%s”."), name,
                                 max, value);
      return FALSE;
    }

  *out = (guint) number;
  return TRUE;
}

/* Scale ends and labels may be negative (a scale from -2 to 2) */
static gboolean
parse_int_attr (LoadState  *state,
                xmlNodePtr  node,
                const char *name,
                int         min,
                int         max,
                int        *out)
{
  g_autofree char *value = bekal_loader_get_attr (node, name);
  gint64 number = 0;

  if (value == NULL)
    return FALSE;

  if (!g_ascii_string_to_signed (value, 10, min, max, &number, NULL))
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, name,
                                 _("“%s” must be a whole number from %d to %d, not “%s”."), name,
                                 min, max, value);
      return FALSE;
    }

  *out = (int) number;
  return TRUE;
}

static gboolean
parse_bool_attr (xmlNodePtr  node,
                 const char *name,
                 gboolean    fallback)
{
  g_autofree char *value = bekal_loader_get_attr (node, name);

  if (value == NULL)
    return fallback;

  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

/* Appends the text of @node to @text, collapsing whitespace runs across spans */
static void
collect_inline (LoadState      *state,
                xmlNodePtr      node,
                BekalText      *text,
                BekalSpanStyle  style,
                const char     *term_ref,
                gboolean       *after_space)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          GString *run = state->text_run;
          const char *p = (const char *) child->content;

          g_string_truncate (run, 0);

          /* copies runs of visible characters at once, and one space for each run of white
           * space (none at the start of a text) */
          while (p && *p)
            {
              const char *start = p;

              while (*p && !g_ascii_isspace (*p))
                p++;
              if (p > start)
                {
                  g_string_append_len (run, start, p - start);
                  *after_space = FALSE;
                }

              if (*p && g_ascii_isspace (*p))
                {
                  if (!*after_space)
                    g_string_append_c (run, ' ');
                  *after_space = TRUE;
                  while (*p && g_ascii_isspace (*p))
                    p++;
                }
            }

          bekal_text_append (text, style, term_ref, run->str, run->len);
        }
      else if (is_module_element (child, "em"))
        collect_inline (state, child, text, style | BEKAL_SPAN_EMPHASIS, term_ref, after_space);
      else if (is_module_element (child, "strong"))
        collect_inline (state, child, text, style | BEKAL_SPAN_STRONG, term_ref, after_space);
      else if (is_module_element (child, "term"))
        {
          g_autofree char *ref = read_id_attr (state, child, "ref");

          /* checked here, where the element's own line is known; the glossary is read before
           * any text that may hold a term */
          if (ref && !bekal_module_find_glossary_entry (state->module, ref))
            {
              GArray *glossary = state->module->glossary;
              g_autofree const char **ids = g_new0 (const char *, glossary->len + 1);
              const char *meant;

              for (guint i = 0; i < glossary->len; i++)
                {
                  const char *id = g_array_index (glossary, BekalGlossaryEntry, i).id;

                  ids[i] = id != NULL ? id : "";
                }
              meant = bekal_loader_suggest_name (ref, ids);
              if (meant != NULL)
                bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child, "ref",
                                           _("<term ref=\"%s\"> names a glossary entry that does "
                                             "not exist. Did you mean ref=\"%s\"?"), ref, meant);
              else
                bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child, "ref",
                                           _("<term ref=\"%s\"> names a glossary entry that does "
                                             "not exist. Add <entry id=\"%s\"> to <glossary> or "
                                             "correct the ref."), ref, ref);
            }

          collect_inline (state, child, text, style | BEKAL_SPAN_TERM, ref, after_space);
        }
      /* feedback inside an option and anything unknown are not part of the text */
    }
}

static BekalText *
read_text (LoadState  *state,
           xmlNodePtr  node)
{
  BekalText *text = bekal_text_new ();
  gboolean after_space = TRUE;

  if (node != NULL)
    collect_inline (state, node, text, BEKAL_SPAN_PLAIN, NULL, &after_space);
  bekal_text_seal (text);

  return text;
}

static char *
read_plain (LoadState  *state,
            xmlNodePtr  node)
{
  g_autoptr(BekalText) text = read_text (state, node);

  return g_strdup (bekal_text_get_plain (text));
}

static xmlNodePtr
first_child (xmlNodePtr  node,
             const char *name)
{
  FOR_EACH_ELEMENT (child, node)
    if (node_name_is (child, name))
      return child;

  return NULL;
}

static char *
read_child_plain (LoadState  *state,
                  xmlNodePtr  node,
                  const char *name)
{
  xmlNodePtr child = first_child (node, name);

  return child ? read_plain (state, child) : NULL;
}

#define MAX_ID_LENGTH 64

/* The form of an id, as the reference states it (docs/module-format.md, section 3) */
#define ID_RULE N_("An id starts with a lower-case letter or a digit and holds only lower-case " \
                   "letters a–z, digits, “-” and “_”, at most 64 characters.")

/* Reads an attribute whose value is an id (id, and the references topic, pool, question and
 * ref) and checks its form: [a-z0-9][a-z0-9_-]*, at most 64 characters (the schema's pattern,
 * which the loader's copy goes without). An empty value or one with white space around it is
 * refused, since two modules with id="" would share their learners' results. Returns the
 * value without the white space, or NULL when the attribute is absent or empty. */
static char *
read_id_attr (LoadState  *state,
              xmlNodePtr  node,
              const char *attr)
{
  xmlChar *raw = xmlGetNoNsProp (node, BAD_CAST attr);
  g_autofree char *value = NULL;
  gboolean padded;
  gboolean valid;
  gsize length;

  if (raw == NULL)
    return NULL;

  value = g_strstrip (g_strdup ((const char *) raw));
  padded = strcmp (value, (const char *) raw) != 0;
  xmlFree (raw);
  length = strlen (value);

  if (length == 0)
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("The attribute “%s” of <%s> is empty. %s Write one, for "
                                   "example %s=\"part-1\"."), attr, (const char *) node->name,
                                 _(ID_RULE), attr);
      return NULL;
    }

  if (padded)
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                 _("The attribute “%s” of <%s> has spaces, tabs or line breaks "
                                   "around “%s”. Remove them: write %s=\"%s\"."), attr,
                                 (const char *) node->name, value, attr, value);
      return g_steal_pointer (&value);
    }

  valid = length <= MAX_ID_LENGTH && (g_ascii_islower (value[0]) || g_ascii_isdigit (value[0]));
  for (const char *p = value + 1; valid && *p; p++)
    valid = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_';

  if (!valid)
    bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                               _("The attribute “%s” of <%s> is “%s”, which is not an id. %s"),
                               attr, (const char *) node->name, value, _(ID_RULE));

  return g_steal_pointer (&value);
}

static char *
register_id (LoadState  *state,
             xmlNodePtr  node)
{
  g_autofree char *id = read_id_attr (state, node, "id");
  gpointer first_line;

  if (id == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (state->ids, id, NULL, &first_line))
    {
      bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, "id",
                                 _("The id “%s” is already used on line %d. Every id must be "
                                   "unique within a module."), id, GPOINTER_TO_INT (first_line));
    }
  else
    g_hash_table_insert (state->ids, g_strdup (id), GINT_TO_POINTER (xmlGetLineNo (node)));

  return g_steal_pointer (&id);
}

/* Accepts SS, SS.mmm, M:SS, H:MM:SS with optional .mmm; returns -1 when invalid */
gint64
bekal_loader_parse_time (const char *value)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  gint64 total_ms = 0;

  if (value == NULL || value[0] == '\0')
    return -1;

  parts = g_strsplit (value, ":", -1);
  n_parts = g_strv_length (parts);
  if (n_parts > 3)
    return -1;

  for (guint i = 0; i < n_parts; i++)
    {
      gboolean last = i + 1 == n_parts;
      const char *part = parts[i];
      char *dot = last ? strchr (part, '.') : NULL;
      guint64 whole = 0;
      guint64 fraction_ms = 0;
      g_autofree char *whole_str = dot ? g_strndup (part, dot - part) : g_strdup (part);

      if (!g_ascii_string_to_unsigned (whole_str, 10, 0, G_MAXUINT32, &whole, NULL))
        return -1;
      /* after a colon, always two digits from 00 to 59 */
      if (i > 0 && (whole > 59 || strlen (whole_str) != 2))
        return -1;
      if (dot != NULL)
        {
          const char *digits = dot + 1;
          guint n_digits = (guint) strlen (digits);
          guint64 value_digits = 0;

          if (n_digits == 0 || n_digits > 3
              || !g_ascii_string_to_unsigned (digits, 10, 0, 999, &value_digits, NULL))
            return -1;
          fraction_ms = value_digits * (n_digits == 1 ? 100 : n_digits == 2 ? 10 : 1);
        }

      total_ms = total_ms * 60 + (gint64) whole;
      if (last)
        total_ms = total_ms * 1000 + (gint64) fraction_ms;
    }

  return total_ms;
}

/* Building the model */

static BekalQuestionType
question_type_from_string (const char *value,
                           gboolean   *ok)
{
  static const char * const names[] = {
    "single", "multiple", "truefalse", "order", "match", "scale"
  };

  *ok = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (value, names[i]) == 0)
      return i;

  *ok = FALSE;
  return BEKAL_QUESTION_SINGLE;
}

static void
check_option_id (LoadState   *state,
                 xmlNodePtr   node,
                 GHashTable  *option_ids,
                 const char  *id)
{
  if (id == NULL)
    return;

  if (!g_hash_table_add (option_ids, g_strdup (id)))
    bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, "id",
                               _("The id “%s” is used twice within this question."), id);
}

/* What the schema file says with one variant per type (see relaxed_defines in
 * bekal-loader-schema.c): the children and the attributes that belong to each type */
static void
check_question_form (LoadState         *state,
                     xmlNodePtr         node,
                     BekalQuestionType  kind)
{
  static const struct
  {
    const char *child;
    const char *hint;
  } kinds[] = {
    [BEKAL_QUESTION_SINGLE] = { "option", N_("its answers are <option> elements") },
    [BEKAL_QUESTION_MULTIPLE] = { "option", N_("its answers are <option> elements") },
    [BEKAL_QUESTION_TRUEFALSE] = { "feedback",
                                   N_("it has answer=\"true\" or answer=\"false\" and at most "
                                      "one <feedback for=\"true\"> and one <feedback "
                                      "for=\"false\">") },
    [BEKAL_QUESTION_ORDER] = { "item",
                               N_("its steps are <item id=\"…\"> elements, written in the right "
                                  "order") },
    [BEKAL_QUESTION_MATCH] = { "pair",
                               N_("its pairs are <pair id=\"…\"><left>…</left><right>…</right>"
                                  "</pair>") },
    [BEKAL_QUESTION_SCALE] = { "label", N_("its points are named with <label value=\"…\">") },
  };
  static const char * const question_children[] = {
    "prompt", "explanation", "option", "feedback", "item", "pair", "label", NULL
  };
  const char *type = bekal_question_type_to_string (kind);
  const char *suggestion;
  gboolean is_truefalse = kind == BEKAL_QUESTION_TRUEFALSE;
  gboolean is_scale = kind == BEKAL_QUESTION_SCALE;

  FOR_EACH_ELEMENT (child, node)
    {
      if (node_name_is (child, "prompt") || node_name_is (child, "explanation")
          || node_name_is (child, kinds[kind].child))
        continue;

      bekal_loader_note_rejected (state, child);
      /* a misspelled name is said as such: the hint about answers would mislead */
      suggestion = bekal_loader_suggest_name ((const char *) child->name, question_children);
      if (suggestion != NULL)
        bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, child,
                                   _("<%s> is not an element of the module format. Did you "
                                     "mean <%s>?"), (const char *) child->name, suggestion);
      else
        bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, child,
                                   _("<%s> does not belong in a question of type “%s”: %s."),
                                   (const char *) child->name, type, _(kinds[kind].hint));
    }

  if (is_truefalse && !xmlHasProp (node, BAD_CAST "answer"))
    bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, node,
                               _("A truefalse question needs the right answer: add "
                                 "answer=\"true\" or answer=\"false\"."));
  if (!is_truefalse && xmlHasProp (node, BAD_CAST "answer"))
    bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, "answer",
                               _("Only a truefalse question has the attribute “answer”; in a "
                                 "question of type “%s”, %s."), type, _(kinds[kind].hint));

  if (is_scale && (!xmlHasProp (node, BAD_CAST "min") || !xmlHasProp (node, BAD_CAST "max")))
    bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, node,
                               _("A scale question needs the attributes “min” and “max”, for "
                                 "example min=\"1\" max=\"5\"."));

  for (guint i = 0; i < 2 && !is_scale; i++)
    {
      const char *attr = i == 0 ? "min" : "max";

      if (xmlHasProp (node, BAD_CAST attr))
        bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                                   _("Only a scale question has the attribute “%s”; remove it "
                                     "from this question of type “%s”."), attr, type);
    }
}

static BekalQuestion *
build_question (LoadState  *state,
                xmlNodePtr  node)
{
  BekalQuestion *question = bekal_question_new_empty ();
  g_autoptr(GHashTable) option_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autofree char *type = bekal_loader_get_attr (node, "type");
  gboolean type_ok;

  question->id = register_id (state, node);
  question->topic_id = read_id_attr (state, node, "topic");
  question->form = bekal_loader_get_attr (node, "form");
  question->kind = question_type_from_string (type, &type_ok);
  bekal_loader_node_place (state, node, &question->line, &question->column);
  if (type_ok)
    check_question_form (state, node, question->kind);
  question->prompt = read_text (state, first_child (node, "prompt"));
  if (first_child (node, "explanation"))
    question->explanation = read_text (state, first_child (node, "explanation"));

  if (question->kind == BEKAL_QUESTION_TRUEFALSE)
    {
      g_autofree char *answer = bekal_loader_get_attr (node, "answer");
      gboolean answer_true = g_strcmp0 (answer, "true") == 0;
      const char *values[] = { "true", "false" };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          BekalOption *option = bekal_option_new_empty ();

          option->id = g_strdup (values[i]);
          option->text = bekal_text_new_plain (values[i]);
          option->correct = (i == 0) == answer_true;
          g_ptr_array_add (question->options, option);
        }

      FOR_EACH_ELEMENT (child, node)
        {
          g_autofree char *for_value = NULL;
          BekalOption *option;

          if (!node_name_is (child, "feedback"))
            continue;

          for_value = bekal_loader_get_attr (child, "for");
          option = bekal_question_find_option (question, for_value);
          if (option == NULL)
            continue;
          if (option->feedback != NULL)
            bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, child,
                                       _("There are two <feedback for=\"%s\"> in this question."),
                                       for_value);
          else
            {
              option->feedback = read_text (state, child);
              bekal_loader_node_place (state, child, &option->line, &option->column);
            }
        }
    }
  else if (question->kind == BEKAL_QUESTION_SCALE)
    {
      gboolean has_min = parse_int_attr (state, node, "min", -100, 100, &question->scale_min);
      gboolean has_max = parse_int_attr (state, node, "max", -100, 100, &question->scale_max);

      if (has_min && has_max && question->scale_min >= question->scale_max)
        bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, node,
                                   _("A scale must go from a smaller to a larger number (min=%d, "
                                     "max=%d)."), question->scale_min, question->scale_max);

      FOR_EACH_ELEMENT (child, node)
        {
          BekalOption *option;
          int value = 0;

          if (!node_name_is (child, "label"))
            continue;

          if (parse_int_attr (state, child, "value", -100, 100, &value)
              && (value < question->scale_min || value > question->scale_max))
            bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child, "value",
                                       _("The label value %d lies outside the scale (%d to %d)."),
                                       value, question->scale_min, question->scale_max);

          option = bekal_option_new_empty ();
          option->id = bekal_loader_get_attr (child, "value");
          option->text = read_text (state, child);
          bekal_loader_node_place (state, child, &option->line, &option->column);
          check_option_id (state, child, option_ids, option->id);
          g_ptr_array_add (question->options, option);
        }
    }
  else
    {
      const char *child_name = question->kind == BEKAL_QUESTION_ORDER ? "item"
                               : question->kind == BEKAL_QUESTION_MATCH ? "pair"
                               : "option";

      FOR_EACH_ELEMENT (child, node)
        {
          BekalOption *option;

          if (!node_name_is (child, child_name))
            continue;

          option = bekal_option_new_empty ();
          option->id = read_id_attr (state, child, "id");
          bekal_loader_node_place (state, child, &option->line, &option->column);
          check_option_id (state, child, option_ids, option->id);

          if (question->kind == BEKAL_QUESTION_MATCH)
            {
              option->text = read_text (state, first_child (child, "left"));
              option->match_text = read_text (state, first_child (child, "right"));
            }
          else
            {
              option->text = read_text (state, child);
              option->correct = parse_bool_attr (child, "correct", FALSE);
              if (first_child (child, "feedback"))
                option->feedback = read_text (state, first_child (child, "feedback"));
            }

          g_ptr_array_add (question->options, option);
        }
    }

  return question;
}

static BekalQuiz *
build_quiz (LoadState  *state,
            xmlNodePtr  node)
{
  BekalQuiz *quiz = bekal_quiz_new_empty ();
  g_autofree char *role = bekal_loader_get_attr (node, "role");
  guint value = 0;

  quiz->id = register_id (state, node);
  bekal_loader_node_place (state, node, &quiz->line, &quiz->column);
  quiz->title = read_child_plain (state, node, "title");
  quiz->role = g_strcmp0 (role, "pretest") == 0 ? BEKAL_QUIZ_PRETEST
               : g_strcmp0 (role, "posttest") == 0 ? BEKAL_QUIZ_POSTTEST
               : BEKAL_QUIZ_PRACTICE;
  quiz->shuffle = parse_bool_attr (node, "shuffle", FALSE);
  {
    g_autofree char *ignore = bekal_loader_get_attr (node, "lint-ignore");

    if (ignore != NULL)
      {
        quiz->lint_ignore = g_strsplit_set (g_strstrip (ignore), " \t\n", -1);
        quiz->lint_reason = bekal_loader_get_attr (node, "lint-reason");
      }
  }
  quiz->pool_id = read_id_attr (state, node, "pool");
  if (quiz->pool_id == NULL && xmlHasProp (node, BAD_CAST "pool"))
    g_hash_table_add (state->bad_pools, quiz);

  if (parse_uint_attr (state, node, "draw", 10000, &value))
    quiz->draw = value;
  if (parse_uint_attr (state, node, "pass", 100, &value))
    quiz->pass_mark = (int) value;
  if (parse_uint_attr (state, node, "retakes", 10000, &value))
    quiz->retakes = (int) value;
  else if (quiz->role == BEKAL_QUIZ_POSTTEST && !xmlHasProp (node, BAD_CAST "retakes"))
    quiz->retakes = BEKAL_QUIZ_DEFAULT_RETAKES;
  if (parse_uint_attr (state, node, "time-limit", 10000, &value))
    quiz->time_limit_minutes = value;

  FOR_EACH_ELEMENT (child, node)
    {
      BekalQuestion *question;

      if (!node_name_is (child, "question"))
        continue;

      question = build_question (state, child);
      g_ptr_array_add (quiz->questions, question);
      if (question->id && !g_hash_table_contains (state->module->questions_by_id, question->id))
        g_hash_table_insert (state->module->questions_by_id, question->id, question);
    }

  g_ptr_array_add (state->module->quizzes, g_object_ref (quiz));

  return quiz;
}

static BekalMedia *
build_media (LoadState  *state,
             xmlNodePtr  node,
             gboolean    is_video)
{
  BekalMedia *media = bekal_media_new_empty (is_video);
  g_autoptr(GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  gint64 last_chapter = -1;

  media->id = register_id (state, node);
  bekal_loader_node_place (state, node, &media->line, &media->column);
  media->src = bekal_loader_get_attr (node, "src");
  media->path = bekal_loader_resolve_ref (state, node, "src");
  media->poster_src = bekal_loader_get_attr (node, "poster");
  media->poster_path = bekal_loader_resolve_ref (state, node, "poster");
  media->title = read_child_plain (state, node, "title");
  media->content_note = read_child_plain (state, node, "content-note");

  FOR_EACH_ELEMENT (child, node)
    {
      if (node_name_is (child, "subtitles"))
        {
          BekalSubtitleTrack track = { 0, };
          BekalPlace place;

          bekal_loader_node_place (state, child, &place.line, &place.column);

          track.language = get_lang (child);
          track.src = bekal_loader_get_attr (child, "src");
          track.path = bekal_loader_resolve_ref (state, child, "src");

          if (track.language && !g_hash_table_add (languages, g_strdup (track.language)))
            bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, child,
                                       _("There are two subtitle files for the language “%s”."),
                                       track.language);

          g_array_append_val (media->subtitles, track);
          g_array_append_val (media->subtitle_places, place);
        }
      else if (node_name_is (child, "chapter") || node_name_is (child, "checkpoint"))
        {
          g_autofree char *at = bekal_loader_get_attr (child, "at");
          gint64 at_ms = bekal_loader_parse_time (at);
          BekalPlace place;

          bekal_loader_node_place (state, child, &place.line, &place.column);

          /* a missing at is named by the check of required attributes */
          if (at == NULL)
            continue;

          /* "1.05" is almost always minutes and seconds written with a dot: read as seconds,
           * it would put the chapter or pause near the start of the clip */
          if (strchr (at, '.') != NULL && strchr (at, ':') == NULL)
            {
              g_autofree char *minutes = g_strndup (at, strchr (at, '.') - at);
              const char *seconds = strchr (at, '.') + 1;

              if (strlen (seconds) == 2 && g_ascii_isdigit (seconds[0])
                  && g_ascii_isdigit (seconds[1]) && seconds[0] <= '5' && minutes[0] != '\0')
                bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child, "at",
                                           _("at=\"%s\" has a dot, which Bekal does not read as "
                                             "minutes. To mean %s min %s s, write "
                                             "at=\"%s:%s\"; for seconds alone write a whole "
                                             "number."), at, minutes, seconds, minutes, seconds);
              else
                bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child, "at",
                                           _("at=\"%s\" has a dot. Write seconds as a whole "
                                             "number (75) or minutes and seconds (1:15); a "
                                             "fraction of a second goes after them (1:15.5)."),
                                           at);
              /* kept with no time (the module is refused anyway), so that its translation
               * is not blamed for the same mistake */
              at_ms = -1;
            }
          else if (at_ms < 0)
            bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child, "at",
                                       _("“%s” is not a time. Write seconds (75), minutes and "
                                         "seconds (1:15) or hours too (0:01:15)."), at);

          if (node_name_is (child, "chapter"))
            {
              BekalChapter chapter = { at_ms, read_plain (state, child) };

              if (at_ms >= 0 && at_ms <= last_chapter)
                bekal_loader_attr_problem (state, BEKAL_SEVERITY_WARNING, child, "at",
                                           _("This chapter starts at or before the previous one; "
                                             "list chapters in the order they appear."));
              last_chapter = MAX (last_chapter, at_ms);
              g_array_append_val (media->chapters, chapter);
              g_array_append_val (media->chapter_places, place);
            }
          else
            {
              BekalCheckpoint checkpoint = { at_ms, read_id_attr (state, child, "question") };
              int line = (int) xmlGetLineNo (child);

              g_array_append_val (media->checkpoints, checkpoint);
              g_array_append_val (media->checkpoint_places, place);
              g_array_append_val (state->checkpoint_lines, line);
            }
        }
    }

  g_ptr_array_add (state->module->media, g_object_ref (media));

  return media;
}

/* A 64-bit FNV-1a hash of an element as written: its name, attributes and text, children
 * included. Equal hashes mean equal source, as far as a preview needs to know. */
static guint64
hash_bytes (guint64     hash,
            const char *bytes)
{
  for (const guchar *p = (const guchar *) bytes; p != NULL && *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  /* a separator, so that "ab" + "c" differs from "a" + "bc" */
  hash ^= 0xff;
  hash *= G_GUINT64_CONSTANT (0x100000001b3);
  return hash;
}

static guint64
hash_node (guint64    hash,
           xmlNodePtr node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        hash = hash_bytes (hash, (const char *) node->content);
      else if (node->type == XML_ELEMENT_NODE)
        {
          hash = hash_bytes (hash, (const char *) node->name);
          for (xmlAttrPtr attr = node->properties; attr != NULL; attr = attr->next)
            {
              hash = hash_bytes (hash, (const char *) attr->name);
              hash = hash_node (hash, attr->children);
            }
          hash = hash_node (hash, node->children);
          hash = hash_bytes (hash, "/");
        }
    }
  return hash;
}

static guint64
hash_element (guint64    hash,
              xmlNodePtr node)
{
  xmlNodePtr next = node->next;
  guint64 result;

  /* the element alone, not its following siblings */
  node->next = NULL;
  result = hash_node (hash, node);
  node->next = next;
  return result;
}

static BekalBlock *
build_block (LoadState  *state,
             xmlNodePtr  node)
{
  BekalBlock *block = NULL;

  if (node_name_is (node, "heading") || node_name_is (node, "p"))
    {
      block = bekal_block_new_empty (node_name_is (node, "p") ? BEKAL_BLOCK_PARAGRAPH
                                                               : BEKAL_BLOCK_HEADING);
      block->text = read_text (state, node);
    }
  else if (node_name_is (node, "list"))
    {
      g_autofree char *kind = bekal_loader_get_attr (node, "kind");

      block = bekal_block_new_empty (BEKAL_BLOCK_LIST);
      block->list_numbered = g_strcmp0 (kind, "number") == 0;
      FOR_EACH_ELEMENT (child, node)
        if (node_name_is (child, "item"))
          g_ptr_array_add (block->items, read_text (state, child));
    }
  else if (node_name_is (node, "note"))
    {
      g_autofree char *kind = bekal_loader_get_attr (node, "kind");

      block = bekal_block_new_empty (BEKAL_BLOCK_NOTE);
      block->note_kind = g_strcmp0 (kind, "important") == 0 ? BEKAL_NOTE_IMPORTANT
                         : g_strcmp0 (kind, "care") == 0 ? BEKAL_NOTE_CARE
                         : BEKAL_NOTE_TIP;
      block->text = read_text (state, node);
    }
  else if (node_name_is (node, "figure"))
    {
      block = bekal_block_new_empty (BEKAL_BLOCK_FIGURE);
      block->figure_src = bekal_loader_get_attr (node, "src");
      block->figure_path = bekal_loader_resolve_ref (state, node, "src");
      block->figure_alt = bekal_loader_get_attr (node, "alt");
      block->text = read_text (state, first_child (node, "caption"));
    }
  else if (node_name_is (node, "video") || node_name_is (node, "audio"))
    {
      gboolean is_video = node_name_is (node, "video");

      block = bekal_block_new_empty (is_video ? BEKAL_BLOCK_VIDEO : BEKAL_BLOCK_AUDIO);
      block->media = build_media (state, node, is_video);
      block->id = g_strdup (block->media->id);
    }
  else if (node_name_is (node, "reflection"))
    {
      block = bekal_block_new_empty (BEKAL_BLOCK_REFLECTION);
      block->id = register_id (state, node);
      block->text = read_text (state, node);
    }
  else if (node_name_is (node, "quiz"))
    {
      block = bekal_block_new_empty (BEKAL_BLOCK_QUIZ);
      block->quiz = build_quiz (state, node);
      block->id = g_strdup (block->quiz->id);
    }

  if (block)
    {
      bekal_loader_node_place (state, node, &block->line, &block->column);
      block->source_hash = hash_element (G_GUINT64_CONSTANT (0xcbf29ce484222325), node);
    }

  return block;
}

static BekalLesson *
build_lesson (LoadState  *state,
              xmlNodePtr  node)
{
  BekalLesson *lesson = bekal_lesson_new_empty ();
  guint minutes = 0;

  lesson->id = register_id (state, node);
  bekal_loader_node_place (state, node, &lesson->line, &lesson->column);
  lesson->title = read_child_plain (state, node, "title");
  lesson->content_note = read_child_plain (state, node, "content-note");
  if (parse_uint_attr (state, node, "minutes", 1000, &minutes))
    lesson->declared_minutes = minutes;

  FOR_EACH_ELEMENT (child, node)
    {
      BekalBlock *block;

      if (node_name_is (child, "title") || node_name_is (child, "content-note"))
        continue;

      /* a trainer's note goes with the block before it, or with the lesson when it comes
       * first; several in a row are kept as paragraphs of one note */
      if (node_name_is (child, "trainer-note"))
        {
          BekalBlock *previous = lesson->blocks->len > 0
                                 ? g_ptr_array_index (lesson->blocks, lesson->blocks->len - 1)
                                 : NULL;
          char **note = previous != NULL ? &previous->trainer_note : &lesson->trainer_note;
          BekalPlace *place = previous != NULL ? &previous->trainer_note_place
                                               : &lesson->trainer_note_place;
          g_autofree char *text = read_plain (state, child);

          if (*note == NULL)
            {
              *note = g_steal_pointer (&text);
              bekal_loader_node_place (state, child, &place->line, &place->column);
            }
          else
            {
              char *joined = g_strconcat (*note, "\n\n", text, NULL);

              g_free (*note);
              *note = joined;
            }
          continue;
        }

      block = build_block (state, child);
      if (block == NULL)
        continue;

      block->index = lesson->blocks->len;
      g_ptr_array_add (lesson->blocks, block);
    }

  return lesson;
}

void
bekal_loader_build_module (LoadState  *state,
                           xmlNodePtr  root)
{
  BekalModule *module = state->module;
  xmlNodePtr meta = first_child (root, "meta");
  xmlNodePtr topics = first_child (root, "topics");
  xmlNodePtr glossary = first_child (root, "glossary");

  state->root_line = (int) xmlGetLineNo (root);
  bekal_loader_node_place (state, root, &module->place.line, &module->place.column);
  module->id = register_id (state, root);
  module->version = bekal_loader_get_attr (root, "version");
  if (module->version
      && !g_regex_match_simple ("^[0-9]+(\\.[0-9]+){0,2}$", module->version, 0, 0))
    bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, root, "version",
                               _("The version “%s” must be one to three whole numbers joined by "
                                 "dots, such as 1, 1.0 or 2.1.3."), module->version);
  module->language = get_lang (root);
  module->title = read_child_plain (state, root, "title");
  module->summary = read_child_plain (state, root, "summary");
  module->content_note = read_child_plain (state, root, "content-note");

  if (meta != NULL)
    {
      g_autoptr(GStrvBuilder) authors = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) sources = g_strv_builder_new ();
      xmlNodePtr duration = first_child (meta, "duration");
      guint minutes = 0;

      module->audience = read_child_plain (state, meta, "audience");
      if (duration && parse_uint_attr (state, duration, "minutes", 100000, &minutes))
        module->duration_minutes = minutes;

      FOR_EACH_ELEMENT (child, meta)
        {
          g_autofree char *text = NULL;

          if (node_name_is (child, "author") || node_name_is (child, "source"))
            text = read_plain (state, child);
          if (node_name_is (child, "author"))
            g_strv_builder_add (authors, text);
          else if (node_name_is (child, "source"))
            g_strv_builder_add (sources, text);
        }

      module->authors = g_strv_builder_end (authors);
      module->sources = g_strv_builder_end (sources);
    }
  else
    {
      module->authors = g_new0 (char *, 1);
      module->sources = g_new0 (char *, 1);
    }

  if (topics != NULL)
    FOR_EACH_ELEMENT (child, topics)
      {
        BekalTopic topic = { register_id (state, child), read_plain (state, child) };
        BekalPlace place;

        bekal_loader_node_place (state, child, &place.line, &place.column);
        g_array_append_val (module->topics, topic);
        g_array_append_val (module->topic_places, place);
      }

  if (glossary != NULL)
    FOR_EACH_ELEMENT (child, glossary)
      {
        BekalGlossaryEntry entry = {
          register_id (state, child),
          read_child_plain (state, child, "term"),
          read_child_plain (state, child, "definition"),
        };
        BekalPlace place;

        bekal_loader_node_place (state, child, &place.line, &place.column);
        g_array_append_val (module->glossary, entry);
        g_array_append_val (module->entry_places, place);
      }

  /* terms in the text look up the glossary */
  bekal_module_build_index (module);

  module->context_hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  FOR_EACH_ELEMENT (child, root)
    {
      if (node_name_is (child, "lesson"))
        {
          BekalLesson *lesson = build_lesson (state, child);

          lesson->index = module->lessons->len;
          g_ptr_array_add (module->lessons, lesson);
          continue;
        }
      /* what a lesson's blocks may refer to: the glossary, the quizzes, the module's notes */
      module->context_hash = hash_element (module->context_hash, child);
      if (node_name_is (child, "quiz"))
        g_object_unref (build_quiz (state, child));
    }

  bekal_module_build_index (module);
}
