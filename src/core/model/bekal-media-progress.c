/* bekal-media-progress.c: how far a learner got in a recording, and when that is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-media-progress.h>

struct _BekalMediaProgressTracker
{
  GObject             parent_instance;

  BekalMediaClockFunc clock;
  gpointer            clock_data;

  gint64              duration_ms;
  gint64              last_ms;         /* where the previous update found playback */
  gint64              furthest_ms;
  gint64              resume_ms;
  gint64              last_saved_us;
  gboolean            saved_once;
  gboolean            transcript_read;
  gboolean            done;
};

enum
{
  PROP_0,
  PROP_DONE,
  N_PROPS
};

enum
{
  SIGNAL_SAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalMediaProgressTracker, bekal_media_progress_tracker, G_TYPE_OBJECT)

/* Helpers */

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
set_done_if_reached (BekalMediaProgressTracker *self)
{
  gboolean watched = self->duration_ms > 0
                     && self->furthest_ms >= BEKAL_MEDIA_DONE_FRACTION * self->duration_ms;

  if (self->done || !(watched || self->transcript_read))
    return;

  self->done = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

/* Overrides */

static void
bekal_media_progress_tracker_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  BekalMediaProgressTracker *self = BEKAL_MEDIA_PROGRESS_TRACKER (object);

  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_media_progress_tracker_class_init (BekalMediaProgressTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bekal_media_progress_tracker_get_property;

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
bekal_media_progress_tracker_init (BekalMediaProgressTracker *self)
{
  self->clock = monotonic_clock;
}

/* Public API */

BekalMediaProgressTracker *
bekal_media_progress_tracker_new (void)
{
  return g_object_new (BEKAL_TYPE_MEDIA_PROGRESS_TRACKER, NULL);
}

void
bekal_media_progress_tracker_set_clock (BekalMediaProgressTracker *self,
                                        BekalMediaClockFunc        func,
                                        gpointer                   user_data)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  self->clock = func != NULL ? func : monotonic_clock;
  self->clock_data = func != NULL ? user_data : NULL;
}

void
bekal_media_progress_tracker_restore (BekalMediaProgressTracker *self,
                                      const BekalMediaProgress  *saved)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));
  g_return_if_fail (saved != NULL);

  self->resume_ms = MAX (saved->position_ms, 0);
  self->transcript_read = saved->transcript_read_to_end;
  if (saved->done && !self->done)
    {
      self->done = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
}

void
bekal_media_progress_tracker_set_duration (BekalMediaProgressTracker *self,
                                           gint64                     duration_ms)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  self->duration_ms = MAX (duration_ms, 0);
}

void
bekal_media_progress_tracker_seeked (BekalMediaProgressTracker *self,
                                     gint64                     position_ms)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  self->last_ms = MAX (position_ms, 0);
}

void
bekal_media_progress_tracker_played (BekalMediaProgressTracker *self,
                                     gint64                     position_ms)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  if (position_ms < 0)
    return;

  /* only continuous playback counts as watched: a jump ahead or back does not */
  if (position_ms >= self->last_ms && position_ms - self->last_ms <= BEKAL_MEDIA_CONTINUOUS_PLAY_MS)
    self->furthest_ms = MAX (self->furthest_ms, position_ms);
  self->last_ms = position_ms;
  set_done_if_reached (self);

  if (!self->saved_once
      || self->clock (self->clock_data) - self->last_saved_us > BEKAL_MEDIA_SAVE_INTERVAL_US)
    bekal_media_progress_tracker_save (self, position_ms);
}

void
bekal_media_progress_tracker_ended (BekalMediaProgressTracker *self)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  self->furthest_ms = MAX (self->furthest_ms, self->duration_ms);
  set_done_if_reached (self);
  /* next time, start from the beginning */
  bekal_media_progress_tracker_save (self, 0);
}

void
bekal_media_progress_tracker_set_transcript_read (BekalMediaProgressTracker *self,
                                                  gint64                     position_ms)
{
  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  if (self->transcript_read)
    return;

  self->transcript_read = TRUE;
  set_done_if_reached (self);
  bekal_media_progress_tracker_save (self, position_ms);
}

void
bekal_media_progress_tracker_save (BekalMediaProgressTracker *self,
                                   gint64                     position_ms)
{
  BekalMediaProgress progress = { 0, };

  g_return_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self));

  self->last_saved_us = self->clock (self->clock_data);
  self->saved_once = TRUE;

  progress.position_ms = MAX (position_ms, 0);
  progress.watched_fraction = bekal_media_progress_tracker_get_watched_fraction (self);
  progress.transcript_read_to_end = self->transcript_read;
  progress.done = self->done;
  g_signal_emit (self, signals[SIGNAL_SAVE], 0, &progress);
}

gboolean
bekal_media_progress_tracker_get_done (BekalMediaProgressTracker *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self), FALSE);

  return self->done;
}

gboolean
bekal_media_progress_tracker_get_transcript_read (BekalMediaProgressTracker *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self), FALSE);

  return self->transcript_read;
}

gint64
bekal_media_progress_tracker_get_furthest (BekalMediaProgressTracker *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self), 0);

  return self->furthest_ms;
}

gint64
bekal_media_progress_tracker_get_resume_position (BekalMediaProgressTracker *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self), 0);

  return self->resume_ms;
}

double
bekal_media_progress_tracker_get_watched_fraction (BekalMediaProgressTracker *self)
{
  g_return_val_if_fail (BEKAL_IS_MEDIA_PROGRESS_TRACKER (self), 0.0);

  if (self->duration_ms <= 0)
    return 0.0;
  return CLAMP ((double) self->furthest_ms / self->duration_ms, 0.0, 1.0);
}
