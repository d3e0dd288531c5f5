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
struct DirectoryReader {
  private let descriptor: FileDescriptor
  private let buffer: UnsafeMutableRawBufferPointer
  private var position = 0
  private var end = 0

  init(descriptor: FileDescriptor, buffer: UnsafeMutableRawBufferPointer) {
    self.descriptor = descriptor
    self.buffer = buffer
  }

  // linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[].
  private static let recordLengthOffset = 16
  private static let typeOffset = 18
  private static let nameOffset = 19

  /// The next entry, nil at the end of the directory.
  mutating func next() throws(Errno) -> DirectoryEntry? {
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
      let type = record.load(fromByteOffset: Self.typeOffset, as: UInt8.self)
      let name = (record + Self.nameOffset).assumingMemoryBound(to: CChar.self)
      let length = strlen(name)
      if name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E)) { continue }
      return DirectoryEntry(name: name, length: length, kind: FileKind(directoryEntryType: type))
    }
  }
}
