/* bekal-catalog-monitor.h: reloads a module when its files change on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-catalog.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_CATALOG_MONITOR (bekal_catalog_monitor_get_type ())

G_DECLARE_FINAL_TYPE (BekalCatalogMonitor, bekal_catalog_monitor, BEKAL, CATALOG_MONITOR, GObject)

BekalCatalogMonitor *bekal_catalog_monitor_new (BekalCatalog *catalog);

G_END_DECLS
