/* bekal-learners-page.h: learner management in trainer mode: the profiles with what is recorded
 * for each, editing, merging two profiles of one person, deleting a learner with all their data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <gtk/gtk.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_LEARNERS_PAGE (bekal_learners_page_get_type ())

G_DECLARE_FINAL_TYPE (BekalLearnersPage, bekal_learners_page, BEKAL, LEARNERS_PAGE, GtkWidget)

/*
 * Signals:
 *   "learner-removed" (gint64 profile_id): a profile was deleted or merged into another
 *   "message" (const char *text): something to tell in a toast
 */

GtkWidget *bekal_learners_page_new          (void);
/* Lists the profiles of @store (kept by the page) with their counts */
void       bekal_learners_page_load         (BekalLearnersPage *self,
                                             BekalStore        *store);
guint      bekal_learners_page_get_n_rows   (BekalLearnersPage *self);
/* TRUE while an edit, a merge or a deletion is written (in a worker thread) */
gboolean   bekal_learners_page_is_writing   (BekalLearnersPage *self);
/* The dialogs the row buttons open, for the tests; the dialog is returned (not owned) */
GtkWidget *bekal_learners_page_ask_delete   (BekalLearnersPage *self,
                                             gint64             profile_id);
GtkWidget *bekal_learners_page_ask_merge    (BekalLearnersPage *self,
                                             gint64             profile_id);
GtkWidget *bekal_learners_page_ask_edit     (BekalLearnersPage *self,
                                             gint64             profile_id);
/* The dialog of the row's "Certificate of completion" button: the module, then the file */
GtkWidget *bekal_learners_page_ask_certificate (BekalLearnersPage *self,
                                                gint64             profile_id);
/* @modules (BekalModule elements, may be NULL): the modules certificates can name */
void       bekal_learners_page_set_modules  (BekalLearnersPage *self,
                                             GPtrArray         *modules);
/* Writes the certificate of @profile_id for @module_id to @file in a worker thread, in the
 * interface's language; "message" tells the end (saved, or why no certificate was made) */
void       bekal_learners_page_write_certificate (BekalLearnersPage *self,
                                                  gint64             profile_id,
                                                  const char        *module_id,
                                                  GFile             *file);

G_END_DECLS
