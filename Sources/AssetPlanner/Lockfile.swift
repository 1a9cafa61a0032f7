import AssetFingerprint
import AssetSupport
import Foundation

/// What the lock file records for one asset: which inputs made the committed output.
package struct LockEntry: Sendable, Hashable, Codable {
    package var output: String
    package var fingerprint: ContentHash
    package var outputSHA256: ContentHash
    /// The bytes the provider answered, as cached; the output is these bytes, or converted from them.
    package var answerSHA256: ContentHash?
    package var answerFormat: ImageFormat?
    package var provider: String
    package var model: String
    package var placeholder: Bool
    package var inputs: AssetInputs {
        get { deferredInputs.value }
        set { deferredInputs = DeferredInputs(newValue) }
    }
    /// How many variants of these inputs have been made, when more than one (`variants:`, `--force`).
    package var variants: Int?
    /// Which of them is the output, when there is more than one (`pick`).
    package var picked: Int?
    /// The files derived from the image (renditions, a catalog set's files); absent when there are none.
    package var renditions: [RenditionRecord]?
    /// The model that answered, when the answer's `modelVersion` named another than `model` (Google routes some
    /// retired ids to their replacements); absent otherwise.
    package var servedBy: String?
    /// The judge's verdict on the output (`checks:`), and its alt text (`alt:`); absent when not asked for.
    package var checks: CheckRecord?
    package var alt: String?
    /// Each edit turn's answer (`edits:`), turn 0 first; absent for an asset without edits, and in older locks.
    package var turns: [LockTurn]?
    /// The inputs, decoded when first read (see `DeferredInputs`).
    private var deferredInputs: DeferredInputs

    enum CodingKeys: String, CodingKey {
        case output, fingerprint, provider, model, placeholder, inputs, variants, picked, renditions, checks, alt, turns
        case servedBy = "served_by"
        case outputSHA256 = "output_sha256"
        case answerSHA256 = "answer_sha256"
        case answerFormat = "answer_format"
    }

    package init(
        output: String, fingerprint: ContentHash, outputSHA256: ContentHash, answerSHA256: ContentHash? = nil,
        answerFormat: ImageFormat? = nil, provider: String, model: String, placeholder: Bool, inputs: AssetInputs,
        variants: Int? = nil, picked: Int? = nil, renditions: [RenditionRecord]? = nil, servedBy: String? = nil
    ) {
        self.init(
            output: output, fingerprint: fingerprint, outputSHA256: outputSHA256, answerSHA256: answerSHA256,
            answerFormat: answerFormat, provider: provider, model: model, placeholder: placeholder,
            deferredInputs: DeferredInputs(inputs), variants: variants, picked: picked, renditions: renditions,
            servedBy: servedBy)
    }

    init(
        output: String, fingerprint: ContentHash, outputSHA256: ContentHash, answerSHA256: ContentHash?,
        answerFormat: ImageFormat?, provider: String, model: String, placeholder: Bool, deferredInputs: DeferredInputs,
        variants: Int?, picked: Int?, renditions: [RenditionRecord]?, servedBy: String?
    ) {
        self.output = output
        self.fingerprint = fingerprint
        self.outputSHA256 = outputSHA256
        self.answerSHA256 = answerSHA256
        self.answerFormat = answerFormat
        self.provider = provider
        self.model = model
        self.placeholder = placeholder
        self.deferredInputs = deferredInputs
        self.variants = variants
        self.picked = picked
        self.renditions = renditions
        self.servedBy = servedBy
    }

    /// How many variants of `fingerprint` this entry knows of: 0 when it records other inputs.
    package func variantCount(of fingerprint: ContentHash) -> Int {
        self.fingerprint == fingerprint ? (variants ?? 1) : 0
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            output: try container.decode(String.self, forKey: .output),
            fingerprint: try container.decode(ContentHash.self, forKey: .fingerprint),
            outputSHA256: try container.decode(ContentHash.self, forKey: .outputSHA256),
            answerSHA256: try container.decodeIfPresent(ContentHash.self, forKey: .answerSHA256),
            answerFormat: try container.decodeIfPresent(ImageFormat.self, forKey: .answerFormat),
            provider: try container.decode(String.self, forKey: .provider),
            model: try container.decode(String.self, forKey: .model),
            placeholder: try container.decode(Bool.self, forKey: .placeholder),
            inputs: try container.decode(AssetInputs.self, forKey: .inputs),
            variants: try container.decodeIfPresent(Int.self, forKey: .variants),
            picked: try container.decodeIfPresent(Int.self, forKey: .picked),
            renditions: try container.decodeIfPresent([RenditionRecord].self, forKey: .renditions),
            servedBy: try container.decodeIfPresent(String.self, forKey: .servedBy))
        checks = try container.decodeIfPresent(CheckRecord.self, forKey: .checks)
        alt = try container.decodeIfPresent(String.self, forKey: .alt)
        turns = try container.decodeIfPresent([LockTurn].self, forKey: .turns)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(output, forKey: .output)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(outputSHA256, forKey: .outputSHA256)
        try container.encodeIfPresent(answerSHA256, forKey: .answerSHA256)
        try container.encodeIfPresent(answerFormat, forKey: .answerFormat)
        try container.encode(provider, forKey: .provider)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(servedBy, forKey: .servedBy)
        try container.encode(placeholder, forKey: .placeholder)
        try container.encode(inputs, forKey: .inputs)
        try container.encodeIfPresent(variants, forKey: .variants)
        try container.encodeIfPresent(picked, forKey: .picked)
        try container.encodeIfPresent(renditions, forKey: .renditions)
        try container.encodeIfPresent(checks, forKey: .checks)
        try container.encodeIfPresent(alt, forKey: .alt)
        try container.encodeIfPresent(turns, forKey: .turns)
    }
}

/// `assets.lock`: committed beside the manifest so a fresh clone knows every output is current without
/// a cache. Sorted, pretty-printed JSON, so a prompt change reads as a small diff in review.
package struct Lockfile: Sendable, Hashable, Codable {
    package static let currentVersion = 1

    package var version: Int
    package var assets: [String: LockEntry]

    package init(assets: [String: LockEntry] = [:]) {
        self.version = Self.currentVersion
        self.assets = assets
    }

    /// A lock file's bytes, read as `load` reads them (the fast reader, else `JSONDecoder`).
    package static func decode(_ data: Data) throws -> Lockfile {
        try LockfileReader.read(data) ?? JSONDecoder().decode(Lockfile.self, from: data)
    }

    /// Reads the lock file; an absent file is an empty lock.
    package static func load(from path: String) throws -> Lockfile {
        guard let data = FileContents.read(path) else { return Lockfile() }
        let name = ProjectPath.name(path)
        let lock: Lockfile
        do {
            lock = try decode(data)
        } catch {
            // Only a lock that does not parse is searched for conflict markers: a large one is not scanned twice.
            if data.starts(with: Data("<<<<<<< ".utf8)) || data.range(of: Data("\n<<<<<<< ".utf8)) != nil {
                throw UserFacingError(
                    "\(name) has merge conflict markers",
                    fix:
                        "keep one side, 'git checkout --ours \(name)' (or --theirs), then run 'generate-assets': it brings "
                        + "every output in line with the merged manifest (from the cache where it can) and rewrites the "
                        + "lock; then 'git add \(name)' and the outputs, and finish the merge")
            }
            throw UserFacingError(
                "\(name) is not a valid lock file (\(Self.describe(error)))",
                fix:
                    "restore it with 'git checkout -- \(name)', or delete it: every asset is then checked against the cache and regenerated only where needed"
            )
        }
        guard lock.version <= currentVersion else {
            throw UserFacingError(
                "\(name) has version \(lock.version); this generate-assets reads \(currentVersion)",
                fix: "update generate-assets")
        }
        return lock
    }

    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
            .valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default: return "\(error)"
        }
    }

    /// The file's bytes: sorted keys, two-space indents, a final newline.
    package func encoded() throws -> Data {
        try JSONText.data(self) + Data("\n".utf8)
    }

    /// Writes the lock atomically.
    package func write(to path: String) throws {
        try AtomicFileWriter.write(try encoded(), to: path)
    }
}
