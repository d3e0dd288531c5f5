import Testing

@testable import Core

/// The start-up check and `doctor` name the preset that selected a root they warn about.
@Suite struct PresetStartupMessageTests {
  @Test func aMissingRootNamesThePresetThatSelectedIt() {
    #expect(
      DiagnosticRenderer.render(
        RootCheck(root: "tmp/", problem: .missing).diagnostic(
          appPath: "/workspace", preset: "rails"))
          == """
          ! Warning: `tmp/` is missing
          !
          ! The build made `tmp/` group-writable, but it does not exist in the container.
          !
          ! The `rails` preset selected `tmp/`: Ruby on Rails writes there at run time.
          !
          ! How to fix it:
          ! - If the app creates it at run time, list its directory under `create` so the build makes it.

          """)
  }

  @Test(arguments: [
    ("rails", "Ruby on Rails"), ("laravel", "Laravel"), ("symfony", "Symfony"),
    ("django", "Django"),
    ("nextjs", "Next.js"), ("wordpress", "WordPress"),
  ])
  func namesEachPresetsFramework(preset: String, framework: String) {
    let detail = RootCheck(root: "log/", problem: .notGroupWritable(permissions: 0o755))
      .diagnostic(appPath: "/workspace", preset: preset).detail
    #expect(
      detail.last
        == "The `\(preset)` preset selected `log/`: \(framework) writes there at run time.")
  }

  @Test func aRootNoPresetSelectedIsWarnedAboutAsBefore() {
    let check = RootCheck(root: "tmp/", problem: .missing)
    #expect(
      check.diagnostic(appPath: "/workspace", preset: nil)
        == check.diagnostic(appPath: "/workspace"))
    #expect(check.diagnostic(appPath: "/workspace").detail.count == 1)
  }
}
