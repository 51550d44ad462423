/* bekal-session-dialog.h: preparing a group session: the module, its lessons, the roster, and
 * the sessions saved before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-store.h>

#include "bekal-session.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_SESSION_DIALOG (bekal_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BekalSessionDialog, bekal_session_dialog, BEKAL, SESSION_DIALOG, AdwWindow)

/* @modules: (element-type BekalModule): the modules to choose from; @store: (nullable): where
 * the profiles are read and the participants added on the spot are created. "start" is
 * emitted with the prepared BekalSession, then the dialog closes. */
BekalSessionDialog *bekal_session_dialog_new             (GtkWindow          *parent,
                                                          GPtrArray          *modules,
                                                          BekalStore         *store);
/* Adds a participant to the roster as the form below the profiles does */
void                bekal_session_dialog_add_participant (BekalSessionDialog *self,
                                                          const char         *name,
                                                          const char         *sentra,
                                                          const char         *role,
                                                          gboolean            trained_before);
/* The session as prepared now, as "start" would give it */
BekalSession       *bekal_session_dialog_dup_session     (BekalSessionDialog *self);

G_END_DECLS
