import Foundation

extension GeminiFiles {
    /// A URL's scheme, host and port (the scheme's default when not named): what "the same service" means.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// The upload URL the File API answers gets the key with the bytes, so it must name the configured
    /// service: the base URL's scheme, host and port. Anything else (a proxy rewriting headers, a hostile
    /// answer) is refused before a byte or the key leaves.
    static func checkUploadURL(_ url: URL, against baseURL: URL) throws {
        guard origin(url) != origin(baseURL) else { return }
        let named = url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } ?? "no host"
        let configured = baseURL.host.map { host in baseURL.port.map { "\(host):\($0)" } ?? host } ?? "no host"
        throw ProviderError(
            .malformed,
            "the File API answered with an upload URL on \(url.scheme ?? "?")://\(named), not the configured service (\(baseURL.scheme ?? "?")://\(configured)); nothing was uploaded and the API key was not sent there",
            fix:
                "check the base URL (api.base_url, --base-url) and any proxy in between: uploads must go to the same host as the API"
        )
    }
}
