/* test-media-probe.c: the media checks of bekal-author validate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include <bekal/bekal-loader.h>
#include <bekal/bekal-media-probe.h>

#include "test-image-util.h"
#include "test-media-util.h"
#include "test-util.h"

#define MODULE_TEMPLATE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<module xmlns=\"urn:bekal:module:1\" id=\"uji-media\" version=\"1.0\" xml:lang=\"id\">\n" \
  "  <title>Uji media</title>\n" \
  "  <summary>Modul untuk menguji pemeriksaan media.</summary>\n" \
  "  <meta><author>Tim</author></meta>\n" \
  "  <topics><topic id=\"dasar\">Dasar</topic></topics>\n" \
  "  <lesson id=\"pelajaran-1\">\n" \
  "    <title>Pelajaran</title>\n" \
  "    <p>Teks.</p>\n" \
  "    <video id=\"klip\" src=\"media:%s\">\n" \
  "      <title>Klip</title>\n" \
  "      <subtitles xml:lang=\"id\" src=\"media:%s\"/>\n" \
  "      <chapter at=\"0:00\">Awal</chapter>\n" \
  "      <chapter at=\"%s\">Bab</chapter>\n" \
  "      <checkpoint at=\"%s\" question=\"q1\"/>\n" \
  "    </video>\n" \
  "    <quiz id=\"latihan\" role=\"practice\">\n" \
  "      <question id=\"q1\" topic=\"dasar\" type=\"truefalse\" answer=\"true\">\n" \
  "        <prompt>Benar?</prompt>\n" \
  "        <explanation>Ya.</explanation>\n" \
  "      </question>\n" \
  "    </quiz>\n" \
  "  </lesson>\n" \
  "</module>\n"

/* the <video> element's line in MODULE_TEMPLATE, and its src attribute's column */
#define VIDEO_LINE 10
#define VIDEO_COLUMN 22
/* the second chapter's and the checkpoint's lines and columns: a time past the end is
 * reported at its own element (issue 15) */
#define CHAPTER_LINE 14
#define CHECKPOINT_LINE 15
#define CHILD_COLUMN 7

typedef struct
{
  char *dir;
  char *media_dir;
} Fixture;

/* Helpers */

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static GPtrArray *
probe_module (Fixture    *fixture,
              const char *video,
              const char *subtitles,
              const char *chapter_at,
              const char *checkpoint_at)
{
  g_autofree char *xml = g_strdup_printf (MODULE_TEMPLATE, video, subtitles, chapter_at,
                                          checkpoint_at);
  g_autofree char *path = g_build_filename (fixture->dir, "module.id.xml", NULL);
  const char *media_dirs[] = { fixture->media_dir, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(BekalMediaProbe) probe = bekal_media_probe_new ();
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnostics = bekal_diagnostics_new ();

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  if (module == NULL)
    test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);

  bekal_media_probe_check_module (probe, module, diagnostics);
  test_dump_diagnostics (diagnostics);

  return diagnostics;
}

/* A diagnostic of @severity mentioning @needle at @line and @column */
static gboolean
has_diagnostic_at (GPtrArray     *diagnostics,
                   BekalSeverity  severity,
                   const char    *needle,
                   int            line,
                   int            column)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (bekal_diagnostic_get_severity (d) == severity
          && bekal_diagnostic_get_line (d) == line && bekal_diagnostic_get_column (d) == column
          && strstr (bekal_diagnostic_get_message (d), needle))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_media_line_diagnostic (GPtrArray     *diagnostics,
                           BekalSeverity  severity,
                           const char    *needle)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *message = g_utf8_casefold (bekal_diagnostic_get_message (d), -1);
      g_autofree char *wanted = g_utf8_casefold (needle, -1);

      if (bekal_diagnostic_get_severity (d) == severity
          && bekal_diagnostic_get_line (d) == VIDEO_LINE && strstr (message, wanted))
        return TRUE;
    }

  return FALSE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source_media = test_source_path ("media");
  const char *names[] = { "sampel-01-orientasi.webm", "sampel-01-orientasi.id.vtt" };

  fixture->dir = test_make_tmp_dir ();
  fixture->media_dir = g_build_filename (fixture->dir, "media", NULL);
  g_assert_cmpint (g_mkdir (fixture->media_dir, 0700), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename (source_media, names[i], NULL);
      g_autofree char *to = g_build_filename (fixture->media_dir, names[i], NULL);

      copy_file (from, to);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->media_dir);
}

/* Tests */

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) diagnostics = probe_module (fixture, "sampel-01-orientasi.webm",
                                                   "sampel-01-orientasi.id.vtt", "0:12", "0:23");

  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_checkpoint_past_end (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) diagnostics = probe_module (fixture, "sampel-01-orientasi.webm",
                                                   "sampel-01-orientasi.id.vtt", "0:12", "1:05");

  g_assert_true (has_diagnostic_at (diagnostics, BEKAL_SEVERITY_ERROR,
                                    "The checkpoint at 1:05 of “klip” (question “q1”) is past "
                                    "the end of the media file, which lasts 0:",
                                    CHECKPOINT_LINE, CHILD_COLUMN));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 1);
}

static void
test_chapter_past_end (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) diagnostics = probe_module (fixture, "sampel-01-orientasi.webm",
                                                   "sampel-01-orientasi.id.vtt", "0:41", "0:23");

  g_assert_true (has_diagnostic_at (diagnostics, BEKAL_SEVERITY_ERROR,
                                    "The chapter “Bab” of “klip” starts at 0:41, but the media "
                                    "file lasts only 0:", CHAPTER_LINE, CHILD_COLUMN));
}

static void
test_bad_subtitles (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->media_dir, "rusak.id.vtt", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_assert_true (g_file_set_contents (bad, "WEBVTT\n\nno times here\n", -1, NULL));
  diagnostics = probe_module (fixture, "sampel-01-orientasi.webm", "rusak.id.vtt", "0:12", "0:23");
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "rusak.id.vtt"));
}

static void
test_damaged_media (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->media_dir, "bukan-video.webm", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_assert_true (g_file_set_contents (bad, "this is a text file, not a recording\n", -1, NULL));
  diagnostics = probe_module (fixture, "bukan-video.webm", "sampel-01-orientasi.id.vtt", "0:12",
                              "0:23");
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR,
                                            "bukan-video.webm"));
}

static void
test_missing_codec (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GstPluginFeature) vp8dec = gst_registry_lookup_feature (gst_registry_get (), "vp8dec");
  g_autoptr(GPtrArray) diagnostics = NULL;
  guint rank;

  g_assert_nonnull (vp8dec);
  /* as with GST_PLUGIN_FEATURE_RANK=vp8dec:0 */
  rank = gst_plugin_feature_get_rank (vp8dec);
  gst_plugin_feature_set_rank (vp8dec, GST_RANK_NONE);
  diagnostics = probe_module (fixture, "sampel-01-orientasi.webm", "sampel-01-orientasi.id.vtt",
                              "0:12", "0:23");
  gst_plugin_feature_set_rank (vp8dec, rank);

  /* a warning, not an error: the file may play on the learners' laptops */
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_WARNING, "VP8"));
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_WARNING,
                                            "gstreamer1.0-plugins-good"));
}

static void
test_missing_h264_decoder (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = test_make_h264_file (fixture->media_dir);
  g_autoptr(GPtrArray) diagnostics = NULL;

  if (path == NULL)
    {
      g_test_skip ("an H.264 decoder is installed");
      return;
    }

  diagnostics = probe_module (fixture, "kamera.mkv", "sampel-01-orientasi.id.vtt", "0:01",
                              "0:01");
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_WARNING, "H.264"));
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_WARNING,
                                            "gstreamer1.0-libav"));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
}

/* bekal-author validate probes media unless told not to */
static void
test_author_option (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "module.id.xml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (author == NULL)
    {
      g_test_skip ("BEKAL_AUTHOR is not set");
      return;
    }

  diagnostics = probe_module (fixture, "sampel-01-orientasi.webm", "sampel-01-orientasi.id.vtt",
                              "0:12", "1:05");

  {
    const char *argv[] = { author, "validate", "--media-dir", fixture->media_dir, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    expected = g_strdup_printf ("%s:%d:%d: error: The checkpoint at 1:05", path,
                                CHECKPOINT_LINE, CHILD_COLUMN);
    g_assert_nonnull (strstr (out, expected));
    g_clear_pointer (&out, g_free);
  }

  {
    const char *argv[] = { author, "validate", "--no-media-probe", "--media-dir",
                           fixture->media_dir, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_null (strstr (out, "1:05"));
  }
}

/* Files that are not recordings, named .webm: refused from their first bytes, as errors, before
 * GStreamer sees them (which would decode an image whole, or suggest a plugin for a playlist) */
static void
assert_not_a_recording (Fixture    *fixture,
                        const char *name,
                        const char *what)
{
  g_autoptr(GPtrArray) diagnostics = probe_module (fixture, name, "sampel-01-orientasi.id.vtt",
                                                   "0:12", "0:23");
  g_autofree char *expected = g_strdup_printf ("%s”", name);

  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, expected));
  if (what)
    g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, what));
  /* no advice to install a plugin, and nothing else about the file */
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_WARNING), ==, 0);
  g_assert_false (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "install"));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 1);
  /* at the src attribute */
  g_assert_cmpint (bekal_diagnostic_get_column (g_ptr_array_index (diagnostics, 0)), ==,
                   VIDEO_COLUMN);
}

static char *
write_media (Fixture    *fixture,
             const char *name,
             const char *contents,
             gssize      length)
{
  char *path = g_build_filename (fixture->media_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  return path;
}

static void
test_image_as_video (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *png = g_build_filename (fixture->media_dir, "gambar.webm", NULL);
  g_autofree char *jpeg = g_build_filename (fixture->media_dir, "foto.webm", NULL);
  g_autofree char *svg = write_media (fixture, "bagan.webm",
                                      "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/"
                                      "2000/svg\" width=\"30000\" height=\"30000\"/>\n", -1);

  /* the 30 000 × 30 000 PNG of issue 12, which GStreamer would decode into 2.6 GB */
  test_make_png (png, 30000, 30000);
  test_make_jpeg (jpeg, 64, 48);

  assert_not_a_recording (fixture, "gambar.webm", "is not a recording but an image");
  assert_not_a_recording (fixture, "foto.webm", "is not a recording but an image");
  assert_not_a_recording (fixture, "bagan.webm", "is not a recording but an image");
}

static void
test_playlist_as_video (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *m3u = write_media (fixture, "daftar.webm",
                                      "#EXTM3U\n#EXTINF:10,Rahasia\nfile:///etc/passwd\n"
                                      "#EXTINF:10,Jaringan\nhttp://127.0.0.1:9/klip.webm\n", -1);
  g_autofree char *plain = write_media (fixture, "daftar-polos.webm",
                                        "/etc/passwd\nhttp://127.0.0.1:9/klip.webm\n", -1);
  g_autofree char *pls = write_media (fixture, "daftar.pls.webm",
                                      "[playlist]\nFile1=http://127.0.0.1:9/a.ogg\n"
                                      "NumberOfEntries=1\nVersion=2\n", -1);
  g_autofree char *xspf = write_media (fixture, "daftar.xspf.webm",
                                       "<?xml version=\"1.0\"?>\n<playlist version=\"1\" "
                                       "xmlns=\"http://xspf.org/ns/0/\"><trackList><track>"
                                       "<location>file:///etc/passwd</location></track>"
                                       "</trackList></playlist>\n", -1);
  g_autofree char *asx = write_media (fixture, "daftar.asx.webm",
                                      "<asx version=\"3.0\"><entry><ref href=\"http://127.0.0.1:9/"
                                      "a.wmv\"/></entry></asx>\n", -1);
  g_autofree char *sdp = write_media (fixture, "siaran.webm",
                                      "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Siaran\r\n"
                                      "c=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                                      "m=video 5004 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n", -1);
  g_autofree char *html = write_media (fixture, "halaman.webm",
                                       "<!DOCTYPE html>\n<html><body><video src=\"http://"
                                       "127.0.0.1:9/a.webm\"></video></body></html>\n", -1);

  assert_not_a_recording (fixture, "daftar.webm", "a playlist");
  assert_not_a_recording (fixture, "daftar-polos.webm", "a playlist");
  assert_not_a_recording (fixture, "daftar.pls.webm", "a playlist");
  assert_not_a_recording (fixture, "daftar.xspf.webm", "a playlist");
  assert_not_a_recording (fixture, "daftar.asx.webm", "a playlist");
  assert_not_a_recording (fixture, "siaran.webm", "a stream description (SDP)");
  assert_not_a_recording (fixture, "halaman.webm", "is not a recording but a web page");
}

static void
test_text_and_empty (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = write_media (fixture, "catatan.webm",
                                       "Ini catatan, bukan rekaman.\nBaris kedua.\n", -1);
  g_autofree char *empty = write_media (fixture, "kosong.webm", "", 0);
  g_autofree char *noise = g_build_filename (fixture->media_dir, "acak.webm", NULL);
  guint8 random[4096];

  for (gsize i = 0; i < sizeof random; i++)
    random[i] = (guint8) g_test_rand_int_range (0, 256);
  random[0] = 0; /* never a known signature */
  g_assert_true (g_file_set_contents (noise, (const char *) random, sizeof random, NULL));

  assert_not_a_recording (fixture, "catatan.webm", "is not a recording but a text file");
  assert_not_a_recording (fixture, "kosong.webm", "is empty (0 bytes)");
  assert_not_a_recording (fixture, "acak.webm", "is not a recording in a format Bekal plays");
}

/* Containers Bekal plays, holding no recording: only subtitles, or only the address of another
 * movie (a QuickTime reference movie, which GStreamer's discoverer does not follow) */
static void
test_no_streams (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *srt = g_build_filename (fixture->dir, "teks.srt", NULL);
  g_autofree char *mkv = g_build_filename (fixture->media_dir, "teks.mkv", NULL);
  g_autofree char *mov = g_build_filename (fixture->media_dir, "rujukan.mov", NULL);
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GByteArray) movie = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *url = "file:///etc/passwd";
  guint32 url_length = (guint32) strlen (url) + 1;
  guint32 rdrf = 8 + 4 + 4 + 4 + url_length;

  g_assert_true (g_file_set_contents (srt, "1\n00:00:00,000 --> 00:00:02,000\nHalo\n\n"
                                      "2\n00:00:02,500 --> 00:00:04,000\nDunia\n", -1, NULL));
  description = g_strdup_printf ("filesrc location=\"%s\" ! subparse ! text/x-raw,format=utf8 ! "
                                 "matroskamux ! filesink location=\"%s\"", srt, mkv);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

#define PUT32(v) G_STMT_START { guint32 be = GUINT32_TO_BE (v); \
                                g_byte_array_append (movie, (guint8 *) &be, 4); } G_STMT_END
#define PUT(s) g_byte_array_append (movie, (const guint8 *) (s), 4)
  PUT32 (20); PUT ("ftyp"); PUT ("qt  "); PUT32 (0); PUT ("qt  ");
  PUT32 (8 + 8 + 8 + rdrf); PUT ("moov");
  PUT32 (8 + 8 + rdrf); PUT ("rmra");
  PUT32 (8 + rdrf); PUT ("rmda");
  PUT32 (rdrf); PUT ("rdrf"); PUT32 (0); PUT ("url "); PUT32 (url_length);
  g_byte_array_append (movie, (const guint8 *) url, url_length);
#undef PUT
#undef PUT32
  g_assert_true (g_file_set_contents (mov, (const char *) movie->data, movie->len, NULL));

  assert_not_a_recording (fixture, "teks.mkv", "holds no sound and no moving picture");
  /* GStreamer explains it, in the language of the session */
  assert_not_a_recording (fixture, "rujukan.mov", NULL);
}

/* A real container whose track, or whose first frame, declares 30 000 × 30 000 pixels: refused
 * with the size before a decoder could ask for gigabytes; the same video at 64 × 48 plays */
static void
test_huge_frames (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *jpeg = g_build_filename (fixture->dir, "bingkai.jpg", NULL);
  g_autofree char *small = g_build_filename (fixture->media_dir, "kecil.mkv", NULL);
  g_autofree char *huge_track = g_build_filename (fixture->media_dir, "trek-raksasa.mkv", NULL);
  g_autofree char *huge_frame = g_build_filename (fixture->media_dir, "bingkai-raksasa.mkv",
                                                  NULL);
  g_autoptr(BekalMediaProbe) probe = bekal_media_probe_new ();
  const BekalMediaInfo *info;

  test_make_jpeg (jpeg, 64, 48);
  test_make_mjpeg_mkv (jpeg, small, 64, 48);
  test_make_mjpeg_mkv (jpeg, huge_track, 30000, 30000);
  test_patch_jpeg_size (jpeg, 30000, 30000);
  test_make_mjpeg_mkv (jpeg, huge_frame, 64, 48);

  info = bekal_media_probe_file (probe, small);
  g_assert_no_error (info->error);
  g_assert_true (info->has_video);

  info = bekal_media_probe_file (probe, huge_track);
  g_assert_error (info->error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (info->error->message, "30000×30000"));
  g_assert_nonnull (strstr (info->error->message, "1920×1080"));

  info = bekal_media_probe_file (probe, huge_frame);
  g_assert_error (info->error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (info->error->message, "30000×30000"));
}

/* The check on its own: VP8 key frame headers, container caps, audio untouched */
static void
test_frame_check (void)
{
  /* a VP8 key frame tag, the start code, 16383 × 16383 (the largest VP8 can say) */
  static const guint8 vp8_huge[] = { 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0xff, 0x3f, 0xff, 0x3f };
  static const guint8 vp8_small[] = { 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01 };
  g_autoptr(GstCaps) vp8 = gst_caps_from_string ("video/x-vp8,width=640,height=360");
  g_autoptr(GstCaps) wide = gst_caps_from_string ("video/x-vp8,width=5000,height=360");
  g_autoptr(GstCaps) opus = gst_caps_from_string ("audio/x-opus,channels=2");
  g_autoptr(GstBuffer) huge = gst_buffer_new_memdup (vp8_huge, sizeof vp8_huge);
  g_autoptr(GstBuffer) fine = gst_buffer_new_memdup (vp8_small, sizeof vp8_small);
  g_autoptr(GError) error = NULL;

  g_assert_true (bekal_media_check_frame ("a.webm", vp8, fine, &error));
  g_assert_no_error (error);
  g_assert_true (bekal_media_check_frame ("a.webm", opus, huge, &error));
  g_assert_no_error (error);
  g_assert_false (bekal_media_check_frame ("a.webm", vp8, huge, &error));
  g_assert_nonnull (strstr (error->message, "16383×16383"));
  g_clear_error (&error);
  g_assert_false (bekal_media_check_frame ("a.webm", wide, NULL, &error));
  g_assert_nonnull (strstr (error->message, "5000×360"));
}

/* Every recording that comes with Bekal still passes */
static void
test_samples (void)
{
  g_autofree char *source_media = test_source_path ("media");
  g_autoptr(GDir) dir = g_dir_open (source_media, 0, NULL);
  g_autoptr(BekalMediaProbe) probe = bekal_media_probe_new ();
  const char *name;
  guint n_samples = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      const BekalMediaInfo *info;

      if (!g_str_has_suffix (name, ".webm") && !g_str_has_suffix (name, ".ogg"))
        continue;
      path = g_build_filename (source_media, name, NULL);
      info = bekal_media_probe_file (probe, path);
      g_assert_no_error (info->error);
      g_assert_null (info->missing_descriptions);
      g_assert_cmpint (info->duration_ms, >, 0);
      g_assert_true (info->has_audio);
      g_assert_true (info->has_video == g_str_has_suffix (name, ".webm"));
      n_samples++;
    }
  g_assert_cmpuint (n_samples, >=, 7);
}

static void
limit_memory (gpointer data)
{
  /* as `ulimit -v 2097152`: 2 GiB of address space */
  struct rlimit limit = { 2ull << 30, 2ull << 30 };

  setrlimit (RLIMIT_AS, &limit);
}

/* The .webm that is really the 30 000 × 30 000 PNG, under a 2 GiB memory limit: bekal-author
 * ends normally with an error instead of aborting in g_malloc */
static void
test_author_memory_limit (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  g_autofree char *png = g_build_filename (fixture->media_dir, "gambar.webm", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "module.id.xml", NULL);
  g_autofree char *xml = g_strdup_printf (MODULE_TEMPLATE, "gambar.webm",
                                          "sampel-01-orientasi.id.vtt", "0:12", "0:23");
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { author, "validate", "--media-dir", fixture->media_dir, path, NULL };
  const char *envp[] = { "LC_ALL=C.UTF-8", "LANGUAGE=", NULL };
  int status = 0;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer reserves more address space than the limit");
  return;
#endif
  if (author == NULL)
    {
      g_test_skip ("BEKAL_AUTHOR is not set");
      return;
    }

  /* 8-bit RGB: before the check, GStreamer's PNG decoder asked for 2.7 GB and the tool
   * aborted in g_malloc */
  test_make_rgb_png (png, 30000, 30000);
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDERR_TO_DEV_NULL,
                               limit_memory, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", out);
  /* exit status 1: errors found; not killed by a signal */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  expected = g_strdup_printf ("module.id.xml:%d:%d: error: ", VIDEO_LINE, VIDEO_COLUMN);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "gambar.webm” is not a recording but an image"));
}

static void
test_package_table (void)
{
  g_assert_cmpstr (bekal_media_package_for_detail ("gstreamer|1.0|bekal|H.264 decoder|"
                                                   "decoder-video/x-h264, level=(string)3"),
                   ==, "gstreamer1.0-libav");
  g_assert_cmpstr (bekal_media_package_for_detail ("decoder-audio/mpeg, mpegversion=(int)4"),
                   ==, "gstreamer1.0-libav");
  g_assert_cmpstr (bekal_media_package_for_detail ("decoder-video/x-vp8"), ==,
                   "gstreamer1.0-plugins-good");
  g_assert_null (bekal_media_package_for_detail ("decoder-video/x-unheard-of"));
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/media-probe/valid", test_valid);
  ADD ("/media-probe/checkpoint-past-end", test_checkpoint_past_end);
  ADD ("/media-probe/chapter-past-end", test_chapter_past_end);
  ADD ("/media-probe/bad-subtitles", test_bad_subtitles);
  ADD ("/media-probe/damaged-media", test_damaged_media);
  ADD ("/media-probe/missing-codec", test_missing_codec);
  ADD ("/media-probe/missing-h264-decoder", test_missing_h264_decoder);
  ADD ("/media-probe/author-option", test_author_option);
  ADD ("/media-probe/not-a-recording/image", test_image_as_video);
  ADD ("/media-probe/not-a-recording/playlist", test_playlist_as_video);
  ADD ("/media-probe/not-a-recording/text-and-empty", test_text_and_empty);
  ADD ("/media-probe/not-a-recording/no-streams", test_no_streams);
  ADD ("/media-probe/not-a-recording/memory-limit", test_author_memory_limit);
  ADD ("/media-probe/huge-frames", test_huge_frames);
  g_test_add_func ("/media-probe/samples", test_samples);
  g_test_add_func ("/media-probe/frame-check", test_frame_check);
  g_test_add_func ("/media-probe/package-table", test_package_table);

#undef ADD

  return g_test_run ();
}
