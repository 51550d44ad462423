/* bekal-paper-pdf.c: the gap report and the certificate of completion as PDF files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bekal-paper-private.h"

/* A4 in points */
#define A4_W 595.0
#define A4_H 842.0
#define MARGIN 48.0

typedef struct
{
  cairo_t *cr;
  double   y;
  guint    page;
} Page;

static const char * const months_id[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
  "Oktober", "November", "Desember",
};
static const char * const months_en[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};

static char *
format_date (gint64      unix_time,
             gboolean    indonesian)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  int month = g_date_time_get_month (time) - 1;

  if (indonesian)
    return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (time), months_id[month],
                            g_date_time_get_year (time));
  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (time), months_en[month],
                          g_date_time_get_year (time));
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

static void
page_footer (Page *page)
{
  g_autofree char *number = g_strdup_printf (_("Page %u"), page->page);

  cairo_set_source_rgb (page->cr, 0.3, 0.3, 0.3);
  _bekal_paper_text (page->cr, number, A4_W - MARGIN, A4_H - MARGIN + 16, 9, FALSE, 0, 1, NULL);
}

static void
new_page (Page *page)
{
  page_footer (page);
  cairo_show_page (page->cr);
  page->page++;
  page->y = MARGIN;
}

static void
need (Page   *page,
      double  height)
{
  if (page->y + height > A4_H - MARGIN)
    new_page (page);
}

static void
heading (Page       *page,
         const char *text,
         double      size)
{
  double h;

  need (page, size * 4);
  cairo_set_source_rgb (page->cr, 0, 0, 0);
  _bekal_paper_text (page->cr, text, MARGIN, page->y, size, TRUE, A4_W - 2 * MARGIN, 0, &h);
  page->y += h + size * 0.5;
}

static void
chart (Page       *page,
       const char *title,
       void      (*draw) (cairo_t *, double, double, const BekalChartStyle *, GPtrArray *),
       GPtrArray  *data,
       double      height)
{
  const BekalChartStyle style = { FALSE, 0.72 };

  heading (page, title, 12);
  need (page, height);
  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN, page->y);
  draw (page->cr, A4_W - 2 * MARGIN, height, &style, data);
  cairo_restore (page->cr);
  page->y += height + 14;
}

static const char *gap_module;

static void
draw_gap_of_module (cairo_t               *cr,
                    double                 width,
                    double                 height,
                    const BekalChartStyle *style,
                    GPtrArray             *rows)
{
  bekal_chart_draw_gap (cr, width, height, style, rows, gap_module);
}

static char *
cell (double mean,
      guint  n)
{
  if (isnan (mean))
    return g_strdup_printf ("– (n=%u)", n);
  return g_strdup_printf ("%.1f (n=%u)", mean, n);
}

static char *
gap_cell (double gap)
{
  return isnan (gap) ? g_strdup ("–") : g_strdup_printf ("%+.1f", gap);
}

static void
table (Page       *page,
       GPtrArray  *rows,
       const char *module_id)
{
  const char *header[] = {
    _("Topic"), _("Untrained pre"), _("Untrained post"), _("Trained pre"), _("Trained post"),
    _("Gap pre"), _("Gap post"),
  };
  const double widths[] = { 115, 72, 72, 72, 72, 48, 48 };
  double size = 8.5, row_h = 15;

  heading (page, _("Table"), 12);
  for (int r = -1; r < (int) rows->len; r++)
    {
      BekalGapRow *row = r >= 0 ? g_ptr_array_index (rows, r) : NULL;
      char *cells[7] = { NULL };
      double x = MARGIN, h = row_h;

      if (row != NULL && (g_strcmp0 (row->module_id, module_id) != 0 || row->month[0] != '\0'))
        continue;
      if (row != NULL)
        {
          cells[0] = g_strdup (_bekal_paper_topic_label (row->topic_id));
          cells[1] = cell (row->untrained.pre_mean, row->untrained.pre_n);
          cells[2] = cell (row->untrained.post_mean, row->untrained.post_n);
          cells[3] = cell (row->trained.pre_mean, row->trained.pre_n);
          cells[4] = cell (row->trained.post_mean, row->trained.post_n);
          cells[5] = gap_cell (row->pre_gap);
          cells[6] = gap_cell (row->post_gap);
        }
      else
        h = 26;
      need (page, h);
      cairo_set_source_rgb (page->cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (page->cr, 0.5);
      cairo_move_to (page->cr, MARGIN, page->y + h);
      cairo_line_to (page->cr, A4_W - MARGIN, page->y + h);
      cairo_stroke (page->cr);
      cairo_set_source_rgb (page->cr, 0, 0, 0);
      for (guint c = 0; c < 7; c++)
        {
          _bekal_paper_text (page->cr, row != NULL ? cells[c] : header[c],
                             c == 0 ? x : x + widths[c] - 4, page->y + 2, size, row == NULL,
                             c == 0 || row == NULL ? widths[c] - 4 : 0, c == 0 ? 0 : 1, NULL);
          x += widths[c];
        }
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        g_free (cells[c]);
      page->y += h;
    }
  page->y += 16;
}

gboolean
bekal_paper_write_gap_report (BekalStore            *store,
                              const char            *source_label,
                              const char            *path,
                              BekalPaperSectionFunc  extra_section,
                              gpointer               user_data,
                              GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  cairo_surface_t *surface;
  Page page = { NULL, MARGIN, 1 };
  gboolean ok;

  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);

  rows = bekal_report_gap (store, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (rows, i);

      if (modules->len == 0
          || g_strcmp0 (g_ptr_array_index (modules, modules->len - 1), row->module_id) != 0)
        g_ptr_array_add (modules, row->module_id);
    }

  surface = cairo_pdf_surface_create (path, A4_W, A4_H);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Gap report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bekal");
  page.cr = cairo_create (surface);

  date = format_date (g_get_real_time () / G_USEC_PER_SEC,
                      g_str_has_prefix (_("Gap report"), "Laporan"));
  heading (&page, _("Gap report"), 22);
  subtitle = g_strdup_printf (_("%s · Data: %s"), date, source_label);
  heading (&page, subtitle, 11);
  page.y += 4;
  heading (&page, _("Mean scores out of 100 of the counted tests: each learner's first "
                    "pre-test and latest post-test. Untrained: never trained before; "
                    "trained: trained before."), 9);

  if (modules->len == 0)
    heading (&page, _("No counted tests yet."), 12);

  for (guint m = 0; m < modules->len; m++)
    {
      const char *module_id = g_ptr_array_index (modules, m);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GPtrArray) months = NULL;
      g_autofree char *title = g_strdup_printf (_("Module %s"), module_id);

      changes = bekal_report_learner_changes (store, module_id, error);
      months = changes != NULL ? bekal_report_trend (store, module_id, error) : NULL;
      if (months == NULL)
        {
          cairo_destroy (page.cr);
          cairo_surface_finish (surface);
          cairo_surface_destroy (surface);
          g_unlink (path);
          return FALSE;
        }

      if (m > 0 || page.y > A4_H / 3)
        new_page (&page);
      heading (&page, title, 16);
      gap_module = module_id;
      chart (&page, _("Mean score per topic"), draw_gap_of_module, rows, 250);
      chart (&page, _("Each learner, pre-test → post-test"), bekal_chart_draw_changes, changes,
             MIN (60 + 18.0 * MAX (changes->len, 1), 560));
      chart (&page, _("By month"), bekal_chart_draw_trend, months, 190);
      table (&page, rows, module_id);
    }

  if (extra_section != NULL)
    {
      new_page (&page);
      extra_section (page.cr, A4_W, A4_H, user_data);
    }
  page_footer (&page);
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (!ok)
    g_unlink (path);
  return ok;
}

gboolean
bekal_paper_write_certificate (BekalStore  *store,
                               gint64       profile_id,
                               const char  *module_id,
                               const char  *module_title,
                               const char  *language,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(BekalCertificateInfo) info = NULL;
  gboolean id = g_strcmp0 (language, "en") != 0;
  const double w = A4_H, h = A4_W;
  g_autofree char *date = NULL;
  g_autofree char *score = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double y = 0, th;
  gboolean ok;

  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);

  info = bekal_report_certificate_info (store, profile_id, module_id, error);
  if (info == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create (path, w, h);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  id ? "Sertifikat" : "Certificate");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bekal");
  cr = cairo_create (surface);

  /* A double frame in dark blue-grey: sober, for a wall or a personnel file */
  cairo_set_source_rgb (cr, 0.16, 0.24, 0.36);
  cairo_set_line_width (cr, 3);
  cairo_rectangle (cr, 28, 28, w - 56, h - 56);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 36, 36, w - 72, h - 72);
  cairo_stroke (cr);

  y = 78;
  _bekal_paper_text (cr, id ? "SERTIFIKAT" : "CERTIFICATE", w / 2, y, 36, TRUE, w - 160, 0.5,
                     &th);
  y += th + 2;
  _bekal_paper_text (cr, id ? "telah menyelesaikan pelatihan" : "of completion", w / 2, y, 16,
                     FALSE, w - 160, 0.5, &th);
  y += th + 34;
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  _bekal_paper_text (cr, id ? "diberikan kepada" : "awarded to", w / 2, y, 14, FALSE, w - 160,
                     0.5, &th);
  y += th + 10;
  cairo_set_source_rgb (cr, 0, 0, 0);
  _bekal_paper_text (cr, info->name, w / 2, y, 30, TRUE, w - 160, 0.5, &th);
  y += th + 4;
  cairo_set_source_rgb (cr, 0.16, 0.24, 0.36);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, w / 2 - 160, y + 4);
  cairo_line_to (cr, w / 2 + 160, y + 4);
  cairo_stroke (cr);
  y += 14;
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  if (info->unit[0] != '\0')
    {
      _bekal_paper_text (cr, info->unit, w / 2, y, 14, FALSE, w - 160, 0.5, &th);
      y += th;
    }
  y += 24;
  _bekal_paper_text (cr, id ? "yang telah menyelesaikan modul" : "who has completed the module",
                     w / 2, y, 14, FALSE, w - 160, 0.5, &th);
  y += th + 8;
  cairo_set_source_rgb (cr, 0, 0, 0);
  _bekal_paper_text (cr, module_title, w / 2, y, 20, TRUE, w - 200, 0.5, &th);
  y += th + 14;
  score = id ? g_strdup_printf ("dan lulus tes akhir dengan nilai %.0f dari 100", info->score)
             : g_strdup_printf ("and passed its post-test with a score of %.0f out of 100",
                                info->score);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  _bekal_paper_text (cr, score, w / 2, y, 14, FALSE, w - 160, 0.5, &th);

  date = format_date (info->finished_at, id);
  _bekal_paper_text (cr, date, 110, h - 120, 13, FALSE, 0, 0, NULL);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 110, h - 100);
  cairo_line_to (cr, 290, h - 100);
  cairo_stroke (cr);
  _bekal_paper_text (cr, id ? "Tanggal" : "Date", 110, h - 94, 10, FALSE, 0, 0, NULL);
  cairo_move_to (cr, w - 290, h - 100);
  cairo_line_to (cr, w - 110, h - 100);
  cairo_stroke (cr);
  _bekal_paper_text (cr, id ? "Pelatih" : "Trainer", w - 290, h - 94, 10, FALSE, 0, 0, NULL);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  _bekal_paper_text (cr, id ? "Bekal — pelatihan mandiri pekerja sosial"
                            : "Bekal — self-paced training for social workers",
                     w / 2, h - 62, 9, FALSE, 0, 0.5, NULL);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (!ok)
    g_unlink (path);
  return ok;
}
