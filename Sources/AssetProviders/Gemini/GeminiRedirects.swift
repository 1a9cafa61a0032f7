import Foundation

extension GeminiProvider {
    /// The most redirects a download follows.
    static let redirectLimit = 5

    /// Sends `http`. libcurl follows no redirect (it would carry the key header to any host): a GET answered
    /// with one (a batch results download sent on to storage) is followed here, with the key only while the
    /// target is the configured service's scheme, host and port. Any other answer, and a redirect to a POST,
    /// comes back as it is (a 3xx is then a clear error).
    func sendFollowingDownloadRedirects(_ http: HTTPRequest) async throws -> HTTPResponse {
        var request = http
        var response = try await transport.send(request)
        for _ in 0..<Self.redirectLimit {
            guard request.method == "GET", [301, 302, 303, 307, 308].contains(response.status),
                let location = response.headers["location"],
                let next = URL(string: location, relativeTo: request.url)?.absoluteURL,
                next.scheme == "https" || next.scheme == "http"
            else { return response }
            if GeminiFiles.origin(next) != GeminiFiles.origin(settings.baseURL) {
                request.headers["x-goog-api-key"] = nil
            }
            request.url = next
            response = try await transport.send(request)
        }
        return response
    }
}
