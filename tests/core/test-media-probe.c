/* test-media-probe.c: the media checks of bekal-author validate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include <bekal/bekal-loader.h>
#include <bekal/bekal-media-probe.h>

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

/* the <video> element's line in MODULE_TEMPLATE */
#define VIDEO_LINE 10

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

  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "past the end"));
  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "1:05"));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 1);
}

static void
test_chapter_past_end (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) diagnostics = probe_module (fixture, "sampel-01-orientasi.webm",
                                                   "sampel-01-orientasi.id.vtt", "0:41", "0:23");

  g_assert_true (has_media_line_diagnostic (diagnostics, BEKAL_SEVERITY_ERROR, "“Bab”"));
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
    expected = g_strdup_printf ("module.id.xml:%d: error: The checkpoint at 1:05", VIDEO_LINE);
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
  g_test_add_func ("/media-probe/package-table", test_package_table);

#undef ADD

  return g_test_run ();
}
