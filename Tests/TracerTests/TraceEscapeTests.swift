import Core
import FileSystem
import TestSupport
import Testing

@testable import Tracer

#if canImport(Glibc)
  import Glibc
#endif

/// What a hostile command does to get out of the trace: each way ends it at once, killed and incomplete.
extension TracerTests {
  @Test func aChildMadeWithCloneUntracedEndsTheTraceBeforeItIsBorn() throws {
    let tree = try TemporaryTree()
    // `clone(CLONE_UNTRACED | SIGCHLD)`: the child would write through a descriptor its parent opened (its own
    // filtered calls would fail with `ENOSYS`, untraced), and its parent wait for it.
    let (result, lines) = try Self.trace(
      "echo x > before; "
        + Self.python(
          "import ctypes, os; fd = os.open(\"escaped\", os.O_WRONLY | os.O_CREAT)\n"
            + "pid = ctypes.CDLL(None).syscall(56, 0x800000 | 17, 0, 0, 0, 0)\n"
            + "if pid == 0: os.write(fd, b\"x\"); os._exit(0)\n"
            + "os.waitpid(pid, 0)")
        + "; echo x > after", in: tree)
    #expect(result.stop == .escaped)
    #expect(result.escape == .untracedChild)
    #expect(!result.isComplete)
    #expect(result.ending == .killed(signal: SIGKILL))
    #expect(lines == ["create before", "create escaped"])
    var status = stat()
    #expect(
      stat(tree.path("escaped"), &status) == 0 && status.st_size == 0, "the untraced child ran")
  }

  @Test func clone3FailsWithENOSYSSoThreadsAndForksComeThroughCloneAndAreTraced() throws {
    let tree = try TemporaryTree()
    let (result, lines) = try Self.trace(
      Self.python(
        "import ctypes, os, threading; libc = ctypes.CDLL(None, use_errno=True); libc.syscall(435, 0, 0); "
          + "open(\"errno-%d\" % ctypes.get_errno(), \"w\"); "
          + "t = threading.Thread(target=lambda: open(\"thread\", \"w\")); t.start(); t.join(); "
          + "pid = os.fork()\nif pid == 0: open(\"forked\", \"w\"); os._exit(0)\nos.waitpid(pid, 0)"
      ), in: tree)
    #expect(lines == ["create errno-38", "create thread", "create forked"])
    #expect(result.stop == .finished)
    #expect(result.isComplete)
  }

  @Test func anX32CallEndsTheTrace() throws {
    let tree = try TemporaryTree()
    // x32's `getpid`: the number with `__X32_SYSCALL_BIT`.
    let (result, lines) = try Self.trace(
      Self.python("import ctypes; ctypes.CDLL(None).syscall(39 | 0x40000000)") + "; echo x > after",
      in: tree)
    #expect(result.escape == .otherABI)
    #expect(result.stop == .escaped)
    #expect(lines == [])
  }

  /// Stop signals for the tracer (this process, which ignores `SIGTSTP` meanwhile, so that a regression fails the
  /// test instead of stopping it) by its pid and by one of its threads. Its group and every process are left to
  /// `StopSignalTargetTests` and the adversarial suite: a regression there would stop other processes.
  @Test(arguments: [
    "kill -TSTP $PPID",
    "/usr/bin/python3 -c 'import ctypes, sys; ctypes.CDLL(None).syscall(234, int(sys.argv[1]), int(sys.argv[1]), 20)' $PPID",
  ])
  func aStopSignalForTheTracerEndsTheTrace(script: String) throws {
    let tree = try TemporaryTree()
    let previous = signal(SIGTSTP, SIG_IGN)
    defer { signal(SIGTSTP, previous) }
    let (result, lines) = try Self.trace("\(script); echo x > after", in: tree, seconds: 30)
    #expect(result.escape == .stopSignal, "\(script)")
    #expect(result.stop == .escaped)
    #expect(lines == [])
  }

  /// The command stopping itself, or a child of its own, is job control inside the trace.
  @Test(arguments: [
    "kill -STOP $$; echo x > after",
    "(sleep 5 & kill -STOP $!; kill -CONT $!; kill $!; echo x > after)",
  ])
  func stopSignalsInsideTheTraceAreLetThrough(script: String) throws {
    let tree = try TemporaryTree()
    let (result, lines) = try Self.trace(script, in: tree)
    #expect(result.escape == nil)
    #expect(result.isComplete)
    #expect(lines == ["create after"])
  }

  /// Stops keep coming from four writing loops; the time limit still ends the trace.
  @Test func aFloodOfStopsDoesNotPostponeTheTimeLimit() throws {
    let tree = try TemporaryTree()
    let (result, _) = try Self.trace(
      "for i in 1 2 3 4; do (while :; do : > f$i; done) & done; wait", in: tree, seconds: 0.5)
    #expect(result.stop == .timeLimit)
    #expect(result.escape == nil)
  }

  /// The tracer is undumpable only while it traces.
  @Test func theTracerIsDumpableAgainAfterTheTrace() throws {
    let tree = try TemporaryTree()
    _ = try Self.trace("true", in: tree)
    #expect(try ProcessControl.setDumpable(true))
  }
}
