import Foundation
import TestSupport
import Testing

/// What depends on the process umask runs in a process of its own: the executable, started by a shell that
/// sets the umask first.
extension CommandLineTests {
  @Test(arguments: [0o000, 0o002, 0o022, 0o077] as [mode_t])
  func createdDirectoriesGetTheirModeWhateverTheUmask(umask: mode_t) throws {
    let tree = try TemporaryTree()
    try tree.file("src/main.rb")
    let result = try run(
      [
        "-c", "umask \(String(umask, radix: 8)) && exec \"$0\" \"$@\"", Self.executable.path,
        "apply", "--json", "--app", tree.root,
      ],
      environment: ["BP_GROUP_WRITABLE_CREATE": "tmp/pids"],
      launching: URL(fileURLWithPath: "/bin/sh"))
    #expect(result.status == 0, "\(result.errors)")
    #expect(tree.mode("tmp") == 0o755)
    #expect(tree.mode("tmp/pids") == 0o775)
    #expect(
      result.text.contains(#""created":[{"mode":493,"path":"tmp"},{"mode":509,"path":"tmp/pids"}]"#)
    )
  }
}
