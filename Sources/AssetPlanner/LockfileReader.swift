import AssetFingerprint
import AssetSupport
import Foundation

/// Reads `assets.lock` with `JSONScanner`, several times faster than `JSONDecoder` on Linux: a lock holds
/// a record per asset and is read by every run. It yields exactly what `JSONDecoder` would, or nil for
/// anything unusual (a duplicate key, a wrong type, a missing field…), and then `Lockfile.load` decodes with
/// `JSONDecoder`, whose answer and error messages stay the reference.
enum LockfileReader {
    static func read(_ data: Data) -> Lockfile? {
        // Indices from 0: entries keep the file for their deferred inputs.
        let file = data.startIndex == 0 ? data : Data(data)
        return file.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            var version: Int?
            var assets: [String: LockEntry]?
            let read = scanner.object { scanner, key in
                switch key {
                case "version":
                    guard version == nil else { return false }  // a key written twice: JSONDecoder decides
                    version = scanner.int()
                    return version != nil
                case "assets":
                    guard assets == nil else { return false }
                    var entries: [String: LockEntry] = [:]
                    let read = scanner.object { scanner, id in
                        guard entries[id] == nil, let entry = entry(&scanner, file: file) else { return false }
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

    static func entry(_ scanner: inout JSONScanner, file: Data) -> LockEntry? {
        var output: String?
        var fingerprint: ContentHash?
        var outputSHA256: ContentHash?
        var answerSHA256: ContentHash?
        var answerFormat: ImageFormat?
        var provider: String?
        var model: String?
        var placeholder: Bool?
        var inputs: DeferredInputs?
        var variants: Int?
        var picked: Int?
        var renditions: [RenditionRecord]?
        var servedBy: String?
        var checks: CheckRecord?
        var alt: String?
        var turns: [LockTurn]?
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: entryKeys) else { return false }
            switch key {
            case "output": return assign(&output, scanner.string())
            case "fingerprint": return assign(&fingerprint, hash(&scanner))
            case "output_sha256": return assign(&outputSHA256, hash(&scanner))
            case "answer_sha256": return scanner.null() || assign(&answerSHA256, hash(&scanner))
            case "answer_format":
                return scanner.null() || assign(&answerFormat, scanner.string().flatMap(ImageFormat.init(rawValue:)))
            case "provider": return assign(&provider, scanner.string())
            case "model": return assign(&model, scanner.string())
            case "served_by": return scanner.null() || assign(&servedBy, scanner.string())
            case "placeholder": return assign(&placeholder, scanner.bool())
            case "variants": return scanner.null() || assign(&variants, scanner.int())
            case "picked": return scanner.null() || assign(&picked, scanner.int())
            case "renditions": return scanner.null() || assign(&renditions, list(&scanner, of: rendition))
            case "alt": return scanner.null() || assign(&alt, scanner.string())
            case "turns": return scanner.null() || assign(&turns, list(&scanner, of: turn))
            case "checks":
                // Rare and small: decoded in full.
                let start = scanner.valueStart()
                guard scanner.skipValue() else { return false }
                return assign(&checks, try? JSONDecoder().decode(CheckRecord.self, from: file[start..<scanner.offset]))
            case "inputs":
                // Checked now, decoded when first read.
                let start = scanner.valueStart()
                guard checkInputs(&scanner) else { return false }
                inputs = DeferredInputs(file: file, range: start..<scanner.offset)
                return true
            default: return scanner.skipValue()
            }
        }
        guard read, let output, let fingerprint, let outputSHA256, let provider, let model, let placeholder, let inputs
        else { return nil }
        var entry = LockEntry(
            output: output, fingerprint: fingerprint, outputSHA256: outputSHA256, answerSHA256: answerSHA256,
            answerFormat: answerFormat,
            provider: provider, model: model, placeholder: placeholder, deferredInputs: inputs,
            variants: variants, picked: picked, renditions: renditions, servedBy: servedBy)
        entry.checks = checks
        entry.alt = alt
        entry.turns = turns
        return entry

    }

    static func inputs(_ scanner: inout JSONScanner) -> AssetInputs? {
        var provider: String?
        var model: String?
        var prompt: String?
        var systemInstruction: String?
        var config: [String: String]?
        var references: [InputReference]?
        var edits: [EditInput]?
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: inputKeys) else { return false }
            switch key {
            case "provider": return assign(&provider, scanner.string())
            case "model": return assign(&model, scanner.string())
            case "prompt": return assign(&prompt, scanner.string())
            case "system_instruction": return scanner.null() || assign(&systemInstruction, scanner.string())
            case "config":
                var values: [String: String] = [:]
                let read = scanner.object { scanner, name in
                    guard values[name] == nil, let value = scanner.string() else { return false }
                    values[name] = value
                    return true
                }
                config = values
                return read
            case "references": return assign(&references, list(&scanner, of: reference))
            case "edits": return assign(&edits, scanner.rawValue().flatMap { EditInput.decodeList($0) })
            default: return scanner.skipValue()
            }
        }
        guard read, let provider, let model, let prompt, let config, let references else { return nil }
        var inputs = AssetInputs(
            provider: provider, model: model, prompt: prompt, systemInstruction: systemInstruction, config: config,
            references: references)
        inputs.edits = edits
        return inputs
    }

    /// True when `inputs(_:)` would decode the object that follows; builds no string it need not.
    static func checkInputs(_ scanner: inout JSONScanner) -> Bool {
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: inputKeys) else { return false }
            switch key {
            case "provider", "model", "prompt": return scanner.checkString()
            case "system_instruction": return scanner.null() || scanner.checkString()
            case "config":
                var names = Set<String>()
                return scanner.object { scanner, name in names.insert(name).inserted && scanner.checkString() }
            case "references": return scanner.array { checkReference(&$0) }
            case "edits": return scanner.rawValue().flatMap { EditInput.decodeList($0) } != nil
            default: return scanner.skipValue()
            }
        }
        return read && keys.contains(["provider", "model", "prompt", "config", "references"], of: inputKeys)
    }

    static func checkReference(_ scanner: inout JSONScanner) -> Bool {
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: referenceKeys) else { return false }
            switch key {
            case "kind":
                return scanner.checkString { InputReference.Kind(rawValue: String(decoding: $0, as: UTF8.self)) != nil }
            case "name": return scanner.checkString()
            case "sha256":
                return scanner.checkString { bytes in
                    bytes.count == 64 && bytes.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
                }
            default: return scanner.skipValue()
            }
        }
        return read && keys.contains(["kind", "name", "sha256"], of: referenceKeys)
    }

    static func reference(_ scanner: inout JSONScanner) -> InputReference? {
        var kind: InputReference.Kind?
        var name: String?
        var sha256: ContentHash?
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: referenceKeys) else { return false }
            switch key {
            case "kind": return assign(&kind, scanner.string().flatMap(InputReference.Kind.init(rawValue:)))
            case "name": return assign(&name, scanner.string())
            case "sha256": return assign(&sha256, hash(&scanner))
            default: return scanner.skipValue()
            }
        }
        guard read, let kind, let name, let sha256 else { return nil }
        return InputReference(kind: kind, name: name, sha256: sha256)
    }

    static func rendition(_ scanner: inout JSONScanner) -> RenditionRecord? {
        var output: String?
        var recipe: String?
        var fingerprint: ContentHash?
        var outputSHA256: ContentHash?
        var keys = KeySet()
        let read = scanner.object { scanner, key in
            guard keys.insert(key, of: renditionKeys) else { return false }
            switch key {
            case "output": return assign(&output, scanner.string())
            case "recipe": return assign(&recipe, scanner.string())
            case "fingerprint": return assign(&fingerprint, hash(&scanner))
            case "output_sha256": return assign(&outputSHA256, hash(&scanner))
            default: return scanner.skipValue()
            }
        }
        guard read, let output, let recipe, let fingerprint, let outputSHA256 else { return nil }
        return RenditionRecord(output: output, recipe: recipe, fingerprint: fingerprint, outputSHA256: outputSHA256)
    }

    /// Stores a value read from the file; false when there was none of the expected type.
    static func assign<T>(_ slot: inout T?, _ value: T?) -> Bool {
        slot = value
        return value != nil
    }

    /// An array whose every element `element` reads; nil when one does not.
    static func list<T>(_ scanner: inout JSONScanner, of element: (inout JSONScanner) -> T?) -> [T]? {
        var items: [T] = []
        let read = scanner.array { scanner in
            guard let item = element(&scanner) else { return false }
            items.append(item)
            return true
        }
        return read ? items : nil
    }

    static func hash(_ scanner: inout JSONScanner) -> ContentHash? {
        scanner.string().flatMap(ContentHash.init(hex:))
    }

    static let entryKeys = [
        "output", "fingerprint", "output_sha256", "answer_sha256", "answer_format", "provider", "model", "placeholder",
        "inputs", "variants", "picked", "renditions", "served_by", "checks", "alt", "turns",
    ]
    static let renditionKeys = ["output", "recipe", "fingerprint", "output_sha256"]
    static let inputKeys = ["provider", "model", "prompt", "system_instruction", "config", "references", "edits"]
    static let referenceKeys = ["kind", "name", "sha256"]
}

/// The known keys an object has had so far, one bit each: a known key written twice is refused (the caller
/// then leaves the file to `JSONDecoder`); unknown keys are skipped, as `JSONDecoder` skips them.
struct KeySet {
    private var bits = 0

    /// False when `key` is a known key already seen.
    mutating func insert(_ key: String, of known: [String]) -> Bool {
        guard let index = known.firstIndex(of: key) else { return true }
        defer { bits |= 1 << index }
        return bits & (1 << index) == 0
    }

    func contains(_ keys: [String], of known: [String]) -> Bool {
        keys.allSatisfy { key in known.firstIndex(of: key).map { bits & (1 << $0) != 0 } ?? false }
    }
}
