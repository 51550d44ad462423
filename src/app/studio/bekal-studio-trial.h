/* bekal-studio-trial.h: "Try as learner": a saved module opened with a throwaway profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BEKAL_TYPE_STUDIO_TRIAL (bekal_studio_trial_get_type ())

G_DECLARE_FINAL_TYPE (BekalStudioTrial, bekal_studio_trial, BEKAL, STUDIO_TRIAL, AdwWindow)

/* Opens the module in @folder in a window of its own, as a learner sees it. The learner is a
 * profile in a store of its own in a temporary folder, so nothing done there reaches the
 * learners' store or its reports; the folder is deleted when the window closes. */
BekalStudioTrial *bekal_studio_trial_open        (GtkWindow          *parent,
                                                  const char         *folder,
                                                  const char * const *media_dirs,
                                                  GSettings          *settings);
/* The temporary data folder, NULL until it is made (tests) */
const char       *bekal_studio_trial_get_data_dir (BekalStudioTrial  *self);

G_END_DECLS
