import Foundation

/// The image formats the Gemini API accepts as references, recognised by their leading bytes, never by name.
package enum ImageFormat: String, Sendable, Codable, CaseIterable {
    case png, jpeg, webp, heic, heif

    package var mimeType: String { "image/\(rawValue)" }

    /// File extensions that promise this format.
    package var fileExtensions: [String] {
        switch self {
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .webp: ["webp"]
        case .heic: ["heic"]
        case .heif: ["heif"]
        }
    }

    /// The formats generate-assets writes outputs in.
    package static let writable: [ImageFormat] = [.png, .jpeg, .webp]

    package init?(mimeType: String) {
        let lower = mimeType.lowercased()
        if lower == "image/jpg" {
            self = .jpeg
            return
        }
        guard let format = ImageFormat.allCases.first(where: { $0.mimeType == lower }) else { return nil }
        self = format
    }

    package init?(fileExtension: String) {
        guard let format = Self.byExtension[fileExtension.lowercased()] else { return nil }
        self = format
    }

    /// Every extension in `fileExtensions`, to its format.
    private static let byExtension: [String: ImageFormat] = Dictionary(
        allCases.flatMap { format in format.fileExtensions.map { ($0, format) } },
        uniquingKeysWith: { first, _ in first })

    /// Recognises a format from the first bytes of a file (16 are enough).
    package static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let b = Array(bytes.prefix(16))
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) { return .webp }
        if b.count >= 12, Array(b[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: b[8..<12], as: UTF8.self)
            if ["heic", "heix", "hevc", "hevx", "heim", "heis"].contains(brand) { return .heic }
            if ["mif1", "msf1", "heif"].contains(brand) { return .heif }
        }
        return nil
    }

    /// Sniffs the first bytes of a file on disk.
    package static func sniff(fileAt path: String) -> ImageFormat? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 16)
        let count = read(fd, &head, 16)
        return count > 0 ? sniff(head[0..<count]) : nil
    }
}

/// Width and height in pixels.
package struct PixelSize: Sendable, Hashable, Codable, CustomStringConvertible {
    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    package var description: String { "\(width)×\(height)" }

    /// Reads a PNG's IHDR, a JPEG's SOF marker or a WebP's frame header; nil for other formats or damaged headers.
    package static func of(_ data: Data) -> PixelSize? {
        let bytes = [UInt8](data.prefix(64 * 1024))
        switch ImageFormat.sniff(bytes) {
        case .png:
            guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
            return PixelSize(width: Int(bigEndian32(bytes, 16)), height: Int(bigEndian32(bytes, 20)))
        case .jpeg:
            return jpegSize(bytes)
        case .webp:
            return webpSize(bytes)
        default:
            return nil
        }
    }

    private static func bigEndian32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    /// Reads the VP8 (lossy), VP8L (lossless) or VP8X (extended) header of a WebP file.
    private static func webpSize(_ b: [UInt8]) -> PixelSize? {
        guard b.count >= 30 else { return nil }
        switch String(decoding: b[12..<16], as: UTF8.self) {
        case "VP8 ":
            return PixelSize(
                width: (Int(b[26]) | Int(b[27]) << 8) & 0x3FFF, height: (Int(b[28]) | Int(b[29]) << 8) & 0x3FFF)
        case "VP8L":
            let bits = UInt32(b[21]) | UInt32(b[22]) << 8 | UInt32(b[23]) << 16 | UInt32(b[24]) << 24
            return PixelSize(width: Int(bits & 0x3FFF) + 1, height: Int(bits >> 14 & 0x3FFF) + 1)
        case "VP8X":
            return PixelSize(
                width: (Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16) + 1,
                height: (Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16) + 1)
        default:
            return nil
        }
    }

    private static func jpegSize(_ b: [UInt8]) -> PixelSize? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return PixelSize(width: Int(b[i + 7]) << 8 | Int(b[i + 8]), height: Int(b[i + 5]) << 8 | Int(b[i + 6]))
            }
            i += 2 + length
        }
        return nil
    }
}
