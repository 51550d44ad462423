/* bench-subtitles.c: Bekal's WebVTT reader against GStreamer's subparse on the same file
 *
 * Writes a WebVTT file of 100 000 cues (two lines each, some with voice spans, styles and
 * character references, as an interview's subtitles have), then times, in turns and in this
 * process, bekal_subtitles_load() and a pipeline `filesrc ! subparse ! fakesink` run to its
 * end. Prints the median of each and the ratio Bekal / subparse; target at most 1.
 *
 *   bench-subtitles [--cues N] [--runs N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <gst/gst.h>

#include <bekal/bekal-subtitles.h>

#include "bench-util.h"

#define TARGET_RATIO 1.0

static int n_cues = 100000;
static int n_runs = 5;

static const GOptionEntry entries[] = {
  { "cues", 0, 0, G_OPTION_ARG_INT, &n_cues, "Cues in the file (100000)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs of each reader (5)", "N" },
  { NULL }
};

static char *
write_file (const char *dir)
{
  g_autoptr(GString) text = g_string_new ("WEBVTT\n\n");
  char *path = g_build_filename (dir, "bench.vtt", NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n_cues; i++)
    {
      gint64 start = (gint64) i * 3000;
      gint64 end = start + 2500;

      g_string_append_printf (text, "%d\n%02d:%02d:%02d.%03d --> %02d:%02d:%02d.%03d\n", i + 1,
                              (int) (start / 3600000), (int) (start / 60000 % 60),
                              (int) (start / 1000 % 60), (int) (start % 1000),
                              (int) (end / 3600000), (int) (end / 60000 % 60),
                              (int) (end / 1000 % 60), (int) (end % 1000));
      switch (i % 4)
        {
        case 0:
          g_string_append (text, "<v Pewawancara>Apa yang paling sulit\npada bulan pertama?\n\n");
          break;
        case 1:
          g_string_append (text, "<v Rina>Membangun kepercayaan &amp; rasa aman\n"
                                 "dengan <i>keluarga</i> klien.\n\n");
          break;
        case 2:
          g_string_append (text, "Kami belajar dari peksos senior\ndan dari supervisor.\n\n");
          break;
        default:
          g_string_append (text, "<b>Tidak ada</b> pertanyaan\nyang terlalu sederhana.\n\n");
          break;
        }
    }

  if (!g_file_set_contents (path, text->str, text->len, &error))
    g_error ("bench-subtitles: %s", error->message);
  return path;
}

static void
on_handoff (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            gpointer    data)
{
  (*(guint *) data)++;
}

/* Runs filesrc ! subparse ! fakesink to the end; returns the number of buffers */
static guint
run_subparse (const char *path)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  GstElement *source = gst_element_factory_make ("filesrc", NULL);
  GstElement *parser = gst_element_factory_make ("subparse", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  guint n_buffers = 0;

  if (source == NULL || parser == NULL || sink == NULL)
    g_error ("bench-subtitles: filesrc, subparse or fakesink is missing");
  g_object_set (source, "location", path, NULL);
  g_object_set (sink, "signal-handoffs", TRUE, "sync", FALSE, "async", FALSE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), &n_buffers);
  gst_bin_add_many (GST_BIN (pipeline), source, parser, sink, NULL);
  if (!gst_element_link_many (source, parser, sink, NULL))
    g_error ("bench-subtitles: cannot link the pipeline");

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (message == NULL || GST_MESSAGE_TYPE (message) != GST_MESSAGE_EOS)
    g_error ("bench-subtitles: subparse did not reach the end of the file");
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return n_buffers;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the WebVTT reader");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_ours = 0, n_theirs = 0;
  double ratio;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_cues < 1 || n_runs < 1)
    {
      g_printerr ("bench-subtitles: %s\n", error != NULL ? error->message : "bad option");
      return 2;
    }
  gst_init (&argc, &argv);

  dir = g_dir_make_tmp ("bekal-bench-subtitles-XXXXXX", &error);
  g_assert_no_error (error);
  path = write_file (dir);

  /* one untimed run of each warms the page cache and loads the plugin */
  run_subparse (path);
  g_ptr_array_unref (bekal_subtitles_load (path, NULL));

  for (int run = 0; run < n_runs; run++)
    {
      g_autoptr(GPtrArray) cues = NULL;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      cues = bekal_subtitles_load (path, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      n_ours = cues->len;
      g_array_append_val (ours, ms);

      start = g_get_monotonic_time ();
      n_theirs = run_subparse (path);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (theirs, ms);
    }

  g_remove (path);
  g_rmdir (dir);

  ratio = bench_median (ours) / bench_median (theirs);
  g_print ("Reading a WebVTT file of %d cues, median of %d runs\n", n_cues, n_runs);
  g_print ("  Bekal (bekal_subtitles_load):        %8.1f ms, %u cues\n",
           bench_median (ours), n_ours);
  g_print ("  GStreamer (filesrc ! subparse ! fakesink): %8.1f ms, %u buffers\n",
           bench_median (theirs), n_theirs);
  g_print ("  ratio Bekal / subparse: %.2f (target at most %.1f): %s\n", ratio, TARGET_RATIO,
           ratio <= TARGET_RATIO ? "met" : "NOT met");

  return ratio <= TARGET_RATIO ? 0 : 1;
}
