/* bekal-control-window.h: the trainer's window of a group session, on the laptop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-session.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_CONTROL_WINDOW (bekal_control_window_get_type ())

G_DECLARE_FINAL_TYPE (BekalControlWindow, bekal_control_window, BEKAL, CONTROL_WINDOW, AdwWindow)

BekalControlWindow *bekal_control_window_new         (BekalSession       *session);
BekalSession       *bekal_control_window_get_session (BekalControlWindow *self);

G_END_DECLS
