/* bekal-session-save.h: a group session kept in the store (bekal-store-sessions.h): the
 * session, its roster, where it stands, room totals typed in, and each participant's answers as
 * attempts of that participant's profile marked with the session. Every write goes through the
 * store's write queue, so that the window never waits.
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

/* A session not stored yet (store id 0) is created with its roster, participants added on the
 * spot getting a profile; a stored one (resumed) is opened again */
BekalSessionSaver *bekal_session_saver_new            (BekalStore        *store,
                                                       BekalSession      *session);
/* Puts the participants added to the session since the last call on the stored roster (a
 * name typed on a phone gets a profile) */
void               bekal_session_saver_add_participants (BekalSessionSaver *self);
/* Keeps the room code the phones join with, to give the same one when resumed */
void               bekal_session_saver_save_room_code (BekalSessionSaver *self);
/* Keeps the current screen, to resume there */
void               bekal_session_saver_save_position  (BekalSessionSaver *self);
/* Stores @response as @participant's answer to @question on screen @index, in the attempt of
 * that participant and quiz in this session (started at its first answer, or the one begun
 * before the session was resumed) */
void               bekal_session_saver_save_answer    (BekalSessionSaver *self,
                                                       guint              participant,
                                                       guint              index,
                                                       BekalQuestion     *question,
                                                       BekalResponse     *response);
/* Stores the tally of the current question as room totals: counts typed in by the trainer,
 * kept out of every learner's figures */
void               bekal_session_saver_save_room_totals (BekalSessionSaver *self);
/* Finishes every attempt begun (its score: the right share of its scored questions) and
 * marks the session ended */
void               bekal_session_saver_finish         (BekalSessionSaver *self);
/* The writes given and not yet done or failed */
guint              bekal_session_saver_get_pending    (BekalSessionSaver *self);
guint              bekal_session_saver_get_saved      (BekalSessionSaver *self);
guint              bekal_session_saver_get_failed     (BekalSessionSaver *self);

G_END_DECLS
