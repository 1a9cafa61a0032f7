import AssetCache
import AssetSupport
import Foundation

/// Provider calls under way, so a run that is interrupted (Ctrl-C, SIGTERM) can record them before it exits:
/// the service may answer, and bill, a request whose answer nobody is left to read.
final class InFlightCalls: Sendable {
    struct Call: Sendable {
        var assetID: String
        var provider: String
        var model: String
        var startedAt: Date
        /// The call's list price, held against it as possibly billed.
        var estimateUSD: Double
    }

    private let calls = LockedValue<(next: Int, open: [Int: Call])>((0, [:]))

    /// Records a call about to be sent; `end` it with the token once it has an outcome of its own.
    func start(_ call: Call) -> Int {
        calls.withValue { state in
            state.next += 1
            state.open[state.next] = call
            return state.next
        }
    }

    func end(_ token: Int) {
        calls.withValue { _ = $0.open.removeValue(forKey: token) }
    }

    /// The calls still open, which are then no longer tracked.
    func drain() -> [Call] {
        calls.withValue { state in
            defer { state.open = [:] }
            return state.open.keys.sorted().compactMap { state.open[$0] }
        }
    }
}

/// What an interrupted run left open at the service.
package struct Interruption: Sendable {
    /// Calls sent whose answers were not read: each may be billed.
    package var calls: Int
    /// Their list price, recorded as possibly billed.
    package var possiblyBilledUSD: Double
}

extension GenerateEngine {
    /// Records the calls still under way as possibly billed (`usage` shows them); call it when the run is
    /// interrupted, just before the process exits. Everything already answered is in the cache.
    package func recordInterruption() -> Interruption {
        let open = inFlight.drain()
        let now = context.clock.now()
        for call in open {
            try? context.cache?.logCall(
                CallRecord(
                    startedAt: call.startedAt, assetID: call.assetID, provider: call.provider, model: call.model,
                    status: "interrupted", attempts: 1, duration: now.timeIntervalSince(call.startedAt),
                    error: "the run was interrupted before the answer arrived", possiblyBilled: 1,
                    reservedUSD: call.estimateUSD > 0 ? call.estimateUSD : nil))
        }
        return Interruption(calls: open.count, possiblyBilledUSD: open.map(\.estimateUSD).reduce(0, +))
    }
}
