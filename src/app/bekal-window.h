/* bekal-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-application.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_WINDOW (bekal_window_get_type ())

G_DECLARE_FINAL_TYPE (BekalWindow, bekal_window, BEKAL, WINDOW, AdwApplicationWindow)

BekalWindow *bekal_window_new (BekalApplication *application);

G_END_DECLS
