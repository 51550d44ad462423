/* bekal-my-results-page.c: every attempt of the learner per module, and mastery per topic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-report.h>

#include "bekal-my-results-page.h"
#include "bekal-quiz-widgets.h"

struct _BekalMyResultsPage
{
  GtkWidget  parent_instance;

  guint      n_attempts;
  GPtrArray *module_groups; /* the widgets added to modules_box */
  GPtrArray *modules;       /* BekalModule, of the reading under way or shown */
  GCancellable *cancellable; /* of the reading under way */

  GtkStack  *stack;
  GtkBox    *modules_box;
  GtkButton *pin_button;
};

/* What the worker thread reads for one module */
typedef struct
{
  GPtrArray *attempts;  /* BekalQuizAttempt, or NULL when they could not be read */
  GPtrArray *mastery;   /* BekalTopicMastery, or NULL */
} ModuleResults;

/* What it is asked to read */
typedef struct
{
  char   *data_dir;
  gint64  profile_id;
  GStrv   module_ids;
} Query;

G_DEFINE_FINAL_TYPE (BekalMyResultsPage, bekal_my_results_page, GTK_TYPE_WIDGET)

/* Helpers */

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_seconds);

  if (time == NULL)
    return g_strdup ("—");

  /* TRANSLATORS: the date and time of a quiz attempt; see g_date_time_format () */
  return g_date_time_format (time, _("%-d %B %Y, %H:%M"));
}

static char *
describe_attempt (BekalQuizAttempt *attempt)
{
  g_autofree char *score = NULL;

  if (attempt->finished_at == 0)
    return g_strdup (_("Not finished yet"));

  score = bekal_quiz_format_score (attempt->score);
  switch (attempt->verdict)
    {
    case BEKAL_QUIZ_VERDICT_PASSED:
      /* TRANSLATORS: a finished attempt: its score and verdict */
      return g_strdup_printf (_("Score %s · Passed"), score);
    case BEKAL_QUIZ_VERDICT_FAILED:
      return g_strdup_printf (_("Score %s · Not passed yet"), score);
    case BEKAL_QUIZ_VERDICT_NONE:
    default:
      return g_strdup_printf (_("Score %s"), score);
    }
}

static GtkWidget *
create_attempt_row (BekalModule      *module,
                    BekalQuizAttempt *attempt)
{
  GtkWidget *row = adw_action_row_new ();
  BekalQuiz *quiz = bekal_module_find_quiz (module, attempt->quiz_id);
  const char *quiz_title = quiz != NULL ? bekal_quiz_get_title (quiz) : NULL;
  g_autofree char *when = format_time (attempt->started_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = describe_attempt (attempt);
  GtkWidget *icon;

  if (quiz_title != NULL && quiz_title[0] != '\0')
    /* TRANSLATORS: a quiz attempt: the quiz role, the quiz title and the date */
    title = g_strdup_printf (_("%s: %s · %s"), bekal_quiz_role_display_name (attempt->role),
                             quiz_title, when);
  else
    title = g_strdup_printf (_("%s · %s"), bekal_quiz_role_display_name (attempt->role), when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  icon = gtk_image_new_from_icon_name (attempt->finished_at == 0 ? "media-playback-pause-symbolic"
                                       : attempt->verdict == BEKAL_QUIZ_VERDICT_PASSED
                                       ? "object-select-symbolic"
                                       : "document-edit-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static GtkWidget *
create_mastery_row (BekalModule       *module,
                    BekalTopicMastery *mastery)
{
  GtkWidget *row = adw_action_row_new ();
  const BekalTopic *topic = bekal_module_find_topic (module, mastery->topic_id);
  const char *name = topic != NULL ? topic->name : mastery->topic_id;
  g_autofree char *percent = bekal_quiz_format_score (mastery->score);
  g_autofree char *when = format_time (mastery->finished_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *bar_name = NULL;
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *label = gtk_label_new (percent);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer, quiz of %s",
                                           "%u answers, quiz of %s", mastery->n_answers),
                              mastery->n_answers, when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (mastery->score, 0, 1));
  gtk_widget_set_size_request (bar, 140, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "quiz-topic-bar");
  bar_name = g_strdup_printf (_("%s: %s"), name, percent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_name,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent, -1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_size_request (label, 48, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static void
clear_modules (BekalMyResultsPage *self)
{
  for (guint i = 0; i < self->module_groups->len; i++)
    gtk_box_remove (self->modules_box, g_ptr_array_index (self->module_groups, i));
  g_ptr_array_set_size (self->module_groups, 0);
  self->n_attempts = 0;
}

static void
module_results_free (ModuleResults *results)
{
  g_clear_pointer (&results->attempts, g_ptr_array_unref);
  g_clear_pointer (&results->mastery, g_ptr_array_unref);
  g_free (results);
}

static void
query_free (Query *query)
{
  g_free (query->data_dir);
  g_strfreev (query->module_ids);
  g_free (query);
}

/* Runs in a worker thread, on a connection of its own */
static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(GPtrArray) results =
    g_ptr_array_new_with_free_func ((GDestroyNotify) module_results_free);
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = bekal_store_open (query->data_dir, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; query->module_ids[i] != NULL; i++)
    {
      ModuleResults *module_results = g_new0 (ModuleResults, 1);
      const char *module_id = query->module_ids[i];

      if (g_task_return_error_if_cancelled (task))
        {
          module_results_free (module_results);
          return;
        }

      module_results->attempts = bekal_store_list_attempts (store, query->profile_id, module_id,
                                                            NULL, &error);
      if (module_results->attempts == NULL)
        g_warning ("Cannot list the attempts at %s: %s", module_id, error->message);
      g_clear_error (&error);
      if (module_results->attempts != NULL && module_results->attempts->len > 0)
        {
          module_results->mastery = bekal_report_mastery (store, query->profile_id, module_id,
                                                          &error);
          if (module_results->mastery == NULL)
            g_warning ("Cannot compute the mastery in %s: %s", module_id, error->message);
          g_clear_error (&error);
        }
      g_ptr_array_add (results, module_results);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

static void
add_module (BekalMyResultsPage *self,
            BekalModule        *module,
            ModuleResults      *results)
{
  GPtrArray *attempts = results->attempts;
  GPtrArray *mastery = results->mastery;
  GtkWidget *group;
  GtkWidget *mastery_group;
  GtkWidget *box;

  if (attempts == NULL || attempts->len == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), bekal_module_get_title (module));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Attempts"));
  /* newest first: the learner looks for the latest result */
  for (guint i = attempts->len; i > 0; i--)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 create_attempt_row (module, g_ptr_array_index (attempts, i - 1)));
      self->n_attempts++;
    }
  gtk_box_append (GTK_BOX (box), group);

  if (mastery != NULL && mastery->len > 0)
    {
      mastery_group = adw_preferences_group_new ();
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (mastery_group),
                                             _("Mastery per topic"));
      for (guint i = 0; i < mastery->len; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (mastery_group),
                                   create_mastery_row (module, g_ptr_array_index (mastery, i)));
      gtk_box_append (GTK_BOX (box), mastery_group);
    }

  gtk_box_append (self->modules_box, box);
  g_ptr_array_add (self->module_groups, box);
}

/* Callbacks */

static void
on_read (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  BekalMyResultsPage *self;

  /* the page went away or was asked again: it must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_MY_RESULTS_PAGE (user_data);
  g_clear_object (&self->cancellable);
  results = g_task_propagate_pointer (task, &error);
  if (results == NULL)
    g_warning ("Cannot read the results: %s", error->message);

  for (guint i = 0; results != NULL && i < results->len && i < self->modules->len; i++)
    add_module (self, g_ptr_array_index (self->modules, i), g_ptr_array_index (results, i));

  gtk_stack_set_visible_child_name (self->stack, self->n_attempts > 0 ? "results" : "empty");
}

/* Overrides */

static void
bekal_my_results_page_dispose (GObject *object)
{
  BekalMyResultsPage *self = BEKAL_MY_RESULTS_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_ptr_array_set_size (self->module_groups, 0);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_MY_RESULTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bekal_my_results_page_parent_class)->dispose (object);
}

static void
bekal_my_results_page_finalize (GObject *object)
{
  BekalMyResultsPage *self = BEKAL_MY_RESULTS_PAGE (object);

  g_ptr_array_unref (self->module_groups);

  G_OBJECT_CLASS (bekal_my_results_page_parent_class)->finalize (object);
}

static void
bekal_my_results_page_class_init (BekalMyResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bekal_my_results_page_dispose;
  object_class->finalize = bekal_my_results_page_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-my-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalMyResultsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalMyResultsPage, modules_box);
  gtk_widget_class_bind_template_child (widget_class, BekalMyResultsPage, pin_button);
}

static void
bekal_my_results_page_init (BekalMyResultsPage *self)
{
  bekal_quiz_widgets_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->module_groups = g_ptr_array_new ();
}

/* Public API */

GtkWidget *
bekal_my_results_page_new (void)
{
  return g_object_new (BEKAL_TYPE_MY_RESULTS_PAGE, NULL);
}

void
bekal_my_results_page_load (BekalMyResultsPage *self,
                            BekalStore         *store,
                            gint64              profile_id,
                            GPtrArray          *modules)
{
  g_autoptr(GTask) task = NULL;
  Query *query;

  g_return_if_fail (BEKAL_IS_MY_RESULTS_PAGE (self));
  g_return_if_fail (BEKAL_IS_STORE (store));
  g_return_if_fail (modules != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_modules (self);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  self->modules = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < modules->len; i++)
    g_ptr_array_add (self->modules, g_object_ref (g_ptr_array_index (modules, i)));

  query = g_new0 (Query, 1);
  query->data_dir = g_strdup (bekal_store_get_data_dir (store));
  query->profile_id = profile_id;
  query->module_ids = g_new0 (char *, modules->len + 1);
  for (guint i = 0; i < modules->len; i++)
    query->module_ids[i] = g_strdup (bekal_module_get_id (g_ptr_array_index (modules, i)));

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  /* no source object: the task must not keep a page that went away alive */
  task = g_task_new (NULL, self->cancellable, on_read, self);
  g_task_set_source_tag (task, bekal_my_results_page_load);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, read_in_thread);
}

gboolean
bekal_my_results_page_is_loading (BekalMyResultsPage *self)
{
  g_return_val_if_fail (BEKAL_IS_MY_RESULTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

guint
bekal_my_results_page_get_n_attempts (BekalMyResultsPage *self)
{
  g_return_val_if_fail (BEKAL_IS_MY_RESULTS_PAGE (self), 0);

  return self->n_attempts;
}

void
bekal_my_results_page_set_has_pin (BekalMyResultsPage *self,
                                   gboolean            has_pin)
{
  g_return_if_fail (BEKAL_IS_MY_RESULTS_PAGE (self));

  gtk_button_set_label (self->pin_button, has_pin ? _("Change or Remove _PIN…")
                                                  : _("Set a _PIN…"));
}
