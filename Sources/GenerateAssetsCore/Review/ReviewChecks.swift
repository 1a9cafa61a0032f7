import AssetPlanner
import Foundation

/// The review card's checks: the verdict on the output (failing checks first, each with the judge's reason),
/// earlier attempts that failed, and the alt text.
enum ReviewChecks {
    static func section(_ asset: ReviewAsset, into page: inout HTMLText) {
        guard asset.checks != nil || asset.alt != nil else { return }
        page.element("div", ["class": "checks", "data-role": "checks"]) { box in
            if let record = asset.checks {
                let title =
                    record.verdict.passed
                    ? "Checks passed" : record.accepted == true ? "Checks failed (accepted by pick)" : "Checks failed"
                box.element("h3", text: "\(title) · judge \(record.model)")
                box.element("ul", ["class": "check-list"]) { list in
                    for result in record.verdict.failingFirst { item(result, variant: nil, into: &list) }
                    for attempt in record.attempts ?? [] where attempt.variant != record.verdict.variant {
                        for result in attempt.failingFirst where !result.passed {
                            item(result, variant: attempt.variant, into: &list)
                        }
                    }
                }
            }
            if let alt = asset.alt {
                box.element("h3", text: "Alt text")
                box.element("p", ["class": "alt-text", "data-role": "alt"], text: alt)
            }
        }
    }

    static func item(_ result: CheckResult, variant: Int?, into list: inout HTMLText) {
        list.element(
            "li",
            [
                "class": result.passed ? "check pass" : "check fail", "data-role": "check",
                "data-passed": result.passed ? "true" : "false",
            ]
        ) { line in
            line.element("strong", text: result.passed ? "✓ " : "✗ ")
            if let variant { line.text("variant \(variant): ") }
            line.text(result.check)
            line.element("span", ["class": "reason"], text: " — \(result.reason)")
        }
    }
}
