import Testing

@testable import FileSystem

/// Which of the attributes that decide access a listing holds.
@Suite struct AttributeSourceTests {
  @Test(
    arguments: [
      ("", 0),
      ("security.selinux\0", 0),
      ("system.posix_acl_access\0", 0b001),
      ("security.selinux\0system.posix_acl_default\0user.x\0", 0b010),
      ("security.capability\0system.posix_acl_access\0system.posix_acl_default\0", 0b111),
      // Longer and shorter names that share a prefix are other names.
      ("system.posix_acl_access2\0system.posix_acl\0security.capabilit\0", 0),
      // A listing cut without its last NUL still names its last attribute.
      ("user.a\0security.capability", 0b100),
      ("\0\0system.posix_acl_access\0\0", 0b001),
    ] as [(String, UInt32)])
  func findsTheDecidingNames(listing: String, expected: UInt32) {
    let bytes = Array(listing.utf8)
    let bits = bytes.withUnsafeBufferPointer { AttributeSource.decidingAttributes(in: $0) }
    #expect(bits == expected)
  }
}
