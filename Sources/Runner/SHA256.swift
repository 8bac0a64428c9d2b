import Foundation
#if canImport(CryptoKit)
import CryptoKit
#else
import CLibcrypto
#endif

/// SHA-256 from the operating system's own crypto library: CryptoKit on Apple
/// platforms, OpenSSL's libcrypto elsewhere (found by pkg-config; Debian's
/// `libssl-dev`). Building swift-crypto for one digest cost a fresh clone
/// ~42 s of BoringSSL; libcrypto is already on every machine Swift runs on
/// (the toolchain's FoundationNetworking links curl, which links it).
///
/// The digest is the same function as before, so cache keys are byte for
/// byte what swift-crypto produced.
struct SHA256Hasher: ~Copyable {
    #if canImport(CryptoKit)
    private var hasher = CryptoKit.SHA256()
    #else
    private let context: OpaquePointer
    #endif

    init() {
        #if !canImport(CryptoKit)
        // Only allocation can fail here; without memory there is nothing to recover.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not start a SHA-256 digest")
        }
        self.context = context
        #endif
    }

    deinit {
        #if !canImport(CryptoKit)
        EVP_MD_CTX_free(context)
        #endif
    }

    mutating func update(_ data: Data) {
        #if canImport(CryptoKit)
        hasher.update(data: data)
        #else
        let ok = data.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        precondition(ok == 1, "OpenSSL refused a SHA-256 update")
        #endif
    }

    /// The digest as 64 lowercase hexadecimal digits.
    consuming func finalizeHex() -> String {
        #if canImport(CryptoKit)
        let bytes = Array(hasher.finalize())
        #else
        var bytes = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = EVP_DigestFinal_ex(context, &bytes, &length)
        precondition(ok == 1 && length == 32, "OpenSSL did not finish a SHA-256 digest")
        bytes.removeLast(bytes.count - Int(length))
        #endif
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of `data` as hexadecimal.
    static func hex(_ data: Data) -> String {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalizeHex()
    }
}
