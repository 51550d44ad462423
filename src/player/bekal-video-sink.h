/* bekal-video-sink.h: a GStreamer video sink that hands frames to a BekalVideoPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/video/gstvideosink.h>

#include "bekal-video-paintable.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_VIDEO_SINK (bekal_video_sink_get_type ())

G_DECLARE_FINAL_TYPE (BekalVideoSink, bekal_video_sink, BEKAL, VIDEO_SINK, GstVideoSink)

GstElement *bekal_video_sink_new          (BekalVideoPaintable *paintable);
/* Frames turned into textures since the sink was created (any thread) */
guint64     bekal_video_sink_get_n_frames (BekalVideoSink      *self);
/* Any thread: frames shown from now on no longer reach the paintable */
void        bekal_video_sink_detach       (BekalVideoSink      *self);

G_END_DECLS
