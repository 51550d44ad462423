/* test-ui-util.c: helpers shared by the tests that drive widgets under a virtual display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-ui-util.h"

typedef struct
{
  gint64 until;
} Pause;

/* Helpers */

static gboolean
pause_over (gpointer data)
{
  return g_get_monotonic_time () >= ((Pause *) data)->until;
}

static gboolean
transitions_over (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return FALSE;
  if (GTK_IS_REVEALER (widget) && gtk_revealer_get_reveal_child (GTK_REVEALER (widget))
      != gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && !transitions_over (child))
      return FALSE;

  return TRUE;
}

static gboolean
transitions_over_cb (gpointer data)
{
  return transitions_over (GTK_WIDGET (data));
}

static void
collect_by_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, type, found);
}

/* Public API */

void
ui_wait_until (UiCondition  condition,
               gpointer     data,
               const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + UI_WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for: %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

void
ui_settle (guint milliseconds)
{
  Pause pause = { g_get_monotonic_time () + milliseconds * 1000 };

  ui_wait_until (pause_over, &pause, "a pause");
}

void
ui_wait_for_transitions (GtkWidget *root)
{
  ui_wait_until (transitions_over_cb, root, "the end of the transitions");
}

GtkWidget *
ui_find_by_id (GtkWidget  *root,
               const char *id)
{
  const char *own = GTK_IS_BUILDABLE (root) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (root))
                                            : NULL;

  if (g_strcmp0 (own, id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_by_id (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ui_require_id (GtkWidget  *root,
               const char *id)
{
  GtkWidget *widget = ui_find_by_id (root, id);

  if (widget == NULL)
    g_error ("No widget with the id “%s” in %s", id, G_OBJECT_TYPE_NAME (root));

  return widget;
}

GtkWidget *
ui_find_by_type (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GPtrArray *
ui_find_all (GtkWidget *root,
             GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_by_type (root, type, found);
  return found;
}

void
ui_choose_matches (GtkWidget          *root,
                   const char * const *left,
                   const char * const *right,
                   gboolean            correct)
{
  g_autoptr(GPtrArray) drops = ui_find_all (root, GTK_TYPE_DROP_DOWN);

  g_assert_cmpuint (drops->len, ==, g_strv_length ((char **) left));
  for (guint i = 0; i < drops->len; i++)
    {
      guint choice = 1;

      for (guint j = 0; correct && right[j] != NULL; j++)
        if (g_str_equal (right[j], left[i]))
          choice = j + 1;
      gtk_drop_down_set_selected (g_ptr_array_index (drops, i), choice);
    }
}

void
ui_save_screenshot (GtkWindow  *window,
                    const char *dir,
                    const char *file_name)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  int width = gdk_surface_get_width (surface);
  int height = gdk_surface_get_height (surface);
  g_autofree char *path = NULL;
  g_autofree char *crop = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  /* the X server's picture, as the learner sees it, dialogs included */
  const char *argv[] = { "import", "-window", "root", "-crop", NULL, "+repage", NULL, NULL };

  ui_wait_for_transitions (GTK_WIDGET (window));
  ui_settle (300);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file_name, NULL);
  crop = g_strdup_printf ("%dx%d+0+0", width, height);
  argv[4] = crop;
  argv[6] = path;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &wait_status, &error))
    {
      g_test_message ("No screenshot %s: %s", file_name, error->message);
      return;
    }
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_test_message ("Screenshot: %s (%d×%d)", path, width, height);
}
