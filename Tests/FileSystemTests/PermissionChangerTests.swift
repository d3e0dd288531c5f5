import FileSystem
import Foundation
import TestSupport
import Testing

@Suite struct PermissionChangerTests {
  /// Runs `body` with a walk entry for `name` in `tree`'s root, inspected now.
  func withEntry(
    _ tree: TemporaryTree, _ name: String, _ body: (WalkEntry, FileStatus) throws -> Void
  ) throws {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let parent = try app.descriptor.status()
    let status = try app.descriptor.status(of: name)
    let path = Array(name.utf8)
    try path.withUnsafeBufferPointer { pathBuffer in
      try name.withCString { cName in
        let entry = WalkEntry(
          path: pathBuffer, name: cName, parent: app.descriptor, parentStatus: parent,
          directory: nil,
          kind: status.kind, selection: .root(pattern: 0), status: status)
        try body(entry, status)
      }
    }
  }

  @Test(arguments: [false, true])
  func changesTheEntryItInspected(privileged: Bool) throws {
    let tree = try TemporaryTree()
    try tree.file("a")
    try withEntry(tree, "a") { entry, status in
      try SystemPermissionChanger(privileged: privileged).changeMode(
        of: entry, expected: status, to: 0o664)
    }
    #expect(tree.mode("a") == 0o664)
  }

  @Test func aPrivilegedChangerRefusesAnEntrySwappedAfterItWasInspected() throws {
    let tree = try TemporaryTree()
    try tree.file("selected")
    try tree.file("secret", mode: 0o600)
    try withEntry(tree, "selected") { entry, status in
      // Another process swaps the names between the inspection and the change.
      #expect(rename(tree.path("selected"), tree.path("moved")) == 0)
      #expect(rename(tree.path("secret"), tree.path("selected")) == 0)
      #expect(throws: ModeChangeError.replaced) {
        try SystemPermissionChanger(privileged: true).changeMode(
          of: entry, expected: status, to: 0o666)
      }
    }
    #expect(tree.mode("selected") == 0o600)
    #expect(tree.mode("moved") == 0o644)
  }

  @Test func refusesAnEntryThatBecameASymlinkOrAHardLink() throws {
    let tree = try TemporaryTree()
    let outside = try TemporaryTree()
    try outside.file("target", mode: 0o600)
    try tree.file("a")
    try tree.file("b")
    try withEntry(tree, "a") { entry, status in
      #expect(unlink(tree.path("a")) == 0)
      #expect(symlink(outside.path("target"), tree.path("a")) == 0)
      #expect(throws: ModeChangeError.replaced) {
        try SystemPermissionChanger(privileged: true).changeMode(
          of: entry, expected: status, to: 0o666)
      }
    }
    #expect(outside.mode("target") == 0o600)
    try withEntry(tree, "b") { entry, status in
      #expect(link(tree.path("b"), tree.path("b2")) == 0)
      #expect(throws: ModeChangeError.replaced) {
        try SystemPermissionChanger(privileged: true).changeMode(
          of: entry, expected: status, to: 0o666)
      }
    }
    #expect(tree.mode("b") == 0o644)
  }

  @Test func trustsANameOnlyWhereNobodyElseCanRenameAndNeverWhenPrivileged() throws {
    let tree = try TemporaryTree()
    try tree.file("a")
    try withEntry(tree, "a") { entry, _ in
      #expect(SystemPermissionChanger(privileged: false).mayUseName(entry))
      #expect(!SystemPermissionChanger(privileged: true).mayUseName(entry))
    }
    for mode: mode_t in [0o775, 0o757, 0o1777] {
      chmod(tree.root, mode)
      try withEntry(tree, "a") { entry, _ in
        #expect(!SystemPermissionChanger(privileged: false).mayUseName(entry))
      }
    }
    chmod(tree.root, 0o755)
  }

  @Test func holdsAnOwnedDirectoryClosedToGroupAndOthersOnlyWhenUnprivileged() throws {
    let tree = try TemporaryTree()
    try tree.directory("d", mode: 0o2777)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let directory = try app.descriptor.openDirectory("d")
    defer { directory.close() }
    func held(privileged: Bool) throws -> mode_t? {
      let status = try directory.status()
      return try Array("d".utf8).withUnsafeBufferPointer { path in
        try "d".withCString { name in
          let entry = WalkEntry(
            path: path, name: name, parent: app.descriptor,
            parentStatus: try app.descriptor.status(), directory: directory, kind: .directory,
            selection: .unselected, status: status)
          return SystemPermissionChanger(privileged: privileged).holdClosed(entry, status: status)
        }
      }
    }
    #expect(try held(privileged: true) == nil)
    #expect(tree.mode("d") == 0o2777)
    #expect(try held(privileged: false) == 0o2755)
    #expect(tree.mode("d") == 0o2755)
    #expect(try held(privileged: false) == nil)
    if geteuid() == 0 {
      // Another user's directory is theirs to close.
      #expect(fchown(directory.rawValue, 1001, 1000) == 0 && fchmod(directory.rawValue, 0o777) == 0)
      #expect(try held(privileged: false) == nil)
      #expect(tree.mode("d") == 0o777)
    }
  }

  @Test func vanishedEntriesAreSaidSo() throws {
    let tree = try TemporaryTree()
    try tree.file("a")
    try withEntry(tree, "a") { entry, status in
      #expect(unlink(tree.path("a")) == 0)
      #expect(throws: ModeChangeError.vanished) {
        try SystemPermissionChanger(privileged: true).changeMode(
          of: entry, expected: status, to: 0o666)
      }
    }
  }
}
