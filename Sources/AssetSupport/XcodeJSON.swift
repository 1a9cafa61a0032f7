import Foundation

/// JSON as Xcode writes an asset catalog's `Contents.json`: keys in byte order, two-space indentation,
/// `" : "` between key and value, one array element or object member per line, an empty container as
/// `[\n\n  ]`, slashes not escaped, and a final newline. A file Xcode saved and one generate-assets wrote
/// for the same content are byte-identical, so neither makes a diff for the other.
package enum XcodeJSON {
    /// Encodes a value made of `[String: Any]`, `[Any]`, `String`, numbers, booleans and `NSNull` (what
    /// `JSONSerialization` reads).
    package static func encode(_ value: Any) -> Data {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return Data(out.utf8)
    }

    static func write(_ value: Any, indent: Int, into out: inout String) {
        let inner = String(repeating: " ", count: indent + 2)
        switch value {
        case let object as [String: Any]:
            let keys = object.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            guard !keys.isEmpty else {
                out += "{\n\n" + String(repeating: " ", count: indent) + "}"
                return
            }
            out += "{\n"
            for (position, key) in keys.enumerated() {
                out += inner
                string(key, into: &out)
                out += " : "
                write(object[key] as Any, indent: indent + 2, into: &out)
                out += position == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case let array as [Any]:
            guard !array.isEmpty else {
                out += "[\n\n" + String(repeating: " ", count: indent) + "]"
                return
            }
            out += "[\n"
            for (position, element) in array.enumerated() {
                out += inner
                write(element, indent: indent + 2, into: &out)
                out += position == array.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let text as String: string(text, into: &out)
        case let flag as Bool where !(value is NSNumber): out += flag ? "true" : "false"
        case let number as NSNumber:
            // `JSONSerialization` reads `true` and `false` as boolean NSNumbers, whose type is `c`.
            out += String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : number.stringValue
        case let number as Int: out += String(number)
        case let number as Double: out += "\(number)"
        default: out += "null"
        }
    }

    static func string(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
