/* bekal-application.c: the Bekal application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <bekal/bekal-paths.h>

#include "bekal-application.h"
#include "bekal-window.h"

struct _BekalApplication
{
  AdwApplication  parent_instance;
  BekalCatalog   *catalog;
  GStrv           module_dirs;
  char           *data_dir;
  gboolean        quit_after_first_frame;
};

G_DEFINE_FINAL_TYPE (BekalApplication, bekal_application, ADW_TYPE_APPLICATION)

/* Helpers */

static void
ensure_catalog (BekalApplication *self)
{
  g_auto(GStrv) module_dirs = NULL;
  g_auto(GStrv) media_dirs = NULL;

  if (self->catalog != NULL)
    return;

  module_dirs = bekal_catalog_default_module_dirs ((const char * const *) self->module_dirs);
  media_dirs = bekal_catalog_default_media_dirs (NULL);
  self->catalog = bekal_catalog_new ((const char * const *) module_dirs,
                                     (const char * const *) media_dirs);
  bekal_catalog_load (self->catalog);
}

/* Callbacks */

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static gboolean
on_first_frame_quit (GtkWidget     *widget,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

/* Overrides */

static int
bekal_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  BekalApplication *self = BEKAL_APPLICATION (application);
  g_auto(GStrv) module_dirs = NULL;
  const char *data_dir = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("bekal %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "modules-dir", "^a&ay", &module_dirs))
    self->module_dirs = g_strdupv (module_dirs);
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");

  return -1;
}

static void
bekal_application_activate (GApplication *application)
{
  BekalApplication *self = BEKAL_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      ensure_catalog (self);
      window = GTK_WINDOW (bekal_window_new (self));

      if (self->quit_after_first_frame)
        gtk_widget_add_tick_callback (GTK_WIDGET (window), on_first_frame_quit, self, NULL);
    }

  gtk_window_present (window);
}

static void
bekal_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { "quit", on_quit_activated },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (bekal_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         quit_accels);
}

static void
bekal_application_finalize (GObject *object)
{
  BekalApplication *self = BEKAL_APPLICATION (object);

  g_clear_object (&self->catalog);
  g_strfreev (self->module_dirs);
  g_free (self->data_dir);

  G_OBJECT_CLASS (bekal_application_parent_class)->finalize (object);
}

static void
bekal_application_class_init (BekalApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bekal_application_finalize;
  app_class->handle_local_options = bekal_application_handle_local_options;
  app_class->startup = bekal_application_startup;
  app_class->activate = bekal_application_activate;
}

static void
bekal_application_init (BekalApplication *self)
{
  const GOptionEntry options[] = {
    { "modules-dir", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("Also look for modules in DIR"), N_("DIR") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep profiles and results in DIR (for example on a USB stick)"), N_("DIR") },
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/* Public API */

BekalApplication *
bekal_application_new (void)
{
  return g_object_new (BEKAL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/bekal_peksos/Bekal",
                       NULL);
}

BekalCatalog *
bekal_application_get_catalog (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  ensure_catalog (self);
  return self->catalog;
}

const char *
bekal_application_get_data_dir (BekalApplication *self)
{
  g_return_val_if_fail (BEKAL_IS_APPLICATION (self), NULL);

  if (self->data_dir == NULL)
    self->data_dir = bekal_paths_default_data_dir ();

  return self->data_dir;
}
