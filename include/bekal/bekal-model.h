/* bekal-model.h: the immutable content model built by the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bekal-text.h"

G_BEGIN_DECLS

/**
 * BEKAL_QUIZ_DEFAULT_RETAKES:
 *
 * Further attempts allowed at a post-test whose quiz has no `retakes` attribute.
 */
#define BEKAL_QUIZ_DEFAULT_RETAKES 2

/**
 * BekalBlockKind:
 * @BEKAL_BLOCK_HEADING: a heading
 * @BEKAL_BLOCK_PARAGRAPH: a paragraph
 * @BEKAL_BLOCK_LIST: a list, numbered or not
 * @BEKAL_BLOCK_NOTE: a note: a tip, something important, or a word of care
 * @BEKAL_BLOCK_FIGURE: an image with its alternative text and caption
 * @BEKAL_BLOCK_VIDEO: a video (a #BekalMedia)
 * @BEKAL_BLOCK_AUDIO: a recording without video (a #BekalMedia)
 * @BEKAL_BLOCK_REFLECTION: a question the learner answers in their own words, not scored
 * @BEKAL_BLOCK_QUIZ: a quiz inside the lesson (a #BekalQuiz)
 *
 * The kinds of blocks a lesson is made of.
 */
typedef enum
{
  BEKAL_BLOCK_HEADING,
  BEKAL_BLOCK_PARAGRAPH,
  BEKAL_BLOCK_LIST,
  BEKAL_BLOCK_NOTE,
  BEKAL_BLOCK_FIGURE,
  BEKAL_BLOCK_VIDEO,
  BEKAL_BLOCK_AUDIO,
  BEKAL_BLOCK_REFLECTION,
  BEKAL_BLOCK_QUIZ,
} BekalBlockKind;

/**
 * BekalNoteKind:
 * @BEKAL_NOTE_TIP: a tip
 * @BEKAL_NOTE_IMPORTANT: something important
 * @BEKAL_NOTE_CARE: a word of care: a sensitive subject, a risk to a client
 *
 * The kinds of note blocks.
 */
typedef enum
{
  BEKAL_NOTE_TIP,
  BEKAL_NOTE_IMPORTANT,
  BEKAL_NOTE_CARE,
} BekalNoteKind;

/**
 * BekalQuizRole:
 * @BEKAL_QUIZ_PRETEST: the test taken before the lessons
 * @BEKAL_QUIZ_PRACTICE: a practice quiz
 * @BEKAL_QUIZ_POSTTEST: the test taken after the lessons
 *
 * What a quiz is for.
 */
typedef enum
{
  BEKAL_QUIZ_PRETEST,
  BEKAL_QUIZ_PRACTICE,
  BEKAL_QUIZ_POSTTEST,
} BekalQuizRole;

/**
 * BekalQuestionType:
 * @BEKAL_QUESTION_SINGLE: one right option
 * @BEKAL_QUESTION_MULTIPLE: any number of right options
 * @BEKAL_QUESTION_TRUEFALSE: true or false (options `true` and `false`)
 * @BEKAL_QUESTION_ORDER: put items in the right order
 * @BEKAL_QUESTION_MATCH: match each left side with its right side
 * @BEKAL_QUESTION_SCALE: a value on a scale; not scored
 *
 * The kinds of questions.
 */
typedef enum
{
  BEKAL_QUESTION_SINGLE,
  BEKAL_QUESTION_MULTIPLE,
  BEKAL_QUESTION_TRUEFALSE,
  BEKAL_QUESTION_ORDER,
  BEKAL_QUESTION_MATCH,
  BEKAL_QUESTION_SCALE,
} BekalQuestionType;

/**
 * BekalTopic:
 * @id: the topic's id
 * @name: its name, for people
 *
 * A topic of a module; questions name one to be reported per topic.
 */
typedef struct
{
  char *id;
  char *name;
} BekalTopic;

/**
 * BekalGlossaryEntry:
 * @id: the entry's id
 * @term: the term
 * @definition: what it means
 *
 * An entry of a module's glossary.
 */
typedef struct
{
  char *id;
  char *term;
  char *definition;
} BekalGlossaryEntry;

/**
 * BekalSubtitleTrack:
 * @language: the subtitles' language
 * @src: the reference as written in the module
 * @path: the resolved absolute path
 *
 * A subtitle file of a media item.
 */
typedef struct
{
  char *language;
  char *src;  /* as written in the module */
  char *path; /* resolved absolute path */
} BekalSubtitleTrack;

/**
 * BekalChapter:
 * @at_ms: where the chapter starts, in milliseconds
 * @title: its title
 *
 * A chapter of a media item.
 */
typedef struct
{
  gint64  at_ms;
  char   *title;
} BekalChapter;

/**
 * BekalCheckpoint:
 * @at_ms: where playback stops for the question, in milliseconds
 * @question_id: the question asked
 *
 * A question asked at a point of a video.
 */
typedef struct
{
  gint64  at_ms;
  char   *question_id;
} BekalCheckpoint;

#define BEKAL_TYPE_MODULE   (bekal_module_get_type ())
#define BEKAL_TYPE_LESSON   (bekal_lesson_get_type ())
#define BEKAL_TYPE_BLOCK    (bekal_block_get_type ())
#define BEKAL_TYPE_MEDIA    (bekal_media_get_type ())
#define BEKAL_TYPE_QUIZ     (bekal_quiz_get_type ())
#define BEKAL_TYPE_QUESTION (bekal_question_get_type ())
#define BEKAL_TYPE_OPTION   (bekal_option_get_type ())

/**
 * BekalModule:
 *
 * A training module in one language, as loaded from a `module.LANG.xml` file by #BekalLoader:
 * its metadata, topics, glossary, lessons, quizzes and media. Immutable after loading (the
 * content hash is computed once, with g_once_init_enter()), so it may be shared between
 * threads. Every object it returns belongs to it.
 */
G_DECLARE_FINAL_TYPE (BekalModule, bekal_module, BEKAL, MODULE, GObject)

/**
 * BekalLesson:
 *
 * A lesson of a module: a sequence of blocks. Immutable; owned by its module.
 */
G_DECLARE_FINAL_TYPE (BekalLesson, bekal_lesson, BEKAL, LESSON, GObject)

/**
 * BekalBlock:
 *
 * One block of a lesson; what it holds depends on its #BekalBlockKind. Immutable; owned by
 * its module.
 */
G_DECLARE_FINAL_TYPE (BekalBlock, bekal_block, BEKAL, BLOCK, GObject)

/**
 * BekalMedia:
 *
 * A video or audio item of a module, with its subtitles, chapters and checkpoints.
 * Immutable; owned by its module.
 */
G_DECLARE_FINAL_TYPE (BekalMedia, bekal_media, BEKAL, MEDIA, GObject)

/**
 * BekalQuiz:
 *
 * A quiz: a pre-test, a practice quiz or a post-test, with its own questions or drawing
 * from a pool. Immutable; owned by its module.
 */
G_DECLARE_FINAL_TYPE (BekalQuiz, bekal_quiz, BEKAL, QUIZ, GObject)

/**
 * BekalQuestion:
 *
 * A question of a quiz. Immutable; owned by its module.
 */
G_DECLARE_FINAL_TYPE (BekalQuestion, bekal_question, BEKAL, QUESTION, GObject)

/**
 * BekalOption:
 *
 * An option of a question: a choice, an item to order, a pair to match or a label on a
 * scale. Immutable; owned by its module.
 */
G_DECLARE_FINAL_TYPE (BekalOption, bekal_option, BEKAL, OPTION, GObject)

/* Module */

/**
 * bekal_module_get_context_hash:
 * @self: a #BekalModule
 *
 * A hash of everything in the module's file outside its lessons (metadata, topics, glossary,
 * quizzes), which a lesson's blocks may refer to; see bekal_block_get_source_hash().
 *
 * Returns: the hash; 0 for a module not read from a file
 */
guint64        bekal_module_get_context_hash     (BekalModule *self);

/**
 * bekal_module_get_id:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the module's id
 */
const char               *bekal_module_get_id               (BekalModule *self);

/**
 * bekal_module_get_version:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the module's version, such as `1.2`
 */
const char               *bekal_module_get_version          (BekalModule *self);

/**
 * bekal_module_get_language:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the language of this variant, such as `id`
 */
const char               *bekal_module_get_language         (BekalModule *self);

/**
 * bekal_module_get_title:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the title
 */
const char               *bekal_module_get_title            (BekalModule *self);

/**
 * bekal_module_get_summary:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the summary
 */
const char               *bekal_module_get_summary          (BekalModule *self);

/**
 * bekal_module_get_audience:
 * @self: a #BekalModule
 *
 * Returns: (transfer none) (nullable): who the module is for, or %NULL
 */
const char               *bekal_module_get_audience         (BekalModule *self);

/**
 * bekal_module_get_content_note:
 * @self: a #BekalModule
 *
 * Returns: (transfer none) (nullable): a warning about sensitive content, or %NULL
 */
const char               *bekal_module_get_content_note     (BekalModule *self);

/**
 * bekal_module_get_duration_minutes:
 * @self: a #BekalModule
 *
 * Returns: the declared duration in minutes, 0 when not declared
 */
guint                     bekal_module_get_duration_minutes (BekalModule *self);

/**
 * bekal_module_get_authors:
 * @self: a #BekalModule
 *
 * Returns: (transfer none) (array zero-terminated=1): the authors, possibly none
 */
const char * const       *bekal_module_get_authors          (BekalModule *self);

/**
 * bekal_module_get_sources:
 * @self: a #BekalModule
 *
 * Returns: (transfer none) (array zero-terminated=1): the sources cited, possibly none
 */
const char * const       *bekal_module_get_sources          (BekalModule *self);

/**
 * bekal_module_get_path:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the module file
 */
const char               *bekal_module_get_path             (BekalModule *self);

/**
 * bekal_module_get_display_path:
 * @self: a #BekalModule
 *
 * The module file as the caller named it to the loader (a relative path stays relative), for
 * messages meant for the author.
 *
 * Returns: (transfer none): the module file as named, or its full path when it was not loaded
 *   from a name
 */
const char               *bekal_module_get_display_path     (BekalModule *self);

/**
 * bekal_module_get_folder:
 * @self: a #BekalModule
 *
 * Returns: (transfer none): the folder of the module file
 */
const char               *bekal_module_get_folder           (BekalModule *self);

/**
 * bekal_module_get_content_hash:
 * @self: a #BekalModule
 *
 * The SHA-256 of the module file, read when first asked for (normally when a quiz starts):
 * it tells one version of the content from another. Reads the file the first time.
 *
 * Returns: (transfer none): the SHA-256 of the file in hexadecimal (of no data when the
 *   file cannot be read)
 */
const char               *bekal_module_get_content_hash     (BekalModule *self);

/**
 * bekal_module_get_n_topics:
 * @self: a #BekalModule
 *
 * Returns: the number of topics
 */
guint                     bekal_module_get_n_topics         (BekalModule *self);

/**
 * bekal_module_get_topic:
 * @self: a #BekalModule
 * @index: from 0 to bekal_module_get_n_topics() - 1
 *
 * Returns: (transfer none): the topic
 */
const BekalTopic         *bekal_module_get_topic            (BekalModule *self,
                                                             guint        index);

/**
 * bekal_module_find_topic:
 * @self: a #BekalModule
 * @id: (nullable): a topic id
 *
 * Returns: (transfer none) (nullable): the topic @id, or %NULL
 */
const BekalTopic         *bekal_module_find_topic           (BekalModule *self,
                                                             const char  *id);

/**
 * bekal_module_get_n_glossary:
 * @self: a #BekalModule
 *
 * Returns: the number of glossary entries
 */
guint                     bekal_module_get_n_glossary       (BekalModule *self);

/**
 * bekal_module_get_glossary_entry:
 * @self: a #BekalModule
 * @index: from 0 to bekal_module_get_n_glossary() - 1
 *
 * Returns: (transfer none): the entry
 */
const BekalGlossaryEntry *bekal_module_get_glossary_entry   (BekalModule *self,
                                                             guint        index);

/**
 * bekal_module_find_glossary_entry:
 * @self: a #BekalModule
 * @id: (nullable): an entry id
 *
 * Returns: (transfer none) (nullable): the entry @id, or %NULL
 */
const BekalGlossaryEntry *bekal_module_find_glossary_entry  (BekalModule *self,
                                                             const char  *id);

/**
 * bekal_module_get_n_lessons:
 * @self: a #BekalModule
 *
 * Returns: the number of lessons
 */
guint                     bekal_module_get_n_lessons        (BekalModule *self);

/**
 * bekal_module_get_lesson:
 * @self: a #BekalModule
 * @index: from 0 to bekal_module_get_n_lessons() - 1
 *
 * Returns: (transfer none): the lesson
 */
BekalLesson              *bekal_module_get_lesson           (BekalModule *self,
                                                             guint        index);

/**
 * bekal_module_find_lesson:
 * @self: a #BekalModule
 * @id: (nullable): a lesson id
 *
 * Returns: (transfer none) (nullable): the lesson @id, or %NULL
 */
BekalLesson              *bekal_module_find_lesson          (BekalModule *self,
                                                             const char  *id);

/**
 * bekal_module_get_n_quizzes:
 * @self: a #BekalModule
 *
 * Returns: the number of quizzes: every quiz of the module, module-level and inside
 *   lessons
 */
guint                     bekal_module_get_n_quizzes        (BekalModule *self);

/**
 * bekal_module_get_quiz:
 * @self: a #BekalModule
 * @index: from 0 to bekal_module_get_n_quizzes() - 1
 *
 * Returns: (transfer none): the quiz, in document order
 */
BekalQuiz                *bekal_module_get_quiz             (BekalModule *self,
                                                             guint        index);

/**
 * bekal_module_find_quiz:
 * @self: a #BekalModule
 * @id: (nullable): a quiz id
 *
 * Returns: (transfer none) (nullable): the quiz @id, or %NULL
 */
BekalQuiz                *bekal_module_find_quiz            (BekalModule *self,
                                                             const char  *id);

/**
 * bekal_module_find_quiz_by_role:
 * @self: a #BekalModule
 * @role: a role
 *
 * Returns: (transfer none) (nullable): the first quiz with @role, or %NULL
 */
BekalQuiz                *bekal_module_find_quiz_by_role    (BekalModule  *self,
                                                             BekalQuizRole role);

/**
 * bekal_module_find_question:
 * @self: a #BekalModule
 * @id: a question id
 *
 * Returns: (transfer none) (nullable): the question @id, in any quiz or pool, or %NULL
 */
BekalQuestion            *bekal_module_find_question        (BekalModule *self,
                                                             const char  *id);

/**
 * bekal_module_get_n_media:
 * @self: a #BekalModule
 *
 * Returns: the number of media items (video and audio)
 */
guint                     bekal_module_get_n_media          (BekalModule *self);

/**
 * bekal_module_get_media:
 * @self: a #BekalModule
 * @index: from 0 to bekal_module_get_n_media() - 1
 *
 * Returns: (transfer none): the media item, in document order
 */
BekalMedia               *bekal_module_get_media            (BekalModule *self,
                                                             guint        index);

/**
 * bekal_module_count_words:
 * @self: a #BekalModule
 *
 * Returns: the number of words of every lesson
 */
guint                     bekal_module_count_words          (BekalModule *self);

/* Lesson */

/**
 * bekal_lesson_get_id:
 * @self: a #BekalLesson
 *
 * Returns: (transfer none): the lesson's id
 */
const char    *bekal_lesson_get_id               (BekalLesson *self);

/**
 * bekal_lesson_get_title:
 * @self: a #BekalLesson
 *
 * Returns: (transfer none): the title
 */
const char    *bekal_lesson_get_title            (BekalLesson *self);

/**
 * bekal_lesson_get_trainer_note:
 * @self: a #BekalLesson
 *
 * The `<trainer-note>`s written before the lesson's first block: guidance for a trainer who
 * presents the lesson to a room. Learners never see it.
 *
 * Returns: (transfer none) (nullable): the note, paragraphs separated by a blank line, or %NULL
 */
const char    *bekal_lesson_get_trainer_note     (BekalLesson *self);

/**
 * bekal_block_get_source_hash:
 * @self: a #BekalBlock
 *
 * A hash of the block's element as its file writes it (name, attributes, text and children).
 * Two blocks with the same kind and hash look the same, as long as their modules'
 * bekal_module_get_context_hash() agree: the authoring studio's preview keeps the widgets of
 * the blocks an edit did not touch.
 *
 * Returns: the hash; 0 for a block not read from a file
 */
guint64        bekal_block_get_source_hash       (BekalBlock  *self);

/**
 * bekal_block_get_trainer_note:
 * @self: a #BekalBlock
 *
 * The `<trainer-note>`s written right after the block, for the trainer who presents it to a
 * room (the control window shows it). Learners never see it.
 *
 * Returns: (transfer none) (nullable): the note, paragraphs separated by a blank line, or %NULL
 */
const char    *bekal_block_get_trainer_note      (BekalBlock *self);

/**
 * bekal_lesson_get_content_note:
 * @self: a #BekalLesson
 *
 * Returns: (transfer none) (nullable): a warning about sensitive content, or %NULL
 */
const char    *bekal_lesson_get_content_note     (BekalLesson *self);

/**
 * bekal_lesson_get_index:
 * @self: a #BekalLesson
 *
 * Returns: the lesson's place in its module, from 0
 */
guint          bekal_lesson_get_index            (BekalLesson *self);

/**
 * bekal_lesson_get_reading_minutes:
 * @self: a #BekalLesson
 *
 * Returns: the declared reading time in minutes, or an estimate from the word count
 */
guint          bekal_lesson_get_reading_minutes  (BekalLesson *self);

/**
 * bekal_lesson_count_words:
 * @self: a #BekalLesson
 *
 * Returns: the number of words of the lesson's text
 */
guint          bekal_lesson_count_words          (BekalLesson *self);

/**
 * bekal_lesson_get_n_blocks:
 * @self: a #BekalLesson
 *
 * Returns: the number of blocks
 */
guint          bekal_lesson_get_n_blocks         (BekalLesson *self);

/**
 * bekal_lesson_get_block:
 * @self: a #BekalLesson
 * @index: from 0 to bekal_lesson_get_n_blocks() - 1
 *
 * Returns: (transfer none): the block
 */
BekalBlock    *bekal_lesson_get_block            (BekalLesson *self,
                                                  guint        index);

/* Block */

/**
 * bekal_block_get_kind:
 * @self: a #BekalBlock
 *
 * Returns: the kind of block
 */
BekalBlockKind bekal_block_get_kind              (BekalBlock *self);

/**
 * bekal_block_get_id:
 * @self: a #BekalBlock
 *
 * Returns: (transfer none) (nullable): the block's id, or %NULL when it has none
 */
const char    *bekal_block_get_id                (BekalBlock *self);

/**
 * bekal_block_get_index:
 * @self: a #BekalBlock
 *
 * Returns: the block's place in its lesson, from 0
 */
guint          bekal_block_get_index             (BekalBlock *self);

/**
 * bekal_block_get_text:
 * @self: a #BekalBlock
 *
 * Returns: (transfer none) (nullable): the text of a heading, paragraph, note or reflection prompt,
 *   or a figure's caption; %NULL for other blocks and a figure without caption
 */
BekalText     *bekal_block_get_text              (BekalBlock *self);

/**
 * bekal_block_get_note_kind:
 * @self: a #BekalBlock
 *
 * Returns: the kind of note, for a note block
 */
BekalNoteKind  bekal_block_get_note_kind         (BekalBlock *self);

/**
 * bekal_block_get_list_numbered:
 * @self: a #BekalBlock
 *
 * Returns: whether a list block is numbered
 */
gboolean       bekal_block_get_list_numbered     (BekalBlock *self);

/**
 * bekal_block_get_n_items:
 * @self: a #BekalBlock
 *
 * Returns: the number of items of a list block; 0 for other blocks
 */
guint          bekal_block_get_n_items           (BekalBlock *self);

/**
 * bekal_block_get_item:
 * @self: a #BekalBlock
 * @index: from 0 to bekal_block_get_n_items() - 1
 *
 * Returns: (transfer none): the item
 */
BekalText     *bekal_block_get_item              (BekalBlock *self,
                                                  guint       index);

/**
 * bekal_block_get_figure_path:
 * @self: a #BekalBlock
 *
 * Returns: (transfer none) (nullable): the image file of a figure block; %NULL for other blocks
 */
const char    *bekal_block_get_figure_path       (BekalBlock *self);

/**
 * bekal_block_get_figure_alt:
 * @self: a #BekalBlock
 *
 * Returns: (transfer none) (nullable): the alternative text of a figure block, or %NULL
 */
const char    *bekal_block_get_figure_alt        (BekalBlock *self);

/**
 * bekal_block_get_media:
 * @self: a #BekalBlock
 *
 * Returns: (transfer none) (nullable): the media item of a video or audio block; %NULL for other
 *   blocks
 */
BekalMedia    *bekal_block_get_media             (BekalBlock *self);

/**
 * bekal_block_get_quiz:
 * @self: a #BekalBlock
 *
 * Returns: (transfer none) (nullable): the quiz of a quiz block; %NULL for other blocks
 */
BekalQuiz     *bekal_block_get_quiz              (BekalBlock *self);

/* Media (video or audio item) */

/**
 * bekal_media_get_id:
 * @self: a #BekalMedia
 *
 * Returns: (transfer none): the media item's id
 */
const char               *bekal_media_get_id             (BekalMedia *self);

/**
 * bekal_media_is_video:
 * @self: a #BekalMedia
 *
 * Returns: %TRUE for a video, %FALSE for audio
 */
gboolean                  bekal_media_is_video           (BekalMedia *self);

/**
 * bekal_media_get_title:
 * @self: a #BekalMedia
 *
 * Returns: (transfer none) (nullable): the title, or %NULL
 */
const char               *bekal_media_get_title          (BekalMedia *self);

/**
 * bekal_media_get_content_note:
 * @self: a #BekalMedia
 *
 * Returns: (transfer none) (nullable): a warning about sensitive content, or %NULL
 */
const char               *bekal_media_get_content_note   (BekalMedia *self);

/**
 * bekal_media_get_src:
 * @self: a #BekalMedia
 *
 * Returns: (transfer none): the reference as written in the module
 */
const char               *bekal_media_get_src            (BekalMedia *self);

/**
 * bekal_media_get_path:
 * @self: a #BekalMedia
 *
 * Returns: (transfer none) (nullable): the resolved absolute path of the file
 */
const char               *bekal_media_get_path           (BekalMedia *self);

/**
 * bekal_media_get_poster_path:
 * @self: a #BekalMedia
 *
 * Returns: (transfer none) (nullable): the resolved path of the poster image, or %NULL
 */
const char               *bekal_media_get_poster_path    (BekalMedia *self);

/**
 * bekal_media_get_n_subtitles:
 * @self: a #BekalMedia
 *
 * Returns: the number of subtitle files
 */
guint                     bekal_media_get_n_subtitles    (BekalMedia *self);

/**
 * bekal_media_get_subtitles:
 * @self: a #BekalMedia
 * @index: from 0 to bekal_media_get_n_subtitles() - 1
 *
 * Returns: (transfer none): the subtitle track
 */
const BekalSubtitleTrack *bekal_media_get_subtitles      (BekalMedia *self,
                                                          guint       index);

/**
 * bekal_media_find_subtitles:
 * @self: a #BekalMedia
 * @language: (nullable): a language
 *
 * Returns: (transfer none) (nullable): the subtitles in @language, or %NULL
 */
const BekalSubtitleTrack *bekal_media_find_subtitles     (BekalMedia *self,
                                                          const char *language);

/**
 * bekal_media_get_n_chapters:
 * @self: a #BekalMedia
 *
 * Returns: the number of chapters
 */
guint                     bekal_media_get_n_chapters     (BekalMedia *self);

/**
 * bekal_media_get_chapter:
 * @self: a #BekalMedia
 * @index: from 0 to bekal_media_get_n_chapters() - 1
 *
 * Returns: (transfer none): the chapter
 */
const BekalChapter       *bekal_media_get_chapter        (BekalMedia *self,
                                                          guint       index);

/**
 * bekal_media_get_n_checkpoints:
 * @self: a #BekalMedia
 *
 * Returns: the number of checkpoints
 */
guint                     bekal_media_get_n_checkpoints  (BekalMedia *self);

/**
 * bekal_media_get_checkpoint:
 * @self: a #BekalMedia
 * @index: from 0 to bekal_media_get_n_checkpoints() - 1
 *
 * Returns: (transfer none): the checkpoint
 */
const BekalCheckpoint    *bekal_media_get_checkpoint     (BekalMedia *self,
                                                          guint       index);

/* Quiz */

/**
 * bekal_quiz_get_id:
 * @self: a #BekalQuiz
 *
 * Returns: (transfer none): the quiz's id
 */
const char    *bekal_quiz_get_id                 (BekalQuiz *self);

/**
 * bekal_quiz_get_title:
 * @self: a #BekalQuiz
 *
 * Returns: (transfer none) (nullable): the title, or %NULL
 */
const char    *bekal_quiz_get_title              (BekalQuiz *self);

/**
 * bekal_quiz_get_role:
 * @self: a #BekalQuiz
 *
 * Returns: what the quiz is for
 */
BekalQuizRole  bekal_quiz_get_role               (BekalQuiz *self);

/**
 * bekal_quiz_get_draw:
 * @self: a #BekalQuiz
 *
 * Returns: how many questions are drawn; 0 when every question is asked
 */
guint          bekal_quiz_get_draw               (BekalQuiz *self);

/**
 * bekal_quiz_get_shuffle:
 * @self: a #BekalQuiz
 *
 * Returns: whether options are shuffled
 */
gboolean       bekal_quiz_get_shuffle            (BekalQuiz *self);

/**
 * bekal_quiz_get_pass_mark:
 * @self: a #BekalQuiz
 *
 * Returns: the pass mark in percent, -1 when none
 */
int            bekal_quiz_get_pass_mark          (BekalQuiz *self);

/**
 * bekal_quiz_get_retakes:
 * @self: a #BekalQuiz
 *
 * Returns: how many further attempts are allowed, -1 when unlimited; a post-test
 *   without the attribute allows %BEKAL_QUIZ_DEFAULT_RETAKES
 */
int            bekal_quiz_get_retakes            (BekalQuiz *self);

/**
 * bekal_quiz_get_time_limit_minutes:
 * @self: a #BekalQuiz
 *
 * Returns: the time limit in minutes, 0 when there is no timer
 */
guint          bekal_quiz_get_time_limit_minutes (BekalQuiz *self);

/**
 * bekal_quiz_get_pool_id:
 * @self: a #BekalQuiz
 *
 * Returns: (transfer none) (nullable): the id of the quiz whose questions this one draws, or %NULL
 */
const char    *bekal_quiz_get_pool_id            (BekalQuiz *self);

/**
 * bekal_quiz_get_n_questions:
 * @self: a #BekalQuiz
 *
 * Returns: the number of the quiz's own questions; for a quiz with a pool, see
 *   bekal_quiz_get_pool()
 */
guint          bekal_quiz_get_n_questions        (BekalQuiz *self);

/**
 * bekal_quiz_get_question:
 * @self: a #BekalQuiz
 * @index: from 0 to bekal_quiz_get_n_questions() - 1
 *
 * Returns: (transfer none): the question
 */
BekalQuestion *bekal_quiz_get_question           (BekalQuiz *self,
                                                  guint      index);

/**
 * bekal_quiz_get_pool:
 * @self: a #BekalQuiz
 *
 * Returns: (transfer none): the quiz whose questions are drawn: the pool quiz, or @self
 */
BekalQuiz     *bekal_quiz_get_pool               (BekalQuiz *self);

/* Question */

/**
 * bekal_question_get_id:
 * @self: a #BekalQuestion
 *
 * Returns: (transfer none): the question's id
 */
const char        *bekal_question_get_id          (BekalQuestion *self);

/**
 * bekal_question_get_topic_id:
 * @self: a #BekalQuestion
 *
 * Returns: (transfer none) (nullable): the id of its topic, or %NULL
 */
const char        *bekal_question_get_topic_id    (BekalQuestion *self);

/**
 * bekal_question_get_kind:
 * @self: a #BekalQuestion
 *
 * Returns: the kind of question
 */
BekalQuestionType  bekal_question_get_kind        (BekalQuestion *self);

/**
 * bekal_question_get_prompt:
 * @self: a #BekalQuestion
 *
 * Returns: (transfer none): the question asked
 */
BekalText         *bekal_question_get_prompt      (BekalQuestion *self);

/**
 * bekal_question_get_explanation:
 * @self: a #BekalQuestion
 *
 * Returns: (transfer none) (nullable): why the answer is right, shown after answering, or %NULL
 */
BekalText         *bekal_question_get_explanation (BekalQuestion *self);

/**
 * bekal_question_get_n_options:
 * @self: a #BekalQuestion
 *
 * Single and multiple: the options; truefalse: options `true` and `false`; order: items in
 * the correct order; match: pairs (text is the left side, match text the right); scale: labels.
 *
 * Returns: the number of options
 */
guint              bekal_question_get_n_options   (BekalQuestion *self);

/**
 * bekal_question_get_option:
 * @self: a #BekalQuestion
 * @index: from 0 to bekal_question_get_n_options() - 1
 *
 * Returns: (transfer none): the option
 */
BekalOption       *bekal_question_get_option      (BekalQuestion *self,
                                                   guint          index);

/**
 * bekal_question_find_option:
 * @self: a #BekalQuestion
 * @id: (nullable): an option id
 *
 * Returns: (transfer none) (nullable): the option @id, or %NULL
 */
BekalOption       *bekal_question_find_option     (BekalQuestion *self,
                                                   const char    *id);

/**
 * bekal_question_get_scale_min:
 * @self: a #BekalQuestion
 *
 * Returns: the lowest value of a scale question
 */
int                bekal_question_get_scale_min   (BekalQuestion *self);

/**
 * bekal_question_get_scale_max:
 * @self: a #BekalQuestion
 *
 * Returns: the highest value of a scale question
 */
int                bekal_question_get_scale_max   (BekalQuestion *self);

/**
 * bekal_question_is_scored:
 * @self: a #BekalQuestion
 *
 * Returns: whether answers are scored; scale questions are not
 */
gboolean           bekal_question_is_scored       (BekalQuestion *self);

/**
 * bekal_question_get_form:
 * @self: a #BekalQuestion
 *
 * The parallel form of a question of a pre-test pool. A learner's pre-test draws from one
 * form and the post-test from the other.
 *
 * Returns: (transfer none) (nullable): `"a"`, `"b"`, or %NULL when it has none
 */
const char        *bekal_question_get_form        (BekalQuestion *self);

/* Option */

/**
 * bekal_option_get_id:
 * @self: a #BekalOption
 *
 * Returns: (transfer none): the option's id
 */
const char *bekal_option_get_id          (BekalOption *self);

/**
 * bekal_option_get_text:
 * @self: a #BekalOption
 *
 * Returns: (transfer none): the option's text; for match, the left side
 */
BekalText  *bekal_option_get_text        (BekalOption *self);

/**
 * bekal_option_get_match_text:
 * @self: a #BekalOption
 *
 * Returns: (transfer none) (nullable): for match, the right side; %NULL otherwise
 */
BekalText  *bekal_option_get_match_text  (BekalOption *self);

/**
 * bekal_option_get_feedback:
 * @self: a #BekalOption
 *
 * Returns: (transfer none) (nullable): feedback shown when the option is chosen, or %NULL
 */
BekalText  *bekal_option_get_feedback    (BekalOption *self);

/**
 * bekal_option_get_correct:
 * @self: a #BekalOption
 *
 * Returns: whether the option is (part of) the right answer
 */
gboolean    bekal_option_get_correct     (BekalOption *self);

/**
 * bekal_quiz_role_to_string:
 * @role: a role
 *
 * Returns: (transfer none): its name in module files: `pretest`, `practice` or `posttest`
 */
const char *bekal_quiz_role_to_string     (BekalQuizRole     role);

/**
 * bekal_question_type_to_string:
 * @type: a kind of question
 *
 * Returns: (transfer none): its name in module files, such as `single`
 */
const char *bekal_question_type_to_string (BekalQuestionType type);

/**
 * bekal_block_kind_to_string:
 * @kind: a kind of block
 *
 * Returns: (transfer none): its element name in module files, such as `p`
 */
const char *bekal_block_kind_to_string    (BekalBlockKind    kind);

G_END_DECLS
