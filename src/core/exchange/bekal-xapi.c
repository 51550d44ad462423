/* bekal-xapi.c: results files: the store's learning records as xAPI statements, and back
 *
 * The format is described in docs/results.md. Every statement carries, besides its xAPI
 * fields, the record it was made from (extension urn:bekal:xapi:record), which the import
 * reads; the statement id is a name-based UUID of the record's identity, so the import can
 * check that the two agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-xapi.h>

#include "bekal-store-private.h"
#include "bekal-xapi-private.h"
#include "bekal-xapi-statements.h"

#define VERB_PREFIX "http://adlnet.gov/expapi/verbs/"
#define ACTIVITY_PREFIX "http://adlnet.gov/expapi/activities/"
#define RECORD_EXTENSION "urn:bekal:xapi:record"
#define LEARNER_EXTENSION "urn:bekal:xapi:learner"
#define SOURCE_KEY "results-source-id"

/* Bekal's namespace for name-based statement ids (a random UUID, fixed for good) */
static const guint8 uuid_namespace[16] = {
  0x6f, 0x1c, 0x2d, 0x0e, 0x5b, 0x7a, 0x4c, 0x3e,
  0x9a, 0x41, 0x2f, 0x8e, 0x7d, 0x6c, 0x5b, 0x4a,
};

typedef struct
{
  gint64      id;
  gint64      profile_id;
  const char *uuid;
  const char *name;
  const char *unit;
  const char *job;
  gint64      years;
  gboolean    trained_before;
  const char *module_id;
  const char *module_version;
  const char *content_hash;
  const char *quiz_id;
  const char *role;
  gint64      seed;
  const char *question_order;
  gint64      started_at;
  gint64      finished_at;
  gboolean    has_score;
  double      score;
  int         passed;            /* -1 none, 0 failed, 1 passed */
  char        key[512];          /* the attempt's identity */
  char        registration[37];
} Attempt;

/* Staging tables of an import: one row per statement, merged into the store at the end;
 * without rowid, each row is written once, in its key's order */
static const char staging_sql[] =
  "CREATE TEMP TABLE xi_learners (uuid TEXT PRIMARY KEY, name TEXT, unit TEXT, job TEXT,"
  "  years INTEGER, trained_before INTEGER) WITHOUT ROWID;"
  "CREATE TEMP TABLE xi_attempts (akey TEXT PRIMARY KEY, sid TEXT, uuid TEXT, module_id TEXT,"
  "  quiz_id TEXT, role TEXT, version TEXT, hash TEXT, seed INTEGER, qorder TEXT,"
  "  started_at INTEGER, line INTEGER) WITHOUT ROWID;"
  "CREATE TEMP TABLE xi_completed (akey TEXT PRIMARY KEY, sid TEXT, finished_at INTEGER,"
  "  score REAL, line INTEGER) WITHOUT ROWID;"
  "CREATE TEMP TABLE xi_verdicts (akey TEXT PRIMARY KEY, sid TEXT, passed INTEGER,"
  "  line INTEGER) WITHOUT ROWID;"
  "CREATE TEMP TABLE xi_answers (akey TEXT, question_id TEXT, sid TEXT, topic_id TEXT,"
  "  response TEXT, score REAL, answered_at INTEGER, line INTEGER,"
  "  PRIMARY KEY (akey, question_id)) WITHOUT ROWID;"
  "CREATE TEMP TABLE xi_lessons (uuid TEXT, module_id TEXT, lesson_id TEXT, sid TEXT,"
  "  completed_at INTEGER, line INTEGER, PRIMARY KEY (uuid, module_id, lesson_id))"
  " WITHOUT ROWID;";

static const char drop_staging_sql[] =
  "DROP TABLE IF EXISTS temp.xi_learners; DROP TABLE IF EXISTS temp.xi_attempts;"
  "DROP TABLE IF EXISTS temp.xi_completed; DROP TABLE IF EXISTS temp.xi_verdicts;"
  "DROP TABLE IF EXISTS temp.xi_answers; DROP TABLE IF EXISTS temp.xi_lessons;"
  "DROP TABLE IF EXISTS temp.xi_map; DROP TABLE IF EXISTS temp.xi_groups;"
  "DROP TABLE IF EXISTS temp.xi_contributions; DROP TABLE IF EXISTS temp.xi_items;"
  "DROP TABLE IF EXISTS temp.xi_counted; DROP TABLE IF EXISTS temp.xi_totals;";

G_DEFINE_QUARK (bekal-xapi-error-quark, bekal_xapi_error)

static gboolean
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
               _("The learners' database could not be read or changed: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

void
bekal_xapi_name_uuid (const char *name,
                      gsize       length,
                      char        out[37])
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_length = sizeof digest;
  static const char hex[] = "0123456789abcdef";
  int o = 0;

  g_checksum_update (sha1, uuid_namespace, sizeof uuid_namespace);
  g_checksum_update (sha1, (const guchar *) name, length);
  g_checksum_get_digest (sha1, digest, &digest_length);

  /* RFC 4122 section 4.3: version 5 in the high nibble of byte 6, variant 10 in byte 8 */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[digest[i] >> 4];
      out[o++] = hex[digest[i] & 0x0f];
    }
  out[o] = '\0';
}

/* Appends @text to @buffer at *@length, cut at @size - 1 bytes */
static void
buffer_append (char       *buffer,
               gsize       size,
               gsize      *length,
               const char *text)
{
  gsize n = MIN (strlen (text), size - 1 - *length);

  memcpy (buffer + *length, text, n);
  *length += n;
  buffer[*length] = '\0';
}

/* The id of a statement: a name-based UUID of "KIND\nKEY[\nEXTRA]" (cut at 1099 bytes) */
static void
statement_id (const char *kind,
              const char *key,
              const char *extra,
              char        out[37])
{
  char name[1100];
  gsize length = 0;

  name[0] = '\0';
  buffer_append (name, sizeof name, &length, kind);
  buffer_append (name, sizeof name, &length, "\n");
  buffer_append (name, sizeof name, &length, key);
  if (extra != NULL)
    {
      buffer_append (name, sizeof name, &length, "\n");
      buffer_append (name, sizeof name, &length, extra);
    }

  bekal_xapi_name_uuid (name, length, out);
}

/* printf's %" G_GINT64_FORMAT " without printf, which was a tenth of an export */
static void
append_int64 (GString *out,
              gint64   value)
{
  char buffer[24];
  gsize i = sizeof buffer;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      buffer[--i] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    buffer[--i] = '-';

  g_string_append_len (out, buffer + i, (gssize) (sizeof buffer - i));
}

/* An attempt is the same on every laptop: the learner, the quiz, when it started, its seed */
static void
make_attempt_key (char        out[512],
                  const char *uuid,
                  const char *module_id,
                  const char *quiz_id,
                  gint64      started_at,
                  gint64      seed)
{
  g_snprintf (out, 512, "%s\n%s\n%s\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT, uuid, module_id,
              quiz_id, started_at, seed);
}

/* Ids are [a-z0-9_-] in a valid module; anything else is percent-encoded to keep an IRI */
static void
append_iri_part (GString    *out,
                 const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static void
append_activity_iri (GString    *out,
                     const char *module_id,
                     const char *kind,
                     const char *id,
                     const char *sub_kind,
                     const char *sub_id)
{
  g_string_append (out, "\"urn:bekal:module:");
  append_iri_part (out, module_id);
  if (kind != NULL)
    {
      g_string_append_c (out, ':');
      g_string_append (out, kind);
      g_string_append_c (out, ':');
      append_iri_part (out, id);
    }
  if (sub_kind != NULL)
    {
      g_string_append_c (out, ':');
      g_string_append (out, sub_kind);
      g_string_append_c (out, ':');
      append_iri_part (out, sub_id);
    }
  g_string_append_c (out, '"');
}

static void
append_timestamp (GString *out,
                  gint64   seconds)
{
  time_t t = (time_t) seconds;
  struct tm tm;
  char buffer[32];

  if (gmtime_r (&t, &tm) == NULL || strftime (buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ",
                                              &tm) == 0)
    g_strlcpy (buffer, "1970-01-01T00:00:00Z", sizeof buffer);
  g_string_append_c (out, '"');
  g_string_append (out, buffer);
  g_string_append_c (out, '"');
}

/* The start of a statement: {"id":"SID", */
static void
append_id (GString    *out,
           const char *sid)
{
  g_string_append (out, "{\"id\":\"");
  g_string_append (out, sid);
  g_string_append (out, "\",");
}

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

static void
append_actor (GString        *out,
              const Attempt  *who,
              BekalXapiFlags  flags)
{
  g_string_append (out, "\"actor\":{\"objectType\":\"Agent\",");
  if ((flags & BEKAL_XAPI_FLAGS_WITH_NAMES) && who->name != NULL)
    {
      g_string_append (out, "\"name\":");
      bekal_json_append_string (out, who->name);
      g_string_append_c (out, ',');
    }
  g_string_append (out, "\"account\":{\"homePage\":\"" BEKAL_XAPI_ACCOUNT_HOME_PAGE
                        "\",\"name\":");
  bekal_json_append_string (out, who->uuid);
  g_string_append (out, "}},");
}

static void
append_verb (GString    *out,
             const char *verb)
{
  g_string_append (out, "\"verb\":{\"id\":\"" VERB_PREFIX);
  g_string_append (out, verb);
  g_string_append (out, "\",\"display\":{\"en-US\":\"");
  g_string_append (out, verb);
  g_string_append (out, "\"}},");
}

static void
append_learner (GString        *out,
                const Attempt  *who,
                BekalXapiFlags  flags)
{
  g_string_append (out, ",\"" LEARNER_EXTENSION "\":{\"trained_before\":");
  g_string_append (out, who->trained_before ? "true" : "false");
  if (flags & BEKAL_XAPI_FLAGS_WITH_NAMES)
    {
      g_string_append (out, ",\"unit\":");
      bekal_json_append_string (out, who->unit != NULL ? who->unit : "");
      g_string_append (out, ",\"role\":");
      bekal_json_append_string (out, who->job != NULL ? who->job : "");
      g_string_append (out, ",\"years\":");
      append_int64 (out, who->years);
    }
  g_string_append_c (out, '}');
}

/* The context of every statement of an attempt, up to the open record extension */
static void
append_attempt_context (GString       *out,
                        const Attempt *attempt,
                        gboolean       parent_is_quiz)
{
  g_string_append (out, "\"context\":{\"registration\":\"");
  g_string_append (out, attempt->registration);
  g_string_append (out, "\",\"contextActivities\":{\"parent\":[{\"id\":");
  if (parent_is_quiz)
    append_activity_iri (out, attempt->module_id, "quiz", attempt->quiz_id, NULL, NULL);
  else
    append_activity_iri (out, attempt->module_id, NULL, NULL, NULL, NULL);
  g_string_append (out, "}]},\"extensions\":{\"" RECORD_EXTENSION "\":{\"module\":");
  bekal_json_append_string (out, attempt->module_id);
  g_string_append (out, ",\"quiz\":");
  bekal_json_append_string (out, attempt->quiz_id);
  g_string_append (out, ",\"started\":");
  append_int64 (out, attempt->started_at);
  g_string_append (out, ",\"seed\":");
  append_int64 (out, attempt->seed);
}

static void
append_quiz_object (GString       *out,
                    const Attempt *attempt)
{
  g_string_append (out, "\"object\":{\"objectType\":\"Activity\",\"id\":");
  append_activity_iri (out, attempt->module_id, "quiz", attempt->quiz_id, NULL, NULL);
  g_string_append (out, ",\"definition\":{\"type\":\"" ACTIVITY_PREFIX "assessment\"}},");
}

static void
append_duration (GString       *out,
                 const Attempt *attempt)
{
  g_string_append (out, "\"duration\":\"PT");
  append_int64 (out, MAX (attempt->finished_at - attempt->started_at, 0));
  g_string_append (out, "S\"");
}

static void
build_attempted (GString        *out,
                 const Attempt  *attempt,
                 BekalXapiFlags  flags,
                 char            sid[37])
{
  statement_id ("attempted", attempt->key, NULL, sid);
  append_id (out, sid);
  append_actor (out, attempt, flags);
  append_verb (out, "attempted");
  append_quiz_object (out, attempt);
  append_attempt_context (out, attempt, FALSE);
  g_string_append (out, ",\"role\":");
  bekal_json_append_string (out, attempt->role);
  g_string_append (out, ",\"version\":");
  bekal_json_append_string (out, attempt->module_version);
  g_string_append (out, ",\"hash\":");
  bekal_json_append_string (out, attempt->content_hash);
  g_string_append (out, ",\"order\":");
  bekal_json_append_string (out, attempt->question_order);
  g_string_append_c (out, '}');
  append_learner (out, attempt, flags);
  g_string_append (out, "}},\"timestamp\":");
  append_timestamp (out, attempt->started_at);
  g_string_append_c (out, '}');
}

static void
build_answered (GString        *out,
                const Attempt  *attempt,
                BekalXapiFlags  flags,
                const char     *question_id,
                const char     *topic_id,
                const char     *response,
                gboolean        has_score,
                double          score,
                gint64          answered_at,
                char            sid[37])
{
  statement_id ("answered", attempt->key, question_id, sid);
  append_id (out, sid);
  append_actor (out, attempt, flags);
  append_verb (out, "answered");
  g_string_append (out, "\"object\":{\"objectType\":\"Activity\",\"id\":");
  append_activity_iri (out, attempt->module_id, "quiz", attempt->quiz_id, "question",
                       question_id);
  g_string_append (out, ",\"definition\":{\"type\":\"" ACTIVITY_PREFIX "cmi.interaction\"}},"
                        "\"result\":{");
  if (has_score)
    {
      g_string_append (out, "\"score\":{\"scaled\":");
      append_double (out, score);
      g_string_append (out, "},");
    }
  g_string_append (out, "\"response\":");
  bekal_json_append_string (out, response);
  g_string_append (out, "},");
  append_attempt_context (out, attempt, TRUE);
  g_string_append (out, ",\"question\":");
  bekal_json_append_string (out, question_id);
  g_string_append (out, ",\"topic\":");
  bekal_json_append_string (out, topic_id);
  g_string_append (out, ",\"score\":");
  if (has_score)
    append_double (out, score);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"answered\":");
  append_int64 (out, answered_at);
  g_string_append (out, "}}},\"timestamp\":");
  append_timestamp (out, answered_at);
  g_string_append_c (out, '}');
}

/* cmi5: "completed" carries completion and no success; "passed"/"failed" carry success */
static void
build_finished (GString        *out,
                const Attempt  *attempt,
                BekalXapiFlags  flags,
                gboolean        verdict,
                char            sid[37])
{
  const char *verb = !verdict ? "completed" : attempt->passed ? "passed" : "failed";

  statement_id (verdict ? "verdict" : "completed", attempt->key, NULL, sid);
  append_id (out, sid);
  append_actor (out, attempt, flags);
  append_verb (out, verb);
  append_quiz_object (out, attempt);
  g_string_append (out, "\"result\":{");
  if (attempt->has_score)
    {
      g_string_append (out, "\"score\":{\"scaled\":");
      append_double (out, attempt->score);
      g_string_append (out, "},");
    }
  if (verdict)
    g_string_append (out, attempt->passed ? "\"success\":true," : "\"success\":false,");
  else
    g_string_append (out, "\"completion\":true,");
  append_duration (out, attempt);
  g_string_append (out, "},");
  append_attempt_context (out, attempt, FALSE);
  g_string_append (out, ",\"finished\":");
  append_int64 (out, attempt->finished_at);
  if (verdict)
    g_string_append (out, attempt->passed ? ",\"passed\":true" : ",\"passed\":false");
  else
    {
      g_string_append (out, ",\"score\":");
      if (attempt->has_score)
        append_double (out, attempt->score);
      else
        g_string_append (out, "null");
    }
  g_string_append (out, "}}},\"timestamp\":");
  append_timestamp (out, attempt->finished_at);
  g_string_append_c (out, '}');
}

static void
build_lesson (GString        *out,
              const Attempt  *who,
              BekalXapiFlags  flags,
              const char     *lesson_id,
              gint64          completed_at,
              char            sid[37])
{
  g_autofree char *key = g_strjoin ("\n", who->uuid, who->module_id, lesson_id, NULL);

  statement_id ("lesson", key, NULL, sid);
  append_id (out, sid);
  append_actor (out, who, flags);
  append_verb (out, "completed");
  g_string_append (out, "\"object\":{\"objectType\":\"Activity\",\"id\":");
  append_activity_iri (out, who->module_id, "lesson", lesson_id, NULL, NULL);
  g_string_append (out, ",\"definition\":{\"type\":\"" ACTIVITY_PREFIX "lesson\"}},"
                        "\"result\":{\"completion\":true},"
                        "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":");
  append_activity_iri (out, who->module_id, NULL, NULL, NULL, NULL);
  g_string_append (out, "}]},\"extensions\":{\"" RECORD_EXTENSION "\":{\"module\":");
  bekal_json_append_string (out, who->module_id);
  g_string_append (out, ",\"lesson\":");
  bekal_json_append_string (out, lesson_id);
  g_string_append (out, ",\"completed\":");
  append_int64 (out, completed_at);
  g_string_append_c (out, '}');
  append_learner (out, who, flags);
  g_string_append (out, "}},\"timestamp\":");
  append_timestamp (out, completed_at);
  g_string_append_c (out, '}');
}

static const char *
text_or_empty (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static void
read_learner (sqlite3_stmt *stmt,
              int           first,
              Attempt      *who)
{
  who->profile_id = sqlite3_column_int64 (stmt, first);
  who->uuid = text_or_empty (stmt, first + 1);
  who->name = text_or_empty (stmt, first + 2);
  who->unit = text_or_empty (stmt, first + 3);
  who->job = text_or_empty (stmt, first + 4);
  who->years = sqlite3_column_int64 (stmt, first + 5);
  who->trained_before = sqlite3_column_int (stmt, first + 6) != 0;
}

#define LEARNER_COLUMNS "p.id, p.uuid, p.name, p.unit, p.role, p.years_as_peksos, p.trained_before"

gboolean
bekal_xapi_count_statements (BekalStore  *store,
                             guint64     *out_count,
                             GError     **error)
{
  sqlite3 *db = bekal_store_get_connection (store);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db,
                          "SELECT (SELECT 2 * count (*) + count (passed) FROM quiz_attempts"
                          "        WHERE finished_at IS NOT NULL)"
                          " + (SELECT count (*) FROM quiz_answers s JOIN quiz_attempts a"
                          "    ON a.id = s.attempt_id WHERE a.finished_at IS NOT NULL)"
                          " + (SELECT count (*) FROM completed_lessons)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (db, error);

  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *out_count = (guint64) sqlite3_column_int64 (stmt, 0);
  else
    set_db_error (db, error);
  sqlite3_finalize (stmt);

  return ok;
}

gboolean
bekal_xapi_foreach_statement (BekalStore              *store,
                              BekalXapiFlags           flags,
                              BekalXapiStatementFunc   func,
                              gpointer                 user_data,
                              GError                 **error)
{
  sqlite3 *db = bekal_store_get_connection (store);
  g_autoptr(GString) out = g_string_sized_new (2048);
  sqlite3_stmt *attempts = NULL, *answers = NULL, *lessons = NULL;
  gboolean has_answer;
  gboolean ok = FALSE;
  char sid[37];
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT a.id, " LEARNER_COLUMNS ", a.module_id, a.module_version,"
                          " a.content_hash, a.quiz_id, a.role, a.seed, a.question_order,"
                          " a.started_at, a.finished_at, a.score, a.passed"
                          " FROM quiz_attempts a JOIN profiles p ON p.id = a.profile_id"
                          " WHERE a.finished_at IS NOT NULL ORDER BY a.id",
                          -1, &attempts, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db,
                             "SELECT s.attempt_id, s.question_id, s.topic_id, s.response,"
                             " s.score, s.answered_at"
                             " FROM quiz_answers s JOIN quiz_attempts a ON a.id = s.attempt_id"
                             " WHERE a.finished_at IS NOT NULL ORDER BY s.attempt_id, s.id",
                             -1, &answers, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db,
                             "SELECT " LEARNER_COLUMNS ", c.module_id, c.lesson_id,"
                             " c.completed_at FROM completed_lessons c"
                             " JOIN profiles p ON p.id = c.profile_id ORDER BY c.id",
                             -1, &lessons, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      goto out;
    }

  /* Attempts and answers both come in attempt order: walk them side by side */
  rc = sqlite3_step (answers);
  has_answer = rc == SQLITE_ROW;
  while ((rc = sqlite3_step (attempts)) == SQLITE_ROW)
    {
      Attempt attempt = { 0 };

      attempt.id = sqlite3_column_int64 (attempts, 0);
      read_learner (attempts, 1, &attempt);
      attempt.module_id = text_or_empty (attempts, 8);
      attempt.module_version = text_or_empty (attempts, 9);
      attempt.content_hash = text_or_empty (attempts, 10);
      attempt.quiz_id = text_or_empty (attempts, 11);
      attempt.role = text_or_empty (attempts, 12);
      attempt.seed = sqlite3_column_int64 (attempts, 13);
      attempt.question_order = text_or_empty (attempts, 14);
      attempt.started_at = sqlite3_column_int64 (attempts, 15);
      attempt.finished_at = sqlite3_column_int64 (attempts, 16);
      attempt.has_score = sqlite3_column_type (attempts, 17) != SQLITE_NULL;
      attempt.score = sqlite3_column_double (attempts, 17);
      attempt.passed = sqlite3_column_type (attempts, 18) == SQLITE_NULL
                       ? -1 : sqlite3_column_int (attempts, 18) != 0;
      make_attempt_key (attempt.key, attempt.uuid, attempt.module_id, attempt.quiz_id,
                        attempt.started_at, attempt.seed);
      {
        char name[600];
        int length = g_snprintf (name, sizeof name, "attempt\n%s", attempt.key);

        bekal_xapi_name_uuid (name, MIN ((gsize) length, sizeof name - 1),
                              attempt.registration);
      }

      g_string_truncate (out, 0);
      build_attempted (out, &attempt, flags, sid);
      if (!func (sid, attempt.profile_id, out->str, out->len, user_data, error))
        goto out;

      while (has_answer && sqlite3_column_int64 (answers, 0) < attempt.id)
        has_answer = sqlite3_step (answers) == SQLITE_ROW;
      while (has_answer && sqlite3_column_int64 (answers, 0) == attempt.id)
        {
          g_string_truncate (out, 0);
          build_answered (out, &attempt, flags, text_or_empty (answers, 1),
                          text_or_empty (answers, 2), text_or_empty (answers, 3),
                          sqlite3_column_type (answers, 4) != SQLITE_NULL,
                          sqlite3_column_double (answers, 4), sqlite3_column_int64 (answers, 5),
                          sid);
          if (!func (sid, attempt.profile_id, out->str, out->len, user_data, error))
            goto out;
          has_answer = sqlite3_step (answers) == SQLITE_ROW;
        }

      g_string_truncate (out, 0);
      build_finished (out, &attempt, flags, FALSE, sid);
      if (!func (sid, attempt.profile_id, out->str, out->len, user_data, error))
        goto out;
      if (attempt.passed >= 0)
        {
          g_string_truncate (out, 0);
          build_finished (out, &attempt, flags, TRUE, sid);
          if (!func (sid, attempt.profile_id, out->str, out->len, user_data, error))
            goto out;
        }
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error);
      goto out;
    }

  while ((rc = sqlite3_step (lessons)) == SQLITE_ROW)
    {
      Attempt who = { 0 };

      read_learner (lessons, 0, &who);
      who.module_id = text_or_empty (lessons, 7);
      g_string_truncate (out, 0);
      build_lesson (out, &who, flags, text_or_empty (lessons, 8),
                    sqlite3_column_int64 (lessons, 9), sid);
      if (!func (sid, who.profile_id, out->str, out->len, user_data, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (attempts);
  sqlite3_finalize (answers);
  sqlite3_finalize (lessons);
  return ok;
}

/* Export */

typedef struct
{
  FILE       *file;
  GChecksum  *sha;
  guint64     count;
  const char *path;
} ExportState;

static gboolean
write_line (ExportState  *state,
            const char   *line,
            gsize         length,
            GError      **error)
{
  if (fwrite (line, 1, length, state->file) != length || fputc ('\n', state->file) == EOF)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("Could not write “%s”: %s"), state->path, g_strerror (saved_errno));
      return FALSE;
    }
  g_checksum_update (state->sha, (const guchar *) line, length);
  g_checksum_update (state->sha, (const guchar *) "\n", 1);

  return TRUE;
}

static gboolean
on_export_statement (const char  *sid,
                     gint64       profile_id,
                     const char  *json,
                     gsize        length,
                     gpointer     user_data,
                     GError     **error)
{
  ExportState *state = user_data;

  state->count++;
  return write_line (state, json, length, error);
}

/* A random id of this data folder, kept in its settings, naming where a file came from */
static char *
dup_source_id (BekalStore *store)
{
  g_autofree char *id = bekal_store_dup_value (store, SOURCE_KEY, NULL);

  if (id != NULL)
    return g_steal_pointer (&id);

  id = g_uuid_string_random ();
  if (!bekal_store_is_read_only (store))
    bekal_store_set_value (store, SOURCE_KEY, id, NULL);

  return g_steal_pointer (&id);
}

static void
hex_digest (GChecksum *sha,
            char       out[65])
{
  g_strlcpy (out, g_checksum_get_string (sha), 65);
}

/* The first line: what the file is, its version, where it comes from */
static void
append_header (GString        *out,
               const char     *source,
               const char     *created,
               BekalXapiFlags  flags,
               guint64         n_statements)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, BEKAL_XAPI_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, BEKAL_XAPI_FORMAT_VERSION);
  json_builder_set_member_name (builder, "xapi");
  json_builder_add_string_value (builder, "1.0.3");
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bekal");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "data_folder");
  json_builder_add_string_value (builder, source);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "with_names");
  json_builder_add_boolean_value (builder, (flags & BEKAL_XAPI_FLAGS_WITH_NAMES) != 0);
  json_builder_set_member_name (builder, "statements");
  json_builder_add_int_value (builder, (gint64) n_statements);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  g_string_truncate (out, 0);
  bekal_json_append_node (out, root);
}

/* The last line: the checksum of every line before it, and their count */
static void
append_checksum_line (GString    *out,
                      const char *checksum,
                      guint64     n_statements)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, checksum);
  json_builder_set_member_name (builder, "statements");
  json_builder_add_int_value (builder, (gint64) n_statements);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  g_string_truncate (out, 0);
  bekal_json_append_node (out, root);
  g_string_append_c (out, '\n');
}

gboolean
bekal_xapi_export (BekalStore      *store,
                   const char      *path,
                   BekalXapiFlags   flags,
                   guint64         *out_count,
                   GError         **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  ExportState state = { NULL, NULL, 0, path };
  guint64 expected = 0;
  char checksum[65];
  gboolean ok = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  db = bekal_store_get_connection (store);
  source = dup_source_id (store);

  /* One read transaction: the count in the header and the statements agree */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (db, error);
  if (!bekal_xapi_count_statements (store, &expected, error))
    goto out;

  tmp_path = g_strconcat (path, ".part", NULL);
  state.file = g_fopen (tmp_path, "wb");
  if (state.file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("Could not create “%s”: %s"), tmp_path, g_strerror (saved_errno));
      goto out;
    }
  setvbuf (state.file, NULL, _IOFBF, 1 << 20);
  state.sha = g_checksum_new (G_CHECKSUM_SHA256);

  append_header (line, source, created, flags, expected);
  if (!write_line (&state, line->str, line->len, error)
      || !bekal_xapi_foreach_statement (store, flags, on_export_statement, &state, error))
    goto out;

  if (state.count != expected)
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("The learners' database changed during the export; try again."));
      goto out;
    }

  hex_digest (state.sha, checksum);
  append_checksum_line (line, checksum, state.count);
  if (fputs (line->str, state.file) == EOF || fflush (state.file) != 0
      || fsync (fileno (state.file)) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("Could not write “%s”: %s"), tmp_path, g_strerror (saved_errno));
      goto out;
    }
  if (fclose (g_steal_pointer (&state.file)) != 0 || g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      goto out;
    }

  if (out_count != NULL)
    *out_count = state.count;
  ok = TRUE;

out:
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_clear_pointer (&state.sha, g_checksum_free);
  if (state.file != NULL)
    fclose (state.file);
  if (!ok && tmp_path != NULL)
    g_remove (tmp_path);

  return ok;
}

static gboolean
on_list_statement (const char  *sid,
                   gint64       profile_id,
                   const char  *json,
                   gsize        length,
                   gpointer     user_data,
                   GError     **error)
{
  g_ptr_array_add (user_data, g_strndup (json, length));
  return TRUE;
}

GPtrArray *
bekal_xapi_list_statements (BekalStore      *store,
                            BekalXapiFlags   flags,
                            GError         **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (BEKAL_IS_STORE (store), NULL);

  if (!bekal_xapi_foreach_statement (store, flags, on_list_statement, statements, error))
    return NULL;

  return g_steal_pointer (&statements);
}

/* Import */

typedef struct
{
  sqlite3      *db;
  JsonParser   *parser;
  guint64       line;
  sqlite3_stmt *learner, *attempt, *completed, *verdict, *answer, *lesson;
} Importer;

static gboolean
set_line_error (Importer    *importer,
                GError     **error,
                const char  *what)
{
  g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_INVALID,
               _("Line %llu of the results file is not a statement Bekal wrote (%s). "
                 "Nothing was imported."), (unsigned long long) importer->line, what);
  return FALSE;
}

static char *
record_string (JsonNode   *record,
               const char *key)
{
  return bekal_json_dup_string (bekal_json_member (record, key));
}

static gboolean
record_int (JsonNode   *record,
            const char *key,
            gint64     *out_value)
{
  return bekal_json_get_int64 (bekal_json_member (record, key), out_value);
}

/* NULL (unscored) or a number 0..1 */
static gboolean
record_score (JsonNode   *record,
              const char *key,
              gboolean   *out_has_score,
              double     *out_score)
{
  JsonNode *node = bekal_json_member (record, key);

  if (node == NULL)
    return FALSE;
  if (bekal_json_is_null (node))
    {
      *out_has_score = FALSE;
      return TRUE;
    }
  *out_has_score = TRUE;
  return bekal_json_get_double (node, out_score) && *out_score >= 0 && *out_score <= 1;
}

static gboolean
is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
run_staging (Importer     *importer,
             sqlite3_stmt *stmt,
             const char   *sid,
             GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_DUPLICATE_ID,
                 _("The statement id %s appears twice in the results file (line %llu). The "
                   "file was not made by Bekal or was edited; nothing was imported."), sid,
                 (unsigned long long) importer->line);
  else
    set_db_error (importer->db, error);

  return FALSE;
}

static gboolean
stage_learner (Importer    *importer,
               JsonNode    *root,
               const char  *uuid,
               GError     **error)
{
  JsonNode *learner = bekal_json_path (root, "context", "extensions", LEARNER_EXTENSION, NULL);
  JsonNode *trained = bekal_json_member (learner, "trained_before");
  const char *name = bekal_json_get_string (bekal_json_path (root, "actor", "name", NULL));
  const char *unit = bekal_json_get_string (bekal_json_member (learner, "unit"));
  const char *job = bekal_json_get_string (bekal_json_member (learner, "role"));
  gboolean trained_before = FALSE;
  gint64 years = 0;
  int rc;

  if (trained == NULL)
    return set_line_error (importer, error, "no learner extension");
  if (!bekal_json_get_boolean (trained, &trained_before))
    return set_line_error (importer, error, "trained_before is not true or false");
  record_int (learner, "years", &years);

  bind_text (importer->learner, 1, uuid);
  bind_text (importer->learner, 2, name);
  bind_text (importer->learner, 3, unit);
  bind_text (importer->learner, 4, job);
  sqlite3_bind_int64 (importer->learner, 5, CLAMP (years, 0, 100));
  sqlite3_bind_int (importer->learner, 6, trained_before);
  rc = sqlite3_step (importer->learner);
  sqlite3_reset (importer->learner);
  sqlite3_clear_bindings (importer->learner);
  if (rc != SQLITE_DONE)
    return set_db_error (importer->db, error);

  return TRUE;
}

/* Reads one statement line into the staging tables, checking that its id is the one Bekal
 * gives its record */
static gboolean
stage_statement (Importer    *importer,
                 const char  *text,
                 gsize        length,
                 GError     **error)
{
  g_autofree char *message = NULL;
  g_autofree char *sid = NULL;
  g_autofree char *verb = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *module_id = NULL;
  const char *short_verb;
  char expected[37];
  char key[512];
  JsonNode *root, *record;

  root = bekal_json_parse_line (importer->parser, text, length, &message);
  if (root == NULL)
    return set_line_error (importer, error, message);

  sid = bekal_json_dup_string (bekal_json_member (root, "id"));
  verb = bekal_json_dup_string (bekal_json_path (root, "verb", "id", NULL));
  uuid = bekal_json_dup_string (bekal_json_path (root, "actor", "account", "name", NULL));
  record = bekal_json_path (root, "context", "extensions", RECORD_EXTENSION, NULL);
  module_id = record_string (record, "module");

  if (!is_uuid (sid))
    return set_line_error (importer, error, "no statement id");
  if (verb == NULL || !g_str_has_prefix (verb, VERB_PREFIX))
    return set_line_error (importer, error, "unknown verb");
  if (!is_uuid (uuid)
      || !bekal_json_string_is (bekal_json_path (root, "actor", "account", "homePage", NULL),
                                BEKAL_XAPI_ACCOUNT_HOME_PAGE))
    return set_line_error (importer, error, "the learner is not a Bekal profile");
  if (record == NULL || module_id == NULL || *module_id == '\0')
    return set_line_error (importer, error, "no Bekal record");

  short_verb = verb + strlen (VERB_PREFIX);
  if (g_str_equal (short_verb, "completed") && bekal_json_member (record, "lesson") != NULL)
    {
      g_autofree char *lesson_id = record_string (record, "lesson");
      g_autofree char *lesson_key = NULL;
      gint64 completed_at = 0;

      if (lesson_id == NULL || *lesson_id == '\0'
          || !record_int (record, "completed", &completed_at))
        return set_line_error (importer, error, "incomplete lesson record");
      lesson_key = g_strjoin ("\n", uuid, module_id, lesson_id, NULL);
      statement_id ("lesson", lesson_key, NULL, expected);
      if (!g_str_equal (expected, sid))
        goto forged;
      if (!stage_learner (importer, root, uuid, error))
        return FALSE;
      bind_text (importer->lesson, 1, uuid);
      bind_text (importer->lesson, 2, module_id);
      bind_text (importer->lesson, 3, lesson_id);
      bind_text (importer->lesson, 4, sid);
      sqlite3_bind_int64 (importer->lesson, 5, completed_at);
      sqlite3_bind_int64 (importer->lesson, 6, (gint64) importer->line);
      return run_staging (importer, importer->lesson, sid, error);
    }

  {
    g_autofree char *quiz_id = record_string (record, "quiz");
    gint64 started_at = 0, seed = 0;

    if (quiz_id == NULL || *quiz_id == '\0' || !record_int (record, "started", &started_at)
        || !record_int (record, "seed", &seed))
      {
        return set_line_error (importer, error, "incomplete attempt record");
      }
    make_attempt_key (key, uuid, module_id, quiz_id, started_at, seed);

    if (g_str_equal (short_verb, "attempted"))
      {
        g_autofree char *role = record_string (record, "role");
        g_autofree char *version = record_string (record, "version");
        g_autofree char *hash = record_string (record, "hash");
        g_autofree char *order = record_string (record, "order");

        if (role == NULL || version == NULL || hash == NULL || order == NULL
            || !(g_str_equal (role, "pretest") || g_str_equal (role, "posttest")
                 || g_str_equal (role, "practice")))
          return set_line_error (importer, error, "incomplete attempt record");
        statement_id ("attempted", key, NULL, expected);
        if (!g_str_equal (expected, sid))
          goto forged;
        if (!stage_learner (importer, root, uuid, error))
          return FALSE;
        bind_text (importer->attempt, 1, key);
        bind_text (importer->attempt, 2, sid);
        bind_text (importer->attempt, 3, uuid);
        bind_text (importer->attempt, 4, module_id);
        bind_text (importer->attempt, 5, quiz_id);
        bind_text (importer->attempt, 6, role);
        bind_text (importer->attempt, 7, version);
        bind_text (importer->attempt, 8, hash);
        sqlite3_bind_int64 (importer->attempt, 9, seed);
        bind_text (importer->attempt, 10, order);
        sqlite3_bind_int64 (importer->attempt, 11, started_at);
        sqlite3_bind_int64 (importer->attempt, 12, (gint64) importer->line);
        return run_staging (importer, importer->attempt, sid, error);
      }

    if (g_str_equal (short_verb, "answered"))
      {
        g_autofree char *question_id = record_string (record, "question");
        g_autofree char *topic_id = record_string (record, "topic");
        g_autofree char *response = bekal_json_dup_string (bekal_json_path (root, "result",
                                                                             "response", NULL));
        gboolean has_score = FALSE;
        double score = 0;
        gint64 answered_at = 0;

        if (question_id == NULL || *question_id == '\0' || topic_id == NULL || response == NULL
            || !record_score (record, "score", &has_score, &score)
            || !record_int (record, "answered", &answered_at))
          return set_line_error (importer, error, "incomplete answer record");
        statement_id ("answered", key, question_id, expected);
        if (!g_str_equal (expected, sid))
          goto forged;
        bind_text (importer->answer, 1, key);
        bind_text (importer->answer, 2, question_id);
        bind_text (importer->answer, 3, sid);
        bind_text (importer->answer, 4, topic_id);
        bind_text (importer->answer, 5, response);
        if (has_score)
          sqlite3_bind_double (importer->answer, 6, score);
        else
          sqlite3_bind_null (importer->answer, 6);
        sqlite3_bind_int64 (importer->answer, 7, answered_at);
        sqlite3_bind_int64 (importer->answer, 8, (gint64) importer->line);
        return run_staging (importer, importer->answer, sid, error);
      }

    if (g_str_equal (short_verb, "completed"))
      {
        gboolean has_score = FALSE;
        double score = 0;
        gint64 finished_at = 0;

        if (!record_score (record, "score", &has_score, &score)
            || !record_int (record, "finished", &finished_at) || finished_at <= 0)
          return set_line_error (importer, error, "incomplete attempt record");
        statement_id ("completed", key, NULL, expected);
        if (!g_str_equal (expected, sid))
          goto forged;
        bind_text (importer->completed, 1, key);
        bind_text (importer->completed, 2, sid);
        sqlite3_bind_int64 (importer->completed, 3, finished_at);
        if (has_score)
          sqlite3_bind_double (importer->completed, 4, score);
        else
          sqlite3_bind_null (importer->completed, 4);
        sqlite3_bind_int64 (importer->completed, 5, (gint64) importer->line);
        return run_staging (importer, importer->completed, sid, error);
      }

    if (g_str_equal (short_verb, "passed") || g_str_equal (short_verb, "failed"))
      {
        gboolean passed = g_str_equal (short_verb, "passed");

        statement_id ("verdict", key, NULL, expected);
        if (!g_str_equal (expected, sid))
          goto forged;
        bind_text (importer->verdict, 1, key);
        bind_text (importer->verdict, 2, sid);
        sqlite3_bind_int (importer->verdict, 3, passed);
        sqlite3_bind_int64 (importer->verdict, 4, (gint64) importer->line);
        return run_staging (importer, importer->verdict, sid, error);
      }

    return set_line_error (importer, error, "unknown verb");
  }

forged:
  g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FORGED_ID,
               _("The statement id %s on line %llu does not belong to the record it "
                 "carries: the file was changed by hand or by another program. Nothing was "
                 "imported."), sid, (unsigned long long) importer->line);
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (db, error);

  return TRUE;
}

/* The statement ids (at most five) a query finds; NULL with no error when it finds none */
static char *
find_ids (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  g_autoptr(GString) ids = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (ids == NULL)
        ids = g_string_new (NULL);
      else
        g_string_append (ids, ", ");
      g_string_append (ids, text_or_empty (stmt, 0));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error);
      return NULL;
    }

  return ids != NULL ? g_string_free (g_steal_pointer (&ids), FALSE) : NULL;
}

static gint64
query_count (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* The triggers that add one counted attempt's rows to the running sums, one row at a time;
 * a bulk import adds the same sums set by set while they are set aside (see
 * count_new_attempts()) */
static const char * const row_triggers[] = {
  "report_contribution_added", "report_items_added", "report_item_added",
};

/* What the trigger report_attempt_changed does for each finished attempt, done for every
 * learner, module and test the file touches at once: their contributions removed (the
 * triggers on report_contributions take them out of the sums, as usual), then the counted
 * attempts' rows added, and what the row triggers would add to the gap sums, the item
 * contributions and the item and option counts added by groups, with those triggers set
 * aside meanwhile and put back word for word. All in the caller's transaction: a failure
 * rolls back the triggers too. */
static gboolean
count_new_attempts (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  if (!exec_sql (db,
                 "CREATE TEMP TABLE xi_groups (profile_id INTEGER, module_id TEXT, role TEXT,"
                 "  PRIMARY KEY (profile_id, module_id, role)) WITHOUT ROWID;"
                 "INSERT OR IGNORE INTO xi_groups SELECT m.profile_id, a.module_id, a.role"
                 " FROM xi_map m JOIN xi_attempts a ON a.akey = m.akey"
                 " WHERE m.is_new AND a.role IN ('pretest', 'posttest');"
                 "DELETE FROM report_contributions"
                 " WHERE (profile_id, module_id, role) IN"
                 "  (SELECT profile_id, module_id, role FROM xi_groups);"
                 /* the counted attempts of those groups, worked out once (the view ranks
                  * every attempt of the store) */
                 "CREATE TEMP TABLE xi_counted (id INTEGER PRIMARY KEY, profile_id INTEGER,"
                 "  module_id TEXT, role TEXT, quiz_id TEXT, score REAL, month TEXT,"
                 "  trained_before INTEGER);"
                 "INSERT INTO xi_counted"
                 " SELECT a.id, a.profile_id, a.module_id, a.role, a.quiz_id, a.score,"
                 "  strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before"
                 " FROM counted_attempts a JOIN profiles p ON p.id = a.profile_id"
                 " WHERE (a.profile_id, a.module_id, a.role) IN"
                 "  (SELECT profile_id, module_id, role FROM xi_groups);"
                 /* the rows report_attempt_changed adds: the whole attempt, then each topic */
                 "CREATE TEMP TABLE xi_contributions AS"
                 " SELECT id AS attempt_id, '' AS topic_id, profile_id, module_id, role, month,"
                 "  trained_before, score AS score, quiz_id"
                 " FROM xi_counted WHERE score IS NOT NULL;"
                 "INSERT INTO xi_contributions"
                 " SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role, a.month,"
                 "  a.trained_before, avg (s.score), a.quiz_id"
                 " FROM xi_counted a JOIN quiz_answers s ON s.attempt_id = a.id"
                 " WHERE s.score IS NOT NULL"
                 " GROUP BY a.id, s.topic_id;"
                 /* each whole-attempt row's total, once */
                 "CREATE TEMP TABLE xi_totals (attempt_id INTEGER PRIMARY KEY, total REAL,"
                 "  n INTEGER);"
                 "INSERT INTO xi_totals"
                 " SELECT attempt_id, total (score), count (score) FROM quiz_answers"
                 " WHERE attempt_id IN (SELECT attempt_id FROM xi_contributions"
                 "                      WHERE topic_id = '')"
                 " GROUP BY attempt_id;"
                 /* the rows report_items_added adds for each whole-attempt row */
                 "CREATE TEMP TABLE xi_items AS"
                 " SELECT c.attempt_id, s.question_id, c.module_id, c.quiz_id,"
                 "  round (s.score, 6) AS x, round (t.total - s.score, 6) AS rest, s.response"
                 " FROM xi_contributions c JOIN quiz_answers s ON s.attempt_id = c.attempt_id"
                 " JOIN xi_totals t ON t.attempt_id = c.attempt_id"
                 " WHERE c.topic_id = '' AND s.score IS NOT NULL"
                 " UNION ALL"
                 " SELECT c.attempt_id, '', c.module_id, c.quiz_id, round (t.total, 6), 0, ''"
                 " FROM xi_contributions c JOIN xi_totals t ON t.attempt_id = c.attempt_id"
                 " WHERE c.topic_id = '' AND t.n > 0;",
                 error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (row_triggers); i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT sql FROM sqlite_master"
                                                " WHERE type = 'trigger' AND name = '%s'",
                                                row_triggers[i]);
      g_autofree char *drop = NULL;
      sqlite3_stmt *stmt = NULL;
      char *sql = NULL;

      if (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (sql == NULL)
        return set_db_error (db, error);
      g_ptr_array_add (saved, sql);
      drop = g_strdup_printf ("DROP TRIGGER %s", row_triggers[i]);
      if (!exec_sql (db, drop, error))
        return FALSE;
    }

  /* "WHERE true": an upsert's SELECT needs a WHERE clause */
  ok = exec_sql (db,
                 "INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id,"
                 "  role, month, trained_before, score)"
                 " SELECT attempt_id, topic_id, profile_id, module_id, role, month,"
                 "  trained_before, score FROM xi_contributions;"
                 "INSERT INTO report_gap_sums (module_id, topic_id, month, role, trained_before,"
                 "  score_sum, n)"
                 " SELECT module_id, topic_id, month, role, trained_before, total (score),"
                 "  count (*) FROM xi_contributions WHERE true"
                 " GROUP BY module_id, topic_id, month, role, trained_before"
                 " ON CONFLICT DO UPDATE SET score_sum = score_sum + excluded.score_sum,"
                 "  n = n + excluded.n;"
                 "INSERT INTO report_item_contributions (attempt_id, question_id, module_id,"
                 "  quiz_id, x, rest, response)"
                 " SELECT attempt_id, question_id, module_id, quiz_id, x, rest, response"
                 " FROM xi_items;"
                 "INSERT INTO report_item_counts (module_id, quiz_id, question_id, x, rest, n)"
                 " SELECT module_id, quiz_id, question_id, x, rest, count (*) FROM xi_items"
                 " WHERE true GROUP BY module_id, quiz_id, question_id, x, rest"
                 " ON CONFLICT DO UPDATE SET n = n + excluded.n;"
                 "INSERT INTO report_option_counts (module_id, quiz_id, question_id, response, n)"
                 " SELECT module_id, quiz_id, question_id, response, count (*) FROM xi_items"
                 " WHERE question_id <> '' GROUP BY module_id, quiz_id, question_id, response"
                 " ON CONFLICT DO UPDATE SET n = n + excluded.n;",
                 error);

  for (guint i = 0; ok && i < saved->len; i++)
    ok = exec_sql (db, g_ptr_array_index (saved, i), error);

  return ok && exec_sql (db,
                         "DROP TABLE temp.xi_groups; DROP TABLE temp.xi_contributions;"
                         " DROP TABLE temp.xi_items; DROP TABLE temp.xi_counted;"
                         " DROP TABLE temp.xi_totals;",
                         error);
}

/* Moves the staged statements into the store; in the caller's transaction */
static gboolean
merge_staged (sqlite3                 *db,
              BekalXapiImportSummary  *summary,
              GError                 **error)
{
  char *ids = NULL;
  GError *local_error = NULL;

  /* Every attempt comes whole: attempted, its answers, completed */
  ids = find_ids (db,
                  "SELECT sid FROM xi_attempts a WHERE NOT EXISTS"
                  " (SELECT 1 FROM xi_completed c WHERE c.akey = a.akey)"
                  " UNION ALL SELECT sid FROM xi_completed c WHERE NOT EXISTS"
                  " (SELECT 1 FROM xi_attempts a WHERE a.akey = c.akey)"
                  " UNION ALL SELECT sid FROM xi_verdicts v WHERE NOT EXISTS"
                  " (SELECT 1 FROM xi_attempts a WHERE a.akey = v.akey)"
                  " UNION ALL SELECT sid FROM xi_answers s WHERE NOT EXISTS"
                  " (SELECT 1 FROM xi_attempts a WHERE a.akey = s.akey) LIMIT 5",
                  &local_error);
  if (ids != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_INVALID,
                     _("The results file holds parts of quiz attempts without the rest "
                       "(statements %s). Nothing was imported."), ids);
      g_free (ids);
      return FALSE;
    }

  /* New learners; a learner Bekal knows keeps what this data folder says about them */
  if (!exec_sql (db,
                 "INSERT INTO profiles (name, unit, role, years_as_peksos, trained_before,"
                 " created_at, uuid)"
                 " SELECT CASE WHEN length (trim (coalesce (name, ''))) > 0 THEN name"
                 "        ELSE 'Peserta ' || substr (uuid, 1, 8) END,"
                 " coalesce (unit, ''), coalesce (job, ''), years, trained_before,"
                 " CAST (strftime ('%s', 'now') AS INTEGER), uuid"
                 " FROM xi_learners l"
                 " WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.uuid = l.uuid)"
                 " ORDER BY uuid",
                 error))
    return FALSE;
  summary->n_profiles = (guint64) sqlite3_changes (db);

  if (!exec_sql (db,
                 "CREATE TEMP TABLE xi_map AS"
                 " SELECT a.akey, p.id AS profile_id, q.id AS attempt_id, q.id IS NULL AS is_new"
                 " FROM xi_attempts a JOIN profiles p ON p.uuid = a.uuid"
                 " LEFT JOIN quiz_attempts q ON q.profile_id = p.id AND q.module_id = a.module_id"
                 "   AND q.quiz_id = a.quiz_id AND q.started_at = a.started_at"
                 "   AND q.seed = a.seed;"
                 "CREATE UNIQUE INDEX temp.xi_map_by_key ON xi_map (akey);",
                 error))
    return FALSE;

  /* Forged: the store holds the same record with other content. Reported, not overwritten. */
  ids = find_ids (db,
                  "SELECT a.sid FROM xi_attempts a JOIN xi_map m ON m.akey = a.akey"
                  " JOIN xi_completed c ON c.akey = a.akey"
                  " LEFT JOIN xi_verdicts v ON v.akey = a.akey"
                  " JOIN quiz_attempts q ON q.id = m.attempt_id"
                  " WHERE q.role IS NOT a.role OR q.module_version IS NOT a.version"
                  "   OR q.content_hash IS NOT a.hash OR q.question_order IS NOT a.qorder"
                  "   OR q.finished_at IS NOT c.finished_at OR q.score IS NOT c.score"
                  "   OR q.passed IS NOT v.passed"
                  "   OR (SELECT count (*) FROM quiz_answers x WHERE x.attempt_id = q.id)"
                  "      <> (SELECT count (*) FROM xi_answers s WHERE s.akey = a.akey)"
                  " UNION ALL"
                  " SELECT s.sid FROM xi_answers s JOIN xi_map m ON m.akey = s.akey"
                  " WHERE NOT m.is_new AND NOT EXISTS (SELECT 1 FROM quiz_answers x"
                  "   WHERE x.attempt_id = m.attempt_id AND x.question_id = s.question_id"
                  "     AND x.topic_id IS s.topic_id AND x.response IS s.response"
                  "     AND x.score IS s.score AND x.answered_at IS s.answered_at)"
                  " UNION ALL"
                  " SELECT l.sid FROM xi_lessons l JOIN profiles p ON p.uuid = l.uuid"
                  " JOIN completed_lessons c ON c.profile_id = p.id AND c.module_id = l.module_id"
                  "   AND c.lesson_id = l.lesson_id"
                  " WHERE c.completed_at IS NOT l.completed_at"
                  " LIMIT 5",
                  &local_error);
  if (ids != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FORGED_ID,
                     _("This data folder already holds statements with the ids %s, with "
                       "other content than the file. They were left as they are and nothing "
                       "was imported. Check where the file comes from."), ids);
      g_free (ids);
      return FALSE;
    }

  /* New attempts, finished as they come, then their answers. The store's triggers count an
   * attempt in the gap report and the item analysis when it is finished by an UPDATE, one
   * attempt at a time, each time ranking the learner's attempts again; here the counted
   * attempts of the learners, modules and tests the file touches are worked out once for
   * all of them below, with the same rule (the view counted_attempts) and the same rows */
  if (!exec_sql (db,
                 "INSERT INTO quiz_attempts (profile_id, module_id, module_version, content_hash,"
                 " quiz_id, role, seed, question_order, started_at, finished_at, score, passed)"
                 " SELECT m.profile_id, a.module_id, a.version, a.hash, a.quiz_id, a.role, a.seed,"
                 " a.qorder, a.started_at, c.finished_at, c.score, v.passed"
                 " FROM xi_attempts a JOIN xi_map m ON m.akey = a.akey"
                 " JOIN xi_completed c ON c.akey = a.akey"
                 " LEFT JOIN xi_verdicts v ON v.akey = a.akey"
                 " WHERE m.is_new ORDER BY a.line;"
                 "UPDATE xi_map SET attempt_id = (SELECT q.id FROM quiz_attempts q"
                 "  JOIN xi_attempts a ON a.akey = xi_map.akey"
                 "  WHERE q.profile_id = xi_map.profile_id AND q.module_id = a.module_id"
                 "    AND q.quiz_id = a.quiz_id AND q.started_at = a.started_at"
                 "    AND q.seed = a.seed)"
                 " WHERE is_new;",
                 error))
    return FALSE;
  summary->n_attempts = (guint64) query_count (db, "SELECT count (*) FROM xi_map WHERE is_new");

  if (!exec_sql (db,
                 "INSERT INTO quiz_answers (attempt_id, question_id, topic_id, response, score,"
                 " answered_at)"
                 " SELECT m.attempt_id, s.question_id, s.topic_id, s.response, s.score,"
                 " s.answered_at FROM xi_answers s JOIN xi_map m ON m.akey = s.akey"
                 " WHERE m.is_new ORDER BY s.line",
                 error))
    return FALSE;
  summary->n_answers = (guint64) sqlite3_changes (db);

  if (!count_new_attempts (db, error))
    return FALSE;

  if (!exec_sql (db,
                 "INSERT INTO completed_lessons (profile_id, module_id, lesson_id, completed_at)"
                 " SELECT p.id, l.module_id, l.lesson_id, l.completed_at"
                 " FROM xi_lessons l JOIN profiles p ON p.uuid = l.uuid ORDER BY l.line"
                 " ON CONFLICT DO NOTHING",
                 error))
    return FALSE;
  summary->n_lessons = (guint64) sqlite3_changes (db);

  summary->n_already_present = summary->n_statements - summary->n_answers - summary->n_lessons
    - (guint64) query_count (db,
                             "SELECT 2 * count (*) + count (v.akey) FROM xi_map m"
                             " LEFT JOIN xi_verdicts v ON v.akey = m.akey WHERE m.is_new");
  return TRUE;
}

static gboolean
check_header (Importer    *importer,
              const char  *line,
              gsize        length,
              guint64     *out_count,
              GError     **error)
{
  g_autofree char *message = NULL;
  gint64 version = 0, count = 0;
  JsonNode *root = bekal_json_parse_line (importer->parser, line, length, &message);

  if (root == NULL
      || !bekal_json_string_is (bekal_json_member (root, "format"), BEKAL_XAPI_FORMAT)
      || !bekal_json_get_int64 (bekal_json_member (root, "version"), &version)
      || !bekal_json_get_int64 (bekal_json_member (root, "statements"), &count)
      || count < 0)
    {
      g_set_error_literal (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_INVALID,
                           _("This is not a Bekal results file (its first line is not a Bekal "
                             "header). Choose a file made with “Export results”."));
      return FALSE;
    }
  if (version > BEKAL_XAPI_FORMAT_VERSION || version < 1)
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_NEWER_FORMAT,
                   _("This results file has format version %lld, made by a newer Bekal; "
                     "this version reads up to %d. Update Bekal on this laptop, then import "
                     "it again."), (long long) version, BEKAL_XAPI_FORMAT_VERSION);
      return FALSE;
    }

  *out_count = (guint64) count;
  return TRUE;
}

static gboolean
set_truncated_error (GError **error)
{
  g_set_error_literal (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_CHECKSUM,
                       _("The results file is incomplete or was changed after it was made (its "
                         "checksum does not match). Nothing was imported. Copy the file again "
                         "from the laptop that made it, or export it again."));
  return FALSE;
}

static gboolean
prepare_staging (Importer  *importer,
                 GError   **error)
{
  sqlite3 *db = importer->db;

  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO xi_learners VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          -1, &importer->learner, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO xi_attempts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                 " ?9, ?10, ?11, ?12)", -1, &importer->attempt, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO xi_completed VALUES (?1, ?2, ?3, ?4, ?5)", -1,
                             &importer->completed, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO xi_verdicts VALUES (?1, ?2, ?3, ?4)", -1,
                             &importer->verdict, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO xi_answers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                             -1, &importer->answer, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO xi_lessons VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1,
                             &importer->lesson, NULL) != SQLITE_OK)
    return set_db_error (db, error);

  return TRUE;
}

static void
importer_clear (Importer *importer)
{
  g_clear_pointer (&importer->learner, sqlite3_finalize);
  g_clear_pointer (&importer->attempt, sqlite3_finalize);
  g_clear_pointer (&importer->completed, sqlite3_finalize);
  g_clear_pointer (&importer->verdict, sqlite3_finalize);
  g_clear_pointer (&importer->answer, sqlite3_finalize);
  g_clear_pointer (&importer->lesson, sqlite3_finalize);
  g_clear_object (&importer->parser);
}

/* Reads the file line by line; the last line (the checksum) is known only at the end, so each
 * line is hashed and staged when the next one has been read */
static gboolean
read_file (Importer                *importer,
           FILE                    *file,
           BekalXapiImportSummary  *summary,
           GError                 **error)
{
  g_autofree char *pending = g_malloc (BEKAL_XAPI_MAX_LINE + 1);
  g_autofree char *declared_sum = NULL;
  gsize pending_length = 0;
  char *buffer = NULL;
  size_t capacity = 0;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 declared = 0;
  gboolean ok = FALSE;
  g_autofree char *message = NULL;
  JsonNode *root = NULL;
  gint64 count = -1;
  char checksum[65];
  ssize_t n;

  while ((n = getline (&buffer, &capacity, file)) > 0)
    {
      importer->line++;
      if (importer->line > BEKAL_XAPI_MAX_LINES || n > BEKAL_XAPI_MAX_LINE)
        {
          g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_TOO_LARGE,
                       _("The results file has more than %d lines or a line longer than %d "
                         "bytes, more than Bekal imports at once. Nothing was imported. Export "
                         "the results in smaller parts."),
                       BEKAL_XAPI_MAX_LINES, BEKAL_XAPI_MAX_LINE);
          goto out;
        }
      if (buffer[n - 1] != '\n')
        {
          set_truncated_error (error);
          goto out;
        }

      if (importer->line == 1)
        {
          if (!check_header (importer, buffer, (gsize) n - 1, &declared, error))
            goto out;
          g_checksum_update (sha, (const guchar *) buffer, n);
          continue;
        }

      if (importer->line > 2)
        {
          g_checksum_update (sha, (const guchar *) pending, (gssize) pending_length);
          g_checksum_update (sha, (const guchar *) "\n", 1);
          importer->line--;
          if (!stage_statement (importer, pending, pending_length, error))
            goto out;
          importer->line++;
          summary->n_statements++;
        }
      memcpy (pending, buffer, (size_t) n - 1);
      pending_length = (gsize) n - 1;
    }

  if (ferror (file))
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("The results file could not be read: %s"), g_strerror (errno));
      goto out;
    }
  if (importer->line == 0)
    {
      g_set_error_literal (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_INVALID,
                           _("The results file is empty. Nothing was imported."));
      goto out;
    }

  /* The last line holds the checksum of every line before it */
  hex_digest (sha, checksum);
  if (importer->line < 2
      || (root = bekal_json_parse_line (importer->parser, pending, pending_length,
                                        &message)) == NULL
      || !bekal_json_get_int64 (bekal_json_member (root, "statements"), &count)
      || (declared_sum = bekal_json_dup_string (bekal_json_member (root, "sha256"))) == NULL
      || !g_str_equal (declared_sum, checksum)
      || count < 0 || (guint64) count != summary->n_statements || (guint64) count != declared)
    {
      set_truncated_error (error);
      goto out;
    }

  ok = TRUE;

out:
  free (buffer);
  return ok;
}

static void
restore_cache (sqlite3    *db,
               const char *schema,
               gint64      size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.cache_size = %" G_GINT64_FORMAT, schema,
                                          size);

  if (size != -1)
    sqlite3_exec (db, sql, NULL, NULL, NULL);
}

gboolean
bekal_xapi_import (BekalStore              *store,
                   const char              *path,
                   BekalXapiImportSummary  *out_summary,
                   GError                 **error)
{
  BekalXapiImportSummary summary = { 0 };
  gint64 main_cache, temp_cache;
  Importer importer = { 0 };
  GStatBuf st;
  FILE *file;
  gboolean ok = FALSE;

  g_return_val_if_fail (BEKAL_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (bekal_store_is_read_only (store))
    {
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("The data folder “%s” cannot be written, so nothing can be imported into "
                     "it."), bekal_store_get_data_dir (store));
      return FALSE;
    }

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_FAILED,
                   _("Could not open the results file “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fileno (file), &st) != 0 || !S_ISREG (st.st_mode))
    {
      fclose (file);
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_INVALID,
                   _("“%s” is not a results file."), path);
      return FALSE;
    }
  if (st.st_size > BEKAL_XAPI_MAX_FILE_SIZE)
    {
      fclose (file);
      g_set_error (error, BEKAL_XAPI_ERROR, BEKAL_XAPI_ERROR_TOO_LARGE,
                   _("The results file “%s” is larger than %d MB, more than Bekal imports at "
                     "once. Nothing was imported. Export the results in smaller parts."),
                   path, (int) (BEKAL_XAPI_MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }
  setvbuf (file, NULL, _IOFBF, 1 << 20);

  importer.db = bekal_store_get_connection (store);
  importer.parser = json_parser_new ();
  sqlite3_exec (importer.db, drop_staging_sql, NULL, NULL, NULL);

  /* One transaction: the file goes in whole or not at all */
  if (sqlite3_exec (importer.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (importer.db, error);
      importer_clear (&importer);
      fclose (file);
      return FALSE;
    }

  /* A large file's staging tables and the sums built from them outgrow SQLite's default 2 MB
   * page cache and would go to temporary files; the cache is given back at the end */
  main_cache = query_count (importer.db, "PRAGMA main.cache_size");
  temp_cache = query_count (importer.db, "PRAGMA temp.cache_size");
  sqlite3_exec (importer.db, "PRAGMA main.cache_size = -131072; PRAGMA temp.cache_size = -131072",
                NULL, NULL, NULL);

  if (exec_sql (importer.db, staging_sql, error)
      && prepare_staging (&importer, error)
      && read_file (&importer, file, &summary, error)
      && merge_staged (importer.db, &summary, error))
    {
      importer_clear (&importer);
      ok = exec_sql (importer.db, drop_staging_sql, error)
           && exec_sql (importer.db, "COMMIT", error);
    }

  importer_clear (&importer);
  if (!sqlite3_get_autocommit (importer.db))
    sqlite3_exec (importer.db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (importer.db, drop_staging_sql, NULL, NULL, NULL);
  restore_cache (importer.db, "main", main_cache);
  restore_cache (importer.db, "temp", temp_cache);
  fclose (file);

  if (ok && out_summary != NULL)
    *out_summary = summary;

  return ok;
}
