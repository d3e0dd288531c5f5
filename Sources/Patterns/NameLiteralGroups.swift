/// Elements grouped by the `NameLiteral` their globs require: a name finds the groups of the
/// literals it holds with one hash lookup per distinct place (anchor and distance) and length, and
/// per position for literals that may be anywhere, however many elements there are.
struct NameLiteralGroups<Element: Sendable>: Sendable {
  /// The groups of one place, by the literal's bytes.
  private struct Place: Sendable {
    let anchor: NameLiteral.Anchor
    let distance: Int
    let groups: KeyedGroups<Element>

    /// Calls `body` with the group of the `length` bytes of `name` at `start`, if there is one.
    @inline(__always)
    func visit(
      _ name: UnsafeBufferPointer<UInt8>, at start: Int, length: Int,
      _ body: (UnsafeBufferPointer<Element>) -> Void
    ) {
      let range = groups.range(of: UnsafeBufferPointer(rebasing: name[start..<(start + length)]))
      if range.isEmpty { return }
      groups.elements.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
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
      byPlace[key].map {
        Place(anchor: key.anchor, distance: key.distance, groups: KeyedGroups($0))
      }
    }
  }

  /// Whether no element was grouped.
  var isEmpty: Bool { places.isEmpty }

  /// Calls `body` with each group whose literal `name` holds in its place (a literal that may be
  /// anywhere, once for each position it is found at).
  @inline(__always)
  func forEachGroup(
    in name: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Element>) -> Void
  ) {
    for place in places {
      let room = name.count - place.distance
      for length in place.groups.keyLengths {
        if length > room { break }
        switch place.anchor {
        case .start: place.visit(name, at: place.distance, length: length, body)
        case .end: place.visit(name, at: room - length, length: length, body)
        case .anywhere:
          for start in 0...(room - length) { place.visit(name, at: start, length: length, body) }
        }
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
