#!/usr/bin/env bash
# Distribution check: scripts/publish pushes dist/oci (the image index and every platform's image) to
# a real registry, and it comes back the same.
# Starts Debian's docker-registry bound to 127.0.0.1 only (its own config, storage in a temp dir,
# stopped on exit), publishes with `scripts/publish --dest-tls-verify=false`, then reads the index
# back (`skopeo inspect --raw`: the index digest, byte for byte), and for every architecture
# buildpack.toml's [[targets]] name (each one required) pulls that platform's image alone
# (`skopeo copy --override-os linux --override-arch ARCH`) into a new OCI layout: its manifest
# digest is the local index entry's and the registry's, its labels and blobs are the local image's.
# Then the whole index (`--all`): the same digest and the same blobs. Also: scripts/publish's usage
# errors.
# Usage: integration/distribution/test-publish.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
load_arches
"$repo_root/scripts/install-test-tools" >/dev/null || fail "scripts/install-test-tools installs docker-registry"
"$repo_root/scripts/install-image-tools" || fail "scripts/install-image-tools installs umoci and skopeo"
version=$(buildpack_version)
local_image="oci:$dist_dir/oci:$version"
publish="$repo_root/scripts/publish"
work=$(mktemp -d)
registry_pid=
stop_registry() {
  if [[ -n $registry_pid ]]; then
    kill "$registry_pid" 2>/dev/null
    wait "$registry_pid" 2>/dev/null
  fi
  rm -rf -- "$work"
}
trap stop_registry EXIT

# --- usage errors (no registry needed) -----------------------------------------------------------
stderr=$("$publish" 2>&1 >/dev/null)
check_equal "publish without a destination: exit 2" 2 "$?"
check "publish without a destination: says what is missing and the usage" \
  grep -q 'missing the destination REGISTRY/NAME:TAG' <<<"$stderr"
stderr=$("$publish" group-writable 2>&1 >/dev/null)
check_equal "publish group-writable (no registry, no tag): exit 2" 2 "$?"
check "publish group-writable: names the expected form" \
  grep -qF "the destination must be REGISTRY/NAME:TAG (e.g. ghcr.io/me/group-writable:0.2.0), got 'group-writable'" \
  <<<"$stderr"

# --- a registry on 127.0.0.1 -----------------------------------------------------------------------
port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/storage"
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
if ! python3 - "$port" <<'PY'; then
import sys, time, urllib.request
for _ in range(100):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/v2/", timeout=1) as response:
            sys.exit(response.status != 200)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
  fail "docker-registry answers on 127.0.0.1:$port within 10 s" "$(cat "$work/registry.log")"
  finish
fi
pass "docker-registry answers /v2/ on 127.0.0.1:$port"

remote="127.0.0.1:$port/group-writable:$version"
# py PROGRAM FILE...: runs a python3 program with json and the files as sys.argv.
py() { python3 -c "import json, sys
$1" "${@:2}" 2>&1; }
sha256_of() { echo "sha256:$(sha256sum <"$1" | cut -d' ' -f1)"; }
# entry_digest INDEX ARCH: the digest of the index's linux/ARCH image (empty when none).
entry_digest() {
  py 'print(" ".join(m["digest"] for m in json.load(open(sys.argv[1]))["manifests"]
    if m.get("platform", {}).get("os") == "linux" and m["platform"].get("architecture") == sys.argv[2]))' \
    "$1" "$2"
}
labels() { py 'print(json.dumps(json.load(sys.stdin)["Labels"], sort_keys=True))'; }

if ! skopeo inspect --raw "$local_image" >"$work/local-index.json" 2>"$work/log"; then
  fail "skopeo reads the local image index $local_image" "$(<"$work/log")"
  finish
fi
local_digest=$(sha256_of "$work/local-index.json")
output=$("$publish" --dest-tls-verify=false --layout "$dist_dir/oci" "$remote" 2>&1)
check_equal "publish --dest-tls-verify=false $remote: exit 0" 0 "$?"
check_equal "publish: prints the pushed reference with the local index digest" \
  "publish: $remote@$local_digest" "$(tail -n 1 <<<"$output")"

if ! skopeo inspect --raw --tls-verify=false "docker://$remote" >"$work/remote-index.json" \
  2>"$work/log"; then
  fail "skopeo reads $remote back from the registry" "$(<"$work/log")"
  finish
fi
check_equal "registry: the tag's manifest digest is the local image index's" "$local_digest" \
  "$(sha256_of "$work/remote-index.json")"
check "registry: the tag's manifest is the local image index, byte for byte" \
  cmp -s "$work/remote-index.json" "$work/local-index.json"
check_equal "registry: skopeo inspect reports the index digest" "$local_digest" \
  "$(skopeo inspect --tls-verify=false --format '{{.Digest}}' --override-arch "${arches[0]}" \
    "docker://$remote" 2>&1)"

# Each platform on its own, as a builder of that platform pulls it.
for arch in "${arches[@]}"; do
  p="linux/$arch:"
  digest=$(entry_digest "$work/local-index.json" "$arch")
  if [[ -z $digest ]]; then
    fail "$p the local image index names a linux/$arch image" \
      "(buildpack.toml targets linux/$arch; run scripts/package --arch $arch); its checks are skipped"
    continue
  fi
  check_equal "$p registry: the index names the local manifest digest $digest" "$digest" \
    "$(entry_digest "$work/remote-index.json" "$arch")"
  platform=(--override-os linux --override-arch "$arch")
  check_equal "$p registry: the labels are the local ones" \
    "$(skopeo inspect "${platform[@]}" "$local_image" | labels)" \
    "$(skopeo inspect --tls-verify=false "${platform[@]}" "docker://$remote" 2>&1 | labels)"
  pulled="$work/pulled-$arch"
  if ! skopeo copy --quiet --src-tls-verify=false "${platform[@]}" "docker://$remote" \
    "oci:$pulled:$version" >"$work/log" 2>&1; then
    fail "$p skopeo pulls the linux/$arch image of $remote" "$(<"$work/log")"
    continue
  fi
  skopeo inspect --raw "oci:$pulled:$version" >"$work/pulled.json" 2>&1
  check_equal "$p pulled back (--override-arch $arch): the manifest digest is the index entry's" \
    "$digest" "$(sha256_of "$work/pulled.json")"
  check_equal "$p pulled back: linux/$arch in its config, same labels" \
    "linux/$arch $(skopeo inspect "${platform[@]}" "$local_image" | labels)" \
    "$(skopeo inspect "oci:$pulled:$version" 2>&1 |
      py 'i = json.load(sys.stdin); print(i["Os"] + "/" + i["Architecture"], json.dumps(i["Labels"], sort_keys=True))')"
  check "$p pulled back: the blobs (manifest, config, layer) are the local ones, byte for byte" \
    bash -c 'for blob in "$1"/*; do cmp -s "$blob" "$2/${blob##*/}" || exit 1; done
      test "$(ls "$1" | wc -l)" = 3' _ "$pulled/blobs/sha256" "$dist_dir/oci/blobs/sha256"
done

# The whole index, as `skopeo copy --all` or a mirror takes it.
if skopeo copy --quiet --all --src-tls-verify=false "docker://$remote" "oci:$work/pulled:$version" \
  >"$work/log" 2>&1; then
  check_equal "pulled back whole (--all) into an OCI layout: same index digest" "$local_digest" \
    "$(skopeo inspect --raw "oci:$work/pulled:$version" 2>&1 | sha256sum | sed 's/^/sha256:/; s/ .*//')"
  check "pulled back whole: the same blobs (index, manifests, configs, layers), byte for byte" \
    diff -r "$dist_dir/oci/blobs" "$work/pulled/blobs"
else
  fail "skopeo pulls $remote back with --all" "$(<"$work/log")"
fi

finish
