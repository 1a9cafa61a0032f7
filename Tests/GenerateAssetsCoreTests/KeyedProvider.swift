import AssetManifest
import AssetProviders
import AssetSupport
import Foundation

@testable import GenerateAssetsCore

/// A provider and judge whose image calls wait, per asset, until the test lets that asset's calls through,
/// so a test orders calls of different assets by events, not timing. Failures are scripted by asset id; the
/// judge passes every question. It counts image and judge calls.
final class KeyedProvider: ImageProvider, ImageJudge, @unchecked Sendable {
    let id = "keyed"
    let isPlaceholder = false
    let isFree = false
    /// What each image answer costs (the judge's cost is its model's estimate).
    let price: Double
    private let lock = NSLock()
    private var held: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var passing: Set<String>
    private var failing: [String: any Error] = [:]
    private var images: [String] = []
    private var judged: [String] = []
    private var ended: [String] = []
    private let changes: AsyncStream<Void>
    private let changed: AsyncStream<Void>.Continuation

    /// - Parameter passing: assets whose calls answer at once; the others wait for `let(_:)`.
    init(price: Double, passing: Set<String> = []) {
        self.price = price
        self.passing = passing
        (changes, changed) = AsyncStream.makeStream(of: Void.self)
    }

    func fail(_ id: String, with error: any Error) { lock.withLock { failing[id] = error } }
    var imageCalls: [String] { lock.withLock { images } }
    var judgeCalls: [String] { lock.withLock { judged } }

    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let (failure, wait) = lock.withLock { () -> ((any Error)?, Bool) in
            images.append(request.assetID)
            return (failing[request.assetID], !passing.contains(request.assetID))
        }
        if wait {
            await withCheckedContinuation { continuation in
                lock.withLock { held[request.assetID, default: []].append(continuation) }
                changed.yield()
            }
        }
        if let failure { throw failure }
        let image = try PlaceholderProvider.render(
            size: PixelSize(width: 32, height: 32), seed: request.fingerprint, label: request.assetID)
        return GenerationResult(image: image, format: .png, text: "keyed", costUSD: price)
    }

    func judge(_ request: JudgeRequest) async throws -> JudgeAnswer {
        lock.withLock { judged.append(request.assetID) }
        let answers = (request.checks?.expect ?? []).map { JudgeAnswerItem(question: $0, yes: true, reason: "yes") }
        return JudgeAnswer(
            textFound: "", answers: answers, altText: request.altMaxCharacters.map { _ in "an image" },
            costUSD: request.model.estimatedCost(imageSize: nil))
    }

    /// Waits until each of `ids` has a call held here.
    func waitUntilHeld(_ ids: Set<String>) async {
        if lock.withLock({ ids.allSatisfy { !(held[$0] ?? []).isEmpty } }) { return }
        for await _ in changes where lock.withLock({ ids.allSatisfy { !(held[$0] ?? []).isEmpty } }) { return }
    }

    /// Lets the held calls of `id`, and all its later ones, through.
    func `let`(_ id: String) {
        let resumed = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            passing.insert(id)
            defer { held[id] = nil }
            return held[id] ?? []
        }
        for continuation in resumed { continuation.resume() }
    }

    /// Waits until a call of `id` has ended in the engine (its failure noted, its reservation settled).
    func waitUntilEnded(_ id: String) async {
        if lock.withLock({ ended.contains(id) }) { return }
        for await _ in changes where lock.withLock({ ended.contains(id) }) { return }
    }

    /// A reporter that tells the provider when the engine has ended a call.
    var reporter: any RunReporter { CallEndCounter(provider: self) }

    fileprivate func noteEnded(_ id: String) {
        lock.withLock { ended.append(id) }
        changed.yield()
    }

    func stop() { changed.finish() }
}

private struct CallEndCounter: RunReporter {
    let provider: KeyedProvider
    func report(_ event: RunEvent) {
        if case .callEnded(let asset) = event { provider.noteEnded(asset) }
    }
}
