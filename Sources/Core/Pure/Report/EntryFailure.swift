/// One entry that could not be given what the selection needs, and why; failures sort by path.
public struct EntryFailure: Sendable, Equatable, Comparable {
  /// Why.
  public enum Cause: Sendable, Equatable {
    /// Another user owns it, so the build user cannot change its mode.
    case notOwned(owner: Int, buildUser: Int)
    /// The kernel refused the change.
    case cannotChangeMode(errno: Int32, owner: Int, buildUser: Int)
    /// Its status could not be read.
    case cannotReadStatus(errno: Int32)
    /// A directory the patterns could select something in could not be opened or read.
    case cannotReadDirectory(errno: Int32)
    /// Its extended attributes (ACL, capabilities) could not be read, so it was not made group-writable.
    case cannotReadAttributes(errno: Int32)
  }

  /// The display path (directories end in `/`).
  public var path: String
  /// Why.
  public var cause: Cause

  /// Creates a failure.
  public init(path: String, cause: Cause) {
    self.path = path
    self.cause = cause
  }

  /// By path.
  public static func < (lhs: EntryFailure, rhs: EntryFailure) -> Bool { lhs.path < rhs.path }
}

/// A failure as one flat table: `{ path, cause = "not-owned", owner, build-user, errno }`.
extension EntryFailure: Codable {
  enum CodingKeys: String, CodingKey {
    case path, cause, owner, errno
    case buildUser = "build-user"
  }

  /// Encodes the failure flat.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(path, forKey: .path)
    switch cause {
    case .notOwned(let owner, let buildUser):
      try container.encode("not-owned", forKey: .cause)
      try container.encode(owner, forKey: .owner)
      try container.encode(buildUser, forKey: .buildUser)
    case .cannotChangeMode(let errno, let owner, let buildUser):
      try container.encode("cannot-change-mode", forKey: .cause)
      try container.encode(Int(errno), forKey: .errno)
      try container.encode(owner, forKey: .owner)
      try container.encode(buildUser, forKey: .buildUser)
    case .cannotReadStatus(let errno):
      try container.encode("cannot-read-status", forKey: .cause)
      try container.encode(Int(errno), forKey: .errno)
    case .cannotReadDirectory(let errno):
      try container.encode("cannot-read-directory", forKey: .cause)
      try container.encode(Int(errno), forKey: .errno)
    case .cannotReadAttributes(let errno):
      try container.encode("cannot-read-attributes", forKey: .cause)
      try container.encode(Int(errno), forKey: .errno)
    }
  }

  /// Decodes a flat failure.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    path = try container.decode(String.self, forKey: .path)
    let errno = Int32(try container.decodeIfPresent(Int.self, forKey: .errno) ?? 0)
    let owner = try container.decodeIfPresent(Int.self, forKey: .owner) ?? 0
    let buildUser = try container.decodeIfPresent(Int.self, forKey: .buildUser) ?? 0
    switch try container.decode(String.self, forKey: .cause) {
    case "not-owned": cause = .notOwned(owner: owner, buildUser: buildUser)
    case "cannot-change-mode":
      cause = .cannotChangeMode(errno: errno, owner: owner, buildUser: buildUser)
    case "cannot-read-status": cause = .cannotReadStatus(errno: errno)
    case "cannot-read-attributes": cause = .cannotReadAttributes(errno: errno)
    default: cause = .cannotReadDirectory(errno: errno)
    }
  }
}
