import AssetSupport

/// A cached variant chosen by `pick` to become an asset's output.
package struct PickedVariant: Sendable, Hashable {
    package var number: Int
    /// The inputs it was made for: a pick applies only while they are the asset's inputs.
    package var fingerprint: ContentHash
    /// The variant's image, as cached.
    package var answer: ContentHash

    package init(number: Int, fingerprint: ContentHash, answer: ContentHash) {
        self.number = number
        self.fingerprint = fingerprint
        self.answer = answer
    }
}
