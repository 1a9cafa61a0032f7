import AssetImaging
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
        guard Self.isReferencePlatform else {
            // Another libvips (or zlib) encodes the same pixels into other bytes: compare what they show.
            for (path, data) in committed {
                try #require(made[path] != nil, "\(path) was not made")
                try Self.expectSamePicture(made[path]!, data, path)
            }
            return
        }
        for (path, data) in committed { #expect(made[path] == data, "\(path) differs from what the manifest makes") }
    }

    /// The files were written on Debian 12 (libvips 8.14, its zlib): there the bytes must match.
    static var isReferencePlatform: Bool {
        #if os(Linux)
            VipsCodec.libraryVersion?.hasPrefix("8.14.") == true
        #else
            false
        #endif
    }

    /// Same format, size and channels, and pixels within 2 levels on average (encoders and resamplers drift
    /// by a level or two between libvips versions; another picture differs by tens). JSON is compared whole.
    static func expectSamePicture(_ made: Data, _ committed: Data, _ path: String) throws {
        guard let format = ImageFormat.sniff(committed) else {
            #expect(
                try JSONSerialization.jsonObject(with: made) as? NSDictionary
                    == JSONSerialization.jsonObject(with: committed) as? NSDictionary, "\(path)")
            return
        }
        #expect(ImageFormat.sniff(made) == format, "\(path)")
        let (a, b) = try (VipsCodec().decode(made), VipsCodec().decode(committed))
        #expect(
            a.size == b.size && a.channels == b.channels, "\(path): \(a.size) \(a.channels) vs \(b.size) \(b.channels)")
        guard a.pixels.count == b.pixels.count, !a.pixels.isEmpty else { return }
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        let mean = Double(total) / Double(a.pixels.count)
        #expect(mean <= 2, "\(path): pixels differ by \(mean) levels on average")
    }
}
