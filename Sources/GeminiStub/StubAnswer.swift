import Foundation

/// One HTTP answer the stub is about to send, and the scripted fault that shaped it.
struct StubAnswer {
    var status: Int
    var headers: [String: String]
    var body: Data
    var fault: StubFault?

    static let jsonType = ["Content-Type": "application/json; charset=UTF-8"]

    /// A 200 (or `status`) with a JSON body.
    static func json(_ object: Any, status: Int = 200, headers: [String: String] = [:], fault: StubFault? = nil)
        -> StubAnswer
    {
        let body = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return StubAnswer(status: status, headers: jsonType.merging(headers) { $1 }, body: body, fault: fault)
    }

    /// The service's error envelope: `{"error": {"code", "message", "status", "details"}}`.
    static func error(_ code: Int, _ message: String, status: String? = nil, details: [[String: Any]] = [])
        -> StubAnswer
    {
        json(["error": errorObject(code, message, status: status, details: details)], status: code)
    }

    static func error(_ refusal: StubRefusal) -> StubAnswer {
        error(refusal.code, refusal.message, status: refusal.status, details: refusal.details)
    }

    static func errorObject(_ code: Int, _ message: String, status: String? = nil, details: [[String: Any]] = [])
        -> [String: Any]
    {
        var error: [String: Any] = ["code": code, "message": message, "status": status ?? statusName(code)]
        if !details.isEmpty { error["details"] = details }
        return error
    }

    static func statusName(_ code: Int) -> String {
        [
            400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 408: "DEADLINE_EXCEEDED",
            429: "RESOURCE_EXHAUSTED",
            500: "INTERNAL", 502: "UNAVAILABLE", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
        ][code] ?? "UNKNOWN"
    }
}

/// A request the service refuses, as a value: the HTTP code, message and optional status name and details.
struct StubRefusal: Error {
    var code: Int
    var message: String
    var status: String?
    var details: [[String: Any]] = []

    init(_ code: Int, _ message: String, status: String? = nil, details: [[String: Any]] = []) {
        self.code = code
        self.message = message
        self.status = status
        self.details = details
    }

    /// The same refusal as a `google.rpc.Status` inside a batch result: gRPC's numeric code, no HTTP status.
    var rpcStatus: [String: Any] {
        let grpc =
            [
                "INVALID_ARGUMENT": 3, "NOT_FOUND": 5, "PERMISSION_DENIED": 7, "RESOURCE_EXHAUSTED": 8,
                "FAILED_PRECONDITION": 9,
                "INTERNAL": 13, "UNAVAILABLE": 14, "DEADLINE_EXCEEDED": 4,
            ][status ?? StubAnswer.statusName(code)] ?? 2
        var object: [String: Any] = ["code": grpc, "message": message]
        if !details.isEmpty { object["details"] = details }
        return object
    }
}
