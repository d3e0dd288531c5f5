import Core

#if canImport(Glibc)
  import Glibc
#endif

/// One entry a traced call is about to write, read at the call's seccomp stop (before it runs).
struct PendingWrite: Sendable {
  /// The entry's absolute path.
  let path: [UInt8]
  /// What the call does to it.
  let action: WriteAction
  /// The call's name.
  let call: String
}

/// What a seccomp stop's call is about to write: decoded from its registers and the tracee's memory.
struct CallDecoder {
  /// The stopped thread.
  let pid: pid_t

  /// The entries `call` writes with these arguments; empty when it writes nothing (an `open` for reading), nil when
  /// an argument could not be read (an unreadable address, a path longer than `PATH_MAX`).
  func writes(of call: TracedCall, arguments: [UInt]) -> [PendingWrite]? {
    let memory = TraceeMemory(pid: pid)
    let resolver = PathResolver(pid: pid)
    func entry(_ argument: PathArgument) -> [UInt8]? {
      let directory = argument.directory.map { Int32(truncatingIfNeeded: arguments[$0]) }
      let address = arguments[argument.path]
      // `utimensat(fd, NULL, ...)` and `AT_EMPTY_PATH` calls name the descriptor's entry.
      if address == 0, let directory { return resolver.descriptor(directory) }
      guard let path = memory.string(at: address) else { return nil }
      return resolver.absolute(path, directory: directory)
    }
    func one(_ action: WriteAction, _ path: [UInt8]?) -> [PendingWrite]? {
      path.map { [PendingWrite(path: $0, action: action, call: call.name)] }
    }
    switch call.shape {
    case .open(let argument, let flagsArgument):
      let flags: Int
      if let flagsArgument {
        flags = Int(truncatingIfNeeded: arguments[flagsArgument])
      } else {
        // `openat2`: the flags are the first field of `struct open_how`.
        guard let how = memory.bytes(at: arguments[2], count: 8), how.count == 8 else { return nil }
        flags = how.withUnsafeBytes { Int(truncatingIfNeeded: $0.loadUnaligned(as: UInt64.self)) }
      }
      guard UInt32(truncatingIfNeeded: flags) & TracedCall.writeFlags != 0 else { return [] }
      guard let path = entry(argument) else { return nil }
      if flags & TracedCall.temporaryFileFlag != 0 { return one(.writeInPlace, path) }
      let creates = flags & TracedCall.createFlag != 0 && !Self.exists(path)
      return one(creates ? .create : .writeInPlace, path)
    case .create(let argument):
      guard let path = entry(argument) else { return nil }
      return one(Self.exists(path) ? .writeInPlace : .create, path)
    case .entry(let action, let argument):
      return one(action, entry(argument))
    case .rename(let from, let to):
      guard let old = entry(from), let new = entry(to) else { return nil }
      return [
        PendingWrite(path: old, action: .renameFrom, call: call.name),
        PendingWrite(path: new, action: .renameTo, call: call.name),
      ]
    case .descriptor(let action):
      return one(action, resolver.descriptor(Int32(truncatingIfNeeded: arguments[0])))
    case .bind:
      return bindWrites(call: call, arguments: arguments, memory: memory, resolver: resolver)
    }
  }

  /// A `bind` to a path-named Unix socket creates that entry; other families and abstract names write nothing.
  private func bindWrites(
    call: TracedCall, arguments: [UInt], memory: TraceeMemory, resolver: PathResolver
  ) -> [PendingWrite]? {
    let length = min(Int(truncatingIfNeeded: arguments[2]), 110)
    guard length > 2 else { return [] }
    guard let address = memory.bytes(at: arguments[1], count: length), address.count == length
    else { return nil }
    let family = UInt16(address[0]) | UInt16(address[1]) << 8
    guard family == UInt16(AF_UNIX), address[2] != 0 else { return [] }
    let name = Array(address[2...].prefix { $0 != 0 })
    return resolver.absolute(name, directory: nil).map {
      [PendingWrite(path: $0, action: .create, call: call.name)]
    }
  }

  /// Whether an entry exists at `path` (not following a final symbolic link).
  static func exists(_ path: [UInt8]) -> Bool {
    var status = stat()
    return (path + [0]).withUnsafeBufferPointer { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        lstat($0, &status) == 0
      }
    }
  }
}
