#!/usr/bin/env bash
# Distribution check: scripts/publish pushes dist/oci to a real registry, and it comes back the same.
# Starts Debian's docker-registry bound to 127.0.0.1 only (its own config, storage in a temp dir,
# stopped on exit), publishes with `scripts/publish --dest-tls-verify=false`, then reads the image
# back with `skopeo inspect` and pulls it into a new OCI layout: the digest, the labels and the layer
# equal the local image's. Also: scripts/publish's usage errors.
# Usage: integration/distribution/test-publish.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

ensure_packaged
"$repo_root/scripts/install-test-tools" >/dev/null || fail "scripts/install-test-tools installs docker-registry"
"$repo_root/scripts/install-image-tools" || fail "scripts/install-image-tools installs umoci and skopeo"
version=$(buildpack_version)
local_image="oci:$repo_root/dist/oci:$version"
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
local_digest=$(skopeo inspect --format '{{.Digest}}' "$local_image")
output=$("$publish" --dest-tls-verify=false "$remote" 2>&1)
check_equal "publish --dest-tls-verify=false $remote: exit 0" 0 "$?"
check_equal "publish: prints the pushed reference with the local digest" \
  "publish: $remote@$local_digest" "$(tail -n 1 <<<"$output")"

labels() { python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["Labels"], sort_keys=True))'; }
remote_inspect=$(skopeo inspect --tls-verify=false "docker://$remote" 2>&1)
check_equal "registry: the image's digest is the local one" "$local_digest" \
  "$(python3 -c 'import json, sys; print(json.load(sys.stdin)["Digest"])' <<<"$remote_inspect" 2>&1)"
check_equal "registry: the labels are the local ones" \
  "$(skopeo inspect "$local_image" | labels)" "$(labels <<<"$remote_inspect" 2>&1)"

if skopeo copy --quiet --src-tls-verify=false "docker://$remote" "oci:$work/pulled:$version" \
  >"$work/log" 2>&1; then
  check_equal "pulled back into an OCI layout: same digest" "$local_digest" \
    "$(skopeo inspect --format '{{.Digest}}' "oci:$work/pulled:$version" 2>&1)"
  check_equal "pulled back: same labels" \
    "$(skopeo inspect "$local_image" | labels)" \
    "$(skopeo inspect "oci:$work/pulled:$version" | labels 2>&1)"
  check "pulled back: the same blobs (config, layer), byte for byte" \
    diff -r "$repo_root/dist/oci/blobs" "$work/pulled/blobs"
else
  fail "skopeo pulls $remote back" "$(<"$work/log")"
fi

finish
