import AssetProviders
import Foundation
import GeminiStub

/// Raw HTTP calls to a stub over real sockets, for checking the wire itself.
struct StubCalls {
    let baseURL: URL
    let key: String?
    let transport = HTTPTransports.standard(idleTimeout: 30, requestTimeout: 120)

    init(_ stub: GeminiStub, key: String? = StubHarness.key) {
        baseURL = stub.baseURL
        self.key = key
    }

    /// Sends `body` to `path` (which may carry a query) with the key header.
    func send(_ path: String, method: String = "POST", headers: [String: String] = [:], body: Data = Data())
        async throws -> HTTPResponse
    {
        var all = headers
        if let key { all["x-goog-api-key"] = key }
        let url = path.hasPrefix("http") ? URL(string: path)! : URL(string: baseURL.absoluteString + path)!
        return try await transport.send(HTTPRequest(url: url, method: method, headers: all, body: body))
    }

    func send(_ path: String, method: String = "POST", json: Any) async throws -> HTTPResponse {
        try await send(
            path, method: method, headers: ["Content-Type": "application/json"],
            body: JSONSerialization.data(withJSONObject: json))
    }

    /// `generateContent` for `model` with a raw JSON body.
    func generate(_ body: Any, model: String = "gemini-3.1-flash-image") async throws -> HTTPResponse {
        try await send("/v1beta/models/\(model):generateContent", json: body)
    }

    /// The File API's two steps; returns the finalize answer.
    func upload(_ data: Data, mimeType: String = "image/png", displayName: String = "ref", announced: Int? = nil)
        async throws -> HTTPResponse
    {
        let start = try await send(
            "/upload/v1beta/files",
            headers: [
                "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
                "Content-Type": "application/json",
                "X-Goog-Upload-Header-Content-Length": String(announced ?? data.count),
                "X-Goog-Upload-Header-Content-Type": mimeType,
            ], body: JSONSerialization.data(withJSONObject: ["file": ["displayName": displayName]]))
        guard let url = start.headers["x-goog-upload-url"] else { return start }
        return try await send(
            url, headers: ["X-Goog-Upload-Command": "upload, finalize", "X-Goog-Upload-Offset": "0"], body: data)
    }

    /// A request body: a prompt, then `parts`, with an image config.
    static func body(
        prompt: String = "A fox", ratio: String = "1:1", size: String? = "512", parts: [[String: Any]] = [],
        generation: [String: Any] = [:]
    ) -> [String: Any] {
        var image: [String: Any] = ["aspectRatio": ratio]
        if let size { image["imageSize"] = size }
        var config = generation
        config["imageConfig"] = image
        return ["contents": [["role": "user", "parts": [["text": prompt]] + parts]], "generationConfig": config]
    }
}

extension HTTPResponse {
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    /// `error.message` of an error envelope.
    var errorMessage: String? { (json?["error"] as? [String: Any])?["message"] as? String }

    /// The final (non-thought) image of a generateContent answer, decoded.
    var finalImage: Data? { StubCalls.finalImage(in: json ?? [:]) }
}

extension StubCalls {
    static func finalImage(in response: [String: Any]) -> Data? {
        let parts =
            (((response["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"]
                as? [[String: Any]]) ?? []
        let image = parts.last { $0["inlineData"] != nil && $0["thought"] == nil }
        return ((image?["inlineData"] as? [String: Any])?["data"] as? String).flatMap { Data(base64Encoded: $0) }
    }
}
