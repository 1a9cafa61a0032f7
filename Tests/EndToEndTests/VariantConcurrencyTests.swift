import Foundation
import GeminiStub
import TestSupport
import Testing

/// The variants of one asset go out together, within `--jobs`: counted at the stub, whose gate holds every
/// answer until the test lets it go (no latency, no timing).
@Suite struct VariantConcurrencyTests {
    let tool = ToolRunner()
    let key = "AIzaVARIANTS-\(UUID().uuidString)"

    /// Starts `generate --jobs N` for one asset with three variants against a stub that holds every answer.
    func start(jobs: Int) throws -> (GeminiStub, StubGate, BackgroundRun<ToolRunner.Result>) {
        let gate = StubGate()
        var options = GeminiStub.Options(apiKey: key)
        options.gate = gate
        let stub = GeminiStub(options: options)
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
        let environment = ["GEMINI_BASE_URL": url.absoluteString, "GEMINI_API_KEY": key]
        let run = BackgroundRun { [tool] in
            try tool.run(
                ["generate", "--provider", "gemini", "--yes", "--no-commit", "--json", "--jobs", String(jobs)],
                in: folder.path, environment: environment)
        }
        return (stub, gate, run)
    }

    /// Issue 20's "three variants at 2 s latency finish in under 4 s with --jobs 4", proven by counting: all
    /// three calls are at the stub at one time, so the run takes one answer's time, not three.
    @Test func threeVariantsGoOutTogetherWithFourJobs() throws {
        let (stub, gate, run) = try start(jobs: 4)
        defer { stub.stop() }
        let together = gate.waitUntilHeld(3)
        gate.open()
        let result = try run.wait()
        #expect(together, "all three variants held at the stub at once (held: \(gate.held))")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.generateRequests.count == 3)
        #expect(gate.held.most == 3)
        let seeds = stub.generateRequests.compactMap {
            (($0.json?["generationConfig"] as? [String: Any])?["seed"] as? NSNumber)?.intValue
        }
        #expect(Set(seeds) == [5, 6, 7], "variant n still asks for seed + n - 1")
    }

    @Test func variantsStayWithinJobs() throws {
        let (stub, gate, run) = try start(jobs: 2)
        defer { stub.stop() }
        // Two at once; the third goes out only once one of them is answered.
        let two = gate.waitUntilHeld(2)
        #expect(stub.generateRequests.count == 2, "no third call while both job slots are busy")
        gate.release(1)
        let third = gate.waitUntilHeld(2)
        gate.open()
        let result = try run.wait()
        #expect(two && third, "held: \(gate.held)")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.generateRequests.count == 3)
        #expect(gate.held.most == 2, "never more calls at once than --jobs")
    }
}
