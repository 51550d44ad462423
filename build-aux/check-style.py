#!/usr/bin/env python3
"""Checks the house style that a script can check without reformatting anything.

No formatter reproduces the GNOME C style of this tree (one parameter a line with aligned
names, `_("…")` without a space, casts with one), so instead of a formatter configuration
this script checks what is unambiguous: no tabs, no trailing white space, no line over 100
characters, LF line ends, a final newline, and one spelling of g_autoptr() and g_auto().

    check-style.py [--changed-since REV] [FILE…]

Without FILE it checks every C source and header that git tracks under src/, include/,
tests/ and bench/; with --changed-since only those changed since REV. Prints
FILE:LINE: problem lines and exits 1 when there is any.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

MAX_COLUMNS = 100
AREAS = ["src", "include", "tests", "bench"]
AUTO_WITH_SPACE = re.compile(r"\bg_auto(ptr)?\s+\(")


def tracked_files(root, since):
    if since:
        cmd = ["git", "diff", "--name-only", "--diff-filter=ACMR", since, "--"] + AREAS
    else:
        cmd = ["git", "ls-files", "--"] + AREAS
    try:
        out = subprocess.run(cmd, cwd=root, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        # not a git checkout (a source package): every file of the areas
        return sorted(p for area in AREAS for p in (root / area).rglob("*")
                      if p.suffix in (".c", ".h") and "build" not in p.relative_to(root).parts[:1])
    return [root / name for name in out.split() if name.endswith((".c", ".h"))]


def check_file(path):
    problems = []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"{path}:1: not UTF-8 ({error.reason})"]
    if b"\r" in data:
        problems.append(f"{path}:1: CR line ends; use LF")
    if data and not data.endswith(b"\n"):
        problems.append(f"{path}: no newline at the end of the file")
    for number, line in enumerate(text.split("\n"), 1):
        if "\t" in line:
            problems.append(f"{path}:{number}: a tab; indent with spaces")
        if line != line.rstrip():
            problems.append(f"{path}:{number}: white space at the end of the line")
        if len(line) > MAX_COLUMNS:
            problems.append(f"{path}:{number}: {len(line)} characters; at most {MAX_COLUMNS}")
        if AUTO_WITH_SPACE.search(line):
            problems.append(f"{path}:{number}: write g_autoptr(Type) and g_auto(Type), "
                            "without a space")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changed-since", metavar="REV")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()

    root = Path(__file__).resolve().parent.parent
    files = args.files or tracked_files(root, args.changed_since)
    problems = [p for f in files if f.exists() for p in check_file(f)]
    for problem in problems:
        print(problem)
    print(f"check-style: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
