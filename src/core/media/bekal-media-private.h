/* bekal-media-private.h: what the media and image checks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A module file's text, read on first use, to give diagnostics a column */
typedef struct _BekalSourceLines BekalSourceLines;

BekalSourceLines *bekal_source_lines_new    (const char       *path);
void              bekal_source_lines_free   (BekalSourceLines *self);
/* The column (from 1) where @needle first occurs on @line, 1 when it does not, 0 when the line
 * does not exist or the file cannot be read */
int               bekal_source_lines_column (BekalSourceLines *self,
                                             int               line,
                                             const char       *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalSourceLines, bekal_source_lines_free)

G_END_DECLS
