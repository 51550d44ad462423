/* bekal-window-install.c: installing a .bekal module package (win.install-module, and files
 * the application is asked to open): what the package holds and how it relates to what is
 * installed, read in a worker thread; the install in another; then what was replaced and what
 * progress was reset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-package.h>

#include "bekal-save.h"
#include "bekal-window-private.h"

/* What the worker thread found out about one package */
typedef struct
{
  char               *path;
  BekalPackageInfo   *info;
  GPtrArray          *diagnostics;
  GError             *error;
  BekalPackageStatus  status;
  char               *installed_version;
} Check;

static void
check_free (Check *check)
{
  g_free (check->path);
  g_clear_object (&check->info);
  g_clear_pointer (&check->diagnostics, g_ptr_array_unref);
  g_clear_error (&check->error);
  g_free (check->installed_version);
  g_free (check);
}

/* Helpers */

static const char *
package_title (BekalPackageInfo *info)
{
  const char * const *languages = g_get_language_names ();
  const char *title = NULL;

  for (guint i = 0; languages[i] && title == NULL; i++)
    title = bekal_package_info_get_title (info, languages[i]);
  if (title == NULL && bekal_package_info_get_languages (info)[0] != NULL)
    title = bekal_package_info_get_title (info, bekal_package_info_get_languages (info)[0]);

  return title ? title : bekal_package_info_get_id (info);
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (box, label);
  return label;
}

static void
add_row (GtkBox     *box,
         const char *name,
         const char *value)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", name, value);

  add_label (box, text, NULL);
}

/* The first few media names: a package may hold hundreds */
static char *
describe_media (const char * const *media)
{
  guint n = g_strv_length ((char **) media);
  g_autoptr(GString) text = g_string_new (NULL);

  if (n == 0)
    return g_strdup (_("none"));

  for (guint i = 0; i < n && i < 4; i++)
    g_string_append_printf (text, i == 0 ? "%s" : ", %s", media[i]);
  if (n > 4)
    g_string_append_printf (text, _(" and %u more"), n - 4);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What the package holds, for the dialog */
static GtkWidget *
describe_package (Check *check)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  guint n_shown = 0;

  if (check->info != NULL)
    {
      BekalPackageInfo *info = check->info;
      g_autofree char *languages =
        g_strjoinv (", ", (char **) bekal_package_info_get_languages (info));
      g_autofree char *size = g_format_size (bekal_package_info_get_total_size (info));
      const char * const *media = bekal_package_info_get_media (info);
      g_autofree char *media_list = describe_media (media);

      add_label (box, package_title (info), "heading");
      add_row (box, _("Module"), bekal_package_info_get_id (info));
      add_row (box, _("Version"), bekal_package_info_get_version (info));
      add_row (box, _("Languages"), languages);
      add_row (box, _("Size"), size);
      add_row (box, _("Media"), media_list);
    }

  for (guint i = 0; check->diagnostics != NULL && i < check->diagnostics->len; i++)
    {
      g_autofree char *line = bekal_diagnostic_to_string (g_ptr_array_index (check->diagnostics,
                                                                              i));

      if (n_shown == 0)
        add_label (box, _("What the check found"), "heading");
      /* the dialog must fit a small screen; bekal-author verify lists them all */
      if (++n_shown > 8)
        {
          g_autofree char *more = g_strdup_printf (_("… and %u more"),
                                                   check->diagnostics->len - 8);

          add_label (box, more, "dim-label");
          break;
        }
      add_label (box, line, "monospace");
    }

  return GTK_WIDGET (box);
}

static char *
describe_resets (const char * const *reset)
{
  GString *text = g_string_new (NULL);

  if (reset == NULL || reset[0] == NULL)
    return g_strdup (_("Every lesson, quiz and question kept its id: learners' progress and "
                       "results carry over."));

  g_string_append (text, _("Learners' progress and results carry over, except for these parts "
                           "the new version no longer has, which start again:"));
  for (guint i = 0; reset[i]; i++)
    {
      const char *colon = strchr (reset[i], ':');
      g_autofree char *kind = colon ? g_strndup (reset[i], colon - reset[i]) : g_strdup ("");
      const char *id = colon ? colon + 1 : reset[i];
      const char *name = g_str_equal (kind, "lesson") ? _("lesson")
                         : g_str_equal (kind, "block") ? _("block")
                         : g_str_equal (kind, "quiz") ? _("quiz")
                         : g_str_equal (kind, "question") ? _("question")
                         : g_str_equal (kind, "media") ? _("video or audio")
                         : kind;

      g_string_append_printf (text, "\n• %s %s", name, id);
    }

  return g_string_free (text, FALSE);
}

static AdwMessageDialog *
new_dialog (BekalWindow *self,
            const char  *heading,
            const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Runs in a worker thread */
static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Check *check = task_data;

  check->diagnostics = bekal_diagnostics_new ();
  check->info = bekal_package_verify (check->path, check->diagnostics, &check->error);
  if (check->info != NULL)
    check->status = bekal_package_info_compare_installed (check->info, NULL, NULL,
                                                          &check->installed_version);
  g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
on_installed (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data);

typedef struct
{
  BekalPackageInfo *info;
  char             *path;
} InstallRequest;

static void
install_request_free (InstallRequest *request)
{
  g_clear_object (&request->info);
  g_free (request->path);
  g_free (request);
}

/* Runs once trainer mode is on */
static void
install_package (BekalWindow *self,
                 gpointer     data)
{
  InstallRequest *request = data;
  g_autofree char *heading = NULL;
  AdwMessageDialog *progress;
  GtkWidget *spinner;

  /* the install cannot be stopped half way; the dialog only says it is under way */
  heading = g_strdup_printf (_("Installing “%s”…"), package_title (request->info));
  progress = new_dialog (self, heading, _("The package is unpacked and checked again before "
                                          "the module is put in place."));
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_message_dialog_set_extra_child (progress, spinner);
  adw_message_dialog_add_response (progress, "hide", _("_Hide"));
  gtk_window_present (GTK_WINDOW (progress));
  g_set_weak_pointer (&self->install_progress, GTK_WIDGET (progress));

  g_clear_object (&self->install_cancellable);
  self->install_cancellable = g_cancellable_new ();
  bekal_package_install_async (request->path, NULL, NULL, BEKAL_PACKAGE_INSTALL_DEFAULT,
                               self->install_cancellable, on_installed, self);
}

/* A package opened from the file manager is shown to anyone, but installing it is a
 * trainer's task, as from the menu */
static void
on_install_response (AdwMessageDialog *dialog,
                     const char       *response,
                     BekalWindow      *self)
{
  BekalPackageInfo *info = g_object_get_data (G_OBJECT (dialog), "bekal-package-info");
  const char *path = g_object_get_data (G_OBJECT (dialog), "bekal-package-path");
  InstallRequest *request;

  if (!g_str_equal (response, "install") || info == NULL || path == NULL)
    return;

  request = g_new0 (InstallRequest, 1);
  request->info = g_object_ref (info);
  request->path = g_strdup (path);
  bekal_window_require_trainer_full (self, install_package, request,
                                     (GDestroyNotify) install_request_free);
}

static void
on_checked (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Check *check = g_task_get_task_data (task);
  AdwMessageDialog *dialog;
  BekalWindow *self;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  gboolean installable = FALSE;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_WINDOW (user_data);
  g_clear_object (&self->check_cancellable);
  dialog = new_dialog (self, _("Install Module"), NULL);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_install_response), self, 0);

  name = g_path_get_basename (check->path);
  if (check->info == NULL)
    {
      adw_message_dialog_set_heading (dialog, _("This Package Cannot Be Installed"));
      body = g_strdup_printf (_("“%s” was refused: %s"), name, check->error->message);
    }
  else
    switch (check->status)
      {
      case BEKAL_PACKAGE_STATUS_NOT_INSTALLED:
        adw_message_dialog_set_heading (dialog, _("Install This Module?"));
        body = g_strdup (_("The package was checked. Its module goes into your modules folder "
                           "and its videos and pictures into your media folder."));
        installable = TRUE;
        break;
      case BEKAL_PACKAGE_STATUS_OLDER_INSTALLED:
        adw_message_dialog_set_heading (dialog, _("Replace the Installed Version?"));
        body = g_strdup_printf (_("Version %s of this module is installed. It will be replaced "
                                  "by version %s and kept as a backup until you remove it in "
                                  "Preferences. Learners' progress and results carry over "
                                  "wherever lessons and questions kept their ids."),
                                check->installed_version ? check->installed_version
                                                         : _("unknown"),
                                bekal_package_info_get_version (check->info));
        installable = TRUE;
        break;
      case BEKAL_PACKAGE_STATUS_SAME:
        adw_message_dialog_set_heading (dialog, _("Already Installed"));
        body = g_strdup_printf (_("Version %s of this module is already installed, with the "
                                  "same content. There is nothing to do."),
                                bekal_package_info_get_version (check->info));
        break;
      case BEKAL_PACKAGE_STATUS_SAME_VERSION_CHANGED:
        adw_message_dialog_set_heading (dialog, _("This Package Cannot Be Installed"));
        body = g_strdup_printf (_("Version %s of this module is already installed, with other "
                                  "content. A module's version must grow when its content "
                                  "changes: ask its author to raise the version and pack it "
                                  "again."),
                                bekal_package_info_get_version (check->info));
        break;
      case BEKAL_PACKAGE_STATUS_NEWER_INSTALLED:
      default:
        adw_message_dialog_set_heading (dialog, _("A Newer Version Is Installed"));
        body = g_strdup_printf (_("Version %s of this module is installed; the package holds "
                                  "the older version %s, which is not installed over it."),
                                check->installed_version,
                                bekal_package_info_get_version (check->info));
        break;
      }

  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_extra_child (dialog, describe_package (check));
  /* a package that cannot be installed gets no Install button at all */
  if (installable)
    {
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "install",
                                        _("_Install"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "install", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "install");
    }
  else
    adw_message_dialog_add_response (dialog, "cancel", _("_Close"));
  if (check->info != NULL)
    {
      g_object_set_data_full (G_OBJECT (dialog), "bekal-package-info", g_object_ref (check->info),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (dialog), "bekal-package-path", g_strdup (check->path),
                              g_free);
    }
  g_set_weak_pointer (&self->install_dialog, GTK_WIDGET (dialog));
  g_clear_weak_pointer (&self->install_result);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_installed (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BekalPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  BekalWindow *self;
  g_autofree char *body = NULL;

  info = bekal_package_install_finish (result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BEKAL_WINDOW (user_data);
  g_clear_object (&self->install_cancellable);
  if (self->install_progress != NULL)
    gtk_window_destroy (GTK_WINDOW (self->install_progress));

  if (info == NULL)
    {
      dialog = new_dialog (self, _("The Module Was Not Installed"), error->message);
    }
  else
    {
      g_autofree char *resets = NULL;
      g_autofree char *message = NULL;

      if (bekal_package_info_get_replaced_version (info) != NULL)
        {
          BekalStore *store = bekal_application_get_store (self->application);
          GPtrArray *moves = bekal_package_info_get_block_moves (info);

          /* before the library reloads, so that no lesson opens on the old places */
          if (store != NULL && moves != NULL && moves->len > 0)
            bekal_save_block_moves (store, bekal_package_info_get_id (info), moves, NULL, NULL);
          resets = describe_resets (bekal_package_info_get_reset_ids (info));
          body = g_strdup_printf (_("Version %s of “%s” replaced version %s, which is kept as a "
                                    "backup until you remove it in Preferences.\n\n%s"),
                                  bekal_package_info_get_version (info), package_title (info),
                                  bekal_package_info_get_replaced_version (info), resets);
        }
      else
        body = g_strdup_printf (_("“%s” %s is installed and appears in the library."),
                                package_title (info), bekal_package_info_get_version (info));
      dialog = new_dialog (self, _("Module Installed"), body);
      message = g_strdup_printf (_("“%s” installed"), package_title (info));
      bekal_window_show_toast (self, message);

      /* the library shows the new module once the folders are read again */
      bekal_application_reload_catalog (self->application, NULL, NULL);
    }

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->install_result, GTK_WIDGET (dialog));
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     BekalWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        bekal_window_open_package (self, file);
    }

  g_clear_object (&self->install_chooser);
}

static void
choose_package (BekalWindow *self,
                gpointer     data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->install_chooser != NULL)
    return;

  self->install_chooser = gtk_file_chooser_native_new (_("Install Module"), GTK_WINDOW (self),
                                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                       _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->install_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Bekal module packages"));
  gtk_file_filter_add_pattern (filter, "*.bekal");
  gtk_file_filter_add_mime_type (filter, "application/x-bekal-module");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->install_chooser), filter);
  g_signal_connect (self->install_chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->install_chooser));
}

/* Installing modules is a trainer's task: the passphrase is asked for first */
static void
on_install_module (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), choose_package, NULL);
}

/* Internal API */

void
bekal_window_install_package_actions (BekalWindow *self)
{
  static const GActionEntry actions[] = {
    { "install-module", on_install_module },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

void
bekal_window_dispose_package (BekalWindow *self)
{
  if (self->install_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->install_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->install_chooser));
      g_clear_object (&self->install_chooser);
    }
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_cancellable_cancel (self->install_cancellable);
  g_clear_object (&self->install_cancellable);
  g_clear_weak_pointer (&self->install_dialog);
  g_clear_weak_pointer (&self->install_progress);
  g_clear_weak_pointer (&self->install_result);
}

/* Public API */

void
bekal_window_open_package (BekalWindow *self,
                           GFile       *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GTask) task = NULL;
  AdwMessageDialog *dialog;
  Check *check;

  g_return_if_fail (BEKAL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  if (path == NULL)
    {
      dialog = new_dialog (self, _("This Package Cannot Be Installed"),
                           _("Choose a file on this computer or on a USB stick."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (self->install_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->install_dialog));
  g_clear_weak_pointer (&self->install_result);

  /* the dialog appears once the package is read, at the size of what it shows */
  body = g_strdup_printf (_("Checking “%s”…"), name);
  bekal_window_show_toast (self, body);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  check = g_new0 (Check, 1);
  check->path = g_steal_pointer (&path);
  /* no source object: the task must not keep a window that went away alive */
  task = g_task_new (NULL, self->check_cancellable, on_checked, self);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_in_thread);
}

GtkWidget *
bekal_window_get_install_dialog (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  if (self->install_result != NULL)
    return self->install_result;
  return self->install_dialog;
}

gboolean
bekal_window_is_installing (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), FALSE);

  return self->install_cancellable != NULL;
}
