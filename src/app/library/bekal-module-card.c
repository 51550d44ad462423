/* bekal-module-card.c: one module in the library, with the learner's progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-module-card.h"

#define MAX_TOPICS_SHOWN 3
/* cards ask for no more than this, so that the library shows two or three side by side */
#define CARD_NATURAL_WIDTH 340

struct _BekalModuleCard
{
  GtkWidget          parent_instance;

  BekalCatalogEntry *entry;
  BekalModule       *module;
  char              *search_text; /* case-folded */
  BekalModuleState   state;
  double             fraction;

  GtkLabel          *title_label;
  GtkLabel          *summary_label;
  GtkBox            *topic_box;
  GtkLabel          *duration_label;
  GtkLabel          *state_label;
  GtkProgressBar    *progress_bar;
};

G_DEFINE_FINAL_TYPE (BekalModuleCard, bekal_module_card, GTK_TYPE_WIDGET)

/* Helpers */

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized ? normalized : "", -1);
}

static void
build_search_text (BekalModuleCard *self)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n", bekal_module_get_title (self->module),
                          bekal_module_get_summary (self->module));
  for (guint i = 0; i < bekal_module_get_n_topics (self->module); i++)
    g_string_append_printf (text, "%s\n", bekal_module_get_topic (self->module, i)->name);
  for (guint i = 0; i < bekal_module_get_n_glossary (self->module); i++)
    g_string_append_printf (text, "%s\n", bekal_module_get_glossary_entry (self->module, i)->term);

  self->search_text = fold (text->str);
  g_string_free (text, TRUE);
}

static void
fill (BekalModuleCard *self)
{
  guint minutes = bekal_module_get_duration_minutes (self->module);
  guint n_lessons = bekal_module_get_n_lessons (self->module);
  guint n_topics = bekal_module_get_n_topics (self->module);
  g_autofree char *duration = NULL;
  g_autofree char *lessons = NULL;
  g_autofree char *meta = NULL;

  gtk_label_set_text (self->title_label, bekal_module_get_title (self->module));
  gtk_label_set_text (self->summary_label, bekal_module_get_summary (self->module));

  lessons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lesson", "%u lessons", n_lessons),
                             n_lessons);
  if (minutes > 0)
    {
      duration = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                               minutes), minutes);
      /* TRANSLATORS: duration and number of lessons of a module, e.g. "30 minutes · 2 lessons" */
      meta = g_strdup_printf (_("%s · %s"), duration, lessons);
    }
  else
    meta = g_strdup (lessons);
  gtk_label_set_text (self->duration_label, meta);

  for (guint i = 0; i < n_topics && i < MAX_TOPICS_SHOWN; i++)
    {
      GtkWidget *label = gtk_label_new (bekal_module_get_topic (self->module, i)->name);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (label, "topic-pill");
      gtk_widget_set_tooltip_text (label, bekal_module_get_topic (self->module, i)->name);
      gtk_box_append (self->topic_box, label);
    }
  if (n_topics > MAX_TOPICS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (_("+%u"), n_topics - MAX_TOPICS_SHOWN);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "topic-pill");
      gtk_box_append (self->topic_box, label);
    }

  build_search_text (self);
}

/* Overrides */

static void
bekal_module_card_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int narrowest = 0;

  *minimum = *natural = 0;
  if (child == NULL)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                          natural_baseline);
      *natural = MAX (*minimum, MIN (*natural, CARD_NATURAL_WIDTH));
      return;
    }

  /* The flow box sizes a line of cards for other widths than the ones it then gives them, so
   * a height measured for one width clipped cards whose title wrapped at another. The height
   * a card needs at its narrowest holds all its lines (titles and summaries are capped) at
   * any width, and keeps the cards of a line level. */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &narrowest, NULL, NULL, NULL);
  gtk_widget_measure (child, orientation, narrowest, minimum, natural, minimum_baseline,
                      natural_baseline);
  /* the flow box gives its children their minimum height: that must hold every line */
  *minimum = *natural;
}

static void
bekal_module_card_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
bekal_module_card_dispose (GObject *object)
{
  BekalModuleCard *self = BEKAL_MODULE_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_MODULE_CARD);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->entry);
  g_clear_object (&self->module);

  G_OBJECT_CLASS (bekal_module_card_parent_class)->dispose (object);
}

static void
bekal_module_card_finalize (GObject *object)
{
  BekalModuleCard *self = BEKAL_MODULE_CARD (object);

  g_free (self->search_text);

  G_OBJECT_CLASS (bekal_module_card_parent_class)->finalize (object);
}

static void
bekal_module_card_class_init (BekalModuleCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_module_card_dispose;
  object_class->finalize = bekal_module_card_finalize;
  widget_class->measure = bekal_module_card_measure;
  widget_class->size_allocate = bekal_module_card_size_allocate;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-module-card.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalModuleCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModuleCard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModuleCard, topic_box);
  gtk_widget_class_bind_template_child (widget_class, BekalModuleCard, duration_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModuleCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, BekalModuleCard, progress_bar);
}

static void
bekal_module_card_init (BekalModuleCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
bekal_module_card_new (BekalCatalogEntry *entry,
                       BekalModule       *module)
{
  BekalModuleCard *self;

  g_return_val_if_fail (BEKAL_IS_CATALOG_ENTRY (entry), NULL);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), NULL);

  self = g_object_new (BEKAL_TYPE_MODULE_CARD, NULL);
  self->entry = g_object_ref (entry);
  self->module = g_object_ref (module);
  fill (self);
  bekal_module_card_set_progress (self, BEKAL_MODULE_STATE_NOT_STARTED, 0);

  return GTK_WIDGET (self);
}

BekalCatalogEntry *
bekal_module_card_get_entry (BekalModuleCard *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_CARD (self), NULL);

  return self->entry;
}

BekalModule *
bekal_module_card_get_module (BekalModuleCard *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_CARD (self), NULL);

  return self->module;
}

void
bekal_module_card_set_progress (BekalModuleCard  *self,
                                BekalModuleState  state,
                                double            fraction)
{
  static const char *state_classes[] = {
    "state-not-started", "state-in-progress", "state-pretest-done", "state-passed",
  };
  g_autofree char *percent = NULL;

  g_return_if_fail (BEKAL_IS_MODULE_CARD (self));

  self->state = state;
  self->fraction = CLAMP (fraction, 0.0, 1.0);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_classes[state]);
  gtk_label_set_text (self->state_label, bekal_module_state_to_label (state));

  /* an empty bar says nothing a "Not started" label does not */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          state != BEKAL_MODULE_STATE_NOT_STARTED || self->fraction > 0);
  gtk_progress_bar_set_fraction (self->progress_bar, self->fraction);
  /* TRANSLATORS: the share of lessons read, e.g. "50% of the lessons read" */
  percent = g_strdup_printf (_("%d%% of the lessons read"), (int) (self->fraction * 100 + 0.5));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, percent,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->fraction * 100,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_bar), percent);
}

BekalModuleState
bekal_module_card_get_state (BekalModuleCard *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_CARD (self), BEKAL_MODULE_STATE_NOT_STARTED);

  return self->state;
}

gboolean
bekal_module_card_matches (BekalModuleCard *self,
                           const char      *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (BEKAL_IS_MODULE_CARD (self), FALSE);

  if (query == NULL || query[0] == '\0')
    return TRUE;

  folded = fold (query);
  words = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (self->search_text, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

gboolean
bekal_module_card_has_topic (BekalModuleCard *self,
                             const char      *topic_id)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_CARD (self), FALSE);

  return topic_id == NULL || bekal_module_find_topic (self->module, topic_id) != NULL;
}

char *
bekal_module_card_dup_description (BekalModuleCard *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE_CARD (self), NULL);

  /* TRANSLATORS: read to screen reader users: module title, state, e.g. "Case management, in
   * progress, 50% of the lessons read" */
  return g_strdup_printf (_("%s, %s, %d%% of the lessons read"),
                          bekal_module_get_title (self->module),
                          bekal_module_state_to_label (self->state),
                          (int) (self->fraction * 100 + 0.5));
}

const char *
bekal_module_state_to_label (BekalModuleState state)
{
  switch (state)
    {
    case BEKAL_MODULE_STATE_IN_PROGRESS:
      return _("In progress");
    case BEKAL_MODULE_STATE_PRETEST_DONE:
      return _("Pre-test done");
    case BEKAL_MODULE_STATE_PASSED:
      return _("Passed");
    case BEKAL_MODULE_STATE_NOT_STARTED:
    default:
      return _("Not started");
    }
}
