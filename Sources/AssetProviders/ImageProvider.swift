import AssetManifest
import AssetSupport
import Foundation

/// A reference image as sent to a provider.
public struct ReferenceImage: Sendable {
    public var name: String
    public var data: Data
    public var format: ImageFormat

    public init(name: String, data: Data, format: ImageFormat) {
        self.name = name
        self.data = data
        self.format = format
    }
}

/// Everything a provider needs to draw one asset.
public struct GenerationRequest: Sendable {
    public var assetID: String
    public var fingerprint: ContentHash
    public var prompt: String
    public var config: GenerationConfig
    public var model: ImageModel?
    public var pixelSize: PixelSize?
    public var references: [ReferenceImage]
    /// The format the output is written in; a provider that can choose (the placeholder) answers in it.
    public var outputFormat: ImageFormat
    /// Which variant of these inputs this call makes (1 for the first); the placeholder draws each differently.
    public var variant = 1
    /// Asked before another attempt that may be billed (after a timeout or a dropped answer); false stops retrying.
    public var authorizeBilledRetry: @Sendable () -> Bool

    public init(
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
public struct GenerationResult: Sendable {
    public var image: Data
    public var format: ImageFormat
    public var text: String?
    public var thoughtSignatures: [String]
    public var usage: TokenUsage?
    public var modelVersion: String?
    public var responseID: String?
    public var costUSD: Double?
    public var attempts: Int
    /// Earlier attempts of this call that got no answer after the request was sent: the service may bill them.
    public var possiblyBilledAttempts = 0
    /// References uploaded through the File API for this call.
    public var filesUploaded = 0

    public init(
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
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case blocked, rejected, auth, unavailable, malformed, budget, changed }

    public var kind: Kind
    public var message: String
    public var fix: String?
    public var httpStatus: Int?
    public var attempts: Int
    /// Attempts that got no answer after the request was sent (timeouts, dropped or cut answers): maybe billed.
    public var possiblyBilledAttempts = 0

    public init(_ kind: Kind, _ message: String, fix: String? = nil, httpStatus: Int? = nil, attempts: Int = 1) {
        self.kind = kind
        self.message = message
        self.fix = fix
        self.httpStatus = httpStatus
        self.attempts = attempts
    }

    public var description: String { fix.map { "\(message) (fix: \($0))" } ?? message }
}

/// The seam every image source sits behind: the placeholder renderer, the Gemini client, test doubles.
public protocol ImageProvider: Sendable {
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
}

extension ImageProvider {
    public func preflight() throws {}
    public var readsReferences: Bool { true }
}
