/* bekal-inline-html.c: Moodle's HTML, plain text and Bekal text turned into inline markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include <bekal/bekal-paths.h>

#include "bekal-exchange-private.h"

/* HTML nested deeper than this is read as text only: no real question needs it */
#define MAX_HTML_DEPTH 128

typedef enum
{
  STYLE_STRONG,
  STYLE_EM,
} InlineStyle;

typedef struct
{
  InlineStyle style;
  gboolean    emitted;   /* written to the output (only once text follows it) */
  gboolean    redundant; /* the same style is already open: nothing to write */
} OpenTag;

/* Writes inline markup: collapses white space, leaves out elements without text and never
 * nests a style inside itself */
typedef struct
{
  GString  *out;
  GArray   *stack;          /* of OpenTag */
  gboolean  pending_space;
  gboolean  any_text;
  guint     active[2];      /* open tags of each style */
} InlineWriter;

typedef enum
{
  TAG_STRONG,
  TAG_EM,
  TAG_BLOCK,     /* structure only: its text is kept, separated by white space */
  TAG_INLINE,    /* presentation only: its text is kept */
  TAG_UNWRAP,    /* meaning that inline markup cannot hold: text kept, noted */
  TAG_TABLE,     /* a table: its cells' text kept, separated by white space, noted */
  TAG_DROP,      /* removed with its content, noted */
  TAG_IMAGE,
} TagKind;

static const char * const block_tags[] = {
  "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
  "blockquote", "pre", "hr", "section", "article", "header", "footer", "center", "address",
  "main", "aside", "figure", "figcaption", "html", "body", NULL
};

static const char * const inline_tags[] = {
  "span", "a", "font", "u", "small", "big", "code", "tt", "abbr", "acronym", "mark", "nobr",
  "label", "ins", "q", "kbd", "samp", "var", "cite", "dfn", "bdi", "bdo", "wbr", "time",
  "data", NULL
};

static const char * const table_tags[] = {
  "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", NULL
};

static const char * const drop_tags[] = {
  "script", "style", "head", "title", "noscript", "template", "iframe", "frame", "frameset",
  "object", "embed", "applet", "svg", "math", "video", "audio", "canvas", "map", "select",
  "textarea", "button", "input", "link", "meta", "base", "param", "source", "track", "picture",
  NULL
};

/* Helpers: the writer */

static void
writer_init (InlineWriter *writer,
             GString      *out)
{
  memset (writer, 0, sizeof *writer);
  writer->out = out;
  writer->stack = g_array_new (FALSE, FALSE, sizeof (OpenTag));
}

static void
writer_open (InlineWriter *writer,
             InlineStyle   style)
{
  OpenTag tag = { style, FALSE, writer->active[style] > 0 };

  writer->active[style]++;
  g_array_append_val (writer->stack, tag);
}

static void
writer_close (InlineWriter *writer)
{
  OpenTag *tag;

  if (writer->stack->len == 0)
    return;

  tag = &g_array_index (writer->stack, OpenTag, writer->stack->len - 1);
  if (tag->emitted && !tag->redundant)
    g_string_append (writer->out, tag->style == STYLE_STRONG ? "</strong>" : "</em>");
  writer->active[tag->style]--;
  g_array_set_size (writer->stack, writer->stack->len - 1);
}

static void
writer_space (InlineWriter *writer)
{
  if (writer->any_text)
    writer->pending_space = TRUE;
}

/* Before the first character of a run: the space that was pending, then the tags that wait
 * for text, so a space never sits just inside a tag */
static void
writer_prepare (InlineWriter *writer)
{
  if (writer->pending_space)
    {
      g_string_append_c (writer->out, ' ');
      writer->pending_space = FALSE;
    }

  for (guint i = 0; i < writer->stack->len; i++)
    {
      OpenTag *tag = &g_array_index (writer->stack, OpenTag, i);

      if (tag->emitted)
        continue;
      tag->emitted = TRUE;
      if (!tag->redundant)
        g_string_append (writer->out, tag->style == STYLE_STRONG ? "<strong>" : "<em>");
    }

  writer->any_text = TRUE;
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static gboolean
is_space (gunichar c)
{
  /* Moodle's editor writes &nbsp; between words as often as spaces */
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0;
}

static void
writer_text (InlineWriter *writer,
             const char   *text,
             gssize        length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;
  const char *p = text;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* never happens for checked input; skip the byte rather than loop */
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      if (is_space (c))
        writer_space (writer);
      else if (is_xml_char (c))
        {
          writer_prepare (writer);
          switch (c)
            {
            case '&':
              g_string_append (writer->out, "&amp;");
              break;
            case '<':
              g_string_append (writer->out, "&lt;");
              break;
            case '>':
              g_string_append (writer->out, "&gt;");
              break;
            default:
              g_string_append_len (writer->out, p, next - p);
              break;
            }
        }
      p = next;
    }
}

static void
writer_finish (InlineWriter *writer)
{
  while (writer->stack->len > 0)
    writer_close (writer);
  g_array_unref (writer->stack);
}

/* Helpers: HTML */

static gboolean
in_list (const char * const *list,
         const char         *name)
{
  for (guint i = 0; list[i]; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

static TagKind
classify_tag (const char *name)
{
  if (g_ascii_strcasecmp (name, "b") == 0 || g_ascii_strcasecmp (name, "strong") == 0)
    return TAG_STRONG;
  if (g_ascii_strcasecmp (name, "i") == 0 || g_ascii_strcasecmp (name, "em") == 0)
    return TAG_EM;
  if (g_ascii_strcasecmp (name, "img") == 0)
    return TAG_IMAGE;
  if (in_list (block_tags, name))
    return TAG_BLOCK;
  if (in_list (inline_tags, name))
    return TAG_INLINE;
  if (in_list (drop_tags, name))
    return TAG_DROP;
  if (in_list (table_tags, name))
    return TAG_TABLE;
  return TAG_UNWRAP;
}

static void
note_tag (GHashTable *set,
          const char *name)
{
  if (set == NULL || g_hash_table_size (set) >= 32)
    return;

  /* the names go to a terminal: letters, digits, ':', '-' and '_' only */
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != ':' && *p != '-' && *p != '_')
      return;
  g_hash_table_add (set, g_ascii_strdown (name, -1));
}

static void
convert_nodes (InlineWriter *writer,
               xmlNodePtr    node,
               guint         depth,
               BekalLosses  *losses)
{
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      switch (node->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          writer_text (writer, (const char *) node->content, -1);
          break;

        case XML_ELEMENT_NODE:
          {
            TagKind kind = classify_tag (name);

            if (kind == TAG_IMAGE)
              {
                if (losses)
                  losses->images++;
                break;
              }
            if (kind == TAG_DROP)
              {
                note_tag (losses ? losses->dropped : NULL, name);
                break;
              }
            if (kind == TAG_UNWRAP || kind == TAG_TABLE)
              note_tag (losses ? losses->unwrapped : NULL, name);

            if (kind == TAG_BLOCK || kind == TAG_TABLE)
              writer_space (writer);
            if (kind == TAG_STRONG)
              writer_open (writer, STYLE_STRONG);
            else if (kind == TAG_EM)
              writer_open (writer, STYLE_EM);

            if (depth < MAX_HTML_DEPTH)
              convert_nodes (writer, node->children, depth + 1, losses);

            if (kind == TAG_STRONG || kind == TAG_EM)
              writer_close (writer);
            if (kind == TAG_BLOCK || kind == TAG_TABLE)
              writer_space (writer);
          }
          break;

        case XML_ENTITY_REF_NODE:
        case XML_COMMENT_NODE:
        case XML_PI_NODE:
        default:
          break;
        }
    }
}

static gboolean
needs_parser (const char *text,
              gsize       length)
{
  return memchr (text, '<', length) != NULL || memchr (text, '&', length) != NULL;
}

/* Public API (private to libbekal) */

void
bekal_losses_init (BekalLosses *losses)
{
  memset (losses, 0, sizeof *losses);
  losses->dropped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  losses->unwrapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
bekal_losses_clear (BekalLosses *losses)
{
  g_clear_pointer (&losses->dropped, g_hash_table_unref);
  g_clear_pointer (&losses->unwrapped, g_hash_table_unref);
}

static char *
join_tags (GHashTable *set)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  qsort (names, g_hash_table_size (set), sizeof (char *), bekal_compare_strings);
  for (guint i = 0; names[i]; i++)
    g_string_append_printf (text, "%s<%s>", i > 0 ? ", " : "", names[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
bekal_losses_describe (BekalLosses *losses)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (losses->images > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u image left out (images are not "
                                                   "imported; add it to a lesson as a "
                                                   "<figure> if it matters)",
                                                   "%u images left out (images are not "
                                                   "imported; add them to a lesson as "
                                                   "<figure>s if they matter)",
                                                   losses->images), losses->images));
  if (losses->files > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u embedded file left out",
                                                   "%u embedded files left out",
                                                   losses->files), losses->files));
  if (g_hash_table_size (losses->dropped) > 0)
    {
      g_autofree char *tags = join_tags (losses->dropped);

      g_ptr_array_add (parts, g_strdup_printf (_("removed with their content: %s"), tags));
    }
  if (g_hash_table_size (losses->unwrapped) > 0)
    {
      g_autofree char *tags = join_tags (losses->unwrapped);

      g_ptr_array_add (parts, g_strdup_printf (_("markup removed, text kept: %s"), tags));
    }
  if (losses->markdown)
    g_ptr_array_add (parts, g_strdup (_("Markdown text taken as plain text")));
  if (losses->distractors > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u extra wrong answer on the right left "
                                                   "out: in Bekal every right side belongs to "
                                                   "a left side",
                                                   "%u extra wrong answers on the right left "
                                                   "out: in Bekal every right side belongs to "
                                                   "a left side",
                                                   losses->distractors), losses->distractors));
  if (losses->subset)
    g_ptr_array_add (parts, g_strdup (_("Moodle showed only some of the items at a time; Bekal "
                                        "asks for all of them")));
  if (losses->partial_credit)
    g_ptr_array_add (parts, g_strdup (_("answers with partial credit count as wrong: a "
                                        "single-choice question in Bekal has one right answer")));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

char *
bekal_inline_from_html (htmlParserCtxtPtr  ctxt,
                        const char        *html,
                        gssize             length,
                        BekalLosses       *losses)
{
  GString *out;
  InlineWriter writer;
  htmlDocPtr doc;
  xmlNodePtr root;

  if (length < 0)
    length = strlen (html);

  if (!needs_parser (html, length))
    return bekal_inline_from_plain (html, length);

  if (length > G_MAXINT)
    return g_strdup ("");

  /* Only what the HTML parser understands, with no network and no messages: the entity
   * loader of the module loader refuses anything outside the text itself */
  doc = htmlCtxtReadMemory (ctxt, html, (int) length, "question.html", "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  out = g_string_new (NULL);
  if (doc == NULL)
    return g_string_free (out, FALSE);

  writer_init (&writer, out);
  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    convert_nodes (&writer, root, 0, losses);
  writer_finish (&writer);
  xmlFreeDoc (doc);

  return g_string_free (out, FALSE);
}

char *
bekal_inline_from_plain (const char *text,
                         gssize      length)
{
  GString *out = g_string_new (NULL);
  InlineWriter writer;

  writer_init (&writer, out);
  writer_text (&writer, text, length);
  writer_finish (&writer);

  return g_string_free (out, FALSE);
}

char *
bekal_inline_from_text (const BekalText *text,
                        gboolean        *had_terms)
{
  GString *out = g_string_new (NULL);
  InlineWriter writer;
  guint n = text ? bekal_text_get_n_spans (text) : 0;

  writer_init (&writer, out);
  for (guint i = 0; i < n; i++)
    {
      const BekalSpan *span = bekal_text_get_span (text, i);

      if ((span->style & BEKAL_SPAN_TERM) && had_terms)
        *had_terms = TRUE;
      if (span->style & BEKAL_SPAN_STRONG)
        writer_open (&writer, STYLE_STRONG);
      if (span->style & BEKAL_SPAN_EMPHASIS)
        writer_open (&writer, STYLE_EM);
      writer_text (&writer, span->text, -1);
      if (span->style & BEKAL_SPAN_EMPHASIS)
        writer_close (&writer);
      if (span->style & BEKAL_SPAN_STRONG)
        writer_close (&writer);
    }
  writer_finish (&writer);

  return g_string_free (out, FALSE);
}

char *
bekal_inline_to_plain (const char *markup)
{
  GString *out = g_string_new (NULL);

  for (const char *p = markup; p && *p; )
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');

          p = end ? end + 1 : p + strlen (p);
          continue;
        }
      if (*p == '&')
        {
          static const struct { const char *escape; char c; } escapes[] = {
            { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
            { "&apos;", '\'' },
          };
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
            if (g_str_has_prefix (p, escapes[i].escape))
              {
                g_string_append_c (out, escapes[i].c);
                p += strlen (escapes[i].escape);
                found = TRUE;
                break;
              }
          if (found)
            continue;
        }
      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

gboolean
bekal_inline_has_markup (const char *markup)
{
  return markup != NULL && strchr (markup, '<') != NULL;
}

void
bekal_append_escaped (GString    *out,
                      const char *text)
{
  for (const char *p = text; p && *p; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      default:
        g_string_append_c (out, *p);
        break;
      }
}
