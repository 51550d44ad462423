/* bekal-block-widgets.c: widgets for the blocks of a lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bekal-block-widgets.h"
#include "bekal-image.h"
#include "bekal-media-block.h"
#include "bekal-practice-card.h"
#include "bekal-reflection-block.h"

#define TERM_URI_PREFIX "term:"
/* the widest a figure is shown: the lesson column (bekal-lesson-view.ui) */
#define FIGURE_MAX_WIDTH 720

/* What a label of module text keeps: the module whose glossary its terms open, and where it
 * was last pressed (the glossary popover points there) */
typedef struct
{
  BekalModule  *module;
  GdkRectangle  press;
  gboolean      pressed;
} TextLabel;

/* Helpers */

static void
text_label_free (gpointer  data,
                 GClosure *closure)
{
  TextLabel *text_label = data;

  g_clear_object (&text_label->module);
  g_free (text_label);
}

static GtkWidget *
create_glossary_popover (const BekalGlossaryEntry *entry)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *term = gtk_label_new (entry->term);
  GtkWidget *definition = gtk_label_new (entry->definition);

  gtk_label_set_xalign (GTK_LABEL (term), 0);
  gtk_label_set_wrap (GTK_LABEL (term), TRUE);
  gtk_widget_add_css_class (term, "heading");
  gtk_label_set_xalign (GTK_LABEL (definition), 0);
  gtk_label_set_wrap (GTK_LABEL (definition), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (definition), 40);
  /* not selectable: the popover would open with the whole definition selected */
  gtk_label_set_selectable (GTK_LABEL (definition), FALSE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), term);
  gtk_box_append (GTK_BOX (box), definition);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_add_css_class (popover, "glossary-popover");
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry->term, -1);

  return popover;
}

static void
on_label_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TextLabel       *text_label)
{
  text_label->press = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  text_label->pressed = TRUE;
}

static gboolean
unparent_popover_idle (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);

  return G_SOURCE_REMOVE;
}

static void
on_popover_closed (GtkPopover *popover)
{
  /* GTK still uses the popover while it emits "closed" */
  g_idle_add (unparent_popover_idle, g_object_ref (popover));
}

static void
on_label_destroy (GtkWidget *label)
{
  GtkWidget *child = gtk_widget_get_first_child (label);

  /* a glossary popover is a child of the label and goes with it */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_POPOVER (child))
        gtk_widget_unparent (child);
      child = next;
    }
}

static gboolean
on_activate_link (GtkLabel   *label,
                  const char *uri,
                  TextLabel  *text_label)
{
  BekalModule *module = text_label->module;
  const BekalGlossaryEntry *entry = NULL;
  GtkWidget *popover;

  /* no link may leave the app: modules are content, not a way to open other programs */
  if (!g_str_has_prefix (uri, TERM_URI_PREFIX) || module == NULL)
    return TRUE;

  entry = bekal_module_find_glossary_entry (module, uri + strlen (TERM_URI_PREFIX));
  if (entry == NULL)
    return TRUE;

  popover = create_glossary_popover (entry);
  gtk_widget_set_parent (popover, GTK_WIDGET (label));
  if (text_label->pressed)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), &text_label->press);
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  text_label->pressed = FALSE;

  return TRUE;
}

static GtkWidget *
create_plain_label (const char *text,
                    const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
create_list (BekalBlock              *block,
             const BekalBlockContext *context)
{
  GtkWidget *grid = gtk_grid_new ();
  gboolean numbered = bekal_block_get_list_numbered (block);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "lesson-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  numbered ? _("Numbered list") : _("List"), -1);

  for (guint i = 0; i < bekal_block_get_n_items (block); i++)
    {
      g_autofree char *marker_text = numbered ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      GtkWidget *marker = gtk_label_new (marker_text);
      GtkWidget *item = bekal_text_label_new (bekal_block_get_item (block, i), context->module);

      gtk_label_set_xalign (GTK_LABEL (marker), 1);
      gtk_label_set_yalign (GTK_LABEL (marker), 0);
      gtk_widget_set_valign (marker, GTK_ALIGN_START);
      gtk_widget_add_css_class (marker, "list-marker");
      gtk_widget_set_hexpand (item, TRUE);
      gtk_grid_attach (GTK_GRID (grid), marker, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), item, 1, i, 1, 1);
    }

  return grid;
}

static GtkWidget *
create_note (BekalBlock              *block,
             const BekalBlockContext *context)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon;
  GtkWidget *title;
  const char *icon_name;
  const char *css_class;
  const char *kind;

  switch (bekal_block_get_note_kind (block))
    {
    case BEKAL_NOTE_IMPORTANT:
      icon_name = "dialog-warning-symbolic";
      css_class = "note-important";
      kind = _("Important");
      break;
    case BEKAL_NOTE_CARE:
      icon_name = "emblem-favorite-symbolic";
      css_class = "note-care";
      kind = _("Take care");
      break;
    case BEKAL_NOTE_TIP:
    default:
      icon_name = "dialog-information-symbolic";
      css_class = "note-tip";
      kind = _("Tip");
      break;
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  title = create_plain_label (kind, "heading");
  gtk_label_set_selectable (GTK_LABEL (title), FALSE);

  gtk_box_append (GTK_BOX (inner), title);
  gtk_box_append (GTK_BOX (inner), bekal_text_label_new (bekal_block_get_text (block),
                                                         context->module));
  gtk_widget_set_hexpand (inner, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), inner);
  gtk_widget_add_css_class (box, "lesson-note");
  gtk_widget_add_css_class (box, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);

  return box;
}

static GtkWidget *
create_figure (BekalBlock              *block,
               const BekalBlockContext *context)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *image = bekal_image_new (FIGURE_MAX_WIDTH);
  GtkPicture *picture = bekal_image_get_picture (BEKAL_IMAGE (image));
  GtkWidget *caption = bekal_text_label_new (bekal_block_get_text (block), context->module);
  const char *alt = bekal_block_get_figure_alt (block);

  gtk_picture_set_can_shrink (picture, TRUE);
  gtk_picture_set_content_fit (picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (image, -1, 160);
  if (alt == NULL)
    alt = bekal_text_get_plain (bekal_block_get_text (block));
  gtk_picture_set_alternative_text (picture, alt);
  gtk_widget_add_css_class (GTK_WIDGET (picture), "lesson-figure");
  gtk_widget_add_css_class (caption, "caption-text");
  /* decoded in a worker thread once on screen; a placeholder says when it cannot be shown */
  bekal_image_set_filename (BEKAL_IMAGE (image), bekal_block_get_figure_path (block));
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), caption);

  return box;
}

/* Public API */

GtkWidget *
bekal_text_label_new (BekalText   *text,
                      BekalModule *module)
{
  g_autofree char *markup = bekal_text_to_pango_markup_full (text, BEKAL_TEXT_MARKUP_TERM_LINKS);
  GtkWidget *label = create_plain_label (NULL, NULL);
  GtkGesture *press = gtk_gesture_click_new ();
  TextLabel *text_label = g_new0 (TextLabel, 1);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  text_label->module = module != NULL ? g_object_ref (module) : NULL;
  /* the label's data lives as long as its link handler */
  g_signal_connect_data (label, "activate-link", G_CALLBACK (on_activate_link), text_label,
                         text_label_free, 0);
  g_signal_connect (label, "destroy", G_CALLBACK (on_label_destroy), NULL);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_label_pressed), text_label);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (press));

  return label;
}

BekalLearnerContext *
bekal_block_context_dup_learner (const BekalBlockContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);

  if (context->learner != NULL)
    return g_object_ref (context->learner);
  return bekal_learner_context_new (context->store, context->profile_id, NULL, context->module,
                                    context->settings);
}

gboolean
bekal_block_widget_is_loading (GtkWidget *widget)
{
  GtkWidget *first;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* a figure is a box with its image first */
  first = gtk_widget_get_first_child (widget);
  return first != NULL && BEKAL_IS_IMAGE (first) && bekal_image_is_loading (BEKAL_IMAGE (first));
}

GtkWidget *
bekal_block_widget_new (BekalBlock              *block,
                        const BekalBlockContext *context)
{
  GtkWidget *widget = NULL;

  g_return_val_if_fail (BEKAL_IS_BLOCK (block), NULL);

  switch (bekal_block_get_kind (block))
    {
    case BEKAL_BLOCK_HEADING:
      widget = bekal_text_label_new (bekal_block_get_text (block), context->module);
      gtk_widget_add_css_class (widget, "lesson-heading");
      break;
    case BEKAL_BLOCK_PARAGRAPH:
      widget = bekal_text_label_new (bekal_block_get_text (block), context->module);
      gtk_widget_add_css_class (widget, "lesson-paragraph");
      break;
    case BEKAL_BLOCK_LIST:
      widget = create_list (block, context);
      break;
    case BEKAL_BLOCK_NOTE:
      widget = create_note (block, context);
      break;
    case BEKAL_BLOCK_FIGURE:
      widget = create_figure (block, context);
      break;
    case BEKAL_BLOCK_VIDEO:
    case BEKAL_BLOCK_AUDIO:
      widget = bekal_media_block_new (bekal_block_get_media (block), context);
      break;
    case BEKAL_BLOCK_REFLECTION:
      widget = bekal_reflection_block_new (block, context);
      break;
    case BEKAL_BLOCK_QUIZ:
    default:
      widget = bekal_practice_card_new (block, context);
      break;
    }

  gtk_widget_add_css_class (widget, "lesson-block");
  return widget;
}
