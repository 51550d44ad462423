/* bekal-reflection-block.h: a private note of the learner, saved while they type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-block-widgets.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_REFLECTION_BLOCK (bekal_reflection_block_get_type ())

G_DECLARE_FINAL_TYPE (BekalReflectionBlock, bekal_reflection_block, BEKAL, REFLECTION_BLOCK,
                      GtkWidget)

GtkWidget *bekal_reflection_block_new      (BekalBlock              *block,
                                            const BekalBlockContext *context);
/* Saves at once what is still waiting for the pause in typing; FALSE when it failed */
gboolean   bekal_reflection_block_flush    (BekalReflectionBlock    *self);
GtkTextBuffer *bekal_reflection_block_get_buffer (BekalReflectionBlock *self);

G_END_DECLS
