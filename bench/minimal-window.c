/* minimal-window.c: the smallest program that opens one window, as a yardstick
 *
 * Built twice: as minimal-gtk, a plain GTK 4 window with a label, and with
 * MINIMAL_WITH_ADWAITA as minimal-adw, a libadwaita window with a header bar and a label,
 * which shows how much of Bekal's start-up libadwaita itself takes (its style sheet, its header
 * bar). With --quit-after-first-frame each quits once its window has been painted, as Bekal
 * does with the same option, so that bench-startup can compare the start-ups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#ifdef MINIMAL_WITH_ADWAITA
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif

static gboolean quit_after_first_frame = FALSE;

static void
on_after_paint (GdkFrameClock *frame_clock,
                GApplication  *application)
{
  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint, application);
  g_application_quit (application);
}

static void
on_map (GtkWidget    *window,
        GApplication *application)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), application);
}

static void
on_activate (GtkApplication *application)
{
#ifdef MINIMAL_WITH_ADWAITA
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  GtkWidget *window = gtk_application_window_new (application);

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
#endif

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  if (quit_after_first_frame)
    g_signal_connect (window, "map", G_CALLBACK (on_map), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkApplication) application = NULL;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--quit-after-first-frame"))
      quit_after_first_frame = TRUE;

#ifdef MINIMAL_WITH_ADWAITA
  application = GTK_APPLICATION (adw_application_new ("io.github.bekal_peksos.BekalMinimalAdw",
                                                      G_APPLICATION_DEFAULT_FLAGS));
#else
  application = gtk_application_new ("io.github.bekal_peksos.BekalMinimal",
                                     G_APPLICATION_DEFAULT_FLAGS);
#endif
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (application), 1, argv);
}
