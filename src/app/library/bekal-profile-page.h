/* bekal-profile-page.h: the first screen, where a learner picks or creates a profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_PROFILE_PAGE (bekal_profile_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalProfilePage, bekal_profile_page, BEKAL, PROFILE_PAGE, GtkWidget)

/* Shows the profiles of @store; the form to create one when there are none */
void bekal_profile_page_load        (BekalProfilePage *self,
                                     BekalStore       *store);
/* Opens the form for a new profile */
void bekal_profile_page_show_create (BekalProfilePage *self);

G_END_DECLS
