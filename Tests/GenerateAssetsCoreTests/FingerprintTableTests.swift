import AssetManifest
import AssetPlanner
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import GenerateAssetsCore

/// Which changes are inputs. Each row edits one thing in a base project and runs `generate` (in-process,
/// a free scripted provider) in a fresh folder; the fingerprints of the asset and of each derived file
/// must change exactly when the edit changes what the image or file is made from. Every config key of
/// Docs/Manifest.md has a row (`everyDocumentedConfigKeyHasARow` keeps the table complete).
@Suite struct FingerprintTableTests {
    /// The base project: `fox` with every config key unset but the model and size, `cub` referencing
    /// fox's image, a rendition, and an image set with scales.
    static let base = """
        version: 1
        # a comment
        defaults: &defaults
          model: gemini-3.1-flash-image
          image_size: 1K
        styles:
          snow: "Soft light on snow."
        models:
          gemini-9-test-image:
            aspect_ratios: ["1:1", "16:9"]
            image_sizes: ["1K", "2K"]
            price_per_image_usd: 0.05
            thinking_levels: [minimal, high]
        assets:
          - id: fox
            output: Images/fox.png
            prompt: "A red fox"
            style: snow
            references: [Art/ref.png]
            config: {aspect_ratio: "1:1"}
            renditions:
              - {output: Web/fox.png, width: 32, height: 16, fit: cover, remove_background: "#00FF00", tolerance: 0.1}
          - id: cub
            output: Images/cub.png
            prompt: "A fox cub"
            references: [{asset: fox}]
          - id: lamp
            output: App/Assets.xcassets/Lamp.imageset
            prompt: "A lamp"
            scales: [1, 2]
            point_size: [16, 16]
          - id: other
            output: Images/other.png
            prompt: "Another"
            config: {model: gemini-9-test-image}
        """

    /// Every fingerprint the run produced: assets by id, derived files by output path.
    func fingerprints(_ manifest: String, reference: Data = TestImages.png(width: 8, height: 8, seed: 1)) async throws
        -> [String: String]
    {
        let folder = TemporaryDirectory("fingerprint-table")
        folder.write("assets.yml", manifest)
        folder.write("Art/ref.png", reference)
        let context = try ProjectContext(
            options: ProjectOptions(directory: folder.path), readOnly: false, environment: [:],
            provider: ScriptedProvider(price: 0))
        let report = try await GenerateEngine(
            context: context, options: GenerateOptions(commit: false), reporter: SilentReporter()
        ).run()
        #expect(report.assets.allSatisfy { $0.error == nil }, "\(report.assets.compactMap(\.error))")
        var all: [String: String] = [:]
        for asset in report.assets { all[asset.id] = asset.fingerprint }
        let lock = try Lockfile.decode(try #require(folder.read("assets.lock")))
        for entry in lock.assets.values {
            for rendition in entry.renditions ?? [] { all[rendition.output] = rendition.fingerprint.hex }
        }
        return all
    }

    func edited(_ from: String, _ to: String) -> String {
        precondition(Self.base.components(separatedBy: from).count == 2, "'\(from)' must occur once in the base")
        return Self.base.replacingOccurrences(of: from, with: to)
    }

    /// The config key, and the edit that sets or changes it on `fox`.
    static let configRows: [(key: String, from: String, to: String)] = [
        ("model", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", model: gemini-3-pro-image}"),
        ("aspect_ratio", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"16:9\"}"),
        ("image_size", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", image_size: 2K}"),
        ("seed", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", seed: 7}"),
        ("temperature", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", temperature: 0.4}"),
        ("top_p", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", top_p: 0.9}"),
        ("thinking_level", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", thinking_level: high}"),
        (
            "include_thoughts", "config: {aspect_ratio: \"1:1\"}",
            "config: {aspect_ratio: \"1:1\", include_thoughts: true}"
        ),
        (
            "system_instruction", "config: {aspect_ratio: \"1:1\"}",
            "config: {aspect_ratio: \"1:1\", system_instruction: \"Draw kindly.\"}"
        ),
        ("google_search", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", google_search: true}"),
        ("image_search", "config: {aspect_ratio: \"1:1\"}", "config: {aspect_ratio: \"1:1\", image_search: true}"),
        (
            "response_modalities", "config: {aspect_ratio: \"1:1\"}",
            "config: {aspect_ratio: \"1:1\", response_modalities: [IMAGE]}"
        ),
        (
            "safety_settings", "config: {aspect_ratio: \"1:1\"}",
            "config: {aspect_ratio: \"1:1\", safety_settings: {HARASSMENT: BLOCK_ONLY_HIGH}}"
        ),
    ]

    @Test func everyDocumentedConfigKeyHasARow() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/Manifest.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let table = text.components(separatedBy: "| config key |")[1].components(separatedBy: "\n\n")[0]
        let documented = table.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).components(separatedBy: "`").first
        }
        #expect(documented.count >= 13)
        #expect(Set(documented) == Set(Self.configRows.map(\.key)), "a row for each documented key")
        #expect(Set(documented) == Set(GenerationConfig.keys), "GenerationConfig.keys lists the documented keys")
    }

    @Test(arguments: configRows.map(\.key))
    func eachConfigKeyIsAnInput(key: String) async throws {
        let row = try #require(Self.configRows.first { $0.key == key })
        let before = try await fingerprints(Self.base)
        let after = try await fingerprints(edited(row.from, row.to))
        #expect(before["fox"] != nil && after["fox"] != before["fox"], "\(key) changes fox's fingerprint")
        #expect(after["lamp"] == before["lamp"] && after["other"] == before["other"], "and no one else's")
        // Also as a default: set in `defaults:` it reaches every asset that does not override it.
        let value = row.to.components(separatedBy: "\"1:1\", ").dropFirst().first.map { String($0.dropLast()) }
        if let value, key != "model", key != "image_size" {
            let viaDefaults = try await fingerprints(
                Self.base.replacingOccurrences(
                    of: "  image_size: 1K\nstyles:", with: "  image_size: 1K\n  \(value)\nstyles:"))
            #expect(viaDefaults["fox"] != before["fox"], "\(key) in defaults: changes fox's fingerprint")
        }
    }

    /// Input kinds other than config: each edit, and the fingerprints it must change.
    @Test func eachInputKindChangesTheFingerprintsItFeeds() async throws {
        let before = try await fingerprints(Self.base)
        func expectChange(_ manifest: String, reference: Data? = nil, _ changed: Set<String>, _ what: String)
            async throws
        {
            let after =
                if let reference { try await fingerprints(manifest, reference: reference) } else {
                    try await fingerprints(manifest)
                }
            let differing = Set(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] })
            #expect(differing == changed, "\(what): expected \(changed.sorted()), changed \(differing.sorted())")
        }
        let foxDerived: Set = ["fox", "cub", "Web/fox.png"]
        try await expectChange(edited("prompt: \"A red fox\"", "prompt: \"A grey fox\""), foxDerived, "the prompt")
        try await expectChange(edited("\"Soft light on snow.\"", "\"Hard light on snow.\""), foxDerived, "the style")
        try await expectChange(
            Self.base, reference: TestImages.png(width: 8, height: 8, seed: 2), foxDerived, "the reference's bytes")
        // The upstream image: cub is made from fox's image, so a new fox image is a new cub fingerprint
        // (already in foxDerived above); a change to cub alone leaves fox alone.
        try await expectChange(
            edited("prompt: \"A fox cub\"", "prompt: \"A fox kit\""), ["cub"], "the dependent's prompt")
        try await expectChange(
            Self.base.replacingOccurrences(of: "gemini-9-test-image", with: "gemini-9b-test-image"), ["other"],
            "a declared model, renamed where it is declared and used")
        try await expectChange(
            edited("config: {model: gemini-9-test-image}", "config: {model: gemini-3-pro-image}"), ["other"],
            "the model")
        // Rendition and catalog recipes: only the derived files.
        try await expectChange(edited("width: 32, height: 16", "width: 48, height: 16"), ["Web/fox.png"], "a width")
        try await expectChange(edited("width: 32, height: 16", "width: 32, height: 24"), ["Web/fox.png"], "a height")
        try await expectChange(edited("fit: cover", "fit: contain"), ["Web/fox.png"], "a fit")
        try await expectChange(edited("\"#00FF00\"", "\"#FF00FF\""), ["Web/fox.png"], "a key colour")
        try await expectChange(edited("tolerance: 0.1", "tolerance: 0.2"), ["Web/fox.png"], "a tolerance")
        let webp = try await fingerprints(edited("output: Web/fox.png", "output: Web/fox.webp"))
        #expect(webp["Web/fox.webp"] != nil && webp["Web/fox.webp"] != before["Web/fox.png"], "a format")
        let lampBefore = Set(before.keys.filter { $0.hasPrefix("App/") })
        let scaled = try await fingerprints(edited("point_size: [16, 16]", "point_size: [24, 16]"))
        #expect(scaled["lamp"] == before["lamp"], "a catalog's point size is not an input of its image")
        #expect(lampBefore.contains { scaled[$0] != before[$0] }, "but of its files: \(lampBefore.sorted())")
    }

    /// Edits that are not inputs: the fingerprints stay the same.
    @Test func whatIsNotAnInputChangesNothing() async throws {
        let before = try await fingerprints(Self.base)
        let rows: [(String, String)] = [
            ("a comment", edited("# a comment", "# another comment\n# and more")),
            ("whitespace", edited("prompt: \"A red fox\"", "prompt:     \"A red fox\"   ")),
            (
                "key order",
                edited(
                    "    output: Images/fox.png\n    prompt: \"A red fox\"",
                    "    prompt: \"A red fox\"\n    output: Images/fox.png")
            ),
            (
                "a YAML anchor instead of the value",
                edited(
                    "    config: {model: gemini-9-test-image}",
                    "    config: {<<: *defaults, model: gemini-9-test-image}")
            ),
            ("flow or block style", edited("config: {aspect_ratio: \"1:1\"}", "config:\n      aspect_ratio: \"1:1\"")),
            ("a declared model's price", edited("price_per_image_usd: 0.05", "price_per_image_usd: 0.07")),
            (
                "a declared model's extra ratio",
                edited("aspect_ratios: [\"1:1\", \"16:9\"]", "aspect_ratios: [\"1:1\", \"16:9\", \"4:3\"]")
            ),
            ("a rendition's output folder", edited("output: Web/fox.png", "output: Web2/fox.png")),
        ]
        for (what, manifest) in rows {
            var after = try await fingerprints(manifest)
            if let moved = after.removeValue(forKey: "Web2/fox.png") { after["Web/fox.png"] = moved }
            #expect(after == before, "\(what) is not an input")
        }
    }
}
