/* bekal-order-view.h: order questions, rows moved by dragging, by buttons or Alt+Up/Down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-question-view.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_ORDER_VIEW (bekal_order_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalOrderView, bekal_order_view, BEKAL, ORDER_VIEW, BekalQuestionView)

/* One item of the list: a typed row, so that the item it shows is known without lookups */
#define BEKAL_TYPE_ORDER_ROW (bekal_order_row_get_type ())

G_DECLARE_FINAL_TYPE (BekalOrderRow, bekal_order_row, BEKAL, ORDER_ROW, GtkListBoxRow)

/* The id of the item the row shows */
const char *bekal_order_row_get_item_id (BekalOrderRow *self);

G_END_DECLS
