import Foundation

/// One HTTP request, as the Gemini client builds it.
package struct HTTPRequest: Sendable {
    package var url: URL
    package var method: String
    package var headers: [String: String]
    package var body: Data
    /// The longest wait for the connection or the next bytes; nil: the transport's default.
    package var timeout: TimeInterval?

    package init(
        url: URL, method: String = "POST", headers: [String: String] = [:], body: Data = Data(),
        timeout: TimeInterval? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response; header names are lower-cased.
package struct HTTPResponse: Sendable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A request that got no HTTP answer: connection refused or dropped, timeout, truncated body.
package struct TransportError: Error, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable { case timeout, connection, invalid }
    package var kind: Kind
    package var message: String
    /// The request may have reached the service before the answer was lost (a timeout, a dropped or cut
    /// answer): the service may have done, and billed, the work.
    package var mayHaveBeenProcessed = false

    package init(kind: Kind, message: String, mayHaveBeenProcessed: Bool = false) {
        self.kind = kind
        self.message = message
        self.mayHaveBeenProcessed = mayHaveBeenProcessed
    }

    package var isRetryable: Bool { kind != .invalid }
    package var description: String { "\(kind.rawValue): \(message)" }
}

/// The HTTP seam: production uses `HTTPTransports.standard`; tests use it too, against the loopback stub.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// The transport: libcurl, opened on first use, on every platform (Foundation's URLSession would load
/// libcurl and a score of libraries at every start on Linux, and it is the one code path the tests run).
package enum HTTPTransports {
    /// - Parameters:
    ///   - idleTimeout: how long to wait for a connection or for the next bytes.
    ///   - requestTimeout: the most one request may take in all.
    package static func standard(idleTimeout: TimeInterval, requestTimeout: TimeInterval) -> any HTTPTransport {
        CurlTransport(idleTimeout: idleTimeout, requestTimeout: requestTimeout)
    }
}
