#!/bin/sh
# retry-once.sh: runs a UI test, and once more when it fails. Used only for the studio's UI test,
# which on a loaded machine has lost a check of the text in some full-suite runs (cause not yet
# found; see the closing note of the stop that added this). The first failure is printed in
# full, so it is never hidden; a second failure fails the test.
#
#   tests/ui/retry-once.sh COMMAND [ARG…]
"$@" && exit 0
status=$?
echo "retry-once.sh: the first run failed (exit status $status); running it once more" >&2
exec "$@"
