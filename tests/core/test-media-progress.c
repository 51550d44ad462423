/* test-media-progress.c: the rules of how far a recording was watched and when it is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <bekal/bekal-media-progress.h>

#define DURATION_MS 100000

typedef struct
{
  BekalMediaProgressTracker *tracker;
  gint64                     now_us;   /* the fake clock */
  GArray                    *saves;    /* of BekalMediaProgress */
  guint                      done_notifications;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

static void
on_save (BekalMediaProgressTracker *tracker,
         const BekalMediaProgress  *progress,
         Fixture                   *fixture)
{
  g_array_append_vals (fixture->saves, progress, 1);
}

static void
on_done_notify (GObject    *object,
                GParamSpec *pspec,
                Fixture    *fixture)
{
  fixture->done_notifications++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tracker = bekal_media_progress_tracker_new ();
  fixture->now_us = 1000;
  fixture->saves = g_array_new (FALSE, TRUE, sizeof (BekalMediaProgress));
  bekal_media_progress_tracker_set_clock (fixture->tracker, fake_clock, fixture);
  bekal_media_progress_tracker_set_duration (fixture->tracker, DURATION_MS);
  g_signal_connect (fixture->tracker, "save", G_CALLBACK (on_save), fixture);
  g_signal_connect (fixture->tracker, "notify::done", G_CALLBACK (on_done_notify), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->tracker);
  g_array_unref (fixture->saves);
}

/* Plays from @from_ms to @to_ms in ticks of 100 ms, advancing the fake clock in step */
static void
play (Fixture *fixture,
      gint64   from_ms,
      gint64   to_ms)
{
  for (gint64 position = from_ms; position <= to_ms; position += 100)
    {
      fixture->now_us += 100 * 1000;
      bekal_media_progress_tracker_played (fixture->tracker, position);
    }
}

static const BekalMediaProgress *
last_save (Fixture *fixture)
{
  g_assert_cmpuint (fixture->saves->len, >, 0);
  return &g_array_index (fixture->saves, BekalMediaProgress, fixture->saves->len - 1);
}

static void
test_furthest_never_goes_back (Fixture       *fixture,
                               gconstpointer  data)
{
  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, 30000);
  g_assert_cmpint (bekal_media_progress_tracker_get_furthest (fixture->tracker), ==, 30000);

  /* seeking back and playing a little keeps the furthest point */
  bekal_media_progress_tracker_seeked (fixture->tracker, 5000);
  play (fixture, 5000, 8000);
  g_assert_cmpint (bekal_media_progress_tracker_get_furthest (fixture->tracker), ==, 30000);
  g_assert_cmpfloat_with_epsilon (bekal_media_progress_tracker_get_watched_fraction (
                                    fixture->tracker), 0.3, 1e-9);

  /* a jump backwards reported without a seek does not count either */
  bekal_media_progress_tracker_played (fixture->tracker, 1000);
  g_assert_cmpint (bekal_media_progress_tracker_get_furthest (fixture->tracker), ==, 30000);
}

static void
test_jump_ahead_is_not_watched (Fixture       *fixture,
                                gconstpointer  data)
{
  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, 1000);
  /* the position moves 60 s between two updates: a seek the block did not report */
  bekal_media_progress_tracker_played (fixture->tracker, 61000);
  g_assert_cmpint (bekal_media_progress_tracker_get_furthest (fixture->tracker), ==, 1000);

  /* playing on from there counts from there */
  play (fixture, 61100, 62000);
  g_assert_cmpint (bekal_media_progress_tracker_get_furthest (fixture->tracker), ==, 62000);
  g_assert_false (bekal_media_progress_tracker_get_done (fixture->tracker));
}

static void
test_done_at_threshold (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 threshold = (gint64) (BEKAL_MEDIA_DONE_FRACTION * DURATION_MS);

  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, threshold - 100);
  g_assert_false (bekal_media_progress_tracker_get_done (fixture->tracker));
  g_assert_cmpuint (fixture->done_notifications, ==, 0);

  bekal_media_progress_tracker_played (fixture->tracker, threshold - 1);
  g_assert_false (bekal_media_progress_tracker_get_done (fixture->tracker));

  bekal_media_progress_tracker_played (fixture->tracker, threshold);
  g_assert_true (bekal_media_progress_tracker_get_done (fixture->tracker));
  g_assert_cmpuint (fixture->done_notifications, ==, 1);

  /* done stays done, and is announced once */
  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, 1000);
  g_assert_true (bekal_media_progress_tracker_get_done (fixture->tracker));
  g_assert_cmpuint (fixture->done_notifications, ==, 1);

  bekal_media_progress_tracker_save (fixture->tracker, 1000);
  g_assert_true (last_save (fixture)->done);
}

static void
test_done_needs_duration (Fixture       *fixture,
                          gconstpointer  data)
{
  /* with the duration unknown, no position makes a recording done */
  bekal_media_progress_tracker_set_duration (fixture->tracker, 0);
  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, 5000);
  g_assert_false (bekal_media_progress_tracker_get_done (fixture->tracker));
  g_assert_cmpfloat (bekal_media_progress_tracker_get_watched_fraction (fixture->tracker), ==,
                     0.0);
}

static void
test_transcript_read_is_done (Fixture       *fixture,
                              gconstpointer  data)
{
  bekal_media_progress_tracker_set_transcript_read (fixture->tracker, 2000);
  g_assert_true (bekal_media_progress_tracker_get_done (fixture->tracker));
  g_assert_true (bekal_media_progress_tracker_get_transcript_read (fixture->tracker));
  /* reading to the end is saved at once */
  g_assert_cmpuint (fixture->saves->len, ==, 1);
  g_assert_true (last_save (fixture)->transcript_read_to_end);
  g_assert_true (last_save (fixture)->done);
  g_assert_cmpint (last_save (fixture)->position_ms, ==, 2000);
}

static void
test_ended (Fixture       *fixture,
            gconstpointer  data)
{
  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, 1000);
  bekal_media_progress_tracker_ended (fixture->tracker);
  g_assert_true (bekal_media_progress_tracker_get_done (fixture->tracker));
  /* the end is saved as position 0: next time the recording starts over */
  g_assert_cmpint (last_save (fixture)->position_ms, ==, 0);
  g_assert_cmpfloat (last_save (fixture)->watched_fraction, ==, 1.0);
}

static void
test_saves_throttled (Fixture       *fixture,
                      gconstpointer  data)
{
  guint before;

  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  /* the first update saves at once: nothing was saved in this visit */
  bekal_media_progress_tracker_played (fixture->tracker, 0);
  g_assert_cmpuint (fixture->saves->len, ==, 1);

  /* 60 s of playback in ticks of 100 ms: at most one save per interval */
  play (fixture, 100, 60000);
  g_assert_cmpuint (fixture->saves->len, >=, 60000 / (BEKAL_MEDIA_SAVE_INTERVAL_US / 1000));
  g_assert_cmpuint (fixture->saves->len, <=, 60000 / (BEKAL_MEDIA_SAVE_INTERVAL_US / 1000) + 1);
  for (guint i = 1; i < fixture->saves->len; i++)
    {
      gint64 previous = g_array_index (fixture->saves, BekalMediaProgress, i - 1).position_ms;
      gint64 current = g_array_index (fixture->saves, BekalMediaProgress, i).position_ms;

      /* the clock moves 100 ms per 100 ms of playback: positions tell the save times */
      g_assert_cmpint (current - previous, >, BEKAL_MEDIA_SAVE_INTERVAL_US / 1000);
    }

  /* the clock standing still: however many updates, no save */
  before = fixture->saves->len;
  for (int i = 0; i < 100; i++)
    bekal_media_progress_tracker_played (fixture->tracker, 60000);
  g_assert_cmpuint (fixture->saves->len, ==, before);

  /* the interval passing: one save */
  fixture->now_us += BEKAL_MEDIA_SAVE_INTERVAL_US + 1;
  bekal_media_progress_tracker_played (fixture->tracker, 60000);
  bekal_media_progress_tracker_played (fixture->tracker, 60000);
  g_assert_cmpuint (fixture->saves->len, ==, before + 1);
}

static void
test_final_save_on_stop (Fixture       *fixture,
                         gconstpointer  data)
{
  guint before;

  bekal_media_progress_tracker_seeked (fixture->tracker, 0);
  play (fixture, 0, 2000);
  before = fixture->saves->len;

  /* stopping right after a save still saves where playback stands */
  bekal_media_progress_tracker_save (fixture->tracker, 2050);
  g_assert_cmpuint (fixture->saves->len, ==, before + 1);
  g_assert_cmpint (last_save (fixture)->position_ms, ==, 2050);
  g_assert_cmpfloat_with_epsilon (last_save (fixture)->watched_fraction, 0.02, 1e-9);
  g_assert_false (last_save (fixture)->done);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  BekalMediaProgress saved = { .position_ms = 42000, .watched_fraction = 0.95,
                               .transcript_read_to_end = FALSE, .done = TRUE };

  bekal_media_progress_tracker_restore (fixture->tracker, &saved);
  g_assert_cmpint (bekal_media_progress_tracker_get_resume_position (fixture->tracker), ==,
                   42000);
  g_assert_true (bekal_media_progress_tracker_get_done (fixture->tracker));
  g_assert_false (bekal_media_progress_tracker_get_transcript_read (fixture->tracker));
  /* restoring is not a save */
  g_assert_cmpuint (fixture->saves->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/media-progress/furthest-never-goes-back", test_furthest_never_goes_back);
  ADD ("/media-progress/jump-ahead-is-not-watched", test_jump_ahead_is_not_watched);
  ADD ("/media-progress/done-at-threshold", test_done_at_threshold);
  ADD ("/media-progress/done-needs-duration", test_done_needs_duration);
  ADD ("/media-progress/transcript-read-is-done", test_transcript_read_is_done);
  ADD ("/media-progress/ended", test_ended);
  ADD ("/media-progress/saves-throttled", test_saves_throttled);
  ADD ("/media-progress/final-save-on-stop", test_final_save_on_stop);
  ADD ("/media-progress/restore", test_restore);
#undef ADD

  return g_test_run ();
}
