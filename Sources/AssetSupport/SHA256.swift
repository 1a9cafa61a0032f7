import Foundation

/// A SHA-256 digest as 64 lower-case hex characters: the identity of every blob and fingerprint.
package struct ContentHash: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    package let hex: String

    package init?(hex: String) {
        var hex = hex
        let valid = hex.withUTF8 { bytes in
            bytes.count == 64 && !bytes.contains { !(($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102)) }
        }
        guard valid else { return nil }
        self.hex = hex
    }

    init(bytes: some Sequence<UInt8>) {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        self.hex = String(decoding: out, as: UTF8.self)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = ContentHash(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256 hex digest: \(text.prefix(80))"))
        }
        self = hash
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// The first 12 hex digits, for humans.
    package var short: String { String(hex.prefix(12)) }
    package var description: String { hex }
    package static func < (lhs: ContentHash, rhs: ContentHash) -> Bool { lhs.hex < rhs.hex }
}

package enum SHA256 {
    /// Hashes bytes held in memory.
    package static func hash(_ data: some DataProtocol) -> ContentHash {
        let hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Hashes bytes in memory, without going through `DataProtocol`'s regions.
    package static func hash(_ buffer: UnsafeRawBufferPointer) -> ContentHash {
        let hasher = SHA256Hasher()
        hasher.update(buffer)
        return hasher.finalize()
    }

    package static func hash(_ string: String) -> ContentHash {
        let hasher = SHA256Hasher()
        hasher.update(string)
        return hasher.finalize()
    }

    /// Streams a file through the hasher in 1 MiB reads; memory stays flat whatever the file's size.
    package static func hash(fileAt path: String) throws -> ContentHash {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXFileError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        let hasher = SHA256Hasher()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXFileError(operation: "read", path: path, code: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize()
    }
}
