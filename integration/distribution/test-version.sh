#!/usr/bin/env bash
# Distribution check: the version has one source, buildpack.toml.
# Each packaged executable's `--version` (dist/linux-<arch>/bin/group-writable for every architecture
# buildpack.toml's [[targets]] name, each one required; a foreign one under qemu-user, e.g.
# qemu-aarch64-static on an x86_64 host) equals buildpack.version (read with python3 tomllib), no
# source file hard-codes it, README's examples name it, and the BuildpackInfo generator (run by the
# build-tool plugin) rejects descriptors it cannot take the version from, with a message naming the
# file and key.
# Usage: integration/distribution/test-version.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
load_arches
version=$(buildpack_version)
for arch in "${arches[@]}"; do
  require_arch_dir "$arch" && set_emulator "$arch" || continue
  binary="$dist_dir/linux-$arch/bin/group-writable"
  check_equal "linux/$arch: group-writable --version prints buildpack.toml's version${emulator:+ (qemu)}" \
    "$version" "$(run_arch "$arch" group-writable "$binary" --version 2>&1)"
done

hard_coded=$(grep -rnF -- "\"$version\"" "$repo_root/Sources" "$repo_root/Plugins" || true)
check_equal "no Swift source hard-codes the version \"$version\"" "" "$hard_coded"
readme_versions=$(grep -oE 'group-writable[-:][0-9]+\.[0-9]+\.[0-9]+' "$repo_root/README.md" |
  sed -E 's/^group-writable[-:]//' | sort -u)
check_equal "README's examples (.tgz, image tags) name buildpack.toml's version" "$version" \
  "$readme_versions"

# The generator tool, built in the same scratch path and configuration as scripts/package.
build=(swift build -c release --product BuildpackInfoGenerator -Xswiftc -static-executable
  --scratch-path "$repo_root/.build-release" --package-path "$repo_root")
if ! "${build[@]}" >/dev/null 2>&1; then
  fail "BuildpackInfoGenerator builds" "$("${build[@]}" 2>&1 | tail -20)"
  finish
fi
generator="$("${build[@]}" --show-bin-path)/BuildpackInfoGenerator"
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# generate NAME DESCRIPTOR_TEXT EXPECTED_STATUS EXPECTED_STDERR_AFTER_PATH
generate() {
  printf '%s' "$2" >"$work/buildpack.toml"
  rm -f "$work/BuildpackInfo.swift"
  local stderr status
  stderr=$("$generator" "$work/buildpack.toml" "$work/BuildpackInfo.swift" 2>&1 >/dev/null)
  status=$?
  check_equal "generator: $1: exit status" "$3" "$status"
  if [[ -n $4 ]]; then
    check_equal "generator: $1: message" "$work/buildpack.toml: error: $4" "$stderr"
  fi
}

header=$'api = "0.10"\n[buildpack]\nid = "utility/group-writable"\nname = "Group-Writable Paths"\n'
generate "valid descriptor" "${header}version = \"1.2.3-rc.1+build.5\""$'\n' 0 ""
check_equal "generator: writes BuildpackInfo with id, name and version" \
  '  public static let id: String = "utility/group-writable"
  public static let name: String = "Group-Writable Paths"
  public static let version: String = "1.2.3-rc.1+build.5"' \
  "$(grep 'public static let' "$work/BuildpackInfo.swift")"
generate "missing version" "$header" 1 'missing required key `buildpack.version`'
generate "version not a string" "${header}version = 1"$'\n' 1 \
  '`buildpack.version` must be a non-empty string'
generate "version not semver" "${header}version = \"1.2\""$'\n' 1 \
  '`buildpack.version` "1.2" is not a semantic version (MAJOR.MINOR.PATCH)'
generate "version with a leading zero" "${header}version = \"1.02.3\""$'\n' 1 \
  '`buildpack.version` "1.02.3" is not a semantic version (MAJOR.MINOR.PATCH)'
generate "no [buildpack] table" $'api = "0.10"\n' 1 'missing required key `buildpack`'
generate "invalid TOML" $'api = "0.10"\n[buildpack\n' 1 \
  "invalid TOML at line 2, column 11: Error while parsing table header: expected ']', saw '\\n'"

finish
