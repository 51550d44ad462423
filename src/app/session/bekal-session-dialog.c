/* bekal-session-dialog.c: preparing a group session. The trainer picks a module and some or
 * all of its lessons, ticks the learners in the room and adds those who have no profile yet;
 * the prepared BekalSession goes out with "start". Profiles are only read here; the ones of
 * participants added on the spot are created when the session starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-session-dialog.h"
#include "bekal-session-list.h"
#include "bekal-session-room.h"

typedef struct
{
  char     *name;
  char     *sentra;
  char     *role;
  gboolean  trained_before;
  gint64    profile_id;
} RosterEntry;

struct _BekalSessionDialog
{
  AdwWindow      parent_instance;

  GPtrArray     *modules;
  BekalStore    *store;
  GPtrArray     *lesson_checks;   /* GtkCheckButton, one per lesson of the module chosen */
  GPtrArray     *lesson_rows;

  GtkButton     *cancel_button;
  GtkButton     *start_button;
  AdwComboRow   *module_row;
  AdwExpanderRow *lessons_row;
  AdwComboRow   *network_row;
  GtkStringList *networks;
  AdwPreferencesGroup *roster_group;
  GtkListBox    *roster_list;
  AdwEntryRow   *name_row;
  AdwEntryRow   *sentra_row;
  AdwEntryRow   *role_row;
  GtkSwitch     *trained_switch;
  GtkButton     *add_button;
  GtkListBox    *saved_list;
  GCancellable  *cancellable;
};

enum
{
  SIGNAL_START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalSessionDialog, bekal_session_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static void
roster_entry_free (gpointer data)
{
  RosterEntry *entry = data;

  g_free (entry->name);
  g_free (entry->sentra);
  g_free (entry->role);
  g_free (entry);
}

static BekalModule *
chosen_module (BekalSessionDialog *self)
{
  guint index = adw_combo_row_get_selected (self->module_row);

  if (self->modules == NULL || index >= self->modules->len)
    return NULL;
  return g_ptr_array_index (self->modules, index);
}

static guint
count_chosen (BekalSessionDialog *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->roster_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      n += check != NULL && gtk_check_button_get_active (check) ? 1 : 0;
    }
  return n;
}

static gboolean
any_lesson_chosen (BekalSessionDialog *self)
{
  for (guint i = 0; i < self->lesson_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->lesson_checks, i)))
      return TRUE;
  return FALSE;
}

static void
update_start (BekalSessionDialog *self)
{
  BekalModule *module = chosen_module (self);
  guint n = count_chosen (self);
  g_autofree char *title = g_strdup_printf (_("Participants (%u)"), n);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
                                        GTK_EDITABLE (self->name_row))));

  adw_preferences_group_set_title (self->roster_group, title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button),
                            module != NULL && any_lesson_chosen (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), *name != '\0');
}

static void
on_check_toggled (GtkCheckButton     *check,
                  BekalSessionDialog *self)
{
  update_start (self);
}

static void
append_roster_row (BekalSessionDialog *self,
                   RosterEntry        *entry,
                   gboolean            active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
  if (entry->profile_id == 0)
    subtitle = g_strdup_printf (_("%s · new profile"), entry->sentra[0] != '\0' ? entry->sentra
                                                                               : _("No sentra"));
  else
    subtitle = g_strdup (entry->sentra);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "entry", entry, roster_entry_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  gtk_list_box_append (self->roster_list, row);
}

static void
load_profiles (BekalSessionDialog *self)
{
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    profiles = bekal_store_list_profiles (self->store, &error);
  if (profiles == NULL)
    {
      if (error != NULL)
        g_message ("Could not list the profiles: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(BekalProfile) profile = g_list_model_get_item (profiles, i);
      RosterEntry *entry = g_new0 (RosterEntry, 1);

      entry->name = g_strdup (bekal_profile_get_name (profile));
      entry->sentra = g_strdup (bekal_profile_get_unit (profile));
      entry->role = g_strdup (bekal_profile_get_role (profile));
      entry->trained_before = bekal_profile_get_trained_before (profile);
      entry->profile_id = bekal_profile_get_id (profile);
      append_roster_row (self, entry, FALSE);
    }
}

static void
load_lessons (BekalSessionDialog *self)
{
  BekalModule *module = chosen_module (self);

  for (guint i = 0; i < self->lesson_rows->len; i++)
    adw_expander_row_remove (self->lessons_row, g_ptr_array_index (self->lesson_rows, i));
  g_ptr_array_set_size (self->lesson_rows, 0);
  g_ptr_array_set_size (self->lesson_checks, 0);
  if (module == NULL)
    return;

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_lesson_get_title (lesson));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      adw_expander_row_add_row (self->lessons_row, row);
      g_ptr_array_add (self->lesson_rows, row);
      g_ptr_array_add (self->lesson_checks, check);
    }
  adw_expander_row_set_subtitle (self->lessons_row, _("All lessons are chosen; open to choose "
                                                      "some"));
}

static BekalModule *
find_module (BekalSessionDialog *self,
             const char         *id)
{
  for (guint i = 0; self->modules != NULL && i < self->modules->len; i++)
    if (g_strcmp0 (bekal_module_get_id (g_ptr_array_index (self->modules, i)), id) == 0)
      return g_ptr_array_index (self->modules, i);
  return NULL;
}

static void
on_resume (GtkButton          *button,
           BekalSessionDialog *self)
{
  const BekalGroupSession *stored = g_object_get_data (G_OBJECT (button), "saved");
  g_autoptr(BekalSession) session = NULL;

  session = bekal_group_session_restore (stored, find_module (self, stored->module_id));
  if (session == NULL)
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_START], 0, session);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* The trainer chooses the network only when the laptop is on more than one */
static void
load_networks (BekalSessionDialog *self)
{
  g_autoptr(GPtrArray) addresses = bekal_session_room_dup_interface_addresses ();

  self->networks = gtk_string_list_new (NULL);
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *text = g_inet_address_to_string (g_ptr_array_index (addresses, i));

      gtk_string_list_append (self->networks, text);
    }
  adw_combo_row_set_model (self->network_row, G_LIST_MODEL (self->networks));
  gtk_widget_set_visible (GTK_WIDGET (self->network_row), addresses->len > 1);
}

static void
show_saved (BekalSessionDialog *self,
            GPtrArray          *sessions,
            const char         *problem)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);

  if (sessions == NULL || sessions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     problem != NULL ? _("The saved sessions cannot be read")
                                                     : _("No saved sessions yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   problem != NULL
                                   ? problem
                                   : _("A session is kept here with its date, module and "
                                       "participants, and can be resumed."));
      gtk_list_box_append (self->saved_list, row);
      return;
    }

  while (sessions->len > 0)
    {
      BekalGroupSession *stored = g_ptr_array_steal_index (sessions, 0);
      BekalModule *module = find_module (self, stored->module_id);
      GtkWidget *row = adw_action_row_new ();
      gboolean ended = stored->state == BEKAL_GROUP_SESSION_ENDED;
      GtkWidget *button = gtk_button_new_with_mnemonic (ended ? _("_Open Again")
                                                              : _("_Resume"));
      g_autofree char *subtitle = bekal_group_session_describe (stored);
      g_autofree char *missing = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (module != NULL)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_module_get_title (module));
      else
        {
          missing = g_strdup_printf (_("%s (not installed)"), stored->module_id);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), missing);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, module != NULL);
      gtk_widget_set_name (button, "resume");
      g_object_set_data_full (G_OBJECT (button), "saved", stored,
                              (GDestroyNotify) bekal_group_session_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_resume), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->saved_list, row);
    }
}

static void
on_saved_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BekalSessionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  sessions = bekal_store_list_group_sessions_finish (BEKAL_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;
  if (error != NULL)
    g_message ("The saved group sessions could not be read: %s", error->message);
  show_saved (self, sessions, error != NULL ? error->message : NULL);
}

/* Read in a worker: a store held by another Bekal must not freeze the dialog */
static void
load_saved (BekalSessionDialog *self)
{
  if (self->store == NULL)
    {
      show_saved (self, NULL, NULL);
      return;
    }
  bekal_store_list_group_sessions_async (self->store, NULL, self->cancellable, on_saved_listed,
                                         g_object_ref (self));
}

/* Callbacks */

static void
on_module_chosen (AdwComboRow        *row,
                  GParamSpec         *pspec,
                  BekalSessionDialog *self)
{
  load_lessons (self);
  update_start (self);
}

static void
on_name_changed (GtkEditable        *editable,
                 BekalSessionDialog *self)
{
  update_start (self);
}

static void
on_add (GtkButton          *button,
        BekalSessionDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
                                        GTK_EDITABLE (self->name_row))));

  if (*name == '\0')
    return;
  bekal_session_dialog_add_participant (self, name,
                                        gtk_editable_get_text (GTK_EDITABLE (self->sentra_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->role_row)),
                                        gtk_switch_get_active (self->trained_switch));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), "");
  gtk_switch_set_active (self->trained_switch, FALSE);
  /* the sentra stays: participants of one sentra are usually added one after another */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
on_cancel (GtkButton          *button,
           BekalSessionDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_start (GtkButton          *button,
          BekalSessionDialog *self)
{
  g_autoptr(BekalSession) session = bekal_session_dialog_dup_session (self);

  if (session == NULL)
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_START], 0, session);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* Overrides */

static void
bekal_session_dialog_dispose (GObject *object)
{
  BekalSessionDialog *self = BEKAL_SESSION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  g_clear_pointer (&self->lesson_checks, g_ptr_array_unref);
  g_clear_pointer (&self->lesson_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->networks);

  G_OBJECT_CLASS (bekal_session_dialog_parent_class)->dispose (object);
}

static void
bekal_session_dialog_class_init (BekalSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_session_dialog_dispose;

  signals[SIGNAL_START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, BEKAL_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bekal_peksos/Bekal/"
                                               "bekal-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, module_row);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, lessons_row);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, network_row);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, roster_group);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, roster_list);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, sentra_row);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, trained_switch);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, BekalSessionDialog, saved_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bekal_session_dialog_init (BekalSessionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->lesson_checks = g_ptr_array_new ();
  self->lesson_rows = g_ptr_array_new ();
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel), self);
  g_signal_connect (self->start_button, "clicked", G_CALLBACK (on_start), self);
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (on_add), self);
  g_signal_connect (self->name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect (self->name_row, "entry-activated", G_CALLBACK (on_add), self);
}

/* Public API */

BekalSessionDialog *
bekal_session_dialog_new (GtkWindow  *parent,
                          GPtrArray  *modules,
                          BekalStore *store)
{
  BekalSessionDialog *self;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  g_return_val_if_fail (modules != NULL, NULL);

  self = g_object_new (BEKAL_TYPE_SESSION_DIALOG, "transient-for", parent, NULL);
  self->modules = g_ptr_array_ref (modules);
  g_set_object (&self->store, store);

  for (guint i = 0; i < modules->len; i++)
    gtk_string_list_append (titles, bekal_module_get_title (g_ptr_array_index (modules, i)));
  adw_combo_row_set_model (self->module_row, G_LIST_MODEL (titles));
  g_signal_connect (self->module_row, "notify::selected", G_CALLBACK (on_module_chosen), self);

  load_networks (self);
  load_lessons (self);
  load_profiles (self);
  load_saved (self);
  update_start (self);
  return self;
}

void
bekal_session_dialog_add_participant (BekalSessionDialog *self,
                                      const char         *name,
                                      const char         *sentra,
                                      const char         *role,
                                      gboolean            trained_before)
{
  RosterEntry *entry;

  g_return_if_fail (BEKAL_IS_SESSION_DIALOG (self));
  g_return_if_fail (name != NULL);

  entry = g_new0 (RosterEntry, 1);
  entry->name = g_strdup (name);
  entry->sentra = g_strdup (sentra != NULL ? sentra : "");
  entry->role = g_strdup (role != NULL ? role : "");
  entry->trained_before = trained_before;
  append_roster_row (self, entry, TRUE);
  update_start (self);
}

BekalSession *
bekal_session_dialog_dup_session (BekalSessionDialog *self)
{
  BekalModule *module;
  g_autoptr(GPtrArray) lessons = g_ptr_array_new ();
  BekalSession *session;

  g_return_val_if_fail (BEKAL_IS_SESSION_DIALOG (self), NULL);

  module = chosen_module (self);
  if (module == NULL || !any_lesson_chosen (self))
    return NULL;

  for (guint i = 0; i < self->lesson_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->lesson_checks, i)))
      g_ptr_array_add (lessons,
                       (gpointer) bekal_lesson_get_id (bekal_module_get_lesson (module, i)));
  g_ptr_array_add (lessons, NULL);

  session = bekal_session_new (module, (const char * const *) lessons->pdata);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->networks)) > 1)
    bekal_session_set_listen_address (session, gtk_string_list_get_string (
                                        self->networks,
                                        adw_combo_row_get_selected (self->network_row)));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->roster_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      RosterEntry *entry = g_object_get_data (G_OBJECT (row), "entry");

      if (entry != NULL && gtk_check_button_get_active (check))
        bekal_session_add_participant (session, entry->name, entry->sentra, entry->role,
                                       entry->trained_before, entry->profile_id);
    }
  return session;
}
