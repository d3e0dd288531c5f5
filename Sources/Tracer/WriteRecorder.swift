import Core
import FileSystem
import Patterns

/// Keeps the distinct writes inside the app directory, counting repeats, at most `limit` of them.
struct WriteRecorder {
  private struct Key: Hashable {
    let write: TracedWrite
    let call: String
  }

  /// The app directory's absolute path.
  let appDirectory: [UInt8]
  /// The most distinct writes kept.
  let limit: Int
  /// Each distinct write's count and the order it was first seen in.
  private var counts: [Key: (count: Int, order: Int)] = [:]
  /// Calls not kept: each made a write not seen before, after `limit` distinct writes were kept.
  private(set) var unrecorded = 0

  init(appDirectory: [UInt8], limit: Int = TraceLimits.distinctWrites) {
    self.appDirectory = appDirectory
    self.limit = limit
  }

  /// Records `write`, which ended with `result` (a system call's return value: negative for an errno).
  mutating func record(_ write: PendingWrite, result: Int) {
    guard let path = relative(write.path) else { return }
    let error = result < 0 && result >= -4095 ? Errno(rawValue: Int32(-result)) : nil
    let key = Key(
      write: TracedWrite(path: path, action: write.action, error: error), call: write.call)
    if let seen = counts[key] {
      counts[key] = (seen.count + 1, seen.order)
    } else if counts.count < limit {
      counts[key] = (1, counts.count)
    } else {
      unrecorded += 1
    }
  }

  /// The records, in the order their first call was made.
  var records: [TraceRecord] {
    counts.sorted { $0.value.order < $1.value.order }.map {
      TraceRecord(write: $0.key.write, call: $0.key.call, count: $0.value.count)
    }
  }

  /// `path` relative to the app directory, or nil when it is outside.
  func relative(_ path: [UInt8]) -> RelativePath? {
    if path == appDirectory { return .appDirectory }
    let prefix =
      appDirectory == [UInt8(ascii: "/")] ? appDirectory : appDirectory + [UInt8(ascii: "/")]
    guard path.count > prefix.count, path.starts(with: prefix) else { return nil }
    return try? RelativePath(bytes: Array(path[prefix.count...]))
  }
}
