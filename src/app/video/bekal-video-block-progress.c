/* bekal-video-block-progress.c: how far a learner watched, saved and restored
 *
 * The rules (furthest point, done threshold, how often to save) are core's
 * BekalMediaProgressTracker; this file connects it to the player and the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-video-block-private.h"

/* Callbacks */

static void
on_progress_save (BekalMediaProgressTracker *tracker,
                  const BekalMediaProgress  *progress,
                  BekalVideoBlock           *self)
{
  g_autoptr(GError) error = NULL;

  /* a read-only data folder still shows earlier progress; it just keeps no new one */
  if (self->store == NULL || !bekal_learner_context_can_write (self->learner))
    return;

  if (!bekal_store_save_media_progress (self->store, self->profile_id, self->module_id,
                                        bekal_media_get_id (self->media), progress, &error))
    g_warning ("Could not save the progress of %s: %s", bekal_media_get_id (self->media),
               error->message);
}

static void
on_progress_done_changed (BekalMediaProgressTracker *tracker,
                          GParamSpec                *pspec,
                          BekalVideoBlock           *self)
{
  g_object_notify (G_OBJECT (self), "done");
}

/* Internal API */

void
_bekal_video_block_init_progress (BekalVideoBlock *self)
{
  self->progress = bekal_media_progress_tracker_new ();
  g_signal_connect (self->progress, "save", G_CALLBACK (on_progress_save), self);
  g_signal_connect (self->progress, "notify::done", G_CALLBACK (on_progress_done_changed), self);
}

void
_bekal_video_block_save_progress (BekalVideoBlock *self,
                                  gint64           position_ms)
{
  bekal_media_progress_tracker_set_duration (self->progress,
                                             bekal_player_get_duration (self->player));
  bekal_media_progress_tracker_save (self->progress, position_ms);
}

void
_bekal_video_block_load_progress (BekalVideoBlock *self)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0, };

  /* set only for a learner in a module */
  if (self->store == NULL)
    return;

  if (!bekal_store_load_media_progress (self->store, self->profile_id, self->module_id,
                                        bekal_media_get_id (self->media), &progress, &error))
    {
      if (error)
        g_warning ("Could not read the progress of %s: %s", bekal_media_get_id (self->media),
                   error->message);
      return;
    }

  bekal_media_progress_tracker_restore (self->progress, &progress);
}

/* Public API */

void
bekal_video_block_save_progress (BekalVideoBlock *self)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  _bekal_video_block_save_progress (self, MAX (bekal_player_get_position (self->player), 0));
}
