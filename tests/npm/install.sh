#!/bin/sh
# Installs the Node packages some tests run (tests/npm/package.json, at the exact versions of
# its package-lock.json) into BUILD_DIR/npm with npm ci: xapi-validation and Learning Locker's
# xapi-statements. Bekal itself never runs Node. Called by build-aux/setup.sh --with-tests and
# build-aux/test.sh; does nothing when that folder already holds this lock file's packages.
#
#   tests/npm/install.sh BUILD_DIR
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
dest="$1/npm"

if [ -d "$dest/node_modules" ] && cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed: apt-get install nodejs npm, then run $0 again" >&2
  exit 1
fi

mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
# No install scripts: the tests need none of them (native metrics, notices)
npm ci --prefix "$dest" --no-audit --no-fund --ignore-scripts --loglevel=error
