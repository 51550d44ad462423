/* bekal-xapi-json.c: a small strict JSON reader and string writer for results files
 *
 * A results file may hold millions of lines: a general JSON library builds objects for every
 * value, this reader only records where each value is in the line, and the importer reads
 * the few values it needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bekal-xapi-private.h"

#define MAX_DEPTH 32

typedef struct
{
  BekalJsonDoc *doc;
  const char   *p;
  const char   *end;
  const char   *message;
} Parser;

static gboolean parse_value (Parser *parser,
                             int     depth);

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end
         && (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r'))
    parser->p++;
}

static guint
add_node (Parser        *parser,
          BekalJsonKind  kind)
{
  BekalJsonNode node = { kind, (guint) (parser->p - parser->doc->text), 0, 0, FALSE };

  g_array_append_val (parser->doc->nodes, node);
  return parser->doc->nodes->len - 1;
}

static BekalJsonNode *
node_at (Parser *parser,
         guint   index)
{
  return &g_array_index (parser->doc->nodes, BekalJsonNode, index);
}

static gboolean
fail (Parser     *parser,
      const char *message)
{
  parser->message = message;
  return FALSE;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

static gboolean
parse_string (Parser *parser)
{
  guint index;

  parser->p++; /* the opening quote */
  index = add_node (parser, BEKAL_JSON_STRING);
  while (parser->p < parser->end)
    {
      unsigned char c = (unsigned char) *parser->p;

      if (c == '"')
        {
          node_at (parser, index)->end = (guint) (parser->p - parser->doc->text);
          parser->p++;
          node_at (parser, index)->next = parser->doc->nodes->len;
          return TRUE;
        }
      if (c < 0x20)
        return fail (parser, "control character in a string");
      if (c == '\\')
        {
          node_at (parser, index)->escaped = TRUE;
          parser->p++;
          if (parser->p >= parser->end)
            break;
          switch (*parser->p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              parser->p++;
              break;
            case 'u':
              if (parser->end - parser->p < 5 || !is_hex (parser->p[1]) || !is_hex (parser->p[2])
                  || !is_hex (parser->p[3]) || !is_hex (parser->p[4]))
                return fail (parser, "bad \\u escape");
              parser->p += 5;
              break;
            default:
              return fail (parser, "bad escape in a string");
            }
          continue;
        }
      parser->p++;
    }

  return fail (parser, "unterminated string");
}

static gboolean
parse_number (Parser *parser)
{
  const char *p = parser->p;
  guint index = add_node (parser, BEKAL_JSON_NUMBER);

  if (p < parser->end && *p == '-')
    p++;
  if (p >= parser->end || !g_ascii_isdigit (*p))
    return fail (parser, "bad number");
  if (*p == '0')
    p++;
  else
    while (p < parser->end && g_ascii_isdigit (*p))
      p++;
  if (p < parser->end && *p == '.')
    {
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        return fail (parser, "bad number");
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        return fail (parser, "bad number");
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }

  parser->p = p;
  node_at (parser, index)->end = (guint) (p - parser->doc->text);
  node_at (parser, index)->next = parser->doc->nodes->len;
  return TRUE;
}

static gboolean
parse_literal (Parser        *parser,
               const char    *word,
               BekalJsonKind  kind)
{
  gsize len = strlen (word);
  guint index;

  if ((gsize) (parser->end - parser->p) < len || memcmp (parser->p, word, len) != 0)
    return fail (parser, "unexpected character");

  index = add_node (parser, kind);
  parser->p += len;
  node_at (parser, index)->end = (guint) (parser->p - parser->doc->text);
  node_at (parser, index)->next = parser->doc->nodes->len;
  return TRUE;
}

static gboolean
parse_container (Parser *parser,
                 int     depth,
                 char    close)
{
  gboolean object = close == '}';
  guint index;

  if (depth >= MAX_DEPTH)
    return fail (parser, "nested too deep");

  index = add_node (parser, object ? BEKAL_JSON_OBJECT : BEKAL_JSON_ARRAY);
  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == close)
    parser->p++;
  else
    for (;;)
      {
        if (object)
          {
            skip_space (parser);
            if (parser->p >= parser->end || *parser->p != '"')
              return fail (parser, "expected a key");
            if (!parse_string (parser))
              return FALSE;
            skip_space (parser);
            if (parser->p >= parser->end || *parser->p != ':')
              return fail (parser, "expected ':'");
            parser->p++;
          }
        if (!parse_value (parser, depth + 1))
          return FALSE;
        skip_space (parser);
        if (parser->p < parser->end && *parser->p == ',')
          {
            parser->p++;
            continue;
          }
        if (parser->p < parser->end && *parser->p == close)
          {
            parser->p++;
            break;
          }
        return fail (parser, object ? "expected ',' or '}'" : "expected ',' or ']'");
      }

  node_at (parser, index)->end = (guint) (parser->p - parser->doc->text);
  node_at (parser, index)->next = parser->doc->nodes->len;
  return TRUE;
}

static gboolean
parse_value (Parser *parser,
             int     depth)
{
  skip_space (parser);
  if (parser->p >= parser->end)
    return fail (parser, "unexpected end");

  switch (*parser->p)
    {
    case '{':
      return parse_container (parser, depth, '}');
    case '[':
      return parse_container (parser, depth, ']');
    case '"':
      return parse_string (parser);
    case 't':
      return parse_literal (parser, "true", BEKAL_JSON_TRUE);
    case 'f':
      return parse_literal (parser, "false", BEKAL_JSON_FALSE);
    case 'n':
      return parse_literal (parser, "null", BEKAL_JSON_NULL);
    default:
      return parse_number (parser);
    }
}

gboolean
bekal_json_parse (BekalJsonDoc  *doc,
                  const char    *text,
                  gsize          length,
                  const char   **out_message)
{
  Parser parser = { doc, text, text + length, NULL };

  if (doc->nodes == NULL)
    doc->nodes = g_array_sized_new (FALSE, FALSE, sizeof (BekalJsonNode), 64);
  g_array_set_size (doc->nodes, 0);
  doc->text = text;
  doc->length = length;

  if (length > G_MAXUINT / 2)
    {
      *out_message = "too long";
      return FALSE;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      *out_message = "not UTF-8";
      return FALSE;
    }

  if (!parse_value (&parser, 0))
    {
      *out_message = parser.message;
      return FALSE;
    }
  skip_space (&parser);
  if (parser.p != parser.end)
    {
      *out_message = "text after the value";
      return FALSE;
    }

  return TRUE;
}

static const BekalJsonNode *
get (BekalJsonDoc *doc,
     int           node)
{
  if (node < 0 || (guint) node >= doc->nodes->len)
    return NULL;

  return &g_array_index (doc->nodes, BekalJsonNode, node);
}

gboolean
bekal_json_string_is (BekalJsonDoc *doc,
                      int           node,
                      const char   *value)
{
  const BekalJsonNode *n = get (doc, node);
  g_autofree char *copy = NULL;
  gsize len = strlen (value);

  if (n == NULL || n->kind != BEKAL_JSON_STRING)
    return FALSE;
  if (!n->escaped)
    return n->end - n->start == len && memcmp (doc->text + n->start, value, len) == 0;

  copy = bekal_json_dup_string (doc, node);
  return g_strcmp0 (copy, value) == 0;
}

int
bekal_json_member (BekalJsonDoc *doc,
                   int           node,
                   const char   *key)
{
  const BekalJsonNode *n = get (doc, node);
  guint child;

  if (n == NULL || n->kind != BEKAL_JSON_OBJECT)
    return -1;

  child = (guint) node + 1;
  while (child < n->next)
    {
      guint value = g_array_index (doc->nodes, BekalJsonNode, child).next;

      if (bekal_json_string_is (doc, (int) child, key))
        return (int) value;
      child = g_array_index (doc->nodes, BekalJsonNode, value).next;
    }

  return -1;
}

int
bekal_json_path (BekalJsonDoc *doc,
                 int           node,
                 ...)
{
  va_list args;
  const char *key;

  va_start (args, node);
  while (node >= 0 && (key = va_arg (args, const char *)) != NULL)
    node = bekal_json_member (doc, node, key);
  va_end (args);

  return node;
}

static guint
read_hex4 (const char *p)
{
  char buffer[5] = { p[0], p[1], p[2], p[3], 0 };

  return (guint) strtoul (buffer, NULL, 16);
}

char *
bekal_json_dup_string (BekalJsonDoc *doc,
                       int           node)
{
  const BekalJsonNode *n = get (doc, node);
  const char *p, *end;
  GString *out;

  if (n == NULL || n->kind != BEKAL_JSON_STRING)
    return NULL;
  if (!n->escaped)
    return g_strndup (doc->text + n->start, n->end - n->start);

  out = g_string_sized_new (n->end - n->start);
  p = doc->text + n->start;
  end = doc->text + n->end;
  while (p < end)
    {
      guint code;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); p++; continue;
        case 'f': g_string_append_c (out, '\f'); p++; continue;
        case 'n': g_string_append_c (out, '\n'); p++; continue;
        case 'r': g_string_append_c (out, '\r'); p++; continue;
        case 't': g_string_append_c (out, '\t'); p++; continue;
        case 'u': break;
        default: g_string_append_c (out, *p++); continue;
        }
      code = read_hex4 (p + 1);
      p += 5;
      if (code >= 0xd800 && code < 0xdc00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
        {
          guint low = read_hex4 (p + 2);

          if (low >= 0xdc00 && low < 0xe000)
            {
              code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
        }
      /* a lone surrogate or NUL cannot be stored as text: it is replaced */
      if ((code >= 0xd800 && code < 0xe000) || code == 0)
        code = 0xfffd;
      g_string_append_unichar (out, code);
    }

  return g_string_free (out, FALSE);
}

gboolean
bekal_json_get_int64 (BekalJsonDoc *doc,
                      int           node,
                      gint64       *out_value)
{
  const BekalJsonNode *n = get (doc, node);
  char buffer[32];
  char *end = NULL;
  gsize len;

  if (n == NULL || n->kind != BEKAL_JSON_NUMBER)
    return FALSE;
  len = n->end - n->start;
  if (len == 0 || len >= sizeof buffer)
    return FALSE;
  memcpy (buffer, doc->text + n->start, len);
  buffer[len] = '\0';
  *out_value = g_ascii_strtoll (buffer, &end, 10);

  return end != NULL && *end == '\0';
}

gboolean
bekal_json_get_double (BekalJsonDoc *doc,
                       int           node,
                       double       *out_value)
{
  const BekalJsonNode *n = get (doc, node);
  char buffer[64];
  gsize len;

  if (n == NULL || n->kind != BEKAL_JSON_NUMBER)
    return FALSE;
  len = n->end - n->start;
  if (len == 0 || len >= sizeof buffer)
    return FALSE;
  memcpy (buffer, doc->text + n->start, len);
  buffer[len] = '\0';
  *out_value = g_ascii_strtod (buffer, NULL);

  return TRUE;
}

void
bekal_json_append_string (GString    *out,
                          const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}
