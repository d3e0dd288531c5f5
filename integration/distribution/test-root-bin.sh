#!/usr/bin/env bash
# Distribution check: the repository root works as a buildpack directory after packaging
# (`pack build --buildpack .`). Root bin/detect and bin/build run the packaged executable of this
# machine's architecture under their own names, and say `run ./scripts/package first` (exit 1) when
# it was not built. The root scripts cannot pick another architecture's executable, so for each other
# architecture buildpack.toml's [[targets]] name (each one required) the same phases run what the
# scripts would run on such a host: dist/linux-<arch>/bin/group-writable under the phase's name, here
# under qemu-user (`qemu-aarch64-static -0 detect|build`), as the build user with the same variables.
# Usage: integration/distribution/test-root-bin.sh   (root; runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

if (($(id -u) != 0)); then
  fail "test-root-bin.sh runs as root (it switches to the build user)"
  finish
fi
ensure_packaged
version=$(buildpack_version)
work=$(mktemp -d /tmp/gw-root-bin.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
chmod 0755 "$work"

check "bin/detect is executable" test -f "$repo_root/bin/detect" -a -x "$repo_root/bin/detect"
check_equal "bin/build is a relative symlink to detect" "detect" "$(readlink "$repo_root/bin/build")"

# Not built: a copy of the buildpack directory without dist/.
mkdir -p "$work/unbuilt"
cp -a "$repo_root/bin" "$repo_root/buildpack.toml" "$work/unbuilt/"
for phase in detect build; do
  stderr=$("$work/unbuilt/bin/$phase" 2>&1 >/dev/null)
  status=$?
  check_equal "unbuilt: bin/$phase exits 1" 1 "$status"
  check "unbuilt: bin/$phase says to run ./scripts/package first" \
    grep -qi 'run ./scripts/package first' <<<"$stderr"
done

# Built: run like the lifecycle, as the build user in the app dir, with only CNB variables set.
# run_phase [NAME=VALUE]... : runs $phase with $runner (a command prefix, or the root bin/ script).
run_phase() {
  (cd "$work/app" && env -i PATH=/usr/bin:/bin CNB_PLATFORM_DIR="$work/platform" \
    CNB_BUILD_PLAN_PATH="$work/plan.toml" CNB_BP_PLAN_PATH=/dev/null \
    CNB_LAYERS_DIR="$work/layers" CNB_BUILDPACK_DIR="$repo_root" "$@" \
    setpriv --reuid=1001 --regid=1000 --clear-groups "${runner[@]}" </dev/null)
}
# check_exit NAME EXPECTED: the last run_phase's exit status, with its stderr on failure.
check_exit() {
  if [[ $status == "$2" ]]; then
    pass "$1"
  else
    fail "$1" "expected exit $2, got $status" "stderr: $(<"$work/stderr")"
  fi
}
# set_runner PHASE: the root bin/PHASE script on this host's architecture ($how = "bin/"), else the
# executable of $arch under the emulator, named PHASE (what bin/PHASE's `exec -a` does).
set_runner() {
  if [[ -n $how ]]; then
    runner=("$repo_root/bin/$1")
  else
    runner=("${emulator[@]}" -0 "$1" "$dist_dir/linux-$arch/bin/group-writable")
  fi
}
load_arches
host=$(host_arch)
for arch in "${arches[@]}"; do
  require_arch_dir "$arch" || continue
  if [[ $arch == "$host" ]]; then
    p="built (linux/$arch, this host):" how="bin/"
  else
    set_emulator "$arch" || continue
    p="built (linux/$arch, ${emulator[0]##*/} -0 PHASE):" how=""
  fi
  rm -rf "$work/platform" "$work/layers" "$work/app"
  mkdir -p "$work/platform/env" "$work/layers" "$work/app/storage"
  printf 'x\n' >"$work/app/storage/cache"
  chmod 0644 "$work/app/storage/cache"
  chown -R 1001:1000 "$work/layers" "$work/app"
  set_runner detect
  stdout=$(run_phase 2>"$work/stderr")
  status=$?
  check_exit "$p ${how}detect without opt-in exits 100 (runs as detect)" 100
  set_runner build
  stdout=$(run_phase BP_GROUP_WRITABLE=true 2>"$work/stderr")
  status=$?
  check_exit "$p ${how}build exits 0 (runs as build)" 0
  check_equal "$p ${how}build output starts with the buildpack heading" \
    "## Group-Writable Paths (v$version)" "$(head -n 1 <<<"$stdout")"
  check_equal "$p ${how}build made the app group-writable" 664 \
    "$(stat -c %a "$work/app/storage/cache")"
done

finish
