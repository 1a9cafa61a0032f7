import AssetSupport
import Foundation
import TestSupport
import Testing

/// Examples/Catalog: a committed asset catalog that its manifest makes, fresh from its lock alone.
@Suite struct CatalogExampleTests {
    let tool = ToolRunner()

    static var exampleFolder: String {
        URL(fileURLWithPath: ExampleTests.exampleFolder).deletingLastPathComponent().appendingPathComponent("Catalog")
            .path
    }

    static let made = ["Assets.xcassets", "Images", "Web"]

    func copy() throws -> (TemporaryDirectory, String) {
        let folder = TemporaryDirectory("catalog-example")
        let target = folder.url("Catalog")
        try FileManager.default.copyItem(atPath: Self.exampleFolder, toPath: target)
        try? FileManager.default.removeItem(atPath: target + "/.generate-assets")
        return (folder, target)
    }

    /// Every file the example's manifest makes, path → bytes.
    func files(under root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for top in Self.made {
            let enumerator = FileManager.default.enumerator(atPath: root + "/" + top)
            while let next = enumerator?.nextObject() as? String {
                if let data = FileManager.default.contents(atPath: "\(root)/\(top)/\(next)"),
                    FileKind("\(root)/\(top)/\(next)") == .file
                {
                    files["\(top)/\(next)"] = data
                }
            }
        }
        return files
    }

    @Test func theCommittedCatalogIsFreshAndListsExactlyItsFiles() throws {
        let (folder, target) = try copy()
        defer { withExtendedLifetime(folder) {} }
        let status = try tool.run(["status", "--check", "--json"], in: target)
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(
            status.ids(in: "fresh") == [
                "app-icon", "app-icon.dark", "app-icon.tinted", "lantern", "lantern.dark", "badge",
            ])
        for set in ["Assets.xcassets/AppIcon.appiconset", "Assets.xcassets/Lantern.imageset"] {
            let data = try #require(FileManager.default.contents(atPath: "\(target)/\(set)/Contents.json"))
            let contents = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let listed = (contents["images"] as? [[String: Any]] ?? []).compactMap { $0["filename"] as? String }
            let present = try FileManager.default.contentsOfDirectory(atPath: "\(target)/\(set)").filter {
                $0 != "Contents.json"
            }
            #expect(Set(listed) == Set(present) && listed.count == present.count, "\(set)")
        }
        for name in ["AppIcon.png", "AppIcon-dark.png", "AppIcon-tinted.png"] {
            let icon = try #require(
                FileManager.default.contents(atPath: "\(target)/Assets.xcassets/AppIcon.appiconset/\(name)"))
            #expect(PixelSize.of(icon) == PixelSize(width: 1024, height: 1024))
        }
        let lantern = try #require(
            FileManager.default.contents(atPath: "\(target)/Assets.xcassets/Lantern.imageset/Lantern@3x.png"))
        #expect(PixelSize.of(lantern) == PixelSize(width: 144, height: 144))
    }

    @Test func theManifestMakesTheCommittedFilesByteForByte() throws {
        let (folder, target) = try copy()
        defer { withExtendedLifetime(folder) {} }
        let committed = files(under: target)
        #expect(committed.count == 15)
        for top in Self.made { try FileManager.default.removeItem(atPath: target + "/" + top) }
        let result = try tool.run(["generate", "--json", "--no-commit"], in: target)
        #expect(result.status == 0, "\(result.stderr)")
        let made = files(under: target)
        #expect(Set(made.keys) == Set(committed.keys))
        for (path, data) in committed { #expect(made[path] == data, "\(path) differs from what the manifest makes") }
    }
}
