import Foundation

/// Writes any `Encodable` as `JSONText` does (`JSONEncoder` with pretty printing, sorted keys and unescaped
/// slashes), byte for byte, several times faster on Linux: `status --json` and the lock file hold a record
/// per asset.
///
/// It handles the shapes this project encodes and declines the rest by throwing, whereupon `JSONText` asks
/// `JSONEncoder`: keys that are not ASCII (their sort order), a key written twice, `Data`, `URL`, `Date`,
/// `Decimal`, super-encoders. Every floating-point number is formatted by `JSONEncoder` itself (remembered
/// per value), so numbers read exactly as before. `JSONWriterTests` compares the two writers.
enum JSONWriter {
    struct Declined: Error {}

    static func encode(_ value: some Encodable) throws -> Data {
        let shared = Shared()
        let root = try shared.box(value)
        guard !shared.declined else { throw Declined() }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        try write(root, indent: 0, into: &out)
        return Data(out)
    }

    /// A value being built. Containers are references: a nested container is filled after it is placed.
    enum Value {
        case literal(String)  // a number, `true`, `false` or `null`, as written
        case string(String)
        case array(ArrayBox)
        case object(ObjectBox)
    }

    final class ArrayBox { var items: [Value] = [] }
    final class ObjectBox {
        var pairs: [(key: String, value: Value)] = []
        init() { pairs.reserveCapacity(16) }
    }

    /// State of one encoding: the floating-point numbers formatted so far, and whether anything was declined.
    final class Shared {
        var declined = false
        private var doubles: [UInt64: String] = [:]
        private var floats: [UInt32: String] = [:]

        func double(_ value: Double) throws -> Value {
            if let known = doubles[value.bitPattern] { return .literal(known) }
            let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            doubles[value.bitPattern] = text
            return .literal(text)
        }

        func float(_ value: Float) throws -> Value {
            if let known = floats[value.bitPattern] { return .literal(known) }
            let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            floats[value.bitPattern] = text
            return .literal(text)
        }

        func box<T: Encodable>(_ value: T) throws -> Value {
            // Type comparisons first: a cast that fails costs more than one that is not tried.
            if T.self == String.self { return .string(value as! String) }
            if T.self == Double.self { return try double(value as! Double) }
            if T.self == Int.self { return .literal(String(value as! Int)) }
            if T.self == Bool.self { return .literal(value as! Bool ? "true" : "false") }
            if T.self == Float.self { return try float(value as! Float) }
            if T.self == Data.self || T.self == URL.self || T.self == Date.self || T.self == Decimal.self {
                throw Declined()
            }
            let encoder = ValueEncoder(shared: self)
            try value.encode(to: encoder)
            return encoder.value ?? .object(ObjectBox())
        }
    }

    static func write(_ value: Value, indent: Int, into out: inout [UInt8]) throws {
        switch value {
        case .literal(let text): append(text, to: &out)
        case .string(let text): writeString(text, into: &out)
        case .array(let box):
            try box.items.withUnsafeBufferPointer { items in
                try writeContainer("[", "]", count: items.count, indent: indent, into: &out) { index, out in
                    try write(items[index], indent: indent + 2, into: &out)
                }
            }
        case .object(let box):
            box.pairs.sort { $0.key < $1.key }  // in place; ASCII keys only (see `put`): the byte order
            try box.pairs.withUnsafeBufferPointer { pairs in
                for index in pairs.indices.dropFirst() where pairs[index].key == pairs[index - 1].key {
                    throw Declined()
                }
                try writeContainer("{", "}", count: pairs.count, indent: indent, into: &out) { index, out in
                    writeString(pairs[index].key, into: &out)
                    append(" : ", to: &out)
                    try write(pairs[index].value, indent: indent + 2, into: &out)
                }
            }
        }
    }

    /// `[`, one item a line at `indent + 2`, `]`; an empty container keeps an empty line, as `JSONEncoder` writes it.
    static func writeContainer(
        _ open: Unicode.Scalar, _ close: Unicode.Scalar, count: Int, indent: Int, into out: inout [UInt8],
        item: (Int, inout [UInt8]) throws -> Void
    ) rethrows {
        out.append(UInt8(ascii: open))
        out.append(0x0A)
        if count == 0 { out.append(0x0A) }
        for index in 0..<count {
            out.append(contentsOf: repeatElement(0x20, count: indent + 2))
            try item(index, &out)
            if index < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        out.append(contentsOf: repeatElement(0x20, count: indent))
        out.append(UInt8(ascii: close))
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        withUTF8(text) { out.append(contentsOf: $0) }
    }

    /// The string's UTF-8 in place (a copy only for a string not stored as UTF-8).
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// A quoted string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`; `/` as is.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        withUTF8(text) { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    out.append(contentsOf: [
                        0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)],
                    ])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
