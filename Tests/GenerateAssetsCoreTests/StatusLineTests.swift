import AssetSupport
import Foundation
import Testing

@testable import GenerateAssetsCore

/// The status line's timed redraw: the oldest call's wait advances with the clock though no event comes.
@Suite struct StatusLineTests {
    /// Everything drawn, in order.
    final class Drawn: @unchecked Sendable {
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
    }

    @Test func aTickRedrawsTheOldestCallsWaitWhileACallIsUnderWay() {
        let clock = ManualClock()
        let status = StatusLine(clock: clock)
        let drawn = Drawn()
        status.update(.runStarted(assets: 2), draw: drawn.add)
        status.tick(draw: drawn.add)
        #expect(drawn.lines.count == 1, "no call under way: a tick draws nothing")
        status.update(.callStarted(asset: "fox", at: clock.now()), draw: drawn.add)
        clock.advance(42)
        status.tick(draw: drawn.add)
        #expect(drawn.lines.last == "[0 done, 1 in flight, 1 queued, 0 failed, $0.000 spent, oldest call 42 s]")
        clock.advance(8)
        status.tick(draw: drawn.add)
        #expect(drawn.lines.last?.hasSuffix("oldest call 50 s]") == true, "\(drawn.lines)")
        #expect(drawn.lines.count == 4)
    }

    @Test func noTickDrawsOnceTheRunIsOver() {
        let clock = ManualClock()
        let status = StatusLine(clock: clock)
        let drawn = Drawn()
        status.update(.runStarted(assets: 1), draw: drawn.add)
        status.update(.callStarted(asset: "fox", at: clock.now()), draw: drawn.add)
        status.update(.callEnded(asset: "fox"), draw: drawn.add)
        let outcome = AssetOutcome(
            id: "fox", output: "fox.png", state: .generated, reasons: [], action: nil, error: nil, fingerprint: nil,
            model: "m", placeholder: false, modified: false, estimatedCostUSD: nil, costUSD: 0.04,
            durationSeconds: nil)
        status.update(.finished(outcome), draw: drawn.add)
        #expect(status.isClosed)
        #expect(drawn.lines.last == "[1 done, 0 in flight, 0 queued, 0 failed, $0.040 spent]\n")
        let count = drawn.lines.count
        status.tick(draw: drawn.add)
        #expect(drawn.lines.count == count)
    }
}
