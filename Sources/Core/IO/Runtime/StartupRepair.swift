import FileSystem
import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// What the start-up check could not put back.
public enum StartupProblem: Equatable, Sendable {
  /// The writable place of an `ephemeral` directory could not be made or opened.
  case cannotPrepareEphemeral(path: String, OwnedDirectoryError)
  /// Entries of an `ephemeral` directory's build-time contents could not be copied into its writable place (the
  /// rest were): the first few, with their paths below the directory, and how many failed in all.
  case cannotCopySeed(path: String, target: String, failures: [CopyFailure], count: Int)
  /// The app's entry for an `ephemeral` directory is gone.
  case ephemeralLinkMissing(path: String, target: String)
  /// A directory the build made could not be made again.
  case cannotRecreate(path: String, Errno)
  /// The way to a directory the build made goes through a symlink that was not in the image.
  case symlinkNotInImage(path: String, component: String)

  /// Whether the app must not start: a link the image holds leads into a place another user controls, where
  /// the app would write what that user chooses.
  public var stopsTheStart: Bool {
    if case .cannotPrepareEphemeral(_, let error) = self { return error.isControlledByAnotherUser }
    return false
  }
}

/// Puts back, as the running user, what a fresh mount hides: the `ephemeral` directories' writable places (with
/// their build-time contents) and the directories the build made that are missing (a new `emptyDir` over `tmp/`
/// hides `tmp/pids`), with the modes the build gave them. Never outside the app directory (except the ephemeral
/// places), never through a symlink the image did not have.
public struct StartupRepair {
  private let app: AppDirectory
  private let userID: uid_t

  /// A repair of the open app directory `app`, as `userID`.
  public init(app: AppDirectory, userID: uid_t = geteuid()) {
    self.app = app
    self.userID = userID
  }

  /// Repairs what `report` describes; returns what could not be repaired.
  public func run(_ report: Report) -> [StartupProblem] {
    var problems: [StartupProblem] = []
    for link in report.ephemeral {
      if let problem = prepare(link) { problems.append(problem) }
    }
    let links = Dictionary(
      report.ephemeral.map { ($0.path, $0.target) }, uniquingKeysWith: { first, _ in first })
    let modes = Dictionary(
      report.created.map { ($0.path, $0.mode) }, uniquingKeysWith: { first, _ in first })
    for created in Self.deepest(report.created).sorted(by: { $0.path.count < $1.path.count }) {
      if let problem = recreate(created, links: links, modes: modes), !problems.contains(problem) {
        problems.append(problem)
      }
    }
    return problems
  }

  /// The entries no other entry is inside: the others (parents the build recorded for their modes) are made on
  /// the way to these. Sorted with `/` as the smallest byte, an entry's descendants directly follow it.
  static func deepest(_ created: [CreatedDirectory]) -> [CreatedDirectory] {
    let keyed = created.map { entry in
      (entry, entry.path.utf8.map { $0 == UInt8(ascii: "/") ? 0 : $0 })
    }
    let sorted = keyed.sorted { $0.1.lexicographicallyPrecedes($1.1) }
    return sorted.indices.compactMap { index in
      let (entry, key) = sorted[index]
      guard index + 1 < sorted.count else { return entry }
      let next = sorted[index + 1].1
      let isParent = next.count > key.count && next.starts(with: key) && next[key.count] == 0
      return isParent ? nil : entry
    }
  }

  /// Makes an ephemeral directory's writable place, and fills it with the seed when it is new.
  private func prepare(_ link: EphemeralLink) -> StartupProblem? {
    guard let path = DisplayPath.path(of: link.path) else { return nil }
    guard let status = app.status(of: path) else {
      return .ephemeralLinkMissing(path: link.path, target: link.target)
    }
    // A volume mounted over the directory (or a directory put back) takes the link's place: nothing to do.
    guard status.kind == .symbolicLink, app.symlinkTarget(path) == link.target else { return nil }
    let baseDepth = link.target.split(separator: "/").count - path.components.count
    let place: (directory: FileDescriptor, made: Bool)
    do {
      place = try OwnedDirectory.open(
        link.target, mode: mode_t(link.mode), owner: userID, ownedFrom: baseDepth)
    } catch {
      return .cannotPrepareEphemeral(path: link.path, error)
    }
    defer { place.directory.close() }
    if (try? place.directory.isOnReadOnlyFileSystem()) == true {
      return .cannotPrepareEphemeral(
        path: link.path, .systemError(path: link.target, .readOnlyFileSystem))
    }
    guard place.made, let seedText = link.seed, let seed = DisplayPath.path(of: seedText) else {
      return nil
    }
    var copier = TreeCopier(
      entryLimit: EphemeralLimits.seedEntries, byteLimit: EphemeralLimits.seedBytes)
    do {
      let source = try app.withParent(of: seed) { parent, name throws(Errno) in
        try parent.openDirectory(name)
      }
      defer { source.close() }
      copier.copy(from: source, into: place.directory)
    } catch {
      return .cannotCopySeed(
        path: link.path, target: link.target, failures: [CopyFailure(entry: [], error: error)],
        count: 1)
    }
    guard copier.failureCount == 0 else {
      return .cannotCopySeed(
        path: link.path, target: link.target, failures: copier.failures, count: copier.failureCount)
    }
    return nil
  }

  /// Makes a missing directory again with its recorded mode (a missing parent: with its own recorded mode, else
  /// 755), following only the image's ephemeral links.
  private func recreate(
    _ created: CreatedDirectory, links: [String: String], modes: [String: Int]
  ) -> StartupProblem? {
    guard let path = DisplayPath.path(of: created.path), !path.isAppDirectory else { return nil }
    var directory = app.descriptor
    defer { if directory != app.descriptor { directory.close() } }
    for index in path.components.indices {
      let prefix = path.prefix(index + 1)
      let shown = DisplayPath.relative(prefix.bytes, isDirectory: false)
      let step = enter(
        path.components[index], in: directory, mode: mode_t(modes[shown] ?? 0o755),
        link: links[shown],
        ownedFrom: links[shown].map { $0.split(separator: "/").count - (index + 1) } ?? 0)
      switch step {
      case .success(let next):
        if directory != app.descriptor { directory.close() }
        directory = next
      case .failure(.unsafe(let error)):
        return .cannotPrepareEphemeral(path: shown, error)
      case .failure(.system(.tooManySymbolicLinks)), .failure(.system(.notDirectory)):
        return .symlinkNotInImage(path: created.path, component: shown)
      case .failure(.system(let error)):
        return .cannotRecreate(path: created.path, error)
      }
    }
    return nil
  }

  /// Why a component could not be entered.
  private enum EnterError: Error {
    case system(Errno)
    case unsafe(OwnedDirectoryError)
  }

  /// Opens one component (making it with `mode` when missing); an ephemeral link leads to its target, checked as
  /// `prepare` checks it (owned by this user from the `ownedFrom`-th component on).
  private func enter(
    _ component: [UInt8], in directory: FileDescriptor, mode: mode_t, link: String?, ownedFrom: Int
  ) -> Result<FileDescriptor, EnterError> {
    var unsafe: OwnedDirectoryError?
    do throws(Errno) {
      return .success(
        try AppDirectory.withName(component) { name throws(Errno) in
          do throws(Errno) {
            return try directory.openDirectory(name)
          } catch  where error == .noSuchFileOrDirectory {
            try directory.makeDirectory(name, mode: 0o700)
            let made = try directory.openDirectory(name)
            try made.changeMode(to: mode)
            return made
          } catch  where (error == .tooManySymbolicLinks || error == .notDirectory) && link != nil {
            guard let link, try directory.symbolicLinkTarget(name) == Array(link.utf8) else {
              throw error
            }
            do throws(OwnedDirectoryError) {
              return try OwnedDirectory.open(link, mode: 0o755, owner: userID, ownedFrom: ownedFrom)
                .directory
            } catch {
              unsafe = error
              throw Errno.notDirectory
            }
          }
        })
    } catch {
      if let unsafe, unsafe.isControlledByAnotherUser { return .failure(.unsafe(unsafe)) }
      return .failure(.system(error))
    }
  }
}

/// Limits of what the start-up check copies.
public enum EphemeralLimits {
  /// Entries of an `ephemeral` directory's build-time contents copied at start (the build refuses more).
  public static let seedEntries = 1_000
  /// Bytes of file contents of an `ephemeral` directory's build-time contents copied at start, 16 MiB (the build
  /// refuses more).
  public static let seedBytes = 16 * 1024 * 1024
}
