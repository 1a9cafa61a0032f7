import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

extension GenerateEngine {
    /// A placeholder run that wrote placeholders where real images were: with `--replace-real-images`, or
    /// where the lock records a real image whose file is gone (still the committed art). The warning that
    /// nothing was committed (placeholders over real art are never committed on their own); nil otherwise.
    func replacesRealImages(_ outcomes: [AssetOutcome]) -> Diagnostic? {
        guard context.provider.id == "placeholder" else { return nil }
        let written = outcomes.filter { [.generated, .restored].contains($0.state) }
        if !options.replaceRealImages {
            let replaced = written.filter { outcome in
                context.lock.assets[outcome.id].map { !$0.placeholder && $0.provider != "placeholder" } ?? false
            }
            guard !replaced.isEmpty else { return nil }
            return Diagnostic(
                .warning,
                "placeholders were written where assets.lock records real images (\(Listing.first(5, of: replaced.map(\.output)))), and nothing was committed",
                fix:
                    "a run with the real provider restores the real images the cache or git history holds, at no cost; --replace-real-images to replace real images on purpose"
            )
        }
        guard !written.isEmpty else { return nil }
        return Diagnostic(
            .warning,
            "--replace-real-images: placeholders were written (\(Listing.first(5, of: written.map(\.output)))) and nothing was committed",
            fix:
                "look at them and commit them yourself if you mean to; to undo, 'git checkout -- assets.lock' and those files (a run with the real provider also restores the real images the cache holds, at no cost)"
        )
    }
}
