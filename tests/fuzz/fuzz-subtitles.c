/* fuzz-subtitles.c: libFuzzer harness for the subtitle readers
 *
 * Each input is read as WebVTT, as SubRip and by the guess of bekal_subtitles_parse(), and the
 * cues it gives are checked for quality, so that every path of both readers and of the cue
 * text parser is reached. Besides the sanitizers it checks the contract: a result or an error,
 * never both; cues sorted by start; runs inside their cue's text, in order; texts valid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bekal/bekal-subtitles.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_cues (GPtrArray *cues)
{
  gint64 previous_start = G_MININT64;

  for (guint i = 0; i < cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (cues, i);
      guint previous_end = 0;
      gsize length;

      if (cue->start_ms < previous_start || cue->text == NULL || cue->runs == NULL
          || !g_utf8_validate (cue->text, -1, NULL)
          || (cue->speaker != NULL && !g_utf8_validate (cue->speaker, -1, NULL)))
        abort ();
      previous_start = cue->start_ms;
      length = strlen (cue->text);
      for (guint k = 0; k < cue->runs->len; k++)
        {
          const BekalCueRun *run = &g_array_index (cue->runs, BekalCueRun, k);

          if (run->start < previous_end || run->end <= run->start || run->end > length
              || run->style == 0)
            abort ();
          previous_end = run->end;
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const BekalSubtitlesFormat formats[] = { BEKAL_SUBTITLES_FORMAT_WEBVTT,
                                                  BEKAL_SUBTITLES_FORMAT_SUBRIP,
                                                  BEKAL_SUBTITLES_FORMAT_GUESS };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cues = bekal_subtitles_parse ((const char *) data, size, formats[i],
                                                         "fuzz.vtt", &problems, &error);

      if ((cues == NULL) == (error == NULL))
        abort ();
      if (cues != NULL)
        {
          g_autoptr(GPtrArray) quality = bekal_subtitles_check_quality (cues, NULL, 30000);

          check_cues (cues);
          if (quality == NULL)
            abort ();
          for (guint k = 0; k < problems->len; k++)
            if (((BekalSubtitleProblem *) g_ptr_array_index (problems, k))->message == NULL)
              abort ();
        }
    }

  return 0;
}
