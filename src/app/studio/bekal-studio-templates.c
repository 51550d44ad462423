/* bekal-studio-templates.c: the pieces of module XML the studio's Insert menu adds
 *
 * Ids in a template end in a number that the module does not use yet, so that inserting the
 * same template twice gives a module that still loads; the trainer renames them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bekal-studio-templates.h"

typedef struct
{
  const char *name;
  const char *label;
  const char *id_base;  /* the id the template's first element takes, numbered */
  const char *xml;      /* "@ID@" is replaced by the id, "@TOPIC@" by the module's first topic */
} Template;

static const Template templates[] = {
  { "lesson", N_("_Lesson"), "pelajaran",
    "<lesson id=\"@ID@\" minutes=\"5\">\n"
    "  <title>Judul pelajaran</title>\n"
    "  <p>Tulis paragraf pertama di sini.</p>\n"
    "</lesson>\n" },
  { "note", N_("_Note"), NULL,
    "<note kind=\"tip\">Tulis saran di sini. Jenis lain: important, care.</note>\n" },
  { "video", N_("_Video with Subtitles and Chapters"), "video",
    "<video id=\"@ID@\" src=\"media:sampel-01-orientasi.webm\" "
    "poster=\"media:sampel-01-orientasi.jpg\">\n"
    "  <title>Judul video (ganti nama berkas media di atas dengan klip Anda)</title>\n"
    "  <subtitles xml:lang=\"id\" src=\"media:sampel-01-orientasi.id.vtt\"/>\n"
    "  <subtitles xml:lang=\"en\" src=\"media:sampel-01-orientasi.en.vtt\"/>\n"
    "  <chapter at=\"0:00\">Pembuka</chapter>\n"
    "  <chapter at=\"0:10\">Bagian kedua</chapter>\n"
    "</video>\n" },
  { "quiz", N_("_Practice Quiz"), "latihan",
    "<quiz id=\"@ID@\" role=\"practice\" shuffle=\"true\">\n"
    "  <title>Latihan</title>\n"
    "  <question id=\"@ID@-1\" topic=\"@TOPIC@\" type=\"truefalse\" answer=\"true\">\n"
    "    <prompt>Tulis pernyataan yang benar atau salah.</prompt>\n"
    "    <explanation>Jelaskan jawabannya.</explanation>\n"
    "  </question>\n"
    "</quiz>\n" },
  { "question-single", N_("Question: _One Answer"), "soal",
    "<question id=\"@ID@\" topic=\"@TOPIC@\" type=\"single\">\n"
    "  <prompt>Tulis pertanyaan di sini.</prompt>\n"
    "  <option id=\"a\" correct=\"true\">Jawaban benar</option>\n"
    "  <option id=\"b\">Jawaban lain</option>\n"
    "  <option id=\"c\">Jawaban lain</option>\n"
    "  <explanation>Jelaskan jawaban yang benar.</explanation>\n"
    "</question>\n" },
  { "question-multiple", N_("Question: _Several Answers"), "soal",
    "<question id=\"@ID@\" topic=\"@TOPIC@\" type=\"multiple\">\n"
    "  <prompt>Tulis pertanyaan di sini. Pilih semua yang benar.</prompt>\n"
    "  <option id=\"a\" correct=\"true\">Jawaban benar</option>\n"
    "  <option id=\"b\">Jawaban salah</option>\n"
    "  <option id=\"c\" correct=\"true\">Jawaban benar</option>\n"
    "  <explanation>Jelaskan jawaban yang benar.</explanation>\n"
    "</question>\n" },
  { "question-truefalse", N_("Question: _True or False"), "soal",
    "<question id=\"@ID@\" topic=\"@TOPIC@\" type=\"truefalse\" answer=\"true\">\n"
    "  <prompt>Tulis pernyataan di sini.</prompt>\n"
    "  <explanation>Jelaskan mengapa pernyataan itu benar.</explanation>\n"
    "</question>\n" },
  { "question-match", N_("Question: _Matching"), "soal",
    "<question id=\"@ID@\" topic=\"@TOPIC@\" type=\"match\">\n"
    "  <prompt>Pasangkan setiap istilah dengan artinya.</prompt>\n"
    "  <pair id=\"satu\"><left>Istilah satu</left><right>Arti satu</right></pair>\n"
    "  <pair id=\"dua\"><left>Istilah dua</left><right>Arti dua</right></pair>\n"
    "  <pair id=\"tiga\"><left>Istilah tiga</left><right>Arti tiga</right></pair>\n"
    "  <explanation>Jelaskan pasangan yang benar.</explanation>\n"
    "</question>\n" },
  { "question-order", N_("Question: _Order"), "soal",
    "<question id=\"@ID@\" topic=\"@TOPIC@\" type=\"order\">\n"
    "  <prompt>Susun langkah berikut sesuai urutannya.</prompt>\n"
    "  <item id=\"pertama\">Langkah pertama</item>\n"
    "  <item id=\"kedua\">Langkah kedua</item>\n"
    "  <item id=\"ketiga\">Langkah ketiga</item>\n"
    "  <explanation>Jelaskan mengapa urutannya begitu.</explanation>\n"
    "</question>\n" },
  { "question-scale", N_("Question: _Scale (Not Scored)"), "skala",
    "<question id=\"@ID@\" topic=\"@TOPIC@\" type=\"scale\" min=\"1\" max=\"5\">\n"
    "  <prompt>Seberapa siap Anda?</prompt>\n"
    "  <label value=\"1\">Belum siap</label>\n"
    "  <label value=\"5\">Sangat siap</label>\n"
    "  <explanation>Pertanyaan ini tidak dinilai.</explanation>\n"
    "</question>\n" },
};

static const char * const names[] = {
  "lesson", "note", "video", "quiz", "question-single", "question-multiple",
  "question-truefalse", "question-match", "question-order", "question-scale", NULL
};

static const Template *
find_template (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_strcmp0 (templates[i].name, name) == 0)
      return &templates[i];

  return NULL;
}

/* "BASE-N" with the smallest N from 1 such that id="BASE-N" is not in @text */
static char *
free_id (const char *base,
         const char *text)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", base, n);
      g_autofree char *attribute = g_strdup_printf ("id=\"%s", id);
      const char *found = text != NULL ? strstr (text, attribute) : NULL;
      gboolean used = FALSE;

      /* "soal-1" is taken by id="soal-1" and id="soal-1-…", not by id="soal-10" */
      while (found != NULL && !used)
        {
          char next = found[strlen (attribute)];

          used = next == '"' || next == '-';
          found = strstr (found + 1, attribute);
        }
      if (!used)
        return g_steal_pointer (&id);
    }
}

/* The id of the first <topic> of @text; questions must name one */
static char *
first_topic (const char *text)
{
  const char *topic = text != NULL ? strstr (text, "<topic id=\"") : NULL;
  const char *end;

  if (topic == NULL)
    return g_strdup ("topik");
  topic += strlen ("<topic id=\"");
  end = strchr (topic, '"');

  return end != NULL ? g_strndup (topic, end - topic) : g_strdup ("topik");
}

const char * const *
bekal_studio_template_names (void)
{
  return names;
}

const char *
bekal_studio_template_label (const char *name)
{
  const Template *template = find_template (name);

  return template != NULL ? _(template->label) : NULL;
}

char *
bekal_studio_template_build (const char *name,
                             const char *text,
                             guint       indent)
{
  const Template *template = find_template (name);
  g_autofree char *id = NULL;
  g_autofree char *topic = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) topic_parts = NULL;
  g_autofree char *with_id = NULL;
  g_autofree char *xml = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *padding = NULL;
  GString *result;

  if (template == NULL)
    return NULL;

  if (template->id_base != NULL)
    id = free_id (template->id_base, text);
  parts = g_strsplit (template->xml, "@ID@", -1);
  with_id = g_strjoinv (id != NULL ? id : "", parts);
  topic = first_topic (text);
  topic_parts = g_strsplit (with_id, "@TOPIC@", -1);
  xml = g_strjoinv (topic, topic_parts);

  /* the first line goes at the cursor; the following ones get the cursor's indent */
  padding = g_strnfill (MIN (indent, 40), ' ');
  lines = g_strsplit (xml, "\n", -1);
  result = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (i > 0)
        g_string_append (result, padding);
      g_string_append (result, lines[i]);
      g_string_append_c (result, '\n');
    }

  return g_string_free (result, FALSE);
}
