/* bekal-player.c: plays one media file through a GStreamer playbin into a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include <bekal/bekal-media-probe.h>

#include "bekal-player.h"
#include "bekal-player-private.h"
#include "bekal-video-paintable.h"
#include "bekal-video-sink.h"

/* playbin's GstPlayFlags: video, audio, software volume. No subtitles (GTK draws them),
 * no visualisations. */
#define PLAY_FLAGS (0x1 | 0x2 | 0x10)

/* A file whose stream ends this much before its announced length was cut short */
#define TRUNCATION_MARGIN_MS 2000

/* The stall watchdog looks at the position a few times per timeout, at most twice a second */
#define WATCHDOG_MIN_INTERVAL_MS 50
#define WATCHDOG_MAX_INTERVAL_MS 500
/* The watchdog's first look after a restart has nothing to compare with */
#define NOT_WATCHED_YET G_MININT64

/* decodebin's GstAutoplugSelectResult, which is not public API */
enum
{
  AUTOPLUG_SELECT_TRY,
  AUTOPLUG_SELECT_EXPOSE,
  AUTOPLUG_SELECT_SKIP,
};

/* What typefind may find in a file Bekal plays: the containers and bare streams of
 * bekal_media_check_container(), and the tags that may come first */
static const char * const allowed_file_types[] = {
  "video/webm", "audio/webm", "video/x-matroska", "audio/x-matroska", "video/x-matroska-3d",
  "application/ogg", "audio/ogg", "video/ogg", "video/quicktime", "audio/x-m4a",
  "audio/x-wav", "audio/mpeg", "audio/x-flac", "application/x-id3", "application/x-apetag",
  NULL,
};

struct _BekalPlayer
{
  GObject              parent_instance;

  GstElement          *playbin;
  GstElement          *video_sink;
  GstElement          *audio_filter;
  GSource             *bus_watch;  /* on the context the player was created in */
  BekalVideoPaintable *paintable;
  GMainContext        *context;

  char                *path;
  gboolean             path_is_fifo;
  BekalPlayerState     state;
  GstState             target;
  gboolean             prerolled;
  gint64               duration_ms;
  gint64               last_position_ms;
  gint64               pending_seek_ms;
  double               rate;
  double               volume;
  gboolean             muted;
  gboolean             has_video;
  gboolean             clock_sync;

  /* stall watchdog */
  guint                stall_timeout_ms;
  GSource             *watchdog;
  gboolean             buffering;
  gint64               watched_position_ms; /* the position when it last moved */
  gint64               moved_at_us;         /* and when that was seen */
  gboolean             stuck;               /* the last look found it standing still */

  GError              *error;
  GPtrArray           *missing_packages;     /* NULL-terminated */
  GPtrArray           *missing_descriptions; /* description, package, description, ... */
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_DURATION,
  PROP_RATE,
  PROP_VOLUME,
  PROP_MUTED,
  PROP_HAS_VIDEO,
  PROP_PAINTABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Stalled pipelines being shut down on threads of their own, of every player */
static GMutex releasing_lock;
static GCond  releasing_cond;
static guint  n_releasing;

static gboolean on_watchdog_tick (gpointer user_data);

G_DEFINE_FINAL_TYPE (BekalPlayer, bekal_player, G_TYPE_OBJECT)

G_DEFINE_QUARK (bekal-player-error-quark, bekal_player_error)

/* Helpers */

/* Keeps what the last looks found: only movement tells that playback is not stuck */
static void
restart_stall_count (BekalPlayer *self)
{
  self->watched_position_ms = NOT_WATCHED_YET;
  self->moved_at_us = g_get_monotonic_time ();
}

static void
stop_watchdog (BekalPlayer *self)
{
  if (self->watchdog == NULL)
    return;
  g_source_destroy (self->watchdog);
  g_clear_pointer (&self->watchdog, g_source_unref);
}

/* The watchdog runs while the player is asked to play (also while it still loads or resumes);
 * a player paused by the learner, or at the end, is never watched */
static void
update_watchdog (BekalPlayer *self)
{
  gboolean wanted = self->playbin != NULL && self->stall_timeout_ms > 0
                    && self->target == GST_STATE_PLAYING
                    && (self->state == BEKAL_PLAYER_STATE_LOADING
                        || self->state == BEKAL_PLAYER_STATE_PAUSED
                        || self->state == BEKAL_PLAYER_STATE_PLAYING);

  if (!wanted)
    stop_watchdog (self);
  else if (self->watchdog == NULL)
    {
      guint interval = CLAMP (self->stall_timeout_ms / 4, WATCHDOG_MIN_INTERVAL_MS,
                              WATCHDOG_MAX_INTERVAL_MS);

      restart_stall_count (self);
      self->watchdog = g_timeout_source_new (interval);
      g_source_set_callback (self->watchdog, on_watchdog_tick, self, NULL);
      g_source_set_static_name (self->watchdog, "[bekal] stall watchdog");
      g_source_attach (self->watchdog, self->context);
    }
}

static void
set_state (BekalPlayer      *self,
           BekalPlayerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  /* at the end the whole file was read; after a failure the pipeline has stopped already */
  if (state == BEKAL_PLAYER_STATE_ENDED || state == BEKAL_PLAYER_STATE_FAILED)
    self->stuck = FALSE;
  update_watchdog (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
count_releases (int change)
{
  g_mutex_lock (&releasing_lock);
  n_releasing += change;
  g_cond_broadcast (&releasing_cond);
  g_mutex_unlock (&releasing_lock);
}

static gpointer
release_in_background (gpointer data)
{
  GstElement *playbin = data;

  /* waits for the streaming threads, and so for a read that hangs to return */
  gst_element_set_state (playbin, GST_STATE_NULL);
  gst_object_unref (playbin);
  count_releases (-1);

  return NULL;
}

/* Stops the pipeline and forgets it. @in_background: it may hang in a read, so a thread of its
 * own waits for it; nothing of the pipeline calls back into the player afterwards. */
static void
release_pipeline (BekalPlayer *self,
                  gboolean     in_background)
{
  g_autoptr(GError) error = NULL;
  GstElement *playbin;
  GThread *thread;

  if (self->bus_watch != NULL)
    {
      g_source_destroy (self->bus_watch);
      g_clear_pointer (&self->bus_watch, g_source_unref);
    }
  stop_watchdog (self);
  if (self->playbin == NULL)
    return;

  playbin = g_steal_pointer (&self->playbin);
  g_signal_handlers_disconnect_by_data (playbin, self);
  /* the paintable stays with the player, for its next file */
  if (self->video_sink)
    bekal_video_sink_detach (BEKAL_VIDEO_SINK (self->video_sink));
  g_clear_object (&self->video_sink);
  g_clear_object (&self->audio_filter);

  if (!in_background)
    {
      gst_element_set_state (playbin, GST_STATE_NULL);
      gst_object_unref (playbin);
      return;
    }

  count_releases (+1);
  thread = g_thread_try_new ("bekal-release", release_in_background, playbin, &error);
  if (thread == NULL)
    {
      /* leaving the pipeline as it is costs memory; waiting for it could freeze the window */
      g_warning ("A stalled pipeline cannot be shut down: %s", error->message);
      count_releases (-1);
      return;
    }
  g_thread_unref (thread);
}

static char *
format_time (gint64 ms)
{
  gint64 seconds = MAX (ms, 0) / 1000;

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* Opening a FIFO waits for a writer, and the pipeline opens its file during state changes, in
 * this thread (again after a failed change). A write end of our own is held meanwhile, so that
 * the open cannot wait; a FIFO that nobody else writes to then reads as empty. */
static void
change_state (BekalPlayer *self,
              GstState     state)
{
  int writer = -1;

  if (self->path_is_fifo)
    writer = g_open (self->path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
  /* a failure is explained by the error message on the bus */
  gst_element_set_state (self->playbin, state);
  if (writer >= 0)
    g_close (writer, NULL);
}

static void
reset_missing (BekalPlayer *self)
{
  g_ptr_array_set_size (self->missing_packages, 0);
  g_ptr_array_add (self->missing_packages, NULL);
  g_ptr_array_set_size (self->missing_descriptions, 0);
}

static void
add_missing_package (BekalPlayer *self,
                     const char  *package)
{
  for (guint i = 0; i + 1 < self->missing_packages->len; i++)
    if (g_str_equal (g_ptr_array_index (self->missing_packages, i), package))
      return;
  g_ptr_array_insert (self->missing_packages, (int) self->missing_packages->len - 1,
                      g_strdup (package));
}

/* Stops the pipeline cleanly and reports @code; later failures are ignored */
static void
fail (BekalPlayer *self,
      int          code,
      const char  *message)
{
  if (self->state == BEKAL_PLAYER_STATE_FAILED)
    return;

  g_clear_error (&self->error);
  self->error = g_error_new_literal (BEKAL_PLAYER_ERROR, code, message);
  self->target = GST_STATE_NULL;
  if (self->playbin)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  set_state (self, BEKAL_PLAYER_STATE_FAILED);
}

/* The pipeline is left to a thread of its own: stopping it here would wait for the read that
 * hangs */
static void
fail_stalled (BekalPlayer *self)
{
  g_autofree char *display_name = g_filename_display_name (self->path ? self->path : "");
  g_autofree char *text =
    g_strdup_printf (_("Playback stopped because the media file “%s” could not be read any "
                       "more. Check that the USB stick or network folder that holds it is "
                       "still connected, then try again."), display_name);

  g_debug ("no progress for %u ms at %" G_GINT64_FORMAT " ms", self->stall_timeout_ms,
           self->last_position_ms);
  g_clear_error (&self->error);
  self->error = g_error_new_literal (BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_STALLED, text);
  self->target = GST_STATE_NULL;
  release_pipeline (self, TRUE);
  set_state (self, BEKAL_PLAYER_STATE_FAILED);
}

static void
fail_missing_plugins (BekalPlayer *self)
{
  g_autoptr(GString) message = g_string_new (_("This recording cannot be played on this "
                                               "computer because a part of GStreamer is not "
                                               "installed."));

  /* descriptions and their packages ("" when unknown) alternate in missing_descriptions */
  for (guint i = 0; i + 1 < self->missing_descriptions->len; i += 2)
    {
      const char *description = g_ptr_array_index (self->missing_descriptions, i);
      const char *package = g_ptr_array_index (self->missing_descriptions, i + 1);
      g_autofree char *sentence = bekal_media_describe_missing (description,
                                                                package[0] ? package : NULL);

      g_string_append_c (message, ' ');
      g_string_append (message, sentence);
    }
  g_string_append_c (message, ' ');
  g_string_append (message, _("Then open Bekal again. Until then, the transcript has what is "
                              "said."));

  fail (self, BEKAL_PLAYER_ERROR_MISSING_PLUGIN, message->str);
}

static void
record_missing (BekalPlayer *self,
                const char  *description,
                const char  *package)
{
  g_ptr_array_add (self->missing_descriptions, g_strdup (description ? description : ""));
  g_ptr_array_add (self->missing_descriptions, g_strdup (package ? package : ""));
  if (package)
    add_missing_package (self, package);
}

static void
update_duration (BekalPlayer *self)
{
  gint64 duration = 0;

  if (self->playbin == NULL
      || !gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration)
      || duration <= 0)
    return;

  if (self->duration_ms != duration / GST_MSECOND)
    {
      self->duration_ms = duration / GST_MSECOND;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
}

static void
apply_seek (BekalPlayer *self,
            gint64       position_ms)
{
  /* a seek takes a moment before the position moves again */
  restart_stall_count (self);
  self->last_position_ms = position_ms;
  gst_element_seek (self->playbin, self->rate, GST_FORMAT_TIME,
                    GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                    GST_SEEK_TYPE_SET, position_ms * GST_MSECOND,
                    GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE);
}

static GstElement *
create_audio_sink (gboolean sync)
{
  const char *description = g_getenv (BEKAL_PLAYER_AUDIO_SINK_ENV);
  g_autoptr(GError) error = NULL;
  GstElement *sink;

  if (description == NULL || description[0] == '\0')
    return NULL;

  if (strpbrk (description, " !=") != NULL)
    sink = gst_parse_bin_from_description (description, TRUE, &error);
  else
    sink = gst_element_factory_make (description, NULL);

  if (sink == NULL)
    {
      g_warning ("%s=%s cannot be used: %s", BEKAL_PLAYER_AUDIO_SINK_ENV, description,
                 error ? error->message : "no such element");
      return NULL;
    }

  /* a fake output still keeps time, so that tests play at the real speed */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (sink), "sync"))
    g_object_set (sink, "sync", sync, NULL);

  return sink;
}

static void
handle_error (BekalPlayer *self,
              GstMessage  *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;
  g_autofree char *display_name = g_filename_display_name (self->path ? self->path : "");
  g_autofree char *text = NULL;

  gst_message_parse_error (message, &error, &debug);
  g_debug ("playback error from %s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
           error->message, debug ? debug : "");

  /* on_element_setup() refused a source for another file or address */
  if (g_error_matches (error, BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_FAILED))
    {
      text = g_strdup_printf (_("The media file “%s” points to another file or address instead "
                                "of holding a recording, and Bekal never follows it. Tell your "
                                "trainer; the rest of the lesson still works."), display_name);
      fail (self, BEKAL_PLAYER_ERROR_DAMAGED, text);
      return;
    }

  /* on_decoder_input() refused a picture size: the message says which and what to do */
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_FAILED)
      && g_strcmp0 (debug, "refused by Bekal") == 0)
    {
      text = g_strdup_printf (_("%s Tell your trainer; the rest of the lesson still works."),
                              error->message);
      fail (self, BEKAL_PLAYER_ERROR_DAMAGED, text);
      return;
    }

  /* on_autoplug_continue() or on_autoplug_select() refused what typefind found: the message
   * is the type */
  if (error->domain == BEKAL_PLAYER_ERROR)
    {
      text = g_strdup_printf (_("The media file “%s” is not a recording Bekal plays (it holds "
                                "%s). It may be a playlist or a link to another file or "
                                "address, which Bekal never opens. Tell your trainer; the rest "
                                "of the lesson still works."), display_name, error->message);
      fail (self, BEKAL_PLAYER_ERROR_DAMAGED, text);
      return;
    }

  if (self->missing_descriptions->len > 0
      || g_error_matches (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN)
      || g_error_matches (error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND))
    {
      if (self->missing_descriptions->len == 0)
        record_missing (self, error->message, NULL);
      fail_missing_plugins (self);
      return;
    }

  if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND)
      || g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ)
      || g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ))
    {
      text = g_strdup_printf (_("The media file “%s” cannot be opened: %s"), display_name,
                              error->message);
      fail (self, BEKAL_PLAYER_ERROR_NOT_FOUND, text);
      return;
    }

  if (error->domain == GST_STREAM_ERROR)
    {
      text = g_strdup_printf (_("The media file “%s” is damaged or is not a recording Bekal can "
                                "read, so playback stopped. Tell your trainer; the rest of the "
                                "lesson still works."), display_name);
      fail (self, BEKAL_PLAYER_ERROR_DAMAGED, text);
      return;
    }

  text = g_strdup_printf (_("Playback stopped: %s"), error->message);
  fail (self, BEKAL_PLAYER_ERROR_FAILED, text);
}

static void
handle_eos (BekalPlayer *self)
{
  GstElement *reference = self->has_video ? self->video_sink : self->playbin;
  gint64 position = 0;

  /* the video sink knows where the stream really stopped; the audio sink's segment is
   * rewritten by scaletempo when the rate is not 1 */
  if (gst_element_query_position (reference, GST_FORMAT_TIME, &position) && position > 0)
    self->last_position_ms = position / GST_MSECOND;

  if (self->duration_ms > 0
      && self->last_position_ms + TRUNCATION_MARGIN_MS < self->duration_ms)
    {
      g_autofree char *display_name = g_filename_display_name (self->path);
      g_autofree char *at = format_time (self->last_position_ms);
      g_autofree char *length = format_time (self->duration_ms);
      g_autofree char *text =
        g_strdup_printf (_("The media file “%s” ends at %s although it should last %s: it was "
                           "probably cut short while being copied. Tell your trainer; the rest "
                           "of the lesson still works."), display_name, at, length);

      fail (self, BEKAL_PLAYER_ERROR_DAMAGED, text);
      return;
    }

  if (self->duration_ms > 0)
    self->last_position_ms = self->duration_ms;
  self->target = GST_STATE_PAUSED;
  change_state (self, GST_STATE_PAUSED);
  set_state (self, BEKAL_PLAYER_STATE_ENDED);
}

/* Runs in a worker thread: see bekal_player_init_in_background() */
static void
init_gstreamer_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  /* gst_init_check() holds a lock, so a bekal_player_new() meanwhile waits for this one */
  if (!gst_init_check (NULL, NULL, &error))
    g_debug ("GStreamer could not start: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static gboolean
on_watchdog_tick (gpointer user_data)
{
  BekalPlayer *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 position;

  /* waiting for data that is on its way is not a stall */
  if (self->buffering)
    {
      restart_stall_count (self);
      return G_SOURCE_CONTINUE;
    }

  position = bekal_player_get_position (self);
  if (self->watched_position_ms == NOT_WATCHED_YET)
    {
      self->watched_position_ms = position;
      return G_SOURCE_CONTINUE;
    }
  if (position != self->watched_position_ms)
    {
      self->watched_position_ms = position;
      self->moved_at_us = now;
      self->stuck = FALSE;
      return G_SOURCE_CONTINUE;
    }

  self->stuck = TRUE;
  if (now - self->moved_at_us >= (gint64) self->stall_timeout_ms * 1000)
    fail_stalled (self);

  return G_SOURCE_CONTINUE;
}

/* Refusals are posted as errors, before GStreamer's own messages (a missing plugin, a file
 * not found); handle_error() explains them. DAMAGED: the message is the type refused; FAILED:
 * a source element for another file or address. */
static void
post_refusal (GstElement *bin,
              int         code,
              const char *type)
{
  GError *error = g_error_new_literal (BEKAL_PLAYER_ERROR, code, type);

  gst_element_post_message (bin, gst_message_new_error (GST_OBJECT (bin), error,
                                                        "refused by Bekal"));
  g_error_free (error);
}

/* A media file can never make GStreamer open another file or address: what typefind finds
 * first must be a container Bekal plays (not a playlist, an HLS or DASH manifest, an SDP
 * description or an image), checked here before decodebin looks for an element to handle it.
 * Runs in a streaming thread and needs nothing of the player. */
static gboolean
on_autoplug_continue (GstElement *bin,
                      GstPad     *pad,
                      GstCaps    *caps,
                      gpointer    user_data)
{
  /* decodebin hands over its own ghost pad for the pad of the element that found @caps */
  g_autoptr(GstPad) target = GST_IS_GHOST_PAD (pad) ? gst_ghost_pad_get_target (GST_GHOST_PAD (pad))
                                                     : NULL;
  g_autoptr(GstElement) parent = gst_pad_get_parent_element (target ? target : pad);
  GstElementFactory *factory = parent ? gst_element_get_factory (parent) : NULL;
  const GstStructure *structure = gst_caps_get_size (caps) > 0
                                  ? gst_caps_get_structure (caps, 0) : NULL;
  const char *type = structure ? gst_structure_get_name (structure) : "?";

  if (factory == NULL
      || g_strcmp0 (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)), "typefind") != 0
      || g_strv_contains (allowed_file_types, type))
    return TRUE;

  g_debug ("refusing a file of type %s", type);
  post_refusal (bin, BEKAL_PLAYER_ERROR_DAMAGED, type);

  return FALSE;
}

/* and no element that fetches from a network (adaptive and network demuxers) is ever chosen,
 * at any stage */
static int
on_autoplug_select (GstElement        *bin,
                    GstPad            *pad,
                    GstCaps           *caps,
                    GstElementFactory *factory,
                    gpointer           user_data)
{
  const char *klass = gst_element_factory_get_metadata (factory, GST_ELEMENT_METADATA_KLASS);

  if (klass == NULL || (strstr (klass, "Adaptive") == NULL && strstr (klass, "Network") == NULL))
    return AUTOPLUG_SELECT_TRY;

  g_debug ("refusing %s", gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)));
  post_refusal (bin, BEKAL_PLAYER_ERROR_DAMAGED,
                gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)));

  return AUTOPLUG_SELECT_SKIP;
}

/* playbin retries a failed file with the address of a redirect message (a QuickTime
 * reference movie, for one): any source but the one for the player's own file is refused, and
 * left without a location before it can open one (uridecodebin starts a source to query it
 * before adding it anywhere, so this is the only moment) */
static void
on_source_setup (GstElement *playbin,
                 GstElement *source,
                 gpointer    user_data)
{
  const char *own = g_object_get_data (G_OBJECT (playbin), "bekal-uri");
  g_autofree char *uri = GST_IS_URI_HANDLER (source)
                         ? gst_uri_handler_get_uri (GST_URI_HANDLER (source)) : NULL;

  if (own != NULL && uri != NULL && g_str_equal (own, uri))
    return;

  g_debug ("refusing a source for %s", uri ? uri : "?");
  post_refusal (source, BEKAL_PLAYER_ERROR_FAILED, uri ? uri : "?");
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (source), "location"))
    g_object_set (source, "location", NULL, NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (source), "uri"))
    g_object_set (source, "uri", NULL, NULL);
}

/* In front of a video decoder: a picture size it would allocate gigabytes for is refused
 * before it sees the stream (bekal_media_check_frame() reads the caps and the frame headers,
 * decoding nothing). Runs in a streaming thread. */
static GstPadProbeReturn
on_decoder_input (GstPad          *pad,
                  GstPadProbeInfo *info,
                  gpointer         user_data)
{
  const char *name = user_data;
  g_autoptr(GError) refusal = NULL;
  g_autoptr(GstCaps) current = NULL;
  gboolean ok;

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    {
      current = gst_pad_get_current_caps (pad);
      ok = bekal_media_check_frame (name, current, GST_PAD_PROBE_INFO_BUFFER (info), &refusal);
    }
  else
    {
      GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
      GstCaps *caps = NULL;

      if (GST_EVENT_TYPE (event) != GST_EVENT_CAPS)
        return GST_PAD_PROBE_OK;
      gst_event_parse_caps (event, &caps);
      ok = bekal_media_check_frame (name, caps, NULL, &refusal);
    }

  if (ok)
    return GST_PAD_PROBE_OK;

  {
    g_autoptr(GstElement) decoder = gst_pad_get_parent_element (pad);

    if (decoder != NULL)
      gst_element_post_message (decoder, gst_message_new_error (GST_OBJECT (decoder), refusal,
                                                                "refused by Bekal"));
  }
  return GST_PAD_PROBE_DROP;
}

static void
guard_decoder (BekalPlayer *self,
               GstElement  *element)
{
  GstElementFactory *factory = gst_element_get_factory (element);
  const char *klass = factory ? gst_element_factory_get_metadata (factory,
                                                                  GST_ELEMENT_METADATA_KLASS)
                              : NULL;
  g_autoptr(GstPad) sink = NULL;

  if (klass == NULL || strstr (klass, "Decoder") == NULL
      || (strstr (klass, "Video") == NULL && strstr (klass, "Image") == NULL))
    return;

  sink = gst_element_get_static_pad (element, "sink");
  if (sink != NULL)
    gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                       on_decoder_input,
                       g_filename_display_basename (self->path ? self->path : ""), g_free);
}

/* Converting every frame to RGBA for GDK is the engine's main cost on top of decoding:
 * spread it over the processor's cores. The decoding bin gets its guard against playlists. */
static void
on_element_setup (GstElement *playbin,
                  GstElement *element,
                  gpointer    user_data)
{
  GstElementFactory *factory = gst_element_get_factory (element);
  const char *name = factory ? gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)) : NULL;

  guard_decoder (BEKAL_PLAYER (user_data), element);

  if (g_strcmp0 (name, "videoconvert") == 0 || g_strcmp0 (name, "videoscale") == 0
      || g_strcmp0 (name, "videoconvertscale") == 0)
    g_object_set (element, "n-threads", MIN (g_get_num_processors (), 4), NULL);
  else if (g_strcmp0 (name, "uridecodebin") == 0)
    {
      g_signal_connect (element, "autoplug-continue", G_CALLBACK (on_autoplug_continue), NULL);
      g_signal_connect (element, "autoplug-select", G_CALLBACK (on_autoplug_select), NULL);
    }
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  BekalPlayer *self = user_data;

  if (self->state == BEKAL_PLAYER_STATE_FAILED)
    return G_SOURCE_CONTINUE;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      handle_error (self, message);
      break;

    case GST_MESSAGE_EOS:
      handle_eos (self);
      break;

    case GST_MESSAGE_ELEMENT:
      /* a QuickTime reference movie, for one, names another file or address to play instead:
       * Bekal never follows it */
      if (gst_message_has_name (message, "redirect"))
        {
          g_autofree char *display_name = g_filename_display_name (self->path ? self->path : "");
          g_autofree char *text =
            g_strdup_printf (_("The media file “%s” points to another file or address instead "
                               "of holding a recording, and Bekal never follows it. Tell your "
                               "trainer; the rest of the lesson still works."), display_name);

          fail (self, BEKAL_PLAYER_ERROR_DAMAGED, text);
        }
      else if (gst_is_missing_plugin_message (message))
        {
          g_autofree char *detail = gst_missing_plugin_message_get_installer_detail (message);
          g_autofree char *description = gst_missing_plugin_message_get_description (message);
          const char *package = detail ? bekal_media_package_for_detail (detail) : NULL;

          record_missing (self, description, package);
          /* a lesson recording without its picture or its sound is of no use */
          fail_missing_plugins (self);
        }
      break;

    case GST_MESSAGE_DURATION_CHANGED:
      update_duration (self);
      break;

    case GST_MESSAGE_BUFFERING:
      {
        int percent = 100;

        gst_message_parse_buffering (message, &percent);
        self->buffering = percent < 100;
        restart_stall_count (self);
        break;
      }

    case GST_MESSAGE_ASYNC_DONE:
      {
        int n_video = 0;

        self->prerolled = TRUE;
        update_duration (self);
        g_object_get (self->playbin, "n-video", &n_video, NULL);
        if (self->has_video != (n_video > 0))
          {
            self->has_video = n_video > 0;
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_VIDEO]);
          }
        if (self->pending_seek_ms >= 0)
          {
            gint64 position = self->pending_seek_ms;

            self->pending_seek_ms = -1;
            apply_seek (self, position);
          }
        else if (self->rate != 1.0 && self->state == BEKAL_PLAYER_STATE_LOADING)
          apply_seek (self, 0);
        if (self->state == BEKAL_PLAYER_STATE_LOADING && self->target == GST_STATE_PAUSED)
          set_state (self, BEKAL_PLAYER_STATE_PAUSED);
        break;
      }

    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->playbin))
        {
          GstState new_state;

          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING && self->target == GST_STATE_PLAYING)
            set_state (self, BEKAL_PLAYER_STATE_PLAYING);
          else if (new_state == GST_STATE_PAUSED && self->target == GST_STATE_PAUSED
                   && self->prerolled && self->state != BEKAL_PLAYER_STATE_ENDED)
            set_state (self, BEKAL_PLAYER_STATE_PAUSED);
        }
      break;

    case GST_MESSAGE_WARNING:
      {
        g_autoptr(GError) error = NULL;

        gst_message_parse_warning (message, &error, NULL);
        g_debug ("playback warning: %s", error->message);
        break;
      }

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* Overrides */

static void
bekal_player_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BekalPlayer *self = BEKAL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration_ms);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;
    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;
    case PROP_HAS_VIDEO:
      g_value_set_boolean (value, self->has_video);
      break;
    case PROP_PAINTABLE:
      g_value_set_object (value, self->paintable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_player_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BekalPlayer *self = BEKAL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_RATE:
      bekal_player_set_rate (self, g_value_get_double (value));
      break;
    case PROP_VOLUME:
      bekal_player_set_volume (self, g_value_get_double (value));
      break;
    case PROP_MUTED:
      bekal_player_set_muted (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_player_dispose (GObject *object)
{
  BekalPlayer *self = BEKAL_PLAYER (object);

  bekal_player_close (self);
  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (bekal_player_parent_class)->dispose (object);
}

static void
bekal_player_finalize (GObject *object)
{
  BekalPlayer *self = BEKAL_PLAYER (object);

  g_clear_error (&self->error);
  g_free (self->path);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->missing_packages);
  g_ptr_array_unref (self->missing_descriptions);

  G_OBJECT_CLASS (bekal_player_parent_class)->finalize (object);
}

static void
bekal_player_class_init (BekalPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bekal_player_get_property;
  object_class->set_property = bekal_player_set_property;
  object_class->dispose = bekal_player_dispose;
  object_class->finalize = bekal_player_finalize;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BEKAL_TYPE_PLAYER_STATE, BEKAL_PLAYER_STATE_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, BEKAL_PLAYER_MIN_RATE, BEKAL_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_VIDEO] =
    g_param_spec_boolean ("has-video", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bekal_player_init (BekalPlayer *self)
{
  self->paintable = bekal_video_paintable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->stall_timeout_ms = BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS;
  self->duration_ms = -1;
  self->last_position_ms = -1;
  self->pending_seek_ms = -1;
  self->rate = 1.0;
  self->volume = 1.0;
  self->clock_sync = TRUE;
  self->missing_packages = g_ptr_array_new_with_free_func (g_free);
  self->missing_descriptions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->missing_packages, NULL);
}

/* Public API */

void
bekal_player_init_in_background (void)
{
  static gsize started = 0;
  g_autoptr(GTask) task = NULL;

  if (gst_is_initialized () || !g_once_init_enter (&started))
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, bekal_player_init_in_background);
  g_task_run_in_thread (task, init_gstreamer_in_thread);
  g_once_init_leave (&started, 1);
}

BekalPlayer *
bekal_player_new (void)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  return g_object_new (BEKAL_TYPE_PLAYER, NULL);
}

gboolean
bekal_player_open (BekalPlayer  *self,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *display_name = NULL;
  char *own_path;
  GStatBuf info;
  GstElement *audio_sink;

  g_return_val_if_fail (BEKAL_IS_PLAYER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* copied first: @path may be the current one, which closing frees */
  own_path = g_strdup (path);
  bekal_player_close (self);
  self->path = own_path;
  path = own_path;
  display_name = g_filename_display_name (path);

  if (g_stat (path, &info) != 0 || !(S_ISREG (info.st_mode) || S_ISFIFO (info.st_mode)))
    {
      g_autofree char *text =
        g_strdup_printf (_("The media file “%s” was not found. Tell your trainer: it has to be "
                           "copied into a media folder."), display_name);

      fail (self, BEKAL_PLAYER_ERROR_NOT_FOUND, text);
      if (error)
        *error = g_error_copy (self->error);
      return FALSE;
    }

  self->path_is_fifo = S_ISFIFO (info.st_mode);

  /* a file that does not start as a recording (an image, text, a playlist, an SDP
   * description) never reaches GStreamer; a FIFO cannot be looked at without being consumed,
   * on_autoplug_select() guards it */
  if (!self->path_is_fifo)
    {
      g_autoptr(GError) refusal = NULL;

      if (!bekal_media_check_container (path, &refusal))
        {
          g_autofree char *text =
            g_strdup_printf (_("%s Tell your trainer; the rest of the lesson still works."),
                             refusal->message);
          gboolean gone = g_error_matches (refusal, G_FILE_ERROR, G_FILE_ERROR_NOENT);

          fail (self, gone ? BEKAL_PLAYER_ERROR_NOT_FOUND : BEKAL_PLAYER_ERROR_DAMAGED, text);
          /* like the pipeline's failures, a refusal arrives as state FAILED; only a file that
           * is not there fails the call */
          if (gone && error)
            *error = g_error_copy (self->error);
          return !gone;
        }
    }

  uri = gst_filename_to_uri (path, error);
  if (uri == NULL)
    return FALSE;

  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      g_autofree char *sentence = bekal_media_describe_missing ("playbin",
                                                                "gstreamer1.0-plugins-base");

      fail (self, BEKAL_PLAYER_ERROR_MISSING_PLUGIN, sentence);
      if (error)
        *error = g_error_copy (self->error);
      return FALSE;
    }
  gst_object_ref_sink (self->playbin);

  self->video_sink = gst_object_ref_sink (bekal_video_sink_new (self->paintable));
  g_object_set (self->video_sink, "sync", self->clock_sync, NULL);
  audio_sink = create_audio_sink (self->clock_sync);
  /* scaletempo keeps voices at their pitch when the rate changes */
  self->audio_filter = gst_element_factory_make ("scaletempo", NULL);
  if (self->audio_filter)
    gst_object_ref_sink (self->audio_filter);

  g_object_set (self->playbin,
                "uri", uri,
                "flags", PLAY_FLAGS,
                "video-sink", self->video_sink,
                "volume", self->volume * self->volume * self->volume,
                "mute", self->muted,
                NULL);
  if (audio_sink)
    g_object_set (self->playbin, "audio-sink", audio_sink, NULL);
  if (self->audio_filter)
    g_object_set (self->playbin, "audio-filter", self->audio_filter, NULL);

  /* the only address the pipeline may open, for on_element_setup() */
  g_object_set_data_full (G_OBJECT (self->playbin), "bekal-uri", g_strdup (uri), g_free);
  g_signal_connect (self->playbin, "element-setup", G_CALLBACK (on_element_setup), self);
  g_signal_connect (self->playbin, "source-setup", G_CALLBACK (on_source_setup), self);

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_watch, G_SOURCE_FUNC (on_bus_message), self, NULL);
  g_source_attach (self->bus_watch, self->context);

  self->target = GST_STATE_PAUSED;
  set_state (self, BEKAL_PLAYER_STATE_LOADING);
  change_state (self, GST_STATE_PAUSED);

  return TRUE;
}

void
bekal_player_close (BekalPlayer *self)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  /* playback that the watchdog last saw standing still, paused since or not, may be hanging in
   * a read */
  release_pipeline (self, self->stuck);
  self->stuck = FALSE;
  g_clear_pointer (&self->path, g_free);
  self->path_is_fifo = FALSE;
  g_clear_error (&self->error);
  reset_missing (self);
  bekal_video_paintable_clear (self->paintable);

  self->target = GST_STATE_NULL;
  self->prerolled = FALSE;
  self->buffering = FALSE;
  self->last_position_ms = -1;
  self->pending_seek_ms = -1;
  if (self->duration_ms != -1)
    {
      self->duration_ms = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  if (self->has_video)
    {
      self->has_video = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_VIDEO]);
    }
  set_state (self, BEKAL_PLAYER_STATE_EMPTY);
}

void
bekal_player_play (BekalPlayer *self)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  if (self->playbin == NULL || self->state == BEKAL_PLAYER_STATE_FAILED)
    return;

  if (self->state == BEKAL_PLAYER_STATE_ENDED)
    {
      apply_seek (self, 0);
      set_state (self, BEKAL_PLAYER_STATE_PAUSED);
    }

  self->target = GST_STATE_PLAYING;
  update_watchdog (self);
  change_state (self, GST_STATE_PLAYING);
}

void
bekal_player_pause (BekalPlayer *self)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  if (self->playbin == NULL || self->state == BEKAL_PLAYER_STATE_FAILED
      || self->state == BEKAL_PLAYER_STATE_ENDED)
    return;

  self->target = GST_STATE_PAUSED;
  update_watchdog (self);
  change_state (self, GST_STATE_PAUSED);
  if (self->prerolled)
    set_state (self, BEKAL_PLAYER_STATE_PAUSED);
}

void
bekal_player_seek (BekalPlayer *self,
                   gint64       position_ms)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  if (self->playbin == NULL || self->state == BEKAL_PLAYER_STATE_FAILED)
    return;

  position_ms = MAX (position_ms, 0);
  if (self->duration_ms > 0)
    position_ms = MIN (position_ms, self->duration_ms);

  if (!self->prerolled)
    {
      self->pending_seek_ms = position_ms;
      self->last_position_ms = position_ms;
      return;
    }

  apply_seek (self, position_ms);
  if (self->state == BEKAL_PLAYER_STATE_ENDED)
    {
      self->target = GST_STATE_PAUSED;
      set_state (self, BEKAL_PLAYER_STATE_PAUSED);
    }
}

void
bekal_player_set_rate (BekalPlayer *self,
                       double       rate)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  rate = CLAMP (rate, BEKAL_PLAYER_MIN_RATE, BEKAL_PLAYER_MAX_RATE);
  if (rate == self->rate)
    return;

  self->rate = rate;
  if (self->playbin && self->prerolled && self->state != BEKAL_PLAYER_STATE_FAILED)
    {
      gint64 position = bekal_player_get_position (self);

      apply_seek (self, MAX (position, 0));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

double
bekal_player_get_rate (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), 1.0);

  return self->rate;
}

double
bekal_player_query_rate (BekalPlayer *self)
{
  g_autoptr(GstQuery) query = NULL;
  double rate = 0.0;

  g_return_val_if_fail (BEKAL_IS_PLAYER (self), 0.0);

  if (self->playbin == NULL)
    return 0.0;

  /* scaletempo turns the audio segment's rate into an applied rate, so ask the video sink
   * when there is video and otherwise the segment that reached scaletempo */
  if (self->has_video)
    {
      query = gst_query_new_segment (GST_FORMAT_TIME);
      if (gst_element_query (self->video_sink, query))
        gst_query_parse_segment (query, &rate, NULL, NULL, NULL);
    }
  else if (self->audio_filter)
    {
      g_autoptr(GstPad) pad = gst_element_get_static_pad (self->audio_filter, "sink");
      g_autoptr(GstEvent) event = pad ? gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0)
                                      : NULL;
      const GstSegment *segment = NULL;

      if (event)
        {
          gst_event_parse_segment (event, &segment);
          rate = segment->rate * segment->applied_rate;
        }
    }

  return rate;
}

void
bekal_player_set_volume (BekalPlayer *self,
                         double       volume)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (volume == self->volume)
    return;

  self->volume = volume;
  if (self->playbin)
    g_object_set (self->playbin, "volume", volume * volume * volume, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

double
bekal_player_get_volume (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), 0.0);

  return self->volume;
}

void
bekal_player_set_muted (BekalPlayer *self,
                        gboolean     muted)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  muted = !!muted;
  if (muted == self->muted)
    return;

  self->muted = muted;
  if (self->playbin)
    g_object_set (self->playbin, "mute", muted, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

gboolean
bekal_player_get_muted (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), FALSE);

  return self->muted;
}

BekalPlayerState
bekal_player_get_state (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), BEKAL_PLAYER_STATE_EMPTY);

  return self->state;
}

gint64
bekal_player_get_position (BekalPlayer *self)
{
  gint64 position = 0;

  g_return_val_if_fail (BEKAL_IS_PLAYER (self), -1);

  if (self->playbin == NULL || self->state == BEKAL_PLAYER_STATE_FAILED)
    return self->last_position_ms;
  if (self->pending_seek_ms >= 0 || self->state == BEKAL_PLAYER_STATE_ENDED)
    return self->last_position_ms;

  if (gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position) && position >= 0)
    self->last_position_ms = position / GST_MSECOND;

  return self->last_position_ms;
}

gint64
bekal_player_get_duration (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), -1);

  return self->duration_ms;
}

gboolean
bekal_player_has_video (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), FALSE);

  return self->has_video;
}

const char *
bekal_player_get_path (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), NULL);

  return self->path;
}

const GError *
bekal_player_get_error (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), NULL);

  return self->state == BEKAL_PLAYER_STATE_FAILED ? self->error : NULL;
}

const char * const *
bekal_player_get_missing_packages (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), NULL);

  return (const char * const *) self->missing_packages->pdata;
}

GdkPaintable *
bekal_player_get_paintable (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), NULL);

  return GDK_PAINTABLE (self->paintable);
}

guint64
bekal_player_get_n_frames (BekalPlayer *self)
{
  g_return_val_if_fail (BEKAL_IS_PLAYER (self), 0);

  return bekal_video_paintable_get_n_queued (self->paintable);
}

void
bekal_player_set_clock_sync (BekalPlayer *self,
                             gboolean     sync)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  self->clock_sync = !!sync;
}

void
bekal_player_set_stall_timeout (BekalPlayer *self,
                                guint        timeout_ms)
{
  g_return_if_fail (BEKAL_IS_PLAYER (self));

  self->stall_timeout_ms = timeout_ms;
  /* restarted, to look at the position at an interval that suits the new timeout */
  stop_watchdog (self);
  update_watchdog (self);
}

guint
bekal_player_count_pending_releases (void)
{
  guint n;

  g_mutex_lock (&releasing_lock);
  n = n_releasing;
  g_mutex_unlock (&releasing_lock);

  return n;
}

void
bekal_player_wait_for_releases (void)
{
  g_mutex_lock (&releasing_lock);
  while (n_releasing > 0)
    g_cond_wait (&releasing_cond, &releasing_lock);
  g_mutex_unlock (&releasing_lock);
}
