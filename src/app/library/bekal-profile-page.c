/* bekal-profile-page.c: the first screen, where a learner picks or creates a profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-profile-page.h"
#include "bekal-profile-row.h"

struct _BekalProfilePage
{
  GtkWidget     parent_instance;

  BekalStore   *store;

  GtkStack     *mode_stack;
  GtkListBox   *profile_list;
  AdwEntryRow  *name_row;
  AdwEntryRow  *unit_row;
  AdwEntryRow  *role_row;
  GtkSpinButton *years_spin;
  GtkSwitch    *trained_switch;
  GtkLabel     *form_error;
  GtkButton    *cancel_button;
  GtkButton    *create_button;
};

G_DEFINE_FINAL_TYPE (BekalProfilePage, bekal_profile_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_PROFILE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static char *
describe_profile (BekalProfile *profile)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *unit = bekal_profile_get_unit (profile);
  const char *role = bekal_profile_get_role (profile);
  int years = bekal_profile_get_years_as_peksos (profile);
  g_auto(GStrv) strv = NULL;

  if (unit != NULL && unit[0] != '\0')
    g_ptr_array_add (parts, g_strdup (unit));
  if (role != NULL && role[0] != '\0')
    g_ptr_array_add (parts, g_strdup (role));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year as peksos",
                                                        "%d years as peksos", years),
                                           years));
  g_ptr_array_add (parts, NULL);
  strv = (char **) g_ptr_array_free (parts, FALSE);

  return g_strjoinv (" · ", strv);
}

static gint64
find_last_profile (BekalStore *store)
{
  g_autofree char *value = bekal_store_dup_value (store, BEKAL_STORE_KEY_LAST_PROFILE, NULL);
  gint64 id = 0;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return id;
}

/* The learner who used Bekal last is on top, one Enter away */
static GtkWidget *
create_profile_row (BekalProfile *profile,
                    gboolean      is_last)
{
  GtkWidget *row = bekal_profile_row_new (bekal_profile_get_id (profile));
  GtkWidget *avatar = adw_avatar_new (36, bekal_profile_get_name (profile), TRUE);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *subtitle = describe_profile (profile);
  g_autofree char *label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_profile_get_name (profile));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  if (is_last)
    {
      GtkWidget *hint;

      /* TRANSLATORS: on the profile chooser, the learner who used Bekal last */
      label = g_strdup_printf (_("Continue as %s"), bekal_profile_get_name (profile));
      hint = gtk_label_new (label);

      gtk_widget_add_css_class (hint, "accent");
      gtk_widget_add_css_class (hint, "caption-heading");
      gtk_label_set_ellipsize (GTK_LABEL (hint), PANGO_ELLIPSIZE_END);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), hint);
      gtk_widget_add_css_class (row, "last-profile");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : bekal_profile_get_name (profile),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  return row;
}

static void
focus_first_profile (BekalProfilePage *self)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->profile_list));

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
reset_form (BekalProfilePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), "");
  gtk_spin_button_set_value (self->years_spin, 0);
  gtk_switch_set_active (self->trained_switch, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
}

static char *
dup_trimmed (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

typedef struct
{
  BekalProfilePage *page;
  char             *name;
  char             *unit;
  char             *role;
  int               years;
  gboolean          trained;
  gint64            id;
} NewProfile;

static void
new_profile_free (NewProfile *profile)
{
  g_clear_object (&profile->page);
  g_free (profile->name);
  g_free (profile->unit);
  g_free (profile->role);
  g_free (profile);
}

static gboolean
write_new_profile (BekalStore  *store,
                   gpointer     user_data,
                   GError     **error)
{
  NewProfile *profile = user_data;

  profile->id = bekal_store_create_profile (store, profile->name, profile->unit, profile->role,
                                            profile->years, profile->trained, error);
  return profile->id != 0;
}

static void
on_profile_created (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NewProfile *profile = user_data;
  BekalProfilePage *self = profile->page;
  g_autoptr(GError) error = NULL;
  gboolean created = bekal_store_write_finish (BEKAL_STORE (source), result, &error);

  /* the page went while the profile waited to be written */
  if (self->create_button == NULL)
    {
      new_profile_free (profile);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), TRUE);
  if (!created)
    {
      g_autofree char *message = g_strdup_printf (_("The profile could not be created: %s"),
                                                  error->message);

      gtk_label_set_text (self->form_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
    }
  else if (self->store == BEKAL_STORE (source))
    {
      bekal_profile_page_load (self, self->store);
      g_signal_emit (self, signals[SIGNAL_PROFILE_CHOSEN], 0, profile->id);
    }

  new_profile_free (profile);
}

static void
create_profile (BekalProfilePage *self)
{
  NewProfile *profile;
  g_autofree char *name = dup_trimmed (GTK_EDITABLE (self->name_row));

  if (name[0] == '\0' || self->store == NULL)
    return;

  profile = g_new0 (NewProfile, 1);
  profile->page = g_object_ref (self);
  profile->name = g_steal_pointer (&name);
  profile->unit = dup_trimmed (GTK_EDITABLE (self->unit_row));
  profile->role = dup_trimmed (GTK_EDITABLE (self->role_row));
  profile->years = gtk_spin_button_get_value_as_int (self->years_spin);
  profile->trained = gtk_switch_get_active (self->trained_switch);

  /* one profile per click, even while another Bekal keeps the database busy */
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), FALSE);
  bekal_store_write_async (self->store, write_new_profile, profile, NULL, NULL,
                           on_profile_created, profile);
}

/* Callbacks */

static void
on_profile_row_activated (GtkListBox       *list,
                          GtkListBoxRow    *row,
                          BekalProfilePage *self)
{
  if (BEKAL_IS_PROFILE_ROW (row))
    g_signal_emit (self, signals[SIGNAL_PROFILE_CHOSEN], 0,
                   bekal_profile_row_get_profile_id (BEKAL_PROFILE_ROW (row)));
}

static void
on_new_profile_clicked (BekalProfilePage *self)
{
  bekal_profile_page_show_create (self);
}

static void
on_cancel_clicked (BekalProfilePage *self)
{
  reset_form (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "choose");
  focus_first_profile (self);
}

static void
on_name_changed (BekalProfilePage *self)
{
  g_autofree char *name = dup_trimmed (GTK_EDITABLE (self->name_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), name[0] != '\0');
}

static void
on_entry_activated (BekalProfilePage *self)
{
  create_profile (self);
}

static void
on_create_clicked (BekalProfilePage *self)
{
  create_profile (self);
}

/* Overrides */

static void
bekal_profile_page_map (GtkWidget *widget)
{
  BekalProfilePage *self = BEKAL_PROFILE_PAGE (widget);

  GTK_WIDGET_CLASS (bekal_profile_page_parent_class)->map (widget);

  /* a page filled before the window was shown could not take the focus yet */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "choose") == 0)
    focus_first_profile (self);
}

static void
bekal_profile_page_dispose (GObject *object)
{
  BekalProfilePage *self = BEKAL_PROFILE_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_PROFILE_PAGE);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bekal_profile_page_parent_class)->dispose (object);
}

static void
bekal_profile_page_class_init (BekalProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_profile_page_dispose;
  widget_class->map = bekal_profile_page_map;

  signals[SIGNAL_PROFILE_CHOSEN] =
    g_signal_new ("profile-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, profile_list);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, unit_row);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, role_row);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, years_spin);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, trained_switch);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, form_error);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BekalProfilePage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_profile_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
}

static void
bekal_profile_page_init (BekalProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
bekal_profile_page_load (BekalProfilePage *self,
                         BekalStore       *store)
{
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n = 0;
  gint64 last = 0;

  g_return_if_fail (BEKAL_IS_PROFILE_PAGE (self));

  g_set_object (&self->store, store);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->profile_list))) != NULL)
    gtk_list_box_remove (self->profile_list, child);

  if (store != NULL)
    profiles = bekal_store_list_profiles (store, &error);
  if (profiles == NULL && error != NULL)
    g_warning ("Cannot list the profiles: %s", error->message);

  if (profiles != NULL)
    n = g_list_model_get_n_items (profiles);

  if (n > 0)
    last = find_last_profile (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalProfile) profile = g_list_model_get_item (profiles, i);
      gboolean is_last = last != 0 && bekal_profile_get_id (profile) == last;

      if (is_last)
        gtk_list_box_prepend (self->profile_list, create_profile_row (profile, TRUE));
      else
        gtk_list_box_append (self->profile_list, create_profile_row (profile, FALSE));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), n > 0);
  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "choose");
      focus_first_profile (self);
    }
  else
    bekal_profile_page_show_create (self);
}

void
bekal_profile_page_show_create (BekalProfilePage *self)
{
  g_return_if_fail (BEKAL_IS_PROFILE_PAGE (self));

  reset_form (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "create");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
