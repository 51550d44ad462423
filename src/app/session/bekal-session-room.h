/* bekal-session-room.h: a group session while it runs: its windows, where its answers are
 * stored, and the server the phones join (once the live server is in)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-live-server.h>
#include <bekal/bekal-quiz-response.h>
#include <bekal/bekal-store.h>

#include "bekal-control-window.h"
#include "bekal-presenter-window.h"
#include "bekal-session.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_SESSION_ROOM (bekal_session_room_get_type ())

G_DECLARE_FINAL_TYPE (BekalSessionRoom, bekal_session_room, BEKAL, SESSION_ROOM, GObject)

/* Opens the control window beside @laptop and the presenter on another monitor when there is
 * one; @store: (nullable): NULL when nothing can be saved. The room keeps itself alive until
 * the session ends. */
BekalSessionRoom     *bekal_session_room_start         (BekalSession     *session,
                                                        BekalStore       *store,
                                                        GSettings        *settings,
                                                        GtkWindow        *laptop);
/* @addresses: (element-type GInetAddress) (nullable): where the next sessions' servers listen
 * instead of the laptop's network interfaces (tests: loopback) */
void                  bekal_session_room_set_default_addresses (GPtrArray *addresses);
/* (element-type GInetAddress): the IPv4 addresses of the laptop's network interfaces,
 * loopback left out */
GPtrArray            *bekal_session_room_dup_interface_addresses (void);
/* (nullable): the server the phones join; NULL when it could not start */
BekalLiveServer      *bekal_session_room_get_server    (BekalSessionRoom *self);
/* (nullable): the room whose control window is @window */
BekalSessionRoom     *bekal_session_room_from_window   (GtkWindow        *window);
BekalSession         *bekal_session_room_get_session   (BekalSessionRoom *self);
BekalControlWindow   *bekal_session_room_get_control   (BekalSessionRoom *self);
BekalPresenterWindow *bekal_session_room_get_presenter (BekalSessionRoom *self);
/* A phone's answer to the open question: counted in the tally and stored as an answer of the
 * participant's attempt; FALSE when it is not accepted (no open question, repeated) */
gboolean              bekal_session_room_take_answer   (BekalSessionRoom *self,
                                                        guint             participant,
                                                        BekalResponse    *response);
/* The writes of answers not yet on disk */
guint                 bekal_session_room_get_pending   (BekalSessionRoom *self);
/* The monitor for the projector: one that does not show @laptop, or NULL */
GdkMonitor           *bekal_session_room_choose_monitor (GtkWindow       *laptop);

G_END_DECLS
