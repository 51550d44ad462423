/* bekal-text.h: immutable rich text (paragraphs, prompts, captions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BEKAL_SPAN_PLAIN    = 0,
  BEKAL_SPAN_EMPHASIS = 1 << 0,
  BEKAL_SPAN_STRONG   = 1 << 1,
  BEKAL_SPAN_TERM     = 1 << 2,
} BekalSpanStyle;

typedef struct
{
  BekalSpanStyle  style;
  char           *text;
  char           *term_ref; /* glossary entry id, or NULL */
} BekalSpan;

/* Options for bekal_text_to_pango_markup_full() */
typedef enum
{
  BEKAL_TEXT_MARKUP_DEFAULT    = 0,
  /* terms with a glossary entry become <a href="term:ENTRY-ID"> links */
  BEKAL_TEXT_MARKUP_TERM_LINKS = 1 << 0,
} BekalTextMarkupFlags;

#define BEKAL_TYPE_TEXT (bekal_text_get_type ())

typedef struct _BekalText BekalText;

GType            bekal_text_get_type         (void) G_GNUC_CONST;
BekalText       *bekal_text_new_plain        (const char      *text);
BekalText       *bekal_text_ref              (BekalText       *self);
void             bekal_text_unref            (BekalText       *self);
guint            bekal_text_get_n_spans      (const BekalText *self);
const BekalSpan *bekal_text_get_span         (const BekalText *self,
                                              guint            index);
const char      *bekal_text_get_plain        (const BekalText *self);
guint            bekal_text_count_words      (const BekalText *self);
char            *bekal_text_to_pango_markup  (const BekalText *self);
char            *bekal_text_to_pango_markup_full (const BekalText      *self,
                                                  BekalTextMarkupFlags  flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalText, bekal_text_unref)

G_END_DECLS
