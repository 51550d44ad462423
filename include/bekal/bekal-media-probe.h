/* bekal-media-probe.h: checks that media files play with the installed GStreamer plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <gst/gst.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/**
 * BEKAL_MEDIA_PROBE_TIMEOUT_SECONDS:
 *
 * How long one file may take to be probed, unless bekal_media_probe_set_timeout() says
 * otherwise.
 */
#define BEKAL_MEDIA_PROBE_TIMEOUT_SECONDS 10

/**
 * BekalMediaInfo:
 * @path: the file probed
 * @duration_ms: its duration in milliseconds, -1 when unknown
 * @has_video: whether it has a video stream
 * @has_audio: whether it has an audio stream
 * @missing_descriptions: (nullable) (array zero-terminated=1): when the file cannot be played
 *   for want of a plugin: what is missing
 * @missing_packages: (nullable) (array zero-terminated=1): the Debian packages that bring
 *   what is missing (`""` where no package is known), as long as @missing_descriptions
 * @error: (nullable): why the file cannot be read at all, or %NULL
 *
 * What bekal_media_probe_file() found out about a file. Owned by the probe.
 */
typedef struct
{
  char      *path;
  gint64     duration_ms;     /* -1 when unknown */
  gboolean   has_video;
  gboolean   has_audio;
  /* when the file cannot be played: what is missing and the Debian packages that bring it
   * ("" where no package is known); both arrays have the same length, or are NULL */
  GStrv      missing_descriptions;
  GStrv      missing_packages;
  GError    *error;           /* the file cannot be read at all, or NULL */
} BekalMediaInfo;

#define BEKAL_TYPE_MEDIA_PROBE (bekal_media_probe_get_type ())

/**
 * BekalMediaProbe:
 *
 * Checks that media files play with the installed GStreamer plugins, and remembers what it
 * found for each file. Probing blocks (up to the timeout per file): run it in a worker
 * thread, and use a probe from one thread at a time.
 */
G_DECLARE_FINAL_TYPE (BekalMediaProbe, bekal_media_probe, BEKAL, MEDIA_PROBE, GObject)

/**
 * bekal_media_probe_new:
 *
 * Returns: (transfer full): a new probe, with the timeout
 *   %BEKAL_MEDIA_PROBE_TIMEOUT_SECONDS
 */
BekalMediaProbe      *bekal_media_probe_new          (void);

/**
 * bekal_media_probe_set_timeout:
 * @self: a #BekalMediaProbe
 * @seconds: how long one file may take; clamped to 1 to 3600 seconds
 *
 * Sets how long probing one file may take before it counts as failed.
 */
void                  bekal_media_probe_set_timeout  (BekalMediaProbe *self,
                                                      guint            seconds);
/**
 * bekal_media_probe_file:
 * @self: a #BekalMediaProbe
 * @path: a media file
 *
 * Probes @path once and remembers the result for the life of @self. Only a regular file
 * whose first bytes are those of WebM/Matroska, Ogg, MP4/QuickTime, WAV, MP3 or FLAC reaches
 * GStreamer, and then only for the timeout; anything else (an image, text, a playlist, a
 * stream description) is an error naming what the file is. A file without audio or video
 * streams is an error too. Blocks: call it from a worker thread in the app.
 *
 * Returns: (transfer none): what was found; failures are in its @error and
 *   @missing_packages fields. Valid as long as @self
 */
const BekalMediaInfo *bekal_media_probe_file         (BekalMediaProbe *self,
                                                      const char      *path);
/**
 * bekal_media_probe_check_module:
 * @self: a #BekalMediaProbe
 * @module: a module
 * @diagnostics: (element-type BekalDiagnostic): receives the problems found
 *
 * Checks every media item of @module: the file plays, its duration is known, chapters,
 * checkpoints and subtitle cues fall within it, subtitle files parse; and every figure and
 * poster (bekal_image_check_module()). Problems are appended to @diagnostics, on the line of
 * the media element (a problem of the file itself: at its src attribute). Blocks.
 *
 * Returns: the number of errors added
 */
guint                 bekal_media_probe_check_module (BekalMediaProbe *self,
                                                      BekalModule     *module,
                                                      GPtrArray       *diagnostics);

/**
 * bekal_media_check_container:
 * @path: a file
 * @error: return location for a #GError
 *
 * Whether the regular file @path starts as a recording in a container Bekal plays
 * (WebM/Matroska, Ogg, MP4/QuickTime, WAV, MP3, FLAC), from its first bytes only: nothing is
 * decoded. The player calls it before GStreamer opens a file.
 *
 * Returns: %TRUE if so; otherwise %FALSE with a #GFileError whose message says what the file
 *   is (an image, text, a playlist, a stream description, a web page) and what to do
 */
gboolean              bekal_media_check_container    (const char      *path,
                                                      GError         **error);

/**
 * bekal_media_check_frame:
 * @name: the file's name, for the message
 * @caps: (nullable): the caps of a stream as the demuxer gives it
 * @buffer: (nullable): the stream's first frame, still encoded
 * @error: return location for a %G_FILE_ERROR
 *
 * Whether a video stream's pictures are small enough to decode: the width and height in
 * @caps, and those the frame header of @buffer declares (VP8 key frames, Motion-JPEG; for
 * Theora, the identification header in the caps), at most %BEKAL_IMAGE_MAX_SIDE. Decodes
 * nothing. Audio and other streams pass. Safe to call from a streaming thread.
 *
 * Returns: %TRUE when the stream may be decoded; %FALSE with an error naming the size
 */
gboolean              bekal_media_check_frame        (const char      *name,
                                                      GstCaps         *caps,
                                                      GstBuffer       *buffer,
                                                      GError         **error);

/**
 * bekal_media_package_for_detail:
 * @detail: a GStreamer installer detail string (as given by
 *   gst_missing_plugin_message_get_installer_detail()), a bare caps string (`video/x-h264`)
 *   or `element-NAME`
 *
 * Returns: (transfer none) (nullable): the Debian package that provides what @detail asks
 *   for, a static string, or %NULL when unknown
 */
const char           *bekal_media_package_for_detail (const char      *detail);
/**
 * bekal_media_describe_missing:
 * @description: what is missing, as GStreamer describes it
 * @package: (nullable): the Debian package that brings it, or %NULL when unknown
 *
 * Returns: (transfer full): a translated sentence for a person: what is missing and which
 *   package to install
 */
char                 *bekal_media_describe_missing   (const char      *description,
                                                      const char      *package);

G_END_DECLS
