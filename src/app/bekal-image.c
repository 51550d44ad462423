/* bekal-image.c: a picture from a file a module names, decoded off the main thread
 *
 * Module files come from USB sticks and are hostile until checked: bekal_image_check_file()
 * reads the header first (format, size, completeness; nothing decoded) and refuses an image
 * larger than BEKAL_IMAGE_MAX_SIDE; what passes is decoded in a worker thread no larger than
 * it will be shown. Only the texture is made on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-image-check.h>

#include "bekal-image.h"

struct _BekalImage
{
  GtkWidget     parent_instance;

  GtkWidget    *picture;
  GtkWidget    *placeholder;
  int           max_width;
  char         *path;
  GCancellable *cancellable;   /* of the read under way, or NULL */
  gboolean      pending;       /* @path waits for the widget to be realized */
  gboolean      failed;
};

typedef struct
{
  char *path;
  int   max_width;   /* in device pixels, or -1 */
} LoadData;

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_MAX_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BekalImage, bekal_image, GTK_TYPE_WIDGET)

/* Helpers */

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

/* The one check of a file before it is decoded: core's, which reads the header only */
static gboolean
check_image_header (const char  *path,
                    int         *out_width,
                    int         *out_height,
                    GError     **error)
{
  return bekal_image_check_file (path, NULL, out_width, out_height, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int width, height;

  if (!check_image_header (data->path, &width, &height, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* no larger than shown, never enlarged */
  if (data->max_width > 0 && width > data->max_width)
    {
      height = MAX (1, (int) ((double) height * data->max_width / width + 0.5));
      width = data->max_width;
    }

  pixbuf = gdk_pixbuf_new_from_file_at_scale (data->path, width, height, FALSE, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&pixbuf), g_object_unref);
}

static void
set_failed (BekalImage *self,
            gboolean    failed)
{
  self->failed = failed;
  gtk_widget_set_visible (self->picture, !failed);
  gtk_widget_set_visible (self->placeholder, failed);
}

static void on_loaded (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data);

static void
start_loading (BekalImage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  self->pending = FALSE;
  if (self->path == NULL)
    return;

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (self->path);
  data->max_width = self->max_width > 0
                    ? self->max_width * gtk_widget_get_scale_factor (GTK_WIDGET (self))
                    : -1;

  self->cancellable = g_cancellable_new ();
  /* no source object: a task must not keep a widget that went away alive */
  task = g_task_new (NULL, self->cancellable, on_loaded, self);
  g_task_set_source_tag (task, start_loading);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cancel_loading (BekalImage *self)
{
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Callbacks */

static void
on_loaded (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  BekalImage *self;

  /* cancelled: the widget was disposed or given another file; it must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_IMAGE (user_data);
  g_clear_object (&self->cancellable);

  pixbuf = g_task_propagate_pointer (task, &error);
  if (pixbuf == NULL)
    {
      g_debug ("Not showing an image: %s", error->message);
      gtk_widget_set_tooltip_text (self->placeholder, error->message);
      set_failed (self, TRUE);
    }
  else
    {
      texture = gdk_texture_new_for_pixbuf (pixbuf);
      gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (texture));
      set_failed (self, FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Overrides */

static void
bekal_image_realize (GtkWidget *widget)
{
  BekalImage *self = BEKAL_IMAGE (widget);

  GTK_WIDGET_CLASS (bekal_image_parent_class)->realize (widget);

  /* only now is the screen's scale known */
  if (self->pending)
    start_loading (self);
}

static void
bekal_image_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BekalImage *self = BEKAL_IMAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, bekal_image_is_loading (self));
      break;
    case PROP_MAX_WIDTH:
      g_value_set_int (value, self->max_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_image_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BekalImage *self = BEKAL_IMAGE (object);

  switch (prop_id)
    {
    case PROP_MAX_WIDTH:
      self->max_width = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_image_dispose (GObject *object)
{
  BekalImage *self = BEKAL_IMAGE (object);

  cancel_loading (self);
  g_clear_pointer (&self->picture, gtk_widget_unparent);
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);

  G_OBJECT_CLASS (bekal_image_parent_class)->dispose (object);
}

static void
bekal_image_finalize (GObject *object)
{
  BekalImage *self = BEKAL_IMAGE (object);

  g_free (self->path);

  G_OBJECT_CLASS (bekal_image_parent_class)->finalize (object);
}

static void
bekal_image_class_init (BekalImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bekal_image_get_property;
  object_class->set_property = bekal_image_set_property;
  object_class->dispose = bekal_image_dispose;
  object_class->finalize = bekal_image_finalize;
  widget_class->realize = bekal_image_realize;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the widest the picture is shown, in application pixels; -1: no limit */
  properties[PROP_MAX_WIDTH] =
    g_param_spec_int ("max-width", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bekalimage");
}

static void
bekal_image_init (BekalImage *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("image-missing-symbolic");
  GtkWidget *label = gtk_label_new (_("This image cannot be shown"));

  self->picture = gtk_picture_new ();
  gtk_widget_set_parent (self->picture, GTK_WIDGET (self));

  self->placeholder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (self->placeholder, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_add_css_class (self->placeholder, "image-placeholder");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (self->placeholder), icon);
  gtk_box_append (GTK_BOX (self->placeholder), label);
  gtk_widget_set_visible (self->placeholder, FALSE);
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("This image cannot be shown"), -1);
}

/* Public API */

GtkWidget *
bekal_image_new (int max_width)
{
  return g_object_new (BEKAL_TYPE_IMAGE, "max-width", max_width, NULL);
}

void
bekal_image_set_filename (BekalImage *self,
                          const char *path)
{
  g_return_if_fail (BEKAL_IS_IMAGE (self));

  cancel_loading (self);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), NULL);
  set_failed (self, FALSE);

  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    start_loading (self);
  else
    self->pending = path != NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

GtkPicture *
bekal_image_get_picture (BekalImage *self)
{
  g_return_val_if_fail (BEKAL_IS_IMAGE (self), NULL);

  return GTK_PICTURE (self->picture);
}

gboolean
bekal_image_is_loading (BekalImage *self)
{
  g_return_val_if_fail (BEKAL_IS_IMAGE (self), FALSE);

  return self->pending || self->cancellable != NULL;
}

gboolean
bekal_image_get_failed (BekalImage *self)
{
  g_return_val_if_fail (BEKAL_IS_IMAGE (self), FALSE);

  return self->failed;
}
