import ChildProcessSupport
import FileSystem
import Foundation
import TestSupport
import Testing

/// Reads real ACLs and capabilities through each of the reader's routes: descriptor, trusted name, handle.
@Suite struct ExtendedAccessReaderTests {
  /// Runs a tool from Debian's `acl` or `libcap2-bin` (scripts/install-test-tools installs them); its exit status.
  static func tool(_ name: String, _ arguments: [String]) -> IsolatedCall.Outcome {
    let directory = ["/usr/bin", "/usr/sbin", "/bin", "/sbin"].first {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
    let url = URL(fileURLWithPath: "\(directory ?? "/usr/bin")/\(name)")
    return SpawnedProcess.run(url, arguments, seconds: 30).outcome
  }

  func read(_ tree: TemporaryTree, _ name: String, privileged: Bool) throws -> ExtendedAccess {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let parent = try app.descriptor.status()
    let status = try app.descriptor.status(of: name)
    let directory = status.kind == .directory ? try app.descriptor.openDirectory(name) : nil
    defer { directory?.close() }
    let path = Array(name.utf8)
    return try path.withUnsafeBufferPointer { pathBuffer in
      try name.withCString { cName in
        var entry = WalkEntry(
          path: pathBuffer, name: cName, parent: app.descriptor, parentStatus: parent,
          directory: directory,
          kind: status.kind, selection: .root(pattern: 0), status: status)
        defer { entry.pathHandle?.close() }
        let access = try SystemPermissionChanger(privileged: privileged).extendedAccess(
          of: &entry, expected: status)
        // A privileged reader leaves the checked handle for the change; an unprivileged one reads by name.
        #expect((entry.pathHandle != nil) == (privileged && status.kind != .directory))
        return access
      }
    }
  }

  @Test(arguments: [false, true])
  func readsAnACLThatLetsANamedUserWrite(privileged: Bool) throws {
    let tree = try TemporaryTree()
    try tree.file("plain")
    try tree.file("shared")
    try tree.directory("uploads")
    try tree.file("readers")
    #expect(Self.tool("setfacl", ["-m", "u:1003:rw", tree.path("shared")]) == .returned(0))
    #expect(Self.tool("setfacl", ["-m", "u:1003:r", tree.path("readers")]) == .returned(0))
    #expect(Self.tool("setfacl", ["-d", "-m", "u:1003:rwx", tree.path("uploads")]) == .returned(0))
    #expect(try read(tree, "plain", privileged: privileged) == .none)
    #expect(
      try read(tree, "shared", privileged: privileged)
        == ExtendedAccess(hasAccessACL: true, namedWrite: true))
    #expect(try read(tree, "readers", privileged: privileged) == ExtendedAccess(hasAccessACL: true))
    #expect(
      try read(tree, "uploads", privileged: privileged) == ExtendedAccess(hasDefaultACL: true))
  }

  /// An ACL of 41 named users is 4 + 8 × 45 bytes: more than the first 256-byte buffer, read again in 64 KiB.
  @Test(arguments: [false, true])
  func readsAnACLLongerThanTheFirstBuffer(privileged: Bool) throws {
    let tree = try TemporaryTree()
    try tree.file("crowded")
    let readers = (2000..<2040).map { "u:\($0):r" }.joined(separator: ",")
    #expect(
      Self.tool("setfacl", ["-m", readers + ",u:3000:rw", tree.path("crowded")]) == .returned(0))
    #expect(
      try read(tree, "crowded", privileged: privileged)
        == ExtendedAccess(hasAccessACL: true, namedWrite: true))
  }

  /// Attribute names of more than 256 bytes in all: the first listing does not fit (`ERANGE`), and the names are
  /// listed again into 64 KiB, through each route (a directory through its descriptor).
  @Test(arguments: [false, true])
  func readsANameListLongerThanTheFirstBuffer(privileged: Bool) throws {
    let tree = try TemporaryTree()
    try tree.file("labelled")
    try tree.directory("shelves")
    let labels =
      "import os, sys\nfor path in sys.argv[1:]:\n  for i in range(8): os.setxattr(path, 'user.label-%d-' % i + 'x' * 40, b'v')"
    #expect(
      Self.tool("python3", ["-c", labels, tree.path("labelled"), tree.path("shelves")])
        == .returned(0))
    #expect(Self.tool("setfacl", ["-m", "u:1003:rw", tree.path("labelled")]) == .returned(0))
    #expect(Self.tool("setfacl", ["-d", "-m", "u:1003:rwx", tree.path("shelves")]) == .returned(0))
    #expect(
      try read(tree, "labelled", privileged: privileged)
        == ExtendedAccess(hasAccessACL: true, namedWrite: true))
    #expect(
      try read(tree, "shelves", privileged: privileged) == ExtendedAccess(hasDefaultACL: true))
  }

  @Test(
    .enabled(if: geteuid() == 0, "setting capabilities needs CAP_SETFCAP"),
    arguments: [false, true])
  func readsFileCapabilities(privileged: Bool) throws {
    let tree = try TemporaryTree()
    try tree.file("tool", mode: 0o755)
    #expect(Self.tool("setcap", ["cap_dac_override+ep", tree.path("tool")]) == .returned(0))
    #expect(try read(tree, "tool", privileged: privileged) == ExtendedAccess(hasCapabilities: true))
  }

  @Test func aPrivilegedReaderRefusesAnEntrySwappedAfterItWasInspected() throws {
    let tree = try TemporaryTree()
    try tree.file("selected")
    try tree.file("other")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let parent = try app.descriptor.status()
    let status = try app.descriptor.status(of: "selected")
    #expect(rename(tree.path("other"), tree.path("selected")) == 0)
    let path = Array("selected".utf8)
    path.withUnsafeBufferPointer { pathBuffer in
      "selected".withCString { cName in
        var entry = WalkEntry(
          path: pathBuffer, name: cName, parent: app.descriptor, parentStatus: parent,
          directory: nil,
          kind: .regular, selection: .root(pattern: 0), status: status)
        #expect(throws: ModeChangeError.replaced) {
          try SystemPermissionChanger(privileged: true).extendedAccess(of: &entry, expected: status)
        }
        #expect(entry.pathHandle == nil)
      }
    }
  }

  @Test func aPrivilegedChangeUsesTheHandleTheReaderCheckedWhateverTheNameNamesSince() throws {
    let tree = try TemporaryTree()
    try tree.file("selected")
    try tree.file("other", mode: 0o600)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let parent = try app.descriptor.status()
    let status = try app.descriptor.status(of: "selected")
    let path = Array("selected".utf8)
    try path.withUnsafeBufferPointer { pathBuffer in
      try "selected".withCString { cName in
        var entry = WalkEntry(
          path: pathBuffer, name: cName, parent: app.descriptor, parentStatus: parent,
          directory: nil,
          kind: .regular, selection: .root(pattern: 0), status: status)
        let changer = SystemPermissionChanger(privileged: true)
        _ = try changer.extendedAccess(of: &entry, expected: status)
        defer { entry.pathHandle?.close() }
        #expect(rename(tree.path("selected"), tree.path("moved")) == 0)
        #expect(rename(tree.path("other"), tree.path("selected")) == 0)
        try changer.changeMode(of: entry, expected: status, to: 0o664)
      }
    }
    #expect(tree.mode("moved") == 0o664)
    #expect(tree.mode("selected") == 0o600)
  }
}
