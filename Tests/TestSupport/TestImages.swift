import AssetProviders
import AssetSupport
import CZlib
import Foundation

/// Real image bytes for tests.
public enum TestImages {
    /// A small PNG whose pixels depend on `seed`.
    public static func png(width: Int = 8, height: Int = 8, seed: UInt8 = 1) -> Data {
        try! PNGEncoder.encode(width: width, height: height) { y, row in
            for x in 0..<width * 3 { row[x] = UInt8(truncatingIfNeeded: x &* 7 &+ y &* 13 &+ Int(seed) &* 31) }
        }
    }

    /// A PNG of random-looking pixels that barely compresses: about `width * height * 3` bytes.
    public static func noise(width: Int, height: Int, seed: UInt64) -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return try! PNGEncoder.encode(width: width, height: height) { _, row in
            for x in 0..<row.count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                row[x] = UInt8(truncatingIfNeeded: state)
            }
        }
    }

    /// The smallest JPEG header that sniffers and SOF readers accept (not decodable pixels).
    public static func jpegHeader(width: Int, height: Int) -> Data {
        Data(
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [
                0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
                0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xff), UInt8(width >> 8),
                UInt8(width & 0xff), 3,
                1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            ])
    }

    /// Inflates a PNG's IDAT stream and checks every chunk CRC; returns the raw scanline byte count.
    public static func decodedScanlineBytes(_ png: Data) -> Int? {
        let bytes = [UInt8](png)
        guard ImageFormat.sniff(bytes) == .png else { return nil }
        var offset = 8
        var idat = [UInt8]()
        while offset + 12 <= bytes.count {
            let length =
                Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            guard offset + 12 + length <= bytes.count else { return nil }
            let body = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            let stored =
                UInt32(bytes[offset + 8 + length]) << 24 | UInt32(bytes[offset + 9 + length]) << 16 | UInt32(
                    bytes[offset + 10 + length]) << 8 | UInt32(bytes[offset + 11 + length])
            guard UInt32(crc32(0, body, UInt32(body.count))) == stored else { return nil }
            if String(decoding: body[0..<4], as: UTF8.self) == "IDAT" { idat += body[4...] }
            offset += 12 + length
        }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var total = 0
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        idat.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(input.count)
            repeat {
                out.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    total += buffer.count - Int(stream.avail_out)
                }
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? total : nil
    }
}
