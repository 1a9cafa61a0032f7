import AssetSupport
import Foundation

extension ProjectValidator {
    /// Carries an asset's checks and alt text into its resolved form, with the project's judge model.
    func resolveChecks(_ asset: AssetDeclaration, into resolved: inout ResolvedAsset) {
        resolved.judgeModel = manifest.checks.model
        if let checks = asset.checks, !checks.isEmpty { resolved.checks = checks }
        if let limit = asset.altMaxCharacters {
            guard case .auto? = asset.alt else {
                error(
                    "alt_max_chars applies only to 'alt: auto'", at: asset.location("alt_max_chars"),
                    key: "assets[\(asset.id)].alt_max_chars",
                    fix: "write 'alt: auto' to have the judge describe the image, or remove alt_max_chars")
                return
            }
            resolved.alt = .auto(maxCharacters: limit)
        } else {
            resolved.alt = asset.alt
        }
    }

    /// `alt_text_file:` normalized when generate-assets may write it, else nil with an error.
    func resolvedAltTextFile() -> String? {
        guard let raw = manifest.altTextFile else { return nil }
        let at = manifest.altTextFileLocation
        switch writablePath(raw, example: "Site/data/alt.json") {
        case .failure(let problem):
            error(
                problem.message.replacingOccurrences(of: "output '", with: "alt_text_file '"), at: at,
                key: "alt_text_file", fix: problem.fix)
            return nil
        case .success(let path):
            if let owner = manifest.assets.first(where: { ProjectPath.normalize($0.output) == path }) {
                error(
                    "alt_text_file '\(raw)' is the output of asset '\(owner.id)'", at: at, key: "alt_text_file",
                    fix: "choose another file, e.g. 'Site/data/alt.json'")
                return nil
            }
            return path
        }
    }
}
