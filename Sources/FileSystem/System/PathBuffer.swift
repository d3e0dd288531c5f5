/// The walk's current relative path as bytes, grown and shrunk as it enters and leaves directories.
///
/// One allocation for the whole walk (doubling when a deeper path needs it), so no path is built per entry and
/// paths longer than `PATH_MAX` are fine (they are never handed to the kernel).
final class PathBuffer {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// The number of bytes in the path.
  private(set) var count = 0

  init(capacity: Int = 4096) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// Appends `/` (unless the path is empty) and `name`; returns the offset where `name` starts.
  func append(_ name: UnsafePointer<CChar>, length: Int) -> Int {
    let separator = count == 0 ? 0 : 1
    reserve(count + separator + length)
    if separator == 1 {
      storage[count] = UInt8(ascii: "/")
      count += 1
    }
    let start = count
    name.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
      (storage + start).update(from: bytes, count: length)
    }
    count += length
    return start
  }

  /// Replaces the path with `bytes`.
  func replace(with bytes: [UInt8]) {
    reserve(bytes.count)
    bytes.withUnsafeBufferPointer { source in
      guard let base = source.baseAddress else { return }
      storage.update(from: base, count: source.count)
    }
    count = bytes.count
  }

  /// Cuts the path back to `length` bytes.
  func truncate(to length: Int) { count = length }

  /// The whole path.
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

  /// The first `length` bytes of the path.
  func prefix(_ length: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage, count: length)
  }

  /// The bytes from `start` to the end (the last component, when `start` is where it began).
  func suffix(from start: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage + start, count: count - start)
  }

  private func reserve(_ needed: Int) {
    guard needed > capacity else { return }
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }
}
