/* bekal-diagnostic.c: one problem found in a module file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <bekal/bekal-diagnostic.h>

struct _BekalDiagnostic
{
  BekalSeverity  severity;
  char          *file;
  int            line;
  int            column;
  char          *message;
};

static void
bekal_diagnostic_free (BekalDiagnostic *self)
{
  g_free (self->file);
  g_free (self->message);
}

G_DEFINE_BOXED_TYPE (BekalDiagnostic, bekal_diagnostic,
                     bekal_diagnostic_ref, bekal_diagnostic_unref)

BekalDiagnostic *
bekal_diagnostic_new (BekalSeverity  severity,
                      const char    *file,
                      int            line,
                      int            column,
                      const char    *message)
{
  BekalDiagnostic *self = g_rc_box_new0 (BekalDiagnostic);

  self->severity = severity;
  self->file = g_strdup (file);
  self->line = MAX (line, 0);
  self->column = MAX (column, 0);
  self->message = g_strdup (message);

  return self;
}

BekalDiagnostic *
bekal_diagnostic_ref (BekalDiagnostic *self)
{
  return g_rc_box_acquire (self);
}

void
bekal_diagnostic_unref (BekalDiagnostic *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) bekal_diagnostic_free);
}

BekalSeverity
bekal_diagnostic_get_severity (const BekalDiagnostic *self)
{
  return self->severity;
}

const char *
bekal_diagnostic_get_file (const BekalDiagnostic *self)
{
  return self->file;
}

int
bekal_diagnostic_get_line (const BekalDiagnostic *self)
{
  return self->line;
}

int
bekal_diagnostic_get_column (const BekalDiagnostic *self)
{
  return self->column;
}

const char *
bekal_diagnostic_get_message (const BekalDiagnostic *self)
{
  return self->message;
}

const char *
bekal_severity_to_string (BekalSeverity severity)
{
  /* kept untranslated: editors parse these words in FILE:LINE:COL lines */
  return severity == BEKAL_SEVERITY_ERROR ? "error" : "warning";
}

/* GCC style, so that editors can jump to the place: FILE:LINE:COL: error: message */
char *
bekal_diagnostic_to_string (const BekalDiagnostic *self)
{
  GString *str = g_string_new (self->file ? self->file : "?");

  if (self->line > 0)
    {
      g_string_append_printf (str, ":%d", self->line);
      if (self->column > 0)
        g_string_append_printf (str, ":%d", self->column);
    }
  g_string_append_printf (str, ": %s: %s", bekal_severity_to_string (self->severity),
                          self->message);

  return g_string_free (str, FALSE);
}

GPtrArray *
bekal_diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) bekal_diagnostic_unref);
}

guint
bekal_diagnostics_count (GPtrArray     *diagnostics,
                         BekalSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == severity)
        n++;
    }

  return n;
}

gboolean
bekal_diagnostics_has_errors (GPtrArray *diagnostics)
{
  return bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR) > 0;
}
