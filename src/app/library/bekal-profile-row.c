/* bekal-profile-row.c: a learner in the profile chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-profile-row.h"

struct _BekalProfileRow
{
  AdwActionRow parent_instance;

  gint64       profile_id;
};

G_DEFINE_FINAL_TYPE (BekalProfileRow, bekal_profile_row, ADW_TYPE_ACTION_ROW)

static void
bekal_profile_row_class_init (BekalProfileRowClass *klass)
{
}

static void
bekal_profile_row_init (BekalProfileRow *self)
{
}

GtkWidget *
bekal_profile_row_new (gint64 profile_id)
{
  BekalProfileRow *self = g_object_new (BEKAL_TYPE_PROFILE_ROW, NULL);

  self->profile_id = profile_id;
  return GTK_WIDGET (self);
}

gint64
bekal_profile_row_get_profile_id (BekalProfileRow *self)
{
  g_return_val_if_fail (BEKAL_IS_PROFILE_ROW (self), 0);

  return self->profile_id;
}
