import Foundation

extension GeminiStub {
    /// The API versions every route answers under: the seeds call `v1beta`, google-genai 3.6.1 calls `v1`.
    static let versions = "(?:v1|v1beta|v1alpha)"

    /// Sends each method and path to its handler; anything else is the service's 404.
    func route(_ request: ServerRequest, record: inout RecordedRequest) -> StubAnswer {
        let method = request.method
        let path = request.path
        let v = Self.versions
        if method == "GET", path == "/_stub/requests" { return requestLog() }
        if method == "GET", path == "/_stub/batches" { return batchLog() }
        if method == "POST", let match = Self.captures(path, #"^/(v1|v1beta|v1alpha)/models/([^/:]+):generateContent$"#)
        {
            return generateContent(request, version: match[0], modelID: match[1], record: &record)
        }
        if method == "GET", let match = Self.captures(path, #"^/(v1|v1beta|v1alpha)/models$"#) {
            return listModels(request, version: match[0])
        }
        if method == "GET", let match = Self.captures(path, "^/\(v)/models/([^/:]+)$") {
            return getModel(request, id: match[0])
        }
        if method == "POST", Self.captures(path, "^/upload/\(v)/files$") != nil {
            return request.query["upload_id"] == nil ? startUpload(request) : continueUpload(request, record: &record)
        }
        if method == "GET", Self.captures(path, "^/\(v)/files$") != nil { return listFiles(request) }
        if let match = Self.captures(path, "^/\(v)/files/([a-z0-9-]+)$") {
            if method == "GET" { return getFile(request, id: match[0]) }
            if method == "DELETE" { return deleteFile(request, id: match[0]) }
        }
        // The download URI a file carries (`/download/v1beta/files/x:download`), and the API-path form the SDK calls.
        if method == "GET", let match = Self.captures(path, "^(?:/download)?/\(v)/files/([a-z0-9-]+):download$") {
            return downloadFile(request, id: match[0])
        }
        if method == "GET", let match = Self.captures(path, "^/storage/files/([a-z0-9-]+)$") {
            return storageFile(request, id: match[0])
        }
        if method == "POST", let match = Self.captures(path, "^/\(v)/models/([^/:]+):batchGenerateContent$") {
            return createBatch(request, modelID: match[0], record: &record)
        }
        if method == "GET", Self.captures(path, "^/\(v)/batches$") != nil { return listBatches(request) }
        if let match = Self.captures(path, "^/\(v)/batches/([a-z0-9]+)$") {
            if method == "GET" { return getBatch(request, id: match[0]) }
            if method == "DELETE" { return deleteBatch(request, id: match[0]) }
        }
        if method == "POST", let match = Self.captures(path, "^/\(v)/batches/([a-z0-9]+):cancel$") {
            return cancelBatch(request, id: match[0])
        }
        return .error(404, "Requested entity was not found.")
    }

    /// The capture groups of `pattern` in `text`, nil when it does not match.
    static func captures(_ text: String, _ pattern: String) -> [String]? {
        let regex = try! NSRegularExpression(pattern: pattern)
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
    }
}
