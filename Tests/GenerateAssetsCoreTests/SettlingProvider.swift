import AssetProviders
import AssetSupport
import Foundation

@testable import GenerateAssetsCore

/// A provider that answers one call at a time, and only when the run has nothing else to decide: every job
/// slot holds a call here, or every asset has a call held here or has finished (refused, say). Each answer
/// is then released in order, so which calls the engine starts depends on its accounting alone, never on
/// timing. It is also the run's reporter, to count finished assets.
final class SettlingProvider: ImageProvider, RunReporter, @unchecked Sendable {
    let id = "scripted"
    let isPlaceholder = false
    let isFree = false
    let price: Double
    let assets: Int
    let jobs: Int
    private let lock = NSLock()
    private var started = 0
    private var finished = 0
    private var held: [CheckedContinuation<Void, Never>] = []

    init(price: Double, assets: Int, jobs: Int) {
        self.price = price
        self.assets = assets
        self.jobs = jobs
    }

    /// Calls that reached the provider.
    var calls: Int { lock.withLock { started } }

    func report(_ event: RunEvent) {
        guard case .finished = event else { return }
        lock.withLock { finished += 1 }
        releaseOneIfSettled()
    }

    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        await withCheckedContinuation { continuation in
            lock.withLock {
                started += 1
                held.append(continuation)
            }
            releaseOneIfSettled()
        }
        let image = try PlaceholderProvider.render(
            size: PixelSize(width: 64, height: 48), seed: request.fingerprint, label: request.assetID)
        return GenerationResult(image: image, format: .png, text: "gated", costUSD: price)
    }

    private func releaseOneIfSettled() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            guard !held.isEmpty, held.count == jobs || held.count + finished == assets else { return nil }
            return held.removeFirst()
        }
        next?.resume()
    }
}
