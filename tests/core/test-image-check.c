/* test-image-check.c: figures and posters are checked from their headers, never decoded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include <bekal/bekal-image-check.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-media-probe.h>

#include "test-image-util.h"
#include "test-util.h"

#define MODULE_TEMPLATE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<module xmlns=\"urn:bekal:module:1\" id=\"uji-gambar\" version=\"1.0\" xml:lang=\"id\">\n" \
  "  <title>Uji gambar</title>\n" \
  "  <summary>Modul untuk menguji pemeriksaan gambar.</summary>\n" \
  "  <meta><author>Tim</author></meta>\n" \
  "  <topics><topic id=\"dasar\">Dasar</topic></topics>\n" \
  "  <lesson id=\"pelajaran-1\">\n" \
  "    <title>Pelajaran</title>\n" \
  "    <p>Teks.</p>\n" \
  "    <figure src=\"media:%s\" alt=\"Gambar\">\n" \
  "      <caption>Keterangan.</caption>\n" \
  "    </figure>\n" \
  "    <video id=\"klip\" src=\"media:sampel-01-orientasi.webm\" poster=\"media:%s\">\n" \
  "      <title>Klip</title>\n" \
  "    </video>\n" \
  "  </lesson>\n" \
  "</module>\n"

/* where MODULE_TEMPLATE refers to the images */
#define FIGURE_LINE 10
#define FIGURE_COLUMN 13
#define POSTER_LINE 13
#define POSTER_COLUMN 59

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" " \
                 "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"100\" height=\"80\">"

typedef struct
{
  char *dir;
  char *media_dir;
} Fixture;

/* Watches a FIFO from a thread: a writer's non-blocking open succeeds only while somebody has
 * it open for reading */
typedef struct
{
  char    *path;
  GThread *thread;
  int      stop;
  int      opened;
} FifoWatch;

/* Helpers */

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->media_dir, name, NULL);
}

static char *
write_text (Fixture    *fixture,
            const char *name,
            const char *text)
{
  char *path = fixture_path (fixture, name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return path;
}

static void
write_bytes (const char *path,
             GBytes     *bytes,
             gsize       length)
{
  g_assert_cmpuint (length, <=, g_bytes_get_size (bytes));
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) length,
                                     NULL));
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_bytes_new_take (contents, length);
}

/* Checks @path and expects @code with @needle in the message (which always names the file) */
static void
assert_refused (const char *path,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  BekalImageFormat format = 99;
  int width = -1, height = -1;

  g_assert_false (bekal_image_check_file (path, &format, &width, &height, &error));
  g_assert_error (error, BEKAL_IMAGE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  if (needle)
    g_assert_nonnull (strstr (error->message, needle));
  /* nothing is reported about a file that cannot be shown */
  g_assert_cmpint (format, ==, 99);
  g_assert_cmpint (width, ==, -1);
  g_assert_cmpint (height, ==, -1);
}

static void
assert_accepted (const char       *path,
                 BekalImageFormat  expected_format,
                 int               expected_width,
                 int               expected_height)
{
  g_autoptr(GError) error = NULL;
  BekalImageFormat format = 99;
  int width = 0, height = 0;

  g_assert_true (bekal_image_check_file (path, &format, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, expected_format);
  g_assert_cmpint (width, ==, expected_width);
  g_assert_cmpint (height, ==, expected_height);
}

static char *
write_svg (Fixture    *fixture,
           const char *name,
           const char *body)
{
  g_autofree char *text = g_strdup_printf ("<?xml version=\"1.0\"?>\n" SVG_OPEN "\n%s\n</svg>\n",
                                           body);

  return write_text (fixture, name, text);
}

static gpointer
watch_fifo_thread (gpointer data)
{
  FifoWatch *watch = data;

  while (!g_atomic_int_get (&watch->stop))
    {
      int fd = open (watch->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

      if (fd >= 0)
        {
          g_atomic_int_set (&watch->opened, TRUE);
          close (fd);
        }
      g_usleep (200);
    }

  return NULL;
}

static FifoWatch *
fifo_watch_new (const char *path)
{
  FifoWatch *watch = g_new0 (FifoWatch, 1);

  watch->path = g_strdup (path);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  watch->thread = g_thread_new ("fifo-watch", watch_fifo_thread, watch);

  return watch;
}

/* Whether anything opened the FIFO while it was watched */
static gboolean
fifo_watch_finish (FifoWatch *watch)
{
  gboolean opened;

  /* a few more looks, for an open that came late */
  g_usleep (20000);
  g_atomic_int_set (&watch->stop, TRUE);
  g_thread_join (watch->thread);
  opened = g_atomic_int_get (&watch->opened);
  g_free (watch->path);
  g_free (watch);

  return opened;
}

static GPtrArray *
check_module (Fixture    *fixture,
              const char *figure,
              const char *poster,
              guint      *n_errors)
{
  g_autofree char *xml = g_strdup_printf (MODULE_TEMPLATE, figure, poster);
  g_autofree char *path = g_build_filename (fixture->dir, "module.id.xml", NULL);
  const char *media_dirs[] = { fixture->media_dir, NULL };
  g_autoptr(BekalLoader) loader = bekal_loader_new (media_dirs);
  g_autoptr(BekalModule) module = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnostics = bekal_diagnostics_new ();

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  module = bekal_loader_load_file (loader, path, diagnostics, &error);
  test_dump_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (module);
  /* only the warning that the video has no subtitles */
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);

  *n_errors = bekal_image_check_module (module, diagnostics);
  test_dump_diagnostics (diagnostics);

  return diagnostics;
}

static const BekalDiagnostic *
find_diagnostic (GPtrArray  *diagnostics,
                 int         line,
                 const char *needle)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BekalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (bekal_diagnostic_get_line (d) == line
          && strstr (bekal_diagnostic_get_message (d), needle) != NULL)
        return d;
    }

  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = test_source_path ("media");
  g_autofree char *from = g_build_filename (source, "sampel-01-orientasi.webm", NULL);
  g_autofree char *to = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  fixture->dir = test_make_tmp_dir ();
  fixture->media_dir = g_build_filename (fixture->dir, "media", NULL);
  g_assert_cmpint (g_mkdir (fixture->media_dir, 0700), ==, 0);

  to = fixture_path (fixture, "sampel-01-orientasi.webm");
  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->media_dir);
}

/* Tests: what is shown */

static void
test_valid_png (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "kecil.png");
  g_autofree char *saved = fixture_path (fixture, "simpan.png");
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  /* the hand-built PNG is a real one: gdk-pixbuf decodes it */
  test_make_png (path, 37, 21);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 37);
  assert_accepted (path, BEKAL_IMAGE_FORMAT_PNG, 37, 21);

  /* and one written by a library, with its own chunks */
  g_assert_true (gdk_pixbuf_save (pixbuf, saved, "png", &error, "tEXt::Title", "Uji", NULL));
  g_assert_no_error (error);
  assert_accepted (saved, BEKAL_IMAGE_FORMAT_PNG, 37, 21);
}

static void
test_valid_jpeg (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "foto.jpg");
  g_autofree char *source = test_source_path ("media");
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  const char *name;
  guint n_posters = 0;

  test_make_jpeg (path, 64, 48);
  assert_accepted (path, BEKAL_IMAGE_FORMAT_JPEG, 64, 48);

  /* the posters that come with Bekal */
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".jpg"))
      {
        g_autofree char *poster = g_build_filename (source, name, NULL);
        g_autoptr(GError) error = NULL;
        BekalImageFormat format;
        int width = 0, height = 0;

        g_assert_true (bekal_image_check_file (poster, &format, &width, &height, &error));
        g_assert_no_error (error);
        g_assert_cmpint (format, ==, BEKAL_IMAGE_FORMAT_JPEG);
        g_assert_cmpint (width, >, 0);
        g_assert_cmpint (height, >, 0);
        n_posters++;
      }
  g_assert_cmpuint (n_posters, >, 0);
}

static void
test_valid_svg (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sized = write_svg (fixture, "diagram.svg",
                                      "<defs><rect id=\"r\" width=\"10\" height=\"10\"/></defs>"
                                      "<use href=\"#r\" x=\"5\"/><use xlink:href=\"#r\"/>"
                                      "<rect width=\"20\" height=\"20\" style=\"fill:#3a7\"/>");
  g_autofree char *viewbox = write_text (fixture, "kotak.svg",
                                         "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                         "viewBox=\"0 0 640 480\"><circle r=\"5\"/></svg>");
  g_autofree char *units = write_text (fixture, "cm.svg",
                                       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2.54cm\""
                                       " height=\"1in\"/>");

  assert_accepted (sized, BEKAL_IMAGE_FORMAT_SVG, 100, 80);
  assert_accepted (viewbox, BEKAL_IMAGE_FORMAT_SVG, 640, 480);
  assert_accepted (units, BEKAL_IMAGE_FORMAT_SVG, 96, 96);
}

/* The largest size is shown; one pixel more is not */
static void
test_size_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *largest = fixture_path (fixture, "terbesar.png");
  g_autofree char *wide = fixture_path (fixture, "lebar.png");
  g_autofree char *tall = fixture_path (fixture, "tinggi.png");

  test_make_png (largest, BEKAL_IMAGE_MAX_SIDE, BEKAL_IMAGE_MAX_SIDE);
  test_make_png (wide, BEKAL_IMAGE_MAX_SIDE + 1, 10);
  test_make_png (tall, 10, BEKAL_IMAGE_MAX_SIDE + 1);

  assert_accepted (largest, BEKAL_IMAGE_FORMAT_PNG, BEKAL_IMAGE_MAX_SIDE, BEKAL_IMAGE_MAX_SIDE);
  assert_refused (wide, BEKAL_IMAGE_ERROR_TOO_LARGE, "4097×10 pixels");
  assert_refused (tall, BEKAL_IMAGE_ERROR_TOO_LARGE, "10×4097 pixels");
}

/* Tests: what is refused */

static void
test_huge_png (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "besar.png");
  g_autoptr(GError) error = NULL;
  GdkPixbufFormat *format;
  int width = 0, height = 0;
  GStatBuf info;

  test_make_png (path, 30000, 30000);
  /* a real PNG, as another program reads its header */
  format = gdk_pixbuf_get_file_info (path, &width, &height);
  g_assert_nonnull (format);
  g_assert_cmpint (width, ==, 30000);
  g_assert_cmpint (height, ==, 30000);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_test_message ("30000×30000 PNG: %" G_GINT64_FORMAT " bytes", (gint64) info.st_size);

  assert_refused (path, BEKAL_IMAGE_ERROR_TOO_LARGE,
                  "“besar.png” is 30000×30000 pixels; the largest Bekal shows is 4096×4096: "
                  "export it smaller.");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *png = write_text (fixture, "kosong.png", "");
  g_autofree char *svg = write_text (fixture, "kosong.svg", "");

  assert_refused (png, BEKAL_IMAGE_ERROR_EMPTY, "0 bytes");
  assert_refused (svg, BEKAL_IMAGE_ERROR_EMPTY, "0 bytes");
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *png = write_text (fixture, "catatan.png", "Ini bukan gambar.\n");
  g_autofree char *svg = write_text (fixture, "catatan.svg", "Ini juga bukan gambar.\n");
  g_autofree char *markup = write_text (fixture, "halaman.svg",
                                        "<!DOCTYPE html>\n<html><body><p>Halo</body></html>\n");
  g_autofree char *xml = write_text (fixture, "data.svg",
                                     "<?xml version=\"1.0\"?>\n<daftar><butir/></daftar>\n");

  assert_refused (png, BEKAL_IMAGE_ERROR_NOT_IMAGE, "is a text file, not an image");
  assert_refused (svg, BEKAL_IMAGE_ERROR_NOT_IMAGE, "is a text file, not an image");
  assert_refused (markup, BEKAL_IMAGE_ERROR_NOT_IMAGE, "not an image");
  assert_refused (xml, BEKAL_IMAGE_ERROR_NOT_IMAGE, "not an SVG image");
}

static void
test_other_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *gif = fixture_path (fixture, "animasi.png");
  g_autofree char *webp = fixture_path (fixture, "foto.webp");
  g_autofree char *noise = fixture_path (fixture, "acak.jpg");
  g_autofree char *svgz = fixture_path (fixture, "gambar.svg");
  guint8 random[512];

  g_assert_true (g_file_set_contents (gif, "GIF89a\x10\x00\x10\x00\x80\x00\x00", 13, NULL));
  g_assert_true (g_file_set_contents (webp, "RIFF\x24\x00\x00\x00WEBPVP8 ", 16, NULL));
  g_assert_true (g_file_set_contents (svgz, "\x1f\x8b\x08\x00\x00\x00\x00\x00", 8, NULL));
  for (gsize i = 0; i < sizeof random; i++)
    random[i] = (guint8) g_test_rand_int_range (0, 256);
  random[0] = 0; /* never a known signature */
  g_assert_true (g_file_set_contents (noise, (const char *) random, sizeof random, NULL));

  assert_refused (gif, BEKAL_IMAGE_ERROR_UNSUPPORTED, "GIF");
  assert_refused (webp, BEKAL_IMAGE_ERROR_UNSUPPORTED, "WebP");
  assert_refused (svgz, BEKAL_IMAGE_ERROR_UNSUPPORTED, "plain SVG");
  assert_refused (noise, BEKAL_IMAGE_ERROR_NOT_IMAGE, "not a PNG, JPEG or SVG image");
}

static void
test_truncated_png (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "terpotong.png");
  g_autoptr(GBytes) png = test_png_bytes (640, 480);
  gsize length = g_bytes_get_size (png);
  const gsize cuts[] = { 8, 20, 40, length / 2, length - 12, length - 1 };

  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], length);
      write_bytes (path, png, cuts[i]);
      assert_refused (path, BEKAL_IMAGE_ERROR_DAMAGED, "cut short");
    }

  write_bytes (path, png, length);
  assert_accepted (path, BEKAL_IMAGE_FORMAT_PNG, 640, 480);
}

static void
test_damaged_png (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rusak.png");
  g_autoptr(GBytes) png = test_png_bytes (16, 16);
  gsize length = g_bytes_get_size (png);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (png, NULL), length);

  /* the IDAT chunk (after signature and IHDR) claims 4 GiB */
  memset (bytes + 33, 0xff, 4);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));
  assert_refused (path, BEKAL_IMAGE_ERROR_DAMAGED, "damaged");

  /* a zero width */
  memcpy (bytes, g_bytes_get_data (png, NULL), length);
  memset (bytes + 16, 0, 4);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));
  assert_refused (path, BEKAL_IMAGE_ERROR_DAMAGED, "header");
}

static GBytes *
make_jpeg_bytes (Fixture *fixture)
{
  g_autofree char *path = fixture_path (fixture, "asal.jpg");

  test_make_jpeg (path, 64, 48);

  return read_bytes (path);
}

static void
test_truncated_jpeg (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "terpotong.jpg");
  g_autoptr(GBytes) jpeg = make_jpeg_bytes (fixture);
  gsize length = g_bytes_get_size (jpeg);
  const gsize cuts[] = { 3, 20, length / 2, length - 2, length - 1 };

  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], length);
      write_bytes (path, jpeg, cuts[i]);
      assert_refused (path, BEKAL_IMAGE_ERROR_DAMAGED, NULL);
    }
  write_bytes (path, jpeg, length / 2);
  assert_refused (path, BEKAL_IMAGE_ERROR_DAMAGED, "cut short");
}

static void
test_lossless_jpeg (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "lossless.jpg");
  g_autoptr(GBytes) jpeg = make_jpeg_bytes (fixture);
  gsize length = g_bytes_get_size (jpeg);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (jpeg, NULL), length);
  gboolean changed = FALSE;

  for (gsize i = 0; i + 1 < length; i++)
    if (bytes[i] == 0xff && bytes[i + 1] == 0xc0)
      {
        bytes[i + 1] = 0xc3;
        changed = TRUE;
        break;
      }
  g_assert_true (changed);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));
  assert_refused (path, BEKAL_IMAGE_ERROR_UNSUPPORTED, "lossless");
}

static void
test_huge_svg (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *sized = write_text (fixture, "poster-besar.svg",
                                       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30000\""
                                       " height=\"30000\"><rect width=\"5\" height=\"5\"/></svg>");
  g_autofree char *viewbox = write_text (fixture, "viewbox-besar.svg",
                                         "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                         "viewBox=\"0 0 30000 2000\"/>");
  g_autofree char *physical = write_text (fixture, "meter.svg",
                                          "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                          "width=\"200cm\" height=\"10mm\"/>");
  g_autofree char *sizeless = write_text (fixture, "tanpa-ukuran.svg",
                                          "<svg xmlns=\"http://www.w3.org/2000/svg\">"
                                          "<circle r=\"5\"/></svg>");

  assert_refused (sized, BEKAL_IMAGE_ERROR_TOO_LARGE, "30000×30000 pixels");
  assert_refused (viewbox, BEKAL_IMAGE_ERROR_TOO_LARGE, "30000×2000 pixels");
  /* 2 m at 96 dots per inch */
  assert_refused (physical, BEKAL_IMAGE_ERROR_TOO_LARGE, "7560×38 pixels");
  assert_refused (sizeless, BEKAL_IMAGE_ERROR_DAMAGED, "no size");
}

static void
test_damaged_svg (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *cut = write_text (fixture, "terpotong.svg",
                                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                                     "height=\"10\"><rect width=\"5\"");

  assert_refused (cut, BEKAL_IMAGE_ERROR_DAMAGED, "cannot be read");
}

/* Nothing outside the SVG is ever opened: every way librsvg (or a later version) could load
 * another file or address is refused before librsvg sees the file */
static void
test_svg_external (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *trap = fixture_path (fixture, "perangkap.fifo");
  g_autofree char *trap_uri = g_filename_to_uri (trap, NULL, NULL);
  g_autofree char *entity_svg = NULL;
  g_autofree char *pi_svg = NULL;
  const char *bodies[] = {
    "<image href=\"file:///etc/passwd\" width=\"10\" height=\"10\"/>",
    "<image xlink:href=\"perangkap.fifo\" width=\"10\" height=\"10\"/>",
    "<image href=\"TRAP_URI\" width=\"10\" height=\"10\"/>",
    "<image href=\"http://127.0.0.1:9/gambar.png\" width=\"10\" height=\"10\"/>",
    "<use href=\"perangkap.fifo#a\"/>",
    "<use xlink:href=\"lain.svg#a\"/>",
    "<rect width=\"5\" height=\"5\" style=\"fill:url(http://127.0.0.1:9/p.svg#g)\"/>",
    "<rect width=\"5\" height=\"5\" fill=\"url( 'perangkap.fifo#p' )\"/>",
    "<style>@import url(perangkap.fifo);</style>",
    "<style>rect { fill: u\\72l(perangkap.fifo#p) }</style>",
    "<style>rect { fill: url(\"perangkap.fifo#p\") }</style>",
    "<filter id=\"f\"><feImage href=\"perangkap.fifo\"/></filter>",
    ("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"perangkap.fifo\" "
     "parse=\"text\"/>"),
    "<image href=\"data:image/svg+xml;base64,PHN2Zy8+\" width=\"10\" height=\"10\"/>",
    "<a href=\"http://127.0.0.1:9/\"><rect width=\"5\" height=\"5\"/></a>",
  };
  FifoWatch *watch = fifo_watch_new (trap);

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *name = g_strdup_printf ("luar-%02" G_GSIZE_FORMAT ".svg", i);
      g_auto(GStrv) parts = g_strsplit (bodies[i], "TRAP_URI", -1);
      g_autofree char *body = g_strjoinv (trap_uri, parts);
      g_autofree char *path = write_svg (fixture, name, body);

      g_test_message ("%s", body);
      assert_refused (path, BEKAL_IMAGE_ERROR_EXTERNAL, "outside itself");
    }

  entity_svg = write_text (fixture, "entitas.svg",
                           "<?xml version=\"1.0\"?>\n"
                           "<!DOCTYPE svg [ <!ENTITY isi SYSTEM \"perangkap.fifo\"> ]>\n"
                           SVG_OPEN "<text>&isi;</text></svg>\n");
  pi_svg = write_text (fixture, "gaya.svg",
                       "<?xml version=\"1.0\"?>\n"
                       "<?xml-stylesheet type=\"text/css\" href=\"perangkap.fifo\"?>\n"
                       SVG_OPEN "<rect width=\"5\" height=\"5\"/></svg>\n");
  assert_refused (entity_svg, BEKAL_IMAGE_ERROR_EXTERNAL, "perangkap.fifo");
  assert_refused (pi_svg, BEKAL_IMAGE_ERROR_EXTERNAL, "perangkap.fifo");

  g_assert_false (fifo_watch_finish (watch));
}

/* An SVG may carry its pictures inside, as data: URLs; they are checked like files */
static void
test_svg_embedded (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) small = test_png_bytes (20, 10);
  g_autoptr(GBytes) huge = test_png_bytes (30000, 30000);
  g_autofree char *small_base64 = g_base64_encode (g_bytes_get_data (small, NULL),
                                                   g_bytes_get_size (small));
  g_autofree char *huge_base64 = g_base64_encode (g_bytes_get_data (huge, NULL),
                                                  g_bytes_get_size (huge));
  g_autofree char *small_body = g_strdup_printf ("<image href=\"data:image/png;base64,%s\" "
                                                 "width=\"20\" height=\"10\"/>", small_base64);
  g_autofree char *huge_body = g_strdup_printf ("<image xlink:href=\"data:image/png;base64,\n"
                                                "%s\" width=\"20\" height=\"10\"/>", huge_base64);
  g_autofree char *small_path = write_svg (fixture, "dengan-foto.svg", small_body);
  g_autofree char *huge_path = write_svg (fixture, "dengan-foto-besar.svg", huge_body);

  assert_accepted (small_path, BEKAL_IMAGE_FORMAT_SVG, 100, 80);
  assert_refused (huge_path, BEKAL_IMAGE_ERROR_TOO_LARGE, "30000×30000 pixels");
}

static void
test_not_a_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *fifo = fixture_path (fixture, "pipa.png");
  g_autofree char *folder = fixture_path (fixture, "folder.png");
  g_autofree char *missing = fixture_path (fixture, "hilang.png");

  /* a FIFO without a writer: refused at once, not waited for */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  assert_refused (fifo, BEKAL_IMAGE_ERROR_NOT_FOUND, "not an ordinary file");
  assert_refused (folder, BEKAL_IMAGE_ERROR_NOT_FOUND, NULL);
  assert_refused (missing, BEKAL_IMAGE_ERROR_NOT_FOUND, NULL);
}

static void
test_file_size_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *png = fixture_path (fixture, "raksasa.png");
  g_autofree char *svg = fixture_path (fixture, "raksasa.svg");
  g_autoptr(GString) text = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                          "width=\"10\" height=\"10\">");
  int fd;

  /* sparse: only the signature is written */
  fd = g_open (png, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "\x89PNG\r\n\x1a\n", 8), ==, 8);
  g_assert_cmpint (ftruncate (fd, BEKAL_IMAGE_MAX_FILE_SIZE + 1), ==, 0);
  g_close (fd, NULL);
  assert_refused (png, BEKAL_IMAGE_ERROR_TOO_LARGE, "the largest file Bekal reads");

  while (text->len <= BEKAL_IMAGE_MAX_SVG_FILE_SIZE)
    g_string_append (text, "<rect width=\"1\" height=\"1\"/>\n");
  g_string_append (text, "</svg>\n");
  g_assert_true (g_file_set_contents (svg, text->str, (gssize) text->len, NULL));
  assert_refused (svg, BEKAL_IMAGE_ERROR_TOO_LARGE, "the largest SVG Bekal reads");
}

typedef struct
{
  const char *path;
  BekalImageFormat format;
  int width;
} ThreadCase;

static gpointer
check_in_thread (gpointer data)
{
  const ThreadCase *cases = data;

  for (guint round = 0; round < 20; round++)
    for (guint i = 0; cases[i].path; i++)
      {
        g_autoptr(GError) error = NULL;
        BekalImageFormat format;
        int width = 0;

        if (!bekal_image_check_file (cases[i].path, &format, &width, NULL, &error))
          return GINT_TO_POINTER (FALSE);
        if (format != cases[i].format || width != cases[i].width)
          return GINT_TO_POINTER (FALSE);
      }

  return GINT_TO_POINTER (TRUE);
}

/* The app checks figures from worker threads, several at once */
static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *png = fixture_path (fixture, "a.png");
  g_autofree char *jpeg = fixture_path (fixture, "b.jpg");
  g_autofree char *svg = write_svg (fixture, "c.svg", "<rect width=\"5\" height=\"5\"/>");
  ThreadCase cases[] = {
    { png, BEKAL_IMAGE_FORMAT_PNG, 30 },
    { jpeg, BEKAL_IMAGE_FORMAT_JPEG, 40 },
    { svg, BEKAL_IMAGE_FORMAT_SVG, 100 },
    { NULL, 0, 0 },
  };
  GThread *threads[4];

  test_make_png (png, 30, 30);
  test_make_jpeg (jpeg, 40, 30);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("check", check_in_thread, cases);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* Tests: modules */

static void
test_module (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *figure = write_text (fixture, "catatan.png", "bukan gambar\n");
  g_autofree char *poster = fixture_path (fixture, "besar.png");
  g_autoptr(GPtrArray) diagnostics = NULL;
  const BekalDiagnostic *d;
  guint n_errors = 0;

  test_make_png (poster, 30000, 30000);
  diagnostics = check_module (fixture, "catatan.png", "besar.png", &n_errors);

  g_assert_cmpuint (n_errors, ==, 2);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 2);
  d = find_diagnostic (diagnostics, FIGURE_LINE, "“catatan.png” is a text file");
  g_assert_nonnull (d);
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==, FIGURE_COLUMN);
  d = find_diagnostic (diagnostics, POSTER_LINE, "“besar.png” is 30000×30000 pixels");
  g_assert_nonnull (d);
  g_assert_cmpint (bekal_diagnostic_get_column (d), ==, POSTER_COLUMN);
}

static void
test_module_valid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *figure = write_svg (fixture, "bagan.svg", "<circle r=\"4\"/>");
  g_autofree char *poster = fixture_path (fixture, "poster.jpg");
  g_autoptr(GPtrArray) diagnostics = NULL;
  guint n_errors = 99;

  test_make_jpeg (poster, 320, 180);
  diagnostics = check_module (fixture, "bagan.svg", "poster.jpg", &n_errors);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (bekal_diagnostics_count (diagnostics, BEKAL_SEVERITY_ERROR), ==, 0);
}

/* bekal-author validate runs the image checks along with the media probe */
static void
test_author (Fixture       *fixture,
             gconstpointer  data)
{
  const char *author = g_getenv ("BEKAL_AUTHOR");
  g_autofree char *figure = write_text (fixture, "kosong.png", "");
  g_autofree char *poster = write_svg (fixture, "luar.svg", "<image href=\"/etc/passwd\"/>");
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (author == NULL)
    {
      g_test_skip ("BEKAL_AUTHOR is not set");
      return;
    }

  path = g_build_filename (fixture->dir, "module.id.xml", NULL);
  xml = g_strdup_printf (MODULE_TEMPLATE, "kosong.png", "luar.svg");
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));

  {
    const char *argv[] = { author, "validate", "--media-dir", fixture->media_dir, path, NULL };
    const char *envp[] = { "LC_ALL=C.UTF-8", "LANGUAGE=", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, (char **) envp,
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                                 &error));
    g_assert_no_error (error);
    g_test_message ("%s", out);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    expected = g_strdup_printf ("module.id.xml:%d:%d: error: The image “kosong.png” is empty "
                                "(0 bytes): copy it again from the original.",
                                FIGURE_LINE, FIGURE_COLUMN);
    g_assert_nonnull (strstr (out, expected));
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("module.id.xml:%d:%d: error: The SVG image “luar.svg” refers "
                                "to “/etc/passwd” outside itself", POSTER_LINE, POSTER_COLUMN);
    g_assert_nonnull (strstr (out, expected));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/image-check/valid/png", test_valid_png);
  ADD ("/image-check/valid/jpeg", test_valid_jpeg);
  ADD ("/image-check/valid/svg", test_valid_svg);
  ADD ("/image-check/size-limit", test_size_limit);
  ADD ("/image-check/refused/huge-png", test_huge_png);
  ADD ("/image-check/refused/empty", test_empty);
  ADD ("/image-check/refused/text", test_text);
  ADD ("/image-check/refused/other-formats", test_other_formats);
  ADD ("/image-check/refused/truncated-png", test_truncated_png);
  ADD ("/image-check/refused/damaged-png", test_damaged_png);
  ADD ("/image-check/refused/truncated-jpeg", test_truncated_jpeg);
  ADD ("/image-check/refused/lossless-jpeg", test_lossless_jpeg);
  ADD ("/image-check/refused/huge-svg", test_huge_svg);
  ADD ("/image-check/refused/damaged-svg", test_damaged_svg);
  ADD ("/image-check/refused/svg-external", test_svg_external);
  ADD ("/image-check/svg-embedded", test_svg_embedded);
  ADD ("/image-check/refused/not-a-file", test_not_a_file);
  ADD ("/image-check/refused/file-size", test_file_size_limit);
  ADD ("/image-check/threads", test_threads);
  ADD ("/image-check/module/refused", test_module);
  ADD ("/image-check/module/valid", test_module_valid);
  ADD ("/image-check/module/author", test_author);

#undef ADD

  return g_test_run ();
}
