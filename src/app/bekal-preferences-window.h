/* bekal-preferences-window.h: text size, colour scheme, subtitles and the data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-application.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_PREFERENCES_WINDOW (bekal_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BekalPreferencesWindow, bekal_preferences_window, BEKAL,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

BekalPreferencesWindow *bekal_preferences_window_new (BekalApplication *application);

G_END_DECLS
