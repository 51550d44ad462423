#!/bin/sh
# seed-corpus.sh: builds the seed corpus of fuzz-loader from the shipped modules and the
# test fixtures
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/seed-corpus.sh OUTPUT-DIR
#
# Every modules/**/*.xml and tests/fixtures/**/*.xml becomes one seed (named after its path).
# A folder holding module.id.xml and module.en.xml also gives a translation-pair seed: both
# files joined by the marker line that fuzz-loader splits at, when the pair fits in MAX_LEN
# bytes (the -max_len given to the fuzzer; longer seeds would be cut).

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT-DIR" >&2
  exit 2
fi

out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
max_len=${MAX_LEN:-65536}
# must be the same as PAIR_MARKER in fuzz-loader.c
marker='<!-- bekal-fuzz: module.en.xml -->'

mkdir -p "$out"
n_files=0
n_pairs=0

for base in modules tests/fixtures; do
  [ -d "$root/$base" ] || continue
  for file in $(cd "$root" && find "$base" -type f -name '*.xml' | LC_ALL=C sort); do
    name=$(printf '%s' "$file" | tr '/' '_')
    cp "$root/$file" "$out/$name"
    n_files=$((n_files + 1))
  done

  for original in $(cd "$root" && find "$base" -type f -name 'module.id.xml' | LC_ALL=C sort); do
    dir=$(dirname "$original")
    translation="$dir/module.en.xml"
    [ -f "$root/$translation" ] || continue

    name="pair_$(printf '%s' "$dir" | tr '/' '_').xml"
    {
      cat "$root/$original"
      printf '\n%s\n' "$marker"
      cat "$root/$translation"
    } > "$out/$name.tmp"
    if [ "$(wc -c < "$out/$name.tmp")" -le "$max_len" ]; then
      mv "$out/$name.tmp" "$out/$name"
      n_pairs=$((n_pairs + 1))
    else
      rm -f "$out/$name.tmp"
    fi
  done
done

echo "seed-corpus.sh: $n_files files and $n_pairs translation pairs in $out"
