import Foundation

/// One HTTP request, as the Gemini client builds it.
public struct HTTPRequest: Sendable {
    public var url: URL
    public var method: String
    public var headers: [String: String]
    public var body: Data
    /// The longest wait for the connection or the next bytes; nil: the transport's default.
    public var timeout: TimeInterval?

    public init(
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
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A request that got no HTTP answer: connection refused or dropped, timeout, truncated body.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case timeout, connection, invalid }
    public var kind: Kind
    public var message: String
    /// The request may have reached the service before the answer was lost (a timeout, a dropped or cut
    /// answer): the service may have done, and billed, the work.
    public var mayHaveBeenProcessed = false

    public init(kind: Kind, message: String, mayHaveBeenProcessed: Bool = false) {
        self.kind = kind
        self.message = message
        self.mayHaveBeenProcessed = mayHaveBeenProcessed
    }

    public var isRetryable: Bool { kind != .invalid }
    public var description: String { "\(kind.rawValue): \(message)" }
}

/// The HTTP seam: production uses `HTTPTransports.standard`; tests use it too, against the loopback stub.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// The platform's transport: libcurl, opened on first use, on Linux (Foundation's URLSession would load
/// libcurl and a score of libraries at every start, requests or not); URLSession elsewhere.
public enum HTTPTransports {
    /// - Parameters:
    ///   - idleTimeout: how long to wait for a connection or for the next bytes.
    ///   - requestTimeout: the most one request may take in all.
    public static func standard(idleTimeout: TimeInterval, requestTimeout: TimeInterval) -> any HTTPTransport {
        #if os(Linux)
            CurlTransport(idleTimeout: idleTimeout, requestTimeout: requestTimeout)
        #else
            URLSessionTransport(idleTimeout: idleTimeout, requestTimeout: requestTimeout)
        #endif
    }
}
