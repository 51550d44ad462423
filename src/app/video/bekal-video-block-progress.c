/* bekal-video-block-progress.c: how far a learner watched, saved and restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-video-block-private.h"

void
_bekal_video_block_save_progress (BekalVideoBlock *self,
                                  gint64           position_ms)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0, };
  gint64 duration = bekal_player_get_duration (self->player);

  self->last_saved_us = g_get_monotonic_time ();
  /* a read-only data folder still shows earlier progress; it just keeps no new one */
  if (self->store == NULL || self->module_id == NULL || self->profile_id <= 0
      || bekal_store_is_read_only (self->store))
    return;

  progress.position_ms = MAX (position_ms, 0);
  progress.watched_fraction = duration > 0 ? CLAMP ((double) self->furthest_ms / duration, 0, 1)
                                           : 0.0;
  progress.transcript_read_to_end = self->transcript_read;
  progress.done = self->done;

  if (!bekal_store_save_media_progress (self->store, self->profile_id, self->module_id,
                                        bekal_media_get_id (self->media), &progress, &error))
    g_warning ("Could not save the progress of %s: %s", bekal_media_get_id (self->media),
               error->message);
}

void
_bekal_video_block_load_progress (BekalVideoBlock *self)
{
  g_autoptr(GError) error = NULL;
  BekalMediaProgress progress = { 0, };

  if (self->store == NULL || self->module_id == NULL || self->profile_id <= 0)
    return;

  if (!bekal_store_load_media_progress (self->store, self->profile_id, self->module_id,
                                        bekal_media_get_id (self->media), &progress, &error))
    {
      if (error)
        g_warning ("Could not read the progress of %s: %s", bekal_media_get_id (self->media),
                   error->message);
      return;
    }

  self->resume_ms = progress.position_ms;
  self->transcript_read = progress.transcript_read_to_end;
  self->done = progress.done;
}

/* Public API */

void
bekal_video_block_save_progress (BekalVideoBlock *self)
{
  g_return_if_fail (BEKAL_IS_VIDEO_BLOCK (self));

  _bekal_video_block_save_progress (self, MAX (bekal_player_get_position (self->player), 0));
}
