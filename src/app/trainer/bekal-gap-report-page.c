/* bekal-gap-report-page.c: the trainer's view of the gap between trained and untrained
 * peksos, per module, topic and month, with a CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include <bekal/bekal-report.h>

#include "bekal-chart-view.h"
#include "bekal-gap-report-page.h"
#include "bekal-paper-export.h"

/* One row of the table: the report's row and the module that names it */
#define BEKAL_TYPE_GAP_ROW_ITEM (bekal_gap_row_item_get_type ())
G_DECLARE_FINAL_TYPE (BekalGapRowItem, bekal_gap_row_item, BEKAL, GAP_ROW_ITEM, GObject)

typedef enum
{
  COLUMN_MODULE,
  COLUMN_TOPIC,
  COLUMN_MONTH,
  COLUMN_UNTRAINED_PRE,
  COLUMN_UNTRAINED_POST,
  COLUMN_TRAINED_PRE,
  COLUMN_TRAINED_POST,
  COLUMN_PRE_GAP,
  COLUMN_POST_GAP,
  N_COLUMNS
} Column;

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

struct _BekalGapRowItem
{
  GObject      parent_instance;

  BekalGapRow *row;     /* owned by the page's rows, which outlive the items */
  BekalModule *module;  /* NULL when no module of the catalog has this id */
};

/* What the worker thread computes: the report and, per module, its learners and months */
typedef struct
{
  GPtrArray  *rows;     /* BekalGapRow */
  GHashTable *changes;  /* module id → GPtrArray of BekalLearnerChange */
  GHashTable *trends;   /* module id → GPtrArray of BekalMonthTrend */
} ReportData;

struct _BekalGapReportPage
{
  GtkWidget           parent_instance;

  GPtrArray          *rows;       /* BekalGapRow, all months */
  GHashTable         *changes;    /* module id → BekalLearnerChange array */
  GHashTable         *trends;     /* module id → BekalMonthTrend array */
  GPtrArray          *modules;    /* BekalModule, for titles */
  GListStore         *items;      /* BekalGapRowItem */
  GCancellable       *compute_cancellable; /* of the computation under way */
  GCancellable       *export_cancellable;  /* of the export under way */
  GCancellable       *pdf_cancellable;     /* of the PDF being written */
  char               *data_dir;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char              **month_values; /* "" (all time) then each month, as in the drop-down */
  GtkStringList      *month_labels;
  GtkFileChooserNative *chooser;

  AdwToastOverlay    *toast_overlay;
  GtkDropDown        *month_dropdown;
  GtkButton          *export_button;
  GtkButton          *pdf_button;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkBox             *charts_box;
  GtkBox             *changes_box;
  GtkBox             *trend_box;
};

/* The dumbbell chart's table lists at most this many learners: the CSV and the PDF have all */
#define MAX_TABLE_LEARNERS 60

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BekalGapRowItem, bekal_gap_row_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (BekalGapReportPage, bekal_gap_report_page, GTK_TYPE_WIDGET)

static void on_month_selected (BekalGapReportPage *self);

/* Row items */

static void
bekal_gap_row_item_finalize (GObject *object)
{
  BekalGapRowItem *self = BEKAL_GAP_ROW_ITEM (object);

  g_clear_object (&self->module);

  G_OBJECT_CLASS (bekal_gap_row_item_parent_class)->finalize (object);
}

static void
bekal_gap_row_item_class_init (BekalGapRowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bekal_gap_row_item_finalize;
}

static void
bekal_gap_row_item_init (BekalGapRowItem *self)
{
}

static BekalGapRowItem *
bekal_gap_row_item_new (BekalGapRow *row,
                        BekalModule *module)
{
  BekalGapRowItem *self = g_object_new (BEKAL_TYPE_GAP_ROW_ITEM, NULL);

  self->row = row;
  self->module = module != NULL ? g_object_ref (module) : NULL;
  return self;
}

/* Helpers */

static BekalModule *
find_module (BekalGapReportPage *self,
             const char         *module_id)
{
  for (guint i = 0; self->modules != NULL && i < self->modules->len; i++)
    {
      BekalModule *module = g_ptr_array_index (self->modules, i);

      if (g_str_equal (bekal_module_get_id (module), module_id))
        return module;
    }

  return NULL;
}

static char *
format_mean (double mean,
             guint  n)
{
  if (n == 0 || isnan (mean))
    /* TRANSLATORS: a group without learners in the gap report */
    return g_strdup (_("— (n=0)"));

  /* TRANSLATORS: a mean score in percent and the number of learners, e.g. "62.5 (n=4)" */
  return g_strdup_printf (_("%.1f (n=%u)"), mean, n);
}

static char *
format_difference (double difference)
{
  if (isnan (difference))
    return g_strdup ("—");

  return g_strdup_printf ("%+.1f", difference);
}

static const char *
selected_month (BekalGapReportPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->month_dropdown);

  if (self->month_values == NULL || selected >= g_strv_length (self->month_values))
    return "";

  return self->month_values[selected];
}

static char *
cell_text (BekalGapRowItem *item,
           Column           column)
{
  BekalGapRow *row = item->row;
  BekalModule *module = item->module;

  switch (column)
    {
    case COLUMN_MODULE:
      return g_strdup (module != NULL ? bekal_module_get_title (module) : row->module_id);
    case COLUMN_TOPIC:
      {
        const BekalTopic *topic = NULL;

        if (row->topic_id[0] == '\0')
          return g_strdup (_("Whole module"));
        if (module != NULL)
          topic = bekal_module_find_topic (module, row->topic_id);
        return g_strdup (topic != NULL ? topic->name : row->topic_id);
      }
    case COLUMN_MONTH:
      return g_strdup (row->month[0] == '\0' ? _("All time") : row->month);
    case COLUMN_UNTRAINED_PRE:
      return format_mean (row->untrained.pre_mean, row->untrained.pre_n);
    case COLUMN_UNTRAINED_POST:
      return format_mean (row->untrained.post_mean, row->untrained.post_n);
    case COLUMN_TRAINED_PRE:
      return format_mean (row->trained.pre_mean, row->trained.pre_n);
    case COLUMN_TRAINED_POST:
      return format_mean (row->trained.post_mean, row->trained.post_n);
    case COLUMN_PRE_GAP:
      return format_difference (row->pre_gap);
    case COLUMN_POST_GAP:
      return format_difference (row->post_gap);
    case N_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static void
show_error_dialog (BekalGapReportPage *self,
                   const char         *heading,
                   const char         *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static int
compare_months_newest_first (gconstpointer a,
                             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) b, *(const char * const *) a);
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
report_data_free (ReportData *data)
{
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->changes, g_hash_table_unref);
  g_clear_pointer (&data->trends, g_hash_table_unref);
  g_free (data);
}

/* Runs in a worker thread, on a connection of its own: the report may read for a while, or
 * wait for a lock another program holds */
static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *data_dir = task_data;
  g_autoptr(BekalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ReportData *data;

  store = bekal_store_open (data_dir, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ReportData, 1);
  data->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  data->trends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  data->rows = bekal_report_gap (store, &error);
  for (guint i = 0; data->rows != NULL && i < data->rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (data->rows, i);
      GPtrArray *changes, *trend;

      if (g_hash_table_contains (data->changes, row->module_id))
        continue;
      if (g_task_return_error_if_cancelled (task))
        {
          report_data_free (data);
          return;
        }
      changes = bekal_report_learner_changes (store, row->module_id, &error);
      trend = changes != NULL ? bekal_report_trend (store, row->module_id, &error) : NULL;
      if (trend == NULL)
        {
          g_clear_pointer (&changes, g_ptr_array_unref);
          break;
        }
      g_hash_table_insert (data->changes, g_strdup (row->module_id), changes);
      g_hash_table_insert (data->trends, g_strdup (row->module_id), trend);
    }

  if (error != NULL)
    {
      report_data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, data, (GDestroyNotify) report_data_free);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static char *
format_score (double score)
{
  return isnan (score) ? g_strdup ("—") : g_strdup_printf ("%.1f", score);
}

/* A chart's numbers as a table: @cells holds @n_columns strings a row, headers first; the
 * table is a grid of labels, so that a screen reader reads it cell by cell */
static GtkWidget *
table_new (const char *const *headers,
           guint              n_columns,
           GPtrArray         *cells,
           const char        *accessible_label)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_rows = cells->len / n_columns;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *label = gtk_label_new (headers[c]);

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (grid), label, (int) c, 0, 1, 1);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        GtkWidget *label = gtk_label_new (g_ptr_array_index (cells, r * n_columns + c));

        gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
        gtk_label_set_selectable (GTK_LABEL (label), FALSE);
        if (c == 0)
          {
            gtk_label_set_wrap (GTK_LABEL (label), TRUE);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
          }
        else
          gtk_widget_add_css_class (label, "numeric");
        gtk_grid_attach (GTK_GRID (grid), label, (int) c, (int) r + 1, 1, 1);
      }

  return grid;
}

/* A module's chart with its title, and its table one click away */
static void
append_chart (GtkBox     *box,
              const char *title,
              GtkWidget  *chart,
              GtkWidget  *table)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("Show as _table"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (box, label);
  gtk_widget_add_css_class (chart, "card");
  gtk_box_append (box, chart);
  gtk_expander_set_child (GTK_EXPANDER (expander), table);
  gtk_widget_set_margin_bottom (expander, 12);
  gtk_box_append (box, expander);
}

static const char *
module_title (BekalGapReportPage *self,
              const char         *module_id)
{
  BekalModule *module = find_module (self, module_id);

  return module != NULL ? bekal_module_get_title (module) : module_id;
}

static GtkWidget *
gap_table_new (BekalGapReportPage *self,
               const char         *module_id)
{
  const char *headers[] = {
    _("Topic"), _("Untrained, pre"), _("Untrained, post"), _("Trained, pre"), _("Trained, post"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  BekalModule *module = find_module (self, module_id);

  for (guint i = 0; i < self->rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (self->rows, i);
      BekalGapRowItem item = { .row = row, .module = module };

      if (!g_str_equal (row->module_id, module_id) || row->month[0] != '\0')
        continue;
      g_ptr_array_add (cells, cell_text (&item, COLUMN_TOPIC));
      g_ptr_array_add (cells, cell_text (&item, COLUMN_UNTRAINED_PRE));
      g_ptr_array_add (cells, cell_text (&item, COLUMN_UNTRAINED_POST));
      g_ptr_array_add (cells, cell_text (&item, COLUMN_TRAINED_PRE));
      g_ptr_array_add (cells, cell_text (&item, COLUMN_TRAINED_POST));
    }

  return table_new (headers, G_N_ELEMENTS (headers), cells, _("Gap per topic, as a table"));
}

static GtkWidget *
changes_table_new (GPtrArray *changes)
{
  const char *headers[] = {
    _("Learner"), _("Trained before"), _("Pre-test"), _("Post-test"), _("Change"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  for (guint i = 0; changes != NULL && i < changes->len && i < MAX_TABLE_LEARNERS; i++)
    {
      BekalLearnerChange *change = g_ptr_array_index (changes, i);

      g_ptr_array_add (cells, g_strdup (change->name));
      g_ptr_array_add (cells, g_strdup (change->trained_before ? _("Yes") : _("No")));
      g_ptr_array_add (cells, format_score (change->pre));
      g_ptr_array_add (cells, format_score (change->post));
      g_ptr_array_add (cells, format_difference (change->post - change->pre));
    }
  gtk_box_append (GTK_BOX (box), table_new (headers, G_N_ELEMENTS (headers), cells,
                                            _("Each learner's change, as a table")));
  if (changes != NULL && changes->len > MAX_TABLE_LEARNERS)
    {
      g_autofree char *more = g_strdup_printf (_("The first %u of %u learners; the PDF export "
                                                 "lists them all."),
                                               MAX_TABLE_LEARNERS, changes->len);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static GtkWidget *
trend_table_new (GPtrArray *months)
{
  const char *headers[] = { _("Month"), _("Pre-test"), _("Post-test") };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; months != NULL && i < months->len; i++)
    {
      BekalMonthTrend *month = g_ptr_array_index (months, i);

      g_ptr_array_add (cells, g_strdup (month->month));
      g_ptr_array_add (cells, format_mean (month->pre_mean, month->pre_n));
      g_ptr_array_add (cells, format_mean (month->post_mean, month->post_n));
    }

  return table_new (headers, G_N_ELEMENTS (headers), cells, _("Trend by month, as a table"));
}

/* Per module: the grouped bars, the dumbbells and the trend, each drawn by libbekal-paper as
 * in the PDF, each with its table */
static void
show_charts (BekalGapReportPage *self)
{
  const char *last = NULL;

  clear_box (self->charts_box);
  clear_box (self->changes_box);
  clear_box (self->trend_box);

  for (guint i = 0; i < self->rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (self->rows, i);
      GPtrArray *changes, *trend;
      GtkWidget *chart;
      const char *title;

      if (g_strcmp0 (last, row->module_id) == 0)
        continue;
      last = row->module_id;
      title = module_title (self, row->module_id);

      chart = bekal_chart_view_new (BEKAL_CHART_GAP);
      bekal_chart_view_set_data (BEKAL_CHART_VIEW (chart), self->rows, row->module_id);
      bekal_chart_view_set_module (BEKAL_CHART_VIEW (chart), find_module (self, row->module_id));
      append_chart (self->charts_box, title, chart, gap_table_new (self, row->module_id));

      changes = self->changes != NULL ? g_hash_table_lookup (self->changes, row->module_id) : NULL;
      chart = bekal_chart_view_new (BEKAL_CHART_CHANGES);
      bekal_chart_view_set_data (BEKAL_CHART_VIEW (chart), changes, row->module_id);
      append_chart (self->changes_box, title, chart, changes_table_new (changes));

      trend = self->trends != NULL ? g_hash_table_lookup (self->trends, row->module_id) : NULL;
      chart = bekal_chart_view_new (BEKAL_CHART_TREND);
      bekal_chart_view_set_data (BEKAL_CHART_VIEW (chart), trend, row->module_id);
      append_chart (self->trend_box, title, chart, trend_table_new (trend));
    }
}

static void
show_rows (BekalGapReportPage *self,
           GPtrArray          *rows)
{
  g_autoptr(GPtrArray) month_names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_list_store_remove_all (self->items);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;

  for (guint i = 0; i < self->rows->len; i++)
    {
      BekalGapRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(BekalGapRowItem) item = bekal_gap_row_item_new (row,
                                                                find_module (self,
                                                                             row->module_id));

      g_list_store_append (self->items, item);
      if (row->month[0] != '\0' && g_hash_table_add (seen, row->month))
        g_ptr_array_add (month_names, row->month);
    }
  g_ptr_array_sort (month_names, compare_months_newest_first);

  /* "All time" first, then the months, newest first */
  g_signal_handlers_block_by_func (self->month_dropdown, on_month_selected, self);
  g_strfreev (self->month_values);
  self->month_values = g_new0 (char *, month_names->len + 2);
  self->month_values[0] = g_strdup ("");
  gtk_string_list_splice (self->month_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->month_labels)), NULL);
  gtk_string_list_append (self->month_labels, _("All time"));
  for (guint i = 0; i < month_names->len; i++)
    {
      self->month_values[i + 1] = g_strdup (g_ptr_array_index (month_names, i));
      gtk_string_list_append (self->month_labels, self->month_values[i + 1]);
    }
  gtk_drop_down_set_selected (self->month_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->month_dropdown, on_month_selected, self);
  on_month_selected (self);

  show_charts (self);
  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "table" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->rows->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button),
                            self->rows->len > 0 && self->pdf_cancellable == NULL);
}

/* Callbacks */

static gboolean
filter_by_month (gpointer item,
                 gpointer user_data)
{
  BekalGapReportPage *self = BEKAL_GAP_REPORT_PAGE (user_data);
  BekalGapRowItem *row_item = BEKAL_GAP_ROW_ITEM (item);

  return g_strcmp0 (row_item->row->month, selected_month (self)) == 0;
}

static void
on_month_selected (BekalGapReportPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column >= COLUMN_UNTRAINED_PRE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  BekalGapRowItem *row_item = BEKAL_GAP_ROW_ITEM (gtk_list_item_get_item (item));
  g_autofree char *text = cell_text (row_item, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COLUMN_TOPIC && row_item->row->topic_id[0] == '\0')
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
on_computed (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  BekalGapReportPage *self;
  ReportData *data;
  GPtrArray *rows;

  /* the page went away or was asked again: it must not be touched */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = BEKAL_GAP_REPORT_PAGE (user_data);
  g_clear_object (&self->compute_cancellable);
  data = g_task_propagate_pointer (task, &error);
  g_clear_pointer (&self->changes, g_hash_table_unref);
  g_clear_pointer (&self->trends, g_hash_table_unref);
  if (data == NULL)
    {
      show_error_dialog (self, _("The Report Cannot Be Computed"), error->message);
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_gap_row_free);
    }
  else
    {
      rows = g_steal_pointer (&data->rows);
      self->changes = g_steal_pointer (&data->changes);
      self->trends = g_steal_pointer (&data->trends);
      report_data_free (data);
    }
  show_rows (self, rows);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_replace_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  BekalGapReportPage *self;
  gboolean written = g_file_replace_contents_finish (file, result, NULL, &error);

  /* the page went away (or the export was given up): it must not be touched */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BEKAL_GAP_REPORT_PAGE (user_data);
  g_clear_object (&self->export_cancellable);
  if (!written)
    {
      /* the message of the error names the file already */
      g_autofree char *message = g_strdup_printf (_("Choose another folder, or free some space, "
                                                    "and export again.\n\n%s"), error->message);

      show_error_dialog (self, _("The Report Was Not Saved"), message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 4);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file, error);
}

static void
on_chooser_response (GtkNativeDialog    *dialog,
                     int                 response,
                     BekalGapReportPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        bekal_gap_report_page_export_to_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
on_export_clicked (BekalGapReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export the Gap Report"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* TRANSLATORS: the suggested file name of the exported report; keep ".csv" */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("bekal-gap-report.csv"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = user_data;
  BekalGapReportPage *self;
  gboolean written = bekal_paper_export_finish (result, &error);

  /* the page went away: it must not be touched */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_object_get_data (G_OBJECT (file), "bekal-gap-report-page");
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
    bekal_gap_report_page_export_pdf_to_file (BEKAL_GAP_REPORT_PAGE (widget), file);
}

static void
on_pdf_clicked (BekalGapReportPage *self)
{
  /* TRANSLATORS: the suggested file name of the gap report PDF; keep ".pdf" */
  bekal_paper_export_choose_file (GTK_WIDGET (self), _("Export the Gap Report as PDF"),
                                  _("bekal-gap-report.pdf"), on_pdf_chosen, NULL);
}

/* Overrides */

static void
bekal_gap_report_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BekalGapReportPage *self = BEKAL_GAP_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, bekal_gap_report_page_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_gap_report_page_dispose (GObject *object)
{
  BekalGapReportPage *self = BEKAL_GAP_REPORT_PAGE (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), BEKAL_TYPE_GAP_REPORT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  cancel (&self->compute_cancellable);
  cancel (&self->export_cancellable);
  cancel (&self->pdf_cancellable);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_object (&self->month_labels);
  g_clear_pointer (&self->modules, g_ptr_array_unref);

  G_OBJECT_CLASS (bekal_gap_report_page_parent_class)->dispose (object);
}

static void
bekal_gap_report_page_finalize (GObject *object)
{
  BekalGapReportPage *self = BEKAL_GAP_REPORT_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_hash_table_unref);
  g_clear_pointer (&self->trends, g_hash_table_unref);
  g_clear_pointer (&self->data_dir, g_free);
  g_strfreev (self->month_values);

  G_OBJECT_CLASS (bekal_gap_report_page_parent_class)->finalize (object);
}

static void
bekal_gap_report_page_class_init (BekalGapReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bekal_gap_report_page_get_property;
  object_class->dispose = bekal_gap_report_page_dispose;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  object_class->finalize = bekal_gap_report_page_finalize;

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/bekal_peksos/Bekal/bekal-gap-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, changes_box);
  gtk_widget_class_bind_template_child (widget_class, BekalGapReportPage, trend_box);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_pdf_clicked);
}

static void
bekal_gap_report_page_init (BekalGapReportPage *self)
{
  const char *titles[N_COLUMNS] = {
    _("Module"),
    _("Topic"),
    _("Month"),
    /* TRANSLATORS: column headers of the gap report; keep them short */
    _("Untrained, pre"),
    _("Untrained, post"),
    _("Trained, pre"),
    _("Trained, post"),
    _("Gap, pre"),
    _("Gap, post"),
  };
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (G_TYPE_OBJECT);
  self->filter = gtk_custom_filter_new (filter_by_month, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory;
      g_autoptr(GtkColumnViewColumn) column = NULL;

      /* the table shows one period at a time, named by the drop-down */
      if (i == COLUMN_MONTH)
        continue;

      factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (i == COLUMN_MODULE || i == COLUMN_TOPIC)
        {
          gtk_column_view_column_set_expand (column, TRUE);
          gtk_column_view_column_set_fixed_width (column, 150);
        }
      gtk_column_view_append_column (self->column_view, column);
    }

  self->month_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (self->month_labels));
  g_signal_connect_swapped (self->month_dropdown, "notify::selected",
                            G_CALLBACK (on_month_selected), self);
}

/* Public API */

GtkWidget *
bekal_gap_report_page_new (void)
{
  return g_object_new (BEKAL_TYPE_GAP_REPORT_PAGE, NULL);
}

void
bekal_gap_report_page_load (BekalGapReportPage *self,
                            BekalStore         *store,
                            GPtrArray          *modules)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BEKAL_IS_GAP_REPORT_PAGE (self));
  g_return_if_fail (BEKAL_IS_STORE (store));

  g_clear_pointer (&self->modules, g_ptr_array_unref);
  if (modules != NULL)
    self->modules = g_ptr_array_ref (modules);

  cancel (&self->compute_cancellable);
  self->compute_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
  g_free (self->data_dir);
  self->data_dir = g_strdup (bekal_store_get_data_dir (store));

  /* no source object: the task must not keep a page that went away alive */
  task = g_task_new (NULL, self->compute_cancellable, on_computed, self);
  g_task_set_source_tag (task, bekal_gap_report_page_load);
  g_task_set_task_data (task, g_strdup (bekal_store_get_data_dir (store)), g_free);
  g_task_run_in_thread (task, compute_in_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
bekal_gap_report_page_is_loading (BekalGapReportPage *self)
{
  g_return_val_if_fail (BEKAL_IS_GAP_REPORT_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}

void
bekal_gap_report_page_export_to_file (BekalGapReportPage *self,
                                      GFile              *file)
{
  g_autoptr(GPtrArray) no_rows = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (BEKAL_IS_GAP_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  csv = bekal_report_gap_to_csv (self->rows != NULL ? self->rows : no_rows);
  bytes = g_bytes_new_take (csv, strlen (csv));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  /* written to a temporary file first, then renamed over the old one: a failure leaves
   * the old file as it was */
  cancel (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->export_cancellable, on_replace_done, self);
}

void
bekal_gap_report_page_set_month (BekalGapReportPage *self,
                                 const char         *month)
{
  g_return_if_fail (BEKAL_IS_GAP_REPORT_PAGE (self));

  for (guint i = 0; self->month_values != NULL && self->month_values[i] != NULL; i++)
    if (g_strcmp0 (self->month_values[i], month) == 0)
      {
        gtk_drop_down_set_selected (self->month_dropdown, i);
        return;
      }
}

guint
bekal_gap_report_page_get_n_rows (BekalGapReportPage *self)
{
  g_return_val_if_fail (BEKAL_IS_GAP_REPORT_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
bekal_gap_report_page_export_pdf_to_file (BekalGapReportPage *self,
                                          GFile              *file)
{
  BekalPaperExportRequest request = { BEKAL_PAPER_EXPORT_GAP_REPORT, };
  GFile *target;

  g_return_if_fail (BEKAL_IS_GAP_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->data_dir != NULL);

  request.data_dir = self->data_dir;
  request.modules = self->modules;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
  cancel (&self->pdf_cancellable);
  self->pdf_cancellable = g_cancellable_new ();
  /* the callback gets the file and, through it, the page (valid unless cancelled) */
  target = g_file_dup (file);
  g_object_set_data (G_OBJECT (target), "bekal-gap-report-page", self);
  bekal_paper_export_async (&request, target, self->pdf_cancellable, on_pdf_written, target);
}
