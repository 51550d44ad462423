/* bekal-cue-text.c: the WebVTT cue text parsing rules
 *
 * Tokenizes cue text as the specification's cue text tokenizer does (data, tag, start tag,
 * class, annotation, end tag and timestamp states) and builds the node tree its rules build:
 * class, italic, bold, underline, ruby (with ruby text), voice and language spans, text and
 * cue timestamps. What Bekal keeps of the tree is the plain text, the runs of bold, italic and
 * underlined text, and the first voice as the cue's speaker. Character references are decoded
 * with libxml2's table of HTML entities, numeric ones by their code point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "bekal-subtitles-private.h"

typedef enum
{
  NODE_ROOT,
  NODE_CLASS,
  NODE_ITALIC,
  NODE_BOLD,
  NODE_UNDERLINE,
  NODE_RUBY,
  NODE_RUBY_TEXT,
  NODE_VOICE,
  NODE_LANGUAGE,
} NodeKind;

/* The open spans from the root to the current node; only their kinds matter for the text */
#define MAX_DEPTH 64

typedef struct
{
  NodeKind  stack[MAX_DEPTH];
  guint     depth;          /* stack[0] is the root */
  guint     ignored_depth;  /* spans opened beyond MAX_DEPTH, closed without effect */
  GString  *plain;
  GArray   *runs;
  char     *speaker;
  BekalCueStyle style;      /* of the current node */
} Builder;

/* Helpers */

static NodeKind
kind_for_name (const char *name,
               gboolean   *known)
{
  static const struct { const char *name; NodeKind kind; } names[] = {
    { "c", NODE_CLASS }, { "i", NODE_ITALIC }, { "b", NODE_BOLD }, { "u", NODE_UNDERLINE },
    { "ruby", NODE_RUBY }, { "rt", NODE_RUBY_TEXT }, { "v", NODE_VOICE },
    { "lang", NODE_LANGUAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i].name))
      {
        *known = TRUE;
        return names[i].kind;
      }

  *known = FALSE;
  return NODE_ROOT;
}

static BekalCueStyle
style_of_stack (Builder *builder)
{
  BekalCueStyle style = 0;

  for (guint i = 1; i <= builder->depth; i++)
    switch (builder->stack[i])
      {
      case NODE_ITALIC:
        style |= BEKAL_CUE_STYLE_ITALIC;
        break;
      case NODE_BOLD:
        style |= BEKAL_CUE_STYLE_BOLD;
        break;
      case NODE_UNDERLINE:
        style |= BEKAL_CUE_STYLE_UNDERLINE;
        break;
      case NODE_ROOT:
      case NODE_CLASS:
      case NODE_RUBY:
      case NODE_RUBY_TEXT:
      case NODE_VOICE:
      case NODE_LANGUAGE:
      default:
        break;
      }

  return style;
}

static void
append_text (Builder    *builder,
             const char *text,
             gsize       length)
{
  guint start = builder->plain->len;

  if (length == 0)
    return;
  g_string_append_len (builder->plain, text, length);

  if (builder->style != 0)
    {
      BekalCueRun *last = builder->runs->len > 0
                          ? &g_array_index (builder->runs, BekalCueRun, builder->runs->len - 1)
                          : NULL;

      /* one run for neighbouring text of one style */
      if (last != NULL && last->end == start && last->style == builder->style)
        last->end = builder->plain->len;
      else
        {
          BekalCueRun run = { start, builder->plain->len, builder->style };

          g_array_append_val (builder->runs, run);
        }
    }
}

static void
open_span (Builder    *builder,
           NodeKind    kind,
           const char *annotation)
{
  if (builder->depth + 1 >= MAX_DEPTH)
    {
      builder->ignored_depth++;
      return;
    }
  builder->stack[++builder->depth] = kind;
  builder->style = style_of_stack (builder);

  if (kind == NODE_VOICE && builder->speaker == NULL && annotation != NULL
      && *annotation != '\0')
    builder->speaker = g_strdup (annotation);
  /* ruby text reads after its base, in brackets, in plain text */
  if (kind == NODE_RUBY_TEXT)
    append_text (builder, " (", 2);
}

static void
close_span (Builder *builder)
{
  if (builder->ignored_depth > 0)
    {
      builder->ignored_depth--;
      return;
    }
  if (builder->stack[builder->depth] == NODE_RUBY_TEXT)
    append_text (builder, ")", 1);
  builder->depth--;
  builder->style = style_of_stack (builder);
}

/* Decodes a character reference at @text[*position] (just after '&') into @out; moves past
 * it. FALSE, with *position unchanged, when it is none: the '&' is then text. */
static gboolean
decode_reference (const char *text,
                  gsize       length,
                  gsize      *position,
                  GString    *out)
{
  gsize p = *position;

  if (p < length && text[p] == '#')
    {
      gboolean hex = p + 1 < length && (text[p + 1] == 'x' || text[p + 1] == 'X');
      guint64 value = 0;
      gsize digits = 0;

      p += hex ? 2 : 1;
      while (p < length && (hex ? g_ascii_isxdigit (text[p]) : g_ascii_isdigit (text[p])))
        {
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10)
                    + (hex ? (guint64) g_ascii_xdigit_value (text[p])
                           : (guint64) (text[p] - '0'));
          p++;
          digits++;
        }
      if (digits == 0)
        return FALSE;
      if (p < length && text[p] == ';')
        p++;
      /* as in HTML: no NUL, no surrogate, nothing past the last code point */
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;
      g_string_append_unichar (out, (gunichar) value);
      *position = p;
      return TRUE;
    }
  else
    {
      char name[33];
      gsize n = 0;
      const htmlEntityDesc *entity;

      while (p < length && g_ascii_isalnum (text[p]) && n < sizeof name - 1)
        name[n++] = text[p++];
      name[n] = '\0';
      if (n == 0 || p >= length || text[p] != ';')
        return FALSE;
      entity = htmlEntityLookup ((const xmlChar *) name);
      if (entity == NULL)
        return FALSE;
      g_string_append_unichar (out, entity->value);
      *position = p + 1;
      return TRUE;
    }
}

/* Collapses runs of white space into one space and strips both ends, as the specification
 * does with an annotation */
static char *
normalize_annotation (const char *text,
                      gsize       length)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

/* A start tag: its name, and its annotation (decoded) */
static void
handle_start_tag (Builder    *builder,
                  const char *name,
                  const char *annotation)
{
  gboolean known;
  NodeKind kind = kind_for_name (name, &known);

  if (!known)
    return;
  /* ruby text only inside ruby */
  if (kind == NODE_RUBY_TEXT && builder->stack[builder->depth] != NODE_RUBY)
    return;
  open_span (builder, kind, annotation);
}

static void
handle_end_tag (Builder    *builder,
                const char *name)
{
  gboolean known;
  NodeKind kind = kind_for_name (name, &known);
  NodeKind current;

  if (!known || builder->depth == 0)
    return;
  if (builder->ignored_depth > 0)
    {
      builder->ignored_depth--;
      return;
    }
  current = builder->stack[builder->depth];
  if (current == kind)
    close_span (builder);
  else if (kind == NODE_RUBY && current == NODE_RUBY_TEXT)
    {
      close_span (builder);
      close_span (builder);
    }
}

/* Internal API */

void
bekal_cue_text_parse (BekalCue   *cue,
                      const char *text,
                      gsize       length)
{
  Builder builder = { { NODE_ROOT }, 0, 0, g_string_new (NULL),
                      g_array_new (FALSE, FALSE, sizeof (BekalCueRun)), NULL, 0 };
  g_autoptr(GString) chunk = g_string_new (NULL);
  gsize position = 0;

  while (position < length)
    {
      char c = text[position];

      if (c == '&')
        {
          position++;
          if (!decode_reference (text, length, &position, chunk))
            g_string_append_c (chunk, '&');
        }
      else if (c != '<')
        {
          const char *next = text + position;
          gsize run = 0;

          /* the bytes up to the next '&' or '<' are text as they are */
          while (position + run < length && next[run] != '&' && next[run] != '<')
            run++;
          g_string_append_len (chunk, next, run);
          position += run;
        }
      else
        {
          /* a tag: the text so far belongs to the spans open before it */
          g_autoptr(GString) name = g_string_new (NULL);
          g_autoptr(GString) annotation = g_string_new (NULL);
          enum { START, CLASS, ANNOTATION, END, TIMESTAMP } state;

          append_text (&builder, chunk->str, chunk->len);
          g_string_truncate (chunk, 0);
          position++;

          if (position >= length)
            break;
          c = text[position];
          if (c == '/')
            {
              state = END;
              position++;
            }
          else if (g_ascii_isdigit (c))
            state = TIMESTAMP;
          else if (c == ' ' || c == '\t' || c == '\n' || c == '\f')
            {
              state = ANNOTATION;
              position++;
            }
          else if (c == '.')
            {
              state = CLASS;
              position++;
            }
          else
            state = START;

          while (position < length && text[position] != '>')
            {
              c = text[position++];
              switch (state)
                {
                case START:
                  if (c == ' ' || c == '\t' || c == '\n' || c == '\f')
                    state = ANNOTATION;
                  else if (c == '.')
                    state = CLASS;
                  else
                    g_string_append_c (name, c);
                  break;
                case CLASS:
                  /* classes are read and dropped: Bekal has no style sheet for them */
                  if (c == ' ' || c == '\t' || c == '\n' || c == '\f')
                    state = ANNOTATION;
                  break;
                case ANNOTATION:
                  if (c == '&')
                    {
                      if (!decode_reference (text, length, &position, annotation))
                        g_string_append_c (annotation, '&');
                    }
                  else
                    g_string_append_c (annotation, c);
                  break;
                case END:
                case TIMESTAMP:
                default:
                  g_string_append_c (name, c);
                  break;
                }
            }
          if (position < length)
            position++; /* the '>' */

          if (state == END)
            handle_end_tag (&builder, name->str);
          else if (state == TIMESTAMP)
            {
              /* a cue timestamp (karaoke): valid or not, it is not text */
            }
          else
            {
              g_autofree char *normalized = normalize_annotation (annotation->str,
                                                                  annotation->len);

              handle_start_tag (&builder, name->str, normalized);
            }
        }
    }
  append_text (&builder, chunk->str, chunk->len);

  g_free (cue->text);
  cue->text = g_string_free (builder.plain, FALSE);
  if (cue->runs != NULL)
    g_array_unref (cue->runs);
  cue->runs = builder.runs;
  g_free (cue->speaker);
  cue->speaker = builder.speaker;
}
