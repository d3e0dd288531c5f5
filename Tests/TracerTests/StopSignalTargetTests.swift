import CTracerShims
import Testing

@testable import Tracer

/// Which stop signals could leave the trace: the decision the tracer makes at a `stopSignal` seccomp stop.
@Suite struct StopSignalTargetTests {
  /// Tracees 100 and 101 in group 100; the tracer is 50 in group 50.
  static func leaves(_ number: Int, _ arguments: [Int32], callerGroup: Int32? = 50) -> Bool {
    let context = StopSignalTarget.Context(
      tracerGroup: 50, callerGroup: callerGroup, isTracee: { [100, 101].contains($0) })
    return StopSignalTarget.leavesTheTrace(
      call: number, arguments: arguments.map { UInt(bitPattern: Int($0)) } + [0, 0, 0],
      context: context)
  }

  @Test(
    arguments: [
      ("kill of a tracee", gw_sys_kill, [101, 19], false),
      ("kill of the tracer", gw_sys_kill, [50, 19], true),
      ("kill of a process the trace does not follow", gw_sys_kill, [7, 19], true),
      ("kill of every process", gw_sys_kill, [-1, 19], true),
      ("kill of the tracer's group", gw_sys_kill, [-50, 20], true),
      ("kill of another group", gw_sys_kill, [-100, 20], false),
      ("kill of INT_MIN (refused by the kernel)", gw_sys_kill, [Int32.min, 20], false),
      ("rt_sigqueueinfo of the tracer", gw_sys_rt_sigqueueinfo, [50, 19], true),
      ("tkill of a tracee", gw_sys_tkill, [100, 19], false),
      ("tkill of a thread the trace does not follow", gw_sys_tkill, [51, 19], true),
      ("tgkill of a tracee", gw_sys_tgkill, [100, 101, 19], false),
      ("tgkill of the tracer's thread", gw_sys_tgkill, [50, 51, 19], true),
      ("rt_tgsigqueueinfo of a tracee", gw_sys_rt_tgsigqueueinfo, [100, 100, 19], false),
      ("pidfd_send_signal, whatever the descriptor", gw_sys_pidfd_send_signal, [3, 19], true),
    ] as [(String, Int, [Int32], Bool)])
  func decidesByTarget(what: String, number: Int, arguments: [Int32], leaves: Bool) {
    #expect(Self.leaves(number, arguments) == leaves, "\(what)")
  }

  /// `kill(0, …)` reaches the caller's group: the tracer's, or another, or unknown (the tracee ended).
  @Test func killOfTheCallersGroupLeavesWhenItIsTheTracersOrUnknown() {
    #expect(Self.leaves(gw_sys_kill, [0, 19], callerGroup: 50))
    #expect(!Self.leaves(gw_sys_kill, [0, 19], callerGroup: 100))
    #expect(Self.leaves(gw_sys_kill, [0, 19], callerGroup: nil))
  }
}
