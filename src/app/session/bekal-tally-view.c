/* bekal-tally-view.c: the tally of a question as one horizontal bar per option, with its
 * label and count; the right option is marked once revealed. Colours come from the widget's
 * style, so the chart follows the light or dark style and the projector's large text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-tally-view.h"

struct _BekalTallyView
{
  GtkWidget  parent_instance;

  GStrv      labels;
  guint     *counts;
  guint      n_counts;
  int        correct;
};

G_DEFINE_FINAL_TYPE (BekalTallyView, bekal_tally_view, GTK_TYPE_WIDGET)

/* Helpers */

static void
describe (BekalTallyView *self)
{
  g_autoptr(GString) words = g_string_new (_("Answers per option:"));

  for (guint i = 0; i < self->n_counts; i++)
    g_string_append_printf (words, " %s %u%s", self->labels[i], self->counts[i],
                            i + 1 < self->n_counts ? "," : ".");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  words->str, -1);
}

/* Overrides */

static void
bekal_tally_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BekalTallyView *self = BEKAL_TALLY_VIEW (widget);
  float width = (float) gtk_widget_get_width (widget);
  float height = (float) gtk_widget_get_height (widget);
  GdkRGBA fg, bar, right = { 0.18f, 0.55f, 0.34f, 1 };
  guint max = 1;
  float row, label_width, bar_space;
  PangoLayout *layout;
  int text_w, text_h;

  if (self->n_counts == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  bar = fg;
  bar.alpha = 0.45f;
  for (guint i = 0; i < self->n_counts; i++)
    max = MAX (max, self->counts[i]);

  layout = gtk_widget_create_pango_layout (widget, "M");
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  /* rows of a readable height from the top, however tall the widget is */
  row = MIN (height / (float) self->n_counts, (float) text_h * 2.4f);
  label_width = (float) text_w * 3;
  bar_space = MAX (width - label_width * 2, 1);

  for (guint i = 0; i < self->n_counts; i++)
    {
      float y = row * (float) i;
      float bar_height = MIN (row * 0.7f, (float) text_h * 1.6f);
      float bar_y = y + (row - bar_height) / 2;
      float length = bar_space * (float) self->counts[i] / (float) max;
      g_autofree char *count = g_strdup_printf ("%u", self->counts[i]);

      pango_layout_set_text (layout, self->labels[i], -1);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (0, bar_y + (bar_height - text_h) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);

      gtk_snapshot_append_color (snapshot, (int) i == self->correct ? &right : &bar,
                                 &GRAPHENE_RECT_INIT (label_width, bar_y, MAX (length, 2),
                                                      bar_height));

      pango_layout_set_text (layout, count, -1);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (label_width + MAX (length, 2) + text_w / 2.0f,
                                                    bar_y + (bar_height - text_h) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }
  g_object_unref (layout);
}

static void
bekal_tally_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BekalTallyView *self = BEKAL_TALLY_VIEW (widget);
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, "M");
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = w * 10;
      *natural = w * 20;
    }
  else
    {
      *minimum = (int) self->n_counts * h * 3 / 2;
      *natural = (int) self->n_counts * h * 2;
    }
}

static void
bekal_tally_view_finalize (GObject *object)
{
  BekalTallyView *self = BEKAL_TALLY_VIEW (object);

  g_strfreev (self->labels);
  g_free (self->counts);

  G_OBJECT_CLASS (bekal_tally_view_parent_class)->finalize (object);
}

static void
bekal_tally_view_class_init (BekalTallyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bekal_tally_view_finalize;
  widget_class->snapshot = bekal_tally_view_snapshot;
  widget_class->measure = bekal_tally_view_measure;
  gtk_widget_class_set_css_name (widget_class, "tally");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bekal_tally_view_init (BekalTallyView *self)
{
  self->correct = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tally of the answers"), -1);
}

/* Public API */

GtkWidget *
bekal_tally_view_new (void)
{
  return g_object_new (BEKAL_TYPE_TALLY_VIEW, NULL);
}

void
bekal_tally_view_set_data (BekalTallyView     *self,
                           const char * const *labels,
                           const guint        *counts,
                           guint               n_counts,
                           int                 correct)
{
  g_return_if_fail (BEKAL_IS_TALLY_VIEW (self));

  g_strfreev (self->labels);
  self->labels = g_new0 (char *, n_counts + 1);
  for (guint i = 0; i < n_counts; i++)
    self->labels[i] = g_strdup (labels[i]);
  g_free (self->counts);
  self->counts = g_memdup2 (counts, sizeof (guint) * MAX (n_counts, 1));
  self->n_counts = n_counts;
  self->correct = correct;
  describe (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
