import FuzzSupport
import Patterns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The test function libFuzzer drives: the input is a gitignore-format buffer. It is parsed, compiled into a
/// `PatternSet` and matched against paths derived from it, by the walker's scopes and by
/// `decide`, which must agree. Any crash, trap or hang is a bug.
func patternsFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let patterns = PatternParser.parse(bytes, source: "fuzz")
  for pattern in patterns {
    _ = PatternParser.parseLine(pattern.bytes, origin: pattern.origin)
  }
  WalkOracle.check(PatternSet(patterns), paths: CandidatePaths.derived(from: patterns))
  return 0
}

exit(FuzzEntry.run(patternsFuzzTarget))
