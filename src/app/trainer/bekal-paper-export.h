/* bekal-paper-export.h: the trainer's PDFs (gap report, item analysis, certificate) written in
 * a worker thread, and the file chooser that asks where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  BEKAL_PAPER_EXPORT_GAP_REPORT,     /* with the item analysis appended */
  BEKAL_PAPER_EXPORT_ITEM_ANALYSIS,
  BEKAL_PAPER_EXPORT_CERTIFICATE,
} BekalPaperExportKind;

/* What to write; copied by bekal_paper_export_async() */
typedef struct
{
  BekalPaperExportKind  kind;
  const char           *data_dir;     /* the store, opened on a connection of the thread's own */
  GPtrArray            *tests;        /* item analysis: BekalTestStats already computed, or NULL */
  GPtrArray            *modules;      /* gap report: the installed BekalModules, for names */
  gint64                profile_id;   /* certificate */
  const char           *module_id;    /* certificate */
  const char           *module_title; /* certificate */
  const char           *language;     /* certificate: "id" or "en" */
} BekalPaperExportRequest;

/* The language of a certificate made from the interface: the interface's ("id" or "en") */
const char *bekal_paper_export_ui_language (void);

/* Writes the PDF in a worker thread, to a temporary file renamed over @file at the end (a
 * failure leaves what was there) */
void        bekal_paper_export_async       (const BekalPaperExportRequest *request,
                                            GFile                         *file,
                                            GCancellable                  *cancellable,
                                            GAsyncReadyCallback            callback,
                                            gpointer                       user_data);
gboolean    bekal_paper_export_finish      (GAsyncResult                  *result,
                                            GError                       **error);

typedef void (*BekalPaperChosenFunc) (GtkWidget *widget,
                                      GFile     *file,
                                      gpointer   user_data);

/* Asks where to save a PDF (GtkFileChooserNative, modal to @widget's window); @callback runs
 * once, with the file chosen, or with a NULL file when the trainer cancelled, and a NULL
 * widget when @widget went away meanwhile */
void        bekal_paper_export_choose_file (GtkWidget                     *widget,
                                            const char                    *title,
                                            const char                    *suggested_name,
                                            BekalPaperChosenFunc           callback,
                                            gpointer                       user_data);

G_END_DECLS
