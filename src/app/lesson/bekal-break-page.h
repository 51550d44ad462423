/* bekal-break-page.h: a calm screen with a short grounding exercise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_BREAK_PAGE (bekal_break_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalBreakPage, bekal_break_page, BEKAL, BREAK_PAGE, GtkWidget)

/* Moves the keyboard focus to the button that ends the break */
void bekal_break_page_focus_return (BekalBreakPage *self);

G_END_DECLS
