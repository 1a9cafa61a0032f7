import AssetCache
import AssetFingerprint
import AssetGit
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// An edit chain's turns, kept in git beside the commits: each turn's answer (the model's `content` exactly as
/// it came, thought signatures and image included) under `refs/generate-assets/answers`, named by the SHA-256
/// the lock's `turns` records. A clone without the cache replays them, so changing or appending one edit costs
/// that turn, not the whole chain again.
extension HistoryFinds {
    /// Reads from git the turns the lock records that the cache lacks, each checked against the lock's hashes
    /// (the answer's, and its image's among the content's images); what is missing or does not match is left
    /// to be made.
    func addTurns(from lock: Lockfile, projectRoot: String) {
        let wanted = lock.assets.sorted { $0.key < $1.key }.flatMap { id, entry in
            (entry.turns ?? []).map { (id: id, entry: entry, turn: $0) }
        }.filter { (try? base?.hasEditTurn($0.turn.fingerprint)) != true }
        guard !wanted.isEmpty, let repository = try? GitRepository.discover(at: projectRoot) else { return }
        for (id, entry, turn) in wanted {
            guard let content = repository.answer(turn.answerSHA256.hex), SHA256.hash(content) == turn.answerSHA256,
                let image = ModelContent.images(content).last(where: { SHA256.hash($0) == turn.imageSHA256 })
            else { continue }
            let inputs = entry.inputs
            let prompt = turn.turn == 0 ? inputs.prompt : (inputs.edits ?? []).dropFirst(turn.turn - 1).first?.prompt
            let stored = StoredEditTurn(
                fingerprint: turn.fingerprint, assetID: id, turn: turn.turn, provider: entry.provider,
                model: entry.model, prompt: prompt ?? "", content: content, imageSHA256: turn.imageSHA256,
                modelVersion: turn.modelVersion, usage: turn.usage, costUSD: turn.costUSD)
            turns.withValue { $0[turn.fingerprint] = (stored, image) }
        }
    }
}

extension HistoryAnswers {
    /// The stored answers of the entries' edit turns, by SHA-256 hex: what a commit keeps in git for them.
    static func turnAnswers(of entries: [LockEntry], cache: CacheStore) -> [String: Data] {
        var answers: [String: Data] = [:]
        for turn in entries.flatMap({ $0.turns ?? [] }) {
            guard let stored = try? cache.editTurn(turn.fingerprint), stored.answerSHA256 == turn.answerSHA256
            else { continue }
            answers[turn.answerSHA256.hex] = stored.content
        }
        return answers
    }
}
