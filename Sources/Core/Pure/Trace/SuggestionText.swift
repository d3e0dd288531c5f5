import TOMLKit

/// A suggestion as the `project.toml` table to paste: `[utility.group-writable]` with `paths` and `create`.
public enum SuggestionText {
  private struct Project: Encodable {
    let utility: Utility
  }

  private struct Utility: Encodable {
    let groupWritable: Table

    enum CodingKeys: String, CodingKey {
      case groupWritable = "group-writable"
    }
  }

  private struct Table: Encodable {
    let paths: [String]?
    let create: [String]?
  }

  /// The table, or nil when the suggestion has neither patterns nor directories to create.
  public static func projectTOML(_ suggestion: PatternSuggestion) -> String? {
    guard !suggestion.paths.isEmpty || !suggestion.create.isEmpty else { return nil }
    let table = Table(
      paths: suggestion.paths.isEmpty ? nil : suggestion.paths,
      create: suggestion.create.isEmpty ? nil : suggestion.create)
    guard let text = try? TOMLEncoder().encode(Project(utility: Utility(groupWritable: table)))
    else { return nil }
    return text
  }
}
