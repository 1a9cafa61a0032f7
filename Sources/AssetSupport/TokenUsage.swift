/// Token counts a provider reported for one call (`usageMetadata`).
package struct TokenUsage: Sendable, Hashable, Codable {
    package var promptTokens: Int
    package var outputTokens: Int
    package var thoughtsTokens: Int
    package var imageTokens: Int
    package var totalTokens: Int

    package init(
        promptTokens: Int = 0, outputTokens: Int = 0, thoughtsTokens: Int = 0, imageTokens: Int = 0,
        totalTokens: Int = 0
    ) {
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.thoughtsTokens = thoughtsTokens
        self.imageTokens = imageTokens
        self.totalTokens = totalTokens
    }
}
