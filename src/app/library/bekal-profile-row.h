/* bekal-profile-row.h: a learner in the profile chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_PROFILE_ROW (bekal_profile_row_get_type ())

G_DECLARE_FINAL_TYPE (BekalProfileRow, bekal_profile_row, BEKAL, PROFILE_ROW, AdwActionRow)

GtkWidget *bekal_profile_row_new            (gint64           profile_id);
gint64     bekal_profile_row_get_profile_id (BekalProfileRow *self);

G_END_DECLS
