#!/usr/bin/env python3
"""Counts the results in meson's test log and prints "N passed, N failed", after a line for
each test that failed, timed out or was skipped.

Exits non-zero when a test failed, timed out, was skipped, or when no test ran at all.
Several logs may be given; their counts are added up."""

import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}


def count(paths):
    passed = failed = skipped = 0
    problems = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as log:
                for line in log:
                    line = line.strip()
                    if not line:
                        continue
                    entry = json.loads(line)
                    result = entry.get("result")
                    if result in PASSED:
                        passed += 1
                    elif result in SKIPPED:
                        skipped += 1
                        problems.append(f"{path}: {entry.get('name')}: {result}")
                    else:
                        failed += 1
                        problems.append(f"{path}: {entry.get('name')}: {result}")
        except FileNotFoundError:
            print(f"{path}: no test log: the tests did not run", file=sys.stderr)
            failed += 1
    return passed, failed, skipped, problems


def main():
    passed, failed, skipped, problems = count(sys.argv[1:])
    # Named here so that the last lines of a long CI log say which tests to look at.
    for problem in problems:
        print(problem)
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 0 if failed == 0 and skipped == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
