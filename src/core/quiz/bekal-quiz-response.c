/* bekal-quiz-response.c: a learner's answer to one question, decoded, and its text form
 *
 * The text form is part of the stored format (the answers table): see bekal-quiz.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-quiz.h>
#include <bekal/bekal-quiz-response.h>

struct _BekalResponse
{
  grefcount          ref_count;
  BekalQuestionType  kind;
  GPtrArray         *ids;       /* chosen options, order items, or the left sides of pairs */
  GPtrArray         *rights;    /* match: the right side next to ids[i], NULL when unmatched */
  gboolean           has_value; /* scale */
  int                value;
};

G_DEFINE_BOXED_TYPE (BekalResponse, bekal_response, bekal_response_ref, bekal_response_unref)

/* Helpers */

static gboolean
is_match (BekalQuestionType kind)
{
  return kind == BEKAL_QUESTION_MATCH;
}

/* What the text form can carry: an id is never empty and holds neither separator */
static gboolean
is_valid_id (const char *id)
{
  return id != NULL && id[0] != '\0' && strchr (id, ',') == NULL && strchr (id, '=') == NULL;
}

static BekalResponse *
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, BEKAL_QUIZ_ERROR, BEKAL_QUIZ_ERROR_INVALID_RESPONSE, message);
  return NULL;
}

/* Splits a comma-joined list; "" is the empty list */
static char **
split_list (const char *text)
{
  if (*text == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (text, ",", -1);
}

static BekalResponse *
parse_ids (BekalResponse  *self,
           const char     *text,
           GError        **error)
{
  g_auto(GStrv) ids = split_list (text);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (!is_valid_id (ids[i]))
        return set_invalid (error, _("The answer names an option the question does not have."));
      g_ptr_array_add (self->ids, g_strdup (ids[i]));
    }

  return self;
}

static BekalResponse *
parse_pairs (BekalResponse  *self,
             const char     *text,
             GError        **error)
{
  g_auto(GStrv) entries = split_list (text);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *equals = strchr (entries[i], '=');
      g_autofree char *left = NULL;
      const char *right;

      if (equals == NULL)
        return set_invalid (error, _("Each matched pair must be written as LEFT=RIGHT."));

      left = g_strndup (entries[i], equals - entries[i]);
      right = equals + 1;
      /* an empty right side is a pair left unmatched */
      if (!is_valid_id (left) || (*right != '\0' && !is_valid_id (right)))
        return set_invalid (error, _("Each matched pair must be written as LEFT=RIGHT."));

      g_ptr_array_add (self->ids, g_steal_pointer (&left));
      g_ptr_array_add (self->rights, *right != '\0' ? g_strdup (right) : NULL);
    }

  return self;
}

static BekalResponse *
parse_value (BekalResponse  *self,
             const char     *text,
             GError        **error)
{
  char *end = NULL;
  gint64 value;

  /* digits with an optional minus sign, nothing else: no spaces, no '+', no fraction */
  if (*text == '\0' || !(g_ascii_isdigit (*text) || *text == '-'))
    return set_invalid (error, _("Choose a value on the scale."));

  value = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || end == text || *end != '\0' || value < G_MININT || value > G_MAXINT)
    return set_invalid (error, _("Choose a value on the scale."));

  bekal_response_set_value (self, (int) value);
  return self;
}

/* Public API */

BekalResponse *
bekal_response_new (BekalQuestionType kind)
{
  BekalResponse *self = g_new0 (BekalResponse, 1);

  g_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->rights = g_ptr_array_new_with_free_func (g_free);

  return self;
}

BekalResponse *
bekal_response_ref (BekalResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
bekal_response_unref (BekalResponse *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->rights);
  g_free (self);
}

BekalResponse *
bekal_response_parse (BekalQuestionType   kind,
                      const char         *text,
                      GError            **error)
{
  g_autoptr(BekalResponse) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return set_invalid (error, _("The answer is empty or not valid text."));

  self = bekal_response_new (kind);
  switch (kind)
    {
    case BEKAL_QUESTION_SINGLE:
    case BEKAL_QUESTION_TRUEFALSE:
    case BEKAL_QUESTION_MULTIPLE:
    case BEKAL_QUESTION_ORDER:
      if (parse_ids (self, text, error) == NULL)
        return NULL;
      break;

    case BEKAL_QUESTION_MATCH:
      if (parse_pairs (self, text, error) == NULL)
        return NULL;
      break;

    case BEKAL_QUESTION_SCALE:
      if (parse_value (self, text, error) == NULL)
        return NULL;
      break;

    default:
      return set_invalid (error, _("This type of question cannot be answered."));
    }

  return g_steal_pointer (&self);
}

char *
bekal_response_to_string (const BekalResponse *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == BEKAL_QUESTION_SCALE)
    return self->has_value ? g_strdup_printf ("%d", self->value) : g_strdup ("");

  text = g_string_new (NULL);
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_ptr_array_index (self->ids, i));
      if (is_match (self->kind))
        {
          const char *right = g_ptr_array_index (self->rights, i);

          g_string_append_c (text, '=');
          g_string_append (text, right != NULL ? right : "");
        }
    }

  return g_string_free (text, FALSE);
}

BekalQuestionType
bekal_response_get_kind (const BekalResponse *self)
{
  g_return_val_if_fail (self != NULL, BEKAL_QUESTION_SINGLE);

  return self->kind;
}

void
bekal_response_add_id (BekalResponse *self,
                       const char    *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!is_match (self->kind) && self->kind != BEKAL_QUESTION_SCALE);
  g_return_if_fail (is_valid_id (id));

  g_ptr_array_add (self->ids, g_strdup (id));
}

guint
bekal_response_get_n_ids (const BekalResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return is_match (self->kind) ? 0 : self->ids->len;
}

const char *
bekal_response_get_id (const BekalResponse *self,
                       guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < bekal_response_get_n_ids (self), NULL);

  return g_ptr_array_index (self->ids, index);
}

gboolean
bekal_response_has_id (const BekalResponse *self,
                       const char          *id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (id == NULL || is_match (self->kind))
    return FALSE;

  for (guint i = 0; i < self->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->ids, i), id))
      return TRUE;

  return FALSE;
}

void
bekal_response_add_pair (BekalResponse *self,
                         const char    *left_id,
                         const char    *right_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (is_match (self->kind));
  g_return_if_fail (is_valid_id (left_id));
  g_return_if_fail (right_id == NULL || is_valid_id (right_id));

  g_ptr_array_add (self->ids, g_strdup (left_id));
  g_ptr_array_add (self->rights, g_strdup (right_id));
}

guint
bekal_response_get_n_pairs (const BekalResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return is_match (self->kind) ? self->ids->len : 0;
}

const char *
bekal_response_get_left_id (const BekalResponse *self,
                            guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < bekal_response_get_n_pairs (self), NULL);

  return g_ptr_array_index (self->ids, index);
}

const char *
bekal_response_get_match (const BekalResponse *self,
                          const char          *left_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (left_id == NULL || !is_match (self->kind))
    return NULL;

  for (guint i = 0; i < self->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->ids, i), left_id))
      return g_ptr_array_index (self->rights, i);

  return NULL;
}

void
bekal_response_set_value (BekalResponse *self,
                          int            value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == BEKAL_QUESTION_SCALE);

  self->has_value = TRUE;
  self->value = value;
}

gboolean
bekal_response_get_value (const BekalResponse *self,
                          int                 *out_value)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (out_value != NULL)
    *out_value = self->value;

  return self->has_value;
}
