import AssetProviders
import AssetSupport
import Foundation

/// A provider whose answers a test scripts: real PNGs from the placeholder renderer, failures for chosen
/// assets, a price per call and a delay; it counts what it was asked.
final class ScriptedProvider: ImageProvider, @unchecked Sendable {
    let id = "scripted"
    let isPlaceholder = false
    let isFree: Bool
    let price: Double
    let delay: TimeInterval
    private let lock = NSLock()
    private var failing: [String: ProviderError] = [:]
    private var asked: [String] = []
    private var inFlight = 0
    private var mostInFlight = 0

    init(price: Double = 0.05, delay: TimeInterval = 0) {
        self.price = price
        self.isFree = price == 0
        self.delay = delay
    }

    func fail(_ id: String, with error: ProviderError) { lock.withLock { failing[id] = error } }
    var calls: [String] { lock.withLock { asked } }
    var concurrency: Int { lock.withLock { mostInFlight } }

    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let failure = lock.withLock { () -> ProviderError? in
            asked.append(request.assetID)
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            return failing[request.assetID]
        }
        defer { lock.withLock { inFlight -= 1 } }
        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
        if let failure { throw failure }
        let image = try PlaceholderProvider.render(
            size: PixelSize(width: 64, height: 48), seed: request.fingerprint, label: request.assetID)
        return GenerationResult(image: image, format: .png, text: "scripted", costUSD: price)
    }
}
