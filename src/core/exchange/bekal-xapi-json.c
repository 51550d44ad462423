/* bekal-xapi-json.c: the JSON of results files, read and written with json-glib
 *
 * A line is parsed with JsonParser and read through its nodes. Statements are written as a
 * fixed template whose every variable string goes through json-glib's generator: building a
 * JsonBuilder tree for each of a million statements would cost several times the rest of the
 * export (bench/bench-results-exchange.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bekal-xapi-private.h"

typedef struct
{
  JsonGenerator *generator;
  JsonNode      *string;
} StringWriter;

static void
string_writer_free (gpointer data)
{
  StringWriter *writer = data;

  g_clear_object (&writer->generator);
  g_clear_pointer (&writer->string, json_node_unref);
  g_free (writer);
}

/* One generator and one string node per thread, reused for every string */
static GPrivate string_writer_key = G_PRIVATE_INIT (string_writer_free);

/* The depth of the deepest array or object in @text, counted outside strings; stops counting
 * past @limit */
static guint
nesting_depth (const char *text,
               gsize       length,
               guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0, deepest = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          deepest = MAX (deepest, ++depth);
          if (deepest > limit)
            return deepest;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

JsonNode *
bekal_json_parse_line (JsonParser  *parser,
                       const char  *text,
                       gsize        length,
                       char       **out_message)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      *out_message = g_strdup ("not UTF-8");
      return NULL;
    }
  if (nesting_depth (text, length, BEKAL_JSON_MAX_DEPTH) > BEKAL_JSON_MAX_DEPTH)
    {
      *out_message = g_strdup_printf ("nested more than %d levels deep", BEKAL_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, (gssize) length, &error))
    {
      *out_message = g_strdup (error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      *out_message = g_strdup ("empty line");
      return NULL;
    }

  return root;
}

JsonNode *
bekal_json_member (JsonNode   *node,
                   const char *key)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_get_member (json_node_get_object (node), key);
}

JsonNode *
bekal_json_path (JsonNode *node,
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
bekal_json_get_string (JsonNode *node)
{
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

char *
bekal_json_dup_string (JsonNode *node)
{
  return g_strdup (bekal_json_get_string (node));
}

gboolean
bekal_json_string_is (JsonNode   *node,
                      const char *value)
{
  const char *text = bekal_json_get_string (node);

  return text != NULL && g_str_equal (text, value);
}

gboolean
bekal_json_get_int64 (JsonNode *node,
                      gint64   *out_value)
{
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}

gboolean
bekal_json_get_double (JsonNode *node,
                       double   *out_value)
{
  GType type = node != NULL ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  *out_value = json_node_get_double (node);
  return TRUE;
}

gboolean
bekal_json_get_boolean (JsonNode *node,
                        gboolean *out_value)
{
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
bekal_json_is_null (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

void
bekal_json_append_string (GString    *out,
                          const char *text)
{
  StringWriter *writer = g_private_get (&string_writer_key);
  g_autofree char *valid = NULL;

  if (writer == NULL)
    {
      writer = g_new0 (StringWriter, 1);
      writer->generator = json_generator_new ();
      writer->string = json_node_new (JSON_NODE_VALUE);
      g_private_set (&string_writer_key, writer);
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  json_node_set_string (writer->string, text);
  json_generator_set_root (writer->generator, writer->string);
  json_generator_to_gstring (writer->generator, out);
}

void
bekal_json_append_node (GString  *out,
                        JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
}
