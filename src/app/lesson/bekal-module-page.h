/* bekal-module-page.h: a module: its lessons, content notes and the pre-test step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <bekal/bekal-catalog.h>
#include <bekal/bekal-store.h>

#include "bekal-lesson-view.h"
#include "bekal-quiz-page.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_MODULE_PAGE (bekal_module_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalModulePage, bekal_module_page, BEKAL, MODULE_PAGE, GtkWidget)

/*
 * Signals:
 *   "progress-changed" (): a quiz was finished; the module's state in the library may have
 *                      changed (pre-test done, post-test passed)
 */

/* Opens @module of @entry for the learner @profile_id: its content note, then its pre-test
 * when it has one that was neither done nor skipped, then the saved reading position */
void               bekal_module_page_open            (BekalModulePage   *self,
                                                      BekalCatalogEntry *entry,
                                                      BekalModule       *module,
                                                      BekalStore        *store,
                                                      gint64             profile_id,
                                                      GSettings         *settings);
/* Saves what is pending and forgets the module */
void               bekal_module_page_close           (BekalModulePage   *self);
/* The catalog loaded the module again after an edit on disk */
void               bekal_module_page_entry_reloaded  (BekalModulePage   *self,
                                                      BekalCatalogEntry *entry);
BekalCatalogEntry *bekal_module_page_get_entry       (BekalModulePage   *self);
BekalModule       *bekal_module_page_get_module      (BekalModulePage   *self);
BekalLessonView   *bekal_module_page_get_lesson_view (BekalModulePage   *self);
/* "note", "pretest", "lesson", "quiz", "finished" or "broken" */
const char        *bekal_module_page_get_step        (BekalModulePage   *self);
const char        *bekal_module_page_get_title       (BekalModulePage   *self);
const char        *bekal_module_page_get_subtitle    (BekalModulePage   *self);
AdwFlap           *bekal_module_page_get_flap        (BekalModulePage   *self);
/* Opens lesson @index at its first block (with its content note first, if any) */
void               bekal_module_page_show_lesson     (BekalModulePage   *self,
                                                      guint              index);
/* The page of the pre-test, practice or post-test while the step is "quiz" */
BekalQuizPage     *bekal_module_page_get_quiz_page   (BekalModulePage   *self);
/* Leaves the quiz shown for the place it was opened from; FALSE when no quiz is shown */
gboolean           bekal_module_page_go_back         (BekalModulePage   *self);

G_END_DECLS
