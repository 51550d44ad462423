/* bekal-image.h: a picture from a file a module names, decoded off the main thread at the
 * size it is shown, with a labelled placeholder when it cannot be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_IMAGE (bekal_image_get_type ())

G_DECLARE_FINAL_TYPE (BekalImage, bekal_image, BEKAL, IMAGE, GtkWidget)

/*
 * Properties:
 *   "loading" (gboolean, read-only): a file is being read; the picture is empty meanwhile
 */

/* @max_width is the widest the picture is ever shown, in application pixels (the file is
 * decoded no larger, times the screen's scale); -1 for no limit but BEKAL_IMAGE_MAX_SIDE */
GtkWidget  *bekal_image_new                  (int         max_width);
/* Starts reading @path (NULL: nothing is shown) once the widget is on screen; a read under
 * way is cancelled */
void        bekal_image_set_filename         (BekalImage *self,
                                              const char *path);
/* The picture shown once the file is read: for its alternative text, size and style */
GtkPicture *bekal_image_get_picture          (BekalImage *self);
gboolean    bekal_image_is_loading           (BekalImage *self);
/* TRUE when the placeholder is shown instead: what bekal_image_check_file() refuses (not an
 * image, too large, damaged, missing) or what fails to decode */
gboolean    bekal_image_get_failed           (BekalImage *self);

G_END_DECLS
