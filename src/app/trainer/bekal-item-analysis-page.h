/* bekal-item-analysis-page.h: the trainer's view of how each question of the pre-tests and
 * post-tests behaves (item analysis), with a hint for the module's author
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_ITEM_ANALYSIS_PAGE (bekal_item_analysis_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalItemAnalysisPage, bekal_item_analysis_page, BEKAL, ITEM_ANALYSIS_PAGE,
                      GtkWidget)

GtkWidget *bekal_item_analysis_page_new          (void);
/* Computes the item analysis of @store in a worker thread, on a connection of its own; the
 * page shows a spinner meanwhile ("loading" property). @modules (BekalModule elements, may be
 * NULL) give the titles of modules, tests and questions; ids are shown for the others. */
void       bekal_item_analysis_page_load         (BekalItemAnalysisPage *self,
                                                  BekalStore            *store,
                                                  GPtrArray             *modules);
/* Writes the analysis shown as a PDF to @file in a worker thread; what "Export PDF…" does
 * once a file is chosen; the "exported" signal (GFile *file, GError *error) tells the end */
void       bekal_item_analysis_page_export_pdf_to_file (BekalItemAnalysisPage *self,
                                                        GFile                 *file);
/* TRUE while the analysis is computed */
gboolean   bekal_item_analysis_page_is_loading   (BekalItemAnalysisPage *self);
/* The number of tests and of questions shown, and of questions flagged */
guint      bekal_item_analysis_page_get_n_tests  (BekalItemAnalysisPage *self);
guint      bekal_item_analysis_page_get_n_items  (BekalItemAnalysisPage *self);
guint      bekal_item_analysis_page_get_n_flagged (BekalItemAnalysisPage *self);

G_END_DECLS
