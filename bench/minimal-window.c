/* minimal-window.c: the smallest program that opens one window, as a yardstick
 *
 * Built twice: as minimal-gtk, a plain GTK 4 window with a label, and with
 * MINIMAL_WITH_ADWAITA as minimal-adw, a libadwaita window with a header bar and a label,
 * which shows how much of Bekal's start-up libadwaita itself takes (its style sheet, its header
 * bar). With --quit-after-first-frame each quits once its window has been painted, as Bekal
 * does with the same option, so that bench-startup can compare the start-ups.
 *
 * minimal-adw --switch-pages is bench-ui-stalls' yardstick: a 1366×768 window whose stack
 * crossfades from a page of eight cards (as the library shows its modules) to a status page
 * (as a module opens on its content note) and back, five times, while a timer measures how
 * late the main loop comes back to it, as bench-ui-stalls does. It prints
 * `longest-stall-ms: X`: what drawing such a switch costs on this display, with none of
 * Bekal's code.
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

#ifdef MINIMAL_WITH_ADWAITA
/* as in bench-ui-stalls */
#define PROBE_INTERVAL_MS 2
#define SWITCH_INTERVAL_MS 1500
#define N_SWITCHES 10

static gboolean switch_pages = FALSE;
static gint64 last_probe_us;
static double longest_stall_ms;
static guint n_switches;

static gboolean
on_probe (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_probe_us != 0 && n_switches > 0)
    longest_stall_ms = MAX (longest_stall_ms,
                            (now - last_probe_us) / 1000.0 - PROBE_INTERVAL_MS);
  last_probe_us = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
on_switch (gpointer data)
{
  GtkStack *stack = data;

  if (n_switches == N_SWITCHES)
    {
      g_print ("longest-stall-ms: %.1f\n", longest_stall_ms);
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }

  n_switches++;
  gtk_stack_set_visible_child_name (stack, n_switches % 2 ? "note" : "cards");

  return G_SOURCE_CONTINUE;
}

static GtkWidget *
make_cards_page (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 16);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (grid, 60);

  for (int i = 0; i < 8; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new ("Manajemen kasus dan asesmen risiko-kebutuhan");
      GtkWidget *summary = gtk_label_new ("Siklus manajemen kasus bersama klien, asesmen risiko "
                                          "dan kebutuhan sebagai dasar rencana rehabilitasi.");

      gtk_widget_add_css_class (card, "card");
      gtk_widget_set_size_request (card, 470, 180);
      gtk_widget_add_css_class (title, "title-3");
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), summary);
      gtk_grid_attach (GTK_GRID (grid), card, i % 2, i / 2, 1, 1);
    }

  return grid;
}

static GtkWidget *
make_switching_content (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *note = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (note), "dialog-information-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (note), "Catatan Konten");
  adw_status_page_set_description (ADW_STATUS_PAGE (note),
                                   "Modul ini membahas ekstremisme berbasis kekerasan. Anda "
                                   "boleh berhenti dan melanjutkan kapan saja.");

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_stack_add_named (GTK_STACK (stack), make_cards_page (), "cards");
  gtk_stack_add_named (GTK_STACK (stack), note, "note");
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), stack);

  g_timeout_add_full (G_PRIORITY_HIGH, PROBE_INTERVAL_MS, on_probe, NULL, NULL);
  g_timeout_add (SWITCH_INTERVAL_MS, on_switch, stack);

  return box;
}
#endif

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
  GtkWidget *box = NULL;

  if (switch_pages)
    box = make_switching_content ();
  else
    {
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
    }
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  GtkWidget *window = gtk_application_window_new (application);

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
#endif

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
#ifdef MINIMAL_WITH_ADWAITA
  if (switch_pages)
    gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
#endif
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
    else if (g_str_equal (argv[i], "--switch-pages"))
      switch_pages = TRUE;
#endif

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
