/* bekal-video-paintable.c: the current video frame as a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-video-paintable.h"

struct _BekalVideoPaintable
{
  GObject       parent_instance;

  GMainContext *context;

  /* shared with the streaming thread */
  GMutex        lock;
  GdkTexture   *pending;
  double        pending_pixel_aspect;
  GSource      *pending_source;
  guint64       n_queued;

  /* main thread only */
  GdkTexture   *texture;
  double        pixel_aspect;
  guint64       n_shown;
};

static void bekal_video_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BekalVideoPaintable, bekal_video_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      bekal_video_paintable_paintable_init))

/* Helpers */

static int
displayed_width (BekalVideoPaintable *self)
{
  if (self->texture == NULL)
    return 0;
  return (int) (gdk_texture_get_width (self->texture) * self->pixel_aspect + 0.5);
}

/* Callbacks */

static gboolean
on_frame_ready (gpointer user_data)
{
  BekalVideoPaintable *self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean size_changed;
  double pixel_aspect;

  g_mutex_lock (&self->lock);
  texture = g_steal_pointer (&self->pending);
  pixel_aspect = self->pending_pixel_aspect;
  g_clear_pointer (&self->pending_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  if (texture == NULL)
    return G_SOURCE_REMOVE;

  size_changed = self->texture == NULL
                 || gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture)
                 || gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture)
                 || self->pixel_aspect != pixel_aspect;

  g_set_object (&self->texture, texture);
  self->pixel_aspect = pixel_aspect;
  self->n_shown++;

  if (size_changed)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));

  return G_SOURCE_REMOVE;
}

/* Overrides */

static void
bekal_video_paintable_snapshot (GdkPaintable *paintable,
                                GdkSnapshot  *snapshot,
                                double        width,
                                double        height)
{
  BekalVideoPaintable *self = BEKAL_VIDEO_PAINTABLE (paintable);

  if (self->texture)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
bekal_video_paintable_get_current_image (GdkPaintable *paintable)
{
  BekalVideoPaintable *self = BEKAL_VIDEO_PAINTABLE (paintable);

  if (self->texture)
    return GDK_PAINTABLE (g_object_ref (self->texture));
  return gdk_paintable_new_empty (0, 0);
}

static int
bekal_video_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return displayed_width (BEKAL_VIDEO_PAINTABLE (paintable));
}

static int
bekal_video_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  BekalVideoPaintable *self = BEKAL_VIDEO_PAINTABLE (paintable);

  return self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static double
bekal_video_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  BekalVideoPaintable *self = BEKAL_VIDEO_PAINTABLE (paintable);

  if (self->texture == NULL || gdk_texture_get_height (self->texture) == 0)
    return 0.0;
  return gdk_texture_get_width (self->texture) * self->pixel_aspect
         / gdk_texture_get_height (self->texture);
}

static void
bekal_video_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = bekal_video_paintable_snapshot;
  iface->get_current_image = bekal_video_paintable_get_current_image;
  iface->get_intrinsic_width = bekal_video_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = bekal_video_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = bekal_video_paintable_get_intrinsic_aspect_ratio;
}

static void
bekal_video_paintable_dispose (GObject *object)
{
  BekalVideoPaintable *self = BEKAL_VIDEO_PAINTABLE (object);

  g_mutex_lock (&self->lock);
  if (self->pending_source)
    {
      g_source_destroy (self->pending_source);
      g_clear_pointer (&self->pending_source, g_source_unref);
    }
  g_clear_object (&self->pending);
  g_mutex_unlock (&self->lock);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (bekal_video_paintable_parent_class)->dispose (object);
}

static void
bekal_video_paintable_finalize (GObject *object)
{
  BekalVideoPaintable *self = BEKAL_VIDEO_PAINTABLE (object);

  g_mutex_clear (&self->lock);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (bekal_video_paintable_parent_class)->finalize (object);
}

static void
bekal_video_paintable_class_init (BekalVideoPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bekal_video_paintable_dispose;
  object_class->finalize = bekal_video_paintable_finalize;
}

static void
bekal_video_paintable_init (BekalVideoPaintable *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->pixel_aspect = 1.0;
}

/* Public API */

BekalVideoPaintable *
bekal_video_paintable_new (void)
{
  return g_object_new (BEKAL_TYPE_VIDEO_PAINTABLE, NULL);
}

void
bekal_video_paintable_queue_texture (BekalVideoPaintable *self,
                                     GdkTexture          *texture,
                                     double               pixel_aspect)
{
  g_return_if_fail (BEKAL_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  g_mutex_lock (&self->lock);
  g_set_object (&self->pending, texture);
  self->pending_pixel_aspect = pixel_aspect > 0 ? pixel_aspect : 1.0;
  self->n_queued++;

  /* one wake-up of the main loop, however many frames arrive before it runs */
  if (self->pending_source == NULL)
    {
      self->pending_source = g_idle_source_new ();
      g_source_set_priority (self->pending_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->pending_source, on_frame_ready, g_object_ref (self),
                             g_object_unref);
      g_source_set_static_name (self->pending_source, "[bekal] video frame");
      g_source_attach (self->pending_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

void
bekal_video_paintable_clear (BekalVideoPaintable *self)
{
  g_return_if_fail (BEKAL_IS_VIDEO_PAINTABLE (self));

  g_mutex_lock (&self->lock);
  g_clear_object (&self->pending);
  g_mutex_unlock (&self->lock);

  if (self->texture)
    {
      g_clear_object (&self->texture);
      gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
      gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
    }
}

GdkTexture *
bekal_video_paintable_get_texture (BekalVideoPaintable *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_PAINTABLE (self), NULL);

  return self->texture;
}

guint64
bekal_video_paintable_get_n_queued (BekalVideoPaintable *self)
{
  guint64 n;

  g_return_val_if_fail (BEKAL_IS_VIDEO_PAINTABLE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_queued;
  g_mutex_unlock (&self->lock);

  return n;
}

guint64
bekal_video_paintable_get_n_shown (BekalVideoPaintable *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_PAINTABLE (self), 0);

  return self->n_shown;
}
