#!/bin/sh
# Installs the npm packages the xAPI tests use into BUILD_DIR/npm when they are missing:
# xapi-validation (statement checks) and xapi-statements 5.0.1 (Learning Locker's statements
# service, a real LRS on loopback). Node is needed by the tests only, never by Bekal.
#
#   tests/npm-setup.sh BUILD_DIR
set -eu
prefix="$1/npm"
if [ -f "$prefix/node_modules/xapi-validation/package.json" ] &&
   [ -f "$prefix/node_modules/xapi-statements/dist/index.js" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm is not installed (apt install npm)" >&2; exit 1; }
mkdir -p "$prefix"
npm install --no-save --no-audit --no-fund --prefix "$prefix" xapi-validation xapi-statements@5.0.1 >&2
