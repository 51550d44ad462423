/* bekal-window-private.h: the parts of the main window shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-window.h"
#include "bekal-learners-page.h"
#include "bekal-trainer-mode.h"

G_BEGIN_DECLS

struct _BekalWindow
{
  AdwApplicationWindow  parent_instance;

  BekalApplication     *application;
  gint64                profile_id;
  char                 *page_before_break;
  char                 *page_before_results; /* the page the results and reports return to */
  GtkWidget            *focus_before_break; /* weak */
  GtkWidget            *read_only_dialog;   /* weak */
  GBinding             *lessons_binding;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkToggleButton      *lessons_button;
  GtkButton            *break_button;
  GtkRevealer          *read_only_revealer;
  GtkStack             *stack;
  BekalProfilePage     *profile_page;
  BekalLibraryPage     *library_page;
  BekalModulePage      *module_page;
  BekalBreakPage       *break_page;
  BekalMyResultsPage   *my_results_page;
  BekalGapReportPage   *gap_report_page;
  BekalItemAnalysisPage *item_analysis_page;
  BekalLearnersPage    *learners_page;
  GtkButton            *trainer_button;

  /* bekal-window-trainer.c */
  BekalTrainerMode     *trainer_mode;
  GtkWidget            *trainer_dialog;     /* weak: the passphrase or PIN dialog */

  /* bekal-window-results.c: the results file being exported or imported */
  GtkFileChooserNative *results_chooser;
  GCancellable         *results_cancellable;

  /* bekal-window-install.c: the module package being checked or installed */
  GtkFileChooserNative *install_chooser;
  GCancellable         *check_cancellable;
  GCancellable         *install_cancellable;
  GtkWidget            *install_dialog;   /* weak */
  GtkWidget            *install_progress; /* weak */
  GtkWidget            *install_result;   /* weak */
};

/* bekal-window-actions.c */
void       bekal_window_install_actions (BekalWindow *self);
void       bekal_window_show_read_only  (BekalWindow *self);

/* bekal-window-trainer.c: @callback runs once trainer mode is on (at once when it already is) */
typedef void (*BekalTrainerCallback) (BekalWindow *self,
                                      gpointer     data);

void       bekal_window_require_trainer         (BekalWindow          *self,
                                                 BekalTrainerCallback  callback,
                                                 gpointer              data);
/* The same, and frees @data with @data_free once the gate is done, passed or not */
void       bekal_window_require_trainer_full    (BekalWindow          *self,
                                                 BekalTrainerCallback  callback,
                                                 gpointer              data,
                                                 GDestroyNotify        data_free);
/* Opens the learner's profile, asking for its PIN first when it has one */
void       bekal_window_open_learner            (BekalWindow          *self,
                                                 gint64                profile_id);
void       bekal_window_update_pin_state        (BekalWindow          *self);
void       bekal_window_install_trainer_actions (BekalWindow          *self);
void       bekal_window_dispose_trainer         (BekalWindow          *self);

/* bekal-window.c */
void       bekal_window_show_learners_page      (BekalWindow          *self);

/* bekal-window-results.c */
void       bekal_window_install_results_actions (BekalWindow *self);
void       bekal_window_dispose_results         (BekalWindow *self);

/* bekal-window-session.c: win.group-session */
void       bekal_window_install_session_actions (BekalWindow *self);

/* bekal-window-install.c */
void       bekal_window_install_package_actions (BekalWindow *self);
void       bekal_window_dispose_package         (BekalWindow *self);

/* bekal-window.c */
void       bekal_window_show_page       (BekalWindow *self,
                                         const char  *name);
void       bekal_window_update_header   (BekalWindow *self);
/* The valid modules of the catalog in the current language (BekalModule), in catalog order */
GPtrArray *bekal_window_dup_modules     (BekalWindow *self);

G_END_DECLS
