import Foundation
import Testing
import Yams

@testable import AssetManifest

/// The composer must build the tree Yams composes, or hand the document to Yams whenever Yams could answer
/// with an error or tell keys apart by their tags.
@Suite struct YAMLComposerTests {
    /// A node as both trees can show it: kind, text, whether plain, and where it starts.
    indirect enum Shape: Equatable {
        case scalar(String, plain: Bool, line: Int, column: Int)
        case mapping([Shape], line: Int, column: Int)
        case sequence([Shape], line: Int, column: Int)
    }

    static func shape(_ node: YAMLNode) -> Shape {
        switch node {
        case .scalar(let scalar):
            .scalar(scalar.string, plain: scalar.style == .plain, line: scalar.mark.line, column: scalar.mark.column)
        case .mapping(let pairs, let mark):
            .mapping(pairs.flatMap { [shape($0.key), shape($0.value)] }, line: mark.line, column: mark.column)
        case .sequence(let items, let mark): .sequence(items.map(shape), line: mark.line, column: mark.column)
        }
    }

    static func shape(_ node: Node) -> Shape {
        let (line, column) = node.mark.map { ($0.line, $0.column) } ?? (0, 0)
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, plain: scalar.style == .plain, line: line, column: column)
        case .mapping(let mapping):
            return .mapping(mapping.flatMap { [shape($0.key), shape($0.value)] }, line: line, column: column)
        case .sequence(let sequence): return .sequence(sequence.map(shape), line: line, column: column)
        case .alias: return .scalar("<alias>", plain: false, line: line, column: column)
        }
    }

    static let documents = [
        "version: 1\nassets:\n  - {id: a, output: Images/a.png, prompt: \"A fox\", references: [Art/a.png, {asset: b}]}\n",
        "defaults: &d {model: m, image_size: 1K}\nstyles:\n  w: &w \"Soft\"\nassets:\n  - prompt: *w\n    config: {<<: *d, seed: 3}\n  - config:\n      <<: [*d]\n",
        "version: !!int 1\nassets:\n  - id: !!str a\n    prompt: !custom \"x\"\n",
        "assets:\n  - id: a\n    !!str id: b\n",
        "assets:\n  - id: a\n    !!int id: b\n",
        "assets:\n  - !!int id: a\n    id: b\n",
        "assets:\n  - id: a\n    ? [a, b]\n    : 1\n",
        "assets:\n  - ? [a, b]\n    : 1\n    ? [a, b]\n    : 2\n",
        "\u{FEFF}version: 1\nprompt: \"\\ufeffA fox\"\n",
        "version: 1\r\nprompt: |\r\n  line one\r\n  line two\r\n",
        "prompt: >-\n  folded\n  text\n\n  para\nkeep: |+\n  keep\n\n# comment\n",
        "%YAML 1.1\n---\nversion: 1\n...\n",
        "version: 1\nassets: []\n---\nversion: 1\n",
        "a: 1\nb: 2\na: 3\n",
        "styles: {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x, i: x, j: x, k: x, l: x, m: x, n: x, o: x, p: x, q: x, r: x, c: y}\n",
        "version: 1\nassets: [\n",
        "a: &x [*x]\n",
        "assets:\n  - *nope\n",
        "---\n", "# only a comment\n", "~\n", "", "plain scalar\n", "- a\n- b\n",
        "prompt: \"tab\\there \\x41 \\u263A \\U0001F98A \\0 end\"\n",
        "prompt: \"\\ud800\"\n",
        "&k assets: [1]\n", "x: &k assets\n*k : [1]\n", "id: ! a\n",
        "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
        "a:\tb\n", "key: 'single ''quoted'''\nother: \"double\"\n",
    ]

    @Test(arguments: documents)
    func composesWhatYamsComposesOrLeavesItToYams(text: String) throws {
        let yams = Result { try Yams.compose(yaml: text, .basic) }
        switch YAMLComposer.compose(text) {
        case .composed(let node):
            guard case .success(let reference) = yams else {
                Issue.record("Yams fails on what the composer took: \(text.debugDescription)")
                return
            }
            #expect(node.map(Self.shape) == reference.map(Self.shape))
        case .askYams(let node?):
            // Only tags or non-scalar keys made it unsure: where Yams accepts the document, the trees agree.
            if case .success(let reference?) = yams { #expect(Self.shape(node) == Self.shape(reference)) }
        case .askYams(nil):
            #expect(throws: (any Error).self, "the composer stopped where Yams did not: \(text.debugDescription)") {
                try yams.get()
            }
        }
    }

    @Test func aliasesAreSharedNotCopied() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 0..<20 {
            text +=
                "l\(level): &l\(level) [\(Array(repeating: level == 0 ? "*a" : "*l\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        guard case .composed(let node?) = YAMLComposer.compose(text) else {
            Issue.record("not composed")
            return
        }
        guard case .mapping(let pairs, _) = node else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.count == 21, "composed at once: 10^20 nodes if copied")
    }
}
