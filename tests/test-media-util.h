/* test-media-util.h: media files made on the fly for the tests of the player and the probe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @dir/kamera.mkv, a Matroska file with H.264 video (a random payload): its decoder, in
 * gstreamer1.0-libav, is not part of a default Debian installation. Returns its path, or NULL
 * when an H.264 decoder is installed (the test then has nothing to show). */
char *test_make_h264_file (const char *dir);

/* Sets the frame size the JPEG file @path declares in its frame header (SOF) */
void  test_patch_jpeg_size (const char *path,
                            guint16     width,
                            guint16     height);
/* Muxes three copies of the JPEG @jpeg into the Matroska file @mkv, whose track declares
 * @width × @height: Motion-JPEG video */
void  test_make_mjpeg_mkv  (const char *jpeg,
                            const char *mkv,
                            int         width,
                            int         height);

G_END_DECLS
