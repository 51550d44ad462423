/* bekal-paper.h: charts drawn with cairo, and the PDFs (gap report, certificate)
 *
 * libbekal-paper is headless (cairo, Pango, libbekal; never GTK): the app draws the same charts
 * into a GtkSnapshot and bekal-author writes the same PDFs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include <bekal/bekal-model.h>
#include <bekal/bekal-report.h>
#include <bekal/bekal-store.h>

G_BEGIN_DECLS

/**
 * BekalChartStyle:
 * @dark: light text on a dark background
 * @font_scale: 1.0 for a screen, larger for paper read from afar
 * @use_colors: draw the text and background in @foreground and @background (a widget's style)
 *   instead of the built-in light or dark ones
 * @foreground: red, green, blue of the text, 0..1
 * @background: red, green, blue of the background, 0..1
 *
 * How a chart is drawn. Series differ by fill pattern and marker shape as well as colour.
 */
typedef struct
{
  gboolean dark;
  double   font_scale;
  gboolean use_colors;
  double   foreground[3];
  double   background[3];
} BekalChartStyle;

/**
 * bekal_chart_draw_gap:
 * @cr: where to draw
 * @width: width in user units
 * @height: height in user units
 * @style: the style
 * @rows: (element-type BekalGapRow): the gap report
 * @module_id: the module whose topics are drawn (all-time rows)
 *
 * Grouped bars per topic: untrained and trained, pre-test and post-test, each bar labelled
 * with its mean and n.
 */
void  bekal_chart_draw_gap              (cairo_t               *cr,
                                         double                 width,
                                         double                 height,
                                         const BekalChartStyle *style,
                                         GPtrArray             *rows,
                                         const char            *module_id);

/**
 * bekal_chart_draw_gap_with_module:
 * @cr: where to draw
 * @width: width in user units
 * @height: height in user units
 * @style: the style
 * @rows: (element-type BekalGapRow): the gap report
 * @module_id: the module whose topics are drawn (all-time rows)
 * @module: (nullable): the installed module @module_id, in the interface's language, for the
 *   topics' names; %NULL when it is not installed (the topics are then labelled by their ids)
 *
 * bekal_chart_draw_gap() with each topic labelled by its name.
 */
void  bekal_chart_draw_gap_with_module  (cairo_t               *cr,
                                         double                 width,
                                         double                 height,
                                         const BekalChartStyle *style,
                                         GPtrArray             *rows,
                                         const char            *module_id,
                                         BekalModule           *module);

/**
 * bekal_chart_draw_changes:
 * @cr: where to draw
 * @width: width
 * @height: height
 * @style: the style
 * @changes: (element-type BekalLearnerChange): the learners, as bekal_report_learner_changes()
 *   sorts them
 *
 * A dumbbell per learner (pre-test → post-test). Beyond what fits (one row needs about 22
 * units) the learners are shown as five bands of equal size, each with its mean pre and post.
 */
void  bekal_chart_draw_changes          (cairo_t               *cr,
                                         double                 width,
                                         double                 height,
                                         const BekalChartStyle *style,
                                         GPtrArray             *changes);

/**
 * bekal_chart_changes_height:
 * @style: the style
 * @n_changes: the number of learners
 * @max_height: the most room there is
 *
 * Returns: the height bekal_chart_draw_changes() needs for @n_changes learners: a row each
 *   when they fit in @max_height, else the five bands' rows
 */
double bekal_chart_changes_height       (const BekalChartStyle *style,
                                         guint                  n_changes,
                                         double                 max_height);

/**
 * bekal_chart_draw_trend:
 * @cr: where to draw
 * @width: width
 * @height: height
 * @style: the style
 * @months: (element-type BekalMonthTrend): the months
 *
 * Two lines (pre-test circles, post-test squares) of the mean per month, labelled with n.
 */
void  bekal_chart_draw_trend            (cairo_t               *cr,
                                         double                 width,
                                         double                 height,
                                         const BekalChartStyle *style,
                                         GPtrArray             *months);

/**
 * bekal_chart_dup_gap_summary:
 * @rows: (element-type BekalGapRow): the gap report
 * @module_id: the module
 *
 * The chart said in words, for screen readers (translated).
 *
 * Returns: (transfer full): the summary
 */
char *bekal_chart_dup_gap_summary       (GPtrArray             *rows,
                                         const char            *module_id);
/**
 * bekal_chart_dup_gap_summary_with_module:
 * @rows: (element-type BekalGapRow): the gap report
 * @module_id: the module
 * @module: (nullable): the installed module, for its title and its topics' names
 *
 * bekal_chart_dup_gap_summary() naming the module and its topics.
 *
 * Returns: (transfer full): the summary
 */
char *bekal_chart_dup_gap_summary_with_module (GPtrArray       *rows,
                                               const char      *module_id,
                                               BekalModule     *module);
/**
 * bekal_chart_dup_changes_summary:
 * @changes: (element-type BekalLearnerChange): the learners
 *
 * Returns: (transfer full): the dumbbell chart in words
 */
char *bekal_chart_dup_changes_summary   (GPtrArray             *changes);
/**
 * bekal_chart_dup_trend_summary:
 * @months: (element-type BekalMonthTrend): the months
 *
 * Returns: (transfer full): the trend chart in words
 */
char *bekal_chart_dup_trend_summary     (GPtrArray             *months);

/**
 * BekalPaperSectionFunc:
 * @cr: the PDF's cairo context, on a new page
 * @width: page width in points
 * @height: page height in points
 * @user_data: data
 *
 * Draws a section appended to a report (item analysis, later); may call cairo_show_page().
 */
typedef void (*BekalPaperSectionFunc) (cairo_t *cr,
                                       double   width,
                                       double   height,
                                       gpointer user_data);

/**
 * bekal_paper_write_gap_report:
 * @store: the store
 * @source_label: the data folder or sentra named on the title page
 * @path: the PDF file to write
 * @extra_section: (nullable) (scope call): a section appended at the end
 * @user_data: data for @extra_section
 * @error: return location for an error
 *
 * The gap report as an A4 PDF: title, date, source, then for every module its three charts
 * and its table.
 *
 * Returns: %TRUE when the file was written
 */
gboolean bekal_paper_write_gap_report   (BekalStore            *store,
                                         const char            *source_label,
                                         const char            *path,
                                         BekalPaperSectionFunc  extra_section,
                                         gpointer               user_data,
                                         GError               **error);

/**
 * bekal_paper_write_gap_report_with_modules:
 * @store: the store
 * @modules: (element-type BekalModule) (nullable): the installed modules, in the interface's
 *   language: the report names modules and topics by their titles and names; a module not
 *   among them by its id
 * @source_label: the data folder or sentra named on the title page
 * @path: the PDF file to write
 * @extra_section: (nullable) (scope call): a section appended at the end
 * @user_data: data for @extra_section
 * @error: return location for an error
 *
 * bekal_paper_write_gap_report() with the names of modules and topics.
 *
 * Returns: %TRUE when the file was written
 */
gboolean bekal_paper_write_gap_report_with_modules (BekalStore            *store,
                                                    GPtrArray             *modules,
                                                    const char            *source_label,
                                                    const char            *path,
                                                    BekalPaperSectionFunc  extra_section,
                                                    gpointer               user_data,
                                                    GError               **error);

/**
 * bekal_paper_item_analysis_section:
 * @cr: the PDF's cairo context, on a new page
 * @width: page width in points
 * @height: page height in points
 * @tests: (element-type BekalTestStats): the result of bekal_item_analysis_run()
 *
 * The item analysis as a section of a report (a #BekalPaperSectionFunc): per test its
 * figures (counted attempts, mean, SD, Cronbach's alpha or KR-20, standard error of
 * measurement), then per question its facility, SD, discrimination, efficiency, flags, how
 * often each option was chosen, and the hint of each flag. Pages follow on.
 */
void     bekal_paper_item_analysis_section (cairo_t   *cr,
                                            double     width,
                                            double     height,
                                            gpointer   tests);

/**
 * bekal_paper_write_item_analysis:
 * @tests: (element-type BekalTestStats): the result of bekal_item_analysis_run()
 * @source_label: the data folder or sentra named under the title
 * @path: the PDF file to write
 * @error: return location for an error
 *
 * The item analysis alone as an A4 PDF (see bekal_paper_item_analysis_section()).
 *
 * Returns: %TRUE when the file was written
 */
gboolean bekal_paper_write_item_analysis   (GPtrArray  *tests,
                                            const char *source_label,
                                            const char *path,
                                            GError    **error);

/**
 * bekal_paper_write_certificate:
 * @store: the store
 * @profile_id: the learner
 * @module_id: the module
 * @module_title: the module's title
 * @language: "id" or "en": the language of the certificate
 * @path: the PDF file to write
 * @error: return location for an error
 *
 * A certificate of completion (A4 landscape). Fails, writing nothing, when the learner has
 * not passed the module's counted post-test (see bekal_report_certificate_info()).
 *
 * Returns: %TRUE when the file was written
 */
gboolean bekal_paper_write_certificate  (BekalStore            *store,
                                         gint64                 profile_id,
                                         const char            *module_id,
                                         const char            *module_title,
                                         const char            *language,
                                         const char            *path,
                                         GError               **error);

G_END_DECLS
