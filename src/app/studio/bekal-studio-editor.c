/* bekal-studio-editor.c: one module file in a source editor, with its diagnostics, search,
 * atomic saving and a recovery copy of unsaved text
 *
 * The text is checked after a pause in typing ("settled"); the window does the checking. The
 * file is watched: when another program changes it and the editor holds no unsaved change, the
 * new text is taken. Unsaved text goes to a recovery file a few seconds after a change, so that
 * a crash loses little; the copy is removed once the file is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>

#include "bekal-studio-editor.h"
#include "bekal-studio-templates.h"

/* the pause in typing after which the text is checked; the preview follows within 0.5 s */
#define SETTLE_DELAY_MS 200
/* the pause after which unsaved text is copied to the recovery file */
#define RECOVERY_DELAY_MS 3000

struct _BekalStudioEditor
{
  GtkWidget               parent_instance;

  char                   *path;
  GFileMonitor           *monitor;
  GCancellable           *cancellable;
  gboolean                loaded;
  gboolean                loading_text; /* while the buffer is filled, not a change */
  guint                   settle_source;
  guint                   recovery_source;
  guint                   n_underlines;
  char                   *diagnostics_signature; /* what is underlined now */
  GtkTextTag             *error_tag;
  GtkTextTag             *warning_tag;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext *search_context;

  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkBox                 *replace_box;
  GtkEntry               *replace_entry;
  GtkLabel               *match_label;
  GtkSourceView          *view;
  GtkSourceBuffer        *buffer;
};

G_DEFINE_FINAL_TYPE (BekalStudioEditor, bekal_studio_editor, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SETTLED,
  SIGNAL_MESSAGE,
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What reading a file found: its text and, when there is one that differs, the recovery
 * copy */
typedef struct
{
  char *text;
  char *recovered;
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_free (result->text);
  g_free (result->recovered);
  g_free (result);
}

/* Helpers */

static char *
read_text (const char  *path,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  /* the buffer takes UTF-8 only; the loader names the bad bytes of the file itself */
  return g_utf8_make_valid (contents, length);
}

static char *
dup_buffer_text (BekalStudioEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

static void
set_text (BekalStudioEditor *self,
          const char        *text,
          gboolean           keep_cursor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;
  int line = 0;

  if (keep_cursor)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      line = gtk_text_iter_get_line (&iter);
    }

  self->loading_text = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_set_modified (buffer, FALSE);
  self->loading_text = FALSE;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
schedule_settled (BekalStudioEditor *self,
                  guint              delay);

static void
remove_recovery (BekalStudioEditor *self)
{
  g_autofree char *recovery = NULL;

  if (self->path == NULL)
    return;

  g_clear_handle_id (&self->recovery_source, g_source_remove);
  recovery = bekal_studio_editor_dup_recovery_path (self->path);
  /* a small unlink; an error only means there was none */
  g_remove (recovery);
}

/* Callbacks */

static gboolean
on_settle_timeout (gpointer user_data)
{
  BekalStudioEditor *self = BEKAL_STUDIO_EDITOR (user_data);

  self->settle_source = 0;
  g_signal_emit (self, signals[SIGNAL_SETTLED], 0);

  return G_SOURCE_REMOVE;
}

static void
schedule_settled (BekalStudioEditor *self,
                  guint              delay)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (delay, on_settle_timeout, self);
}

static void
on_recovery_written (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot write the recovery file: %s", error->message);
}

static gboolean
on_recovery_timeout (gpointer user_data)
{
  BekalStudioEditor *self = BEKAL_STUDIO_EDITOR (user_data);

  self->recovery_source = 0;
  bekal_studio_editor_write_recovery (self);

  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GtkTextBuffer     *buffer,
                   BekalStudioEditor *self)
{
  if (self->loading_text)
    return;

  schedule_settled (self, SETTLE_DELAY_MS);
  g_clear_handle_id (&self->recovery_source, g_source_remove);
  self->recovery_source = g_timeout_add (RECOVERY_DELAY_MS, on_recovery_timeout, self);
}

static void
on_recovery_response (AdwMessageDialog  *dialog,
                      const char        *response,
                      BekalStudioEditor *self)
{
  const char *recovered = g_object_get_data (G_OBJECT (dialog), "recovered");

  if (g_strcmp0 (response, "restore") == 0 && recovered != NULL)
    {
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
      GtkTextIter start, end;

      /* the restored text is unsaved: one undo step back to the file's text (set_text
       * could not be undone) */
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, recovered, -1);
      gtk_text_buffer_end_user_action (buffer);
    }
  else
    remove_recovery (self);
}

static void
offer_recovery (BekalStudioEditor *self,
                const char        *recovered)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = g_path_get_basename (self->path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Restore Unsaved Text?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s has text that was not saved when the studio last "
                                    "closed. Restore it to go on where you stopped, or "
                                    "discard it to keep the file as it is."),
                                  name);
  adw_message_dialog_add_responses (dialog, "discard", _("_Discard"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "restore");
  g_object_set_data_full (G_OBJECT (dialog), "recovered", g_strdup (recovered), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recovery_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *recovery = bekal_studio_editor_dup_recovery_path (path);
  ReadResult *result = g_new0 (ReadResult, 1);
  GError *error = NULL;

  result->text = read_text (path, &error);
  if (result->text == NULL)
    {
      read_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  result->recovered = read_text (recovery, NULL);
  if (g_strcmp0 (result->recovered, result->text) == 0)
    g_clear_pointer (&result->recovered, g_free);

  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

static void
on_file_read (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  ReadResult *result;
  BekalStudioEditor *self;
  g_autoptr(GError) error = NULL;
  gboolean first;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BEKAL_STUDIO_EDITOR (user_data);
  first = !self->loaded;
  if (result == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot read %s: %s"), self->path,
                                                  error->message);

      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
      return;
    }

  if (first)
    {
      set_text (self, result->text, FALSE);
      self->loaded = TRUE;
      if (result->recovered != NULL)
        offer_recovery (self, result->recovered);
    }
  else
    {
      g_autofree char *current = dup_buffer_text (self);

      /* our own save, or nothing new */
      if (g_strcmp0 (current, result->text) != 0)
        {
          if (bekal_studio_editor_get_modified (self))
            {
              g_autofree char *name = g_path_get_basename (self->path);
              g_autofree char *message =
                g_strdup_printf (_("%s was changed by another program. Your unsaved text is "
                                   "kept; saving it replaces the other change."), name);

              g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
            }
          else
            set_text (self, result->text, TRUE);
        }
    }

  read_result_free (result);
  schedule_settled (self, 0);
}

static void
read_file (BekalStudioEditor *self)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, self->cancellable, on_file_read, self);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 BekalStudioEditor *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      if (self->loaded)
        read_file (self);
      break;
    default:
      break;
    }
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  BekalStudioEditor *self;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BEKAL_STUDIO_EDITOR (user_data);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot save %s: %s. Your text is still "
                                                    "here; save it somewhere else or try "
                                                    "again."),
                                                  self->path, error->message);

      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
      return;
    }

  remove_recovery (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
update_match_label (BekalStudioEditor *self)
{
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  g_autofree char *text = NULL;

  if (count < 0 || gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    text = g_strdup ("");
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count),
                            count);
  gtk_label_set_text (self->match_label, text);
}

static void
on_occurrences_changed (GObject           *object,
                        GParamSpec        *pspec,
                        BekalStudioEditor *self)
{
  update_match_label (self);
}

static void
select_match (BekalStudioEditor *self,
              gboolean           forward)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end, match_start, match_end;
  gboolean wrapped;
  gboolean found;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (forward)
    found = gtk_source_search_context_forward (self->search_context, &end, &match_start,
                                               &match_end, &wrapped);
  else
    found = gtk_source_search_context_backward (self->search_context, &start, &match_start,
                                                &match_end, &wrapped);
  if (!found)
    return;

  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0.2, FALSE, 0, 0);
}

static void
on_search_changed (GtkSearchEntry    *entry,
                   BekalStudioEditor *self)
{
  gtk_source_search_settings_set_search_text (self->search_settings,
                                              gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate (GtkSearchEntry    *entry,
                    BekalStudioEditor *self)
{
  select_match (self, TRUE);
}

static void
on_next_clicked (GtkButton         *button,
                 BekalStudioEditor *self)
{
  select_match (self, TRUE);
}

static void
on_previous_clicked (GtkButton         *button,
                     BekalStudioEditor *self)
{
  select_match (self, FALSE);
}

static void
on_replace_clicked (GtkButton         *button,
                    BekalStudioEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  GtkTextIter start, end;
  g_autoptr(GError) error = NULL;

  /* replace the selected match, then go to the next one */
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end) > 0
      && !gtk_source_search_context_replace (self->search_context, &start, &end, replacement, -1,
                                             &error))
    g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
  select_match (self, TRUE);
}

static void
on_replace_all_clicked (GtkButton         *button,
                        BekalStudioEditor *self)
{
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;

  if (!gtk_source_search_context_replace_all (self->search_context, replacement, -1, &error))
    g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
}

static char *
on_query_tooltip (GtkSourceMarkAttributes *attributes,
                  GtkSourceMark           *mark,
                  BekalStudioEditor       *self)
{
  return g_strdup (g_object_get_data (G_OBJECT (mark), "message"));
}

/* Overrides */

static void
bekal_studio_editor_dispose (GObject *object)
{
  BekalStudioEditor *self = BEKAL_STUDIO_EDITOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  /* a last copy of unsaved text: the window may be closing because of a crash elsewhere */
  if (self->recovery_source != 0)
    {
      g_clear_handle_id (&self->recovery_source, g_source_remove);
      bekal_studio_editor_write_recovery (self);
    }
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->search_context);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_STUDIO_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bekal_studio_editor_parent_class)->dispose (object);
}

static void
bekal_studio_editor_finalize (GObject *object)
{
  BekalStudioEditor *self = BEKAL_STUDIO_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_settings);
  g_free (self->path);
  g_free (self->diagnostics_signature);

  G_OBJECT_CLASS (bekal_studio_editor_parent_class)->finalize (object);
}

static void
bekal_studio_editor_class_init (BekalStudioEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_studio_editor_dispose;
  object_class->finalize = bekal_studio_editor_finalize;

  signals[SIGNAL_SETTLED] =
    g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-studio-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalStudioEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioEditor, replace_box);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioEditor, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioEditor, match_label);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioEditor, view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_all_clicked);
}

static void
bekal_studio_editor_init (BekalStudioEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;
  g_autoptr(GtkSourceMarkAttributes) error_marks = gtk_source_mark_attributes_new ();
  g_autoptr(GtkSourceMarkAttributes) warning_marks = gtk_source_mark_attributes_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  /* GtkSourceView reads its XML language definition with libxml2, which the module loader
   * keeps from reading any file; this thread may, for the definition */
  bekal_loader_begin_trusted_xml ();
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "xml"));
  bekal_loader_end_trusted_xml ();
  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);

  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "studio-error",
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->warning_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer),
                                                  "studio-warning",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba",
                                                  &(GdkRGBA) { 0.8, 0.5, 0.0, 1.0 }, NULL);

  gtk_source_mark_attributes_set_icon_name (error_marks, "dialog-error-symbolic");
  gtk_source_mark_attributes_set_icon_name (warning_marks, "dialog-warning-symbolic");
  /* a tinted line as well as the icon, for a mark seen from across the room */
  gtk_source_mark_attributes_set_background (error_marks, &(GdkRGBA) { 0.88, 0.11, 0.14, 0.12 });
  gtk_source_mark_attributes_set_background (warning_marks, &(GdkRGBA) { 0.9, 0.6, 0.0, 0.14 });
  g_signal_connect (error_marks, "query-tooltip-text", G_CALLBACK (on_query_tooltip), self);
  g_signal_connect (warning_marks, "query-tooltip-text", G_CALLBACK (on_query_tooltip), self);
  gtk_source_view_set_mark_attributes (self->view, "studio-error", error_marks, 20);
  gtk_source_view_set_mark_attributes (self->view, "studio-warning", warning_marks, 10);

  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  self->search_context = gtk_source_search_context_new (self->buffer, self->search_settings);
  g_signal_connect (self->search_context, "notify::occurrences-count",
                    G_CALLBACK (on_occurrences_changed), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  g_signal_connect (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);
}

/* Public API */

BekalStudioEditor *
bekal_studio_editor_new (void)
{
  return g_object_new (BEKAL_TYPE_STUDIO_EDITOR, NULL);
}

void
bekal_studio_editor_open (BekalStudioEditor *self,
                          const char        *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_canonicalize_filename (path, NULL);
  self->loaded = FALSE;

  file = g_file_new_for_path (self->path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_file_changed), self);
  else
    g_warning ("Cannot watch %s: %s", self->path, error->message);

  read_file (self);
}

const char *
bekal_studio_editor_get_path (BekalStudioEditor *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), NULL);

  return self->path;
}

gboolean
bekal_studio_editor_is_loaded (BekalStudioEditor *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), FALSE);

  return self->loaded;
}

gboolean
bekal_studio_editor_get_modified (BekalStudioEditor *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), FALSE);

  return gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
}

GBytes *
bekal_studio_editor_dup_text (BekalStudioEditor *self)
{
  char *text;

  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), NULL);

  text = dup_buffer_text (self);
  return g_bytes_new_take (text, strlen (text));
}

GtkSourceBuffer *
bekal_studio_editor_get_buffer (BekalStudioEditor *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), NULL);

  return self->buffer;
}

GtkSourceView *
bekal_studio_editor_get_view (BekalStudioEditor *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), NULL);

  return self->view;
}

void
bekal_studio_editor_set_diagnostics (BekalStudioEditor *self,
                                     GPtrArray         *diagnostics)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));

  /* the same findings as before: nothing to redo. Removing a tag from the whole buffer makes
   * the view lay out every line again, which takes long on a large module */
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      BekalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (bekal_diagnostic_get_file (diagnostic), self->path) == 0)
        g_string_append_printf (signature, "%d:%d:%d:%s\n",
                                bekal_diagnostic_get_severity (diagnostic),
                                bekal_diagnostic_get_line (diagnostic),
                                bekal_diagnostic_get_column (diagnostic),
                                bekal_diagnostic_get_message (diagnostic));
    }
  if (g_strcmp0 (signature->str, self->diagnostics_signature) == 0)
    return;
  g_free (self->diagnostics_signature);
  self->diagnostics_signature = g_strdup (signature->str);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->warning_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, NULL);
  self->n_underlines = 0;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      BekalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      gboolean error = bekal_diagnostic_get_severity (diagnostic) == BEKAL_SEVERITY_ERROR;
      int line = MAX (bekal_diagnostic_get_line (diagnostic), 1) - 1;
      int column = bekal_diagnostic_get_column (diagnostic);
      GtkSourceMark *mark;

      if (g_strcmp0 (bekal_diagnostic_get_file (diagnostic), self->path) != 0)
        continue;
      if (!gtk_text_buffer_get_iter_at_line (buffer, &start, line))
        gtk_text_buffer_get_end_iter (buffer, &start);

      /* from the column, or from the first character of the line, to its end */
      if (column > 1)
        gtk_text_iter_forward_chars (&start, column - 1);
      else
        while (!gtk_text_iter_ends_line (&start)
               && g_unichar_isspace (gtk_text_iter_get_char (&start)))
          gtk_text_iter_forward_char (&start);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      if (gtk_text_iter_equal (&start, &end))
        gtk_text_iter_backward_char (&start);

      gtk_text_buffer_apply_tag (buffer, error ? self->error_tag : self->warning_tag, &start,
                                 &end);
      self->n_underlines++;
      mark = gtk_source_buffer_create_source_mark (self->buffer, NULL,
                                                   error ? "studio-error" : "studio-warning",
                                                   &start);
      g_object_set_data_full (G_OBJECT (mark), "message",
                              g_strdup (bekal_diagnostic_get_message (diagnostic)), g_free);
    }
}

guint
bekal_studio_editor_get_n_underlines (BekalStudioEditor *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), 0);

  return self->n_underlines;
}

void
bekal_studio_editor_go_to (BekalStudioEditor *self,
                           int                line,
                           int                column)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, MAX (line, 1) - 1);
  if (column > 1)
    {
      GtkTextIter line_end = iter;

      gtk_text_iter_forward_to_line_end (&line_end);
      gtk_text_iter_forward_chars (&iter, column - 1);
      if (gtk_text_iter_compare (&iter, &line_end) > 0)
        iter = line_end;
    }
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0.2, TRUE, 0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

char *
bekal_studio_editor_dup_cursor_lesson (BekalStudioEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter cursor, open_start, open_end, close_start, close_end, tag_end;
  g_autofree char *tag = NULL;
  const char *id;
  const char *quote;

  g_return_val_if_fail (BEKAL_IS_STUDIO_EDITOR (self), NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  /* inside the start tag itself counts as inside the lesson */
  gtk_text_iter_forward_chars (&cursor, 8);
  if (!gtk_text_iter_backward_search (&cursor, "<lesson", GTK_TEXT_SEARCH_TEXT_ONLY, &open_start,
                                      &open_end, NULL))
    return NULL;
  if (gtk_text_iter_backward_search (&cursor, "</lesson>", GTK_TEXT_SEARCH_TEXT_ONLY,
                                     &close_start, &close_end, NULL)
      && gtk_text_iter_compare (&close_start, &open_start) > 0
      && gtk_text_iter_compare (&close_end, &cursor) <= 0)
    return NULL;

  tag_end = open_end;
  gtk_text_iter_forward_chars (&tag_end, 400);
  tag = gtk_text_buffer_get_text (buffer, &open_end, &tag_end, FALSE);
  if (strchr (tag, '>') != NULL)
    *strchr (tag, '>') = '\0';

  id = strstr (tag, "id=\"");
  if (id == NULL)
    return NULL;
  id += strlen ("id=\"");
  quote = strchr (id, '"');

  return quote != NULL ? g_strndup (id, quote - id) : NULL;
}

void
bekal_studio_editor_insert_template (BekalStudioEditor *self,
                                     const char        *name)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter, line_start;
  g_autofree char *text = NULL;
  g_autofree char *xml = NULL;
  guint indent;

  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line_start = iter;
  gtk_text_iter_set_line_offset (&line_start, 0);
  indent = gtk_text_iter_get_line_offset (&iter);

  text = dup_buffer_text (self);
  xml = bekal_studio_template_build (name, text, indent);
  if (xml == NULL)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, xml, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

void
bekal_studio_editor_save (BekalStudioEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) text = NULL;

  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));

  if (self->path == NULL || !self->loaded)
    return;

  text = bekal_studio_editor_dup_text (self);
  file = g_file_new_for_path (self->path);
  /* the buffer is clean from here: a change typed while the file is written marks it again */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  /* g_file_replace_contents writes a temporary file and renames it over the old one */
  g_file_replace_contents_bytes_async (file, text, NULL, FALSE, G_FILE_CREATE_NONE,
                                       self->cancellable, on_saved, self);
}

void
bekal_studio_editor_show_search (BekalStudioEditor *self,
                                 gboolean           replace)
{
  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->replace_box), replace);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

char *
bekal_studio_editor_dup_recovery_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *name = g_strdup_printf ("%s.xml", hash);

  return g_build_filename (g_get_user_data_dir (), "bekal", "studio-recovery", name, NULL);
}

void
bekal_studio_editor_write_recovery (BekalStudioEditor *self)
{
  g_autofree char *recovery = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) text = NULL;

  g_return_if_fail (BEKAL_IS_STUDIO_EDITOR (self));

  if (self->path == NULL || !self->loaded || !bekal_studio_editor_get_modified (self))
    return;

  recovery = bekal_studio_editor_dup_recovery_path (self->path);
  folder = g_path_get_dirname (recovery);
  /* a small mkdir; the folder is private: the text may be unpublished material */
  g_mkdir_with_parents (folder, 0700);
  file = g_file_new_for_path (recovery);
  text = bekal_studio_editor_dup_text (self);
  g_file_replace_contents_bytes_async (file, text, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                       on_recovery_written, NULL);
}
