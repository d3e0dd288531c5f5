#!/usr/bin/env bash
# Distribution check 3: the packaged buildpack runs in an EMPTY root file system, for every
# architecture buildpack.toml's [[targets]] name (each one required).
# The root holds only the buildpack (extracted from dist/group-writable-<version>-linux-<arch>.tgz),
# an app at /workspace, the CNB dirs (/platform/env, /layers/<id>, plan files) and /proc: no shell, no
# /lib, no /usr, no /etc, no /dev, no /tmp. bin/detect and bin/build run there as the build user
# 1001:1000 via ./chroot-run; then the exec.d self-check the build installed runs as the run user
# 1002:1000 with the buildpack removed; then `group-writable --version`.
# An executable of another architecture than this machine's (arm64 on x86_64) runs under qemu-user:
# the static emulator (itself without loader or libraries) is copied to /qemu-aarch64-static in the
# root, the one extra entry there, and each command runs as `/qemu-aarch64-static PATH`; qemu gives
# the program PATH as argv[0], as the kernel does, so bin/detect still runs as detect. qemu-user also
# answers /proc/self/exe with the emulated program, which the build copies as the exec.d self-check.
# Usage: integration/distribution/test-chroot.sh   (root; runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

if (($(id -u) != 0)); then
  fail "test-chroot.sh runs as root (it changes root and switches users)"
  finish
fi
ensure_packaged
load_arches
version=$(buildpack_version)

readonly build_user=1001:1000
readonly buildpack_dir=/cnb/buildpacks/group-writable
readonly layers_dir=/layers/utility_group-writable
work=$(mktemp -d /tmp/gw-chroot.XXXXXX)
output=$(mktemp -d)
trap 'rm -rf -- "$work" "$output"' EXIT
chmod 0755 "$work"

# new_app [FILE=MODE[:CONTENT]]...: replaces /workspace with a fresh app owned by the build user.
new_app() {
  find "$root/workspace" -mindepth 1 -delete
  local spec path mode
  for spec in "$@"; do
    path=${spec%%=*} mode=${spec#*=}
    if [[ $path == */ ]]; then
      mkdir -p "$root/workspace/$path"
      chmod "$mode" "$root/workspace/$path"
    else
      mkdir -p "$(dirname "$root/workspace/$path")"
      printf 'content of %s\n' "$path" >"$root/workspace/$path"
      chmod "$mode" "$root/workspace/$path"
    fi
  done
  chmod 0755 "$root/workspace"
  chown -R "$build_user" "$root/workspace"
}

# write_app_file PATH CONTENT: an app file (0644) with the given content.
write_app_file() {
  printf '%s' "$2" >"$root/workspace/$1"
  chmod 0644 "$root/workspace/$1"
  chown "$build_user" "$root/workspace/$1"
}

# in_root IDS [NAME=VALUE]... -- COMMAND [ARG]...: runs COMMAND in the root via chroot-run (under
# the emulator in the root, if any), stdout and stderr to $output; sets $status, $stdout, $stderr.
in_root() {
  local ids=$1 arguments=()
  shift
  while [[ $1 != -- ]]; do arguments+=("$1") && shift; done
  shift
  "$distribution_dir/chroot-run" "$root" "$ids" /workspace "${arguments[@]}" \
    -- "${in_root_emulator[@]}" "$@" >"$output/stdout" 2>"$output/stderr"
  status=$?
  stdout=$(<"$output/stdout") stderr=$(<"$output/stderr")
}

# run_phase PHASE [NAME=VALUE]...: runs bin/PHASE in the root as the build user.
run_phase() {
  local phase=$1
  shift
  in_root "$build_user" CNB_PLATFORM_DIR=/platform CNB_BUILDPACK_DIR="$buildpack_dir" \
    CNB_BUILD_PLAN_PATH=/plans/build-plan.toml CNB_BP_PLAN_PATH=/plans/buildpack-plan.toml \
    CNB_LAYERS_DIR="$layers_dir" CNB_TARGET_OS=linux CNB_TARGET_ARCH="$arch" \
    CNB_TARGET_DISTRO_NAME=ubuntu CNB_TARGET_DISTRO_VERSION=22.04 "$@" \
    -- "$buildpack_dir/bin/$phase" <"$root/plans/buildpack-plan.toml"
}

# check_status NAME EXPECTED: the last command's exit status, showing its output on failure.
check_status() {
  if [[ $status == "$2" ]]; then
    pass "$p $1"
  else
    fail "$p $1" "expected exit $2, got $status" "stdout: $stdout" "stderr: $stderr"
  fi
}

# check_no_crash NAME: the last command printed no runtime abort or backtrace.
check_no_crash() {
  if grep -Eq 'Unable to obtain Swift runtime path|Fatal error|Stack dump|Backtrace|Aborted' \
    <<<"$stdout$stderr"; then
    fail "$p $1: no runtime crash" "stderr: $stderr"
  else
    pass "$p $1: no runtime crash"
  fi
}

mode_of() { stat -c %a "$root/workspace/$1"; }

# check_arch ARCH: every check in an empty root of its own, with ARCH's archive.
check_arch() {
  arch=$1 p="linux/$1:"
  local archive="$dist_dir/group-writable-$version-linux-$arch.tgz"
  if [[ ! -f $archive ]]; then
    fail "$p dist/${archive##*/} exists" "missing: $archive" \
      "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch); its checks are skipped"
    return
  fi
  set_emulator "$arch" || return
  root="$work/root-$arch"
  mkdir -p "$root$buildpack_dir" "$root/platform/env" "$root$layers_dir" "$root/plans" \
    "$root/workspace" "$root/proc"
  chmod 0755 "$root"
  tar -xzf "$archive" -C "$root$buildpack_dir"
  chown -R "$build_user" "$root/layers" "$root/plans" "$root/workspace"
  : >"$root/plans/buildpack-plan.toml"
  in_root_emulator=() expected_entries="cnb layers plans platform proc workspace"
  if ((${#emulator[@]})); then
    in_root_emulator=("/${emulator[0]##*/}")
    cp -- "${emulator[0]}" "$root${in_root_emulator[0]}"
    expected_entries="cnb layers plans platform proc ${emulator[0]##*/} workspace"
    check "$p the emulator ${emulator[0]##*/} is a static executable (no loader needed)" \
      bash -c 'file -b "$1" | grep -Eq "statically linked|static-pie linked"' _ "${emulator[0]}"
  fi

  check_equal "$p the root holds nothing but the buildpack, app, CNB dirs and /proc" \
    "$expected_entries" "$(ls "$root" | tr '\n' ' ' | sed 's/ $//')"
  check "$p the root has no shell, loader or libraries" \
    bash -c '! find "$1" -path "$1/proc" -prune -o \( -name "sh" -o -name "bash" -o -name "ld-linux*" -o -name "*.so*" \) -print | grep -q .' _ "$root"

  # --- detect ------------------------------------------------------------------------------------
  new_app "index.html=0644" "public/=0755" "public/app.js=0644"
  run_phase detect
  check_status "detect: an app that did not opt in fails detection (100)" 100
  check "$p detect (100): one sentence on stdout" test -n "$stdout"
  check_no_crash "detect (100)"

  write_app_file project.toml $'[utility.group-writable]\npaths = ["/storage/"]\n'
  run_phase detect
  check_status "detect: an app opted in by project.toml passes (0)" 0
  check_no_crash "detect (0)"

  rm -f "$root/workspace/project.toml"
  printf 'true' >"$root/platform/env/BP_GROUP_WRITABLE"
  run_phase detect
  check_status "detect: an app opted in by \$CNB_PLATFORM_DIR/env/BP_GROUP_WRITABLE passes (0)" 0
  rm -f "$root/platform/env/BP_GROUP_WRITABLE"

  write_app_file project.toml $'[utility.group-writable]\npaths = 5\n'
  run_phase detect
  check_status "detect: a bad configuration is an error (1)" 1
  check "$p detect (1): a '!' error block on stderr" grep -q '^!' <<<"$stderr"
  check "$p detect (1): the error names project.toml" grep -q 'project.toml' <<<"$stderr"
  check_no_crash "detect (1)"

  # --- build -------------------------------------------------------------------------------------
  new_app "storage/=0755" "storage/logs/=0755" "storage/logs/app.log=0644" "cache.db=0644" \
    "public/=0755" "public/index.html=0644" "run.sh=0755" "config/=0700" "config/secret.key=0600"
  write_app_file project.toml $'[utility.group-writable]\npaths = ["/storage/", "/cache.db"]\n'
  run_phase build
  check_status "build: exits 0" 0
  check_no_crash "build"
  check_equal "$p build: output starts with the buildpack heading" \
    "## Group-Writable Paths (v$version)" "$(head -n 1 <<<"$stdout")"

  local modes="" path
  for path in . storage storage/logs storage/logs/app.log cache.db public public/index.html run.sh \
    config config/secret.key project.toml; do
    modes+="$path $(mode_of "$path")"$'\n'
  done
  check_equal "$p build: selected paths gain group write, others keep their modes" \
    ". 755
storage 775
storage/logs 775
storage/logs/app.log 664
cache.db 664
public 755
public/index.html 644
run.sh 755
config 700
config/secret.key 600
project.toml 644" "${modes%$'\n'}"

  local layer_toml="$root$layers_dir/group-writable.toml"
  local report_toml="$root$layers_dir/group-writable/report.toml"
  local launch_toml="$root$layers_dir/launch.toml"
  check "$p build: writes group-writable.toml" test -f "$layer_toml"
  check "$p build: writes group-writable/report.toml" test -f "$report_toml"
  check "$p build: writes launch.toml" test -f "$launch_toml"
  check_equal "$p group-writable.toml: [types] launch = true" "True" \
    "$(toml_get "$layer_toml" types.launch 2>&1)"
  check_equal "$p group-writable.toml: metadata.version" "$version" \
    "$(toml_get "$layer_toml" metadata.version 2>&1)"
  check_equal "$p group-writable.toml: metadata.roots" '["cache.db", "storage/"]' \
    "$(python3 -c '
import json, sys, tomllib
print(json.dumps(sorted(tomllib.load(open(sys.argv[1], "rb"))["metadata"]["roots"])))' \
      "$layer_toml" 2>&1)"
  check_equal "$p report.toml: version" "$version" "$(toml_get "$report_toml" version 2>&1)"
  check_equal "$p launch.toml: label utility.group-writable.paths" "utility.group-writable.paths" \
    "$(python3 -c '
import sys, tomllib
labels = tomllib.load(open(sys.argv[1], "rb"))["labels"]
print(",".join(label["key"] for label in labels))' "$launch_toml" 2>&1)"

  # --- the exec.d self-check, run at launch by the run user (run images may be this bare) ---------
  local exec_d="$layers_dir/group-writable/exec.d/group-writable-check"
  check "$p build: installs the exec.d self-check as a regular executable file (not a symlink)" \
    test -f "$root$exec_d" -a ! -L "$root$exec_d" -a -x "$root$exec_d"
  check "$p exec.d self-check is a copy of the packaged static executable" \
    cmp -s "$root$exec_d" "$root$buildpack_dir/bin/group-writable"
  # At launch the buildpack is gone: the run image has the layers and the app, not /cnb/buildpacks.
  rm -rf -- "$root/cnb"
  in_root 1002:1000 -- "$exec_d" 3>"$output/fd3"
  check_status "exec.d (run user 1002:1000): exits 0 when the roots are writable" 0
  check_no_crash "exec.d"
  check_equal "$p exec.d: no warning when the roots are writable" "" "$stderr"
  check_equal "$p exec.d: writes nothing to fd 3" "" "$(<"$output/fd3")"
  chmod 0644 "$root/workspace/cache.db"
  in_root 1002:1000 -- "$exec_d" 3>"$output/fd3"
  check_status "exec.d: still exits 0 when a root is not writable" 0
  check "$p exec.d: warns about the root that is not writable (cache.db)" \
    grep -q 'cache.db' <<<"$stderr"
  check_no_crash "exec.d (warning)"

  # --- the CLI entry of the same executable --------------------------------------------------------
  mkdir -p "$root$buildpack_dir"
  tar -xzf "$archive" -C "$root$buildpack_dir"
  in_root "$build_user" -- "$buildpack_dir/bin/group-writable" --version
  check_status "group-writable --version: exits 0 in the empty root" 0
  check_equal "$p group-writable --version: prints the version in the empty root" "$version" "$stdout"
}

for arch in "${arches[@]}"; do
  check_arch "$arch"
done

finish
