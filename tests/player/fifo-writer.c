/* fifo-writer.c: a FIFO fed with the start of a clip, whose writer then stops answering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fifo-writer.h"

/* How long the write end stays open at most: a main thread that blocks on the FIFO then gets
 * free again, and its test fails instead of hanging */
#define GUARD_US (120 * G_USEC_PER_SEC)

struct _FifoWriter
{
  int       fd;
  char     *data;
  gsize     length;
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  gsize     written; /* under lock */
  gboolean  finish;  /* under lock */
};

static gpointer
fifo_writer_run (gpointer data)
{
  FifoWriter *writer = data;
  gint64 guard;
  gsize done = 0;

  while (done < writer->length)
    {
      gssize n = write (writer->fd, writer->data + done, writer->length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }

  g_mutex_lock (&writer->lock);
  writer->written = done;
  guard = g_get_monotonic_time () + GUARD_US;
  while (!writer->finish)
    if (!g_cond_wait_until (&writer->cond, &writer->lock, guard))
      break;
  g_mutex_unlock (&writer->lock);

  close (writer->fd);
  return NULL;
}

FifoWriter *
fifo_writer_new (const char *fifo,
                 const char *source,
                 double      fraction)
{
  FifoWriter *writer = g_new0 (FifoWriter, 1);
  gsize length = 0;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_get_contents (source, &writer->data, &length, NULL));
  writer->length = (gsize) (length * fraction);
  g_mutex_init (&writer->lock);
  g_cond_init (&writer->cond);

  /* opened for reading too, which on Linux returns at once instead of waiting for a reader */
  writer->fd = g_open (fifo, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (writer->fd, >=, 0);
  writer->thread = g_thread_new ("fifo-writer", fifo_writer_run, writer);

  return writer;
}

gsize
fifo_writer_get_written (FifoWriter *writer)
{
  gsize written;

  g_mutex_lock (&writer->lock);
  written = writer->written;
  g_mutex_unlock (&writer->lock);

  return written;
}

gsize
fifo_writer_get_length (FifoWriter *writer)
{
  return writer->length;
}

void
fifo_writer_finish (FifoWriter *writer)
{
  g_mutex_lock (&writer->lock);
  writer->finish = TRUE;
  g_cond_broadcast (&writer->cond);
  g_mutex_unlock (&writer->lock);

  g_thread_join (writer->thread);
  g_mutex_clear (&writer->lock);
  g_cond_clear (&writer->cond);
  g_free (writer->data);
  g_free (writer);
}
