/* bekal-library-page.c: the module library, with search and a topic filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>

#include "bekal-library-page.h"
#include "bekal-module-card.h"

struct _BekalLibraryPage
{
  GtkWidget      parent_instance;

  BekalCatalog  *catalog;
  BekalLearnerContext *learner; /* without a module */
  gboolean       loading;   /* the catalog is still being read */
  GPtrArray     *topic_ids; /* parallel to the drop-down; index 0 is "all topics" (NULL) */
  char          *query;
  guint          n_visible;

  GtkSearchEntry *search_entry;
  GtkDropDown   *topic_dropdown;
  GtkStack      *results_stack;
  GtkFlowBox    *card_box;
  GtkLabel      *broken_heading;
  GtkListBox    *broken_list;
};

G_DEFINE_FINAL_TYPE (BekalLibraryPage, bekal_library_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_MODULE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static GtkWidget *
create_broken_row (BekalCatalogEntry *entry)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GPtrArray *diagnostics = bekal_catalog_entry_get_diagnostics (entry);
  guint n_errors = bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u problem; details for the trainer inside",
                                           "%u problems; details for the trainer inside",
                                           n_errors),
                              n_errors);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bekal_catalog_entry_get_id (entry));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "module-broken");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Broken module"), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = bekal_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "monospace");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
    }

  return row;
}

/* The same reading of the store as the module page's */
static void
compute_progress (BekalLibraryPage *self,
                  BekalModule      *module,
                  BekalModuleState *out_state,
                  double           *out_fraction)
{
  g_autoptr(BekalLearnerContext) context = bekal_learner_context_new_for_module (self->learner,
                                                                                 module);
  g_autoptr(BekalModuleProgress) progress = bekal_module_progress_new (context);

  *out_state = bekal_module_progress_get_state (progress);
  *out_fraction = bekal_module_progress_get_fraction (progress);
}

static gboolean
filter_card (GtkFlowBoxChild *child,
             gpointer         user_data)
{
  BekalLibraryPage *self = BEKAL_LIBRARY_PAGE (user_data);
  BekalModuleCard *card = BEKAL_MODULE_CARD (gtk_flow_box_child_get_child (child));
  guint selected = gtk_drop_down_get_selected (self->topic_dropdown);
  const char *topic_id = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->topic_ids->len)
    topic_id = g_ptr_array_index (self->topic_ids, selected);

  return bekal_module_card_has_topic (card, topic_id)
         && bekal_module_card_matches (card, self->query);
}

static void
update_visible_page (BekalLibraryPage *self)
{
  GtkWidget *child;
  guint n_cards = 0;
  guint n_broken = 0;

  self->n_visible = 0;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->card_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      n_cards++;
      if (filter_card (GTK_FLOW_BOX_CHILD (child), self))
        self->n_visible++;
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->broken_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_broken++;

  gtk_widget_set_visible (GTK_WIDGET (self->broken_heading), n_broken > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->broken_list), n_broken > 0);

  if (n_cards == 0 && n_broken == 0)
    gtk_stack_set_visible_child_name (self->results_stack, self->loading ? "loading" : "empty");
  else if (self->n_visible == 0 && n_cards > 0 && n_broken == 0)
    gtk_stack_set_visible_child_name (self->results_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->results_stack, "modules");
}

static void
update_card_progress (BekalLibraryPage *self,
                      GtkFlowBoxChild  *child)
{
  BekalModuleCard *card = BEKAL_MODULE_CARD (gtk_flow_box_child_get_child (child));
  BekalModuleState state;
  double fraction;
  g_autofree char *description = NULL;

  compute_progress (self, bekal_module_card_get_module (card), &state, &fraction);
  bekal_module_card_set_progress (card, state, fraction);

  description = bekal_module_card_dup_description (card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

static void
rebuild_topics (BekalLibraryPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *selected_id = NULL;
  guint selected = gtk_drop_down_get_selected (self->topic_dropdown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));
  guint new_selected = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->topic_ids->len)
    selected_id = g_strdup (g_ptr_array_index (self->topic_ids, selected));

  g_ptr_array_set_size (self->topic_ids, 0);
  g_ptr_array_add (self->topic_ids, NULL);
  gtk_string_list_append (names, _("All topics"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);
      BekalModule *module = bekal_catalog_entry_get_module (entry, g_get_language_names ());

      if (module == NULL)
        continue;

      for (guint t = 0; t < bekal_module_get_n_topics (module); t++)
        {
          const BekalTopic *topic = bekal_module_get_topic (module, t);
          gboolean known = FALSE;

          for (guint k = 1; k < self->topic_ids->len && !known; k++)
            known = g_str_equal (g_ptr_array_index (self->topic_ids, k), topic->id);
          if (known)
            continue;

          if (g_strcmp0 (selected_id, topic->id) == 0)
            new_selected = self->topic_ids->len;
          g_ptr_array_add (self->topic_ids, g_strdup (topic->id));
          gtk_string_list_append (names, topic->name);
        }
    }

  g_signal_handlers_block_matched (self->topic_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_drop_down_set_model (self->topic_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->topic_dropdown, new_selected);
  g_signal_handlers_unblock_matched (self->topic_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
}

static void
rebuild (BekalLibraryPage *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->card_box))) != NULL)
    gtk_flow_box_remove (self->card_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->broken_list))) != NULL)
    gtk_list_box_remove (self->broken_list, child);

  if (self->catalog == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BekalCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);
      BekalModule *module = bekal_catalog_entry_get_module (entry, g_get_language_names ());

      if (module == NULL)
        {
          gtk_list_box_append (self->broken_list, create_broken_row (entry));
          continue;
        }

      gtk_flow_box_append (self->card_box, bekal_module_card_new (entry, module));
    }

  rebuild_topics (self);
  bekal_library_page_refresh (self);
}

/* Callbacks */

static void
on_catalog_items_changed (GListModel       *catalog,
                          guint             position,
                          guint             removed,
                          guint             added,
                          BekalLibraryPage *self)
{
  rebuild (self);
}

static void
on_card_activated (GtkFlowBox       *box,
                   GtkFlowBoxChild  *child,
                   BekalLibraryPage *self)
{
  BekalModuleCard *card = BEKAL_MODULE_CARD (gtk_flow_box_child_get_child (child));

  g_signal_emit (self, signals[SIGNAL_MODULE_ACTIVATED], 0, bekal_module_card_get_entry (card));
}

static void
on_search_changed (BekalLibraryPage *self)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_flow_box_invalidate_filter (self->card_box);
  update_visible_page (self);
}

static void
on_topic_selected (BekalLibraryPage *self)
{
  gtk_flow_box_invalidate_filter (self->card_box);
  update_visible_page (self);
}

/* Overrides */

static void
bekal_library_page_dispose (GObject *object)
{
  BekalLibraryPage *self = BEKAL_LIBRARY_PAGE (object);
  GtkWidget *child;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_LIBRARY_PAGE);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->catalog);
  g_clear_object (&self->learner);

  G_OBJECT_CLASS (bekal_library_page_parent_class)->dispose (object);
}

static void
bekal_library_page_finalize (GObject *object)
{
  BekalLibraryPage *self = BEKAL_LIBRARY_PAGE (object);

  g_ptr_array_unref (self->topic_ids);
  g_free (self->query);

  G_OBJECT_CLASS (bekal_library_page_parent_class)->finalize (object);
}

static void
bekal_library_page_class_init (BekalLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_library_page_dispose;
  object_class->finalize = bekal_library_page_finalize;

  signals[SIGNAL_MODULE_ACTIVATED] =
    g_signal_new ("module-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, BEKAL_TYPE_CATALOG_ENTRY);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BekalLibraryPage, topic_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BekalLibraryPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, BekalLibraryPage, card_box);
  gtk_widget_class_bind_template_child (widget_class, BekalLibraryPage, broken_heading);
  gtk_widget_class_bind_template_child (widget_class, BekalLibraryPage, broken_list);
  gtk_widget_class_bind_template_callback (widget_class, on_card_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_selected);
}

static void
bekal_library_page_init (BekalLibraryPage *self)
{
  /* no learner until one is chosen */
  self->learner = bekal_learner_context_new (NULL, 0, NULL, NULL, NULL);
  self->topic_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_flow_box_set_filter_func (self->card_box, filter_card, self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/* Public API */

void
bekal_library_page_set_catalog (BekalLibraryPage *self,
                                BekalCatalog     *catalog)
{
  g_return_if_fail (BEKAL_IS_LIBRARY_PAGE (self));

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect (catalog, "items-changed", G_CALLBACK (on_catalog_items_changed), self);

  rebuild (self);
}

void
bekal_library_page_set_loading (BekalLibraryPage *self,
                                gboolean          loading)
{
  g_return_if_fail (BEKAL_IS_LIBRARY_PAGE (self));

  self->loading = loading;
  update_visible_page (self);
}

void
bekal_library_page_set_learner (BekalLibraryPage *self,
                                BekalStore       *store,
                                gint64            profile_id)
{
  g_return_if_fail (BEKAL_IS_LIBRARY_PAGE (self));

  g_clear_object (&self->learner);
  self->learner = bekal_learner_context_new (store, profile_id, NULL, NULL, NULL);
  bekal_library_page_refresh (self);
}

void
bekal_library_page_refresh (BekalLibraryPage *self)
{
  GtkWidget *child;

  g_return_if_fail (BEKAL_IS_LIBRARY_PAGE (self));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->card_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    update_card_progress (self, GTK_FLOW_BOX_CHILD (child));

  update_visible_page (self);
}

void
bekal_library_page_focus_search (BekalLibraryPage *self)
{
  g_return_if_fail (BEKAL_IS_LIBRARY_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
bekal_library_page_get_n_visible (BekalLibraryPage *self)
{
  g_return_val_if_fail (BEKAL_IS_LIBRARY_PAGE (self), 0);

  return self->n_visible;
}
