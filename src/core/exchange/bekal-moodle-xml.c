/* bekal-moodle-xml.c: question banks in Moodle XML, read safely and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "bekal-exchange-private.h"

/* Moodle XML is six levels deep; HTML inside it is text, not elements */
#define MAX_DEPTH 64

typedef struct
{
  BekalQuestionBank *bank;
  const char        *name;      /* the file, for messages */
  char              *problem;   /* why parsing stopped, with its line */
  gboolean           stopped;
  guint              depth;
  const char        *topic_id;  /* of the category in force */
  xmlParserCtxtPtr   ctxt;
  htmlParserCtxtPtr  html;
} MoodleState;

typedef struct
{
  BekalBankOption *option;
  double           fraction;
  guint            index;
} Answer;

/* Question types Bekal has nothing for, and why */
static const struct
{
  const char *type;
  const char *reason;
} unmapped_types[] = {
  { "shortanswer", N_("The learner types the answer; Bekal's questions are answered by "
                      "choosing.") },
  { "numerical", N_("The learner types a number; Bekal's questions are answered by choosing.") },
  { "essay", N_("A written answer marked by a teacher; Bekal marks every answer itself. A "
                "<reflection> in a lesson can hold the prompt instead.") },
  { "calculated", N_("Its numbers are drawn from formulas and data sets; Bekal's questions "
                     "have fixed text.") },
  { "calculatedsimple", N_("Its numbers are drawn from formulas and data sets; Bekal's "
                           "questions have fixed text.") },
  { "calculatedmulti", N_("Its numbers are drawn from formulas and data sets; Bekal's "
                          "questions have fixed text.") },
  { "multianswer", N_("A cloze text with answers embedded in it; Bekal has no gaps to fill "
                      "in.") },
  { "gapselect", N_("Words chosen for gaps in a text; Bekal has no gaps to fill in.") },
  { "ddwtos", N_("Words dragged into gaps in a text; Bekal has no drag and drop.") },
  { "ddimageortext", N_("Labels dragged onto an image; Bekal has no drag and drop.") },
  { "ddmarker", N_("Markers dragged onto an image; Bekal has no drag and drop.") },
  { "random", N_("Not a question but a place holder that draws one from a Moodle category; "
                 "export the category's questions instead.") },
  { "randomsamatch", N_("Built at random from short-answer questions when the quiz starts; "
                        "Bekal's questions have fixed text.") },
  { "description", N_("Text only, with nothing to answer; put it in a lesson as a "
                      "paragraph.") },
};

/* Helpers: safe parsing, as the module loader does it */

static void
stop_with (MoodleState *state,
           int          line,
           const char  *message)
{
  if (state->problem == NULL)
    state->problem = g_strdup_printf ("%s:%d: %s", state->name, line, message);
  state->stopped = TRUE;
  xmlStopParser (state->ctxt);
}

static xmlEntityPtr
only_predefined_entities (void          *ctx,
                          const xmlChar *name)
{
  return xmlGetPredefinedEntity (name);
}

static void
on_entity_declaration (void          *ctx,
                       const xmlChar *name,
                       int            type,
                       const xmlChar *public_id,
                       const xmlChar *system_id,
                       xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = ctx;
  MoodleState *state = ctxt->_private;

  if (!state->stopped)
    stop_with (state, ctxt->input ? ctxt->input->line : 0,
               _("the file declares entities in a DOCTYPE. Moodle never writes them, and they "
                 "are refused for safety: export the questions from Moodle again."));
}

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  MoodleState *state = ctxt->_private;

  if ((external_id != NULL || system_id != NULL) && !state->stopped)
    stop_with (state, ctxt->input ? ctxt->input->line : 0,
               _("the file points to an external DTD, which is refused for safety: export the "
                 "questions from Moodle again."));
}

static void
on_external_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  /* never loaded */
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  MoodleState *state = ctxt->_private;

  if (state->stopped)
    return;

  if (++state->depth > MAX_DEPTH)
    {
      g_autofree char *message =
        g_strdup_printf (_("elements are nested more than %d levels deep, which a Moodle "
                           "question file never is."), MAX_DEPTH);

      stop_with (state, ctxt->input ? ctxt->input->line : 0, message);
      return;
    }

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces,
                         nb_attributes, nb_defaulted, attributes);
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  MoodleState *state = ctxt->_private;

  if (state->depth > 0)
    state->depth--;
  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
}

static void
on_parse_error (void        *user_data,
                xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  MoodleState *state = ctxt->_private;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (state->stopped || error->level == XML_ERR_WARNING || state->problem != NULL)
    return;

  /* libxml2 adds the text around the error on further lines */
  detail = g_strndup (error->message ? error->message : "?",
                      error->message ? strcspn (error->message, "\n") : 1);
  g_strstrip (detail);
  message = g_strdup_printf (_("the file is not well-formed XML: %s. Check that it is the file "
                               "Moodle exported, whole and unchanged."), detail);
  state->problem = g_strdup_printf ("%s:%d: %s", state->name, error->line, message);
}

static xmlDocPtr
parse_safely (MoodleState *state,
              const char  *data,
              gsize        length)
{
  xmlSAXHandlerPtr sax;
  xmlDocPtr doc;

  bekal_bank_ensure_safe_parser ();

  state->ctxt = xmlNewParserCtxt ();
  if (state->ctxt == NULL)
    return NULL;

  sax = state->ctxt->sax;
  sax->entityDecl = on_entity_declaration;
  sax->internalSubset = on_internal_subset;
  sax->externalSubset = on_external_subset;
  sax->getParameterEntity = only_predefined_entities;
  sax->getEntity = only_predefined_entities;
  sax->resolveEntity = NULL;
  sax->startElementNs = on_start_element;
  sax->endElementNs = on_end_element;
  sax->serror = on_parse_error;
  sax->warning = NULL;
  sax->error = NULL;
  sax->fatalError = NULL;
  state->ctxt->_private = state;
  state->ctxt->vctxt.error = NULL;
  state->ctxt->vctxt.warning = NULL;

  /* No DTD loading, no entity substitution, no XInclude, no network */
  doc = xmlCtxtReadMemory (state->ctxt, data, (int) length, state->name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);

  if (doc != NULL && doc->encoding != NULL
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF8") != 0
      && state->problem == NULL)
    state->problem = g_strdup_printf (_("%s:1: the file declares the encoding “%s”; Moodle "
                                        "writes UTF-8. Save the file as UTF-8."), state->name,
                                      (const char *) doc->encoding);

  if (doc != NULL && (state->stopped || !state->ctxt->wellFormed || state->problem != NULL))
    g_clear_pointer (&doc, xmlFreeDoc);

  g_clear_pointer (&state->ctxt, xmlFreeParserCtxt);
  return doc;
}

/* Helpers: reading questions */

static xmlNodePtr
child_element (xmlNodePtr  node,
               const char *name)
{
  for (xmlNodePtr child = node ? node->children : NULL; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST name))
      return child;
  return NULL;
}

static char *
node_content (xmlNodePtr node)
{
  xmlChar *content = node ? xmlNodeGetContent (node) : NULL;
  char *copy = g_strdup (content ? (const char *) content : "");

  xmlFree (content);
  return copy;
}

/* The <text> of an element such as <name> or <category>, trimmed */
static char *
child_text (xmlNodePtr  node,
            const char *name)
{
  xmlNodePtr holder = name ? child_element (node, name) : node;
  char *text = node_content (child_element (holder, "text"));

  return g_strstrip (text);
}

static char *
get_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The text of an element with a format attribute and a <text> child, as inline markup, or
 * NULL when the element is missing or its text is empty */
static char *
read_rich (MoodleState *state,
           xmlNodePtr   node,
           BekalLosses *losses)
{
  g_autofree char *format = NULL;
  g_autofree char *raw = NULL;
  char *markup;

  if (node == NULL)
    return NULL;

  for (xmlNodePtr child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "file"))
      losses->files++;

  raw = node_content (child_element (node, "text"));
  format = get_attr (node, "format");

  if (g_strcmp0 (format, "plain_text") == 0)
    markup = bekal_inline_from_plain (raw, -1);
  else if (g_strcmp0 (format, "markdown") == 0)
    {
      markup = bekal_inline_from_plain (raw, -1);
      if (markup[0] != '\0')
        losses->markdown = TRUE;
    }
  else
    markup = bekal_inline_from_html (state->html, raw, -1, losses);

  if (markup[0] == '\0' && g_strstrip (raw)[0] == '\0')
    g_clear_pointer (&markup, g_free);

  return markup;
}

static gboolean
has_text (MoodleState *state,
          xmlNodePtr   node)
{
  g_autofree char *raw = node_content (child_element (node, "text"));

  return g_strstrip (raw)[0] != '\0';
}

static double
read_fraction (xmlNodePtr node)
{
  g_autofree char *value = get_attr (node, "fraction");
  char *end = NULL;
  double fraction;

  if (value == NULL)
    return 0;
  fraction = g_ascii_strtod (value, &end);
  if (end == value)
    return 0;
  return fraction;
}

static void
read_choice_answers (MoodleState       *state,
                     xmlNodePtr         node,
                     BekalBankQuestion *question,
                     BekalLosses       *losses)
{
  xmlNodePtr single = child_element (node, "single");
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (Answer));
  g_autofree char *single_value = single ? g_strstrip (node_content (single)) : NULL;
  gboolean is_single = single_value == NULL
                       || !(g_str_equal (single_value, "false") || g_str_equal (single_value, "0"));
  double best = 0;
  guint n_best = 0, n_positive = 0;

  question->type = is_single ? BEKAL_QUESTION_SINGLE : BEKAL_QUESTION_MULTIPLE;

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      Answer answer = { 0, };
      char *text;

      if (child->type != XML_ELEMENT_NODE || !xmlStrEqual (child->name, BAD_CAST "answer"))
        continue;
      /* Moodle leaves answers with an empty text out */
      if (!has_text (state, child))
        continue;

      text = read_rich (state, child, losses);
      answer.fraction = read_fraction (child);
      answer.option = bekal_bank_question_add_option (
        question, text, NULL, read_rich (state, child_element (child, "feedback"), losses),
        answer.fraction > 0);
      g_array_append_val (answers, answer);

      if (answer.fraction > 0)
        n_positive++;
      if (answer.fraction > best + 1e-9)
        {
          best = answer.fraction;
          n_best = 1;
        }
      else if (answer.fraction > 0 && answer.fraction > best - 1e-9)
        n_best++;
    }

  /* A single-choice question with partial credit: the best answer is the right one */
  if (is_single && n_positive > 1 && n_best == 1)
    {
      for (guint i = 0; i < answers->len; i++)
        {
          Answer *answer = &g_array_index (answers, Answer, i);

          answer->option->correct = answer->fraction > best - 1e-9;
        }
      losses->partial_credit = TRUE;
    }
}

static void
read_truefalse (MoodleState       *state,
                xmlNodePtr         node,
                BekalBankQuestion *question,
                BekalLosses       *losses)
{
  xmlNodePtr answers[2] = { NULL, NULL }; /* true, false */
  guint n = 0;

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      g_autofree char *text = NULL;

      if (child->type != XML_ELEMENT_NODE || !xmlStrEqual (child->name, BAD_CAST "answer"))
        continue;

      text = child_text (child, NULL);
      if (g_ascii_strcasecmp (text, "true") == 0 && answers[0] == NULL)
        answers[0] = child;
      else if (g_ascii_strcasecmp (text, "false") == 0 && answers[1] == NULL)
        answers[1] = child;
      else if (n < 2 && answers[n] == NULL)
        /* translated words: Moodle writes the true answer first */
        answers[n] = child;
      n++;
    }

  for (guint i = 0; i < 2; i++)
    {
      BekalBankOption *option;

      option = bekal_bank_question_add_option (
        question, g_strdup (i == 0 ? "true" : "false"), NULL,
        read_rich (state, child_element (answers[i], "feedback"), losses),
        answers[i] != NULL && read_fraction (answers[i]) > 0);
      g_free (option->id);
      option->id = g_strdup (i == 0 ? "true" : "false");
    }
}

static void
read_matching (MoodleState       *state,
               xmlNodePtr         node,
               BekalBankQuestion *question,
               BekalLosses       *losses)
{
  guint distractors = 0;

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      g_autofree char *right = NULL;

      if (child->type != XML_ELEMENT_NODE || !xmlStrEqual (child->name, BAD_CAST "subquestion"))
        continue;

      right = child_text (child_element (child, "answer"), NULL);
      if (!has_text (state, child))
        {
          if (right[0] != '\0')
            distractors++;
          continue;
        }

      /* Moodle shows the right side in a drop-down list: it is plain text */
      bekal_bank_question_add_option (question, read_rich (state, child, losses),
                                      bekal_inline_from_plain (right, -1), NULL, FALSE);
    }

  losses->distractors += distractors;
}

static int
compare_answers (gconstpointer a,
                 gconstpointer b)
{
  const Answer *x = a, *y = b;

  if (x->fraction != y->fraction)
    return x->fraction < y->fraction ? -1 : 1;
  return (int) x->index - (int) y->index;
}

/* Moodle's ordering plugin writes the items in the right order, each with its position as the
 * fraction */
static void
read_ordering (MoodleState       *state,
               xmlNodePtr         node,
               BekalBankQuestion *question,
               BekalLosses       *losses)
{
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (Answer));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *select = g_strstrip (node_content (child_element (node, "selecttype")));

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      Answer answer = { 0, };

      if (child->type != XML_ELEMENT_NODE || !xmlStrEqual (child->name, BAD_CAST "answer"))
        continue;
      if (!has_text (state, child))
        continue;

      answer.index = answers->len;
      answer.fraction = read_fraction (child);
      g_ptr_array_add (texts, read_rich (state, child, losses));
      g_array_append_val (answers, answer);
    }

  g_array_sort (answers, compare_answers);
  for (guint i = 0; i < answers->len; i++)
    {
      guint index = g_array_index (answers, Answer, i).index;

      bekal_bank_question_add_option (question, g_steal_pointer (&texts->pdata[index]), NULL,
                                      NULL, FALSE);
    }

  if (select[0] != '\0' && g_ascii_strcasecmp (select, "ALL") != 0)
    losses->subset = TRUE;
}

static void
note_lost_feedback (MoodleState *state,
                    xmlNodePtr   node,
                    const char  *question_id)
{
  static const char * const combined[] = {
    "correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"
  };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (combined); i++)
    {
      xmlNodePtr child = child_element (node, combined[i]);

      if (child != NULL && has_text (state, child))
        any = TRUE;
    }
  if (any)
    bekal_bank_add_note (state->bank, question_id,
                         _("the feedback for any right, partly right or wrong response is left "
                           "out: Bekal gives feedback per answer and an explanation"));

  for (xmlNodePtr child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "hint")
        && has_text (state, child))
      {
        bekal_bank_add_note (state->bank, question_id,
                             _("hints for further tries are left out: Bekal has none"));
        break;
      }
}

static void
import_question (MoodleState *state,
                 xmlNodePtr   node)
{
  g_autofree char *type = get_attr (node, "type");
  g_autofree char *name = NULL;
  g_autofree char *idnumber = NULL;
  g_autofree char *display = NULL;
  BekalBankQuestion *question;
  BekalLosses losses;
  guint line = (guint) xmlGetLineNo (node);
  char *id;

  if (g_strcmp0 (type, "category") == 0)
    {
      g_autofree char *path = child_text (node, "category");
      g_autofree char *category_id = g_strstrip (node_content (child_element (node,
                                                                               "idnumber")));

      state->topic_id = bekal_bank_topic_for_category (state->bank, path, category_id);
      return;
    }

  name = child_text (node, "name");
  if (name[0] != '\0')
    display = g_strdup (name);
  else
    {
      g_autofree char *raw = child_text (node, "questiontext");
      g_autofree char *markup = bekal_inline_from_html (state->html, raw, -1, NULL);
      g_autofree char *plain = bekal_inline_to_plain (markup);

      display = bekal_bank_name_from_text (plain);
    }

  if (type == NULL)
    {
      bekal_bank_add_skipped (state->bank, display, "", line,
                              _("The question has no type attribute."));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (unmapped_types); i++)
    if (g_str_equal (type, unmapped_types[i].type))
      {
        bekal_bank_add_skipped (state->bank, display, type, line, _(unmapped_types[i].reason));
        return;
      }

  if (!g_str_equal (type, "multichoice") && !g_str_equal (type, "truefalse")
      && !g_str_equal (type, "matching") && !g_str_equal (type, "ordering"))
    {
      g_autofree char *reason = g_strdup_printf (_("Bekal does not know the question type "
                                                   "“%s”."), type);

      bekal_bank_add_skipped (state->bank, display, type, line, reason);
      return;
    }

  if (state->topic_id == NULL)
    state->topic_id = bekal_bank_default_topic (state->bank);

  idnumber = g_strstrip (node_content (child_element (node, "idnumber")));
  question = bekal_bank_question_new (BEKAL_QUESTION_SINGLE);
  question->name = g_steal_pointer (&display);
  question->line = line;
  question->topic_id = g_strdup (state->topic_id);
  question->id = bekal_bank_claim_question_id (state->bank, idnumber,
                                               name[0] ? name : question->name);
  id = question->id;

  bekal_losses_init (&losses);
  question->prompt = read_rich (state, child_element (node, "questiontext"), &losses);
  if (question->prompt == NULL)
    question->prompt = g_strdup ("");
  question->explanation = read_rich (state, child_element (node, "generalfeedback"), &losses);
  if (question->explanation && question->explanation[0] == '\0')
    g_clear_pointer (&question->explanation, g_free);

  if (g_str_equal (type, "multichoice"))
    read_choice_answers (state, node, question, &losses);
  else if (g_str_equal (type, "truefalse"))
    {
      question->type = BEKAL_QUESTION_TRUEFALSE;
      read_truefalse (state, node, question, &losses);
    }
  else if (g_str_equal (type, "matching"))
    {
      question->type = BEKAL_QUESTION_MATCH;
      read_matching (state, node, question, &losses);
    }
  else
    {
      question->type = BEKAL_QUESTION_ORDER;
      read_ordering (state, node, question, &losses);
    }

  if (bekal_bank_add_question (state->bank, question))
    {
      g_autofree char *lost = bekal_losses_describe (&losses);

      if (lost != NULL)
        bekal_bank_add_note (state->bank, id, lost);
      note_lost_feedback (state, node, id);
    }
  bekal_losses_clear (&losses);
}

/* Helpers: writing */

static void
write_text (GString    *out,
            const char *indent,
            const char *element,
            const char *format,
            const char *html)
{
  g_string_append_printf (out, "%s<%s", indent, element);
  if (format)
    g_string_append_printf (out, " format=\"%s\"", format);
  g_string_append_printf (out, ">\n%s  <text>", indent);
  if (html && strchr (html, '<') != NULL && strstr (html, "]]>") == NULL)
    g_string_append_printf (out, "<![CDATA[%s]]>", html);
  else
    bekal_append_escaped (out, html ? html : "");
  g_string_append_printf (out, "</text>\n%s</%s>\n", indent, element);
}

static void
write_plain (GString    *out,
             const char *indent,
             const char *element,
             const char *text)
{
  g_string_append_printf (out, "%s<%s>", indent, element);
  bekal_append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", element);
}

static void
write_answer (GString    *out,
              double      fraction,
              const char *format,
              const char *html,
              const char *feedback)
{
  g_autofree char *percent = bekal_bank_format_percent (fraction);

  g_string_append_printf (out, "    <answer fraction=\"%s\" format=\"%s\">\n      <text>",
                          percent, format);
  if (strchr (html, '<') != NULL)
    g_string_append_printf (out, "<![CDATA[%s]]>", html);
  else
    bekal_append_escaped (out, html);
  g_string_append (out, "</text>\n");
  if (feedback)
    write_text (out, "      ", "feedback", "html", feedback);
  g_string_append (out, "    </answer>\n");
}

static void
write_question (GString                 *out,
                const BekalBankQuestion *question)
{
  static const char * const moodle_types[] = {
    "multichoice", "multichoice", "truefalse", "ordering", "matching", NULL
  };
  g_autofree char *prompt = g_strdup_printf ("<p>%s</p>", question->prompt);
  guint n_correct = 0;

  for (guint i = 0; i < question->options->len; i++)
    if (((BekalBankOption *) g_ptr_array_index (question->options, i))->correct)
      n_correct++;

  g_string_append_printf (out, "  <question type=\"%s\">\n    <name>\n",
                          moodle_types[question->type]);
  write_plain (out, "      ", "text", question->name ? question->name : question->id);
  g_string_append (out, "    </name>\n");
  write_text (out, "    ", "questiontext", "html", prompt);
  write_text (out, "    ", "generalfeedback", "html", question->explanation);
  g_string_append_printf (out, "    <defaultgrade>1</defaultgrade>\n"
                          "    <penalty>%s</penalty>\n"
                          "    <hidden>0</hidden>\n",
                          question->type == BEKAL_QUESTION_TRUEFALSE ? "1" : "0.3333333");
  write_plain (out, "    ", "idnumber", question->id);

  switch (question->type)
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_MULTIPLE:
      {
        gboolean single = question->type == BEKAL_QUESTION_SINGLE;
        guint n_wrong = question->options->len - n_correct;

        g_string_append_printf (out, "    <single>%s</single>\n"
                                "    <shuffleanswers>true</shuffleanswers>\n"
                                "    <answernumbering>abc</answernumbering>\n",
                                single ? "true" : "false");
        for (guint i = 0; i < question->options->len; i++)
          {
            const BekalBankOption *option = g_ptr_array_index (question->options, i);
            double fraction;

            /* Moodle marks a multiple-answer question by adding the fractions of the chosen
             * answers: the right ones share 100%, the wrong ones take it back */
            if (single)
              fraction = option->correct ? 1 : 0;
            else if (option->correct)
              fraction = bekal_bank_moodle_fraction (1.0 / n_correct);
            else
              fraction = bekal_bank_moodle_fraction (-1.0 / n_wrong);
            write_answer (out, fraction, "html", option->text, option->feedback);
          }
      }
      break;

    case BEKAL_QUESTION_TRUEFALSE:
      for (guint i = 0; i < question->options->len; i++)
        {
          const BekalBankOption *option = g_ptr_array_index (question->options, i);

          write_answer (out, option->correct ? 1 : 0, "moodle_auto_format", option->id,
                        option->feedback);
        }
      break;

    case BEKAL_QUESTION_MATCH:
      g_string_append (out, "    <shuffleanswers>true</shuffleanswers>\n");
      for (guint i = 0; i < question->options->len; i++)
        {
          const BekalBankOption *option = g_ptr_array_index (question->options, i);
          g_autofree char *right = bekal_inline_to_plain (option->match_text);

          g_string_append (out, "    <subquestion format=\"html\">\n      <text>");
          if (strchr (option->text, '<') != NULL)
            g_string_append_printf (out, "<![CDATA[%s]]>", option->text);
          else
            bekal_append_escaped (out, option->text);
          g_string_append (out, "</text>\n      <answer>\n");
          write_plain (out, "        ", "text", right);
          g_string_append (out, "      </answer>\n    </subquestion>\n");
        }
      break;

    case BEKAL_QUESTION_ORDER:
      g_string_append (out, "    <layouttype>VERTICAL</layouttype>\n"
                       "    <selecttype>ALL</selecttype>\n"
                       "    <selectcount>0</selectcount>\n"
                       "    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n"
                       "    <showgrading>SHOW</showgrading>\n"
                       "    <numberingstyle>none</numberingstyle>\n");
      for (guint i = 0; i < question->options->len; i++)
        {
          const BekalBankOption *option = g_ptr_array_index (question->options, i);

          write_answer (out, (i + 1) / 100.0, "html", option->text, NULL);
        }
      break;

    case BEKAL_QUESTION_SCALE:
    default:
      break;
    }

  g_string_append (out, "  </question>\n\n");
}

/* Public API */

BekalQuestionBank *
bekal_question_bank_parse_moodle_xml (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      GError     **error)
{
  g_autoptr(BekalQuestionBank) bank = NULL;
  MoodleState state = { 0, };
  xmlDocPtr doc;
  xmlNodePtr root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (name == NULL)
    name = "bank.xml";

  if (length > BEKAL_QUESTION_BANK_MAX_FILE_SIZE)
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_TOO_LARGE,
                   _("%s is larger than %d MiB. Export the questions in smaller parts, for "
                     "example one category at a time."), name,
                   BEKAL_QUESTION_BANK_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!bekal_bank_check_utf8 (data, length, name, error))
    return NULL;

  state.name = name;
  doc = parse_safely (&state, data, length);
  if (doc == NULL)
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_INVALID, "%s",
                   state.problem ? state.problem
                                 : _("The file could not be read as Moodle XML."));
      g_free (state.problem);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !xmlStrEqual (root->name, BAD_CAST "quiz") || root->ns != NULL)
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_INVALID,
                   _("%s:%ld: this is not a Moodle XML question file: its root element is "
                     "<%s>, not <quiz>."), name, root ? xmlGetLineNo (root) : 1L,
                   root ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  bank = bekal_question_bank_new ();
  state.bank = bank;
  state.html = htmlNewParserCtxt ();

  for (xmlNodePtr child = root->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "question"))
      import_question (&state, child);

  htmlFreeParserCtxt (state.html);
  xmlFreeDoc (doc);

  return g_steal_pointer (&bank);
}

BekalQuestionBank *
bekal_question_bank_load_moodle_xml (const char  *path,
                                     GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  data = bekal_bank_read_file (path, &length, error);
  if (data == NULL)
    return NULL;

  return bekal_question_bank_parse_moodle_xml (data, length, path, error);
}

char *
bekal_question_bank_write_moodle_xml (BekalQuestionBank  *self,
                                      GPtrArray         **skipped)
{
  g_autoptr(GHashTable) groups = NULL;
  GString *out;

  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);

  groups = bekal_bank_questions_by_topic (self);
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
  for (guint i = 0; i < bekal_question_bank_get_n_topics (self); i++)
    {
      const BekalBankTopic *topic = bekal_question_bank_get_topic (self, i);
      g_autofree char *path = bekal_bank_category_path (self, topic);
      gboolean wrote_category = FALSE;

      GPtrArray *group = g_hash_table_lookup (groups, topic->id);

      for (guint j = 0; group != NULL && j < group->len; j++)
        {
          const BekalBankQuestion *question = g_ptr_array_index (group, j);

          if (!wrote_category)
            {
              g_string_append (out, "  <question type=\"category\">\n    <category>\n");
              write_plain (out, "      ", "text", path);
              g_string_append (out, "    </category>\n"
                               "    <info format=\"html\">\n      <text></text>\n    </info>\n");
              write_plain (out, "    ", "idnumber", topic->id);
              g_string_append (out, "  </question>\n\n");
              wrote_category = TRUE;
            }
          write_question (out, question);
        }
    }
  g_string_append (out, "</quiz>\n");

  if (skipped)
    *skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_bank_skipped_free);

  return g_string_free (out, FALSE);
}
