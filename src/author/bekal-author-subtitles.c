/* bekal-author-subtitles.c: the "subtitles" command of bekal-author, and the subtitle checks of
 * "validate"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <bekal/bekal-subtitles.h>

#include "bekal-author-subtitles.h"

enum
{
  EXIT_OK      = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE   = 2,
};

/* Helpers */

static char *
format_time (gint64 ms)
{
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
                          ".%03" G_GINT64_FORMAT, ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                          ms % 1000);
}

static void
add_problems (GPtrArray     *diagnostics,
              BekalSeverity  severity,
              const char    *file,
              GPtrArray     *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const BekalSubtitleProblem *problem = g_ptr_array_index (problems, i);

      g_ptr_array_add (diagnostics,
                       bekal_diagnostic_new (severity, file, (int) problem->line, 1,
                                             problem->message));
    }
}

static JsonNode *
problems_to_json (GPtrArray  *problems,
                  const char *kind)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const BekalSubtitleProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
file_to_json (const char *path,
              GPtrArray  *cues,
              GPtrArray  *skipped,
              GPtrArray  *quality)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *skipped_json = problems_to_json (skipped, "skipped");
  JsonNode *quality_json = problems_to_json (quality, "quality");
  JsonArray *problems = json_array_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "cues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (cues, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      if (cue->id != NULL)
        json_builder_add_string_value (builder, cue->id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, cue->start_ms / 1000.0);
      json_builder_set_member_name (builder, "end");
      json_builder_add_double_value (builder, cue->end_ms / 1000.0);
      json_builder_set_member_name (builder, "speaker");
      if (cue->speaker != NULL)
        json_builder_add_string_value (builder, cue->speaker);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, cue->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* one list, in line order within each kind: what was skipped, then quality findings */
  for (guint k = 0; k < 2; k++)
    {
      JsonArray *source = json_node_get_array (k == 0 ? skipped_json : quality_json);

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (problems, json_node_copy (json_array_get_element (source, i)));
    }
  json_builder_set_member_name (builder, "problems");
  json_builder_add_value (builder, json_node_init_array (json_node_alloc (), problems));
  json_array_unref (problems);
  json_builder_end_object (builder);

  json_node_unref (skipped_json);
  json_node_unref (quality_json);
  return json_builder_get_root (builder);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_text (const char *path,
            GPtrArray  *cues,
            GPtrArray  *skipped,
            GPtrArray  *quality)
{
  g_print ("%s: %u cues\n", path, cues->len);
  for (guint i = 0; i < cues->len; i++)
    {
      const BekalCue *cue = g_ptr_array_index (cues, i);
      g_autofree char *start = format_time (cue->start_ms);
      g_autofree char *end = format_time (cue->end_ms);
      g_autofree char *one_line = g_strdelimit (g_strdup (cue->text), "\n", ' ');

      g_print ("  %-4s %s --> %s  %s%s%s\n", cue->id != NULL ? cue->id : "-", start, end,
               cue->speaker != NULL ? cue->speaker : "", cue->speaker != NULL ? ": " : "",
               one_line);
    }
  for (guint i = 0; i < skipped->len; i++)
    {
      const BekalSubtitleProblem *problem = g_ptr_array_index (skipped, i);

      g_print ("%s:%u: error: %s\n", path, problem->line, problem->message);
    }
  for (guint i = 0; i < quality->len; i++)
    {
      const BekalSubtitleProblem *problem = g_ptr_array_index (quality, i);

      g_print ("%s:%u: warning: %s\n", path, problem->line, problem->message);
    }
}

/* Public API */

void
bekal_author_check_subtitles (BekalModule     *module,
                              BekalMediaProbe *probe,
                              GHashTable      *checked,
                              GPtrArray       *diagnostics)
{
  for (guint i = 0; i < bekal_module_get_n_media (module); i++)
    {
      BekalMedia *media = bekal_module_get_media (module, i);
      const BekalMediaInfo *info = NULL;

      if (probe != NULL && bekal_media_get_path (media) != NULL)
        info = bekal_media_probe_file (probe, bekal_media_get_path (media));

      for (guint j = 0; j < bekal_media_get_n_subtitles (media); j++)
        {
          const BekalSubtitleTrack *track = bekal_media_get_subtitles (media, j);
          g_autoptr(GPtrArray) skipped = NULL;
          g_autoptr(GPtrArray) quality = NULL;
          g_autoptr(GPtrArray) cues = NULL;
          g_autoptr(GError) error = NULL;

          /* a missing file was reported by the loader; a file that cannot be read at all, by
           * the media probe */
          if (track->path == NULL || g_hash_table_contains (checked, track->path))
            continue;
          g_hash_table_add (checked, g_strdup (track->path));
          cues = bekal_subtitles_load_full (track->path, &skipped, &error);
          if (cues == NULL)
            {
              if (probe == NULL)
                g_ptr_array_add (diagnostics,
                                 bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, track->path, 1, 1,
                                                       error->message));
              continue;
            }
          add_problems (diagnostics, BEKAL_SEVERITY_ERROR, track->path, skipped);
          quality = bekal_subtitles_check_quality (cues, NULL,
                                                   info != NULL && info->error == NULL
                                                   ? info->duration_ms : -1);
          add_problems (diagnostics, BEKAL_SEVERITY_WARNING, track->path, quality);
        }
    }
}

int
bekal_author_run_subtitles (int    argc,
                            char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— list the cues of subtitle files and check their quality"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) files = json_array_new ();
  int status = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Reads WebVTT (.vtt) and SubRip (.srt) files and prints each "
                                  "cue (id, start, end, speaker, text), the cues that cannot be "
                                  "read (errors) and the quality findings (warnings): reading "
                                  "speed over 17 characters a second, lines over 42 characters, "
                                  "more than two lines, cues shorter than 5/6 s or longer than "
                                  "7 s, overlapping cues, gaps under two frames.\n"
                                  "Exit status: 0 read, 1 a file is not WebVTT or SubRip or "
                                  "has cues that cannot be read, 2 usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* the usage line names the command: "bekal-author subtitles [OPTION…] FILE…" */
  g_set_prgname ("bekal-author subtitles");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bekal-author subtitles: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("bekal-author subtitles: name at least one subtitle file, for example: "
                    "bekal-author subtitles media/sampel-01-orientasi.id.vtt\n"));
      return EXIT_USAGE;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) skipped = NULL;
      g_autoptr(GPtrArray) quality = NULL;
      g_autoptr(GPtrArray) cues = NULL;
      g_autoptr(GError) local_error = NULL;

      cues = bekal_subtitles_load_full (paths[i], &skipped, &local_error);
      if (cues == NULL)
        {
          g_printerr ("%s: error: %s\n", paths[i], local_error->message);
          status = EXIT_INVALID;
          continue;
        }
      if (skipped->len > 0)
        status = EXIT_INVALID;
      quality = bekal_subtitles_check_quality (cues, NULL, -1);
      if (json)
        json_array_add_element (files, file_to_json (paths[i], cues, skipped, quality));
      else
        print_text (paths[i], cues, skipped, quality);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      /* one file: its object; several: an array of them */
      if (json_array_get_length (files) == 1)
        root = json_node_copy (json_array_get_element (files, 0));
      else
        root = json_node_init_array (json_node_alloc (), files);
      if (root != NULL)
        print_json (root);
    }

  return status;
}
