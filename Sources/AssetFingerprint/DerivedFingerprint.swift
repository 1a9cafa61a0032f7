import AssetSupport

/// The fingerprint of a file derived from a generated image (a rendition, a catalog set's `Contents.json`):
/// the SHA-256 of `derived 1:1\n`, then `source 64:<image sha256>\n` when it is made from an image, then
/// `recipe N:<recipe>\n`, in the field form of `Fingerprint`. The recipe names every parameter canonically.
package enum DerivedFingerprint {
    package static let schemaVersion = 1

    package static func of(source: ContentHash?, recipe: String) -> ContentHash {
        var text = ""
        func field(_ name: String, _ value: String) { text += "\(name) \(value.utf8.count):\(value)\n" }
        field("derived", String(schemaVersion))
        if let source { field("source", source.hex) }
        field("recipe", recipe)
        return SHA256.hash(text)
    }
}
