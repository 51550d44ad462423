/* bekal-diagnostic.h: one problem found in a module file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BEKAL_SEVERITY_WARNING,
  BEKAL_SEVERITY_ERROR,
} BekalSeverity;

#define BEKAL_TYPE_DIAGNOSTIC (bekal_diagnostic_get_type ())

typedef struct _BekalDiagnostic BekalDiagnostic;

GType            bekal_diagnostic_get_type     (void) G_GNUC_CONST;
BekalDiagnostic *bekal_diagnostic_new          (BekalSeverity          severity,
                                                const char            *file,
                                                int                    line,
                                                int                    column,
                                                const char            *message);
BekalDiagnostic *bekal_diagnostic_ref          (BekalDiagnostic       *self);
void             bekal_diagnostic_unref        (BekalDiagnostic       *self);
BekalSeverity    bekal_diagnostic_get_severity (const BekalDiagnostic *self);
const char      *bekal_diagnostic_get_file     (const BekalDiagnostic *self);
int              bekal_diagnostic_get_line     (const BekalDiagnostic *self);
int              bekal_diagnostic_get_column   (const BekalDiagnostic *self);
const char      *bekal_diagnostic_get_message  (const BekalDiagnostic *self);
char            *bekal_diagnostic_to_string    (const BekalDiagnostic *self);
const char      *bekal_severity_to_string      (BekalSeverity          severity);

/* A list of diagnostics is a GPtrArray owning its elements */
GPtrArray       *bekal_diagnostics_new         (void);
guint            bekal_diagnostics_count       (GPtrArray             *diagnostics,
                                                BekalSeverity          severity);
gboolean         bekal_diagnostics_has_errors  (GPtrArray             *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalDiagnostic, bekal_diagnostic_unref)

G_END_DECLS
