#!/usr/bin/env bash
# Distribution check 1: the buildpack archives and directories made by scripts/package, for every
# architecture buildpack.toml's [[targets]] name (each one required).
# Per architecture: paths, types, modes, relative symlinks and 0:0 owners of
# dist/group-writable-<version>-linux-<arch>.tgz, its buildpack.toml (parsed with python3 tomllib),
# LICENSE and README.md, and that dist/linux-<arch>/ holds the same tree. Then the multi-target
# folder layout dist/buildpack/ that `pack buildpack package` reads: buildpack.toml, LICENSE and
# README.md at its root, and linux/<arch>/ (bin/ with the same executable as dist/linux-<arch>/bin,
# relative symlinks; LICENSE, README.md) for exactly the [[targets]].
# Usage: integration/distribution/test-archive.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
load_arches
version=$(buildpack_version)
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# One line per entry: name, type, mode, uid:gid, owner names, link target.
list_archive() {
  python3 - "$1" <<'PY'
import sys, tarfile
kinds = {tarfile.DIRTYPE: "dir", tarfile.REGTYPE: "file", tarfile.SYMTYPE: "symlink"}
with tarfile.open(sys.argv[1], "r:gz") as archive:
    for m in archive.getmembers():
        kind = kinds.get(m.type, f"type-{m.type!r}")
        target = f" -> {m.linkname}" if m.issym() else ""
        print(f"{m.name} {kind} {m.mode:04o} {m.uid}:{m.gid} '{m.uname}:{m.gname}'{target}")
PY
}

# A tree on disk, or its top level with a second argument 1: name, type, mode, link target (owners
# are the packager's there).
list_tree() {
  (cd "$1" && find . -mindepth 1 ${2:+-maxdepth "$2"} -printf '%P %y %m %l\n' | sed 's/ $//' | sort)
}

# check_symlinks NAME DIR: bin/detect and bin/build are links to "group-writable" (relative) that
# resolve to DIR/bin/group-writable.
check_symlinks() {
  check_equal "$1: bin/detect and bin/build are relative symlinks to group-writable" \
    "group-writable group-writable" "$(readlink "$2/bin/detect") $(readlink "$2/bin/build")"
  check "$1: the symlinks resolve inside the buildpack to bin/group-writable" \
    test "$(readlink -f "$2/bin/detect")" = "$(readlink -f "$2/bin/group-writable")" -a \
    "$(readlink -f "$2/bin/build")" = "$(readlink -f "$2/bin/group-writable")"
}

expected_listing="LICENSE file 0644 0:0 ':'
README.md file 0644 0:0 ':'
bin dir 0755 0:0 ':'
bin/build symlink 0777 0:0 ':' -> group-writable
bin/detect symlink 0777 0:0 ':' -> group-writable
bin/group-writable file 0755 0:0 ':'
buildpack.toml file 0644 0:0 ':'"

# --- one archive per architecture ------------------------------------------------------------------
for arch in "${arches[@]}"; do
  name="group-writable-$version-linux-$arch.tgz"
  archive="$dist_dir/$name"
  if [[ ! -f $archive ]]; then
    fail "linux/$arch: archive dist/$name exists" "missing: $archive" \
      "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch)"
    continue
  fi
  pass "linux/$arch: archive dist/$name exists"
  check "linux/$arch: archive is a valid gzip stream" gzip -t "$archive"
  check_equal "linux/$arch: archive entries: paths at the root, modes, relative symlinks, owners 0:0" \
    "$expected_listing" "$(list_archive "$archive" 2>&1 | sort)"

  extracted="$work/$arch"
  mkdir -p "$extracted"
  tar -xzf "$archive" -C "$extracted"
  check_equal "linux/$arch: dist/linux-$arch/ holds the same tree as the archive" \
    "$(list_tree "$extracted")" "$(list_tree "$dist_dir/linux-$arch")"
  check "linux/$arch: archived bin/group-writable is dist/linux-$arch/bin/group-writable" \
    cmp -s "$extracted/bin/group-writable" "$dist_dir/linux-$arch/bin/group-writable"
  check_symlinks "linux/$arch: archive" "$extracted"
  check "linux/$arch: archived buildpack.toml is the repository's" \
    cmp -s "$extracted/buildpack.toml" "$repo_root/buildpack.toml"
  check "linux/$arch: archived LICENSE is the Apache License 2.0" \
    grep -q 'Apache License' "$extracted/LICENSE"
  check "linux/$arch: archived README.md is the repository's" \
    cmp -s "$extracted/README.md" "$repo_root/README.md"

  descriptor="$extracted/buildpack.toml"
  p="linux/$arch: buildpack.toml:"
  check_equal "$p api" "0.10" "$(toml_get "$descriptor" api)"
  check_equal "$p buildpack.id" "utility/group-writable" "$(toml_get "$descriptor" buildpack.id)"
  check_equal "$p buildpack.name" "Group-Writable Paths" "$(toml_get "$descriptor" buildpack.name)"
  check "$p buildpack.version '$version' is a semantic version" python3 -c '
import re, sys
core = r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
ident = r"[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*"
sys.exit(not re.fullmatch(rf"{core}(-{ident})?(\+{ident})?", sys.argv[1]))' "$version"
  check_equal "$p [[targets]] are linux/amd64 and linux/arm64" \
    '[{"os": "linux", "arch": "amd64"}, {"os": "linux", "arch": "arm64"}]' \
    "$(toml_get "$descriptor" targets)"
  check_equal "$p [[stacks]] (any stack, for platforms and kpack that match by stack)" \
    '[{"id": "*"}]' "$(toml_get "$descriptor" stacks)"
  check_equal "$p [[buildpack.licenses]] with the license text's URI" \
    '[{"type": "Apache-2.0", "uri": "https://www.apache.org/licenses/LICENSE-2.0"}]' \
    "$(toml_get "$descriptor" buildpack.licenses)"
  check_equal "$p buildpack.homepage" "https://github.com/group-writable/group-writable" \
    "$(toml_get "$descriptor" buildpack.homepage)"
  check "$p description and keywords" python3 -c '
import sys, tomllib
bp = tomllib.load(open(sys.argv[1], "rb"))["buildpack"]
sys.exit(not (bp["description"].strip() and bp["keywords"]
              and all(isinstance(k, str) for k in bp["keywords"])))' "$descriptor"
done

# --- the multi-target folder layout for `pack buildpack package` -----------------------------------
layout="$dist_dir/buildpack"
check_equal "dist/buildpack/: buildpack.toml, LICENSE, README.md and linux/ at its root" \
  "LICENSE f 644
README.md f 644
buildpack.toml f 644
linux d 755" "$(list_tree "$layout" 1 2>&1)"
check "dist/buildpack/buildpack.toml is the repository's" \
  cmp -s "$layout/buildpack.toml" "$repo_root/buildpack.toml"
check "dist/buildpack/LICENSE is the repository's" cmp -s "$layout/LICENSE" "$repo_root/LICENSE"
check "dist/buildpack/README.md is the repository's" cmp -s "$layout/README.md" "$repo_root/README.md"
check_equal "dist/buildpack/linux/ holds one folder per [[targets]] architecture" \
  "$(printf '%s d 755\n' "${arches[@]}" | sort)" "$(list_tree "$layout/linux" 1 2>&1)"
for arch in "${arches[@]}"; do
  platform_root="$layout/linux/$arch"
  if [[ ! -d $platform_root ]]; then
    fail "linux/$arch: dist/buildpack/linux/$arch/ exists" "missing: $platform_root" \
      "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch)"
    continue
  fi
  check_equal "linux/$arch: dist/buildpack/linux/$arch/: bin/, LICENSE, README.md (modes, symlinks)" \
    "LICENSE f 644
README.md f 644
bin d 755
bin/build l 777 group-writable
bin/detect l 777 group-writable
bin/group-writable f 755" "$(list_tree "$platform_root")"
  check "linux/$arch: dist/buildpack/linux/$arch/bin/group-writable is dist/linux-$arch's executable" \
    cmp -s "$platform_root/bin/group-writable" "$dist_dir/linux-$arch/bin/group-writable"
  check_symlinks "linux/$arch: dist/buildpack/linux/$arch" "$platform_root"
  for file in LICENSE README.md; do
    check "linux/$arch: dist/buildpack/linux/$arch/$file is the repository's" \
      cmp -s "$platform_root/$file" "$repo_root/$file"
  done
done

finish
