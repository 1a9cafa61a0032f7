import AssetManifest
import AssetSupport
import Foundation

/// A reference image as sent to a provider.
package struct ReferenceImage: Sendable {
    package var name: String
    package var data: Data
    package var format: ImageFormat

    package init(name: String, data: Data, format: ImageFormat) {
        self.name = name
        self.data = data
        self.format = format
    }
}

/// Everything a provider needs to draw one asset.
package struct GenerationRequest: Sendable {
    package var assetID: String
    package var fingerprint: ContentHash
    package var prompt: String
    package var config: GenerationConfig
    package var model: ImageModel?
    package var pixelSize: PixelSize?
    package var references: [ReferenceImage]
    /// The format the output is written in; a provider that can choose (the placeholder) answers in it.
    package var outputFormat: ImageFormat
    /// Which variant of these inputs this call makes (1 for the first); the placeholder draws each differently.
    package var variant = 1
    /// The earlier turns of a multi-turn edit, oldest first; empty for a single-turn call.
    package var history: [ConversationTurn] = []
    /// True when the answer's model `content` must be kept (`GenerationResult.modelContent`) for a later turn.
    package var keepsConversation = false
    /// Asked before another attempt that may be billed (after a timeout or a dropped answer); false stops retrying.
    package var authorizeBilledRetry: @Sendable () -> Bool
    /// Told before each retry of the call: why, which attempt comes next, and after how long.
    package var onRetry: (@Sendable (RetryNotice) -> Void)?

    package init(
        assetID: String, fingerprint: ContentHash, prompt: String, config: GenerationConfig, model: ImageModel?,
        pixelSize: PixelSize?,
        references: [ReferenceImage], outputFormat: ImageFormat = .png,
        authorizeBilledRetry: @escaping @Sendable () -> Bool = { true }
    ) {
        self.assetID = assetID
        self.fingerprint = fingerprint
        self.prompt = prompt
        self.config = config
        self.model = model
        self.pixelSize = pixelSize
        self.references = references
        self.outputFormat = outputFormat
        self.authorizeBilledRetry = authorizeBilledRetry
    }
}

/// What a provider returns: the final image and what the service said about it.
package struct GenerationResult: Sendable {
    package var image: Data
    package var format: ImageFormat
    package var text: String?
    package var thoughtSignatures: [String]
    package var usage: TokenUsage?
    package var modelVersion: String?
    package var responseID: String?
    package var costUSD: Double?
    package var attempts: Int
    /// Earlier attempts of this call that got no answer after the request was sent: the service may bill them.
    package var possiblyBilledAttempts = 0
    /// References uploaded through the File API for this call.
    package var filesUploaded = 0
    /// The model's `content` as answered, canonical JSON (see `ModelContent`), when the request asked to keep it.
    package var modelContent: Data?

    package init(
        image: Data, format: ImageFormat, text: String? = nil, thoughtSignatures: [String] = [],
        usage: TokenUsage? = nil,
        modelVersion: String? = nil, responseID: String? = nil, costUSD: Double? = nil, attempts: Int = 1
    ) {
        self.image = image
        self.format = format
        self.text = text
        self.thoughtSignatures = thoughtSignatures
        self.usage = usage
        self.modelVersion = modelVersion
        self.responseID = responseID
        self.costUSD = costUSD
        self.attempts = attempts
    }
}

/// A failed generation for one asset; the run goes on with the others.
package struct ProviderError: Error, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable { case blocked, rejected, auth, unavailable, malformed, budget, changed }

    package var kind: Kind
    package var message: String
    package var fix: String?
    package var httpStatus: Int?
    package var attempts: Int
    /// Attempts that got no answer after the request was sent (timeouts, dropped or cut answers): maybe billed.
    package var possiblyBilledAttempts = 0
    /// A daily quota is used up: no call can succeed before tomorrow, so the run starts no more.
    package var dailyQuotaExhausted = false
    /// Every other call of the run would get the same answer (invalid, missing or powerless key; daily
    /// quota): no new call starts after it.
    package var stopsRun: Bool { kind == .auth || dailyQuotaExhausted }

    package init(_ kind: Kind, _ message: String, fix: String? = nil, httpStatus: Int? = nil, attempts: Int = 1) {
        self.kind = kind
        self.message = message
        self.fix = fix
        self.httpStatus = httpStatus
        self.attempts = attempts
    }

    package var description: String { fix.map { "\(message) (fix: \($0))" } ?? message }
}

/// The seam every image source sits behind: the placeholder renderer, the Gemini client, test doubles.
package protocol ImageProvider: Sendable {
    /// Enters fingerprints: switching providers makes every asset stale.
    var id: String { get }
    /// True for stand-in images that must not ship; `status` lists them.
    var isPlaceholder: Bool { get }
    /// True when a call costs nothing.
    var isFree: Bool { get }
    /// False when the provider never looks at reference bytes, so they need not be read.
    var readsReferences: Bool { get }
    func generate(_ request: GenerationRequest) async throws -> GenerationResult
    /// Checks, before any work, that calls can be made at all (a key is set, say).
    func preflight() throws
    /// Asks the service, at no cost, whether it refuses the key before the first paid call for `model`: the
    /// refusal (`.auth`), or nil when nothing speaks against the key.
    func keyRefusal(model: String) async -> ProviderError?
}

extension ImageProvider {
    package func preflight() throws {}
    package func keyRefusal(model: String) async -> ProviderError? { nil }
    package var readsReferences: Bool { true }
}
