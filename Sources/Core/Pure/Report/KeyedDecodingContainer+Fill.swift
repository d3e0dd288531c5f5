extension KeyedDecodingContainer {
  /// Replaces `value` with the one under `key` when the key is there; a missing key keeps `value`.
  func fill<Value: Decodable>(_ value: inout Value, _ key: Key) throws {
    if let decoded = try decodeIfPresent(Value.self, forKey: key) { value = decoded }
  }
}
