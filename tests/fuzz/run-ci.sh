#!/bin/sh
# run-ci.sh: a short fuzzing run of the module loader for continuous integration
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-ci.sh PATH-TO-fuzz-loader
#
# Replays every reproducer in tests/fuzz/regressions/, then fuzzes for FUZZ_SECONDS seconds
# (default 60) from the seed corpus. Exits non-zero on any crash, leak, undefined behaviour
# or timeout; the failing input is written to FUZZ_ARTIFACTS (default: a temporary folder,
# printed at the end).

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH-TO-fuzz-loader" >&2
  exit 2
fi

fuzzer=$1
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/bekal-fuzz-ci-XXXXXX")
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_odr_violation=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

mkdir -p "$work/corpus" "$artifacts"
"$here/seed-corpus.sh" "$work/seeds"

status=0
regressions=$(find "$here/regressions" -type f ! -name '*.md' 2>/dev/null | LC_ALL=C sort)
if [ -n "$regressions" ]; then
  echo "run-ci.sh: replaying $(echo "$regressions" | wc -l) regression inputs"
  # shellcheck disable=SC2086
  "$fuzzer" -runs=1 -timeout=10 -artifact_prefix="$artifacts/" $regressions || status=$?
fi

if [ "$status" -eq 0 ]; then
  "$fuzzer" -dict="$here/module.dict" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$work/corpus" "$work/seeds" || status=$?
fi

if [ "$status" -ne 0 ]; then
  echo "run-ci.sh: the fuzzer failed (status $status); inputs kept in $artifacts" >&2
  ls -l "$artifacts" >&2
  exit 1
fi

rm -rf "$work"
echo "run-ci.sh: no crash in ${seconds} s"
