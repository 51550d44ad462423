/* bekal-xapi-json.c: the JSON of results files, read and written
 *
 * A results file holds hundreds of thousands of lines. Each is parsed by a small strict
 * parser (RFC 8259) into an array of values reused from line to line, its strings decoded in
 * place: json-glib's tree of objects and hash tables per line cost most of an import
 * (bench/bench-results-exchange.c). Statements are written as a fixed template whose every
 * variable string is escaped here; the header and the checksum line go through json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bekal-xapi-private.h"

typedef enum
{
  VALUE_NULL,
  VALUE_FALSE,
  VALUE_TRUE,
  VALUE_INT,
  VALUE_DOUBLE,
  VALUE_STRING,
  VALUE_ARRAY,
  VALUE_OBJECT,
} ValueType;

/* Children follow their parent in the array: @first and @next are distances in values from
 * this one (0: none), so that pointers stay valid once the array stops growing */
struct _BekalJsonValue
{
  ValueType   type;
  guint       first;
  guint       next;
  const char *key;     /* a member of an object: its name */
  const char *string;
  gint64      integer;
  double      number;
};

struct _BekalJsonReader
{
  GArray *values;
};

typedef struct
{
  GArray     *values;
  char       *p;
  char       *end;
  const char *error;
} Parser;

static guint parse_value (Parser *parser,
                          guint   depth);

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end
         && (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r'))
    parser->p++;
}

static guint
new_value (Parser    *parser,
           ValueType  type)
{
  BekalJsonValue value = { type, 0, 0, NULL, NULL, 0, 0 };

  g_array_append_val (parser->values, value);
  return parser->values->len - 1;
}

static BekalJsonValue *
value_at (Parser *parser,
          guint   index)
{
  return &g_array_index (parser->values, BekalJsonValue, index);
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser  *parser,
           gunichar *out)
{
  gunichar c = 0;

  if (parser->end - parser->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (parser->p[i]);

      if (d < 0)
        return FALSE;
      c = (c << 4) | (gunichar) d;
    }
  parser->p += 4;
  *out = c;
  return TRUE;
}

/* Decodes the string at the opening quote in place; returns its start, NUL-terminated where
 * its closing quote or its end was (never longer than the escaped text) */
static char *
parse_string (Parser *parser)
{
  char *out, *start;

  parser->p++;
  out = start = parser->p;
  while (parser->p < parser->end)
    {
      char c = *parser->p;

      if (c == '"')
        {
          parser->p++;
          *out = '\0';
          return start;
        }
      if ((guchar) c < 0x20)
        {
          parser->error = "a control character in a string";
          return NULL;
        }
      if (c != '\\')
        {
          *out++ = c;
          parser->p++;
          continue;
        }

      parser->p++;
      if (parser->p >= parser->end)
        break;
      c = *parser->p++;
      switch (c)
        {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
          {
            gunichar u, low;

            if (!read_hex4 (parser, &u))
              {
                parser->error = "a bad \\u escape";
                return NULL;
              }
            if (u >= 0xd800 && u <= 0xdbff)
              {
                if (parser->end - parser->p < 6 || parser->p[0] != '\\' || parser->p[1] != 'u')
                  {
                    parser->error = "a lone surrogate";
                    return NULL;
                  }
                parser->p += 2;
                if (!read_hex4 (parser, &low) || low < 0xdc00 || low > 0xdfff)
                  {
                    parser->error = "a lone surrogate";
                    return NULL;
                  }
                u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (u >= 0xdc00 && u <= 0xdfff)
              {
                parser->error = "a lone surrogate";
                return NULL;
              }
            if (u == 0)
              {
                parser->error = "a NUL character";
                return NULL;
              }
            out += g_unichar_to_utf8 (u, out);
            break;
          }
        default:
          parser->error = "a bad escape";
          return NULL;
        }
    }

  parser->error = "an unterminated string";
  return NULL;
}

static guint
parse_number (Parser *parser)
{
  char *start = parser->p, *p = parser->p;
  gboolean integer = TRUE;
  char buffer[64];
  gsize length;
  guint index;

  if (p < parser->end && *p == '-')
    p++;
  if (p < parser->end && *p == '0')
    p++;
  else if (p < parser->end && *p >= '1' && *p <= '9')
    while (p < parser->end && g_ascii_isdigit (*p))
      p++;
  else
    goto bad;
  if (p < parser->end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        goto bad;
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        goto bad;
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }

  length = (gsize) (p - start);
  if (length >= sizeof buffer)
    goto bad;
  memcpy (buffer, start, length);
  buffer[length] = '\0';
  parser->p = p;

  index = new_value (parser, VALUE_DOUBLE);
  value_at (parser, index)->number = g_ascii_strtod (buffer, NULL);
  if (integer)
    {
      char *rest = NULL;
      gint64 n;

      errno = 0;
      n = g_ascii_strtoll (buffer, &rest, 10);
      /* beyond 64 bits it stays a (rounded) number */
      if (errno == 0 && *rest == '\0')
        {
          value_at (parser, index)->type = VALUE_INT;
          value_at (parser, index)->integer = n;
        }
    }
  return index + 1;

bad:
  parser->error = "a bad number";
  return 0;
}

static gboolean
parse_literal (Parser     *parser,
               const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, word, length) != 0)
    {
      parser->error = "an unknown word";
      return FALSE;
    }
  parser->p += length;
  return TRUE;
}

/* Parses an array or an object at its bracket: each child is appended after it */
static guint
parse_container (Parser *parser,
                 guint   depth)
{
  gboolean object = *parser->p == '{';
  guint index = new_value (parser, object ? VALUE_OBJECT : VALUE_ARRAY);
  guint previous = 0;
  char close = object ? '}' : ']';

  if (depth >= BEKAL_JSON_MAX_DEPTH)
    {
      parser->error = "nested more than " G_STRINGIFY (BEKAL_JSON_MAX_DEPTH) " levels deep";
      return 0;
    }

  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == close)
    {
      parser->p++;
      return index + 1;
    }

  for (;;)
    {
      const char *key = NULL;
      guint child;

      skip_space (parser);
      if (object)
        {
          if (parser->p >= parser->end || *parser->p != '"')
            {
              parser->error = "an object member without a name";
              return 0;
            }
          if ((key = parse_string (parser)) == NULL)
            return 0;
          skip_space (parser);
          if (parser->p >= parser->end || *parser->p != ':')
            {
              parser->error = "a member without a colon";
              return 0;
            }
          parser->p++;
        }

      child = parse_value (parser, depth + 1);
      if (child == 0)
        return 0;
      child--;
      value_at (parser, child)->key = key;
      if (previous == 0)
        value_at (parser, index)->first = child - index;
      else
        value_at (parser, previous)->next = child - previous;
      previous = child;

      skip_space (parser);
      if (parser->p < parser->end && *parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (parser->p < parser->end && *parser->p == close)
        {
          parser->p++;
          return index + 1;
        }
      parser->error = object ? "an unterminated object" : "an unterminated array";
      return 0;
    }
}

/* Returns the value's index + 1, or 0 with parser->error set */
static guint
parse_value (Parser *parser,
             guint   depth)
{
  guint index;
  char *text;

  skip_space (parser);
  if (parser->p >= parser->end)
    {
      parser->error = "a missing value";
      return 0;
    }

  switch (*parser->p)
    {
    case '{':
    case '[':
      return parse_container (parser, depth);
    case '"':
      if ((text = parse_string (parser)) == NULL)
        return 0;
      index = new_value (parser, VALUE_STRING);
      value_at (parser, index)->string = text;
      return index + 1;
    case 't':
      return parse_literal (parser, "true") ? new_value (parser, VALUE_TRUE) + 1 : 0;
    case 'f':
      return parse_literal (parser, "false") ? new_value (parser, VALUE_FALSE) + 1 : 0;
    case 'n':
      return parse_literal (parser, "null") ? new_value (parser, VALUE_NULL) + 1 : 0;
    default:
      return parse_number (parser);
    }
}

BekalJsonReader *
bekal_json_reader_new (void)
{
  BekalJsonReader *reader = g_new0 (BekalJsonReader, 1);

  reader->values = g_array_sized_new (FALSE, FALSE, sizeof (BekalJsonValue), 128);
  return reader;
}

void
bekal_json_reader_free (BekalJsonReader *reader)
{
  if (reader == NULL)
    return;

  g_array_unref (reader->values);
  g_free (reader);
}

BekalJsonValue *
bekal_json_parse_line (BekalJsonReader  *reader,
                       char             *text,
                       gsize             length,
                       char            **out_message)
{
  Parser parser = { reader->values, text, text + length, NULL };

  if (!g_utf8_validate_len (text, length, NULL))
    {
      *out_message = g_strdup ("not UTF-8");
      return NULL;
    }

  g_array_set_size (reader->values, 0);
  skip_space (&parser);
  if (parser.p >= parser.end)
    {
      *out_message = g_strdup ("empty line");
      return NULL;
    }
  if (parse_value (&parser, 0) == 0)
    {
      *out_message = g_strdup_printf ("%s at byte %td", parser.error, parser.p - text + 1);
      return NULL;
    }
  skip_space (&parser);
  if (parser.p != parser.end)
    {
      *out_message = g_strdup_printf ("text after the value at byte %td", parser.p - text + 1);
      return NULL;
    }

  return &g_array_index (reader->values, BekalJsonValue, 0);
}

BekalJsonValue *
bekal_json_member (BekalJsonValue *node,
                   const char     *key)
{
  BekalJsonValue *found = NULL;

  if (node == NULL || node->type != VALUE_OBJECT || node->first == 0)
    return NULL;

  for (BekalJsonValue *child = node + node->first; ; child += child->next)
    {
      if (strcmp (child->key, key) == 0)
        found = child;
      if (child->next == 0)
        break;
    }

  return found;
}

BekalJsonValue *
bekal_json_path (BekalJsonValue *node,
                 ...)
{
  va_list args;
  const char *key;

  va_start (args, node);
  while (node != NULL && (key = va_arg (args, const char *)) != NULL)
    node = bekal_json_member (node, key);
  va_end (args);

  return node;
}

const char *
bekal_json_get_string (BekalJsonValue *node)
{
  if (node == NULL || node->type != VALUE_STRING)
    return NULL;

  return node->string;
}

char *
bekal_json_dup_string (BekalJsonValue *node)
{
  return g_strdup (bekal_json_get_string (node));
}

gboolean
bekal_json_string_is (BekalJsonValue *node,
                      const char     *value)
{
  const char *text = bekal_json_get_string (node);

  return text != NULL && g_str_equal (text, value);
}

gboolean
bekal_json_get_int64 (BekalJsonValue *node,
                      gint64         *out_value)
{
  if (node == NULL || node->type != VALUE_INT)
    return FALSE;

  *out_value = node->integer;
  return TRUE;
}

gboolean
bekal_json_get_double (BekalJsonValue *node,
                       double         *out_value)
{
  if (node == NULL || (node->type != VALUE_INT && node->type != VALUE_DOUBLE))
    return FALSE;

  *out_value = node->type == VALUE_INT ? (double) node->integer : node->number;
  return TRUE;
}

gboolean
bekal_json_get_boolean (BekalJsonValue *node,
                        gboolean       *out_value)
{
  if (node == NULL || (node->type != VALUE_TRUE && node->type != VALUE_FALSE))
    return FALSE;

  *out_value = node->type == VALUE_TRUE;
  return TRUE;
}

gboolean
bekal_json_is_null (BekalJsonValue *node)
{
  return node != NULL && node->type == VALUE_NULL;
}

void
bekal_json_append_string (GString    *out,
                          const char *text)
{
  static const char hex[] = "0123456789abcdef";
  g_autofree char *valid = NULL;
  const char *run;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  run = text;
  for (const char *p = text; ; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      /* the plain run before, in one copy */
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '\0':
          g_string_append_c (out, '"');
          return;
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
    }
}

void
bekal_json_append_node (GString  *out,
                        JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
}
