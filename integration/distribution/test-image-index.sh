#!/usr/bin/env bash
# Distribution check: the buildpackage's image index made by scripts/package (scripts/package-image);
# each platform's image is checked by test-image.sh.
# dist/oci is an OCI image layout whose index.json has exactly one entry, an image index tagged
# <version>; that blob (read as python3 JSON from the layout and with `skopeo inspect --raw`) is an
# image index naming exactly one image manifest per architecture buildpack.toml's [[targets]] name
# (linux/amd64 and linux/arm64), with platform os/architecture; every media type, size and digest
# matches the blob it names, and the layout holds no other blobs. Reproducibility: scripts/package-image
# run again on a copy of dist/linux-*/ that differs in everything but the content (file times,
# owners, directory) gives the same index digest, the same per-platform manifest digests and the same
# docker archives; SOURCE_DATE_EPOCH one second later must change them (a control).
# Usage: integration/distribution/test-image-index.sh   (runs ./scripts/package first; root for the
#        owners of the copy)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
load_arches
"$repo_root/scripts/install-image-tools" || fail "scripts/install-image-tools installs umoci and skopeo"
version=$(buildpack_version)
layout="$dist_dir/oci"
epoch=$(git -C "$repo_root" log -1 --format=%ct)
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# py PROGRAM FILE...: runs a python3 program with json and the files as sys.argv.
py() { python3 -c "import hashlib, json, os, sys, tomllib
$1" "${@:2}" 2>&1; }

check "dist/oci is an OCI image layout" test -f "$layout/oci-layout" -a -f "$layout/index.json"
check_equal "dist/oci/oci-layout: imageLayoutVersion 1.0.0" "1.0.0" \
  "$(py 'print(json.load(open(sys.argv[1]))["imageLayoutVersion"])' "$layout/oci-layout")"
check_equal "index.json: one entry, an image index, tagged $version" \
  "1 application/vnd.oci.image.index.v1+json $version" \
  "$(py 'i = json.load(open(sys.argv[1]))["manifests"]
print(len(i), i[0]["mediaType"], i[0]["annotations"]["org.opencontainers.image.ref.name"])' \
    "$layout/index.json")"
read -r index_digest index_size < <(py 'm = json.load(open(sys.argv[1]))["manifests"][0]
print(m["digest"], m["size"])' "$layout/index.json")
index_blob="$layout/blobs/sha256/${index_digest#sha256:}"
if [[ ! -f $index_blob ]]; then
  fail "the tag's blob $index_digest exists" "missing: $index_blob"
  finish
fi
check_equal "the tag's blob: its sha256 and size are index.json's" "$index_digest $index_size" \
  "sha256:$(sha256sum <"$index_blob" | cut -d' ' -f1) $(stat -c %s "$index_blob")"
if ! skopeo inspect --raw "oci:$layout:$version" >"$work/index.json" 2>"$work/error"; then
  fail "skopeo inspect --raw reads oci:dist/oci:$version" "$(<"$work/error")"
  finish
fi
check "skopeo inspect --raw oci:dist/oci:$version is the tag's blob, byte for byte" \
  cmp -s "$work/index.json" "$index_blob"
check_equal "skopeo inspect: the image's Digest is the index's" "$index_digest" \
  "$(skopeo inspect --format '{{.Digest}}' --override-arch "${arches[0]}" "oci:$layout:$version" 2>&1)"

# The index: schema, media type, and one image manifest per target platform, each matching its blob.
check_equal "image index: schemaVersion 2, OCI image index media type" \
  "2 application/vnd.oci.image.index.v1+json" \
  "$(py 'i = json.load(open(sys.argv[1])); print(i["schemaVersion"], i.get("mediaType"))' "$index_blob")"
check_equal "image index: exactly the platforms of buildpack.toml's [[targets]] (linux/amd64, linux/arm64)" \
  "linux/amd64 linux/arm64" \
  "$(py 'print(" ".join(sorted(m.get("platform", {}).get("os", "?") + "/" + m.get("platform", {}).get("architecture", "?")
      for m in json.load(open(sys.argv[1]))["manifests"])))' "$index_blob")"
check_equal "buildpack.toml's [[targets]] are the index's platforms" \
  "$(printf 'linux/%s\n' "${arches[@]}" | sort | tr '\n' ' ' | sed 's/ $//')" \
  "$(py 'print(" ".join(sorted(m["platform"]["os"] + "/" + m["platform"]["architecture"]
      for m in json.load(open(sys.argv[1]))["manifests"])))' "$index_blob")"
# Per entry: "<os>/<arch> <problems or ok>"; then every blob the layout holds is one the index reaches.
entries_check=$(py '
index, blobs = json.load(open(sys.argv[1])), sys.argv[2]
reached = {sys.argv[3]}
def blob(descriptor):
    path = os.path.join(blobs, descriptor["digest"].removeprefix("sha256:"))
    if not os.path.isfile(path):
        return None, ["blob " + descriptor["digest"] + " missing"]
    data = open(path, "rb").read()
    reached.add(descriptor["digest"])
    problems = [] if "sha256:" + hashlib.sha256(data).hexdigest() == descriptor["digest"] else ["digest"]
    problems += [] if len(data) == descriptor["size"] else ["size"]
    return data, problems
for entry in index["manifests"]:
    p = entry.get("platform", {})
    data, problems = blob(entry)
    problems += [] if entry["mediaType"] == "application/vnd.oci.image.manifest.v1+json" else ["entry mediaType"]
    if data is not None:
        manifest = json.loads(data)
        # mediaType is optional in a manifest (umoci leaves it out); when present, the same as the entry
        problems += [] if manifest.get("mediaType", entry["mediaType"]) == entry["mediaType"] else ["manifest mediaType"]
        for d in [manifest["config"]] + manifest["layers"]:
            problems += ["config/layer " + x for x in blob(d)[1]]
    print(p.get("os"), p.get("architecture"), "; ".join(problems) or "ok")
stray = sorted(set("sha256:" + n for n in os.listdir(blobs)) - reached)
print("stray blobs:", " ".join(stray) or "none")' "$index_blob" "$layout/blobs/sha256" "$index_digest")
for arch in "${arches[@]}"; do
  line=$(grep "^linux $arch " <<<"$entries_check")
  if [[ -z $line ]]; then
    fail "image index: linux/$arch: an image manifest entry" "the index names no linux/$arch image" \
      "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch)"
  else
    check_equal "image index: linux/$arch: media types, sizes and digests match the manifest, config and layer blobs" \
      "linux $arch ok" "$line"
  fi
done
check_equal "dist/oci holds no blob the index does not reach" "stray blobs: none" \
  "$(tail -n 1 <<<"$entries_check")"

# Reproducibility. The image step reads only dist/linux-*/ and SOURCE_DATE_EPOCH (the .tgz files are
# checked in test-archive.sh; rebuilding the executables would cost release builds). So it runs again
# on a copy of dist/linux-*/ that differs in everything else: file times (a day later), owners
# (4321:4321 as root), the directory it is read from and written to, and the time of day. The same
# digests show that nothing but the content and the commit time reaches the images; a different
# SOURCE_DATE_EPOCH must change them, or the checks could not fail.
# digests DIR: the index digest, then "<arch> <manifest digest>" per platform, sorted.
digests() {
  skopeo inspect --raw "oci:$1/oci:$version" >"$work/raw" 2>&1 || { cat "$work/raw"; return; }
  echo "index sha256:$(sha256sum <"$work/raw" | cut -d' ' -f1)"
  py 'for m in sorted(json.load(open(sys.argv[1]))["manifests"], key=lambda m: m["platform"]["architecture"]):
    print(m["platform"]["architecture"], m["digest"])' "$work/raw"
}
local_digests=$(digests "$dist_dir")
mkdir -p "$work/copy"
cp -r -- "$dist_dir"/linux-*/ "$work/copy/"
find "$work/copy" -exec touch -h -d @$((epoch + 86400)) {} +
if (($(id -u) == 0)); then chown -hR 4321:4321 "$work/copy"; fi
cp -a -- "$work/copy" "$work/later"
if "$repo_root/scripts/package-image" "$work/copy" >"$work/log" 2>&1; then
  check_equal "image step again on a copy (other times, owners, dirs): same index and manifest digests" \
    "$local_digests" "$(digests "$work/copy")"
  for arch in "${arches[@]}"; do
    name="group-writable-$version-linux-$arch.docker.tar"
    if [[ ! -f $dist_dir/$name ]]; then
      fail "image step again: linux/$arch: the same docker archive" "missing: $dist_dir/$name" \
        "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch)"
      continue
    fi
    check "image step again: linux/$arch: the same docker archive, byte for byte" \
      cmp -s "$dist_dir/$name" "$work/copy/$name"
  done
else
  fail "scripts/package-image runs again on a copy of dist/linux-*/" "$(<"$work/log")"
fi
if SOURCE_DATE_EPOCH=$((epoch + 1)) "$repo_root/scripts/package-image" "$work/later" \
  >"$work/log" 2>&1; then
  later=$(digests "$work/later")
  check "control: SOURCE_DATE_EPOCH one second later gives another index digest" \
    test "$(head -n 1 <<<"$later")" != "$(head -n 1 <<<"$local_digests")"
  check_equal "control: ... and another manifest digest for every platform" "" \
    "$(comm -12 <(tail -n +2 <<<"$later" | sort) <(tail -n +2 <<<"$local_digests" | sort))"
else
  fail "scripts/package-image runs with SOURCE_DATE_EPOCH set" "$(<"$work/log")"
fi

finish
