/* bench-studio-preview.c: the studio's preview refresh after an edit, against the loader alone
 *
 * Opens the largest bundled module (modules/WHICH/module.id.xml, with its English file) in the
 * studio window under a display, puts the cursor in its middle lesson and, in turns and in
 * this process:
 *
 *   - edit: types one character in a paragraph of that lesson, then measures until the preview
 *     shows the lesson again and the window has painted it. This includes the studio's pause
 *     in typing (the debounce) that comes before every check.
 *   - refresh: the same without the pause: from the start of the check (the end of the pause)
 *     to the painted preview: the work the studio adds on top of the loader. The time to the
 *     rebuilt preview (its widgets made again, before GTK lays out and paints the frame) is
 *     printed too: under Xvfb the frame is drawn in software, a cost a laptop's GPU takes.
 *   - loader: the loader alone on the same text: bekal_loader_load_bytes() of both files and
 *     the translation check, in this thread.
 *
 * Prints the medians, the ratio refresh / loader (target at most 2) and the edit time (target
 * under 300 ms).
 *
 *   bench-studio-preview [--runs N] [--module FOLDER]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-loader.h>

#include "bekal-studio-check.h"
#include "bekal-studio-window.h"
#include "bench-util.h"
#include "test-ui-util.h"

#define TARGET_RATIO 2.0
#define TARGET_EDIT_MS 300.0

static int n_runs = 15;
static char *module_folder;

static const GOptionEntry entries[] = {
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs of each (15)", "N" },
  { "module", 0, 0, G_OPTION_ARG_FILENAME, &module_folder,
    "The module folder (the largest of modules/)", "FOLDER" },
  { NULL }
};

typedef struct
{
  guint  previews;
  guint  paints;
  gint64 painted_at;
  gint64 updated_at;
  gboolean armed;
} Progress;

static void
on_preview_updated (BekalStudioWindow *window,
                    Progress          *progress)
{
  progress->previews++;
  progress->armed = TRUE;
  progress->updated_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Progress      *progress)
{
  /* the first paint after the preview was rebuilt shows it */
  if (!progress->armed)
    return;
  progress->armed = FALSE;
  progress->paints++;
  progress->painted_at = g_get_monotonic_time ();
}

typedef struct
{
  Progress *progress;
  guint     after;
} PaintWait;

static gboolean
painted_after (gpointer data)
{
  PaintWait *wait = data;

  return wait->progress->paints > wait->after;
}

static gboolean
editor_loaded (gpointer data)
{
  return bekal_studio_editor_is_loaded (data);
}

/* The folder of modules/ whose module.id.xml is the largest */
static char *
largest_module (void)
{
  g_autofree char *modules = g_build_filename (BEKAL_SOURCE_ROOT, "modules", NULL);
  g_autoptr(GDir) dir = g_dir_open (modules, 0, NULL);
  g_autofree char *best = NULL;
  goffset best_size = -1;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (modules, name, NULL);
      g_autofree char *file = g_build_filename (folder, "module.id.xml", NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && st.st_size > best_size)
        {
          best_size = st.st_size;
          g_free (best);
          best = g_steal_pointer (&folder);
        }
    }

  return g_steal_pointer (&best);
}

/* Puts the cursor inside the first paragraph of the middle lesson; returns its id */
static char *
cursor_in_middle_lesson (BekalStudioEditor *editor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (bekal_studio_editor_get_buffer (editor));
  GtkTextIter iter, start, end;
  guint n = 0;
  guint target;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, "<lesson ", GTK_TEXT_SEARCH_TEXT_ONLY, &start,
                                       &end, NULL))
    {
      n++;
      iter = end;
    }
  g_assert (n > 0);
  target = n / 2;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (guint i = 0; i <= target; i++)
    {
      g_assert (gtk_text_iter_forward_search (&iter, "<lesson ", GTK_TEXT_SEARCH_TEXT_ONLY,
                                              &start, &end, NULL));
      iter = end;
    }
  g_assert (gtk_text_iter_forward_search (&iter, "<p>", GTK_TEXT_SEARCH_TEXT_ONLY, &start, &end,
                                          NULL));
  gtk_text_buffer_place_cursor (buffer, &end);

  return bekal_studio_editor_dup_cursor_lesson (editor);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new ("— the studio's preview refresh");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *xdg = NULL;
  g_autofree char *id_path = NULL;
  g_autofree char *en_path = NULL;
  g_autofree char *lesson = NULL;
  g_auto(GStrv) media_dirs = NULL;
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) refreshes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { 0, };
  BekalStudioWindow *window;
  BekalStudioEditor *editor;
  GtkTextBuffer *buffer;
  double edit, refresh, rebuild, load;
  gsize id_size = 0;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* the recovery copies go to a temporary folder, never the user's */
  tmp = g_dir_make_tmp ("bekal-bench-studio-XXXXXX", NULL);
  xdg = g_build_filename (tmp, "xdg-data", NULL);
  g_setenv ("XDG_DATA_HOME", xdg, TRUE);

  if (module_folder == NULL)
    module_folder = largest_module ();
  id_path = g_build_filename (module_folder, "module.id.xml", NULL);
  en_path = g_build_filename (module_folder, "module.en.xml", NULL);
  media_dirs = bekal_catalog_default_media_dirs (NULL);

  adw_init ();
  window = bekal_studio_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_signal_connect (window, "preview-updated", G_CALLBACK (on_preview_updated), &progress);
  gtk_window_present (GTK_WINDOW (window));
  if (!bekal_studio_window_open_folder (window, module_folder, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), &progress);

  editor = bekal_studio_window_get_editor (window, "id");
  buffer = GTK_TEXT_BUFFER (bekal_studio_editor_get_buffer (editor));
  ui_wait_until (editor_loaded, editor, "the Indonesian file");
  ui_wait_until (editor_loaded, bekal_studio_window_get_editor (window, "en"), "the English file");
  ui_wait_until (painted_after, &(PaintWait) { &progress, 0 }, "the first preview");
  lesson = cursor_in_middle_lesson (editor);
  ui_settle (500);

  for (int run = -1; run < n_runs; run++)
    {
      g_autoptr(GBytes) id_text = NULL;
      g_autoptr(GBytes) en_text = NULL;
      g_autoptr(BekalStudioCheck) check = NULL;
      gint64 start;
      guint paints;

      /* edit: a keystroke, the pause, the check, the painted preview */
      paints = progress.paints;
      start = g_get_monotonic_time ();
      gtk_text_buffer_insert_interactive_at_cursor (buffer, run % 2 ? "a" : "e", 1, TRUE);
      ui_wait_until (painted_after, &(PaintWait) { &progress, paints },
                     "the preview after an edit");
      edit = (progress.painted_at - start) / 1000.0;
      ui_settle (100);

      /* refresh: the same without the pause */
      paints = progress.paints;
      start = g_get_monotonic_time ();
      bekal_studio_window_check_now (window);
      ui_wait_until (painted_after, &(PaintWait) { &progress, paints }, "the refreshed preview");
      refresh = (progress.painted_at - start) / 1000.0;
      rebuild = (progress.updated_at - start) / 1000.0;

      /* loader: both texts and the translation check, in this thread */
      id_text = bekal_studio_editor_dup_text (editor);
      en_text = bekal_studio_editor_dup_text (bekal_studio_window_get_editor (window, "en"));
      id_size = g_bytes_get_size (id_text);
      start = g_get_monotonic_time ();
      check = bekal_studio_check_run ((const char * const *) media_dirs,
                                      &(BekalStudioSource) { id_path, id_text },
                                      &(BekalStudioSource) { en_path, en_text });
      load = (g_get_monotonic_time () - start) / 1000.0;
      if (check->original == NULL)
        {
          g_printerr ("The module does not load after the edit\n");
          return 1;
        }
      ui_settle (100);

      /* the first round warms caches up */
      if (run < 0)
        continue;
      g_array_append_val (edits, edit);
      g_array_append_val (refreshes, refresh);
      g_array_append_val (rebuilds, rebuild);
      g_array_append_val (loads, load);
    }

  edit = bench_median (edits);
  refresh = bench_median (refreshes);
  rebuild = bench_median (rebuilds);
  load = bench_median (loads);
  g_print ("module: %s (module.id.xml %zu bytes, with module.en.xml), lesson %s\n",
           module_folder, id_size, lesson);
  g_print ("runs: %d (medians)\n", n_runs);
  g_print ("edit → painted preview (with the pause in typing): %.1f ms (target < %.0f ms)\n",
           edit, TARGET_EDIT_MS);
  g_print ("check started → preview rebuilt:                  %.1f ms\n", rebuild);
  g_print ("check started → painted preview:                  %.1f ms\n", refresh);
  g_print ("loader alone on the same text (both files):       %.1f ms\n", load);
  g_print ("ratio rebuilt / loader: %.2f\n", rebuild / load);
  g_print ("ratio refresh / loader: %.2f (target ≤ %.1f)\n", refresh / load, TARGET_RATIO);

  gtk_text_buffer_set_modified (buffer, FALSE);
  gtk_text_buffer_set_modified (
    GTK_TEXT_BUFFER (bekal_studio_editor_get_buffer (bekal_studio_window_get_editor (window,
                                                                                     "en"))),
    FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  bench_remove_tree (tmp);

  return refresh / load <= TARGET_RATIO && edit < TARGET_EDIT_MS ? 0 : 1;
}
