/* bekal-module-template.h: a new module, with one example of every element, to start from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * bekal_module_template_write:
 * @folder: the module folder to create; it must not exist yet, or be empty
 * @id: the new module's id (lower-case letters, digits and `-`, starting with a letter)
 * @error: return location for a #GError
 *
 * Creates @folder with `module.id.xml` (the original, Indonesian) and `module.en.xml` (its
 * translation) and the figure they show: a module that validates and passes the item-writing
 * checks, with one example of every block and question type and comments for the trainer who
 * fills it in.
 *
 * Returns: %TRUE when written; %FALSE with @error set (%G_IO_ERROR_INVALID_ARGUMENT for a bad
 *   id, %G_IO_ERROR_EXISTS when @folder exists and is not empty) and nothing written
 */
gboolean bekal_module_template_write (const char  *folder,
                                      const char  *id,
                                      GError     **error);

G_END_DECLS
