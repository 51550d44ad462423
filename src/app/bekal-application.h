/* bekal-application.h: the Bekal application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_APPLICATION (bekal_application_get_type ())

G_DECLARE_FINAL_TYPE (BekalApplication, bekal_application, BEKAL, APPLICATION, AdwApplication)

BekalApplication *bekal_application_new                     (void);
/* The modules found; empty until they are read while "catalog-loading" is TRUE */
BekalCatalog     *bekal_application_get_catalog             (BekalApplication *self);
gboolean          bekal_application_is_catalog_loading      (BekalApplication *self);
/* Reads the module folders again in a worker thread (after a module was installed) and puts
 * what it read into the catalog; @callback (nullable) runs once it is there */
void              bekal_application_reload_catalog          (BekalApplication *self,
                                                             GAsyncReadyCallback callback,
                                                             gpointer          user_data);
const char       *bekal_application_get_data_dir            (BekalApplication *self);
GSettings        *bekal_application_get_settings            (BekalApplication *self);
BekalStore       *bekal_application_get_store               (BekalApplication *self);
/* TRUE when nothing the learner does can be kept: the data folder cannot be written */
gboolean          bekal_application_is_read_only            (BekalApplication *self);
/* Why the store is read-only, or NULL */
const GError     *bekal_application_get_store_problem       (BekalApplication *self);
/* TRUE with the hidden --resume-last-profile: open on the last learner's library */
gboolean          bekal_application_get_resume_last_profile (BekalApplication *self);

G_END_DECLS
