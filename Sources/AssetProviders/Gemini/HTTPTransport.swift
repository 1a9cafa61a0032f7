import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

/// The HTTP seam: production uses `URLSessionTransport`; tests use it too, against the loopback stub.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// HTTP over Foundation's URLSession (libcurl on Linux): no extra packages to build.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession

    /// - Parameters:
    ///   - idleTimeout: how long to wait for a connection or for the next bytes.
    ///   - requestTimeout: the most one request may take in all.
    public init(idleTimeout: TimeInterval, requestTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = requestTimeout
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpMaximumConnectionsPerHost = 64
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        if let timeout = request.timeout { urlRequest.timeoutInterval = timeout }
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(kind: .connection, message: "the answer was not HTTP")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as URLError {
            throw Self.classify(error)
        }
    }

    static func classify(_ error: URLError) -> TransportError {
        switch error.code {
        case .timedOut: TransportError(kind: .timeout, message: "no answer in time", mayHaveBeenProcessed: true)
        case .badURL, .unsupportedURL:
            TransportError(kind: .invalid, message: "the URL is not usable (\(error.code.rawValue))")
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            TransportError(
                kind: .invalid,
                message: "TLS certificate problem (\(error.code.rawValue)); check the base URL or your proxy")
        case .networkConnectionLost:
            TransportError(
                kind: .connection, message: "the connection was dropped before the answer was complete",
                mayHaveBeenProcessed: true)
        case .cannotConnectToHost: TransportError(kind: .connection, message: "cannot connect to the host")
        case .cannotFindHost, .dnsLookupFailed: TransportError(kind: .connection, message: "cannot resolve the host")
        default: TransportError(kind: .connection, message: "network error \(error.code.rawValue)")
        }
    }
}
