#!/usr/bin/env bash
# Distribution check: each platform's image in the buildpackage made by scripts/package
# (scripts/package-image), for every architecture buildpack.toml's [[targets]] name (each one
# required). The image index itself and the reproducibility of the image step: test-image-index.sh.
# Per architecture, dist/oci is read with `skopeo inspect --override-os linux --override-arch ARCH`
# (config, labels) and the index's manifest blob: the platform in the index entry and the config,
# both labels (parsed as JSON and compared with buildpack.toml and the CNB distribution spec; the
# layers label's `targets` is the full [[targets]] list), the layers label's diff ID against the real
# layer's (sha256 of the uncompressed layer tar), the layer's entries (paths, types, modes, owners,
# times = commit time) and contents against dist/linux-<arch>/. Then that architecture's
# `docker load` archive dist/group-writable-<version>-linux-<arch>.docker.tar.
# Usage: integration/distribution/test-image.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
load_arches
"$repo_root/scripts/install-image-tools" || fail "scripts/install-image-tools installs umoci and skopeo"
version=$(buildpack_version)
bp_id=$(toml_get "$repo_root/buildpack.toml" buildpack.id)
layout="$dist_dir/oci"
image="oci:$layout:$version"
bp_path="/cnb/buildpacks/${bp_id//\//_}/$version"
epoch=$(git -C "$repo_root" log -1 --format=%ct)
commit_time=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# py PROGRAM FILE...: runs a python3 program with json, hashlib, gzip and the files as sys.argv.
py() { python3 -c "import gzip, hashlib, json, sys, tomllib
$1" "${@:2}" 2>&1; }
sha256_of() { echo "sha256:$(sha256sum <"$1" | cut -d' ' -f1)"; }

if ! skopeo inspect --raw "$image" >"$work/index.json" 2>"$work/error"; then
  fail "skopeo inspect --raw reads the image index $image" "$(<"$work/error")"
  finish
fi
pass "skopeo inspect --raw reads the image index tagged $version in dist/oci"
index_digest=$(sha256_of "$work/index.json")

# One line per architecture: the index entry's media type, digest and size (empty when none).
entry_of() {
  py 'arch = sys.argv[2]
for m in json.load(open(sys.argv[1]))["manifests"]:
    p = m.get("platform", {})
    if (p.get("os"), p.get("architecture")) == ("linux", arch):
        print(m["mediaType"], m["digest"], m["size"])' "$work/index.json" "$1"
}

# check_platform ARCH: every check of one platform's image, in $work/ARCH.
check_platform() {
  local arch=$1 p="linux/$1:" w="$work/$1" entry media digest size
  mkdir -p "$w"
  entry=$(entry_of "$arch")
  if [[ -z $entry ]]; then
    fail "$p the image index names a linux/$arch image" \
      "index $index_digest: $(py 'print([m.get("platform") for m in json.load(open(sys.argv[1]))["manifests"]])' "$work/index.json")" \
      "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch); its checks are skipped"
    return
  fi
  read -r media digest size <<<"$entry"
  pass "$p the image index names a linux/$arch image ($digest)"
  local manifest="$layout/blobs/sha256/${digest#sha256:}"
  if ! skopeo inspect --override-os linux --override-arch "$arch" "$image" >"$w/inspect.json" \
    2>"$w/error" || ! skopeo inspect --config --raw --override-os linux --override-arch "$arch" \
    "$image" >"$w/config.json" 2>>"$w/error" || [[ ! -f $manifest ]]; then
    fail "$p skopeo inspect reads the linux/$arch image, its manifest blob exists" "$(<"$w/error")"
    return
  fi
  pass "$p skopeo inspect --override-arch $arch reads the image"

  check_equal "$p skopeo's Digest is the image index's (the tag names the index)" "$index_digest" \
    "$(py 'print(json.load(open(sys.argv[1]))["Digest"])' "$w/inspect.json")"
  check_equal "$p the manifest blob's sha256 and size are the index entry's" "$digest $size" \
    "$(sha256_of "$manifest") $(stat -c %s "$manifest")"
  check_equal "$p manifest: OCI media types, one gzip layer" \
    "application/vnd.oci.image.manifest.v1+json application/vnd.oci.image.manifest.v1+json application/vnd.oci.image.config.v1+json [application/vnd.oci.image.layer.v1.tar+gzip]" \
    "$media $(py 'm = json.load(open(sys.argv[1]))
print(m.get("mediaType", "application/vnd.oci.image.manifest.v1+json"), m["config"]["mediaType"],
      "[" + " ".join(l["mediaType"] for l in m["layers"]) + "]")' "$manifest")"
  check_equal "$p manifest: the config blob's digest is the sha256 of the config skopeo shows" \
    "$(sha256_of "$w/config.json")" \
    "$(py 'print(json.load(open(sys.argv[1]))["config"]["digest"])' "$manifest")"

  local layer_digest layer_blob real_diff_id
  layer_digest=$(py 'print(json.load(open(sys.argv[1]))["layers"][0]["digest"])' "$manifest")
  layer_blob="$layout/blobs/sha256/${layer_digest#sha256:}"
  check_equal "$p the layer blob's sha256 is its digest" "$layer_digest" "$(sha256_of "$layer_blob")"
  gzip -dc <"$layer_blob" >"$w/layer.tar"
  real_diff_id=$(sha256_of "$w/layer.tar")
  check_equal "$p config: rootfs.diff_ids is the sha256 of the uncompressed layer" \
    "[\"$real_diff_id\"]" \
    "$(py 'print(json.dumps(json.load(open(sys.argv[1]))["rootfs"]["diff_ids"]))' "$w/config.json")"

  # The platform and the times, from the config.
  check_equal "$p config: os/architecture is linux/$arch, one of buildpack.toml's [[targets]]" \
    "linux $arch True" "$(py 'c = json.load(open(sys.argv[1]))
t = tomllib.load(open(sys.argv[2], "rb"))["targets"]
print(c["os"], c["architecture"], {"os": c["os"], "arch": c["architecture"]} in t)' \
      "$w/config.json" "$repo_root/buildpack.toml")"
  check_equal "$p config: linux/$arch, as skopeo inspect reports it" "linux $arch" \
    "$(py 'i = json.load(open(sys.argv[1])); print(i["Os"], i["Architecture"])' "$w/inspect.json")"
  check_equal "$p config: created and every history entry's created are the last commit time" \
    "$commit_time $commit_time" "$(py 'c = json.load(open(sys.argv[1]))
print(c["created"], " ".join(sorted({h["created"] for h in c["history"]})))' "$w/config.json")"

  # The two labels, against buildpack.toml and distribution.md ("id", "version", at least one
  # stack, each stack ID once; the layers label: id -> version -> layerDiffID, api, stacks, targets).
  check_equal "$p labels: io.buildpacks.buildpackage.metadata and io.buildpacks.buildpack.layers" \
    ok "$(py '
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
    ("targets is the full [[targets]] list", entry["targets"] == descriptor["targets"]),
] if not ok]
print("; ".join(problems) or "ok")' "$w/config.json" "$repo_root/buildpack.toml" "$real_diff_id")"
  local labels
  labels=$(py 'print(json.dumps(json.load(open(sys.argv[1]))["config"]["Labels"], sort_keys=True))' \
    "$w/config.json")
  check_equal "$p labels: skopeo inspect shows the same two labels" "$labels" \
    "$(py 'print(json.dumps(json.load(open(sys.argv[1]))["Labels"], sort_keys=True))' "$w/inspect.json")"

  # The layer's entries, in archive order (pack reads the first as /cnb/buildpacks/<id>).
  check "$p the layer is a complete tar for GNU tar (end-of-archive blocks present)" \
    bash -c 'tar --absolute-names -tf "$1" >/dev/null' _ "$w/layer.tar"
  local d="/cnb/buildpacks/${bp_id//\//_}" t="0:0 ':' $epoch"
  check_equal "$p layer entries: $bp_path/ and its parent, sorted, modes, symlinks, owners 0:0, commit time" \
    "$d dir 0755 $t
$bp_path dir 0755 $t
$bp_path/LICENSE file 0644 $t
$bp_path/README.md file 0644 $t
$bp_path/bin dir 0755 $t
$bp_path/bin/build symlink 0777 $t -> group-writable
$bp_path/bin/detect symlink 0777 $t -> group-writable
$bp_path/bin/group-writable file 0755 $t
$bp_path/buildpack.toml file 0644 $t" "$(python3 - "$w/layer.tar" 2>&1 <<'PY'
import sys, tarfile
kinds = {tarfile.DIRTYPE: "dir", tarfile.REGTYPE: "file", tarfile.SYMTYPE: "symlink"}
with tarfile.open(sys.argv[1]) as layer:
    for m in layer.getmembers():
        target = f" -> {m.linkname}" if m.issym() else ""
        print(f"{m.name} {kinds.get(m.type, m.type)} {m.mode:04o} {m.uid}:{m.gid} "
              f"'{m.uname}:{m.gname}' {m.mtime}{target}")
PY
)"
  mkdir -p "$w/root"
  tar -xf "$w/layer.tar" -C "$w/root" 2>/dev/null
  local file
  for file in bin/group-writable buildpack.toml LICENSE README.md; do
    check "$p layer $bp_path/$file is dist/linux-$arch/$file" \
      cmp -s "$w/root$bp_path/$file" "$dist_dir/linux-$arch/$file"
  done

  # The docker-archive for `docker load`.
  local name="group-writable-$version-linux-$arch.docker.tar"
  mkdir -p "$w/archive"
  if ! tar -xf "$dist_dir/$name" -C "$w/archive" 2>"$w/error"; then
    fail "$p dist/$name is a tar archive" "$(<"$w/error")"
    return
  fi
  check_equal "$p docker archive manifest.json: one image, RepoTags group-writable:$version-linux-$arch (docker's full name)" \
    "1 [\"docker.io/library/group-writable:$version-linux-$arch\"]" \
    "$(py 'm = json.load(open(sys.argv[1])); print(len(m), json.dumps(m[0]["RepoTags"]))' \
      "$w/archive/manifest.json")"
  local archive_config archive_layers
  archive_config=$(py 'print(json.load(open(sys.argv[1]))[0]["Config"])' "$w/archive/manifest.json")
  check "$p docker archive Config ($archive_config) is the image's config, byte for byte" \
    cmp -s "$w/archive/$archive_config" "$w/config.json"
  archive_layers=$(py 'print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' \
    "$w/archive/manifest.json")
  check_equal "$p docker archive Layers: one uncompressed layer named by its diff ID" \
    "${real_diff_id#sha256:}.tar" "$archive_layers"
  check "$p docker archive layer is the image's uncompressed layer, byte for byte" \
    cmp -s "$w/archive/$archive_layers" "$w/layer.tar"
  check_equal "$p skopeo reads the docker archive with the same labels and platform" \
    "$labels linux/$arch" "$(skopeo inspect "docker-archive:$dist_dir/$name" 2>&1 |
      py 'i = json.load(sys.stdin); print(json.dumps(i["Labels"], sort_keys=True), i["Os"] + "/" + i["Architecture"])')"
}

for arch in "${arches[@]}"; do
  check_platform "$arch"
done

finish
