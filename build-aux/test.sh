#!/usr/bin/env bash
# Installs what is missing (Xvfb included), builds Bekal and runs every test suite.
# Ends with one line "N passed, N failed" and exits non-zero when a test failed or did not run.
#
#   build-aux/test.sh [--build-dir DIR] [--suite SUITE] [-- MESON-SETUP-OPTIONS…]

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

build_dir=build
suite_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --suite) suite_args+=(--suite "$2"); shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done

bekal_install_packages "${BEKAL_PACKAGES[@]}" "${BEKAL_TEST_PACKAGES[@]}"
bekal_build "$build_dir" "$@"
bekal_install_npm_test_packages "$build_dir" \
  || echo "The tests' npm packages could not be installed: the npm suite skips, or fails in CI" >&2

bekal_say "Running the tests in $build_dir"
status=0
meson test -C "$BEKAL_ROOT/$build_dir" --print-errorlogs --num-processes 2 "${suite_args[@]}" \
  || status=$?

python3 "$BEKAL_ROOT/build-aux/test-summary.py" "$BEKAL_ROOT/$build_dir/meson-logs/testlog.json" \
  || status=1
exit $status
