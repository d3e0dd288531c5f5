/// A deterministic random sequence for the property tests (SplitMix64: one seed, one sequence).
protocol SplitMixRandom {
  /// The generator's state, advanced by every draw.
  var state: UInt64 { get set }
}

extension SplitMixRandom {
  /// A number in `0..<bound`.
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
  }

  /// One element of `list`.
  mutating func pick<Element>(_ list: [Element]) -> Element { list[next(list.count)] }
}
