/* test-image-util.h: image files made on the fly for the image and media checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a real PNG of @width × @height grey pixels (one bit each, all black), built by hand:
 * signature, IHDR, one IDAT holding the zlib stream of every row, IEND, each with its CRC.
 * 30000 × 30000 takes about 110 KB and a moment to compress. Returns the file's bytes when
 * @path is NULL (owned by the caller), else NULL. */
GBytes *test_make_png        (const char *path,
                              guint32     width,
                              guint32     height);
/* The same PNG in memory */
GBytes *test_png_bytes       (guint32     width,
                              guint32     height);
/* The same in 8-bit RGB, as cameras and editors write it: 30000 × 30000 is 2.7 GB once
 * decoded; its zlib stream is written directly (17 MB, a fraction of a second) */
void    test_make_rgb_png    (const char *path,
                              guint32     width,
                              guint32     height);
/* Writes a small JPEG (@width × @height, a gradient) with gdk-pixbuf */
void    test_make_jpeg       (const char *path,
                              int         width,
                              int         height);

G_END_DECLS
