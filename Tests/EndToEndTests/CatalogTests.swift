import AssetImaging
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

/// Asset catalogs, written by the real tool in a real git repository and checked against Apple's documented
/// format (Xcode and actool are not on Linux): JSON keys, file names, pixel sizes.
@Suite struct CatalogTests {
    let tool = ToolRunner()

    static let manifest = """
        version: 1
        provider: placeholder
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - id: logo
            output: App/Assets.xcassets/Logo.imageset
            prompt: "A fox logo"
            scales: [1, 2, 3]
            point_size: [64, 48]
            appearances:
              dark: {prompt: "A fox logo for a dark background"}
          - id: icon
            output: App/Assets.xcassets/AppIcon.appiconset
            prompt: "An app icon"
            appearances:
              dark: {prompt: "An app icon, dark"}
              tinted: {config: {seed: 4}}
          - id: hero
            output: Images/hero.png
            prompt: "A hero image"
        """

    func project() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory("catalog")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", Self.manifest)
        return folder
    }

    func run(_ arguments: [String], in folder: TemporaryDirectory) throws -> ToolRunner.Result {
        try tool.run(arguments, in: folder.path, environment: ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"])
    }

    func contents(_ folder: TemporaryDirectory, _ path: String) throws -> [String: Any] {
        let data = try #require(folder.read(path), "\(path) missing")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `info`'s author and version, as "author version".
    static func info(_ contents: [String: Any]) -> String? {
        guard let info = contents["info"] as? [String: Any], let author = info["author"] as? String,
            let version = info["version"] as? Int
        else { return nil }
        return "\(author) \(version)"
    }

    /// The files in a set folder other than Contents.json.
    func files(in folder: TemporaryDirectory, _ set: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.url(set)).filter { $0 != "Contents.json" })
    }

    @Test func aThreeScaleSetWithADarkAppearanceAndAnAppIconSetAreWrittenInApplesFormat() throws {
        let folder = try project()
        let result = try run(["generate", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.ids(in: "generated") == ["logo", "logo.dark", "icon", "icon.dark", "icon.tinted", "hero"])

        let set = "App/Assets.xcassets/Logo.imageset"
        let logo = try contents(folder, set + "/Contents.json")
        #expect(Set(logo.keys) == ["images", "info"])
        #expect(Self.info(logo) == "generate-assets 1")
        let images = try #require(logo["images"] as? [[String: Any]])
        #expect(
            Set(images.compactMap { $0["filename"] as? String }) == (try files(in: folder, set)),
            "Contents.json lists exactly the files present")
        let expected: [(String, String, String?, PixelSize)] = [
            ("Logo.png", "1x", nil, PixelSize(width: 64, height: 48)),
            ("Logo@2x.png", "2x", nil, PixelSize(width: 128, height: 96)),
            ("Logo@3x.png", "3x", nil, PixelSize(width: 192, height: 144)),
            ("Logo-dark.png", "1x", "dark", PixelSize(width: 64, height: 48)),
            ("Logo-dark@2x.png", "2x", "dark", PixelSize(width: 128, height: 96)),
            ("Logo-dark@3x.png", "3x", "dark", PixelSize(width: 192, height: 144)),
        ]
        #expect(images.count == expected.count)
        for (name, scale, appearance, size) in expected {
            let entry = try #require(images.first { $0["filename"] as? String == name }, "\(name) not listed")
            #expect(entry["idiom"] as? String == "universal")
            #expect(entry["scale"] as? String == scale)
            let appearances = entry["appearances"] as? [[String: String]]
            #expect(appearances == appearance.map { [["appearance": "luminosity", "value": $0]] }, "\(name)")
            let png = try #require(folder.read(set + "/" + name))
            #expect(ImageFormat.sniff(png) == .png)
            #expect(PixelSize.of(png) == size, "\(name)")
        }
        #expect(
            folder.read(set + "/Logo.png") != folder.read(set + "/Logo-dark.png"),
            "the dark appearance is its own image")

        let iconSet = "App/Assets.xcassets/AppIcon.appiconset"
        let icon = try contents(folder, iconSet + "/Contents.json")
        let icons = try #require(icon["images"] as? [[String: Any]])
        #expect(Set(icons.compactMap { $0["filename"] as? String }) == (try files(in: folder, iconSet)))
        #expect(icons.map { $0["filename"] as? String } == ["AppIcon.png", "AppIcon-dark.png", "AppIcon-tinted.png"])
        for (entry, appearance) in zip(icons, [nil, "dark", "tinted"]) {
            #expect(entry["idiom"] as? String == "universal")
            #expect(entry["platform"] as? String == "ios")
            #expect(entry["size"] as? String == "1024x1024")
            #expect(entry["scale"] == nil)
            #expect(
                (entry["appearances"] as? [[String: String]])
                    == appearance.map { [["appearance": "luminosity", "value": $0]] })
            let png = try #require(folder.read(iconSet + "/" + (entry["filename"] as? String ?? "")))
            #expect(PixelSize.of(png) == PixelSize(width: 1024, height: 1024))
        }
        #expect(Self.info(try contents(folder, "App/Assets.xcassets/Contents.json")) == "generate-assets 1")

        // The lock records every file written; the commit holds them, and nothing else changed.
        let lock = try contents(folder, "assets.lock")["assets"] as? [String: [String: Any]] ?? [:]
        let recorded = Set(
            lock.values.flatMap { entry in
                (entry["renditions"] as? [[String: Any]] ?? []).compactMap { $0["output"] as? String }
            })
        let written = Set(
            folder.listing().filter { $0.hasPrefix("App/") && ($0.hasSuffix(".png") || $0.hasSuffix(".json")) })
        #expect(recorded == written)
        let committed = Set(
            try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: folder.path).split(separator: "\n").map(
                String.init))
        #expect(committed == written.union(["Images/hero.png", "assets.lock"]))
        #expect(try GitCLI.run(["status", "--porcelain", "--untracked-files=no"], in: folder.path).isEmpty)

        // A fresh clone is all fresh from the lock alone.
        let clone = TemporaryDirectory("catalog-clone")
        try GitCLI.run(["clone", "-q", folder.path, clone.path + "/c"], in: clone.path)
        try FileManager.default.copyItem(atPath: folder.url("assets.yml"), toPath: clone.path + "/c/assets.yml")
        let status = try tool.run(["status", "--check", "--json"], in: clone.path + "/c")
        #expect(status.status == 0, "\(status.stdout)")
        #expect(status.ids(in: "fresh").count == 6)
    }

    @Test func statusShowAndLogWorkOnCatalogFiles() throws {
        let folder = try project()
        #expect(try run(["generate"], in: folder).status == 0)
        let noOp = try run(["generate", "--json"], in: folder)
        #expect(noOp.ids(in: "fresh").count == 6)
        #expect(noOp.stats["provider_calls"] as? Int == 0)
        #expect(noOp.stats["images_rendered"] as? Int == 0)
        #expect(noOp.stats["files_hashed"] as? Int == 0)

        let show = try run(["show", "App/Assets.xcassets/Logo.imageset/Logo-dark@2x.png", "--json"], in: folder)
        #expect(show.status == 0, "\(show.stderr)")
        let record = try #require(((show.json?["versions"] as? [[String: Any]])?.first?["record"]) as? [String: Any])
        #expect(record["id"] as? String == "logo.dark")
        #expect(record["prompt"] as? String == "A fox logo for a dark background")
        let files = (record["renditions"] as? [[String: Any]] ?? []).compactMap { $0["output"] as? String }
        #expect(files.contains("App/Assets.xcassets/Logo.imageset/Logo-dark@2x.png"))

        // A changed dark prompt regenerates only the dark images; log says what changed.
        folder.write(
            "assets.yml", Self.manifest.replacingOccurrences(of: "for a dark background", with: "for a night sky"))
        let status = try run(["status", "--json"], in: folder)
        #expect(status.ids(in: "stale") == ["logo.dark"])
        let regenerated = try run(["generate", "--json"], in: folder)
        #expect(regenerated.ids(in: "generated") == ["logo.dark"])
        let log = try run(["log", "App/Assets.xcassets/Logo.imageset/Logo-dark.png", "--json"], in: folder)
        let versions = try #require(log.json?["versions"] as? [[String: Any]])
        #expect(versions.count == 2)
        #expect(versions.first?["changes"] as? [String] == ["prompt changed"])
        #expect(try run(["log", "logo"], in: folder).stdout.contains("1 version"), "the light image did not change")
        let committed = try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: folder.path)
        #expect(!committed.contains("Logo.png") && committed.contains("Logo-dark@3x.png"))
    }

    @Test func anExistingContentsFileKeepsItsKeysAndUnrelatedFilesStay() throws {
        let folder = try project()
        let set = "App/Assets.xcassets/Logo.imageset"
        folder.write(
            set + "/Contents.json",
            """
            {
              "images" : [
                {"idiom" : "universal", "scale" : "1x"},
                {"filename" : "Logo~ipad.png", "idiom" : "ipad", "scale" : "2x"}
              ],
              "info" : {"author" : "xcode", "version" : 1},
              "properties" : {"template-rendering-intent" : "template", "preserves-vector-representation" : true}
            }
            """)
        folder.write(set + "/Logo~ipad.png", TestImages.png(width: 8, height: 8, seed: 9))
        folder.write(set + "/notes.txt", "keep me\n")
        let result = try run(["generate", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try contents(folder, set + "/Contents.json")
        #expect(Self.info(merged) == "xcode 1", "info already there is kept")
        let text = String(decoding: try #require(folder.read(set + "/Contents.json")), as: UTF8.self)
        #expect(text.contains("\"preserves-vector-representation\" : true"), "a boolean stays a boolean\n\(text)")
        #expect(text.contains("\"template-rendering-intent\" : \"template\""))
        let images = try #require(merged["images"] as? [[String: Any]])
        #expect(
            images.compactMap { $0["filename"] as? String }.sorted() == [
                "Logo-dark.png", "Logo-dark@2x.png", "Logo-dark@3x.png", "Logo.png", "Logo@2x.png", "Logo@3x.png",
                "Logo~ipad.png",
            ])
        #expect(images.count == 7, "the empty 1x slot is now filled by Logo.png")
        #expect(folder.read(set + "/notes.txt") == Data("keep me\n".utf8))
        #expect(folder.exists(set + "/Logo~ipad.png"))

        // Merged once, it stays: a second run writes nothing.
        let again = try run(["generate", "--json"], in: folder)
        #expect(again.ids(in: "fresh").count == 6)
    }

    @Test func fewerScalesDropTheirEntriesAndTheFilesAreLeftInPlace() throws {
        let folder = try project()
        #expect(try run(["generate"], in: folder).status == 0)
        folder.write("assets.yml", Self.manifest.replacingOccurrences(of: "scales: [1, 2, 3]", with: "scales: [2, 3]"))
        let result = try run(["generate", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stats["provider_calls"] as? Int == 0)
        #expect(result.ids(in: "rendered") == ["logo"], "only Contents.json changes")
        let images =
            try contents(folder, "App/Assets.xcassets/Logo.imageset/Contents.json")["images"] as? [[String: Any]] ?? []
        #expect(images.compactMap { $0["scale"] as? String }.sorted() == ["2x", "2x", "3x", "3x"])
        #expect(images.allSatisfy { $0["filename"] as? String != "Logo.png" })
    }

    @Test func anAssetThatReferencesASetIsSentTheSetsGeneratedImage() throws {
        let key = "AIzaSET-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let folder = TemporaryDirectory("catalog-reference")
        folder.write(
            "assets.yml",
            """
            version: 1
            provider: gemini
            defaults: {image_size: "512"}
            assets:
              - {id: logo, output: Assets.xcassets/Logo.imageset, prompt: "A logo"}
              - {id: hero, output: Images/hero.png, prompt: "A hero with the logo", references: [{asset: logo}]}
            """)
        let environment = [
            "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
        ]
        let result = try tool.run(
            ["generate", "--yes", "--json", "--no-commit"], in: folder.path, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let logo = try #require(stub.generateRequests.first { $0.prompt == "A logo" }?.imageSHA256)
        let hero = try #require(stub.generateRequests.first { $0.prompt == "A hero with the logo" })
        #expect(
            StubValidationProbe.inlineImages(hero).map(\.hex) == [logo], "the set's generated image, from the cache")
        #expect(
            SHA256.hash(try #require(folder.read("Assets.xcassets/Logo.imageset/Logo.png"))).hex == logo,
            "one universal image: the answer itself")
    }
}
