import AssetSupport
import Foundation
import TestSupport
import Testing

/// The bundled Example, generated end to end in a throwaway copy.
@Suite struct ExampleTests {
    let tool = ToolRunner()

    static var exampleFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Examples/PictureBook").path
    }

    @Test func pictureBookGeneratesEveryAsset() throws {
        let copy = TemporaryDirectory("picture-book")
        let target = copy.url("PictureBook")
        try FileManager.default.copyItem(atPath: Self.exampleFolder, toPath: target)
        let validate = try tool.run(["validate"], in: target)
        #expect(validate.status == 0, "\(validate.stderr)")
        let result = try tool.run(["generate", "--provider", "placeholder", "--json"], in: target)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.ids(in: "generated").count == 9)
        let banner = try #require(FileManager.default.contents(atPath: target + "/Images/store-banner.png"))
        #expect(PixelSize.of(banner) == PixelSize(width: 3168, height: 1344), "3 Pro, 21:9 at 2K")
        let icon = try #require(FileManager.default.contents(atPath: target + "/Images/app-icon.png"))
        #expect(PixelSize.of(icon) == PixelSize(width: 1024, height: 1024), "Flash-Lite makes 1K only")
        let again = try tool.run(["status", "--check", "--provider", "placeholder"], in: target)
        #expect(again.status == 0)
    }
}
