/* bekal-media-block.h: a video or audio item in a lesson, behind its content note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bekal-block-widgets.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_MEDIA_BLOCK (bekal_media_block_get_type ())

G_DECLARE_FINAL_TYPE (BekalMediaBlock, bekal_media_block, BEKAL, MEDIA_BLOCK, GtkWidget)

GtkWidget  *bekal_media_block_new             (BekalMedia              *media,
                                               const BekalBlockContext *context);
BekalMedia *bekal_media_block_get_media       (BekalMediaBlock         *self);
/* "note" while the content note waits for an answer, then "media" or "skipped" */
const char *bekal_media_block_get_state       (BekalMediaBlock         *self);
/* The player, a BekalVideoBlock, or NULL while the note has not been answered */
GtkWidget  *bekal_media_block_get_video_block (BekalMediaBlock         *self);
/* Watched or its transcript read, now or before */
gboolean    bekal_media_block_get_done        (BekalMediaBlock         *self);
/* The answers to the content note */
void        bekal_media_block_continue        (BekalMediaBlock         *self);
void        bekal_media_block_read_transcript (BekalMediaBlock         *self);
void        bekal_media_block_skip            (BekalMediaBlock         *self);
/* Pauses the recording (leaving full screen) and saves how far it was watched */
void        bekal_media_block_stop            (BekalMediaBlock         *self);

G_END_DECLS
