/* bekal-chart.c: the gap report's charts drawn with cairo and Pango, and said in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "bekal-paper-private.h"

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb background, text, grid, untrained, untrained_light, trained, trained_light;
} Palette;

/* Blue and orange stay apart for the common colour blindnesses; pre and post also differ in
 * lightness, the groups in hatching, so that a grey print reads too */
static const Palette light_palette = {
  { 1, 1, 1 }, { 0.1, 0.1, 0.1 }, { 0.8, 0.8, 0.8 },
  { 0.08, 0.32, 0.67 }, { 0.6, 0.75, 0.95 }, { 0.72, 0.3, 0.0 }, { 0.99, 0.78, 0.55 },
};
static const Palette dark_palette = {
  { 0.14, 0.14, 0.14 }, { 0.96, 0.96, 0.96 }, { 0.35, 0.35, 0.35 },
  { 0.45, 0.65, 1.0 }, { 0.16, 0.3, 0.55 }, { 1.0, 0.6, 0.25 }, { 0.5, 0.28, 0.08 },
};

/* The palette of @style; a widget's own text and background colours replace the built-in
 * ones, so that the chart matches the window's style (the grid is a mix of the two) */
static void
palette_for (const BekalChartStyle *style,
             Palette               *out)
{
  *out = style != NULL && style->dark ? dark_palette : light_palette;
  if (style == NULL || !style->use_colors)
    return;

  out->text = (Rgb) { style->foreground[0], style->foreground[1], style->foreground[2] };
  out->background = (Rgb) { style->background[0], style->background[1], style->background[2] };
  out->grid = (Rgb) {
    0.7 * out->background.r + 0.3 * out->text.r,
    0.7 * out->background.g + 0.3 * out->text.g,
    0.7 * out->background.b + 0.3 * out->text.b,
  };
}

static double
font_px (const BekalChartStyle *style,
         double                 size)
{
  return size * (style != NULL && style->font_scale > 0 ? style->font_scale : 1.0);
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

/* The layout of @text as _bekal_paper_text() draws it, wrapped to @max_width when over 0 */
static PangoLayout *
create_text_layout (cairo_t    *cr,
                    const char *text,
                    double      size,
                    gboolean    bold,
                    double      max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (BEKAL_PAPER_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);

  return layout;
}

void
_bekal_paper_text (cairo_t    *cr,
                   const char *text,
                   double      x,
                   double      y,
                   double      size,
                   gboolean    bold,
                   double      max_width,
                   double      align,
                   double     *out_height)
{
  g_autoptr(PangoLayout) layout = create_text_layout (cr, text, size, bold, max_width);
  int w, h;

  if (max_width > 0)
    pango_layout_set_alignment (layout, align > 0.75 ? PANGO_ALIGN_RIGHT
                                        : align > 0.25 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (max_width > 0)
    w = (int) max_width;
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  if (out_height != NULL)
    *out_height = h;
}

/* The size of @text as _bekal_paper_text() draws it; either pointer may be NULL */
static void
measure_text (cairo_t    *cr,
              const char *text,
              double      size,
              gboolean    bold,
              double      max_width,
              double     *width,
              double     *height)
{
  g_autoptr(PangoLayout) layout = create_text_layout (cr, text, size, bold, max_width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size)
{
  double width;

  measure_text (cr, text, size, FALSE, 0, &width, NULL);
  return width;
}

static void
hatch (cairo_t   *cr,
       double     x,
       double     y,
       double     w,
       double     h,
       const Rgb *rgb)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_rgb (cr, rgb);
  cairo_set_line_width (cr, 1.5);
  for (double d = -h; d < w; d += 7)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The swatch of a series: @hatched groups, @light pre-tests */
static void
draw_swatch (cairo_t       *cr,
             const Palette *p,
             gboolean       trained,
             gboolean       post,
             double         x,
             double         y,
             double         w,
             double         h)
{
  const Rgb *fill = trained ? (post ? &p->trained : &p->trained_light)
                            : (post ? &p->untrained : &p->untrained_light);

  set_rgb (cr, fill);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (!trained)
    hatch (cr, x, y, w, h, post ? &p->background : &p->untrained);
  set_rgb (cr, &p->text);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
  cairo_stroke (cr);
}

static char *
format_mean (double mean)
{
  return isnan (mean) ? g_strdup ("–") : g_strdup_printf ("%.0f", mean);
}

static void
draw_y_axis (cairo_t               *cr,
             const BekalChartStyle *style,
             const Palette         *p,
             double                 left,
             double                 right,
             double                 top,
             double                 bottom)
{
  double size = font_px (style, 13);

  cairo_set_line_width (cr, 1);
  for (int v = 0; v <= 100; v += 25)
    {
      double y = bottom - (bottom - top) * v / 100.0;
      char label[8];

      set_rgb (cr, &p->grid);
      cairo_move_to (cr, left, round (y) + 0.5);
      cairo_line_to (cr, right, round (y) + 0.5);
      cairo_stroke (cr);
      set_rgb (cr, &p->text);
      g_snprintf (label, sizeof label, "%d", v);
      _bekal_paper_text (cr, label, left - 6 - text_width (cr, label, size), y - size * 0.65,
                         size, FALSE, 0, 0, NULL);
    }
}

static void
draw_background (cairo_t       *cr,
                 const Palette *p,
                 double         width,
                 double         height)
{
  set_rgb (cr, &p->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

const char *
_bekal_paper_topic_label (BekalModule *module,
                          const char  *topic_id)
{
  const BekalTopic *topic;

  if (topic_id[0] == '\0')
    return _("Whole module");
  topic = module != NULL ? bekal_module_find_topic (module, topic_id) : NULL;

  return topic != NULL && topic->name != NULL && topic->name[0] != '\0' ? topic->name : topic_id;
}

/* A topic's name under its bars: at most two lines, ellipsized beyond */
static void
topic_text (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      size,
            double      max_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (BEKAL_PAPER_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_height (layout, -2);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x - max_width / 2, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

void
bekal_chart_draw_gap (cairo_t               *cr,
                      double                 width,
                      double                 height,
                      const BekalChartStyle *style,
                      GPtrArray             *rows,
                      const char            *module_id)
{
  bekal_chart_draw_gap_with_module (cr, width, height, style, rows, module_id, NULL);
}

void
bekal_chart_draw_gap_with_module (cairo_t               *cr,
                                  double                 width,
                                  double                 height,
                                  const BekalChartStyle *style,
                                  GPtrArray             *rows,
                                  const char            *module_id,
                                  BekalModule           *module)
{
  Palette palette;
  const Palette *p = &palette;
  double size = font_px (style, 14);
  double legend_h = size * 2.4, left = size * 3, right = width - 10;
  double top = legend_h + size * 3, bottom = height - size * 3.2;
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  const char *legend[4] = {
    _("Untrained, pre-test"), _("Untrained, post-test"),
    _("Trained, pre-test"), _("Trained, post-test"),
  };
  double x = left, group_w, bar_w, label_size;

  palette_for (style, &palette);
  cairo_save (cr);
  draw_background (cr, p, width, height);

  /* Legend in one row, wrapping to two when the chart is narrow */
  for (guint i = 0; i < 4; i++)
    {
      double w = size * 1.4 + 6 + text_width (cr, legend[i], size) + size;
      double y = size * 0.4;

      if (x + w > right && x > left)
        {
          x = left;
          legend_h += size * 1.6;
          top += size * 1.6;
        }
      y = legend_h - size * 2.0;
      draw_swatch (cr, p, i >= 2, i % 2 == 1, x, y, size * 1.4, size * 1.1);
      set_rgb (cr, &p->text);
      _bekal_paper_text (cr, legend[i], x + size * 1.4 + 6, y - size * 0.15, size, FALSE, 0, 0,
                         NULL);
      x += w;
    }

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->module_id, module_id) == 0 && row->month[0] == '\0')
        g_ptr_array_add (topics, row);
    }

  draw_y_axis (cr, style, p, left, right, top, bottom);
  if (topics->len == 0)
    {
      set_rgb (cr, &p->text);
      _bekal_paper_text (cr, _("No counted tests yet."), (left + right) / 2,
                         (top + bottom) / 2 - size, size, FALSE, 0, 0.5, NULL);
      cairo_restore (cr);
      return;
    }

  group_w = (right - left) / topics->len;
  bar_w = MIN (group_w * 0.8 / 4, size * 6);
  /* A bar's label ("55" over "n=3") fits its bar; never below 10 px */
  label_size = MAX (MIN (size, bar_w / 2.6), 10);

  for (guint t = 0; t < topics->len; t++)
    {
      BekalGapRow *row = g_ptr_array_index (topics, t);
      const BekalGapGroup *groups[2] = { &row->untrained, &row->trained };
      double gx = left + group_w * t + (group_w - bar_w * 4) / 2;

      for (guint b = 0; b < 4; b++)
        {
          const BekalGapGroup *g = groups[b / 2];
          double mean = b % 2 == 0 ? g->pre_mean : g->post_mean;
          guint n = b % 2 == 0 ? g->pre_n : g->post_n;
          double bx = gx + bar_w * b, bh = isnan (mean) ? 0 : (bottom - top) * mean / 100.0;
          g_autofree char *m = format_mean (mean);
          g_autofree char *label = g_strdup_printf ("%s\nn=%u", m, n);

          if (bh > 0)
            draw_swatch (cr, p, b >= 2, b % 2 == 1, bx + 1, bottom - bh, bar_w - 2, bh);
          set_rgb (cr, &p->text);
          _bekal_paper_text (cr, label, bx + bar_w / 2, bottom - bh - label_size * 2.5,
                             label_size, b % 2 == 1, bar_w + 4, 0.5, NULL);
        }

      set_rgb (cr, &p->text);
      topic_text (cr, _bekal_paper_topic_label (module, row->topic_id),
                  left + group_w * t + group_w / 2, bottom + size * 0.4, size, group_w - 6);
    }

  cairo_restore (cr);
}

static void
draw_marker (cairo_t   *cr,
             gboolean   square,
             double     x,
             double     y,
             double     r,
             const Rgb *fill,
             const Rgb *line)
{
  /* a text or line just drawn leaves a current point: never join it to the marker */
  cairo_new_path (cr);
  if (square)
    cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
  else
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_rgb (cr, fill);
  cairo_fill_preserve (cr);
  set_rgb (cr, line);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

typedef struct
{
  char   *label;
  double  pre, post;
} Dumbbell;

static void
dumbbell_clear (Dumbbell *d)
{
  g_free (d->label);
}

/* The changes chart's rows start below its legend and scale; its margin at the bottom */
#define CHANGES_BOTTOM 6.0
#define CHANGES_BANDS 5

static double
changes_row_height (const BekalChartStyle *style)
{
  return font_px (style, 14) * 1.6 + 2;
}

static double
changes_top (const BekalChartStyle *style)
{
  return font_px (style, 14) * 4.2;
}

void
bekal_chart_draw_changes (cairo_t               *cr,
                          double                 width,
                          double                 height,
                          const BekalChartStyle *style,
                          GPtrArray             *changes)
{
  Palette palette;
  const Palette *p = &palette;
  double size = font_px (style, 14), row_h = changes_row_height (style);
  double name_w = MIN (width * 0.28, size * 14), value_w = text_width (cr, "100 → 100", size) + 8;
  double left = name_w + 12, right = width - value_w - 8 - size * 0.6;
  double top = changes_top (style), bottom = height - CHANGES_BOTTOM;
  guint max_rows = (guint) MAX (1, floor ((bottom - top) / row_h));
  g_autoptr(GArray) bells = g_array_new (FALSE, TRUE, sizeof (Dumbbell));
  guint n_complete = 0;

  g_array_set_clear_func (bells, (GDestroyNotify) dumbbell_clear);
  palette_for (style, &palette);
  cairo_save (cr);
  draw_background (cr, p, width, height);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      BekalLearnerChange *c = g_ptr_array_index (changes, i);

      if (!isnan (c->pre) && !isnan (c->post))
        n_complete++;
    }

  if (changes != NULL && changes->len <= max_rows)
    {
      for (guint i = 0; i < changes->len; i++)
        {
          BekalLearnerChange *c = g_ptr_array_index (changes, i);
          Dumbbell d = { g_strdup (c->name), c->pre, c->post };

          g_array_append_val (bells, d);
        }
    }
  else if (n_complete > 0)
    {
      /* Too many learners for a row each: five bands of equal size along the sorted change */
      guint n_bands = MIN (CHANGES_BANDS, n_complete);

      for (guint band = 0; band < n_bands; band++)
        {
          guint from = n_complete * band / n_bands, to = n_complete * (band + 1) / n_bands;
          double pre = 0, post = 0;
          Dumbbell d;

          for (guint i = from; i < to; i++)
            {
              BekalLearnerChange *c = g_ptr_array_index (changes, i);

              pre += c->pre;
              post += c->post;
            }
          d.pre = pre / (to - from);
          d.post = post / (to - from);
          d.label = g_strdup_printf (_("Group %u (n=%u)"), band + 1, to - from);
          g_array_append_val (bells, d);
        }
    }

  set_rgb (cr, &p->text);
  draw_marker (cr, FALSE, 10 + size * 0.5, size * 1.0, size * 0.4, &p->background, &p->text);
  _bekal_paper_text (cr, _("Pre-test"), 10 + size * 1.3, size * 0.3, size, FALSE, 0, 0, NULL);
  draw_marker (cr, TRUE, 10 + size * 8.5, size * 1.0, size * 0.4, &p->untrained, &p->text);
  _bekal_paper_text (cr, _("Post-test"), 10 + size * 9.3, size * 0.3, size, FALSE, 0, 0, NULL);
  if (changes != NULL && changes->len > max_rows && n_complete > 0)
    _bekal_paper_text (cr, _("Learners grouped by their change, smallest first"),
                       10 + size * 17, size * 0.3, size, FALSE, 0, 0, NULL);

  /* Scale along the top */
  cairo_set_line_width (cr, 1);
  for (int v = 0; v <= 100; v += 25)
    {
      double x = left + (right - left) * v / 100.0;
      char label[8];

      set_rgb (cr, &p->grid);
      cairo_move_to (cr, round (x) + 0.5, top - 4);
      cairo_line_to (cr, round (x) + 0.5, MIN (bottom, top + row_h * MAX (bells->len, 1)));
      cairo_stroke (cr);
      set_rgb (cr, &p->text);
      g_snprintf (label, sizeof label, "%d", v);
      _bekal_paper_text (cr, label, x, top - size * 1.7, size, FALSE, 0, 0.5, NULL);
    }

  if (bells->len == 0)
    _bekal_paper_text (cr, _("No counted tests yet."), (left + right) / 2, top + size, size,
                       FALSE, 0, 0.5, NULL);

  for (guint i = 0; i < bells->len; i++)
    {
      Dumbbell *d = &g_array_index (bells, Dumbbell, i);
      double y = top + row_h * i + row_h / 2;
      double x_pre = left + (right - left) * (isnan (d->pre) ? 0 : d->pre) / 100.0;
      double x_post = left + (right - left) * (isnan (d->post) ? 0 : d->post) / 100.0;
      g_autofree char *pre = format_mean (d->pre);
      g_autofree char *post = format_mean (d->post);
      g_autofree char *values = g_strdup_printf ("%s → %s", pre, post);

      set_rgb (cr, &p->text);
      {
        g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
        PangoFontDescription *font = pango_font_description_from_string (BEKAL_PAPER_FONT);

        pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
        pango_layout_set_font_description (layout, font);
        pango_font_description_free (font);
        pango_layout_set_width (layout, (int) (name_w * PANGO_SCALE));
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_text (layout, d->label, -1);
        cairo_move_to (cr, 6, y - size * 0.65);
        pango_cairo_show_layout (cr, layout);
      }
      _bekal_paper_text (cr, values, width - value_w, y - size * 0.65, size, FALSE, 0, 0, NULL);

      if (!isnan (d->pre) && !isnan (d->post))
        {
          set_rgb (cr, &p->text);
          cairo_set_line_width (cr, 3);
          cairo_move_to (cr, x_pre, y);
          cairo_line_to (cr, x_post, y);
          cairo_stroke (cr);
        }
      if (!isnan (d->pre))
        draw_marker (cr, FALSE, x_pre, y, size * 0.4, &p->background, &p->text);
      if (!isnan (d->post))
        draw_marker (cr, TRUE, x_post, y, size * 0.4, &p->untrained, &p->text);
    }

  cairo_restore (cr);
}

double
bekal_chart_changes_height (const BekalChartStyle *style,
                            guint                  n_changes,
                            double                 max_height)
{
  double row_h = changes_row_height (style);
  double fixed = changes_top (style) + CHANGES_BOTTOM;

  /* room for one row more than needed, since the rows that fit are counted down */
  if (fixed + (MAX (n_changes, 1) + 0.5) * row_h <= max_height)
    return fixed + (MAX (n_changes, 1) + 0.5) * row_h;
  return MIN (max_height, fixed + (CHANGES_BANDS + 0.5) * row_h);
}

/* The words under a month's point: "70 (n=12)", or on two lines when months are narrow */
static char *
trend_value_label (double   mean,
                   guint    count,
                   gboolean two_lines)
{
  return g_strdup_printf (two_lines ? "%.0f\nn=%u" : "%.0f (n=%u)", mean, count);
}

/* "2026-03", or "03" over "2026" when months are narrow */
static char *
trend_month_label (const char *month,
                   gboolean    two_lines)
{
  const char *dash = strchr (month, '-');

  if (!two_lines || dash == NULL)
    return g_strdup (month);
  return g_strdup_printf ("%s\n%.*s", dash + 1, (int) (dash - month), month);
}

/* Whether every label of @months fits @slot at @lsize */
static gboolean
trend_labels_fit (cairo_t   *cr,
                  GPtrArray *months,
                  gboolean   two_lines,
                  double     lsize,
                  double     slot)
{
  for (guint i = 0; i < months->len; i++)
    {
      BekalMonthTrend *m = g_ptr_array_index (months, i);
      g_autofree char *pre = trend_value_label (m->pre_mean, m->pre_n, two_lines);
      g_autofree char *post = trend_value_label (m->post_mean, m->post_n, two_lines);
      g_autofree char *month = trend_month_label (m->month, two_lines);
      double post_width;

      /* post labels are bold */
      measure_text (cr, post, lsize, TRUE, 0, &post_width, NULL);
      if (text_width (cr, pre, lsize) > slot || text_width (cr, month, lsize) > slot
          || post_width > slot)
        return FALSE;
    }

  return TRUE;
}

void
bekal_chart_draw_trend (cairo_t               *cr,
                        double                 width,
                        double                 height,
                        const BekalChartStyle *style,
                        GPtrArray             *months)
{
  Palette palette;
  const Palette *p = &palette;
  double size = font_px (style, 14);
  double left = size * 3, right = width - size * 2, top = size * 4, bottom = height - size * 2.4;
  guint n = months != NULL ? months->len : 0;
  /* the width of one month, less a gap between neighbours */
  double slot = n > 0 ? (right - left) / n * 0.92 : 0;
  double lsize = MAX (MIN (size, slot / 5), 10);
  gboolean two_lines = FALSE;

  /* labels that do not fit their month go on two lines, then get smaller, never below 7 */
  if (n > 0 && !trend_labels_fit (cr, months, FALSE, lsize, slot))
    {
      two_lines = TRUE;
      while (lsize > 7 && !trend_labels_fit (cr, months, TRUE, lsize, slot))
        lsize -= 0.5;
      /* room for the second line of the labels above the highest points and under the axis */
      top += lsize * 1.2;
      bottom -= lsize * 1.2;
    }

  palette_for (style, &palette);
  cairo_save (cr);
  draw_background (cr, p, width, height);

  draw_marker (cr, FALSE, 10 + size * 0.5, size * 1.0, size * 0.4, &p->background, &p->text);
  set_rgb (cr, &p->text);
  _bekal_paper_text (cr, _("Pre-test (dashed)"), 10 + size * 1.3, size * 0.3, size, FALSE, 0,
                     0, NULL);
  draw_marker (cr, TRUE, 10 + size * 13, size * 1.0, size * 0.4, &p->untrained, &p->text);
  set_rgb (cr, &p->text);
  _bekal_paper_text (cr, _("Post-test (solid)"), 10 + size * 13.8, size * 0.3, size, FALSE, 0,
                     0, NULL);
  draw_y_axis (cr, style, p, left, right, top, bottom);

  if (n == 0)
    {
      set_rgb (cr, &p->text);
      _bekal_paper_text (cr, _("No counted tests yet."), (left + right) / 2,
                         (top + bottom) / 2 - size, size, FALSE, 0, 0.5, NULL);
      cairo_restore (cr);
      return;
    }

  for (guint series = 0; series < 2; series++)
    {
      gboolean post = series == 1, started = FALSE;
      const double dash[] = { 8, 5 };

      set_rgb (cr, post ? &p->untrained : &p->text);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dash, post ? 0 : 2, 0);
      for (guint i = 0; i < n; i++)
        {
          BekalMonthTrend *m = g_ptr_array_index (months, i);
          double mean = post ? m->post_mean : m->pre_mean;
          double x = left + (right - left) * (i + 0.5) / n;

          if (isnan (mean))
            continue;
          if (started)
            cairo_line_to (cr, x, bottom - (bottom - top) * mean / 100.0);
          else
            cairo_move_to (cr, x, bottom - (bottom - top) * mean / 100.0);
          started = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      for (guint i = 0; i < n; i++)
        {
          BekalMonthTrend *m = g_ptr_array_index (months, i);
          double mean = post ? m->post_mean : m->pre_mean;
          guint count = post ? m->post_n : m->pre_n;
          double x = left + (right - left) * (i + 0.5) / n;
          double y = bottom - (bottom - top) * (isnan (mean) ? 0 : mean) / 100.0;
          g_autofree char *label = NULL;

          if (isnan (mean))
            continue;
          draw_marker (cr, post, x, y, size * 0.4, post ? &p->untrained : &p->background,
                       &p->text);
          label = trend_value_label (mean, count, two_lines);
          set_rgb (cr, &p->text);
          /* post labels above their point, pre labels below, so that close lines stay legible */
          if (post)
            {
              double label_height;

              measure_text (cr, label, lsize, TRUE, slot, NULL, &label_height);
              _bekal_paper_text (cr, label, x, y - lsize * 0.7 - label_height, lsize, TRUE, slot,
                                 0.5, NULL);
            }
          else
            _bekal_paper_text (cr, label, x, y + lsize * 0.6, lsize, FALSE, slot, 0.5, NULL);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      BekalMonthTrend *m = g_ptr_array_index (months, i);
      g_autofree char *label = trend_month_label (m->month, two_lines);

      set_rgb (cr, &p->text);
      _bekal_paper_text (cr, label, left + (right - left) * (i + 0.5) / n, bottom + size * 0.5,
                         lsize, FALSE, slot, 0.5, NULL);
    }

  cairo_restore (cr);
}

static void
append_mean (GString    *text,
             const char *what,
             double      mean,
             guint       n)
{
  if (isnan (mean))
    g_string_append_printf (text, _("%s: no result. "), what);
  else
    g_string_append_printf (text, _("%s: mean %.0f of 100, %u learners. "), what, mean, n);
}

char *
bekal_chart_dup_gap_summary (GPtrArray  *rows,
                             const char *module_id)
{
  return bekal_chart_dup_gap_summary_with_module (rows, module_id, NULL);
}

char *
bekal_chart_dup_gap_summary_with_module (GPtrArray   *rows,
                                         const char  *module_id,
                                         BekalModule *module)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Bar chart of the mean scores per topic of module %s."),
                          module != NULL ? bekal_module_get_title (module) : module_id);
  g_string_append_c (text, ' ');
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->module_id, module_id) != 0 || row->month[0] != '\0')
        continue;
      g_string_append_printf (text, "%s. ", _bekal_paper_topic_label (module, row->topic_id));
      append_mean (text, _("Untrained, pre-test"), row->untrained.pre_mean, row->untrained.pre_n);
      append_mean (text, _("Untrained, post-test"), row->untrained.post_mean,
                   row->untrained.post_n);
      append_mean (text, _("Trained, pre-test"), row->trained.pre_mean, row->trained.pre_n);
      append_mean (text, _("Trained, post-test"), row->trained.post_mean, row->trained.post_n);
    }

  return g_strchomp (g_string_free (text, FALSE));
}

char *
bekal_chart_dup_changes_summary (GPtrArray *changes)
{
  GString *text = g_string_new (_("Each learner's pre-test and post-test score."));
  guint up = 0, down = 0, same = 0, incomplete = 0;

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      BekalLearnerChange *c = g_ptr_array_index (changes, i);

      if (isnan (c->pre) || isnan (c->post))
        incomplete++;
      else if (c->post - c->pre > 0.5)
        up++;
      else if (c->pre - c->post > 0.5)
        down++;
      else
        same++;
    }

  g_string_append_c (text, ' ');
  g_string_append_printf (text, _("%u improved, %u stayed the same, %u went down; %u have only "
                                  "one of the two tests."), up, same, down, incomplete);
  for (guint i = 0; changes != NULL && i < changes->len && i < 50; i++)
    {
      BekalLearnerChange *c = g_ptr_array_index (changes, i);
      g_autofree char *pre = format_mean (c->pre);
      g_autofree char *post = format_mean (c->post);

      g_string_append_printf (text, " %s: %s → %s.", c->name, pre, post);
    }

  return g_string_free (text, FALSE);
}

char *
bekal_chart_dup_trend_summary (GPtrArray *months)
{
  GString *text = g_string_new (_("Line chart of the mean scores per month."));

  for (guint i = 0; months != NULL && i < months->len; i++)
    {
      BekalMonthTrend *m = g_ptr_array_index (months, i);

      g_string_append_printf (text, " %s. ", m->month);
      append_mean (text, _("Pre-test"), m->pre_mean, m->pre_n);
      append_mean (text, _("Post-test"), m->post_mean, m->post_n);
    }

  return g_string_free (text, FALSE);
}
