/// Decodes the test tables' notation: the text's UTF-8 bytes, where `{xNN}` (two hex digits)
/// stands for the single byte 0xNN, so that tables can hold invalid UTF-8 and control bytes.
func tableBytes(_ text: String) -> [UInt8] {
  let source = Array(text.utf8)
  var result: [UInt8] = []
  var index = 0
  while index < source.count {
    if source[index] == UInt8(ascii: "{"), index + 4 < source.count,
      source[index + 1] == UInt8(ascii: "x"), source[index + 4] == UInt8(ascii: "}"),
      let high = hexValue(source[index + 2]), let low = hexValue(source[index + 3])
    {
      result.append(high << 4 | low)
      index += 5
    } else {
      result.append(source[index])
      index += 1
    }
  }
  return result
}

private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
  default: return nil
  }
}
