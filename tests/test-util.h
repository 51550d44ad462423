/* test-util.h: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>

G_BEGIN_DECLS

/* The folder holding the test fixtures */
const char  *test_fixtures_dir      (void);
/* The source tree's modules/ and media/ folders */
char        *test_source_path       (const char  *name);
/* Loads a fixture file and returns its diagnostics (owned by the caller) */
GPtrArray   *test_load_fixture      (const char  *relative_path,
                                     BekalModule **module_out);
/* Whether a diagnostic of @severity mentioning @needle (case-insensitive) exists */
gboolean     test_has_diagnostic    (GPtrArray   *diagnostics,
                                     BekalSeverity severity,
                                     const char  *needle);
/* Prints the diagnostics, for failing tests */
void         test_dump_diagnostics  (GPtrArray   *diagnostics);
/* A new temporary folder; removed by test_remove_tree() */
char        *test_make_tmp_dir      (void);
void         test_remove_tree       (const char  *path);

G_END_DECLS
