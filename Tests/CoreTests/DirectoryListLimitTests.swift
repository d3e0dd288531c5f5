import ChildProcessSupport
import Core
import Testing

/// The `create` and `ephemeral` lists are capped in bytes as well as in entries: the report keeps them whole.
@Suite(.spawnedTOMLParser) struct DirectoryListLimitTests {
  /// `count` distinct entries of `length` bytes each.
  static func entries(_ count: Int, length: Int, prefix: String) -> [String] {
    (0..<count).map { index in
      let name = "\(prefix)\(1000 + index)"
      return name + String(repeating: "x", count: length - name.utf8.count)
    }
  }

  @Test func documentsTheNumber() {
    #expect(ConfigurationLimits.directoryListBytes == 64 << 10)
  }

  @Test(arguments: [ProjectSettingKey.create, .ephemeral])
  func acceptsAListOfExactlyTheLimit(key: ProjectSettingKey) throws {
    let list = Self.entries(16, length: 4_096, prefix: "k")
    let files = table("\(key.rawValue) = [\(list.map { "\"\($0)\"" }.joined(separator: ","))]")
    let configuration = try #require(configured(files, ["BP_GROUP_WRITABLE": "true"]))
    #expect((key == .create ? configuration.create : configuration.ephemeral).count == 16)
  }

  @Test(arguments: [
    (ProjectSettingKey.create, 0, SettingSource.key(.create, file: "project.toml", line: 2)),
    (.create, 15, .variable(.create)),
    (.ephemeral, 0, .key(.ephemeral, file: "project.toml", line: 2)),
    (.ephemeral, 15, .variable(.ephemeral)),
  ])
  func capsTheBytesOfEachList(key: ProjectSettingKey, inKey: Int, source: SettingSource) {
    let all = Self.entries(17, length: 4_096, prefix: "k")
    let keyed = inKey == 0 ? all : Array(all.prefix(inKey))
    let variable = inKey == 0 ? [] : Array(all.dropFirst(inKey))
    let files = table("\(key.rawValue) = [\(keyed.map { "\"\($0)\"" }.joined(separator: ","))]")
    let name = key == .create ? "BP_GROUP_WRITABLE_CREATE" : "BP_GROUP_WRITABLE_EPHEMERAL"
    let environment =
      variable.isEmpty ? ["BP_GROUP_WRITABLE": "true"] : [name: variable.joined(separator: ",")]
    #expect(
      decide(files, environment).error
        == .directoryListTooLong(key: key, limit: 64 << 10, source: source))
  }

  @Test func rendersTheError() {
    let error = ConfigurationError.directoryListTooLong(
      key: .create, limit: 64 << 10, source: .key(.create, file: "project.toml", line: 3))
    #expect(
      rendered(error) == """
        ! `create` directories too long in all
        !
        ! The `create` directories add up to more than 64 KiB (65536 bytes); the key \
        `utility.group-writable.create` (line 3) in `project.toml` went over the limit.
        !
        ! How to fix it:
        ! - Create fewer directories: a common parent with a pattern that selects it covers everything \
        below it.

        """)
  }
}
