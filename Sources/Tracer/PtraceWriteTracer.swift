import CTracerShims
import Core
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// The real tracer: `ptrace` with a seccomp filter, so that only the calls that write stop the command.
public struct PtraceWriteTracer: WriteTracing {
  /// Creates the tracer.
  public init() {}

  /// Throws `unsupportedArchitecture` unless this executable was built for x86_64, the tracer's only processor.
  public static func checkArchitecture() throws(TraceError) {
    #if !arch(x86_64)
      #if arch(arm64)
        throw .unsupportedArchitecture("linux/arm64")
      #else
        throw .unsupportedArchitecture("another processor")
      #endif
    #endif
  }

  /// Runs the command under the tracer.
  public func trace(_ request: TraceRequest) throws(TraceError) -> TraceResult {
    try Self.checkArchitecture()
    let command = request.arguments.first ?? request.executable
    let filter = SeccompFilter.program()
    // Undumpable while it traces: a tracee of the same user cannot attach to the tracer (to stop it) or write its
    // memory. The forked child is undumpable until its `exec` only.
    let wasDumpable: Bool
    do {
      wasDumpable = try ProcessControl.setDumpable(false)
    } catch {
      throw .cannotStart(command: command, step: .protectTracer, error)
    }
    defer { if wasDumpable { _ = try? ProcessControl.setDumpable(true) } }
    // `--seconds` holds even if the loop below cannot act: a stopped or stuck tracer is killed by the kernel.
    var backstop: ProcessControl.KillTimer?
    if let seconds = request.seconds {
      do {
        backstop = try ProcessControl.armKillTimer(
          seconds: seconds + TraceLimits.terminationGrace + TraceLimits.backstop)
      } catch {
        throw .cannotStart(command: command, step: .armTimeLimit, error)
      }
    }
    defer { backstop?.cancel() }
    var pipeEnds: [Int32] = [-1, -1]
    guard gw_pipe_cloexec(&pipeEnds) == 0 else {
      throw .cannotStart(command: command, step: .fork, Errno(rawValue: errno))
    }
    let arguments = CStringArray(request.arguments)
    let environment = CStringArray(request.environment)
    let previousMask = ProcessControl.blockLoopSignals()
    defer { ProcessControl.restoreSignals(previousMask) }
    let child = fork()
    if child == 0 {
      // The command starts with no signal blocked, as from a shell, whatever the calling thread blocks.
      var mask = sigset_t()
      sigemptyset(&mask)
      filter.withUnsafeBufferPointer { program in
        gw_trace_child_exec(
          request.executable, arguments.pointers, environment.pointers, program.baseAddress,
          UInt16(program.count), pipeEnds[1], &mask)
      }
    }
    close(pipeEnds[1])
    defer { close(pipeEnds[0]) }
    if child < 0 { throw .cannotStart(command: command, step: .fork, Errno(rawValue: errno)) }
    try start(child, command: command, errorPipe: pipeEnds[0])
    var session = TraceSession(root: child, request: request)
    return try session.run()
  }

  /// Waits for the child's first stop, sets the tracer's options, and lets it run to its `exec`; a child that
  /// fails before says which step failed through the error pipe.
  private func start(_ child: pid_t, command: String, errorPipe: Int32) throws(TraceError) {
    var execed = false
    var optionsSet = false
    while !execed {
      let change: ProcessControl.Change?
      do {
        change = try ProcessControl.nextChange(pid: child, blocking: true)
      } catch {
        throw .lostTracees(error)
      }
      guard let change else { continue }
      if change.ending != nil { throw failure(command: command, errorPipe: errorPipe) }
      guard let signal = change.stopSignal else { continue }
      if !optionsSet {
        optionsSet = true
        do {
          try Ptrace.setOptions(child)
        } catch {
          ProcessControl.send(SIGKILL, to: child)
          _ = try? ProcessControl.nextChange(pid: child, blocking: true)
          throw .cannotStart(command: command, step: .setOptions, error)
        }
        try? Ptrace.resume(child)
        continue
      }
      if signal == SIGTRAP && change.event == gw_event_exec {
        execed = true
        try? Ptrace.resume(child)
      } else {
        try? Ptrace.resume(child, signal: Ptrace.isSignalDelivery(child) ? signal : 0)
      }
    }
  }

  /// The step and errno the child wrote before it ended.
  private func failure(command: String, errorPipe: Int32) -> TraceError {
    var message: (Int32, Int32) = (0, 0)
    let count = withUnsafeMutableBytes(of: &message) { read(errorPipe, $0.baseAddress, $0.count) }
    guard count == MemoryLayout<(Int32, Int32)>.size,
      let step = TraceError.Step(rawValue: message.0)
    else {
      return .cannotStart(command: command, step: .exec, Errno(rawValue: ECHILD))
    }
    return .cannotStart(command: command, step: step, Errno(rawValue: message.1))
  }
}

/// A NULL-terminated array of C strings, kept alive for a `fork` and `exec`.
final class CStringArray {
  /// The array, for `execve`.
  let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
  private let count: Int

  init(_ strings: [String]) {
    count = strings.count
    pointers = .allocate(capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { pointers[index] = strdup(string) }
    pointers[strings.count] = nil
  }

  deinit {
    for index in 0..<count { free(pointers[index]) }
    pointers.deallocate()
  }
}
