import CTracerShims
import Core
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// The tracer's loop over every traced process and thread, from the command's `exec` to the last one's end.
///
/// A tracee stops only at a filtered call (`PTRACE_EVENT_SECCOMP`): its entries are read then, before the call
/// runs, and the tracee is resumed to the call's exit (`PTRACE_SYSCALL`) for the result; everything else runs with
/// `PTRACE_CONT`. New processes and threads are traced from birth (`PTRACE_O_TRACEFORK`/`VFORK`/`CLONE`).
///
/// A stop for a call that would leave the trace (`SeccompFilter.Stop`) ends it at once: every tracee is killed while
/// that call waits, so it never runs. The limits are checked after every change, so that no flood of stops can
/// postpone them.
struct TraceSession {
  private let root: pid_t
  private let clock = MonotonicClock()
  private let started: Double
  private let deadline: Double?
  private var recorder: WriteRecorder
  private var tracees: Set<pid_t>
  /// New tracees announced by a fork event whose first stop (a `SIGSTOP`) has not come yet.
  private var unborn: Set<pid_t> = []
  /// Tracees whose first stop came before the fork event announcing them.
  private var early: Set<pid_t> = []
  private var pending: [pid_t: [PendingWrite]] = [:]
  private var traced = 1
  private var unreadable = 0
  private var ending: TraceEnding?
  private var stop = TraceStop.finished
  private var killAt: Double?
  /// Whether every tracee has been sent `SIGKILL`: new ones are sent it as they are seen.
  private var killing = false
  private var escape: TraceEscape?

  init(root: pid_t, request: TraceRequest) {
    self.root = root
    let now = clock.now()
    started = now
    deadline = request.seconds.map { now + $0 }
    recorder = WriteRecorder(appDirectory: request.appDirectory)
    tracees = [root]
  }

  /// Runs until no tracee is left.
  mutating func run() throws(TraceError) -> TraceResult {
    while !tracees.isEmpty {
      do {
        while !limitDue, let change = try ProcessControl.nextChange() { handle(change) }
      } catch {
        if error == ProcessControl.noneLeft { break }
        throw .lostTracees(error)
      }
      if tracees.isEmpty { break }
      let now = clock.now()
      if let deadline, now >= deadline, killAt == nil { end(.timeLimit) }
      if let killAt, now >= killAt { killAll() }
      let wake = [deadline, killAt].compactMap { $0 }.min().map { max(0.01, $0 - now) } ?? 1
      if let signal = ProcessControl.waitForSignal(seconds: min(wake, 1)), signal != SIGCHLD,
        killAt == nil
      {
        end(.interrupted)
      }
    }
    return TraceResult(
      records: recorder.records, unrecorded: recorder.unrecorded, unreadable: unreadable,
      processes: traced,
      ending: ending, stop: stop, seconds: clock.now() - started, escape: escape)
  }

  /// Whether the time limit or the kill after the grace is due and not yet acted on.
  private var limitDue: Bool {
    let now = clock.now()
    if killAt == nil { return deadline.map { now >= $0 } ?? false }
    return !killing && killAt.map { now >= $0 } == true
  }

  /// Asks every tracee to end (`SIGTERM`), and to be killed `TraceLimits.terminationGrace` seconds later.
  private mutating func end(_ reason: TraceStop) {
    stop = reason
    killAt = clock.now() + TraceLimits.terminationGrace
    for pid in tracees { ProcessControl.send(SIGTERM, to: pid) }
  }

  /// Ends the trace at once for `reason`: every tracee is killed, the stopped caller before its call runs.
  private mutating func end(escaping reason: TraceEscape) {
    if escape == nil { escape = reason }
    stop = .escaped
    killAt = clock.now()
    killAll()
  }

  /// Sends `SIGKILL` to every tracee, and from now on to each new one.
  private mutating func killAll() {
    killing = true
    for pid in tracees { ProcessControl.send(SIGKILL, to: pid) }
  }

  private mutating func handle(_ change: ProcessControl.Change) {
    let pid = change.pid
    if let ended = change.ending {
      tracees.remove(pid)
      pending[pid] = nil
      if pid == root { ending = ended }
      return
    }
    guard let signal = change.stopSignal else { return }
    if !tracees.contains(pid) {
      // A new tracee's first stop, before its parent's fork event.
      tracees.insert(pid)
      early.insert(pid)
      traced += 1
      if killing { ProcessControl.send(SIGKILL, to: pid) }
      resume(pid)
      return
    }
    if signal == SIGTRAP | 0x80 {
      finish(pid)
      return
    }
    if signal == SIGTRAP {
      switch change.event {
      case gw_event_seccomp: inspect(pid)
      case gw_event_fork, gw_event_vfork, gw_event_clone:
        if let child = try? Ptrace.eventMessage(pid) { adopt(pid_t(truncatingIfNeeded: child)) }
        resume(pid)
      case gw_event_exec:
        if let former = try? Ptrace.eventMessage(pid), pid_t(truncatingIfNeeded: former) != pid {
          tracees.remove(pid_t(truncatingIfNeeded: former))
        }
        resume(pid)
      default: resume(pid, signal: change.event == 0 ? SIGTRAP : 0)
      }
      return
    }
    if signal == SIGSTOP, unborn.remove(pid) != nil {
      resume(pid)
      return
    }
    // A signal for the tracee: deliver it. A group stop (no signal information) is resumed as it is.
    resume(pid, signal: Ptrace.isSignalDelivery(pid) ? signal : 0)
  }

  /// Takes in a tracee a fork event announced.
  private mutating func adopt(_ child: pid_t) {
    if early.remove(child) != nil { return }
    if tracees.insert(child).inserted {
      unborn.insert(child)
      traced += 1
      if killing { ProcessControl.send(SIGKILL, to: child) }
    }
  }

  /// A seccomp stop: ends the trace at a call that would leave it; reads what a write will write and resumes it to
  /// its exit, or on if it writes nothing.
  private mutating func inspect(_ pid: pid_t) {
    let reason = (try? Ptrace.eventMessage(pid)).flatMap {
      SeccompFilter.Stop(rawValue: UInt16(truncatingIfNeeded: $0))
    }
    switch reason {
    case .untracedClone: return end(escaping: .untracedChild)
    case .otherABI: return end(escaping: .otherABI)
    case .stopSignal:
      guard let registers = try? Ptrace.registers(pid) else { return end(escaping: .stopSignal) }
      let known = tracees
      let context = StopSignalTarget.Context(
        tracerGroup: getpgrp(), callerGroup: ProcessControl.group(of: pid),
        isTracee: { known.contains($0) })
      if StopSignalTarget.leavesTheTrace(
        call: registers.number, arguments: registers.arguments, context: context)
      {
        return end(escaping: .stopSignal)
      }
      return resume(pid)
    case .write, nil: break
    }
    guard let registers = try? Ptrace.registers(pid),
      let call = TracedCall.byNumber[registers.number]
    else {
      resume(pid)
      return
    }
    guard let writes = CallDecoder(pid: pid).writes(of: call, arguments: registers.arguments) else {
      unreadable += 1
      resume(pid)
      return
    }
    if writes.isEmpty {
      resume(pid)
      return
    }
    pending[pid] = writes
    resume(pid, toExit: true)
  }

  /// A call's exit: records its writes with its result. A call the kernel restarts (`ERESTART*`) is seen again.
  private mutating func finish(_ pid: pid_t) {
    if let writes = pending.removeValue(forKey: pid), let registers = try? Ptrace.registers(pid),
      !(-516 ... -512).contains(registers.result)
    {
      for write in writes where !Self.isMissingOldName(write, result: registers.result) {
        recorder.record(write, result: registers.result)
      }
    }
    resume(pid)
  }

  /// Whether `write` is the new name of a rename that failed with `ENOENT` only because its old name was missing:
  /// the new name's directory is there, so that name needs nothing.
  static func isMissingOldName(_ write: PendingWrite, result: Int) -> Bool {
    guard write.action == .renameTo, result == -Int(ENOENT) else { return false }
    let directory = write.path.split(separator: UInt8(ascii: "/")).dropLast()
    return CallDecoder.exists(
      directory.isEmpty
        ? [UInt8(ascii: "/")] : Array(directory.map { [UInt8(ascii: "/")] + $0 }.joined()))
  }

  /// Resumes `pid`; one that vanished meanwhile (killed) reports its end to the loop.
  private func resume(_ pid: pid_t, signal: Int32 = 0, toExit: Bool = false) {
    try? Ptrace.resume(pid, signal: signal, toExit: toExit)
  }
}
