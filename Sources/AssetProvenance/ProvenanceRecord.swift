import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation

/// What a git note says about one committed image: which inputs, model and cost made it.
public struct ProvenanceRecord: Sendable, Codable, Equatable {
    public struct Reference: Sendable, Codable, Equatable {
        public var path: String?
        public var asset: String?
        public var sha256: ContentHash
    }

    public var id: String
    public var output: String
    public var outputSHA256: ContentHash
    /// The bytes the provider answered; the output is these bytes, or converted from them.
    public var answerSHA256: ContentHash?
    public var answerFormat: ImageFormat?
    public var fingerprint: ContentHash
    /// `generated` this run, or `restored` from the cache (the record then describes the original call).
    public var action: String
    public var provider: String
    public var placeholder: Bool
    public var model: String
    public var modelVersion: String?
    public var prompt: String
    public var systemInstruction: String?
    public var config: [String: String]
    public var references: [Reference]
    public var text: String?
    public var usage: TokenUsage?
    public var costUSD: Double?
    public var responseID: String?
    /// The Batch API job that answered, when it came through one.
    public var batchJob: String?
    public var startedAt: String?
    public var finishedAt: String?
    public var toolVersion: String
    /// How many variants of these inputs exist and which one this image is, when more than one.
    public var variants: Int?
    public var picked: Int?

    /// The files made from the image (renditions, a catalog set's files), as the lock records them.
    public var renditions: [RenditionRecord]?

    enum CodingKeys: String, CodingKey {
        case id, output, fingerprint, action, provider, placeholder, model, prompt, config, references, text, usage,
            variants, picked, renditions
        case outputSHA256 = "output_sha256"
        case answerSHA256 = "answer_sha256"
        case answerFormat = "answer_format"
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
    public init(entry: LockEntry, id: String, action: String, result: CachedResult?) {
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
        modelVersion = result?.modelVersion
        prompt = entry.inputs.prompt
        systemInstruction = entry.inputs.systemInstruction
        config = entry.inputs.config
        references = entry.inputs.references.map {
            Reference(
                path: $0.kind == .file ? $0.name : nil, asset: $0.kind == .asset ? $0.name : nil, sha256: $0.sha256)
        }
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
    }

    /// True when this record's image or one of its derived files is `path`.
    public func covers(_ path: String) -> Bool {
        output == path || (renditions ?? []).contains { $0.output == path }
    }

    /// The inputs again, to compare versions.
    public var inputs: AssetInputs {
        AssetInputs(
            provider: provider, model: model, prompt: prompt, systemInstruction: systemInstruction, config: config,
            references: references.map {
                InputReference(
                    kind: $0.asset == nil ? .file : .asset, name: $0.path ?? $0.asset ?? "", sha256: $0.sha256)
            })
    }
}

/// The whole note on one commit.
public struct ProvenanceNote: Sendable, Codable {
    public var tool = "generate-assets"
    public var schema = 1
    public var assets: [ProvenanceRecord]

    public init(assets: [ProvenanceRecord]) { self.assets = assets }

    public func text() throws -> String { try JSONText.encode(self) + "\n" }

    public static func parse(_ text: String) -> ProvenanceNote? {
        try? JSONDecoder().decode(ProvenanceNote.self, from: Data(text.utf8))
    }
}
