/* bekal-package-manifest.c: a package's manifest.xml, written and read
 *
 * <package xmlns="urn:bekal:package:1" format="1">
 *   <module id="ID" version="VERSION">
 *     <title lang="LANG">TITLE</title>…
 *   </module>
 *   <files>
 *     <file path="module/…|media/…" size="BYTES" sha256="HEX"/>…
 *   </files>
 *   <media>
 *     <item name="NAME"/>…
 *   </media>
 * </package>
 *
 * A manifest comes from outside like a module file: it is read with the loader's protections
 * (no DTD, no entities, nothing loaded from elsewhere, a size limit) and every value is checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <bekal/bekal-paths.h>

#include "bekal-package-private.h"

#define PACKAGE_NS     "urn:bekal:package:1"
#define PACKAGE_FORMAT "1"

/* Helpers */

/* Keeps libxml2 from printing; the first error is read from the context afterwards */
static void
on_manifest_error (void        *user_data,
                   xmlErrorPtr  error)
{
}

static gboolean
manifest_error (GError     **error,
                const char  *format,
                ...) G_GNUC_PRINTF (2, 3);

static gboolean
manifest_error (GError     **error,
                const char  *format,
                ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_MANIFEST,
               _("The package's manifest.xml is not valid: %s. The package is damaged or was "
                 "not made by bekal-author pack; make it again."), detail);
  return FALSE;
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name)
         && node->ns != NULL && g_str_equal ((const char *) node->ns->href, PACKAGE_NS);
}

static char *
get_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Only elements and white space may appear between the elements of a manifest */
static gboolean
check_children (xmlNodePtr   parent,
                GError     **error)
{
  for (xmlNodePtr child = parent->children; child; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE || child->type == XML_COMMENT_NODE)
        continue;
      if (child->type == XML_TEXT_NODE)
        {
          for (const xmlChar *p = child->content; p && *p; p++)
            if (!g_ascii_isspace (*p))
              return manifest_error (error, _("unexpected text in <%s>"), parent->name);
          continue;
        }
      return manifest_error (error, _("unexpected content in <%s>"), parent->name);
    }

  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])) || strlen (id) > 128)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
is_valid_language (const char *lang)
{
  gsize len = lang ? strlen (lang) : 0;

  if (len == 0 || len > 16)
    return FALSE;

  for (const char *p = lang; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
parse_size (const char *value,
            guint64    *size)
{
  if (value == NULL || value[0] == '\0' || strlen (value) > 12)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  *size = g_ascii_strtoull (value, NULL, 10);
  return TRUE;
}

static gboolean
is_valid_sha256 (const char *value)
{
  if (value == NULL || strlen (value) != 64)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

static gboolean
read_module (BekalPackageInfo  *info,
             xmlNodePtr         node,
             GError           **error)
{
  if (info->id != NULL)
    return manifest_error (error, _("it describes more than one module"));

  info->id = get_attr (node, "id");
  info->version = get_attr (node, "version");
  if (!is_valid_id (info->id))
    return manifest_error (error, _("the module id is missing or not a valid id"));
  if (info->version == NULL
      || !g_regex_match_simple ("^[0-9]{1,9}(\\.[0-9]{1,9}){0,2}$", info->version, 0, 0))
    return manifest_error (error, _("the module version is missing or not valid"));
  if (!check_children (node, error))
    return FALSE;

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      g_autofree char *lang = NULL;
      xmlChar *title = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (child, "title"))
        return manifest_error (error, _("unknown element <%s> in <module>"), child->name);

      lang = get_attr (child, "lang");
      if (!is_valid_language (lang))
        return manifest_error (error, _("a title has no valid language"));
      if (g_hash_table_contains (info->titles, lang))
        return manifest_error (error, _("two titles in the language “%s”"), lang);

      title = xmlNodeGetContent (child);
      if (title == NULL || g_strstrip ((char *) title)[0] == '\0')
        {
          xmlFree (title);
          return manifest_error (error, _("the title in “%s” is empty"), lang);
        }
      g_hash_table_insert (info->titles, g_steal_pointer (&lang), g_strdup ((char *) title));
      xmlFree (title);
    }

  if (g_hash_table_size (info->titles) == 0)
    return manifest_error (error, _("the module has no title"));

  return TRUE;
}

static gboolean
read_files (BekalPackageInfo  *info,
            xmlNodePtr         node,
            GHashTable        *folded,
            GError           **error)
{
  guint64 total = 0;

  if (!check_children (node, error))
    return FALSE;

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      g_autofree char *path = NULL;
      g_autofree char *size_text = NULL;
      g_autofree char *sha256 = NULL;
      const char *problem;
      guint64 size = 0;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (child, "file"))
        return manifest_error (error, _("unknown element <%s> in <files>"), child->name);
      if (info->files->len >= BEKAL_PACKAGE_MAX_ENTRIES)
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                       _("The package lists more than %d files."), BEKAL_PACKAGE_MAX_ENTRIES);
          return FALSE;
        }

      path = get_attr (child, "path");
      size_text = get_attr (child, "size");
      sha256 = get_attr (child, "sha256");
      problem = bekal_package_check_name (path);
      if (problem != NULL)
        return manifest_error (error, _("a listed file %s"), _(problem));
      if (!((g_str_has_prefix (path, BEKAL_PACKAGE_MODULE_PREFIX)
             && path[strlen (BEKAL_PACKAGE_MODULE_PREFIX)] != '\0')
            || (g_str_has_prefix (path, BEKAL_PACKAGE_MEDIA_PREFIX)
                && path[strlen (BEKAL_PACKAGE_MEDIA_PREFIX)] != '\0')))
        return manifest_error (error, _("the file “%s” is neither under module/ nor media/"),
                               path);
      if (!g_hash_table_add (folded, bekal_package_fold_name (path)))
        return manifest_error (error, _("the file “%s” is listed twice (perhaps in another "
                                        "case)"), path);
      if (!parse_size (size_text, &size))
        return manifest_error (error, _("the size of “%s” is not a number"), path);
      if (!is_valid_sha256 (sha256))
        return manifest_error (error, _("the SHA-256 of “%s” is not 64 hexadecimal digits"),
                               path);

      if (size > BEKAL_PACKAGE_MAX_FILE_SIZE)
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                       _("The file “%s” of the package is larger than %s, the most a package "
                         "may hold in one file."), path, "500 MiB");
          return FALSE;
        }
      total += size;
      if (total > BEKAL_PACKAGE_MAX_TOTAL_SIZE)
        {
          g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                       _("The package unpacks to more than %s, the most a package may hold."),
                       "2 GiB");
          return FALSE;
        }

      bekal_package_info_add_file (info, path, size, sha256);
    }

  return TRUE;
}

static gboolean
read_media (xmlNodePtr   node,
            GPtrArray   *names,
            GError     **error)
{
  if (!check_children (node, error))
    return FALSE;

  for (xmlNodePtr child = node->children; child; child = child->next)
    {
      char *name;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (child, "item"))
        return manifest_error (error, _("unknown element <%s> in <media>"), child->name);
      name = get_attr (child, "name");
      if (bekal_package_check_name (name) != NULL)
        {
          g_free (name);
          return manifest_error (error, _("a media name is not valid"));
        }
      g_ptr_array_add (names, name);
    }

  return TRUE;
}

static gboolean
read_package (BekalPackageInfo  *info,
              xmlNodePtr         root,
              GError           **error)
{
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *format = NULL;
  gboolean has_files = FALSE, has_media = FALSE, has_module_file = FALSE;
  guint n_listed = 0;

  if (root == NULL || !is_element (root, "package"))
    return manifest_error (error, _("its root element is not <package xmlns=\"%s\">"),
                           PACKAGE_NS);

  format = get_attr (root, "format");
  if (g_strcmp0 (format, PACKAGE_FORMAT) != 0)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_MANIFEST,
                   _("The package has the format “%s”, which this version of Bekal does not "
                     "know. Update Bekal, or ask for a package made for this version."),
                   format ? format : "?");
      return FALSE;
    }

  if (!check_children (root, error))
    return FALSE;

  for (xmlNodePtr child = root->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (child, "module"))
        {
          if (!read_module (info, child, error))
            return FALSE;
        }
      else if (is_element (child, "files") && !has_files)
        {
          has_files = TRUE;
          if (!read_files (info, child, folded, error))
            return FALSE;
        }
      else if (is_element (child, "media") && !has_media)
        {
          has_media = TRUE;
          if (!read_media (child, media, error))
            return FALSE;
        }
      else
        return manifest_error (error, _("unexpected element <%s>"), child->name);
    }

  if (info->id == NULL)
    return manifest_error (error, _("it describes no module"));

  for (guint i = 0; i < info->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (info->files, i);

      if (g_str_has_prefix (file->path, BEKAL_PACKAGE_MODULE_PREFIX))
        has_module_file = TRUE;
    }
  if (!has_module_file)
    return manifest_error (error, _("it lists no module file"));

  bekal_package_info_finish (info);

  /* the media list must name exactly the files under media/ */
  g_ptr_array_sort (media, bekal_compare_strings);
  n_listed = g_strv_length (info->media);
  if (n_listed != media->len)
    return manifest_error (error, _("its list of media does not match its files"));
  for (guint i = 0; i < media->len; i++)
    if (!g_str_equal (info->media[i], g_ptr_array_index (media, i)))
      return manifest_error (error, _("its list of media does not match its files"));

  return TRUE;
}

/* Private API */

char *
bekal_package_manifest_write (BekalPackageInfo *info,
                              gsize            *length)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *id = g_markup_escape_text (info->id, -1);
  g_autofree char *version = g_markup_escape_text (info->version, -1);

  g_string_append (xml, "<package xmlns=\"" PACKAGE_NS "\" format=\"" PACKAGE_FORMAT "\">\n");
  g_string_append_printf (xml, "  <module id=\"%s\" version=\"%s\">\n", id, version);
  for (guint i = 0; info->languages[i]; i++)
    {
      g_autofree char *lang = g_markup_escape_text (info->languages[i], -1);
      g_autofree char *title = g_markup_escape_text (g_hash_table_lookup (info->titles,
                                                                          info->languages[i]),
                                                     -1);

      g_string_append_printf (xml, "    <title lang=\"%s\">%s</title>\n", lang, title);
    }
  g_string_append (xml, "  </module>\n  <files>\n");
  for (guint i = 0; i < info->files->len; i++)
    {
      const BekalPackageFile *file = g_ptr_array_index (info->files, i);
      g_autofree char *path = g_markup_escape_text (file->path, -1);

      g_string_append_printf (xml, "    <file path=\"%s\" size=\"%" G_GUINT64_FORMAT "\" "
                              "sha256=\"%s\"/>\n", path, file->size, file->sha256);
    }
  g_string_append (xml, "  </files>\n  <media>\n");
  for (guint i = 0; info->media[i]; i++)
    {
      g_autofree char *name = g_markup_escape_text (info->media[i], -1);

      g_string_append_printf (xml, "    <item name=\"%s\"/>\n", name);
    }
  g_string_append (xml, "  </media>\n</package>\n");

  *length = xml->len;
  return g_string_free (xml, FALSE);
}

BekalPackageInfo *
bekal_package_manifest_parse (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(BekalPackageInfo) info = bekal_package_info_new ();
  g_autofree char *first_error = NULL;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  gboolean ok;

  if (length > BEKAL_PACKAGE_MAX_MANIFEST_SIZE)
    {
      g_set_error (error, BEKAL_PACKAGE_ERROR, BEKAL_PACKAGE_ERROR_TOO_LARGE,
                   _("The package's manifest.xml is larger than %s; a real manifest is far "
                     "smaller. The package is damaged or hostile."), "1 MiB");
      return NULL;
    }
  if (length == 0 || !g_utf8_validate (data, length, NULL) || memchr (data, '\0', length))
    {
      manifest_error (error, _("it is empty or not UTF-8 text"));
      return NULL;
    }
  /* A manifest never needs a DOCTYPE; refusing one outright leaves no entity to expand and no
   * external DTD to fetch, whatever the parser would do with them */
  if (g_strstr_len (data, length, "<!DOCTYPE") || g_strstr_len (data, length, "<!ENTITY"))
    {
      manifest_error (error, _("it has a DOCTYPE or declares entities, which a manifest may "
                               "not"));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      manifest_error (error, _("out of memory"));
      return NULL;
    }
  ctxt->sax->serror = on_manifest_error;
  ctxt->sax->warning = NULL;
  ctxt->sax->error = NULL;
  ctxt->sax->fatalError = NULL;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;

  /* the options of the module loader: no network, no entity substitution, no DTD loading */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, BEKAL_PACKAGE_MANIFEST_NAME, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  if (ctxt->lastError.code != XML_ERR_OK && ctxt->lastError.message != NULL)
    first_error = g_strdup_printf ("line %d: %s", ctxt->lastError.line,
                                   g_strstrip (ctxt->lastError.message));
  ok = doc != NULL && ctxt->wellFormed;
  xmlFreeParserCtxt (ctxt);

  if (!ok)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      manifest_error (error, _("it is not well-formed XML (%s)"),
                      first_error ? first_error : "?");
      return NULL;
    }

  ok = read_package (info, xmlDocGetRootElement (doc), error);
  xmlFreeDoc (doc);

  return ok ? g_steal_pointer (&info) : NULL;
}
