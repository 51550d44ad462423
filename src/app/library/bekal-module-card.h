/* bekal-module-card.h: one module in the library, with the learner's progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-catalog.h>

#include "bekal-module-progress.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_MODULE_CARD (bekal_module_card_get_type ())

G_DECLARE_FINAL_TYPE (BekalModuleCard, bekal_module_card, BEKAL, MODULE_CARD, GtkWidget)

GtkWidget         *bekal_module_card_new          (BekalCatalogEntry *entry,
                                                   BekalModule       *module);
BekalCatalogEntry *bekal_module_card_get_entry    (BekalModuleCard   *self);
BekalModule       *bekal_module_card_get_module   (BekalModuleCard   *self);
/* @fraction: the share of lessons completed, 0..1 */
void               bekal_module_card_set_progress (BekalModuleCard   *self,
                                                   BekalModuleState   state,
                                                   double             fraction);
BekalModuleState   bekal_module_card_get_state    (BekalModuleCard   *self);
/* TRUE when every word of @query (case-folded) occurs in the module's title, summary, topics
 * or glossary terms */
gboolean           bekal_module_card_matches      (BekalModuleCard   *self,
                                                   const char        *query);
gboolean           bekal_module_card_has_topic    (BekalModuleCard   *self,
                                                   const char        *topic_id);
/* A sentence for screen readers: title, state and progress */
char              *bekal_module_card_dup_description (BekalModuleCard *self);

const char        *bekal_module_state_to_label    (BekalModuleState   state);

G_END_DECLS
