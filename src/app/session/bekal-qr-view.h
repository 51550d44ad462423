/* bekal-qr-view.h: a QR code drawn from its matrix of modules, black on white with the quiet
 * zone the standard asks for, at any size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_QR_VIEW (bekal_qr_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalQrView, bekal_qr_view, BEKAL, QR_VIEW, GtkWidget)

GtkWidget *bekal_qr_view_new        (void);
/* @modules: @width × @width bytes, row by row, non-zero for dark; NULL shows nothing */
void       bekal_qr_view_set_matrix (BekalQrView *self,
                                     GBytes      *modules,
                                     guint        width);

G_END_DECLS
