/* bench-loader-scaling.c: the loader's time grows in step with the number of repeated elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each kind of repeated element (options of one question, chapters of one video,
 * questions of one quiz, topics, attributes of one element, paragraphs of one lesson) this
 * writes modules with 1 000, 10 000 and 100 000 of them, loads each and prints the time per
 * element. A loader that compares siblings pairwise takes 100 times longer for 10 times more
 * elements; a linear one about 10 times. The target is at most 15 times, for every kind.
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>

#define TARGET_RATIO 15.0

typedef enum
{
  KIND_OPTIONS,
  KIND_CHAPTERS,
  KIND_QUESTIONS,
  KIND_TOPICS,
  KIND_ATTRIBUTES,
  KIND_PARAGRAPHS,
  N_KINDS
} Kind;

static const char * const kind_names[N_KINDS] = {
  "options", "chapters", "questions", "topics", "attributes", "paragraphs",
};

static const guint sizes[] = { 1000, 10000, 100000 };

static int    n_runs = 3;
static char  *only_kind = NULL;
static int    max_size = 100000;

static const GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs,
    "Loads of each module; the best is kept (3; 2 for 100 000 elements)", "N" },
  { "kind", 'k', 0, G_OPTION_ARG_STRING, &only_kind,
    "Only this kind: options, chapters, questions, topics, attributes or paragraphs", "KIND" },
  { "max", 0, 0, G_OPTION_ARG_INT, &max_size, "Largest size to try (100000)", "N" },
  { NULL }
};

static void
append_head (GString *xml,
             Kind     kind,
             guint    n)
{
  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<module xmlns=\"urn:bekal:module:1\" id=\"skala\" version=\"1\" "
                   "xml:lang=\"id\">\n<title>Skala</title><summary>S</summary>\n"
                   "<meta><author>A</author></meta>\n<topics>\n");
  if (kind == KIND_TOPICS)
    for (guint i = 0; i < n; i++)
      g_string_append_printf (xml, "<topic id=\"t%u\">Topik %u</topic>\n", i, i);
  else
    g_string_append (xml, "<topic id=\"t0\">Topik</topic>\n");
  g_string_append (xml, "</topics>\n");
}

/* The module with @n elements of @kind; every kind but attributes gives a valid module */
static char *
make_module (Kind  kind,
             guint n)
{
  g_autoptr(GString) xml = g_string_new (NULL);

  append_head (xml, kind, n);

  switch (kind)
    {
    case KIND_QUESTIONS:
      g_string_append (xml, "<quiz id=\"pre\" role=\"pretest\" draw=\"10\">\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (xml,
                                "<question id=\"q%u\" topic=\"t0\" type=\"truefalse\" "
                                "answer=\"true\"><prompt>P</prompt>"
                                "<explanation>E</explanation></question>\n", i);
      g_string_append (xml, "</quiz>\n<lesson id=\"l\"><title>L</title><p>P</p></lesson>\n");
      break;

    case KIND_OPTIONS:
      g_string_append (xml,
                       "<lesson id=\"l\"><title>L</title>\n<quiz id=\"latihan\" "
                       "role=\"practice\">\n<question id=\"q\" topic=\"t0\" type=\"single\">"
                       "<prompt>P</prompt>\n<option id=\"o0\" correct=\"true\">O</option>\n");
      for (guint i = 1; i < n; i++)
        g_string_append_printf (xml, "<option id=\"o%u\">O %u</option>\n", i, i);
      g_string_append (xml, "<explanation>E</explanation></question></quiz></lesson>\n");
      break;

    case KIND_CHAPTERS:
      g_string_append (xml,
                       "<lesson id=\"l\"><title>L</title>\n<video id=\"v\" src=\"v.webm\">"
                       "<title>V</title><subtitles xml:lang=\"id\" src=\"v.vtt\"/>\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (xml, "<chapter at=\"%u\">Bab %u</chapter>\n", i, i);
      g_string_append (xml, "</video></lesson>\n");
      break;

    case KIND_TOPICS:
      g_string_append (xml, "<lesson id=\"l\"><title>L</title><p>P</p></lesson>\n");
      break;

    case KIND_ATTRIBUTES:
      /* unknown attributes, ten on each paragraph: one schema error each. (One element may
       * have at most BEKAL_LOADER_MAX_ATTRIBUTES attributes; test-hostile checks that a tag
       * with 100 000 is refused at once.) */
      g_string_append (xml, "<lesson id=\"l\"><title>L</title>\n");
      for (guint i = 0; i < n; i += 10)
        {
          g_string_append (xml, "<p");
          for (guint j = i; j < i + 10 && j < n; j++)
            g_string_append_printf (xml, " a%u=\"x\"", j - i);
          g_string_append (xml, ">P</p>\n");
        }
      g_string_append (xml, "</lesson>\n");
      break;

    case KIND_PARAGRAPHS:
      g_string_append (xml, "<lesson id=\"l\"><title>L</title>\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (xml, "<p>Paragraf %u.</p>\n", i);
      g_string_append (xml, "</lesson>\n");
      break;

    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  g_string_append (xml, "</module>\n");

  return g_string_free (g_steal_pointer (&xml), FALSE);
}

/* The processor time of this process: on a machine shared with other work, the wall time
 * of a load includes the time others had the processor */
static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Processor seconds for the best of @runs loads; @out_errors gets the errors of the last one */
static double
time_load (BekalLoader *loader,
           const char  *path,
           int          runs,
           guint       *out_errors)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
      g_autoptr(BekalModule) module = NULL;
      double start = cpu_seconds ();
      double seconds;

      module = bekal_loader_load_file (loader, path, diagnostics, NULL);
      seconds = cpu_seconds () - start;
      best = MIN (best, seconds);
      *out_errors = bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR);
    }

  return best;
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- loader time per element");
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *video = NULL;
  g_autofree char *subtitles = NULL;
  gboolean failed = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  folder = g_dir_make_tmp ("bekal-scaling-XXXXXX", &error);
  if (folder == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  path = g_build_filename (folder, "module.id.xml", NULL);
  video = g_build_filename (folder, "v.webm", NULL);
  subtitles = g_build_filename (folder, "v.vtt", NULL);
  /* the loader only checks that the files exist */
  if (!g_file_set_contents (video, "", 0, &error)
      || !g_file_set_contents (subtitles, "WEBVTT\n", -1, &error))
    {
      g_printerr ("%s\n", error->message);
      remove_folder (folder);
      return 2;
    }

  g_print ("Loader processor time per element (best of %d loads; of 2 at 100 000)\n", n_runs);
  g_print ("%-11s %12s %12s %12s %8s\n", "kind", "1 000", "10 000", "100 000", "ratio");

  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      double seconds[G_N_ELEMENTS (sizes)] = { 0, };
      g_autoptr(GString) line = g_string_new (NULL);
      guint n_sizes = 0;

      if (only_kind != NULL && g_strcmp0 (only_kind, kind_names[kind]) != 0)
        continue;

      g_string_append_printf (line, "%-11s", kind_names[kind]);
      for (guint i = 0; i < G_N_ELEMENTS (sizes) && sizes[i] <= (guint) max_size; i++)
        {
          g_autofree char *xml = make_module (kind, sizes[i]);
          guint n_errors = 0;
          guint runs;

          if (!g_file_set_contents (path, xml, -1, &error))
            {
              g_printerr ("%s\n", error->message);
              remove_folder (folder);
              return 2;
            }
          /* the largest size is timed at most twice: it takes seconds */
          runs = sizes[i] >= 100000 ? MIN (MAX (n_runs, 1), 2) : MAX (n_runs, 1);

          seconds[i] = time_load (loader, path, runs, &n_errors);
          /* only the unknown attributes are meant to be errors, one each */
          if ((kind == KIND_ATTRIBUTES) != (n_errors > 0))
            {
              g_printerr ("%s x %u: unexpected result, %u errors\n", kind_names[kind],
                          sizes[i], n_errors);
              failed = TRUE;
            }
          g_string_append_printf (line, " %9.2f us", seconds[i] * 1e6 / sizes[i]);
          n_sizes++;
        }

      if (n_sizes == G_N_ELEMENTS (sizes))
        {
          double ratio = seconds[2] / MAX (seconds[1], 1e-6);

          g_string_append_printf (line, " %7.1fx%s", ratio,
                                  ratio > TARGET_RATIO ? "  (target <= 15x: FAILED)" : "");
          if (ratio > TARGET_RATIO)
            failed = TRUE;
        }
      g_print ("%s\n", line->str);
    }

  g_print ("ratio = time for 100 000 / time for 10 000; linear is 10x, target <= %.0fx\n",
           TARGET_RATIO);

  remove_folder (folder);

  return failed ? 1 : 0;
}
