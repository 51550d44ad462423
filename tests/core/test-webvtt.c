/* test-webvtt.c: the WebVTT and SubRip readers, rule by rule of the W3C WebVTT specification,
 * and the subtitle quality checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include <bekal/bekal-subtitles.h>

/* Helpers */

static GPtrArray *
parse_full (const char            *text,
            gsize                  length,
            BekalSubtitlesFormat   format,
            GPtrArray            **problems,
            GError               **error)
{
  return bekal_subtitles_parse (text, length, format, "test.vtt", problems, error);
}

/* Parses @text as WebVTT and expects it to be read */
static GPtrArray *
parse_vtt (const char  *text,
           GPtrArray  **problems)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cues = parse_full (text, strlen (text), BEKAL_SUBTITLES_FORMAT_WEBVTT, problems,
                                &error);

  g_assert_no_error (error);
  g_assert_nonnull (cues);
  return cues;
}

static const BekalCue *
cue_at (GPtrArray *cues,
        guint      index)
{
  g_assert_cmpuint (index, <, cues->len);
  return g_ptr_array_index (cues, index);
}

/* The text of the only cue of "WEBVTT\n\n00:01.000 --> 00:02.000\n@cue_text\n" */
static BekalCue *
single_cue (const char *cue_text)
{
  g_autofree char *file = g_strdup_printf ("WEBVTT\n\n00:01.000 --> 00:02.000\n%s\n", cue_text);
  g_autoptr(GPtrArray) cues = parse_vtt (file, NULL);

  g_assert_cmpuint (cues->len, ==, 1);
  return g_ptr_array_steal_index (cues, 0);
}

static void
assert_run (const BekalCue *cue,
            guint           index,
            const char     *text,
            BekalCueStyle   style)
{
  const BekalCueRun *run;

  g_assert_cmpuint (index, <, cue->runs->len);
  run = &g_array_index (cue->runs, BekalCueRun, index);
  g_assert_cmpuint (run->end - run->start, ==, strlen (text));
  g_assert_cmpint (strncmp (cue->text + run->start, text, strlen (text)), ==, 0);
  g_assert_cmpint (run->style, ==, style);
}

/* Whether @timing is read as a cue's timing line, and the times it gives */
static gboolean
timing_is_read (const char *timing,
                gint64     *start,
                gint64     *end)
{
  g_autofree char *file = g_strdup_printf ("WEBVTT\n\n%s\nteks\n", timing);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = parse_full (file, strlen (file), BEKAL_SUBTITLES_FORMAT_WEBVTT,
                                          &problems, &error);

  if (cues == NULL)
    {
      /* the only cue skipped: the file holds none that can be read, and says which line */
      g_assert_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_EMPTY);
      return FALSE;
    }
  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 0);
  if (start != NULL)
    *start = cue_at (cues, 0)->start_ms;
  if (end != NULL)
    *end = cue_at (cues, 0)->end_ms;
  return TRUE;
}

/* Tests: the file */

static void
test_signature (void)
{
  const char *refused[] = { "", "WEBVT", "webvtt\n", "WEBVTTX\n", "WEBVTT-\n", "\nWEBVTT\n",
                            " WEBVTT\n", "FILE WEBVTT\n" };
  g_autoptr(GPtrArray) cues = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) none = parse_full (refused[i], strlen (refused[i]),
                                              BEKAL_SUBTITLES_FORMAT_WEBVTT, NULL, &error);

      g_assert_null (none);
      g_assert_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID);
    }

  /* exactly the signature: a valid file without cues */
  cues = parse_vtt ("WEBVTT", NULL);
  g_assert_cmpuint (cues->len, ==, 0);
  g_clear_pointer (&cues, g_ptr_array_unref);
  cues = parse_vtt ("WEBVTT\n", NULL);
  g_assert_cmpuint (cues->len, ==, 0);
  g_clear_pointer (&cues, g_ptr_array_unref);

  /* text after a space or a tab on the signature line, and a byte order mark before it */
  cues = parse_vtt ("WEBVTT Wawancara sentra\n\n00:01.000 --> 00:02.000\nSatu\n", NULL);
  g_assert_cmpuint (cues->len, ==, 1);
  g_clear_pointer (&cues, g_ptr_array_unref);
  cues = parse_vtt ("WEBVTT\t- judul\n\n00:01.000 --> 00:02.000\nSatu\n", NULL);
  g_assert_cmpuint (cues->len, ==, 1);
  g_clear_pointer (&cues, g_ptr_array_unref);
  cues = parse_vtt ("\xEF\xBB\xBFWEBVTT\n\n00:01.000 --> 00:02.000\nSatu\n", NULL);
  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "Satu");
}

static void
test_header_and_blocks (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cues =
    parse_vtt ("WEBVTT\n"
               "Kind: captions\n"
               "Language: id\n"
               "\n"
               "STYLE\n"
               "::cue { color: yellow }\n"
               "\n"
               "REGION\n"
               "id:kiri width:40%\n"
               "\n"
               "NOTE Dibuat untuk pelatihan\n"
               "baris kedua catatan\n"
               "\n"
               "NOTE\n"
               "catatan lain\n"
               "\n"
               "pembuka\n"
               "00:00:01.000 --> 00:00:02.500\n"
               "Selamat datang.\n"
               "\n"
               "\n"
               "\n"
               "00:03.000 --> 00:04.000\n"
               "Tanpa pengenal.\n",
               &problems);

  /* the header, the style sheet, the region and the comments are not cues, and not problems */
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (cue_at (cues, 0)->id, ==, "pembuka");
  g_assert_cmpint (cue_at (cues, 0)->start_ms, ==, 1000);
  g_assert_cmpint (cue_at (cues, 0)->end_ms, ==, 2500);
  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "Selamat datang.");
  g_assert_cmpuint (cue_at (cues, 0)->line, ==, 18);
  g_assert_null (cue_at (cues, 1)->id);
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "Tanpa pengenal.");
}

static void
test_cue_right_after_signature (void)
{
  /* a timing line in the header block ends it and starts the first cue */
  g_autoptr(GPtrArray) cues = parse_vtt ("WEBVTT\n00:01.000 --> 00:02.000\nSatu\n", NULL);

  g_assert_cmpuint (cues->len, ==, 1);
  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "Satu");
}

static void
test_line_ends (void)
{
  g_autoptr(GPtrArray) crlf =
    parse_vtt ("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nSatu\r\ndua\r\n\r\n"
               "00:03.000 --> 00:04.000\r\nTiga\r\n", NULL);
  g_autoptr(GPtrArray) cr =
    parse_vtt ("WEBVTT\r\r00:01.000 --> 00:02.000\rSatu\rdua\r\r00:03.000 --> 00:04.000\rTiga",
               NULL);

  /* CR alone ends lines too: the cues stay apart */
  g_assert_cmpuint (crlf->len, ==, 2);
  g_assert_cmpuint (cr->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      GPtrArray *cues = i == 0 ? crlf : cr;

      g_assert_cmpstr (cue_at (cues, 0)->text, ==, "Satu\ndua");
      g_assert_cmpstr (cue_at (cues, 1)->text, ==, "Tiga");
      g_assert_cmpint (cue_at (cues, 1)->start_ms, ==, 3000);
    }
}

static void
test_nul_and_invalid_bytes (void)
{
  static const char file[] = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\0B\n\n"
                             "00:03.000 --> 00:04.000\nsesudah \xFF nul\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = parse_full (file, sizeof file - 1, BEKAL_SUBTITLES_FORMAT_WEBVTT,
                                          NULL, &error);

  /* NUL is U+FFFD and does not end the file: the cue after it is kept */
  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "A\xEF\xBF\xBD" "B");
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "sesudah \xEF\xBF\xBD nul");
}

static void
test_arrow_inside_cue (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cues = parse_vtt ("WEBVTT\n\n"
                                         "00:01.000 --> 00:02.000\n"
                                         "Satu\n"
                                         "00:03.000 --> 00:04.000\n"
                                         "Dua\n",
                                         &problems);

  /* a timing line inside a cue's text ends the cue and starts the next one */
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "Satu");
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "Dua");
  g_assert_cmpint (cue_at (cues, 1)->start_ms, ==, 3000);
}

static void
test_timings (void)
{
  gint64 start = -1, end = -1;
  const char *refused[] = {
    "0:01.000 --> 00:02.000",        /* one digit of minutes: read as hours, then no seconds */
    "00:1.000 --> 00:02.000",        /* one digit of seconds */
    "00:01.00 --> 00:02.000",        /* two digits of milliseconds */
    "00:01.0000 --> 00:02.000",      /* four */
    "00:01,000 --> 00:02,000",       /* a comma, as in SubRip */
    "00:60.000 --> 01:02.000",       /* 60 seconds */
    "00:00:60.000 --> 00:01:02.000",
    "00:60:00.000 --> 00:61:00.000", /* 60 minutes */
    "00:01.000 -> 00:02.000",
    "00:01.000 00:02.000 -->",
    "-00:01.000 --> 00:02.000",
    "00:01.000 --> ",
  };

  g_assert_true (timing_is_read ("00:01.000 --> 00:02.500", &start, &end));
  g_assert_cmpint (start, ==, 1000);
  g_assert_cmpint (end, ==, 2500);
  g_assert_true (timing_is_read ("01:02:03.004 --> 01:02:04.000", &start, &end));
  g_assert_cmpint (start, ==, 3723004);
  /* hours of more than two digits */
  g_assert_true (timing_is_read ("100:00:00.000 --> 100:00:01.000", &start, NULL));
  g_assert_cmpint (start, ==, G_GINT64_CONSTANT (360000000));
  /* white space around the arrow is any amount of spaces and tabs, or none */
  g_assert_true (timing_is_read ("00:01.000\t-->\t00:02.000", &start, &end));
  g_assert_cmpint (end, ==, 2000);
  g_assert_true (timing_is_read ("00:01.000-->00:02.000", NULL, &end));
  g_assert_cmpint (end, ==, 2000);
  g_assert_true (timing_is_read ("  00:01.000   -->   00:02.000  ", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      if (timing_is_read (refused[i], NULL, NULL))
        g_error ("“%s” was read as a timing line", refused[i]);
    }
}

static void
test_settings (void)
{
  g_autoptr(GPtrArray) cues =
    parse_vtt ("WEBVTT\n\n"
               "00:01.000 --> 00:02.000 align:start line:0 position:10% size:50% vertical:rl\n"
               "Satu\n\n"
               "00:03.000 --> 00:04.000 warna:merah align:middle line:-1 position:abc\n"
               "Dua\n\n"
               "00:05.000 --> 00:06.000\n"
               "Tiga\n",
               NULL);

  /* valid settings are kept as written; unknown names and invalid values are dropped */
  g_assert_cmpstr (cue_at (cues, 0)->settings, ==,
                   "align:start line:0 position:10% size:50% vertical:rl");
  g_assert_cmpstr (cue_at (cues, 1)->settings, ==, "line:-1");
  g_assert_null (cue_at (cues, 2)->settings);
}

static void
test_bad_cue_skipped (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cues = parse_vtt ("WEBVTT\n\n"
                                         "00:01.000 --> 00:02.000\n"
                                         "Satu\n\n"
                                         "00:03,000 --> 00:04,000\n"
                                         "Dua, dengan koma\n\n"
                                         "Tanpa baris waktu\n\n"
                                         "00:05.000 --> 00:06.000\n"
                                         "Tiga\n",
                                         &problems);
  const BekalSubtitleProblem *problem;

  /* one bad cue loses that cue only, and says where it is */
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "Tiga");
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_nonnull (strstr (problem->message, "00:03,000 --> 00:04,000"));
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (problem->line, ==, 9);
  g_assert_nonnull (strstr (problem->message, "Tanpa baris waktu"));
}

static void
test_no_readable_cue (void)
{
  static const char file[] = "WEBVTT\n\nthis line has no time\nnor this one\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = parse_full (file, sizeof file - 1, BEKAL_SUBTITLES_FORMAT_WEBVTT,
                                          NULL, &error);

  g_assert_null (cues);
  g_assert_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "test.vtt"));
}

static void
test_sorted_by_start (void)
{
  g_autoptr(GPtrArray) cues = parse_vtt ("WEBVTT\n\n"
                                         "00:05.000 --> 00:06.000\nB\n\n"
                                         "00:01.000 --> 00:02.000\nA\n\n"
                                         "00:05.000 --> 00:07.000\nC\n",
                                         NULL);

  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "A");
  /* two cues that start together stay in file order */
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "B");
  g_assert_cmpstr (cue_at (cues, 2)->text, ==, "C");
}

/* Tests: cue text */

static void
test_voice (void)
{
  g_autoptr(BekalCue) named = single_cue ("<v Rina>Kami mulai dari keluarga.</v>");
  g_autoptr(BekalCue) unclosed = single_cue ("<v Pak Budi>Saya setuju");
  g_autoptr(BekalCue) with_class = single_cue ("<v.pewawancara.utama Sari Dewi>Apa yang sulit?");
  g_autoptr(BekalCue) ampersand = single_cue ("<v Bob>Tom &amp; Jerry</v>");
  g_autoptr(BekalCue) none = single_cue ("Tanpa pembicara");
  g_autoptr(BekalCue) spaced = single_cue ("<v   Rina \t Wati  >teks");
  g_autoptr(BekalCue) second = single_cue ("<v A>satu</v> <v B>dua</v>");

  g_assert_cmpstr (named->speaker, ==, "Rina");
  g_assert_cmpstr (named->text, ==, "Kami mulai dari keluarga.");
  g_assert_cmpstr (unclosed->speaker, ==, "Pak Budi");
  g_assert_cmpstr (unclosed->text, ==, "Saya setuju");
  g_assert_cmpstr (with_class->speaker, ==, "Sari Dewi");
  g_assert_cmpstr (with_class->text, ==, "Apa yang sulit?");
  g_assert_cmpstr (ampersand->speaker, ==, "Bob");
  g_assert_cmpstr (ampersand->text, ==, "Tom & Jerry");
  g_assert_null (none->speaker);
  /* an annotation's white space is collapsed and stripped */
  g_assert_cmpstr (spaced->speaker, ==, "Rina Wati");
  /* the cue's speaker is its first voice */
  g_assert_cmpstr (second->speaker, ==, "A");
  g_assert_cmpstr (second->text, ==, "satu dua");
}

static void
test_spans_and_styles (void)
{
  g_autoptr(BekalCue) styled = single_cue ("<b>tebal</b> <i>miring <u>garis</u></i> biasa");
  g_autoptr(BekalCue) with_classes = single_cue ("<c.kuning>kelas</c> dan <b.x y>tebal</b>");
  g_autoptr(BekalCue) language = single_cue ("<lang en>trauma-informed</lang> care");
  g_autoptr(BekalCue) stray = single_cue ("<foo>tag asing</foo> <span>juga</span> <>kosong");
  g_autoptr(BekalCue) unclosed = single_cue ("<i>miring sampai akhir\nbaris dua");
  g_autoptr(BekalCue) mismatched = single_cue ("<b>tebal</i> masih tebal</b> biasa");

  g_assert_cmpstr (styled->text, ==, "tebal miring garis biasa");
  g_assert_cmpuint (styled->runs->len, ==, 3);
  assert_run (styled, 0, "tebal", BEKAL_CUE_STYLE_BOLD);
  assert_run (styled, 1, "miring ", BEKAL_CUE_STYLE_ITALIC);
  assert_run (styled, 2, "garis", BEKAL_CUE_STYLE_ITALIC | BEKAL_CUE_STYLE_UNDERLINE);

  g_assert_cmpstr (with_classes->text, ==, "kelas dan tebal");
  g_assert_cmpuint (with_classes->runs->len, ==, 1);
  assert_run (with_classes, 0, "tebal", BEKAL_CUE_STYLE_BOLD);

  g_assert_cmpstr (language->text, ==, "trauma-informed care");
  g_assert_cmpuint (language->runs->len, ==, 0);

  /* unknown tags are dropped, their text kept */
  g_assert_cmpstr (stray->text, ==, "tag asing juga kosong");

  g_assert_cmpstr (unclosed->text, ==, "miring sampai akhir\nbaris dua");
  assert_run (unclosed, 0, "miring sampai akhir\nbaris dua", BEKAL_CUE_STYLE_ITALIC);

  /* an end tag that does not close the current span is ignored */
  g_assert_cmpstr (mismatched->text, ==, "tebal masih tebal biasa");
  assert_run (mismatched, 0, "tebal masih tebal", BEKAL_CUE_STYLE_BOLD);
}

static void
test_ruby (void)
{
  g_autoptr(BekalCue) ruby = single_cue ("<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby> selesai");
  g_autoptr(BekalCue) rt_outside = single_cue ("<rt>bukan ruby</rt>");
  g_autoptr(BekalCue) closed_by_ruby = single_cue ("<ruby>A<rt>a</ruby> B");

  /* ruby text follows its base in brackets */
  g_assert_cmpstr (ruby->text, ==, "漢 (kan)字 (ji) selesai");
  g_assert_cmpstr (rt_outside->text, ==, "bukan ruby");
  /* </ruby> closes an open <rt> too */
  g_assert_cmpstr (closed_by_ruby->text, ==, "A (a) B");
}

static void
test_timestamps_in_cue (void)
{
  g_autoptr(BekalCue) karaoke = single_cue ("Satu <00:00:01.500>dua <00:01.700>tiga <1x>empat");

  g_assert_cmpstr (karaoke->text, ==, "Satu dua tiga empat");
}

static void
test_character_references (void)
{
  g_autoptr(BekalCue) named = single_cue ("&amp; &lt;b&gt; a&nbsp;b &lrm;&rlm;&eacute;");
  g_autoptr(BekalCue) numeric = single_cue ("&#65;&#x42;&#X43;&#100 &#0; &#xD800;");
  g_autoptr(BekalCue) literal = single_cue ("A & B &unknown; &amp &; &#; &#x;");

  g_assert_cmpstr (named->text, ==, "& <b> a\xC2\xA0" "b \xE2\x80\x8E\xE2\x80\x8F\xC3\xA9");
  /* no NUL and no surrogate: U+FFFD instead */
  g_assert_cmpstr (numeric->text, ==, "ABCd \xEF\xBF\xBD \xEF\xBF\xBD");
  /* what is not a reference stays as written */
  g_assert_cmpstr (literal->text, ==, "A & B &unknown; &amp &; &#; &#x;");
}

/* Tests: SubRip */

static void
test_subrip (void)
{
  static const char file[] = "1\r\n"
                             "00:00:01,000 --> 00:00:02,500\r\n"
                             "Halo <i>semua</i> &amp; <font color=\"red\">merah</font>\r\n"
                             "\r\n"
                             "2\r\n"
                             "00:01:05.250 --> 00:01:07,000 X1:10 X2:20\r\n"
                             "Baris pertama\r\n"
                             "baris kedua\r\n"
                             "\r\n"
                             "3\r\n"
                             "tanpa waktu\r\n"
                             "\r\n"
                             "00:02:00,000 --> 00:02:01,000\r\n"
                             "tanpa nomor\r\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = parse_full (file, sizeof file - 1, BEKAL_SUBTITLES_FORMAT_SUBRIP,
                                          &problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 3);
  g_assert_cmpstr (cue_at (cues, 0)->id, ==, "1");
  g_assert_cmpstr (cue_at (cues, 0)->text, ==, "Halo semua & merah");
  assert_run (cue_at (cues, 0), 0, "semua", BEKAL_CUE_STYLE_ITALIC);
  g_assert_cmpint (cue_at (cues, 1)->start_ms, ==, 65250);
  g_assert_cmpint (cue_at (cues, 1)->end_ms, ==, 67000);
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "Baris pertama\nbaris kedua");
  g_assert_null (cue_at (cues, 2)->id);
  g_assert_cmpstr (cue_at (cues, 2)->text, ==, "tanpa nomor");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((BekalSubtitleProblem *) g_ptr_array_index (problems, 0))->line, ==, 11);
}

static void
test_subrip_blank_lines (void)
{
  static const char file[] = "  \n\t\n1\n00:00:01,000 --> 00:00:02,000\nA\n \t \n\n"
                             "2\n00:00:03,000 --> 00:00:04,000\nB\n   ";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = parse_full (file, sizeof file - 1, BEKAL_SUBTITLES_FORMAT_SUBRIP,
                                          NULL, &error);

  /* lines of spaces and tabs separate blocks like empty ones, and end the file quietly */
  g_assert_no_error (error);
  g_assert_cmpuint (cues->len, ==, 2);
  g_assert_cmpstr (cue_at (cues, 1)->text, ==, "B");
}

static void
test_guess_format (void)
{
  static const char vtt[] = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n";
  static const char srt[] = "1\n00:00:01,000 --> 00:00:02,000\nA\n";
  static const char neither[] = "<html><body>bukan subtitle</body></html>\n";
  g_autoptr(GPtrArray) a = parse_full (vtt, sizeof vtt - 1, BEKAL_SUBTITLES_FORMAT_GUESS, NULL,
                                       NULL);
  g_autoptr(GPtrArray) b = parse_full (srt, sizeof srt - 1, BEKAL_SUBTITLES_FORMAT_GUESS, NULL,
                                       NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) c = parse_full (neither, sizeof neither - 1, BEKAL_SUBTITLES_FORMAT_GUESS,
                                       NULL, &error);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_null (c);
  g_assert_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_INVALID);
}

/* Tests: quality */

static gboolean
has_problem (GPtrArray  *problems,
             guint       line,
             const char *words)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const BekalSubtitleProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == line && strstr (problem->message, words) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_quality (void)
{
  g_autoptr(GPtrArray) cues =
    parse_vtt ("WEBVTT\n\n"
               /* line 3: fine: 30 characters in 3 s */
               "00:00.000 --> 00:03.000\nSebuah kalimat yang cukup jelas\n\n"
               /* line 6: 50 characters in 2 s: 25 a second */
               "00:03.000 --> 00:05.000\nKalimat ini terlalu panjang untuk dibaca cepat sekali\n\n"
               /* line 9: a line of 45 characters, in 4 s */
               "00:05.000 --> 00:09.000\nSatu baris yang lebih panjang dari empat puluh\n\n"
               /* line 12: three lines */
               "00:09.000 --> 00:13.000\nsatu\ndua\ntiga\n\n"
               /* line 17: 0.5 s */
               "00:13.000 --> 00:13.500\nYa\n\n"
               /* line 20: 8 s */
               "00:14.000 --> 00:22.000\nDiam\n\n"
               /* line 23: overlaps the one before */
               "00:21.000 --> 00:23.000\nTumpang\n\n"
               /* line 26: 40 ms after the one before */
               "00:23.040 --> 00:25.000\nCelah\n\n"
               /* line 29: after the end of the media */
               "00:31.000 --> 00:33.000\nTerlambat\n",
               NULL);
  g_autoptr(GPtrArray) problems = bekal_subtitles_check_quality (cues, NULL, 30000);
  g_autoptr(GPtrArray) without_media = bekal_subtitles_check_quality (cues, NULL, -1);

  g_assert_false (has_problem (problems, 3, ""));
  g_assert_true (has_problem (problems, 6, "Reading speed"));
  g_assert_true (has_problem (problems, 9, "longer than 42"));
  g_assert_false (has_problem (problems, 9, "Reading speed"));
  g_assert_true (has_problem (problems, 12, "3 lines"));
  g_assert_true (has_problem (problems, 17, "500 ms"));
  g_assert_true (has_problem (problems, 20, "more than 7 s"));
  g_assert_true (has_problem (problems, 23, "overlap"));
  g_assert_true (has_problem (problems, 26, "two frames"));
  g_assert_true (has_problem (problems, 29, "after the media ends"));
  g_assert_false (has_problem (without_media, 29, "after the media ends"));

  /* back to back is no gap */
  {
    g_autoptr(GPtrArray) joined = parse_vtt ("WEBVTT\n\n00:00.000 --> 00:02.000\nSatu dua\n\n"
                                             "00:02.000 --> 00:04.000\nTiga empat\n", NULL);
    g_autoptr(GPtrArray) none = bekal_subtitles_check_quality (joined, NULL, -1);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* Tests: files */

static void
test_bundled_files (void)
{
  g_autofree char *media = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  g_autoptr(GDir) dir = g_dir_open (media, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (media, name, NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cues = NULL;

      if (!g_str_has_suffix (name, ".vtt") && !g_str_has_suffix (name, ".srt"))
        continue;
      cues = bekal_subtitles_load_full (path, &problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cues->len, >, 0);
      /* every cue of every bundled file is read */
      g_assert_cmpuint (problems->len, ==, 0);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 12);
}

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bekal-webvtt-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "besar.vtt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  FILE *file = fopen (path, "w");

  /* a file one byte over the limit is refused before it is read */
  g_assert_nonnull (file);
  fputs ("WEBVTT\n", file);
  g_assert_cmpint (fseek (file, BEKAL_SUBTITLES_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  fputc ('\n', file);
  fclose (file);
  cues = bekal_subtitles_load (path, &error);
  g_assert_null (cues);
  g_assert_error (error, BEKAL_SUBTITLES_ERROR, BEKAL_SUBTITLES_ERROR_TOO_LARGE);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/webvtt/signature", test_signature);
  g_test_add_func ("/webvtt/header-and-blocks", test_header_and_blocks);
  g_test_add_func ("/webvtt/cue-right-after-signature", test_cue_right_after_signature);
  g_test_add_func ("/webvtt/line-ends", test_line_ends);
  g_test_add_func ("/webvtt/nul-and-invalid-bytes", test_nul_and_invalid_bytes);
  g_test_add_func ("/webvtt/arrow-inside-cue", test_arrow_inside_cue);
  g_test_add_func ("/webvtt/timings", test_timings);
  g_test_add_func ("/webvtt/settings", test_settings);
  g_test_add_func ("/webvtt/bad-cue-skipped", test_bad_cue_skipped);
  g_test_add_func ("/webvtt/no-readable-cue", test_no_readable_cue);
  g_test_add_func ("/webvtt/sorted-by-start", test_sorted_by_start);
  g_test_add_func ("/webvtt/voice", test_voice);
  g_test_add_func ("/webvtt/spans-and-styles", test_spans_and_styles);
  g_test_add_func ("/webvtt/ruby", test_ruby);
  g_test_add_func ("/webvtt/timestamps-in-cue", test_timestamps_in_cue);
  g_test_add_func ("/webvtt/character-references", test_character_references);
  g_test_add_func ("/subrip/read", test_subrip);
  g_test_add_func ("/subrip/blank-lines", test_subrip_blank_lines);
  g_test_add_func ("/subtitles/guess-format", test_guess_format);
  g_test_add_func ("/subtitles/quality", test_quality);
  g_test_add_func ("/subtitles/bundled-files", test_bundled_files);
  g_test_add_func ("/subtitles/too-large", test_too_large);

  return g_test_run ();
}
