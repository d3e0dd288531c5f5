import ChildProcessSupport
import Core
import Testing

@Suite(.spawnedTOMLParser) struct ConfigurationWarningDiagnosticTests {
  @Test func rendersAnUnknownKeyWithASuggestion() {
    let warning = ConfigurationWarning.unknownKey(
      file: "project.toml", key: "path-file", line: 3, suggestion: .pathsFile)
    #expect(
      rendered(warning) == """
        ! Warning: Unknown key in `project.toml`
        !
        ! The key `utility.group-writable.path-file` (line 3) is not a known setting and is \
        ignored.
        !
        ! Known keys: `paths`, `paths-file`, `create`, `setgid`, `enabled`, `keep-world-writable`, \
        `exclusive`, `sqlite-directories`, `audit`, `ephemeral`, `ephemeral-base`, `presets`.
        !
        ! How to fix it:
        ! - Did you mean `paths-file`?

        """)
    #expect(warning.diagnostic.severity == .warning)
  }

  @Test func rendersAnUnknownKeyWithoutSuggestionOrLine() {
    let warning = ConfigurationWarning.unknownKey(
      file: "project.toml", key: "odd \"key\"\n", line: nil, suggestion: nil)
    #expect(
      rendered(warning) == """
        ! Warning: Unknown key in `project.toml`
        !
        ! The key `utility.group-writable."odd \\\\"key\\\\"\\n"` (in table \
        `[utility.group-writable]`) is not a known setting and is ignored.
        !
        ! Known keys: `paths`, `paths-file`, `create`, `setgid`, `enabled`, `keep-world-writable`, \
        `exclusive`, `sqlite-directories`, `audit`, `ephemeral`, `ephemeral-base`, `presets`.
        !
        ! How to fix it:
        ! - Remove the key, or rename it to one of the known keys.

        """)
  }

  @Test func rendersNothingSelected() {
    #expect(
      rendered(ConfigurationWarning.nothingSelected) == """
        ! Warning: Nothing to make group-writable
        !
        ! The buildpack is opted in, but no patterns and no `create` directories are \
        configured, so no path will be made group-writable.
        !
        ! How to fix it:
        ! - Add `paths`, `paths-file` or `create` to the `[utility.group-writable]` table in \
        `project.toml`, or set `BP_GROUP_WRITABLE_PATHS`.

        """)
  }
}
