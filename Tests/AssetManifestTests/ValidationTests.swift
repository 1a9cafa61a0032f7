import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct ValidationTests {
    func messages(_ yaml: String, in folder: TemporaryDirectory = TemporaryDirectory()) -> String {
        errors(yaml, in: folder).map(\.description).joined(separator: "\n")
    }

    @Test func duplicateIdsAndOutputs() {
        let text = messages(
            "version: 1\nassets:\n" + asset("a") + asset("a") + "  - id: b\n    output: images/A.png\n    prompt: x\n")
        #expect(text.contains("duplicate id 'a' (first declared on line 3)"))
        #expect(text.contains("also the output of 'a'"))
    }

    /// A bad value in `defaults:` is one error at that value, naming the assets that inherit it.
    @Test func anInheritedErrorIsReportedOnce() {
        let found = errors(
            "version: 1\ndefaults: {model: gemini-3.1-flash-image, image_size: 1k}\nassets:\n"
                + ["a", "b", "c", "d", "e"].map { asset($0) }.joined())
        #expect(found.count == 1, "\(found)")
        #expect(
            found.first?.message
                == "gemini-3.1-flash-image does not support image_size '1k' (inherited by assets 'a', 'b', 'c', and 2 more)"
        )
        #expect(found.first?.key == "defaults.image_size" && found.first?.location?.line == 2)
    }

    @Test func cyclesShowTheirPath() {
        let text = messages(
            "version: 1\nassets:\n" + asset("a", "    references: [{asset: b}]\n")
                + asset("b", "    references: [{asset: c}]\n") + asset("c", "    references: [{asset: a}]\n"))
        #expect(text.contains("dependency cycle: a → b → c → a"))
    }

    @Test func referencesMustExistBeImagesAndStayInside() {
        let folder = TemporaryDirectory()
        let outside = TemporaryDirectory()
        outside.write("secret.png", TestImages.png())
        folder.write("Art/sketch.png", TestImages.png())
        folder.write("Art/notes.png", "plain text")
        try! FileManager.default.createSymbolicLink(
            atPath: folder.url("Art/link.png"), withDestinationPath: outside.url("secret.png"))
        let text = messages(
            "version: 1\nassets:\n"
                + asset(
                    "a",
                    "    references:\n      - Art/sketchh.png\n      - Art/notes.png\n      - ../x.png\n      - Art/link.png\n      - asset: nobody\n      - asset: a\n"
                ), in: folder)
        #expect(text.contains("'Art/sketchh.png' does not exist\n    fix: did you mean 'Art/sketch.png'?"))
        #expect(text.contains("'Art/notes.png' is not an image"))
        #expect(text.contains("'../x.png' is outside the project"))
        #expect(text.contains("'Art/link.png' leaves the project through a symbolic link"))
        #expect(text.contains("no asset with id 'nobody'"))
        #expect(text.contains("asset 'a' refers to itself"))
    }

    @Test func outputsMustStayInsideAndNotOverwriteInputs() {
        let text = messages(
            """
            version: 1
            assets:
              - {id: a, output: /tmp/a.png, prompt: x}
              - {id: b, output: assets.yml, prompt: x}
              - {id: c, output: assets.lock, prompt: x}
              - {id: d, output: .git/d.png, prompt: x}
              - {id: e, output: Images/e.gif, prompt: x}
              - {id: f, output: Art/sketch.png, prompt: x}
              - {id: g, output: Images/g.png, prompt: x, references: [Art/sketch.png]}
            """)
        #expect(text.contains("'/tmp/a.png' is outside the project"))
        #expect(text.contains("would overwrite assets.yml"))
        #expect(text.contains("would overwrite assets.lock"))
        #expect(text.contains("inside .git/"))
        #expect(text.contains("must end in .png, .jpg, .jpeg or .webp"))
        #expect(text.contains("reference 'Art/sketch.png' is the output of asset 'f'"))
    }

    @Test func modelSpecificValues() {
        let text = messages(
            """
            version: 1
            assets:
              - {id: a, output: Images/a.png, prompt: x, config: {aspect_ratio: "1:8", model: gemini-3-pro-image}}
              - {id: b, output: Images/b.png, prompt: x, config: {image_size: 1k}}
              - {id: c, output: Images/c.png, prompt: x, config: {image_size: 512, model: gemini-3-pro-image}}
              - {id: d, output: Images/d.png, prompt: x, config: {model: gemini-2.5-flash-image, image_size: 2K}}
              - {id: f, output: Images/f.png, prompt: x, config: {model: gemini-2.5-flash-image, thinking_level: high}}
              - {id: g, output: Images/g.png, prompt: x, config: {model: imagen-4.0-generate-001}}
              - {id: h, output: Images/h.png, prompt: x, config: {thinking_level: medium}}
            """)
        #expect(text.contains("gemini-3-pro-image does not support aspect ratio '1:8'"))
        #expect(text.contains("write '1K' with an upper-case K"))
        #expect(text.contains("gemini-3-pro-image does not support image_size '512'"))
        #expect(text.contains("gemini-2.5-flash-image has no image_size option"))
        #expect(text.contains("gemini-2.5-flash-image does not think"))
        #expect(text.contains("Imagen models were shut down"))
        #expect(text.contains("does not support thinking_level 'medium'"))
    }

    @Test func inheritedOptionsAModelLacksAreDropped() throws {
        let project = try load(
            "version: 1\ndefaults:\n  image_size: 2K\n  thinking_level: high\nassets:\n"
                + asset("a", "    config:\n      model: gemini-2.5-flash-image\n      aspect_ratio: \"16:9\"\n")
        ).get()
        let a = try #require(project.asset("a"))
        #expect(a.config.imageSize == nil && a.config.thinkingLevel == nil)
        #expect(a.pixelSize == PixelSize(width: 1344, height: 768))
    }

    @Test func retiredAndUnknownModelsWarn() throws {
        let project = try load(
            "version: 1\nassets:\n" + asset("a", "    config: {model: gemini-3-pro-image-preview}\n")
                + asset("b", "    config: {model: gemini-9-ultra-image, aspect_ratio: \"7:3\"}\n")
        ).get()
        #expect(project.asset("a")?.modelID == "gemini-3-pro-image")
        #expect(project.asset("b")?.modelID == "gemini-9-ultra-image")
        #expect(project.asset("b")?.pixelSize == nil)
        #expect(project.warnings.count == 2)
        #expect(project.warnings.contains { $0.message.contains("retired") })
    }

    @Test func seedTablePixelSizes() {
        let flash = ModelCatalog.models.first { $0.id == "gemini-3.1-flash-image" }!
        #expect(flash.pixelSize(aspectRatio: "21:9", imageSize: "512") == PixelSize(width: 792, height: 168))
        #expect(flash.pixelSize(aspectRatio: "16:9", imageSize: "4K") == PixelSize(width: 5504, height: 3072))
        #expect(flash.pixelSize(aspectRatio: "1:8", imageSize: "1K") == PixelSize(width: 384, height: 3072))
        let pro = ModelCatalog.models.first { $0.id == "gemini-3-pro-image" }!
        #expect(pro.pixelSize(aspectRatio: "3:4", imageSize: "2K") == PixelSize(width: 1792, height: 2400))
        #expect(pro.imagePrice(imageSize: "4K") == 0.24)
        #expect(pro.imagePrice(imageSize: "1K") == 0.134)
        let old = ModelCatalog.models.first { $0.id == "gemini-2.5-flash-image" }!
        #expect(old.pixelSize(aspectRatio: "9:16", imageSize: nil) == PixelSize(width: 768, height: 1344))
        #expect(old.imagePrice(imageSize: nil) == 0.039)
    }

    @Test func promptsAreNormalized() {
        #expect(
            PromptComposer.compose(prompt: "Cafe\u{301}\r\nline  ", styles: [" style "]) == "Caf\u{E9}\nline\n\nstyle")
    }
}
