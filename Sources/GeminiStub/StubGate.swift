import Foundation

/// Holds image calls (`generateContent`) once they are received, until released: a test sees what the client
/// shows while a call is under way for as long as it needs, with no clock involved.
final class StubGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var closed = false

    func close() { condition.withLock { closed = true } }

    func open() {
        condition.withLock {
            closed = false
            condition.broadcast()
        }
    }

    /// Returns once the gate is open.
    func pass() {
        condition.withLock {
            while closed { condition.wait() }
        }
    }
}

extension GeminiStub {
    /// Image calls received from now on wait, unanswered, until `releaseCalls()` (or `stop()`).
    package func holdCalls() { gate.close() }

    /// Answers the held calls and lets the next ones through.
    package func releaseCalls() { gate.open() }
}
