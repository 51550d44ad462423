/* bekal-live-private.h: the live-session protocol, shared by the server, its tests and the
 * fuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <bekal/bekal-model.h>

G_BEGIN_DECLS

#define BEKAL_LIVE_TOKEN_LENGTH 32 /* hex digits of a 128-bit token */
#define BEKAL_LIVE_MAX_NAME     60 /* characters of a participant's name */

/* What a phone may send */
typedef enum
{
  BEKAL_LIVE_MESSAGE_CHECK_ROOM, /* room: is the code right? answered with the roster */
  BEKAL_LIVE_MESSAGE_JOIN,       /* room, name: a new participant */
  BEKAL_LIVE_MESSAGE_REJOIN,     /* token: a participant back after sleep or a dropped link */
  BEKAL_LIVE_MESSAGE_ANSWER,     /* question, response (Bekal's stored form) */
  BEKAL_LIVE_MESSAGE_PING,
} BekalLiveMessageType;

typedef struct
{
  BekalLiveMessageType  type;
  char                 *room;
  char                 *name;
  char                 *token;
  char                 *question;
  char                 *response;
} BekalLiveMessage;

void              _bekal_live_message_free    (BekalLiveMessage *message);

/* Reads one message from a phone. Anything but a JSON object with a known "type" and the
 * fields that type needs, each a string of the expected form and length, is refused with
 * G_IO_ERROR_INVALID_DATA. */
BekalLiveMessage *_bekal_live_message_parse   (const char        *data,
                                               gsize              length,
                                               GError           **error);

/* Messages the server sends, as JSON text */
char             *_bekal_live_question_to_json (BekalQuestion    *question,
                                                gboolean          answered,
                                                gboolean          open);
char             *_bekal_live_reveal_to_json   (BekalQuestion    *question);
char             *_bekal_live_joined_json      (const char       *token,
                                                const char       *name);
char             *_bekal_live_roster_json      (const char * const *names);
char             *_bekal_live_simple_json      (const char       *type,
                                                const char       *key,
                                                const char       *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalLiveMessage, _bekal_live_message_free)

G_END_DECLS
