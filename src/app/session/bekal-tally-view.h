/* bekal-tally-view.h: the count per option of a question as horizontal bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_TALLY_VIEW (bekal_tally_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalTallyView, bekal_tally_view, BEKAL, TALLY_VIEW, GtkWidget)

GtkWidget *bekal_tally_view_new      (void);
/* @labels: one short label per bar ("A", "B" …); @correct: the bar to mark, or -1 */
void       bekal_tally_view_set_data (BekalTallyView     *self,
                                      const char * const *labels,
                                      const guint        *counts,
                                      guint               n_counts,
                                      int                 correct);

G_END_DECLS
