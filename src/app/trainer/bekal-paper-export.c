/* bekal-paper-export.c: the trainer's PDFs written in a worker thread, and the file chooser
 *
 * Writing a PDF reads the store (the gap report, each learner's change, the trend, the item
 * analysis) and draws every page with cairo and Pango: hundreds of milliseconds on a large
 * store, so it never runs on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-store.h>

#include "bekal-paper-export.h"
#include "bekal-paper.h"

typedef struct
{
  BekalPaperExportKind  kind;
  char                 *data_dir;
  GPtrArray            *tests;
  GPtrArray            *modules;
  gint64                profile_id;
  char                 *module_id;
  char                 *module_title;
  char                 *language;
  char                 *path;
} Job;

typedef struct
{
  GWeakRef              widget;
  BekalPaperChosenFunc  callback;
  gpointer              user_data;
} Choice;

static void
job_free (Job *job)
{
  g_free (job->data_dir);
  g_clear_pointer (&job->tests, g_ptr_array_unref);
  g_clear_pointer (&job->modules, g_ptr_array_unref);
  g_free (job->module_id);
  g_free (job->module_title);
  g_free (job->language);
  g_free (job->path);
  g_free (job);
}

static gboolean
write_job (Job         *job,
           const char  *path,
           GError     **error)
{
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GPtrArray) tests = NULL;

  if (job->kind == BEKAL_PAPER_EXPORT_ITEM_ANALYSIS && job->tests != NULL)
    return bekal_paper_write_item_analysis (job->tests, job->data_dir, path, error);

  store = bekal_store_open (job->data_dir, error);
  if (store == NULL)
    return FALSE;

  switch (job->kind)
    {
    case BEKAL_PAPER_EXPORT_GAP_REPORT:
      tests = bekal_item_analysis_run (store, NULL, error);
      return tests != NULL
             && bekal_paper_write_gap_report_with_modules (store, job->modules, job->data_dir,
                                                           path,
                                                           bekal_paper_item_analysis_section,
                                                           tests, error);
    case BEKAL_PAPER_EXPORT_ITEM_ANALYSIS:
      tests = bekal_item_analysis_run (store, NULL, error);
      return tests != NULL
             && bekal_paper_write_item_analysis (tests, job->data_dir, path, error);
    case BEKAL_PAPER_EXPORT_CERTIFICATE:
    default:
      return bekal_paper_write_certificate (store, job->profile_id, job->module_id,
                                            job->module_title, job->language, path, error);
    }
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree char *temporary = g_strdup_printf ("%s.part", job->path);
  g_autoptr(GError) error = NULL;

  /* a temporary file beside the chosen one, renamed over it: a failure leaves the old file */
  if (!write_job (job, temporary, &error))
    {
      g_unlink (temporary);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_unlink (temporary);
      return;
    }
  if (g_rename (temporary, job->path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not write “%s”: %s"), job->path,
                               g_strerror (saved_errno));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     Choice          *choice)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&choice->widget);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && widget != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  choice->callback (widget, file, choice->user_data);

  g_weak_ref_clear (&choice->widget);
  g_free (choice);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

const char *
bekal_paper_export_ui_language (void)
{
  /* TRANSLATORS: the language code of certificates made in this language: "id" for
   * Indonesian, "en" for any other */
  const char *language = C_("certificate language", "en");

  return g_str_equal (language, "id") ? "id" : "en";
}

void
bekal_paper_export_async (const BekalPaperExportRequest *request,
                          GFile                         *file,
                          GCancellable                  *cancellable,
                          GAsyncReadyCallback            callback,
                          gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (request != NULL);
  g_return_if_fail (G_IS_FILE (file));

  /* no source object: the task must not keep a page that went away alive */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bekal_paper_export_async);

  job = g_new0 (Job, 1);
  job->kind = request->kind;
  job->data_dir = g_strdup (request->data_dir);
  job->tests = request->tests != NULL ? g_ptr_array_ref (request->tests) : NULL;
  /* the models are immutable: the thread may read them */
  if (request->modules != NULL)
    {
      job->modules = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < request->modules->len; i++)
        g_ptr_array_add (job->modules, g_object_ref (g_ptr_array_index (request->modules, i)));
    }
  job->profile_id = request->profile_id;
  job->module_id = g_strdup (request->module_id);
  job->module_title = g_strdup (request->module_title != NULL ? request->module_title
                                                              : request->module_id);
  job->language = g_strdup (request->language != NULL ? request->language
                                                      : bekal_paper_export_ui_language ());
  job->path = g_file_get_path (file);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (job->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The PDF can only be saved in a folder of this computer. "
                                 "Choose another folder."));
      return;
    }
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
bekal_paper_export_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bekal_paper_export_choose_file (GtkWidget            *widget,
                                const char           *title,
                                const char           *suggested_name,
                                BekalPaperChosenFunc  callback,
                                gpointer              user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  Choice *choice = g_new0 (Choice, 1);

  g_weak_ref_init (&choice->widget, widget);
  choice->callback = callback;
  choice->user_data = user_data;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_file_filter_set_name (filter, _("PDF files"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
