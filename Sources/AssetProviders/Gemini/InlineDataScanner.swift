import AssetSupport
import Foundation

/// Answers carrying 4K images are tens of megabytes of JSON, nearly all of it base64. Parsing them whole
/// would hold several copies of each image. This lifts every `"data": "<base64>"` value out of the raw
/// bytes, leaving a small skeleton for JSONSerialization in which each value reads `#N`; only the chosen
/// image is then decoded, once, straight from the raw bytes.
struct InlineDataScanner {
    let body: Data
    private(set) var ranges: [Range<Int>] = []
    private(set) var skeleton = Data()

    init(_ body: Data) {
        self.body = body
        let key = Array(#""data""#.utf8)
        body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var copiedUpTo = 0
            var index = 0
            while index + key.count < bytes.count {
                guard bytes[index] == key[0], bytes[index + 1] == key[1],
                    Array(bytes[index..<(index + key.count)]) == key
                else {
                    index += 1
                    continue
                }
                var cursor = index + key.count
                while cursor < bytes.count,
                    bytes[cursor] == 0x20 || bytes[cursor] == 0x0A || bytes[cursor] == 0x0D || bytes[cursor] == 0x09
                { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else {
                    index += 1
                    continue
                }
                cursor += 1
                while cursor < bytes.count,
                    bytes[cursor] == 0x20 || bytes[cursor] == 0x0A || bytes[cursor] == 0x0D || bytes[cursor] == 0x09
                { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else {
                    index += 1
                    continue
                }
                let start = cursor + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                guard end < bytes.count else { break }
                skeleton.append(contentsOf: bytes[copiedUpTo..<start])
                skeleton.append(contentsOf: Array("#\(ranges.count)".utf8))
                ranges.append(start..<end)
                copiedUpTo = end
                index = end + 1
            }
            skeleton.append(contentsOf: bytes[copiedUpTo..<bytes.count])
        }
    }

    /// Decodes value `#N` (standard or URL-safe base64; `\/` escapes allowed).
    func decode(_ placeholder: String) -> Data? {
        guard placeholder.hasPrefix("#"), let index = Int(placeholder.dropFirst()), ranges.indices.contains(index)
        else {
            return Data(base64AnyAlphabet: placeholder)
        }
        let slice = body[ranges[index].lowerBound..<ranges[index].upperBound]
        if let data = Data(base64Encoded: slice) { return data }
        var text = String(decoding: slice, as: UTF8.self)
        text = text.replacingOccurrences(of: "\\/", with: "/")
        return Data(base64AnyAlphabet: text)
    }

    /// `object` with every `#N` data value put back as the exact base64 text the body held (JSON's `\/` read
    /// as `/`): the model's content as answered, for a later turn to replay without decoding an image.
    func restoring(_ object: Any) -> Any {
        if let dictionary = object as? [String: Any] {
            var copy: [String: Any] = [:]
            for (key, value) in dictionary {
                if key == "data", let placeholder = value as? String, placeholder.hasPrefix("#"),
                    let index = Int(placeholder.dropFirst()), ranges.indices.contains(index)
                {
                    copy[key] = String(decoding: body[ranges[index]], as: UTF8.self)
                        .replacingOccurrences(of: "\\/", with: "/")
                } else {
                    copy[key] = restoring(value)
                }
            }
            return copy
        }
        if let array = object as? [Any] { return array.map(restoring) }
        return object
    }
}
