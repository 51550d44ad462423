#!/bin/sh
# run-fuzzer.sh: a short run of one libFuzzer harness for continuous integration
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-fuzzer.sh FUZZER SECONDS SEED-FILE…
#
# Fuzzes for SECONDS seconds from a corpus that starts with copies of the SEED-FILEs (the
# seeds themselves are never written to). Exits non-zero on any crash, leak, undefined
# behaviour or timeout; the failing input is kept in FUZZ_ARTIFACTS (default: a temporary
# folder, printed at the end).

set -eu

if [ $# -lt 3 ]; then
  echo "usage: $0 FUZZER SECONDS SEED-FILE..." >&2
  exit 2
fi

fuzzer=$1
seconds=$2
shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/bekal-fuzz-XXXXXX")
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_odr_violation=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

mkdir -p "$work/corpus" "$artifacts"
for seed in "$@"; do
  cp "$seed" "$work/corpus/"
done

status=0
"$fuzzer" -max_len=65536 -timeout=5 -rss_limit_mb=2048 -max_total_time="$seconds" \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$work/corpus" || status=$?

if [ "$status" -ne 0 ]; then
  echo "run-fuzzer.sh: $(basename "$fuzzer") failed (status $status); inputs kept in $artifacts" >&2
  ls -l "$artifacts" >&2
  exit 1
fi

rm -rf "$work"
echo "run-fuzzer.sh: $(basename "$fuzzer"): no crash in ${seconds} s"
