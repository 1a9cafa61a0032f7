import Foundation
import GeminiStub
import TestSupport
import Testing

/// A placeholder run never puts placeholders over real images unless asked, and then never commits.
@Suite struct PlaceholderGuardTests {
    let tool = ToolRunner()

    static let manifest = """
        version: 1
        defaults: {model: gemini-3.1-flash-image, image_size: "512"}
        assets:
          - {id: fox, output: Images/fox.png, prompt: "A fox"}
          - {id: owl, output: Images/owl.png, prompt: "An owl", references: [{asset: fox}]}

        """

    func run(_ arguments: [String], in folder: TemporaryDirectory, _ env: [String: String] = [:]) throws
        -> ToolRunner.Result
    {
        var environment = ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"]
        environment.merge(env) { $1 }
        return try tool.run(arguments, in: folder.path, environment: environment)
    }

    func commits(_ folder: TemporaryDirectory) throws -> String {
        try GitCLI.run(["rev-list", "--count", "HEAD"], in: folder.path)
    }

    /// A committed project whose two images the (stub) service made.
    func realProject(_ stub: GeminiStub) throws -> TemporaryDirectory {
        let url = try stub.start()
        let folder = TemporaryDirectory("real-art")
        try GitCLI.makeRepository(folder)
        folder.write("assets.yml", Self.manifest)
        try GitCLI.run(["add", "assets.yml"], in: folder.path)
        try GitCLI.run(["commit", "-q", "-m", "manifest"], in: folder.path)
        let made = try run(
            ["generate", "--yes"], in: folder, ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": "test-key"])
        #expect(made.status == 0, "\(made.stderr)")
        return folder
    }

    @Test func aPlaceholderRunKeepsRealImagesAndSaysSo() throws {
        let stub = GeminiStub(options: .init(apiKey: "test-key"))
        defer { stub.stop() }
        let folder = try realProject(stub)
        let fox = folder.read("Images/fox.png")
        let owl = folder.read("Images/owl.png")
        let before = try commits(folder)
        folder.write(
            "assets.yml", Self.manifest + "  - {id: bat, output: Images/bat.png, prompt: \"A bat\"}\n")

        let result = try run(["generate", "--provider", "placeholder", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.read("Images/fox.png") == fox && folder.read("Images/owl.png") == owl)
        let assets = try #require(result.json?["assets"] as? [[String: Any]])
        let fox2 = try #require(assets.first { $0["id"] as? String == "fox" })
        #expect(fox2["action"] as? String == "keep", "\(fox2)")
        #expect((fox2["reasons"] as? [String])?.contains { $0.hasPrefix("keeps its real image") } == true, "\(fox2)")
        // Only where there was no real image: the new asset gets a placeholder, and that is committed.
        #expect(folder.exists("Images/bat.png"))
        #expect(
            try GitCLI.run(["show", "--name-only", "--format=", "HEAD"], in: folder.path)
                == "Images/bat.png\nassets.lock\n")
        #expect(
            Int(try commits(folder).trimmingCharacters(in: .newlines)) == Int(before.trimmingCharacters(in: .newlines))!
                + 1)

        let plain = try run(["generate", "--provider", "placeholder"], in: folder)
        #expect((plain.stdout + plain.stderr).contains("2 real images kept"), "\(plain.stdout)")
    }

    @Test func replacingRealImagesTakesAnOptionAndNeverCommits() throws {
        let stub = GeminiStub(options: .init(apiKey: "test-key"))
        defer { stub.stop() }
        let folder = try realProject(stub)
        let fox = folder.read("Images/fox.png")
        let before = try commits(folder)
        let result = try run(["generate", "--provider", "placeholder", "--replace-real-images"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.read("Images/fox.png") != fox)
        #expect(try commits(folder) == before)
        #expect(result.stderr.contains("--replace-real-images: placeholders were written"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was committed"))
    }
}

extension PlaceholderGuardTests {
    /// A real image deleted from the work tree is still the committed art: a placeholder run may write a
    /// placeholder there, but never commits it over the real image, and the real provider brings it back free.
    @Test func aPlaceholderForADeletedRealImageIsNeverCommitted() throws {
        let stub = GeminiStub(options: .init(apiKey: "test-key"))
        defer { stub.stop() }
        let folder = try realProject(stub)
        let fox = folder.read("Images/fox.png")
        let before = try commits(folder)
        try FileManager.default.removeItem(atPath: folder.url("Images/fox.png"))

        let result = try run(["generate", "--provider", "placeholder"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try commits(folder) == before, "the placeholder is not committed over the real fox")
        #expect(result.stderr.contains("nothing was committed"), "\(result.stderr)")
        #expect(try GitCLI.run(["show", "HEAD:Images/fox.png"], in: folder.path).utf8.count > 0)

        let real = try run(
            ["generate", "--yes"], in: folder,
            ["GEMINI_BASE_URL": stub.baseURL.absoluteString, "GEMINI_API_KEY": "test-key"])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(folder.read("Images/fox.png") == fox, "the real image again")
        #expect(stub.generateRequests.count == 2, "at no cost")
    }
}
