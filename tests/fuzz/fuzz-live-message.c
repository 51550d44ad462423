/* fuzz-live-message.c: libFuzzer harness for the group session's message reader
 *
 * Every message a phone sends goes through _bekal_live_message_parse() first. Besides the
 * sanitizers it checks the contract: a message or an error, never both; the fields a message's
 * type needs are there and of their form (a name of 1–60 characters of valid UTF-8, a token of
 * 32 lower-case hex digits, a room code of digits).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "bekal-live-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (const BekalLiveMessage *message)
{
  switch (message->type)
    {
    case BEKAL_LIVE_MESSAGE_JOIN:
      if (message->name == NULL || !g_utf8_validate (message->name, -1, NULL)
          || g_utf8_strlen (message->name, -1) < 1
          || g_utf8_strlen (message->name, -1) > BEKAL_LIVE_MAX_NAME)
        abort ();
      G_GNUC_FALLTHROUGH;
    case BEKAL_LIVE_MESSAGE_CHECK_ROOM:
      if (message->room == NULL || message->room[0] == '\0')
        abort ();
      for (const char *p = message->room; *p; p++)
        if (!g_ascii_isdigit (*p))
          abort ();
      break;
    case BEKAL_LIVE_MESSAGE_REJOIN:
      if (message->token == NULL || strlen (message->token) != BEKAL_LIVE_TOKEN_LENGTH)
        abort ();
      break;
    case BEKAL_LIVE_MESSAGE_ANSWER:
      if (message->question == NULL || message->response == NULL
          || !g_utf8_validate (message->response, -1, NULL))
        abort ();
      break;
    case BEKAL_LIVE_MESSAGE_PING:
    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  BekalLiveMessage *message = _bekal_live_message_parse ((const char *) data, size, &error);

  if ((message == NULL) == (error == NULL))
    abort ();
  if (message != NULL)
    check (message);
  _bekal_live_message_free (message);
  g_clear_error (&error);
  return 0;
}
