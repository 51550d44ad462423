/* bekal-qr-view.c: a QR code from its matrix. Modules are drawn as whole device pixels where
 * the size allows it, so that a phone camera reads the projected code at a distance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-qr-view.h"

/* Four modules of white around the code, as the standard asks */
#define QUIET_ZONE 4

struct _BekalQrView
{
  GtkWidget  parent_instance;

  GBytes    *modules;
  guint      width;
};

G_DEFINE_FINAL_TYPE (BekalQrView, bekal_qr_view, GTK_TYPE_WIDGET)

/* Overrides */

static void
bekal_qr_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  BekalQrView *self = BEKAL_QR_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const guint8 *data;
  guint total;
  float module, side, x0, y0;
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA black = { 0, 0, 0, 1 };

  if (self->modules == NULL)
    return;

  total = self->width + 2 * QUIET_ZONE;
  module = floorf ((float) MIN (width, height) / (float) total);
  if (module < 1)
    module = (float) MIN (width, height) / (float) total;
  side = module * (float) total;
  x0 = floorf (((float) width - side) / 2);
  y0 = floorf (((float) height - side) / 2);

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (x0, y0, side, side));
  data = g_bytes_get_data (self->modules, NULL);
  for (guint row = 0; row < self->width; row++)
    for (guint col = 0; col < self->width; col++)
      {
        if (data[row * self->width + col] == 0)
          continue;
        gtk_snapshot_append_color (snapshot, &black,
                                   &GRAPHENE_RECT_INIT (x0 + (float) (col + QUIET_ZONE) * module,
                                                        y0 + (float) (row + QUIET_ZONE) * module,
                                                        module, module));
      }
}

static void
bekal_qr_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  BekalQrView *self = BEKAL_QR_VIEW (widget);
  int modules = self->modules != NULL ? (int) self->width + 2 * QUIET_ZONE : 0;

  /* two pixels a module at least, four when there is room */
  *minimum = modules * 2;
  *natural = modules * 4;
}

static void
bekal_qr_view_dispose (GObject *object)
{
  BekalQrView *self = BEKAL_QR_VIEW (object);

  g_clear_pointer (&self->modules, g_bytes_unref);

  G_OBJECT_CLASS (bekal_qr_view_parent_class)->dispose (object);
}

static void
bekal_qr_view_class_init (BekalQrViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_qr_view_dispose;
  widget_class->snapshot = bekal_qr_view_snapshot;
  widget_class->measure = bekal_qr_view_measure;
  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bekal_qr_view_init (BekalQrView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code with the address to join"), -1);
}

/* Public API */

GtkWidget *
bekal_qr_view_new (void)
{
  return g_object_new (BEKAL_TYPE_QR_VIEW, NULL);
}

void
bekal_qr_view_set_matrix (BekalQrView *self,
                          GBytes      *modules,
                          guint        width)
{
  g_return_if_fail (BEKAL_IS_QR_VIEW (self));

  g_clear_pointer (&self->modules, g_bytes_unref);
  if (modules != NULL && width > 0 && g_bytes_get_size (modules) == (gsize) width * width)
    {
      self->modules = g_bytes_ref (modules);
      self->width = width;
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
