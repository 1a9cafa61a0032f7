import Foundation

extension GeminiErrors {
    /// True for a 429 whose `QuotaFailure` names a per-day quota (`…PerDay…`): retrying cannot help today.
    static func isDailyQuota(_ body: Data) -> Bool {
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let error = root["error"] as? [String: Any], let details = error["details"] as? [[String: Any]]
        else { return false }
        return details.contains { detail in
            guard (detail["@type"] as? String)?.hasSuffix("google.rpc.QuotaFailure") == true else { return false }
            let violations = (detail["violations"] as? [[String: Any]]) ?? []
            return violations.contains { ($0["quotaId"] as? String)?.contains("PerDay") == true }
        }
    }
}
