import AssetProviders
import AssetSupport
import Foundation

@testable import GenerateAssetsCore

/// A provider whose calls wait until the test lets them finish, one at a time; failures can be scripted by
/// asset id (any Error, not only ProviderError). It tells a waiting test each time its state changes.
final class GatedProvider: ImageProvider, @unchecked Sendable {
    let id = "gated"
    let isPlaceholder = false
    let isFree = false
    let price: Double
    /// When false, calls answer at once.
    let gated: Bool
    private let lock = NSLock()
    private var held: [CheckedContinuation<Void, Never>] = []
    private var asked: [String] = []
    private var failing: [String: any Error] = [:]
    private var finished = 0
    private let changes: AsyncStream<Void>
    private let changed: AsyncStream<Void>.Continuation

    init(price: Double, gated: Bool = true) {
        self.price = price
        self.gated = gated
        (changes, changed) = AsyncStream.makeStream(of: Void.self)
    }

    func fail(_ id: String, with error: any Error) { lock.withLock { failing[id] = error } }
    var calls: [String] { lock.withLock { asked } }

    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let failure = lock.withLock { () -> (any Error)? in
            asked.append(request.assetID)
            return failing[request.assetID]
        }
        if gated {
            await withCheckedContinuation { continuation in
                lock.withLock { held.append(continuation) }
                changed.yield()
            }
        }
        if let failure { throw failure }
        let image = try PlaceholderProvider.render(
            size: PixelSize(width: 32, height: 32), seed: request.fingerprint, label: request.assetID)
        return GenerationResult(image: image, format: .png, text: "gated", costUSD: price)
    }

    /// A reporter that tells the provider when an asset is done (answered, refused or failed).
    var reporter: any RunReporter { FinishCounter(provider: self) }

    fileprivate func noteFinished() {
        lock.withLock { finished += 1 }
        changed.yield()
    }

    /// Lets held calls finish one at a time, each only once the run is quiet: every free job slot holds a call
    /// or every asset is accounted for. So the run sees each answer before deciding about the next call.
    func releaseOneAtATime(assets: Int, jobs: Int) async {
        for await _ in changes {
            let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                guard held.count == jobs || held.count + finished == assets, !held.isEmpty else { return nil }
                return held.removeFirst()
            }
            next?.resume()
            if lock.withLock({ finished == assets }) { return }
        }
    }

    func stop() { changed.finish() }
}

private struct FinishCounter: RunReporter {
    let provider: GatedProvider
    func report(_ event: RunEvent) {
        if case .finished = event { provider.noteFinished() }
    }
}
