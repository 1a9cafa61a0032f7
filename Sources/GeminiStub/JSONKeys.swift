import Foundation

/// JSON key spelling helpers.
public enum JSONKeys {
    /// `image_size` → `imageSize`, recursively through objects and arrays; values are untouched.
    public static func camelCased(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, inner) in dictionary { result[camelCase(key)] = camelCased(inner) }
            return result
        }
        if let array = value as? [Any] { return array.map(camelCased) }
        return value
    }

    public static func camelCase(_ key: String) -> String {
        key.split(separator: "_").enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }
}
