/* bekal-video-paintable.h: the current video frame as a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_VIDEO_PAINTABLE (bekal_video_paintable_get_type ())

G_DECLARE_FINAL_TYPE (BekalVideoPaintable, bekal_video_paintable, BEKAL, VIDEO_PAINTABLE, GObject)

/* Frames are handed over in the GMainContext that is the thread default when this is called */
BekalVideoPaintable *bekal_video_paintable_new              (void);
/* Any thread. Only the newest frame waiting is kept: redraws are coalesced, and a frame that
 * was replaced before the main loop ran is dropped. @pixel_aspect is width / height of a pixel */
void                 bekal_video_paintable_queue_texture    (BekalVideoPaintable *self,
                                                             GdkTexture          *texture,
                                                             double               pixel_aspect);
/* Main thread: forget the current frame (the paintable becomes empty) */
void                 bekal_video_paintable_clear            (BekalVideoPaintable *self);
/* Main thread: the frame shown now, or NULL */
GdkTexture          *bekal_video_paintable_get_texture      (BekalVideoPaintable *self);
/* Frames queued since creation, and frames that reached the main thread */
guint64              bekal_video_paintable_get_n_queued     (BekalVideoPaintable *self);
guint64              bekal_video_paintable_get_n_shown      (BekalVideoPaintable *self);

G_END_DECLS
