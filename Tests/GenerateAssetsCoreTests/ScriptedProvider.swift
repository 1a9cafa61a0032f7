import AssetProviders
import AssetSupport
import Foundation

/// A provider whose answers a test scripts: real PNGs from the placeholder renderer, failures for chosen
/// assets and a price per call; it counts what it was asked. (Calls held until a test lets them go:
/// `GatedProvider`, `KeyedProvider`; never a sleep.)
final class ScriptedProvider: ImageProvider, @unchecked Sendable {
    let id = "scripted"
    let isPlaceholder = false
    let isFree: Bool
    let price: Double
    private let lock = NSLock()
    private var failing: [String: ProviderError] = [:]
    private var asked: [String] = []
    private var inFlight = 0
    private var mostInFlight = 0

    init(price: Double = 0.05) {
        self.price = price
        self.isFree = price == 0
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
        if let failure { throw failure }
        let image = try PlaceholderProvider.render(
            size: PixelSize(width: 64, height: 48), seed: request.fingerprint, label: request.assetID)
        return GenerationResult(image: image, format: .png, text: "scripted", costUSD: price)
    }
}
