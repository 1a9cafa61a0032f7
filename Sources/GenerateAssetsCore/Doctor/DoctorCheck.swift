/// One line of `doctor`: what was checked, whether it passed, what was found, and how to fix a failure.
package struct DoctorCheck: Sendable, Codable, Equatable {
    /// A short stable name: `manifest`, `key`, `base_url`, `key_accepted`, `models`, `libvips`, `libgit2`,
    /// `cache`, `notes`.
    package var name: String
    package var ok: Bool
    package var detail: String
    package var fix: String?

    package static func pass(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, ok: true, detail: detail, fix: nil)
    }

    package static func fail(_ name: String, _ detail: String, fix: String?) -> DoctorCheck {
        DoctorCheck(name: name, ok: false, detail: detail, fix: fix)
    }
}

/// Everything `doctor` checked, in order.
package struct DoctorReport: Sendable, Codable {
    package var checks: [DoctorCheck]
    package var ok: Bool { checks.allSatisfy(\.ok) }

    enum CodingKeys: String, CodingKey { case checks, ok }

    package init(checks: [DoctorCheck]) { self.checks = checks }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checks, forKey: .checks)
        try container.encode(ok, forKey: .ok)
    }

    package init(from decoder: any Decoder) throws {
        checks = try decoder.container(keyedBy: CodingKeys.self).decode([DoctorCheck].self, forKey: .checks)
    }
}
