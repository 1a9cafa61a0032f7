import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetSupport

extension LockEntry {
    /// Records each edit turn's answer (`turns`, turn 0 first) for an entry whose inputs have edits: from the
    /// cache's stored turn, else as `previous` recorded the same turn fingerprint (a clone without the cache
    /// keeps what the lock knew). A turn known to neither is left out; an entry without edits records none.
    package mutating func recordTurns(cache: CacheStore?, previous: LockEntry?) throws {
        guard let edits = inputs.edits, !edits.isEmpty else {
            turns = nil
            return
        }
        let known = LockTurn.byFingerprint(previous?.turns)
        let recorded = try Fingerprint.turns(of: inputs).enumerated().compactMap { index, print in
            try LockTurn.answer(turn: index, print, cache: cache, known: known)
        }
        turns = recorded.isEmpty ? nil : recorded
    }
}

extension LockTurn {
    /// Turn `turn`'s answer: the cache's stored turn for `print`, else the one `known` records for it.
    static func answer(turn: Int, _ print: ContentHash, cache: CacheStore?, known: [ContentHash: LockTurn]) throws
        -> LockTurn?
    {
        guard let stored = try cache?.editTurn(print) else {
            return known[print].map {
                var answer = $0
                answer.turn = turn
                return answer
            }
        }
        return LockTurn(
            turn: turn, fingerprint: print, answerSHA256: stored.answerSHA256, imageSHA256: stored.imageSHA256,
            modelVersion: stored.modelVersion, usage: stored.usage, costUSD: stored.costUSD)
    }

    static func byFingerprint(_ turns: [LockTurn]?) -> [ContentHash: LockTurn] {
        Dictionary((turns ?? []).map { ($0.fingerprint, $0) }) { first, _ in first }
    }
}
