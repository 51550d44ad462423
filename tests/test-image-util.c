/* test-image-util.c: image files made on the fly for the image and media checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "test-image-util.h"

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  static guint32 table[256];
  static gsize table_ready;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }

  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc;
}

static void
append_be32 (GByteArray *array,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (array, bytes, 4);
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint32 crc = 0xffffffffu;

  append_be32 (png, (guint32) length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, (guint) length);
  crc = crc32_update (crc, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, length);
  append_be32 (png, crc ^ 0xffffffffu);
}

/* Every row: filter byte 0, then @row_bytes zero bytes */
static GBytes *
compress_rows (gsize   row_bytes,
               guint32 height)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB,
                                                                 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize row_length = 1 + row_bytes;
  gsize total = row_length * height;
  gsize chunk = 1024 * 1024;
  g_autofree guint8 *zeros = g_malloc0 (chunk);
  g_autofree guint8 *buffer = g_malloc (chunk);
  gsize fed = 0;

  for (;;)
    {
      gsize n_in = MIN (chunk, total - fed);
      GConverterFlags flags = fed + n_in == total ? G_CONVERTER_INPUT_AT_END : 0;
      gsize read = 0, written = 0;
      g_autoptr(GError) error = NULL;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (compressor), zeros, n_in, buffer, chunk, flags,
                                    &read, &written, &error);
      g_assert_no_error (error);
      g_byte_array_append (out, buffer, (guint) written);
      fed += read;
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  GByteArray *out;
  guint64     bits;
  guint       n_bits;
} BitWriter;

/* Deflate writes its bits from the least significant one */
static void
put_bits (BitWriter *w,
          guint32    value,
          guint      n)
{
  w->bits |= (guint64) value << w->n_bits;
  w->n_bits += n;
  while (w->n_bits >= 8)
    {
      guint8 byte = w->bits & 0xff;

      g_byte_array_append (w->out, &byte, 1);
      w->bits >>= 8;
      w->n_bits -= 8;
    }
}

/* and Huffman codes from their most significant one */
static void
put_code (BitWriter *w,
          guint32    code,
          guint      n)
{
  guint32 reversed = 0;

  for (guint i = 0; i < n; i++)
    reversed |= ((code >> i) & 1) << (n - 1 - i);
  put_bits (w, reversed, n);
}

/* A zlib stream of @length zero bytes, written directly: one zero, then copies of 258 bytes
 * at distance 1 in a block with the fixed codes (13 bits each), the rest as zeros. Gigabytes
 * take a fraction of a second, where compressing them would take many. */
static GBytes *
zeros_stream (guint64 length)
{
  BitWriter w = { g_byte_array_new (), 0, 0 };
  guint64 copies = (length - 1) / 258;
  guint64 rest = (length - 1) % 258;
  guint32 a = 1, b = (guint32) (length % 65521);
  guint8 header[2] = { 0x78, 0x01 };
  guint8 adler[4] = { b >> 8, b & 0xff, a >> 8, a & 0xff };

  g_byte_array_append (w.out, header, 2);
  put_bits (&w, 1, 1);       /* last block */
  put_bits (&w, 1, 2);       /* fixed codes */
  put_code (&w, 0x30, 8);    /* literal 0 */
  for (guint64 i = 0; i < copies; i++)
    {
      put_code (&w, 0xc5, 8); /* length 258 */
      put_code (&w, 0, 5);    /* distance 1 */
    }
  for (guint64 i = 0; i < rest; i++)
    put_code (&w, 0x30, 8);
  put_code (&w, 0, 7);       /* end of block */
  if (w.n_bits > 0)
    put_bits (&w, 0, 8 - w.n_bits);
  g_byte_array_append (w.out, adler, 4);

  return g_byte_array_free_to_bytes (w.out);
}

static GBytes *
png_bytes (guint32  width,
           guint32  height,
           gboolean rgb)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) idat = rgb ? zeros_stream ((guint64) height * (1 + (guint64) width * 3))
                              : compress_rows (((gsize) width + 7) / 8, height);
  GByteArray *ihdr = g_byte_array_new ();
  /* depth 8 RGB or depth 1 grey; deflate, no filter, no interlace */
  guint8 tail[5] = { rgb ? 8 : 1, rgb ? 2 : 0, 0, 0, 0 };
  gsize idat_length;
  const guint8 *idat_data = g_bytes_get_data (idat, &idat_length);

  append_be32 (ihdr, width);
  append_be32 (ihdr, height);
  g_byte_array_append (ihdr, tail, 5);

  g_byte_array_append (png, signature, 8);
  append_chunk (png, "IHDR", ihdr->data, ihdr->len);
  append_chunk (png, "IDAT", idat_data, idat_length);
  append_chunk (png, "IEND", NULL, 0);
  g_byte_array_unref (ihdr);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

GBytes *
test_png_bytes (guint32 width,
                guint32 height)
{
  return png_bytes (width, height, FALSE);
}

void
test_make_rgb_png (const char *path,
                   guint32     width,
                   guint32     height)
{
  g_autoptr(GBytes) bytes = png_bytes (width, height, TRUE);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

GBytes *
test_make_png (const char *path,
               guint32     width,
               guint32     height)
{
  g_autoptr(GBytes) bytes = test_png_bytes (width, height);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return g_steal_pointer (&bytes);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);

  return NULL;
}

void
test_make_jpeg (const char *path,
                int         width,
                int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = (guint8) (x * 255 / MAX (width - 1, 1));
        p[1] = (guint8) (y * 255 / MAX (height - 1, 1));
        p[2] = 128;
      }

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
}
