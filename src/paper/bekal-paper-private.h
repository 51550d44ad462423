/* bekal-paper-private.h: what the chart and PDF files of libbekal-paper share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-paper.h"

G_BEGIN_DECLS

/* Fonts Debian has: DejaVu Sans first (every glyph of Indonesian and the arrows), then
 * Cantarell */
#define BEKAL_PAPER_FONT "DejaVu Sans, Cantarell, Sans"

/* Draws @text with its top at @y; @align 0 left of @x, 0.5 centred on it, 1 right of it;
 * wraps in @max_width when it is above 0 */
void        _bekal_paper_text        (cairo_t    *cr,
                                      const char *text,
                                      double      x,
                                      double      y,
                                      double      size,
                                      gboolean    bold,
                                      double      max_width,
                                      double      align,
                                      double     *out_height);
/* The name of @topic_id in @module (the UI language's model), its id when @module is NULL
 * or has no such topic, "Whole module" for "" */
const char *_bekal_paper_topic_label (BekalModule *module,
                                      const char  *topic_id);

G_END_DECLS
