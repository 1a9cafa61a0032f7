import AssetSupport
import Foundation
import GeminiStub
import Testing

@testable import AssetProviders

/// libcurl, opened on the first request: what the retry policy needs to tell apart, and cancellation.
@Suite struct CurlTransportTests {
    @Test func aClosedPortIsAConnectionFailure() async throws {
        // A port that was free a moment ago: nothing listens there.
        let listener = Sockets.openStream()
        var address = Sockets.loopback(port: 0)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        Sockets.close(listener)
        let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/")!
        do {
            _ = try await CurlTransport(idleTimeout: 5, requestTimeout: 5).send(
                HTTPRequest(url: url, method: "GET"))
            Issue.record("an answer from a closed port")
        } catch let error as TransportError {
            #expect(
                error.kind == .connection && error.message == "cannot connect to the host"
                    && !error.mayHaveBeenProcessed)
        }
    }

    /// No bound on the time taken: other suites may hold the test pool's threads. The stub's gate holds every
    /// answer until the test ends, so only the idle timeout or the cancellation can end a request.
    @Test func aSilentServerTimesOutAndACancelledRequestStops() async throws {
        let gate = StubGate()
        let harness = try StubHarness { $0.gate = gate }
        defer { harness.stub.stop() }
        let url = harness.baseURL.appendingPathComponent("v1beta/models/gemini-3.1-flash-image:generateContent")
        let request = HTTPRequest(url: url, headers: ["x-goog-api-key": StubHarness.key], body: Data("{}".utf8))
        do {
            _ = try await CurlTransport(idleTimeout: 1, requestTimeout: 60).send(request)
            Issue.record("an answer within the idle timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout && error.mayHaveBeenProcessed)
        }
        let task = Task { try await CurlTransport(idleTimeout: 60, requestTimeout: 60).send(request) }
        // Cancelled once the request is at the stub (the first one is still held there too).
        try #require(await Task.detached { gate.waitUntilHeld(2) }.value, "the second request reached the stub")
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("an answer to a cancelled request")
        } catch let error as TransportError {
            #expect(error.message == "the request was cancelled")
        }
    }

    @Test func headersOfTheFinalAnswerWithRepeatsJoined() {
        let block =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Goog-Thing:  a \r\nx-goog-thing: b\r\n\r\n"
        #expect(CurlTransport.headers(block) == ["content-type": "application/json", "x-goog-thing": "a, b"])
    }
}
