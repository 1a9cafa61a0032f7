import Foundation

extension GeminiProvider {
    /// One page of a list route (`GET /{version}/{collection}?pageSize=&pageToken=`): the answer's JSON object,
    /// or nil when the body is not one. Listing is free, so a lost answer is never counted as billed.
    func listPage(_ collection: String, pageSize: Int, token: String?) async throws -> (
        root: [String: Any]?, body: Data
    ) {
        var components = URLComponents(
            url: settings.baseURL.appendingPathComponent(settings.apiVersion).appendingPathComponent(collection),
            resolvingAgainstBaseURL: false)!
        components.queryItems =
            [URLQueryItem(name: "pageSize", value: String(pageSize))]
            + (token.map { [URLQueryItem(name: "pageToken", value: $0)] } ?? [])
        let (response, _, _) = try await exchange(
            HTTPRequest(
                url: components.url!, method: "GET", headers: settings.headers, timeout: settings.connectTimeout),
            model: collection, billable: false)
        return ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any], response.body)
    }

    /// The token of the page after `root`, nil on the last page.
    static func nextPageToken(_ root: [String: Any]?) -> String? {
        (root?["nextPageToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    }
}
