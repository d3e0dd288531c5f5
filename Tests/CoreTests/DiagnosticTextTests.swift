import Core
import Testing

@Suite struct DiagnosticTextTests {
  @Test(arguments: [
    ("plain/path", "plain/path"),
    ("line\nbreak", #"line\nbreak"#),
    ("tab\there", #"tab\there"#),
    ("carriage\rreturn", #"carriage\rreturn"#),
    ("nul\u{0}byte", #"nul\x00byte"#),
    ("bell\u{7}", #"bell\x07"#),
    ("escape\u{1B}[31m", #"escape\x1B[31m"#),
    ("delete\u{7F}", #"delete\x7F"#),
    ("next line\u{85}", #"next line\u{85}"#),
    ("override\u{202E}txt", #"override\u{202E}txt"#),
    ("isolate\u{2066}", #"isolate\u{2066}"#),
    ("arabic mark\u{61C}", #"arabic mark\u{61C}"#),
    ("line\u{2028}separator", #"line\u{2028}separator"#),
    ("paragraph\u{2029}separator", #"paragraph\u{2029}separator"#),
    ("zero\u{200B}width", #"zero\u{200B}width"#),
    ("soft\u{AD}hyphen", #"soft\u{AD}hyphen"#),
    ("no-break\u{A0}space", #"no-break\u{A0}space"#),
    ("ideographic\u{3000}space", #"ideographic\u{3000}space"#),
    ("private\u{E000}use", #"private\u{E000}use"#),
    ("byte order\u{FEFF}mark", #"byte order\u{FEFF}mark"#),
    ("tag\u{E0041}letter", #"tag\u{E0041}letter"#),
    ("café ünïcödé ✓", "café ünïcödé ✓"),
    (#"back\slash"#, #"back\\slash"#),
  ])
  func escapesControlCharacters(value: String, expected: String) {
    #expect(DiagnosticText.escaped(value) == expected)
  }

  @Test(arguments: [
    ([0x61, 0xFF, 0x62] as [UInt8], #"a\xFFb"#),
    ([0xE2, 0x82], #"\xE2\x82"#),
    ([0xC3, 0xA9, 0x80], #"é\x80"#),
    ([0xED, 0xA0, 0x80], #"\xED\xA0\x80"#),
    ([0x0A, 0x00], #"\n\x00"#),
    ([], ""),
  ])
  func escapesInvalidUTF8(bytes: [UInt8], expected: String) {
    #expect(DiagnosticText.escaped(bytes: bytes) == expected)
  }

  @Test func quotesInBackticks() {
    #expect(DiagnosticText.code("a\tb") == #"`a\tb`"#)
    #expect(DiagnosticText.code(bytes: [0x78, 0xFE]) == #"`x\xFE`"#)
  }

  @Test(arguments: [
    (1 << 20, "1 MiB (1048576 bytes)"),
    (3 << 20, "3 MiB (3145728 bytes)"),
    ((1 << 20) + 1, "1048577 bytes"),
    (64 << 10, "64 KiB (65536 bytes)"),
    (4_096, "4 KiB (4096 bytes)"),
    (1000, "1000 bytes"),
    (1, "1 byte"),
    (0, "0 bytes"),
  ])
  func formatsByteCounts(count: Int, expected: String) {
    #expect(DiagnosticText.byteCount(count) == expected)
  }
}
