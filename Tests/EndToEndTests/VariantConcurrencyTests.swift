import Foundation
import GeminiStub
import TestSupport
import Testing

/// The variants of one asset go out together, within `--jobs`, counted at the stub.
@Suite struct VariantConcurrencyTests {
    let tool = ToolRunner()
    let key = "AIzaVARIANTS-\(UUID().uuidString)"

    func run(jobs: Int) throws -> (GeminiStub, ToolRunner.Result) {
        // Each answer takes a second, so calls sent together are surely at the stub together.
        let stub = GeminiStub(options: .init(apiKey: key, latency: 1))
        let url = try stub.start()
        let folder = TemporaryDirectory("variants")
        folder.write(
            "assets.yml",
            """
            version: 1
            defaults: {model: gemini-3.1-flash-image, image_size: "512"}
            assets:
              - {id: hero, output: Images/hero.png, prompt: "A lighthouse", variants: 3, config: {seed: 5}}

            """)
        let result = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--no-commit", "--json", "--jobs", String(jobs)],
            in: folder.path,
            environment: ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key])
        stub.stop()
        return (stub, result)
    }

    @Test func threeVariantsGoOutTogetherWithFourJobs() throws {
        let (stub, result) = try run(jobs: 4)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.generateRequests.count == 3)
        #expect(stub.mostConcurrentRequests == 3, "all three variants at the stub at once")
        let seeds = stub.generateRequests.compactMap {
            (($0.json?["generationConfig"] as? [String: Any])?["seed"] as? NSNumber)?.intValue
        }
        #expect(Set(seeds) == [5, 6, 7], "variant n still asks for seed + n - 1")
    }

    @Test func variantsStayWithinJobs() throws {
        let (stub, result) = try run(jobs: 2)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.generateRequests.count == 3)
        #expect(stub.mostConcurrentRequests == 2)
    }
}
