import AssetCache
import AssetFingerprint
import AssetPlanner
import AssetSupport
import Foundation

/// One turn of an edit chain on the review page: its instruction and the image it made.
package struct ReviewTurn: Sendable, Codable {
    /// 0 for the asset's prompt, k for edit k.
    package var turn: Int
    package var prompt: String
    package var image: ReviewImage
    package var costUSD: Double?

    enum CodingKeys: String, CodingKey {
        case turn, prompt, image
        case costUSD = "cost_usd"
    }
}

extension ReviewCollector {
    /// The turns of the chain that made the entry's image, each with its image from the cache; empty
    /// without edits (or without a cache).
    func turns(of entry: LockEntry?) throws -> [ReviewTurn] {
        guard let entry, let edits = entry.inputs.edits, !edits.isEmpty, let cache = context.cache else { return [] }
        let prompts = [entry.inputs.prompt] + edits.map(\.prompt)
        return try zip(Fingerprint.turns(of: entry.inputs), prompts).enumerated().compactMap { index, pair in
            guard let stored = try cache.editTurn(pair.0), let data = try cache.blob(stored.imageSHA256) else {
                return nil
            }
            return ReviewTurn(turn: index, prompt: pair.1, image: try images.add(data), costUSD: stored.costUSD)
        }
    }
}

extension ReviewPage {
    /// A titled row of figures (variants, or an edit chain's turns).
    static func strip(
        _ title: String, role: String, classes: String, into page: inout HTMLText, _ figures: (inout HTMLText) -> Void
    ) {
        page.element("div", ["class": classes, "data-role": role]) { section in
            section.element("h3", text: title)
            section.element("div", ["class": "strip"], figures)
        }
    }

    /// A strip's image in its frame, linking to the full-size file.
    static func thumbnail(_ image: ReviewImage, alt: String, into figure: inout HTMLText) {
        figure.element("div", ["class": "frame"]) { frame in
            frame.element("a", ["href": image.src]) {
                $0.void("img", ["src": image.src, "alt": alt, "loading": "eager"])
            }
        }
    }

    /// A changed chain as a filmstrip: each turn's image with its instruction, turn 0 first.
    static func filmstrip(_ asset: ReviewAsset, into page: inout HTMLText) {
        strip(
            "Edit turns: \(asset.turns.count) (the output is the last)", role: "turns", classes: "variants turns",
            into: &page
        ) { strip in
            for turn in asset.turns {
                strip.element(
                    "figure", ["class": "variant turn", "data-role": "turn", "data-turn": "\(turn.turn)"]
                ) {
                    figure in
                    thumbnail(turn.image, alt: "\(asset.id) turn \(turn.turn)", into: &figure)
                    figure.element("figcaption") { caption in
                        caption.element("span") { span in
                            span.element("strong", text: turn.turn == 0 ? "Turn 0 · prompt" : "Turn \(turn.turn)")
                            if let cost = turn.costUSD { span.text(" · \(Money.text(cost))") }
                        }
                        caption.element(
                            "span", ["class": "turn-text", "data-role": "turn-text"], text: turn.prompt)
                    }
                }
            }
        }
    }
}
