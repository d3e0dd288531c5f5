import CTracerShims

/// The seccomp program the traced command runs under: `SECCOMP_RET_TRACE` for the calls in `TracedCall.all`
/// (an `open` only when its flags ask for a write) and for the calls that could leave the trace, `SECCOMP_RET_ALLOW`
/// for everything else, so the rest of the command runs at full speed.
///
/// Each trace stop carries a `Stop` in `SECCOMP_RET_DATA` (`PTRACE_GETEVENTMSG` reads it): a write, a `clone` with
/// `CLONE_UNTRACED`, a stop signal, or a call of another ABI (i386 `int 0x80`, x32), which the tracer cannot read.
/// `clone3`, whose flags are in memory the filter cannot read, fails with `ENOSYS`, so libc falls back to `clone`.
enum SeccompFilter {
  /// Why a call stopped at the tracer: the `SECCOMP_RET_DATA` of its `SECCOMP_RET_TRACE`.
  enum Stop: UInt16, CaseIterable {
    /// A call that may write (`TracedCall`).
    case write = 0
    /// `clone` with `CLONE_UNTRACED`: a child `ptrace` would not follow.
    case untracedClone = 1
    /// A call sending `SIGSTOP`, `SIGTSTP`, `SIGTTIN` or `SIGTTOU`, which could stop the tracer.
    case stopSignal = 2
    /// A call of another ABI than x86_64's.
    case otherABI = 3
  }

  /// The calls that send a signal, with the argument holding the signal.
  static let signalCalls: [(number: Int, signalArgument: UInt32)] = [
    (gw_sys_kill, 1), (gw_sys_tkill, 1), (gw_sys_tgkill, 2), (gw_sys_rt_sigqueueinfo, 1),
    (gw_sys_rt_tgsigqueueinfo, 2), (gw_sys_pidfd_send_signal, 1),
  ]

  /// The signals whose default action stops a process: `SIGSTOP`, `SIGTSTP`, `SIGTTIN`, `SIGTTOU`.
  static let stopSignals: [UInt32] = [19, 20, 21, 22]

  /// `ENOSYS`, the error `clone3` fails with.
  private static let noSystemCall: UInt32 = 38

  /// Where a jump goes: one of the returns at the end of the program.
  private enum Target {
    case allow, noSystemCall
    case trace(Stop)

    static var allCases: [Target] { [.allow, .noSystemCall] + Stop.allCases.map { .trace($0) } }

    var value: UInt32 {
      switch self {
      case .allow: return gw_seccomp_allow
      case .noSystemCall: return gw_seccomp_errno | SeccompFilter.noSystemCall
      case .trace(let stop): return gw_seccomp_trace | UInt32(stop.rawValue)
      }
    }
  }

  /// The program's instructions.
  static func program(calls: [TracedCall] = TracedCall.all) -> [sock_filter] {
    var code: [sock_filter] = []
    // Jumps to the returns are patched once the program's length is known.
    var jumps: [(index: Int, onTrue: Bool, target: Target)] = []
    code.append(load(gw_seccomp_data_arch))
    jumps.append((code.count, false, .trace(.otherABI)))
    code.append(jump(BPF_JEQ, gw_audit_arch))
    code.append(load(gw_seccomp_data_nr))
    jumps.append((code.count, true, .trace(.otherABI)))
    code.append(jump(BPF_JSET, x32Bit))
    jumps.append((code.count, true, .noSystemCall))
    code.append(jump(BPF_JEQ, UInt32(gw_sys_clone3)))
    for call in calls {
      if case .open(_, flags: .some) = call.shape { continue }
      jumps.append((code.count, true, .trace(.write)))
      code.append(jump(BPF_JEQ, UInt32(call.number)))
    }
    // Each block below tests the call's number, then one argument, and ends in a return; a call it is not for
    // skips it with the number still loaded.
    var clone = jump(BPF_JEQ, UInt32(gw_sys_clone))
    clone.jf = 2
    code.append(clone)
    code.append(load(gw_seccomp_data_args))
    jumps.append((code.count, true, .trace(.untracedClone)))
    jumps.append((code.count, false, .allow))
    code.append(jump(BPF_JSET, gw_clone_untraced))
    for (number, argument) in signalCalls {
      var test = jump(BPF_JEQ, UInt32(number))
      test.jf = UInt8(1 + stopSignals.count)
      code.append(test)
      code.append(load(gw_seccomp_data_args + argument * 8))
      for (position, signal) in stopSignals.enumerated() {
        jumps.append((code.count, true, .trace(.stopSignal)))
        if position == stopSignals.count - 1 { jumps.append((code.count, false, .allow)) }
        code.append(jump(BPF_JEQ, signal))
      }
    }
    // An open is traced only when its flags ask for a write.
    for call in calls {
      guard case .open(_, flags: .some(let argument)) = call.shape else { continue }
      var test = jump(BPF_JEQ, UInt32(call.number))
      test.jf = 2
      code.append(test)
      code.append(load(gw_seccomp_data_args + UInt32(argument * 8)))
      jumps.append((code.count, true, .trace(.write)))
      jumps.append((code.count, false, .allow))
      code.append(jump(BPF_JSET, TracedCall.writeFlags))
    }
    // A call no block is for falls through to the first return, `allow`.
    var returns: [UInt32: Int] = [:]
    for target in Target.allCases {
      returns[target.value] = code.count
      code.append(ret(target.value))
    }
    for (index, onTrue, target) in jumps {
      patch(&code[index], onTrue: onTrue, offset: (returns[target.value] ?? code.count) - index - 1)
    }
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

  private static func ret(_ value: UInt32) -> sock_filter {
    sock_filter(code: UInt16(BPF_RET | BPF_K), jt: 0, jf: 0, k: value)
  }

  /// Sets one branch's offset; programs stay far below the 255 instructions a branch can skip.
  private static func patch(_ instruction: inout sock_filter, onTrue: Bool, offset: Int) {
    if onTrue { instruction.jt = UInt8(offset) } else { instruction.jf = UInt8(offset) }
  }
}
