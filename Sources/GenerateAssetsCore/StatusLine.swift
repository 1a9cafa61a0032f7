import AssetSupport
import Foundation

/// The live status of a run on a terminal: done, in flight, queued, failed, spend so far, and how long the
/// oldest call under way has waited. Drawn on one line that each event redraws, and `tick` redraws while
/// calls are under way, so the oldest call's wait advances during a long call.
package final class StatusLine: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var failed = 0
        var spent = 0.0
        var calls: [String: [Date]] = [:]
        /// Every asset is done: the last status line was ended with a newline and is not drawn again.
        var closed = false
    }

    private let state = LockedValue(State())
    private let clock: any WallClock

    package init(clock: any WallClock = SystemClock()) { self.clock = clock }

    /// Applies `event`, then hands `draw` the new status line (no newline) while holding the state, so
    /// lines from concurrent events do not interleave.
    package func update(_ event: RunEvent, draw: (String) -> Void) {
        state.withValue { state in
            switch event {
            case .runStarted(let assets): state.total += assets
            case .callStarted(let asset, let at): state.calls[asset, default: []].append(at)
            case .callEnded(let asset):
                if !(state.calls[asset]?.isEmpty ?? true) { state.calls[asset]!.removeFirst() }
                if state.calls[asset]?.isEmpty == true { state.calls[asset] = nil }
            case .finished(let outcome):
                state.done += 1
                if outcome.state == .failed { state.failed += 1 }
                state.spent += outcome.costUSD ?? 0
            default: break
            }
            // No run under way (`batch list`, say), or it is over: events print as plain lines.
            guard !state.closed, state.total > 0 else { return draw("") }
            let complete = state.total > 0 && state.done >= state.total && state.calls.isEmpty
            state.closed = complete
            draw(Self.line(state, now: clock.now()) + (complete ? "\n" : ""))
        }
    }

    /// Hands `draw` the status line again when a call is under way (its wait has grown); otherwise draws nothing.
    package func tick(draw: (String) -> Void) {
        state.withValue { state in
            guard !state.closed, state.total > 0, !state.calls.isEmpty else { return }
            draw(Self.line(state, now: clock.now()))
        }
    }

    /// The run is over: the status line is drawn no more.
    package var isClosed: Bool { state.value.closed }

    private static func line(_ state: State, now: Date) -> String {
        let flying = state.calls.values.map(\.count).reduce(0, +)
        let oldest = state.calls.values.flatMap { $0 }.min().map { now.timeIntervalSince($0) }
        let queued = max(0, state.total - state.done - state.calls.count)
        return "[\(state.done - state.failed) done, \(flying) in flight, \(queued) queued, \(state.failed) failed, "
            + String(format: "$%.3f spent", state.spent)
            + (oldest.map { String(format: ", oldest call %.0f s", $0) } ?? "") + "]"
    }
}
