import AssetProviders
import AssetSupport
import Foundation

extension GenerateEngine {
    /// A placeholder run with `--replace-real-images` that wrote outputs: the warning that nothing was
    /// committed (placeholders over real art are never committed on their own); nil for any other run.
    func replacesRealImages(_ outcomes: [AssetOutcome]) -> Diagnostic? {
        guard options.replaceRealImages, context.provider.id == "placeholder" else { return nil }
        let written = outcomes.filter { [.generated, .restored].contains($0.state) }.map(\.output)
        guard !written.isEmpty else { return nil }
        return Diagnostic(
            .warning,
            "--replace-real-images: placeholders were written (\(Listing.first(5, of: written))) and nothing was committed",
            fix:
                "look at them and commit them yourself if you mean to; to undo, 'git checkout -- assets.lock' and those files (a run with the real provider also restores the real images the cache holds, at no cost)"
        )
    }
}
