/* bekal-subtitles-private.h: what the WebVTT and SubRip readers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-subtitles.h>

G_BEGIN_DECLS

/* Both readers get text that is valid UTF-8, without NUL (each became U+FFFD), with every
 * CRLF and lone CR turned into LF, and without a byte order mark */

/* Adds the cues of a WebVTT file to @cues and what was skipped to @problems; returns FALSE
 * when the text does not start with the WebVTT signature */
gboolean bekal_webvtt_parse_text       (const char *text,
                                        gsize       length,
                                        GPtrArray  *cues,
                                        GPtrArray  *problems,
                                        guint      *n_skipped_blocks);

/* Reads a WebVTT timestamp ("00:01.500" or "01:00:01.500") at @text[*position]; moves
 * *position past it */
gboolean bekal_webvtt_parse_timestamp  (const char *text,
                                        gsize       length,
                                        gsize      *position,
                                        gint64     *milliseconds);

/* Adds the cues of a SubRip file */
void     bekal_subrip_parse_text       (const char *text,
                                        gsize       length,
                                        GPtrArray  *cues,
                                        GPtrArray  *problems,
                                        guint      *n_skipped_blocks);

/* Fills @cue's text, runs and speaker from its cue text, by the WebVTT cue text parsing rules */
void     bekal_cue_text_parse          (BekalCue   *cue,
                                        const char *text,
                                        gsize       length);

BekalCue *bekal_cue_new                (void);

void     bekal_subtitle_problem_add    (GPtrArray  *problems,
                                        guint       line,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
