# Shared helpers for the distribution tests; source it, do not run it.
# Each test counts its checks with `pass`/`fail`/`check*` and ends with `finish`, which prints
# "N passed, M failed" and exits non-zero when anything failed. The tests read scripts/package's
# output in dist/ (GW_DIST_DIR=DIR, with GW_SKIP_PACKAGE=1, checks another copy of it) for every
# architecture buildpack.toml's [[targets]] name (`target_arches`); all of them are required.

repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
readonly repo_root
distribution_dir="$repo_root/integration/distribution"
readonly distribution_dir
dist_dir=${GW_DIST_DIR:-$repo_root/dist}
readonly dist_dir
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
  grep '^package: group-writable for ' "$log" || true
  rm -f "$log"
}

# The architectures buildpack.toml's [[targets]] name for linux, one a line, in their order.
target_arches() {
  python3 - "$repo_root/buildpack.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    targets = tomllib.load(f).get("targets", [])
print("\n".join(t["arch"] for t in targets if t.get("os") == "linux"))
PY
}

# Sets the array `arches` to target_arches; fails and finishes when there is none.
load_arches() {
  mapfile -t arches < <(target_arches)
  if ((${#arches[@]} == 0)) || [[ -z ${arches[0]} ]]; then
    fail "buildpack.toml's [[targets]] name at least one linux architecture"
    finish
  fi
}

# require_arch_dir ARCH: passes when dist/linux-ARCH/bin/group-writable exists; otherwise fails
# with what to run, so a test can skip that architecture's other checks (`|| continue`).
require_arch_dir() {
  local executable="$dist_dir/linux-$1/bin/group-writable"
  if [[ -f $executable && -x $executable ]]; then
    pass "linux/$1: dist/linux-$1/bin/group-writable exists"
  else
    fail "linux/$1: dist/linux-$1/bin/group-writable exists" \
      "missing: $executable (buildpack.toml targets linux/$1; run scripts/package --arch $1)" \
      "the other linux/$1 checks of this test are skipped"
    return 1
  fi
}

# The Go/OCI name of this machine's architecture (amd64, arm64, ...).
host_arch() {
  case $(uname -m) in
    x86_64) echo amd64 ;;
    aarch64) echo arm64 ;;
    *) uname -m ;;
  esac
}

# set_emulator ARCH: sets the array `emulator` to the command prefix that runs a static executable
# of ARCH here: empty on a host of that architecture, else qemu-user (`qemu-aarch64-static` for
# arm64, `qemu-x86_64-static` for amd64). Returns 1 (after a failed check) when it is not installed.
set_emulator() {
  emulator=()
  [[ $1 == "$(host_arch)" ]] && return 0
  local qemu
  case $1 in
    arm64) qemu="qemu-aarch64-static" ;;
    amd64) qemu="qemu-x86_64-static" ;;
    *) qemu=qemu-$1-static ;;
  esac
  if ! command -v "$qemu" >/dev/null; then
    fail "linux/$1: $qemu runs linux/$1 executables here" "not on PATH (Debian: qemu-user-static)"
    return 1
  fi
  emulator=("$(command -v "$qemu")")
}

# run_arch ARCH ARGV0 EXECUTABLE [ARG]...: runs EXECUTABLE (built for ARCH) with argv[0] = ARGV0,
# natively (exec -a) or under qemu-user (-0 ARGV0); call set_emulator ARCH first.
run_arch() {
  local argv0=$2 executable=$3
  shift 3
  if ((${#emulator[@]})); then
    "${emulator[@]}" -0 "$argv0" "$executable" "$@"
  else
    (exec -a "$argv0" "$executable" "$@")
  fi
}
