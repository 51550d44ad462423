/* bekal-player.h: plays one media file through a GStreamer playbin into a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

#include "bekal-player-enums.h"

G_BEGIN_DECLS

/* Environment variable naming the audio sink (an element or a bin description); tests set
 * it to fakesink. Unset: the system's default output. */
#define BEKAL_PLAYER_AUDIO_SINK_ENV "BEKAL_AUDIO_SINK"

#define BEKAL_PLAYER_ERROR (bekal_player_error_quark ())

typedef enum
{
  BEKAL_PLAYER_ERROR_NOT_FOUND,      /* the media file does not exist or cannot be opened */
  BEKAL_PLAYER_ERROR_MISSING_PLUGIN, /* a decoder or demuxer is not installed */
  BEKAL_PLAYER_ERROR_DAMAGED,        /* corrupt, cut short, or not a media file */
  BEKAL_PLAYER_ERROR_FAILED,         /* anything else (no audio device, ...) */
  BEKAL_PLAYER_ERROR_STALLED,        /* playback stopped moving: the file cannot be read now */
} BekalPlayerError;

typedef enum
{
  BEKAL_PLAYER_STATE_EMPTY,   /* nothing opened */
  BEKAL_PLAYER_STATE_LOADING, /* opened, first frame not ready yet */
  BEKAL_PLAYER_STATE_PAUSED,
  BEKAL_PLAYER_STATE_PLAYING,
  BEKAL_PLAYER_STATE_ENDED,
  BEKAL_PLAYER_STATE_FAILED,  /* see bekal_player_get_error() */
} BekalPlayerState;

/* How long playback may stand still before it counts as stalled */
#define BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS 10000

/* The rates offered to learners */
#define BEKAL_PLAYER_MIN_RATE 0.5
#define BEKAL_PLAYER_MAX_RATE 2.0

#define BEKAL_TYPE_PLAYER (bekal_player_get_type ())

G_DECLARE_FINAL_TYPE (BekalPlayer, bekal_player, BEKAL, PLAYER, GObject)

GQuark            bekal_player_error_quark     (void);

/* Create and use a player on the main thread: its state and frames arrive through the
 * thread-default main context of the creating thread. Calls gst_init() when needed. */
BekalPlayer      *bekal_player_new             (void);

/* Opens @path (a regular file or a FIFO) and prepares the first frame (state LOADING, then
 * PAUSED). A file that does not exist fails at once; other failures arrive later as state
 * FAILED. */
gboolean          bekal_player_open            (BekalPlayer *self,
                                                const char  *path,
                                                GError     **error);
/* Stops and forgets the file; the paintable becomes empty. Playback that stalled, or was found
 * standing still, is stopped in the background instead of waiting for its read. */
void              bekal_player_close           (BekalPlayer *self);
void              bekal_player_play            (BekalPlayer *self);
void              bekal_player_pause           (BekalPlayer *self);
/* Accurate seek; applied once the file is ready when called earlier */
void              bekal_player_seek            (BekalPlayer *self,
                                                gint64       position_ms);
/* Clamped to BEKAL_PLAYER_MIN_RATE..BEKAL_PLAYER_MAX_RATE; speech keeps its pitch */
void              bekal_player_set_rate        (BekalPlayer *self,
                                                double       rate);
double            bekal_player_get_rate        (BekalPlayer *self);
/* The rate the pipeline plays at now, as GStreamer reports it; 0 when unknown */
double            bekal_player_query_rate      (BekalPlayer *self);
/* 0..1 on a cubic scale, as volume sliders use */
void              bekal_player_set_volume      (BekalPlayer *self,
                                                double       volume);
double            bekal_player_get_volume      (BekalPlayer *self);
void              bekal_player_set_muted       (BekalPlayer *self,
                                                gboolean     muted);
gboolean          bekal_player_get_muted       (BekalPlayer *self);

BekalPlayerState  bekal_player_get_state       (BekalPlayer *self);
/* In milliseconds; -1 when unknown. After a failure: the last position known, where playing
 * the file again can go on from */
gint64            bekal_player_get_position    (BekalPlayer *self);
gint64            bekal_player_get_duration    (BekalPlayer *self);
gboolean          bekal_player_has_video       (BekalPlayer *self);
const char       *bekal_player_get_path        (BekalPlayer *self);
/* The failure when the state is FAILED, else NULL; its message is meant for people */
const GError     *bekal_player_get_error       (BekalPlayer *self);
/* Debian packages that would let the failed file play (empty when not a codec problem) */
const char * const *bekal_player_get_missing_packages (BekalPlayer *self);
/* The current video frame; empty until the first frame and for audio-only files */
GdkPaintable     *bekal_player_get_paintable   (BekalPlayer *self);
/* Frames turned into textures since the player was created */
guint64           bekal_player_get_n_frames    (BekalPlayer *self);
/* Whether video frames wait for their time (TRUE, the default). Benchmarks turn it off to
 * measure decoding throughput. Takes effect at the next bekal_player_open(). */
void              bekal_player_set_clock_sync  (BekalPlayer *self,
                                                gboolean     sync);
/* A player asked to play whose position stands still for @timeout_ms fails with
 * BEKAL_PLAYER_ERROR_STALLED (default BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS; 0 turns this off).
 * Pausing stops the count, buffering suspends it and a seek starts it again. The stalled
 * pipeline is shut down on a thread of its own: a read that hangs never freezes the caller. */
void              bekal_player_set_stall_timeout (BekalPlayer *self,
                                                  guint        timeout_ms);

G_END_DECLS
