/* bekal-model.c: the immutable content model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-model-private.h"

G_DEFINE_FINAL_TYPE (BekalModule, bekal_module, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalLesson, bekal_lesson, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalBlock, bekal_block, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalMedia, bekal_media, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalQuiz, bekal_quiz, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalQuestion, bekal_question, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalOption, bekal_option, G_TYPE_OBJECT)

static void
clear_topic (BekalTopic *topic)
{
  g_free (topic->id);
  g_free (topic->name);
}

static void
clear_glossary_entry (BekalGlossaryEntry *entry)
{
  g_free (entry->id);
  g_free (entry->term);
  g_free (entry->definition);
}

static void
clear_subtitle_track (BekalSubtitleTrack *track)
{
  g_free (track->language);
  g_free (track->src);
  g_free (track->path);
}

static void
clear_chapter (BekalChapter *chapter)
{
  g_free (chapter->title);
}

static void
clear_checkpoint (BekalCheckpoint *checkpoint)
{
  g_free (checkpoint->question_id);
}

/* Option */

static void
bekal_option_finalize (GObject *object)
{
  BekalOption *self = BEKAL_OPTION (object);

  g_free (self->id);
  g_clear_pointer (&self->text, bekal_text_unref);
  g_clear_pointer (&self->match_text, bekal_text_unref);
  g_clear_pointer (&self->feedback, bekal_text_unref);

  G_OBJECT_CLASS (bekal_option_parent_class)->finalize (object);
}

static void
bekal_option_class_init (BekalOptionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_option_finalize;
}

static void
bekal_option_init (BekalOption *self)
{
}

BekalOption *
bekal_option_new_empty (void)
{
  return g_object_new (BEKAL_TYPE_OPTION, NULL);
}

const char *
bekal_option_get_id (BekalOption *self)
{
  g_return_val_if_fail (BEKAL_IS_OPTION (self), NULL);
  return self->id;
}

BekalText *
bekal_option_get_text (BekalOption *self)
{
  g_return_val_if_fail (BEKAL_IS_OPTION (self), NULL);
  return self->text;
}

BekalText *
bekal_option_get_match_text (BekalOption *self)
{
  g_return_val_if_fail (BEKAL_IS_OPTION (self), NULL);
  return self->match_text;
}

BekalText *
bekal_option_get_feedback (BekalOption *self)
{
  g_return_val_if_fail (BEKAL_IS_OPTION (self), NULL);
  return self->feedback;
}

gboolean
bekal_option_get_correct (BekalOption *self)
{
  g_return_val_if_fail (BEKAL_IS_OPTION (self), FALSE);
  return self->correct;
}

/* Question */

static void
bekal_question_finalize (GObject *object)
{
  BekalQuestion *self = BEKAL_QUESTION (object);

  g_free (self->id);
  g_free (self->topic_id);
  g_free (self->form);
  g_clear_pointer (&self->prompt, bekal_text_unref);
  g_clear_pointer (&self->explanation, bekal_text_unref);
  g_clear_pointer (&self->options, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_question_parent_class)->finalize (object);
}

static void
bekal_question_class_init (BekalQuestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_question_finalize;
}

static void
bekal_question_init (BekalQuestion *self)
{
  self->options = g_ptr_array_new_with_free_func (g_object_unref);
  self->scale_min = 1;
  self->scale_max = 5;
}

BekalQuestion *
bekal_question_new_empty (void)
{
  return g_object_new (BEKAL_TYPE_QUESTION, NULL);
}

const char *
bekal_question_get_id (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);
  return self->id;
}

const char *
bekal_question_get_topic_id (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);
  return self->topic_id;
}

BekalQuestionType
bekal_question_get_kind (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), 0);
  return self->kind;
}

BekalText *
bekal_question_get_prompt (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);
  return self->prompt;
}

BekalText *
bekal_question_get_explanation (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);
  return self->explanation;
}

guint
bekal_question_get_n_options (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), 0);
  return self->options->len;
}

BekalOption *
bekal_question_get_option (BekalQuestion *self,
                           guint          index)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);
  g_return_val_if_fail (index < self->options->len, NULL);
  return g_ptr_array_index (self->options, index);
}

BekalOption *
bekal_question_find_option (BekalQuestion *self,
                            const char    *id)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);

  for (guint i = 0; i < self->options->len; i++)
    {
      BekalOption *option = g_ptr_array_index (self->options, i);

      if (g_strcmp0 (option->id, id) == 0)
        return option;
    }

  return NULL;
}

int
bekal_question_get_scale_min (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), 0);
  return self->scale_min;
}

int
bekal_question_get_scale_max (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), 0);
  return self->scale_max;
}

const char *
bekal_question_get_form (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), NULL);
  return self->form;
}

gboolean
bekal_question_is_scored (BekalQuestion *self)
{
  g_return_val_if_fail (BEKAL_IS_QUESTION (self), FALSE);
  return self->kind != BEKAL_QUESTION_SCALE;
}

/* Quiz */

static void
bekal_quiz_finalize (GObject *object)
{
  BekalQuiz *self = BEKAL_QUIZ (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->pool_id);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_strfreev (self->lint_ignore);
  g_free (self->lint_reason);

  G_OBJECT_CLASS (bekal_quiz_parent_class)->finalize (object);
}

static void
bekal_quiz_class_init (BekalQuizClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_quiz_finalize;
}

static void
bekal_quiz_init (BekalQuiz *self)
{
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->pass_mark = -1;
  self->retakes = -1;
}

BekalQuiz *
bekal_quiz_new_empty (void)
{
  return g_object_new (BEKAL_TYPE_QUIZ, NULL);
}

const char *
bekal_quiz_get_id (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), NULL);
  return self->id;
}

const char *
bekal_quiz_get_title (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), NULL);
  return self->title;
}

BekalQuizRole
bekal_quiz_get_role (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), 0);
  return self->role;
}

guint
bekal_quiz_get_draw (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), 0);
  return self->draw;
}

gboolean
bekal_quiz_get_shuffle (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), FALSE);
  return self->shuffle;
}

int
bekal_quiz_get_pass_mark (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), -1);
  return self->pass_mark;
}

int
bekal_quiz_get_retakes (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), -1);
  return self->retakes;
}

guint
bekal_quiz_get_time_limit_minutes (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), 0);
  return self->time_limit_minutes;
}

const char *
bekal_quiz_get_pool_id (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), NULL);
  return self->pool_id;
}

guint
bekal_quiz_get_n_questions (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), 0);
  return self->questions->len;
}

BekalQuestion *
bekal_quiz_get_question (BekalQuiz *self,
                         guint      index)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);
  return g_ptr_array_index (self->questions, index);
}

BekalQuiz *
bekal_quiz_get_pool (BekalQuiz *self)
{
  g_return_val_if_fail (BEKAL_IS_QUIZ (self), NULL);
  return self->pool ? self->pool : self;
}

/* Media */

static void
bekal_media_finalize (GObject *object)
{
  BekalMedia *self = BEKAL_MEDIA (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->content_note);
  g_free (self->src);
  g_free (self->path);
  g_free (self->poster_src);
  g_free (self->poster_path);
  g_clear_pointer (&self->subtitles, g_array_unref);
  g_clear_pointer (&self->chapters, g_array_unref);
  g_clear_pointer (&self->checkpoints, g_array_unref);
  g_clear_pointer (&self->subtitle_places, g_array_unref);
  g_clear_pointer (&self->chapter_places, g_array_unref);
  g_clear_pointer (&self->checkpoint_places, g_array_unref);

  G_OBJECT_CLASS (bekal_media_parent_class)->finalize (object);
}

static void
bekal_media_class_init (BekalMediaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_media_finalize;
}

static void
bekal_media_init (BekalMedia *self)
{
  self->subtitles = g_array_new (FALSE, TRUE, sizeof (BekalSubtitleTrack));
  g_array_set_clear_func (self->subtitles, (GDestroyNotify) clear_subtitle_track);
  self->chapters = g_array_new (FALSE, TRUE, sizeof (BekalChapter));
  g_array_set_clear_func (self->chapters, (GDestroyNotify) clear_chapter);
  self->checkpoints = g_array_new (FALSE, TRUE, sizeof (BekalCheckpoint));
  g_array_set_clear_func (self->checkpoints, (GDestroyNotify) clear_checkpoint);
  self->subtitle_places = g_array_new (FALSE, TRUE, sizeof (BekalPlace));
  self->chapter_places = g_array_new (FALSE, TRUE, sizeof (BekalPlace));
  self->checkpoint_places = g_array_new (FALSE, TRUE, sizeof (BekalPlace));
}

BekalMedia *
bekal_media_new_empty (gboolean is_video)
{
  BekalMedia *self = g_object_new (BEKAL_TYPE_MEDIA, NULL);

  self->is_video = is_video;

  return self;
}

const char *
bekal_media_get_id (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  return self->id;
}

gboolean
bekal_media_is_video (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), FALSE);
  return self->is_video;
}

const char *
bekal_media_get_title (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  return self->title;
}

const char *
bekal_media_get_content_note (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  return self->content_note;
}

const char *
bekal_media_get_src (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  return self->src;
}

const char *
bekal_media_get_path (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  return self->path;
}

const char *
bekal_media_get_poster_path (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  return self->poster_path;
}

guint
bekal_media_get_n_subtitles (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), 0);
  return self->subtitles->len;
}

const BekalSubtitleTrack *
bekal_media_get_subtitles (BekalMedia *self,
                           guint       index)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  g_return_val_if_fail (index < self->subtitles->len, NULL);
  return &g_array_index (self->subtitles, BekalSubtitleTrack, index);
}

const BekalSubtitleTrack *
bekal_media_find_subtitles (BekalMedia *self,
                            const char *language)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);

  for (guint i = 0; i < self->subtitles->len; i++)
    {
      const BekalSubtitleTrack *track = &g_array_index (self->subtitles, BekalSubtitleTrack, i);

      if (g_strcmp0 (track->language, language) == 0)
        return track;
    }

  return NULL;
}

guint
bekal_media_get_n_chapters (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), 0);
  return self->chapters->len;
}

const BekalChapter *
bekal_media_get_chapter (BekalMedia *self,
                         guint       index)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  g_return_val_if_fail (index < self->chapters->len, NULL);
  return &g_array_index (self->chapters, BekalChapter, index);
}

guint
bekal_media_get_n_checkpoints (BekalMedia *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), 0);
  return self->checkpoints->len;
}

const BekalCheckpoint *
bekal_media_get_checkpoint (BekalMedia *self,
                            guint       index)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA (self), NULL);
  g_return_val_if_fail (index < self->checkpoints->len, NULL);
  return &g_array_index (self->checkpoints, BekalCheckpoint, index);
}

/* Block */

static void
bekal_block_finalize (GObject *object)
{
  BekalBlock *self = BEKAL_BLOCK (object);

  g_free (self->id);
  g_clear_pointer (&self->text, bekal_text_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->figure_src);
  g_free (self->figure_path);
  g_free (self->figure_alt);
  g_clear_object (&self->media);
  g_clear_object (&self->quiz);
  g_free (self->trainer_note);

  G_OBJECT_CLASS (bekal_block_parent_class)->finalize (object);
}

static void
bekal_block_class_init (BekalBlockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_block_finalize;
}

static void
bekal_block_init (BekalBlock *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_text_unref);
}

BekalBlock *
bekal_block_new_empty (BekalBlockKind kind)
{
  BekalBlock *self = g_object_new (BEKAL_TYPE_BLOCK, NULL);

  self->kind = kind;

  return self;
}

BekalBlockKind
bekal_block_get_kind (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), 0);
  return self->kind;
}

const char *
bekal_block_get_id (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->id;
}

guint64
bekal_block_get_source_hash (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), 0);
  return self->source_hash;
}

guint64
bekal_module_get_context_hash (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->context_hash;
}

guint
bekal_block_get_index (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), 0);
  return self->index;
}

BekalText *
bekal_block_get_text (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->text;
}

BekalNoteKind
bekal_block_get_note_kind (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), 0);
  return self->note_kind;
}

gboolean
bekal_block_get_list_numbered (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), FALSE);
  return self->list_numbered;
}

guint
bekal_block_get_n_items (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), 0);
  return self->items->len;
}

BekalText *
bekal_block_get_item (BekalBlock *self,
                      guint       index)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

const char *
bekal_block_get_figure_path (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->figure_path;
}

const char *
bekal_block_get_figure_alt (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->figure_alt;
}

BekalMedia *
bekal_block_get_media (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->media;
}

BekalQuiz *
bekal_block_get_quiz (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->quiz;
}

static guint
block_count_words (BekalBlock *self)
{
  guint n = self->text ? bekal_text_count_words (self->text) : 0;

  for (guint i = 0; i < self->items->len; i++)
    n += bekal_text_count_words (g_ptr_array_index (self->items, i));

  return n;
}

/* Lesson */

static void
bekal_lesson_finalize (GObject *object)
{
  BekalLesson *self = BEKAL_LESSON (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->content_note);
  g_free (self->trainer_note);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_lesson_parent_class)->finalize (object);
}

static void
bekal_lesson_class_init (BekalLessonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_lesson_finalize;
}

static void
bekal_lesson_init (BekalLesson *self)
{
  self->blocks = g_ptr_array_new_with_free_func (g_object_unref);
}

BekalLesson *
bekal_lesson_new_empty (void)
{
  return g_object_new (BEKAL_TYPE_LESSON, NULL);
}

const char *
bekal_lesson_get_id (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), NULL);
  return self->id;
}

const char *
bekal_lesson_get_title (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), NULL);
  return self->title;
}

const char *
bekal_lesson_get_content_note (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), NULL);
  return self->content_note;
}

const char *
bekal_lesson_get_trainer_note (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), NULL);
  return self->trainer_note;
}

const char *
bekal_block_get_trainer_note (BekalBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_BLOCK (self), NULL);
  return self->trainer_note;
}

guint
bekal_lesson_get_index (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), 0);
  return self->index;
}

guint
bekal_lesson_count_words (BekalLesson *self)
{
  guint n = 0;

  g_return_val_if_fail (BEKAL_IS_LESSON (self), 0);

  for (guint i = 0; i < self->blocks->len; i++)
    n += block_count_words (g_ptr_array_index (self->blocks, i));

  return n;
}

guint
bekal_lesson_get_reading_minutes (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), 0);

  if (self->declared_minutes > 0)
    return self->declared_minutes;

  return MAX (1, (bekal_lesson_count_words (self) + BEKAL_WORDS_PER_MINUTE - 1)
                 / BEKAL_WORDS_PER_MINUTE);
}

guint
bekal_lesson_get_n_blocks (BekalLesson *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), 0);
  return self->blocks->len;
}

BekalBlock *
bekal_lesson_get_block (BekalLesson *self,
                        guint        index)
{
  g_return_val_if_fail (BEKAL_IS_LESSON (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return g_ptr_array_index (self->blocks, index);
}

/* Module */

static void
bekal_module_finalize (GObject *object)
{
  BekalModule *self = BEKAL_MODULE (object);

  g_free (self->id);
  g_free (self->version);
  g_free (self->language);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->audience);
  g_free (self->content_note);
  g_strfreev (self->authors);
  g_strfreev (self->sources);
  g_free (self->path);
  g_free (self->display_path);
  g_free (self->folder);
  g_free (self->content_hash);
  g_clear_pointer (&self->topic_places, g_array_unref);
  g_clear_pointer (&self->entry_places, g_array_unref);
  g_clear_pointer (&self->topics, g_array_unref);
  g_clear_pointer (&self->glossary, g_array_unref);
  g_clear_pointer (&self->lessons, g_ptr_array_unref);
  g_clear_pointer (&self->quizzes, g_ptr_array_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
  g_clear_pointer (&self->questions_by_id, g_hash_table_unref);
  g_clear_pointer (&self->topics_by_id, g_hash_table_unref);
  g_clear_pointer (&self->glossary_by_id, g_hash_table_unref);
  g_clear_pointer (&self->lessons_by_id, g_hash_table_unref);
  g_clear_pointer (&self->quizzes_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (bekal_module_parent_class)->finalize (object);
}

static void
bekal_module_class_init (BekalModuleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_module_finalize;
}

static void
bekal_module_init (BekalModule *self)
{
  self->topics = g_array_new (FALSE, TRUE, sizeof (BekalTopic));
  g_array_set_clear_func (self->topics, (GDestroyNotify) clear_topic);
  self->glossary = g_array_new (FALSE, TRUE, sizeof (BekalGlossaryEntry));
  g_array_set_clear_func (self->glossary, (GDestroyNotify) clear_glossary_entry);
  self->topic_places = g_array_new (FALSE, TRUE, sizeof (BekalPlace));
  self->entry_places = g_array_new (FALSE, TRUE, sizeof (BekalPlace));
  self->lessons = g_ptr_array_new_with_free_func (g_object_unref);
  self->quizzes = g_ptr_array_new_with_free_func (g_object_unref);
  self->media = g_ptr_array_new_with_free_func (g_object_unref);
  self->questions_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->topics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->glossary_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->lessons_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->quizzes_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

BekalModule *
bekal_module_new_empty (void)
{
  return g_object_new (BEKAL_TYPE_MODULE, NULL);
}

static void
index_first (GHashTable *table,
             const char *id,
             gpointer    value)
{
  if (id != NULL && !g_hash_table_contains (table, id))
    g_hash_table_insert (table, (gpointer) id, value);
}

void
bekal_module_build_index (BekalModule *self)
{
  g_hash_table_remove_all (self->topics_by_id);
  g_hash_table_remove_all (self->glossary_by_id);
  g_hash_table_remove_all (self->lessons_by_id);
  g_hash_table_remove_all (self->quizzes_by_id);

  for (guint i = 0; i < self->topics->len; i++)
    index_first (self->topics_by_id, g_array_index (self->topics, BekalTopic, i).id,
                 GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < self->glossary->len; i++)
    index_first (self->glossary_by_id, g_array_index (self->glossary, BekalGlossaryEntry, i).id,
                 GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < self->lessons->len; i++)
    {
      BekalLesson *lesson = g_ptr_array_index (self->lessons, i);

      index_first (self->lessons_by_id, lesson->id, lesson);
    }
  for (guint i = 0; i < self->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (self->quizzes, i);

      index_first (self->quizzes_by_id, quiz->id, quiz);
    }
}

const char *
bekal_module_get_id (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->id;
}

const char *
bekal_module_get_version (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->version;
}

const char *
bekal_module_get_language (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->language;
}

const char *
bekal_module_get_title (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->title;
}

const char *
bekal_module_get_summary (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->summary;
}

const char *
bekal_module_get_audience (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->audience;
}

const char *
bekal_module_get_content_note (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->content_note;
}

guint
bekal_module_get_duration_minutes (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->duration_minutes;
}

const char * const *
bekal_module_get_authors (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return (const char * const *) self->authors;
}

const char * const *
bekal_module_get_sources (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return (const char * const *) self->sources;
}

const char *
bekal_module_get_path (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->path;
}

const char *
bekal_module_get_display_path (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->display_path != NULL ? self->display_path : self->path;
}

const char *
bekal_module_get_folder (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return self->folder;
}

/* Hashing every file while the catalog loads took a tenth of the loading time, for a value
 * that is only needed when a learner starts a quiz; so it is computed on first use */
const char *
bekal_module_get_content_hash (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);

  if (g_once_init_enter (&self->content_hash_ready))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      /* a file that cannot be read any more still needs a stable value: the empty hash */
      if (!g_file_get_contents (self->path, &contents, &length, NULL))
        length = 0;
      self->content_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                        (const guchar *) (contents ? contents : ""),
                                                        length);
      g_once_init_leave (&self->content_hash_ready, 1);
    }

  return self->content_hash;
}

guint
bekal_module_get_n_topics (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->topics->len;
}

const BekalTopic *
bekal_module_get_topic (BekalModule *self,
                        guint        index)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  g_return_val_if_fail (index < self->topics->len, NULL);
  return &g_array_index (self->topics, BekalTopic, index);
}

const BekalTopic *
bekal_module_find_topic (BekalModule *self,
                         const char  *id)
{
  guint index;

  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);

  index = id ? GPOINTER_TO_UINT (g_hash_table_lookup (self->topics_by_id, id)) : 0;

  return index > 0 ? &g_array_index (self->topics, BekalTopic, index - 1) : NULL;
}

guint
bekal_module_get_n_glossary (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->glossary->len;
}

const BekalGlossaryEntry *
bekal_module_get_glossary_entry (BekalModule *self,
                                 guint        index)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  g_return_val_if_fail (index < self->glossary->len, NULL);
  return &g_array_index (self->glossary, BekalGlossaryEntry, index);
}

const BekalGlossaryEntry *
bekal_module_find_glossary_entry (BekalModule *self,
                                  const char  *id)
{
  guint index;

  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);

  index = id ? GPOINTER_TO_UINT (g_hash_table_lookup (self->glossary_by_id, id)) : 0;

  return index > 0 ? &g_array_index (self->glossary, BekalGlossaryEntry, index - 1) : NULL;
}

guint
bekal_module_get_n_lessons (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->lessons->len;
}

BekalLesson *
bekal_module_get_lesson (BekalModule *self,
                         guint        index)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  g_return_val_if_fail (index < self->lessons->len, NULL);
  return g_ptr_array_index (self->lessons, index);
}

BekalLesson *
bekal_module_find_lesson (BekalModule *self,
                          const char  *id)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);

  return id ? g_hash_table_lookup (self->lessons_by_id, id) : NULL;
}

guint
bekal_module_get_n_quizzes (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->quizzes->len;
}

BekalQuiz *
bekal_module_get_quiz (BekalModule *self,
                       guint        index)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  g_return_val_if_fail (index < self->quizzes->len, NULL);
  return g_ptr_array_index (self->quizzes, index);
}

BekalQuiz *
bekal_module_find_quiz (BekalModule *self,
                        const char  *id)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);

  return id ? g_hash_table_lookup (self->quizzes_by_id, id) : NULL;
}

BekalQuiz *
bekal_module_find_quiz_by_role (BekalModule   *self,
                                BekalQuizRole  role)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);

  for (guint i = 0; i < self->quizzes->len; i++)
    {
      BekalQuiz *quiz = g_ptr_array_index (self->quizzes, i);

      if (quiz->role == role)
        return quiz;
    }

  return NULL;
}

BekalQuestion *
bekal_module_find_question (BekalModule *self,
                            const char  *id)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  return g_hash_table_lookup (self->questions_by_id, id);
}

guint
bekal_module_get_n_media (BekalModule *self)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);
  return self->media->len;
}

BekalMedia *
bekal_module_get_media (BekalModule *self,
                        guint        index)
{
  g_return_val_if_fail (BEKAL_IS_MODULE (self), NULL);
  g_return_val_if_fail (index < self->media->len, NULL);
  return g_ptr_array_index (self->media, index);
}

guint
bekal_module_count_words (BekalModule *self)
{
  guint n = 0;

  g_return_val_if_fail (BEKAL_IS_MODULE (self), 0);

  for (guint i = 0; i < self->lessons->len; i++)
    n += bekal_lesson_count_words (g_ptr_array_index (self->lessons, i));

  return n;
}

/* Names as written in module files, for tools and reports */

const char *
bekal_quiz_role_to_string (BekalQuizRole role)
{
  static const char * const names[] = { "pretest", "practice", "posttest" };

  g_return_val_if_fail (role <= BEKAL_QUIZ_POSTTEST, NULL);
  return names[role];
}

const char *
bekal_question_type_to_string (BekalQuestionType type)
{
  static const char * const names[] = {
    "single", "multiple", "truefalse", "order", "match", "scale"
  };

  g_return_val_if_fail (type <= BEKAL_QUESTION_SCALE, NULL);
  return names[type];
}

const char *
bekal_block_kind_to_string (BekalBlockKind kind)
{
  static const char * const names[] = {
    "heading", "p", "list", "note", "figure", "video", "audio", "reflection", "quiz"
  };

  g_return_val_if_fail (kind <= BEKAL_BLOCK_QUIZ, NULL);
  return names[kind];
}
