/* bekal-question-bank.h: question banks from Moodle XML and GIFT, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/* Bank files larger than this are refused. Moodle embeds pictures in its XML as base64, so a
 * real bank of a few thousand questions with pictures stays well below it */
#define BEKAL_QUESTION_BANK_MAX_FILE_SIZE (64 * 1024 * 1024)

#define BEKAL_QUESTION_BANK_ERROR (bekal_question_bank_error_quark ())

/**
 * BekalQuestionBankError:
 * @BEKAL_QUESTION_BANK_ERROR_IO: the file does not exist or cannot be read
 * @BEKAL_QUESTION_BANK_ERROR_TOO_LARGE: larger than %BEKAL_QUESTION_BANK_MAX_FILE_SIZE
 * @BEKAL_QUESTION_BANK_ERROR_INVALID: not a Moodle XML or GIFT file, not UTF-8, or refused
 *   for safety (a DOCTYPE with entities, an external DTD, elements nested too deeply)
 * @BEKAL_QUESTION_BANK_ERROR_BAD_ID: an id given for the quiz is not a valid Bekal id or is
 *   already used by a topic or a question
 *
 * Why a question bank cannot be read or written.
 */
typedef enum
{
  BEKAL_QUESTION_BANK_ERROR_IO,
  BEKAL_QUESTION_BANK_ERROR_TOO_LARGE,
  BEKAL_QUESTION_BANK_ERROR_INVALID,
  BEKAL_QUESTION_BANK_ERROR_BAD_ID,
} BekalQuestionBankError;

/**
 * BekalBankTopic:
 * @id: a valid Bekal id, unique in the bank
 * @name: the topic name, plain text
 *
 * A topic of the bank: a category of Moodle or GIFT, or a topic of a module.
 */
typedef struct
{
  char *id;
  char *name;
} BekalBankTopic;

/**
 * BekalBankOption:
 * @id: a valid Bekal id, unique in its question
 * @text: the option, the order item or the left side of a pair, in inline markup
 * @match_text: (nullable): the right side of a pair, in inline markup; %NULL for other types
 * @feedback: (nullable): shown when the learner picks this option, in inline markup
 * @correct: whether the option is right (single, multiple, and "true" or "false" of a
 *   true/false question)
 *
 * One option, order item or pair. Inline markup is text escaped for XML with `<em>` and
 * `<strong>` elements and nothing else, the way a module writes a prompt.
 */
typedef struct
{
  char     *id;
  char     *text;
  char     *match_text;
  char     *feedback;
  gboolean  correct;
} BekalBankOption;

/**
 * BekalBankQuestion:
 * @id: a valid Bekal id, unique in the bank among questions and topics
 * @name: the question's name in the bank it came from, plain text
 * @topic_id: the id of its #BekalBankTopic
 * @type: single, multiple, truefalse, order or match (never scale)
 * @prompt: the question, in inline markup
 * @explanation: (nullable): in inline markup
 * @options: (element-type BekalBankOption): the options; for truefalse the options "true"
 *   and "false" in that order; for order the items in the right order; for match the pairs
 * @line: the line of the bank file where the question starts, 0 when not from a file
 *
 * One question of a bank, in the form a Bekal module can hold.
 */
typedef struct
{
  char              *id;
  char              *name;
  char              *topic_id;
  BekalQuestionType  type;
  char              *prompt;
  char              *explanation;
  GPtrArray         *options;
  guint              line;
} BekalBankQuestion;

/**
 * BekalBankSkipped:
 * @name: the question's name, or the first words of its text
 * @kind: its type as the other format calls it (`shortanswer`, `essay`, `scale`…)
 * @reason: why it was not taken over, for the trainer, translated
 * @line: the line of the file where it starts, 0 when not from a file
 *
 * A question that could not be imported or exported, and why.
 */
typedef struct
{
  char  *name;
  char  *kind;
  char  *reason;
  guint  line;
} BekalBankSkipped;

/**
 * BekalBankNote:
 * @question: (nullable): the id of the question it concerns, or %NULL for the whole file
 * @message: what was changed or left out on the way, translated
 *
 * Something a question lost when it was converted, such as pictures or markup that Bekal's
 * inline text does not have.
 */
typedef struct
{
  char *question;
  char *message;
} BekalBankNote;

/**
 * BekalQuestionBank:
 *
 * Questions on their way between a Bekal module and Moodle: read from a Moodle XML or GIFT
 * file, or collected from a module; written as a Bekal quiz fragment, as Moodle XML or as
 * GIFT. It holds only what a Bekal module can hold, and lists what it left out.
 */

#define BEKAL_TYPE_QUESTION_BANK (bekal_question_bank_get_type ())

G_DECLARE_FINAL_TYPE (BekalQuestionBank, bekal_question_bank, BEKAL, QUESTION_BANK, GObject)

/**
 * bekal_question_bank_error_quark:
 *
 * Returns: the error domain of #BekalQuestionBankError
 */
GQuark                   bekal_question_bank_error_quark    (void);

/**
 * bekal_question_bank_new:
 *
 * Creates an empty bank.
 *
 * Returns: (transfer full): a new bank
 */
BekalQuestionBank       *bekal_question_bank_new            (void);

/**
 * bekal_question_bank_load_moodle_xml:
 * @path: a Moodle XML question file
 * @error: return location for a #BekalQuestionBankError
 *
 * Reads a Moodle XML file the way the module loader reads modules: no DTD, no entities
 * beyond the predefined ones, no network, no other files. Questions Bekal cannot represent
 * are listed by bekal_question_bank_get_skipped().
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
BekalQuestionBank       *bekal_question_bank_load_moodle_xml (const char  *path,
                                                              GError     **error);

/**
 * bekal_question_bank_parse_moodle_xml:
 * @data: (array length=length): the file's bytes
 * @length: their number
 * @name: the file's name, for messages
 * @error: return location for a #BekalQuestionBankError
 *
 * As bekal_question_bank_load_moodle_xml(), from memory.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
BekalQuestionBank       *bekal_question_bank_parse_moodle_xml (const char  *data,
                                                               gsize        length,
                                                               const char  *name,
                                                               GError     **error);

/**
 * bekal_question_bank_load_gift:
 * @path: a GIFT text file, UTF-8
 * @error: return location for a #BekalQuestionBankError
 *
 * Reads a GIFT file as Moodle does. A question that is written wrongly (an answer block
 * that is not closed, say) is listed by bekal_question_bank_get_skipped() with the reason;
 * the others are still read.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
BekalQuestionBank       *bekal_question_bank_load_gift      (const char  *path,
                                                             GError     **error);

/**
 * bekal_question_bank_parse_gift:
 * @data: (array length=length): the file's bytes
 * @length: their number
 * @name: the file's name, for messages
 * @error: return location for a #BekalQuestionBankError
 *
 * As bekal_question_bank_load_gift(), from memory.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
BekalQuestionBank       *bekal_question_bank_parse_gift     (const char  *data,
                                                             gsize        length,
                                                             const char  *name,
                                                             GError     **error);

/**
 * bekal_question_bank_new_from_module:
 * @module: a loaded module
 *
 * Collects the questions of every quiz of @module, with the module's topics. Scale questions
 * are listed by bekal_question_bank_get_skipped(): they have no right answer.
 *
 * Returns: (transfer full): a new bank
 */
BekalQuestionBank       *bekal_question_bank_new_from_module (BekalModule *module);

/**
 * bekal_question_bank_get_title:
 * @self: a bank
 *
 * Returns: (transfer none) (nullable): the module's title for a bank made from a module, else %NULL
 */
const char              *bekal_question_bank_get_title      (BekalQuestionBank *self);

/**
 * bekal_question_bank_get_n_topics:
 * @self: a bank
 *
 * Returns: the number of topics
 */
guint                    bekal_question_bank_get_n_topics   (BekalQuestionBank *self);

/**
 * bekal_question_bank_get_topic:
 * @self: a bank
 * @index: from 0 to bekal_question_bank_get_n_topics() - 1
 *
 * Returns: (transfer none): the topic
 */
const BekalBankTopic    *bekal_question_bank_get_topic      (BekalQuestionBank *self,
                                                             guint              index);

/**
 * bekal_question_bank_find_topic:
 * @self: a bank
 * @id: a topic id
 *
 * Returns: (transfer none) (nullable): the topic with that id, or %NULL
 */
const BekalBankTopic    *bekal_question_bank_find_topic     (BekalQuestionBank *self,
                                                             const char        *id);

/**
 * bekal_question_bank_get_n_questions:
 * @self: a bank
 *
 * Returns: the number of questions Bekal can represent
 */
guint                    bekal_question_bank_get_n_questions (BekalQuestionBank *self);

/**
 * bekal_question_bank_get_question:
 * @self: a bank
 * @index: from 0 to bekal_question_bank_get_n_questions() - 1
 *
 * Returns: (transfer none): the question
 */
const BekalBankQuestion *bekal_question_bank_get_question   (BekalQuestionBank *self,
                                                             guint              index);

/**
 * bekal_question_bank_get_skipped:
 * @self: a bank
 *
 * Returns: (transfer none) (element-type BekalBankSkipped): the questions of the source that
 *   were not taken into the bank, in the order of the source
 */
GPtrArray               *bekal_question_bank_get_skipped    (BekalQuestionBank *self);

/**
 * bekal_question_bank_get_notes:
 * @self: a bank
 *
 * Returns: (transfer none) (element-type BekalBankNote): what the questions lost on the way
 */
GPtrArray               *bekal_question_bank_get_notes      (BekalQuestionBank *self);

/**
 * bekal_question_bank_write_topics:
 * @self: a bank
 *
 * Writes a `<topics>` element with the topics that have questions, for the trainer to merge
 * into the module's `<topics>`.
 *
 * Returns: (transfer full): the XML fragment
 */
char                    *bekal_question_bank_write_topics   (BekalQuestionBank *self);

/**
 * bekal_question_bank_write_quiz:
 * @self: a bank
 * @quiz_id: the id of the quiz: a valid Bekal id not used by a topic or a question
 * @role: %BEKAL_QUIZ_PRACTICE, %BEKAL_QUIZ_PRETEST or %BEKAL_QUIZ_POSTTEST
 * @error: return location for a #BekalQuestionBankError
 *
 * Writes a `<quiz>` element holding every question of the bank, for the trainer to paste into
 * a module (the questions' topics come from bekal_question_bank_write_topics()).
 *
 * Returns: (transfer full) (nullable): the XML fragment, or %NULL with @error set
 */
char                    *bekal_question_bank_write_quiz     (BekalQuestionBank *self,
                                                             const char        *quiz_id,
                                                             BekalQuizRole      role,
                                                             GError           **error);

/**
 * bekal_question_bank_write_moodle_xml:
 * @self: a bank
 * @skipped: (out) (optional) (transfer full) (element-type BekalBankSkipped): questions that
 *   were not written, and why
 *
 * Writes the bank as a Moodle XML file: one category per topic (under the bank's title when it
 * has one), each question with its type, answers and fractions, feedback and general
 * feedback, and its id as Moodle's ID number.
 *
 * Returns: (transfer full): the file's text
 */
char                    *bekal_question_bank_write_moodle_xml (BekalQuestionBank  *self,
                                                               GPtrArray         **skipped);

/**
 * bekal_question_bank_write_gift:
 * @self: a bank
 * @skipped: (out) (optional) (transfer full) (element-type BekalBankSkipped): questions that
 *   were not written (order questions: GIFT has none), and why
 *
 * Writes the bank as a GIFT file: a `$CATEGORY:` per topic, each question with its id as
 * Moodle's `[id:…]` comment, its name, and its text in `[html]` form.
 *
 * Returns: (transfer full): the file's text
 */
char                    *bekal_question_bank_write_gift     (BekalQuestionBank  *self,
                                                             GPtrArray         **skipped);

/**
 * bekal_bank_skipped_free:
 * @skipped: (transfer full): an entry
 *
 * Frees an entry of a list of skipped questions.
 */
void                     bekal_bank_skipped_free            (BekalBankSkipped  *skipped);

G_END_DECLS
