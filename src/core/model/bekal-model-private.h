/* bekal-model-private.h: the model's fields, filled in by the loader only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-model.h>

G_BEGIN_DECLS

/* Where an element starts in its file, for messages; 0 when unknown */
typedef struct
{
  int line;
  int column;
} BekalPlace;

struct _BekalOption
{
  GObject    parent_instance;
  char      *id;
  BekalText *text;
  BekalText *match_text;
  BekalText *feedback;
  gboolean   correct;
  int        line;
  int        column;
};

struct _BekalQuestion
{
  GObject            parent_instance;
  char              *id;
  char              *topic_id;
  char              *form;  /* "a", "b" or NULL */
  BekalQuestionType  kind;
  BekalText         *prompt;
  BekalText         *explanation;
  GPtrArray         *options;
  int                scale_min;
  int                scale_max;
  int                line;
  int                column;
};

struct _BekalQuiz
{
  GObject        parent_instance;
  char          *id;
  char          *title;
  BekalQuizRole  role;
  guint          draw;
  gboolean       shuffle;
  int            pass_mark;
  int            retakes;
  guint          time_limit_minutes;
  char          *pool_id;
  BekalQuiz     *pool; /* weak: owned by the module */
  GPtrArray     *questions;
  GStrv          lint_ignore;  /* item-writing checks turned off, or NULL */
  char          *lint_reason;
  int            line;
  int            column;
};

struct _BekalMedia
{
  GObject    parent_instance;
  char      *id;
  gboolean   is_video;
  char      *title;
  char      *content_note;
  char      *src;
  char      *path;
  char      *poster_src;
  char      *poster_path;
  GArray    *subtitles;   /* of BekalSubtitleTrack */
  GArray    *chapters;    /* of BekalChapter */
  GArray    *checkpoints; /* of BekalCheckpoint */
  GArray    *subtitle_places;   /* of BekalPlace, one for each of subtitles */
  GArray    *chapter_places;    /* of BekalPlace, one for each of chapters */
  GArray    *checkpoint_places; /* of BekalPlace, one for each of checkpoints */
  int        line;
  int        column;
};

struct _BekalBlock
{
  GObject         parent_instance;
  BekalBlockKind  kind;
  char           *id;
  guint           index;
  BekalText      *text;
  BekalNoteKind   note_kind;
  gboolean        list_numbered;
  GPtrArray      *items; /* of BekalText */
  char           *figure_src;
  char           *figure_path;
  char           *figure_alt;
  BekalMedia     *media;
  BekalQuiz      *quiz;
  char           *trainer_note;  /* the <trainer-note>s after the block, for the trainer only */
  BekalPlace      trainer_note_place; /* of the first of them */
  guint64         source_hash;   /* of its element in the file: equal blocks look the same */
  int             line;
  int             column;
};

struct _BekalLesson
{
  GObject    parent_instance;
  char      *id;
  char      *title;
  char      *content_note;
  guint      index;
  guint      declared_minutes;
  GPtrArray *blocks;
  char      *trainer_note;  /* the <trainer-note>s before the first block */
  BekalPlace trainer_note_place;
  int        line;
  int        column;
};

struct _BekalModule
{
  GObject    parent_instance;
  guint64    context_hash;   /* of everything outside its lessons */
  char      *id;
  char      *version;
  char      *language;
  char      *title;
  char      *summary;
  char      *audience;
  char      *content_note;
  guint      duration_minutes;
  GStrv      authors;
  GStrv      sources;
  char      *path;
  char      *display_path; /* the path as the caller gave it, for messages */
  char      *folder;
  BekalPlace place;        /* of <module> */
  GArray    *topic_places; /* of BekalPlace, one for each topic */
  GArray    *entry_places; /* of BekalPlace, one for each glossary entry */
  char      *content_hash;       /* made on first use */
  gsize      content_hash_ready;
  GArray    *topics;   /* of BekalTopic */
  GArray    *glossary; /* of BekalGlossaryEntry */
  GPtrArray *lessons;
  GPtrArray *quizzes;  /* every quiz, in document order */
  GPtrArray *media;    /* every media item, in document order */
  GHashTable *questions_by_id; /* id → BekalQuestion, not owning */
  /* made by bekal_module_build_index(), not owning: the first element with an id wins */
  GHashTable *topics_by_id;    /* id → index + 1 in topics */
  GHashTable *glossary_by_id;  /* id → index + 1 in glossary */
  GHashTable *lessons_by_id;   /* id → BekalLesson */
  GHashTable *quizzes_by_id;   /* id → BekalQuiz */
};

BekalModule   *bekal_module_new_empty   (void);
BekalLesson   *bekal_lesson_new_empty   (void);
BekalBlock    *bekal_block_new_empty    (BekalBlockKind kind);
BekalMedia    *bekal_media_new_empty    (gboolean       is_video);
BekalQuiz     *bekal_quiz_new_empty     (void);
BekalQuestion *bekal_question_new_empty (void);
BekalOption   *bekal_option_new_empty   (void);

/* Makes the lookup tables of the find functions again from the lists; the loader calls it
 * once the lists are complete (and once after the glossary, which the text refers to) */
void           bekal_module_build_index (BekalModule *self);

/* reading speed used to estimate a lesson's reading time */
#define BEKAL_WORDS_PER_MINUTE 150

G_END_DECLS
