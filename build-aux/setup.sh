#!/usr/bin/env bash
# Installs the Debian packages Bekal needs (only those missing) and builds it into build/.
# Sourced by run.sh and test.sh; can also be run on its own.
#
#   build-aux/setup.sh [--with-tests] [--build-dir DIR] [-- MESON-SETUP-OPTIONS…]

set -euo pipefail

BEKAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# What building and running needs
BEKAL_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  libxml2-dev libsqlite3-dev libjson-glib-dev libarchive-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  librsvg2-dev libgdk-pixbuf-2.0-dev libsoup-3.0-dev libsodium-dev libqrencode-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  desktop-file-utils appstream
)

# What the test suite needs on top: a virtual display for the UI tests, xmllint for the
# benchmark, gst-launch for the media tests, ImageMagick for screenshots, zip and unzip as the
# package benchmark's reference; Node and npm for the xAPI tests (tests/npm/install.sh puts
# xapi-validation and xapi-statements into BUILD_DIR/npm with npm ci)
BEKAL_TEST_PACKAGES=(
  xvfb xauth libxml2-utils gstreamer1.0-tools imagemagick dbus sqlite3 zip unzip nodejs npm
  poppler-utils chromium
)

# What the fuzzing run needs: clang with libFuzzer and the sanitizer runtimes
BEKAL_FUZZ_PACKAGES=(
  clang libclang-rt-dev
)

bekal_say() {
  printf '\033[1m==> %s\033[0m\n' "$*"
}

bekal_install_packages() {
  local missing=() pkg sudo=()

  for pkg in "$@"; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      continue
    fi
    # a Node.js installed from elsewhere (NodeSource ships npm inside its nodejs) serves the
    # tests as well, and Debian's npm would conflict with it
    if { [ "$pkg" = nodejs ] && command -v node >/dev/null 2>&1; } \
       || { [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; }; then
      continue
    fi
    missing+=("$pkg")
  done

  if [ ${#missing[@]} -eq 0 ]; then
    bekal_say "All ${#} required packages are installed"
    return 0
  fi

  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "These packages are missing and sudo is not available: ${missing[*]}" >&2
      echo "Install them as root: apt-get install ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi

  bekal_say "Installing ${#missing[@]} missing packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# bekal_build BUILD_DIR [MESON-SETUP-OPTIONS…]
bekal_build() {
  local dir="$1"
  shift

  if [ ! -f "$BEKAL_ROOT/$dir/build.ninja" ]; then
    bekal_say "Configuring $dir"
    meson setup "$BEKAL_ROOT/$dir" "$BEKAL_ROOT" "$@"
  elif [ $# -gt 0 ]; then
    meson configure "$BEKAL_ROOT/$dir" "$@" >/dev/null
  fi

  bekal_say "Building $dir"
  ninja -C "$BEKAL_ROOT/$dir"
}

# bekal_install_npm_test_packages BUILD_DIR: the Node packages of tests/npm, for the tests only
bekal_install_npm_test_packages() {
  bekal_say "Installing the tests' npm packages into $1/npm"
  "$BEKAL_ROOT/tests/npm/install.sh" "$BEKAL_ROOT/$1"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  with_tests=0
  build_dir=build
  while [ $# -gt 0 ]; do
    case "$1" in
      --with-tests) with_tests=1; shift ;;
      --build-dir) build_dir="$2"; shift 2 ;;
      --) shift; break ;;
      *) break ;;
    esac
  done

  if [ $with_tests -eq 1 ]; then
    bekal_install_packages "${BEKAL_PACKAGES[@]}" "${BEKAL_TEST_PACKAGES[@]}"
  else
    bekal_install_packages "${BEKAL_PACKAGES[@]}"
  fi
  bekal_build "$build_dir" "$@"
  if [ $with_tests -eq 1 ]; then
    bekal_install_npm_test_packages "$build_dir"
  fi
fi
