import Foundation
import GeminiStub
import Testing

@testable import AssetProviders

/// A server that cannot be reached is named in the error, so a wrong port or host shows at once.
@Suite struct GeminiConnectionTests {
    @Test func anUnreachableServerIsNamed() async throws {
        let harness = try StubHarness(maxAttempts: 2)
        harness.stub.stop()
        let server = "\(harness.baseURL.host ?? ""):\(harness.baseURL.port ?? 0)"
        do {
            _ = try await harness.provider.generate(StubHarness.request())
            Issue.record("an answer from a stopped server")
        } catch let error as ProviderError {
            #expect(error.message.hasPrefix("connection to \(server) failed: cannot connect to the host"), "\(error)")
            #expect(error.message.contains("gave up after 2 attempts"))
            #expect(error.fix == "check the network or the base URL; run again later")
        }
    }
}
