/* bekal-break-page.c: a calm screen with a short grounding exercise
 *
 * The circle grows and shrinks with a slow breathing rhythm (four counts in, hold, out,
 * rest); the words under it say the same for those who do not watch the circle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-break-page.h"

#define BREATH_PHASE_SECONDS 4

struct _BekalBreakPage
{
  GtkWidget  parent_instance;

  guint      breath_source;
  guint      phase;

  GtkWidget *breath_circle;
  GtkLabel  *breath_label;
  GtkButton *return_button;
};

G_DEFINE_FINAL_TYPE (BekalBreakPage, bekal_break_page, GTK_TYPE_WIDGET)

/* Helpers */

static void
show_phase (BekalBreakPage *self)
{
  const char *words[] = {
    _("Breathe in slowly…"),
    _("Hold…"),
    _("Breathe out slowly…"),
    _("Rest…"),
  };

  gtk_label_set_text (self->breath_label, words[self->phase]);
  if (self->phase == 0 || self->phase == 1)
    gtk_widget_add_css_class (self->breath_circle, "expanded");
  else
    gtk_widget_remove_css_class (self->breath_circle, "expanded");
}

/* Callbacks */

static gboolean
on_breath_timeout (gpointer user_data)
{
  BekalBreakPage *self = BEKAL_BREAK_PAGE (user_data);

  self->phase = (self->phase + 1) % 4;
  show_phase (self);

  return G_SOURCE_CONTINUE;
}

/* Overrides */

static void
bekal_break_page_map (GtkWidget *widget)
{
  BekalBreakPage *self = BEKAL_BREAK_PAGE (widget);

  GTK_WIDGET_CLASS (bekal_break_page_parent_class)->map (widget);

  self->phase = 0;
  show_phase (self);
  g_clear_handle_id (&self->breath_source, g_source_remove);
  self->breath_source = g_timeout_add_seconds (BREATH_PHASE_SECONDS, on_breath_timeout, self);
}

static void
bekal_break_page_unmap (GtkWidget *widget)
{
  BekalBreakPage *self = BEKAL_BREAK_PAGE (widget);

  g_clear_handle_id (&self->breath_source, g_source_remove);

  GTK_WIDGET_CLASS (bekal_break_page_parent_class)->unmap (widget);
}

static void
bekal_break_page_dispose (GObject *object)
{
  BekalBreakPage *self = BEKAL_BREAK_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->breath_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_BREAK_PAGE);
  /* the top box of the template is a plain child of this widget */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bekal_break_page_parent_class)->dispose (object);
}

static void
bekal_break_page_class_init (BekalBreakPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_break_page_dispose;
  widget_class->map = bekal_break_page_map;
  widget_class->unmap = bekal_break_page_unmap;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-break-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalBreakPage, breath_circle);
  gtk_widget_class_bind_template_child (widget_class, BekalBreakPage, breath_label);
  gtk_widget_class_bind_template_child (widget_class, BekalBreakPage, return_button);
}

static void
bekal_break_page_init (BekalBreakPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
bekal_break_page_focus_return (BekalBreakPage *self)
{
  g_return_if_fail (BEKAL_IS_BREAK_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->return_button));
}
