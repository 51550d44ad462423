/* bekal-text.c: immutable rich text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-text-private.h"

struct _BekalText
{
  GArray *spans; /* of BekalSpan */
  char   *plain;
};

static void
clear_span (BekalSpan *span)
{
  g_free (span->text);
  g_free (span->term_ref);
}

static void
bekal_text_free (BekalText *self)
{
  g_array_unref (self->spans);
  g_free (self->plain);
}

G_DEFINE_BOXED_TYPE (BekalText, bekal_text, bekal_text_ref, bekal_text_unref)

BekalText *
bekal_text_new (void)
{
  BekalText *self = g_rc_box_new0 (BekalText);

  self->spans = g_array_new (FALSE, TRUE, sizeof (BekalSpan));
  g_array_set_clear_func (self->spans, (GDestroyNotify) clear_span);

  return self;
}

/* Appends text in a style, merging with the previous span when the style is the same */
void
bekal_text_append (BekalText      *self,
                   BekalSpanStyle  style,
                   const char     *term_ref,
                   const char     *text,
                   gssize          len)
{
  BekalSpan span = { 0, };

  g_return_if_fail (self->plain == NULL);

  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;

  if (self->spans->len > 0)
    {
      BekalSpan *last = &g_array_index (self->spans, BekalSpan, self->spans->len - 1);

      if (last->style == style && g_strcmp0 (last->term_ref, term_ref) == 0)
        {
          gsize old_len = strlen (last->text);

          last->text = g_realloc (last->text, old_len + len + 1);
          memcpy (last->text + old_len, text, len);
          last->text[old_len + len] = '\0';
          return;
        }
    }

  span.style = style;
  span.text = g_strndup (text, len);
  span.term_ref = g_strdup (term_ref);
  g_array_append_val (self->spans, span);
}

/* Seals the text: trims the outer whitespace and computes the plain form */
void
bekal_text_seal (BekalText *self)
{
  GString *plain = g_string_new (NULL);

  if (self->spans->len > 0)
    {
      BekalSpan *first = &g_array_index (self->spans, BekalSpan, 0);
      BekalSpan *last = &g_array_index (self->spans, BekalSpan, self->spans->len - 1);

      g_strchug (first->text);
      g_strchomp (last->text);
    }

  for (guint i = 0; i < self->spans->len;)
    {
      BekalSpan *span = &g_array_index (self->spans, BekalSpan, i);

      if (span->text[0] == '\0')
        {
          g_array_remove_index (self->spans, i);
          continue;
        }
      g_string_append (plain, span->text);
      i++;
    }

  self->plain = g_string_free (plain, FALSE);
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
