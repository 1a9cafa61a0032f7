import AssetSupport
import Foundation

/// One request the stub received, for tests to assert on.
package struct RecordedRequest: Sendable {
    package var method: String
    package var path: String
    package var headers: [String: String]
    package var queryKey: String?
    package var body: Data
    package var model: String?
    package var prompt: String?
    package var status: Int
    package var fault: StubFault?
    package var receivedAt: Date
    /// The whole answer was handed to the connection (false when the client had gone).
    package var delivered: Bool
    /// SHA-256 of the image answered (200s only).
    package var imageSHA256: String?
    /// The `responseId` answered (200s only).
    package var responseID: String?
    /// The whole answer as JSON (200s only): its content (what a client replays in a later turn), usage and
    /// `modelVersion`, for tests to compare with what the client recorded.
    package var answer: Data?
    /// The answer's `usageMetadata` token counts by name, e.g. `promptTokenCount` (200s only).
    package var usage: [String: Int]?
    /// SHA-256 of the request body: the same call sent twice has the same value.
    package var bodySHA256: String
    /// The image size drawn (a model's default when the request named none).
    package var imageSize: String?
    /// The file a finished upload created.
    package var upload: StubUpload?
    /// The batch this request created.
    package var batchName: String?
    /// The seconds the stub waited before answering (`--latency`, `--latency-for`).
    package var latency: TimeInterval = 0

    init(_ request: ServerRequest) {
        method = request.method
        path = request.path
        headers = request.headers
        queryKey = request.query["key"]
        body = request.body
        status = 0
        receivedAt = Date()
        delivered = false
        bodySHA256 = SHA256.hash(request.body).hex
    }

    /// The body as JSON.
    package var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}
