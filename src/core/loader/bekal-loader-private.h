/* bekal-loader-private.h: loader internals shared by the loader's files, the tests and tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>

G_BEGIN_DECLS

#define MODULE_NS "urn:bekal:module:1"

struct _BekalLoader
{
  GObject  parent_instance;
  GStrv    media_dirs;
  GStrv    real_media_dirs; /* canonical forms, "" for a folder that did not exist */
};

/* What one load of one file needs along the way */
typedef struct
{
  BekalLoader  *loader;
  const char   *path;      /* as given, used in diagnostics */
  char         *folder;    /* canonical module folder */
  char         *real_folder;
  const char   *buffer;
  gsize         length;
  GArray       *line_starts; /* byte offset of each line, made when first needed */
  GString      *text_run;    /* reused while normalising the white space of text */
  GPtrArray    *diagnostics;
  GArray       *rng_errors;  /* of RngError, filtered before they are reported */
  gboolean      rng_specific_error;
  GPtrArray    *rng_vague;   /* reported schema errors, which a later precise one replaces */
  guint         n_errors;
  guint         depth;
  int           root_line;
  int           doctype_line;
  gboolean      parse_failed;
  gboolean      stopped;
  BekalModule  *module;
  GHashTable   *ids;       /* id → line, module-wide */
  GArray       *checkpoint_lines; /* of int: line of each checkpoint, in document order */
  GHashTable   *bad_pools; /* quizzes whose pool attribute was refused when read */
  /* what follows from an element already reported as out of place or misspelled: the lines
   * of the elements that hold one, and the ids inside one; the whole-module checks say
   * nothing more about them (one mistake, one message) */
  GHashTable   *rejected_lines;
  GHashTable   *rejected_ids;
  xmlParserCtxtPtr ctxt;
} LoadState;

/* Reading the tree */

static inline gboolean
is_module_element (xmlNodePtr  node,
                   const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && xmlStrEqual (node->ns->href, BAD_CAST MODULE_NS)
         && (name == NULL || xmlStrEqual (node->name, BAD_CAST name));
}

static inline gboolean
node_name_is (xmlNodePtr  node,
              const char *name)
{
  return xmlStrEqual (node->name, BAD_CAST name);
}

#define FOR_EACH_ELEMENT(child, parent) \
  for (xmlNodePtr child = (parent)->children; child != NULL; child = child->next) \
    if (is_module_element (child, NULL))

/* bekal-loader.c: diagnostics */
int         bekal_loader_column_of                 (LoadState     *state,
                                                    int            line,
                                                    const char    *needle);
/* The line and column where @node's start tag begins */
void        bekal_loader_node_place                (LoadState     *state,
                                                    xmlNodePtr     node,
                                                    int           *line,
                                                    int           *column);
void        bekal_loader_add_diagnostic            (LoadState     *state,
                                                    BekalSeverity  severity,
                                                    int            line,
                                                    int            column,
                                                    const char    *message);
void        bekal_loader_node_problem              (LoadState     *state,
                                                    BekalSeverity  severity,
                                                    xmlNodePtr     node,
                                                    const char    *format,
                                                    ...) G_GNUC_PRINTF (4, 5);
void        bekal_loader_attr_problem              (LoadState     *state,
                                                    BekalSeverity  severity,
                                                    xmlNodePtr     node,
                                                    const char    *attr,
                                                    const char    *format,
                                                    ...) G_GNUC_PRINTF (5, 6);

/* The name among @candidates that @name most likely misspells (at most two letters added,
 * removed or changed, fewer for short names), or NULL */
const char *bekal_loader_suggest_name              (const char         *name,
                                                    const char * const *candidates);

/* Notes that @node was reported as out of place: see LoadState's rejected_lines */
void        bekal_loader_note_rejected             (LoadState     *state,
                                                    xmlNodePtr     node);
/* Whether a problem of the element on @line, or about a reference to @id (may be NULL), only
 * follows from an element already reported */
gboolean    bekal_loader_follows_rejected          (LoadState     *state,
                                                    int            line,
                                                    const char    *id);

/* bekal-loader-xml.c: safe reading */
void        bekal_loader_install_entity_loader     (void);
char       *bekal_loader_read_file_capped          (LoadState     *state,
                                                    const char    *path,
                                                    gsize         *length,
                                                    GError       **error);
void        bekal_loader_report_invalid_utf8       (LoadState     *state);
xmlDocPtr   bekal_loader_parse_buffer              (LoadState     *state);
char       *bekal_loader_trim_libxml_message       (const char    *message);
/* How many times the parser asked for an external resource and was refused */
guint       bekal_loader_get_refused_loads         (void);

/* bekal-loader-schema.c: the RELAX NG check */
void        bekal_loader_validate_with_schema      (LoadState     *state,
                                                    xmlDocPtr      doc);
void        bekal_loader_check_required_attributes (LoadState     *state,
                                                    xmlNodePtr     node);
void        bekal_loader_drop_vague_schema_errors  (LoadState     *state);

/* bekal-media-ref.c: file references. What a reference may be is security: a module from a
 * stick must not make Bekal read any other file. */
typedef enum
{
  BEKAL_MEDIA_REF_OK,
  BEKAL_MEDIA_REF_EMPTY,
  BEKAL_MEDIA_REF_BAD_MEDIA_NAME,  /* media: with nothing, an absolute name or “..” */
  BEKAL_MEDIA_REF_MEDIA_NOT_FOUND, /* in no media folder (links out of one are ignored) */
  BEKAL_MEDIA_REF_URI,             /* http:, file: and any other scheme */
  BEKAL_MEDIA_REF_ABSOLUTE,        /* /path, \path, C:… */
  BEKAL_MEDIA_REF_PARENT,          /* a “..” component, even one that stays inside */
  BEKAL_MEDIA_REF_NOT_FOUND,       /* no such file in the module folder */
  BEKAL_MEDIA_REF_OUTSIDE,         /* a link that leads out of the module folder */
  BEKAL_MEDIA_REF_NOT_REGULAR,     /* a folder, a device, a pipe */
} BekalMediaRefResult;

/* Resolves @ref (media:NAME, looked for in @media_dirs in order, or a path relative to
 * @module_folder) to the canonical path of a regular file inside the folder it belongs to;
 * NULL otherwise, with @result saying why. @real_media_dirs (may be NULL) caches the
 * canonical media folders: one string per folder, "" until known. */
char       *bekal_media_ref_resolve                (const char          *ref,
                                                    const char          *module_folder,
                                                    const char * const  *media_dirs,
                                                    char               **real_media_dirs,
                                                    BekalMediaRefResult *result);

char       *bekal_loader_resolve_ref               (LoadState     *state,
                                                    xmlNodePtr     node,
                                                    const char    *attr);

/* bekal-loader-build.c: the model */
char       *bekal_loader_get_attr                  (xmlNodePtr     node,
                                                    const char    *name);
void        bekal_loader_build_module              (LoadState     *state,
                                                    xmlNodePtr     root);
/* Parses a time such as 75, 1:15, 0:01:15.500; returns milliseconds, or -1 when invalid */
gint64      bekal_loader_parse_time                (const char    *value);

/* bekal-loader-checks.c */
void        bekal_loader_check_module              (LoadState     *state);

/* bekal-loader-translation.c */
void        bekal_loader_compare_translation       (BekalModule   *original,
                                                    BekalModule   *translation,
                                                    GPtrArray     *diagnostics);

G_END_DECLS
