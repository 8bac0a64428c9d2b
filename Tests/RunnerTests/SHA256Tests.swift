import Foundation
import Testing
@testable import Runner

/// Expected digests are FIPS 180-2's published examples, a source
/// independent of the library under test.
@Suite("SHA-256 from the system library")
struct SHA256Tests {
    @Test("FIPS 180-2 examples: empty, \"abc\", the 448-bit message")
    func publishedVectors() {
        #expect(SHA256Hasher.hex(Data()) ==
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(Data("abc".utf8)) ==
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) ==
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("a million 'a' fed in uneven pieces gives the one-shot digest of FIPS 180-2")
    func streaming() {
        var hasher = SHA256Hasher()
        let sizes = [1, 63, 64, 65, 4096, 999]
        var fed = 0, i = 0
        while fed < 1_000_000 {
            let n = min(sizes[i % sizes.count], 1_000_000 - fed)
            hasher.update(Data(repeating: UInt8(ascii: "a"), count: n))
            fed += n; i += 1
        }
        #expect(fed == 1_000_000)
        #expect(hasher.finalizeHex() ==
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a cache key is 64 hex digits and changes with each of its inputs")
    func cacheKeys() {
        let base = Cache.key(program: "print(1)\n", libraryDigest: "abc123",
                             compilerVersion: "Swift version 6.3.1", flags: ["-Onone", "-g"])
        #expect(base.count == 64 && base.allSatisfy { "0123456789abcdef".contains($0) })
        let others = [
            Cache.key(program: "print(2)\n", libraryDigest: "abc123",
                      compilerVersion: "Swift version 6.3.1", flags: ["-Onone", "-g"]),
            Cache.key(program: "print(1)\n", libraryDigest: "abc124",
                      compilerVersion: "Swift version 6.3.1", flags: ["-Onone", "-g"]),
            Cache.key(program: "print(1)\n", libraryDigest: "abc123",
                      compilerVersion: "Swift version 6.3.2", flags: ["-Onone", "-g"]),
            Cache.key(program: "print(1)\n", libraryDigest: "abc123",
                      compilerVersion: "Swift version 6.3.1", flags: ["-Onone"]),
        ]
        #expect(Set(others + [base]).count == 5)
    }
}
