import AssetFingerprint
import AssetSupport
import Foundation

/// Reads `assets.lock` with `JSONScanner`, several times faster than `JSONDecoder` on Linux: a lock holds
/// a record per asset and is read by every run. It yields exactly what `JSONDecoder` would, or nil for
/// anything unusual (a duplicate key, a wrong type, a missing field…), and then `Lockfile.load` decodes with
/// `JSONDecoder`, whose answer and error messages stay the reference.
enum LockfileReader {
    static func read(_ data: Data) -> Lockfile? {
        data.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            var version: Int?
            var assets: [String: LockEntry]?
            let read = scanner.object { scanner, key in
                switch key {
                case "version":
                    version = scanner.int()
                    return version != nil
                case "assets":
                    var entries: [String: LockEntry] = [:]
                    let read = scanner.object { scanner, id in
                        guard let entry = entry(&scanner) else { return false }
                        entries[id] = entry
                        return true
                    }
                    assets = entries
                    return read
                default: return scanner.skipValue()
                }
            }
            guard read, scanner.isAtEnd(), let version, let assets else { return nil }
            var lock = Lockfile(assets: assets)
            lock.version = version
            return lock
        }
    }

    static func entry(_ scanner: inout JSONScanner) -> LockEntry? {
        var output: String?, fingerprint: ContentHash?, outputSHA256: ContentHash?, answerSHA256: ContentHash?
        var answerFormat: ImageFormat?, provider: String?, model: String?, placeholder: Bool?, inputs: AssetInputs?
        let read = scanner.object { scanner, key in
            switch key {
            case "output": output = scanner.string(); return output != nil
            case "fingerprint": fingerprint = hash(&scanner); return fingerprint != nil
            case "output_sha256": outputSHA256 = hash(&scanner); return outputSHA256 != nil
            case "answer_sha256":
                if scanner.null() { return true }
                answerSHA256 = hash(&scanner)
                return answerSHA256 != nil
            case "answer_format":
                if scanner.null() { return true }
                answerFormat = scanner.string().flatMap(ImageFormat.init(rawValue:))
                return answerFormat != nil
            case "provider": provider = scanner.string(); return provider != nil
            case "model": model = scanner.string(); return model != nil
            case "placeholder": placeholder = scanner.bool(); return placeholder != nil
            case "inputs": inputs = self.inputs(&scanner); return inputs != nil
            default: return scanner.skipValue()
            }
        }
        guard read, let output, let fingerprint, let outputSHA256, let provider, let model, let placeholder, let inputs else { return nil }
        return LockEntry(output: output, fingerprint: fingerprint, outputSHA256: outputSHA256, answerSHA256: answerSHA256, answerFormat: answerFormat,
                         provider: provider, model: model, placeholder: placeholder, inputs: inputs)
    }

    static func inputs(_ scanner: inout JSONScanner) -> AssetInputs? {
        var provider: String?, model: String?, prompt: String?, systemInstruction: String?
        var config: [String: String]?, references: [InputReference]?
        let read = scanner.object { scanner, key in
            switch key {
            case "provider": provider = scanner.string(); return provider != nil
            case "model": model = scanner.string(); return model != nil
            case "prompt": prompt = scanner.string(); return prompt != nil
            case "system_instruction":
                if scanner.null() { return true }
                systemInstruction = scanner.string()
                return systemInstruction != nil
            case "config":
                var values: [String: String] = [:]
                let read = scanner.object { scanner, name in
                    guard let value = scanner.string() else { return false }
                    values[name] = value
                    return true
                }
                config = values
                return read
            case "references":
                var list: [InputReference] = []
                let read = scanner.array { scanner in
                    guard let reference = reference(&scanner) else { return false }
                    list.append(reference)
                    return true
                }
                references = list
                return read
            default: return scanner.skipValue()
            }
        }
        guard read, let provider, let model, let prompt, let config, let references else { return nil }
        return AssetInputs(provider: provider, model: model, prompt: prompt, systemInstruction: systemInstruction, config: config, references: references)
    }

    static func reference(_ scanner: inout JSONScanner) -> InputReference? {
        var kind: InputReference.Kind?, name: String?, sha256: ContentHash?
        let read = scanner.object { scanner, key in
            switch key {
            case "kind": kind = scanner.string().flatMap(InputReference.Kind.init(rawValue:)); return kind != nil
            case "name": name = scanner.string(); return name != nil
            case "sha256": sha256 = hash(&scanner); return sha256 != nil
            default: return scanner.skipValue()
            }
        }
        guard read, let kind, let name, let sha256 else { return nil }
        return InputReference(kind: kind, name: name, sha256: sha256)
    }

    static func hash(_ scanner: inout JSONScanner) -> ContentHash? {
        scanner.string().flatMap(ContentHash.init(hex:))
    }
}
