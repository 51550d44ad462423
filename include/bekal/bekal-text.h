/* bekal-text.h: immutable rich text (paragraphs, prompts, captions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BekalSpanStyle:
 * @BEKAL_SPAN_PLAIN: plain text
 * @BEKAL_SPAN_EMPHASIS: emphasised (`<em>`), shown in italics
 * @BEKAL_SPAN_STRONG: strong (`<strong>`), shown in bold
 * @BEKAL_SPAN_TERM: a glossary term (`<term>`)
 *
 * How a span of text is shown; the flags combine.
 */
typedef enum
{
  BEKAL_SPAN_PLAIN    = 0,
  BEKAL_SPAN_EMPHASIS = 1 << 0,
  BEKAL_SPAN_STRONG   = 1 << 1,
  BEKAL_SPAN_TERM     = 1 << 2,
} BekalSpanStyle;

/**
 * BekalSpan:
 * @style: how the span is shown
 * @text: the span's text, never empty
 * @term_ref: (nullable): for a term, the id of its glossary entry, or %NULL
 *
 * A run of text in one style.
 */
typedef struct
{
  BekalSpanStyle  style;
  char           *text;
  char           *term_ref; /* glossary entry id, or NULL */
} BekalSpan;

/**
 * BekalTextMarkupFlags:
 * @BEKAL_TEXT_MARKUP_DEFAULT: styles only
 * @BEKAL_TEXT_MARKUP_TERM_LINKS: terms with a glossary entry become
 *   `<a href="term:ENTRY-ID">` links
 *
 * Options for bekal_text_to_pango_markup_full().
 */
typedef enum
{
  BEKAL_TEXT_MARKUP_DEFAULT    = 0,
  /* terms with a glossary entry become <a href="term:ENTRY-ID"> links */
  BEKAL_TEXT_MARKUP_TERM_LINKS = 1 << 0,
} BekalTextMarkupFlags;

#define BEKAL_TYPE_TEXT (bekal_text_get_type ())

/**
 * BekalText:
 *
 * A piece of module text: a sequence of styled spans (see #BekalSpan) and its plain form.
 * Immutable once built, with an atomic reference count: it may be shared between threads.
 */
typedef struct _BekalText BekalText;

GType            bekal_text_get_type         (void) G_GNUC_CONST;

/**
 * bekal_text_new_plain:
 * @text: (nullable): the text, copied; %NULL for empty text
 *
 * Returns: (transfer full): a text of one plain span (none when @text is empty)
 */
BekalText       *bekal_text_new_plain        (const char      *text);

/**
 * bekal_text_ref:
 * @self: a #BekalText
 *
 * Returns: (transfer full): @self, with one more reference
 */
BekalText       *bekal_text_ref              (BekalText       *self);

/**
 * bekal_text_unref:
 * @self: (transfer full): a #BekalText
 *
 * Drops a reference; the last one frees the text.
 */
void             bekal_text_unref            (BekalText       *self);

/**
 * bekal_text_get_n_spans:
 * @self: a #BekalText
 *
 * Returns: the number of spans; empty spans are dropped, so an empty text has none
 */
guint            bekal_text_get_n_spans      (const BekalText *self);

/**
 * bekal_text_get_span:
 * @self: a #BekalText
 * @index: from 0 to bekal_text_get_n_spans() - 1
 *
 * Returns: (transfer none) (nullable): the span, or %NULL when @index is out of range
 */
const BekalSpan *bekal_text_get_span         (const BekalText *self,
                                              guint            index);

/**
 * bekal_text_get_plain:
 * @self: a #BekalText
 *
 * Returns: (transfer none): the text of every span joined, without styles; never %NULL
 */
const char      *bekal_text_get_plain        (const BekalText *self);

/**
 * bekal_text_count_words:
 * @self: a #BekalText
 *
 * Returns: the number of words: runs of characters that are not white space
 */
guint            bekal_text_count_words      (const BekalText *self);

/**
 * bekal_text_to_pango_markup:
 * @self: a #BekalText
 *
 * The text as Pango markup, as bekal_text_to_pango_markup_full() with
 * %BEKAL_TEXT_MARKUP_DEFAULT.
 *
 * Returns: (transfer full): the markup
 */
char            *bekal_text_to_pango_markup  (const BekalText *self);

/**
 * bekal_text_to_pango_markup_full:
 * @self: a #BekalText
 * @flags: options
 *
 * The text as Pango markup. Every piece of module text is escaped, so nothing a module says
 * can be taken as markup.
 *
 * Returns: (transfer full): the markup
 */
char            *bekal_text_to_pango_markup_full (const BekalText      *self,
                                                  BekalTextMarkupFlags  flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalText, bekal_text_unref)

G_END_DECLS
