import CZlib
import Foundation

/// Writes 8-bit RGB PNGs row by row through zlib, so memory stays at one row plus zlib's window.
package struct PNGEncoder {
    package enum EncodingError: Error { case zlib(Int32) }

    /// Encodes a `width`×`height` image; `row(y, buffer)` fills `buffer` with `width * 3` RGB bytes.
    /// `text` becomes tEXt chunks (Latin-1 keyword and value).
    package static func encode(
        width: Int, height: Int, text: [(String, String)] = [], row: (Int, inout [UInt8]) -> Void
    )
        throws -> Data
    {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // 8-bit, RGB, deflate, adaptive filters, no interlace
        appendChunk("IHDR", header, to: &png)
        for (keyword, value) in text {
            appendChunk("tEXt", Data(keyword.utf8) + Data([0]) + Data(value.utf8), to: &png)
        }

        var stream = z_stream()
        var status = deflateInit_(&stream, 6, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw EncodingError.zlib(status) }
        defer { deflateEnd(&stream) }
        let stride = width * 3
        var current = [UInt8](repeating: 0, count: stride)
        var previous = [UInt8](repeating: 0, count: stride)
        var filtered = [UInt8](repeating: 0, count: stride + 1)
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var idat = Data()

        func pump(_ flush: Int32) throws {
            repeat {
                let produced: Int = try out.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    status = deflate(&stream, flush)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw EncodingError.zlib(status)
                    }
                    return buffer.count - Int(stream.avail_out)
                }
                idat.append(contentsOf: out[0..<produced])
                if idat.count >= 1 << 16 {
                    appendChunk("IDAT", idat, to: &png)
                    idat.removeAll(keepingCapacity: true)
                }
            } while stream.avail_out == 0
        }

        for y in 0..<height {
            row(y, &current)
            // Filter "Up": rows that repeat the one above compress to almost nothing.
            filtered[0] = 2
            for x in 0..<stride { filtered[x + 1] = current[x] &- previous[x] }
            try filtered.withUnsafeMutableBufferPointer { buffer in
                stream.next_in = buffer.baseAddress
                stream.avail_in = UInt32(buffer.count)
                try pump(Z_NO_FLUSH)
            }
            swap(&current, &previous)
        }
        stream.next_in = nil
        stream.avail_in = 0
        repeat { try pump(Z_FINISH) } while status != Z_STREAM_END
        if !idat.isEmpty { appendChunk("IDAT", idat, to: &png) }
        appendChunk("IEND", Data(), to: &png)
        return png
    }

    static func appendChunk(_ type: String, _ body: Data, to png: inout Data) {
        png.appendBigEndian(UInt32(body.count))
        let typeBytes = Data(type.utf8)
        png.append(typeBytes)
        png.append(body)
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBytes { crc32(crc, $0.bindMemory(to: UInt8.self).baseAddress, UInt32($0.count)) }
        crc = body.withUnsafeBytes { crc32(crc, $0.bindMemory(to: UInt8.self).baseAddress, UInt32($0.count)) }
        png.appendBigEndian(UInt32(crc))
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [
            UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff),
        ])
    }
}
