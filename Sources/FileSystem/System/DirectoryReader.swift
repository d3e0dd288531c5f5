#if canImport(Glibc)
  import Glibc
#endif

/// One entry read from a directory: its NUL-terminated name (inside the reader's buffer) and `d_type`.
struct DirectoryEntry {
  /// The name, valid until the reader is refilled.
  let name: UnsafePointer<CChar>
  /// The name's length in bytes.
  let length: Int
  /// The type the file system reported (`.unknown` for `DT_UNKNOWN`).
  let kind: FileKind
}

/// Reads a directory's entries with `getdents64` into a caller-owned buffer, skipping `.` and `..`.
///
/// It remembers the directory position after the last entry it returned (`d_off`), so a walk that has to close
/// the directory (to stay within the open-file limit) can open it again and go on from there.
struct DirectoryReader {
  private var descriptor: FileDescriptor
  private let buffer: UnsafeMutableRawBufferPointer
  private var position = 0
  private var end = 0
  /// The directory position just after the last entry returned; 0 before the first.
  private(set) var resumePosition: Int64 = 0

  init(descriptor: FileDescriptor, buffer: UnsafeMutableRawBufferPointer) {
    self.descriptor = descriptor
    self.buffer = buffer
  }

  // linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[].
  private static let nextPositionOffset = 8
  private static let recordLengthOffset = 16
  private static let typeOffset = 18
  private static let nameOffset = 19

  /// Whether the reader was told to stop: `next` returns nil from then on.
  private var isAbandoned = false

  /// The next entry, nil at the end of the directory.
  mutating func next() throws(Errno) -> DirectoryEntry? {
    if isAbandoned { return nil }
    while true {
      if position >= end {
        end = try descriptor.readDirectoryEntries(into: buffer)
        position = 0
        if end == 0 { return nil }
      }
      guard let base = buffer.baseAddress else { return nil }
      let record = base + position
      let recordLength = Int(
        record.loadUnaligned(fromByteOffset: Self.recordLengthOffset, as: UInt16.self))
      position += recordLength
      resumePosition = record.loadUnaligned(fromByteOffset: Self.nextPositionOffset, as: Int64.self)
      let type = record.load(fromByteOffset: Self.typeOffset, as: UInt8.self)
      let name = (record + Self.nameOffset).assumingMemoryBound(to: CChar.self)
      let length = strlen(name)
      if name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E)) { continue }
      return DirectoryEntry(name: name, length: length, kind: FileKind(directoryEntryType: type))
    }
  }

  /// Ends the reading: `next` returns nil from now on.
  mutating func abandon() { isAbandoned = true }

  /// Continues with `descriptor`, the same directory opened again, from `resumePosition`.
  mutating func resume(with descriptor: FileDescriptor) throws(Errno) {
    try descriptor.seek(to: resumePosition)
    self.descriptor = descriptor
    position = 0
    end = 0
  }
}
