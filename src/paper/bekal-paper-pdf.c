/* bekal-paper-pdf.c: the gap report, the item analysis and the certificate of completion as
 * PDF files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <bekal/bekal-item-analysis.h>

#include "bekal-paper-private.h"

/* A4 in points */
#define A4_W 595.0
#define A4_H 842.0
#define MARGIN 48.0
#define CHART_W (A4_W - 2 * MARGIN)

typedef struct
{
  cairo_t *cr;
  double   y;
  guint    page;
} Page;

/* The page a section appended to a report continues on (see bekal_paper_write_gap_report()) */
static const cairo_user_data_key_t page_key;

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
paragraph (Page       *page,
           const char *text,
           double      size)
{
  double h;

  need (page, size * 3);
  cairo_set_source_rgb (page->cr, 0.15, 0.15, 0.15);
  _bekal_paper_text (page->cr, text, MARGIN, page->y, size, FALSE, A4_W - 2 * MARGIN, 0, &h);
  page->y += h + size * 0.5;
}

/* Charts on paper: light, with the label size the page uses */
static const BekalChartStyle chart_style = { FALSE, 0.72 };

/* A chart's frame: its title, room for @height on the page, the origin at its corner; the
 * caller draws it with the page's chart style, then calls chart_end() */
static void
chart_begin (Page       *page,
             const char *title,
             double      height)
{
  /* the title goes to the next page with its chart */
  need (page, 12 * 3 + height);
  heading (page, title, 12);
  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN, page->y);
}

static void
chart_end (Page   *page,
           double  height)
{
  cairo_restore (page->cr);
  page->y += height + 14;
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
table (Page        *page,
       GPtrArray   *rows,
       const char  *module_id,
       BekalModule *module)
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
          cells[0] = g_strdup (_bekal_paper_topic_label (module, row->topic_id));
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

/* Item analysis */

static char *
stat_text (double value,
           int    digits)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.*f", digits, value);
}

static char *
dup_flags_text (BekalItemFlag flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (flags & BEKAL_ITEM_FLAG_TOO_HARD)
    g_string_append (text, _("too hard"));
  if (flags & BEKAL_ITEM_FLAG_TOO_EASY)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", _("too easy"));
  if (flags & BEKAL_ITEM_FLAG_LOW_DISCRIMINATION)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", _("low discrimination"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "a 40 %, b 60 %" */
static char *
dup_options_text (BekalItemStats *item)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; item->options != NULL && i < item->options->len && i < 12; i++)
    {
      BekalItemOption *option = g_ptr_array_index (item->options, i);
      g_autofree char *id = g_utf8_substring (option->option_id, 0,
                                              MIN (g_utf8_strlen (option->option_id, -1), 24));

      /* TRANSLATORS: the options of a question and how often each was chosen, "Chosen: a 40 %,
       * b 60 %" */
      g_string_append_printf (text, "%s%s %.0f %%", i > 0 ? ", " : _("Chosen: "), id,
                              100 * option->fraction);
    }
  if (item->options != NULL && item->options->len > 12)
    g_string_append (text, ", …");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
rule (Page   *page,
      double  y)
{
  cairo_set_source_rgb (page->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (page->cr, 0.5);
  cairo_move_to (page->cr, MARGIN, y);
  cairo_line_to (page->cr, A4_W - MARGIN, y);
  cairo_stroke (page->cr);
  cairo_set_source_rgb (page->cr, 0, 0, 0);
}

static void
items_header (Page *page)
{
  const char *header[] = {
    _("Question"), "n", _("Facility"), _("SD"), _("Discrimination"), _("Efficiency"), _("Flags"),
  };
  const double widths[] = { 120, 30, 52, 40, 78, 62, 117 };
  double x = MARGIN, h, tallest = 0;

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    {
      _bekal_paper_text (page->cr, header[c], c == 0 || c == 6 ? x : x + widths[c] - 4,
                         page->y + 2, 8.5, TRUE, c == 0 || c == 6 ? widths[c] - 4 : 0,
                         c == 0 || c == 6 ? 0 : 1, &h);
      tallest = MAX (tallest, h);
      x += widths[c];
    }
  page->y += tallest + 4;
  rule (page, page->y);
  page->y += 2;
}

/* One test: its figures, then a row per question with its options, and the hint of each
 * flag under the question that has it */
static void
items_of_test (Page           *page,
               BekalTestStats *test)
{
  const double widths[] = { 120, 30, 52, 40, 78, 62, 117 };
  g_autofree char *title = g_strdup_printf (_("Module %s · test %s"), test->module_id,
                                            test->quiz_id);
  g_autofree char *alpha = stat_text (test->alpha, 2);
  g_autofree char *sem = stat_text (test->sem, 2);
  g_autofree char *mean = stat_text (test->mean, 2);
  g_autofree char *sd = stat_text (test->sd, 2);
  g_autofree char *figures = NULL;

  /* TRANSLATORS: the figures of one test in the item analysis PDF */
  figures = g_strdup_printf (_("%u counted attempts, %u questions. Mean total %s points out of "
                               "%u, standard deviation %s. Reliability: Cronbach's alpha (KR-20 "
                               "for right/wrong questions) %s; standard error of measurement "
                               "%s points."),
                             test->n_attempts, test->n_items, mean, test->n_items, sd, alpha, sem);
  heading (page, title, 13);
  paragraph (page, figures, 9);
  page->y += 2;
  items_header (page);

  for (guint i = 0; test->items != NULL && i < test->items->len; i++)
    {
      BekalItemStats *item = g_ptr_array_index (test->items, i);
      char *cells[7] = { NULL };  /* freed at the end of the row: g_autofree frees one */
      g_autofree char *options = dup_options_text (item);
      g_autoptr(GPtrArray) hints = g_ptr_array_new ();
      double x = MARGIN, h, row_h = 0, hints_h = 0, options_h = 0;

      cells[0] = g_strdup (item->question_id);
      cells[1] = g_strdup_printf ("%u", item->n);
      cells[2] = stat_text (item->facility, 2);
      cells[3] = stat_text (item->sd, 2);
      cells[4] = stat_text (item->discrimination, 2);
      cells[5] = stat_text (item->efficiency, 2);
      cells[6] = dup_flags_text (item->flags);
      for (BekalItemFlag f = BEKAL_ITEM_FLAG_TOO_HARD; f <= BEKAL_ITEM_FLAG_LOW_DISCRIMINATION;
           f <<= 1)
        if (item->flags & f)
          g_ptr_array_add (hints, (gpointer) bekal_item_flag_hint (f));

      /* measured on a scratch surface first, so that a question never breaks over pages */
      {
        cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                   NULL);
        cairo_t *cr = cairo_create (scratch);

        _bekal_paper_text (cr, cells[0], 0, 0, 8.5, FALSE, widths[0] - 4, 0, &h);
        row_h = MAX (row_h, h);
        _bekal_paper_text (cr, cells[6], 0, 0, 8.5, TRUE, widths[6] - 4, 0, &h);
        row_h = MAX (row_h, h);
        if (options[0] != '\0')
          _bekal_paper_text (cr, options, 0, 0, 7.5, FALSE, A4_W - 2 * MARGIN - 12, 0,
                             &options_h);
        for (guint k = 0; k < hints->len; k++)
          {
            _bekal_paper_text (cr, g_ptr_array_index (hints, k), 0, 0, 8, FALSE,
                               A4_W - 2 * MARGIN - 24, 0, &h);
            hints_h += h + 2;
          }
        cairo_destroy (cr);
        cairo_surface_destroy (scratch);
      }
      if (page->y + row_h + options_h + hints_h + 10 > A4_H - MARGIN)
        {
          new_page (page);
          items_header (page);
        }

      cairo_set_source_rgb (page->cr, 0, 0, 0);
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          gboolean wraps = c == 0 || c == 6;

          _bekal_paper_text (page->cr, cells[c], wraps ? x : x + widths[c] - 4, page->y + 2,
                             8.5, c == 6, wraps ? widths[c] - 4 : 0, wraps ? 0 : 1, NULL);
          x += widths[c];
        }
      page->y += row_h + 3;
      if (options[0] != '\0')
        {
          cairo_set_source_rgb (page->cr, 0.3, 0.3, 0.3);
          _bekal_paper_text (page->cr, options, MARGIN + 12, page->y, 7.5, FALSE,
                             A4_W - 2 * MARGIN - 12, 0, &h);
          page->y += h + 1;
        }
      for (guint k = 0; k < hints->len; k++)
        {
          /* a bar in the margin marks a hint without relying on colour */
          cairo_set_source_rgb (page->cr, 0.55, 0.3, 0.0);
          _bekal_paper_text (page->cr, g_ptr_array_index (hints, k), MARGIN + 24, page->y + 1,
                             8, FALSE, A4_W - 2 * MARGIN - 24, 0, &h);
          cairo_rectangle (page->cr, MARGIN + 14, page->y + 2, 3, h - 1);
          cairo_fill (page->cr);
          page->y += h + 2;
        }
      page->y += 2;
      rule (page, page->y);
      page->y += 2;
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        g_free (cells[c]);
    }
  page->y += 18;
}

/* @subtitle: (nullable): the date and the data, under the title of a PDF of its own */
static void
items_section (Page       *page,
               GPtrArray  *tests,
               const char *subtitle)
{
  heading (page, _("Item analysis"), subtitle != NULL ? 22 : 18);
  if (subtitle != NULL)
    heading (page, subtitle, 11);
  paragraph (page, _("How each question of the tests behaves, as Moodle's quiz statistics define "
                   "it. Facility: the share of the marks the learners got (0 to 1). SD: its "
                   "standard deviation. Discrimination: the correlation of the question with the "
                   "rest of the test. Efficiency: the discrimination as a share of the highest "
                   "this question could reach. A question is flagged when its facility is under "
                   "0.2 or over 0.9, or its discrimination under 0.2."), 9);
  page->y += 6;
  if (tests == NULL || tests->len == 0)
    heading (page, _("No counted tests yet."), 12);
  for (guint t = 0; tests != NULL && t < tests->len; t++)
    items_of_test (page, g_ptr_array_index (tests, t));
}

static void
finish_pdf (cairo_surface_t *surface,
            cairo_t         *cr)
{
  cairo_destroy (cr);
  cairo_surface_finish (surface);
}

void
bekal_paper_item_analysis_section (cairo_t *cr,
                                   double   width,
                                   double   height,
                                   gpointer tests)
{
  Page *report_page = cairo_get_user_data (cr, &page_key);
  Page own = { cr, MARGIN, 1 };
  Page *page = report_page != NULL ? report_page : &own;

  items_section (page, tests, NULL);
}

gboolean
bekal_paper_write_item_analysis (GPtrArray   *tests,
                                 const char  *source_label,
                                 const char  *path,
                                 GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  cairo_surface_t *surface;
  Page page = { NULL, MARGIN, 1 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, A4_W, A4_H);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Item analysis"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bekal");
  page.cr = cairo_create (surface);

  date = format_date (g_get_real_time () / G_USEC_PER_SEC,
                      g_str_has_prefix (_("Gap report"), "Laporan"));
  subtitle = g_strdup_printf (_("%s · Data: %s"), date, source_label);
  items_section (&page, tests, subtitle);
  page_footer (&page);
  finish_pdf (surface, page.cr);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (!ok)
    g_unlink (path);
  return ok;
}

static BekalModule *
find_module (GPtrArray  *modules,
             const char *module_id)
{
  for (guint i = 0; modules != NULL && i < modules->len; i++)
    {
      BekalModule *module = g_ptr_array_index (modules, i);

      if (g_strcmp0 (bekal_module_get_id (module), module_id) == 0)
        return module;
    }

  return NULL;
}

gboolean
bekal_paper_write_gap_report (BekalStore            *store,
                              const char            *source_label,
                              const char            *path,
                              BekalPaperSectionFunc  extra_section,
                              gpointer               user_data,
                              GError               **error)
{
  return bekal_paper_write_gap_report_with_modules (store, NULL, source_label, path,
                                                    extra_section, user_data, error);
}

gboolean
bekal_paper_write_gap_report_with_modules (BekalStore            *store,
                                           GPtrArray             *modules_installed,
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
      BekalModule *module = find_module (modules_installed, module_id);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GPtrArray) months = NULL;
      double changes_height;
      g_autofree char *title = g_strdup_printf (_("Module %s"),
                                                module != NULL ? bekal_module_get_title (module)
                                                               : module_id);

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
      changes_height = bekal_chart_changes_height (&chart_style, changes->len, 560);
      chart_begin (&page, _("Mean score per topic"), 250);
      bekal_chart_draw_gap_with_module (page.cr, CHART_W, 250, &chart_style, rows, module_id,
                                        module);
      chart_end (&page, 250);
      chart_begin (&page, _("Each learner, pre-test → post-test"), changes_height);
      bekal_chart_draw_changes (page.cr, CHART_W, changes_height, &chart_style, changes);
      chart_end (&page, changes_height);
      chart_begin (&page, _("By month"), 190);
      bekal_chart_draw_trend (page.cr, CHART_W, 190, &chart_style, months);
      chart_end (&page, 190);
      table (&page, rows, module_id, module);
    }

  if (extra_section != NULL)
    {
      new_page (&page);
      /* the section continues the page numbers */
      cairo_set_user_data (page.cr, &page_key, &page, NULL);
      extra_section (page.cr, A4_W, A4_H, user_data);
      cairo_set_user_data (page.cr, &page_key, NULL, NULL);
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
