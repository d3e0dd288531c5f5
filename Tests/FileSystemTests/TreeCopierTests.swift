import FileSystem
import Foundation
import TestSupport
import Testing

@Suite struct TreeCopierTests {
  @Test func aFailureNamesTheEntryAndTheRestIsCopied() throws {
    let source = try TemporaryTree()
    let destination = try TemporaryTree()
    try source.file("x", contents: "1")
    try source.file("d/big", contents: "0123456789")
    try source.file("d/y", contents: "2")
    let from = try AppDirectory.open(source.root)
    defer { from.descriptor.close() }
    let into = try AppDirectory.open(destination.root)
    defer { into.descriptor.close() }
    var copier = TreeCopier(entryLimit: 100, byteLimit: 5)
    copier.copy(from: from.descriptor, into: into.descriptor)
    #expect(copier.failures == [CopyFailure(entry: Array("d/big".utf8), error: .fileTooLarge)])
    #expect(copier.failureCount == 1)
    #expect(try String(contentsOfFile: destination.path("x"), encoding: .utf8) == "1")
    #expect(try String(contentsOfFile: destination.path("d/y"), encoding: .utf8) == "2")
    #expect(!FileManager.default.fileExists(atPath: destination.path("d/big")))
  }

  @Test(arguments: [(2, 1, 1), (0, 1, 1)])
  func theEntryPastTheCapIsAFailureAndOnlyTheFirstAreKept(entryLimit: Int, failed: Int, kept: Int)
    throws
  {
    let source = try TemporaryTree()
    let destination = try TemporaryTree()
    for name in ["a", "b", "c"] { try source.file(name) }
    let from = try AppDirectory.open(source.root)
    defer { from.descriptor.close() }
    let into = try AppDirectory.open(destination.root)
    defer { into.descriptor.close() }
    var copier = TreeCopier(entryLimit: entryLimit, byteLimit: 100, failureLimit: 1)
    copier.copy(from: from.descriptor, into: into.descriptor)
    #expect(copier.failureCount == failed)
    #expect(copier.failures.count == kept)
    #expect(copier.failures.allSatisfy { $0.error == .fileTooLarge })
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: destination.root).count == entryLimit)
  }
}
