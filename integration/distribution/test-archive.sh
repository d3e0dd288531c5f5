#!/usr/bin/env bash
# Distribution check 1: the buildpack archive made by scripts/package.
# Paths, types, modes, relative symlinks and 0:0 owners of dist/group-writable-<version>.tgz, its
# buildpack.toml (parsed with python3 tomllib), and that dist/buildpack/ holds the same tree.
# Usage: integration/distribution/test-archive.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
version=$(buildpack_version)
archive="$repo_root/dist/group-writable-$version.tgz"
check "archive dist/group-writable-$version.tgz exists" test -f "$archive"
check "archive is a valid gzip stream" gzip -t "$archive"

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

expected_listing="LICENSE file 0644 0:0 ':'
README.md file 0644 0:0 ':'
bin dir 0755 0:0 ':'
bin/build symlink 0777 0:0 ':' -> group-writable
bin/detect symlink 0777 0:0 ':' -> group-writable
bin/group-writable file 0755 0:0 ':'
buildpack.toml file 0644 0:0 ':'"
check_equal "archive entries: paths at the root, modes, relative symlinks, owners 0:0" \
  "$expected_listing" "$(list_archive "$archive" | sort)"

# The same tree on disk (ignoring owners, which are the packager's there).
list_tree() {
  (cd "$1" && find . -mindepth 1 -printf '%P %y %m %l\n' | sort)
}
extracted=$(mktemp -d)
trap 'rm -rf -- "$extracted"' EXIT
tar -xzf "$archive" -C "$extracted"
check_equal "dist/buildpack/ holds the same tree as the archive" \
  "$(list_tree "$extracted")" "$(list_tree "$repo_root/dist/buildpack")"
check "symlinks resolve inside the buildpack to bin/group-writable" \
  test "$(readlink -f "$extracted/bin/detect")" = "$extracted/bin/group-writable" -a \
  "$(readlink -f "$extracted/bin/build")" = "$extracted/bin/group-writable"
check "archived buildpack.toml is the repository's" cmp -s "$extracted/buildpack.toml" \
  "$repo_root/buildpack.toml"
check "archived LICENSE is the Apache License 2.0" \
  grep -q 'Apache License' "$extracted/LICENSE"
check "archived README.md is the repository's" cmp -s "$extracted/README.md" \
  "$repo_root/README.md"

descriptor="$extracted/buildpack.toml"
check_equal "buildpack.toml: api" "0.10" "$(toml_get "$descriptor" api)"
check_equal "buildpack.toml: buildpack.id" "utility/group-writable" \
  "$(toml_get "$descriptor" buildpack.id)"
check_equal "buildpack.toml: buildpack.name" "Group-Writable Paths" \
  "$(toml_get "$descriptor" buildpack.name)"
check "buildpack.toml: buildpack.version '$version' is a semantic version" \
  python3 -c '
import re, sys
core = r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
ident = r"[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*"
sys.exit(not re.fullmatch(rf"{core}(-{ident})?(\+{ident})?", sys.argv[1]))' "$version"
check_equal "buildpack.toml: [[targets]]" '[{"os": "linux", "arch": "amd64"}]' \
  "$(toml_get "$descriptor" targets)"
check_equal "buildpack.toml: [[stacks]] (any stack, for platforms and kpack that match by stack)" \
  '[{"id": "*"}]' "$(toml_get "$descriptor" stacks)"
check_equal "buildpack.toml: [[buildpack.licenses]] with the license text's URI" \
  '[{"type": "Apache-2.0", "uri": "https://www.apache.org/licenses/LICENSE-2.0"}]' \
  "$(toml_get "$descriptor" buildpack.licenses)"
check_equal "buildpack.toml: buildpack.homepage" "https://github.com/group-writable/group-writable" \
  "$(toml_get "$descriptor" buildpack.homepage)"
check "buildpack.toml: description and keywords" python3 -c '
import sys, tomllib
bp = tomllib.load(open(sys.argv[1], "rb"))["buildpack"]
sys.exit(not (bp["description"].strip() and bp["keywords"]
              and all(isinstance(k, str) for k in bp["keywords"])))' "$descriptor"

finish
