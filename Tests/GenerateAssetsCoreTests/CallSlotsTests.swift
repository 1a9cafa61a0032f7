import Foundation
import Testing

@testable import GenerateAssetsCore

/// `--jobs` is an upper bound: counted by the calls that entered a slot and those left waiting, no clock.
@Suite struct CallSlotsTests {
    /// Calls that entered their slot; each holds it until the test lets it go.
    actor Held {
        var entered = 0
        var holds: [CheckedContinuation<Void, Never>] = []

        func enter() async {
            entered += 1
            await withCheckedContinuation { holds.append($0) }
        }

        func releaseAll() {
            for hold in holds { hold.resume() }
            holds = []
        }
    }

    @Test(arguments: [1, 2, 4])
    func noMoreCallsAtOnceThanJobs(jobs: Int) async throws {
        let slots = CallSlots(jobs)
        let held = Held()
        let calls = jobs + 1
        let tasks = (0..<calls).map { _ in Task { try await slots.run { await held.enter() } } }
        // Every call has either entered or is waiting for a slot: the state the bound is about.
        while await held.entered + slots.waitingCount < calls { await Task.yield() }
        #expect(await held.entered == jobs)
        #expect(await slots.waitingCount == 1)
        // Each release lets exactly the waiting call in.
        while await held.entered < calls {
            await held.releaseAll()
            await Task.yield()
        }
        await held.releaseAll()
        for task in tasks { try await task.value }
        #expect(await held.entered == calls)
    }
}
