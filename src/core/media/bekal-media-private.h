/* bekal-media-private.h: what the media and image checks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gst/gst.h>

G_BEGIN_DECLS

/* A module file's text, read on first use, to give diagnostics a column */
typedef struct _BekalSourceLines BekalSourceLines;

BekalSourceLines *bekal_source_lines_new    (const char       *path);
void              bekal_source_lines_free   (BekalSourceLines *self);
/* The column (from 1) where @needle first occurs on @line, 1 when it does not, 0 when the line
 * does not exist or the file cannot be read */
int               bekal_source_lines_column (BekalSourceLines *self,
                                             int               line,
                                             const char       *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSourceLines, bekal_source_lines_free)

/* bekal-image-check.c: the width and height a JPEG frame declares in its frame header */
gboolean          bekal_image_jpeg_frame_size (const char       *name,
                                               const guint8     *data,
                                               gsize             length,
                                               guint64          *width,
                                               guint64          *height,
                                               GError          **error);

/* bekal-media-frames.c: decodes nothing, waits for at most @timeout_seconds */
gboolean          bekal_media_check_streams   (const char       *path,
                                               guint             timeout_seconds,
                                               GError          **error);

G_END_DECLS
