/* bekal-xapi-private.h: reading and writing the JSON of a results file with json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting a line of a results file may have; Bekal writes 5 levels */
#define BEKAL_JSON_MAX_DEPTH 32

/* Parses one line (one JSON text) with @parser after checking what json-glib does not bound:
 * UTF-8 and nesting depth (json-glib recurses once per level). The root stays valid until the
 * next call. NULL with a message (free it) in @out_message on error. */
JsonNode *bekal_json_parse_line     (JsonParser  *parser,
                                     const char  *text,
                                     gsize        length,
                                     char       **out_message);
/* The value of @key in the object @node, or NULL (also when @node is not an object) */
JsonNode *bekal_json_member         (JsonNode    *node,
                                     const char  *key);
/* Follows a path of keys ("a", "b", NULL); NULL when a step is missing */
JsonNode *bekal_json_path           (JsonNode    *node,
                                     ...) G_GNUC_NULL_TERMINATED;
/* The string at @node, or NULL when it is not a string */
const char *bekal_json_get_string   (JsonNode    *node);
char     *bekal_json_dup_string     (JsonNode    *node);
gboolean  bekal_json_string_is      (JsonNode    *node,
                                     const char  *value);
/* An integer (not a fraction, not a string) */
gboolean  bekal_json_get_int64      (JsonNode    *node,
                                     gint64      *out_value);
/* A number, integer or not */
gboolean  bekal_json_get_double     (JsonNode    *node,
                                     double      *out_value);
gboolean  bekal_json_get_boolean    (JsonNode    *node,
                                     gboolean    *out_value);
gboolean  bekal_json_is_null        (JsonNode    *node);
/* Appends @text as a JSON string (with its quotes), escaped by json-glib's generator; text
 * that is not UTF-8 is repaired first */
void      bekal_json_append_string  (GString     *out,
                                     const char  *text);
/* Appends @root as compact JSON text */
void      bekal_json_append_node    (GString     *out,
                                     JsonNode    *root);

G_END_DECLS
