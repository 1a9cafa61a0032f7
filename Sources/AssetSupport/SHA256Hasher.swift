import Foundation

#if os(Linux)
    import CCrypto
#else
    import CommonCrypto
#endif

/// Incremental SHA-256: OpenSSL's libcrypto on Linux, which uses the CPU's SHA extensions where present;
/// CommonCrypto on Apple platforms, part of the system and hardware accelerated, so a Mac needs no OpenSSL.
/// The same known-answer and streaming tests (`SHA256Tests`) run on both.
package final class SHA256Hasher {
    #if os(Linux)
        private let context: OpaquePointer
    #else
        private var context = CC_SHA256_CTX()
    #endif

    package init() {
        #if os(Linux)
            context = EVP_MD_CTX_new()
            EVP_DigestInit_ex(context, Self.algorithm, nil)
        #else
            CC_SHA256_Init(&context)
        #endif
    }

    #if os(Linux)
        deinit { EVP_MD_CTX_free(context) }

        /// SHA-256 fetched from OpenSSL's provider once: `EVP_sha256()` is looked up again at every init (OpenSSL 3).
        nonisolated(unsafe) private static let algorithm: OpaquePointer? =
            EVP_MD_fetch(nil, "SHA256", nil) ?? EVP_sha256()
    #endif

    package func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        #if os(Linux)
            EVP_DigestUpdate(context, base, buffer.count)
        #else
            // CC_LONG is 32 bits: a larger buffer goes in pieces.
            var offset = 0
            while offset < buffer.count {
                let count = min(buffer.count - offset, 1 << 30)
                CC_SHA256_Update(&context, base + offset, CC_LONG(count))
                offset += count
            }
        #endif
    }

    package func update(_ data: some DataProtocol) {
        for region in data.regions { region.withUnsafeBytes { update($0) } }
    }

    package func update(_ string: String) {
        var copy = string
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    package func finalize() -> ContentHash {
        var digest = [UInt8](repeating: 0, count: 32)
        #if os(Linux)
            var length: UInt32 = 0
            EVP_DigestFinal_ex(context, &digest, &length)
            return ContentHash(bytes: digest.prefix(Int(length)))
        #else
            CC_SHA256_Final(&digest, &context)
            return ContentHash(bytes: digest)
        #endif
    }
}
