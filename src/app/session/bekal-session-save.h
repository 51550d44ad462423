/* bekal-session-save.h: the answers of a group session stored as attempts of each
 * participant's profile, through the store's write queue so that the window never waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-quiz-response.h>
#include <bekal/bekal-store.h>

#include "bekal-session.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_SESSION_SAVER (bekal_session_saver_get_type ())

G_DECLARE_FINAL_TYPE (BekalSessionSaver, bekal_session_saver, BEKAL, SESSION_SAVER, GObject)

BekalSessionSaver *bekal_session_saver_new            (BekalStore        *store,
                                                       BekalSession      *session);
/* Creates the profiles of the participants added on the spot (profile_id 0) */
void               bekal_session_saver_create_profiles (BekalSessionSaver *self);
/* Stores @response as @participant's answer to the question of @screen, in the attempt of
 * that participant and quiz (started at its first answer) */
void               bekal_session_saver_save_answer    (BekalSessionSaver *self,
                                                       guint              participant,
                                                       const BekalScreen *screen,
                                                       BekalResponse     *response);
/* Finishes every attempt begun, with the mean score of its answers */
void               bekal_session_saver_finish         (BekalSessionSaver *self);
/* The writes given and not yet done or failed */
guint              bekal_session_saver_get_pending    (BekalSessionSaver *self);
guint              bekal_session_saver_get_saved      (BekalSessionSaver *self);

G_END_DECLS
