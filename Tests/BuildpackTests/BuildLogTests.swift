import Buildpack
import Testing

@Suite struct BuildLogTests {
  @Test(arguments: [
    (0.0, "0.00s"), (0.004, "0.00s"), (0.016, "0.02s"), (1.234, "1.23s"), (9.999, "10.00s"),
    (12.34, "12.3s"), (59.94, "59.9s"), (65, "1m 5s"), (3600, "60m 0s"),
  ])
  func formatsDurations(seconds: Double, expected: String) {
    #expect(BuildLog.duration(seconds) == expected)
  }

  @Test func writesHerokuStyleLines() {
    var text = ""
    let log = BuildLog { text += $0 }
    log.header("Group-Writable Paths", version: "1.2.3")
    log.section("Selecting paths")
    log.item("`tmp/`")
    log.done(seconds: 0.25)
    #expect(
      text == """
        ## Group-Writable Paths (v1.2.3)

        - Selecting paths
          - `tmp/`
        - Done (finished in 0.25s)

        """)
  }
}
