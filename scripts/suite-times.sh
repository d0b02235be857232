#!/usr/bin/env bash
# Prints how long each top-level test suite took, slowest first, from a `swift test` log.
# Usage: scripts/suite-times.sh LOG
set -euo pipefail
log=${1:?usage: suite-times.sh LOG}
echo "suite times (s), slowest first:"
# Swift Testing: 'Suite "name" passed after 1.234 seconds.'; XCTest: "Test Suite 'X' passed at … Executed N tests … in 1.2 (1.3) seconds".
grep -E '^✔ Suite |^✘ Suite ' "$log" \
  | sed -E 's/^. Suite ("[^"]*"|[^ ]+) (passed|failed) after ([0-9.]+) seconds.*/\3 \1/' \
  | sort -rn | head -n 15 | awk '{ t = $1; $1 = ""; printf "  %8.2f %s\n", t, $0 }'
