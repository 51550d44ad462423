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
};

G_DEFINE_FINAL_TYPE (BekalChartView, bekal_chart_view, GTK_TYPE_WIDGET)

static void
update_description (BekalChartView *self)
{
  g_autofree char *summary = NULL;

  switch (self->kind)
    {
    case BEKAL_CHART_GAP:
      summary = bekal_chart_dup_gap_summary (self->data, self->module_id);
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

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  switch (self->kind)
    {
    case BEKAL_CHART_GAP:
      bekal_chart_draw_gap (cr, width, height, &style, self->data, self->module_id);
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
  /* large enough for the labels at the projector's 1024×768 */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 420;
}

static void
bekal_chart_view_dispose (GObject *object)
{
  BekalChartView *self = BEKAL_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->data, g_ptr_array_unref);
  g_clear_pointer (&self->module_id, g_free);

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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
