/* bekal-block-widgets.h: widgets for the blocks of a lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-model.h>
#include <bekal/bekal-store.h>

#include "bekal-learner-context.h"

G_BEGIN_DECLS

/* What a block needs to know about the learner and the module it belongs to; the first
 * four are @learner's, for the blocks that do not take it yet */
typedef struct
{
  BekalModule         *module;
  BekalStore          *store;      /* NULL when nothing can be saved */
  gint64               profile_id;
  GSettings           *settings;
  BekalLearnerContext *learner;
} BekalBlockContext;

/* @context's learner: its own, or one made from its other fields */
BekalLearnerContext *bekal_block_context_dup_learner (const BekalBlockContext *context);
/* A widget showing @block; module text reaches Pango only escaped */
GtkWidget *bekal_block_widget_new     (BekalBlock              *block,
                                       const BekalBlockContext *context);
/* TRUE while a widget made by bekal_block_widget_new() still reads a file (a figure) and may
 * change its height when it is in */
gboolean   bekal_block_widget_is_loading (GtkWidget            *widget);
/* A selectable, wrapping label for rich text; terms with a glossary entry open a popover
 * with the definition */
GtkWidget *bekal_text_label_new       (BekalText               *text,
                                       BekalModule             *module);

G_END_DECLS
