/// The names in a directory, for small directories read whole (the platform's `env/`), never following a symlink.
public enum DirectoryListing {
  /// The names in `directory` (without `.` and `..`), at most `limit` of them, with their `d_type`.
  public static func names(
    in directory: FileDescriptor, limit: Int
  ) throws(Errno) -> [(name: [UInt8], kind: FileKind)] {
    try directory.rewind()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32768, alignment: 8)
    defer { buffer.deallocate() }
    var reader = DirectoryReader(descriptor: directory, buffer: buffer)
    var names: [(name: [UInt8], kind: FileKind)] = []
    while names.count < limit, let entry = try reader.next() {
      let bytes = UnsafeRawBufferPointer(start: entry.name, count: entry.length)
      names.append((Array(bytes), entry.kind))
    }
    return names
  }
}
