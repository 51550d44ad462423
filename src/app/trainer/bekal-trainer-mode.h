/* bekal-trainer-mode.h: whether the trainer has unlocked trainer mode in this window, and the
 * idle timer that ends it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Trainer mode ends after this many seconds without input in the window */
#define BEKAL_TRAINER_MODE_IDLE_SECONDS (10 * 60)

#define BEKAL_TYPE_TRAINER_MODE (bekal_trainer_mode_get_type ())

G_DECLARE_FINAL_TYPE (BekalTrainerMode, bekal_trainer_mode, BEKAL, TRAINER_MODE, GObject)

/*
 * Properties:
 *   "unlocked" (gboolean, read-only): the trainer's passphrase was given and the mode has not
 *              ended since
 * Signals:
 *   "ended" (gboolean idle): trainer mode ended, on demand (@idle FALSE) or after the idle time
 */

BekalTrainerMode *bekal_trainer_mode_new          (void);
gboolean          bekal_trainer_mode_get_unlocked (BekalTrainerMode *self);
/* Called once the passphrase was checked; starts the idle timer */
void              bekal_trainer_mode_unlock       (BekalTrainerMode *self);
/* Ends trainer mode (nothing when it was not on) */
void              bekal_trainer_mode_end          (BekalTrainerMode *self);
/* User input: the idle time starts again */
void              bekal_trainer_mode_touch        (BekalTrainerMode *self);
/* For the tests: the idle time in milliseconds */
void              bekal_trainer_mode_set_idle_ms_for_testing (BekalTrainerMode *self,
                                                              guint             idle_ms);

G_END_DECLS
