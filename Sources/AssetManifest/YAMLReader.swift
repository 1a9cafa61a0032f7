import AssetSupport

/// Walks a composed YAML tree with typed accessors that record located diagnostics instead of throwing,
/// so one pass reports every problem. A node budget bounds the work an alias bomb can cause.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private var budget: Int

    init(file: String, budget: Int = 200_000) {
        self.file = file
        self.budget = budget
    }

    func location(_ node: YAMLNode?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark.line ?? 1, column: node?.mark.column ?? 1)
    }

    func error(_ message: String, at node: YAMLNode?, key: String?, fix: String? = nil) {
        diagnostics.append(
            .error(message, at: location(node), key: key?.isEmpty == true ? "(document)" : key, fix: fix))
    }

    /// An error at a location already read (a key of a mapping read earlier).
    func error(_ message: String, at location: SourceLocation, key: String, fix: String? = nil) {
        diagnostics.append(.error(message, at: location, key: key, fix: fix))
    }

    func warning(_ message: String, at node: YAMLNode?, key: String?, fix: String? = nil) {
        diagnostics.append(
            .warning(message, at: location(node), key: key?.isEmpty == true ? "(document)" : key, fix: fix))
    }

    /// False once the document has had more nodes than any real manifest needs.
    private func spend(_ node: YAMLNode, key: () -> String) -> Bool {
        budget -= 1
        if budget == 0 {
            error(
                "the document expands to too many nodes (an alias bomb?)", at: node, key: key(),
                fix: "remove the repeated aliases; a manifest needs far fewer than 200,000 values")
        }
        return budget > 0
    }

    /// True for an empty or null scalar (`key:`, `~`, `null`).
    static func isNothing(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    static func describe(_ node: YAMLNode) -> String {
        if isNothing(node) { return "nothing" }
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            return "'\(scalar.string.prefix(40))'"
        }
    }

    /// Key/value pairs of a mapping in document order, with `<<` merge keys applied.
    /// Key paths are built only for a diagnostic: a clean manifest never pays for them.
    func mapping(_ node: YAMLNode, key: @autoclosure () -> String) -> [(
        name: String, keyNode: YAMLNode, value: YAMLNode
    )]? {
        guard spend(node, key: key) else { return nil }
        guard case .mapping(let mapping, _) = node else {
            let key = key()
            error(
                "expected a mapping, found \(Self.describe(node))", at: node, key: key,
                fix: "write '\(key.split(separator: ".").last ?? ""):' followed by indented 'name: value' lines")
            return nil
        }
        var pairs: [(name: String, keyNode: YAMLNode, value: YAMLNode)] = []
        pairs.reserveCapacity(mapping.count)
        var merged: [(name: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("keys must be plain names, found \(Self.describe(keyNode))", at: keyNode, key: key())
                continue
            }
            if scalar.string == "<<" {
                for source in value.sequence ?? [value] { merged += self.mapping(source, key: key()) ?? [] }
                continue
            }
            pairs.append((scalar.string, keyNode, value))
        }
        guard !merged.isEmpty else { return pairs }
        let present = Set(pairs.map(\.name))
        return pairs + merged.filter { !present.contains($0.name) }
    }

    func sequence(_ node: YAMLNode, key: @autoclosure () -> String) -> [YAMLNode]? {
        guard spend(node, key: key) else { return nil }
        guard case .sequence(let sequence, _) = node else {
            let key = key()
            error(
                "expected a list, found \(Self.describe(node))", at: node, key: key,
                fix: "write one '- item' per line under '\(key.split(separator: ".").last ?? "")'")
            return nil
        }
        return sequence
    }

    func string(_ node: YAMLNode, key: @autoclosure () -> String, allowEmpty: Bool = false) -> String? {
        guard spend(node, key: key) else { return nil }
        guard case .scalar(let scalar) = node, !Self.isNothing(node) else {
            let key = key()
            error(
                "expected text, found \(Self.describe(node))", at: node, key: key,
                fix: "give '\(key.split(separator: ".").last ?? "")' a quoted value")
            return nil
        }
        if !allowEmpty, Self.isBlank(scalar.string) {
            error("must not be empty", at: node, key: key())
            return nil
        }
        return scalar.string
    }

    func int(_ node: YAMLNode, key: @autoclosure () -> String) -> Int? {
        guard let text = string(node, key: key()), let value = Int(text) else {
            if case .scalar = node {
                error(
                    "expected a whole number, found \(Self.describe(node))", at: node, key: key(),
                    fix: "write a number such as 7")
            }
            return nil
        }
        return value
    }

    func double(_ node: YAMLNode, key: @autoclosure () -> String) -> Double? {
        guard let text = string(node, key: key()), let value = Double(text), value.isFinite else {
            if case .scalar = node {
                error(
                    "expected a number, found \(Self.describe(node))", at: node, key: key(),
                    fix: "write a number such as 0.4")
            }
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode, key: @autoclosure () -> String) -> Bool? {
        guard let text = string(node, key: key()) else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(
                "expected true or false, found '\(text.prefix(40))'", at: node, key: key(), fix: "write true or false")
            return nil
        }
    }

    /// A list of strings; a single string is accepted as a one-item list.
    func strings(_ node: YAMLNode, key: @autoclosure () -> String) -> [String]? {
        if case .scalar = node { return string(node, key: key()).map { [$0] } }
        guard let items = sequence(node, key: key()) else { return nil }
        let values = items.enumerated().compactMap { string($0.element, key: "\(key())[\($0.offset)]") }
        return values.count == items.count ? values : nil
    }

    /// Reports an unknown key with the closest known one.
    func unknownKey(_ name: String, at node: YAMLNode, key: String, known: [String]) {
        let path = key.isEmpty ? name : "\(key).\(name)"
        error("unknown key '\(name)'", at: node, key: path, fix: Suggestion.hint(for: name, in: known))
    }
}
