/* bekal-xapi-private.h: reading and writing the JSON of a results file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting a line of a results file may have; Bekal writes 5 levels */
#define BEKAL_JSON_MAX_DEPTH 32

/* A value of a parsed line (see bekal_json_parse_line()) */
typedef struct _BekalJsonValue BekalJsonValue;
/* What parses lines: reuses its memory from one line to the next */
typedef struct _BekalJsonReader BekalJsonReader;

BekalJsonReader *bekal_json_reader_new  (void);
void      bekal_json_reader_free    (BekalJsonReader *reader);

/* Parses one line (one JSON text, RFC 8259, strictly) after checking that it is UTF-8. The
 * strings are decoded in place: @text is changed and must stay as it is while the values
 * are read. The values stay valid until the next call. Nesting deeper than
 * BEKAL_JSON_MAX_DEPTH, a \u0000 escape and a lone surrogate are refused. NULL with a
 * message (free it) in @out_message on error. */
BekalJsonValue *bekal_json_parse_line (BekalJsonReader *reader,
                                     char        *text,
                                     gsize        length,
                                     char       **out_message);
/* The value of @key in the object @node, or NULL (also when @node is not an object); the
 * last one when the key appears twice */
BekalJsonValue *bekal_json_member   (BekalJsonValue *node,
                                     const char  *key);
/* Follows a path of keys ("a", "b", NULL); NULL when a step is missing */
BekalJsonValue *bekal_json_path     (BekalJsonValue *node,
                                     ...) G_GNUC_NULL_TERMINATED;
/* The string at @node, or NULL when it is not a string */
const char *bekal_json_get_string   (BekalJsonValue *node);
char     *bekal_json_dup_string     (BekalJsonValue *node);
gboolean  bekal_json_string_is      (BekalJsonValue *node,
                                     const char  *value);
/* An integer (not a fraction, not a string) */
gboolean  bekal_json_get_int64      (BekalJsonValue *node,
                                     gint64      *out_value);
/* A number, integer or not */
gboolean  bekal_json_get_double     (BekalJsonValue *node,
                                     double      *out_value);
gboolean  bekal_json_get_boolean    (BekalJsonValue *node,
                                     gboolean    *out_value);
gboolean  bekal_json_is_null        (BekalJsonValue *node);
/* Appends @text as a JSON string (with its quotes, escaped as RFC 8259 requires); text that
 * is not UTF-8 is repaired first */
void      bekal_json_append_string  (GString     *out,
                                     const char  *text);
/* Appends @root as compact JSON text */
void      bekal_json_append_node    (GString     *out,
                                     JsonNode    *root);

G_END_DECLS
