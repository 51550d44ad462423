/* bekal-loader.h: reads module files safely and checks them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-model.h"

G_BEGIN_DECLS

/**
 * BEKAL_LOADER_MAX_FILE_SIZE:
 *
 * The largest module file the loader reads (32 MiB).
 */
#define BEKAL_LOADER_MAX_FILE_SIZE (32 * 1024 * 1024)
/**
 * BEKAL_LOADER_MAX_DEPTH:
 *
 * The deepest nesting of XML elements accepted in a module file.
 */
#define BEKAL_LOADER_MAX_DEPTH     64
/**
 * BEKAL_LOADER_MAX_ATTRIBUTES:
 *
 * The most attributes one element may carry, namespace declarations included.
 */
#define BEKAL_LOADER_MAX_ATTRIBUTES 64 /* on one element, namespace declarations included */

/**
 * BEKAL_LOADER_ERROR:
 *
 * The error domain of the loader.
 */
#define BEKAL_LOADER_ERROR (bekal_loader_error_quark ())

/**
 * BekalLoaderError:
 * @BEKAL_LOADER_ERROR_IO: a file or folder could not be read, or a folder holds no module file
 * @BEKAL_LOADER_ERROR_INVALID: the content has errors; the diagnostics say which
 *
 * Why a module could not be loaded.
 */
typedef enum
{
  BEKAL_LOADER_ERROR_IO,
  BEKAL_LOADER_ERROR_INVALID,
} BekalLoaderError;

/**
 * BekalLoader:
 *
 * Reads module files (`module.LANG.xml`) with a hardened XML parser, checks them against the
 * schema and the rules of a module, resolves their media references inside the media folders
 * and builds a #BekalModule. Use a loader from one thread at a time; the modules it returns
 * are immutable and may be shared between threads.
 */
#define BEKAL_TYPE_LOADER (bekal_loader_get_type ())

G_DECLARE_FINAL_TYPE (BekalLoader, bekal_loader, BEKAL, LOADER, GObject)

/**
 * bekal_loader_error_quark:
 *
 * Returns: the quark of %BEKAL_LOADER_ERROR
 */
GQuark              bekal_loader_error_quark    (void);

/**
 * bekal_loader_new:
 * @media_dirs: (array zero-terminated=1) (nullable): the folders searched for `media:NAME`
 *   references; copied
 *
 * Returns: (transfer full): a new loader
 */
BekalLoader        *bekal_loader_new            (const char * const *media_dirs);

/**
 * bekal_loader_get_media_dirs:
 * @self: a #BekalLoader
 *
 * Returns: (transfer none) (array zero-terminated=1): the media folders given to
 *   bekal_loader_new(), possibly empty, never %NULL
 */
const char * const *bekal_loader_get_media_dirs (BekalLoader        *self);

/**
 * bekal_loader_load_file:
 * @self: a #BekalLoader
 * @path: a module file
 * @diagnostics: (element-type BekalDiagnostic): receives the problems found, errors and
 *   warnings
 * @error: return location for a #GError
 *
 * Loads and checks one module file. It blocks on the disk: call it from a worker thread in
 * the app. Problems in the content are appended to @diagnostics and give %NULL with
 * %BEKAL_LOADER_ERROR_INVALID; a file that cannot be read gives %NULL with
 * %BEKAL_LOADER_ERROR_IO. A module with only warnings is returned.
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set
 */
BekalModule        *bekal_loader_load_file      (BekalLoader        *self,
                                                 const char         *path,
                                                 GPtrArray          *diagnostics,
                                                 GError            **error);

/**
 * bekal_loader_load_bytes:
 * @self: a #BekalLoader
 * @path: the file the text belongs to: named in the diagnostics, and its folder is where
 *   relative references are resolved; it need not exist
 * @contents: the text of a module file, as it would be read from @path
 * @diagnostics: (element-type BekalDiagnostic): receives the problems found, errors and
 *   warnings
 * @error: return location for a #GError
 *
 * Loads and checks module text held in memory, for example the unsaved text of an editor,
 * with the same checks as bekal_loader_load_file(). It does not read @path, but media
 * references are still checked on the disk: call it from a worker thread in the app. Text
 * larger than %BEKAL_LOADER_MAX_FILE_SIZE is refused with a diagnostic.
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set
 */
BekalModule        *bekal_loader_load_bytes     (BekalLoader        *self,
                                                 const char         *path,
                                                 GBytes             *contents,
                                                 GPtrArray          *diagnostics,
                                                 GError            **error);

/**
 * bekal_loader_check_translation:
 * @original: the module as written in its first language (usually Indonesian)
 * @translation: the same module in another language
 * @diagnostics: (element-type BekalDiagnostic): receives what the translation changed that
 *   must stay the same (structure, ids, values)
 *
 * Runs the translation check of bekal_loader_load_folder() on two modules already loaded,
 * for example from an editor's unsaved text. It does not touch the disk. Each diagnostic
 * names the translation's file as it was given to the loader, at the line and column of the
 * element concerned; they are added in the order of the lines, one for each mistake.
 */
void                bekal_loader_check_translation (BekalModule     *original,
                                                    BekalModule     *translation,
                                                    GPtrArray       *diagnostics);

/**
 * bekal_loader_load_folder:
 * @self: a #BekalLoader
 * @folder: a module folder
 * @diagnostics: (element-type BekalDiagnostic): receives the problems of every file
 * @error: return location for a #GError
 *
 * Loads every `module.LANG.xml` of a module folder and checks that the translations have the
 * same structure and ids. Blocks on the disk. A folder that cannot be read or holds no module
 * file gives %NULL with %BEKAL_LOADER_ERROR_IO (or a #GFileError).
 *
 * Returns: (transfer full) (nullable) (element-type utf8 BekalModule): the valid variants,
 *   keyed by language, possibly empty; or %NULL with @error set
 */
GHashTable         *bekal_loader_load_folder    (BekalLoader        *self,
                                                 const char         *folder,
                                                 GPtrArray          *diagnostics,
                                                 GError            **error);

/**
 * bekal_loader_language_from_filename:
 * @path: a file name or path
 *
 * Returns: (transfer full) (nullable): the language of a file named `module.LANG.xml`, or
 *   %NULL for any other name
 */
char               *bekal_loader_language_from_filename (const char *path);
/**
 * bekal_loader_folder_has_module_file:
 * @folder: a folder
 *
 * Returns: whether @folder holds at least one `module.LANG.xml` file
 */
gboolean            bekal_loader_folder_has_module_file (const char *folder);

/**
 * bekal_loader_begin_trusted_xml:
 *
 * The loader makes libxml2 refuse every external file and entity, for the whole process.
 * Other libraries of the app that read their own installed XML files with libxml2 (the
 * language definitions of GtkSourceView, validated against a RELAX NG file) call this
 * before and bekal_loader_end_trusted_xml() after, on the same thread: in between, that
 * thread alone may read external files again. Module files are never read in such a
 * section; loaders in other threads keep refusing. Sections nest.
 */
void                bekal_loader_begin_trusted_xml (void);
/**
 * bekal_loader_end_trusted_xml:
 *
 * Ends the section started by bekal_loader_begin_trusted_xml() on this thread.
 */
void                bekal_loader_end_trusted_xml   (void);

G_END_DECLS
