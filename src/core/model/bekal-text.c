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

/* Seals the text: trims the outer white space, drops the spans left empty, and gives each
 * span its text; the plain form is the spans' texts one after another */
void
bekal_text_seal (BekalText *self)
{
  GString *building = self->building;
  guint n = self->spans->len;
  g_autofree gsize *lengths = g_new (gsize, n + 1);
  g_autofree gsize *starts = g_new (gsize, n + 1);
  gsize plain_len = 0;
  gsize offset = 0;
  guint kept = 0;
  char *out;

  g_return_if_fail (self->plain == NULL);

  for (guint i = 0; i < n; i++)
    {
      gsize end = i + 1 < n ? g_array_index (self->starts, gsize, i + 1) : building->len;

      starts[i] = g_array_index (self->starts, gsize, i);
      lengths[i] = end - starts[i];
    }

  /* as g_strchug() on the first span and g_strchomp() on the last */
  if (n > 0)
    {
      while (lengths[0] > 0 && g_ascii_isspace (building->str[starts[0]]))
        {
          starts[0]++;
          lengths[0]--;
        }
      while (lengths[n - 1] > 0
             && g_ascii_isspace (building->str[starts[n - 1] + lengths[n - 1] - 1]))
        lengths[n - 1]--;
    }

  /* the kept spans' texts moved to the front of the buffer, in order: that is the plain form */
  for (guint i = 0; i < n; i++)
    {
      if (lengths[i] == 0)
        {
          clear_span (&g_array_index (self->spans, BekalSpan, i));
          continue;
        }
      memmove (building->str + plain_len, building->str + starts[i], lengths[i]);
      g_array_index (self->spans, BekalSpan, kept) = g_array_index (self->spans, BekalSpan, i);
      lengths[kept] = lengths[i];
      plain_len += lengths[i];
      kept++;
    }
  /* the spans dropped were cleared above, so the array only forgets them */
  g_array_set_clear_func (self->spans, NULL);
  g_array_set_size (self->spans, kept);
  g_array_set_clear_func (self->spans, (GDestroyNotify) clear_span);

  g_string_truncate (building, plain_len);
  self->plain = g_string_free (building, FALSE);
  self->building = NULL;
  g_clear_pointer (&self->starts, g_array_unref);

  if (kept == 0)
    return;
  if (kept == 1)
    {
      g_array_index (self->spans, BekalSpan, 0).text = self->plain;
      return;
    }

  self->span_texts = out = g_malloc (plain_len + kept);
  for (guint i = 0; i < kept; i++)
    {
      BekalSpan *span = &g_array_index (self->spans, BekalSpan, i);

      memcpy (out, self->plain + offset, lengths[i]);
      out[lengths[i]] = '\0';
      span->text = out;
      out += lengths[i] + 1;
      offset += lengths[i];
    }
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
