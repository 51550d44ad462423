/* bekal-diagnostic.h: one problem found in a module file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BekalSeverity:
 * @BEKAL_SEVERITY_WARNING: the module can be used, but something should be fixed
 * @BEKAL_SEVERITY_ERROR: the module cannot be used until this is fixed
 *
 * How serious a problem in a module file is.
 */
typedef enum
{
  BEKAL_SEVERITY_WARNING,
  BEKAL_SEVERITY_ERROR,
} BekalSeverity;

#define BEKAL_TYPE_DIAGNOSTIC (bekal_diagnostic_get_type ())

/**
 * BekalDiagnostic:
 *
 * One problem found in a module file, with its place (file, line, column) and a message meant
 * for the module's author. An immutable boxed type with an atomic reference count: it may be
 * passed between threads.
 */
typedef struct _BekalDiagnostic BekalDiagnostic;

GType            bekal_diagnostic_get_type     (void) G_GNUC_CONST;

/**
 * bekal_diagnostic_new:
 * @severity: how serious the problem is
 * @file: (nullable): the file the problem is in; copied
 * @line: the line, from 1; 0 (or a negative number) when unknown
 * @column: the column, from 1; 0 (or a negative number) when unknown
 * @message: what is wrong and what to do, for a person; copied
 *
 * Returns: (transfer full): a new diagnostic
 */
BekalDiagnostic *bekal_diagnostic_new          (BekalSeverity          severity,
                                                const char            *file,
                                                int                    line,
                                                int                    column,
                                                const char            *message);

/**
 * bekal_diagnostic_ref:
 * @self: a #BekalDiagnostic
 *
 * Returns: (transfer full): @self, with one more reference
 */
BekalDiagnostic *bekal_diagnostic_ref          (BekalDiagnostic       *self);

/**
 * bekal_diagnostic_unref:
 * @self: (transfer full): a #BekalDiagnostic
 *
 * Drops a reference; the last one frees the diagnostic.
 */
void             bekal_diagnostic_unref        (BekalDiagnostic       *self);

/**
 * bekal_diagnostic_get_severity:
 * @self: a #BekalDiagnostic
 *
 * Returns: how serious the problem is
 */
BekalSeverity    bekal_diagnostic_get_severity (const BekalDiagnostic *self);

/**
 * bekal_diagnostic_get_file:
 * @self: a #BekalDiagnostic
 *
 * Returns: (transfer none) (nullable): the file the problem is in
 */
const char      *bekal_diagnostic_get_file     (const BekalDiagnostic *self);

/**
 * bekal_diagnostic_get_line:
 * @self: a #BekalDiagnostic
 *
 * Returns: the line, from 1, or 0 when unknown
 */
int              bekal_diagnostic_get_line     (const BekalDiagnostic *self);

/**
 * bekal_diagnostic_get_column:
 * @self: a #BekalDiagnostic
 *
 * Returns: the column, from 1, or 0 when unknown
 */
int              bekal_diagnostic_get_column   (const BekalDiagnostic *self);

/**
 * bekal_diagnostic_get_message:
 * @self: a #BekalDiagnostic
 *
 * Returns: (transfer none): the message, for a person
 */
const char      *bekal_diagnostic_get_message  (const BekalDiagnostic *self);

/**
 * bekal_diagnostic_to_string:
 * @self: a #BekalDiagnostic
 *
 * Formats the diagnostic the way compilers do, so that editors can jump to the place:
 * `FILE:LINE:COLUMN: error: MESSAGE` (`?` for an unknown file; the line and column are left
 * out when unknown).
 *
 * Returns: (transfer full): the line
 */
char            *bekal_diagnostic_to_string    (const BekalDiagnostic *self);

/**
 * bekal_severity_to_string:
 * @severity: a severity
 *
 * Returns: (transfer none): `error` or `warning`, untranslated (editors parse these words)
 */
const char      *bekal_severity_to_string      (BekalSeverity          severity);

/**
 * bekal_diagnostics_new:
 *
 * A list of diagnostics is a #GPtrArray that owns its elements.
 *
 * Returns: (transfer full) (element-type BekalDiagnostic): a new, empty list
 */
GPtrArray       *bekal_diagnostics_new         (void);

/**
 * bekal_diagnostics_count:
 * @diagnostics: (element-type BekalDiagnostic): a list of diagnostics
 * @severity: the severity to count
 *
 * Returns: how many diagnostics of @diagnostics have @severity
 */
guint            bekal_diagnostics_count       (GPtrArray             *diagnostics,
                                                BekalSeverity          severity);

/**
 * bekal_diagnostics_has_errors:
 * @diagnostics: (element-type BekalDiagnostic): a list of diagnostics
 *
 * Returns: whether @diagnostics holds at least one error
 */
gboolean         bekal_diagnostics_has_errors  (GPtrArray             *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalDiagnostic, bekal_diagnostic_unref)

G_END_DECLS
