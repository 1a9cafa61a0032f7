import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation

/// One turn of an edit chain as a note records it: what was asked, and what the model answered.
package struct EditTurnRecord: Sendable, Codable, Equatable {
    /// 1 for the first edit (turn 0 is the record's own prompt, references and config).
    package var turn: Int
    package var prompt: String
    package var config: [String: String]
    package var references: [ProvenanceRecord.Reference]
    /// SHA-256 of the stored answer (the model's content, thought signatures included) and of the turn's image.
    package var answerSHA256: ContentHash?
    package var imageSHA256: ContentHash?
    package var modelVersion: String?
    package var usage: TokenUsage?
    package var costUSD: Double?

    enum CodingKeys: String, CodingKey {
        case turn, prompt, config, references, usage
        case answerSHA256 = "answer_sha256"
        case imageSHA256 = "image_sha256"
        case modelVersion = "model_version"
        case costUSD = "cost_usd"
    }
}

extension ProvenanceRecord {
    /// Records every edit turn of `inputs`, with each turn's answer from the cache when it still has it, else
    /// as the lock recorded it (`recorded`, a lock entry's `turns`).
    package mutating func recordTurns(_ inputs: AssetInputs, cache: CacheStore?, recorded: [LockTurn]? = nil) throws {
        guard let edits = inputs.edits, !edits.isEmpty else { return }
        let prints = Fingerprint.turns(of: inputs)
        let known = LockTurn.byFingerprint(recorded)
        func answer(_ turn: Int) throws -> LockTurn? {
            try LockTurn.answer(turn: turn, prints[turn], cache: cache, known: known)
        }
        self.edits = try edits.enumerated().map { index, edit in
            let stored = try answer(index + 1)
            return EditTurnRecord(
                turn: index + 1, prompt: edit.prompt, config: edit.config,
                references: edit.references.map(Reference.init),
                answerSHA256: stored?.answerSHA256, imageSHA256: stored?.imageSHA256,
                modelVersion: stored?.modelVersion, usage: stored?.usage, costUSD: stored?.costUSD)
        }
        if let first = try answer(0) { turnZeroCostUSD = first.costUSD }
    }

    /// The edit turns as fingerprint inputs, to compare versions.
    var editInputs: [EditInput]? {
        edits?.map {
            EditInput(
                prompt: $0.prompt, config: $0.config,
                references: $0.references.map(\.input))
        }
    }
}

extension ProvenanceRecord.Reference {
    /// A fingerprint's reference as a record names it: a file by path, an asset by id.
    init(_ input: InputReference) {
        self.init(
            path: input.kind == .file ? input.name : nil, asset: input.kind == .asset ? input.name : nil,
            sha256: input.sha256)
    }

    /// The fingerprint's reference again, to compare versions.
    var input: InputReference {
        InputReference(kind: asset == nil ? .file : .asset, name: path ?? asset ?? "", sha256: sha256)
    }
}
