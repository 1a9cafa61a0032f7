import Foundation

/// Serializes a request body with its inline images spliced in as bytes. JSONSerialization checks every
/// character of a string for escaping; for inline images (megabytes of base64, whose alphabet never needs
/// escaping, `/` included under `.withoutEscapingSlashes`) that was most of a Batch submit's time. Each image
/// is replaced by a marker while the rest is serialized, then put back: the bytes are exactly
/// JSONSerialization's (tested against it).
enum InlineDataSplice {
    /// Strings shorter than this are left to JSONSerialization.
    static let threshold = 1024
    /// Unique to this process, so no prompt can contain a marker.
    static let marker = "ga-inline-\(UUID().uuidString)-"

    static func encode(_ body: [String: Any], options: JSONSerialization.WritingOptions) throws -> Data {
        var images: [String] = []
        let skeleton = try JSONSerialization.data(withJSONObject: strip(body, into: &images), options: options)
        guard !images.isEmpty else { return skeleton }
        var out = Data(capacity: skeleton.count + images.reduce(0) { $0 + $1.utf8.count })
        let prefix = Data(marker.utf8)
        var position = skeleton.startIndex
        while let found = skeleton.range(of: prefix, in: position..<skeleton.endIndex) {
            var end = found.upperBound
            var index = 0
            while end < skeleton.endIndex, let digit = Self.digit(skeleton[end]) {
                index = index * 10 + digit
                end += 1
            }
            out.append(skeleton[position..<found.lowerBound])
            out.append(contentsOf: images[index].utf8)
            position = end
        }
        out.append(skeleton[position...])
        return out
    }

    /// The body with each long `inlineData.data` string replaced by its marker, the strings in `images`.
    static func strip(_ value: Any, into images: inout [String]) -> Any {
        if var object = value as? [String: Any] {
            for (key, child) in object {
                if key == "inlineData", var inline = child as? [String: Any], let data = inline["data"] as? String,
                    data.utf8.count >= threshold
                {
                    inline["data"] = marker + String(images.count)
                    images.append(data)
                    object[key] = inline
                } else {
                    object[key] = strip(child, into: &images)
                }
            }
            return object
        }
        if let array = value as? [Any] { return array.map { strip($0, into: &images) } }
        return value
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (48...57).contains(byte) ? Int(byte - 48) : nil
    }
}
