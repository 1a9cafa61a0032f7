import AssetFingerprint
import Foundation

/// Renders a `ReviewReport` as one static HTML page: no script at all, and a Content Security Policy that
/// allows none, so the page works from `file://` offline and nothing in it can run even if it tried.
enum ReviewPage {
    static func render(_ report: ReviewReport) -> String {
        var page = HTMLText()
        page.raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        page.raw(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'\">"
        )
        page.raw(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">"
        )
        page.element("title", text: "Review: \(ProjectName.of(report.project))")
        page.element("style") { $0.raw(ReviewStyle.css) }
        page.raw("</head><body>")
        header(report, into: &page)
        page.element("main") { main in
            if report.assets.isEmpty {
                main.element(
                    "p", ["class": "empty"],
                    text:
                        "No image changed since \(report.since.commit.map { String($0.prefix(10)) } ?? "the start"), none failed and none is stale."
                )
            }
            for asset in report.assets { card(asset, since: report.since, into: &main) }
            if !report.unchanged.isEmpty {
                main.element("section", ["class": "unchanged"]) { section in
                    section.element("h2", text: "Unchanged (\(report.unchanged.count))")
                    section.element("p", text: report.unchanged.joined(separator: ", "))
                }
            }
        }
        page.raw("</body></html>\n")
        return page.html
    }

    static func header(_ report: ReviewReport, into page: inout HTMLText) {
        page.element("header", ["class": "top"]) { top in
            top.element("h1", text: "Review: \(ProjectName.of(report.project))")
            top.element("p", ["class": "sub"]) { sub in
                sub.text("Compared with ")
                if let commit = report.since.commit {
                    sub.element("code", text: String(commit.prefix(10)))
                    if let summary = report.since.summary { sub.text(" “\(summary)”") }
                } else {
                    sub.text("nothing (no commit to compare with)")
                }
                sub.text(" · \(report.since.reason) · written \(report.writtenAt)")
            }
            top.element("ul", ["class": "stats"]) { stats in
                let counts: [(ReviewAsset.Status, String)] = [
                    (.changed, "changed"), (.new, "new"), (.variants, "with variants to pick"), (.failed, "failed"),
                    (.kept, "frozen, kept"), (.stale, "stale"),
                ]
                for (status, label) in counts where report.count(status) > 0 {
                    stats.element("li") {
                        $0.element("b", text: "\(report.count(status))")
                        $0.text(label)
                    }
                }
                let placeholders = report.assets.filter(\.placeholder).count
                if placeholders > 0 {
                    stats.element("li") {
                        $0.element("b", text: "\(placeholders)")
                        $0.text(placeholders == 1 ? "placeholder" : "placeholders")
                    }
                }
                stats.element("li") {
                    $0.element("b", text: "\(report.unchanged.count)")
                    $0.text("unchanged")
                }
                if let run = report.lastRun {
                    stats.element("li") {
                        $0.element("b", text: Money.text(run.costUSD))
                        $0.text("spent in the last run (\(run.providerCalls) call\(run.providerCalls == 1 ? "" : "s"))")
                    }
                }
            }
        }
    }

    static func card(_ asset: ReviewAsset, since: ReviewBaseline, into page: inout HTMLText) {
        page.element(
            "section",
            [
                "class": "card status-\(asset.status.rawValue)", "id": "asset-\(asset.id)", "data-asset": asset.id,
                "data-status": asset.status.rawValue,
            ]
        ) { card in
            card.element("div", ["class": "card-head"]) { head in
                head.element("h2", text: asset.id)
                head.element("code", ["class": "path"], text: asset.output)
                head.element("div", ["class": "badges"]) { badges in
                    badges.element(
                        "span", ["class": "badge status-\(asset.status.rawValue)"], text: label(asset.status))
                    if asset.frozen, asset.status != .kept {
                        badges.element("span", ["class": "badge status-kept"], text: "frozen")
                    }
                    if asset.placeholder { badges.element("span", ["class": "badge placeholder"], text: "placeholder") }
                    if asset.variants.count > 1 {
                        badges.element(
                            "span", ["class": "badge count"],
                            text: "\(asset.variants.count) variants\(asset.picked.map { " · #\($0) picked" } ?? "")")
                    }
                }
            }
            images(asset, since: since, into: &card)
            files(asset, into: &card)
            details(asset, into: &card)
            ReviewChecks.section(asset, into: &card)
            if let error = asset.error {
                card.element("div", ["class": "error", "data-role": "error"]) { box in
                    box.element("strong", text: "Failed")
                    box.text(error.message)
                    if let fix = error.fix { box.element("div", ["class": "fix"], text: "Fix: \(fix)") }
                }
            }
            if asset.variants.count > 1 { variants(asset, into: &card) }
            if !asset.turns.isEmpty { filmstrip(asset, into: &card) }
        }
    }

    static func label(_ status: ReviewAsset.Status) -> String {
        switch status {
        case .kept: "frozen · kept"
        case .variants: "variants"
        default: status.rawValue
        }
    }

    static func images(_ asset: ReviewAsset, since: ReviewBaseline, into page: inout HTMLText) {
        let compared = asset.status == .changed
        page.element("div", ["class": compared ? "compare" : "compare single"]) { row in
            if asset.status == .new {
                figure(
                    asset.after, role: "after", label: "New",
                    note: since.commit.map { "no image at \($0.prefix(10))" } ?? "", alt: "\(asset.id) new",
                    missing: "no image", into: &row)
            } else if compared {
                figure(
                    asset.before, role: "before", label: "Before",
                    note: since.commit.map { String($0.prefix(10)) } ?? "", alt: "\(asset.id) before",
                    missing: "no image at \(since.commit.map { String($0.prefix(10)) } ?? "the start")", into: &row)
                row.element("div", ["class": "arrow", "aria-hidden": "true"], text: "→")
                figure(
                    asset.after, role: "after", label: "After", note: "work tree", alt: "\(asset.id) after",
                    missing: "no image", into: &row)
            } else {
                figure(
                    asset.after, role: "current", label: "Current image", note: asset.status == .kept ? "kept" : "",
                    alt: "\(asset.id) now",
                    missing: "no image yet", into: &row)
            }
        }
    }

    static func figure(
        _ image: ReviewImage?, role: String, label: String, note: String, alt: String, missing: String,
        into page: inout HTMLText
    ) {
        page.element("figure", ["class": role, "data-role": role]) { figure in
            figure.element("div", ["class": "frame"]) { frame in
                if let image {
                    frame.element("a", ["href": image.src]) {
                        $0.void("img", ["src": image.src, "alt": alt, "loading": "eager"])
                    }
                } else {
                    frame.element("div", ["class": "none"], text: missing)
                }
            }
            figure.element("figcaption") { caption in
                caption.element("span") { span in
                    span.element("strong", text: label)
                    if !note.isEmpty { span.text(" · \(note)") }
                }
                if let image { caption.element("span", ["class": "mono"], text: dimensions(image)) }
            }
        }
    }

    static func dimensions(_ image: ReviewImage) -> String {
        let size = image.width.flatMap { w in image.height.map { "\(w)×\($0)" } } ?? "?×?"
        return "\(size) · \(ByteCountFormatter.string(fromByteCount: Int64(image.bytes), countStyle: .file))"
    }

    static func details(_ asset: ReviewAsset, into page: inout HTMLText) {
        page.element("div", ["class": "details"]) { details in
            details.element("div") { left in
                left.element(
                    "h3",
                    text: asset.promptDiff.isEmpty
                        ? "Prompt"
                        : asset.status == .changed
                            ? "Prompt (changes since the baseline)" : "Prompt (manifest against the image's)")
                left.element("p", ["class": "prompt-text", "data-role": "prompt"]) { text in
                    if asset.promptDiff.isEmpty { text.text(asset.prompt) }
                    for piece in asset.promptDiff {
                        switch piece.kind {
                        case .same: text.text(piece.text)
                        case .removed: text.element("del", text: piece.text)
                        case .added: text.element("ins", text: piece.text)
                        }
                    }
                }
                if !asset.reasons.isEmpty {
                    left.element("ul", ["class": "reasons", "data-role": "reasons"]) { list in
                        for reason in asset.reasons { list.element("li", text: reason.description) }
                    }
                }
            }
            details.element("dl", ["class": "meta"]) { meta in
                func row(_ name: String, _ value: String) {
                    meta.element("dt", text: name)
                    meta.element("dd", text: value)
                }
                row("Model", asset.model)
                let size = [
                    asset.imageSize, asset.aspectRatio,
                    asset.after.flatMap { image in image.width.flatMap { w in image.height.map { "\(w)×\($0) px" } } },
                ]
                row("Size", size.compactMap { $0 }.joined(separator: " · "))
                row(
                    "Cost",
                    asset.after == nil
                        ? "–" : asset.placeholder ? "free (placeholder)" : asset.costUSD.map(Money.text) ?? "unknown")
                if let picked = asset.picked { row("Output", "variant \(picked) of \(asset.variants.count)") }
            }
        }
    }

    static func variants(_ asset: ReviewAsset, into page: inout HTMLText) {
        strip(
            "Variants: pick one with generate-assets pick \(asset.id) N", role: "variants", classes: "variants",
            into: &page
        ) { strip in
            for variant in asset.variants {
                strip.element(
                    "figure", ["class": variant.picked ? "variant picked" : "variant", "data-role": "variant"]
                ) { figure in
                    thumbnail(variant.image, alt: "\(asset.id) variant \(variant.number)", into: &figure)
                    figure.element("figcaption") { caption in
                        caption.element("span") { span in
                            span.element("strong", text: "#\(variant.number)")
                            if variant.picked { span.text(" · picked") }
                        }
                        caption.element("code", text: "pick \(asset.id) \(variant.number)")
                    }
                }
            }
        }
    }
}

/// A project's name for people: its folder's name.
enum ProjectName {
    static func of(_ root: String) -> String { root.split(separator: "/").last.map(String.init) ?? root }
}

/// Dollar amounts as the page and the terminal show them.
enum Money {
    static func text(_ value: Double) -> String { String(format: "$%.3f", value) }
}
