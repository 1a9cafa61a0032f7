import AssetCache
import AssetFingerprint
import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation

extension AssetWorker {
    /// Makes the plan's calls, variants `first` to `first + count - 1`, at once within the run's call slots.
    /// Every answer is kept as its variant whatever the others do; the first failure is thrown once all ended.
    /// - Returns: the variants made, by number.
    func generateVariants(inputs: AssetInputs, fingerprint: ContentHash, cache: CacheStore, after first: Int)
        async throws -> [CachedVariant]
    {
        let slots = engine.callSlots
        let hadResult = try cache.result(for: fingerprint) != nil
        // An edit chain's variants share its earlier turns: the first makes (or reuses) them alone, so the
        // others replay the stored turns instead of paying for them again.
        let early: [(Int, Result<CachedVariant, any Error>)] =
            !asset.edits.isEmpty && plan.calls > 1
            ? [
                (
                    0,
                    .success(
                        try await slots.run {
                            try await generate(inputs: inputs, fingerprint: fingerprint, cache: cache, after: first)
                        })
                )
            ] : []
        let outcomes = await withTaskGroup(of: (Int, Result<CachedVariant, any Error>).self) { group in
            for index in early.count..<plan.calls {
                group.addTask {
                    do {
                        let made = try await slots.run {
                            try await generate(
                                inputs: inputs, fingerprint: fingerprint, cache: cache, after: first + index)
                        }
                        return (index, .success(made))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var all = early
            for await outcome in group { all.append(outcome) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        if let failure = outcomes.first(where: { if case .failure = $0 { true } else { false } }),
            case .failure(let error) = failure
        {
            throw error
        }
        let made = outcomes.compactMap { try? $0.get() }.sorted { $0.number < $1.number }
        // The first answer stored became the fingerprint's result; as when made one by one, it is the lowest number.
        if !hadResult, let lowest = made.first { _ = try cache.choose(fingerprint, variant: lowest.number) }
        return made
    }
}
