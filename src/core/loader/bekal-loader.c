/* bekal-loader.c: reads module files safely and checks them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-paths.h>

#include "bekal-core-resources.h"
#include "bekal-loader-private.h"
#include "bekal-model-private.h"
#include "bekal-text-private.h"

#define MODULE_NS  "urn:bekal:module:1"
#define SCHEMA_RES "/io/github/bekal_peksos/Bekal/schema/bekal-module-1.rng"

struct _BekalLoader
{
  GObject  parent_instance;
  GStrv    media_dirs;
  GStrv    real_media_dirs; /* canonical forms, "" for a folder that did not exist */
};

/* One error of the RELAX NG validation, kept until they are all known */
typedef struct
{
  BekalDiagnostic *diagnostic;
  int              code;
  xmlNodePtr       node;
} RngError;

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
  xmlParserCtxtPtr ctxt;
} LoadState;

G_DEFINE_FINAL_TYPE (BekalLoader, bekal_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (bekal-loader-error-quark, bekal_loader_error)

static guint refused_loads;

/* Helpers: diagnostics */

static void compute_line_starts (LoadState *state);

static int
column_of (LoadState  *state,
           int         line,
           const char *needle)
{
  gsize start, end;
  const char *found;

  /* only files with something to report need the line table */
  if (state->line_starts == NULL)
    compute_line_starts (state);

  if (line <= 0 || (guint) line > state->line_starts->len || needle == NULL)
    return 0;

  start = g_array_index (state->line_starts, gsize, line - 1);
  end = (guint) line < state->line_starts->len
        ? g_array_index (state->line_starts, gsize, line)
        : state->length;

  found = g_strstr_len (state->buffer + start, end - start, needle);
  if (found == NULL)
    return 1;

  return (int) g_utf8_strlen (state->buffer + start, found - (state->buffer + start)) + 1;
}

static void
add_diagnostic (LoadState     *state,
                BekalSeverity  severity,
                int            line,
                int            column,
                const char    *message)
{
  g_ptr_array_add (state->diagnostics,
                   bekal_diagnostic_new (severity, state->path, line, column, message));
  if (severity == BEKAL_SEVERITY_ERROR)
    state->n_errors++;
}

G_GNUC_PRINTF (4, 5)
static void
node_problem (LoadState     *state,
              BekalSeverity  severity,
              xmlNodePtr     node,
              const char    *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *needle = NULL;
  int line = node ? (int) xmlGetLineNo (node) : 0;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (node && node->type == XML_ELEMENT_NODE)
    needle = g_strdup_printf ("<%s", (const char *) node->name);

  add_diagnostic (state, severity, line, column_of (state, line, needle), message);
}

G_GNUC_PRINTF (5, 6)
static void
attr_problem (LoadState     *state,
              BekalSeverity  severity,
              xmlNodePtr     node,
              const char    *attr,
              const char    *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *needle = g_strdup_printf ("%s=", attr);
  int line = (int) xmlGetLineNo (node);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  add_diagnostic (state, severity, line, column_of (state, line, needle), message);
}

static void
compute_line_starts (LoadState *state)
{
  gsize zero = 0;

  state->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (state->line_starts, zero);

  for (gsize i = 0; i < state->length; i++)
    if (state->buffer[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (state->line_starts, next);
      }
}

/* Helpers: safe parsing */

/* Nothing in a module may make the parser read another file or the network */
static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  g_atomic_int_inc (&refused_loads);
  return NULL;
}

static xmlEntityPtr
refuse_entity_declaration_lookup (void          *ctx,
                                  const xmlChar *name)
{
  /* only the five predefined entities exist in a module */
  return xmlGetPredefinedEntity (name);
}

static void
stop_parser (LoadState *state)
{
  state->stopped = TRUE;
  xmlStopParser (state->ctxt);
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
  LoadState *state = ctxt->_private;

  if (state->stopped)
    return;

  add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                  ctxt->input ? ctxt->input->col : 0,
                  _("The file declares entities in a DOCTYPE. Module files may not declare "
                    "entities: remove the <!DOCTYPE …> part and write the text directly."));
  stop_parser (state);
}

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  LoadState *state = ctxt->_private;

  if (external_id != NULL || system_id != NULL)
    {
      add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0, 1,
                      _("The file refers to an external DTD. Module files are never checked "
                        "against a DTD and may not point to other files: remove the "
                        "<!DOCTYPE …> line."));
      stop_parser (state);
      return;
    }

  /* reported after parsing, unless the DOCTYPE turns out to declare entities */
  state->doctype_line = ctxt->input ? ctxt->input->line : 1;
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
  LoadState *state = ctxt->_private;

  if (state->stopped)
    return;

  if (++state->depth > BEKAL_LOADER_MAX_DEPTH)
    {
      g_autofree char *message =
        g_strdup_printf (_("Elements are nested more than %d levels deep. A module never "
                           "needs that many levels: check for elements that are not closed."),
                         BEKAL_LOADER_MAX_DEPTH);

      add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                      ctxt->input ? ctxt->input->col : 0, message);
      stop_parser (state);
      return;
    }

  if (uri != NULL && (xmlStrEqual (uri, BAD_CAST "http://www.w3.org/2001/XInclude")
                      || xmlStrEqual (uri, BAD_CAST "http://www.w3.org/2003/XInclude")))
    add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                    ctxt->input ? ctxt->input->col : 0,
                    _("XInclude is not supported: a module file must hold all of its text "
                      "itself. Copy the text into the module instead of including it."));

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
  LoadState *state = ctxt->_private;

  if (state->depth > 0)
    state->depth--;
  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
}

static char *
trim_libxml_message (const char *message)
{
  char *copy = g_strdup (message ? message : "");

  return g_strstrip (copy);
}

static char *
describe_parse_error (const xmlError *error)
{
  g_autofree char *raw = trim_libxml_message (error->message);

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("The file is empty or contains no XML. A module file starts with "
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?> followed by <module>."));
    case XML_ERR_DOCUMENT_END:
      return g_strdup (_("There is more content after the closing </module> tag. Everything "
                         "must be inside <module>…</module>."));
    case XML_ERR_TAG_NAME_MISMATCH:
      return g_strdup_printf (_("A closing tag does not match the element it should close (%s). "
                                "Check that every <element> has its </element> in the "
                                "right order."), raw);
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_LTSLASH_REQUIRED:
      return g_strdup_printf (_("The file ends before all elements are closed; it may be "
                                "cut off or a closing tag is missing (%s)."), raw);
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_NAME_REQUIRED:
      return g_strdup_printf (_("A “&” starts an unknown entity (%s). Write &amp; for the "
                                "character &, and &lt; for <."), raw);
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      return g_strdup_printf (_("The file contains a character that is not allowed in XML "
                                "(%s). Save the file as UTF-8 text."), raw);
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return g_strdup_printf (_("An attribute is written twice on the same element (%s)."),
                              raw);
    case XML_ERR_LT_IN_ATTRIBUTE:
      return g_strdup (_("An attribute value contains “<”. Write &lt; instead."));
    case XML_ERR_RESERVED_XML_NAME:
      return g_strdup (_("The <?xml …?> declaration must be at the very start of the file."));
    default:
      return g_strdup_printf (_("The file is not well-formed XML: %s."), raw);
    }
}

static void
on_parse_error (void        *user_data,
                xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  LoadState *state = ctxt->_private;
  g_autofree char *message = NULL;

  /* our own handlers already explained why parsing stopped */
  if (state->stopped)
    return;

  if (error->code == XML_ERR_ENTITY_LOOP || error->code == XML_ERR_ENTITY_PE_INTERNAL)
    return;

  /* after the first fatal error the parser only reports what follows from it */
  if (error->level != XML_ERR_WARNING && state->parse_failed)
    return;
  if (error->level != XML_ERR_WARNING)
    state->parse_failed = TRUE;

  message = describe_parse_error (error);
  add_diagnostic (state,
                  error->level == XML_ERR_WARNING ? BEKAL_SEVERITY_WARNING : BEKAL_SEVERITY_ERROR,
                  error->line, error->int2, message);
}

static xmlDocPtr
parse_buffer (LoadState *state)
{
  xmlSAXHandlerPtr sax;
  xmlDocPtr doc;

  state->ctxt = xmlNewParserCtxt ();
  if (state->ctxt == NULL)
    return NULL;

  sax = state->ctxt->sax;
  sax->entityDecl = on_entity_declaration;
  sax->internalSubset = on_internal_subset;
  sax->externalSubset = on_external_subset;
  sax->getParameterEntity = refuse_entity_declaration_lookup;
  sax->getEntity = refuse_entity_declaration_lookup;
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

  /* No DTD loading, no entity substitution, no XInclude, no network: none of these options
   * is set except NONET. The bytes were checked to be UTF-8 already, so the parser reads them
   * as they are (forcing the encoding would send them through a conversion), and a file that
   * declares another encoding is refused below. */
  doc = xmlCtxtReadMemory (state->ctxt, state->buffer, (int) state->length, state->path,
                           NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);

  if (doc != NULL && doc->encoding != NULL
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF8") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file declares the encoding “%s”, but module files are always "
                           "UTF-8. Save the file as UTF-8 and write encoding=\"UTF-8\" in its "
                           "first line."), (const char *) doc->encoding);

      add_diagnostic (state, BEKAL_SEVERITY_ERROR, 1, 1, message);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  if (doc != NULL && (state->stopped || !state->ctxt->wellFormed))
    g_clear_pointer (&doc, xmlFreeDoc);

  g_clear_pointer (&state->ctxt, xmlFreeParserCtxt);

  if (doc != NULL && state->doctype_line > 0)
    add_diagnostic (state, BEKAL_SEVERITY_WARNING, state->doctype_line, 1,
                    _("The <!DOCTYPE …> line is not needed in a module file and is ignored; "
                      "you can remove it."));

  return doc;
}

/* Helpers: RELAX NG */

/* libxml2 2.9 compiles the regular expression of a pattern facet again for every value it
 * checks, which made patterns a third of the validation time. The loader checks the same
 * forms itself (ids, version, numbers, times), with clearer messages, so its copy of the
 * schema goes without them; the schema file keeps them for other tools. */
static void
remove_pattern_params (xmlNodePtr node)
{
  xmlNodePtr child = node ? node->children : NULL;

  while (child != NULL)
    {
      xmlNodePtr next = child->next;

      if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "param"))
        {
          xmlChar *name = xmlGetNoNsProp (child, BAD_CAST "name");

          if (xmlStrEqual (name, BAD_CAST "pattern"))
            {
              xmlUnlinkNode (child);
              xmlFreeNode (child);
            }
          xmlFree (name);
        }
      else if (child->type == XML_ELEMENT_NODE)
        remove_pattern_params (child);

      child = next;
    }
}

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (bekal_core_get_resource (), SCHEMA_RES,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize size = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

      xmlDocPtr doc = data ? xmlReadMemory (data, (int) size, SCHEMA_RES, NULL,
                                            XML_PARSE_NONET) : NULL;

      if (doc != NULL)
        {
          xmlRelaxNGParserCtxtPtr parser;

          remove_pattern_params (xmlDocGetRootElement (doc));
          parser = xmlRelaxNGNewDocParserCtxt (doc);
          schema = xmlRelaxNGParse (parser);
          xmlRelaxNGFreeParserCtxt (parser);
          xmlFreeDoc (doc);
        }

      if (schema == NULL)
        g_critical ("The built-in module schema could not be read");

      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

static char *
describe_rng_error (const xmlError *error)
{
  const char *a = error->str1 ? error->str1 : "?";
  const char *b = error->str2 ? error->str2 : "?";
  g_autofree char *raw = trim_libxml_message (error->message);

  switch (error->code)
    {
    case XML_RELAXNG_ERR_ELEMNAME:
      return g_strdup_printf (_("<%s> is not expected here; the format asks for <%s> at this "
                                "place."), b, a);
    case XML_RELAXNG_ERR_NOELEM:
      if (error->str1 == NULL || error->str1[0] == '\0')
        return g_strdup (_("An element is missing here."));
      return g_strdup_printf (_("Element <%s> is missing here."), a);
    case XML_RELAXNG_ERR_EXTRACONTENT:
      return g_strdup_printf (_("<%s> contains <%s>, which is not allowed there (or not in "
                                "that order)."), a, b);
    case XML_RELAXNG_ERR_ELEMWRONG:
      return g_strdup_printf (_("<%s> is not allowed at this place. Check its spelling and the "
                                "order of the elements in the format reference."), a);
    case XML_RELAXNG_ERR_INVALIDATTR:
      return g_strdup_printf (_("Attribute “%s” is not allowed on <%s>."), a, b);
    case XML_RELAXNG_ERR_TEXTWRONG:
      return g_strdup_printf (_("Text is not allowed directly inside <%s>; put it inside an "
                                "element such as <p>."), a);
    case XML_RELAXNG_ERR_NOTELEM:
      return g_strdup (_("An element was expected here, but there is text."));
    case XML_RELAXNG_ERR_ATTRVALID:
      return g_strdup_printf (_("<%s> is missing a required attribute, or one of its "
                                "attributes has a value that is not allowed."), a);
    case XML_RELAXNG_ERR_CONTENTVALID:
      return g_strdup_printf (_("The content of <%s> does not follow the module format."), a);
    case XML_RELAXNG_ERR_ELEMWRONGNS:
    case XML_RELAXNG_ERR_ELEMNONS:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
      return g_strdup_printf (_("<%s> is not in the module namespace. Write every element "
                                "inside <module xmlns=\"%s\">."), a, MODULE_NS);
    case XML_RELAXNG_ERR_TYPEVAL:
    case XML_RELAXNG_ERR_TYPE:
    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_VALUE:
    case XML_RELAXNG_ERR_LIST:
      return g_strdup_printf (_("A value is not allowed here (%s)."), raw);
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
      return g_strdup_printf (_("<%s> must be empty."), a);
    default:
      return g_strdup_printf (_("The module does not follow the format: %s."), raw);
    }
}

static void
on_rng_error (void        *user_data,
              xmlErrorPtr  error)
{
  LoadState *state = user_data;
  g_autofree char *message = describe_rng_error (error);
  g_autofree char *needle = NULL;
  RngError rng_error;
  xmlNodePtr node = error->node;
  int line = error->line;

  if (node && node->type == XML_ELEMENT_NODE)
    {
      line = (int) xmlGetLineNo (node);
      needle = g_strdup_printf ("<%s", (const char *) node->name);
    }

  /* the specific errors make the generic ones of the enclosing elements redundant */
  if (error->code != XML_RELAXNG_ERR_CONTENTVALID)
    state->rng_specific_error = TRUE;

  rng_error.diagnostic = bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, state->path, line,
                                               column_of (state, line, needle), message);
  rng_error.code = error->code;
  rng_error.node = node;
  g_array_append_val (state->rng_errors, rng_error);
}

static void
clear_rng_error (RngError *rng_error)
{
  g_clear_pointer (&rng_error->diagnostic, bekal_diagnostic_unref);
}

/* libxml2 backtracks after an element with a bad attribute and then blames its siblings and
 * its parent for the order of the content; those errors only repeat the first one */
static gboolean
is_attribute_cascade (GArray   *errors,
                      RngError *candidate)
{
  if (candidate->node == NULL
      || (candidate->code != XML_RELAXNG_ERR_ELEMNAME
          && candidate->code != XML_RELAXNG_ERR_EXTRACONTENT
          && candidate->code != XML_RELAXNG_ERR_ELEMWRONG
          && candidate->code != XML_RELAXNG_ERR_NOELEM))
    return FALSE;

  for (guint i = 0; i < errors->len; i++)
    {
      RngError *other = &g_array_index (errors, RngError, i);

      if (other->code != XML_RELAXNG_ERR_ATTRVALID || other->node == NULL
          || other->node == candidate->node)
        continue;
      if (candidate->node == other->node->parent
          || candidate->node->parent == other->node->parent)
        return TRUE;
    }

  return FALSE;
}

static void
validate_with_schema (LoadState *state,
                      xmlDocPtr  doc)
{
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr vctxt;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (schema == NULL)
    {
      add_diagnostic (state, BEKAL_SEVERITY_ERROR, 0, 0,
                      _("Bekal's own module schema is damaged; reinstall Bekal."));
      return;
    }

  state->rng_errors = g_array_new (FALSE, TRUE, sizeof (RngError));
  g_array_set_clear_func (state->rng_errors, (GDestroyNotify) clear_rng_error);
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, on_rng_error, state);
  xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);

  for (guint i = 0; i < state->rng_errors->len; i++)
    {
      RngError *rng_error = &g_array_index (state->rng_errors, RngError, i);
      BekalDiagnostic *d = rng_error->diagnostic;
      g_autofree char *key = g_strdup_printf ("%d:%s", bekal_diagnostic_get_line (d),
                                              bekal_diagnostic_get_message (d));

      if (g_hash_table_contains (seen, key))
        continue;
      if (rng_error->code == XML_RELAXNG_ERR_CONTENTVALID && state->rng_specific_error)
        continue;
      if (is_attribute_cascade (state->rng_errors, rng_error))
        continue;

      g_hash_table_add (seen, g_steal_pointer (&key));
      g_ptr_array_add (state->diagnostics, bekal_diagnostic_ref (d));
      state->n_errors++;

      g_ptr_array_add (state->rng_vague, d);
    }

  g_clear_pointer (&state->rng_errors, g_array_unref);
}

/* Drops the schema errors of a line when a later check explained that line precisely: the
 * schema can only say that something does not fit, the checks say what to do */
static void
drop_vague_schema_errors (LoadState *state)
{
  for (guint i = 0; i < state->rng_vague->len; i++)
    {
      BekalDiagnostic *vague = g_ptr_array_index (state->rng_vague, i);
      gboolean explained = FALSE;

      for (guint j = 0; j < state->diagnostics->len && !explained; j++)
        {
          BekalDiagnostic *d = g_ptr_array_index (state->diagnostics, j);

          explained = d != vague
                      && !g_ptr_array_find (state->rng_vague, d, NULL)
                      && bekal_diagnostic_get_severity (d) == BEKAL_SEVERITY_ERROR
                      && bekal_diagnostic_get_line (d) == bekal_diagnostic_get_line (vague)
                      && g_strcmp0 (bekal_diagnostic_get_file (d),
                                    bekal_diagnostic_get_file (vague)) == 0;
        }

      if (explained && g_ptr_array_remove (state->diagnostics, vague))
        state->n_errors--;
    }
}

/* Helpers: reading the tree */

static gboolean
is_module_element (xmlNodePtr  node,
                   const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && xmlStrEqual (node->ns->href, BAD_CAST MODULE_NS)
         && (name == NULL || xmlStrEqual (node->name, BAD_CAST name));
}

static gboolean
node_name_is (xmlNodePtr  node,
              const char *name)
{
  return xmlStrEqual (node->name, BAD_CAST name);
}

#define FOR_EACH_ELEMENT(child, parent) \
  for (xmlNodePtr child = (parent)->children; child != NULL; child = child->next) \
    if (is_module_element (child, NULL))

static char *
get_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);

  return copy;
}

static char *
get_lang (xmlNodePtr node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "lang", XML_XML_NAMESPACE);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);

  return copy;
}

static gboolean
parse_uint_attr (LoadState  *state,
                 xmlNodePtr  node,
                 const char *name,
                 guint       max,
                 guint      *out)
{
  g_autofree char *value = get_attr (node, name);
  guint64 number = 0;

  if (value == NULL)
    return FALSE;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, name,
                    _("“%s” must be a whole number from 0 to %u, not “%s”."), name, max, value);
      return FALSE;
    }

  *out = (guint) number;
  return TRUE;
}

/* Scale ends and labels may be negative (a scale from -2 to 2) */
static gboolean
parse_int_attr (LoadState  *state,
                xmlNodePtr  node,
                const char *name,
                int         min,
                int         max,
                int        *out)
{
  g_autofree char *value = get_attr (node, name);
  gint64 number = 0;

  if (value == NULL)
    return FALSE;

  if (!g_ascii_string_to_signed (value, 10, min, max, &number, NULL))
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, name,
                    _("“%s” must be a whole number from %d to %d, not “%s”."), name, min, max,
                    value);
      return FALSE;
    }

  *out = (int) number;
  return TRUE;
}

static gboolean
parse_bool_attr (xmlNodePtr  node,
                 const char *name,
                 gboolean    fallback)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return fallback;

  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

/* Appends the text of @node to @text, collapsing whitespace runs across spans */
static void
collect_inline (LoadState      *state,
                xmlNodePtr      node,
                BekalText      *text,
                BekalSpanStyle  style,
                const char     *term_ref,
                gboolean       *after_space)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          GString *run = state->text_run;
          const char *p = (const char *) child->content;

          g_string_truncate (run, 0);

          /* copies runs of visible characters at once, and one space for each run of white
           * space (none at the start of a text) */
          while (p && *p)
            {
              const char *start = p;

              while (*p && !g_ascii_isspace (*p))
                p++;
              if (p > start)
                {
                  g_string_append_len (run, start, p - start);
                  *after_space = FALSE;
                }

              if (*p && g_ascii_isspace (*p))
                {
                  if (!*after_space)
                    g_string_append_c (run, ' ');
                  *after_space = TRUE;
                  while (*p && g_ascii_isspace (*p))
                    p++;
                }
            }

          bekal_text_append (text, style, term_ref, run->str, run->len);
        }
      else if (is_module_element (child, "em"))
        collect_inline (state, child, text, style | BEKAL_SPAN_EMPHASIS, term_ref, after_space);
      else if (is_module_element (child, "strong"))
        collect_inline (state, child, text, style | BEKAL_SPAN_STRONG, term_ref, after_space);
      else if (is_module_element (child, "term"))
        {
          g_autofree char *ref = get_attr (child, "ref");

          /* checked here, where the element's own line is known; the glossary is read before
           * any text that may hold a term */
          if (ref && !bekal_module_find_glossary_entry (state->module, ref))
            attr_problem (state, BEKAL_SEVERITY_ERROR, child, "ref",
                          _("<term ref=\"%s\"> names a glossary entry that does not exist. Add "
                            "<entry id=\"%s\"> to <glossary> or correct the ref."), ref, ref);

          collect_inline (state, child, text, style | BEKAL_SPAN_TERM, ref, after_space);
        }
      /* feedback inside an option and anything unknown are not part of the text */
    }
}

static BekalText *
read_text (LoadState  *state,
           xmlNodePtr  node)
{
  BekalText *text = bekal_text_new ();
  gboolean after_space = TRUE;

  if (node != NULL)
    collect_inline (state, node, text, BEKAL_SPAN_PLAIN, NULL, &after_space);
  bekal_text_seal (text);

  return text;
}

static char *
read_plain (LoadState  *state,
            xmlNodePtr  node)
{
  g_autoptr(BekalText) text = read_text (state, node);

  return g_strdup (bekal_text_get_plain (text));
}

static xmlNodePtr
first_child (xmlNodePtr  node,
             const char *name)
{
  FOR_EACH_ELEMENT (child, node)
    if (node_name_is (child, name))
      return child;

  return NULL;
}

static char *
read_child_plain (LoadState  *state,
                  xmlNodePtr  node,
                  const char *name)
{
  xmlNodePtr child = first_child (node, name);

  return child ? read_plain (state, child) : NULL;
}

/* The form of ids: [a-z0-9][a-z0-9_-]* (the schema's pattern, checked here) */
static gboolean
check_id_form (LoadState  *state,
               xmlNodePtr  node,
               const char *id)
{
  gboolean valid = g_ascii_islower (id[0]) || g_ascii_isdigit (id[0]);

  for (const char *p = id + 1; valid && *p; p++)
    valid = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_';

  if (!valid)
    attr_problem (state, BEKAL_SEVERITY_ERROR, node, "id",
                  _("The id “%s” may only hold lower-case letters a–z, digits, “-” and “_”, "
                    "and must start with a letter or a digit."), id);

  return valid;
}

static char *
register_id (LoadState  *state,
             xmlNodePtr  node)
{
  g_autofree char *id = get_attr (node, "id");
  gpointer first_line;

  if (id == NULL || id[0] == '\0')
    return NULL;

  check_id_form (state, node, id);

  if (g_hash_table_lookup_extended (state->ids, id, NULL, &first_line))
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, "id",
                    _("The id “%s” is already used on line %d. Every id must be unique within "
                      "a module."), id, GPOINTER_TO_INT (first_line));
    }
  else
    g_hash_table_insert (state->ids, g_strdup (id), GINT_TO_POINTER (xmlGetLineNo (node)));

  return g_steal_pointer (&id);
}

/* Accepts SS, SS.mmm, M:SS, H:MM:SS with optional .mmm; returns -1 when invalid */
gint64
bekal_loader_parse_time (const char *value)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  gint64 total_ms = 0;

  if (value == NULL || value[0] == '\0')
    return -1;

  parts = g_strsplit (value, ":", -1);
  n_parts = g_strv_length (parts);
  if (n_parts > 3)
    return -1;

  for (guint i = 0; i < n_parts; i++)
    {
      gboolean last = i + 1 == n_parts;
      const char *part = parts[i];
      char *dot = last ? strchr (part, '.') : NULL;
      guint64 whole = 0;
      guint64 fraction_ms = 0;
      g_autofree char *whole_str = dot ? g_strndup (part, dot - part) : g_strdup (part);

      if (!g_ascii_string_to_unsigned (whole_str, 10, 0, G_MAXUINT32, &whole, NULL))
        return -1;
      /* after a colon, always two digits from 00 to 59 */
      if (i > 0 && (whole > 59 || strlen (whole_str) != 2))
        return -1;
      if (dot != NULL)
        {
          const char *digits = dot + 1;
          guint n_digits = (guint) strlen (digits);
          guint64 value_digits = 0;

          if (n_digits == 0 || n_digits > 3
              || !g_ascii_string_to_unsigned (digits, 10, 0, 999, &value_digits, NULL))
            return -1;
          fraction_ms = value_digits * (n_digits == 1 ? 100 : n_digits == 2 ? 10 : 1);
        }

      total_ms = total_ms * 60 + (gint64) whole;
      if (last)
        total_ms = total_ms * 1000 + (gint64) fraction_ms;
    }

  return total_ms;
}

/* Helpers: media references */

static gboolean
looks_like_uri (const char *ref)
{
  const char *p = ref;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '.' || *p == '-')
    p++;

  /* one letter before the colon is a drive letter, which is an absolute path */
  return *p == ':' && p - ref > 1;
}

static gboolean
has_parent_component (const char *ref)
{
  g_auto(GStrv) parts = g_strsplit_set (ref, "/\\", -1);

  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;

  return FALSE;
}

static gboolean
path_is_inside (const char *real_path,
                const char *real_folder)
{
  g_autofree char *prefix = g_strconcat (real_folder, G_DIR_SEPARATOR_S, NULL);

  return g_str_has_prefix (real_path, prefix);
}

/* The canonical path of a media folder, resolved once per loader; a folder that did not exist
 * is looked for again, since it may have been created since */
static const char *
real_media_dir (BekalLoader *self,
                guint        index)
{
  char *real_dir;

  if (self->real_media_dirs[index][0] != '\0')
    return self->real_media_dirs[index];

  real_dir = realpath (self->media_dirs[index], NULL);
  if (real_dir == NULL)
    return NULL;

  g_free (self->real_media_dirs[index]);
  self->real_media_dirs[index] = g_strdup (real_dir);
  free (real_dir);

  return self->real_media_dirs[index];
}

/* Resolves a media or figure reference; returns the absolute path or NULL with a diagnostic */
static char *
resolve_ref (LoadState  *state,
             xmlNodePtr  node,
             const char *attr)
{
  g_autofree char *ref = get_attr (node, attr);

  if (ref == NULL)
    return NULL;

  if (ref[0] == '\0')
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                    _("The file name in “%s” is empty."), attr);
      return NULL;
    }

  if (g_str_has_prefix (ref, "media:"))
    {
      const char *name = ref + strlen ("media:");
      const char * const *dirs = (const char * const *) state->loader->media_dirs;
      g_autofree char *searched = NULL;

      if (name[0] == '\0' || name[0] == '/' || name[0] == '\\' || has_parent_component (name))
        {
          attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                        _("“%s” is not a valid media name: after “media:” write only the file "
                          "name, for example media:interview-01.webm."), ref);
          return NULL;
        }

      for (guint i = 0; dirs && dirs[i]; i++)
        {
          g_autofree char *candidate = g_build_filename (dirs[i], name, NULL);
          const char *real_dir = real_media_dir (state->loader, i);
          g_autofree char *real_candidate = NULL;

          if (real_dir == NULL)
            continue;
          real_candidate = realpath (candidate, NULL);
          if (real_candidate == NULL)
            continue;
          if (!path_is_inside (real_candidate, real_dir))
            continue;
          if (!g_file_test (real_candidate, G_FILE_TEST_IS_REGULAR))
            continue;

          return g_steal_pointer (&real_candidate);
        }

      searched = dirs && dirs[0] ? g_strjoinv (", ", (char **) dirs) : g_strdup (_("(none)"));
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                    _("The media file “%s” was not found in the media folders (%s). Copy the "
                      "file into one of them, or correct the name."), name, searched);
      return NULL;
    }

  if (looks_like_uri (ref))
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                    _("“%s” is a web address. Bekal works offline and never downloads: copy "
                      "the file into the module folder and write its file name."), ref);
      return NULL;
    }

  if (g_path_is_absolute (ref) || ref[0] == '\\' || (g_ascii_isalpha (ref[0]) && ref[1] == ':'))
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                    _("“%s” is an absolute path, which will not exist on another computer. "
                      "Copy the file into the module folder and write a path relative to "
                      "it."), ref);
      return NULL;
    }

  if (has_parent_component (ref))
    {
      attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                    _("“%s” points outside the module folder (“..”). Keep every file of a "
                      "module inside its folder."), ref);
      return NULL;
    }

  {
    g_autofree char *candidate = g_build_filename (state->folder, ref, NULL);
    g_autofree char *real_candidate = realpath (candidate, NULL);

    if (real_candidate == NULL)
      {
        attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                      _("The file “%s” does not exist in the module folder %s."), ref,
                      state->folder);
        return NULL;
      }

    if (state->real_folder == NULL || !path_is_inside (real_candidate, state->real_folder))
      {
        attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                      _("“%s” is a link that points outside the module folder. Copy the "
                        "file itself into the module folder."), ref);
        return NULL;
      }

    if (!g_file_test (real_candidate, G_FILE_TEST_IS_REGULAR))
      {
        attr_problem (state, BEKAL_SEVERITY_ERROR, node, attr,
                      _("“%s” is not a regular file."), ref);
        return NULL;
      }

    return g_steal_pointer (&real_candidate);
  }
}

/* Building the model */

static BekalQuestionType
question_type_from_string (const char *value,
                           gboolean   *ok)
{
  static const char * const names[] = {
    "single", "multiple", "truefalse", "order", "match", "scale"
  };

  *ok = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (value, names[i]) == 0)
      return i;

  *ok = FALSE;
  return BEKAL_QUESTION_SINGLE;
}

static void
check_option_id (LoadState   *state,
                 xmlNodePtr   node,
                 GHashTable  *option_ids,
                 const char  *id)
{
  if (id == NULL)
    return;

  if (!g_hash_table_add (option_ids, g_strdup (id)))
    attr_problem (state, BEKAL_SEVERITY_ERROR, node, "id",
                  _("The id “%s” is used twice within this question."), id);
}

static BekalQuestion *
build_question (LoadState  *state,
                xmlNodePtr  node)
{
  BekalQuestion *question = bekal_question_new_empty ();
  g_autoptr(GHashTable) option_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autofree char *type = get_attr (node, "type");
  gboolean type_ok;

  question->id = register_id (state, node);
  question->topic_id = get_attr (node, "topic");
  question->kind = question_type_from_string (type, &type_ok);
  question->line = (int) xmlGetLineNo (node);
  question->prompt = read_text (state, first_child (node, "prompt"));
  if (first_child (node, "explanation"))
    question->explanation = read_text (state, first_child (node, "explanation"));

  if (question->kind == BEKAL_QUESTION_TRUEFALSE)
    {
      g_autofree char *answer = get_attr (node, "answer");
      gboolean answer_true = g_strcmp0 (answer, "true") == 0;
      const char *values[] = { "true", "false" };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          BekalOption *option = bekal_option_new_empty ();

          option->id = g_strdup (values[i]);
          option->text = bekal_text_new_plain (values[i]);
          option->correct = (i == 0) == answer_true;
          g_ptr_array_add (question->options, option);
        }

      FOR_EACH_ELEMENT (child, node)
        {
          g_autofree char *for_value = NULL;
          BekalOption *option;

          if (!node_name_is (child, "feedback"))
            continue;

          for_value = get_attr (child, "for");
          option = bekal_question_find_option (question, for_value);
          if (option == NULL)
            continue;
          if (option->feedback != NULL)
            node_problem (state, BEKAL_SEVERITY_ERROR, child,
                          _("There are two <feedback for=\"%s\"> in this question."), for_value);
          else
            option->feedback = read_text (state, child);
        }
    }
  else if (question->kind == BEKAL_QUESTION_SCALE)
    {
      parse_int_attr (state, node, "min", -100, 100, &question->scale_min);
      parse_int_attr (state, node, "max", -100, 100, &question->scale_max);

      if (question->scale_min >= question->scale_max)
        node_problem (state, BEKAL_SEVERITY_ERROR, node,
                      _("A scale must go from a smaller to a larger number (min=%d, max=%d)."),
                      question->scale_min, question->scale_max);

      FOR_EACH_ELEMENT (child, node)
        {
          BekalOption *option;
          int value = 0;

          if (!node_name_is (child, "label"))
            continue;

          if (parse_int_attr (state, child, "value", -100, 100, &value)
              && (value < question->scale_min || value > question->scale_max))
            attr_problem (state, BEKAL_SEVERITY_ERROR, child, "value",
                          _("The label value %d lies outside the scale (%d to %d)."), value,
                          question->scale_min, question->scale_max);

          option = bekal_option_new_empty ();
          option->id = get_attr (child, "value");
          option->text = read_text (state, child);
          option->line = (int) xmlGetLineNo (child);
          check_option_id (state, child, option_ids, option->id);
          g_ptr_array_add (question->options, option);
        }
    }
  else
    {
      const char *child_name = question->kind == BEKAL_QUESTION_ORDER ? "item"
                               : question->kind == BEKAL_QUESTION_MATCH ? "pair"
                               : "option";

      FOR_EACH_ELEMENT (child, node)
        {
          BekalOption *option;

          if (!node_name_is (child, child_name))
            continue;

          option = bekal_option_new_empty ();
          option->id = get_attr (child, "id");
          option->line = (int) xmlGetLineNo (child);
          if (option->id)
            check_id_form (state, child, option->id);
          check_option_id (state, child, option_ids, option->id);

          if (question->kind == BEKAL_QUESTION_MATCH)
            {
              option->text = read_text (state, first_child (child, "left"));
              option->match_text = read_text (state, first_child (child, "right"));
            }
          else
            {
              option->text = read_text (state, child);
              option->correct = parse_bool_attr (child, "correct", FALSE);
              if (first_child (child, "feedback"))
                option->feedback = read_text (state, first_child (child, "feedback"));
            }

          g_ptr_array_add (question->options, option);
        }
    }

  return question;
}

static BekalQuiz *
build_quiz (LoadState  *state,
            xmlNodePtr  node)
{
  BekalQuiz *quiz = bekal_quiz_new_empty ();
  g_autofree char *role = get_attr (node, "role");
  guint value = 0;

  quiz->id = register_id (state, node);
  quiz->line = (int) xmlGetLineNo (node);
  quiz->title = read_child_plain (state, node, "title");
  quiz->role = g_strcmp0 (role, "pretest") == 0 ? BEKAL_QUIZ_PRETEST
               : g_strcmp0 (role, "posttest") == 0 ? BEKAL_QUIZ_POSTTEST
               : BEKAL_QUIZ_PRACTICE;
  quiz->shuffle = parse_bool_attr (node, "shuffle", FALSE);
  quiz->pool_id = get_attr (node, "pool");

  if (parse_uint_attr (state, node, "draw", 10000, &value))
    quiz->draw = value;
  if (parse_uint_attr (state, node, "pass", 100, &value))
    quiz->pass_mark = (int) value;
  if (parse_uint_attr (state, node, "retakes", 10000, &value))
    quiz->retakes = (int) value;
  if (parse_uint_attr (state, node, "time-limit", 10000, &value))
    quiz->time_limit_minutes = value;

  FOR_EACH_ELEMENT (child, node)
    {
      BekalQuestion *question;

      if (!node_name_is (child, "question"))
        continue;

      question = build_question (state, child);
      g_ptr_array_add (quiz->questions, question);
      if (question->id && !g_hash_table_contains (state->module->questions_by_id, question->id))
        g_hash_table_insert (state->module->questions_by_id, question->id, question);
    }

  g_ptr_array_add (state->module->quizzes, g_object_ref (quiz));

  return quiz;
}

static BekalMedia *
build_media (LoadState  *state,
             xmlNodePtr  node,
             gboolean    is_video)
{
  BekalMedia *media = bekal_media_new_empty (is_video);
  g_autoptr(GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  gint64 last_chapter = -1;

  media->id = register_id (state, node);
  media->line = (int) xmlGetLineNo (node);
  media->src = get_attr (node, "src");
  media->path = resolve_ref (state, node, "src");
  media->poster_src = get_attr (node, "poster");
  media->poster_path = resolve_ref (state, node, "poster");
  media->title = read_child_plain (state, node, "title");
  media->content_note = read_child_plain (state, node, "content-note");

  FOR_EACH_ELEMENT (child, node)
    {
      if (node_name_is (child, "subtitles"))
        {
          BekalSubtitleTrack track = { 0, };

          track.language = get_lang (child);
          track.src = get_attr (child, "src");
          track.path = resolve_ref (state, child, "src");

          if (track.language && !g_hash_table_add (languages, g_strdup (track.language)))
            node_problem (state, BEKAL_SEVERITY_ERROR, child,
                          _("There are two subtitle files for the language “%s”."),
                          track.language);

          g_array_append_val (media->subtitles, track);
        }
      else if (node_name_is (child, "chapter") || node_name_is (child, "checkpoint"))
        {
          g_autofree char *at = get_attr (child, "at");
          gint64 at_ms = bekal_loader_parse_time (at);

          if (at_ms < 0)
            {
              attr_problem (state, BEKAL_SEVERITY_ERROR, child, "at",
                            _("“%s” is not a time. Write seconds (75), minutes and seconds "
                              "(1:15) or hours too (0:01:15)."), at ? at : "");
              continue;
            }

          if (node_name_is (child, "chapter"))
            {
              BekalChapter chapter = { at_ms, read_plain (state, child) };

              if (at_ms <= last_chapter)
                attr_problem (state, BEKAL_SEVERITY_WARNING, child, "at",
                              _("This chapter starts at or before the previous one; list chapters "
                                "in the order they appear."));
              last_chapter = at_ms;
              g_array_append_val (media->chapters, chapter);
            }
          else
            {
              BekalCheckpoint checkpoint = { at_ms, get_attr (child, "question") };
              int line = (int) xmlGetLineNo (child);

              g_array_append_val (media->checkpoints, checkpoint);
              g_array_append_val (state->checkpoint_lines, line);
            }
        }
    }

  g_ptr_array_add (state->module->media, g_object_ref (media));

  return media;
}

static BekalBlock *
build_block (LoadState  *state,
             xmlNodePtr  node)
{
  BekalBlock *block = NULL;

  if (node_name_is (node, "heading") || node_name_is (node, "p"))
    {
      block = bekal_block_new_empty (node_name_is (node, "p") ? BEKAL_BLOCK_PARAGRAPH
                                                               : BEKAL_BLOCK_HEADING);
      block->text = read_text (state, node);
    }
  else if (node_name_is (node, "list"))
    {
      g_autofree char *kind = get_attr (node, "kind");

      block = bekal_block_new_empty (BEKAL_BLOCK_LIST);
      block->list_numbered = g_strcmp0 (kind, "number") == 0;
      FOR_EACH_ELEMENT (child, node)
        if (node_name_is (child, "item"))
          g_ptr_array_add (block->items, read_text (state, child));
    }
  else if (node_name_is (node, "note"))
    {
      g_autofree char *kind = get_attr (node, "kind");

      block = bekal_block_new_empty (BEKAL_BLOCK_NOTE);
      block->note_kind = g_strcmp0 (kind, "important") == 0 ? BEKAL_NOTE_IMPORTANT
                         : g_strcmp0 (kind, "care") == 0 ? BEKAL_NOTE_CARE
                         : BEKAL_NOTE_TIP;
      block->text = read_text (state, node);
    }
  else if (node_name_is (node, "figure"))
    {
      block = bekal_block_new_empty (BEKAL_BLOCK_FIGURE);
      block->figure_src = get_attr (node, "src");
      block->figure_path = resolve_ref (state, node, "src");
      block->figure_alt = get_attr (node, "alt");
      block->text = read_text (state, first_child (node, "caption"));
    }
  else if (node_name_is (node, "video") || node_name_is (node, "audio"))
    {
      gboolean is_video = node_name_is (node, "video");

      block = bekal_block_new_empty (is_video ? BEKAL_BLOCK_VIDEO : BEKAL_BLOCK_AUDIO);
      block->media = build_media (state, node, is_video);
      block->id = g_strdup (block->media->id);
    }
  else if (node_name_is (node, "reflection"))
    {
      block = bekal_block_new_empty (BEKAL_BLOCK_REFLECTION);
      block->id = register_id (state, node);
      block->text = read_text (state, node);
    }
  else if (node_name_is (node, "quiz"))
    {
      block = bekal_block_new_empty (BEKAL_BLOCK_QUIZ);
      block->quiz = build_quiz (state, node);
      block->id = g_strdup (block->quiz->id);
    }

  if (block)
    block->line = (int) xmlGetLineNo (node);

  return block;
}

static BekalLesson *
build_lesson (LoadState  *state,
              xmlNodePtr  node)
{
  BekalLesson *lesson = bekal_lesson_new_empty ();
  guint minutes = 0;

  lesson->id = register_id (state, node);
  lesson->line = (int) xmlGetLineNo (node);
  lesson->title = read_child_plain (state, node, "title");
  lesson->content_note = read_child_plain (state, node, "content-note");
  if (parse_uint_attr (state, node, "minutes", 1000, &minutes))
    lesson->declared_minutes = minutes;

  FOR_EACH_ELEMENT (child, node)
    {
      BekalBlock *block;

      if (node_name_is (child, "title") || node_name_is (child, "content-note"))
        continue;

      block = build_block (state, child);
      if (block == NULL)
        continue;

      block->index = lesson->blocks->len;
      g_ptr_array_add (lesson->blocks, block);
    }

  return lesson;
}

static void
build_module (LoadState  *state,
              xmlNodePtr  root)
{
  BekalModule *module = state->module;
  xmlNodePtr meta = first_child (root, "meta");
  xmlNodePtr topics = first_child (root, "topics");
  xmlNodePtr glossary = first_child (root, "glossary");

  state->root_line = (int) xmlGetLineNo (root);
  module->id = register_id (state, root);
  module->version = get_attr (root, "version");
  if (module->version
      && !g_regex_match_simple ("^[0-9]+(\\.[0-9]+){0,2}$", module->version, 0, 0))
    attr_problem (state, BEKAL_SEVERITY_ERROR, root, "version",
                  _("The version “%s” must be one to three whole numbers joined by dots, such "
                    "as 1, 1.0 or 2.1.3."), module->version);
  module->language = get_lang (root);
  module->title = read_child_plain (state, root, "title");
  module->summary = read_child_plain (state, root, "summary");
  module->content_note = read_child_plain (state, root, "content-note");

  if (meta != NULL)
    {
      g_autoptr(GStrvBuilder) authors = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) sources = g_strv_builder_new ();
      xmlNodePtr duration = first_child (meta, "duration");
      guint minutes = 0;

      module->audience = read_child_plain (state, meta, "audience");
      if (duration && parse_uint_attr (state, duration, "minutes", 100000, &minutes))
        module->duration_minutes = minutes;

      FOR_EACH_ELEMENT (child, meta)
        {
          g_autofree char *text = NULL;

          if (node_name_is (child, "author") || node_name_is (child, "source"))
            text = read_plain (state, child);
          if (node_name_is (child, "author"))
            g_strv_builder_add (authors, text);
          else if (node_name_is (child, "source"))
            g_strv_builder_add (sources, text);
        }

      module->authors = g_strv_builder_end (authors);
      module->sources = g_strv_builder_end (sources);
    }
  else
    {
      module->authors = g_new0 (char *, 1);
      module->sources = g_new0 (char *, 1);
    }

  if (topics != NULL)
    FOR_EACH_ELEMENT (child, topics)
      {
        BekalTopic topic = { register_id (state, child), read_plain (state, child) };

        g_array_append_val (module->topics, topic);
      }

  if (glossary != NULL)
    FOR_EACH_ELEMENT (child, glossary)
      {
        BekalGlossaryEntry entry = {
          register_id (state, child),
          read_child_plain (state, child, "term"),
          read_child_plain (state, child, "definition"),
        };

        g_array_append_val (module->glossary, entry);
      }

  FOR_EACH_ELEMENT (child, root)
    {
      if (node_name_is (child, "lesson"))
        {
          BekalLesson *lesson = build_lesson (state, child);

          lesson->index = module->lessons->len;
          g_ptr_array_add (module->lessons, lesson);
        }
      else if (node_name_is (child, "quiz"))
        g_object_unref (build_quiz (state, child));
    }
}

/* Required attributes, checked here so that a missing one is named precisely; the schema
 * only says that something about the element's attributes is wrong */
static const struct
{
  const char *element;
  const char *attributes[4];
} required_attributes[] = {
  { "module", { "id", "version", NULL } },
  { "duration", { "minutes", NULL } },
  { "topic", { "id", NULL } },
  { "entry", { "id", NULL } },
  { "lesson", { "id", NULL } },
  { "note", { "kind", NULL } },
  { "figure", { "src", NULL } },
  { "video", { "id", "src", NULL } },
  { "audio", { "id", "src", NULL } },
  { "subtitles", { "src", NULL } },
  { "chapter", { "at", NULL } },
  { "checkpoint", { "at", "question", NULL } },
  { "reflection", { "id", NULL } },
  { "quiz", { "id", "role", NULL } },
  { "question", { "id", "topic", "type", NULL } },
  { "option", { "id", NULL } },
  { "pair", { "id", NULL } },
  { "label", { "value", NULL } },
};

static void
check_required_attributes (LoadState  *state,
                           xmlNodePtr  node)
{
  FOR_EACH_ELEMENT (child, node)
    {
      for (guint i = 0; i < G_N_ELEMENTS (required_attributes); i++)
        {
          if (!node_name_is (child, required_attributes[i].element))
            continue;

          for (guint j = 0; required_attributes[i].attributes[j]; j++)
            {
              const char *attr = required_attributes[i].attributes[j];

              if (!xmlHasProp (child, BAD_CAST attr))
                node_problem (state, BEKAL_SEVERITY_ERROR, child,
                              _("<%s> needs the attribute “%s”; see the format reference."),
                              (const char *) child->name, attr);
            }
        }

      /* an <item> of a list has no id; one of an order question needs it */
      if (node_name_is (child, "item") && node_name_is (node, "question")
          && !xmlHasProp (child, BAD_CAST "id"))
        node_problem (state, BEKAL_SEVERITY_ERROR, child,
                      _("<%s> needs the attribute “%s”; see the format reference."),
                      "item", "id");

      check_required_attributes (state, child);
    }
}

/* Checks that need the whole module */

G_GNUC_PRINTF (5, 6)
static void
line_problem (LoadState     *state,
              BekalSeverity  severity,
              const char    *element,
              int            line,
              const char    *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *needle = element ? g_strdup_printf ("<%s", element) : NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  add_diagnostic (state, severity, line, column_of (state, line, needle), message);
}

static void
check_question (LoadState     *state,
                BekalQuestion *question)
{
  guint n_correct = 0;

  if (question->topic_id && !bekal_module_find_topic (state->module, question->topic_id))
    line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                  _("Question “%s” names the topic “%s”, which is not listed in <topics>."),
                  question->id, question->topic_id);

  for (guint i = 0; i < question->options->len; i++)
    {
      BekalOption *option = g_ptr_array_index (question->options, i);

      if (option->correct)
        n_correct++;
    }

  switch (question->kind)
    {
    case BEKAL_QUESTION_SINGLE:
      if (n_correct != 1)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” is a single-choice question and needs exactly one "
                        "option with correct=\"true\"; it has %u."), question->id, n_correct);
      break;

    case BEKAL_QUESTION_MULTIPLE:
      if (n_correct < 1)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” is a multiple-choice question and needs at least one "
                        "option with correct=\"true\"."), question->id);
      break;

    case BEKAL_QUESTION_ORDER:
    case BEKAL_QUESTION_MATCH:
      if (question->options->len < 2)
        line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                      _("Question “%s” needs at least two items to put in order or to match."),
                      question->id);
      break;

    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_SCALE:
    default:
      break;
    }

  if (question->kind == BEKAL_QUESTION_SINGLE || question->kind == BEKAL_QUESTION_MULTIPLE)
    if (question->options->len < 2)
      line_problem (state, BEKAL_SEVERITY_ERROR, "question", question->line,
                    _("Question “%s” needs at least two options."), question->id);

  if (bekal_question_is_scored (question) && question->explanation == NULL)
    line_problem (state, BEKAL_SEVERITY_WARNING, "question", question->line,
                  _("Question “%s” has no <explanation>. Learners understand their mistakes "
                    "better with one."), question->id);
}

static void
check_quiz (LoadState *state,
            BekalQuiz *quiz)
{
  guint pool_size;

  if (quiz->pool_id != NULL)
    {
      BekalQuiz *pool = bekal_module_find_quiz (state->module, quiz->pool_id);

      if (pool == NULL)
        {
          line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                        _("Quiz “%s” draws from the pool “%s”, but there is no quiz with that "
                          "id."), quiz->id, quiz->pool_id);
          return;
        }
      if (pool == quiz || pool->pool_id != NULL)
        {
          line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                        _("Quiz “%s” draws from “%s”, which itself has no questions of its "
                          "own. A pool must be a quiz that holds the questions."),
                        quiz->id, quiz->pool_id);
          return;
        }
      if (quiz->questions->len > 0)
        line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                      _("Quiz “%s” draws from the pool “%s” and also has questions of its own. "
                        "Move the questions into the pool."), quiz->id, quiz->pool_id);
      quiz->pool = pool;
    }
  else if (quiz->questions->len == 0)
    {
      line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                    _("Quiz “%s” has no questions. Add <question> elements or draw from "
                      "another quiz with pool=\"…\"."), quiz->id);
      return;
    }

  pool_size = bekal_quiz_get_pool (quiz)->questions->len;
  if (quiz->draw > pool_size)
    line_problem (state, BEKAL_SEVERITY_ERROR, "quiz", quiz->line,
                  _("Quiz “%s” draws %u questions, but its pool has only %u. Lower draw or "
                    "add questions."), quiz->id, quiz->draw, pool_size);

  if (quiz->pass_mark >= 0 && quiz->role != BEKAL_QUIZ_POSTTEST)
    line_problem (state, BEKAL_SEVERITY_WARNING, "quiz", quiz->line,
                  _("Quiz “%s” has a pass mark, but only a post-test uses one."), quiz->id);

  for (guint i = 0; i < quiz->questions->len; i++)
    check_question (state, g_ptr_array_index (quiz->questions, i));
}

static void
check_media (LoadState  *state,
             BekalMedia *media,
             guint      *checkpoint_index)
{
  for (guint i = 0; i < media->checkpoints->len; i++)
    {
      const BekalCheckpoint *checkpoint = &g_array_index (media->checkpoints, BekalCheckpoint, i);
      int line = g_array_index (state->checkpoint_lines, int, (*checkpoint_index)++);

      if (checkpoint->question_id == NULL
          || !bekal_module_find_question (state->module, checkpoint->question_id))
        line_problem (state, BEKAL_SEVERITY_ERROR, "checkpoint", line,
                      _("A checkpoint of “%s” asks the question “%s”, which does not exist in "
                        "this module."), media->id,
                      checkpoint->question_id ? checkpoint->question_id : "");
    }

  if (media->subtitles->len == 0)
    line_problem (state, BEKAL_SEVERITY_WARNING, media->is_video ? "video" : "audio",
                  media->line,
                  _("“%s” has no subtitles, so it has no transcript. Learners who cannot or "
                    "do not want to listen need one."), media->id);
}

static void
check_module (LoadState *state)
{
  BekalModule *module = state->module;
  g_autofree char *file_language = bekal_loader_language_from_filename (state->path);
  guint checkpoint_index = 0;

  if (file_language && module->language
      && g_ascii_strcasecmp (file_language, module->language) != 0)
    line_problem (state, BEKAL_SEVERITY_ERROR, "module", state->root_line,
                  _("The file name says the language is “%s”, but xml:lang says “%s”. Name the "
                    "file module.%s.xml or correct xml:lang."), file_language, module->language,
                  module->language);

  for (guint i = 0; i < module->quizzes->len; i++)
    check_quiz (state, g_ptr_array_index (module->quizzes, i));

  for (guint i = 0; i < module->media->len; i++)
    check_media (state, g_ptr_array_index (module->media, i), &checkpoint_index);
}

/* Reading the file */

static char *
read_file_capped (LoadState   *state,
                  const char  *path,
                  gsize       *length,
                  GError     **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO,
                   _("Cannot open %s: %s"), path, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO,
                   _("%s is not a regular file."), path);
      close (fd);
      return NULL;
    }

  if (st.st_size > BEKAL_LOADER_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *max = g_format_size_full (BEKAL_LOADER_MAX_FILE_SIZE,
                                                 G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *message =
        g_strdup_printf (_("The file is too large (%s; the limit is %s). Split the module or "
                           "move media out of the XML file."), size, max);

      add_diagnostic (state, BEKAL_SEVERITY_ERROR, 0, 0, message);
      close (fd);
      return NULL;
    }

  buffer = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, buffer + done, (gsize) st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO,
                       _("Cannot read %s: %s"), path, g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);

  buffer[done] = '\0';
  *length = done;

  return g_steal_pointer (&buffer);
}

static void
report_invalid_utf8 (LoadState *state)
{
  const char *end = NULL;
  int line = 1;
  int column = 1;

  if (g_utf8_validate_len (state->buffer, state->length, &end))
    return;

  for (const char *p = state->buffer; p < end; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }

  add_diagnostic (state, BEKAL_SEVERITY_ERROR, line, column,
                  *end == '\0'
                  ? _("The file contains a zero byte; it is not a text file. Save the module "
                      "as UTF-8 text.")
                  : _("The file is not valid UTF-8 text here. Save it with the UTF-8 encoding "
                      "(in most editors: “Save as”, then choose UTF-8)."));
}

static gboolean
check_root (LoadState *state,
            xmlDocPtr  doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);

  if (root == NULL)
    {
      add_diagnostic (state, BEKAL_SEVERITY_ERROR, 1, 1,
                      _("The file contains no <module> element."));
      return FALSE;
    }

  if (!node_name_is (root, "module"))
    {
      node_problem (state, BEKAL_SEVERITY_ERROR, root,
                    _("The file starts with <%s>, but a module file must start with "
                      "<module>. Is this really a Bekal module?"), (const char *) root->name);
      return FALSE;
    }

  if (root->ns == NULL || !xmlStrEqual (root->ns->href, BAD_CAST MODULE_NS))
    {
      node_problem (state, BEKAL_SEVERITY_ERROR, root,
                    _("<module> has the wrong namespace (%s). Write <module xmlns=\"%s\" …>."),
                    root->ns ? (const char *) root->ns->href : _("none"), MODULE_NS);
      return FALSE;
    }

  return TRUE;
}

static void
load_state_clear (LoadState *state)
{
  g_clear_pointer (&state->folder, g_free);
  g_clear_pointer (&state->real_folder, free);
  g_clear_pointer (&state->line_starts, g_array_unref);
  g_clear_pointer (&state->rng_vague, g_ptr_array_unref);
  if (state->text_run)
    g_string_free (g_steal_pointer (&state->text_run), TRUE);
  g_clear_pointer (&state->ids, g_hash_table_unref);
  g_clear_pointer (&state->checkpoint_lines, g_array_unref);
  g_clear_object (&state->module);
}

static void
install_entity_loader (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialized, 1);
    }
}

/* Overrides */

static void
bekal_loader_finalize (GObject *object)
{
  BekalLoader *self = BEKAL_LOADER (object);

  g_strfreev (self->media_dirs);
  g_strfreev (self->real_media_dirs);

  G_OBJECT_CLASS (bekal_loader_parent_class)->finalize (object);
}

static void
bekal_loader_class_init (BekalLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_loader_finalize;
}

static void
bekal_loader_init (BekalLoader *self)
{
  install_entity_loader ();
}

/* Public API */

BekalLoader *
bekal_loader_new (const char * const *media_dirs)
{
  BekalLoader *self = g_object_new (BEKAL_TYPE_LOADER, NULL);

  self->media_dirs = g_strdupv ((char **) media_dirs);
  if (self->media_dirs == NULL)
    self->media_dirs = g_new0 (char *, 1);

  self->real_media_dirs = g_new0 (char *, g_strv_length (self->media_dirs) + 1);
  for (guint i = 0; self->media_dirs[i]; i++)
    self->real_media_dirs[i] = g_strdup ("");

  return self;
}

const char * const *
bekal_loader_get_media_dirs (BekalLoader *self)
{
  g_return_val_if_fail (BEKAL_IS_LOADER (self), NULL);
  return (const char * const *) self->media_dirs;
}

char *
bekal_loader_language_from_filename (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *lang;
  gsize len;

  if (!g_str_has_prefix (base, "module.") || !g_str_has_suffix (base, ".xml"))
    return NULL;

  lang = base + strlen ("module.");
  len = strlen (lang) - strlen (".xml");
  if (len == 0 || len > 16)
    return NULL;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (lang[i]) && lang[i] != '-' && lang[i] != '_')
      return NULL;

  return g_strndup (lang, len);
}

gboolean
bekal_loader_folder_has_module_file (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *language = bekal_loader_language_from_filename (name);

      if (language != NULL)
        return TRUE;
    }

  return FALSE;
}

guint
bekal_loader_get_refused_loads (void)
{
  return (guint) g_atomic_int_get (&refused_loads);
}

/* Like bekal_loader_load_file(); when the file follows the schema but fails a later check,
 * @partial receives the model anyway, so that translations can still be compared with it */
static BekalModule *
load_file_full (BekalLoader  *self,
                const char   *path,
                GPtrArray    *diagnostics,
                BekalModule **partial,
                GError      **error)
{
  LoadState state = { 0, };
  gboolean follows_schema = FALSE;
  g_autofree char *buffer = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  xmlDocPtr doc;
  BekalModule *result = NULL;

  g_return_val_if_fail (BEKAL_IS_LOADER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  state.loader = self;
  state.path = path;
  state.diagnostics = diagnostics;

  buffer = read_file_capped (&state, path, &state.length, error);
  if (buffer == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID,
                     _("%s is not a valid module."), path);
      return NULL;
    }

  state.buffer = buffer;
  absolute = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (absolute);
  state.folder = g_steal_pointer (&dir);
  state.real_folder = realpath (state.folder, NULL);
  state.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.checkpoint_lines = g_array_new (FALSE, FALSE, sizeof (int));
  state.rng_vague = g_ptr_array_new ();
  state.text_run = g_string_sized_new (256);

  if (state.length == 0)
    add_diagnostic (&state, BEKAL_SEVERITY_ERROR, 0, 0,
                    _("The file is empty. A module file starts with <?xml version=\"1.0\" "
                      "encoding=\"UTF-8\"?> followed by <module>."));
  else
    report_invalid_utf8 (&state);

  if (state.n_errors > 0)
    goto out;

  doc = parse_buffer (&state);
  if (doc == NULL)
    {
      if (state.n_errors == 0)
        add_diagnostic (&state, BEKAL_SEVERITY_ERROR, 0, 0,
                        _("The file could not be read as XML."));
      goto out;
    }

  if (check_root (&state, doc))
    {
      guint errors_before = state.n_errors;

      validate_with_schema (&state, doc);
      follows_schema = state.n_errors == errors_before;

      state.module = bekal_module_new_empty ();
      state.module->path = g_steal_pointer (&absolute);
      state.module->folder = g_strdup (state.folder);
      build_module (&state, xmlDocGetRootElement (doc));
      /* the schema enforces them already; this only names what it found missing */
      if (!follows_schema)
        check_required_attributes (&state, (xmlNodePtr) doc);
      check_module (&state);
      drop_vague_schema_errors (&state);
    }

  xmlFreeDoc (doc);

  if (state.n_errors == 0)
    result = g_steal_pointer (&state.module);
  else if (partial != NULL && follows_schema)
    *partial = g_steal_pointer (&state.module);

out:
  if (result == NULL)
    g_set_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s has %u error.", "%s has %u errors.",
                              state.n_errors),
                 path, state.n_errors);

  load_state_clear (&state);

  return result;
}

BekalModule *
bekal_loader_load_file (BekalLoader  *self,
                        const char   *path,
                        GPtrArray    *diagnostics,
                        GError      **error)
{
  return load_file_full (self, path, diagnostics, NULL, error);
}

/* Translations */

typedef struct
{
  char *key;  /* what must be the same in every language */
  int   line;
} ShapeItem;

static void
clear_shape_item (ShapeItem *item)
{
  g_free (item->key);
}

static void
add_shape (GArray     *shape,
           int         line,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_shape (GArray     *shape,
           int         line,
           const char *format,
           ...)
{
  ShapeItem item;
  va_list args;

  va_start (args, format);
  item.key = g_strdup_vprintf (format, args);
  va_end (args);
  item.line = line;

  g_array_append_val (shape, item);
}

static void
quiz_shape (GArray    *shape,
            BekalQuiz *quiz)
{
  add_shape (shape, quiz->line, "<quiz id=\"%s\" role=\"%s\" pool=\"%s\" draw=\"%u\">", quiz->id,
             bekal_quiz_role_to_string (quiz->role), quiz->pool_id ? quiz->pool_id : "",
             quiz->draw);

  for (guint i = 0; i < quiz->questions->len; i++)
    {
      BekalQuestion *question = g_ptr_array_index (quiz->questions, i);

      add_shape (shape, question->line, "<question id=\"%s\" type=\"%s\" topic=\"%s\">",
                 question->id,
                 bekal_question_type_to_string (question->kind), question->topic_id);
      for (guint j = 0; j < question->options->len; j++)
        {
          BekalOption *option = g_ptr_array_index (question->options, j);

          add_shape (shape, option->line ? option->line : question->line,
                     "<option id=\"%s\"%s> in question “%s”", option->id,
                     option->correct ? " correct=\"true\"" : "", question->id);
        }
    }
}

/* What must be the same in every language, without the text: @ids gets every element that
 * has an id (with the attributes that matter), @structure gets the kinds of blocks of each
 * lesson, in document order */
static void
module_shape (BekalModule *module,
              GArray      *ids,
              GArray      *structure)
{
  add_shape (ids, 1, "<module id=\"%s\" version=\"%s\">", module->id, module->version);
  for (guint i = 0; i < module->topics->len; i++)
    add_shape (ids, 1, "<topic id=\"%s\">", g_array_index (module->topics, BekalTopic, i).id);
  for (guint i = 0; i < module->glossary->len; i++)
    add_shape (ids, 1, "<entry id=\"%s\">",
               g_array_index (module->glossary, BekalGlossaryEntry, i).id);

  for (guint i = 0; i < module->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (module->lessons, i);
      g_autoptr(GString) kinds = g_string_new (NULL);

      add_shape (ids, lesson->line, "<lesson id=\"%s\">", lesson->id);
      for (guint j = 0; j < lesson->blocks->len; j++)
        {
          BekalBlock *block = g_ptr_array_index (lesson->blocks, j);

          g_string_append_printf (kinds, "%s%s", j > 0 ? ", " : "",
                                  bekal_block_kind_to_string (block->kind));
          if (block->kind == BEKAL_BLOCK_REFLECTION)
            add_shape (ids, block->line, "<reflection id=\"%s\">", block->id);
          if (block->media)
            {
              add_shape (ids, block->line, "<%s id=\"%s\">",
                         bekal_block_kind_to_string (block->kind),
                         block->id);
              for (guint k = 0; k < block->media->checkpoints->len; k++)
                add_shape (ids, block->line, "<checkpoint question=\"%s\"> in “%s”",
                           g_array_index (block->media->checkpoints, BekalCheckpoint,
                                          k).question_id, block->id);
            }
        }
      add_shape (structure, lesson->line, "<lesson id=\"%s\"> with the blocks %s", lesson->id,
                 kinds->str);
    }

  for (guint i = 0; i < module->quizzes->len; i++)
    quiz_shape (ids, g_ptr_array_index (module->quizzes, i));
}

static GArray *
shape_new (void)
{
  GArray *shape = g_array_new (FALSE, TRUE, sizeof (ShapeItem));

  g_array_set_clear_func (shape, (GDestroyNotify) clear_shape_item);
  return shape;
}

static void
add_translation_problem (GPtrArray   *diagnostics,
                         BekalModule *translation,
                         int          line,
                         char        *message)
{
  g_ptr_array_add (diagnostics, bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, translation->path,
                                                      line, 0, message));
  g_free (message);
}

/* Reports what one list has and the other lacks; returns how many differences there are */
static guint
compare_sets (GArray      *a,
              GArray      *b,
              BekalModule *translation,
              const char  *original_name,
              GPtrArray   *diagnostics)
{
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint i = 0; i < a->len; i++)
    g_hash_table_add (in_a, g_array_index (a, ShapeItem, i).key);
  for (guint i = 0; i < b->len; i++)
    g_hash_table_add (in_b, g_array_index (b, ShapeItem, i).key);

  for (guint i = 0; i < b->len; i++)
    {
      const ShapeItem *item = &g_array_index (b, ShapeItem, i);

      if (g_hash_table_contains (in_a, item->key))
        continue;

      add_translation_problem (diagnostics, translation, item->line,
                               g_strdup_printf (_("The translation has %s, which the original "
                                                  "%s does not have. A translation must keep "
                                                  "the same structure and ids."),
                                                item->key, original_name));
      n++;
    }

  for (guint i = 0; i < a->len; i++)
    {
      const ShapeItem *item = &g_array_index (a, ShapeItem, i);

      if (g_hash_table_contains (in_b, item->key))
        continue;

      add_translation_problem (diagnostics, translation, 1,
                               g_strdup_printf (_("The translation lacks %s, which the "
                                                  "original %s has on line %d."),
                                                item->key, original_name, item->line));
      n++;
    }

  return n;
}

/* Reports the first place where two lists with the same items differ in order */
static guint
compare_order (GArray      *a,
               GArray      *b,
               BekalModule *translation,
               const char  *original_name,
               GPtrArray   *diagnostics)
{
  for (guint i = 0; i < MIN (a->len, b->len); i++)
    {
      const ShapeItem *x = &g_array_index (a, ShapeItem, i);
      const ShapeItem *y = &g_array_index (b, ShapeItem, i);

      if (g_str_equal (x->key, y->key))
        continue;

      add_translation_problem (diagnostics, translation, y->line,
                               g_strdup_printf (_("The translation differs from the original "
                                                  "%s here: it has %s where the original has "
                                                  "%s (line %d)."),
                                                original_name, y->key, x->key, x->line));
      return 1;
    }

  return 0;
}

static void
compare_translation (BekalModule *original,
                     BekalModule *translation,
                     GPtrArray   *diagnostics)
{
  g_autoptr(GArray) ids_a = shape_new ();
  g_autoptr(GArray) ids_b = shape_new ();
  g_autoptr(GArray) structure_a = shape_new ();
  g_autoptr(GArray) structure_b = shape_new ();
  g_autofree char *original_name = g_path_get_basename (original->path);

  module_shape (original, ids_a, structure_a);
  module_shape (translation, ids_b, structure_b);

  /* different ids explain everything else, so the structure is compared only without them */
  if (compare_sets (ids_a, ids_b, translation, original_name, diagnostics) > 0)
    return;
  if (compare_order (ids_a, ids_b, translation, original_name, diagnostics) > 0)
    return;
  if (compare_sets (structure_a, structure_b, translation, original_name, diagnostics) > 0)
    return;
  compare_order (structure_a, structure_b, translation, original_name, diagnostics);
}

GHashTable *
bekal_loader_load_folder (BekalLoader  *self,
                          const char   *folder,
                          GPtrArray    *diagnostics,
                          GError      **error)
{
  g_autoptr(GHashTable) variants = NULL;
  g_autoptr(GHashTable) comparable = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  BekalModule *original = NULL;
  const char *name;

  g_return_val_if_fail (BEKAL_IS_LOADER (self), NULL);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *language = bekal_loader_language_from_filename (name);

      if (language != NULL)
        g_ptr_array_add (files, g_build_filename (folder, name, NULL));
    }

  if (files->len == 0)
    {
      g_set_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO,
                   _("%s holds no module file (module.LANG.xml, for example module.id.xml)."),
                   folder);
      return NULL;
    }

  g_ptr_array_sort (files, bekal_compare_strings);
  variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  /* every variant that follows the schema, valid or not, for comparing translations */
  comparable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) local_error = NULL;
      BekalModule *partial = NULL;
      BekalModule *module = load_file_full (self, path, diagnostics, &partial, &local_error);

      if (module == NULL)
        {
          if (g_error_matches (local_error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_IO))
            g_ptr_array_add (diagnostics,
                             bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, path, 0, 0,
                                                   local_error->message));
          if (partial != NULL)
            g_hash_table_insert (comparable, bekal_loader_language_from_filename (path), partial);
          continue;
        }

      g_hash_table_insert (variants, bekal_loader_language_from_filename (path), module);
      g_hash_table_insert (comparable, bekal_loader_language_from_filename (path),
                           g_object_ref (module));
    }

  /* Indonesian is the language modules are written in; the others are translations of it */
  original = g_hash_table_lookup (comparable, "id");
  for (guint i = 0; i < files->len && original == NULL; i++)
    {
      g_autofree char *language =
        bekal_loader_language_from_filename (g_ptr_array_index (files, i));
      original = g_hash_table_lookup (comparable, language);
    }

  if (original != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, comparable);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (value != original)
          compare_translation (original, value, diagnostics);
    }

  return g_steal_pointer (&variants);
}
