/* bekal-window-trainer.c: the gate of every trainer feature (the trainer passphrase, set at
 * first use, then asked for), the end of trainer mode, and the learners' PINs: asked before a
 * protected profile opens, set, changed or removed from My Results. Hashing and checking run
 * in a worker thread (bekal_store_*_async), never on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-store-trainer.h>

#include "bekal-trainer-write.h"
#include "bekal-window-private.h"

typedef enum
{
  GATE_SET_PASSPHRASE,  /* first use: the trainer chooses a passphrase */
  GATE_ASK_PASSPHRASE,
  GATE_ASK_PIN,         /* before a protected profile opens */
  GATE_EDIT_PIN,        /* the learner sets, changes or removes their PIN */
} GateKind;

typedef struct
{
  GateKind              kind;
  BekalWindow          *window;    /* owned */
  BekalTrainerCallback  callback;
  gpointer              data;
  GDestroyNotify        data_free;
  gint64                profile_id;
  gboolean              has_pin;   /* GATE_EDIT_PIN: the profile had a PIN */
  char                 *response;  /* GATE_EDIT_PIN: "save" or "remove" */
  char                 *new_pin;   /* GATE_EDIT_PIN: the PIN to set once the old one is right */

  AdwMessageDialog     *dialog;    /* weak */
  GtkEditable          *entry;     /* the passphrase or (current) PIN */
  GtkEditable          *new_entry; /* GATE_SET_PASSPHRASE, GATE_EDIT_PIN */
  GtkEditable          *repeat_entry;
  GtkLabel             *message;
  guint                 countdown;
} Gate;

static void show_gate_dialog (Gate       *gate,
                              const char *problem);

/* Helpers */

static void
gate_free (Gate *gate)
{
  g_clear_handle_id (&gate->countdown, g_source_remove);
  g_clear_weak_pointer (&gate->dialog);
  g_clear_object (&gate->window);
  if (gate->data_free != NULL)
    g_clear_pointer (&gate->data, gate->data_free);
  g_free (gate->response);
  g_free (gate->new_pin);
  g_free (gate);
}

static BekalStore *
get_store (BekalWindow *self)
{
  return bekal_application_get_store (self->application);
}

static char *
dup_profile_name (BekalWindow *self,
                  gint64       profile_id)
{
  g_autoptr(BekalProfile) profile = bekal_store_dup_profile (get_store (self), profile_id, NULL);

  return g_strdup (profile != NULL ? bekal_profile_get_name (profile) : "");
}

static gint64
get_wait (Gate *gate)
{
  BekalStore *store = get_store (gate->window);
  gint64 seconds = 0;

  if (store == NULL)
    return 0;
  if (gate->kind == GATE_ASK_PASSPHRASE)
    bekal_store_get_trainer_wait (store, &seconds, NULL, NULL);
  else if (gate->has_pin || gate->kind == GATE_ASK_PIN)
    bekal_store_get_profile_pin_wait (store, gate->profile_id, &seconds, NULL, NULL);
  return seconds;
}

static char *
describe_wait (gint64 seconds)
{
  if (seconds >= 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Too many wrong tries. You can try again in %d minute.",
                                         "Too many wrong tries. You can try again in %d minutes.",
                                         (gulong) ((seconds + 59) / 60)),
                            (int) ((seconds + 59) / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many wrong tries. You can try again in %d second.",
                                       "Too many wrong tries. You can try again in %d seconds.",
                                       (gulong) seconds),
                          (int) seconds);
}

static const char *
entry_text (GtkEditable *editable)
{
  return editable != NULL ? gtk_editable_get_text (editable) : "";
}

/* Whether the dialog's main response can be given now, and the hint that says why not */
static gboolean
check_input (Gate        *gate,
             const char **out_hint)
{
  const char *hint = NULL;
  gboolean ok = TRUE;

  switch (gate->kind)
    {
    case GATE_SET_PASSPHRASE:
      if (g_utf8_strlen (entry_text (gate->new_entry), -1) < BEKAL_TRAINER_PASSPHRASE_MIN_LENGTH)
        {
          hint = _("At least 8 characters.");
          ok = FALSE;
        }
      else if (!g_str_equal (entry_text (gate->new_entry), entry_text (gate->repeat_entry)))
        {
          hint = _("The two passphrases are not the same yet.");
          ok = FALSE;
        }
      break;

    case GATE_ASK_PASSPHRASE:
    case GATE_ASK_PIN:
      ok = *entry_text (gate->entry) != '\0';
      break;

    case GATE_EDIT_PIN:
      if (gate->has_pin && *entry_text (gate->entry) == '\0')
        ok = FALSE;
      else if (!bekal_store_check_pin (entry_text (gate->new_entry), NULL))
        {
          hint = _("A PIN has 4 to 8 digits.");
          ok = FALSE;
        }
      else if (!g_str_equal (entry_text (gate->new_entry), entry_text (gate->repeat_entry)))
        {
          hint = _("The two PINs are not the same yet.");
          ok = FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (out_hint != NULL)
    *out_hint = hint;
  return ok;
}

static const char *
main_response (Gate *gate)
{
  switch (gate->kind)
    {
    case GATE_SET_PASSPHRASE:
    case GATE_EDIT_PIN:
      return "save";
    case GATE_ASK_PASSPHRASE:
    case GATE_ASK_PIN:
    default:
      return "unlock";
    }
}

static void
update_dialog (Gate *gate)
{
  const char *hint = NULL;
  gint64 wait = get_wait (gate);
  gboolean ok = check_input (gate, &hint) && wait == 0;

  if (gate->dialog == NULL)
    return;

  adw_message_dialog_set_response_enabled (gate->dialog, main_response (gate), ok);
  if (gate->kind == GATE_EDIT_PIN && gate->has_pin)
    adw_message_dialog_set_response_enabled (gate->dialog, "remove",
                                             *entry_text (gate->entry) != '\0' && wait == 0);

  if (wait > 0)
    {
      g_autofree char *text = describe_wait (wait);

      gtk_label_set_label (gate->message, text);
      gtk_widget_set_visible (GTK_WIDGET (gate->message), TRUE);
    }
  else if (hint != NULL && *entry_text (gate->new_entry) != '\0')
    {
      gtk_label_set_label (gate->message, hint);
      gtk_widget_set_visible (GTK_WIDGET (gate->message), TRUE);
    }
}

static void
finish (Gate *gate)
{
  BekalWindow *self = gate->window;

  switch (gate->kind)
    {
    case GATE_SET_PASSPHRASE:
    case GATE_ASK_PASSPHRASE:
      bekal_trainer_mode_unlock (self->trainer_mode);
      if (gate->callback != NULL)
        gate->callback (self, gate->data);
      break;

    case GATE_ASK_PIN:
      bekal_window_set_learner (self, gate->profile_id);
      break;

    case GATE_EDIT_PIN:
      bekal_window_show_toast (self, g_str_equal (gate->response, "remove")
                                     ? _("Your profile no longer has a PIN.")
                                     : _("Your PIN was saved. Bekal asks for it before your "
                                         "profile opens."));
      bekal_window_update_pin_state (self);
      break;

    default:
      g_assert_not_reached ();
    }

  gate_free (gate);
}

/* A refusal: the dialog comes back with the reason, unless the store cannot be used at all */
static void
refused (Gate   *gate,
         GError *error)
{
  if (g_error_matches (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_WRONG_SECRET)
      || g_error_matches (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_THROTTLED)
      || g_error_matches (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_INVALID))
    {
      show_gate_dialog (gate, error->message);
      return;
    }

  bekal_window_show_toast (gate->window, error->message);
  gate_free (gate);
}

static gboolean
remove_pin (BekalStore  *store,
            gpointer     data,
            GError     **error)
{
  return bekal_store_remove_profile_pin (store, *(gint64 *) data, error);
}

/* Callbacks */

static void
on_pin_removed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Gate *gate = user_data;
  g_autoptr(GError) error = NULL;

  if (!bekal_trainer_write_finish (result, &error))
    refused (gate, error);
  else
    finish (gate);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Gate *gate = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (gate->kind == GATE_SET_PASSPHRASE)
    ok = bekal_store_set_trainer_passphrase_finish (BEKAL_STORE (source), result, &error);
  else
    ok = bekal_store_set_profile_pin_finish (BEKAL_STORE (source), result, &error);

  if (!ok)
    refused (gate, error);
  else
    finish (gate);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Gate *gate = user_data;
  BekalStore *store = BEKAL_STORE (source);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (gate->kind == GATE_ASK_PASSPHRASE)
    ok = bekal_store_verify_trainer_passphrase_finish (store, result, &error);
  else
    ok = bekal_store_verify_profile_pin_finish (store, result, &error);

  if (!ok)
    {
      refused (gate, error);
      return;
    }

  if (gate->kind != GATE_EDIT_PIN)
    {
      finish (gate);
      return;
    }

  /* the current PIN was right: now the change */
  if (g_str_equal (gate->response, "remove"))
    {
      /* written in a worker thread, as the PIN was checked */
      bekal_trainer_write_async (store, remove_pin, g_memdup2 (&gate->profile_id,
                                                               sizeof gate->profile_id),
                                 g_free, NULL, on_pin_removed, gate);
      return;
    }

  bekal_store_set_profile_pin_async (store, gate->profile_id, gate->new_pin, NULL, on_saved, gate);
}

static void
on_entry_changed (Gate *gate)
{
  gtk_widget_set_visible (GTK_WIDGET (gate->message), FALSE);
  update_dialog (gate);
}

static gboolean
on_countdown (gpointer user_data)
{
  Gate *gate = user_data;

  update_dialog (gate);
  if (get_wait (gate) > 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_set_visible (GTK_WIDGET (gate->message), FALSE);
  gate->countdown = 0;
  return G_SOURCE_REMOVE;
}

static void
on_gate_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  Gate *gate = user_data;
  BekalStore *store = get_store (gate->window);
  const char *text = entry_text (gate->entry);

  g_clear_handle_id (&gate->countdown, g_source_remove);
  /* the entries may still change while the dialog is destroyed, after the gate is gone */
  if (gate->entry != NULL)
    g_signal_handlers_disconnect_by_data (gate->entry, gate);
  if (gate->new_entry != NULL)
    g_signal_handlers_disconnect_by_data (gate->new_entry, gate);
  if (gate->repeat_entry != NULL)
    g_signal_handlers_disconnect_by_data (gate->repeat_entry, gate);
  /* GTK 4.8's password entry keeps watching Caps Lock after it is destroyed with the focus;
   * taking the focus away first lets it stop */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  /* the dialog closes after its response: a new one may be opened at once */
  if (gate->window->trainer_dialog == GTK_WIDGET (dialog))
    g_clear_weak_pointer (&gate->window->trainer_dialog);

  if (g_str_equal (response, "cancel") || store == NULL)
    {
      gate_free (gate);
      return;
    }

  switch (gate->kind)
    {
    case GATE_SET_PASSPHRASE:
      bekal_store_set_trainer_passphrase_async (store, entry_text (gate->new_entry), NULL,
                                                on_saved, gate);
      break;

    case GATE_ASK_PASSPHRASE:
      bekal_store_verify_trainer_passphrase_async (store, text, NULL, on_verified, gate);
      break;

    case GATE_ASK_PIN:
      bekal_store_verify_profile_pin_async (store, gate->profile_id, text, NULL, on_verified,
                                            gate);
      break;

    case GATE_EDIT_PIN:
      g_free (gate->response);
      gate->response = g_strdup (response);
      g_free (gate->new_pin);
      gate->new_pin = g_strdup (entry_text (gate->new_entry));
      if (gate->has_pin)
        bekal_store_verify_profile_pin_async (store, gate->profile_id, text, NULL, on_verified,
                                              gate);
      else
        bekal_store_set_profile_pin_async (store, gate->profile_id, gate->new_pin, NULL,
                                           on_saved, gate);
      break;

    default:
      g_assert_not_reached ();
    }

  /* the widgets go with the dialog */
  gate->entry = gate->new_entry = gate->repeat_entry = NULL;
  gate->message = NULL;
}

/* The dialog */

static GtkEditable *
add_entry (Gate       *gate,
           GtkBox     *box,
           const char *label,
           const char *name,
           gboolean    pin)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_name (entry, name);
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  if (pin)
    g_object_set (entry, "width-chars", 10, NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);
  /* Enter presses the default response's button, which closes the dialog as a click does */
  g_object_set (entry, "activates-default", TRUE, NULL);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_entry_changed), gate);
  gtk_box_append (box, title);
  gtk_box_append (box, entry);

  return GTK_EDITABLE (entry);
}

static void
show_gate_dialog (Gate       *gate,
                  const char *problem)
{
  BekalWindow *self = gate->window;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  const char *heading = NULL;
  GtkWidget *dialog;
  GtkBox *box;

  switch (gate->kind)
    {
    case GATE_SET_PASSPHRASE:
      heading = _("Set a Trainer Passphrase");
      body = g_strdup (_("The gap report, item analysis, learner management and the export "
                         "and import of results show every learner's scores. A passphrase "
                         "keeps them for the trainer on this shared laptop.\n\nChoose one of "
                         "at least 8 characters that learners cannot guess. If it is "
                         "forgotten, only someone who can run commands on this computer can "
                         "remove it."));
      break;

    case GATE_ASK_PASSPHRASE:
      heading = _("Trainer Mode");
      body = g_strdup (_("Enter the trainer passphrase to see learners' results. Trainer mode "
                         "ends after 10 minutes without use, or when you end it."));
      break;

    case GATE_ASK_PIN:
      name = dup_profile_name (self, gate->profile_id);
      heading = _("Enter Your PIN");
      body = g_strdup_printf (_("The profile of %s is protected by a PIN."), name);
      break;

    case GATE_EDIT_PIN:
      heading = gate->has_pin ? _("Change or Remove Your PIN") : _("Protect Your Profile");
      body = g_strdup (gate->has_pin
                       ? _("Enter your current PIN, then a new one to change it, or remove it.")
                       : _("With a PIN of 4 to 8 digits, nobody else at this laptop can open "
                           "your profile, your results or your reflections."));
      break;

    default:
      g_assert_not_reached ();
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  g_set_weak_pointer (&gate->dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_widget_set_name (dialog, "trainer-gate");
  adw_message_dialog_add_response (gate->dialog, "cancel", _("_Cancel"));
  if (gate->kind == GATE_EDIT_PIN && gate->has_pin)
    {
      adw_message_dialog_add_response (gate->dialog, "remove", _("_Remove PIN"));
      adw_message_dialog_set_response_appearance (gate->dialog, "remove",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (gate->dialog, main_response (gate),
                                   gate->kind == GATE_SET_PASSPHRASE ? _("_Set Passphrase")
                                   : gate->kind == GATE_EDIT_PIN ? _("_Save PIN")
                                   : _("_Unlock"));
  adw_message_dialog_set_response_appearance (gate->dialog, main_response (gate),
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (gate->dialog, main_response (gate));
  adw_message_dialog_set_close_response (gate->dialog, "cancel");

  box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  switch (gate->kind)
    {
    case GATE_SET_PASSPHRASE:
      gate->new_entry = add_entry (gate, box, _("_Passphrase"), "trainer-new-passphrase", FALSE);
      gate->repeat_entry = add_entry (gate, box, _("_Repeat the passphrase"),
                                      "trainer-repeat-passphrase", FALSE);
      break;

    case GATE_ASK_PASSPHRASE:
      gate->entry = add_entry (gate, box, _("_Passphrase"), "trainer-passphrase", FALSE);
      break;

    case GATE_ASK_PIN:
      gate->entry = add_entry (gate, box, _("_PIN"), "learner-pin", TRUE);
      break;

    case GATE_EDIT_PIN:
      if (gate->has_pin)
        gate->entry = add_entry (gate, box, _("_Current PIN"), "learner-pin", TRUE);
      gate->new_entry = add_entry (gate, box, _("_New PIN"), "learner-new-pin", TRUE);
      gate->repeat_entry = add_entry (gate, box, _("_Repeat the new PIN"), "learner-repeat-pin",
                                      TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  gate->message = GTK_LABEL (gtk_label_new (problem));
  gtk_widget_set_name (GTK_WIDGET (gate->message), "trainer-gate-message");
  gtk_label_set_wrap (gate->message, TRUE);
  gtk_label_set_xalign (gate->message, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (gate->message), 6);
  gtk_widget_add_css_class (GTK_WIDGET (gate->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (gate->message), problem != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gate->message),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_box_append (box, GTK_WIDGET (gate->message));
  adw_message_dialog_set_extra_child (gate->dialog, GTK_WIDGET (box));

  g_signal_connect (dialog, "response", G_CALLBACK (on_gate_response), gate);
  update_dialog (gate);
  if (get_wait (gate) > 0)
    gate->countdown = g_timeout_add_seconds (1, on_countdown, gate);

  g_set_weak_pointer (&self->trainer_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (gate->entry != NULL ? gate->entry : gate->new_entry));
}

/* Closes the open passphrase or PIN dialog as its Cancel button would, so that its gate ends */
static void
cancel_trainer_dialog (BekalWindow *self)
{
  GtkWidget *dialog = self->trainer_dialog;

  if (dialog == NULL)
    return;

  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_clear_weak_pointer (&self->trainer_dialog);
  g_object_unref (dialog);
}

static gboolean
leave_trainer_page (BekalWindow *self)
{
  const char *page = bekal_window_get_page_name (self);

  if (!g_str_equal (page, "gap-report") && !g_str_equal (page, "item-analysis")
      && !g_str_equal (page, "learners"))
    return FALSE;

  g_action_group_activate_action (G_ACTION_GROUP (self), "go-back", NULL);
  return TRUE;
}

static void
on_trainer_mode_ended (BekalWindow *self,
                       gboolean     idle)
{
  leave_trainer_page (self);
  if (idle)
    bekal_window_show_toast (self, _("Trainer mode ended after 10 minutes without use."));
}

static void
on_end_trainer_mode (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);

  if (!bekal_trainer_mode_get_unlocked (self->trainer_mode))
    return;

  bekal_trainer_mode_end (self->trainer_mode);
  bekal_window_show_toast (self, _("Trainer mode ended."));
}

static void
show_learners (BekalWindow *self,
               gpointer     data)
{
  bekal_window_show_learners_page (self);
}

static void
on_show_learners (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  bekal_window_require_trainer (BEKAL_WINDOW (user_data), show_learners, NULL);
}

static void
on_edit_learner_pin (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);
  BekalStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  Gate *gate;

  if (store == NULL || self->profile_id == 0
      || g_str_equal (bekal_window_get_page_name (self), "profiles"))
    return;

  gate = g_new0 (Gate, 1);
  gate->kind = GATE_EDIT_PIN;
  gate->window = g_object_ref (self);
  gate->profile_id = self->profile_id;
  if (!bekal_store_profile_has_pin (store, self->profile_id, &gate->has_pin, &error))
    {
      bekal_window_show_toast (self, error->message);
      gate_free (gate);
      return;
    }
  show_gate_dialog (gate, NULL);
}

/* Any input in the window keeps trainer mode on */
static gboolean
on_input (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          gpointer                  user_data)
{
  BekalWindow *self = BEKAL_WINDOW (user_data);

  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_MOTION_NOTIFY:
      bekal_trainer_mode_touch (self->trainer_mode);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

/* Internal API */

void
bekal_window_require_trainer (BekalWindow          *self,
                              BekalTrainerCallback  callback,
                              gpointer              data)
{
  bekal_window_require_trainer_full (self, callback, data, NULL);
}

void
bekal_window_require_trainer_full (BekalWindow          *self,
                                   BekalTrainerCallback  callback,
                                   gpointer              data,
                                   GDestroyNotify        data_free)
{
  BekalStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  gboolean has = FALSE;
  Gate *gate;

  if (bekal_trainer_mode_get_unlocked (self->trainer_mode))
    {
      bekal_trainer_mode_touch (self->trainer_mode);
      callback (self, data);
      if (data_free != NULL)
        data_free (data);
      return;
    }

  if (store == NULL)
    {
      bekal_window_show_toast (self, _("Trainer features need the learners' database, which "
                                       "could not be opened."));
      if (data_free != NULL)
        data_free (data);
      return;
    }
  if (!bekal_store_has_trainer_passphrase (store, &has, &error))
    {
      bekal_window_show_toast (self, error->message);
      if (data_free != NULL)
        data_free (data);
      return;
    }
  /* one dialog at a time */
  if (self->trainer_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->trainer_dialog));
      if (data_free != NULL)
        data_free (data);
      return;
    }

  gate = g_new0 (Gate, 1);
  gate->kind = has ? GATE_ASK_PASSPHRASE : GATE_SET_PASSPHRASE;
  gate->window = g_object_ref (self);
  gate->callback = callback;
  gate->data = g_steal_pointer (&data);
  gate->data_free = data_free;
  show_gate_dialog (gate, NULL);
}

void
bekal_window_open_learner (BekalWindow *self,
                           gint64       profile_id)
{
  BekalStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  gboolean has = FALSE;
  Gate *gate;

  if (store == NULL || !bekal_store_profile_has_pin (store, profile_id, &has, &error) || !has)
    {
      if (error != NULL)
        g_warning ("Cannot read whether profile %" G_GINT64_FORMAT " has a PIN: %s", profile_id,
                   error->message);
      bekal_window_set_learner (self, profile_id);
      return;
    }

  /* another profile was chosen meanwhile */
  cancel_trainer_dialog (self);

  gate = g_new0 (Gate, 1);
  gate->kind = GATE_ASK_PIN;
  gate->window = g_object_ref (self);
  gate->profile_id = profile_id;
  show_gate_dialog (gate, NULL);
}

void
bekal_window_update_pin_state (BekalWindow *self)
{
  BekalStore *store = get_store (self);
  gboolean has = FALSE;

  if (store != NULL && self->profile_id != 0)
    bekal_store_profile_has_pin (store, self->profile_id, &has, NULL);
  if (self->my_results_page != NULL)
    bekal_my_results_page_set_has_pin (self->my_results_page, has);
}

void
bekal_window_install_trainer_actions (BekalWindow *self)
{
  static const GActionEntry actions[] = {
    { "end-trainer-mode", on_end_trainer_mode },
    { "show-learners", on_show_learners },
    { "edit-learner-pin", on_edit_learner_pin },
  };
  GtkEventController *controller;

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);

  self->trainer_mode = bekal_trainer_mode_new ();
  g_signal_connect_object (self->trainer_mode, "ended", G_CALLBACK (on_trainer_mode_ended), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->trainer_mode, "unlocked", self->trainer_button, "visible",
                          G_BINDING_SYNC_CREATE);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_input), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
bekal_window_dispose_trainer (BekalWindow *self)
{
  cancel_trainer_dialog (self);
  g_clear_object (&self->trainer_mode);
}

/* Public API */

BekalTrainerMode *
bekal_window_get_trainer_mode (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return self->trainer_mode;
}

GtkWidget *
bekal_window_get_trainer_dialog (BekalWindow *self)
{
  g_return_val_if_fail (BEKAL_IS_WINDOW (self), NULL);

  return self->trainer_dialog;
}
