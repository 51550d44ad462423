/* bekal-text.c: immutable rich text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bekal-text-private.h"

struct _BekalText
{
  GArray  *spans;        /* of BekalSpan */
  char    *plain;
  /* while building: every span's text, one after another, and where each starts (the spans'
   * text is NULL until sealed) */
  GString *building;
  GArray  *starts;       /* of gsize */
  /* once sealed: the spans' texts, each ended by a NUL; NULL when the one span's text is
   * @plain itself */
  char    *span_texts;
};

static void
clear_span (BekalSpan *span)
{
  g_free (span->term_ref);
}

static void
bekal_text_free (BekalText *self)
{
  g_array_unref (self->spans);
  g_free (self->plain);
  g_free (self->span_texts);
  if (self->building != NULL)
    g_string_free (self->building, TRUE);
  g_clear_pointer (&self->starts, g_array_unref);
}

G_DEFINE_BOXED_TYPE (BekalText, bekal_text, bekal_text_ref, bekal_text_unref)

BekalText *
bekal_text_new (void)
{
  BekalText *self = g_rc_box_new0 (BekalText);

  self->spans = g_array_new (FALSE, TRUE, sizeof (BekalSpan));
  g_array_set_clear_func (self->spans, (GDestroyNotify) clear_span);
  self->building = g_string_new (NULL);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));

  return self;
}

/* Appends text in a style, merging with the previous span when the style is the same. The
 * text is kept in one buffer until bekal_text_seal(), which gives each span its own. */
void
bekal_text_append (BekalText      *self,
                   BekalSpanStyle  style,
                   const char     *term_ref,
                   const char     *text,
                   gssize          len)
{
  BekalSpan span = { 0, };
  gsize start;

  g_return_if_fail (self->plain == NULL);

  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;

  start = self->building->len;
  g_string_append_len (self->building, text, len);

  if (self->spans->len > 0)
    {
      BekalSpan *last = &g_array_index (self->spans, BekalSpan, self->spans->len - 1);

      if (last->style == style && g_strcmp0 (last->term_ref, term_ref) == 0)
        return;
    }

  span.style = style;
  span.term_ref = g_strdup (term_ref);
  g_array_append_val (self->spans, span);
  g_array_append_val (self->starts, start);
}

/* Where span @index ends in the building buffer: where the next one starts */
static gsize
span_end (BekalText *self,
          guint      index)
{
  return index + 1 < self->starts->len ? g_array_index (self->starts, gsize, index + 1)
                                       : self->building->len;
}

static void
remove_span (BekalText *self,
             guint      index)
{
  g_array_remove_index (self->spans, index);
  g_array_remove_index (self->starts, index);
}

/* Seals the text: trims the white space at its two ends (as g_strchug() on the first span and
 * g_strchomp() on the last), drops a span that this leaves empty, and gives each span its
 * text. The spans lie one after another in the buffer, so the plain form is one piece of it. */
void
bekal_text_seal (BekalText *self)
{
  const char *str = self->building->str;
  gsize begin = 0;
  gsize end = self->building->len;
  guint n = self->spans->len;
  char *out;

  g_return_if_fail (self->plain == NULL);

  if (n > 0)
    {
      gsize first_end = span_end (self, 0);
      gsize last_start = g_array_index (self->starts, gsize, n - 1);

      while (begin < first_end && g_ascii_isspace (str[begin]))
        begin++;
      while (end > last_start && g_ascii_isspace (str[end - 1]))
        end--;

      /* only the first and the last span can be left empty: append() keeps no empty text */
      if (end == last_start)
        remove_span (self, --n);
      if (n > 0 && begin == first_end)
        {
          remove_span (self, 0);
          n--;
        }
      else if (n > 0)
        g_array_index (self->starts, gsize, 0) = begin;
    }
  if (n == 0)
    begin = end = 0;

  self->plain = g_strndup (str + begin, end - begin);
  g_string_free (g_steal_pointer (&self->building), TRUE);

  if (n == 1)
    g_array_index (self->spans, BekalSpan, 0).text = self->plain;
  else if (n > 1)
    {
      self->span_texts = out = g_malloc (end - begin + n);
      for (guint i = 0; i < n; i++)
        {
          gsize from = g_array_index (self->starts, gsize, i) - begin;
          gsize to = (i + 1 < n ? g_array_index (self->starts, gsize, i + 1) : end) - begin;

          memcpy (out, self->plain + from, to - from);
          out[to - from] = '\0';
          g_array_index (self->spans, BekalSpan, i).text = out;
          out += to - from + 1;
        }
    }

  g_clear_pointer (&self->starts, g_array_unref);
}

BekalText *
bekal_text_new_plain (const char *text)
{
  BekalText *self = bekal_text_new ();

  bekal_text_append (self, BEKAL_SPAN_PLAIN, NULL, text ? text : "", -1);
  bekal_text_seal (self);

  return self;
}

BekalText *
bekal_text_ref (BekalText *self)
{
  return g_rc_box_acquire (self);
}

void
bekal_text_unref (BekalText *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) bekal_text_free);
}

guint
bekal_text_get_n_spans (const BekalText *self)
{
  return self->spans->len;
}

const BekalSpan *
bekal_text_get_span (const BekalText *self,
                     guint            index)
{
  g_return_val_if_fail (index < self->spans->len, NULL);

  return &g_array_index (self->spans, BekalSpan, index);
}

const char *
bekal_text_get_plain (const BekalText *self)
{
  return self->plain ? self->plain : "";
}

guint
bekal_text_count_words (const BekalText *self)
{
  const char *p = bekal_text_get_plain (self);
  gboolean in_word = FALSE;
  guint n = 0;

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = !g_unichar_isspace (c);

      if (word_char && !in_word)
        n++;
      in_word = word_char;
    }

  return n;
}

/* Every piece of module text is escaped here, so that nothing a module says can be taken
 * as markup by Pango */
char *
bekal_text_to_pango_markup (const BekalText *self)
{
  return bekal_text_to_pango_markup_full (self, BEKAL_TEXT_MARKUP_DEFAULT);
}

char *
bekal_text_to_pango_markup_full (const BekalText      *self,
                                 BekalTextMarkupFlags  flags)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < self->spans->len; i++)
    {
      const BekalSpan *span = &g_array_index (self->spans, BekalSpan, i);
      g_autofree char *escaped = g_markup_escape_text (span->text, -1);
      gboolean link = (flags & BEKAL_TEXT_MARKUP_TERM_LINKS) != 0
                      && (span->style & BEKAL_SPAN_TERM) != 0
                      && span->term_ref != NULL;

      if (link)
        {
          g_autofree char *ref = g_markup_escape_text (span->term_ref, -1);

          g_string_append_printf (markup, "<a href=\"term:%s\">", ref);
        }
      else if (span->style & BEKAL_SPAN_TERM)
        g_string_append (markup, "<span underline=\"single\">");
      if (span->style & BEKAL_SPAN_STRONG)
        g_string_append (markup, "<b>");
      if (span->style & BEKAL_SPAN_EMPHASIS)
        g_string_append (markup, "<i>");
      g_string_append (markup, escaped);
      if (span->style & BEKAL_SPAN_EMPHASIS)
        g_string_append (markup, "</i>");
      if (span->style & BEKAL_SPAN_STRONG)
        g_string_append (markup, "</b>");
      if (link)
        g_string_append (markup, "</a>");
      else if (span->style & BEKAL_SPAN_TERM)
        g_string_append (markup, "</span>");
    }

  return g_string_free (markup, FALSE);
}
