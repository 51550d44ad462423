/* bekal-xapi-private.h: a small strict JSON reader for the lines of a results file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BEKAL_JSON_NULL,
  BEKAL_JSON_FALSE,
  BEKAL_JSON_TRUE,
  BEKAL_JSON_NUMBER,
  BEKAL_JSON_STRING,
  BEKAL_JSON_ARRAY,
  BEKAL_JSON_OBJECT,
} BekalJsonKind;

/* One value; an object's children are its keys (strings) each followed by its value */
typedef struct
{
  BekalJsonKind kind;
  guint         start;      /* text offset: a string's first byte after the quote */
  guint         end;        /* offset after the value (before a string's closing quote) */
  guint         next;       /* the index of the node after this value and its children */
  gboolean      escaped;    /* a string holding backslash escapes */
} BekalJsonNode;

typedef struct
{
  const char *text;
  gsize       length;
  GArray     *nodes;        /* BekalJsonNode; node 0 is the document's value */
} BekalJsonDoc;

/* Parses one JSON text (RFC 8259; UTF-8, nesting up to 32 levels, nothing after the value).
 * @doc->nodes is reused between calls. FALSE with a message in @out_message on error. */
gboolean  bekal_json_parse        (BekalJsonDoc  *doc,
                                   const char    *text,
                                   gsize          length,
                                   const char   **out_message);
/* The value of @key in the object at @node, or -1 (also when @node is not an object) */
int       bekal_json_member       (BekalJsonDoc  *doc,
                                   int            node,
                                   const char    *key);
/* Follows a path of keys ("a", "b", NULL); -1 when a step is missing */
int       bekal_json_path         (BekalJsonDoc  *doc,
                                   int            node,
                                   ...) G_GNUC_NULL_TERMINATED;
/* The string at @node unescaped, or NULL when it is not a string */
char     *bekal_json_dup_string   (BekalJsonDoc  *doc,
                                   int            node);
/* Whether the string at @node equals @value (no copy when it has no escapes) */
gboolean  bekal_json_string_is    (BekalJsonDoc  *doc,
                                   int            node,
                                   const char    *value);
gboolean  bekal_json_get_int64    (BekalJsonDoc  *doc,
                                   int            node,
                                   gint64        *out_value);
gboolean  bekal_json_get_double   (BekalJsonDoc  *doc,
                                   int            node,
                                   double        *out_value);
/* Appends @text as a JSON string (with quotes) */
void      bekal_json_append_string (GString      *out,
                                    const char   *text);

G_END_DECLS
