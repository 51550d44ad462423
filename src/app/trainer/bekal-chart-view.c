/* bekal-chart-view.c: one of libbekal-paper's charts as a widget
 *
 * The drawing is libbekal-paper's, so that the screen and the PDF show the same chart; the
 * widget follows the light or dark style and says the chart in words to screen readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "bekal-chart-view.h"
#include "bekal-paper.h"

struct _BekalChartView
{
  GtkWidget       parent_instance;

  BekalChartKind  kind;
  GPtrArray      *data;
  char           *module_id;
  BekalModule    *module;
};

G_DEFINE_FINAL_TYPE (BekalChartView, bekal_chart_view, GTK_TYPE_WIDGET)

static void
update_description (BekalChartView *self)
{
  g_autofree char *summary = NULL;

  switch (self->kind)
    {
    case BEKAL_CHART_GAP:
      summary = bekal_chart_dup_gap_summary_with_module (self->data, self->module_id,
                                                         self->module);
      break;
    case BEKAL_CHART_CHANGES:
      summary = bekal_chart_dup_changes_summary (self->data);
      break;
    case BEKAL_CHART_TREND:
    default:
      summary = bekal_chart_dup_trend_summary (self->data);
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary, -1);
}

static void
on_dark_changed (BekalChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The text colour of the widget's style and the background of a card, so that the chart
 * matches the window in light, dark and high contrast */
static void
style_from_widget (GtkWidget       *widget,
                   BekalChartStyle *style)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color, background;

  gtk_style_context_get_color (context, &color);
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &background)
      && !gtk_style_context_lookup_color (context, "window_bg_color", &background))
    return;
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* a translucent card colour is drawn over the window's background */
  if (background.alpha < 1)
    {
      GdkRGBA window;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (!gtk_style_context_lookup_color (context, "window_bg_color", &window))
        window = style->dark ? (GdkRGBA) { 0.14, 0.14, 0.14, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
      G_GNUC_END_IGNORE_DEPRECATIONS
      background.red = background.alpha * background.red + (1 - background.alpha) * window.red;
      background.green = background.alpha * background.green
                         + (1 - background.alpha) * window.green;
      background.blue = background.alpha * background.blue + (1 - background.alpha) * window.blue;
    }

  style->use_colors = TRUE;
  style->foreground[0] = color.red;
  style->foreground[1] = color.green;
  style->foreground[2] = color.blue;
  style->background[0] = background.red;
  style->background[1] = background.green;
  style->background[2] = background.blue;
}

static void
bekal_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BekalChartView *self = BEKAL_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  BekalChartStyle style = {
    adw_style_manager_get_dark (adw_style_manager_get_default ()), 1.0
  };
  cairo_t *cr;

  if (width < 1 || height < 1)
    return;

  style_from_widget (widget, &style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  switch (self->kind)
    {
    case BEKAL_CHART_GAP:
      bekal_chart_draw_gap_with_module (cr, width, height, &style, self->data, self->module_id,
                                        self->module);
      break;
    case BEKAL_CHART_CHANGES:
      bekal_chart_draw_changes (cr, width, height, &style, self->data);
      break;
    case BEKAL_CHART_TREND:
    default:
      bekal_chart_draw_trend (cr, width, height, &style, self->data);
      break;
    }
  cairo_destroy (cr);
}

static void
bekal_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BekalChartView *self = BEKAL_CHART_VIEW (widget);

  /* large enough for the labels at the projector's 1024×768 */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 420;

  /* a dumbbell row per learner (14 px text: 24.4 px a row below a 59 px legend), up to 24
   * rows; beyond that the chart draws bands of learners */
  if (orientation == GTK_ORIENTATION_VERTICAL && self->kind == BEKAL_CHART_CHANGES
      && self->data != NULL)
    *minimum = *natural = CLAMP ((int) (66 + 24.4 * MIN (self->data->len, 24)), 160, 680);
}

static void
bekal_chart_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (bekal_chart_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
bekal_chart_view_dispose (GObject *object)
{
  BekalChartView *self = BEKAL_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->data, g_ptr_array_unref);
  g_clear_pointer (&self->module_id, g_free);
  g_clear_object (&self->module);

  G_OBJECT_CLASS (bekal_chart_view_parent_class)->dispose (object);
}

static void
bekal_chart_view_class_init (BekalChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_chart_view_dispose;
  widget_class->snapshot = bekal_chart_view_snapshot;
  widget_class->measure = bekal_chart_view_measure;
  widget_class->css_changed = bekal_chart_view_css_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bekal_chart_view_init (BekalChartView *self)
{
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
}

GtkWidget *
bekal_chart_view_new (BekalChartKind kind)
{
  BekalChartView *self = g_object_new (BEKAL_TYPE_CHART_VIEW, NULL);

  self->kind = kind;
  update_description (self);
  return GTK_WIDGET (self);
}

void
bekal_chart_view_set_data (BekalChartView *self,
                           GPtrArray      *data,
                           const char     *module_id)
{
  g_return_if_fail (BEKAL_IS_CHART_VIEW (self));

  g_clear_pointer (&self->data, g_ptr_array_unref);
  self->data = data != NULL ? g_ptr_array_ref (data) : NULL;
  g_free (self->module_id);
  self->module_id = g_strdup (module_id != NULL ? module_id : "");
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
bekal_chart_view_set_module (BekalChartView *self,
                             BekalModule    *module)
{
  g_return_if_fail (BEKAL_IS_CHART_VIEW (self));

  g_set_object (&self->module, module);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
