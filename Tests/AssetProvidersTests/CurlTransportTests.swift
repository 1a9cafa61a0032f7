#if os(Linux)
@testable import AssetProviders
import Foundation
import Testing

/// libcurl, opened on the first request: what the retry policy needs to tell apart, and cancellation.
@Suite struct CurlTransportTests {
    @Test func aClosedPortIsAConnectionFailure() async throws {
        // A port that was free a moment ago: nothing listens there.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        close(listener)
        let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/")!
        do {
            _ = try await CurlTransport(idleTimeout: 5, requestTimeout: 5).send(HTTPRequest(url: url, method: "GET"))
            Issue.record("an answer from a closed port")
        } catch let error as TransportError {
            #expect(error.kind == .connection && error.message == "cannot connect to the host" && !error.mayHaveBeenProcessed)
        }
    }

    @Test func aSilentServerTimesOutAndACancelledRequestStops() async throws {
        // Accepts the connection and never answers.
        let harness = try StubHarness(latency: 30)
        defer { harness.stub.stop() }
        let url = harness.baseURL.appendingPathComponent("v1beta/models/gemini-3.1-flash-image:generateContent")
        let request = HTTPRequest(url: url, headers: ["x-goog-api-key": StubHarness.key], body: Data("{}".utf8))
        var start = Date()
        do {
            _ = try await CurlTransport(idleTimeout: 1, requestTimeout: 20).send(request)
            Issue.record("an answer within the idle timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout && error.mayHaveBeenProcessed)
        }
        #expect(Date().timeIntervalSince(start) < 5)
        start = Date()
        let task = Task { try await CurlTransport(idleTimeout: 20, requestTimeout: 20).send(request) }
        try await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        await #expect(throws: TransportError.self) { try await task.value }
        #expect(Date().timeIntervalSince(start) < 5, "cancelled at the next progress tick, not at the timeout")
    }

    @Test func headersOfTheFinalAnswerWithRepeatsJoined() {
        let block = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Goog-Thing:  a \r\nx-goog-thing: b\r\n\r\n"
        #expect(CurlTransport.headers(block) == ["content-type": "application/json", "x-goog-thing": "a, b"])
    }
}
#endif
