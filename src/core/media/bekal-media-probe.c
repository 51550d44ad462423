/* bekal-media-probe.c: checks that media files play with the installed GStreamer plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-image-check.h>
#include <bekal/bekal-media-probe.h>
#include <bekal/bekal-subtitles.h>

#include "bekal-media-private.h"
#include "bekal-model-private.h"

/* Subtitle cues may end a little after the last frame; more than this is a real mismatch */
#define CUE_TOLERANCE_MS 1000

/* How much of a file its type is told from: enough for the container's header */
#define SNIFF_LENGTH 4096

typedef struct
{
  const char *media_type;  /* caps name, or "element-NAME" */
  int         mpegversion; /* 0 matches any */
  const char *package;
} PackageRule;

struct _BekalMediaProbe
{
  GObject     parent_instance;
  GHashTable *infos; /* path → BekalMediaInfo */
  guint       timeout_seconds;
};

static void bekal_media_info_free (BekalMediaInfo *info);

G_DEFINE_FINAL_TYPE (BekalMediaProbe, bekal_media_probe, G_TYPE_OBJECT)

/* Where Debian 12 ships the decoders, demuxers and elements a lesson may need */
static const PackageRule package_rules[] = {
  { "video/x-h264", 0, "gstreamer1.0-libav" },
  { "video/x-h265", 0, "gstreamer1.0-libav" },
  { "audio/mpeg", 1, "gstreamer1.0-plugins-good" },
  { "audio/mpeg", 2, "gstreamer1.0-libav" },
  { "audio/mpeg", 4, "gstreamer1.0-libav" },
  { "video/mpeg", 0, "gstreamer1.0-libav" },
  { "video/x-divx", 0, "gstreamer1.0-libav" },
  { "video/x-xvid", 0, "gstreamer1.0-libav" },
  { "video/x-msmpeg", 0, "gstreamer1.0-libav" },
  { "video/x-wmv", 0, "gstreamer1.0-libav" },
  { "video/x-h263", 0, "gstreamer1.0-libav" },
  { "video/x-prores", 0, "gstreamer1.0-libav" },
  { "audio/x-wma", 0, "gstreamer1.0-libav" },
  { "audio/x-ac3", 0, "gstreamer1.0-libav" },
  { "audio/x-eac3", 0, "gstreamer1.0-libav" },
  { "audio/x-dts", 0, "gstreamer1.0-libav" },
  { "audio/x-alac", 0, "gstreamer1.0-libav" },
  { "video/x-av1", 0, "gstreamer1.0-plugins-bad" },
  { "video/mpegts", 0, "gstreamer1.0-plugins-bad" },
  { "video/x-vp8", 0, "gstreamer1.0-plugins-good" },
  { "video/x-vp9", 0, "gstreamer1.0-plugins-good" },
  { "audio/x-flac", 0, "gstreamer1.0-plugins-good" },
  { "audio/x-speex", 0, "gstreamer1.0-plugins-good" },
  { "audio/x-wav", 0, "gstreamer1.0-plugins-good" },
  { "video/quicktime", 0, "gstreamer1.0-plugins-good" },
  { "video/x-matroska", 0, "gstreamer1.0-plugins-good" },
  { "video/webm", 0, "gstreamer1.0-plugins-good" },
  { "video/x-msvideo", 0, "gstreamer1.0-plugins-good" },
  { "video/x-flv", 0, "gstreamer1.0-plugins-good" },
  { "audio/x-opus", 0, "gstreamer1.0-plugins-base" },
  { "audio/x-vorbis", 0, "gstreamer1.0-plugins-base" },
  { "video/x-theora", 0, "gstreamer1.0-plugins-base" },
  { "application/ogg", 0, "gstreamer1.0-plugins-base" },
  { "element-vp8dec", 0, "gstreamer1.0-plugins-good" },
  { "element-vp9dec", 0, "gstreamer1.0-plugins-good" },
  { "element-matroskademux", 0, "gstreamer1.0-plugins-good" },
  { "element-autoaudiosink", 0, "gstreamer1.0-plugins-good" },
  { "element-pulsesink", 0, "gstreamer1.0-pulseaudio" },
  { "element-playbin", 0, "gstreamer1.0-plugins-base" },
  { "element-subparse", 0, "gstreamer1.0-plugins-base" },
  { "element-videoconvert", 0, "gstreamer1.0-plugins-base" },
  { "element-audioconvert", 0, "gstreamer1.0-plugins-base" },
  { "element-scaletempo", 0, "gstreamer1.0-plugins-good" },
};

/* Helpers */

static void
bekal_media_info_free (BekalMediaInfo *info)
{
  g_free (info->path);
  g_strfreev (info->missing_descriptions);
  g_strfreev (info->missing_packages);
  g_clear_error (&info->error);
  g_free (info);
}

static char *
format_time (gint64 ms)
{
  gint64 seconds = ms / 1000;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
add_problem_at (GPtrArray     *diagnostics,
                BekalSeverity  severity,
                BekalModule   *module,
                BekalPlace     place,
                const char    *message)
{
  g_ptr_array_add (diagnostics,
                   bekal_diagnostic_new (severity, bekal_module_get_display_path (module),
                                         place.line, place.column, message));
}

static void
add_problem (GPtrArray     *diagnostics,
             BekalSeverity  severity,
             BekalModule   *module,
             BekalMedia    *media,
             const char    *message)
{
  BekalPlace place = { media->line, media->column };

  add_problem_at (diagnostics, severity, module, place, message);
}

/* A problem of the file itself, at the media element's src attribute */
static void
add_file_problem (GPtrArray        *diagnostics,
                  BekalSourceLines *lines,
                  BekalModule      *module,
                  BekalMedia       *media,
                  const char       *message)
{
  int column = bekal_source_lines_column (lines, media->line, "src=");

  g_ptr_array_add (diagnostics,
                   bekal_diagnostic_new (BEKAL_SEVERITY_ERROR,
                                         bekal_module_get_display_path (module), media->line,
                                         column, message));
}

/* Helpers: telling a recording from everything else, before GStreamer sees the file */

static gssize
read_at (int     fd,
         goffset offset,
         guint8 *buffer,
         gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, offset + (goffset) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += (gsize) n;
    }

  return (gssize) done;
}

/* A literal may hold NUL bytes */
#define starts_with(data, length, literal) \
  ((length) >= sizeof (literal) - 1 && memcmp ((data), (literal), sizeof (literal) - 1) == 0)

static gboolean
contains (const guint8 *data,
          gsize         length,
          const char   *needle)
{
  /* binary: NUL bytes do not end the search */
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* The length of an MPEG audio frame from its header, 0 when it is not one */
static guint
mpeg_audio_frame_length (const guint8 *h)
{
  static const guint16 bitrates[5][16] = {
    { 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0 }, /* V1 L1 */
    { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0 },    /* V1 L2 */
    { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 },     /* V1 L3 */
    { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0 },    /* V2 L1 */
    { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0 },         /* V2 L2/3 */
  };
  static const guint rates[3][3] = {
    { 44100, 48000, 32000 }, { 22050, 24000, 16000 }, { 11025, 12000, 8000 },
  };
  guint version, layer, bitrate_index, rate_index, padding, bitrate, rate;

  if (h[0] != 0xff || (h[1] & 0xe0) != 0xe0)
    return 0;
  version = (h[1] >> 3) & 3; /* 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5 */
  layer = 4 - ((h[1] >> 1) & 3); /* 4 is reserved */
  bitrate_index = h[2] >> 4;
  rate_index = (h[2] >> 2) & 3;
  padding = (h[2] >> 1) & 1;
  if (version == 1 || layer == 4 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3)
    return 0;

  if (version == 3)
    bitrate = bitrates[layer - 1][bitrate_index];
  else
    bitrate = bitrates[layer == 1 ? 3 : 4][bitrate_index];
  rate = rates[version == 3 ? 0 : version == 2 ? 1 : 2][rate_index];

  if (layer == 1)
    return (12 * bitrate * 1000 / rate + padding) * 4;
  if (layer == 3 && version != 3)
    return 72 * bitrate * 1000 / rate + padding;
  return 144 * bitrate * 1000 / rate + padding;
}

/* Two MPEG audio frames in a row at @offset */
static gboolean
is_mpeg_audio_at (int     fd,
                  goffset offset)
{
  guint8 header[4];
  guint length;

  if (read_at (fd, offset, header, 4) != 4)
    return FALSE;
  length = mpeg_audio_frame_length (header);
  if (length < 4)
    return FALSE;
  if (read_at (fd, offset + length, header, 4) != 4)
    return FALSE;

  return mpeg_audio_frame_length (header) >= 4;
}

/* Refuses, before anything decodes it, whatever is not a recording in a container Bekal plays
 * (WebM/Matroska, Ogg, MP4/QuickTime, WAV, MP3, FLAC): images, text, playlists, stream
 * descriptions and web pages must never reach GStreamer, which would decode an image whole
 * and follow a playlist to other files and addresses */
static gboolean
sniff_container (int          fd,
                 const char  *display_name,
                 GError     **error)
{
  guint8 head[SNIFF_LENGTH + 1];
  g_autofree char *lower = NULL;
  const char *what = NULL;
  gssize n;
  gsize length;

  n = read_at (fd, 0, head, SNIFF_LENGTH);
  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("“%s” cannot be read: %s"), display_name, g_strerror (saved));
      return FALSE;
    }
  length = (gsize) n;
  head[length] = '\0';

  if (length == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("The media file “%s” is empty (0 bytes): copy it again from the "
                     "original."), display_name);
      return FALSE;
    }

  /* the containers Bekal plays */
  if (starts_with (head, length, "\x1a\x45\xdf\xa3"))
    {
      /* the EBML header's DocType */
      if (contains (head, MIN (length, 64), "webm")
          || contains (head, MIN (length, 64), "matroska"))
        return TRUE;
      what = _("a Matroska file of an unknown kind");
    }
  else if (starts_with (head, length, "OggS") || starts_with (head, length, "fLaC"))
    return TRUE;
  else if (length >= 12 && starts_with (head, length, "RIFF") && memcmp (head + 8, "WAVE", 4) == 0)
    return TRUE;
  else if (length >= 12 && memcmp (head + 4, "ftyp", 4) == 0)
    {
      /* HEIF and AVIF images use the same boxes as MP4 */
      if (memcmp (head + 8, "heic", 4) == 0 || memcmp (head + 8, "heix", 4) == 0
          || memcmp (head + 8, "mif1", 4) == 0 || memcmp (head + 8, "avif", 4) == 0
          || memcmp (head + 8, "msf1", 4) == 0)
        what = _("an image (HEIF or AVIF)");
      else
        return TRUE;
    }
  else if (length >= 8 && (memcmp (head + 4, "moov", 4) == 0 || memcmp (head + 4, "mdat", 4) == 0
                           || memcmp (head + 4, "wide", 4) == 0
                           || memcmp (head + 4, "free", 4) == 0))
    return TRUE; /* QuickTime without a file type box */
  else if (starts_with (head, length, "ID3") && length >= 10)
    {
      /* an ID3v2 tag, of any size, then MP3 frames or FLAC */
      goffset after = 10 + (((goffset) (head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14)
                            | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f))
                      + ((head[5] & 0x10) ? 10 : 0);
      guint8 magic[4];

      if (read_at (fd, after, magic, 4) == 4 && memcmp (magic, "fLaC", 4) == 0)
        return TRUE;
      if (is_mpeg_audio_at (fd, after))
        return TRUE;
      what = _("a tag without a recording after it");
    }
  else if (is_mpeg_audio_at (fd, 0))
    return TRUE;

  /* everything else gets a name, so that the message says what the file is */
  if (what == NULL)
    {
      gsize skip = starts_with (head, length, "\xef\xbb\xbf") ? 3 : 0;
      const char *text;

      while (skip < length && g_ascii_isspace (head[skip]))
        skip++;
      text = (const char *) head + skip;
      lower = g_ascii_strdown (text, -1);

      if (starts_with (head, length, "\x89PNG") || starts_with (head, length, "\xff\xd8\xff")
          || starts_with (head, length, "GIF8") || starts_with (head, length, "BM")
          || (length >= 12 && starts_with (head, length, "RIFF")
              && memcmp (head + 8, "WEBP", 4) == 0)
          || starts_with (head, length, "II*") || starts_with (head, length, "MM\0*")
          || strstr (lower, "<svg") != NULL)
        what = _("an image");
      else if (strstr (lower, "<html") != NULL || strstr (lower, "<!doctype html") != NULL)
        what = _("a web page");
      else if (g_str_has_prefix (lower, "#extm3u") || g_str_has_prefix (lower, "[playlist]")
               || strstr (lower, "<asx") != NULL || strstr (lower, "<playlist") != NULL
               || strstr (lower, "<smil") != NULL || g_str_has_prefix (lower, "[reference]")
               || strstr (lower, "://") != NULL)
        what = _("a playlist or a link (Bekal never opens the files or addresses one lists)");
      else if (g_str_has_prefix (lower, "v=0") || strstr (lower, "\nm=audio") != NULL
               || strstr (lower, "\nm=video") != NULL)
        what = _("a stream description (SDP) that points to a network address (Bekal never "
                 "opens one)");
      else if (memchr (head, '\0', length) == NULL)
        {
          const char *end = NULL;

          /* the sniffed part may cut a character in two */
          g_utf8_validate ((const char *) head, (gssize) length, &end);
          if ((gsize) (end - (const char *) head) + 4 > length)
            what = _("a text file");
        }
    }

  if (what)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 _("“%s” is not a recording but %s. Bekal plays WebM, Matroska, Ogg, MP4, WAV, "
                   "MP3 and FLAC files: put the recording itself in the media folder (see "
                   "media/README.md)."),
                 display_name, what);
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 _("“%s” is not a recording in a format Bekal plays (WebM, Matroska, Ogg, MP4, "
                   "WAV, MP3 or FLAC): convert it (see media/README.md)."), display_name);

  return FALSE;
}

static void
probe_into (BekalMediaInfo *info,
            guint           timeout_seconds)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *display_name = g_filename_display_name (info->path);
  GstClockTime duration;

  info->duration_ms = -1;

  if (!g_file_test (info->path, G_FILE_TEST_IS_REGULAR))
    {
      info->error = g_error_new (G_FILE_ERROR, G_FILE_ERROR_NOENT,
                                 _("The media file “%s” was not found."), display_name);
      return;
    }

  if (!bekal_media_check_container (info->path, &info->error))
    return;

  if (!gst_is_initialized () && !gst_init_check (NULL, NULL, &info->error))
    return;

  /* the discoverer decodes a first frame: its size is checked before, without decoding */
  if (!bekal_media_check_streams (info->path, timeout_seconds, &info->error))
    return;

  discoverer = gst_discoverer_new (timeout_seconds * GST_SECOND, &info->error);
  if (discoverer == NULL)
    return;

  uri = gst_filename_to_uri (info->path, &info->error);
  if (uri == NULL)
    return;

  result = gst_discoverer_discover_uri (discoverer, uri, &error);
  if (result == NULL)
    {
      info->error = g_error_new (G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                 _("“%s” cannot be read: %s"), display_name,
                                 error ? error->message : _("unknown error"));
      return;
    }

  switch (gst_discoverer_info_get_result (result))
    {
    case GST_DISCOVERER_OK:
      break;

    case GST_DISCOVERER_MISSING_PLUGINS:
      {
        const char **details = gst_discoverer_info_get_missing_elements_installer_details (result);
        g_autoptr(GStrvBuilder) descriptions = g_strv_builder_new ();
        g_autoptr(GStrvBuilder) packages = g_strv_builder_new ();

        for (guint i = 0; details && details[i]; i++)
          {
            g_auto(GStrv) fields = g_strsplit (details[i], "|", 5);
            const char *package = bekal_media_package_for_detail (details[i]);

            g_strv_builder_add (descriptions,
                                g_strv_length (fields) >= 4 ? fields[3] : details[i]);
            /* an empty string stands for "no known package" in the builder */
            g_strv_builder_add (packages, package ? package : "");
          }
        info->missing_descriptions = g_strv_builder_end (descriptions);
        info->missing_packages = g_strv_builder_end (packages);
        break;
      }

    case GST_DISCOVERER_TIMEOUT:
      info->error = g_error_new (G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                 _("“%s” could not be checked within %u seconds: it may be "
                                   "damaged, or too large for this computer. Convert it again "
                                   "(see media/README.md)."),
                                 display_name, timeout_seconds);
      return;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
    case GST_DISCOVERER_BUSY:
    default:
      info->error = g_error_new (G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                 _("“%s” cannot be read; it may be damaged, cut short or not a "
                                   "media file (%s)."), display_name,
                                 error ? error->message : _("unknown error"));
      return;
    }

  duration = gst_discoverer_info_get_duration (result);
  if (GST_CLOCK_TIME_IS_VALID (duration) && duration > 0)
    info->duration_ms = (gint64) (duration / GST_MSECOND);

  {
    GList *video = gst_discoverer_info_get_video_streams (result);
    GList *audio = gst_discoverer_info_get_audio_streams (result);

    for (GList *l = video; l; l = l->next)
      if (!gst_discoverer_video_info_is_image (l->data))
        info->has_video = TRUE;
    info->has_audio = audio != NULL;
    gst_discoverer_stream_info_list_free (video);
    gst_discoverer_stream_info_list_free (audio);
  }

  /* a container with only a still picture, subtitles or nothing is no recording */
  if (!info->has_video && !info->has_audio && info->missing_descriptions == NULL)
    info->error = g_error_new (G_FILE_ERROR, G_FILE_ERROR_FAILED,
                               _("“%s” holds no sound and no moving picture: put the recording "
                                 "itself in the media folder (see media/README.md)."),
                               display_name);
}

static guint
count_missing (const BekalMediaInfo *info)
{
  return info->missing_descriptions ? g_strv_length (info->missing_descriptions) : 0;
}

static void
check_times (BekalModule          *module,
             BekalMedia           *media,
             const BekalMediaInfo *info,
             GPtrArray            *diagnostics,
             guint                *n_errors)
{
  g_autofree char *end = format_time (info->duration_ms);

  for (guint i = 0; i < media->chapters->len; i++)
    {
      const BekalChapter *chapter = &g_array_index (media->chapters, BekalChapter, i);

      if (chapter->at_ms >= info->duration_ms)
        {
          g_autofree char *at = format_time (chapter->at_ms);
          g_autofree char *message =
            g_strdup_printf (_("The chapter “%s” of “%s” starts at %s, but the media file "
                               "lasts only %s."), chapter->title ? chapter->title : "",
                             media->id, at, end);

          add_problem_at (diagnostics, BEKAL_SEVERITY_ERROR, module,
                          g_array_index (media->chapter_places, BekalPlace, i), message);
          (*n_errors)++;
        }
    }

  for (guint i = 0; i < media->checkpoints->len; i++)
    {
      const BekalCheckpoint *checkpoint = &g_array_index (media->checkpoints, BekalCheckpoint, i);

      if (checkpoint->at_ms >= info->duration_ms)
        {
          g_autofree char *at = format_time (checkpoint->at_ms);
          g_autofree char *message =
            g_strdup_printf (_("The checkpoint at %s of “%s” (question “%s”) is past the end "
                               "of the media file, which lasts %s: it would never be asked."),
                             at, media->id,
                             checkpoint->question_id ? checkpoint->question_id : "", end);

          add_problem_at (diagnostics, BEKAL_SEVERITY_ERROR, module,
                          g_array_index (media->checkpoint_places, BekalPlace, i), message);
          (*n_errors)++;
        }
    }
}

static void
check_subtitles (BekalModule          *module,
                 BekalMedia           *media,
                 const BekalMediaInfo *info,
                 GPtrArray            *diagnostics,
                 guint                *n_errors)
{
  for (guint i = 0; i < media->subtitles->len; i++)
    {
      const BekalSubtitleTrack *track = &g_array_index (media->subtitles, BekalSubtitleTrack, i);
      g_autoptr(GPtrArray) cues = NULL;
      g_autoptr(GError) error = NULL;

      /* a missing file was already reported by the loader */
      if (track->path == NULL)
        continue;

      cues = bekal_subtitles_load (track->path, &error);
      if (cues == NULL)
        {
          add_problem (diagnostics, BEKAL_SEVERITY_ERROR, module, media, error->message);
          (*n_errors)++;
          continue;
        }

      if (info && info->duration_ms > 0
          && bekal_subtitles_get_end (cues) > info->duration_ms + CUE_TOLERANCE_MS)
        {
          g_autofree char *cue_end = format_time (bekal_subtitles_get_end (cues));
          g_autofree char *end = format_time (info->duration_ms);
          g_autofree char *message =
            g_strdup_printf (_("The subtitles “%s” (%s) run until %s, but the media file lasts "
                               "only %s: are they for another recording?"), track->src,
                             track->language ? track->language : "?", cue_end, end);

          add_problem (diagnostics, BEKAL_SEVERITY_ERROR, module, media, message);
          (*n_errors)++;
        }
    }
}

/* Overrides */

static void
bekal_media_probe_finalize (GObject *object)
{
  BekalMediaProbe *self = BEKAL_MEDIA_PROBE (object);

  g_clear_pointer (&self->infos, g_hash_table_unref);

  G_OBJECT_CLASS (bekal_media_probe_parent_class)->finalize (object);
}

static void
bekal_media_probe_class_init (BekalMediaProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_media_probe_finalize;
}

static void
bekal_media_probe_init (BekalMediaProbe *self)
{
  self->infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) bekal_media_info_free);
  self->timeout_seconds = BEKAL_MEDIA_PROBE_TIMEOUT_SECONDS;
}

/* Public API */

BekalMediaProbe *
bekal_media_probe_new (void)
{
  return g_object_new (BEKAL_TYPE_MEDIA_PROBE, NULL);
}

void
bekal_media_probe_set_timeout (BekalMediaProbe *self,
                               guint            seconds)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROBE (self));

  /* GstDiscoverer counts whole seconds, from one */
  self->timeout_seconds = CLAMP (seconds, 1, 3600);
}

const BekalMediaInfo *
bekal_media_probe_file (BekalMediaProbe *self,
                        const char      *path)
{
  BekalMediaInfo *info;

  g_return_val_if_fail (BEKAL_IS_MEDIA_PROBE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  info = g_hash_table_lookup (self->infos, path);
  if (info)
    return info;

  info = g_new0 (BekalMediaInfo, 1);
  info->path = g_strdup (path);
  probe_into (info, self->timeout_seconds);
  g_hash_table_insert (self->infos, info->path, info);

  return info;
}

guint
bekal_media_probe_check_module (BekalMediaProbe *self,
                                BekalModule     *module,
                                GPtrArray       *diagnostics)
{
  g_autoptr(BekalSourceLines) lines = NULL;
  guint n_errors = 0;

  g_return_val_if_fail (BEKAL_IS_MEDIA_PROBE (self), 0);
  g_return_val_if_fail (BEKAL_IS_MODULE (module), 0);

  lines = bekal_source_lines_new (bekal_module_get_path (module));

  /* figures and posters: their headers, before anything decodes them */
  n_errors += bekal_image_check_module (module, diagnostics);

  for (guint i = 0; i < bekal_module_get_n_media (module); i++)
    {
      BekalMedia *media = bekal_module_get_media (module, i);
      const BekalMediaInfo *info = NULL;

      /* a media file that was not found was already reported by the loader */
      if (media->path != NULL)
        info = bekal_media_probe_file (self, media->path);

      if (info && info->error)
        {
          add_file_problem (diagnostics, lines, module, media, info->error->message);
          n_errors++;
        }
      else if (info && count_missing (info) > 0)
        {
          for (guint k = 0; k < count_missing (info); k++)
            {
              const char *package = info->missing_packages[k];
              g_autofree char *what = bekal_media_describe_missing (info->missing_descriptions[k],
                                                                    package[0] ? package : NULL);
              g_autofree char *message = g_strdup_printf (_("“%s” cannot be played here. %s"),
                                                          media->src, what);

              add_problem (diagnostics, BEKAL_SEVERITY_WARNING, module, media, message);
            }
        }
      else if (info && info->duration_ms < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("The length of “%s” cannot be found, so its chapters and "
                               "checkpoints cannot be checked. Convert it again (see "
                               "media/README.md)."), media->src);

          add_problem (diagnostics, BEKAL_SEVERITY_WARNING, module, media, message);
        }
      else if (info)
        {
          if (media->is_video && !info->has_video)
            {
              g_autofree char *message =
                g_strdup_printf (_("“%s” has no picture; use <audio> for a recording without "
                                   "video."), media->src);

              add_problem (diagnostics, BEKAL_SEVERITY_WARNING, module, media, message);
            }
          check_times (module, media, info, diagnostics, &n_errors);
        }

      check_subtitles (module, media, info && !info->error ? info : NULL, diagnostics,
                       &n_errors);
    }

  return n_errors;
}

gboolean
bekal_media_check_container (const char  *path,
                             GError     **error)
{
  g_autofree char *display_name = NULL;
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);
  /* O_NONBLOCK: a FIFO must not make the check wait for a writer */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("“%s” cannot be read: %s"), display_name, g_strerror (saved));
      return FALSE;
    }

  ok = fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                 _("The media file “%s” was not found."), display_name);
  else
    ok = sniff_container (fd, display_name, error);
  g_close (fd, NULL);

  return ok;
}

const char *
bekal_media_package_for_detail (const char *detail)
{
  g_autoptr(GstCaps) caps = NULL;
  const char *type_detail;
  const char *name = NULL;
  int mpegversion = 0;

  g_return_val_if_fail (detail != NULL, NULL);

  /* gstreamer|1.0|APP|DESCRIPTION|TYPE-DETAIL */
  type_detail = strrchr (detail, '|');
  type_detail = type_detail ? type_detail + 1 : detail;

  if (g_str_has_prefix (type_detail, "element-"))
    name = type_detail;
  else
    {
      const char *caps_text = type_detail;

      if (g_str_has_prefix (caps_text, "decoder-"))
        caps_text += strlen ("decoder-");
      else if (g_str_has_prefix (caps_text, "encoder-"))
        caps_text += strlen ("encoder-");

      if (!gst_is_initialized () && !gst_init_check (NULL, NULL, NULL))
        return NULL;

      caps = gst_caps_from_string (caps_text);
      if (caps == NULL || gst_caps_get_size (caps) == 0)
        return NULL;
      name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
      gst_structure_get_int (gst_caps_get_structure (caps, 0), "mpegversion", &mpegversion);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (package_rules); i++)
    {
      const PackageRule *rule = &package_rules[i];

      if (g_str_equal (rule->media_type, name)
          && (rule->mpegversion == 0 || rule->mpegversion == mpegversion))
        return rule->package;
    }

  return NULL;
}

char *
bekal_media_describe_missing (const char *description,
                              const char *package)
{
  if (description == NULL || description[0] == '\0')
    description = _("a GStreamer plugin");

  if (package)
    return g_strdup_printf (_("Missing: %s. Install the package %s (for example: sudo apt "
                              "install %s)."),
                            description, package, package);

  return g_strdup_printf (_("Missing: %s. Install the GStreamer plugin package that provides "
                            "it (often gstreamer1.0-plugins-bad or gstreamer1.0-libav)."),
                          description);
}
