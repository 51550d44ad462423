/* bekal-chart-view.h: one of libbekal-paper's charts as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include <bekal/bekal-model.h>

G_BEGIN_DECLS

typedef enum
{
  BEKAL_CHART_GAP,
  BEKAL_CHART_CHANGES,
  BEKAL_CHART_TREND,
} BekalChartKind;

#define BEKAL_TYPE_CHART_VIEW (bekal_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalChartView, bekal_chart_view, BEKAL, CHART_VIEW, GtkWidget)

GtkWidget *bekal_chart_view_new      (BekalChartKind  kind);
/* @data: BekalGapRow, BekalLearnerChange or BekalMonthTrend elements as @kind wants;
 * @module_id: the module of a gap chart */
void       bekal_chart_view_set_data (BekalChartView *self,
                                      GPtrArray      *data,
                                      const char     *module_id);
/* The installed module of a gap chart, for its title and topics' names; NULL: ids are shown */
void       bekal_chart_view_set_module (BekalChartView *self,
                                        BekalModule    *module);

G_END_DECLS
