/* bekal-library-page.h: the module library, with search and a topic filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_LIBRARY_PAGE (bekal_library_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalLibraryPage, bekal_library_page, BEKAL, LIBRARY_PAGE, GtkWidget)

void bekal_library_page_set_catalog  (BekalLibraryPage *self,
                                      BekalCatalog     *catalog);
/* Shows the progress of the learner @profile_id; call again after they made progress */
/* While the catalog is read, an empty library shows a spinner, not "No Modules Found" */
void bekal_library_page_set_loading  (BekalLibraryPage *self,
                                      gboolean          loading);
void bekal_library_page_set_learner  (BekalLibraryPage *self,
                                      BekalStore       *store,
                                      gint64            profile_id);
void bekal_library_page_refresh      (BekalLibraryPage *self);
void bekal_library_page_focus_search (BekalLibraryPage *self);
/* The number of module cards shown after search and filter */
guint bekal_library_page_get_n_visible (BekalLibraryPage *self);

G_END_DECLS
