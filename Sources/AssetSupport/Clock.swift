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

/// A clock that moves only when told: for tests (and the stub) to drive lifetimes and schedules by steps.
package final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    package init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    package func now() -> Date { lock.withLock { current } }

    /// Moves the clock on by `seconds`.
    package func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
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

    /// Reads what `iso8601` writes (milliseconds), or the same without fractional seconds.
    package init?(iso8601 text: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        self = date
    }
}
