/* bekal-image-check.h: checks figures and posters before anything decodes their pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/**
 * BEKAL_IMAGE_MAX_SIDE:
 *
 * The largest width and height, in pixels, of an image Bekal shows. A 4096×4096 image takes
 * 64 MiB once decoded; a 30000×30000 one would take 3.4 GiB.
 */
#define BEKAL_IMAGE_MAX_SIDE 4096

/**
 * BEKAL_IMAGE_MAX_FILE_SIZE:
 *
 * The largest PNG or JPEG file Bekal reads, in bytes (20 MiB).
 */
#define BEKAL_IMAGE_MAX_FILE_SIZE (20 * 1024 * 1024)

/**
 * BEKAL_IMAGE_MAX_SVG_FILE_SIZE:
 *
 * The largest SVG file Bekal reads, in bytes (5 MiB): parsing an SVG takes many times its size
 * in memory.
 */
#define BEKAL_IMAGE_MAX_SVG_FILE_SIZE (5 * 1024 * 1024)

#define BEKAL_IMAGE_ERROR (bekal_image_error_quark ())

/**
 * BekalImageError:
 * @BEKAL_IMAGE_ERROR_NOT_FOUND: the file does not exist or cannot be read
 * @BEKAL_IMAGE_ERROR_EMPTY: the file has no bytes at all
 * @BEKAL_IMAGE_ERROR_NOT_IMAGE: the file is text or another kind of file, not an image
 * @BEKAL_IMAGE_ERROR_UNSUPPORTED: an image in a format Bekal does not show (GIF, WebP, …)
 * @BEKAL_IMAGE_ERROR_DAMAGED: the image is cut short or malformed
 * @BEKAL_IMAGE_ERROR_TOO_LARGE: more pixels or bytes than the limits above
 * @BEKAL_IMAGE_ERROR_EXTERNAL: an SVG that refers to other files or addresses
 *
 * Why an image cannot be shown. Every message names the file and says what to do.
 */
typedef enum
{
  BEKAL_IMAGE_ERROR_NOT_FOUND,
  BEKAL_IMAGE_ERROR_EMPTY,
  BEKAL_IMAGE_ERROR_NOT_IMAGE,
  BEKAL_IMAGE_ERROR_UNSUPPORTED,
  BEKAL_IMAGE_ERROR_DAMAGED,
  BEKAL_IMAGE_ERROR_TOO_LARGE,
  BEKAL_IMAGE_ERROR_EXTERNAL,
} BekalImageError;

/**
 * BekalImageFormat:
 * @BEKAL_IMAGE_FORMAT_PNG: PNG
 * @BEKAL_IMAGE_FORMAT_JPEG: baseline or progressive JPEG
 * @BEKAL_IMAGE_FORMAT_SVG: SVG without external references, as librsvg renders it
 *
 * The image formats Bekal shows: those GTK 4.8 and gdk-pixbuf decode on every Debian 12
 * installation. GIF, WebP, TIFF, BMP, HEIC and AVIF are refused with a message asking for a
 * PNG or JPEG.
 */
typedef enum
{
  BEKAL_IMAGE_FORMAT_PNG,
  BEKAL_IMAGE_FORMAT_JPEG,
  BEKAL_IMAGE_FORMAT_SVG,
} BekalImageFormat;

/**
 * bekal_image_error_quark:
 *
 * Returns: the quark of %BEKAL_IMAGE_ERROR
 */
GQuark      bekal_image_error_quark      (void);

/**
 * bekal_image_check_file:
 * @path: the image file
 * @format: (out) (optional): its format
 * @width: (out) (optional): its width in pixels (an SVG: its intrinsic width, rounded up)
 * @height: (out) (optional): its height in pixels
 * @error: a #BEKAL_IMAGE_ERROR when the image cannot be shown
 *
 * Checks that @path is a PNG, JPEG or SVG image Bekal can show, without decoding its pixels:
 * the format from the file's first bytes (never its name), the size from its header, that a PNG
 * or JPEG is complete (a PNG's chunks up to IEND, a JPEG's markers from SOF to EOI), that no side
 * is larger than %BEKAL_IMAGE_MAX_SIDE and the file no larger than %BEKAL_IMAGE_MAX_FILE_SIZE
 * (%BEKAL_IMAGE_MAX_SVG_FILE_SIZE for an SVG). An SVG is parsed by librsvg, with its default
 * limits, and refused when it refers to anything outside itself (an `href`, `url()` or
 * `@import` that is not a `#fragment`, a stylesheet instruction, XInclude or an external entity);
 * images embedded in it as `data:` PNG or JPEG are checked the same way.
 *
 * Reads at most the limit's bytes and keeps no state: call it from a worker thread (a #GTask)
 * before decoding a figure or poster, for example with gdk_pixbuf_new_from_file_at_scale(),
 * and show a placeholder with the error's message when it fails.
 *
 * Returns: %TRUE when the image can be shown
 */
gboolean    bekal_image_check_file       (const char        *path,
                                          BekalImageFormat  *format,
                                          int               *width,
                                          int               *height,
                                          GError           **error);

/**
 * bekal_image_check_module:
 * @module: a loaded module
 * @diagnostics: (element-type BekalDiagnostic): where problems are added
 *
 * Runs bekal_image_check_file() on every figure and every video poster of @module and adds an
 * error, at the `src` or `poster` attribute of the element that refers to the image, for each
 * one that cannot be shown. Files that were not found were already reported by the loader.
 *
 * Returns: the number of errors added
 */
guint       bekal_image_check_module     (BekalModule       *module,
                                          GPtrArray         *diagnostics);

/**
 * bekal_image_format_to_string:
 * @format: a format
 *
 * Returns: (transfer none): the format's usual name ("PNG", "JPEG", "SVG")
 */
const char *bekal_image_format_to_string (BekalImageFormat   format);

G_END_DECLS
