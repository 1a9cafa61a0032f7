import AssetProviders
import AssetSupport
import Foundation
import GeminiStub
import TestSupport
import Testing

extension StubStrictnessTests {
    /// A ratio the model does not offer is the service's 400, per model (3 Pro has no 1:8; 3.1 Flash has).
    @Test func unsupportedAspectRatiosAreRefusedPerModel() async throws {
        let harness = try StubHarness()
        defer { harness.stub.stop() }
        let calls = StubCalls(harness.stub)
        let pro = try await calls.generate(StubCalls.body(ratio: "1:8", size: "1K"), model: "gemini-3-pro-image")
        #expect(pro.status == 400 && pro.errorMessage == "Unsupported aspect ratio: 1:8.")
        let odd = try await calls.generate(StubCalls.body(ratio: "3:1", size: "1K"))
        #expect(odd.status == 400 && odd.errorMessage == "Unsupported aspect ratio: 3:1.")
        #expect(try await calls.generate(StubCalls.body(ratio: "1:8", size: "1K")).status == 200)
    }
}
