/* bekal-image-check.c: checks figures and posters before anything decodes their pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <librsvg/rsvg.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-image-check.h>

#include "bekal-media-private.h"
#include "bekal-model-private.h"

/* How much of a file tells text from an image */
#define SNIFF_LENGTH 4096
/* How much of a refused reference a message quotes */
#define QUOTE_LENGTH 120

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

struct _BekalSourceLines
{
  char   *path;
  char   *text;   /* NULL until read, or when it cannot be */
  gsize   length;
  GArray *starts; /* of gsize: where each line starts */
  gboolean read;
};

/* What an image check needs besides the bytes */
typedef struct
{
  const char *name;       /* for messages */
  GFile      *base;       /* the file, for librsvg; NULL for an embedded picture */
  gboolean    allow_svg;  /* FALSE inside an SVG */
} CheckContext;

static gboolean check_bytes (const CheckContext  *context,
                             const guint8        *data,
                             gsize                length,
                             BekalImageFormat    *format,
                             int                 *width,
                             int                 *height,
                             GError             **error);

G_DEFINE_QUARK (bekal-image-error-quark, bekal_image_error)

/* Helpers: bytes */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const void   *prefix,
            gsize         prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

/* A short, printable excerpt of a reference, for messages */
static char *
quote (const char *text,
       gsize       length)
{
  char *valid = g_utf8_make_valid (text, (gssize) MIN (length, QUOTE_LENGTH));

  g_strdelimit (valid, "\r\n\t", ' ');

  return g_strstrip (valid);
}

/* Reads the whole of a regular file of at most @limit bytes */
static GBytes *
read_file (const char  *path,
           const char  *name,
           gsize        limit,
           GError     **error)
{
  g_autofree guint8 *data = NULL;
  struct stat info;
  gsize done = 0;
  int fd;

  /* O_NONBLOCK: a FIFO must not make the check wait for a writer */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_FOUND,
                   _("The image “%s” cannot be read: %s."), name, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_FOUND,
                   _("“%s” is not an ordinary file: copy the image itself into the module’s "
                     "folder."), name);
      g_close (fd, NULL);
      return NULL;
    }

  if (info.st_size == 0)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_EMPTY,
                   _("The image “%s” is empty (0 bytes): copy it again from the original."),
                   name);
      g_close (fd, NULL);
      return NULL;
    }

  if ((guint64) info.st_size > limit)
    {
      g_autofree char *size = g_format_size ((guint64) info.st_size);
      g_autofree char *max = g_format_size (limit);

      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_TOO_LARGE,
                   _("The image “%s” is %s; the largest file Bekal reads is %s: export it "
                     "smaller or more compressed."), name, size, max);
      g_close (fd, NULL);
      return NULL;
    }

  data = g_malloc ((gsize) info.st_size);
  /* a file that shrinks meanwhile is checked as it is now; one that grows, up to its old size */
  while (done < (gsize) info.st_size)
    {
      gssize n = read (fd, data + done, (gsize) info.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_FOUND,
                       _("The image “%s” cannot be read: %s."), name, g_strerror (saved));
          g_close (fd, NULL);
          return NULL;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }
  g_close (fd, NULL);

  if (done == 0)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_EMPTY,
                   _("The image “%s” is empty (0 bytes): copy it again from the original."),
                   name);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), done);
}

static gboolean
check_side_limits (const char  *name,
                   guint64      width,
                   guint64      height,
                   GError     **error)
{
  if (width <= BEKAL_IMAGE_MAX_SIDE && height <= BEKAL_IMAGE_MAX_SIDE)
    return TRUE;

  /* both sides are at most G_MAXINT32: checked for PNG, 16 bits in JPEG, clamped for SVG */
  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_TOO_LARGE,
               _("“%s” is %d×%d pixels; the largest Bekal shows is %d×%d: export it smaller."),
               name, (int) MIN (width, G_MAXINT32), (int) MIN (height, G_MAXINT32),
               BEKAL_IMAGE_MAX_SIDE, BEKAL_IMAGE_MAX_SIDE);
  return FALSE;
}

/* Helpers: PNG */

static gboolean
png_damaged (const char  *name,
             const char  *reason,
             GError     **error)
{
  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
               _("The PNG image “%s” is damaged (%s): export it again."), name, reason);
  return FALSE;
}

static gboolean
png_truncated (const char  *name,
               GError     **error)
{
  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
               _("The PNG image “%s” is cut short: it ends before its last part (IEND). Copy "
                 "it again from the original, or export it again."), name);
  return FALSE;
}

static gboolean
png_valid_depth (guint color_type,
                 guint depth)
{
  switch (color_type)
    {
    case 0: /* grey */
      return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: /* palette */
      return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2: /* RGB */
    case 4: /* grey and alpha */
    case 6: /* RGBA */
      return depth == 8 || depth == 16;
    default:
      return FALSE;
    }
}

/* Walks the chunks without inflating anything: a complete PNG has IHDR first, image data,
 * and IEND within the file */
static gboolean
check_png (const char    *name,
           const guint8  *data,
           gsize          length,
           guint64       *width,
           guint64       *height,
           GError       **error)
{
  const guint8 *ihdr = data + sizeof png_signature;
  gsize offset;
  gboolean seen_idat = FALSE;

  if (length < sizeof png_signature + 8 + 13 + 4)
    return png_truncated (name, error);
  if (read_be32 (ihdr) != 13 || memcmp (ihdr + 4, "IHDR", 4) != 0)
    return png_damaged (name, _("it does not start with a header"), error);

  *width = read_be32 (ihdr + 8);
  *height = read_be32 (ihdr + 12);
  if (*width == 0 || *height == 0 || *width > G_MAXINT32 || *height > G_MAXINT32
      || !png_valid_depth (ihdr[17], ihdr[16]) || ihdr[18] != 0 || ihdr[19] != 0
      || ihdr[20] > 1)
    return png_damaged (name, _("its header is invalid"), error);

  offset = sizeof png_signature;
  for (;;)
    {
      guint32 chunk_length;
      const guint8 *type;
      guint64 end;

      if (length - offset < 8)
        return png_truncated (name, error);
      chunk_length = read_be32 (data + offset);
      type = data + offset + 4;
      if (chunk_length > G_MAXINT32)
        return png_damaged (name, _("a part has an impossible length"), error);
      for (guint i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return png_damaged (name, _("a part has an invalid name"), error);

      end = (guint64) offset + 12 + chunk_length;
      if (end > length)
        return png_truncated (name, error);

      if (memcmp (type, "IDAT", 4) == 0)
        seen_idat = TRUE;
      else if (memcmp (type, "IHDR", 4) == 0 && offset != sizeof png_signature)
        return png_damaged (name, _("it has two headers"), error);
      else if (memcmp (type, "IEND", 4) == 0)
        {
          if (!seen_idat)
            return png_damaged (name, _("it has no image data"), error);
          return TRUE;
        }

      offset = (gsize) end;
    }
}

/* Helpers: JPEG */

static gboolean
jpeg_damaged (const char  *name,
              const char  *reason,
              GError     **error)
{
  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
               _("The JPEG image “%s” is damaged (%s): export it again."), name, reason);
  return FALSE;
}

static gboolean
jpeg_truncated (const char  *name,
                GError     **error)
{
  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
               _("The JPEG image “%s” is cut short: it has no end marker. Copy it again from "
                 "the original, or export it again."), name);
  return FALSE;
}

/* Walks the markers from SOI to EOI: one frame header (SOF) before the first scan, every
 * segment within the file, the scans' data skipped up to the next marker */
static gboolean
check_jpeg (const char    *name,
            const guint8  *data,
            gsize          length,
            guint64       *width,
            guint64       *height,
            GError       **error)
{
  gboolean seen_sof = FALSE;
  gboolean seen_sos = FALSE;
  gsize offset = 2;

  while (offset < length)
    {
      guint marker;
      gsize segment_length;

      if (data[offset] != 0xff)
        return jpeg_damaged (name, _("a marker is missing"), error);
      /* fill bytes */
      while (offset < length && data[offset] == 0xff)
        offset++;
      if (offset >= length)
        break;
      marker = data[offset++];

      if (marker == 0xd9) /* EOI */
        {
          if (!seen_sof)
            return jpeg_damaged (name, _("it has no frame header"), error);
          if (!seen_sos)
            return jpeg_damaged (name, _("it has no image data"), error);
          return TRUE;
        }
      if (marker == 0x00 || marker == 0xd8)
        return jpeg_damaged (name, _("a marker is invalid"), error);
      if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        continue; /* restart markers and TEM stand alone */

      if (length - offset < 2)
        break;
      segment_length = read_be16 (data + offset);
      if (segment_length < 2)
        return jpeg_damaged (name, _("a marker is invalid"), error);
      if (segment_length > length - offset)
        break;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (seen_sof)
            return jpeg_damaged (name, _("it has two frame headers"), error);
          /* libjpeg decodes baseline, extended and progressive frames, not lossless or
           * hierarchical ones */
          if (marker == 0xc3 || (marker >= 0xc5 && marker <= 0xc7) || marker == 0xcb
              || marker >= 0xcd)
            {
              g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_UNSUPPORTED,
                           _("“%s” is a lossless or hierarchical JPEG, which Bekal cannot "
                             "show: save it again as an ordinary JPEG."), name);
              return FALSE;
            }
          if (segment_length < 8)
            return jpeg_damaged (name, _("its frame header is invalid"), error);
          *height = read_be16 (data + offset + 3);
          *width = read_be16 (data + offset + 5);
          if (*width == 0 || *height == 0)
            return jpeg_damaged (name, _("its frame header has no size"), error);
          seen_sof = TRUE;
        }

      offset += segment_length;

      if (marker == 0xda) /* SOS: entropy-coded data up to the next real marker */
        {
          if (!seen_sof)
            return jpeg_damaged (name, _("image data comes before the frame header"), error);
          seen_sos = TRUE;
          for (;;)
            {
              const guint8 *ff = offset < length ? memchr (data + offset, 0xff, length - offset)
                                                 : NULL;

              if (ff == NULL || (gsize) (ff - data) + 1 >= length)
                return jpeg_truncated (name, error);
              offset = (gsize) (ff - data);
              /* stuffed zero and restart markers belong to the data */
              if (ff[1] == 0x00 || (ff[1] >= 0xd0 && ff[1] <= 0xd7) || ff[1] == 0xff)
                {
                  offset += ff[1] == 0xff ? 1 : 2;
                  continue;
                }
              break;
            }
        }
    }

  return jpeg_truncated (name, error);
}

/* For the media checks: the size a JPEG frame (a Motion-JPEG video frame) declares */
gboolean
bekal_image_jpeg_frame_size (const char    *name,
                             const guint8  *data,
                             gsize          length,
                             guint64       *width,
                             guint64       *height,
                             GError       **error)
{
  if (length < 4 || data[0] != 0xff || data[1] != 0xd8)
    return jpeg_damaged (name, _("it does not start as a JPEG image"), error);

  return check_jpeg (name, data, length, width, height, error);
}

/* Helpers: SVG */

static gboolean
svg_external (const char  *name,
              const char  *reference,
              gsize        reference_length,
              GError     **error)
{
  g_autofree char *quoted = quote (reference, reference_length);

  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_EXTERNAL,
               _("The SVG image “%s” refers to “%s” outside itself, which Bekal never loads: "
                 "embed what it needs in the SVG, or export the picture as PNG."), name, quoted);
  return FALSE;
}

/* A data: URL in an <image>: only an embedded PNG or JPEG, checked like a file */
static gboolean
check_data_url (const CheckContext  *context,
                const char          *url,
                GError             **error)
{
  g_autofree char *embedded_name = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *comma = strchr (url, ',');
  gsize decoded_length = 0;

  if (comma == NULL
      || !(g_str_has_prefix (url, "data:image/png;base64,")
           || g_str_has_prefix (url, "data:image/jpeg;base64,")
           || g_str_has_prefix (url, "data:image/jpg;base64,")))
    return svg_external (context->name, url, strlen (url), error);

  /* base64 in XML may be broken over lines */
  encoded = g_strdup (comma + 1);
  {
    char *w = encoded;

    for (const char *r = comma + 1; *r; r++)
      if (!g_ascii_isspace (*r))
        *w++ = *r;
    *w = '\0';
  }
  decoded = g_base64_decode (encoded, &decoded_length);
  embedded_name = g_strdup_printf (_("%s (a picture inside it)"), context->name);

  {
    CheckContext inner = { embedded_name, NULL, FALSE };

    if (check_bytes (&inner, decoded, decoded_length, NULL, NULL, NULL, &local_error))
      return TRUE;
  }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
check_reference (const CheckContext  *context,
                 const char          *value,
                 gboolean             is_image_href,
                 GError             **error)
{
  while (g_ascii_isspace (*value))
    value++;

  /* "" and "#id" stay inside the document */
  if (value[0] == '\0' || value[0] == '#')
    return TRUE;
  if (is_image_href && g_ascii_strncasecmp (value, "data:", 5) == 0)
    return check_data_url (context, value, error);

  return svg_external (context->name, value, strlen (value), error);
}

/* CSS, in a style sheet, a style attribute or a presentation attribute: url() only to
 * fragments, no @import, no escapes that could spell either */
static gboolean
check_css (const CheckContext  *context,
           const char          *css,
           GError             **error)
{
  const char *p = css;

  if (strchr (css, '\\') != NULL && strchr (css, '(') != NULL)
    {
      const char *at = strchr (css, '\\');

      return svg_external (context->name, at, strlen (at), error);
    }

  while ((p = strchr (p, '@')) != NULL)
    {
      if (g_ascii_strncasecmp (p, "@import", 7) == 0)
        return svg_external (context->name, p, strlen (p), error);
      p++;
    }

  for (p = css; *p; p++)
    {
      const char *target;

      if (g_ascii_strncasecmp (p, "url(", 4) != 0)
        continue;
      target = p + 4;
      while (g_ascii_isspace (*target) || *target == '"' || *target == '\'')
        target++;
      if (*target != '#')
        {
          const char *end = strchr (target, ')');

          return svg_external (context->name, target,
                               end ? (gsize) (end - target) : strlen (target), error);
        }
    }

  return TRUE;
}

static gboolean
node_is (xmlNodePtr  node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

/* Everything librsvg could load from outside the file: entities, stylesheet instructions,
 * XInclude, href attributes and CSS references */
static gboolean
check_svg_references (const CheckContext  *context,
                      xmlDocPtr            doc,
                      GError             **error)
{
  xmlNodePtr node;

  if (doc->intSubset)
    for (xmlNodePtr decl = doc->intSubset->children; decl; decl = decl->next)
      {
        xmlEntityPtr entity = (xmlEntityPtr) decl;

        if (decl->type != XML_ENTITY_DECL)
          continue;
        if (entity->etype != XML_INTERNAL_GENERAL_ENTITY
            && entity->etype != XML_INTERNAL_PARAMETER_ENTITY
            && entity->etype != XML_INTERNAL_PREDEFINED_ENTITY)
          {
            const char *target = entity->SystemID ? (const char *) entity->SystemID
                                                  : (const char *) entity->name;

            return svg_external (context->name, target, strlen (target), error);
          }
        /* an entity with markup would hide elements from the walk below */
        if (entity->content && strchr ((const char *) entity->content, '<'))
          return svg_external (context->name, (const char *) entity->content,
                               strlen ((const char *) entity->content), error);
      }

  node = doc->children;
  while (node)
    {
      if (node->type == XML_PI_NODE
          && g_strcmp0 ((const char *) node->name, "xml-stylesheet") == 0)
        {
          const char *content = node->content ? (const char *) node->content : "";

          return svg_external (context->name, content, strlen (content), error);
        }

      if (node->type == XML_ELEMENT_NODE)
        {
          if (node->ns && g_strcmp0 ((const char *) node->ns->href,
                                     "http://www.w3.org/2001/XInclude") == 0)
            return svg_external (context->name, "xi:include", strlen ("xi:include"), error);

          for (xmlAttrPtr attr = node->properties; attr; attr = attr->next)
            {
              g_autofree xmlChar *value = xmlNodeGetContent ((xmlNodePtr) attr);
              const char *text = value ? (const char *) value : "";

              if (g_strcmp0 ((const char *) attr->name, "href") == 0
                  && !check_reference (context, text, node_is (node, "image"), error))
                return FALSE;
              if (!check_css (context, text, error))
                return FALSE;
            }

          if (node_is (node, "style"))
            {
              g_autofree xmlChar *css = xmlNodeGetContent (node);

              if (css && !check_css (context, (const char *) css, error))
                return FALSE;
            }
        }

      /* depth first; entity references and the DTD were checked above */
      if (node->children && node->type != XML_ENTITY_REF_NODE && node->type != XML_DTD_NODE
          && node->type != XML_ATTRIBUTE_NODE)
        node = node->children;
      else
        {
          while (node && node->next == NULL)
            node = node->parent == (xmlNodePtr) doc ? NULL : node->parent;
          if (node)
            node = node->next;
        }
    }

  return TRUE;
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static gboolean
check_svg (const CheckContext  *context,
           const guint8        *data,
           gsize                length,
           guint64             *width,
           guint64             *height,
           GError             **error)
{
  static GOnce libxml_once = G_ONCE_INIT;
  g_autoptr(GInputStream) stream = NULL;
  RsvgHandle *handle;
  gboolean sized;
  g_autoptr(GError) rsvg_error = NULL;
  xmlParserCtxtPtr parser;
  xmlDocPtr doc;
  xmlNodePtr root;
  gboolean has_width, has_height, has_viewbox;
  RsvgLength intrinsic_width, intrinsic_height;
  RsvgRectangle viewbox;
  double pixel_width = 0, pixel_height = 0;

  if (!context->allow_svg)
    return svg_external (context->name, "data:image/svg+xml", strlen ("data:image/svg+xml"),
                         error);

  if (length > BEKAL_IMAGE_MAX_SVG_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *max = g_format_size (BEKAL_IMAGE_MAX_SVG_FILE_SIZE);

      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_TOO_LARGE,
                   _("The SVG image “%s” is %s; the largest SVG Bekal reads is %s: simplify "
                     "it, or export it as PNG."), context->name, size, max);
      return FALSE;
    }

  g_once (&libxml_once, init_libxml, NULL);

  /* no entity substitution, no DTD loading, no network: this pass only looks */
  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
                   _("The SVG image “%s” cannot be read (%s): export it again."),
                   context->name, g_strerror (ENOMEM));
      return FALSE;
    }
  doc = xmlCtxtReadMemory (parser, (const char *) data, (int) length, "image.svg", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (parser);
      g_autofree char *reason = g_strdup (xml_error && xml_error->message
                                          ? xml_error->message : "?");
      int line = xml_error ? xml_error->line : 0;

      /* the error belongs to the parser */
      xmlFreeParserCtxt (parser);
      g_strstrip (reason);
      if (g_strstr_len ((const char *) data, MIN (length, SNIFF_LENGTH), "<svg") == NULL)
        {
          g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_IMAGE,
                       _("“%s” is a text file, not an image: replace it with the PNG, JPEG or "
                         "SVG file it should be."), context->name);
          return FALSE;
        }
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
                   _("The SVG image “%s” cannot be read (line %d: %s): export it again."),
                   context->name, line, reason);
      return FALSE;
    }
  xmlFreeParserCtxt (parser);

  root = xmlDocGetRootElement (doc);
  if (root == NULL || g_strcmp0 ((const char *) root->name, "svg") != 0)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_IMAGE,
                   _("“%s” is an XML file but not an SVG image: replace it with the PNG, JPEG "
                     "or SVG file it should be."), context->name);
      xmlFreeDoc (doc);
      return FALSE;
    }

  if (!check_svg_references (context, doc, error))
    {
      xmlFreeDoc (doc);
      return FALSE;
    }
  xmlFreeDoc (doc);

  /* then as the app renders it: librsvg with its limits on (no RSVG_HANDLE_FLAG_UNLIMITED) */
  stream = g_memory_input_stream_new_from_data (data, (gssize) length, NULL);
  handle = rsvg_handle_new_from_stream_sync (stream, context->base, RSVG_HANDLE_FLAGS_NONE,
                                             NULL, &rsvg_error);
  if (handle == NULL)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
                   _("The SVG image “%s” cannot be read (%s): export it again."),
                   context->name, rsvg_error ? rsvg_error->message : "?");
      return FALSE;
    }

  rsvg_handle_set_dpi (handle, 96.0);
  rsvg_handle_get_intrinsic_dimensions (handle, &has_width, &intrinsic_width, &has_height,
                                        &intrinsic_height, &has_viewbox, &viewbox);
  sized = rsvg_handle_get_intrinsic_size_in_pixels (handle, &pixel_width, &pixel_height);
  g_object_unref (handle);
  if (!sized)
    {
      /* width and height in percent, or missing: the viewBox gives the size */
      if (!has_viewbox)
        {
          g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
                       _("The SVG image “%s” has no size: give its <svg> element a width and "
                         "height, or a viewBox, when you export it."), context->name);
          return FALSE;
        }
      pixel_width = viewbox.width;
      pixel_height = viewbox.height;
    }

  if (!isfinite (pixel_width) || !isfinite (pixel_height) || pixel_width <= 0
      || pixel_height <= 0)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_DAMAGED,
                   _("The SVG image “%s” has no size: give its <svg> element a width and "
                     "height, or a viewBox, when you export it."), context->name);
      return FALSE;
    }

  *width = pixel_width >= (double) G_MAXINT32 ? (guint64) G_MAXINT32 : (guint64) ceil (pixel_width);
  *height = pixel_height >= (double) G_MAXINT32 ? (guint64) G_MAXINT32
                                                 : (guint64) ceil (pixel_height);
  return TRUE;
}

/* Helpers: any format */

static gboolean
looks_like_text (const guint8 *data,
                 gsize         length)
{
  gsize n = MIN (length, SNIFF_LENGTH);
  const char *end = NULL;

  if (memchr (data, '\0', n) != NULL)
    return FALSE;
  /* the sniffed part may cut a character in two */
  g_utf8_validate ((const char *) data, (gssize) n, &end);

  return (gsize) (end - (const char *) data) + 4 > n;
}

static gboolean
unsupported (const char  *name,
             const char  *format_name,
             GError     **error)
{
  g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_UNSUPPORTED,
               _("“%s” is a %s image, which Bekal does not show: convert it to PNG (drawings, "
                 "screenshots) or JPEG (photos)."), name, format_name);
  return FALSE;
}

/* The first bytes decide, never the name */
static gboolean
check_bytes (const CheckContext  *context,
             const guint8        *data,
             gsize                length,
             BekalImageFormat    *format,
             int                 *width,
             int                 *height,
             GError             **error)
{
  const char *name = context->name;
  BekalImageFormat found;
  guint64 w = 0, h = 0;
  gboolean ok;
  gsize skip = 0;

  if (length == 0)
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_EMPTY,
                   _("The image “%s” is empty (0 bytes): copy it again from the original."),
                   name);
      return FALSE;
    }

  if (has_prefix (data, length, png_signature, sizeof png_signature))
    {
      found = BEKAL_IMAGE_FORMAT_PNG;
      ok = check_png (name, data, length, &w, &h, error);
    }
  else if (has_prefix (data, length, "\xff\xd8\xff", 3))
    {
      found = BEKAL_IMAGE_FORMAT_JPEG;
      ok = check_jpeg (name, data, length, &w, &h, error);
    }
  else if (has_prefix (data, length, "GIF87a", 6) || has_prefix (data, length, "GIF89a", 6))
    return unsupported (name, "GIF", error);
  else if (has_prefix (data, length, "RIFF", 4) && length >= 12
           && memcmp (data + 8, "WEBP", 4) == 0)
    return unsupported (name, "WebP", error);
  else if (has_prefix (data, length, "II*\0", 4) || has_prefix (data, length, "MM\0*", 4))
    return unsupported (name, "TIFF", error);
  else if (has_prefix (data, length, "BM", 2) && length >= 26)
    return unsupported (name, "BMP", error);
  else if (length >= 12 && memcmp (data + 4, "ftyp", 4) == 0
           && (memcmp (data + 8, "heic", 4) == 0 || memcmp (data + 8, "heix", 4) == 0
               || memcmp (data + 8, "mif1", 4) == 0 || memcmp (data + 8, "avif", 4) == 0))
    return unsupported (name, "HEIC/AVIF", error);
  else if (has_prefix (data, length, "\x1f\x8b", 2))
    {
      g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_UNSUPPORTED,
                   _("“%s” is compressed (gzip, as a .svgz file is), which Bekal does not "
                     "show: save it as a plain SVG, PNG or JPEG."), name);
      return FALSE;
    }
  else
    {
      if (has_prefix (data, length, "\xef\xbb\xbf", 3))
        skip = 3;
      while (skip < length && g_ascii_isspace (data[skip]))
        skip++;

      if (skip < length && data[skip] == '<' && looks_like_text (data, length))
        {
          found = BEKAL_IMAGE_FORMAT_SVG;
          ok = check_svg (context, data, length, &w, &h, error);
        }
      else if (looks_like_text (data, length))
        {
          g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_IMAGE,
                       _("“%s” is a text file, not an image: replace it with the PNG, JPEG or "
                         "SVG file it should be."), name);
          return FALSE;
        }
      else
        {
          g_set_error (error, BEKAL_IMAGE_ERROR, BEKAL_IMAGE_ERROR_NOT_IMAGE,
                       _("“%s” is not a PNG, JPEG or SVG image: export the picture again in "
                         "one of these formats."), name);
          return FALSE;
        }
    }

  if (!ok || !check_side_limits (name, w, h, error))
    return FALSE;

  if (format)
    *format = found;
  if (width)
    *width = (int) w;
  if (height)
    *height = (int) h;

  return TRUE;
}

/* Helpers: modules */

static void
check_reference_of (BekalModule      *module,
                    BekalSourceLines *lines,
                    const char       *path,
                    int               line,
                    const char       *attribute,
                    GPtrArray        *diagnostics,
                    guint            *n_errors)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *needle = NULL;

  /* a reference that was not found was already reported by the loader */
  if (path == NULL || bekal_image_check_file (path, NULL, NULL, NULL, &error))
    return;

  needle = g_strdup_printf ("%s=", attribute);
  g_ptr_array_add (diagnostics,
                   bekal_diagnostic_new (BEKAL_SEVERITY_ERROR,
                                         bekal_module_get_display_path (module),
                                         line, bekal_source_lines_column (lines, line, needle),
                                         error->message));
  (*n_errors)++;
}

/* Public API: source lines (private to the media area) */

BekalSourceLines *
bekal_source_lines_new (const char *path)
{
  BekalSourceLines *self = g_new0 (BekalSourceLines, 1);

  self->path = g_strdup (path);

  return self;
}

void
bekal_source_lines_free (BekalSourceLines *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->text);
  g_clear_pointer (&self->starts, g_array_unref);
  g_free (self);
}

int
bekal_source_lines_column (BekalSourceLines *self,
                           int               line,
                           const char       *needle)
{
  gsize start, end;
  const char *found;

  if (!self->read)
    {
      self->read = TRUE;
      self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      if (self->path && g_file_get_contents (self->path, &self->text, &self->length, NULL))
        {
          gsize zero = 0;

          g_array_append_val (self->starts, zero);
          for (gsize i = 0; i < self->length; i++)
            if (self->text[i] == '\n')
              {
                gsize next = i + 1;

                g_array_append_val (self->starts, next);
              }
        }
    }

  if (self->text == NULL || line <= 0 || (guint) line > self->starts->len)
    return 0;

  start = g_array_index (self->starts, gsize, line - 1);
  end = (guint) line < self->starts->len ? g_array_index (self->starts, gsize, line)
                                         : self->length;
  found = needle ? g_strstr_len (self->text + start, (gssize) (end - start), needle) : NULL;
  if (found == NULL)
    return 1;

  return (int) g_utf8_strlen (self->text + start, found - (self->text + start)) + 1;
}

/* Public API */

gboolean
bekal_image_check_file (const char        *path,
                        BekalImageFormat  *format,
                        int               *width,
                        int               *height,
                        GError           **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  CheckContext context;
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_basename (path);
  bytes = read_file (path, name, BEKAL_IMAGE_MAX_FILE_SIZE, error);
  if (bytes == NULL)
    return FALSE;

  file = g_file_new_for_path (path);
  context.name = name;
  context.base = file;
  context.allow_svg = TRUE;
  data = g_bytes_get_data (bytes, &length);

  return check_bytes (&context, data, length, format, width, height, error);
}

guint
bekal_image_check_module (BekalModule *module,
                          GPtrArray   *diagnostics)
{
  g_autoptr(BekalSourceLines) lines = NULL;
  guint n_errors = 0;

  g_return_val_if_fail (BEKAL_IS_MODULE (module), 0);
  g_return_val_if_fail (diagnostics != NULL, 0);

  lines = bekal_source_lines_new (bekal_module_get_path (module));

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, j);

          if (block->kind == BEKAL_BLOCK_FIGURE)
            check_reference_of (module, lines, block->figure_path, block->line, "src",
                                diagnostics, &n_errors);
        }
    }

  for (guint i = 0; i < bekal_module_get_n_media (module); i++)
    {
      BekalMedia *media = bekal_module_get_media (module, i);

      check_reference_of (module, lines, media->poster_path, media->line, "poster",
                          diagnostics, &n_errors);
    }

  return n_errors;
}

const char *
bekal_image_format_to_string (BekalImageFormat format)
{
  switch (format)
    {
    case BEKAL_IMAGE_FORMAT_PNG:
      return "PNG";
    case BEKAL_IMAGE_FORMAT_JPEG:
      return "JPEG";
    case BEKAL_IMAGE_FORMAT_SVG:
      return "SVG";
    default:
      return "?";
    }
}
