#!/usr/bin/env python3
# gen-catalog.py: writes a synthetic catalog of modules for the loader benchmark
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/gen-catalog.py [--modules N] [--seed S] OUTPUT-DIR
#
# OUTPUT-DIR receives N module folders (default 200), each with module.id.xml and its
# translation module.en.xml (same structure and ids, other text; about 50 KB each, so about
# 20 MB in all) and two local figures, plus a media/ folder with the clips, posters and
# subtitles the modules refer to as media:NAME. Every module uses every element of the format
# and is valid. The output depends only on N and the seed.

import argparse
import os
import random
import shutil
import sys

GENERATOR_VERSION = 1

NS = 'urn:bekal:module:1'
N_CLIPS = 24

WORDS = {
    'id': '''pekerja sosial klien keluarga pendampingan rehabilitasi reintegrasi masyarakat
        layanan rencana asesmen kebutuhan dukungan psikososial trauma pemulihan kepercayaan
        hubungan komunitas sekolah anak ibu ayah tetangga tokoh agama pemerintah desa dinas
        sentra program kegiatan pertemuan kunjungan rumah catatan kasus laporan supervisi
        rekan sejawat batas profesional kerahasiaan persetujuan pilihan keputusan hak
        martabat rasa aman stabil bertahap perlahan jelas terbuka hormat sabar tenang
        mendengarkan bertanya mencatat menjelaskan mengajak membantu memantau menilai
        menyusun melibatkan menghubungkan merujuk mendukung menjaga memulai melanjutkan
        adalah dengan untuk dalam pada dari yang dan atau tetapi karena supaya agar bila
        saat setelah sebelum selama setiap beberapa banyak sedikit baru lama penting
        utama pertama kedua terakhir bersama sendiri secara langsung sering jarang'''.split(),
    'en': '''social worker client family support rehabilitation reintegration community
        service plan assessment needs help psychosocial trauma recovery trust relationship
        neighbourhood school child mother father neighbour faith leader government village
        office centre programme activity meeting home visit case note report supervision
        colleague peer professional boundary confidentiality consent choice decision right
        dignity safety stable gradual slowly clear open respectful patient calm listening
        asking writing explaining inviting helping monitoring assessing drafting involving
        connecting referring supporting keeping starting continuing is with for in on from
        that and or but because so that when while after before during every several many
        few new long important main first second last together alone directly often
        rarely'''.split(),
}


class Writer:
    """Text and markup in one language; draws from the shared generator so that every
    language makes exactly the same number of draws and so the same structure"""

    def __init__(self, rng, lang, glossary_ids):
        self.rng = rng
        self.words = WORDS[lang]
        self.glossary_ids = glossary_ids
        self.lines = []

    def pick(self, items):
        return items[int(self.rng.random() * len(items))]

    def count(self, low, high):
        return low + int(self.rng.random() * (high - low + 1))

    def plain(self, low, high):
        words = [self.pick(self.words) for _ in range(self.count(low, high))]
        text = ' '.join(words)
        return text[0].upper() + text[1:] + '.'

    def inline(self, low, high, terms=True):
        """Mixed text with em, strong and term ref, as authors write it"""
        parts = []
        for i in range(self.count(low, high)):
            word = self.pick(self.words)
            roll = self.rng.random()
            if i == 0:
                word = word[0].upper() + word[1:]
            if roll < 0.04:
                word = '<em>%s %s</em>' % (word, self.pick(self.words))
            elif roll < 0.07:
                word = '<strong>%s <em>%s</em></strong>' % (word, self.pick(self.words))
            elif roll < 0.09 and terms:
                word = '<term ref="%s">%s</term>' % (self.pick(self.glossary_ids), word)
            elif roll < 0.10:
                word = '<term>%s</term>' % word
            parts.append(word)
        return ' '.join(parts) + '.'

    def out(self, depth, text):
        self.lines.append('  ' * depth + text)

    def wrapped(self, depth, open_tag, text, close_tag):
        """A long text element, wrapped at 100 columns like a hand-edited file"""
        indent = '  ' * (depth + 1)
        self.out(depth, open_tag)
        line = indent
        for word in text.split(' '):
            if len(line) + len(word) + 1 > 100 and line.strip():
                self.lines.append(line.rstrip())
                line = indent
            line += word + ' '
        self.lines.append(line.rstrip())
        self.out(depth, close_tag)


def clip_name(index, kind):
    return 'klip-%02d.%s' % (index % N_CLIPS, kind)


def write_question(w, depth, qid, topic, kind):
    out = w.out
    if kind == 'single' or kind == 'multiple':
        out(depth, '<question id="%s" topic="%s" type="%s">' % (qid, topic, kind))
        out(depth + 1, '<prompt>%s</prompt>' % w.inline(8, 20))
        n_options = w.count(3, 5)
        correct = {w.count(0, n_options - 1)}
        if kind == 'multiple':
            correct.add(w.count(0, n_options - 1))
        for i in range(n_options):
            mark = ' correct="true"' if i in correct else ''
            out(depth + 1, '<option id="%s"%s>%s<feedback>%s</feedback></option>'
                % (chr(ord('a') + i), mark, w.inline(3, 8, terms=False), w.inline(6, 14)))
    elif kind == 'truefalse':
        answer = 'true' if w.rng.random() < 0.5 else 'false'
        out(depth, '<question id="%s" topic="%s" type="truefalse" answer="%s">'
            % (qid, topic, answer))
        out(depth + 1, '<prompt>%s</prompt>' % w.inline(8, 20))
        out(depth + 1, '<feedback for="true">%s</feedback>' % w.inline(6, 14))
        out(depth + 1, '<feedback for="false">%s</feedback>' % w.inline(6, 14))
    elif kind == 'order':
        out(depth, '<question id="%s" topic="%s" type="order">' % (qid, topic))
        out(depth + 1, '<prompt>%s</prompt>' % w.inline(6, 12))
        for i in range(w.count(3, 6)):
            out(depth + 1, '<item id="langkah-%d">%s</item>' % (i + 1, w.inline(3, 8)))
    elif kind == 'match':
        out(depth, '<question id="%s" topic="%s" type="match">' % (qid, topic))
        out(depth + 1, '<prompt>%s</prompt>' % w.inline(6, 12))
        for i in range(w.count(3, 5)):
            # a left side is said once per question: the loader refuses two that are the same
            out(depth + 1, '<pair id="pasangan-%d"><left>%s %d</left><right>%s</right></pair>'
                % (i + 1, w.plain(1, 3), i + 1, w.inline(4, 9)))
    else:
        out(depth, '<question id="%s" topic="%s" type="scale" min="1" max="5">' % (qid, topic))
        out(depth + 1, '<prompt>%s</prompt>' % w.inline(6, 12))
        for value in (1, 3, 5):
            out(depth + 1, '<label value="%d">%s</label>' % (value, w.plain(1, 3)))
    out(depth + 1, '<explanation>%s</explanation>' % w.inline(10, 30))
    out(depth, '</question>')


def write_module(rng, lang, index):
    module_id = 'modul-sintetis-%03d' % index
    glossary_ids = ['istilah-%02d' % i for i in range(12)]
    topic_ids = ['topik-%d' % i for i in range(5)]
    kinds = ['single', 'multiple', 'truefalse', 'order', 'match', 'scale']
    w = Writer(rng, lang, glossary_ids)
    out = w.out

    out(0, '<?xml version="1.0" encoding="UTF-8"?>')
    out(0, '<!-- Synthetic module for the loader benchmark; written by bench/gen-catalog.py -->')
    out(0, '<module xmlns="%s" id="%s" version="1.%d" xml:lang="%s">' % (NS, module_id,
                                                                      index % 10, lang))
    out(1, '<title>%s</title>' % w.plain(3, 7))
    w.wrapped(1, '<summary>', w.plain(30, 60), '</summary>')
    out(1, '<meta>')
    out(2, '<audience>%s</audience>' % w.plain(5, 10))
    out(2, '<duration minutes="%d"/>' % w.count(30, 240))
    for _ in range(w.count(1, 3)):
        out(2, '<author>%s</author>' % w.plain(2, 4))
    for _ in range(w.count(0, 4)):
        out(2, '<source>%s</source>' % w.plain(8, 20))
    out(1, '</meta>')
    w.wrapped(1, '<content-note>', w.plain(15, 30), '</content-note>')
    out(1, '<topics>')
    for topic in topic_ids:
        out(2, '<topic id="%s">%s</topic>' % (topic, w.plain(2, 5)))
    out(1, '</topics>')
    out(1, '<glossary>')
    for entry in glossary_ids:
        out(2, '<entry id="%s">' % entry)
        out(3, '<term>%s</term>' % w.plain(1, 3))
        w.wrapped(3, '<definition>', w.plain(15, 40), '</definition>')
        out(2, '</entry>')
    out(1, '</glossary>')

    # a pretest whose questions the posttest draws from
    out(1, '<quiz id="pretes" role="pretest" draw="6" shuffle="true">')
    out(2, '<title>%s</title>' % w.plain(1, 3))
    for i in range(8):
        write_question(w, 2, 'pre-%d' % (i + 1), w.pick(topic_ids), kinds[i % len(kinds)])
    out(1, '</quiz>')

    n_lessons = 3
    for lesson in range(n_lessons):
        lesson_id = 'pelajaran-%d' % (lesson + 1)
        practice_ids = ['%s-soal-%d' % (lesson_id, i + 1) for i in range(len(kinds))]
        minutes = ' minutes="%d"' % w.count(5, 20) if w.rng.random() < 0.7 else ''
        out(1, '<lesson id="%s"%s>' % (lesson_id, minutes))
        out(2, '<title>%s</title>' % w.plain(3, 8))
        if w.rng.random() < 0.3:
            out(2, '<content-note>%s</content-note>' % w.plain(8, 16))
        for block in range(w.count(10, 14)):
            roll = w.rng.random()
            if block == 0 or roll < 0.45:
                w.wrapped(2, '<p>', w.inline(35, 100), '</p>')
            elif roll < 0.55:
                out(2, '<heading>%s</heading>' % w.inline(3, 7))
            elif roll < 0.68:
                out(2, '<list kind="%s">' % ('number' if w.rng.random() < 0.5 else 'bullet'))
                for _ in range(w.count(3, 7)):
                    out(3, '<item>%s</item>' % w.inline(5, 18))
                out(2, '</list>')
            elif roll < 0.78:
                w.wrapped(2, '<note kind="%s">' % w.pick(['tip', 'important', 'care']),
                          w.inline(15, 40), '</note>')
            elif roll < 0.86:
                source = w.pick(['gambar-1.svg', 'gambar/gambar-2.svg'])
                out(2, '<figure src="%s" alt="%s">' % (source, w.plain(6, 14)))
                out(3, '<caption>%s</caption>' % w.inline(6, 16))
                out(2, '</figure>')
            else:
                w.wrapped(2, '<reflection id="%s-refleksi-%d">' % (lesson_id, block),
                          w.inline(12, 30), '</reflection>')

        # one clip per lesson, alternately a video and an audio, with a checkpoint that asks
        # a question of this lesson's practice quiz
        clip = index * n_lessons + lesson
        element = 'video' if lesson % 2 == 0 else 'audio'
        out(2, '<%s id="%s-klip" src="media:%s" poster="media:%s">'
            % (element, lesson_id, clip_name(clip, 'webm' if element == 'video' else 'ogg'),
               clip_name(clip, 'jpg')))
        out(3, '<title>%s</title>' % w.plain(3, 7))
        if w.rng.random() < 0.5:
            out(3, '<content-note>%s</content-note>' % w.plain(6, 12))
        out(3, '<subtitles xml:lang="id" src="media:%s"/>' % clip_name(clip, 'id.vtt'))
        out(3, '<subtitles xml:lang="en" src="media:%s"/>' % clip_name(clip, 'en.vtt'))
        for chapter in range(w.count(2, 5)):
            out(3, '<chapter at="%d:%02d">%s</chapter>' % (chapter, w.count(0, 59),
                                                           w.plain(2, 5)))
        out(3, '<checkpoint at="0:%02d.500" question="%s"/>' % (w.count(10, 59),
                                                              practice_ids[0]))
        out(2, '</%s>' % element)

        out(2, '<quiz id="%s-latihan" role="practice"%s>'
            % (lesson_id, ' shuffle="true"' if w.rng.random() < 0.5 else ''))
        out(3, '<title>%s</title>' % w.plain(2, 4))
        for qid, kind in zip(practice_ids, kinds):
            write_question(w, 3, qid, w.pick(topic_ids), kind)
        out(2, '</quiz>')
        out(1, '</lesson>')

    out(1, '<quiz id="postes" role="posttest" pool="pretes" draw="6" shuffle="true" pass="70" '
        'retakes="2" time-limit="20">')
    out(2, '<title>%s</title>' % w.plain(1, 3))
    out(1, '</quiz>')
    out(0, '</module>')

    return module_id, '\n'.join(w.lines) + '\n'


def write_file(path, data):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(path, mode, **({} if mode == 'wb' else {'encoding': 'utf-8', 'newline': '\n'})) \
            as f:
        f.write(data)


def write_media(folder):
    os.makedirs(folder)
    for i in range(N_CLIPS):
        # the loader only checks that referenced files exist; they are not played here
        write_file(os.path.join(folder, clip_name(i, 'webm')), b'\x1a\x45\xdf\xa3' + bytes(60))
        write_file(os.path.join(folder, clip_name(i, 'ogg')), b'OggS' + bytes(60))
        write_file(os.path.join(folder, clip_name(i, 'jpg')), b'\xff\xd8\xff\xe0' + bytes(60))
        for lang in ('id', 'en'):
            write_file(os.path.join(folder, clip_name(i, lang + '.vtt')),
                       'WEBVTT\n\n00:00.000 --> 00:05.000\n%s\n' % lang)


def main():
    parser = argparse.ArgumentParser(description='Writes a synthetic Bekal module catalog.')
    parser.add_argument('--modules', type=int, default=200)
    parser.add_argument('--seed', type=int, default=20240501)
    parser.add_argument('output')
    args = parser.parse_args()

    if os.path.exists(args.output):
        shutil.rmtree(args.output)
    os.makedirs(args.output)
    write_media(os.path.join(args.output, 'media'))

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
           '<rect width="40" height="20" fill="#3a7"/></svg>\n')
    n_bytes = 0
    for index in range(args.modules):
        texts = {}
        for lang in ('id', 'en'):
            # the same draws for both languages give the same structure and ids
            rng = random.Random(args.seed * 1000003 + index)
            module_id, texts[lang] = write_module(rng, lang, index)
        folder = os.path.join(args.output, module_id)
        os.makedirs(os.path.join(folder, 'gambar'))
        write_file(os.path.join(folder, 'gambar-1.svg'), svg)
        write_file(os.path.join(folder, 'gambar', 'gambar-2.svg'), svg)
        for lang, text in texts.items():
            data = text.encode('utf-8')
            write_file(os.path.join(folder, 'module.%s.xml' % lang), data)
            n_bytes += len(data)

    write_file(os.path.join(args.output, 'catalog.stamp'),
               'gen-catalog %d modules=%d seed=%d\n'
               % (GENERATOR_VERSION, args.modules, args.seed))
    print('gen-catalog.py: %d modules, %d files, %.1f MB of XML in %s'
          % (args.modules, 2 * args.modules, n_bytes / 1e6, args.output))
    return 0


if __name__ == '__main__':
    sys.exit(main())
