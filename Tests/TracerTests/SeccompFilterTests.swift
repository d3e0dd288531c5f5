import CTracerShims
import Testing

@testable import Tracer

/// The seccomp program, run by a classic-BPF interpreter written from the kernel's documentation over a fake
/// `struct seccomp_data`: which calls stop at the tracer and which run untraced.
@Suite struct SeccompFilterTests {
  /// `SECCOMP_RET_ALLOW` and `SECCOMP_RET_TRACE` (linux/seccomp.h).
  static let allow: UInt32 = 0x7fff_0000
  static let trace: UInt32 = 0x7ff0_0000
  /// `SECCOMP_RET_ERRNO | ENOSYS`.
  static let noSystemCall: UInt32 = 0x0005_0000 | 38
  /// `SECCOMP_RET_TRACE` with the `SECCOMP_RET_DATA` of each reason to leave the trace.
  static let untracedClone = trace | 1
  static let stopSignal = trace | 2
  static let otherABI = trace | 3
  /// `AUDIT_ARCH_X86_64` and `AUDIT_ARCH_I386` (linux/audit.h).
  static let amd64: UInt32 = 0xc000_003e
  static let i386: UInt32 = 0x4000_0003
  /// The bit x32 system call numbers carry (`__X32_SYSCALL_BIT`).
  static let x32Bit: Int32 = 0x4000_0000

  /// The open flags of `fcntl.h` on x86_64 (`O_TMPFILE` is `__O_TMPFILE | O_DIRECTORY`).
  static let readOnly: UInt64 = 0
  static let writeOnly: UInt64 = 0o1
  static let readWrite: UInt64 = 0o2
  static let create: UInt64 = 0o100
  static let truncate: UInt64 = 0o1000
  static let append: UInt64 = 0o2000
  static let directory: UInt64 = 0o200000
  static let closeOnExec: UInt64 = 0o2000000
  static let temporaryFile: UInt64 = 0o20200000

  /// A `struct seccomp_data`: `nr` (s32) at 0, `arch` (u32) at 4, `instruction_pointer` (u64) at 8, `args` (u64[6])
  /// at 16, little endian.
  struct SeccompData {
    var number: Int32
    var arch: UInt32 = SeccompFilterTests.amd64
    var instructionPointer: UInt64 = 0x7f00_dead_beef
    var arguments: [UInt64] = [0, 0, 0, 0, 0, 0]

    var bytes: [UInt8] {
      func little<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        (0..<(Value.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
      }
      return little(number) + little(arch) + little(instructionPointer) + arguments.flatMap(little)
    }
  }

  /// Why the interpreter stopped without a verdict.
  enum Fault: Error, Equatable {
    case unknownOpcode(index: Int, code: UInt16)
    case loadOutOfBounds(index: Int, offset: UInt32)
    case pastTheEnd(index: Int)
  }

  /// Runs `program` on `data` with only the instructions the filter may use: `BPF_LD|BPF_W|BPF_ABS`,
  /// `BPF_JMP|BPF_JEQ|BPF_K`, `BPF_JMP|BPF_JSET|BPF_K` and `BPF_RET|BPF_K`. Returns the value returned.
  static func run(_ program: [sock_filter], on data: SeccompData) throws(Fault) -> UInt32 {
    let bytes = data.bytes
    var accumulator: UInt32 = 0
    var index = 0
    while index < program.count {
      let instruction = program[index]
      switch instruction.code {
      case 0x20:  // BPF_LD | BPF_W | BPF_ABS
        let offset = Int(instruction.k)
        guard offset % 4 == 0, offset + 4 <= bytes.count else {
          throw .loadOutOfBounds(index: index, offset: instruction.k)
        }
        accumulator = (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) }
        index += 1
      case 0x15:  // BPF_JMP | BPF_JEQ | BPF_K
        index += 1 + Int(accumulator == instruction.k ? instruction.jt : instruction.jf)
      case 0x45:  // BPF_JMP | BPF_JSET | BPF_K
        index += 1 + Int(accumulator & instruction.k != 0 ? instruction.jt : instruction.jf)
      case 0x06:  // BPF_RET | BPF_K
        return instruction.k
      default:
        throw .unknownOpcode(index: index, code: instruction.code)
      }
    }
    throw .pastTheEnd(index: index)
  }

  static func verdict(_ data: SeccompData) throws(Fault) -> UInt32 {
    try run(SeccompFilter.program(), on: data)
  }

  /// The traced call named `name`.
  static func call(_ name: String) throws -> TracedCall {
    try #require(TracedCall.all.first { $0.name == name }, "\(name) is not traced")
  }

  /// Whether the call is an `open` whose flags the filter reads (not `openat2`, whose flags are in memory).
  static func readsFlags(_ call: TracedCall) -> Bool {
    if case .open(_, flags: .some) = call.shape { return true }
    return false
  }

  @Test func theConstantsAreTheKernelsForX86_64() {
    #expect(gw_seccomp_allow == Self.allow)
    #expect(gw_seccomp_trace == Self.trace)
    #expect(gw_audit_arch == Self.amd64)
    #expect(gw_seccomp_data_nr == 0)
    #expect(gw_seccomp_data_arch == 4)
    #expect(gw_seccomp_data_args == 16)
    #expect(gw_seccomp_errno == 0x0005_0000)
    #expect(gw_clone_untraced == 0x0080_0000)
    #expect(
      [
        gw_sys_clone, gw_sys_clone3, gw_sys_kill, gw_sys_tkill, gw_sys_tgkill,
        gw_sys_rt_sigqueueinfo,
        gw_sys_rt_tgsigqueueinfo, gw_sys_pidfd_send_signal,
      ] == [56, 435, 62, 200, 234, 129, 297, 424])
    #expect(SeccompFilter.Stop.allCases.map(\.rawValue) == [0, 1, 2, 3])
  }

  @Test func everyCallThatAlwaysWritesStopsAtTheTracer() throws {
    let calls = TracedCall.all.filter { !Self.readsFlags($0) }
    #expect(calls.count == TracedCall.all.count - 2)
    for call in calls {
      for arguments: [UInt64] in [[0, 0, 0, 0, 0, 0], [UInt64](repeating: .max, count: 6)] {
        let data = SeccompData(number: Int32(call.number), arguments: arguments)
        #expect(
          try Self.verdict(data) == Self.trace, "\(call.name) (\(call.number)) with \(arguments)")
      }
    }
  }

  @Test func everyTracedNumberIsKnownByNumber() {
    for call in TracedCall.all {
      #expect(TracedCall.byNumber[call.number]?.name == call.name)
    }
    #expect(TracedCall.byNumber.count == TracedCall.all.count)
  }

  /// `open(path, flags, mode)` has its flags in argument 1, `openat(dirfd, path, flags, mode)` in argument 2.
  @Test(arguments: [("open", 1), ("openat", 2)])
  func theFlagsArgumentIsTheSystemCallsOwn(name: String, flagsArgument: Int) throws {
    let call = try Self.call(name)
    guard case .open(_, flags: .some(let argument)) = call.shape else {
      Issue.record("\(name) does not read its flags from an argument")
      return
    }
    #expect(argument == flagsArgument)
  }

  @Test(arguments: [
    ("O_RDONLY", readOnly, allow),
    ("O_RDONLY|O_DIRECTORY|O_CLOEXEC", readOnly | directory | closeOnExec, allow),
    ("O_APPEND alone (read-only)", append, allow),
    ("O_WRONLY", writeOnly, trace), ("O_RDWR", readWrite, trace), ("O_CREAT", create, trace),
    ("O_TRUNC", truncate, trace), ("O_APPEND|O_WRONLY", append | writeOnly, trace),
    ("O_TMPFILE|O_RDWR", temporaryFile | readWrite, trace),
    ("O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC", writeOnly | create | truncate | closeOnExec, trace),
    ("a write flag only in the upper half (the kernel's flags are an int)", writeOnly << 32, allow),
  ])
  func opensStopOnlyWhenTheirFlagsWrite(flags: String, value: UInt64, expected: UInt32) throws {
    for (name, flagsArgument) in [("open", 1), ("openat", 2)] {
      let call = try Self.call(name)
      var data = SeccompData(
        number: Int32(call.number), arguments: [0x7ffd_0000_1000, 0x7ffd_0000_2000, 0, 0, 0, 0])
      data.arguments[flagsArgument] = value
      #expect(try Self.verdict(data) == expected, "\(name) with \(flags)")
    }
  }

  /// A write flag in any argument but the flags one (the path's address, the mode, the unused rest) is not read.
  @Test(arguments: [("open", 1), ("openat", 2)])
  func opensReadTheirFlagsFromTheRightArgument(name: String, flagsArgument: Int) throws {
    let call = try Self.call(name)
    for other in 0..<6 where other != flagsArgument {
      for flags in [Self.writeOnly, Self.readWrite, Self.create | Self.writeOnly, Self.truncate] {
        var data = SeccompData(number: Int32(call.number))
        data.arguments[other] = flags
        #expect(
          try Self.verdict(data) == Self.allow, "\(name): flags \(flags) in argument \(other)")
      }
    }
  }

  @Test func openat2AlwaysStops() throws {
    let call = try Self.call("openat2")
    for flags in [Self.readOnly, Self.writeOnly, Self.create] {
      for argument in 0..<6 {
        var data = SeccompData(number: Int32(call.number))
        data.arguments[argument] = flags
        #expect(try Self.verdict(data) == Self.trace, "openat2, \(flags) in argument \(argument)")
      }
    }
  }

  /// x86_64's `read`, `write`, `getpid`, `execve`, `mmap`, `close` and `ptrace`: never traced.
  @Test(arguments: [0, 1, 39, 59, 9, 3, 101])
  func otherCallsRunUntraced(number: Int32) throws {
    #expect(TracedCall.byNumber[Int(number)] == nil)
    let data = SeccompData(
      number: number, arguments: [UInt64](repeating: Self.writeOnly | Self.create, count: 6))
    #expect(try Self.verdict(data) == Self.allow)
  }

  /// Any call of another ABI stops as `otherABI`, traced or not on x86_64 (`read`, `getpid`, `clone`, `kill`).
  @Test func callsOfAnotherArchitectureStopAsOtherABI() throws {
    for number in TracedCall.all.map({ Int32($0.number) }) + [0, 39, 56, 62] {
      for arch in [Self.i386, 0, 0xc000_00b7] {  // i386, nothing, AUDIT_ARCH_AARCH64
        let data = SeccompData(
          number: number, arch: arch, arguments: [UInt64](repeating: Self.writeOnly, count: 6))
        #expect(try Self.verdict(data) == Self.otherABI, "\(number) with arch \(arch)")
      }
    }
  }

  @Test func x32CallsStopAsOtherABI() throws {
    for number in TracedCall.all.map({ Int32($0.number) }) + [0, 39, 56, 62] {
      let data = SeccompData(
        number: number | Self.x32Bit, arguments: [UInt64](repeating: Self.writeOnly, count: 6))
      #expect(try Self.verdict(data) == Self.otherABI, "\(number) | x32")
    }
  }

  /// `CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|
  /// CLONE_CHILD_CLEARTID` (a thread), `CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD` (a fork), `CLONE_VM|
  /// CLONE_VFORK|SIGCHLD` (posix_spawn).
  static let cloneFlags: [UInt64] = [0x003d_0f00, 0x0120_0011, 0x4111]

  @Test func cloneStopsOnlyWithCloneUntracedInItsFlags() throws {
    for flags in Self.cloneFlags {
      let plain = SeccompData(number: 56, arguments: [flags, 0x7ffd_0000, 0, 0, 0, 0])
      #expect(try Self.verdict(plain) == Self.allow, "clone \(flags)")
      let untraced = SeccompData(
        number: 56, arguments: [flags | 0x0080_0000, 0x7ffd_0000, 0, 0, 0, 0])
      #expect(try Self.verdict(untraced) == Self.untracedClone, "clone \(flags) | CLONE_UNTRACED")
      for other in 1..<6 {
        var elsewhere = SeccompData(number: 56, arguments: [flags, 0, 0, 0, 0, 0])
        elsewhere.arguments[other] = 0x0080_0000
        #expect(try Self.verdict(elsewhere) == Self.allow, "CLONE_UNTRACED in argument \(other)")
      }
    }
  }

  @Test func clone3FailsWithENOSYSWhateverItsArguments() throws {
    for arguments: [UInt64] in [
      [0, 0, 0, 0, 0, 0], [0x7ffd_0000, 88, 0, 0, 0, 0], [UInt64](repeating: .max, count: 6),
    ] {
      #expect(try Self.verdict(SeccompData(number: 435, arguments: arguments)) == Self.noSystemCall)
    }
  }

  /// `kill`, `tkill`, `rt_sigqueueinfo` and `pidfd_send_signal` have the signal in argument 1, `tgkill` and
  /// `rt_tgsigqueueinfo` in argument 2: a stop signal there stops, any other signal runs untraced.
  @Test(arguments: [(62, 1), (200, 1), (234, 2), (129, 1), (297, 2), (424, 1)])
  func signalCallsStopOnlyForAStopSignal(number: Int32, signalArgument: Int) throws {
    #expect(
      SeccompFilter.signalCalls.contains {
        $0.number == Int(number) && Int($0.signalArgument) == signalArgument
      })
    for signal: UInt64 in 0...64 {
      var data = SeccompData(number: number, arguments: [1234, 1234, 1234, 0, 0, 0])
      data.arguments[signalArgument] = signal
      let expected = (19...22).contains(signal) ? Self.stopSignal : Self.allow
      #expect(try Self.verdict(data) == expected, "\(number) with signal \(signal)")
    }
    for other in 0..<6 where other != signalArgument {
      var data = SeccompData(number: number)
      data.arguments[other] = 19
      #expect(try Self.verdict(data) == Self.allow, "\(number) with SIGSTOP in argument \(other)")
    }
  }

  @Test func everyJumpLandsInsideTheProgram() {
    let program = SeccompFilter.program()
    #expect(program.count < 256)
    #expect(program.count > TracedCall.all.count)
    for (index, instruction) in program.enumerated() {
      switch instruction.code {
      case 0x15, 0x45:
        #expect(index + 1 + Int(instruction.jt) < program.count, "jt of \(index)")
        #expect(index + 1 + Int(instruction.jf) < program.count, "jf of \(index)")
      case 0x20, 0x06:
        #expect(instruction.jt == 0 && instruction.jf == 0, "\(index)")
      default:
        Issue.record("instruction \(index) has opcode \(instruction.code)")
      }
    }
    // Every path ends in a return: the last instruction is one.
    #expect(program.last?.code == 0x06)
  }

  /// A program for no calls still checks the architecture and allows everything.
  @Test func aProgramForNoCallsAllowsEverything() throws {
    let program = SeccompFilter.program(calls: [])
    for call in TracedCall.all {
      #expect(
        try Self.run(program, on: SeccompData(number: Int32(call.number))) == Self.allow,
        "\(call.name)")
    }
  }
}
