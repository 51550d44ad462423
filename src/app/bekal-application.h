/* bekal-application.h: the Bekal application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-catalog.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_APPLICATION (bekal_application_get_type ())

G_DECLARE_FINAL_TYPE (BekalApplication, bekal_application, BEKAL, APPLICATION, AdwApplication)

BekalApplication *bekal_application_new         (void);
BekalCatalog     *bekal_application_get_catalog (BekalApplication *self);
const char       *bekal_application_get_data_dir (BekalApplication *self);

G_END_DECLS
