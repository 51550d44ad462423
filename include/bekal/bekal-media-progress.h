/* bekal-media-progress.h: how far a learner got in a recording, and when that is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include <bekal/bekal-store.h>

G_BEGIN_DECLS

/**
 * BEKAL_MEDIA_DONE_FRACTION:
 *
 * A recording counts as watched once playback reached this fraction of it.
 */
#define BEKAL_MEDIA_DONE_FRACTION      0.9
/**
 * BEKAL_MEDIA_SAVE_INTERVAL_US:
 *
 * While a recording plays, its progress is saved at most once in this many microseconds.
 */
#define BEKAL_MEDIA_SAVE_INTERVAL_US   (5 * G_USEC_PER_SEC)
/**
 * BEKAL_MEDIA_CONTINUOUS_PLAY_MS:
 *
 * A position moving further than this between two updates was a seek, not playback.
 */
#define BEKAL_MEDIA_CONTINUOUS_PLAY_MS 1500

#define BEKAL_TYPE_MEDIA_PROGRESS_TRACKER (bekal_media_progress_tracker_get_type ())

/**
 * BekalMediaProgressTracker:
 *
 * The rules of a learner's progress through one recording, without the player and the store:
 * the furthest point watched (seeking forward does not count), the "done" threshold, and
 * throttled saves through #BekalMediaProgressTracker::save. Used in the main thread.
 */
G_DECLARE_FINAL_TYPE (BekalMediaProgressTracker, bekal_media_progress_tracker,
                      BEKAL, MEDIA_PROGRESS_TRACKER, GObject)

/**
 * BekalMediaClockFunc:
 * @user_data: the data given to bekal_media_progress_tracker_set_clock()
 *
 * A monotonic clock; tests give a fake one.
 *
 * Returns: the time in microseconds
 */
typedef gint64 (*BekalMediaClockFunc) (gpointer user_data);

/**
 * BekalMediaProgressTracker:done:
 *
 * Whether the recording was watched to %BEKAL_MEDIA_DONE_FRACTION or its transcript read to
 * the end, now or in an earlier visit. Read-only; never goes back to %FALSE.
 */

/**
 * BekalMediaProgressTracker::save:
 * @self: the tracker
 * @progress: (type gpointer): the `const BekalMediaProgress *` to write; valid only during
 *   the emission
 *
 * The progress should be written to the store now.
 */

/**
 * bekal_media_progress_tracker_new:
 *
 * Returns: (transfer full): a new tracker, with the monotonic clock
 */
BekalMediaProgressTracker *bekal_media_progress_tracker_new          (void);

/**
 * bekal_media_progress_tracker_set_clock:
 * @self: a #BekalMediaProgressTracker
 * @func: (nullable) (scope forever): the clock; %NULL goes back to g_get_monotonic_time()
 * @user_data: (closure func): data for @func; it must outlive the tracker
 *
 * Replaces the clock that times the saves.
 */
void      bekal_media_progress_tracker_set_clock          (BekalMediaProgressTracker *self,
                                                           BekalMediaClockFunc        func,
                                                           gpointer                   user_data);

/**
 * bekal_media_progress_tracker_restore:
 * @self: a #BekalMediaProgressTracker
 * @saved: what an earlier visit saved
 *
 * Takes the resume position, the transcript flag and the done flag of an earlier visit. The
 * furthest point is not kept between visits, only the done flag.
 */
void      bekal_media_progress_tracker_restore            (BekalMediaProgressTracker *self,
                                                           const BekalMediaProgress  *saved);

/**
 * bekal_media_progress_tracker_set_duration:
 * @self: a #BekalMediaProgressTracker
 * @duration_ms: the recording's duration in milliseconds, as soon as the player knows it
 *
 * Sets the duration the watched fraction is measured against.
 */
void      bekal_media_progress_tracker_set_duration       (BekalMediaProgressTracker *self,
                                                           gint64                     duration_ms);

/**
 * bekal_media_progress_tracker_seeked:
 * @self: a #BekalMediaProgressTracker
 * @position_ms: where playback starts or jumped to
 *
 * Playback starts or jumps to @position_ms: what lies between was not watched.
 */
void      bekal_media_progress_tracker_seeked             (BekalMediaProgressTracker *self,
                                                           gint64                     position_ms);

/**
 * bekal_media_progress_tracker_played:
 * @self: a #BekalMediaProgressTracker
 * @position_ms: where playback is
 *
 * Playback reached @position_ms; emits #BekalMediaProgressTracker::save when
 * %BEKAL_MEDIA_SAVE_INTERVAL_US has passed since the last save.
 */
void      bekal_media_progress_tracker_played             (BekalMediaProgressTracker *self,
                                                           gint64                     position_ms);

/**
 * bekal_media_progress_tracker_ended:
 * @self: a #BekalMediaProgressTracker
 *
 * The recording played to its end: it counts as watched entirely, and is saved with position 0
 * so that the next visit starts over.
 */
void      bekal_media_progress_tracker_ended              (BekalMediaProgressTracker *self);

/**
 * bekal_media_progress_tracker_set_transcript_read:
 * @self: a #BekalMediaProgressTracker
 * @position_ms: the playback position to save with it
 *
 * The transcript was read to its end: sets the done flag and saves at once (only the first
 * time).
 */
void      bekal_media_progress_tracker_set_transcript_read (BekalMediaProgressTracker *self,
                                                            gint64                     position_ms);

/**
 * bekal_media_progress_tracker_save:
 * @self: a #BekalMediaProgressTracker
 * @position_ms: the playback position
 *
 * Emits #BekalMediaProgressTracker::save now, whatever the interval: on pause, on stop, when
 * the lesson closes.
 */
void      bekal_media_progress_tracker_save               (BekalMediaProgressTracker *self,
                                                           gint64                     position_ms);

/**
 * bekal_media_progress_tracker_get_done:
 * @self: a #BekalMediaProgressTracker
 *
 * Returns: the #BekalMediaProgressTracker:done property
 */
gboolean  bekal_media_progress_tracker_get_done           (BekalMediaProgressTracker *self);

/**
 * bekal_media_progress_tracker_get_transcript_read:
 * @self: a #BekalMediaProgressTracker
 *
 * Returns: whether the transcript was read to its end, in this visit or an earlier one
 */
gboolean  bekal_media_progress_tracker_get_transcript_read (BekalMediaProgressTracker *self);

/**
 * bekal_media_progress_tracker_get_furthest:
 * @self: a #BekalMediaProgressTracker
 *
 * Returns: the furthest point watched in this visit, in milliseconds
 */
gint64    bekal_media_progress_tracker_get_furthest       (BekalMediaProgressTracker *self);

/**
 * bekal_media_progress_tracker_get_resume_position:
 * @self: a #BekalMediaProgressTracker
 *
 * Returns: the position saved by an earlier visit, in milliseconds; 0 if none
 */
gint64    bekal_media_progress_tracker_get_resume_position (BekalMediaProgressTracker *self);

/**
 * bekal_media_progress_tracker_get_watched_fraction:
 * @self: a #BekalMediaProgressTracker
 *
 * Returns: from 0 to 1, the furthest point over the duration; 0 while the duration is unknown
 */
double    bekal_media_progress_tracker_get_watched_fraction (BekalMediaProgressTracker *self);

G_END_DECLS
