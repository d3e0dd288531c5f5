// A helper executable for the tests: what must run in a process of its own, spawned by a test rather than
// forked from the many-threaded test runner.
//
//   ChildProbe parse-toml FILE             exit 0 if FILE parses as TOML, 1 if not (toml++ may abort: SIGABRT)
//   ChildProbe isolated-call SCENARIO      runs `IsolatedCall.run` here (one thread) and prints its outcome
//
// Scenarios: `return N`, `abort`, `segv`, `sleep` (limit 1 s), `ignore-alarm` (limit 1 s), `memory` (the
// child's change to a variable stays in the child), `second-thread` (a second thread runs at the fork).
import FileSystem
import Glibc
import TOMLKit

/// The words `IsolatedCall.Outcome` is printed as, for the tests to compare.
func describe(_ outcome: IsolatedCall.Outcome) -> String {
  switch outcome {
  case .returned(let status): return "returned \(status)"
  case .killed(let signal): return "killed \(signal)"
  case .timedOut: return "timed-out"
  case .unavailable(let error): return "unavailable \(error.name)"
  }
}

/// Runs one scenario through `IsolatedCall.run` and says how the child ended, or nil for an unknown one.
func runScenario(_ name: String, _ argument: String?) -> IsolatedCall.Outcome? {
  switch name {
  case "return":
    let status = Int32(argument ?? "") ?? 0
    return IsolatedCall.run(timeLimit: 10) { status }
  case "abort": return IsolatedCall.run(timeLimit: 10) { abort() }
  case "segv":
    return IsolatedCall.run(timeLimit: 10) {
      raise(SIGSEGV)
      return 0
    }
  case "sleep":
    return IsolatedCall.run(timeLimit: 1) {
      sleep(5)
      return 0
    }
  case "ignore-alarm":
    return IsolatedCall.run(timeLimit: 1) {
      _ = signal(SIGALRM, SIG_IGN)
      sleep(30)
      return 0
    }
  case "memory":
    var counter = 1
    let outcome = IsolatedCall.run(timeLimit: 10) {
      counter += 41
      return Int32(counter)
    }
    return counter == 1 ? outcome : .returned(-1)
  case "second-thread":
    var thread = pthread_t()
    _ = pthread_create(
      &thread, nil,
      { _ in
        sleep(60)
        return nil
      }, nil)
    return IsolatedCall.run(timeLimit: 10) { 0 }
  default: return nil
  }
}

let arguments = CommandLine.arguments
switch arguments.count > 2 ? arguments[1] : "" {
case "parse-toml":
  guard let bytes = try? FileContents.read(path: arguments[2], limit: 16 << 20) else { exit(2) }
  exit((try? TOMLTable(string: String(decoding: bytes, as: UTF8.self))) == nil ? 1 : 0)
case "isolated-call":
  guard let outcome = runScenario(arguments[2], arguments.count > 3 ? arguments[3] : nil) else {
    exit(2)
  }
  StandardOutput.writeLine(describe(outcome) + "\n")
  exit(0)
default:
  StandardOutput.writeError(
    "usage: ChildProbe parse-toml FILE | isolated-call SCENARIO [ARGUMENT]\n")
  exit(2)
}
