import Foundation
import TestSupport
import Testing

/// The bad-manifest corpus: handwritten files in Tests/Corpus/BadManifests plus cases generated here.
/// Every case must exit 2, name file, line, column and key, write nothing, and finish in bounded time.
@Suite struct BadManifestCorpusTests {
    static let corpusFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/BadManifests").path

    static let asset = "  - id: a\n    output: Images/a.png\n    prompt: \"A fox\"\n"

    static func handwritten() -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusFolder)) ?? []
        var cases: [String: Data] = [:]
        for name in names where name.hasSuffix(".yml") {
            cases["file:" + name] = FileManager.default.contents(atPath: corpusFolder + "/" + name)
        }
        return cases
    }

    static func generated() -> [String: Data] {
        var cases: [String: String] = [:]
        let head = "version: 1\nassets:\n"
        let keys = [
            "model", "aspect_ratio", "image_size", "seed", "temperature", "top_p", "thinking_level", "include_thoughts",
            "system_instruction", "google_search", "image_search", "response_modalities", "safety_settings",
        ]
        for key in keys {
            let wrong = key == "safety_settings" ? "[x]" : key == "response_modalities" ? "{a: 1}" : "{nested: 1}"
            cases["wrong-type-\(key)"] = head + asset + "    config:\n      \(key): \(wrong)\n"
            cases["misspelt-\(key)"] = head + asset + "    config:\n      \(key.dropLast()): 1\n"
        }
        for key in ["verison", "asset", "default", "style", "providers", "apis", "Assets"] {
            cases["top-misspelt-\(key)"] = "version: 1\n\(key): {}\nassets:\n" + asset
        }
        for key in ["ids", "outptu", "prompts", "styl", "reference", "configs", "Prompt"] {
            cases["asset-misspelt-\(key)"] = head + asset + "    \(key): x\n"
        }
        for key in ["id", "output", "prompt", "style", "references", "config"] {
            let value = key == "references" || key == "config" ? "42" : "{x: 1}"
            let base =
                key == "id" || key == "output" || key == "prompt"
                ? asset.replacingOccurrences(of: "\(key): ", with: "\(key)_old: ") : asset
            cases["asset-type-\(key)"] =
                head + base.replacingOccurrences(of: "    \(key)_old: ", with: "    x_\(key)_old: ")
                + "    \(key): \(value)\n"
        }
        let models = [
            "gemini-3.1-flash-image", "gemini-3.1-flash-lite-image", "gemini-3-pro-image", "gemini-2.5-flash-image",
        ]
        for model in models {
            for ratio in ["7:5", "3:1", "10:1", "1:1.5"] {
                cases["ratio-\(model)-\(ratio)"] =
                    head + asset + "    config: {model: \(model), aspect_ratio: \"\(ratio)\"}\n"
            }
            for size in ["256", "3K", "1k", "2k", "8K"] {
                cases["size-\(model)-\(size)"] =
                    head + asset + "    config: {model: \(model), image_size: \"\(size)\"}\n"
            }
        }
        for id in [
            "Fox", "fox!", "_fox", "fox fox", "狐", "fox/a", "fox.png", "", "-", String(repeating: "x", count: 80),
        ] {
            cases["bad-id-\(id.prefix(10))-\(id.count)"] =
                head + "  - id: \"\(id)\"\n    output: Images/a.png\n    prompt: x\n"
        }
        for (index, output) in [
            "../a.png", "/a.png", "Images/../../a.png", "a.gif", "Images/a.PNG.txt", ".git/config", "assets.yml",
            "assets.lock", "~/a.png", "Images/",
        ].enumerated() {
            cases["bad-output-\(index)"] = head + "  - id: a\n    output: \"\(output)\"\n    prompt: x\n"
        }
        for value in ["2.01", "-1", "1e9", "nan", ".inf"] {
            cases["temperature-\(value)"] = head + asset + "    config: {temperature: \(value)}\n"
        }
        for value in ["1.01", "-0.5", "2", "abc", "[1]"] {
            cases["top-p-\(value)"] = head + asset + "    config: {top_p: \(value)}\n"
        }
        for (category, threshold) in [
            ("HATE", "MAYBE"), ("VIOLENCE", "BLOCK_NONE"), ("harassment", "never"), ("", "OFF"),
            ("HARM_CATEGORY_X", "OFF"),
        ] {
            cases["safety-\(category)-\(threshold)"] =
                head + asset + "    config:\n      safety_settings: {\"\(category)\": \(threshold)}\n"
        }
        return cases.mapValues { Data($0.utf8) }
    }

    static var allCases: [String] { Array(handwritten().keys) + Array(generated().keys) }

    @Test func corpusHasAtLeast200Cases() {
        #expect(Self.allCases.count >= 200, "\(Self.allCases.count) cases")
        #expect(Set(Self.allCases).count == Self.allCases.count)
    }

    /// A project with every kind of reference a case may point at, including links out of it.
    static func project(outside: TemporaryDirectory) -> TemporaryDirectory {
        let folder = TemporaryDirectory("corpus")
        folder.write("Art/sketch.png", TestImages.png(seed: 1))
        folder.write("Art/notes.png", "not an image")
        folder.write("Art/readme.txt", "hello")
        folder.write("Art/empty.png", Data())
        outside.write("secret.png", TestImages.png(seed: 2))
        try? FileManager.default.createSymbolicLink(
            atPath: folder.url("Art/escape.png"), withDestinationPath: outside.url("secret.png"))
        try? FileManager.default.createSymbolicLink(atPath: folder.url("Out"), withDestinationPath: outside.path)
        return folder
    }

    @Test(arguments: allCases)
    func failsWithLocatedErrorsAndWritesNothing(name: String) throws {
        let data = try #require(Self.handwritten()[name] ?? Self.generated()[name])
        let outside = TemporaryDirectory("outside")
        let folder = Self.project(outside: outside)
        folder.write("assets.yml", data)
        let before = folder.listing()
        let outsideBefore = outside.listing()
        let result = try ToolRunner().run(["generate", "--provider", "placeholder"], in: folder.path)
        #expect(result.status == 2, "\(name): exit \(result.status)\n\(result.stderr)")
        let located = result.stderr.range(of: #"assets\.yml:\d+:\d+: error: [^ :][^:]*: "#, options: .regularExpression)
        #expect(located != nil, "\(name): no file:line:column and key in\n\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(folder.listing() == before, "\(name) wrote something")
        #expect(outside.listing() == outsideBefore)
    }
}
