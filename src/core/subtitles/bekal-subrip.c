/* bekal-subrip.c: SubRip (.srt) files
 *
 * SubRip has no specification; what editors write is blocks separated by blank lines: an
 * optional counter, a timing line "00:00:01,000 --> 00:00:04,000" (some write '.' for ','),
 * and the text, whose <i>, <b> and <u> tags and character references are read by the WebVTT
 * cue text rules (other tags such as <font> are dropped). A block without a readable timing
 * line is skipped and reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bekal-subtitles-private.h"

/* Helpers */

static gboolean
read_number (const char *text,
             gsize       length,
             gsize      *position,
             guint       min_digits,
             guint       max_digits,
             gint64     *value)
{
  guint count = 0;

  *value = 0;
  while (*position < length && g_ascii_isdigit (text[*position]) && count < max_digits)
    {
      *value = *value * 10 + (text[*position] - '0');
      (*position)++;
      count++;
    }

  return count >= min_digits;
}

/* "HH:MM:SS,mmm" (hours of one or more digits; ',' or '.') */
static gboolean
read_time (const char *text,
           gsize       length,
           gsize      *position,
           gint64     *milliseconds)
{
  gint64 hours, minutes, seconds, millis;

  if (!read_number (text, length, position, 1, 6, &hours)
      || *position >= length || text[(*position)++] != ':'
      || !read_number (text, length, position, 2, 2, &minutes)
      || *position >= length || text[(*position)++] != ':'
      || !read_number (text, length, position, 2, 2, &seconds)
      || *position >= length || (text[*position] != ',' && text[*position] != '.'))
    return FALSE;
  (*position)++;
  if (!read_number (text, length, position, 3, 3, &millis) || minutes > 59 || seconds > 59)
    return FALSE;

  *milliseconds = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return TRUE;
}

static gboolean
parse_timing_line (const char *line,
                   gsize       length,
                   BekalCue   *cue)
{
  gsize position = 0;

  while (position < length && (line[position] == ' ' || line[position] == '\t'))
    position++;
  if (!read_time (line, length, &position, &cue->start_ms))
    return FALSE;
  while (position < length && (line[position] == ' ' || line[position] == '\t'))
    position++;
  if (position + 3 > length || strncmp (line + position, "-->", 3) != 0)
    return FALSE;
  position += 3;
  while (position < length && (line[position] == ' ' || line[position] == '\t'))
    position++;

  /* anything after the end time (positions some tools write) is ignored */
  return read_time (line, length, &position, &cue->end_ms);
}

static gboolean
is_counter (const char *line,
            gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isdigit (line[i]))
    i++;
  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;

  return length > 0 && i == length && g_ascii_isdigit (line[0]);
}

/* Internal API */

void
bekal_subrip_parse_text (const char *text,
                         gsize       length,
                         GPtrArray  *cues,
                         GPtrArray  *problems,
                         guint      *n_skipped_blocks)
{
  gsize position = 0;
  guint line_number = 1;

  *n_skipped_blocks = 0;
  while (position < length)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(BekalCue) cue = NULL;
      g_autoptr(GString) body = NULL;
      guint first_line;
      guint timing = 0;

      /* skip blank lines (white space only), then take the block up to the next one */
      for (;;)
        {
          gsize end = position;

          while (end < length && (text[end] == ' ' || text[end] == '\t'))
            end++;
          if (end >= length)
            {
              position = end;
              break;
            }
          if (text[end] != '\n')
            break;
          position = end + 1;
          line_number++;
        }
      if (position >= length)
        break;
      first_line = line_number;
      while (position < length && text[position] != '\n')
        {
          const char *end = memchr (text + position, '\n', length - position);
          gsize line_length = end != NULL ? (gsize) (end - (text + position)) : length - position;
          gboolean blank = TRUE;

          for (gsize i = 0; i < line_length; i++)
            blank = blank && (text[position + i] == ' ' || text[position + i] == '\t');
          if (blank)
            break;
          g_ptr_array_add (lines, g_strndup (text + position, line_length));
          position += line_length;
          if (position < length)
            {
              position++;
              line_number++;
            }
        }

      cue = bekal_cue_new ();
      if (lines->len > 1 && is_counter (lines->pdata[0], strlen (lines->pdata[0])))
        {
          cue->id = g_strstrip (g_strdup (lines->pdata[0]));
          timing = 1;
        }
      if (lines->len == 0
          || !parse_timing_line (lines->pdata[timing], strlen (lines->pdata[timing]), cue))
        {
          g_autofree char *first = lines->len > 0 ? g_strdup (lines->pdata[timing]) : g_strdup ("");

          if (g_utf8_strlen (first, -1) > 60)
            *g_utf8_offset_to_pointer (first, 60) = '\0';
          bekal_subtitle_problem_add (problems, first_line + timing,
                                      _("The block “%s” was skipped: it has no timing line such "
                                        "as “00:00:01,000 --> 00:00:04,000”."), first);
          (*n_skipped_blocks)++;
          continue;
        }
      cue->line = first_line + timing;

      body = g_string_new (NULL);
      for (guint i = timing + 1; i < lines->len; i++)
        {
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, lines->pdata[i]);
        }
      bekal_cue_text_parse (cue, body->str, body->len);
      g_ptr_array_add (cues, g_steal_pointer (&cue));
    }
}
