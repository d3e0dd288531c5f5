import TOMLKit

/// The identity fields of buildpack.toml that the executable reports about itself.
struct BuildpackDescriptor {
  /// `buildpack.id`.
  let id: String
  /// `buildpack.name`.
  let name: String
  /// `buildpack.version`, a semantic version.
  let version: String

  /// Parses the identity fields out of the text of a buildpack.toml.
  init(parsing text: String) throws(GeneratorError) {
    let document: TOMLTable
    do {
      document = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw .invalidTOML(
        description: error.description,
        line: error.source.begin.line,
        column: error.source.begin.column)
    } catch {
      throw .invalidTOML(description: "\(error)", line: 0, column: 0)
    }
    guard let buildpack = document["buildpack"] else { throw .missingKey("buildpack") }
    guard let table = buildpack.table else { throw .notATable("buildpack") }
    id = try Self.string(table, "id")
    name = try Self.string(table, "name")
    version = try Self.string(table, "version")
    guard Self.isSemanticVersion(version) else { throw .invalidVersion(version) }
  }

  /// The non-empty string at `buildpack.<key>`.
  private static func string(_ table: TOMLTable, _ key: String) throws(GeneratorError) -> String {
    guard let value = table[key] else { throw .missingKey("buildpack.\(key)") }
    guard let string = value.string, !string.isEmpty else {
      throw .notANonEmptyString("buildpack.\(key)")
    }
    return string
  }

  /// Whether `text` is MAJOR.MINOR.PATCH with optional `-prerelease` and `+build` parts (semver 2.0).
  private static func isSemanticVersion(_ text: String) -> Bool {
    let (withoutBuild, build) = split(text[...], at: "+")
    let (core, prerelease) = split(withoutBuild, at: "-")
    let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
    let coreIsValid =
      numbers.count == 3
      && numbers.allSatisfy { number in
        !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
          && (number == "0" || number.first != "0")
      }
    return coreIsValid && identifiersAreValid(prerelease) && identifiersAreValid(build)
  }

  /// `text` split at the first `separator`; the second part is nil when there is none.
  private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
    guard let index = text.firstIndex(of: separator) else { return (text, nil) }
    return (text[..<index], text[text.index(after: index)...])
  }

  /// Whether every dot-separated identifier is non-empty ASCII alphanumerics or hyphens.
  private static func identifiersAreValid(_ part: Substring?) -> Bool {
    guard let part else { return true }
    return part.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { identifier in
      !identifier.isEmpty
        && identifier.allSatisfy { $0.isASCIIDigit || $0.isASCIILetter || $0 == "-" }
    }
  }
}

extension Character {
  /// Whether this is one of `0`...`9`.
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
  /// Whether this is one of `a`...`z`, `A`...`Z`.
  fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}
