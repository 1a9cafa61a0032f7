/// A strict reader of JSON text, for hot paths that know the shape they expect (the lock file).
///
/// It is deliberately narrow: every method answers nil or false on anything it does not handle exactly
/// as `JSONDecoder` would (a fraction where an integer is expected, a lone surrogate, a byte-order mark…;
/// duplicate keys are for the caller to refuse). Its callers then decode the same bytes with `JSONDecoder`, which stays the judge of
/// unusual input and the author of every error message.
package struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Objects and arrays open at the position: deeper than `maxDepth` is left to `JSONDecoder`, so a
    /// hostile file cannot exhaust the stack of this recursive reader.
    private var depth = 0
    package static let maxDepth = 64

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Consumes `byte` (after white space) if it comes next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Where the next value starts (white space skipped): with `offset` after reading it, the value's bytes.
    package mutating func valueStart() -> Int {
        skipWhitespace()
        return position
    }

    /// How far the scanner has read.
    package var offset: Int { position }

    /// Checks a string without building it (but for one with escapes or non-ASCII bytes, which is built):
    /// true when it is one, and `test` (if any) accepts its UTF-8.
    package mutating func checkString(_ test: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil) -> Bool {
        guard peek() == Self.quote else { return false }
        var end = position + 1
        while end < bytes.count, bytes[end] != Self.quote, bytes[end] != Self.backslash, bytes[end] >= 0x20,
            bytes[end] < 0x80
        { end += 1 }
        guard end < bytes.count, bytes[end] == Self.quote else {
            guard var text = string() else { return false }  // escapes or non-ASCII: the full reading
            return test.map { test in text.withUTF8 { test($0) } } ?? true
        }
        defer { position = end + 1 }
        return test?(UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end])) ?? true
    }

    /// True when only white space is left.
    package mutating func isAtEnd() -> Bool { peek() == nil }

    /// True, and consumed, when the next value is `null`.
    package mutating func null() -> Bool { literal("null") }

    package mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
        let end = position + count
        if end < bytes.count, Self.isWordByte(bytes[end]) { return false }
        position = end
        return true
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2E || byte == 0x2D || byte == 0x2B
    }

    /// A whole number written without a fraction or exponent.
    package mutating func int() -> Int? {
        skipWhitespace()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digits = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        let count = position - digits
        guard count > 0, count <= 18, count == 1 || bytes[digits] != 0x30 else { return nil }
        if position < bytes.count, Self.isWordByte(bytes[position]) { return nil }
        var value = 0
        for index in digits..<position { value = value * 10 + Int(bytes[index] - 0x30) }
        return digits > start ? -value : value
    }

    /// A string; its escapes decoded, its UTF-8 validated.
    package mutating func string() -> String? {
        guard consume(Self.quote) else { return nil }
        let start = position
        var high: UInt8 = 0  // every byte OR-ed: below 0x80 means ASCII, which needs no validation
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                defer { position += 1 }
                let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
                return high < 0x80 ? String(decoding: text, as: UTF8.self) : Self.validated(text)
            }
            if byte == Self.backslash { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            high |= byte
            position += 1
        }
        return nil
    }

    /// The text if it is valid UTF-8, else nil (where `JSONDecoder` reports an error).
    private static func validated(_ bytes: some Collection<UInt8>) -> String? {
        String(validUTF8: bytes)
    }

    /// The rest of a string that holds escapes, from its first byte.
    private mutating func escapedString(from start: Int) -> String? {
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case Self.quote: return Self.validated(out)
            case Self.backslash:
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                out.append(byte)
            }
        }
        return nil
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` for a surrogate pair. Lone surrogates: nil.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if high < 0xD800 || high > 0xDFFF { return Unicode.Scalar(high) }
        guard high < 0xDC00, position + 2 <= bytes.count, bytes[position] == Self.backslash,
            bytes[position + 1] == UInt8(ascii: "u")
        else { return nil }
        position += 2
        guard let low = hex4(), low >= 0xDC00, low <= 0xDFFF else { return nil }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Calls `member` with each key of an object, the scanner placed at its value; `member` must consume
    /// the value and answer true. False for anything else. Keys written twice are passed twice: a caller whose
    /// answer depends on them must refuse the second (`JSONDecoder` keeps the first).
    package mutating func object(_ member: (inout JSONScanner, String) -> Bool) -> Bool {
        guard depth < Self.maxDepth, consume(UInt8(ascii: "{")) else { return false }
        depth += 1
        defer { depth -= 1 }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), member(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// Calls `element` with the scanner placed at each item of an array; `element` must consume it.
    package mutating func array(_ element: (inout JSONScanner) -> Bool) -> Bool {
        guard depth < Self.maxDepth, consume(UInt8(ascii: "[")) else { return false }
        depth += 1
        defer { depth -= 1 }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }

    /// The next value's bytes, checked as by `skipValue()`; nil when it is not a value.
    package mutating func rawValue() -> [UInt8]? {
        let start = valueStart()
        guard skipValue() else { return nil }
        return Array(bytes[start..<position])
    }

    /// Skips any one value, checking its syntax.
    package mutating func skipValue() -> Bool {
        switch peek() {
        case Self.quote: return string() != nil
        case UInt8(ascii: "{"): return object { scanner, _ in scanner.skipValue() }
        case UInt8(ascii: "["): return array { $0.skipValue() }
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return bool() != nil
        case UInt8(ascii: "n"): return null()
        default: return number()
        }
    }

    /// Skips a number: `-? int frac? exp?`.
    private mutating func number() -> Bool {
        func digits() -> Int {
            let start = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - start
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let first = position
        let count = digits()
        guard count > 0, count == 1 || bytes[first] != 0x30 else { return false }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return false }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { return false }
        }
        return position >= bytes.count || !Self.isWordByte(bytes[position])
    }
}
