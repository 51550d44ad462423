/* bekal-learners-page.c: learner management in trainer mode: the profiles with what is recorded
 * for each, editing, merging two profiles of one person, deleting a learner with all their data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-model.h>
#include <bekal/bekal-store-trainer.h>

#include "bekal-learners-page.h"
#include "bekal-paper-export.h"
#include "bekal-trainer-write.h"

struct _BekalLearnersPage
{
  GtkWidget   parent_instance;

  BekalStore *store;
  GListModel *profiles;  /* BekalProfile, of the last load */
  GPtrArray  *modules;   /* BekalModule of the catalog, for certificates */
  GCancellable *cancellable; /* of the certificates and changes being written */
  guint       n_writing;  /* changes being written */
  guint       n_rows;

  GtkWidget  *scrolled;
  GtkListBox *list;
};

/* What a dialog works on */
typedef struct
{
  BekalLearnersPage *page;        /* weak */
  gint64             profile_id;
  GArray            *other_ids;   /* merge: the ids in the drop-down */
  GPtrArray         *modules;     /* certificate: the modules in the drop-down */
  guint              selected;    /* certificate: the module chosen */
  GtkDropDown       *other;
  GtkCheckButton    *keep_this;
  AdwEntryRow       *name_row;
  AdwEntryRow       *unit_row;
  AdwEntryRow       *role_row;
  GtkSwitch         *trained_switch;
} Ask;

enum
{
  LEARNER_REMOVED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalLearnersPage, bekal_learners_page, GTK_TYPE_WIDGET)

/* Helpers */

static void
ask_free (Ask *ask)
{
  g_clear_weak_pointer (&ask->page);
  g_clear_pointer (&ask->other_ids, g_array_unref);
  g_clear_pointer (&ask->modules, g_ptr_array_unref);
  g_free (ask);
}

static Ask *
ask_new (BekalLearnersPage *self,
         gint64             profile_id)
{
  Ask *ask = g_new0 (Ask, 1);

  g_set_weak_pointer (&ask->page, self);
  ask->profile_id = profile_id;
  return ask;
}

/* The dialog owns @ask until its response takes it: a dialog closed without one (the window
 * or the application going away) frees it */
static void
connect_response (GtkWidget *dialog,
                  GCallback  callback,
                  Ask       *ask)
{
  g_object_set_data_full (G_OBJECT (dialog), "bekal-ask", ask, (GDestroyNotify) ask_free);
  g_signal_connect (dialog, "response", callback, ask);
}

static void
take_ask (AdwMessageDialog *dialog)
{
  g_object_steal_data (G_OBJECT (dialog), "bekal-ask");
}

static void
tell (BekalLearnersPage *self,
      const char        *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static char *
describe_summary (const BekalProfileSummary *summary)
{
  g_autofree char *attempts = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *reflections = NULL;
  g_autofree char *progress = NULL;

  attempts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quiz attempt", "%u quiz attempts",
                                           summary->n_attempts), summary->n_attempts);
  answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers",
                                          summary->n_answers), summary->n_answers);
  reflections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reflection",
                                              "%u reflections", summary->n_reflections),
                                 summary->n_reflections);
  progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u progress record",
                                           "%u progress records", summary->n_progress_rows),
                              summary->n_progress_rows);
  /* TRANSLATORS: the counts of quiz attempts, answers, reflections and progress records */
  return g_strdup_printf (_("%s, %s, %s, %s"), attempts, answers, reflections, progress);
}

static BekalProfile *
find_profile (BekalLearnersPage *self,
              gint64             profile_id)
{
  guint n = self->profiles != NULL ? g_list_model_get_n_items (self->profiles) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalProfile) profile = g_list_model_get_item (self->profiles, i);

      if (bekal_profile_get_id (profile) == profile_id)
        return g_steal_pointer (&profile);
    }

  return NULL;
}

static GtkWidget *
new_dialog (BekalLearnersPage *self,
            const char        *heading,
            const char        *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
removed (BekalLearnersPage *self,
         gint64             profile_id)
{
  g_signal_emit (self, signals[LEARNER_REMOVED], 0, profile_id);
  bekal_learners_page_load (self, self->store);
}

/* Callbacks */

/* A change being written in a worker thread: what to tell when it is done */
typedef enum
{
  CHANGE_DELETE,
  CHANGE_MERGE,
  CHANGE_EDIT,
} ChangeKind;

typedef struct
{
  ChangeKind         kind;
  BekalLearnersPage *page;       /* valid unless the write was cancelled */
  gint64             profile_id; /* deleted, merged away or edited */
  gint64             keep_id;    /* merge */
  char              *name;       /* edit */
  char              *unit;
  char              *role;
  int                years;
  gboolean           trained_before;
} Change;

static void
change_free (Change *change)
{
  g_free (change->name);
  g_free (change->unit);
  g_free (change->role);
  g_free (change);
}

static gboolean
write_change (BekalStore  *store,
              gpointer     data,
              GError     **error)
{
  Change *change = data;

  switch (change->kind)
    {
    case CHANGE_DELETE:
      return bekal_store_delete_profile (store, change->profile_id, error);
    case CHANGE_MERGE:
      return bekal_store_merge_profiles (store, change->keep_id, change->profile_id, error);
    case CHANGE_EDIT:
    default:
      return bekal_store_update_profile (store, change->profile_id, change->name, change->unit,
                                         change->role, change->years, change->trained_before,
                                         error);
    }
}

static void
on_change_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BekalLearnersPage *self;
  Change *change;

  /* the page went away: it must not be touched */
  if (!bekal_trainer_write_finish (result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  change = user_data;
  self = change->page;
  self->n_writing--;
  if (error != NULL)
    tell (self, error->message);
  else if (change->kind == CHANGE_DELETE)
    {
      tell (self, _("The learner and all their data were deleted."));
      removed (self, change->profile_id);
    }
  else if (change->kind == CHANGE_MERGE)
    {
      tell (self, _("The two profiles were merged."));
      removed (self, change->profile_id);
    }
  else
    bekal_learners_page_load (self, self->store);
}

/* Writes @change (taken) in a worker thread: the window stays responsive meanwhile */
static void
start_change (BekalLearnersPage *self,
              Change            *change)
{
  change->page = self;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->n_writing++;
  bekal_trainer_write_async (self->store, write_change, change, (GDestroyNotify) change_free,
                             self->cancellable, on_change_written, change);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Ask              *ask)
{
  BekalLearnersPage *self = ask->page;

  take_ask (dialog);

  if (self != NULL && g_str_equal (response, "delete"))
    {
      Change *change = g_new0 (Change, 1);

      change->kind = CHANGE_DELETE;
      change->profile_id = ask->profile_id;
      start_change (self, change);
    }

  ask_free (ask);
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Ask              *ask)
{
  BekalLearnersPage *self = ask->page;
  Change *change;
  guint selected;
  gint64 other_id, keep_id, merge_id;

  take_ask (dialog);

  if (self == NULL || !g_str_equal (response, "merge"))
    {
      ask_free (ask);
      return;
    }

  selected = gtk_drop_down_get_selected (ask->other);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= ask->other_ids->len)
    {
      ask_free (ask);
      return;
    }

  other_id = g_array_index (ask->other_ids, gint64, selected);
  keep_id = gtk_check_button_get_active (ask->keep_this) ? ask->profile_id : other_id;
  merge_id = keep_id == ask->profile_id ? other_id : ask->profile_id;

  change = g_new0 (Change, 1);
  change->kind = CHANGE_MERGE;
  change->keep_id = keep_id;
  change->profile_id = merge_id;
  start_change (self, change);
  ask_free (ask);
}

static void
on_edit_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Ask              *ask)
{
  g_autoptr(BekalProfile) profile = NULL;
  BekalLearnersPage *self = ask->page;

  take_ask (dialog);

  if (self != NULL && g_str_equal (response, "save"))
    {
      profile = find_profile (self, ask->profile_id);
      if (profile == NULL)
        tell (self, _("This profile no longer exists."));
      else
        {
          Change *change = g_new0 (Change, 1);

          change->kind = CHANGE_EDIT;
          change->profile_id = ask->profile_id;
          change->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->name_row)));
          change->unit = g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->unit_row)));
          change->role = g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->role_row)));
          change->years = bekal_profile_get_years_as_peksos (profile);
          change->trained_before = gtk_switch_get_active (ask->trained_switch);
          start_change (self, change);
        }
    }

  ask_free (ask);
}

static void
on_name_changed (AdwEntryRow      *row,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static gint64
row_profile_id (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "profile-id") : NULL;

  return id != NULL ? *id : 0;
}

/* A certificate being written: the page (valid unless cancelled) and the module's title */
typedef struct
{
  BekalLearnersPage *page;
  GFile             *file;
} Certificate;

static void
on_certificate_written (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Certificate *certificate = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (certificate->file);
  gboolean written = bekal_paper_export_finish (result, &error);

  /* the page went away: it must not be touched */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (written)
        {
          g_autofree char *message = g_strdup_printf (_("Certificate saved as “%s”"), name);

          tell (certificate->page, message);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("No certificate was made: %s"),
                                                      error->message);

          tell (certificate->page, message);
        }
    }

  g_object_unref (certificate->file);
  g_free (certificate);
}

static void
on_certificate_file_chosen (GtkWidget *widget,
                            GFile     *file,
                            gpointer   user_data)
{
  Ask *ask = user_data;

  if (widget != NULL && file != NULL && ask->page != NULL && ask->selected < ask->modules->len)
    {
      BekalModule *module = g_ptr_array_index (ask->modules, ask->selected);

      bekal_learners_page_write_certificate (ask->page, ask->profile_id,
                                             bekal_module_get_id (module), file);
    }
  ask_free (ask);
}

static void
on_certificate_response (AdwMessageDialog *dialog,
                         const char       *response,
                         Ask              *ask)
{
  g_autoptr(BekalProfile) profile = NULL;
  g_autofree char *suggested = NULL;

  take_ask (dialog);

  if (!g_str_equal (response, "save") || ask->page == NULL)
    {
      ask_free (ask);
      return;
    }

  /* the dialog and its drop-down go away now */
  ask->selected = gtk_drop_down_get_selected (ask->other);
  ask->other = NULL;
  profile = find_profile (ask->page, ask->profile_id);
  /* TRANSLATORS: the suggested file name of a certificate; %s is the learner's name */
  suggested = g_strdup_printf (_("certificate-%s.pdf"),
                               profile != NULL ? bekal_profile_get_name (profile) : "");
  g_strdelimit (suggested, "/\\:", '-');
  bekal_paper_export_choose_file (GTK_WIDGET (ask->page), _("Save the Certificate"), suggested,
                                  on_certificate_file_chosen, ask);
}

static void
on_certificate_clicked (GtkButton         *button,
                        BekalLearnersPage *self)
{
  bekal_learners_page_ask_certificate (self, row_profile_id (GTK_WIDGET (button)));
}

static void
on_edit_clicked (GtkButton         *button,
                 BekalLearnersPage *self)
{
  bekal_learners_page_ask_edit (self, row_profile_id (GTK_WIDGET (button)));
}

static void
on_merge_clicked (GtkButton         *button,
                  BekalLearnersPage *self)
{
  bekal_learners_page_ask_merge (self, row_profile_id (GTK_WIDGET (button)));
}

static void
on_delete_clicked (GtkButton         *button,
                   BekalLearnersPage *self)
{
  bekal_learners_page_ask_delete (self, row_profile_id (GTK_WIDGET (button)));
}

static GtkWidget *
new_row_button (BekalLearnersPage *self,
                const char        *icon,
                const char        *tooltip,
                GCallback          callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
new_row (BekalLearnersPage *self,
         BekalProfile      *profile)
{
  GtkWidget *row = adw_action_row_new ();
  BekalProfileSummary summary = { 0 };
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = bekal_profile_get_id (profile);
  const char *unit = bekal_profile_get_unit (profile);
  const char *role = bekal_profile_get_role (profile);
  const char *trained = bekal_profile_get_trained_before (profile) ? _("trained before")
                                                                   : _("not trained before");

  if (bekal_store_summarize_profile (self->store, id, &summary, &error))
    counts = describe_summary (&summary);
  else
    counts = g_strdup (error->message);

  /* TRANSLATORS: sentra or unit, job, whether trained before; then the counts */
  subtitle = g_strdup_printf (_("%s · %s · %s\n%s"), *unit != '\0' ? unit : _("no sentra"),
                              *role != '\0' ? role : _("no job title"), trained, counts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_profile_get_name (profile));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_object_set_data_full (G_OBJECT (row), "profile-id", g_memdup2 (&id, sizeof id), g_free);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_row_button (self, "application-certificate-symbolic",
                                             _("Certificate of completion"),
                                             G_CALLBACK (on_certificate_clicked)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_row_button (self, "document-edit-symbolic", _("Edit"),
                                             G_CALLBACK (on_edit_clicked)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_row_button (self, "view-paged-symbolic",
                                             _("Merge with another profile"),
                                             G_CALLBACK (on_merge_clicked)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_row_button (self, "user-trash-symbolic",
                                             _("Delete with all data"),
                                             G_CALLBACK (on_delete_clicked)));
  return row;
}

/* Overrides */

static void
bekal_learners_page_dispose (GObject *object)
{
  BekalLearnersPage *self = BEKAL_LEARNERS_PAGE (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->profiles);
  g_clear_pointer (&self->modules, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_learners_page_parent_class)->dispose (object);
}

static void
bekal_learners_page_class_init (BekalLearnersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_learners_page_dispose;

  signals[LEARNER_REMOVED] = g_signal_new ("learner-removed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, G_TYPE_INT64);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bekal_learners_page_init (BekalLearnersPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Learners"));
  GtkWidget *intro = gtk_label_new (_("Everyone who has a profile on this laptop, with what is "
                                      "recorded for them. Reflections are counted, never "
                                      "shown."));

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 18);
  gtk_widget_set_margin_end (clamp, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (GTK_BOX (box), title);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), intro);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Learners"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
}

/* Public API */

GtkWidget *
bekal_learners_page_new (void)
{
  return g_object_new (BEKAL_TYPE_LEARNERS_PAGE, NULL);
}

void
bekal_learners_page_load (BekalLearnersPage *self,
                          BekalStore        *store)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  g_return_if_fail (BEKAL_IS_LEARNERS_PAGE (self));
  g_return_if_fail (BEKAL_IS_STORE (store));

  g_set_object (&self->store, store);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;

  g_clear_object (&self->profiles);
  self->profiles = bekal_store_list_profiles (store, &error);
  if (self->profiles == NULL)
    {
      tell (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (self->profiles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalProfile) profile = g_list_model_get_item (self->profiles, i);

      gtk_list_box_append (self->list, new_row (self, profile));
      self->n_rows++;
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No learners yet"));
      gtk_list_box_append (self->list, row);
    }
}

gboolean
bekal_learners_page_is_writing (BekalLearnersPage *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNERS_PAGE (self), FALSE);

  return self->n_writing > 0;
}

guint
bekal_learners_page_get_n_rows (BekalLearnersPage *self)
{
  g_return_val_if_fail (BEKAL_IS_LEARNERS_PAGE (self), 0);

  return self->n_rows;
}

GtkWidget *
bekal_learners_page_ask_delete (BekalLearnersPage *self,
                                gint64             profile_id)
{
  g_autoptr(BekalProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  BekalProfileSummary summary = { 0 };
  g_autofree char *heading = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (BEKAL_IS_LEARNERS_PAGE (self), NULL);

  profile = find_profile (self, profile_id);
  if (profile == NULL || !bekal_store_summarize_profile (self->store, profile_id, &summary,
                                                         &error))
    {
      tell (self, error != NULL ? error->message : _("This profile no longer exists."));
      return NULL;
    }

  counts = describe_summary (&summary);
  heading = g_strdup_printf (_("Delete %s?"), bekal_profile_get_name (profile));
  body = g_strdup_printf (_("This deletes the profile of %s and everything recorded for them: "
                            "%s. Their results leave the gap report and the item analysis. "
                            "This cannot be undone."),
                          bekal_profile_get_name (profile), counts);
  dialog = new_dialog (self, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  connect_response (dialog, G_CALLBACK (on_delete_response), ask_new (self, profile_id));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

GtkWidget *
bekal_learners_page_ask_merge (BekalLearnersPage *self,
                               gint64             profile_id)
{
  g_autoptr(BekalProfile) profile = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep_label = NULL;
  GtkWidget *dialog, *box, *other_label, *keep_other;
  guint n;
  Ask *ask;

  g_return_val_if_fail (BEKAL_IS_LEARNERS_PAGE (self), NULL);

  profile = find_profile (self, profile_id);
  n = self->profiles != NULL ? g_list_model_get_n_items (self->profiles) : 0;
  if (profile == NULL || n < 2)
    {
      tell (self, _("There is no other profile to merge with."));
      return NULL;
    }

  ask = ask_new (self, profile_id);
  ask->other_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalProfile) other = g_list_model_get_item (self->profiles, i);
      gint64 id = bekal_profile_get_id (other);
      g_autofree char *label = NULL;

      if (id == profile_id)
        continue;
      label = *bekal_profile_get_unit (other) != '\0'
              ? g_strdup_printf ("%s (%s)", bekal_profile_get_name (other),
                                 bekal_profile_get_unit (other))
              : g_strdup (bekal_profile_get_name (other));
      gtk_string_list_append (names, label);
      g_array_append_val (ask->other_ids, id);
    }

  dialog = new_dialog (self, _("Merge Two Profiles"),
                       _("Use this when one person has two profiles. The records of the profile "
                         "that is not kept (quiz attempts and answers, progress, reflections) "
                         "move into the one kept, and it is then deleted. Where both have a "
                         "reflection or progress in the same place, the kept profile's stays. "
                         "Which attempts count is worked out again as for any learner."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "merge", _("_Merge"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  other_label = gtk_label_new_with_mnemonic (_("_Other profile of the same person"));
  gtk_label_set_xalign (GTK_LABEL (other_label), 0);
  gtk_widget_add_css_class (other_label, "heading");
  ask->other = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (other_label), GTK_WIDGET (ask->other));
  gtk_box_append (GTK_BOX (box), other_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->other));

  keep_label = g_strdup_printf (_("Keep %s"), bekal_profile_get_name (profile));
  ask->keep_this = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (keep_label));
  keep_other = gtk_check_button_new_with_label (_("Keep the other profile"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (keep_other), ask->keep_this);
  gtk_check_button_set_active (ask->keep_this, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (ask->keep_this), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->keep_this));
  gtk_box_append (GTK_BOX (box), keep_other);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  connect_response (dialog, G_CALLBACK (on_merge_response), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

GtkWidget *
bekal_learners_page_ask_edit (BekalLearnersPage *self,
                              gint64             profile_id)
{
  g_autoptr(BekalProfile) profile = NULL;
  GtkWidget *dialog, *list, *trained_row;
  Ask *ask;

  g_return_val_if_fail (BEKAL_IS_LEARNERS_PAGE (self), NULL);

  profile = find_profile (self, profile_id);
  if (profile == NULL)
    return NULL;

  ask = ask_new (self, profile_id);
  dialog = new_dialog (self, _("Edit Learner"), NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  ask->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (ask->name_row), bekal_profile_get_name (profile));
  g_signal_connect (ask->name_row, "changed", G_CALLBACK (on_name_changed), dialog);
  ask->unit_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->unit_row), _("Sentra or unit"));
  gtk_editable_set_text (GTK_EDITABLE (ask->unit_row), bekal_profile_get_unit (profile));
  ask->role_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->role_row), _("Job title"));
  gtk_editable_set_text (GTK_EDITABLE (ask->role_row), bekal_profile_get_role (profile));

  trained_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (trained_row),
                                 _("Trained before using Bekal"));
  ask->trained_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (ask->trained_switch), GTK_ALIGN_CENTER);
  gtk_switch_set_active (ask->trained_switch, bekal_profile_get_trained_before (profile));
  adw_action_row_add_suffix (ADW_ACTION_ROW (trained_row), GTK_WIDGET (ask->trained_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (trained_row),
                                         GTK_WIDGET (ask->trained_switch));

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (ask->name_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (ask->unit_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (ask->role_row));
  gtk_list_box_append (GTK_LIST_BOX (list), trained_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  connect_response (dialog, G_CALLBACK (on_edit_response), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
bekal_learners_page_set_modules (BekalLearnersPage *self,
                                 GPtrArray         *modules)
{
  g_return_if_fail (BEKAL_IS_LEARNERS_PAGE (self));

  g_clear_pointer (&self->modules, g_ptr_array_unref);
  if (modules != NULL)
    self->modules = g_ptr_array_ref (modules);
}

GtkWidget *
bekal_learners_page_ask_certificate (BekalLearnersPage *self,
                                     gint64             profile_id)
{
  g_autoptr(BekalProfile) profile = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *label;
  Ask *ask;

  g_return_val_if_fail (BEKAL_IS_LEARNERS_PAGE (self), NULL);

  profile = find_profile (self, profile_id);
  if (profile == NULL)
    return NULL;
  if (self->modules == NULL || self->modules->len == 0)
    {
      tell (self, _("There is no module on this laptop to make a certificate for."));
      return NULL;
    }

  ask = ask_new (self, profile_id);
  ask->modules = g_ptr_array_ref (self->modules);
  for (guint i = 0; i < self->modules->len; i++)
    gtk_string_list_append (titles,
                            bekal_module_get_title (g_ptr_array_index (self->modules, i)));

  heading = g_strdup_printf (_("Certificate for %s"), bekal_profile_get_name (profile));
  body = g_strdup_printf (_("A certificate of completion names the learner, their sentra, the "
                            "module, the date and the score of its post-test. It is made only "
                            "when %s passed the module's post-test (their latest one counts)."),
                          bekal_profile_get_name (profile));
  dialog = new_dialog (self, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save PDF…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Module"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  ask->other = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (ask->other));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->other));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  connect_response (dialog, G_CALLBACK (on_certificate_response), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
bekal_learners_page_write_certificate (BekalLearnersPage *self,
                                       gint64             profile_id,
                                       const char        *module_id,
                                       GFile             *file)
{
  BekalPaperExportRequest request = { BEKAL_PAPER_EXPORT_CERTIFICATE, };
  Certificate *certificate;

  g_return_if_fail (BEKAL_IS_LEARNERS_PAGE (self));
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (module_id != NULL);
  g_return_if_fail (G_IS_FILE (file));

  request.data_dir = bekal_store_get_data_dir (self->store);
  request.profile_id = profile_id;
  request.module_id = module_id;
  for (guint i = 0; self->modules != NULL && i < self->modules->len; i++)
    if (g_str_equal (bekal_module_get_id (g_ptr_array_index (self->modules, i)), module_id))
      request.module_title = bekal_module_get_title (g_ptr_array_index (self->modules, i));
  /* the language of the interface */
  request.language = bekal_paper_export_ui_language ();

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  certificate = g_new0 (Certificate, 1);
  certificate->page = self;
  certificate->file = g_object_ref (file);
  bekal_paper_export_async (&request, file, self->cancellable, on_certificate_written,
                            certificate);
}
