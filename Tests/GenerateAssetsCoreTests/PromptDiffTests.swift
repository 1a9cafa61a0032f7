import Testing

@testable import GenerateAssetsCore

/// Word diffs of prompts changed in more than one place: what lies between the changes stays `same`.
@Suite struct PromptDiffTests {
    @Test func wordsBetweenTwoChangesAreKept() {
        let pieces = PromptDiff.between("a red fox in deep snow", "a grey fox in fresh snow")
        let kept = pieces.filter { $0.kind == .same }.map(\.text).joined()
        #expect(kept == "a  fox in  snow", "\(pieces)")
        #expect(pieces.filter { $0.kind == .removed }.map(\.text) == ["red", "deep"])
        #expect(pieces.filter { $0.kind == .added }.map(\.text) == ["grey", "fresh"])
        let old = pieces.filter { $0.kind != .added }.map(\.text).joined()
        let new = pieces.filter { $0.kind != .removed }.map(\.text).joined()
        #expect(old == "a red fox in deep snow" && new == "a grey fox in fresh snow", "each side reads back whole")
    }
}
