import Foundation

/// The wall clock, behind a protocol so tests can pin time.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// Nanoseconds since 1970, the unit of file timestamps.
    public var nanosecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1_000_000_000).rounded()) }

    /// RFC 3339 with milliseconds, in UTC.
    public var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: self)
    }
}
