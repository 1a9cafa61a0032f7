import Foundation

/// The wall clock, behind a protocol so tests can pin time.
package protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's real-time clock.
package struct SystemClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}

extension Date {
    /// Nanoseconds since 1970, the unit of file timestamps.
    package var nanosecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1_000_000_000).rounded()) }

    /// RFC 3339 with milliseconds, in UTC.
    package var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: self)
    }
}
