/* bekal-exchange-private.h: the question bank's internals, shared by its readers and writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/HTMLparser.h>

#include <bekal/bekal-question-bank.h>
#include <bekal/bekal-text.h>

G_BEGIN_DECLS

/* What converting the texts of one question left out, to be told in a single note */
typedef struct
{
  guint       images;
  guint       files;      /* embedded files (Moodle's <file> elements) */
  GHashTable *dropped;    /* tag name → TRUE: tags removed with their content */
  GHashTable *unwrapped;  /* tag name → TRUE: unknown tags removed, their text kept */
  gboolean    markdown;   /* Markdown text taken as plain text */
  gboolean    partial_credit; /* single choice with partly right answers */
  guint       distractors;    /* right sides of a match without a left side */
  gboolean    subset;         /* an ordering question that showed some of its items */
} BekalLosses;

void   bekal_losses_init              (BekalLosses        *losses);
void   bekal_losses_clear             (BekalLosses        *losses);
/* A sentence telling what was lost, or NULL when nothing was */
char  *bekal_losses_describe          (BekalLosses        *losses);

/* bekal-inline-html.c: text conversions. Inline markup is text escaped for XML with <em> and
 * <strong>; white space is collapsed and trimmed. */
/* Moodle's HTML to inline markup; @ctxt is a reusable HTML parser context */
char  *bekal_inline_from_html         (htmlParserCtxtPtr   ctxt,
                                       const char         *html,
                                       gssize              length,
                                       BekalLosses        *losses);
char  *bekal_inline_from_plain        (const char         *text,
                                       gssize              length);
char  *bekal_inline_from_text         (const BekalText    *text,
                                       gboolean           *had_terms);
/* The text of inline markup, tags removed and escapes decoded */
char  *bekal_inline_to_plain          (const char         *markup);
/* Whether inline markup has any element */
gboolean bekal_inline_has_markup      (const char         *markup);
/* Escapes text for XML content and attribute values */
void   bekal_append_escaped           (GString            *out,
                                       const char         *text);

/* bekal-bank.c: building a bank */
/* An id made from @text: lower case ASCII letters, digits and '-', or @fallback */
char  *bekal_bank_make_id             (const char         *text,
                                       const char         *fallback);
/* The topic for a category path such as $course$/top/Cat/Sub; @idnumber is used as the id
 * when it is a valid, free id. Returns the topic's id. */
const char *bekal_bank_topic_for_category (BekalQuestionBank *self,
                                           const char        *path,
                                           const char        *idnumber);
/* The topic used by questions before the first category */
const char *bekal_bank_default_topic  (BekalQuestionBank  *self);
/* Reserves an id for a question: @idnumber if valid and free, else one made from @name */
char  *bekal_bank_claim_question_id   (BekalQuestionBank  *self,
                                       const char         *idnumber,
                                       const char         *name);
BekalBankQuestion *bekal_bank_question_new (BekalQuestionType type);
void   bekal_bank_question_free       (BekalBankQuestion  *question);
BekalBankOption *bekal_bank_question_add_option (BekalBankQuestion *question,
                                                 char              *text,
                                                 char              *match_text,
                                                 char              *feedback,
                                                 gboolean           correct);
/* Checks what a module requires of a question; returns NULL if it holds, else the reason */
char  *bekal_bank_check_question      (BekalBankQuestion  *question);
/* Takes @question into the bank, or lists it as skipped when the check fails */
gboolean bekal_bank_add_question      (BekalQuestionBank  *self,
                                       BekalBankQuestion  *question);
/* Lists @question as skipped for @reason, frees it and gives its id back */
void   bekal_bank_discard_question    (BekalQuestionBank  *self,
                                       BekalBankQuestion  *question,
                                       const char         *kind,
                                       const char         *reason);
void   bekal_bank_add_skipped         (BekalQuestionBank  *self,
                                       const char         *name,
                                       const char         *kind,
                                       guint               line,
                                       const char         *reason);
void   bekal_bank_add_note            (BekalQuestionBank  *self,
                                       const char         *question,
                                       const char         *message);
BekalBankSkipped *bekal_bank_skipped_new (const char      *name,
                                          const char      *kind,
                                          guint            line,
                                          const char      *reason);
/* Plain text fit for XML and a terminal: no control characters, white space collapsed */
char  *bekal_bank_clean_plain         (const char         *text);
/* A short name for a question without one: its first words */
char  *bekal_bank_name_from_text      (const char         *plain);
/* Makes sure the module loader's refusal of external entities is installed */
void   bekal_bank_ensure_safe_parser  (void);
/* Reads a whole file up to BEKAL_QUESTION_BANK_MAX_FILE_SIZE */
char  *bekal_bank_read_file           (const char         *path,
                                       gsize              *length,
                                       GError            **error);
/* Fails unless @data is UTF-8, naming the line of the first byte that is not */
gboolean bekal_bank_check_utf8        (const char         *data,
                                       gsize               length,
                                       const char         *name,
                                       GError            **error);
/* The sorted paths of categories, the topic's path segment, as written by the exporters */
char  *bekal_bank_category_path       (BekalQuestionBank  *self,
                                       const BekalBankTopic *topic);
/* Topic id → GPtrArray of its questions (not owned), in the bank's order */
GHashTable *bekal_bank_questions_by_topic (BekalQuestionBank *self);
/* The fraction Moodle accepts closest to @fraction (in 0..1, or -1..0) */
double bekal_bank_moodle_fraction     (double              fraction);
char  *bekal_bank_format_percent      (double              fraction);

G_END_DECLS
