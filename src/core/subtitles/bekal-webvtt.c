/* bekal-webvtt.c: the WebVTT file parsing algorithm of the W3C specification
 *
 * Follows "WebVTT: The Web Video Text Tracks Format", section "Parsing": the signature, the
 * header, blocks (cues, NOTE comments, STYLE and REGION blocks, which are skipped), cue timings
 * with their exact syntax and cue settings. A block that cannot be read is skipped and
 * reported; the file as a whole is read on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bekal-subtitles-private.h"

typedef struct
{
  const char *text;
  gsize       length;
  gsize       position;
  guint       line;      /* the line @position is on, 1-based */
  gboolean    seen_cue;
  GPtrArray  *cues;
  GPtrArray  *problems;
  guint       n_skipped;
} Parser;

/* Helpers */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static void
skip_spaces (const char *text,
             gsize       length,
             gsize      *position)
{
  while (*position < length && is_space (text[*position]))
    (*position)++;
}

/* Collects ASCII digits; returns their count and their value (saturated) */
static guint
collect_digits (const char *text,
                gsize       length,
                gsize      *position,
                gint64     *value)
{
  guint count = 0;

  *value = 0;
  while (*position < length && is_digit (text[*position]))
    {
      if (*value < G_MAXINT64 / 100)
        *value = *value * 10 + (text[*position] - '0');
      (*position)++;
      count++;
    }

  return count;
}

/* The line from @parser's position to the next LF (not included); moves past the LF */
static const char *
collect_line (Parser *parser,
              gsize  *line_length,
              gboolean *seen_eof)
{
  const char *start = parser->text + parser->position;
  const char *end = memchr (start, '\n', parser->length - parser->position);

  *line_length = end != NULL ? (gsize) (end - start) : parser->length - parser->position;
  parser->position += *line_length;
  if (parser->position >= parser->length)
    *seen_eof = TRUE;
  else
    {
      parser->position++;
      parser->line++;
    }

  return start;
}

static gboolean
line_has_arrow (const char *line,
                gsize       length)
{
  for (gsize i = 0; i + 2 < length; i++)
    if (line[i] == '-' && line[i + 1] == '-' && line[i + 2] == '>')
      return TRUE;

  return FALSE;
}

/* "STYLE", "REGION" or "NOTE" alone, or followed by a space, a tab or a line feed */
static gboolean
buffer_starts_block (const GString *buffer,
                     const char    *keyword)
{
  gsize n = strlen (keyword);

  return g_str_has_prefix (buffer->str, keyword)
         && (buffer->len == n || buffer->str[n] == ' ' || buffer->str[n] == '\t'
             || buffer->str[n] == '\n');
}

/* Keeps the settings the specification defines, when their values are valid, in the order
 * written (a later one of the same name wins, as in the specification): a setting it does not
 * know, or an invalid value, is dropped as its parser drops it */
static char *
parse_settings (const char *text,
                gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) words = g_strsplit_set (copy, " \t\f\r\n", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *colon = strchr (words[i], ':');
      g_autofree char *name = NULL;
      const char *value;
      gboolean valid = FALSE;

      if (colon == NULL || colon == words[i] || colon[1] == '\0')
        continue;
      name = g_strndup (words[i], colon - words[i]);
      value = colon + 1;

      if (g_str_equal (name, "vertical"))
        valid = g_str_equal (value, "rl") || g_str_equal (value, "lr");
      else if (g_str_equal (name, "align"))
        valid = g_strv_contains ((const char *[]) { "start", "center", "end", "left", "right",
                                                    NULL }, value);
      else if (g_str_equal (name, "line") || g_str_equal (name, "position")
               || g_str_equal (name, "size"))
        {
          /* a number (percentages for position and size), optionally ",alignment" */
          const char *p = value;
          gboolean digits = FALSE;

          if (g_str_equal (name, "line") && *p == '-')
            p++;
          while (is_digit (*p) || *p == '.')
            digits |= is_digit (*p++);
          valid = digits;
          if (*p == '%')
            p++;
          else if (!g_str_equal (name, "line"))
            valid = FALSE;
          if (*p == ',' && !g_str_equal (name, "size"))
            p = p + strlen (p);
          valid = valid && *p == '\0';
        }
      else if (g_str_equal (name, "region"))
        valid = TRUE;

      if (!valid)
        continue;
      if (kept->len > 0)
        g_string_append_c (kept, ' ');
      g_string_append (kept, words[i]);
    }

  return kept->len > 0 ? g_string_free (g_steal_pointer (&kept), FALSE) : NULL;
}

/* "Collect WebVTT cue timings and settings" */
static gboolean
parse_timings (const char *line,
               gsize       length,
               BekalCue   *cue,
               const char **problem)
{
  gsize position = 0;

  skip_spaces (line, length, &position);
  if (!bekal_webvtt_parse_timestamp (line, length, &position, &cue->start_ms))
    {
      *problem = N_("the start time is not a WebVTT time such as 00:01.000 or 00:00:01.000");
      return FALSE;
    }
  skip_spaces (line, length, &position);
  if (position + 3 > length || strncmp (line + position, "-->", 3) != 0)
    {
      *problem = N_("the start time is not followed by “-->”");
      return FALSE;
    }
  position += 3;
  skip_spaces (line, length, &position);
  if (!bekal_webvtt_parse_timestamp (line, length, &position, &cue->end_ms))
    {
      *problem = N_("the end time is not a WebVTT time such as 00:04.000 or 00:00:04.000");
      return FALSE;
    }
  cue->settings = parse_settings (line + position, length - position);

  return TRUE;
}

static void
skip_line_feeds (Parser *parser)
{
  while (parser->position < parser->length && parser->text[parser->position] == '\n')
    {
      parser->position++;
      parser->line++;
    }
}

/* "Collect a WebVTT block": returns a cue, or NULL for anything else */
static BekalCue *
collect_block (Parser   *parser,
               gboolean  in_header)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(BekalCue) cue = NULL;
  guint line_count = 0;
  gsize previous_position = parser->position;
  guint previous_line = parser->line;
  guint first_line = parser->line;
  gboolean seen_eof = FALSE;
  gboolean seen_arrow = FALSE;
  gboolean is_other_block = FALSE;
  gboolean bad_timing = FALSE;

  for (;;)
    {
      guint line_number = parser->line;
      gsize line_length;
      const char *line = collect_line (parser, &line_length, &seen_eof);

      line_count++;
      if (line_has_arrow (line, line_length))
        {
          if (!in_header && (line_count == 1 || (line_count == 2 && !seen_arrow)))
            {
              const char *problem = NULL;

              seen_arrow = TRUE;
              previous_position = parser->position;
              previous_line = parser->line;
              g_clear_pointer (&cue, bekal_cue_free);
              cue = bekal_cue_new ();
              cue->line = line_number;
              if (buffer->len > 0)
                cue->id = g_strdup (buffer->str);
              if (!parse_timings (line, line_length, cue, &problem))
                {
                  g_autofree char *shown = g_strndup (line, MIN (line_length, 80));

                  bekal_subtitle_problem_add (parser->problems, line_number,
                                              _("The cue “%s” was skipped: %s."), shown,
                                              _(problem));
                  g_clear_pointer (&cue, bekal_cue_free);
                  bad_timing = TRUE;
                }
              else
                {
                  g_string_truncate (buffer, 0);
                  parser->seen_cue = TRUE;
                }
            }
          else
            {
              /* a timing line inside a block starts the next block */
              parser->position = previous_position;
              parser->line = previous_line;
              break;
            }
        }
      else if (line_length == 0)
        break;
      else
        {
          if (!in_header && line_count == 2 && !parser->seen_cue
              && (buffer_starts_block (buffer, "STYLE") || buffer_starts_block (buffer, "REGION")))
            {
              /* a style sheet or a region definition: Bekal draws subtitles its own way */
              is_other_block = TRUE;
              g_string_truncate (buffer, 0);
            }
          if (buffer->len > 0)
            g_string_append_c (buffer, '\n');
          g_string_append_len (buffer, line, line_length);
          previous_position = parser->position;
          previous_line = parser->line;
        }
      if (seen_eof)
        break;
    }

  if (cue != NULL)
    {
      bekal_cue_text_parse (cue, buffer->str, buffer->len);
      return g_steal_pointer (&cue);
    }

  /* Not a cue: a comment, a style sheet, a region, the header, or text without a timing
   * line, which in a subtitle file is a cue whose timing line is missing */
  if (!in_header && !bad_timing && !is_other_block && buffer->len > 0
      && !buffer_starts_block (buffer, "NOTE"))
    {
      g_autofree char *first = g_strndup (buffer->str, strcspn (buffer->str, "\n"));

      if (g_utf8_strlen (first, -1) > 60)
        *g_utf8_offset_to_pointer (first, 60) = '\0';
      bekal_subtitle_problem_add (parser->problems, first_line,
                                  _("The text “%s” was skipped: it has no timing line such as "
                                    "“00:00:01.000 --> 00:00:04.000” above it."), first);
      parser->n_skipped++;
    }
  else if (bad_timing)
    parser->n_skipped++;

  return NULL;
}

/* Internal API */

gboolean
bekal_webvtt_parse_timestamp (const char *text,
                              gsize       length,
                              gsize      *position,
                              gint64     *milliseconds)
{
  gboolean hours_first = FALSE;
  gint64 value1, value2, value3, value4;
  guint count;

  if (*position >= length || !is_digit (text[*position]))
    return FALSE;
  count = collect_digits (text, length, position, &value1);
  if (count != 2 || value1 > 59)
    hours_first = TRUE;
  if (*position >= length || text[*position] != ':')
    return FALSE;
  (*position)++;
  if (collect_digits (text, length, position, &value2) != 2)
    return FALSE;
  if (hours_first || (*position < length && text[*position] == ':'))
    {
      if (*position >= length || text[*position] != ':')
        return FALSE;
      (*position)++;
      if (collect_digits (text, length, position, &value3) != 2)
        return FALSE;
    }
  else
    {
      value3 = value2;
      value2 = value1;
      value1 = 0;
    }
  if (*position >= length || text[*position] != '.')
    return FALSE;
  (*position)++;
  if (collect_digits (text, length, position, &value4) != 3)
    return FALSE;
  if (value2 > 59 || value3 > 59 || value1 > G_MAXINT64 / 3600001)
    return FALSE;

  *milliseconds = ((value1 * 60 + value2) * 60 + value3) * 1000 + value4;
  return TRUE;
}

gboolean
bekal_webvtt_parse_text (const char *text,
                         gsize       length,
                         GPtrArray  *cues,
                         GPtrArray  *problems,
                         guint      *n_skipped_blocks)
{
  Parser parser = { text, length, 0, 1, FALSE, cues, problems, 0 };
  gsize line_length;
  gboolean seen_eof = FALSE;

  /* the signature: "WEBVTT" alone, or followed by a space, a tab or a line feed */
  if (length < 6 || strncmp (text, "WEBVTT", 6) != 0
      || (length > 6 && text[6] != ' ' && text[6] != '\t' && text[6] != '\n'))
    return FALSE;

  collect_line (&parser, &line_length, &seen_eof);
  if (!seen_eof)
    {
      /* the header: lines up to the first blank line */
      if (parser.position < parser.length && text[parser.position] != '\n')
        collect_block (&parser, TRUE);
      skip_line_feeds (&parser);

      while (parser.position < parser.length)
        {
          BekalCue *cue = collect_block (&parser, FALSE);

          if (cue != NULL)
            g_ptr_array_add (cues, cue);
          skip_line_feeds (&parser);
        }
    }

  *n_skipped_blocks = parser.n_skipped;
  return TRUE;
}
