/* bekal-my-results-page.h: every attempt of the learner per module, and mastery per topic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_MY_RESULTS_PAGE (bekal_my_results_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalMyResultsPage, bekal_my_results_page, BEKAL, MY_RESULTS_PAGE, GtkWidget)

GtkWidget *bekal_my_results_page_new            (void);
/* Shows the attempts and mastery of @profile_id in each of @modules (BekalModule
 * elements, in the order to show them); modules without attempts are left out. Call it
 * again to refresh, e.g. after a quiz was finished. They are read in a worker thread while
 * a spinner shows. */
void       bekal_my_results_page_load           (BekalMyResultsPage *self,
                                                 BekalStore         *store,
                                                 gint64              profile_id,
                                                 GPtrArray          *modules);
/* The number of attempts listed */
guint      bekal_my_results_page_get_n_attempts (BekalMyResultsPage *self);
/* TRUE while the results are read (in a worker thread, on a connection of its own) */
gboolean   bekal_my_results_page_is_loading     (BekalMyResultsPage *self);
/* The label of the PIN button: set, or change and remove */
void       bekal_my_results_page_set_has_pin    (BekalMyResultsPage *self,
                                                 gboolean            has_pin);

G_END_DECLS
