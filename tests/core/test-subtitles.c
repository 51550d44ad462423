/* test-subtitles.c: reading WebVTT and SubRip files through subparse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>

#include <bekal/bekal-subtitles.h>

#include "test-util.h"

/* Helpers */

static char *
write_tmp_file (const char *dir,
                const char *name,
                const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Tests */

static void
test_vtt (void)
{
  g_autofree char *media = test_source_path ("media");
  g_autofree char *path = g_build_filename (media, "sampel-01-orientasi.id.vtt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = bekal_subtitles_load (path, &error);
  const BekalCue *first, *second;

  g_assert_no_error (error);
  g_assert_nonnull (cues);
  g_assert_cmpuint (cues->len, >=, 5);

  first = g_ptr_array_index (cues, 0);
  g_assert_cmpint (first->start_ms, ==, 800);
  g_assert_cmpint (first->end_ms, ==, 3623);
  g_assert_cmpstr (first->text, ==, "[Klip sampel]\nSelamat datang di Sentra Handayani.");

  second = g_ptr_array_index (cues, 1);
  g_assert_cmpint (second->start_ms, ==, 4123);
  g_assert_cmpint (second->end_ms, ==, 11552);

  /* the cue on screen at a given time */
  g_assert_cmpint (bekal_subtitles_find_cue (cues, 0), ==, -1);
  g_assert_cmpint (bekal_subtitles_find_cue (cues, 800), ==, 0);
  g_assert_cmpint (bekal_subtitles_find_cue (cues, 3700), ==, -1);
  g_assert_cmpint (bekal_subtitles_find_cue (cues, 5000), ==, 1);
  g_assert_cmpint (bekal_subtitles_get_end (cues), <=, 40000);
  g_assert_cmpint (bekal_subtitles_get_end (cues), >, 30000);
}

static void
test_srt (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path =
    write_tmp_file (dir, "wawancara.id.srt",
                    "1\n"
                    "00:00:01,000 --> 00:00:02,500\n"
                    "Halo <i>semua</i> & selamat pagi\n"
                    "\n"
                    "2\n"
                    "00:01:05,250 --> 00:01:07,000\n"
                    "Baris pertama\n"
                    "baris kedua\n"
                    "\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = bekal_subtitles_load (path, &error);
  const BekalCue *cue;

  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 2);

  cue = g_ptr_array_index (cues, 0);
  g_assert_cmpint (cue->start_ms, ==, 1000);
  g_assert_cmpint (cue->end_ms, ==, 2500);
  /* markup is gone, the ampersand stays */
  g_assert_cmpstr (cue->text, ==, "Halo semua & selamat pagi");

  cue = g_ptr_array_index (cues, 1);
  g_assert_cmpint (cue->start_ms, ==, 65250);
  g_assert_cmpint (cue->end_ms, ==, 67000);
  g_assert_cmpstr (cue->text, ==, "Baris pertama\nbaris kedua");

  test_remove_tree (dir);
}

static void
test_malformed (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *no_times =
    write_tmp_file (dir, "rusak.vtt", "WEBVTT\n\nthis line has no time\nnor this one\n");
  g_autofree char *binary = g_build_filename (dir, "biner.srt", NULL);
  g_autofree char *missing = g_build_filename (dir, "hilang.vtt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  guchar noise[4096];

  cues = bekal_subtitles_load (no_times, &error);
  g_assert_null (cues);
  g_assert_nonnull (error);
  g_assert_true (error->domain == BEKAL_SUBTITLES_ERROR);
  g_assert_nonnull (strstr (error->message, "rusak.vtt"));
  g_clear_error (&error);

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guchar) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (binary, (const char *) noise, sizeof noise, NULL));
  cues = bekal_subtitles_load (binary, &error);
  g_assert_null (cues);
  g_assert_true (error->domain == BEKAL_SUBTITLES_ERROR);
  g_clear_error (&error);

  cues = bekal_subtitles_load (missing, &error);
  g_assert_null (cues);
  g_assert_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_NOT_FOUND);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subtitles/vtt", test_vtt);
  g_test_add_func ("/subtitles/srt", test_srt);
  g_test_add_func ("/subtitles/malformed", test_malformed);

  return g_test_run ();
}
