import CCurlShim
import Foundation

/// HTTP through libcurl, which the shim opens with dlopen on the first request: the same library
/// Foundation's URLSession uses on Linux (so the same TLS, certificates and `https_proxy` handling),
/// without linking it, and the libraries it needs, into every start of the tool.
///
/// Each request runs on a thread of its own (a blocking `curl_easy_perform`; requests are few and long);
/// cancelling the task stops it at libcurl's next progress tick.
package final class CurlTransport: HTTPTransport, Sendable {
    let idleTimeout: TimeInterval
    let requestTimeout: TimeInterval

    /// - Parameters:
    ///   - idleTimeout: how long to wait for a connection or for the next bytes.
    ///   - requestTimeout: the most one request may take in all.
    package init(idleTimeout: TimeInterval, requestTimeout: TimeInterval) {
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let call = Call()
        let idle = request.timeout ?? idleTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let thread = Thread {
                    continuation.resume(
                        with: Result { try call.perform(request, idle: idle, total: self.requestTimeout) })
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            call.cancel()
        }
    }

    /// One libcurl exchange; freed when neither the request nor its cancellation handler holds it.
    final class Call: @unchecked Sendable {
        private let handle = ga_curl_call_new()

        deinit { ga_curl_call_free(handle) }

        func cancel() { ga_curl_call_cancel(handle) }

        func perform(_ request: HTTPRequest, idle: TimeInterval, total: TimeInterval) throws -> HTTPResponse {
            guard let handle else {
                throw TransportError(kind: .invalid, message: "out of memory for an HTTP request")
            }
            let lines = request.headers.map { "\($0.key): \($0.value)" }
            let code: Int32 = withCStrings(lines) { headers in
                request.body.withUnsafeBytes { body in
                    ga_curl_call_perform(
                        handle, request.url.absoluteString, request.method, headers, Int32(lines.count),
                        body.baseAddress, body.count,
                        Int(idle * 1000), Int(idle * 1000), Int(total * 1000))
                }
            }
            guard code == Int32(GA_CURLE_OK) else {
                throw CurlTransport.classify(code, detail: String(cString: ga_curl_call_error(handle)))
            }
            var length = 0
            let body = ga_curl_call_body(handle, &length).map { Data(bytes: $0, count: length) } ?? Data()
            let block =
                ga_curl_call_headers(handle, &length).map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self)
                } ?? ""
            return HTTPResponse(
                status: ga_curl_call_status(handle), headers: CurlTransport.headers(block), body: body)
        }
    }

    /// "Name: value" lines to lower-cased names; a repeated header's values joined by ", ".
    static func headers(_ block: String) -> [String: String] {
        var headers: [String: String] = [:]
        // The first line is the status line.
        for line in block.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return headers
    }

    /// A request that got no HTTP answer, in the terms the retry policy uses.
    static func classify(_ code: Int32, detail: String) -> TransportError {
        switch Int(code) {
        case GA_CURLE_OPERATION_TIMEDOUT:
            TransportError(kind: .timeout, message: "no answer in time", mayHaveBeenProcessed: true)
        case GA_CURLE_UNSUPPORTED_PROTOCOL, GA_CURLE_URL_MALFORMAT:
            TransportError(kind: .invalid, message: "the URL is not usable (\(detail))")
        case GA_CURLE_PEER_FAILED_VERIFICATION, GA_CURLE_SSL_CACERT_BADFILE, GA_CURLE_SSL_CERTPROBLEM:
            TransportError(
                kind: .invalid, message: "TLS certificate problem (\(detail)); check the base URL or your proxy")
        case GA_CURLE_PARTIAL_FILE, GA_CURLE_RECV_ERROR, GA_CURLE_SEND_ERROR, GA_CURLE_GOT_NOTHING,
            GA_CURLE_HTTP2, GA_CURLE_HTTP2_STREAM:
            TransportError(
                kind: .connection, message: "the connection was dropped before the answer was complete",
                mayHaveBeenProcessed: true)
        case GA_CURLE_COULDNT_CONNECT, GA_CURLE_COULDNT_RESOLVE_PROXY:
            TransportError(kind: .connection, message: "cannot connect to the host")
        case GA_CURLE_COULDNT_RESOLVE_HOST: TransportError(kind: .connection, message: "cannot resolve the host")
        case GA_CURLE_ABORTED_BY_CALLBACK: TransportError(kind: .connection, message: "the request was cancelled")
        case -1: TransportError(kind: .invalid, message: detail)
        default: TransportError(kind: .connection, message: "network error (\(detail))")
        }
    }
}

/// Calls `body` with the strings as a C array of C strings, valid for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!) }
}
