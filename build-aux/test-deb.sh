#!/usr/bin/env bash
# Installs a built bekal .deb as dpkg would, but visible to this script only, and checks that
# the installed `bekal` and `bekal-author` work from the installed files alone.
#
#   build-aux/test-deb.sh [--log FILE] [DEB]
#
# DEB is build-deb/bekal_*.deb by default (what build-aux/build-deb.sh writes). The package is
# unpacked with dpkg-deb -x; then, in a private mount namespace (unshare: no root needed when
# the kernel allows user namespaces, nothing written outside a temporary folder), its /usr is
# laid over the machine's /usr with overlayfs, so the programs find their data at the paths
# they were built with (/usr/share/bekal, /usr/share/locale, …), the source tree is hidden
# under an empty tmpfs, and the triggers dpkg would run (GSettings schemas, MIME database,
# desktop database, icon cache) are run into the overlay. Each check prints "ok: NAME" or
# "FAILED: NAME: why" and is written to FILE (one JSON object a line, as in meson's
# testlog.json, for build-aux/test-summary.py). Ends with "N passed, N failed".

set -euo pipefail

BEKAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# What the checks run, on top of what the package itself depends on
BEKAL_DEB_TEST_PACKAGES=(
  dpkg xvfb xauth dbus locales strace shared-mime-info desktop-file-utils libglib2.0-bin
  gtk-update-icon-cache python3
)

results=""

# record NAME STATUS [WHY]: STATUS 0 is a pass
record() {
  local name="$1" status="$2" why="${3:-}"

  if [ "$status" -eq 0 ]; then
    echo "ok: $name"
  else
    echo "FAILED: $name: $why"
  fi
  python3 - "$results" "$name" "$status" "$why" <<'EOF'
import json
import sys

path, name, status, why = sys.argv[1:]
with open(path, "a", encoding="utf-8") as log:
    log.write(json.dumps({"name": name, "suite": ["deb"],
                          "result": "OK" if status == "0" else "FAIL",
                          "stdout": why}) + "\n")
EOF
}

# Runs in the private mount namespace: lays the package over /usr and checks the programs
inside() {
  local tmp="$1" version="$2" root="$1/root"
  local n_modules env_base out err rc expected english
  results="$tmp/results.jsonl"
  n_modules="$(find "$root/usr/share/bekal/modules" -mindepth 1 -maxdepth 1 -type d \
                 ! -name schema | wc -l)"

  # A clean user: an empty home, no BEKAL_* variables, the system's PATH
  mkdir -p "$tmp/home" "$tmp/run" "$tmp/data" "$tmp/elsewhere" "$tmp/locale"
  chmod 700 "$tmp/run"
  env_base=(env -i HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share"
            XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache"
            XDG_RUNTIME_DIR="$tmp/run" PATH=/usr/bin:/bin LANG=C.UTF-8 NO_AT_BRIDGE=1)
  cd "$tmp"

  # The control: a module away from its media folder is found wanting when the machine has no
  # installed Bekal data, so that passing below proves the installed path is used
  cp -r "$root/usr/share/bekal/modules/orientasi-sentra" "$tmp/elsewhere/"
  [ -d /usr/share/bekal ] && mount -t tmpfs tmpfs /usr/share/bekal
  "${env_base[@]}" "$root/usr/bin/bekal-author" validate --no-media-probe \
    "$tmp/elsewhere/orientasi-sentra" >"$tmp/control.out" 2>&1
  rc=$?
  [ "$rc" -eq 1 ] && grep -q ': error: .*/usr/share/bekal/media' "$tmp/control.out"
  record control-without-installed-data $? \
    "expected errors naming /usr/share/bekal/media, got exit $rc: \
$(tail -n 3 "$tmp/control.out")"
  mountpoint -q /usr/share/bekal && umount /usr/share/bekal

  # The package over /usr; its own share/bekal only; the source tree out of sight. Without
  # real root, files owned by root cannot be replaced even in the overlay, and
  # update-mime-database rewrites the whole database: a copy of it of our own goes in between.
  mkdir -p "$tmp/upper" "$tmp/work" "$tmp/mime-layer/usr/share"
  cp -r /usr/share/mime "$tmp/mime-layer/usr/share/"
  if ! mount -t overlay overlay \
         -o "lowerdir=$root/usr:$tmp/mime-layer/usr:/usr,upperdir=$tmp/upper,workdir=$tmp/work" \
         /usr; then
    record install-overlay 1 "cannot lay the package over /usr with overlayfs"
    return
  fi
  mount --bind "$root/usr/share/bekal" /usr/share/bekal
  mount -t tmpfs tmpfs "$BEKAL_ROOT"
  [ -z "$(ls -A "$BEKAL_ROOT")" ]
  record install-overlay $? "the source tree is still visible"

  # What dpkg's triggers do after an install
  out="$( { glib-compile-schemas /usr/share/glib-2.0/schemas \
            && update-mime-database /usr/share/mime \
            && update-desktop-database -q /usr/share/applications \
            && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor; } 2>&1)"
  record triggers $? "$out"

  # bekal-author: the bundled modules are valid, their media play
  out="$("${env_base[@]}" /usr/bin/bekal-author validate /usr/share/bekal/modules 2>&1)"
  rc=$?
  [ "$rc" -eq 0 ] && grep -q "^$n_modules modules checked: 0 errors" <<<"$out"
  record author-validate-modules $? \
    "expected $n_modules modules and 0 errors, exit $rc: $(tail -n 3 <<<"$out")"

  out="$("${env_base[@]}" /usr/bin/bekal-author validate \
           /usr/share/bekal/examples/contoh-semua-elemen 2>&1)"
  record author-validate-example $? "$(tail -n 3 <<<"$out")"

  # a module away from its media folder finds them where Bekal installed them
  out="$("${env_base[@]}" /usr/bin/bekal-author validate "$tmp/elsewhere/orientasi-sentra" 2>&1)"
  record author-installed-media $? "$(tail -n 3 <<<"$out")"

  # Indonesian from the installed catalogue (an id_ID locale compiled into the temporary folder)
  localedef -i id_ID -f UTF-8 "$tmp/locale/id_ID.UTF-8" 2>/dev/null
  local env_id=("${env_base[@]}" LOCPATH="$tmp/locale" LANG=id_ID.UTF-8)
  english="Also look for media:NAME files in DIR"
  expected="$("${env_id[@]}" TEXTDOMAINDIR=/usr/share/locale gettext bekal "$english")"
  out="$("${env_id[@]}" /usr/bin/bekal-author validate --help 2>&1)"
  [ "$expected" != "$english" ] && grep -qF "$expected" <<<"$out"
  record author-indonesian $? "“$english” is not translated: $(head -n 3 <<<"$out")"

  # bekal: its version, then one start-up to the first painted frame on a virtual display with
  # a session bus (as on a desktop), in Indonesian, with every file it opens traced
  out="$("${env_base[@]}" /usr/bin/bekal --version 2>&1)"
  [ "$out" = "bekal ${version%%-*}" ]
  record app-version $? "printed “$out”, expected “bekal ${version%%-*}”"

  english="Print the version and quit"
  expected="$("${env_id[@]}" TEXTDOMAINDIR=/usr/share/locale gettext bekal "$english")"
  out="$("${env_id[@]}" /usr/bin/bekal --help 2>&1)"
  [ "$expected" != "$english" ] && grep -qF "$expected" <<<"$out"
  record app-indonesian $? "“$english” is not translated: $(head -n 5 <<<"$out")"

  "${env_id[@]}" GDK_BACKEND=x11 timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- \
    strace -f -qq -e trace=open,openat -e status=successful -o "$tmp/app.trace" \
    /usr/bin/bekal --quit-after-first-frame --data-dir "$tmp/data" \
    >"$tmp/app.out" 2>"$tmp/app.err"
  rc=$?
  [ "$rc" -eq 0 ] && grep -q '^first-frame-us: ' "$tmp/app.out"
  record app-start $? "exit $rc: $(tail -n 5 "$tmp/app.err")"

  ! grep -E 'CRITICAL|WARNING|ERROR' "$tmp/app.err" >/dev/null
  record app-start-clean $? "$(grep -E 'CRITICAL|WARNING|ERROR' "$tmp/app.err" | head -n 5)"

  [ -f "$tmp/data/bekal.db" ]
  record app-store $? "no learners' database in --data-dir"

  local n_read
  n_read="$(grep -oE '"/usr/share/bekal/modules/[^/"]+/module\.[a-z]+\.xml"' "$tmp/app.trace" \
              | sed 's|/module\.[a-z]*\.xml"||' | sort -u | wc -l)"
  [ "$n_read" -eq "$n_modules" ]
  record app-reads-installed-modules $? \
    "read the modules of $n_read folders under /usr/share/bekal/modules, expected $n_modules"

  grep -q '"/usr/share/locale/id/LC_MESSAGES/bekal.mo"' "$tmp/app.trace"
  record app-reads-installed-translation $? "never opened /usr/share/locale/id/LC_MESSAGES/bekal.mo"

  grep -q '"/usr/share/glib-2.0/schemas/gschemas.compiled"' "$tmp/app.trace"
  record app-reads-installed-schema $? "never opened /usr/share/glib-2.0/schemas/gschemas.compiled"

  # A module packed by the installed bekal-author, verified and installed into a second
  # modules folder; the package is application/x-bekal-module by its name and, named
  # otherwise, by its content, and opens with Bekal
  mkdir -p "$tmp/packages" "$tmp/second/modules"
  out="$("${env_base[@]}" /usr/bin/bekal-author pack -o "$tmp/packages/orientasi.bekal" \
           /usr/share/bekal/modules/orientasi-sentra 2>&1)"
  record author-pack $? "$out"

  out="$("${env_base[@]}" /usr/bin/bekal-author verify "$tmp/packages/orientasi.bekal" 2>&1)"
  record author-verify $? "$out"

  out="$("${env_base[@]}" /usr/bin/bekal-author install \
           --modules-dir "$tmp/second/modules" "$tmp/packages/orientasi.bekal" 2>&1)" \
    && out="$("${env_base[@]}" /usr/bin/bekal-author validate \
                "$tmp/second/modules/orientasi-sentra" 2>&1)"
  record author-install $? "$out"

  cp "$tmp/packages/orientasi.bekal" "$tmp/packages/download"
  for file in orientasi.bekal download; do
    out="$("${env_base[@]}" gio info -a standard::content-type "$tmp/packages/$file" 2>&1)"
    grep -q 'standard::content-type: application/x-bekal-module$' <<<"$out"
    record "mime-type-$file" $? "$out"
  done

  out="$("${env_base[@]}" gio mime application/x-bekal-module 2>&1)"
  grep -q 'io.github.bekal_peksos.Bekal.desktop' <<<"$out"
  record mime-default-app $? "$out"
}

if [ "${1:-}" = "--inside" ]; then
  set +e
  inside "$2" "$3"
  exit 0
fi

# The outer part: unpack, check the list of files, then the rest in the namespace
source "$BEKAL_ROOT/build-aux/setup.sh"

log=""
deb=""
while [ $# -gt 0 ]; do
  case "$1" in
    --log) log="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "test-deb.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) deb="$1"; shift ;;
  esac
done
# a log of an earlier run must not stand for this one
if [ -n "$log" ]; then
  rm -f "$log"
fi
if [ -z "$deb" ]; then
  shopt -s nullglob
  debs=("$BEKAL_ROOT"/build-deb/bekal_*.deb)
  shopt -u nullglob
  if [ ${#debs[@]} -ne 1 ]; then
    echo "test-deb.sh: expected one build-deb/bekal_*.deb, found ${#debs[@]};" \
         "run build-aux/build-deb.sh first or name the package" >&2
    exit 2
  fi
  deb="${debs[0]}"
fi
if [ ! -f "$deb" ]; then
  echo "test-deb.sh: $deb: no such file" >&2
  exit 2
fi

bekal_install_packages "${BEKAL_DEB_TEST_PACKAGES[@]}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/bekal-deb-test.XXXXXX")"
# overlayfs leaves its work folder unreadable
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
case "$tmp/" in
  "$BEKAL_ROOT"/*) echo "test-deb.sh: TMPDIR must be outside the source tree" >&2; exit 2 ;;
esac
results="$tmp/results.jsonl"
: >"$results"
set +e

bekal_say "Checking $deb"
version="$(dpkg-deb -f "$deb" Version)"

# A machine that installs the package gets what it depends on: simulate apt and install what
# it would add (the media plugins, for example)
depends="$(dpkg-deb -f "$deb" Depends)"
if apt-get satisfy -s "$depends" 2>/dev/null | grep -q '^Inst '; then
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get satisfy -y -qq "$depends" >/dev/null
fi
out="$(apt-get satisfy -s "$depends" 2>&1)"
! grep -q '^Inst ' <<<"$out" && grep -q '0 newly installed' <<<"$out"
record dependencies $? "$out"

dpkg-deb -x "$deb" "$tmp/root"
record unpack $? "dpkg-deb -x failed"

# Everything the source tree ships is in the package
missing=()
want=(usr/bin/bekal usr/bin/bekal-author
      usr/share/applications/io.github.bekal_peksos.Bekal.desktop
      usr/share/metainfo/io.github.bekal_peksos.Bekal.metainfo.xml
      usr/share/glib-2.0/schemas/io.github.bekal_peksos.Bekal.gschema.xml
      usr/share/mime/packages/io.github.bekal_peksos.Bekal.mime.xml
      usr/share/icons/hicolor/scalable/apps/io.github.bekal_peksos.Bekal.svg
      usr/share/icons/hicolor/symbolic/apps/io.github.bekal_peksos.Bekal-symbolic.svg
      usr/share/man/man1/bekal.1.gz usr/share/man/man1/bekal-author.1.gz
      usr/share/doc/bekal/copyright)
while read -r lang; do
  case "$lang" in ''|'#'*) continue ;; esac
  want+=("usr/share/locale/$lang/LC_MESSAGES/bekal.mo")
done <"$BEKAL_ROOT/po/LINGUAS"
while IFS= read -r -d '' file; do
  want+=("usr/share/bekal/${file#"$BEKAL_ROOT"/}")
done < <(find "$BEKAL_ROOT/modules" "$BEKAL_ROOT/examples" "$BEKAL_ROOT/media" -type f \
           ! -name make-samples.sh -print0)
for file in "${want[@]}"; do
  [ -f "$tmp/root/$file" ] || missing+=("$file")
done
[ ${#missing[@]} -eq 0 ]
record files $? "missing: ${missing[*]}"

[ -x "$tmp/root/usr/bin/bekal" ] && [ -x "$tmp/root/usr/bin/bekal-author" ]
record executables $? "usr/bin/bekal or usr/bin/bekal-author is not executable"

# unshare maps the caller to root in a new user namespace unless it is root already
unshare_args=(--mount --propagation private)
[ "$(id -u)" -ne 0 ] && unshare_args+=(--map-root-user)
bekal_say "Checking the installed programs (unshare ${unshare_args[*]})"
if ! unshare "${unshare_args[@]}" bash "$0" --inside "$tmp" "$version"; then
  record namespace 1 "unshare ${unshare_args[*]} failed: this machine allows no mount \
namespace for this user; run as root or enable unprivileged user namespaces"
fi

if [ -n "$log" ]; then
  mkdir -p "$(dirname "$log")"
  cp "$results" "$log"
fi
python3 "$BEKAL_ROOT/build-aux/test-summary.py" "$results"
