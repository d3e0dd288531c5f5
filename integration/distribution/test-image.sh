#!/usr/bin/env bash
# Distribution check: the buildpackage image made by scripts/package (scripts/package-image).
# dist/oci is read with `skopeo inspect` (manifest, config) and its blobs: the platform in the config,
# both labels (parsed as JSON and compared with buildpack.toml and the CNB distribution spec), the
# layers label's diff ID against the real layer's (sha256 of the uncompressed layer tar), the layer's
# entries (paths, types, modes, owners, times) and contents against dist/buildpack. Then the
# `docker load` archive's manifest.json, and that the image step gives the same digest again.
# Usage: integration/distribution/test-image.sh   (runs ./scripts/package first; root for the owners
#        check of the rebuild)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
"$repo_root/scripts/install-image-tools" || fail "scripts/install-image-tools installs umoci and skopeo"
version=$(buildpack_version)
bp_id=$(toml_get "$repo_root/buildpack.toml" buildpack.id)
layout="$repo_root/dist/oci"
image="oci:$layout:$version"
bp_path="/cnb/buildpacks/${bp_id//\//_}/$version"
epoch=$(git -C "$repo_root" log -1 --format=%ct)
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

check "dist/oci is an OCI image layout" test -f "$layout/oci-layout" -a -f "$layout/index.json"
if ! skopeo inspect "$image" >"$work/inspect.json" 2>"$work/error" ||
  ! skopeo inspect --raw "$image" >"$work/manifest.json" 2>>"$work/error" ||
  ! skopeo inspect --config --raw "$image" >"$work/config.json" 2>>"$work/error"; then
  fail "skopeo inspect reads the image $image" "$(<"$work/error")"
  finish
fi
pass "skopeo inspect reads the image tagged $version in dist/oci"

# py FILE... -- PROGRAM: runs a python3 program with json, hashlib, gzip and the files as sys.argv.
py() { python3 -c "import gzip, hashlib, json, sys, tomllib; $1" "${@:2}" 2>&1; }

check_equal "the tag names the only image: index.json lists one manifest, named $version" \
  "1 $version" "$(py 'i = json.load(open(sys.argv[1]))["manifests"]
print(len(i), i[0]["annotations"]["org.opencontainers.image.ref.name"])' "$layout/index.json")"
check_equal "skopeo's digest is the sha256 of the manifest" \
  "sha256:$(sha256sum <"$work/manifest.json" | cut -d' ' -f1)" \
  "$(py 'print(json.load(open(sys.argv[1]))["Digest"])' "$work/inspect.json")"
check_equal "manifest: OCI media types, one gzip layer" \
  "application/vnd.oci.image.manifest.v1+json application/vnd.oci.image.config.v1+json [application/vnd.oci.image.layer.v1.tar+gzip]" \
  "$(py 'm = json.load(open(sys.argv[1]))
print(m.get("mediaType", "application/vnd.oci.image.manifest.v1+json"), m["config"]["mediaType"],
      "[" + " ".join(l["mediaType"] for l in m["layers"]) + "]")' "$work/manifest.json")"
check_equal "manifest: the config blob's digest is the sha256 of the config skopeo shows" \
  "sha256:$(sha256sum <"$work/config.json" | cut -d' ' -f1)" \
  "$(py 'print(json.load(open(sys.argv[1]))["config"]["digest"])' "$work/manifest.json")"

layer_digest=$(py 'print(json.load(open(sys.argv[1]))["layers"][0]["digest"])' "$work/manifest.json")
layer_blob="$layout/blobs/sha256/${layer_digest#sha256:}"
check_equal "the layer blob's sha256 is its digest" "$layer_digest" \
  "sha256:$(sha256sum <"$layer_blob" | cut -d' ' -f1)"
gzip -dc <"$layer_blob" >"$work/layer.tar"
real_diff_id="sha256:$(sha256sum <"$work/layer.tar" | cut -d' ' -f1)"
check_equal "config: rootfs.diff_ids is the sha256 of the uncompressed layer" "[\"$real_diff_id\"]" \
  "$(py 'print(json.dumps(json.load(open(sys.argv[1]))["rootfs"]["diff_ids"]))' "$work/config.json")"

# The platform and the times, from the config.
check_equal "config: os/architecture is buildpack.toml's one target (linux/amd64)" \
  "$(py 't = tomllib.load(open(sys.argv[1], "rb"))["targets"]; print(len(t), t[0]["os"], t[0]["arch"])' \
    "$repo_root/buildpack.toml")" \
  "$(py 'c = json.load(open(sys.argv[1])); print(1, c["os"], c["architecture"])' "$work/config.json")"
check_equal "config: linux/amd64, as skopeo inspect reports it" "linux amd64" \
  "$(py 'i = json.load(open(sys.argv[1])); print(i["Os"], i["Architecture"])' "$work/inspect.json")"
commit_time=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
check_equal "config: created and every history entry's created are the last commit time" \
  "$commit_time $commit_time" \
  "$(py 'c = json.load(open(sys.argv[1]))
print(c["created"], " ".join(sorted({h["created"] for h in c["history"]})))' "$work/config.json")"

# The two labels, against buildpack.toml and distribution.md ("id", "version", at least one stack,
# each stack ID once; the layers label: id -> version -> layerDiffID, api, stacks, targets).
labels_check=$(py '
config, descriptor, diff_id = json.load(open(sys.argv[1])), tomllib.load(open(sys.argv[2], "rb")), sys.argv[3]
labels = config["config"]["Labels"]
meta = json.loads(labels["io.buildpacks.buildpackage.metadata"])
layers = json.loads(labels["io.buildpacks.buildpack.layers"])
bp = descriptor["buildpack"]
stacks = [s["id"] for s in meta["stacks"]]
entry = layers[bp["id"]][bp["version"]]
problems = [name for name, ok in [
    ("metadata id", meta["id"] == bp["id"]),
    ("metadata version", meta["version"] == bp["version"]),
    ("metadata stacks are buildpack.toml [[stacks]]", meta["stacks"] == descriptor["stacks"]),
    ("at least one stack, each ID once", stacks and len(stacks) == len(set(stacks))),
    ("metadata name, homepage, licenses", all(meta[k] == bp[k] for k in ("name", "homepage", "licenses"))),
    ("layers label has one buildpack, one version", list(layers) == [bp["id"]] and len(layers[bp["id"]]) == 1),
    ("layerDiffID is the real layer diff ID", entry["layerDiffID"] == diff_id),
    ("api", entry["api"] == descriptor["api"]),
    ("stacks", entry["stacks"] == descriptor["stacks"]),
    ("targets", entry["targets"] == descriptor["targets"]),
] if not ok]
print("; ".join(problems) or "ok")' "$work/config.json" "$repo_root/buildpack.toml" "$real_diff_id")
check_equal "labels: io.buildpacks.buildpackage.metadata and io.buildpacks.buildpack.layers" \
  ok "$labels_check"
check_equal "labels: skopeo inspect shows the same two labels" \
  "$(py 'print(json.dumps(json.load(open(sys.argv[1]))["config"]["Labels"], sort_keys=True))' "$work/config.json")" \
  "$(py 'print(json.dumps(json.load(open(sys.argv[1]))["Labels"], sort_keys=True))' "$work/inspect.json")"

# The layer's entries, in archive order (pack reads the first as /cnb/buildpacks/<id>).
check "the layer is a complete tar for GNU tar (end-of-archive blocks present)" \
  bash -c 'tar --absolute-names -tf "$1" >/dev/null' _ "$work/layer.tar"
list_layer() {
  python3 - "$1" <<'PY'
import sys, tarfile
kinds = {tarfile.DIRTYPE: "dir", tarfile.REGTYPE: "file", tarfile.SYMTYPE: "symlink"}
with tarfile.open(sys.argv[1]) as layer:
    for m in layer.getmembers():
        target = f" -> {m.linkname}" if m.issym() else ""
        print(f"{m.name} {kinds.get(m.type, m.type)} {m.mode:04o} {m.uid}:{m.gid} "
              f"'{m.uname}:{m.gname}' {m.mtime}{target}")
PY
}
d="/cnb/buildpacks/${bp_id//\//_}" t="0:0 ':' $epoch"
check_equal "layer entries: $bp_path/ and its parent, sorted, modes, symlinks, owners 0:0, commit time" \
  "$d dir 0755 $t
$bp_path dir 0755 $t
$bp_path/LICENSE file 0644 $t
$bp_path/README.md file 0644 $t
$bp_path/bin dir 0755 $t
$bp_path/bin/build symlink 0777 $t -> group-writable
$bp_path/bin/detect symlink 0777 $t -> group-writable
$bp_path/bin/group-writable file 0755 $t
$bp_path/buildpack.toml file 0644 $t" "$(list_layer "$work/layer.tar" 2>&1)"
mkdir -p "$work/root"
tar -xf "$work/layer.tar" -C "$work/root" 2>/dev/null
for file in bin/group-writable buildpack.toml LICENSE README.md; do
  check "layer $bp_path/$file is dist/buildpack/$file" \
    cmp -s "$work/root$bp_path/$file" "$repo_root/dist/buildpack/$file"
done

# The docker-archive for `docker load`.
archive="$repo_root/dist/group-writable-$version.docker.tar"
mkdir -p "$work/archive"
if ! tar -xf "$archive" -C "$work/archive" 2>"$work/error"; then
  fail "dist/group-writable-$version.docker.tar is a tar archive" "$(<"$work/error")"
  finish
fi
check_equal "docker archive manifest.json: one image, RepoTags group-writable:$version (docker's full name)" \
  "1 [\"docker.io/library/group-writable:$version\"]" \
  "$(py 'm = json.load(open(sys.argv[1])); print(len(m), json.dumps(m[0]["RepoTags"]))' \
    "$work/archive/manifest.json")"
archive_config=$(py 'print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/archive/manifest.json")
check "docker archive Config ($archive_config) is the image's config, byte for byte" \
  cmp -s "$work/archive/$archive_config" "$work/config.json"
archive_layers=$(py 'print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/archive/manifest.json")
check_equal "docker archive Layers: one uncompressed layer named by its diff ID" \
  "${real_diff_id#sha256:}.tar" "$archive_layers"
check "docker archive layer is the image's uncompressed layer, byte for byte" \
  cmp -s "$work/archive/$archive_layers" "$work/layer.tar"
check_equal "skopeo reads the docker archive with the same labels" \
  "$(py 'print(json.dumps(json.load(open(sys.argv[1]))["Labels"], sort_keys=True))' "$work/inspect.json")" \
  "$(skopeo inspect "docker-archive:$archive" 2>&1 |
    py 'print(json.dumps(json.load(sys.stdin)["Labels"], sort_keys=True))')"

# Reproducibility. The image is made from dist/buildpack and SOURCE_DATE_EPOCH only (the .tgz is
# checked in test-archive.sh; rebuilding the Swift binary would cost a second release build). So the
# image step runs again on a copy of dist/buildpack that differs in everything else: file times
# (now), owners (4321:4321 as root), the directory it is read from and written to, and the time of
# day. The same digest shows that nothing but the content and the commit time reaches the image;
# a different SOURCE_DATE_EPOCH must change it, or the check above could not fail.
digest=$(py 'print(json.load(open(sys.argv[1]))["Digest"])' "$work/inspect.json")
cp -r -- "$repo_root/dist/buildpack" "$work/copy"
touch -h -d @$((epoch + 86400)) "$work/copy" "$work/copy"/* "$work/copy"/bin/*
if (($(id -u) == 0)); then chown -hR 4321:4321 "$work/copy"; fi
if "$repo_root/scripts/package-image" "$work/copy" "$work/again" >"$work/log" 2>&1; then
  check_equal "image step again on a copy (other times, owners, dirs): same digest" "$digest" \
    "$(skopeo inspect --format '{{.Digest}}' "oci:$work/again/oci:$version" 2>&1)"
  check "image step again: the same docker archive, byte for byte" \
    cmp -s "$archive" "$work/again/group-writable-$version.docker.tar"
else
  fail "scripts/package-image runs again on a copy of dist/buildpack" "$(<"$work/log")"
fi
if SOURCE_DATE_EPOCH=$((epoch + 1)) "$repo_root/scripts/package-image" "$work/copy" "$work/later" \
  >"$work/log" 2>&1; then
  later=$(skopeo inspect --format '{{.Digest}}' "oci:$work/later/oci:$version" 2>&1)
  check "control: SOURCE_DATE_EPOCH one second later gives another digest ($later)" \
    test "$later" != "$digest"
else
  fail "scripts/package-image runs with SOURCE_DATE_EPOCH set" "$(<"$work/log")"
fi

finish
