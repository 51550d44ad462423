/* bekal-store-schema.c: the schema of the store and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <bekal/bekal-store.h>

#include "bekal-store-private.h"

/* Schema migrations: migrations[N] takes a database from user_version N to N + 1. A released
 * migration is never edited; a change of schema is a new entry. A migration that rebuilds a
 * table must not rely on foreign_keys being off: the pragma is a no-op inside the migration's
 * transaction, so copy rows before dropping a parent table. */
static const char * const migrations[] = {
  /* 1: profiles and reading progress */
  "CREATE TABLE profiles ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT '',"
  "  years_as_peksos INTEGER NOT NULL DEFAULT 0 CHECK (years_as_peksos >= 0),"
  "  trained_before INTEGER NOT NULL DEFAULT 0 CHECK (trained_before IN (0, 1)),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE positions ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  block_index INTEGER NOT NULL CHECK (block_index >= 0),"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id)"
  ");"
  "CREATE TABLE seen_blocks ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  block_index INTEGER NOT NULL CHECK (block_index >= 0),"
  "  seen_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, lesson_id, block_index)"
  ");"
  "CREATE TABLE completed_lessons ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lesson_id TEXT NOT NULL CHECK (lesson_id <> ''),"
  "  completed_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, lesson_id)"
  ");"
  "CREATE TABLE module_states ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  pretest_skipped_at INTEGER,"
  "  pretest_done_at INTEGER,"
  "  posttest_passed_at INTEGER,"
  "  UNIQUE (profile_id, module_id)"
  ");",

  /* 2: settings, reflections, media progress, checkpoint answers, quiz attempts */
  "CREATE TABLE settings ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (key <> ''),"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE reflections ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  reflection_id TEXT NOT NULL CHECK (reflection_id <> ''),"
  "  text TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, reflection_id)"
  ");"
  "CREATE TABLE media_progress ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  media_id TEXT NOT NULL CHECK (media_id <> ''),"
  "  position_ms INTEGER NOT NULL DEFAULT 0 CHECK (position_ms >= 0),"
  "  watched_fraction REAL NOT NULL DEFAULT 0"
  "    CHECK (watched_fraction >= 0 AND watched_fraction <= 1),"
  "  transcript_read_to_end INTEGER NOT NULL DEFAULT 0"
  "    CHECK (transcript_read_to_end IN (0, 1)),"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, media_id)"
  ");"
  "CREATE TABLE checkpoint_responses ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  media_id TEXT NOT NULL CHECK (media_id <> ''),"
  "  question_id TEXT NOT NULL CHECK (question_id <> ''),"
  "  response TEXT NOT NULL,"
  "  answered_at INTEGER NOT NULL,"
  "  UNIQUE (profile_id, module_id, media_id, question_id)"
  ");"
  "CREATE TABLE quiz_attempts ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  module_version TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  quiz_id TEXT NOT NULL CHECK (quiz_id <> ''),"
  "  role TEXT NOT NULL CHECK (role IN ('pretest', 'practice', 'posttest')),"
  "  seed INTEGER NOT NULL,"
  "  question_order TEXT NOT NULL," /* question ids joined by commas */
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),"
  "  passed INTEGER CHECK (passed IS NULL OR passed IN (0, 1)),"
  "  CHECK (finished_at IS NOT NULL OR (score IS NULL AND passed IS NULL))"
  ");"
  "CREATE INDEX quiz_attempts_by_quiz ON quiz_attempts (profile_id, module_id, quiz_id);"
  "CREATE TABLE quiz_answers ("
  "  id INTEGER PRIMARY KEY,"
  "  attempt_id INTEGER NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,"
  "  question_id TEXT NOT NULL CHECK (question_id <> ''),"
  "  topic_id TEXT NOT NULL,"
  "  response TEXT NOT NULL,"
  "  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),"
  "  answered_at INTEGER NOT NULL,"
  "  UNIQUE (attempt_id, question_id)"
  ");",

  /* 3: running sums behind the gap report (bekal-report.c, docs/scoring.md). The counted
   * attempts of each learner, module and test (the first finished pre-test, the latest
   * finished post-test) are kept in report_contributions, one row for the whole attempt
   * (topic '') and one per topic; report_gap_sums adds them up per module, topic, month, test
   * and group, so that the report reads a few hundred rows instead of every answer. Triggers
   * keep both exact when an attempt is finished or deleted and when trained_before changes;
   * the rows of existing databases are filled in at the end. */
  "CREATE TABLE report_contributions ("
  "  attempt_id INTEGER NOT NULL,"
  "  topic_id TEXT NOT NULL,"
  "  profile_id INTEGER NOT NULL,"
  "  module_id TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  month TEXT NOT NULL,"
  "  trained_before INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  PRIMARY KEY (attempt_id, topic_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX report_contributions_by_learner"
  "  ON report_contributions (profile_id, module_id, role);"
  "CREATE TABLE report_gap_sums ("
  "  module_id TEXT NOT NULL,"
  "  topic_id TEXT NOT NULL,"
  "  month TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  trained_before INTEGER NOT NULL,"
  "  score_sum REAL NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (module_id, topic_id, month, role, trained_before)"
  ") WITHOUT ROWID;"
  "CREATE INDEX quiz_attempts_by_learner_test"
  "  ON quiz_attempts (profile_id, module_id, role, finished_at) WHERE finished_at IS NOT NULL;"
  "CREATE TRIGGER report_contribution_added AFTER INSERT ON report_contributions BEGIN"
  "  INSERT INTO report_gap_sums (module_id, topic_id, month, role, trained_before, score_sum, n)"
  "  VALUES (NEW.module_id, NEW.topic_id, NEW.month, NEW.role, NEW.trained_before, NEW.score, 1)"
  "  ON CONFLICT DO UPDATE SET score_sum = score_sum + excluded.score_sum, n = n + 1;"
  "END;"
  "CREATE TRIGGER report_contribution_removed AFTER DELETE ON report_contributions BEGIN"
  "  UPDATE report_gap_sums SET score_sum = score_sum - OLD.score, n = n - 1"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before;"
  "  DELETE FROM report_gap_sums"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before AND n <= 0;"
  "END;"
  "CREATE TRIGGER report_contribution_moved AFTER UPDATE OF trained_before"
  "  ON report_contributions BEGIN"
  "  UPDATE report_gap_sums SET score_sum = score_sum - OLD.score, n = n - 1"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before;"
  "  DELETE FROM report_gap_sums"
  "  WHERE module_id = OLD.module_id AND topic_id = OLD.topic_id AND month = OLD.month"
  "    AND role = OLD.role AND trained_before = OLD.trained_before AND n <= 0;"
  "  INSERT INTO report_gap_sums (module_id, topic_id, month, role, trained_before, score_sum, n)"
  "  VALUES (NEW.module_id, NEW.topic_id, NEW.month, NEW.role, NEW.trained_before, NEW.score, 1)"
  "  ON CONFLICT DO UPDATE SET score_sum = score_sum + excluded.score_sum, n = n + 1;"
  "END;"
  "CREATE TRIGGER report_trained_before_changed AFTER UPDATE OF trained_before ON profiles"
  "  WHEN OLD.trained_before IS NOT NEW.trained_before BEGIN"
  "  UPDATE report_contributions SET trained_before = NEW.trained_before"
  "  WHERE profile_id = NEW.id;"
  "END;"
  "CREATE TRIGGER report_attempt_changed AFTER UPDATE OF finished_at, score ON quiz_attempts"
  "  WHEN NEW.role IN ('pretest', 'posttest') BEGIN"
  "  DELETE FROM report_contributions"
  "  WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, '', a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, a.score"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE NEW.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE NEW.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  WHERE a.score IS NOT NULL;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, avg (s.score)"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE NEW.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE NEW.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  WHERE s.score IS NOT NULL"
  "  GROUP BY s.topic_id;"
  "END;"
  "CREATE TRIGGER report_attempt_removed AFTER DELETE ON quiz_attempts"
  "  WHEN OLD.role IN ('pretest', 'posttest') BEGIN"
  "  DELETE FROM report_contributions"
  "  WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, '', a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, a.score"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE OLD.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE OLD.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  WHERE a.score IS NOT NULL;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, avg (s.score)"
  "  FROM (SELECT * FROM quiz_attempts"
  "        WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role"
  "          AND finished_at IS NOT NULL"
  "        ORDER BY CASE OLD.role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                 CASE OLD.role WHEN 'pretest' THEN id ELSE -id END"
  "        LIMIT 1) AS a"
  "  JOIN profiles p ON p.id = a.profile_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  WHERE s.score IS NOT NULL"
  "  GROUP BY s.topic_id;"
  "END;"
  "INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                  trained_before, score)"
  "WITH ranked AS ("
  "  SELECT *, row_number () OVER (PARTITION BY profile_id, module_id, role"
  "    ORDER BY CASE role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "             CASE role WHEN 'pretest' THEN id ELSE -id END) AS rank"
  "  FROM quiz_attempts"
  "  WHERE finished_at IS NOT NULL AND role IN ('pretest', 'posttest')"
  "),"
  "counted AS ("
  "  SELECT r.id, r.profile_id, r.module_id, r.role, r.score, p.trained_before,"
  "         strftime ('%Y-%m', r.finished_at, 'unixepoch') AS month"
  "  FROM ranked r JOIN profiles p ON p.id = r.profile_id WHERE r.rank = 1"
  ")"
  "SELECT id, '', profile_id, module_id, role, month, trained_before, score"
  "  FROM counted WHERE score IS NOT NULL "
  "UNION ALL "
  "SELECT c.id, s.topic_id, c.profile_id, c.module_id, c.role, c.month, c.trained_before,"
  "       avg (s.score)"
  "  FROM counted c JOIN quiz_answers s ON s.attempt_id = c.id"
  "  WHERE s.score IS NOT NULL"
  "  GROUP BY c.id, s.topic_id;",

  /* 4: "which attempt counts" (docs/scoring.md) as one view, counted_attempts: per learner,
   * module and test, the first finished pre-test and the latest finished post-test (the
   * attempt id breaks ties). Everything that applies the rule reads it: the triggers of
   * version 3, rebuilt here on the view (the sums they keep do not change), and the gap report
   * computed from the answers (bekal-report.c). */
  "CREATE VIEW counted_attempts AS"
  "  SELECT id, profile_id, module_id, quiz_id, role, score, finished_at FROM ("
  "    SELECT id, profile_id, module_id, quiz_id, role, score, finished_at,"
  "           row_number () OVER (PARTITION BY profile_id, module_id, role"
  "             ORDER BY CASE role WHEN 'pretest' THEN finished_at ELSE -finished_at END,"
  "                      CASE role WHEN 'pretest' THEN id ELSE -id END) AS rank"
  "    FROM quiz_attempts"
  "    WHERE finished_at IS NOT NULL AND role IN ('pretest', 'posttest'))"
  "  WHERE rank = 1;"
  "DROP TRIGGER report_attempt_changed;"
  "DROP TRIGGER report_attempt_removed;"
  "CREATE TRIGGER report_attempt_changed AFTER UPDATE OF finished_at, score ON quiz_attempts"
  "  WHEN NEW.role IN ('pretest', 'posttest') BEGIN"
  "  DELETE FROM report_contributions"
  "  WHERE profile_id = NEW.profile_id AND module_id = NEW.module_id AND role = NEW.role;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, '', a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, a.score"
  "  FROM counted_attempts a JOIN profiles p ON p.id = a.profile_id"
  "  WHERE a.profile_id = NEW.profile_id AND a.module_id = NEW.module_id AND a.role = NEW.role"
  "    AND a.score IS NOT NULL;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, avg (s.score)"
  "  FROM counted_attempts a JOIN profiles p ON p.id = a.profile_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  WHERE a.profile_id = NEW.profile_id AND a.module_id = NEW.module_id AND a.role = NEW.role"
  "    AND s.score IS NOT NULL"
  "  GROUP BY s.topic_id;"
  "END;"
  "CREATE TRIGGER report_attempt_removed AFTER DELETE ON quiz_attempts"
  "  WHEN OLD.role IN ('pretest', 'posttest') BEGIN"
  "  DELETE FROM report_contributions"
  "  WHERE profile_id = OLD.profile_id AND module_id = OLD.module_id AND role = OLD.role;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, '', a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, a.score"
  "  FROM counted_attempts a JOIN profiles p ON p.id = a.profile_id"
  "  WHERE a.profile_id = OLD.profile_id AND a.module_id = OLD.module_id AND a.role = OLD.role"
  "    AND a.score IS NOT NULL;"
  "  INSERT INTO report_contributions (attempt_id, topic_id, profile_id, module_id, role, month,"
  "                                    trained_before, score)"
  "  SELECT a.id, s.topic_id, a.profile_id, a.module_id, a.role,"
  "         strftime ('%Y-%m', a.finished_at, 'unixepoch'), p.trained_before, avg (s.score)"
  "  FROM counted_attempts a JOIN profiles p ON p.id = a.profile_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  WHERE a.profile_id = OLD.profile_id AND a.module_id = OLD.module_id AND a.role = OLD.role"
  "    AND s.score IS NOT NULL"
  "  GROUP BY s.topic_id;"
  "END;",

  /* 5: results exchange and item analysis (bekal-xapi.c, bekal-item-analysis.c). Every
   * profile gets a random UUID that names the learner in exported xAPI statements and matches
   * them on import; lrs_sent remembers which statements a push delivered to which LRS. The item
   * analysis reads running counts, kept like the gap report's: report_item_contributions
   * holds, for every counted attempt (a report_contributions row of topic ''), each scored
   * answer's score x and the rest of the attempt's score (question '' holds the attempt's
   * total), and report_item_counts and report_option_counts add them up. */
  "ALTER TABLE profiles ADD COLUMN uuid TEXT;"
  "UPDATE profiles SET uuid = "
  "    lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'"
  "    || substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + (random () & 3), 1)"
  "    || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)));"
  "CREATE UNIQUE INDEX profiles_by_uuid ON profiles (uuid);"
  "CREATE TRIGGER profile_uuid_given AFTER INSERT ON profiles WHEN NEW.uuid IS NULL BEGIN"
  "  UPDATE profiles SET uuid = "
  "    lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'"
  "    || substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + (random () & 3), 1)"
  "    || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6))) WHERE id = NEW.id;"
  "END;"
  "CREATE TABLE lrs_sent ("
  "  lrs TEXT NOT NULL,"
  "  statement_id TEXT NOT NULL,"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  sent_at INTEGER NOT NULL,"
  "  PRIMARY KEY (lrs, statement_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX lrs_sent_by_profile ON lrs_sent (profile_id);"
  "CREATE TABLE report_item_contributions ("
  "  attempt_id INTEGER NOT NULL,"
  "  question_id TEXT NOT NULL,"
  "  module_id TEXT NOT NULL,"
  "  quiz_id TEXT NOT NULL,"
  "  x REAL NOT NULL,"
  "  rest REAL NOT NULL,"
  "  response TEXT NOT NULL,"
  "  PRIMARY KEY (attempt_id, question_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE report_item_counts ("
  "  module_id TEXT NOT NULL,"
  "  quiz_id TEXT NOT NULL,"
  "  question_id TEXT NOT NULL,"
  "  x REAL NOT NULL,"
  "  rest REAL NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (module_id, quiz_id, question_id, x, rest)"
  ") WITHOUT ROWID;"
  "CREATE TABLE report_option_counts ("
  "  module_id TEXT NOT NULL,"
  "  quiz_id TEXT NOT NULL,"
  "  question_id TEXT NOT NULL,"
  "  response TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (module_id, quiz_id, question_id, response)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER report_items_added AFTER INSERT ON report_contributions"
  "  WHEN NEW.topic_id = '' BEGIN"
  "  INSERT INTO report_item_contributions (attempt_id, question_id, module_id, quiz_id, x, rest,"
  "                                         response)"
  "  SELECT a.id, s.question_id, a.module_id, a.quiz_id, round (s.score, 6),"
  "         round (t.total - s.score, 6), s.response"
  "  FROM quiz_attempts a JOIN quiz_answers s ON s.attempt_id = a.id,"
  "       (SELECT total (score) AS total FROM quiz_answers WHERE attempt_id = NEW.attempt_id) t"
  "  WHERE a.id = NEW.attempt_id AND s.score IS NOT NULL"
  "  UNION ALL"
  "  SELECT a.id, '', a.module_id, a.quiz_id, round (t.total, 6), 0, ''"
  "  FROM quiz_attempts a,"
  "       (SELECT total (score) AS total, count (score) AS n FROM quiz_answers"
  "        WHERE attempt_id = NEW.attempt_id) t"
  "  WHERE a.id = NEW.attempt_id AND t.n > 0;"
  "END;"
  "CREATE TRIGGER report_items_removed AFTER DELETE ON report_contributions"
  "  WHEN OLD.topic_id = '' BEGIN"
  "  DELETE FROM report_item_contributions WHERE attempt_id = OLD.attempt_id;"
  "END;"
  "CREATE TRIGGER report_item_added AFTER INSERT ON report_item_contributions BEGIN"
  "  INSERT INTO report_item_counts (module_id, quiz_id, question_id, x, rest, n)"
  "  VALUES (NEW.module_id, NEW.quiz_id, NEW.question_id, NEW.x, NEW.rest, 1)"
  "  ON CONFLICT DO UPDATE SET n = n + 1;"
  "  INSERT INTO report_option_counts (module_id, quiz_id, question_id, response, n)"
  "  SELECT NEW.module_id, NEW.quiz_id, NEW.question_id, NEW.response, 1"
  "  WHERE NEW.question_id <> ''"
  "  ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER report_item_removed AFTER DELETE ON report_item_contributions BEGIN"
  "  UPDATE report_item_counts SET n = n - 1"
  "  WHERE module_id = OLD.module_id AND quiz_id = OLD.quiz_id AND question_id = OLD.question_id"
  "    AND x = OLD.x AND rest = OLD.rest;"
  "  DELETE FROM report_item_counts"
  "  WHERE module_id = OLD.module_id AND quiz_id = OLD.quiz_id AND question_id = OLD.question_id"
  "    AND x = OLD.x AND rest = OLD.rest AND n <= 0;"
  "  UPDATE report_option_counts SET n = n - 1"
  "  WHERE module_id = OLD.module_id AND quiz_id = OLD.quiz_id AND question_id = OLD.question_id"
  "    AND response = OLD.response;"
  "  DELETE FROM report_option_counts"
  "  WHERE module_id = OLD.module_id AND quiz_id = OLD.quiz_id AND question_id = OLD.question_id"
  "    AND response = OLD.response AND n <= 0;"
  "END;"
  "INSERT INTO report_item_contributions (attempt_id, question_id, module_id, quiz_id, x, rest,"
  "                                       response)"
  " SELECT a.id, s.question_id, a.module_id, a.quiz_id, round (s.score, 6),"
  "       round (t.total - s.score, 6), s.response"
  " FROM report_contributions c JOIN quiz_attempts a ON a.id = c.attempt_id"
  "  JOIN quiz_answers s ON s.attempt_id = a.id"
  "  JOIN (SELECT attempt_id, total (score) AS total FROM quiz_answers GROUP BY attempt_id) t"
  "    ON t.attempt_id = a.id"
  " WHERE c.topic_id = '' AND s.score IS NOT NULL "
  " UNION ALL "
  " SELECT a.id, '', a.module_id, a.quiz_id, round (t.total, 6), 0, ''"
  " FROM report_contributions c JOIN quiz_attempts a ON a.id = c.attempt_id"
  "  JOIN (SELECT attempt_id, total (score) AS total, count (score) AS n FROM quiz_answers"
  "        GROUP BY attempt_id) t ON t.attempt_id = a.id"
  " WHERE c.topic_id = '' AND t.n > 0;",

  /* 6: trainer mode and learner PINs (bekal-store-trainer.c). Only libsodium's Argon2id hash
   * strings are kept, never a passphrase or a PIN. Failed tries and the time of the last one
   * are kept with them, so that the wait after five wrong tries survives a restart. */
  "CREATE TABLE trainer_lock ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  hash TEXT,"
  "  failed_tries INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),"
  "  last_failed_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE profile_pins ("
  "  profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,"
  "  hash TEXT,"
  "  failed_tries INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),"
  "  last_failed_at INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 7: group sessions (bekal-store-sessions.c). A session keeps its module, the lessons
   * chosen (ids joined by commas, '' for all), its position so that it resumes after the
   * laptop slept, the seed its quizzes are drawn with (the same draw after a restart), and its
   * roster: profiles by seat, the seat never reused, so that a participant's parallel form stays
   * the same. Attempts taken in a session are the
   * participants' own and carry its id; deleting the session keeps them. Room totals (counts
   * typed by the trainer when the room answers without phones) are kept apart: no trigger
   * reads them, so the gap report and the item analysis never count them. */
  "CREATE TABLE group_sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  module_id TEXT NOT NULL CHECK (module_id <> ''),"
  "  lessons TEXT NOT NULL DEFAULT '',"
  "  room_code TEXT NOT NULL DEFAULT '',"
  "  mode TEXT NOT NULL DEFAULT 'phones' CHECK (mode IN ('phones', 'paper')),"
  "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'ended')),"
  "  position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),"
  "  next_seat INTEGER NOT NULL DEFAULT 0 CHECK (next_seat >= 0),"
  "  seed INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  ended_at INTEGER,"
  "  CHECK ((state = 'ended') = (ended_at IS NOT NULL))"
  ");"
  "CREATE TABLE group_session_roster ("
  "  session_id INTEGER NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,"
  "  seat INTEGER NOT NULL CHECK (seat >= 0),"
  "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
  "  added_at INTEGER NOT NULL,"
  "  PRIMARY KEY (session_id, seat),"
  "  UNIQUE (session_id, profile_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX group_session_roster_by_profile ON group_session_roster (profile_id);"
  "CREATE TABLE group_session_room_totals ("
  "  session_id INTEGER NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,"
  "  quiz_id TEXT NOT NULL CHECK (quiz_id <> ''),"
  "  question_id TEXT NOT NULL CHECK (question_id <> ''),"
  "  option TEXT NOT NULL CHECK (option <> ''),"
  "  place INTEGER NOT NULL,"
  "  count INTEGER NOT NULL CHECK (count >= 0),"
  "  entered_at INTEGER NOT NULL,"
  "  PRIMARY KEY (session_id, quiz_id, question_id, option)"
  ") WITHOUT ROWID;"
  "ALTER TABLE quiz_attempts ADD COLUMN session_id INTEGER"
  "  REFERENCES group_sessions (id) ON DELETE SET NULL;"
  "CREATE INDEX quiz_attempts_by_session ON quiz_attempts (session_id)"
  "  WHERE session_id IS NOT NULL;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BEKAL_STORE_SCHEMA_VERSION);

/* Runs a statement that yields one integer; SQLITE_OK when it did */
static int
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *out_value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

int
_bekal_store_read_schema_version (sqlite3 *db,
                                  int     *out_version)
{
  gint64 version = 0;
  int rc = query_int64 (db, "PRAGMA user_version", &version);

  if (rc == SQLITE_OK)
    *out_version = (int) version;

  return rc;
}

/* SQLITE_OK when the database holds no table, view or index */
int
_bekal_store_check_schema_is_empty (sqlite3  *db,
                                    gboolean *out_empty)
{
  gint64 count = 0;
  int rc = query_int64 (db, "SELECT count(*) FROM sqlite_schema", &count);

  if (rc == SQLITE_OK)
    *out_empty = count == 0;

  return rc;
}

gboolean
_bekal_store_set_newer_version_error (BekalStore  *self,
                                      int          version,
                                      GError     **error)
{
  g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_NEWER_VERSION,
               _("The database “%s” was written by a newer version of Bekal (format %d; this "
                 "version knows up to %d). Update Bekal to open it; the file was not changed."),
               self->path, version, BEKAL_STORE_SCHEMA_VERSION);
  return FALSE;
}

/* Copies the whole database to @dest_path through the backup API, which reads a consistent
 * snapshot even in WAL mode (a plain file copy could miss the -wal part) */
gboolean
_bekal_store_backup_database (BekalStore  *self,
                              const char  *dest_path,
                              GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (dest_path, ".tmp", NULL);
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  int rc;

  g_remove (tmp_path);
  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = _bekal_store_harden_connection (dest);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          /* Another process may hold the write lock for a moment */
          for (guint tries = 0; tries < 100; tries++)
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
              sqlite3_sleep (50);
            }
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (dest);
        }
      else
        rc = sqlite3_errcode (dest);
    }

  /* A single self-contained file is easier to copy around by hand */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _bekal_store_set_sqlite_error (self, dest, rc, error);
      sqlite3_close_v2 (dest);
      g_remove (tmp_path);
      return FALSE;
    }

  sqlite3_close_v2 (dest);

  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED,
                   _("Bekal could not save a backup copy “%s”: %s"),
                   dest_path, g_strerror (saved_errno));
      g_remove (tmp_path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_migration (BekalStore  *self,
                 int          from_version,
                 gboolean    *out_applied,
                 GError     **error)
{
  g_auto(WriteTransaction) txn = { NULL };
  g_autofree char *set_version = NULL;
  int version = 0;
  int rc;

  if (!_bekal_store_begin_write (self, &txn, error))
    return FALSE;

  /* Another Bekal may have migrated the file while this one was making its backup */
  rc = _bekal_store_read_schema_version (self->db, &version);
  if (rc != SQLITE_OK)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);
  if (version != from_version)
    {
      *out_applied = FALSE;
      return TRUE;
    }

  g_assert (from_version >= 0 && from_version < (int) G_N_ELEMENTS (migrations));
  rc = sqlite3_exec (self->db, migrations[from_version], NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);

  set_version = g_strdup_printf ("PRAGMA user_version = %d", from_version + 1);
  rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _bekal_store_set_sqlite_error (self, self->db, rc, error);

  *out_applied = TRUE;
  return _bekal_store_commit_write (&txn, error);
}

/* Brings the schema to BEKAL_STORE_SCHEMA_VERSION, one migration per transaction. An existing
 * database is first copied to bekal.db.bak-vN (N = its version) when @keep_backup is set; a
 * new one (version 0, checked to be empty) has nothing worth a copy. */
gboolean
_bekal_store_migrate (BekalStore  *self,
                      gboolean     keep_backup,
                      GError     **error)
{
  gboolean backed_up = !keep_backup;
  gboolean first = TRUE;

  for (;;)
    {
      gboolean applied = FALSE;
      int version = 0;
      int rc;

      rc = _bekal_store_read_schema_version (self->db, &version);
      if (rc != SQLITE_OK)
        return _bekal_store_set_sqlite_error (self, self->db, rc, error);

      if (version == BEKAL_STORE_SCHEMA_VERSION)
        return TRUE;
      if (version > BEKAL_STORE_SCHEMA_VERSION)
        return _bekal_store_set_newer_version_error (self, version, error);
      /* The file was checked when it was opened; this guards the array index all the same */
      if (version < 0)
        return _bekal_store_set_corrupt_error (self->path, error);

      if (first && version == 0)
        backed_up = TRUE;
      first = FALSE;

      if (!backed_up)
        {
          g_autofree char *backup_path = g_strdup_printf ("%s.bak-v%d", self->path, version);

          if (!_bekal_store_backup_database (self, backup_path, error))
            return FALSE;
          backed_up = TRUE;
        }

      if (!apply_migration (self, version, &applied, error))
        return FALSE;
    }
}

int
_bekal_store_create_schema (sqlite3 *db,
                            int      version)
{
  g_autofree char *set_version = NULL;
  int rc = SQLITE_OK;

  g_return_val_if_fail (version >= 0 && version <= BEKAL_STORE_SCHEMA_VERSION, SQLITE_MISUSE);

  for (int i = 0; i < version && rc == SQLITE_OK; i++)
    rc = sqlite3_exec (db, migrations[i], NULL, NULL, NULL);

  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);

  return rc;
}

gboolean
bekal_store_create_database_for_testing (const char  *path,
                                         int          version,
                                         GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = _bekal_store_create_schema (db, version);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, BEKAL_STORE_ERROR, BEKAL_STORE_ERROR_FAILED, "%s: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }

  sqlite3_close_v2 (db);
  return TRUE;
}
