import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation

/// What a git note says about one committed image: which inputs, model and cost made it.
package struct ProvenanceRecord: Sendable, Codable, Equatable {
    package struct Reference: Sendable, Codable, Equatable {
        package var path: String?
        package var asset: String?
        package var sha256: ContentHash
    }

    package var id: String
    package var output: String
    package var outputSHA256: ContentHash
    /// The bytes the provider answered; the output is these bytes, or converted from them.
    package var answerSHA256: ContentHash?
    package var answerFormat: ImageFormat?
    package var fingerprint: ContentHash
    /// `generated` this run, or `restored` from the cache (the record then describes the original call).
    package var action: String
    package var provider: String
    package var placeholder: Bool
    package var model: String
    package var modelVersion: String?
    package var prompt: String
    package var systemInstruction: String?
    package var config: [String: String]
    package var references: [Reference]
    package var text: String?
    package var usage: TokenUsage?
    package var costUSD: Double?
    package var responseID: String?
    /// The Batch API job that answered, when it came through one.
    package var batchJob: String?
    package var startedAt: String?
    package var finishedAt: String?
    package var toolVersion: String
    /// How many variants of these inputs exist and which one this image is, when more than one.
    package var variants: Int?
    package var picked: Int?
    /// Every variant's answer by number, when there are several: kept in git (`refs/generate-assets/answers`),
    /// so a clone restores and picks them without the cache that made them.
    package var variantAnswers: [String: ContentHash]?
    /// The call that made each variant, by number (`VariantCall`), beside `variantAnswers`.
    package var variantCalls: [String: VariantCall]?

    /// The files made from the image (renditions, a catalog set's files), as the lock records them.
    package var renditions: [RenditionRecord]?
    /// The edit turns after the prompt (`edits:`), each with its answer; the image is the last turn's.
    package var edits: [EditTurnRecord]?
    /// What turn 0 (the prompt) cost, for a chain.
    package var turnZeroCostUSD: Double?
    /// The judge's verdict (`checks:`) and the alt text, as the lock records them.
    package var checks: CheckRecord?
    package var alt: String?

    enum CodingKeys: String, CodingKey {
        case id, output, fingerprint, action, provider, placeholder, model, prompt, config, references, text, usage,
            variants, picked, renditions, edits, checks, alt
        case turnZeroCostUSD = "turn0_cost_usd"
        case outputSHA256 = "output_sha256"
        case answerSHA256 = "answer_sha256"
        case answerFormat = "answer_format"
        case variantAnswers = "variant_answers"
        case variantCalls = "variant_calls"
        case modelVersion = "model_version"
        case systemInstruction = "system_instruction"
        case costUSD = "cost_usd"
        case responseID = "response_id"
        case batchJob = "batch_job"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case toolVersion = "tool_version"
    }

    /// From a lock entry and, when the cache still has it, the result that made the image.
    package init(entry: LockEntry, id: String, action: String, result: CachedResult?) {
        self.id = id
        output = entry.output
        outputSHA256 = entry.outputSHA256
        answerSHA256 = entry.answerSHA256
        answerFormat = entry.answerFormat
        fingerprint = entry.fingerprint
        self.action = action
        provider = entry.provider
        placeholder = entry.placeholder
        model = entry.model
        modelVersion = result?.modelVersion ?? entry.servedBy
        prompt = entry.inputs.prompt
        systemInstruction = entry.inputs.systemInstruction
        config = entry.inputs.config
        references = entry.inputs.references.map(Reference.init)
        text = result?.text
        usage = result?.usage
        costUSD = result?.costUSD
        responseID = result?.responseID
        batchJob = result?.batchJob
        startedAt = result?.startedAt.iso8601
        finishedAt = result?.finishedAt.iso8601
        toolVersion = ToolVersion.current
        variants = entry.variants
        picked = entry.picked
        renditions = entry.renditions
        checks = entry.checks
        alt = entry.alt
    }

    /// True when this record's image or one of its derived files is `path`.
    package func covers(_ path: String) -> Bool {
        output == path || (renditions ?? []).contains { $0.output == path }
    }

    /// The inputs again, to compare versions.
    package var inputs: AssetInputs {
        var inputs = AssetInputs(
            provider: provider, model: model, prompt: prompt, systemInstruction: systemInstruction, config: config,
            references: references.map(\.input))
        inputs.edits = editInputs
        return inputs
    }
}

/// The whole note on one commit.
package struct ProvenanceNote: Sendable, Codable {
    package var tool = "generate-assets"
    package var schema = 1
    package var assets: [ProvenanceRecord]

    package init(assets: [ProvenanceRecord]) { self.assets = assets }

    package func text() throws -> String { try JSONText.encode(self) + "\n" }

    package static func parse(_ text: String) -> ProvenanceNote? {
        try? JSONDecoder().decode(ProvenanceNote.self, from: Data(text.utf8))
    }
}
