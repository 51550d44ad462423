/* bekal-subtitles.h: subtitle files (WebVTT, SubRip), read as the W3C WebVTT specification says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Subtitle files larger than this are refused: a real one is a few hundred kilobytes, and
 * 100 000 cues of two lines, far more than any interview has, take about 10 MB */
#define BEKAL_SUBTITLES_MAX_FILE_SIZE (16 * 1024 * 1024)

#define BEKAL_SUBTITLES_ERROR (bekal_subtitles_error_quark ())

/**
 * BekalSubtitlesError:
 * @BEKAL_SUBTITLES_ERROR_NOT_FOUND: the file does not exist or cannot be read
 * @BEKAL_SUBTITLES_ERROR_INVALID: not a WebVTT or SubRip file
 * @BEKAL_SUBTITLES_ERROR_EMPTY: a subtitle file with text but not a single cue that can be read
 * @BEKAL_SUBTITLES_ERROR_TOO_LARGE: larger than %BEKAL_SUBTITLES_MAX_FILE_SIZE
 *
 * Why a subtitle file cannot be read at all.
 */
typedef enum
{
  BEKAL_SUBTITLES_ERROR_NOT_FOUND,
  BEKAL_SUBTITLES_ERROR_INVALID,
  BEKAL_SUBTITLES_ERROR_EMPTY,
  BEKAL_SUBTITLES_ERROR_TOO_LARGE,
} BekalSubtitlesError;

/**
 * BekalSubtitlesFormat:
 * @BEKAL_SUBTITLES_FORMAT_GUESS: WebVTT when the text starts with its signature, else SubRip
 * @BEKAL_SUBTITLES_FORMAT_WEBVTT: WebVTT
 * @BEKAL_SUBTITLES_FORMAT_SUBRIP: SubRip (.srt)
 */
typedef enum
{
  BEKAL_SUBTITLES_FORMAT_GUESS,
  BEKAL_SUBTITLES_FORMAT_WEBVTT,
  BEKAL_SUBTITLES_FORMAT_SUBRIP,
} BekalSubtitlesFormat;

/**
 * BekalCueStyle:
 * @BEKAL_CUE_STYLE_ITALIC: inside `<i>`
 * @BEKAL_CUE_STYLE_BOLD: inside `<b>`
 * @BEKAL_CUE_STYLE_UNDERLINE: inside `<u>`
 *
 * The text styles a run of cue text has.
 */
typedef enum
{
  BEKAL_CUE_STYLE_ITALIC    = 1 << 0,
  BEKAL_CUE_STYLE_BOLD      = 1 << 1,
  BEKAL_CUE_STYLE_UNDERLINE = 1 << 2,
} BekalCueStyle;

/**
 * BekalCueRun:
 * @start: byte offset of the run in the cue's text
 * @end: byte offset just after it
 * @style: its styles
 *
 * A run of a cue's plain text that has one or more styles; text outside every run is plain.
 */
typedef struct
{
  guint         start;
  guint         end;
  BekalCueStyle style;
} BekalCueRun;

/**
 * BekalCue:
 * @id: (nullable): the cue identifier, or %NULL
 * @start_ms: when it appears
 * @end_ms: when it disappears
 * @speaker: (nullable): the voice of its first voice span (`<v Rina>`), or %NULL
 * @text: its plain text: tags removed, character references decoded, lines separated by \n
 * @runs: (element-type BekalCueRun): the styled runs of @text, in order
 * @settings: (nullable): its cue settings as written after the end time (WebVTT), or %NULL
 * @line: the line of the file where its timing line is (1-based)
 *
 * One cue of a subtitle file.
 */
typedef struct
{
  char   *id;
  gint64  start_ms;
  gint64  end_ms;
  char   *speaker;
  char   *text;
  GArray *runs;
  char   *settings;
  guint   line;
} BekalCue;

/**
 * BekalSubtitleProblem:
 * @line: the line of the file it concerns (1-based), 0 for the whole file
 * @message: what is wrong, for the author, translated
 *
 * A cue that was skipped because it cannot be read, or (from bekal_subtitles_check_quality())
 * a finding about the quality of the subtitles.
 */
typedef struct
{
  guint  line;
  char  *message;
} BekalSubtitleProblem;

/**
 * BekalSubtitleLimits:
 * @max_chars_per_second: reading speed, characters a second (17)
 * @max_line_length: characters on one line (42)
 * @max_lines: lines in one cue (2)
 * @min_duration_ms: shortest cue (833: five sixths of a second)
 * @max_duration_ms: longest cue (7000)
 * @min_gap_ms: shortest gap between two cues that are not back to back (80: two frames at 25
 *   frames a second)
 *
 * The thresholds of bekal_subtitles_check_quality(), from subtitle editors' and broadcasters'
 * style guides; bekal_subtitle_limits_init() fills in those defaults.
 */
typedef struct
{
  double max_chars_per_second;
  guint  max_line_length;
  guint  max_lines;
  gint64 min_duration_ms;
  gint64 max_duration_ms;
  gint64 min_gap_ms;
} BekalSubtitleLimits;

/**
 * bekal_subtitles_error_quark:
 *
 * Returns: the quark of %BEKAL_SUBTITLES_ERROR
 */
GQuark     bekal_subtitles_error_quark   (void);

/**
 * bekal_cue_free:
 * @cue: (nullable) (transfer full): a cue
 *
 * Frees a cue and everything it holds. The free function of the arrays of cues that
 * bekal_subtitles_parse() and bekal_subtitles_load() return.
 */
void       bekal_cue_free                (BekalCue             *cue);

/**
 * bekal_subtitle_problem_free:
 * @problem: (nullable) (transfer full): a problem
 *
 * Frees a problem found by bekal_subtitles_check_quality().
 */
void       bekal_subtitle_problem_free   (BekalSubtitleProblem *problem);

/**
 * bekal_subtitle_limits_init:
 * @limits: (out caller-allocates): the limits to fill in
 *
 * Fills @limits with the defaults: 17 characters a second, lines of at most 42 characters,
 * at most 2 lines, a cue shown from 833 ms to 7 s, 80 ms between cues.
 */
void       bekal_subtitle_limits_init    (BekalSubtitleLimits  *limits);

/**
 * bekal_subtitles_load:
 * @path: a .vtt or .srt file
 * @error: return location for a #BekalSubtitlesError
 *
 * Reads a subtitle file, skipping the cues that cannot be read.
 *
 * Returns: (transfer full) (element-type BekalCue): the cues sorted by start time, or %NULL
 *   with @error set
 */
GPtrArray *bekal_subtitles_load          (const char  *path,
                                          GError     **error);

/**
 * bekal_subtitles_load_full:
 * @path: a .vtt or .srt file
 * @problems: (out) (optional) (transfer full) (element-type BekalSubtitleProblem): the cues
 *   that were skipped, and why
 * @error: return location for a #BekalSubtitlesError
 *
 * As bekal_subtitles_load(), telling what was skipped. The format is WebVTT for a .vtt file or
 * one that starts with the WebVTT signature, SubRip otherwise.
 *
 * Returns: (transfer full) (element-type BekalCue): the cues sorted by start time, or %NULL
 */
GPtrArray *bekal_subtitles_load_full     (const char  *path,
                                          GPtrArray  **problems,
                                          GError     **error);

/**
 * bekal_subtitles_parse:
 * @data: the file's bytes (any bytes: invalid UTF-8 is replaced)
 * @length: their length
 * @format: how to read them
 * @name: the file's name, for messages
 * @problems: (out) (optional) (transfer full) (element-type BekalSubtitleProblem): the cues
 *   that were skipped, and why
 * @error: return location for a #BekalSubtitlesError
 *
 * Reads subtitles from memory: WebVTT by the W3C file parsing and cue text parsing rules,
 * SubRip by the same cue text rules.
 *
 * Returns: (transfer full) (element-type BekalCue): the cues sorted by start time (an empty
 *   array for a WebVTT file that holds nothing but its header), or %NULL
 */
GPtrArray *bekal_subtitles_parse         (const char            *data,
                                          gsize                  length,
                                          BekalSubtitlesFormat   format,
                                          const char            *name,
                                          GPtrArray            **problems,
                                          GError               **error);

/**
 * bekal_subtitles_check_quality:
 * @cues: (element-type BekalCue): cues sorted by start time
 * @limits: (nullable): the thresholds, or %NULL for the defaults
 * @media_duration_ms: the length of the media they belong to, or -1 when unknown
 *
 * Checks reading speed, line length, the number of lines, cue durations, overlaps, gaps and
 * text after the end of the media.
 *
 * Returns: (transfer full) (element-type BekalSubtitleProblem): the findings, by line
 */
GPtrArray *bekal_subtitles_check_quality (GPtrArray                 *cues,
                                          const BekalSubtitleLimits *limits,
                                          gint64                     media_duration_ms);

/**
 * bekal_subtitles_find_cue:
 * @cues: (element-type BekalCue): cues sorted by start time
 * @position_ms: a time in the media
 *
 * Returns: the index of the cue shown at @position_ms, or -1 when none is
 */
int        bekal_subtitles_find_cue      (GPtrArray  *cues,
                                          gint64      position_ms);

/**
 * bekal_subtitles_get_end:
 * @cues: (element-type BekalCue): cues
 *
 * Returns: the end of the last cue, 0 for none
 */
gint64     bekal_subtitles_get_end       (GPtrArray  *cues);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalCue, bekal_cue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSubtitleProblem, bekal_subtitle_problem_free)

G_END_DECLS
