#!/usr/bin/env bash
# Distribution check 2: the packaged executable is fully static and stripped, within budget.
# `file` and `readelf -l -d`: no program interpreter (PT_INTERP), no dynamic section / NEEDED entries,
# no symbol table; an x86-64 executable (buildpack.toml targets linux/amd64); at most 20 MiB.
# Usage: integration/distribution/test-static-binary.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

readonly budget_bytes=$((20 * 1024 * 1024))
ensure_packaged
binary="$repo_root/dist/buildpack/bin/group-writable"
check "dist/buildpack/bin/group-writable is an executable file" test -f "$binary" -a -x "$binary"

file_output=$(file -b "$binary")
echo "        file: $file_output"
check "file: ELF 64-bit x86-64 executable" \
  grep -Eq '^ELF 64-bit LSB (executable|pie executable), x86-64' <<<"$file_output"
check "file: statically linked" grep -Eq 'statically linked|static-pie linked' <<<"$file_output"
check "file: no interpreter" bash -c '! grep -q "interpreter" <<<"$1"' _ "$file_output"
check "file: stripped" grep -Eq '(^|, )stripped' <<<"$file_output"

program_headers=$(readelf -l -W "$binary")
check "readelf -l: no INTERP program header" \
  bash -c '! grep -Eq "^[[:space:]]*INTERP[[:space:]]" <<<"$1"' _ "$program_headers"
check "readelf -l: no DYNAMIC program header" \
  bash -c '! grep -Eq "^[[:space:]]*DYNAMIC[[:space:]]" <<<"$1"' _ "$program_headers"
dynamic_section=$(readelf -d -W "$binary")
check "readelf -d: no NEEDED entries" bash -c '! grep -q "(NEEDED)" <<<"$1"' _ "$dynamic_section"
check "readelf -d: no dynamic section at all" \
  grep -q 'There is no dynamic section in this file' <<<"$dynamic_section"
check "readelf -S: no .symtab or .debug_info (stripped)" \
  bash -c '! readelf -S -W "$1" | grep -Eq "\.symtab|\.debug_info"' _ "$binary"

size=$(stat -c %s "$binary")
size_mib=$(python3 -c "print(f'{$size / 1048576:.1f}')")
echo "        size: $size bytes ($size_mib MiB) stripped; budget 20 MiB"
check "size $size_mib MiB is within the 20 MiB budget" test "$size" -le "$budget_bytes"

finish
