#!/bin/sh
# run-store-ci.sh: a short fuzzing run of opening a learners' database, for continuous
# integration
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-store-ci.sh PATH-TO-fuzz-store
#
# Replays every reproducer in tests/fuzz/regressions-store/, then fuzzes for FUZZ_SECONDS
# seconds (default 30) from seeds that the harness makes with the store itself (a used store
# of the current version, one with a planted trigger, and every older schema version). Exits
# non-zero on any crash, leak, undefined behaviour or timeout; the failing input is written to
# FUZZ_ARTIFACTS (default: a temporary folder, printed at the end).

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH-TO-fuzz-store" >&2
  exit 2
fi

fuzzer=$1
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/bekal-fuzz-store-ci-XXXXXX")
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_odr_violation=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

mkdir -p "$work/corpus" "$artifacts"
BEKAL_FUZZ_STORE_SEEDS="$work/seeds" "$fuzzer"

status=0
regressions=$(find "$here/regressions-store" -type f ! -name '*.md' 2>/dev/null | LC_ALL=C sort)
if [ -n "$regressions" ]; then
  echo "run-store-ci.sh: replaying $(echo "$regressions" | wc -l) regression inputs"
  # shellcheck disable=SC2086
  "$fuzzer" -runs=1 -timeout=10 -artifact_prefix="$artifacts/" $regressions || status=$?
fi

if [ "$status" -eq 0 ]; then
  "$fuzzer" -dict="$here/store.dict" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$work/corpus" "$work/seeds" || status=$?
fi

if [ "$status" -ne 0 ]; then
  echo "run-store-ci.sh: the fuzzer failed (status $status); inputs kept in $artifacts" >&2
  ls -l "$artifacts" >&2
  exit 1
fi

rm -rf "$work"
echo "run-store-ci.sh: no crash in ${seconds} s"
