/* bekal-xapi.h: the store's learning records as xAPI statements: export, import, LRS push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bekal-store.h"

G_BEGIN_DECLS

/** BEKAL_XAPI_FORMAT: the "format" of a results file's header line */
#define BEKAL_XAPI_FORMAT "bekal-results"
/** BEKAL_XAPI_FORMAT_VERSION: the format version this build writes and the newest it reads */
#define BEKAL_XAPI_FORMAT_VERSION 1
/** BEKAL_XAPI_MAX_FILE_SIZE: the largest results file an import accepts, in bytes (1 GiB) */
#define BEKAL_XAPI_MAX_FILE_SIZE (G_GINT64_CONSTANT (1) << 30)
/** BEKAL_XAPI_MAX_LINES: the most lines a results file may have */
#define BEKAL_XAPI_MAX_LINES 4000000
/** BEKAL_XAPI_MAX_LINE: the longest line a results file may have, in bytes */
#define BEKAL_XAPI_MAX_LINE 65536
/** BEKAL_XAPI_ACCOUNT_HOME_PAGE: the account home page naming learners by profile UUID */
#define BEKAL_XAPI_ACCOUNT_HOME_PAGE "urn:bekal:profile"

#define BEKAL_XAPI_ERROR (bekal_xapi_error_quark ())

/**
 * BekalXapiError:
 * @BEKAL_XAPI_ERROR_FAILED: reading or writing failed
 * @BEKAL_XAPI_ERROR_INVALID: not a Bekal results file, or a line is not a statement Bekal wrote
 * @BEKAL_XAPI_ERROR_CHECKSUM: the file was cut short or changed after it was written
 * @BEKAL_XAPI_ERROR_NEWER_FORMAT: written by a newer Bekal
 * @BEKAL_XAPI_ERROR_DUPLICATE_ID: the same statement id twice in the file
 * @BEKAL_XAPI_ERROR_FORGED_ID: a statement id the store holds with other content
 * @BEKAL_XAPI_ERROR_TOO_LARGE: over BEKAL_XAPI_MAX_FILE_SIZE, BEKAL_XAPI_MAX_LINES or
 *   BEKAL_XAPI_MAX_LINE
 * @BEKAL_XAPI_ERROR_LRS: the LRS refused the statements or could not be reached
 * @BEKAL_XAPI_ERROR_CONFLICT: the LRS holds another statement with the same id (409)
 *
 * Why an export, import or push failed.
 */
typedef enum
{
  BEKAL_XAPI_ERROR_FAILED,
  BEKAL_XAPI_ERROR_INVALID,
  BEKAL_XAPI_ERROR_CHECKSUM,
  BEKAL_XAPI_ERROR_NEWER_FORMAT,
  BEKAL_XAPI_ERROR_DUPLICATE_ID,
  BEKAL_XAPI_ERROR_FORGED_ID,
  BEKAL_XAPI_ERROR_TOO_LARGE,
  BEKAL_XAPI_ERROR_LRS,
  BEKAL_XAPI_ERROR_CONFLICT,
} BekalXapiError;

/**
 * BekalXapiFlags:
 * @BEKAL_XAPI_FLAGS_NONE: learners named by their profile UUID only
 * @BEKAL_XAPI_FLAGS_WITH_NAMES: also their names, units, job titles and years as peksos
 *
 * What an export includes.
 */
typedef enum
{
  BEKAL_XAPI_FLAGS_NONE       = 0,
  BEKAL_XAPI_FLAGS_WITH_NAMES = 1 << 0,
} BekalXapiFlags;

/**
 * BekalXapiImportSummary:
 * @n_statements: statements in the file
 * @n_profiles: learners added
 * @n_attempts: quiz attempts added
 * @n_answers: answers added
 * @n_lessons: completed lessons added
 * @n_already_present: statements the store held already (left as they were)
 *
 * What an import added.
 */
typedef struct
{
  guint64 n_statements;
  guint64 n_profiles;
  guint64 n_attempts;
  guint64 n_answers;
  guint64 n_lessons;
  guint64 n_already_present;
} BekalXapiImportSummary;

/**
 * BekalXapiPushOptions:
 * @batch_size: statements per request (0: 100)
 * @timeout_seconds: how long one request may take (0: 30)
 * @max_retries: tries again after a timeout or a 5xx answer, with waits doubling from
 *   @first_retry_ms (0: 5 tries)
 * @first_retry_ms: the first wait (0: 500 ms)
 *
 * How a push talks to the LRS.
 */
typedef struct
{
  guint batch_size;
  guint timeout_seconds;
  guint max_retries;
  guint first_retry_ms;
} BekalXapiPushOptions;

/**
 * BekalXapiPushSummary:
 * @n_sent: statements the LRS accepted in this push
 * @n_already_sent: statements an earlier push delivered (not sent again)
 * @n_retries: requests tried again
 *
 * What a push did.
 */
typedef struct
{
  guint64 n_sent;
  guint64 n_already_sent;
  guint   n_retries;
} BekalXapiPushSummary;

/**
 * bekal_xapi_error_quark:
 *
 * The error domain of export, import and push.
 *
 * Returns: the quark
 */
GQuark          bekal_xapi_error_quark       (void);

/**
 * bekal_xapi_export:
 * @store: the store
 * @path: (type filename): the file to write (replaced as a whole when complete)
 * @flags: what to include
 * @out_count: (out) (optional): the number of statements written
 * @error: return location for a #GError
 *
 * Writes the learning records of @store (finished quiz attempts and their answers, completed
 * lessons; never reflections) as xAPI 1.0.3 statements in JSON lines: a header line, one
 * statement per line, and a line with the SHA-256 of every line before it (docs/results.md).
 * Statement ids are name-based UUIDs of each record, so exporting twice gives the same ids.
 *
 * Returns: %TRUE on success
 */
gboolean        bekal_xapi_export            (BekalStore              *store,
                                              const char              *path,
                                              BekalXapiFlags           flags,
                                              guint64                 *out_count,
                                              GError                 **error);

/**
 * bekal_xapi_import:
 * @store: the store
 * @path: (type filename): a file written by bekal_xapi_export()
 * @out_summary: (out) (optional): what was added
 * @error: return location for a #GError
 *
 * Merges a results file into @store in one transaction: learners are matched by profile UUID
 * (a new one is created, named as in the file or "Peserta" and the start of the UUID), and
 * statements the store holds already are skipped, so importing twice adds nothing. The whole
 * file is refused, and nothing is added, when it is cut short or changed (checksum), from a
 * newer format, too large, has duplicate ids or invalid lines, or holds a statement the store
 * has with other content.
 *
 * Returns: %TRUE on success
 */
gboolean        bekal_xapi_import            (BekalStore              *store,
                                              const char              *path,
                                              BekalXapiImportSummary  *out_summary,
                                              GError                 **error);

/**
 * bekal_xapi_list_statements:
 * @store: the store
 * @flags: what to include
 * @error: return location for a #GError
 *
 * The statements bekal_xapi_export() writes, in the same order, as JSON text.
 *
 * Returns: (transfer full) (element-type utf8): the statements, or %NULL on error
 */
GPtrArray      *bekal_xapi_list_statements   (BekalStore              *store,
                                              BekalXapiFlags           flags,
                                              GError                 **error);

/**
 * bekal_xapi_push:
 * @store: the store
 * @endpoint: the LRS's xAPI endpoint, e.g. "https://lrs.example.org/xAPI" (statements go to
 *   its "/statements")
 * @user: the Basic authentication user (the LRS client's key)
 * @password: the Basic authentication password (the LRS client's secret)
 * @options: (nullable): how to talk to the LRS, %NULL for the defaults
 * @out_summary: (out) (optional): what was sent
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends the statements of @store that were not yet delivered to @endpoint, in batches
 * (POST, X-Experience-API-Version 1.0.3). Each delivered batch is remembered in the store at
 * once, so a push that stops half-way resumes where it stopped and no statement is sent twice.
 * Timeouts and 5xx answers are tried again with growing waits; a 409 (the LRS holds other
 * statements with these ids) and other 4xx answers stop the push with an error.
 *
 * Returns: %TRUE when every statement was delivered
 */
gboolean        bekal_xapi_push              (BekalStore                 *store,
                                              const char                 *endpoint,
                                              const char                 *user,
                                              const char                 *password,
                                              const BekalXapiPushOptions *options,
                                              BekalXapiPushSummary       *out_summary,
                                              GCancellable               *cancellable,
                                              GError                    **error);

G_END_DECLS
