import AssetSupport
import Foundation

/// The batches the stub holds and their schedules. Thread-safe; the lock is held while a batch's results are
/// drawn, so each is drawn once.
final class StubBatchStore: @unchecked Sendable {
    /// Fills a batch's `outcomes` (and results file) when it succeeds.
    typealias Drawer = (inout StubBatch) -> Void

    private let lock = NSLock()
    private var batches: [String: StubBatch] = [:]
    /// Ids in creation order.
    private var order: [String] = []
    private var scripts: [BatchScript] = []
    private let defaultScript: BatchScript
    private let clock: any WallClock

    init(defaultScript: BatchScript, clock: any WallClock) {
        self.defaultScript = defaultScript
        self.clock = clock
    }

    /// Queues a script for the next batch created.
    func enqueue(_ script: BatchScript) { lock.withLock { scripts.append(script) } }

    /// Creates a PENDING batch under the next queued script (or the default one).
    func create(model: String, displayName: String, inputFile: String?, items: [BatchItem]) -> StubBatch {
        lock.withLock {
            let script = scripts.isEmpty ? defaultScript : scripts.removeFirst()
            let now = clock.now()
            let batch = StubBatch(
                id: StubIDs.make(length: 36), model: model, displayName: displayName, inputFile: inputFile,
                items: items,
                script: script, createTime: now, updateTime: now)
            batches[batch.id] = batch
            order.append(batch.id)
            return batch
        }
    }

    /// The batch after a poll (`countsAsPoll`) or a look, moved along its schedule.
    func advance(_ id: String, countsAsPoll: Bool, draw: Drawer) -> StubBatch? {
        lock.withLock {
            guard var batch = batches[id] else { return nil }
            if countsAsPoll, !batch.isDone { batch.polls += 1 }
            move(&batch, draw: draw)
            batches[id] = batch
            return batch
        }
    }

    /// Every batch, newest first, each moved along its schedule.
    func all(draw: Drawer) -> [StubBatch] {
        lock.withLock {
            order.reversed().map { id in
                var batch = batches[id]!
                move(&batch, draw: draw)
                batches[id] = batch
                return batch
            }
        }
    }

    /// Ends a batch now, if it is still running; `ending` nil means its script's ending.
    @discardableResult
    func finish(_ id: String, as ending: BatchEnding?, draw: Drawer) -> StubBatch? {
        lock.withLock {
            guard var batch = batches[id] else { return nil }
            if !batch.isDone { end(&batch, as: ending ?? batch.script.ending, draw: draw) }
            batches[id] = batch
            return batch
        }
    }

    /// Every batch as it stands, oldest first, without moving any along.
    var snapshot: [StubBatch] { lock.withLock { order.map { batches[$0]! } } }

    func remove(_ id: String) -> Bool {
        lock.withLock {
            guard batches.removeValue(forKey: id) != nil else { return false }
            order.removeAll { $0 == id }
            return true
        }
    }

    private func move(_ batch: inout StubBatch, draw: Drawer) {
        guard !batch.isDone else { return }
        let due: Bool
        switch batch.script.schedule {
        case .afterPolls(let count): due = batch.polls >= max(count, 1)
        case .afterSeconds(let seconds): due = clock.now().timeIntervalSince(batch.createTime) >= seconds
        case .manual: due = false
        }
        if due {
            end(&batch, as: batch.script.ending, draw: draw)
        } else if batch.polls > 0, batch.state == "BATCH_STATE_PENDING" {
            batch.state = "BATCH_STATE_RUNNING"
            batch.updateTime = clock.now()
        }
    }

    private func end(_ batch: inout StubBatch, as ending: BatchEnding, draw: Drawer) {
        batch.state = ending.rawValue
        if ending == .succeeded { draw(&batch) }
        batch.updateTime = clock.now()
    }
}
