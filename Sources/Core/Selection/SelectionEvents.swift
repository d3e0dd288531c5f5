import FileSystem

/// Callbacks for what a selection run does as it happens (for `list`, debug output and progress lines).
public struct SelectionEvents {
  /// Every selected entry: its path bytes relative to the app and its type.
  public var selected: ((UnsafeBufferPointer<UInt8>, FileKind) -> Void)?
  /// Every mode change: display path, type, old and new permissions, and why.
  public var changed: ((String, FileKind, UInt32, UInt32, ChangeReason) -> Void)?
  /// Progress every few seconds of a long walk.
  public var progress: ((WalkProgress) -> Void)?

  /// Creates the callbacks; each is optional.
  public init(
    selected: ((UnsafeBufferPointer<UInt8>, FileKind) -> Void)? = nil,
    changed: ((String, FileKind, UInt32, UInt32, ChangeReason) -> Void)? = nil,
    progress: ((WalkProgress) -> Void)? = nil
  ) {
    self.selected = selected
    self.changed = changed
    self.progress = progress
  }
}
