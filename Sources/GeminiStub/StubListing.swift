import Foundation

/// The list routes: `models.list` and `files.list`, and the paging every list route shares.
extension GeminiStub {
    /// One page of `items` under `key`, with `nextPageToken` when more follow. `pageSize` is honoured up to
    /// `limit` (1000 at Google); without it a page holds `size` items. A token the stub did not hand out is a 400.
    static func page(_ items: [Any], as key: String, _ request: ServerRequest, size: Int, limit: Int = 1000)
        -> StubAnswer
    {
        let pageSize = min(max(request.query["pageSize"].flatMap { Int($0) } ?? size, 1), limit)
        var start = 0
        if let token = request.query["pageToken"], !token.isEmpty {
            guard let offset = Data(base64Encoded: token).flatMap({ Int(String(decoding: $0, as: UTF8.self)) }),
                offset >= 0
            else {
                return .error(400, "Invalid page token.")
            }
            start = offset
        }
        var answer: [String: Any] = [key: Array(items.dropFirst(start).prefix(pageSize))]
        if start + pageSize < items.count {
            answer["nextPageToken"] = Data(String(start + pageSize).utf8).base64EncodedString()
        }
        return .json(answer)
    }

    /// `GET /{version}/models`: the stub's own lineup (image models it serves, and a few text models), never
    /// the client's table; 50 to a page unless the request asks for another size, at most `Options.modelsPageLimit`.
    func listModels(_ request: ServerRequest, version: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        let listed = StubModels.listed(servesRetired: options.servesRetiredModels)
        return Self.page(listed, as: "models", request, size: 50, limit: options.modelsPageLimit)
    }

    /// `GET /{version}/models/{model}` (`models.get`, free): the model as `models.list` shows it, or the service's 404.
    func getModel(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        let listed = StubModels.listed(servesRetired: options.servesRetiredModels)
        guard let model = listed.first(where: { $0["name"] as? String == "models/\(id)" }) else {
            return .error(404, "models/\(id) is not found for API version v1beta, or is not supported for getModel.")
        }
        return .json(model)
    }

    /// `GET /{version}/files`: live files, newest first, 10 to a page unless asked.
    func listFiles(_ request: ServerRequest) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        return Self.page(files.allLive().map { $0.resource(baseURL: baseURL) }, as: "files", request, size: 10)
    }
}
