#!/usr/bin/env bash
# Distribution check 2: each packaged executable is fully static and stripped, within budget, for
# every architecture buildpack.toml's [[targets]] name (each one required): dist/linux-<arch>/bin/.
# `file` and `readelf -l -d`: the architecture's ELF 64-bit machine (x86-64 for amd64, ARM aarch64
# for arm64), statically linked, no program interpreter (PT_INTERP), no dynamic section / NEEDED
# entries, no symbol table; at most 20 MiB. And that Foundation did not come in by accident: a use of
# Foundation proper (rather than FoundationEssentials, which the executable links) links
# FoundationInternationalization, Foundation and ICU (lib_FoundationICU) statically, 40 MiB more. A
# stripped executable keeps, from those, Swift module names in its metadata, ICU's C++ type names
# (N6icu_<version>...) and the names in ICU's data (icudt<version>l-...), so none may appear.
# Usage: integration/distribution/test-static-binary.sh   (runs ./scripts/package first)
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

readonly budget_bytes=$((20 * 1024 * 1024))
ensure_packaged
load_arches

# no_match NAME PATTERN FILE: passes when FILE (read as text) has no match of the extended regex.
no_match() {
  local count
  count=$(grep -a -c -E -- "$2" "$3")
  if ((count == 0)); then
    pass "$1"
  else
    fail "$1" "$count lines of $3 match /$2/, e.g.:" \
      "$(grep -a -o -E -- "$2[[:alnum:]_./-]{0,40}" "$3" | sort -u | head -n 5)"
  fi
}

for arch in "${arches[@]}"; do
  p="linux/$arch:"
  require_arch_dir "$arch" || continue
  binary="$dist_dir/linux-$arch/bin/group-writable"
  case $arch in
    amd64) machine='x86-64' elf_machine='Advanced Micro Devices X86-64' ;;
    arm64) machine='ARM aarch64' elf_machine='AArch64' ;;
    *) machine="unknown architecture $arch" elf_machine=$machine ;;
  esac

  file_output=$(file -b "$binary")
  echo "        $p file: $file_output"
  check "$p file: ELF 64-bit $machine executable" \
    grep -Eq "^ELF 64-bit LSB (executable|pie executable), $machine" <<<"$file_output"
  check "$p file: statically linked" grep -Eq 'statically linked|static-pie linked' <<<"$file_output"
  check "$p file: no interpreter" bash -c '! grep -q "interpreter" <<<"$1"' _ "$file_output"
  check "$p file: stripped" grep -Eq '(^|, )stripped' <<<"$file_output"
  check_equal "$p readelf -h: machine" "$elf_machine" \
    "$(readelf -h "$binary" | sed -n 's/^ *Machine: *//p')"

  program_headers=$(readelf -l -W "$binary")
  check "$p readelf -l: no INTERP program header" \
    bash -c '! grep -Eq "^[[:space:]]*INTERP[[:space:]]" <<<"$1"' _ "$program_headers"
  check "$p readelf -l: no DYNAMIC program header" \
    bash -c '! grep -Eq "^[[:space:]]*DYNAMIC[[:space:]]" <<<"$1"' _ "$program_headers"
  dynamic_section=$(readelf -d -W "$binary")
  check "$p readelf -d: no NEEDED entries" bash -c '! grep -q "(NEEDED)" <<<"$1"' _ "$dynamic_section"
  check "$p readelf -d: no dynamic section at all" \
    grep -q 'There is no dynamic section in this file' <<<"$dynamic_section"
  check "$p readelf -S: no .symtab or .debug_info (stripped)" \
    bash -c '! readelf -S -W "$1" | grep -Eq "\.symtab|\.debug_info"' _ "$binary"

  no_match "$p no ICU data (icudt<version>l names)" 'icudt[0-9]+[lb]?[-_]' "$binary"
  no_match "$p no ICU code (icu_<version> C++ names)" '[0-9]icu_[0-9]+[0-9A-Z]' "$binary"
  no_match "$p no FoundationInternationalization, Foundation or CoreFoundation module" \
    'FoundationInternationalization|_FoundationICU|swift-corelibs-foundation|CoreFoundation' "$binary"

  size=$(stat -c %s "$binary")
  size_mib=$(python3 -c "print(f'{$size / 1048576:.1f}')")
  echo "        $p size: $size bytes ($size_mib MiB) stripped; budget 20 MiB"
  check "$p size $size_mib MiB is within the 20 MiB budget" test "$size" -le "$budget_bytes"
done

finish
