/* test-video-block.c: the video block on a real (virtual) display: frames, subtitles,
 * checkpoints, progress, failures and stalls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-loader.h>
#include <bekal/bekal-store.h>

#include "bekal-player-private.h"
#include "bekal-question-view.h"
#include "bekal-video-block.h"
#include "fifo-writer.h"

/* Only a guard against a hung pipeline; no assertion depends on it */
#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)

#define MODULE_XML \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<module xmlns=\"urn:bekal:module:1\" id=\"uji-video\" version=\"1.0\" xml:lang=\"id\">\n" \
  "  <title>Uji video</title>\n" \
  "  <summary>Modul untuk menguji pemutar.</summary>\n" \
  "  <meta><author>Tim</author></meta>\n" \
  "  <topics><topic id=\"dasar\">Dasar</topic></topics>\n" \
  "  <lesson id=\"pelajaran-1\">\n" \
  "    <title>Pelajaran</title>\n" \
  "    <video id=\"klip\" src=\"media:sampel-01-orientasi.webm\"\n" \
  "           poster=\"media:sampel-01-orientasi.jpg\">\n" \
  "      <title>Orientasi</title>\n" \
  "      <subtitles xml:lang=\"id\" src=\"media:sampel-01-orientasi.id.vtt\"/>\n" \
  "      <subtitles xml:lang=\"en\" src=\"media:sampel-01-orientasi.en.vtt\"/>\n" \
  "      <chapter at=\"0:00\">Pembuka</chapter>\n" \
  "      <chapter at=\"0:12\">Tim kami</chapter>\n" \
  "      <checkpoint at=\"0:07\" question=\"q1\"/>\n" \
  "    </video>\n" \
  "    <video id=\"hilang\" src=\"media:hilang.webm\">\n" \
  "      <title>Hilang</title>\n" \
  "      <subtitles xml:lang=\"id\" src=\"media:sampel-01-orientasi.id.vtt\"/>\n" \
  "    </video>\n" \
  "    <audio id=\"podcast\" src=\"media:sampel-podcast-01.ogg\"\n" \
  "           poster=\"media:sampel-podcast-01.jpg\">\n" \
  "      <title>Podcast</title>\n" \
  "      <subtitles xml:lang=\"en\" src=\"media:sampel-podcast-01.en.vtt\"/>\n" \
  "    </audio>\n" \
  "    <video id=\"macet\" src=\"media:macet.webm\">\n" \
  "      <title>Macet</title>\n" \
  "      <subtitles xml:lang=\"id\" src=\"media:sampel-01-orientasi.id.vtt\"/>\n" \
  "    </video>\n" \
  "    <video id=\"wawancara\" src=\"media:sampel-07-keluarga.webm\">\n" \
  "      <title>Wawancara</title>\n" \
  "      <subtitles xml:lang=\"id\" src=\"media:sampel-07-keluarga.id.vtt\"/>\n" \
  "    </video>\n" \
  "    <quiz id=\"latihan\" role=\"practice\">\n" \
  "      <question id=\"q1\" topic=\"dasar\" type=\"single\">\n" \
  "        <prompt>Berapa klien sejak 2017?</prompt>\n" \
  "        <option id=\"a\" correct=\"true\">275</option>\n" \
  "        <option id=\"b\">22</option>\n" \
  "        <explanation>275 klien.</explanation>\n" \
  "      </question>\n" \
  "    </quiz>\n" \
  "  </lesson>\n" \
  "</module>\n"

typedef struct
{
  char        *dir;
  BekalModule *module;
  BekalStore  *store;
  gint64       profile_id;
  GtkWidget   *window;
} Fixture;

/* Helpers */

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
    }
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (!condition (data) && g_get_monotonic_time () < limit)
    iterate_for (10);

  return condition (data);
}

static gboolean
player_ready (gpointer data)
{
  BekalPlayerState state = bekal_player_get_state (data);

  return state == BEKAL_PLAYER_STATE_PAUSED || state == BEKAL_PLAYER_STATE_FAILED;
}

static gboolean
player_failed (gpointer data)
{
  return bekal_player_get_state (data) == BEKAL_PLAYER_STATE_FAILED;
}

static gboolean
past_five_seconds (gpointer data)
{
  return bekal_player_get_position (data) >= 5000;
}

static gboolean
player_paused (gpointer data)
{
  return bekal_player_get_state (data) == BEKAL_PLAYER_STATE_PAUSED;
}

static gboolean
player_playing (gpointer data)
{
  return bekal_player_get_state (data) == BEKAL_PLAYER_STATE_PLAYING;
}

/* Depth-first search for a widget of @type, optionally with a label */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child)
          && (label == NULL
              || (GTK_IS_BUTTON (child)
                  && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)))
        return child;
      found = find_widget (child, type, label);
      if (found)
        return found;
    }

  return NULL;
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Saves @texture as @name in BEKAL_SCREENSHOT_DIR (or the temporary folder) */
static void
save_screenshot (GdkTexture *texture,
                 const char *name)
{
  const char *dir = g_getenv ("BEKAL_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir ? dir : g_get_tmp_dir (), name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Counts the pixels of @texture in the rectangle that are close to white */
static guint
count_white_pixels (GdkTexture *texture,
                    int         x0,
                    int         y0,
                    int         width,
                    int         height)
{
  int stride = gdk_texture_get_width (texture) * 4;
  g_autofree guchar *pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));
  guint n = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = y0; y < y0 + height; y++)
    for (int x = x0; x < x0 + width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;

        /* Cairo ARGB32 in memory: B G R A */
        if (p[0] > 220 && p[1] > 220 && p[2] > 220)
          n++;
      }

  return n;
}

static guint
count_distinct_colours (GdkTexture *texture)
{
  int stride = gdk_texture_get_width (texture) * 4;
  g_autofree guchar *pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < gdk_texture_get_height (texture); y += 3)
    for (int x = 0; x < gdk_texture_get_width (texture); x += 3)
      {
        const guchar *p = pixels + y * stride + x * 4;
        guint colour = (p[0] >> 4) | (p[1] >> 4) << 4 | (p[2] >> 4) << 8;

        g_hash_table_add (colours, GUINT_TO_POINTER (colour + 1));
      }

  return g_hash_table_size (colours);
}

static GtkWidget *
show_block (Fixture *fixture,
            guint    media_index)
{
  BekalMedia *media = bekal_module_get_media (fixture->module, media_index);
  GtkWidget *block = bekal_video_block_new (media, fixture->store, fixture->profile_id,
                                            bekal_module_get_id (fixture->module));

  bekal_video_block_set_module (BEKAL_VIDEO_BLOCK (block), fixture->module);
  gtk_window_set_child (GTK_WINDOW (fixture->window), block);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate_for (200);

  return block;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *media_dir = g_build_filename (BEKAL_SOURCE_ROOT, "media", NULL);
  g_autofree char *own_media = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *stalling = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data_dir = NULL;
  const char *media_dirs[] = { NULL, media_dir, NULL };
  g_autoptr(BekalLoader) loader = NULL;
  g_autoptr(GPtrArray) diagnostics = bekal_diagnostics_new ();
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bekal-video-block-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  own_media = g_build_filename (fixture->dir, "media", NULL);
  g_assert_cmpint (g_mkdir (own_media, 0700), ==, 0);
  media_dirs[0] = own_media;

  /* hilang.webm exists when the module is loaded and is gone when it is played */
  missing = g_build_filename (own_media, "hilang.webm", NULL);
  g_assert_true (g_file_set_contents (missing, "x", 1, NULL));
  /* macet.webm becomes a FIFO where a test needs it */
  stalling = g_build_filename (own_media, "macet.webm", NULL);
  g_assert_true (g_file_set_contents (stalling, "x", 1, NULL));

  path = g_build_filename (fixture->dir, "module.id.xml", NULL);
  g_assert_true (g_file_set_contents (path, MODULE_XML, -1, NULL));
  loader = bekal_loader_new (media_dirs);
  fixture->module = bekal_loader_load_file (loader, path, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->module);
  g_assert_cmpint (g_remove (missing), ==, 0);

  data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->store = bekal_store_open (data_dir, &error);
  g_assert_no_error (error);
  fixture->profile_id = bekal_store_create_profile (fixture->store, "Sari", "Handayani", "Peksos",
                                                    1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->profile_id, >, 0);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 640);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_for (50);
  g_clear_object (&fixture->module);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Tests */

static void
test_play_with_subtitles (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *block = show_block (fixture, 0);
  BekalPlayer *player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));
  g_autoptr(GdkTexture) screenshot = NULL;
  const char *subtitle;
  GdkTexture *frame;
  BekalMediaProgress progress = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;
  GtkWidget *check, *answer, *resume;
  graphene_rect_t stage;

  g_assert_true (wait_for (player_ready, player));
  g_assert_cmpint (bekal_player_get_state (player), ==, BEKAL_PLAYER_STATE_PAUSED);
  g_assert_cmpstr (bekal_video_block_get_subtitle_language (BEKAL_VIDEO_BLOCK (block)), ==, "id");

  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (past_five_seconds, player));
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_paused, player));
  iterate_for (300);

  /* the second cue (4.1 s to 11.5 s) is on screen */
  subtitle = bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (block));
  g_assert_cmpstr (subtitle, ==,
                   "Sejak 2017, kami sudah mendampingi\n275 klien yang terkait ISIS.");
  frame = GDK_TEXTURE (gdk_paintable_get_current_image (bekal_player_get_paintable (player)));
  g_assert_cmpint (gdk_texture_get_width (frame), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (frame), ==, 360);
  g_object_unref (frame);

  screenshot = render_widget (block);
  save_screenshot (screenshot, "video-block-subtitles.png");

  /* a video frame has many colours; the subtitle adds white text near the stage bottom */
  g_assert_cmpuint (count_distinct_colours (screenshot), >, 20);
  g_assert_true (gtk_widget_compute_bounds (find_widget (block, GTK_TYPE_OVERLAY, NULL), block,
                                            &stage));
  g_assert_cmpuint (count_white_pixels (screenshot, (int) stage.origin.x,
                                        (int) (stage.origin.y + stage.size.height * 0.7),
                                        (int) stage.size.width,
                                        (int) (stage.size.height * 0.3)), >, 200);

  /* the position is remembered */
  bekal_video_block_save_progress (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (bekal_store_load_media_progress (fixture->store, fixture->profile_id, "uji-video",
                                                  "klip", &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpint (progress.position_ms, >=, 5000);
  g_assert_cmpfloat (progress.watched_fraction, >, 0.1);
  g_assert_false (progress.done);

  /* the checkpoint at 0:07 pauses and asks */
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_playing, player));
  g_assert_true (wait_for (player_paused, player));
  iterate_for (100);
  g_assert_cmpint (bekal_player_get_position (player), >=, 7000);
  g_assert_cmpint (bekal_player_get_position (player), <, 8000);
  check = find_widget (block, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  {
    g_autoptr(GdkTexture) question = render_widget (block);

    save_screenshot (question, "video-block-checkpoint.png");
  }
  answer = find_widget (block, GTK_TYPE_BUTTON, "Answer");
  g_assert_nonnull (answer);
  g_signal_emit_by_name (answer, "clicked");
  response = bekal_store_load_checkpoint_response (fixture->store, fixture->profile_id,
                                                   "uji-video", "klip", "q1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response, ==, "a");
  /* scored by core: right, and the options no longer change */
  g_assert_false (gtk_widget_is_sensitive (check));
  {
    GtkWidget *view = find_widget (block, BEKAL_TYPE_QUESTION_VIEW, NULL);
    g_autoptr(BekalResponse) chosen = NULL;
    gboolean said_correct = FALSE;

    g_assert_nonnull (view);
    g_assert_true (bekal_question_view_get_locked (BEKAL_QUESTION_VIEW (view)));
    chosen = bekal_question_view_dup_response (BEKAL_QUESTION_VIEW (view));
    g_assert_true (bekal_response_has_id (chosen, "a"));
    for (GtkWidget *child = gtk_widget_get_next_sibling (view); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child)
          && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), "Correct."))
        said_correct = TRUE;
    g_assert_true (said_correct);
  }
  resume = find_widget (block, GTK_TYPE_BUTTON, "Continue Watching");
  g_assert_nonnull (resume);
  g_signal_emit_by_name (resume, "clicked");
  g_assert_true (wait_for (player_playing, player));

  /* turning subtitles off hides them */
  bekal_video_block_set_subtitle_language (BEKAL_VIDEO_BLOCK (block), NULL);
  iterate_for (200);
  g_assert_null (bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (block)));
  bekal_video_block_set_subtitle_language (BEKAL_VIDEO_BLOCK (block), "en");
  iterate_for (300);
  g_assert_nonnull (bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (block)));
}

static gboolean
subtitles_loaded (gpointer data)
{
  GtkWidget *search = find_widget (data, GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *list = search ? find_widget (gtk_widget_get_parent (search), GTK_TYPE_LIST_BOX, NULL)
                           : NULL;

  return list != NULL && gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) != NULL;
}

static gboolean
transcript_done (gpointer data)
{
  return bekal_video_block_get_done (data);
}

static void
test_missing_file_offers_transcript (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkWidget *block = show_block (fixture, 1);
  BekalPlayer *player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));
  GtkWidget *read_button, *search, *list, *scroller;
  g_autoptr(GdkTexture) screenshot = NULL;
  GtkAdjustment *adjustment;
  BekalMediaProgress progress = { 0, };

  g_assert_true (wait_for (player_failed, player));
  g_assert_nonnull (strstr (bekal_player_get_error (player)->message, "hilang.webm"));

  read_button = find_widget (block, GTK_TYPE_BUTTON, "Read the Transcript");
  g_assert_nonnull (read_button);
  g_signal_emit_by_name (read_button, "clicked");
  iterate_for (600);

  screenshot = render_widget (block);
  save_screenshot (screenshot, "video-block-missing.png");

  /* every cue is listed, and the search narrows the list */
  search = find_widget (block, GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (search);
  list = gtk_widget_get_parent (search);
  list = find_widget (list, GTK_TYPE_LIST_BOX, NULL);
  g_assert_nonnull (list);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 5));

  gtk_editable_set_text (GTK_EDITABLE (search), "NAPZA");
  iterate_for (400);
  {
    guint visible = 0;

    GtkListBoxRow *row;

    for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)); i++)
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        visible++;
    g_assert_cmpuint (visible, ==, 1);
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  iterate_for (400);

  /* reading the transcript to the end counts as done */
  scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_true (wait_for (transcript_done, block));
  g_assert_true (bekal_store_load_media_progress (fixture->store, fixture->profile_id, "uji-video",
                                                  "hilang", &progress, NULL));
  g_assert_true (progress.transcript_read_to_end);
  g_assert_true (progress.done);
}

static gboolean
player_past_resume_point (gpointer data)
{
  return bekal_player_get_position (data) >= 20000;
}

static void
test_resume_and_navigation (Fixture       *fixture,
                            gconstpointer  data)
{
  BekalMediaProgress saved = { .position_ms = 20000, .watched_fraction = 0.5 };
  g_autoptr(GError) error = NULL;
  GtkWidget *block, *chapters;
  BekalPlayer *player;
  GtkListBoxRow *row;

  /* the learner stopped at 0:20 last time */
  g_assert_true (bekal_store_save_media_progress (fixture->store, fixture->profile_id,
                                                  "uji-video", "klip", &saved, &error));
  g_assert_no_error (error);

  block = show_block (fixture, 0);
  player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_ready, player));
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_playing, player));
  g_assert_true (wait_for (player_past_resume_point, player));
  g_assert_cmpint (bekal_player_get_position (player), <, 25000);
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_paused, player));

  /* a chapter row seeks to the chapter ("Tim kami" at 0:12) */
  chapters = find_widget (block, GTK_TYPE_LIST_BOX, NULL);
  g_assert_nonnull (chapters);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (chapters), 1);
  g_signal_emit_by_name (chapters, "row-activated", row);
  iterate_for (300);
  g_assert_cmpint (ABS (bekal_player_get_position (player) - 12000), <=, 100);

  /* the keyboard: Right skips 10 s forward, Left 10 s back, Space plays and pauses */
  {
    GtkWidget *player_box = gtk_widget_get_parent (find_widget (block, GTK_TYPE_OVERLAY, NULL));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (player_box);
    GtkEventController *keys = NULL;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          keys = controller;
      }
    g_assert_nonnull (keys);

    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
    g_assert_true (handled);
    iterate_for (300);
    g_assert_cmpint (ABS (bekal_player_get_position (player) - 22000), <=, 100);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
    iterate_for (300);
    g_assert_cmpint (ABS (bekal_player_get_position (player) - 12000), <=, 100);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, 0, &handled);
    g_assert_true (wait_for (player_playing, player));
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, 0, &handled);
    g_assert_true (wait_for (player_paused, player));
    /* keys with Control belong to the window */
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_f, 0, GDK_CONTROL_MASK, &handled);
    g_assert_false (handled);
  }

  /* a transcript line seeks to its cue (the fourth starts at 0:18.295) */
  bekal_video_block_show_transcript (BEKAL_VIDEO_BLOCK (block));
  iterate_for (500);
  {
    GtkWidget *search = find_widget (block, GTK_TYPE_SEARCH_ENTRY, NULL);
    GtkWidget *transcript = find_widget (gtk_widget_get_parent (search), GTK_TYPE_LIST_BOX,
                                         NULL);

    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (transcript), 3);
    g_signal_emit_by_name (transcript, "row-activated", row);
    iterate_for (300);
    g_assert_cmpint (ABS (bekal_player_get_position (player) - 18295), <=, 100);
    /* and the current line is highlighted */
    g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (transcript)) == row);
  }
}

static GtkWidget *
find_player_box (GtkWidget *block)
{
  GtkWidget *stage = find_widget (block, GTK_TYPE_OVERLAY, NULL);

  return stage ? gtk_widget_get_parent (stage) : NULL;
}

static void
test_audio_fullscreen_text_size (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *block = show_block (fixture, 2);
  BekalPlayer *player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  GtkWidget *player_box = find_player_box (block);
  GtkWidget *stack;

  g_assert_true (wait_for (player_ready, player));
  g_assert_false (bekal_player_has_video (player));
  /* English is the only language of this item */
  g_assert_cmpstr (bekal_video_block_get_subtitle_language (BEKAL_VIDEO_BLOCK (block)), ==, "en");

  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (past_five_seconds, player));
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_paused, player));
  iterate_for (300);

  /* an audio item keeps its poster, with the subtitles over it */
  stack = find_widget (block, GTK_TYPE_STACK, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "poster");
  g_assert_nonnull (bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (block)));
  screenshot = render_widget (block);
  save_screenshot (screenshot, "video-block-audio.png");

  /* the text-size preference makes subtitles larger */
  if (g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID,
                                       TRUE))
    {
      settings = g_settings_new (APPLICATION_ID);
      g_settings_set_string (settings, "text-size", "projector");
      iterate_for (50);
      g_assert_true (gtk_widget_has_css_class (player_box, "text-projector"));
      g_settings_set_string (settings, "text-size", "normal");
      iterate_for (50);
      g_assert_false (gtk_widget_has_css_class (player_box, "text-projector"));
    }

  /* full screen moves the player into its own window, and back */
  bekal_video_block_set_fullscreen (BEKAL_VIDEO_BLOCK (block), TRUE);
  iterate_for (300);
  g_assert_true (gtk_widget_get_root (player_box) != gtk_widget_get_root (block));
  g_assert_true (gtk_widget_has_css_class (player_box, "fullscreen"));
  bekal_video_block_set_fullscreen (BEKAL_VIDEO_BLOCK (block), FALSE);
  iterate_for (300);
  g_assert_true (gtk_widget_get_parent (player_box) == block);
  g_assert_false (gtk_widget_has_css_class (player_box, "fullscreen"));
  g_assert_cmpint (bekal_player_get_state (player), ==, BEKAL_PLAYER_STATE_PAUSED);
}

static void
test_stall_offers_retry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *source = g_build_filename (BEKAL_SOURCE_ROOT, "media",
                                              "sampel-01-orientasi.webm", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "media", "macet.webm", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  GtkWidget *block, *retry, *transcript, *stack, *message;
  BekalPlayer *player;
  FifoWriter *writer;
  gint64 stalled_at;
  gsize length;

  /* the recording is on a USB stick that stops answering a quarter of the way in */
  g_assert_cmpint (g_remove (path), ==, 0);
  writer = fifo_writer_new (path, source, 0.25);

  block = show_block (fixture, 3);
  player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));
  bekal_player_set_stall_timeout (player, 1000);
  g_assert_true (wait_for (player_ready, player));
  g_assert_cmpint (bekal_player_get_state (player), ==, BEKAL_PLAYER_STATE_PAUSED);
  gtk_widget_grab_focus (find_widget (block, GTK_TYPE_OVERLAY, NULL));
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_playing, player));
  g_assert_true (wait_for (player_failed, player));
  g_assert_error (bekal_player_get_error (player), BEKAL_PLAYER_ERROR, BEKAL_PLAYER_ERROR_STALLED);
  stalled_at = bekal_player_get_position (player);
  g_test_message ("stalled at %" G_GINT64_FORMAT " ms", stalled_at);
  g_assert_cmpint (stalled_at, >, 1000);
  iterate_for (300);

  /* the message is shown as for other failures, with a button to try again */
  stack = find_widget (block, GTK_TYPE_STACK, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
  retry = find_widget (block, GTK_TYPE_BUTTON, "Try Again");
  g_assert_nonnull (retry);
  transcript = find_widget (block, GTK_TYPE_BUTTON, "Read the Transcript");
  g_assert_nonnull (transcript);
  /* reached with the keyboard: it takes the focus the player had */
  g_assert_true (gtk_widget_get_focusable (retry));
  g_assert_true (gtk_widget_is_sensitive (retry));
  g_assert_true (gtk_widget_is_focus (retry));

  screenshot = render_widget (block);
  save_screenshot (screenshot, "video-block-stalled.png");

  /* tried while the stick is still out: the file is not there, and trying again stays open */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_true (gtk_widget_activate (retry));
  iterate_for (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
  message = find_widget (gtk_stack_get_visible_child (GTK_STACK (stack)), GTK_TYPE_LABEL, NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "macet.webm"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (message)), "USB"));
  retry = find_widget (block, GTK_TYPE_BUTTON, "Try Again");
  g_assert_nonnull (retry);

  /* the stick is back; its files are read again */
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  /* loading may take a while under sanitizers */
  bekal_player_set_stall_timeout (player, BEKAL_PLAYER_DEFAULT_STALL_TIMEOUT_MS);

  /* as Enter on the focused button (which clicks once its pressed look was shown) */
  g_assert_true (gtk_widget_activate (retry));
  g_assert_true (wait_for (player_playing, player));
  g_assert_null (bekal_player_get_error (player));
  /* on from where it stopped */
  g_assert_cmpint (bekal_player_get_position (player), >=, stalled_at - 100);
  iterate_for (300);
  g_assert_cmpint (bekal_player_get_state (player), ==, BEKAL_PLAYER_STATE_PLAYING);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "video");
  g_assert_null (find_widget (block, GTK_TYPE_BUTTON, "Try Again"));

  /* the stalled read returns once the old stick's file is closed */
  fifo_writer_finish (writer);
  bekal_player_wait_for_releases ();
}

/* The other failures cannot pass by themselves: they offer no retry */
static void
test_missing_file_offers_no_retry (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *block = show_block (fixture, 1);
  BekalPlayer *player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));

  g_assert_true (wait_for (player_failed, player));
  g_assert_nonnull (find_widget (block, GTK_TYPE_BUTTON, "Read the Transcript"));
  g_assert_null (find_widget (block, GTK_TYPE_BUTTON, "Try Again"));
}

/* The subtitle files and the poster are read in worker threads: a block that goes away
 * before they are in is freed at once, and their ends do not touch it */
static guint
count_with_class (GtkWidget  *root,
                  const char *css_class)
{
  guint n = gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_with_class (child, css_class);

  return n;
}

static guint
count_shown_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      n++;

  return n;
}

static gboolean
subtitle_shown (gpointer data)
{
  return bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (data)) != NULL;
}

/* An interview with two speakers: names where the speaker changes, in the transcript and over
 * the picture, and found by the search */
static void
test_speakers (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *block = show_block (fixture, 4);
  BekalPlayer *player = bekal_video_block_get_player (BEKAL_VIDEO_BLOCK (block));
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (block, BEKAL_TYPE_VIDEO_BLOCK,
                                                   "transcript_list");
  GtkWidget *search = (GtkWidget *) gtk_widget_get_template_child (block, BEKAL_TYPE_VIDEO_BLOCK,
                                                     "transcript_search");
  GtkWidget *toggle = (GtkWidget *) gtk_widget_get_template_child (block, BEKAL_TYPE_VIDEO_BLOCK,
                                                     "transcript_button");
  GtkWidget *subtitle_label;
  g_autoptr(GdkTexture) screenshot = NULL;
  PangoAttrList *attributes;
  g_autoptr(PangoAttrIterator) iterator = NULL;
  PangoAttribute *weight;
  const char *subtitle;

  g_assert_true (wait_for (player_ready, player));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  iterate_for (300);

  /* seven cues, six changes of speaker: Pewawancara, Peksos senior, …, Peksos senior twice */
  g_assert_cmpuint (count_shown_rows (list), ==, 7);
  g_assert_cmpuint (count_with_class (list, "transcript-speaker"), ==, 6);

  /* the name over the second cue, who speaks first in it, on the overlay with the name bold */
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (past_five_seconds, player));
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_paused, player));
  g_assert_true (wait_for (subtitle_shown, block));
  subtitle = bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (block));
  g_assert_cmpstr (subtitle, ==, "Peksos senior: Kami mendengarkan dulu, lalu\n"
                                 "menggambar genogram bersama keluarga.");
  subtitle_label = (GtkWidget *) gtk_widget_get_template_child (block, BEKAL_TYPE_VIDEO_BLOCK,
                                                  "subtitle_label");
  attributes = gtk_label_get_attributes (GTK_LABEL (subtitle_label));
  g_assert_nonnull (attributes);
  iterator = pango_attr_list_get_iterator (attributes);
  weight = pango_attr_iterator_get (iterator, PANGO_ATTR_WEIGHT);
  g_assert_nonnull (weight);
  g_assert_cmpuint (weight->start_index, ==, 0);
  g_assert_cmpuint (weight->end_index, ==, strlen ("Peksos senior:"));
  g_assert_cmpint (((PangoAttrInt *) weight)->value, ==, PANGO_WEIGHT_BOLD);

  gtk_widget_queue_draw (block);
  iterate_for (300);
  screenshot = render_widget (block);
  save_screenshot (screenshot, "video-block-speakers.png");

  /* the last cue has the same speaker as the one before: no name */
  bekal_player_seek (player, 31000);
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  iterate_for (400);
  bekal_video_block_toggle_play (BEKAL_VIDEO_BLOCK (block));
  g_assert_true (wait_for (player_paused, player));
  iterate_for (200);
  g_assert_cmpstr (bekal_video_block_get_subtitle_text (BEKAL_VIDEO_BLOCK (block)), ==,
                   "Kepentingan terbaik anak\nselalu menjadi pegangan kami.");

  /* searching for a speaker finds every line they speak */
  gtk_editable_set_text (GTK_EDITABLE (search), "peksos senior");
  iterate_for (300);
  g_assert_cmpuint (count_shown_rows (list), ==, 4);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  iterate_for (100);
  g_assert_cmpuint (count_shown_rows (list), ==, 7);
}

static void
test_disposed_while_loading (Fixture       *fixture,
                             gconstpointer  data)
{
  BekalMedia *media = bekal_module_get_media (fixture->module, 0);
  GtkWidget *block;
  GtkWidget *shown;

  for (int i = 0; i < 20; i++)
    {
      block = g_object_ref_sink (bekal_video_block_new (media, fixture->store,
                                                        fixture->profile_id,
                                                        bekal_module_get_id (fixture->module)));
      g_object_add_weak_pointer (G_OBJECT (block), (gpointer *) &block);
      g_object_unref (block);
      /* no task kept it alive */
      g_assert_null (block);
    }
  iterate_for (500);

  /* one that stays gets its subtitles once they are read */
  shown = show_block (fixture, 0);
  bekal_video_block_show_transcript (BEKAL_VIDEO_BLOCK (shown));
  g_assert_true (wait_for (subtitles_loaded, shown));
  g_assert_cmpstr (bekal_video_block_get_subtitle_language (BEKAL_VIDEO_BLOCK (shown)), ==, "id");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/video-block/speakers", Fixture, NULL, fixture_set_up, test_speakers,
              fixture_tear_down);
  g_test_add ("/video-block/play-with-subtitles", Fixture, NULL, fixture_set_up,
              test_play_with_subtitles, fixture_tear_down);
  g_test_add ("/video-block/missing-file-offers-transcript", Fixture, NULL, fixture_set_up,
              test_missing_file_offers_transcript, fixture_tear_down);

  g_test_add ("/video-block/resume-and-navigation", Fixture, NULL, fixture_set_up,
              test_resume_and_navigation, fixture_tear_down);
  g_test_add ("/video-block/audio-fullscreen-text-size", Fixture, NULL, fixture_set_up,
              test_audio_fullscreen_text_size, fixture_tear_down);
  g_test_add ("/video-block/stall-offers-retry", Fixture, NULL, fixture_set_up,
              test_stall_offers_retry, fixture_tear_down);
  g_test_add ("/video-block/missing-file-offers-no-retry", Fixture, NULL, fixture_set_up,
              test_missing_file_offers_no_retry, fixture_tear_down);
  g_test_add ("/video-block/disposed-while-loading", Fixture, NULL, fixture_set_up,
              test_disposed_while_loading, fixture_tear_down);

  return g_test_run ();
}
