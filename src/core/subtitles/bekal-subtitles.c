/* bekal-subtitles.c: reading subtitle files, and what the app and the checks ask of the cues
 *
 * The bytes are made into the text both readers expect (valid UTF-8, NUL as U+FFFD, LF line
 * ends, no byte order mark), then read as WebVTT (bekal-webvtt.c) or SubRip (bekal-subrip.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bekal-subtitles-private.h"

G_DEFINE_QUARK (bekal-subtitles-error-quark, bekal_subtitles_error)

/* Helpers */

/* Valid UTF-8 with NUL and invalid bytes as U+FFFD, and LF for CRLF and CR */
static char *
normalize_text (const char *data,
                gsize       length,
                gsize      *out_length)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  /* g_utf8_make_valid() turns each NUL and each invalid byte into U+FFFD */
  valid = g_utf8_make_valid (data, (gssize) length);

  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

static int
compare_cues (gconstpointer a,
              gconstpointer b)
{
  const BekalCue *cue_a = *(const BekalCue * const *) a;
  const BekalCue *cue_b = *(const BekalCue * const *) b;

  if (cue_a->start_ms != cue_b->start_ms)
    return cue_a->start_ms < cue_b->start_ms ? -1 : 1;
  /* in file order when they start together: g_ptr_array_sort() is not stable */
  return cue_a->line < cue_b->line ? -1 : cue_a->line > cue_b->line;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const BekalSubtitleProblem *problem_a = *(const BekalSubtitleProblem * const *) a;
  const BekalSubtitleProblem *problem_b = *(const BekalSubtitleProblem * const *) b;

  return problem_a->line < problem_b->line ? -1 : problem_a->line > problem_b->line;
}

static GPtrArray *
new_problem_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_subtitle_problem_free);
}

/* Characters of a cue's text a reader reads: line breaks do not count */
static guint
count_characters (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != '\n')
      n++;

  return n;
}

static char *
format_ms (gint64 ms)
{
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
                          ".%03" G_GINT64_FORMAT, ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                          ms % 1000);
}

/* Internal API */

BekalCue *
bekal_cue_new (void)
{
  return g_new0 (BekalCue, 1);
}

void
bekal_subtitle_problem_add (GPtrArray  *problems,
                            guint       line,
                            const char *format,
                            ...)
{
  BekalSubtitleProblem *problem;
  va_list args;

  if (problems == NULL)
    return;
  problem = g_new0 (BekalSubtitleProblem, 1);
  problem->line = line;
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

/* Public API */

void
bekal_cue_free (BekalCue *cue)
{
  if (cue == NULL)
    return;
  g_free (cue->id);
  g_free (cue->speaker);
  g_free (cue->text);
  g_clear_pointer (&cue->runs, g_array_unref);
  g_free (cue->settings);
  g_free (cue);
}

void
bekal_subtitle_problem_free (BekalSubtitleProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

void
bekal_subtitle_limits_init (BekalSubtitleLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_chars_per_second = 17;
  limits->max_line_length = 42;
  limits->max_lines = 2;
  limits->min_duration_ms = 833;
  limits->max_duration_ms = 7000;
  limits->min_gap_ms = 80;
}

GPtrArray *
bekal_subtitles_parse (const char            *data,
                       gsize                  length,
                       BekalSubtitlesFormat   format,
                       const char            *name,
                       GPtrArray            **problems,
                       GError               **error)
{
  g_autoptr(GPtrArray) cues = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_cue_free);
  g_autoptr(GPtrArray) found = new_problem_array ();
  g_autofree char *text = NULL;
  gsize text_length;
  guint n_skipped = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  text = normalize_text (data != NULL ? data : "", length, &text_length);
  if (format == BEKAL_SUBTITLES_FORMAT_GUESS)
    format = g_str_has_prefix (text, "WEBVTT") ? BEKAL_SUBTITLES_FORMAT_WEBVTT
                                                : BEKAL_SUBTITLES_FORMAT_SUBRIP;

  if (format == BEKAL_SUBTITLES_FORMAT_WEBVTT)
    {
      if (!bekal_webvtt_parse_text (text, text_length, cues, found, &n_skipped))
        {
          g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID,
                       _("“%s” is not a WebVTT file: its first line must be “WEBVTT”."), name);
          return NULL;
        }
      /* "WEBVTT" alone is a valid file without cues; text none of which can be read is a
       * file whose every timing line is wrong */
      if (cues->len == 0 && n_skipped > 0)
        {
          g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_EMPTY,
                       _("The subtitle file “%s” holds no cue that can be read. Check that every "
                         "cue has a time line such as “00:00:01.000 --> 00:00:04.000”."), name);
          return NULL;
        }
    }
  else
    {
      bekal_subrip_parse_text (text, text_length, cues, found, &n_skipped);
      if (cues->len == 0)
        {
          g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID,
                       _("“%s” is not a subtitle file that can be read (WebVTT or SubRip): no "
                         "cue has a time line such as “00:00:01,000 --> 00:00:04,000”."), name);
          return NULL;
        }
    }

  g_ptr_array_sort (cues, compare_cues);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return g_steal_pointer (&cues);
}

GPtrArray *
bekal_subtitles_load_full (const char  *path,
                           GPtrArray  **problems,
                           GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;
  BekalSubtitlesFormat format;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_basename (path);
  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_NOT_FOUND,
                   _("The subtitle file “%s” was not found."), display_name);
      return NULL;
    }
  if (info.st_size > BEKAL_SUBTITLES_MAX_FILE_SIZE)
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_TOO_LARGE,
                   _("The subtitle file “%s” is too large (%lld bytes) to be a subtitle file."),
                   display_name, (long long) info.st_size);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_NOT_FOUND,
                   _("The subtitle file “%s” cannot be read: %s"), display_name,
                   read_error->message);
      return NULL;
    }
  /* the file may have grown since it was measured */
  if (length > BEKAL_SUBTITLES_MAX_FILE_SIZE)
    {
      g_set_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_TOO_LARGE,
                   _("The subtitle file “%s” is too large (%lld bytes) to be a subtitle file."),
                   display_name, (long long) length);
      return NULL;
    }

  format = g_str_has_suffix (path, ".vtt") ? BEKAL_SUBTITLES_FORMAT_WEBVTT
         : g_str_has_suffix (path, ".srt") ? BEKAL_SUBTITLES_FORMAT_SUBRIP
         : BEKAL_SUBTITLES_FORMAT_GUESS;

  return bekal_subtitles_parse (contents, length, format, display_name, problems, error);
}

GPtrArray *
bekal_subtitles_load (const char  *path,
                      GError     **error)
{
  return bekal_subtitles_load_full (path, NULL, error);
}

GPtrArray *
bekal_subtitles_check_quality (GPtrArray                 *cues,
                               const BekalSubtitleLimits *limits,
                               gint64                     media_duration_ms)
{
  GPtrArray *problems = new_problem_array ();
  BekalSubtitleLimits defaults;
  const BekalCue *previous = NULL;

  g_return_val_if_fail (cues != NULL, problems);

  if (limits == NULL)
    {
      bekal_subtitle_limits_init (&defaults);
      limits = &defaults;
    }

  for (guint i = 0; i < cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (cues, i);
      gint64 duration = cue->end_ms - cue->start_ms;
      guint n_chars = count_characters (cue->text);
      g_auto(GStrv) lines = g_strsplit (cue->text, "\n", -1);
      guint n_lines = g_strv_length (lines);

      if (duration > 0 && n_chars * 1000.0 / duration > limits->max_chars_per_second)
        bekal_subtitle_problem_add (problems, cue->line,
                                    _("Reading speed %.2f characters a second is over %.0f: "
                                      "show the cue longer, or say it in fewer words."),
                                    n_chars * 1000.0 / duration, limits->max_chars_per_second);
      for (guint k = 0; k < n_lines; k++)
        if ((guint) g_utf8_strlen (lines[k], -1) > limits->max_line_length)
          {
            bekal_subtitle_problem_add (problems, cue->line,
                                        _("A line of %ld characters is longer than %u: break "
                                          "it in two."), g_utf8_strlen (lines[k], -1),
                                        limits->max_line_length);
            break;
          }
      if (n_lines > limits->max_lines)
        bekal_subtitle_problem_add (problems, cue->line,
                                    _("The cue has %u lines; at most %u fit under a picture: "
                                      "split it into two cues."), n_lines, limits->max_lines);
      if (duration < limits->min_duration_ms)
        bekal_subtitle_problem_add (problems, cue->line,
                                    _("The cue is shown for %" G_GINT64_FORMAT " ms, less than "
                                      "%" G_GINT64_FORMAT " ms: too short to be read."),
                                    duration, limits->min_duration_ms);
      else if (duration > limits->max_duration_ms)
        bekal_subtitle_problem_add (problems, cue->line,
                                    _("The cue is shown for %.1f s, more than %.0f s: split it "
                                      "into shorter cues."), duration / 1000.0,
                                    limits->max_duration_ms / 1000.0);

      if (previous != NULL)
        {
          if (cue->start_ms < previous->end_ms)
            bekal_subtitle_problem_add (problems, cue->line,
                                        _("The cue starts before the cue on line %u ends: two "
                                          "cues on screen at once overlap."), previous->line);
          else if (cue->start_ms > previous->end_ms
                   && cue->start_ms - previous->end_ms < limits->min_gap_ms)
            bekal_subtitle_problem_add (problems, cue->line,
                                        _("The gap after the previous cue is %" G_GINT64_FORMAT
                                          " ms, under two frames (%" G_GINT64_FORMAT " ms): "
                                          "close it or make it longer, so the change is seen."),
                                        cue->start_ms - previous->end_ms, limits->min_gap_ms);
        }
      if (media_duration_ms >= 0 && cue->start_ms >= media_duration_ms)
        {
          g_autofree char *end = format_ms (media_duration_ms);

          bekal_subtitle_problem_add (problems, cue->line,
                                      _("The cue starts after the media ends (%s): it is never "
                                        "shown."), end);
        }
      if (previous == NULL || cue->end_ms > previous->end_ms)
        previous = cue;
    }

  g_ptr_array_sort (problems, compare_problems);
  return problems;
}

int
bekal_subtitles_find_cue (GPtrArray *cues,
                          gint64     position_ms)
{
  int found = -1;

  g_return_val_if_fail (cues != NULL, -1);

  /* cues may overlap; the latest one that started wins, as on screen */
  for (guint i = 0; i < cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (cues, i);

      if (cue->start_ms > position_ms)
        break;
      if (position_ms < cue->end_ms)
        found = (int) i;
    }

  return found;
}

gint64
bekal_subtitles_get_end (GPtrArray *cues)
{
  gint64 end = 0;

  g_return_val_if_fail (cues != NULL, 0);

  for (guint i = 0; i < cues->len; i++)
    end = MAX (end, ((const BekalCue *) g_ptr_array_index (cues, i))->end_ms);

  return end;
}
