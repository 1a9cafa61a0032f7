/// Which model answered a call, from the answer's `modelVersion`.
package enum ServedModel {
    /// The model `modelVersion` names when it is not `requested`; nil when it is, or when there is none.
    /// Ids are compared whole (a `models/` resource prefix aside), never parsed.
    package static func differing(_ modelVersion: String?, from requested: String) -> String? {
        guard var served = modelVersion, !served.isEmpty else { return nil }
        if served.hasPrefix("models/") { served.removeFirst("models/".count) }
        return served == requested ? nil : served
    }
}
