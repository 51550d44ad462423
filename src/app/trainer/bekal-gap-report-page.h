/* bekal-gap-report-page.h: the trainer's view of the gap between trained and untrained
 * peksos, per module, topic and month, with a CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_GAP_REPORT_PAGE (bekal_gap_report_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalGapReportPage, bekal_gap_report_page, BEKAL, GAP_REPORT_PAGE, GtkWidget)

/*
 * Signals:
 *   "exported" (GFile *file, GError *error): an export ended; @error is NULL on success.
 *              The page itself shows a toast on success and a dialog on failure.
 */

GtkWidget *bekal_gap_report_page_new            (void);
/* Computes the report from @store in a worker thread, on a connection of its own; the page
 * shows a spinner meanwhile ("loading" property). @modules (BekalModule elements, may be
 * NULL) give the titles of modules and topics; ids are shown for the others. */
void       bekal_gap_report_page_load           (BekalGapReportPage *self,
                                                 BekalStore         *store,
                                                 GPtrArray          *modules);
/* Writes the whole report as CSV to @file, replacing it atomically; what the "Export
 * CSV…" button does once a file is chosen */
void       bekal_gap_report_page_export_to_file (BekalGapReportPage *self,
                                                 GFile              *file);
/* Writes the report as a PDF (the charts, the tables, then the item analysis) to @file in a
 * worker thread; what "Export PDF…" does once a file is chosen; "exported" tells the end */
void       bekal_gap_report_page_export_pdf_to_file (BekalGapReportPage *self,
                                                     GFile              *file);
/* TRUE while the report is computed */
gboolean   bekal_gap_report_page_is_loading     (BekalGapReportPage *self);
/* "" for all time, or "YYYY-MM" */
void       bekal_gap_report_page_set_month      (BekalGapReportPage *self,
                                                 const char         *month);
/* The number of rows shown in the table */
guint      bekal_gap_report_page_get_n_rows     (BekalGapReportPage *self);

G_END_DECLS
