import Core
import Testing

@Suite struct CountTextTests {
  @Test(arguments: [
    (0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-1500, "-1,500"),
  ])
  func formatsNumbers(value: Int, expected: String) {
    #expect(CountText.number(value) == expected)
  }

  @Test func pluralises() {
    #expect(CountText.of(1, "file") == "1 file")
    #expect(CountText.of(2, "file") == "2 files")
    #expect(CountText.of(1, "entry", "entries") == "1 entry")
    #expect(CountText.of(1500, "entry", "entries") == "1,500 entries")
  }

  @Test func formatsModesAndChanges() {
    #expect(CountText.mode(0o775) == "775")
    #expect(CountText.mode(0o2775) == "2775")
    #expect(CountText.mode(0o40755) == "755")
    var sample = Sample<ModeChange>(limit: 1)
    sample.add(ModeChange(path: "tmp/", from: 0o777, to: 0o775))
    sample.add(ModeChange(path: "./", from: 0o777, to: 0o755))
    #expect(CountText.changes(sample) == "`./` 777 → 755 and 1 more")
  }
}
