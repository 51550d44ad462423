/* bekal-video-block-private.h: what the files of the video block share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-media-progress.h>
#include <bekal/bekal-quiz-session.h>
#include <bekal/bekal-subtitles.h>

#include "bekal-image.h"
#include "bekal-question-view.h"
#include "bekal-video-block.h"

G_BEGIN_DECLS

#define SKIP_MS              10000
#define TICK_MS              100
/* a position moving further than this between ticks was a seek, not playback */
#define CONTINUOUS_PLAY_MS   BEKAL_MEDIA_CONTINUOUS_PLAY_MS
/* resuming closer than this to either end starts over instead */
#define RESUME_MARGIN_MS     3000

struct _BekalVideoBlock
{
  GtkWidget        parent_instance;

  /* template */
  GtkLabel        *title_label;
  GtkWidget       *player_box;
  GtkWidget       *stage;
  GtkStack        *stage_stack;
  BekalImage      *poster_image;
  GtkPicture      *video_picture;
  GtkLabel        *error_label;
  GtkWidget       *error_transcript_button;
  GtkWidget       *retry_button;
  gint64           retry_from_ms;   /* where playback stood when it stalled */
  GtkWidget       *big_play_button;
  GtkLabel        *subtitle_label;
  GtkBox          *checkpoint_box;
  GtkLabel        *position_label;
  GtkScale        *seek_scale;
  GtkAdjustment   *seek_adjustment;
  GtkLabel        *duration_label;
  GtkWidget       *controls_box;
  GtkButton       *play_button;
  GtkWidget       *back_button;
  GtkWidget       *forward_button;
  GtkToggleButton *mute_button;
  GtkWidget       *volume_scale;
  GtkAdjustment   *volume_adjustment;
  GtkMenuButton   *speed_button;
  GtkMenuButton   *subtitles_button;
  GtkToggleButton *transcript_button;
  GtkButton       *fullscreen_button;
  GtkWidget       *chapters_box;
  GtkListBox      *chapters_list;
  GtkRevealer     *transcript_revealer;
  GtkSearchEntry  *transcript_search;
  GtkScrolledWindow *transcript_scroller;
  GtkListBox      *transcript_list;

  BekalMedia      *media;
  BekalLearnerContext *learner;
  /* the learner's, for the checkpoint: NULL and 0 when there is none or no module */
  BekalStore      *store;
  gint64           profile_id;
  char            *module_id;
  BekalModule     *module;
  BekalPlayer     *player;
  GSettings       *settings;

  GHashTable      *cues_by_language; /* language → GPtrArray of BekalCue */
  GCancellable    *subtitles_cancellable; /* while the subtitle files are read */
  char            *subtitle_language;
  GPtrArray       *subtitle_cues;    /* borrowed from cues_by_language */
  GPtrArray       *transcript_cues;  /* borrowed from cues_by_language */
  int              subtitle_cue;
  int              transcript_cue;
  char            *search_folded;

  guint            tick_id;
  gboolean         started;
  gboolean         failed;
  gint64           last_tick_ms;
  BekalMediaProgressTracker *progress; /* how far it was watched; saves through the store */
  gboolean         autoscrolling;

  GArray          *asked;            /* of gboolean, one per checkpoint */
  int              active_checkpoint;
  BekalQuestionView *question_view;     /* the answer widgets of the question shown, or NULL */
  BekalQuizSession  *checkpoint_session; /* scores and keeps its answer; NULL without a store */
  GtkWidget       *answer_button;
  GtkLabel        *feedback_label;
  gboolean         answered;

  GtkWidget       *fullscreen_window;
  GtkWidget       *fullscreen_placeholder;
};

/* bekal-video-block.c */
char       *_bekal_video_block_format_time             (gint64           ms);
void        _bekal_video_block_set_stage_page          (BekalVideoBlock *self);

/* bekal-video-block-controls.c */
void        _bekal_video_block_init_controls           (BekalVideoBlock *self);
void        _bekal_video_block_update_position         (BekalVideoBlock *self,
                                                        gint64           position_ms);
void        _bekal_video_block_seek_to                 (BekalVideoBlock *self,
                                                        gint64           position_ms);

/* bekal-video-block-transcript.c */
void        _bekal_video_block_init_transcript         (BekalVideoBlock *self);
void        _bekal_video_block_load_subtitles          (BekalVideoBlock *self);
GPtrArray  *_bekal_video_block_cues_for                (BekalVideoBlock *self,
                                                        const char      *language);
void        _bekal_video_block_show_subtitle           (BekalVideoBlock *self,
                                                        gint64           position_ms);
void        _bekal_video_block_highlight_transcript    (BekalVideoBlock *self,
                                                        gint64           position_ms);
void        _bekal_video_block_build_subtitles_menu    (BekalVideoBlock *self);
const char *_bekal_video_block_default_language        (BekalVideoBlock *self);
void        _bekal_video_block_build_transcript        (BekalVideoBlock *self);
void        _bekal_video_block_set_transcript_language (BekalVideoBlock *self,
                                                        const char      *language);

/* bekal-video-block-chapters.c */
void        _bekal_video_block_init_chapters           (BekalVideoBlock *self);
void        _bekal_video_block_build_chapters          (BekalVideoBlock *self);
void        _bekal_video_block_add_chapter_marks       (BekalVideoBlock *self);

/* bekal-video-checkpoint.c */
void        _bekal_video_block_check_checkpoints       (BekalVideoBlock *self,
                                                        gint64           position_ms);

/* bekal-video-block-progress.c */
void        _bekal_video_block_save_progress           (BekalVideoBlock *self,
                                                        gint64           position_ms);
void        _bekal_video_block_init_progress           (BekalVideoBlock *self);
void        _bekal_video_block_load_progress           (BekalVideoBlock *self);

G_END_DECLS
