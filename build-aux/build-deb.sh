#!/usr/bin/env bash
# Builds the Debian package of Bekal (bekal_VERSION_ARCH.deb) and checks it with lintian.
#
# Installs what is missing (the build dependencies and the packaging tools), copies the files
# git knows of (committed, changed or new, but not ignored: no build folders) into a temporary
# folder, runs dpkg-buildpackage there, and copies the packages into the output folder. The
# source tree is left as it was.
#
#   build-aux/build-deb.sh [-o DIR] [-j JOBS] [--no-check] [--keep]
#
#   -o DIR       where the .deb files go (build-deb/ in the source tree)
#   -j JOBS      parallel build jobs (the number of processors)
#   --no-check   skip the core test suite during the build (DEB_BUILD_OPTIONS=nocheck)
#   --keep       keep the temporary build folder and say where it is
#
# Exits non-zero when the build fails, when debian/control's Build-Depends and setup.sh's
# BEKAL_PACKAGES disagree, or when lintian reports an error.

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# What building a Debian package needs on top of BEKAL_PACKAGES. No fakeroot: debian/control
# says Rules-Requires-Root: no.
BEKAL_DEB_PACKAGES=(
  dpkg-dev debhelper lintian git python3
)

out_dir="$BEKAL_ROOT/build-deb"
jobs="$(nproc)"
check=1
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out_dir="$2"; shift 2 ;;
    -j) jobs="$2"; shift 2 ;;
    --no-check) check=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-deb.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Every package setup.sh installs to build Bekal must be a build dependency, and nothing else
# (gcc comes with build-essential, which every Debian package build has; debhelper-compat is
# the packaging itself). Build profiles such as <!nocheck> are ignored.
check_build_depends() {
  python3 - "$BEKAL_ROOT/debian/control" "${BEKAL_PACKAGES[@]}" <<'EOF'
import re
import sys

control, wanted = sys.argv[1], {name for name in sys.argv[2:] if name} - {"gcc"}
field, depends = None, []
with open(control, encoding="utf-8") as source:
    for line in source:
        if not line.strip():
            break  # the source paragraph ends here
        if line[0] not in " \t":
            field, _, line = line.partition(":")
        if field == "Build-Depends":
            depends.append(line)
names = set()
for item in ",".join(depends).split(","):
    item = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", item).strip()
    if item:
        names.add(item.split("|")[0].strip())
names.discard("debhelper-compat")
missing, extra = sorted(wanted - names), sorted(names - wanted)
for name in missing:
    print(f"debian/control: {name} is in setup.sh's BEKAL_PACKAGES but not in Build-Depends",
          file=sys.stderr)
for name in extra:
    print(f"debian/control: {name} is in Build-Depends but not in setup.sh's BEKAL_PACKAGES",
          file=sys.stderr)
sys.exit(1 if missing or extra else 0)
EOF
}

# a failed build must not leave an older package behind to be tested
mkdir -p "$out_dir"
rm -f "$out_dir"/bekal_*.deb "$out_dir"/bekal-dbgsym_*.deb "$out_dir"/bekal_*.buildinfo \
  "$out_dir"/bekal_*.changes

bekal_install_packages "${BEKAL_PACKAGES[@]}" "${BEKAL_DEB_PACKAGES[@]}"

bekal_say "Checking debian/control against setup.sh"
if ! check_build_depends; then
  echo "Make debian/control's Build-Depends and build-aux/setup.sh's BEKAL_PACKAGES agree." >&2
  exit 1
fi

if ! git -C "$BEKAL_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "build-deb.sh copies the files git knows of: run it from a git clone of Bekal." >&2
  exit 1
fi

version="$(dpkg-parsechangelog -l "$BEKAL_ROOT/debian/changelog" -S Version)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bekal-deb.XXXXXX")"
if [ $keep -eq 0 ]; then
  trap 'rm -rf "$work"' EXIT
fi
src="$work/bekal-$version"
mkdir "$src"

bekal_say "Copying the source tree into $src"
# files deleted in the work tree but still in the index are skipped
(cd "$BEKAL_ROOT" && git ls-files -z --cached --others --exclude-standard \
   | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
   | tar --null --files-from=- -cf -) | tar -xf - -C "$src"

build_options="${DEB_BUILD_OPTIONS:-}"
if [ $check -eq 0 ]; then
  build_options="$build_options nocheck"
fi

bekal_say "Building the package (dpkg-buildpackage -us -uc -b, $jobs jobs)"
(cd "$src" && DEB_BUILD_OPTIONS="${build_options# }" dpkg-buildpackage -us -uc -b -J"$jobs")

mkdir -p "$out_dir"
cp "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$out_dir"/
deb="$(ls "$out_dir"/bekal_"$version"_*.deb)"

bekal_say "Checking the package with lintian"
lintian_output="$(lintian --tag-display-limit 0 "$out_dir"/bekal_"$version"_*.changes 2>&1)" \
  || true
if [ -n "$lintian_output" ]; then
  printf '%s\n' "$lintian_output"
fi
n_errors="$(grep -c '^E: ' <<<"$lintian_output" || true)"
n_warnings="$(grep -c '^W: ' <<<"$lintian_output" || true)"

echo "Package: $deb ($(du -h "$deb" | cut -f1), $(dpkg-deb -c "$deb" | grep -vc '/$') files)"
echo "lintian: $n_errors errors, $n_warnings warnings"
if [ $keep -eq 1 ]; then
  echo "Build folder kept: $src"
fi
[ "$n_errors" -eq 0 ]
