/* bekal-player.h: plays one media file through a GStreamer playbin into a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

#include "bekal-player-enums.h"

G_BEGIN_DECLS

/**
 * BEKAL_PLAYER_AUDIO_SINK_ENV:
 *
 * The environment variable naming the audio sink (an element or a bin description); tests
 * set it to `fakesink`. Unset: the system's default output.
 */
#define BEKAL_PLAYER_AUDIO_SINK_ENV "BEKAL_AUDIO_SINK"

/**
 * BEKAL_PLAYER_ERROR:
 *
 * The error domain of the player.
 */
#define BEKAL_PLAYER_ERROR (bekal_player_error_quark ())

/**
 * BekalPlayerError:
 * @BEKAL_PLAYER_ERROR_NOT_FOUND: the media file does not exist or cannot be opened
 * @BEKAL_PLAYER_ERROR_MISSING_PLUGIN: a decoder or demuxer is not installed
 * @BEKAL_PLAYER_ERROR_DAMAGED: corrupt, cut short, or not a media file
 * @BEKAL_PLAYER_ERROR_FAILED: anything else (no audio device, …)
 * @BEKAL_PLAYER_ERROR_STALLED: playback stopped moving: the file cannot be read now
 *
 * Why a file could not be played. The messages are meant for people.
 */
typedef enum
{
  BEKAL_PLAYER_ERROR_NOT_FOUND,      /* the media file does not exist or cannot be opened */
  BEKAL_PLAYER_ERROR_MISSING_PLUGIN, /* a decoder or demuxer is not installed */
  BEKAL_PLAYER_ERROR_DAMAGED,        /* corrupt, cut short, or not a media file */
  BEKAL_PLAYER_ERROR_FAILED,         /* anything else (no audio device, ...) */
  BEKAL_PLAYER_ERROR_STALLED,        /* playback stopped moving: the file cannot be read now */
} BekalPlayerError;

/**
 * BekalPlayerState:
 * @BEKAL_PLAYER_STATE_EMPTY: nothing opened
 * @BEKAL_PLAYER_STATE_LOADING: opened, first frame not ready yet
 * @BEKAL_PLAYER_STATE_PAUSED: ready and paused
 * @BEKAL_PLAYER_STATE_PLAYING: playing
 * @BEKAL_PLAYER_STATE_ENDED: played to the end
 * @BEKAL_PLAYER_STATE_FAILED: the file cannot be played; see bekal_player_get_error()
 *
 * The state of a #BekalPlayer, its #BekalPlayer:state property.
 */
typedef enum
{
  BEKAL_PLAYER_STATE_EMPTY,   /* nothing opened */
  BEKAL_PLAYER_STATE_LOADING, /* opened, first frame not ready yet */
  BEKAL_PLAYER_STATE_PAUSED,
  BEKAL_PLAYER_STATE_PLAYING,
  BEKAL_PLAYER_STATE_ENDED,

/**
 * bekal_player_get_error:
 * @self: a #BekalPlayer
 *
 * Returns: (transfer none) (nullable): the failure when the state is
 *   %BEKAL_PLAYER_STATE_FAILED, else %NULL; its message is meant for people
 */
  BEKAL_PLAYER_STATE_FAILED,  /* see bekal_player_get_error() */
} BekalPlayerState;

/**
 * BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS:
 *
 * How long playback may stand still before it counts as stalled.
 */
#define BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS 10000

/**
 * BEKAL_PLAYER_MIN_RATE:
 *
 * The slowest rate offered to learners.
 */
#define BEKAL_PLAYER_MIN_RATE 0.5
/**
 * BEKAL_PLAYER_MAX_RATE:
 *
 * The fastest rate offered to learners.
 */
#define BEKAL_PLAYER_MAX_RATE 2.0

#define BEKAL_TYPE_PLAYER (bekal_player_get_type ())

/**
 * BekalPlayer:
 *
 * Plays one media file with GStreamer and hands its video frames to GTK as a #GdkPaintable.
 * Create and use a player in the main thread: its state and frames arrive through the
 * thread-default main context of the creating thread. Its properties (state, duration, rate,
 * volume, muted, has-video, paintable) notify on change.
 */
G_DECLARE_FINAL_TYPE (BekalPlayer, bekal_player, BEKAL, PLAYER, GObject)

/**
 * bekal_player_error_quark:
 *
 * Returns: the quark of %BEKAL_PLAYER_ERROR
 */
GQuark            bekal_player_error_quark     (void);

/**
 * bekal_player_init_in_background:
 *
 * Starts GStreamer's initialisation on a worker thread, unless it is done or under way.
 * gst_init() reads the plugin registry, and after GStreamer or a plugin was installed or
 * updated it first rebuilds it by running a scanner process: seconds that the first
 * bekal_player_new() would otherwise spend on the main thread. Errors are left for
 * bekal_player_new() and bekal_player_open() to report.
 */
void              bekal_player_init_in_background (void);

/**
 * bekal_player_new:
 *
 * Creates a player; calls gst_init() when needed (waiting for
 * bekal_player_init_in_background() if it is under way). Use it in the thread that created
 * it.
 *
 * Returns: (transfer full): a new player, in state %BEKAL_PLAYER_STATE_EMPTY
 */
BekalPlayer      *bekal_player_new             (void);

/**
 * bekal_player_open:
 * @self: a #BekalPlayer
 * @path: a regular file or a FIFO
 * @error: return location for a #GError
 *
 * Opens @path and prepares the first frame (state %BEKAL_PLAYER_STATE_LOADING, then
 * %BEKAL_PLAYER_STATE_PAUSED). A file that does not exist fails at once; other failures arrive
 * later as state %BEKAL_PLAYER_STATE_FAILED.
 *
 * Returns: %TRUE if opening started; %FALSE with a %BEKAL_PLAYER_ERROR otherwise
 */
gboolean          bekal_player_open            (BekalPlayer *self,
                                                const char  *path,
                                                GError     **error);

/**
 * bekal_player_close:
 * @self: a #BekalPlayer
 *
 * Stops and forgets the file; the paintable becomes empty. Playback that stalled, or was found
 * standing still, is stopped in the background instead of waiting for its read.
 */
void              bekal_player_close           (BekalPlayer *self);

/**
 * bekal_player_play:
 * @self: a #BekalPlayer
 *
 * Starts or resumes playback.
 */
void              bekal_player_play            (BekalPlayer *self);

/**
 * bekal_player_pause:
 * @self: a #BekalPlayer
 *
 * Pauses playback.
 */
void              bekal_player_pause           (BekalPlayer *self);

/**
 * bekal_player_seek:
 * @self: a #BekalPlayer
 * @position_ms: where to go, in milliseconds
 *
 * An accurate seek; applied once the file is ready when called earlier.
 */
void              bekal_player_seek            (BekalPlayer *self,
                                                gint64       position_ms);

/**
 * bekal_player_set_rate:
 * @self: a #BekalPlayer
 * @rate: the playback rate, clamped to %BEKAL_PLAYER_MIN_RATE .. %BEKAL_PLAYER_MAX_RATE
 *
 * Sets the playback rate; speech keeps its pitch.
 */
void              bekal_player_set_rate        (BekalPlayer *self,
                                                double       rate);

/**
 * bekal_player_get_rate:
 * @self: a #BekalPlayer
 *
 * Returns: the rate asked for with bekal_player_set_rate()
 */
double            bekal_player_get_rate        (BekalPlayer *self);

/**
 * bekal_player_query_rate:
 * @self: a #BekalPlayer
 *
 * Returns: the rate the pipeline plays at now, as GStreamer reports it; 0 when unknown
 */
double            bekal_player_query_rate      (BekalPlayer *self);

/**
 * bekal_player_set_volume:
 * @self: a #BekalPlayer
 * @volume: from 0 to 1 on a cubic scale, as volume sliders use
 *
 * Sets the volume.
 */
void              bekal_player_set_volume      (BekalPlayer *self,
                                                double       volume);

/**
 * bekal_player_get_volume:
 * @self: a #BekalPlayer
 *
 * Returns: the volume, from 0 to 1 on a cubic scale
 */
double            bekal_player_get_volume      (BekalPlayer *self);

/**
 * bekal_player_set_muted:
 * @self: a #BekalPlayer
 * @muted: whether to mute
 *
 * Mutes or unmutes the sound, keeping the volume.
 */
void              bekal_player_set_muted       (BekalPlayer *self,
                                                gboolean     muted);

/**
 * bekal_player_get_muted:
 * @self: a #BekalPlayer
 *
 * Returns: whether the sound is muted
 */
gboolean          bekal_player_get_muted       (BekalPlayer *self);

/**
 * bekal_player_get_state:
 * @self: a #BekalPlayer
 *
 * Returns: the state
 */
BekalPlayerState  bekal_player_get_state       (BekalPlayer *self);

/**
 * bekal_player_get_position:
 * @self: a #BekalPlayer
 *
 * Returns: the position in milliseconds; -1 when unknown. After a failure: the last position
 *   known, where playing the file again can go on from
 */
gint64            bekal_player_get_position    (BekalPlayer *self);

/**
 * bekal_player_get_duration:
 * @self: a #BekalPlayer
 *
 * Returns: the duration in milliseconds; -1 when unknown
 */
gint64            bekal_player_get_duration    (BekalPlayer *self);

/**
 * bekal_player_has_video:
 * @self: a #BekalPlayer
 *
 * Returns: whether the file has a video stream
 */
gboolean          bekal_player_has_video       (BekalPlayer *self);

/**
 * bekal_player_get_path:
 * @self: a #BekalPlayer
 *
 * Returns: (transfer none) (nullable): the file opened, or %NULL
 */
const char       *bekal_player_get_path        (BekalPlayer *self);
/* The failure when the state is FAILED, else NULL; its message is meant for people */
const GError     *bekal_player_get_error       (BekalPlayer *self);

/**
 * bekal_player_get_missing_packages:
 * @self: a #BekalPlayer
 *
 * Returns: (transfer none) (array zero-terminated=1): the Debian packages that would let the
 *   failed file play; empty when not a codec problem
 */
const char * const *bekal_player_get_missing_packages (BekalPlayer *self);

/**
 * bekal_player_get_paintable:
 * @self: a #BekalPlayer
 *
 * Returns: (transfer none): the current video frame; empty until the first frame and for
 *   audio-only files
 */
GdkPaintable     *bekal_player_get_paintable   (BekalPlayer *self);

/**
 * bekal_player_get_n_frames:
 * @self: a #BekalPlayer
 *
 * Returns: the number of frames turned into textures since the player was created
 */
guint64           bekal_player_get_n_frames    (BekalPlayer *self);

/**
 * bekal_player_set_clock_sync:
 * @self: a #BekalPlayer
 * @sync: whether video frames wait for their time
 *
 * %TRUE by default. Benchmarks turn it off to measure decoding throughput. Takes effect at the
 * next bekal_player_open().
 */
void              bekal_player_set_clock_sync  (BekalPlayer *self,
                                                gboolean     sync);

/**
 * bekal_player_set_stall_timeout:
 * @self: a #BekalPlayer
 * @timeout_ms: how long playback may stand still, in milliseconds; 0 turns this off
 *
 * A player asked to play whose position stands still for @timeout_ms fails with
 * %BEKAL_PLAYER_ERROR_STALLED (default %BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS). Pausing stops the
 * count, buffering suspends it and a seek starts it again. The stalled pipeline is shut down on
 * a thread of its own: a read that hangs never freezes the caller.
 */
void              bekal_player_set_stall_timeout (BekalPlayer *self,
                                                  guint        timeout_ms);

G_END_DECLS
