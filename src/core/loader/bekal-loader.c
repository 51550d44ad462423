/* bekal-loader.c: the loader object and one load from start to end, with its diagnostics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-paths.h>

#include "bekal-loader-private.h"
#include "bekal-model-private.h"

G_DEFINE_FINAL_TYPE (BekalLoader, bekal_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (bekal-loader-error-quark, bekal_loader_error)

/* Helpers: diagnostics */

static void compute_line_starts (LoadState *state);

int
bekal_loader_column_of (LoadState  *state,
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

void
bekal_loader_node_place (LoadState  *state,
                         xmlNodePtr  node,
                         int        *line,
                         int        *column)
{
  g_autofree char *needle = g_strdup_printf ("<%s", (const char *) node->name);

  *line = (int) xmlGetLineNo (node);
  *column = bekal_loader_column_of (state, *line, needle);
}

void
bekal_loader_add_diagnostic (LoadState     *state,
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

void
bekal_loader_node_problem (LoadState     *state,
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

  bekal_loader_add_diagnostic (state, severity, line, bekal_loader_column_of (state, line, needle),
                               message);
}

void
bekal_loader_attr_problem (LoadState     *state,
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

  bekal_loader_add_diagnostic (state, severity, line, bekal_loader_column_of (state, line, needle),
                               message);
}

static void
note_rejected_ids (LoadState  *state,
                   xmlNodePtr  node,
                   guint       depth)
{
  xmlChar *id;

  if (node->type != XML_ELEMENT_NODE || depth > 64)
    return;
  id = xmlGetNoNsProp (node, BAD_CAST "id");
  if (id != NULL)
    g_hash_table_add (state->rejected_ids, g_strdup ((const char *) id));
  xmlFree (id);
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    note_rejected_ids (state, child, depth + 1);
}

void
bekal_loader_note_rejected (LoadState  *state,
                            xmlNodePtr  node)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return;
  if (state->rejected_lines == NULL)
    {
      state->rejected_lines = g_hash_table_new (NULL, NULL);
      state->rejected_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
    g_hash_table_add (state->rejected_lines,
                      GINT_TO_POINTER ((int) xmlGetLineNo (node->parent)));
  note_rejected_ids (state, node, 0);
}

gboolean
bekal_loader_follows_rejected (LoadState  *state,
                               int         line,
                               const char *id)
{
  if (state->rejected_lines == NULL)
    return FALSE;
  return (line > 0 && g_hash_table_contains (state->rejected_lines, GINT_TO_POINTER (line)))
         || (id != NULL && g_hash_table_contains (state->rejected_ids, id));
}

/* Letters added, removed, changed or swapped with the next one (a common slip: “trem”) */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize n = strlen (a);
  gsize m = strlen (b);
  guint d[65][65];

  /* names are short; a long one is no misspelling of an element */
  if (n > 64 || m > 64)
    return G_MAXUINT;

  for (gsize i = 0; i <= n; i++)
    d[i][0] = (guint) i;
  for (gsize j = 0; j <= m; j++)
    d[0][j] = (guint) j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

        d[i][j] = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = MIN (d[i][j], d[i - 2][j - 2] + 1);
      }
  return d[n][m];
}

const char *
bekal_loader_suggest_name (const char         *name,
                           const char * const *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint limit = strlen (name) <= 4 ? 1 : 2;

  for (guint i = 0; candidates[i] != NULL; i++)
    if (g_str_equal (name, candidates[i]))
      return NULL;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      guint distance = edit_distance (name, candidates[i]);

      if (distance > 0 && distance <= limit && distance < best_distance)
        {
          best = candidates[i];
          best_distance = distance;
        }
    }
  return best;
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

static gboolean
check_root (LoadState *state,
            xmlDocPtr  doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);

  if (root == NULL)
    {
      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, 1, 1,
                                   _("The file contains no <module> element."));
      return FALSE;
    }

  if (!node_name_is (root, "module"))
    {
      bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, root,
                                 _("The file starts with <%s>, but a module file must start with "
                                   "<module>. Is this really a Bekal module?"),
                                 (const char *) root->name);
      return FALSE;
    }

  if (root->ns == NULL || !xmlStrEqual (root->ns->href, BAD_CAST MODULE_NS))
    {
      bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, root,
                                 _("<module> has the wrong namespace (%s). Write <module "
                                   "xmlns=\"%s\" …>."),
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
  g_clear_pointer (&state->bad_pools, g_hash_table_unref);
  g_clear_pointer (&state->rejected_lines, g_hash_table_unref);
  g_clear_pointer (&state->rejected_ids, g_hash_table_unref);
  g_clear_object (&state->module);
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
  bekal_loader_install_entity_loader ();
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

static int
compare_diagnostic_places (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  const BekalDiagnostic *x = *(BekalDiagnostic * const *) a;
  const BekalDiagnostic *y = *(BekalDiagnostic * const *) b;
  int line_x = bekal_diagnostic_get_line (x);
  int line_y = bekal_diagnostic_get_line (y);

  if (line_x != line_y)
    return line_x < line_y ? -1 : 1;
  return bekal_diagnostic_get_column (x) < bekal_diagnostic_get_column (y) ? -1
         : bekal_diagnostic_get_column (x) > bekal_diagnostic_get_column (y);
}

/* A copy of @contents ending in a NUL, as the parser expects, or NULL with a diagnostic when
 * it is larger than a module file may be */
static char *
copy_contents_capped (LoadState *state,
                      GBytes    *contents,
                      gsize     *length)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (contents, &size);
  char *buffer;

  if (size > BEKAL_LOADER_MAX_FILE_SIZE)
    {
      g_autofree char *text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *max = g_format_size_full (BEKAL_LOADER_MAX_FILE_SIZE,
                                                 G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *message =
        g_strdup_printf (_("The file is too large (%s; the limit is %s). Split the module or "
                           "move media out of the XML file."), text, max);

      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, 0, 0, message);
      return NULL;
    }

  buffer = g_malloc (size + 1);
  if (size > 0)
    memcpy (buffer, data, size);
  buffer[size] = '\0';
  *length = size;

  return buffer;
}

/* Like bekal_loader_load_file(); when the file follows the schema but fails a later check,
 * @partial receives the model anyway, so that translations can still be compared with it.
 * With @contents, the text is taken from there instead of the file at @path. */
static BekalModule *
load_file_full (BekalLoader  *self,
                const char   *path,
                GBytes       *contents,
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
  guint first_diagnostic;

  g_return_val_if_fail (BEKAL_IS_LOADER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  state.loader = self;
  state.path = path;
  state.diagnostics = diagnostics;
  first_diagnostic = diagnostics->len;

  if (contents != NULL)
    buffer = copy_contents_capped (&state, contents, &state.length);
  else
    buffer = bekal_loader_read_file_capped (&state, path, &state.length, error);
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
  state.bad_pools = g_hash_table_new (NULL, NULL);
  state.rng_vague = g_ptr_array_new ();
  state.text_run = g_string_sized_new (256);

  if (state.length == 0)
    bekal_loader_add_diagnostic (&state, BEKAL_SEVERITY_ERROR, 0, 0,
                                 _("The file is empty. A module file starts with <?xml "
                                   "version=\"1.0\" encoding=\"UTF-8\"?> followed by <module>."));
  else
    bekal_loader_report_invalid_utf8 (&state);

  if (state.n_errors > 0)
    goto out;

  doc = bekal_loader_parse_buffer (&state);
  if (doc == NULL)
    {
      if (state.n_errors == 0)
        bekal_loader_add_diagnostic (&state, BEKAL_SEVERITY_ERROR, 0, 0,
                                     _("The file could not be read as XML."));
      goto out;
    }

  if (check_root (&state, doc))
    {
      guint errors_before = state.n_errors;

      bekal_loader_validate_with_schema (&state, doc);
      follows_schema = state.n_errors == errors_before;

      state.module = bekal_module_new_empty ();
      state.module->path = g_steal_pointer (&absolute);
      state.module->display_path = g_strdup (path);
      state.module->folder = g_strdup (state.folder);
      bekal_loader_build_module (&state, xmlDocGetRootElement (doc));
      /* the schema enforces them already; this only names what it found missing */
      if (!follows_schema)
        bekal_loader_check_required_attributes (&state, (xmlNodePtr) doc);
      bekal_loader_check_module (&state);
      bekal_loader_drop_vague_schema_errors (&state);
    }

  xmlFreeDoc (doc);

  if (state.n_errors == 0)
    result = g_steal_pointer (&state.module);
  else if (partial != NULL && follows_schema)
    *partial = g_steal_pointer (&state.module);

out:
  /* in the order of the file, as the author reads it (a stable sort keeps the order of the
   * messages at one place) */
  if (diagnostics->len > first_diagnostic + 1)
    g_qsort_with_data (diagnostics->pdata + first_diagnostic,
                       (int) (diagnostics->len - first_diagnostic), sizeof (gpointer),
                       compare_diagnostic_places, NULL);

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
  return load_file_full (self, path, NULL, diagnostics, NULL, error);
}

BekalModule *
bekal_loader_load_bytes (BekalLoader  *self,
                         const char   *path,
                         GBytes       *contents,
                         GPtrArray    *diagnostics,
                         GError      **error)
{
  g_return_val_if_fail (contents != NULL, NULL);

  return load_file_full (self, path, contents, diagnostics, NULL, error);
}

void
bekal_loader_check_translation (BekalModule *original,
                                BekalModule *translation,
                                GPtrArray   *diagnostics)
{
  g_return_if_fail (BEKAL_IS_MODULE (original));
  g_return_if_fail (BEKAL_IS_MODULE (translation));
  g_return_if_fail (diagnostics != NULL);

  bekal_loader_compare_translation (original, translation, diagnostics);
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
      BekalModule *module = load_file_full (self, path, NULL, diagnostics, &partial,
                                                 &local_error);

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
          bekal_loader_compare_translation (original, value, diagnostics);
    }

  return g_steal_pointer (&variants);
}
