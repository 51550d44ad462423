/* bekal-module-page-private.h: what the files of the module page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-learner-context.h"
#include "bekal-module-page.h"
#include "bekal-module-progress.h"

G_BEGIN_DECLS

#define MODULE_NOTE_KEY "module"

typedef enum
{
  NOTE_FOR_MODULE,
  NOTE_FOR_LESSON,
} NoteTarget;

/* Where the learner goes when they leave the quiz shown */
typedef enum
{
  QUIZ_FROM_PRETEST,
  QUIZ_FROM_PRACTICE,
  QUIZ_FROM_POSTTEST,
} QuizOrigin;

struct _BekalModulePage
{
  GtkWidget          parent_instance;

  BekalCatalogEntry *entry;
  BekalModule       *module;
  BekalLearnerContext *learner;         /* the learner in this module; never NULL once open */
  BekalBlockContext  context;
  GHashTable        *acknowledged_notes; /* "module" and lesson ids, for this visit */
  NoteTarget         note_target;
  guint              pending_lesson;
  guint              pending_block;
  int                current_lesson;     /* -1 when no lesson is shown */
  char              *subtitle;
  QuizOrigin         quiz_origin;
  guint              quiz_lesson;        /* a practice quiz returns to this lesson ... */
  guint              quiz_block;         /* ... and block */

  AdwFlap           *flap;
  GtkLabel          *module_title_label;
  GtkListBox        *lesson_list;
  GtkStack          *content_stack;
  AdwStatusPage     *note_page;
  AdwStatusPage     *pretest_page;
  GtkButton         *skip_pretest_button;
  GtkButton         *start_pretest_button;
  GtkLabel          *pretest_status_label;
  GtkLabel          *posttest_status_label;
  AdwStatusPage     *finished_page;
  GtkButton         *posttest_button;
  BekalQuizPage     *quiz_page;
  GtkButton         *note_continue_button;
  BekalLessonView   *lesson_view;
};

/* bekal-module-page.c */
void            _bekal_module_page_set_subtitle          (BekalModulePage  *self,
                                                          const char       *subtitle);
void            _bekal_module_page_show_step             (BekalModulePage  *self,
                                                          const char       *step);
void            _bekal_module_page_open_lesson           (BekalModulePage  *self,
                                                          guint             index,
                                                          guint             block_index);
void            _bekal_module_page_go_to_saved_position  (BekalModulePage  *self);

/* bekal-module-page-sidebar.c */
void            _bekal_module_page_class_init_sidebar    (GtkWidgetClass   *widget_class);
void            _bekal_module_page_rebuild_sidebar       (BekalModulePage  *self);
void            _bekal_module_page_select_sidebar_row    (BekalModulePage  *self);

/* bekal-module-page-progress.c */
/* What the learner has done in the module now, read from the store */
BekalModuleProgress *_bekal_module_page_dup_progress     (BekalModulePage  *self);
BekalModuleFlag _bekal_module_page_get_flags             (BekalModulePage  *self);
gboolean        _bekal_module_page_pretest_pending       (BekalModulePage  *self);
gboolean        _bekal_module_page_has_unfinished_attempt (BekalModulePage *self,
                                                          BekalQuiz        *quiz);
/* Whether the post-test can be taken now; @out_reason (may be NULL) says why not */
gboolean        _bekal_module_page_can_take_posttest     (BekalModulePage  *self,
                                                          BekalQuiz        *posttest,
                                                          int              *out_remaining,
                                                          char            **out_reason);
guint           _bekal_module_page_count_unread_lessons  (BekalModulePage  *self);

/* bekal-module-page-quiz.c */
void            _bekal_module_page_class_init_quiz       (GtkWidgetClass   *widget_class);
void            _bekal_module_page_show_pretest          (BekalModulePage  *self);
void            _bekal_module_page_show_finished         (BekalModulePage  *self);
void            _bekal_module_page_leave_quiz            (BekalModulePage  *self);

G_END_DECLS
