#!/usr/bin/env bash
# Runs every distribution check after packaging once (scripts/package: linux/amd64 and linux/arm64),
# then prints the combined `N passed, M failed` (scripts/test reads that last line).
# Each test checks every architecture buildpack.toml's [[targets]] name; a missing one fails.
# Usage: integration/distribution/run-all.sh   (root)
set -uo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$here/../.." && pwd)

if ! "$repo_root/scripts/package"; then
  echo "0 passed, 1 failed"
  exit 1
fi
total_passed=0 total_failed=0
for test in test-archive.sh test-static-binary.sh test-version.sh test-root-bin.sh test-chroot.sh \
  test-image-index.sh test-image.sh test-publish.sh; do
  echo "# $test"
  output=$(GW_SKIP_PACKAGE=1 "$here/$test" 2>&1)
  status=$?
  printf '%s\n' "$output"
  summary=$(tail -n 1 <<<"$output")
  if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    total_passed=$((total_passed + BASH_REMATCH[1]))
    total_failed=$((total_failed + BASH_REMATCH[2]))
    if ((status != 0 && BASH_REMATCH[2] == 0)); then total_failed=$((total_failed + 1)); fi
  else
    echo "FAILED  $test ended without a summary (exit $status)"
    total_failed=$((total_failed + 1))
  fi
done
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
