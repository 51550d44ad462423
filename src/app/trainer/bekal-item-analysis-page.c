/* bekal-item-analysis-page.c: the trainer's view of how each question of the pre-tests and
 * post-tests behaves (item analysis), with a hint for the module's author
 *
 * One boxed list per test: its figures (learners, mean, Cronbach's alpha, standard error) in
 * the heading, one row per question with its facility, standard deviation, discrimination and
 * efficiency, how often each option was chosen, and, for a flagged question, a warning icon
 * and the plain-language hints of bekal_item_flag_hint().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-item-analysis.h>
#include <bekal/bekal-model.h>
#include <bekal/bekal-text.h>

#include "bekal-item-analysis-page.h"
#include "bekal-paper-export.h"

struct _BekalItemAnalysisPage
{
  GtkWidget     parent_instance;

  GPtrArray    *tests;        /* BekalTestStats */
  GPtrArray    *modules;      /* BekalModule, for titles */
  char         *data_dir;
  GCancellable *cancellable;  /* of the computation under way */
  GCancellable *pdf_cancellable; /* of the PDF being written */
  guint         n_items;
  guint         n_flagged;

  AdwToastOverlay *toast_overlay;
  GtkStack     *stack;
  GtkBox       *tests_box;
  GtkButton    *pdf_button;
};

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BekalItemAnalysisPage, bekal_item_analysis_page, GTK_TYPE_WIDGET)

/* Helpers */

static BekalModule *
find_module (BekalItemAnalysisPage *self,
             const char            *module_id)
{
  for (guint i = 0; self->modules != NULL && i < self->modules->len; i++)
    {
      BekalModule *module = g_ptr_array_index (self->modules, i);

      if (g_str_equal (bekal_module_get_id (module), module_id))
        return module;
    }

  return NULL;
}

/* A figure with two decimals, or a dash when it cannot be computed */
static char *
format_figure (double value)
{
  if (isnan (value))
    return g_strdup ("—");

  return g_strdup_printf ("%.2f", value);
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable == NULL)
    return;

  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
clear_tests_box (BekalItemAnalysisPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tests_box))) != NULL)
    gtk_box_remove (self->tests_box, child);
}

static char *
dup_options_text (const BekalItemStats *item)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; item->options != NULL && i < item->options->len; i++)
    {
      const BekalItemOption *option = g_ptr_array_index (item->options, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: an option of a question and how often it was chosen, e.g. "b 62 %" */
      g_string_append_printf (text, _("%s %.0f %%"), option->option_id, option->fraction * 100);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
make_item_row (BekalItemAnalysisPage *self,
               BekalModule           *module,
               const BekalItemStats  *item)
{
  BekalQuestion *question = NULL;
  const char *prompt = NULL;
  g_autofree char *facility = format_figure (item->facility);
  g_autofree char *sd = format_figure (item->sd);
  g_autofree char *discrimination = format_figure (item->discrimination);
  g_autofree char *efficiency = format_figure (item->efficiency);
  g_autofree char *options = dup_options_text (item);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();

  if (module != NULL)
    question = bekal_module_find_question (module, item->question_id);
  if (question != NULL)
    prompt = bekal_text_get_plain (bekal_question_get_prompt (question));

  /* module text is never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 prompt != NULL && *prompt != '\0' ? prompt : item->question_id);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  g_string_append_printf (subtitle,
                          /* TRANSLATORS: the figures of one question in the item analysis */
                          _("Facility %s · SD %s · Discrimination %s · Efficiency %s · "
                            "%u answers"),
                          facility, sd, discrimination, efficiency, item->n);
  if (options[0] != '\0')
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Chosen: %s"), options);
    }
  for (guint flag = BEKAL_ITEM_FLAG_TOO_HARD; flag <= BEKAL_ITEM_FLAG_LOW_DISCRIMINATION;
       flag <<= 1)
    if (item->flags & flag)
      {
        g_string_append (subtitle, "\n⚠ ");
        g_string_append (subtitle, bekal_item_flag_hint (flag));
      }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (item->flags != BEKAL_ITEM_FLAG_NONE)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Look at this question"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      self->n_flagged++;
    }

  return row;
}

static GtkWidget *
make_test (BekalItemAnalysisPage *self,
           const BekalTestStats  *test)
{
  BekalModule *module = find_module (self, test->module_id);
  BekalQuiz *quiz = module != NULL ? bekal_module_find_quiz (module, test->quiz_id) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *alpha = format_figure (test->alpha);
  g_autofree char *sem = format_figure (test->sem);
  g_autofree char *figures = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title, *description, *list;

  /* TRANSLATORS: the heading of one test in the item analysis: module — test */
  heading = g_strdup_printf (_("%s — %s"),
                             module != NULL ? bekal_module_get_title (module) : test->module_id,
                             quiz != NULL ? bekal_quiz_get_title (quiz) : test->quiz_id);
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), title);

  figures = g_strdup_printf (/* TRANSLATORS: the figures of one test in the item analysis */
                             _("%u learners · %u questions · mean %.1f (SD %.1f) points · "
                               "Cronbach's alpha %s · standard error of measurement %s points"),
                             test->n_attempts, test->n_items, test->mean,
                             isnan (test->sd) ? 0.0 : test->sd, alpha, sem);
  description = gtk_label_new (figures);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), description);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  for (guint i = 0; test->items != NULL && i < test->items->len; i++)
    {
      gtk_list_box_append (GTK_LIST_BOX (list),
                           make_item_row (self, module, g_ptr_array_index (test->items, i)));
      self->n_items++;
    }
  gtk_widget_set_margin_top (list, 6);
  gtk_box_append (GTK_BOX (box), list);

  return box;
}

static void
show_tests (BekalItemAnalysisPage *self,
            GPtrArray             *tests)
{
  clear_tests_box (self);
  g_clear_pointer (&self->tests, g_ptr_array_unref);
  self->tests = tests;
  self->n_items = 0;
  self->n_flagged = 0;

  for (guint i = 0; i < self->tests->len; i++)
    gtk_box_append (self->tests_box, make_test (self, g_ptr_array_index (self->tests, i)));

  gtk_stack_set_visible_child_name (self->stack, self->tests->len > 0 ? "tests" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), self->pdf_cancellable == NULL);
}

static void
show_error_dialog (BekalItemAnalysisPage *self,
                   const char            *heading,
                   const char            *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Runs in a worker thread, on a connection of its own */
static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *data_dir = task_data;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tests;

  store = bekal_store_open (data_dir, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tests = bekal_item_analysis_run (store, NULL, &error);
  if (tests == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tests, (GDestroyNotify) g_ptr_array_unref);
}

/* Callbacks */

static void
on_computed (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  BekalItemAnalysisPage *self;
  GPtrArray *tests;

  /* the page went away or was asked again: it must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_ITEM_ANALYSIS_PAGE (user_data);
  g_clear_object (&self->cancellable);
  tests = g_task_propagate_pointer (task, &error);
  if (tests == NULL)
    {
      show_error_dialog (self, _("The Item Analysis Cannot Be Computed"), error->message);
      tests = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_test_stats_free);
    }
  show_tests (self, tests);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = user_data;
  BekalItemAnalysisPage *self;
  gboolean written = bekal_paper_export_finish (result, &error);

  /* the page went away: it must not be touched */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_object_get_data (G_OBJECT (file), "bekal-item-analysis-page");
  g_clear_object (&self->pdf_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), TRUE);
  if (!written)
    {
      g_autofree char *message = g_strdup_printf (_("Choose another folder, or free some space, "
                                                    "and export again.\n\n%s"), error->message);

      show_error_dialog (self, _("The PDF Was Not Saved"), message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 4);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file, error);
}

static void
on_pdf_chosen (GtkWidget *widget,
               GFile     *file,
               gpointer   user_data)
{
  if (widget != NULL && file != NULL)
    bekal_item_analysis_page_export_pdf_to_file (BEKAL_ITEM_ANALYSIS_PAGE (widget), file);
}

static void
on_pdf_clicked (BekalItemAnalysisPage *self)
{
  /* TRANSLATORS: the suggested file name of the item analysis PDF; keep ".pdf" */
  bekal_paper_export_choose_file (GTK_WIDGET (self), _("Export the Item Analysis as PDF"),
                                  _("bekal-item-analysis.pdf"), on_pdf_chosen, NULL);
}

/* Overrides */

static void
bekal_item_analysis_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  BekalItemAnalysisPage *self = BEKAL_ITEM_ANALYSIS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, bekal_item_analysis_page_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_item_analysis_page_dispose (GObject *object)
{
  BekalItemAnalysisPage *self = BEKAL_ITEM_ANALYSIS_PAGE (object);

  cancel (&self->cancellable);
  cancel (&self->pdf_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_ITEM_ANALYSIS_PAGE);
  g_clear_pointer (&self->modules, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_item_analysis_page_parent_class)->dispose (object);
}

static void
bekal_item_analysis_page_finalize (GObject *object)
{
  BekalItemAnalysisPage *self = BEKAL_ITEM_ANALYSIS_PAGE (object);

  g_clear_pointer (&self->tests, g_ptr_array_unref);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (bekal_item_analysis_page_parent_class)->finalize (object);
}

static void
bekal_item_analysis_page_class_init (BekalItemAnalysisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bekal_item_analysis_page_get_property;
  object_class->dispose = bekal_item_analysis_page_dispose;
  object_class->finalize = bekal_item_analysis_page_finalize;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-item-analysis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalItemAnalysisPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalItemAnalysisPage, tests_box);
  gtk_widget_class_bind_template_child (widget_class, BekalItemAnalysisPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BekalItemAnalysisPage, pdf_button);
  gtk_widget_class_bind_template_callback (widget_class, on_pdf_clicked);

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR);
}

static void
bekal_item_analysis_page_init (BekalItemAnalysisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
bekal_item_analysis_page_new (void)
{
  return g_object_new (BEKAL_TYPE_ITEM_ANALYSIS_PAGE, NULL);
}

void
bekal_item_analysis_page_load (BekalItemAnalysisPage *self,
                               BekalStore            *store,
                               GPtrArray             *modules)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BEKAL_IS_ITEM_ANALYSIS_PAGE (self));
  g_return_if_fail (BEKAL_IS_STORE (store));

  g_clear_pointer (&self->modules, g_ptr_array_unref);
  if (modules != NULL)
    self->modules = g_ptr_array_ref (modules);

  cancel (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  g_free (self->data_dir);
  self->data_dir = g_strdup (bekal_store_get_data_dir (store));

  /* no source object: the task must not keep a page that went away alive */
  task = g_task_new (NULL, self->cancellable, on_computed, self);
  g_task_set_source_tag (task, bekal_item_analysis_page_load);
  g_task_set_task_data (task, g_strdup (bekal_store_get_data_dir (store)), g_free);
  g_task_run_in_thread (task, compute_in_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
bekal_item_analysis_page_is_loading (BekalItemAnalysisPage *self)
{
  g_return_val_if_fail (BEKAL_IS_ITEM_ANALYSIS_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}

guint
bekal_item_analysis_page_get_n_tests (BekalItemAnalysisPage *self)
{
  g_return_val_if_fail (BEKAL_IS_ITEM_ANALYSIS_PAGE (self), 0);

  return self->tests != NULL ? self->tests->len : 0;
}

guint
bekal_item_analysis_page_get_n_items (BekalItemAnalysisPage *self)
{
  g_return_val_if_fail (BEKAL_IS_ITEM_ANALYSIS_PAGE (self), 0);

  return self->n_items;
}

guint
bekal_item_analysis_page_get_n_flagged (BekalItemAnalysisPage *self)
{
  g_return_val_if_fail (BEKAL_IS_ITEM_ANALYSIS_PAGE (self), 0);

  return self->n_flagged;
}

void
bekal_item_analysis_page_export_pdf_to_file (BekalItemAnalysisPage *self,
                                             GFile                 *file)
{
  BekalPaperExportRequest request = { BEKAL_PAPER_EXPORT_ITEM_ANALYSIS, };
  GFile *target;

  g_return_if_fail (BEKAL_IS_ITEM_ANALYSIS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->data_dir != NULL);

  /* what the page shows, computed already */
  request.data_dir = self->data_dir;
  request.tests = self->tests;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
  cancel (&self->pdf_cancellable);
  self->pdf_cancellable = g_cancellable_new ();
  /* the callback gets the file and, through it, the page (valid unless cancelled) */
  target = g_file_dup (file);
  g_object_set_data (G_OBJECT (target), "bekal-item-analysis-page", self);
  bekal_paper_export_async (&request, target, self->pdf_cancellable, on_pdf_written, target);
}
