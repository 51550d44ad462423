/* bekal-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-application.h"
#include "bekal-break-page.h"
#include "bekal-gap-report-page.h"
#include "bekal-item-analysis-page.h"
#include "bekal-library-page.h"
#include "bekal-module-page.h"
#include "bekal-my-results-page.h"
#include "bekal-profile-page.h"
#include "bekal-learners-page.h"
#include "bekal-trainer-mode.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_WINDOW (bekal_window_get_type ())

G_DECLARE_FINAL_TYPE (BekalWindow, bekal_window, BEKAL, WINDOW, AdwApplicationWindow)

BekalWindow        *bekal_window_new                  (BekalApplication *application);
/* "profiles", "library", "module", "break", "results", "gap-report", "item-analysis" or
 * "learners" */
const char         *bekal_window_get_page_name        (BekalWindow      *self);
gint64              bekal_window_get_learner          (BekalWindow      *self);
void                bekal_window_set_learner          (BekalWindow      *self,
                                                       gint64            profile_id);
/* Opens the module with id @module_id; FALSE when there is no such module or it is broken */
gboolean            bekal_window_open_module          (BekalWindow      *self,
                                                       const char       *module_id);
void                bekal_window_show_toast           (BekalWindow      *self,
                                                       const char       *message);
BekalProfilePage   *bekal_window_get_profile_page     (BekalWindow      *self);
BekalLibraryPage   *bekal_window_get_library_page     (BekalWindow      *self);
BekalModulePage    *bekal_window_get_module_page      (BekalWindow      *self);
BekalBreakPage     *bekal_window_get_break_page       (BekalWindow      *self);
/* The learner's results and the trainer's gap report, made when first asked for */
BekalMyResultsPage *bekal_window_get_my_results_page  (BekalWindow      *self);
BekalGapReportPage *bekal_window_get_gap_report_page  (BekalWindow      *self);
BekalItemAnalysisPage *bekal_window_get_item_analysis_page (BekalWindow   *self);
/* What win.export-results and win.import-results do once a file is chosen: the work runs in a
 * worker thread, on a connection of its own; a toast or a dialog says how it ended */
void                bekal_window_export_results       (BekalWindow      *self,
                                                       GFile            *file,
                                                       gboolean          with_names);
void                bekal_window_import_results       (BekalWindow      *self,
                                                       GFile            *file);
/* TRUE while a results file is exported or imported */
gboolean            bekal_window_is_exchanging_results (BekalWindow     *self);
/* Trainer mode: whether it is on, and the passphrase or PIN dialog while one is open */
BekalTrainerMode   *bekal_window_get_trainer_mode     (BekalWindow      *self);
GtkWidget          *bekal_window_get_trainer_dialog   (BekalWindow      *self);
/* Learner management (trainer mode), made when first shown */
BekalLearnersPage  *bekal_window_get_learners_page    (BekalWindow      *self);
/* What win.install-module does once a file is chosen, and what the application does with a
 * file it is asked to open: a dialog shows what the package holds (read in a worker thread)
 * and installs it into the user's modules folder */
void                bekal_window_open_package         (BekalWindow      *self,
                                                       GFile            *file);
/* The install dialog, or the dialog saying how the install ended, while one is open; or NULL */
GtkWidget          *bekal_window_get_install_dialog   (BekalWindow      *self);
/* TRUE while a module package is being installed */
gboolean            bekal_window_is_installing        (BekalWindow      *self);
/* The dialog explaining the read-only mode while it is open, or NULL */
GtkWidget          *bekal_window_get_read_only_dialog (BekalWindow      *self);

G_END_DECLS
