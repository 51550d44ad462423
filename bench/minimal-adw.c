/* minimal-adw.c: the smallest libadwaita program that opens one window, as a second yardstick
 *
 * Bekal is a libadwaita application: this shows how much of its start-up libadwaita itself
 * takes (its style sheet, its header bar) over a plain GTK 4 window. With
 * --quit-after-first-frame it quits once the window has been painted, as Bekal does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

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
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
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
  g_autoptr(AdwApplication) application = NULL;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--quit-after-first-frame"))
      quit_after_first_frame = TRUE;

  application = adw_application_new ("io.github.bekal_peksos.BekalMinimalAdw",
                                     G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (application), 1, argv);
}
