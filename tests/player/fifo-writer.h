/* fifo-writer.h: a FIFO fed with the start of a clip, whose writer then stops answering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FifoWriter FifoWriter;

/* Makes the FIFO @fifo and writes the first @fraction of the file @source into it from a
 * thread, which then keeps its write end open without writing: a USB stick or a network folder
 * that stopped answering. Reading the FIFO then hangs instead of reaching its end. */
FifoWriter *fifo_writer_new         (const char *fifo,
                                     const char *source,
                                     double      fraction);
/* Bytes written so far, and how many will be */
gsize       fifo_writer_get_written (FifoWriter *writer);
gsize       fifo_writer_get_length  (FifoWriter *writer);
/* Closes the write end, so that a read waiting on the FIFO returns, and frees @writer */
void        fifo_writer_finish      (FifoWriter *writer);

G_END_DECLS
