#!/usr/bin/env bash
# make-samples.sh: regenerates Bekal's sample media (placeholder interview clips and a
# podcast sample) in the folder this script lives in.
#
# Each clip is an Indonesian narration spoken by espeak-ng over calm slides drawn with
# ImageMagick, encoded by GStreamer as WebM (VP8 + Opus, 640x360). For every clip the script
# also writes a poster (NAME.jpg) and subtitles in Indonesian and English (NAME.id.vtt,
# NAME.en.vtt) whose cues follow the measured length of every spoken sentence.
#
# Usage: media/make-samples.sh [--list] [NAME...]
#   with no NAME every sample is regenerated; existing files are replaced.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

# ---------------------------------------------------------------------------------------------
# Settings

RATE=22050                # espeak-ng's output sample rate
SPEED=150                 # words per minute; a little slower than espeak-ng's default
LEAD=0.8                  # silence before the first sentence (seconds)
GAP=0.5                   # silence added between sentences (espeak-ng adds ~0.4 s itself)
TAIL=1.2                  # silence after the last sentence
MIN_LEN=31                # clips must last at least 30 s: pad to this
MAX_LEN=45                # and at most 45 s: fail above this
FPS=10                    # the slides are still pictures; 10 frames/s keeps seeking precise
VIDEO_BITRATE=200000      # VP8 bitrate cap (bit/s); constrained quality below it
AUDIO_BITRATE=32000       # Opus bitrate (bit/s), mono speech
N_SLIDES=4                # slides per clip, each shown for a quarter of the clip (~10 s)
CUE_WIDTH=42              # at most two subtitle lines of this many characters
# a fixed creation date keeps the WebM headers the same from one run to the next
if [[ -n ${SOURCE_DATE_EPOCH:-} ]]; then
  CREATION_TIME=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
else
  CREATION_TIME=2024-01-01T00:00:00Z
fi

FONT_DIR=/usr/share/fonts/truetype/dejavu
FONT_BOLD=$FONT_DIR/DejaVuSans-Bold.ttf
FONT_REGULAR=$FONT_DIR/DejaVuSans.ttf

BAND_VIDEO_ID="KLIP SAMPEL — akan diganti rekaman wawancara Ruangobrol"
BAND_VIDEO_EN="SAMPLE CLIP — to be replaced by a Ruangobrol interview recording"
BAND_AUDIO_ID="PODCAST SAMPEL — akan diganti rekaman Ruangobrol"
BAND_AUDIO_EN="SAMPLE PODCAST — to be replaced by a Ruangobrol recording"
FOOTER="Bekal · Sentra Handayani"

# ---------------------------------------------------------------------------------------------
# The samples
#
# Every sample function sets:
#   NAME       file name without extension
#   KIND       video or audio
#   VOICE      espeak-ng voice (Indonesian with a variant)
#   BG         two muted background colours, used in turn
#   MARK_ID/EN text put before the first subtitle cue
#   SLIDES     "KICKER|Indonesian text|English gloss", the first one is the poster
#   LINES      "Indonesian sentence|English translation|spoken form (optional)"

SAMPLES=(sampel-01-orientasi sampel-02-ekstremisme sampel-03-trauma sampel-04-reintegrasi
         sampel-05-manajemen-kasus sampel-06-perawatan-diri sampel-07-keluarga sampel-podcast-01)

sample_sampel-01-orientasi () {
  NAME=sampel-01-orientasi KIND=video VOICE=id+m3
  BG=("#3f5a5c" "#4a6568")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SLIDES=(
    "ORIENTASI|Selamat datang di Sentra Handayani|Orientation: welcome to Sentra Handayani"
    "SEJAK 2017|275 klien yang terkait ISIS|275 clients associated with ISIS"
    "TIM KAMI|22 peksos, kebanyakan dari rehabilitasi NAPZA|22 peksos, most of them from drug rehabilitation"
    "PESAN SAYA|Bertanyalah kepada peksos senior dan supervisor|Ask senior peksos and supervisors"
  )
  LINES=(
    "Selamat datang di Sentra Handayani.|Welcome to Sentra Handayani."
    "Sejak 2017, kami sudah mendampingi 275 klien yang terkait ISIS.|Since 2017 we have supported 275 clients associated with ISIS."
    "Di sini ada 22 peksos, dan kebanyakan dulu menangani kasus NAPZA.|There are 22 peksos here; most of us used to handle drug cases."
    "Kasus ekstremisme kekerasan masih baru bagi banyak dari kami.|Violent extremism cases are still new to many of us."
    "Peksos baru sering harus belajar sendiri, tanpa orientasi khusus.|New peksos often have to learn on their own, with no orientation."
    "Jadi jangan ragu bertanya kepada peksos senior dan supervisor Anda.|So do not hesitate to ask senior peksos and your supervisor."
    "Tidak ada pertanyaan yang terlalu sederhana.|No question is too simple."
  )
}

sample_sampel-02-ekstremisme () {
  NAME=sampel-02-ekstremisme KIND=video VOICE=id+f3
  BG=("#5a4e5f" "#665a6b")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SLIDES=(
    "EKSTREMISME KEKERASAN|Memahami proses radikalisasi|Understanding radicalisation"
    "SEBUAH PROSES|Radikalisasi terjadi pelan-pelan|Radicalisation happens slowly"
    "DUA ARAH|Faktor pendorong dan faktor penarik|Push factors and pull factors"
    "BAHASA KITA|Hormat dan tidak menstigma|Respectful, not stigmatising"
  )
  LINES=(
    "Radikalisasi bukan peristiwa sesaat.|Radicalisation is not a single moment."
    "Ia adalah proses yang berjalan pelan-pelan, sering selama bertahun-tahun.|It is a process that unfolds slowly, often over years."
    "Ada faktor pendorong, seperti rasa diperlakukan tidak adil atau terasing.|There are push factors, such as feeling treated unfairly or left out."
    "Ada juga faktor penarik, misalnya janji hidup baru dan rasa memiliki.|There are pull factors too, like the promise of a new life and belonging."
    "Klien kita bukan sekadar label. Mereka orang dengan cerita masing-masing.|Our clients are not just labels. They are people, each with a story."
    "Karena itu, gunakan bahasa yang hormat dan tidak menstigma.|So use language that is respectful and does not stigmatise."
    "Sebut mereka klien, bukan dengan julukan yang merendahkan.|Call them clients, not by names that put them down."
  )
}

sample_sampel-03-trauma () {
  NAME=sampel-03-trauma KIND=video VOICE=id+m1
  BG=("#4d5b6e" "#58667a")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SLIDES=(
    "PRAKTIK PEKA TRAUMA|Saat cerita klien terasa berat|When clients' stories are heavy"
    "RASA AMAN|Aman dulu, baru bercerita|Safety first, stories later"
    "KEPERCAYAAN DAN PILIHAN|Klien menentukan apa yang ia ceritakan|Clients decide what they share"
    "JANGAN MEMAKSA|Tidak perlu mengulang cerita yang menyakitkan|No need to retell painful stories"
  )
  LINES=(
    "Cerita klien kadang sangat berat untuk didengar.|Clients' stories can be very heavy to hear."
    "Banyak dari mereka pernah mengalami kekerasan, kehilangan, dan ketakutan.|Many of them have lived through violence, loss and fear."
    "Praktik yang peka trauma dimulai dari rasa aman.|Trauma-informed practice starts with safety."
    "Bangun kepercayaan sedikit demi sedikit, dan tepati janji kecil Anda.|Build trust little by little, and keep your small promises."
    "Beri klien pilihan: kapan bicara, apa yang diceritakan, kapan berhenti.|Give clients choices: when to talk, what to share, when to stop."
    "Jangan memaksa mereka mengulang cerita yang menyakitkan.|Do not push them to retell painful stories."
    "Catatan yang rapi membantu, agar klien tidak perlu bercerita berulang kali.|Good notes help, so clients need not tell their story again and again."
  )
}

sample_sampel-04-reintegrasi () {
  NAME=sampel-04-reintegrasi KIND=video VOICE=id+f2
  BG=("#56604a" "#626c56")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SLIDES=(
    "REINTEGRASI SOSIAL|Jalan pulang ke masyarakat|The way back into society"
    "KERANGKA 5R|Repatriasi, rehabilitasi, relokasi, reintegrasi, resiliensi|Repatriation, rehabilitation, relocation, reintegration, resilience"
    "TAHAP KEEMPAT|Reintegrasi: kembali hidup di masyarakat|Reintegration: the fourth of the five stages"
    "KOLABORASI|Sentra, pemerintah daerah, keluarga, komunitas|Sentra, local government, families, communities"
  )
  LINES=(
    "Kami bekerja dengan kerangka 5R.|We work with the 5R framework.|Kami bekerja dengan kerangka lima R."
    "Repatriasi, rehabilitasi, relokasi, reintegrasi, dan resiliensi.|Repatriation, rehabilitation, relocation, reintegration, resilience."
    "Reintegrasi sosial adalah tahap keempat, saat klien kembali ke masyarakat.|Social reintegration is the fourth stage, when clients return to society."
    "Tahap ini tidak bisa dikerjakan oleh sentra sendirian.|The sentra cannot do this stage on its own."
    "Kita perlu bekerja sama dengan pemerintah daerah, keluarga, dan komunitas.|We need to work with local government, families and communities."
    "Makin kuat kerja samanya, makin besar peluang klien diterima kembali.|The stronger the teamwork, the better the chance a client is welcomed back."
  )
}

sample_sampel-05-manajemen-kasus () {
  NAME=sampel-05-manajemen-kasus KIND=video VOICE=id+m2
  BG=("#5e5446" "#6a6052")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SLIDES=(
    "MANAJEMEN KASUS|Bekerja bersama klien|Working together with the client"
    "LANGKAH-LANGKAH|Asesmen, rencana, pelaksanaan, pemantauan, evaluasi|Assessment, planning, implementation, monitoring, evaluation"
    "DASAR RENCANA|Asesmen risiko dan kebutuhan|Risk and needs assessment"
    "KLIEN TERLIBAT|Di setiap langkah, bukan hanya di awal|At every step, not only at the start"
  )
  LINES=(
    "Dalam manajemen kasus, klien terlibat di setiap langkah.|In case management, the client takes part in every step."
    "Kita mulai dengan asesmen, lalu menyusun rencana bersama klien.|We start with an assessment, then plan together with the client."
    "Setelah itu rencana dijalankan, dipantau, dan akhirnya dievaluasi.|Then the plan is carried out, monitored and finally evaluated."
    "Asesmen risiko dan kebutuhan menjadi dasar rencana rehabilitasi.|The risk and needs assessment is the basis of the rehabilitation plan."
    "Tanyakan apa yang penting bagi klien, bukan hanya apa yang kita lihat.|Ask what matters to the client, not only what we can see."
    "Rencana yang disusun bersama lebih mungkin dijalani dengan sungguh-sungguh.|A plan made together is more likely to be followed through."
  )
}

sample_sampel-06-perawatan-diri () {
  NAME=sampel-06-perawatan-diri KIND=video VOICE=id+f4
  BG=("#6b4f4f" "#775b5b")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SLIDES=(
    "PERAWATAN DIRI|Merawat diri sebagai peksos|Self-care for peksos"
    "WASPADAI|Trauma sekunder dan burnout|Secondary trauma and burnout"
    "DUKUNGAN|Supervisi yang rutin|Regular supervision"
    "BATAS PROFESIONAL|Peduli, tetapi tetap menjaga batas|Caring, while keeping boundaries"
  )
  LINES=(
    "Pekerjaan ini juga bisa melukai kita.|This work can hurt us too."
    "Mendengar cerita berat terus-menerus dapat menimbulkan trauma sekunder.|Hearing heavy stories again and again can cause secondary trauma."
    "Kalau lelah tidak kunjung hilang dan semangat menurun, waspadai burnout.|If tiredness never goes away and motivation drops, watch for burnout."
    "Rawat diri Anda: tidur cukup, bergerak, dan punya waktu di luar pekerjaan.|Look after yourself: sleep enough, move, and keep time outside work."
    "Gunakan supervisi secara rutin untuk membicarakan kasus yang membebani.|Use regular supervision to talk through cases that weigh on you."
    "Jaga batas profesional. Kita peduli, tetapi kita bukan keluarga klien.|Keep professional boundaries. We care, but we are not the client's family."
  )
}

# An interview with two speakers: each line names its speaker (a number into SPEAKERS, whose
# entries are "label in Indonesian;label in English;espeak-ng voice"), who speaks it in their
# own voice and is named in the subtitles with a WebVTT voice span (<v Pewawancara>)
sample_sampel-07-keluarga () {
  NAME=sampel-07-keluarga KIND=video VOICE=id+m3
  BG=("#4f5b4a" "#5a6655")
  MARK_ID="[Klip sampel]" MARK_EN="[Sample clip]"
  SPEAKERS=(
    "Pewawancara;Interviewer;id+f3"
    "Peksos senior;Senior peksos;id+m3"
  )
  SLIDES=(
    "KELUARGA|Mulai dengan mendengarkan|Start by listening"
    "ASESMEN|Kekuatan, kebutuhan, dan risiko|Strengths, needs and risks"
    "KOMUNITAS|Bertemu warga sebelum keluarga pulang|Meet residents before the family returns"
    "ANAK|Kepentingan terbaik anak|The child's best interests"
  )
  LINES=(
    "Bagaimana memulai kerja dengan keluarga?|How do you start working with a family?||1"
    "Kami mendengarkan dulu, lalu menggambar genogram bersama keluarga.|We listen first, then draw a genogram with the family.||2"
    "Apa yang dicari dalam asesmen keluarga?|What do you look for in a family assessment?||1"
    "Kekuatan, kebutuhan praktis, dan siapa yang bisa menjadi sumber risiko.|Strengths, practical needs, and who may be a source of risk.||2"
    "Bagaimana dengan warga di sekitar rumah?|And the neighbours?||1"
    "Sebelum keluarga pulang, kami bertemu pengurus RT dan tokoh agama.|Before the family returns, we meet local leaders.||2"
    "Kepentingan terbaik anak selalu menjadi pegangan kami.|The child's best interests always guide us.||2"
  )
}

sample_sampel-podcast-01 () {
  NAME=sampel-podcast-01 KIND=audio VOICE=id+m4
  BG=("#44505c" "#44505c")
  MARK_ID="[Podcast sampel]" MARK_EN="[Sample podcast]"
  SLIDES=(
    "PODCAST BEKAL · EPISODE SAMPEL|Berbagi pengalaman antar peksos|Sharing experience between peksos"
  )
  LINES=(
    "Selamat datang di podcast Bekal.|Welcome to the Bekal podcast."
    "Hari ini kita bicara tentang berbagi pengalaman antar peksos.|Today we talk about sharing experience between peksos."
    "Peksos senior menyimpan banyak pelajaran yang belum pernah ditulis.|Senior peksos carry many lessons that were never written down."
    "Peksos baru membawa pertanyaan segar dan cara pandang yang lain.|New peksos bring fresh questions and a different point of view."
    "Saat keduanya duduk bersama, pengetahuan berpindah tanpa terasa.|When they sit together, knowledge passes on almost unnoticed."
    "Ceritakan juga kesalahan Anda, karena dari situ kita paling banyak belajar.|Share your mistakes too, because that is where we learn the most."
    "Sampai jumpa di episode berikutnya.|See you in the next episode."
  )
}

# ---------------------------------------------------------------------------------------------
# Helpers

die () { printf 'make-samples.sh: %s\n' "$*" >&2; exit 1; }
say () { printf '%s\n' "$*"; }

check_tools () {
  local missing=() tool element
  for tool in gst-launch-1.0:gstreamer1.0-tools gst-inspect-1.0:gstreamer1.0-tools \
              espeak-ng:espeak-ng convert:imagemagick sox:sox soxi:sox awk:mawk; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool%%:*} (package ${tool#*:})")
  done
  if command -v gst-inspect-1.0 >/dev/null 2>&1; then
    for element in multifilesrc:gstreamer1.0-plugins-good pngdec:gstreamer1.0-plugins-good \
                   vp8enc:gstreamer1.0-plugins-good webmmux:gstreamer1.0-plugins-good \
                   wavparse:gstreamer1.0-plugins-good \
                   videoconvert:gstreamer1.0-plugins-base audioconvert:gstreamer1.0-plugins-base \
                   audioresample:gstreamer1.0-plugins-base opusenc:gstreamer1.0-plugins-base \
                   oggmux:gstreamer1.0-plugins-base taginject:gstreamer1.0-plugins-good; do
      gst-inspect-1.0 --exists "${element%%:*}" \
        || missing+=("GStreamer element ${element%%:*} (package ${element#*:})")
    done
  fi
  if command -v espeak-ng >/dev/null 2>&1 \
     && ! espeak-ng --voices=id 2>/dev/null | awk '$2 == "id" { found = 1 } END { exit !found }'; then
    missing+=("espeak-ng Indonesian voice (package espeak-ng-data)")
  fi
  for tool in "$FONT_BOLD" "$FONT_REGULAR"; do
    [[ -r $tool ]] || missing+=("font $tool (package fonts-dejavu-core)")
  done
  if ((${#missing[@]})); then
    printf 'make-samples.sh: missing tools:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    printf 'Install them with: sudo apt-get install gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good espeak-ng imagemagick sox fonts-dejavu-core\n' >&2
    exit 1
  fi
}

# wrap_cue TEXT: prints TEXT as one line, or as two balanced lines, of at most CUE_WIDTH
# characters (counted in bytes, which is never less); fails when that is impossible
wrap_cue () {
  awk -v max="$CUE_WIDTH" -v s="$1" 'BEGIN {
    if (length(s) <= max) { print s; exit 0 }
    n = split(s, w, " "); best = -1
    for (k = 1; k < n; k++) {
      a = w[1]; for (i = 2; i <= k; i++) a = a " " w[i]
      b = w[k + 1]; for (i = k + 2; i <= n; i++) b = b " " w[i]
      if (length(a) <= max && length(b) <= max) {
        m = length(a) > length(b) ? length(a) : length(b)
        if (best < 0 || m < best) { best = m; first = a; second = b }
      }
    }
    if (best < 0) exit 1
    print first; print second
  }'
}

# vtt_time SAMPLES: a sample count at RATE as HH:MM:SS.mmm
vtt_time () {
  awk -v n="$1" -v r="$RATE" 'BEGIN {
    ms = int(n * 1000 / r + 0.5)
    printf "%02d:%02d:%02d.%03d\n", ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000
  }'
}

# secs SAMPLES: a sample count at RATE in seconds, for messages
secs () { awk -v n="$1" -v r="$RATE" 'BEGIN { printf "%.2f", n / r }'; }

vtt_escape () { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$1"; }

# draw_slide OUT BG BAND_ID BAND_EN KICKER MAIN GLOSS FOOTER_RIGHT
draw_slide () {
  convert -size 640x360 "xc:$2" \
    -fill "#f3e3b5" -draw "rectangle 0,0 640,50" \
    -font "$FONT_BOLD" -pointsize 15 -fill "#2b2b2b" -gravity north -annotate +0+8 "$3" \
    -font "$FONT_REGULAR" -pointsize 12 -annotate +0+29 "$4" \
    -font "$FONT_BOLD" -pointsize 15 -fill "#eadca8" -gravity north -annotate +0+80 "$5" \
    \( -size 576x140 -background none -font "$FONT_BOLD" -pointsize 30 -fill "#fdfbf5" \
       -gravity center "caption:$6" \) -gravity north -geometry +0+110 -composite \
    \( -size 576x44 -background none -font "$FONT_REGULAR" -pointsize 16 -fill "#dfe6e4" \
       -gravity center "caption:$7" \) -gravity north -geometry +0+256 -composite \
    -fill "#ffffff40" -draw "rectangle 24,318 616,319" \
    -font "$FONT_REGULAR" -pointsize 13 -fill "#d8e0de" \
    -gravity southwest -annotate +24+14 "$FOOTER" \
    -gravity southeast -annotate +24+14 "$8" \
    -depth 8 -define png:exclude-chunks=date,time "$1"
}

# ---------------------------------------------------------------------------------------------
# Building one sample

build () {
  local fn=sample_$1
  declare -F "$fn" >/dev/null || die "unknown sample '$1' (see --list)"
  local NAME KIND VOICE MARK_ID MARK_EN
  local -a BG SLIDES LINES SPEAKERS=()
  "$fn"

  local work=$TMP/$NAME
  mkdir -p "$work"
  say "== $NAME"

  # 1. speech: one WAV per sentence, measured in samples
  local -a dur=()
  local i line text_id text_en spoken speaker voice label_id label_en n
  for i in "${!LINES[@]}"; do
    line=${LINES[$i]}
    IFS='|' read -r text_id text_en spoken speaker <<<"$line"
    [[ -n $text_id && -n $text_en ]] || die "$NAME: sentence $((i + 1)) lacks a translation"
    voice=$VOICE
    if [[ -n $speaker ]]; then
      ((speaker >= 1 && speaker <= ${#SPEAKERS[@]})) || die "$NAME: sentence $((i + 1)): no speaker $speaker"
      IFS=';' read -r label_id label_en voice <<<"${SPEAKERS[$((speaker - 1))]}"
    fi
    espeak-ng -v "$voice" -s "$SPEED" -w "$work/s$i.wav" -- "${spoken:-$text_id}"
    [[ $(soxi -r "$work/s$i.wav") == "$RATE" ]] || die "$NAME: espeak-ng did not write $RATE Hz audio"
    dur+=("$(soxi -s "$work/s$i.wav")")
  done

  # 2. timeline (in samples): lead, sentence, gap, sentence, ..., tail
  local lead gap tail min max step t total
  lead=$(awk -v s="$LEAD" -v r="$RATE" 'BEGIN { print int(s * r + 0.5) }')
  gap=$(awk -v s="$GAP" -v r="$RATE" 'BEGIN { print int(s * r + 0.5) }')
  tail=$(awk -v s="$TAIL" -v r="$RATE" 'BEGIN { print int(s * r + 0.5) }')
  min=$((MIN_LEN * RATE)) max=$((MAX_LEN * RATE)) step=$((RATE / FPS))
  local -a start=() end=()
  t=$lead
  for i in "${!dur[@]}"; do
    ((i == 0)) || t=$((t + gap))
    start+=("$t"); t=$((t + dur[i])); end+=("$t")
  done
  total=$((t + tail))
  ((total >= min)) || total=$min
  total=$(( (total + step - 1) / step * step ))    # a whole number of video frames
  ((total <= max)) || die "$NAME: narration lasts $(secs "$total") s, more than $MAX_LEN s"

  # 3. the narration track: silences and sentences joined, loudness normalised
  local -a parts=()
  sox -D -r "$RATE" -c 1 -n -b 16 "$work/lead.wav" trim 0 "${lead}s"
  sox -D -r "$RATE" -c 1 -n -b 16 "$work/gap.wav" trim 0 "${gap}s"
  sox -D -r "$RATE" -c 1 -n -b 16 "$work/tail.wav" trim 0 "$((total - end[-1]))s"
  parts=("$work/lead.wav")
  for i in "${!dur[@]}"; do
    ((i == 0)) || parts+=("$work/gap.wav")
    parts+=("$work/s$i.wav")
  done
  parts+=("$work/tail.wav")
  sox -R -V1 "${parts[@]}" "$work/narration.wav" gain -n -3
  n=$(soxi -s "$work/narration.wav")
  ((n == total)) || die "$NAME: narration has $n samples, expected $total"

  # 4. subtitles: one cue per sentence, the mark before the first one
  local lang cue mark vtt
  for lang in id en; do
    vtt=$work/$NAME.$lang.vtt
    printf 'WEBVTT\n' >"$vtt"
    for i in "${!LINES[@]}"; do
      IFS='|' read -r text_id text_en spoken speaker <<<"${LINES[$i]}"
      if [[ $lang == id ]]; then cue=$text_id; else cue=$text_en; fi
      if ((i == 0)); then
        if [[ $lang == id ]]; then mark=$MARK_ID; else mark=$MARK_EN; fi
        # the mark on a line of its own when the sentence fits on the other one
        if ((${#cue} <= CUE_WIDTH)); then cue="$mark"$'\n'"$cue"; else cue="$mark $cue"; fi
      fi
      if [[ $cue != *$'\n'* ]]; then
        cue=$(wrap_cue "$cue") \
          || die "$NAME.$lang: cue $((i + 1)) does not fit in two lines of $CUE_WIDTH characters"
      fi
      cue=$(vtt_escape "$cue")
      if [[ -n $speaker ]]; then
        IFS=';' read -r label_id label_en voice <<<"${SPEAKERS[$((speaker - 1))]}"
        if [[ $lang == id ]]; then cue="<v $label_id>$cue"; else cue="<v $label_en>$cue"; fi
      fi
      printf '\n%d\n%s --> %s\n%s\n' "$((i + 1))" "$(vtt_time "${start[$i]}")" \
        "$(vtt_time "${end[$i]}")" "$cue" >>"$vtt"
    done
  done

  # 5. pictures: the slides, the first one is also the poster
  local s kicker main gloss band_id band_en count
  if [[ $KIND == video ]]; then
    band_id=$BAND_VIDEO_ID band_en=$BAND_VIDEO_EN count=$N_SLIDES
    ((${#SLIDES[@]} == N_SLIDES)) || die "$NAME: needs $N_SLIDES slides"
  else
    band_id=$BAND_AUDIO_ID band_en=$BAND_AUDIO_EN count=1
  fi
  for ((s = 0; s < count; s++)); do
    IFS='|' read -r kicker main gloss <<<"${SLIDES[$s]}"
    if [[ $KIND == video ]]; then n="$((s + 1)) / $count"; else n="Podcast"; fi
    draw_slide "$work/slide-$s.png" "${BG[$((s % 2))]}" "$band_id" "$band_en" \
      "$kicker" "$main" "$gloss" "$n"
  done
  convert "$work/slide-0.png" -strip -sampling-factor 4:2:0 -quality 88 "$work/$NAME.jpg"

  # 6. encoding
  if [[ $KIND == video ]]; then
    # one frame file per video frame, each a link to the slide shown at that moment
    local frames=$((total / step)) f
    mkdir -p "$work/frames"
    for ((f = 0; f < frames; f++)); do
      ln -s "../slide-$((f * count / frames)).png" "$work/frames/$(printf 'f%05d.png' "$f")"
    done
    gst-launch-1.0 -q \
      webmmux name=mux writing-app=Bekal "creation-time=$CREATION_TIME" \
      ! filesink "location=$work/$NAME.webm" \
      multifilesrc "location=$work/frames/f%05d.png" index=0 "stop-index=$((frames - 1))" \
        "caps=image/png,framerate=$FPS/1" \
      ! pngdec ! videoconvert ! video/x-raw,format=I420 \
      ! vp8enc end-usage=cq cq-level=16 "target-bitrate=$VIDEO_BITRATE" \
        "keyframe-max-dist=$((2 * FPS))" \
        deadline=0 cpu-used=0 threads=1 \
      ! queue ! mux. \
      filesrc "location=$work/narration.wav" ! wavparse ! audioconvert ! audioresample \
      ! audio/x-raw,rate=48000,channels=1 \
      ! opusenc "bitrate=$AUDIO_BITRATE" audio-type=voice \
      ! taginject tags=language-code=id \
      ! queue ! mux. \
      >/dev/null
    mv -f "$work/$NAME.webm" "$here/$NAME.webm"
  else
    gst-launch-1.0 -q \
      filesrc "location=$work/narration.wav" ! wavparse ! audioconvert ! audioresample \
      ! audio/x-raw,rate=48000,channels=1 \
      ! taginject tags=language-code=id \
      ! opusenc "bitrate=$AUDIO_BITRATE" audio-type=voice \
      ! oggmux ! filesink "location=$work/$NAME.ogg" \
      >/dev/null
    mv -f "$work/$NAME.ogg" "$here/$NAME.ogg"
  fi
  mv -f "$work/$NAME.jpg" "$here/$NAME.jpg"
  mv -f "$work/$NAME.id.vtt" "$here/$NAME.id.vtt"
  mv -f "$work/$NAME.en.vtt" "$here/$NAME.en.vtt"

  say "   $(secs "$total") s, ${#LINES[@]} cues:"
  for i in "${!start[@]}"; do
    say "   $(vtt_time "${start[$i]}") --> $(vtt_time "${end[$i]}")"
  done
  rm -rf "$work"
}

# ---------------------------------------------------------------------------------------------

main () {
  local -a wanted=()
  local name
  while (($#)); do
    case $1 in
      -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
      --list) printf '%s\n' "${SAMPLES[@]}"; exit 0 ;;
      -*) die "unknown option $1" ;;
      *) name=${1##*/}; wanted+=("${name%%.*}") ;;
    esac
    shift
  done
  ((${#wanted[@]})) || wanted=("${SAMPLES[@]}")
  for name in "${wanted[@]}"; do
    declare -F "sample_$name" >/dev/null || die "unknown sample '$name' (see --list)"
  done

  check_tools
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/bekal-samples.XXXXXX")
  trap 'rm -rf "$TMP"' EXIT

  for name in "${wanted[@]}"; do
    build "$name"
  done
  say "Done: $(du -sh "$here" | cut -f1) in $here"
}

main "$@"
