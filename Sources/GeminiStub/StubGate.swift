import Foundation

/// Holds the stub's answers until a test lets them go, so a test sees calls in flight by counting them at the
/// stub, never by waiting out a latency: "three variants went out together" is three requests held at once.
/// The request is carried out (recorded, a batch created) before it is held; only its answer waits.
/// Real latency (`Options.latency`, `--latency`) stays for the benchmarks and the command line.
package final class StubGate: @unchecked Sendable {
    private let condition = NSCondition()
    private let holds: @Sendable (RecordedRequest) -> Bool
    /// Requests that reached the gate, and how many of them may answer (arrival order); all once open.
    private var arrived = 0
    private var released = 0
    private var isOpen = false
    private var most = 0

    /// - Parameter holds: which requests wait at the gate; by default every synchronous generation request.
    package init(
        holding holds: @escaping @Sendable (RecordedRequest) -> Bool = { $0.path.hasSuffix(":generateContent") }
    ) {
        self.holds = holds
    }

    /// Requests held now, the most held at one time, and how many reached the gate. A released request no
    /// longer counts as held, so the client cannot have sent its next call before its count went down.
    package var held: (now: Int, most: Int, total: Int) {
        condition.withLock { (heldNow, most, arrived) }
    }

    private var heldNow: Int { isOpen ? 0 : max(0, arrived - released) }

    /// Called by the stub for each request before it answers: returns at once for a request the gate does not
    /// hold, or once the gate is open, or once `release` lets this one through.
    func pass(_ request: RecordedRequest) {
        guard holds(request) else { return }
        condition.withLock {
            let ticket = arrived
            arrived += 1
            most = max(most, heldNow)
            condition.broadcast()
            while !isOpen && ticket >= released { condition.wait() }
        }
    }

    /// Waits until `count` requests are held at one time. `safety` only keeps a broken run from hanging its
    /// test: it decides nothing in a run that works (the test fails on the false it returns).
    /// - Returns: whether `count` were held.
    @discardableResult
    package func waitUntilHeld(_ count: Int, safety: TimeInterval = 300) -> Bool {
        let limit = Date().addingTimeInterval(safety)
        return condition.withLock {
            while heldNow < count {
                if !condition.wait(until: limit) { return heldNow >= count }
            }
            return true
        }
    }

    /// Lets the `count` longest-held (or next) requests answer.
    package func release(_ count: Int = 1) {
        condition.withLock {
            released += count
            condition.broadcast()
        }
    }

    /// Lets every held request answer, and every later one pass without waiting.
    package func open() {
        condition.withLock {
            isOpen = true
            condition.broadcast()
        }
    }
}
