import CTracerShims

/// The seccomp program the traced command runs under: `SECCOMP_RET_TRACE` for the calls in `TracedCall.all`
/// (an `open` only when its flags ask for a write), `SECCOMP_RET_ALLOW` for everything else, so the rest of the
/// command runs at full speed.
///
/// Calls of another ABI (x32, or i386 through `int 0x80`) are allowed untraced; SECURITY.md says so.
enum SeccompFilter {
  /// The program's instructions.
  static func program(calls: [TracedCall] = TracedCall.all) -> [sock_filter] {
    var code: [sock_filter] = []
    // Jumps to `allow` and `trace` are patched once the program's length is known.
    var toAllow: [(index: Int, onTrue: Bool)] = []
    var toTrace: [(index: Int, onTrue: Bool)] = []
    code.append(load(gw_seccomp_data_arch))
    toAllow.append((code.count, false))
    code.append(jump(BPF_JEQ, gw_audit_arch))
    code.append(load(gw_seccomp_data_nr))
    toAllow.append((code.count, true))
    code.append(jump(BPF_JSET, x32Bit))
    for call in calls {
      if case .open(_, flags: .some) = call.shape { continue }
      toTrace.append((code.count, true))
      code.append(jump(BPF_JEQ, UInt32(call.number)))
    }
    // An open is traced only when its flags ask for a write; each block ends in `allow` or `trace`.
    for call in calls {
      guard case .open(_, flags: .some(let argument)) = call.shape else { continue }
      var test = jump(BPF_JEQ, UInt32(call.number))
      test.jf = 2
      code.append(test)
      code.append(load(gw_seccomp_data_args + UInt32(argument * 8)))
      toTrace.append((code.count, true))
      toAllow.append((code.count, false))
      code.append(jump(BPF_JSET, TracedCall.writeFlags))
    }
    let allow = code.count
    code.append(sock_filter(code: UInt16(BPF_RET | BPF_K), jt: 0, jf: 0, k: gw_seccomp_allow))
    let trace = code.count
    code.append(sock_filter(code: UInt16(BPF_RET | BPF_K), jt: 0, jf: 0, k: gw_seccomp_trace))
    for (index, onTrue) in toAllow { patch(&code[index], onTrue: onTrue, offset: allow - index - 1) }
    for (index, onTrue) in toTrace { patch(&code[index], onTrue: onTrue, offset: trace - index - 1) }
    return code
  }

  /// The bit x32 calls carry in their number on x86_64.
  private static let x32Bit: UInt32 = 0x4000_0000

  private static func load(_ offset: UInt32) -> sock_filter {
    sock_filter(code: UInt16(BPF_LD | BPF_W | BPF_ABS), jt: 0, jf: 0, k: offset)
  }

  private static func jump(_ test: Int32, _ value: UInt32) -> sock_filter {
    sock_filter(code: UInt16(Int32(BPF_JMP) | test | Int32(BPF_K)), jt: 0, jf: 0, k: value)
  }

  /// Sets one branch's offset; programs stay far below the 255 instructions a branch can skip.
  private static func patch(_ instruction: inout sock_filter, onTrue: Bool, offset: Int) {
    if onTrue { instruction.jt = UInt8(offset) } else { instruction.jf = UInt8(offset) }
  }
}
