#!/usr/bin/env bash
# Installs what is missing, builds Bekal into build/ and starts it with the bundled modules.
# Arguments are passed to the app, for example: build-aux/run.sh --data-dir /media/usb/bekal

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bekal_install_packages "${BEKAL_PACKAGES[@]}"
bekal_build build

bekal_say "Starting Bekal"
exec "$BEKAL_ROOT/build/src/app/bekal" "$@"
