/* bekal-subtitles.h: subtitle files (WebVTT, SubRip) read through GStreamer's subparse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Subtitle files larger than this are refused: real ones are a few hundred kilobytes */
#define BEKAL_SUBTITLES_MAX_FILE_SIZE (8 * 1024 * 1024)

#define BEKAL_SUBTITLES_ERROR (bekal_subtitles_error_quark ())

typedef enum
{
  BEKAL_SUBTITLES_ERROR_NOT_FOUND, /* the file does not exist or cannot be read */
  BEKAL_SUBTITLES_ERROR_INVALID,   /* not a subtitle file GStreamer can read */
  BEKAL_SUBTITLES_ERROR_EMPTY,     /* a subtitle file without a single cue */
  BEKAL_SUBTITLES_ERROR_TOO_LARGE,
} BekalSubtitlesError;

typedef struct
{
  gint64  start_ms;
  gint64  end_ms;
  char   *text;     /* plain text; lines separated by \n */
} BekalCue;

GQuark     bekal_subtitles_error_quark (void);
void       bekal_cue_free              (BekalCue   *cue);

/* Reads a .vtt or .srt file. Returns a GPtrArray of BekalCue sorted by start time, or NULL
 * with @error set. Calls gst_init() when GStreamer is not initialised yet. */
GPtrArray *bekal_subtitles_load        (const char *path,
                                        GError    **error);

/* The index of the cue shown at @position_ms, or -1 when none is */
int        bekal_subtitles_find_cue    (GPtrArray  *cues,
                                        gint64      position_ms);

/* The end of the last cue, 0 for none */
gint64     bekal_subtitles_get_end     (GPtrArray  *cues);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalCue, bekal_cue_free)

G_END_DECLS
