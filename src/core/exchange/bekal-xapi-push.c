/* bekal-xapi-push.c: sending the store's statements to an xAPI Learning Record Store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include <bekal/bekal-xapi.h>

#include "bekal-store-private.h"
#include "bekal-xapi-statements.h"

#define DEFAULT_BATCH 100
#define DEFAULT_TIMEOUT 30
#define DEFAULT_RETRIES 5
#define DEFAULT_FIRST_RETRY_MS 500
#define MAX_BATCH 1000

typedef struct
{
  char   sid[37];
  gint64 profile_id;
  char  *json;
} Pending;

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *sent;
  const char   *lrs;
  GArray       *pending;   /* Pending */
  guint64       n_already_sent;
} Collector;

static void
pending_clear (Pending *pending)
{
  g_free (pending->json);
}

static gboolean
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
               _("The learners' database could not be read or changed: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
on_collect (const char  *sid,
            gint64       profile_id,
            const char  *json,
            gsize        length,
            gpointer     user_data,
            GError     **error)
{
  Collector *collector = user_data;
  Pending pending = { { 0 }, profile_id, NULL };
  int rc;

  sqlite3_bind_text (collector->sent, 1, collector->lrs, -1, SQLITE_STATIC);
  sqlite3_bind_text (collector->sent, 2, sid, -1, SQLITE_STATIC);
  rc = sqlite3_step (collector->sent);
  sqlite3_reset (collector->sent);
  if (rc == SQLITE_ROW)
    {
      collector->n_already_sent++;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (collector->db, error);

  g_strlcpy (pending.sid, sid, sizeof pending.sid);
  pending.json = g_strndup (json, length);
  g_array_append_val (collector->pending, pending);
  return TRUE;
}

/* Remembers a delivered batch at once: a push stopped after it does not send it again */
static gboolean
remember_sent (sqlite3      *db,
               const char   *lrs,
               Pending      *batch,
               guint         n,
               GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (db, error);
  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO lrs_sent (lrs, statement_id, profile_id,"
                              " sent_at) VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_text (stmt, 1, lrs, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, batch[i].sid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, batch[i].profile_id);
      sqlite3_bind_int64 (stmt, 4, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto fail;

  return TRUE;

fail:
  set_db_error (db, error);
  sqlite3_finalize (stmt);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static char *
body_excerpt (GBytes *body)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  g_autofree char *text = g_strndup (data != NULL ? data : "", MIN (size, 200));

  return g_utf8_make_valid (text, -1);
}

/* One batch: TRUE when the LRS took it; @out_retry says whether a failure is worth a retry */
static gboolean
post_batch (SoupSession  *session,
            const char   *url,
            const char   *authorization,
            Pending      *batch,
            guint         n,
            gboolean     *out_retry,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GString) body = g_string_new ("[");
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *excerpt = NULL;
  guint status;

  *out_retry = FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, batch[i].json);
    }
  g_string_append_c (body, ']');

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "X-Experience-API-Version", "1.0.3");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (body->str, body->len);

    soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  }

  reply = soup_session_send_and_read (session, message, cancellable, &local_error);
  if (reply == NULL)
    {
      /* the LRS did not answer in time or cannot be reached now: worth another try */
      *out_retry = !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS,
                   _("The LRS at %s did not answer: %s"), url, local_error->message);
      return FALSE;
    }

  status = soup_message_get_status (message);
  if (status >= 200 && status < 300)
    return TRUE;

  excerpt = body_excerpt (reply);
  if (status == SOUP_STATUS_CONFLICT)
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_CONFLICT,
                   _("The LRS already holds other statements with the ids of this batch (409 "
                     "Conflict: %s). Nothing was sent again; ask the LRS's administrator which "
                     "statements differ."), excerpt);
      return FALSE;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS,
                   _("The LRS refused the user and key (%u). Check --user and the key file."),
                   status);
      return FALSE;
    }

  *out_retry = status >= 500;
  g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS,
               _("The LRS answered %u %s: %s"), status,
               soup_message_get_reason_phrase (message) != NULL
               ? soup_message_get_reason_phrase (message) : "", excerpt);
  return FALSE;
}

gboolean
bekal_xapi_push (BekalStore                 *store,
                 const char                 *endpoint,
                 const char                 *user,
                 const char                 *password,
                 const BekalXapiPushOptions *options,
                 BekalXapiPushSummary       *out_summary,
                 GCancellable               *cancellable,
                 GError                    **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GArray) pending = NULL;
  g_autofree char *lrs = NULL;
  g_autofree char *url = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *authorization = NULL;
  BekalXapiPushSummary summary = { 0 };
  Collector collector = { 0 };
  guint batch_size, retries, first_retry_ms, timeout;
  gboolean ok = FALSE;
  const char *scheme;

  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);
  g_return_val_if_fail (endpoint != NULL && user != NULL && password != NULL, FALSE);

  batch_size = options != NULL && options->batch_size > 0 ? MIN (options->batch_size, MAX_BATCH)
                                                          : DEFAULT_BATCH;
  timeout = options != NULL && options->timeout_seconds > 0 ? options->timeout_seconds
                                                            : DEFAULT_TIMEOUT;
  retries = options != NULL && options->max_retries > 0 ? options->max_retries : DEFAULT_RETRIES;
  first_retry_ms = options != NULL && options->first_retry_ms > 0 ? options->first_retry_ms
                                                                  : DEFAULT_FIRST_RETRY_MS;

  uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || !(g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_LRS,
                   _("“%s” is not the address of an LRS; give its xAPI endpoint, for example "
                     "https://lrs.example.org/xAPI"), endpoint);
      return FALSE;
    }
  lrs = g_strdup (endpoint);
  while (g_str_has_suffix (lrs, "/"))
    lrs[strlen (lrs) - 1] = '\0';
  url = g_strconcat (lrs, "/statements", NULL);

  credentials = g_strconcat (user, ":", password, NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  authorization = g_strconcat ("Basic ", encoded, NULL);

  /* What is left to send to this LRS */
  pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (pending, (GDestroyNotify) pending_clear);
  collector.db = bekal_store_get_connection (store);
  collector.lrs = lrs;
  collector.pending = pending;
  if (sqlite3_prepare_v2 (collector.db, "SELECT 1 FROM lrs_sent WHERE lrs = ?1 AND"
                                        " statement_id = ?2", -1, &collector.sent, NULL)
      != SQLITE_OK)
    return set_db_error (collector.db, error);
  ok = bekal_xapi_foreach_statement (store, BEKAL_XAPI_FLAGS_NONE, on_collect, &collector, error);
  sqlite3_finalize (collector.sent);
  summary.n_already_sent = collector.n_already_sent;
  if (!ok)
    goto out;

  session = soup_session_new_with_options ("timeout", timeout, "idle-timeout", timeout,
                                           "user-agent", "Bekal/" PACKAGE_VERSION, NULL);

  for (guint start = 0; start < pending->len; start += batch_size)
    {
      Pending *batch = &g_array_index (pending, Pending, start);
      guint n = MIN (batch_size, pending->len - start);
      guint wait_ms = first_retry_ms;

      for (guint attempt = 0;; attempt++)
        {
          g_autoptr(GError) local_error = NULL;
          gboolean retry = FALSE;

          if (post_batch (session, url, authorization, batch, n, &retry, cancellable,
                          &local_error))
            break;
          if (!retry || attempt >= retries)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
              goto out;
            }
          g_debug ("Push to %s: %s; trying again in %u ms", url, local_error->message, wait_ms);
          summary.n_retries++;
          g_usleep ((gulong) wait_ms * 1000);
          wait_ms = MIN (wait_ms * 2, 60000);
        }

      if (!remember_sent (collector.db, lrs, batch, n, error))
        {
          ok = FALSE;
          goto out;
        }
      summary.n_sent += n;
    }

  ok = TRUE;

out:
  if (out_summary != NULL)
    *out_summary = summary;
  return ok;
}
