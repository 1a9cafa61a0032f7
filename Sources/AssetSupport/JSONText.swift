import Foundation

/// The project's one JSON style: sorted keys, two-space indents, unescaped slashes. Stable and diff-friendly.
package enum JSONText {
    package static func data(_ value: some Encodable) throws -> Data {
        if let data = try? JSONWriter.encode(value) { return data }  // the same bytes, faster
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    package static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}

extension Data {
    /// Decodes standard or URL-safe base64, padded or not: proto3 JSON accepts both, and Google's Python
    /// SDK sends URL-safe.
    package init?(base64AnyAlphabet text: String) {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = normalized.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        self.init(base64Encoded: normalized)
    }
}
