/* bekal-media-progress.h: how far a learner got in a recording, and when that is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

/* A recording counts as watched once playback reached this fraction of it */
#define BEKAL_MEDIA_DONE_FRACTION      0.9
/* While it plays, the progress is saved at most once in this many microseconds */
#define BEKAL_MEDIA_SAVE_INTERVAL_US   (5 * G_USEC_PER_SEC)
/* A position moving further than this between two updates was a seek, not playback */
#define BEKAL_MEDIA_CONTINUOUS_PLAY_MS 1500

#define BEKAL_TYPE_MEDIA_PROGRESS_TRACKER (bekal_media_progress_tracker_get_type ())

G_DECLARE_FINAL_TYPE (BekalMediaProgressTracker, bekal_media_progress_tracker,
                      BEKAL, MEDIA_PROGRESS_TRACKER, GObject)

/* Monotonic microseconds; tests give a fake one */
typedef gint64 (*BekalMediaClockFunc) (gpointer user_data);

/*
 * Properties:
 *   "done" (gboolean, read-only): watched to BEKAL_MEDIA_DONE_FRACTION or transcript read to
 *          the end, now or in an earlier visit; never goes back to FALSE
 * Signals:
 *   "save" (const BekalMediaProgress *progress): the progress should be written now; the
 *          record is only valid during the emission
 */

BekalMediaProgressTracker *bekal_media_progress_tracker_new          (void);
/* @func NULL goes back to g_get_monotonic_time() */
void      bekal_media_progress_tracker_set_clock          (BekalMediaProgressTracker *self,
                                                           BekalMediaClockFunc        func,
                                                           gpointer                   user_data);
/* What an earlier visit saved (the furthest point is not kept, only the done flag) */
void      bekal_media_progress_tracker_restore            (BekalMediaProgressTracker *self,
                                                           const BekalMediaProgress  *saved);
void      bekal_media_progress_tracker_set_duration       (BekalMediaProgressTracker *self,
                                                           gint64                     duration_ms);
/* Playback starts or jumps to @position_ms: what lies between was not watched */
void      bekal_media_progress_tracker_seeked             (BekalMediaProgressTracker *self,
                                                           gint64                     position_ms);
/* Playback reached @position_ms; saves when the interval has passed since the last save */
void      bekal_media_progress_tracker_played             (BekalMediaProgressTracker *self,
                                                           gint64                     position_ms);
/* The recording played to its end: watched entirely, and next time it starts over */
void      bekal_media_progress_tracker_ended              (BekalMediaProgressTracker *self);
/* The transcript was read to its end; saves at once */
void      bekal_media_progress_tracker_set_transcript_read (BekalMediaProgressTracker *self,
                                                            gint64                     position_ms);
/* Saves now, whatever the interval: on pause, on stop, when the lesson closes */
void      bekal_media_progress_tracker_save               (BekalMediaProgressTracker *self,
                                                           gint64                     position_ms);
gboolean  bekal_media_progress_tracker_get_done           (BekalMediaProgressTracker *self);
gboolean  bekal_media_progress_tracker_get_transcript_read (BekalMediaProgressTracker *self);
gint64    bekal_media_progress_tracker_get_furthest       (BekalMediaProgressTracker *self);
/* The position saved by an earlier visit, 0 if none */
gint64    bekal_media_progress_tracker_get_resume_position (BekalMediaProgressTracker *self);
/* 0..1, the furthest point over the duration (0 while the duration is unknown) */
double    bekal_media_progress_tracker_get_watched_fraction (BekalMediaProgressTracker *self);

G_END_DECLS
