/* bekal-lesson-view.h: one lesson, block by block, with the reading position kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-block-widgets.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_LESSON_VIEW (bekal_lesson_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalLessonView, bekal_lesson_view, BEKAL, LESSON_VIEW, GtkWidget)

/* Shows @lesson and scrolls to @block_index once it is laid out */
void         bekal_lesson_view_show_lesson       (BekalLessonView         *self,
                                                  const BekalBlockContext *context,
                                                  BekalLesson             *lesson,
                                                  guint                    block_index);
/* @lesson again, from a newer read of the same module (the authoring studio's preview): the
 * widgets of the blocks that did not change are kept, with the scroll position; anything else
 * is shown anew. Returns FALSE when the whole lesson had to be shown again. */
gboolean     bekal_lesson_view_refresh_lesson    (BekalLessonView         *self,
                                                  const BekalBlockContext *context,
                                                  BekalLesson             *lesson);
/* Removes the lesson, saving what is pending */
void         bekal_lesson_view_clear             (BekalLessonView         *self);
BekalLesson *bekal_lesson_view_get_lesson        (BekalLessonView         *self);
/* The block at the top of the view: the reading position */
guint        bekal_lesson_view_get_current_block (BekalLessonView         *self);
/* TRUE while the view still scrolls to the block it was asked to show */
gboolean     bekal_lesson_view_is_restoring      (BekalLessonView         *self);
void         bekal_lesson_view_scroll_to_block   (BekalLessonView         *self,
                                                  guint                    block_index);
/* Scrolls by @pages screens (negative: up) */
void         bekal_lesson_view_scroll_pages      (BekalLessonView         *self,
                                                  double                   pages);
/* The widget showing block @index of the lesson */
GtkWidget   *bekal_lesson_view_get_block_widget  (BekalLessonView         *self,
                                                  guint                    index);
/* Saves the position and the seen blocks now, without waiting for the pause in scrolling */
void         bekal_lesson_view_flush             (BekalLessonView         *self);
void         bekal_lesson_view_set_navigation    (BekalLessonView         *self,
                                                  guint                    lesson_number,
                                                  guint                    n_lessons);
/* Gives the keyboard focus to the lesson, so that the arrow and page keys scroll it */
void         bekal_lesson_view_focus             (BekalLessonView         *self);

G_END_DECLS
