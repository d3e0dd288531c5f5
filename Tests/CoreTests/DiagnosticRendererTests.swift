import ChildProcessSupport
import Core
import Testing

@Suite(.spawnedTOMLParser) struct DiagnosticRendererTests {
  @Test func rendersTheHerokuStyleBlock() {
    let diagnostic = Diagnostic(
      title: "Invalid configuration in `project.toml`",
      detail: [
        "The key `utility.group-writable.setgid` (line 7) must be a boolean (true or false), "
          + "but it is a string."
      ],
      suggestions: ["Write `setgid = true` or `setgid = false`."])
    #expect(
      DiagnosticRenderer.render(diagnostic) == """
        ! Invalid configuration in `project.toml`
        !
        ! The key `utility.group-writable.setgid` (line 7) must be a boolean (true or false), \
        but it is a string.
        !
        ! How to fix it:
        ! - Write `setgid = true` or `setgid = false`.

        """)
  }

  @Test func prefixesWarnings() {
    let diagnostic = Diagnostic(
      severity: .warning, title: "Something odd", detail: ["One.", "Two."],
      suggestions: ["First.", "Second."])
    #expect(
      DiagnosticRenderer.render(diagnostic) == """
        ! Warning: Something odd
        !
        ! One.
        !
        ! Two.
        !
        ! How to fix it:
        ! - First.
        ! - Second.

        """)
  }

  @Test func rendersATitleAlone() {
    #expect(DiagnosticRenderer.render(Diagnostic(title: "Only a title")) == "! Only a title\n")
  }

  @Test func prefixesEveryLineOfAMultiLineParagraph() {
    let diagnostic = Diagnostic(title: "Title", detail: ["first\nsecond\n\nfourth"])
    #expect(
      DiagnosticRenderer.render(diagnostic) == """
        ! Title
        !
        ! first
        ! second
        !
        ! fourth

        """)
  }

  @Test func separatesSeveralBlocksWithAnEmptyLine() {
    let blocks = DiagnosticRenderer.render([
      Diagnostic(title: "One"), Diagnostic(severity: .warning, title: "Two"),
    ])
    #expect(blocks == "! One\n\n! Warning: Two\n")
  }

  @Test func rendersNothingForNoDiagnostics() {
    #expect(DiagnosticRenderer.render([Diagnostic]()) == "")
  }
}
