/* bekal-practice-card.h: the card of a practice quiz inside a lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-block-widgets.h"

G_BEGIN_DECLS

/* A card for the practice quiz of @block: its number of questions, the score of the last
 * finished attempt and a "Start" button that activates "module.start-practice" with the
 * block's index */
GtkWidget *bekal_practice_card_new (BekalBlock              *block,
                                    const BekalBlockContext *context);

G_END_DECLS
