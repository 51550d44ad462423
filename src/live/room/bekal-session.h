/* bekal-session.h: the state of a group session shared by the presenter and control windows:
 * the screens in order, the current one, the roster, who joined and answered, the tally of
 * the open question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <bekal/bekal-model.h>

G_BEGIN_DECLS

typedef enum
{
  BEKAL_SCREEN_JOIN,      /* the address, the QR code and the room code */
  BEKAL_SCREEN_BLOCK,     /* one block of a lesson */
  BEKAL_SCREEN_QUESTION,  /* one question asked to the room */
  BEKAL_SCREEN_END,
} BekalScreenKind;

typedef struct
{
  BekalScreenKind  kind;
  BekalLesson     *lesson;    /* BLOCK; QUESTION of a lesson's practice quiz */
  BekalBlock      *block;     /* BLOCK */
  BekalBlock      *next_block; /* BLOCK: a heading's first block, shown with it, or NULL */
  BekalQuiz       *quiz;      /* QUESTION */
  BekalQuestion   *question;  /* QUESTION */
  guint            number;    /* QUESTION: 1-based place in its quiz */
  guint            of;        /* QUESTION: the questions of its quiz asked to the room */
  gboolean         checkpoint; /* QUESTION: a video's checkpoint, asked after the video */
  /* QUESTION of a test whose pool has parallel forms: form B's question at this place, while
   * @question is form A's; NULL otherwise */
  BekalQuestion   *form_b_question;
} BekalScreen;

typedef struct
{
  char     *name;
  char     *sentra;
  char     *role;
  gboolean  trained_before;
  gint64    profile_id;      /* 0 until a profile exists */
  guint     seat;            /* the place on the stored roster: decides the parallel form */
  gboolean  joined;
  gboolean  answered;        /* answered the open question */
} BekalParticipant;

#define BEKAL_TYPE_SESSION (bekal_session_get_type ())

G_DECLARE_FINAL_TYPE (BekalSession, bekal_session, BEKAL, SESSION, GObject)

/* @lessons: the ids of the lessons shown, in module order; NULL for all */
BekalSession      *bekal_session_new               (BekalModule        *module,
                                                    const char * const *lessons);
BekalModule       *bekal_session_get_module        (BekalSession       *self);
/* The group session in the store (bekal-store-sessions.h); 0 until it is stored */
gint64             bekal_session_get_store_id      (BekalSession       *self);
gint64             bekal_session_get_created_at    (BekalSession       *self);
/* (nullable): the ids of the lessons chosen; NULL for all */
const char * const *bekal_session_get_lessons      (BekalSession       *self);
/* A stored session keeps its id in the store and the date it was first started */
void               bekal_session_set_identity      (BekalSession       *self,
                                                    gint64              store_id,
                                                    gint64              created_at);
/* Whether the halves of the room answer the two parallel forms of a test (on phones);
 * without, as on paper, every participant is asked form A's question (the default: on) */
void               bekal_session_set_use_forms     (BekalSession       *self,
                                                    gboolean            use_forms);
gboolean           bekal_session_get_use_forms     (BekalSession       *self);
/* Whether screen @index asks the halves of the room different questions */
gboolean           bekal_session_screen_has_forms  (BekalSession       *self,
                                                    guint               index);
/* The question @participant is asked on screen @index: its form's, or the screen's */
BekalQuestion     *bekal_session_get_participant_question (BekalSession *self,
                                                           guint         participant,
                                                           guint         index);
guint              bekal_session_get_n_screens     (BekalSession       *self);
const BekalScreen *bekal_session_get_screen        (BekalSession       *self,
                                                    guint               index);
guint              bekal_session_get_current       (BekalSession       *self);
/* Moves to @index (clamped); a new question closes the open one and clears its tally */
void               bekal_session_go_to             (BekalSession       *self,
                                                    guint               index);
gboolean           bekal_session_next              (BekalSession       *self);
gboolean           bekal_session_previous          (BekalSession       *self);
/* The first screen of the module's quiz of @role (the pre-test or post-test); FALSE when the
 * module has none */
gboolean           bekal_session_start_quiz        (BekalSession       *self,
                                                    BekalQuizRole       role);
/* A short title of screen @index for the control window */
char              *bekal_session_dup_screen_title  (BekalSession       *self,
                                                    guint               index);
/* (transfer full): the ids of the questions of @quiz that @participant is asked, in order */
char             **bekal_session_dup_question_ids  (BekalSession       *self,
                                                    BekalQuiz          *quiz,
                                                    guint               participant);
/* The trainer's note for screen @index, or NULL */
char              *bekal_session_dup_trainer_note  (BekalSession       *self,
                                                    guint               index);

/* The roster; a participant added without a seat takes the one after the last */
void               bekal_session_add_seated_participant (BekalSession  *self,
                                                         guint          seat,
                                                         const char    *name,
                                                         const char    *sentra,
                                                         const char    *role,
                                                         gboolean       trained_before,
                                                         gint64         profile_id);
void               bekal_session_add_participant   (BekalSession       *self,
                                                    const char         *name,
                                                    const char         *sentra,
                                                    const char         *role,
                                                    gboolean            trained_before,
                                                    gint64              profile_id);
guint              bekal_session_get_n_participants (BekalSession      *self);
BekalParticipant  *bekal_session_get_participant   (BekalSession       *self,
                                                    guint               index);
void               bekal_session_set_joined        (BekalSession       *self,
                                                    guint               participant,
                                                    gboolean            joined);
guint              bekal_session_count_joined      (BekalSession       *self);
guint              bekal_session_count_answered    (BekalSession       *self);

/* The open question: an answer of @participant choosing @options (tally indices: options,
 * or scale points from the minimum) of the current screen; FALSE (nothing counted) when no
 * question is open, an option is unknown or the participant already answered */
gboolean           bekal_session_record_answer     (BekalSession       *self,
                                                    guint               participant,
                                                    const guint        *options,
                                                    guint               n_options);
/* Paper mode: the counts per option typed by the trainer replace the tally */
void               bekal_session_set_counts        (BekalSession       *self,
                                                    const guint        *counts,
                                                    guint               n_counts);
/* (array length=out_n): the count per option of the current question */
const guint       *bekal_session_get_tally         (BekalSession       *self,
                                                    guint              *out_n);
/* Whether phones may answer the current question: a pre- or post-test question from the
 * moment it is shown, a practice question once sent, until revealed */
gboolean           bekal_session_get_question_open (BekalSession       *self);
/* Sends the current practice question to the phones; FALSE when it is no question or was
 * revealed */
gboolean           bekal_session_send_question     (BekalSession       *self);
gboolean           bekal_session_get_revealed      (BekalSession       *self);
void               bekal_session_reveal            (BekalSession       *self);
/* The tally on the projector before the answer is revealed */
gboolean           bekal_session_get_show_tally    (BekalSession       *self);
void               bekal_session_set_show_tally    (BekalSession       *self,
                                                    gboolean            show);
/* The anonymous room score: the share of right answers to the questions revealed */
gboolean           bekal_session_get_room_score_on (BekalSession       *self);
void               bekal_session_set_room_score_on (BekalSession       *self,
                                                    gboolean            on);
/* -1 while no scored question was revealed, else 0..100 */
int                bekal_session_get_room_score    (BekalSession       *self);

/* The address of the network interface the server listens on, as the trainer chose it
 * (NULL: every interface's) */
void               bekal_session_set_listen_address (BekalSession      *self,
                                                     const char        *address);
const char        *bekal_session_get_listen_address (BekalSession      *self);
/* Where phones join */
void               bekal_session_set_room          (BekalSession       *self,
                                                    const char         *address,
                                                    const char         *room_code,
                                                    GBytes             *qr_modules,
                                                    guint               qr_width);
const char        *bekal_session_get_address       (BekalSession       *self);
const char        *bekal_session_get_room_code     (BekalSession       *self);
/* (nullable): one byte per module, row by row, non-zero for dark */
GBytes            *bekal_session_get_qr            (BekalSession       *self,
                                                    guint              *out_width);

G_END_DECLS
