import FileSystem
import Foundation

/// Runs an executable as a new process (spawned and executed, never a fork of the test runner) and waits.
public enum SpawnedProcess {
  /// How a spawned process ended, with its standard output and error.
  public struct Ending: Sendable {
    /// How it ended, in `IsolatedCall`'s terms: its exit status, the signal that killed it, or out of time.
    public let outcome: IsolatedCall.Outcome
    /// What it wrote on standard output.
    public let output: String
    /// What it wrote on standard error.
    public let errors: String
  }

  /// Runs `executable` with `arguments`; one still running after `seconds` is killed and `.timedOut`.
  public static func run(_ executable: URL, _ arguments: [String], seconds: Double) -> Ending {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return Ending(outcome: .unavailable(.noSuchFileOrDirectory), output: "", errors: "\(error)")
    }
    let timer = Deadline(process: process, seconds: seconds)
    // Both pipes are drained at once, so a child that fills one cannot block on it.
    let errorData = PipeDrain(errors.fileHandleForReading)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errorData.data(), as: UTF8.self)
    process.waitUntilExit()
    let outcome: IsolatedCall.Outcome
    if timer.fired() {
      outcome = .timedOut
    } else if process.terminationReason == .uncaughtSignal {
      outcome = .killed(signal: process.terminationStatus)
    } else {
      outcome = .returned(process.terminationStatus)
    }
    return Ending(
      outcome: outcome, output: String(decoding: outputData, as: UTF8.self), errors: errorText)
  }
}

/// Kills a process that outlives its time, and remembers that it did.
private final class Deadline: @unchecked Sendable {
  private let lock = NSLock()
  private var killed = false

  init(process: Process, seconds: Double) {
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
      lock.lock()
      defer { lock.unlock() }
      if process.isRunning {
        killed = true
        kill(pid, SIGKILL)
      }
    }
  }

  /// Whether the deadline killed the process.
  func fired() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return killed
  }
}

/// Reads a pipe to its end on another thread.
public final class PipeDrain: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var collected = Data()

  /// Starts reading `handle` to its end.
  public init(_ handle: FileHandle) {
    DispatchQueue.global().async { [self] in
      collected = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  /// Everything read, once the writer closed the pipe.
  public func data() -> Data {
    done.wait()
    return collected
  }
}
