/* bekal-gift.c: question banks in Moodle's GIFT text format, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>

#include "bekal-exchange-private.h"

typedef enum
{
  FORMAT_MOODLE,
  FORMAT_HTML,
  FORMAT_PLAIN,
  FORMAT_MARKDOWN,
} TextFormat;

/* Text with its escapes decoded; @escaped marks the characters that were written with a
 * backslash, which never act as GIFT's special characters */
typedef struct
{
  GString    *chars;
  GByteArray *escaped;
} GiftText;

/* A part of a GiftText */
typedef struct
{
  const GiftText *text;
  gsize           start;
  gsize           end;
} Span;

typedef struct
{
  BekalQuestionBank *bank;
  htmlParserCtxtPtr  html;
  const char        *topic_id;
} GiftState;

/* Helpers: text with escapes */

static void
gift_text_init (GiftText   *text,
                const char *source,
                gsize       length)
{
  text->chars = g_string_sized_new (length);
  text->escaped = g_byte_array_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      guint8 flag = 0;
      char c = source[i];

      if (c == '\\' && i + 1 < length && strchr ("~=#{}:n\\", source[i + 1]) != NULL)
        {
          c = source[++i];
          if (c == 'n')
            c = '\n';
          flag = 1;
        }
      g_string_append_c (text->chars, c);
      g_byte_array_append (text->escaped, &flag, 1);
    }
}

static void
gift_text_clear (GiftText *text)
{
  g_string_free (text->chars, TRUE);
  g_byte_array_unref (text->escaped);
}

static gboolean
is_special (const GiftText *text,
            gsize           index,
            char            c)
{
  return text->chars->str[index] == c && !text->escaped->data[index];
}

/* The first special @c in [@from, @to), or @to */
static gsize
find_special (const GiftText *text,
              gsize           from,
              gsize           to,
              char            c)
{
  for (gsize i = from; i < to; i++)
    if (is_special (text, i, c))
      return i;
  return to;
}

static Span
span_trim (Span span)
{
  while (span.start < span.end && g_ascii_isspace (span.text->chars->str[span.start]))
    span.start++;
  while (span.end > span.start && g_ascii_isspace (span.text->chars->str[span.end - 1]))
    span.end--;
  return span;
}

static gboolean
span_is_empty (Span span)
{
  span = span_trim (span);
  return span.start == span.end;
}

static char *
span_dup (Span span)
{
  return g_strndup (span.text->chars->str + span.start, span.end - span.start);
}

static gboolean
span_has_special (Span span,
                  char c)
{
  return find_special (span.text, span.start, span.end, c) < span.end;
}

/* Moodle's [html], [moodle], [plain] and [markdown] prefixes */
static TextFormat
take_format (Span       *span,
             TextFormat  fallback)
{
  static const struct { const char *prefix; TextFormat format; } formats[] = {
    { "[html]", FORMAT_HTML }, { "[moodle]", FORMAT_MOODLE }, { "[plain]", FORMAT_PLAIN },
    { "[markdown]", FORMAT_MARKDOWN },
  };
  Span trimmed = span_trim (*span);
  const char *start = trimmed.text->chars->str + trimmed.start;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      gsize length = strlen (formats[i].prefix);

      if (trimmed.end - trimmed.start >= length && strncmp (start, formats[i].prefix, length) == 0)
        {
          span->start = trimmed.start + length;
          return formats[i].format;
        }
    }
  return fallback;
}

static char *
convert (GiftState   *state,
         Span         span,
         TextFormat   format,
         BekalLosses *losses)
{
  g_autofree char *raw = NULL;

  format = take_format (&span, format);
  span = span_trim (span);
  raw = span_dup (span);

  switch (format)
    {
    case FORMAT_PLAIN:
      return bekal_inline_from_plain (raw, -1);
    case FORMAT_MARKDOWN:
      if (losses && raw[0] != '\0')
        losses->markdown = TRUE;
      return bekal_inline_from_plain (raw, -1);
    case FORMAT_MOODLE:
    case FORMAT_HTML:
    default:
      /* Moodle's own format is HTML with line breaks kept */
      return bekal_inline_from_html (state->html, raw, -1, losses);
    }
}

static char *
convert_or_null (GiftState   *state,
                 Span         span,
                 TextFormat   format,
                 BekalLosses *losses)
{
  g_autofree char *markup = NULL;

  if (span_is_empty (span))
    return NULL;
  markup = convert (state, span, format, losses);
  return markup[0] ? g_steal_pointer (&markup) : NULL;
}

/* A percentage weight such as %50% or %-33.33333% at the start of @span */
static gboolean
take_weight (Span   *span,
             double *weight)
{
  const char *s = span->text->chars->str;
  gsize i = span->start;
  gsize close;
  g_autofree char *number = NULL;
  char *end = NULL;

  if (i >= span->end || !is_special (span->text, i, '%'))
    return FALSE;
  close = i + 1;
  while (close < span->end && (g_ascii_isdigit (s[close]) || s[close] == '.' || s[close] == '-'))
    close++;
  if (close >= span->end || s[close] != '%' || close == i + 1)
    return FALSE;

  number = g_strndup (s + i + 1, close - i - 1);
  *weight = g_ascii_strtod (number, &end) / 100;
  if (end == number || *end != '\0')
    return FALSE;
  span->start = close + 1;
  return TRUE;
}

/* [id:…] in the comments before a question, as Moodle writes it */
static char *
find_idnumber (const char *comments)
{
  const char *start = comments ? strstr (comments, "[id:") : NULL;
  g_autoptr(GString) id = NULL;

  if (start == NULL)
    return NULL;

  id = g_string_new (NULL);
  for (const char *p = start + 4; *p && *p != '\n'; p++)
    {
      if (*p == '\\' && p[1] == ']')
        {
          g_string_append_c (id, ']');
          p++;
          continue;
        }
      if (*p == ']')
        return g_strstrip (g_string_free (g_steal_pointer (&id), FALSE));
      g_string_append_c (id, *p);
    }
  return NULL;
}

static void
skip_block (GiftState  *state,
            const char *name,
            const char *kind,
            guint       line,
            const char *reason)
{
  bekal_bank_add_skipped (state->bank, name, kind, line, reason);
}

/* Helpers: the question types */

static void
read_choices (GiftState         *state,
              BekalBankQuestion *question,
              Span               answers,
              TextFormat         format,
              BekalLosses       *losses)
{
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  gsize position = answers.start;
  double best = 0;
  guint n_best = 0, n_positive = 0;

  question->type = span_has_special (answers, '=') ? BEKAL_QUESTION_SINGLE
                                                   : BEKAL_QUESTION_MULTIPLE;

  while (position < answers.end)
    {
      char marker = answers.text->chars->str[position];
      gboolean is_marker = is_special (answers.text, position, '~')
                           || is_special (answers.text, position, '=');
      gsize next = position + 1;
      Span answer, feedback;
      double weight = 0;
      gsize hash;

      while (next < answers.end && !is_special (answers.text, next, '~')
             && !is_special (answers.text, next, '='))
        next++;

      answer = (Span) { answers.text, is_marker ? position + 1 : position, next };
      position = next;
      if (!is_marker && span_is_empty (answer))
        continue;

      answer = span_trim (answer);
      if (is_marker && marker == '=')
        weight = 1;
      else
        take_weight (&answer, &weight);

      hash = find_special (answer.text, answer.start, answer.end, '#');
      feedback = (Span) { answer.text, MIN (hash + 1, answer.end), answer.end };
      answer.end = hash;

      bekal_bank_question_add_option (question, convert (state, answer, format, losses), NULL,
                                      convert_or_null (state, feedback, format, losses),
                                      weight > 0);
      g_array_append_val (weights, weight);
      if (weight > 0)
        n_positive++;
      if (weight > best + 1e-9)
        {
          best = weight;
          n_best = 1;
        }
      else if (weight > 0 && weight > best - 1e-9)
        n_best++;
    }

  if (question->type == BEKAL_QUESTION_SINGLE && n_positive > 1 && n_best == 1)
    {
      for (guint i = 0; i < question->options->len; i++)
        {
          BekalBankOption *option = g_ptr_array_index (question->options, i);

          option->correct = g_array_index (weights, double, i) > best - 1e-9;
        }
      losses->partial_credit = TRUE;
    }
}

static void
read_pairs (GiftState         *state,
            BekalBankQuestion *question,
            Span               answers,
            TextFormat         format,
            BekalLosses       *losses,
            char             **problem)
{
  gsize position = find_special (answers.text, answers.start, answers.end, '=');
  guint distractors = 0;

  question->type = BEKAL_QUESTION_MATCH;

  while (position < answers.end)
    {
      gsize next = find_special (answers.text, position + 1, answers.end, '=');
      Span pair = { answers.text, position + 1, next };
      const char *arrow;
      g_autofree char *whole = span_dup (pair);
      Span left, right;
      g_autofree char *right_text = NULL;

      position = next;
      arrow = strstr (whole, "->");
      if (arrow == NULL)
        {
          *problem = g_strdup_printf (_("The pair “%s” has no “->” between its two sides."),
                                      g_strstrip (whole));
          return;
        }

      left = (Span) { answers.text, pair.start, pair.start + (arrow - whole) };
      right = (Span) { answers.text, left.end + 2, pair.end };
      right_text = span_dup (span_trim (right));
      if (span_is_empty (left))
        {
          distractors++;
          continue;
        }

      bekal_bank_question_add_option (question, convert (state, left, format, losses),
                                      bekal_inline_from_plain (right_text, -1), NULL, FALSE);
    }

  losses->distractors += distractors;
}

static void
read_truefalse (GiftState         *state,
                BekalBankQuestion *question,
                Span               answers,
                gboolean           answer_true,
                TextFormat         format,
                BekalLosses       *losses)
{
  gsize first = find_special (answers.text, answers.start, answers.end, '#');
  gsize second = find_special (answers.text, MIN (first + 1, answers.end), answers.end, '#');
  Span wrong = { answers.text, MIN (first + 1, answers.end), second };
  Span right = { answers.text, MIN (second + 1, answers.end), answers.end };
  char *wrong_feedback = convert_or_null (state, wrong, format, losses);
  char *right_feedback = convert_or_null (state, right, format, losses);
  BekalBankOption *option;

  question->type = BEKAL_QUESTION_TRUEFALSE;

  option = bekal_bank_question_add_option (question, g_strdup ("true"), NULL,
                                           answer_true ? right_feedback : wrong_feedback,
                                           answer_true);
  g_free (option->id);
  option->id = g_strdup ("true");
  option = bekal_bank_question_add_option (question, g_strdup ("false"), NULL,
                                           answer_true ? wrong_feedback : right_feedback,
                                           !answer_true);
  g_free (option->id);
  option->id = g_strdup ("false");
}

/* One question (or category) of the file; @line is where its text starts */
static void
read_block (GiftState  *state,
            const char *source,
            gsize       length,
            const char *comments,
            guint       line)
{
  GiftText text;
  Span all, before, after, answers, general;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  g_autofree char *idnumber = find_idnumber (comments);
  g_autofree char *problem = NULL;
  g_autofree char *truefalse = NULL;
  BekalBankQuestion *question = NULL;
  BekalLosses losses;
  TextFormat format;
  gsize open, close, gap;
  char *id;

  gift_text_init (&text, source, length);
  all = span_trim ((Span) { &text, 0, text.chars->len });

  if (g_str_has_prefix (text.chars->str + all.start, "$CATEGORY:"))
    {
      gsize end = all.start;
      g_autofree char *path = NULL;

      while (end < all.end && text.chars->str[end] != '\n')
        end++;
      path = span_dup (span_trim ((Span) { &text, all.start + strlen ("$CATEGORY:"), end }));
      state->topic_id = bekal_bank_topic_for_category (state->bank, path, idnumber);
      g_clear_pointer (&idnumber, g_free);
      all = span_trim ((Span) { &text, end, all.end });
      if (all.start == all.end)
        goto out;
    }

  if (all.end - all.start >= 2 && is_special (&text, all.start, ':')
      && is_special (&text, all.start + 1, ':'))
    {
      gsize finish = all.start + 2;

      while (finish + 1 < all.end
             && !(is_special (&text, finish, ':') && is_special (&text, finish + 1, ':')))
        finish++;
      if (finish + 1 < all.end)
        {
          name = span_dup (span_trim ((Span) { &text, all.start + 2, finish }));
          all.start = finish + 2;
        }
      else
        all.start += 2;
    }

  open = find_special (&text, all.start, all.end, '{');
  close = find_special (&text, all.start, all.end, '}');
  before = (Span) { &text, all.start, MIN (open, all.end) };
  format = take_format (&before, FORMAT_MOODLE);

  {
    g_autofree char *markup = convert (state, before, format, NULL);
    g_autofree char *plain = bekal_inline_to_plain (markup);

    display = name && name[0] ? g_strdup (name) : bekal_bank_name_from_text (plain);
  }

  if (open == all.end && close == all.end)
    {
      skip_block (state, display, "description", line,
                  _("Text only, with nothing to answer; put it in a lesson as a paragraph."));
      goto out;
    }
  if (open == all.end)
    {
      skip_block (state, display, "", line,
                  _("A “}” closes answers that no “{” opened. Write \\} for a brace in the "
                    "text."));
      goto out;
    }
  if (close == all.end)
    {
      skip_block (state, display, "", line,
                  _("The answers start with “{” but no “}” closes them before the blank line "
                    "that ends the question."));
      goto out;
    }
  if (close < open)
    {
      skip_block (state, display, "", line,
                  _("A “}” comes before the “{” that opens the answers. Write \\} for a brace "
                    "in the text."));
      goto out;
    }
  gap = find_special (&text, open + 1, close, '{');
  if (gap < close || find_special (&text, close + 1, all.end, '{') < all.end
      || find_special (&text, close + 1, all.end, '}') < all.end)
    {
      skip_block (state, display, "", line,
                  _("The braces do not pair up: a question has one “{…}” answer block. Write "
                    "\\{ and \\} for braces in the text."));
      goto out;
    }

  answers = span_trim ((Span) { &text, open + 1, close });
  after = span_trim ((Span) { &text, close + 1, all.end });

  /* general feedback follows the last #### */
  general = (Span) { &text, answers.end, answers.end };
  for (gsize i = answers.end; i >= answers.start + 4; i--)
    if (is_special (&text, i - 4, '#') && is_special (&text, i - 3, '#')
        && is_special (&text, i - 2, '#') && is_special (&text, i - 1, '#'))
      {
        general = (Span) { &text, i, answers.end };
        answers = span_trim ((Span) { &text, answers.start, i - 4 });
        break;
      }

  if (answers.start == answers.end)
    {
      skip_block (state, display, "essay", line,
                  _("A written answer marked by a teacher; Bekal marks every answer itself. A "
                    "<reflection> in a lesson can hold the prompt instead."));
      goto out;
    }
  if (is_special (&text, answers.start, '#'))
    {
      skip_block (state, display, "numerical", line,
                  _("The learner types a number; Bekal's questions are answered by choosing."));
      goto out;
    }

  if (state->topic_id == NULL)
    state->topic_id = bekal_bank_default_topic (state->bank);

  question = bekal_bank_question_new (BEKAL_QUESTION_SINGLE);
  question->name = g_strdup (display);
  question->line = line;
  question->topic_id = g_strdup (state->topic_id);
  question->id = bekal_bank_claim_question_id (state->bank, idnumber,
                                               name && name[0] ? name : display);
  id = question->id;
  bekal_losses_init (&losses);

  {
    g_autoptr(GString) prompt = g_string_new (NULL);
    g_autofree char *head = span_dup (before);
    g_autofree char *tail = span_dup (after);

    /* the missing word format: a blank where the answers were */
    g_string_append (prompt, head);
    if (tail[0] != '\0')
      g_string_append_printf (prompt, " _____ %s", tail);

    {
      GiftText prompt_text;

      gift_text_init (&prompt_text, "", 0);
      g_string_assign (prompt_text.chars, prompt->str);
      g_byte_array_set_size (prompt_text.escaped, prompt->len);
      memset (prompt_text.escaped->data, 1, prompt->len);
      question->prompt = convert (state, (Span) { &prompt_text, 0, prompt->len }, format,
                                  &losses);
      gift_text_clear (&prompt_text);
    }
  }
  question->explanation = convert_or_null (state, general, format, &losses);

  if (span_has_special (answers, '~'))
    read_choices (state, question, answers, format, &losses);
  else if (span_has_special (answers, '=')
           && g_strstr_len (text.chars->str + answers.start, answers.end - answers.start, "->"))
    read_pairs (state, question, answers, format, &losses, &problem);
  else
    {
      gsize hash = find_special (&text, answers.start, answers.end, '#');

      truefalse = span_dup (span_trim ((Span) { &text, answers.start, hash }));
      if (g_str_equal (truefalse, "T") || g_str_equal (truefalse, "TRUE")
          || g_str_equal (truefalse, "F") || g_str_equal (truefalse, "FALSE"))
        read_truefalse (state, question, (Span) { &text, answers.start, answers.end },
                        truefalse[0] == 'T', format, &losses);
      else
        problem = g_strdup (after.start < after.end
                            ? _("A missing word the learner types; Bekal's questions are "
                                "answered by choosing.")
                            : _("The learner types the answer; Bekal's questions are answered "
                                "by choosing."));
    }

  if (problem != NULL)
    {
      const char *kind = question->type == BEKAL_QUESTION_MATCH ? "match" : "shortanswer";

      bekal_bank_discard_question (state->bank, question, kind, problem);
      bekal_losses_clear (&losses);
      goto out;
    }

  if (bekal_bank_add_question (state->bank, question))
    {
      g_autofree char *lost = bekal_losses_describe (&losses);

      if (lost != NULL)
        bekal_bank_add_note (state->bank, id, lost);
    }
  bekal_losses_clear (&losses);

out:
  gift_text_clear (&text);
}

/* Helpers: writing */

static void
append_gift_escaped (GString    *out,
                     const char *text)
{
  for (const char *p = text; p && *p; p++)
    {
      if (strchr ("~=#{}:\\", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

static void
append_id_comment (GString    *out,
                   const char *id)
{
  g_string_append (out, "// [id:");
  g_string_append (out, id);
  g_string_append (out, "]\n");
}

static void
write_question (GString                 *out,
                const BekalBankQuestion *question)
{
  guint n_correct = 0;

  for (guint i = 0; i < question->options->len; i++)
    if (((BekalBankOption *) g_ptr_array_index (question->options, i))->correct)
      n_correct++;

  append_id_comment (out, question->id);
  g_string_append (out, "::");
  append_gift_escaped (out, question->name ? question->name : question->id);
  g_string_append (out, "::[html]");
  append_gift_escaped (out, question->prompt);

  if (question->type == BEKAL_QUESTION_TRUEFALSE)
    {
      const BekalBankOption *yes = g_ptr_array_index (question->options, 0);
      const BekalBankOption *no = g_ptr_array_index (question->options, 1);
      const BekalBankOption *right = yes->correct ? yes : no;
      const BekalBankOption *wrong = yes->correct ? no : yes;

      g_string_append (out, " {");
      g_string_append (out, yes->correct ? "TRUE" : "FALSE");
      if (wrong->feedback || right->feedback)
        {
          g_string_append_c (out, '#');
          append_gift_escaped (out, wrong->feedback);
        }
      if (right->feedback)
        {
          g_string_append_c (out, '#');
          append_gift_escaped (out, right->feedback);
        }
      if (question->explanation)
        {
          g_string_append (out, "####");
          append_gift_escaped (out, question->explanation);
        }
      g_string_append (out, "}\n\n");
      return;
    }

  g_string_append (out, " {\n");
  for (guint i = 0; i < question->options->len; i++)
    {
      const BekalBankOption *option = g_ptr_array_index (question->options, i);

      g_string_append_c (out, '\t');
      if (question->type == BEKAL_QUESTION_MATCH)
        {
          g_autofree char *right = bekal_inline_to_plain (option->match_text);

          g_string_append_c (out, '=');
          append_gift_escaped (out, option->text);
          g_string_append (out, " -> ");
          append_gift_escaped (out, right);
          g_string_append_c (out, '\n');
          continue;
        }

      if (question->type == BEKAL_QUESTION_SINGLE)
        {
          g_string_append_c (out, option->correct ? '=' : '~');
          /* GIFT cannot escape a "%": a text that starts with one gets its weight written */
          if (!option->correct && option->text[0] == '%')
            g_string_append (out, "%0%");
        }
      else
        {
          double fraction = option->correct
                            ? bekal_bank_moodle_fraction (1.0 / n_correct)
                            : bekal_bank_moodle_fraction (-1.0 / (question->options->len
                                                                  - n_correct));
          g_autofree char *percent = bekal_bank_format_percent (fraction);

          g_string_append_printf (out, "~%%%s%%", percent);
        }
      append_gift_escaped (out, option->text);
      if (option->feedback)
        {
          g_string_append_c (out, '#');
          append_gift_escaped (out, option->feedback);
        }
      g_string_append_c (out, '\n');
    }
  if (question->explanation)
    {
      g_string_append (out, "\t####");
      append_gift_escaped (out, question->explanation);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "}\n\n");
}

/* Public API */

BekalQuestionBank *
bekal_question_bank_parse_gift (const char  *data,
                                gsize        length,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(BekalQuestionBank) bank = NULL;
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GString) comments = g_string_new (NULL);
  GiftState state = { 0, };
  const char *p, *end;
  guint line = 0, block_line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (name == NULL)
    name = "bank.txt";

  if (length > BEKAL_QUESTION_BANK_MAX_FILE_SIZE)
    {
      g_set_error (error, BEKAL_QUESTION_BANK_ERROR, BEKAL_QUESTION_BANK_ERROR_TOO_LARGE,
                   _("%s is larger than %d MiB. Export the questions in smaller parts, for "
                     "example one category at a time."), name,
                   BEKAL_QUESTION_BANK_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!bekal_bank_check_utf8 (data, length, name, error))
    return NULL;

  bekal_bank_ensure_safe_parser ();
  bank = bekal_question_bank_new ();
  state.bank = bank;
  state.html = htmlNewParserCtxt ();

  p = data;
  end = data + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  /* Questions are separated by blank lines; lines starting with // are comments */
  while (p <= end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline ? newline : end;
      g_autofree char *content = g_strndup (p, line_end - p);
      const char *trimmed = content;

      line++;
      while (*trimmed == ' ' || *trimmed == '\t' || *trimmed == '\r')
        trimmed++;

      if (*trimmed == '\0')
        {
          if (block->len > 0)
            read_block (&state, block->str, block->len, comments->str, block_line);
          g_string_truncate (block, 0);
          g_string_truncate (comments, 0);
        }
      else if (g_str_has_prefix (trimmed, "//"))
        {
          g_string_append (comments, trimmed);
          g_string_append_c (comments, '\n');
        }
      else
        {
          gsize length_now = strlen (content);

          if (block->len == 0)
            block_line = line;
          if (length_now > 0 && content[length_now - 1] == '\r')
            content[length_now - 1] = '\0';
          g_string_append (block, content);
          g_string_append_c (block, '\n');
        }

      if (newline == NULL)
        break;
      p = newline + 1;
    }
  if (block->len > 0)
    read_block (&state, block->str, block->len, comments->str, block_line);

  htmlFreeParserCtxt (state.html);
  return g_steal_pointer (&bank);
}

BekalQuestionBank *
bekal_question_bank_load_gift (const char  *path,
                               GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  data = bekal_bank_read_file (path, &length, error);
  if (data == NULL)
    return NULL;

  return bekal_question_bank_parse_gift (data, length, path, error);
}

char *
bekal_question_bank_write_gift (BekalQuestionBank  *self,
                                GPtrArray         **skipped)
{
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GHashTable) groups = NULL;
  GString *out;

  g_return_val_if_fail (BEKAL_IS_QUESTION_BANK (self), NULL);

  groups = bekal_bank_questions_by_topic (self);
  left_out = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_bank_skipped_free);
  out = g_string_new (NULL);
  if (bekal_question_bank_get_title (self))
    {
      g_autofree char *title = g_strdelimit (g_strdup (bekal_question_bank_get_title (self)),
                                             "\r\n", ' ');

      g_string_append_printf (out, "// Questions of “%s”, written by bekal-author.\n\n", title);
    }

  for (guint i = 0; i < bekal_question_bank_get_n_topics (self); i++)
    {
      const BekalBankTopic *topic = bekal_question_bank_get_topic (self, i);
      g_autofree char *path = bekal_bank_category_path (self, topic);
      gboolean wrote_category = FALSE;

      GPtrArray *group = g_hash_table_lookup (groups, topic->id);

      for (guint j = 0; group != NULL && j < group->len; j++)
        {
          const BekalBankQuestion *question = g_ptr_array_index (group, j);

          if (question->type == BEKAL_QUESTION_ORDER)
            {
              g_ptr_array_add (left_out,
                               bekal_bank_skipped_new (question->id, "order", 0,
                                                       _("GIFT has no ordering question; "
                                                         "export to Moodle XML to keep it.")));
              continue;
            }

          if (!wrote_category)
            {
              /* Moodle ignores the comment; Bekal reads the topic's id back from it */
              append_id_comment (out, topic->id);
              g_string_append (out, "$CATEGORY: ");
              g_string_append (out, path);
              g_string_append (out, "\n\n");
              wrote_category = TRUE;
            }
          write_question (out, question);
        }
    }

  if (skipped)
    *skipped = g_steal_pointer (&left_out);

  return g_string_free (out, FALSE);
}
