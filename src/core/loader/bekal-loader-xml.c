/* bekal-loader-xml.c: reading a module file safely: size and encoding limits, and a
 * libxml2 parser that never loads entities, DTDs, other files or the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "bekal-loader-private.h"

static guint refused_loads;
/* the loader libxml2 had before Bekal's, for the trusted sections below */
static xmlExternalEntityLoader default_entity_loader;
/* how deep the calling thread is in bekal_loader_begin_trusted_xml() sections */
static _Thread_local guint trusted_depth;

/* Helpers: safe parsing */

/* Nothing in a module may make the parser read another file or the network */
static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  /* a library of the app reading its own installed files, on a thread that said so */
  if (trusted_depth > 0 && default_entity_loader != NULL)
    return default_entity_loader (url, id, ctxt);

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

  bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                               ctxt->input ? ctxt->input->col : 0,
                               _("The file declares entities in a DOCTYPE. Module files may not "
                                 "declare entities: remove the <!DOCTYPE …> part and write the "
                                 "text directly."));
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
      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                                   1,
                                   _("The file refers to an external DTD. Module files are never "
                                     "checked against a DTD and may not point to other files: "
                                     "remove the <!DOCTYPE …> line."));
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

      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                                   ctxt->input ? ctxt->input->col : 0, message);
      stop_parser (state);
      return;
    }

  if (uri != NULL && (xmlStrEqual (uri, BAD_CAST "http://www.w3.org/2001/XInclude")
                      || xmlStrEqual (uri, BAD_CAST "http://www.w3.org/2003/XInclude")))
    bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, ctxt->input ? ctxt->input->line : 0,
                                 ctxt->input ? ctxt->input->col : 0,
                                 _("XInclude is not supported: a module file must hold all of "
                                   "its text itself. Copy the text into the module instead of "
                                   "including it."));

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

char *
bekal_loader_trim_libxml_message (const char *message)
{
  char *copy = g_strdup (message ? message : "");

  return g_strstrip (copy);
}

static char *
describe_parse_error (const xmlError *error)
{
  g_autofree char *raw = bekal_loader_trim_libxml_message (error->message);

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

  /* an element left open is the author's mistake at its start tag, not where the parser
   * noticed: say so there */
  if ((error->code == XML_ERR_TAG_NAME_MISMATCH || error->code == XML_ERR_TAG_NOT_FINISHED)
      && error->str1 != NULL && error->int1 > 0)
    {
      g_autofree char *needle = g_strdup_printf ("<%s", error->str1);
      int line = error->int1;

      if (error->code == XML_ERR_TAG_NAME_MISMATCH && line == error->line && error->str2)
        message = g_strdup_printf (_("<%s> is closed with </%s>: write </%s>."), error->str1,
                                   error->str2, error->str1);
      else if (error->code == XML_ERR_TAG_NAME_MISMATCH && error->str2)
        message = g_strdup_printf (_("<%s> is not closed: write </%s> where it ends, before "
                                     "</%s> on line %d."), error->str1, error->str1,
                                   error->str2, error->line);
      else
        message = g_strdup_printf (_("<%s> is not closed: write </%s> where it ends. (The "
                                     "file ends before that; it may also be cut off.)"),
                                   error->str1, error->str1);
      if (line == error->line && error->code == XML_ERR_TAG_NAME_MISMATCH && error->str2)
        {
          g_autofree char *closing = g_strdup_printf ("</%s", error->str2);

          bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, line,
                                       bekal_loader_column_of (state, line, closing), message);
        }
      else
        bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, line,
                                     bekal_loader_column_of (state, line, needle), message);
      return;
    }

  message = describe_parse_error (error);
  bekal_loader_add_diagnostic (state,
                               error->level == XML_ERR_WARNING ? BEKAL_SEVERITY_WARNING
                                                               : BEKAL_SEVERITY_ERROR,
                               error->line, error->int2, message);
}

/* Skips from @p to just after @terminator, counting lines; returns @end when it is missing */
static const char *
skip_past (const char  *p,
           const char  *end,
           const char  *terminator,
           int         *line,
           const char **line_start)
{
  gsize length = strlen (terminator);

  for (; p + length <= end; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *line_start = p + 1;
        }
      else if (*p == terminator[0] && memcmp (p, terminator, length) == 0)
        return p + length;
    }

  return end;
}

/* libxml2 checks the attributes of a tag for duplicates by comparing every pair, and adds each
 * one at the end of a list it walks from the start: one tag with 100 000 attributes took
 * seconds before anything else could look at it. No element of a module has more than a
 * dozen, so tags with more are refused before libxml2 reads the file. */
static gboolean
check_attribute_counts (LoadState *state)
{
  const char *p = state->buffer;
  const char *end = state->buffer + state->length;
  const char *line_start = p;
  int line = 1;

  while (p < end)
    {
      const char *tag = p;
      int tag_line;
      guint n_attributes = 0;
      char quote = 0;

      if (*p == '\n')
        {
          line++;
          line_start = p + 1;
        }
      if (*p != '<')
        {
          p++;
          continue;
        }

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          p = skip_past (p + 4, end, "-->", &line, &line_start);
          continue;
        }
      if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
        {
          p = skip_past (p + 9, end, "]]>", &line, &line_start);
          continue;
        }
      if (end - p >= 2 && (p[1] == '?' || p[1] == '!'))
        {
          /* a DOCTYPE, whose entities are refused later anyway, or a processing instruction */
          p = skip_past (p + 2, end, ">", &line, &line_start);
          continue;
        }

      /* a start or end tag: every '=' outside quotes starts the value of an attribute */
      tag_line = line;
      for (p++; p < end; p++)
        {
          if (*p == '\n')
            {
              line++;
              line_start = p + 1;
            }
          if (quote != 0)
            {
              if (*p == quote)
                quote = 0;
            }
          else if (*p == '"' || *p == '\'')
            quote = *p;
          else if (*p == '=')
            n_attributes++;
          else if (*p == '>' || *p == '<')
            break;
        }

      if (n_attributes > BEKAL_LOADER_MAX_ATTRIBUTES)
        {
          g_autofree char *message =
            g_strdup_printf (_("An element has %u attributes; no element of a module has more "
                               "than %d. Check the tag that starts on this line: it may be "
                               "damaged or not written for Bekal."), n_attributes,
                             BEKAL_LOADER_MAX_ATTRIBUTES);

          bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, tag_line,
                                       (int) g_utf8_strlen (line_start, tag - line_start) + 1,
                                       message);
          return FALSE;
        }

      if (p < end && *p == '>')
        p++;
    }

  return TRUE;
}

xmlDocPtr
bekal_loader_parse_buffer (LoadState *state)
{
  xmlSAXHandlerPtr sax;
  xmlDocPtr doc;

  if (!check_attribute_counts (state))
    return NULL;

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
   * declares another encoding is refused below. BIG_LINES keeps the line numbers of
   * diagnostics right beyond line 65 535. */
  doc = xmlCtxtReadMemory (state->ctxt, state->buffer, (int) state->length, state->path,
                           NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT
                           | XML_PARSE_BIG_LINES);

  if (doc != NULL && doc->encoding != NULL
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF8") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file declares the encoding “%s”, but module files are always "
                           "UTF-8. Save the file as UTF-8 and write encoding=\"UTF-8\" in its "
                           "first line."), (const char *) doc->encoding);

      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, 1, 1, message);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  if (doc != NULL && (state->stopped || !state->ctxt->wellFormed))
    g_clear_pointer (&doc, xmlFreeDoc);

  g_clear_pointer (&state->ctxt, xmlFreeParserCtxt);

  if (doc != NULL && state->doctype_line > 0)
    bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_WARNING, state->doctype_line, 1,
                                 _("The <!DOCTYPE …> line is not needed in a module file and is "
                                   "ignored; you can remove it."));

  return doc;
}
/* Reading the file */

char *
bekal_loader_read_file_capped (LoadState   *state,
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

      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, 0, 0, message);
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

void
bekal_loader_report_invalid_utf8 (LoadState *state)
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

  bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, line, column,
                               *end == '\0'
                               ? _("The file contains a zero byte; it is not a text file. Save "
                                   "the module as UTF-8 text.")
                               : _("The file is not valid UTF-8 text here. Save it with the "
                                   "UTF-8 encoding (in most editors: “Save as”, then choose "
                                   "UTF-8)."));
}

void
bekal_loader_install_entity_loader (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      default_entity_loader = xmlGetExternalEntityLoader ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialized, 1);
    }
}

guint
bekal_loader_get_refused_loads (void)
{
  return (guint) g_atomic_int_get (&refused_loads);
}

void
bekal_loader_begin_trusted_xml (void)
{
  bekal_loader_install_entity_loader ();
  trusted_depth++;
}

void
bekal_loader_end_trusted_xml (void)
{
  g_return_if_fail (trusted_depth > 0);

  trusted_depth--;
}
