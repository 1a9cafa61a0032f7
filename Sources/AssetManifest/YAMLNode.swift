/// Where a node starts in the manifest, 1-based; columns count characters, as libyaml does.
struct YAMLMark: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A scalar as written: its text (no implicit typing: `7` and `true` are text too), quoting style and place.
struct YAMLScalar: Sendable {
    enum Style: Sendable { case any, plain, singleQuoted, doubleQuoted, literal, folded }

    var string: String
    var style: Style
    var mark: YAMLMark
}

/// A composed YAML node, as the readers walk it. Aliases are already replaced by the node they name
/// (shared, not copied, so an alias bomb costs nothing until it is walked; `YAMLReader` bounds the walk).
enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    /// Pairs in document order; merge keys (`<<`) are applied by `YAMLReader`.
    case mapping([(key: YAMLNode, value: YAMLNode)], mark: YAMLMark)
    case sequence([YAMLNode], mark: YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(_, let mark), .sequence(_, let mark): mark
        }
    }

    /// The items of a sequence; nil for any other node.
    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { items } else { nil }
    }
}
