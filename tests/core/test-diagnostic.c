/* test-diagnostic.c: diagnostics, their text form and lists of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-diagnostic.h>

static void
test_to_string_formats (void)
{
  struct
  {
    BekalSeverity  severity;
    const char    *file;
    int            line;
    int            column;
    const char    *message;
    const char    *expected;
  } cases[] = {
    { BEKAL_SEVERITY_ERROR, "modul/module.id.xml", 12, 7, "Ada masalah.",
      "modul/module.id.xml:12:7: error: Ada masalah." },
    { BEKAL_SEVERITY_WARNING, "module.en.xml", 3, 1, "Something to check.",
      "module.en.xml:3:1: warning: Something to check." },
    /* no column: FILE:LINE */
    { BEKAL_SEVERITY_ERROR, "module.id.xml", 40, 0, "No column.",
      "module.id.xml:40: error: No column." },
    /* no line: the column alone means nothing and is left out */
    { BEKAL_SEVERITY_ERROR, "module.id.xml", 0, 9, "The file is empty.",
      "module.id.xml: error: The file is empty." },
    { BEKAL_SEVERITY_WARNING, "module.id.xml", 0, 0, "Whole file.",
      "module.id.xml: warning: Whole file." },
    /* negative positions are treated as unknown */
    { BEKAL_SEVERITY_ERROR, "a.xml", -4, -2, "Negative.", "a.xml: error: Negative." },
    /* a diagnostic without a file still prints */
    { BEKAL_SEVERITY_ERROR, NULL, 2, 3, "No file.", "?:2:3: error: No file." },
    /* messages are kept as they are, UTF-8 included */
    { BEKAL_SEVERITY_ERROR, "modul/module.id.xml", 1, 1, "Id “q1” dipakai dua kali.",
      "modul/module.id.xml:1:1: error: Id “q1” dipakai dua kali." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BekalDiagnostic) d = bekal_diagnostic_new (cases[i].severity, cases[i].file,
                                                           cases[i].line, cases[i].column,
                                                           cases[i].message);
      g_autofree char *text = bekal_diagnostic_to_string (d);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_accessors (void)
{
  g_autofree char *file = g_strdup ("modul/module.id.xml");
  g_autofree char *message = g_strdup ("Pesan");
  g_autoptr(BekalDiagnostic) d = bekal_diagnostic_new (BEKAL_SEVERITY_WARNING, file, 5, 2,
                                                       message);
  g_autoptr(BekalDiagnostic) clamped = bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, "x.xml",
                                                             -1, -1, "m");
  BekalDiagnostic *second;
  BekalDiagnostic *copy;

  /* the diagnostic keeps its own copies */
  file[0] = 'X';
  message[0] = 'X';

  g_assert_cmpint (bekal_diagnostic_get_severity (d), ==, BEKAL_SEVERITY_WARNING);
  g_assert_cmpstr (bekal_diagnostic_get_file (d), ==, "modul/module.id.xml");
  g_assert_cmpint (bekal_diagnostic_get_line (d), ==, 5);
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==, 2);
  g_assert_cmpstr (bekal_diagnostic_get_message (d), ==, "Pesan");

  g_assert_cmpint (bekal_diagnostic_get_line (clamped), ==, 0);
  g_assert_cmpint (bekal_diagnostic_get_column (clamped), ==, 0);

  second = bekal_diagnostic_ref (d);
  g_assert_true (second == d);
  bekal_diagnostic_unref (second);
  g_assert_cmpstr (bekal_diagnostic_get_message (d), ==, "Pesan");

  g_assert_true (G_TYPE_IS_BOXED (BEKAL_TYPE_DIAGNOSTIC));
  copy = g_boxed_copy (BEKAL_TYPE_DIAGNOSTIC, d);
  g_assert_true (copy == d);
  g_boxed_free (BEKAL_TYPE_DIAGNOSTIC, copy);
}

static void
test_severity_names (void)
{
  /* editors parse these words, so they are never translated */
  g_assert_cmpstr (bekal_severity_to_string (BEKAL_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (bekal_severity_to_string (BEKAL_SEVERITY_WARNING), ==, "warning");
}

static void
test_counts (void)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();

  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_WARNING), ==, 0);
  g_assert_false (bekal_diagnostics_has_errors (diagnostics));

  g_ptr_array_add (diagnostics, bekal_diagnostic_new (BEKAL_SEVERITY_WARNING, "a", 1, 1, "w1"));
  g_ptr_array_add (diagnostics, bekal_diagnostic_new (BEKAL_SEVERITY_WARNING, "a", 2, 1, "w2"));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_WARNING), ==, 2);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
  /* warnings alone are not errors */
  g_assert_false (bekal_diagnostics_has_errors (diagnostics));

  g_ptr_array_add (diagnostics, bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, "b", 3, 0, "e1"));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_WARNING), ==, 2);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));

  g_ptr_array_add (diagnostics, bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, "b", 4, 0, "e2"));
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 2);

  /* removing the errors again */
  g_ptr_array_remove_range (diagnostics, 2, 2);
  g_assert_false (bekal_diagnostics_has_errors (diagnostics));
  g_assert_cmpuint (diagnostics->len, ==, 2);
}

static void
test_list_owns_elements (void)
{
  GPtrArray *diagnostics = bekal_diagnostics_new ();
  BekalDiagnostic *kept = bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, "f", 1, 1, "kept");

  g_ptr_array_add (diagnostics, bekal_diagnostic_ref (kept));
  g_ptr_array_unref (diagnostics);

  /* the list dropped only its own reference (checked by ASan/LSan in the sanitizer build) */
  g_assert_cmpstr (bekal_diagnostic_get_message (kept), ==, "kept");
  bekal_diagnostic_unref (kept);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostic/to-string", test_to_string_formats);
  g_test_add_func ("/diagnostic/accessors", test_accessors);
  g_test_add_func ("/diagnostic/severity-names", test_severity_names);
  g_test_add_func ("/diagnostic/counts", test_counts);
  g_test_add_func ("/diagnostic/list-owns-elements", test_list_owns_elements);

  return g_test_run ();
}
