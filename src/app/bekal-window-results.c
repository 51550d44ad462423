/* bekal-window-results.c: the trainer's export and import of results files
 * (win.export-results, win.import-results): a file chooser, the work in a worker thread on a
 * connection of its own, and a toast or a dialog that says how it ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-xapi.h>

#include "bekal-window-private.h"

typedef struct
{
  char                   *data_dir;
  GFile                  *file;
  gboolean                import;
  gboolean                with_names;
  guint64                 n_exported;
  BekalXapiImportSummary  summary;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_free (exchange->data_dir);
  g_clear_object (&exchange->file);
  g_free (exchange);
}

static void on_exchanged (GObject      *source_object,
                          GAsyncResult *result,
                          gpointer      user_data);

/* Helpers */

static void
set_busy (BekalWindow *self,
          gboolean     busy)
{
  const char *names[] = { "export-results", "import-results" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !busy);
    }
}

static void
show_message (BekalWindow *self,
              const char  *heading,
              const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_import (const BekalXapiImportSummary *summary,
                 const char                   *name)
{
  if (summary->n_statements == summary->n_already_present)
    return g_strdup_printf (_("Everything in “%s” was already in this data folder: nothing was "
                              "added."), name);

  return g_strdup_printf (_("From “%s”: %llu new learners, %llu quiz attempts with %llu answers "
                            "and %llu completed lessons were added. %llu records were already "
                            "in this data folder."),
                          name, (unsigned long long) summary->n_profiles,
                          (unsigned long long) summary->n_attempts,
                          (unsigned long long) summary->n_answers,
                          (unsigned long long) summary->n_lessons,
                          (unsigned long long) summary->n_already_present);
}

/* The pages that show what was imported read it again */
static void
refresh_after_import (BekalWindow *self)
{
  const char *page = bekal_window_get_page_name (self);

  if (g_str_equal (page, "gap-report"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "show-gap-report", NULL);
  else if (g_str_equal (page, "item-analysis"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "show-item-analysis", NULL);
  else if (g_str_equal (page, "profiles"))
    bekal_profile_page_load (bekal_window_get_profile_page (self),
                             bekal_application_get_store (self->application));
}

/* Runs in a worker thread */
static void
exchange_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Exchange *exchange = task_data;
  g_autofree char *path = g_file_get_path (exchange->file);
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Choose a file on this computer or on a USB stick."));
      return;
    }

  store = bekal_store_open (exchange->data_dir, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (exchange->import)
    ok = bekal_xapi_import (store, path, &exchange->summary, &error);
  else
    ok = bekal_xapi_export (store, path, exchange->with_names ? BEKAL_XAPI_FLAGS_WITH_NAMES
                                                              : BEKAL_XAPI_FLAGS_NONE,
                            &exchange->n_exported, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_exchange (BekalWindow *self,
                Exchange    *exchange)
{
  g_autoptr(GTask) task = NULL;

  exchange->data_dir = g_strdup (bekal_application_get_data_dir (self->application));
  g_cancellable_cancel (self->results_cancellable);
  g_clear_object (&self->results_cancellable);
  self->results_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  /* no source object: the task must not keep a window that went away alive */
  task = g_task_new (NULL, self->results_cancellable, on_exchanged, self);
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  g_task_run_in_thread (task, exchange_in_thread);
}

/* Callbacks */

static void
on_exchanged (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Exchange *exchange = g_task_get_task_data (task);
  g_autofree char *name = g_file_get_basename (exchange->file);
  g_autoptr(GError) error = NULL;
  BekalWindow *self;

  /* the window went away: it must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_WINDOW (user_data);
  g_clear_object (&self->results_cancellable);
  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (task, &error))
    show_message (self, exchange->import ? _("The Results Were Not Imported")
                                         : _("The Results Were Not Exported"),
                  error->message);
  else if (exchange->import)
    {
      g_autofree char *body = describe_import (&exchange->summary, name);

      show_message (self, _("Results Imported"), body);
      refresh_after_import (self);
    }
  else
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (exchange->with_names
                                 ? _("%llu records saved in “%s”, with names")
                                 : _("%llu records saved in “%s”"),
                                 (unsigned long long) exchange->n_exported, name);
      bekal_window_show_toast (self, message);
    }
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     BekalWindow     *self)
{
  gboolean import = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog))
                    == GTK_FILE_CHOOSER_ACTION_OPEN;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *names = import ? NULL : gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog),
                                                                       "names");

      if (file != NULL && import)
        bekal_window_import_results (self, file);
      else if (file != NULL)
        bekal_window_export_results (self, file, g_strcmp0 (names, "true") == 0);
    }

  g_clear_object (&self->results_chooser);
}

static void
open_chooser (BekalWindow *self,
              gboolean     import)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->results_chooser != NULL || self->results_cancellable != NULL)
    return;

  self->results_chooser =
    gtk_file_chooser_native_new (import ? _("Import Results") : _("Export Results"),
                                 GTK_WINDOW (self),
                                 import ? GTK_FILE_CHOOSER_ACTION_OPEN
                                        : GTK_FILE_CHOOSER_ACTION_SAVE,
                                 import ? _("_Import") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->results_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Bekal results files"));
  gtk_file_filter_add_pattern (filter, "*.jsonl");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->results_chooser), filter);
  if (!import)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
      /* TRANSLATORS: the suggested name of an exported results file; keep ".jsonl" */
      g_autofree char *file_name = g_strdup_printf (_("bekal-results-%s.jsonl"), date);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->results_chooser), file_name);
      /* a code per learner unless the trainer asks for names */
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->results_chooser), "names",
                                   _("Include the learners' names, units and jobs"), NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->results_chooser), "names", "false");
    }
  g_signal_connect (self->results_chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->results_chooser));
}

static void
open_export_chooser (BekalWindow *self,
                     gpointer     data)
{
  open_chooser (self, FALSE);
}

static void
open_import_chooser (BekalWindow *self,
                     gpointer     data)
{
  open_chooser (self, TRUE);
}

/* Results files hold every learner's scores: trainer mode first (bekal-window-trainer.c) */
static void
on_export_results (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), open_export_chooser, NULL);
}

static void
on_import_results (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), open_import_chooser, NULL);
}

/* Internal API */

void
bekal_window_install_results_actions (BekalWindow *self)
{
  static const GActionEntry actions[] = {
    { "export-results", on_export_results },
    { "import-results", on_import_results },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

void
bekal_window_dispose_results (BekalWindow *self)
{
  if (self->results_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->results_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->results_chooser));
      g_clear_object (&self->results_chooser);
    }
  g_cancellable_cancel (self->results_cancellable);
  g_clear_object (&self->results_cancellable);
}

/* Public API */

void
bekal_window_export_results (BekalWindow *self,
                             GFile       *file,
                             gboolean     with_names)
{
  Exchange *exchange;

  g_return_if_fail (BEKAL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  exchange = g_new0 (Exchange, 1);
  exchange->file = g_object_ref (file);
  exchange->with_names = with_names;
  start_exchange (self, exchange);
}

void
bekal_window_import_results (BekalWindow *self,
                             GFile       *file)
{
  Exchange *exchange;

  g_return_if_fail (BEKAL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  exchange = g_new0 (Exchange, 1);
  exchange->file = g_object_ref (file);
  exchange->import = TRUE;
  start_exchange (self, exchange);
}

gboolean
bekal_window_is_exchanging_results (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), FALSE);

  return self->results_cancellable != NULL;
}
