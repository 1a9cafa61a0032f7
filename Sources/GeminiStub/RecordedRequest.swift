import AssetSupport
import Foundation

/// One request the stub received, for tests to assert on.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    public var headers: [String: String]
    public var queryKey: String?
    public var body: Data
    public var model: String?
    public var prompt: String?
    public var status: Int
    public var fault: StubFault?
    public var receivedAt: Date
    /// The whole answer was handed to the connection (false when the client had gone).
    public var delivered: Bool
    /// SHA-256 of the image answered (200s only).
    public var imageSHA256: String?
    /// SHA-256 of the request body: the same call sent twice has the same value.
    public var bodySHA256: String
    /// The image size drawn (a model's default when the request named none).
    public var imageSize: String?
    /// The file a finished upload created.
    public var upload: StubUpload?
    /// The batch this request created.
    public var batchName: String?

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
    public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}
