/* bekal-video-block.h: a video or audio item of a lesson, with its player and transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include <bekal/bekal-model.h>
#include <bekal/bekal-store.h>

#include "bekal-learner-context.h"
#include "bekal-player.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_VIDEO_BLOCK (bekal_video_block_get_type ())

G_DECLARE_FINAL_TYPE (BekalVideoBlock, bekal_video_block, BEKAL, VIDEO_BLOCK, GtkWidget)

/* @store may be NULL (nothing is remembered); progress and checkpoint answers are kept for
 * @profile_id and @module_id */
GtkWidget   *bekal_video_block_new                  (BekalMedia      *media,
                                                     BekalStore      *store,
                                                     gint64           profile_id,
                                                     const char      *module_id);
/* The same for the learner of @learner, in its module (nothing is remembered without one) */
GtkWidget   *bekal_video_block_new_for_learner      (BekalMedia          *media,
                                                     BekalLearnerContext *learner);
/* The module holding the questions that checkpoints ask; without it checkpoints are skipped */
void         bekal_video_block_set_module           (BekalVideoBlock *self,
                                                     BekalModule     *module);
BekalMedia  *bekal_video_block_get_media            (BekalVideoBlock *self);
BekalPlayer *bekal_video_block_get_player           (BekalVideoBlock *self);
/* Opens the transcript panel (also when the recording cannot be played) */
void         bekal_video_block_show_transcript      (BekalVideoBlock *self);
/* A language of the item's subtitles, or NULL to turn them off */
void         bekal_video_block_set_subtitle_language (BekalVideoBlock *self,
                                                      const char      *language);
const char  *bekal_video_block_get_subtitle_language (BekalVideoBlock *self);
/* The subtitle line on screen now, or NULL */
const char  *bekal_video_block_get_subtitle_text    (BekalVideoBlock *self);
/* Watched to 90 % or transcript read to the end, now or before */
gboolean     bekal_video_block_get_done             (BekalVideoBlock *self);
void         bekal_video_block_toggle_play          (BekalVideoBlock *self);
void         bekal_video_block_set_fullscreen       (BekalVideoBlock *self,
                                                     gboolean         fullscreen);
/* Saves the position and watched fraction now (also done when paused or destroyed) */
void         bekal_video_block_save_progress        (BekalVideoBlock *self);

G_END_DECLS
