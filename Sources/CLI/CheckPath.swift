import Core
import Patterns

/// A path given to `check`, normalised as git normalises a path it is given: `.` and empty components dropped,
/// `..` taking back the component before it, an absolute path taken relative to the app directory.
enum CheckPath {
  /// The app-relative path `text` names; throws `pathOutsideApp` when it leads out of the app directory `app`.
  static func resolve(_ text: String, app: String) throws(CommandFailure) -> RelativePath {
    var bytes = Array(text.utf8)
    if bytes.first == UInt8(ascii: "/") {
      let root = Array(ReportReader.absolutePath(app, workingDirectory: nil).utf8)
      let prefix = root == [UInt8(ascii: "/")] ? root : root + [UInt8(ascii: "/")]
      if bytes == root {
        bytes = []
      } else if bytes.starts(with: prefix) {
        bytes.removeFirst(prefix.count)
      } else {
        throw CommandFailure(.pathOutsideApp(path: text, app: app))
      }
    }
    var components: [ArraySlice<UInt8>] = []
    for component in bytes.split(separator: UInt8(ascii: "/"))
    where component != [UInt8(ascii: ".")] {
      if component.elementsEqual("..".utf8) {
        guard components.popLast() != nil else {
          throw CommandFailure(.pathOutsideApp(path: text, app: app))
        }
      } else {
        components.append(component)
      }
    }
    let joined = Array(components.joined(separator: [UInt8(ascii: "/")]))
    do {
      return try RelativePath(bytes: joined, allowingAppDirectory: true)
    } catch {
      throw CommandFailure(.pathOutsideApp(path: text, app: app))
    }
  }
}
