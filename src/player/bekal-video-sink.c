/* bekal-video-sink.c: a GStreamer video sink that hands frames to a BekalVideoPaintable
 *
 * Each frame is mapped and wrapped, without a copy, in a GdkMemoryTexture that keeps the
 * GStreamer buffer alive; the paintable then shows it from the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/video/video.h>

#include "bekal-video-sink.h"

/* Packed RGB layouts that GdkMemoryTexture (GTK 4.8) takes as they are. Only 4-byte ones:
 * videoconvert would otherwise pick 3-byte RGB for video without alpha, which it converts
 * through a slow generic path, and GPUs want 4-byte texels anyway. */
#define SINK_FORMATS "{ BGRA, ARGB, RGBA, ABGR }"

struct _BekalVideoSink
{
  GstVideoSink         parent_instance;

  BekalVideoPaintable *paintable; /* under the object lock: a player may detach it */
  GstVideoInfo         info;
  GdkMemoryFormat      memory_format;
  double               pixel_aspect;
  gint                 n_frames; /* atomic */
};

enum
{
  PROP_0,
  PROP_PAINTABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GstStaticPadTemplate sink_template =
  GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
                           GST_STATIC_CAPS (GST_VIDEO_CAPS_MAKE (SINK_FORMATS)));

G_DEFINE_FINAL_TYPE (BekalVideoSink, bekal_video_sink, GST_TYPE_VIDEO_SINK)

/* Helpers */

static gboolean
memory_format_for (GstVideoFormat   format,
                   GdkMemoryFormat *out_format)
{
  switch (format)
    {
    case GST_VIDEO_FORMAT_BGRA:
      *out_format = GDK_MEMORY_B8G8R8A8;
      return TRUE;
    case GST_VIDEO_FORMAT_ARGB:
      *out_format = GDK_MEMORY_A8R8G8B8;
      return TRUE;
    case GST_VIDEO_FORMAT_RGBA:
      *out_format = GDK_MEMORY_R8G8B8A8;
      return TRUE;
    case GST_VIDEO_FORMAT_ABGR:
      *out_format = GDK_MEMORY_A8B8G8R8;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
unmap_frame (gpointer data)
{
  GstVideoFrame *frame = data;

  gst_video_frame_unmap (frame);
  g_free (frame);
}

/* Overrides */

static gboolean
bekal_video_sink_set_caps (GstBaseSink *base_sink,
                           GstCaps     *caps)
{
  BekalVideoSink *self = BEKAL_VIDEO_SINK (base_sink);
  GstVideoInfo info;
  GdkMemoryFormat memory_format;

  if (!gst_video_info_from_caps (&info, caps)
      || !memory_format_for (GST_VIDEO_INFO_FORMAT (&info), &memory_format))
    return FALSE;

  GST_OBJECT_LOCK (self);
  self->info = info;
  self->memory_format = memory_format;
  self->pixel_aspect = info.par_n > 0 && info.par_d > 0 ? (double) info.par_n / info.par_d : 1.0;
  GST_OBJECT_UNLOCK (self);

  return TRUE;
}

static gboolean
bekal_video_sink_propose_allocation (GstBaseSink *base_sink,
                                     GstQuery    *query)
{
  GstCaps *caps = NULL;
  gboolean need_pool = FALSE;
  GstVideoInfo info;

  gst_query_parse_allocation (query, &caps, &need_pool);

  /* Recycling frames saves mapping fresh memory for each one (a 720p frame is 3.7 MB). The
   * pool has no upper limit: textures keep their frame for as long as GTK draws them. */
  if (caps && need_pool && gst_video_info_from_caps (&info, caps))
    {
      g_autoptr(GstBufferPool) pool = gst_video_buffer_pool_new ();
      GstStructure *config = gst_buffer_pool_get_config (pool);

      gst_buffer_pool_config_set_params (config, caps, (guint) info.size, 2, 0);
      gst_buffer_pool_config_add_option (config, GST_BUFFER_POOL_OPTION_VIDEO_META);
      if (gst_buffer_pool_set_config (pool, config))
        gst_query_add_allocation_pool (query, pool, (guint) info.size, 2, 0);
    }

  /* strides and offsets may differ from the defaults: gst_video_frame_map() reads the meta */
  gst_query_add_allocation_meta (query, GST_VIDEO_META_API_TYPE, NULL);
  return TRUE;
}

static GstFlowReturn
bekal_video_sink_show_frame (GstVideoSink *video_sink,
                             GstBuffer    *buffer)
{
  BekalVideoSink *self = BEKAL_VIDEO_SINK (video_sink);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GstVideoFrame *frame = g_new0 (GstVideoFrame, 1);
  GstVideoInfo info;
  GdkMemoryFormat memory_format;
  double pixel_aspect;
  gsize stride;

  GST_OBJECT_LOCK (self);
  info = self->info;
  memory_format = self->memory_format;
  pixel_aspect = self->pixel_aspect;
  GST_OBJECT_UNLOCK (self);

  if (!gst_video_frame_map (frame, &info, buffer, GST_MAP_READ))
    {
      g_free (frame);
      GST_ELEMENT_ERROR (self, RESOURCE, READ, (NULL), ("could not map a video frame"));
      return GST_FLOW_ERROR;
    }

  stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0);
  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (frame, 0),
                                      stride * GST_VIDEO_FRAME_HEIGHT (frame),
                                      unmap_frame, frame);
  texture = gdk_memory_texture_new (GST_VIDEO_FRAME_WIDTH (frame), GST_VIDEO_FRAME_HEIGHT (frame),
                                    memory_format, bytes, stride);

  g_atomic_int_inc (&self->n_frames);
  GST_OBJECT_LOCK (self);
  if (self->paintable)
    bekal_video_paintable_queue_texture (self->paintable, texture, pixel_aspect);
  GST_OBJECT_UNLOCK (self);

  return GST_FLOW_OK;
}

static void
bekal_video_sink_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BekalVideoSink *self = BEKAL_VIDEO_SINK (object);

  switch (prop_id)
    {
    case PROP_PAINTABLE:
      GST_OBJECT_LOCK (self);
      g_set_object (&self->paintable, g_value_get_object (value));
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_video_sink_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BekalVideoSink *self = BEKAL_VIDEO_SINK (object);

  switch (prop_id)
    {
    case PROP_PAINTABLE:
      GST_OBJECT_LOCK (self);
      g_value_set_object (value, self->paintable);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_video_sink_finalize (GObject *object)
{
  BekalVideoSink *self = BEKAL_VIDEO_SINK (object);

  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (bekal_video_sink_parent_class)->finalize (object);
}

static void
bekal_video_sink_class_init (BekalVideoSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSinkClass *base_sink_class = GST_BASE_SINK_CLASS (klass);
  GstVideoSinkClass *video_sink_class = GST_VIDEO_SINK_CLASS (klass);

  object_class->set_property = bekal_video_sink_set_property;
  object_class->get_property = bekal_video_sink_get_property;
  object_class->finalize = bekal_video_sink_finalize;

  base_sink_class->set_caps = bekal_video_sink_set_caps;
  base_sink_class->propose_allocation = bekal_video_sink_propose_allocation;
  video_sink_class->show_frame = bekal_video_sink_show_frame;

  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, BEKAL_TYPE_VIDEO_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gst_element_class_set_static_metadata (element_class, "Bekal video sink", "Sink/Video",
                                         "Shows video frames as GDK textures", "Bekal");
  gst_element_class_add_static_pad_template (element_class, &sink_template);
}

static void
bekal_video_sink_init (BekalVideoSink *self)
{
  self->pixel_aspect = 1.0;
}

/* Public API */

GstElement *
bekal_video_sink_new (BekalVideoPaintable *paintable)
{
  return g_object_new (BEKAL_TYPE_VIDEO_SINK, "paintable", paintable, NULL);
}

guint64
bekal_video_sink_get_n_frames (BekalVideoSink *self)
{
  g_return_val_if_fail (BEKAL_IS_VIDEO_SINK (self), 0);

  return (guint64) g_atomic_int_get (&self->n_frames);
}

void
bekal_video_sink_detach (BekalVideoSink *self)
{
  g_autoptr(BekalVideoPaintable) paintable = NULL;

  g_return_if_fail (BEKAL_IS_VIDEO_SINK (self));

  /* released outside the lock: the last reference may run the paintable's dispose */
  GST_OBJECT_LOCK (self);
  paintable = g_steal_pointer (&self->paintable);
  GST_OBJECT_UNLOCK (self);
}
