/* bekal-reflection-block.c: a private note of the learner, saved while they type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-reflection-block.h"
#include "bekal-save.h"

/* the note is saved after this pause in typing */
#define SAVE_DELAY_MS 800

struct _BekalReflectionBlock
{
  GtkWidget    parent_instance;

  BekalLearnerContext *learner;
  char        *module_id;
  char        *reflection_id;
  guint        save_source;
  gboolean     dirty;
  gboolean     saved_once;

  GtkBox      *prompt_box;
  GtkTextView *text_view;
  GtkLabel    *status_label;
};

G_DEFINE_FINAL_TYPE (BekalReflectionBlock, bekal_reflection_block, GTK_TYPE_WIDGET)

/* Helpers */

static char *
dup_text (BekalReflectionBlock *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
load (BekalReflectionBlock *self)
{
  BekalStore *store = bekal_learner_context_get_store (self->learner);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!bekal_learner_context_has_learner (self->learner))
    {
      gtk_label_set_text (self->status_label, _("Not saved"));
      return;
    }

  text = bekal_store_load_reflection (store, bekal_learner_context_get_profile_id (self->learner),
                                      self->module_id, self->reflection_id, NULL, &error);
  if (error != NULL)
    g_warning ("Cannot load the reflection %s: %s", self->reflection_id, error->message);

  if (text != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
      gtk_label_set_text (self->status_label, _("Saved"));
    }

  if (bekal_store_is_read_only (store))
    gtk_label_set_text (self->status_label, _("Read-only"));
}

static void
show_toast (BekalReflectionBlock *self,
            const char           *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* Callbacks */

static void
on_reflection_saved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BekalReflectionBlock) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = bekal_store_write_finish (BEKAL_STORE (source), result, &error);

  /* the block may have gone while the note waited: the note is saved all the same */
  if (self->status_label == NULL)
    {
      if (!saved)
        g_warning ("A reflection could not be saved: %s", error->message);
      return;
    }

  if (!saved)
    {
      g_autofree char *message = g_strdup_printf (_("Your note could not be saved: %s"),
                                                  error->message);

      self->dirty = TRUE;
      gtk_label_set_text (self->status_label, _("Not saved"));
      show_toast (self, message);
      return;
    }

  if (self->dirty)
    return;

  gtk_label_set_text (self->status_label, _("Saved"));
  if (!self->saved_once)
    show_toast (self, _("Your note is saved. Only you can see it."));
  self->saved_once = TRUE;
}

static gboolean
on_save_timeout (gpointer user_data)
{
  BekalReflectionBlock *self = BEKAL_REFLECTION_BLOCK (user_data);

  self->save_source = 0;
  bekal_reflection_block_flush (self);

  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GtkTextBuffer        *buffer,
                   BekalReflectionBlock *self)
{
  self->dirty = TRUE;
  gtk_label_set_text (self->status_label, _("Saving…"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                BekalReflectionBlock    *self)
{
  if (self->dirty)
    bekal_reflection_block_flush (self);
}

/* Overrides */

static void
bekal_reflection_block_dispose (GObject *object)
{
  BekalReflectionBlock *self = BEKAL_REFLECTION_BLOCK (object);
  GtkWidget *child;

  /* nothing typed is lost when the lesson is left before the pause */
  if (self->dirty)
    bekal_reflection_block_flush (self);
  g_clear_handle_id (&self->save_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_REFLECTION_BLOCK);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->learner);

  G_OBJECT_CLASS (bekal_reflection_block_parent_class)->dispose (object);
}

static void
bekal_reflection_block_finalize (GObject *object)
{
  BekalReflectionBlock *self = BEKAL_REFLECTION_BLOCK (object);

  g_free (self->module_id);
  g_free (self->reflection_id);

  G_OBJECT_CLASS (bekal_reflection_block_parent_class)->finalize (object);
}

static void
bekal_reflection_block_class_init (BekalReflectionBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_reflection_block_dispose;
  object_class->finalize = bekal_reflection_block_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-reflection-block.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalReflectionBlock, prompt_box);
  gtk_widget_class_bind_template_child (widget_class, BekalReflectionBlock, text_view);
  gtk_widget_class_bind_template_child (widget_class, BekalReflectionBlock, status_label);
}

static void
bekal_reflection_block_init (BekalReflectionBlock *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
}

/* Public API */

GtkWidget *
bekal_reflection_block_new (BekalBlock              *block,
                            const BekalBlockContext *context)
{
  BekalReflectionBlock *self;
  GtkWidget *prompt;

  g_return_val_if_fail (BEKAL_IS_BLOCK (block), NULL);
  g_return_val_if_fail (context != NULL, NULL);

  self = g_object_new (BEKAL_TYPE_REFLECTION_BLOCK, NULL);
  self->learner = bekal_block_context_dup_learner (context);
  self->module_id = g_strdup (bekal_module_get_id (context->module));
  self->reflection_id = g_strdup (bekal_block_get_id (block));

  prompt = bekal_text_label_new (bekal_block_get_text (block), context->module);
  gtk_box_append (self->prompt_box, prompt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  bekal_text_get_plain (bekal_block_get_text (block)), -1);

  load (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, 0);

  return GTK_WIDGET (self);
}

gboolean
bekal_reflection_block_flush (BekalReflectionBlock *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (BEKAL_IS_REFLECTION_BLOCK (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty)
    return TRUE;
  self->dirty = FALSE;

  if (self->learner == NULL || !bekal_learner_context_can_write (self->learner))
    {
      gtk_label_set_text (self->status_label, _("Not saved: read-only"));
      return FALSE;
    }

  /* "Saved" is said only once the text is on disk, which may wait for another Bekal */
  text = dup_text (self);
  bekal_save_reflection (bekal_learner_context_get_store (self->learner),
                         bekal_learner_context_get_profile_id (self->learner),
                         self->module_id, self->reflection_id, text,
                         on_reflection_saved, g_object_ref (self));

  return TRUE;
}

GtkTextBuffer *
bekal_reflection_block_get_buffer (BekalReflectionBlock *self)
{
  g_return_val_if_fail (BEKAL_IS_REFLECTION_BLOCK (self), NULL);

  return gtk_text_view_get_buffer (self->text_view);
}
