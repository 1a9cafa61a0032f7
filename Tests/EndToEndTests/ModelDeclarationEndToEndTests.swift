import Foundation
import GeminiStub
import TestSupport
import Testing

/// Models declared in `models:`, Flash-Lite and 2.5 Flash, through the built executable.
@Suite struct ModelDeclarationEndToEndTests {
    let tool = ToolRunner()

    static func manifest(ratio: String, price: String = "0.08") -> String {
        """
        version: 1
        models:
          gemini-4-flash-image:
            aspect_ratios: ["1:1", "16:9"]
            image_sizes: ["1K", "2K"]
            max_references: 14
            price_per_image_usd: {1K: 0.05, 2K: \(price)}
        assets:
          - id: hero
            output: Images/hero.png
            prompt: "A lighthouse at dawn"
            config: {model: gemini-4-flash-image, aspect_ratio: "\(ratio)", image_size: 2K}
          - id: lite
            output: Images/lite.png
            prompt: "A lantern"
            config: {model: gemini-3.1-flash-lite-image, aspect_ratio: "4:1"}
          - id: old
            output: Images/old.png
            prompt: "A fox"
            config: {model: gemini-2.5-flash-image}
        """
    }

    func asset(_ id: String, in report: [String: Any]?) -> [String: Any]? {
        (report?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func aDeclaredModelIsPricedByStatusAndItsPriceIsNotInTheFingerprint() throws {
        let project = TemporaryDirectory("declared-model")
        project.write("assets.yml", Self.manifest(ratio: "16:9"))
        let status = try tool.run(
            ["status", "--provider", "gemini", "--json"], in: project.path, environment: ["GEMINI_API_KEY": ""])
        #expect(status.status == 0, "\(status.stderr)")
        let report = try #require(status.json)
        #expect(asset("hero", in: report)?["estimated_cost_usd"] as? Double == 0.08)
        #expect(asset("lite", in: report)?["estimated_cost_usd"] as? Double == 0.0336)
        #expect(asset("old", in: report)?["estimated_cost_usd"] as? Double == 0.039)
        let warnings = (report["warnings"] as? [[String: Any]]) ?? []
        #expect(warnings.count == 1, "no warning for the declared model: \(warnings)")
        let warning = warnings.first ?? [:]
        #expect(warning["severity"] as? String == "warning")
        #expect(warning["key"] as? String == "assets[old].config.model")
        #expect((warning["location"] as? [String: Any])?["line"] as? Int == 20)
        #expect((warning["location"] as? [String: Any])?["column"] as? Int == 21)
        #expect(
            warning["message"] as? String
                == "gemini-2.5-flash-image is past its shutdown date (2026-10-02); Google no longer serves it, though a proxy may"
        )
        #expect(warning["fix"] as? String == "use gemini-nano-banana-2.1 or gemini-3.1-flash-lite-image")
        let fingerprint = asset("hero", in: report)?["fingerprint"] as? String
        #expect(fingerprint != nil)

        project.write("assets.yml", Self.manifest(ratio: "16:9", price: "0.09"))
        let repriced = try #require(try tool.run(["status", "--provider", "gemini", "--json"], in: project.path).json)
        #expect(asset("hero", in: repriced)?["estimated_cost_usd"] as? Double == 0.09)
        #expect(
            asset("hero", in: repriced)?["fingerprint"] as? String == fingerprint, "a new price regenerates nothing")
    }

    @Test func anUndeclaredRatioIsALocatedExit2() throws {
        let project = TemporaryDirectory("declared-model-bad")
        project.write("assets.yml", Self.manifest(ratio: "4:3"))
        let before = project.listing()
        let result = try tool.run(["status", "--provider", "gemini", "--json"], in: project.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                """
                assets.yml:12:57: error: assets[hero].config.aspect_ratio: gemini-4-flash-image does not support aspect ratio '4:3'
                    fix: use one of 1:1, 16:9 (see 'models:' on line 3)
                """), "\(result.stderr)")
        #expect(project.listing() == before)
    }

    @Test func aDeclaredModelTheServiceDoesNotKnowFailsPointingAtItsDeclaration() throws {
        let key = "test-key-\(UUID().uuidString)"
        let stub = GeminiStub(options: .init(apiKey: key))
        let url = try stub.start()
        defer { stub.stop() }
        let project = TemporaryDirectory("declared-model-404")
        project.write("assets.yml", Self.manifest(ratio: "16:9"))
        let result = try tool.run(
            ["generate", "--provider", "gemini", "--yes", "--no-commit", "--only", "hero", "--json"], in: project.path,
            environment: [
                "GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key, "GEMINI_RETRY_BASE_DELAY": "0.01",
            ])
        #expect(result.status == 1)
        let failure = result.failure("hero")
        #expect(failure?.kind == "rejected")
        #expect(
            failure?.message.contains("model 'gemini-4-flash-image' was not found") == true,
            "\(String(describing: failure))")
        #expect(
            failure?.fix?.contains("check the id declared under 'models:' on line 3") == true,
            "\(String(describing: failure))")
        #expect(stub.generateRequests.count == 1, "a 404 is not retried")
    }
}
