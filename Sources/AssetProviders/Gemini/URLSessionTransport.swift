#if !os(Linux)
    import Foundation
    #if canImport(FoundationNetworking)
        import FoundationNetworking
    #endif

    /// HTTP over Foundation's URLSession, on Apple platforms (Linux uses `CurlTransport`).
    package final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
        private let session: URLSession

        /// - Parameters:
        ///   - idleTimeout: how long to wait for a connection or for the next bytes.
        ///   - requestTimeout: the most one request may take in all.
        package init(idleTimeout: TimeInterval, requestTimeout: TimeInterval) {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = idleTimeout
            configuration.timeoutIntervalForResource = requestTimeout
            configuration.urlCache = nil
            configuration.httpCookieStorage = nil
            configuration.httpMaximumConnectionsPerHost = 64
            session = URLSession(configuration: configuration)
        }

        deinit { session.finishTasksAndInvalidate() }

        package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
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
            case .cannotFindHost, .dnsLookupFailed:
                TransportError(kind: .connection, message: "cannot resolve the host")
            default: TransportError(kind: .connection, message: "network error \(error.code.rawValue)")
            }
        }
    }
#endif
