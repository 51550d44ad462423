/* bekal-lesson-view.c: one lesson, block by block, with the reading position kept
 *
 * A block counts as seen when any part of it was on screen; the reading position is the
 * block at the top of the view. Both are saved after a short pause in scrolling, so that
 * reopening Bekal brings the learner back to the block they were reading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-lesson-view.h"
#include "bekal-save.h"
#include "bekal-media-block.h"
#include "bekal-reflection-block.h"
#include "bekal-video-block.h"

/* saved after this pause in scrolling */
#define POSITION_DELAY_MS 300
/* a block whose bottom is higher than this (in pixels) has been scrolled past */
#define TOP_SLACK 24
/* the space left above a block scrolled to the top */
#define SCROLL_MARGIN 12
/* frames during which a restored position is held while the layout settles */
#define RESTORE_FRAMES 30

struct _BekalLessonView
{
  GtkWidget       parent_instance;

  BekalLesson    *lesson;
  BekalModule    *module;
  BekalLearnerContext *learner; /* NULL while no lesson is shown */
  BekalStore     *store;       /* the learner's, for short calls */
  GSettings      *settings;
  gint64          profile_id;  /* the learner's */
  GHashTable     *seen;        /* block indexes seen in this lesson */
  gboolean        complete;
  guint           position;
  guint           saved_position;
  gboolean        position_saved;
  guint           position_source;
  guint           restore_tick;
  guint           restore_block;
  guint           restore_frames;
  guint           stable_frames;
  double          restored_value;

  GtkScrolledWindow *scroller;
  GtkViewport    *viewport;
  AdwClamp       *clamp;
  GtkLabel       *position_label;
  GtkLabel       *title_label;
  GtkBox         *block_box;
  AdwButtonContent *next_content;
};

G_DEFINE_FINAL_TYPE (BekalLessonView, bekal_lesson_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CURRENT_BLOCK,
  N_PROPS
};

enum
{
  SIGNAL_LESSON_COMPLETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
can_write (BekalLessonView *self)
{
  return self->learner != NULL && bekal_learner_context_can_write (self->learner);
}

static GtkAdjustment *
get_vadjustment (BekalLessonView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static void
apply_text_size (BekalLessonView *self)
{
  g_autofree char *size = NULL;
  int maximum = 720;

  if (self->settings != NULL)
    size = g_settings_get_string (self->settings, "text-size");

  /* a wider column for bigger text keeps about the same number of words on a line */
  if (g_strcmp0 (size, "large") == 0)
    maximum = 860;
  else if (g_strcmp0 (size, "projector") == 0)
    maximum = 1100;

  adw_clamp_set_maximum_size (self->clamp, maximum);
  adw_clamp_set_tightening_threshold (self->clamp, maximum * 4 / 5);
}

/* The top of block @index in the coordinates of the scrolled content, or -1 */
static double
block_top (BekalLessonView *self,
           GtkWidget       *block)
{
  graphene_point_t point;

  if (block == NULL || gtk_widget_get_height (block) <= 0)
    return -1;
  if (!gtk_widget_compute_point (block, GTK_WIDGET (self->clamp), &GRAPHENE_POINT_INIT (0, 0),
                                 &point))
    return -1;

  return point.y;
}

static void
mark_seen (BekalLessonView *self,
           guint            index)
{
  const char *module_id = bekal_module_get_id (self->module);
  const char *lesson_id = bekal_lesson_get_id (self->lesson);
  g_autoptr(GError) error = NULL;

  if (g_hash_table_contains (self->seen, GUINT_TO_POINTER (index)))
    return;

  g_hash_table_add (self->seen, GUINT_TO_POINTER (index));
  if (can_write (self)
      && !bekal_store_mark_block_seen (self->store, self->profile_id, module_id, lesson_id, index,
                                       &error))
    g_warning ("Cannot record block %u of %s as seen: %s", index, lesson_id, error->message);
}

static void
complete_lesson (BekalLessonView *self)
{
  if (self->complete || self->lesson == NULL)
    return;

  self->complete = TRUE;
  if (can_write (self))
    bekal_save_lesson_complete (self->store, self->profile_id,
                                bekal_module_get_id (self->module),
                                bekal_lesson_get_id (self->lesson), NULL, NULL);

  g_signal_emit (self, signals[SIGNAL_LESSON_COMPLETED], 0);
}

static void
complete_if_last_seen (BekalLessonView *self)
{
  guint n_blocks = bekal_lesson_get_n_blocks (self->lesson);

  if (n_blocks > 0 && g_hash_table_contains (self->seen, GUINT_TO_POINTER (n_blocks - 1)))
    complete_lesson (self);
}

static void
save_position (BekalLessonView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->lesson == NULL || (self->position_saved && self->saved_position == self->position))
    return;

  self->saved_position = self->position;
  self->position_saved = TRUE;
  if (can_write (self)
      && !bekal_store_set_position (self->store, self->profile_id,
                                    bekal_module_get_id (self->module),
                                    bekal_lesson_get_id (self->lesson), self->position, &error))
    g_warning ("Cannot save the reading position: %s", error->message);
}

static void
set_position (BekalLessonView *self,
              guint            position)
{
  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_BLOCK]);
}

/* Looks at what is on screen: marks the visible blocks seen and, unless @keep_position,
 * takes the top-most one as the reading position */
static void
update_from_scroll (BekalLessonView *self,
                    gboolean         keep_position)
{
  GtkAdjustment *adjustment = get_vadjustment (self);
  double page = gtk_adjustment_get_page_size (adjustment);
  int top = -1;
  guint index = 0;

  if (self->lesson == NULL || page <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box));
       child != NULL; child = gtk_widget_get_next_sibling (child), index++)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (child, GTK_WIDGET (self->viewport), &bounds))
        continue;

      /* a recording counts once it was watched or its transcript read (on_media_done) */
      if (bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < page
          && !BEKAL_IS_MEDIA_BLOCK (child))
        mark_seen (self, index);
      if (top < 0 && bounds.origin.y + bounds.size.height > TOP_SLACK)
        top = index;
    }

  if (!keep_position && top >= 0)
    set_position (self, top);

  complete_if_last_seen (self);
  save_position (self);
}

static void
stop_restoring (BekalLessonView *self)
{
  if (self->restore_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick);
  self->restore_tick = 0;
}

static void
remove_blocks (BekalLessonView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box))) != NULL)
    gtk_box_remove (self->block_box, child);
}

/* The source of every quiz a lesson holds: a video's checkpoints ask their questions */
static guint64
hash_lesson_quizzes (BekalModule *module)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      for (guint b = 0; b < bekal_lesson_get_n_blocks (lesson); b++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, b);

          if (bekal_block_get_kind (block) == BEKAL_BLOCK_QUIZ)
            hash = (hash ^ bekal_block_get_source_hash (block))
                   * G_GUINT64_CONSTANT (0x100000001b3);
        }
    }
  return hash;
}

/* Whether the widget made for @old shows @block as well: same kind and same source, and,
 * for a video or audio with checkpoints, the same questions to ask */
static gboolean
block_is_unchanged (BekalBlock *old,
                    BekalBlock *block,
                    gboolean    same_quizzes)
{
  BekalMedia *media;

  if (bekal_block_get_kind (old) != bekal_block_get_kind (block)
      || bekal_block_get_source_hash (old) == 0
      || bekal_block_get_source_hash (old) != bekal_block_get_source_hash (block))
    return FALSE;
  media = bekal_block_get_kind (block) == BEKAL_BLOCK_VIDEO
          || bekal_block_get_kind (block) == BEKAL_BLOCK_AUDIO
          ? bekal_block_get_media (block) : NULL;
  return media == NULL || bekal_media_get_n_checkpoints (media) == 0 || same_quizzes;
}

static void on_media_done_changed (BekalMediaBlock *media,
                                   GParamSpec      *pspec,
                                   BekalLessonView *self);

static GtkWidget *
add_block_widget (BekalLessonView         *self,
                  const BekalBlockContext *context,
                  BekalBlock              *block,
                  GtkWidget               *after)
{
  GtkWidget *widget = bekal_block_widget_new (block, context);

  gtk_box_insert_child_after (self->block_box, widget, after);
  if (BEKAL_IS_MEDIA_BLOCK (widget))
    g_signal_connect_object (widget, "notify::done", G_CALLBACK (on_media_done_changed), self,
                             0);
  return widget;
}

static void
show_lesson_header (BekalLessonView *self)
{
  g_autofree char *meta = NULL;
  guint minutes = bekal_lesson_get_reading_minutes (self->lesson);

  gtk_label_set_text (self->title_label, bekal_lesson_get_title (self->lesson));
  meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u minute of reading",
                                       "About %u minutes of reading", minutes), minutes);
  gtk_label_set_text (self->position_label, meta);
}

/* Callbacks */

static void
on_media_done_changed (BekalMediaBlock *media,
                       GParamSpec      *pspec,
                       BekalLessonView *self)
{
  guint index = 0;

  if (self->lesson == NULL || !bekal_media_block_get_done (media))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box));
       child != NULL; child = gtk_widget_get_next_sibling (child), index++)
    if (child == GTK_WIDGET (media))
      {
        mark_seen (self, index);
        complete_if_last_seen (self);
        return;
      }
}

static gboolean
on_position_timeout (gpointer user_data)
{
  BekalLessonView *self = BEKAL_LESSON_VIEW (user_data);
  double value = gtk_adjustment_get_value (get_vadjustment (self));

  self->position_source = 0;
  /* the view has not moved since it was scrolled to the saved block: keep that block even
   * when it could not reach the top (near the end of a lesson) */
  update_from_scroll (self, ABS (value - self->restored_value) < 1);

  return G_SOURCE_REMOVE;
}

static void
on_value_changed (GtkAdjustment   *adjustment,
                  BekalLessonView *self)
{
  if (self->restore_tick != 0 || self->lesson == NULL)
    return;

  g_clear_handle_id (&self->position_source, g_source_remove);
  self->position_source = g_timeout_add (POSITION_DELAY_MS, on_position_timeout, self);
}

static gboolean
figures_loading (BekalLessonView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (bekal_block_widget_is_loading (child))
      return TRUE;

  return FALSE;
}

static gboolean
on_restore_tick (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  BekalLessonView *self = BEKAL_LESSON_VIEW (widget);
  GtkAdjustment *adjustment = get_vadjustment (self);
  GtkWidget *block = bekal_lesson_view_get_block_widget (self, self->restore_block);
  double top = block_top (self, block);
  double target;

  self->restore_frames++;
  if (top < 0)
    {
      if (self->restore_frames < RESTORE_FRAMES * 4)
        return G_SOURCE_CONTINUE;
      self->restore_tick = 0;
      return G_SOURCE_REMOVE;
    }

  /* the first block goes with the lesson title above it */
  target = self->restore_block == 0 ? 0 : MAX (0, top - SCROLL_MARGIN);
  target = MIN (target, gtk_adjustment_get_upper (adjustment)
                        - gtk_adjustment_get_page_size (adjustment));
  target = MAX (0, target);

  /* wrapped text and pictures may change height in the first frames: hold the block at the
   * top until the layout is stable */
  if (ABS (gtk_adjustment_get_value (adjustment) - target) < 1)
    self->stable_frames++;
  else
    {
      self->stable_frames = 0;
      gtk_adjustment_set_value (adjustment, target);
    }

  if (self->stable_frames < 3 && self->restore_frames < RESTORE_FRAMES)
    return G_SOURCE_CONTINUE;

  /* a figure still being read changes its height when it is in: hold the block a while more */
  if (figures_loading (self) && self->restore_frames < RESTORE_FRAMES * 4)
    {
      self->stable_frames = 0;
      return G_SOURCE_CONTINUE;
    }

  self->restore_tick = 0;
  self->restored_value = gtk_adjustment_get_value (adjustment);
  set_position (self, self->restore_block);
  update_from_scroll (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_text_size_changed (GSettings       *settings,
                      const char      *key,
                      BekalLessonView *self)
{
  apply_text_size (self);
  /* keep the learner on the block they were reading */
  if (self->lesson != NULL)
    bekal_lesson_view_scroll_to_block (self, self->position);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BekalLessonView       *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment = get_vadjustment (self);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  /* keys belong to text fields (reflections) first */
  if (focus != NULL && (GTK_IS_TEXT_VIEW (focus) || GTK_IS_EDITABLE (focus)))
    return FALSE;
  /* in a player, Space, arrows, Home and End belong to it; the page keys still scroll */
  if (focus != NULL && gtk_widget_get_ancestor (focus, BEKAL_TYPE_VIDEO_BLOCK) != NULL
      && keyval != GDK_KEY_Page_Up && keyval != GDK_KEY_Page_Down
      && keyval != GDK_KEY_KP_Page_Up && keyval != GDK_KEY_KP_Page_Down)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      gtk_adjustment_set_value (adjustment, value + page / 10);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      gtk_adjustment_set_value (adjustment, value - page / 10);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
      bekal_lesson_view_scroll_pages (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      bekal_lesson_view_scroll_pages (self, -1);
      return TRUE;
    case GDK_KEY_Home:
      gtk_adjustment_set_value (adjustment, 0);
      return TRUE;
    case GDK_KEY_End:
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      return TRUE;
    default:
      return FALSE;
    }
}

/* Overrides */

static void
bekal_lesson_view_unmap (GtkWidget *widget)
{
  bekal_lesson_view_flush (BEKAL_LESSON_VIEW (widget));

  GTK_WIDGET_CLASS (bekal_lesson_view_parent_class)->unmap (widget);
}

static void
bekal_lesson_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BekalLessonView *self = BEKAL_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURRENT_BLOCK:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_lesson_view_dispose (GObject *object)
{
  BekalLessonView *self = BEKAL_LESSON_VIEW (object);
  GtkWidget *child;

  bekal_lesson_view_clear (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_LESSON_VIEW);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->module);
  g_clear_object (&self->store);
  g_clear_object (&self->learner);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bekal_lesson_view_parent_class)->dispose (object);
}

static void
bekal_lesson_view_finalize (GObject *object)
{
  BekalLessonView *self = BEKAL_LESSON_VIEW (object);

  g_hash_table_unref (self->seen);

  G_OBJECT_CLASS (bekal_lesson_view_parent_class)->finalize (object);
}

static void
bekal_lesson_view_class_init (BekalLessonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_lesson_view_dispose;
  object_class->finalize = bekal_lesson_view_finalize;
  object_class->get_property = bekal_lesson_view_get_property;
  widget_class->unmap = bekal_lesson_view_unmap;

  properties[PROP_CURRENT_BLOCK] =
    g_param_spec_uint ("current-block", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LESSON_COMPLETED] =
    g_signal_new ("lesson-completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-lesson-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, scroller);
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, viewport);
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, clamp);
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, position_label);
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, block_box);
  gtk_widget_class_bind_template_child (widget_class, BekalLessonView, next_content);
}

static void
bekal_lesson_view_init (BekalLessonView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->seen = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (get_vadjustment (self), "value-changed",
                           G_CALLBACK (on_value_changed), self, 0);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* Public API */

void
bekal_lesson_view_show_lesson (BekalLessonView         *self,
                               const BekalBlockContext *context,
                               BekalLesson             *lesson,
                               guint                    block_index)
{
  g_autoptr(GPtrArray) seen = NULL;

  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));
  g_return_if_fail (context != NULL && BEKAL_IS_MODULE (context->module));
  g_return_if_fail (BEKAL_IS_LESSON (lesson));

  bekal_lesson_view_clear (self);

  g_set_object (&self->module, context->module);
  g_clear_object (&self->learner);
  self->learner = bekal_block_context_dup_learner (context);
  g_set_object (&self->store, bekal_learner_context_get_store (self->learner));
  self->profile_id = bekal_learner_context_get_profile_id (self->learner);
  if (self->settings != context->settings)
    {
      if (self->settings != NULL)
        g_signal_handlers_disconnect_by_data (self->settings, self);
      g_set_object (&self->settings, context->settings);
      if (self->settings != NULL)
        g_signal_connect (self->settings, "changed::text-size", G_CALLBACK (on_text_size_changed),
                          self);
    }
  apply_text_size (self);

  self->lesson = g_object_ref (lesson);
  self->complete = FALSE;
  self->position_saved = FALSE;
  self->position = MIN (block_index, MAX (bekal_lesson_get_n_blocks (lesson), 1) - 1);

  if (bekal_learner_context_has_learner (self->learner))
    {
      seen = bekal_store_list_seen_blocks (self->store, self->profile_id,
                                           bekal_module_get_id (self->module),
                                           bekal_lesson_get_id (lesson), NULL);
      self->complete = bekal_store_is_lesson_complete (self->store, self->profile_id,
                                                       bekal_module_get_id (self->module),
                                                       bekal_lesson_get_id (lesson), NULL);
    }
  for (guint i = 0; seen != NULL && i < seen->len; i++)
    {
      BekalSeenBlock *block = g_ptr_array_index (seen, i);

      g_hash_table_add (self->seen, GUINT_TO_POINTER (block->block_index));
    }

  show_lesson_header (self);

  for (guint i = 0; i < bekal_lesson_get_n_blocks (lesson); i++)
    add_block_widget (self, context, bekal_lesson_get_block (lesson, i),
                      gtk_widget_get_last_child (GTK_WIDGET (self->block_box)));

  gtk_adjustment_set_value (get_vadjustment (self), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_BLOCK]);
  bekal_lesson_view_scroll_to_block (self, self->position);
}

gboolean
bekal_lesson_view_refresh_lesson (BekalLessonView         *self,
                                  const BekalBlockContext *context,
                                  BekalLesson             *lesson)
{
  g_autoptr(BekalLearnerContext) learner = NULL;
  GtkWidget *child;
  gboolean same_quizzes;
  guint n_old;

  g_return_val_if_fail (BEKAL_IS_LESSON_VIEW (self), FALSE);
  g_return_val_if_fail (context != NULL && BEKAL_IS_MODULE (context->module), FALSE);
  g_return_val_if_fail (BEKAL_IS_LESSON (lesson), FALSE);

  learner = bekal_block_context_dup_learner (context);
  if (self->lesson == NULL || self->module == NULL || self->settings != context->settings
      || bekal_learner_context_get_profile_id (learner) != self->profile_id
      || g_strcmp0 (bekal_lesson_get_id (self->lesson), bekal_lesson_get_id (lesson)) != 0
      || bekal_module_get_context_hash (self->module) == 0
      || bekal_module_get_context_hash (self->module)
         != bekal_module_get_context_hash (context->module))
    {
      bekal_lesson_view_show_lesson (self, context, lesson, self->position);
      return FALSE;
    }

  /* block by block, in place: a kept widget still shows the older read of its block, which
   * is the same */
  n_old = bekal_lesson_get_n_blocks (self->lesson);
  same_quizzes = hash_lesson_quizzes (self->module) == hash_lesson_quizzes (context->module);
  child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box));
  for (guint i = 0; i < bekal_lesson_get_n_blocks (lesson); i++)
    {
      BekalBlock *block = bekal_lesson_get_block (lesson, i);
      GtkWidget *next = child != NULL ? gtk_widget_get_next_sibling (child) : NULL;
      GtkWidget *before = child != NULL ? gtk_widget_get_prev_sibling (child)
                                        : gtk_widget_get_last_child (GTK_WIDGET (self->block_box));

      if (child != NULL && i < n_old
          && block_is_unchanged (bekal_lesson_get_block (self->lesson, i), block, same_quizzes))
        {
          child = next;
          continue;
        }
      add_block_widget (self, context, block, before);
      if (child != NULL)
        gtk_box_remove (self->block_box, child);
      child = next;
    }
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (self->block_box, child);
      child = next;
    }

  g_set_object (&self->module, context->module);
  g_set_object (&self->lesson, lesson);
  self->position = MIN (self->position, MAX (bekal_lesson_get_n_blocks (lesson), 1) - 1);
  show_lesson_header (self);
  return TRUE;
}

void
bekal_lesson_view_set_navigation (BekalLessonView *self,
                                  guint            lesson_number,
                                  guint            n_lessons)
{
  g_autofree char *meta = NULL;
  guint minutes;

  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));

  if (self->lesson == NULL)
    return;

  minutes = bekal_lesson_get_reading_minutes (self->lesson);
  /* TRANSLATORS: "Lesson 1 of 4 · about 5 minutes" */
  meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Lesson %u of %u · about %u minute",
                                       "Lesson %u of %u · about %u minutes", minutes),
                          lesson_number, n_lessons, minutes);
  gtk_label_set_text (self->position_label, meta);
  adw_button_content_set_label (self->next_content,
                                lesson_number < n_lessons ? _("_Next Lesson")
                                                          : _("_Finish Module"));
}

void
bekal_lesson_view_clear (BekalLessonView *self)
{
  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));

  if (self->lesson != NULL)
    bekal_lesson_view_flush (self);

  stop_restoring (self);
  g_clear_handle_id (&self->position_source, g_source_remove);
  remove_blocks (self);
  g_hash_table_remove_all (self->seen);
  g_clear_object (&self->lesson);
}

BekalLesson *
bekal_lesson_view_get_lesson (BekalLessonView *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON_VIEW (self), NULL);

  return self->lesson;
}

guint
bekal_lesson_view_get_current_block (BekalLessonView *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON_VIEW (self), 0);

  return self->position;
}

gboolean
bekal_lesson_view_is_restoring (BekalLessonView *self)
{
  g_return_val_if_fail (BEKAL_IS_LESSON_VIEW (self), FALSE);

  return self->restore_tick != 0;
}

void
bekal_lesson_view_scroll_to_block (BekalLessonView *self,
                                   guint            block_index)
{
  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));

  stop_restoring (self);
  g_clear_handle_id (&self->position_source, g_source_remove);
  self->restore_block = block_index;
  self->restore_frames = 0;
  self->stable_frames = 0;
  self->restored_value = -1;
  self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_restore_tick, NULL,
                                                     NULL);
}

void
bekal_lesson_view_scroll_pages (BekalLessonView *self,
                                double           pages)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));

  adjustment = get_vadjustment (self);
  /* a little overlap keeps the last lines of the previous screen in sight */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                        + pages * gtk_adjustment_get_page_size (adjustment) * 0.9);
}

GtkWidget *
bekal_lesson_view_get_block_widget (BekalLessonView *self,
                                    guint            index)
{
  GtkWidget *child;
  guint i = 0;

  g_return_val_if_fail (BEKAL_IS_LESSON_VIEW (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (i == index)
      return child;

  return NULL;
}

void
bekal_lesson_view_flush (BekalLessonView *self)
{
  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));

  if (self->lesson == NULL)
    return;

  if (self->position_source != 0)
    {
      g_clear_handle_id (&self->position_source, g_source_remove);
      update_from_scroll (self, FALSE);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->block_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (BEKAL_IS_REFLECTION_BLOCK (child))
      bekal_reflection_block_flush (BEKAL_REFLECTION_BLOCK (child));
    /* no recording goes on playing behind another page, a break or a closed window */
    else if (BEKAL_IS_MEDIA_BLOCK (child))
      bekal_media_block_stop (BEKAL_MEDIA_BLOCK (child));

  save_position (self);
}

void
bekal_lesson_view_focus (BekalLessonView *self)
{
  g_return_if_fail (BEKAL_IS_LESSON_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->viewport));
}
