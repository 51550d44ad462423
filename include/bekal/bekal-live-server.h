/* bekal-live-server.h: the live-session server that participants' phones join over the room's
 * network: an HTTP server for the phone page and a WebSocket for questions and answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <bekal/bekal-model.h>

G_BEGIN_DECLS

/**
 * BEKAL_LIVE_MAX_PARTICIPANTS:
 *
 * How many participants may join one session.
 */
#define BEKAL_LIVE_MAX_PARTICIPANTS 300

/**
 * BEKAL_LIVE_MAX_MESSAGE:
 *
 * The largest message, in bytes, a phone may send; a larger one closes its connection.
 */
#define BEKAL_LIVE_MAX_MESSAGE 4096

/**
 * BEKAL_LIVE_ERROR:
 *
 * The error domain of the live-session server.
 */
#define BEKAL_LIVE_ERROR (bekal_live_error_quark ())

/**
 * BekalLiveError:
 * @BEKAL_LIVE_ERROR_LISTEN: the server could not listen on an address
 * @BEKAL_LIVE_ERROR_NO_ADDRESS: no address to listen on was given
 *
 * What can go wrong when a session's server starts.
 */
typedef enum
{
  BEKAL_LIVE_ERROR_LISTEN,
  BEKAL_LIVE_ERROR_NO_ADDRESS,
} BekalLiveError;

/**
 * BekalLiveLimits:
 * @max_connections_per_address: WebSocket connections open at once from one address
 * @max_joins_per_address: joins (new participants) from one address
 * @idle_timeout_seconds: a connection that sends nothing for this long is closed (the phone
 *   page sends a ping every 20 s)
 *
 * The server's limits against floods. The defaults suit a training room, where each phone has
 * its own address; tests and benchmarks that run many clients from loopback raise them.
 */
typedef struct
{
  guint max_connections_per_address;
  guint max_joins_per_address;
  guint idle_timeout_seconds;
} BekalLiveLimits;

/**
 * BekalLiveServer:
 *
 * The server of one group session: the phone page and the WebSocket that phones join with the
 * room code and answer on. Lives on the thread-default main context it is started on; its
 * signals are emitted there.
 */
#define BEKAL_TYPE_LIVE_SERVER (bekal_live_server_get_type ())

G_DECLARE_FINAL_TYPE (BekalLiveServer, bekal_live_server, BEKAL, LIVE_SERVER, GObject)

GQuark            bekal_live_error_quark            (void);

/**
 * bekal_live_server_new:
 *
 * Creates a server with a new random room code. It listens only once started.
 *
 * Returns: (transfer full): the server
 */
BekalLiveServer  *bekal_live_server_new             (void);

/**
 * bekal_live_server_get_room_code:
 * @self: a #BekalLiveServer
 *
 * Returns: (transfer none): the room code participants type to join: six digits from a
 *   cryptographic random source
 */
const char       *bekal_live_server_get_room_code   (BekalLiveServer  *self);

/**
 * bekal_live_server_set_room_code:
 * @self: a #BekalLiveServer
 * @room_code: (nullable): a room code given before, such as a resumed session's
 *
 * Keeps the code a room already knows: a session resumed after Bekal closed is joined with the
 * code written on the board. Only six digits are taken; anything else leaves the new random
 * code in place.
 *
 * Returns: %TRUE when @room_code is now the room's code
 */
gboolean          bekal_live_server_set_room_code   (BekalLiveServer  *self,
                                                     const char       *room_code);

/**
 * bekal_live_server_set_limits:
 * @self: a #BekalLiveServer
 * @limits: the new limits
 *
 * Sets the limits against floods (see #BekalLiveLimits).
 */
void              bekal_live_server_set_limits      (BekalLiveServer        *self,
                                                     const BekalLiveLimits  *limits);

/**
 * bekal_live_server_start:
 * @self: a #BekalLiveServer
 * @addresses: (element-type GInetAddress): the addresses to listen on: those of the network
 *   interfaces the trainer chose (tests use 127.0.0.1 and ::1)
 * @port: the port, or 0 for any free one (the same on every address)
 * @error: return location for a #GError
 *
 * Starts listening. Serves the phone page (from the library's resources, never from disk) and
 * the session's WebSocket until bekal_live_server_stop().
 *
 * Returns: %TRUE when listening; %FALSE with @error set
 */
gboolean          bekal_live_server_start           (BekalLiveServer  *self,
                                                     GPtrArray        *addresses,
                                                     guint             port,
                                                     GError          **error);

/**
 * bekal_live_server_stop:
 * @self: a #BekalLiveServer
 *
 * Closes every connection and stops listening.
 */
void              bekal_live_server_stop            (BekalLiveServer  *self);

/**
 * bekal_live_server_get_port:
 * @self: a #BekalLiveServer
 *
 * Returns: the port listened on, or 0 when stopped
 */
guint             bekal_live_server_get_port        (BekalLiveServer  *self);

/**
 * bekal_live_server_dup_urls:
 * @self: a #BekalLiveServer
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses phones open, one per
 *   address listened on, such as `http://192.168.1.10:8080/`
 */
char            **bekal_live_server_dup_urls        (BekalLiveServer  *self);

/**
 * bekal_live_server_set_roster:
 * @self: a #BekalLiveServer
 * @names: (array zero-terminated=1): the participants' names, which a phone picks from once it
 *   gave the room code
 *
 * Sets the names offered on the phones; a participant may also type a name.
 */
void              bekal_live_server_set_roster      (BekalLiveServer     *self,
                                                     const char * const  *names);

/**
 * bekal_live_server_open_question:
 * @self: a #BekalLiveServer
 * @question: the question asked to the room
 *
 * Sends @question to every phone and accepts one answer per participant to it until
 * bekal_live_server_close_question(). Opening a question closes the one open before.
 */
void              bekal_live_server_open_question   (BekalLiveServer  *self,
                                                     BekalQuestion    *question);

/**
 * bekal_live_server_set_participant_question:
 * @self: a #BekalLiveServer
 * @participant: a participant's number, as "participant-joined" gave it
 * @question: (nullable): the question this participant is asked in place of the open one;
 *   %NULL for the room's
 *
 * A parallel form: half of the room answers another question at the same place of a test.
 * The phone is sent @question, and only an answer to @question is accepted from it, until the
 * next bekal_live_server_open_question() asks everyone the room's question again. Without an
 * open question, nothing happens. May be called from a "participant-joined" handler, before
 * the newcomer's phone is sent what to show.
 */
void              bekal_live_server_set_participant_question (BekalLiveServer *self,
                                                              guint            participant,
                                                              BekalQuestion   *question);

/**
 * bekal_live_server_close_question:
 * @self: a #BekalLiveServer
 *
 * Stops accepting answers; the phones say that answers are closed.
 */
void              bekal_live_server_close_question  (BekalLiveServer  *self);

/**
 * bekal_live_server_reveal:
 * @self: a #BekalLiveServer
 *
 * Closes the open question and shows the right answer and its explanation on the phones.
 */
void              bekal_live_server_reveal          (BekalLiveServer  *self);

/**
 * bekal_live_server_get_n_joined:
 * @self: a #BekalLiveServer
 *
 * Returns: how many participants have joined
 */
guint             bekal_live_server_get_n_joined    (BekalLiveServer  *self);

/**
 * bekal_live_server_get_n_answered:
 * @self: a #BekalLiveServer
 *
 * Returns: how many participants answered the open (or last) question
 */
guint             bekal_live_server_get_n_answered  (BekalLiveServer  *self);

/**
 * bekal_live_qr_encode:
 * @text: the text to encode, such as a join address
 * @out_width: (out): the number of modules on each side
 * @error: return location for a #GError
 *
 * Encodes @text as a QR code (libqrencode, error correction level M).
 *
 * Returns: (transfer full) (nullable): @out_width × @out_width bytes, row by row, 1 for a dark
 *   module and 0 for a light one; %NULL with @error set when @text is too long
 */
GBytes           *bekal_live_qr_encode              (const char  *text,
                                                     guint       *out_width,
                                                     GError     **error);

G_END_DECLS
