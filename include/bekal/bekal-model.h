/* bekal-model.h: the immutable content model built by the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bekal-text.h"

G_BEGIN_DECLS

/* Further attempts at a post-test whose quiz has no retakes attribute */
#define BEKAL_QUIZ_DEFAULT_RETAKES 2

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

typedef enum
{
  BEKAL_NOTE_TIP,
  BEKAL_NOTE_IMPORTANT,
  BEKAL_NOTE_CARE,
} BekalNoteKind;

typedef enum
{
  BEKAL_QUIZ_PRETEST,
  BEKAL_QUIZ_PRACTICE,
  BEKAL_QUIZ_POSTTEST,
} BekalQuizRole;

typedef enum
{
  BEKAL_QUESTION_SINGLE,
  BEKAL_QUESTION_MULTIPLE,
  BEKAL_QUESTION_TRUEFALSE,
  BEKAL_QUESTION_ORDER,
  BEKAL_QUESTION_MATCH,
  BEKAL_QUESTION_SCALE,
} BekalQuestionType;

typedef struct
{
  char *id;
  char *name;
} BekalTopic;

typedef struct
{
  char *id;
  char *term;
  char *definition;
} BekalGlossaryEntry;

typedef struct
{
  char *language;
  char *src;  /* as written in the module */
  char *path; /* resolved absolute path */
} BekalSubtitleTrack;

typedef struct
{
  gint64  at_ms;
  char   *title;
} BekalChapter;

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

G_DECLARE_FINAL_TYPE (BekalModule, bekal_module, BEKAL, MODULE, GObject)
G_DECLARE_FINAL_TYPE (BekalLesson, bekal_lesson, BEKAL, LESSON, GObject)
G_DECLARE_FINAL_TYPE (BekalBlock, bekal_block, BEKAL, BLOCK, GObject)
G_DECLARE_FINAL_TYPE (BekalMedia, bekal_media, BEKAL, MEDIA, GObject)
G_DECLARE_FINAL_TYPE (BekalQuiz, bekal_quiz, BEKAL, QUIZ, GObject)
G_DECLARE_FINAL_TYPE (BekalQuestion, bekal_question, BEKAL, QUESTION, GObject)
G_DECLARE_FINAL_TYPE (BekalOption, bekal_option, BEKAL, OPTION, GObject)

/* Module */
const char               *bekal_module_get_id               (BekalModule *self);
const char               *bekal_module_get_version          (BekalModule *self);
const char               *bekal_module_get_language         (BekalModule *self);
const char               *bekal_module_get_title            (BekalModule *self);
const char               *bekal_module_get_summary          (BekalModule *self);
const char               *bekal_module_get_audience         (BekalModule *self);
const char               *bekal_module_get_content_note     (BekalModule *self);
guint                     bekal_module_get_duration_minutes (BekalModule *self);
const char * const       *bekal_module_get_authors          (BekalModule *self);
const char * const       *bekal_module_get_sources          (BekalModule *self);
const char               *bekal_module_get_path             (BekalModule *self);
const char               *bekal_module_get_folder           (BekalModule *self);
/* the SHA-256 of the file, in hex, read when first asked for (normally when a quiz starts):
 * tells one version of the content from another */
const char               *bekal_module_get_content_hash     (BekalModule *self);
guint                     bekal_module_get_n_topics         (BekalModule *self);
const BekalTopic         *bekal_module_get_topic            (BekalModule *self,
                                                             guint        index);
const BekalTopic         *bekal_module_find_topic           (BekalModule *self,
                                                             const char  *id);
guint                     bekal_module_get_n_glossary       (BekalModule *self);
const BekalGlossaryEntry *bekal_module_get_glossary_entry   (BekalModule *self,
                                                             guint        index);
const BekalGlossaryEntry *bekal_module_find_glossary_entry  (BekalModule *self,
                                                             const char  *id);
guint                     bekal_module_get_n_lessons        (BekalModule *self);
BekalLesson              *bekal_module_get_lesson           (BekalModule *self,
                                                             guint        index);
BekalLesson              *bekal_module_find_lesson          (BekalModule *self,
                                                             const char  *id);
/* every quiz of the module, module-level and inside lessons, in document order */
guint                     bekal_module_get_n_quizzes        (BekalModule *self);
BekalQuiz                *bekal_module_get_quiz             (BekalModule *self,
                                                             guint        index);
BekalQuiz                *bekal_module_find_quiz            (BekalModule *self,
                                                             const char  *id);
BekalQuiz                *bekal_module_find_quiz_by_role    (BekalModule  *self,
                                                             BekalQuizRole role);
BekalQuestion            *bekal_module_find_question        (BekalModule *self,
                                                             const char  *id);
/* media items (video and audio) in document order */
guint                     bekal_module_get_n_media          (BekalModule *self);
BekalMedia               *bekal_module_get_media            (BekalModule *self,
                                                             guint        index);
guint                     bekal_module_count_words          (BekalModule *self);

/* Lesson */
const char    *bekal_lesson_get_id               (BekalLesson *self);
const char    *bekal_lesson_get_title            (BekalLesson *self);
const char    *bekal_lesson_get_content_note     (BekalLesson *self);
guint          bekal_lesson_get_index            (BekalLesson *self);
/* the declared reading time, or an estimate from the word count */
guint          bekal_lesson_get_reading_minutes  (BekalLesson *self);
guint          bekal_lesson_count_words          (BekalLesson *self);
guint          bekal_lesson_get_n_blocks         (BekalLesson *self);
BekalBlock    *bekal_lesson_get_block            (BekalLesson *self,
                                                  guint        index);

/* Block */
BekalBlockKind bekal_block_get_kind              (BekalBlock *self);
const char    *bekal_block_get_id                (BekalBlock *self);
guint          bekal_block_get_index             (BekalBlock *self);
/* heading, paragraph, note, reflection prompt, figure caption */
BekalText     *bekal_block_get_text              (BekalBlock *self);
BekalNoteKind  bekal_block_get_note_kind         (BekalBlock *self);
gboolean       bekal_block_get_list_numbered     (BekalBlock *self);
guint          bekal_block_get_n_items           (BekalBlock *self);
BekalText     *bekal_block_get_item              (BekalBlock *self,
                                                  guint       index);
const char    *bekal_block_get_figure_path       (BekalBlock *self);
const char    *bekal_block_get_figure_alt        (BekalBlock *self);
BekalMedia    *bekal_block_get_media             (BekalBlock *self);
BekalQuiz     *bekal_block_get_quiz              (BekalBlock *self);

/* Media (video or audio item) */
const char               *bekal_media_get_id             (BekalMedia *self);
gboolean                  bekal_media_is_video           (BekalMedia *self);
const char               *bekal_media_get_title          (BekalMedia *self);
const char               *bekal_media_get_content_note   (BekalMedia *self);
const char               *bekal_media_get_src            (BekalMedia *self);
const char               *bekal_media_get_path           (BekalMedia *self);
const char               *bekal_media_get_poster_path    (BekalMedia *self);
guint                     bekal_media_get_n_subtitles    (BekalMedia *self);
const BekalSubtitleTrack *bekal_media_get_subtitles      (BekalMedia *self,
                                                          guint       index);
const BekalSubtitleTrack *bekal_media_find_subtitles     (BekalMedia *self,
                                                          const char *language);
guint                     bekal_media_get_n_chapters     (BekalMedia *self);
const BekalChapter       *bekal_media_get_chapter        (BekalMedia *self,
                                                          guint       index);
guint                     bekal_media_get_n_checkpoints  (BekalMedia *self);
const BekalCheckpoint    *bekal_media_get_checkpoint     (BekalMedia *self,
                                                          guint       index);

/* Quiz */
const char    *bekal_quiz_get_id                 (BekalQuiz *self);
const char    *bekal_quiz_get_title              (BekalQuiz *self);
BekalQuizRole  bekal_quiz_get_role               (BekalQuiz *self);
/* 0 when every question is asked */
guint          bekal_quiz_get_draw               (BekalQuiz *self);
gboolean       bekal_quiz_get_shuffle            (BekalQuiz *self);
/* pass mark in percent, -1 when none */
int            bekal_quiz_get_pass_mark          (BekalQuiz *self);
/* -1 when unlimited; a post-test without the attribute allows BEKAL_QUIZ_DEFAULT_RETAKES */
int            bekal_quiz_get_retakes            (BekalQuiz *self);
/* 0 when there is no timer */
guint          bekal_quiz_get_time_limit_minutes (BekalQuiz *self);
const char    *bekal_quiz_get_pool_id            (BekalQuiz *self);
/* the quiz's own questions; for a quiz with a pool, see bekal_quiz_get_pool */
guint          bekal_quiz_get_n_questions        (BekalQuiz *self);
BekalQuestion *bekal_quiz_get_question           (BekalQuiz *self,
                                                  guint      index);
/* the quiz whose questions are drawn: the pool quiz, or self */
BekalQuiz     *bekal_quiz_get_pool               (BekalQuiz *self);

/* Question */
const char        *bekal_question_get_id          (BekalQuestion *self);
const char        *bekal_question_get_topic_id    (BekalQuestion *self);
BekalQuestionType  bekal_question_get_kind        (BekalQuestion *self);
BekalText         *bekal_question_get_prompt      (BekalQuestion *self);
BekalText         *bekal_question_get_explanation (BekalQuestion *self);
/* single and multiple: options; truefalse: options "true" and "false"; order: items in the
 * correct order; match: pairs (text is the left side, match text the right); scale: labels */
guint              bekal_question_get_n_options   (BekalQuestion *self);
BekalOption       *bekal_question_get_option      (BekalQuestion *self,
                                                   guint          index);
BekalOption       *bekal_question_find_option     (BekalQuestion *self,
                                                   const char    *id);
int                bekal_question_get_scale_min   (BekalQuestion *self);
int                bekal_question_get_scale_max   (BekalQuestion *self);
gboolean           bekal_question_is_scored       (BekalQuestion *self);
/* The parallel form of a question of a pre-test pool: "a", "b", or NULL when it has none.
 * A learner's pre-test draws from one form and the post-test from the other. */
const char        *bekal_question_get_form        (BekalQuestion *self);

/* Option */
const char *bekal_option_get_id          (BekalOption *self);
BekalText  *bekal_option_get_text        (BekalOption *self);
BekalText  *bekal_option_get_match_text  (BekalOption *self);
BekalText  *bekal_option_get_feedback    (BekalOption *self);
gboolean    bekal_option_get_correct     (BekalOption *self);

const char *bekal_quiz_role_to_string     (BekalQuizRole     role);
const char *bekal_question_type_to_string (BekalQuestionType type);
const char *bekal_block_kind_to_string    (BekalBlockKind    kind);

G_END_DECLS
