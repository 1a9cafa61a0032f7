import AssetSupport

/// The fingerprint recipe. Bump `schemaVersion` whenever the encoding or a provider's rendering changes,
/// so every asset is regenerated once rather than silently reused.
package enum Fingerprint {
    package static let schemaVersion = 1

    /// The exact bytes that are hashed: one field a line, `name length:value\n`, where length is the
    /// value's UTF-8 byte count, in this order: `schema`, `provider`, `model`, `prompt`,
    /// `system_instruction` (when set), `config.KEY` for each config value sorted by key, then
    /// `reference.N` (0-based, in manifest order) holding the reference's SHA-256. Reference names,
    /// the output path, absolute paths and times are deliberately absent.
    package static func canonicalEncoding(of inputs: AssetInputs) -> String {
        String(decoding: canonicalBytes(of: inputs), as: UTF8.self)
    }

    /// The canonical encoding's UTF-8, built byte by byte: every plan hashes one per asset.
    static func canonicalBytes(of inputs: AssetInputs) -> [UInt8] {
        var out = CanonicalBytes(capacity: 256 + inputs.prompt.utf8.count + (inputs.systemInstruction?.utf8.count ?? 0))
        out.field("schema", String(schemaVersion))
        out.field("provider", inputs.provider)
        out.field("model", inputs.model)
        out.field("prompt", inputs.prompt)
        if let instruction = inputs.systemInstruction { out.field("system_instruction", instruction) }
        for (key, value) in inputs.config.sorted(by: { $0.key < $1.key }) { out.field("config.", key, value) }
        for (index, reference) in inputs.references.enumerated() {
            out.field("reference.", String(index), reference.sha256.hex)
        }
        return out.bytes
    }

    /// SHA-256 of the canonical encoding; for an asset with edits, the last turn's fingerprint (see `turns(of:)`).
    package static func of(_ inputs: AssetInputs) -> ContentHash {
        let base = canonicalBytes(of: inputs).withUnsafeBytes { SHA256.hash($0) }
        guard let edits = inputs.edits, !edits.isEmpty else { return base }
        return edits.reduce(base) { turn(after: $0, $1) }
    }
}

/// Explains, in words, why two sets of inputs give different fingerprints.
package enum StaleReasons {
    package static func between(old: AssetInputs?, new: AssetInputs) -> [StaleReason] {
        guard let old else { return [.new] }
        var reasons: [StaleReason] = []
        if old.provider != new.provider { reasons.append(.providerChanged(from: old.provider, to: new.provider)) }
        if old.model != new.model { reasons.append(.modelChanged(from: old.model, to: new.model)) }
        if old.prompt != new.prompt { reasons.append(.promptChanged) }
        if old.systemInstruction != new.systemInstruction { reasons.append(.systemInstructionChanged) }
        for key in Set(old.config.keys).union(new.config.keys).sorted() where old.config[key] != new.config[key] {
            switch (old.config[key], new.config[key]) {
            case (nil, let value?): reasons.append(.configAdded(key: key, value: value))
            case (let value?, nil): reasons.append(.configRemoved(key: key, was: value))
            case (let before?, let after?): reasons.append(.configChanged(key: key, from: before, to: after))
            default: break
            }
        }
        reasons += referenceReasons(old: old.references, new: new.references)
        reasons += editReasons(old: old.edits ?? [], new: new.edits ?? [])
        if reasons.isEmpty, Fingerprint.of(old) != Fingerprint.of(new) { reasons.append(.fingerprintRecipeChanged) }
        return reasons
    }

    static func referenceReasons(old: [InputReference], new: [InputReference]) -> [StaleReason] {
        var reasons: [StaleReason] = []
        for (index, reference) in new.enumerated() {
            let label: StaleReason.ReferenceLabel =
                reference.kind == .asset ? .upstream(reference.name) : .file(reference.name)
            guard index < old.count else {
                reasons.append(.referenceAdded(label))
                continue
            }
            let before = old[index]
            if before.kind != reference.kind || before.name != reference.name {
                reasons.append(.referenceReplaced(index: index, now: label, was: before.name))
            } else if before.sha256 != reference.sha256 {
                reasons.append(.referenceChanged(label))
            }
        }
        for reference in old.dropFirst(new.count) {
            reasons.append(.referenceRemoved(reference.name))
        }
        return reasons
    }
}

/// `name length:value\n` lines as bytes (the name given in one or two parts).
struct CanonicalBytes {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func field(_ name: String, _ value: String) { field(name, "", value) }

    mutating func field(_ name: String, _ suffix: String, _ value: String) {
        append(name)
        append(suffix)
        bytes.append(UInt8(ascii: " "))
        append(String(value.utf8.count))
        bytes.append(UInt8(ascii: ":"))
        append(value)
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
