import Foundation

/// JSON key spelling helpers.
package enum JSONKeys {
    /// `image_size` → `imageSize`; a camelCase key comes back unchanged.
    package static func camelCase(_ key: String) -> String {
        key.split(separator: "_").enumerated().map {
            $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }.joined()
    }

    /// `imageConfig` → `image_config`, the spelling the service uses in error paths.
    package static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}
