/* bekal-studio-window.c: the authoring studio: a module's files beside a live preview
 *
 * The Indonesian file and, when there is one, the English file are open in tabs. After a
 * pause in typing, or when a file changes on the disk, both texts are checked in a worker
 * thread (the loader's from-memory entry point, then the translation check); the diagnostics
 * are underlined in the editors and listed below them, and the lesson the cursor is in is
 * shown by the same lesson view learners see, at the block it showed before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-module-template.h>

#include "bekal-studio-check.h"
#include "bekal-studio-templates.h"
#include "bekal-studio-trial.h"
#include "bekal-studio-window.h"

/* the pause after a cursor move before the preview follows it to another lesson */
#define CURSOR_DELAY_MS 150

struct _BekalStudioWindow
{
  AdwWindow          parent_instance;

  GSettings         *settings;
  char             **media_dirs;
  char              *folder;
  BekalStudioEditor *editors[2];      /* Indonesian, English (NULL when there is none) */
  GCancellable      *check_cancellable;
  GPtrArray         *diagnostics;
  BekalModule       *modules[2];      /* the last versions that loaded */
  char              *preview_lesson;  /* the id of the lesson shown */
  int                preview_variant; /* which of modules[] it is from */
  guint              cursor_source;
  GtkFileChooserNative *chooser;
  gboolean           close_confirmed;
  gboolean           disposed;   /* the editors still go after dispose, with the content */

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkNotebook       *notebook;
  GtkLabel          *problems_label;
  GtkListBox        *problems_list;
  GtkLabel          *preview_label;
  BekalLessonView   *preview;
};

G_DEFINE_FINAL_TYPE (BekalStudioWindow, bekal_studio_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CHECKED,
  SIGNAL_PREVIEW_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const languages[] = { "id", "en" };

/* Helpers */

static void
toast (BekalStudioWindow *self,
       const char        *text)
{
  AdwToast *item = adw_toast_new (text);

  adw_toast_set_timeout (item, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static int
current_variant (BekalStudioWindow *self)
{
  int page = gtk_notebook_get_current_page (self->notebook);

  return page == 1 && self->editors[1] != NULL ? 1 : 0;
}

static gboolean
any_modified (BekalStudioWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
    if (self->editors[i] != NULL && bekal_studio_editor_get_modified (self->editors[i]))
      return TRUE;

  return FALSE;
}

static void
update_title (BekalStudioWindow *self)
{
  g_autofree char *name = self->folder != NULL ? g_path_get_basename (self->folder) : NULL;
  g_autofree char *title = NULL;

  if (name == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Studio"));
      adw_window_title_set_subtitle (self->window_title, "");
      return;
    }

  /* TRANSLATORS: the window title while a module has unsaved changes */
  title = any_modified (self) ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, self->folder);
}

static void
show_preview (BekalStudioWindow *self)
{
  int variant = current_variant (self);
  BekalModule *module = self->modules[variant];
  BekalStudioEditor *editor = self->editors[variant];
  g_autofree char *lesson_id = NULL;
  BekalLesson *lesson = NULL;
  BekalBlockContext context = { 0, };
  guint block = 0;
  guint index = 0;

  if (module == NULL || editor == NULL || bekal_module_get_n_lessons (module) == 0)
    return;

  lesson_id = bekal_studio_editor_dup_cursor_lesson (editor);
  if (lesson_id != NULL)
    lesson = bekal_module_find_lesson (module, lesson_id);
  /* outside any lesson (a quiz, the glossary): the lesson shown last, else the first */
  if (lesson == NULL && self->preview_lesson != NULL)
    lesson = bekal_module_find_lesson (module, self->preview_lesson);
  if (lesson == NULL)
    lesson = bekal_module_get_lesson (module, 0);

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    if (bekal_module_get_lesson (module, i) == lesson)
      index = i;

  /* the same lesson again: keep the block the trainer was looking at */
  if (g_strcmp0 (self->preview_lesson, bekal_lesson_get_id (lesson)) == 0
      && self->preview_variant == variant
      && bekal_lesson_view_get_lesson (self->preview) != NULL)
    block = bekal_lesson_view_get_current_block (self->preview);

  context.module = module;
  context.settings = self->settings;
  /* a newer read of the lesson shown: only the blocks the edit touched are made again */
  if (g_strcmp0 (self->preview_lesson, bekal_lesson_get_id (lesson)) == 0
      && self->preview_variant == variant
      && bekal_lesson_view_get_lesson (self->preview) != NULL)
    bekal_lesson_view_refresh_lesson (self->preview, &context, lesson);
  else
    bekal_lesson_view_show_lesson (self->preview, &context, lesson, block);
  bekal_lesson_view_set_navigation (self->preview, index + 1,
                                    bekal_module_get_n_lessons (module));

  g_free (self->preview_lesson);
  self->preview_lesson = g_strdup (bekal_lesson_get_id (lesson));
  self->preview_variant = variant;
  g_signal_emit (self, signals[SIGNAL_PREVIEW_UPDATED], 0);
}

static BekalStudioEditor *
editor_for_file (BekalStudioWindow *self,
                 const char        *path,
                 int               *page)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
    if (self->editors[i] != NULL
        && g_strcmp0 (bekal_studio_editor_get_path (self->editors[i]), path) == 0)
      {
        *page = i;
        return self->editors[i];
      }

  return NULL;
}

static GtkWidget *
problem_row_new (BekalStudioWindow *self,
                 BekalDiagnostic   *diagnostic)
{
  gboolean error = bekal_diagnostic_get_severity (diagnostic) == BEKAL_SEVERITY_ERROR;
  g_autofree char *name = g_path_get_basename (bekal_diagnostic_get_file (diagnostic));
  g_autofree char *place = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");
  GtkWidget *where;
  GtkWidget *message;

  if (bekal_diagnostic_get_column (diagnostic) > 0)
    place = g_strdup_printf ("%s:%d:%d", name, bekal_diagnostic_get_line (diagnostic),
                             bekal_diagnostic_get_column (diagnostic));
  else
    place = g_strdup_printf ("%s:%d", name, bekal_diagnostic_get_line (diagnostic));

  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  where = gtk_label_new (place);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "numeric");
  message = gtk_label_new (bekal_diagnostic_get_message (diagnostic));
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_selectable (GTK_LABEL (message), FALSE);
  gtk_widget_set_hexpand (message, TRUE);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_valign (where, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), where);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "diagnostic", bekal_diagnostic_ref (diagnostic),
                          (GDestroyNotify) bekal_diagnostic_unref);

  return row;
}

static void
show_diagnostics (BekalStudioWindow *self)
{
  GtkWidget *child;
  guint errors = bekal_diagnostics_count (self->diagnostics, BEKAL_SEVERITY_ERROR);
  guint warnings = bekal_diagnostics_count (self->diagnostics, BEKAL_SEVERITY_WARNING);
  g_autofree char *summary = NULL;
  g_autofree char *error_text = NULL;
  g_autofree char *warning_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
    if (self->editors[i] != NULL)
      bekal_studio_editor_set_diagnostics (self->editors[i], self->diagnostics);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; i < self->diagnostics->len; i++)
    gtk_list_box_append (self->problems_list,
                         problem_row_new (self, g_ptr_array_index (self->diagnostics, i)));

  if (errors == 0 && warnings == 0)
    summary = g_strdup (_("No problems found"));
  else
    {
      error_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                 errors), errors);
      warning_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                   "%u warnings", warnings), warnings);
      /* TRANSLATORS: "2 errors, 1 warning" */
      summary = g_strdup_printf (_("%s, %s"), error_text, warning_text);
    }
  gtk_label_set_text (self->problems_label, summary);
}

static void
update_preview_label (BekalStudioWindow *self,
                      BekalStudioCheck  *check)
{
  int variant = current_variant (self);
  BekalModule *loaded = variant == 0 ? check->original : check->translation;

  if (loaded != NULL)
    gtk_label_set_text (self->preview_label,
                        _("Preview: the lesson the cursor is in, as learners see it"));
  else if (self->modules[variant] != NULL)
    gtk_label_set_text (self->preview_label,
                        _("The text has errors: the preview shows the last version without "
                          "errors"));
  else
    gtk_label_set_text (self->preview_label,
                        _("The text has errors: fix them to see the preview"));
}

static void
start_check (BekalStudioWindow *self);

static gboolean
close_with_unsaved (BekalStudioWindow *self);

/* Callbacks */

static void
on_lint_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BekalStudioWindow) self = user_data; /* the task's reference */
  g_autoptr(GPtrArray) warnings = NULL;

  /* a newer check runs, or the window closed */
  warnings = bekal_studio_lint_finish (result, NULL);
  if (warnings == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)))
      || self->diagnostics == NULL)
    return;

  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (self->diagnostics, bekal_diagnostic_ref (g_ptr_array_index (warnings, i)));
  if (warnings->len > 0)
    show_diagnostics (self);
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BekalStudioWindow) self = user_data; /* the task's reference */
  g_autoptr(BekalStudioCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  /* a newer check runs, or the window closed: this one's text is out of date */
  check = bekal_studio_check_finish (result, &error);
  if (check == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = g_ptr_array_ref (check->diagnostics);
  if (check->original != NULL)
    g_set_object (&self->modules[0], check->original);
  if (check->translation != NULL)
    g_set_object (&self->modules[1], check->translation);

  show_diagnostics (self);
  update_preview_label (self, check);
  show_preview (self);
  update_title (self);

  /* the item-writing checks come a moment after the preview, which does not need them */
  if (check->original != NULL && bekal_studio_editor_get_path (self->editors[0]) != NULL)
    bekal_studio_lint_async (check->original, bekal_studio_editor_get_path (self->editors[0]),
                             g_task_get_cancellable (G_TASK (result)), on_lint_done,
                             g_object_ref (self));
  else
    g_signal_emit (self, signals[SIGNAL_CHECKED], 0);
}

static void
on_editor_settled (BekalStudioEditor *editor,
                   BekalStudioWindow *self)
{
  start_check (self);
}

static void
on_editor_message (BekalStudioEditor *editor,
                   const char        *text,
                   BekalStudioWindow *self)
{
  toast (self, text);
}

static void
on_editor_saved (BekalStudioEditor *editor,
                 BekalStudioWindow *self)
{
  g_autofree char *name = g_path_get_basename (bekal_studio_editor_get_path (editor));
  g_autofree char *text = g_strdup_printf (_("%s saved"), name);

  toast (self, text);
  update_title (self);
  if (self->close_confirmed && !any_modified (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_modified_changed (GtkTextBuffer     *buffer,
                     BekalStudioWindow *self)
{
  update_title (self);
}

static gboolean
on_cursor_timeout (gpointer user_data)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (user_data);
  int variant = current_variant (self);
  g_autofree char *lesson = NULL;

  self->cursor_source = 0;
  if (self->editors[variant] == NULL)
    return G_SOURCE_REMOVE;

  lesson = bekal_studio_editor_dup_cursor_lesson (self->editors[variant]);
  if (lesson != NULL && g_strcmp0 (lesson, self->preview_lesson) != 0)
    show_preview (self);

  return G_SOURCE_REMOVE;
}

static void
on_cursor_moved (GObject           *buffer,
                 GParamSpec        *pspec,
                 BekalStudioWindow *self)
{
  g_clear_handle_id (&self->cursor_source, g_source_remove);
  if (!self->disposed)
    self->cursor_source = g_timeout_add (CURSOR_DELAY_MS, on_cursor_timeout, self);
}

static void
on_switch_page (GtkNotebook       *notebook,
                GtkWidget         *page,
                guint              page_num,
                BekalStudioWindow *self)
{
  g_clear_handle_id (&self->cursor_source, g_source_remove);
  /* the notebook also switches while its pages go, when the window is destroyed */
  if (!self->disposed)
    self->cursor_source = g_timeout_add (0, on_cursor_timeout, self);
}

static void
on_problem_activated (GtkListBox        *list,
                      GtkListBoxRow     *row,
                      BekalStudioWindow *self)
{
  BekalDiagnostic *diagnostic = g_object_get_data (G_OBJECT (row), "diagnostic");
  BekalStudioEditor *editor;
  int page = 0;

  if (diagnostic == NULL)
    return;

  editor = editor_for_file (self, bekal_diagnostic_get_file (diagnostic), &page);
  if (editor == NULL)
    return;

  gtk_notebook_set_current_page (self->notebook, page);
  bekal_studio_editor_go_to (editor, bekal_diagnostic_get_line (diagnostic),
                             bekal_diagnostic_get_column (diagnostic));
}

static void
on_folder_chosen (GtkNativeDialog   *dialog,
                  int                response,
                  BekalStudioWindow *self)
{
  gboolean create = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "create"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || (folder = g_file_get_path (file)) == NULL)
    return;

  if (create ? !bekal_studio_window_create_module (self, folder, &error)
             : !bekal_studio_window_open_folder (self, folder, &error))
    toast (self, error->message);
}

static void
choose_folder (BekalStudioWindow *self,
               gboolean           create)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (create ? _("New Module: Choose an Empty Folder")
                                                      : _("Open a Module Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               create ? _("_Create") : _("_Open"), NULL);
  g_object_set_data (G_OBJECT (self->chooser), "create", GINT_TO_POINTER (create));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_open_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  choose_folder (BEKAL_STUDIO_WINDOW (widget), FALSE);
}

static void
on_new_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  choose_folder (BEKAL_STUDIO_WINDOW (widget), TRUE);
}

static void
on_save_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  bekal_studio_window_save (BEKAL_STUDIO_WINDOW (widget));
}

static void
on_find_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (widget);
  BekalStudioEditor *editor = self->editors[current_variant (self)];

  if (editor != NULL)
    bekal_studio_editor_show_search (editor, g_str_equal (action, "studio.replace"));
}

static void
on_insert_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (widget);
  BekalStudioEditor *editor = self->editors[current_variant (self)];

  if (editor != NULL)
    bekal_studio_editor_insert_template (editor, g_variant_get_string (parameter, NULL));
}

static void
on_try_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (widget);

  if (self->folder == NULL)
    return;
  if (any_modified (self))
    {
      toast (self, _("Save the module first: learners see the saved files."));
      return;
    }

  bekal_studio_trial_open (GTK_WINDOW (self), self->folder,
                           (const char * const *) self->media_dirs, self->settings);
}

static void
on_close_response (AdwMessageDialog  *dialog,
                   const char        *response,
                   BekalStudioWindow *self)
{
  if (g_str_equal (response, "cancel"))
    return;

  self->close_confirmed = TRUE;
  if (g_str_equal (response, "save"))
    bekal_studio_window_save (self);
  else
    {
      /* discarded on purpose: no recovery copy to offer next time */
      for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
        if (self->editors[i] != NULL)
          {
            const char *path = bekal_studio_editor_get_path (self->editors[i]);
            g_autofree char *recovery = bekal_studio_editor_dup_recovery_path (path);

            gtk_text_buffer_set_modified (
              GTK_TEXT_BUFFER (bekal_studio_editor_get_buffer (self->editors[i])), FALSE);
            g_remove (recovery);
          }
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
close_with_unsaved (BekalStudioWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save Changes?"),
                                                       _("The module has changes that are not "
                                                         "saved yet.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
start_check (BekalStudioWindow *self)
{
  BekalStudioSource sources[2] = { { 0, }, { 0, } };

  for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
    if (self->editors[i] != NULL && bekal_studio_editor_is_loaded (self->editors[i]))
      {
        sources[i].path = (char *) bekal_studio_editor_get_path (self->editors[i]);
        sources[i].text = bekal_studio_editor_dup_text (self->editors[i]);
      }

  if (sources[0].text == NULL)
    return;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  bekal_studio_check_async ((const char * const *) self->media_dirs, &sources[0],
                            sources[1].text != NULL ? &sources[1] : NULL,
                            self->check_cancellable, on_check_done, g_object_ref (self));

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_clear_pointer (&sources[i].text, g_bytes_unref);
}

static void
close_module (BekalStudioWindow *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->cursor_source, g_source_remove);
  while (gtk_notebook_get_n_pages (self->notebook) > 0)
    gtk_notebook_remove_page (self->notebook, -1);
  for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
    {
      self->editors[i] = NULL;
      g_clear_object (&self->modules[i]);
    }
  bekal_lesson_view_clear (self->preview);
  g_clear_pointer (&self->preview_lesson, g_free);
  g_ptr_array_set_size (self->diagnostics, 0);
  g_clear_pointer (&self->folder, g_free);
}

static void
add_editor (BekalStudioWindow *self,
            guint              index,
            const char        *path)
{
  BekalStudioEditor *editor = bekal_studio_editor_new ();
  g_autofree char *name = g_path_get_basename (path);
  /* TRANSLATORS: a tab of the studio, over the Indonesian file */
  GtkWidget *label = gtk_label_new (index == 0 ? _("Indonesian")
                                               /* TRANSLATORS: the tab over the English file */
                                               : _("English"));

  self->editors[index] = editor;
  gtk_widget_set_tooltip_text (label, name);
  gtk_notebook_append_page (self->notebook, GTK_WIDGET (editor), label);
  g_signal_connect_object (editor, "settled", G_CALLBACK (on_editor_settled), self, 0);
  g_signal_connect_object (editor, "message", G_CALLBACK (on_editor_message), self, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  g_signal_connect_object (bekal_studio_editor_get_buffer (editor), "modified-changed",
                           G_CALLBACK (on_modified_changed), self, 0);
  g_signal_connect_object (bekal_studio_editor_get_buffer (editor), "notify::cursor-position",
                           G_CALLBACK (on_cursor_moved), self, 0);
  bekal_studio_editor_open (editor, path);
}

/* Overrides */

static gboolean
bekal_studio_window_close_request (GtkWindow *window)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (window);

  if (!self->close_confirmed && any_modified (self))
    return close_with_unsaved (self);

  return GTK_WINDOW_CLASS (bekal_studio_window_parent_class)->close_request (window);
}

static void
bekal_studio_window_dispose (GObject *object)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_STUDIO_WINDOW);
  g_clear_handle_id (&self->cursor_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  for (guint i = 0; i < G_N_ELEMENTS (self->modules); i++)
    g_clear_object (&self->modules[i]);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bekal_studio_window_parent_class)->dispose (object);
}

static void
bekal_studio_window_finalize (GObject *object)
{
  BekalStudioWindow *self = BEKAL_STUDIO_WINDOW (object);

  g_strfreev (self->media_dirs);
  g_free (self->folder);
  g_free (self->preview_lesson);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_studio_window_parent_class)->finalize (object);
}

static void
bekal_studio_window_class_init (BekalStudioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bekal_studio_window_dispose;
  object_class->finalize = bekal_studio_window_finalize;
  window_class->close_request = bekal_studio_window_close_request;

  signals[SIGNAL_CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_PREVIEW_UPDATED] =
    g_signal_new ("preview-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BEKAL_TYPE_LESSON_VIEW);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-studio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, notebook);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, BekalStudioWindow, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_page);

  gtk_widget_class_install_action (widget_class, "studio.open", NULL, on_open_action);
  gtk_widget_class_install_action (widget_class, "studio.new", NULL, on_new_action);
  gtk_widget_class_install_action (widget_class, "studio.save", NULL, on_save_action);
  gtk_widget_class_install_action (widget_class, "studio.find", NULL, on_find_action);
  gtk_widget_class_install_action (widget_class, "studio.replace", NULL, on_find_action);
  gtk_widget_class_install_action (widget_class, "studio.insert", "s", on_insert_action);
  gtk_widget_class_install_action (widget_class, "studio.try", NULL, on_try_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "studio.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "studio.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "studio.find",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "studio.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
bekal_studio_window_init (BekalStudioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->diagnostics = bekal_diagnostics_new ();
  self->media_dirs = bekal_catalog_default_media_dirs (NULL);
  update_title (self);
}

/* Public API */

BekalStudioWindow *
bekal_studio_window_new (GtkApplication *application,
                         GSettings      *settings)
{
  BekalStudioWindow *self = g_object_new (BEKAL_TYPE_STUDIO_WINDOW,
                                          "application", application, NULL);

  g_set_object (&self->settings, settings);

  return self;
}

gboolean
bekal_studio_window_open_folder (BekalStudioWindow *self,
                                 const char        *folder,
                                 GError           **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *original = NULL;
  g_autofree char *translation = NULL;

  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), FALSE);

  absolute = g_canonicalize_filename (folder, NULL);
  original = g_build_filename (absolute, "module.id.xml", NULL);
  translation = g_build_filename (absolute, "module.en.xml", NULL);
  /* a small stat of a folder the trainer just chose */
  if (!g_file_test (original, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("%s holds no module.id.xml. Choose the folder of a module, or use New "
                     "Module to start one."), absolute);
      return FALSE;
    }

  close_module (self);
  self->folder = g_steal_pointer (&absolute);
  add_editor (self, 0, original);
  if (g_file_test (translation, G_FILE_TEST_IS_REGULAR))
    add_editor (self, 1, translation);
  gtk_notebook_set_show_tabs (self->notebook, self->editors[1] != NULL);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "studio.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "studio.try", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (bekal_studio_editor_get_view (self->editors[0])));
  update_title (self);

  return TRUE;
}

gboolean
bekal_studio_window_create_module (BekalStudioWindow *self,
                                   const char        *folder,
                                   GError           **error)
{
  g_autofree char *name = g_path_get_basename (folder);
  g_autoptr(GString) id = g_string_new (NULL);

  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), FALSE);

  /* a module id is lower-case letters, digits and hyphens */
  for (const char *p = name; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0 || !g_ascii_isalpha (id->str[0]))
    g_string_prepend (id, "modul-");

  if (!bekal_module_template_write (folder, id->str, error))
    return FALSE;

  return bekal_studio_window_open_folder (self, folder, error);
}

const char *
bekal_studio_window_get_folder (BekalStudioWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), NULL);

  return self->folder;
}

BekalStudioEditor *
bekal_studio_window_get_editor (BekalStudioWindow *self,
                                const char        *language)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (language, languages[i]) == 0)
      return self->editors[i];

  return NULL;
}

void
bekal_studio_window_show_editor (BekalStudioWindow *self,
                                 const char        *language)
{
  g_return_if_fail (BEKAL_IS_STUDIO_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (language, languages[i]) == 0 && self->editors[i] != NULL)
      gtk_notebook_set_current_page (self->notebook, i);
}

BekalLessonView *
bekal_studio_window_get_preview (BekalStudioWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), NULL);

  return self->preview;
}

GtkListBox *
bekal_studio_window_get_problems (BekalStudioWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), NULL);

  return self->problems_list;
}

GPtrArray *
bekal_studio_window_get_diagnostics (BekalStudioWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_STUDIO_WINDOW (self), NULL);

  return self->diagnostics;
}

void
bekal_studio_window_check_now (BekalStudioWindow *self)
{
  g_return_if_fail (BEKAL_IS_STUDIO_WINDOW (self));

  start_check (self);
}

void
bekal_studio_window_save (BekalStudioWindow *self)
{
  g_return_if_fail (BEKAL_IS_STUDIO_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->editors); i++)
    if (self->editors[i] != NULL && bekal_studio_editor_get_modified (self->editors[i]))
      bekal_studio_editor_save (self->editors[i]);
}
