import AssetManifest
import AssetPlanner
import AssetProviders
import AssetSupport
import Foundation

/// What the judge said about one image, as cached (`judgements` table) per question key.
struct Judgement: Codable {
    var textFound: String
    var answers: [JudgeAnswerItem]
}

/// Turning a judge's answer into check results, and the keys verdicts are cached under.
enum CheckJudging {
    /// Text as compared: Unicode NFC, case folded, curly quotes made straight, whitespace runs made one space.
    static func normalized(_ text: String) -> String {
        var folded = text.precomposedStringWithCanonicalMapping.lowercased()
        let quotes: [Character: Character] = [
            "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{2032}": "'", "\u{00B4}": "'", "`": "'",
            "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{00AB}": "\"", "\u{00BB}": "\"", "\u{2033}": "\"",
        ]
        folded = String(folded.map { quotes[$0] ?? $0 })
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The key a verdict is cached under: the judge model and the checks (the image hash is the other half).
    static func checksKey(_ checks: ImageChecks, model: String) -> ContentHash {
        SHA256.hash("checks v1\n\(model)\n\(checks.canonical)")
    }

    /// The key alt text is cached under.
    static func altKey(maxCharacters: Int, model: String) -> ContentHash {
        SHA256.hash("alt v1\n\(model)\n\(maxCharacters)")
    }

    /// The verdict of `judgement` on `checks`: each check passes or fails with the judge's reason.
    static func verdict(_ judgement: Judgement, checks: ImageChecks, variant: Int?) -> CheckVerdict {
        var results: [CheckResult] = []
        let found = normalized(judgement.textFound)
        let read = judgement.textFound.isEmpty ? "no legible text" : "read \u{201C}\(judgement.textFound)\u{201D}"
        if let text = checks.text {
            let wanted = normalized(text)
            let passed = !wanted.isEmpty && found.contains(wanted)
            results.append(
                CheckResult(
                    check: "text: \(text)", passed: passed, reason: passed ? read : "\(read), not the words asked for"))
        }
        if checks.noOtherText {
            var rest = found
            if let text = checks.text, let range = rest.range(of: normalized(text)) { rest.removeSubrange(range) }
            let passed = rest.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).isEmpty
            results.append(
                CheckResult(check: "no_other_text", passed: passed, reason: passed ? read : "\(read): other text too"))
        }
        for question in checks.expect {
            let item = judgement.answers.first { $0.question == question }
            results.append(
                CheckResult(
                    check: question, passed: item?.yes == true,
                    reason: item.map { "\($0.yes ? "yes" : "no"): \($0.reason)" } ?? "not answered"))
        }
        return CheckVerdict(variant: variant, passed: results.allSatisfy(\.passed), results: results)
    }

    /// Every attempt's verdict, for a failure message: `variant 1: failed 'Is there one fox?' (no: …)`.
    static func describe(_ verdicts: [CheckVerdict]) -> String {
        verdicts.map { verdict in
            let failed = verdict.results.filter { !$0.passed }.map { "'\($0.check)' (\($0.reason))" }
            return "variant \(verdict.variant ?? 1): failed \(failed.joined(separator: ", "))"
        }.joined(separator: "; ")
    }
}
