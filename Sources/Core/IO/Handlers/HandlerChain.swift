import FileSystem

/// Hands every walk event to several handlers in order, so each concern is its own handler and they share the
/// entry's cached status (a later handler sees the mode an earlier one set).
final class HandlerChain: WalkHandler {
  private let handlers: [any WalkHandler]

  init(_ handlers: [any WalkHandler]) {
    self.handlers = handlers
  }

  func visit(_ entry: inout WalkEntry) -> DirectoryMarks {
    var marks: DirectoryMarks = []
    for handler in handlers { marks.formUnion(handler.visit(&entry)) }
    return marks
  }

  func leave(_ directory: inout WalkEntry) {
    for handler in handlers { handler.leave(&directory) }
  }

  func walkNoticed(
    _ incident: WalkIncident, at path: UnsafeBufferPointer<UInt8>, kind: FileKind, needed: Bool
  ) {
    for handler in handlers { handler.walkNoticed(incident, at: path, kind: kind, needed: needed) }
  }

  func walkProgress(_ progress: WalkProgress) {
    for handler in handlers { handler.walkProgress(progress) }
  }
}

extension WalkHandler {
  /// Marks nothing and does nothing.
  func visit(_ entry: inout WalkEntry) -> DirectoryMarks { [] }
  /// Does nothing.
  func leave(_ directory: inout WalkEntry) {}
  /// Does nothing.
  func walkNoticed(
    _ incident: WalkIncident, at path: UnsafeBufferPointer<UInt8>, kind: FileKind, needed: Bool
  ) {}
  /// Does nothing.
  func walkProgress(_ progress: WalkProgress) {}
}
