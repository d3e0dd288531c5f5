/// Elements grouped by the `NameLiteral` their globs require: a name finds the groups of the
/// literals it holds with one hash lookup per distinct place (anchor and distance) and length, and
/// per position for literals that may be anywhere, however many elements there are; each group it
/// holds is found once.
struct NameLiteralGroups<Element: Sendable>: Sendable {
  /// The groups of one place, by the literal's bytes.
  private struct Place: Sendable {
    let key: PlaceKey
    let groups: KeyedGroups<Element>

    /// The range of `groups.elements` grouped under the `length` bytes of `name` at `start`.
    @inline(__always)
    func group(of name: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> Range<Int> {
      groups.range(of: UnsafeBufferPointer(rebasing: name[start..<(start + length)]))
    }
  }

  /// The places, by anchor and then distance.
  private let places: [Place]

  /// Groups `elements` (each group keeps the order given) by their literals.
  init(_ elements: [(NameLiteral, Element)]) {
    var byPlace: [PlaceKey: [[UInt8]: [Element]]] = [:]
    for (literal, element) in elements {
      let key = PlaceKey(anchor: literal.anchor, distance: literal.distance)
      byPlace[key, default: [:]][literal.bytes, default: []].append(element)
    }
    places = byPlace.keys.sorted().compactMap { key in
      byPlace[key].map { Place(key: key, groups: KeyedGroups($0)) }
    }
  }

  /// Calls `body` once with each group whose literal `name` holds in its place.
  @inline(__always)
  func forEachGroup(
    in name: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Element>) -> Void
  ) {
    for place in places {
      let room = name.count - place.key.distance
      for length in place.groups.keyLengths {
        if length > room { break }
        switch place.key.anchor {
        case .start:
          place.groups.visit(place.group(of: name, at: place.key.distance, length: length), body)
        case .end:
          place.groups.visit(place.group(of: name, at: room - length, length: length), body)
        case .anywhere: Self.visitOnce(place, name, length: length, body)
        }
      }
    }
  }

  /// Calls `body` with the group of each `length` bytes of `name`, once per group however often the
  /// name holds its bytes (`aaaa` holds `a` four times): a group is scanned at most once per name.
  private static func visitOnce(
    _ place: Place, _ name: UnsafeBufferPointer<UInt8>, length: Int,
    _ body: (UnsafeBufferPointer<Element>) -> Void
  ) {
    let positions = name.count - length + 1
    withUnsafeTemporaryAllocation(of: Int.self, capacity: positions) { found in
      var foundCount = 0
      for start in 0..<positions {
        let range = place.group(of: name, at: start, length: length)
        if range.isEmpty || found[..<foundCount].contains(range.lowerBound) { continue }
        found[foundCount] = range.lowerBound
        foundCount += 1
        place.groups.visit(range, body)
      }
    }
  }

  /// A place's anchor and distance, ordered start before end, then nearest first.
  private struct PlaceKey: Hashable, Comparable {
    let anchor: NameLiteral.Anchor
    let distance: Int

    static func < (lhs: PlaceKey, rhs: PlaceKey) -> Bool {
      (lhs.anchor, lhs.distance) < (rhs.anchor, rhs.distance)
    }
  }
}
