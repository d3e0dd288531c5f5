# Shared helpers for the distribution tests; source it, do not run it.
# Each test counts its checks with `pass`/`fail`/`check*` and ends with `finish`, which prints
# "N passed, M failed" and exits non-zero when anything failed.

repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
readonly repo_root
distribution_dir="$repo_root/integration/distribution"
readonly distribution_dir
passed=0
failed=0

# Records a passing check.
pass() {
  passed=$((passed + 1))
  printf 'ok      %s\n' "$1"
}

# Records a failing check; further arguments are printed as details.
fail() {
  failed=$((failed + 1))
  printf 'FAILED  %s\n' "$1"
  shift
  local detail line
  for detail in "$@"; do
    while IFS= read -r line; do printf '        %s\n' "$line"; done <<<"$detail"
  done
}

# check_equal NAME EXPECTED ACTUAL
check_equal() {
  if [[ $2 == "$3" ]]; then pass "$1"; else fail "$1" "expected: $2" "actual:   $3"; fi
}

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "command failed: $*"; fi
}

# Prints the summary line and exits 0 only when every check passed (and at least one ran).
finish() {
  echo "$passed passed, $failed failed"
  if ((failed == 0 && passed > 0)); then exit 0; fi
  exit 1
}

# The value at a dotted key path of a TOML file, read with python3 tomllib (lists as JSON).
toml_get() {
  python3 - "$1" "$2" <<'PY'
import json, sys, tomllib
try:
    with open(sys.argv[1], "rb") as f:
        value = tomllib.load(f)
    for key in sys.argv[2].split("."):
        value = value[key]
except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
    sys.exit(f"toml_get {sys.argv[1]} {sys.argv[2]}: {error!r}")
print(json.dumps(value) if isinstance(value, (list, dict)) else value)
PY
}

# The buildpack version from buildpack.toml (the single source of the version).
buildpack_version() {
  toml_get "$repo_root/buildpack.toml" buildpack.version
}

# Runs ./scripts/package (an incremental build when nothing changed) unless GW_SKIP_PACKAGE=1,
# which run-all sets after packaging once. Its output goes to a log shown only on failure.
ensure_packaged() {
  if [[ ${GW_SKIP_PACKAGE:-0} == 1 ]]; then return 0; fi
  local log
  log=$(mktemp)
  if ! "$repo_root/scripts/package" >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    fail "scripts/package succeeds"
    finish
  fi
  grep '^package: group-writable is' "$log" || true
  rm -f "$log"
}
