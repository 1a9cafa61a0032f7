/// Token counts a provider reported for one call (`usageMetadata`).
public struct TokenUsage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var outputTokens: Int
    public var thoughtsTokens: Int
    public var imageTokens: Int
    public var totalTokens: Int

    public init(
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
