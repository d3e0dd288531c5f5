import PatternOracle
import Patterns

/// Matches paths the way the directory walker does (scopes, pruning, `lastMatch`) and checks
/// that the answer agrees with `PatternSet.decide` (git's rules, pattern by pattern).
public enum WalkOracle {
  /// Checks every path of `paths`, as a file and as a directory, against `set`; stops the
  /// process with a message naming the pattern list and the path on a disagreement.
  public static func check(_ set: PatternSet, paths: [[UInt8]]) {
    for pattern in set.patterns { _ = pattern.displayText }
    for path in paths {
      for isDirectory in [false, true] {
        let outcome = WalkSimulation(set, path: path, isDirectory: isDirectory)
        let decision = set.decide(path: path, isDirectory: isDirectory)
        guard outcome.agrees(with: decision) else {
          let lines = set.patterns.map { "  \($0.displayText)" }.joined(separator: "\n")
          FuzzFailure.stop(
            """
            walker and decide disagree
            patterns:
            \(lines)
            path: \(FuzzFailure.escaped(path)) (isDirectory: \(isDirectory))
            walk: \(outcome)  decide: \(String(describing: decision))
            """)
        }
      }
    }
  }
}
