import CYaml

/// Composes YAML text into `YAMLNode`s straight from libyaml's events: the fast path of `ManifestParser`.
///
/// It reads a manifest the way `Yams.compose(yaml:_:)` with the basic resolver does (the same libyaml, the
/// same marks, aliases shared, a leading byte-order mark dropped from a scalar as Foundation drops it),
/// without Yams's per-node objects. It never judges a problem itself: whenever Yams could answer with an
/// error or treat a key differently (a syntax error, a duplicate key, an undefined alias, a second document,
/// an explicit tag, a key that is not a scalar), it says so, and the caller asks Yams, whose error is the one
/// reported. So every diagnostic stays exactly as it was; only a manifest that composes cleanly takes this path.
enum YAMLComposer {
    enum Outcome {
        /// The document's root; nil for a stream with no document (empty, or only comments).
        case composed(YAMLNode?)
        /// Ask Yams. `node` is the root when this composer got through the whole stream (only a tag or a
        /// non-scalar key made it unsure), nil when it stopped at a problem.
        case askYams(composed: YAMLNode?)
    }

    static func compose(_ text: String) -> Outcome {
        var text = text
        guard !text.isEmpty else { return .composed(nil) }
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .askYams(composed: nil) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var state = State()
            return state.run(&parser)
        }
    }

    /// A sequence or mapping whose end event has not come yet.
    private struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        /// The keys so far, once there are too many to compare one by one.
        var keys: Set<String>?

        /// Adds a scalar key; false when the mapping already has it.
        mutating func insertKey(_ key: String) -> Bool {
            if keys == nil, pairs.count < 16 {
                return !pairs.contains {
                    if case .scalar(let earlier) = $0.key { earlier.string == key } else { false }
                }
            }
            if keys == nil {
                keys = Set(pairs.compactMap { if case .scalar(let earlier) = $0.key { earlier.string } else { nil } })
            }
            return keys!.insert(key).inserted
        }
    }

    private struct State {
        var anchors: [String: YAMLNode] = [:]
        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0
        /// A tag or a non-scalar key: Yams must confirm there is no error, though the tree is complete.
        var unsure = false
        /// A problem Yams reports as an error: stop here.
        var stopped = false

        mutating func run(_ parser: inout yaml_parser_t) -> Outcome {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return .askYams(composed: nil) }
                let type = event.type
                handle(&event)
                yaml_event_delete(&event)
                if stopped { return .askYams(composed: nil) }
                if type == YAML_STREAM_END_EVENT { break }
            }
            return unsure ? .askYams(composed: root) : .composed(root)
        }

        mutating func handle(_ event: inout yaml_event_t) {
            let mark = YAMLMark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { stopped = true }  // "expected a single document in the stream"
            case YAML_ALIAS_EVENT:
                guard let node = anchors[string(event.data.alias.anchor)] else {
                    stopped = true  // "found undefined alias"
                    return
                }
                add(node)
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                if data.tag != nil { unsure = true }
                let scalar = YAMLScalar(
                    string: scalarText(data.value, count: data.length), style: style(data.style), mark: mark)
                finish(.scalar(scalar), anchor: data.anchor.map { string($0) })
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.tag != nil { unsure = true }
                stack.append(
                    Frame(isMapping: false, mark: mark, anchor: event.data.sequence_start.anchor.map { string($0) }))
            case YAML_MAPPING_START_EVENT:
                if event.data.mapping_start.tag != nil { unsure = true }
                stack.append(
                    Frame(isMapping: true, mark: mark, anchor: event.data.mapping_start.anchor.map { string($0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return }
                finish(
                    frame.isMapping
                        ? .mapping(frame.pairs, mark: frame.mark) : .sequence(frame.items, mark: frame.mark),
                    anchor: frame.anchor)
            default:
                break  // stream start and end, document end
            }
        }

        /// Registers the node's anchor (after the node is complete, as Yams does) and places it in its parent.
        mutating func finish(_ node: YAMLNode, anchor: String?) {
            if let anchor { anchors[anchor] = node }
            add(node)
        }

        mutating func add(_ node: YAMLNode) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return
            }
            guard let key = stack[top].pendingKey else {
                if case .scalar(let scalar) = node {
                    // A duplicate key is an error, unless tags make the two keys differ: Yams decides then.
                    if !stack[top].insertKey(scalar.string), !unsure { stopped = true }
                } else {
                    unsure = true
                }
                stack[top].pendingKey = node
                return
            }
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        }

        func string(_ pointer: UnsafePointer<yaml_char_t>) -> String {
            String(cString: pointer)
        }

        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
            String(cString: pointer)
        }

        /// The scalar's UTF-8 as text; a leading byte-order mark is dropped, as Foundation's
        /// `String(bytes:encoding:)` (which Yams uses) drops it.
        func scalarText(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
            guard let pointer, count > 0 else { return "" }
            var bytes = UnsafeBufferPointer(start: pointer, count: count)
            if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = UnsafeBufferPointer(rebasing: bytes[3...])
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
            switch style {
            case YAML_PLAIN_SCALAR_STYLE: .plain
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .any
            }
        }
    }
}
