/* bekal-live-protocol.c: reading what phones send and writing what they are sent
 *
 * Every message from a phone is hostile: it is read with json-glib only after its size and
 * its nesting are bounded, and each field must have the form its type needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <bekal/bekal-live-server.h>
#include <bekal/bekal-text.h>

#include "bekal-live-private.h"

/* A phone's messages are flat objects: more brackets than this is not one of them */
#define MAX_BRACKETS 4

static const struct
{
  const char           *name;
  BekalLiveMessageType  type;
} message_types[] = {
  { "check-room", BEKAL_LIVE_MESSAGE_CHECK_ROOM },
  { "join", BEKAL_LIVE_MESSAGE_JOIN },
  { "rejoin", BEKAL_LIVE_MESSAGE_REJOIN },
  { "answer", BEKAL_LIVE_MESSAGE_ANSWER },
  { "ping", BEKAL_LIVE_MESSAGE_PING },
};

/* Helpers */

static gboolean
refuse (GError     **error,
        const char  *why)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, why);
  return FALSE;
}

static gboolean
is_id (const char *text)
{
  if (text[0] == '\0' || strlen (text) > 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
is_token (const char *text)
{
  if (strlen (text) != BEKAL_LIVE_TOKEN_LENGTH)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_room_code (const char *text)
{
  if (text[0] == '\0' || strlen (text) > 12)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* A name as typed on a phone: valid UTF-8, no control characters, 1–60 characters once the
 * spaces around it are gone */
static char *
clean_name (const char *text)
{
  g_autofree char *copy = NULL;
  glong length;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return NULL;
    }
  copy = g_strstrip (g_strdup (text));
  length = g_utf8_strlen (copy, -1);
  if (length < 1 || length > BEKAL_LIVE_MAX_NAME)
    return NULL;
  return g_steal_pointer (&copy);
}

/* The string member @name of @object, or NULL when it is missing or not a string */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
plain (BekalText *text)
{
  return text != NULL ? bekal_text_get_plain (text) : "";
}

static char *
generate (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_option (JsonBuilder *builder,
            const char  *id,
            const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

/* Internal API */

void
_bekal_live_message_free (BekalLiveMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->room);
  g_free (message->name);
  g_free (message->token);
  g_free (message->question);
  g_free (message->response);
  g_free (message);
}

BekalLiveMessage *
_bekal_live_message_parse (const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(BekalLiveMessage) message = NULL;
  JsonObject *object;
  const char *type;
  guint brackets = 0;
  gboolean known = FALSE;

  if (data == NULL || length == 0 || length > BEKAL_LIVE_MAX_MESSAGE)
    return refuse (error, "the message is empty or too long"), NULL;
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\0')
        return refuse (error, "the message holds a NUL byte"), NULL;
      if (data[i] == '{' || data[i] == '[')
        brackets++;
    }
  if (brackets > MAX_BRACKETS)
    return refuse (error, "the message is nested too deeply"), NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return refuse (error, "the message is not JSON"), NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return refuse (error, "the message is not a JSON object"), NULL;
  object = json_node_get_object (json_parser_get_root (parser));

  type = get_string (object, "type");
  if (type == NULL)
    return refuse (error, "the message has no type"), NULL;

  message = g_new0 (BekalLiveMessage, 1);
  for (guint i = 0; i < G_N_ELEMENTS (message_types); i++)
    if (g_str_equal (type, message_types[i].name))
      {
        message->type = message_types[i].type;
        known = TRUE;
      }
  if (!known)
    return refuse (error, "unknown message type"), NULL;

  switch (message->type)
    {
    case BEKAL_LIVE_MESSAGE_JOIN:
      {
        const char *name = get_string (object, "name");

        if (name == NULL || (message->name = clean_name (name)) == NULL)
          return refuse (error, "the name is missing, empty, too long or not text"), NULL;
      }
      G_GNUC_FALLTHROUGH;
    case BEKAL_LIVE_MESSAGE_CHECK_ROOM:
      {
        const char *room = get_string (object, "room");

        if (room == NULL || !is_room_code (room))
          return refuse (error, "the room code is missing or not digits"), NULL;
        message->room = g_strdup (room);
      }
      break;

    case BEKAL_LIVE_MESSAGE_REJOIN:
      {
        const char *token = get_string (object, "token");

        if (token == NULL || !is_token (token))
          return refuse (error, "the token is missing or malformed"), NULL;
        message->token = g_strdup (token);
      }
      break;

    case BEKAL_LIVE_MESSAGE_ANSWER:
      {
        const char *question = get_string (object, "question");
        const char *response = get_string (object, "response");

        if (question == NULL || !is_id (question))
          return refuse (error, "the question id is missing or malformed"), NULL;
        if (response == NULL || strlen (response) > 2048 || !g_utf8_validate (response, -1, NULL))
          return refuse (error, "the response is missing or too long"), NULL;
        message->question = g_strdup (question);
        message->response = g_strdup (response);
      }
      break;

    case BEKAL_LIVE_MESSAGE_PING:
    default:
      break;
    }

  return g_steal_pointer (&message);
}

char *
_bekal_live_question_to_json (BekalQuestion *question,
                              gboolean       answered,
                              gboolean       open)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  BekalQuestionType kind = bekal_question_get_kind (question);
  guint n = bekal_question_get_n_options (question);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "question");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bekal_question_get_id (question));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, bekal_question_type_to_string (kind));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, plain (bekal_question_get_prompt (question)));
  json_builder_set_member_name (builder, "answered");
  json_builder_add_boolean_value (builder, answered);
  json_builder_set_member_name (builder, "open");
  json_builder_add_boolean_value (builder, open);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      add_option (builder, bekal_option_get_id (option), plain (bekal_option_get_text (option)));
    }
  json_builder_end_array (builder);

  if (kind == BEKAL_QUESTION_MATCH)
    {
      /* the right sides, in an order of their own so that the pairs do not show */
      g_autofree guint *order = g_new (guint, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        order[i] = i;
      for (guint i = n; i > 1; i--)
        {
          guint j = g_random_int_range (0, (gint32) i);
          guint swap = order[i - 1];

          order[i - 1] = order[j];
          order[j] = swap;
        }
      json_builder_set_member_name (builder, "rights");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          BekalOption *option = bekal_question_get_option (question, order[i]);

          add_option (builder, bekal_option_get_id (option),
                      plain (bekal_option_get_match_text (option)));
        }
      json_builder_end_array (builder);
    }
  else if (kind == BEKAL_QUESTION_SCALE)
    {
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, bekal_question_get_scale_min (question));
      json_builder_set_member_name (builder, "max");
      json_builder_add_int_value (builder, bekal_question_get_scale_max (question));
    }
  json_builder_end_object (builder);

  return generate (builder);
}

char *
_bekal_live_reveal_to_json (BekalQuestion *question)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  BekalQuestionType kind = bekal_question_get_kind (question);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "reveal");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bekal_question_get_id (question));
  json_builder_set_member_name (builder, "explanation");
  json_builder_add_string_value (builder, plain (bekal_question_get_explanation (question)));
  /* the right options; for an order question the items in their right order, and for a
   * match question every left side goes with its own right side */
  json_builder_set_member_name (builder, "correct");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bekal_question_get_n_options (question); i++)
    {
      BekalOption *option = bekal_question_get_option (question, i);

      if (kind == BEKAL_QUESTION_ORDER || kind == BEKAL_QUESTION_MATCH
          || bekal_option_get_correct (option))
        json_builder_add_string_value (builder, bekal_option_get_id (option));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return generate (builder);
}

char *
_bekal_live_simple_json (const char *type,
                         const char *key,
                         const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  if (key != NULL)
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  return generate (builder);
}

char *
_bekal_live_joined_json (const char *token,
                         const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "joined");
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);

  return generate (builder);
}

char *
_bekal_live_roster_json (const char * const *names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "roster");
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return generate (builder);
}
