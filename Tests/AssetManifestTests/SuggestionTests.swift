import Testing

@testable import AssetManifest

@Suite struct SuggestionTests {
    @Test func aCloseNameIsSuggestedElseAFewChoicesAreListed() {
        let ids = (0..<1000).map { "a\($0)" }
        #expect(Suggestion.hint(for: "a1000", in: ids) == "did you mean 'a100'?")
        #expect(
            Suggestion.hint(for: "status", in: ids)
                == "valid choices: a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, and 988 more")
        #expect(Suggestion.hint(for: "zzz", in: ["x", "y"]) == "valid choices: x, y")
    }
}
