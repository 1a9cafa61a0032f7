import Foundation

/// Why a body does not parse: one line per violation, as the service words them.
struct SchemaViolations: Error {
    enum Violation {
        case unknownName(String, path: [String])
        case invalidValue(path: [String], type: String, value: Any)
        case notRepeating(path: [String])

        var fieldPath: String {
            switch self {
            case .unknownName(let name, let path): (path + [name]).joined(separator: ".")
            case .invalidValue(let path, _, _), .notRepeating(let path): path.joined(separator: ".")
            }
        }

        var description: String {
            switch self {
            case .unknownName(let name, let path):
                let place = path.isEmpty ? "" : " at '\(path.joined(separator: "."))'"
                return "Invalid JSON payload received. Unknown name \"\(name)\"\(place): Cannot find field."
            case .invalidValue(let path, let type, let value):
                return "Invalid value at '\(path.joined(separator: "."))' (\(type)), \(Self.quote(value))"
            case .notRepeating(let path):
                return
                    "Invalid JSON payload received. Unknown name \"\(path.last ?? "")\": Proto field is not repeating, cannot start list."
            }
        }

        static func quote(_ value: Any) -> String {
            if let text = value as? String { return "\"\(text)\"" }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
            {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }

    let violations: [Violation]

    init(_ violations: [Violation]) { self.violations = violations }

    /// Every violation under `prefix` (batch requests are checked inside their batch body).
    func prefixed(_ prefix: [String]) -> SchemaViolations {
        SchemaViolations(
            violations.map {
                switch $0 {
                case .unknownName(let name, let path): .unknownName(name, path: prefix + path)
                case .invalidValue(let path, let type, let value):
                    .invalidValue(path: prefix + path, type: type, value: value)
                case .notRepeating(let path): .notRepeating(path: prefix + path)
                }
            })
    }

    var message: String { violations.map(\.description).joined(separator: "\n") }

    /// The `BadRequest` detail the service adds.
    var details: [[String: Any]] {
        [
            [
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": violations.map { ["field": $0.fieldPath, "description": $0.description] },
            ]
        ]
    }
}
